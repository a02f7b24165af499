/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file-private.h"
#include "rd-case-replay.h"
#include "rd-seal-registry.h"

/**
 * rd_case_file_list_audit_after:
 * @after_seq: the last entry the caller has, or 0 for the whole log
 *
 * The entries appended after @after_seq: the log is append-only, so a view
 * that has read it once reads only what is new. Callable from any thread; a
 * worker reads through a read-only connection of its own.
 *
 * Returns: (transfer container) (element-type RdAuditEntry): the entries,
 *   oldest first
 */
GPtrArray *
rd_case_file_list_audit_after (RdCaseFile  *self,
                               gint64       after_seq,
                               GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_entry_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row, owned = FALSE, ok = FALSE;
  sqlite3 *db;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  db = _rd_case_thread_db (self, FALSE, &owned, error);
  if (db == NULL)
    return NULL;
  stmt = _rd_db_prepare (db, "SELECT seq, at, who, role, action, target, old_value, new_value,"
                             " prev_hash, hash FROM audit WHERE seq > ?1 ORDER BY seq", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  while (TRUE)
    {
      RdAuditEntry *entry;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        goto out;
      if (!has_row)
        break;
      entry = g_new0 (RdAuditEntry, 1);
      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->time = _rd_db_column_time (stmt, 1);
      entry->who = _rd_db_column_text (stmt, 2);
      entry->role = _rd_db_column_text (stmt, 3);
      entry->action = _rd_db_column_text (stmt, 4);
      entry->target = _rd_db_column_text (stmt, 5);
      entry->old_value = _rd_db_column_text (stmt, 6);
      entry->new_value = _rd_db_column_text (stmt, 7);
      entry->prev_hash = _rd_db_column_text (stmt, 8);
      entry->hash = _rd_db_column_text (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (owned)
    sqlite3_close (db);
  return ok ? g_steal_pointer (&entries) : NULL;
}

/**
 * rd_case_file_list_audit:
 *
 * Returns: (transfer container) (element-type RdAuditEntry): the audit log,
 *   oldest first
 */
GPtrArray *
rd_case_file_list_audit (RdCaseFile  *self,
                         GError     **error)
{
  return rd_case_file_list_audit_after (self, 0, error);
}

void
rd_case_verify_result_free (RdCaseVerifyResult *result)
{
  if (result == NULL)
    return;
  g_free (result->integrity_problem);
  g_free (result->audit_problem);
  g_free (result->seal_problem);
  g_free (result->records_problem);
  g_free (result->signature_problem);
  g_free (result->trust_problem);
  g_free (result->signers);
  g_free (result->replay_problem);
  g_free (result);
}

/**
 * rd_case_verify_result_ok:
 *
 * Returns: %TRUE when every check passed
 */
gboolean
rd_case_verify_result_ok (const RdCaseVerifyResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->integrity_problem == NULL && result->audit_problem == NULL && result->seal_problem == NULL &&
         result->records_problem == NULL && result->replay_problem == NULL &&
         result->signature_problem == NULL;
}

static gboolean
check_integrity (RdCaseFile          *self,
                 RdCaseVerifyResult  *result,
                 GError             **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (self->db, "PRAGMA integrity_check(10)", error);
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      const char *line;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  if (problems->len > 0)
    result->integrity_problem = g_strdup_printf (_("The database fails SQLite’s integrity check: %s."),
                                                 problems->str);
  return TRUE;
}

static gboolean
check_records (RdCaseFile          *self,
               RdCaseVerifyResult  *result,
               GError             **error)
{
  g_autoptr(GPtrArray) records = rd_case_file_list_records (self, error);

  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len && result->integrity_problem == NULL; i++)
    {
      RdCaseRecord *record = g_ptr_array_index (records, i);
      g_autoptr(GError) local = NULL;
      g_autoptr(GBytes) bytes = rd_case_file_read_record (self, record->id, NULL, &local);

      if (bytes == NULL)
        result->integrity_problem = g_strdup (local->message);
    }
  return TRUE;
}

static void
add_problem (GString    *problems,
             const char *line)
{
  g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "", line);
}

/* Every record has the text row of each of its pages (and no more). */
static gboolean
check_page_rows (RdCaseFile  *self,
                 GString     *problems,
                 GError     **error)
{
  g_autoptr(GPtrArray) records = rd_case_file_list_records (self, error);

  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      RdCaseRecord *record = g_ptr_array_index (records, i);
      g_autofree char *line = NULL;

      if (record->n_pages_indexed == record->n_pages)
        continue;
      line = g_strdup_printf (_("Record %lld (“%s”) has the text of %u of its %u pages: search cannot find"
                                " anything on the others. Attach the same PDF again to store its text."),
                              (long long) record->id, record->file_name, record->n_pages_indexed,
                              record->n_pages);
      add_problem (problems, line);
    }
  return TRUE;
}

/* The rows where @a and @b, two fts5vocab instance tables, differ: the pages
 * whose index entries are not those of their text. */
static const char index_diff_sql[] =
  "SELECT p.record_id, group_concat(p.page_number, ', '), r.file_name FROM record_page p"
  " JOIN record r ON r.id = p.record_id WHERE p.id IN ("
  "  SELECT doc FROM (SELECT term, doc, offset FROM temp.rd_vocab_index"
  "                   EXCEPT SELECT term, doc, offset FROM temp.rd_vocab_text)"
  "  UNION SELECT doc FROM (SELECT term, doc, offset FROM temp.rd_vocab_text"
  "                   EXCEPT SELECT term, doc, offset FROM temp.rd_vocab_index))"
  " GROUP BY p.record_id ORDER BY p.record_id";

/* Index entries whose page no longer exists. */
static const char index_orphans_sql[] =
  "SELECT count(DISTINCT doc) FROM temp.rd_vocab_index WHERE doc NOT IN (SELECT id FROM record_page)";

/* FTS5's own 'integrity-check' is a write statement, refused on the
 * read-only connection verify uses. The same comparison, read-only: the
 * page text is indexed again into a temporary table with the same
 * tokenizer, and both indexes are compared term by term, page by page. */
static gboolean
check_search_index (RdCaseFile  *self,
                    GString     *problems,
                    GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row, ok = FALSE;
  gint64 orphans = 0;
  gsize before = problems->len;

  if (!_rd_db_exec (self->db,
                    "DROP TABLE IF EXISTS temp.rd_vocab_index; DROP TABLE IF EXISTS temp.rd_vocab_text;"
                    "DROP TABLE IF EXISTS temp.rd_text_check;"
                    "CREATE VIRTUAL TABLE temp.rd_text_check USING fts5(text,"
                    "  tokenize='unicode61 remove_diacritics 2');"
                    "INSERT INTO temp.rd_text_check (rowid, text) SELECT id, text FROM main.record_page;"
                    "CREATE VIRTUAL TABLE temp.rd_vocab_index USING fts5vocab(main, page_fts, instance);"
                    "CREATE VIRTUAL TABLE temp.rd_vocab_text USING fts5vocab(temp, rd_text_check, instance);",
                    error))
    goto out;
  stmt = _rd_db_prepare (self->db, index_diff_sql, &local);
  while (stmt != NULL)
    {
      g_autofree char *line = NULL;

      if (!_rd_db_step_row (self->db, stmt, &has_row, &local) || !has_row)
        break;
      line = g_strdup_printf (_("The search index does not match the text of record %lld (“%s”), pages %s:"
                                " searches may miss or misplace them."),
                              (long long) sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 1));
      add_problem (problems, line);
    }
  if (local == NULL)
    _rd_db_query_int (self->db, index_orphans_sql, &orphans, &local);
  if (local != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("The search index cannot be read (%s): searches in the"
                                                 " records may fail."), local->message);
      add_problem (problems, line);
    }
  else if (orphans > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("The search index holds %lld page that no record has.",
                                                         "The search index holds %lld pages that no record has.",
                                                         orphans), (long long) orphans);
      add_problem (problems, line);
    }
  if (problems->len > before)
    add_problem (problems, _("Rebuild the search index from the stored page text with"
                             " “reviewdesk-tool case repair-index FILE”."));
  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (self->db, "DROP TABLE IF EXISTS temp.rd_vocab_index; DROP TABLE IF EXISTS temp.rd_vocab_text;"
                          "DROP TABLE IF EXISTS temp.rd_text_check;", NULL, NULL, NULL);
  return ok;
}

static gboolean
check_page_text (RdCaseFile          *self,
                 RdCaseVerifyResult  *result,
                 GError             **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  gint64 has_pages = 0;

  /* A case from before records existed (format 1) has no page text to check
   * until it is upgraded. */
  if (!_rd_db_query_int (self->db, "SELECT count(*) FROM sqlite_master WHERE name = 'record_page'",
                         &has_pages, error))
    return FALSE;
  if (has_pages == 0)
    return TRUE;
  if (!check_page_rows (self, problems, error) || !check_search_index (self, problems, error))
    return FALSE;
  if (problems->len > 0)
    result->records_problem = g_string_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}

static gboolean
read_created_at (sqlite3  *db,
                 char    **created_at,
                 GError  **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT created_at FROM case_info WHERE id = 1", error);
  gboolean has_row;

  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  *created_at = has_row ? _rd_db_column_text (stmt, 0) : NULL;
  return TRUE;
}

void
_rd_case_note_seal (RdCaseFile *self)
{
  g_autoptr(RdCaseSeal) seal = rd_case_file_get_seal (self, NULL);
  g_autofree char *created_at = NULL;
  g_autofree char *seal_time = NULL;

  if (seal == NULL || !read_created_at (self->db, &created_at, NULL) || created_at == NULL)
    return;
  seal_time = g_date_time_format (seal->sealed_at, "%Y-%m-%d %H:%M UTC");
  rd_seal_registry_note (self->case_id, created_at, seal->digest, seal->sealed_by, seal_time);
}

/* The seal in the case, checked against its digest and against the seal this
 * workstation saw the case with (rd-seal-registry.h). */
static gboolean
check_seal (RdCaseFile          *self,
            RdCaseVerifyResult  *result,
            GError             **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RdCaseSeal) seal = rd_case_file_get_seal (self, &local);
  g_autoptr(RdSeenSeal) seen = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *seal_time = NULL;
  gint64 last_seq = 0;

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!read_created_at (self->db, &created_at, error))
    return FALSE;
  seen = created_at != NULL ? rd_seal_registry_lookup (self->case_id, created_at) : NULL;
  if (seal == NULL)
    {
      if (rd_case_file_get_status (self) == RD_CASE_STATUS_SEALED)
        result->seal_problem = g_strdup (_("The case says it is sealed but its seal is missing."));
      else if (seen != NULL)
        result->seal_problem = g_strdup_printf (_("This workstation saw the case sealed by %s on %s, and it comes"
                                                  " back unsealed: the seal was removed outside ReviewDesk."),
                                                seen->sealed_by, seen->sealed_at);
      return TRUE;
    }
  result->sealed = TRUE;
  seal_time = g_date_time_format (seal->sealed_at, "%Y-%m-%d %H:%M UTC");
  digest = _rd_case_content_digest (self->db, seal->audit_seq, error);
  if (digest == NULL || !_rd_db_query_int (self->db, "SELECT max(seq) FROM audit", &last_seq, error))
    return FALSE;
  if (g_strcmp0 (digest, seal->digest) != 0)
    result->seal_problem = g_strdup (_("The case’s content changed after it was sealed: it no longer matches"
                                       " the seal’s digest."));
  else if (rd_case_file_get_status (self) != RD_CASE_STATUS_SEALED || last_seq != seal->audit_seq + 1)
    result->seal_problem = g_strdup (_("The case was changed after it was sealed."));
  else if (seen != NULL && g_strcmp0 (seen->digest, seal->digest) != 0)
    result->seal_problem = g_strdup_printf (_("This workstation saw the case sealed by %s on %s with another"
                                              " seal: the case was changed and sealed again outside ReviewDesk."),
                                            seen->sealed_by, seen->sealed_at);
  else if (created_at != NULL)
    rd_seal_registry_note (self->case_id, created_at, seal->digest, seal->sealed_by, seal_time);
  return TRUE;
}

/* The tables against the state their audit log leaves them in. */
static gboolean
check_replay (RdCaseFile          *self,
              RdCaseVerifyResult  *result,
              GError             **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) local = NULL;

  /* Records whose bytes do not match their SHA-256 still have a history to
   * compare with; a database SQLite finds damaged may not be readable, and
   * the integrity problem already says so. */
  if (!_rd_case_replay_check (self->db, problems, &local))
    {
      if (result->integrity_problem != NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (problems->len > 0)
    result->replay_problem = g_string_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}

/**
 * rd_case_file_verify:
 *
 * Checks the whole case as an auditor would: SQLite's integrity check, every
 * record's bytes against its SHA-256, that every page of every record has its
 * text and that the search index matches that text, the audit log's hash chain (reporting
 * the first broken link), that every audited table holds what the audit log's
 * entries, replayed in order, leave in it (so that a value changed with the
 * sqlite3 shell is found even though the chain is intact) and, for a sealed
 * case, the seal's digest. Reads
 * every byte, so run it off the UI thread for a large case (on a case opened
 * read-only in that thread).
 *
 * Returns: (transfer full) (nullable): what was found, or %NULL with @error
 *   set when the case could not be read at all
 */
RdCaseVerifyResult *
rd_case_file_verify (RdCaseFile  *self,
                     GError     **error)
{
  g_autoptr(RdCaseVerifyResult) result = g_new0 (RdCaseVerifyResult, 1);

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error) ||
      !check_integrity (self, result, error) ||
      !check_records (self, result, error) ||
      (result->integrity_problem == NULL && !check_page_text (self, result, error)) ||
      !_rd_audit_verify (self->db, &result->audit_entries, &result->audit_first_broken,
                         &result->audit_problem, error) ||
      !check_replay (self, result, error) ||
      !check_seal (self, result, error) ||
      !_rd_case_verify_signatures (self, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* ---- repairing the search index --------------------------------------------- */

static gboolean
refuse_sealed (RdCaseFile  *self,
               GError     **error)
{
  g_autofree char *status = NULL;
  gboolean has_row;
  g_autoptr(RdStmt) stmt = _rd_db_query_row (self->db, &has_row, error,
                                             "SELECT status FROM case_info WHERE id = 1", "");

  if (stmt == NULL)
    return FALSE;
  if (!has_row || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "sealed") != 0)
    return TRUE;
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_SEALED,
               _("“%s” is sealed: a sealed case can be read but not repaired. Its search index is made from the"
                 " page text and is not part of the seal, so what was sealed is intact, but searching its records"
                 " may miss or misplace pages: read the pages themselves."), self->path);
  return FALSE;
}

/**
 * rd_case_file_rebuild_search_index:
 * @n_pages: (out) (optional): how many pages the index holds now
 *
 * Builds the full-text index of the records' pages again from their stored
 * text, in one transaction audited as the system action
 * `search-index-rebuilt`: the repair for the search index problems
 * rd_case_file_verify() reports. The index is derived data, so nothing of
 * the review changes. Refused on a read-only or sealed case.
 *
 * Returns: %TRUE once the rebuilt index is durable
 */
gboolean
rd_case_file_rebuild_search_index (RdCaseFile  *self,
                                   guint       *n_pages,
                                   GError     **error)
{
  g_autofree char *summary = NULL;
  gint64 pages = 0;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_check_writable (self, error) || !_rd_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!refuse_sealed (self, error) ||
      !_rd_db_exec (self->db, "INSERT INTO page_fts (page_fts) VALUES ('rebuild')", error) ||
      !_rd_db_query_int (self->db, "SELECT count(*) FROM record_page", &pages, error))
    goto fail;
  summary = g_strdup_printf ("%" G_GINT64_FORMAT " pages", pages);
  /* Not a reviewer's change: the program made derived data again. */
  if (!_rd_audit_append (self->db, "ReviewDesk", "system", "search-index-rebuilt", "search-index", NULL, summary,
                         error) ||
      !_rd_case_commit_change (self, self->db, "page-text", error))
    goto fail;
  if (n_pages != NULL)
    *n_pages = (guint) pages;
  return TRUE;

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}
