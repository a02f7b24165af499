/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "rd-identity-private.h"
#include "rd-signing-key.h"

G_DEFINE_QUARK (rd-signing-key-error-quark, rd_signing_key_error)

struct _RdSigningKey {
  GObject  parent_instance;
  guchar  *secret;   /* crypto_sign's 64-byte secret key (seed, then public key), sodium_malloc'd */
  char    *public_key;
};

G_DEFINE_FINAL_TYPE (RdSigningKey, rd_signing_key, G_TYPE_OBJECT)

static void
rd_signing_key_finalize (GObject *object)
{
  RdSigningKey *self = RD_SIGNING_KEY (object);

  /* sodium_free zeroes the memory before it unmaps it. */
  g_clear_pointer (&self->secret, sodium_free);
  g_free (self->public_key);
  G_OBJECT_CLASS (rd_signing_key_parent_class)->finalize (object);
}

static void
rd_signing_key_class_init (RdSigningKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_signing_key_finalize;
}

static void
rd_signing_key_init (RdSigningKey *self)
{
}

gboolean
_rd_sodium_ready (GError **error)
{
  static gsize started = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&started))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&started, 1);
    }
  if (!ok)
    g_set_error_literal (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_FAILED,
                         _("The cryptography library (libsodium) could not start: signing keys cannot be used."));
  return ok;
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

void
_rd_base64_encode_into (const guchar *data,
                        gsize         length,
                        char         *out)
{
  int state = 0, save = 0;
  gsize n;

  n = g_base64_encode_step (data, length, FALSE, out, &state, &save);
  n += g_base64_encode_close (FALSE, out + n, &state, &save);
  while (n > 0 && out[n - 1] == '=')
    n--;
  out[n] = '\0';
}

char *
_rd_base64_encode (const guchar *data,
                   gsize         length)
{
  char *out = g_malloc (_RD_BASE64_SIZE (length));

  _rd_base64_encode_into (data, length, out);
  return out;
}

gboolean
_rd_base64_decode_exact (const char *text,
                         guchar     *out,
                         gsize       length)
{
  gsize unpadded = (length * 4 + 2) / 3;
  gsize padded = (length + 2) / 3 * 4;
  gsize text_length, n;
  guchar decoded[96];
  char canonical[_RD_BASE64_SIZE (sizeof decoded)];
  char complete[_RD_BASE64_SIZE (sizeof decoded)];
  int state = 0;
  guint save = 0;
  gboolean ok;

  g_return_val_if_fail (length <= 64, FALSE);
  if (text == NULL)
    return FALSE;
  text_length = strnlen (text, padded + 1);
  if (text_length != unpadded && text_length != padded)
    return FALSE;
  for (n = 0; n < unpadded; n++)
    if (!is_base64_char (text[n]))
      return FALSE;
  for (; n < text_length; n++)
    if (text[n] != '=')
      return FALSE;

  /* g_base64_decode_step skips what it does not know and decodes only whole
   * groups of four: the text was checked above and is padded here; encoding
   * it again refuses the spellings that differ only in unused bits. */
  memcpy (complete, text, unpadded);
  memset (complete + unpadded, '=', padded - unpadded);
  n = g_base64_decode_step (complete, padded, decoded, &state, &save);
  _rd_base64_encode_into (decoded, n, canonical);
  ok = n == length && strncmp (canonical, text, unpadded) == 0;
  if (ok)
    memcpy (out, decoded, length);
  sodium_memzero (decoded, sizeof decoded);
  sodium_memzero (canonical, sizeof canonical);
  sodium_memzero (complete, sizeof complete);
  return ok;
}

gboolean
_rd_public_key_is_valid (const char *public_key)
{
  guchar key[RD_PUBLIC_KEY_BYTES];

  return _rd_base64_decode_exact (public_key, key, sizeof key);
}

RdSigningKey *
_rd_signing_key_new_from_seed (const guchar *seed)
{
  RdSigningKey *self;
  guchar public_key[crypto_sign_PUBLICKEYBYTES];

  if (!_rd_sodium_ready (NULL))
    return NULL;
  self = g_object_new (RD_TYPE_SIGNING_KEY, NULL);
  self->secret = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  g_assert (self->secret != NULL);
  crypto_sign_seed_keypair (public_key, self->secret, seed);
  self->public_key = _rd_base64_encode (public_key, sizeof public_key);
  return self;
}

const guchar *
_rd_signing_key_get_seed (RdSigningKey *self)
{
  /* libsodium's Ed25519 secret key is the seed followed by the public key. */
  return self->secret;
}

/**
 * rd_signing_key_generate:
 *
 * Returns: (transfer full) (nullable): a new random key pair; %NULL only
 *   when libsodium cannot start
 */
RdSigningKey *
rd_signing_key_generate (void)
{
  guchar *seed;
  RdSigningKey *self;

  if (!_rd_sodium_ready (NULL))
    return NULL;
  seed = sodium_malloc (crypto_sign_SEEDBYTES);
  g_assert (seed != NULL);
  randombytes_buf (seed, crypto_sign_SEEDBYTES);
  self = _rd_signing_key_new_from_seed (seed);
  sodium_free (seed);
  return self;
}

const char *
rd_signing_key_get_public_key (RdSigningKey *self)
{
  g_return_val_if_fail (RD_IS_SIGNING_KEY (self), NULL);
  return self->public_key;
}

char *
rd_signing_key_sign (RdSigningKey *self,
                     const void   *data,
                     gsize         length)
{
  guchar signature[crypto_sign_BYTES];

  g_return_val_if_fail (RD_IS_SIGNING_KEY (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  crypto_sign_detached (signature, NULL, data, length, self->secret);
  return _rd_base64_encode (signature, sizeof signature);
}

gboolean
rd_signature_check (const char *public_key,
                    const void *data,
                    gsize       length,
                    const char *signature)
{
  guchar key[crypto_sign_PUBLICKEYBYTES];
  guchar sig[crypto_sign_BYTES];

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!_rd_sodium_ready (NULL) ||
      !_rd_base64_decode_exact (public_key, key, sizeof key) ||
      !_rd_base64_decode_exact (signature, sig, sizeof sig))
    return FALSE;
  return crypto_sign_verify_detached (sig, data, length, key) == 0;
}

/**
 * rd_public_key_fingerprint:
 *
 * Returns: (transfer full) (nullable): "3F2A-91C0-77B1-0D4E", or %NULL when
 *   @public_key is not a public key
 */
char *
rd_public_key_fingerprint (const char *public_key)
{
  guchar key[crypto_sign_PUBLICKEYBYTES];
  guchar hash[crypto_hash_sha256_BYTES];
  GString *out;

  if (!_rd_sodium_ready (NULL) || !_rd_base64_decode_exact (public_key, key, sizeof key))
    return NULL;
  crypto_hash_sha256 (hash, key, sizeof key);
  out = g_string_sized_new (20);
  for (guint i = 0; i < 8; i++)
    {
      if (i > 0 && i % 2 == 0)
        g_string_append_c (out, '-');
      g_string_append_printf (out, "%02X", hash[i]);
    }
  return g_string_free (out, FALSE);
}
