/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PAS request Bundle reader: the ways a real bundle may say the same
 * thing (urn:uuid references, inline attachments, an Organization as the
 * provider, HCPCS by OID, a date alone), and the refusals that name the
 * element. The command-line test (test-pas-tool.sh) covers the sample. */
#include "config.h"

#include <string.h>

#include "rd-pas-bundle.h"
#include "rd-test-pdf.h"

/* %s: the attachment's base64 data; %s: the provider's reference; %s: the
 * Claim's created time. */
static const char bundle_template[] =
  "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
  " {\"fullUrl\": \"urn:uuid:00000000-0000-4000-8000-000000000001\", \"resource\": {"
  "   \"resourceType\": \"Claim\", \"id\": \"c1\", \"use\": \"preauthorization\","
  "   \"patient\": {\"reference\": \"urn:uuid:00000000-0000-4000-8000-000000000002\"},"
  "   \"provider\": {\"reference\": \"%s\"},"
  "   \"created\": \"%s\","
  "   \"priority\": {\"coding\": [{\"code\": \"urgent\"}]},"
  "   \"insurance\": [{\"coverage\": {\"reference\": \"urn:uuid:00000000-0000-4000-8000-000000000003\"}}],"
  "   \"diagnosis\": [{\"diagnosisCodeableConcept\": {\"coding\": ["
  "     {\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"G8929\"}]}}],"
  "   \"item\": ["
  "     {\"productOrService\": {\"coding\": [{\"system\": \"urn:oid:2.16.840.1.113883.6.285\", \"code\": \"E0783\"}]}},"
  "     {\"productOrService\": {\"coding\": [{\"system\": \"http://hl7.org/fhir/sid/ndc\","
  "       \"code\": \"0000-0000-00\", \"display\": \"Prialt\"}]}}],"
  "   \"supportingInfo\": ["
  "     {\"valueAttachment\": {\"contentType\": \"application/pdf\", \"data\": \"%s\"}},"
  "     {\"valueString\": \"not a document\"}]}},"
  " {\"fullUrl\": \"urn:uuid:00000000-0000-4000-8000-000000000002\", \"resource\": {"
  "   \"resourceType\": \"Patient\", \"identifier\": [{\"value\": \"MRN-1\"}],"
  "   \"name\": [{\"text\": \"Casey Synthetic\"}], \"birthDate\": \"1961-05-02\"}},"
  " {\"fullUrl\": \"urn:uuid:00000000-0000-4000-8000-000000000003\", \"resource\": {"
  "   \"resourceType\": \"Coverage\","
  "   \"payor\": [{\"reference\": \"urn:uuid:00000000-0000-4000-8000-000000000004\"}]}},"
  " {\"fullUrl\": \"urn:uuid:00000000-0000-4000-8000-000000000004\", \"resource\": {"
  "   \"resourceType\": \"Organization\", \"name\": \"Synthetic Health Plan\","
  "   \"identifier\": [{\"system\": \"http://hl7.org/fhir/sid/us-npi\", \"value\": \"1234567893\"}]}}"
  "]}";

#define PAYER_URN "urn:uuid:00000000-0000-4000-8000-000000000004"
#define PATIENT_URN "urn:uuid:00000000-0000-4000-8000-000000000002"

static RdPasRequest *
read_bundle (const char  *provider,
             const char  *created,
             const char  *data,
             GError     **error)
{
  g_autofree char *text = g_strdup_printf (bundle_template, provider, created, data);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(JsonNode) root = rd_pas_bundle_load (bytes, error);

  return root != NULL ? rd_pas_request_read (root, NULL, error) : NULL;
}

static char *
pdf_base64 (void)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (2);

  return g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
}

static void
test_other_spellings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = pdf_base64 ();
  g_autoptr(RdPasRequest) pas = read_bundle (PAYER_URN, "2026-12-01", data, &error);
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  const RdPasAttachment *attachment;

  g_assert_no_error (error);
  g_assert_cmpstr (pas->request->member_name, ==, "Casey Synthetic");
  g_assert_cmpstr (pas->request->member_id, ==, "MRN-1");  /* no subscriberId: the patient's */
  g_assert_cmpstr (pas->request->provider_name, ==, "Synthetic Health Plan");
  g_assert_cmpstr (pas->request->hcpcs_codes[0], ==, "E0783");
  g_assert_cmpstr (pas->request->icd10_cm_codes[0], ==, "G89.29");
  g_assert_cmpstr (pas->request->drug, ==, "Prialt");
  g_assert_cmpint (pas->request->urgency, ==, RD_URGENCY_EXPEDITED);
  g_assert_true (g_date_time_equal (pas->request->received, midnight));
  g_assert_cmpstr (pas->claim_id, ==, "c1");
  g_assert_cmpuint (pas->n_items, ==, 2);
  g_assert_cmpuint (pas->attachments->len, ==, 1);
  attachment = g_ptr_array_index (pas->attachments, 0);
  g_assert_cmpstr (attachment->file_name, ==, "attachment-1.pdf");
  g_assert_true (memcmp (g_bytes_get_data (attachment->pdf, NULL), "%PDF-", 5) == 0);
}

static void
test_base64_with_line_breaks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = pdf_base64 ();
  g_autoptr(GString) wrapped = g_string_new (NULL);
  g_autoptr(RdPasRequest) pas = NULL;

  /* MIME base64 wraps at 76 characters; JSON writes the break as \n. */
  for (gsize i = 0; data[i] != '\0'; i++)
    {
      if (i > 0 && i % 76 == 0)
        g_string_append (wrapped, "\\n");
      g_string_append_c (wrapped, data[i]);
    }
  pas = read_bundle (PAYER_URN, "2026-12-01T09:00:00Z", wrapped->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pas->attachments->len, ==, 1);
}

static void
test_refusals (void)
{
  g_autofree char *data = pdf_base64 ();
  g_autofree char *padded = g_strconcat ("QQ==", data, NULL);
  struct {
    const char *provider;
    const char *created;
    const char *data;
    int         code;
    const char *message;
  } cases[] = {
    { PATIENT_URN, "2026-12-01", data, RD_PAS_ERROR_VALUE,
      "Bundle.entry[0].resource(Claim).provider: “" PATIENT_URN "” is a Patient, not a Practitioner." },
    { "Practitioner/nobody", "2026-12-01", data, RD_PAS_ERROR_MISSING,
      "Bundle.entry[0].resource(Claim).provider: “Practitioner/nobody” is not an entry of the bundle." },
    { PAYER_URN, "yesterday", data, RD_PAS_ERROR_VALUE,
      "Bundle.entry[0].resource(Claim).created: not a FHIR dateTime such as 2026-12-01T09:00:00Z." },
    { PAYER_URN, "2026-12-01", padded, RD_PAS_ERROR_ATTACHMENT,
      "Bundle.entry[0].resource(Claim).supportingInfo[0].valueAttachment.data: the attachment’s data is not base64." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdPasRequest) pas = read_bundle (cases[i].provider, cases[i].created, cases[i].data, &error);

      g_assert_null (pas);
      g_assert_error (error, RD_PAS_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_missing_patient (void)
{
  static const char text[] =
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{\"resource\": {"
    " \"resourceType\": \"Claim\", \"use\": \"preauthorization\","
    " \"item\": [{\"productOrService\": {\"coding\": [{\"system\": \"http://www.nlm.nih.gov/research/umls/rxnorm\","
    "   \"code\": \"7052\"}]}}]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(JsonNode) root = rd_pas_bundle_load (bytes, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPasRequest) pas = rd_pas_request_read (root, NULL, &error);

  g_assert_null (pas);
  g_assert_error (error, RD_PAS_ERROR, RD_PAS_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==, "Bundle.entry[0].resource(Claim).patient: the element is missing.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pas-bundle/other-spellings", test_other_spellings);
  g_test_add_func ("/pas-bundle/base64-line-breaks", test_base64_with_line_breaks);
  g_test_add_func ("/pas-bundle/refusals", test_refusals);
  g_test_add_func ("/pas-bundle/missing-patient", test_missing_patient);
  return g_test_run ();
}
