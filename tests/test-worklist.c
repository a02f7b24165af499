/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rd-test-case.h"
#include "rd-test-identity.h"
#include "rd-test-worklist.h"
#include "rd-worklist-index.h"
#include "rd-worklist-query.h"

/* A folder of synthetic cases, one in each state a nurse meets, and the
 * worklist's index of it in the test's own cache directory. */
typedef struct {
  char            *dir;
  char            *index_path;
  RdWorklistIndex *index;
  char           **folders;
  GHashTable      *changed;   /* path -> RdWorklistEntry, or a NULL value for a removed file */
} Fixture;

enum { OVERDUE, NEW, DUE_SOON, WITH_DIRECTOR, DECIDED, DAMAGED, NOT_RECEIVED, N_CASES };

static const RdTestWorklistCase cases[N_CASES] = {
  [OVERDUE] = { "overdue.rdcase", "María Pérez", "SYN000101", 100, RD_URGENCY_EXPEDITED,
                RD_WORKLIST_STATUS_IN_REVIEW, "Test Nurse", "Spasm diary for six weeks" },
  [NEW] = { "new.rdcase", "Sam Okafor", "SYN000102", 10, RD_URGENCY_STANDARD,
            RD_WORKLIST_STATUS_NEW, "Test Nurse", NULL },
  [DUE_SOON] = { "due-soon.rdcase", "Lee Chen", "SYN000103", 60, RD_URGENCY_EXPEDITED,
                 RD_WORKLIST_STATUS_PENDED, "Alex Rivera", NULL },
  [WITH_DIRECTOR] = { "director.rdcase", "Ana Silva", "SYN000104", 100, RD_URGENCY_STANDARD,
                      RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR, "Test Nurse", NULL },
  [DECIDED] = { "decided.rdcase", "Tom Berg", "SYN000105", 200, RD_URGENCY_STANDARD,
                RD_WORKLIST_STATUS_DECIDED, "Test Nurse", NULL },
  [DAMAGED] = { "damaged.rdcase", NULL, NULL, 0, 0, RD_WORKLIST_STATUS_UNREADABLE, NULL, NULL },
  [NOT_RECEIVED] = { "not-received.rdcase", "Kim Ito", "SYN000107", -1, RD_URGENCY_STANDARD,
                     RD_WORKLIST_STATUS_NEW, "Test Nurse", NULL },
};

static char *paths[N_CASES];

static void
unref_if_any (gpointer object)
{
  if (object)
    g_object_unref (object);
}

static void
record_change (const char      *path,
               RdWorklistEntry *entry,
               gpointer         user_data)
{
  Fixture *fixture = user_data;

  g_hash_table_insert (fixture->changed, g_strdup (path), entry ? g_object_ref (entry) : NULL);
}

static void
sync_index (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (fixture->changed);
  g_assert_true (rd_worklist_index_sync (fixture->index, (const char * const *) fixture->folders,
                                         record_change, fixture, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = rd_test_case_dir ();
  fixture->index_path = g_build_filename (fixture->dir, "cache", "worklist.sqlite", NULL);
  fixture->folders = g_new0 (char *, 2);
  fixture->folders[0] = g_build_filename (fixture->dir, "cases", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->folders[0], 0700), ==, 0);
  for (guint i = 0; i < N_CASES; i++)
    {
      g_free (paths[i]);
      paths[i] = rd_test_worklist_case (fixture->folders[0], &cases[i]);
    }
  fixture->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_any);
  fixture->index = rd_worklist_index_open (fixture->index_path, &error);
  g_assert_no_error (error);
  sync_index (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rd_worklist_index_free (fixture->index);
  g_hash_table_unref (fixture->changed);
  rd_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->index_path);
  g_strfreev (fixture->folders);
}

static GPtrArray *
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = rd_worklist_index_load (fixture->index, (const char * const *) fixture->folders, &error);

  g_assert_no_error (error);
  return entries;
}

static RdWorklistEntry *
find (GPtrArray  *entries,
      const char *path)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (rd_worklist_entry_get_path (entries->pdata[i]), path))
      return entries->pdata[i];
  return NULL;
}

static void
test_worklist_index_built (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = load (fixture);
  RdWorklistEntry *overdue = find (entries, paths[OVERDUE]);
  struct stat st;

  /* Every case was read once, into a private file in the cache. */
  g_assert_cmpuint (rd_worklist_index_get_n_read (fixture->index), ==, N_CASES);
  g_assert_cmpuint (entries->len, ==, N_CASES);
  g_assert_cmpint (g_stat (fixture->index_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  for (guint i = 0; i < N_CASES; i++)
    g_assert_cmpint (rd_worklist_entry_get_status (find (entries, paths[i])), ==, cases[i].status);
  g_assert_cmpstr (rd_worklist_entry_get_member_name (overdue), ==, "María Pérez");
  g_assert_cmpstr (rd_worklist_entry_get_member_id (overdue), ==, "SYN000101");
  g_assert_cmpstr (rd_worklist_entry_get_reviewer (overdue), ==, "Test Nurse");
  g_assert_cmpstr (rd_worklist_entry_get_reviewer (find (entries, paths[DECIDED])), ==, "Dr. Synthetic Director");
  g_assert_cmpstr (rd_worklist_entry_get_codes (overdue), ==, "62362, G80.1");
  /* The codes in words, from the policies' code lists. */
  g_assert_true (g_str_has_prefix (rd_worklist_entry_get_request (overdue),
                                   "62362 Implantation or replacement of device for intrathecal"));
  g_assert_true (g_str_has_suffix (rd_worklist_entry_get_request (overdue), "baclofen, intrathecal"));
  g_assert_null (rd_worklist_entry_get_payer (overdue));
  g_assert_cmpint (rd_worklist_entry_get_due (overdue), <, g_get_real_time () - 27 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (rd_worklist_entry_get_due (find (entries, paths[NOT_RECEIVED])), ==, 0);

  /* A second sync reads nothing: no file changed. */
  sync_index (fixture);
  g_assert_cmpuint (rd_worklist_index_get_n_read (fixture->index), ==, 0);
  g_assert_cmpuint (g_hash_table_size (fixture->changed), ==, 0);
}

static void
test_worklist_read_only (Fixture       *fixture,
                         gconstpointer  data)
{
  char *digests[N_CASES] = { NULL };
  g_autoptr(GDir) dir = NULL;
  g_autoptr(RdWorklistIndex) fresh = NULL;
  const char *name;
  guint n_files = 0;

  /* Indexing opens the cases read-only: not a byte of them changes, and no
   * -wal or -shm file is left beside them. */
  for (guint i = 0; i < N_CASES; i++)
    digests[i] = rd_test_file_digest (paths[i]);
  g_unlink (fixture->index_path);
  fresh = rd_worklist_index_open (fixture->index_path, NULL);
  g_assert_true (rd_worklist_index_sync (fresh, (const char * const *) fixture->folders, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (rd_worklist_index_get_n_read (fresh), ==, N_CASES);
  for (guint i = 0; i < N_CASES; i++)
    {
      g_autofree char *after = rd_test_file_digest (paths[i]);
      g_assert_cmpstr (after, ==, digests[i]);
      g_free (digests[i]);
    }
  dir = g_dir_open (fixture->folders[0], 0, NULL);
  while ((name = g_dir_read_name (dir)))
    {
      g_assert_true (g_str_has_suffix (name, ".rdcase"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, N_CASES);
}

static void
test_worklist_stale (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  RdWorklistEntry *entry;

  /* Another program pends the new case: its row is read again, and only it. */
  cf = rd_case_file_open (paths[NEW], RD_CASE_FILE_OPEN_NONE, NULL);
  g_assert_nonnull (cf);
  rd_test_sign_as (cf, "Alex Rivera", "RN", RD_ROLE_NURSE_REVIEWER);
  rd_test_case_decide (cf, RD_DECISION_PEND, NULL, FALSE, "Asked for the trial dose report");
  sync_index (fixture);
  g_assert_cmpuint (rd_worklist_index_get_n_read (fixture->index), ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->changed), ==, 1);
  entry = g_hash_table_lookup (fixture->changed, paths[NEW]);
  g_assert_nonnull (entry);
  g_assert_cmpint (rd_worklist_entry_get_status (entry), ==, RD_WORKLIST_STATUS_PENDED);
  g_assert_cmpstr (rd_worklist_entry_get_reviewer (entry), ==, "Alex Rivera");

  /* Closing it folds the write-ahead log into the file: read again, same state. */
  rd_case_file_close (cf);
  sync_index (fixture);
  entries = load (fixture);
  g_assert_cmpint (rd_worklist_entry_get_status (find (entries, paths[NEW])), ==, RD_WORKLIST_STATUS_PENDED);
}

static void
test_worklist_removed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_cmpint (g_unlink (paths[DECIDED]), ==, 0);
  sync_index (fixture);
  g_assert_true (g_hash_table_contains (fixture->changed, paths[DECIDED]));
  g_assert_null (g_hash_table_lookup (fixture->changed, paths[DECIDED]));
  entries = load (fixture);
  g_assert_cmpuint (entries->len, ==, N_CASES - 1);
  g_assert_null (find (entries, paths[DECIDED]));

  /* A folder no longer listed takes its rows with it. */
  g_free (fixture->folders[0]);
  fixture->folders[0] = g_build_filename (fixture->dir, "elsewhere", NULL);
  sync_index (fixture);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = load (fixture);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_worklist_damaged (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = load (fixture);
  RdWorklistEntry *damaged = find (entries, paths[DAMAGED]);

  /* The row says why the file cannot be opened, naming it. */
  g_assert_nonnull (damaged);
  g_assert_cmpint (rd_worklist_entry_get_status (damaged), ==, RD_WORKLIST_STATUS_UNREADABLE);
  g_assert_nonnull (strstr (rd_worklist_entry_get_problem (damaged), paths[DAMAGED]));
  g_assert_null (rd_worklist_entry_get_member_name (damaged));
  g_assert_null (rd_worklist_entry_get_problem (find (entries, paths[NEW])));
}

static void
test_worklist_index_replaced (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  /* A damaged or foreign index is made anew from the case files. */
  rd_worklist_index_free (fixture->index);
  g_assert_true (g_file_set_contents (fixture->index_path, "SQLite format 3 but not really", -1, NULL));
  fixture->index = rd_worklist_index_open (fixture->index_path, &error);
  g_assert_no_error (error);
  entries = load (fixture);
  g_assert_cmpuint (entries->len, ==, 0);
  sync_index (fixture);
  g_assert_cmpuint (rd_worklist_index_get_n_read (fixture->index), ==, N_CASES);
}

/* The paths of the entries of @query, in its order, as indexes into cases. */
static char *
run (Fixture         *fixture,
     RdWorklistQuery *query)
{
  g_autoptr(GPtrArray) entries = load (fixture);
  g_autoptr(GPtrArray) found = rd_worklist_query_run (query, entries);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *name = g_path_get_basename (rd_worklist_entry_get_path (found->pdata[i]));
      g_string_append_printf (names, "%s%s", i ? " " : "", name);
    }
  return g_string_free (names, FALSE);
}

#define assert_run(fixture, query, expected) \
  G_STMT_START { g_autofree char *found_ = run (fixture, query); g_assert_cmpstr (found_, ==, expected); } G_STMT_END

static void
test_worklist_order (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RdWorklistQuery) query = rd_worklist_query_new ();

  /* Undecided by deadline, overdue first; no deadline yet after them; then
   * files that cannot be opened; decided last. */
  assert_run (fixture, query, "overdue.rdcase due-soon.rdcase director.rdcase new.rdcase not-received.rdcase"
                              " damaged.rdcase decided.rdcase");
  /* A medical director sees the cases sent to one first. */
  rd_worklist_query_set_reviewer (query, "Dr. Synthetic Director", TRUE);
  assert_run (fixture, query, "director.rdcase overdue.rdcase due-soon.rdcase new.rdcase not-received.rdcase"
                              " damaged.rdcase decided.rdcase");
}

static void
test_worklist_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RdWorklistQuery) query = rd_worklist_query_new ();
  g_autoptr(GPtrArray) entries = load (fixture);
  g_autoptr(GDateTime) soon_due = g_date_time_new_from_unix_local (
    rd_worklist_entry_get_due (find (entries, paths[DUE_SOON])) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_add_minutes (soon_due, -1);

  /* "Today" is the day the pended case falls due, a minute before it does:
   * the overdue case is due more than a day before that. */
  rd_worklist_query_set_now (query, now);
  rd_worklist_query_set_reviewer (query, "alex rivera", FALSE);

  g_assert_true (rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_MINE));
  assert_run (fixture, query, "due-soon.rdcase");
  g_assert_true (rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_DUE_TODAY));
  assert_run (fixture, query, "due-soon.rdcase");
  g_assert_true (rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_OVERDUE));
  assert_run (fixture, query, "overdue.rdcase");
  g_assert_true (rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_PENDED));
  assert_run (fixture, query, "due-soon.rdcase");
  g_assert_true (rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_WITH_DIRECTOR));
  assert_run (fixture, query, "director.rdcase");
  g_assert_true (rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_DECIDED));
  assert_run (fixture, query, "decided.rdcase");
  g_assert_false (rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_DECIDED));

  /* The search: member (accents and case aside), ids, codes and their words,
   * notes and decisions; every word must occur. */
  rd_worklist_query_set_filter (query, RD_WORKLIST_FILTER_ALL);
  g_assert_true (rd_worklist_query_set_search (query, "PEREZ"));
  assert_run (fixture, query, "overdue.rdcase");
  rd_worklist_query_set_search (query, "syn000104");
  assert_run (fixture, query, "director.rdcase");
  rd_worklist_query_set_search (query, "spasm diary");
  assert_run (fixture, query, "overdue.rdcase");
  rd_worklist_query_set_search (query, "physician review");
  assert_run (fixture, query, "director.rdcase decided.rdcase");
  rd_worklist_query_set_search (query, "programmable  pump,  G80.1");
  assert_run (fixture, query, "overdue.rdcase due-soon.rdcase director.rdcase new.rdcase not-received.rdcase"
                              " decided.rdcase");
  rd_worklist_query_set_search (query, "damaged");
  assert_run (fixture, query, "damaged.rdcase");
  g_assert_false (rd_worklist_query_set_search (query, " damaged "));
  rd_worklist_query_set_search (query, "nobody");
  assert_run (fixture, query, "");
}

static void
test_worklist_remaining (void)
{
  gint64 now = g_get_real_time ();
  struct { gint64 due; const char *text; } expected[] = {
    { now + 2 * G_TIME_SPAN_DAY + 5 * G_TIME_SPAN_HOUR + 10 * G_TIME_SPAN_MINUTE, "2 days 5 hours left" },
    { now + 6 * G_TIME_SPAN_DAY + 23 * G_TIME_SPAN_HOUR, "6 days 23 hours left" },
    { now + G_TIME_SPAN_DAY, "1 day left" },
    { now + 3 * G_TIME_SPAN_HOUR, "3 hours left" },
    { now + 40 * G_TIME_SPAN_MINUTE, "40 minutes left" },
    { now - 3 * G_TIME_SPAN_HOUR - G_TIME_SPAN_MINUTE, "3 hours overdue" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = rd_worklist_format_remaining (expected[i].due, now);
      g_assert_cmpstr (text, ==, expected[i].text);
    }
}

static void
test_worklist_folders (void)
{
  const char *more[] = { "/srv/cases/", "", "/srv/cases", "/srv/other", NULL };
  g_auto(GStrv) folders = rd_worklist_folders (NULL, more);
  g_autofree char *default_folder = rd_worklist_default_folder ();

  g_assert_cmpuint (g_strv_length (folders), ==, 3);
  g_assert_cmpstr (folders[0], ==, default_folder);
  g_assert_cmpstr (folders[1], ==, "/srv/cases");
  g_assert_cmpstr (folders[2], ==, "/srv/other");
}

#define add(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add ("/worklist/index-built", test_worklist_index_built);
  add ("/worklist/read-only", test_worklist_read_only);
  add ("/worklist/stale", test_worklist_stale);
  add ("/worklist/removed", test_worklist_removed);
  add ("/worklist/damaged", test_worklist_damaged);
  add ("/worklist/index-replaced", test_worklist_index_replaced);
  add ("/worklist/order", test_worklist_order);
  add ("/worklist/filters", test_worklist_filters);
  g_test_add_func ("/worklist/remaining", test_worklist_remaining);
  g_test_add_func ("/worklist/folders", test_worklist_folders);

  status = g_test_run ();
  for (guint i = 0; i < N_CASES; i++)
    g_free (paths[i]);
  return status;
}
