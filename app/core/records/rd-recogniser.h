/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-case-file.h"

G_BEGIN_DECLS

/*
 * Recognition of a case's scanned pages: every page stored without a text
 * layer and not yet recognised (rd_case_file_list_pages_to_recognise()) is
 * read with Tesseract (rd-ocr.h) and stored, one transaction per page
 * (rd_case_file_store_recognised_page()). A page that cannot be recognised is
 * marked so, with a message; the record's other pages are still read.
 */

/**
 * RdRecogniseCounts:
 * @n_recognised: pages recognised and stored
 * @n_refused: pages refused (marked unrecognisable)
 * @refusals: (element-type utf8): one message per refused page, naming the
 *   record and the page
 */
typedef struct {
  guint      n_recognised;
  guint      n_refused;
  GPtrArray *refusals;
} RdRecogniseCounts;

void     rd_recognise_counts_clear (RdRecogniseCounts *counts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdRecogniseCounts, rd_recognise_counts_clear)

gboolean rd_recognise_pending      (RdCaseFile          *case_file,
                                    gint64               record_id,
                                    GCancellable        *cancellable,
                                    RdRecogniseCounts   *counts,
                                    GError             **error);

#define RD_TYPE_RECOGNISER (rd_recogniser_get_type ())
G_DECLARE_FINAL_TYPE (RdRecogniser, rd_recogniser, RD, RECOGNISER, GObject)

RdRecogniser *rd_recogniser_new           (RdCaseFile    *case_file);
void          rd_recogniser_queue_pending (RdRecogniser  *self);
void          rd_recogniser_cancel        (RdRecogniser  *self);
guint         rd_recogniser_get_done      (RdRecogniser  *self);
guint         rd_recogniser_get_total     (RdRecogniser  *self);

G_END_DECLS
