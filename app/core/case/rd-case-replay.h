/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The replay of a case's audit log: what each audited table should hold
 * after the log's entries, compared with what it holds. Private to the case
 * file (rd-case-verify.c calls it); see "What verify checks" in
 * data/CASE-FORMAT.md.
 */

/* What the audit log can say about a case, one kind per audited value. */
typedef enum {
  RD_REPLAY_CASE_ID,
  RD_REPLAY_REQUEST,
  RD_REPLAY_REVIEW,
  RD_REPLAY_INDICATIONS,
  RD_REPLAY_SCORE,
  RD_REPLAY_SCORE_NOTE,
  RD_REPLAY_CONDITION,
  RD_REPLAY_CONDITION_NOTE,
  RD_REPLAY_DOCUMENTATION,
  RD_REPLAY_DOCUMENTATION_WHERE,
  RD_REPLAY_MEASUREMENT,
  RD_REPLAY_RECOMMENDATION,
  RD_REPLAY_STATUS,
  RD_REPLAY_DECISION,
  RD_REPLAY_EVIDENCE,
  RD_REPLAY_RECORD,
  RD_REPLAY_PAGE_TEXT,
  RD_REPLAY_PASSWORD,
  RD_REPLAY_SEAL,
  RD_REPLAY_BASIS,
  RD_REPLAY_PEER_TO_PEER,
  RD_REPLAY_DUE_EXTENSION,
  RD_REPLAY_DECLINED,
  RD_REPLAY_RECOGNISED,
  RD_REPLAY_SOURCE,
  RD_REPLAY_N_KINDS
} RdReplayKind;

/* One value, written as its audit entry writes it. @who and @role are the
 * person a row names (its reviewer, signer, who added it), %NULL when the
 * table does not name one. */
typedef struct {
  char   *value;
  char   *who;
  char   *role;
  gint64  seq;   /* the audit entry that set it; 0 for a row of the case */
} RdReplayItem;

/* Per kind, the id of each item (an audit entry's target, e.g.
 * "bsc-7.01.41/c1", "decision/2") to its RdReplayItem. */
typedef struct {
  GHashTable *items[RD_REPLAY_N_KINDS];
} RdReplayState;

RdReplayState *_rd_replay_state_new  (void);
void           _rd_replay_state_free (RdReplayState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReplayState, _rd_replay_state_free)

/* Sets (or replaces) an item; takes nothing, copies the strings. */
RdReplayItem  *_rd_replay_state_set  (RdReplayState *state,
                                      RdReplayKind   kind,
                                      const char    *id,
                                      const char    *value,
                                      const char    *who,
                                      const char    *role,
                                      gint64         seq);

/* What the case's tables hold, written as the audit log writes it
 * (rd-case-replay-tables.c). */
gboolean _rd_case_replay_read_tables (sqlite3        *db,
                                      RdReplayState  *state,
                                      GError        **error);

/* Replays the audit log and compares it with the tables: each difference,
 * and each entry that changed a value the entries before it had not left,
 * becomes one translated line of @problems (lines separated by "\n").
 * FALSE only when the case cannot be read. */
gboolean _rd_case_replay_check       (sqlite3        *db,
                                      GString        *problems,
                                      GError        **error);

G_END_DECLS
