/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-test-example.h"

static void
write_scores (RdCaseFile *case_file,
              const char *policy_id,
              GHashTable *scores,
              gboolean    conditions)
{
  GHashTableIter iter;
  gpointer id, score;
  g_autoptr(GError) error = NULL;

  g_hash_table_iter_init (&iter, scores);
  while (g_hash_table_iter_next (&iter, &id, &score))
    {
      if (conditions)
        rd_case_file_set_condition (case_file, policy_id, id, GPOINTER_TO_INT (score), NULL, &error);
      else
        rd_case_file_set_score (case_file, policy_id, id, GPOINTER_TO_INT (score), NULL, &error);
      g_assert_no_error (error);
    }
}

static void
put_under_review (RdCaseFile         *case_file,
                  RdPolicy           *policy,
                  const RdExampleKey *key)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_case_file_add_review (case_file, key->policy_id, rd_policy_get_hash (policy), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < key->indications->len; i++)
    g_ptr_array_add (ids, ((RdExampleIndicationKey *) key->indications->pdata[i])->indication_id);
  g_ptr_array_add (ids, NULL);
  g_assert_true (rd_case_file_set_indications (case_file, key->policy_id, (const char * const *) ids->pdata, &error));
  g_assert_no_error (error);
}

void
rd_test_answer_like_key (RdCaseFile         *case_file,
                         RdPolicy           *policy,
                         const RdExampleKey *key,
                         gboolean            with_review)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id, status;

  g_assert_nonnull (policy);
  if (!key->governs)
    return;
  if (with_review)
    put_under_review (case_file, policy, key);
  write_scores (case_file, key->policy_id, key->conditions, TRUE);
  write_scores (case_file, key->policy_id, key->scores, FALSE);
  g_hash_table_iter_init (&iter, key->documentation);
  while (g_hash_table_iter_next (&iter, &id, &status))
    {
      RdDocStatus doc_status;

      g_assert_true (rd_doc_status_from_string (status, &doc_status));
      g_assert_true (rd_case_file_set_documentation (case_file, key->policy_id, id, doc_status, NULL, &error));
      g_assert_no_error (error);
    }
}
