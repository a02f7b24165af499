/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Small helpers over the SQLite C API, shared by the case file's sources. */

typedef sqlite3_stmt RdStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdStmt, sqlite3_finalize)

/* SQLite's words for @rc on @db (nullable), short and valid UTF-8. */
const char *_rd_db_error_detail  (sqlite3       *db,
                                  int            rc);

typedef enum {
  RD_DB_OPENING,
  RD_DB_READING,
  RD_DB_WRITING,
} RdDbAccess;

/* Sets @error for SQLite's @rc, naming the file (@path, or @db's) once. */
void       _rd_db_set_error_for  (sqlite3       *db,
                                  int            rc,
                                  const char    *path,
                                  RdDbAccess     access,
                                  GError       **error);
/* The same, reading or writing as @db's transaction says. */
void       _rd_db_set_error      (sqlite3       *db,
                                  int            rc,
                                  GError       **error);
gboolean   _rd_db_exec           (sqlite3       *db,
                                  const char    *sql,
                                  GError       **error);
RdStmt    *_rd_db_prepare        (sqlite3       *db,
                                  const char    *sql,
                                  GError       **error);
/* Binds each argument in turn: 's' text (nullable), 'i' gint64, 'd' double,
 * 't' GDateTime* (nullable). */
void       _rd_db_bind           (RdStmt        *stmt,
                                  const char    *types,
                                  ...);
/* Steps a statement that returns no row (or whose rows are ignored). */
gboolean   _rd_db_step_done      (sqlite3       *db,
                                  RdStmt        *stmt,
                                  GError       **error);
/* Steps once: TRUE with *has_row for a row, TRUE without for done, FALSE on error. */
gboolean   _rd_db_step_row       (sqlite3       *db,
                                  RdStmt        *stmt,
                                  gboolean      *has_row,
                                  GError       **error);
char      *_rd_db_column_text    (RdStmt        *stmt,
                                  int            column);
GDateTime *_rd_db_column_time    (RdStmt        *stmt,
                                  int            column);
/* Prepares @sql, binds the arguments as _rd_db_bind() does and steps once:
 * returns the statement with *has_row telling whether it stands on a row, or
 * %NULL with @error set when SQLite fails. */
RdStmt    *_rd_db_query_row      (sqlite3       *db,
                                  gboolean      *has_row,
                                  GError       **error,
                                  const char    *sql,
                                  const char    *types,
                                  ...);
gboolean   _rd_db_query_int      (sqlite3       *db,
                                  const char    *sql,
                                  gint64        *value,
                                  GError       **error);

char      *_rd_time_to_string    (GDateTime     *time);
GDateTime *_rd_time_from_string  (const char    *text);
char      *_rd_time_now_string   (void);

G_END_DECLS
