/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for the policy loader: any bytes must load or be refused
 * with an error, never crash, hang or leak. Built by meson with -Dfuzzing=true
 * (see tests/fuzz/meson.build and the README); seeds in corpus/fuzz-policy. */
#include "config.h"

#include "fuzz-common.h"

#include "rd-policy.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPolicy) policy = rd_policy_new_from_bytes (bytes, "fuzz.xml", &error);

  g_assert ((policy == NULL) == (error != NULL));
  if (policy != NULL)
    {
      g_autoptr(GPtrArray) citations = rd_policy_get_citations (policy);
      (void) citations;
    }
  return 0;
}
