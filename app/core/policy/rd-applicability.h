/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rd-drug-vocabulary.h"
#include "rd-policy.h"
#include "rd-request.h"

G_BEGIN_DECLS

/*
 * Applicability: which policies, indications and exclusions concern a request,
 * and why, in sentences a reviewer reads (translated).
 *
 * A policy applies when one of the request's procedure codes (CPT, HCPCS,
 * ICD-10-PCS) is in one of its code lists AND either an indication applies or a
 * diagnosis code of the request is in a list that leads straight to an outcome
 * (e.g. Anthem's not-medically-necessary diabetes list). A request in scope by
 * its procedure code whose route none of the policy's indications names is
 * outside the policy (hepatic-artery chemotherapy under Blue Shield 7.01.41).
 *
 * An indication applies when it governs the request type and every kind of
 * matcher it has (drug, route, diagnoses) matches at least once. Drugs and
 * routes match case-insensitively, treating hyphens, spaces and other
 * punctuation alike ("intra-arterial" = "intra arterial" = "Intra-Arterial"),
 * and a matcher matches when its words occur in order in the request's text
 * ("intrathecal" matches "intrathecal injection").
 *
 * Whether a policy is *proposed* at intake depends on the payer as well: a
 * policy applies whoever pays, but only the member's payer's policies are
 * proposed (all of them when the request names no payer).
 */

/**
 * RdPayerMatch:
 * @RD_PAYER_NOT_NAMED: the request names no payer: every payer's policies are proposed
 * @RD_PAYER_SAME: the policy is the member's payer's
 * @RD_PAYER_OTHER: the policy is another payer's: it is not proposed
 */
typedef enum {
  RD_PAYER_NOT_NAMED,
  RD_PAYER_SAME,
  RD_PAYER_OTHER,
} RdPayerMatch;

/**
 * RdExclusionHitKind:
 * @RD_EXCLUSION_HIT_CODES: a diagnosis of the request is in one of the
 *   exclusion's code lists: the exclusion applies
 * @RD_EXCLUSION_HIT_OTHER_USE: the exclusion has neither code lists nor request
 *   types ("all other uses") and no indication applies to the request
 * @RD_EXCLUSION_HIT_TO_CHECK: the exclusion concerns the request's type but no
 *   code identifies it (e.g. a replacement for convenience): the reviewer checks it
 */
typedef enum {
  RD_EXCLUSION_HIT_CODES,
  RD_EXCLUSION_HIT_OTHER_USE,
  RD_EXCLUSION_HIT_TO_CHECK,
} RdExclusionHitKind;

typedef struct {
  const RdExclusion  *exclusion;
  RdExclusionHitKind  kind;
  char               *reason;
} RdExclusionHit;

/**
 * RdCodeHit:
 * @code: the request's code (normalized)
 * @list: the policy's code list that holds it
 * @entry: the code or range of @list that holds it
 */
typedef struct {
  char              *code;
  const RdCodeList  *list;
  const RdCodeEntry *entry;
} RdCodeHit;

/**
 * RdIndicationMatch:
 * @applies: every matcher of the indication matches and it governs the request type
 * @reasons: (element-type utf8): one sentence per matcher and for the request
 *   type, saying what matched or what did not
 */
typedef struct {
  const RdIndication *indication;
  gboolean            applies;
  GPtrArray          *reasons;
} RdIndicationMatch;

/**
 * RdPolicyMatch:
 * @policy: the policy (a reference is held)
 * @applies: the request falls under the policy
 * @reasons: (element-type utf8): why it does or does not, scope first
 * @code_hits: (element-type RdCodeHit): every request code found in a code list
 * @indications: (element-type RdIndicationMatch): one per indication of the
 *   policy, in file order, whether it applies or not
 * @exclusions: (element-type RdExclusionHit): exclusions that concern the request
 * @direct_outcome: (nullable): an outcome the request reaches without the
 *   criteria: an exclusion the request is (Anthem's insulin pump, heparin for
 *   thromboembolic disease)
 * @deciding_exclusion: (nullable): the exclusion that leads to @direct_outcome
 * @rule: (nullable): how the policy treats the request's type
 * @ingredients: (element-type RdIngredient): what the request's drug is, by the
 *   drug vocabulary; empty when the drug is unknown or not named
 * @drug_unknown: the request names a drug the vocabulary does not know: the
 *   nurse confirms its ingredient before the policy can be applied
 * @referrals: (element-type utf8): why a physician must look at the request
 *   whatever the criteria say (a diagnosis on an informational list beside an
 *   indication that applies), translated
 * @payer: whether the policy is the member's payer's
 * @payer_reason: (nullable): why the policy is not proposed for this payer,
 *   translated; %NULL unless @payer is %RD_PAYER_OTHER
 */
typedef struct {
  RdPolicy            *policy;
  gboolean             applies;
  GPtrArray           *reasons;
  GPtrArray           *code_hits;
  GPtrArray           *indications;
  GPtrArray           *exclusions;
  const RdOutcome     *direct_outcome;
  const RdExclusion   *deciding_exclusion;
  const RdRequestRule *rule;
  GPtrArray           *ingredients;
  gboolean             drug_unknown;
  GPtrArray           *referrals;
  RdPayerMatch         payer;
  char                *payer_reason;
} RdPolicyMatch;

RdPolicyMatch *rd_policy_match_new           (RdPolicy        *policy,
                                              const RdRequest *request);
void           rd_policy_match_free          (RdPolicyMatch   *match);
gboolean       rd_policy_match_applies_indication (const RdPolicyMatch *match,
                                                   const char          *indication_id);
GPtrArray     *rd_applicability_evaluate     (GPtrArray       *policies,
                                              const RdRequest *request);
gboolean       rd_applicability_text_matches (const char      *matcher,
                                              const char      *text);
gboolean       rd_policy_match_is_proposed   (const RdPolicyMatch *match);
char          *rd_applicability_describe_payer (GPtrArray       *policies,
                                                const RdRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPolicyMatch, rd_policy_match_free)

G_END_DECLS
