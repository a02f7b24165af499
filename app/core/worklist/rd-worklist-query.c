/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-worklist-private.h"
#include "rd-worklist-query.h"

struct _RdWorklistQuery
{
  RdWorklistFilter  filter;
  char            **words;        /* folded search words, all of which must occur */
  char             *reviewer;     /* folded */
  gboolean          director;     /* a medical director: cases sent to one come first */
  gint64            now;
  gint64            today_start;  /* the reviewer's local day */
  gint64            today_end;
};

static const char * const filter_names[] = {
  "all", "mine", "due-today", "overdue", "pended", "with-director", "decided",
};

const char *
rd_worklist_filter_to_string (RdWorklistFilter filter)
{
  g_return_val_if_fail (filter < G_N_ELEMENTS (filter_names), NULL);
  return filter_names[filter];
}

gboolean
rd_worklist_filter_from_string (const char       *name,
                                RdWorklistFilter *filter)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (filter_names); i++)
    if (g_str_equal (name, filter_names[i]))
      {
        *filter = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rd_worklist_query_new:
 *
 * Returns: (transfer full): a query for every case, as of now, for nobody in
 *   particular
 */
RdWorklistQuery *
rd_worklist_query_new (void)
{
  RdWorklistQuery *query = g_new0 (RdWorklistQuery, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  query->words = g_new0 (char *, 1);
  query->reviewer = g_strdup ("");
  rd_worklist_query_set_now (query, now);
  return query;
}

void
rd_worklist_query_free (RdWorklistQuery *query)
{
  if (query == NULL)
    return;
  g_strfreev (query->words);
  g_free (query->reviewer);
  g_free (query);
}

/* Returns: whether the filter changed. */
gboolean
rd_worklist_query_set_filter (RdWorklistQuery  *query,
                              RdWorklistFilter  filter)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (filter < G_N_ELEMENTS (filter_names), FALSE);

  if (query->filter == filter)
    return FALSE;
  query->filter = filter;
  return TRUE;
}

/* The words of @text; separators side by side make no empty words. */
static char **
split_words (const char *text)
{
  char **words = g_strsplit_set (text, " \t\n,;", -1);
  guint kept = 0;

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      words[kept++] = words[i];
    else
      g_free (words[i]);
  words[kept] = NULL;
  return words;
}

/**
 * rd_worklist_query_set_search:
 * @text: (nullable): words, each of which must occur in a case's member,
 *   ids, codes and their words, notes or decisions; case and accents do not
 *   matter
 *
 * Returns: whether the words changed
 */
gboolean
rd_worklist_query_set_search (RdWorklistQuery *query,
                              const char      *text)
{
  g_autofree char *folded = _rd_worklist_fold (text);
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (query != NULL, FALSE);

  words = split_words (folded);
  if (g_strv_equal ((const char * const *) words, (const char * const *) query->words))
    return FALSE;
  g_strfreev (query->words);
  query->words = g_steal_pointer (&words);
  return TRUE;
}

/**
 * rd_worklist_query_set_reviewer:
 * @name: (nullable): the reviewer's name, for the *mine* filter
 * @director: whether the reviewer is a medical director
 */
void
rd_worklist_query_set_reviewer (RdWorklistQuery *query,
                                const char      *name,
                                gboolean         director)
{
  g_return_if_fail (query != NULL);

  g_free (query->reviewer);
  query->reviewer = _rd_worklist_fold (name);
  g_strstrip (query->reviewer);
  query->director = director;
}

static gint64
to_us (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* What the due and overdue filters compare with; "today" is @now's day in
 * @now's time zone. */
void
rd_worklist_query_set_now (RdWorklistQuery *query,
                           GDateTime       *now)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_if_fail (query != NULL && now != NULL);

  start = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                           g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
  end = g_date_time_add_days (start, 1);
  query->now = to_us (now);
  query->today_start = to_us (start);
  query->today_end = to_us (end);
}

static gboolean
filter_matches (const RdWorklistQuery *query,
                RdWorklistEntry       *entry)
{
  RdWorklistStatus status = rd_worklist_entry_get_status (entry);
  gint64 due = rd_worklist_entry_get_due (entry);
  gboolean open = rd_worklist_status_is_open (status);

  switch (query->filter)
    {
    case RD_WORKLIST_FILTER_MINE:
      {
        g_autofree char *reviewer = _rd_worklist_fold (rd_worklist_entry_get_reviewer (entry));
        return *query->reviewer && g_str_equal (reviewer, query->reviewer);
      }
    case RD_WORKLIST_FILTER_DUE_TODAY:
      return open && due != 0 && due >= query->today_start && due < query->today_end;
    case RD_WORKLIST_FILTER_OVERDUE:
      return open && due != 0 && due < query->now;
    case RD_WORKLIST_FILTER_PENDED:
      return status == RD_WORKLIST_STATUS_PENDED;
    case RD_WORKLIST_FILTER_WITH_DIRECTOR:
      return status == RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR;
    case RD_WORKLIST_FILTER_DECIDED:
      return status == RD_WORKLIST_STATUS_DECIDED || status == RD_WORKLIST_STATUS_SEALED;
    case RD_WORKLIST_FILTER_ALL:
    default:
      return TRUE;
    }
}

gboolean
rd_worklist_query_matches (const RdWorklistQuery *query,
                           RdWorklistEntry       *entry)
{
  const char *text;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (RD_IS_WORKLIST_ENTRY (entry), FALSE);

  if (!filter_matches (query, entry))
    return FALSE;
  text = rd_worklist_entry_get_search_text (entry);
  for (guint i = 0; query->words[i]; i++)
    if (text == NULL || strstr (text, query->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Which part of the list an entry belongs to, top first: for a medical
 * director the cases sent to one; the undecided cases; files that cannot be
 * opened; the decided and sealed cases. */
static int
group (const RdWorklistQuery *query,
       RdWorklistEntry       *entry)
{
  RdWorklistStatus status = rd_worklist_entry_get_status (entry);

  if (query->director && status == RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR)
    return 0;
  if (rd_worklist_status_is_open (status))
    return 1;
  if (status == RD_WORKLIST_STATUS_UNREADABLE)
    return 2;
  return 3;
}

static int
compare_int (gint64 a,
             gint64 b)
{
  return a < b ? -1 : a > b;
}

/**
 * rd_worklist_query_compare:
 *
 * The worklist's order: undecided cases by deadline, earliest first (so the
 * overdue ones lead), those without a deadline after them; for a medical
 * director the cases sent to one before all others; then files that cannot be
 * opened; then decided and sealed cases, latest deadline first. Ties go by
 * path, so the order is stable.
 */
int
rd_worklist_query_compare (const RdWorklistQuery *query,
                           RdWorklistEntry       *a,
                           RdWorklistEntry       *b)
{
  int ga = group (query, a), gb = group (query, b);
  gint64 da = rd_worklist_entry_get_due (a), db = rd_worklist_entry_get_due (b);
  int order;

  if (ga != gb)
    return ga - gb;
  if (ga == 3)
    order = compare_int (db, da);
  else if ((da == 0) != (db == 0))
    order = da == 0 ? 1 : -1;
  else
    order = compare_int (da, db);
  return order != 0 ? order : g_strcmp0 (rd_worklist_entry_get_path (a), rd_worklist_entry_get_path (b));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      query)
{
  return rd_worklist_query_compare (query, *(RdWorklistEntry **) a, *(RdWorklistEntry **) b);
}

/**
 * rd_worklist_query_run:
 * @entries: (element-type RdWorklistEntry): the cases
 *
 * Returns: (transfer container) (element-type RdWorklistEntry): the entries
 *   that match, in the worklist's order
 */
GPtrArray *
rd_worklist_query_run (const RdWorklistQuery *query,
                       GPtrArray             *entries)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (query != NULL && entries != NULL, found);

  for (guint i = 0; i < entries->len; i++)
    if (rd_worklist_query_matches (query, g_ptr_array_index (entries, i)))
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (entries, i)));
  g_ptr_array_sort_with_data (found, compare_entries, (gpointer) query);
  return found;
}
