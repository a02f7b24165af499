/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-applicability.h"
#include "rd-case-evaluate.h"

static gboolean
add_scores (GHashTable *table,
            GPtrArray  *scores)
{
  if (scores == NULL)
    return FALSE;
  for (guint i = 0; i < scores->len; i++)
    {
      const RdCaseScore *score = g_ptr_array_index (scores, i);
      g_hash_table_insert (table, g_strdup (score->target_id), GINT_TO_POINTER (score->score));
    }
  return TRUE;
}

/**
 * rd_case_scores_table:
 * @policy_id: a policy under review
 *
 * Returns: (transfer full) (element-type utf8 gint): criterion and condition ids
 *   to #RdScore values (GINT_TO_POINTER), as rd_engine_evaluate() takes them
 */
GHashTable *
rd_case_scores_table (RdCaseFile  *case_file,
                      const char  *policy_id,
                      GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GPtrArray) conditions = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);
  g_return_val_if_fail (policy_id != NULL, NULL);

  scores = rd_case_file_list_scores (case_file, policy_id, error);
  if (!add_scores (table, scores))
    return NULL;
  conditions = rd_case_file_list_conditions (case_file, policy_id, error);
  if (!add_scores (table, conditions))
    return NULL;
  return g_steal_pointer (&table);
}

/**
 * rd_case_evaluate:
 *
 * Evaluates @indication from the scores the case file holds.
 *
 * Returns: (transfer full) (nullable): the evaluation, %NULL when the case
 *   file cannot be read
 */
RdEvaluation *
rd_case_evaluate (RdCaseFile         *case_file,
                  RdPolicy           *policy,
                  const RdIndication *indication,
                  GError            **error)
{
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(RdRequest) request = NULL;

  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (indication != NULL, NULL);

  table = rd_case_scores_table (case_file, rd_policy_get_id (policy), error);
  if (table == NULL)
    return NULL;
  request = rd_case_file_get_request (case_file, error);
  if (request == NULL)
    return NULL;
  return rd_engine_evaluate (policy, indication, request, table);
}

/**
 * rd_case_find_review:
 * @reviews: (element-type RdCaseReview): as rd_case_file_list_reviews() returns them
 *
 * Returns: (transfer none) (nullable): the review of @policy_id
 */
RdCaseReview *
rd_case_find_review (GPtrArray  *reviews,
                     const char *policy_id)
{
  for (guint i = 0; reviews && i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      if (g_strcmp0 (review->policy_id, policy_id) == 0)
        return review;
    }
  return NULL;
}

/**
 * rd_case_review_is_under_way:
 * @review: a review of the case
 * @policy: (nullable): the policy of @review, if it is loaded
 * @request: (nullable): the case's request
 *
 * A policy is under review when one of its indications is, or when the
 * request's diagnoses lead straight to one of its outcomes (Anthem's fully
 * implantable insulin pumps): then there is nothing to score, only a verdict.
 */
gboolean
rd_case_review_is_under_way (const RdCaseReview *review,
                             RdPolicy           *policy,
                             const RdRequest    *request)
{
  g_autoptr(RdPolicyMatch) match = NULL;

  g_return_val_if_fail (review != NULL, FALSE);

  if (policy == NULL)
    return FALSE;
  if (review->indications[0])
    return TRUE;
  if (request == NULL)
    return FALSE;
  match = rd_policy_match_new (policy, request);
  return match->applies && match->direct_outcome != NULL;
}
