/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-case-page.h"
#include "rd-example.h"
#include "rd-intake-page.h"
#include "rd-step-list.h"
#include "rd-test-gui.h"
#include "rd-window.h"

/* Every control a reviewer can reach has a name a screen reader can say: an
 * accessible label (GTK gives a button with text its text as label) or a
 * label it is labelled by; a preferences row's field is named by the row's
 * title. The test walks
 * the whole widget tree of an open case — header, every step page (hidden
 * criteria included), the records side — for each bundled example. */

/* An accessible label, or a label with text that names the widget. (GTK 4.8
 * marks an icon button as labelled by its image, which names nothing: the
 * relation alone does not count.) */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  for (GList *l = labels; l; l = l->next)
    if (GTK_IS_LABEL (l->data) && gtk_label_get_text (l->data)[0] != '\0')
      return TRUE;
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_TEXT (widget) || GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget) || GTK_IS_SPIN_BUTTON (widget);
}

/* The widget that stands for @widget to assistive technology: the text inside
 * an entry or an entry row is spoken as the entry or the row. */
static GtkWidget *
accessible_owner (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    {
      GtkWidget *owner = gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW);
      if (owner == NULL)
        owner = gtk_widget_get_ancestor (widget, GTK_TYPE_ENTRY);
      if (owner == NULL)
        owner = gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON);
      if (owner == NULL)
        owner = gtk_widget_get_ancestor (widget, GTK_TYPE_PASSWORD_ENTRY);
      if (owner == NULL)
        owner = gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_ENTRY);
      if (owner)
        return owner;
    }
  return widget;
}

static gboolean
is_named (GtkWidget *widget)
{
  GtkWidget *owner = accessible_owner (widget);

  if (has_accessible_name (widget) || has_accessible_name (owner))
    return TRUE;
  /* A preferences row (entry row, combo row) is named by its title. */
  if (ADW_IS_PREFERENCES_ROW (owner) || GTK_IS_DROP_DOWN (widget))
    {
      GtkWidget *row = ADW_IS_PREFERENCES_ROW (owner) ? owner : gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
      const char *title = row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
      return title != NULL && title[0] != '\0';
    }
  return FALSE;
}

/* Whether a library composite owns @widget: the inner toggle of a menu button,
 * the buttons of a spin button, the arrow and search entry of a drop-down, an
 * entry row's apply button, a search bar's close button, an expander row's
 * enable switch, a toast's dismiss button. Those are the library's, shown
 * (if ever) and spoken as part of their owner. */
static gboolean
is_internal (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_SPIN_BUTTON (parent)))
    return TRUE;
  /* A drop-down's arrow, and the search entry of its popover. */
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN))
    return TRUE;
  /* A toast's icon-only dismiss button (its own button, with a label, is ours). */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
      parent != NULL && g_str_equal (G_OBJECT_TYPE_NAME (parent), "AdwToastWidget"))
    return TRUE;
  /* An entry row's apply button and a search bar's close button, hidden
   * unless asked for (the row's suffixes and the bar's content are ours and
   * are checked). */
  if (GTK_IS_BUTTON (widget) && !gtk_widget_get_visible (widget) &&
      (gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) ||
       (parent && GTK_IS_CENTER_BOX (parent) && gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR))))
    return TRUE;
  return GTK_IS_SWITCH (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);
}

static void
describe (GString   *out,
          GtkWidget *widget)
{
  const char *action = GTK_IS_ACTIONABLE (widget) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : NULL;
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  g_string_append_printf (out, "\n  %s", G_OBJECT_TYPE_NAME (widget));
  for (GtkWidget *up = gtk_widget_get_parent (widget); up; up = gtk_widget_get_parent (up))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (up), "Rd"))
      {
        g_string_append_printf (out, " in %s", G_OBJECT_TYPE_NAME (up));
        break;
      }
    else
      g_string_append_printf (out, " < %s", G_OBJECT_TYPE_NAME (up));
  if (action)
    g_string_append_printf (out, " action=%s", action);
  if (tooltip)
    g_string_append_printf (out, " tooltip=“%s”", tooltip);
}

static guint
check_tree (GtkWidget *root,
            GString   *unnamed)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (is_control (child) && !is_internal (child))
        {
          n++;
          if (!is_named (child))
            describe (unnamed, child);
        }
      n += check_tree (child, unnamed);
    }
  return n;
}

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

static void
test_accessibility_example (gconstpointer data)
{
  const char *path = data;
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());
  RdWindow *window;
  RdCasePage *page;
  RdStepList *steps;
  RdIntakePage *intake;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_controls;

  g_settings_set_string (settings, "reviewer-name", "Test Nurse");
  window = rd_window_new (rd_test_gui_application ());
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", path));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 30000));
  page = rd_window_get_case_page (window);
  steps = rd_case_page_get_step_list (page);
  intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.accept-proposals", NULL));

  /* Visit every step, so that each page has built what it shows; every step
   * page has controls of its own, and the walk sees them (the documentation
   * checklist is empty when a diagnosis alone decides, as in the insulin pump
   * example). */
  for (guint i = 0; rd_step_list_get_id (steps, i); i++)
    {
      const char *id = rd_step_list_get_id (steps, i);
      g_autoptr(GString) ignored = g_string_new (NULL);

      g_test_message ("step %s", id);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", id));
      rd_test_gui_spin ();
      if (!g_str_equal (id, "documentation"))
        g_assert_cmpuint (check_tree (rd_case_page_get_step_page (page, id), ignored), >, 0);
    }

  n_controls = check_tree (GTK_WIDGET (window), unnamed);
  g_test_message ("%u controls", n_controls);
  if (unnamed->len)
    g_error ("Controls without a label or accessible name:%s", unnamed->str);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

/* The walk itself: an icon-only button without a label is found. */
static void
test_accessibility_detects (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-find-symbolic");
  GtkWidget *text = gtk_button_new_with_label ("Find");
  g_autoptr(GString) unnamed = g_string_new (NULL);

  g_object_ref_sink (box);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  g_assert_cmpuint (check_tree (box, unnamed), ==, 2);
  g_assert_nonnull (strstr (unnamed->str, "GtkButton"));
  g_string_truncate (unnamed, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "Find", -1);
  check_tree (box, unnamed);
  g_assert_cmpuint (unnamed->len, ==, 0);
  g_object_unref (box);
}

int
main (int argc, char *argv[])
{
  /* GTK's test accessibility backend keeps every widget's accessible
   * properties and relations where the test can read them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  rd_test_gui_init (&argc, &argv);

  g_test_add_func ("/accessibility/detects", test_accessibility_detects);
  rd_test_gui_add_example_tests ("/accessibility/example", test_accessibility_example);
  return g_test_run ();
}
