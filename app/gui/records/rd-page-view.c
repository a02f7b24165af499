/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-page-view.h"

struct _RdPageView
{
  GtkWidget     parent_instance;

  guint         page;
  double        width_points;
  double        height_points;
  double        zoom;          /* logical pixels per point */
  GdkTexture   *texture;
  int           texture_width; /* the render width the texture was asked for */
  GCancellable *pending;       /* the render job for this page, if any */
  int           pending_width;
  GArray       *layers[RD_PAGE_N_LAYERS];
  gboolean      selectable;
  gboolean      scanned;

  gboolean      dragging;
  double        drag_x, drag_y, drag_dx, drag_dy;  /* widget pixels */
};

G_DEFINE_FINAL_TYPE (RdPageView, rd_page_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Highlight colours: search in yellow, a selection in the accent blue, cited
 * evidence in orange with an outline, so they stay apart on a page. */
static const GdkRGBA layer_fill[RD_PAGE_N_LAYERS] = {
  [RD_PAGE_LAYER_SEARCH] = { 1.0, 0.85, 0.0, 0.40 },
  [RD_PAGE_LAYER_SELECTION] = { 0.21, 0.52, 0.89, 0.35 },
  [RD_PAGE_LAYER_EVIDENCE] = { 1.0, 0.47, 0.0, 0.22 },
};
static const GdkRGBA evidence_outline = { 0.90, 0.38, 0.0, 1.0 };

static void
rd_page_view_dispose (GObject *object)
{
  RdPageView *self = RD_PAGE_VIEW (object);

  rd_page_view_cancel_pending (self);
  g_clear_object (&self->texture);
  for (guint i = 0; i < RD_PAGE_N_LAYERS; i++)
    g_clear_pointer (&self->layers[i], g_array_unref);
  G_OBJECT_CLASS (rd_page_view_parent_class)->dispose (object);
}

static void
rd_page_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  RdPageView *self = RD_PAGE_VIEW (widget);
  double points = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width_points : self->height_points;

  *minimum = *natural = (int) ceil (points * self->zoom);
}

static void
append_rect (GtkSnapshot   *snapshot,
             const RdRect  *rect,
             double         scale,
             const GdkRGBA *fill,
             const GdkRGBA *outline)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (rect->x * scale, rect->y * scale,
                                               MAX (rect->width * scale, 1), MAX (rect->height * scale, 1));

  gtk_snapshot_append_color (snapshot, fill, &bounds);
  if (outline != NULL)
    {
      GskRoundedRect border;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { *outline, *outline, *outline, *outline };

      gsk_rounded_rect_init_from_rect (&border, &bounds, 0);
      gtk_snapshot_append_border (snapshot, &border, widths, colors);
    }
}

/* A scanned page says so in its top-left corner: it has no text to search,
 * and a passage on it is cited as a rectangle. */
static void
append_scan_badge (RdPageView  *self,
                   GtkSnapshot *snapshot)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("Scanned page: no text"));
  const GdkRGBA background = { 0.15, 0.15, 0.15, 0.80 };
  const GdkRGBA foreground = { 1, 1, 1, 1 };
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (6, 6, width + 12, height + 6));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (12, 9));
  gtk_snapshot_append_layout (snapshot, layout, &foreground);
  gtk_snapshot_restore (snapshot);
}

static void
rd_page_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RdPageView *self = RD_PAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale = self->width_points > 0 ? width / self->width_points : 1;
  graphene_rect_t page = GRAPHENE_RECT_INIT (0, 0, width, height);

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &page);
  else
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &page);

  for (guint layer = 0; layer < RD_PAGE_N_LAYERS; layer++)
    for (guint i = 0; self->layers[layer] != NULL && i < self->layers[layer]->len; i++)
      append_rect (snapshot, &g_array_index (self->layers[layer], RdRect, i), scale, &layer_fill[layer],
                   layer == RD_PAGE_LAYER_EVIDENCE ? &evidence_outline : NULL);

  if (self->scanned)
    append_scan_badge (self, snapshot);

  if (self->dragging)
    {
      RdRect band = { MIN (self->drag_x, self->drag_x + self->drag_dx) / scale,
                      MIN (self->drag_y, self->drag_y + self->drag_dy) / scale,
                      fabs (self->drag_dx) / scale, fabs (self->drag_dy) / scale };
      append_rect (snapshot, &band, scale, &layer_fill[RD_PAGE_LAYER_SELECTION], NULL);
    }
}

/**
 * rd_page_view_point_to_page:
 *
 * Converts a point of the widget to points from the page's top-left corner.
 */
void
rd_page_view_point_to_page (RdPageView *self,
                            double      x,
                            double      y,
                            double     *page_x,
                            double     *page_y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double scale = width > 0 && self->width_points > 0 ? width / self->width_points : 1;

  *page_x = CLAMP (x / scale, 0, self->width_points);
  *page_y = CLAMP (y / scale, 0, self->height_points);
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            RdPageView     *self)
{
  if (!self->selectable)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragging = TRUE;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             RdPageView     *self)
{
  if (!self->dragging)
    return;
  /* A drag selects: it must not also scroll the list or pan. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          RdPageView     *self)
{
  double x1, y1, x2, y2;

  if (!self->dragging)
    return;
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (fabs (dx) < 3 && fabs (dy) < 3)
    return;
  rd_page_view_point_to_page (self, self->drag_x, self->drag_y, &x1, &y1);
  rd_page_view_point_to_page (self, self->drag_x + dx, self->drag_y + dy, &x2, &y2);
  g_signal_emit (self, signals[SIGNAL_SELECTED], 0, x1, y1, x2, y2);
}

static void
rd_page_view_class_init (RdPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_page_view_dispose;
  widget_class->measure = rd_page_view_measure;
  widget_class->snapshot = rd_page_view_snapshot;

  /**
   * RdPageView::selected:
   * @x1: @y1: where the drag started, in points from the page's top-left corner
   * @x2: @y2: where it ended
   *
   * Emitted when a drag over a selectable page ends.
   */
  signals[SIGNAL_SELECTED] =
    g_signal_new ("selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "recordpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_page_view_init (RdPageView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->zoom = 1;
  self->width_points = 612;
  self->height_points = 792;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
rd_page_view_new (void)
{
  return g_object_new (RD_TYPE_PAGE_VIEW, NULL);
}

/**
 * rd_page_view_set_page:
 * @page: the page index, from 0
 *
 * Shows another page: forgets the texture, the highlights and any pending render.
 */
void
rd_page_view_set_page (RdPageView *self,
                       guint       page,
                       double      width_points,
                       double      height_points)
{
  g_autofree char *label = NULL;

  g_return_if_fail (RD_IS_PAGE_VIEW (self));

  rd_page_view_cancel_pending (self);
  g_clear_object (&self->texture);
  self->texture_width = 0;
  for (guint i = 0; i < RD_PAGE_N_LAYERS; i++)
    g_clear_pointer (&self->layers[i], g_array_unref);
  self->page = page;
  self->scanned = FALSE;
  if (width_points != self->width_points || height_points != self->height_points)
    {
      self->width_points = width_points;
      self->height_points = height_points;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  label = g_strdup_printf (_("Page %u"), page + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rd_page_view_set_scanned:
 * @scanned: whether the page has no text layer
 *
 * Flags the page as a scan, on the page and to assistive technologies.
 */
void
rd_page_view_set_scanned (RdPageView *self,
                          gboolean    scanned)
{
  g_autofree char *label = NULL;

  g_return_if_fail (RD_IS_PAGE_VIEW (self));

  if (self->scanned == !!scanned)
    return;
  self->scanned = !!scanned;
  label = scanned ? g_strdup_printf (_("Page %u, scanned: no text"), self->page + 1)
                  : g_strdup_printf (_("Page %u"), self->page + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
rd_page_view_get_scanned (RdPageView *self)
{
  g_return_val_if_fail (RD_IS_PAGE_VIEW (self), FALSE);
  return self->scanned;
}

guint
rd_page_view_get_page (RdPageView *self)
{
  g_return_val_if_fail (RD_IS_PAGE_VIEW (self), 0);
  return self->page;
}

void
rd_page_view_set_zoom (RdPageView *self,
                       double      pixels_per_point)
{
  g_return_if_fail (RD_IS_PAGE_VIEW (self));
  g_return_if_fail (pixels_per_point > 0);

  if (self->zoom == pixels_per_point)
    return;
  self->zoom = pixels_per_point;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * rd_page_view_get_render_width:
 *
 * Returns: the width in device pixels a texture needs to look sharp at this
 *   zoom on this monitor (the scale factor counted)
 */
int
rd_page_view_get_render_width (RdPageView *self)
{
  g_return_val_if_fail (RD_IS_PAGE_VIEW (self), 1);
  return MAX (1, (int) ceil (self->width_points * self->zoom) * gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/**
 * rd_page_view_set_texture:
 * @texture: (nullable): the rendered page, or %NULL for a blank page
 * @render_width: the width it was rendered for (see
 *   rd_page_view_get_render_width()); a very large zoom renders smaller
 */
void
rd_page_view_set_texture (RdPageView *self,
                          GdkTexture *texture,
                          int         render_width)
{
  g_return_if_fail (RD_IS_PAGE_VIEW (self));

  self->texture_width = texture != NULL ? render_width : 0;
  if (g_set_object (&self->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rd_page_view_needs_render:
 *
 * Returns: whether the page shows no texture for its current size, and none
 *   is being rendered for it
 */
gboolean
rd_page_view_needs_render (RdPageView *self)
{
  int width;

  g_return_val_if_fail (RD_IS_PAGE_VIEW (self), FALSE);

  width = rd_page_view_get_render_width (self);
  return !(self->texture != NULL && self->texture_width == width) &&
         !(self->pending != NULL && self->pending_width == width);
}

/**
 * rd_page_view_has_texture_for:
 *
 * Returns: whether the page shows a texture rendered for @render_width
 */
gboolean
rd_page_view_has_texture_for (RdPageView *self,
                              int         render_width)
{
  g_return_val_if_fail (RD_IS_PAGE_VIEW (self), FALSE);
  return self->texture != NULL && self->texture_width == render_width;
}

/**
 * rd_page_view_get_texture:
 *
 * Returns: (transfer none) (nullable): the texture shown
 */
GdkTexture *
rd_page_view_get_texture (RdPageView *self)
{
  g_return_val_if_fail (RD_IS_PAGE_VIEW (self), NULL);
  return self->texture;
}

/**
 * rd_page_view_set_pending:
 * @cancellable: (nullable): the render job's cancellable
 *
 * Remembers the render job under way for this page, so that unbinding the
 * page or showing another cancels it.
 */
void
rd_page_view_set_pending (RdPageView   *self,
                          GCancellable *cancellable,
                          int           render_width)
{
  g_return_if_fail (RD_IS_PAGE_VIEW (self));

  rd_page_view_cancel_pending (self);
  g_set_object (&self->pending, cancellable);
  self->pending_width = render_width;
}

void
rd_page_view_cancel_pending (RdPageView *self)
{
  g_return_if_fail (RD_IS_PAGE_VIEW (self));

  if (self->pending != NULL)
    {
      g_cancellable_cancel (self->pending);
      g_clear_object (&self->pending);
    }
}

/**
 * rd_page_view_set_layer:
 * @rects: (nullable) (element-type RdRect): rectangles in points, or %NULL to clear
 */
void
rd_page_view_set_layer (RdPageView  *self,
                        RdPageLayer  layer,
                        GArray      *rects)
{
  g_return_if_fail (RD_IS_PAGE_VIEW (self));
  g_return_if_fail (layer < RD_PAGE_N_LAYERS);

  g_clear_pointer (&self->layers[layer], g_array_unref);
  if (rects != NULL)
    self->layers[layer] = g_array_ref (rects);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
rd_page_view_get_n_rects (RdPageView  *self,
                          RdPageLayer  layer)
{
  g_return_val_if_fail (RD_IS_PAGE_VIEW (self), 0);
  g_return_val_if_fail (layer < RD_PAGE_N_LAYERS, 0);
  return self->layers[layer] != NULL ? self->layers[layer]->len : 0;
}

/**
 * rd_page_view_set_selectable:
 *
 * Whether a drag over the page selects (pages of the list) or not (thumbnails).
 */
void
rd_page_view_set_selectable (RdPageView *self,
                             gboolean    selectable)
{
  g_return_if_fail (RD_IS_PAGE_VIEW (self));
  self->selectable = selectable;
}
