/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A reviewer's certificate: what is signed, its one-line text, its status in words. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-identity-private.h"
#include "rd-json.h"
#include "rd-trust-private.h"

#define TEXT_FORMAT "reviewdesk-certificate"
#define TEXT_VERSION 1
/* A certificate's text is one line of a few hundred bytes. */
#define TEXT_MAX_SIZE (16 * 1024)

const char * const _rd_certificate_members[] = {
  "serial", "name", "credentials", "role", "public_key", "not_before", "not_after", "signature", NULL,
};

void
rd_certificate_free (RdCertificate *certificate)
{
  if (certificate == NULL)
    return;
  g_free (certificate->organisation_name);
  g_free (certificate->organisation_key);
  g_free (certificate->name);
  g_free (certificate->credentials);
  g_free (certificate->public_key);
  g_clear_pointer (&certificate->not_before, g_date_time_unref);
  g_clear_pointer (&certificate->not_after, g_date_time_unref);
  g_free (certificate->signature);
  g_free (certificate);
}

RdCertificate *
rd_certificate_copy (const RdCertificate *certificate)
{
  RdCertificate *copy;

  g_return_val_if_fail (certificate != NULL, NULL);
  copy = g_new0 (RdCertificate, 1);
  copy->organisation_name = g_strdup (certificate->organisation_name);
  copy->organisation_key = g_strdup (certificate->organisation_key);
  copy->serial = certificate->serial;
  copy->name = g_strdup (certificate->name);
  copy->credentials = g_strdup (certificate->credentials);
  copy->role = certificate->role;
  copy->public_key = g_strdup (certificate->public_key);
  copy->not_before = certificate->not_before ? g_date_time_ref (certificate->not_before) : NULL;
  copy->not_after = certificate->not_after ? g_date_time_ref (certificate->not_after) : NULL;
  copy->signature = g_strdup (certificate->signature);
  return copy;
}

void
rd_revocation_free (RdRevocation *revocation)
{
  if (revocation == NULL)
    return;
  g_free (revocation->public_key);
  g_clear_pointer (&revocation->revoked_at, g_date_time_unref);
  g_free (revocation->reason);
  g_free (revocation->signature);
  g_free (revocation);
}

/* "<length in bytes>:<bytes>\n": no value can pass for the next one. */
static void
add_field (GString    *out,
           const char *value)
{
  gsize length = strlen (value);

  g_string_append_printf (out, "%" G_GSIZE_FORMAT ":", length);
  g_string_append_len (out, value, length);
  g_string_append_c (out, '\n');
}

static void
add_time (GString   *out,
          GDateTime *time)
{
  g_autofree char *text = _rd_time_format (time);

  add_field (out, text);
}

GBytes *
_rd_certificate_signed_bytes (const RdCertificate *c)
{
  GString *out = g_string_new ("rd-certificate-v1\n");
  char serial[32];

  g_snprintf (serial, sizeof serial, "%" G_GINT64_FORMAT, c->serial);
  add_field (out, c->organisation_key);
  add_field (out, c->organisation_name);
  add_field (out, serial);
  add_field (out, c->name);
  add_field (out, c->credentials);
  add_field (out, rd_role_to_string (c->role));
  add_field (out, c->public_key);
  add_time (out, c->not_before);
  add_time (out, c->not_after);
  return g_string_free_to_bytes (out);
}

GBytes *
_rd_revocation_signed_bytes (const char         *organisation_key,
                             const RdRevocation *r)
{
  GString *out = g_string_new ("rd-revocation-v1\n");

  add_field (out, organisation_key);
  add_field (out, r->public_key);
  add_time (out, r->revoked_at);
  add_field (out, r->reason);
  return g_string_free_to_bytes (out);
}

void
_rd_certificate_add_members (JsonBuilder         *builder,
                             const RdCertificate *c)
{
  json_builder_set_member_name (builder, "serial");
  json_builder_add_int_value (builder, c->serial);
  _rd_json_add_string (builder, "name", c->name);
  _rd_json_add_string (builder, "credentials", c->credentials);
  _rd_json_add_string (builder, "role", rd_role_to_string (c->role));
  _rd_json_add_string (builder, "public_key", c->public_key);
  _rd_json_add_time (builder, "not_before", c->not_before);
  _rd_json_add_time (builder, "not_after", c->not_after);
  _rd_json_add_string (builder, "signature", c->signature);
}

static gboolean
take_serial (JsonObject  *object,
             const char  *path,
             gint64      *serial,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, "serial");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                   _("%s.serial: a whole number from 1 up is expected."), path);
      return FALSE;
    }
  *serial = json_node_get_int (node);
  return TRUE;
}

static gboolean
take_role (JsonObject  *object,
           const char  *path,
           RdRole      *role,
           GError     **error)
{
  g_autofree char *name = _rd_json_take_string (object, path, "role", FALSE, error);

  if (name == NULL)
    return FALSE;
  if (!rd_role_from_string (name, role))
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                   _("%s.role: “%s” is not a role: nurse-reviewer, medical-director or trainer is expected."),
                   path, name);
      return FALSE;
    }
  return TRUE;
}

RdCertificate *
_rd_certificate_from_members (JsonObject  *object,
                              const char  *path,
                              const char  *organisation_name,
                              const char  *organisation_key,
                              GError     **error)
{
  g_autoptr(RdCertificate) c = g_new0 (RdCertificate, 1);

  c->organisation_name = g_strdup (organisation_name);
  c->organisation_key = g_strdup (organisation_key);
  if (!take_serial (object, path, &c->serial, error) ||
      (c->name = _rd_json_take_string (object, path, "name", FALSE, error)) == NULL ||
      (c->credentials = _rd_json_take_string (object, path, "credentials", TRUE, error)) == NULL ||
      !take_role (object, path, &c->role, error) ||
      (c->public_key = _rd_json_take_key (object, path, "public_key", RD_PUBLIC_KEY_BYTES, error)) == NULL ||
      (c->not_before = _rd_json_take_time (object, path, "not_before", error)) == NULL ||
      (c->not_after = _rd_json_take_time (object, path, "not_after", error)) == NULL ||
      (c->signature = _rd_json_take_key (object, path, "signature", RD_SIGNATURE_BYTES, error)) == NULL)
    return NULL;
  if (g_date_time_compare (c->not_before, c->not_after) > 0)
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                   _("%s: the certificate ends (not_after) before it begins (not_before)."), path);
      return NULL;
    }
  return g_steal_pointer (&c);
}

/**
 * rd_certificate_to_text:
 *
 * Returns: (transfer full): compact JSON on one line: the format, the
 *   organisation's name and key, and the certificate's members
 */
char *
rd_certificate_to_text (const RdCertificate *certificate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (certificate != NULL, NULL);

  json_builder_begin_object (builder);
  _rd_json_add_header (builder, TEXT_FORMAT, TEXT_VERSION, certificate->organisation_name,
                       certificate->organisation_key);
  _rd_certificate_add_members (builder, certificate);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The members of a certificate's text: its header, then its own. */
static char **
text_members (void)
{
  g_autoptr(GStrvBuilder) known = g_strv_builder_new ();

  g_strv_builder_add_many (known, "format", "version", "organisation", NULL);
  g_strv_builder_addv (known, (const char **) _rd_certificate_members);
  return g_strv_builder_end (known);
}

/**
 * rd_certificate_from_text:
 *
 * Returns: (transfer full) (nullable): the certificate in @text, or %NULL
 *   with INVALID naming the JSON path of what is wrong
 */
RdCertificate *
rd_certificate_from_text (const char  *text,
                          GError     **error)
{
  static const RdJsonLimits limits = { TEXT_MAX_SIZE, 2, RD_JSON_MAX_STRING, 0 };
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *organisation_name = NULL;
  g_autofree char *organisation_key = NULL;
  g_auto(GStrv) members = text_members ();
  JsonObject *object;
  RdCertificate *certificate;

  g_return_val_if_fail (text != NULL, NULL);

  root = rd_json_load_data_within (text, -1, &limits, &local);
  if (root == NULL ||
      (object = rd_json_get_object (root, "$", &local)) == NULL ||
      !_rd_json_read_header (object, TEXT_FORMAT, TEXT_VERSION, (const char * const *) members,
                             &organisation_name, &organisation_key, &local) ||
      (certificate = _rd_certificate_from_members (object, "$", organisation_name, organisation_key, &local)) == NULL)
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID, _("Not a ReviewDesk certificate: %s"), local->message);
      return NULL;
    }
  return certificate;
}

const char *
rd_certificate_status_to_string (RdCertificateStatus status)
{
  static const char * const names[] = {
    [RD_CERTIFICATE_VALID] = "valid",
    [RD_CERTIFICATE_UNKNOWN_ORGANISATION] = "unknown-organisation",
    [RD_CERTIFICATE_BAD_SIGNATURE] = "bad-signature",
    [RD_CERTIFICATE_NOT_YET_VALID] = "not-yet-valid",
    [RD_CERTIFICATE_EXPIRED] = "expired",
    [RD_CERTIFICATE_REVOKED] = "revoked",
  };

  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (names), NULL);
  return names[status];
}

static char *
format_date (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d");
}

/**
 * rd_certificate_status_describe:
 *
 * Returns: (transfer full): e.g. "The key of Dr Ana Ruiz (medical director)
 *   was revoked by Example Health Plan."
 */
char *
rd_certificate_status_describe (RdCertificateStatus  status,
                                const RdCertificate *c)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  const char *role;

  g_return_val_if_fail (c != NULL, NULL);

  from = format_date (c->not_before);
  until = format_date (c->not_after);
  role = rd_role_to_label (c->role);

  switch (status)
    {
    case RD_CERTIFICATE_VALID:
      /* TRANSLATORS: the reviewer's name, their role, the organisation, a date */
      return g_strdup_printf (_("The key of %s (%s) is certified by %s until %s."),
                              c->name, role, c->organisation_name, until);
    case RD_CERTIFICATE_UNKNOWN_ORGANISATION:
      return g_strdup_printf (_("The key of %s (%s) is certified by “%s”, an organisation this workstation does"
                                " not trust."), c->name, role, c->organisation_name);
    case RD_CERTIFICATE_BAD_SIGNATURE:
      return g_strdup_printf (_("The certificate of %s (%s) does not carry the signature of %s: it was changed"
                                " after it was signed, or forged."), c->name, role, c->organisation_name);
    case RD_CERTIFICATE_NOT_YET_VALID:
      return g_strdup_printf (_("The certificate of %s (%s) from %s is valid only from %s."),
                              c->name, role, c->organisation_name, from);
    case RD_CERTIFICATE_EXPIRED:
      return g_strdup_printf (_("The certificate of %s (%s) from %s expired on %s."),
                              c->name, role, c->organisation_name, until);
    case RD_CERTIFICATE_REVOKED:
      return g_strdup_printf (_("The key of %s (%s) was revoked by %s."), c->name, role, c->organisation_name);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The sentence for a revocation, with its date. */
char *
_rd_certificate_describe_revoked (const RdCertificate *c,
                                  const RdRevocation  *revocation)
{
  g_autofree char *on = format_date (revocation->revoked_at);

  /* TRANSLATORS: the reviewer's name, their role, the organisation, a date */
  return g_strdup_printf (_("The key of %s (%s) was revoked by %s on %s."),
                          c->name, rd_role_to_label (c->role), c->organisation_name, on);
}
