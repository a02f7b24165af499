/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "rd-test-case.h"
#include "rd-test-identity.h"
#include "rd-test-worklist.h"

#define POLICY_ID   "bsc-7.01.41"
#define POLICY_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static RdRequest *
synthetic_request (const RdTestWorklistCase *spec)
{
  RdRequest *request = rd_request_new ();
  const char *cpt[] = { "62362", NULL };
  const char *dx[] = { "G80.1", NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  request->member_name = g_strdup (spec->member);
  request->member_id = g_strdup (spec->member_id);
  request->member_birth_date = g_strdup ("1980-02-29");
  request->provider_name = g_strdup ("Synthetic Neurology Group");
  request->provider_npi = g_strdup ("1234567893");
  request->cpt_codes = g_strdupv ((char **) cpt);
  request->icd10_cm_codes = g_strdupv ((char **) dx);
  request->drug = g_strdup ("baclofen");
  request->route = g_strdup ("intrathecal");
  request->type = RD_REQUEST_TYPE_INITIAL;
  request->urgency = spec->urgency;
  if (spec->received_hours_ago >= 0)
    request->received = g_date_time_add_seconds (now, -spec->received_hours_ago * 3600);
  return request;
}

static void
ok (gboolean done,
    GError  *error)
{
  g_assert_no_error (error);
  g_assert_true (done);
}

static void
work_on (RdCaseFile               *cf,
         const RdTestWorklistCase *spec)
{
  GError *error = NULL;

  ok (rd_case_file_add_review (cf, POLICY_ID, POLICY_HASH, &error), error);
  ok (rd_case_file_set_score (cf, POLICY_ID, "c-spasticity-1", RD_SCORE_MET, spec->note, &error), error);
}

static void
decide (RdCaseFile               *cf,
        const RdTestWorklistCase *spec)
{
  GError *error = NULL;

  if (spec->status == RD_WORKLIST_STATUS_PENDED)
    {
      rd_test_case_decide (cf, RD_DECISION_PEND, NULL, FALSE, "Waiting for the neurology note");
      return;
    }
  rd_test_case_decide (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "Needs a physician's review");
  if (spec->status == RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR)
    return;
  rd_test_sign_as (cf, "Dr. Synthetic Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  rd_test_case_decide (cf, RD_DECISION_FINAL, NULL, FALSE, "Criteria met after physician review");
  if (spec->status == RD_WORKLIST_STATUS_SEALED)
    ok (rd_case_file_seal (cf, &error), error);
}

char *
rd_test_worklist_case (const char               *dir,
                       const RdTestWorklistCase *spec)
{
  char *path = g_build_filename (dir, spec->name, NULL);
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdRequest) request = NULL;
  GError *error = NULL;

  if (spec->status == RD_WORKLIST_STATUS_UNREADABLE)
    {
      ok (g_file_set_contents_full (path, "not a case", -1, G_FILE_SET_CONTENTS_NONE, 0600, &error), error);
      return path;
    }
  cf = rd_case_file_create (path, NULL, &error);
  g_assert_no_error (error);
  rd_test_sign_as (cf, spec->reviewer ? spec->reviewer : "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  request = synthetic_request (spec);
  ok (rd_case_file_set_request (cf, request, &error), error);
  if (spec->status != RD_WORKLIST_STATUS_NEW)
    work_on (cf, spec);
  if (spec->status >= RD_WORKLIST_STATUS_PENDED)
    decide (cf, spec);
  rd_case_file_close (cf);
  return path;
}

void
rd_test_worklist_copy_case (const char *from,
                            const char *to,
                            const char *member,
                            const char *member_id,
                            GDateTime  *received,
                            const char *status)
{
  g_autofree char *at = g_date_time_format (received, "%Y-%m-%dT%H:%M:%S.000000Z");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  rd_test_copy_case (from, to);
  g_assert_cmpint (sqlite3_open (to, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA synchronous = OFF", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE request SET member_name = ?, member_id = ?, received_at = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, member, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, member_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE case_info SET status = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}
