/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rd-case-evaluate.h"
#include "rd-document.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"
#include "rd-verdict.h"

char *
rd_test_case_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rd-case-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
rd_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The SHA-256 of a file's bytes, to show it was not changed. */
void
rd_test_copy_case (const char *from,
                   const char *to)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  gsize length;

  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

char *
rd_test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Whether @text occurs anywhere in the bytes of the file at @path. */
gboolean
rd_test_file_contains (const char *path,
                       const char *text)
{
  g_autofree char *contents = NULL;
  gsize length, n = strlen (text);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

void
rd_test_assert_owner_only (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if ((st.st_mode & 077) != 0)
        g_error ("%s has mode %o: a case file and its -wal/-shm must be 0600", name, st.st_mode & 0777);
    }
}

RdCaseFile *
rd_test_case_new (const char *path)
{
  g_autoptr(GError) error = NULL;
  RdCaseFile *cf = rd_case_file_create (path, NULL, &error);

  g_assert_no_error (error);
  rd_test_sign_as (cf, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  return cf;
}

void
rd_test_case_recommend (RdCaseFile *case_file,
                        gboolean    met)
{
  g_autoptr(GError) error = NULL;
  RdCaseRecommendation r = {
    .policy_id = (char *) "bsc-7.01.41",
    .outcome_id = (char *) (met ? "medically-necessary" : "not-medically-necessary"),
    .adverse = !met, .criteria_met = met, .summary = (char *) "decided by c3",
  };

  g_assert_true (rd_case_file_set_recommendation (case_file, &r, &error));
  g_assert_no_error (error);
}

void
rd_test_case_decide (RdCaseFile     *case_file,
                     RdDecisionKind  kind,
                     const char     *outcome_id,
                     gboolean        adverse,
                     const char     *rationale)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rd_case_file_record_decision (case_file, kind, outcome_id, adverse, rationale, &error), >, 0);
  g_assert_no_error (error);
}

void
rd_test_case_fixture_set_up_without_case (RdTestCaseFixture *fixture,
                                          gconstpointer      data)
{
  fixture->dir = rd_test_case_dir ();
  fixture->path = g_build_filename (fixture->dir, "case.rdcase", NULL);
}

void
rd_test_case_fixture_set_up (RdTestCaseFixture *fixture,
                             gconstpointer      data)
{
  rd_test_case_fixture_set_up_without_case (fixture, data);
  fixture->case_file = rd_test_case_new (fixture->path);
}

/* Every case a test writes through ReviewDesk replays from its audit log
 * without a difference. A file that does not open as a case (a test of
 * refusals) has nothing to replay. */
static void
assert_replays_clean (RdTestCaseFixture *fixture)
{
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;

  if (fixture->tampered || !g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR))
    return;
  cf = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, NULL);
  if (cf != NULL)
    result = rd_case_file_verify (cf, NULL);
  if (result != NULL && result->replay_problem != NULL)
    g_error ("The case differs from its audit log:\n%s", result->replay_problem);
}

void
rd_test_case_fixture_tear_down (RdTestCaseFixture *fixture,
                                gconstpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* A document's last reference may wait in a result not yet delivered on
   * the main loop; delivered, the document closes and joins its worker, which
   * must not be left inside Poppler when the process ends (as the
   * application does on quit). */
  while (rd_document_get_n_open () > 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_clear_object (&fixture->case_file);
  assert_replays_clean (fixture);
  rd_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

void
rd_test_case_add (const char *path,
                  void      (*test) (RdTestCaseFixture *fixture,
                                     gconstpointer      data))
{
  g_test_add (path, RdTestCaseFixture, NULL, rd_test_case_fixture_set_up, test, rd_test_case_fixture_tear_down);
}

/* Closes *@case_file (the last reference: nothing else may hold it) and opens
 * @path again for writing, as after quitting and starting again, with the
 * actor rd_test_case_new() sets. Everything was in the case file itself: no
 * write-ahead log is left beside it in between. */
void
rd_test_case_reopen (RdCaseFile **case_file,
                     const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  rd_case_file_close (*case_file);
  g_clear_object (case_file);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  *case_file = rd_case_file_open (path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  rd_test_sign_as (*case_file, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
}

/* A synthetic intrathecal baclofen request for spasticity, reviewed against
 * Anthem CG-SURG-79 with every criterion met except the oral baclofen trial,
 * scored @oral_baclofen; the nurse's recommendation is stored from the
 * engine's verdict. The actor is "Test Nurse". */
RdCaseFile *
rd_test_case_new_spasticity (const char *path,
                             RdPolicy   *anthem,
                             RdScore     oral_baclofen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdRequest) request = rd_request_new ();
  g_autoptr(GHashTable) scores = NULL;
  g_autoptr(RdVerdict) verdict = NULL;
  g_autoptr(GPtrArray) criteria = NULL;
  const char *indications[] = { "spasticity", NULL };
  const char *cpt[] = { "62362", NULL }, *hcpcs[] = { "E0783", NULL }, *icd[] = { "G80.1", NULL };
  RdCaseRecommendation recommendation = { 0 };
  RdCaseFile *cf = rd_test_case_new (path);

  request->member_name = g_strdup ("Ada Synthetic");
  request->member_id = g_strdup ("SYN-0042");
  request->member_birth_date = g_strdup ("1974-03-21");
  request->provider_name = g_strdup ("Synthetic Neurology Group");
  request->provider_npi = g_strdup ("1234567893");
  request->cpt_codes = g_strdupv ((char **) cpt);
  request->hcpcs_codes = g_strdupv ((char **) hcpcs);
  request->icd10_cm_codes = g_strdupv ((char **) icd);
  request->drug = g_strdup ("baclofen");
  request->route = g_strdup ("intrathecal");
  request->received = g_date_time_new_now_utc ();
  g_assert_true (rd_case_file_set_request (cf, request, &error));
  g_assert_true (rd_case_file_add_review (cf, rd_policy_get_id (anthem), rd_policy_get_hash (anthem), &error));
  g_assert_true (rd_case_file_set_indications (cf, rd_policy_get_id (anthem), indications, &error));
  criteria = rd_policy_get_criteria (anthem, rd_policy_find_indication (anthem, "spasticity"));
  for (guint i = 0; i < criteria->len; i++)
    {
      const RdNode *node = g_ptr_array_index (criteria, i);
      RdScore score = g_str_equal (node->id, "spas-oral-baclofen-failed") ? oral_baclofen : RD_SCORE_MET;

      g_assert_true (rd_case_file_set_score (cf, rd_policy_get_id (anthem), node->id, score, NULL, &error));
    }
  g_assert_no_error (error);

  scores = rd_case_scores_table (cf, rd_policy_get_id (anthem), &error);
  verdict = rd_verdict_new (anthem, request, scores);
  recommendation.policy_id = (char *) rd_policy_get_id (anthem);
  recommendation.outcome_id = (char *) (verdict->outcome ? verdict->outcome->id : "pend");
  recommendation.adverse = verdict->outcome && verdict->outcome->adverse;
  recommendation.criteria_met = verdict->nurse_may_approve;
  g_assert_true (rd_case_file_set_recommendation (cf, &recommendation, &error));
  return cf;
}
