/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The text of a PDF record, page by page, from Poppler: what a case stores
 * with rd_case_file_add_record() and rd_case_file_set_page_texts(). Poppler
 * is slow on big files: call this from a worker thread. Each call opens its
 * own PopplerDocument, so calls in different threads do not share one.
 */

#define RD_PDF_ERROR (rd_pdf_error_quark ())
GQuark rd_pdf_error_quark (void);

/**
 * RdPdfError:
 * @RD_PDF_ERROR_NOT_PDF: the bytes are not a PDF
 * @RD_PDF_ERROR_ENCRYPTED: the PDF needs a password
 * @RD_PDF_ERROR_DAMAGED: Poppler cannot read the PDF
 * @RD_PDF_ERROR_EMPTY: the PDF has no pages
 * @RD_PDF_ERROR_BAD_PASSWORD: the password given does not open the PDF
 */
typedef enum {
  RD_PDF_ERROR_NOT_PDF,
  RD_PDF_ERROR_ENCRYPTED,
  RD_PDF_ERROR_DAMAGED,
  RD_PDF_ERROR_EMPTY,
  RD_PDF_ERROR_BAD_PASSWORD,
} RdPdfError;

/**
 * RdPdfText:
 * @n_pages: the page count (at least one)
 * @texts: (array length=n_pages): each page's text, page 1 first
 * @has_text_layer: (array length=n_pages): %FALSE for a page without text
 *   (a scan), whose text is then ""
 * @n_with_text: how many pages have a text layer
 */
typedef struct {
  guint      n_pages;
  char     **texts;
  gboolean  *has_text_layer;
  guint      n_with_text;
} RdPdfText;

RdPdfText *rd_pdf_text_extract (GBytes        *pdf,
                                const char    *name,
                                GCancellable  *cancellable,
                                GError       **error);
RdPdfText *rd_pdf_text_extract_with_password (GBytes        *pdf,
                                              const char    *name,
                                              const char    *password,
                                              GCancellable  *cancellable,
                                              GError       **error);
void       rd_pdf_text_free    (RdPdfText     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPdfText, rd_pdf_text_free)

G_END_DECLS
