/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>

#include "rd-test-pdf.h"

/* Synthetic records for tests and benchmarks: US Letter pages of DejaVu text
 * drawn with cairo, so nothing real is ever read. */

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_scan (cairo_t *cr)
{
  /* Grey bars where a fax would have lines of handwriting. */
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  for (int i = 0; i < 20; i++)
    cairo_rectangle (cr, 72, 90 + i * 30, 300 + (i * 37) % 150, 8);
  cairo_fill (cr);
}

/**
 * rd_test_pdf_new:
 *
 * Returns: (transfer full): a PDF of @n_pages pages
 */
GBytes *
rd_test_pdf_new (guint         n_pages,
                 RdTestPdfPage page_func,
                 gpointer      user_data)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, array, 612, 792);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint page = 0; page < n_pages; page++)
    {
      g_auto(GStrv) lines = page_func (page, user_data);

      if (lines == NULL)
        draw_scan (cr);
      for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
        {
          cairo_move_to (cr, 72, 90 + i * 16);
          cairo_show_text (cr, lines[i]);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

/**
 * rd_test_pdf_simple_page:
 *
 * A progress note: "Progress note, page N", then 40 lines of prose. Page 3 (index
 * 2) mentions a "baclofen trial" and page 7 (index 6) an "oral baclofen"
 * failure; every other page is filler without those words.
 */
char **
rd_test_pdf_simple_page (guint    page,
                         gpointer user_data)
{
  GPtrArray *lines = g_ptr_array_new ();

  g_ptr_array_add (lines, g_strdup_printf ("Progress note, page %u", page + 1));
  for (guint i = 0; i < 40; i++)
    {
      if (page == 2 && i == 5)
        g_ptr_array_add (lines, g_strdup ("Screening baclofen trial of 50 mcg produced a clear reduction in tone."));
      else if (page == 6 && i == 9)
        g_ptr_array_add (lines, g_strdup ("Oral baclofen at the highest tolerated dose failed to control spasticity."));
      else
        g_ptr_array_add (lines, g_strdup_printf ("Line %u: vital signs stable, gait reviewed, plan unchanged since the visit before.", i + 1));
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

GBytes *
rd_test_pdf_new_simple (guint n_pages)
{
  return rd_test_pdf_new (n_pages, rd_test_pdf_simple_page, NULL);
}
