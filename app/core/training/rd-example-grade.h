/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rd-case-file.h"
#include "rd-example.h"
#include "rd-policy.h"

G_BEGIN_DECLS

/*
 * A trainee's answers in a case made from an example, compared with the
 * example's reference key: per policy the key says governs, the indications
 * put under review, each condition answer, each criterion score and each
 * documentation status the key gives, and the outcome the trainee's own scores
 * reach with rd_verdict_new(). Plain data, computed once; no GTK.
 */

/**
 * RdGradeItemKind:
 * @RD_GRADE_ITEM_INDICATIONS: the indications put under review (one item per policy)
 * @RD_GRADE_ITEM_CONDITION: a condition's answer
 * @RD_GRADE_ITEM_CRITERION: a criterion's score
 * @RD_GRADE_ITEM_DOCUMENTATION: a documentation item's status
 */
typedef enum {
  RD_GRADE_ITEM_INDICATIONS,
  RD_GRADE_ITEM_CONDITION,
  RD_GRADE_ITEM_CRITERION,
  RD_GRADE_ITEM_DOCUMENTATION,
} RdGradeItemKind;

const char *rd_grade_item_kind_to_string (RdGradeItemKind kind);  /* "indications", "condition", ... */

/**
 * RdGradeItem:
 * @id: (nullable): the criterion, condition or documentation item id; %NULL
 *   for %RD_GRADE_ITEM_INDICATIONS
 * @text: what was answered: the criterion's text, the condition's question,
 *   the documentation item's text, or a translated "Indications under review"
 * @expected: the key's answer: a score ("met", "not-met", ...), a
 *   documentation status ("present", ...), or indication ids joined by ","
 * @given: the trainee's answer in the same form: "unscored" for a criterion
 *   or condition not answered, "unreviewed" for a documentation item not
 *   reviewed, "" for no indication under review
 * @expected_label, @given_label: the same, translated for people (indication
 *   titles for indications)
 * @agrees: @given is @expected; an unanswered item never agrees
 * @teaching: (nullable): the key's teaching note for the item
 */
typedef struct {
  RdGradeItemKind  kind;
  char            *id;
  char            *text;
  char            *expected;
  char            *given;
  char            *expected_label;
  char            *given_label;
  gboolean         agrees;
  char            *teaching;
} RdGradeItem;

/**
 * RdGradePolicy:
 * @policy: the policy (a reference is held)
 * @governs: the key says the policy governs the request; when %FALSE @items is empty
 * @note: (nullable): the key's teaching note for the policy
 * @items: (element-type RdGradeItem): in the order indications, conditions,
 *   criteria (policy order), documentation (policy order)
 * @n_agree, @n_total: how many of @items agree, of how many
 * @expected_outcome: the key's outcome: an outcome id, "pend" or "not-governed"
 * @given_outcome: what the trainee's scores reach: an outcome id, "pend",
 *   "incomplete" (criteria that decide it are not scored) or "not-governed"
 * @expected_outcome_label, @given_outcome_label: the same, in words
 * @outcome_agrees: @given_outcome is @expected_outcome
 */
typedef struct {
  RdPolicy  *policy;
  gboolean   governs;
  char      *note;
  GPtrArray *items;
  guint      n_agree;
  guint      n_total;
  char      *expected_outcome;
  char      *given_outcome;
  char      *expected_outcome_label;
  char      *given_outcome_label;
  gboolean   outcome_agrees;
} RdGradePolicy;

/**
 * RdExampleGrade:
 * @example_id, @example_title: the example the case was made from
 * @policies: (element-type RdGradePolicy): one per keyed policy, in the order
 *   of the loaded policies
 * @n_agree, @n_total: the answers that agree, over every policy
 * @n_outcomes_agree, @n_outcomes: the outcomes that agree, of how many
 */
typedef struct {
  char      *example_id;
  char      *example_title;
  GPtrArray *policies;
  guint      n_agree;
  guint      n_total;
  guint      n_outcomes_agree;
  guint      n_outcomes;
} RdExampleGrade;

RdExampleGrade      *rd_example_grade_new         (RdExample      *example,
                                                   RdCaseFile     *case_file,
                                                   GPtrArray      *policies,
                                                   GError        **error);
RdExampleGrade      *rd_example_grade_case        (RdCaseFile     *case_file,
                                                   GPtrArray      *policies,
                                                   GError        **error);
void                 rd_example_grade_free        (RdExampleGrade *grade);
const RdGradePolicy *rd_example_grade_find_policy (const RdExampleGrade *grade,
                                                   const char           *policy_id);
const RdGradeItem   *rd_grade_policy_find_item    (const RdGradePolicy  *policy,
                                                   RdGradeItemKind       kind,
                                                   const char           *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdExampleGrade, rd_example_grade_free)

G_END_DECLS
