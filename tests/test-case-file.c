/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "rd-case-file.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"
#include "rd-test-pdf.h"

static RdRequest *
full_request (void)
{
  RdRequest *request = rd_request_new ();
  const char *cpt[] = { "62362", "62350", NULL };
  const char *hcpcs[] = { "J0475", NULL };
  const char *pcs[] = { "0JH60VZ", NULL };
  const char *dx[] = { "G80.1", "G35", NULL };

  request->member_name = g_strdup ("Synthetic Member Ñandú");
  request->member_id = g_strdup ("SYN000001");
  request->member_birth_date = g_strdup ("1980-02-29");
  request->provider_name = g_strdup ("Synthetic Neurology Group");
  request->provider_npi = g_strdup ("1234567893");
  request->cpt_codes = g_strdupv ((char **) cpt);
  request->hcpcs_codes = g_strdupv ((char **) hcpcs);
  request->icd10_pcs_codes = g_strdupv ((char **) pcs);
  request->icd10_cm_codes = g_strdupv ((char **) dx);
  request->drug = g_strdup ("baclofen");
  request->route = g_strdup ("intrathecal");
  request->device = g_strdup ("Synthetic Pump Co. SP-40");
  request->type = RD_REQUEST_TYPE_REPLACEMENT;
  request->urgency = RD_URGENCY_EXPEDITED;
  request->received = g_date_time_new_utc (2026, 11, 2, 9, 30, 15.25);
  return request;
}

static void
assert_strv_equal (char **a,
                   char **b)
{
  g_assert_cmpuint (a ? g_strv_length (a) : 0, ==, b ? g_strv_length (b) : 0);
  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
test_create (RdTestCaseFixture *fixture,
             gconstpointer      data)
{
  g_autoptr(RdCaseFile) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *before = NULL;

  fixture->case_file = rd_case_file_create (fixture->path, "RD-TEST-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_case_file_get_case_id (fixture->case_file), ==, "RD-TEST-1");
  g_assert_false (rd_case_file_is_read_only (fixture->case_file));
  g_assert_null (rd_case_file_get_read_only_reason (fixture->case_file));
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_IN_REVIEW);
  g_assert_cmpuint (rd_case_file_get_format_version (fixture->case_file), ==, RD_CASE_FILE_VERSION);
  created = rd_case_file_get_created (fixture->case_file);
  g_assert_nonnull (created);

  /* Nothing but the case (and its live log) is left in the directory. */
  rd_test_assert_owner_only (fixture->dir);
  rd_case_file_close (fixture->case_file);

  before = rd_test_file_digest (fixture->path);
  again = rd_case_file_create (fixture->path, NULL, &error);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_EXISTS);
  g_assert_null (again);
  {
    g_autofree char *after = rd_test_file_digest (fixture->path);
    g_assert_cmpstr (after, ==, before);
  }
}

static gpointer
list_last_in_thread (gpointer case_file)
{
  g_autoptr(GPtrArray) all = rd_case_file_list_audit (case_file, NULL);

  return rd_case_file_list_audit_after (case_file, all->len - 1, NULL);
}

static void
test_request_round_trip (RdTestCaseFixture *fixture,
                         gconstpointer      data)
{
  g_autoptr(RdRequest) request = full_request ();
  g_autoptr(RdRequest) empty = NULL;
  g_autoptr(RdRequest) back = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  empty = rd_case_file_get_request (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_null (empty->member_name);
  g_assert_nonnull (empty->cpt_codes);
  g_assert_null (empty->cpt_codes[0]);

  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->case_file);

  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  rd_test_sign_as (fixture->case_file, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  back = rd_case_file_get_request (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->member_name, ==, request->member_name);
  g_assert_cmpstr (back->member_id, ==, request->member_id);
  g_assert_cmpstr (back->member_birth_date, ==, request->member_birth_date);
  g_assert_cmpstr (back->provider_name, ==, request->provider_name);
  g_assert_cmpstr (back->provider_npi, ==, request->provider_npi);
  assert_strv_equal (back->cpt_codes, request->cpt_codes);
  assert_strv_equal (back->hcpcs_codes, request->hcpcs_codes);
  assert_strv_equal (back->icd10_pcs_codes, request->icd10_pcs_codes);
  assert_strv_equal (back->icd10_cm_codes, request->icd10_cm_codes);
  g_assert_cmpstr (back->drug, ==, request->drug);
  g_assert_cmpstr (back->route, ==, request->route);
  g_assert_cmpstr (back->device, ==, request->device);
  g_assert_cmpint (back->type, ==, request->type);
  g_assert_cmpint (back->urgency, ==, request->urgency);
  g_assert_true (g_date_time_equal (back->received, request->received));

  /* One audit entry per field; storing the same request again adds none. */
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  g_assert_no_error (error);
  n_before = audit->len;
  g_assert_cmpuint (n_before, ==, 1 + 15);
  g_assert_true (rd_case_file_set_request (fixture->case_file, back, &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  g_assert_cmpuint (audit->len, ==, n_before);

  g_free (back->drug);
  back->drug = g_strdup ("morph\xffine");
  g_assert_false (rd_case_file_set_request (fixture->case_file, back, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (back->drug);
  back->drug = g_strdup ("morphine");
  g_assert_true (rd_case_file_set_request (fixture->case_file, back, &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  g_assert_cmpuint (audit->len, ==, n_before + 1);
  {
    RdAuditEntry *last = g_ptr_array_index (audit, audit->len - 1);
    g_assert_cmpstr (last->action, ==, "request");
    g_assert_cmpstr (last->target, ==, "request/drug");
    g_assert_cmpstr (last->old_value, ==, "baclofen");
    g_assert_cmpstr (last->new_value, ==, "morphine");
    g_assert_cmpstr (last->who, ==, "Test Nurse");
    g_assert_cmpstr (last->role, ==, "nurse-reviewer");
  }

  /* A view that has the log up to the last entry but one reads only the
   * last, also from a worker (the audit page does). */
  {
    GThread *worker = g_thread_new ("audit-after", list_last_in_thread, fixture->case_file);
    g_autoptr(GPtrArray) after = g_thread_join (worker);

    g_assert_nonnull (after);
    g_assert_cmpuint (after->len, ==, 1);
    g_assert_cmpint (((RdAuditEntry *) after->pdata[0])->seq, ==, audit->len);
    g_assert_cmpstr (((RdAuditEntry *) after->pdata[0])->new_value, ==, "morphine");
  }
}

static void
count_changed (RdCaseFile *cf,
               const char *what,
               gpointer    data)
{
  GPtrArray *seen = data;
  g_ptr_array_add (seen, g_strdup (what));
}

static void
test_scores (RdTestCaseFixture *fixture,
             gconstpointer      data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(RdCaseScore) score = NULL;
  g_autoptr(GError) error = NULL;
  guint n_audit;

  g_signal_connect (fixture->case_file, "changed", G_CALLBACK (count_changed), seen);

  score = rd_case_file_get_score (fixture->case_file, "bsc-7.01.41", "c1", &error);
  g_assert_no_error (error);
  g_assert_null (score);

  g_assert_true (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c1", RD_SCORE_MET, "Neurology note p. 2",
                                         &error));
  g_assert_true (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c2", RD_SCORE_NOT_DOCUMENTED, NULL,
                                         &error));
  g_assert_true (rd_case_file_set_score (fixture->case_file, "anthem-cg-surg-79", "c1", RD_SCORE_NOT_MET, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "score");

  /* NULL keeps the note, "" removes it. */
  g_assert_true (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c1", RD_SCORE_NOT_MET, NULL, &error));
  score = rd_case_file_get_score (fixture->case_file, "bsc-7.01.41", "c1", &error);
  g_assert_cmpint (score->score, ==, RD_SCORE_NOT_MET);
  g_assert_cmpstr (score->note, ==, "Neurology note p. 2");
  g_assert_cmpstr (score->reviewer, ==, "Test Nurse");
  g_assert_nonnull (score->time);
  g_clear_pointer (&score, rd_case_score_free);
  g_assert_true (rd_case_file_set_score_note (fixture->case_file, "bsc-7.01.41", "c1", "", &error));
  score = rd_case_file_get_score (fixture->case_file, "bsc-7.01.41", "c1", &error);
  g_assert_null (score->note);
  g_assert_cmpint (score->score, ==, RD_SCORE_NOT_MET);

  audit = rd_case_file_list_audit (fixture->case_file, &error);
  n_audit = audit->len;
  g_assert_true (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c1", RD_SCORE_NOT_MET, NULL, &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  g_assert_cmpuint (audit->len, ==, n_audit);

  g_clear_object (&fixture->case_file);
  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scores = rd_case_file_list_scores (fixture->case_file, "bsc-7.01.41", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, 2);
  g_clear_pointer (&scores, g_ptr_array_unref);
  scores = rd_case_file_list_scores (fixture->case_file, NULL, &error);
  g_assert_cmpuint (scores->len, ==, 3);
  g_assert_cmpstr (((RdCaseScore *) g_ptr_array_index (scores, 0))->policy_id, ==, "anthem-cg-surg-79");

  g_assert_false (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c1", RD_SCORE_MET, NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_READ_ONLY);
}

static void
test_measurements (RdTestCaseFixture *fixture,
                   gconstpointer      data)
{
  g_autoptr(RdMeasurement) m = rd_measurement_new ();
  g_autoptr(GHashTable) measurements = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  RdAuditEntry *last;
  RdMeasurement *stored;
  guint n_audit;

  m->has_before_after = TRUE;
  m->before = 8;
  m->after = 3;
  g_assert_true (rd_case_file_set_measurement (fixture->case_file, "bsc-7.01.41", "pain-successful-trial", m,
                                               &error));
  g_assert_no_error (error);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "measurement");
  g_assert_cmpstr (last->target, ==, "bsc-7.01.41/pain-successful-trial");
  g_assert_null (last->old_value);
  g_assert_cmpstr (last->new_value, ==, "before 8, after 3");
  n_audit = audit->len;

  /* The same again writes nothing; a change is one entry with old and new. */
  g_assert_true (rd_case_file_set_measurement (fixture->case_file, "bsc-7.01.41", "pain-successful-trial", m,
                                               &error));
  g_clear_pointer (&m, rd_measurement_free);
  m = rd_measurement_new ();
  m->from_date = g_strdup ("2025-03-01");
  m->to_date = g_strdup ("2026-01-15");
  g_assert_true (rd_case_file_set_measurement (fixture->case_file, "bsc-7.01.41", "spas-tbi-wait", m, &error));
  g_clear_pointer (&m, rd_measurement_free);
  m = rd_measurement_new ();
  m->has_value = TRUE;
  m->value = 12.5;
  g_assert_true (rd_case_file_set_measurement (fixture->case_file, "bsc-7.01.41", "pain-successful-trial", m,
                                               &error));
  g_assert_no_error (error);
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  g_assert_cmpuint (audit->len, ==, n_audit + 2);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->old_value, ==, "before 8, after 3");
  g_assert_cmpstr (last->new_value, ==, "value 12.5");

  measurements = rd_case_file_get_measurements (fixture->case_file, "bsc-7.01.41");
  g_assert_cmpuint (g_hash_table_size (measurements), ==, 2);
  stored = g_hash_table_lookup (measurements, "spas-tbi-wait");
  g_assert_false (stored->has_value);
  g_assert_false (stored->has_before_after);
  g_assert_cmpstr (stored->from_date, ==, "2025-03-01");
  g_assert_cmpstr (stored->to_date, ==, "2026-01-15");
  stored = g_hash_table_lookup (measurements, "pain-successful-trial");
  g_assert_true (stored->has_value);
  g_assert_cmpfloat (stored->value, ==, 12.5);
  g_assert_false (stored->has_before_after);
  g_clear_pointer (&measurements, g_hash_table_unref);

  /* NULL removes it; an empty measurement is refused. */
  g_assert_true (rd_case_file_set_measurement (fixture->case_file, "bsc-7.01.41", "spas-tbi-wait", NULL, &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->old_value, ==, "from 2025-03-01 to 2026-01-15");
  g_assert_null (last->new_value);
  g_clear_pointer (&m, rd_measurement_free);
  m = rd_measurement_new ();
  g_assert_false (rd_case_file_set_measurement (fixture->case_file, "bsc-7.01.41", "x", m, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID);
  measurements = rd_case_file_get_measurements (fixture->case_file, "bsc-7.01.41");
  g_assert_cmpuint (g_hash_table_size (measurements), ==, 1);
  g_clear_pointer (&measurements, g_hash_table_unref);
  measurements = rd_case_file_get_measurements (fixture->case_file, "anthem-cg-surg-79");
  g_assert_cmpuint (g_hash_table_size (measurements), ==, 0);
}

static void
test_no_actor (RdTestCaseFixture *fixture,
               gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  fixture->case_file = rd_case_file_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rd_case_file_set_score (fixture->case_file, "p", "c", RD_SCORE_MET, NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NO_ACTOR);
}

static void
test_review_round_trip (RdTestCaseFixture *fixture,
                        gconstpointer      data)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) conditions = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(RdCaseScore) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *indications[] = { "spasticity", "malignant-pain", NULL };
  RdCaseReview *review;
  RdCaseDocItem *item;

  g_assert_false (rd_case_file_set_indications (fixture->case_file, "bsc-7.01.41", indications, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rd_case_file_add_review (fixture->case_file, "bsc-7.01.41", "aa11", &error));
  g_assert_true (rd_case_file_add_review (fixture->case_file, "anthem-cg-surg-79", "bb22", &error));
  g_assert_true (rd_case_file_add_review (fixture->case_file, "bsc-7.01.41", "cc33", &error));  /* re-pinned */
  g_assert_true (rd_case_file_set_indications (fixture->case_file, "bsc-7.01.41", indications, &error));
  g_assert_true (rd_case_file_set_condition (fixture->case_file, "bsc-7.01.41", "tbi", RD_SCORE_NOT_MET,
                                             "No TBI history", &error));
  g_assert_true (rd_case_file_set_documentation (fixture->case_file, "bsc-7.01.41", "trial-report",
                                                 RD_DOC_STATUS_PRESENT,
                                                 "Neurology note, page 3", &error));
  g_assert_true (rd_case_file_set_documentation (fixture->case_file, "bsc-7.01.41", "psych-eval",
                                                 RD_DOC_STATUS_MISSING, NULL,
                                                 &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->case_file);

  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  reviews = rd_case_file_list_reviews (fixture->case_file, &error);
  g_assert_cmpuint (reviews->len, ==, 2);
  review = g_ptr_array_index (reviews, 1);
  g_assert_cmpstr (review->policy_id, ==, "bsc-7.01.41");
  g_assert_cmpstr (review->content_hash, ==, "cc33");
  g_assert_cmpuint (g_strv_length (review->indications), ==, 2);
  g_assert_cmpstr (review->indications[0], ==, "malignant-pain");
  g_assert_cmpstr (review->added_by, ==, "Test Nurse");
  g_assert_cmpuint (g_strv_length (((RdCaseReview *) g_ptr_array_index (reviews, 0))->indications), ==, 0);

  answer = rd_case_file_get_condition (fixture->case_file, "bsc-7.01.41", "tbi", &error);
  g_assert_cmpint (answer->score, ==, RD_SCORE_NOT_MET);
  g_assert_cmpstr (answer->note, ==, "No TBI history");
  conditions = rd_case_file_list_conditions (fixture->case_file, NULL, &error);
  g_assert_cmpuint (conditions->len, ==, 1);

  docs = rd_case_file_list_documentation (fixture->case_file, "bsc-7.01.41", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  item = g_ptr_array_index (docs, 1);
  g_assert_cmpstr (item->item_id, ==, "trial-report");
  g_assert_cmpint (item->status, ==, RD_DOC_STATUS_PRESENT);
  g_assert_cmpstr (item->where_found, ==, "Neurology note, page 3");
  item = g_ptr_array_index (docs, 0);
  g_assert_cmpint (item->status, ==, RD_DOC_STATUS_MISSING);
  g_assert_null (item->where_found);
}

typedef struct {
  RdCaseFile *cf;
  gint64      record_id;
  gboolean    ok;
  char       *message;
} IndexJob;

static void
index_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  IndexJob *job = data;
  g_autoptr(GError) error = NULL;
  const char *texts[] = { "Progress note one", "Screening baclofen trial \x02 of 50 mcg", "" };
  const gboolean layers[] = { TRUE, TRUE, FALSE };

  job->ok = rd_case_file_set_page_texts (job->cf, job->record_id, 3, texts, layers, &error);
  if (error != NULL)
    job->message = g_strdup (error->message);
  g_task_return_boolean (task, TRUE);
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  IndexJob *job = data;
  GError *error = NULL;
  GBytes *bytes = rd_case_file_read_record (job->cf, job->record_id, cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
on_changed_seen (RdCaseFile *cf,
                 const char *what,
                 gpointer    data)
{
  if (g_str_equal (what, "page-text"))
    *(gboolean *) data = TRUE;
}

static void
test_records (RdTestCaseFixture *fixture,
              gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (3);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(RdCaseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  IndexJob job = { fixture->case_file, 0, FALSE, NULL };
  gboolean already = TRUE, layer = TRUE, seen = FALSE;
  gint64 id, again;

  id = rd_case_file_add_record (fixture->case_file, pdf, "/somewhere/progress-notes.pdf", 3, NULL, &already, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (already);
  again = rd_case_file_add_record (fixture->case_file, pdf, "copy.pdf", 3, "Someone Else", &already, &error);
  g_assert_cmpint (again, ==, id);
  g_assert_true (already);

  /* Page text comes from a worker thread while this thread keeps scoring. */
  g_signal_connect (fixture->case_file, "changed", G_CALLBACK (on_changed_seen), &seen);
  job.record_id = id;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, &job, NULL);
  g_task_run_in_thread (task, index_in_thread);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *criterion = g_strdup_printf ("c%u", i);
      g_assert_true (rd_case_file_set_score (fixture->case_file, "p", criterion, RD_SCORE_MET, NULL, &error));
      g_assert_no_error (error);
    }
  while (!g_task_get_completed (task) || !seen)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (job.message, ==, NULL);
  g_assert_true (job.ok);

  /* A worker reads the bytes back through its own connection. */
  {
    g_autoptr(GTask) reader = g_task_new (NULL, NULL, NULL, NULL);
    g_autoptr(GBytes) read_back = NULL;

    g_task_set_task_data (reader, &job, NULL);
    g_task_run_in_thread_sync (reader, read_in_thread);
    read_back = g_task_propagate_pointer (reader, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (read_back, pdf));
  }

  text = rd_case_file_get_page_text (fixture->case_file, id, 2, &layer, &error);
  g_assert_cmpstr (text, ==, "Screening baclofen trial  of 50 mcg");  /* the marker is stripped */
  g_assert_true (layer);
  g_clear_pointer (&text, g_free);
  text = rd_case_file_get_page_text (fixture->case_file, id, 3, &layer, &error);
  g_assert_cmpstr (text, ==, "");
  g_assert_false (layer);

  hits = rd_case_file_search (fixture->case_file, "Baclofen tri", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  {
    RdCaseSearchHit *hit = g_ptr_array_index (hits, 0);
    g_assert_cmpint (hit->record_id, ==, id);
    g_assert_cmpuint (hit->page_number, ==, 2);
    g_assert_nonnull (strstr (hit->snippet, RD_CASE_MATCH_START "baclofen" RD_CASE_MATCH_END));
    g_assert_nonnull (strstr (hit->snippet, RD_CASE_MATCH_START "trial" RD_CASE_MATCH_END));
  }
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = rd_case_file_search (fixture->case_file, "\"unbalanced AND (", 10, &error);  /* typed text is never syntax */
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_object (&fixture->case_file);

  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  records = rd_case_file_list_records (fixture->case_file, &error);
  g_assert_cmpuint (records->len, ==, 1);
  record = rd_case_file_get_record (fixture->case_file, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->file_name, ==, "progress-notes.pdf");
  g_assert_cmpuint (record->n_pages, ==, 3);
  g_assert_cmpuint (record->n_pages_indexed, ==, 3);
  g_assert_cmpint (record->size, ==, g_bytes_get_size (pdf));
  g_assert_cmpstr (record->added_by, ==, "Test Nurse");
  {
    g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
    g_assert_cmpstr (record->sha256, ==, sha);
  }
  back = rd_case_file_read_record (fixture->case_file, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, pdf));
  g_assert_null (rd_case_file_get_record (fixture->case_file, id + 1, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND);
  g_free (job.message);
}

static void
test_evidence (RdTestCaseFixture *fixture,
               gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (2);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  RdCaseEvidence evidence = {
    .page_number = 2, .x = 72, .y = 100.5, .width = 300, .height = 14.25,
    .quote = (char *) "Oral baclofen failed", .target_kind = RD_EVIDENCE_TARGET_CRITERION,
    .policy_id = (char *) "bsc-7.01.41", .target_id = (char *) "c-oral-failed",
  };
  RdCaseEvidence *e;
  gint64 first, second;

  evidence.record_id = rd_case_file_add_record (fixture->case_file, pdf, "notes.pdf", 2, NULL, NULL, &error);
  first = rd_case_file_add_evidence (fixture->case_file, &evidence, &error);
  g_assert_no_error (error);
  evidence.target_kind = RD_EVIDENCE_TARGET_DOCUMENTATION;
  evidence.target_id = (char *) "trial-report";
  evidence.page_number = 1;
  second = rd_case_file_add_evidence (fixture->case_file, &evidence, &error);
  g_assert_cmpint (second, >, first);

  evidence.page_number = 3;
  g_assert_cmpint (rd_case_file_add_evidence (fixture->case_file, &evidence, &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = rd_case_file_list_evidence (fixture->case_file, "bsc-7.01.41", "c-oral-failed", &error);
  g_assert_cmpuint (list->len, ==, 1);
  e = g_ptr_array_index (list, 0);
  g_assert_cmpint (e->id, ==, first);
  g_assert_cmpuint (e->page_number, ==, 2);
  g_assert_cmpfloat (e->y, ==, 100.5);
  g_assert_cmpfloat (e->height, ==, 14.25);
  g_assert_cmpstr (e->quote, ==, "Oral baclofen failed");
  g_assert_cmpint (e->target_kind, ==, RD_EVIDENCE_TARGET_CRITERION);
  g_assert_cmpstr (e->who, ==, "Test Nurse");
  g_assert_nonnull (e->time);

  g_assert_true (rd_case_file_remove_evidence (fixture->case_file, first, &error));
  g_assert_false (rd_case_file_remove_evidence (fixture->case_file, first, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = rd_case_file_list_evidence (fixture->case_file, NULL, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((RdCaseEvidence *) g_ptr_array_index (list, 0))->target_kind, ==,
                   RD_EVIDENCE_TARGET_DOCUMENTATION);

  /* The audit log keeps the removed passage. */
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  {
    RdAuditEntry *last = g_ptr_array_index (audit, audit->len - 1);
    g_assert_cmpstr (last->action, ==, "evidence-remove");
    g_assert_nonnull (strstr (last->old_value, "Oral baclofen failed"));
  }
}

/* Tries a decision that the case must refuse with @code. */
static void
assert_decision_refused (RdCaseFile      *cf,
                         RdDecisionKind   kind,
                         const char      *outcome_id,
                         gboolean         adverse,
                         const char      *rationale,
                         RdCaseFileError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rd_case_file_record_decision (cf, kind, outcome_id, adverse, rationale, &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, (int) code);
}

static void
act_as_director (RdCaseFile *cf)
{
  rd_test_sign_as (cf, "Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
}

static void
test_nurse_approves_only_met (RdTestCaseFixture *fixture,
                              gconstpointer      data)
{
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) recommendations = NULL;
  g_autoptr(GError) error = NULL;
  RdCaseDecision *d;

  assert_decision_refused (fixture->case_file, RD_DECISION_APPROVE, "medically-necessary", FALSE, NULL,
                           RD_CASE_FILE_ERROR_NOT_PERMITTED);
  rd_test_case_recommend (fixture->case_file, FALSE);
  assert_decision_refused (fixture->case_file, RD_DECISION_APPROVE, "medically-necessary", FALSE, NULL,
                           RD_CASE_FILE_ERROR_NOT_PERMITTED);

  rd_test_case_recommend (fixture->case_file, TRUE);
  rd_test_case_decide (fixture->case_file, RD_DECISION_APPROVE, "medically-necessary", FALSE, "All criteria met");
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_DECIDED);

  recommendations = rd_case_file_list_recommendations (fixture->case_file, &error);
  g_assert_cmpuint (recommendations->len, ==, 1);
  g_assert_true (((RdCaseRecommendation *) g_ptr_array_index (recommendations, 0))->criteria_met);
  decisions = rd_case_file_list_decisions (fixture->case_file, &error);
  g_assert_cmpuint (decisions->len, ==, 1);
  d = g_ptr_array_index (decisions, 0);
  g_assert_cmpint (d->kind, ==, RD_DECISION_APPROVE);
  g_assert_cmpstr (d->who, ==, "Test Nurse");
  g_assert_cmpstr (d->credentials, ==, "RN");
  g_assert_cmpint (d->role, ==, RD_ROLE_NURSE_REVIEWER);
  g_assert_cmpstr (d->rationale, ==, "All criteria met");

  /* A nurse cannot seal, even her own approval. */
  g_assert_false (rd_case_file_seal (fixture->case_file, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
}

static void
test_nurse_cannot_deny (RdTestCaseFixture *fixture,
                        gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  rd_test_case_recommend (fixture->case_file, FALSE);
  assert_decision_refused (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary", TRUE, NULL,
                           RD_CASE_FILE_ERROR_NOT_PERMITTED);
  assert_decision_refused (fixture->case_file, RD_DECISION_FINAL, "medically-necessary", FALSE, NULL,
                           RD_CASE_FILE_ERROR_NOT_PERMITTED);
  rd_case_file_set_actor (fixture->case_file, "Test Trainer", NULL, RD_ROLE_TRAINER);
  assert_decision_refused (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary", TRUE, NULL,
                           RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_IN_REVIEW);

  /* Nor by writing the file behind the core's back. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO decision (kind, outcome_id, adverse, who, role, decided_at)"
                                     " VALUES ('final', 'not-medically-necessary', 1, 'X', 'nurse-reviewer', 'now')",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "medical director"));
  sqlite3_free (message);
  sqlite3_close (db);

  rd_test_sign_as (fixture->case_file, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_test_case_decide (fixture->case_file, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "Criterion c3 not met");
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR);
  assert_decision_refused (fixture->case_file, RD_DECISION_PEND, NULL, FALSE, NULL, RD_CASE_FILE_ERROR_NOT_PERMITTED);
}

static void
test_director_decides_and_seals (RdTestCaseFixture *fixture,
                                 gconstpointer      data)
{
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(RdCaseSeal) seal = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c3", RD_SCORE_NOT_MET, "Only one trial",
                                         &error));
  rd_test_case_decide (fixture->case_file, RD_DECISION_PEND, NULL, FALSE, "Need the trial report");
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_PENDED);
  rd_test_case_decide (fixture->case_file, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, NULL);

  act_as_director (fixture->case_file);
  g_assert_false (rd_case_file_seal (fixture->case_file, &error));  /* nothing decided yet */
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  rd_test_case_decide (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                       "Criterion c3 is not met");
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_DECIDED);
  g_assert_true (rd_case_file_seal (fixture->case_file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_SEALED);
  g_assert_true (rd_case_file_is_read_only (fixture->case_file));
  g_assert_nonnull (strstr (rd_case_file_get_read_only_reason (fixture->case_file), "sealed"));

  g_assert_false (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c3", RD_SCORE_MET, NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_SEALED);
  g_clear_error (&error);
  g_assert_false (rd_case_file_seal (fixture->case_file, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_SEALED);
  g_clear_error (&error);
  g_clear_object (&fixture->case_file);

  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  seal = rd_case_file_get_seal (fixture->case_file, &error);
  g_assert_nonnull (seal);
  g_assert_cmpstr (seal->sealed_by, ==, "Test Director");
  g_assert_cmpstr (seal->credentials, ==, "MD");
  g_assert_cmpuint (strlen (seal->digest), ==, 64);
  rd_case_file_set_trust (fixture->case_file, rd_test_trust ());
  result = rd_case_file_verify (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_true (result->sealed);
  g_assert_true (rd_case_verify_result_ok (result));
}

static guint
audit_length (RdCaseFile *cf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = rd_case_file_list_audit (cf, &error);

  g_assert_no_error (error);
  return audit->len;
}

static void
assert_draft (RdCaseFile *cf,
              const char *rationale,
              const char *outcome_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseDecisionDraft) draft = rd_case_file_get_decision_draft (cf, &error);

  g_assert_no_error (error);
  if (rationale == NULL)
    {
      g_assert_null (draft);
      return;
    }
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->rationale, ==, rationale);
  g_assert_cmpstr (draft->outcome_id, ==, outcome_id);
  g_assert_cmpstr (draft->who, ==, "Test Director");
  g_assert_nonnull (draft->time);
}

/* The director's unsigned determination: kept as typed, never audited, only
 * a director's, and gone once a final or pend decision is signed. */
static void
test_decision_draft (RdTestCaseFixture *fixture,
                     gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  guint n_audit;

  assert_draft (fixture->case_file, NULL, NULL);
  g_assert_false (rd_case_file_set_decision_draft (fixture->case_file, "A nurse's draft", NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  assert_draft (fixture->case_file, NULL, NULL);
  rd_test_case_decide (fixture->case_file, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "Please review");

  act_as_director (fixture->case_file);
  n_audit = audit_length (fixture->case_file);
  g_assert_true (rd_case_file_set_decision_draft (fixture->case_file, "The oral trial", NULL, &error));
  g_assert_no_error (error);
  assert_draft (fixture->case_file, "The oral trial", NULL);
  g_assert_true (rd_case_file_set_decision_draft (fixture->case_file, "The oral trial was not tried.\n",
                                                  "not-medically-necessary",
                                                  &error));
  assert_draft (fixture->case_file, "The oral trial was not tried.\n", "not-medically-necessary");
  g_assert_cmpuint (audit_length (fixture->case_file), ==, n_audit);
  g_assert_false (rd_case_file_set_decision_draft (fixture->case_file, "\xff\xfe", NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID);
  g_clear_error (&error);

  /* It is in the file, not in memory. */
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  assert_draft (fixture->case_file, "The oral trial was not tried.\n", "not-medically-necessary");
  g_assert_false (rd_case_file_clear_decision_draft (fixture->case_file, &error));  /* the nurse again */
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  act_as_director (fixture->case_file);
  g_assert_true (rd_case_file_clear_decision_draft (fixture->case_file, &error));
  assert_draft (fixture->case_file, NULL, NULL);
  g_assert_true (rd_case_file_clear_decision_draft (fixture->case_file, &error));
  g_assert_no_error (error);

  /* A decision that is refused keeps the draft; a pend clears it. */
  g_assert_true (rd_case_file_set_decision_draft (fixture->case_file, "Need the trial report", NULL, &error));
  assert_decision_refused (fixture->case_file, RD_DECISION_PEND, NULL, TRUE, "x", RD_CASE_FILE_ERROR_INVALID);
  assert_draft (fixture->case_file, "Need the trial report", NULL);
  rd_test_case_decide (fixture->case_file, RD_DECISION_PEND, NULL, FALSE, "Need the trial report");
  assert_draft (fixture->case_file, NULL, NULL);

  /* And so does a final determination. */
  g_assert_true (rd_case_file_set_decision_draft (fixture->case_file, "Not met", "not-medically-necessary", &error));
  rd_test_case_decide (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary", TRUE, "Not met");
  assert_draft (fixture->case_file, NULL, NULL);

  /* Sealed, and read-only: refused. */
  g_assert_true (rd_case_file_seal (fixture->case_file, &error));
  g_assert_false (rd_case_file_set_decision_draft (fixture->case_file, "After the seal", NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_SEALED);
  g_clear_error (&error);
  g_clear_object (&fixture->case_file);
  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  act_as_director (fixture->case_file);
  g_assert_false (rd_case_file_set_decision_draft (fixture->case_file, "Read-only", NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_draft (fixture->case_file, NULL, NULL);
}

static void
tamper (RdTestCaseFixture *fixture,
        const char        *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  fixture->tampered = TRUE;
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static RdCaseVerifyResult *
verify_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  RdCaseVerifyResult *result;

  g_assert_no_error (error);
  result = rd_case_file_verify (cf, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_verify_detects_tampering (RdTestCaseFixture *fixture,
                               gconstpointer      data)
{
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *criterion = g_strdup_printf ("c%u", i);
      g_assert_true (rd_case_file_set_score (fixture->case_file, "p", criterion, RD_SCORE_MET, NULL, &error));
    }
  g_clear_object (&fixture->case_file);
  result = verify_path (fixture->path);
  g_assert_true (rd_case_verify_result_ok (result));
  g_assert_cmpint (result->audit_entries, ==, 6);
  g_clear_pointer (&result, rd_case_verify_result_free);

  /* The log refuses changes... */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET new_value = 'not-met' WHERE seq = 3", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 3", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);

  /* ...and one who drops the guard is found at the first changed entry. */
  tamper (fixture, "DROP TRIGGER audit_no_update; UPDATE audit SET new_value = 'not-met' WHERE seq = 4;"
                "UPDATE audit SET who = 'Someone' WHERE seq = 5");
  result = verify_path (fixture->path);
  g_assert_false (rd_case_verify_result_ok (result));
  g_assert_cmpint (result->audit_first_broken, ==, 4);
  g_assert_nonnull (result->audit_problem);
  g_clear_pointer (&result, rd_case_verify_result_free);

  /* A cut tail leaves an intact chain, but the content its entries recorded
   * is no longer in the log, and the reviewer signed a longer one. */
  tamper (fixture, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 4");
  result = verify_path (fixture->path);
  g_assert_null (result->audit_problem);
  g_assert_nonnull (result->replay_problem);
  g_assert_nonnull (strstr (result->replay_problem, "The score of criterion p/c2 is in the case but not in the"
                                                    " audit log"));
  g_assert_null (strstr (result->replay_problem, "p/c1"));
  g_assert_nonnull (strstr (result->signature_problem, "audit log was rewritten"));
  g_clear_pointer (&result, rd_case_verify_result_free);
  tamper (fixture, "DELETE FROM audit WHERE seq = 2");
  result = verify_path (fixture->path);
  g_assert_cmpint (result->audit_first_broken, ==, 3);
  g_clear_pointer (&result, rd_case_verify_result_free);
}

/* A value changed behind ReviewDesk's back and then changed again through it
 * (by a handle opened before, when the case still verified): the case now
 * holds what the log says last, but the entry's old value shows that
 * something else stood there in between. */
static void
test_verify_replays_history (RdTestCaseFixture *fixture,
                             gconstpointer      data)
{
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_case_file_set_score (fixture->case_file, "p", "c1", RD_SCORE_MET, NULL, &error));
  result = verify_path (fixture->path);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_pointer (&result, rd_case_verify_result_free);

  tamper (fixture, "UPDATE criterion_score SET score = 'not-met'");
  result = verify_path (fixture->path);
  g_assert_cmpstr (result->replay_problem, ==, "The score of criterion p/c1 is “not-met” in the case but its last"
                                                " audited change set it to “met”: it was changed outside ReviewDesk.");
  g_clear_pointer (&result, rd_case_verify_result_free);

  g_assert_true (rd_case_file_set_score (fixture->case_file, "p", "c1", RD_SCORE_NOT_DOCUMENTED, NULL, &error));
  g_assert_no_error (error);
  result = verify_path (fixture->path);
  g_assert_null (result->audit_problem);
  g_assert_cmpstr (result->replay_problem, ==, "The score of criterion p/c1 was changed outside ReviewDesk before"
                                                " audit entry 3: the value that entry replaced is not the one the"
                                                " entries before it left.");
}

static void
test_verify_detects_changes_after_seal (RdTestCaseFixture *fixture,
                                        gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (1);
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(RdMeasurement) m = rd_measurement_new ();
  g_autoptr(GError) error = NULL;

  m->has_value = TRUE;
  m->value = 12;
  g_assert_true (rd_case_file_set_score (fixture->case_file, "p", "c1", RD_SCORE_MET, NULL, &error));
  g_assert_true (rd_case_file_set_measurement (fixture->case_file, "p", "c1", m, &error));
  g_assert_cmpint (rd_case_file_add_record (fixture->case_file, pdf, "a.pdf", 1, NULL, NULL, &error), ==, 1);
  act_as_director (fixture->case_file);
  rd_test_case_decide (fixture->case_file, RD_DECISION_FINAL, "medically-necessary", FALSE, NULL);
  g_assert_true (rd_case_file_seal (fixture->case_file, &error));
  g_clear_object (&fixture->case_file);

  tamper (fixture, "UPDATE criterion_score SET score = 'not-met'");
  result = verify_path (fixture->path);
  g_assert_true (result->sealed);
  g_assert_nonnull (result->seal_problem);
  g_assert_null (result->audit_problem);
  g_clear_pointer (&result, rd_case_verify_result_free);

  /* The seal covers what was measured as well. */
  tamper (fixture, "UPDATE criterion_score SET score = 'met'; UPDATE measurement SET value = 2");
  result = verify_path (fixture->path);
  g_assert_nonnull (result->seal_problem);
  g_clear_pointer (&result, rd_case_verify_result_free);

  tamper (fixture, "UPDATE measurement SET value = 12; UPDATE record SET data = zeroblob(length(data))");
  result = verify_path (fixture->path);
  g_assert_null (result->seal_problem);
  g_assert_nonnull (result->integrity_problem);
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  RdCaseFile **out = data;
  g_autoptr(GError) error = NULL;

  *out = rd_case_file_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (RdTestCaseFixture *fixture,
                 gconstpointer      data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->case_file);
  rd_case_file_open_async (fixture->path, RD_CASE_FILE_OPEN_NONE, NULL, on_opened, &fixture->case_file);
  while (fixture->case_file == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rd_case_file_is_read_only (fixture->case_file));

  /* It belongs to this thread: changes here are announced at once. */
  g_signal_connect (fixture->case_file, "changed", G_CALLBACK (count_changed), seen);
  rd_case_file_set_actor (fixture->case_file, "Test Nurse", NULL, RD_ROLE_NURSE_REVIEWER);
  g_assert_true (rd_case_file_set_score (fixture->case_file, "p", "c", RD_SCORE_MET, NULL, &error));
  g_assert_cmpuint (seen->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/case-file/create", RdTestCaseFixture, NULL, rd_test_case_fixture_set_up_without_case, test_create,
              rd_test_case_fixture_tear_down);
  rd_test_case_add ("/case-file/request", test_request_round_trip);
  rd_test_case_add ("/case-file/scores", test_scores);
  rd_test_case_add ("/case-file/measurements", test_measurements);
  g_test_add ("/case-file/no-actor", RdTestCaseFixture, NULL, rd_test_case_fixture_set_up_without_case, test_no_actor,
              rd_test_case_fixture_tear_down);
  rd_test_case_add ("/case-file/open-async", test_open_async);
  rd_test_case_add ("/case-file/review", test_review_round_trip);
  rd_test_case_add ("/case-file/records", test_records);
  rd_test_case_add ("/case-file/evidence", test_evidence);
  rd_test_case_add ("/case-file/nurse-approves-only-met", test_nurse_approves_only_met);
  rd_test_case_add ("/case-file/nurse-cannot-deny", test_nurse_cannot_deny);
  rd_test_case_add ("/case-file/director-decides-and-seals", test_director_decides_and_seals);
  rd_test_case_add ("/case-file/decision-draft", test_decision_draft);
  rd_test_case_add ("/case-file/verify-detects-tampering", test_verify_detects_tampering);
  rd_test_case_add ("/case-file/verify-detects-changes-after-seal", test_verify_detects_changes_after_seal);
  rd_test_case_add ("/case-file/verify-replays-history", test_verify_replays_history);
  return g_test_run ();
}
