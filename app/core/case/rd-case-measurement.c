/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* "value 12", "before 8, after 3", "from 2025-03-01 to 2026-01-15": the
 * measurement as the audit log records it. */
char *
_rd_case_describe_measurement (const RdMeasurement *m)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  if (m == NULL)
    return NULL;
  if (m->has_value)
    g_string_append_printf (text, "value %s", g_ascii_formatd (a, sizeof a, "%g", m->value));
  if (m->has_before_after)
    g_string_append_printf (text, "%sbefore %s, after %s", text->len ? ", " : "",
                            g_ascii_formatd (a, sizeof a, "%g", m->before),
                            g_ascii_formatd (b, sizeof b, "%g", m->after));
  if (m->from_date != NULL)
    g_string_append_printf (text, "%sfrom %s", text->len ? ", " : "", m->from_date);
  if (m->to_date != NULL)
    g_string_append_printf (text, "%sto %s", text->len ? " " : "", m->to_date);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
check_measurement (const RdMeasurement  *m,
                   GError              **error)
{
  if (m == NULL)
    return TRUE;
  if (!m->has_value && !m->has_before_after && m->from_date == NULL && m->to_date == NULL)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("The measurement holds no value, scores or dates; nothing was stored."));
      return FALSE;
    }
  if ((m->has_value && !isfinite (m->value)) ||
      (m->has_before_after && (!isfinite (m->before) || !isfinite (m->after))))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("A measured number is not finite; nothing was stored."));
      return FALSE;
    }
  if ((m->from_date != NULL && !g_utf8_validate (m->from_date, -1, NULL)) ||
      (m->to_date != NULL && !g_utf8_validate (m->to_date, -1, NULL)))
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                           _("A measured date is not valid text; nothing was stored."));
      return FALSE;
    }
  return TRUE;
}

RdMeasurement *
_rd_case_measurement_from_row (RdStmt *stmt,
                               int     first)
{
  RdMeasurement *m = rd_measurement_new ();

  m->has_value = sqlite3_column_type (stmt, first) != SQLITE_NULL;
  m->value = sqlite3_column_double (stmt, first);
  m->has_before_after = sqlite3_column_type (stmt, first + 1) != SQLITE_NULL &&
                        sqlite3_column_type (stmt, first + 2) != SQLITE_NULL;
  m->before = sqlite3_column_double (stmt, first + 1);
  m->after = sqlite3_column_double (stmt, first + 2);
  m->from_date = _rd_db_column_text (stmt, first + 3);
  m->to_date = _rd_db_column_text (stmt, first + 4);
  return m;
}

static gboolean
read_old (sqlite3        *db,
          const char     *policy_id,
          const char     *target_id,
          RdMeasurement **old,
          GError        **error)
{
  gboolean has_row;
  g_autoptr(RdStmt) stmt = _rd_db_query_row (db, &has_row, error,
                                             "SELECT value, before, after, from_date, to_date FROM measurement"
                                             " WHERE policy_id = ? AND target_id = ?", "ss", policy_id, target_id);

  if (stmt == NULL)
    return FALSE;
  *old = has_row ? _rd_case_measurement_from_row (stmt, 0) : NULL;
  return TRUE;
}

static gboolean
write_row (sqlite3             *db,
           const char          *policy_id,
           const char          *target_id,
           const RdMeasurement *m,
           const char          *reviewer,
           GError             **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = NULL;

  if (m == NULL)
    {
      stmt = _rd_db_prepare (db, "DELETE FROM measurement WHERE policy_id = ? AND target_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      _rd_db_bind (stmt, "ss", policy_id, target_id);
      return _rd_db_step_done (db, stmt, error);
    }

  now = _rd_time_now_string ();
  stmt = _rd_db_prepare (db, "INSERT OR REPLACE INTO measurement (policy_id, target_id, value, before, after,"
                             " from_date, to_date, reviewer, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "ss", policy_id, target_id);
  if (m->has_value)
    sqlite3_bind_double (stmt, 3, m->value);
  if (m->has_before_after)
    {
      sqlite3_bind_double (stmt, 4, m->before);
      sqlite3_bind_double (stmt, 5, m->after);
    }
  sqlite3_bind_text (stmt, 6, m->from_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, m->to_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, reviewer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  return _rd_db_step_done (db, stmt, error);
}

/**
 * rd_case_file_set_measurement:
 * @policy_id: the policy
 * @target_id: the criterion or referral question with a threshold
 * @measurement: (nullable): what the reviewer measured; %NULL removes it
 *
 * Stores what was measured for @target_id: one transaction with one audit
 * entry (action `measurement`, old and new as "before 8, after 3"). The
 * score stays what the reviewer sets: a caller that wants the score the
 * measurement decides computes it with rd_measurement_passes() and stores it
 * with rd_case_file_set_score() or rd_case_file_set_condition(). Storing the
 * same measurement again writes nothing.
 *
 * Returns: %TRUE once the change is durable
 */
gboolean
rd_case_file_set_measurement (RdCaseFile           *self,
                              const char           *policy_id,
                              const char           *target_id,
                              const RdMeasurement  *measurement,
                              GError              **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdMeasurement) old = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (!_rd_case_check_id (policy_id, _("policy id"), error) ||
      !_rd_case_check_id (target_id, _("measured criterion id"), error) ||
      !check_measurement (measurement, error) ||
      !_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  if (!read_old (self->db, policy_id, target_id, &old, error))
    goto fail;
  old_text = _rd_case_describe_measurement (old);
  new_text = _rd_case_describe_measurement (measurement);
  if (g_strcmp0 (old_text, new_text) == 0)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }
  target = g_strconcat (policy_id, "/", target_id, NULL);
  if (!write_row (self->db, policy_id, target_id, measurement, actor.name, error) ||
      !_rd_case_audit (self->db, &actor, "measurement", target, old_text, new_text, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "measurement", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}

/**
 * rd_case_file_get_measurements:
 * @policy_id: the policy
 *
 * Returns: (transfer container) (element-type utf8 RdMeasurement): each
 *   measured target id of @policy_id to its measurement; empty when there
 *   are none or the case cannot be read
 */
GHashTable *
rd_case_file_get_measurements (RdCaseFile *self,
                               const char *policy_id)
{
  g_autoptr(GHashTable) measurements =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) rd_measurement_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  g_return_val_if_fail (policy_id != NULL, NULL);

  if (!_rd_case_check_readable (self, NULL))
    return g_steal_pointer (&measurements);
  stmt = _rd_db_prepare (self->db, "SELECT target_id, value, before, after, from_date, to_date FROM measurement"
                                   " WHERE policy_id = ? ORDER BY target_id", NULL);
  if (stmt == NULL)
    return g_steal_pointer (&measurements);
  _rd_db_bind (stmt, "s", policy_id);
  while (_rd_db_step_row (self->db, stmt, &has_row, NULL) && has_row)
    g_hash_table_insert (measurements, _rd_db_column_text (stmt, 0), _rd_case_measurement_from_row (stmt, 1));
  return g_steal_pointer (&measurements);
}
