/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* The case file's tables, created and migrated forward by user_version
 * (documented in data/CASE-FORMAT.md). */

/* Brings a database at @from (0 = empty) to @to, one transaction per version.
 * Migrations of an existing case (@from ≥ 1) add an audit entry each. */
gboolean _rd_case_schema_upgrade (sqlite3     *db,
                                  guint        from,
                                  guint        to,
                                  GError     **error);

/* Empty TEMP stand-ins for the tables added after @version, so that a
 * read-only connection to an older case reads like a current one. */
gboolean _rd_case_schema_shadow  (sqlite3     *db,
                                  guint        version,
                                  GError     **error);

G_END_DECLS
