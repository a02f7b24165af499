/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* Record bytes are read in pieces, so a cancelled read stops early and the
 * digest is computed as the bytes arrive. */
#define BLOB_CHUNK (1024 * 1024)

void
_rd_case_close_owned (sqlite3  *db,
                      gboolean  owned)
{
  if (owned && db != NULL)
    {
      _rd_case_rollback (db);
      sqlite3_close (db);
    }
}

static void
not_found (gint64   record_id,
           GError **error)
{
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND,
               _("The case has no record %lld."), (long long) record_id);
}

/* Runs @sql (one "?" for the record id) and returns it on the record's row,
 * or NULL with NOT_FOUND when there is no such record. */
static RdStmt *
step_to_record (sqlite3     *db,
                const char  *sql,
                gint64       record_id,
                GError     **error)
{
  gboolean has_row;
  g_autoptr(RdStmt) stmt = _rd_db_query_row (db, &has_row, error, sql, "i", record_id);

  if (stmt == NULL)
    return NULL;
  if (!has_row)
    {
      not_found (record_id, error);
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

static gboolean
lookup_record_by_hash (sqlite3     *db,
                       const char  *sha256,
                       gint64      *record_id,
                       GError     **error)
{
  gboolean has_row;
  g_autoptr(RdStmt) stmt = _rd_db_query_row (db, &has_row, error,
                                             "SELECT id FROM record WHERE sha256 = ?", "s", sha256);

  if (stmt == NULL)
    return FALSE;
  *record_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gint64
insert_record (sqlite3           *db,
               const RdCaseActor *actor,
               GBytes            *pdf,
               const char        *sha256,
               const char        *file_name,
               guint              n_pages,
               const char        *who,
               GError           **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *target = NULL;
  g_autofree char *summary = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (pdf, &size);
  gint64 record_id;

  stmt = _rd_db_prepare (db, "INSERT INTO record (sha256, file_name, size, n_pages, added_by, added_at, data)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  _rd_db_bind (stmt, "ssiiss", sha256, file_name, (gint64) size, (gint64) n_pages, who, now);
  sqlite3_bind_blob64 (stmt, 7, data, size, SQLITE_STATIC);
  if (!_rd_db_step_done (db, stmt, error))
    return 0;
  record_id = sqlite3_last_insert_rowid (db);

  target = g_strdup_printf ("record/%" G_GINT64_FORMAT, record_id);
  summary = g_strdup_printf ("%s; %u pages; %" G_GSIZE_FORMAT " bytes; sha256 %s", file_name, n_pages, size, sha256);
  if (!_rd_case_audit (db, actor, "record-add", target, NULL, summary, error))
    return 0;
  return record_id;
}

/* Refuses what cannot be a record before the case is touched; otherwise
 * gives the name to store (a base name) and the bytes' SHA-256. */
static gboolean
check_new_record (GBytes      *pdf,
                  const char  *file_name,
                  guint        n_pages,
                  char       **base,
                  char       **sha256,
                  GError     **error)
{
  *base = g_path_get_basename (file_name);
  if (g_bytes_get_size (pdf) == 0 || n_pages == 0 || !g_utf8_validate (*base, -1, NULL))
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                   _("The record “%s” is empty, has no pages or has a name that is not text; it was"
                     " not attached."), file_name);
      return FALSE;
    }
  *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  return TRUE;
}

/**
 * rd_case_file_add_record:
 * @pdf: the PDF's bytes
 * @file_name: the name to show, e.g. "neurology-note.pdf" (a base name)
 * @n_pages: the PDF's page count (from Poppler; see rd_pdf_text_extract())
 * @who: (nullable): who added it, as the audit log should say; %NULL for the
 *   actor set with rd_case_file_set_actor()
 * @already_present: (out) (optional): set to %TRUE when a record with the
 *   same SHA-256 was already attached (nothing is written then)
 *
 * Stores a PDF record's bytes alone, in one transaction: its page text comes
 * later, in another (rd_case_file_set_page_texts()). To attach a record,
 * use rd_case_file_attach_record(), which stores both at once. Any thread: off the owner thread
 * it uses its own connection, so a GTask worker can store a large file while
 * the display keeps writing scores.
 *
 * Returns: the record's id, or 0 with @error set
 */
gint64
rd_case_file_add_record (RdCaseFile  *self,
                         GBytes      *pdf,
                         const char  *file_name,
                         guint        n_pages,
                         const char  *who,
                         gboolean    *already_present,
                         GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autofree char *sha256 = NULL;
  g_autofree char *base = NULL;
  gboolean owned = FALSE;
  sqlite3 *db = NULL;
  gint64 record_id = 0;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);
  g_return_val_if_fail (pdf != NULL, 0);
  g_return_val_if_fail (file_name != NULL, 0);

  if (already_present != NULL)
    *already_present = FALSE;
  if (!check_new_record (pdf, file_name, n_pages, &base, &sha256, error))
    return 0;

  db = _rd_case_thread_db (self, TRUE, &owned, error);
  if (db == NULL || !_rd_case_begin_write (self, db, &actor, error) ||
      !lookup_record_by_hash (db, sha256, &record_id, error))
    goto out;
  if (record_id != 0)
    {
      if (already_present != NULL)
        *already_present = TRUE;
      _rd_case_rollback (db);
      goto out;
    }
  if (who != NULL)
    {
      g_free (actor.name);
      actor.name = g_strdup (who);
    }
  record_id = insert_record (db, &actor, pdf, sha256, base, n_pages, actor.name, error);
  if (record_id == 0 || !_rd_case_commit_change (self, db, "record", error))
    record_id = 0;

out:
  if (db != NULL)
    _rd_case_rollback (db);
  _rd_case_close_owned (db, owned);
  return record_id;
}

static RdCaseRecord *
record_from_row (RdStmt *stmt)
{
  RdCaseRecord *record = g_new0 (RdCaseRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->file_name = _rd_db_column_text (stmt, 1);
  record->sha256 = _rd_db_column_text (stmt, 2);
  record->size = sqlite3_column_int64 (stmt, 3);
  record->n_pages = (guint) sqlite3_column_int64 (stmt, 4);
  record->n_pages_indexed = (guint) sqlite3_column_int64 (stmt, 5);
  record->added_by = _rd_db_column_text (stmt, 6);
  record->added_at = _rd_db_column_time (stmt, 7);
  record->password_stored = sqlite3_column_int (stmt, 8) != 0;
  record->n_pages_too_costly = (guint) sqlite3_column_int64 (stmt, 9);
  return record;
}

static GPtrArray *
query_records (RdCaseFile  *self,
               gint64       record_id,
               GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_record_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db,
                         "SELECT id, file_name, sha256, size, n_pages,"
                         " (SELECT count(*) FROM record_page p WHERE p.record_id = record.id),"
                         " added_by, added_at,"
                         " EXISTS (SELECT 1 FROM record_password w WHERE w.record_id = record.id),"
                         " (SELECT count(*) FROM record_page p WHERE p.record_id = record.id"
                         "  AND p.has_text_layer = " G_STRINGIFY (RD_CASE_PAGE_TOO_COSTLY) ")"
                         " FROM record WHERE ?1 = 0 OR id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "i", record_id);
  while (TRUE)
    {
      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (records, record_from_row (stmt));
    }
  return g_steal_pointer (&records);
}

/**
 * rd_case_file_list_records:
 *
 * Returns: (transfer container) (element-type RdCaseRecord): the attached
 *   records in the order they were added, without their bytes
 */
GPtrArray *
rd_case_file_list_records (RdCaseFile  *self,
                           GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return query_records (self, 0, error);
}

/**
 * rd_case_file_get_record:
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %RD_CASE_FILE_ERROR_NOT_FOUND
 */
RdCaseRecord *
rd_case_file_get_record (RdCaseFile  *self,
                         gint64       record_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  records = query_records (self, record_id, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0 || record_id <= 0)
    {
      not_found (record_id, error);
      return NULL;
    }
  return g_ptr_array_steal_index (records, 0);
}

static GBytes *
read_blob (sqlite3       *db,
           gint64         record_id,
           const char    *sha256,
           GCancellable  *cancellable,
           GError       **error)
{
  sqlite3_blob *blob = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *data = NULL;
  int size, rc;

  rc = sqlite3_blob_open (db, "main", "record", "data", record_id, 0, &blob);
  if (rc != SQLITE_OK)
    {
      _rd_db_set_error (db, rc, error);
      sqlite3_blob_close (blob);
      return NULL;
    }
  size = sqlite3_blob_bytes (blob);
  data = g_malloc (MAX (size, 1));
  for (int offset = 0; offset < size; offset += BLOB_CHUNK)
    {
      int n = MIN (BLOB_CHUNK, size - offset);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_blob_close (blob);
          return NULL;
        }
      rc = sqlite3_blob_read (blob, data + offset, n, offset);
      if (rc != SQLITE_OK)
        {
          _rd_db_set_error (db, rc, error);
          sqlite3_blob_close (blob);
          return NULL;
        }
      g_checksum_update (sum, data + offset, n);
    }
  sqlite3_blob_close (blob);

  if (g_strcmp0 (g_checksum_get_string (sum), sha256) != 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
                   _("Record %lld is damaged: its bytes no longer match the SHA-256 stored"
                     " when it was attached. Restore the case from a backup."), (long long) record_id);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/**
 * rd_case_file_read_record:
 * @cancellable: (nullable): stops a long read
 *
 * Reads a record's PDF bytes with incremental blob I/O and checks them
 * against the SHA-256 stored when the record was attached. Any thread: off
 * the owner thread it uses its own read-only connection.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 *   (%RD_CASE_FILE_ERROR_NOT_FOUND, %RD_CASE_FILE_ERROR_DAMAGED, ...)
 */
GBytes *
rd_case_file_read_record (RdCaseFile    *self,
                          gint64         record_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *sha256 = NULL;
  GBytes *bytes = NULL;
  gboolean owned = FALSE;
  sqlite3 *db;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  db = _rd_case_thread_db (self, FALSE, &owned, error);
  if (db == NULL)
    return NULL;
  /* One read transaction, so the row and its blob are read as one. */
  if (!_rd_db_exec (db, "BEGIN", error))
    goto out;
  stmt = step_to_record (db, "SELECT sha256 FROM record WHERE id = ?", record_id, error);
  if (stmt == NULL)
    goto out;
  sha256 = _rd_db_column_text (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  bytes = read_blob (db, record_id, sha256, cancellable, error);

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _rd_case_rollback (db);
  _rd_case_close_owned (db, owned);
  return bytes;
}

/* Frees a copy of a password, overwriting it first. */
static void
wipe_password (char *password)
{
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

/* Reads the stored password of @record_id into *@password (%NULL when none). */
static gboolean
query_password (sqlite3     *db,
                gint64       record_id,
                char       **password,
                GError     **error)
{
  gboolean has_row;
  g_autoptr(RdStmt) stmt = _rd_db_query_row (db, &has_row, error,
                                             "SELECT password FROM record_password WHERE record_id = ?",
                                             "i", record_id);

  *password = NULL;
  if (stmt == NULL)
    return FALSE;
  if (has_row)
    *password = _rd_db_column_text (stmt, 0);
  return TRUE;
}

/* Stores @password as the record's (or forgets it when %NULL) in one
 * audited transaction; nothing is written when nothing changes. */
static gboolean
change_password (RdCaseFile  *self,
                 gint64       record_id,
                 const char  *password,
                 GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *target = g_strdup_printf ("record/%" G_GINT64_FORMAT, record_id);
  char *stored = NULL;
  gboolean owned = FALSE, ok = FALSE;
  sqlite3 *db = _rd_case_thread_db (self, TRUE, &owned, error);

  if (db == NULL || !_rd_case_begin_write (self, db, &actor, error) ||
      (stmt = step_to_record (db, "SELECT id FROM record WHERE id = ?", record_id, error)) == NULL ||
      !query_password (db, record_id, &stored, error))
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (g_strcmp0 (stored, password) == 0)
    {
      ok = TRUE;
      goto out;
    }
  if (password != NULL)
    {
      stmt = _rd_db_prepare (db, "INSERT OR REPLACE INTO record_password (record_id, password, stored_by, stored_at)"
                                 " VALUES (?, ?, ?, ?)", error);
      if (stmt != NULL)
        _rd_db_bind (stmt, "isss", record_id, password, actor.name, now);
    }
  else if ((stmt = _rd_db_prepare (db, "DELETE FROM record_password WHERE record_id = ?", error)) != NULL)
    _rd_db_bind (stmt, "i", record_id);
  /* The audit entry says that it changed, never what it is. */
  ok = stmt != NULL && _rd_db_step_done (db, stmt, error) &&
       _rd_case_audit (db, &actor, password != NULL ? "record-password-stored" : "record-password-forgotten",
                       target, NULL, NULL, error) &&
       _rd_case_commit_change (self, db, "record-password", error);

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  wipe_password (stored);
  if (db != NULL)
    _rd_case_rollback (db);
  _rd_case_close_owned (db, owned);
  return ok;
}

/**
 * rd_case_file_store_record_password:
 * @record_id: an attached record
 * @password: the password that opens it
 *
 * Keeps the password of an encrypted record in the case file, so that the
 * record opens later without asking (rd_record_open_async() uses it). Anyone
 * who can open the case can then open the record: store it only when the
 * reviewer agreed. This function does not check that @password opens the
 * record; rd_record_store_password_async() does, and is what to call.
 *
 * Audited as "record-password-stored" on the record, without the password.
 * Storing the password already stored writes nothing. Any thread.
 */
gboolean
rd_case_file_store_record_password (RdCaseFile  *self,
                                    gint64       record_id,
                                    const char  *password,
                                    GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (*password == '\0' || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                   _("The password for record %lld is empty or is not text; it was not stored."),
                   (long long) record_id);
      return FALSE;
    }
  return change_password (self, record_id, password, error);
}

/**
 * rd_case_file_forget_record_password:
 * @record_id: an attached record
 *
 * Removes the record's stored password from the case file (its bytes are
 * overwritten: the case file uses secure_delete); the record asks for it
 * again the next time it is opened. Audited as "record-password-forgotten";
 * a record without a stored password writes nothing. Any thread.
 */
gboolean
rd_case_file_forget_record_password (RdCaseFile  *self,
                                     gint64       record_id,
                                     GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  return change_password (self, record_id, NULL, error);
}

/**
 * rd_case_file_lookup_record_password:
 * @record_id: an attached record
 * @password: (out) (transfer full) (nullable): the stored password, or
 *   %NULL when none is stored
 *
 * Reads a record's stored password (see
 * rd_case_file_store_record_password()). Any thread.
 *
 * Returns: %FALSE with @error set when the case cannot be read
 */
gboolean
rd_case_file_lookup_record_password (RdCaseFile  *self,
                                     gint64       record_id,
                                     char       **password,
                                     GError     **error)
{
  gboolean owned = FALSE, ok;
  sqlite3 *db;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  *password = NULL;
  db = _rd_case_thread_db (self, FALSE, &owned, error);
  if (db == NULL)
    return FALSE;
  ok = query_password (db, record_id, password, error);
  _rd_case_close_owned (db, owned);
  return ok;
}

/* Page text is stored as valid UTF-8 without the characters that mark
 * search matches. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *clean = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p++)
    if (*p != RD_CASE_MATCH_START[0] && *p != RD_CASE_MATCH_END[0])
      g_string_append_c (clean, *p);
  return g_string_free (clean, FALSE);
}

static gboolean
store_pages (sqlite3              *db,
             gint64                record_id,
             guint                 n_pages,
             const char * const   *texts,
             const gboolean       *has_text_layer,
             guint                *n_with_text,
             GError              **error)
{
  g_autoptr(RdStmt) remove = NULL;
  g_autoptr(RdStmt) insert = NULL;

  remove = _rd_db_prepare (db, "DELETE FROM record_page WHERE record_id = ?", error);
  if (remove == NULL)
    return FALSE;
  insert = _rd_db_prepare (db, "INSERT INTO record_page (record_id, page_number, text, has_text_layer)"
                               " VALUES (?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  _rd_db_bind (remove, "i", record_id);
  if (!_rd_db_step_done (db, remove, error))
    return FALSE;
  /* Words recognised on the pages replaced go with them. */
  g_clear_pointer (&remove, sqlite3_finalize);
  remove = _rd_db_prepare (db, "DELETE FROM page_word WHERE record_id = ?", error);
  if (remove == NULL)
    return FALSE;
  _rd_db_bind (remove, "i", record_id);
  if (!_rd_db_step_done (db, remove, error))
    return FALSE;
  *n_with_text = 0;
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = clean_text (texts[i]);

      gint64 layer = has_text_layer[i] == RD_CASE_PAGE_TOO_COSTLY ? RD_CASE_PAGE_TOO_COSTLY : has_text_layer[i] != FALSE;

      _rd_db_bind (insert, "iisi", record_id, (gint64) i + 1, text, layer);
      if (!_rd_db_step_done (db, insert, error))
        return FALSE;
      if (layer == 1)
        (*n_with_text)++;
    }
  return TRUE;
}

/**
 * rd_case_file_set_page_texts:
 * @record_id: an attached record
 * @n_pages: how many pages follow; at most the record's page count
 * @texts: (array length=n_pages): each page's text, page 1 first
 * @has_text_layer: (array length=n_pages): whether the page had a text layer
 *   (%FALSE for a scanned page without one)
 *
 * Replaces the record's page text and its full-text index in ONE transaction,
 * audited by page count only (never the text). Any thread: meant for a GTask
 * worker that extracted the text with Poppler; off the owner thread it uses its
 * own connection and waits (busy timeout) for the owner's short transactions.
 * "changed" ("page-text") is emitted on the owner's main context.
 */
gboolean
rd_case_file_set_page_texts (RdCaseFile          *self,
                             gint64               record_id,
                             guint                n_pages,
                             const char * const  *texts,
                             const gboolean      *has_text_layer,
                             GError             **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *target = NULL;
  g_autofree char *summary = NULL;
  gboolean owned = FALSE, ok = FALSE;
  guint n_with_text = 0;
  sqlite3 *db;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (n_pages == 0 || (texts != NULL && has_text_layer != NULL), FALSE);

  db = _rd_case_thread_db (self, TRUE, &owned, error);
  if (db == NULL || !_rd_case_begin_write (self, db, &actor, error))
    goto out;

  stmt = step_to_record (db, "SELECT n_pages FROM record WHERE id = ?", record_id, error);
  if (stmt == NULL)
    goto out;
  if (n_pages > (guint) sqlite3_column_int64 (stmt, 0))
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                   _("Record %lld has %u pages, not %u; its text was not stored."),
                   (long long) record_id, (guint) sqlite3_column_int64 (stmt, 0), n_pages);
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  target = g_strdup_printf ("record/%" G_GINT64_FORMAT, record_id);
  if (!store_pages (db, record_id, n_pages, texts, has_text_layer, &n_with_text, error))
    goto out;
  summary = g_strdup_printf ("%u pages; %u with a text layer", n_pages, n_with_text);
  ok = _rd_case_audit (db, &actor, "page-text", target, NULL, summary, error) &&
       _rd_case_commit_change (self, db, "page-text", error);

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (db != NULL)
    _rd_case_rollback (db);
  _rd_case_close_owned (db, owned);
  return ok;
}

/**
 * rd_case_file_get_page_text:
 * @page_number: from 1
 * @has_text_layer: (out) (optional): whether the page had a text layer
 *
 * Returns: (transfer full) (nullable): the stored text of the page, or %NULL
 *   with %RD_CASE_FILE_ERROR_NOT_FOUND when it has not been stored
 */
char *
rd_case_file_get_page_text (RdCaseFile  *self,
                            gint64       record_id,
                            guint        page_number,
                            gboolean    *has_text_layer,
                            GError     **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_query_row (self->db, &has_row, error,
                           "SELECT text, has_text_layer FROM record_page"
                           " WHERE record_id = ? AND page_number = ?",
                           "ii", record_id, (gint64) page_number);
  if (stmt == NULL)
    return NULL;
  if (!has_row)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND,
                   _("The text of page %u of record %lld has not been stored."),
                   page_number, (long long) record_id);
      return NULL;
    }
  if (has_text_layer != NULL)
    *has_text_layer = sqlite3_column_int (stmt, 1) == 1;
  return _rd_db_column_text (stmt, 0);
}

/**
 * rd_case_file_list_scanned_pages:
 *
 * Returns: (transfer full) (element-type guint) (nullable): the numbers (from
 *   1), in order, of the record's pages stored without a text layer (scans)
 *   that have no text to search: not recognised yet, refused, or recognised
 *   without a word; empty while the record's text is not stored
 */
GArray *
rd_case_file_list_scanned_pages (RdCaseFile  *self,
                                 gint64       record_id,
                                 GError     **error)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT page_number FROM record_page"
                                   " WHERE record_id = ? AND (has_text_layer IN (0, " G_STRINGIFY (RD_CASE_PAGE_UNRECOGNISABLE) ")"
                                   "  OR (has_text_layer = " G_STRINGIFY (RD_CASE_PAGE_RECOGNISED) " AND text = ''))"
                                   " ORDER BY page_number", error);
  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "i", record_id);
  while (TRUE)
    {
      guint page_number;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      page_number = (guint) sqlite3_column_int64 (stmt, 0);
      g_array_append_val (pages, page_number);
    }
  return g_steal_pointer (&pages);
}

/* Turns what a reviewer types into an FTS5 query: every word must occur, in
 * any order; the last word may be the start of a word (search as you type).
 * Quoting each word keeps FTS5's operators and punctuation out of it. */
static char *
fts_query (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) query = g_string_new (NULL);
  guint last = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      last = i;
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = NULL;

      if (words[i][0] == '\0')
        continue;
      word = g_string_new (words[i]);
      g_string_replace (word, "\"", "\"\"", 0);
      g_string_append_printf (query, "%s\"%s\"%s", query->len ? " " : "", word->str, i == last ? "*" : "");
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/**
 * rd_case_file_search:
 * @query: the words to find, as the reviewer typed them
 * @max_hits: at most this many pages (0 for no limit)
 *
 * Finds the pages whose text holds every word of @query (case and accents
 * ignored; the last word also matches as a prefix).
 *
 * Returns: (transfer container) (element-type RdCaseSearchHit): the pages,
 *   by record and page, each with a snippet whose matches are between
 *   %RD_CASE_MATCH_START and %RD_CASE_MATCH_END
 */
GPtrArray *
rd_case_file_search (RdCaseFile  *self,
                     const char  *query,
                     guint        max_hits,
                     GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_search_hit_free);
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *match = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  match = fts_query (query);
  if (match == NULL)
    return g_steal_pointer (&hits);

  stmt = _rd_db_prepare (self->db,
                         "SELECT p.record_id, p.page_number,"
                         " snippet(page_fts, 0, char(2), char(3), '…', 16),"
                         " p.has_text_layer = " G_STRINGIFY (RD_CASE_PAGE_RECOGNISED) ","
                         " (SELECT avg(w.confidence) FROM page_word w"
                         "  WHERE w.record_id = p.record_id AND w.page_number = p.page_number)"
                         " FROM page_fts JOIN record_page p ON p.id = page_fts.rowid"
                         " WHERE page_fts MATCH ? ORDER BY p.record_id, p.page_number LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "si", match, max_hits > 0 ? (gint64) max_hits : (gint64) -1);
  while (TRUE)
    {
      RdCaseSearchHit *hit;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      hit = g_new0 (RdCaseSearchHit, 1);
      hit->record_id = sqlite3_column_int64 (stmt, 0);
      hit->page_number = (guint) sqlite3_column_int64 (stmt, 1);
      hit->snippet = _rd_db_column_text (stmt, 2);
      hit->recognised = sqlite3_column_int (stmt, 3) != 0;
      hit->confidence = sqlite3_column_double (stmt, 4);
      g_ptr_array_add (hits, hit);
    }
  return g_steal_pointer (&hits);
}

/* How many of the record's pages have their text row. */
static gboolean
count_page_rows (sqlite3  *db,
                 gint64    record_id,
                 gint64   *n_rows,
                 GError  **error)
{
  gboolean has_row;
  g_autoptr(RdStmt) stmt = _rd_db_query_row (db, &has_row, error,
                                             "SELECT count(*) FROM record_page WHERE record_id = ?",
                                             "i", record_id);

  if (stmt == NULL)
    return FALSE;
  *n_rows = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Stores the pages of @record_id (replacing any) with their audit entry. */
static gboolean
store_pages_audited (sqlite3             *db,
                     const RdCaseActor   *actor,
                     gint64               record_id,
                     guint                n_pages,
                     const char * const  *texts,
                     const gboolean      *has_text_layer,
                     GError             **error)
{
  g_autofree char *target = g_strdup_printf ("record/%" G_GINT64_FORMAT, record_id);
  g_autofree char *summary = NULL;
  guint n_with_text = 0;

  if (!store_pages (db, record_id, n_pages, texts, has_text_layer, &n_with_text, error))
    return FALSE;
  summary = g_strdup_printf ("%u pages; %u with a text layer", n_pages, n_with_text);
  return _rd_case_audit (db, actor, "page-text", target, NULL, summary, error);
}

/**
 * rd_case_file_attach_record:
 * @pdf: the PDF's bytes
 * @file_name: the name to show, e.g. "neurology-note.pdf" (a base name)
 * @n_pages: the PDF's page count
 * @texts: (array length=n_pages): each page's text, page 1 first, extracted
 *   before this call (rd_pdf_text_extract(), rd_document_extract_text_async())
 * @has_text_layer: (array length=n_pages): %TRUE for a page with a text
 *   layer, %FALSE for a scan, %RD_CASE_PAGE_TOO_COSTLY for a page whose
 *   extraction went over its budget
 * @who: (nullable): who added it; %NULL for the actor set with
 *   rd_case_file_set_actor()
 * @outcome: (out) (optional): what was done
 *
 * Attaches a PDF record with all its page text and full-text index entries
 * in ONE transaction: killed, out of disk or failing at any point, the case
 * holds either no record or the record with every page. A record already
 * attached with all its text writes nothing; one attached without all its
 * text (by a version whose attach took two transactions) gets its text now.
 * Any thread, as rd_case_file_add_record().
 *
 * Returns: the record's id, or 0 with @error set
 */
gint64
rd_case_file_attach_record (RdCaseFile           *self,
                            GBytes               *pdf,
                            const char           *file_name,
                            guint                 n_pages,
                            const char * const   *texts,
                            const gboolean       *has_text_layer,
                            const char           *who,
                            RdCaseAttachOutcome  *outcome,
                            GError              **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autofree char *sha256 = NULL;
  g_autofree char *base = NULL;
  g_autoptr(RdStmt) stmt = NULL;
  RdCaseAttachOutcome done = RD_CASE_ATTACH_ADDED;
  gboolean owned = FALSE;
  sqlite3 *db = NULL;
  gint64 record_id = 0, n_rows = 0;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);
  g_return_val_if_fail (pdf != NULL, 0);
  g_return_val_if_fail (file_name != NULL, 0);
  g_return_val_if_fail (n_pages == 0 || (texts != NULL && has_text_layer != NULL), 0);

  if (!check_new_record (pdf, file_name, n_pages, &base, &sha256, error))
    return 0;

  db = _rd_case_thread_db (self, TRUE, &owned, error);
  if (db == NULL || !_rd_case_begin_write (self, db, &actor, error) ||
      !lookup_record_by_hash (db, sha256, &record_id, error))
    goto fail;
  if (who != NULL)
    {
      g_free (actor.name);
      actor.name = g_strdup (who);
    }
  if (record_id != 0)
    {
      stmt = step_to_record (db, "SELECT n_pages FROM record WHERE id = ?", record_id, error);
      if (stmt == NULL || !count_page_rows (db, record_id, &n_rows, error))
        goto fail;
      if (n_rows >= sqlite3_column_int64 (stmt, 0))
        {
          done = RD_CASE_ATTACH_ALREADY_PRESENT;
          goto out;
        }
      if ((gint64) n_pages != sqlite3_column_int64 (stmt, 0))
        {
          g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                       _("Record %lld has %u pages, not %u; its text was not stored."),
                       (long long) record_id, (guint) sqlite3_column_int64 (stmt, 0), n_pages);
          goto fail;
        }
      done = RD_CASE_ATTACH_COMPLETED;
    }
  else if ((record_id = insert_record (db, &actor, pdf, sha256, base, n_pages, actor.name, error)) == 0)
    goto fail;
  if (!store_pages_audited (db, &actor, record_id, n_pages, texts, has_text_layer, error) ||
      !_rd_case_commit_change (self, db, "record", error))
    goto fail;

out:
  if (outcome != NULL)
    *outcome = done;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (db != NULL)
    _rd_case_rollback (db);
  _rd_case_close_owned (db, owned);
  return record_id;

fail:
  record_id = 0;
  goto out;
}
