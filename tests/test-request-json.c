/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-json.h"
#include "rd-request-json.h"

static const char valid[] =
  "{ \"member\": {\"name\": \"Jordan Example\", \"id\": \"SYN123\", \"birth_date\": \"1970-01-31\"},"
  "  \"provider\": {\"name\": \"Dr A Example\", \"npi\": \"1234567893\"},"
  "  \"coverage\": {\"payer\": \"Blue Shield of California\", \"plan\": \"Trio HMO\","
  "                \"line_of_business\": \"medicare-advantage\"},"
  "  \"codes\": {\"cpt\": [\"62362\"], \"hcpcs\": [\"E0783\"], \"icd10_pcs\": [], \"icd10_cm\": [\"G80.1\"]},"
  "  \"drug\": \"Gablofen\", \"route\": \"intrathecal\", \"device\": \"SynchroMed II\","
  "  \"type\": \"revision\", \"urgency\": \"expedited\", \"received\": \"2026-12-01T09:00:00Z\" }";

static RdRequest *
parse (const char  *text,
       GError     **error)
{
  g_autoptr(JsonNode) root = rd_json_load_data (text, -1, error);

  return root != NULL ? rd_request_new_from_json (root, error) : NULL;
}

static void
test_valid_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdRequest) request = parse (valid, &error);
  g_autoptr(RdRequest) again = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GDateTime) due = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (request->member_name, ==, "Jordan Example");
  g_assert_cmpstr (request->member_birth_date, ==, "1970-01-31");
  g_assert_cmpstr (request->provider_npi, ==, "1234567893");
  g_assert_cmpstr (request->cpt_codes[0], ==, "62362");
  g_assert_cmpstr (request->hcpcs_codes[0], ==, "E0783");
  g_assert_null (request->icd10_pcs_codes[0]);
  g_assert_cmpstr (request->icd10_cm_codes[0], ==, "G80.1");
  g_assert_cmpstr (request->device, ==, "SynchroMed II");
  g_assert_cmpint (request->type, ==, RD_REQUEST_TYPE_REVISION);
  g_assert_cmpint (request->urgency, ==, RD_URGENCY_EXPEDITED);
  g_assert_cmpstr (request->payer, ==, "Blue Shield of California");
  g_assert_cmpstr (request->plan, ==, "Trio HMO");
  g_assert_cmpint (request->line_of_business, ==, RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE);
  due = rd_request_get_due_time (request);
  g_assert_cmpint (g_date_time_get_day_of_month (due), ==, 4);

  json = rd_request_to_json (request);
  again = rd_request_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->member_id, ==, "SYN123");
  g_assert_cmpstr (again->drug, ==, "Gablofen");
  g_assert_cmpint (again->type, ==, RD_REQUEST_TYPE_REVISION);
  g_assert_true (g_date_time_equal (again->received, request->received));
  g_assert_cmpstr (again->payer, ==, "Blue Shield of California");
  g_assert_cmpstr (again->plan, ==, "Trio HMO");
  g_assert_cmpint (again->line_of_business, ==, RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE);
}

/* A request without coverage (every request before payers) reads as before,
 * and is written without it. */
static void
test_without_coverage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (valid);
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_string_replace (text, "\"coverage\": {\"payer\": \"Blue Shield of California\", \"plan\": \"Trio HMO\","
                          "                \"line_of_business\": \"medicare-advantage\"},", "", 1);
  request = parse (text->str, &error);
  g_assert_no_error (error);
  g_assert_null (request->payer);
  g_assert_null (request->plan);
  g_assert_cmpint (request->line_of_business, ==, RD_LINE_OF_BUSINESS_UNKNOWN);
  json = rd_request_to_json (request);
  g_assert_false (json_object_has_member (json_node_get_object (json), "coverage"));
}

static void
assert_refused (const char *text,
                GQuark      domain,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdRequest) request = parse (text, &error);

  g_assert_null (request);
  g_assert_error (error, domain, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static char *
replace (const char *from,
         const char *to)
{
  g_autoptr(GString) text = g_string_new (valid);

  g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_refused (void)
{
  g_autofree char *unknown = replace ("\"cpt\":", "\"cptt\":");
  g_autofree char *unknown_top = replace ("\"drug\":", "\"drugs\":");
  g_autofree char *wrong_type = replace ("\"SYN123\"", "123");
  g_autofree char *wrong_code = replace ("\"62362\"", "\"6236\"");
  g_autofree char *empty_name = replace ("\"Jordan Example\"", "\"\"");
  g_autofree char *bad_npi = replace ("1234567893", "1234567890");
  g_autofree char *bad_type = replace ("\"revision\"", "\"upgrade\"");
  g_autofree char *no_zone = replace ("2026-12-01T09:00:00Z", "2026-12-01");
  g_autofree char *no_diagnosis = replace ("[\"G80.1\"]", "[]");
  g_autofree char *bad_line = replace ("\"medicare-advantage\"", "\"Medicare\"");
  g_autofree char *unknown_coverage = replace ("\"plan\":", "\"plan_name\":");
  g_autofree char *coverage_type = replace ("\"Trio HMO\"", "7");
  g_autofree char *deep = NULL;
  g_autoptr(GString) long_text = g_string_new ("{\"drug\": \"");
  g_autoptr(GString) many = g_string_new ("{\"codes\": {\"cpt\": [");

  assert_refused ("{\"member\": ", RD_JSON_ERROR, RD_JSON_ERROR_SYNTAX, "JSON");
  assert_refused ("[]", RD_JSON_ERROR, RD_JSON_ERROR_TYPE, "$");
  assert_refused (unknown, RD_JSON_ERROR, RD_JSON_ERROR_UNKNOWN_MEMBER, "$.codes.cptt: unknown member");
  assert_refused (unknown_top, RD_JSON_ERROR, RD_JSON_ERROR_UNKNOWN_MEMBER, "$.drugs");
  assert_refused (wrong_type, RD_JSON_ERROR, RD_JSON_ERROR_TYPE, "$.member.id");
  assert_refused (wrong_code, RD_REQUEST_ERROR, RD_REQUEST_ERROR_INVALID, "$.codes.cpt[0]");
  assert_refused (empty_name, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING, "$.member.name");
  assert_refused (bad_npi, RD_REQUEST_ERROR, RD_REQUEST_ERROR_INVALID, "$.provider.npi");
  assert_refused (bad_type, RD_JSON_ERROR, RD_JSON_ERROR_VALUE, "$.type");
  assert_refused (no_zone, RD_JSON_ERROR, RD_JSON_ERROR_VALUE, "$.received");
  assert_refused (no_diagnosis, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING, "ICD-10-CM");
  assert_refused (bad_line, RD_JSON_ERROR, RD_JSON_ERROR_VALUE,
                  "$.coverage.line_of_business: “Medicare” is not a line of business: use commercial,"
                  " medicare-advantage or medicaid.");
  assert_refused (unknown_coverage, RD_JSON_ERROR, RD_JSON_ERROR_UNKNOWN_MEMBER, "$.coverage.plan_name");
  assert_refused (coverage_type, RD_JSON_ERROR, RD_JSON_ERROR_TYPE, "$.coverage.plan");

  deep = g_strdup_printf ("{\"a\":%s1%s}", "[[[[[[[[", "]]]]]]]]");
  assert_refused (deep, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE, "nested deeper than 8");
  for (guint i = 0; i < 4097; i++)
    g_string_append_c (long_text, 'x');
  g_string_append (long_text, "\"}");
  assert_refused (long_text->str, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE, "$.drug");
  for (guint i = 0; i < 65; i++)
    g_string_append_printf (many, "%s\"62362\"", i ? "," : "");
  g_string_append (many, "]}}");
  assert_refused (many->str, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE, "$.codes.cpt");
}

static void
test_too_large (void)
{
  g_autofree char *big = g_strnfill (RD_JSON_MAX_FILE_SIZE + 1, ' ');
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = rd_json_load_data (big, -1, &error);

  g_assert_null (root);
  g_assert_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/request-json/valid-round-trip", test_valid_round_trip);
  g_test_add_func ("/request-json/without-coverage", test_without_coverage);
  g_test_add_func ("/request-json/refused", test_refused);
  g_test_add_func ("/request-json/too-large", test_too_large);
  return g_test_run ();
}
