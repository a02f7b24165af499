/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-preferences-window.h"

/* The reviewer's profile: the name, credentials and role recorded with every
 * score, decision and audit entry; and the largest record that may be
 * attached. Bound straight to GSettings. */
struct _RdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *name_row;
  AdwEntryRow          *credentials_row;
  AdwComboRow          *role_row;
  GtkSpinButton        *size_limit_button;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const role_nicks[] = { "nurse-reviewer", "medical-director", "trainer" };

static gboolean
role_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (role_nicks); i++)
    if (g_str_equal (nick, role_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_role (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (role_nicks))
    return NULL;
  return g_variant_new_string (role_nicks[selected]);
}

GtkWidget *
rd_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  RdPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  g_settings_bind (settings, "reviewer-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reviewer-credentials", self->credentials_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "reviewer-role", self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, role_to_selected, selected_to_role,
                                NULL, NULL);
  g_settings_bind (settings, "record-size-limit-mib", gtk_spin_button_get_adjustment (self->size_limit_button),
                   "value", G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, credentials_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, size_limit_button);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
