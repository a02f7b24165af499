/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-codes.h"

typedef struct {
  RdCodeSystem system;
  const char  *code;
  gboolean     valid;
} CodeCase;

static const CodeCase code_cases[] = {
  { RD_CODE_SYSTEM_CPT, "62362", TRUE },
  { RD_CODE_SYSTEM_CPT, "0275T", TRUE },
  { RD_CODE_SYSTEM_CPT, "6236", FALSE },
  { RD_CODE_SYSTEM_CPT, "623621", FALSE },
  { RD_CODE_SYSTEM_CPT, "E0783", FALSE },
  { RD_CODE_SYSTEM_HCPCS, "E0783", TRUE },
  { RD_CODE_SYSTEM_HCPCS, "C1772", TRUE },
  { RD_CODE_SYSTEM_HCPCS, "62362", FALSE },
  { RD_CODE_SYSTEM_HCPCS, "EE783", FALSE },
  { RD_CODE_SYSTEM_ICD10_PCS, "0JH60VZ", TRUE },
  { RD_CODE_SYSTEM_ICD10_PCS, "OJH60VZ", FALSE },
  { RD_CODE_SYSTEM_ICD10_PCS, "0JH6IVZ", FALSE },
  { RD_CODE_SYSTEM_ICD10_PCS, "0JH60V", FALSE },
  { RD_CODE_SYSTEM_ICD10_CM, "G80.1", TRUE },
  { RD_CODE_SYSTEM_ICD10_CM, "E10.9", TRUE },
  { RD_CODE_SYSTEM_ICD10_CM, "M86.8X9", TRUE },
  { RD_CODE_SYSTEM_ICD10_CM, "G35", TRUE },
  { RD_CODE_SYSTEM_ICD10_CM, "G80.", FALSE },
  { RD_CODE_SYSTEM_ICD10_CM, "180.1", FALSE },
  { RD_CODE_SYSTEM_ICD10_CM, "G80.12345", FALSE },
};

static void
test_code_formats (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = rd_code_validate (code_cases[i].system, code_cases[i].code, &error);

      g_test_message ("%s %s", rd_code_system_to_string (code_cases[i].system), code_cases[i].code);
      g_assert_cmpint (valid, ==, code_cases[i].valid);
      if (valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, RD_CODE_ERROR, RD_CODE_ERROR_FORMAT);
    }
}

static void
test_code_empty (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rd_code_validate (RD_CODE_SYSTEM_CPT, "", &error));
  g_assert_error (error, RD_CODE_ERROR, RD_CODE_ERROR_EMPTY);
}

static void
test_code_letter_o_explained (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rd_code_validate (RD_CODE_SYSTEM_ICD10_PCS, "OJH60VZ", &error));
  g_assert_nonnull (strstr (error->message, "O or I"));
}

static void
test_code_normalize (void)
{
  g_autofree char *code = rd_code_normalize ("  e0783 \n");
  g_assert_cmpstr (code, ==, "E0783");
}

static void
test_code_ranges (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_code_in_range ("E08.00", "E08.00", "E08.9"));
  g_assert_true (rd_code_in_range ("E08.65", "E08.00", "E08.9"));
  g_assert_true (rd_code_in_range ("E08.9", "E08.00", "E08.9"));
  g_assert_true (rd_code_in_range ("M86.8X9", "M86.8X0", "M86.8X9"));
  g_assert_true (rd_code_in_range ("0JH63VZ", "0JH60VZ", "0JH63VZ"));
  g_assert_false (rd_code_in_range ("0JH70VZ", "0JH60VZ", "0JH63VZ"));
  g_assert_false (rd_code_in_range ("E09.00", "E08.00", "E08.9"));
  g_assert_false (rd_code_in_range ("E07.9", "E08.00", "E08.9"));

  g_assert_true (rd_code_range_validate (RD_CODE_SYSTEM_ICD10_CM, "E08.00", "E08.9", NULL));
  g_assert_false (rd_code_range_validate (RD_CODE_SYSTEM_ICD10_CM, "E08.9", "E08.00", &error));
  g_assert_error (error, RD_CODE_ERROR, RD_CODE_ERROR_RANGE);
}

static void
test_code_system_names (void)
{
  RdCodeSystem system;

  g_assert_true (rd_code_system_from_string ("ICD-10-PCS", &system));
  g_assert_cmpint (system, ==, RD_CODE_SYSTEM_ICD10_PCS);
  g_assert_false (rd_code_system_from_string ("ICD-9", &system));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/codes/formats", test_code_formats);
  g_test_add_func ("/codes/empty", test_code_empty);
  g_test_add_func ("/codes/letter-o-explained", test_code_letter_o_explained);
  g_test_add_func ("/codes/normalize", test_code_normalize);
  g_test_add_func ("/codes/ranges", test_code_ranges);
  g_test_add_func ("/codes/system-names", test_code_system_names);

  return g_test_run ();
}
