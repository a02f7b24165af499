/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who reviews in the window: the signing key of the application's reviewer
 * session made the case's signer, or, without one, an actor who signs
 * nothing; and the ways to set up or unlock the key. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-key-setup-dialog.h"
#include "rd-key-unlock.h"
#include "rd-toast.h"
#include "rd-window-private.h"

static void
show_offer_toast (RdWindow   *self,
                       const char *message,
                       const char *button_label,
                       const char *action_name)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  /* Long enough to read and act on, not so long that it hides the
   * summary's actions, which say the same thing. */
  adw_toast_set_timeout (toast, 10);
  /* From inside the window's toast overlay: the window itself is outside it. */
  rd_toast_add (GTK_WIDGET (self->stack), toast);
}

/* The name changes are recorded with while nothing is signed: the one in
 * Preferences, else the profile's, else the account's. Never anonymous. */
static void
set_unsigned_actor (RdWindow   *self,
                    RdCaseFile *case_file)
{
  GSettings *settings = _rd_window_get_settings (self);
  const RdReviewerProfile *profile = rd_reviewer_session_get_profile (self->session);
  g_autofree char *name = g_strstrip (g_settings_get_string (settings, "reviewer-name"));
  g_autofree char *credentials = g_strstrip (g_settings_get_string (settings, "reviewer-credentials"));
  RdRole role = g_settings_get_enum (settings, "reviewer-role");

  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (profile != NULL ? profile->name : g_get_real_name ());
      if (credentials[0] == '\0' && profile != NULL && profile->credentials != NULL)
        {
          g_free (credentials);
          credentials = g_strdup (profile->credentials);
        }
    }
  /* A role typed in Preferences is only a claim: a medical director is who
   * the organisation certified as one, and without a key nobody is. */
  if (role == RD_ROLE_MEDICAL_DIRECTOR)
    role = RD_ROLE_NURSE_REVIEWER;
  rd_case_file_set_signer (case_file, NULL, NULL);
  rd_case_file_set_actor (case_file, name, credentials[0] ? credentials : NULL, role);
}

/* What the summary says instead of offering decisions, from the session. */
static void
show_signing_help (RdWindow   *self,
                   RdCasePage *page,
                   const char *signer_problem)
{
  const char *problem = rd_reviewer_session_get_problem (self->session);

  if (signer_problem != NULL)
    {
      rd_case_page_set_signing_help (page, signer_problem, NULL, NULL);
      return;
    }
  switch (rd_reviewer_session_get_state (self->session))
    {
    case RD_REVIEWER_KEY_LOADING:
      rd_case_page_set_signing_help (page, _("Looking for your reviewer key…"), NULL, NULL);
      break;
    case RD_REVIEWER_KEY_NONE:
      rd_case_page_set_signing_help (page, _("Decisions are signed with your reviewer key, and none is set up on"
                                             " this workstation. Your scores and notes are saved as you work."),
                                     _("Set Up Reviewer _Key…"), "win.setup-reviewer-key");
      break;
    case RD_REVIEWER_KEY_LOCKED:
      rd_case_page_set_signing_help (page, _("Your reviewer key is locked. Unlock it with its passphrase to approve,"
                                             " pend or send this case; your scores and notes are saved meanwhile."),
                                     _("Unlock Reviewer _Key…"), "win.unlock-reviewer-key");
      break;
    case RD_REVIEWER_KEY_FAILED:
    case RD_REVIEWER_KEY_UNLOCKED:
    default:
      rd_case_page_set_signing_help (page, problem != NULL ? problem
                                           : _("Your reviewer key cannot be used on this workstation."),
                                     _("_Try Again"), "win.unlock-reviewer-key");
      break;
    }
}

/* A key that cannot sign (revoked, expired, not certified, no trust file):
 * said once, then the window carries on unsigned. */
static void
report_signer_problem (RdWindow   *self,
                       const char *message)
{
  if (g_strcmp0 (message, self->signer_problem) == 0)
    return;
  g_free (self->signer_problem);
  self->signer_problem = g_strdup (message);
  rd_window_show_toast (self, message);
}

/**
 * _rd_window_apply_reviewer:
 *
 * Makes the session's key the open case's signer, with the organisation's
 * trust file; without a key that may sign, the reviewer in Preferences acts
 * and signs nothing.
 */
void
_rd_window_apply_reviewer (RdWindow *self)
{
  RdCasePage *page = rd_window_get_case_page (self);
  RdCaseFile *case_file = page ? rd_case_page_get_case_file (page) : NULL;
  RdSigningKey *key = rd_reviewer_session_get_key (self->session);
  g_autoptr(GError) error = NULL;

  if (case_file == NULL)
    return;
  rd_case_file_set_trust (case_file, rd_reviewer_session_get_trust (self->session));
  if (key != NULL && rd_case_file_set_signer (case_file, key, &error))
    return;
  set_unsigned_actor (self, case_file);
  if (error != NULL && !rd_case_file_is_read_only (case_file))
    report_signer_problem (self, error->message);
  show_signing_help (self, page, error ? error->message : NULL);
}

static void
report_trust_problem (RdWindow *self)
{
  g_autofree char *problem = rd_reviewer_session_take_trust_problem (self->session);

  if (problem != NULL)
    rd_window_show_toast (self, problem);
}

static gboolean
case_writable (RdWindow *self)
{
  RdCasePage *page = rd_window_get_case_page (self);
  RdCaseFile *case_file = page ? rd_case_page_get_case_file (page) : NULL;

  return case_file != NULL && !rd_case_file_is_read_only (case_file);
}

/* The first time a key is needed: a case opened for writing. A key in a file
 * asks for its passphrase once (unless the reviewer put it off); with no key
 * at all, setting one up is offered once per window. */
static void
ask_for_key (RdWindow *self)
{
  if (!case_writable (self))
    return;
  switch (rd_reviewer_session_get_state (self->session))
    {
    case RD_REVIEWER_KEY_LOCKED:
      if (!rd_reviewer_session_get_declined (self->session))
        rd_key_unlock_prompt (GTK_WINDOW (self), self->session, NULL);
      break;
    case RD_REVIEWER_KEY_NONE:
      if (!self->setup_offered)
        {
          self->setup_offered = TRUE;
          show_offer_toast (self, _("Set up your reviewer key: decisions are signed with it, and changes are"
                                         " recorded with your name"),
                                 _("_Set Up…"), "win.setup-reviewer-key");
        }
      break;
    case RD_REVIEWER_KEY_LOADING:
    case RD_REVIEWER_KEY_UNLOCKED:
    case RD_REVIEWER_KEY_FAILED:
    default:
      break;
    }
}

void
_rd_window_reviewer_case_shown (RdWindow *self)
{
  ask_for_key (self);
}

static void
session_changed (RdWindow *self)
{
  report_trust_problem (self);
  _rd_window_apply_reviewer (self);
  /* The session finished loading while a case was already open. */
  if (rd_reviewer_session_get_state (self->session) != RD_REVIEWER_KEY_LOADING &&
      g_strcmp0 (rd_window_get_visible_page_name (self), "case") == 0)
    ask_for_key (self);
}

/* ---- actions ------------------------------------------------------------ */

static void
setup_key_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkWidget *dialog = rd_key_setup_dialog_new (GTK_WINDOW (self), self->session, _rd_window_get_settings (self));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unlock_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);

  switch (rd_reviewer_session_get_state (self->session))
    {
    case RD_REVIEWER_KEY_NONE:
      setup_key_action (widget, action_name, param);
      break;
    case RD_REVIEWER_KEY_LOCKED:
      rd_key_unlock_prompt (GTK_WINDOW (self), self->session, NULL);
      break;
    case RD_REVIEWER_KEY_FAILED:
      /* The keyring may be back, or the profile mended: read them again. */
      rd_reviewer_session_load (self->session);
      break;
    case RD_REVIEWER_KEY_LOADING:
    case RD_REVIEWER_KEY_UNLOCKED:
    default:
      break;
    }
}

void
_rd_window_reviewer_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.setup-reviewer-key", NULL, setup_key_action);
  gtk_widget_class_install_action (widget_class, "win.unlock-reviewer-key", NULL, unlock_key_action);
}

void
_rd_window_reviewer_init (RdWindow *self)
{
  g_object_ref (self->session);
  g_signal_connect_object (self->session, "changed", G_CALLBACK (session_changed), self, G_CONNECT_SWAPPED);
  report_trust_problem (self);
}

void
_rd_window_reviewer_finalize (RdWindow *self)
{
  g_clear_object (&self->session);
  g_clear_pointer (&self->signer_problem, g_free);
}
