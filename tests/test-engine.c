/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The decision engine, for every indication of both shipped policies: all met,
 * each criterion in turn not met, not documented, not applicable and unscored;
 * thresholds at their exact limits; conditional criteria; at-least groups. */
#include "config.h"

#include <string.h>

#include "policy-fixture.h"
#include "rd-engine.h"

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
  { "anthem-cg-surg-79.xml", "spasticity", 4, FALSE, "spas-severe-refractory" },
  { "anthem-cg-surg-79.xml", "pah-treprostinil", 2, TRUE, NULL },
  { "anthem-cg-surg-79.xml", "chronic-pain", 4, FALSE, "pain-severe-chronic-intractable" },
  { "anthem-cg-surg-79.xml", "pump-replacement", 2, TRUE, NULL },
  { "bsc-7.01.41.xml", "chronic-pain", 25, FALSE, "pain-no-further-surgery" },
  { "bsc-7.01.41.xml", "severe-spasticity", 8, TRUE, NULL },
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
  g_autoptr(RdEvaluation) eval = rd_engine_evaluate (policy, ind, scores);

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
  return rd_engine_evaluate (policy, ind, scores);
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

  all_not_met = rd_engine_evaluate (policy, ind, none_met);
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
  { "bsc-7.01.41.xml", "tbi-wait", 1.0, TRUE },
  { "bsc-7.01.41.xml", "tbi-wait", 0.9, FALSE },
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
  g_autofree char *ge = rd_threshold_describe (rd_policy_find_threshold (policy, "tbi-wait"));

  g_assert_cmpstr (gt, ==, "greater than 50 percent");
  g_assert_cmpstr (ge, ==, "at least 1 year");
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
      eval = rd_engine_evaluate (policy, ind, scores);
      g_assert_cmpint (eval->result, ==, i == 0 ? RD_TRUTH_FALSE : RD_TRUTH_TRUE);
      if (i == 0)
        assert_ids (eval->decisive, "pain-trial-successful");
    }
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

static RdEvaluation *
bsc_spasticity (RdScore tbi,
                RdScore wait)
{
  g_autoptr(RdPolicy) policy = load_shipped ("bsc-7.01.41.xml");
  const RdIndication *ind = rd_policy_find_indication (policy, "severe-spasticity");
  g_autoptr(GHashTable) scores = all_met (policy, ind);

  if (tbi == RD_SCORE_UNSCORED)
    g_hash_table_remove (scores, "tbi");
  else
    set_score (scores, "tbi", tbi);
  set_score (scores, "spas-tbi-wait", wait);
  return rd_engine_evaluate (policy, ind, scores);
}

static void
test_condition_tbi (void)
{
  g_autoptr(RdEvaluation) yes = bsc_spasticity (RD_SCORE_MET, RD_SCORE_NOT_MET);
  g_autoptr(RdEvaluation) no = bsc_spasticity (RD_SCORE_NOT_MET, RD_SCORE_NOT_MET);
  g_autoptr(RdEvaluation) unknown = bsc_spasticity (RD_SCORE_UNSCORED, RD_SCORE_NOT_MET);
  g_autoptr(RdEvaluation) unknown_met = bsc_spasticity (RD_SCORE_NOT_DOCUMENTED, RD_SCORE_MET);
  const RdNode *wait;

  /* spasticity after a TBI, injury less than a year ago: not met */
  g_assert_cmpint (yes->result, ==, RD_TRUTH_FALSE);
  assert_ids (yes->decisive, "spas-tbi-wait");
  g_assert_cmpstr (yes->label, ==, "Investigational");

  /* not a TBI: the one-year wait does not apply */
  g_assert_cmpint (no->result, ==, RD_TRUTH_TRUE);
  wait = find_in_tree (no->indication->root, "spas-tbi-wait");
  g_assert_cmpint (rd_evaluation_get_node_truth (no, wait), ==, RD_TRUTH_NOT_APPLICABLE);
  g_assert_true (no->nurse_may_approve);

  /* not known yet: treated as applying, and the denial waits on the answer */
  g_assert_cmpint (unknown->result, ==, RD_TRUTH_FALSE);
  g_assert_true (has_md_reason (unknown, RD_MD_REASON_CONDITION_UNKNOWN, "tbi"));

  /* met either way: the unanswered question does not matter */
  g_assert_cmpint (unknown_met->result, ==, RD_TRUTH_TRUE);
  g_assert_false (has_md_reason (unknown_met, RD_MD_REASON_CONDITION_UNKNOWN, NULL));
  g_assert_true (unknown_met->nurse_may_approve);
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
      eval = rd_engine_evaluate (policy, ind, scores);

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
  g_autoptr(RdEvaluation) eval = NULL;

  /* a request for the trial itself: no trial result to show yet */
  set_score (scores, "implant-request", RD_SCORE_NOT_MET);
  g_hash_table_remove (scores, "pain-trial-same-route");
  g_hash_table_remove (scores, "pain-successful-trial");
  /* an intravenous pump: the intraspinal guidelines do not apply */
  set_score (scores, "intraspinal-pain", RD_SCORE_NOT_MET);
  set_score (scores, "pain-life-expectancy", RD_SCORE_NOT_MET);
  eval = rd_engine_evaluate (policy, ind, scores);

  g_assert_cmpint (eval->result, ==, RD_TRUTH_TRUE);
  g_assert_cmpuint (eval->unscored->len, ==, 0);
  g_assert_cmpint (rd_evaluation_get_node_truth (eval, rd_policy_find_node (policy, "pain-policy-guidelines")),
                   ==, RD_TRUTH_NOT_APPLICABLE);
  g_assert_true (eval->nurse_may_approve);
}

/* ---- any-of, at-least, case by case, nothing applicable ---------------- */

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
  one = rd_engine_evaluate (policy, ind, scores);
  g_assert_cmpint (one->result, ==, RD_TRUTH_TRUE);
  assert_ids (one->decisive, "repl-impending-failure");
  g_assert_true (one->nurse_may_approve);

  set_score (scores, "repl-impending-failure", RD_SCORE_NOT_DOCUMENTED);
  pend = rd_engine_evaluate (policy, ind, scores);
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
      eval = rd_engine_evaluate (policy, ind, scores);
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
  g_autoptr(RdEvaluation) eval = rd_engine_evaluate (policy, ind, scores);

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
  eval = rd_engine_evaluate (policy, ind, scores);
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
  g_autoptr(RdEvaluation) eval = rd_engine_evaluate (policy, ind, scores);

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
  g_autoptr(GHashTable) scores = new_scores ();

  g_assert_true (rd_engine_node_applies (fbss, scores));
  set_score (scores, "non-malignant", RD_SCORE_NOT_DOCUMENTED);
  g_assert_true (rd_engine_node_applies (fbss, scores));
  set_score (scores, "intraspinal-pain", RD_SCORE_NOT_MET);
  g_assert_false (rd_engine_node_applies (fbss, scores));
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
  g_test_add_func ("/engine/condition/tbi", test_condition_tbi);
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
