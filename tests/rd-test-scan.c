/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>

#include "rd-test-pdf.h"
#include "rd-test-scan.h"

/* A faxed record made by the build: each text page is drawn into an image at
 * 200 dpi, turned a little, speckled like a fax, and painted into a PDF page
 * that has no text layer. Then a page too small to read and one too large. */

#define SCAN_DPI 200.0

static const char * const page_one[] = {
  "Neurology clinic note for a synthetic member",
  "Severe spasticity of both legs after spinal cord injury",
  "Oral baclofen failed at the highest tolerated dose",
  "The intrathecal baclofen trial gave a clear response",
  "Ashworth score improved from four to two after the bolus",
  "Pump implantation is planned with the surgical team",
  NULL,
};

static const char * const page_two[] = {
  "Pain management consultation for the same member",
  "Chronic cancer pain despite oral morphine and patches",
  "Psychological evaluation completed without contraindications",
  "Catheter placement and pump refill schedule were reviewed",
  "The member agrees to monthly refills at the clinic",
  NULL,
};

/**
 * rd_test_scan_lines:
 * @page: 1 or 2
 *
 * Returns: the lines drawn on that page of rd_test_scan_pdf_new()
 */
const char * const *
rd_test_scan_lines (guint page)
{
  return page == 1 ? page_one : page_two;
}

/* The page's lines as a fax would give them: a picture, slightly rotated,
 * with specks of noise. */
static cairo_surface_t *
draw_fax (const char * const *lines,
          guint32             seed)
{
  const double scale = SCAN_DPI / 72.0;
  int width = (int) (612 * scale), height = (int) (792 * scale);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (image);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, 306, 396);
  cairo_rotate (cr, 0.6 * G_PI / 180);
  cairo_translate (cr, -306, -396);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 13);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      cairo_move_to (cr, RD_TEST_SCAN_TEXT_X + 8, RD_TEST_SCAN_TEXT_TOP + 20 + i * 24);
      cairo_show_text (cr, lines[i]);
    }
  cairo_identity_matrix (cr);
  for (int i = 0; i < 3000; i++)
    {
      cairo_rectangle (cr, g_rand_int_range (rand, 0, width), g_rand_int_range (rand, 0, height), 1, 1);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  return image;
}

/**
 * rd_test_scan_pdf_new:
 *
 * Returns: (transfer full): a PDF of RD_TEST_SCAN_N_PAGES pages, none with
 *   a text layer: two faxed text pages, a 1-point page and a page of
 *   15,000 points square (over 2,000 megapixels at 300 dpi)
 */
GBytes *
rd_test_scan_pdf_new (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (rd_test_pdf_append, array, 612, 792);
  cairo_t *cr = cairo_create (surface);

  for (guint page = 1; page <= RD_TEST_SCAN_TEXT_PAGES; page++)
    {
      cairo_surface_t *fax = draw_fax (rd_test_scan_lines (page), page);

      cairo_save (cr);
      cairo_scale (cr, 72.0 / SCAN_DPI, 72.0 / SCAN_DPI);
      cairo_set_source_surface (cr, fax, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (fax);
      cairo_show_page (cr);
    }
  cairo_pdf_surface_set_size (surface, 1, 1);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_pdf_surface_set_size (surface, 15000, 15000);
  cairo_rectangle (cr, 100, 100, 50, 50);
  cairo_fill (cr);
  cairo_show_page (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}
