/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "rd-test-pdf.h"

/* Synthetic records for tests and benchmarks: US Letter pages of DejaVu text
 * drawn with cairo, so nothing real is ever read. */

/* A cairo write function that appends to the GByteArray @closure. */
cairo_status_t
rd_test_pdf_append (void                *closure,
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
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (rd_test_pdf_append, array, 612, 792);
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

/**
 * rd_test_pdf_scan_tenths:
 *
 * The simple progress notes, with every tenth page (10, 20, …) a scan.
 */
char **
rd_test_pdf_scan_tenths (guint    page,
                         gpointer user_data)
{
  return page % 10 == 9 ? NULL : rd_test_pdf_simple_page (page, user_data);
}

GBytes *
rd_test_pdf_new_simple (guint n_pages)
{
  return rd_test_pdf_new (n_pages, rd_test_pdf_simple_page, NULL);
}

/**
 * rd_test_pdf_new_at_least:
 * @size: the least size, in bytes
 *
 * Returns: (transfer full): a well-formed PDF of at least @size bytes: pages
 *   of grey noise, as a fax scanned at high resolution, which deflate cannot
 *   shrink
 */
GBytes *
rd_test_pdf_new_at_least (gsize size)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (rd_test_pdf_append, array, 612, 792);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize drawn = 0;

  while (drawn < size)
    {
      cairo_surface_t *noise = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 512, 512);
      guint32 *pixels;

      cairo_surface_flush (noise);
      pixels = (guint32 *) cairo_image_surface_get_data (noise);
      for (guint i = 0; i < 512 * 512; i++)
        pixels[i] = g_rand_int (rand) & 0xffffff;
      cairo_surface_mark_dirty (noise);
      cairo_set_source_surface (cr, noise, 50, 140);
      cairo_paint (cr);
      cairo_show_page (cr);
      cairo_surface_destroy (noise);
      drawn += 512 * 512 * 3;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (array->len, >=, size);
  return g_byte_array_free_to_bytes (array);
}

/**
 * rd_test_pdf_new_damaged:
 *
 * Returns: (transfer full): a PDF whose body was lost: the header, then
 *   noise, no objects
 */
GBytes *
rd_test_pdf_new_damaged (void)
{
  GByteArray *array = g_byte_array_new ();
  const char header[] = "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n";

  g_byte_array_append (array, (const guint8 *) header, sizeof header - 1);
  for (guint i = 0; i < 4096; i++)
    {
      guint8 byte = (guint8) ((i * 2654435761u) >> 13);
      g_byte_array_append (array, &byte, 1);
    }
  return g_byte_array_free_to_bytes (array);
}

/**
 * rd_test_png_new:
 *
 * Returns: (transfer full): a small photo, as a PNG: a picture, not a PDF
 */
GBytes *
rd_test_png_new (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 48);
  cairo_t *cr = cairo_create (surface);
  GByteArray *array = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.8, 0.5, 0.4);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, rd_test_pdf_append, array), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

static const char no_pages_pdf[] =
  "%PDF-1.4\n"
  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
  "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
  "trailer << /Root 1 0 R >>\n"
  "%%EOF\n";

/**
 * rd_test_pdf_new_no_pages:
 *
 * Returns: (transfer full): a well-formed PDF whose page tree is empty
 */
GBytes *
rd_test_pdf_new_no_pages (void)
{
  return g_bytes_new_static (no_pages_pdf, sizeof no_pages_pdf - 1);
}

/**
 * rd_test_write_file:
 *
 * Returns: (transfer full): @dir/@name, holding @bytes
 */
GFile *
rd_test_write_file (const char *dir,
                    const char *name,
                    GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return g_file_new_for_path (path);
}

/**
 * rd_test_pdf_encrypt:
 *
 * Encrypts @pdf (AES-256) with qpdf, found in $QPDF as the build found it.
 *
 * Returns: (transfer full) (nullable): the encrypted PDF, or %NULL when qpdf
 *   is not installed (skip the test)
 */
GBytes *
rd_test_pdf_encrypt (GBytes     *pdf,
                     const char *password)
{
  const char *qpdf = g_getenv ("QPDF");
  g_autofree char *dir = NULL;
  g_autofree char *in_path = NULL;
  g_autofree char *out_path = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  int status = 0;

  if (qpdf == NULL || *qpdf == '\0')
    return NULL;
  dir = g_dir_make_tmp ("rd-test-XXXXXX", NULL);
  in = rd_test_write_file (dir, "in.pdf", pdf);
  in_path = g_file_get_path (in);
  out_path = g_build_filename (dir, "out.pdf", NULL);
  {
    const char *argv[] = { qpdf, "--encrypt", password, "owner-secret", "256", "--", in_path, out_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (out_path, &contents, &length, NULL));
  g_unlink (in_path);
  g_unlink (out_path);
  g_rmdir (dir);
  return g_bytes_new_take (contents, length);
}
