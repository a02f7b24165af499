/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-codes.h"
#include "rd-json.h"
#include "rd-request-json.h"

/* Where each JSON member goes, and the field name rd_request_validate_field()
 * knows it by (NULL: not validated on its own). */
typedef struct {
  const char *object;   /* NULL: a member of the top level */
  const char *member;
  const char *field;
  gsize       offset;
} TextMember;

static const TextMember text_members[] = {
  { "member", "name", "member-name", G_STRUCT_OFFSET (RdRequest, member_name) },
  { "member", "id", "member-id", G_STRUCT_OFFSET (RdRequest, member_id) },
  { "member", "birth_date", "member-birth-date", G_STRUCT_OFFSET (RdRequest, member_birth_date) },
  { "provider", "name", "provider-name", G_STRUCT_OFFSET (RdRequest, provider_name) },
  { "provider", "npi", "provider-npi", G_STRUCT_OFFSET (RdRequest, provider_npi) },
  { NULL, "drug", NULL, G_STRUCT_OFFSET (RdRequest, drug) },
  { NULL, "route", NULL, G_STRUCT_OFFSET (RdRequest, route) },
  { NULL, "device", NULL, G_STRUCT_OFFSET (RdRequest, device) },
  { "coverage", "payer", NULL, G_STRUCT_OFFSET (RdRequest, payer) },
  { "coverage", "plan", NULL, G_STRUCT_OFFSET (RdRequest, plan) },
};

static const struct {
  const char *member;
  const char *field;
  gsize       offset;
} code_members[] = {
  { "cpt", "cpt", G_STRUCT_OFFSET (RdRequest, cpt_codes) },
  { "hcpcs", "hcpcs", G_STRUCT_OFFSET (RdRequest, hcpcs_codes) },
  { "icd10_pcs", "icd10-pcs", G_STRUCT_OFFSET (RdRequest, icd10_pcs_codes) },
  { "icd10_cm", "icd10-cm", G_STRUCT_OFFSET (RdRequest, icd10_cm_codes) },
};

static const char * const top_members[] = {
  "member", "provider", "coverage", "codes", "drug", "route", "device", "type", "urgency", "received", NULL,
};
static const char * const member_members[] = { "name", "id", "birth_date", NULL };
static const char * const provider_members[] = { "name", "npi", NULL };
static const char * const coverage_members[] = { "payer", "plan", "line_of_business", NULL };
static const char * const codes_members[] = { "cpt", "hcpcs", "icd10_pcs", "icd10_cm", NULL };

/* The field's own check, its message prefixed with the JSON path. */
static gboolean
validate_field (const char  *path,
                const char  *field,
                const char  *value,
                GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (field == NULL || rd_request_validate_field (field, value, &local))
    return TRUE;
  g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
  return FALSE;
}

static gboolean
read_text (JsonObject  *top,
           RdRequest   *request,
           GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    {
      const TextMember *m = &text_members[i];
      g_autofree char *object_path = m->object ? g_strconcat ("$.", m->object, NULL) : g_strdup ("$");
      g_autofree char *path = g_strdup_printf ("%s.%s", object_path, m->member);
      JsonObject *object = top;
      const char *value = NULL;

      if (m->object != NULL)
        {
          JsonNode *node = json_object_get_member (top, m->object);
          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            object = NULL;
          else if ((object = rd_json_get_object (node, object_path, error)) == NULL)
            return FALSE;
        }
      if (object != NULL && !rd_json_get_string (object, object_path, m->member, &value, error))
        return FALSE;
      if (!validate_field (path, m->field, value, error))
        return FALSE;
      G_STRUCT_MEMBER (char *, request, m->offset) = value && *value ? g_strdup (value) : NULL;
    }
  return TRUE;
}

static gboolean
read_codes (JsonObject  *top,
            RdRequest   *request,
            GError     **error)
{
  JsonNode *node = json_object_get_member (top, "codes");
  JsonObject *codes = NULL;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      ((codes = rd_json_get_object (node, "$.codes", error)) == NULL ||
       !rd_json_check_members (codes, "$.codes", codes_members, error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (code_members); i++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autofree char *path = g_strconcat ("$.codes.", code_members[i].member, NULL);
      JsonNode *list = codes ? json_object_get_member (codes, code_members[i].member) : NULL;
      JsonArray *array;

      if (list != NULL && !JSON_NODE_HOLDS_NULL (list))
        {
          if (!JSON_NODE_HOLDS_ARRAY (list))
            {
              g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TYPE, _("%s: an array of codes is expected."), path);
              return FALSE;
            }
          array = json_node_get_array (list);
          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonNode *item = json_array_get_element (array, j);
              g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, j);
              g_autofree char *code = NULL;

              if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
                {
                  g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TYPE, _("%s: a code is a string."), item_path);
                  return FALSE;
                }
              code = rd_code_normalize (json_node_get_string (item));
              if (!validate_field (item_path, code_members[i].field, code, error))
                return FALSE;
              g_strv_builder_add (builder, code);
            }
        }
      G_STRUCT_MEMBER (char **, request, code_members[i].offset) = g_strv_builder_end (builder);
    }
  return TRUE;
}

static gboolean
read_choices (JsonObject  *top,
              RdRequest   *request,
              GError     **error)
{
  const char *type = NULL, *urgency = NULL, *received = NULL;

  if (!rd_json_get_string (top, "$", "type", &type, error) ||
      !rd_json_get_string (top, "$", "urgency", &urgency, error) ||
      !rd_json_get_string (top, "$", "received", &received, error))
    return FALSE;
  if (type != NULL && !rd_request_type_from_string (type, &request->type))
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_VALUE,
                   _("$.type: “%s” is not a request type: use initial, trial, replacement, revision or refill."),
                   type);
      return FALSE;
    }
  if (urgency != NULL && !rd_urgency_from_string (urgency, &request->urgency))
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_VALUE,
                   _("$.urgency: “%s” is not an urgency: use standard or expedited."), urgency);
      return FALSE;
    }
  if (received != NULL && (request->received = g_date_time_new_from_iso8601 (received, NULL)) == NULL)
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_VALUE,
                   _("$.received: “%s” is not a time with its zone, such as 2026-12-01T09:00:00Z."), received);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_line_of_business (JsonObject  *top,
                       RdRequest   *request,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (top, "coverage");
  const char *line = NULL;

  /* read_text() has refused a coverage that is not an object. */
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  if (!rd_json_get_string (json_node_get_object (node), "$.coverage", "line_of_business", &line, error))
    return FALSE;
  if (line != NULL && !rd_line_of_business_from_string (line, &request->line_of_business))
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_VALUE,
                   _("$.coverage.line_of_business: “%s” is not a line of business: use commercial,"
                     " medicare-advantage or medicaid."), line);
      return FALSE;
    }
  return TRUE;
}

/**
 * rd_request_new_from_json:
 * @root: a document read with rd_json_load_file(), whose limits are checked
 *
 * Reads a request (the format is in rd-request-json.h): unknown members and
 * members of the wrong type are refused with their JSON path, each field is
 * checked as intake checks it, and the whole with rd_request_validate().
 *
 * Returns: (transfer full) (nullable): the request, complete and valid
 */
RdRequest *
rd_request_new_from_json (JsonNode  *root,
                          GError   **error)
{
  g_autoptr(RdRequest) request = rd_request_new ();
  g_autoptr(GError) local = NULL;
  JsonObject *top;
  JsonNode *node;

  g_return_val_if_fail (root != NULL, NULL);

  if (!rd_json_check_limits (root, error) ||
      (top = rd_json_get_object (root, "$", error)) == NULL ||
      !rd_json_check_members (top, "$", top_members, error))
    return NULL;
  if ((node = json_object_get_member (top, "member")) != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      !rd_json_check_members (json_node_get_object (node), "$.member", member_members, error))
    return NULL;
  if ((node = json_object_get_member (top, "provider")) != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      !rd_json_check_members (json_node_get_object (node), "$.provider", provider_members, error))
    return NULL;
  if ((node = json_object_get_member (top, "coverage")) != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      !rd_json_check_members (json_node_get_object (node), "$.coverage", coverage_members, error))
    return NULL;
  if (!read_text (top, request, error) || !read_codes (top, request, error) || !read_choices (top, request, error) ||
      !read_line_of_business (top, request, error))
    return NULL;
  if (!rd_request_validate (request, &local))
    {
      g_set_error (error, local->domain, local->code, "$: %s", local->message);
      return NULL;
    }
  return g_steal_pointer (&request);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * rd_request_to_json:
 *
 * Returns: (transfer full): @request in the format rd_request_new_from_json()
 *   reads; fields that are not set are left out
 */
JsonNode *
rd_request_to_json (const RdRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *received = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "member");
  json_builder_begin_object (builder);
  add_string (builder, "name", request->member_name);
  add_string (builder, "id", request->member_id);
  add_string (builder, "birth_date", request->member_birth_date);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "provider");
  json_builder_begin_object (builder);
  add_string (builder, "name", request->provider_name);
  add_string (builder, "npi", request->provider_npi);
  json_builder_end_object (builder);
  if (request->payer != NULL || request->plan != NULL || request->line_of_business != RD_LINE_OF_BUSINESS_UNKNOWN)
    {
      json_builder_set_member_name (builder, "coverage");
      json_builder_begin_object (builder);
      add_string (builder, "payer", request->payer);
      add_string (builder, "plan", request->plan);
      add_string (builder, "line_of_business", rd_line_of_business_to_string (request->line_of_business));
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_object (builder);
  for (guint c = 0; c < G_N_ELEMENTS (code_members); c++)
    {
      char **codes = G_STRUCT_MEMBER (char **, request, code_members[c].offset);

      json_builder_set_member_name (builder, code_members[c].member);
      json_builder_begin_array (builder);
      for (guint j = 0; codes != NULL && codes[j] != NULL; j++)
        json_builder_add_string_value (builder, codes[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  add_string (builder, "drug", request->drug);
  add_string (builder, "route", request->route);
  add_string (builder, "device", request->device);
  add_string (builder, "type", rd_request_type_to_string (request->type));
  add_string (builder, "urgency", rd_urgency_to_string (request->urgency));
  if (request->received != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (request->received);
      received = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  add_string (builder, "received", received);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
