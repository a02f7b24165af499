/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-signing-key.h"
#include "rd-types.h"

G_BEGIN_DECLS

/*
 * The organisation's trust file: the organisation's name and public key, the
 * certificates its administrator signed (a reviewer's name, credentials,
 * role and public key, valid between two times) and the keys it revoked. An
 * organisation distributes it to its workstations (data/TRUST-FORMAT.md).
 * Loading checks every signature in it; a file with one bad signature is
 * refused whole.
 */

#define RD_TRUST_ERROR (rd_trust_error_quark ())
GQuark rd_trust_error_quark (void);

typedef enum {
  RD_TRUST_ERROR_INVALID,       /* not a trust file, or a malformed one (message names the JSON path) */
  RD_TRUST_ERROR_BAD_SIGNATURE, /* an entry not signed by the organisation's key */
  RD_TRUST_ERROR_NOT_ADMIN,     /* the key given is not the organisation's */
  RD_TRUST_ERROR_IO,
} RdTrustError;

/**
 * RdCertificate:
 * One reviewer's certificate. rd_certificate_to_text() gives it as one line
 * (what a case file stores beside a signature); @signature is the
 * organisation's signature of its fields (data/TRUST-FORMAT.md), not of
 * that text.
 */
typedef struct {
  char      *organisation_name;
  char      *organisation_key;   /* base64 public key of the organisation that signed it */
  gint64     serial;
  char      *name;
  char      *credentials;
  RdRole     role;
  char      *public_key;
  GDateTime *not_before;
  GDateTime *not_after;
  char      *signature;
} RdCertificate;

void           rd_certificate_free      (RdCertificate *certificate);
RdCertificate *rd_certificate_copy      (const RdCertificate *certificate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCertificate, rd_certificate_free)

/* One line of text that holds the whole certificate with its signature, and
 * back (refusing anything malformed; the signature is not checked here). */
char          *rd_certificate_to_text   (const RdCertificate *certificate);
RdCertificate *rd_certificate_from_text (const char          *text,
                                         GError             **error);

/**
 * RdCertificateStatus:
 * @RD_CERTIFICATE_VALID: signed by the trusted organisation, valid at the
 *   time asked, not revoked by then
 * @RD_CERTIFICATE_UNKNOWN_ORGANISATION: signed by another organisation's key
 * @RD_CERTIFICATE_BAD_SIGNATURE: not the organisation's signature (changed
 *   or forged)
 * @RD_CERTIFICATE_NOT_YET_VALID / @RD_CERTIFICATE_EXPIRED: outside its times
 * @RD_CERTIFICATE_REVOKED: its key was revoked at or before the time asked
 */
typedef enum {
  RD_CERTIFICATE_VALID,
  RD_CERTIFICATE_UNKNOWN_ORGANISATION,
  RD_CERTIFICATE_BAD_SIGNATURE,
  RD_CERTIFICATE_NOT_YET_VALID,
  RD_CERTIFICATE_EXPIRED,
  RD_CERTIFICATE_REVOKED,
} RdCertificateStatus;

/* A translated sentence for @status, naming @certificate's holder. */
char          *rd_certificate_status_describe (RdCertificateStatus  status,
                                               const RdCertificate *certificate);
/* "valid", "unknown-organisation", "bad-signature", "not-yet-valid",
 * "expired", "revoked": for scripts. */
const char    *rd_certificate_status_to_string (RdCertificateStatus status);

/**
 * RdRevocation:
 * The organisation's statement that a key is no longer to be trusted from
 * @revoked_at on; @signature is the organisation's signature of it.
 */
typedef struct {
  char      *public_key;
  GDateTime *revoked_at;
  char      *reason;
  char      *signature;
} RdRevocation;

void           rd_revocation_free       (RdRevocation *revocation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdRevocation, rd_revocation_free)

#define RD_TYPE_TRUST (rd_trust_get_type ())
G_DECLARE_FINAL_TYPE (RdTrust, rd_trust, RD, TRUST, GObject)

/* A new organisation whose administrator holds @admin_key. */
RdTrust       *rd_trust_new              (const char    *organisation_name,
                                          RdSigningKey  *admin_key);
RdTrust       *rd_trust_load             (const char    *path,
                                          GError       **error);
/* Written 0644 (it holds no secret) with a temporary file and a rename. */
gboolean       rd_trust_save             (RdTrust       *self,
                                          const char    *path,
                                          GError       **error);

const char    *rd_trust_get_organisation_name (RdTrust *self);
const char    *rd_trust_get_organisation_key  (RdTrust *self);

/* Certifies @public_key as @name (@credentials) in @role from now until
 * @not_after; @admin_key must be the organisation's key (NOT_ADMIN). A key
 * certified again gets a new certificate with a new serial. */
RdCertificate *rd_trust_certify          (RdTrust       *self,
                                          RdSigningKey  *admin_key,
                                          const char    *name,
                                          const char    *credentials,
                                          RdRole         role,
                                          const char    *public_key,
                                          GDateTime     *not_after,
                                          GError       **error);
/* Revokes @public_key from @at on (signed by the administrator). */
gboolean       rd_trust_revoke           (RdTrust       *self,
                                          RdSigningKey  *admin_key,
                                          const char    *public_key,
                                          const char    *reason,
                                          GDateTime     *at,
                                          GError       **error);

/* (transfer full) The newest certificate of @public_key in this file, or NULL. */
RdCertificate *rd_trust_find_certificate (RdTrust       *self,
                                          const char    *public_key);
/* (transfer none) The earliest revocation of @public_key, or NULL. */
const RdRevocation *rd_trust_find_revocation (RdTrust    *self,
                                              const char *public_key);
/* Checks @certificate (from this file or from a case) against this
 * organisation at time @at. When several answers apply, the first of
 * UNKNOWN_ORGANISATION, BAD_SIGNATURE, REVOKED, NOT_YET_VALID, EXPIRED. */
RdCertificateStatus rd_trust_check       (RdTrust             *self,
                                          const RdCertificate *certificate,
                                          GDateTime           *at);
/* rd_trust_check() at @at as a translated sentence, with the date of a
 * revocation. */
char          *rd_trust_describe         (RdTrust             *self,
                                          const RdCertificate *certificate,
                                          GDateTime           *at);
/* (transfer full) (element-type RdCertificate) every certificate, oldest first. */
GPtrArray     *rd_trust_list_certificates (RdTrust      *self);

G_END_DECLS
