/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Full disks and I/O errors leave the case as it was acknowledged: every
 * kind of change, made through an SQLite VFS whose writes (or syncs) fail
 * from the 1st, 2nd, 3rd… call on until the change gets through. After each
 * failure the call said so, naming the case once and saying it is unchanged;
 * the case, reopened with the real VFS, verifies and holds exactly what it
 * held before (or, when the change was acknowledged, after). */
#include "config.h"

#include <string.h>

#include "rd-record-store.h"
#include "rd-test-async.h"
#include "rd-test-case.h"
#include "rd-test-fault-vfs.h"
#include "rd-test-identity.h"
#include "rd-test-pdf.h"

#define MAX_CALLS 2000

typedef gboolean (*ChangeFunc) (RdCaseFile *cf, const char *dir, GError **error);

typedef struct {
  guint faults;          /* runs in which at least one call failed */
  guint refused;         /* changes that reported the failure */
  guint half;            /* cases that failed verification or hold neither state: must stay 0 */
  guint lost;            /* acknowledged changes missing afterwards: must stay 0 */
  guint kept;            /* changes reported as failed yet present afterwards: must stay 0 */
} Figures;

/* ---- the changes ---------------------------------------------------------- */

static const char * const page_texts[] = { "Fault page one.", "Fault page two." };
static const gboolean page_layers[] = { TRUE, TRUE };

static gboolean
attach_record (RdCaseFile  *cf,
               const char  *dir,
               GError     **error)
{
  static const char pdf[] = "%PDF-1.4 a record attached while the disk fails";
  g_autoptr(GBytes) bytes = g_bytes_new_static (pdf, sizeof pdf - 1);

  return rd_case_file_attach_record (cf, bytes, "fault.pdf", 2, page_texts, page_layers, NULL, NULL, error) != 0;
}

/* Through the record store, which writes on a worker thread's connection. */
static gboolean
attach_with_store (RdCaseFile  *cf,
                   const char  *dir,
                   GError     **error)
{
  g_autofree char *pdf_path = g_build_filename (dir, "store.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf_path);
  g_autoptr(GAsyncResult) result = NULL;

  rd_record_attach_async (cf, file, NULL, G_MAXUINT64, NULL, rd_test_store_result, &result);
  return rd_record_attach_finish (rd_test_wait_result (&result), NULL, NULL, error) != 0;
}

static gboolean
set_score (RdCaseFile  *cf,
           const char  *dir,
           GError     **error)
{
  return rd_case_file_set_score (cf, "p", "c0", RD_SCORE_NOT_MET, "changed while the disk fails", error);
}

static gboolean
set_scores_in_batch (RdCaseFile  *cf,
                     const char  *dir,
                     GError     **error)
{
  if (!rd_case_file_begin_batch (cf, error))
    return FALSE;
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *criterion = g_strdup_printf ("batch-%u", i);

      if (!rd_case_file_set_score (cf, "p", criterion, RD_SCORE_MET, NULL, error))
        {
          rd_case_file_end_batch (cf, FALSE, NULL);
          return FALSE;
        }
    }
  return rd_case_file_end_batch (cf, TRUE, error);
}

static gboolean
pend (RdCaseFile  *cf,
      const char  *dir,
      GError     **error)
{
  return rd_case_file_record_decision (cf, RD_DECISION_PEND, NULL, FALSE, "Waiting for the trial notes.", error) != 0;
}

static gboolean
send_to_director (RdCaseFile  *cf,
                  const char  *dir,
                  GError     **error)
{
  return rd_case_file_record_decision (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "Criteria unclear.",
                                       error) != 0;
}

static gboolean
set_request (RdCaseFile  *cf,
             const char  *dir,
             GError     **error)
{
  g_autoptr(RdRequest) request = rd_case_file_get_request (cf, error);

  if (request == NULL)
    return FALSE;
  g_free (request->drug);
  request->drug = g_strdup ("ziconotide");
  return rd_case_file_set_request (cf, request, error);
}

static gboolean
add_evidence (RdCaseFile  *cf,
              const char  *dir,
              GError     **error)
{
  RdCaseEvidence evidence = {
    .record_id = 1, .page_number = 1, .x = 10, .y = 20, .width = 100, .height = 12,
    .quote = (char *) "Template page one.", .target_kind = RD_EVIDENCE_TARGET_CRITERION,
    .policy_id = (char *) "p", .target_id = (char *) "c0",
  };

  return rd_case_file_add_evidence (cf, &evidence, error) != 0;
}

static const struct {
  const char *name;
  ChangeFunc  change;
} changes[] = {
  { "attach a record", attach_record },
  { "attach a record through the record store", attach_with_store },
  { "set a score", set_score },
  { "set a batch of scores", set_scores_in_batch },
  { "pend", pend },
  { "send to a medical director", send_to_director },
  { "set the request", set_request },
  { "add evidence", add_evidence },
};

/* ---- the state of a case -------------------------------------------------- */

/* What a reviewer can see of everything the changes touch, and how many
 * audit entries the case holds. */
static char *
summarize (RdCaseFile *cf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = rd_case_file_list_audit (cf, &error);
  g_autoptr(GPtrArray) records = rd_case_file_list_records (cf, &error);
  g_autoptr(GPtrArray) scores = rd_case_file_list_scores (cf, "p", &error);
  g_autoptr(GPtrArray) decisions = rd_case_file_list_decisions (cf, &error);
  g_autoptr(GPtrArray) evidence = rd_case_file_list_evidence (cf, NULL, NULL, &error);
  g_autoptr(RdRequest) request = rd_case_file_get_request (cf, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (text, "%u audit entries; records", audit->len);
  for (guint i = 0; i < records->len; i++)
    {
      RdCaseRecord *r = g_ptr_array_index (records, i);
      g_string_append_printf (text, " %s (%u/%u pages)", r->file_name, r->n_pages_indexed, r->n_pages);
    }
  g_string_append (text, "; scores");
  for (guint i = 0; i < scores->len; i++)
    {
      RdCaseScore *s = g_ptr_array_index (scores, i);
      g_string_append_printf (text, " %s=%d", s->target_id, s->score);
    }
  g_string_append_printf (text, "; %u decisions, status %s; drug %s; %u evidence", decisions->len,
                          rd_case_status_to_string (rd_case_file_get_status (cf)),
                          request->drug ? request->drug : "-", evidence->len);
  return g_string_free (text, FALSE);
}

static RdCaseFile *
open_for_change (const char *path)
{
  g_autoptr(GError) error = NULL;
  RdCaseFile *cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);

  g_assert_no_error (error);
  g_assert_false (rd_case_file_is_read_only (cf));
  rd_test_sign_as (cf, "Fault Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  return cf;
}

/* The case with the real VFS: it must open for writing (which verifies it)
 * and verify; returns its summary, or NULL for a half state. */
static char *
reopen_and_summarize (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_autoptr(RdCaseVerifyResult) result = NULL;

  if (cf == NULL)
    {
      g_test_message ("the case does not open after the fault: %s", error->message);
      return NULL;
    }
  result = rd_case_file_verify (cf, &error);
  if (result == NULL || !rd_case_verify_result_ok (result))
    {
      g_test_message ("the case fails verification after the fault");
      return NULL;
    }
  return summarize (cf);
}

/* The refusal names the case once, says it is unchanged, and keeps SQLite's
 * words out of its first sentence. */
static void
check_message (const GError *error,
               const char   *path)
{
  g_autofree char *name = g_path_get_basename (path);
  const char *found = strstr (error->message, name);
  const char *end = strstr (error->message, ". ");
  g_autofree char *first = g_strndup (error->message, end ? (gsize) (end - error->message) : strlen (error->message));

  if (found == NULL || strstr (found + 1, name) != NULL || strstr (error->message, "unchanged") == NULL ||
      strstr (first, "SQLite") != NULL || strstr (first, "SQLITE") != NULL || strstr (first, "disk I/O") != NULL ||
      strstr (first, "database") != NULL)
    g_error ("the message does not say what failed on the case once, and that it is unchanged: %s",
             error->message);
}

/* ---- the test ------------------------------------------------------------- */

static void
make_template (const char *dir,
               const char *path)
{
  static const char pdf[] = "%PDF-1.4 the template's record";
  static const char * const texts[] = { "Template page one." };
  static const gboolean layers[] = { TRUE };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) store_pdf = rd_test_pdf_new_simple (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = g_build_filename (dir, "store.pdf", NULL);
  g_autoptr(RdCaseFile) cf = rd_test_case_new (path);

  g_assert_cmpint (rd_case_file_attach_record (cf, bytes, "template.pdf", 1, texts, layers, NULL, NULL, &error), ==, 1);
  g_assert_true (rd_case_file_set_score (cf, "p", "c0", RD_SCORE_MET, NULL, &error));
  g_assert_no_error (error);
  rd_case_file_close (cf);
  g_assert_true (g_file_set_contents (store_path, g_bytes_get_data (store_pdf, NULL),
                                      (gssize) g_bytes_get_size (store_pdf), &error));
}

/* One change with the @nth call of @fault failing; TRUE when the change got
 * through without any failure. */
static gboolean
run_with_fault (const char  *dir,
                const char  *template_path,
                const char  *path,
                ChangeFunc   change,
                RdTestFault  fault,
                guint        nth,
                const char  *before,
                const char  *after,
                Figures     *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autofree char *now = NULL;
  gboolean acknowledged, failed;

  rd_test_copy_case (template_path, path);
  rd_test_fault_vfs_install ();
  cf = open_for_change (path);
  rd_test_fault_vfs_arm (fault, nth);
  acknowledged = change (cf, dir, &error);
  /* The disk stays bad while the case is closed. */
  rd_case_file_close (cf);
  failed = rd_test_fault_vfs_n_failed () > 0;
  rd_test_fault_vfs_remove ();

  if (failed)
    figures->faults++;
  if (!acknowledged)
    {
      g_assert_nonnull (error);
      g_assert_true (failed);
      figures->refused++;
      check_message (error, path);
    }

  now = reopen_and_summarize (path);
  if (now == NULL || (g_strcmp0 (now, before) != 0 && g_strcmp0 (now, after) != 0))
    {
      figures->half++;
      g_test_message ("half state after %s from call %u: %s", rd_test_fault_name (fault), nth, now ? now : "-");
    }
  else if (acknowledged && g_strcmp0 (now, after) != 0)
    {
      figures->lost++;
      g_test_message ("acknowledged change lost after %s from call %u", rd_test_fault_name (fault), nth);
    }
  else if (!acknowledged && g_strcmp0 (now, before) != 0)
    {
      figures->kept++;
      g_test_message ("refused change kept after %s from call %u: %s", rd_test_fault_name (fault), nth,
                      error->message);
    }
  return acknowledged && !failed;
}

static void
test_faults (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *template_path = g_build_filename (dir, "template.rdcase", NULL);
  g_autofree char *path = g_build_filename (dir, "fault.rdcase", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  Figures figures = { 0 };

  make_template (dir, template_path);
  before = reopen_and_summarize (template_path);
  g_assert_nonnull (before);

  for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
    {
      g_autofree char *after = NULL;
      guint calls_needed[RD_TEST_N_FAULTS];

      /* The change made with a sound disk, for the state it leads to. */
      {
        g_autoptr(RdCaseFile) cf = NULL;
        g_autoptr(GError) error = NULL;

        rd_test_copy_case (template_path, path);
        cf = open_for_change (path);
        g_assert_true (changes[c].change (cf, dir, &error));
        g_assert_no_error (error);
        rd_case_file_close (cf);
        after = reopen_and_summarize (path);
        g_assert_nonnull (after);
        g_assert_cmpstr (after, !=, before);
      }

      for (RdTestFault fault = 0; fault < RD_TEST_N_FAULTS; fault++)
        {
          guint nth = 1;

          while (!run_with_fault (dir, template_path, path, changes[c].change, fault, nth, before, after, &figures))
            g_assert_cmpuint (++nth, <, MAX_CALLS);
          calls_needed[fault] = nth;
        }
      g_test_message ("%s: gets through from the %u. write, the %u. sync, the %u. write on a full disk",
                      changes[c].name, calls_needed[RD_TEST_FAULT_WRITE], calls_needed[RD_TEST_FAULT_FSYNC],
                      calls_needed[RD_TEST_FAULT_FULL]);
    }

  g_test_message ("%u faults (%u changes refused), %u half states, %u lost changes, %u refused changes kept; %.1f s",
                  figures.faults, figures.refused, figures.half, figures.lost, figures.kept,
                  g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (figures.faults, >, 0);
  g_assert_cmpuint (figures.half, ==, 0);
  g_assert_cmpuint (figures.lost, ==, 0);
  g_assert_cmpuint (figures.kept, ==, 0);
  rd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-faults/every-change", test_faults);
  return g_test_run ();
}
