/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-case-evaluate.h"
#include "rd-case-intake.h"

static gboolean
pin (RdCaseFile    *case_file,
     RdPolicy      *policy,
     RdCaseReview  *review,
     GError       **error)
{
  if (review != NULL && g_strcmp0 (review->content_hash, rd_policy_get_hash (policy)) == 0)
    return TRUE;
  return rd_case_file_add_review (case_file, rd_policy_get_id (policy), rd_policy_get_hash (policy), error);
}

/**
 * rd_case_pin_policy:
 *
 * Puts @policy under review, pinned to its content hash, unless it already
 * is with this very content. A policy whose diagnosis list leads straight to
 * an outcome (Anthem's fully implantable insulin pumps) is under review this
 * way, with no indication to score.
 */
gboolean
rd_case_pin_policy (RdCaseFile  *case_file,
                    RdPolicy    *policy,
                    GError     **error)
{
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (case_file, error);

  if (reviews == NULL)
    return FALSE;
  return pin (case_file, policy, rd_case_find_review (reviews, rd_policy_get_id (policy)), error);
}

/**
 * rd_case_include_indication:
 * @include: %TRUE to review the indication, %FALSE to stop reviewing it
 *
 * Adds the indication to (or removes it from) the policy's review, pinning
 * the policy first when it is not under review yet. Removing an indication
 * of a policy not under review changes nothing.
 */
gboolean
rd_case_include_indication (RdCaseFile  *case_file,
                            RdPolicy    *policy,
                            const char  *indication_id,
                            gboolean     include,
                            GError     **error)
{
  const char *policy_id = rd_policy_get_id (policy);
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (case_file, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  RdCaseReview *review;

  if (reviews == NULL)
    return FALSE;
  review = rd_case_find_review (reviews, policy_id);
  if (review == NULL && !include)
    return TRUE;
  if (!pin (case_file, policy, review, error))
    return FALSE;

  for (guint i = 0; review && review->indications[i]; i++)
    if (!g_str_equal (review->indications[i], indication_id))
      g_ptr_array_add (ids, review->indications[i]);
  if (include)
    g_ptr_array_add (ids, (gpointer) indication_id);
  g_ptr_array_add (ids, NULL);
  return rd_case_file_set_indications (case_file, policy_id, (const char * const *) ids->pdata, error);
}

/**
 * rd_case_accept_match:
 * @n_indications: (out) (optional): how many indications apply
 *
 * What the nurse confirms at intake for one policy: a policy proposed
 * (rd_policy_match_is_proposed(): it applies, and it is the member's payer's
 * or the request names no payer) is put under review with every indication
 * that applies (and, when the request reaches an outcome without the
 * criteria, with none). Any other policy is left alone.
 */
gboolean
rd_case_accept_match (RdCaseFile           *case_file,
                      const RdPolicyMatch  *match,
                      guint                *n_indications,
                      GError              **error)
{
  guint n = 0;

  if (n_indications != NULL)
    *n_indications = 0;
  if (!rd_policy_match_is_proposed (match))
    return TRUE;
  if (match->direct_outcome != NULL && !rd_case_pin_policy (case_file, match->policy, error))
    return FALSE;
  for (guint j = 0; j < match->indications->len; j++)
    {
      const RdIndicationMatch *im = g_ptr_array_index (match->indications, j);

      if (!im->applies)
        continue;
      if (!rd_case_include_indication (case_file, match->policy, im->indication->id, TRUE, error))
        return FALSE;
      n++;
    }
  if (n_indications != NULL)
    *n_indications = n;
  return TRUE;
}
