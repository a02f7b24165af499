/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-measurement.h"
#include "rd-policy.h"
#include "rd-types.h"

G_BEGIN_DECLS

/*
 * A reviewer's answers for one policy, as JSON (see `reviewdesk-tool case
 * score`): a file maps policy ids to objects of this form, every member
 * optional:
 *
 *   { "criteria":      { CRITERION: "met|not-met|not-documented|not-applicable" },
 *     "conditions":    { CONDITION: "yes|no|unknown" },
 *     "values":        { ID: {"value": N} | {"before": N, "after": N} |
 *                            {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} },
 *     "documentation": { ITEM: "present|missing|not-applicable|unreviewed" },
 *     "notes":         { CRITERION: "text" } }
 *
 * Every id is checked against the policy and every value against its kind;
 * messages name the JSON path and say what to use instead. A value is given
 * for a criterion or a question with a threshold, and decides its score.
 */

/**
 * RdAnswerKind:
 * @RD_ANSWER_CRITERION: a criterion's score (an #RdScore)
 * @RD_ANSWER_CONDITION: a question's answer, as an #RdScore: yes is met, no
 *   is not met, unknown is not documented
 * @RD_ANSWER_DOCUMENTATION: a documentation item's status (an #RdDocStatus)
 * @RD_ANSWER_NOTE: a note on a criterion the answers do not score
 */
typedef enum {
  RD_ANSWER_CRITERION,
  RD_ANSWER_CONDITION,
  RD_ANSWER_DOCUMENTATION,
  RD_ANSWER_NOTE,
} RdAnswerKind;

/**
 * RdAnswer:
 * @kind: what is answered
 * @id: the id of the criterion, question or documentation item
 * @value: an #RdScore, or an #RdDocStatus for documentation
 * @note: (nullable): a criterion's note; %NULL keeps the note stored before
 * @measurement: (nullable): the measured value that decided @value
 * @overridden: a score was given that @measurement contradicts; @given holds it
 * @given: the score the answers gave when @overridden
 *
 * One answer, in the order it is to be stored.
 */
typedef struct {
  RdAnswerKind   kind;
  char          *id;
  int            value;
  char          *note;
  RdMeasurement *measurement;
  gboolean       overridden;
  int            given;
} RdAnswer;

/**
 * RdPolicyAnswers:
 * @policy: the policy answered (a reference is held)
 * @answers: (element-type RdAnswer): criteria first, then questions,
 *   documentation, scores decided by values and notes
 * @n_criteria: how many criteria are scored
 * @n_questions: how many questions are answered
 * @n_values: how many values were given
 * @n_documentation: how many documentation items have a status
 *
 * A reviewer's answers for one policy, checked against it.
 */
typedef struct {
  RdPolicy  *policy;
  GPtrArray *answers;
  guint      n_criteria;
  guint      n_questions;
  guint      n_values;
  guint      n_documentation;
} RdPolicyAnswers;

RdPolicyAnswers *rd_policy_answers_new_from_json (RdPolicy              *policy,
                                                  JsonNode              *node,
                                                  const char            *path,
                                                  GError               **error);
GPtrArray       *rd_policy_answers_list_from_json (JsonNode             *root,
                                                   GPtrArray            *policies,
                                                   GError              **error);
void             rd_policy_answers_free           (RdPolicyAnswers      *answers);

GHashTable      *rd_policy_answers_to_scores      (const RdPolicyAnswers *answers);
const char      *rd_answer_value_to_string        (RdAnswerKind          kind,
                                                   int                   value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPolicyAnswers, rd_policy_answers_free)

G_END_DECLS
