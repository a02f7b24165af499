/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-case-page.h"
#include "rd-criterion-row.h"
#include "rd-pdf-text.h"
#include "rd-start-page.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"
#include "rd-test-gui.h"
#include "rd-test-scan.h"
#include "rd-window.h"

static RdWindow *
new_window (void)
{
  RdWindow *window = rd_window_new (rd_test_gui_application ());
  gtk_window_present (GTK_WINDOW (window));
  rd_test_gui_spin ();
  return window;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (action_name == NULL ||
           g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0))
        return child;
      if ((found = find_descendant (child, type, action_name)))
        return found;
    }
  return NULL;
}

static void
test_window_start_page (void)
{
  RdWindow *window = new_window ();
  GtkWidget *new_button, *open_button;

  g_assert_cmpstr (rd_window_get_visible_page_name (window), ==, "start");

  new_button = find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "win.new-case");
  open_button = find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "win.open-case");
  g_assert_nonnull (new_button);
  g_assert_nonnull (open_button);
  g_assert_true (gtk_widget_get_sensitive (new_button));
  g_assert_true (gtk_widget_is_visible (open_button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_accelerators (void)
{
  GtkApplication *app = GTK_APPLICATION (rd_test_gui_application ());
  const struct { const char *action, *accel; } expected[] = {
    { "win.new-case", "<Control>n" },
    { "win.open-case", "<Control>o" },
    { "window.close", "<Control>w" },
    { "app.quit", "<Control>q" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, expected[i].action);
      g_test_message ("%s", expected[i].action);
      g_assert_nonnull (accels);
      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
    }
}

static gboolean
about_window_shown (gpointer data)
{
  return rd_test_gui_find_window (ADW_TYPE_ABOUT_WINDOW) != NULL;
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0 &&
         gtk_widget_is_drawable (child)) || has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
shortcuts_window_shown (gpointer data)
{
  return rd_test_gui_find_window (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
}

static void
test_window_about_and_shortcuts (void)
{
  RdWindow *window = new_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));
  g_assert_true (rd_test_gui_wait_for (about_window_shown, NULL, 2000));
  gtk_window_destroy (rd_test_gui_find_window (ADW_TYPE_ABOUT_WINDOW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (rd_test_gui_wait_for (shortcuts_window_shown, NULL, 2000));
  rd_test_gui_spin ();
  rd_test_gui_screenshot (GTK_WIDGET (rd_test_gui_find_window (GTK_TYPE_SHORTCUTS_WINDOW)), "shortcuts");
  /* The page list's keys are listed with the records' shortcuts. */
  g_assert_true (has_label (GTK_WIDGET (rd_test_gui_find_window (GTK_TYPE_SHORTCUTS_WINDOW)), "First or last page"));
  gtk_window_destroy (rd_test_gui_find_window (GTK_TYPE_SHORTCUTS_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_remembered (void)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());
  RdWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 1111);
  g_settings_set_int (settings, "window-height", 777);
  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1111);
  g_assert_cmpint (height, ==, 777);

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 768);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_close_action (void)
{
  RdWindow *window = new_window ();
  g_autoptr(GtkWidget) guard = g_object_ref (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  rd_test_gui_spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
}

/* An example that cannot be read leaves the window where it was and says why. */
static void
test_window_open_example_missing (void)
{
  RdWindow *window = new_window ();
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-example.xml", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", missing));
  g_assert_cmpstr (rd_window_get_visible_page_name (window), ==, "loading");
  while (g_strcmp0 (rd_window_get_visible_page_name (window), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (rd_window_get_visible_page_name (window), ==, "start");
  g_assert_null (rd_window_get_case_page (window));

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

static void
collect_toasts (GtkWidget *root,
                GPtrArray *toasts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (gtk_widget_get_css_name (child), "toast") && gtk_widget_get_mapped (child))
        g_ptr_array_add (toasts, child);
      collect_toasts (child, toasts);
    }
}

static const char *
toast_text (GtkWidget *toast)
{
  GtkWidget *label = rd_test_gui_find_named (toast, GTK_TYPE_LABEL, NULL);
  return label ? gtk_label_get_label (GTK_LABEL (label)) : "";
}


typedef struct {
  GtkWidget *window;
  GPtrArray *toasts;  /* the toasts on screen when one was first seen */
} ToastWatch;

/* Toasts time out, so a slow machine must look at once: @data's toasts hold
 * what is on screen the moment the first one shows. */
static gboolean
toast_shown (gpointer data)
{
  ToastWatch *watch = data;

  g_ptr_array_set_size (watch->toasts, 0);
  collect_toasts (watch->window, watch->toasts);
  return watch->toasts->len > 0;
}

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

/* Messages from the window, the case and the records queue in one place: one
 * toast shows at a time, and a problem goes before the standing request to
 * set a name. */
static void
test_window_one_toast_at_a_time (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "sealed.rdcase", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) toasts = g_ptr_array_new ();
  ToastWatch watch;
  RdWindow *window;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) policies = rd_policy_load_directory (NULL, &error);
    g_autoptr(RdCaseFile) cf = NULL;

    g_assert_no_error (error);
    cf = rd_test_case_new_spasticity (path, rd_policy_find_in (policies, "anthem-cg-surg-79"), RD_SCORE_MET);
    rd_test_sign_as (cf, "Dr Test Director", "MD", RD_ROLE_MEDICAL_DIRECTOR);
    g_assert_cmpint (rd_case_file_record_decision (cf, RD_DECISION_FINAL, "medically-necessary", FALSE,
                                                   "Criteria met.", &error), >, 0);
    g_assert_true (rd_case_file_seal (cf, &error));
    rd_case_file_close (cf);
  }

  g_settings_set_string (rd_application_get_settings (rd_test_gui_application ()), "reviewer-name", "");
  window = new_window ();
  rd_window_open_case (window, file);
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 60000));
  watch.window = GTK_WIDGET (window);
  watch.toasts = toasts;
  g_assert_true (rd_test_gui_wait_for (toast_shown, &watch, 60000));
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_nonnull (strstr (toast_text (g_ptr_array_index (toasts, 0)), "sealed"));
  /* The header says so for as long as the case is shown. */
  g_assert_true (has_label (GTK_WIDGET (window), "Sealed"));
  g_assert_false (has_label (GTK_WIDGET (window), "Saved"));

  /* Nothing in it looks editable. */
  {
    RdCasePage *page = rd_window_get_case_page (window);
    const char *criteria = "criteria:anthem-cg-surg-79:spasticity";
    GtkWidget *entry_row, *criterion_row;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "intake"));
    entry_row = rd_test_gui_find_named (rd_case_page_get_step_page (page, "intake"), ADW_TYPE_ENTRY_ROW, NULL);
    g_assert_nonnull (entry_row);
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry_row)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", criteria));
    criterion_row = rd_test_gui_find_named (rd_case_page_get_step_page (page, criteria), RD_TYPE_CRITERION_ROW, NULL);
    g_assert_nonnull (criterion_row);
    g_assert_false (gtk_widget_is_sensitive (rd_test_gui_find_named (criterion_row, GTK_TYPE_TOGGLE_BUTTON, NULL)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
  rd_test_remove_dir (dir);
}

/* One bad file in the policy folder is named in a toast and left out; the case
 * is still reviewed under the policies that load. */
static void
test_window_bad_policy_skipped (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *policy_dir = g_build_filename (dir, "policies", NULL);
  g_autofree char *path = g_build_filename (dir, "skipped.rdcase", NULL);
  g_autofree char *shipped = g_strdup (g_getenv ("REVIEWDESK_POLICY_DIR"));
  g_autoptr(GPtrArray) toasts = g_ptr_array_new ();
  ToastWatch watch = { NULL, toasts };
  RdWindow *window;

  /* A copy of one shipped policy and a broken file, and a case under the copy. */
  {
    g_autoptr(RdCaseFile) cf = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) policies = rd_policy_load_directory (shipped, &error);
    RdPolicy *anthem = rd_policy_find_in (policies, "anthem-cg-surg-79");
    g_autofree char *copy = g_build_filename (policy_dir, "anthem-cg-surg-79.xml", NULL);
    g_autofree char *broken = g_build_filename (policy_dir, "broken.xml", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_no_error (error);
    g_assert_cmpint (g_mkdir_with_parents (policy_dir, 0700), ==, 0);
    g_assert_true (g_file_get_contents (rd_policy_get_filename (anthem), &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, length, NULL));
    g_assert_true (g_file_set_contents (broken, "<policy/>", -1, NULL));
    cf = rd_test_case_new_spasticity (path, anthem, RD_SCORE_MET);
    rd_case_file_close (cf);
  }

  g_setenv ("REVIEWDESK_POLICY_DIR", policy_dir, TRUE);
  g_settings_set_string (rd_application_get_settings (rd_test_gui_application ()), "reviewer-name", "Dr Test");
  window = new_window ();
  watch.window = GTK_WIDGET (window);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    rd_window_open_case (window, file);
  }
  g_assert_true (rd_test_gui_wait_for (toast_shown, &watch, 60000));
  g_assert_nonnull (strstr (toast_text (g_ptr_array_index (toasts, 0)), "broken.xml"));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 60000));

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
  if (shipped != NULL)
    g_setenv ("REVIEWDESK_POLICY_DIR", shipped, TRUE);
  else
    g_unsetenv ("REVIEWDESK_POLICY_DIR");
  rd_test_remove_dir (dir);
}

static gboolean
scan_searchable (gpointer data)
{
  g_autoptr(GPtrArray) hits = rd_case_file_search (data, "intrathecal", 0, NULL);

  return hits != NULL && hits->len == 1 && ((RdCaseSearchHit *) g_ptr_array_index (hits, 0))->recognised;
}

static gboolean
nothing_to_recognise (gpointer data)
{
  g_autoptr(GArray) pages = rd_case_file_list_pages_to_recognise (data, NULL);

  return pages != NULL && pages->len == 0;
}

/* A faxed record attached before recognition existed is read in the
 * background once the case is opened for writing, and then found by search. */
static void
test_window_recognises_scans (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "fax.rdcase", NULL);
  RdCaseFile *case_file;
  RdWindow *window;

  {
    g_autoptr(RdCaseFile) cf = rd_test_case_new (path);
    g_autoptr(GBytes) pdf = rd_test_scan_pdf_new ();
    g_autoptr(RdPdfText) text = rd_pdf_text_extract (pdf, "fax.pdf", NULL, NULL);
    g_autofree gboolean *kinds = rd_pdf_text_page_kinds (text);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (rd_case_file_attach_record (cf, pdf, "fax.pdf", text->n_pages,
                                                 (const char * const *) text->texts, kinds, NULL, NULL, &error),
                     >, 0);
    g_assert_no_error (error);
    rd_case_file_close (cf);
  }

  rd_test_gui_sign_as ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  case_file = rd_case_page_get_case_file (rd_test_gui_open_case (path, &window));
  g_assert_true (rd_test_gui_wait_for (scan_searchable, case_file, 60000));
  g_assert_true (rd_test_gui_wait_for (nothing_to_recognise, case_file, 60000));
  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
  rd_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add_func ("/window/start-page", test_window_start_page);
  g_test_add_func ("/window/accelerators", test_window_accelerators);
  g_test_add_func ("/window/about-and-shortcuts", test_window_about_and_shortcuts);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/window/close-action", test_window_close_action);
  g_test_add_func ("/window/open-example-missing", test_window_open_example_missing);
  g_test_add_func ("/window/one-toast-at-a-time", test_window_one_toast_at_a_time);
  g_test_add_func ("/window/bad-policy-skipped", test_window_bad_policy_skipped);
  g_test_add_func ("/window/recognises-scans", test_window_recognises_scans);

  return g_test_run ();
}
