/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <tesseract/capi.h>

#include "rd-ocr.h"

/* A page smaller than this many pixels a side at RD_OCR_DPI has nothing to read. */
#define MIN_SIDE_PIXELS 8

struct _RdOcr
{
  TessBaseAPI *api;
  ETEXT_DESC  *monitor;
  GCancellable *cancellable;   /* of the page being read */
};

G_DEFINE_QUARK (rd-ocr-error-quark, rd_ocr_error)

/* Tesseract asks this between words: a cancelled page stops early. */
static bool
cancel_requested (void *cancel_this,
                  int   words)
{
  RdOcr *ocr = cancel_this;

  return g_cancellable_is_cancelled (ocr->cancellable);
}

/**
 * rd_ocr_new:
 *
 * Starts a Tesseract engine for English, with the data where Debian's
 * tesseract-ocr-eng puts it (or under $TESSDATA_PREFIX).
 *
 * Returns: (transfer full) (nullable): the engine, or %NULL with
 *   %RD_OCR_ERROR_UNAVAILABLE
 */
RdOcr *
rd_ocr_new (GError **error)
{
  g_autoptr(RdOcr) ocr = g_new0 (RdOcr, 1);

  ocr->api = TessBaseAPICreate ();
  if (TessBaseAPIInit3 (ocr->api, NULL, "eng") != 0)
    {
      g_set_error (error, RD_OCR_ERROR, RD_OCR_ERROR_UNAVAILABLE,
                   _("Scanned pages cannot be recognised: Tesseract’s English data was not found. Install"
                     " the package tesseract-ocr-eng and open the case again."));
      return NULL;
    }
  /* Tesseract would otherwise guess the resolution and say so on stderr. */
  TessBaseAPISetVariable (ocr->api, "user_defined_dpi", G_STRINGIFY (RD_OCR_DPI));
  ocr->monitor = TessMonitorCreate ();
  TessMonitorSetCancelFunc (ocr->monitor, cancel_requested);
  TessMonitorSetCancelThis (ocr->monitor, ocr);
  return g_steal_pointer (&ocr);
}

void
rd_ocr_free (RdOcr *ocr)
{
  if (ocr == NULL)
    return;
  if (ocr->monitor != NULL)
    TessMonitorDelete (ocr->monitor);
  if (ocr->api != NULL)
    {
      TessBaseAPIEnd (ocr->api);
      TessBaseAPIDelete (ocr->api);
    }
  g_free (ocr);
}

/* The page drawn on white at RD_OCR_DPI, as 8-bit grey; NULL with
 * PAGE_REFUSED when it has no area or too many pixels. */
static guint8 *
render_grey (PopplerPage  *page,
             int          *width,
             int          *height,
             GError      **error)
{
  const double scale = RD_OCR_DPI / 72.0;
  double page_width, page_height, pixels;
  cairo_surface_t *surface;
  const guint8 *argb;
  guint8 *grey;
  int stride;
  cairo_t *cr;

  poppler_page_get_size (page, &page_width, &page_height);
  pixels = page_width * scale * page_height * scale;
  if (!(page_width * scale >= MIN_SIDE_PIXELS && page_height * scale >= MIN_SIDE_PIXELS))
    {
      g_set_error (error, RD_OCR_ERROR, RD_OCR_ERROR_PAGE_REFUSED,
                   _("page %d has no area to read (%.0f × %.0f points); it was not recognised"),
                   poppler_page_get_index (page) + 1, page_width, page_height);
      return NULL;
    }
  if (pixels > RD_OCR_MAX_PIXELS)
    {
      g_set_error (error, RD_OCR_ERROR, RD_OCR_ERROR_PAGE_REFUSED,
                   _("page %d is too large to recognise (%.0f megapixels at %d dpi, the limit is %d);"
                     " it was not recognised"),
                   poppler_page_get_index (page) + 1, pixels / 1e6, RD_OCR_DPI, RD_OCR_MAX_PIXELS / 1000000);
      return NULL;
    }

  *width = (int) ceil (page_width * scale);
  *height = (int) ceil (page_height * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, *width, *height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  argb = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  grey = g_malloc ((gsize) *width * *height);
  for (int y = 0; y < *height; y++)
    {
      const guint32 *row = (const guint32 *) (argb + (gsize) y * stride);

      for (int x = 0; x < *width; x++)
        {
          guint32 p = row[x];

          /* Luma of an opaque pixel (the page was painted white first). */
          grey[(gsize) y * *width + x] = (guint8) ((((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 +
                                                    (p & 0xff) * 114) / 1000);
        }
    }
  cairo_surface_destroy (surface);
  return grey;
}

/* Each word Tesseract read, its box turned from pixels into points. */
static GArray *
collect_words (RdOcr *ocr)
{
  const double to_points = 72.0 / RD_OCR_DPI;
  GArray *words = rd_case_word_array_new ();
  TessResultIterator *it = TessBaseAPIGetIterator (ocr->api);

  if (it == NULL)
    return words;
  do
    {
      const TessPageIterator *page_it = TessResultIteratorGetPageIteratorConst (it);
      char *text = TessResultIteratorGetUTF8Text (it, RIL_WORD);
      g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
      int left, top, right, bottom;
      RdCaseWord word = { 0 };

      TessDeleteText (text);
      if (stripped == NULL || *stripped == '\0' ||
          !TessPageIteratorBoundingBox (page_it, RIL_WORD, &left, &top, &right, &bottom))
        continue;
      word.word = g_steal_pointer (&stripped);
      word.x = left * to_points;
      word.y = top * to_points;
      word.width = (right - left) * to_points;
      word.height = (bottom - top) * to_points;
      word.confidence = CLAMP (TessResultIteratorConfidence (it, RIL_WORD), 0.0, 100.0);
      g_array_append_val (words, word);
    }
  while (TessResultIteratorNext (it, RIL_WORD));
  TessResultIteratorDelete (it);
  return words;
}

/**
 * rd_ocr_recognise_page:
 * @page: a page of a PDF opened in this thread
 * @cancellable: (nullable): stops the page between words
 *
 * Renders @page at %RD_OCR_DPI and reads it. Pages with no area or over
 * %RD_OCR_MAX_PIXELS are refused (%RD_OCR_ERROR_PAGE_REFUSED, a message
 * that names the page, to which the caller prefixes the record).
 *
 * Returns: (transfer full) (element-type RdCaseWord) (nullable): the words
 *   in reading order, boxes in PDF points from the page's top-left corner
 */
GArray *
rd_ocr_recognise_page (RdOcr         *ocr,
                       PopplerPage   *page,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree guint8 *grey = NULL;
  GArray *words = NULL;
  int width = 0, height = 0;

  g_return_val_if_fail (ocr != NULL, NULL);
  g_return_val_if_fail (POPPLER_IS_PAGE (page), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  grey = render_grey (page, &width, &height, error);
  if (grey == NULL)
    return NULL;

  ocr->cancellable = cancellable;
  TessBaseAPISetImage (ocr->api, grey, width, height, 1, width);
  TessBaseAPISetSourceResolution (ocr->api, RD_OCR_DPI);
  if (TessBaseAPIRecognize (ocr->api, ocr->monitor) != 0)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, RD_OCR_ERROR, RD_OCR_ERROR_FAILED,
                     _("page %d could not be read by Tesseract; it was not recognised"),
                     poppler_page_get_index (page) + 1);
    }
  else if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    words = collect_words (ocr);
  TessBaseAPIClear (ocr->api);
  ocr->cancellable = NULL;
  return words;
}
