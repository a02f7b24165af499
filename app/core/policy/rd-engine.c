/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-engine.h"
#include "rd-words.h"

G_DEFINE_BOXED_TYPE (RdEvaluation, rd_evaluation, rd_evaluation_ref, rd_evaluation_unref)

static const char * const truth_names[] = {
  [RD_TRUTH_FALSE] = "false",
  [RD_TRUTH_TRUE] = "true",
  [RD_TRUTH_UNKNOWN] = "unknown",
  [RD_TRUTH_NOT_APPLICABLE] = "not-applicable",
};

const char *
rd_truth_to_string (RdTruth truth)
{
  g_return_val_if_fail (truth <= RD_TRUTH_NOT_APPLICABLE, NULL);
  return truth_names[truth];
}

static void
md_reason_free (RdMdReason *reason)
{
  g_free (reason->id);
  g_free (reason->text);
  g_free (reason);
}

RdEvaluation *
rd_evaluation_ref (RdEvaluation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rd_evaluation_unref (RdEvaluation *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->label);
  g_ptr_array_unref (self->decisive);
  g_ptr_array_unref (self->missing_documentation);
  g_ptr_array_unref (self->unscored);
  g_ptr_array_unref (self->md_reasons);
  g_hash_table_unref (self->node_truth);
  g_clear_object (&self->policy);
  g_free (self);
}

/**
 * rd_evaluation_get_node_truth:
 * @node: a node of the evaluated indication's tree
 *
 * Returns: what @node evaluated to, for showing a group's or criterion's state
 */
RdTruth
rd_evaluation_get_node_truth (const RdEvaluation *self,
                              const RdNode       *node)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, RD_TRUTH_UNKNOWN);

  value = g_hash_table_lookup (self->node_truth, node);
  return value ? (RdTruth) (GPOINTER_TO_INT (value) - 1) : RD_TRUTH_UNKNOWN;
}

static gboolean
strv_array_contains (GPtrArray  *array,
                     const char *id)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), id))
      return TRUE;
  return FALSE;
}

/**
 * rd_evaluation_is_decisive:
 *
 * Returns: whether @criterion_id is among the criteria that decide the result
 */
gboolean
rd_evaluation_is_decisive (const RdEvaluation *self,
                           const char         *criterion_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return criterion_id != NULL && strv_array_contains (self->decisive, criterion_id);
}

/**
 * rd_evaluation_add_md_reason:
 * @kind: e.g. %RD_MD_REASON_PARTIAL
 * @id: (nullable): the record it concerns
 * @text: a translated sentence
 *
 * Adds a reason for a medical director to decide; a nurse may then no longer
 * approve. For callers that combine evaluations (a partial approval).
 */
void
rd_evaluation_add_md_reason (RdEvaluation   *self,
                             RdMdReasonKind  kind,
                             const char     *id,
                             const char     *text)
{
  RdMdReason *reason;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  reason = g_new0 (RdMdReason, 1);
  reason->kind = kind;
  reason->id = g_strdup (id);
  reason->text = g_strdup (text);
  g_ptr_array_add (self->md_reasons, reason);
  self->nurse_may_approve = FALSE;
}

/* ---- evaluation ------------------------------------------------------- */

static RdScore
lookup_score (GHashTable *scores,
              const char *id)
{
  if (scores == NULL || id == NULL)
    return RD_SCORE_UNSCORED;
  return (RdScore) GPOINTER_TO_INT (g_hash_table_lookup (scores, id));
}

typedef enum { ANSWER_YES, ANSWER_NO, ANSWER_UNKNOWN } Answer;

static Answer
condition_answer (GHashTable *scores,
                  const char *condition_id)
{
  switch (lookup_score (scores, condition_id))
    {
    case RD_SCORE_MET: return ANSWER_YES;
    case RD_SCORE_NOT_MET:
    case RD_SCORE_NOT_APPLICABLE: return ANSWER_NO;
    default: return ANSWER_UNKNOWN;
    }
}


/**
 * rd_md_reason_kind_needs_physician:
 *
 * Returns: whether a reason of @kind takes a physician; the others (a pend for
 *   documentation, criteria or questions not yet answered) are for the nurse to
 *   complete
 */
gboolean
rd_md_reason_kind_needs_physician (RdMdReasonKind kind)
{
  return kind != RD_MD_REASON_PEND && kind != RD_MD_REASON_UNSCORED
         && kind != RD_MD_REASON_CONDITION_UNKNOWN;
}

static gboolean
route_named (char       **routes,
             const char  *route)
{
  for (guint i = 0; routes[i]; i++)
    if (rd_words_match (routes[i], route))
      return TRUE;
  return FALSE;
}

/**
 * rd_engine_node_in_pathway:
 * @node: a criterion or group
 * @request: (nullable): the request; %NULL puts every node in the pathway
 *
 * Returns: %FALSE when @node, or a group around it, belongs to another request
 *   type (the preliminary trial, the permanent pump) or to other routes than
 *   the request's
 */
gboolean
rd_engine_node_in_pathway (const RdNode    *node,
                           const RdRequest *request)
{
  if (request == NULL)
    return TRUE;
  for (; node != NULL; node = node->parent)
    {
      if (node->request_types != 0 && !(node->request_types & (1u << request->type)))
        return FALSE;
      if (node->routes != NULL && node->routes[0] != NULL
          && (request->route == NULL || !route_named (node->routes, request->route)))
        return FALSE;
    }
  return TRUE;
}

/**
 * rd_engine_node_applies:
 * @node: a criterion or group
 * @request: (nullable): the request
 * @scores: (nullable): the scores and condition answers
 *
 * Returns: %FALSE when @node is outside the request's pathway or a condition
 *   of @node or of a group around it is answered no; %TRUE otherwise (an
 *   unanswered condition counts as applying)
 */
gboolean
rd_engine_node_applies (const RdNode    *node,
                        const RdRequest *request,
                        GHashTable      *scores)
{
  if (!rd_engine_node_in_pathway (node, request))
    return FALSE;
  for (; node != NULL; node = node->parent)
    if (node->when != NULL && condition_answer (scores, node->when) == ANSWER_NO)
      return FALSE;
  return TRUE;
}

/* One pass over a tree. A recording pass (eval set) keeps every node's truth
 * and the unscored criteria; a probe pass (eval NULL) only answers "what if
 * @override_id were scored @override_score", to tell whether the result
 * depends on a criterion or a condition. */
typedef struct {
  GHashTable      *scores;
  RdEvaluation    *eval;
  const char      *override_id;
  RdScore          override_score;
  const RdRequest *request;
} Context;

static RdScore
context_score (Context    *ctx,
               const char *id)
{
  if (ctx->override_id != NULL && g_strcmp0 (id, ctx->override_id) == 0)
    return ctx->override_score;
  return lookup_score (ctx->scores, id);
}

static Answer
context_answer (Context    *ctx,
                const char *condition_id)
{
  switch (context_score (ctx, condition_id))
    {
    case RD_SCORE_MET: return ANSWER_YES;
    case RD_SCORE_NOT_MET:
    case RD_SCORE_NOT_APPLICABLE: return ANSWER_NO;
    default: return ANSWER_UNKNOWN;
    }
}

static void
set_truth (Context      *ctx,
           const RdNode *node,
           RdTruth       truth)
{
  if (ctx->eval != NULL)
    g_hash_table_insert (ctx->eval->node_truth, (gpointer) node, GINT_TO_POINTER (truth + 1));
}

static void
mark_not_applicable (Context      *ctx,
                     const RdNode *node)
{
  set_truth (ctx, node, RD_TRUTH_NOT_APPLICABLE);
  for (guint i = 0; i < node->children->len; i++)
    mark_not_applicable (ctx, g_ptr_array_index (node->children, i));
}

static RdTruth
score_truth (RdScore score)
{
  switch (score)
    {
    case RD_SCORE_MET: return RD_TRUTH_TRUE;
    case RD_SCORE_NOT_MET: return RD_TRUTH_FALSE;
    case RD_SCORE_NOT_APPLICABLE: return RD_TRUTH_NOT_APPLICABLE;
    case RD_SCORE_NOT_DOCUMENTED:
    case RD_SCORE_UNSCORED:
    default: return RD_TRUTH_UNKNOWN;
    }
}

static RdTruth
combine (const RdNode *node,
         guint         n_true,
         guint         n_false,
         guint         n_unknown)
{
  guint n_applicable = n_true + n_false + n_unknown;

  if (n_applicable == 0)
    return RD_TRUTH_NOT_APPLICABLE;
  switch (node->kind)
    {
    case RD_NODE_ALL_OF:
      return n_false ? RD_TRUTH_FALSE : n_unknown ? RD_TRUTH_UNKNOWN : RD_TRUTH_TRUE;
    case RD_NODE_ANY_OF:
      return n_true ? RD_TRUTH_TRUE : n_unknown ? RD_TRUTH_UNKNOWN : RD_TRUTH_FALSE;
    case RD_NODE_AT_LEAST:
      if (n_true >= node->n)
        return RD_TRUTH_TRUE;
      if (n_true + n_unknown < node->n)
        return RD_TRUTH_FALSE;
      return RD_TRUTH_UNKNOWN;
    case RD_NODE_CRITERION:
    default:
      g_return_val_if_reached (RD_TRUTH_UNKNOWN);
    }
}

/* The outermost node of a pathway: the one that names the request types or
 * routes itself (its children are marked along with it). */
static gboolean
node_starts_pathway (const RdNode *node)
{
  return node->request_types != 0 || (node->routes != NULL && node->routes[0] != NULL);
}

static RdTruth
evaluate (Context      *ctx,
          const RdNode *node)
{
  guint counts[RD_TRUTH_NOT_APPLICABLE + 1] = { 0 };
  RdTruth truth;

  if ((node->when != NULL && context_answer (ctx, node->when) == ANSWER_NO)
      || (ctx->request != NULL && !rd_engine_node_in_pathway (node, ctx->request) && node_starts_pathway (node)))
    {
      mark_not_applicable (ctx, node);
      return RD_TRUTH_NOT_APPLICABLE;
    }

  if (node->kind == RD_NODE_CRITERION)
    {
      RdScore score = context_score (ctx, node->id);

      if (score == RD_SCORE_UNSCORED && ctx->eval != NULL)
        g_ptr_array_add (ctx->eval->unscored, g_strdup (node->id));
      truth = score_truth (score);
    }
  else
    {
      for (guint i = 0; i < node->children->len; i++)
        counts[evaluate (ctx, g_ptr_array_index (node->children, i))]++;
      truth = combine (node, counts[RD_TRUTH_TRUE], counts[RD_TRUTH_FALSE], counts[RD_TRUTH_UNKNOWN]);
    }
  set_truth (ctx, node, truth);
  return truth;
}

/* The criteria a result rests on: below every group, the children that
 * evaluated to what the group did (the not-met ones of a failed all-of, the
 * met ones of an any-of, the unknown ones of a pend). */
static void
collect_decisive (Context      *ctx,
                  const RdNode *node,
                  GPtrArray    *out)
{
  RdTruth truth = rd_evaluation_get_node_truth (ctx->eval, node);

  if (node->kind == RD_NODE_CRITERION)
    {
      g_ptr_array_add (out, (gpointer) node);
      return;
    }
  for (guint i = 0; i < node->children->len; i++)
    {
      const RdNode *child = g_ptr_array_index (node->children, i);
      if (rd_evaluation_get_node_truth (ctx->eval, child) == truth)
        collect_decisive (ctx, child, out);
    }
}

static void
add_reason (RdEvaluation   *eval,
            RdMdReasonKind  kind,
            const char     *id,
            char           *text)
{
  rd_evaluation_add_md_reason (eval, kind, id, text);
  g_free (text);
}

/* Whether the result would differ if @id were scored @score instead. */
static gboolean
result_depends_on (Context      *ctx,
                   const RdNode *root,
                   RdTruth       result,
                   const char   *id,
                   RdScore       score)
{
  Context probe = { ctx->scores, NULL, id, score, ctx->request };
  RdTruth truth = evaluate (&probe, root);

  if (truth == RD_TRUTH_NOT_APPLICABLE)
    truth = RD_TRUTH_UNKNOWN;
  return truth != result;
}

static gboolean
has_reason (RdEvaluation   *eval,
            RdMdReasonKind  kind,
            const char     *id)
{
  for (guint i = 0; i < eval->md_reasons->len; i++)
    {
      RdMdReason *r = g_ptr_array_index (eval->md_reasons, i);
      if (r->kind == kind && g_strcmp0 (r->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A condition above a decisive criterion that is not answered, and whose
 * answer "no" (the criterion then drops out) would change the result. */
static void
check_conditions (Context      *ctx,
                  const RdNode *leaf,
                  RdPolicy     *policy)
{
  const RdNode *root = leaf->indication->root;

  for (const RdNode *node = leaf; node != NULL; node = node->parent)
    {
      const RdCondition *condition;

      if (node->when == NULL || condition_answer (ctx->scores, node->when) != ANSWER_UNKNOWN
          || has_reason (ctx->eval, RD_MD_REASON_CONDITION_UNKNOWN, node->when)
          || !result_depends_on (ctx, root, ctx->eval->result, node->when, RD_SCORE_NOT_MET))
        continue;
      condition = rd_policy_find_condition (policy, node->when);
      add_reason (ctx->eval, RD_MD_REASON_CONDITION_UNKNOWN, condition->id,
                  g_strdup_printf (_("The result depends on a question not yet answered: “%s”"),
                                   condition->question));
    }
}

static void
explain (Context            *ctx,
         RdPolicy           *policy,
         const RdIndication *indication,
         GPtrArray          *decisive)
{
  RdEvaluation *eval = ctx->eval;

  for (guint i = 0; i < decisive->len; i++)
    {
      const RdNode *leaf = g_ptr_array_index (decisive, i);
      RdScore score = lookup_score (ctx->scores, leaf->id);

      g_ptr_array_add (eval->decisive, g_strdup (leaf->id));
      if (score == RD_SCORE_NOT_DOCUMENTED)
        for (guint d = 0; leaf->documents[d]; d++)
          if (!strv_array_contains (eval->missing_documentation, leaf->documents[d]))
            g_ptr_array_add (eval->missing_documentation, g_strdup (leaf->documents[d]));
      if (score == RD_SCORE_UNSCORED)
        add_reason (eval, RD_MD_REASON_UNSCORED, leaf->id,
                    g_strdup_printf (_("Not scored yet: %s"), leaf->text));
      if (leaf->judgement
          && result_depends_on (ctx, indication->root, eval->result, leaf->id, RD_SCORE_NOT_DOCUMENTED))
        add_reason (eval, RD_MD_REASON_JUDGEMENT, leaf->id,
                    g_strdup_printf (_("Needs a physician’s judgement: %s"), leaf->text));
      check_conditions (ctx, leaf, policy);
    }

  if (indication->case_by_case)
    add_reason (eval, RD_MD_REASON_CASE_BY_CASE, indication->id,
                g_strdup (_("The policy reviews this indication case by case.")));
}

/**
 * rd_engine_evaluate:
 * @policy: the policy that holds @indication
 * @indication: the indication to evaluate
 * @request: (nullable): the request, whose type and route choose the pathway
 *   (criteria of another pathway are not applicable); %NULL: every pathway
 * @scores: (nullable) (element-type utf8 gint): criterion and condition ids to
 *   #RdScore values (GINT_TO_POINTER); a missing id is unscored
 *
 * Evaluates @indication's tree with three-valued logic and explains the result.
 *
 * Returns: (transfer full): the evaluation
 */
RdEvaluation *
rd_engine_evaluate (RdPolicy           *policy,
                    const RdIndication *indication,
                    const RdRequest    *request,
                    GHashTable         *scores)
{
  RdEvaluation *eval;
  g_autoptr(GPtrArray) decisive = g_ptr_array_new ();
  Context ctx = { scores, NULL, NULL, RD_SCORE_UNSCORED, request };
  RdTruth truth;
  gboolean incomplete = FALSE;

  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (indication != NULL && indication->root != NULL, NULL);

  eval = g_new0 (RdEvaluation, 1);
  g_atomic_ref_count_init (&eval->ref_count);
  eval->policy = g_object_ref (policy);
  eval->indication = indication;
  eval->decisive = g_ptr_array_new_with_free_func (g_free);
  eval->missing_documentation = g_ptr_array_new_with_free_func (g_free);
  eval->unscored = g_ptr_array_new_with_free_func (g_free);
  eval->md_reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) md_reason_free);
  eval->node_truth = g_hash_table_new (g_direct_hash, g_direct_equal);

  ctx.eval = eval;
  truth = evaluate (&ctx, indication->root);

  if (truth == RD_TRUTH_NOT_APPLICABLE)
    {
      eval->result = RD_TRUTH_UNKNOWN;
      eval->label = g_strdup (_("Pend: insufficient documentation"));
      add_reason (eval, RD_MD_REASON_NOTHING_APPLIES, NULL,
                  g_strdup (_("Every criterion is scored not applicable: the scores do not decide the case.")));
      return eval;
    }

  eval->result = truth;
  collect_decisive (&ctx, indication->root, decisive);
  explain (&ctx, policy, indication, decisive);

  switch (truth)
    {
    case RD_TRUTH_TRUE:
      eval->outcome = indication->met;
      break;
    case RD_TRUTH_FALSE:
      eval->outcome = indication->not_met;
      break;
    case RD_TRUTH_UNKNOWN:
    case RD_TRUTH_NOT_APPLICABLE:
    default:
      for (guint i = 0; i < decisive->len; i++)
        if (lookup_score (scores, ((const RdNode *) g_ptr_array_index (decisive, i))->id) == RD_SCORE_UNSCORED)
          incomplete = TRUE;
      break;
    }

  if (eval->outcome != NULL)
    {
      eval->label = g_strdup (eval->outcome->label);
      if (eval->outcome->adverse)
        add_reason (eval, RD_MD_REASON_ADVERSE, eval->outcome->id,
                    g_strdup_printf (_("“%s” is an adverse determination: only a medical director may issue it."),
                                     eval->outcome->label));
    }
  else if (incomplete)
    eval->label = g_strdup (_("Incomplete: criteria not scored"));
  else
    {
      eval->label = g_strdup (_("Pend: insufficient documentation"));
      add_reason (eval, RD_MD_REASON_PEND, NULL,
                  g_strdup (_("The documentation does not decide the case: request the missing documentation or refer it.")));
    }

  eval->nurse_may_approve = truth == RD_TRUTH_TRUE && eval->outcome != NULL
                            && !eval->outcome->adverse && eval->md_reasons->len == 0;
  return eval;
}

/* ---- thresholds ------------------------------------------------------- */

/**
 * rd_threshold_passes:
 * @threshold: a threshold
 * @measured: the value measured for the case, in the threshold's unit
 *
 * "Greater than 50" (gt 50): 50 fails, 50.1 passes.
 *
 * Returns: whether @measured passes @threshold
 */
gboolean
rd_threshold_passes (const RdThreshold *threshold,
                     double             measured)
{
  g_return_val_if_fail (threshold != NULL, FALSE);

  switch (threshold->comparison)
    {
    case RD_COMPARISON_GT: return measured > threshold->value;
    case RD_COMPARISON_GE: return measured >= threshold->value;
    case RD_COMPARISON_LT: return measured < threshold->value;
    case RD_COMPARISON_LE: return measured <= threshold->value;
    default: g_return_val_if_reached (FALSE);
    }
}

/**
 * rd_comparison_to_string:
 *
 * Returns: "gt", "ge", "lt" or "le"
 */
const char *
rd_comparison_to_string (RdComparison comparison)
{
  static const char * const names[] = { "gt", "ge", "lt", "le" };

  g_return_val_if_fail (comparison <= RD_COMPARISON_LE, NULL);
  return names[comparison];
}

/**
 * rd_threshold_describe:
 *
 * Returns: (transfer full): e.g. "greater than 50 percent", translated
 */
char *
rd_threshold_describe (const RdThreshold *threshold)
{
  g_return_val_if_fail (threshold != NULL, NULL);

  switch (threshold->comparison)
    {
    case RD_COMPARISON_GT:
      /* Translators: a threshold, e.g. "greater than 50 percent" */
      return g_strdup_printf (_("greater than %s %s"), threshold->value_text, threshold->unit);
    case RD_COMPARISON_GE:
      return g_strdup_printf (_("at least %s %s"), threshold->value_text, threshold->unit);
    case RD_COMPARISON_LT:
      return g_strdup_printf (_("less than %s %s"), threshold->value_text, threshold->unit);
    case RD_COMPARISON_LE:
      return g_strdup_printf (_("at most %s %s"), threshold->value_text, threshold->unit);
    default:
      g_return_val_if_reached (NULL);
    }
}
