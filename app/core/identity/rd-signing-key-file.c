/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The passphrase-sealed key file (format in data/TRUST-FORMAT.md). */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "rd-identity-private.h"
#include "rd-signing-key.h"

#define MAGIC "ReviewDesk signing key"
#define VERSION 1
/* Five short lines; anything larger is not a key file and is not read. */
#define MAX_FILE_SIZE 1024

#define SALT_BYTES   crypto_pwhash_SALTBYTES
#define NONCE_BYTES  crypto_secretbox_NONCEBYTES
#define SEALED_BYTES (crypto_secretbox_MACBYTES + RD_SEED_BYTES)

typedef struct {
  guchar public_key[RD_PUBLIC_KEY_BYTES];
  guchar salt[SALT_BYTES];
  guchar nonce[NONCE_BYTES];
  guchar sealed[SEALED_BYTES];
} KeyFile;

/* Argon2id with libsodium's interactive limits (64 MiB, 2 passes): fixed
 * for version 1, so a file cannot ask for more memory than that. */
static guchar *
derive_box_key (const char    *passphrase,
                const guchar  *salt,
                GError       **error)
{
  guchar *key = sodium_malloc (crypto_secretbox_KEYBYTES);

  if (key == NULL ||
      crypto_pwhash (key, crypto_secretbox_KEYBYTES, passphrase, strlen (passphrase), salt,
                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_clear_pointer (&key, sodium_free);
      g_set_error_literal (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_FAILED,
                           _("Not enough memory to derive the key from the passphrase: close other programs and try again."));
    }
  return key;
}

static void
append_field (GString      *out,
              const char   *name,
              const guchar *data,
              gsize         length)
{
  g_autofree char *text = _rd_base64_encode (data, length);

  g_string_append_printf (out, "%s %s\n", name, text);
}

gboolean
rd_signing_key_save_file (RdSigningKey  *self,
                          const char    *path,
                          const char    *passphrase,
                          GError       **error)
{
  KeyFile file;
  guchar *box_key;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (RD_IS_SIGNING_KEY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (!_rd_sodium_ready (error))
    return FALSE;
  randombytes_buf (file.salt, sizeof file.salt);
  randombytes_buf (file.nonce, sizeof file.nonce);
  box_key = derive_box_key (passphrase, file.salt, error);
  if (box_key == NULL)
    return FALSE;
  crypto_secretbox_easy (file.sealed, _rd_signing_key_get_seed (self), RD_SEED_BYTES, file.nonce, box_key);
  sodium_free (box_key);
  _rd_base64_decode_exact (rd_signing_key_get_public_key (self), file.public_key, sizeof file.public_key);

  g_string_append_printf (out, "%s %d\n", MAGIC, VERSION);
  append_field (out, "public-key", file.public_key, sizeof file.public_key);
  append_field (out, "salt", file.salt, sizeof file.salt);
  append_field (out, "nonce", file.nonce, sizeof file.nonce);
  append_field (out, "sealed", file.sealed, sizeof file.sealed);
  return g_file_set_contents_full (path, out->str, out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static gboolean
read_field (const char *line,
            const char *name,
            guchar     *out,
            gsize       length)
{
  gsize n = strlen (name);

  return line != NULL && strncmp (line, name, n) == 0 && line[n] == ' ' &&
         _rd_base64_decode_exact (line + n + 1, out, length);
}

static gboolean
parse (const char *text,
       KeyFile    *file,
       gboolean   *newer)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 7);
  g_autofree char *header = g_strdup_printf ("%s %d", MAGIC, VERSION);
  guint n = g_strv_length (lines);

  *newer = FALSE;
  if (n > 0 && g_str_has_prefix (lines[0], MAGIC " ") && strcmp (lines[0], header) != 0)
    {
      guint64 version;
      *newer = g_ascii_string_to_unsigned (lines[0] + strlen (MAGIC " "), 10, VERSION + 1, G_MAXINT,
                                           &version, NULL);
      return FALSE;
    }
  /* Five lines and an optional final new line. */
  if (n < 5 || n > 6 || (n == 6 && *lines[5] != '\0'))
    return FALSE;
  return strcmp (lines[0], header) == 0 &&
         read_field (lines[1], "public-key", file->public_key, sizeof file->public_key) &&
         read_field (lines[2], "salt", file->salt, sizeof file->salt) &&
         read_field (lines[3], "nonce", file->nonce, sizeof file->nonce) &&
         read_field (lines[4], "sealed", file->sealed, sizeof file->sealed);
}

static gboolean
read_key_file (const char  *path,
               char       **text,
               GError     **error)
{
  GStatBuf st;
  gsize length;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NOT_FOUND,
                     _("There is no key file “%s”: check the name of the file."), path);
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Could not read the key file “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED,
                   _("“%s” is not a ReviewDesk signing key file: check the name of the file."), path);
      return FALSE;
    }
  if (!g_file_get_contents (path, text, &length, error))
    return FALSE;
  if (strlen (*text) != length)
    {
      g_clear_pointer (text, g_free);
      g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED,
                   _("“%s” is not a ReviewDesk signing key file: check the name of the file."), path);
      return FALSE;
    }
  return TRUE;
}

static RdSigningKey *
open_sealed (const KeyFile  *file,
             const char     *path,
             const char     *passphrase,
             GError        **error)
{
  g_autofree char *public_key = _rd_base64_encode (file->public_key, sizeof file->public_key);
  guchar *box_key = derive_box_key (passphrase, file->salt, error);
  guchar *seed;
  RdSigningKey *key = NULL;

  if (box_key == NULL)
    return NULL;
  seed = sodium_malloc (RD_SEED_BYTES);
  g_assert (seed != NULL);
  if (crypto_secretbox_open_easy (seed, file->sealed, sizeof file->sealed, file->nonce, box_key) != 0)
    g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE,
                 _("The passphrase does not open the key file “%s”. Type it again; if it still fails, the file"
                   " was changed: restore it from a backup."), path);
  else if ((key = _rd_signing_key_new_from_seed (seed)) != NULL &&
           strcmp (rd_signing_key_get_public_key (key), public_key) != 0)
    {
      g_clear_object (&key);
      g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED,
                   _("The key file “%s” is damaged: its public key does not match its sealed key. Restore it"
                     " from a backup."), path);
    }
  sodium_free (seed);
  sodium_free (box_key);
  return key;
}

/**
 * rd_signing_key_load_file:
 *
 * Returns: (transfer full) (nullable): the key sealed in @path; NOT_FOUND
 *   when there is no such file, DAMAGED when it is not a key file,
 *   BAD_PASSPHRASE when @passphrase does not open it
 */
RdSigningKey *
rd_signing_key_load_file (const char  *path,
                          const char  *passphrase,
                          GError     **error)
{
  g_autofree char *text = NULL;
  KeyFile file;
  gboolean newer;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!_rd_sodium_ready (error) || !read_key_file (path, &text, error))
    return NULL;
  if (!parse (text, &file, &newer))
    {
      if (newer)
        g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED,
                     _("The key file “%s” was written by a newer version of ReviewDesk: open it with that"
                       " version."), path);
      else
        g_set_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED,
                     _("“%s” is not a ReviewDesk signing key file, or it is damaged. Restore it from a backup,"
                       " or make a new key and have it certified."), path);
      return NULL;
    }
  return open_sealed (&file, path, passphrase, error);
}
