/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <poppler.h>

#include "rd-case-file.h"

G_BEGIN_DECLS

/*
 * Text recognition (OCR) of scanned record pages with Tesseract. An RdOcr
 * holds one Tesseract engine: use it from one thread at a time (one per
 * worker thread), never on the UI thread — a page takes seconds.
 */

#define RD_OCR_ERROR (rd_ocr_error_quark ())
GQuark rd_ocr_error_quark (void);

/**
 * RdOcrError:
 * @RD_OCR_ERROR_UNAVAILABLE: Tesseract or its English data is not installed
 * @RD_OCR_ERROR_PAGE_REFUSED: the page cannot be recognised (no area, or
 *   too many pixels); the other pages still can
 * @RD_OCR_ERROR_FAILED: Tesseract could not read the page
 */
typedef enum {
  RD_OCR_ERROR_UNAVAILABLE,
  RD_OCR_ERROR_PAGE_REFUSED,
  RD_OCR_ERROR_FAILED,
} RdOcrError;

/* Pages are rendered at this resolution for recognition... */
#define RD_OCR_DPI 300
/* ...and refused when that takes more pixels than this, so that a worker's
 * memory stays bounded (a US letter page is 8.4 megapixels). */
#define RD_OCR_MAX_PIXELS (50 * 1000 * 1000)

typedef struct _RdOcr RdOcr;

RdOcr  *rd_ocr_new            (GError          **error);
void    rd_ocr_free           (RdOcr            *ocr);
GArray *rd_ocr_recognise_page (RdOcr            *ocr,
                               PopplerPage      *page,
                               GCancellable     *cancellable,
                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdOcr, rd_ocr_free)

G_END_DECLS
