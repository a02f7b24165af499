/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-case-file.h"
#include "rd-policy.h"

G_BEGIN_DECLS

/* Helpers for the case file tests. */

char       *rd_test_case_dir           (void);
void        rd_test_remove_dir         (const char *dir);
char       *rd_test_file_digest        (const char *path);
gboolean    rd_test_file_contains      (const char *path,
                                        const char *text);
void        rd_test_assert_owner_only  (const char *dir);
/* A new case at @path whose actor is "Test Nurse", a nurse reviewer. */
RdCaseFile *rd_test_case_new           (const char *path);
void        rd_test_case_reopen        (RdCaseFile **case_file,
                                        const char  *path);
RdCaseFile *rd_test_case_new_spasticity (const char *path,
                                         RdPolicy   *anthem,
                                         RdScore     oral_baclofen);

G_END_DECLS
