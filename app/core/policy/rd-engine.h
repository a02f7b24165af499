/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rd-policy.h"
#include "rd-request.h"
#include "rd-types.h"

G_BEGIN_DECLS

/*
 * The decision engine: evaluates an indication's criteria tree from a reviewer's
 * scores with three-valued logic (policies/README.md, "Scores and the engine").
 *
 * Scores are given in a GHashTable mapping an id (const char *) to an RdScore
 * stored with GINT_TO_POINTER(). Criteria are keyed by criterion id; conditions
 * by condition id, where met = yes, not met = no, not documented (or missing)
 * = not known yet, and not applicable = no. A missing criterion is unscored.
 */

/**
 * RdTruth:
 * @RD_TRUTH_FALSE: not met
 * @RD_TRUTH_TRUE: met
 * @RD_TRUTH_UNKNOWN: cannot tell yet (not documented or not scored)
 * @RD_TRUTH_NOT_APPLICABLE: the node drops out of its group
 */
typedef enum {
  RD_TRUTH_FALSE,
  RD_TRUTH_TRUE,
  RD_TRUTH_UNKNOWN,
  RD_TRUTH_NOT_APPLICABLE,
} RdTruth;

const char *rd_truth_to_string (RdTruth truth);  /* "false", "true", "unknown", "not-applicable" */

/**
 * RdMdReasonKind:
 * Why a medical director, not a nurse, must decide.
 * @RD_MD_REASON_ADVERSE: the result is an adverse outcome (e.g. not medically necessary)
 * @RD_MD_REASON_PEND: the documentation does not decide the case
 * @RD_MD_REASON_UNSCORED: criteria that decide the result are not scored yet
 * @RD_MD_REASON_JUDGEMENT: the result rests on a criterion that needs a physician's judgement
 * @RD_MD_REASON_CASE_BY_CASE: the policy reviews this indication case by case
 * @RD_MD_REASON_CONDITION_UNKNOWN: a condition the result depends on is not answered
 * @RD_MD_REASON_NOTHING_APPLIES: every criterion was scored not applicable
 * @RD_MD_REASON_PARTIAL: set by callers combining several services or
 *   indications when only some are approved (rd_evaluation_add_md_reason())
 * @RD_MD_REASON_REFERRAL: a referral trigger of the policy fired, or the
 *   request raises a question the policy leaves to a physician
 */
typedef enum {
  RD_MD_REASON_ADVERSE,
  RD_MD_REASON_PEND,
  RD_MD_REASON_UNSCORED,
  RD_MD_REASON_JUDGEMENT,
  RD_MD_REASON_CASE_BY_CASE,
  RD_MD_REASON_CONDITION_UNKNOWN,
  RD_MD_REASON_NOTHING_APPLIES,
  RD_MD_REASON_PARTIAL,
  RD_MD_REASON_REFERRAL,
} RdMdReasonKind;

gboolean rd_md_reason_kind_needs_physician (RdMdReasonKind kind);

/**
 * RdMdReason:
 * @kind: the kind of reason
 * @id: (nullable): the criterion or condition it concerns
 * @text: a translated sentence for the reviewer
 */
typedef struct {
  RdMdReasonKind  kind;
  char           *id;
  char           *text;
} RdMdReason;

/**
 * RdEvaluation:
 * @result: %RD_TRUTH_TRUE (met), %RD_TRUTH_FALSE (not met) or %RD_TRUTH_UNKNOWN
 *   (pend); never %RD_TRUTH_NOT_APPLICABLE (a tree that is wholly not
 *   applicable evaluates as unknown, with %RD_MD_REASON_NOTHING_APPLIES)
 * @outcome: (nullable): the outcome reached, %NULL for a pend
 * @label: the outcome's label in the policy's words, or the translated
 *   "Pend: insufficient documentation" (or "Incomplete: criteria not scored"
 *   while decisive criteria are unscored)
 * @decisive: (element-type utf8): ids of the criteria that decide the result, in
 *   tree order: for not met, the criteria not met that make it so; for a pend,
 *   the unknown ones; for met, the met ones the result rests on
 * @missing_documentation: (element-type utf8): ids of the documentation items
 *   of decisive criteria scored not documented (empty unless a pend); providing
 *   them could change the result
 * @unscored: (element-type utf8): criteria that apply but are not scored
 * @nurse_may_approve: %TRUE only when the result is met, the outcome is not
 *   adverse and @md_reasons is empty
 * @md_reasons: (element-type RdMdReason): why a medical director must decide
 *
 * The result of rd_engine_evaluate(). A nurse may approve only when the
 * result is met, its outcome is not adverse, the indication is not
 * case-by-case, and the result rests neither on a criterion that needs a
 * physician's judgement (`judgement="true"`) nor on an unanswered condition.
 * "Rests on" means: were that criterion not documented (or that condition
 * answered no), the result would change. So a judgement criterion in an all-of
 * always sends an approval to a medical director, while one in an any-of whose
 * other member is met does not. Every other result — not met (adverse), pend,
 * incomplete, anything ambiguous — goes to a medical director, with
 * @md_reasons saying why.
 */
typedef struct {
  RdTruth             result;
  const RdOutcome    *outcome;
  char               *label;
  const RdIndication *indication;
  GPtrArray          *decisive;
  GPtrArray          *missing_documentation;
  GPtrArray          *unscored;
  gboolean            nurse_may_approve;
  GPtrArray          *md_reasons;
  /*< private >*/
  GHashTable         *node_truth;
  RdPolicy           *policy;
  gatomicrefcount     ref_count;
} RdEvaluation;

#define RD_TYPE_EVALUATION (rd_evaluation_get_type ())
GType         rd_evaluation_get_type      (void) G_GNUC_CONST;
RdEvaluation *rd_evaluation_ref           (RdEvaluation *self);
void          rd_evaluation_unref         (RdEvaluation *self);
RdTruth       rd_evaluation_get_node_truth (const RdEvaluation *self,
                                            const RdNode       *node);
gboolean      rd_evaluation_is_decisive   (const RdEvaluation *self,
                                           const char         *criterion_id);
void          rd_evaluation_add_md_reason (RdEvaluation       *self,
                                           RdMdReasonKind      kind,
                                           const char         *id,
                                           const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdEvaluation, rd_evaluation_unref)

RdEvaluation *rd_engine_evaluate          (RdPolicy           *policy,
                                           const RdIndication *indication,
                                           const RdRequest    *request,
                                           GHashTable         *scores);
gboolean      rd_engine_node_applies      (const RdNode       *node,
                                           const RdRequest    *request,
                                           GHashTable         *scores);
gboolean      rd_engine_node_in_pathway   (const RdNode       *node,
                                           const RdRequest    *request);

gboolean      rd_threshold_passes         (const RdThreshold  *threshold,
                                           double              measured);
char         *rd_threshold_describe       (const RdThreshold  *threshold);
const char   *rd_comparison_to_string     (RdComparison        comparison);

G_END_DECLS
