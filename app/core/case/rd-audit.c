/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-db.h"

static void
add_field (GChecksum  *sum,
           const char *value)
{
  char prefix[32];

  if (value == NULL)
    {
      g_checksum_update (sum, (const guchar *) "-\n", 2);
      return;
    }
  g_snprintf (prefix, sizeof prefix, "%zu:", strlen (value));
  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) value, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
}

char *
_rd_audit_entry_hash (const char *prev_hash,
                      gint64      seq,
                      const char *at,
                      const char *who,
                      const char *role,
                      const char *action,
                      const char *target,
                      const char *old_value,
                      const char *new_value)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char seq_text[32];

  g_snprintf (seq_text, sizeof seq_text, "%" G_GINT64_FORMAT, seq);
  g_checksum_update (sum, (const guchar *) "rd-audit-v1\n", -1);
  add_field (sum, prev_hash);
  add_field (sum, seq_text);
  add_field (sum, at);
  add_field (sum, who);
  add_field (sum, role);
  add_field (sum, action);
  add_field (sum, target);
  add_field (sum, old_value);
  add_field (sum, new_value);
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
_rd_audit_head (sqlite3  *db,
                gint64   *seq,
                char    **hash,
                GError  **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  gboolean has_row;

  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  *seq = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  *hash = has_row ? _rd_db_column_text (stmt, 1) : g_strdup (RD_AUDIT_GENESIS);
  return TRUE;
}

gboolean
_rd_audit_append (sqlite3     *db,
                  const char  *who,
                  const char  *role,
                  const char  *action,
                  const char  *target,
                  const char  *old_value,
                  const char  *new_value,
                  GError     **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *at = _rd_time_now_string ();
  g_autofree char *hash = NULL;
  gint64 seq;

  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  if (!_rd_audit_head (db, &seq, &prev_hash, error))
    return FALSE;
  seq++;
  hash = _rd_audit_entry_hash (prev_hash, seq, at, who, role, action, target, old_value, new_value);

  stmt = _rd_db_prepare (db,
                         "INSERT INTO audit (seq, at, who, role, action, target, old_value, new_value,"
                         " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "isssssssss", seq, at, who, role, action, target, old_value, new_value,
               prev_hash, hash);
  return _rd_db_step_done (db, stmt, error);
}

#define COL(i) ((const char *) sqlite3_column_text (stmt, (i)))

gboolean
_rd_audit_verify (sqlite3  *db,
                  gint64   *n_entries,
                  gint64   *first_broken,
                  char    **problem,
                  GError  **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *expected_prev = g_strdup (RD_AUDIT_GENESIS);
  gint64 expected_seq = 1;
  gboolean has_row;

  *n_entries = 0;
  *first_broken = 0;
  *problem = NULL;

  stmt = _rd_db_prepare (db,
                         "SELECT seq, at, who, role, action, target, old_value, new_value, prev_hash, hash"
                         " FROM audit ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;

  while (TRUE)
    {
      g_autofree char *hash = NULL;
      gint64 seq;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      seq = sqlite3_column_int64 (stmt, 0);
      (*n_entries)++;
      /* The first broken entry is the one reported; a damaged file may number
       * it 0, so the message, not the number, says one was found. */
      if (*problem != NULL)
        continue;

      hash = _rd_audit_entry_hash (COL (8), seq, COL (1), COL (2), COL (3), COL (4), COL (5), COL (6), COL (7));
      if (seq != expected_seq)
        *problem = g_strdup_printf (_("Audit entry %lld follows entry %lld"
                                      ": entries are missing."), (long long) seq, (long long) (expected_seq - 1));
      else if (g_strcmp0 (COL (8), expected_prev) != 0)
        *problem = g_strdup_printf (_("Audit entry %lld does not link to the entry before it:"
                                      " an entry was changed, inserted or removed."), (long long) seq);
      else if (g_strcmp0 (COL (9), hash) != 0)
        *problem = g_strdup_printf (_("Audit entry %lld was changed after it was written:"
                                      " its content no longer matches its hash."), (long long) seq);
      if (*problem != NULL)
        {
          *first_broken = seq;
          continue;
        }
      g_free (expected_prev);
      expected_prev = g_strdup (COL (9));
      expected_seq = seq + 1;
    }
  return TRUE;
}
