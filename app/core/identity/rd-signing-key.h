/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A reviewer's or an organisation's Ed25519 key pair (libsodium). Public keys
 * and signatures travel as unpadded base64 text. The private key never
 * leaves this object except encrypted: in the user's keyring (libsecret) or
 * in a 0600 file sealed with a passphrase (Argon2id + XSalsa20-Poly1305).
 */

#define RD_SIGNING_KEY_ERROR (rd_signing_key_error_quark ())
GQuark rd_signing_key_error_quark (void);

typedef enum {
  RD_SIGNING_KEY_ERROR_FAILED,          /* the crypto library could not start */
  RD_SIGNING_KEY_ERROR_NOT_FOUND,       /* no such key in the keyring or file */
  RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE,  /* the passphrase does not open the key file */
  RD_SIGNING_KEY_ERROR_DAMAGED,         /* not a key file, or a damaged one */
  RD_SIGNING_KEY_ERROR_NO_KEYRING,      /* no keyring service in this session */
} RdSigningKeyError;

#define RD_TYPE_SIGNING_KEY (rd_signing_key_get_type ())
G_DECLARE_FINAL_TYPE (RdSigningKey, rd_signing_key, RD, SIGNING_KEY, GObject)

RdSigningKey *rd_signing_key_generate        (void);
/* The public key, base64 of its 32 bytes. */
const char   *rd_signing_key_get_public_key  (RdSigningKey  *self);
/* Signs @data; returns the base64 signature (64 bytes). */
char         *rd_signing_key_sign            (RdSigningKey  *self,
                                              const void    *data,
                                              gsize          length);

/* TRUE when @signature is @public_key's signature of @data; FALSE for any
 * malformed key or signature. */
gboolean      rd_signature_check             (const char    *public_key,
                                              const void    *data,
                                              gsize          length,
                                              const char    *signature);
/* A short form of a public key for people to compare, e.g. "3F2A-91C0-77B1-0D4E":
 * the first 8 bytes of its SHA-256 in hex, in groups of four. */
char         *rd_public_key_fingerprint      (const char    *public_key);

/* The passphrase-sealed key file: written 0600 with a temporary file and a
 * rename, so a crash never leaves half a key. */
gboolean      rd_signing_key_save_file       (RdSigningKey  *self,
                                              const char    *path,
                                              const char    *passphrase,
                                              GError       **error);
RdSigningKey *rd_signing_key_load_file       (const char    *path,
                                              const char    *passphrase,
                                              GError       **error);

/* The user's keyring (Secret Service through libsecret), the key found by
 * its public key. NO_KEYRING when the session has no keyring service: found
 * out at once from the session bus, without waiting for D-Bus to fail to
 * start one. */
gboolean      rd_signing_key_keyring_available (GCancellable *cancellable);
gboolean      rd_signing_key_store_keyring   (RdSigningKey  *self,
                                              const char    *label,
                                              GCancellable  *cancellable,
                                              GError       **error);
RdSigningKey *rd_signing_key_lookup_keyring  (const char    *public_key,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
