/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for answers JSON (case score): read within the JSON
 * limits and checked against the bundled policies. */
#include "config.h"

#include "fuzz-common.h"

#include "rd-json.h"
#include "rd-policy-answers.h"

static GPtrArray *
bundled_policies (void)
{
  static GPtrArray *policies;

  if (policies == NULL)
    {
      g_autoptr(GError) error = NULL;

      policies = rd_policy_load_directory (NULL, &error);
      g_assert_no_error (error);
    }
  return policies;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = rd_json_load_data ((const char *) data, size, &error);
  g_autoptr(GPtrArray) answers = NULL;

  if (root == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  answers = rd_policy_answers_list_from_json (root, bundled_policies (), &error);
  g_assert ((answers == NULL) == (error != NULL));
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      GHashTable *scores = rd_policy_answers_to_scores (g_ptr_array_index (answers, i));

      g_hash_table_unref (scores);
    }
  return 0;
}
