/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which policies and indications apply to a request, and why: code lists and
 * their ranges, drug and route matchers, request types, exclusions. */
#include "config.h"

#include <string.h>

#include "rd-applicability.h"
#include "rd-case-evaluate.h"

/* The shipped policies, loaded once for the whole run (they are immutable). */
static GPtrArray *shipped;

static GPtrArray *
load_policies (void)
{
  if (shipped == NULL)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "policies", NULL);
      g_autoptr(GError) error = NULL;

      shipped = rd_policy_load_directory (dir, &error);
      g_assert_no_error (error);
    }
  return g_ptr_array_ref (shipped);
}

static char **
codes (const char *list)
{
  return list ? g_strsplit (list, " ", -1) : g_new0 (char *, 1);
}

static RdRequest *
request_new (RdRequestType  type,
             const char    *cpt,
             const char    *hcpcs,
             const char    *icd10cm,
             const char    *drug,
             const char    *route)
{
  RdRequest *request = rd_request_new ();

  request->type = type;
  request->cpt_codes = codes (cpt);
  request->hcpcs_codes = codes (hcpcs);
  request->icd10_pcs_codes = codes (NULL);
  request->icd10_cm_codes = codes (icd10cm);
  request->drug = g_strdup (drug);
  request->route = g_strdup (route);
  return request;
}

static const RdPolicyMatch *
match_for (GPtrArray  *matches,
           const char *policy_id)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const RdPolicyMatch *m = g_ptr_array_index (matches, i);
      if (g_str_equal (rd_policy_get_id (m->policy), policy_id))
        return m;
    }
  g_assert_not_reached ();
}

static gboolean
reasons_mention (GPtrArray  *reasons,
                 const char *needle)
{
  for (guint i = 0; i < reasons->len; i++)
    if (strstr (g_ptr_array_index (reasons, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static const RdExclusionHit *
exclusion_hit (const RdPolicyMatch *match,
               const char          *id)
{
  for (guint i = 0; i < match->exclusions->len; i++)
    {
      const RdExclusionHit *hit = g_ptr_array_index (match->exclusions, i);
      if (g_str_equal (hit->exclusion->id, id))
        return hit;
    }
  return NULL;
}

/* ---- matchers ----------------------------------------------------------- */

static void
test_text_matching (void)
{
  static const struct { const char *matcher, *text; gboolean matches; } cases[] = {
    { "intra-arterial", "intra-arterial", TRUE },
    { "intra-arterial", "Intra Arterial", TRUE },
    { "intra-arterial", "INTRAARTERIAL infusion", TRUE },
    { "intraarterial", "intra-arterial", TRUE },
    { "intrathecal", "Intrathecal injection", TRUE },
    { "hepatic artery", "intrahepatic artery", FALSE },
    { "intrahepatic artery", "Intra-hepatic artery", TRUE },
    { "baclofen", "Baclofen (Lioresal®)", TRUE },
    { "Lioresal", "lioresal®", TRUE },
    { "opioid", "nonopioid analgesic", FALSE },
    { "morphine", "hydromorphone", FALSE },
    { "intravenous", "", FALSE },
    { "", "anything", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s” in “%s”", cases[i].matcher, cases[i].text);
      g_assert_cmpint (rd_applicability_text_matches (cases[i].matcher, cases[i].text), ==, cases[i].matches);
    }
}

/* ---- ICD-10-CM ranges of Anthem's not-medically-necessary lists --------- */

typedef struct {
  const char *from, *to;
  const char *middle;
  const char *below, *above;  /* just outside the range */
} RangeCase;

static const RangeCase nmn_ranges[] = {
  { "E08.00", "E08.9", "E08.649", "E07.9", "E09.00" },
  { "E09.00", "E09.9", "E09.65", "E08.9", "E10.10" },
  { "E10.10", "E10.9", "E10.65", "E10.1", "E11.00" },
  { "E11.00", "E11.9", "E11.40", "E10.9", "E13.00" },
  { "E13.00", "E13.9", "E13.21", "E11.9", "E15" },
  { "O24.011", "O24.93", "O24.419", "O24.0", "O25.10" },
  { "H05.021", "H05.029", "H05.022", "H05.019", "H05.031" },
  { "M46.20", "M46.28", "M46.25", "M46.1", "M46.30" },
  { "M86.00", "M86.69", "M86.371", "M85.9", "M86.8X0" },
  { "M86.8X0", "M86.8X9", "M86.8X5", "M86.69", "M86.9" },
  { "I74.0", "I74.9", "I74.3", "I73.9", "I75.011" },
};

static const RdCodeEntry *
find_range (RdPolicy   *policy,
            const char *from,
            const RdCodeList **list_out)
{
  GPtrArray *lists = rd_policy_get_code_lists (policy);

  for (guint i = 0; i < lists->len; i++)
    {
      const RdCodeList *list = g_ptr_array_index (lists, i);
      for (guint e = 0; e < list->entries->len; e++)
        {
          const RdCodeEntry *entry = g_ptr_array_index (list->entries, e);
          if (entry->is_range && g_str_equal (entry->from, from))
            {
              *list_out = list;
              return entry;
            }
        }
    }
  return NULL;
}

static void
test_nmn_ranges (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  RdPolicy *anthem = rd_policy_find_in (policies, "anthem-cg-surg-79");
  GPtrArray *lists = rd_policy_get_code_lists (anthem);
  guint n_ranges = 0;

  /* the table covers every ICD-10-CM range of the policy */
  for (guint i = 0; i < lists->len; i++)
    {
      const RdCodeList *list = g_ptr_array_index (lists, i);
      for (guint e = 0; list->system == RD_CODE_SYSTEM_ICD10_CM && e < list->entries->len; e++)
        n_ranges += ((const RdCodeEntry *) g_ptr_array_index (list->entries, e))->is_range;
    }
  g_assert_cmpuint (n_ranges, ==, G_N_ELEMENTS (nmn_ranges));

  for (guint i = 0; i < G_N_ELEMENTS (nmn_ranges); i++)
    {
      const RangeCase *rc = &nmn_ranges[i];
      const RdCodeList *list = NULL;
      const RdCodeEntry *entry = find_range (anthem, rc->from, &list);
      const char *inside[] = { rc->from, rc->to, rc->middle };

      g_test_message ("%s-%s", rc->from, rc->to);
      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->to, ==, rc->to);
      g_assert_nonnull (list->outcome);
      for (guint k = 0; k < G_N_ELEMENTS (inside); k++)
        {
          g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "62362", NULL, inside[k], NULL, NULL);
          g_autoptr(RdPolicyMatch) match = rd_policy_match_new (anthem, request);

          g_assert_true (rd_code_list_lookup (list, inside[k]) == entry);
          /* the lists are informational: with no indication, "all other
           * uses" decides, not the code */
          g_assert_true (match->applies);
          g_assert_null (match->direct_outcome);
          g_assert_nonnull (exclusion_hit (match, "excl-other-uses"));
          g_assert_true (reasons_mention (match->reasons, inside[k]));
        }
      g_assert_false (rd_code_in_range (rc->below, entry->from, entry->to));
      g_assert_false (rd_code_in_range (rc->above, entry->from, entry->to));
    }
}

/* Codes outside every list reach no outcome by code. */
static void
test_codes_outside_lists (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  RdPolicy *anthem = rd_policy_find_in (policies, "anthem-cg-surg-79");
  const char *outside[] = { "E07.9", "E15", "O25.10", "H05.031", "M46.30", "M85.9", "I73.9", "G80.1" };

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "62362", NULL, outside[i],
                                                  "baclofen", "intrathecal");
      g_autoptr(RdPolicyMatch) match = rd_policy_match_new (anthem, request);

      g_test_message ("%s", outside[i]);
      g_assert_null (match->direct_outcome);
      g_assert_true (rd_policy_match_applies_indication (match, "spasticity"));
    }
}

static void
test_single_codes (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  RdPolicy *anthem = rd_policy_find_in (policies, "anthem-cg-surg-79");
  const RdCodeList *osteo = rd_policy_find_code_list (anthem, "icd10cm-nmn-osteomyelitis");
  const RdCodeList *pcs = rd_policy_find_code_list (anthem, "icd10pcs-criteria");

  g_assert_nonnull (rd_code_list_lookup (osteo, "M27.2"));
  g_assert_nonnull (rd_code_list_lookup (osteo, "M86.9"));
  g_assert_null (rd_code_list_lookup (osteo, "M27.3"));
  /* ICD-10-PCS ranges: both ends, not the next body part */
  g_assert_nonnull (rd_code_list_lookup (pcs, "0JH60VZ"));
  g_assert_nonnull (rd_code_list_lookup (pcs, "0JH63VZ"));
  g_assert_nonnull (rd_code_list_lookup (pcs, "0JHT3VZ"));
  g_assert_null (rd_code_list_lookup (pcs, "0JH50VZ"));
  g_assert_null (rd_code_list_lookup (pcs, "0JHD0VZ"));
  /* a range is a set along its one varying axis (the approach), not an
   * interval of strings: no vascular access device (W), no pacemaker (6),
   * no approach that does not exist (1) */
  g_assert_null (rd_code_list_lookup (pcs, "0JH60WZ"));
  g_assert_null (rd_code_list_lookup (pcs, "0JH606Z"));
  g_assert_null (rd_code_list_lookup (pcs, "0JH61VZ"));
  g_assert_null (rd_code_list_lookup (pcs, "0JH62VZ"));
  g_assert_null (rd_code_list_lookup (pcs, "0JH63WZ"));
}

/* ---- scenarios ---------------------------------------------------------- */

static void
test_hepatic_artery_chemotherapy (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "36260", NULL, "C22.0",
                                              "floxuridine", "Intra-arterial (hepatic artery)");
  g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);
  const RdPolicyMatch *anthem = match_for (matches, "anthem-cg-surg-79");
  const RdPolicyMatch *bsc = match_for (matches, "bsc-7.01.41");

  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_true (anthem->applies);
  g_assert_true (rd_policy_match_applies_indication (anthem, "liver-primary"));
  g_assert_true (rd_policy_match_applies_indication (anthem, "crc-liver-mets"));
  g_assert_false (rd_policy_match_applies_indication (anthem, "spasticity"));
  g_assert_null (anthem->direct_outcome);
  g_assert_true (reasons_mention (anthem->reasons, "36260"));

  /* listed in Blue Shield's code table, but outside its pain-and-spasticity scope */
  g_assert_false (bsc->applies);
  g_assert_true (reasons_mention (bsc->reasons, "36260"));
  g_assert_true (reasons_mention (bsc->reasons, "serves none of the uses this policy governs"));
  g_assert_null (exclusion_hit (bsc, "other-pain-spasticity-uses"));
}

static void
test_type1_diabetes_insulin_pump (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "62362", "E0783", "E10.9",
                                              "insulin", "intraperitoneal");
  g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);
  const RdPolicyMatch *anthem = match_for (matches, "anthem-cg-surg-79");
  const RdExclusionHit *hit = exclusion_hit (anthem, "excl-implantable-insulin-pump");

  g_assert_true (anthem->applies);
  g_assert_nonnull (anthem->direct_outcome);
  g_assert_cmpstr (anthem->direct_outcome->label, ==, "Not medically necessary");
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, RD_EXCLUSION_HIT_CODES);
  g_assert_nonnull (strstr (hit->reason, "insulin"));
  g_assert_true (anthem->deciding_exclusion == hit->exclusion);
  g_assert_false (match_for (matches, "bsc-7.01.41")->applies);
  g_assert_false (reasons_mention (anthem->reasons, "medical director decides"));
}

/* A review with no indication is under way only when the diagnoses lead
 * straight to an outcome: the insulin pump under Anthem, not a spasticity
 * request whose reviewer has not ticked an indication yet. */
static void
test_review_under_way (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  RdPolicy *anthem = rd_policy_find_in (policies, "anthem-cg-surg-79");
  g_autoptr(RdRequest) insulin = request_new (RD_REQUEST_TYPE_INITIAL, "62362", "E0783", "E10.9",
                                              "insulin", "intraperitoneal");
  g_autoptr(RdRequest) baclofen = request_new (RD_REQUEST_TYPE_INITIAL, "62362", "E0783", "G80.1",
                                               "baclofen", "intrathecal");
  char *none[] = { NULL };
  char *spasticity[] = { (char *) "spasticity", NULL };
  RdCaseReview review = { .policy_id = (char *) "anthem-cg-surg-79", .indications = none };

  g_assert_true (rd_case_review_is_under_way (&review, anthem, insulin));
  g_assert_false (rd_case_review_is_under_way (&review, anthem, baclofen));
  g_assert_false (rd_case_review_is_under_way (&review, NULL, insulin));
  g_assert_false (rd_case_review_is_under_way (&review, anthem, NULL));
  review.indications = spasticity;
  g_assert_true (rd_case_review_is_under_way (&review, anthem, baclofen));
}

/* Painful diabetic neuropathy under a pain pump: the diabetes code list is
 * information beside the pain indication that applies, so it does not decide;
 * it sends the case to a medical director (Anthem's reviewer note). */
static void
test_code_and_indication_conflict (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "62362", NULL, "E11.40",
                                              "morphine", "intrathecal");
  g_autoptr(RdPolicyMatch) match = rd_policy_match_new (rd_policy_find_in (policies, "anthem-cg-surg-79"), request);

  g_assert_true (match->applies);
  g_assert_true (rd_policy_match_applies_indication (match, "chronic-pain"));
  g_assert_null (match->direct_outcome);
  g_assert_cmpuint (match->referrals->len, ==, 1);
  g_assert_true (reasons_mention (match->referrals, "E11.40"));
}

static void
test_intrathecal_baclofen (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "62362", "E0783", "G80.1",
                                              "Baclofen (Lioresal®)", "INTRATHECAL");
  g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);
  const RdPolicyMatch *anthem = match_for (matches, "anthem-cg-surg-79");
  const RdPolicyMatch *bsc = match_for (matches, "bsc-7.01.41");
  const RdIndicationMatch *im = NULL;

  g_assert_true (rd_policy_match_applies_indication (anthem, "spasticity"));
  g_assert_false (rd_policy_match_applies_indication (anthem, "chronic-pain"));
  g_assert_true (rd_policy_match_applies_indication (bsc, "severe-spasticity"));
  g_assert_false (rd_policy_match_applies_indication (bsc, "chronic-pain"));
  g_assert_null (anthem->direct_outcome);
  g_assert_null (bsc->direct_outcome);

  for (guint i = 0; i < bsc->indications->len; i++)
    if (g_str_equal (((const RdIndicationMatch *) g_ptr_array_index (bsc->indications, i))->indication->id,
                     "severe-spasticity"))
      im = g_ptr_array_index (bsc->indications, i);
  g_assert_nonnull (im);
  g_assert_true (reasons_mention (im->reasons, "“Baclofen (Lioresal®)” matches “antispasticity”"));
  g_assert_true (reasons_mention (im->reasons, "“INTRATHECAL” matches “intrathecal”"));
}

static void
test_request_types (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(RdRequest) trial = request_new (RD_REQUEST_TYPE_TRIAL, "62350", NULL, "M96.1",
                                            "morphine", "intrathecal");
  g_autoptr(RdRequest) replacement = request_new (RD_REQUEST_TYPE_REPLACEMENT, "62362", "E0786", "G35",
                                                  "baclofen", "intrathecal");
  g_autoptr(GPtrArray) trial_matches = rd_applicability_evaluate (policies, trial);
  g_autoptr(GPtrArray) repl_matches = rd_applicability_evaluate (policies, replacement);
  const RdPolicyMatch *anthem = match_for (repl_matches, "anthem-cg-surg-79");
  const RdExclusionHit *convenience = exclusion_hit (anthem, "excl-replacement-convenience");

  /* Blue Shield governs the preliminary trial; Anthem, a guideline for
   * implantable pumps, does not govern a trial at all */
  g_assert_true (rd_policy_match_applies_indication (match_for (trial_matches, "bsc-7.01.41"), "chronic-pain"));
  g_assert_false (match_for (trial_matches, "anthem-cg-surg-79")->applies);
  g_assert_true (reasons_mention (match_for (trial_matches, "anthem-cg-surg-79")->reasons, "does not govern trial requests"));

  /* replacement: Anthem's replacement indication, and the convenience
   * exclusion for the reviewer to check */
  g_assert_true (rd_policy_match_applies_indication (anthem, "pump-replacement"));
  g_assert_false (rd_policy_match_applies_indication (anthem, "spasticity"));
  g_assert_nonnull (convenience);
  g_assert_cmpint (convenience->kind, ==, RD_EXCLUSION_HIT_TO_CHECK);
}

static void
test_other_uses (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  /* a spasticity drug by a route none of the indications names */
  g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "62362", NULL, "G80.1",
                                              "baclofen", "epidural");
  g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);
  const RdPolicyMatch *bsc = match_for (matches, "bsc-7.01.41");
  const RdPolicyMatch *anthem = match_for (matches, "anthem-cg-surg-79");
  const RdExclusionHit *hit = exclusion_hit (bsc, "other-pain-spasticity-uses");

  g_assert_true (bsc->applies);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, RD_EXCLUSION_HIT_OTHER_USE);
  g_assert_null (bsc->direct_outcome);
  g_assert_nonnull (exclusion_hit (anthem, "excl-other-uses"));
}

static void
test_no_listed_procedure (void)
{
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(RdRequest) request = request_new (RD_REQUEST_TYPE_INITIAL, "99213", NULL, "E10.9",
                                              "baclofen", "intrathecal");
  g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);

  for (guint i = 0; i < matches->len; i++)
    {
      const RdPolicyMatch *m = g_ptr_array_index (matches, i);
      g_assert_false (m->applies);
      g_assert_null (m->direct_outcome);
      g_assert_true (reasons_mention (m->reasons, "procedure codes"));
      g_assert_false (rd_policy_match_applies_indication (m, "spasticity"));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/applicability/text-matching", test_text_matching);
  g_test_add_func ("/applicability/codes/nmn-ranges", test_nmn_ranges);
  g_test_add_func ("/applicability/codes/outside", test_codes_outside_lists);
  g_test_add_func ("/applicability/codes/single", test_single_codes);
  g_test_add_func ("/applicability/hepatic-artery-chemotherapy", test_hepatic_artery_chemotherapy);
  g_test_add_func ("/applicability/type1-diabetes", test_type1_diabetes_insulin_pump);
  g_test_add_func ("/applicability/review-under-way", test_review_under_way);
  g_test_add_func ("/applicability/code-and-indication", test_code_and_indication_conflict);
  g_test_add_func ("/applicability/intrathecal-baclofen", test_intrathecal_baclofen);
  g_test_add_func ("/applicability/request-types", test_request_types);
  g_test_add_func ("/applicability/other-uses", test_other_uses);
  g_test_add_func ("/applicability/no-listed-procedure", test_no_listed_procedure);
  status = g_test_run ();
  g_clear_pointer (&shipped, g_ptr_array_unref);
  return status;
}
