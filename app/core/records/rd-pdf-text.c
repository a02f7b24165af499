/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>
#include <string.h>

#include "rd-case-file.h"
#include "rd-pdf-text.h"

G_DEFINE_QUARK (rd-pdf-error-quark, rd_pdf_error)

/* poppler-glib 22.12 defines no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Two seconds per page: far above an ordinary page (a few milliseconds), far
 * below what a hostile page can take (tens of seconds). */
#define DEFAULT_PAGE_BUDGET_USEC (2 * G_USEC_PER_SEC)

static gint64 page_budget_usec = DEFAULT_PAGE_BUDGET_USEC;

/**
 * rd_pdf_get_page_budget:
 *
 * Returns: the time, in microseconds, that extracting one page's text may
 *   take before the page is marked as too costly
 */
gint64
rd_pdf_get_page_budget (void)
{
  return page_budget_usec;
}

/**
 * rd_pdf_set_page_budget:
 * @usec: the per-page time budget in microseconds (0 restores the default)
 *
 * For tests and benchmarks. Poppler cannot be interrupted safely, so the
 * budget is measured: a page that went over it is marked after its
 * extraction returned; the budget does not cut a single Poppler call short.
 */
void
rd_pdf_set_page_budget (gint64 usec)
{
  page_budget_usec = usec > 0 ? usec : DEFAULT_PAGE_BUDGET_USEC;
}

/**
 * rd_pdf_page_over_budget:
 * @usec: how long the page's extraction took
 * @text: (nullable): the text it produced
 *
 * Returns: whether the page's extraction went over the time budget or its
 *   text over %RD_PDF_PAGE_TEXT_MAX_BYTES
 */
gboolean
rd_pdf_page_over_budget (gint64      usec,
                         const char *text)
{
  return usec > page_budget_usec || (text != NULL && strlen (text) > RD_PDF_PAGE_TEXT_MAX_BYTES);
}

/**
 * rd_pdf_text_page_kinds:
 *
 * Returns: (transfer full) (array): for each page, what
 *   rd_case_file_attach_record() takes as @has_text_layer: %TRUE, %FALSE
 *   or %RD_CASE_PAGE_TOO_COSTLY
 */
gboolean *
rd_pdf_text_page_kinds (const RdPdfText *text)
{
  gboolean *kinds = g_new0 (gboolean, MAX (text->n_pages, 1));

  for (guint i = 0; i < text->n_pages; i++)
    kinds[i] = text->too_costly != NULL && text->too_costly[i] ? RD_CASE_PAGE_TOO_COSTLY : text->has_text_layer[i];
  return kinds;
}

void
rd_pdf_text_free (RdPdfText *text)
{
  if (text == NULL)
    return;
  for (guint i = 0; i < text->n_pages; i++)
    g_free (text->texts[i]);
  g_free (text->texts);
  g_free (text->has_text_layer);
  g_free (text->too_costly);
  g_free (text);
}

/* The PDF header may follow a little junk, as readers allow (within 1 KiB). */
static gboolean
looks_like_pdf (GBytes *pdf)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  gsize window = MIN (size, 1024);

  for (gsize i = 0; i + 5 <= window; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_visible_text (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static PopplerDocument *
load_document (GBytes      *pdf,
               const char  *name,
               const char  *password,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  PopplerDocument *document;

  if (!looks_like_pdf (pdf))
    {
      g_set_error (error, RD_PDF_ERROR, RD_PDF_ERROR_NOT_PDF,
                   _("“%s” is not a PDF. Attach records as PDF files."), name);
      return NULL;
    }
  if (password == NULL)
    document = poppler_document_new_from_bytes (pdf, NULL, &local);
  else
    {
      /* poppler_document_new_from_bytes() in poppler 22.12 crashes on a wrong
       * password (see rd-document.c); a memory stream reads the same bytes. */
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (pdf);

      document = poppler_document_new_from_stream (stream, (goffset) g_bytes_get_size (pdf), password, NULL, &local);
    }
  if (document != NULL)
    return document;
  if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED) && password != NULL && *password != '\0')
    g_set_error (error, RD_PDF_ERROR, RD_PDF_ERROR_BAD_PASSWORD,
                 _("The password does not open “%s”. Check it with whoever sent the records."), name);
  else if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, RD_PDF_ERROR, RD_PDF_ERROR_ENCRYPTED,
                 _("“%s” is protected by a password. Ask the sender for an unprotected copy."), name);
  else
    g_set_error (error, RD_PDF_ERROR, RD_PDF_ERROR_DAMAGED,
                 _("“%s” is a damaged PDF that cannot be read (%s). Ask the sender for a new copy."),
                 name, local->message);
  return NULL;
}

/**
 * rd_pdf_text_extract:
 * @pdf: the PDF's bytes
 * @name: the file's name, for messages
 * @cancellable: (nullable): checked between pages
 *
 * Opens the PDF with Poppler and extracts the text of every page. Refuses
 * what cannot be a record: not a PDF, password-protected, damaged, or
 * without pages.
 *
 * Returns: (transfer full) (nullable): the pages' text, or %NULL with @error
 *   set (%RD_PDF_ERROR, or %G_IO_ERROR_CANCELLED)
 */
RdPdfText *
rd_pdf_text_extract (GBytes        *pdf,
                     const char    *name,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return rd_pdf_text_extract_with_password (pdf, name, NULL, cancellable, error);
}

/**
 * rd_pdf_text_extract_with_password:
 * @password: (nullable): the password of an encrypted PDF
 *
 * As rd_pdf_text_extract(), opening an encrypted PDF with @password; a
 * password that does not open it is refused (%RD_PDF_ERROR_BAD_PASSWORD).
 */
RdPdfText *
rd_pdf_text_extract_with_password (GBytes        *pdf,
                                   const char    *name,
                                   const char    *password,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(RdPdfText) text = NULL;
  int n_pages;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  document = load_document (pdf, name, password, error);
  if (document == NULL)
    return NULL;
  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error (error, RD_PDF_ERROR, RD_PDF_ERROR_EMPTY,
                   _("“%s” has no pages. Attach the complete record."), name);
      return NULL;
    }

  text = g_new0 (RdPdfText, 1);
  text->texts = g_new0 (char *, n_pages + 1);
  text->has_text_layer = g_new0 (gboolean, n_pages);
  text->too_costly = g_new0 (gboolean, n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = NULL;
      char *page_text;
      gint64 start;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      start = g_get_monotonic_time ();
      page = poppler_document_get_page (document, i);
      page_text = page != NULL ? poppler_page_get_text (page) : NULL;
      if (rd_pdf_page_over_budget (g_get_monotonic_time () - start, page_text))
        {
          g_clear_pointer (&page_text, g_free);
          text->too_costly[i] = TRUE;
          text->n_too_costly++;
        }
      text->has_text_layer[i] = has_visible_text (page_text);
      text->texts[i] = page_text != NULL ? page_text : g_strdup ("");
      text->n_pages++;
      if (text->has_text_layer[i])
        text->n_with_text++;
    }
  return g_steal_pointer (&text);
}
