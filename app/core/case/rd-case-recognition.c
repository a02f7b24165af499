/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text recognised on scanned pages (OCR): stored in record_page.text,
 * so the search index has it, with each word's box and confidence in
 * page_word. Recognition is the workstation's doing, not a reviewer's: its
 * audit entries are system actions that give counts, never the text. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* The page's has_text_layer, or NOT_FOUND when its text is not stored. */
static gboolean
page_kind (sqlite3     *db,
           gint64       record_id,
           guint        page_number,
           gint64      *kind,
           GError     **error)
{
  gboolean has_row;
  g_autoptr(RdStmt) stmt = _rd_db_query_row (db, &has_row, error,
                                             "SELECT has_text_layer FROM record_page"
                                             " WHERE record_id = ? AND page_number = ?",
                                             "ii", record_id, (gint64) page_number);

  if (stmt == NULL)
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND,
                   _("The text of page %u of record %lld has not been stored."),
                   page_number, (long long) record_id);
      return FALSE;
    }
  *kind = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The words, one space apart, as the page's searchable text. */
static char *
words_text (const RdCaseWord *words,
            guint             n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      for (const char *p = words[i].word; *p; p++)
        if (*p != RD_CASE_MATCH_START[0] && *p != RD_CASE_MATCH_END[0])
          g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static gboolean
insert_words (sqlite3           *db,
              gint64             record_id,
              guint              page_number,
              const RdCaseWord  *words,
              guint              n_words,
              GError           **error)
{
  g_autoptr(RdStmt) remove = _rd_db_prepare (db, "DELETE FROM page_word WHERE record_id = ? AND page_number = ?",
                                             error);
  g_autoptr(RdStmt) insert = NULL;

  if (remove == NULL)
    return FALSE;
  _rd_db_bind (remove, "ii", record_id, (gint64) page_number);
  if (!_rd_db_step_done (db, remove, error))
    return FALSE;
  insert = _rd_db_prepare (db, "INSERT INTO page_word (record_id, page_number, n, word, x, y, width, height,"
                               " confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < n_words; i++)
    {
      g_autofree char *word = g_utf8_make_valid (words[i].word, -1);

      _rd_db_bind (insert, "iiis", record_id, (gint64) page_number, (gint64) i, word);
      sqlite3_bind_double (insert, 5, words[i].x);
      sqlite3_bind_double (insert, 6, words[i].y);
      sqlite3_bind_double (insert, 7, words[i].width);
      sqlite3_bind_double (insert, 8, words[i].height);
      sqlite3_bind_double (insert, 9, CLAMP (words[i].confidence, 0, 100));
      if (!_rd_db_step_done (db, insert, error))
        return FALSE;
    }
  return TRUE;
}

/* Sets the page's text and kind, with its audit entry, in one transaction.
 * A page that is no longer a scan waiting for recognition is left alone. */
static gboolean
store_page (RdCaseFile        *self,
            gint64             record_id,
            guint              page_number,
            gint64             new_kind,
            const RdCaseWord  *words,
            guint              n_words,
            GError           **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) update = NULL;
  g_autofree char *text = words_text (words, n_words);
  g_autofree char *target = g_strdup_printf ("record/%" G_GINT64_FORMAT "/page/%u", record_id, page_number);
  g_autofree char *summary = new_kind == RD_CASE_PAGE_RECOGNISED ? g_strdup_printf ("%u words", n_words)
                                                                  : g_strdup ("not recognisable");
  gboolean owned = FALSE, ok = FALSE;
  gint64 kind = 0;
  sqlite3 *db = _rd_case_thread_db (self, TRUE, &owned, error);

  if (db == NULL || !_rd_case_begin_write (self, db, &actor, error) ||
      !page_kind (db, record_id, page_number, &kind, error))
    goto out;
  if (kind != 0)
    {
      ok = TRUE;
      goto out;
    }
  update = _rd_db_prepare (db, "UPDATE record_page SET text = ?, has_text_layer = ?"
                               " WHERE record_id = ? AND page_number = ?", error);
  if (update == NULL)
    goto out;
  _rd_db_bind (update, "siii", text, new_kind, record_id, (gint64) page_number);
  ok = _rd_db_step_done (db, update, error) &&
       insert_words (db, record_id, page_number, words, n_words, error) &&
       _rd_audit_append (db, "ReviewDesk", "system", "page-recognised", target, NULL, summary, error) &&
       _rd_case_commit_change (self, db, "page-text", error);

out:
  g_clear_pointer (&update, sqlite3_finalize);
  if (db != NULL)
    _rd_case_rollback (db);
  _rd_case_close_owned (db, owned);
  return ok;
}

/**
 * rd_case_file_store_recognised_page:
 * @page_number: from 1
 * @words: (array length=n_words): the words read on the page, in reading order
 *
 * Stores what recognition (OCR) read on a scanned page: the words, one space
 * apart, become the page's text (and so its search index entries), the page
 * is marked %RD_CASE_PAGE_RECOGNISED and each word keeps its box and
 * confidence. ONE transaction, audited as the system action
 * "page-recognised" on "record/ID/page/N" with the word count only. A page
 * that is not a scan waiting for recognition is left as it is. Any thread.
 */
gboolean
rd_case_file_store_recognised_page (RdCaseFile        *self,
                                    gint64             record_id,
                                    guint              page_number,
                                    const RdCaseWord  *words,
                                    guint              n_words,
                                    GError           **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (n_words == 0 || words != NULL, FALSE);
  return store_page (self, record_id, page_number, RD_CASE_PAGE_RECOGNISED, words, n_words, error);
}

/**
 * rd_case_file_mark_page_unrecognisable:
 *
 * Marks a scanned page whose recognition was refused
 * (%RD_CASE_PAGE_UNRECOGNISABLE), so that it is not tried again; audited as
 * "page-recognised" with "not recognisable". Any thread.
 */
gboolean
rd_case_file_mark_page_unrecognisable (RdCaseFile  *self,
                                       gint64       record_id,
                                       guint        page_number,
                                       GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  return store_page (self, record_id, page_number, RD_CASE_PAGE_UNRECOGNISABLE, NULL, 0, error);
}

/**
 * rd_case_file_list_page_words:
 *
 * Returns: (transfer full) (element-type RdCaseWord): the words recognised
 *   on the page in reading order; empty for a page not recognised
 */
GArray *
rd_case_file_list_page_words (RdCaseFile  *self,
                              gint64       record_id,
                              guint        page_number,
                              GError     **error)
{
  g_autoptr(GArray) words = rd_case_word_array_new ();
  g_autoptr(RdStmt) stmt = NULL;
  gboolean owned = FALSE, has_row;
  sqlite3 *db;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  db = _rd_case_thread_db (self, FALSE, &owned, error);
  if (db == NULL)
    return NULL;
  stmt = _rd_db_prepare (db, "SELECT word, x, y, width, height, confidence FROM page_word"
                             " WHERE record_id = ? AND page_number = ? ORDER BY n", error);
  if (stmt != NULL)
    _rd_db_bind (stmt, "ii", record_id, (gint64) page_number);
  while (stmt != NULL)
    {
      RdCaseWord word = { 0 };

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        g_clear_pointer (&stmt, sqlite3_finalize);
      if (stmt == NULL || !has_row)
        break;
      word.word = _rd_db_column_text (stmt, 0);
      word.x = sqlite3_column_double (stmt, 1);
      word.y = sqlite3_column_double (stmt, 2);
      word.width = sqlite3_column_double (stmt, 3);
      word.height = sqlite3_column_double (stmt, 4);
      word.confidence = sqlite3_column_double (stmt, 5);
      g_array_append_val (words, word);
    }
  if (stmt == NULL)
    g_clear_pointer (&words, g_array_unref);
  g_clear_pointer (&stmt, sqlite3_finalize);
  _rd_case_close_owned (db, owned);
  return g_steal_pointer (&words);
}

/**
 * rd_case_file_list_pages_to_recognise:
 *
 * Returns: (transfer full) (element-type RdCasePageRef) (nullable): the
 *   scanned pages (stored without a text layer) neither recognised nor
 *   refused yet, by record and page. Any thread.
 */
GArray *
rd_case_file_list_pages_to_recognise (RdCaseFile  *self,
                                      GError     **error)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (RdCasePageRef));
  g_autoptr(RdStmt) stmt = NULL;
  gboolean owned = FALSE, has_row;
  sqlite3 *db;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  db = _rd_case_thread_db (self, FALSE, &owned, error);
  if (db == NULL)
    return NULL;
  stmt = _rd_db_prepare (db, "SELECT record_id, page_number FROM record_page WHERE has_text_layer = 0"
                             " ORDER BY record_id, page_number", error);
  while (stmt != NULL)
    {
      RdCasePageRef page;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        g_clear_pointer (&stmt, sqlite3_finalize);
      if (stmt == NULL || !has_row)
        break;
      page.record_id = sqlite3_column_int64 (stmt, 0);
      page.page_number = (guint) sqlite3_column_int64 (stmt, 1);
      g_array_append_val (pages, page);
    }
  if (stmt == NULL)
    g_clear_pointer (&pages, g_array_unref);
  g_clear_pointer (&stmt, sqlite3_finalize);
  _rd_case_close_owned (db, owned);
  return g_steal_pointer (&pages);
}
