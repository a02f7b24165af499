/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-determination-page.h"
#include "rd-key-setup-dialog.h"
#include "rd-preferences-window.h"
#include "rd-summary-page.h"
#include "rd-test-case.h"
#include "rd-test-gui.h"
#include "rd-test-identity.h"
#include "rd-window.h"

/* The workstation's reviewer and their signing key, as a nurse and a medical
 * director meet them: a role typed in Preferences makes nobody a director; a
 * nurse without a key sees why nothing can be decided and how to set a key
 * up; the setup dialog makes a profile, a trust file and a key that signs; a
 * revoked key says so and signs nothing. */

#define POLICY_ID "anthem-cg-surg-79"

typedef struct {
  char      *dir;
  char      *path;
  GPtrArray *policies;
} Fixture;

static RdReviewerSession *
session (void)
{
  return rd_application_get_reviewer_session (rd_test_gui_application ());
}

static void
set_preferences (const char *name,
                 const char *credentials,
                 RdRole      role)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());

  g_settings_set_string (settings, "reviewer-name", name);
  g_settings_set_string (settings, "reviewer-credentials", credentials);
  g_settings_set_enum (settings, "reviewer-role", role);
}

/* A case the nurse scored (oral baclofen not met); @sent: and sent to a
 * medical director. */
static void
make_case (Fixture  *f,
           gboolean  sent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;

  f->dir = rd_test_case_dir ();
  f->path = g_build_filename (f->dir, "case.rdcase", NULL);
  f->policies = rd_policy_load_directory (NULL, &error);
  g_assert_no_error (error);
  cf = rd_test_case_new_spasticity (f->path, rd_policy_find_in (f->policies, POLICY_ID), RD_SCORE_NOT_MET);
  if (sent)
    g_assert_cmpint (rd_case_file_record_decision (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE,
                                                   "Oral baclofen trial documented as effective.", &error), >, 0);
  rd_case_file_close (cf);
}

static void
fixture_set_up_sent (Fixture       *f,
                     gconstpointer  data)
{
  make_case (f, TRUE);
}

static void
fixture_set_up_scored (Fixture       *f,
                       gconstpointer  data)
{
  make_case (f, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  rd_test_gui_spin ();
  rd_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_ptr_array_unref (f->policies);
}

static void
close_window (RdWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

static RdSummaryPage *
show_summary (RdCasePage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  rd_test_gui_spin ();
  return RD_SUMMARY_PAGE (rd_case_page_get_step_page (page, "summary"));
}

static gboolean
list_has (GListModel *model,
          const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
      return TRUE;
  return FALSE;
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (ADW_IS_ACTION_ROW (child) && gtk_widget_is_visible (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return adw_action_row_get_subtitle (ADW_ACTION_ROW (child));
      if ((found = row_subtitle (child, title)))
        return found;
    }
  return NULL;
}

static AdwComboRow *
role_combo (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found;

      if (ADW_IS_COMBO_ROW (child))
        return ADW_COMBO_ROW (child);
      if ((found = role_combo (child)))
        return found;
    }
  return NULL;
}

/* (a) Typing "medical director" is a claim, not a certificate: the director's
 * step and actions stay away, the case refuses a determination, and
 * Preferences does not offer the role at all. */
static void
test_typed_director_is_not_one (Fixture       *f,
                                gconstpointer  data)
{
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *cf;
  RdDeterminationPage *determination;
  GtkWidget *preferences;
  AdwComboRow *role;
  g_autoptr(GError) error = NULL;

  set_preferences ("Dr Typed Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  rd_test_gui_sign_nothing ();
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  g_assert_false (rd_case_file_is_read_only (cf));

  g_assert_false (rd_test_gui_has_step (page, "determination"));
  determination = RD_DETERMINATION_PAGE (rd_case_page_get_step_page (page, "determination"));
  g_assert_false (rd_determination_page_get_available (determination));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.uphold"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.adverse"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (determination), "determination.seal"));
  g_assert_cmpint (rd_case_file_get_actor_role (cf), ==, RD_ROLE_NURSE_REVIEWER);
  g_assert_false (rd_case_file_can_sign_as (cf, RD_ROLE_MEDICAL_DIRECTOR));
  g_assert_cmpuint (rd_case_file_record_decision (cf, RD_DECISION_FINAL, "not-medically-necessary", TRUE,
                                                  "Typed.", &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);

  preferences = rd_preferences_window_new (GTK_WINDOW (window), rd_application_get_settings (rd_test_gui_application ()),
                                           session ());
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_gui_spin ();
  role = role_combo (preferences);
  g_assert_nonnull (role);
  g_assert_true (list_has (adw_combo_row_get_model (role), "Nurse reviewer"));
  g_assert_false (list_has (adw_combo_row_get_model (role), "Medical director"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (role)), "certified"));
  g_assert_cmpstr (row_subtitle (preferences, "Name"), ==, NULL);  /* no certificate shown */
  g_assert_nonnull (row_subtitle (preferences, "No reviewer key"));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* With the key the organisation certified for a director, the step is there. */
  rd_test_gui_sign_as ("Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
  rd_test_gui_spin ();
  g_assert_true (rd_test_gui_has_step (page, "determination"));
  g_assert_cmpstr (rd_case_file_get_actor_name (cf), ==, "Dr Test Director");
  close_window (window);
}

static void
collect_toasts (GtkWidget *root,
                GString   *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (gtk_widget_get_css_name (child), "toast"))
        {
          GtkWidget *label = rd_test_gui_find_named (child, GTK_TYPE_LABEL, NULL);
          g_string_append_printf (texts, "%s\n", label ? gtk_label_get_label (GTK_LABEL (label)) : "");
        }
      collect_toasts (child, texts);
    }
}

static gboolean
no_toast (gpointer data)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  collect_toasts (data, texts);
  return texts->len == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_button (child, action)))
        return found;
    }
  return NULL;
}

/* (b) A nurse without a key: every decision is off, the summary says why in
 * words, and offers to set the key up; with a key, the decisions are back. */
static void
test_nurse_without_key (Fixture       *f,
                        gconstpointer  data)
{
  RdWindow *window;
  RdCasePage *page;
  RdSummaryPage *summary;
  const char *help;
  GtkWidget *button;

  set_preferences ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_test_gui_sign_nothing ();
  page = rd_test_gui_open_case (f->path, &window);
  summary = show_summary (page);

  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.send-to-director"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.pend"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.approve"));
  help = rd_summary_page_get_signing_help (summary);
  g_assert_nonnull (help);
  g_assert_nonnull (strstr (help, "signed with your reviewer key"));
  button = find_button (GTK_WIDGET (summary), "win.setup-reviewer-key");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button));
  /* The window offered the key in a toast too, which goes after a while;
   * what stays is the summary's explanation. */
  if (g_getenv ("RD_SCREENSHOT_DIR") != NULL)
    g_assert_true (rd_test_gui_wait_for (no_toast, window, 30000));
  rd_test_gui_screenshot (GTK_WIDGET (window), "summary-without-key");

  rd_test_gui_sign_as ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_test_gui_spin ();
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.send-to-director"));
  g_assert_null (rd_summary_page_get_signing_help (summary));
  close_window (window);
}

/* ---- (c) the setup dialog, end to end, with the key in a file ---- */

static RdKeySetupDialog *
setup_dialog (void)
{
  return RD_KEY_SETUP_DIALOG (rd_test_gui_find_window (RD_TYPE_KEY_SETUP_DIALOG));
}

static gboolean
setup_dialog_shown (gpointer data)
{
  return setup_dialog () != NULL && gtk_widget_get_mapped (GTK_WIDGET (setup_dialog ()));
}

static gboolean
setup_finished (gpointer data)
{
  return !g_str_equal (rd_key_setup_dialog_get_page (data), "working");
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  GtkWidget *row = rd_test_gui_find_named (root, ADW_TYPE_ENTRY_ROW, name);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
session_unlocked (gpointer data)
{
  return rd_reviewer_session_get_state (session ()) == RD_REVIEWER_KEY_UNLOCKED;
}

static gboolean
session_locked (gpointer data)
{
  return rd_reviewer_session_get_state (session ()) == RD_REVIEWER_KEY_LOCKED;
}

static void
answer_prompt (const char *passphrase,
               const char *expected_text)
{
  AdwMessageDialog *prompt = rd_test_gui_wait_for_message_dialog ();
  GtkWidget *entry = rd_test_gui_find_named (GTK_WIDGET (prompt), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);

  g_assert_cmpstr (adw_message_dialog_get_heading (prompt), ==, "Unlock Your Reviewer Key");
  if (expected_text != NULL)
    g_assert_nonnull (strstr (adw_message_dialog_get_body (prompt), expected_text));
  g_assert_nonnull (entry);
  g_assert_false (adw_message_dialog_get_response_enabled (prompt, "unlock"));
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  if (expected_text != NULL && strstr (expected_text, "does not open") != NULL)
    rd_test_gui_screenshot (GTK_WIDGET (prompt), "key-unlock-again");
  rd_test_gui_respond (prompt, "unlock");
}

static void
test_setup_dialog (Fixture       *f,
                   gconstpointer  data)
{
  const char *passphrase = "correct horse battery";
  g_autofree char *trust_path = NULL;
  g_autoptr(RdReviewerProfile) profile = NULL;
  g_autoptr(RdTrust) trust = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  const RdCertificate *certificate;
  RdKeySetupDialog *dialog;
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *cf;
  RdSummaryPage *summary;
  GtkWidget *preferences;
  GStatBuf st;

  /* A workstation with nothing set up, and no keyring whatever this machine has. */
  g_unsetenv ("REVIEWDESK_TRUST_FILE");
  trust_path = rd_trust_default_path ();
  g_assert_true (g_str_has_prefix (trust_path, g_get_user_config_dir ()));
  g_assert_false (g_file_test (trust_path, G_FILE_TEST_EXISTS));
  set_preferences ("Ana Ruiz", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_reviewer_session_set_identity (session (), NULL, NULL, NULL);
  rd_reviewer_session_set_keyring_available (session (), FALSE);
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);
  g_assert_null (rd_case_file_get_signer_certificate (cf));

  /* From the summary's button, as the nurse finds it. */
  summary = show_summary (page);
  g_assert_nonnull (rd_summary_page_get_signing_help (summary));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.setup-reviewer-key", NULL));
  g_assert_true (rd_test_gui_wait_for (setup_dialog_shown, NULL, 60000));
  dialog = setup_dialog ();
  g_assert_cmpstr (rd_key_setup_dialog_get_page (dialog), ==, "form");
  /* The name comes from Preferences; an organisation and a passphrase are missing. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_test_gui_find_named (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                                                 "name"))), ==, "Ana Ruiz");
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (dialog), "setup.run"));
  type_into (GTK_WIDGET (dialog), "organisation", "Example Health Plan");
  type_into (GTK_WIDGET (dialog), "passphrase", passphrase);
  type_into (GTK_WIDGET (dialog), "passphrase-again", "correct horse battery staple");
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (dialog), "setup.run"));
  g_assert_nonnull (strstr (rd_key_setup_dialog_get_problem (dialog), "differ"));
  type_into (GTK_WIDGET (dialog), "passphrase-again", passphrase);
  g_assert_null (rd_key_setup_dialog_get_problem (dialog));
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (dialog), "setup.run"));
  rd_test_gui_screenshot (GTK_WIDGET (dialog), "key-setup");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.run", NULL));
  g_assert_true (rd_test_gui_wait_for (setup_finished, dialog, 120000));
  g_assert_cmpstr (rd_key_setup_dialog_get_problem (dialog), ==, NULL);
  g_assert_cmpstr (rd_key_setup_dialog_get_page (dialog), ==, "done");
  rd_test_gui_screenshot (GTK_WIDGET (dialog), "key-setup-done");

  /* A profile, a trust file and a key sealed in a 0600 file. */
  profile = rd_reviewer_profile_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpstr (profile->name, ==, "Ana Ruiz");
  g_assert_cmpint (profile->key_store, ==, RD_KEY_STORE_FILE);
  g_assert_cmpint (g_stat (profile->key_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  trust = rd_trust_load (trust_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_trust_get_organisation_name (trust), ==, "Example Health Plan");
  fingerprint = rd_public_key_fingerprint (profile->public_key);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (rd_test_gui_find_named (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                                                           "fingerprint"))), ==, fingerprint);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The key signs at once: the nurse sends the case on, signed. */
  g_assert_true (session_unlocked (NULL));
  certificate = rd_case_file_get_signer_certificate (cf);
  g_assert_nonnull (certificate);
  g_assert_cmpstr (certificate->name, ==, "Ana Ruiz");
  g_assert_cmpstr (certificate->public_key, ==, profile->public_key);
  g_assert_null (rd_summary_page_get_signing_help (summary));
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.send-to-director"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (summary), "summary.send-to-director", NULL));
  rd_test_gui_respond (rd_test_gui_wait_for_message_dialog (), "confirm");
  g_assert_cmpint (rd_case_file_get_status (cf), ==, RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR);
  {
    g_autoptr(RdCaseVerifyResult) verified = rd_case_file_verify (cf, &error);

    g_assert_no_error (error);
    /* The nurse who scored the case in the fixture was certified by the test
     * organisation, which this workstation does not trust; Ana's signatures
     * hold against the trust file the dialog wrote. */
    g_assert_true (verified->signature_problem == NULL || strstr (verified->signature_problem, "Ana Ruiz") == NULL);
    g_assert_null (verified->trust_problem);
    g_assert_cmpuint (verified->signatures, >, 0);
    g_assert_nonnull (strstr (verified->signers, "Ana Ruiz"));
  }

  /* Preferences shows who the certificate says, read-only. */
  preferences = rd_preferences_window_new (GTK_WINDOW (window), rd_application_get_settings (rd_test_gui_application ()),
                                           session ());
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_gui_spin ();
  g_assert_cmpstr (row_subtitle (preferences, "Name"), ==, "Ana Ruiz");
  g_assert_cmpstr (row_subtitle (preferences, "Role"), ==, "Nurse reviewer");
  g_assert_cmpstr (row_subtitle (preferences, "Organisation"), ==, "Example Health Plan");
  g_assert_cmpstr (row_subtitle (preferences, "Key fingerprint"), ==, fingerprint);
  g_assert_nonnull (row_subtitle (preferences, "Certified until"));
  rd_test_gui_screenshot (GTK_WIDGET (preferences), "preferences-certified");
  gtk_window_destroy (GTK_WINDOW (preferences));
  close_window (window);

  /* ReviewDesk started again: the key is locked until its passphrase is
   * typed, asked for when a case is opened; a wrong one asks again. */
  rd_reviewer_session_load (session ());
  g_assert_true (rd_test_gui_wait_for (session_locked, NULL, 60000));
  page = rd_test_gui_open_case (f->path, &window);
  answer_prompt ("not the passphrase", "signed with your reviewer key");
  answer_prompt (passphrase, "does not open your key");
  g_assert_true (rd_test_gui_wait_for (session_unlocked, NULL, 60000));
  rd_test_gui_spin ();
  certificate = rd_case_file_get_signer_certificate (rd_case_page_get_case_file (page));
  g_assert_nonnull (certificate);
  g_assert_cmpstr (certificate->public_key, ==, profile->public_key);
  close_window (window);
  rd_reviewer_session_set_identity (session (), NULL, NULL, NULL);
}

/* An organisation that exists already: its administrator chooses the
 * administrator key (offered where setup keeps it) and types its
 * passphrase; the nurse's key is sealed with the nurse's own passphrase,
 * never the administrator's. */
static void
test_setup_existing_organisation (void)
{
  const char *admin_passphrase = "administrator passphrase";
  const char *own_passphrase = "nurse passphrase 2";
  g_autoptr(RdSigningKey) admin_key = rd_signing_key_generate ();
  g_autoptr(RdTrust) trust = rd_trust_new ("Example Health Plan", admin_key);
  g_autofree char *trust_path = NULL;
  g_autofree char *admin_path = g_build_filename (g_get_user_config_dir (), "reviewdesk", "admin.key", NULL);
  g_autoptr(RdReviewerProfile) profile = NULL;
  g_autoptr(RdTrust) saved = NULL;
  g_autoptr(RdSigningKey) key = NULL;
  g_autoptr(RdCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  RdKeySetupDialog *dialog;
  RdWindow *window;

  g_unsetenv ("REVIEWDESK_TRUST_FILE");
  trust_path = rd_trust_default_path ();
  {
    g_autofree char *folder = g_path_get_dirname (trust_path);
    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  }
  g_assert_true (rd_trust_save (trust, trust_path, &error));
  g_assert_true (rd_signing_key_save_file (admin_key, admin_path, admin_passphrase, &error));
  g_assert_no_error (error);
  rd_reviewer_session_set_identity (session (), trust, NULL, NULL);
  rd_reviewer_session_set_keyring_available (session (), FALSE);
  set_preferences ("", "", RD_ROLE_NURSE_REVIEWER);

  window = rd_window_new (rd_test_gui_application ());
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.setup-reviewer-key", NULL));
  g_assert_true (rd_test_gui_wait_for (setup_dialog_shown, NULL, 60000));
  dialog = setup_dialog ();
  g_assert_false (gtk_widget_get_visible (rd_test_gui_find_named (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                                  "organisation")));
  type_into (GTK_WIDGET (dialog), "name", "Lee Park");
  type_into (GTK_WIDGET (dialog), "credentials", "RN, CCM");
  type_into (GTK_WIDGET (dialog), "passphrase", own_passphrase);
  type_into (GTK_WIDGET (dialog), "passphrase-again", own_passphrase);
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (dialog), "setup.run"));  /* no administrator passphrase */
  type_into (GTK_WIDGET (dialog), "admin-passphrase", admin_passphrase);
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (dialog), "setup.run"));
  rd_test_gui_screenshot (GTK_WIDGET (dialog), "key-setup-existing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.run", NULL));
  g_assert_true (rd_test_gui_wait_for (setup_finished, dialog, 120000));
  g_assert_cmpstr (rd_key_setup_dialog_get_problem (dialog), ==, NULL);
  g_assert_cmpstr (rd_key_setup_dialog_get_page (dialog), ==, "done");
  gtk_window_destroy (GTK_WINDOW (dialog));

  profile = rd_reviewer_profile_load (&error);
  g_assert_no_error (error);
  g_assert_cmpint (profile->key_store, ==, RD_KEY_STORE_FILE);
  g_assert_null (rd_reviewer_profile_unlock (profile, admin_passphrase, NULL));
  key = rd_reviewer_profile_unlock (profile, own_passphrase, &error);
  g_assert_no_error (error);
  saved = rd_trust_load (trust_path, &error);
  g_assert_no_error (error);
  certificate = rd_trust_find_certificate (saved, rd_signing_key_get_public_key (key));
  g_assert_nonnull (certificate);
  g_assert_cmpstr (certificate->name, ==, "Lee Park");
  g_assert_cmpstr (certificate->credentials, ==, "RN, CCM");
  g_assert_true (session_unlocked (NULL));
  close_window (window);
  rd_reviewer_session_set_identity (session (), NULL, NULL, NULL);
}

/* ---- (d) a revoked key ---- */

static void
test_revoked_key (Fixture       *f,
                  gconstpointer  data)
{
  RdSigningKey *key = rd_test_reviewer_key ("Sam Revoked", "RN", RD_ROLE_NURSE_REVIEWER);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *cf;
  RdSummaryPage *summary;
  g_autoptr(GPtrArray) decisions = NULL;
  const char *help;

  g_assert_true (rd_trust_revoke (rd_test_trust (), rd_test_admin_key (), rd_signing_key_get_public_key (key),
                                  "left the organisation", now, &error));
  g_assert_no_error (error);
  set_preferences ("Sam Revoked", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_reviewer_session_set_identity (session (), rd_test_trust (), NULL, key);
  page = rd_test_gui_open_case (f->path, &window);
  cf = rd_case_page_get_case_file (page);

  /* Said in the core's words (a toast, and the summary's explanation, which
   * stays: a toast may be gone already on a slow machine), and the window
   * carries on unsigned. */
  g_assert_null (rd_case_file_get_signer_certificate (cf));
  summary = show_summary (page);
  help = rd_summary_page_get_signing_help (summary);
  g_assert_nonnull (help);
  g_assert_nonnull (strstr (help, "revoked"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.send-to-director"));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.pend"));
  g_assert_cmpuint (rd_case_file_record_decision (cf, RD_DECISION_SEND_TO_DIRECTOR, NULL, FALSE, "Try.", &error),
                    ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  decisions = rd_case_file_list_decisions (cf, NULL);
  g_assert_cmpuint (decisions->len, ==, 0);
  close_window (window);
  rd_reviewer_session_set_identity (session (), NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add ("/reviewer-key/typed-director-is-not-one", Fixture, NULL, fixture_set_up_sent,
              test_typed_director_is_not_one, fixture_tear_down);
  g_test_add ("/reviewer-key/nurse-without-key", Fixture, NULL, fixture_set_up_scored, test_nurse_without_key,
              fixture_tear_down);
  g_test_add ("/reviewer-key/setup-dialog", Fixture, NULL, fixture_set_up_scored, test_setup_dialog,
              fixture_tear_down);
  g_test_add_func ("/reviewer-key/setup-existing-organisation", test_setup_existing_organisation);
  g_test_add ("/reviewer-key/revoked", Fixture, NULL, fixture_set_up_scored, test_revoked_key, fixture_tear_down);
  return g_test_run ();
}
