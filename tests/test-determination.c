/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-determination-page.h"
#include "rd-due-clock.h"
#include "rd-pdf-text.h"
#include "rd-test-case.h"
#include "rd-test-gui.h"
#include "rd-window.h"

/* The medical director's step: a case the nurse sent on shows a Determination
 * step to a medical director and to no one else; the director signs an
 * adverse determination through the page's actions, the case file holds it
 * with the director's role and credentials, and the letter is written. */

typedef struct {
  char      *dir;
  char      *path;
  GPtrArray *policies;
} Fixture;

static void
set_reviewer (const char *name,
              const char *credentials,
              RdRole      role)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());

  g_settings_set_string (settings, "reviewer-name", name);
  g_settings_set_string (settings, "reviewer-credentials", credentials);
  g_settings_set_enum (settings, "reviewer-role", role);
  /* What counts is the key: the test organisation certified one for this reviewer. */
  rd_test_gui_sign_as (name, credentials, role);
}

/* A case the nurse scored (oral baclofen not met) and sent to a director. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;

  f->dir = rd_test_case_dir ();
  f->path = g_build_filename (f->dir, "sent.rdcase", NULL);
  f->policies = rd_policy_load_directory (NULL, &error);
  g_assert_no_error (error);
  cf = rd_test_case_new_spasticity (f->path, rd_policy_find_in (f->policies, "anthem-cg-surg-79"),
                                    RD_SCORE_NOT_MET);
  g_assert_cmpint (rd_case_file_record_decision (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE,
                                                 "Oral baclofen trial documented as effective.\n\n"
                                                 "Nurse’s note to the medical director: please review.", &error), >, 0);
  rd_case_file_close (cf);
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

static gboolean
not_saving (gpointer data)
{
  return !rd_determination_page_is_saving (data);
}

static GtkTextBuffer *
rationale_buffer (RdDeterminationPage *determination)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (rd_determination_page_get_rationale_view (determination)));
}

static char *
rationale_shown (RdDeterminationPage *determination)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (rationale_buffer (determination), &start, &end);
  return gtk_text_buffer_get_text (rationale_buffer (determination), &start, &end, FALSE);
}

static gboolean
draft_saved (gpointer data)
{
  g_autoptr(RdCaseDecisionDraft) draft = rd_case_file_get_decision_draft (data, NULL);
  return draft != NULL;
}

static RdDeterminationPage *
show_determination (RdCasePage *page)
{
  g_assert_true (rd_test_gui_has_step (page, "determination"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "determination"));
  return RD_DETERMINATION_PAGE (rd_case_page_get_step_page (page, "determination"));
}

static void
close_window (RdWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

static void
test_director_signs_adverse (Fixture       *f,
                             gconstpointer  data)
{
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *cf;
  RdDeterminationPage *determination;
  RdDueClock *clock;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *letter_path = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autoptr(GFile) letter_file = g_file_new_for_path (letter_path);
  g_autofree char *contents = NULL;
  RdCaseDecision *decision;
  RdAuditEntry *entry;
  gsize length;

  set_reviewer ("Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  g_assert_false (rd_case_file_is_read_only (cf));

  determination = show_determination (page);
  g_assert_cmpstr (rd_step_list_get_selected (rd_case_page_get_step_list (page)), ==, "determination");
  g_assert_cmpstr (rd_determination_page_get_verdict (determination, "anthem-cg-surg-79"), ==,
                   "Not medically necessary");
  rd_test_gui_screenshot (GTK_WIDGET (window), "determination");

  /* Nothing is signed without a rationale, and no letter before a determination. */
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.adverse"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.uphold"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.save-letter"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.seal"));
  clock = RD_DUE_CLOCK (rd_test_gui_find_named (GTK_WIDGET (window), RD_TYPE_DUE_CLOCK, NULL));
  g_assert_true (g_str_has_prefix (rd_due_clock_get_text (clock), "Due "));
  g_assert_nonnull (strstr (rd_due_clock_get_text (clock), " — in "));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (rd_determination_page_get_rationale_view (determination))),
                            "Oral baclofen at 20 mg three times a day controls the spasticity.", -1);
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "determination"), !=,
                   RD_STEP_COMPLETE);
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.adverse"));

  /* Cancelling the confirmation records nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (determination), "determination.adverse", NULL));
  rd_test_gui_respond (rd_test_gui_wait_for_message_dialog (), "cancel");
  decisions = rd_case_file_list_decisions (cf, &error);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_clear_pointer (&decisions, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (determination), "determination.adverse", NULL));
  dialog = rd_test_gui_wait_for_message_dialog ();
  rd_test_gui_screenshot (GTK_WIDGET (dialog), "determination-adverse");
  rd_test_gui_respond (dialog, "confirm");

  /* The case file holds the determination, signed by the director. */
  decisions = rd_case_file_list_decisions (cf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 2);
  decision = g_ptr_array_index (decisions, 1);
  g_assert_cmpint (decision->kind, ==, RD_DECISION_FINAL);
  g_assert_true (decision->adverse);
  g_assert_cmpstr (decision->outcome_id, ==, "not-medically-necessary");
  g_assert_cmpstr (decision->who, ==, "Dr Test Director");
  g_assert_cmpstr (decision->credentials, ==, "MD");
  g_assert_cmpint (decision->role, ==, RD_ROLE_MEDICAL_DIRECTOR);
  g_assert_cmpstr (decision->rationale, ==, "Oral baclofen at 20 mg three times a day controls the spasticity.");
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_DECIDED);
  audit = rd_case_file_list_audit (cf, &error);
  entry = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (entry->action, ==, "status");
  entry = g_ptr_array_index (audit, audit->len - 2);
  g_assert_cmpstr (entry->action, ==, "decision");
  g_assert_cmpstr (entry->who, ==, "Dr Test Director");
  g_assert_cmpstr (entry->role, ==, "medical-director");
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "determination"), ==,
                   RD_STEP_COMPLETE);
  /* The clock stops at the determination. */
  g_assert_cmpstr (rd_due_clock_get_text (clock), ==, "Decided on time");
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.adverse"));
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.save-letter"));
  rd_test_gui_screenshot (GTK_WIDGET (window), "determination-signed");

  /* The letter: written in a worker, a PDF that names the determination and the physician. */
  rd_determination_page_save_letter (determination, letter_file);
  g_assert_true (rd_determination_page_is_saving (determination));
  g_assert_true (rd_test_gui_wait_for (not_saving, determination, 180000));
  g_assert_true (g_file_get_contents (letter_path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  {
    g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
    g_autoptr(RdPdfText) text = rd_pdf_text_extract (bytes, "letter.pdf", NULL, &error);
    g_autofree char *all = NULL;

    g_assert_no_error (error);
    all = g_strjoinv (" ", text->texts);
    g_assert_nonnull (strstr (all, "Notice of Adverse Determination"));
    g_assert_nonnull (strstr (all, "Not medically necessary"));
    g_assert_nonnull (strstr (all, "Dr Test Director, MD"));
  }

  /* Sealing: confirmed, then nothing in the case can change. */
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.seal"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (determination), "determination.seal", NULL));
  rd_test_gui_respond (rd_test_gui_wait_for_message_dialog (), "cancel");
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_DECIDED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (determination), "determination.seal", NULL));
  rd_test_gui_respond (rd_test_gui_wait_for_message_dialog (), "confirm");
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_SEALED);
  {
    g_autoptr(RdCaseSeal) seal = rd_case_file_get_seal (cf, &error);
    g_autoptr(RdCaseVerifyResult) verified = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (seal);
    g_assert_cmpstr (seal->sealed_by, ==, "Dr Test Director");
    verified = rd_case_file_verify (cf, &error);
    g_assert_no_error (error);
    g_assert_true (verified->sealed);
    g_assert_null (verified->seal_problem);
  }
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.seal"));
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.save-letter"));
  rd_test_gui_screenshot (GTK_WIDGET (window), "determination-sealed");
  g_assert_cmpint (rd_case_file_record_decision (cf, RD_DECISION_PEND, NULL, FALSE, "Reopened.", &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_SEALED);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

/* Nothing the director types is lost before it is signed: the draft is saved
 * a moment after typing stops and when the window closes, comes back in a new
 * window, and is gone once the determination is signed. */
static void
test_draft_survives_closing (Fixture       *f,
                             gconstpointer  data)
{
  const char *final_text = "Oral baclofen at 20 mg three times a day controls the spasticity.";
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *cf;
  RdDeterminationPage *determination;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) audit_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  set_reviewer ("Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  determination = show_determination (page);
  g_assert_false (rd_test_gui_wait_for (draft_saved, cf, 2000));  /* looking writes nothing */
  audit = rd_case_file_list_audit (cf, &error);

  /* Saved once typing stops, without an audit entry. */
  gtk_text_buffer_set_text (rationale_buffer (determination), "First thoughts", -1);
  g_assert_false (draft_saved (cf));
  g_assert_true (rd_test_gui_wait_for (draft_saved, cf, 10000));
  {
    g_autoptr(RdCaseDecisionDraft) draft = rd_case_file_get_decision_draft (cf, &error);

    g_assert_cmpstr (draft->rationale, ==, "First thoughts");
    g_assert_cmpstr (draft->outcome_id, ==, "not-medically-necessary");
    g_assert_cmpstr (draft->who, ==, "Dr Test Director");
  }
  audit_after = rd_case_file_list_audit (cf, &error);
  g_assert_cmpuint (audit_after->len, ==, audit->len);

  /* Typed, then the window closed at once, unsigned; the case changing
   * meanwhile does not put the older draft back over the newer text. */
  gtk_text_buffer_set_text (rationale_buffer (determination), final_text, -1);
  rd_determination_page_refresh (determination);
  shown = rationale_shown (determination);
  g_assert_cmpstr (shown, ==, final_text);
  g_clear_pointer (&shown, g_free);
  close_window (window);

  /* A new window shows it again, ready to sign. */
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  g_assert_false (rd_case_file_is_read_only (cf));
  determination = show_determination (page);
  shown = rationale_shown (determination);
  g_assert_cmpstr (shown, ==, final_text);
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "determination"), ==,
                   RD_STEP_IN_PROGRESS);
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.adverse"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (determination), "determination.adverse", NULL));
  rd_test_gui_respond (rd_test_gui_wait_for_message_dialog (), "confirm");
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_DECIDED);
  g_assert_false (draft_saved (cf));
  close_window (window);

  /* Signed: the decision holds the rationale, and no draft comes back. */
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  g_assert_false (draft_saved (cf));
  {
    g_autoptr(GPtrArray) decisions = rd_case_file_list_decisions (cf, &error);
    RdCaseDecision *decision = g_ptr_array_index (decisions, decisions->len - 1);

    g_assert_cmpint (decision->kind, ==, RD_DECISION_FINAL);
    g_assert_cmpstr (decision->rationale, ==, final_text);
  }
  determination = show_determination (page);
  g_clear_pointer (&shown, g_free);
  shown = rationale_shown (determination);
  g_assert_cmpstr (shown, ==, "");
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "determination"), ==,
                   RD_STEP_COMPLETE);
  close_window (window);
}

static void
test_nurse_never_sees_it (Fixture       *f,
                          gconstpointer  data)
{
  RdWindow *window;
  RdCasePage *page;

  set_reviewer ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  page = rd_test_gui_open_case (f->path, &window);
  g_assert_false (rd_test_gui_has_step (page, "determination"));
  g_assert_true (rd_test_gui_has_step (page, "summary"));

  /* The same person signing in as a director gets the step at once. */
  set_reviewer ("Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  rd_test_gui_spin ();
  g_assert_true (rd_test_gui_has_step (page, "determination"));
  set_reviewer ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_test_gui_spin ();
  g_assert_false (rd_test_gui_has_step (page, "determination"));

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

/* Approving what the engine found not met is the director's call, but it
 * names the criterion the director finds met. */
static void
test_against_the_engine (Fixture       *f,
                         gconstpointer  data)
{
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *cf;
  RdDeterminationPage *determination;
  AdwComboRow *basis;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *criterion = NULL;
  gint64 reconsiders = -1;

  set_reviewer ("Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  determination = show_determination (page);
  gtk_text_buffer_set_text (rationale_buffer (determination),
                            "The addendum documents a second oral baclofen trial that failed.", -1);
  basis = rd_determination_page_get_basis_row (determination);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (basis)), >, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (basis), ==, 0);

  /* Without a criterion the case refuses it, and says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (determination), "determination.uphold", NULL));
  rd_test_gui_respond (rd_test_gui_wait_for_message_dialog (), "confirm");
  decisions = rd_case_file_list_decisions (cf, &error);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_clear_pointer (&decisions, g_ptr_array_unref);

  /* The first choice after "none" is a criterion that decides the verdict. */
  adw_combo_row_set_selected (basis, 1);
  rd_test_gui_screenshot (GTK_WIDGET (window), "determination-against-engine");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (determination), "determination.uphold", NULL));
  rd_test_gui_respond (rd_test_gui_wait_for_message_dialog (), "confirm");
  decisions = rd_case_file_list_decisions (cf, &error);
  g_assert_cmpuint (decisions->len, ==, 2);
  g_assert_false (((RdCaseDecision *) g_ptr_array_index (decisions, 1))->adverse);
  g_assert_true (rd_case_file_get_determination_basis (cf, ((RdCaseDecision *) g_ptr_array_index (decisions, 1))->id,
                                                       &criterion, &reconsiders, &error));
  g_assert_true (g_str_has_prefix (criterion, "anthem-cg-surg-79/"));
  g_assert_cmpint (reconsiders, ==, 0);
  close_window (window);
}

/* After an adverse determination the provider may talk to the physician:
 * offered, then held, and here the decision reopened, back with the director. */
static void
test_peer_to_peer (Fixture       *f,
                   gconstpointer  data)
{
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *cf;
  RdDeterminationPage *determination;
  RdPeerToPeerBox *box;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;

  set_reviewer ("Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  determination = show_determination (page);
  box = rd_determination_page_get_peer_to_peer_box (determination);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (box)));  /* nothing adverse yet */

  g_assert_cmpint (rd_case_file_record_decision (cf, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                                                 "No oral baclofen trial failed.", &error), >, 0);
  g_assert_no_error (error);
  rd_test_gui_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (box)));
  g_assert_cmpuint (rd_peer_to_peer_box_get_n_steps (box), ==, 0);

  gtk_editable_set_text (rd_peer_to_peer_box_get_provider_entry (box), "Dr Provider");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (box), "peer-to-peer.offered", NULL));
  g_assert_cmpuint (rd_peer_to_peer_box_get_n_steps (box), ==, 1);
  gtk_editable_set_text (rd_peer_to_peer_box_get_notes_entry (box), "A second trial was done last week.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (box), "peer-to-peer.reopened", NULL));
  g_assert_cmpuint (rd_peer_to_peer_box_get_n_steps (box), ==, 2);
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR);
  rd_test_gui_screenshot (GTK_WIDGET (window), "determination-peer-to-peer");

  steps = rd_case_file_list_peer_to_peer (cf, &error);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpstr (((RdCasePeerToPeer *) g_ptr_array_index (steps, 1))->participant, ==, "Dr Provider");
  g_assert_cmpstr (((RdCasePeerToPeer *) g_ptr_array_index (steps, 1))->notes, ==, "A second trial was done last week.");
  g_assert_cmpstr (((RdCasePeerToPeer *) g_ptr_array_index (steps, 1))->who, ==, "Dr Test Director");
  close_window (window);
}

static void
test_decided_late (void)
{
  g_autoptr(GDateTime) due = g_date_time_new_utc (2026, 3, 2, 9, 0, 0);
  g_autoptr(GDateTime) early = g_date_time_add_hours (due, -30);
  g_autoptr(GDateTime) late = g_date_time_add_hours (due, 3);
  g_autofree char *on_time = rd_due_clock_describe_decided (due, early);
  g_autofree char *late_text = rd_due_clock_describe_decided (due, late);
  g_autofree char *unknown = rd_due_clock_describe_decided (NULL, late);

  g_assert_cmpstr (on_time, ==, "Decided on time");
  g_assert_cmpstr (late_text, ==, "Decided 3 hours late");
  g_assert_cmpstr (unknown, ==, "Decided");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add ("/determination/director-signs-adverse", Fixture, NULL, fixture_set_up, test_director_signs_adverse,
              fixture_tear_down);
  g_test_add ("/determination/draft-survives-closing", Fixture, NULL, fixture_set_up, test_draft_survives_closing,
              fixture_tear_down);
  g_test_add ("/determination/nurse-never-sees-it", Fixture, NULL, fixture_set_up, test_nurse_never_sees_it,
              fixture_tear_down);
  g_test_add ("/determination/against-the-engine", Fixture, NULL, fixture_set_up, test_against_the_engine,
              fixture_tear_down);
  g_test_add ("/determination/peer-to-peer", Fixture, NULL, fixture_set_up, test_peer_to_peer, fixture_tear_down);
  g_test_add_func ("/determination/decided-late", test_decided_late);
  return g_test_run ();
}
