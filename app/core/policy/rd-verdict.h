/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rd-applicability.h"
#include "rd-engine.h"
#include "rd-policy.h"
#include "rd-request.h"

G_BEGIN_DECLS

/**
 * RdRoute:
 * @RD_ROUTE_NURSE_MAY_APPROVE: a nurse reviewer may approve
 * @RD_ROUTE_MEDICAL_DIRECTOR: a physician must decide (adverse, judgement,
 *   case by case, a referral trigger)
 * @RD_ROUTE_PEND: the documentation does not decide it yet: pend for the
 *   missing items
 * @RD_ROUTE_INCOMPLETE: criteria or questions that decide it are not answered
 * @RD_ROUTE_NOT_GOVERNED: the policy does not govern the request
 *
 * Where a request goes next.
 */
typedef enum {
  RD_ROUTE_NURSE_MAY_APPROVE,
  RD_ROUTE_MEDICAL_DIRECTOR,
  RD_ROUTE_PEND,
  RD_ROUTE_INCOMPLETE,
  RD_ROUTE_NOT_GOVERNED,
} RdRoute;

const char *rd_route_to_string (RdRoute route);  /* "nurse-may-approve", "medical-director", "pend", "incomplete", "not-governed" */
const char *rd_route_to_label  (RdRoute route);  /* translated */

/**
 * RdVerdict:
 * @policy: the policy (a reference is held)
 * @match: whether and why the policy applies to the request
 * @governs: the policy governs the request; when %FALSE nothing else is set
 * @evaluations: (element-type RdEvaluation): one per indication that applies,
 *   in file order
 * @deciding: (nullable): the evaluation the result comes from: the first met
 *   indication, else the first pending one, else the first not met
 * @outcome: (nullable): the outcome reached; %NULL for a pend
 * @outcome_id: the outcome's id, "pend", or %NULL when the policy does not govern
 * @label: the result in words: the outcome's label in the policy's words, or a
 *   translated "Pend: …" / "Does not govern this request"
 * @decisive: (element-type utf8): the criteria that decide the result
 * @missing_documentation: (element-type utf8): documentation item ids whose
 *   absence makes it a pend
 * @nurse_may_approve: a nurse reviewer may approve; otherwise it goes to a
 *   medical director for the @md_reasons
 * @md_reasons: (element-type utf8): translated sentences
 * @route: where the request goes next
 * @deciding_ids: (element-type utf8): what decides the result, first the
 *   exclusion or the referral triggers, then the decisive criteria: ids of the
 *   policy file
 * @referrals: (element-type RdCondition): the referral triggers that fired
 * @notes: (element-type RdNote): the policy's notes that concern what decides
 *   the result (its indication, criteria, triggers or exclusion)
 *
 * The engine's recommendation for one policy over a whole request: every
 * indication that applies is evaluated, and the request is covered when any of
 * them is met, pends while any can still be met, and is not met only when none
 * can be. A diagnosis that leads straight to an outcome decides before any
 * criteria.
 */
typedef struct {
  RdPolicy        *policy;
  RdPolicyMatch   *match;
  gboolean         governs;
  GPtrArray       *evaluations;
  RdEvaluation    *deciding;
  const RdOutcome *outcome;
  char            *outcome_id;
  char            *label;
  GPtrArray       *decisive;
  GPtrArray       *missing_documentation;
  gboolean         nurse_may_approve;
  GPtrArray       *md_reasons;
  RdRoute          route;
  GPtrArray       *deciding_ids;
  GPtrArray       *referrals;
  GPtrArray       *notes;
} RdVerdict;

RdVerdict *rd_verdict_new  (RdPolicy        *policy,
                            const RdRequest *request,
                            GHashTable      *scores);
void       rd_verdict_free (RdVerdict       *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdVerdict, rd_verdict_free)

G_END_DECLS
