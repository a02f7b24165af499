/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-reviewer-profile.h"

G_BEGIN_DECLS

/**
 * RdReviewerKeyState:
 * @RD_REVIEWER_KEY_LOADING: the profile and trust file are being read, or
 *   the keyring asked
 * @RD_REVIEWER_KEY_NONE: no reviewer profile on this workstation
 * @RD_REVIEWER_KEY_LOCKED: a key kept in a file, waiting for its passphrase
 * @RD_REVIEWER_KEY_UNLOCKED: the key signs for this session
 * @RD_REVIEWER_KEY_FAILED: the profile or the key could not be read
 *   (rd_reviewer_session_get_problem() says why)
 */
typedef enum {
  RD_REVIEWER_KEY_LOADING,
  RD_REVIEWER_KEY_NONE,
  RD_REVIEWER_KEY_LOCKED,
  RD_REVIEWER_KEY_UNLOCKED,
  RD_REVIEWER_KEY_FAILED,
} RdReviewerKeyState;

#define RD_TYPE_REVIEWER_SESSION (rd_reviewer_session_get_type ())
G_DECLARE_FINAL_TYPE (RdReviewerSession, rd_reviewer_session, RD, REVIEWER_SESSION, GObject)

RdReviewerSession  *rd_reviewer_session_new          (void);

void                rd_reviewer_session_load         (RdReviewerSession  *self);
void                rd_reviewer_session_unlock_async (RdReviewerSession  *self,
                                                      const char         *passphrase,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean            rd_reviewer_session_unlock_finish (RdReviewerSession *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);
void                rd_reviewer_session_set_identity (RdReviewerSession       *self,
                                                      RdTrust                 *trust,
                                                      const RdReviewerProfile *profile,
                                                      RdSigningKey            *key);

RdReviewerKeyState  rd_reviewer_session_get_state    (RdReviewerSession  *self);
RdTrust            *rd_reviewer_session_get_trust    (RdReviewerSession  *self);
const RdReviewerProfile *rd_reviewer_session_get_profile (RdReviewerSession *self);
RdSigningKey       *rd_reviewer_session_get_key      (RdReviewerSession  *self);
const char         *rd_reviewer_session_get_problem  (RdReviewerSession  *self);
char               *rd_reviewer_session_take_trust_problem (RdReviewerSession *self);
gboolean            rd_reviewer_session_get_keyring_available (RdReviewerSession *self);
void                rd_reviewer_session_set_keyring_available (RdReviewerSession *self,
                                                               gboolean           available);
RdCertificate      *rd_reviewer_session_dup_certificate (RdReviewerSession   *self,
                                                         RdCertificateStatus *status);
gboolean            rd_reviewer_session_get_declined (RdReviewerSession  *self);
void                rd_reviewer_session_set_declined (RdReviewerSession  *self,
                                                      gboolean            declined);

G_END_DECLS
