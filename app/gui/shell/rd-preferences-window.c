/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-key-setup-dialog.h"
#include "rd-key-unlock.h"
#include "rd-preferences-window.h"

/* The reviewer: with a certified key, who the certificate says (read-only,
 * with the key's fingerprint, the organisation and the certificate's end);
 * without one, the name, credentials and role recorded with the scores and
 * notes they make, bound straight to GSettings, where medical director is
 * not offered: only a certified key makes a medical director. Then the
 * signing key, with the way to set it up or unlock it; and the largest
 * record that may be attached. */
struct _RdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkWidget            *certified_group;
  AdwActionRow         *cert_name_row;
  AdwActionRow         *cert_credentials_row;
  AdwActionRow         *cert_role_row;
  AdwActionRow         *cert_organisation_row;
  AdwActionRow         *cert_fingerprint_row;
  AdwActionRow         *cert_until_row;
  GtkWidget            *reviewer_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *credentials_row;
  AdwComboRow          *role_row;
  AdwActionRow         *key_row;
  GtkWidget            *setup_button;
  GtkWidget            *unlock_button;
  GtkSpinButton        *size_limit_button;

  GSettings            *settings;
  RdReviewerSession    *session;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The roles a reviewer may claim without a key, in the role row's order. */
static const char * const role_nicks[] = { "nurse-reviewer", "trainer" };

static gboolean
role_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  /* A medical director stored by an older ReviewDesk acts as a nurse reviewer. */
  g_value_set_uint (value, 0);
  for (guint i = 0; i < G_N_ELEMENTS (role_nicks); i++)
    if (g_str_equal (nick, role_nicks[i]))
      g_value_set_uint (value, i);
  return TRUE;
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

/* A role as a value on its own, capitalised: "Nurse reviewer". */
static char *
role_value (RdRole role)
{
  const char *label = rd_role_to_label (role);
  const char *rest = g_utf8_next_char (label);
  g_autofree char *first = g_utf8_strup (label, rest - label);

  return g_strconcat (first, rest, NULL);
}

static void
show_certificate (RdPreferencesWindow *self,
                  const RdCertificate *certificate)
{
  g_autoptr(GDateTime) until = g_date_time_to_local (certificate->not_after);
  g_autofree char *date = g_date_time_format (until, "%Y-%m-%d");
  g_autofree char *fingerprint = rd_public_key_fingerprint (certificate->public_key);
  g_autofree char *role = role_value (certificate->role);
  const char *credentials = certificate->credentials && certificate->credentials[0] ? certificate->credentials
                                                                                     : _("None");

  adw_action_row_set_subtitle (self->cert_name_row, certificate->name);
  adw_action_row_set_subtitle (self->cert_credentials_row, credentials);
  adw_action_row_set_subtitle (self->cert_role_row, role);
  adw_action_row_set_subtitle (self->cert_organisation_row, certificate->organisation_name);
  adw_action_row_set_subtitle (self->cert_fingerprint_row, fingerprint);
  adw_action_row_set_subtitle (self->cert_until_row, date);
}

static void
set_key_row (RdPreferencesWindow *self,
             const char          *title,
             const char          *subtitle,
             gboolean             setup,
             const char          *unlock_label)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row), title);
  adw_action_row_set_subtitle (self->key_row, subtitle);
  gtk_widget_set_visible (self->setup_button, setup);
  gtk_widget_set_visible (self->unlock_button, unlock_label != NULL);
  if (unlock_label != NULL)
    gtk_button_set_label (GTK_BUTTON (self->unlock_button), unlock_label);
}

/* Why an unlocked key does not sign. */
static char *
uncertified_text (RdPreferencesWindow *self,
                  const RdCertificate *certificate,
                  RdCertificateStatus  status)
{
  RdTrust *trust = rd_reviewer_session_get_trust (self->session);

  if (certificate != NULL)
    return rd_certificate_status_describe (status, certificate);
  if (trust == NULL)
    return g_strdup (_("No organisation trust file is set up on this workstation, so your key cannot sign. Ask your"
                       " administrator for the trust file."));
  /* TRANSLATORS: %s is the organisation */
  return g_strdup_printf (_("%s has not certified your key, so it cannot sign. Ask your administrator to certify"
                            " it."), rd_trust_get_organisation_name (trust));
}

static void
show_key (RdPreferencesWindow *self,
          const RdCertificate *certificate,
          RdCertificateStatus  status)
{
  const RdReviewerProfile *profile = rd_reviewer_session_get_profile (self->session);
  g_autofree char *text = NULL;

  switch (rd_reviewer_session_get_state (self->session))
    {
    case RD_REVIEWER_KEY_LOADING:
      set_key_row (self, _("Looking for your key…"), NULL, FALSE, NULL);
      break;
    case RD_REVIEWER_KEY_NONE:
      set_key_row (self, _("No reviewer key"),
                   _("Approving, pending and sending a case to a medical director are signed with your own key,"
                     " certified by your organisation."), TRUE, NULL);
      break;
    case RD_REVIEWER_KEY_LOCKED:
      set_key_row (self, _("Locked"), _("Your key is sealed with your passphrase on this workstation. Unlock it to"
                                        " sign decisions until you quit ReviewDesk."), FALSE, _("_Unlock…"));
      break;
    case RD_REVIEWER_KEY_FAILED:
      set_key_row (self, _("Cannot be used"), rd_reviewer_session_get_problem (self->session), FALSE,
                   _("_Try Again"));
      break;
    case RD_REVIEWER_KEY_UNLOCKED:
    default:
      if (certificate != NULL && status == RD_CERTIFICATE_VALID)
        set_key_row (self, _("Unlocked"),
                     profile != NULL && profile->key_store == RD_KEY_STORE_KEYRING
                     ? _("Kept in your keyring. Your decisions in this session are signed with it.")
                     : _("Your decisions in this session are signed with it."), FALSE, NULL);
      else
        {
          text = uncertified_text (self, certificate, status);
          set_key_row (self, _("Not certified"), text, FALSE, NULL);
        }
      break;
    }
}

static void
session_changed (RdPreferencesWindow *self)
{
  RdCertificateStatus status = RD_CERTIFICATE_VALID;
  g_autoptr(RdCertificate) certificate = rd_reviewer_session_dup_certificate (self->session, &status);
  gboolean certified = certificate != NULL && status == RD_CERTIFICATE_VALID;

  gtk_widget_set_visible (self->certified_group, certified);
  gtk_widget_set_visible (self->reviewer_group, !certified);
  if (certified)
    show_certificate (self, certificate);
  show_key (self, certificate, status);
}

static void
setup_key_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (rd_key_setup_dialog_new (GTK_WINDOW (self), self->session, self->settings)));
}

static void
unlock_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (widget);

  if (rd_reviewer_session_get_state (self->session) == RD_REVIEWER_KEY_LOCKED)
    rd_key_unlock_prompt (GTK_WINDOW (self), self->session, NULL);
  else
    rd_reviewer_session_load (self->session);
}

GtkWidget *
rd_preferences_window_new (GtkWindow         *parent,
                           GSettings         *settings,
                           RdReviewerSession *session)
{
  RdPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (session), NULL);

  self = g_object_new (RD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);
  self->session = g_object_ref (session);
  g_settings_bind (settings, "reviewer-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reviewer-credentials", self->credentials_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "reviewer-role", self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, role_to_selected, selected_to_role,
                                NULL, NULL);
  g_settings_bind (settings, "record-size-limit-mib", gtk_spin_button_get_adjustment (self->size_limit_button),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed), self, G_CONNECT_SWAPPED);
  session_changed (self);
  return GTK_WIDGET (self);
}

static void
rd_preferences_window_dispose (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (rd_preferences_window_parent_class)->dispose (object);
}

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, certified_group);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, cert_name_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, cert_credentials_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, cert_role_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, cert_organisation_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, cert_fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, cert_until_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, reviewer_group);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, credentials_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, setup_button);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, size_limit_button);

  gtk_widget_class_install_action (widget_class, "prefs.setup-key", NULL, setup_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.unlock-key", NULL, unlock_key_action);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
