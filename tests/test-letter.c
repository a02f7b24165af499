/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rd-letter.h"
#include "rd-pdf-text.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"

/* The determination letter: what it says for an adverse determination, an
 * approval and a pend, that it names the policy and the criteria the decision
 * rests on, and that only a recorded determination (or an explicit draft)
 * makes one. */

typedef struct {
  char       *dir;
  char       *path;
  GPtrArray  *policies;
  RdPolicy   *anthem;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rd_test_case_dir ();
  f->path = g_build_filename (f->dir, "letter.rdcase", NULL);
  f->policies = rd_policy_load_directory (NULL, &error);
  g_assert_no_error (error);
  f->anthem = rd_policy_find_in (f->policies, "anthem-cg-surg-79");
  g_assert_nonnull (f->anthem);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rd_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_ptr_array_unref (f->policies);
}

static void
become_director (RdCaseFile *cf)
{
  rd_test_sign_as (cf, "Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
}

static RdLetter *
compose (Fixture    *f,
         RdCaseFile *cf)
{
  g_autoptr(GError) error = NULL;
  RdLetter *letter = rd_letter_compose (cf, f->policies, RD_LETTER_NONE, &error);

  g_assert_no_error (error);
  return letter;
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("The letter does not contain “%s”:\n%s", part, text);
}

static void
test_letter_adverse (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = rd_test_case_new_spasticity (f->path, f->anthem, RD_SCORE_NOT_MET);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *text = NULL;
  const RdNode *oral = rd_policy_find_node (f->anthem, "spas-oral-baclofen-failed");

  /* A nurse never signs an adverse determination, and sending the case to a
   * director makes no letter. */
  g_assert_cmpint (rd_case_file_record_decision (cf, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                                                 "Oral baclofen helped.", &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  rd_test_case_decide (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "Please review.");
  g_assert_null (rd_letter_compose (cf, f->policies, RD_LETTER_NONE, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_DECISION);
  g_clear_error (&error);

  become_director (cf);
  rd_test_case_decide (cf, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                       "Oral baclofen was effective at 20 mg three times a day.");
  letter = compose (f, cf);

  g_assert_cmpint (letter->kind, ==, RD_LETTER_ADVERSE);
  g_assert_false (letter->draft);
  g_assert_cmpstr (letter->determination, ==, "Not medically necessary");
  g_assert_cmpstr (letter->decided_by, ==, "Dr Test Director, MD");
  g_assert_cmpint (letter->decided_role, ==, RD_ROLE_MEDICAL_DIRECTOR);
  g_assert_true (has_id (letter->policies, "anthem-cg-surg-79"));
  /* The reasons are the decisive criteria not met, and only those. */
  g_assert_cmpuint (letter->criteria->len, ==, 1);
  g_assert_true (has_id (letter->criteria, "anthem-cg-surg-79/spas-oral-baclofen-failed"));

  text = rd_letter_to_markdown (letter);
  assert_contains (text, "Notice of Adverse Determination");
  assert_contains (text, "Ada Synthetic");
  assert_contains (text, "SYN-0042");
  assert_contains (text, "Synthetic Neurology Group");
  assert_contains (text, "CPT 62362");
  assert_contains (text, "baclofen");
  assert_contains (text, "Not medically necessary");
  assert_contains (text, rd_policy_get_payer (f->anthem));
  assert_contains (text, rd_policy_get_number (f->anthem));
  assert_contains (text, rd_policy_get_title (f->anthem));
  assert_contains (text, rd_policy_get_hash (f->anthem));
  assert_contains (text, oral->text);
  assert_contains (text, oral->cite.text);
  assert_contains (text, "Oral baclofen was effective");
  assert_contains (text, "Dr Test Director, MD, medical director (physician reviewer)");
  assert_contains (text, "Your Right to Appeal");
  assert_contains (text, "TEMPLATE");
  g_assert_null (strstr (text, "Draft"));
  /* The criteria the director did not rely on are not given as reasons. */
  g_assert_null (strstr (text, rd_policy_find_node (f->anthem, "spas-intrathecal-baclofen")->text));
}

static void
test_letter_approval (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = rd_test_case_new_spasticity (f->path, f->anthem, RD_SCORE_MET);
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *text = NULL;

  rd_test_case_decide (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, NULL);
  become_director (cf);
  rd_test_case_decide (cf, RD_DECISION_FINAL, "medically-necessary", FALSE,
                       "Severe and refractory, as the neurologist documents.");
  letter = compose (f, cf);

  g_assert_cmpint (letter->kind, ==, RD_LETTER_APPROVAL);
  g_assert_cmpstr (letter->determination, ==, "Medically necessary");
  g_assert_true (has_id (letter->criteria, "anthem-cg-surg-79/spas-oral-baclofen-failed"));
  g_assert_true (has_id (letter->criteria, "anthem-cg-surg-79/spas-severe-refractory"));
  text = rd_letter_to_markdown (letter);
  assert_contains (text, "Notice of Approval");
  assert_contains (text, "Medically necessary");
  assert_contains (text, rd_policy_get_number (f->anthem));
  g_assert_null (strstr (text, "Appeal"));
  g_assert_null (strstr (text, "physician reviewer"));
}

static void
test_letter_pend (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = rd_test_case_new_spasticity (f->path, f->anthem, RD_SCORE_NOT_DOCUMENTED);
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *text = NULL;
  const RdDocItem *trial = rd_policy_find_doc_item (f->anthem, "doc-oral-baclofen-trial");

  rd_test_case_decide (cf, RD_DECISION_PEND, NULL, FALSE, NULL);
  letter = compose (f, cf);

  g_assert_cmpint (letter->kind, ==, RD_LETTER_PEND);
  g_assert_true (has_id (letter->documentation, "anthem-cg-surg-79/doc-oral-baclofen-trial"));
  g_assert_true (has_id (letter->criteria, "anthem-cg-surg-79/spas-oral-baclofen-failed"));
  text = rd_letter_to_markdown (letter);
  assert_contains (text, "Request for Additional Documentation");
  assert_contains (text, "Documentation Requested");
  assert_contains (text, trial->text);
  assert_contains (text, "Test Nurse, RN, nurse reviewer");
  g_assert_null (strstr (text, "Appeal"));
}

/* Reviewed against two policies, each with a criterion not met: the letter
 * cites both policies and gives the reasons of each. */
static void
test_letter_two_policies (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = rd_test_case_new_spasticity (f->path, f->anthem, RD_SCORE_NOT_MET);
  RdPolicy *bsc = rd_policy_find_in (f->policies, "bsc-7.01.41");
  const char *indications[] = { "severe-spasticity", NULL };
  g_autoptr(GPtrArray) criteria = rd_policy_get_criteria (bsc, rd_policy_find_indication (bsc, "severe-spasticity"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *text = NULL;

  g_assert_true (rd_case_file_add_review (cf, "bsc-7.01.41", rd_policy_get_hash (bsc), &error));
  g_assert_true (rd_case_file_set_indications (cf, "bsc-7.01.41", indications, &error));
  for (guint i = 0; i < criteria->len; i++)
    {
      const RdNode *node = g_ptr_array_index (criteria, i);
      RdScore score = g_str_equal (node->id, "spas-less-invasive-failed") ? RD_SCORE_NOT_MET : RD_SCORE_MET;
      g_assert_true (rd_case_file_set_score (cf, "bsc-7.01.41", node->id, score, NULL, &error));
    }
  become_director (cf);
  rd_test_case_decide (cf, RD_DECISION_FINAL, "investigational", TRUE, "Neither policy's criteria are met.");
  letter = compose (f, cf);

  g_assert_cmpint (letter->kind, ==, RD_LETTER_ADVERSE);
  g_assert_cmpstr (letter->determination, ==, "Investigational");
  g_assert_true (has_id (letter->policies, "anthem-cg-surg-79"));
  g_assert_true (has_id (letter->policies, "bsc-7.01.41"));
  g_assert_true (has_id (letter->criteria, "anthem-cg-surg-79/spas-oral-baclofen-failed"));
  g_assert_true (has_id (letter->criteria, "bsc-7.01.41/spas-less-invasive-failed"));
  g_assert_false (has_id (letter->criteria, "bsc-7.01.41/spas-oral-baclofen-failed"));
  text = rd_letter_to_markdown (letter);
  assert_contains (text, "Policies Applied");
  assert_contains (text, rd_policy_get_title (bsc));
  assert_contains (text, rd_policy_find_node (bsc, "spas-less-invasive-failed")->text);
}

static void
test_letter_draft (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = rd_test_case_new_spasticity (f->path, f->anthem, RD_SCORE_NOT_MET);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *text = NULL;

  g_assert_null (rd_letter_compose (cf, f->policies, RD_LETTER_NONE, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_DECISION);
  g_clear_error (&error);

  letter = rd_letter_compose (cf, f->policies, RD_LETTER_ALLOW_DRAFT, &error);
  g_assert_no_error (error);
  g_assert_true (letter->draft);
  g_assert_cmpint (letter->kind, ==, RD_LETTER_ADVERSE);
  g_assert_null (letter->decided_by);
  text = rd_letter_to_markdown (letter);
  assert_contains (text, "# Draft: Notice of Adverse Determination");
  assert_contains (text, "must not be sent");
  assert_contains (text, "To be signed by the medical director");
}

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GError **error = data;

  g_assert_true (rd_letter_write_finish (result, error) || *error != NULL);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
write_and_wait (RdLetter       *letter,
                const char     *path,
                RdLetterFormat  format)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  rd_letter_write_async (letter, file, format, NULL, written, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* "done" is the callback's mark of success. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

static void
test_letter_write (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = rd_test_case_new_spasticity (f->path, f->anthem, RD_SCORE_NOT_MET);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *md_path = g_build_filename (f->dir, "letter.md", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "letter.PDF", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  become_director (cf);
  rd_test_case_decide (cf, RD_DECISION_FINAL, "not-medically-necessary", TRUE, "Not refractory.");
  letter = compose (f, cf);

  g_assert_cmpint (rd_letter_format_for_path (md_path), ==, RD_LETTER_FORMAT_MARKDOWN);
  g_assert_cmpint (rd_letter_format_for_path (pdf_path), ==, RD_LETTER_FORMAT_PDF);
  write_and_wait (letter, md_path, rd_letter_format_for_path (md_path));
  write_and_wait (letter, pdf_path, rd_letter_format_for_path (pdf_path));

  expected = rd_letter_to_markdown (letter);
  g_assert_true (g_file_get_contents (md_path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  {
    /* The PDF says what the letter says: Poppler reads the determination and the reason back. */
    g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
    g_autoptr(RdPdfText) pdf = rd_pdf_text_extract (bytes, "letter.PDF", NULL, &error);
    g_autofree char *all = NULL;

    g_assert_no_error (error);
    all = g_strjoinv (" ", pdf->texts);
    assert_contains (all, "Notice of Adverse Determination");
    assert_contains (all, "Not medically necessary");
    assert_contains (all, "oral baclofen");
    assert_contains (all, "Dr Test Director, MD");
  }
  /* A letter holds health information: owner-only, like the case. */
  rd_test_assert_owner_only (f->dir);
  g_assert_cmpint (g_stat (pdf_path, &st), ==, 0);

  /* Unwritable: an error that names the file. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "missing-folder", "letter.md", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (bad);

    g_assert_false (rd_letter_write (letter, file, RD_LETTER_FORMAT_MARKDOWN, NULL, &error));
    g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "missing-folder"));
  }
}

static void
test_letter_no_request (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = rd_test_case_new (f->path);
  g_autoptr(GError) error = NULL;

  g_assert_null (rd_letter_compose (cf, f->policies, RD_LETTER_ALLOW_DRAFT, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_REQUEST);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add ("/letter/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("adverse", test_letter_adverse);
  ADD ("approval", test_letter_approval);
  ADD ("pend", test_letter_pend);
  ADD ("two-policies", test_letter_two_policies);
  ADD ("draft", test_letter_draft);
  ADD ("write", test_letter_write);
  ADD ("no-request", test_letter_no_request);
#undef ADD
  return g_test_run ();
}
