/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-example.h"

/* The reference key against the policies it names: what the grammar and the
 * loader cannot know without the policies. */

static gboolean
key_error (GError      **error,
           RdExample    *example,
           const char   *policy_id,
           const char   *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
key_error (GError      **error,
           RdExample    *example,
           const char   *policy_id,
           const char   *format,
           ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_INCONSISTENT,
               _("%s, reference key for %s: %s"), rd_example_get_path (example), policy_id, message);
  return FALSE;
}

static gboolean
check_indications (RdExample           *example,
                   RdPolicy            *policy,
                   const RdExampleKey  *key,
                   GError             **error)
{
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id;

  for (guint i = 0; i < key->indications->len; i++)
    {
      const RdExampleIndicationKey *ikey = key->indications->pdata[i];
      const RdIndication *indication = rd_policy_find_indication (policy, ikey->indication_id);
      g_autoptr(GPtrArray) criteria = NULL;

      if (indication == NULL)
        return key_error (error, example, key->policy_id, _("the policy has no indication “%s”."),
                          ikey->indication_id);
      criteria = rd_policy_get_criteria (policy, indication);
      for (guint c = 0; c < criteria->len; c++)
        {
          const RdNode *criterion = criteria->pdata[c];

          g_hash_table_add (expected, (gpointer) criterion->id);
          if (!g_hash_table_contains (key->scores, criterion->id))
            return key_error (error, example, key->policy_id,
                              _("the criterion “%s” of the indication “%s” has no score; every criterion needs one."),
                              criterion->id, ikey->indication_id);
        }
    }

  g_hash_table_iter_init (&iter, key->scores);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (expected, id))
      return key_error (error, example, key->policy_id,
                        _("“%s” is scored but is not a criterion of the indications in the key."),
                        (const char *) id);
  return TRUE;
}

static gboolean
check_key (RdExample           *example,
           RdPolicy            *policy,
           const RdExampleKey  *key,
           GError             **error)
{
  GHashTableIter iter;
  gpointer id;

  if (!key->governs)
    return TRUE;

  if (!g_str_equal (key->outcome, "pend") && rd_policy_find_outcome (policy, key->outcome) == NULL)
    return key_error (error, example, key->policy_id,
                      _("“%s” is neither an outcome of the policy nor “pend”."), key->outcome);

  g_hash_table_iter_init (&iter, key->conditions);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (rd_policy_find_condition (policy, id) == NULL)
      return key_error (error, example, key->policy_id, _("the policy has no condition “%s”."),
                        (const char *) id);

  g_hash_table_iter_init (&iter, key->documentation);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (rd_policy_find_doc_item (policy, id) == NULL)
      return key_error (error, example, key->policy_id, _("the policy has no documentation item “%s”."),
                        (const char *) id);

  return check_indications (example, policy, key, error);
}

/**
 * rd_example_check_policies:
 * @policies: (element-type RdPolicy): the policies, as rd_policy_load_directory()
 *   gives them
 *
 * Checks the reference key against the policies: each keyed policy, indication,
 * condition and documentation item exists, every criterion of each keyed
 * indication is scored and nothing else is, and the outcome is one of the
 * policy's outcomes or "pend".
 *
 * Returns: %TRUE if the key is consistent with @policies
 */
gboolean
rd_example_check_policies (RdExample  *self,
                           GPtrArray  *policies,
                           GError    **error)
{
  GPtrArray *keys;

  g_return_val_if_fail (RD_IS_EXAMPLE (self), FALSE);
  g_return_val_if_fail (policies != NULL, FALSE);

  keys = rd_example_get_keys (self);
  for (guint i = 0; i < keys->len; i++)
    {
      const RdExampleKey *key = keys->pdata[i];
      RdPolicy *policy = rd_policy_find_in (policies, key->policy_id);

      if (policy == NULL)
        return key_error (error, self, key->policy_id, _("there is no such policy."));
      if (!check_key (self, policy, key, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * rd_example_key_get_scores:
 *
 * Returns: (transfer full): the key's criterion scores and condition answers in
 *   one table (id → #RdScore as GINT_TO_POINTER), as rd_engine_evaluate() takes them
 */
GHashTable *
rd_example_key_get_scores (const RdExampleKey *key)
{
  GHashTable *scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *sources[] = { key->scores, key->conditions };

  g_return_val_if_fail (key != NULL, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      GHashTableIter iter;
      gpointer id, score;

      g_hash_table_iter_init (&iter, sources[s]);
      while (g_hash_table_iter_next (&iter, &id, &score))
        g_hash_table_insert (scores, g_strdup (id), score);
    }
  return scores;
}
