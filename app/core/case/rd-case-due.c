/* SPDX-License-Identifier: GPL-3.0-or-later */
/* When a case's decision is due: the rule of its line of business and
 * urgency (rd-due-rule.c) counted from receipt, plus the one extension the
 * rule may allow, recorded with who asked for it, when and why. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

static gboolean
query_extension (sqlite3             *db,
                 RdCaseDueExtension **out,
                 GError             **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT hours, reason, who, role, extended_at FROM due_extension"
                                               " WHERE id = 1", error);
  g_autofree char *role = NULL;
  RdCaseDueExtension *extension;
  gboolean found;

  *out = NULL;
  if (stmt == NULL || !_rd_db_step_row (db, stmt, &found, error))
    return FALSE;
  if (!found)
    return TRUE;
  extension = g_new0 (RdCaseDueExtension, 1);
  extension->hours = (guint) sqlite3_column_int64 (stmt, 0);
  extension->reason = _rd_db_column_text (stmt, 1);
  extension->who = _rd_db_column_text (stmt, 2);
  role = _rd_db_column_text (stmt, 3);
  rd_role_from_string (role, &extension->role);
  extension->time = _rd_db_column_time (stmt, 4);
  *out = extension;
  return TRUE;
}

gboolean
_rd_case_due_time (sqlite3          *db,
                   const RdRequest  *request,
                   GDateTime       **due,
                   GError          **error)
{
  g_autoptr(RdCaseDueExtension) extension = NULL;
  g_autoptr(GDateTime) by_rule = rd_request_get_due_time (request);

  *due = NULL;
  if (!query_extension (db, &extension, error))
    return FALSE;
  if (by_rule != NULL)
    *due = extension ? g_date_time_add_hours (by_rule, extension->hours) : g_date_time_ref (by_rule);
  return TRUE;
}

/**
 * rd_case_file_get_due_time:
 *
 * Returns: (transfer full) (nullable): when the case's decision is due: its
 *   rule's time (rd_request_get_due_time()) plus its extension, if any;
 *   %NULL without @error before receipt is known
 */
GDateTime *
rd_case_file_get_due_time (RdCaseFile  *self,
                           GError     **error)
{
  g_autoptr(RdRequest) request = NULL;
  GDateTime *due = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error) || (request = _rd_case_read_request (self->db, error)) == NULL)
    return NULL;
  _rd_case_due_time (self->db, request, &due, error);
  return due;
}

/**
 * rd_case_file_get_due_extension:
 *
 * Returns: (transfer full) (nullable): the extension of the due time, or
 *   %NULL without @error when it was not extended
 */
RdCaseDueExtension *
rd_case_file_get_due_extension (RdCaseFile  *self,
                                GError     **error)
{
  RdCaseDueExtension *extension = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  query_extension (self->db, &extension, error);
  return extension;
}

/* What stands in the way of an extension of @hours under @request's rule. */
static gboolean
check_extension (sqlite3          *db,
                 const RdRequest  *request,
                 guint             hours,
                 GError          **error)
{
  const RdDueRule *rule = rd_request_get_due_rule (request);
  g_autofree char *rule_text = rd_due_rule_describe (rule);
  g_autoptr(RdCaseDueExtension) earlier = NULL;

  if (!query_extension (db, &earlier, error))
    return FALSE;
  if (earlier != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (earlier->time);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                   _("The due time was already extended once, by %u hours on %s; a rule allows one extension,"
                     " so it was not extended again."), earlier->hours, when);
      return FALSE;
    }
  if (request->received == NULL)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("Enter when the request was received before extending its due time: the due time"
                             " counts from it."));
      return FALSE;
    }
  if (rule->extension_days == 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                   request->line_of_business == RD_LINE_OF_BUSINESS_UNKNOWN
                   ? _("The due time was not extended: record the member’s line of business first, since it decides"
                       " whether an extension is allowed (the rule followed now is %s).")
                   : _("The due time was not extended: the rule this request follows, %s, allows no extension."),
                   rule_text);
      return FALSE;
    }
  if (hours == 0 || hours > rule->extension_days * 24)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                   _("The due time was not extended: under %s an extension is of 1 hour to %u days (%u hours),"
                     " and %u hours were asked for."),
                   rule_text, rule->extension_days, rule->extension_days * 24, hours);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  return copy[0] == '\0';
}

static gboolean
write_extension (sqlite3           *db,
                 const RdCaseActor *actor,
                 guint              hours,
                 const char        *reason,
                 GError           **error)
{
  g_autoptr(RdStmt) insert = _rd_db_prepare (db, "INSERT INTO due_extension (id, hours, reason, who, role, extended_at)"
                                                 " VALUES (1, ?, ?, ?, ?, ?)", error);
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *value = g_strdup_printf ("%u hours: %s", hours, reason);

  if (insert == NULL)
    return FALSE;
  _rd_db_bind (insert, "issss", (gint64) hours, reason, actor->name, rd_role_to_string (actor->role), now);
  return _rd_db_step_done (db, insert, error) &&
         _rd_case_audit (db, actor, "due-extension", "request/due", NULL, value, error);
}

static gboolean
update_due_at (sqlite3          *db,
               const RdRequest  *request,
               GError          **error)
{
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(RdStmt) stmt = NULL;

  if (!_rd_case_due_time (db, request, &due, error))
    return FALSE;
  stmt = _rd_db_prepare (db, "UPDATE request SET due_at = ? WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "t", due);
  return _rd_db_step_done (db, stmt, error);
}

/**
 * rd_case_file_extend_due:
 * @hours: how much later the decision is due, from 1 hour to the rule's
 *   longest extension (RdDueRule.extension_days)
 * @reason: why, as the reviewer says it (the member asked for it, the plan
 *   needs a record it asked for and the delay is in the member's interest…)
 *
 * Extends the due time once, where the request's rule allows it, in one
 * transaction audited as `due-extension` ("336 hours: why"), with who and
 * when. Refused with a message that says why: a second extension
 * (%RD_CASE_FILE_ERROR_NOT_PERMITTED), a rule that allows none or a line of
 * business not recorded (likewise), too long or empty a request, no receipt
 * time (%RD_CASE_FILE_ERROR_INVALID), a decided, sealed or read-only case.
 *
 * Returns: %TRUE once the extension is durable
 */
gboolean
rd_case_file_extend_due (RdCaseFile  *self,
                         guint        hours,
                         const char  *reason,
                         GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdRequest) request = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (is_blank (reason) || !g_utf8_validate (reason, -1, NULL))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("The due time was not extended: say why it is extended."));
      return FALSE;
    }
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  if (rd_case_file_get_status (self) == RD_CASE_STATUS_DECIDED)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                           _("The due time was not extended: the case is decided."));
      goto fail;
    }
  if ((request = _rd_case_read_request (self->db, error)) == NULL ||
      !check_extension (self->db, request, hours, error) ||
      !write_extension (self->db, &actor, hours, reason, error) ||
      !update_due_at (self->db, request, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "due", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}
