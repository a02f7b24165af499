/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The worklist benchmark: a case folder of N_CASES synthetic case files (one
 * case made through the core API, copied with its member, id, time of receipt
 * and status changed in SQL), and:
 *  - reading every case file, as a list without an index would on each start
 *    (the reference, measured in the same run);
 *  - building the index from nothing (the first start);
 *  - the list from a warm index: its rows loaded, then the folder checked
 *    (every file's size, time and inode) so that changed files are read;
 *  - the start page: from its creation until all its rows are in the list
 *    and a frame is drawn (warm index);
 *  - filtering per keystroke: each prefix of what a nurse types, over every
 *    case, in the core and through the start page's search entry.
 * Medians of N_RUNS. Run it with `meson test -C build --benchmark worklist`;
 * RD_BENCH_CASES sets how many cases. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rd-bench.h"
#include "rd-start-page.h"
#include "rd-test-case.h"
#include "rd-test-gui.h"
#include "rd-test-worklist.h"
#include "rd-worklist-index.h"
#include "rd-worklist-private.h"
#include "rd-worklist-query.h"

#define N_CASES 5000
#define N_RUNS  5

static const char *const first_names[] = { "María", "Sam", "Lee", "Ana", "Tom", "Kim", "Noor", "Ravi", "Zoe", "Omar" };
static const char *const last_names[] = { "Pérez", "Okafor", "Chen", "Silva", "Berg", "Ito", "Haddad", "Nair", "Novak", "Diaz" };
static const char *const statuses[] = { "in-review", "in-review", "in-review", "pended", "with-medical-director", "decided" };

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
make_folder (const char *folder,
             guint       n)
{
  const RdTestWorklistCase template = { "template.rdcase", "Template", "SYN000000", 10, RD_URGENCY_STANDARD,
                                        RD_WORKLIST_STATUS_IN_REVIEW, "Test Nurse", "Spasm diary" };
  g_autofree char *dir = g_path_get_dirname (folder);
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  path = rd_test_worklist_case (dir, &template);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%05u.rdcase", i);
      g_autofree char *to = g_build_filename (folder, name, NULL);
      g_autofree char *member = g_strdup_printf ("%s %s %u", first_names[i % 10], last_names[(i / 10) % 10], i);
      g_autofree char *id = g_strdup_printf ("SYN%06u", i);
      g_autoptr(GDateTime) received = g_date_time_add_minutes (now, -(gint) ((i * 37) % (10 * 24 * 60)));

      rd_test_worklist_copy_case (path, to, member, id, received, statuses[i % G_N_ELEMENTS (statuses)]);
    }
  printf ("  %u case files made in %.1f s\n", n, since (start) / 1000.0);
}

static double
read_every_case (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) policies = rd_policy_load_directory (NULL, NULL);
  const char *name;
  gint64 start = g_get_monotonic_time ();

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(RdWorklistEntry) entry = _rd_worklist_read_case (path, policies);
      g_assert_true (rd_worklist_entry_get_problem (entry) == NULL);
    }
  return since (start);
}

static double
build_index (const char        *index_path,
             const char * const *folders)
{
  g_autoptr(RdWorklistIndex) index = NULL;
  gint64 start;

  g_unlink (index_path);
  start = g_get_monotonic_time ();
  index = rd_worklist_index_open (index_path, NULL);
  g_assert_true (rd_worklist_index_sync (index, folders, NULL, NULL, NULL, NULL));
  return since (start);
}

static GPtrArray *
warm_load (const char         *index_path,
           const char * const *folders,
           double             *shown_ms,
           double             *synced_ms)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(RdWorklistIndex) index = rd_worklist_index_open (index_path, NULL);
  GPtrArray *entries = rd_worklist_index_load (index, folders, NULL);

  *shown_ms = since (start);
  g_assert_true (rd_worklist_index_sync (index, folders, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (rd_worklist_index_get_n_read (index), ==, 0);
  *synced_ms = since (start);
  return entries;
}

static const char *const typed = "perez 62362";

static void
filter_core (GPtrArray *entries,
             double    *median_ms,
             double    *worst_ms)
{
  g_autoptr(RdWorklistQuery) query = rd_worklist_query_new ();
  double times[32];
  guint n = 0;

  *worst_ms = 0;
  for (guint len = 1; len <= strlen (typed); len++)
    {
      g_autofree char *prefix = g_strndup (typed, len);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) found = NULL;

      rd_worklist_query_set_search (query, prefix);
      found = rd_worklist_query_run (query, entries);
      times[n] = since (start);
      *worst_ms = MAX (*worst_ms, times[n]);
      n++;
    }
  *median_ms = rd_bench_median (times, n);
}

/* ---- the start page ----------------------------------------------------- */

static guint n_cases = N_CASES;

static gboolean
all_listed (gpointer data)
{
  return g_list_model_get_n_items (rd_start_page_get_worklist (data)) >= n_cases;
}

static gboolean
settled (gpointer data)
{
  return !rd_worklist_model_is_loading (rd_start_page_get_worklist_model (data));
}

static gboolean
shown_is (gpointer data)
{
  RdStartPage *page = ((gpointer *) data)[0];
  return g_list_model_get_n_items (rd_start_page_get_worklist (page)) == GPOINTER_TO_UINT (((gpointer *) data)[1]);
}

static void
page_run (double *shown_ms,
          double *keystroke_ms,
          double *worst_ms)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 start = g_get_monotonic_time ();
  RdStartPage *page = g_object_new (RD_TYPE_START_PAGE, NULL);
  GtkWidget *search;
  double times[32];
  guint n = 0;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  g_assert_true (rd_test_gui_wait_for (all_listed, page, 60000));
  rd_test_gui_wait_painted (GTK_WIDGET (page));
  *shown_ms = since (start);
  g_assert_true (rd_test_gui_wait_for (settled, page, 60000));

  /* Each keystroke: the entry's text set, the list filtered, a frame drawn
   * (the entry's own search delay left out: it waits for the typing to pause). */
  search = rd_test_gui_find_named (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (search), 0);
  *worst_ms = 0;
  for (guint len = 1; len <= strlen (typed); len++)
    {
      g_autofree char *prefix = g_strndup (typed, len);
      g_autoptr(RdWorklistQuery) query = rd_worklist_query_new ();
      GListModel *all = rd_worklist_model_get_entries (rd_start_page_get_worklist_model (page));
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) expected = NULL;
      gpointer data[2];

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        g_ptr_array_add (entries, g_list_model_get_item (all, i));
      rd_worklist_query_set_search (query, prefix);
      expected = rd_worklist_query_run (query, entries);
      data[0] = page;
      data[1] = GUINT_TO_POINTER (expected->len);

      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (search), prefix);
      g_assert_true (rd_test_gui_wait_for (shown_is, data, 60000));
      rd_test_gui_wait_painted (GTK_WIDGET (page));
      times[n] = since (start);

      *worst_ms = MAX (*worst_ms, times[n]);
      n++;
    }
  *keystroke_ms = rd_bench_median (times, n);
  gtk_window_destroy (window);
  rd_test_gui_spin ();
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *index_path = NULL;
  g_auto(GStrv) folders = NULL;
  double reading[N_RUNS], building[N_RUNS], shown[N_RUNS], synced[N_RUNS], key[N_RUNS], key_worst[N_RUNS];
  double page_shown[N_RUNS], page_key[N_RUNS], page_worst[N_RUNS];

  if (g_getenv ("RD_BENCH_CASES"))
    n_cases = atoi (g_getenv ("RD_BENCH_CASES"));
  /* A home of its own: the case folder and the index are the user's. */
  home = g_dir_make_tmp ("rd-bench-worklist-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  gtk_init ();
  adw_init ();
  folder = rd_worklist_default_folder ();
  index_path = rd_worklist_index_default_path ();
  folders = rd_worklist_folders (NULL, NULL);

  printf ("Worklist benchmark: %u case files, medians of %u runs\n", n_cases, N_RUNS);
  make_folder (folder, n_cases);
  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr(GPtrArray) entries = NULL;

      reading[r] = read_every_case (folder);
      building[r] = build_index (index_path, (const char * const *) folders);
      entries = warm_load (index_path, (const char * const *) folders, &shown[r], &synced[r]);
      g_assert_cmpuint (entries->len, ==, n_cases);
      filter_core (entries, &key[r], &key_worst[r]);
      page_run (&page_shown[r], &page_key[r], &page_worst[r]);
    }
  printf ("  reading every case file (reference):     %8.1f ms\n", rd_bench_median (reading, N_RUNS));
  printf ("  building the index from nothing:         %8.1f ms\n", rd_bench_median (building, N_RUNS));
  printf ("  warm index, rows loaded:                 %8.1f ms  (%.0f× faster than reading every case)\n",
          rd_bench_median (shown, N_RUNS), rd_bench_median (reading, N_RUNS) / rd_bench_median (shown, N_RUNS));
  printf ("  warm index, rows loaded and folder checked: %5.1f ms  (%.0f×)\n",
          rd_bench_median (synced, N_RUNS), rd_bench_median (reading, N_RUNS) / rd_bench_median (synced, N_RUNS));
  printf ("  start page shown, all rows, frame drawn:  %8.1f ms  (limit 200 ms)\n", rd_bench_median (page_shown, N_RUNS));
  printf ("  filtering per keystroke, core:           %8.2f ms  median, %.2f ms worst\n",
          rd_bench_median (key, N_RUNS), rd_bench_median (key_worst, N_RUNS));
  printf ("  filtering per keystroke, start page:     %8.1f ms  median, %.1f ms worst (limit 50 ms)\n",
          rd_bench_median (page_key, N_RUNS), rd_bench_median (page_worst, N_RUNS));
  rd_test_remove_dir (home);
  return 0;
}
