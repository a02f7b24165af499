/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-verdict.h"

static const char * const route_names[] = {
  [RD_ROUTE_NURSE_MAY_APPROVE] = "nurse-may-approve",
  [RD_ROUTE_MEDICAL_DIRECTOR] = "medical-director",
  [RD_ROUTE_PEND] = "pend",
  [RD_ROUTE_INCOMPLETE] = "incomplete",
  [RD_ROUTE_NOT_GOVERNED] = "not-governed",
};

const char *
rd_route_to_string (RdRoute route)
{
  g_return_val_if_fail (route <= RD_ROUTE_NOT_GOVERNED, NULL);
  return route_names[route];
}

const char *
rd_route_to_label (RdRoute route)
{
  switch (route)
    {
    case RD_ROUTE_NURSE_MAY_APPROVE: return _("A nurse may approve");
    case RD_ROUTE_MEDICAL_DIRECTOR: return _("Medical director");
    case RD_ROUTE_PEND: return _("Pend for documentation");
    case RD_ROUTE_INCOMPLETE: return _("Incomplete: answer the open criteria and questions");
    case RD_ROUTE_NOT_GOVERNED: return _("Not governed by this policy");
    default: g_return_val_if_reached (NULL);
    }
}

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
  g_clear_pointer (&verdict->deciding_ids, g_ptr_array_unref);
  g_clear_pointer (&verdict->referrals, g_ptr_array_unref);
  g_clear_pointer (&verdict->notes, g_ptr_array_unref);
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

static void
set_pend (RdVerdict  *verdict,
          const char *label)
{
  verdict->outcome_id = g_strdup ("pend");
  verdict->label = g_strdup (label);
}

/* No indication applies: the policy's "all other uses" decides, or the nurse
 * confirms what the drug is, or a medical director decides. */
static void
decide_without_indication (RdVerdict *verdict)
{
  if (verdict->match->drug_unknown)
    {
      set_pend (verdict, _("Pend: confirm the drug’s ingredient"));
      verdict->route = RD_ROUTE_PEND;
      return;
    }
  for (guint i = 0; i < verdict->match->exclusions->len; i++)
    {
      const RdExclusionHit *hit = verdict->match->exclusions->pdata[i];

      if (hit->kind == RD_EXCLUSION_HIT_OTHER_USE && hit->exclusion->outcome != NULL)
        {
          set_outcome (verdict, hit->exclusion->outcome);
          add_unique (verdict->md_reasons, hit->reason);
          add_unique (verdict->deciding_ids, hit->exclusion->id);
          return;
        }
    }
  set_pend (verdict, _("Pend: no indication of the policy matches"));
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
      set_pend (verdict, unknown->label);
      return;
    }

  verdict->deciding = verdict->evaluations->pdata[0];
  for (guint i = 0; i < verdict->evaluations->len; i++)
    take_from (verdict, verdict->evaluations->pdata[i]);
  verdict->outcome = verdict->deciding->outcome;
  verdict->outcome_id = g_strdup (verdict->outcome->id);
  verdict->label = g_strdup (verdict->outcome->label);
}

static gboolean
strv_has (char       **strv,
          const char  *id)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, id);
}

/* The referral triggers asked for the deciding indication and the request's
 * type that are answered yes: each sends the case to a medical director, with
 * the policy's own words. */
static void
fire_referrals (RdVerdict       *verdict,
                const RdRequest *request,
                GHashTable      *scores)
{
  GPtrArray *conditions = rd_policy_get_conditions (verdict->policy);
  const RdIndication *indication = verdict->deciding ? verdict->deciding->indication : NULL;

  for (guint i = 0; i < conditions->len; i++)
    {
      const RdCondition *c = g_ptr_array_index (conditions, i);
      g_autofree char *reason = NULL;

      if (!c->referral || scores == NULL
          || GPOINTER_TO_INT (g_hash_table_lookup (scores, c->id)) != RD_SCORE_MET)
        continue;
      if (c->request_types != 0 && !(c->request_types & (1u << request->type)))
        continue;
      if (c->indications[0] != NULL && (indication == NULL || !rd_condition_asked_for (c, indication)))
        continue;
      g_ptr_array_add (verdict->referrals, (gpointer) c);
      add_unique (verdict->deciding_ids, c->id);
      reason = g_strdup_printf (_("Referral: “%s” is answered yes. The policy: “%s”"), c->question, c->cite.text);
      add_unique (verdict->md_reasons, reason);
    }
}

static gboolean
evaluation_needs_physician (RdEvaluation *eval)
{
  for (guint i = 0; i < eval->md_reasons->len; i++)
    if (rd_md_reason_kind_needs_physician (((RdMdReason *) eval->md_reasons->pdata[i])->kind))
      return TRUE;
  return FALSE;
}

static gboolean
evaluation_is_incomplete (RdEvaluation *eval)
{
  for (guint i = 0; i < eval->md_reasons->len; i++)
    {
      RdMdReasonKind kind = ((RdMdReason *) eval->md_reasons->pdata[i])->kind;
      if (kind == RD_MD_REASON_UNSCORED || kind == RD_MD_REASON_CONDITION_UNKNOWN)
        return TRUE;
    }
  return FALSE;
}

/* A pend goes to the nurse to request the missing documentation, an unfinished
 * review back to the nurse to finish it; anything else a nurse may not approve
 * goes to a medical director. */
static RdRoute
choose_route (RdVerdict *verdict)
{
  gboolean physician = verdict->referrals->len > 0 || verdict->match->referrals->len > 0
                       || (verdict->outcome != NULL && verdict->outcome->adverse)
                       || verdict->match->direct_outcome != NULL;
  gboolean incomplete = FALSE;

  if (verdict->nurse_may_approve)
    return RD_ROUTE_NURSE_MAY_APPROVE;
  if (verdict->deciding != NULL)
    for (guint i = 0; i < verdict->evaluations->len; i++)
      {
        RdEvaluation *eval = verdict->evaluations->pdata[i];

        if (eval->result != verdict->deciding->result)
          continue;
        physician = physician || evaluation_needs_physician (eval);
        incomplete = incomplete || evaluation_is_incomplete (eval);
      }
  else if (verdict->outcome == NULL)
    physician = TRUE;  /* no indication matches and nothing else decides */
  if (physician)
    return RD_ROUTE_MEDICAL_DIRECTOR;
  if (incomplete)
    return RD_ROUTE_INCOMPLETE;
  return RD_ROUTE_PEND;
}

static void
gather_ids (RdVerdict *verdict)
{
  if (verdict->match->deciding_exclusion != NULL)
    g_ptr_array_insert (verdict->deciding_ids, 0, g_strdup (verdict->match->deciding_exclusion->id));
  for (guint i = 0; i < verdict->decisive->len; i++)
    add_unique (verdict->deciding_ids, verdict->decisive->pdata[i]);
}

/* A note concerns the result when it names what decides it; notes on the
 * indication as a whole are in the policy, not repeated on every verdict. */
static gboolean
note_concerns (const RdNote *note,
               RdVerdict    *verdict)
{
  for (guint i = 0; i < verdict->deciding_ids->len; i++)
    if (strv_has (note->refers, verdict->deciding_ids->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
gather_notes (RdVerdict *verdict)
{
  GPtrArray *notes = rd_policy_get_notes (verdict->policy);

  for (guint i = 0; i < notes->len; i++)
    {
      const RdNote *note = g_ptr_array_index (notes, i);
      if (note_concerns (note, verdict))
        g_ptr_array_add (verdict->notes, (gpointer) note);
    }
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
  verdict->deciding_ids = g_ptr_array_new_with_free_func (g_free);
  verdict->referrals = g_ptr_array_new ();
  verdict->notes = g_ptr_array_new ();

  if (!verdict->governs)
    {
      verdict->outcome_id = g_strdup ("not-governed");
      verdict->label = g_strdup (_("Not governed by this policy"));
      verdict->route = RD_ROUTE_NOT_GOVERNED;
      return verdict;
    }

  indications = verdict->match->indications;
  for (guint i = 0; i < indications->len; i++)
    {
      const RdIndicationMatch *im = indications->pdata[i];
      if (im->applies)
        g_ptr_array_add (verdict->evaluations, rd_engine_evaluate (policy, im->indication, request, scores));
    }

  if (verdict->match->direct_outcome != NULL)
    {
      /* An exclusion the request is decides before any criteria. */
      set_outcome (verdict, verdict->match->direct_outcome);
      for (guint i = 0; i < verdict->match->exclusions->len; i++)
        {
          RdExclusionHit *hit = verdict->match->exclusions->pdata[i];
          if (hit->kind == RD_EXCLUSION_HIT_CODES)
            add_unique (verdict->md_reasons, hit->reason);
        }
    }
  else if (verdict->evaluations->len == 0)
    decide_without_indication (verdict);
  else
    decide_from_evaluations (verdict);

  fire_referrals (verdict, request, scores);
  for (guint i = 0; i < verdict->match->referrals->len; i++)
    add_unique (verdict->md_reasons, verdict->match->referrals->pdata[i]);
  gather_ids (verdict);
  gather_notes (verdict);

  if (verdict->referrals->len > 0 || verdict->match->referrals->len > 0)
    verdict->nurse_may_approve = FALSE;
  if (verdict->route != RD_ROUTE_PEND)
    verdict->route = choose_route (verdict);
  if (verdict->route != RD_ROUTE_NURSE_MAY_APPROVE)
    verdict->nurse_may_approve = FALSE;
  return verdict;
}
