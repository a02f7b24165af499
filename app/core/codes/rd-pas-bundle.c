/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-codes.h"
#include "rd-json.h"
#include "rd-pas-bundle.h"

G_DEFINE_QUARK (rd-pas-error-quark, rd_pas_error)

#define SYSTEM_CPT    "http://www.ama-assn.org/go/cpt"
#define SYSTEM_HCPCS  "https://bluebutton.cms.gov/resources/codesystem/hcpcs"
#define SYSTEM_HCPCS_OID "urn:oid:2.16.840.1.113883.6.285"
#define SYSTEM_PCS    "http://www.cms.gov/Medicare/Coding/ICD10"
#define SYSTEM_CM     "http://hl7.org/fhir/sid/icd-10-cm"
#define SYSTEM_RXNORM "http://www.nlm.nih.gov/research/umls/rxnorm"
#define SYSTEM_NDC    "http://hl7.org/fhir/sid/ndc"
#define SYSTEM_NPI    "http://hl7.org/fhir/sid/us-npi"

void
rd_pas_request_free (RdPasRequest *pas)
{
  if (pas == NULL)
    return;
  g_clear_pointer (&pas->request, rd_request_free);
  g_clear_pointer (&pas->attachments, g_ptr_array_unref);
  g_free (pas->claim_id);
  g_free (pas);
}

static void
attachment_free (gpointer data)
{
  RdPasAttachment *a = data;

  g_free (a->file_name);
  g_bytes_unref (a->pdf);
  g_free (a);
}

/* ---- the bundle's resources ------------------------------------------------ */

typedef struct {
  JsonObject *resource;
  char       *path;      /* "Bundle.entry[2].resource(Claim)" */
  const char *type;
  const char *id;
  const char *full_url;
} Entry;

typedef struct {
  GArray           *entries;  /* of Entry */
  RdDrugVocabulary *vocabulary;
  RdPasRequest     *pas;
  GStrvBuilder     *codes[4];  /* cpt, hcpcs, icd10-pcs, icd10-cm */
} Reader;

enum { CODES_CPT, CODES_HCPCS, CODES_PCS, CODES_CM };

static void
entry_clear (gpointer data)
{
  g_free (((Entry *) data)->path);
}

static gboolean
fail (GError     **error,
      RdPasError   code,
      const char  *path,
      const char  *problem)
{
  g_set_error (error, RD_PAS_ERROR, code, "%s: %s", path, problem);
  return FALSE;
}

/* A string member within RD_PAS_MAX_TEXT, NULL when absent; FALSE when of
 * another type or too long. */
static gboolean
get_text (JsonObject  *object,
          const char  *path,
          const char  *member,
          const char **value,
          GError     **error)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, member);
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, RD_PAS_ERROR_VALUE, member_path, _("a string is expected."));
  *value = json_node_get_string (node);
  if (strlen (*value) > RD_PAS_MAX_TEXT)
    return fail (error, RD_PAS_ERROR_VALUE, member_path, _("the text is longer than this element may be."));
  return TRUE;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = array != NULL && index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                                           : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
index_entries (Reader      *reader,
               JsonObject  *bundle,
               GError     **error)
{
  JsonArray *entries = get_array (bundle, "entry");

  if (entries == NULL || json_array_get_length (entries) == 0)
    return fail (error, RD_PAS_ERROR_NOT_A_REQUEST, "Bundle.entry", _("the bundle has no entries."));
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      g_autofree char *path = g_strdup_printf ("Bundle.entry[%u]", i);
      JsonObject *entry = array_object (entries, i);
      Entry e = { 0 };

      if (entry == NULL || (e.resource = get_object (entry, "resource")) == NULL)
        return fail (error, RD_PAS_ERROR_VALUE, path, _("an entry is an object with a resource."));
      if (!get_text (e.resource, path, "resourceType", &e.type, error) ||
          !get_text (e.resource, path, "id", &e.id, error) ||
          !get_text (entry, path, "fullUrl", &e.full_url, error))
        return FALSE;
      if (e.type == NULL)
        return fail (error, RD_PAS_ERROR_VALUE, path, _("the resource has no resourceType."));
      e.path = g_strdup_printf ("%s.resource(%s)", path, e.type);
      g_array_append_val (reader->entries, e);
    }
  return TRUE;
}

static gboolean
entry_is (const Entry *e,
          const char  *reference)
{
  g_autofree char *local = NULL;

  if (e->full_url != NULL && g_str_equal (e->full_url, reference))
    return TRUE;
  if (e->id == NULL)
    return FALSE;
  local = g_strdup_printf ("%s/%s", e->type, e->id);
  return g_str_equal (local, reference) || (e->full_url != NULL && g_str_has_suffix (reference, local) &&
                                            g_str_has_suffix (e->full_url, local));
}

/* The entry a Reference element at @path points to, of one of @types. */
static const Entry *
resolve (Reader              *reader,
         JsonObject          *reference,
         const char          *path,
         const char * const  *types,
         GError             **error)
{
  const char *target = NULL;

  if (reference == NULL)
    {
      fail (error, RD_PAS_ERROR_MISSING, path, _("the element is missing."));
      return NULL;
    }
  if (!get_text (reference, path, "reference", &target, error))
    return NULL;
  if (target == NULL)
    {
      fail (error, RD_PAS_ERROR_MISSING, path, _("the reference has no “reference” to an entry of the bundle."));
      return NULL;
    }
  for (guint i = 0; i < reader->entries->len; i++)
    {
      const Entry *e = &g_array_index (reader->entries, Entry, i);

      if (entry_is (e, target))
        {
          if (!g_strv_contains (types, e->type))
            {
              g_autofree char *message = g_strdup_printf (_("“%s” is a %s, not a %s."), target, e->type, types[0]);
              fail (error, RD_PAS_ERROR_VALUE, path, message);
              return NULL;
            }
          return e;
        }
    }
  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not an entry of the bundle."), target);
    fail (error, RD_PAS_ERROR_MISSING, path, message);
  }
  return NULL;
}

/* ---- people and organisations --------------------------------------------- */

/* HumanName.text, else the given names and the family name. */
static char *
human_name (JsonObject *resource)
{
  JsonObject *name = array_object (get_array (resource, "name"), 0);
  JsonArray *given = get_array (name, "given");
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *node;

  if (name == NULL)
    return NULL;
  if ((node = json_object_get_member (name, "text")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  for (guint i = 0; given != NULL && i < json_array_get_length (given); i++)
    {
      node = json_array_get_element (given, i);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (text, "%s%s", text->len ? " " : "", json_node_get_string (node));
    }
  if ((node = json_object_get_member (name, "family")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    g_string_append_printf (text, "%s%s", text->len ? " " : "", json_node_get_string (node));
  return text->len && text->len <= RD_PAS_MAX_TEXT ? g_strdup (text->str) : NULL;
}

/* The value of the first identifier of @system (any system when NULL). */
static const char *
identifier_of (JsonObject *resource,
               const char *system)
{
  JsonArray *identifiers = get_array (resource, "identifier");

  for (guint i = 0; identifiers != NULL && i < json_array_get_length (identifiers); i++)
    {
      JsonObject *identifier = array_object (identifiers, i);
      const char *s = identifier ? json_object_get_string_member_with_default (identifier, "system", NULL) : NULL;
      const char *value = identifier ? json_object_get_string_member_with_default (identifier, "value", NULL)
                                     : NULL;

      if (value != NULL && strlen (value) <= RD_PAS_MAX_TEXT && (system == NULL || g_strcmp0 (s, system) == 0))
        return value;
    }
  return NULL;
}

static gboolean
set_field (char        **field,
           const char   *name,
           const char   *value,
           const char   *path,
           GError      **error)
{
  g_autoptr(GError) local = NULL;

  if (!rd_request_validate_field (name, value, &local))
    return fail (error, value == NULL ? RD_PAS_ERROR_MISSING : RD_PAS_ERROR_VALUE, path, local->message);
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
read_patient (Reader      *reader,
              JsonObject  *claim,
              const char  *claim_path,
              GError     **error)
{
  static const char * const types[] = { "Patient", NULL };
  g_autofree char *path = g_strdup_printf ("%s.patient", claim_path);
  const Entry *patient = resolve (reader, get_object (claim, "patient"), path, types, error);
  RdRequest *request = reader->pas->request;
  g_autofree char *name = NULL, *name_path = NULL, *id_path = NULL, *birth_path = NULL;
  const char *birth = NULL;

  if (patient == NULL)
    return FALSE;
  name = human_name (patient->resource);
  name_path = g_strdup_printf ("%s.name", patient->path);
  id_path = g_strdup_printf ("%s.identifier", patient->path);
  birth_path = g_strdup_printf ("%s.birthDate", patient->path);
  if (!get_text (patient->resource, patient->path, "birthDate", &birth, error))
    return FALSE;
  /* The payer's member id is Coverage.subscriberId (read_coverage()); the
   * patient's own identifier stands in when the coverage has none. */
  return set_field (&request->member_name, "member-name", name, name_path, error) &&
         set_field (&request->member_id, "member-id", identifier_of (patient->resource, NULL), id_path, error) &&
         set_field (&request->member_birth_date, "member-birth-date", birth, birth_path, error);
}

static gboolean
read_coverage (Reader      *reader,
               JsonObject  *claim,
               const char  *claim_path,
               GError     **error)
{
  static const char * const coverage_types[] = { "Coverage", NULL };
  static const char * const payor_types[] = { "Organization", NULL };
  g_autofree char *path = g_strdup_printf ("%s.insurance[0].coverage", claim_path);
  JsonObject *insurance = array_object (get_array (claim, "insurance"), 0);
  const Entry *coverage = resolve (reader, get_object (insurance, "coverage"), path, coverage_types, error);
  g_autofree char *payor_path = NULL, *subscriber_path = NULL;
  const Entry *payor;
  const char *subscriber = NULL, *payer = NULL;
  JsonArray *classes;

  if (coverage == NULL)
    return FALSE;
  payor_path = g_strdup_printf ("%s.payor[0]", coverage->path);
  if ((payor = resolve (reader, array_object (get_array (coverage->resource, "payor"), 0), payor_path, payor_types,
                        error)) == NULL ||
      !get_text (payor->resource, payor->path, "name", &payer, error) ||
      !get_text (coverage->resource, coverage->path, "subscriberId", &subscriber, error))
    return FALSE;
  subscriber_path = g_strdup_printf ("%s.subscriberId", coverage->path);
  if (subscriber != NULL &&
      !set_field (&reader->pas->request->member_id, "member-id", subscriber, subscriber_path, error))
    return FALSE;
  g_free (reader->pas->request->payer);
  reader->pas->request->payer = g_strdup (payer);

  classes = get_array (coverage->resource, "class");
  for (guint i = 0; classes != NULL && i < json_array_get_length (classes); i++)
    {
      JsonObject *class = array_object (classes, i);
      JsonObject *coding = array_object (get_array (get_object (class, "type"), "coding"), 0);
      const char *name = json_object_get_string_member_with_default (class, "name", NULL);

      if (name == NULL)
        name = json_object_get_string_member_with_default (class, "value", NULL);
      if (coding != NULL && g_strcmp0 (json_object_get_string_member_with_default (coding, "code", NULL), "plan") == 0 &&
          name != NULL && strlen (name) <= RD_PAS_MAX_TEXT)
        {
          g_free (reader->pas->request->plan);
          reader->pas->request->plan = g_strdup (name);
        }
    }
  return TRUE;
}

static gboolean
read_provider (Reader      *reader,
               JsonObject  *claim,
               const char  *claim_path,
               GError     **error)
{
  static const char * const types[] = { "Practitioner", "PractitionerRole", "Organization", NULL };
  static const char * const practitioner[] = { "Practitioner", NULL };
  g_autofree char *path = g_strdup_printf ("%s.provider", claim_path);
  const Entry *provider = resolve (reader, get_object (claim, "provider"), path, types, error);
  RdRequest *request = reader->pas->request;
  g_autofree char *name = NULL, *name_path = NULL, *npi_path = NULL;
  const char *organization_name = NULL;

  if (provider != NULL && g_str_equal (provider->type, "PractitionerRole"))
    {
      g_autofree char *role_path = g_strdup_printf ("%s.practitioner", provider->path);
      provider = resolve (reader, get_object (provider->resource, "practitioner"), role_path, practitioner, error);
    }
  if (provider == NULL)
    return FALSE;
  if (g_str_equal (provider->type, "Organization"))
    {
      if (!get_text (provider->resource, provider->path, "name", &organization_name, error))
        return FALSE;
      name = g_strdup (organization_name);
    }
  else
    name = human_name (provider->resource);
  name_path = g_strdup_printf ("%s.name", provider->path);
  npi_path = g_strdup_printf ("%s.identifier(%s)", provider->path, SYSTEM_NPI);
  return set_field (&request->provider_name, "provider-name", name, name_path, error) &&
         set_field (&request->provider_npi, "provider-npi", identifier_of (provider->resource, SYSTEM_NPI), npi_path,
                    error);
}

/* ---- codes ---------------------------------------------------------------- */

static gboolean
add_code (Reader      *reader,
          guint        list,
          const char  *field,
          const char  *code,
          const char  *path,
          GError     **error)
{
  g_autofree char *normal = rd_code_normalize (code);
  g_autoptr(GError) local = NULL;

  /* X12 278 writes ICD-10-CM without its dot, and bundles mapped from it
   * often keep that spelling. */
  if (list == CODES_CM && strlen (normal) > 3 && strchr (normal, '.') == NULL)
    {
      char *dotted = g_strdup_printf ("%.3s.%s", normal, normal + 3);
      g_free (normal);
      normal = dotted;
    }

  if (!rd_request_validate_field (field, normal, &local))
    return fail (error, RD_PAS_ERROR_VALUE, path, local->message);
  g_strv_builder_add (reader->codes[list], normal);
  return TRUE;
}

/* The drug a medication coding names: the vocabulary's ingredient for an
 * RxNorm ingredient concept, else the coding's display. */
static void
take_drug (Reader     *reader,
           JsonObject *coding,
           const char *system,
           const char *code)
{
  const char *display = json_object_get_string_member_with_default (coding, "display", NULL);
  const RdIngredient *ingredient = NULL;

  if (reader->pas->request->drug != NULL)
    return;
  if (g_str_equal (system, SYSTEM_RXNORM) && reader->vocabulary != NULL)
    ingredient = rd_drug_vocabulary_find_rxnorm (reader->vocabulary, code);
  if (ingredient != NULL)
    reader->pas->request->drug = g_strdup (ingredient->name);
  else if (display != NULL && strlen (display) <= RD_PAS_MAX_TEXT)
    reader->pas->request->drug = g_strdup (display);
}

static const struct {
  const char *system;
  guint       list;
  const char *field;
} procedure_systems[] = {
  { SYSTEM_CPT, CODES_CPT, "cpt" },
  { SYSTEM_HCPCS, CODES_HCPCS, "hcpcs" },
  { SYSTEM_HCPCS_OID, CODES_HCPCS, "hcpcs" },
  { SYSTEM_PCS, CODES_PCS, "icd10-pcs" },
};

/* Reads each coding of a CodeableConcept; TRUE in *procedure when one is a
 * procedure (CPT, HCPCS, ICD-10-PCS), in *medication when one is a drug. */
static gboolean
read_concept (Reader      *reader,
              JsonObject  *concept,
              const char  *path,
              gboolean    *procedure,
              gboolean    *medication,
              GError     **error)
{
  JsonArray *codings = get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      g_autofree char *coding_path = g_strdup_printf ("%s.coding[%u]", path, i);
      JsonObject *coding = array_object (codings, i);
      const char *system = NULL, *code = NULL;

      if (coding == NULL || !get_text (coding, coding_path, "system", &system, error) ||
          !get_text (coding, coding_path, "code", &code, error))
        return FALSE;
      if (system == NULL || code == NULL)
        continue;
      for (guint p = 0; p < G_N_ELEMENTS (procedure_systems); p++)
        if (g_str_equal (system, procedure_systems[p].system))
          {
            *procedure = TRUE;
            if (!add_code (reader, procedure_systems[p].list, procedure_systems[p].field, code, coding_path, error))
              return FALSE;
          }
      if (g_str_equal (system, SYSTEM_RXNORM) || g_str_equal (system, SYSTEM_NDC))
        {
          *medication = TRUE;
          take_drug (reader, coding, system, code);
        }
    }
  return TRUE;
}

static gboolean
read_items (Reader      *reader,
            JsonObject  *claim,
            const char  *claim_path,
            GError     **error)
{
  JsonArray *items = get_array (claim, "item");

  if (items == NULL || json_array_get_length (items) == 0)
    {
      g_autofree char *path = g_strdup_printf ("%s.item", claim_path);
      return fail (error, RD_PAS_ERROR_MISSING, path, _("the claim has no items: add the service requested."));
    }
  reader->pas->n_items = json_array_get_length (items);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s.item[%u].productOrService", claim_path, i);
      JsonObject *product = get_object (array_object (items, i), "productOrService");
      gboolean procedure = FALSE, medication = FALSE;

      if (product == NULL)
        return fail (error, RD_PAS_ERROR_MISSING, path, _("the element is missing."));
      if (!read_concept (reader, product, path, &procedure, &medication, error))
        return FALSE;
      if (!procedure && !medication)
        return fail (error, RD_PAS_ERROR_MISSING, path, _("no CPT or HCPCS code."));
    }
  return TRUE;
}

static gboolean
read_diagnoses (Reader      *reader,
                JsonObject  *claim,
                const char  *claim_path,
                GError     **error)
{
  JsonArray *diagnoses = get_array (claim, "diagnosis");
  guint before = 0;

  for (guint i = 0; diagnoses != NULL && i < json_array_get_length (diagnoses); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s.diagnosis[%u].diagnosisCodeableConcept", claim_path, i);
      JsonArray *codings = get_array (get_object (array_object (diagnoses, i), "diagnosisCodeableConcept"), "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          g_autofree char *coding_path = g_strdup_printf ("%s.coding[%u]", path, j);
          JsonObject *coding = array_object (codings, j);
          const char *system = NULL, *code = NULL;

          if (coding == NULL || !get_text (coding, coding_path, "system", &system, error) ||
              !get_text (coding, coding_path, "code", &code, error))
            return FALSE;
          if (g_strcmp0 (system, SYSTEM_CM) == 0 && code != NULL)
            {
              if (!add_code (reader, CODES_CM, "icd10-cm", code, coding_path, error))
                return FALSE;
              before++;
            }
        }
    }
  if (before == 0)
    {
      g_autofree char *path = g_strdup_printf ("%s.diagnosis", claim_path);
      return fail (error, RD_PAS_ERROR_MISSING, path, _("no ICD-10-CM diagnosis."));
    }
  return TRUE;
}

/* A MedicationRequest in the bundle gives the drug (when the items did not)
 * and its route. */
static gboolean
read_medication_requests (Reader  *reader,
                          GError **error)
{
  for (guint i = 0; i < reader->entries->len; i++)
    {
      const Entry *e = &g_array_index (reader->entries, Entry, i);
      g_autofree char *path = g_strdup_printf ("%s.medicationCodeableConcept", e->path);
      JsonObject *dosage, *route;
      gboolean procedure = FALSE, medication = FALSE;
      const char *text = NULL;

      if (!g_str_equal (e->type, "MedicationRequest"))
        continue;
      if (!read_concept (reader, get_object (e->resource, "medicationCodeableConcept"), path, &procedure,
                         &medication, error))
        return FALSE;
      dosage = array_object (get_array (e->resource, "dosageInstruction"), 0);
      route = get_object (dosage, "route");
      if (route != NULL && reader->pas->request->route == NULL)
        {
          JsonObject *coding = array_object (get_array (route, "coding"), 0);

          text = json_object_get_string_member_with_default (route, "text", NULL);
          if (text == NULL && coding != NULL)
            text = json_object_get_string_member_with_default (coding, "display", NULL);
          if (text != NULL && strlen (text) <= RD_PAS_MAX_TEXT)
            reader->pas->request->route = g_strdup (text);
        }
    }
  return TRUE;
}

/* ---- priority, time ------------------------------------------------------ */

static gboolean
read_priority_and_time (Reader      *reader,
                        JsonObject  *claim,
                        const char  *claim_path,
                        GError     **error)
{
  JsonObject *coding = array_object (get_array (get_object (claim, "priority"), "coding"), 0);
  const char *priority = coding ? json_object_get_string_member_with_default (coding, "code", NULL) : NULL;
  g_autofree char *created_path = g_strdup_printf ("%s.created", claim_path);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *full = NULL;
  const char *created = NULL;

  /* processpriority: stat and urgent are decided on the expedited clock. */
  reader->pas->request->urgency = g_strcmp0 (priority, "stat") == 0 || g_strcmp0 (priority, "urgent") == 0
                                    ? RD_URGENCY_EXPEDITED : RD_URGENCY_STANDARD;
  if (!get_text (claim, claim_path, "created", &created, error))
    return FALSE;
  if (created == NULL)
    return fail (error, RD_PAS_ERROR_MISSING, created_path,
                 _("the claim has no creation time: the decision deadline counts from it."));
  /* A FHIR dateTime may be a date alone; a time without a zone is UTC. */
  full = strlen (created) == 10 ? g_strconcat (created, "T00:00:00Z", NULL) : g_strdup (created);
  reader->pas->request->received = g_date_time_new_from_iso8601 (full, utc);
  if (reader->pas->request->received == NULL)
    return fail (error, RD_PAS_ERROR_VALUE, created_path, _("not a FHIR dateTime such as 2026-12-01T09:00:00Z."));
  return TRUE;
}

/* ---- attachments ----------------------------------------------------------- */

static gboolean
is_base64 (const char *text,
           gsize       length)
{
  gsize n = 0, padding = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        continue;
      if (c == '=')
        padding++;
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
      n++;
    }
  return n > 0 && n % 4 == 0 && padding <= 2;
}

static gboolean
add_pdf (Reader      *reader,
         const char  *data,
         const char  *title,
         const char  *path,
         GError     **error)
{
  gsize length = strlen (data), size = 0;
  g_autofree guchar *bytes = NULL;
  RdPasAttachment *attachment;

  /* Refused before decoding: a PDF too large, or text that is not base64. */
  if (length / 4 * 3 > RD_PAS_MAX_ATTACHMENT)
    return fail (error, RD_PAS_ERROR_ATTACHMENT, path, _("the attachment is larger than a record may be (16 MiB)."));
  if (!is_base64 (data, length))
    return fail (error, RD_PAS_ERROR_ATTACHMENT, path, _("the attachment’s data is not base64."));
  bytes = g_base64_decode (data, &size);
  if (size < 5 || memcmp (bytes, "%PDF-", 5) != 0)
    return fail (error, RD_PAS_ERROR_ATTACHMENT, path, _("the attachment is not a PDF."));

  attachment = g_new0 (RdPasAttachment, 1);
  attachment->pdf = g_bytes_new_take (g_steal_pointer (&bytes), size);
  attachment->file_name = title != NULL && *title && strchr (title, '/') == NULL
                            ? (g_str_has_suffix (title, ".pdf") ? g_strdup (title) : g_strconcat (title, ".pdf", NULL))
                            : g_strdup_printf ("attachment-%u.pdf", reader->pas->attachments->len + 1);
  g_ptr_array_add (reader->pas->attachments, attachment);
  return TRUE;
}

/* An Attachment: its data, or the Binary its url names. */
static gboolean
read_attachment (Reader      *reader,
                 JsonObject  *attachment,
                 const char  *path,
                 GError     **error)
{
  static const char * const binary_types[] = { "Binary", NULL };
  const char *content_type = NULL, *title = NULL, *url = NULL;
  JsonObject *holder = attachment;
  g_autofree char *data_path = g_strdup_printf ("%s.data", path);
  JsonNode *data;

  if (!get_text (attachment, path, "contentType", &content_type, error) ||
      !get_text (attachment, path, "title", &title, error) ||
      !get_text (attachment, path, "url", &url, error))
    return FALSE;
  if (content_type != NULL && !g_str_has_prefix (content_type, "application/pdf"))
    return fail (error, RD_PAS_ERROR_ATTACHMENT, path,
                 _("only PDF attachments become records: send this document as a PDF."));
  if (json_object_get_member (attachment, "data") == NULL && url != NULL)
    {
      g_autoptr(JsonObject) reference = json_object_new ();
      g_autofree char *url_path = g_strdup_printf ("%s.url", path);
      const Entry *binary;

      json_object_set_string_member (reference, "reference", url);
      if ((binary = resolve (reader, reference, url_path, binary_types, error)) == NULL)
        return FALSE;
      holder = binary->resource;
      g_free (data_path);
      data_path = g_strdup_printf ("%s.data", binary->path);
    }
  data = json_object_get_member (holder, "data");
  if (data == NULL || !JSON_NODE_HOLDS_VALUE (data) || json_node_get_value_type (data) != G_TYPE_STRING)
    return fail (error, RD_PAS_ERROR_ATTACHMENT, data_path, _("the attachment has no base64 data."));
  return add_pdf (reader, json_node_get_string (data), title, data_path, error);
}

static gboolean
read_supporting_info (Reader      *reader,
                      JsonObject  *claim,
                      const char  *claim_path,
                      GError     **error)
{
  static const char * const document_types[] = { "DocumentReference", NULL };
  JsonArray *infos = get_array (claim, "supportingInfo");

  for (guint i = 0; infos != NULL && i < json_array_get_length (infos); i++)
    {
      JsonObject *info = array_object (infos, i);
      JsonObject *value_attachment = get_object (info, "valueAttachment");
      JsonObject *value_reference = get_object (info, "valueReference");
      g_autofree char *path = NULL;
      const Entry *document;
      JsonArray *content;

      if (value_attachment != NULL)
        {
          path = g_strdup_printf ("%s.supportingInfo[%u].valueAttachment", claim_path, i);
          if (!read_attachment (reader, value_attachment, path, error))
            return FALSE;
          continue;
        }
      if (value_reference == NULL)
        continue;
      path = g_strdup_printf ("%s.supportingInfo[%u].valueReference", claim_path, i);
      if ((document = resolve (reader, value_reference, path, document_types, error)) == NULL)
        return FALSE;
      content = get_array (document->resource, "content");
      for (guint j = 0; content != NULL && j < json_array_get_length (content); j++)
        {
          g_autofree char *attachment_path = g_strdup_printf ("%s.content[%u].attachment", document->path, j);
          JsonObject *attachment = get_object (array_object (content, j), "attachment");

          if (attachment == NULL)
            return fail (error, RD_PAS_ERROR_MISSING, attachment_path, _("the element is missing."));
          if (!read_attachment (reader, attachment, attachment_path, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- the bundle ------------------------------------------------------------ */

/**
 * rd_pas_bundle_load:
 *
 * Parses a bundle's bytes within the PAS limits (RD_PAS_MAX_*), refusing
 * what is larger before parsing it.
 *
 * Returns: (transfer full) (nullable): the JSON document
 */
JsonNode *
rd_pas_bundle_load (GBytes  *bytes,
                    GError **error)
{
  static const RdJsonLimits limits = {
    RD_PAS_MAX_BUNDLE_SIZE, RD_PAS_MAX_DEPTH, RD_PAS_MAX_STRING, RD_PAS_MAX_ARRAY,
  };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return rd_json_load_data_within (data, size, &limits, error);
}

/* The one Claim with use preauthorization; anything else is not a request. */
static const Entry *
find_claim (Reader  *reader,
            GError **error)
{
  const Entry *claim = NULL;

  for (guint i = 0; i < reader->entries->len; i++)
    {
      const Entry *e = &g_array_index (reader->entries, Entry, i);
      const char *use = NULL;

      if (g_str_equal (e->type, "ClaimResponse"))
        {
          fail (error, RD_PAS_ERROR_NOT_A_REQUEST, e->path,
                _("not a request: this bundle is a response to one (it holds a ClaimResponse)."));
          return NULL;
        }
      if (!g_str_equal (e->type, "Claim"))
        continue;
      if (!get_text (e->resource, e->path, "use", &use, error))
        return NULL;
      if (g_strcmp0 (use, "preauthorization") != 0)
        {
          g_autofree char *path = g_strdup_printf ("%s.use", e->path);
          fail (error, RD_PAS_ERROR_NOT_A_REQUEST, path,
                _("not a request for prior authorization: the Claim’s use is not “preauthorization”."));
          return NULL;
        }
      if (claim != NULL)
        {
          fail (error, RD_PAS_ERROR_VALUE, e->path, _("a second Claim: send one request per bundle."));
          return NULL;
        }
      claim = e;
    }
  if (claim == NULL)
    fail (error, RD_PAS_ERROR_NOT_A_REQUEST, "Bundle.entry", _("not a request: the bundle holds no Claim."));
  return claim;
}

static gboolean
check_bundle (JsonNode  *root,
              GError   **error)
{
  JsonObject *bundle = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *type = NULL, *bundle_type = NULL;

  if (bundle == NULL)
    return fail (error, RD_PAS_ERROR_NOT_A_REQUEST, "Bundle", _("not a FHIR resource: the document is not an object."));
  if (!get_text (bundle, "Bundle", "resourceType", &type, error) ||
      !get_text (bundle, "Bundle", "type", &bundle_type, error))
    return FALSE;
  if (g_strcmp0 (type, "Bundle") != 0)
    return fail (error, RD_PAS_ERROR_NOT_A_REQUEST, "Bundle.resourceType",
                 _("not a PAS request: the document is not a FHIR Bundle."));
  if (g_strcmp0 (bundle_type, "collection") != 0)
    return fail (error, RD_PAS_ERROR_NOT_A_REQUEST, "Bundle.type",
                 _("not a PAS request: a request bundle is of type “collection”."));
  return TRUE;
}

/**
 * rd_pas_request_read:
 * @bundle: a document from rd_pas_bundle_load()
 * @vocabulary: (nullable): names the drug of an RxNorm ingredient code
 *
 * Reads a PAS request Bundle: the Claim (use preauthorization), its Patient,
 * Coverage and payor, its provider, items, diagnoses, priority, creation
 * time and supportingInfo PDFs. Refuses with the element's path whatever the
 * review cannot do without; the request is then checked as intake checks it.
 *
 * Returns: (transfer full) (nullable): the request and its PDFs
 */
RdPasRequest *
rd_pas_request_read (JsonNode          *bundle,
                     RdDrugVocabulary  *vocabulary,
                     GError           **error)
{
  g_autoptr(RdPasRequest) pas = g_new0 (RdPasRequest, 1);
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GError) local = NULL;
  Reader reader = { entries, vocabulary, pas, { NULL } };
  const Entry *claim = NULL;
  const char *claim_id = NULL;
  gboolean ok;

  g_return_val_if_fail (bundle != NULL, NULL);

  g_array_set_clear_func (entries, entry_clear);
  pas->request = rd_request_new ();
  pas->attachments = g_ptr_array_new_with_free_func (attachment_free);
  for (guint i = 0; i < G_N_ELEMENTS (reader.codes); i++)
    reader.codes[i] = g_strv_builder_new ();

  ok = check_bundle (bundle, error) && index_entries (&reader, json_node_get_object (bundle), error) &&
       (claim = find_claim (&reader, error)) != NULL &&
       read_patient (&reader, claim->resource, claim->path, error) &&
       read_coverage (&reader, claim->resource, claim->path, error) &&
       read_provider (&reader, claim->resource, claim->path, error) &&
       read_items (&reader, claim->resource, claim->path, error) &&
       read_diagnoses (&reader, claim->resource, claim->path, error) &&
       read_medication_requests (&reader, error) &&
       read_priority_and_time (&reader, claim->resource, claim->path, error) &&
       read_supporting_info (&reader, claim->resource, claim->path, error);
  if (ok)
    {
      claim_id = identifier_of (claim->resource, NULL);
      pas->claim_id = g_strdup (claim_id != NULL ? claim_id : claim->id);
    }
  pas->request->cpt_codes = g_strv_builder_end (reader.codes[CODES_CPT]);
  pas->request->hcpcs_codes = g_strv_builder_end (reader.codes[CODES_HCPCS]);
  pas->request->icd10_pcs_codes = g_strv_builder_end (reader.codes[CODES_PCS]);
  pas->request->icd10_cm_codes = g_strv_builder_end (reader.codes[CODES_CM]);
  for (guint i = 0; i < G_N_ELEMENTS (reader.codes); i++)
    g_strv_builder_unref (reader.codes[i]);
  if (!ok)
    return NULL;
  if (!rd_request_validate (pas->request, &local))
    {
      fail (error, RD_PAS_ERROR_MISSING, claim->path, local->message);
      return NULL;
    }
  return g_steal_pointer (&pas);
}
