/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "rd-test-gui.h"

static RdApplication *test_application;

/* Sets up GTK for a display test: isolated dirs, memory settings, and a skip
 * (exit 77, which meson reports as skipped) when there is no display at all. */
void
rd_test_gui_init (int    *argc,
                  char ***argv)
{
  g_autofree char *data_dirs = NULL;

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Isolation hides the system's MIME database, without which GdkPixbuf cannot
   * recognise an SVG icon; the system data dirs are read-only, so add them back. */
  data_dirs = g_strconcat (g_getenv ("XDG_DATA_DIRS"), ":/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run the display tests under xvfb-run.\n");
      exit (77);
    }
  adw_init ();
}

/**
 * rd_test_gui_application:
 *
 * Returns: (transfer none): a registered application, started up so that its
 * actions, accelerators and settings exist, as they do in the real program.
 */
RdApplication *
rd_test_gui_application (void)
{
  if (test_application == NULL)
    {
      g_autoptr(GError) error = NULL;

      test_application = rd_application_new ();
      g_application_set_flags (G_APPLICATION (test_application),
                               G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
      g_application_register (G_APPLICATION (test_application), NULL, &error);
      g_assert_no_error (error);
    }
  return test_application;
}

void
rd_test_gui_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_reached (gpointer data)
{
  gboolean *reached = data;
  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * rd_test_gui_wait_for:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass.
 *
 * Returns: whether @condition held.
 */
gboolean
rd_test_gui_wait_for (gboolean (*condition) (gpointer data),
                      gpointer  data,
                      guint     timeout_ms)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_reached, &reached);

  while (!condition (data) && !reached)
    g_main_context_iteration (NULL, TRUE);
  if (!reached)
    g_source_remove (id);
  return condition (data);
}

/**
 * rd_test_gui_find_window:
 *
 * Returns: (transfer none) (nullable): the first toplevel of @type.
 */
GtkWindow *
rd_test_gui_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}
