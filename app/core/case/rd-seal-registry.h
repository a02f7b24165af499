/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The seals this workstation has seen, outside any case file: a case that
 * was sealed here (or opened or verified here sealed) and comes back
 * unsealed was changed behind ReviewDesk's back, even when its own history
 * was rewritten to hide it. A small SQLite file in the user's data folder
 * (0600) holding only case ids, creation times, seal digests, signers'
 * names and times: nothing of the member or the request.
 */

typedef struct {
  char *digest;
  char *sealed_by;
  char *sealed_at;
} RdSeenSeal;

void        rd_seen_seal_free       (RdSeenSeal *seal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSeenSeal, rd_seen_seal_free)

/* Records that the case (@case_id, created at @created_at) was seen sealed.
 * Failing to record is not an error of the case: it returns FALSE and the
 * caller carries on. */
gboolean    rd_seal_registry_note   (const char  *case_id,
                                     const char  *created_at,
                                     const char  *digest,
                                     const char  *sealed_by,
                                     const char  *sealed_at);
/* The seal seen for that case, or NULL. */
RdSeenSeal *rd_seal_registry_lookup (const char  *case_id,
                                     const char  *created_at);

G_END_DECLS
