/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The medical director's desk: determinations against the engine name what
 * they rest on, reconsiderations are made by another physician, and
 * peer-to-peer conversations are recorded and can reopen a decision. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rd-test-case.h"
#include "rd-test-identity.h"

/* The nurse's recommendation, the case sent on, and the director signing. */
static void
send_to (RdCaseFile *cf,
         const char *director,
         gboolean    met)
{
  rd_test_case_recommend (cf, met);
  rd_test_case_decide (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, NULL);
  rd_test_sign_as (cf, director, "MD", RD_ROLE_MEDICAL_DIRECTOR);
}

static void
assert_refused (gint64          id,
                GError         *error,
                RdCaseFileError code,
                const char     *words)
{
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, (int) code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_adverse_against_met (RdTestCaseFixture *fixture,
                          gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *criterion = NULL;
  gint64 id, reconsiders = -1;

  send_to (fixture->case_file, "Dr Desk", TRUE);
  id = rd_case_file_record_decision (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                                     "Not convinced", &error);
  assert_refused (id, error, RD_CASE_FILE_ERROR_INVALID, "names the criterion");
  g_clear_error (&error);
  id = rd_case_file_record_determination (fixture->case_file, "not-medically-necessary", TRUE, "  ",
                                          "bsc-7.01.41/c3", &error);
  assert_refused (id, error, RD_CASE_FILE_ERROR_INVALID, "gives the reason");
  g_clear_error (&error);

  id = rd_case_file_record_determination (fixture->case_file, "not-medically-necessary", TRUE,
                                          "The trial note shows 30% relief, not the 50% the policy asks.",
                                          "bsc-7.01.41/c3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (rd_case_file_get_determination_basis (fixture->case_file, id, &criterion, &reconsiders, &error));
  g_assert_cmpstr (criterion, ==, "bsc-7.01.41/c3");
  g_assert_cmpint (reconsiders, ==, 0);
}

static void
test_approval_against_not_met (RdTestCaseFixture *fixture,
                               gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  send_to (fixture->case_file, "Dr Desk", FALSE);
  id = rd_case_file_record_decision (fixture->case_file, RD_DECISION_FINAL, "medically-necessary", FALSE, NULL,
                                     &error);
  assert_refused (id, error, RD_CASE_FILE_ERROR_INVALID, "names the criterion the physician finds met");
  g_clear_error (&error);
  id = rd_case_file_record_determination (fixture->case_file, "medically-necessary", FALSE,
                                          "The second trial, in the addendum, documents the 50% reduction.",
                                          "bsc-7.01.41/c3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* Where the engine agrees, nothing more is asked. */
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_DECIDED);
}

static void
test_reconsideration_by_another_physician (RdTestCaseFixture *fixture,
                                           gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *criterion = NULL;
  gint64 first, second, reconsiders = 0;

  send_to (fixture->case_file, "Dr First", FALSE);
  first = rd_case_file_record_decision (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                                        "One trial only.", &error);
  g_assert_no_error (error);

  /* The same physician cannot decide the appeal... */
  second = rd_case_file_record_determination (fixture->case_file, "medically-necessary", FALSE,
                                              "On appeal the second trial is documented.", "bsc-7.01.41/c3", &error);
  assert_refused (second, error, RD_CASE_FILE_ERROR_NOT_PERMITTED, "different physician");
  g_clear_error (&error);

  /* ...another one can. */
  rd_test_sign_as (fixture->case_file, "Dr Second", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  second = rd_case_file_record_determination (fixture->case_file, "medically-necessary", FALSE,
                                              "On appeal the second trial is documented.", "bsc-7.01.41/c3", &error);
  g_assert_no_error (error);
  g_assert_true (rd_case_file_get_determination_basis (fixture->case_file, second, &criterion, &reconsiders, &error));
  g_assert_cmpint (reconsiders, ==, first);
}

static void
test_peer_to_peer (RdTestCaseFixture *fixture,
                   gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  gint64 id;

  /* Nothing to reopen yet. */
  rd_test_sign_as (fixture->case_file, "Dr Desk", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  id = rd_case_file_record_peer_to_peer (fixture->case_file, RD_PEER_TO_PEER_HELD_REOPENED, NULL, "Dr Provider",
                                         NULL, &error);
  assert_refused (id, error, RD_CASE_FILE_ERROR_INVALID, "no adverse determination");
  g_clear_error (&error);

  rd_test_sign_as (fixture->case_file, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  send_to (fixture->case_file, "Dr Desk", FALSE);
  g_assert_cmpint (rd_case_file_record_decision (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary",
                                                 TRUE, "One trial only.", &error), >, 0);

  /* The nurse offers and schedules; only the physician records the outcome. */
  rd_test_sign_as (fixture->case_file, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  g_assert_cmpint (rd_case_file_record_peer_to_peer (fixture->case_file, RD_PEER_TO_PEER_OFFERED, NULL,
                                                     "Dr Provider", NULL, &error), >, 0);
  id = rd_case_file_record_peer_to_peer (fixture->case_file, RD_PEER_TO_PEER_SCHEDULED, NULL, "Dr Provider", NULL,
                                         &error);
  assert_refused (id, error, RD_CASE_FILE_ERROR_INVALID, "scheduled for");
  g_clear_error (&error);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    tomorrow = g_date_time_add_days (now, 1);
  }
  g_assert_cmpint (rd_case_file_record_peer_to_peer (fixture->case_file, RD_PEER_TO_PEER_SCHEDULED, tomorrow,
                                                     "Dr Provider", NULL, &error), >, 0);
  id = rd_case_file_record_peer_to_peer (fixture->case_file, RD_PEER_TO_PEER_HELD_REOPENED, NULL, "Dr Provider",
                                         "New trial data", &error);
  assert_refused (id, error, RD_CASE_FILE_ERROR_NOT_PERMITTED, "medical director");
  g_clear_error (&error);

  /* Held and reopened: back with the director, who may now decide again. */
  rd_test_sign_as (fixture->case_file, "Dr Desk", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  g_assert_cmpint (rd_case_file_record_peer_to_peer (fixture->case_file, RD_PEER_TO_PEER_HELD_REOPENED, NULL,
                                                     "Dr Provider", "A second trial was done last week.", &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (rd_case_file_get_status (fixture->case_file), ==, RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR);
  g_assert_cmpint (rd_case_file_record_determination (fixture->case_file, "medically-necessary", FALSE,
                                                      "The second trial documents the reduction.",
                                                      "bsc-7.01.41/c3", &error), >, 0);
  g_assert_no_error (error);

  events = rd_case_file_list_peer_to_peer (fixture->case_file, &error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (((RdCasePeerToPeer *) g_ptr_array_index (events, 2))->event, ==, RD_PEER_TO_PEER_HELD_REOPENED);
  g_assert_cmpstr (((RdCasePeerToPeer *) g_ptr_array_index (events, 2))->participant, ==, "Dr Provider");
  g_assert_nonnull (((RdCasePeerToPeer *) g_ptr_array_index (events, 1))->scheduled_for);
}

/* What a determination rests on is part of what was signed. */
static void
test_basis_is_signed (RdTestCaseFixture *fixture,
                      gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  sqlite3 *db = NULL;

  send_to (fixture->case_file, "Dr Desk", TRUE);
  g_assert_cmpint (rd_case_file_record_determination (fixture->case_file, "not-medically-necessary", TRUE,
                                                      "30% relief only.", "bsc-7.01.41/c3", &error), >, 0);
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);
  fixture->tampered = TRUE;
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE determination_basis SET criterion = 'bsc-7.01.41/c1'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  cf = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  rd_case_file_set_trust (cf, rd_test_trust ());
  result = rd_case_file_verify (cf, &error);
  g_assert_no_error (error);
  g_assert_false (rd_case_verify_result_ok (result));
  g_assert_nonnull (strstr (result->signature_problem, "was changed after Dr Desk, MD signed it"));
}

/* A peer-to-peer step edited behind ReviewDesk's back no longer matches
 * its audit entry. */
static void
test_peer_to_peer_replayed (RdTestCaseFixture *fixture,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (rd_case_file_record_peer_to_peer (fixture->case_file, RD_PEER_TO_PEER_OFFERED, NULL,
                                                     "Dr Provider", NULL, &error), >, 0);
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);
  fixture->tampered = TRUE;
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE peer_to_peer SET event = 'declined'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  cf = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  result = rd_case_file_verify (cf, &error);
  g_assert_false (rd_case_verify_result_ok (result));
  g_assert_nonnull (strstr (result->replay_problem, "Peer-to-peer step 1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, RdTestCaseFixture, NULL, rd_test_case_fixture_set_up, func, rd_test_case_fixture_tear_down)
  ADD ("/director/adverse-against-met", test_adverse_against_met);
  ADD ("/director/approval-against-not-met", test_approval_against_not_met);
  ADD ("/director/reconsideration-by-another-physician", test_reconsideration_by_another_physician);
  ADD ("/director/peer-to-peer", test_peer_to_peer);
  ADD ("/director/basis-is-signed", test_basis_is_signed);
  ADD ("/director/peer-to-peer-replayed", test_peer_to_peer_replayed);
#undef ADD
  return g_test_run ();
}
