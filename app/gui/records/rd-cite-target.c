/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-types.h"
#include "rd-cite-target.h"

struct _RdCiteTarget
{
  GObject           parent_instance;

  RdEvidenceTarget  kind;
  char             *policy_id;
  char             *target_id;
  char             *title;
  char             *subtitle;
};

G_DEFINE_FINAL_TYPE (RdCiteTarget, rd_cite_target, G_TYPE_OBJECT)

static void
rd_cite_target_finalize (GObject *object)
{
  RdCiteTarget *self = RD_CITE_TARGET (object);

  g_free (self->policy_id);
  g_free (self->target_id);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (rd_cite_target_parent_class)->finalize (object);
}

static void
rd_cite_target_class_init (RdCiteTargetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_cite_target_finalize;
}

static void
rd_cite_target_init (RdCiteTarget *self)
{
}

/**
 * rd_cite_target_new:
 * @kind: a criterion or a documentation item
 * @title: what the reviewer reads in the menu, e.g. the criterion's text
 * @subtitle: (nullable): e.g. the policy and section
 */
RdCiteTarget *
rd_cite_target_new (RdEvidenceTarget  kind,
                    const char       *policy_id,
                    const char       *target_id,
                    const char       *title,
                    const char       *subtitle)
{
  RdCiteTarget *self;

  g_return_val_if_fail (policy_id != NULL && target_id != NULL, NULL);

  self = g_object_new (RD_TYPE_CITE_TARGET, NULL);
  self->kind = kind;
  self->policy_id = g_strdup (policy_id);
  self->target_id = g_strdup (target_id);
  self->title = g_strdup (title != NULL ? title : target_id);
  self->subtitle = g_strdup (subtitle);
  return self;
}

RdEvidenceTarget
rd_cite_target_get_kind (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), RD_EVIDENCE_TARGET_CRITERION);
  return self->kind;
}

const char *
rd_cite_target_get_policy_id (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->policy_id;
}

const char *
rd_cite_target_get_target_id (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->target_id;
}

const char *
rd_cite_target_get_title (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->title;
}

/**
 * rd_cite_target_get_subtitle:
 *
 * Returns: (nullable): the subtitle
 */
const char *
rd_cite_target_get_subtitle (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->subtitle;
}

static void
add_doc_items (GListStore *store,
               GHashTable *seen,
               RdPolicy   *policy,
               GPtrArray  *items,
               const char *subtitle)
{
  for (guint i = 0; items && i < items->len; i++)
    {
      const RdDocItem *item = g_ptr_array_index (items, i);
      g_autoptr(RdCiteTarget) target = NULL;

      if (!g_hash_table_add (seen, (gpointer) item))
        continue;
      target = rd_cite_target_new (RD_EVIDENCE_TARGET_DOCUMENTATION, rd_policy_get_id (policy),
                                   item->id, item->text, subtitle);
      g_list_store_append (store, target);
    }
}

/**
 * rd_cite_targets_for_reviews:
 * @policies: (element-type RdPolicy): the loaded policies
 * @reviews: (element-type RdCaseReview): the case's reviews
 *
 * What a passage can be cited for: every criterion of each indication under
 * review, then the documentation items those indications ask for (each once).
 *
 * Returns: (transfer full): a list model of #RdCiteTarget
 */
GListModel *
rd_cite_targets_for_reviews (GPtrArray *policies,
                             GPtrArray *reviews)
{
  GListStore *store = g_list_store_new (RD_TYPE_CITE_TARGET);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; reviews && i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      RdPolicy *policy = rd_policy_find_in (policies, review->policy_id);

      for (guint j = 0; policy && review->indications[j]; j++)
        {
          const RdIndication *indication = rd_policy_find_indication (policy, review->indications[j]);
          g_autoptr(GPtrArray) criteria = NULL;
          g_autoptr(GPtrArray) documents = NULL;
          g_autofree char *subtitle = NULL;

          if (indication == NULL)
            continue;
          /* TRANSLATORS: where a cited criterion comes from: the policy's number and the indication */
          subtitle = g_strdup_printf (_("%s · %s"), rd_policy_get_number (policy), indication->title);
          criteria = rd_policy_get_criteria (policy, indication);
          for (guint k = 0; k < criteria->len; k++)
            {
              const RdNode *criterion = g_ptr_array_index (criteria, k);
              g_autoptr(RdCiteTarget) target = rd_cite_target_new (RD_EVIDENCE_TARGET_CRITERION,
                                                                   rd_policy_get_id (policy),
                                                                   criterion->id, criterion->text, subtitle);
              g_list_store_append (store, target);
            }
          documents = rd_policy_get_doc_items_for (policy, indication);
          add_doc_items (store, seen, policy, documents, subtitle);
        }
    }
  return G_LIST_MODEL (store);
}
