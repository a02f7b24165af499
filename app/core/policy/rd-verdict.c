/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-verdict.h"

void
rd_verdict_free (RdVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_clear_object (&verdict->policy);
  g_clear_pointer (&verdict->match, rd_policy_match_free);
  g_clear_pointer (&verdict->evaluations, g_ptr_array_unref);
  g_free (verdict->outcome_id);
  g_free (verdict->label);
  g_clear_pointer (&verdict->decisive, g_ptr_array_unref);
  g_clear_pointer (&verdict->missing_documentation, g_ptr_array_unref);
  g_clear_pointer (&verdict->md_reasons, g_ptr_array_unref);
  g_free (verdict);
}

static void
add_unique (GPtrArray  *array,
            const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (array->pdata[i], text))
      return;
  g_ptr_array_add (array, g_strdup (text));
}

static void
take_from (RdVerdict    *verdict,
           RdEvaluation *eval)
{
  for (guint i = 0; i < eval->decisive->len; i++)
    add_unique (verdict->decisive, eval->decisive->pdata[i]);
  for (guint i = 0; i < eval->missing_documentation->len; i++)
    add_unique (verdict->missing_documentation, eval->missing_documentation->pdata[i]);
  for (guint i = 0; i < eval->md_reasons->len; i++)
    add_unique (verdict->md_reasons, ((RdMdReason *) eval->md_reasons->pdata[i])->text);
}

static void
set_outcome (RdVerdict       *verdict,
             const RdOutcome *outcome)
{
  verdict->outcome = outcome;
  verdict->outcome_id = g_strdup (outcome->id);
  verdict->label = g_strdup (outcome->label);
  if (outcome->adverse)
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is an adverse determination: only a medical director may issue it."),
                                                 outcome->label);
      add_unique (verdict->md_reasons, reason);
    }
}

/* No indication applies: an "all other uses" exclusion decides, or a medical
 * director does. */
static void
decide_without_indication (RdVerdict *verdict)
{
  for (guint i = 0; i < verdict->match->exclusions->len; i++)
    {
      const RdExclusionHit *hit = verdict->match->exclusions->pdata[i];

      if (hit->kind == RD_EXCLUSION_HIT_OTHER_USE && hit->exclusion->outcome != NULL)
        {
          set_outcome (verdict, hit->exclusion->outcome);
          add_unique (verdict->md_reasons, hit->reason);
          return;
        }
    }
  verdict->outcome_id = g_strdup ("pend");
  verdict->label = g_strdup (_("Pend: no indication of the policy matches"));
  add_unique (verdict->md_reasons, _("No indication of this policy matches the request; a medical director decides."));
}

static RdEvaluation *
first_with (GPtrArray *evaluations,
            RdTruth    result)
{
  for (guint i = 0; i < evaluations->len; i++)
    if (((RdEvaluation *) evaluations->pdata[i])->result == result)
      return evaluations->pdata[i];
  return NULL;
}

static void
decide_from_evaluations (RdVerdict *verdict)
{
  RdEvaluation *met = first_with (verdict->evaluations, RD_TRUTH_TRUE);
  RdEvaluation *unknown = first_with (verdict->evaluations, RD_TRUTH_UNKNOWN);

  if (met != NULL)
    {
      verdict->deciding = met;
      take_from (verdict, met);
      verdict->outcome = met->outcome;
      verdict->outcome_id = g_strdup (met->outcome->id);
      verdict->label = g_strdup (met->label);
      verdict->nurse_may_approve = met->nurse_may_approve;
      return;
    }

  if (unknown != NULL)
    {
      /* Every indication that can still be met is waiting for something. */
      verdict->deciding = unknown;
      for (guint i = 0; i < verdict->evaluations->len; i++)
        if (((RdEvaluation *) verdict->evaluations->pdata[i])->result == RD_TRUTH_UNKNOWN)
          take_from (verdict, verdict->evaluations->pdata[i]);
      verdict->outcome_id = g_strdup ("pend");
      verdict->label = g_strdup (unknown->label);
      return;
    }

  verdict->deciding = verdict->evaluations->pdata[0];
  for (guint i = 0; i < verdict->evaluations->len; i++)
    take_from (verdict, verdict->evaluations->pdata[i]);
  verdict->outcome = verdict->deciding->outcome;
  verdict->outcome_id = g_strdup (verdict->outcome->id);
  verdict->label = g_strdup (verdict->outcome->label);
}

/**
 * rd_verdict_new:
 * @scores: (nullable): criterion and condition id → #RdScore
 *   (GINT_TO_POINTER), as rd_engine_evaluate() takes them
 *
 * Returns: (transfer full): the recommendation of @policy for @request
 */
RdVerdict *
rd_verdict_new (RdPolicy        *policy,
                const RdRequest *request,
                GHashTable      *scores)
{
  RdVerdict *verdict;
  GPtrArray *indications;

  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  verdict = g_new0 (RdVerdict, 1);
  verdict->policy = g_object_ref (policy);
  verdict->match = rd_policy_match_new (policy, request);
  verdict->governs = verdict->match->applies;
  verdict->evaluations = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_evaluation_unref);
  verdict->decisive = g_ptr_array_new_with_free_func (g_free);
  verdict->missing_documentation = g_ptr_array_new_with_free_func (g_free);
  verdict->md_reasons = g_ptr_array_new_with_free_func (g_free);

  if (!verdict->governs)
    {
      verdict->label = g_strdup (_("Does not govern this request"));
      return verdict;
    }

  indications = verdict->match->indications;
  for (guint i = 0; i < indications->len; i++)
    {
      const RdIndicationMatch *im = indications->pdata[i];
      if (im->applies)
        g_ptr_array_add (verdict->evaluations, rd_engine_evaluate (policy, im->indication, scores));
    }

  if (verdict->match->direct_outcome != NULL)
    {
      /* A diagnosis or exclusion that leads straight to an outcome decides. */
      set_outcome (verdict, verdict->match->direct_outcome);
      for (guint i = 0; i < verdict->match->exclusions->len; i++)
        add_unique (verdict->md_reasons, ((RdExclusionHit *) verdict->match->exclusions->pdata[i])->reason);
    }
  else if (verdict->evaluations->len == 0)
    decide_without_indication (verdict);
  else
    decide_from_evaluations (verdict);

  if (verdict->md_reasons->len > 0)
    verdict->nurse_may_approve = FALSE;
  return verdict;
}
