/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-signing-key.h"
#include "rd-trust.h"

G_BEGIN_DECLS

/*
 * The reviewer who uses this workstation: who they are and where their
 * signing key is kept. Stored in $XDG_CONFIG_HOME/reviewdesk/reviewer.ini
 * (0600), the key in the keyring or in
 * $XDG_CONFIG_HOME/reviewdesk/reviewer.key (0600, passphrase-sealed). The
 * trust file is found at $REVIEWDESK_TRUST_FILE, else
 * $XDG_CONFIG_HOME/reviewdesk/trust.json.
 */

typedef enum {
  RD_KEY_STORE_KEYRING,
  RD_KEY_STORE_FILE,
} RdKeyStore;

typedef struct {
  char       *name;
  char       *credentials;
  RdRole      role;         /* the role asked for; the certificate decides */
  char       *public_key;
  RdKeyStore  key_store;
  char       *key_file;     /* with RD_KEY_STORE_FILE */
} RdReviewerProfile;

void               rd_reviewer_profile_free  (RdReviewerProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReviewerProfile, rd_reviewer_profile_free)

char              *rd_reviewer_profile_path  (void);
char              *rd_trust_default_path     (void);

/* NULL without @error when there is no profile yet. */
RdReviewerProfile *rd_reviewer_profile_load  (GError                  **error);
gboolean           rd_reviewer_profile_save  (const RdReviewerProfile  *profile,
                                              GError                  **error);
/* Opens the profile's key: from the keyring, or from its file with
 * @passphrase (NULL for the keyring). */
RdSigningKey      *rd_reviewer_profile_unlock (const RdReviewerProfile *profile,
                                               const char              *passphrase,
                                               GError                 **error);

/* A new key pair for a reviewer, kept in the keyring or, with @key_store
 * FILE or when the session has no keyring and @passphrase is set, in
 * rd_reviewer_key_path() sealed with @passphrase; the profile saved.
 * Refuses to replace a profile that exists (G_IO_ERROR_EXISTS). The
 * profile's key_store says where the key went. */
RdReviewerProfile *rd_reviewer_profile_create (const char   *name,
                                               const char   *credentials,
                                               RdRole        role,
                                               RdKeyStore    key_store,
                                               const char   *passphrase,
                                               GError      **error);
char              *rd_reviewer_key_path      (void);
const char        *rd_key_store_to_string    (RdKeyStore    store);  /* "keyring", "file" */
gboolean           rd_key_store_from_string  (const char   *name,
                                              RdKeyStore   *store);

/**
 * rd_reviewer_setup:
 * One step for a first reviewer: a new key pair for the reviewer, kept in
 * the keyring when @key_store is KEYRING (falling back to a file with
 * @passphrase when the session has no keyring and @passphrase is set), the
 * profile saved, and — when @trust_path does not exist yet — a new
 * organisation named @organisation whose administrator key is written to
 * @admin_key_path (sealed with @passphrase), certifying the reviewer for
 * @valid_days. When the trust file exists, @admin_key_path must open its
 * administrator key to certify. Refuses (G_IO_ERROR_EXISTS) when this
 * workstation has a profile already, and, for a new organisation, when
 * @admin_key_path exists. The profile is written last: a setup that fails
 * leaves none, and can be run again.
 */
gboolean           rd_reviewer_setup         (const char   *organisation,
                                              const char   *name,
                                              const char   *credentials,
                                              RdRole        role,
                                              RdKeyStore    key_store,
                                              const char   *passphrase,
                                              const char   *trust_path,
                                              const char   *admin_key_path,
                                              guint         valid_days,
                                              GError      **error);

G_END_DECLS
