/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The documents a case was made from, kept as they came (format 8). */
#include "config.h"


#include "rd-case-db.h"
#include "rd-case-file-private.h"

/**
 * rd_case_file_add_source_document:
 * @kind: what the document is: "pas-request" (a PAS request Bundle)
 * @media_type: e.g. "application/fhir+json"
 * @data: the document's bytes, as received
 *
 * Keeps the document a case was made from, with its SHA-256, in one audited
 * transaction (`source-add`). Source documents are never changed or deleted.
 *
 * Returns: the document's id, or 0 with @error set
 */
gint64
rd_case_file_add_source_document (RdCaseFile  *self,
                                  const char  *kind,
                                  const char  *media_type,
                                  GBytes      *data,
                                  GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *now = _rd_time_now_string ();
  g_autofree char *target = NULL;
  g_autofree char *summary = NULL;
  gsize size;
  gconstpointer bytes;
  gint64 id;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);
  g_return_val_if_fail (kind != NULL && media_type != NULL && data != NULL, 0);

  bytes = g_bytes_get_data (data, &size);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (!_rd_case_begin_write (self, self->db, &actor, error))
    return 0;
  stmt = _rd_db_prepare (self->db, "INSERT INTO source_document (kind, media_type, size, sha256, added_by,"
                                   " added_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "ssisss", kind, media_type, (gint64) size, sha256, actor.name, now);
  sqlite3_bind_blob64 (stmt, 7, bytes, size, SQLITE_STATIC);
  if (!_rd_db_step_done (self->db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  target = g_strdup_printf ("source/%" G_GINT64_FORMAT, id);
  summary = g_strdup_printf ("%s; %s; %" G_GSIZE_FORMAT " bytes; sha256 %s", kind, media_type, size, sha256);
  if (!_rd_case_audit (self->db, &actor, "source-add", target, NULL, summary, error) ||
      !_rd_case_commit_change (self, self->db, "source", error))
    goto fail;
  return id;

fail:
  _rd_case_rollback (self->db);
  return 0;
}

/**
 * rd_case_file_get_source_document:
 * @kind: e.g. "pas-request"
 * @sha256: (out) (optional): the SHA-256 stored with it
 *
 * Returns: (transfer full) (nullable): the first document of @kind, or
 *   %NULL without @error when the case has none
 */
GBytes *
rd_case_file_get_source_document (RdCaseFile  *self,
                                  const char  *kind,
                                  char       **sha256,
                                  GError     **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_query_row (self->db, &has_row, error,
                           "SELECT data, sha256 FROM source_document WHERE kind = ? ORDER BY id LIMIT 1", "s", kind);
  if (stmt == NULL || !has_row)
    return NULL;
  if (sha256 != NULL)
    *sha256 = _rd_db_column_text (stmt, 1);
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}
