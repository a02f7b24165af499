/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A case file refuses what it does not understand without touching it, is
 * never readable by others, opens read-only while another ReviewDesk writes
 * it, and migrates older formats forward. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rd-audit.h"
#include "rd-case-file-private.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"
#include "rd-test-pdf.h"

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Opening @path fails with @code, names the file, and leaves it and its
 * directory exactly as they were. */
static void
assert_refused (const char *path,
                int         code,
                const char *hint)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = rd_test_file_digest (path);
  g_autofree char *after = NULL;
  guint n_files = count_files (dir);

  for (int flags = 0; flags <= RD_CASE_FILE_OPEN_READ_ONLY; flags++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCaseFile) cf = rd_case_file_open (path, flags, &error);

      g_assert_null (cf);
      g_assert_error (error, RD_CASE_FILE_ERROR, code);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, hint));
      /* Each thing said once: no message nested in another. */
      g_assert_null (strstr (error->message, "The case file is damaged"));
      g_assert_null (strstr (strstr (error->message, hint) + 1, hint));
    }
  after = rd_test_file_digest (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_files (dir), ==, n_files);  /* no -wal or -shm left behind */
}

static char *
make_case (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(RdCaseFile) cf = rd_test_case_new (path);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *criterion = g_strdup_printf ("criterion-%u", i);
      g_assert_true (rd_case_file_set_score (cf, "bsc-7.01.41", criterion, RD_SCORE_MET,
                                             "A note long enough to fill the pages of the table a little.", &error));
    }
  return path;
}

static void
test_not_sqlite (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *text = g_build_filename (dir, "notes.rdcase", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.rdcase", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "record.rdcase", NULL);
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (1);

  g_assert_true (g_file_set_contents (text, "Member: Synthetic\nNot a database at all.\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  assert_refused (text, RD_CASE_FILE_ERROR_NOT_SQLITE, "not an SQLite database");
  assert_refused (empty, RD_CASE_FILE_ERROR_NOT_SQLITE, "not an SQLite database");
  assert_refused (pdf_path, RD_CASE_FILE_ERROR_NOT_SQLITE, "not an SQLite database");
  rd_test_remove_dir (dir);
}

static void
make_foreign (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_foreign (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *plain = g_build_filename (dir, "plain.rdcase", NULL);
  g_autofree char *other = g_build_filename (dir, "other.rdcase", NULL);

  make_foreign (plain, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  /* Another application's WAL database, with tables named like ours. */
  make_foreign (other, "PRAGMA application_id = 1296126018; PRAGMA user_version = 1;"
                       "PRAGMA journal_mode = WAL; CREATE TABLE case_info (id);");
  assert_refused (plain, RD_CASE_FILE_ERROR_FOREIGN, "another application");
  assert_refused (other, RD_CASE_FILE_ERROR_FOREIGN, "0x4d415042");
  rd_test_remove_dir (dir);
}

/* A named pipe or a folder named like a case is refused at once: opening a
 * pipe for reading would otherwise wait for a writer forever. */
static void
test_not_regular (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *fifo = g_build_filename (dir, "x.rdcase", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.rdcase", NULL);
  const char *paths[] = { fifo, folder, "/dev/null" };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  alarm (10);  /* a hang fails the test instead of blocking it */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (int flags = 0; flags <= RD_CASE_FILE_OPEN_READ_ONLY; flags++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RdCaseFile) cf = rd_case_file_open (paths[i], flags, &error);

        g_assert_null (cf);
        g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_REGULAR);
        g_assert_nonnull (strstr (error->message, paths[i]));
      }
  alarm (0);
  rd_test_remove_dir (dir);
}

/* An SQLite file that carries ReviewDesk's application id and version but
 * not its tables is refused before anything is written: not even switched to
 * write-ahead logging. */
static void
test_foreign_with_our_id (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "impostor.rdcase", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          " CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                          RD_CASE_FILE_APPLICATION_ID, RD_CASE_FILE_VERSION);

  make_foreign (path, sql);
  assert_refused (path, RD_CASE_FILE_ERROR_DAMAGED, "backup");
  rd_test_remove_dir (dir);
}

/* A case that `verify` rejects (here its audit log was edited) opens
 * read-only, but is not opened for writing, and stays byte-identical. */
static void
test_fails_verify (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = make_case (dir, "tampered.rdcase");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseFile) reader = NULL;
  guint n_files;

  make_foreign (path, "DROP TRIGGER audit_no_update; UPDATE audit SET new_value = 'not-met' WHERE seq = 3;");
  before = rd_test_file_digest (path);
  n_files = count_files (dir);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_null (cf);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "fails verification"));
  g_assert_nonnull (strstr (error->message, "Audit entry"));
  after = rd_test_file_digest (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_files (dir), ==, n_files);
  g_clear_error (&error);
  reader = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  rd_test_remove_dir (dir);
}

typedef struct {
  const char *path;
  gboolean    fail;
} FillCheck;

static gboolean
fill_check (RdCaseFile  *cf,
            gpointer     user_data,
            GError     **error)
{
  FillCheck *check = user_data;
  g_autofree char *dir = g_path_get_dirname (check->path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  /* Nothing is at the case's name while it is being made, and the temporary
   * file is owner-only and does not look like a case. */
  g_assert_false (g_file_test (check->path, G_FILE_TEST_EXISTS));
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".rdcase"));
  rd_test_assert_owner_only (dir);
  rd_case_file_set_actor (cf, "Creator", NULL, RD_ROLE_NURSE_REVIEWER);
  g_assert_true (rd_case_file_set_score (cf, "p", "c1", RD_SCORE_MET, NULL, error));
  if (check->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
      return FALSE;
    }
  return TRUE;
}

/* A new case is made in a temporary file and moved into place when complete;
 * a failed one leaves nothing; a temporary file left behind by a killed
 * process is refused as unfinished. */
static void
test_create_staged (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "new.rdcase", NULL);
  g_autofree char *left = g_build_filename (dir, ".rdcase-new-left", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) scores = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          " CREATE TABLE case_info (id);",
                                          RD_CASE_FILE_BUILDING_ID, RD_CASE_FILE_VERSION);
  FillCheck check = { path, TRUE };

  g_assert_false (rd_case_file_create_filled (path, NULL, fill_check, &check, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  check.fail = FALSE;
  g_assert_true (rd_case_file_create_filled (path, "RD-NEW", fill_check, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (dir), ==, 1);
  rd_test_assert_owner_only (dir);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_case_file_get_case_id (cf), ==, "RD-NEW");
  scores = rd_case_file_list_scores (cf, "p", &error);
  g_assert_cmpuint (scores->len, ==, 1);

  g_assert_false (rd_case_file_create_filled (path, NULL, NULL, NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_EXISTS);

  make_foreign (left, sql);
  assert_refused (left, RD_CASE_FILE_ERROR_DAMAGED, "unfinished");
  rd_test_remove_dir (dir);
}

static void
write_bytes (const char *path,
             goffset     offset,
             const void *bytes,
             gsize       n)
{
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, bytes, n, offset), ==, (gssize) n);
  close (fd);
}

static void
test_newer (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = make_case (dir, "future.rdcase");
  const guchar version[4] = { 0, 0, 0, 99 };  /* user_version, big-endian at offset 60 */

  write_bytes (path, 60, version, sizeof version);
  assert_refused (path, RD_CASE_FILE_ERROR_NEWER, "newer ReviewDesk");
  rd_test_remove_dir (dir);
}

static void
test_damaged (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = make_case (dir, "damaged.rdcase");
  g_autofree char *second = make_case (dir, "damaged-2.rdcase");
  guchar garbage[512];
  GStatBuf st;

  memset (garbage, 0xA5, sizeof garbage);
  /* A b-tree page's header (page 2 of 4096 bytes)... */
  write_bytes (path, 4096, garbage, sizeof garbage);
  assert_refused (path, RD_CASE_FILE_ERROR_DAMAGED, "backup");

  /* ...and the last page, where the scores' rows are. */
  g_assert_cmpint (g_stat (second, &st), ==, 0);
  write_bytes (second, st.st_size - 4096, garbage, 16);
  write_bytes (second, st.st_size - 2048, garbage, sizeof garbage);
  assert_refused (second, RD_CASE_FILE_ERROR_DAMAGED, "backup");
  rd_test_remove_dir (dir);
}

static void
test_permissions (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "private.rdcase", NULL);
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0);
  GStatBuf st;

  /* Even with a permissive umask, the case, its -wal and its -shm are 0600. */
  cf = rd_test_case_new (path);
  umask (old_umask);
  g_assert_true (rd_case_file_set_score (cf, "p", "c", RD_SCORE_MET, NULL, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_files (dir), ==, 3);
  rd_test_assert_owner_only (dir);
  g_clear_object (&cf);

  /* A copy someone made readable is made private again when opened for writing. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

/* Another ReviewDesk, in a child process, holds the case open for writing. */
static pid_t
hold_open (const char *path,
           int        *release_fd)
{
  int ready[2], release[2];
  pid_t pid;
  char byte;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);

      close (ready[0]);
      close (release[1]);
      if (cf == NULL || rd_case_file_is_read_only (cf))
        _exit (1);
      rd_case_file_set_actor (cf, "Other Nurse", NULL, RD_ROLE_NURSE_REVIEWER);
      if (!rd_case_file_set_score (cf, "p", "from-other", RD_SCORE_MET, NULL, NULL))
        _exit (2);
      if (write (ready[1], "r", 1) != 1 || read (release[0], &byte, 1) < 0)
        _exit (3);
      if (!rd_case_file_set_score (cf, "p", "after-release", RD_SCORE_NOT_MET, NULL, NULL))
        _exit (4);
      _exit (0);
    }
  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);
  *release_fd = release[1];
  return pid;
}

static void
test_locked (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = make_case (dir, "shared.rdcase");
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseScore) score = NULL;
  g_autoptr(GError) error = NULL;
  int release_fd, status;
  pid_t pid;

  pid = hold_open (path, &release_fd);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_file_is_read_only (cf));
  g_assert_nonnull (strstr (rd_case_file_get_read_only_reason (cf), "another ReviewDesk"));
  score = rd_case_file_get_score (cf, "p", "from-other", &error);
  g_assert_nonnull (score);
  rd_case_file_set_actor (cf, "Test Nurse", NULL, RD_ROLE_NURSE_REVIEWER);
  g_assert_false (rd_case_file_set_score (cf, "p", "mine", RD_SCORE_MET, NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "another ReviewDesk"));
  g_clear_error (&error);

  /* The reader sees the writer's later changes. */
  close (release_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_clear_pointer (&score, rd_case_score_free);
  score = rd_case_file_get_score (cf, "p", "after-release", &error);
  g_assert_nonnull (score);
  g_clear_object (&cf);

  /* The lock died with the process. */
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (rd_case_file_is_read_only (cf));

  /* Within one process, a second open of the same case is read-only too. */
  {
    g_autoptr(RdCaseFile) second = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
    g_assert_no_error (error);
    g_assert_true (rd_case_file_is_read_only (second));
  }
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

static void
test_killed_holder_releases_lock (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = make_case (dir, "killed.rdcase");
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseScore) score = NULL;
  g_autoptr(GError) error = NULL;
  int release_fd, status;
  pid_t pid;

  pid = hold_open (path, &release_fd);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  close (release_fd);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (rd_case_file_is_read_only (cf));
  score = rd_case_file_get_score (cf, "p", "from-other", &error);
  g_assert_nonnull (score);
  rd_case_file_close (cf);
  rd_test_remove_dir (dir);
}

/* Closes a case opened read-only and checks that reading left the file
 * and its directory as they were. Before that the case, read as it is (the
 * tables of later formats stood in for by empty temporary ones), verifies:
 * its content is what its audit log says. */
static void
close_unchanged (RdCaseFile **cf,
                 const char  *dir,
                 const char  *path,
                 const char  *before)
{
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  result = rd_case_file_verify (*cf, &error);
  g_assert_no_error (error);
  if (result->replay_problem != NULL)
    g_test_message ("%s", result->replay_problem);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_object (cf);
  after = rd_test_file_digest (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_files (dir), ==, 1);
}

/* Opens an old case for writing, which upgrades it to the current format. */
static RdCaseFile *
open_upgraded (const char *path)
{
  g_autoptr(GError) error = NULL;
  RdCaseFile *cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rd_case_file_get_format_version (cf), ==, RD_CASE_FILE_VERSION);
  return cf;
}

/* One audit entry as the ReviewDesk that wrote an older case wrote it. */
typedef struct {
  const char *who;
  const char *role;
  const char *action;
  const char *target;
  const char *old_value;
  const char *new_value;
} OldEntry;

/* Runs @sql on the case at @path and appends @entries, the audit entries
 * the ReviewDesk of that format wrote for that content, in one transaction. */
static void
fill_old_case (const char     *path,
               const char     *sql,
               const OldEntry *entries,
               gsize           n_entries)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  for (gsize i = 0; i < n_entries; i++)
    {
      const OldEntry *e = &entries[i];
      g_assert_true (_rd_audit_append (db, e->who, e->role, e->action, e->target, e->old_value, e->new_value,
                                       &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A case file of format @version, filled by @sql behind the core's back,
 * with the audit entries its ReviewDesk wrote for that content. */
static void
make_old_case (const char     *path,
               const char     *case_id,
               guint           version,
               const char     *sql,
               const OldEntry *entries,
               gsize           n_entries)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_rd_case_file_create_at_version (path, case_id, version, &error));
  g_assert_no_error (error);
  fill_old_case (path, sql, entries, n_entries);
}

#define NURSE "Old Nurse", "nurse-reviewer"

/* A case as the first ReviewDesk wrote it: format 1 (no records, evidence or
 * decisions yet), with a request and scores. */
static void
make_v1_case (const char *path)
{
  static const OldEntry entries[] = {
    { NURSE, "request", "request/member-name", NULL, "Old Member" },
    { NURSE, "request", "request/drug", NULL, "baclofen" },
    { NURSE, "request", "request/cpt", NULL, "62362" },
    { NURSE, "review", "bsc-7.01.41", NULL, "aa11" },
    { NURSE, "score", "bsc-7.01.41/c1", NULL, "met" },
    { NURSE, "score-note", "bsc-7.01.41/c1", NULL, "old note" },
  };

  make_old_case (path, "RD-V1", 1,
                 "UPDATE request SET member_name = 'Old Member', drug = 'baclofen';"
                 "INSERT INTO request_code VALUES ('cpt', 0, '62362');"
                 "INSERT INTO review VALUES ('bsc-7.01.41', 'aa11', 'Old Nurse', '2025-01-02T03:04:05.000000Z');"
                 "INSERT INTO criterion_score VALUES ('bsc-7.01.41', 'c1', 'met', 'old note',"
                 " 'Old Nurse', '2025-01-02T03:04:05.000000Z');", entries, G_N_ELEMENTS (entries));
}

/* Audit entry @from_end (counted from the end: 1 is the last) records the upgrade of
 * the format from @from to @from + 1. */
static void
assert_upgrade_entry (GPtrArray *audit,
                      guint      from_end,
                      guint      from)
{
  RdAuditEntry *entry = g_ptr_array_index (audit, audit->len - from_end);
  g_autofree char *old_value = g_strdup_printf ("%u", from);
  g_autofree char *new_value = g_strdup_printf ("%u", from + 1);

  g_assert_cmpstr (entry->action, ==, "format-upgrade");
  g_assert_cmpstr (entry->old_value, ==, old_value);
  g_assert_cmpstr (entry->new_value, ==, new_value);
}

static void
test_migrate_v1 (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "old.rdcase", NULL);
  g_autofree char *before = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseScore) score = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (1);
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  make_v1_case (path);
  before = rd_test_file_digest (path);

  /* Read-only, an old case reads like a new one and is not upgraded. */
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_case_file_get_format_version (cf), ==, 1);
  score = rd_case_file_get_score (cf, "bsc-7.01.41", "c1", &error);
  g_assert_cmpstr (score->note, ==, "old note");
  records = rd_case_file_list_records (cf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  close_unchanged (&cf, dir, path, before);

  /* Opened for writing, it is upgraded in place, keeping everything. */
  cf = open_upgraded (path);
  g_assert_cmpstr (rd_case_file_get_case_id (cf), ==, "RD-V1");
  g_clear_pointer (&score, rd_case_score_free);
  score = rd_case_file_get_score (cf, "bsc-7.01.41", "c1", &error);
  g_assert_cmpint (score->score, ==, RD_SCORE_MET);
  g_assert_cmpstr (score->reviewer, ==, "Old Nurse");
  request = rd_case_file_get_request (cf, &error);
  g_assert_cmpstr (request->member_name, ==, "Old Member");
  g_assert_cmpstr (request->cpt_codes[0], ==, "62362");

  /* One audited step per version. */
  audit = rd_case_file_list_audit (cf, &error);
  g_assert_cmpuint (audit->len, >=, RD_CASE_FILE_VERSION - 1);
  for (guint v = 2; v <= RD_CASE_FILE_VERSION; v++)
    assert_upgrade_entry (audit, 1 + RD_CASE_FILE_VERSION - v, v - 1);

  rd_case_file_set_actor (cf, "Test Nurse", NULL, RD_ROLE_NURSE_REVIEWER);
  {
    const char *texts[] = { "new" };
    const gboolean layers[] = { TRUE };

    g_assert_cmpint (rd_case_file_attach_record (cf, pdf, "new.pdf", 1, texts, layers, NULL, NULL, &error), >, 0);
  }
  g_assert_true (rd_case_file_set_documentation (cf, "bsc-7.01.41", "trial", RD_DOC_STATUS_PRESENT, NULL, &error));
  g_assert_no_error (error);
  result = rd_case_file_verify (cf, &error);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

/* A case of format 2: a record attached (no stored passwords yet). */
static void
make_v2_case (const char *path,
              GBytes     *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (pdf, &size);

  g_assert_true (_rd_case_file_create_at_version (path, "RD-V2", 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO record (sha256, file_name, size, n_pages, added_by,"
                                           " added_at, data) VALUES (?, 'old-note.pdf', ?, 1, 'Old Nurse',"
                                           " '2026-01-02T03:04:05.000000Z', ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) size);
  sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  /* With its page text, as verify expects of every record. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO record_page (record_id, page_number, text, has_text_layer)"
                                     " VALUES (last_insert_rowid (), 1, 'old note', 1)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  {
    g_autofree char *summary = g_strdup_printf ("old-note.pdf; 1 pages; %" G_GSIZE_FORMAT " bytes; sha256 %s",
                                                size, sha256);
    const OldEntry entries[] = {
      { NURSE, "record-add", "record/1", NULL, summary },
      { NURSE, "page-text", "record/1", NULL, "1 pages; 1 with a text layer" },
    };

    fill_old_case (path, "", entries, G_N_ELEMENTS (entries));
  }
}

static void
test_migrate_v2 (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "v2.rdcase", NULL);
  g_autofree char *before = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (1);
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RdAuditEntry *last;
  RdCaseRecord *record;
  gint64 record_id;

  make_v2_case (path, pdf);
  before = rd_test_file_digest (path);

  /* Read-only: readable as a current case (no stored password), unchanged. */
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_case_file_get_format_version (cf), ==, 2);
  records = rd_case_file_list_records (cf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  record_id = record->id;
  g_assert_false (record->password_stored);
  g_assert_true (rd_case_file_lookup_record_password (cf, record_id, &password, &error));
  g_assert_no_error (error);
  g_assert_null (password);
  close_unchanged (&cf, dir, path, before);

  /* For writing: upgraded to 3, then on to the current format, one audited
   * step each, the record kept. */
  cf = open_upgraded (path);
  audit = rd_case_file_list_audit (cf, &error);
  for (guint v = 3; v <= RD_CASE_FILE_VERSION; v++)
    assert_upgrade_entry (audit, 1 + RD_CASE_FILE_VERSION - v, v - 1);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = rd_case_file_list_records (cf, &error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((RdCaseRecord *) g_ptr_array_index (records, 0))->file_name, ==, "old-note.pdf");

  /* The new table is there and written like the others. */
  rd_case_file_set_actor (cf, "Test Nurse", NULL, RD_ROLE_NURSE_REVIEWER);
  g_assert_true (rd_case_file_store_record_password (cf, record_id, "migrated-secret", &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_file_lookup_record_password (cf, record_id, &password, &error));
  g_assert_cmpstr (password, ==, "migrated-secret");
  result = rd_case_file_verify (cf, &error);
  g_assert_true (rd_case_verify_result_ok (result));
  rd_case_file_close (cf);

  /* A second opening migrates nothing more. */
  g_clear_object (&cf);
  g_clear_pointer (&audit, g_ptr_array_unref);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  audit = rd_case_file_list_audit (cf, &error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "record-password-stored");
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

/* A case of format 3: sent to a medical director, who has no draft
 * determination yet. */
static void
make_v3_case (const char *path)
{
  static const OldEntry entries[] = {
    { NURSE, "decision", "decision/1", NULL, "send-to-director: Please review" },
    { NURSE, "status", "case", "in-review", "with-medical-director" },
  };

  make_old_case (path, "RD-V3", 3,
                 "UPDATE case_info SET status = 'with-medical-director';"
                 "INSERT INTO decision (kind, adverse, rationale, who, role, decided_at)"
                 " VALUES ('send-to-director', 0, 'Please review', 'Old Nurse', 'nurse-reviewer',"
                 " '2026-01-02T03:04:05.000000Z');", entries, G_N_ELEMENTS (entries));
}

static void
test_migrate_v3 (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "v3.rdcase", NULL);
  g_autofree char *before = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseDecisionDraft) draft = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_audit;

  make_v3_case (path);
  before = rd_test_file_digest (path);

  /* Read-only: no draft, and the file is unchanged. */
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_case_file_get_format_version (cf), ==, 3);
  draft = rd_case_file_get_decision_draft (cf, &error);
  g_assert_no_error (error);
  g_assert_null (draft);
  close_unchanged (&cf, dir, path, before);

  /* For writing: upgraded to 4 and on, one audited step each, the decision kept. */
  cf = open_upgraded (path);
  audit = rd_case_file_list_audit (cf, &error);
  for (guint v = 4; v <= RD_CASE_FILE_VERSION; v++)
    assert_upgrade_entry (audit, 1 + RD_CASE_FILE_VERSION - v, v - 1);
  n_audit = audit->len;
  decisions = rd_case_file_list_decisions (cf, &error);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR);

  /* The director's draft is kept in the new table, without an audit entry. */
  rd_case_file_set_actor (cf, "Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  g_assert_true (rd_case_file_set_decision_draft (cf, "Drafted after the upgrade", NULL, &error));
  g_assert_no_error (error);
  rd_case_file_close (cf);
  g_clear_object (&cf);
  g_clear_pointer (&audit, g_ptr_array_unref);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  draft = rd_case_file_get_decision_draft (cf, &error);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->rationale, ==, "Drafted after the upgrade");
  audit = rd_case_file_list_audit (cf, &error);
  g_assert_cmpuint (audit->len, ==, n_audit);
  result = rd_case_file_verify (cf, &error);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

/* A case of format 4: a trial request with scores, before revision and refill
 * requests and measurements. */
static void
make_v4_case (const char *path)
{
  static const OldEntry entries[] = {
    { NURSE, "request", "request/member-name", NULL, "Old Member" },
    { NURSE, "request", "request/cpt", NULL, "62362" },
    { NURSE, "request", "request/type", "initial", "trial" },
    { NURSE, "request", "request/urgency", "standard", "expedited" },
    { NURSE, "request", "request/received", NULL, "2026-01-02T03:04:05.000000Z" },
    { NURSE, "score", "bsc-7.01.41/pain-successful-trial", NULL, "met" },
  };

  make_old_case (path, "RD-V4", 4,
                 "UPDATE request SET member_name = 'Old Member', request_type = 'trial',"
                 " urgency = 'expedited', received_at = '2026-01-02T03:04:05.000000Z';"
                 "INSERT INTO request_code VALUES ('cpt', 0, '62362');"
                 "INSERT INTO criterion_score VALUES ('bsc-7.01.41', 'pain-successful-trial', 'met', NULL,"
                 " 'Old Nurse', '2026-01-02T03:04:05.000000Z');", entries, G_N_ELEMENTS (entries));
}

static void
test_migrate_v4 (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "v4.rdcase", NULL);
  g_autofree char *before = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GHashTable) measurements = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(RdMeasurement) m = rd_measurement_new ();
  g_autoptr(GError) error = NULL;
  RdMeasurement *stored;

  make_v4_case (path);
  before = rd_test_file_digest (path);

  /* Read-only: no measurements, the request as it was, the file unchanged. */
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_case_file_get_format_version (cf), ==, 4);
  measurements = rd_case_file_get_measurements (cf, "bsc-7.01.41");
  g_assert_cmpuint (g_hash_table_size (measurements), ==, 0);
  close_unchanged (&cf, dir, path, before);

  /* For writing: upgraded to 5 and on, one audited step each, the request kept. */
  cf = open_upgraded (path);
  audit = rd_case_file_list_audit (cf, &error);
  for (guint v = 5; v <= RD_CASE_FILE_VERSION; v++)
    assert_upgrade_entry (audit, 1 + RD_CASE_FILE_VERSION - v, v - 1);
  request = rd_case_file_get_request (cf, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->member_name, ==, "Old Member");
  g_assert_cmpint (request->type, ==, RD_REQUEST_TYPE_TRIAL);
  g_assert_cmpint (request->urgency, ==, RD_URGENCY_EXPEDITED);
  g_assert_cmpstr (request->cpt_codes[0], ==, "62362");

  /* The new request types and the measurement table are written like the rest. */
  rd_case_file_set_actor (cf, "Test Nurse", NULL, RD_ROLE_NURSE_REVIEWER);
  request->type = RD_REQUEST_TYPE_REFILL;
  g_assert_true (rd_case_file_set_request (cf, request, &error));
  g_assert_no_error (error);
  m->has_before_after = TRUE;
  m->before = 8;
  m->after = 3;
  g_assert_true (rd_case_file_set_measurement (cf, "bsc-7.01.41", "pain-successful-trial", m, &error));
  g_assert_no_error (error);
  rd_case_file_close (cf);
  g_clear_object (&cf);

  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&request, rd_request_free);
  request = rd_case_file_get_request (cf, &error);
  g_assert_cmpint (request->type, ==, RD_REQUEST_TYPE_REFILL);
  g_clear_pointer (&measurements, g_hash_table_unref);
  measurements = rd_case_file_get_measurements (cf, "bsc-7.01.41");
  stored = g_hash_table_lookup (measurements, "pain-successful-trial");
  g_assert_nonnull (stored);
  g_assert_true (stored->has_before_after);
  g_assert_cmpfloat (stored->before, ==, 8);
  result = rd_case_file_verify (cf, &error);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

/* The format before the payer step (its number changes as steps are added
 * before it; the step is always the last here). */
#define BEFORE_PAYER (RD_CASE_FILE_VERSION - 1)

/* A case as the ReviewDesk before payers wrote it: a request without payer,
 * plan or line of business, a policy under review with two indications. */
static void
make_case_before_payer (const char *path)
{
  static const OldEntry entries[] = {
    { NURSE, "request", "request/member-name", NULL, "Old Member" },
    { NURSE, "request", "request/received", NULL, "2026-01-02T03:04:05.000000Z" },
    { NURSE, "review", "anthem-cg-surg-79", NULL, "aa11" },
    { NURSE, "indications", "anthem-cg-surg-79", "", "pain spasticity" },
  };

  make_old_case (path, "RD-PAYER", BEFORE_PAYER,
                 "UPDATE request SET member_name = 'Old Member', received_at = '2026-01-02T03:04:05.000000Z',"
                 " due_at = '2026-01-09T03:04:05.000000Z';"
                 "INSERT INTO review VALUES ('anthem-cg-surg-79', 'aa11', 'Old Nurse',"
                 " '2026-01-02T03:04:05.000000Z');"
                 "INSERT INTO review_indication VALUES ('anthem-cg-surg-79', 'pain'),"
                 " ('anthem-cg-surg-79', 'spasticity');", entries, G_N_ELEMENTS (entries));
}

static void
test_migrate_payer (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "before-payer.rdcase", NULL);
  g_autofree char *before = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) declined = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  make_case_before_payer (path);
  before = rd_test_file_digest (path);

  /* Read-only: no payer, plan or line of business, no extension, nothing
   * declined; the due time as before (7 days); the file unchanged. */
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_case_file_get_format_version (cf), ==, BEFORE_PAYER);
  request = rd_case_file_get_request (cf, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->member_name, ==, "Old Member");
  g_assert_null (request->payer);
  g_assert_null (request->plan);
  g_assert_cmpint (request->line_of_business, ==, RD_LINE_OF_BUSINESS_UNKNOWN);
  due = rd_case_file_get_due_time (cf, &error);
  g_assert_cmpint (g_date_time_difference (due, request->received), ==, 7 * G_TIME_SPAN_DAY);
  g_assert_null (rd_case_file_get_due_extension (cf, &error));
  g_assert_no_error (error);
  declined = rd_case_file_list_declined (cf, &error);
  g_assert_cmpuint (declined->len, ==, 0);
  result = rd_case_file_verify (cf, &error);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_pointer (&result, rd_case_verify_result_free);
  g_clear_pointer (&declined, g_ptr_array_unref);
  close_unchanged (&cf, dir, path, before);

  /* For writing: one audited step, the request kept. */
  cf = open_upgraded (path);
  audit = rd_case_file_list_audit (cf, &error);
  assert_upgrade_entry (audit, 1, BEFORE_PAYER);
  g_clear_pointer (&request, rd_request_free);
  request = rd_case_file_get_request (cf, &error);
  g_assert_cmpstr (request->member_name, ==, "Old Member");
  g_assert_cmpint (request->line_of_business, ==, RD_LINE_OF_BUSINESS_UNKNOWN);

  /* The new columns and tables are written, audited and replayed like the rest. */
  rd_case_file_set_actor (cf, "Test Nurse", NULL, RD_ROLE_NURSE_REVIEWER);
  request->payer = g_strdup ("Anthem");
  request->plan = g_strdup ("Anthem Medicare Preferred");
  request->line_of_business = RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE;
  g_assert_true (rd_case_file_set_request (cf, request, &error));
  g_assert_true (rd_case_file_extend_due (cf, 48, "The plan asked for the trial report.", &error));
  g_assert_true (rd_case_file_decline_indication (cf, "anthem-cg-surg-79", "pain", "Spasticity only.", &error));
  g_assert_no_error (error);
  rd_case_file_close (cf);
  g_clear_object (&cf);

  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&request, rd_request_free);
  request = rd_case_file_get_request (cf, &error);
  g_assert_cmpstr (request->payer, ==, "Anthem");
  g_assert_cmpstr (request->plan, ==, "Anthem Medicare Preferred");
  g_assert_cmpint (request->line_of_business, ==, RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE);
  g_clear_pointer (&due, g_date_time_unref);
  due = rd_case_file_get_due_time (cf, &error);
  g_assert_cmpint (g_date_time_difference (due, request->received), ==, (7 * 24 + 48) * G_TIME_SPAN_HOUR);
  declined = rd_case_file_list_declined (cf, &error);
  g_assert_cmpuint (declined->len, ==, 1);
  result = rd_case_file_verify (cf, &error);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-safety/not-sqlite", test_not_sqlite);
  g_test_add_func ("/case-safety/foreign", test_foreign);
  g_test_add_func ("/case-safety/newer", test_newer);
  g_test_add_func ("/case-safety/damaged", test_damaged);
  g_test_add_func ("/case-safety/not-regular", test_not_regular);
  g_test_add_func ("/case-safety/foreign-with-our-id", test_foreign_with_our_id);
  g_test_add_func ("/case-safety/fails-verify", test_fails_verify);
  g_test_add_func ("/case-safety/create-staged", test_create_staged);
  g_test_add_func ("/case-safety/permissions", test_permissions);
  g_test_add_func ("/case-safety/locked", test_locked);
  g_test_add_func ("/case-safety/killed-holder-releases-lock", test_killed_holder_releases_lock);
  g_test_add_func ("/case-safety/migrate-v1", test_migrate_v1);
  g_test_add_func ("/case-safety/migrate-v2", test_migrate_v2);
  g_test_add_func ("/case-safety/migrate-v3", test_migrate_v3);
  g_test_add_func ("/case-safety/migrate-v4", test_migrate_v4);
  g_test_add_func ("/case-safety/migrate-payer", test_migrate_payer);
  return g_test_run ();
}
