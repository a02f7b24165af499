/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-case-page.h"
#include "rd-choice-group.h"
#include "rd-condition-row.h"
#include "rd-criteria-page.h"
#include "rd-criterion-row.h"
#include "rd-doc-item-row.h"
#include "rd-example.h"
#include "rd-step-list.h"
#include "rd-summary-page.h"
#include "rd-test-gui.h"
#include "rd-window.h"

/* A reviewer takes each bundled example from the start page to its decision
 * with the keyboard alone: Tab and Shift+Tab to move, Left and Right inside a
 * choice, Space to choose or press, Ctrl+Page Down / Up between steps, Enter
 * in the confirmation. Keys go through the shortcuts the widgets really have
 * (GTK's focus bindings, the buttons' activation keys, the case page's step
 * shortcuts), in the order GTK offers a key press to them. */

/* ---- moving the focus ------------------------------------------------------- */

static const char *
action_of (GtkWidget *widget)
{
  return widget && GTK_IS_ACTIONABLE (widget) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : NULL;
}

/* The focus ring shows on @widget: it has the window's focus and is on
 * screen. (GTK draws the ring once a key is pressed; press() sets that as GTK
 * does. Whether the window itself is active depends on the other windows of
 * the test display, so that is not asked.) */
static void
assert_shows_focus (GtkWindow *window,
                    GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  if (focus != widget || !gtk_widget_is_drawable (widget))
    g_error ("The focus is on %s%s, expected on %s, which is %s",
             focus ? G_OBJECT_TYPE_NAME (focus) : "nothing",
             focus && !gtk_widget_is_drawable (focus) ? " (not on screen)" : "",
             G_OBJECT_TYPE_NAME (widget),
             gtk_widget_is_drawable (widget) ? "on screen" : "not on screen");
}

static GtkWidget *
focus_of (GtkWindow *window)
{
  return gtk_window_get_focus (window);
}

static gboolean
toggle_active (gpointer data)
{
  return gtk_toggle_button_get_active (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Space on a button: GTK shows it pressed for a moment (a quarter second),
 * then clicks it. Waits for @done, or for that moment to pass. */
static void
press_space_until (GtkWindow *window,
                   gboolean (*done) (gpointer data),
                   gpointer   data)
{
  g_assert_true (rd_test_gui_press (window, GDK_KEY_space, 0));
  rd_test_gui_wait_for (done, data, 400);
  rd_test_gui_spin ();
}

static void
press_space (GtkWindow *window)
{
  press_space_until (window, never, NULL);
}

static void
tab (GtkWindow *window)
{
  GtkWidget *focus;

  g_assert_true (rd_test_gui_press (window, GDK_KEY_Tab, 0));
  focus = gtk_window_get_focus (window);
  /* RD_TRACE_FOCUS=1 prints where each Tab lands, to see a focus trap. */
  if (g_getenv ("RD_TRACE_FOCUS") && focus)
    {
      g_printerr ("%s %p %s:", G_OBJECT_TYPE_NAME (focus), (void *) focus, action_of (focus));
      for (GtkWidget *w = gtk_widget_get_parent (focus); w; w = gtk_widget_get_parent (w))
        g_printerr (" %s", G_OBJECT_TYPE_NAME (w));
      g_printerr ("\n");
    }
}

/* Tabs until the focus is on a widget with @action (and @target when given),
 * starting where the focus is. Every stop has visible focus, as the reviewer
 * sees it. */
static GtkWidget *
tab_to (GtkWindow  *window,
        const char *action,
        const char *target)
{
  for (guint i = 0; i < 800; i++)
    {
      GtkWidget *focus = focus_of (window);

      if (focus == NULL || (i == 0 && !gtk_window_get_focus_visible (window)))
        {
          /* Nothing focused yet (a window just shown): the first Tab enters it. */
          tab (window);
          focus = focus_of (window);
        }
      g_assert_nonnull (focus);
      assert_shows_focus (window, focus);
      if (g_strcmp0 (action_of (focus), action) == 0)
        {
          GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus));
          if (target == NULL || (value && g_str_equal (g_variant_get_string (value, NULL), target)))
            return focus;
        }
      tab (window);
    }
  g_error ("Tab never reached %s %s", action, target ? target : "");
  return NULL;
}

/* ---- what the reference key says a choice should be -------------------------- */

static const RdExampleKey *
key_for (RdExample  *example,
         const char *policy_id)
{
  return rd_example_get_key (example, policy_id);
}

/* The value the key gives the choice group @group sits in, or NULL. */
static const char *
wanted_value (RdExample *example,
              GtkWidget *group)
{
  GtkWidget *row;
  const RdExampleKey *key;
  gpointer value;

  if ((row = gtk_widget_get_ancestor (group, RD_TYPE_CRITERION_ROW)))
    {
      RdCriteriaPage *page = RD_CRITERIA_PAGE (gtk_widget_get_ancestor (row, RD_TYPE_CRITERIA_PAGE));
      key = key_for (example, rd_policy_get_id (rd_criteria_page_get_policy (page)));
      if (key && g_hash_table_lookup_extended (key->scores, rd_criterion_row_get_criterion_id (RD_CRITERION_ROW (row)), NULL, &value))
        return rd_score_to_string (GPOINTER_TO_INT (value));
    }
  else if ((row = gtk_widget_get_ancestor (group, RD_TYPE_CONDITION_ROW)))
    {
      RdCriteriaPage *page = RD_CRITERIA_PAGE (gtk_widget_get_ancestor (row, RD_TYPE_CRITERIA_PAGE));
      key = key_for (example, rd_policy_get_id (rd_criteria_page_get_policy (page)));
      if (key && g_hash_table_lookup_extended (key->conditions, rd_condition_row_get_condition (RD_CONDITION_ROW (row))->id, NULL, &value))
        return rd_score_to_string (GPOINTER_TO_INT (value));
    }
  else if ((row = gtk_widget_get_ancestor (group, RD_TYPE_DOC_ITEM_ROW)))
    {
      key = key_for (example, rd_policy_get_id (rd_doc_item_row_get_policy (RD_DOC_ITEM_ROW (row))));
      if (key)
        return g_hash_table_lookup (key->documentation, rd_doc_item_row_get_item (RD_DOC_ITEM_ROW (row))->id);
    }
  return NULL;
}

/* With the focus in a choice group: Left / Right to the wanted value, Space. */
static void
choose (GtkWindow  *window,
        GtkWidget  *group,
        const char *value)
{
  GtkWidget *button = rd_choice_group_get_button (RD_CHOICE_GROUP (group), value);
  guint keyval = GDK_KEY_Right;

  g_assert_nonnull (button);
  for (GtkWidget *w = gtk_widget_get_prev_sibling (button); w; w = gtk_widget_get_prev_sibling (w))
    if (w == focus_of (window))
      keyval = GDK_KEY_Right;
  for (GtkWidget *w = gtk_widget_get_next_sibling (button); w; w = gtk_widget_get_next_sibling (w))
    if (w == focus_of (window))
      keyval = GDK_KEY_Left;
  for (guint i = 0; i < 4 && focus_of (window) != button; i++)
    g_assert_true (rd_test_gui_press (window, keyval, 0));
  g_assert_true (focus_of (window) == button);
  assert_shows_focus (window, button);
  press_space_until (window, toggle_active, button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

static guint
count_unanswered (RdExample *example,
                  GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (RD_IS_CHOICE_GROUP (child))
        {
          const char *value = wanted_value (example, child);
          GtkWidget *button = value ? rd_choice_group_get_button (RD_CHOICE_GROUP (child), value) : NULL;
          if (button && !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
            n++;
          continue;
        }
      n += count_unanswered (example, child);
    }
  return n;
}

/* Answers a step page as the key says, moving with Tab only, in one pass
 * from the step's first control: the focus starts there when the step opens,
 * and after a score it moves on to the next criterion by itself. */
static void
answer_page (GtkWindow *window,
             RdExample *example,
             GtkWidget *page)
{
  for (guint i = 0; count_unanswered (example, page) > 0; i++)
    {
      GtkWidget *focus = focus_of (window);
      GtkWidget *group = focus ? gtk_widget_get_ancestor (focus, RD_TYPE_CHOICE_GROUP) : NULL;
      const char *value = group ? wanted_value (example, group) : NULL;

      g_assert_cmpuint (i, <, 1000);
      g_assert_nonnull (focus);
      if (!gtk_widget_is_ancestor (focus, page))
        g_test_message ("the focus left the page for a %s (%s)", G_OBJECT_TYPE_NAME (focus),
                        gtk_widget_get_name (focus));
      g_assert_true (gtk_widget_is_ancestor (focus, page));
      assert_shows_focus (window, focus);
      if (value && !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (rd_choice_group_get_button (RD_CHOICE_GROUP (group), value))))
        choose (window, group, value);
      else
        tab (window);
    }
}

/* ---- the review -------------------------------------------------------------- */

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

static gboolean
dialog_shown (gpointer data)
{
  GtkWindow *dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_window_get_focus (dialog) != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static const char *
next_step (RdCasePage *page)
{
  RdStepList *steps = rd_case_page_get_step_list (page);
  const char *selected = rd_step_list_get_selected (steps);

  /* The review's steps: Ctrl+Page Down stops before the Audit Log, which is
   * listed aside from them. */
  for (guint i = 0; rd_step_list_get_id (steps, i); i++)
    if (g_str_equal (rd_step_list_get_id (steps, i), selected))
      return g_strcmp0 (rd_step_list_get_id (steps, i + 1), "audit") != 0 ? rd_step_list_get_id (steps, i + 1) : NULL;
  return NULL;
}

static void
test_keyboard_example (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdExample) example = rd_example_load (path, &error);
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());
  GtkWindow *window;
  RdCasePage *page;
  RdStepList *steps;
  RdSummaryPage *summary;
  GtkWindow *dialog;
  const char *action;
  g_autoptr(GPtrArray) decisions = NULL;

  g_assert_no_error (error);
  g_settings_set_string (settings, "reviewer-name", "Test Nurse");
  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_NURSE_REVIEWER);
  rd_test_gui_sign_as ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  window = GTK_WINDOW (rd_window_new (rd_test_gui_application ()));
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_present (window);
  rd_test_gui_spin ();

  /* The start page: Tab to the example, Enter opens a copy of it. */
  tab_to (window, "win.open-example", path);
  g_assert_true (rd_test_gui_press (window, GDK_KEY_Return, 0));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 30000));
  page = rd_window_get_case_page (RD_WINDOW (window));
  steps = rd_case_page_get_step_list (page);
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, "intake");

  /* Intake: the request came with the example; confirm the proposed indications. */
  tab_to (window, "intake.accept-proposals", NULL);
  press_space (window);
  g_assert_cmpint (rd_step_list_get_state (steps, "intake"), ==, RD_STEP_COMPLETE);

  /* Ctrl+Page Up on the first step stays there. */
  g_assert_true (rd_test_gui_press (window, GDK_KEY_Page_Up, GDK_CONTROL_MASK));
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, "intake");

  /* Every following step, by Ctrl+Page Down, answered with Tab, arrows and Space. */
  while (next_step (page))
    {
      g_autofree char *expected = g_strdup (next_step (page));
      GtkWidget *step_page;

      g_assert_true (rd_test_gui_press (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK));
      g_assert_cmpstr (rd_step_list_get_selected (steps), ==, expected);
      step_page = rd_case_page_get_step_page (page, expected);
      g_assert_true (gtk_widget_get_mapped (step_page));
      g_test_message ("step %s", expected);
      answer_page (window, example, step_page);
    }
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, "summary");

  /* Ctrl+Page Up goes back a step, Ctrl+Page Down forward again. */
  g_assert_true (rd_test_gui_press (window, GDK_KEY_Page_Up, GDK_CONTROL_MASK));
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, "documentation");
  g_assert_true (rd_test_gui_press (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK));
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, "summary");

  /* The decision the nurse may make, pressed and confirmed from the keyboard. */
  summary = RD_SUMMARY_PAGE (rd_case_page_get_step_page (page, "summary"));
  action = rd_summary_page_get_may_approve (summary) ? "summary.approve"
         : rd_summary_page_get_to_request (summary)->len > 0 ? "summary.pend"
         : "summary.send-to-director";
  tab_to (window, action, NULL);
  press_space (window);
  g_assert_true (rd_test_gui_wait_for (dialog_shown, NULL, 30000));
  dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  if (GTK_IS_TEXT_VIEW (gtk_window_get_focus (dialog)))
    {
      /* Sending: the focus waits in the note to the director; Tab leaves it for
       * the buttons, to Send, and Enter confirms. */
      g_assert_true (g_str_equal (action, "summary.send-to-director"));
      for (guint i = 0; i < 4 && gtk_window_get_focus (dialog) != gtk_window_get_default_widget (dialog); i++)
        tab (dialog);
      g_assert_true (gtk_window_get_focus (dialog) == gtk_window_get_default_widget (dialog));
    }
  else
    g_assert_false (g_str_equal (action, "summary.send-to-director"));
  g_assert_true (rd_test_gui_press (dialog, GDK_KEY_Return, 0));
  g_assert_true (rd_test_gui_wait_for (dialog_gone, NULL, 30000));

  decisions = rd_case_file_list_decisions (rd_case_page_get_case_file (page), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpint (((RdCaseDecision *) decisions->pdata[0])->kind, ==,
                   g_str_equal (action, "summary.approve") ? RD_DECISION_APPROVE
                   : g_str_equal (action, "summary.pend") ? RD_DECISION_PEND
                   : RD_DECISION_SEND_TO_DIRECTOR);
  g_assert_cmpint (rd_step_list_get_state (steps, "summary"), ==, RD_STEP_COMPLETE);

  gtk_window_destroy (window);
  rd_test_gui_spin ();
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  rd_test_gui_add_example_tests ("/keyboard/example", test_keyboard_example);
  return g_test_run ();
}
