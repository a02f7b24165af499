/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rd-signing-key.h"
#include "rd-types.h"

G_BEGIN_DECLS

#define RD_SEED_BYTES       32
#define RD_PUBLIC_KEY_BYTES 32
#define RD_SIGNATURE_BYTES  64

gboolean      _rd_sodium_ready             (GError       **error);

/* Strict base64: the standard alphabet, with or without its padding, exactly
 * @length bytes, and no other spelling of the same bytes (so that two texts
 * of one key are always the same text). */
gboolean      _rd_base64_decode_exact      (const char    *text,
                                            guchar        *out,
                                            gsize          length);
/* Unpadded base64 of @length bytes into @out, which holds
 * _RD_BASE64_SIZE (length) bytes; for secrets kept in guarded memory. */
#define _RD_BASE64_SIZE(length) (((length) + 2) / 3 * 4 + 4)
void          _rd_base64_encode_into       (const guchar  *data,
                                            gsize          length,
                                            char          *out);
char         *_rd_base64_encode            (const guchar  *data,
                                            gsize          length);
gboolean      _rd_public_key_is_valid      (const char    *public_key);

/* The key from its 32-byte seed, and the seed back (in guarded memory the
 * key owns). */
RdSigningKey *_rd_signing_key_new_from_seed (const guchar *seed);
const guchar *_rd_signing_key_get_seed      (RdSigningKey *self);

/* ISO 8601 in UTC to the second: "2026-12-01T09:30:00Z"; parsing accepts
 * exactly that form. */
char         *_rd_time_format              (GDateTime     *time);
GDateTime    *_rd_time_parse               (const char    *text);
GDateTime    *_rd_time_to_second           (GDateTime     *time);
GDateTime    *_rd_time_now                 (void);

/* $XDG_CONFIG_HOME/reviewdesk, created 0700: the profile and key live there. */
gboolean      _rd_reviewer_make_config_dir (GError       **error);

G_END_DECLS
