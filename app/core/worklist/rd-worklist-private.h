/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-policy.h"
#include "rd-request.h"
#include "rd-worklist-entry.h"

G_BEGIN_DECLS

/* Shared by the files of the worklist (rd-worklist-*.c). */

/* What tells that a case file changed since it was indexed: the file's size,
 * modification time and inode, and those of its write-ahead log, where
 * another ReviewDesk's changes stay until the case is closed. */
typedef struct {
  gint64  size;
  gint64  mtime_ns;
  gint64  inode;
  gint64  wal_size;
  gint64  wal_mtime_ns;
} RdWorklistStamp;

gboolean  _rd_worklist_stamp_read  (const char            *path,
                                    RdWorklistStamp       *stamp);
gboolean  _rd_worklist_stamp_equal (const RdWorklistStamp *a,
                                    const RdWorklistStamp *b);

/* The values of an entry, as the index stores them. */
typedef struct {
  char             *path;
  char             *case_id;
  char             *member_name;
  char             *member_id;
  char             *payer;
  char             *plan;
  char             *request;      /* the request in words: codes with their descriptions, drug, route */
  char             *codes;        /* the request's codes, comma-separated */
  RdWorklistStatus  status;
  char             *reviewer;
  gint64            due;
  gint64            updated;
  char             *problem;      /* why an unreadable file cannot be opened */
  char             *search_text;  /* folded: _rd_worklist_fold() */
} RdWorklistFields;

/* Takes the fields' values and clears @fields. */
RdWorklistEntry *_rd_worklist_entry_new_take (RdWorklistFields *fields);
void             _rd_worklist_fields_clear   (RdWorklistFields *fields);

/* Lower-case ASCII with accents dropped, so that "perez" finds "Pérez". */
char            *_rd_worklist_fold           (const char       *text);

/* Reads the case at @path read-only (it is not changed). A file that cannot
 * be read as a case gives an unreadable entry saying why. @policies name the
 * request's codes in words and may be %NULL. */
RdWorklistEntry *_rd_worklist_read_case      (const char       *path,
                                              GPtrArray        *policies);

G_END_DECLS
