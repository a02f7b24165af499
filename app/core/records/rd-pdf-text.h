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
 * @too_costly: (array length=n_pages): %TRUE for a page whose extraction went
 *   over the per-page budget (rd_pdf_get_page_budget()): its text is then ""
 *   and @has_text_layer %FALSE
 * @n_too_costly: how many pages went over the budget
 */
typedef struct {
  guint      n_pages;
  char     **texts;
  gboolean  *has_text_layer;
  guint      n_with_text;
  gboolean  *too_costly;
  guint      n_too_costly;
} RdPdfText;

/* The text of one page larger than this (after extraction) is too costly to
 * store and index: the page is marked instead. */
#define RD_PDF_PAGE_TEXT_MAX_BYTES (4 * 1024 * 1024)

gboolean   *rd_pdf_text_page_kinds (const RdPdfText *text);
gint64      rd_pdf_get_page_budget (void);
void        rd_pdf_set_page_budget (gint64 usec);
gboolean    rd_pdf_page_over_budget (gint64      usec,
                                     const char *text);

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
