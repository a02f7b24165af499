/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The passphrase of a reviewer's key kept in a file, asked for once per
 * session in a modal dialog. The passphrase goes from the entry to the
 * session's worker and nowhere else. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-key-unlock.h"

/* One prompt at a time, whichever window asked. */
static GtkWidget *shown_prompt;

typedef struct {
  GtkWindow         *parent;
  RdReviewerSession *session;
} Unlocking;

static void
unlocking_free (Unlocking *unlocking)
{
  g_clear_object (&unlocking->parent);
  g_clear_object (&unlocking->session);
  g_free (unlocking);
}

static void
show_failure (GtkWindow  *parent,
              const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Your Reviewer Key Cannot Be Unlocked"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unlocked (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Unlocking *unlocking = data;
  g_autoptr(GError) error = NULL;

  if (!rd_reviewer_session_unlock_finish (RD_REVIEWER_SESSION (source), result, &error))
    {
      if (g_error_matches (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE))
        rd_key_unlock_prompt (unlocking->parent, unlocking->session,
                              _("That passphrase does not open your key. Check Caps Lock and try again."));
      else
        show_failure (unlocking->parent, error->message);
    }
  unlocking_free (unlocking);
}

static void
prompt_response (AdwMessageDialog  *dialog,
                 const char        *response,
                 RdReviewerSession *session)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "passphrase-entry");
  Unlocking *unlocking;

  /* GTK 4.8 warns when a window is destroyed with the focus inside a
   * password field: it leaves the field first. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  /* Answered: a wrong passphrase brings a new prompt. */
  if (shown_prompt == GTK_WIDGET (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &shown_prompt);
      shown_prompt = NULL;
    }
  if (!g_str_equal (response, "unlock"))
    {
      rd_reviewer_session_set_declined (session, TRUE);
      return;
    }
  unlocking = g_new0 (Unlocking, 1);
  unlocking->parent = g_object_ref (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  unlocking->session = g_object_ref (session);
  rd_reviewer_session_unlock_async (session, gtk_editable_get_text (entry), NULL, unlocked, unlocking);
  /* The entry's own buffer keeps the text in secure memory; clear it now. */
  gtk_editable_set_text (entry, "");
}

static void
passphrase_changed (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "unlock", gtk_editable_get_text (entry)[0] != '\0');
}

/**
 * rd_key_unlock_prompt:
 * @parent: the window that needs the key
 * @problem: (nullable): why the prompt is back, e.g. a wrong passphrase
 *
 * Asks for the passphrase of the session's key in a modal dialog and
 * unlocks it in a worker; a wrong passphrase asks again. "Not Now" leaves
 * the key locked until the reviewer asks for it.
 */
void
rd_key_unlock_prompt (GtkWindow         *parent,
                      RdReviewerSession *session,
                      const char        *problem)
{
  const RdReviewerProfile *profile = rd_reviewer_session_get_profile (session);
  g_autofree char *fingerprint = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry, *list;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (RD_IS_REVIEWER_SESSION (session));

  if (shown_prompt != NULL)
    {
      gtk_window_present (GTK_WINDOW (shown_prompt));
      return;
    }
  if (profile == NULL)
    return;
  fingerprint = rd_public_key_fingerprint (profile->public_key);
  /* TRANSLATORS: %s is the key's fingerprint, e.g. 3F2A-91C0-77B1-0D4E */
  body = g_strdup_printf (_("Decisions you make are signed with your reviewer key, %s. Type its passphrase to unlock"
                            " it until you quit ReviewDesk."), fingerprint);
  if (problem != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&body);
      body = g_strdup_printf ("%s\n\n%s", problem, plain);
    }
  dialog = adw_message_dialog_new (parent, _("Unlock Your Reviewer Key"), body);
  entry = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Passphrase"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passphrase of your reviewer key"), -1);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "later", _("_Not Now"), "unlock", _("_Unlock"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "unlock", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data (G_OBJECT (dialog), "passphrase-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (passphrase_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (prompt_response), session, 0);
  shown_prompt = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &shown_prompt);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_set_focus (GTK_WINDOW (dialog), entry);
}
