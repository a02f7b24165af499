/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON members of the trust file and of a certificate's text. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-identity-private.h"
#include "rd-json.h"
#include "rd-trust-private.h"

void
_rd_json_add_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
_rd_json_add_time (JsonBuilder *builder,
                   const char  *name,
                   GDateTime   *value)
{
  g_autofree char *text = _rd_time_format (value);

  _rd_json_add_string (builder, name, text);
}

char *
_rd_json_take_string (JsonObject  *object,
                      const char  *path,
                      const char  *member,
                      gboolean     may_be_empty,
                      GError     **error)
{
  const char *value;
  g_autoptr(GError) local = NULL;

  if (!rd_json_get_string (object, path, member, &value, &local))
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, local->message);
      return NULL;
    }
  if (value == NULL || (!may_be_empty && *value == '\0'))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, _("%s.%s: a text is expected."), path, member);
      return NULL;
    }
  return g_strdup (value);
}

/* A public key (32 bytes) or a signature (64 bytes) in base64. */
char *
_rd_json_take_key (JsonObject  *object,
                   const char  *path,
                   const char  *member,
                   gsize        bytes,
                   GError     **error)
{
  g_autofree char *text = _rd_json_take_string (object, path, member, FALSE, error);
  guchar decoded[RD_SIGNATURE_BYTES];

  g_assert (bytes <= sizeof decoded);
  if (text == NULL)
    return NULL;
  if (!_rd_base64_decode_exact (text, decoded, bytes))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                   bytes == RD_PUBLIC_KEY_BYTES ? _("%s.%s: not a public key (base64 of 32 bytes).")
                                                : _("%s.%s: not a signature (base64 of 64 bytes)."),
                   path, member);
      return NULL;
    }
  return g_steal_pointer (&text);
}

GDateTime *
_rd_json_take_time (JsonObject  *object,
                    const char  *path,
                    const char  *member,
                    GError     **error)
{
  g_autofree char *text = _rd_json_take_string (object, path, member, FALSE, error);
  GDateTime *time;

  if (text == NULL)
    return NULL;
  time = _rd_time_parse (text);
  if (time == NULL)
    /* TRANSLATORS: keep the example time as it is */
    g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                 _("%s.%s: a time in UTC such as 2026-12-01T09:30:00Z is expected."), path, member);
  return time;
}

/* The members a trust file and a certificate's text begin with. */
void
_rd_json_add_header (JsonBuilder *builder,
                     const char  *format,
                     int          version,
                     const char  *organisation_name,
                     const char  *organisation_key)
{
  _rd_json_add_string (builder, "format", format);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, version);
  json_builder_set_member_name (builder, "organisation");
  json_builder_begin_object (builder);
  _rd_json_add_string (builder, "name", organisation_name);
  _rd_json_add_string (builder, "public_key", organisation_key);
  json_builder_end_object (builder);
}

static gboolean
check_format (JsonObject  *root,
              const char  *format,
              int          version,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "version");
  const char *found = NULL;

  if (!rd_json_get_string (root, "$", "format", &found, NULL) || g_strcmp0 (found, format) != 0)
    {
      /* TRANSLATORS: the name of a file format, e.g. reviewdesk-trust */
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, _("$.format: “%s” is expected."), format);
      return FALSE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, _("$.version: a version number is expected."));
      return FALSE;
    }
  if (json_node_get_int (node) > version)
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                           _("$.version: the file was written by a newer version of ReviewDesk."));
      return FALSE;
    }
  return TRUE;
}

/**
 * _rd_json_read_header:
 * @members: every member @root may have
 *
 * Checks the format, the version and the members of @root and reads its
 * organisation.
 */
gboolean
_rd_json_read_header (JsonObject          *root,
                      const char          *format,
                      int                  version,
                      const char * const  *members,
                      char               **organisation_name,
                      char               **organisation_key,
                      GError             **error)
{
  static const char * const organisation_members[] = { "name", "public_key", NULL };
  g_autoptr(GError) local = NULL;
  JsonObject *organisation;

  if (!check_format (root, format, version, error))
    return FALSE;
  if (!rd_json_check_members (root, "$", members, &local) ||
      (organisation = rd_json_get_object (json_object_get_member (root, "organisation"), "$.organisation",
                                          &local)) == NULL ||
      !rd_json_check_members (organisation, "$.organisation", organisation_members, &local))
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, local->message);
      return FALSE;
    }
  *organisation_name = _rd_json_take_string (organisation, "$.organisation", "name", FALSE, error);
  if (*organisation_name == NULL)
    return FALSE;
  *organisation_key = _rd_json_take_key (organisation, "$.organisation", "public_key", RD_PUBLIC_KEY_BYTES, error);
  return *organisation_key != NULL;
}
