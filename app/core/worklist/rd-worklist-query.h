/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-worklist-entry.h"

G_BEGIN_DECLS

/**
 * RdWorklistFilter:
 * @RD_WORKLIST_FILTER_ALL: every case
 * @RD_WORKLIST_FILTER_MINE: the cases the reviewer last worked on
 * @RD_WORKLIST_FILTER_DUE_TODAY: undecided cases due today (reviewer's time zone)
 * @RD_WORKLIST_FILTER_OVERDUE: undecided cases past their deadline
 * @RD_WORKLIST_FILTER_PENDED: pended cases
 * @RD_WORKLIST_FILTER_WITH_DIRECTOR: cases awaiting a medical director
 * @RD_WORKLIST_FILTER_DECIDED: decided and sealed cases
 */
typedef enum {
  RD_WORKLIST_FILTER_ALL,
  RD_WORKLIST_FILTER_MINE,
  RD_WORKLIST_FILTER_DUE_TODAY,
  RD_WORKLIST_FILTER_OVERDUE,
  RD_WORKLIST_FILTER_PENDED,
  RD_WORKLIST_FILTER_WITH_DIRECTOR,
  RD_WORKLIST_FILTER_DECIDED,
} RdWorklistFilter;

const char *rd_worklist_filter_to_string   (RdWorklistFilter  filter);  /* "all", "mine", ... */
gboolean    rd_worklist_filter_from_string (const char       *name,
                                            RdWorklistFilter *filter);

/*
 * RdWorklistQuery: what the worklist shows and in which order. The filter
 * and the search select entries; the order is by deadline, overdue first
 * (see rd_worklist_query_compare()).
 */
typedef struct _RdWorklistQuery RdWorklistQuery;

RdWorklistQuery *rd_worklist_query_new          (void);
void             rd_worklist_query_free         (RdWorklistQuery  *query);
gboolean         rd_worklist_query_set_filter   (RdWorklistQuery  *query,
                                                 RdWorklistFilter  filter);
gboolean         rd_worklist_query_set_search   (RdWorklistQuery  *query,
                                                 const char       *text);
void             rd_worklist_query_set_reviewer (RdWorklistQuery  *query,
                                                 const char       *name,
                                                 gboolean          director);
void             rd_worklist_query_set_now      (RdWorklistQuery  *query,
                                                 GDateTime        *now);
gboolean         rd_worklist_query_matches      (const RdWorklistQuery *query,
                                                 RdWorklistEntry       *entry);
int              rd_worklist_query_compare      (const RdWorklistQuery *query,
                                                 RdWorklistEntry       *a,
                                                 RdWorklistEntry       *b);
GPtrArray       *rd_worklist_query_run          (const RdWorklistQuery *query,
                                                 GPtrArray             *entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdWorklistQuery, rd_worklist_query_free)

G_END_DECLS
