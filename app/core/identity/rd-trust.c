/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-identity-private.h"
#include "rd-trust-private.h"

G_DEFINE_QUARK (rd-trust-error-quark, rd_trust_error)

G_DEFINE_FINAL_TYPE (RdTrust, rd_trust, G_TYPE_OBJECT)

static void
rd_trust_finalize (GObject *object)
{
  RdTrust *self = RD_TRUST (object);

  g_free (self->organisation_name);
  g_free (self->organisation_key);
  g_ptr_array_unref (self->certificates);
  g_ptr_array_unref (self->revocations);
  G_OBJECT_CLASS (rd_trust_parent_class)->finalize (object);
}

static void
rd_trust_class_init (RdTrustClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_trust_finalize;
}

static void
rd_trust_init (RdTrust *self)
{
  self->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_certificate_free);
  self->revocations = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_revocation_free);
}

/**
 * rd_trust_new:
 *
 * Returns: (transfer full): an organisation with no certificates yet
 */
RdTrust *
rd_trust_new (const char   *organisation_name,
              RdSigningKey *admin_key)
{
  RdTrust *self;

  g_return_val_if_fail (organisation_name != NULL && *organisation_name != '\0', NULL);
  g_return_val_if_fail (RD_IS_SIGNING_KEY (admin_key), NULL);

  self = g_object_new (RD_TYPE_TRUST, NULL);
  self->organisation_name = g_strdup (organisation_name);
  self->organisation_key = g_strdup (rd_signing_key_get_public_key (admin_key));
  return self;
}

const char *
rd_trust_get_organisation_name (RdTrust *self)
{
  g_return_val_if_fail (RD_IS_TRUST (self), NULL);
  return self->organisation_name;
}

const char *
rd_trust_get_organisation_key (RdTrust *self)
{
  g_return_val_if_fail (RD_IS_TRUST (self), NULL);
  return self->organisation_key;
}

static gboolean
check_admin (RdTrust       *self,
             RdSigningKey  *admin_key,
             GError       **error)
{
  if (g_strcmp0 (rd_signing_key_get_public_key (admin_key), self->organisation_key) == 0)
    return TRUE;
  g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_NOT_ADMIN,
               _("This key is not the administrator key of %s: use the key file made when the organisation"
                 " was set up."), self->organisation_name);
  return FALSE;
}

static gboolean
check_public_key (const char  *public_key,
                  GError     **error)
{
  if (_rd_public_key_is_valid (public_key))
    return TRUE;
  g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
               _("“%s” is not a public key: copy all of its 43 characters."),
               public_key);
  return FALSE;
}

static gint64
next_serial (RdTrust *self)
{
  gint64 serial = 0;

  for (guint i = 0; i < self->certificates->len; i++)
    serial = MAX (serial, ((RdCertificate *) self->certificates->pdata[i])->serial);
  return serial + 1;
}

static char *
sign_bytes (RdSigningKey *key,
            GBytes       *bytes)
{
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  return rd_signing_key_sign (key, data, length);
}

gboolean
_rd_trust_signature_holds (const char *organisation_key,
                           GBytes     *bytes,
                           const char *signature)
{
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  return rd_signature_check (organisation_key, data, length, signature);
}

/**
 * rd_trust_certify:
 *
 * Returns: (transfer full) (nullable): the new certificate, also kept in
 *   this trust (save it to keep it)
 */
RdCertificate *
rd_trust_certify (RdTrust       *self,
                  RdSigningKey  *admin_key,
                  const char    *name,
                  const char    *credentials,
                  RdRole         role,
                  const char    *public_key,
                  GDateTime     *not_after,
                  GError       **error)
{
  g_autoptr(RdCertificate) c = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (RD_IS_TRUST (self), NULL);
  g_return_val_if_fail (RD_IS_SIGNING_KEY (admin_key), NULL);
  g_return_val_if_fail (name != NULL && credentials != NULL && public_key != NULL && not_after != NULL, NULL);
  g_return_val_if_fail (rd_role_to_string (role) != NULL, NULL);

  if (!check_admin (self, admin_key, error) || !check_public_key (public_key, error))
    return NULL;
  if (*name == '\0')
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                           _("A certificate needs the reviewer’s name."));
      return NULL;
    }
  c = g_new0 (RdCertificate, 1);
  c->organisation_name = g_strdup (self->organisation_name);
  c->organisation_key = g_strdup (self->organisation_key);
  c->serial = next_serial (self);
  c->name = g_strdup (name);
  c->credentials = g_strdup (credentials);
  c->role = role;
  c->public_key = g_strdup (public_key);
  c->not_before = _rd_time_now ();
  c->not_after = _rd_time_to_second (not_after);
  if (g_date_time_compare (c->not_after, c->not_before) <= 0)
    {
      g_set_error_literal (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                           _("A certificate must end after it begins: give an end in the future."));
      return NULL;
    }
  bytes = _rd_certificate_signed_bytes (c);
  c->signature = sign_bytes (admin_key, bytes);
  g_ptr_array_add (self->certificates, rd_certificate_copy (c));
  return g_steal_pointer (&c);
}

/**
 * rd_trust_revoke:
 * @at: (nullable): from when; %NULL for now
 */
gboolean
rd_trust_revoke (RdTrust       *self,
                 RdSigningKey  *admin_key,
                 const char    *public_key,
                 const char    *reason,
                 GDateTime     *at,
                 GError       **error)
{
  g_autoptr(RdRevocation) r = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (RD_IS_TRUST (self), FALSE);
  g_return_val_if_fail (RD_IS_SIGNING_KEY (admin_key), FALSE);
  g_return_val_if_fail (public_key != NULL && reason != NULL, FALSE);

  if (!check_admin (self, admin_key, error) || !check_public_key (public_key, error))
    return FALSE;
  r = g_new0 (RdRevocation, 1);
  r->public_key = g_strdup (public_key);
  r->revoked_at = at ? _rd_time_to_second (at) : _rd_time_now ();
  r->reason = g_strdup (reason);
  bytes = _rd_revocation_signed_bytes (self->organisation_key, r);
  r->signature = sign_bytes (admin_key, bytes);
  g_ptr_array_add (self->revocations, g_steal_pointer (&r));
  return TRUE;
}

RdCertificate *
rd_trust_find_certificate (RdTrust    *self,
                           const char *public_key)
{
  const RdCertificate *newest = NULL;

  g_return_val_if_fail (RD_IS_TRUST (self), NULL);
  g_return_val_if_fail (public_key != NULL, NULL);

  for (guint i = 0; i < self->certificates->len; i++)
    {
      const RdCertificate *c = self->certificates->pdata[i];

      if (g_str_equal (c->public_key, public_key) && (newest == NULL || c->serial > newest->serial))
        newest = c;
    }
  return newest ? rd_certificate_copy (newest) : NULL;
}

const RdRevocation *
rd_trust_find_revocation (RdTrust    *self,
                          const char *public_key)
{
  const RdRevocation *earliest = NULL;

  g_return_val_if_fail (RD_IS_TRUST (self), NULL);
  g_return_val_if_fail (public_key != NULL, NULL);

  for (guint i = 0; i < self->revocations->len; i++)
    {
      const RdRevocation *r = self->revocations->pdata[i];

      if (g_str_equal (r->public_key, public_key) &&
          (earliest == NULL || g_date_time_compare (r->revoked_at, earliest->revoked_at) < 0))
        earliest = r;
    }
  return earliest;
}

RdCertificateStatus
rd_trust_check (RdTrust             *self,
                const RdCertificate *certificate,
                GDateTime           *at)
{
  g_autoptr(GBytes) bytes = NULL;
  const RdRevocation *revocation;

  g_return_val_if_fail (RD_IS_TRUST (self), RD_CERTIFICATE_UNKNOWN_ORGANISATION);
  g_return_val_if_fail (certificate != NULL && at != NULL, RD_CERTIFICATE_UNKNOWN_ORGANISATION);

  if (g_strcmp0 (certificate->organisation_key, self->organisation_key) != 0)
    return RD_CERTIFICATE_UNKNOWN_ORGANISATION;
  bytes = _rd_certificate_signed_bytes (certificate);
  if (!_rd_trust_signature_holds (self->organisation_key, bytes, certificate->signature))
    return RD_CERTIFICATE_BAD_SIGNATURE;
  revocation = rd_trust_find_revocation (self, certificate->public_key);
  if (revocation != NULL && g_date_time_compare (revocation->revoked_at, at) <= 0)
    return RD_CERTIFICATE_REVOKED;
  if (g_date_time_compare (at, certificate->not_before) < 0)
    return RD_CERTIFICATE_NOT_YET_VALID;
  if (g_date_time_compare (at, certificate->not_after) > 0)
    return RD_CERTIFICATE_EXPIRED;
  return RD_CERTIFICATE_VALID;
}

char *
rd_trust_describe (RdTrust             *self,
                   const RdCertificate *certificate,
                   GDateTime           *at)
{
  RdCertificateStatus status = rd_trust_check (self, certificate, at);

  if (status == RD_CERTIFICATE_REVOKED)
    return _rd_certificate_describe_revoked (certificate,
                                             rd_trust_find_revocation (self, certificate->public_key));
  return rd_certificate_status_describe (status, certificate);
}

GPtrArray *
rd_trust_list_certificates (RdTrust *self)
{
  GPtrArray *list;

  g_return_val_if_fail (RD_IS_TRUST (self), NULL);

  list = g_ptr_array_new_full (self->certificates->len, (GDestroyNotify) rd_certificate_free);
  for (guint i = 0; i < self->certificates->len; i++)
    g_ptr_array_add (list, rd_certificate_copy (self->certificates->pdata[i]));
  return list;
}
