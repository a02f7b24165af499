/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing keys in the user's keyring (the Secret Service, through libsecret). */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <sodium.h>
#include <string.h>

#include "rd-identity-private.h"
#include "rd-signing-key.h"

#define SECRETS_NAME "org.freedesktop.secrets"
/* How long the bus itself may take to answer whether a keyring is there. */
#define BUS_TIMEOUT_MS 2000

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    "org.reviewdesk.SigningKey", SECRET_SCHEMA_NONE,
    {
      { "public-key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static void
set_no_keyring (GError **error)
{
  g_set_error_literal (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NO_KEYRING,
                       _("This session has no keyring (Secret Service): keep the key in a file sealed with a"
                         " passphrase instead."));
}

/* Without a session bus address GLib would try to start a bus through X11
 * (dbus-launch): a user without a session bus has no keyring either. */
static gboolean
session_bus_configured (void)
{
  g_autofree char *socket = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  return g_file_test (socket, G_FILE_TEST_EXISTS);
}

static gboolean
bus_call_boolean (GDBusConnection *bus,
                  const char      *method,
                  GVariant        *parameters,
                  GCancellable    *cancellable,
                  gboolean        *answer)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", method, parameters,
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                           BUS_TIMEOUT_MS, cancellable, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(b)", answer);
  return TRUE;
}

static gboolean
name_is_activatable (GDBusConnection *bus,
                     GCancellable    *cancellable)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                                           G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                                           BUS_TIMEOUT_MS, cancellable, NULL);
  g_autofree const char **names = NULL;

  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(^a&s)", &names);
  return g_strv_contains (names, SECRETS_NAME);
}

/**
 * rd_signing_key_keyring_available:
 *
 * Asks the session bus whether a keyring runs or can be started, without
 * starting it: libsecret would otherwise wait for D-Bus to give up
 * activating a service that is not installed.
 *
 * Returns: %TRUE when the Secret Service runs or can be started
 */
gboolean
rd_signing_key_keyring_available (GCancellable *cancellable)
{
  g_autoptr(GDBusConnection) bus = NULL;
  gboolean has_owner = FALSE;

  if (!session_bus_configured ())
    return FALSE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, NULL);
  if (bus == NULL)
    return FALSE;
  if (bus_call_boolean (bus, "NameHasOwner", g_variant_new ("(s)", SECRETS_NAME), cancellable, &has_owner) &&
      has_owner)
    return TRUE;
  return name_is_activatable (bus, cancellable);
}

/* libsecret's errors when the service went away or never answered. */
static void
propagate_keyring_error (GError  *local,
                         GError **error)
{
  if (local->domain == G_DBUS_ERROR || local->domain == G_IO_ERROR)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, local);
          return;
        }
      g_error_free (local);
      set_no_keyring (error);
      return;
    }
  g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_FAILED,
               _("The keyring refused the signing key: %s"), local->message);
  g_error_free (local);
}

gboolean
rd_signing_key_store_keyring (RdSigningKey  *self,
                              const char    *label,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *default_label = NULL;
  char *seed_text;
  GError *local = NULL;
  gboolean stored;

  g_return_val_if_fail (RD_IS_SIGNING_KEY (self), FALSE);

  if (!_rd_sodium_ready (error))
    return FALSE;
  if (!rd_signing_key_keyring_available (cancellable))
    {
      set_no_keyring (error);
      return FALSE;
    }
  if (label == NULL)
    {
      g_autofree char *fingerprint = rd_public_key_fingerprint (rd_signing_key_get_public_key (self));
      /* TRANSLATORS: how the key is listed in the keyring (Passwords and Keys) */
      label = default_label = g_strdup_printf (_("ReviewDesk signing key %s"), fingerprint);
    }
  seed_text = sodium_malloc (_RD_BASE64_SIZE (RD_SEED_BYTES));
  g_assert (seed_text != NULL);
  _rd_base64_encode_into (_rd_signing_key_get_seed (self), RD_SEED_BYTES, seed_text);
  stored = secret_password_store_sync (key_schema (), SECRET_COLLECTION_DEFAULT, label, seed_text,
                                       cancellable, &local,
                                       "public-key", rd_signing_key_get_public_key (self), NULL);
  sodium_free (seed_text);
  if (!stored)
    propagate_keyring_error (local, error);
  return stored;
}

/**
 * rd_signing_key_lookup_keyring:
 *
 * Returns: (transfer full) (nullable): the key whose public key is
 *   @public_key; NO_KEYRING at once when the session has no keyring,
 *   NOT_FOUND when the keyring does not hold it
 */
RdSigningKey *
rd_signing_key_lookup_keyring (const char    *public_key,
                               GCancellable  *cancellable,
                               GError       **error)
{
  GError *local = NULL;
  char *seed_text;
  guchar *seed;
  RdSigningKey *key = NULL;

  g_return_val_if_fail (public_key != NULL, NULL);

  if (!_rd_sodium_ready (error))
    return NULL;
  if (!rd_signing_key_keyring_available (cancellable))
    {
      set_no_keyring (error);
      return NULL;
    }
  seed_text = secret_password_lookup_nonpageable_sync (key_schema (), cancellable, &local,
                                                       "public-key", public_key, NULL);
  if (local != NULL)
    {
      propagate_keyring_error (local, error);
      return NULL;
    }
  seed = sodium_malloc (RD_SEED_BYTES);
  g_assert (seed != NULL);
  if (seed_text != NULL && _rd_base64_decode_exact (seed_text, seed, RD_SEED_BYTES))
    key = _rd_signing_key_new_from_seed (seed);
  sodium_free (seed);
  if (key != NULL && strcmp (rd_signing_key_get_public_key (key), public_key) != 0)
    g_clear_object (&key);
  if (seed_text == NULL)
    g_set_error_literal (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NOT_FOUND,
                         _("The keyring holds no ReviewDesk signing key for this reviewer: set up the key again,"
                           " or use the key file it was kept in."));
  else if (key == NULL)
    g_set_error_literal (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED,
                         _("The keyring’s entry for this reviewer’s signing key is damaged: set up the key again."));
  g_clear_pointer (&seed_text, secret_password_free);
  return key;
}
