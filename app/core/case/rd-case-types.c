/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-types.h"

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *name,
             int                *value)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], name) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

#define DEFINE_NAMES(Type, prefix, ...)                                          \
  static const char * const prefix##_names[] = { __VA_ARGS__ };                 \
  const char *                                                                  \
  prefix##_to_string (Type value)                                               \
  {                                                                             \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (prefix##_names), NULL); \
    return prefix##_names[value];                                               \
  }                                                                             \
  gboolean                                                                      \
  prefix##_from_string (const char *name,                                       \
                        Type       *value)                                      \
  {                                                                             \
    int found;                                                                  \
    if (!lookup_name (prefix##_names, G_N_ELEMENTS (prefix##_names), name, &found)) \
      return FALSE;                                                             \
    *value = (Type) found;                                                      \
    return TRUE;                                                                \
  }

DEFINE_NAMES (RdCaseStatus, rd_case_status,
              "in-review", "pended", "with-medical-director", "decided", "sealed")
DEFINE_NAMES (RdEvidenceTarget, rd_evidence_target, "criterion", "documentation")
DEFINE_NAMES (RdDecisionKind, rd_decision_kind, "approve", "send-to-director", "pend", "final")

const char *
rd_case_status_to_label (RdCaseStatus status)
{
  switch (status)
    {
    case RD_CASE_STATUS_IN_REVIEW: return _("In review");
    case RD_CASE_STATUS_PENDED: return _("Pended for documentation");
    case RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR: return _("With the medical director");
    case RD_CASE_STATUS_DECIDED: return _("Decided");
    case RD_CASE_STATUS_SEALED: return _("Sealed");
    default: g_return_val_if_reached (NULL);
    }
}

void
rd_case_review_free (RdCaseReview *review)
{
  if (review == NULL)
    return;
  g_free (review->policy_id);
  g_free (review->content_hash);
  g_strfreev (review->indications);
  g_free (review->added_by);
  g_clear_pointer (&review->added_at, g_date_time_unref);
  g_free (review);
}

void
rd_case_score_free (RdCaseScore *score)
{
  if (score == NULL)
    return;
  g_free (score->policy_id);
  g_free (score->target_id);
  g_free (score->note);
  g_free (score->reviewer);
  g_clear_pointer (&score->time, g_date_time_unref);
  g_free (score);
}

void
rd_case_doc_item_free (RdCaseDocItem *item)
{
  if (item == NULL)
    return;
  g_free (item->policy_id);
  g_free (item->item_id);
  g_free (item->where_found);
  g_free (item->reviewer);
  g_clear_pointer (&item->time, g_date_time_unref);
  g_free (item);
}

void
rd_case_evidence_free (RdCaseEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->quote);
  g_free (evidence->policy_id);
  g_free (evidence->target_id);
  g_free (evidence->who);
  g_clear_pointer (&evidence->time, g_date_time_unref);
  g_free (evidence);
}

void
rd_case_record_free (RdCaseRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->file_name);
  g_free (record->sha256);
  g_free (record->added_by);
  g_clear_pointer (&record->added_at, g_date_time_unref);
  g_free (record);
}

void
rd_case_search_hit_free (RdCaseSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->snippet);
  g_free (hit);
}

static void
word_clear (RdCaseWord *word)
{
  g_free (word->word);
}

/* An array of RdCaseWord that frees their text. */
GArray *
rd_case_word_array_new (void)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (RdCaseWord));

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);
  return words;
}

void
rd_case_recommendation_free (RdCaseRecommendation *recommendation)
{
  if (recommendation == NULL)
    return;
  g_free (recommendation->policy_id);
  g_free (recommendation->outcome_id);
  g_free (recommendation->summary);
  g_free (recommendation->computed_by);
  g_clear_pointer (&recommendation->time, g_date_time_unref);
  g_free (recommendation);
}

void
rd_case_peer_to_peer_free (RdCasePeerToPeer *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->scheduled_for, g_date_time_unref);
  g_free (event->participant);
  g_free (event->notes);
  g_free (event->who);
  g_clear_pointer (&event->time, g_date_time_unref);
  g_free (event);
}

void
rd_case_decision_free (RdCaseDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->outcome_id);
  g_free (decision->rationale);
  g_free (decision->who);
  g_free (decision->credentials);
  g_clear_pointer (&decision->time, g_date_time_unref);
  g_free (decision);
}

void
rd_case_decision_draft_free (RdCaseDecisionDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->rationale);
  g_free (draft->outcome_id);
  g_free (draft->who);
  g_clear_pointer (&draft->time, g_date_time_unref);
  g_free (draft);
}

void
rd_case_seal_free (RdCaseSeal *seal)
{
  if (seal == NULL)
    return;
  g_free (seal->digest);
  g_free (seal->sealed_by);
  g_free (seal->credentials);
  g_clear_pointer (&seal->sealed_at, g_date_time_unref);
  g_free (seal);
}

void
rd_audit_entry_free (RdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry->who);
  g_free (entry->role);
  g_free (entry->action);
  g_free (entry->target);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

void
rd_case_due_extension_free (RdCaseDueExtension *extension)
{
  if (extension == NULL)
    return;
  g_free (extension->reason);
  g_free (extension->who);
  g_clear_pointer (&extension->time, g_date_time_unref);
  g_free (extension);
}

void
rd_case_declined_proposal_free (RdCaseDeclinedProposal *declined)
{
  if (declined == NULL)
    return;
  g_free (declined->policy_id);
  g_free (declined->indication_id);
  g_free (declined->reason);
  g_free (declined->who);
  g_clear_pointer (&declined->time, g_date_time_unref);
  g_free (declined);
}
