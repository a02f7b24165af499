/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-test-async.h"

/**
 * rd_test_store_result:
 * @slot: (out): a GAsyncResult pointer that receives a reference to @result
 */
void
rd_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      slot)
{
  GAsyncResult **out = slot;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/**
 * rd_test_wait_result:
 *
 * Runs the main loop until @slot holds a result.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
rd_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}
