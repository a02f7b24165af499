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
  g_autofree gboolean *kinds = NULL;

  if (pdf == NULL)
    return FALSE;
  text = rd_pdf_text_extract (pdf, file, NULL, error);
  if (text == NULL)
    return FALSE;
  /* The record and its text in one transaction: never one without the other. */
  kinds = rd_pdf_text_page_kinds (text);
  return rd_case_file_attach_record (cf, pdf, file, text->n_pages, (const char * const *) text->texts, kinds,
                                     NULL, NULL, error) != 0;
}

typedef struct {
  RdExample *example;
  RdRequest *request;
} FillData;

static gboolean
fill_from_example (RdCaseFile  *cf,
                   gpointer     user_data,
                   GError     **error)
{
  FillData *data = user_data;

  /* Not a person: the program put the example's records in. */
  rd_case_file_set_actor (cf, "ReviewDesk", NULL, RD_ROLE_TRAINER);
  if (!rd_case_file_set_request (cf, data->request, error))
    return FALSE;
  for (guint i = 0; i < rd_example_get_n_records (data->example); i++)
    if (!attach_record (data->example, i, cf, error))
      return FALSE;
  return TRUE;
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
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  FillData data;

  g_return_val_if_fail (example_path != NULL, FALSE);
  g_return_val_if_fail (case_path != NULL, FALSE);

  example = rd_example_load (example_path, error);
  if (example == NULL)
    return FALSE;

  /* A training copy is received now (less the example's age), not on the
   * example's date: otherwise every copy would open long overdue. */
  request = rd_example_make_request (example, now);
  data.example = example;
  data.request = request;
  return rd_case_file_create_filled (case_path, NULL, fill_from_example, &data, error);
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

/* The example id in the first record that carries one. Any thread: it reads
 * the records with rd_case_file_read_record(). */
static char *
identify_records (RdCaseFile    *cf,
                  GArray        *record_ids,
                  GCancellable  *cancellable,
                  GError       **error)
{
  for (guint i = 0; i < record_ids->len; i++)
    {
      g_autoptr(GBytes) pdf = rd_case_file_read_record (cf, g_array_index (record_ids, gint64, i),
                                                        cancellable, error);
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

static GArray *
list_record_ids (RdCaseFile  *cf,
                 GError     **error)
{
  g_autoptr(GPtrArray) records = rd_case_file_list_records (cf, error);
  GArray *ids;

  if (records == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), records->len);
  for (guint i = 0; i < records->len; i++)
    g_array_append_val (ids, ((const RdCaseRecord *) records->pdata[i])->id);
  return ids;
}

/**
 * rd_example_identify_case:
 * @cf: a case file
 *
 * Finds which example a case was made from, from its records. Reads every
 * record with Poppler: in the application, use rd_example_load_for_case_async().
 *
 * Returns: (transfer full): the example's id, or %NULL with @error set
 *   (%RD_EXAMPLE_ERROR_NOT_FOUND for a case not made from an example)
 */
char *
rd_example_identify_case (RdCaseFile  *cf,
                          GError     **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (cf), NULL);

  ids = list_record_ids (cf, error);
  if (ids == NULL)
    return NULL;
  return identify_records (cf, ids, NULL, error);
}

typedef struct {
  RdCaseFile *cf;
  GArray     *record_ids;
} LoadForCase;

static void
load_for_case_free (LoadForCase *data)
{
  g_clear_object (&data->cf);
  g_clear_pointer (&data->record_ids, g_array_unref);
  g_free (data);
}

static void
load_for_case_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  LoadForCase *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *example_id = NULL;
  g_autofree char *path = NULL;
  RdExample *example = NULL;

  if ((example_id = identify_records (data->cf, data->record_ids, cancellable, &error)) != NULL &&
      (path = rd_example_find_bundled (example_id, &error)) != NULL)
    example = rd_example_load (path, &error);
  if (example == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, example, g_object_unref);
}

/**
 * rd_example_load_for_case_async:
 * @cf: an open case file, owned by the calling thread
 *
 * Finds the bundled example @cf was made from and loads it, reading the
 * records and the example on a worker thread. Keep @cf open until @callback
 * runs (the task holds a reference).
 */
void
rd_example_load_for_case_async (RdCaseFile          *cf,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  LoadForCase *data;
  GArray *ids;

  g_return_if_fail (RD_IS_CASE_FILE (cf));

  g_task_set_source_tag (task, rd_example_load_for_case_async);
  /* The record list comes from the owner's connection; the bytes from the worker's. */
  ids = list_record_ids (cf, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_new0 (LoadForCase, 1);
  data->cf = g_object_ref (cf);
  data->record_ids = ids;
  g_task_set_task_data (task, data, (GDestroyNotify) load_for_case_free);
  g_task_run_in_thread (task, load_for_case_thread);
}

/**
 * rd_example_load_for_case_finish:
 *
 * Returns: (transfer full) (nullable): the example, or %NULL with @error set
 *   (%RD_EXAMPLE_ERROR_NOT_FOUND for a case not made from a bundled example)
 */
RdExample *
rd_example_load_for_case_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
