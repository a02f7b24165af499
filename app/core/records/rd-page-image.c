/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-page-image.h"

struct _RdPageImage
{
  guint   page;
  int     width;
  int     height;
  gsize   stride;
  GBytes *pixels;
};

G_DEFINE_BOXED_TYPE (RdPageImage, rd_page_image, rd_page_image_ref, rd_page_image_unref)

/**
 * rd_page_image_new:
 * @page: the page index, from 0
 * @pixels: @height rows of @stride bytes
 *
 * Returns: (transfer full): a new image holding a reference to @pixels.
 */
RdPageImage *
rd_page_image_new (guint   page,
                   int     width,
                   int     height,
                   gsize   stride,
                   GBytes *pixels)
{
  RdPageImage *image;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (stride >= (gsize) width * 4, NULL);
  g_return_val_if_fail (pixels != NULL && g_bytes_get_size (pixels) >= stride * (gsize) height, NULL);

  image = g_atomic_rc_box_new0 (RdPageImage);
  image->page = page;
  image->width = width;
  image->height = height;
  image->stride = stride;
  image->pixels = g_bytes_ref (pixels);
  return image;
}

RdPageImage *
rd_page_image_ref (RdPageImage *image)
{
  g_return_val_if_fail (image != NULL, NULL);
  return g_atomic_rc_box_acquire (image);
}

static void
page_image_clear (gpointer data)
{
  RdPageImage *image = data;
  g_bytes_unref (image->pixels);
}

void
rd_page_image_unref (RdPageImage *image)
{
  g_return_if_fail (image != NULL);
  g_atomic_rc_box_release_full (image, page_image_clear);
}

guint
rd_page_image_get_page (RdPageImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->page;
}

int
rd_page_image_get_width (RdPageImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->width;
}

int
rd_page_image_get_height (RdPageImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->height;
}

gsize
rd_page_image_get_stride (RdPageImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->stride;
}

/**
 * rd_page_image_get_pixels:
 *
 * Returns: (transfer none): the pixel rows
 */
GBytes *
rd_page_image_get_pixels (RdPageImage *image)
{
  g_return_val_if_fail (image != NULL, NULL);
  return image->pixels;
}

/**
 * rd_page_image_get_byte_size:
 *
 * Returns: the memory the pixels take, which is what a page cache's budget counts
 */
gsize
rd_page_image_get_byte_size (RdPageImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return g_bytes_get_size (image->pixels);
}
