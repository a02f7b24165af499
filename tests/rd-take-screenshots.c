/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rd-case-page.h"
#include "rd-condition-row.h"
#include "rd-criteria-page.h"
#include "rd-criterion-row.h"
#include "rd-doc-item-row.h"
#include "rd-example.h"
#include "rd-intake-page.h"
#include "rd-paths.h"
#include "rd-step-list.h"
#include "rd-test-gui.h"
#include "rd-window.h"

/* Takes the screenshots of data/screenshots/: the real window, at the size in
 * RD_SCREENSHOT_SIZE (default 1280x800), on a copy of a bundled example, one
 * PNG per step: the start page, intake, the first criteria step, the
 * documentation checklist and the summary. The review is answered as the
 * example's reference key says, through the pages' own actions.
 *
 * Usage: rd-take-screenshots OUTPUT_DIR [EXAMPLE.xml]
 * Run by build-aux/screenshots under Xvfb, in a temporary home. */

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

static gboolean
examples_listed (gpointer data)
{
  GtkWidget *row = rd_test_gui_find_named (data, ADW_TYPE_ACTION_ROW, NULL);
  return row != NULL && gtk_widget_get_mapped (row);
}

static void
answer (GtkWidget          *root,
        const RdExampleKey *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      gpointer value;

      if (RD_IS_CONDITION_ROW (child) &&
          g_hash_table_lookup_extended (key->conditions, rd_condition_row_get_condition (RD_CONDITION_ROW (child))->id, NULL, &value))
        gtk_widget_activate_action (child, "condition.answer", "s", rd_score_to_string (GPOINTER_TO_INT (value)));
      else if (RD_IS_CRITERION_ROW (child) && gtk_widget_get_visible (child) &&
               g_hash_table_lookup_extended (key->scores, rd_criterion_row_get_criterion_id (RD_CRITERION_ROW (child)), NULL, &value))
        gtk_widget_activate_action (child, "criterion.score", "s", rd_score_to_string (GPOINTER_TO_INT (value)));
      else if (RD_IS_DOC_ITEM_ROW (child) &&
               g_str_equal (rd_policy_get_id (rd_doc_item_row_get_policy (RD_DOC_ITEM_ROW (child))), key->policy_id) &&
               (value = g_hash_table_lookup (key->documentation, rd_doc_item_row_get_item (RD_DOC_ITEM_ROW (child))->id)))
        gtk_widget_activate_action (child, "doc.status", "s", (const char *) value);
      else
        answer (child, key);
    }
}

static void
show_step (RdWindow   *window,
           RdCasePage *page,
           const char *step,
           const char *shot)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", step));
  rd_test_gui_screenshot (GTK_WIDGET (window), shot);
}

int
main (int argc, char *argv[])
{
  GSettings *settings;
  RdWindow *window;
  RdCasePage *page;
  RdStepList *steps;
  g_autoptr(RdExample) example = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) examples = NULL;
  const char *example_path;
  g_autofree char *home = NULL;
  int width = 1280, height = 800;

  if (argc < 2)
    {
      g_printerr ("Usage: %s OUTPUT_DIR [EXAMPLE.xml]\n", argv[0]);
      return 2;
    }
  g_setenv ("RD_SCREENSHOT_DIR", argv[1], TRUE);
  examples = rd_example_list_bundled ();
  example_path = argc > 2 ? argv[2] : examples[0];
  /* A home of its own: the case copy and the settings stay out of the user's. */
  home = g_dir_make_tmp ("rd-screenshots-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Drawing with cairo needs no GL: keep GDK from loading the GL driver at all. */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  /* As the application does: LANGUAGE=es takes the Spanish screenshots. */
  rd_paths_init_gettext ();
  gtk_init ();
  adw_init ();
  example = rd_example_load (example_path, &error);
  g_assert_no_error (error);

  settings = rd_application_get_settings (rd_test_gui_application ());
  g_settings_set_string (settings, "reviewer-name", "Jordan Lee");
  g_settings_set_string (settings, "reviewer-credentials", "RN");
  /* Decisions are signed: Jordan's key, certified by a synthetic organisation. */
  rd_test_gui_sign_as ("Jordan Lee", "RN", RD_ROLE_NURSE_REVIEWER);
  if (g_getenv ("RD_SCREENSHOT_SIZE"))
    g_assert_cmpint (sscanf (g_getenv ("RD_SCREENSHOT_SIZE"), "%dx%d", &width, &height), ==, 2);
  window = rd_window_new (rd_test_gui_application ());
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rd_test_gui_wait_for (examples_listed, window, 10000));
  rd_test_gui_screenshot (GTK_WIDGET (window), "start");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", example_path));
  if (!rd_test_gui_wait_for (case_shown, window, 120000))
    {
      rd_test_gui_screenshot (GTK_WIDGET (window), "failed");
      g_error ("The example did not open: see failed.png");
    }
  page = rd_window_get_case_page (window);
  steps = rd_case_page_get_step_list (page);
  rd_test_gui_screenshot (GTK_WIDGET (window), "intake");

  g_assert_true (gtk_widget_activate_action (rd_case_page_get_step_page (page, "intake"), "intake.accept-proposals", NULL));
  for (guint i = 0; i < rd_example_get_keys (example)->len; i++)
    {
      const RdExampleKey *key = g_ptr_array_index (rd_example_get_keys (example), i);
      for (guint s = 0; rd_step_list_get_id (steps, s); s++)
        answer (rd_case_page_get_step_page (page, rd_step_list_get_id (steps, s)), key);
    }

  show_step (window, page, rd_step_list_get_id (steps, 1), "criteria");
  show_step (window, page, "documentation", "documentation");
  show_step (window, page, "summary", "summary");

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
  return EXIT_SUCCESS;
}
