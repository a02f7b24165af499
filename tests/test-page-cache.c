/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-document.h"
#include "rd-page-cache.h"
#include "rd-test-async.h"
#include "rd-test-pdf.h"

static RdPageImage *
fake_image (guint page,
            int   width,
            int   height)
{
  gsize stride = (gsize) width * 4;
  g_autoptr(GBytes) pixels = g_bytes_new_take (g_malloc0 (stride * height), stride * height);

  return rd_page_image_new (page, width, height, stride, pixels);
}

static void
test_page_cache_lru (void)
{
  /* Room for exactly three 100 × 100 pages. */
  g_autoptr(RdPageCache) cache = rd_page_cache_new (3 * 40000);
  g_autoptr(RdPageImage) hit = NULL;

  for (guint page = 0; page < 3; page++)
    {
      g_autoptr(RdPageImage) image = fake_image (page, 100, 100);
      rd_page_cache_insert (cache, 1, 100, image);
    }
  g_assert_cmpuint (rd_page_cache_get_n_pages (cache), ==, 3);
  g_assert_cmpuint (rd_page_cache_get_size (cache), ==, 120000);

  /* Page 0 was used again, so page 1 is now the oldest and goes first. */
  hit = rd_page_cache_lookup (cache, 1, 0, 100);
  g_assert_nonnull (hit);
  {
    g_autoptr(RdPageImage) image = fake_image (3, 100, 100);
    rd_page_cache_insert (cache, 1, 100, image);
  }
  g_assert_true (rd_page_cache_contains (cache, 1, 0, 100));
  g_assert_false (rd_page_cache_contains (cache, 1, 1, 100));
  g_assert_true (rd_page_cache_contains (cache, 1, 2, 100));
  g_assert_true (rd_page_cache_contains (cache, 1, 3, 100));
  g_assert_cmpuint (rd_page_cache_get_size (cache), ==, 120000);

  /* Another zoom or another document is another key. */
  g_assert_null (rd_page_cache_lookup (cache, 1, 0, 200));
  g_assert_null (rd_page_cache_lookup (cache, 2, 0, 100));

  /* Replacing a key does not count its bytes twice. */
  {
    g_autoptr(RdPageImage) image = fake_image (3, 100, 100);
    rd_page_cache_insert (cache, 1, 100, image);
  }
  g_assert_cmpuint (rd_page_cache_get_n_pages (cache), ==, 3);
  g_assert_cmpuint (rd_page_cache_get_size (cache), ==, 120000);
}

static void
test_page_cache_too_large (void)
{
  g_autoptr(RdPageCache) cache = rd_page_cache_new (100000);
  g_autoptr(RdPageImage) small = fake_image (0, 100, 100);
  g_autoptr(RdPageImage) huge = fake_image (1, 200, 200);

  rd_page_cache_insert (cache, 1, 100, small);
  rd_page_cache_insert (cache, 1, 200, huge);
  /* A page bigger than the budget is not kept, and does not flush the rest. */
  g_assert_false (rd_page_cache_contains (cache, 1, 1, 200));
  g_assert_true (rd_page_cache_contains (cache, 1, 0, 100));
  g_assert_cmpuint (rd_page_cache_get_size (cache), ==, 40000);
}

static void
test_page_cache_shrink_and_remove (void)
{
  g_autoptr(RdPageCache) cache = rd_page_cache_new (10 * 40000);

  for (guint page = 0; page < 10; page++)
    {
      g_autoptr(RdPageImage) image = fake_image (page, 100, 100);
      rd_page_cache_insert (cache, page % 2 + 1, 100, image);
    }
  g_assert_cmpuint (rd_page_cache_get_n_pages (cache), ==, 10);

  rd_page_cache_set_budget (cache, 4 * 40000);
  g_assert_cmpuint (rd_page_cache_get_n_pages (cache), ==, 4);
  g_assert_cmpuint (rd_page_cache_get_size (cache), <=, 4 * 40000);
  /* The four kept are the most recent: pages 6 to 9. */
  for (guint page = 6; page < 10; page++)
    g_assert_true (rd_page_cache_contains (cache, page % 2 + 1, page, 100));

  rd_page_cache_remove_document (cache, 1);
  g_assert_cmpuint (rd_page_cache_get_n_pages (cache), ==, 2);
  rd_page_cache_clear (cache);
  g_assert_cmpuint (rd_page_cache_get_size (cache), ==, 0);
}

/* Pages through a long record as a reader would, rendering what the cache does
 * not hold: the cache never holds more than its budget, and a page read again
 * soon after is not rendered twice. */
static void
test_page_cache_paging_long_record (void)
{
  const guint n_pages = 300;
  const int width = 240;
  const gsize budget = 2 * 1024 * 1024;
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (n_pages);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(RdPageCache) cache = rd_page_cache_new (budget);
  guint64 id;
  gsize peak = 0;

  rd_document_open_async (pdf, NULL, NULL, rd_test_store_result, &opened);
  document = rd_document_open_finish (rd_test_wait_result (&opened), &error);
  g_assert_no_error (error);
  id = rd_document_get_id (document);

  for (guint page = 0; page < n_pages; page++)
    {
      /* Each step shows the page and the one before it, as a scrolling view does. */
      for (guint shown = page > 0 ? page - 1 : 0; shown <= page; shown++)
        {
          g_autoptr(RdPageImage) image = rd_page_cache_lookup (cache, id, shown, width);

          if (image == NULL)
            {
              g_autoptr(GAsyncResult) rendered = NULL;

              rd_document_render_async (document, shown, width, RD_JOB_PRIORITY_VISIBLE, NULL,
                                        rd_test_store_result, &rendered);
              image = rd_document_render_finish (document, rd_test_wait_result (&rendered), &error);
              g_assert_no_error (error);
              rd_page_cache_insert (cache, id, width, image);
            }
          peak = MAX (peak, rd_page_cache_get_size (cache));
          g_assert_cmpuint (rd_page_cache_get_size (cache), <=, budget);
        }
    }
  g_assert_cmpuint (rd_document_get_render_count (document), ==, n_pages);
  /* The budget was actually used, not merely respected by an empty cache. */
  g_assert_cmpuint (peak, >, budget - 2 * 240 * 311 * 4);
  g_assert_cmpuint (rd_page_cache_get_n_pages (cache), <, n_pages / 10);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/page-cache/lru", test_page_cache_lru);
  g_test_add_func ("/page-cache/too-large", test_page_cache_too_large);
  g_test_add_func ("/page-cache/shrink-and-remove", test_page_cache_shrink_and_remove);
  g_test_add_func ("/page-cache/paging-long-record", test_page_cache_paging_long_record);

  return g_test_run ();
}
