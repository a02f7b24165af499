/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The medical director's desk: determinations that go against the engine
 * name what they rest on, a reconsideration is made by another physician,
 * and peer-to-peer conversations are recorded. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

/* The latest final determination, and whether a peer-to-peer conversation
 * held after it reopened the decision. */
static gboolean
last_final (sqlite3  *db,
            gint64   *id,
            char    **public_key,
            char    **who,
            gboolean *reopened,
            GError  **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;
  gint64 n_reopened = 0;

  *id = 0;
  *public_key = *who = NULL;
  *reopened = FALSE;
  stmt = _rd_db_prepare (db, "SELECT d.id, d.who, d.decided_at,"
                             " (SELECT public_key FROM signature s WHERE s.kind = 'decision'"
                             "   AND s.target = 'decision/' || d.id)"
                             " FROM decision d WHERE d.kind = 'final' ORDER BY d.id DESC LIMIT 1", error);
  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;
  *id = sqlite3_column_int64 (stmt, 0);
  *who = _rd_db_column_text (stmt, 1);
  *public_key = _rd_db_column_text (stmt, 3);
  {
    g_autoptr(RdStmt) p2p = _rd_db_prepare (db, "SELECT count(*) FROM peer_to_peer WHERE event = 'held-reopened'"
                                                " AND recorded_at > ?", error);
    gboolean p2p_row;

    if (p2p == NULL)
      return FALSE;
    _rd_db_bind (p2p, "s", (const char *) sqlite3_column_text (stmt, 2));
    if (!_rd_db_step_row (db, p2p, &p2p_row, error))
      return FALSE;
    n_reopened = p2p_row ? sqlite3_column_int64 (p2p, 0) : 0;
  }
  *reopened = n_reopened > 0;
  return TRUE;
}

static gboolean
count_recommendations (sqlite3  *db,
                       gint64   *n_all,
                       gint64   *n_not_met,
                       GError  **error)
{
  return _rd_db_query_int (db, "SELECT count(*) FROM recommendation", n_all, error) &&
         _rd_db_query_int (db, "SELECT count(*) FROM recommendation WHERE NOT criteria_met OR adverse",
                           n_not_met, error);
}

gboolean
_rd_case_check_determination (sqlite3           *db,
                              const RdCaseActor *actor,
                              gboolean           adverse,
                              const char        *rationale,
                              const char        *criterion,
                              gint64            *reconsiders,
                              GError           **error)
{
  g_autofree char *previous_key = NULL;
  g_autofree char *previous_who = NULL;
  gint64 n_all = 0, n_not_met = 0, previous = 0;
  gboolean reopened = FALSE;

  *reconsiders = 0;
  if (!count_recommendations (db, &n_all, &n_not_met, error))
    return FALSE;
  if (adverse && n_all > 0 && n_not_met == 0 && (!has_text (criterion) || !has_text (rationale)))
    return invalid (error, _("The engine found every criterion met. An adverse determination against it names the"
                             " criterion it rests on and gives the reason; nothing was recorded."));
  if (!adverse && n_not_met > 0 && (!has_text (criterion) || !has_text (rationale)))
    return invalid (error, _("The engine did not find every criterion met (or documented). An approval against it"
                             " names the criterion the physician finds met and gives the reason; nothing was"
                             " recorded."));

  if (!last_final (db, &previous, &previous_key, &previous_who, &reopened, error))
    return FALSE;
  if (previous == 0 || reopened)
    return TRUE;
  *reconsiders = previous;
  if ((previous_key != NULL && actor->key != NULL &&
       g_str_equal (previous_key, rd_signing_key_get_public_key (actor->key))) ||
      g_strcmp0 (previous_who, actor->name) == 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                   _("%s made the determination this one would reconsider. A reconsideration or appeal is"
                     " decided by a different physician; nothing was recorded."), previous_who);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_case_store_basis (sqlite3           *db,
                      const RdCaseActor *actor,
                      gint64             decision_id,
                      const char        *criterion,
                      gint64             reconsiders,
                      GError           **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;

  if (criterion == NULL && reconsiders == 0)
    return TRUE;
  stmt = _rd_db_prepare (db, "INSERT INTO determination_basis (decision_id, criterion, reconsiders)"
                             " VALUES (?, ?, nullif(?, 0))", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "isi", decision_id, criterion, reconsiders);
  if (!_rd_db_step_done (db, stmt, error))
    return FALSE;
  target = g_strdup_printf ("decision/%" G_GINT64_FORMAT, decision_id);
  text = g_strdup_printf ("%s%s%s%s", criterion ? "rests on " : "", criterion ? criterion : "",
                          criterion && reconsiders ? "; " : "",
                          reconsiders ? "reconsiders an earlier determination" : "");
  return _rd_case_audit (db, actor, "determination-basis", target, NULL, text, error);
}

/**
 * rd_case_file_get_determination_basis:
 * @decision_id: a decision
 * @criterion: (out) (transfer full) (nullable): what it rests on
 * @reconsiders: (out): the decision it reconsiders, or 0
 *
 * Returns: %FALSE with @error when the case cannot be read
 */
gboolean
rd_case_file_get_determination_basis (RdCaseFile  *self,
                                      gint64       decision_id,
                                      char       **criterion,
                                      gint64      *reconsiders,
                                      GError     **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  *criterion = NULL;
  *reconsiders = 0;
  if (!_rd_case_check_readable (self, error))
    return FALSE;
  stmt = _rd_db_prepare (self->db, "SELECT criterion, reconsiders FROM determination_basis WHERE decision_id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "i", decision_id);
  if (!_rd_db_step_row (self->db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      *criterion = _rd_db_column_text (stmt, 0);
      *reconsiders = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}

/* ---- peer-to-peer ---------------------------------------------------------- */

static const char * const peer_to_peer_events[] = {
  [RD_PEER_TO_PEER_OFFERED] = "offered",
  [RD_PEER_TO_PEER_SCHEDULED] = "scheduled",
  [RD_PEER_TO_PEER_HELD_UPHELD] = "held-upheld",
  [RD_PEER_TO_PEER_HELD_REOPENED] = "held-reopened",
  [RD_PEER_TO_PEER_DECLINED] = "declined",
};

const char *
rd_peer_to_peer_event_to_string (RdPeerToPeerEvent event)
{
  g_return_val_if_fail (event <= RD_PEER_TO_PEER_DECLINED, NULL);
  return peer_to_peer_events[event];
}

static gboolean
check_peer_to_peer (sqlite3            *db,
                    const RdCaseActor  *actor,
                    RdPeerToPeerEvent   event,
                    GDateTime          *scheduled_for,
                    const char         *participant,
                    GError            **error)
{
  gint64 n_final = 0;

  if (event > RD_PEER_TO_PEER_DECLINED)
    return invalid (error, _("Unknown peer-to-peer event; nothing was recorded."));
  if (event == RD_PEER_TO_PEER_SCHEDULED && scheduled_for == NULL)
    return invalid (error, _("Give the date and time the peer-to-peer conversation is scheduled for."));
  if ((event == RD_PEER_TO_PEER_HELD_UPHELD || event == RD_PEER_TO_PEER_HELD_REOPENED) && !has_text (participant))
    return invalid (error, _("Name the provider the conversation was held with."));
  if (participant != NULL && !g_utf8_validate (participant, -1, NULL))
    return invalid (error, _("The participant’s name is not valid text; nothing was recorded."));
  /* Held conversations change the decision: the physician's, signed. */
  if ((event == RD_PEER_TO_PEER_HELD_UPHELD || event == RD_PEER_TO_PEER_HELD_REOPENED) &&
      !_rd_case_actor_certified (actor, RD_ROLE_MEDICAL_DIRECTOR))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                           _("Only a medical director, signing with a certified key, records the outcome of a"
                             " peer-to-peer conversation."));
      return FALSE;
    }
  if (!_rd_db_query_int (db, "SELECT count(*) FROM decision WHERE kind = 'final' AND adverse", &n_final, error))
    return FALSE;
  if (event == RD_PEER_TO_PEER_HELD_REOPENED && n_final == 0)
    return invalid (error, _("There is no adverse determination for the conversation to reopen."));
  return TRUE;
}

/**
 * rd_case_file_record_peer_to_peer:
 * @event: what happened
 * @scheduled_for: (nullable): when it is to be held (needed to schedule it)
 * @participant: (nullable): the provider it was offered to or held with
 * @notes: (nullable): what was said
 *
 * Records a step of a peer-to-peer conversation between the provider and the
 * physician reviewer, audited. Its outcome (held, upheld or reopened) is the
 * medical director's, with a certified key; a conversation that reopens the
 * decision sends the case back to the medical director, whose next
 * determination may then differ from the earlier one.
 *
 * Returns: the event's id, or 0 with @error set
 */
gint64
rd_case_file_record_peer_to_peer (RdCaseFile         *self,
                                  RdPeerToPeerEvent   event,
                                  GDateTime          *scheduled_for,
                                  const char         *participant,
                                  const char         *notes,
                                  GError            **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *when = scheduled_for ? _rd_time_to_string (scheduled_for) : NULL;
  g_autofree char *target = NULL;
  g_autofree char *summary = NULL;
  gint64 id;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);

  if (notes != NULL && !g_utf8_validate (notes, -1, NULL))
    {
      invalid (error, _("The notes are not valid text; nothing was recorded."));
      return 0;
    }
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return 0;
  if (!check_peer_to_peer (self->db, &actor, event, scheduled_for, participant, error))
    goto fail;
  stmt = _rd_db_prepare (self->db, "INSERT INTO peer_to_peer (event, scheduled_for, participant, notes, who, role,"
                                   " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "sssssss", rd_peer_to_peer_event_to_string (event), when, participant, notes, actor.name,
               rd_role_to_string (actor.role), now);
  if (!_rd_db_step_done (self->db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  target = g_strdup_printf ("peer-to-peer/%" G_GINT64_FORMAT, id);
  summary = g_strdup_printf ("%s%s%s%s%s%s%s", rd_peer_to_peer_event_to_string (event),
                             when ? " for " : "", when ? when : "", participant ? " with " : "",
                             participant ? participant : "", notes ? ": " : "", notes ? notes : "");
  if (!_rd_case_audit (self->db, &actor, "peer-to-peer", target, NULL, summary, error))
    goto fail;
  if (event == RD_PEER_TO_PEER_HELD_REOPENED)
    {
      g_autoptr(RdStmt) status = _rd_db_prepare (self->db, "UPDATE case_info SET status = 'with-medical-director'"
                                                           " WHERE id = 1 AND status = 'decided'", error);
      if (status == NULL || !_rd_db_step_done (self->db, status, error) ||
          (sqlite3_changes (self->db) > 0 &&
           !_rd_case_audit (self->db, &actor, "status", "case", "decided", "with-medical-director", error)))
        goto fail;
    }
  if (!_rd_case_commit_change (self, self->db, "decision", error))
    return 0;
  return id;

fail:
  _rd_case_rollback (self->db);
  return 0;
}

/**
 * rd_case_file_list_peer_to_peer:
 *
 * Returns: (transfer container) (element-type RdCasePeerToPeer): the steps of
 *   the case's peer-to-peer conversations, oldest first
 */
GPtrArray *
rd_case_file_list_peer_to_peer (RdCaseFile  *self,
                                GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_peer_to_peer_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT id, event, scheduled_for, participant, notes, who, recorded_at"
                                   " FROM peer_to_peer ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      RdCasePeerToPeer *p;
      const char *event;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      p = g_new0 (RdCasePeerToPeer, 1);
      p->id = sqlite3_column_int64 (stmt, 0);
      event = (const char *) sqlite3_column_text (stmt, 1);
      for (guint e = 0; e < G_N_ELEMENTS (peer_to_peer_events); e++)
        if (g_strcmp0 (event, peer_to_peer_events[e]) == 0)
          p->event = (RdPeerToPeerEvent) e;
      p->scheduled_for = _rd_db_column_time (stmt, 2);
      p->participant = _rd_db_column_text (stmt, 3);
      p->notes = _rd_db_column_text (stmt, 4);
      p->who = _rd_db_column_text (stmt, 5);
      p->time = _rd_db_column_time (stmt, 6);
      g_ptr_array_add (list, p);
    }
  return g_steal_pointer (&list);
}
