/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The member's payer, plan and line of business: which policies intake
 * proposes, the rule the due time follows, its one extension, and the reason
 * a nurse gives for declining a proposed indication; each stored, audited and
 * replayed by verify. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rd-applicability.h"
#include "rd-case-evaluate.h"
#include "rd-case-intake.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"

static GPtrArray *
load_policies (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *policies = rd_policy_load_directory (NULL, &error);

  g_assert_no_error (error);
  return policies;
}

/* Intrathecal baclofen for spasticity: both shipped policies apply. */
static RdRequest *
spasticity_request (const char       *payer,
                    RdLineOfBusiness  line,
                    RdUrgency         urgency)
{
  RdRequest *request = rd_request_new ();
  const char *cpt[] = { "62362", NULL };
  const char *dx[] = { "G80.0", NULL };

  request->member_name = g_strdup ("Test Member");
  request->member_id = g_strdup ("SYN000001");
  request->member_birth_date = g_strdup ("1980-02-29");
  request->provider_name = g_strdup ("Synthetic Neurology Group");
  request->provider_npi = g_strdup ("1234567893");
  request->cpt_codes = g_strdupv ((char **) cpt);
  request->hcpcs_codes = g_new0 (char *, 1);
  request->icd10_pcs_codes = g_new0 (char *, 1);
  request->icd10_cm_codes = g_strdupv ((char **) dx);
  request->drug = g_strdup ("baclofen");
  request->route = g_strdup ("intrathecal");
  request->received = g_date_time_new_utc (2026, 12, 1, 9, 0, 0);
  request->payer = g_strdup (payer);
  request->line_of_business = line;
  request->urgency = urgency;
  return request;
}

static const RdPolicyMatch *
match_for (GPtrArray  *matches,
           const char *policy_id)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const RdPolicyMatch *match = g_ptr_array_index (matches, i);
      if (g_str_equal (rd_policy_get_id (match->policy), policy_id))
        return match;
    }
  g_assert_not_reached ();
}

static void
assert_contains (const char *text,
                 const char *words)
{
  if (text == NULL || strstr (text, words) == NULL)
    g_error ("“%s” does not say “%s”", text ? text : "(null)", words);
}

static RdAuditEntry *
last_entry (RdCaseFile *case_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = rd_case_file_list_audit (case_file, &error);
  RdAuditEntry *entry;

  g_assert_no_error (error);
  entry = g_ptr_array_steal_index (audit, audit->len - 1);
  return entry;
}

static guint
audit_length (RdCaseFile *case_file)
{
  g_autoptr(GPtrArray) audit = rd_case_file_list_audit (case_file, NULL);

  return audit->len;
}

/* ---- proposals ---------------------------------------------------------- */

static void
test_proposals_by_payer (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  struct {
    const char *payer;
    gboolean    bsc, anthem;
    const char *note;   /* what intake says about the payer; NULL: nothing */
  } cases[] = {
    { NULL, TRUE, TRUE, "names no payer" },
    { "  ", TRUE, TRUE, "names no payer" },
    { "Blue Shield of California", TRUE, FALSE, NULL },
    { "blue shield of california", TRUE, FALSE, NULL },
    { "Anthem", FALSE, TRUE, NULL },
    { "ANTHEM BLUE CROSS", FALSE, TRUE, NULL },
    { "Anthem (Elevance Health)", FALSE, TRUE, NULL },
    { "Kaiser Permanente", FALSE, FALSE, "No loaded policy is a policy of Kaiser Permanente" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RdRequest) request = spasticity_request (cases[i].payer, RD_LINE_OF_BUSINESS_COMMERCIAL,
                                                         RD_URGENCY_STANDARD);
      g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);
      g_autofree char *note = rd_applicability_describe_payer (policies, request);
      const RdPolicyMatch *bsc = match_for (matches, "bsc-7.01.41");
      const RdPolicyMatch *anthem = match_for (matches, "anthem-cg-surg-79");

      /* Whether a policy governs the request does not depend on the payer:
       * only whether intake proposes it. */
      g_assert_true (bsc->applies);
      g_assert_true (anthem->applies);
      g_assert_cmpint (rd_policy_match_is_proposed (bsc), ==, cases[i].bsc);
      g_assert_cmpint (rd_policy_match_is_proposed (anthem), ==, cases[i].anthem);
      if (cases[i].note)
        assert_contains (note, cases[i].note);
      else
        g_assert_null (note);
      if (!cases[i].anthem && cases[i].bsc)
        assert_contains (anthem->payer_reason, "a policy of Anthem (Elevance Health)");
      if (cases[i].bsc || cases[i].anthem)
        g_assert_cmpint (bsc->payer, ==, cases[i].bsc && cases[i].anthem ? RD_PAYER_NOT_NAMED
                                         : cases[i].bsc ? RD_PAYER_SAME : RD_PAYER_OTHER);
    }
}

/* Intake confirms only the member's payer's policies. */
static void
test_accept_by_payer (RdTestCaseFixture *fixture,
                      gconstpointer      data)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(RdRequest) request = spasticity_request ("Blue Shield of California", RD_LINE_OF_BUSINESS_COMMERCIAL,
                                                     RD_URGENCY_STANDARD);
  g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  for (guint i = 0; i < matches->len; i++)
    g_assert_true (rd_case_accept_match (fixture->case_file, g_ptr_array_index (matches, i), NULL, &error));
  g_assert_no_error (error);
  reviews = rd_case_file_list_reviews (fixture->case_file, &error);
  g_assert_cmpuint (reviews->len, ==, 1);
  g_assert_nonnull (rd_case_find_review (reviews, "bsc-7.01.41"));
}

/* ---- due rules ------------------------------------------------------------ */

static void
test_due_rules (void)
{
  struct {
    RdLineOfBusiness line;
    RdUrgency        urgency;
    GTimeSpan        span;
    guint            extension_days;
    const char      *text;
  } cases[] = {
    { RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE, RD_URGENCY_STANDARD, 7 * G_TIME_SPAN_DAY, 14,
      "Medicare Advantage, standard: 7 calendar days (CMS-0057-F)" },
    { RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE, RD_URGENCY_EXPEDITED, 72 * G_TIME_SPAN_HOUR, 14,
      "Medicare Advantage, expedited: 72 hours (CMS-0057-F)" },
    { RD_LINE_OF_BUSINESS_MEDICAID, RD_URGENCY_STANDARD, 7 * G_TIME_SPAN_DAY, 14,
      "Medicaid managed care, standard: 7 calendar days (CMS-0057-F)" },
    { RD_LINE_OF_BUSINESS_MEDICAID, RD_URGENCY_EXPEDITED, 72 * G_TIME_SPAN_HOUR, 14,
      "Medicaid managed care, expedited: 72 hours (CMS-0057-F)" },
    { RD_LINE_OF_BUSINESS_COMMERCIAL, RD_URGENCY_STANDARD, 15 * G_TIME_SPAN_DAY, 15,
      "Commercial, standard: 15 calendar days (ERISA)" },
    { RD_LINE_OF_BUSINESS_COMMERCIAL, RD_URGENCY_EXPEDITED, 72 * G_TIME_SPAN_HOUR, 0,
      "Commercial, expedited: 72 hours (ERISA)" },
    /* Not recorded (every request before lines of business): as before. */
    { RD_LINE_OF_BUSINESS_UNKNOWN, RD_URGENCY_STANDARD, 7 * G_TIME_SPAN_DAY, 0,
      "Line of business not recorded, standard: 7 calendar days, the strictest rule (CMS-0057-F)" },
    { RD_LINE_OF_BUSINESS_UNKNOWN, RD_URGENCY_EXPEDITED, 72 * G_TIME_SPAN_HOUR, 0,
      "Line of business not recorded, expedited: 72 hours, the strictest rule (CMS-0057-F)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RdRequest) request = spasticity_request (NULL, cases[i].line, cases[i].urgency);
      g_autoptr(GDateTime) due = rd_request_get_due_time (request);
      const RdDueRule *rule = rd_request_get_due_rule (request);
      g_autofree char *text = rd_due_rule_describe (rule);

      /* Due exactly then: a microsecond before is not late, one after is. */
      g_assert_cmpint (g_date_time_difference (due, request->received), ==, cases[i].span);
      g_assert_cmpuint (rule->extension_days, ==, cases[i].extension_days);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_nonnull (rule->citation);
    }

  /* Calendar days keep the time of day of the receipt's own zone. */
  {
    g_autoptr(RdRequest) request = spasticity_request (NULL, RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE,
                                                       RD_URGENCY_STANDARD);
    g_autoptr(GTimeZone) pacific = g_time_zone_new_offset (-8 * 3600);
    g_autoptr(GDateTime) due = NULL;

    g_date_time_unref (request->received);
    request->received = g_date_time_new (pacific, 2026, 12, 28, 23, 30, 0);
    due = rd_request_get_due_time (request);
    g_assert_cmpint (g_date_time_get_year (due), ==, 2027);
    g_assert_cmpint (g_date_time_get_day_of_month (due), ==, 4);
    g_assert_cmpint (g_date_time_get_hour (due), ==, 23);
  }
}

/* ---- the request in the case -------------------------------------------- */

static void
test_case_request (RdTestCaseFixture *fixture,
                   gconstpointer      data)
{
  g_autoptr(RdRequest) request = spasticity_request ("Anthem", RD_LINE_OF_BUSINESS_MEDICAID, RD_URGENCY_STANDARD);
  g_autoptr(RdRequest) back = NULL;
  g_autoptr(RdAuditEntry) entry = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;

  request->plan = g_strdup ("Medi-Cal Managed Care");
  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  g_assert_no_error (error);
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  back = rd_case_file_get_request (fixture->case_file, &error);
  g_assert_cmpstr (back->payer, ==, "Anthem");
  g_assert_cmpstr (back->plan, ==, "Medi-Cal Managed Care");
  g_assert_cmpint (back->line_of_business, ==, RD_LINE_OF_BUSINESS_MEDICAID);
  due = rd_case_file_get_due_time (fixture->case_file, &error);
  g_assert_cmpint (g_date_time_difference (due, back->received), ==, 7 * G_TIME_SPAN_DAY);

  /* Each change audited under its own name. */
  back->line_of_business = RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE;
  g_assert_true (rd_case_file_set_request (fixture->case_file, back, &error));
  entry = last_entry (fixture->case_file);
  g_assert_cmpstr (entry->target, ==, "request/line-of-business");
  g_assert_cmpstr (entry->old_value, ==, "medicaid");
  g_assert_cmpstr (entry->new_value, ==, "medicare-advantage");
  g_clear_pointer (&entry, rd_audit_entry_free);
  g_clear_pointer (&back->plan, g_free);
  g_assert_true (rd_case_file_set_request (fixture->case_file, back, &error));
  entry = last_entry (fixture->case_file);
  g_assert_cmpstr (entry->target, ==, "request/plan-name");
  g_assert_null (entry->new_value);
}

/* A payer changed with the sqlite3 shell is found by verify. */
static void
test_payer_tampered (RdTestCaseFixture *fixture,
                     gconstpointer      data)
{
  g_autoptr(RdRequest) request = spasticity_request ("Anthem", RD_LINE_OF_BUSINESS_COMMERCIAL, RD_URGENCY_STANDARD);
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  g_clear_object (&fixture->case_file);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE request SET payer = 'Blue Shield of California'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  fixture->tampered = TRUE;

  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  result = rd_case_file_verify (fixture->case_file, &error);
  g_assert_false (rd_case_verify_result_ok (result));
  assert_contains (result->replay_problem, "The member’s payer");
}

/* ---- extensions --------------------------------------------------------- */

static void
assert_refused (RdCaseFile *case_file,
                guint       hours,
                const char *reason,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  guint n = audit_length (case_file);

  g_assert_false (rd_case_file_extend_due (case_file, hours, reason, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, code);
  assert_contains (error->message, words);
  g_assert_cmpuint (audit_length (case_file), ==, n);
}

static void
test_extension (RdTestCaseFixture *fixture,
                gconstpointer      data)
{
  g_autoptr(RdRequest) request = spasticity_request ("Anthem", RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE,
                                                     RD_URGENCY_STANDARD);
  g_autoptr(RdCaseDueExtension) extension = NULL;
  g_autoptr(RdAuditEntry) entry = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  const char *why = "The member asked for time to send the trial report.";

  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  g_assert_null (rd_case_file_get_due_extension (fixture->case_file, &error));
  g_assert_no_error (error);

  /* Longer than the rule allows, or without a reason: refused. */
  assert_refused (fixture->case_file, 14 * 24 + 1, why, RD_CASE_FILE_ERROR_INVALID, "1 hour to 14 days");
  assert_refused (fixture->case_file, 0, why, RD_CASE_FILE_ERROR_INVALID, "1 hour to 14 days");
  assert_refused (fixture->case_file, 24, "  ", RD_CASE_FILE_ERROR_INVALID, "say why");

  /* Fourteen days: allowed, stored, audited. */
  g_assert_true (rd_case_file_extend_due (fixture->case_file, 14 * 24, why, &error));
  g_assert_no_error (error);
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  extension = rd_case_file_get_due_extension (fixture->case_file, &error);
  g_assert_nonnull (extension);
  g_assert_cmpuint (extension->hours, ==, 336);
  g_assert_cmpstr (extension->reason, ==, why);
  g_assert_cmpstr (extension->who, ==, "Test Nurse");
  g_assert_cmpint (extension->role, ==, RD_ROLE_NURSE_REVIEWER);
  g_assert_nonnull (extension->time);
  due = rd_case_file_get_due_time (fixture->case_file, &error);
  g_assert_cmpint (g_date_time_difference (due, request->received), ==, 21 * G_TIME_SPAN_DAY);
  entry = last_entry (fixture->case_file);
  g_assert_cmpstr (entry->action, ==, "due-extension");
  g_assert_cmpstr (entry->target, ==, "request/due");
  g_assert_cmpstr (entry->new_value, ==, "336 hours: The member asked for time to send the trial report.");

  /* Once only. */
  assert_refused (fixture->case_file, 24, why, RD_CASE_FILE_ERROR_NOT_PERMITTED, "already extended once");
  assert_refused (fixture->case_file, 1, "again", RD_CASE_FILE_ERROR_NOT_PERMITTED, "already extended once");

  /* The extension stays when the request changes: the due time follows. */
  g_clear_pointer (&due, g_date_time_unref);
  request->urgency = RD_URGENCY_EXPEDITED;
  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  due = rd_case_file_get_due_time (fixture->case_file, &error);
  g_assert_cmpint (g_date_time_difference (due, request->received), ==, (72 + 336) * G_TIME_SPAN_HOUR);
}

static void
test_extension_refused (RdTestCaseFixture *fixture,
                        gconstpointer      data)
{
  g_autoptr(RdRequest) request = spasticity_request ("Anthem", RD_LINE_OF_BUSINESS_COMMERCIAL, RD_URGENCY_EXPEDITED);
  g_autoptr(GError) error = NULL;

  request->received = (g_date_time_unref (request->received), NULL);
  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  assert_refused (fixture->case_file, 24, "why", RD_CASE_FILE_ERROR_INVALID, "received");

  request->received = g_date_time_new_utc (2026, 12, 1, 9, 0, 0);
  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  assert_refused (fixture->case_file, 24, "why", RD_CASE_FILE_ERROR_NOT_PERMITTED,
                  "Commercial, expedited: 72 hours (ERISA), allows no extension");

  request->line_of_business = RD_LINE_OF_BUSINESS_UNKNOWN;
  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  assert_refused (fixture->case_file, 24, "why", RD_CASE_FILE_ERROR_NOT_PERMITTED,
                  "record the member’s line of business first");

  /* ERISA's non-urgent extension is 15 days; a decided case is not extended. */
  request->line_of_business = RD_LINE_OF_BUSINESS_COMMERCIAL;
  request->urgency = RD_URGENCY_STANDARD;
  g_assert_true (rd_case_file_set_request (fixture->case_file, request, &error));
  assert_refused (fixture->case_file, 15 * 24 + 1, "why", RD_CASE_FILE_ERROR_INVALID, "1 hour to 15 days");
  rd_test_sign_as (fixture->case_file, "Dr Test", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  rd_test_case_decide (fixture->case_file, RD_DECISION_FINAL, "medically-necessary", FALSE, "Meets the criteria.");
  assert_refused (fixture->case_file, 24, "why", RD_CASE_FILE_ERROR_NOT_PERMITTED, "the case is decided");
}

/* ---- declined proposals ------------------------------------------------- */

static void
test_declined (RdTestCaseFixture *fixture,
               gconstpointer      data)
{
  const char *ids[] = { "spasticity", "pain", NULL };
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) declined = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  RdCaseDeclinedProposal *d;
  RdAuditEntry *entry;
  guint n;

  g_assert_true (rd_case_file_add_review (fixture->case_file, "anthem-cg-surg-79", "aa11", &error));
  g_assert_true (rd_case_file_set_indications (fixture->case_file, "anthem-cg-surg-79", ids, &error));
  n = audit_length (fixture->case_file);

  /* A reason is required. */
  g_assert_false (rd_case_file_decline_indication (fixture->case_file, "anthem-cg-surg-79", "pain", " ", &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (audit_length (fixture->case_file), ==, n);

  g_assert_true (rd_case_file_decline_indication (fixture->case_file, "anthem-cg-surg-79", "pain",
                                                  "The member is a Blue Shield member.", &error));
  g_assert_no_error (error);
  reviews = rd_case_file_list_reviews (fixture->case_file, &error);
  g_assert_cmpstrv (rd_case_find_review (reviews, "anthem-cg-surg-79")->indications,
                    ((const char * const[]) { "spasticity", NULL }));
  declined = rd_case_file_list_declined (fixture->case_file, &error);
  g_assert_cmpuint (declined->len, ==, 1);
  d = g_ptr_array_index (declined, 0);
  g_assert_cmpstr (d->indication_id, ==, "pain");
  g_assert_cmpstr (d->reason, ==, "The member is a Blue Shield member.");
  g_assert_cmpstr (d->who, ==, "Test Nurse");

  /* Two entries in one change: the list, then the reason. */
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  g_assert_cmpuint (audit->len, ==, n + 2);
  entry = g_ptr_array_index (audit, n);
  g_assert_cmpstr (entry->action, ==, "indications");
  g_assert_cmpstr (entry->new_value, ==, "spasticity");
  entry = g_ptr_array_index (audit, n + 1);
  g_assert_cmpstr (entry->action, ==, "proposal-declined");
  g_assert_cmpstr (entry->target, ==, "anthem-cg-surg-79/pain");
  g_assert_cmpstr (entry->new_value, ==, "The member is a Blue Shield member.");

  /* Put back: the reason is forgotten, audited with it as the old value. */
  g_assert_true (rd_case_file_set_indications (fixture->case_file, "anthem-cg-surg-79", ids, &error));
  g_clear_pointer (&declined, g_ptr_array_unref);
  declined = rd_case_file_list_declined (fixture->case_file, &error);
  g_assert_cmpuint (declined->len, ==, 0);
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  entry = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (entry->action, ==, "proposal-declined");
  g_assert_cmpstr (entry->old_value, ==, "The member is a Blue Shield member.");
  g_assert_null (entry->new_value);

  /* Declined again: the tear-down's verify replays all of it. */
  g_assert_true (rd_case_file_decline_indication (fixture->case_file, "anthem-cg-surg-79", "spasticity",
                                                  "Records show another use.", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/payer/proposals", test_proposals_by_payer);
  rd_test_case_add ("/payer/accept-by-payer", test_accept_by_payer);
  g_test_add_func ("/payer/due-rules", test_due_rules);
  rd_test_case_add ("/payer/case-request", test_case_request);
  rd_test_case_add ("/payer/tampered", test_payer_tampered);
  rd_test_case_add ("/payer/extension", test_extension);
  rd_test_case_add ("/payer/extension-refused", test_extension_refused);
  rd_test_case_add ("/payer/declined", test_declined);
  return g_test_run ();
}
