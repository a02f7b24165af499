/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rd-case-db.h"
#include "rd-worklist-index.h"
#include "rd-worklist-private.h"

/* "RDwi": the index's application id, so that another file at its path is
 * recognised and replaced. */
#define INDEX_APPLICATION_ID 0x52447769
/* Bump when a row's columns or what goes into them change: every case is
 * then read again. */
#define INDEX_VERSION        2
/* Rows written per transaction while the index is built. */
#define ROWS_PER_COMMIT      200

G_DEFINE_QUARK (rd-worklist-index-error-quark, rd_worklist_index_error)

struct _RdWorklistIndex
{
  char      *path;
  sqlite3   *db;
  GPtrArray *policies;  /* loaded when the first case is read: its codes in words */
  guint      n_read;    /* case files read by the last sync */
};

#define COLUMNS "path, case_id, member_name, member_id, payer, plan, request, codes, status, " \
                "reviewer, due, updated, problem, search_text"

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS worklist_case ("
  " path TEXT PRIMARY KEY, folder TEXT NOT NULL,"
  " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,"
  " wal_size INTEGER NOT NULL, wal_mtime_ns INTEGER NOT NULL,"
  " case_id TEXT, member_name TEXT, member_id TEXT, payer TEXT, plan TEXT, request TEXT, codes TEXT,"
  " status TEXT NOT NULL, reviewer TEXT, due INTEGER NOT NULL, updated INTEGER NOT NULL,"
  " problem TEXT, search_text TEXT NOT NULL);";

/**
 * rd_worklist_index_default_path:
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/reviewdesk/worklist.sqlite`
 */
char *
rd_worklist_index_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "reviewdesk", "worklist.sqlite", NULL);
}

/**
 * rd_worklist_default_folder:
 *
 * Returns: (transfer full): the case folder when the reviewer has not chosen
 *   one: `$XDG_DATA_HOME/reviewdesk/cases`, where new cases and copies of the
 *   examples have always been kept
 */
char *
rd_worklist_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "reviewdesk", "cases", NULL);
}

/**
 * rd_worklist_folders:
 * @case_folder: (nullable): the case folder; empty or %NULL for the default
 * @more: (nullable): further folders the reviewer added
 *
 * Returns: (transfer full): the folders the worklist lists, each once
 */
char **
rd_worklist_folders (const char         *case_folder,
                     const char * const *more)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *first = case_folder && *case_folder ? g_canonicalize_filename (case_folder, NULL)
                                                       : rd_worklist_default_folder ();

  g_hash_table_add (seen, g_strdup (first));
  g_strv_builder_add (builder, first);
  for (guint i = 0; more && more[i]; i++)
    {
      char *folder;

      if (*more[i] == '\0')
        continue;
      folder = g_canonicalize_filename (more[i], NULL);
      if (g_hash_table_add (seen, folder))
        g_strv_builder_add (builder, folder);
    }
  return g_strv_builder_end (builder);
}

static gboolean
set_io_error (GError    **error,
              const char *path,
              const char *detail)
{
  g_set_error (error, RD_WORKLIST_INDEX_ERROR, RD_WORKLIST_INDEX_ERROR_IO,
               _("The worklist’s index “%s” cannot be used (%s): the cases are read from their files instead."
                 " Check that the disk is not full."),
               path, detail);
  return FALSE;
}

/* Whether @db is an index of this version, or an empty file to make one of. */
static gboolean
is_our_index (sqlite3 *db,
              gboolean *empty)
{
  g_autoptr(RdStmt) stmt = NULL;
  gint64 app_id = -1, version = -1, n_tables = -1;

  if (sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                              " (SELECT user_version FROM pragma_user_version),"
                              " (SELECT count(*) FROM sqlite_master)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  app_id = sqlite3_column_int64 (stmt, 0);
  version = sqlite3_column_int64 (stmt, 1);
  n_tables = sqlite3_column_int64 (stmt, 2);
  *empty = app_id == 0 && version == 0 && n_tables == 0;
  return *empty || (app_id == INDEX_APPLICATION_ID && version == INDEX_VERSION);
}

static gboolean
mark_as_index (sqlite3 *db)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                          INDEX_APPLICATION_ID, INDEX_VERSION);

  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;
  int fd;

  /* Created 0600 before SQLite sees it: the rows name members. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return NULL;
  fchmod (fd, 0600);
  close (fd);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
remove_index_files (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

/* Opens the index at @path, or makes it anew when it is not an index of this
 * version (missing, damaged, foreign, older or newer). */
static sqlite3 *
open_or_rebuild (const char *path)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      sqlite3 *db = open_db (path);
      gboolean empty = FALSE;

      if (db != NULL && is_our_index (db, &empty))
        {
          /* A cache: losing the last changes to a crash costs a re-read. */
          if (sqlite3_exec (db, "PRAGMA synchronous = OFF", NULL, NULL, NULL) == SQLITE_OK &&
              (!empty || sqlite3_exec (db, schema, NULL, NULL, NULL) == SQLITE_OK) &&
              (!empty || mark_as_index (db)))
            return db;
        }
      sqlite3_close (db);
      remove_index_files (path);
    }
  return NULL;
}

/**
 * rd_worklist_index_open:
 * @path: where the index is kept (rd_worklist_index_default_path())
 *
 * Opens the index, making it (0600, in a folder made 0700) when it is
 * missing, and making it anew when the file is not an index of this version.
 *
 * Returns: (transfer full) (nullable): the index, or %NULL when it cannot be
 *   made
 */
RdWorklistIndex *
rd_worklist_index_open (const char  *path,
                        GError     **error)
{
  g_autofree char *dir = NULL;
  RdWorklistIndex *self;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, path, g_strerror (errno));
      return NULL;
    }
  db = open_or_rebuild (path);
  if (db == NULL)
    {
      set_io_error (error, path, _("it cannot be created"));
      return NULL;
    }
  self = g_new0 (RdWorklistIndex, 1);
  self->path = g_strdup (path);
  self->db = db;
  return self;
}

void
rd_worklist_index_free (RdWorklistIndex *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  g_free (self->path);
  g_free (self);
}

/* How many case files the last rd_worklist_index_sync() read. */
guint
rd_worklist_index_get_n_read (RdWorklistIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_read;
}

static RdWorklistEntry *
entry_from_row (RdStmt *stmt)
{
  RdWorklistFields fields = { 0 };
  char **texts[] = { &fields.path, &fields.case_id, &fields.member_name, &fields.member_id,
                     &fields.payer, &fields.plan, &fields.request, &fields.codes };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    *texts[i] = _rd_db_column_text (stmt, i);
  if (!rd_worklist_status_from_string ((const char *) sqlite3_column_text (stmt, 8), &fields.status))
    fields.status = RD_WORKLIST_STATUS_UNREADABLE;
  fields.reviewer = _rd_db_column_text (stmt, 9);
  fields.due = sqlite3_column_int64 (stmt, 10);
  fields.updated = sqlite3_column_int64 (stmt, 11);
  fields.problem = _rd_db_column_text (stmt, 12);
  fields.search_text = _rd_db_column_text (stmt, 13);
  if (fields.search_text == NULL)
    fields.search_text = g_strdup ("");
  return _rd_worklist_entry_new_take (&fields);
}

static gboolean
sqlite_failed (RdWorklistIndex  *self,
               GError          **error)
{
  return set_io_error (error, self->path, sqlite3_errmsg (self->db));
}

static gboolean
in_folders (const char         *folder,
            const char * const *folders)
{
  return folders == NULL || g_strv_contains (folders, folder);
}

/**
 * rd_worklist_index_load:
 * @folders: (nullable): the folders listed; %NULL for every row
 *
 * Returns: (transfer container) (element-type RdWorklistEntry) (nullable): the
 *   rows as last indexed, without reading any case file
 */
GPtrArray *
rd_worklist_index_load (RdWorklistIndex     *self,
                        const char * const  *folders,
                        GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT " COLUMNS ", folder FROM worklist_case", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_failed (self, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (in_folders ((const char *) sqlite3_column_text (stmt, 14), folders))
      g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (self, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* ---- syncing with the case files --------------------------------------- */

typedef struct {
  RdWorklistIndex    *index;
  RdStmt             *lookup;
  RdStmt             *store;
  RdStmt             *drop;
  GHashTable         *seen;   /* paths found in the folders */
  RdWorklistSyncFunc  func;
  gpointer            user_data;
  guint               pending; /* rows written in the open transaction */
} Sync;

static gboolean
is_case_name (const char *name)
{
  /* Hidden files include cases being created (".rdcase-new-*"). */
  return name[0] != '.' && g_str_has_suffix (name, ".rdcase");
}

static gboolean
stamp_unchanged (Sync                  *sync,
                 const char            *path,
                 const RdWorklistStamp *stamp)
{
  RdWorklistStamp indexed;
  gboolean found;

  sqlite3_reset (sync->lookup);
  sqlite3_bind_text (sync->lookup, 1, path, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (sync->lookup) == SQLITE_ROW;
  if (!found)
    return FALSE;
  indexed.size = sqlite3_column_int64 (sync->lookup, 0);
  indexed.mtime_ns = sqlite3_column_int64 (sync->lookup, 1);
  indexed.inode = sqlite3_column_int64 (sync->lookup, 2);
  indexed.wal_size = sqlite3_column_int64 (sync->lookup, 3);
  indexed.wal_mtime_ns = sqlite3_column_int64 (sync->lookup, 4);
  return _rd_worklist_stamp_equal (stamp, &indexed);
}

static GPtrArray *
policies (RdWorklistIndex *self)
{
  if (self->policies == NULL)
    {
      g_autoptr(GPtrArray) skipped = NULL;

      /* Without policies the codes show without their words. */
      self->policies = rd_policy_load_directory_skipping (NULL, &skipped, NULL);
      if (self->policies == NULL)
        self->policies = g_ptr_array_new ();
    }
  return self->policies;
}

static gboolean
store (Sync                  *sync,
       const char            *folder,
       const RdWorklistStamp *stamp,
       RdWorklistEntry       *entry)
{
  RdStmt *stmt = sync->store;

  sqlite3_reset (stmt);
  _rd_db_bind (stmt, "ssiiiiisssssssssiiss",
               rd_worklist_entry_get_path (entry), folder,
               stamp->size, stamp->mtime_ns, stamp->inode, stamp->wal_size, stamp->wal_mtime_ns,
               rd_worklist_entry_get_case_id (entry), rd_worklist_entry_get_member_name (entry),
               rd_worklist_entry_get_member_id (entry), rd_worklist_entry_get_payer (entry),
               rd_worklist_entry_get_plan (entry), rd_worklist_entry_get_request (entry),
               rd_worklist_entry_get_codes (entry),
               rd_worklist_status_to_string (rd_worklist_entry_get_status (entry)),
               rd_worklist_entry_get_reviewer (entry), rd_worklist_entry_get_due (entry),
               rd_worklist_entry_get_updated (entry), rd_worklist_entry_get_problem (entry),
               rd_worklist_entry_get_search_text (entry));
  return sqlite3_step (stmt) == SQLITE_DONE;
}

/* Commits every ROWS_PER_COMMIT rows, so that a window closed while a large
 * folder is indexed keeps what was read. */
static gboolean
written (Sync *sync)
{
  if (++sync->pending < ROWS_PER_COMMIT)
    return TRUE;
  sync->pending = 0;
  return sqlite3_exec (sync->index->db, "COMMIT; BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static gboolean
sync_file (Sync       *sync,
           const char *folder,
           const char *path)
{
  RdWorklistStamp stamp;
  g_autoptr(RdWorklistEntry) entry = NULL;

  if (!_rd_worklist_stamp_read (path, &stamp))
    return TRUE;
  g_hash_table_add (sync->seen, g_strdup (path));
  if (stamp_unchanged (sync, path, &stamp))
    return TRUE;
  entry = _rd_worklist_read_case (path, policies (sync->index));
  sync->index->n_read++;
  if (!store (sync, folder, &stamp, entry) || !written (sync))
    return FALSE;
  if (sync->func)
    sync->func (path, entry, sync->user_data);
  return TRUE;
}

static gboolean
sync_folder (Sync         *sync,
             const char   *folder,
             GCancellable *cancellable)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  /* A folder that does not exist (yet) holds no cases. */
  if (dir == NULL)
    return TRUE;
  while ((name = g_dir_read_name (dir)) != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *path = NULL;

      if (!is_case_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (!sync_file (sync, folder, path))
        return FALSE;
    }
  return TRUE;
}

static gboolean
drop_missing (Sync *sync)
{
  g_autoptr(RdStmt) all = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (sqlite3_prepare_v2 (sync->index->db, "SELECT path FROM worklist_case", -1, &all, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (all)) == SQLITE_ROW)
    if (!g_hash_table_contains (sync->seen, sqlite3_column_text (all, 0)))
      g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (all, 0)));
  if (rc != SQLITE_DONE)
    return FALSE;
  for (guint i = 0; i < gone->len; i++)
    {
      sqlite3_reset (sync->drop);
      sqlite3_bind_text (sync->drop, 1, gone->pdata[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (sync->drop) != SQLITE_DONE)
        return FALSE;
      if (sync->func)
        sync->func (gone->pdata[i], NULL, sync->user_data);
    }
  return TRUE;
}

static gboolean
prepare (Sync *sync)
{
  sqlite3 *db = sync->index->db;

  return sqlite3_prepare_v2 (db, "SELECT size, mtime_ns, inode, wal_size, wal_mtime_ns FROM worklist_case"
                                 " WHERE path = ?", -1, &sync->lookup, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO worklist_case (path, folder, size, mtime_ns, inode,"
                                 " wal_size, wal_mtime_ns, case_id, member_name, member_id, payer, plan, request,"
                                 " codes, status, reviewer, due, updated, problem, search_text)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             -1, &sync->store, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2 (db, "DELETE FROM worklist_case WHERE path = ?", -1, &sync->drop, NULL) == SQLITE_OK;
}

/**
 * rd_worklist_index_sync:
 * @folders: the folders to list (rd_worklist_folders())
 * @func: (nullable): called for each row that changes, on this thread
 *
 * Brings the index up to date with the case files in @folders: a file not
 * indexed yet, or changed since (size, modification time, inode, its
 * write-ahead log), is read read-only; a row whose file is gone, or whose
 * folder is no longer listed, is dropped. Rows are committed as they go.
 *
 * Returns: %TRUE when every folder was gone through
 */
gboolean
rd_worklist_index_sync (RdWorklistIndex     *self,
                        const char * const  *folders,
                        RdWorklistSyncFunc   func,
                        gpointer             user_data,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Sync sync = { self, NULL, NULL, NULL, seen, func, user_data, 0 };
  gboolean ok;

  g_return_val_if_fail (self != NULL && folders != NULL, FALSE);

  self->n_read = 0;
  ok = prepare (&sync) && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  for (guint i = 0; ok && folders[i]; i++)
    ok = sync_folder (&sync, folders[i], cancellable);
  /* Rows are dropped only when every folder was gone through. */
  if (ok && !g_cancellable_is_cancelled (cancellable))
    ok = drop_missing (&sync);
  if (ok)
    ok = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      sqlite_failed (self, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_finalize (sync.lookup);
  sqlite3_finalize (sync.store);
  sqlite3_finalize (sync.drop);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return ok;
}
