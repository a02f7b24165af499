/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-label.h"
#include "rd-record-store.h"
#include "rd-records-pane-private.h"

/* Attaching records (file chooser, drag and drop), asking for the password of
 * an encrypted one (and storing it in the case when the reviewer agrees), and
 * indexing their text in the background with progress. */

typedef struct {
  gint64      record_id;
  RdDocument *document;   /* nullable: opened when its turn comes */
} IndexItem;

typedef struct {
  RdRecordsPane *pane;
  GFile         *file;
  char          *password;
  gboolean       remember;   /* store the password once attached */
} AttachRequest;

static void process_index_queue (RdRecordsPane *self);

static void
index_item_free (IndexItem *item)
{
  g_clear_object (&item->document);
  g_free (item);
}

static void
attach_request_free (AttachRequest *request)
{
  g_clear_object (&request->pane);
  g_clear_object (&request->file);
  g_free (request->password);
  g_free (request);
}

static void
password_stored (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdRecordsPane) self = user_data;
  g_autoptr(GError) error = NULL;

  _rd_records_pane_busy (self, FALSE);
  if (rd_record_store_password_finish (result, &error))
    _rd_records_pane_toast (self, _("The password is stored in this case file."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _rd_records_pane_toast (self, error->message);
}

/**
 * _rd_records_pane_remember_password:
 *
 * Stores the password of an encrypted record in the case file, as the
 * reviewer agreed to in the password dialog; the core stores it only once it
 * has opened the record.
 */
void
_rd_records_pane_remember_password (RdRecordsPane *self,
                                    gint64         record_id,
                                    const char    *password)
{
  _rd_records_pane_busy (self, TRUE);
  rd_record_store_password_async (self->case_file, record_id, password, self->index_cancellable,
                                  password_stored, g_object_ref (self));
}

static void
show_error_dialog (RdRecordsPane *self,
                   const char    *heading,
                   const char    *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
queue_index (RdRecordsPane *self,
             gint64         record_id,
             RdDocument    *document)
{
  IndexItem *item;

  if (record_id == self->indexing_record)
    return;
  for (GList *l = self->index_queue.head; l != NULL; l = l->next)
    if (((IndexItem *) l->data)->record_id == record_id)
      return;
  item = g_new0 (IndexItem, 1);
  item->record_id = record_id;
  item->document = document != NULL ? g_object_ref (document) : NULL;
  g_queue_push_tail (&self->index_queue, item);
  process_index_queue (self);
}

static void
record_attached (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AttachRequest *request = user_data;
  RdRecordsPane *self = request->pane;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL;
  gboolean already_present = FALSE;
  gint64 record_id = rd_record_attach_finish (result, &document, &already_present, &error);

  _rd_records_pane_busy (self, FALSE);
  if (record_id == 0)
    {
      if (g_error_matches (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED) ||
          g_error_matches (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_BAD_PASSWORD))
        _rd_records_pane_ask_password (self, 0, request->file,
                                       request->password != NULL ? _("That password does not open it. Try again.") : NULL,
                                       request->remember);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Record Not Attached"), error->message);
      attach_request_free (request);
      return;
    }

  if (request->password != NULL)
    g_hash_table_insert (self->passwords, g_memdup2 (&record_id, sizeof record_id), g_strdup (request->password));
  if (request->password != NULL && request->remember)
    _rd_records_pane_remember_password (self, record_id, request->password);
  if (already_present)
    {
      g_autofree char *name = g_file_get_basename (request->file);
      g_autofree char *message = g_strdup_printf (_("“%s” is already attached to this case."), name);

      _rd_records_pane_toast (self, message);
      _rd_records_pane_open_record (self, record_id, 0);
    }
  else
    {
      /* Shown at once from the document already parsed; then listed. Its
       * text was stored with it, in the same transaction. */
      _rd_records_pane_show_document (self, record_id, document, 0);
      _rd_records_pane_reload_records (self, record_id);
      _rd_records_pane_search_again (self);
    }
  attach_request_free (request);
}

static void
attach_with_password (RdRecordsPane *self,
                      GFile         *file,
                      const char    *password,
                      gboolean       remember)
{
  AttachRequest *request = g_new0 (AttachRequest, 1);
  guint64 limit = (guint64) g_settings_get_uint (self->settings, "record-size-limit-mib") << 20;

  request->pane = g_object_ref (self);
  request->file = g_object_ref (file);
  request->password = g_strdup (password);
  request->remember = remember;
  _rd_records_pane_busy (self, TRUE);
  rd_record_attach_async (self->case_file, file, password, limit, self->index_cancellable,
                          record_attached, request);
}

/**
 * rd_records_pane_attach_file:
 *
 * Attaches a PDF to the case shown (asking for its password if it has one)
 * and shows it; its text is indexed in the background. A file that cannot be
 * attached is explained in a dialog and leaves the case as it was.
 */
void
rd_records_pane_attach_file (RdRecordsPane *self,
                             GFile         *file)
{
  g_return_if_fail (RD_IS_RECORDS_PANE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->case_file == NULL || rd_case_file_is_read_only (self->case_file))
    {
      _rd_records_pane_toast (self, _("This case is read-only: records cannot be attached."));
      return;
    }
  attach_with_password (self, file, NULL, FALSE);
}

typedef struct {
  RdRecordsPane  *pane;
  gint64          record_id;
  GFile          *file;
  GtkEditable    *entry;
  GtkCheckButton *remember;
} PasswordRequest;

static void
password_request_free (PasswordRequest *request)
{
  g_clear_object (&request->pane);
  g_clear_object (&request->file);
  g_free (request);
}

static void
password_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PasswordRequest  *request)
{
  RdRecordsPane *self = request->pane;
  g_autofree char *password = g_strdup (gtk_editable_get_text (request->entry));
  gboolean remember = gtk_widget_get_visible (GTK_WIDGET (request->remember)) &&
                      gtk_check_button_get_active (request->remember);

  /* GTK 4.8 crashes when a window is destroyed with the focus in a password
   * entry (its focus handler outlives it): move the focus out first. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "open") == 0 && request->file != NULL)
    attach_with_password (self, request->file, password, remember);
  else if (g_strcmp0 (response, "open") == 0)
    {
      g_hash_table_insert (self->passwords, g_memdup2 (&request->record_id, sizeof request->record_id),
                           g_strdup (password));
      /* Stored once it has opened the record (see record_opened()). */
      self->remember_record = remember ? request->record_id : 0;
      self->record_id = 0;
      _rd_records_pane_open_record (self, request->record_id, 0);
    }
}

/* "Remember the password in this case file", off unless @remember, with what
 * it means beneath it; hidden when the case cannot store it. */
static GtkWidget *
remember_check_new (RdRecordsPane *self,
                    GtkBox        *box,
                    gboolean       remember)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_("_Remember the password in this case file"));
  GtkWidget *explanation = rd_label_new_wrapped (_("Anyone who can open this case file can then open the"
                                                   " record."), "dim-label");
  gboolean writable = _rd_records_pane_can_store_password (self);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), remember);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remember the password in this case file"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (GTK_LABEL (explanation)),
                                  -1);
  gtk_widget_add_css_class (explanation, "caption");
  gtk_widget_set_margin_start (explanation, 28);
  gtk_widget_set_visible (check, writable);
  gtk_widget_set_visible (explanation, writable);
  gtk_box_append (box, check);
  gtk_box_append (box, explanation);
  return check;
}

/**
 * _rd_records_pane_ask_password:
 * @record_id: the attached record to open, or 0 when attaching @file
 * @message: (nullable): why asking again
 * @remember: whether "Remember the password in this case file" starts ticked
 *
 * Asks for the password of an encrypted record. It is kept for this session
 * only, unless the reviewer ticks "Remember the password in this case file":
 * then it is stored in the case once it opens the record.
 */
void
_rd_records_pane_ask_password (RdRecordsPane *self,
                               gint64         record_id,
                               GFile         *file,
                               const char    *message,
                               gboolean       remember)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RdCaseRecord *record = _rd_records_pane_find_record (self, record_id);
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : g_strdup (record ? record->file_name : "");
  g_autofree char *body = g_strdup_printf (_("“%s” is protected by a password. Enter it to open the record."), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Password Needed"), body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_password_entry_new ();
  PasswordRequest *request = g_new0 (PasswordRequest, 1);

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  if (message != NULL)
    {
      GtkWidget *label = gtk_label_new (message);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (box), entry);
  request->remember = GTK_CHECK_BUTTON (remember_check_new (self, GTK_BOX (box), remember));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "open", _("_Open"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  request->pane = g_object_ref (self);
  request->record_id = record_id;
  request->file = file != NULL ? g_object_ref (file) : NULL;
  request->entry = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (password_response), request,
                         (GClosureNotify) password_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
enter_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RdRecordsPane *self = RD_RECORDS_PANE (widget);
  _rd_records_pane_ask_password (self, self->record_id, NULL, NULL, self->remember_record == self->record_id);
}

static void
forget_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RdRecordsPane *self = RD_RECORDS_PANE (widget);
  RdCaseRecord *record = _rd_records_pane_find_record (self, self->record_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (record == NULL)
    return;
  /* Forgetting reloads the records (the "changed" signal): keep the name. */
  name = g_strdup (record->file_name);
  if (!rd_case_file_forget_record_password (self->case_file, self->record_id, &error))
    {
      _rd_records_pane_toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("The password of “%s” is no longer stored in this case file."), name);
  _rd_records_pane_toast (self, message);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  RdRecordsPane   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          rd_records_pane_attach_file (self, file);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RdRecordsPane *self = RD_RECORDS_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Attach Records"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
files_dropped (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               RdRecordsPane *self)
{
  GSList *files = g_value_get_boxed (value);

  if (self->case_file == NULL)
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    rd_records_pane_attach_file (self, l->data);
  return files != NULL;
}

static void
index_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  RdRecordsPane *self = user_data;
  RdCaseRecord *record = _rd_records_pane_find_record (self, self->indexing_record);
  g_autofree char *text = g_strdup_printf (_("Indexing “%s” for search: page %u of %u"),
                                           record != NULL ? record->file_name : "", done, total);

  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
}

static void
indexing_done (RdRecordsPane *self)
{
  self->indexing_record = 0;
  _rd_records_pane_busy (self, FALSE);
  process_index_queue (self);
}

static void
record_indexed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdRecordsPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_record_index_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _rd_records_pane_busy (self, FALSE);
          return;
        }
      _rd_records_pane_toast (self, error->message);
    }
  else
    {
      _rd_records_pane_reload_records (self, 0);
      _rd_records_pane_search_again (self);
    }
  indexing_done (self);
}

static void
index_document (RdRecordsPane *self,
                RdDocument    *document)
{
  index_progress (0, rd_document_get_n_pages (document), self);
  rd_record_index_async (self->case_file, self->indexing_record, document, index_progress, self,
                         self->index_cancellable, record_indexed, g_object_ref (self));
}

static void
opened_for_index (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RdRecordsPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = rd_record_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _rd_records_pane_busy (self, FALSE);
      return;
    }
  /* An encrypted record is indexed once its password is given. */
  if (document == NULL)
    indexing_done (self);
  else
    index_document (self, document);
}

static void
process_index_queue (RdRecordsPane *self)
{
  IndexItem *item;

  if (self->indexing_record != 0 || self->case_file == NULL)
    return;
  item = g_queue_pop_head (&self->index_queue);
  gtk_revealer_set_reveal_child (self->progress_revealer, item != NULL);
  if (item == NULL)
    return;

  self->indexing_record = item->record_id;
  _rd_records_pane_busy (self, TRUE);
  if (item->document == NULL && self->record_id == item->record_id && self->document != NULL)
    item->document = g_object_ref (self->document);
  if (item->document != NULL)
    index_document (self, item->document);
  else
    {
      gint64 key = item->record_id;
      rd_record_open_async (self->case_file, item->record_id, g_hash_table_lookup (self->passwords, &key),
                            self->index_cancellable, opened_for_index, g_object_ref (self));
    }
  index_item_free (item);
}

/**
 * _rd_records_pane_index_missing:
 *
 * Indexes the records whose text is not stored yet, e.g. after the program
 * was closed while indexing.
 */
void
_rd_records_pane_index_missing (RdRecordsPane *self)
{
  if (self->case_file == NULL || rd_case_file_is_read_only (self->case_file))
    return;
  for (guint i = 0; i < self->records->len; i++)
    {
      RdCaseRecord *record = g_ptr_array_index (self->records, i);

      if (record->n_pages_indexed < record->n_pages)
        queue_index (self, record->id, record->id == self->record_id ? self->document : NULL);
    }
}

void
_rd_records_pane_attach_init (RdRecordsPane *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->index_cancellable = g_cancellable_new ();
  g_signal_connect_object (drop, "drop", G_CALLBACK (files_dropped), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* Stops attaching and indexing; what was stored stays, what was not is redone
 * the next time the case is shown. */
void
_rd_records_pane_attach_dispose (RdRecordsPane *self)
{
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  g_queue_clear_full (&self->index_queue, (GDestroyNotify) index_item_free);
  self->indexing_record = 0;
  if (self->progress_revealer != NULL)
    gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

/* The same, before another case is shown. */
void
_rd_records_pane_attach_reset (RdRecordsPane *self)
{
  _rd_records_pane_attach_dispose (self);
  self->index_cancellable = g_cancellable_new ();
}

void
_rd_records_pane_attach_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "records.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "records.enter-password", NULL, enter_password_action);
  gtk_widget_class_install_action (widget_class, "records.forget-password", NULL, forget_password_action);
}
