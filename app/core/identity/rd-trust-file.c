/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trust file on disk (data/TRUST-FORMAT.md). */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-identity-private.h"
#include "rd-json.h"
#include "rd-trust-private.h"

#define FORMAT "reviewdesk-trust"
#define VERSION 1

/* An organisation of thousands of reviewers fits; a file that does not is
 * refused before it is parsed. Nesting: file, list, entry. */
static const RdJsonLimits limits = {
  .max_file_size = 4 * 1024 * 1024,
  .max_depth = 3,
  .max_string = RD_JSON_MAX_STRING,
  .max_array = 10000,
};

static const char * const root_members[] = {
  "format", "version", "organisation", "certificates", "revocations", NULL,
};
static const char * const revocation_members[] = { "public_key", "revoked_at", "reason", "signature", NULL };

/* One message for every refusal of a file's content: the file, what is wrong
 * in it, what to do. */
static void
refuse (GError     **error,
        RdTrustError code,
        const char  *path,
        const char  *problem)
{
  g_set_error (error, RD_TRUST_ERROR, code,
               _("%s: %s Ask the organisation’s administrator for a correct copy of the trust file."), path, problem);
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, _("$.%s: a list is expected."), member);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
serial_is_new (RdTrust *self,
               gint64   serial)
{
  for (guint i = 0; i < self->certificates->len; i++)
    if (((RdCertificate *) self->certificates->pdata[i])->serial == serial)
      return FALSE;
  return TRUE;
}

static gboolean
read_certificate (RdTrust     *self,
                  JsonNode    *node,
                  const char  *entry,
                  GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RdCertificate) c = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *object = rd_json_get_object (node, entry, &local);

  if (object == NULL || !rd_json_check_members (object, entry, _rd_certificate_members, &local))
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, local->message);
      return FALSE;
    }
  c = _rd_certificate_from_members (object, entry, self->organisation_name, self->organisation_key, error);
  if (c == NULL)
    return FALSE;
  if (!serial_is_new (self, c->serial))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                   _("%s.serial: the serial %lld is given to two certificates."), entry, (long long) c->serial);
      return FALSE;
    }
  bytes = _rd_certificate_signed_bytes (c);
  if (!_rd_trust_signature_holds (self->organisation_key, bytes, c->signature))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_BAD_SIGNATURE,
                   _("%s (the certificate of %s) is not signed by the organisation’s key: it was changed after"
                     " the administrator signed it."), entry, c->name);
      return FALSE;
    }
  g_ptr_array_add (self->certificates, g_steal_pointer (&c));
  return TRUE;
}

static gboolean
read_revocation (RdTrust     *self,
                 JsonNode    *node,
                 const char  *entry,
                 GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RdRevocation) r = g_new0 (RdRevocation, 1);
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *object = rd_json_get_object (node, entry, &local);

  if (object == NULL || !rd_json_check_members (object, entry, revocation_members, &local))
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, local->message);
      return FALSE;
    }
  if ((r->public_key = _rd_json_take_key (object, entry, "public_key", RD_PUBLIC_KEY_BYTES, error)) == NULL ||
      (r->revoked_at = _rd_json_take_time (object, entry, "revoked_at", error)) == NULL ||
      (r->reason = _rd_json_take_string (object, entry, "reason", TRUE, error)) == NULL ||
      (r->signature = _rd_json_take_key (object, entry, "signature", RD_SIGNATURE_BYTES, error)) == NULL)
    return FALSE;
  bytes = _rd_revocation_signed_bytes (self->organisation_key, r);
  if (!_rd_trust_signature_holds (self->organisation_key, bytes, r->signature))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_BAD_SIGNATURE,
                   _("%s (a revocation) is not signed by the organisation’s key: it was changed after the"
                     " administrator signed it."), entry);
      return FALSE;
    }
  g_ptr_array_add (self->revocations, g_steal_pointer (&r));
  return TRUE;
}

static gboolean
read_entries (RdTrust     *self,
              JsonObject  *root,
              const char  *member,
              gboolean   (*read) (RdTrust *, JsonNode *, const char *, GError **),
              GError     **error)
{
  JsonArray *entries = get_array (root, member, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      g_autofree char *entry = g_strdup_printf ("$.%s[%u]", member, i);

      if (!read (self, json_array_get_element (entries, i), entry, error))
        return FALSE;
    }
  return TRUE;
}

static RdTrust *
read_trust (JsonNode  *root_node,
            GError   **error)
{
  g_autoptr(RdTrust) self = g_object_new (RD_TYPE_TRUST, NULL);
  g_autoptr(GError) local = NULL;
  JsonObject *root = rd_json_get_object (root_node, "$", &local);

  if (root == NULL)
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, local->message);
      return NULL;
    }
  if (!_rd_json_read_header (root, FORMAT, VERSION, root_members,
                             &self->organisation_name, &self->organisation_key, error) ||
      !read_entries (self, root, "certificates", read_certificate, error) ||
      !read_entries (self, root, "revocations", read_revocation, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * rd_trust_load:
 *
 * Returns: (transfer full) (nullable): the trust file at @path with every
 *   signature in it checked; IO when it cannot be read, INVALID when it is
 *   not a trust file, BAD_SIGNATURE (naming the entry) when one entry is not
 *   the organisation's
 */
RdTrust *
rd_trust_load (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = NULL;
  RdTrust *self;

  g_return_val_if_fail (path != NULL, NULL);

  root = rd_json_load_file_within (path, &limits, &local);
  if (root == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_IO,
                     _("There is no trust file “%s”: ask the organisation’s administrator for it, or give its"
                       " place."), path);
      else if (local->domain != RD_JSON_ERROR)
        g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_IO, _("Could not read the trust file “%s”: %s"),
                     path, local->message);
      else
        /* rd_json's messages name the file already */
        g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                     _("%s Ask the organisation’s administrator for a correct copy of the trust file."), local->message);
      return NULL;
    }
  self = read_trust (root, &local);
  if (self == NULL)
    refuse (error, local->code, path, local->message);
  return self;
}

static void
add_revocation (JsonBuilder        *builder,
                const RdRevocation *r)
{
  json_builder_begin_object (builder);
  _rd_json_add_string (builder, "public_key", r->public_key);
  _rd_json_add_time (builder, "revoked_at", r->revoked_at);
  _rd_json_add_string (builder, "reason", r->reason);
  _rd_json_add_string (builder, "signature", r->signature);
  json_builder_end_object (builder);
}

static JsonNode *
build (RdTrust *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  _rd_json_add_header (builder, FORMAT, VERSION, self->organisation_name, self->organisation_key);
  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->certificates->len; i++)
    {
      json_builder_begin_object (builder);
      _rd_certificate_add_members (builder, self->certificates->pdata[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "revocations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->revocations->len; i++)
    add_revocation (builder, self->revocations->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
rd_trust_save (RdTrust     *self,
               const char  *path,
               GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (RD_IS_TRUST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  root = build (self);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  if (!g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_IO, _("Could not write the trust file: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}
