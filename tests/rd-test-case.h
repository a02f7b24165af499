/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-case-file.h"
#include "rd-policy.h"

G_BEGIN_DECLS

/* Helpers for the case file tests. */

char       *rd_test_case_dir           (void);
void        rd_test_remove_dir         (const char *dir);
char       *rd_test_file_digest        (const char *path);
/* Copies the closed case @from to @to (0600), removing @to's -wal and -shm. */
void        rd_test_copy_case          (const char *from,
                                        const char *to);
gboolean    rd_test_file_contains      (const char *path,
                                        const char *text);
void        rd_test_assert_owner_only  (const char *dir);
/* A new case at @path whose actor is "Test Nurse", a nurse reviewer. */
RdCaseFile *rd_test_case_new           (const char *path);
void        rd_test_case_reopen        (RdCaseFile **case_file,
                                        const char  *path);
/* Stores the engine's recommendation for bsc-7.01.41: criteria met
 * (medically necessary) or not (not medically necessary, adverse). */
void        rd_test_case_recommend     (RdCaseFile     *case_file,
                                        gboolean        met);
/* Records a decision the case's actor may make. */
void        rd_test_case_decide        (RdCaseFile     *case_file,
                                        RdDecisionKind  kind,
                                        const char     *outcome_id,
                                        gboolean        adverse,
                                        const char     *rationale);

/* For g_test_add(): each test gets its own directory and a case file in it,
 * closed and removed again by rd_test_case_fixture_tear_down(), which first
 * checks that the case holds what its audit log says, unless the test set
 * @tampered: it changed the case behind ReviewDesk's back. */
typedef struct {
  char       *dir;
  char       *path;
  RdCaseFile *case_file;
  gboolean    tampered;
} RdTestCaseFixture;

/* A new case at path, as rd_test_case_new() makes it. */
void        rd_test_case_fixture_set_up              (RdTestCaseFixture *fixture,
                                                      gconstpointer      data);
/* Only the directory and the path: the test creates the case. */
void        rd_test_case_fixture_set_up_without_case (RdTestCaseFixture *fixture,
                                                      gconstpointer      data);
void        rd_test_case_fixture_tear_down           (RdTestCaseFixture *fixture,
                                                      gconstpointer      data);
/* Adds a test that starts with rd_test_case_fixture_set_up(). */
void        rd_test_case_add                         (const char        *path,
                                                      void             (*test) (RdTestCaseFixture *fixture,
                                                                                gconstpointer      data));
RdCaseFile *rd_test_case_new_spasticity (const char *path,
                                         RdPolicy   *anthem,
                                         RdScore     oral_baclofen);

G_END_DECLS
