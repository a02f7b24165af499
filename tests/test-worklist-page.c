/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-case-page.h"
#include "rd-start-page.h"
#include "rd-test-case.h"
#include "rd-test-identity.h"
#include "rd-test-gui.h"
#include "rd-test-worklist.h"
#include "rd-window.h"
#include "rd-worklist-index.h"

/* The worklist as a nurse starts the day on it: the window's start page over
 * a case folder of synthetic cases, driven through its real widgets. */

enum { OVERDUE, DUE_SOON, WITH_DIRECTOR, NEW, DECIDED, DAMAGED, N_CASES };

static const RdTestWorklistCase cases[N_CASES] = {
  [OVERDUE] = { "overdue.rdcase", "María Pérez", "SYN000101", 100, RD_URGENCY_EXPEDITED,
                RD_WORKLIST_STATUS_IN_REVIEW, "Test Nurse", "Spasm diary for six weeks" },
  [DUE_SOON] = { "due-soon.rdcase", "Lee Chen", "SYN000103", 60, RD_URGENCY_EXPEDITED,
                 RD_WORKLIST_STATUS_PENDED, "Alex Rivera", NULL },
  [WITH_DIRECTOR] = { "director.rdcase", "Ana Silva", "SYN000104", 100, RD_URGENCY_STANDARD,
                      RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR, "Test Nurse", NULL },
  [NEW] = { "new.rdcase", "Sam Okafor", "SYN000102", 10, RD_URGENCY_STANDARD,
            RD_WORKLIST_STATUS_NEW, "Test Nurse", NULL },
  [DECIDED] = { "decided.rdcase", "Tom Berg", "SYN000105", 200, RD_URGENCY_STANDARD,
                RD_WORKLIST_STATUS_DECIDED, "Test Nurse", NULL },
  [DAMAGED] = { "damaged.rdcase", NULL, NULL, 0, 0, RD_WORKLIST_STATUS_UNREADABLE, NULL, NULL },
};

typedef struct {
  char        *folder;
  char        *paths[N_CASES];
  RdWindow    *window;
  RdStartPage *page;
} Fixture;

static gboolean
listed (gpointer data)
{
  Fixture *fixture = data;

  return !rd_worklist_model_is_loading (rd_start_page_get_worklist_model (fixture->page)) &&
         g_list_model_get_n_items (rd_worklist_model_get_entries (rd_start_page_get_worklist_model (fixture->page))) > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());

  g_settings_set_string (settings, "reviewer-name", "Test Nurse");
  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_NURSE_REVIEWER);
  fixture->folder = rd_worklist_default_folder ();
  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);
  for (guint i = 0; i < N_CASES; i++)
    fixture->paths[i] = rd_test_worklist_case (fixture->folder, &cases[i]);
  fixture->window = rd_window_new (rd_test_gui_application ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->page = RD_START_PAGE (rd_test_gui_find_named (GTK_WIDGET (fixture->window), RD_TYPE_START_PAGE, NULL));
  g_assert_nonnull (fixture->page);
  g_assert_true (rd_test_gui_wait_for (listed, fixture, 20000));
}

static gboolean
settled (gpointer data)
{
  return !rd_worklist_model_is_loading (data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *index = rd_worklist_index_default_path ();

  /* The worker reads the user's directories, which the next test changes:
   * it must be done first. */
  g_assert_true (rd_test_gui_wait_for (settled, rd_start_page_get_worklist_model (fixture->page), 20000));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  rd_test_gui_spin ();
  rd_test_remove_dir (fixture->folder);
  g_unlink (index);
  for (guint i = 0; i < N_CASES; i++)
    g_free (fixture->paths[i]);
  g_free (fixture->folder);
  g_settings_reset (rd_application_get_settings (rd_test_gui_application ()), "reviewer-role");
}

static const char *
shown_path (Fixture *fixture,
            guint    position)
{
  g_autoptr(RdWorklistEntry) entry = g_list_model_get_item (rd_start_page_get_worklist (fixture->page), position);

  /* The page keeps the entry. */
  return entry ? rd_worklist_entry_get_path (entry) : NULL;
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (rd_start_page_get_worklist (fixture->page));
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)))
        return found;
    }
  return NULL;
}

static void
test_worklist_page_rows (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *overdue;
  const guint order[] = { OVERDUE, DUE_SOON, WITH_DIRECTOR, NEW, DAMAGED, DECIDED };

  /* Every case, by deadline with the overdue first, decided last. */
  g_assert_cmpuint (n_shown (fixture), ==, N_CASES);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (shown_path (fixture, i), ==, fixture->paths[order[i]]);

  /* The rows say who, what in words, the state and when. */
  rd_test_gui_spin ();
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "María Pérez"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "SYN000101"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "With a medical director"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "Cannot be opened"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "Alex Rivera"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "6 of 6 cases"));
  overdue = find_label (GTK_WIDGET (fixture->page), "1 day 4 hours overdue");
  g_assert_nonnull (overdue);
  g_assert_true (gtk_widget_has_css_class (overdue, "error"));
  rd_test_gui_screenshot (GTK_WIDGET (fixture->window), "worklist");
}

static gboolean
n_shown_is (gpointer data)
{
  Fixture *fixture = ((gpointer *) data)[0];
  return n_shown (fixture) == GPOINTER_TO_UINT (((gpointer *) data)[1]);
}

static void
wait_n_shown (Fixture *fixture,
              guint    n)
{
  gpointer data[] = { fixture, GUINT_TO_POINTER (n) };

  if (!rd_test_gui_wait_for (n_shown_is, data, 10000))
    g_error ("The worklist shows %u cases, expected %u", n_shown (fixture), n);
}

static void
test_worklist_page_filters (Fixture       *fixture,
                            gconstpointer  data)
{
  const struct { const char *button; guint n; guint first; } expected[] = {
    { "Mine", 3, OVERDUE },
    { "Overdue", 1, OVERDUE },
    { "Pended", 1, DUE_SOON },
    { "With a Director", 1, WITH_DIRECTOR },
    { "Decided", 1, DECIDED },
    { "All", N_CASES, OVERDUE },
  };
  GtkWidget *search = rd_test_gui_find_named (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *button = find_button (GTK_WIDGET (fixture->page), expected[i].button);

      g_test_message ("%s", expected[i].button);
      g_assert_nonnull (button);
      /* As a click does. */
      g_signal_emit_by_name (button, "clicked");
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
      wait_n_shown (fixture, expected[i].n);
      g_assert_cmpstr (shown_path (fixture, 0), ==, fixture->paths[expected[i].first]);
      if (i == 1)
        rd_test_gui_screenshot (GTK_WIDGET (fixture->window), "worklist-overdue");
    }

  /* The search: a member's name without its accent, a note, a code. */
  gtk_editable_set_text (GTK_EDITABLE (search), "perez");
  wait_n_shown (fixture, 1);
  g_assert_cmpstr (shown_path (fixture, 0), ==, fixture->paths[OVERDUE]);
  gtk_editable_set_text (GTK_EDITABLE (search), "spasm diary");
  wait_n_shown (fixture, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "G80.1");
  wait_n_shown (fixture, N_CASES - 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "nobody by that name");
  wait_n_shown (fixture, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "No Case Matches"));
  rd_test_gui_screenshot (GTK_WIDGET (fixture->window), "worklist-no-match");
}

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

static void
test_worklist_page_keyboard (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWidget *search = rd_test_gui_find_named (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *list = rd_test_gui_find_named (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW, NULL);
  RdCasePage *page;

  /* Ctrl+F goes to the search; typing there filters. */
  g_assert_true (rd_test_gui_press (window, GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), search));
  gtk_editable_set_text (GTK_EDITABLE (search), "syn0001");
  wait_n_shown (fixture, N_CASES - 1);

  /* Down goes to the list, on its first row. The row is then opened as Enter
   * opens the focused one, through the list's own activate action: pressing
   * Down again would race the list being refilled while a slow machine still
   * reads the cases, which moves the focus back to the first row. */
  g_assert_true (rd_test_gui_press (window, GDK_KEY_Down, 0));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), list));
  {
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));
    guint position = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(RdWorklistEntry) entry = g_list_model_get_item (rows, i);
        if (g_strcmp0 (rd_worklist_entry_get_path (entry), fixture->paths[DUE_SOON]) == 0)
          position = i;
      }
    g_assert_cmpuint (position, ==, 1);  /* second by deadline */
    g_assert_true (gtk_widget_activate_action (gtk_window_get_focus (window), "list.activate-item", "u", position));
  }
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 30000));
  page = rd_window_get_case_page (fixture->window);
  g_assert_cmpstr (rd_case_file_get_path (rd_case_page_get_case_file (page)), ==, fixture->paths[DUE_SOON]);
}

static void
test_worklist_page_damaged (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *list = rd_test_gui_find_named (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW, NULL);
  g_autofree char *digest = rd_test_file_digest (fixture->paths[DAMAGED]);
  g_autofree char *after = NULL;

  /* A file that is no case opens nothing, and stays as it was. */
  g_assert_cmpstr (shown_path (fixture, 4), ==, fixture->paths[DAMAGED]);
  g_signal_emit_by_name (list, "activate", 4);
  rd_test_gui_spin ();
  g_assert_cmpstr (rd_window_get_visible_page_name (fixture->window), ==, "start");
  after = rd_test_file_digest (fixture->paths[DAMAGED]);
  g_assert_cmpstr (after, ==, digest);
}

static void
test_worklist_page_director (Fixture       *fixture,
                             gconstpointer  data)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());

  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_MEDICAL_DIRECTOR);
  rd_test_gui_spin ();
  g_assert_cmpstr (shown_path (fixture, 0), ==, fixture->paths[WITH_DIRECTOR]);
  g_assert_cmpstr (shown_path (fixture, 1), ==, fixture->paths[OVERDUE]);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page),
                                "Director’s view: cases sent to a medical director first"));
}

static gboolean
status_is (gpointer data)
{
  Fixture *fixture = ((gpointer *) data)[0];
  RdWorklistStatus status = GPOINTER_TO_UINT (((gpointer *) data)[1]);
  GListModel *all = rd_worklist_model_get_entries (rd_start_page_get_worklist_model (fixture->page));

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(RdWorklistEntry) entry = g_list_model_get_item (all, i);
      if (g_str_equal (rd_worklist_entry_get_path (entry), fixture->paths[NEW]))
        return rd_worklist_entry_get_status (entry) == status;
    }
  return FALSE;
}

static void
test_worklist_page_changed_outside (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = NULL;
  gpointer pended[] = { fixture, GUINT_TO_POINTER (RD_WORKLIST_STATUS_PENDED) };
  const RdTestWorklistCase added = { "added.rdcase", "Noor Haddad", "SYN000199", 1, RD_URGENCY_STANDARD,
                                     RD_WORKLIST_STATUS_NEW, "Test Nurse", NULL };
  g_autofree char *added_path = NULL;

  /* Another ReviewDesk pends a case and keeps it open: the change, still in
   * the case's write-ahead log, shows. */
  cf = rd_case_file_open (fixture->paths[NEW], RD_CASE_FILE_OPEN_NONE, NULL);
  g_assert_nonnull (cf);
  rd_test_sign_as (cf, "Alex Rivera", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_test_case_decide (cf, RD_DECISION_PEND, NULL, FALSE, "Asked for the trial dose report");
  g_assert_true (rd_test_gui_wait_for (status_is, pended, 10000));

  /* A case added to the folder, and one removed from it. */
  added_path = rd_test_worklist_case (fixture->folder, &added);
  wait_n_shown (fixture, N_CASES + 1);
  g_assert_cmpint (g_unlink (fixture->paths[DECIDED]), ==, 0);
  wait_n_shown (fixture, N_CASES);
}

#define add(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  add ("/worklist-page/rows", test_worklist_page_rows);
  add ("/worklist-page/filters", test_worklist_page_filters);
  add ("/worklist-page/keyboard", test_worklist_page_keyboard);
  add ("/worklist-page/damaged", test_worklist_page_damaged);
  add ("/worklist-page/director", test_worklist_page_director);
  add ("/worklist-page/changed-outside", test_worklist_page_changed_outside);

  return g_test_run ();
}
