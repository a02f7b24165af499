/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-document.h"
#include "rd-reviewer-session.h"
#include "rd-window.h"

struct _RdApplication
{
  AdwApplication     parent_instance;
  GSettings         *settings;
  RdReviewerSession *reviewer_session;
};

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

RdApplication *
rd_application_new (void)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/reviewdesk/ReviewDesk",
                       NULL);
}

/**
 * rd_application_get_settings:
 *
 * Returns: (transfer none): the application's settings.
 */
GSettings *
rd_application_get_settings (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * rd_application_get_reviewer_session:
 *
 * Returns: (transfer none): who signs on this workstation, shared by every
 *   window, so that a key is unlocked once per session.
 */
RdReviewerSession *
rd_application_get_reviewer_session (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);
  return self->reviewer_session;
}

static RdWindow *
get_or_create_window (RdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (rd_window_new (self));
  return RD_WINDOW (window);
}

static void
rd_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (RD_APPLICATION (app))));
}

static void
rd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      RdWindow *window = rd_window_new (RD_APPLICATION (app));
      rd_window_open_case (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing each window lets it finish its work; every change is already stored. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_destroy (window);
    }
  g_application_quit (app);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (rd_window_new (RD_APPLICATION (user_data))));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  static const char *developers[] = { "The ReviewDesk team", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("ReviewDesk"),
                         "application-icon", APP_ID,
                         "developer-name", _("The ReviewDesk team"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Utilization-management case review against payer medical policies"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "new-window", new_window_activated },
  { "about", about_activated },
};

static void
rd_application_startup (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_case_accels[] = { "<Control>n", NULL };
  static const char *open_case_accels[] = { "<Control>o", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (rd_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  /* The trust file, the profile and a key in the keyring are read at once,
   * in a worker; a key in a file waits until a case is opened for writing. */
  self->reviewer_session = rd_reviewer_session_new ();
  rd_reviewer_session_load (self->reviewer_session);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-case", new_case_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open-case", open_case_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);

  /* Follow the system's light or dark preference. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

#define RECORDS_CLOSE_TIMEOUT_US (5 * G_USEC_PER_SEC)

/* A page still being drawn when the last window closes keeps its record open
 * in a worker thread inside Poppler, which must not meet the process's exit:
 * let the workers finish and hand back their results first (milliseconds,
 * never more than five seconds). */
static void
rd_application_shutdown (GApplication *app)
{
  gint64 deadline = g_get_monotonic_time () + RECORDS_CLOSE_TIMEOUT_US;

  while (rd_document_get_n_open () > 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  G_APPLICATION_CLASS (rd_application_parent_class)->shutdown (app);
}

static void
rd_application_dispose (GObject *object)
{
  RdApplication *self = RD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->reviewer_session);
  G_OBJECT_CLASS (rd_application_parent_class)->dispose (object);
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rd_application_dispose;
  app_class->activate = rd_application_activate;
  app_class->open = rd_application_open;
  app_class->startup = rd_application_startup;
  app_class->shutdown = rd_application_shutdown;
}

static void
rd_application_init (RdApplication *self)
{
}
