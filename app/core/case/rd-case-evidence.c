/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* ---- evidence --------------------------------------------------------------- */

char *
_rd_case_describe_evidence (const RdCaseEvidence *evidence)
{
  return g_strdup_printf ("record %" G_GINT64_FORMAT ", page %u, region %.1f %.1f %.1f %.1f: %s",
                          evidence->record_id, evidence->page_number, evidence->x, evidence->y,
                          evidence->width, evidence->height, evidence->quote);
}

static gboolean
check_evidence (sqlite3               *db,
                const RdCaseEvidence  *evidence,
                GError               **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  if (!_rd_case_check_id (evidence->policy_id, _("policy id"), error) ||
      !_rd_case_check_id (evidence->target_id, _("criterion or documentation id"), error))
    return FALSE;
  if (evidence->quote == NULL || !g_utf8_validate (evidence->quote, -1, NULL) ||
      evidence->target_kind > RD_EVIDENCE_TARGET_DOCUMENTATION ||
      !(evidence->width >= 0 && evidence->height >= 0 && evidence->x >= 0 && evidence->y >= 0))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("The evidence needs a quoted passage, a target and a region inside the page;"
                             " nothing was stored."));
      return FALSE;
    }
  stmt = _rd_db_prepare (db, "SELECT n_pages FROM record WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "i", evidence->record_id);
  if (!_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row || evidence->page_number < 1 || evidence->page_number > sqlite3_column_int64 (stmt, 0))
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND,
                   _("The case has no page %u in record %lld; the evidence was not stored."),
                   evidence->page_number, (long long) evidence->record_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * rd_case_file_add_evidence:
 * @evidence: the passage; its id, who and time are ignored and set by the store
 *
 * Stores a passage of a record as evidence for a criterion or a
 * documentation item (the record and page must exist), audited with the
 * quote.
 *
 * Returns: the evidence's id, or 0 with @error set
 */
gint64
rd_case_file_add_evidence (RdCaseFile            *self,
                           const RdCaseEvidence  *evidence,
                           GError               **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *target = NULL;
  g_autofree char *description = NULL;
  gint64 id;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);
  g_return_val_if_fail (evidence != NULL, 0);

  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return 0;
  if (!check_evidence (self->db, evidence, error))
    goto fail;
  stmt = _rd_db_prepare (self->db,
                         "INSERT INTO evidence (record_id, page_number, x, y, width, height, quote, target_kind,"
                         " policy_id, target_id, who, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "iiddddssssss", evidence->record_id, (gint64) evidence->page_number, evidence->x,
               evidence->y, evidence->width, evidence->height, evidence->quote,
               rd_evidence_target_to_string (evidence->target_kind), evidence->policy_id, evidence->target_id,
               actor.name, now);
  if (!_rd_db_step_done (self->db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  target = g_strdup_printf ("%s/%s/evidence/%" G_GINT64_FORMAT, evidence->policy_id, evidence->target_id, id);
  description = _rd_case_describe_evidence (evidence);
  if (!_rd_case_audit (self->db, &actor, "evidence-add", target, NULL, description, error) ||
      !_rd_case_commit_change (self, self->db, "evidence", error))
    goto fail;
  return id;

fail:
  _rd_case_rollback (self->db);
  return 0;
}

GPtrArray *
_rd_case_query_evidence (sqlite3     *db,
                         gint64       evidence_id,
                         const char  *policy_id,
                         const char  *target_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_evidence_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rd_db_prepare (db, "SELECT id, record_id, page_number, x, y, width, height, quote, target_kind,"
                             " policy_id, target_id, who, added_at FROM evidence"
                             " WHERE (?1 = 0 OR id = ?1) AND (?2 IS NULL OR policy_id = ?2)"
                             " AND (?3 IS NULL OR target_id = ?3) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "iss", evidence_id, policy_id, target_id);
  while (TRUE)
    {
      RdCaseEvidence *e;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      e = g_new0 (RdCaseEvidence, 1);
      e->id = sqlite3_column_int64 (stmt, 0);
      e->record_id = sqlite3_column_int64 (stmt, 1);
      e->page_number = (guint) sqlite3_column_int64 (stmt, 2);
      e->x = sqlite3_column_double (stmt, 3);
      e->y = sqlite3_column_double (stmt, 4);
      e->width = sqlite3_column_double (stmt, 5);
      e->height = sqlite3_column_double (stmt, 6);
      e->quote = _rd_db_column_text (stmt, 7);
      rd_evidence_target_from_string ((const char *) sqlite3_column_text (stmt, 8), &e->target_kind);
      e->policy_id = _rd_db_column_text (stmt, 9);
      e->target_id = _rd_db_column_text (stmt, 10);
      e->who = _rd_db_column_text (stmt, 11);
      e->time = _rd_db_column_time (stmt, 12);
      g_ptr_array_add (list, e);
    }
  return g_steal_pointer (&list);
}

/**
 * rd_case_file_remove_evidence:
 *
 * Removes a piece of evidence; the audit log keeps what it was.
 */
gboolean
rd_case_file_remove_evidence (RdCaseFile  *self,
                              gint64       evidence_id,
                              GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *target = NULL;
  g_autofree char *description = NULL;
  RdCaseEvidence *evidence;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  found = _rd_case_query_evidence (self->db, evidence_id, NULL, NULL, error);
  if (found == NULL)
    goto fail;
  if (found->len == 0 || evidence_id <= 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND,
                   _("The case has no evidence %lld."), (long long) evidence_id);
      goto fail;
    }
  evidence = g_ptr_array_index (found, 0);
  stmt = _rd_db_prepare (self->db, "DELETE FROM evidence WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "i", evidence_id);
  target = g_strdup_printf ("%s/%s/evidence/%" G_GINT64_FORMAT, evidence->policy_id, evidence->target_id,
                            evidence_id);
  description = _rd_case_describe_evidence (evidence);
  if (!_rd_db_step_done (self->db, stmt, error) ||
      !_rd_case_audit (self->db, &actor, "evidence-remove", target, description, NULL, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "evidence", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

/**
 * rd_case_file_list_evidence:
 * @policy_id: (nullable): only this policy's evidence
 * @target_id: (nullable): only this criterion's or item's evidence
 *
 * Returns: (transfer container) (element-type RdCaseEvidence): the evidence,
 *   oldest first
 */
GPtrArray *
rd_case_file_list_evidence (RdCaseFile  *self,
                            const char  *policy_id,
                            const char  *target_id,
                            GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  return _rd_case_query_evidence (self->db, 0, policy_id, target_id, error);
}
