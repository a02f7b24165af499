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

  g_signal_connect (open_example, "activate", G_CALLBACK (record_open), &fixture->opened_example);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (open_example));

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

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add ("/start-page/examples", Fixture, NULL, fixture_set_up, test_start_page_examples, fixture_tear_down);

  return g_test_run ();
}
