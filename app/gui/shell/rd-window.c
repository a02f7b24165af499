/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "rd-case-page.h"
#include "rd-example.h"
#include "rd-policy.h"
#include "rd-preferences-window.h"
#include "rd-start-page.h"
#include "rd-toast.h"
#include "rd-window-private.h"
#include "rd-worklist-index.h"

#define MAX_RECENT_CASES 12

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

GSettings *
_rd_window_get_settings (RdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  return rd_application_get_settings (RD_APPLICATION (app));
}

static void
remember_size (RdWindow  *self,
               GSettings *settings)
{
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void settings_changed (RdWindow   *self,
                              const char *key);

RdWindow *
rd_window_new (RdApplication *application)
{
  RdWindow *self;

  g_return_val_if_fail (RD_IS_APPLICATION (application), NULL);

  self = g_object_new (RD_TYPE_WINDOW, "application", application, NULL);
  self->session = rd_application_get_reviewer_session (application);
  _rd_window_reviewer_init (self);
  remember_size (self, rd_application_get_settings (application));
  g_signal_connect_object (rd_application_get_settings (application), "changed",
                           G_CALLBACK (settings_changed), self, G_CONNECT_SWAPPED);
  return self;
}

void
rd_window_show_toast (RdWindow   *self,
                      const char *message)
{
  AdwToast *toast;
  g_autofree char *escaped = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));
  /* The window's messages say why something could not be done. A toast's
   * title is markup, and messages quote files ("<policy>"). */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* From inside the window's toast overlay: the window itself is outside it. */
  rd_toast_add (GTK_WIDGET (self->stack), toast);
}

/**
 * rd_window_get_visible_page_name:
 *
 * Returns: the name of the page the window shows: "start", "loading" or "case".
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

/* ---- opening a case ----------------------------------------------------- */

static void
remember_recent (RdWindow   *self,
                 const char *path)
{
  GSettings *settings = _rd_window_get_settings (self);
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-cases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] && n < MAX_RECENT_CASES; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-cases", (const char * const *) recent);
}

/* The subtitle says how far the reading of scanned pages has got. */
static void
recognition_progress (RdWindow *self,
                      guint     done,
                      guint     total)
{
  g_autofree char *text = NULL;

  if (done >= total)
    {
      adw_window_title_set_subtitle (self->window_title, _("Case review"));
      return;
    }
  /* TRANSLATORS: the window's subtitle while scanned record pages are recognised (OCR) */
  text = g_strdup_printf (_("Case review — reading scanned pages: %u of %u"), done, total);
  adw_window_title_set_subtitle (self->window_title, text);
}

static void
records_changed (RdWindow   *self,
                 const char *what)
{
  if (self->recogniser != NULL && g_strcmp0 (what, "record") == 0)
    rd_recogniser_queue_pending (self->recogniser);
}

/* Scanned pages of a case that may be written are recognised in the
 * background, those attached before included. */
static void
start_recognition (RdWindow   *self,
                   RdCaseFile *case_file)
{
  if (rd_case_file_is_read_only (case_file) || rd_case_file_get_status (case_file) == RD_CASE_STATUS_SEALED)
    return;
  self->recogniser = rd_recogniser_new (case_file);
  g_signal_connect_object (self->recogniser, "progress", G_CALLBACK (recognition_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (case_file, "changed", G_CALLBACK (records_changed), self, G_CONNECT_SWAPPED);
  rd_recogniser_queue_pending (self->recogniser);
}

static void
show_case (RdWindow   *self,
           RdCaseFile *case_file)
{
  RdCasePage *page = RD_CASE_PAGE (rd_case_page_new ());

  /* The previous case's recognition stops before its page (and case) goes. */
  g_clear_object (&self->recogniser);
  adw_bin_set_child (self->case_bin, GTK_WIDGET (page));
  rd_case_page_set_case (page, case_file, self->policies);
  _rd_window_apply_reviewer (self);
  g_object_bind_property (page, "title", self->window_title, "title", G_BINDING_SYNC_CREATE);
  adw_window_title_set_subtitle (self->window_title, _("Case review"));
  gtk_spinner_stop (self->loading_spinner);
  adw_view_stack_set_visible_child_name (self->stack, "case");
  if (rd_case_file_is_read_only (case_file))
    rd_case_page_show_toast (page, rd_case_file_get_read_only_reason (case_file));
  _rd_window_reviewer_case_shown (self);
  start_recognition (self, case_file);
}

static void leave_loading (RdWindow *self);
static void show_loading  (RdWindow *self);

typedef struct {
  GPtrArray *policies;
  GPtrArray *skipped;  /* GError: the files left out */
} LoadedPolicies;

static void
loaded_policies_free (LoadedPolicies *loaded)
{
  g_clear_pointer (&loaded->policies, g_ptr_array_unref);
  g_clear_pointer (&loaded->skipped, g_ptr_array_unref);
  g_free (loaded);
}

static void
load_policies_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  LoadedPolicies *loaded = g_new0 (LoadedPolicies, 1);

  loaded->policies = rd_policy_load_directory_skipping (NULL, &loaded->skipped, &error);
  if (loaded->policies == NULL)
    {
      loaded_policies_free (loaded);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_policies_free);
}

/* A bad file in the policy folder is named; the other policies are used. */
static void
report_skipped (RdWindow  *self,
                GPtrArray *skipped)
{
  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    {
      const GError *refused = g_ptr_array_index (skipped, i);
      g_autofree char *message = g_strdup_printf (_("A policy file is skipped; the other policies are used: %s"),
                                                  refused->message);

      rd_window_show_toast (self, message);
    }
}

static void
policies_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  RdWindow *self = RD_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) case_file = g_steal_pointer (&self->pending_case);
  LoadedPolicies *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading_policies = FALSE;
  if (loaded == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The policies cannot be loaded, so the case cannot be reviewed: %s"),
                                                  error->message);
      leave_loading (self);
      rd_window_show_toast (self, message);
      return;
    }
  report_skipped (self, loaded->skipped);
  self->policies = g_steal_pointer (&loaded->policies);
  loaded_policies_free (loaded);
  if (case_file)
    show_case (self, case_file);
}

static void
show_loading (RdWindow *self)
{
  gtk_spinner_start (self->loading_spinner);
  adw_view_stack_set_visible_child_name (self->stack, "loading");
}

static void
open_case_file (RdWindow   *self,
                RdCaseFile *case_file)
{
  RdCasePage *old = rd_window_get_case_page (self);
  g_autoptr(GTask) task = NULL;

  /* Whatever was being typed in the previous case is saved first. */
  if (old)
    rd_case_page_flush (old);
  remember_recent (self, rd_case_file_get_path (case_file));

  if (self->policies)
    {
      show_case (self, case_file);
      return;
    }

  /* Parsing and validating the policies takes a moment: the window stays
   * responsive and shows that the case is opening. */
  g_set_object (&self->pending_case, case_file);
  if (!self->loading_policies)
    {
      self->loading_policies = TRUE;
      task = g_task_new (self, self->cancellable, policies_loaded, NULL);
      g_task_set_source_tag (task, open_case_file);
      g_task_run_in_thread (task, load_policies_thread);
    }
  show_loading (self);
}

static void
leave_loading (RdWindow *self)
{
  gtk_spinner_stop (self->loading_spinner);
  adw_view_stack_set_visible_child_name (self->stack, rd_window_get_case_page (self) ? "case" : "start");
}

static void
case_opened (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(RdWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) case_file = rd_case_file_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (case_file == NULL)
    {
      leave_loading (self);
      rd_window_show_toast (self, error->message);
      return;
    }
  open_case_file (self, case_file);
}

/**
 * rd_window_open_case:
 * @file: a case file (*.rdcase)
 *
 * Opens the case for review; a file that cannot be opened is named in a toast
 * that says why, and the window stays as it was.
 */
void
rd_window_open_case (RdWindow *self,
                     GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file: copy it to this computer and open the copy."), uri);
      rd_window_show_toast (self, message);
      return;
    }
  /* Opening checks the file (and may migrate it) off the main thread. */
  show_loading (self);
  rd_case_file_open_async (path, RD_CASE_FILE_OPEN_NONE, self->cancellable, case_opened, g_object_ref (self));
}

/**
 * rd_window_get_cases_dir:
 *
 * Returns: (transfer full): where new cases and copies of example cases are
 *   kept: the case folder of Preferences, by default
 *   `$XDG_DATA_HOME/reviewdesk/cases` (rd_worklist_default_folder())
 */
char *
rd_window_get_cases_dir (void)
{
  GApplication *app = g_application_get_default ();
  g_autofree char *folder = RD_IS_APPLICATION (app)
    ? g_settings_get_string (rd_application_get_settings (RD_APPLICATION (app)), "case-folder") : NULL;
  g_auto(GStrv) folders = rd_worklist_folders (folder, NULL);

  return g_strdup (folders[0]);
}

static char *
new_case_path (const char *stem,
               GError    **error)
{
  g_autofree char *dir = rd_window_get_cases_dir ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder for cases, “%s”, cannot be created (%s): check that the disk is not full or read-only."),
                   dir, g_strerror (saved));
      return NULL;
    }
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s.rdcase", stem, stamp)
                                     : g_strdup_printf ("%s-%s-%u.rdcase", stem, stamp, n);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

/* ---- actions ------------------------------------------------------------ */

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) case_file = NULL;
  g_autofree char *path = NULL;

  /* A new case goes straight to intake, kept in the user's case folder: every
   * change is saved as it is made, so there is nothing to name or save first. */
  path = new_case_path ("case", &error);
  if (path)
    case_file = rd_case_file_create (path, NULL, &error);
  if (case_file == NULL)
    {
      rd_window_show_toast (self, error->message);
      return;
    }
  open_case_file (self, case_file);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  rd_window_open_case (RD_WINDOW (widget), file);
}

/* Making a case of an example lays out its records and indexes their text:
 * a worker does it, and the copy opens like any other case. */
static void
instantiate_example_thread (GTask        *task,
                            gpointer      source,
                            gpointer      data,
                            GCancellable *cancellable)
{
  const char *example_path = data;
  g_autofree char *base = g_path_get_basename (example_path);
  g_autofree char *stem = g_strndup (base, g_str_has_suffix (base, ".xml") ? strlen (base) - 4 : strlen (base));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = new_case_path (stem, &error);

  if (path == NULL || !rd_example_instantiate (example_path, path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
example_instantiated (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  RdWindow *self = RD_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GFile) file = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (path == NULL)
    {
      leave_loading (self);
      rd_window_show_toast (self, error->message);
      return;
    }
  file = g_file_new_for_path (path);
  rd_window_open_case (self, file);
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, example_instantiated, NULL);

  /* The bundled example is only read: the reviewer works on a copy of it. */
  g_task_set_source_tag (task, open_example_action);
  g_task_set_task_data (task, g_variant_dup_string (param, NULL), g_free);
  show_loading (self);
  g_task_run_in_thread (task, instantiate_example_thread);
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
  g_autofree char *dir = rd_window_get_cases_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  dialog = gtk_file_chooser_native_new (_("Open Case"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("ReviewDesk cases"));
  gtk_file_filter_add_pattern (filter, "*.rdcase");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_dialog_response),
                           self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkWidget *preferences = rd_preferences_window_new (GTK_WINDOW (self), _rd_window_get_settings (self),
                                                      self->session);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
settings_changed (RdWindow   *self,
                  const char *key)
{
  if (g_str_has_prefix (key, "reviewer-"))
    _rd_window_apply_reviewer (self);
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending_case);
  g_clear_object (&self->recogniser);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_finalize (GObject *object)
{
  _rd_window_reviewer_finalize (RD_WINDOW (object));
  G_OBJECT_CLASS (rd_window_parent_class)->finalize (object);
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_window_dispose;
  object_class->finalize = rd_window_finalize;

  g_type_ensure (RD_TYPE_START_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, case_bin);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_spinner);

  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", NULL, open_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  _rd_window_reviewer_class_init (widget_class);
}

/* Files dropped anywhere on the window are records for the open case (the
 * records pane takes those dropped on itself). */
static gboolean
files_dropped (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               RdWindow      *self)
{
  RdCasePage *page = rd_window_get_case_page (self);
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;
  if (page == NULL || g_strcmp0 (rd_window_get_visible_page_name (self), "case") != 0)
    {
      rd_window_show_toast (self, _("Open or create a case first: records are attached to a case."));
      return FALSE;
    }
  for (GSList *l = files; l != NULL; l = l->next)
    rd_case_page_attach_record (page, l->data);
  return TRUE;
}

static void
rd_window_init (RdWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (files_dropped), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
