/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rd-record-store.h"
#include "rd-records-pane-private.h"
#include "rd-toast.h"

G_DEFINE_FINAL_TYPE (RdRecordsPane, rd_records_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CASE_FILE,
  PROP_CITE_TARGETS,
  PROP_RECORD_ID,
  PROP_PAGE_NUMBER,
  PROP_ZOOM,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_EVIDENCE_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_rd_records_pane_toast (RdRecordsPane *self,
                        const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  rd_toast_add (GTK_WIDGET (self), toast);
}

/* Counts work under way (opening, attaching, indexing) for the busy property. */
void
_rd_records_pane_busy (RdRecordsPane *self,
                       gboolean       busy)
{
  gboolean was_busy = self->n_busy > 0;

  if (busy)
    self->n_busy++;
  else if (self->n_busy > 0)
    self->n_busy--;
  if (was_busy != (self->n_busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Whether a record's password can be stored in (or removed from) the case:
 * not when it is read-only or sealed. */
gboolean
_rd_records_pane_can_store_password (RdRecordsPane *self)
{
  return self->case_file != NULL && !rd_case_file_is_read_only (self->case_file) &&
         rd_case_file_get_status (self->case_file) != RD_CASE_STATUS_SEALED;
}

void
_rd_records_pane_update_actions (RdRecordsPane *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_case = self->case_file != NULL;
  gboolean writable = has_case && !rd_case_file_is_read_only (self->case_file);
  gboolean has_pages = self->document != NULL;

  RdCaseRecord *record = _rd_records_pane_find_record (self, self->record_id);

  gtk_widget_action_set_enabled (widget, "records.attach", writable);
  gtk_widget_action_set_enabled (widget, "records.forget-password",
                                 record != NULL && record->password_stored &&
                                 _rd_records_pane_can_store_password (self));
  gtk_widget_action_set_enabled (widget, "records.search", has_case && self->records->len > 0);
  gtk_widget_action_set_enabled (widget, "records.zoom-in", has_pages && self->zoom < 4.0);
  gtk_widget_action_set_enabled (widget, "records.zoom-out", has_pages && self->zoom > 0.25);
  gtk_widget_action_set_enabled (widget, "records.zoom-to", has_pages);
  gtk_widget_action_set_enabled (widget, "records.zoom-fit-width", has_pages);
  gtk_widget_action_set_enabled (widget, "records.zoom-fit-page", has_pages);
  gtk_widget_action_set_enabled (widget, "records.next-page", has_pages);
  gtk_widget_action_set_enabled (widget, "records.previous-page", has_pages);
  gtk_widget_action_set_enabled (widget, "records.next-hit", self->hits != NULL && self->hits->len > 0);
  gtk_widget_action_set_enabled (widget, "records.previous-hit", self->hits != NULL && self->hits->len > 0);
  gtk_widget_action_set_enabled (widget, "records.cite-page", has_pages && writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cite_button), has_pages && writable);
  gtk_widget_set_sensitive (self->view_bar, has_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_dropdown), self->records->len > 1);
}

RdCaseRecord *
_rd_records_pane_find_record (RdRecordsPane *self,
                              gint64         record_id)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      RdCaseRecord *record = g_ptr_array_index (self->records, i);
      if (record->id == record_id)
        return record;
    }
  return NULL;
}

static void
select_in_switcher (RdRecordsPane *self,
                    gint64         record_id)
{
  for (guint i = 0; i < self->records->len; i++)
    if (((RdCaseRecord *) g_ptr_array_index (self->records, i))->id == record_id)
      {
        gtk_drop_down_set_selected (self->record_dropdown, i);
        return;
      }
}

gboolean
_rd_records_pane_is_scanned (RdRecordsPane *self,
                             guint          page)
{
  return g_hash_table_contains (self->scanned_pages, GUINT_TO_POINTER (page + 1));
}

/* Reads which pages of the record shown are scans (known once its text is
 * stored) and flags them on the pages in view. */
static void
load_scanned_pages (RdRecordsPane *self)
{
  g_autoptr(GArray) pages = NULL;
  GHashTableIter iter;
  gpointer view;

  g_hash_table_remove_all (self->scanned_pages);
  if (self->case_file != NULL && self->record_id != 0)
    pages = rd_case_file_list_scanned_pages (self->case_file, self->record_id, NULL);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    g_hash_table_add (self->scanned_pages, GUINT_TO_POINTER (g_array_index (pages, guint, i)));
  g_hash_table_iter_init (&iter, self->bound_pages);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    rd_page_view_set_scanned (view, _rd_records_pane_is_scanned (self, rd_page_view_get_page (view)));
}

static void
close_document (RdRecordsPane *self)
{
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  _rd_records_pane_cancel_prefetches (self);
  _rd_records_pane_clear_selection (self);
  if (self->document != NULL)
    rd_page_cache_remove_document (self->cache, rd_document_get_id (self->document));
  g_clear_object (&self->document);
  gtk_string_list_splice (self->page_labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->page_labels)), NULL);
}

static void
show_open_error (RdRecordsPane *self,
                 gint64         record_id,
                 const GError  *error)
{
  RdCaseRecord *record = _rd_records_pane_find_record (self, record_id);
  gboolean needs_password = g_error_matches (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED) ||
                            g_error_matches (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_BAD_PASSWORD);
  g_autofree char *title = g_strdup_printf (_("“%s” Cannot Be Shown"), record ? record->file_name : "");

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (self->password_button, needs_password);
  gtk_stack_set_visible_child_name (self->stack, "error");
  _rd_records_pane_update_actions (self);
}

/**
 * _rd_records_pane_show_document:
 * @page: the page index to show first
 *
 * Shows an opened record; the pane keeps one document open at a time.
 */
void
_rd_records_pane_show_document (RdRecordsPane *self,
                                gint64         record_id,
                                RdDocument    *document,
                                guint          page)
{
  close_document (self);
  self->record_id = record_id;
  self->document = g_object_ref (document);
  load_scanned_pages (self);
  select_in_switcher (self, record_id);
  page = MIN (page, rd_document_get_n_pages (document) - 1);
  _rd_records_pane_set_pages (self, page);
  gtk_stack_set_visible_child_name (self->stack, "pages");
  _rd_records_pane_scroll_to_page (self, page);
  _rd_records_pane_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
}

static void
record_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RdRecordsPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = rd_record_open_finish (result, &error);

  _rd_records_pane_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->open_cancellable);
  if (document == NULL)
    {
      if (g_error_matches (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_BAD_PASSWORD))
        g_hash_table_remove (self->passwords, &self->record_id);
      show_open_error (self, self->record_id, error);
      return;
    }
  _rd_records_pane_show_document (self, self->record_id, document, self->target_page);
  if (self->remember_record == self->record_id)
    {
      gint64 key = self->record_id;
      const char *password = g_hash_table_lookup (self->passwords, &key);

      if (password != NULL)
        _rd_records_pane_remember_password (self, self->record_id, password);
      self->remember_record = 0;
    }
  _rd_records_pane_index_missing (self);
}

/**
 * _rd_records_pane_open_record:
 * @page: the page index to show first
 *
 * Opens a record of the case (reading its bytes and parsing it off the main
 * thread) and shows it at @page; a record already shown just scrolls.
 */
void
_rd_records_pane_open_record (RdRecordsPane *self,
                              gint64         record_id,
                              guint          page)
{
  gint64 *key = &record_id;

  if (self->document != NULL && self->record_id == record_id)
    {
      _rd_records_pane_scroll_to_page (self, MIN (page, rd_document_get_n_pages (self->document) - 1));
      return;
    }
  close_document (self);
  self->record_id = record_id;
  self->target_page = page;
  select_in_switcher (self, record_id);
  self->open_cancellable = g_cancellable_new ();
  _rd_records_pane_busy (self, TRUE);
  rd_record_open_async (self->case_file, record_id, g_hash_table_lookup (self->passwords, key),
                        self->open_cancellable, record_opened, g_object_ref (self));
  _rd_records_pane_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
}

/**
 * _rd_records_pane_reload_records:
 * @show_record_id: the record to show afterwards; 0 keeps the one shown, or
 *   shows the first
 *
 * Lists the case's records again, e.g. after one was attached.
 */
void
_rd_records_pane_reload_records (RdRecordsPane *self,
                                 gint64         show_record_id)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (self->case_file != NULL && (records = rd_case_file_list_records (self->case_file, &error)) == NULL)
    _rd_records_pane_toast (self, error->message);
  if (records == NULL)
    records = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_record_free);

  g_clear_pointer (&self->records, g_ptr_array_unref);
  self->records = g_steal_pointer (&records);
  for (guint i = 0; i < self->records->len; i++)
    {
      RdCaseRecord *record = g_ptr_array_index (self->records, i);
      g_ptr_array_add (names, g_strdup_printf (ngettext ("%s (%u page)", "%s (%u pages)", record->n_pages),
                                               record->file_name, record->n_pages));
    }
  g_ptr_array_add (names, NULL);
  g_signal_handlers_block_matched (self->record_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_string_list_splice (self->record_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->record_names)),
                          (const char * const *) names->pdata);
  g_signal_handlers_unblock_matched (self->record_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  if (show_record_id == 0 && self->record_id != 0 && _rd_records_pane_find_record (self, self->record_id))
    show_record_id = self->record_id;
  if (show_record_id == 0 && self->records->len > 0)
    show_record_id = ((RdCaseRecord *) g_ptr_array_index (self->records, 0))->id;

  if (show_record_id == 0)
    {
      close_document (self);
      self->record_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
    }
  else if (show_record_id != self->record_id || (self->document == NULL && self->open_cancellable == NULL))
    _rd_records_pane_open_record (self, show_record_id, 0);
  else
    select_in_switcher (self, show_record_id);
  _rd_records_pane_update_actions (self);
}

static void
record_selected (RdRecordsPane *self)
{
  guint index = gtk_drop_down_get_selected (self->record_dropdown);
  RdCaseRecord *record;

  if (index == GTK_INVALID_LIST_POSITION || index >= self->records->len)
    return;
  record = g_ptr_array_index (self->records, index);
  if (record->id != self->record_id)
    _rd_records_pane_open_record (self, record->id, 0);
}

/* Lists the records again without reopening the one shown, e.g. after its
 * password was stored or forgotten. */
static void
refresh_records (RdRecordsPane *self)
{
  g_autoptr(GPtrArray) records = rd_case_file_list_records (self->case_file, NULL);

  if (records != NULL && records->len == self->records->len)
    {
      g_ptr_array_unref (self->records);
      self->records = g_steal_pointer (&records);
    }
  _rd_records_pane_update_actions (self);
}

static void
case_file_changed (RdRecordsPane *self,
                   const char    *what)
{
  if (g_strcmp0 (what, "record") == 0)
    _rd_records_pane_reload_records (self, 0);
  else if (g_strcmp0 (what, "record-password") == 0)
    refresh_records (self);
  else if (g_strcmp0 (what, "page-text") == 0 && self->document != NULL)
    load_scanned_pages (self);
}

static void
rd_records_pane_dispose (GObject *object)
{
  RdRecordsPane *self = RD_RECORDS_PANE (object);

  _rd_records_pane_attach_dispose (self);
  _rd_records_pane_search_dispose (self);
  _rd_records_pane_cite_dispose (self);
  if (self->page_labels != NULL)
    close_document (self);
  _rd_records_pane_pages_dispose (self);
  /* AdwBin must forget its child before the template drops it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_RECORDS_PANE);
  g_clear_object (&self->case_file);
  g_clear_object (&self->cite_targets);
  g_clear_object (&self->settings);
  g_clear_object (&self->cache);
  g_clear_object (&self->record_names);
  g_clear_object (&self->page_labels);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->passwords, g_hash_table_unref);
  g_clear_pointer (&self->bound_pages, g_hash_table_unref);
  g_clear_pointer (&self->scanned_pages, g_hash_table_unref);
  G_OBJECT_CLASS (rd_records_pane_parent_class)->dispose (object);
}

static void
rd_records_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdRecordsPane *self = RD_RECORDS_PANE (object);

  switch (prop_id)
    {
    case PROP_CASE_FILE:
      g_value_set_object (value, self->case_file);
      break;
    case PROP_CITE_TARGETS:
      g_value_set_object (value, self->cite_targets);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_PAGE_NUMBER:
      g_value_set_uint (value, rd_records_pane_get_page_number (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_records_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdRecordsPane *self = RD_RECORDS_PANE (object);

  switch (prop_id)
    {
    case PROP_CASE_FILE:
      rd_records_pane_set_case_file (self, g_value_get_object (value));
      break;
    case PROP_CITE_TARGETS:
      rd_records_pane_set_cite_targets (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_records_pane_class_init (RdRecordsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_records_pane_dispose;
  object_class->get_property = rd_records_pane_get_property;
  object_class->set_property = rd_records_pane_set_property;

  properties[PROP_CASE_FILE] =
    g_param_spec_object ("case-file", NULL, NULL, RD_TYPE_CASE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CITE_TARGETS] =
    g_param_spec_object ("cite-targets", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_NUMBER] =
    g_param_spec_uint ("page-number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, 100, 1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RdRecordsPane::evidence-added:
   * @evidence_id: the id of the evidence just stored in the case file
   *
   * Emitted after the reviewer cited a passage.
   */
  signals[SIGNAL_EVIDENCE_ADDED] =
    g_signal_new ("evidence-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-records-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, thumbnails_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, record_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, search_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, view_bar);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, page_entry);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, area_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, cite_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, hits_label);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, results_list);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, password_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, thumbnails_view);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, pages_scroller);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, pages_view);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, cite_popover);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, cite_quote_label);
  gtk_widget_class_bind_template_child (widget_class, RdRecordsPane, cite_list);

  _rd_records_pane_pages_class_init (widget_class);
  _rd_records_pane_search_class_init (widget_class);
  _rd_records_pane_cite_class_init (widget_class);
  _rd_records_pane_attach_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "recordspane");

#ifdef __GLIBC__
  /* Page images (and the GL renderer's copies of them) are buffers of a few
   * megabytes, allocated and freed as the reader pages. glibc's adaptive mmap
   * threshold would move them into the heap after the first free, where they
   * fragment it and memory grows with the pages viewed (measured: 390 MB after
   * 100 pages, 640 MB after 500 with the GL renderer). A fixed threshold keeps
   * them mapped, so each is given back to the system when freed. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

static void
cache_budget_changed (RdRecordsPane *self)
{
  rd_page_cache_set_budget (self->cache, (gsize) g_settings_get_uint (self->settings, "render-cache-mib") << 20);
}

static void
rd_records_pane_init (RdRecordsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cache = rd_page_cache_new (0);
  cache_budget_changed (self);
  g_signal_connect_object (self->settings, "changed::render-cache-mib", G_CALLBACK (cache_budget_changed),
                           self, G_CONNECT_SWAPPED);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_record_free);
  self->record_names = gtk_string_list_new (NULL);
  self->page_labels = gtk_string_list_new (NULL);
  self->passwords = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->bound_pages = g_hash_table_new (NULL, NULL);
  self->scanned_pages = g_hash_table_new (NULL, NULL);
  self->target_page = 0;
  self->align_page = G_MAXUINT;

  gtk_drop_down_set_model (self->record_dropdown, G_LIST_MODEL (self->record_names));
  g_signal_connect_object (self->record_dropdown, "notify::selected", G_CALLBACK (record_selected),
                           self, G_CONNECT_SWAPPED);

  _rd_records_pane_pages_init (self);
  _rd_records_pane_search_init (self);
  _rd_records_pane_cite_init (self);
  _rd_records_pane_attach_init (self);
  _rd_records_pane_update_actions (self);
}

GtkWidget *
rd_records_pane_new (void)
{
  return g_object_new (RD_TYPE_RECORDS_PANE, NULL);
}

/**
 * rd_records_pane_set_case_file:
 * @case_file: (nullable): the case whose records to show
 *
 * Shows the records of @case_file, the first one opened; indexes in the
 * background any record whose text is not stored yet.
 */
void
rd_records_pane_set_case_file (RdRecordsPane *self,
                               RdCaseFile    *case_file)
{
  g_return_if_fail (RD_IS_RECORDS_PANE (self));
  g_return_if_fail (case_file == NULL || RD_IS_CASE_FILE (case_file));

  if (self->case_file == case_file)
    return;

  _rd_records_pane_attach_reset (self);
  close_document (self);
  self->record_id = 0;
  self->remember_record = 0;
  g_hash_table_remove_all (self->passwords);
  if (self->case_file != NULL)
    g_signal_handlers_disconnect_by_data (self->case_file, self);
  g_set_object (&self->case_file, case_file);
  if (case_file != NULL)
    g_signal_connect_object (case_file, "changed", G_CALLBACK (case_file_changed), self, G_CONNECT_SWAPPED);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  _rd_records_pane_reload_records (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_FILE]);
}

/**
 * rd_records_pane_get_case_file:
 *
 * Returns: (transfer none) (nullable): the case shown
 */
RdCaseFile *
rd_records_pane_get_case_file (RdRecordsPane *self)
{
  g_return_val_if_fail (RD_IS_RECORDS_PANE (self), NULL);
  return self->case_file;
}

/**
 * rd_records_pane_set_cite_targets:
 * @targets: (nullable): a list of #RdCiteTarget
 *
 * Sets what a passage can be cited for. The pane reads the model each time the
 * "Cite for…" menu opens, so the host may change its items at any time.
 */
void
rd_records_pane_set_cite_targets (RdRecordsPane *self,
                                  GListModel    *targets)
{
  g_return_if_fail (RD_IS_RECORDS_PANE (self));
  g_return_if_fail (targets == NULL || G_IS_LIST_MODEL (targets));

  if (g_set_object (&self->cite_targets, targets))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITE_TARGETS]);
}

/**
 * rd_records_pane_get_cite_targets:
 *
 * Returns: (transfer none) (nullable): the targets
 */
GListModel *
rd_records_pane_get_cite_targets (RdRecordsPane *self)
{
  g_return_val_if_fail (RD_IS_RECORDS_PANE (self), NULL);
  return self->cite_targets;
}

/**
 * rd_records_pane_show_page:
 * @page_number: from 1
 *
 * Opens a record of the case at a page.
 */
void
rd_records_pane_show_page (RdRecordsPane *self,
                           gint64         record_id,
                           guint          page_number)
{
  g_return_if_fail (RD_IS_RECORDS_PANE (self));
  g_return_if_fail (self->case_file != NULL);

  _rd_records_pane_open_record (self, record_id, page_number > 0 ? page_number - 1 : 0);
}

/**
 * rd_records_pane_get_record_id:
 *
 * Returns: the id of the record shown, or 0
 */
gint64
rd_records_pane_get_record_id (RdRecordsPane *self)
{
  g_return_val_if_fail (RD_IS_RECORDS_PANE (self), 0);
  return self->record_id;
}

/**
 * rd_records_pane_get_page_number:
 *
 * Returns: the page the reader is on (from 1), or 0 when no record is shown
 */
guint
rd_records_pane_get_page_number (RdRecordsPane *self)
{
  g_return_val_if_fail (RD_IS_RECORDS_PANE (self), 0);
  return self->document != NULL ? self->page + 1 : 0;
}

/**
 * rd_records_pane_get_zoom:
 *
 * Returns: the zoom, 1.0 for 100 % (96 pixels per inch)
 */
double
rd_records_pane_get_zoom (RdRecordsPane *self)
{
  g_return_val_if_fail (RD_IS_RECORDS_PANE (self), 1);
  return self->zoom;
}

/**
 * rd_records_pane_get_busy:
 *
 * Returns: whether a record is being opened, attached or indexed
 */
gboolean
rd_records_pane_get_busy (RdRecordsPane *self)
{
  g_return_val_if_fail (RD_IS_RECORDS_PANE (self), FALSE);
  return self->n_busy > 0;
}

void
_rd_records_pane_notify_page (RdRecordsPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NUMBER]);
}

void
_rd_records_pane_notify_zoom (RdRecordsPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
_rd_records_pane_emit_evidence_added (RdRecordsPane *self,
                                      gint64         evidence_id)
{
  g_signal_emit (self, signals[SIGNAL_EVIDENCE_ADDED], 0, evidence_id);
}
