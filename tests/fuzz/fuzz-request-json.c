/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for request JSON (case new --request): read within the
 * JSON limits, then turned into a request; refused with an error or accepted,
 * and an accepted request written back to JSON. */
#include "config.h"

#include "fuzz-common.h"

#include "rd-json.h"
#include "rd-request-json.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = rd_json_load_data ((const char *) data, size, &error);
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(JsonNode) again = NULL;

  if (root == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  request = rd_request_new_from_json (root, &error);
  g_assert ((request == NULL) == (error != NULL));
  if (request != NULL)
    again = rd_request_to_json (request);
  return 0;
}
