/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "rd-case-file.h"
#include "rd-test-case.h"

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
test_create (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "new.rdcase", NULL);
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseFile) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *before = NULL;

  cf = rd_case_file_create (path, "RD-TEST-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_case_file_get_case_id (cf), ==, "RD-TEST-1");
  g_assert_false (rd_case_file_is_read_only (cf));
  g_assert_null (rd_case_file_get_read_only_reason (cf));
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_IN_REVIEW);
  g_assert_cmpuint (rd_case_file_get_format_version (cf), ==, RD_CASE_FILE_VERSION);
  created = rd_case_file_get_created (cf);
  g_assert_nonnull (created);

  /* Nothing but the case (and its live log) is left in the directory. */
  rd_test_assert_owner_only (dir);
  rd_case_file_close (cf);

  before = rd_test_file_digest (path);
  again = rd_case_file_create (path, NULL, &error);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_EXISTS);
  g_assert_null (again);
  {
    g_autofree char *after = rd_test_file_digest (path);
    g_assert_cmpstr (after, ==, before);
  }
  rd_test_remove_dir (dir);
}

static void
test_request_round_trip (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "request.rdcase", NULL);
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdRequest) request = full_request ();
  g_autoptr(RdRequest) empty = NULL;
  g_autoptr(RdRequest) back = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  cf = rd_test_case_new (path);
  empty = rd_case_file_get_request (cf, &error);
  g_assert_no_error (error);
  g_assert_null (empty->member_name);
  g_assert_nonnull (empty->cpt_codes);
  g_assert_null (empty->cpt_codes[0]);

  g_assert_true (rd_case_file_set_request (cf, request, &error));
  g_assert_no_error (error);
  g_clear_object (&cf);

  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  rd_case_file_set_actor (cf, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  back = rd_case_file_get_request (cf, &error);
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
  audit = rd_case_file_list_audit (cf, &error);
  g_assert_no_error (error);
  n_before = audit->len;
  g_assert_cmpuint (n_before, ==, 1 + 15);
  g_assert_true (rd_case_file_set_request (cf, back, &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (cf, &error);
  g_assert_cmpuint (audit->len, ==, n_before);

  g_free (back->drug);
  back->drug = g_strdup ("morphine");
  g_assert_true (rd_case_file_set_request (cf, back, &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (cf, &error);
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
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
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
test_scores (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "scores.rdcase", NULL);
  g_autoptr(RdCaseFile) cf = rd_test_case_new (path);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(RdCaseScore) score = NULL;
  g_autoptr(GError) error = NULL;
  guint n_audit;

  g_signal_connect (cf, "changed", G_CALLBACK (count_changed), seen);

  score = rd_case_file_get_score (cf, "bsc-7.01.41", "c1", &error);
  g_assert_no_error (error);
  g_assert_null (score);

  g_assert_true (rd_case_file_set_score (cf, "bsc-7.01.41", "c1", RD_SCORE_MET, "Neurology note p. 2", &error));
  g_assert_true (rd_case_file_set_score (cf, "bsc-7.01.41", "c2", RD_SCORE_NOT_DOCUMENTED, NULL, &error));
  g_assert_true (rd_case_file_set_score (cf, "anthem-cg-surg-79", "c1", RD_SCORE_NOT_MET, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "score");

  /* NULL keeps the note, "" removes it. */
  g_assert_true (rd_case_file_set_score (cf, "bsc-7.01.41", "c1", RD_SCORE_NOT_MET, NULL, &error));
  score = rd_case_file_get_score (cf, "bsc-7.01.41", "c1", &error);
  g_assert_cmpint (score->score, ==, RD_SCORE_NOT_MET);
  g_assert_cmpstr (score->note, ==, "Neurology note p. 2");
  g_assert_cmpstr (score->reviewer, ==, "Test Nurse");
  g_assert_nonnull (score->time);
  g_clear_pointer (&score, rd_case_score_free);
  g_assert_true (rd_case_file_set_score_note (cf, "bsc-7.01.41", "c1", "", &error));
  score = rd_case_file_get_score (cf, "bsc-7.01.41", "c1", &error);
  g_assert_null (score->note);
  g_assert_cmpint (score->score, ==, RD_SCORE_NOT_MET);

  audit = rd_case_file_list_audit (cf, &error);
  n_audit = audit->len;
  g_assert_true (rd_case_file_set_score (cf, "bsc-7.01.41", "c1", RD_SCORE_NOT_MET, NULL, &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (cf, &error);
  g_assert_cmpuint (audit->len, ==, n_audit);

  g_clear_object (&cf);
  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scores = rd_case_file_list_scores (cf, "bsc-7.01.41", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, 2);
  g_clear_pointer (&scores, g_ptr_array_unref);
  scores = rd_case_file_list_scores (cf, NULL, &error);
  g_assert_cmpuint (scores->len, ==, 3);
  g_assert_cmpstr (((RdCaseScore *) g_ptr_array_index (scores, 0))->policy_id, ==, "anthem-cg-surg-79");

  g_assert_false (rd_case_file_set_score (cf, "bsc-7.01.41", "c1", RD_SCORE_MET, NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_READ_ONLY);
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

static void
test_no_actor (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "anon.rdcase", NULL);
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GError) error = NULL;

  cf = rd_case_file_create (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rd_case_file_set_score (cf, "p", "c", RD_SCORE_MET, NULL, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NO_ACTOR);
  g_clear_object (&cf);
  rd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-file/create", test_create);
  g_test_add_func ("/case-file/request", test_request_round_trip);
  g_test_add_func ("/case-file/scores", test_scores);
  g_test_add_func ("/case-file/no-actor", test_no_actor);
  return g_test_run ();
}
