/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-record-store.h"

typedef struct {
  RdCaseFile *case_file;
  GFile      *file;
  char       *password;
  guint64     size_limit;
  char       *name;            /* as stored and shown: the file's base name */
  GBytes     *bytes;
  RdDocument *document;
  gint64      record_id;
  gboolean    already_present;
  GPtrArray  *texts;           /* rd_record_index_async() */
  gboolean    without_password;  /* read_and_open(): open it without one */
  GAsyncReadyCallback opened;  /* read_and_open(): then */
} RecordData;

static void
record_data_free (RecordData *data)
{
  g_clear_object (&data->case_file);
  g_clear_object (&data->file);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->name);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->document);
  g_clear_pointer (&data->texts, g_ptr_array_unref);
  g_free (data);
}

static GTask *
record_task_new (RdCaseFile          *case_file,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  RecordData *data = g_new0 (RecordData, 1);

  g_task_set_source_tag (task, source_tag);
  data->case_file = g_object_ref (case_file);
  g_task_set_task_data (task, data, (GDestroyNotify) record_data_free);
  return task;
}

/* A task about an attached record, with the password to open it (nullable). */
static GTask *
record_task_new_for (RdCaseFile          *case_file,
                     gint64               record_id,
                     const char          *password,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  GTask *task = record_task_new (case_file, cancellable, callback, user_data, source_tag);
  RecordData *data = g_task_get_task_data (task);

  data->record_id = record_id;
  data->password = g_strdup (password);
  return task;
}

/* Why GIO could not read the PDF, without the path GIO's own message repeats. */
static const char *
unreadable_reason (const GError *error)
{
  switch (error->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      return _("the file is no longer there");
    case G_IO_ERROR_PERMISSION_DENIED:
      return _("you may not read the file");
    case G_IO_ERROR_IS_DIRECTORY:
      return _("it is a folder, not a file");
    default:
      return _("the file could not be read");
    }
}

/* Fails @task with @error, naming the file the message is about once. */
static void
return_not_attached (GTask  *task,
                     GError *error)
{
  RecordData *data = g_task_get_task_data (task);

  if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
    {
      /* GIO names the file by its full path: say it once, in our words. */
      GError *read_error = g_error_new (error->domain, error->code,
                                        _("“%s” was not attached: %s. Check that it is still there and that you"
                                          " may read it; the case was not changed."),
                                        data->name, unreadable_reason (error));
      g_error_free (error);
      error = read_error;
    }
  else if (error->domain != G_IO_ERROR && strstr (error->message, data->name) == NULL)
    g_prefix_error (&error, _("“%s” was not attached: "), data->name);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* What rd_case_file_attach_record() takes for the texts of
 * rd_document_extract_text_finish(): NULL marks a page over its budget. */
static gboolean *
page_kinds (GPtrArray *texts)
{
  gboolean *kinds = g_new0 (gboolean, MAX (texts->len, 1));

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (text == NULL)
        {
          kinds[i] = RD_CASE_PAGE_TOO_COSTLY;
          g_ptr_array_index (texts, i) = g_strdup ("");
        }
      else
        kinds[i] = !rd_page_text_is_scan (text);
    }
  return kinds;
}

static void
add_record_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  RecordData *data = task_data;
  g_autofree gboolean *kinds = page_kinds (data->texts);
  RdCaseAttachOutcome outcome = RD_CASE_ATTACH_ADDED;
  GError *error = NULL;

  /* The bytes, every page's text and its index entries in one transaction. */
  data->record_id = rd_case_file_attach_record (data->case_file, data->bytes, data->name, data->texts->len,
                                                (const char * const *) data->texts->pdata, kinds, NULL,
                                                &outcome, &error);
  data->already_present = outcome == RD_CASE_ATTACH_ALREADY_PRESENT;
  if (data->record_id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void store_texts_in_thread (GTask *, gpointer, gpointer, GCancellable *);

/* Attaching and indexing both extract the text first, then store it (with
 * the bytes, when attaching) on a GTask worker. */
static void
texts_extracted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RecordData *data = g_task_get_task_data (task);
  gboolean attaching = g_task_get_source_tag (task) == rd_record_attach_async;
  GError *error = NULL;

  data->texts = rd_document_extract_text_finish (RD_DOCUMENT (source), result, &error);
  if (data->texts == NULL)
    {
      if (attaching)
        {
          return_not_attached (task, error);
          return;
        }
      g_task_return_error (task, error);
    }
  else
    /* Storing a large file takes a while; the case file's writer connection
     * for other threads keeps the main loop free meanwhile. */
    g_task_run_in_thread (task, attaching ? add_record_in_thread : store_texts_in_thread);
  g_object_unref (task);
}

static void
attach_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  RecordData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->document = rd_document_open_finish (result, &error);
  if (data->document == NULL)
    {
      return_not_attached (task, error);
      return;
    }
  /* The text first, on the document's worker; nothing is written before it
   * is all there, so the record is stored with every page or not at all. */
  rd_document_extract_text_async (data->document, NULL, NULL, g_task_get_cancellable (task),
                                  texts_extracted, task);
}

static gboolean
check_size (GTask   *task,
            goffset  size)
{
  RecordData *data = g_task_get_task_data (task);
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;

  if (size >= 0 && (guint64) size <= data->size_limit)
    return TRUE;
  /* In MiB, as the limit is set in Preferences. */
  size_text = g_format_size_full ((guint64) size, G_FORMAT_SIZE_IEC_UNITS);
  limit_text = g_format_size_full (data->size_limit, G_FORMAT_SIZE_IEC_UNITS);
  return_not_attached (task, g_error_new (RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_TOO_LARGE,
                                          _("it is %s, above the limit of %s for a record. Split the PDF,"
                                            " or raise “Largest record” in Preferences."),
                                          size_text, limit_text));
  return FALSE;
}

static void
attach_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  RecordData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (data->bytes == NULL)
    {
      return_not_attached (task, error);
      return;
    }
  if (!check_size (task, (goffset) g_bytes_get_size (data->bytes)))
    return;
  rd_document_open_async (data->bytes, data->password, g_task_get_cancellable (task), attach_opened, task);
}

static void
attach_queried (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  GError *error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      return_not_attached (task, error);
      return;
    }
  /* Checked before reading, so a huge file is never loaded only to be refused. */
  if (!check_size (task, g_file_info_get_size (info)))
    return;
  g_file_load_bytes_async (G_FILE (source), g_task_get_cancellable (task), attach_loaded, task);
}

/**
 * rd_record_attach_async:
 * @password: (nullable): the password of an encrypted PDF
 * @size_limit: the largest file accepted, in bytes
 *
 * Attaches a PDF to the case: refuses it (and leaves the case file untouched)
 * when it is above @size_limit, not a PDF, damaged, without pages, or encrypted
 * without the right password (%RD_DOCUMENT_ERROR_ENCRYPTED or
 * %RD_DOCUMENT_ERROR_BAD_PASSWORD: ask for it and try again); otherwise
 * extracts every page's text (on the document's worker) and then stores the
 * bytes, the text and its index in one transaction. The same file attached
 * twice is stored once; a record stored earlier without all its text gets
 * its text.
 */
void
rd_record_attach_async (RdCaseFile          *case_file,
                        GFile               *file,
                        const char          *password,
                        guint64              size_limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  RecordData *data;

  g_return_if_fail (RD_IS_CASE_FILE (case_file));
  g_return_if_fail (G_IS_FILE (file));

  task = record_task_new (case_file, cancellable, callback, user_data, rd_record_attach_async);
  data = g_task_get_task_data (task);
  data->file = g_object_ref (file);
  data->password = g_strdup (password);
  data->size_limit = size_limit;
  data->name = g_file_get_basename (file);
  if (data->name == NULL || !g_utf8_validate (data->name, -1, NULL))
    {
      g_free (data->name);
      data->name = g_strdup (_("record.pdf"));
    }
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, attach_queried, task);
}

/**
 * rd_record_attach_finish:
 * @document: (out) (optional) (transfer full): the opened record, ready to
 *   show and to index with rd_record_index_async()
 * @already_present: (out) (optional): whether the case already held these
 *   bytes (nothing was written; the id is the earlier record's)
 *
 * Returns: the record's id, or 0 with @error set
 */
gint64
rd_record_attach_finish (GAsyncResult  *result,
                         RdDocument   **document,
                         gboolean      *already_present,
                         GError       **error)
{
  RecordData *data;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_record_attach_async, 0);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;
  data = g_task_get_task_data (G_TASK (result));
  if (document != NULL)
    *document = g_object_ref (data->document);
  if (already_present != NULL)
    *already_present = data->already_present;
  return data->record_id;
}

static void
read_record_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RecordData *data = task_data;
  GError *error = NULL;

  data->bytes = rd_case_file_read_record (data->case_file, data->record_id, cancellable, &error);
  /* Without a password given, the one stored in the case (if any) opens it. */
  if (data->bytes != NULL && data->password == NULL &&
      !rd_case_file_lookup_record_password (data->case_file, data->record_id, &data->password, &error))
    g_clear_pointer (&data->bytes, g_bytes_unref);
  if (data->bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
record_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  RecordData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rd_document_open_async (data->bytes, data->without_password ? NULL : data->password,
                          g_task_get_cancellable (task), data->opened, task);
}

/* Reads the record's bytes (and its stored password when @task has none) on
 * a worker, then opens them on the document's worker, with the task's
 * password or, if @without_password, with none; @opened gets @task. */
static void
read_and_open (GTask               *task,
               gboolean             without_password,
               GAsyncReadyCallback  opened)
{
  RecordData *data = g_task_get_task_data (task);
  g_autoptr(GTask) read_task = g_task_new (NULL, g_task_get_cancellable (task), record_read, task);

  data->without_password = without_password;
  data->opened = opened;
  /* The worker task shares the data; the outer task outlives it. */
  g_task_set_task_data (read_task, data, NULL);
  g_task_run_in_thread (read_task, read_record_in_thread);
}

static void
open_opened (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  RdDocument *document = rd_document_open_finish (result, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
  g_object_unref (task);
}

/**
 * rd_record_open_async:
 * @password: (nullable): the password of an encrypted record; %NULL uses the
 *   one stored in the case (rd_record_store_password_async()), if any
 *
 * Reads an attached record's bytes (checked against their SHA-256) and opens
 * them for viewing.
 */
void
rd_record_open_async (RdCaseFile          *case_file,
                      gint64               record_id,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (RD_IS_CASE_FILE (case_file));
  g_return_if_fail (record_id > 0);

  read_and_open (record_task_new_for (case_file, record_id, password, cancellable, callback, user_data,
                                      rd_record_open_async),
                 FALSE, open_opened);
}

/**
 * rd_record_open_finish:
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
RdDocument *
rd_record_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_record_open_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_password_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  RecordData *data = task_data;
  GError *error = NULL;

  if (rd_case_file_store_record_password (data->case_file, data->record_id, data->password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
store_opened_with_password (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(RdDocument) document = rd_document_open_finish (result, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_run_in_thread (task, store_password_in_thread);
  g_object_unref (task);
}

static void
store_opened_without_password (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  GTask *task = user_data;
  RecordData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RdDocument) document = rd_document_open_finish (result, &error);

  if (g_error_matches (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED))
    {
      g_clear_error (&error);
      rd_document_open_async (data->bytes, data->password, g_task_get_cancellable (task),
                              store_opened_with_password, task);
      return;
    }
  if (document != NULL)
    g_task_return_new_error (task, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                             _("Record %lld opens without a password; no password was stored for it."),
                             (long long) data->record_id);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/**
 * rd_record_store_password_async:
 * @record_id: an attached, encrypted record
 * @password: its password
 *
 * Stores the password of an encrypted record in the case file, once the
 * reviewer agreed to it: anyone who can open the case can then open the
 * record. The record is opened first: a password that does not open it is
 * refused (%RD_DOCUMENT_ERROR_BAD_PASSWORD), and so is a record that needs
 * none (%RD_CASE_FILE_ERROR_INVALID); nothing is written then. Afterwards
 * rd_record_open_async() without a password opens the record, also after
 * the case is closed and opened again. The audit log says that a password was
 * stored, never which. rd_case_file_forget_record_password() removes it.
 */
void
rd_record_store_password_async (RdCaseFile          *case_file,
                                gint64               record_id,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RD_IS_CASE_FILE (case_file));
  g_return_if_fail (record_id > 0);
  g_return_if_fail (password != NULL);

  task = record_task_new_for (case_file, record_id, password, cancellable, callback, user_data,
                              rd_record_store_password_async);
  if (*password == '\0')
    {
      g_task_return_new_error (task, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_BAD_PASSWORD,
                               _("An empty password does not open record %lld; nothing was stored."),
                               (long long) record_id);
      g_object_unref (task);
      return;
    }
  /* First without it: a record that needs no password gets none. */
  read_and_open (task, TRUE, store_opened_without_password);
}

/**
 * rd_record_store_password_finish:
 *
 * Returns: %TRUE when the password is stored, or %FALSE with @error set
 */
gboolean
rd_record_store_password_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_record_store_password_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
store_texts_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RecordData *data = task_data;
  g_autofree gboolean *has_text_layer = page_kinds (data->texts);
  GError *error = NULL;

  if (rd_case_file_set_page_texts (data->case_file, data->record_id, data->texts->len,
                                   (const char * const *) data->texts->pdata, has_text_layer, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * rd_record_index_async:
 * @document: the record, opened
 * @progress: (nullable): told how many pages are extracted, on the main context
 *
 * Extracts the text of every page (at background priority on the document's
 * worker, so reading goes on meanwhile) and stores it with its full-text index
 * in one transaction. Pages without a text layer are stored as such, for the
 * viewer to flag as scans.
 */
void
rd_record_index_async (RdCaseFile          *case_file,
                       gint64               record_id,
                       RdDocument          *document,
                       RdProgressFunc       progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  RecordData *data;

  g_return_if_fail (RD_IS_CASE_FILE (case_file));
  g_return_if_fail (RD_IS_DOCUMENT (document));

  task = record_task_new (case_file, cancellable, callback, user_data, rd_record_index_async);
  data = g_task_get_task_data (task);
  data->record_id = record_id;
  data->document = g_object_ref (document);
  rd_document_extract_text_async (document, progress, progress_data, cancellable, texts_extracted, task);
}

gboolean
rd_record_index_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_record_index_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
