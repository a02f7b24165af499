/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-identity-private.h"
#include "rd-reviewer-profile.h"

#define GROUP "Reviewer"

void
rd_reviewer_profile_free (RdReviewerProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->name);
  g_free (profile->credentials);
  g_free (profile->public_key);
  g_free (profile->key_file);
  g_free (profile);
}

const char *
rd_key_store_to_string (RdKeyStore store)
{
  switch (store)
    {
    case RD_KEY_STORE_KEYRING: return "keyring";
    case RD_KEY_STORE_FILE: return "file";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
rd_key_store_from_string (const char *name,
                          RdKeyStore *store)
{
  if (g_strcmp0 (name, "keyring") == 0)
    *store = RD_KEY_STORE_KEYRING;
  else if (g_strcmp0 (name, "file") == 0)
    *store = RD_KEY_STORE_FILE;
  else
    return FALSE;
  return TRUE;
}

static char *
config_file (const char *name)
{
  return g_build_filename (g_get_user_config_dir (), "reviewdesk", name, NULL);
}

char *
rd_reviewer_profile_path (void)
{
  return config_file ("reviewer.ini");
}

char *
rd_reviewer_key_path (void)
{
  return config_file ("reviewer.key");
}

/* $REVIEWDESK_TRUST_FILE, where an organisation puts its trust file for
 * every account, else the user's own. */
char *
rd_trust_default_path (void)
{
  const char *path = g_getenv ("REVIEWDESK_TRUST_FILE");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return config_file ("trust.json");
}

gboolean
_rd_reviewer_make_config_dir (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "reviewdesk", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
damaged (const char  *path,
         const char  *problem,
         GError     **error)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               _("The reviewer profile “%s” is damaged (%s): remove it and set up the reviewer again."),
               path, problem);
  return FALSE;
}

static gboolean
read_profile (GKeyFile           *file,
              const char         *path,
              RdReviewerProfile  *profile,
              GError            **error)
{
  g_autofree char *role = g_key_file_get_string (file, GROUP, "Role", NULL);
  g_autofree char *store = g_key_file_get_string (file, GROUP, "KeyStore", NULL);

  profile->name = g_key_file_get_string (file, GROUP, "Name", NULL);
  profile->credentials = g_key_file_get_string (file, GROUP, "Credentials", NULL);
  profile->public_key = g_key_file_get_string (file, GROUP, "PublicKey", NULL);
  profile->key_file = g_key_file_get_string (file, GROUP, "KeyFile", NULL);
  if (profile->name == NULL || *profile->name == '\0')
    return damaged (path, "Name", error);
  if (profile->credentials == NULL)
    return damaged (path, "Credentials", error);
  if (!rd_role_from_string (role, &profile->role))
    return damaged (path, "Role", error);
  if (!_rd_public_key_is_valid (profile->public_key))
    return damaged (path, "PublicKey", error);
  if (!rd_key_store_from_string (store, &profile->key_store))
    return damaged (path, "KeyStore", error);
  if (profile->key_store == RD_KEY_STORE_FILE && (profile->key_file == NULL || *profile->key_file == '\0'))
    return damaged (path, "KeyFile", error);
  return TRUE;
}

/**
 * rd_reviewer_profile_load:
 *
 * Returns: (transfer full) (nullable): this workstation's reviewer, or
 *   %NULL: without @error set when there is none yet
 */
RdReviewerProfile *
rd_reviewer_profile_load (GError **error)
{
  g_autofree char *path = rd_reviewer_profile_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(RdReviewerProfile) profile = g_new0 (RdReviewerProfile, 1);
  g_autoptr(GError) local = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      if (local->domain == G_KEY_FILE_ERROR)
        damaged (path, local->message, error);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!read_profile (file, path, profile, error))
    return NULL;
  return g_steal_pointer (&profile);
}

gboolean
rd_reviewer_profile_save (const RdReviewerProfile  *profile,
                          GError                  **error)
{
  g_autofree char *path = rd_reviewer_profile_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (profile != NULL && profile->name != NULL && profile->public_key != NULL, FALSE);

  g_key_file_set_string (file, GROUP, "Name", profile->name);
  g_key_file_set_string (file, GROUP, "Credentials", profile->credentials ? profile->credentials : "");
  g_key_file_set_string (file, GROUP, "Role", rd_role_to_string (profile->role));
  g_key_file_set_string (file, GROUP, "PublicKey", profile->public_key);
  g_key_file_set_string (file, GROUP, "KeyStore", rd_key_store_to_string (profile->key_store));
  if (profile->key_store == RD_KEY_STORE_FILE && profile->key_file != NULL)
    g_key_file_set_string (file, GROUP, "KeyFile", profile->key_file);
  data = g_key_file_to_data (file, &length, NULL);
  return _rd_reviewer_make_config_dir (error) &&
         g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/**
 * rd_reviewer_profile_unlock:
 *
 * Returns: (transfer full) (nullable): the reviewer's signing key
 */
RdSigningKey *
rd_reviewer_profile_unlock (const RdReviewerProfile  *profile,
                            const char               *passphrase,
                            GError                  **error)
{
  g_autoptr(RdSigningKey) key = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  if (profile->key_store == RD_KEY_STORE_KEYRING)
    return rd_signing_key_lookup_keyring (profile->public_key, NULL, error);
  if (passphrase == NULL)
    {
      g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE,
                   _("The key file “%s” opens only with its passphrase."), profile->key_file);
      return NULL;
    }
  key = rd_signing_key_load_file (profile->key_file, passphrase, error);
  if (key != NULL && g_strcmp0 (rd_signing_key_get_public_key (key), profile->public_key) != 0)
    {
      g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NOT_FOUND,
                   _("The key file “%s” holds another key than this reviewer’s: put the reviewer’s key file back,"
                     " or set up the reviewer again."), profile->key_file);
      return NULL;
    }
  return g_steal_pointer (&key);
}
