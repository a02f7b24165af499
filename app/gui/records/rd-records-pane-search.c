/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-records-pane-private.h"

/* Searching the case's records through the full-text index of the case file,
 * and highlighting what was found on the pages. */

#define MAX_HITS 500

typedef struct {
  RdRecordsPane *pane;
  RdPageView    *view;
  guint          page;
} FindRequest;

static void
find_request_free (FindRequest *request)
{
  g_clear_object (&request->pane);
  g_clear_object (&request->view);
  g_free (request);
}

static void
words_found (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FindRequest *request = user_data;
  g_autoptr(GArray) rects = rd_document_find_finish (RD_DOCUMENT (source), result, NULL);

  if (rects != NULL && rd_page_view_get_page (request->view) == request->page &&
      RD_DOCUMENT (source) == request->pane->document)
    rd_page_view_set_layer (request->view, RD_PAGE_LAYER_SEARCH, rects);
  find_request_free (request);
}

static gboolean
page_is_hit (RdRecordsPane *self,
             guint          page)
{
  for (guint i = 0; self->hits != NULL && i < self->hits->len; i++)
    {
      RdCaseSearchHit *hit = g_ptr_array_index (self->hits, i);
      if (hit->record_id == self->record_id && hit->page_number == page + 1)
        return TRUE;
    }
  return FALSE;
}

/**
 * _rd_records_pane_highlight_hits:
 *
 * Marks the searched words on a page of the list, when it is a hit.
 */
void
_rd_records_pane_highlight_hits (RdRecordsPane *self,
                                 RdPageView    *view)
{
  guint page = rd_page_view_get_page (view);
  FindRequest *request;

  rd_page_view_set_layer (view, RD_PAGE_LAYER_SEARCH, NULL);
  if (self->document == NULL || self->hit_words == NULL || !page_is_hit (self, page))
    return;
  request = g_new0 (FindRequest, 1);
  request->pane = g_object_ref (self);
  request->view = g_object_ref (view);
  request->page = page;
  rd_document_find_async (self->document, page, (const char * const *) self->hit_words, NULL,
                          words_found, request);
}

static void
highlight_bound_pages (RdRecordsPane *self)
{
  GHashTableIter iter;
  gpointer view;

  g_hash_table_iter_init (&iter, self->bound_pages);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    _rd_records_pane_highlight_hits (self, view);
}

/* The snippet marks matches with control characters; everything else is text. */
static char *
snippet_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);

  for (const char *p = snippet; *p != '\0';)
    {
      gsize span = strcspn (p, RD_CASE_MATCH_START RD_CASE_MATCH_END "\n\r\t");

      if (span > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (p, (gssize) span);
          g_string_append (markup, escaped);
          p += span;
          continue;
        }
      if (*p == RD_CASE_MATCH_START[0])
        g_string_append (markup, "<b>");
      else if (*p == RD_CASE_MATCH_END[0])
        g_string_append (markup, "</b>");
      else
        g_string_append_c (markup, ' ');
      p++;
    }
  return g_string_free (markup, FALSE);
}

static GtkWidget *
hit_row_new (RdRecordsPane   *self,
             RdCaseSearchHit *hit)
{
  RdCaseRecord *record = _rd_records_pane_find_record (self, hit->record_id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *where = g_strdup_printf (_("%s, page %u"), record != NULL ? record->file_name : "",
                                            hit->page_number);
  g_autofree char *markup = snippet_markup (hit->snippet);
  GtkWidget *title = gtk_label_new (where);
  GtkWidget *context = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_markup (GTK_LABEL (context), markup);
  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_wrap (GTK_LABEL (context), TRUE);
  gtk_label_set_lines (GTK_LABEL (context), 2);
  gtk_label_set_ellipsize (GTK_LABEL (context), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (context, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), context);
  return box;
}

static void
clear_hits (RdRecordsPane *self)
{
  GtkWidget *row;

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->hit_words, g_strfreev);
  self->hit_index = -1;
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, row);
  gtk_revealer_set_reveal_child (self->results_revealer, FALSE);
}

static void
run_search (RdRecordsPane *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (query));

  clear_hits (self);
  if (self->case_file != NULL && stripped[0] != '\0')
    {
      self->hits = rd_case_file_search (self->case_file, stripped, MAX_HITS, &error);
      if (self->hits == NULL)
        count = g_strdup (error->message);
      else
        {
          self->hit_words = g_strsplit_set (stripped, " \t", -1);
          for (guint i = 0; i < self->hits->len; i++)
            gtk_list_box_append (self->results_list, hit_row_new (self, g_ptr_array_index (self->hits, i)));
          if (self->hits->len == 0)
            count = g_strdup (_("No page of the records has these words. Scanned pages cannot be searched."));
          else if (self->hits->len >= MAX_HITS)
            count = g_strdup_printf (_("The first %u pages with these words"), MAX_HITS);
          else
            count = g_strdup_printf (ngettext ("%u page has these words", "%u pages have these words",
                                               self->hits->len), self->hits->len);
        }
      if (self->indexing_record != 0)
        {
          g_autofree char *partial = g_strdup_printf ("%s %s", count,
                                                      _("Records still being indexed are searched when they are done."));
          g_free (count);
          count = g_steal_pointer (&partial);
        }
      gtk_label_set_text (self->hits_label, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count, -1);
      gtk_revealer_set_reveal_child (self->results_revealer, TRUE);
    }
  highlight_bound_pages (self);
  _rd_records_pane_update_actions (self);
}

/**
 * _rd_records_pane_search_again:
 *
 * Runs the search shown again, e.g. when more text was indexed.
 */
void
_rd_records_pane_search_again (RdRecordsPane *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    run_search (self);
}

static void
show_hit (RdRecordsPane *self,
          int            index)
{
  RdCaseSearchHit *hit;

  if (self->hits == NULL || self->hits->len == 0)
    return;
  index = (index + (int) self->hits->len) % (int) self->hits->len;
  self->hit_index = index;
  hit = g_ptr_array_index (self->hits, index);
  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, index));
  _rd_records_pane_open_record (self, hit->record_id, hit->page_number - 1);
}

static void
hit_activated (RdRecordsPane *self,
               GtkListBoxRow *row)
{
  show_hit (self, gtk_list_box_row_get_index (row));
}

static void
next_hit (RdRecordsPane *self)
{
  show_hit (self, self->hit_index + 1);
}

static void
previous_hit (RdRecordsPane *self)
{
  show_hit (self, self->hit_index < 0 ? -1 : self->hit_index - 1);
}

static void
next_hit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  next_hit (RD_RECORDS_PANE (widget));
}

static void
previous_hit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  previous_hit (RD_RECORDS_PANE (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RdRecordsPane *self = RD_RECORDS_PANE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static gboolean
entry_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   RdRecordsPane         *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK))
    {
      previous_hit (self);
      return TRUE;
    }
  return FALSE;
}

static void
search_mode_changed (RdRecordsPane *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      clear_hits (self);
      highlight_bound_pages (self);
      _rd_records_pane_update_actions (self);
    }
}

/**
 * rd_records_pane_search:
 * @query: the words to find, e.g. a criterion's key words
 *
 * Opens the search bar with @query and lists the pages of all the case's
 * records that hold every word; the first hit is shown.
 */
void
rd_records_pane_search (RdRecordsPane *self,
                        const char    *query)
{
  g_return_if_fail (RD_IS_RECORDS_PANE (self));
  g_return_if_fail (query != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  g_signal_handlers_block_by_func (self->search_entry, run_search, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  g_signal_handlers_unblock_by_func (self->search_entry, run_search, self);
  run_search (self);
  show_hit (self, 0);
}

void
_rd_records_pane_search_init (RdRecordsPane *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->hit_index = -1;
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (run_search), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (next_hit), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (next_hit), self);
  g_signal_connect_swapped (self->search_entry, "previous-match", G_CALLBACK (previous_hit), self);
  g_signal_connect_object (self->results_list, "row-activated", G_CALLBACK (hit_activated), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (entry_key_pressed), self, 0);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  /* Ctrl+F finds in the records wherever the focus is in the window. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("records.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

void
_rd_records_pane_search_dispose (RdRecordsPane *self)
{
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->hit_words, g_strfreev);
}

void
_rd_records_pane_search_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "records.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "records.next-hit", NULL, next_hit_action);
  gtk_widget_class_install_action (widget_class, "records.previous-hit", NULL, previous_hit_action);
}
