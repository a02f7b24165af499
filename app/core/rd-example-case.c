/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "rd-case-file.h"
#include "rd-example.h"
#include "rd-pdf-text.h"

/* A trainee's case made from an example: the request and the record PDFs,
 * nothing of the reference key.  The records themselves say which example they
 * come from (their PDF keywords), so a trainer can score the case against the
 * key later without the case holding it. */

static gboolean
attach_record (RdExample   *example,
               guint        index,
               RdCaseFile  *cf,
               GError     **error)
{
  const char *file = rd_example_get_record_file (example, index);
  g_autoptr(GBytes) pdf = rd_example_get_record_pdf (example, index, error);
  g_autoptr(RdPdfText) text = NULL;
  gint64 id;

  if (pdf == NULL)
    return FALSE;
  text = rd_pdf_text_extract (pdf, file, NULL, error);
  if (text == NULL)
    return FALSE;
  id = rd_case_file_add_record (cf, pdf, file, text->n_pages, NULL, NULL, error);
  return id != 0 &&
         rd_case_file_set_page_texts (cf, id, text->n_pages, (const char * const *) text->texts,
                                      text->has_text_layer, error);
}

static void
remove_case (const char *case_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (case_path, suffixes[i], NULL);
      g_unlink (path);
    }
}

/**
 * rd_example_instantiate:
 * @example_path: a bundled (or any) example case file
 * @case_path: the case file to create; must not exist
 *
 * Creates a new case from an example: the request and every record as PDF with
 * its page text, attached through the case-file API; the reference key stays
 * out. The request is received now, less the example's received age (see
 * rd_example_make_request()). The example file is only read. On failure no case file is left behind.
 *
 * Returns: %TRUE when the case was created
 */
gboolean
rd_example_instantiate (const char  *example_path,
                        const char  *case_path,
                        GError     **error)
{
  g_autoptr(RdExample) example = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean ok;

  g_return_val_if_fail (example_path != NULL, FALSE);
  g_return_val_if_fail (case_path != NULL, FALSE);

  example = rd_example_load (example_path, error);
  if (example == NULL)
    return FALSE;

  cf = rd_case_file_create (case_path, NULL, error);
  if (cf == NULL)
    return FALSE;
  /* Not a person: the program put the example's records in. */
  rd_case_file_set_actor (cf, "ReviewDesk", NULL, RD_ROLE_TRAINER);

  /* A training copy is received now (less the example's age), not on the
   * example's date: otherwise every copy would open long overdue. */
  request = rd_example_make_request (example, now);
  ok = rd_case_file_set_request (cf, request, error);
  for (guint i = 0; ok && i < rd_example_get_n_records (example); i++)
    ok = attach_record (example, i, cf, error);
  rd_case_file_close (cf);

  if (!ok)
    remove_case (case_path);
  return ok;
}

static char *
example_id_of_pdf (GBytes *pdf)
{
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, NULL);
  g_autofree char *keywords = NULL;
  char *id = NULL;

  if (document == NULL)
    return NULL;
  keywords = poppler_document_get_keywords (document);
  if (keywords != NULL && g_str_has_prefix (keywords, RD_EXAMPLE_PDF_KEYWORD_PREFIX))
    id = g_strdup (keywords + strlen (RD_EXAMPLE_PDF_KEYWORD_PREFIX));
  g_object_unref (document);
  return id;
}

/**
 * rd_example_identify_case:
 * @cf: a case file
 *
 * Finds which example a case was made from, from its records.
 *
 * Returns: (transfer full): the example's id, or %NULL with @error set
 *   (%RD_EXAMPLE_ERROR_NOT_FOUND for a case not made from an example)
 */
char *
rd_example_identify_case (RdCaseFile  *cf,
                          GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (cf), NULL);

  records = rd_case_file_list_records (cf, error);
  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      const RdCaseRecord *record = records->pdata[i];
      g_autoptr(GBytes) pdf = rd_case_file_read_record (cf, record->id, NULL, error);
      char *id;

      if (pdf == NULL)
        return NULL;
      if ((id = example_id_of_pdf (pdf)) != NULL)
        return id;
    }
  g_set_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_NOT_FOUND,
               _("%s was not made from an example case: it has no reference key."),
               rd_case_file_get_path (cf));
  return NULL;
}
