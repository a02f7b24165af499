/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-case-file.h"
#include "rd-worklist-entry.h"

G_BEGIN_DECLS

/* Synthetic cases for the worklist's tests, benchmark and screenshots. */

typedef struct {
  const char       *name;         /* file name in the folder */
  const char       *member;
  const char       *member_id;
  double            received_hours_ago;  /* < 0: no request received yet */
  RdUrgency         urgency;
  RdWorklistStatus  status;       /* NEW to SEALED, or UNREADABLE for a damaged file */
  const char       *reviewer;
  const char       *note;         /* nullable: a score's note */
} RdTestWorklistCase;

/* Makes the case through the core API and returns its path. */
char *rd_test_worklist_case      (const char               *dir,
                                  const RdTestWorklistCase *spec);
/* Copies the closed case @from to @to (0600) and changes its member, id,
 * time of receipt and status straight in SQL: thousands of cases in seconds.
 * The copy opens read-only like any case (its audit log no longer agrees
 * with it, which only opening for writing checks). */
void  rd_test_worklist_copy_case (const char               *from,
                                  const char               *to,
                                  const char               *member,
                                  const char               *member_id,
                                  GDateTime                *received,
                                  const char               *status);

G_END_DECLS
