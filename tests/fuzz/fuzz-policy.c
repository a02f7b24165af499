/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for the policy loader: any bytes must load or be refused
 * with an error, never crash, hang or leak. Build and run (clang-14):
 *
 *   clang-14 -g -O1 -fsanitize=fuzzer,address,undefined -Ibuild \
 *     -Iapp/core/codes -Iapp/core/policy -Ibuild/app/core \
 *     tests/fuzz/fuzz-policy.c app/core/policy/rd-policy.c \
 *     app/core/policy/rd-policy-loader.c app/core/codes/rd-codes.c \
 *     app/core/codes/rd-types.c app/core/codes/rd-paths.c \
 *     build/app/core/rd-core-resources.c \
 *     $(pkg-config --cflags --libs gio-2.0 libxml-2.0) -o fuzz-policy
 *   ./fuzz-policy -max_len=65536 -max_total_time=120 tests/fuzz/corpus-policy
 *
 * The seed corpus is the shipped policy files and the small
 * test policy of tests/policy-fixture.h. */
#include "config.h"

#include <stdint.h>

#include "rd-policy.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

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
