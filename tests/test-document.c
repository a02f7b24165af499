/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-document.h"
#include "rd-page-cache.h"
#include "rd-pdf-text.h"
#include "rd-test-async.h"
#include "rd-test-pdf.h"

static RdDocument *
open_bytes (GBytes      *bytes,
            const char  *password,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rd_document_open_async (bytes, password, NULL, rd_test_store_result, &result);
  return rd_document_open_finish (rd_test_wait_result (&result), error);
}

static RdDocument *
open_simple (guint n_pages)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (n_pages);
  g_autoptr(GError) error = NULL;
  RdDocument *document = open_bytes (pdf, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static RdPageImage *
render (RdDocument *document,
        guint       page,
        int         width)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RdPageImage *image;

  rd_document_render_async (document, page, width, RD_JOB_PRIORITY_VISIBLE, NULL, rd_test_store_result, &result);
  image = rd_document_render_finish (document, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return image;
}

static guint
count_dark_pixels (RdPageImage *image)
{
  const guint8 *data = g_bytes_get_data (rd_page_image_get_pixels (image), NULL);
  guint dark = 0;

  for (int y = 0; y < rd_page_image_get_height (image); y++)
    {
      const guint32 *row = (const guint32 *) (data + y * rd_page_image_get_stride (image));
      for (int x = 0; x < rd_page_image_get_width (image); x++)
        if ((row[x] & 0xff) < 0x80)
          dark++;
    }
  return dark;
}

static void
test_document_open_and_render (void)
{
  g_autoptr(RdDocument) document = open_simple (12);
  g_autoptr(RdPageImage) image = NULL;
  double width, height;

  g_assert_cmpuint (rd_document_get_n_pages (document), ==, 12);
  rd_document_get_page_size (document, 11, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 792, 0.01);

  image = render (document, 3, 306);
  g_assert_cmpuint (rd_page_image_get_page (image), ==, 3);
  g_assert_cmpint (rd_page_image_get_width (image), ==, 306);
  g_assert_cmpint (rd_page_image_get_height (image), ==, 396);
  g_assert_cmpuint (rd_page_image_get_byte_size (image), >=, 306 * 396 * 4);
  /* Text was drawn: some pixels are dark, most are the white page. */
  g_assert_cmpuint (count_dark_pixels (image), >, 200);
  g_assert_cmpuint (count_dark_pixels (image), <, 306 * 396 / 4);
  g_assert_cmpuint (rd_document_get_render_count (document), ==, 1);
}

typedef struct {
  guint   n_done;
  guint   n_cancelled;
  guint   n_images;
  GArray *order;   /* page indices in delivery order */
  RdDocument *document;
} Deliveries;

static void
count_delivery (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Deliveries *deliveries = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPageImage) image = rd_document_render_finish (RD_DOCUMENT (source), result, &error);

  deliveries->n_done++;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_assert_null (image);
      deliveries->n_cancelled++;
    }
  else
    {
      guint page;

      g_assert_no_error (error);
      deliveries->n_images++;
      page = rd_page_image_get_page (image);
      g_array_append_val (deliveries->order, page);
    }
}

static void
test_document_cancel (void)
{
  g_autoptr(RdDocument) document = open_simple (30);
  Deliveries deliveries = { 0, };
  GCancellable *cancellables[30];

  deliveries.order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < 30; i++)
    {
      cancellables[i] = g_cancellable_new ();
      rd_document_render_async (document, i, 600, RD_JOB_PRIORITY_VISIBLE, cancellables[i],
                                count_delivery, &deliveries);
    }
  /* Scrolled past: every page but the last is unbound before it is drawn. */
  for (guint i = 0; i < 29; i++)
    g_cancellable_cancel (cancellables[i]);

  while (deliveries.n_done < 30)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (deliveries.n_cancelled, ==, 29);
  g_assert_cmpuint (deliveries.n_images, ==, 1);
  g_assert_cmpuint (g_array_index (deliveries.order, guint, 0), ==, 29);
  /* At most the job already running when the rest were cancelled was wasted. */
  g_assert_cmpuint (rd_document_get_render_count (document), <=, 2);

  for (guint i = 0; i < 30; i++)
    g_object_unref (cancellables[i]);
  g_array_unref (deliveries.order);
}

static void
test_document_cancel_after_render (void)
{
  g_autoptr(RdDocument) document = open_simple (2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Deliveries deliveries = { 0, };

  deliveries.order = g_array_new (FALSE, FALSE, sizeof (guint));
  rd_document_render_async (document, 0, 300, RD_JOB_PRIORITY_VISIBLE, cancellable,
                            count_delivery, &deliveries);
  /* The worker finishes the page, but the widget went away before delivery. */
  while (rd_document_get_render_count (document) == 0)
    g_usleep (1000);
  g_cancellable_cancel (cancellable);
  while (deliveries.n_done < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (deliveries.n_cancelled, ==, 1);
  g_assert_cmpuint (deliveries.n_images, ==, 0);
  g_array_unref (deliveries.order);
}

static void
test_document_priorities (void)
{
  g_autoptr(RdDocument) document = open_simple (12);
  Deliveries deliveries = { 0, };
  guint position_of_visible = G_MAXUINT;

  deliveries.order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < 8; i++)
    rd_document_render_async (document, i, 400, RD_JOB_PRIORITY_THUMBNAIL, NULL,
                              count_delivery, &deliveries);
  rd_document_render_async (document, 10, 400, RD_JOB_PRIORITY_NEIGHBOUR, NULL,
                            count_delivery, &deliveries);
  rd_document_render_async (document, 11, 800, RD_JOB_PRIORITY_VISIBLE, NULL,
                            count_delivery, &deliveries);

  while (deliveries.n_done < 10)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < deliveries.order->len; i++)
    if (g_array_index (deliveries.order, guint, i) == 11)
      position_of_visible = i;
  /* The worker may have started one thumbnail before the visible page was asked
   * for; after that the visible page goes first, then its neighbour. */
  g_assert_cmpuint (position_of_visible, <=, 1);
  g_assert_cmpuint (g_array_index (deliveries.order, guint, position_of_visible + 1), ==, 10);
  g_array_unref (deliveries.order);
}

static void
test_document_find (void)
{
  g_autoptr(RdDocument) document = open_simple (8);
  const char *words[] = { "baclofen", NULL };
  g_autoptr(GAsyncResult) result = NULL, other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rects = NULL, none = NULL;
  RdRect *rect;

  rd_document_find_async (document, 2, words, NULL, rd_test_store_result, &result);
  rects = rd_document_find_finish (document, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rects->len, ==, 1);
  rect = &g_array_index (rects, RdRect, 0);
  /* Line 6 of the note has its baseline at 90 + 6 × 16 = 186 points from the top. */
  g_assert_cmpfloat (rect->y, >, 170);
  g_assert_cmpfloat (rect->y, <, 186);
  g_assert_cmpfloat (rect->y + rect->height, >, 180);
  g_assert_cmpfloat (rect->x, >, 100);
  g_assert_cmpfloat (rect->width, >, 20);
  g_assert_cmpfloat (rect->width, <, 80);

  rd_document_find_async (document, 3, words, NULL, rd_test_store_result, &other);
  none = rd_document_find_finish (document, rd_test_wait_result (&other), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_document_select (void)
{
  g_autoptr(RdDocument) document = open_simple (8);
  g_autoptr(GAsyncResult) result = NULL, area_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSelection) selection = NULL, area = NULL;
  /* From the start of line 6 to the end of it (baseline 186). */
  RdRect gesture = { 70, 178, 500, 6 };

  rd_document_select_async (document, 2, &gesture, RD_SELECTION_TEXT, NULL, rd_test_store_result, &result);
  selection = rd_document_select_finish (document, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (selection->text, "baclofen trial of 50 mcg"));
  g_assert_null (strstr (selection->text, "Line 5"));
  g_assert_cmpuint (selection->rects->len, >=, 1);
  g_assert_cmpfloat (g_array_index (selection->rects, RdRect, 0).y, >, 170);

  gesture = (RdRect) { 60, 60, 300, 40 };
  rd_document_select_async (document, 0, &gesture, RD_SELECTION_AREA, NULL, rd_test_store_result, &area_result);
  area = rd_document_select_finish (document, rd_test_wait_result (&area_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (area->text, "Progress note, page 1"));
  g_assert_cmpuint (area->rects->len, ==, 1);
  g_assert_cmpfloat (g_array_index (area->rects, RdRect, 0).width, ==, 300);
}

/* The blue channel of the top-left pixel: white paper, or the placeholder's grey. */
static guint
corner (RdPageImage *image)
{
  return ((const guint8 *) g_bytes_get_data (rd_page_image_get_pixels (image), NULL))[0];
}

/* A page whose drawing or text extraction went over the time budget is drawn
 * as a placeholder from then on, without Poppler; other pages as before. A
 * budget of one microsecond makes every page go over it. */
static void
test_document_page_budget (void)
{
  g_autoptr(RdDocument) document = open_simple (3);
  g_autoptr(RdDocument) extracted = open_simple (3);
  g_autoptr(RdPageImage) first = NULL, again = NULL, other = NULL, after_text = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;

  rd_pdf_set_page_budget (1);
  first = render (document, 0, 300);
  rd_pdf_set_page_budget (0);
  g_assert_cmpuint (corner (first), ==, 0xff);
  g_assert_cmpuint (count_dark_pixels (first), >, 0);
  again = render (document, 0, 300);
  g_assert_cmpint (rd_page_image_get_width (again), ==, rd_page_image_get_width (first));
  g_assert_cmpuint (corner (again), <, 0xf8);
  g_assert_cmpuint (corner (again), >, 0xd0);
  other = render (document, 1, 300);
  g_assert_cmpuint (corner (other), ==, 0xff);

  rd_pdf_set_page_budget (1);
  rd_document_extract_text_async (extracted, NULL, NULL, NULL, rd_test_store_result, &result);
  texts = rd_document_extract_text_finish (extracted, rd_test_wait_result (&result), &error);
  rd_pdf_set_page_budget (0);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 3);
  g_assert_null (g_ptr_array_index (texts, 2));
  after_text = render (extracted, 2, 300);
  g_assert_cmpuint (corner (after_text), <, 0xf8);
}

static char **
every_third_page_scanned (guint    page,
                          gpointer user_data)
{
  return page % 3 == 1 ? NULL : rd_test_pdf_simple_page (page, user_data);
}

static void
record_progress (guint    done,
                 guint    total,
                 gpointer data)
{
  GArray *reports = data;

  g_assert_cmpuint (total, ==, 60);
  g_assert_cmpuint (done, <=, total);
  g_array_append_val (reports, done);
}

static void
test_document_extract_text (void)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new (60, every_third_page_scanned, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = open_bytes (pdf, NULL, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_no_error (error);
  rd_document_extract_text_async (document, record_progress, reports, NULL, rd_test_store_result, &result);
  texts = rd_document_extract_text_finish (document, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 60);
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 2), "baclofen trial"));
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 59), "Progress note, page 60"));
  for (guint i = 0; i < 60; i++)
    g_assert_cmpint (rd_page_text_is_scan (g_ptr_array_index (texts, i)), ==, i % 3 == 1);
  for (guint i = 1; i < reports->len; i++)
    g_assert_cmpuint (g_array_index (reports, guint, i - 1), <=, g_array_index (reports, guint, i));
}

static void
test_document_extract_yields (void)
{
  g_autoptr(RdDocument) document = open_simple (400);
  g_autoptr(GAsyncResult) extracted = NULL, rendered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPageImage) image = NULL;
  g_autoptr(GPtrArray) texts = NULL;

  rd_document_extract_text_async (document, NULL, NULL, NULL, rd_test_store_result, &extracted);
  rd_document_render_async (document, 399, 200, RD_JOB_PRIORITY_VISIBLE, NULL, rd_test_store_result, &rendered);
  /* The page someone looks at does not wait for the whole record's text. */
  rd_test_wait_result (&rendered);
  g_assert_null (extracted);
  image = rd_document_render_finish (document, rendered, &error);
  g_assert_no_error (error);
  texts = rd_document_extract_text_finish (document, rd_test_wait_result (&extracted), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 400);
}

static void
assert_open_fails (GBytes     *bytes,
                   const char *password,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = open_bytes (bytes, password, &error);

  g_assert_null (document);
  g_assert_error (error, RD_DOCUMENT_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 20);
}

static void
test_document_bad_records (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Dear reviewer,\nplease find the notes.\n", 38);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) damaged = g_bytes_new_static ("%PDF-1.7\n\x01\x02\x03 garbage, not objects\n", 35);
  g_autoptr(GBytes) zero = rd_test_pdf_new_no_pages ();
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (3);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 3);

  assert_open_fails (text, NULL, RD_DOCUMENT_ERROR_NOT_PDF);
  assert_open_fails (empty, NULL, RD_DOCUMENT_ERROR_NOT_PDF);
  assert_open_fails (damaged, NULL, RD_DOCUMENT_ERROR_DAMAGED);
  assert_open_fails (zero, NULL, RD_DOCUMENT_ERROR_NO_PAGES);
  assert_open_fails (truncated, NULL, RD_DOCUMENT_ERROR_DAMAGED);
}

static void
test_document_encrypted (void)
{
  g_autoptr(GBytes) pdf = NULL, encrypted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL;

  pdf = rd_test_pdf_new_simple (2);
  encrypted = rd_test_pdf_encrypt (pdf, "sesame");
  if (encrypted == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return;
    }

  assert_open_fails (encrypted, NULL, RD_DOCUMENT_ERROR_ENCRYPTED);
  assert_open_fails (encrypted, "", RD_DOCUMENT_ERROR_ENCRYPTED);
  assert_open_fails (encrypted, "wrong", RD_DOCUMENT_ERROR_BAD_PASSWORD);
  document = open_bytes (encrypted, "sesame", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_document_get_n_pages (document), ==, 2);
}

static void
test_document_ids (void)
{
  g_autoptr(RdDocument) a = open_simple (1);
  g_autoptr(RdDocument) b = open_simple (1);

  g_assert_cmpuint (rd_document_get_id (a), !=, rd_document_get_id (b));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/open-and-render", test_document_open_and_render);
  g_test_add_func ("/document/cancel", test_document_cancel);
  g_test_add_func ("/document/cancel-after-render", test_document_cancel_after_render);
  g_test_add_func ("/document/priorities", test_document_priorities);
  g_test_add_func ("/document/find", test_document_find);
  g_test_add_func ("/document/select", test_document_select);
  g_test_add_func ("/document/page-budget", test_document_page_budget);
  g_test_add_func ("/document/extract-text", test_document_extract_text);
  g_test_add_func ("/document/extract-yields", test_document_extract_yields);
  g_test_add_func ("/document/bad-records", test_document_bad_records);
  g_test_add_func ("/document/encrypted", test_document_encrypted);
  g_test_add_func ("/document/ids", test_document_ids);

  return g_test_run ();
}
