/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rd-audit-item.h"
#include "rd-audit-page.h"
#include "rd-case-page.h"
#include "rd-criteria-page.h"
#include "rd-example.h"
#include "rd-intake-page.h"
#include "rd-step-list.h"
#include "rd-test-case.h"
#include "rd-test-gui.h"
#include "rd-window.h"

/* The Audit Log page: the entries of a case after scores made through the
 * criteria page's rows, narrowed by the action filter, the person filter and
 * the search, the check saying the chain is intact (or naming a score changed
 * behind ReviewDesk's back), refreshed as the case changes, and smooth with
 * 20,000 entries. */

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

static gboolean
page_settled (gpointer page)
{
  return !rd_audit_page_get_busy (page);
}

static void
wait_settled (RdAuditPage *page)
{
  g_assert_true (rd_test_gui_wait_for (page_settled, page, 120000));
}

/* Chooses the drop-down's item that starts with @prefix. */
static void
choose (GtkWidget  *root,
        const char *name,
        const char *prefix)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (rd_test_gui_find_named (root, GTK_TYPE_DROP_DOWN, name));
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      {
        gtk_drop_down_set_selected (drop_down, i);
        return;
      }
  g_error ("%s has no choice “%s”", name, prefix);
}

static guint
count_action (GPtrArray  *entries,
              const char *action)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (((RdAuditEntry *) entries->pdata[i])->action, action) == 0;
  return n;
}

static const RdAuditEntry *
shown_entry (RdAuditPage *page,
             guint        position)
{
  g_autoptr(RdAuditItem) item = g_list_model_get_item (rd_audit_page_get_shown (page), position);

  g_assert_nonnull (item);
  return rd_audit_item_get_entry (item);
}

typedef struct {
  RdAuditPage *page;
  guint        n;
} Count;

static gboolean
has_entries (gpointer data)
{
  Count *c = data;
  return rd_audit_page_get_n_entries (c->page) == c->n && !rd_audit_page_get_busy (c->page);
}

static gboolean
shows (gpointer data)
{
  Count *c = data;
  return g_list_model_get_n_items (rd_audit_page_get_shown (c->page)) == c->n;
}

static void
test_audit_page_review (void)
{
  g_auto(GStrv) examples = rd_example_list_bundled ();
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GError) error = NULL;
  const char *example = NULL;
  RdWindow *window;
  RdCasePage *page;
  RdCaseFile *case_file;
  RdStepList *steps;
  RdCriteriaPage *criteria_page;
  RdAuditPage *audit;
  GtkWidget *search;
  const RdAuditEntry *newest;
  const char *first_criterion;
  Count c;

  for (guint i = 0; examples[i]; i++)
    if (strstr (examples[i], "failed-back"))
      example = examples[i];
  g_assert_nonnull (example);
  g_settings_set_string (settings, "reviewer-name", "Test Nurse");
  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_NURSE_REVIEWER);
  rd_test_gui_sign_as ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  window = rd_window_new (rd_test_gui_application ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_gui_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", example));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 60000));
  page = rd_window_get_case_page (window);
  case_file = rd_case_page_get_case_file (page);
  steps = rd_case_page_get_step_list (page);
  g_assert_true (gtk_widget_activate_action (rd_case_page_get_step_page (page, "intake"), "intake.accept-proposals", NULL));

  /* Three criteria scored through their rows, the first changed again. */
  criteria_page = RD_CRITERIA_PAGE (rd_case_page_get_step_page (page, rd_step_list_get_id (steps, 1)));
  criteria = rd_policy_get_criteria (rd_criteria_page_get_policy (criteria_page),
                                     rd_criteria_page_get_indication (criteria_page));
  g_assert_cmpuint (criteria->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_row (criteria_page, ((RdNode *) criteria->pdata[i])->id)),
                                               "criterion.score", "s", "met"));
  first_criterion = ((RdNode *) criteria->pdata[0])->id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_row (criteria_page, first_criterion)),
                                             "criterion.score", "s", "not-met"));

  /* The Audit Log, aside from the steps: Ctrl+Page Down stops at the summary. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  g_assert_false (rd_step_list_move (steps, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "audit"));
  audit = RD_AUDIT_PAGE (rd_case_page_get_step_page (page, "audit"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (audit)));
  /* The wide table takes the records' side while it is shown. */
  g_assert_false (gtk_widget_get_mapped (rd_case_page_get_records_pane (page)));
  wait_settled (audit);

  entries = rd_case_file_list_audit (case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_audit_page_get_n_entries (audit), ==, entries->len);
  g_assert_cmpuint (g_list_model_get_n_items (rd_audit_page_get_shown (audit)), ==, entries->len);
  g_assert_cmpuint (count_action (entries, "score"), ==, 4);
  /* Newest first: the change of the first score, with its old and new value. */
  newest = shown_entry (audit, 0);
  g_assert_cmpstr (newest->action, ==, "score");
  g_assert_cmpstr (newest->old_value, ==, "met");
  g_assert_cmpstr (newest->new_value, ==, "not-met");
  g_assert_cmpstr (newest->who, ==, "Test Nurse");
  g_assert_cmpint (rd_audit_page_get_check (audit), ==, RD_AUDIT_CHECK_INTACT);
  g_assert_nonnull (strstr (rd_audit_page_get_check_text (audit), "Intact"));
  /* The nurse's key signed each score: the signatures check too. */
  g_assert_nonnull (strstr (rd_audit_page_get_check_text (audit), "Every signature checks"));

  /* The action filter keeps the scores alone. */
  choose (GTK_WIDGET (audit), "action-filter", "Scored criterion");
  wait_settled (audit);
  g_assert_cmpuint (g_list_model_get_n_items (rd_audit_page_get_shown (audit)), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (shown_entry (audit, i)->action, ==, "score");
  rd_test_gui_screenshot (GTK_WIDGET (window), "audit-log");

  /* The search narrows further, to the criterion changed twice. */
  search = rd_test_gui_find_named (GTK_WIDGET (audit), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), first_criterion);
  c = (Count) { audit, 2 };
  g_assert_true (rd_test_gui_wait_for (shows, &c, 10000));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  c = (Count) { audit, 4 };
  g_assert_true (rd_test_gui_wait_for (shows, &c, 10000));

  /* Someone else's changes only: nobody else made any. */
  choose (GTK_WIDGET (audit), "action-filter", "All actions");
  choose (GTK_WIDGET (audit), "person-filter", "ReviewDesk");
  wait_settled (audit);
  g_assert_cmpuint (g_list_model_get_n_items (rd_audit_page_get_shown (audit)), <, entries->len);
  g_assert_cmpstr (shown_entry (audit, 0)->who, ==, "ReviewDesk");
  choose (GTK_WIDGET (audit), "person-filter", "Everyone");
  wait_settled (audit);

  /* A change made while the page is shown appears in it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_row (criteria_page, first_criterion)),
                                             "criterion.score", "s", "met"));
  c = (Count) { audit, entries->len + 1 };
  g_assert_true (rd_test_gui_wait_for (has_entries, &c, 60000));
  g_assert_cmpstr (shown_entry (audit, 0)->new_value, ==, "met");
  g_assert_cmpint (rd_audit_page_get_check (audit), ==, RD_AUDIT_CHECK_INTACT);

  /* Tab reaches the list from the search, past the two filters; a row then
   * has the focus. */
  {
    GtkWidget *list = rd_test_gui_find_named (GTK_WIDGET (audit), GTK_TYPE_COLUMN_VIEW, "audit-entries");
    GtkWidget *focus = NULL;

    gtk_widget_grab_focus (search);
    for (guint i = 0; i < 8 && !(focus && gtk_widget_is_ancestor (focus, list)); i++)
      {
        g_assert_true (gtk_widget_child_focus (GTK_WIDGET (audit), GTK_DIR_TAB_FORWARD));
        focus = gtk_root_get_focus (GTK_ROOT (window));
      }
    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, list));
  }

  /* Leaving the log gives the records their side back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  rd_test_gui_spin ();
  g_assert_true (gtk_widget_get_mapped (rd_case_page_get_records_pane (page)));

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

/* A page alone in a window, for a case made here. */
static GtkWindow *
show_page (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1100, 700);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  return window;
}

static RdCaseFile *
new_scored_case (const char *path,
                 guint       n_changes)
{
  g_autoptr(GError) error = NULL;
  RdCaseFile *cf = rd_test_case_new (path);

  g_assert_true (rd_case_file_add_review (cf, "bsc-7.01.41", "0123456789abcdef0123456789abcdef0123456789abcdef"
                                                              "0123456789abcdef", &error));
  g_assert_no_error (error);
  g_assert_true (rd_case_file_begin_batch (cf, &error));
  for (guint i = 0; i < n_changes; i++)
    g_assert_true (rd_case_file_set_score (cf, "bsc-7.01.41", "pain-severe-intractable",
                                           i % 2 ? RD_SCORE_NOT_MET : RD_SCORE_MET, NULL, &error));
  g_assert_true (rd_case_file_end_batch (cf, TRUE, &error));
  g_assert_no_error (error);
  return cf;
}

/* A score changed with SQLite behind ReviewDesk's back: the chain holds, the
 * page says the case differs from its log and names the criterion. */
static void
test_audit_page_tampered (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  g_autofree char *path = g_build_filename (dir, "tampered.rdcase", NULL);
  g_autoptr(RdCaseFile) cf = new_scored_case (path, 3);
  sqlite3 *db = NULL;
  GtkWindow *window;
  RdAuditPage *page;

  rd_case_file_close (cf);
  g_clear_object (&cf);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE criterion_score SET score = 'not-met'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, NULL);
  g_assert_nonnull (cf);
  page = RD_AUDIT_PAGE (rd_audit_page_new (cf));
  window = show_page (GTK_WIDGET (page));
  wait_settled (page);
  g_assert_cmpuint (rd_audit_page_get_n_entries (page), >, 3);
  g_assert_cmpint (rd_audit_page_get_check (page), ==, RD_AUDIT_CHECK_DIFFERS);
  g_assert_nonnull (strstr (rd_audit_page_get_check_text (page), "pain-severe-intractable"));
  rd_test_gui_screenshot (GTK_WIDGET (window), "audit-log-differs");

  gtk_window_destroy (window);
  rd_test_gui_spin ();
  rd_case_file_close (cf);
  rd_test_remove_dir (dir);
}

/* The longest the main loop went without running, while @busy. */
typedef struct {
  gint64 last;
  gint64 longest;
  guint  ticks;
} Stall;

static gboolean
tick (gpointer data)
{
  Stall *s = data;
  gint64 now = g_get_monotonic_time ();

  s->longest = MAX (s->longest, now - s->last);
  s->ticks++;
  s->last = now;
  return G_SOURCE_CONTINUE;
}

/* Shows the log of a case of @n_changes scores; returns how long the main
 * loop went without running, at the most, while the page read and checked it. */
static gint64
show_log (const char  *dir,
          guint        n_changes,
          gboolean     search)
{
  g_autofree char *name = g_strdup_printf ("log-%u.rdcase", n_changes);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(RdCaseFile) cf = NULL;
  GtkWindow *window;
  RdAuditPage *page;
  Stall stall = { 0 };
  gint64 start, loaded;
  guint tick_id, n;

  start = g_get_monotonic_time ();
  cf = new_scored_case (path, n_changes);
  g_test_message ("%u scores written in %.1f s", n_changes, (g_get_monotonic_time () - start) / 1e6);

  page = RD_AUDIT_PAGE (rd_audit_page_new (cf));
  window = show_page (GTK_WIDGET (page));
  rd_test_gui_spin ();
  stall.last = start = g_get_monotonic_time ();
  tick_id = g_timeout_add (5, tick, &stall);
  wait_settled (page);
  loaded = g_get_monotonic_time ();
  g_source_remove (tick_id);
  n = rd_audit_page_get_n_entries (page);
  g_assert_cmpuint (n, ==, n_changes + 2);
  g_assert_cmpint (rd_audit_page_get_check (page), ==, RD_AUDIT_CHECK_INTACT);
  g_test_message ("%u entries read and checked in %.2f s; the main loop ran %u times, its longest stall %.0f ms",
                  n, (loaded - start) / 1e6, stall.ticks, stall.longest / 1e3);
  /* Whether the main loop ran on while the log was read (a read on it would
   * stop it for the whole time) is printed above, not asserted: it depends on
   * the machine's speed, which tests do not judge. */

  if (search)
    {
      GtkWidget *entry = rd_test_gui_find_named (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);

      choose (GTK_WIDGET (page), "action-filter", "Put policy under review");
      wait_settled (page);
      g_assert_cmpuint (g_list_model_get_n_items (rd_audit_page_get_shown (page)), ==, 1);
      /* Every entry back in the list: filtered between frames. */
      stall = (Stall) { g_get_monotonic_time (), 0, 0 };
      start = stall.last;
      tick_id = g_timeout_add (5, tick, &stall);
      choose (GTK_WIDGET (page), "action-filter", "All actions");
      wait_settled (page);
      g_source_remove (tick_id);
      g_assert_cmpuint (g_list_model_get_n_items (rd_audit_page_get_shown (page)), ==, n);
      g_test_message ("%u entries back in the list in %.0f ms; longest stall %.0f ms",
                      n, (g_get_monotonic_time () - start) / 1e3, stall.longest / 1e3);

      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (entry), "not-met");
      g_signal_emit_by_name (entry, "search-changed");
      wait_settled (page);
      /* Every score but the first has "not-met" as its old or its new value. */
      g_assert_cmpuint (g_list_model_get_n_items (rd_audit_page_get_shown (page)), ==, n_changes - 1);
      g_test_message ("searched %u entries in %.0f ms", n, (g_get_monotonic_time () - start) / 1e3);
      rd_test_gui_screenshot (GTK_WIDGET (window), "audit-log-many");
    }

  gtk_window_destroy (window);
  rd_test_gui_spin ();
  rd_case_file_close (cf);
  return stall.longest;
}

/* Many entries (2,000; 20,000 with -m slow): read and checked on workers,
 * added to the list a few hundred at a time and filtered between frames, so
 * that the window keeps running (show_log() asserts that the main loop ran on;
 * how long its pauses are is a figure it prints, not a bound: speed is
 * measured, not tested). */
static void
test_audit_page_many (void)
{
  g_autofree char *dir = rd_test_case_dir ();
  gint64 stall = show_log (dir, g_test_slow () ? 20000 : 2000, TRUE);

  g_test_message ("longest pause of the main loop: %.0f ms", stall / 1e3);
  rd_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add_func ("/audit-page/review", test_audit_page_review);
  g_test_add_func ("/audit-page/tampered", test_audit_page_tampered);
  g_test_add_func ("/audit-page/many", test_audit_page_many);
  return g_test_run ();
}
