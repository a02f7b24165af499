/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-trust.h"

G_BEGIN_DECLS

struct _RdTrust {
  GObject    parent_instance;
  char      *organisation_name;
  char      *organisation_key;
  GPtrArray *certificates;  /* (element-type RdCertificate), in the file's order */
  GPtrArray *revocations;   /* (element-type RdRevocation) */
};

/* What the organisation signs (data/TRUST-FORMAT.md): never JSON text, which
 * has many spellings of the same values. */
GBytes        *_rd_certificate_signed_bytes (const RdCertificate *certificate);
GBytes        *_rd_revocation_signed_bytes  (const char          *organisation_key,
                                             const RdRevocation  *revocation);

gboolean       _rd_trust_signature_holds    (const char          *organisation_key,
                                             GBytes              *bytes,
                                             const char          *signature);

/* The certificate's own members (serial to signature), for the trust file
 * and the one-line text. */
void           _rd_certificate_add_members  (JsonBuilder         *builder,
                                             const RdCertificate *certificate);
RdCertificate *_rd_certificate_from_members (JsonObject          *object,
                                             const char          *path,
                                             const char          *organisation_name,
                                             const char          *organisation_key,
                                             GError             **error);
extern const char * const _rd_certificate_members[];
char          *_rd_certificate_describe_revoked (const RdCertificate *certificate,
                                                 const RdRevocation  *revocation);

/* Reading and writing JSON members, with the JSON path of what is wrong. */
void           _rd_json_add_string          (JsonBuilder         *builder,
                                             const char          *name,
                                             const char          *value);
void           _rd_json_add_time            (JsonBuilder         *builder,
                                             const char          *name,
                                             GDateTime           *value);
char          *_rd_json_take_string         (JsonObject          *object,
                                             const char          *path,
                                             const char          *member,
                                             gboolean             may_be_empty,
                                             GError             **error);
char          *_rd_json_take_key            (JsonObject          *object,
                                             const char          *path,
                                             const char          *member,
                                             gsize                bytes,
                                             GError             **error);
GDateTime     *_rd_json_take_time           (JsonObject          *object,
                                             const char          *path,
                                             const char          *member,
                                             GError             **error);

void           _rd_json_add_header          (JsonBuilder         *builder,
                                             const char          *format,
                                             int                  version,
                                             const char          *organisation_name,
                                             const char          *organisation_key);
gboolean       _rd_json_read_header         (JsonObject          *root,
                                             const char          *format,
                                             int                  version,
                                             const char * const  *members,
                                             char               **organisation_name,
                                             char               **organisation_key,
                                             GError             **error);

G_END_DECLS
