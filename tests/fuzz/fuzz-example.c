/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for example cases: the bytes are written to a file (the
 * example loader reads files) and loaded: validated, request and records
 * checked. Any input loads or is refused with an error. */
#include "config.h"


#include "fuzz-common.h"
#include "rd-example.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = rd_fuzz_write_temp ("example.xml", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdExample) example = rd_example_load (path, &error);

  g_assert ((example == NULL) == (error != NULL));
  g_unlink (path);
  return 0;
}
