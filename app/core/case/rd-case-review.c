/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* ---- policies under review ------------------------------------------------ */

gboolean
_rd_case_check_id (const char  *value,
                   const char  *what,
                   GError     **error)
{
  if (value != NULL && *value != '\0' && g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
               _("The %s is empty or not text; nothing was stored."), what);
  return FALSE;
}

/**
 * rd_case_file_add_review:
 * @policy_id: the policy's id, e.g. "bsc-7.01.41"
 * @content_hash: the SHA-256 (hex) of the policy file scored against
 *
 * Pins the case's review to a policy and its exact content. Adding a policy
 * already under review with another content hash re-pins it (audited); the
 * scores stay.
 */
gboolean
rd_case_file_add_review (RdCaseFile  *self,
                         const char  *policy_id,
                         const char  *content_hash,
                         GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *old_hash = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_check_id (policy_id, _("policy id"), error) || !_rd_case_check_id (content_hash, _("policy hash"), error))
    return FALSE;
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;

  stmt = _rd_db_prepare (self->db, "SELECT content_hash FROM review WHERE policy_id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "s", policy_id);
  if (!_rd_db_step_row (self->db, stmt, &has_row, error))
    goto fail;
  old_hash = has_row ? _rd_db_column_text (stmt, 0) : NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (g_strcmp0 (old_hash, content_hash) == 0)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }

  stmt = _rd_db_prepare (self->db,
                         "INSERT INTO review (policy_id, content_hash, added_by, added_at) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (policy_id) DO UPDATE SET content_hash = excluded.content_hash,"
                         " added_by = excluded.added_by, added_at = excluded.added_at", error);
  if (stmt == NULL)
    goto fail;
  {
    g_autofree char *now = _rd_time_now_string ();
    _rd_db_bind (stmt, "ssss", policy_id, content_hash, actor.name, now);
  }
  if (!_rd_db_step_done (self->db, stmt, error) ||
      !_rd_case_audit (self->db, &actor, "review", policy_id, old_hash, content_hash, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "review", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

static char **
read_indications (sqlite3     *db,
                  const char  *policy_id,
                  GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT indication_id FROM review_indication"
                                               " WHERE policy_id = ? ORDER BY indication_id", error);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "s", policy_id);
  while (_rd_db_step_row (db, stmt, &has_row, error) && has_row)
    g_strv_builder_add (ids, (const char *) sqlite3_column_text (stmt, 0));
  if (error != NULL && *error != NULL)
    return NULL;
  return g_strv_builder_end (ids);
}

static gboolean
check_under_review (sqlite3     *db,
                    const char  *policy_id,
                    GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT 1 FROM review WHERE policy_id = ?", error);
  gboolean exists = FALSE;

  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "s", policy_id);
  if (!_rd_db_step_row (db, stmt, &exists, error))
    return FALSE;
  if (!exists)
    g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND,
                 _("The policy “%s” is not under review in this case: add it first."), policy_id);
  return exists;
}

static gboolean
replace_indications (sqlite3             *db,
                     const char          *policy_id,
                     const char * const  *indication_ids,
                     GError             **error)
{
  g_autoptr(RdStmt) remove = _rd_db_prepare (db, "DELETE FROM review_indication WHERE policy_id = ?", error);
  g_autoptr(RdStmt) insert = _rd_db_prepare (db, "INSERT OR IGNORE INTO review_indication (policy_id, indication_id)"
                                                 " VALUES (?, ?)", error);

  if (remove == NULL || insert == NULL)
    return FALSE;
  _rd_db_bind (remove, "s", policy_id);
  if (!_rd_db_step_done (db, remove, error))
    return FALSE;
  for (guint i = 0; indication_ids != NULL && indication_ids[i] != NULL; i++)
    {
      _rd_db_bind (insert, "ss", policy_id, indication_ids[i]);
      if (!_rd_db_step_done (db, insert, error))
        return FALSE;
    }
  return TRUE;
}

/* Inside the caller's transaction: replaces the list, with its audit entry,
 * and forgets why an indication put back under review had been declined.
 * *@changed says whether the list changed. */
gboolean
_rd_case_write_indications (sqlite3             *db,
                            const RdCaseActor   *actor,
                            const char          *policy_id,
                            const char * const  *indication_ids,
                            gboolean            *changed,
                            GError             **error)
{
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) now = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  *changed = FALSE;
  if (!check_under_review (db, policy_id, error) ||
      (old = read_indications (db, policy_id, error)) == NULL ||
      !replace_indications (db, policy_id, indication_ids, error) ||
      (now = read_indications (db, policy_id, error)) == NULL)
    return FALSE;
  old_text = g_strjoinv (" ", old);
  new_text = g_strjoinv (" ", now);
  if (g_strcmp0 (old_text, new_text) == 0)
    return TRUE;
  *changed = TRUE;
  if (!_rd_case_audit (db, actor, "indications", policy_id, old_text, new_text, error))
    return FALSE;
  for (guint i = 0; now[i] != NULL; i++)
    if (!_rd_case_forget_declined (db, actor, policy_id, now[i], error))
      return FALSE;
  return TRUE;
}

/**
 * rd_case_file_set_indications:
 * @policy_id: a policy under review (rd_case_file_add_review())
 * @indication_ids: (array zero-terminated=1): the indications that apply
 *
 * Replaces the list of the policy's indications that apply to the case. An
 * indication put back under review loses the reason it had been declined
 * for (rd_case_file_decline_indication()).
 */
gboolean
rd_case_file_set_indications (RdCaseFile          *self,
                              const char          *policy_id,
                              const char * const  *indication_ids,
                              GError             **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  gboolean changed;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_check_id (policy_id, _("policy id"), error))
    return FALSE;
  for (guint i = 0; indication_ids != NULL && indication_ids[i] != NULL; i++)
    if (!_rd_case_check_id (indication_ids[i], _("indication id"), error))
      return FALSE;
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  if (!_rd_case_write_indications (self->db, &actor, policy_id, indication_ids, &changed, error))
    {
      _rd_case_rollback (self->db);
      return FALSE;
    }
  if (!changed)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }
  return _rd_case_commit_change (self, self->db, "review", error);
}

/**
 * rd_case_file_list_reviews:
 *
 * Returns: (transfer container) (element-type RdCaseReview): the policies
 *   under review, by policy id
 */
GPtrArray *
rd_case_file_list_reviews (RdCaseFile  *self,
                           GError     **error)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_review_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT policy_id, content_hash, added_by, added_at FROM review"
                                   " ORDER BY policy_id", error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      RdCaseReview *review;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      review = g_new0 (RdCaseReview, 1);
      review->policy_id = _rd_db_column_text (stmt, 0);
      review->content_hash = _rd_db_column_text (stmt, 1);
      review->added_by = _rd_db_column_text (stmt, 2);
      review->added_at = _rd_db_column_time (stmt, 3);
      g_ptr_array_add (reviews, review);
      review->indications = read_indications (self->db, review->policy_id, error);
      if (review->indications == NULL)
        return NULL;
    }
  return g_steal_pointer (&reviews);
}

/* ---- criterion scores and condition answers: one shape, two tables ------- */

typedef struct {
  const char *table;
  const char *id_column;
  const char *value_column;
  const char *time_column;
  const char *action;     /* audit action and "changed" detail */
  const char *what;       /* for messages */
} ScoreTable;

static const ScoreTable criterion_table = {
  "criterion_score", "criterion_id", "score", "scored_at", "score", N_("criterion id"),
};
static const ScoreTable condition_table = {
  "condition_answer", "condition_id", "answer", "answered_at", "condition", N_("condition id"),
};

static RdCaseScore *
score_from_row (RdStmt *stmt)
{
  RdCaseScore *score = g_new0 (RdCaseScore, 1);

  score->policy_id = _rd_db_column_text (stmt, 0);
  score->target_id = _rd_db_column_text (stmt, 1);
  if (!rd_score_from_string ((const char *) sqlite3_column_text (stmt, 2), &score->score))
    score->score = RD_SCORE_UNSCORED;
  score->note = _rd_db_column_text (stmt, 3);
  score->reviewer = _rd_db_column_text (stmt, 4);
  score->time = _rd_db_column_time (stmt, 5);
  return score;
}

static GPtrArray *
list_score_rows (RdCaseFile        *self,
                 const ScoreTable  *table,
                 const char        *policy_id,
                 const char        *target_id,
                 GError           **error)
{
  g_autoptr(GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_score_free);
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean has_row;

  if (!_rd_case_check_readable (self, error))
    return NULL;
  sql = g_strdup_printf ("SELECT policy_id, %s, %s, note, reviewer, %s FROM %s"
                         " WHERE (?1 IS NULL OR policy_id = ?1) AND (?2 IS NULL OR %s = ?2)"
                         " ORDER BY policy_id, %s",
                         table->id_column, table->value_column, table->time_column, table->table,
                         table->id_column, table->id_column);
  stmt = _rd_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "ss", policy_id, target_id);
  while (TRUE)
    {
      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (scores, score_from_row (stmt));
    }
  return g_steal_pointer (&scores);
}

static RdCaseScore *
get_score_row (RdCaseFile        *self,
               const ScoreTable  *table,
               const char        *policy_id,
               const char        *target_id,
               GError           **error)
{
  g_autoptr(GPtrArray) rows = list_score_rows (self, table, policy_id, target_id, error);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

static gboolean
write_score_row (RdCaseFile        *self,
                 const ScoreTable  *table,
                 const char        *policy_id,
                 const char        *target_id,
                 gboolean           set_score,
                 RdScore            score,
                 const char        *note,
                 GError           **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdCaseScore) old = NULL;
  g_autoptr(RdStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *target = NULL;
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *note_action = NULL;
  const char *old_score, *new_score, *old_note, *new_note;

  if (!_rd_case_check_id (policy_id, _("policy id"), error) || !_rd_case_check_id (target_id, _(table->what), error))
    return FALSE;
  if (score > RD_SCORE_NOT_APPLICABLE)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                   _("%d is not a score; nothing was stored."), (int) score);
      return FALSE;
    }
  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("The note is not valid text; nothing was stored."));
      return FALSE;
    }
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;

  old = get_score_row (self, table, policy_id, target_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  old_score = old != NULL ? rd_score_to_string (old->score) : NULL;
  new_score = set_score ? rd_score_to_string (score) : (old_score ? old_score : "unscored");
  old_note = old != NULL ? old->note : NULL;
  new_note = note != NULL ? (*note != '\0' ? note : NULL) : old_note;
  if (g_strcmp0 (old_score, new_score) == 0 && g_strcmp0 (old_note, new_note) == 0)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }

  sql = g_strdup_printf ("INSERT INTO %s (policy_id, %s, %s, note, reviewer, %s) VALUES (?, ?, ?, ?, ?, ?)"
                         " ON CONFLICT DO UPDATE SET %s = excluded.%s, note = excluded.note,"
                         " reviewer = excluded.reviewer, %s = excluded.%s",
                         table->table, table->id_column, table->value_column, table->time_column,
                         table->value_column, table->value_column, table->time_column, table->time_column);
  stmt = _rd_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "ssssss", policy_id, target_id, new_score, new_note, actor.name, now);
  if (!_rd_db_step_done (self->db, stmt, error))
    goto fail;

  target = g_strconcat (policy_id, "/", target_id, NULL);
  note_action = g_strconcat (table->action, "-note", NULL);
  if (g_strcmp0 (old_score, new_score) != 0 &&
      !_rd_case_audit (self->db, &actor, table->action, target, old_score, new_score, error))
    goto fail;
  if (g_strcmp0 (old_note, new_note) != 0 &&
      !_rd_case_audit (self->db, &actor, note_action, target, old_note, new_note, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, table->action, error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

/**
 * rd_case_file_set_score:
 * @policy_id: the policy the criterion belongs to
 * @criterion_id: the criterion's id in the policy
 * @score: the reviewer's score
 * @note: (nullable): the reviewer's note; %NULL keeps the current note, ""
 *   removes it
 *
 * Records the actor's score of a criterion: one transaction, audited with the
 * old and new score (and note). Setting the same values again writes nothing.
 *
 * Returns: %TRUE once the change is durable
 */
gboolean
rd_case_file_set_score (RdCaseFile  *self,
                        const char  *policy_id,
                        const char  *criterion_id,
                        RdScore      score,
                        const char  *note,
                        GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  return write_score_row (self, &criterion_table, policy_id, criterion_id, TRUE, score, note, error);
}

/**
 * rd_case_file_set_score_note:
 * @note: the note; "" removes it
 *
 * Changes only the note of a criterion's score (an unscored criterion may
 * have a note).
 */
gboolean
rd_case_file_set_score_note (RdCaseFile  *self,
                             const char  *policy_id,
                             const char  *criterion_id,
                             const char  *note,
                             GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);
  return write_score_row (self, &criterion_table, policy_id, criterion_id, FALSE, RD_SCORE_UNSCORED, note,
                          error);
}

/**
 * rd_case_file_get_score:
 *
 * Returns: (transfer full) (nullable): the criterion's score, note, reviewer
 *   and time; %NULL without @error when it was never scored
 */
RdCaseScore *
rd_case_file_get_score (RdCaseFile  *self,
                        const char  *policy_id,
                        const char  *criterion_id,
                        GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  g_return_val_if_fail (policy_id != NULL && criterion_id != NULL, NULL);
  return get_score_row (self, &criterion_table, policy_id, criterion_id, error);
}

/**
 * rd_case_file_list_scores:
 * @policy_id: (nullable): one policy's scores, or %NULL for all
 *
 * Returns: (transfer container) (element-type RdCaseScore): the scores, by
 *   policy and criterion id
 */
GPtrArray *
rd_case_file_list_scores (RdCaseFile  *self,
                          const char  *policy_id,
                          GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return list_score_rows (self, &criterion_table, policy_id, NULL, error);
}

/**
 * rd_case_file_set_condition:
 * @answer: %RD_SCORE_MET for yes, %RD_SCORE_NOT_MET for no,
 *   %RD_SCORE_NOT_DOCUMENTED for not known yet
 * @note: (nullable): as for rd_case_file_set_score()
 *
 * Records the answer to one of a policy's conditions, like a score.
 */
gboolean
rd_case_file_set_condition (RdCaseFile  *self,
                            const char  *policy_id,
                            const char  *condition_id,
                            RdScore      answer,
                            const char  *note,
                            GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  return write_score_row (self, &condition_table, policy_id, condition_id, TRUE, answer, note, error);
}

/**
 * rd_case_file_get_condition:
 *
 * Returns: (transfer full) (nullable): the answer; %NULL without @error
 *   when the condition was never answered
 */
RdCaseScore *
rd_case_file_get_condition (RdCaseFile  *self,
                            const char  *policy_id,
                            const char  *condition_id,
                            GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  g_return_val_if_fail (policy_id != NULL && condition_id != NULL, NULL);
  return get_score_row (self, &condition_table, policy_id, condition_id, error);
}

/**
 * rd_case_file_list_conditions:
 * @policy_id: (nullable): one policy's answers, or %NULL for all
 *
 * Returns: (transfer container) (element-type RdCaseScore): the answers
 */
GPtrArray *
rd_case_file_list_conditions (RdCaseFile  *self,
                              const char  *policy_id,
                              GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return list_score_rows (self, &condition_table, policy_id, NULL, error);
}

/* ---- the documentation checklist ------------------------------------------ */

/**
 * rd_case_file_set_documentation:
 * @item_id: the documentation item's id in the policy
 * @status: present, missing or not applicable (or unreviewed again)
 * @where_found: (nullable): where the reviewer found it, e.g. "Neurology note
 *   2026-10-02, page 3"; %NULL keeps what is stored, "" removes it
 *
 * Records the state of one documentation item, audited like a score.
 */
gboolean
rd_case_file_set_documentation (RdCaseFile  *self,
                                const char  *policy_id,
                                const char  *item_id,
                                RdDocStatus  status,
                                const char  *where_found,
                                GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *old_status = NULL;
  g_autofree char *old_where = NULL;
  g_autofree char *target = NULL;
  g_autofree char *now = _rd_time_now_string ();
  const char *new_status, *new_where;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_check_id (policy_id, _("policy id"), error) || !_rd_case_check_id (item_id, _("documentation item id"), error))
    return FALSE;
  if (status > RD_DOC_STATUS_NOT_APPLICABLE ||
      (where_found != NULL && !g_utf8_validate (where_found, -1, NULL)))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("The documentation status or its location is not valid; nothing was stored."));
      return FALSE;
    }
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;

  stmt = _rd_db_prepare (self->db, "SELECT status, where_found FROM documentation"
                                   " WHERE policy_id = ? AND item_id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "ss", policy_id, item_id);
  if (!_rd_db_step_row (self->db, stmt, &has_row, error))
    goto fail;
  old_status = has_row ? _rd_db_column_text (stmt, 0) : NULL;
  old_where = has_row ? _rd_db_column_text (stmt, 1) : NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  new_status = rd_doc_status_to_string (status);
  new_where = where_found != NULL ? (*where_found != '\0' ? where_found : NULL) : old_where;
  if (g_strcmp0 (old_status, new_status) == 0 && g_strcmp0 (old_where, new_where) == 0)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }

  stmt = _rd_db_prepare (self->db,
                         "INSERT INTO documentation (policy_id, item_id, status, where_found, reviewer, checked_at)"
                         " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET status = excluded.status,"
                         " where_found = excluded.where_found, reviewer = excluded.reviewer,"
                         " checked_at = excluded.checked_at", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "ssssss", policy_id, item_id, new_status, new_where, actor.name, now);
  if (!_rd_db_step_done (self->db, stmt, error))
    goto fail;
  target = g_strconcat (policy_id, "/", item_id, NULL);
  if (g_strcmp0 (old_status, new_status) != 0 &&
      !_rd_case_audit (self->db, &actor, "documentation", target, old_status, new_status, error))
    goto fail;
  if (g_strcmp0 (old_where, new_where) != 0 &&
      !_rd_case_audit (self->db, &actor, "documentation-where", target, old_where, new_where, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "documentation", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

/**
 * rd_case_file_list_documentation:
 * @policy_id: (nullable): one policy's items, or %NULL for all
 *
 * Returns: (transfer container) (element-type RdCaseDocItem): the items the
 *   reviewer has checked, by policy and item id
 */
GPtrArray *
rd_case_file_list_documentation (RdCaseFile  *self,
                                 const char  *policy_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_doc_item_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT policy_id, item_id, status, where_found, reviewer, checked_at"
                                   " FROM documentation WHERE ?1 IS NULL OR policy_id = ?1"
                                   " ORDER BY policy_id, item_id", error);
  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "s", policy_id);
  while (TRUE)
    {
      RdCaseDocItem *item;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      item = g_new0 (RdCaseDocItem, 1);
      item->policy_id = _rd_db_column_text (stmt, 0);
      item->item_id = _rd_db_column_text (stmt, 1);
      if (!rd_doc_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &item->status))
        item->status = RD_DOC_STATUS_UNREVIEWED;
      item->where_found = _rd_db_column_text (stmt, 3);
      item->reviewer = _rd_db_column_text (stmt, 4);
      item->time = _rd_db_column_time (stmt, 5);
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}
