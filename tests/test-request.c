/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-request.h"

static RdRequest *
complete_request (void)
{
  RdRequest *request = rd_request_new ();
  const char *cpt[] = { "62362", NULL };
  const char *dx[] = { "G80.1", NULL };

  request->member_name = g_strdup ("Test Member");
  request->member_id = g_strdup ("SYN000001");
  request->member_birth_date = g_strdup ("1980-02-29");
  request->provider_name = g_strdup ("Synthetic Neurology Group");
  request->provider_npi = g_strdup ("1234567893");
  request->cpt_codes = g_strdupv ((char **) cpt);
  request->icd10_cm_codes = g_strdupv ((char **) dx);
  request->received = g_date_time_new_utc (2026, 11, 2, 9, 30, 0);
  return request;
}

static void
test_request_complete (void)
{
  g_autoptr(RdRequest) request = complete_request ();
  g_autoptr(RdRequest) copy = rd_request_copy (request);
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_request_validate (request, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (copy->cpt_codes[0], ==, "62362");
  g_assert_true (g_date_time_equal (copy->received, request->received));
}

static void
test_request_due_time (void)
{
  g_autoptr(RdRequest) request = complete_request ();
  g_autoptr(GDateTime) standard = NULL;
  g_autoptr(GDateTime) expedited = NULL;

  standard = rd_request_get_due_time (request);
  g_assert_cmpint (g_date_time_difference (standard, request->received), ==, 7 * G_TIME_SPAN_DAY);
  request->urgency = RD_URGENCY_EXPEDITED;
  expedited = rd_request_get_due_time (request);
  g_assert_cmpint (g_date_time_difference (expedited, request->received), ==, 72 * G_TIME_SPAN_HOUR);
}

static void
test_request_missing_fields (void)
{
  static const char * const fields[] = {
    "member-name", "member-id", "member-birth-date", "provider-name", "provider-npi",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (rd_request_validate_field (fields[i], "  ", &error));
      g_assert_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING);
    }
}

static void
test_request_invalid_fields (void)
{
  static const struct { const char *field, *value; gboolean valid; } cases[] = {
    { "member-birth-date", "1980-02-30", FALSE },
    { "member-birth-date", "02/03/1980", FALSE },
    { "member-birth-date", "1980-02-29", TRUE },
    { "provider-npi", "1234567893", TRUE },
    { "provider-npi", "1234567890", FALSE },
    { "provider-npi", "12345", FALSE },
    { "cpt", " 62362 ", TRUE },
    { "cpt", "E0783", FALSE },
    { "hcpcs", "e0783", TRUE },
    { "icd10-pcs", "OJH60VZ", FALSE },
    { "icd10-cm", "G80.1", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = rd_request_validate_field (cases[i].field, cases[i].value, &error);

      g_test_message ("%s = %s", cases[i].field, cases[i].value);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (!valid)
        g_assert_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_INVALID);
    }
}

static void
test_request_needs_codes_and_receipt (void)
{
  g_autoptr(RdRequest) request = complete_request ();
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&request->cpt_codes, g_strfreev);
  g_assert_false (rd_request_validate (request, &error));
  g_assert_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING);
  g_clear_error (&error);

  g_clear_pointer (&request, rd_request_free);
  request = complete_request ();
  g_clear_pointer (&request->received, g_date_time_unref);
  g_assert_false (rd_request_validate (request, &error));
  g_assert_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/request/complete", test_request_complete);
  g_test_add_func ("/request/due-time", test_request_due_time);
  g_test_add_func ("/request/missing-fields", test_request_missing_fields);
  g_test_add_func ("/request/invalid-fields", test_request_invalid_fields);
  g_test_add_func ("/request/needs-codes-and-receipt", test_request_needs_codes_and_receipt);

  return g_test_run ();
}
