/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scanned pages recognised with Tesseract: a faxed record made by the build
 * is attached, its pages recognised, and its words found by search and
 * placed on the page by their boxes. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rd-case-file.h"
#include "rd-pdf-text.h"
#include "rd-recogniser.h"
#include "rd-test-case.h"
#include "rd-test-scan.h"

/* Attaches the synthetic fax to the fixture's case; its id. */
static gint64
attach_scan (RdCaseFile *case_file)
{
  g_autoptr(GBytes) pdf = rd_test_scan_pdf_new ();
  g_autoptr(RdPdfText) text = NULL;
  g_autofree gboolean *kinds = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  text = rd_pdf_text_extract (pdf, "fax.pdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (text->n_pages, ==, RD_TEST_SCAN_N_PAGES);
  g_assert_cmpuint (text->n_with_text, ==, 0);
  kinds = rd_pdf_text_page_kinds (text);
  id = rd_case_file_attach_record (case_file, pdf, "fax.pdf", text->n_pages, (const char * const *) text->texts,
                                   kinds, NULL, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* Whether search finds @word on page @page of record @id, as recognised text. */
static gboolean
found_on_page (RdCaseFile *case_file,
               const char *word,
               gint64      id,
               guint       page)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = rd_case_file_search (case_file, word, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      const RdCaseSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->record_id == id && hit->page_number == page)
        {
          g_assert_true (hit->recognised);
          g_assert_cmpfloat (hit->confidence, >, 50);
          return TRUE;
        }
    }
  return FALSE;
}

/* Every word drawn on the text pages is searched for; at least 95% are found
 * on the page where they were drawn. */
static void
assert_words_found (RdCaseFile *case_file,
                    gint64      id)
{
  guint n_words = 0, n_found = 0;

  for (guint page = 1; page <= RD_TEST_SCAN_TEXT_PAGES; page++)
    {
      const char * const *lines = rd_test_scan_lines (page);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_auto(GStrv) words = g_strsplit (lines[l], " ", -1);

          for (guint w = 0; words[w] != NULL; w++)
            {
              n_words++;
              if (found_on_page (case_file, words[w], id, page))
                n_found++;
              else
                g_test_message ("not found on page %u: %s", page, words[w]);
            }
        }
    }
  g_test_message ("words found by search on the recognised scans: %u of %u (%.1f%%)",
                  n_found, n_words, 100.0 * n_found / n_words);
  g_assert_cmpfloat (100.0 * n_found, >=, 95.0 * n_words);
}

/* The boxes of "baclofen" lie where the text was drawn on page 1, so that a
 * citation made from them marks the right place. */
static void
assert_boxes_on_text (RdCaseFile *case_file,
                      gint64      id)
{
  g_autoptr(GArray) words = NULL;
  g_autoptr(GError) error = NULL;
  guint n_baclofen = 0;

  words = rd_case_file_list_page_words (case_file, id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (words->len, >, 30);
  for (guint i = 0; i < words->len; i++)
    {
      const RdCaseWord *word = &g_array_index (words, RdCaseWord, i);

      g_assert_cmpfloat (word->confidence, >=, 0);
      g_assert_cmpfloat (word->confidence, <=, 100);
      if (g_ascii_strcasecmp (word->word, "baclofen") != 0)
        continue;
      n_baclofen++;
      g_assert_cmpfloat (word->x, >=, RD_TEST_SCAN_TEXT_X);
      g_assert_cmpfloat (word->y, >=, RD_TEST_SCAN_TEXT_TOP);
      g_assert_cmpfloat (word->x + word->width, <=, RD_TEST_SCAN_TEXT_RIGHT);
      g_assert_cmpfloat (word->y + word->height, <=, RD_TEST_SCAN_TEXT_BOTTOM);
      /* A word of 8 letters at 13 points: a box of its size, not a line's. */
      g_assert_cmpfloat (word->width, >, 30);
      g_assert_cmpfloat (word->width, <, 120);
      g_assert_cmpfloat (word->height, >, 5);
      g_assert_cmpfloat (word->height, <, 25);
    }
  g_assert_cmpuint (n_baclofen, ==, 2);
  words = (g_array_unref (words), rd_case_file_list_page_words (case_file, id, RD_TEST_SCAN_TINY_PAGE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (words->len, ==, 0);
}

static void
assert_verifies (RdCaseFile *case_file)
{
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = rd_case_file_verify (case_file, &error);
  g_assert_no_error (error);
  g_assert_null (result->integrity_problem);
  g_assert_null (result->records_problem);
  g_assert_null (result->replay_problem);
  g_assert_null (result->audit_problem);
}

static void
test_recognise_and_search (RdTestCaseFixture *fixture,
                           gconstpointer      data)
{
  g_auto(RdRecogniseCounts) counts = { 0 };
  g_autoptr(GArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = attach_scan (fixture->case_file);
  gint64 start = g_get_monotonic_time ();

  g_assert_true (rd_recognise_pending (fixture->case_file, id, NULL, &counts, &error));
  g_assert_no_error (error);
  g_test_message ("recognised %u pages in %.1f s", counts.n_recognised,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (counts.n_recognised, ==, RD_TEST_SCAN_TEXT_PAGES);
  g_assert_cmpuint (counts.n_refused, ==, 2);
  /* Each refused page says which and why; the others were read. */
  g_assert_nonnull (strstr (g_ptr_array_index (counts.refusals, 0), "page 3 has no area"));
  g_assert_nonnull (strstr (g_ptr_array_index (counts.refusals, 1), "page 4 is too large"));

  assert_words_found (fixture->case_file, id);
  assert_boxes_on_text (fixture->case_file, id);

  /* Nothing waits any more, refused pages included: they are not retried. */
  waiting = rd_case_file_list_pages_to_recognise (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 0);
  rd_recognise_counts_clear (&counts);
  g_assert_true (rd_recognise_pending (fixture->case_file, 0, NULL, &counts, &error));
  g_assert_cmpuint (counts.n_recognised + counts.n_refused, ==, 0);
  assert_verifies (fixture->case_file);
}

static void
count_progress (RdRecogniser *recogniser,
                guint         done,
                guint         total,
                gpointer      user_data)
{
  (*(guint *) user_data)++;
}

/* The application's way: worker threads, progress on the main loop. */
static void
test_background (RdTestCaseFixture *fixture,
                 gconstpointer      data)
{
  g_autoptr(RdRecogniser) recogniser = rd_recogniser_new (fixture->case_file);
  gint64 id = attach_scan (fixture->case_file);
  guint n_progress = 0;

  g_signal_connect (recogniser, "progress", G_CALLBACK (count_progress), &n_progress);
  rd_recogniser_queue_pending (recogniser);
  g_assert_cmpuint (rd_recogniser_get_total (recogniser), ==, RD_TEST_SCAN_N_PAGES);
  /* Queuing again adds nothing already queued. */
  rd_recogniser_queue_pending (recogniser);
  g_assert_cmpuint (rd_recogniser_get_total (recogniser), ==, RD_TEST_SCAN_N_PAGES);
  while (rd_recogniser_get_done (recogniser) < RD_TEST_SCAN_N_PAGES)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_progress, >=, RD_TEST_SCAN_N_PAGES + 1);
  g_assert_true (found_on_page (fixture->case_file, "intrathecal", id, 1));
  g_assert_true (found_on_page (fixture->case_file, "refills", id, 2));
  assert_verifies (fixture->case_file);
}

/* Closing the case stops recognition: disposing the recogniser returns once
 * the pages being read have stopped, and the rest waits for the next open. */
static void
test_cancel (RdTestCaseFixture *fixture,
             gconstpointer      data)
{
  RdRecogniser *recogniser = rd_recogniser_new (fixture->case_file);
  g_autoptr(GArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  attach_scan (fixture->case_file);
  rd_recogniser_queue_pending (recogniser);
  start = g_get_monotonic_time ();
  g_object_unref (recogniser);
  /* A hang guard, not a speed test: it would wait for every page otherwise. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 120 * G_USEC_PER_SEC);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  waiting = rd_case_file_list_pages_to_recognise (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, >=, 1);
  assert_verifies (fixture->case_file);
}

/* Recognised words deleted behind ReviewDesk's back no longer match the
 * count their audit entry recorded: verify names the page. */
static void
test_tampered_words (RdTestCaseFixture *fixture,
                     gconstpointer      data)
{
  g_auto(RdRecogniseCounts) counts = { 0 };
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 id = attach_scan (fixture->case_file);

  g_assert_true (rd_recognise_pending (fixture->case_file, id, NULL, &counts, &error));
  assert_verifies (fixture->case_file);
  g_clear_object (&fixture->case_file);

  fixture->tampered = TRUE;
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM page_word WHERE page_number = 2 AND n = 0", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  result = rd_case_file_verify (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->replay_problem);
  g_assert_nonnull (strstr (result->replay_problem, "The text recognised on record/1/page/2"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  rd_test_case_add ("/ocr/recognise-and-search", test_recognise_and_search);
  rd_test_case_add ("/ocr/background", test_background);
  rd_test_case_add ("/ocr/cancel", test_cancel);
  rd_test_case_add ("/ocr/tampered-words", test_tampered_words);
  return g_test_run ();
}
