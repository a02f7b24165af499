/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-case-file.h"
#include "rd-trust.h"

G_BEGIN_DECLS

/* One synthetic organisation per test process ("Test Health Plan"), whose
 * administrator certifies a key for each reviewer a test names. Keys live in
 * memory only. */

RdTrust      *rd_test_trust        (void);
RdSigningKey *rd_test_admin_key    (void);
/* Uses @trust, whose administrator holds @admin_key, instead of a new one. */
void          rd_test_identity_use (RdTrust      *trust,
                                    RdSigningKey *admin_key);
/* The key certified for @name (@credentials) in @role, made on first use. */
RdSigningKey *rd_test_reviewer_key (const char *name,
                                    const char *credentials,
                                    RdRole      role);
/* Makes that reviewer the case's signing actor. */
void          rd_test_sign_as      (RdCaseFile *case_file,
                                    const char *name,
                                    const char *credentials,
                                    RdRole      role);

G_END_DECLS
