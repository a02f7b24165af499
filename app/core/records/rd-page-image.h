/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_PAGE_IMAGE (rd_page_image_get_type ())

/**
 * RdPageImage:
 *
 * The pixels of one rendered record page: immutable, reference counted, safe to
 * hand from the render worker to the main loop. The pixels are 32-bit
 * premultiplied ARGB in native byte order (cairo's ARGB32, which is
 * GDK_MEMORY_DEFAULT), so the GUI wraps them in a GdkMemoryTexture without a copy.
 */
typedef struct _RdPageImage RdPageImage;

GType        rd_page_image_get_type      (void) G_GNUC_CONST;
RdPageImage *rd_page_image_new           (guint         page,
                                          int           width,
                                          int           height,
                                          gsize         stride,
                                          GBytes       *pixels);
RdPageImage *rd_page_image_ref           (RdPageImage  *image);
void         rd_page_image_unref         (RdPageImage  *image);
guint        rd_page_image_get_page      (RdPageImage  *image);
int          rd_page_image_get_width     (RdPageImage  *image);
int          rd_page_image_get_height    (RdPageImage  *image);
gsize        rd_page_image_get_stride    (RdPageImage  *image);
GBytes      *rd_page_image_get_pixels    (RdPageImage  *image);
gsize        rd_page_image_get_byte_size (RdPageImage  *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPageImage, rd_page_image_unref)

G_END_DECLS
