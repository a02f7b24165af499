/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-records-pane-private.h"

/* Selecting a passage, citing it for a criterion or documentation item, and
 * showing cited evidence. */

/* The longest quote stored when a whole page is cited. */
#define MAX_PAGE_QUOTE 2000

void
_rd_records_pane_clear_selection (RdRecordsPane *self)
{
  RdPageView *view;

  g_cancellable_cancel (self->select_cancellable);
  g_clear_object (&self->select_cancellable);
  if (self->selection != NULL && self->bound_pages != NULL &&
      (view = _rd_records_pane_find_page_view (self, self->selection_page)) != NULL)
    rd_page_view_set_layer (view, RD_PAGE_LAYER_SELECTION, NULL);
  g_clear_pointer (&self->selection, rd_selection_free);
  if (self->cite_button != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->cite_button), "suggested-action");
}

static gboolean
page_is_scan (RdRecordsPane *self,
              guint          page)
{
  gboolean has_text_layer = TRUE;
  g_autofree char *text = rd_case_file_get_page_text (self->case_file, self->record_id, page + 1,
                                                      &has_text_layer, NULL);

  /* Not indexed yet: the page is taken as text, and a text selection that
   * finds nothing falls back to the rectangle. */
  return text != NULL && !has_text_layer;
}

static GArray *
rects_of (const RdRect *rect)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (RdRect));

  g_array_append_vals (rects, rect, 1);
  return rects;
}

static void
selection_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdRecordsPane) self = user_data;
  g_autoptr(GError) error = NULL;
  RdSelection *selection = rd_document_select_finish (RD_DOCUMENT (source), result, &error);
  RdPageView *view;

  if (selection == NULL)
    return;
  g_clear_object (&self->select_cancellable);
  g_clear_pointer (&self->selection, rd_selection_free);
  self->selection = selection;
  if ((view = _rd_records_pane_find_page_view (self, self->selection_page)) != NULL)
    rd_page_view_set_layer (view, RD_PAGE_LAYER_SELECTION, selection->rects);
  gtk_widget_add_css_class (GTK_WIDGET (self->cite_button), "suggested-action");
  if (gtk_widget_get_mapped (GTK_WIDGET (self->cite_button)))
    gtk_menu_button_popup (self->cite_button);
}

/**
 * _rd_records_pane_page_selected:
 *
 * A drag ended on a page: asks the worker what it covers, as text (flowing from
 * where the drag started) or, on a scan or with rectangles chosen, as an area.
 */
void
_rd_records_pane_page_selected (RdRecordsPane *self,
                                RdPageView    *view,
                                double         x1,
                                double         y1,
                                double         x2,
                                double         y2)
{
  guint page = rd_page_view_get_page (view);
  gboolean area = gtk_toggle_button_get_active (self->area_button) || page_is_scan (self, page);
  RdRect rect;

  if (self->document == NULL)
    return;
  _rd_records_pane_clear_selection (self);
  if (area)
    rect = (RdRect) { MIN (x1, x2), MIN (y1, y2), fabs (x2 - x1), fabs (y2 - y1) };
  else
    rect = (RdRect) { x1, y1, x2 - x1, y2 - y1 };
  self->selection_page = page;
  self->select_cancellable = g_cancellable_new ();
  rd_document_select_async (self->document, page, &rect, area ? RD_SELECTION_AREA : RD_SELECTION_TEXT,
                            self->select_cancellable, selection_done, g_object_ref (self));
}

static void
bounding_box (GArray *rects,
              RdRect *box)
{
  double x2 = 0, y2 = 0;

  *box = g_array_index (rects, RdRect, 0);
  x2 = box->x + box->width;
  y2 = box->y + box->height;
  for (guint i = 1; i < rects->len; i++)
    {
      RdRect *r = &g_array_index (rects, RdRect, i);
      box->x = MIN (box->x, r->x);
      box->y = MIN (box->y, r->y);
      x2 = MAX (x2, r->x + r->width);
      y2 = MAX (y2, r->y + r->height);
    }
  box->width = x2 - box->x;
  box->height = y2 - box->y;
}

static void
show_evidence_region (RdRecordsPane *self,
                      gint64         record_id,
                      guint          page,
                      const RdRect  *rect)
{
  RdPageView *view;

  self->evidence_record = record_id;
  self->evidence_page = page;
  self->evidence_rect = *rect;
  if (record_id == self->record_id && (view = _rd_records_pane_find_page_view (self, page)) != NULL)
    _rd_records_pane_highlight_cited (self, view);
}

/* Cites the selection, or the whole current page when nothing is selected. */
static void
cite_for (RdRecordsPane *self,
          RdCiteTarget  *target)
{
  RdCaseEvidence evidence = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *message = NULL;
  RdRect box;
  gint64 id;

  if (self->document == NULL)
    return;
  if (self->selection != NULL && self->selection->rects->len > 0)
    {
      bounding_box (self->selection->rects, &box);
      evidence.page_number = self->selection_page + 1;
      evidence.quote = self->selection->text;
    }
  else
    {
      box.x = box.y = 0;
      rd_document_get_page_size (self->document, self->page, &box.width, &box.height);
      evidence.page_number = self->page + 1;
      page_text = rd_case_file_get_page_text (self->case_file, self->record_id, self->page + 1, NULL, NULL);
      if (page_text != NULL && g_utf8_strlen (page_text, -1) > MAX_PAGE_QUOTE)
        *g_utf8_offset_to_pointer (page_text, MAX_PAGE_QUOTE) = '\0';
      evidence.quote = page_text != NULL ? g_strstrip (page_text) : (char *) "";
    }
  evidence.record_id = self->record_id;
  evidence.x = box.x;
  evidence.y = box.y;
  evidence.width = box.width;
  evidence.height = box.height;
  evidence.target_kind = rd_cite_target_get_kind (target);
  evidence.policy_id = (char *) rd_cite_target_get_policy_id (target);
  evidence.target_id = (char *) rd_cite_target_get_target_id (target);

  id = rd_case_file_add_evidence (self->case_file, &evidence, &error);
  if (id == 0)
    {
      message = g_strdup_printf (_("The passage was not cited: %s"), error->message);
      _rd_records_pane_toast (self, message);
      return;
    }
  _rd_records_pane_clear_selection (self);
  show_evidence_region (self, self->record_id, evidence.page_number - 1, &box);
  message = g_strdup_printf (_("Cited page %u for “%s”"), evidence.page_number, rd_cite_target_get_title (target));
  _rd_records_pane_toast (self, message);
  _rd_records_pane_emit_evidence_added (self, id);
}

static void
target_activated (RdRecordsPane *self,
                  GtkListBoxRow *row)
{
  RdCiteTarget *target = g_object_get_data (G_OBJECT (row), "rd-cite-target");

  gtk_popover_popdown (self->cite_popover);
  if (target != NULL)
    cite_for (self, target);
}

static GtkWidget *
target_row_new (RdCiteTarget *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_cite_target_get_title (target));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (rd_cite_target_get_subtitle (target) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rd_cite_target_get_subtitle (target));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "rd-cite-target", g_object_ref (target), g_object_unref);
  return row;
}

/* Fills the menu each time it opens, from the host's current targets. */
static void
cite_popover_shown (RdRecordsPane *self)
{
  GtkWidget *row;
  guint n_targets = self->cite_targets != NULL ? g_list_model_get_n_items (self->cite_targets) : 0;
  g_autofree char *quote = NULL;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->cite_list))) != NULL)
    gtk_list_box_remove (self->cite_list, row);

  if (self->selection != NULL && self->selection->text[0] != '\0')
    quote = g_strdup_printf (_("Cite “%s” for:"), self->selection->text);
  else if (self->selection != NULL)
    quote = g_strdup_printf (_("Cite the selected region of page %u for:"), self->selection_page + 1);
  else
    quote = g_strdup_printf (_("Nothing is selected: drag over a page to select a passage, or cite all of page %u for:"),
                             self->page + 1);
  gtk_label_set_text (self->cite_quote_label, quote);

  for (guint i = 0; i < n_targets; i++)
    {
      g_autoptr(RdCiteTarget) target = g_list_model_get_item (self->cite_targets, i);
      gtk_list_box_append (self->cite_list, target_row_new (target));
    }
  if (n_targets == 0)
    {
      GtkWidget *label = gtk_label_new (_("There is nothing to cite for yet: choose the policy under review first."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_set_placeholder (self->cite_list, label);
    }
}

/**
 * _rd_records_pane_highlight_cited:
 *
 * Shows the evidence being looked at, and the selection, on a page of the list.
 */
void
_rd_records_pane_highlight_cited (RdRecordsPane *self,
                                  RdPageView    *view)
{
  guint page = rd_page_view_get_page (view);
  g_autoptr(GArray) rects = NULL;

  if (self->evidence_record != 0 && self->evidence_record == self->record_id && self->evidence_page == page)
    rects = rects_of (&self->evidence_rect);
  rd_page_view_set_layer (view, RD_PAGE_LAYER_EVIDENCE, rects);
  rd_page_view_set_layer (view, RD_PAGE_LAYER_SELECTION,
                          self->selection != NULL && self->selection_page == page ? self->selection->rects : NULL);
}

/**
 * rd_records_pane_show_evidence:
 * @evidence_id: evidence of the case
 *
 * Opens the cited record at the cited page, with the cited region highlighted.
 * When the case has no such evidence (it was removed), the pane says so in a
 * toast: the caller need not.
 *
 * Returns: %FALSE when the case has no such evidence
 */
gboolean
rd_records_pane_show_evidence (RdRecordsPane *self,
                               gint64         evidence_id)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RD_IS_RECORDS_PANE (self), FALSE);
  g_return_val_if_fail (self->case_file != NULL, FALSE);

  all = rd_case_file_list_evidence (self->case_file, NULL, NULL, &error);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      RdCaseEvidence *evidence = g_ptr_array_index (all, i);
      RdRect rect = { evidence->x, evidence->y, evidence->width, evidence->height };

      if (evidence->id != evidence_id)
        continue;
      show_evidence_region (self, evidence->record_id, evidence->page_number - 1, &rect);
      _rd_records_pane_open_record (self, evidence->record_id, evidence->page_number - 1);
      return TRUE;
    }
  _rd_records_pane_toast (self, error != NULL ? error->message
                                              : _("This evidence is no longer in the case: its record or passage was removed."));
  return FALSE;
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _rd_records_pane_clear_selection (RD_RECORDS_PANE (widget));
}

static void
cite_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RdRecordsPane *self = RD_RECORDS_PANE (widget);
  gtk_menu_button_popup (self->cite_button);
}

void
_rd_records_pane_cite_init (RdRecordsPane *self)
{
  g_signal_connect_object (self->cite_popover, "show", G_CALLBACK (cite_popover_shown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cite_list, "row-activated", G_CALLBACK (target_activated), self, G_CONNECT_SWAPPED);
}

void
_rd_records_pane_cite_dispose (RdRecordsPane *self)
{
  g_cancellable_cancel (self->select_cancellable);
  g_clear_object (&self->select_cancellable);
  g_clear_pointer (&self->selection, rd_selection_free);
}

void
_rd_records_pane_cite_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "records.cite-page", NULL, cite_page_action);
  gtk_widget_class_install_action (widget_class, "records.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "records.clear-selection", NULL);
}
