/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The audit log's hash chain. Entry n's hash is the SHA-256 of "rd-audit-v1\n"
 * followed by prev_hash, seq, at, who, role, action, target, old_value and
 * new_value, each written as "<byte length>:<bytes>\n" ("-\n" for NULL); the
 * first entry's prev_hash is 64 zeros. See data/CASE-FORMAT.md.
 */

#define RD_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Entry @seq's hash, as _rd_audit_append() computes it. */
char    *_rd_audit_entry_hash (const char *prev_hash,
                               gint64      seq,
                               const char *at,
                               const char *who,
                               const char *role,
                               const char *action,
                               const char *target,
                               const char *old_value,
                               const char *new_value);

/* Appends one entry inside the caller's write transaction. */
gboolean _rd_audit_append (sqlite3     *db,
                           const char  *who,
                           const char  *role,
                           const char  *action,
                           const char  *target,
                           const char  *old_value,
                           const char  *new_value,
                           GError     **error);

/* The last entry: its sequence number and hash (genesis and 0 when empty). */
gboolean _rd_audit_head   (sqlite3     *db,
                           gint64      *seq,
                           char       **hash,
                           GError     **error);

/* Walks the chain. On a broken link sets *first_broken and *problem and still
 * returns TRUE; FALSE only when the log cannot be read. */
gboolean _rd_audit_verify (sqlite3     *db,
                           gint64      *n_entries,
                           gint64      *first_broken,
                           char       **problem,
                           GError     **error);

G_END_DECLS
