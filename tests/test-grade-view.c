/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-criteria-page.h"
#include "rd-example-grade.h"
#include "rd-grade-view.h"
#include "rd-summary-page.h"
#include "rd-test-example.h"
#include "rd-test-gui.h"
#include "rd-window.h"

/* A trainee opens a case made from an example, answers it, gets one criterion
 * wrong through its row, and compares with the reference on the summary. */

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0 &&
         rd_case_page_get_case_file (rd_window_get_case_page (data)) != NULL;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static RdWindow *
new_window (void)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());
  RdWindow *window;

  g_settings_set_string (settings, "reviewer-name", "Test Trainee");
  g_settings_set_string (settings, "reviewer-credentials", "RN");
  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_NURSE_REVIEWER);
  rd_test_gui_sign_as ("Test Trainee", "RN", RD_ROLE_NURSE_REVIEWER);
  window = rd_window_new (rd_test_gui_application ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_gui_spin ();
  return window;
}

/* Every label the view shows, one per line, in order. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_REVEALER (widget) && !gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GTK_IS_LIST_BOX_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static char *
make_case (const char *example_path,
           const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cases", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (rd_example_instantiate (example_path, path, &error));
  g_assert_no_error (error);
  return path;
}

static RdCasePage *
open_case (RdWindow   *window,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rd_window_open_case (window, file);
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 20000));
  return rd_window_get_case_page (window);
}

static RdGradeView *
grade_view_of (RdCasePage *page)
{
  GtkWidget *summary;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  summary = rd_case_page_get_step_page (page, "summary");
  g_assert_nonnull (summary);
  return RD_GRADE_VIEW (rd_test_gui_find_named (summary, RD_TYPE_GRADE_VIEW, NULL));
}

/* The first criterion the key scores, of its first governing policy. */
static const RdExampleKey *
first_scored (RdExample   *example,
              GPtrArray   *policies,
              const char **indication_id,
              const char **criterion_id)
{
  GPtrArray *keys = rd_example_get_keys (example);

  for (guint k = 0; k < keys->len; k++)
    {
      const RdExampleKey *key = keys->pdata[k];
      RdPolicy *policy = rd_policy_find_in (policies, key->policy_id);

      for (guint i = 0; key->governs && i < key->indications->len; i++)
        {
          const RdExampleIndicationKey *ikey = key->indications->pdata[i];
          g_autoptr(GPtrArray) criteria = rd_policy_get_criteria (policy, rd_policy_find_indication (policy, ikey->indication_id));

          *indication_id = ikey->indication_id;
          *criterion_id = ((const RdNode *) criteria->pdata[0])->id;
          return key;
        }
    }
  g_assert_not_reached ();
}

static void
test_grade_view_example (void)
{
  g_auto(GStrv) examples = rd_example_list_bundled ();
  g_autofree char *case_path = make_case (examples[0], "trainee.rdcase");
  g_autoptr(GError) error = NULL;
  g_autoptr(RdExample) example = rd_example_load (examples[0], &error);
  g_autoptr(GPtrArray) policies = rd_policy_load_directory (NULL, &error);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *step = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *wrong_line = NULL;
  g_autofree char *note_line = NULL;
  RdWindow *window = new_window ();
  RdCasePage *page;
  RdCaseFile *case_file;
  RdGradeView *view;
  RdCriteriaPage *criteria;
  const RdExampleKey *key;
  const RdExampleGrade *grade;
  const RdGradeItem *item;
  const char *indication_id, *criterion_id;
  GPtrArray *keys;

  g_assert_no_error (error);
  page = open_case (window, case_path);
  case_file = rd_case_page_get_case_file (page);

  /* The trainee confirms the proposed indications and answers as the key does... */
  g_assert_true (gtk_widget_activate_action (rd_case_page_get_step_page (page, "intake"),
                                             "intake.accept-proposals", NULL));
  keys = rd_example_get_keys (example);
  for (guint k = 0; k < keys->len; k++)
    {
      const RdExampleKey *each = keys->pdata[k];
      rd_test_answer_like_key (case_file, rd_policy_find_in (policies, each->policy_id), each, FALSE);
    }

  /* ...except one criterion, scored not met on its row. */
  key = first_scored (example, policies, &indication_id, &criterion_id);
  step = g_strdup_printf ("criteria:%s:%s", key->policy_id, indication_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", step));
  criteria = RD_CRITERIA_PAGE (rd_case_page_get_step_page (page, step));
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (key->scores, criterion_id)), ==, RD_SCORE_MET);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_row (criteria, criterion_id)),
                                             "criterion.score", "s", "not-met"));

  view = grade_view_of (page);
  g_assert_nonnull (view);
  g_assert_true (rd_test_gui_wait_for (widget_visible, view, 20000));
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (view), "grade.compare"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "grade.compare", NULL));
  rd_test_gui_spin ();
  rd_test_gui_screenshot (GTK_WIDGET (window), "grade-view");

  grade = rd_grade_view_get_grade (view);
  g_assert_nonnull (grade);
  g_assert_cmpuint (grade->n_total, >, 10);
  g_assert_cmpuint (grade->n_agree, ==, grade->n_total - 1);
  item = rd_grade_policy_find_item (rd_example_grade_find_policy (grade, key->policy_id),
                                    RD_GRADE_ITEM_CRITERION, criterion_id);
  g_assert_false (item->agrees);

  /* What the trainee reads: the totals, the one disagreement and its note. */
  collect_labels (GTK_WIDGET (view), shown);
  totals = g_strdup_printf ("%u of %u answers agree with the reference. ", grade->n_agree, grade->n_total);
  wrong_line = g_strdup_printf ("Criterion: %s\nReference: Met — given: Not met\n", item->text);
  note_line = g_strdup_printf ("Teaching note: %s\n", (const char *) g_hash_table_lookup (key->teaching, criterion_id));
  g_test_message ("%s", shown->str);
  g_assert_nonnull (strstr (shown->str, totals));
  g_assert_nonnull (strstr (shown->str, wrong_line));
  g_assert_nonnull (strstr (shown->str, note_line));
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), ==, 1);

  /* Put right, the comparison follows at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_row (criteria, criterion_id)),
                                             "criterion.score", "s", "met"));
  rd_test_gui_spin ();
  grade = rd_grade_view_get_grade (view);
  g_assert_cmpuint (grade->n_agree, ==, grade->n_total);
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* A case of the reviewer's own has no reference: nothing is offered. */
static void
test_grade_view_own_case (void)
{
  RdWindow *window = new_window ();
  RdGradeView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 20000));
  view = grade_view_of (rd_window_get_case_page (window));
  g_assert_nonnull (view);
  /* Give the worker time to look at the (absent) records. */
  rd_test_gui_wait_for (never, NULL, 1000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_null (rd_grade_view_get_example (view));
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (view), "grade.compare"));

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add_func ("/grade-view/example", test_grade_view_example);
  g_test_add_func ("/grade-view/own-case", test_grade_view_own_case);

  return g_test_run ();
}
