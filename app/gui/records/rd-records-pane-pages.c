/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-records-pane-private.h"

/* The page list, the thumbnails, zoom and scrolling of the records pane. */

#define POINTS_TO_PIXELS (96.0 / 72.0)  /* 100 % zoom: a point at 96 pixels per inch */
#define PAGE_MARGIN 12                  /* around each page in the list */
#define THUMBNAIL_WIDTH 96
#define N_NEIGHBOURS 2                  /* pages rendered ahead in the scroll direction */
#define ALIGN_SETTLED_FRAMES 15         /* a jump holds the page at the top this long */
#define ALIGN_MAX_FRAMES 90

static const double zoom_steps[] = { 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0 };

typedef struct {
  RdRecordsPane *pane;
  RdPageView    *view;      /* NULL for a neighbour rendered into the cache only */
  guint64        document_id;
  guint          page;
  int            width;
  GCancellable  *cancellable;
} RenderRequest;

static void
render_request_free (RenderRequest *request)
{
  g_clear_object (&request->pane);
  g_clear_object (&request->view);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static GdkTexture *
texture_for_image (RdPageImage *image)
{
  return gdk_memory_texture_new (rd_page_image_get_width (image), rd_page_image_get_height (image),
                                 GDK_MEMORY_DEFAULT, rd_page_image_get_pixels (image),
                                 rd_page_image_get_stride (image));
}

/* Returns: (transfer full) (nullable): the view of @page in the page list if it
 * still shows no pixels of @width. */
static RdPageView *
find_waiting_view (RdRecordsPane *self,
                   guint          page,
                   int            width)
{
  RdPageView *view;

  if (self->bound_pages == NULL || (view = _rd_records_pane_find_page_view (self, page)) == NULL ||
      rd_page_view_get_render_width (view) != width || rd_page_view_has_texture_for (view, width))
    return NULL;
  return g_object_ref (view);
}

static void
page_rendered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RenderRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPageImage) image = rd_document_render_finish (RD_DOCUMENT (source), result, &error);

  if (request->view == NULL && request->pane->prefetches != NULL)
    g_ptr_array_remove (request->pane->prefetches, request->cancellable);
  if (image == NULL)
    {
      /* Cancelled: the page was unbound or scrolled past; nothing to show. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("A record page could not be rendered: %s", error->message);
      render_request_free (request);
      return;
    }

  rd_page_cache_insert (request->pane->cache, request->document_id, request->width, image);
  /* Not cancelled, so still the job the view waits for. A page rendered
   * ahead goes to its view too if the list has bound one meanwhile (then
   * waiting for a second rendering of the same page). */
  if (request->view == NULL)
    request->view = find_waiting_view (request->pane, request->page, request->width);
  if (request->view != NULL)
    {
      g_autoptr(GdkTexture) texture = texture_for_image (image);

      rd_page_view_set_pending (request->view, NULL, 0);
      rd_page_view_set_texture (request->view, texture, request->width);
    }
  render_request_free (request);
}

static void
request_render (RdRecordsPane *self,
                RdPageView    *view,
                guint          page,
                int            width,
                RdJobPriority  priority)
{
  RenderRequest *request = g_new0 (RenderRequest, 1);

  request->pane = g_object_ref (self);
  request->view = view != NULL ? g_object_ref (view) : NULL;
  request->document_id = rd_document_get_id (self->document);
  request->page = page;
  request->width = width;
  request->cancellable = g_cancellable_new ();
  if (view != NULL)
    rd_page_view_set_pending (view, request->cancellable, width);
  else
    g_ptr_array_add (self->prefetches, g_object_ref (request->cancellable));
  rd_document_render_async (self->document, page, width, priority, request->cancellable,
                            page_rendered, request);
}

/* Gives a page the pixels for its size: from the cache, or from the worker
 * (meanwhile a texture of another size stays, scaled). */
static void
ensure_page_image (RdRecordsPane *self,
                   RdPageView    *view,
                   RdJobPriority  priority)
{
  guint page = rd_page_view_get_page (view);
  int width = rd_page_view_get_render_width (view);
  g_autoptr(RdPageImage) image = NULL;

  if (self->document == NULL || !rd_page_view_needs_render (view))
    return;
  image = rd_page_cache_lookup (self->cache, rd_document_get_id (self->document), page, width);
  if (image != NULL)
    {
      g_autoptr(GdkTexture) texture = texture_for_image (image);

      rd_page_view_set_pending (view, NULL, 0);
      rd_page_view_set_texture (view, texture, width);
      return;
    }
  request_render (self, view, page, width, priority);
}

void
_rd_records_pane_cancel_prefetches (RdRecordsPane *self)
{
  for (guint i = 0; self->prefetches != NULL && i < self->prefetches->len; i++)
    g_cancellable_cancel (g_ptr_array_index (self->prefetches, i));
  if (self->prefetches != NULL)
    g_ptr_array_set_size (self->prefetches, 0);
}

static int
render_width_of (RdRecordsPane *self,
                 guint          page)
{
  double width_points;

  rd_document_get_page_size (self->document, page, &width_points, NULL);
  return MAX (1, (int) ceil (width_points * self->pixels_per_point) * gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* Renders the pages just beyond the visible ones, in the direction the reader
 * scrolls, so they are ready when they come into view: through their widget
 * when the list has bound one, otherwise into the cache. */
static void
render_neighbours (RdRecordsPane *self,
                   guint          first,
                   guint          last)
{
  guint n_pages = rd_document_get_n_pages (self->document);

  for (guint i = 1; i <= N_NEIGHBOURS; i++)
    {
      gint64 page = self->scroll_direction >= 0 ? (gint64) last + i : (gint64) first - i;
      RdPageView *view;
      int width;

      if (page < 0 || page >= n_pages)
        break;
      if ((view = _rd_records_pane_find_page_view (self, (guint) page)) != NULL)
        {
          ensure_page_image (self, view, RD_JOB_PRIORITY_NEIGHBOUR);
          continue;
        }
      width = render_width_of (self, (guint) page);
      if (!rd_page_cache_contains (self->cache, rd_document_get_id (self->document), (guint) page, width))
        request_render (self, NULL, (guint) page, width, RD_JOB_PRIORITY_NEIGHBOUR);
    }
}

/* Starts rendering a page the list is about to show, before it has bound and
 * laid it out (which takes a frame or two after a record is opened); the
 * pixels go to the cache and to the page's view. Only when the pane knows its
 * size. */
static void
render_ahead (RdRecordsPane *self,
              guint          page)
{
  int width;

  if (gtk_widget_get_width (GTK_WIDGET (self->pages_scroller)) <= 0)
    return;
  width = render_width_of (self, page);
  if (!rd_page_cache_contains (self->cache, rd_document_get_id (self->document), page, width))
    request_render (self, NULL, page, width, RD_JOB_PRIORITY_VISIBLE);
}

static gboolean
is_on_screen (GtkWidget *view,
              GtkWidget *list)
{
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (view) && gtk_widget_compute_bounds (view, list, &bounds) &&
         bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (list) &&
         bounds.size.height > 0;
}

/* Lets go of the pixels of a page the list keeps bound off screen: GTK 4.8
 * keeps up to a couple of hundred items bound, and their textures would hold
 * memory outside the cache's budget. The cache still has them, if recent. */
static void
release_page_image (RdPageView *view)
{
  rd_page_view_cancel_pending (view);
  rd_page_view_set_texture (view, NULL, 0);
}

static gboolean
is_neighbour (RdRecordsPane *self,
              guint          page,
              guint          first,
              guint          last)
{
  if (first == G_MAXUINT)
    return FALSE;
  if (self->scroll_direction >= 0)
    return page > last && page <= last + N_NEIGHBOURS;
  return page < first && page + N_NEIGHBOURS >= first;
}

/* Asks for the pixels of what is on screen, then of its neighbours, and
 * releases the rest. The list binds more items than it shows (all of them, up
 * to its limit, before its first layout), so binding alone does not decide
 * what is rendered: the layout does. */
static void
render_pass (RdRecordsPane *self)
{
  GtkWidget *list = GTK_WIDGET (self->pages_view);
  GHashTableIter iter;
  gpointer view;
  guint first = G_MAXUINT, last = 0;

  if (self->document == NULL)
    return;
  g_hash_table_iter_init (&iter, self->bound_pages);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    if (is_on_screen (view, list))
      {
        guint page = rd_page_view_get_page (view);

        first = MIN (first, page);
        last = MAX (last, page);
        ensure_page_image (self, view, RD_JOB_PRIORITY_VISIBLE);
      }
  g_hash_table_iter_init (&iter, self->bound_pages);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    {
      guint page = rd_page_view_get_page (view);

      if ((page < first || page > last) && !is_neighbour (self, page, first, last))
        release_page_image (view);
    }
  if (first != G_MAXUINT)
    render_neighbours (self, first, last);

  list = GTK_WIDGET (self->thumbnails_view);
  g_hash_table_iter_init (&iter, self->bound_thumbnails);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    if (is_on_screen (view, list))
      ensure_page_image (self, view, RD_JOB_PRIORITY_THUMBNAIL);
    else
      release_page_image (view);
}

static gboolean
render_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  RdRecordsPane *self = user_data;

  self->render_tick = 0;
  render_pass (self);
  return G_SOURCE_REMOVE;
}

/* Runs a render pass at the next frame, once the list has laid itself out. */
static void
schedule_render (RdRecordsPane *self)
{
  if (self->render_tick == 0)
    self->render_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), render_tick, self, NULL);
}

void
_rd_records_pane_refresh_page (RdRecordsPane *self,
                               RdPageView    *view)
{
  rd_page_view_set_zoom (view, self->pixels_per_point);
  schedule_render (self);
}

RdPageView *
_rd_records_pane_find_page_view (RdRecordsPane *self,
                                 guint          page)
{
  GHashTableIter iter;
  gpointer view;

  g_hash_table_iter_init (&iter, self->bound_pages);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    if (rd_page_view_get_page (view) == page)
      return view;
  return NULL;
}

static gboolean
thumbnail_on_screen (RdRecordsPane *self,
                     guint          page)
{
  GHashTableIter iter;
  gpointer view;

  g_hash_table_iter_init (&iter, self->bound_thumbnails);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    if (rd_page_view_get_page (view) == page)
      return is_on_screen (view, GTK_WIDGET (self->thumbnails_view));
  return FALSE;
}

/* Scrolls the thumbnails to the current page, over the frames it takes the
 * list to lay itself out (scroll-to-item does nothing before). */
static gboolean
thumbnail_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  RdRecordsPane *self = user_data;

  if (self->document != NULL && !thumbnail_on_screen (self, self->page) && ++self->thumbnail_attempts < 60)
    {
      gtk_widget_activate_action (widget, "list.scroll-to-item", "u", self->page);
      return G_SOURCE_CONTINUE;
    }
  self->thumbnail_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
follow_in_thumbnails (RdRecordsPane *self)
{
  if (!gtk_toggle_button_get_active (self->thumbnails_button) || self->document == NULL)
    return;
  self->thumbnail_attempts = 0;
  if (self->thumbnail_tick == 0)
    self->thumbnail_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->thumbnails_view), thumbnail_tick, self, NULL);
}

static void
set_current_page (RdRecordsPane *self,
                  guint          page)
{
  g_autofree char *text = g_strdup_printf ("%u", page + 1);

  if (!gtk_widget_has_focus (GTK_WIDGET (self->page_entry)) ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->page_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->page_entry), "error");
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->thumbnails_view)), page);
  if (self->page == page)
    return;
  self->page = page;
  follow_in_thumbnails (self);
  _rd_records_pane_notify_page (self);
}

/* The current page is the one that takes the most of the view. */
static void
update_current_page (RdRecordsPane *self)
{
  int viewport = gtk_widget_get_height (GTK_WIDGET (self->pages_view));
  GHashTableIter iter;
  gpointer view;
  double best = -1;
  guint current = self->page;

  if (self->document == NULL || self->align_page != G_MAXUINT)
    return;
  g_hash_table_iter_init (&iter, self->bound_pages);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    {
      graphene_rect_t bounds;
      guint page = rd_page_view_get_page (view);
      double visible;

      /* The list keeps some items bound off screen, unmapped, at old positions. */
      if (!gtk_widget_get_mapped (view) ||
          !gtk_widget_compute_bounds (view, GTK_WIDGET (self->pages_view), &bounds))
        continue;
      visible = MIN (bounds.origin.y + bounds.size.height, viewport) - MAX (bounds.origin.y, 0);
      if (visible > best + 0.5 || (fabs (visible - best) <= 0.5 && page < current))
        {
          best = visible;
          current = page;
        }
    }
  if (best > 0)
    set_current_page (self, current);
}

static void
scrolled (RdRecordsPane *self,
          GtkAdjustment *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);

  if (value != self->last_scroll)
    self->scroll_direction = value > self->last_scroll ? 1 : -1;
  self->last_scroll = value;
  update_current_page (self);
  schedule_render (self);
}

static void
stop_aligning (RdRecordsPane *self)
{
  if (self->align_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->pages_view), self->align_tick);
  self->align_tick = 0;
  self->align_page = G_MAXUINT;
}

/* Brings the page being jumped to to the top of the view once the list has
 * laid it out (list.scroll-to-item only makes it visible somewhere), and keeps
 * it there while the view settles, e.g. as the search results slide open above. */
static gboolean
align_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  RdRecordsPane *self = user_data;
  RdPageView *view = _rd_records_pane_find_page_view (self, self->align_page);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pages_view));
  graphene_rect_t bounds;
  double target, max;

  if (++self->align_attempts > ALIGN_MAX_FRAMES)
    {
      self->align_tick = 0;
      self->align_page = G_MAXUINT;
      update_current_page (self);
      return G_SOURCE_REMOVE;
    }
  if (view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (view)) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (view), widget, &bounds) ||
      gtk_widget_get_height (GTK_WIDGET (view)) == 0)
    {
      self->align_settled = 0;
      gtk_widget_activate_action (widget, "list.scroll-to-item", "u", self->align_page);
      return G_SOURCE_CONTINUE;
    }
  target = gtk_adjustment_get_value (adjustment) + bounds.origin.y - PAGE_MARGIN / 2;
  max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  /* Near the end the last pages cannot reach the top: as close as it goes. */
  target = CLAMP (target, 0, MAX (max, 0));
  if (fabs (target - gtk_adjustment_get_value (adjustment)) > 0.5)
    {
      self->align_settled = 0;
      gtk_adjustment_set_value (adjustment, target);
      return G_SOURCE_CONTINUE;
    }
  if (++self->align_settled < ALIGN_SETTLED_FRAMES)
    return G_SOURCE_CONTINUE;
  self->align_tick = 0;
  self->align_page = G_MAXUINT;
  self->last_scroll = gtk_adjustment_get_value (adjustment);
  return G_SOURCE_REMOVE;
}

/**
 * _rd_records_pane_scroll_to_page:
 * @page: a page index of the record shown
 *
 * Jumps to a page: it becomes the current page at once, and the view brings
 * it to the top over the next frames.
 */
void
_rd_records_pane_scroll_to_page (RdRecordsPane *self,
                                 guint          page)
{
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (page < rd_document_get_n_pages (self->document));

  stop_aligning (self);
  set_current_page (self, page);
  self->align_page = page;
  self->align_attempts = 0;
  self->align_settled = 0;
  gtk_widget_activate_action (GTK_WIDGET (self->pages_view), "list.scroll-to-item", "u", page);
  self->align_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->pages_view), align_tick, self, NULL);
}

static double
fit_pixels_per_point (RdRecordsPane *self)
{
  double width_points, height_points;
  int width = gtk_widget_get_width (GTK_WIDGET (self->pages_scroller)) - 2 * PAGE_MARGIN;
  int height = gtk_widget_get_height (GTK_WIDGET (self->pages_scroller)) - 2 * PAGE_MARGIN;
  double ppp;

  if (width <= 0 || height <= 0)
    return POINTS_TO_PIXELS;
  rd_document_get_page_size (self->document, self->page, &width_points, &height_points);
  ppp = width / width_points;
  if (self->zoom_mode == RD_ZOOM_FIT_PAGE)
    ppp = MIN (ppp, height / height_points);
  return CLAMP (ppp, zoom_steps[0] * POINTS_TO_PIXELS, zoom_steps[G_N_ELEMENTS (zoom_steps) - 1] * POINTS_TO_PIXELS);
}

static void
update_zoom_label (RdRecordsPane *self)
{
  g_autofree char *label = NULL;

  /* The button shows the zoom in few words: a long label would widen the
   * toolbar, and with it the narrowest window the case fits in. */
  if (self->zoom_mode == RD_ZOOM_FIT_WIDTH)
    label = g_strdup (C_("zoom level", "Fit Width"));
  else if (self->zoom_mode == RD_ZOOM_FIT_PAGE)
    label = g_strdup (C_("zoom level", "Fit Page"));
  else
    /* Translators: a zoom level, e.g. "150 %" */
    label = g_strdup_printf (_("%.0f %%"), self->zoom * 100);
  gtk_menu_button_set_label (self->zoom_button, label);
}

/* Lays the pages out at the zoom asked for; renders again what changed size. */
static void
apply_zoom (RdRecordsPane *self)
{
  double ppp;
  GHashTableIter iter;
  gpointer view;
  guint page = self->page;

  update_zoom_label (self);
  if (self->document == NULL)
    return;
  ppp = self->zoom_mode == RD_ZOOM_FREE ? self->zoom * POINTS_TO_PIXELS : fit_pixels_per_point (self);
  if (fabs (ppp - self->pixels_per_point) < 0.001)
    return;
  self->pixels_per_point = ppp;
  if (self->zoom_mode != RD_ZOOM_FREE)
    self->zoom = ppp / POINTS_TO_PIXELS;
  _rd_records_pane_cancel_prefetches (self);
  g_hash_table_iter_init (&iter, self->bound_pages);
  while (g_hash_table_iter_next (&iter, &view, NULL))
    _rd_records_pane_refresh_page (self, view);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->pages_view)))
    _rd_records_pane_scroll_to_page (self, page);
  _rd_records_pane_update_actions (self);
  _rd_records_pane_notify_zoom (self);
}

static void
set_zoom (RdRecordsPane *self,
          RdZoomMode     mode,
          double         zoom)
{
  self->zoom_mode = mode;
  if (mode == RD_ZOOM_FREE)
    self->zoom = CLAMP (zoom, zoom_steps[0], zoom_steps[G_N_ELEMENTS (zoom_steps) - 1]);
  apply_zoom (self);
}

static void
zoom_step (RdRecordsPane *self,
           int            direction)
{
  double zoom = self->zoom;

  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
        if (zoom_steps[i] > self->zoom + 0.01)
          {
            zoom = zoom_steps[i];
            break;
          }
    }
  else
    {
      for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
        if (zoom_steps[i - 1] < self->zoom - 0.01)
          {
            zoom = zoom_steps[i - 1];
            break;
          }
    }
  set_zoom (self, RD_ZOOM_FREE, zoom);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  zoom_step (RD_RECORDS_PANE (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  zoom_step (RD_RECORDS_PANE (widget), -1);
}

static void
zoom_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  set_zoom (RD_RECORDS_PANE (widget), RD_ZOOM_FREE, g_variant_get_double (param));
}

static void
zoom_fit_width_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  set_zoom (RD_RECORDS_PANE (widget), RD_ZOOM_FIT_WIDTH, 0);
}

static void
zoom_fit_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  set_zoom (RD_RECORDS_PANE (widget), RD_ZOOM_FIT_PAGE, 0);
}

static void
go_to_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RdRecordsPane *self = RD_RECORDS_PANE (widget);
  guint page_number = g_variant_get_uint32 (param);

  if (self->document != NULL && page_number >= 1 && page_number <= rd_document_get_n_pages (self->document))
    _rd_records_pane_scroll_to_page (self, page_number - 1);
}

static void
step_page (RdRecordsPane *self,
           int            direction)
{
  gint64 page = (gint64) self->page + direction;

  if (self->document != NULL && page >= 0 && page < rd_document_get_n_pages (self->document))
    _rd_records_pane_scroll_to_page (self, (guint) page);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  step_page (RD_RECORDS_PANE (widget), 1);
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  step_page (RD_RECORDS_PANE (widget), -1);
}

static gboolean
ctrl_scrolled (GtkEventControllerScroll *controller,
               double                    dx,
               double                    dy,
               RdRecordsPane            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0 || self->document == NULL)
    {
      /* The reader scrolls: a jump in progress gives way. */
      stop_aligning (self);
      return FALSE;
    }
  zoom_step (self, dy < 0 ? 1 : -1);
  return TRUE;
}

static void
page_entry_activated (RdRecordsPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->page_entry));
  guint64 number = 0;

  if (self->document != NULL &&
      g_ascii_string_to_unsigned (text, 10, 1, rd_document_get_n_pages (self->document), &number, NULL))
    {
      _rd_records_pane_scroll_to_page (self, (guint) number - 1);
      gtk_widget_grab_focus (GTK_WIDGET (self->pages_scroller));
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->page_entry), "error");
}

static void
page_selected (RdPageView    *view,
               double         x1,
               double         y1,
               double         x2,
               double         y2,
               RdRecordsPane *self)
{
  _rd_records_pane_page_selected (self, view, x1, y1, x2, y2);
}

static void
setup_page (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            RdRecordsPane            *self)
{
  GtkWidget *view = rd_page_view_new ();

  gtk_widget_set_halign (view, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (view, PAGE_MARGIN / 2);
  gtk_widget_set_margin_bottom (view, PAGE_MARGIN / 2);
  gtk_widget_set_margin_start (view, PAGE_MARGIN);
  gtk_widget_set_margin_end (view, PAGE_MARGIN);
  rd_page_view_set_selectable (RD_PAGE_VIEW (view), TRUE);
  g_signal_connect_object (view, "selected", G_CALLBACK (page_selected), self, 0);
  gtk_list_item_set_child (item, view);
  /* A page is not a focus stop: GTK 4.8 would stop Tab at every page of the
   * list. The list's scrolled window is the one stop (see
   * _rd_records_pane_pages_init()). */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_page (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RdRecordsPane            *self)
{
  RdPageView *view = RD_PAGE_VIEW (gtk_list_item_get_child (item));
  guint page = gtk_list_item_get_position (item);
  double width, height;

  if (self->document == NULL || page >= rd_document_get_n_pages (self->document))
    return;
  rd_document_get_page_size (self->document, page, &width, &height);
  rd_page_view_set_page (view, page, width, height);
  rd_page_view_set_scanned (view, _rd_records_pane_is_scanned (self, page));
  g_hash_table_add (self->bound_pages, view);
  _rd_records_pane_refresh_page (self, view);
  _rd_records_pane_highlight_hits (self, view);
  _rd_records_pane_highlight_cited (self, view);
}

static void
unbind_page (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RdRecordsPane            *self)
{
  RdPageView *view = RD_PAGE_VIEW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->bound_pages, view);
  rd_page_view_cancel_pending (view);
  /* Pixels live in the cache, within its budget, not in pages off screen. */
  rd_page_view_set_texture (view, NULL, 0);
}

static void
setup_thumbnail (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 RdRecordsPane            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *view = rd_page_view_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (view, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_thumbnail (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RdRecordsPane            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  RdPageView *view = RD_PAGE_VIEW (gtk_widget_get_first_child (box));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_last_child (box));
  guint page = gtk_list_item_get_position (item);
  g_autofree char *text = NULL;
  double width, height;

  if (self->document == NULL || page >= rd_document_get_n_pages (self->document))
    return;
  rd_document_get_page_size (self->document, page, &width, &height);
  rd_page_view_set_page (view, page, width, height);
  rd_page_view_set_zoom (view, THUMBNAIL_WIDTH / width);
  text = g_strdup_printf ("%u", page + 1);
  gtk_label_set_text (label, text);
  g_hash_table_add (self->bound_thumbnails, view);
  schedule_render (self);
}

static void
unbind_thumbnail (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  RdRecordsPane            *self)
{
  RdPageView *view = RD_PAGE_VIEW (gtk_widget_get_first_child (gtk_list_item_get_child (item)));

  g_hash_table_remove (self->bound_thumbnails, view);
  rd_page_view_cancel_pending (view);
  rd_page_view_set_texture (view, NULL, 0);
}

static void
thumbnail_activated (RdRecordsPane *self,
                     guint          position)
{
  if (self->document != NULL && position < rd_document_get_n_pages (self->document))
    _rd_records_pane_scroll_to_page (self, position);
}

static gboolean
zoom_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  RdRecordsPane *self = user_data;

  self->zoom_tick = 0;
  apply_zoom (self);
  return G_SOURCE_REMOVE;
}

/* The list tells its new size while it lays itself out: the pages are resized
 * for it at the start of the next frame, not in the middle of this layout. */
static void
viewport_resized (RdRecordsPane *self)
{
  if (self->zoom_mode != RD_ZOOM_FREE && self->zoom_tick == 0)
    self->zoom_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), zoom_tick, self, NULL);
  schedule_render (self);
}

static void
scale_factor_changed (RdRecordsPane *self)
{
  schedule_render (self);
}

/**
 * _rd_records_pane_set_pages:
 * @first_page: the page index to be shown first
 *
 * Fills both views with the pages of the document just opened.
 */
void
_rd_records_pane_set_pages (RdRecordsPane *self,
                            guint          first_page)
{
  guint n_pages = rd_document_get_n_pages (self->document);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_full (n_pages + 1, g_free);
  g_autofree char *of = g_strdup_printf (_("of %u"), n_pages);

  stop_aligning (self);
  self->page = 0;
  self->pixels_per_point = 0;
  self->last_scroll = 0;
  self->scroll_direction = 1;
  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (labels, g_strdup_printf ("%u", i + 1));
  g_ptr_array_add (labels, NULL);
  apply_zoom (self);
  render_ahead (self, first_page);
  gtk_string_list_splice (self->page_labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->page_labels)),
                          (const char * const *) labels->pdata);
  gtk_label_set_text (self->n_pages_label, of);
  set_current_page (self, 0);
  _rd_records_pane_notify_page (self);
}

/* The thumbnails list has the pages only while it is shown: a list view binds
 * items (up to a couple of hundred) even when hidden, and opening a record
 * would wait for them. */
static void
thumbnails_toggled (RdRecordsPane *self)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->thumbnails_view));
  gboolean shown = gtk_toggle_button_get_active (self->thumbnails_button);

  gtk_single_selection_set_model (selection, shown ? G_LIST_MODEL (self->page_labels) : NULL);
  if (shown && self->document != NULL)
    {
      gtk_single_selection_set_selected (selection, self->page);
      follow_in_thumbnails (self);
    }
}

static void
add_scroll_key (GtkEventController *shortcuts,
                guint               keyval,
                GtkScrollType       scroll,
                gboolean            horizontal)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                            gtk_signal_action_new ("scroll-child"));

  gtk_shortcut_set_arguments (shortcut, g_variant_new ("(ib)", scroll, horizontal));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
}

/* The reader scrolls with the keyboard: a jump in progress gives way. */
static void
key_scrolled (RdRecordsPane *self)
{
  stop_aligning (self);
}

/* A click in the pages brings the keyboard there, as it did when each page
 * took the focus: the zoom keys and Page Up / Down then act on the pages. */
static void
pages_pressed (RdRecordsPane *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self->pages_scroller)))
    gtk_widget_grab_focus (GTK_WIDGET (self->pages_scroller));
}

/* The page list is one focus stop, the scrolled window around it, where the
 * arrow keys scroll by a step, Page Up / Down by a screen and Home / End to
 * either end (GtkScrolledWindow binds these only with Ctrl). */
static void
init_page_keys (RdRecordsPane *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  add_scroll_key (shortcuts, GDK_KEY_Up, GTK_SCROLL_STEP_BACKWARD, FALSE);
  add_scroll_key (shortcuts, GDK_KEY_Down, GTK_SCROLL_STEP_FORWARD, FALSE);
  add_scroll_key (shortcuts, GDK_KEY_Left, GTK_SCROLL_STEP_BACKWARD, TRUE);
  add_scroll_key (shortcuts, GDK_KEY_Right, GTK_SCROLL_STEP_FORWARD, TRUE);
  add_scroll_key (shortcuts, GDK_KEY_Page_Up, GTK_SCROLL_PAGE_BACKWARD, FALSE);
  add_scroll_key (shortcuts, GDK_KEY_Page_Down, GTK_SCROLL_PAGE_FORWARD, FALSE);
  add_scroll_key (shortcuts, GDK_KEY_Home, GTK_SCROLL_START, FALSE);
  add_scroll_key (shortcuts, GDK_KEY_End, GTK_SCROLL_END, FALSE);
  gtk_widget_add_controller (GTK_WIDGET (self->pages_scroller), shortcuts);
  g_signal_connect_object (self->pages_scroller, "scroll-child", G_CALLBACK (key_scrolled), self, G_CONNECT_SWAPPED);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pages_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->pages_scroller), GTK_EVENT_CONTROLLER (click));
}

void
_rd_records_pane_pages_init (RdRecordsPane *self)
{
  GtkListItemFactory *factory;
  GtkEventController *scroll;
  GtkAdjustment *adjustment;

  self->prefetches = g_ptr_array_new_with_free_func (g_object_unref);
  self->bound_thumbnails = g_hash_table_new (NULL, NULL);
  self->zoom_mode = RD_ZOOM_FIT_WIDTH;
  self->zoom = 1;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_page), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_page), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_page), self, 0);
  gtk_list_view_set_factory (self->pages_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->pages_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->page_labels)))));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_thumbnail), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_thumbnail), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_thumbnail), self, 0);
  gtk_list_view_set_factory (self->thumbnails_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->thumbnails_view, GTK_SELECTION_MODEL (gtk_single_selection_new (NULL)));
  g_signal_connect_object (self->thumbnails_button, "notify::active", G_CALLBACK (thumbnails_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->thumbnails_view, "activate", G_CALLBACK (thumbnail_activated),
                           self, G_CONNECT_SWAPPED);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->thumbnails_view));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (schedule_render), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (schedule_render), self, G_CONNECT_SWAPPED);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pages_view));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled), self, G_CONNECT_SWAPPED);
  adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->pages_view));
  g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (viewport_resized), self, G_CONNECT_SWAPPED);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pages_view));
  g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (viewport_resized), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed), NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (ctrl_scrolled), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->pages_scroller), scroll);

  g_signal_connect_object (self->page_entry, "activate", G_CALLBACK (page_entry_activated), self, G_CONNECT_SWAPPED);
  init_page_keys (self);
  update_zoom_label (self);
}

void
_rd_records_pane_pages_dispose (RdRecordsPane *self)
{
  stop_aligning (self);
  if (self->zoom_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->zoom_tick);
  self->zoom_tick = 0;
  if (self->render_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->render_tick);
  self->render_tick = 0;
  if (self->thumbnail_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->thumbnails_view), self->thumbnail_tick);
  self->thumbnail_tick = 0;
  g_clear_pointer (&self->bound_thumbnails, g_hash_table_unref);
  _rd_records_pane_cancel_prefetches (self);
  g_clear_pointer (&self->prefetches, g_ptr_array_unref);
}

void
_rd_records_pane_pages_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "records.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "records.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "records.zoom-to", "d", zoom_to_action);
  gtk_widget_class_install_action (widget_class, "records.zoom-fit-width", NULL, zoom_fit_width_action);
  gtk_widget_class_install_action (widget_class, "records.zoom-fit-page", NULL, zoom_fit_page_action);
  gtk_widget_class_install_action (widget_class, "records.go-to-page", "u", go_to_page_action);
  gtk_widget_class_install_action (widget_class, "records.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "records.previous-page", NULL, previous_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "records.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "records.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "records.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "records.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "records.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "records.zoom-fit-width", NULL);
}
