/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rd-document.h"

G_BEGIN_DECLS

#define RD_TYPE_PAGE_VIEW (rd_page_view_get_type ())
G_DECLARE_FINAL_TYPE (RdPageView, rd_page_view, RD, PAGE_VIEW, GtkWidget)

/**
 * RdPageLayer:
 * @RD_PAGE_LAYER_SEARCH: words a search found
 * @RD_PAGE_LAYER_SELECTION: the passage selected for citing
 * @RD_PAGE_LAYER_EVIDENCE: a cited region shown from the checklist
 */
typedef enum {
  RD_PAGE_LAYER_SEARCH,
  RD_PAGE_LAYER_SELECTION,
  RD_PAGE_LAYER_EVIDENCE,
  RD_PAGE_N_LAYERS,
} RdPageLayer;

/*
 * RdPageView: one record page as the records pane shows it, in the page list
 * or as a thumbnail. It draws the texture it is given, scaled to its size,
 * with highlight layers on top, and reports a drag over the page in points.
 * It never renders: the pane asks the document's worker and hands the result in.
 */
GtkWidget    *rd_page_view_new               (void);
void          rd_page_view_set_page          (RdPageView   *self,
                                              guint         page,
                                              double        width_points,
                                              double        height_points);
guint         rd_page_view_get_page          (RdPageView   *self);
void          rd_page_view_set_scanned       (RdPageView   *self,
                                              gboolean      scanned);
gboolean      rd_page_view_get_scanned       (RdPageView   *self);
void          rd_page_view_set_zoom          (RdPageView   *self,
                                              double        pixels_per_point);
int           rd_page_view_get_render_width  (RdPageView   *self);
void          rd_page_view_set_texture       (RdPageView   *self,
                                              GdkTexture   *texture,
                                              int           render_width);
GdkTexture   *rd_page_view_get_texture       (RdPageView   *self);
gboolean      rd_page_view_needs_render      (RdPageView   *self);
gboolean      rd_page_view_has_texture_for   (RdPageView   *self,
                                              int           render_width);
void          rd_page_view_set_pending       (RdPageView   *self,
                                              GCancellable *cancellable,
                                              int           render_width);
void          rd_page_view_cancel_pending    (RdPageView   *self);
void          rd_page_view_set_layer         (RdPageView   *self,
                                              RdPageLayer   layer,
                                              GArray       *rects);
guint         rd_page_view_get_n_rects       (RdPageView   *self,
                                              RdPageLayer   layer);
void          rd_page_view_set_selectable    (RdPageView   *self,
                                              gboolean      selectable);
void          rd_page_view_point_to_page     (RdPageView   *self,
                                              double        x,
                                              double        y,
                                              double       *page_x,
                                              double       *page_y);

G_END_DECLS
