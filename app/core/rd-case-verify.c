/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file-private.h"

/**
 * rd_case_file_list_audit:
 *
 * Returns: (transfer container) (element-type RdAuditEntry): the audit log,
 *   oldest first
 */
GPtrArray *
rd_case_file_list_audit (RdCaseFile  *self,
                         GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_entry_free);
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT seq, at, who, role, action, target, old_value, new_value,"
                                   " prev_hash, hash FROM audit ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      RdAuditEntry *entry;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      entry = g_new0 (RdAuditEntry, 1);
      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->time = _rd_db_column_time (stmt, 1);
      entry->who = _rd_db_column_text (stmt, 2);
      entry->role = _rd_db_column_text (stmt, 3);
      entry->action = _rd_db_column_text (stmt, 4);
      entry->target = _rd_db_column_text (stmt, 5);
      entry->old_value = _rd_db_column_text (stmt, 6);
      entry->new_value = _rd_db_column_text (stmt, 7);
      entry->prev_hash = _rd_db_column_text (stmt, 8);
      entry->hash = _rd_db_column_text (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}
