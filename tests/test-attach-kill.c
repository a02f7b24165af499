/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Nothing half-attached: `reviewdesk-tool case attach` of a large PDF killed
 * with SIGKILL at random moments, again and again. After each kill the case
 * must verify, and hold either no record or the record with every page's
 * text and index entries; an attach that reported success before the kill
 * must have its record. In the slow suite: a few minutes. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rd-case-file.h"
#include "rd-test-case.h"
#include "rd-test-pdf.h"

#define N_PAGES 600
#define DEFAULT_KILLS 120

static const char *tool_path;

typedef struct {
  guint kills;         /* runs ended by the kill */
  guint finished;      /* runs that finished first (acknowledged) */
  guint absent;
  guint complete;
  guint half;          /* a record without all its text: must stay 0 */
  guint lost;          /* an acknowledged attach whose record is missing: must stay 0 */
  guint failed_verify; /* must stay 0 */
  guint while_writing; /* kills that found the record's bytes in the write-ahead log */
} Figures;

static GPid
spawn_attach (const char *case_path,
              const char *pdf_path)
{
  const char *argv[] = { tool_path, "case", "attach", case_path, pdf_path, "--by", "Kill Test", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Waits for @pid; returns whether it exited with status 0 on its own. */
static gboolean
reap (GPid      pid,
      gboolean *killed)
{
  int status = 0;
  pid_t done;

  do
    done = waitpid (pid, &status, 0);
  while (done < 0 && errno == EINTR);
  g_assert_cmpint (done, ==, pid);
  *killed = WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Returns when the case's write-ahead log exists (or @pid has ended). */
static gint64
wait_for_wal (const char *path,
              GPid        pid)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  while (!g_file_test (wal, G_FILE_TEST_EXISTS) && kill (pid, 0) == 0)
    g_usleep (200);
  return g_get_monotonic_time ();
}

static goffset
wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf buf;

  return g_stat (wal, &buf) == 0 ? buf.st_size : 0;
}

/* The state the case is in after a run: verified, then the record counted. */
static void
check_case (const char *path,
            gboolean    acknowledged,
            Figures    *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  result = rd_case_file_verify (cf, &error);
  g_assert_no_error (error);
  if (!rd_case_verify_result_ok (result))
    {
      figures->failed_verify++;
      g_test_message ("verify failed: %s %s", result->integrity_problem ? result->integrity_problem : "",
                      result->records_problem ? result->records_problem : "");
    }
  records = rd_case_file_list_records (cf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, <=, 1);
  if (records->len == 0)
    {
      figures->absent++;
      if (acknowledged)
        figures->lost++;
      return;
    }
  {
    RdCaseRecord *record = g_ptr_array_index (records, 0);

    if (record->n_pages == N_PAGES && record->n_pages_indexed == N_PAGES)
      figures->complete++;
    else
      {
        figures->half++;
        g_test_message ("half state: %u of %u pages stored", record->n_pages_indexed, record->n_pages);
      }
  }
}

static void
test_attach_kill (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *template_path = g_build_filename (dir, "template.rdcase", NULL);
  g_autofree char *path = g_build_filename (dir, "case.rdcase", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "large.pdf", NULL);
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (N_PAGES);
  g_autoptr(GError) error = NULL;
  const char *kills_env = g_getenv ("RD_ATTACH_KILLS");
  guint n_kills = kills_env != NULL ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : DEFAULT_KILLS;
  Figures figures = { 0 };
  gint64 start, duration, opened, writing;
  gboolean killed;
  GPid pid;

  {
    g_autoptr(RdCaseFile) cf = rd_case_file_create (template_path, "KILL-ATTACH", &error);
    g_assert_no_error (error);
    rd_case_file_close (cf);
  }
  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf),
                                      &error));

  /* Three attaches to the end: how long one takes here, and how long after
   * the case is opened (its write-ahead log appears: the text is extracted
   * by then). The longest of each, as the machine may be busy. */
  duration = writing = 1000;
  for (guint i = 0; i < 3; i++)
    {
      rd_test_copy_case (template_path, path);
      start = g_get_monotonic_time ();
      pid = spawn_attach (path, pdf_path);
      opened = wait_for_wal (path, pid) - start;
      g_assert_true (reap (pid, &killed));
      duration = MAX (duration, g_get_monotonic_time () - start);
      writing = MAX (writing, g_get_monotonic_time () - start - opened);
      check_case (path, TRUE, &figures);
    }
  g_assert_cmpuint (figures.complete, ==, 3);
  figures.complete = 0;
  g_test_message ("a %u-page attach takes up to %.2f s here, up to %.2f s of it after the case is opened",
                  N_PAGES, duration / 1e6, writing / 1e6);

  for (guint i = 0; figures.kills < n_kills && i < n_kills * 4; i++)
    {
      gboolean acknowledged;

      rd_test_copy_case (template_path, path);
      pid = spawn_attach (path, pdf_path);
      /* A third of the kills anywhere in the run; the others once the case
       * is open, while the record, its pages and their index are written. */
      if (i % 3 == 0)
        g_usleep ((gulong) g_test_rand_int_range (0, (gint32) duration));
      else
        {
          wait_for_wal (path, pid);
          g_usleep ((gulong) g_test_rand_int_range (0, (gint32) (writing * 3 / 2)));
        }
      kill (pid, SIGKILL);
      acknowledged = reap (pid, &killed);
      if (killed && wal_size (path) > (goffset) g_bytes_get_size (pdf) / 2)
        figures.while_writing++;
      if (killed)
        figures.kills++;
      else
        figures.finished++;
      check_case (path, acknowledged, &figures);
    }

  g_test_message ("%u kills (%u of them with the record's bytes already in the write-ahead log), %u runs"
                  " finished first; afterwards %u cases without the record, %u with it"
                  " complete, %u half states, %u acknowledged attaches lost, %u failed verify",
                  figures.kills, figures.while_writing, figures.finished, figures.absent, figures.complete,
                  figures.half, figures.lost, figures.failed_verify);
  g_assert_cmpuint (figures.kills, >=, n_kills);
  g_assert_cmpuint (figures.half, ==, 0);
  g_assert_cmpuint (figures.lost, ==, 0);
  g_assert_cmpuint (figures.failed_verify, ==, 0);
  rd_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tool_path = argc > 1 ? argv[1] : g_getenv ("REVIEWDESK_TOOL");
  if (tool_path == NULL)
    g_error ("usage: %s [TEST OPTIONS] REVIEWDESK-TOOL", argv[0]);

  g_test_add_func ("/attach-kill/random-kills", test_attach_kill);
  return g_test_run ();
}
