/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-key-setup-dialog.h"

/* "Set Up Reviewer Key…": a reviewer's key made and certified in one step
 * (rd_reviewer_setup() in a worker). Without a trust file on this
 * workstation it sets up the organisation too, with an administrator key
 * sealed in a file; with one, the organisation's administrator chooses the
 * administrator key file and types its passphrase. The reviewer's key goes
 * to the keyring, or, in a session without one, to a file sealed with a
 * passphrase typed twice. The result is the key's fingerprint, for the
 * reviewer to compare with what the administrator sees. */

#define MIN_PASSPHRASE_LENGTH 8
#define VALID_DAYS 365

struct _RdKeySetupDialog
{
  AdwWindow          parent_instance;

  GtkWidget         *cancel_button;
  GtkWidget         *setup_button;
  GtkStack          *stack;
  AdwPreferencesGroup *organisation_group;
  GtkWidget         *organisation_row;
  GtkWidget         *organisation_name_row;
  GtkWidget         *admin_key_row;
  GtkWidget         *admin_passphrase_row;
  GtkWidget         *name_row;
  GtkWidget         *credentials_row;
  AdwComboRow       *role_row;
  AdwPreferencesGroup *passphrase_group;
  GtkWidget         *passphrase_row;
  GtkWidget         *confirm_row;
  GtkLabel          *problem_label;
  GtkSpinner        *spinner;
  GtkLabel          *fingerprint_label;
  GtkLabel          *done_label;
  GtkWidget         *close_button;

  RdReviewerSession *session;
  char              *trust_path;
  char              *admin_key_path;
  gboolean           new_organisation;
  gboolean           keyring;
  gboolean           working;   /* the dialog stays until the worker is done */
};

G_DEFINE_FINAL_TYPE (RdKeySetupDialog, rd_key_setup_dialog, ADW_TYPE_WINDOW)

static const RdRole roles[] = { RD_ROLE_NURSE_REVIEWER, RD_ROLE_MEDICAL_DIRECTOR, RD_ROLE_TRAINER };

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
blank (GtkWidget *row)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));
  return text[0] == '\0';
}

static void
show_problem (RdKeySetupDialog *self,
              const char       *problem)
{
  gtk_label_set_label (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* The passphrase typed twice, when this dialog asks for one: NULL when it is
 * fine, else why not (or "" when there is nothing to say yet). */
static const char *
passphrase_problem (RdKeySetupDialog *self)
{
  const char *passphrase = text_of (self->passphrase_row);
  const char *again = text_of (self->confirm_row);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->passphrase_group)))
    return NULL;
  if (passphrase[0] != '\0' && g_utf8_strlen (passphrase, -1) < MIN_PASSPHRASE_LENGTH)
    return _("A passphrase needs at least 8 characters.");
  if (again[0] != '\0' && !g_str_equal (passphrase, again))
    return _("The two passphrases differ: type the same one twice.");
  if (passphrase[0] == '\0' || again[0] == '\0')
    return "";
  return NULL;
}

static void
update_actions (RdKeySetupDialog *self)
{
  const char *problem = passphrase_problem (self);
  gboolean ready = !blank (self->name_row) && problem == NULL;

  if (self->new_organisation)
    ready = ready && !blank (self->organisation_row);
  else
    ready = ready && self->admin_key_path != NULL && text_of (self->admin_passphrase_row)[0] != '\0';
  show_problem (self, problem != NULL && problem[0] != '\0' ? problem : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.run",
                                 ready && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "form"));
}

/* ---- the worker ----------------------------------------------------------- */

typedef struct {
  char              *organisation;
  char              *name;
  char              *credentials;
  RdRole             role;
  RdKeyStore         key_store;
  char              *setup_passphrase;  /* seals a new organisation's key, or opens the existing one */
  char              *own_passphrase;    /* seals the reviewer's key, when that is another passphrase */
  char              *trust_path;
  char              *admin_key_path;
} Job;

typedef struct {
  RdTrust           *trust;
  RdReviewerProfile *profile;
  RdSigningKey      *key;
} Made;

static void
wipe (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
job_free (Job *job)
{
  g_free (job->organisation);
  g_free (job->name);
  g_free (job->credentials);
  wipe (job->setup_passphrase);
  wipe (job->own_passphrase);
  g_free (job->trust_path);
  g_free (job->admin_key_path);
  g_free (job);
}

static void
made_free (Made *made)
{
  g_clear_object (&made->trust);
  rd_reviewer_profile_free (made->profile);
  g_clear_object (&made->key);
  g_free (made);
}

static void
setup_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  Made *made = g_new0 (Made, 1);
  gboolean in_file;

  if (!rd_reviewer_setup (job->organisation, job->name, job->credentials, job->role, job->key_store,
                          job->setup_passphrase, job->trust_path, job->admin_key_path, VALID_DAYS, &error) ||
      (made->profile = rd_reviewer_profile_load (&error)) == NULL ||
      (made->trust = rd_trust_load (job->trust_path, &error)) == NULL)
    goto failed;
  in_file = made->profile->key_store == RD_KEY_STORE_FILE;
  made->key = rd_reviewer_profile_unlock (made->profile, in_file ? job->setup_passphrase : NULL, &error);
  if (made->key == NULL)
    goto failed;
  /* rd_reviewer_setup() seals the reviewer's key with the passphrase it was
   * given, here the administrator's: the reviewer's own seals it instead. */
  if (in_file && job->own_passphrase != NULL &&
      !rd_signing_key_save_file (made->key, made->profile->key_file, job->own_passphrase, &error))
    goto failed;
  g_task_return_pointer (task, made, (GDestroyNotify) made_free);
  return;

failed:
  if (error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("The reviewer profile was not written: set up the key again."));
  made_free (made);
  g_task_return_error (task, error);
}

static char *
done_text (RdKeySetupDialog    *self,
           const RdCertificate *certificate,
           const RdReviewerProfile *profile)
{
  g_autoptr(GDateTime) until = g_date_time_to_local (certificate->not_after);
  g_autofree char *date = g_date_time_format (until, "%Y-%m-%d");
  g_autofree char *who = certificate->credentials && certificate->credentials[0]
                         ? g_strdup_printf ("%s, %s", certificate->name, certificate->credentials)
                         : g_strdup (certificate->name);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: organisation, reviewer with credentials, role, date */
  g_string_append_printf (text, _("Certified by %s for %s as %s, until %s."), certificate->organisation_name,
                          who, rd_role_to_label (certificate->role), date);
  g_string_append (text, "\n\n");
  if (profile->key_store == RD_KEY_STORE_KEYRING)
    g_string_append (text, _("Your key is kept in your keyring and unlocks with your session."));
  else
    g_string_append (text, _("Your key is sealed with your passphrase on this workstation. ReviewDesk asks for the"
                             " passphrase once each time it starts, when you first open a case."));
  if (self->new_organisation)
    {
      g_string_append (text, "\n\n");
      /* TRANSLATORS: %s is the administrator key's file */
      g_string_append_printf (text, _("The organisation’s administrator key is in %s, sealed with the same"
                                      " passphrase. Keep the file and the passphrase safe: whoever holds both can"
                                      " certify reviewers."), self->admin_key_path);
    }
  return g_string_free (text, FALSE);
}

static void
setup_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  RdKeySetupDialog *self = RD_KEY_SETUP_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Made *made = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(RdCertificate) certificate = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;

  self->working = FALSE;
  gtk_spinner_stop (self->spinner);
  if (made == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "form");
      gtk_widget_set_visible (self->cancel_button, TRUE);
      update_actions (self);
      show_problem (self, error->message);
      return;
    }
  rd_reviewer_session_set_identity (self->session, made->trust, made->profile, made->key);
  /* The passphrases are not needed any more: out of the fields. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->admin_passphrase_row), "");
  certificate = rd_trust_find_certificate (made->trust, rd_signing_key_get_public_key (made->key));
  fingerprint = rd_public_key_fingerprint (rd_signing_key_get_public_key (made->key));
  gtk_label_set_label (self->fingerprint_label, fingerprint);
  if (certificate != NULL)
    text = done_text (self, certificate, made->profile);
  gtk_label_set_label (self->done_label, text ? text : "");
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (self->setup_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->close_button);
  gtk_widget_grab_focus (self->close_button);
  made_free (made);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RdKeySetupDialog *self = RD_KEY_SETUP_DIALOG (widget);
  g_autoptr(GTask) task = g_task_new (self, NULL, setup_done, NULL);
  Job *job = g_new0 (Job, 1);
  guint selected = adw_combo_row_get_selected (self->role_row);
  gboolean own_passphrase = gtk_widget_get_visible (GTK_WIDGET (self->passphrase_group));

  job->organisation = self->new_organisation ? g_strstrip (g_strdup (text_of (self->organisation_row))) : NULL;
  job->name = g_strstrip (g_strdup (text_of (self->name_row)));
  job->credentials = g_strstrip (g_strdup (text_of (self->credentials_row)));
  job->role = roles[MIN (selected, G_N_ELEMENTS (roles) - 1)];
  job->key_store = self->keyring ? RD_KEY_STORE_KEYRING : RD_KEY_STORE_FILE;
  if (self->new_organisation)
    job->setup_passphrase = g_strdup (text_of (self->passphrase_row));
  else
    {
      job->setup_passphrase = g_strdup (text_of (self->admin_passphrase_row));
      job->own_passphrase = own_passphrase ? g_strdup (text_of (self->passphrase_row)) : NULL;
    }
  job->trust_path = g_strdup (self->trust_path);
  job->admin_key_path = g_strdup (self->admin_key_path);

  show_problem (self, NULL);
  self->working = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "working");
  gtk_spinner_start (self->spinner);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_action_set_enabled (widget, "setup.run", FALSE);
  g_task_set_source_tag (task, run_action);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, setup_thread);
}

/* ---- the administrator key file -------------------------------------------- */

/**
 * rd_key_setup_dialog_set_admin_key_file:
 *
 * The administrator key that certifies the reviewer, for an organisation
 * whose trust file is on this workstation already.
 */
void
rd_key_setup_dialog_set_admin_key_file (RdKeySetupDialog *self,
                                        const char       *path)
{
  g_return_if_fail (RD_IS_KEY_SETUP_DIALOG (self));

  g_free (self->admin_key_path);
  self->admin_key_path = g_strdup (path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->admin_key_row),
                               path ? path : _("None chosen: the organisation’s administrator chooses it."));
  update_actions (self);
}

static void
chooser_response (GtkNativeDialog  *chooser,
                  int               response,
                  RdKeySetupDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        rd_key_setup_dialog_set_admin_key_file (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_admin_key_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  RdKeySetupDialog *self = RD_KEY_SETUP_DIALOG (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Administrator Key File"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                                               _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- building --------------------------------------------------------------- */

static void
lay_out (RdKeySetupDialog *self)
{
  RdTrust *trust = rd_reviewer_session_get_trust (self->session);
  g_autofree char *admin_key = g_build_filename (g_get_user_config_dir (), "reviewdesk", "admin.key", NULL);
  g_autofree char *description = NULL;

  self->new_organisation = !g_file_test (self->trust_path, G_FILE_TEST_EXISTS);
  gtk_widget_set_visible (self->organisation_row, self->new_organisation);
  gtk_widget_set_visible (self->organisation_name_row, !self->new_organisation);
  gtk_widget_set_visible (self->admin_key_row, !self->new_organisation);
  gtk_widget_set_visible (self->admin_passphrase_row, !self->new_organisation);
  if (self->new_organisation)
    {
      self->admin_key_path = g_steal_pointer (&admin_key);
      description = g_strdup (_("No organisation is set up on this workstation yet: this sets one up, with the"
                                " administrator key that certifies its reviewers."));
      adw_preferences_group_set_description (self->passphrase_group,
                                             self->keyring ? _("Seals the organisation’s administrator key. Your own key"
                                                               " is kept in your keyring.")
                                                           : _("Seals your key and the organisation’s administrator key."
                                                               " You type it once each time ReviewDesk starts, to"
                                                               " sign."));
    }
  else
    {
      description = g_strdup (_("The organisation’s administrator certifies your key: they choose the administrator"
                                " key file and type its passphrase here."));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->organisation_name_row),
                                   trust ? rd_trust_get_organisation_name (trust) : self->trust_path);
      rd_key_setup_dialog_set_admin_key_file (self, g_file_test (admin_key, G_FILE_TEST_EXISTS) ? admin_key : NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->passphrase_group), !self->keyring);
      adw_preferences_group_set_title (self->passphrase_group, _("Your Passphrase"));
      adw_preferences_group_set_description (self->passphrase_group,
                                             _("Seals your key on this workstation. You type it once each time"
                                               " ReviewDesk starts, to sign."));
    }
  adw_preferences_group_set_description (self->organisation_group, description);
}

GtkWidget *
rd_key_setup_dialog_new (GtkWindow         *parent,
                         RdReviewerSession *session,
                         GSettings         *settings)
{
  RdKeySetupDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *credentials = NULL;

  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (session), NULL);

  self = g_object_new (RD_TYPE_KEY_SETUP_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->keyring = rd_reviewer_session_get_keyring_available (session);
  self->trust_path = rd_trust_default_path ();
  lay_out (self);
  if (settings != NULL)
    {
      name = g_settings_get_string (settings, "reviewer-name");
      credentials = g_settings_get_string (settings, "reviewer-credentials");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      gtk_editable_set_text (GTK_EDITABLE (self->credentials_row), credentials);
      if (g_settings_get_enum (settings, "reviewer-role") == RD_ROLE_TRAINER)
        adw_combo_row_set_selected (self->role_row, 2);
    }
  update_actions (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->setup_button);
  gtk_widget_grab_focus (self->new_organisation ? self->organisation_row : self->name_row);
  return GTK_WIDGET (self);
}

/**
 * rd_key_setup_dialog_get_page:
 *
 * Returns: "form", "working" or "done"
 */
const char *
rd_key_setup_dialog_get_page (RdKeySetupDialog *self)
{
  g_return_val_if_fail (RD_IS_KEY_SETUP_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * rd_key_setup_dialog_get_problem:
 *
 * Returns: (nullable): what the dialog says is wrong, if anything
 */
const char *
rd_key_setup_dialog_get_problem (RdKeySetupDialog *self)
{
  g_return_val_if_fail (RD_IS_KEY_SETUP_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label)) ? gtk_label_get_label (self->problem_label) : NULL;
}

static void
rd_key_setup_dialog_dispose (GObject *object)
{
  RdKeySetupDialog *self = RD_KEY_SETUP_DIALOG (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_KEY_SETUP_DIALOG);
  G_OBJECT_CLASS (rd_key_setup_dialog_parent_class)->dispose (object);
}

static void
rd_key_setup_dialog_finalize (GObject *object)
{
  RdKeySetupDialog *self = RD_KEY_SETUP_DIALOG (object);

  g_free (self->trust_path);
  g_free (self->admin_key_path);
  G_OBJECT_CLASS (rd_key_setup_dialog_parent_class)->finalize (object);
}

/* Half a setup is never left behind: the dialog closes once the worker is
 * done (a few seconds). */
static gboolean
rd_key_setup_dialog_close_request (GtkWindow *window)
{
  if (RD_KEY_SETUP_DIALOG (window)->working)
    return TRUE;
  /* GTK 4.8 warns when a window is destroyed with the focus inside a
   * password field. */
  gtk_window_set_focus (window, NULL);
  return FALSE;
}

static void
rd_key_setup_dialog_class_init (RdKeySetupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_key_setup_dialog_dispose;
  object_class->finalize = rd_key_setup_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = rd_key_setup_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-key-setup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, setup_button);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, organisation_group);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, organisation_name_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, admin_key_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, admin_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, credentials_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, done_label);
  gtk_widget_class_bind_template_child (widget_class, RdKeySetupDialog, close_button);

  gtk_widget_class_install_action (widget_class, "setup.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "setup.choose-admin-key", NULL, choose_admin_key_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_key_setup_dialog_init (RdKeySetupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Every field decides whether Set Up is ready. */
  g_signal_connect_object (self->organisation_row, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->admin_passphrase_row, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->passphrase_row, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->confirm_row, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
}
