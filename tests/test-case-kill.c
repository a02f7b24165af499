/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Never lose, never damage: a writer process killed with SIGKILL at random
 * moments, again and again, leaves a case that opens, verifies, and holds
 * every change the writer had acknowledged (reported through a pipe) before
 * it died. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rd-case-file.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"

#define ITERATIONS 60

static void
acknowledge (int    fd,
             gint64 i)
{
  if (write (fd, &i, sizeof i) != sizeof i)
    _exit (5);
}

/* A child's case, open for writing as a nurse, or the child exits. */
static RdCaseFile *
open_as_nurse (const char *path,
               const char *name)
{
  RdCaseFile *cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, NULL);

  if (cf == NULL || rd_case_file_is_read_only (cf))
    _exit (2);
  rd_test_sign_as (cf, name, "RN", RD_ROLE_NURSE_REVIEWER);
  return cf;
}

/* The writer: scores, and now and then a request change or a record with its
 * page text, each acknowledged once the call has returned. */
static void G_GNUC_NORETURN
writer (const char *path,
        gint64      first,
        int         ack_fd)
{
  g_autoptr(RdCaseFile) cf = open_as_nurse (path, "Kill Test");

  for (gint64 i = first;; i++)
    {
      g_autofree char *criterion = g_strdup_printf ("c%" G_GINT64_FORMAT, i);
      g_autofree char *note = g_strdup_printf ("note %" G_GINT64_FORMAT, i);

      if (!rd_case_file_set_score (cf, "p", criterion, i % 2 ? RD_SCORE_MET : RD_SCORE_NOT_MET, note, NULL))
        _exit (3);
      if (i % 7 == 0)
        {
          g_autoptr(RdRequest) request = rd_case_file_get_request (cf, NULL);
          g_free (request->drug);
          request->drug = g_strdup_printf ("drug-%" G_GINT64_FORMAT, i);
          if (!rd_case_file_set_request (cf, request, NULL))
            _exit (3);
        }
      if (i % 13 == 0)
        {
          g_autofree char *data = g_strdup_printf ("%%PDF-1.4 record %" G_GINT64_FORMAT, i);
          g_autoptr(GBytes) pdf = g_bytes_new (data, strlen (data));
          g_autofree char *name = g_strdup_printf ("r%" G_GINT64_FORMAT ".pdf", i);
          const char *texts[] = { name };
          const gboolean layers[] = { TRUE };
          /* The record and its text are one change. */
          if (rd_case_file_attach_record (cf, pdf, name, 1, texts, layers, NULL, NULL, NULL) == 0)
            _exit (3);
        }
      acknowledge (ack_fd, i);
    }
}

static gboolean
read_ack (int     fd,
          gint64 *value)
{
  gssize n;

  do
    n = read (fd, value, sizeof *value);
  while (n < 0 && errno == EINTR);
  if (n == 0)
    return FALSE;
  g_assert_cmpint (n, ==, sizeof *value);  /* a killed writer never leaves half a number */
  return TRUE;
}

static gint64
read_last_ack (int    fd,
               gint64 last)
{
  gint64 value;

  while (read_ack (fd, &value))
    last = value;
  return last;
}

static pid_t
spawn (void (*child) (const char *, gint64, int),
       const char *path,
       gint64      first,
       int        *ack_fd)
{
  int fds[2];
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      child (path, first, fds[1]);
      _exit (0);
    }
  close (fds[1]);
  *ack_fd = fds[0];
  return pid;
}

static void
kill_now (pid_t pid)
{
  int status;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* The writer must not have stopped on its own (an error, not the kill). */
  if (!WIFSIGNALED (status))
    g_error ("the writer exited with status %d before it was killed", WEXITSTATUS (status));
}

/* Kills the writer at a random moment: sometimes while it opens the case
 * (and recovers the log of the previous kill), usually after a random number
 * of acknowledged changes plus a random part of the time one change takes,
 * so the kill lands anywhere inside a transaction however fast the build. */
static gint64
kill_at_random_point_after (pid_t  pid,
                            int    ack_fd,
                            gint64 last_ack,
                            guint  max_acks,
                            gint32 max_start_us)
{
  guint wanted = g_test_rand_int_range (0, max_acks + 1);
  gint64 started = g_get_monotonic_time (), value;

  if (wanted == 0)
    g_usleep (g_test_rand_int_range (0, max_start_us));
  for (guint n = 0; n < wanted; n++)
    {
      if (!read_ack (ack_fd, &value))
        g_error ("the writer stopped before it was killed");
      last_ack = value;
      if (n == 0)
        started = g_get_monotonic_time ();
    }
  if (wanted > 1)
    g_usleep (g_test_rand_int_range (0, (g_get_monotonic_time () - started) / (wanted - 1) + 1));
  kill_now (pid);
  return read_last_ack (ack_fd, last_ack);
}

static gint64
kill_at_random_point (pid_t  pid,
                      int    ack_fd,
                      gint64 last_ack,
                      guint  max_acks)
{
  return kill_at_random_point_after (pid, ack_fd, last_ack, max_acks, 20000);
}

/* Checks that every acknowledged change is there. */
static void
check_case (const char *path,
            gint64      last_ack)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  gint64 last_drug = -1, drug = -1, n_records = 0;

  g_assert_no_error (error);
  g_assert_false (rd_case_file_is_read_only (cf));
  scores = rd_case_file_list_scores (cf, "p", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < scores->len; i++)
    {
      RdCaseScore *s = g_ptr_array_index (scores, i);
      gint64 index = g_ascii_strtoll (s->target_id + 1, NULL, 10);
      g_autofree char *note = g_strdup_printf ("note %" G_GINT64_FORMAT, index);

      g_assert_cmpint (s->score, ==, index % 2 ? RD_SCORE_MET : RD_SCORE_NOT_MET);
      g_assert_cmpstr (s->note, ==, note);
      g_hash_table_add (seen, s->target_id);
    }
  for (gint64 i = 0; i <= last_ack; i++)
    {
      g_autofree char *criterion = g_strdup_printf ("c%" G_GINT64_FORMAT, i);
      if (!g_hash_table_contains (seen, criterion))
        g_error ("acknowledged score %s is missing after the kill", criterion);
      if (i % 7 == 0)
        last_drug = i;
    }

  request = rd_case_file_get_request (cf, &error);
  if (request->drug != NULL)
    drug = g_ascii_strtoll (request->drug + 5, NULL, 10);
  g_assert_cmpint (drug, >=, last_drug);

  /* Every acknowledged record is there, and every record has its text (a
   * record and its text are one transaction). */
  records = rd_case_file_list_records (cf, &error);
  for (guint i = 0; i < records->len; i++)
    {
      RdCaseRecord *r = g_ptr_array_index (records, i);
      gint64 index = g_ascii_strtoll (r->file_name + 1, NULL, 10);

      g_assert_cmpuint (r->n_pages_indexed, ==, 1);
      if (index <= last_ack)
        n_records++;
    }
  g_assert_cmpint (n_records, ==, last_ack >= 0 ? last_ack / 13 + 1 : 0);

  result = rd_case_file_verify (cf, &error);
  g_assert_no_error (error);
  if (!rd_case_verify_result_ok (result))
    g_error ("verification failed after the kill: %s %s %s", result->integrity_problem ? result->integrity_problem : "",
             result->audit_problem ? result->audit_problem : "",
             result->records_problem ? result->records_problem : "");
}

static void
test_kill_writer (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "killed.rdcase", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  gint64 next = 0, last_ack = -1;
  guint n_killed_with_acks = 0;

  {
    g_autoptr(RdCaseFile) cf = rd_test_case_new (path);
  }

  for (guint iteration = 0; iteration < ITERATIONS; iteration++)
    {
      int ack_fd;
      pid_t pid = spawn (writer, path, next, &ack_fd);
      gint64 ack = kill_at_random_point (pid, ack_fd, last_ack, 11);

      close (ack_fd);
      if (ack > last_ack)
        n_killed_with_acks++;
      last_ack = ack;
      check_case (path, last_ack);
      /* The next writer repeats what was not acknowledged. */
      next = last_ack + 1;
    }
  g_test_message ("%u kills, %u of them after acknowledged changes; %" G_GINT64_FORMAT
                  " changes acknowledged in all; %.1f s", ITERATIONS, n_killed_with_acks, last_ack + 1,
                  g_timer_elapsed (timer, NULL));
  /* The kills landed while the writer was writing, not only before it began. */
  g_assert_cmpuint (n_killed_with_acks, >, ITERATIONS / 2);
  rd_test_remove_dir (dir);
}

/* A creator killed at random never leaves a half-made case under a case's name. */
static void G_GNUC_NORETURN
creator (const char *dir,
         gint64      first,
         int         ack_fd)
{
  for (gint64 i = first;; i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%" G_GINT64_FORMAT ".rdcase", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(RdCaseFile) cf = rd_case_file_create (path, NULL, NULL);

      if (cf == NULL)
        _exit (3);
      acknowledge (ack_fd, i);
    }
}

static void
test_kill_creator (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  gint64 next = 0;

  for (guint iteration = 0; iteration < ITERATIONS / 3; iteration++)
    {
      int ack_fd;
      pid_t pid = spawn (creator, dir, next, &ack_fd);
      gint64 ack = kill_at_random_point (pid, ack_fd, next - 1, 3);

      close (ack_fd);
      /* Every case that exists opens, acknowledged or not. */
      for (gint64 i = next; i <= ack + 1; i++)
        {
          g_autofree char *name = g_strdup_printf ("new-%" G_GINT64_FORMAT ".rdcase", i);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(RdCaseFile) cf = NULL;

          if (i > ack && !g_file_test (path, G_FILE_TEST_EXISTS))
            continue;
          cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
          g_assert_no_error (error);
        }
      next = ack + 2;
    }
  rd_test_remove_dir (dir);
}

/* ---- a nurse's decisions ---------------------------------------------------- */

/* The decider's changes, in order: three pends, then the case sent to a
 * medical director, after which a nurse decides nothing more: the decider
 * waits to be killed. */
#define N_DECISIONS 4

static RdDecisionKind
decision_kind (gint64 i)
{
  return i == N_DECISIONS - 1 ? RD_DECISION_SEND_TO_DIRECTOR : RD_DECISION_PEND;
}

static void G_GNUC_NORETURN
decider (const char *path,
         gint64      first,
         int         ack_fd)
{
  g_autoptr(RdCaseFile) cf = open_as_nurse (path, "Kill Nurse");

  for (gint64 i = first; i < N_DECISIONS; i++)
    {
      g_autofree char *text = g_strdup_printf ("decision %" G_GINT64_FORMAT, i);

      if (rd_case_file_record_decision (cf, decision_kind (i), NULL, FALSE, text, NULL) == 0)
        _exit (3);
      acknowledge (ack_fd, i);
    }
  for (;;)
    pause ();
}

typedef struct {
  guint kills;
  guint during[N_DECISIONS + 1];  /* kills by the decision under way, or none (all were acknowledged) */
  guint half;                     /* must stay 0 */
  guint lost;                     /* must stay 0 */
} DecisionFigures;

static guint
count_audit (GPtrArray  *audit,
             const char *action)
{
  guint n = 0;

  for (guint i = 0; i < audit->len; i++)
    n += g_strcmp0 (((RdAuditEntry *) g_ptr_array_index (audit, i))->action, action) == 0;
  return n;
}

/* Decisions 0 … last_ack are there, the one under way may be; each has its
 * audit entry and the status it set. */
static void
check_decisions (const char      *path,
                 gint64           last_ack,
                 DecisionFigures *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  guint acknowledged = (guint) MIN (last_ack + 1, N_DECISIONS);
  RdCaseStatus expected = RD_CASE_STATUS_IN_REVIEW;
  gboolean whole = TRUE;

  if (cf == NULL)
    {
      g_test_message ("half state: the case does not open for writing: %s", error->message);
      figures->half++;
      return;
    }
  result = rd_case_file_verify (cf, &error);
  g_assert_no_error (error);
  decisions = rd_case_file_list_decisions (cf, &error);
  audit = rd_case_file_list_audit (cf, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < decisions->len; i++)
    {
      RdCaseDecision *d = g_ptr_array_index (decisions, i);
      g_autofree char *text = g_strdup_printf ("decision %u", i);

      whole &= d->kind == decision_kind (i) && g_strcmp0 (d->rationale, text) == 0;
      expected = decision_kind (i) == RD_DECISION_PEND ? RD_CASE_STATUS_PENDED
                                                       : RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR;
    }
  whole &= rd_case_verify_result_ok (result) && rd_case_file_get_status (cf) == expected &&
           count_audit (audit, "decision") == decisions->len && decisions->len <= N_DECISIONS &&
           decisions->len <= acknowledged + 1;
  if (!whole)
    {
      g_test_message ("half state: %u decisions, %u audited, status %s", decisions->len,
                      count_audit (audit, "decision"), rd_case_status_to_string (rd_case_file_get_status (cf)));
      figures->half++;
    }
  if (decisions->len < acknowledged)
    {
      g_test_message ("%u acknowledged decisions, %u in the case", acknowledged, decisions->len);
      figures->lost++;
    }
}

/* In the slow suite (-m slow): a nurse recording decisions, killed at random
 * moments, each time on a fresh copy of an undecided case. */
static void
test_kill_decider (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *template_path = g_build_filename (dir, "template.rdcase", NULL);
  g_autofree char *path = g_build_filename (dir, "decided.rdcase", NULL);
  const char *kills_env = g_getenv ("RD_DECISION_KILLS");
  guint n_kills = kills_env != NULL ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : 60;
  g_autoptr(GTimer) timer = g_timer_new ();
  DecisionFigures figures = { 0 };

  gint64 first_decision = 1;

  {
    g_autoptr(RdCaseFile) cf = rd_test_case_new (template_path);
  }
  for (guint iteration = 0; iteration <= n_kills; iteration++)
    {
      int ack_fd;
      pid_t pid;
      gint64 ack, started;

      rd_test_copy_case (template_path, path);
      started = g_get_monotonic_time ();
      pid = spawn (decider, path, 0, &ack_fd);
      /* First, how long the decider takes to open the case and pend once,
       * so that kills land there too. */
      if (iteration == 0)
        {
          g_assert_true (read_ack (ack_fd, &ack));
          first_decision = MAX (g_get_monotonic_time () - started, 1);
          kill_now (pid);
          close (ack_fd);
          continue;
        }
      ack = kill_at_random_point_after (pid, ack_fd, -1, N_DECISIONS - 1, (gint32) first_decision);
      close (ack_fd);
      figures.kills++;
      figures.during[MIN (ack + 1, N_DECISIONS)]++;
      check_decisions (path, ack, &figures);
    }
  g_test_message ("%u kills of a nurse's decisions: %u during or before the first pend, %u the second, %u the"
                  " third, %u sending to a medical director, %u after all were acknowledged; %u half states, %u lost changes; %.1f s",
                  figures.kills, figures.during[0], figures.during[1], figures.during[2], figures.during[3],
                  figures.during[4], figures.half, figures.lost, g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (figures.half, ==, 0);
  g_assert_cmpuint (figures.lost, ==, 0);
  rd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-kill/writer", test_kill_writer);
  g_test_add_func ("/case-kill/creator", test_kill_creator);
  /* Part of the kill suite: meson test --suite slow. */
  if (g_test_slow ())
    g_test_add_func ("/case-kill/decisions", test_kill_decider);
  return g_test_run ();
}
