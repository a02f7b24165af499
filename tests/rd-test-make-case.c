/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Makes synthetic cases and PDFs for the command-line tests:
 *   rd-test-make-case CASE [--sealed]   a case with some of everything
 *   rd-test-make-case --pdf OUT N       a synthetic N-page PDF record
 *   rd-test-make-case --scan-pdf OUT    a synthetic faxed record (rd-test-scan.h)
 *   rd-test-make-case --review CASE     evidence and decisions added to CASE
 *   rd-test-make-case --decide CASE approve|deny|pend [--sealed]
 *                                       the director's determination on CASE */
#include "config.h"

#include <stdlib.h>

#include "rd-case-file.h"
#include "rd-test-identity.h"
#include "rd-test-pdf.h"
#include "rd-test-scan.h"

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    {
      g_printerr ("%s\n", error ? error->message : "failed");
      exit (1);
    }
}

static void
make_case (const char *path,
           gboolean    sealed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_create (path, "RD-SCRIPT-1", &error);
  g_autoptr(RdRequest) request = rd_request_new ();
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (2);
  RdCaseRecommendation recommendation = {
    .policy_id = (char *) "bsc-7.01.41", .outcome_id = (char *) "medically-necessary", .criteria_met = TRUE,
  };
  gint64 record;

  check (cf != NULL, error);
  rd_test_sign_as (cf, "Script Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  request->member_name = g_strdup ("Synthetic Member");
  request->drug = g_strdup ("baclofen");
  check (rd_case_file_set_request (cf, request, &error), error);
  check (rd_case_file_add_review (cf, "bsc-7.01.41", "0123abcd", &error), error);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *criterion = g_strdup_printf ("c%u", i);
      check (rd_case_file_set_score (cf, "bsc-7.01.41", criterion, RD_SCORE_MET, NULL, &error), error);
    }
  {
    const char *texts[] = { "Progress note, page 1", "Progress note, page 2" };
    const gboolean layers[] = { TRUE, TRUE };

    record = rd_case_file_attach_record (cf, pdf, "progress-notes.pdf", 2, texts, layers, NULL, NULL, &error);
  }
  check (record > 0, error);
  check (rd_case_file_set_recommendation (cf, &recommendation, &error), error);
  if (sealed)
    {
      rd_test_sign_as (cf, "Script Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
      check (rd_case_file_record_decision (cf, RD_DECISION_FINAL, "medically-necessary", FALSE, NULL, &error) > 0,
             error);
      check (rd_case_file_seal (cf, &error), error);
    }
}

/* The signers' organisation, kept in $REVIEWDESK_TRUST_FILE (with its
 * administrator's key beside it) so that each case made here and the tool
 * that verifies it share one organisation. */
static void
use_trust_file (void)
{
  const char *path = g_getenv ("REVIEWDESK_TRUST_FILE");
  g_autofree char *admin_path = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  admin_path = g_strconcat (path, ".admin-key", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(RdTrust) trust = rd_trust_load (path, &error);
      g_autoptr(RdSigningKey) admin = trust ? rd_signing_key_load_file (admin_path, "test", &error) : NULL;

      check (admin != NULL, error);
      rd_test_identity_use (trust, admin);
    }
  else
    {
      rd_test_trust ();
      check (rd_signing_key_save_file (rd_test_admin_key (), admin_path, "test", &error), error);
    }
  /* Certify the reviewers first, then save the file they are in. */
  rd_test_reviewer_key ("Script Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_test_reviewer_key ("Script Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  check (rd_trust_save (rd_test_trust (), path, &error), error);
}

/* What the application adds to a case that the tool does not: evidence
 * quoted from record 1, the nurse sending the case to a medical director and
 * the director's determination. */
static void
review_case (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  RdCaseEvidence evidence = {
    .record_id = 1, .page_number = 1, .x = 72, .y = 90, .width = 300, .height = 40,
    .quote = (char *) "Pain 8/10 despite oral opioids", .target_kind = RD_EVIDENCE_TARGET_CRITERION,
    .policy_id = (char *) "bsc-7.01.41", .target_id = (char *) "pain-severe-intractable",
  };

  check (cf != NULL, error);
  rd_test_sign_as (cf, "Script Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  check (rd_case_file_add_evidence (cf, &evidence, &error) > 0, error);
  check (rd_case_file_record_decision (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "Please review the trial",
                                       &error) > 0, error);
  rd_test_sign_as (cf, "Script Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  check (rd_case_file_record_decision (cf, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                                       "The trial did not reduce the pain by half", &error) > 0, error);
}

/* A signed determination by the organisation's director (see use_trust_file()),
 * and the seal when asked. */
static void
decide_case (const char *path,
             const char *kind,
             gboolean    sealed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  gint64 id;

  check (cf != NULL, error);
  rd_test_sign_as (cf, "Script Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  if (g_str_equal (kind, "approve"))
    id = rd_case_file_record_decision (cf, RD_DECISION_FINAL, "medically-necessary", FALSE,
                                       "The intrathecal trial halved the pain", &error);
  else if (g_str_equal (kind, "deny"))
    id = rd_case_file_record_decision (cf, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                                       "The trial did not reduce the pain by half", &error);
  else
    id = rd_case_file_record_decision (cf, RD_DECISION_PEND, NULL, FALSE, "Send the trial notes", &error);
  check (id > 0, error);
  if (sealed)
    check (rd_case_file_seal (cf, &error), error);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--pdf"))
    {
      g_autoptr(GBytes) pdf = rd_test_pdf_new_simple ((guint) atoi (argv[3]));
      return g_file_set_contents (argv[2], g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL) ? 0 : 1;
    }
  if (argc == 3 && g_str_equal (argv[1], "--scan-pdf"))
    {
      g_autoptr(GBytes) pdf = rd_test_scan_pdf_new ();
      return g_file_set_contents (argv[2], g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL) ? 0 : 1;
    }
  if (argc == 3 && g_str_equal (argv[1], "--review"))
    {
      review_case (argv[2]);
      return 0;
    }
  if ((argc == 4 || (argc == 5 && g_str_equal (argv[4], "--sealed"))) && g_str_equal (argv[1], "--decide"))
    {
      use_trust_file ();
      decide_case (argv[2], argv[3], argc == 5);
      return 0;
    }
  if (argc == 2 || (argc == 3 && g_str_equal (argv[2], "--sealed")))
    {
      use_trust_file ();
      make_case (argv[1], argc == 3);
      return 0;
    }
  g_printerr ("usage: rd-test-make-case CASE [--sealed] | --pdf OUT N | --scan-pdf OUT | --review CASE"
              " | --decide CASE approve|deny|pend [--sealed]\n");
  return 2;
}
