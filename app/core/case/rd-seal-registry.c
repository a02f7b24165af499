/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-seal-registry.h"

void
rd_seen_seal_free (RdSeenSeal *seal)
{
  if (seal == NULL)
    return;
  g_free (seal->digest);
  g_free (seal->sealed_by);
  g_free (seal->sealed_at);
  g_free (seal);
}

static sqlite3 *
open_registry (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "reviewdesk", NULL);
  g_autofree char *path = g_build_filename (dir, "seen-seals.sqlite", NULL);
  sqlite3 *db = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;
  /* Created owner-only, like a case: it names cases. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0)
        return NULL;
      g_close (fd, NULL);
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (db, 2000) != SQLITE_OK ||
      sqlite3_exec (db, "CREATE TABLE IF NOT EXISTS seen_seal ("
                        "  case_id TEXT NOT NULL, created_at TEXT NOT NULL, digest TEXT NOT NULL,"
                        "  sealed_by TEXT, sealed_at TEXT, PRIMARY KEY (case_id, created_at))",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
rd_seal_registry_note (const char *case_id,
                       const char *created_at,
                       const char *digest,
                       const char *sealed_by,
                       const char *sealed_at)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (case_id != NULL && created_at != NULL && digest != NULL, FALSE);

  db = open_registry ();
  if (db == NULL)
    return FALSE;
  /* The first seal seen stays: a case is sealed once. */
  ok = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO seen_seal VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, created_at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, digest, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, sealed_by, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, sealed_at, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

RdSeenSeal *
rd_seal_registry_lookup (const char *case_id,
                         const char *created_at)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  RdSeenSeal *seal = NULL;

  g_return_val_if_fail (case_id != NULL && created_at != NULL, NULL);

  db = open_registry ();
  if (db == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db, "SELECT digest, sealed_by, sealed_at FROM seen_seal"
                              " WHERE case_id = ? AND created_at = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, created_at, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          seal = g_new0 (RdSeenSeal, 1);
          seal->digest = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          seal->sealed_by = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          seal->sealed_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return seal;
}
