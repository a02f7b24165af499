/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Why a nurse took out of the review an indication intake proposed: kept
 * beside the review, one row per indication, until it is put back. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

static gboolean
query_reason (sqlite3     *db,
              const char  *policy_id,
              const char  *indication_id,
              char       **reason,
              GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT reason FROM declined_proposal"
                                               " WHERE policy_id = ? AND indication_id = ?", error);
  gboolean found;

  *reason = NULL;
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "ss", policy_id, indication_id);
  if (!_rd_db_step_row (db, stmt, &found, error))
    return FALSE;
  if (found)
    *reason = _rd_db_column_text (stmt, 0);
  return TRUE;
}

static char *
target_of (const char *policy_id,
           const char *indication_id)
{
  return g_strconcat (policy_id, "/", indication_id, NULL);
}

gboolean
_rd_case_forget_declined (sqlite3           *db,
                          const RdCaseActor *actor,
                          const char        *policy_id,
                          const char        *indication_id,
                          GError           **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *target = NULL;
  g_autoptr(RdStmt) stmt = NULL;

  if (!query_reason (db, policy_id, indication_id, &reason, error))
    return FALSE;
  if (reason == NULL)
    return TRUE;
  stmt = _rd_db_prepare (db, "DELETE FROM declined_proposal WHERE policy_id = ? AND indication_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "ss", policy_id, indication_id);
  target = target_of (policy_id, indication_id);
  return _rd_db_step_done (db, stmt, error) &&
         _rd_case_audit (db, actor, "proposal-declined", target, reason, NULL, error);
}

/* The policy's indications under review but @indication_id. */
static char **
indications_without (sqlite3     *db,
                     const char  *policy_id,
                     const char  *indication_id,
                     GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT indication_id FROM review_indication"
                                               " WHERE policy_id = ? AND indication_id != ?", error);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "ss", policy_id, indication_id);
  while (TRUE)
    {
      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        return g_strv_builder_end (ids);
      g_strv_builder_add (ids, (const char *) sqlite3_column_text (stmt, 0));
    }
}

static gboolean
write_declined (sqlite3           *db,
                const RdCaseActor *actor,
                const char        *policy_id,
                const char        *indication_id,
                const char        *reason,
                GError           **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "INSERT OR REPLACE INTO declined_proposal (policy_id, indication_id,"
                                               " reason, who, declined_at) VALUES (?, ?, ?, ?, ?)", error);
  g_autofree char *old_reason = NULL;
  g_autofree char *target = target_of (policy_id, indication_id);
  g_autofree char *now = _rd_time_now_string ();

  if (stmt == NULL || !query_reason (db, policy_id, indication_id, &old_reason, error))
    return FALSE;
  if (g_strcmp0 (old_reason, reason) == 0)
    return TRUE;
  _rd_db_bind (stmt, "sssss", policy_id, indication_id, reason, actor->name, now);
  return _rd_db_step_done (db, stmt, error) &&
         _rd_case_audit (db, actor, "proposal-declined", target, old_reason, reason, error);
}

/**
 * rd_case_file_decline_indication:
 * @policy_id: a policy under review
 * @indication_id: an indication intake proposed for it
 * @reason: why the nurse does not review it (another payer's member, the
 *   records show another use…)
 *
 * Takes the indication out of the review and records why, in one
 * transaction with two audit entries: `indications` (the list, old → new) and
 * `proposal-declined` (target `policy/indication`, the reason). Putting the
 * indication back under review (rd_case_file_set_indications()) forgets the
 * reason, audited with the reason as the old value.
 *
 * Returns: %TRUE once the change is durable
 */
gboolean
rd_case_file_decline_indication (RdCaseFile  *self,
                                 const char  *policy_id,
                                 const char  *indication_id,
                                 const char  *reason,
                                 GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_auto(GStrv) remaining = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));
  gboolean changed;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_check_id (policy_id, _("policy id"), error) ||
      !_rd_case_check_id (indication_id, _("indication id"), error))
    return FALSE;
  if (stripped[0] == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("Say why the proposed indication is not reviewed; it is still under review."));
      return FALSE;
    }
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  if ((remaining = indications_without (self->db, policy_id, indication_id, error)) == NULL ||
      !_rd_case_write_indications (self->db, &actor, policy_id, (const char * const *) remaining, &changed, error) ||
      !write_declined (self->db, &actor, policy_id, indication_id, stripped, error))
    {
      _rd_case_rollback (self->db);
      return FALSE;
    }
  return _rd_case_commit_change (self, self->db, "review", error);
}

/**
 * rd_case_file_list_declined:
 *
 * Returns: (transfer container) (element-type RdCaseDeclinedProposal): the
 *   proposed indications the nurse declined, with why, by policy and indication
 */
GPtrArray *
rd_case_file_list_declined (RdCaseFile  *self,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_declined_proposal_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT policy_id, indication_id, reason, who, declined_at FROM declined_proposal"
                                   " ORDER BY policy_id, indication_id", error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      RdCaseDeclinedProposal *declined;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        return g_steal_pointer (&list);
      declined = g_new0 (RdCaseDeclinedProposal, 1);
      declined->policy_id = _rd_db_column_text (stmt, 0);
      declined->indication_id = _rd_db_column_text (stmt, 1);
      declined->reason = _rd_db_column_text (stmt, 2);
      declined->who = _rd_db_column_text (stmt, 3);
      declined->time = _rd_db_column_time (stmt, 4);
      g_ptr_array_add (list, declined);
    }
}
