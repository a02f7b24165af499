/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signed decisions, seals and checkpoints: who may sign what, and what
 * verify finds when the case is changed behind ReviewDesk's back. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file-private.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"

static void
sign_as_director (RdCaseFile *cf)
{
  rd_test_sign_as (cf, "Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
}

/* A case a nurse sent to @director, who denied it: unsealed. */
static void
make_case_decided_by (RdTestCaseFixture *fixture,
                      const char        *director)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c3", RD_SCORE_NOT_MET,
                                         "One trial only", &error));
  rd_test_case_decide (fixture->case_file, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "c3 not met");
  rd_test_sign_as (fixture->case_file, director, "MD", RD_ROLE_MEDICAL_DIRECTOR);
  rd_test_case_decide (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                       "Criterion c3 is not met: one screening trial is documented.");
}

static void
make_decided_case (RdTestCaseFixture *fixture)
{
  make_case_decided_by (fixture, "Dr Test Director");
}

static RdCaseVerifyResult *
verify_with (const char *path,
             RdTrust    *trust)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  RdCaseVerifyResult *result;

  g_assert_no_error (error);
  rd_case_file_set_trust (cf, trust);
  result = rd_case_file_verify (cf, &error);
  g_assert_no_error (error);
  return result;
}

static RdCaseVerifyResult *
verify (const char *path)
{
  return verify_with (path, rd_test_trust ());
}

static void
assert_caught (const char *path,
               const char *words)
{
  g_autoptr(RdCaseVerifyResult) result = verify (path);

  g_assert_false (rd_case_verify_result_ok (result));
  g_assert_nonnull (result->signature_problem);
  if (strstr (result->signature_problem, words) == NULL)
    g_error ("verify said “%s”, not “%s”", result->signature_problem, words);
}

/* Runs @sql on the closed case as sqlite3 would. */
static void
tamper (RdTestCaseFixture *fixture,
        const char        *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  fixture->tampered = TRUE;
  if (fixture->case_file != NULL)
    {
      rd_case_file_close (fixture->case_file);
      g_clear_object (&fixture->case_file);
    }
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_roles_come_from_certificates (RdTestCaseFixture *fixture,
                                   gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  /* A typed role is a claim: no final decision, no seal. */
  rd_test_case_decide (fixture->case_file, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, NULL);
  rd_case_file_set_actor (fixture->case_file, "Dr Claimed", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  g_assert_false (rd_case_file_can_sign_as (fixture->case_file, RD_ROLE_MEDICAL_DIRECTOR));
  g_assert_cmpint (rd_case_file_record_decision (fixture->case_file, RD_DECISION_FINAL, "not-medically-necessary",
                                                 TRUE, "Denied", &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  /* A nurse's certified key does not make her a director either. */
  rd_test_sign_as (fixture->case_file, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_case_file_set_actor (fixture->case_file, "Test Nurse", "RN", RD_ROLE_MEDICAL_DIRECTOR);
  g_assert_null (rd_case_file_get_signer_certificate (fixture->case_file));
  g_assert_cmpint (rd_case_file_record_decision (fixture->case_file, RD_DECISION_FINAL, "medically-necessary",
                                                 FALSE, NULL, &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  /* Unsigned, a nurse records no decision at all. */
  rd_case_file_set_actor (fixture->case_file, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  g_assert_cmpint (rd_case_file_record_decision (fixture->case_file, RD_DECISION_PEND, NULL, FALSE, NULL, &error),
                   ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_assert_nonnull (strstr (error->message, "reviewer key"));
  g_clear_error (&error);

  sign_as_director (fixture->case_file);
  g_assert_true (rd_case_file_can_sign_as (fixture->case_file, RD_ROLE_MEDICAL_DIRECTOR));
  g_assert_cmpstr (rd_case_file_get_actor_name (fixture->case_file), ==, "Dr Test Director");
  rd_test_case_decide (fixture->case_file, RD_DECISION_FINAL, "medically-necessary", FALSE, "Approved");
  g_assert_true (rd_case_file_seal (fixture->case_file, &error));
  g_assert_no_error (error);
}

static void
test_signed_case_verifies (RdTestCaseFixture *fixture,
                           gconstpointer      data)
{
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  make_decided_case (fixture);
  g_assert_true (rd_case_file_seal (fixture->case_file, &error));
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);

  result = verify (fixture->path);
  g_assert_null (result->signature_problem);
  g_assert_true (rd_case_verify_result_ok (result));
  /* the score's checkpoint, two decisions and the seal (each of which
   * signs the audit head too, so needs no checkpoint of its own) */
  g_assert_cmpuint (result->signatures, ==, 4);
  g_assert_cmpint (result->unsigned_entries, ==, 0);
  g_assert_nonnull (strstr (result->signers, "Dr Test Director, MD"));
  g_assert_nonnull (strstr (result->signers, "Test Nurse, RN"));
  g_assert_nonnull (strstr (result->signers, "Test Health Plan"));
}

static void
test_changed_rationale (RdTestCaseFixture *fixture,
                        gconstpointer      data)
{
  make_decided_case (fixture);
  tamper (fixture, "UPDATE decision SET rationale = 'All criteria met.' WHERE kind = 'final'");
  assert_caught (fixture->path, "was changed after Dr Test Director, MD signed it");
}

static void
test_changed_signer (RdTestCaseFixture *fixture,
                     gconstpointer      data)
{
  make_decided_case (fixture);
  tamper (fixture, "UPDATE decision SET who = 'Dr Someone Else' WHERE kind = 'final'");
  assert_caught (fixture->path, "was changed after");
}

static void
test_forged_decision (RdTestCaseFixture *fixture,
                      gconstpointer      data)
{
  rd_test_case_decide (fixture->case_file, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, NULL);
  tamper (fixture, "DROP TRIGGER IF EXISTS decision_roles;"
                   "INSERT INTO decision (kind, outcome_id, adverse, rationale, who, credentials, role, decided_at)"
                   " VALUES ('final', 'not-medically-necessary', 1, 'Denied', 'Test Nurse', 'RN', 'nurse-reviewer',"
                   " '2026-12-01T10:00:00.000000Z');"
                   "UPDATE case_info SET status = 'decided'");
  assert_caught (fixture->path, "carries no valid signature");
}

static void
test_deleted_decision (RdTestCaseFixture *fixture,
                       gconstpointer      data)
{
  make_decided_case (fixture);
  tamper (fixture, "DELETE FROM decision WHERE kind = 'final'; UPDATE case_info SET status = 'with-medical-director'");
  assert_caught (fixture->path, "is missing from the case");
}

/* An approval put in place of the denial, with the seal's digest computed
 * again: the digest matches, the director's signature does not. */
static void
test_forged_seal (RdTestCaseFixture *fixture,
                  gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  sqlite3 *db = NULL;
  gint64 audit_seq = 0;

  make_decided_case (fixture);
  g_assert_true (rd_case_file_seal (fixture->case_file, &error));
  tamper (fixture, "DROP TRIGGER IF EXISTS decision_roles;"
                   "UPDATE decision SET outcome_id = 'medically-necessary', adverse = 0,"
                   " rationale = 'All criteria met.' WHERE kind = 'final'");
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_rd_db_query_int (db, "SELECT audit_seq FROM seal", &audit_seq, &error));
  digest = _rd_case_content_digest (db, audit_seq, &error);
  g_assert_nonnull (digest);
  sql = g_strdup_printf ("UPDATE seal SET digest = '%s'", digest);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* The digest alone is fooled; the seal this workstation saw and the
   * director's signature are not. */
  result = verify (fixture->path);
  g_assert_nonnull (strstr (result->seal_problem, "with another seal"));
  assert_caught (fixture->path, "The seal was changed after Dr Test Director, MD signed it");
}

/* The seal, its audit entries and signatures removed and the status set
 * back: the case's own history is consistent again, but this workstation
 * saw it sealed. */
static void
test_seal_removed (RdTestCaseFixture *fixture,
                   gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;

  make_decided_case (fixture);
  g_assert_true (rd_case_file_seal (fixture->case_file, &error));
  tamper (fixture, "DROP TRIGGER audit_no_delete; DROP TRIGGER signature_no_delete;"
                   "DELETE FROM seal;"
                   "DELETE FROM signature WHERE audit_seq >="
                   " (SELECT min(seq) FROM audit WHERE action = 'status' AND new_value = 'sealed');"
                   "DELETE FROM audit WHERE seq >="
                   " (SELECT min(seq) FROM audit WHERE action = 'status' AND new_value = 'sealed');"
                   "UPDATE case_info SET status = 'decided'");
  result = verify (fixture->path);
  g_assert_null (result->audit_problem);
  g_assert_false (rd_case_verify_result_ok (result));
  g_assert_nonnull (result->seal_problem);
  g_assert_nonnull (strstr (result->seal_problem, "comes back unsealed"));
}

/* A score changed in its table and in its audit entry, and every hash of the
 * chain computed again: the chain is whole, the checkpoints are not. */
static void
test_audit_rewritten (RdTestCaseFixture *fixture,
                      gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = g_strdup (RD_AUDIT_GENESIS);

  g_assert_true (rd_case_file_set_score (fixture->case_file, "bsc-7.01.41", "c3", RD_SCORE_NOT_MET, NULL, &error));
  rd_test_case_decide (fixture->case_file, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, NULL);
  tamper (fixture, "DROP TRIGGER audit_no_update;"
                   "UPDATE criterion_score SET score = 'met' WHERE criterion_id = 'c3';"
                   "UPDATE audit SET new_value = 'met' WHERE action = 'score' AND new_value = 'not-met'");
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, at, who, role, action, target, old_value, new_value"
                                           " FROM audit ORDER BY seq", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
#define TEXT(i) ((const char *) sqlite3_column_text (stmt, (i)))
      g_autofree char *hash = _rd_audit_entry_hash (prev, sqlite3_column_int64 (stmt, 0), TEXT (1), TEXT (2),
                                                    TEXT (3), TEXT (4), TEXT (5), TEXT (6), TEXT (7));
      g_autofree char *sql = g_strdup_printf ("UPDATE audit SET prev_hash = '%s', hash = '%s' WHERE seq = %lld",
                                              prev, hash, (long long) sqlite3_column_int64 (stmt, 0));
#undef TEXT
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_free (prev);
      prev = g_steal_pointer (&hash);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  result = verify (fixture->path);
  g_assert_null (result->audit_problem);  /* the chain itself is whole again */
  assert_caught (fixture->path, "The audit log was rewritten after Test Nurse, RN signed it");
}

static void
test_revoked_key (RdTestCaseFixture *fixture,
                  gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) last_week = NULL;
  g_autoptr(RdCaseVerifyResult) before = NULL;
  /* Its own director: the key is revoked for the rest of this process. */
  RdSigningKey *director = rd_test_reviewer_key ("Dr Revoked", "MD", RD_ROLE_MEDICAL_DIRECTOR);

  make_case_decided_by (fixture, "Dr Revoked");
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);
  /* Revocations are dated to the second: this one from the next second on. */
  {
    g_autoptr(GDateTime) signed_before = g_date_time_new_now_utc ();
    now = g_date_time_add_seconds (signed_before, 1);
  }
  last_week = g_date_time_add_days (now, -7);

  /* Revoked from now on, the key's earlier signatures stand. */
  g_assert_true (rd_trust_revoke (rd_test_trust (), rd_test_admin_key (), rd_signing_key_get_public_key (director),
                                  "Left the organisation", now, &error));
  g_assert_no_error (error);
  before = verify (fixture->path);
  if (before->signature_problem != NULL)
    g_error ("%s", before->signature_problem);

  /* It signs nothing more once that second has come. */
  g_usleep (1100 * 1000);
  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  rd_case_file_set_trust (fixture->case_file, rd_test_trust ());
  g_assert_false (rd_case_file_set_signer (fixture->case_file, director, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_assert_nonnull (strstr (error->message, "revoked"));
  g_clear_error (&error);
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);

  /* Revoked as of last week (a stolen key): its signatures since are not valid. */
  g_assert_true (rd_trust_revoke (rd_test_trust (), rd_test_admin_key (), rd_signing_key_get_public_key (director),
                                  "Key reported stolen", last_week, &error));
  assert_caught (fixture->path, "revoked");
}

static void
test_expired_certificate (RdTestCaseFixture *fixture,
                          gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 2);
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();
  g_autoptr(RdCertificate) certificate = rd_trust_certify (rd_test_trust (), rd_test_admin_key (), "Dr Expired", "MD",
                                                           RD_ROLE_MEDICAL_DIRECTOR,
                                                           rd_signing_key_get_public_key (key), soon, &error);

  g_assert_no_error (error);
  g_usleep (2500 * 1000);
  g_assert_false (rd_case_file_set_signer (fixture->case_file, key, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_cmpstr (rd_case_file_get_actor_name (fixture->case_file), ==, "Test Nurse");
}

static void
test_uncertified_key (RdTestCaseFixture *fixture,
                      gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();

  g_assert_false (rd_case_file_set_signer (fixture->case_file, key, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_assert_nonnull (strstr (error->message, "not certified"));
}

static void
test_other_organisation (RdTestCaseFixture *fixture,
                         gconstpointer      data)
{
  g_autoptr(RdSigningKey) other_admin = rd_signing_key_generate ();
  g_autoptr(RdTrust) other = rd_trust_new ("Other Health Plan", other_admin);
  g_autoptr(RdCaseVerifyResult) with_other = NULL;
  g_autoptr(RdCaseVerifyResult) with_none = NULL;

  make_decided_case (fixture);
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);

  with_other = verify_with (fixture->path, other);
  g_assert_false (rd_case_verify_result_ok (with_other));
  g_assert_nonnull (with_other->signature_problem);
  /* Without a trust file the signatures still check, and verify says what
   * it could not. */
  with_none = verify_with (fixture->path, NULL);
  g_assert_null (with_none->signature_problem);
  g_assert_nonnull (strstr (with_none->trust_problem, "trust file"));
}

static void
test_signature_by_another_key (RdTestCaseFixture *fixture,
                               gconstpointer      data)
{
  RdSigningKey *other = rd_test_reviewer_key ("Dr Other", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  g_autofree char *sql = NULL;

  make_decided_case (fixture);
  /* The other director's certificate is genuine, but the signature is not hers. */
  {
    g_autoptr(RdCertificate) certificate = rd_trust_find_certificate (rd_test_trust (),
                                                                      rd_signing_key_get_public_key (other));
    g_autofree char *text = rd_certificate_to_text (certificate);
    char *quoted = sqlite3_mprintf ("%Q", text);

    sql = g_strdup_printf ("DROP TRIGGER signature_no_update;"
                           "INSERT OR IGNORE INTO signer VALUES ('%s', %s);"
                           "UPDATE signature SET public_key = '%s' WHERE kind = 'decision';",
                           rd_signing_key_get_public_key (other), quoted, rd_signing_key_get_public_key (other));
    sqlite3_free (quoted);
  }
  tamper (fixture, sql);
  assert_caught (fixture->path, "does not match what it signs");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, RdTestCaseFixture, NULL, rd_test_case_fixture_set_up, func, rd_test_case_fixture_tear_down)
  ADD ("/case-signing/roles-come-from-certificates", test_roles_come_from_certificates);
  ADD ("/case-signing/signed-case-verifies", test_signed_case_verifies);
  ADD ("/case-signing/changed-rationale", test_changed_rationale);
  ADD ("/case-signing/changed-signer", test_changed_signer);
  ADD ("/case-signing/forged-decision", test_forged_decision);
  ADD ("/case-signing/deleted-decision", test_deleted_decision);
  ADD ("/case-signing/forged-seal", test_forged_seal);
  ADD ("/case-signing/audit-rewritten", test_audit_rewritten);
  ADD ("/case-signing/seal-removed", test_seal_removed);
  ADD ("/case-signing/revoked-key", test_revoked_key);
  ADD ("/case-signing/expired-certificate", test_expired_certificate);
  ADD ("/case-signing/uncertified-key", test_uncertified_key);
  ADD ("/case-signing/other-organisation", test_other_organisation);
  ADD ("/case-signing/signature-by-another-key", test_signature_by_another_key);
#undef ADD
  return g_test_run ();
}
