/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>

#include "rd-pdf-draw.h"

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * rd_pdf_draw:
 * @width, @height: the page size in points
 * @title: the PDF's title (metadata)
 * @status: (out): cairo's status when drawing fails
 *
 * Any thread: it touches nothing but what @draw does.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @status set
 */
GBytes *
rd_pdf_draw (double          width,
             double          height,
             const char     *title,
             const char     *keywords,
             RdPdfDrawFunc   draw,
             gpointer        user_data,
             cairo_status_t *status)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
  cairo_t *cr;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (keywords != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cr = cairo_create (surface);
  draw (cr, user_data);
  *status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (*status == CAIRO_STATUS_SUCCESS)
    *status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (*status != CAIRO_STATUS_SUCCESS)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
