/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-pas-bundle.h"
#include "rd-pas-response.h"

#define PAS "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"
#define X12_REVIEW_ACTION "https://codesystem.x12.org/005010/306"

/* An approval is valid this long from the determination: the policies set
 * no period of their own. */
#define APPROVAL_DAYS 180

typedef struct {
  JsonBuilder     *b;
  RdCaseFile      *cf;
  const RdLetter  *letter;
  RdRequest       *request;
  RdCaseDecision  *decision;   /* the determination the letter gives */
  char            *claim_id;   /* nullable: the request bundle's Claim */
  guint            n_items;
  char            *decided_at;
} Response;

/* ---- building blocks ------------------------------------------------------- */

static void
member (JsonBuilder *b,
        const char  *name,
        const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* A stable urn:uuid for a resource of the case (name-based, like UUID v5),
 * so that exporting twice gives the same references. */
static char *
full_url (const Response *r,
          const char     *type,
          const char     *id)
{
  g_autofree char *name = g_strdup_printf ("%s/%s/%s", rd_case_file_get_case_id (r->cf), type, id);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("urn:uuid:%.8s-%.4s-5%.3s-%c%.3s-%.12s", hex, hex + 8, hex + 13,
                          "89ab"[g_ascii_xdigit_value (hex[16]) & 3], hex + 17, hex + 20);
}

static void
reference (const Response *r,
           const char     *name,
           const char     *type,
           const char     *id,
           const char     *display)
{
  g_autofree char *url = full_url (r, type, id);

  json_builder_set_member_name (r->b, name);
  json_builder_begin_object (r->b);
  member (r->b, "reference", url);
  member (r->b, "display", display);
  json_builder_end_object (r->b);
}

static void
coding (JsonBuilder *b,
        const char  *system,
        const char  *code,
        const char  *display)
{
  json_builder_begin_object (b);
  member (b, "system", system);
  member (b, "code", code);
  member (b, "display", display);
  json_builder_end_object (b);
}

static void
concept (JsonBuilder *b,
         const char  *name,
         const char  *system,
         const char  *code,
         const char  *display)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "coding");
  json_builder_begin_array (b);
  coding (b, system, code, display);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
identifier (JsonBuilder *b,
            const char  *system,
            const char  *value)
{
  json_builder_begin_object (b);
  member (b, "system", system);
  member (b, "value", value);
  json_builder_end_object (b);
}

/* Opens an entry and its resource; close_entry() ends both. */
static void
open_entry (const Response *r,
            const char     *type,
            const char     *id)
{
  g_autofree char *url = full_url (r, type, id);

  json_builder_begin_object (r->b);
  member (r->b, "fullUrl", url);
  json_builder_set_member_name (r->b, "resource");
  json_builder_begin_object (r->b);
  member (r->b, "resourceType", type);
  member (r->b, "id", id);
}

static void
close_entry (const Response *r)
{
  json_builder_end_object (r->b);
  json_builder_end_object (r->b);
}

static void
profile (JsonBuilder *b,
         const char  *url)
{
  json_builder_set_member_name (b, "meta");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "profile");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, url);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
fhir_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- who the response is about --------------------------------------------- */

static void
add_parties (const Response *r)
{
  JsonBuilder *b = r->b;

  open_entry (r, "Patient", "member");
  profile (b, PAS "profile-subscriber");
  json_builder_set_member_name (b, "identifier");
  json_builder_begin_array (b);
  identifier (b, "urn:reviewdesk:member-id", r->request->member_id);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "name");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "text", r->request->member_name);
  json_builder_end_object (b);
  json_builder_end_array (b);
  /* Required by US Core; the case does not record it. */
  member (b, "gender", "unknown");
  member (b, "birthDate", r->request->member_birth_date);
  close_entry (r);

  open_entry (r, "Organization", "insurer");
  profile (b, PAS "profile-insurer");
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, TRUE);
  member (b, "name", r->request->payer != NULL ? r->request->payer : _("Payer not recorded"));
  close_entry (r);

  open_entry (r, "Practitioner", "requestor");
  profile (b, PAS "profile-practitioner");
  json_builder_set_member_name (b, "identifier");
  json_builder_begin_array (b);
  identifier (b, "http://hl7.org/fhir/sid/us-npi", r->request->provider_npi);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "name");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "text", r->request->provider_name);
  json_builder_end_object (b);
  json_builder_end_array (b);
  close_entry (r);
}

/* ---- the ClaimResponse ------------------------------------------------------ */

static const char *
review_action (RdLetterKind kind,
               const char **display)
{
  switch (kind)
    {
    case RD_LETTER_APPROVAL:
      *display = "Certified in total";
      return "A1";
    case RD_LETTER_ADVERSE:
      *display = "Not Certified";
      return "A3";
    case RD_LETTER_PEND:
    default:
      *display = "Pended";
      return "A4";
    }
}

static void
period (const Response *r,
        const char     *name)
{
  g_autoptr(GDateTime) end = g_date_time_add_days (r->decision->time, APPROVAL_DAYS);
  g_autofree char *start_date = g_date_time_format (r->decision->time, "%Y-%m-%d");
  g_autofree char *end_date = g_date_time_format (end, "%Y-%m-%d");

  json_builder_set_member_name (r->b, name);
  json_builder_begin_object (r->b);
  member (r->b, "start", start_date);
  member (r->b, "end", end_date);
  json_builder_end_object (r->b);
}

/* Why: the determination in the policy's words, the reviewer's rationale, and
 * each criterion the letter gives as a reason, as "policy/criterion". */
static void
reason (const Response *r)
{
  JsonBuilder *b = r->b;
  g_autofree char *text = r->decision->rationale != NULL
                            ? g_strdup_printf ("%s: %s", r->letter->determination, r->decision->rationale)
                            : g_strdup (r->letter->determination);

  json_builder_set_member_name (b, "reason");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "coding");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->letter->criteria->len; i++)
    coding (b, "urn:reviewdesk:criterion", g_ptr_array_index (r->letter->criteria, i), NULL);
  for (guint i = 0; i < r->letter->policies->len; i++)
    coding (b, "urn:reviewdesk:policy", g_ptr_array_index (r->letter->policies, i), NULL);
  json_builder_end_array (b);
  member (b, "text", text);
  json_builder_end_object (b);
}

static void
adjudication (const Response *r)
{
  JsonBuilder *b = r->b;
  const char *display = NULL;
  const char *code = review_action (r->letter->kind, &display);

  json_builder_set_member_name (b, "adjudication");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "extension");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "url", PAS "extension-reviewAction");
  json_builder_set_member_name (b, "extension");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "url", PAS "extension-reviewActionCode");
  concept (b, "valueCodeableConcept", X12_REVIEW_ACTION, code, display);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "url", "number");
  member (b, "valueString", rd_case_file_get_case_id (r->cf));
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  concept (b, "category", "http://terminology.hl7.org/CodeSystem/adjudication", "submitted", NULL);
  reason (r);
  json_builder_end_object (b);
  json_builder_end_array (b);
}

static void
items (const Response *r)
{
  JsonBuilder *b = r->b;

  json_builder_set_member_name (b, "item");
  json_builder_begin_array (b);
  for (guint i = 1; i <= r->n_items; i++)
    {
      json_builder_begin_object (b);
      if (r->letter->kind == RD_LETTER_APPROVAL)
        {
          json_builder_set_member_name (b, "extension");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          member (b, "url", PAS "extension-itemPreAuthPeriod");
          period (r, "valuePeriod");
          json_builder_end_object (b);
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "itemSequence");
      json_builder_add_int_value (b, i);
      adjudication (r);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_claim_response (const Response *r,
                    const char     *seal_token)
{
  JsonBuilder *b = r->b;
  g_autofree char *decided_by = r->decision->credentials
                                  ? g_strdup_printf ("%s, %s", r->decision->who, r->decision->credentials)
                                  : g_strdup (r->decision->who);

  open_entry (r, "ClaimResponse", "response");
  profile (b, PAS "profile-claimresponse");
  json_builder_set_member_name (b, "identifier");
  json_builder_begin_array (b);
  identifier (b, "urn:reviewdesk:case", rd_case_file_get_case_id (r->cf));
  if (seal_token != NULL)
    identifier (b, RD_PAS_SEAL_SYSTEM, seal_token);
  json_builder_end_array (b);
  member (b, "status", "active");
  concept (b, "type", "http://terminology.hl7.org/CodeSystem/claim-type", "professional", NULL);
  member (b, "use", "preauthorization");
  reference (r, "patient", "Patient", "member", NULL);
  member (b, "created", r->decided_at);
  reference (r, "insurer", "Organization", "insurer", NULL);
  reference (r, "requestor", "Practitioner", "requestor", NULL);
  json_builder_set_member_name (b, "request");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "identifier");
  identifier (b, "urn:reviewdesk:claim", r->claim_id != NULL ? r->claim_id : rd_case_file_get_case_id (r->cf));
  json_builder_end_object (b);
  member (b, "outcome", r->letter->kind == RD_LETTER_PEND ? "queued" : "complete");
  member (b, "disposition", r->letter->title);
  if (r->letter->kind == RD_LETTER_APPROVAL)
    {
      member (b, "preAuthRef", rd_case_file_get_case_id (r->cf));
      period (r, "preAuthPeriod");
    }
  items (r);
  if (r->letter->kind == RD_LETTER_PEND)
    {
      json_builder_set_member_name (b, "communicationRequest");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      {
        g_autofree char *url = full_url (r, "CommunicationRequest", "documents");
        member (b, "reference", url);
      }
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "processNote");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, 1);
  member (b, "type", "display");
  {
    g_autofree char *note = g_strdup_printf ("%s — %s", r->letter->determination, decided_by);
    member (b, "text", note);
  }
  json_builder_end_object (b);
  json_builder_end_array (b);
  close_entry (r);
}

/* The documents a pend asks for, as "policy/item" ids. */
static void
add_documents_requested (const Response *r)
{
  JsonBuilder *b = r->b;

  if (r->letter->kind != RD_LETTER_PEND)
    return;
  open_entry (r, "CommunicationRequest", "documents");
  profile (b, PAS "profile-communicationrequest");
  member (b, "status", "active");
  reference (r, "subject", "Patient", "member", NULL);
  member (b, "authoredOn", r->decided_at);
  json_builder_set_member_name (b, "payload");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->letter->documentation->len; i++)
    {
      json_builder_begin_object (b);
      concept (b, "contentCodeableConcept", "urn:reviewdesk:documentation",
               g_ptr_array_index (r->letter->documentation, i), NULL);
      json_builder_end_object (b);
    }
  if (r->letter->documentation->len == 0)
    {
      json_builder_begin_object (b);
      member (b, "contentString", r->decision->rationale != NULL ? r->decision->rationale : r->letter->title);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  close_entry (r);
}

/* ---- Provenance and the audit trail ------------------------------------------ */

static gboolean
add_provenance (const Response  *r,
                GError         **error)
{
  JsonBuilder *b = r->b;
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (r->cf, error);
  g_autofree char *who = NULL;

  if (reviews == NULL)
    return FALSE;
  who = r->decision->credentials ? g_strdup_printf ("%s, %s", r->decision->who, r->decision->credentials)
                                 : g_strdup (r->decision->who);
  open_entry (r, "Provenance", "determination");
  json_builder_set_member_name (b, "target");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  {
    g_autofree char *url = full_url (r, "ClaimResponse", "response");
    member (b, "reference", url);
  }
  json_builder_end_object (b);
  json_builder_end_array (b);
  member (b, "recorded", r->decided_at);
  /* Each policy pinned to the exact text reviewed: its id and SHA-256. */
  json_builder_set_member_name (b, "policy");
  json_builder_begin_array (b);
  for (guint i = 0; i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      g_autofree char *uri = g_strdup_printf ("urn:reviewdesk:policy:%s:sha256:%s", review->policy_id,
                                              review->content_hash);
      json_builder_add_string_value (b, uri);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "agent");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  concept (b, "type", "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", NULL);
  json_builder_set_member_name (b, "role");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "text", rd_role_to_string (r->decision->role));
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "who");
  json_builder_begin_object (b);
  member (b, "display", who);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  close_entry (r);
  return TRUE;
}

static void
detail (JsonBuilder *b,
        const char  *type,
        const char  *value)
{
  if (value == NULL)
    return;
  json_builder_begin_object (b);
  member (b, "type", type);
  member (b, "valueString", value);
  json_builder_end_object (b);
}

static void
add_audit_event (const Response     *r,
                 const RdAuditEntry *entry)
{
  JsonBuilder *b = r->b;
  g_autofree char *id = g_strdup_printf ("audit-%" G_GINT64_FORMAT, entry->seq);
  g_autofree char *recorded = fhir_time (entry->time);

  open_entry (r, "AuditEvent", id);
  json_builder_set_member_name (b, "type");
  coding (b, "urn:reviewdesk:audit-action", entry->action, NULL);
  member (b, "recorded", recorded);
  json_builder_set_member_name (b, "agent");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "text", entry->role);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "who");
  json_builder_begin_object (b);
  member (b, "display", entry->who);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "requestor");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "source");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "observer");
  json_builder_begin_object (b);
  member (b, "display", "ReviewDesk");
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "entity");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "what");
  json_builder_begin_object (b);
  member (b, "display", entry->target);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "detail");
  json_builder_begin_array (b);
  detail (b, "old", entry->old_value);
  detail (b, "new", entry->new_value);
  detail (b, "prev-hash", entry->prev_hash);
  detail (b, "hash", entry->hash);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  close_entry (r);
}

/* ---- the bundle ---------------------------------------------------------- */

/* The determination the letter gives: the latest decision that is not a
 * hand-off to a medical director. */
static RdCaseDecision *
latest_determination (GPtrArray *decisions)
{
  for (guint i = decisions->len; i > 0; i--)
    {
      RdCaseDecision *d = g_ptr_array_index (decisions, i - 1);

      if (d->kind != RD_DECISION_SEND_TO_DIRECTOR)
        return d;
    }
  return NULL;
}

/* The request bundle's Claim id and item count, when the case keeps it. */
static void
read_source (Response *r)
{
  g_autoptr(GBytes) source = rd_case_file_get_source_document (r->cf, "pas-request", NULL, NULL);
  g_autoptr(JsonNode) root = source ? rd_pas_bundle_load (source, NULL) : NULL;
  g_autoptr(RdPasRequest) pas = root ? rd_pas_request_read (root, NULL, NULL) : NULL;
  guint n = 0;

  for (char **c = r->request->cpt_codes; c && *c; c++)
    n++;
  for (char **c = r->request->hcpcs_codes; c && *c; c++)
    n++;
  for (char **c = r->request->icd10_pcs_codes; c && *c; c++)
    n++;
  r->n_items = MAX (n, 1);
  if (pas != NULL)
    {
      r->claim_id = g_strdup (pas->claim_id);
      r->n_items = MAX (pas->n_items, 1);
    }
}

/**
 * rd_pas_response_build:
 * @letter: the determination letter composed from @case_file (not a draft)
 *
 * Returns: (transfer full) (nullable): the PAS response Bundle
 */
JsonNode *
rd_pas_response_build (RdCaseFile      *case_file,
                       const RdLetter  *letter,
                       GError         **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *seal_token = NULL;
  g_autofree char *now = NULL;
  Response r = { b, case_file, letter };

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);
  g_return_val_if_fail (letter != NULL && !letter->draft, NULL);

  if ((request = rd_case_file_get_request (case_file, error)) == NULL ||
      (decisions = rd_case_file_list_decisions (case_file, error)) == NULL ||
      (audit = rd_case_file_list_audit (case_file, error)) == NULL)
    return NULL;
  if ((r.decision = latest_determination (decisions)) == NULL)
    {
      g_set_error_literal (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_DECISION,
                           _("The case has no determination to send: record one first."));
      return NULL;
    }
  r.request = request;
  r.decided_at = fhir_time (r.decision->time);
  read_source (&r);
  seal_token = rd_case_file_get_seal_token (case_file, NULL);
  {
    g_autoptr(GDateTime) time = g_date_time_new_now_utc ();
    now = fhir_time (time);
  }

  json_builder_begin_object (b);
  member (b, "resourceType", "Bundle");
  member (b, "id", rd_case_file_get_case_id (case_file));
  profile (b, PAS "profile-pas-response-bundle");
  json_builder_set_member_name (b, "identifier");
  identifier (b, "urn:reviewdesk:case", rd_case_file_get_case_id (case_file));
  member (b, "type", "collection");
  member (b, "timestamp", now);
  json_builder_set_member_name (b, "entry");
  json_builder_begin_array (b);
  add_claim_response (&r, seal_token);
  add_parties (&r);
  add_documents_requested (&r);
  if (!add_provenance (&r, error))
    goto fail;
  for (guint i = 0; i < audit->len; i++)
    add_audit_event (&r, g_ptr_array_index (audit, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_free (r.claim_id);
  g_free (r.decided_at);
  return json_builder_get_root (b);

fail:
  g_free (r.claim_id);
  g_free (r.decided_at);
  return NULL;
}

/**
 * rd_pas_response_write:
 *
 * Writes @response to @path, mode 0600, through a temporary file renamed
 * into place: a failed write leaves no half bundle.
 */
gboolean
rd_pas_response_write (JsonNode    *response,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, response);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/**
 * rd_pas_response_get_seal_token:
 * @response: a bundle written by rd_pas_response_write()
 *
 * Returns: (transfer full) (nullable): the seal line its ClaimResponse
 *   carries as the identifier of system %RD_PAS_SEAL_SYSTEM
 */
char *
rd_pas_response_get_seal_token (JsonNode *response)
{
  JsonObject *bundle = JSON_NODE_HOLDS_OBJECT (response) ? json_node_get_object (response) : NULL;
  JsonNode *entries = bundle ? json_object_get_member (bundle, "entry") : NULL;
  JsonArray *array = entries && JSON_NODE_HOLDS_ARRAY (entries) ? json_node_get_array (entries) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      JsonObject *resource = NULL;
      JsonNode *identifiers;

      if (JSON_NODE_HOLDS_OBJECT (entry) && json_object_has_member (json_node_get_object (entry), "resource") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (entry), "resource")))
        resource = json_object_get_object_member (json_node_get_object (entry), "resource");
      if (resource == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (resource, "resourceType", NULL), "ClaimResponse") != 0 ||
          (identifiers = json_object_get_member (resource, "identifier")) == NULL || !JSON_NODE_HOLDS_ARRAY (identifiers))
        continue;
      for (guint j = 0; j < json_array_get_length (json_node_get_array (identifiers)); j++)
        {
          JsonNode *node = json_array_get_element (json_node_get_array (identifiers), j);
          JsonObject *id = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

          if (id != NULL &&
              g_strcmp0 (json_object_get_string_member_with_default (id, "system", NULL), RD_PAS_SEAL_SYSTEM) == 0)
            return g_strdup (json_object_get_string_member_with_default (id, "value", NULL));
        }
    }
  return NULL;
}
