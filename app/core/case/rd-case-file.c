/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE 1  /* renameat2 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file-private.h"
#include "rd-case-schema.h"

/* How long a writer waits for another connection's transaction (a worker
 * storing page text) before giving up. */
#define BUSY_TIMEOUT_MS 10000

/* The name of a case being created, in its destination folder. */
#define TMP_PREFIX ".rdcase-new-"

G_DEFINE_QUARK (rd-case-file-error-quark, rd_case_file_error)
G_DEFINE_FINAL_TYPE (RdCaseFile, rd_case_file, G_TYPE_OBJECT)

enum {
  CHANGED,
  ACTOR_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rd_case_file_finalize (GObject *object)
{
  RdCaseFile *self = RD_CASE_FILE (object);

  rd_case_file_close (self);
  g_free (self->path);
  g_free (self->read_only_reason);
  g_free (self->case_id);
  g_free (self->actor_name);
  g_free (self->actor_credentials);
  g_clear_object (&self->signer_key);
  g_clear_pointer (&self->signer_certificate, rd_certificate_free);
  g_clear_object (&self->trust);
  g_mutex_clear (&self->actor_lock);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (rd_case_file_parent_class)->finalize (object);
}

static void
rd_case_file_class_init (RdCaseFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_case_file_finalize;

  /**
   * RdCaseFile::changed:
   * @self: the case file
   * @what: what changed: "request", "review", "score", "condition",
   *   "documentation", "evidence", "record", "page-text", "recommendation",
   *   "decision" or "seal"
   *
   * Emitted on the thread that opened the case after a change is durable,
   * so a display can say "Saved".
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RdCaseFile::actor-changed:
   * @self: the case file
   *
   * Emitted by rd_case_file_set_actor() when the actor's name, credentials or
   * role change, so a display can offer what the new role may do. Nothing in
   * the file changes.
   */
  signals[ACTOR_CHANGED] = g_signal_new ("actor-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_case_file_init (RdCaseFile *self)
{
  self->lock_fd = -1;
  g_mutex_init (&self->actor_lock);
  self->context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();
}

/* ---- inspecting a file before SQLite touches it ------------------------- */

static guint32
read_be32 (const guchar *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
}

static gboolean
refuse_version (const char  *path,
                guint32      version,
                GError     **error)
{
  if (version > RD_CASE_FILE_VERSION)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NEWER,
                   _("“%s” was written by a newer ReviewDesk (case format %u; this version reads formats"
                     " up to %u). Update ReviewDesk to open it; the file was not changed."),
                   path, version, RD_CASE_FILE_VERSION);
      return FALSE;
    }
  if (version == 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
                   _("“%s” is an incomplete ReviewDesk case (it has no format version). Restore it from a"
                     " backup; the file was not changed."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_application (const char  *path,
                    guint32      application_id,
                    gboolean     building,
                    GError     **error)
{
  if (application_id == RD_CASE_FILE_APPLICATION_ID || (building && application_id == RD_CASE_FILE_BUILDING_ID))
    return TRUE;
  if (application_id == RD_CASE_FILE_BUILDING_ID)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
                   _("“%s” is an unfinished case: ReviewDesk stopped while it was creating it. Delete it and"
                     " create the case again; the file was not changed."), path);
      return FALSE;
    }
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_FOREIGN,
               _("“%s” is an SQLite database of another application (application id 0x%08x), not a"
                 " ReviewDesk case. Open it with the program that made it; the file was not changed."),
               path, application_id);
  return FALSE;
}

/* Reads the 100-byte database header with plain read(), so that a file we
 * refuse is never handed to SQLite, which could write to it. */
static gboolean
inspect_header (const char  *path,
                int          fd,
                gboolean     building,
                GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guchar header[100];
  ssize_t n = 0, got;

  while (n < (ssize_t) sizeof header && (got = pread (fd, header + n, sizeof header - n, n)) != 0)
    {
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
                       _("“%s” could not be read: %s."), path, g_strerror (saved));
          return FALSE;
        }
      n += got;
    }

  if (n < (ssize_t) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_SQLITE,
                   _("“%s” is not a ReviewDesk case: it is not an SQLite database at all. Choose a"
                     " file ending in .rdcase; the file was not changed."), path);
      return FALSE;
    }
  /* application_id at offset 68, user_version at 60, both big-endian. */
  return refuse_application (path, read_be32 (header + 68), building, error) &&
         refuse_version (path, read_be32 (header + 60), error);
}

static char *
sqlite_uri (const char *path,
            const char *params)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);

  return g_strconcat (uri, "?", params, NULL);
}

static gboolean
has_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* A read-only connection. "immutable" keeps SQLite from creating -wal and
 * -shm files beside a file we may refuse or only read; it is used only when
 * no ReviewDesk is writing the file and no write-ahead log holds content. */
static sqlite3 *
open_read_only (const char  *path,
                gboolean     immutable,
                GError     **error)
{
  g_autofree char *uri = sqlite_uri (path, immutable ? "immutable=1" : "mode=ro");
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (rc != SQLITE_OK)
    {
      _rd_db_set_error_for (db, rc, path, RD_DB_OPENING, error);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* A case SQLite cannot read. A busy file, a disk error or a permission is
 * said as such (@local says it, naming the file); anything else is damage,
 * with SQLite's own words once, as a detail at the end. */
static gboolean
refuse_damaged (const char  *path,
                sqlite3     *db,
                GError      *local,
                GError     **error)
{
  if (local != NULL && local->domain == RD_CASE_FILE_ERROR &&
      (local->code == RD_CASE_FILE_ERROR_BUSY || local->code == RD_CASE_FILE_ERROR_IO ||
       local->code == RD_CASE_FILE_ERROR_READ_ONLY))
    {
      g_propagate_error (error, g_error_copy (local));
      return FALSE;
    }
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
               _("“%s” is a damaged ReviewDesk case. Restore it from a backup; the file was not changed."
                 " (SQLite: %s)"), path, _rd_db_error_detail (db, SQLITE_CORRUPT));
  return FALSE;
}

static gboolean
check_content (const char  *path,
               sqlite3     *db,
               gboolean     building,
               guint       *version,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RdStmt) stmt = NULL;
  gint64 application_id = 0, user_version = 0;
  gboolean has_row;

  /* The header read earlier may predate a write-ahead log. */
  if (!_rd_db_query_int (db, "PRAGMA application_id", &application_id, &local) ||
      !_rd_db_query_int (db, "PRAGMA user_version", &user_version, &local))
    goto damaged;
  if (!refuse_application (path, (guint32) application_id, building, error) ||
      !refuse_version (path, (guint32) user_version, error))
    return FALSE;

  stmt = _rd_db_prepare (db, "PRAGMA quick_check", &local);
  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, &local))
    goto damaged;
  if (!has_row || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
                   _("“%s” is a damaged ReviewDesk case: its database fails SQLite’s consistency check."
                     " Restore it from a backup; the file was not changed."), path);
      return FALSE;
    }
  *version = (guint) user_version;
  return TRUE;

damaged:
  return refuse_damaged (path, db, local, error);
}

/* ---- connections --------------------------------------------------------- */

static sqlite3 *
open_read_write (const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (rc != SQLITE_OK)
    {
      _rd_db_set_error_for (db, rc, path, RD_DB_OPENING, error);
      sqlite3_close (db);
      return NULL;
    }
  /* synchronous=FULL makes every commit durable when it returns, not only
   * when the log is next checkpointed; secure_delete overwrites what a
   * reviewer removes, because it may be health information. */
  if (!_rd_db_exec (db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA secure_delete = ON;"
                    "PRAGMA cell_size_check = ON;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

sqlite3 *
_rd_case_open_worker_db (RdCaseFile  *self,
                         gboolean     writable,
                         GError     **error)
{
  sqlite3 *db;

  if (!_rd_case_check_readable (self, error))
    return NULL;
  if (writable && !self->read_only)
    return open_read_write (self->path, error);

  /* While this case is open for writing, a reader must see the log. */
  db = open_read_only (self->path, self->read_only && self->immutable_reads, error);
  if (db != NULL && self->version < RD_CASE_FILE_VERSION &&
      !_rd_case_schema_shadow (db, self->version, error))
    g_clear_pointer (&db, sqlite3_close);
  return db;
}

sqlite3 *
_rd_case_thread_db (RdCaseFile  *self,
                    gboolean     writable,
                    gboolean    *owned,
                    GError     **error)
{
  *owned = g_thread_self () != self->owner;
  if (!*owned)
    return _rd_case_check_readable (self, error) ? self->db : NULL;
  return _rd_case_open_worker_db (self, writable, error);
}

gboolean
_rd_case_check_readable (RdCaseFile  *self,
                         GError     **error)
{
  if (self->db != NULL)
    return TRUE;
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
               _("The case “%s” is closed. Open it again."), self->path);
  return FALSE;
}

/* ---- create, open, close ------------------------------------------------- */

static char *
new_case_id (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");

  return g_strdup_printf ("RD-%s-%06u", day, g_random_int_range (0, 1000000));
}

static gboolean
fill_new_case (sqlite3     *db,
               const char  *case_id,
               GError     **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *now = _rd_time_now_string ();

  if (!_rd_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = _rd_db_prepare (db, "INSERT INTO case_info (id, case_id, created_at, updated_at) VALUES (1, ?, ?, ?);",
                         error);
  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "sss", case_id, now, now);
  if (!_rd_db_step_done (db, stmt, error) ||
      !_rd_db_exec (db, "INSERT INTO request (id) VALUES (1)", error) ||
      !_rd_audit_append (db, "ReviewDesk", "system", "create", "case", NULL, case_id, error) ||
      !_rd_db_exec (db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Closing the last connection checkpoints the log into the file. */
static gboolean
close_new_file (sqlite3     *db,
                const char  *tmp_path,
                gboolean     ok,
                GError     **error)
{
  if (sqlite3_close (db) != SQLITE_OK && ok)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
                   _("The new case “%s” could not be completed."), tmp_path);
      return FALSE;
    }
  return ok;
}

/* Builds the schema in the temporary file. Until the case is complete its
 * application id says "being created", so a file left by a killed process is
 * never taken for a case. */
static gboolean
build_new_file (const char  *tmp_path,
                const char  *case_id,
                guint        version,
                GError     **error)
{
  g_autofree char *building = g_strdup_printf ("PRAGMA application_id = %d", (int) RD_CASE_FILE_BUILDING_ID);
  sqlite3 *db = NULL;
  gboolean ok;

  db = open_read_write (tmp_path, error);
  if (db == NULL)
    return FALSE;
  ok = _rd_case_schema_upgrade (db, 0, version, error) && _rd_db_exec (db, building, error) &&
       fill_new_case (db, case_id, error);
  return close_new_file (db, tmp_path, ok, error);
}

/* Marks the temporary file a complete case, checkpointed and on disk. */
static gboolean
finish_new_file (const char  *tmp_path,
                 GError     **error)
{
  g_autofree char *complete = g_strdup_printf ("PRAGMA application_id = %d", (int) RD_CASE_FILE_APPLICATION_ID);
  sqlite3 *db = open_read_write (tmp_path, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = _rd_db_exec (db, complete, error);
  return close_new_file (db, tmp_path, ok, error);
}

static void
sync_path (const char *path,
           int         flags)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Moves the complete case to @path, never over an existing file. */
static gboolean
move_into_place (const char  *tmp_path,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int saved;

  sync_path (tmp_path, O_RDONLY);
  if (renameat2 (AT_FDCWD, tmp_path, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
    {
      sync_path (dir, O_RDONLY | O_DIRECTORY);
      return TRUE;
    }
  saved = errno;
  /* File systems without RENAME_NOREPLACE: link() does not replace either. */
  if (saved == EINVAL || saved == ENOSYS)
    {
      if (link (tmp_path, path) == 0)
        {
          sync_path (dir, O_RDONLY | O_DIRECTORY);
          return TRUE;
        }
      saved = errno;
    }
  if (saved == EEXIST)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name; the existing file was not changed."), path);
      return FALSE;
    }
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
               _("The case could not be created as “%s”: %s."), path, g_strerror (saved));
  return FALSE;
}

static void
remove_with_log (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static RdCaseFile *open_case (const char *path, RdCaseFileOpenFlags flags, gboolean building, GError **error);

static gboolean
fill_in_place (const char          *tmp_path,
               RdCaseFileFillFunc   fill,
               gpointer             user_data,
               GError             **error)
{
  g_autoptr(RdCaseFile) cf = open_case (tmp_path, RD_CASE_FILE_OPEN_NONE, TRUE, error);
  gboolean ok;

  if (cf == NULL)
    return FALSE;
  ok = fill (cf, user_data, error);
  rd_case_file_close (cf);
  return ok;
}

/* A message about the temporary file is about the case being created: it
 * names @path, as the reviewer asked, where it quoted the temporary file. */
static void
name_the_new_case (GError     *error,
                   const char *tmp_path,
                   const char *path)
{
  g_autofree char *tmp_name = g_path_get_basename (tmp_path);
  const char *found = strstr (error->message, tmp_name);
  const char *quote_start, *quote_end;
  GString *message;

  if (found == NULL)
    return;
  quote_start = g_strrstr_len (error->message, found - error->message, "“");
  quote_end = strstr (found, "”");
  if (quote_start == NULL || quote_end == NULL)
    return;
  message = g_string_new_len (error->message, quote_start + strlen ("“") - error->message);
  g_string_append (message, path);
  g_string_append (message, quote_end);
  g_free (error->message);
  error->message = g_string_free (message, FALSE);
}

static gboolean
create_staged (const char          *path,
               const char          *case_id,
               guint                version,
               RdCaseFileFillFunc   fill,
               gpointer             user_data,
               GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp_path = NULL;
  g_autofree char *generated_id = NULL;
  gboolean ok;
  mode_t old_umask;
  int fd, saved;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name; the existing file was not changed."), path);
      return FALSE;
    }
  if (case_id == NULL)
    case_id = generated_id = new_case_id ();

  /* The case holds health information: owner-only from the first byte, and
   * SQLite gives the -wal and -shm files the database file's mode. The
   * temporary name does not end in .rdcase. */
  old_umask = umask (077);
  tmp_path = g_build_filename (dir, TMP_PREFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  saved = errno;
  umask (old_umask);
  if (fd < 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
                   _("The case could not be created in “%s”: %s."), dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  ok = build_new_file (tmp_path, case_id, version, error) &&
       (fill == NULL || fill_in_place (tmp_path, fill, user_data, error)) &&
       finish_new_file (tmp_path, error) &&
       move_into_place (tmp_path, path, error);
  remove_with_log (tmp_path);
  if (!ok && error != NULL && *error != NULL)
    name_the_new_case (*error, tmp_path, path);
  return ok;
}

gboolean
_rd_case_file_create_at_version (const char  *path,
                                 const char  *case_id,
                                 guint        version,
                                 GError     **error)
{
  return create_staged (path, case_id, version, NULL, NULL, error);
}

/**
 * rd_case_file_create_filled:
 * @path: where to create the case; must not exist
 * @case_id: (nullable): the case's id, or %NULL to make one up
 * @fill: (nullable) (scope call): writes the case's first content
 * @user_data: for @fill
 * @error: return location for a #RdCaseFileError
 *
 * Creates a case (mode 0600) in a temporary file in @path's folder, lets
 * @fill write to it (opened for writing, without an actor), and moves it to
 * @path only when @fill has succeeded and the file is on disk. A process
 * killed meanwhile leaves no case at @path, only a hidden temporary file that
 * opens as "unfinished"; a failed @fill leaves nothing at all.
 *
 * Returns: %TRUE when the complete case is at @path
 */
gboolean
rd_case_file_create_filled (const char          *path,
                            const char          *case_id,
                            RdCaseFileFillFunc   fill,
                            gpointer             user_data,
                            GError             **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return create_staged (path, case_id, RD_CASE_FILE_VERSION, fill, user_data, error);
}

/**
 * rd_case_file_create:
 * @path: where to create the case; must not exist
 * @case_id: (nullable): the case's id, or %NULL to make one up
 * @error: return location for a #RdCaseFileError
 *
 * Creates an empty case (mode 0600) and opens it for writing. The file
 * appears at @path only once it is complete.
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error set
 */
RdCaseFile *
rd_case_file_create (const char  *path,
                     const char  *case_id,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_rd_case_file_create_at_version (path, case_id, RD_CASE_FILE_VERSION, error))
    return NULL;
  return rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, error);
}

static gboolean
read_case_info (RdCaseFile  *self,
                GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (self->db, "SELECT case_id, status FROM case_info WHERE id = 1", error);
  gboolean has_row;

  if (stmt == NULL || !_rd_db_step_row (self->db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
                   _("“%s” is a damaged ReviewDesk case: it has no case record. Restore it from a backup."),
                   self->path);
      return FALSE;
    }
  self->case_id = _rd_db_column_text (stmt, 0);
  self->sealed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "sealed") == 0;
  return TRUE;
}

/* Takes the advisory lock that says "open for writing in a ReviewDesk". The
 * kernel drops it when the process dies; Linux flock() locks are separate
 * from the fcntl() locks SQLite uses. */
/* Whether a ReviewDesk holds the case open for writing right now. */
static gboolean
writer_active (int fd)
{
  if (flock (fd, LOCK_SH | LOCK_NB) != 0)
    return errno == EWOULDBLOCK;
  flock (fd, LOCK_UN);
  return FALSE;
}

static gboolean
take_write_lock (RdCaseFile *self,
                 int         fd)
{
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (errno == EINTR)
        continue;
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

static void
tighten_mode (int fd)
{
  struct stat st;

  /* A copied case may have been given a wider mode; it holds health information. */
  if (fstat (fd, &st) == 0 && (st.st_mode & 077) != 0 && st.st_uid == geteuid ())
    fchmod (fd, st.st_mode & 0700);
}

static gboolean
open_for_writing (RdCaseFile  *self,
                  guint        version,
                  GError     **error)
{
  self->db = open_read_write (self->path, error);
  if (self->db == NULL)
    return FALSE;
  if (version < RD_CASE_FILE_VERSION)
    {
      g_debug ("Upgrading a case file from format %u to %u", version, RD_CASE_FILE_VERSION);
      if (!_rd_case_schema_upgrade (self->db, version, RD_CASE_FILE_VERSION, error))
        return FALSE;
    }
  self->version = RD_CASE_FILE_VERSION;
  return TRUE;
}

/* Opens @path for reading without blocking: a named pipe or a device named
 * like a case must not hang the caller, and only a regular file can be a case. */
static int
open_regular_file (const char  *path,
                   GError     **error)
{
  GStatBuf st;
  int fd, saved;

  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    goto not_regular;
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
                   _("“%s” could not be opened: %s."), path, g_strerror (saved));
      return -1;
    }
  /* It may have been replaced between the two looks. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    return fd;
  close (fd);

not_regular:
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_REGULAR,
               _("“%s” is not a regular file (it is a folder, a named pipe or a device), so it cannot be a"
                 " ReviewDesk case. Choose a case file ending in .rdcase; nothing was read or changed."), path);
  return -1;
}

/* Before a case is opened for writing: what `case verify` checks must hold,
 * so that no change lands in a case whose records or history are damaged. */
static gboolean
check_before_writing (RdCaseFile  *self,
                      GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RdCaseVerifyResult) result = rd_case_file_verify (self, &local);
  g_autofree char *first_line = NULL;
  const char *problem;

  /* SQLite could not read it: the error names the file, says the case is
   * unchanged and what to do. */
  if (result == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Pages without their text and a search index that does not match it are
   * repaired by writing (attaching the record again, case repair-index). */
  problem = result->integrity_problem ? result->integrity_problem
            : result->audit_problem ? result->audit_problem
            : result->seal_problem ? result->seal_problem
            : result->signature_problem ? result->signature_problem : result->replay_problem;
  if (problem == NULL)
    return TRUE;
  first_line = g_strndup (problem, strcspn (problem, "\n"));
  g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
               _("“%s” fails verification, so nothing will be written to it: %s Restore it from a backup; it"
                 " can still be opened read-only."), self->path, first_line);
  return FALSE;
}

static RdCaseFile *
open_case (const char           *path,
           RdCaseFileOpenFlags   flags,
           gboolean              building,
           GError              **error)
{
  g_autoptr(RdCaseFile) self = NULL;
  g_autoptr(GError) local = NULL;
  sqlite3 *check_db = NULL;
  guint version = 0;
  gboolean writer = FALSE;
  int fd;

  /* A temporary file of a case new killed after it marked the case complete
   * but before moving it into place. */
  if (!building)
    {
      g_autofree char *base = g_path_get_basename (path);

      if (g_str_has_prefix (base, TMP_PREFIX) && !refuse_application (path, RD_CASE_FILE_BUILDING_ID, FALSE, error))
        return NULL;
    }
  fd = open_regular_file (path, error);
  if (fd < 0)
    return NULL;
  self = g_object_new (RD_TYPE_CASE_FILE, NULL);
  self->path = g_strdup (path);

  if (!inspect_header (path, fd, building, error))
    {
      close (fd);
      return NULL;
    }

  if (flags & RD_CASE_FILE_OPEN_READ_ONLY)
    {
      self->read_only = TRUE;
      self->read_only_reason = g_strdup (_("The case was opened for reading only."));
      writer = writer_active (fd);
    }
  else if (!take_write_lock (self, fd))
    {
      self->read_only = TRUE;
      self->read_only_reason = g_strdup (_("This case is open for writing in another ReviewDesk, so it"
                                           " opened read-only here. Close it there to make changes here."));
      writer = TRUE;
    }
  if (self->lock_fd != fd)
    close (fd);

  /* Everything is decided on a read-only connection: a refused file is
   * never written, not even switched to write-ahead logging. */
  self->immutable_reads = !writer && !has_wal (path);
  check_db = open_read_only (path, self->immutable_reads, error);
  if (check_db == NULL)
    return NULL;
  self->db = check_db;
  if (!check_content (path, check_db, building, &version, error))
    return NULL;
  self->version = version;
  if (version < RD_CASE_FILE_VERSION && !_rd_case_schema_shadow (self->db, version, &local))
    {
      refuse_damaged (path, self->db, local, error);
      return NULL;
    }
  if (!read_case_info (self, &local))
    {
      if (g_error_matches (local, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        refuse_damaged (path, self->db, local, error);
      return NULL;
    }
  if (self->read_only)
    return g_steal_pointer (&self);
  if (!building && !check_before_writing (self, error))
    return NULL;
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->case_id, g_free);

  tighten_mode (self->lock_fd);
  if (!open_for_writing (self, version, error) || !read_case_info (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * rd_case_file_open:
 * @path: the case file
 * @flags: #RdCaseFileOpenFlags
 * @error: return location for a #RdCaseFileError
 *
 * Opens a case. Only a regular file is opened (%RD_CASE_FILE_ERROR_NOT_REGULAR
 * otherwise, at once). Before SQLite touches the file its header is checked,
 * then its content, on a read-only connection that creates no -wal or -shm
 * file; a file that is not SQLite, belongs to another application, is damaged,
 * unfinished or comes from a newer ReviewDesk is refused
 * (%RD_CASE_FILE_ERROR_NOT_SQLITE, _FOREIGN, _DAMAGED, _NEWER) and left
 * byte-identical. To open for writing the case must also pass what
 * rd_case_file_verify() checks (SQLite's integrity check, every record's
 * SHA-256, the audit chain and the seal), still read-only; only then is it
 * opened for writing. A case of an older format opened for writing is upgraded.
 *
 * A case another ReviewDesk has open for writing opens read-only:
 * rd_case_file_is_read_only() is then %TRUE and
 * rd_case_file_get_read_only_reason() says why, and reads see that writer's
 * changes as they are made. A case opened read-only while nobody writes it is
 * read as it is at that moment, without creating -wal or -shm files.
 *
 * The checks read the whole file: from a display, use
 * rd_case_file_open_async().
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error set
 */
RdCaseFile *
rd_case_file_open (const char           *path,
                   RdCaseFileOpenFlags   flags,
                   GError              **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_case (path, flags, FALSE, error);
}

typedef struct {
  char                *path;
  RdCaseFileOpenFlags  flags;
  GThread             *owner;
  GMainContext        *context;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *d = data;

  g_free (d->path);
  g_main_context_unref (d->context);
  g_free (d);
}

static void
open_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *d = task_data;
  GError *error = NULL;
  RdCaseFile *self;

  if (g_task_return_error_if_cancelled (task))
    return;
  self = rd_case_file_open (d->path, d->flags, &error);
  if (self == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The case belongs to the thread that asked for it, not to this worker. */
  self->owner = d->owner;
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref (d->context);
  g_task_return_pointer (task, self, g_object_unref);
}

/**
 * rd_case_file_open_async:
 * @path: the case file
 * @flags: #RdCaseFileOpenFlags
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * rd_case_file_open() in a worker thread: the checks read the whole file
 * and a migration writes it, which must not stall a display. The case
 * belongs to the calling thread, as if it had opened it.
 */
void
rd_case_file_open_async (const char           *path,
                         RdCaseFileOpenFlags   flags,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *d;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_case_file_open_async);
  d = g_new0 (OpenData, 1);
  d->path = g_strdup (path);
  d->flags = flags;
  d->owner = g_thread_self ();
  d->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, d, open_data_free);
  g_task_run_in_thread (task, open_in_thread);
}

/**
 * rd_case_file_open_finish:
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error set as
 *   by rd_case_file_open() (or %G_IO_ERROR_CANCELLED)
 */
RdCaseFile *
rd_case_file_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_case_file_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rd_case_file_close:
 *
 * Closes the database and releases the write lock. Every acknowledged change
 * is already durable; closing only checkpoints the log into the file. Safe to
 * call twice; later reads and writes fail.
 */
void
rd_case_file_close (RdCaseFile *self)
{
  g_return_if_fail (RD_IS_CASE_FILE (self));

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);  /* releases the flock */
      self->lock_fd = -1;
    }
}

/* ---- accessors ----------------------------------------------------------- */

const char *
rd_case_file_get_path (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return self->path;
}

const char *
rd_case_file_get_case_id (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return self->case_id;
}

/**
 * rd_case_file_is_read_only:
 *
 * Returns: %TRUE if writes are refused: the case was opened read-only (asked
 *   for, or open for writing elsewhere), or it is sealed.
 */
gboolean
rd_case_file_is_read_only (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), TRUE);
  return self->read_only || self->sealed;
}

/**
 * rd_case_file_get_read_only_reason:
 *
 * Returns: (nullable): a translated sentence saying why the case is
 *   read-only, for a banner; %NULL when it is writable
 */
const char *
rd_case_file_get_read_only_reason (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (self->read_only)
    return self->read_only_reason;
  if (self->sealed)
    return _("This case is sealed by a medical director: it can be read and its letter saved, but nothing in it can change.");
  return NULL;
}

/**
 * rd_case_file_get_format_version:
 *
 * Returns: the case format (user_version) of the open file
 */
guint
rd_case_file_get_format_version (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), 0);
  return self->version;
}

static char *
query_case_info (RdCaseFile *self,
                 const char *sql)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row = FALSE;

  if (self->db == NULL)
    return NULL;
  stmt = _rd_db_prepare (self->db, sql, NULL);
  if (stmt == NULL || !_rd_db_step_row (self->db, stmt, &has_row, NULL) || !has_row)
    return NULL;
  return _rd_db_column_text (stmt, 0);
}

/**
 * rd_case_file_get_status:
 *
 * Returns: the case's status, set by the latest decision or the seal
 */
RdCaseStatus
rd_case_file_get_status (RdCaseFile *self)
{
  g_autofree char *text = NULL;
  RdCaseStatus status = RD_CASE_STATUS_IN_REVIEW;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), RD_CASE_STATUS_IN_REVIEW);

  text = query_case_info (self, "SELECT status FROM case_info WHERE id = 1");
  if (text != NULL)
    rd_case_status_from_string (text, &status);
  return status;
}

/**
 * rd_case_file_get_created:
 *
 * Returns: (transfer full) (nullable): when the case was created (UTC)
 */
GDateTime *
rd_case_file_get_created (RdCaseFile *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  text = query_case_info (self, "SELECT created_at FROM case_info WHERE id = 1");
  return _rd_time_from_string (text);
}

/**
 * rd_case_file_get_updated:
 *
 * Returns: (transfer full) (nullable): when the case last changed (UTC)
 */
GDateTime *
rd_case_file_get_updated (RdCaseFile *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  text = query_case_info (self, "SELECT updated_at FROM case_info WHERE id = 1");
  return _rd_time_from_string (text);
}

/* ---- the actor and the write path ---------------------------------------- */

void
_rd_case_set_identity (RdCaseFile          *self,
                       const char          *name,
                       const char          *credentials,
                       RdRole               role,
                       RdSigningKey        *key,
                       const RdCertificate *certificate)
{
  RdCertificate *certificate_copy = certificate ? rd_certificate_copy (certificate) : NULL;
  gboolean changed;

  changed = g_strcmp0 (name, self->actor_name) != 0 || g_strcmp0 (credentials, self->actor_credentials) != 0 ||
            role != self->actor_role || key != self->signer_key;
  g_mutex_lock (&self->actor_lock);
  g_free (self->actor_name);
  g_free (self->actor_credentials);
  self->actor_name = g_strdup (name);
  self->actor_credentials = g_strdup (credentials);
  self->actor_role = role;
  g_set_object (&self->signer_key, key);
  g_clear_pointer (&self->signer_certificate, rd_certificate_free);
  self->signer_certificate = certificate_copy;
  g_mutex_unlock (&self->actor_lock);
  if (changed)
    g_signal_emit (self, signals[ACTOR_CHANGED], 0);
}

/**
 * rd_case_file_set_actor:
 * @name: the reviewer's name, as it should appear in the audit log
 * @credentials: (nullable): e.g. "RN" or "MD"
 * @role: the reviewer's role, which decides the decisions they may record
 *
 * Sets who makes the following changes, and emits #RdCaseFile::actor-changed
 * when that is someone else or another role. Call it on the owner thread.
 * The signing key set with rd_case_file_set_signer() is kept only when its
 * certificate names the same person in the same role: a role is what the
 * organisation certified, not what is claimed here.
 */
void
rd_case_file_set_actor (RdCaseFile *self,
                        const char *name,
                        const char *credentials,
                        RdRole      role)
{
  gboolean same_signer;

  g_return_if_fail (RD_IS_CASE_FILE (self));
  g_return_if_fail (name != NULL);

  same_signer = self->signer_certificate != NULL && g_strcmp0 (self->signer_certificate->name, name) == 0 &&
                self->signer_certificate->role == role;
  _rd_case_set_identity (self, name, credentials, role, same_signer ? self->signer_key : NULL,
                         same_signer ? self->signer_certificate : NULL);
}

const char *
rd_case_file_get_actor_name (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return self->actor_name;
}

RdRole
rd_case_file_get_actor_role (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), RD_ROLE_NURSE_REVIEWER);
  return self->actor_role;
}

void
_rd_case_actor_clear (RdCaseActor *actor)
{
  g_clear_pointer (&actor->name, g_free);
  g_clear_pointer (&actor->credentials, g_free);
  g_clear_object (&actor->key);
  g_clear_pointer (&actor->certificate, rd_certificate_free);
  g_clear_object (&actor->trust);
}

gboolean
_rd_case_check_writable (RdCaseFile  *self,
                         GError     **error)
{
  if (!_rd_case_check_readable (self, error))
    return FALSE;
  if (self->read_only)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_READ_ONLY,
                   _("“%s” is read-only: %s"), self->path, self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rd_case_begin_write (RdCaseFile   *self,
                      sqlite3      *db,
                      RdCaseActor  *actor,
                      GError      **error)
{
  g_autofree char *status = NULL;

  if (!_rd_case_check_writable (self, error))
    return FALSE;

  g_mutex_lock (&self->actor_lock);
  actor->name = g_strdup (self->actor_name);
  actor->credentials = g_strdup (self->actor_credentials);
  actor->role = self->actor_role;
  actor->key = self->signer_key ? g_object_ref (self->signer_key) : NULL;
  actor->certificate = self->signer_certificate ? rd_certificate_copy (self->signer_certificate) : NULL;
  actor->trust = self->trust ? g_object_ref (self->trust) : NULL;
  g_mutex_unlock (&self->actor_lock);
  if (actor->name == NULL)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NO_ACTOR,
                           _("Set up your reviewer profile (name and role) before changing a case:"
                             " every change records who made it."));
      return FALSE;
    }

  if (self->in_batch && db == self->db)
    {
      if (sqlite3_get_autocommit (db))
        {
          g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                       _("An earlier change of these failed, so none of them was saved: “%s” is unchanged."),
                       self->path);
          return FALSE;
        }
      /* Each write of a batch can still be undone alone (a write that
       * changes nothing rolls itself back). */
      if (!_rd_db_exec (db, "SAVEPOINT rd_write", error))
        return FALSE;
    }
  else if (!_rd_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  {
    g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT status FROM case_info WHERE id = 1", error);
    gboolean has_row;

    if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
      goto fail;
    status = has_row ? _rd_db_column_text (stmt, 0) : NULL;
  }
  if (g_strcmp0 (status, "sealed") == 0)
    {
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_SEALED,
                   _("“%s” is sealed by a medical director and can no longer be changed."), self->path);
      goto fail;
    }
  return TRUE;

fail:
  _rd_case_rollback (db);
  return FALSE;
}

void
_rd_case_rollback (sqlite3 *db)
{
  if (sqlite3_get_autocommit (db))
    return;
  /* Inside a batch, only the current write; else the whole transaction. */
  if (sqlite3_exec (db, "ROLLBACK TO rd_write; RELEASE rd_write", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_rd_case_audit (sqlite3           *db,
                const RdCaseActor *actor,
                const char        *action,
                const char        *target,
                const char        *old_value,
                const char        *new_value,
                GError           **error)
{
  return _rd_audit_append (db, actor->name, rd_role_to_string (actor->role), action, target,
                           old_value, new_value, error);
}

gboolean
_rd_case_commit_change (RdCaseFile  *self,
                        sqlite3     *db,
                        const char  *what,
                        GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "UPDATE case_info SET updated_at = ? WHERE id = 1", error);
  g_autofree char *now = _rd_time_now_string ();

  if (stmt == NULL)
    goto fail;
  _rd_db_bind (stmt, "s", now);
  if (!_rd_db_step_done (db, stmt, error))
    goto fail;
  if (self->in_batch && db == self->db)
    return _rd_db_exec (db, "RELEASE rd_write", error);  /* rd_case_file_end_batch() commits */
  if (!_rd_case_checkpoint (self, db, error) || !_rd_db_exec (db, "COMMIT", error))
    goto fail;
  _rd_case_emit_changed (self, what);
  return TRUE;

fail:
  _rd_case_rollback (db);
  return FALSE;
}

typedef struct {
  RdCaseFile *self;
  char       *what;
} ChangedIdle;

static gboolean
emit_changed_idle (gpointer data)
{
  ChangedIdle *idle = data;

  g_signal_emit (idle->self, signals[CHANGED], 0, idle->what);
  return G_SOURCE_REMOVE;
}

static void
changed_idle_free (gpointer data)
{
  ChangedIdle *idle = data;

  g_object_unref (idle->self);
  g_free (idle->what);
  g_free (idle);
}

void
_rd_case_emit_changed (RdCaseFile *self,
                       const char *what)
{
  ChangedIdle *idle;

  if (g_thread_self () == self->owner)
    {
      g_signal_emit (self, signals[CHANGED], 0, what);
      return;
    }
  idle = g_new0 (ChangedIdle, 1);
  idle->self = g_object_ref (self);
  idle->what = g_strdup (what);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_changed_idle, idle, changed_idle_free);
}

/**
 * rd_case_file_begin_batch:
 *
 * Makes the following writes on the owner thread one transaction, so that a
 * group of changes (a reviewer's answers from a file) is saved whole or not at
 * all, even if the process is killed or the disk fills. The first failing
 * write rolls them all back. End with rd_case_file_end_batch().
 *
 * Returns: %TRUE when the batch started
 */
gboolean
rd_case_file_begin_batch (RdCaseFile  *self,
                          GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!_rd_case_check_writable (self, error))
    return FALSE;
  if (!_rd_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

/**
 * rd_case_file_end_batch:
 * @commit: %FALSE to discard the batch's writes
 *
 * Ends rd_case_file_begin_batch(): commits the writes (durable when this
 * returns %TRUE) or, when @commit is %FALSE or a write failed, rolls them back.
 *
 * Returns: %TRUE when the writes were committed
 */
gboolean
rd_case_file_end_batch (RdCaseFile  *self,
                        gboolean     commit,
                        GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  if (sqlite3_get_autocommit (self->db))
    {
      /* A failed write rolled the batch back and said why. */
      if (commit)
        g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                     _("An earlier change of these failed, so none of them was saved: “%s” is unchanged."),
                     self->path);
      return FALSE;
    }
  if (!commit || !_rd_case_checkpoint (self, self->db, error) || !_rd_db_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  _rd_case_emit_changed (self, "review");
  return TRUE;
}
