/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-page.h"
#include "rd-preferences-window.h"
#include "rd-start-page.h"
#include "rd-window.h"

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwViewStack         *stack;
  RdStartPage          *start_page;
  AdwBin               *case_bin;
  GtkSpinner           *loading_spinner;
};

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

static void
remember_size (RdWindow  *self,
               GSettings *settings)
{
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

RdWindow *
rd_window_new (RdApplication *application)
{
  RdWindow *self;

  g_return_val_if_fail (RD_IS_APPLICATION (application), NULL);

  self = g_object_new (RD_TYPE_WINDOW, "application", application, NULL);
  remember_size (self, rd_application_get_settings (application));
  return self;
}

void
rd_window_show_toast (RdWindow   *self,
                      const char *message)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * rd_window_get_visible_page_name:
 *
 * Returns: the name of the page the window shows: "start" or "case".
 */
const char *
rd_window_get_visible_page_name (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * rd_window_get_case_page:
 *
 * Returns: (transfer none) (nullable): the page of the open case.
 */
RdCasePage *
rd_window_get_case_page (RdWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  child = adw_bin_get_child (self->case_bin);
  return child ? RD_CASE_PAGE (child) : NULL;
}

G_GNUC_UNUSED static void
show_case_page (RdWindow   *self,
                RdCasePage *page)
{
  adw_bin_set_child (self->case_bin, GTK_WIDGET (page));
  g_object_bind_property (page, "title", self->window_title, "title", G_BINDING_SYNC_CREATE);
  gtk_spinner_stop (self->loading_spinner);
  adw_view_stack_set_visible_child_name (self->stack, "case");
}

void
rd_window_open_case (RdWindow *self,
                     GFile    *file)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  message = g_strdup_printf (_("“%s” cannot be opened: this version of ReviewDesk does not read case files yet."), name);
  rd_window_show_toast (self, message);
}

static void
open_dialog_response (GtkNativeDialog *dialog,
                      int              response,
                      RdWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      rd_window_open_case (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Case"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("ReviewDesk cases"));
  gtk_file_filter_add_pattern (filter, "*.rdcase");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_dialog_response),
                           self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);

  /* Cases are not stored yet: the intake form opens once they are. */
  rd_window_show_toast (self, _("Creating a case needs the case file, which this version does not have yet."));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkWidget *preferences = rd_preferences_window_new (GTK_WINDOW (self),
                                                      rd_application_get_settings (RD_APPLICATION (app)));

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (RD_TYPE_START_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, case_bin);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_spinner);

  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", NULL, open_case_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
rd_window_init (RdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
