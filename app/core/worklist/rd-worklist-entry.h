/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RdWorklistStatus:
 * @RD_WORKLIST_STATUS_NEW: in review, and nothing scored, answered or decided yet
 * @RD_WORKLIST_STATUS_IN_REVIEW: being reviewed
 * @RD_WORKLIST_STATUS_PENDED: pended until the provider sends documentation
 * @RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR: sent to a medical director
 * @RD_WORKLIST_STATUS_DECIDED: a determination has been recorded
 * @RD_WORKLIST_STATUS_SEALED: sealed by a medical director
 * @RD_WORKLIST_STATUS_UNREADABLE: the file cannot be read as a case (damaged,
 *   foreign, newer, unfinished): its row says why and opens nothing
 *
 * A case's state as the worklist shows it: the case file's status, with new
 * cases told apart from cases in review.
 */
typedef enum {
  RD_WORKLIST_STATUS_NEW,
  RD_WORKLIST_STATUS_IN_REVIEW,
  RD_WORKLIST_STATUS_PENDED,
  RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR,
  RD_WORKLIST_STATUS_DECIDED,
  RD_WORKLIST_STATUS_SEALED,
  RD_WORKLIST_STATUS_UNREADABLE,
} RdWorklistStatus;

const char *rd_worklist_status_to_string   (RdWorklistStatus  status);  /* "new", "in-review", ... */
gboolean    rd_worklist_status_from_string (const char       *name,
                                            RdWorklistStatus *status);
const char *rd_worklist_status_to_label    (RdWorklistStatus  status);  /* translated */
gboolean    rd_worklist_status_is_open     (RdWorklistStatus  status);

/*
 * RdWorklistEntry: one case file as the worklist shows it. Immutable: made on
 * a worker (from the case file or from the index) and handed to the main
 * thread as it is. Times are microseconds since the Unix epoch, 0 for none.
 */
#define RD_TYPE_WORKLIST_ENTRY (rd_worklist_entry_get_type ())
G_DECLARE_FINAL_TYPE (RdWorklistEntry, rd_worklist_entry, RD, WORKLIST_ENTRY, GObject)

const char       *rd_worklist_entry_get_path         (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_case_id      (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_member_name  (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_member_id    (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_payer        (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_plan         (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_request      (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_codes        (RdWorklistEntry *self);
RdWorklistStatus  rd_worklist_entry_get_status       (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_reviewer     (RdWorklistEntry *self);
gint64            rd_worklist_entry_get_due          (RdWorklistEntry *self);
gint64            rd_worklist_entry_get_updated      (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_problem      (RdWorklistEntry *self);
const char       *rd_worklist_entry_get_search_text  (RdWorklistEntry *self);

char             *rd_worklist_format_remaining       (gint64           due,
                                                      gint64           now);

G_END_DECLS
