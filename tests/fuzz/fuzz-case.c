/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for case files: the bytes are written to a temporary
 * .rdcase file and opened read-only through the core's case-open path, then
 * read as `case show` and `case verify` read it. A damaged or foreign file is
 * refused with an error, never a crash. */
#include "config.h"


#include "fuzz-common.h"
#include "rd-case-file.h"

static void
read_case (RdCaseFile *case_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdRequest) request = rd_case_file_get_request (case_file, &error);
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(RdCaseVerifyResult) verified = NULL;

  g_assert ((request == NULL) == (error != NULL));
  g_clear_error (&error);
  reviews = rd_case_file_list_reviews (case_file, &error);
  g_clear_error (&error);
  records = rd_case_file_list_records (case_file, &error);
  g_clear_error (&error);
  verified = rd_case_file_verify (case_file, &error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = rd_fuzz_write_temp ("case.rdcase", data, size);
  g_autoptr(GError) error = NULL;
  RdCaseFile *case_file = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);

  g_assert ((case_file == NULL) == (error != NULL));
  if (case_file != NULL)
    {
      read_case (case_file);
      rd_case_file_close (case_file);
      g_object_unref (case_file);
    }
  rd_fuzz_remove_case (path);
  return 0;
}
