/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A reviewer's key and profile made, and a first organisation with them. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-identity-private.h"
#include "rd-reviewer-profile.h"

static gboolean
refuse_existing_profile (GError **error)
{
  g_autofree char *path = rd_reviewer_profile_path ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("This workstation already has a reviewer profile (%s): remove that file first to set up another"
                 " reviewer."), path);
  return FALSE;
}

/* Where the key goes: the keyring when asked for and there is one, else a
 * file sealed with @passphrase. */
static gboolean
store_key (RdSigningKey       *key,
           RdReviewerProfile  *profile,
           const char         *passphrase,
           GError            **error)
{
  g_autoptr(GError) local = NULL;

  if (profile->key_store == RD_KEY_STORE_KEYRING)
    {
      if (rd_signing_key_store_keyring (key, NULL, NULL, &local))
        return TRUE;
      if (passphrase == NULL || !g_error_matches (local, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NO_KEYRING))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      profile->key_store = RD_KEY_STORE_FILE;
    }
  if (passphrase == NULL)
    {
      g_set_error_literal (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE,
                           _("A key kept in a file needs a passphrase to seal it."));
      return FALSE;
    }
  profile->key_file = rd_reviewer_key_path ();
  return _rd_reviewer_make_config_dir (error) &&
         rd_signing_key_save_file (key, profile->key_file, passphrase, error);
}

static RdReviewerProfile *
new_profile (const char *name,
             const char *credentials,
             RdRole      role,
             RdKeyStore  key_store)
{
  RdReviewerProfile *profile = g_new0 (RdReviewerProfile, 1);

  profile->name = g_strdup (name);
  profile->credentials = g_strdup (credentials);
  profile->role = role;
  profile->key_store = key_store;
  return profile;
}

/**
 * rd_reviewer_profile_create:
 *
 * Returns: (transfer full) (nullable): the saved profile
 */
RdReviewerProfile *
rd_reviewer_profile_create (const char  *name,
                            const char  *credentials,
                            RdRole       role,
                            RdKeyStore   key_store,
                            const char  *passphrase,
                            GError     **error)
{
  g_autoptr(RdReviewerProfile) profile = NULL;
  g_autoptr(RdSigningKey) key = NULL;

  g_return_val_if_fail (name != NULL && *name != '\0' && credentials != NULL, NULL);

  if (!refuse_existing_profile (error) || (key = rd_signing_key_generate ()) == NULL)
    return NULL;
  profile = new_profile (name, credentials, role, key_store);
  profile->public_key = g_strdup (rd_signing_key_get_public_key (key));
  if (!store_key (key, profile, passphrase, error) || !rd_reviewer_profile_save (profile, error))
    return NULL;
  return g_steal_pointer (&profile);
}

/* The organisation that certifies the reviewer: the one in @trust_path with
 * its administrator key, or a new one whose key is written to
 * @admin_key_path. */
static RdTrust *
open_organisation (const char     *organisation,
                   const char     *passphrase,
                   const char     *trust_path,
                   const char     *admin_key_path,
                   RdSigningKey  **admin_key,
                   GError        **error)
{
  g_autoptr(RdTrust) trust = NULL;

  if (g_file_test (trust_path, G_FILE_TEST_EXISTS))
    {
      if ((trust = rd_trust_load (trust_path, error)) == NULL)
        return NULL;
      if (passphrase == NULL)
        {
          g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE,
                       _("The key file “%s” opens only with its passphrase."), admin_key_path);
          return NULL;
        }
      if ((*admin_key = rd_signing_key_load_file (admin_key_path, passphrase, error)) == NULL)
        return NULL;
      if (g_strcmp0 (rd_signing_key_get_public_key (*admin_key), rd_trust_get_organisation_key (trust)) != 0)
        {
          g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_NOT_ADMIN,
                       _("“%s” is not the administrator key of %s, whose trust file is %s: give the key file made"
                         " when that organisation was set up."),
                       admin_key_path, rd_trust_get_organisation_name (trust), trust_path);
          return NULL;
        }
      return g_steal_pointer (&trust);
    }
  if (organisation == NULL || *organisation == '\0')
    {
      g_set_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID,
                   _("There is no trust file “%s” yet: give the name of the organisation to set up."), trust_path);
      return NULL;
    }
  if (g_file_test (admin_key_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists and may be another organisation’s administrator key: give another file"
                     " for the new organisation’s key."), admin_key_path);
      return NULL;
    }
  if (passphrase == NULL)
    {
      g_set_error_literal (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE,
                           _("The organisation’s administrator key needs a passphrase to seal it."));
      return NULL;
    }
  if ((*admin_key = rd_signing_key_generate ()) == NULL)
    return NULL;
  return rd_trust_new (organisation, *admin_key);
}

gboolean
rd_reviewer_setup (const char  *organisation,
                   const char  *name,
                   const char  *credentials,
                   RdRole       role,
                   RdKeyStore   key_store,
                   const char  *passphrase,
                   const char  *trust_path,
                   const char  *admin_key_path,
                   guint        valid_days,
                   GError     **error)
{
  g_autofree char *default_trust = NULL;
  g_autoptr(RdSigningKey) admin_key = NULL;
  g_autoptr(RdSigningKey) key = NULL;
  g_autoptr(RdTrust) trust = NULL;
  g_autoptr(RdReviewerProfile) profile = NULL;
  g_autoptr(RdCertificate) certificate = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) not_after = g_date_time_add_days (now, (int) MIN (valid_days, 100 * 366));
  gboolean new_organisation;

  g_return_val_if_fail (name != NULL && *name != '\0' && credentials != NULL, FALSE);
  g_return_val_if_fail (admin_key_path != NULL, FALSE);
  g_return_val_if_fail (valid_days > 0, FALSE);

  if (trust_path == NULL)
    trust_path = default_trust = rd_trust_default_path ();
  if (!refuse_existing_profile (error) || !_rd_reviewer_make_config_dir (error))
    return FALSE;
  new_organisation = !g_file_test (trust_path, G_FILE_TEST_EXISTS);
  if ((trust = open_organisation (organisation, passphrase, trust_path, admin_key_path, &admin_key, error)) == NULL ||
      (key = rd_signing_key_generate ()) == NULL)
    return FALSE;
  certificate = rd_trust_certify (trust, admin_key, name, credentials, role,
                                  rd_signing_key_get_public_key (key), not_after, error);
  if (certificate == NULL)
    return FALSE;

  /* The profile last: until it is written, setting up again starts afresh. */
  profile = new_profile (name, credentials, role, key_store);
  profile->public_key = g_strdup (rd_signing_key_get_public_key (key));
  return store_key (key, profile, passphrase, error) &&
         (!new_organisation || rd_signing_key_save_file (admin_key, admin_key_path, passphrase, error)) &&
         rd_trust_save (trust, trust_path, error) &&
         rd_reviewer_profile_save (profile, error);
}
