/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The decision engine, for every indication of both shipped policies: all met,
 * each criterion in turn not met, not documented, not applicable and unscored;
 * thresholds at their exact limits; conditional criteria; at-least groups. */
#include "config.h"

#include <stdarg.h>

#include <string.h>

#include "policy-fixture.h"
#include "rd-engine.h"
#include "rd-measurement.h"

/* The shipped policies, loaded once for the whole run (they are immutable). */
static GHashTable *shipped;

static RdPolicy *
load_shipped (const char *name)
{
  RdPolicy *policy = g_hash_table_lookup (shipped, name);

  if (policy == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "policies", name, NULL);
      g_autoptr(GError) error = NULL;

      policy = rd_policy_new_from_path (path, &error);
      g_assert_no_error (error);
      g_hash_table_insert (shipped, g_strdup (name), policy);
    }
  return g_object_ref (policy);
}

static RdPolicy *
load_fixture (const char *old,
              const char *new)
{
  g_autoptr(GString) xml = g_string_new (TEST_POLICY_XML);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RdPolicy *policy;

  if (old != NULL)
    g_assert_cmpuint (g_string_replace (xml, old, new, 1), ==, 1);
  bytes = g_bytes_new (xml->str, xml->len);
  policy = rd_policy_new_from_bytes (bytes, "test.xml", &error);
  g_assert_no_error (error);
  return policy;
}

static GHashTable *
new_scores (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
set_score (GHashTable *scores,
           const char *id,
           RdScore     score)
{
  g_hash_table_insert (scores, g_strdup (id), GINT_TO_POINTER (score));
}

/* Every criterion of @indication met and every condition answered yes. */
static GHashTable *
all_met (RdPolicy           *policy,
         const RdIndication *indication)
{
  GHashTable *scores = new_scores ();
  g_autoptr(GPtrArray) criteria = rd_policy_get_criteria (policy, indication);
  g_autoptr(GPtrArray) conditions = rd_policy_get_conditions_for (policy, indication);

  for (guint i = 0; i < criteria->len; i++)
    set_score (scores, ((const RdNode *) g_ptr_array_index (criteria, i))->id, RD_SCORE_MET);
  for (guint i = 0; i < conditions->len; i++)
    set_score (scores, ((const RdCondition *) g_ptr_array_index (conditions, i))->id, RD_SCORE_MET);
  return scores;
}

static gboolean
has_md_reason (const RdEvaluation *eval,
               RdMdReasonKind      kind,
               const char         *id)
{
  for (guint i = 0; i < eval->md_reasons->len; i++)
    {
      const RdMdReason *r = g_ptr_array_index (eval->md_reasons, i);
      if (r->kind == kind && (id == NULL || g_strcmp0 (r->id, id) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
assert_ids (GPtrArray  *ids,
            const char *expected)
{
  g_auto(GStrv) want = g_strsplit (expected, " ", -1);

  if (*expected == '\0')
    {
      g_assert_cmpuint (ids->len, ==, 0);
      return;
    }
  g_assert_cmpuint (ids->len, ==, g_strv_length (want));
  for (guint i = 0; want[i]; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, want[i]);
}

static char *
join_ids (char **ids)
{
  return g_strjoinv (" ", ids);
}

/* ---- every indication of both policies -------------------------------- */

/* The table names every indication and what a nurse may do when all its
 * criteria are met; test_table_is_complete() fails when an indication is
 * added to a policy without a row here. */
typedef struct {
  const char *file;
  const char *indication;
  guint       n_criteria;
  gboolean    nurse_may_approve_all_met;
  const char *judgement;  /* judgement criteria an approval rests on */
} IndicationCase;

static const IndicationCase indication_cases[] = {
  { "anthem-cg-surg-79.xml", "liver-primary", 2, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "crc-liver-mets", 3, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "spasticity", 4, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "pah-treprostinil", 2, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "chronic-pain", 4, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "pump-replacement", 2, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "pump-supplies", 2, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "revision-recheck", 2, TRUE, NULL },
  { "bsc-7.01.41.xml", "chronic-pain", 23, TRUE, NULL },
  { "bsc-7.01.41.xml", "severe-spasticity", 11, TRUE, NULL },
  { "bsc-7.01.41.xml", "replacement-recheck", 3, TRUE, NULL },
  { "bsc-7.01.41.xml", "revision-recheck", 2, TRUE, NULL },
  { "bsc-7.01.41.xml", "refill-recheck", 1, TRUE, NULL },
};

static void
test_table_is_complete (void)
{
  const char *files[] = { "anthem-cg-surg-79.xml", "bsc-7.01.41.xml" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(RdPolicy) policy = load_shipped (files[f]);
      GPtrArray *indications = rd_policy_get_indications (policy);

      for (guint i = 0; i < indications->len; i++)
        {
          const RdIndication *ind = g_ptr_array_index (indications, i);
          gboolean found = FALSE;

          for (guint c = 0; c < G_N_ELEMENTS (indication_cases); c++)
            found |= g_str_equal (indication_cases[c].file, files[f])
                     && g_str_equal (indication_cases[c].indication, ind->id);
          if (!found)
            g_test_message ("%s: indication %s has no row in indication_cases", files[f], ind->id);
          g_assert_true (found);
        }
    }
}

/* A criterion is required when every group above it is an all-of: then it
 * alone decides a denial or a pend. (No shipped policy uses at-least.) */
static gboolean
is_required (const RdNode *criterion)
{
  for (const RdNode *node = criterion->parent; node != NULL; node = node->parent)
    if (node->kind != RD_NODE_ALL_OF)
      return FALSE;
  return TRUE;
}

static void
check_all_met (RdPolicy             *policy,
               const RdIndication   *ind,
               const IndicationCase *tc)
{
  g_autoptr(GHashTable) scores = all_met (policy, ind);
  g_autoptr(RdEvaluation) eval = rd_engine_evaluate (policy, ind, NULL, scores);

  g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
  g_assert_true (eval->outcome == ind->met);
  g_assert_cmpstr (eval->label, ==, ind->met->label);
  g_assert_cmpuint (eval->decisive->len, >, 0);
  g_assert_cmpuint (eval->missing_documentation->len, ==, 0);
  g_assert_cmpuint (eval->unscored->len, ==, 0);
  g_assert_cmpint (eval->nurse_may_approve, ==, tc->nurse_may_approve_all_met);
  if (tc->judgement)
    g_assert_true (has_md_reason (eval, RD_MD_REASON_JUDGEMENT, tc->judgement));
  else
    g_assert_cmpuint (eval->md_reasons->len, ==, 0);
  /* only the judgement the approval rests on: not one in an any-of whose
   * other members are met (BSC's pain-other-intractable) */
  for (guint i = 0; i < eval->md_reasons->len; i++)
    g_assert_cmpstr (((const RdMdReason *) g_ptr_array_index (eval->md_reasons, i))->id, ==, tc->judgement);
  g_assert_cmpint (rd_evaluation_get_node_truth (eval, ind->root), ==, RD_TRUTH_TRUE);
}

static RdEvaluation *
evaluate_with (RdPolicy           *policy,
               const RdIndication *ind,
               const RdNode       *criterion,
               RdScore             score)
{
  g_autoptr(GHashTable) scores = all_met (policy, ind);

  if (score == RD_SCORE_UNSCORED)
    g_hash_table_remove (scores, criterion->id);
  else
    set_score (scores, criterion->id, score);
  return rd_engine_evaluate (policy, ind, NULL, scores);
}

static void
check_not_met (RdPolicy           *policy,
               const RdIndication *ind,
               const RdNode       *c)
{
  g_autoptr(RdEvaluation) eval = evaluate_with (policy, ind, c, RD_SCORE_NOT_MET);

  if (!is_required (c))
    {
      /* an any-of member: its met siblings carry the group */
      g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
      g_assert_false (rd_evaluation_is_decisive (eval, c->id));
      return;
    }
  g_assert_cmpint (eval->result, ==, RD_TRUTH_FALSE);
  g_assert_true (eval->outcome == ind->not_met);
  g_assert_cmpstr (eval->label, ==, ind->not_met->label);
  assert_ids (eval->decisive, c->id);
  g_assert_cmpuint (eval->missing_documentation->len, ==, 0);
  g_assert_false (eval->nurse_may_approve);
  g_assert_true (has_md_reason (eval, RD_MD_REASON_ADVERSE, ind->not_met->id));
  g_assert_cmpint (rd_evaluation_get_node_truth (eval, c), ==, RD_TRUTH_FALSE);
}

static void
check_not_documented (RdPolicy           *policy,
                      const RdIndication *ind,
                      const RdNode       *c)
{
  g_autoptr(RdEvaluation) eval = evaluate_with (policy, ind, c, RD_SCORE_NOT_DOCUMENTED);
  g_autofree char *documents = join_ids (c->documents);

  if (!is_required (c))
    {
      g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
      return;
    }
  g_assert_cmpint (eval->result, ==, RD_TRUTH_UNKNOWN);
  g_assert_null (eval->outcome);
  g_assert_cmpstr (eval->label, ==, "Pend: insufficient documentation");
  assert_ids (eval->decisive, c->id);
  /* the documentation that would decide it: the criterion's own items */
  g_assert_cmpuint (eval->missing_documentation->len, >, 0);
  assert_ids (eval->missing_documentation, documents);
  g_assert_false (eval->nurse_may_approve);
  g_assert_true (has_md_reason (eval, RD_MD_REASON_PEND, NULL));
}

static void
check_not_applicable (RdPolicy           *policy,
                      const RdIndication *ind,
                      const RdNode       *c)
{
  g_autoptr(RdEvaluation) eval = evaluate_with (policy, ind, c, RD_SCORE_NOT_APPLICABLE);

  if (ind->root == c)
    {
      /* the indication's only criterion: nothing is left to decide it */
      g_assert_cmpint (eval->result, ==, RD_TRUTH_UNKNOWN);
      g_assert_true (has_md_reason (eval, RD_MD_REASON_NOTHING_APPLIES, NULL));
      return;
    }
  /* the criterion drops out of its group; the others still carry it */
  g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
  g_assert_cmpint (rd_evaluation_get_node_truth (eval, c), ==, RD_TRUTH_NOT_APPLICABLE);
  g_assert_false (rd_evaluation_is_decisive (eval, c->id));
}

static void
check_unscored (RdPolicy           *policy,
                const RdIndication *ind,
                const RdNode       *c)
{
  g_autoptr(RdEvaluation) eval = evaluate_with (policy, ind, c, RD_SCORE_UNSCORED);

  assert_ids (eval->unscored, c->id);
  if (!is_required (c))
    {
      g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
      return;
    }
  g_assert_cmpint (eval->result, ==, RD_TRUTH_UNKNOWN);
  g_assert_cmpstr (eval->label, ==, "Incomplete: criteria not scored");
  g_assert_cmpuint (eval->missing_documentation->len, ==, 0);
  g_assert_true (has_md_reason (eval, RD_MD_REASON_UNSCORED, c->id));
  g_assert_false (eval->nurse_may_approve);
}

static void
test_indication (gconstpointer data)
{
  const IndicationCase *tc = data;
  g_autoptr(RdPolicy) policy = load_shipped (tc->file);
  const RdIndication *ind = rd_policy_find_indication (policy, tc->indication);
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GHashTable) none_met = new_scores ();
  g_autoptr(RdEvaluation) all_not_met = NULL;

  g_assert_nonnull (ind);
  criteria = rd_policy_get_criteria (policy, ind);
  g_assert_cmpuint (criteria->len, ==, tc->n_criteria);

  check_all_met (policy, ind, tc);
  for (guint i = 0; i < criteria->len; i++)
    {
      const RdNode *c = g_ptr_array_index (criteria, i);

      g_test_message ("%s / %s", ind->id, c->id);
      check_not_met (policy, ind, c);
      check_not_documented (policy, ind, c);
      check_not_applicable (policy, ind, c);
      check_unscored (policy, ind, c);
      set_score (none_met, c->id, RD_SCORE_NOT_MET);
    }

  all_not_met = rd_engine_evaluate (policy, ind, NULL, none_met);
  g_assert_cmpint (all_not_met->result, ==, RD_TRUTH_FALSE);
  g_assert_true (all_not_met->outcome->adverse);
}

/* ---- exact thresholds -------------------------------------------------- */

typedef struct {
  const char *file;
  const char *threshold;
  double      value;
  gboolean    passes;
} ThresholdCase;

static const ThresholdCase threshold_cases[] = {
  { "anthem-cg-surg-79.xml", "successful-trial", 50.0, FALSE },
  { "anthem-cg-surg-79.xml", "successful-trial", 50.1, TRUE },
  { "anthem-cg-surg-79.xml", "successful-trial", 49.9, FALSE },
  { "bsc-7.01.41.xml", "successful-trial", 50.0, FALSE },
  { "bsc-7.01.41.xml", "successful-trial", 50.1, TRUE },
  { "bsc-7.01.41.xml", "life-expectancy", 3.0, FALSE },
  { "bsc-7.01.41.xml", "life-expectancy", 3.1, TRUE },
  { "bsc-7.01.41.xml", "oral-antispasticity-trial-duration", 6.0, TRUE },
  { "bsc-7.01.41.xml", "oral-antispasticity-trial-duration", 5.9, FALSE },
  { "bsc-7.01.41.xml", "conservative-trial-duration", 6.0, TRUE },
  { "bsc-7.01.41.xml", "conservative-trial-duration", 5.5, FALSE },
  { "bsc-7.01.41.xml", "tbi-recent", 1.0, FALSE },
  { "bsc-7.01.41.xml", "tbi-recent", 0.9, TRUE },
  { "anthem-cg-surg-79.xml", "short-life-expectancy", 3.0, TRUE },
  { "anthem-cg-surg-79.xml", "short-life-expectancy", 3.1, FALSE },
};

static void
test_thresholds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (threshold_cases); i++)
    {
      const ThresholdCase *tc = &threshold_cases[i];
      g_autoptr(RdPolicy) policy = load_shipped (tc->file);
      const RdThreshold *t = rd_policy_find_threshold (policy, tc->threshold);

      g_test_message ("%s %s %g", tc->file, tc->threshold, tc->value);
      g_assert_nonnull (t);
      g_assert_cmpint (rd_threshold_passes (t, tc->value), ==, tc->passes);
    }
}

static void
test_threshold_describe (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");
  g_autofree char *gt = rd_threshold_describe (rd_policy_find_threshold (policy, "successful-trial"));
  g_autofree char *ge = rd_threshold_describe (rd_policy_find_threshold (policy, "oral-antispasticity-trial-duration"));
  g_autofree char *lt = rd_threshold_describe (rd_policy_find_threshold (policy, "tbi-recent"));

  g_assert_cmpstr (gt, ==, "greater than 50 percent");
  g_assert_cmpstr (ge, ==, "at least 6 weeks");
  g_assert_cmpstr (lt, ==, "less than 1 year");
  g_assert_cmpstr (rd_comparison_to_string (RD_COMPARISON_GT), ==, "gt");
}

/* A measured 50% reduction is scored not met and denies; 50.1% approves. */
static void
test_threshold_decides (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("anthem-cg-surg-79.xml");
  const RdIndication *ind = rd_policy_find_indication (policy, "chronic-pain");
  const RdNode *c;
  const double measured[] = { 50.0, 50.1 };

  c = rd_policy_find_node (policy, "pain-trial-successful");
  g_assert_nonnull (c->threshold);
  for (guint i = 0; i < G_N_ELEMENTS (measured); i++)
    {
      g_autoptr(GHashTable) scores = all_met (policy, ind);
      g_autoptr(RdEvaluation) eval = NULL;

      set_score (scores, c->id, rd_threshold_passes (c->threshold, measured[i]) ? RD_SCORE_MET : RD_SCORE_NOT_MET);
      eval = rd_engine_evaluate (policy, ind, NULL, scores);
      g_assert_cmpint (eval->result, ==, i == 0 ? RD_TRUTH_FALSE : RD_TRUTH_TRUE);
      if (i == 0)
        assert_ids (eval->decisive, "pain-trial-successful");
    }
}

typedef struct {
  const char *threshold;
  double      value, before, after;
  const char *from, *to;
  gboolean    passes;
} MeasurementCase;

/* The engine does the arithmetic a nurse would: the reduction from the pain
 * scores, the weeks or months between two dates, strictly at the limit. */
static void
test_measurements (void)
{
  static const MeasurementCase cases[] = {
    { "successful-trial", -1, 8, 4, NULL, NULL, FALSE },         /* exactly 50% */
    { "successful-trial", -1, 8, 3, NULL, NULL, TRUE },          /* 62.5% */
    { "successful-trial", -1, 10, 5, NULL, NULL, FALSE },
    { "successful-trial", -1, 10, 4.9, NULL, NULL, TRUE },
    { "successful-trial", 50.01, 0, 0, NULL, NULL, TRUE },
    { "oral-antispasticity-trial-duration", -1, 0, 0, "2026-01-01", "2026-02-12", TRUE },   /* 42 days */
    { "oral-antispasticity-trial-duration", -1, 0, 0, "2026-01-01", "2026-02-11", FALSE },
    { "conservative-trial-duration", -1, 0, 0, "2025-03-31", "2025-09-30", TRUE },
    { "conservative-trial-duration", -1, 0, 0, "2025-04-15", "2025-10-14", FALSE },
    { "life-expectancy", 3, 0, 0, NULL, NULL, FALSE },
    { "tbi-recent", -1, 0, 0, "2025-12-08", "2026-12-07", TRUE },
    { "tbi-recent", -1, 0, 0, "2025-12-07", "2026-12-07", FALSE },
  };
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MeasurementCase *mc = &cases[i];
      const RdThreshold *t = rd_policy_find_threshold (policy, mc->threshold);
      g_autoptr(RdMeasurement) m = rd_measurement_new ();
      g_autoptr(GError) error = NULL;
      gboolean passes = !mc->passes;

      g_test_message ("measurement case %u", i);
      m->has_value = mc->value >= 0;
      m->value = mc->value;
      m->has_before_after = mc->from == NULL && mc->value < 0;
      m->before = mc->before;
      m->after = mc->after;
      m->from_date = g_strdup (mc->from);
      m->to_date = g_strdup (mc->to);
      g_assert_true (rd_measurement_passes (m, t, &passes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (passes, ==, mc->passes);
    }
}

/* Impossible measurements are refused with a reason, never scored. */
static void
test_measurement_refused (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");
  const RdThreshold *percent = rd_policy_find_threshold (policy, "successful-trial");
  const RdThreshold *weeks = rd_policy_find_threshold (policy, "oral-antispasticity-trial-duration");
  g_autoptr(RdMeasurement) zero = rd_measurement_new ();
  g_autoptr(RdMeasurement) backwards = rd_measurement_new ();
  g_autoptr(RdMeasurement) empty = rd_measurement_new ();
  g_autoptr(GError) error = NULL;
  gboolean passes;

  zero->has_before_after = TRUE;
  g_assert_false (rd_measurement_passes (zero, percent, &passes, &error));
  g_assert_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_INVALID);
  g_clear_error (&error);
  backwards->from_date = g_strdup ("2026-03-01");
  backwards->to_date = g_strdup ("2026-01-01");
  g_assert_false (rd_measurement_passes (backwards, weeks, &passes, &error));
  g_assert_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_measurement_passes (backwards, percent, &passes, &error));
  g_assert_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_UNIT);
  g_clear_error (&error);
  g_assert_false (rd_measurement_passes (empty, percent, &passes, &error));
  g_assert_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_EMPTY);
}

/* ---- conditional criteria ---------------------------------------------- */

static const RdNode *
find_in_tree (const RdNode *node,
              const char   *id)
{
  if (g_strcmp0 (node->id, id) == 0)
    return node;
  for (guint i = 0; i < node->children->len; i++)
    {
      const RdNode *found = find_in_tree (g_ptr_array_index (node->children, i), id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static RdRequest *
request_of (RdRequestType  type,
            const char    *drug,
            const char    *route)
{
  RdRequest *request = rd_request_new ();

  request->type = type;
  request->drug = g_strdup (drug);
  request->route = g_strdup (route);
  return request;
}

static RdEvaluation *
bsc_spasticity (RdRequestType  type,
                const char    *id,
                RdScore        score,
                ...)
{
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");
  const RdIndication *ind = rd_policy_find_indication (policy, "severe-spasticity");
  g_autoptr(GHashTable) scores = all_met (policy, ind);
  g_autoptr(RdRequest) request = request_of (type, "baclofen", "intrathecal");
  va_list args;

  va_start (args, score);
  for (; id != NULL; id = va_arg (args, const char *), score = id ? va_arg (args, RdScore) : 0)
    set_score (scores, id, score);
  va_end (args);
  return rd_engine_evaluate (policy, ind, request, scores);
}

/* The preliminary trial and the permanent pump are two pathways: the trial is
 * decided by the Policy Guidelines, which allow dystonia; the permanent pump
 * needs the Policy Statement's spasticity and a trial that supports it. */
static void
test_pathways (void)
{
  g_autoptr(RdEvaluation) dystonia_trial =
    bsc_spasticity (RD_REQUEST_TYPE_TRIAL, "spas-refractory-spasticity", RD_SCORE_NOT_MET,
                    "spas-severe-origin", RD_SCORE_NOT_MET, NULL);
  g_autoptr(RdEvaluation) dystonia_implant =
    bsc_spasticity (RD_REQUEST_TYPE_INITIAL, "spas-refractory-spasticity", RD_SCORE_NOT_MET,
                    "spas-severe-origin", RD_SCORE_NOT_MET, NULL);
  g_autoptr(RdEvaluation) failed_trial =
    bsc_spasticity (RD_REQUEST_TYPE_INITIAL, "spas-trial-supports-implant", RD_SCORE_NOT_MET, NULL);
  g_autoptr(RdEvaluation) no_trial_record =
    bsc_spasticity (RD_REQUEST_TYPE_INITIAL, "spas-trial-supports-implant", RD_SCORE_NOT_DOCUMENTED, NULL);
  g_autoptr(RdEvaluation) trial_itself =
    bsc_spasticity (RD_REQUEST_TYPE_TRIAL, "spas-trial-supports-implant", RD_SCORE_NOT_MET, NULL);
  const RdNode *statement = find_in_tree (trial_itself->indication->root, "spas-policy-statement");

  g_assert_cmpint (dystonia_trial->result, ==, RD_TRUTH_TRUE);
  g_assert_true (dystonia_trial->nurse_may_approve);
  g_assert_cmpint (dystonia_implant->result, ==, RD_TRUTH_FALSE);
  assert_ids (dystonia_implant->decisive, "spas-severe-origin");
  g_assert_cmpstr (dystonia_implant->label, ==, "Investigational");

  /* no nurse approves a permanent pump after a failed or undocumented trial */
  g_assert_cmpint (failed_trial->result, ==, RD_TRUTH_FALSE);
  assert_ids (failed_trial->decisive, "spas-trial-supports-implant");
  g_assert_false (failed_trial->nurse_may_approve);
  g_assert_cmpint (no_trial_record->result, ==, RD_TRUTH_UNKNOWN);
  g_assert_false (no_trial_record->nurse_may_approve);

  /* the trial request never asks for the trial's own result */
  g_assert_cmpint (trial_itself->result, ==, RD_TRUTH_TRUE);
  g_assert_cmpint (rd_evaluation_get_node_truth (trial_itself, statement), ==, RD_TRUTH_NOT_APPLICABLE);
}

static void
test_condition_non_malignant (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");
  const RdIndication *ind = rd_policy_find_indication (policy, "chronic-pain");
  const RdNode *group = rd_policy_find_node (policy, "pain-conditions");
  RdScore answers[] = { RD_SCORE_MET, RD_SCORE_NOT_MET, RD_SCORE_NOT_DOCUMENTED };

  for (guint a = 0; a < G_N_ELEMENTS (answers); a++)
    {
      g_autoptr(GHashTable) scores = all_met (policy, ind);
      g_autoptr(RdEvaluation) eval = NULL;
      g_autoptr(GString) ids = g_string_new (NULL);

      set_score (scores, "non-malignant", answers[a]);
      for (guint i = 0; i < group->children->len; i++)
        {
          const RdNode *c = g_ptr_array_index (group->children, i);
          set_score (scores, c->id, RD_SCORE_NOT_MET);
          g_string_append_printf (ids, "%s%s", i ? " " : "", c->id);
        }
      eval = rd_engine_evaluate (policy, ind, NULL, scores);

      if (answers[a] == RD_SCORE_NOT_MET)
        {
          /* malignant pain: the non-malignant criteria drop out */
          g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
          g_assert_cmpint (rd_evaluation_get_node_truth (eval, group), ==, RD_TRUTH_NOT_APPLICABLE);
        }
      else
        {
          /* none of the listed pain conditions: every one of them decides */
          g_assert_cmpint (eval->result, ==, RD_TRUTH_FALSE);
          assert_ids (eval->decisive, ids->str);
          g_assert_cmpint (has_md_reason (eval, RD_MD_REASON_CONDITION_UNKNOWN, "non-malignant"), ==,
                           answers[a] == RD_SCORE_NOT_DOCUMENTED);
        }
    }
}

static void
test_condition_trial_request (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");
  const RdIndication *ind = rd_policy_find_indication (policy, "chronic-pain");
  g_autoptr(GHashTable) scores = all_met (policy, ind);
  g_autoptr(RdRequest) trial = request_of (RD_REQUEST_TYPE_TRIAL, "morphine", "intrathecal");
  g_autoptr(RdRequest) intravenous = request_of (RD_REQUEST_TYPE_INITIAL, "morphine", "intravenous");
  g_autoptr(RdEvaluation) trial_eval = NULL;
  g_autoptr(RdEvaluation) iv_eval = NULL;

  /* a request for the trial itself: no trial result to show yet */
  g_hash_table_remove (scores, "pain-trial-same-route");
  g_hash_table_remove (scores, "pain-successful-trial");
  trial_eval = rd_engine_evaluate (policy, ind, trial, scores);
  g_assert_cmpint (trial_eval->result, ==, RD_TRUTH_TRUE);
  g_assert_cmpuint (trial_eval->unscored->len, ==, 0);

  /* an intravenous pump: the intraspinal guidelines do not apply */
  set_score (scores, "pain-trial-same-route", RD_SCORE_MET);
  set_score (scores, "pain-successful-trial", RD_SCORE_MET);
  set_score (scores, "pain-life-expectancy", RD_SCORE_NOT_MET);
  iv_eval = rd_engine_evaluate (policy, ind, intravenous, scores);
  g_assert_cmpint (iv_eval->result, ==, RD_TRUTH_TRUE);
}

static void
test_any_of (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("anthem-cg-surg-79.xml");
  const RdIndication *ind = rd_policy_find_indication (policy, "pump-replacement");
  g_autoptr(GHashTable) scores = new_scores ();
  g_autoptr(RdEvaluation) one = NULL;
  g_autoptr(RdEvaluation) pend = NULL;

  set_score (scores, "repl-device-not-functioning", RD_SCORE_NOT_MET);
  set_score (scores, "repl-impending-failure", RD_SCORE_MET);
  one = rd_engine_evaluate (policy, ind, NULL, scores);
  g_assert_cmpint (one->result, ==, RD_TRUTH_TRUE);
  assert_ids (one->decisive, "repl-impending-failure");
  g_assert_true (one->nurse_may_approve);

  set_score (scores, "repl-impending-failure", RD_SCORE_NOT_DOCUMENTED);
  pend = rd_engine_evaluate (policy, ind, NULL, scores);
  g_assert_cmpint (pend->result, ==, RD_TRUTH_UNKNOWN);
  assert_ids (pend->decisive, "repl-impending-failure");
  assert_ids (pend->missing_documentation, "doc-repl-eri-notification");
}

typedef struct {
  RdScore     c1, c2, c3, tbi;
  RdTruth     result;
  const char *decisive;
  gboolean    nurse;
} AtLeastCase;

static void
test_at_least (void)
{
  static const AtLeastCase cases[] = {
    /* 2 of 3 */
    { RD_SCORE_MET, RD_SCORE_MET, RD_SCORE_NOT_MET, RD_SCORE_MET, RD_TRUTH_TRUE, "c1 c2", TRUE },
    { RD_SCORE_MET, RD_SCORE_MET, RD_SCORE_MET, RD_SCORE_MET, RD_TRUTH_TRUE, "c1 c2 c3", TRUE },
    { RD_SCORE_MET, RD_SCORE_NOT_DOCUMENTED, RD_SCORE_NOT_MET, RD_SCORE_MET, RD_TRUTH_UNKNOWN, "c2", FALSE },
    { RD_SCORE_NOT_MET, RD_SCORE_NOT_MET, RD_SCORE_MET, RD_SCORE_MET, RD_TRUTH_FALSE, "c1 c2", FALSE },
    /* c2 does not apply: c1 and c3 must both be met; c3 needs judgement */
    { RD_SCORE_MET, RD_SCORE_NOT_MET, RD_SCORE_MET, RD_SCORE_NOT_MET, RD_TRUTH_TRUE, "c1 c3", FALSE },
    { RD_SCORE_MET, RD_SCORE_MET, RD_SCORE_NOT_MET, RD_SCORE_NOT_MET, RD_TRUTH_FALSE, "c3", FALSE },
  };
  g_autoptr(RdPolicy) policy = load_fixture (NULL, NULL);
  const RdIndication *ind = rd_policy_find_indication (policy, "ind");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) scores = new_scores ();
      g_autoptr(RdEvaluation) eval = NULL;

      set_score (scores, "c1", cases[i].c1);
      set_score (scores, "c2", cases[i].c2);
      set_score (scores, "c3", cases[i].c3);
      set_score (scores, "tbi", cases[i].tbi);
      eval = rd_engine_evaluate (policy, ind, NULL, scores);
      g_test_message ("at-least case %u", i);
      g_assert_cmpint (eval->result, ==, cases[i].result);
      assert_ids (eval->decisive, cases[i].decisive);
      g_assert_cmpint (eval->nurse_may_approve, ==, cases[i].nurse);
    }
}

static void
test_case_by_case (void)
{
  g_autoptr(RdPolicy) policy = load_fixture ("request=\"initial\"", "request=\"initial\" case-by-case=\"true\"");
  const RdIndication *ind = rd_policy_find_indication (policy, "ind");
  g_autoptr(GHashTable) scores = all_met (policy, ind);
  g_autoptr(RdEvaluation) eval = rd_engine_evaluate (policy, ind, NULL, scores);

  g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
  g_assert_false (eval->nurse_may_approve);
  g_assert_true (has_md_reason (eval, RD_MD_REASON_CASE_BY_CASE, "ind"));
}

static void
test_nothing_applies (void)
{
  g_autoptr(RdPolicy) policy = load_fixture (NULL, NULL);
  const RdIndication *ind = rd_policy_find_indication (policy, "ind");
  g_autoptr(GHashTable) scores = new_scores ();
  g_autoptr(RdEvaluation) eval = NULL;

  set_score (scores, "c1", RD_SCORE_NOT_APPLICABLE);
  set_score (scores, "c2", RD_SCORE_NOT_APPLICABLE);
  set_score (scores, "c3", RD_SCORE_NOT_APPLICABLE);
  eval = rd_engine_evaluate (policy, ind, NULL, scores);
  g_assert_cmpint (eval->result, ==, RD_TRUTH_UNKNOWN);
  g_assert_true (has_md_reason (eval, RD_MD_REASON_NOTHING_APPLIES, NULL));
  g_assert_false (eval->nurse_may_approve);
}

static void
test_partial_added_by_caller (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("anthem-cg-surg-79.xml");
  const RdIndication *ind = rd_policy_find_indication (policy, "pah-treprostinil");
  g_autoptr(GHashTable) scores = all_met (policy, ind);
  g_autoptr(RdEvaluation) eval = rd_engine_evaluate (policy, ind, NULL, scores);

  g_assert_true (eval->nurse_may_approve);
  rd_evaluation_add_md_reason (eval, RD_MD_REASON_PARTIAL, NULL, "Only one of two services is approved.");
  g_assert_false (eval->nurse_may_approve);
  g_assert_true (has_md_reason (eval, RD_MD_REASON_PARTIAL, NULL));
}

static void
test_node_applies (void)
{
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");
  const RdNode *fbss = rd_policy_find_node (policy, "pain-fbss");
  const RdNode *result = rd_policy_find_node (policy, "pain-successful-trial");
  g_autoptr(GHashTable) scores = new_scores ();
  g_autoptr(RdRequest) intrathecal = request_of (RD_REQUEST_TYPE_INITIAL, "morphine", "intrathecal");
  g_autoptr(RdRequest) intravenous = request_of (RD_REQUEST_TYPE_INITIAL, "morphine", "intravenous");
  g_autoptr(RdRequest) trial = request_of (RD_REQUEST_TYPE_TRIAL, "morphine", "intrathecal");

  g_assert_true (rd_engine_node_applies (fbss, NULL, scores));
  g_assert_true (rd_engine_node_applies (fbss, intrathecal, scores));
  set_score (scores, "non-malignant", RD_SCORE_NOT_DOCUMENTED);
  g_assert_true (rd_engine_node_applies (fbss, intrathecal, scores));
  g_assert_false (rd_engine_node_applies (fbss, intravenous, scores));
  set_score (scores, "non-malignant", RD_SCORE_NOT_MET);
  g_assert_false (rd_engine_node_applies (fbss, intrathecal, scores));
  g_assert_true (rd_engine_node_applies (result, intrathecal, scores));
  g_assert_false (rd_engine_node_applies (result, trial, scores));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  shipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_test_add_func ("/engine/table-complete", test_table_is_complete);
  for (guint i = 0; i < G_N_ELEMENTS (indication_cases); i++)
    {
      g_autofree char *policy = g_strndup (indication_cases[i].file, strlen (indication_cases[i].file) - 4);
      g_autofree char *name = g_strdup_printf ("/engine/indication/%s/%s", policy, indication_cases[i].indication);
      g_test_add_data_func (name, &indication_cases[i], test_indication);
    }
  g_test_add_func ("/engine/threshold/limits", test_thresholds);
  g_test_add_func ("/engine/threshold/describe", test_threshold_describe);
  g_test_add_func ("/engine/threshold/decides", test_threshold_decides);
  g_test_add_func ("/engine/pathways", test_pathways);
  g_test_add_func ("/engine/measurements", test_measurements);
  g_test_add_func ("/engine/measurement-refused", test_measurement_refused);
  g_test_add_func ("/engine/condition/non-malignant", test_condition_non_malignant);
  g_test_add_func ("/engine/condition/trial-request", test_condition_trial_request);
  g_test_add_func ("/engine/any-of", test_any_of);
  g_test_add_func ("/engine/at-least", test_at_least);
  g_test_add_func ("/engine/case-by-case", test_case_by_case);
  g_test_add_func ("/engine/nothing-applies", test_nothing_applies);
  g_test_add_func ("/engine/partial", test_partial_added_by_caller);
  g_test_add_func ("/engine/node-applies", test_node_applies);
  status = g_test_run ();
  g_hash_table_unref (shipped);
  return status;
}
