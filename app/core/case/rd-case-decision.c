/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* ---- the recommendation ----------------------------------------------------- */

/**
 * rd_case_file_set_recommendation:
 * @recommendation: the engine's result for one policy; computed_by and time
 *   are ignored and set by the store
 *
 * Stores what the engine recommended, as the reviewer saw it, replacing the
 * policy's previous recommendation (audited when it changes). A nurse may
 * approve only when every stored recommendation has criteria_met set and is
 * not adverse.
 */
gboolean
rd_case_file_set_recommendation (RdCaseFile                  *self,
                                 const RdCaseRecommendation  *recommendation,
                                 GError                     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *now = _rd_time_now_string ();
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (recommendation != NULL, FALSE);

  if (!_rd_case_check_id (recommendation->policy_id, _("policy id"), error) ||
      !_rd_case_check_id (recommendation->outcome_id, _("outcome id"), error))
    return FALSE;
  if (recommendation->summary != NULL && !g_utf8_validate (recommendation->summary, -1, NULL))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("The recommendation’s summary is not valid text; nothing was stored."));
      return FALSE;
    }
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;

  stmt = _rd_db_prepare (self->db, "SELECT outcome_id || ' adverse=' || adverse || ' criteria-met=' || criteria_met"
                                   " || ifnull(': ' || summary, '') FROM recommendation WHERE policy_id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "s", recommendation->policy_id);
  if (!_rd_db_step_row (self->db, stmt, &has_row, error))
    goto fail;
  old_value = has_row ? _rd_db_column_text (stmt, 0) : NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);
  new_value = g_strdup_printf ("%s adverse=%d criteria-met=%d%s%s", recommendation->outcome_id,
                               recommendation->adverse != FALSE, recommendation->criteria_met != FALSE,
                               recommendation->summary ? ": " : "",
                               recommendation->summary ? recommendation->summary : "");
  if (g_strcmp0 (old_value, new_value) == 0)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }

  stmt = _rd_db_prepare (self->db,
                         "INSERT OR REPLACE INTO recommendation (policy_id, outcome_id, adverse, criteria_met,"
                         " summary, computed_by, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "ssiisss", recommendation->policy_id, recommendation->outcome_id,
               (gint64) (recommendation->adverse != FALSE), (gint64) (recommendation->criteria_met != FALSE),
               recommendation->summary, actor.name, now);
  if (!_rd_db_step_done (self->db, stmt, error) ||
      !_rd_case_audit (self->db, &actor, "recommendation", recommendation->policy_id, old_value, new_value,
                       error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "recommendation", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

static GPtrArray *
query_recommendations (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_recommendation_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rd_db_prepare (db, "SELECT policy_id, outcome_id, adverse, criteria_met, summary, computed_by,"
                             " computed_at FROM recommendation ORDER BY policy_id", error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      RdCaseRecommendation *r;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      r = g_new0 (RdCaseRecommendation, 1);
      r->policy_id = _rd_db_column_text (stmt, 0);
      r->outcome_id = _rd_db_column_text (stmt, 1);
      r->adverse = sqlite3_column_int (stmt, 2) != 0;
      r->criteria_met = sqlite3_column_int (stmt, 3) != 0;
      r->summary = _rd_db_column_text (stmt, 4);
      r->computed_by = _rd_db_column_text (stmt, 5);
      r->time = _rd_db_column_time (stmt, 6);
      g_ptr_array_add (list, r);
    }
  return g_steal_pointer (&list);
}

/**
 * rd_case_file_list_recommendations:
 *
 * Returns: (transfer container) (element-type RdCaseRecommendation): the
 *   stored recommendation of each policy
 */
GPtrArray *
rd_case_file_list_recommendations (RdCaseFile  *self,
                                   GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  return query_recommendations (self->db, error);
}

/* ---- decisions ----------------------------------------------------------------- */

static gboolean
not_permitted (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED, message);
  return FALSE;
}

/* A nurse approves only what the engine found met under every policy. */
static gboolean
criteria_all_met (sqlite3   *db,
                  gboolean  *all_met,
                  GError   **error)
{
  g_autoptr(GPtrArray) recommendations = query_recommendations (db, error);

  if (recommendations == NULL)
    return FALSE;
  *all_met = recommendations->len > 0;
  for (guint i = 0; i < recommendations->len; i++)
    {
      RdCaseRecommendation *r = g_ptr_array_index (recommendations, i);
      if (!r->criteria_met || r->adverse)
        *all_met = FALSE;
    }
  return TRUE;
}

/* Every decision is signed, and a role is what the organisation certified
 * for the signer's key: a medical director's decision needs a key certified
 * for medical director, whatever name or role was typed. */
static gboolean
check_signing_key (const RdCaseActor  *actor,
                   GError            **error)
{
  if (actor->key == NULL)
    return not_permitted (error, _("Decisions are signed with your reviewer key, and none is set up on this"
                                   " workstation. Set it up in Preferences › Reviewer (or with"
                                   " “reviewdesk-tool reviewer setup”) and try again; nothing was recorded."));
  if (!_rd_case_actor_certified (actor, actor->role))
    return not_permitted (error, actor->role == RD_ROLE_MEDICAL_DIRECTOR
                                 ? _("Only a key certified for medical director by your organisation can record"
                                     " a medical director’s decision; nothing was recorded.")
                                 : _("Your reviewer key is not certified for this role by your organisation,"
                                     " or its certificate has expired or been revoked; nothing was recorded."));
  return TRUE;
}

/* The rules of who may decide what, enforced here whatever the display
 * offers (the file's decision_roles trigger repeats the essential one). */
static gboolean
check_decision (sqlite3           *db,
                const RdCaseActor *actor,
                RdCaseStatus       status,
                RdDecisionKind     kind,
                gboolean           adverse,
                GError           **error)
{
  gboolean director = actor->role == RD_ROLE_MEDICAL_DIRECTOR;
  gboolean all_met = FALSE;

  if (adverse && kind != RD_DECISION_FINAL)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("Only a final determination can be adverse; nothing was recorded."));
      return FALSE;
    }
  if (!check_signing_key (actor, error))
    return FALSE;
  if (director)
    return TRUE;
  if (adverse || kind == RD_DECISION_FINAL)
    return not_permitted (error, _("Only a medical director can record a final or adverse determination."
                                   " Send the case to a medical director instead."));
  if (status != RD_CASE_STATUS_IN_REVIEW && status != RD_CASE_STATUS_PENDED)
    return not_permitted (error, _("The case is with a medical director or already decided; only a medical"
                                   " director can record a decision now."));
  if (kind == RD_DECISION_APPROVE)
    {
      if (!criteria_all_met (db, &all_met, error))
        return FALSE;
      if (!all_met)
        return not_permitted (error, _("A nurse reviewer can approve only when every criterion is met."
                                       " Score every criterion, or send the case to a medical director."));
    }
  return TRUE;
}

static RdCaseStatus
status_after (RdDecisionKind kind)
{
  switch (kind)
    {
    case RD_DECISION_SEND_TO_DIRECTOR: return RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR;
    case RD_DECISION_PEND: return RD_CASE_STATUS_PENDED;
    case RD_DECISION_APPROVE:
    case RD_DECISION_FINAL:
    default: return RD_CASE_STATUS_DECIDED;
    }
}

static gboolean
read_status (sqlite3       *db,
             RdCaseStatus  *status,
             GError       **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT status FROM case_info WHERE id = 1", error);
  gboolean has_row;

  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  *status = RD_CASE_STATUS_IN_REVIEW;
  if (has_row)
    rd_case_status_from_string ((const char *) sqlite3_column_text (stmt, 0), status);
  return TRUE;
}

static gboolean
write_status (sqlite3           *db,
              const RdCaseActor *actor,
              RdCaseStatus       old_status,
              RdCaseStatus       new_status,
              GError           **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "UPDATE case_info SET status = ? WHERE id = 1", error);

  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "s", rd_case_status_to_string (new_status));
  return _rd_db_step_done (db, stmt, error) &&
         (old_status == new_status ||
          _rd_case_audit (db, actor, "status", "case", rd_case_status_to_string (old_status),
                          rd_case_status_to_string (new_status), error));
}

static gboolean
sign_row (RdCaseFile         *self,
          const RdCaseActor  *actor,
          const char         *kind,
          const char         *target,
          const char         *sql,
          gint64              id,
          GError            **error)
{
  g_autofree char *digest = _rd_case_row_digest (self->db, sql, id, error);

  return digest != NULL && _rd_case_sign (self->db, actor, self->case_id, kind, target, digest, error);
}

static gint64
record_decision (RdCaseFile      *self,
                 RdDecisionKind   kind,
                 const char      *outcome_id,
                 gboolean         adverse,
                 const char      *rationale,
                 const char      *criterion,
                 GError         **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *target = NULL;
  g_autofree char *summary = NULL;
  RdCaseStatus old_status;
  gint64 reconsiders = 0;
  gint64 id;

  if (kind > RD_DECISION_FINAL || (outcome_id != NULL && !_rd_case_check_id (outcome_id, _("outcome id"), error)) ||
      (rationale != NULL && !g_utf8_validate (rationale, -1, NULL)) ||
      (criterion != NULL && !_rd_case_check_id (criterion, _("criterion"), error)))
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                             _("The decision is not valid; nothing was recorded."));
      return 0;
    }
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return 0;
  if (!read_status (self->db, &old_status, error) ||
      !check_decision (self->db, &actor, old_status, kind, adverse, error) ||
      (kind == RD_DECISION_FINAL &&
       !_rd_case_check_determination (self->db, &actor, adverse, rationale, criterion, &reconsiders, error)))
    goto fail;

  stmt = _rd_db_prepare (self->db, "INSERT INTO decision (kind, outcome_id, adverse, rationale, who, credentials,"
                                   " role, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "ssisssss", rd_decision_kind_to_string (kind), outcome_id, (gint64) (adverse != FALSE),
               rationale, actor.name, actor.credentials, rd_role_to_string (actor.role), now);
  if (!_rd_db_step_done (self->db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  target = g_strdup_printf ("decision/%" G_GINT64_FORMAT, id);
  summary = g_strdup_printf ("%s%s%s%s%s%s", rd_decision_kind_to_string (kind), outcome_id ? " " : "",
                             outcome_id ? outcome_id : "", adverse ? " (adverse)" : "",
                             rationale ? ": " : "", rationale ? rationale : "");
  /* The signed decision replaces the director's draft. */
  if (((kind == RD_DECISION_FINAL || kind == RD_DECISION_PEND) && !_rd_case_delete_decision_draft (self->db, error)) ||
      !_rd_case_audit (self->db, &actor, "decision", target, NULL, summary, error) ||
      !_rd_case_store_basis (self->db, &actor, id, criterion, reconsiders, error) ||
      !write_status (self->db, &actor, old_status, status_after (kind), error) ||
      !sign_row (self, &actor, "decision", target, RD_CASE_SIGNED_DECISION_SQL, id, error) ||
      !_rd_case_commit_change (self, self->db, "decision", error))
    goto fail;
  return id;

fail:
  _rd_case_rollback (self->db);
  return 0;
}

/**
 * rd_case_file_record_decision:
 * @kind: the decision
 * @outcome_id: (nullable): the policy outcome decided, e.g. "medically-necessary"
 * @adverse: whether the determination is adverse (only with %RD_DECISION_FINAL)
 * @rationale: (nullable): the reasons, for the letter and the audit
 *
 * Records a decision by the actor, sets the case's status from it and signs it
 * with the actor's key. The core enforces the roles: a nurse reviewer (or
 * trainer) can approve only when every stored recommendation says the
 * criteria are met, can pend or send to a medical director, and can never
 * record a final or adverse determination (%RD_CASE_FILE_ERROR_NOT_PERMITTED);
 * a medical director can record anything until the case is sealed, under the
 * rules of rd_case_file_record_determination(). A final or pend decision
 * deletes the medical director's draft (rd_case_file_set_decision_draft()) in
 * the same transaction.
 *
 * Returns: the decision's id, or 0 with @error set
 */
gint64
rd_case_file_record_decision (RdCaseFile      *self,
                              RdDecisionKind   kind,
                              const char      *outcome_id,
                              gboolean         adverse,
                              const char      *rationale,
                              GError         **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);

  return record_decision (self, kind, outcome_id, adverse, rationale, NULL, error);
}

/**
 * rd_case_file_record_determination:
 * @outcome_id: the policy outcome decided
 * @adverse: whether the determination is adverse
 * @rationale: the reasons
 * @criterion: (nullable): "policy-id/criterion-id", the criterion the
 *   determination rests on where it goes against the engine
 *
 * The medical director's final determination. One that goes against the
 * engine — adverse when every stored recommendation found the criteria met,
 * or an approval when one did not — must name the criterion it rests on and
 * give the reason (%RD_CASE_FILE_ERROR_INVALID otherwise). A determination
 * recorded after an earlier final one reconsiders it, and is made by a
 * different physician (%RD_CASE_FILE_ERROR_NOT_PERMITTED for the same one),
 * unless a peer-to-peer conversation held since reopened the decision.
 *
 * Returns: the decision's id, or 0 with @error set
 */
gint64
rd_case_file_record_determination (RdCaseFile  *self,
                                   const char  *outcome_id,
                                   gboolean     adverse,
                                   const char  *rationale,
                                   const char  *criterion,
                                   GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);

  return record_decision (self, RD_DECISION_FINAL, outcome_id, adverse, rationale, criterion, error);
}

/**
 * rd_case_file_list_decisions:
 *
 * Returns: (transfer container) (element-type RdCaseDecision): the decisions,
 *   oldest first; the last one set the case's status
 */
GPtrArray *
rd_case_file_list_decisions (RdCaseFile  *self,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_decision_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT id, kind, outcome_id, adverse, rationale, who, credentials, role,"
                                   " decided_at FROM decision ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      RdCaseDecision *d;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      d = g_new0 (RdCaseDecision, 1);
      d->id = sqlite3_column_int64 (stmt, 0);
      rd_decision_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &d->kind);
      d->outcome_id = _rd_db_column_text (stmt, 2);
      d->adverse = sqlite3_column_int (stmt, 3) != 0;
      d->rationale = _rd_db_column_text (stmt, 4);
      d->who = _rd_db_column_text (stmt, 5);
      d->credentials = _rd_db_column_text (stmt, 6);
      rd_role_from_string ((const char *) sqlite3_column_text (stmt, 7), &d->role);
      d->time = _rd_db_column_time (stmt, 8);
      g_ptr_array_add (list, d);
    }
  return g_steal_pointer (&list);
}

/* ---- the seal ------------------------------------------------------------------- */

/* What the seal's digest covers, with fixed columns so that a later format
 * that adds columns still verifies an old seal. updated_at is left out: it
 * records when, not what. */
static const struct {
  const char *name;
  const char *sql;
  gboolean    only_if_rows;  /* a table added later counts only when it has rows,
                              * so that a migrated old seal still verifies */
} sealed_content[] = {
  { "case_info", "SELECT case_id, status, created_at FROM case_info" },
  { "request", "SELECT member_name, member_id, member_birth_date, provider_name, provider_npi, drug, route,"
               " device, request_type, urgency, received_at, due_at FROM request" },
  { "request_code", "SELECT system, position, code FROM request_code ORDER BY system, position" },
  { "review", "SELECT policy_id, content_hash, added_by, added_at FROM review ORDER BY policy_id" },
  { "review_indication", "SELECT policy_id, indication_id FROM review_indication"
                         " ORDER BY policy_id, indication_id" },
  { "criterion_score", "SELECT policy_id, criterion_id, score, note, reviewer, scored_at FROM criterion_score"
                       " ORDER BY policy_id, criterion_id" },
  { "condition_answer", "SELECT policy_id, condition_id, answer, note, reviewer, answered_at"
                        " FROM condition_answer ORDER BY policy_id, condition_id" },
  { "documentation", "SELECT policy_id, item_id, status, where_found, reviewer, checked_at FROM documentation"
                     " ORDER BY policy_id, item_id" },
  { "record", "SELECT id, sha256, file_name, size, n_pages, added_by, added_at FROM record ORDER BY id" },
  { "record_page", "SELECT record_id, page_number, text, has_text_layer FROM record_page"
                   " ORDER BY record_id, page_number" },
  { "evidence", "SELECT id, record_id, page_number, x, y, width, height, quote, target_kind, policy_id,"
                " target_id, who, added_at FROM evidence ORDER BY id" },
  { "recommendation", "SELECT policy_id, outcome_id, adverse, criteria_met, summary, computed_by, computed_at"
                      " FROM recommendation ORDER BY policy_id" },
  { "decision", "SELECT id, kind, outcome_id, adverse, rationale, who, credentials, role, decided_at"
                " FROM decision ORDER BY id" },
  { "measurement", "SELECT policy_id, target_id, value, before, after, from_date, to_date, reviewer, measured_at"
                   " FROM measurement ORDER BY policy_id, target_id", TRUE },
  /* The director's desk (version 6), each only when it has rows, so that a
   * seal made before it still verifies. */
  { "determination_basis", "SELECT decision_id, criterion, reconsiders FROM determination_basis"
                           " ORDER BY decision_id", TRUE },
  { "peer_to_peer", "SELECT id, event, scheduled_for, participant, notes, who, role, recorded_at FROM peer_to_peer"
                    " ORDER BY id", TRUE },
  /* The payer step's content, each only when it has rows, so that a seal
   * made before it still verifies. */
  { "request_coverage", "SELECT payer, plan_name, line_of_business FROM request"
                        " WHERE coalesce (payer, plan_name, line_of_business) IS NOT NULL", TRUE },
  { "due_extension", "SELECT hours, reason, who, role, extended_at FROM due_extension", TRUE },
  { "declined_proposal", "SELECT policy_id, indication_id, reason, who, declined_at FROM declined_proposal"
                         " ORDER BY policy_id, indication_id", TRUE },
  /* The recognition step's words, only when there are some. */
  { "page_word", "SELECT record_id, page_number, n, word, x, y, width, height, confidence FROM page_word"
                 " ORDER BY record_id, page_number, n", TRUE },
  /* The source step (version 9), only when it has rows. */
  { "source_document", "SELECT id, kind, media_type, size, sha256, added_by, added_at, data FROM source_document"
                       " ORDER BY id", TRUE },
  { "audit", "SELECT seq, hash FROM audit WHERE seq = ?1" },
};

void
_rd_case_digest_value (GChecksum    *sum,
              sqlite3_stmt *stmt,
              int           column)
{
  g_autofree char *prefix = NULL;
  int n;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_checksum_update (sum, (const guchar *) "n\n", 2);
      return;
    case SQLITE_INTEGER:
      prefix = g_strdup_printf ("i%lld\n", (long long) sqlite3_column_int64 (stmt, column));
      g_checksum_update (sum, (const guchar *) prefix, -1);
      return;
    case SQLITE_FLOAT:
      prefix = g_strdup_printf ("r%.17g\n", sqlite3_column_double (stmt, column));
      g_checksum_update (sum, (const guchar *) prefix, -1);
      return;
    default:
      {
        gboolean is_text = sqlite3_column_type (stmt, column) == SQLITE_TEXT;
        const guchar *data = is_text ? sqlite3_column_text (stmt, column) : sqlite3_column_blob (stmt, column);
        n = sqlite3_column_bytes (stmt, column);
        prefix = g_strdup_printf ("%c%d:", is_text ? 't' : 'b', n);
        g_checksum_update (sum, (const guchar *) prefix, -1);
        g_checksum_update (sum, data, n);
        g_checksum_update (sum, (const guchar *) "\n", 1);
      }
    }
}

char *
_rd_case_content_digest (sqlite3  *db,
                         gint64    audit_seq,
                         GError  **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) "rd-seal-v1\n", -1);
  for (guint t = 0; t < G_N_ELEMENTS (sealed_content); t++)
    {
      g_autoptr(RdStmt) stmt = _rd_db_prepare (db, sealed_content[t].sql, error);
      g_autofree char *header = g_strdup_printf ("T%s\n", sealed_content[t].name);
      gboolean has_row;
      gboolean header_written = FALSE;

      if (stmt == NULL)
        return NULL;
      if (sqlite3_bind_parameter_count (stmt) > 0)
        _rd_db_bind (stmt, "i", audit_seq);
      if (!sealed_content[t].only_if_rows)
        {
          g_checksum_update (sum, (const guchar *) header, -1);
          header_written = TRUE;
        }
      while (TRUE)
        {
          if (!_rd_db_step_row (db, stmt, &has_row, error))
            return NULL;
          if (!has_row)
            break;
          if (!header_written)
            {
              g_checksum_update (sum, (const guchar *) header, -1);
              header_written = TRUE;
            }
          g_checksum_update (sum, (const guchar *) "R\n", 2);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            _rd_case_digest_value (sum, stmt, c);
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
insert_seal (sqlite3           *db,
             const RdCaseActor *actor,
             GError           **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *now = _rd_time_now_string ();
  gint64 head_seq;

  /* The digest covers the content and the audit log up to here; the seal's
   * own audit entry then records the digest. */
  if (!_rd_audit_head (db, &head_seq, &head_hash, error))
    return FALSE;
  digest = _rd_case_content_digest (db, head_seq, error);
  if (digest == NULL)
    return FALSE;
  stmt = _rd_db_prepare (db, "INSERT INTO seal (id, digest, audit_seq, sealed_by, credentials, sealed_at)"
                             " VALUES (1, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "sisss", digest, head_seq, actor->name, actor->credentials, now);
  return _rd_db_step_done (db, stmt, error) &&
         _rd_case_audit (db, actor, "seal", "case", NULL, digest, error);
}

/**
 * rd_case_file_seal:
 *
 * The medical director's seal: computes a digest over the case's content and
 * audit log, stores it, and makes the case read-only for good. Only a medical
 * director can seal, and only a decided case.
 */
gboolean
rd_case_file_seal (RdCaseFile  *self,
                   GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  RdCaseStatus status;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  if (actor.role != RD_ROLE_MEDICAL_DIRECTOR || !_rd_case_actor_certified (&actor, RD_ROLE_MEDICAL_DIRECTOR))
    {
      not_permitted (error, _("Only a medical director, signing with a key certified for medical director by"
                              " the organisation, can seal a case."));
      goto fail;
    }
  if (!read_status (self->db, &status, error))
    goto fail;
  if (status != RD_CASE_STATUS_DECIDED)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                           _("Record the determination before sealing the case."));
      goto fail;
    }
  if (!write_status (self->db, &actor, status, RD_CASE_STATUS_SEALED, error) ||
      !insert_seal (self->db, &actor, error) ||
      !sign_row (self, &actor, "seal", "case", RD_CASE_SIGNED_SEAL_SQL, 1, error))
    goto fail;
  /* Set before the change is announced: those told of it see a read-only case. */
  self->sealed = TRUE;
  if (!_rd_case_commit_change (self, self->db, "seal", error))
    {
      self->sealed = FALSE;
      return FALSE;
    }
  _rd_case_note_seal (self);
  return TRUE;

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

/**
 * rd_case_file_get_seal:
 *
 * Returns: (transfer full) (nullable): the seal, or %NULL without @error
 *   when the case is not sealed
 */
RdCaseSeal *
rd_case_file_get_seal (RdCaseFile  *self,
                       GError     **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  RdCaseSeal *seal;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT digest, audit_seq, sealed_by, credentials, sealed_at FROM seal"
                                   " WHERE id = 1", error);
  if (stmt == NULL || !_rd_db_step_row (self->db, stmt, &has_row, error) || !has_row)
    return NULL;
  seal = g_new0 (RdCaseSeal, 1);
  seal->digest = _rd_db_column_text (stmt, 0);
  seal->audit_seq = sqlite3_column_int64 (stmt, 1);
  seal->sealed_by = _rd_db_column_text (stmt, 2);
  seal->credentials = _rd_db_column_text (stmt, 3);
  seal->sealed_at = _rd_db_column_time (stmt, 4);
  return seal;
}
