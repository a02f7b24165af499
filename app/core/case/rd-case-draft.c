/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* The medical director's determination while it is written (format 4): saved
 * as it is typed so that a crash, a closed window or another case opened
 * meanwhile loses nothing. It is not a decision, so it is not audited (the
 * log would otherwise hold every pause in the typing) and not sealed; the
 * decision that follows holds the signed rationale and is audited. */

static gboolean
check_director (const RdCaseActor  *actor,
                GError            **error)
{
  if (actor->role == RD_ROLE_MEDICAL_DIRECTOR)
    return TRUE;
  g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                       _("Only a medical director can draft a determination; the draft was not saved."));
  return FALSE;
}

/* Reads the draft into *@out (%NULL when there is none). */
static gboolean
query_draft (sqlite3              *db,
             RdCaseDecisionDraft **out,
             GError              **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT rationale, outcome_id, who, drafted_at FROM decision_draft"
                                               " WHERE id = 1", error);
  RdCaseDecisionDraft *draft;
  gboolean found;

  *out = NULL;
  if (stmt == NULL || !_rd_db_step_row (db, stmt, &found, error))
    return FALSE;
  if (!found)
    return TRUE;
  draft = g_new0 (RdCaseDecisionDraft, 1);
  draft->rationale = _rd_db_column_text (stmt, 0);
  if (draft->rationale == NULL)
    draft->rationale = g_strdup ("");
  draft->outcome_id = _rd_db_column_text (stmt, 1);
  draft->who = _rd_db_column_text (stmt, 2);
  draft->time = _rd_db_column_time (stmt, 3);
  *out = draft;
  return TRUE;
}

/* Deletes the draft inside the caller's transaction (a decision's). */
gboolean
_rd_case_delete_decision_draft (sqlite3  *db,
                                GError  **error)
{
  return _rd_db_exec (db, "DELETE FROM decision_draft", error);
}

/**
 * rd_case_file_set_decision_draft:
 * @rationale: the rationale as typed so far (may be empty)
 * @outcome_id: (nullable): the adverse outcome chosen so far
 *
 * Keeps the medical director's unsigned determination in the case, replacing
 * the previous draft; saving the draft already stored writes nothing. Only a
 * medical director may draft (%RD_CASE_FILE_ERROR_NOT_PERMITTED otherwise),
 * and not on a sealed or read-only case. Not audited: see data/CASE-FORMAT.md.
 * rd_case_file_record_decision() deletes the draft when it records a final or
 * pend decision.
 */
gboolean
rd_case_file_set_decision_draft (RdCaseFile  *self,
                                 const char  *rationale,
                                 const char  *outcome_id,
                                 GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdCaseDecisionDraft) stored = NULL;
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = _rd_time_now_string ();

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (rationale != NULL, FALSE);

  if (!g_utf8_validate (rationale, -1, NULL))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("The draft rationale is not valid text; the draft was not saved."));
      return FALSE;
    }
  if ((outcome_id != NULL && !_rd_case_check_id (outcome_id, _("outcome id"), error)) ||
      !_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  if (!check_director (&actor, error) || !query_draft (self->db, &stored, error))
    goto fail;
  if (stored != NULL && g_str_equal (stored->rationale, rationale) && g_strcmp0 (stored->outcome_id, outcome_id) == 0)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }

  stmt = _rd_db_prepare (self->db, "INSERT OR REPLACE INTO decision_draft (id, rationale, outcome_id, who, role,"
                                   " drafted_at) VALUES (1, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "sssss", rationale, outcome_id, actor.name, rd_role_to_string (actor.role), now);
  if (!_rd_db_step_done (self->db, stmt, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "decision-draft", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

/**
 * rd_case_file_get_decision_draft:
 *
 * Returns: (transfer full) (nullable): the medical director's unsigned
 *   determination, or %NULL without @error when there is none
 */
RdCaseDecisionDraft *
rd_case_file_get_decision_draft (RdCaseFile  *self,
                                 GError     **error)
{
  RdCaseDecisionDraft *draft = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  query_draft (self->db, &draft, error);
  return draft;
}

/**
 * rd_case_file_clear_decision_draft:
 *
 * Deletes the medical director's unsigned determination; a case without one
 * writes nothing. Only a medical director may, and not on a sealed or
 * read-only case.
 */
gboolean
rd_case_file_clear_decision_draft (RdCaseFile  *self,
                                   GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdCaseDecisionDraft) stored = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  if (!check_director (&actor, error) || !query_draft (self->db, &stored, error))
    goto fail;
  if (stored == NULL)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }
  if (!_rd_case_delete_decision_draft (self->db, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "decision-draft", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}
