/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-example.h"
#include "rd-start-page.h"
#include "rd-test-gui.h"

/* The start page in a window whose "win" actions record what they were asked
 * to open, as RdWindow's actions would open it. */
typedef struct {
  GtkWindow   *window;
  RdStartPage *page;
  char        *opened_example;
  char        *opened_recent;
} Fixture;

static void
record_open (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  char **slot = user_data;

  g_free (*slot);
  *slot = g_variant_dup_string (parameter, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) open_example = g_simple_action_new ("open-example", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) open_recent = g_simple_action_new ("open-recent", G_VARIANT_TYPE_STRING);

  g_signal_connect (open_example, "activate", G_CALLBACK (record_open), &fixture->opened_example);
  g_signal_connect (open_recent, "activate", G_CALLBACK (record_open), &fixture->opened_recent);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (open_example));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (open_recent));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (group));
  fixture->page = g_object_new (RD_TYPE_START_PAGE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  rd_test_gui_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  rd_test_gui_spin ();
  g_free (fixture->opened_example);
  g_free (fixture->opened_recent);
}

static gboolean
examples_listed (gpointer data)
{
  return rd_start_page_get_n_examples (data) > 0;
}

static GtkWidget *
find_list (GtkWidget  *root,
           const char *accessible_label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX (child))
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child), 0);
          if (row != NULL && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), accessible_label) == 0)
            return child;
        }
      if ((found = find_list (child, accessible_label)))
        return found;
    }
  return NULL;
}

static gboolean
row_has_label (GtkWidget  *root,
               const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0 &&
          gtk_widget_get_visible (child))
        return TRUE;
      if (row_has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

static void
test_start_page_examples (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(GStrv) paths = rd_example_list_bundled ();
  GtkListBox *list;

  g_assert_true (rd_test_gui_wait_for (examples_listed, fixture->page, 10000));
  g_assert_cmpuint (rd_start_page_get_n_examples (fixture->page), ==, g_strv_length (paths));
  list = GTK_LIST_BOX (find_list (GTK_WIDGET (fixture->page), "win.open-example"));
  g_assert_nonnull (list);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(RdExample) example = rd_example_load (paths[i], NULL);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) i);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));

      g_assert_nonnull (example);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, rd_example_get_title (example));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, rd_example_get_summary (example));
      g_assert_true (row_has_label (GTK_WIDGET (row), "Synthetic"));
      g_assert_true (gtk_list_box_row_get_activatable (row));
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, paths[i]);
    }

  /* Activating a row (Enter or a click) asks the window to open that example. */
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
  rd_test_gui_spin ();
  g_assert_cmpstr (fixture->opened_example, ==, paths[1]);
}

static char *
touch_case (const char *name)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "case", -1, NULL));
  return path;
}

static void
test_start_page_recent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *first = touch_case ("first.rdcase");
  g_autofree char *second = touch_case ("second.rdcase");
  g_autofree char *gone = g_build_filename (g_get_user_data_dir (), "gone.rdcase", NULL);
  const char *recent[] = { second, gone, first, NULL };
  GtkListBox *list;
  GtkListBoxRow *row;

  g_assert_cmpuint (rd_start_page_get_n_recent (fixture->page), ==, 0);

  /* The list follows the setting; a file that no longer exists is left out. */
  g_settings_set_strv (settings, "recent-cases", recent);
  rd_test_gui_spin ();
  g_assert_cmpuint (rd_start_page_get_n_recent (fixture->page), ==, 2);
  list = GTK_LIST_BOX (find_list (GTK_WIDGET (fixture->page), "win.open-recent"));
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (list)));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "second.rdcase");

  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
  rd_test_gui_spin ();
  g_assert_cmpstr (fixture->opened_recent, ==, first);

  g_settings_reset (settings, "recent-cases");
  rd_test_gui_spin ();
  g_assert_cmpuint (rd_start_page_get_n_recent (fixture->page), ==, 0);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (list)));
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add ("/start-page/examples", Fixture, NULL, fixture_set_up, test_start_page_examples, fixture_tear_down);
  g_test_add ("/start-page/recent", Fixture, NULL, fixture_set_up, test_start_page_recent, fixture_tear_down);

  return g_test_run ();
}
