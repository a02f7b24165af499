/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "rd-case-db.h"
#include "rd-case-file.h"

/* What SQLite's result code means for the reviewer: the reason, the error
 * code a caller can act on, and what to do. */
typedef struct {
  RdCaseFileError  code;
  const char      *reason;
  const char      *advice;
} Problem;

static Problem
problem_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return (Problem) { RD_CASE_FILE_ERROR_IO, N_("the disk is full"),
                         N_("Free some space on the disk and try again.") };
    case SQLITE_IOERR:
      return (Problem) { RD_CASE_FILE_ERROR_IO, N_("the disk reported an error"),
                         N_("Check the disk (or the network drive the case is on) and try again.") };
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return (Problem) { RD_CASE_FILE_ERROR_BUSY, N_("another program is using the case"),
                         N_("Close the case in the other program, or wait a moment, and try again.") };
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return (Problem) { RD_CASE_FILE_ERROR_READ_ONLY, N_("ReviewDesk may not write the file or its folder"),
                         N_("Check that you may read and write the case file and its folder, and try again.") };
    case SQLITE_CANTOPEN:
      return (Problem) { RD_CASE_FILE_ERROR_IO, N_("ReviewDesk may not open the file or its folder"),
                         N_("Check that you may read and write the case file and its folder, and try again.") };
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return (Problem) { RD_CASE_FILE_ERROR_DAMAGED, N_("the file is damaged"),
                         N_("Restore the case from a backup.") };
    default:
      return (Problem) { RD_CASE_FILE_ERROR_INVALID, N_("the case file refused it"),
                         N_("Try again; if it fails again, check the case with “reviewdesk-tool case verify”.") };
    }
}

/* SQLite's own words for a message's technical detail: the connection's
 * message when it is short text, else the generic text of @rc (a damaged
 * schema's message quotes the damaged bytes). */
const char *
_rd_db_error_detail (sqlite3 *db,
                     int      rc)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : NULL;

  if (message != NULL && strlen (message) <= 80 && g_utf8_validate (message, -1, NULL))
    return message;
  return sqlite3_errstr (db != NULL ? sqlite3_extended_errcode (db) : rc);
}

/**
 * _rd_db_set_error_for:
 * @db: (nullable): the connection that failed, for SQLite's own words
 * @rc: SQLite's result code
 * @path: (nullable): the case file, or %NULL for @db's file
 * @access: what was being done
 *
 * Sets @error to what failed on which file, in the reviewer's words, that the
 * case is unchanged (SQLite rolls back a failed transaction) and what to do,
 * with SQLite's own text only as a detail at the end.
 */
void
_rd_db_set_error_for (sqlite3     *db,
                      int          rc,
                      const char  *path,
                      RdDbAccess   access,
                      GError     **error)
{
  Problem problem = problem_for (rc);
  const char *detail = _rd_db_error_detail (db, rc);
  g_autofree char *what = NULL;

  if (path == NULL && db != NULL)
    path = sqlite3_db_filename (db, "main");
  if (path == NULL || *path == '\0')
    path = _("the case file");
  switch (access)
    {
    case RD_DB_OPENING:
      what = g_strdup_printf (_("“%s” could not be opened: %s."), path, _(problem.reason));
      break;
    case RD_DB_READING:
      what = g_strdup_printf (_("“%s” could not be read: %s."), path, _(problem.reason));
      break;
    case RD_DB_WRITING:
    default:
      what = g_strdup_printf (_("The change to “%s” could not be saved: %s."), path, _(problem.reason));
      break;
    }
  /* TRANSLATORS: what failed, that the case is unchanged, what to do, and
   * SQLite's own (English) words as a technical detail. */
  g_set_error (error, RD_CASE_FILE_ERROR, problem.code, _("%s The case is unchanged. %s (SQLite: %s)"),
               what, _(problem.advice), detail);
}

void
_rd_db_set_error (sqlite3  *db,
                  int       rc,
                  GError  **error)
{
  /* A connection inside a transaction is changing the case. */
  gboolean writing = db != NULL && !sqlite3_db_readonly (db, "main") && !sqlite3_get_autocommit (db);

  _rd_db_set_error_for (db, rc, NULL, writing ? RD_DB_WRITING : RD_DB_READING, error);
}

static RdDbAccess
statement_access (sqlite3 *db,
                  RdStmt  *stmt)
{
  return sqlite3_db_readonly (db, "main") || sqlite3_stmt_readonly (stmt) ? RD_DB_READING : RD_DB_WRITING;
}

gboolean
_rd_db_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  /* Transactions, changes and settings: a failed COMMIT has already rolled
   * back, so the connection cannot tell any more that it was writing. */
  if (rc != SQLITE_OK)
    {
      _rd_db_set_error_for (db, rc, NULL, sqlite3_db_readonly (db, "main") ? RD_DB_READING : RD_DB_WRITING, error);
      return FALSE;
    }
  return TRUE;
}

RdStmt *
_rd_db_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _rd_db_set_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static void
bind_valist (RdStmt     *stmt,
             const char *types,
             va_list     args)
{
  int column = 1;

  for (const char *t = types; *t; t++, column++)
    {
      switch (*t)
        {
        case 's':
          {
            const char *text = va_arg (args, const char *);
            if (text != NULL)
              sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
            else
              sqlite3_bind_null (stmt, column);
          }
          break;
        case 'i':
          sqlite3_bind_int64 (stmt, column, va_arg (args, gint64));
          break;
        case 'd':
          sqlite3_bind_double (stmt, column, va_arg (args, double));
          break;
        case 't':
          {
            GDateTime *time = va_arg (args, GDateTime *);
            if (time != NULL)
              sqlite3_bind_text (stmt, column, _rd_time_to_string (time), -1, g_free);
            else
              sqlite3_bind_null (stmt, column);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
_rd_db_bind (RdStmt     *stmt,
             const char *types,
             ...)
{
  va_list args;

  va_start (args, types);
  bind_valist (stmt, types, args);
  va_end (args);
}

gboolean
_rd_db_step_done (sqlite3  *db,
                  RdStmt   *stmt,
                  GError  **error)
{
  int rc;

  do
    rc = sqlite3_step (stmt);
  while (rc == SQLITE_ROW);
  if (rc != SQLITE_DONE)
    {
      _rd_db_set_error_for (db, rc, NULL, statement_access (db, stmt), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_rd_db_step_row (sqlite3   *db,
                 RdStmt    *stmt,
                 gboolean  *has_row,
                 GError   **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  _rd_db_set_error_for (db, rc, NULL, statement_access (db, stmt), error);
  return FALSE;
}

char *
_rd_db_column_text (RdStmt *stmt,
                    int     column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

GDateTime *
_rd_db_column_time (RdStmt *stmt,
                    int     column)
{
  return _rd_time_from_string ((const char *) sqlite3_column_text (stmt, column));
}

RdStmt *
_rd_db_query_row (sqlite3     *db,
                  gboolean    *has_row,
                  GError     **error,
                  const char  *sql,
                  const char  *types,
                  ...)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, sql, error);
  va_list args;

  *has_row = FALSE;
  if (stmt == NULL)
    return NULL;
  va_start (args, types);
  bind_valist (stmt, types, args);
  va_end (args);
  if (!_rd_db_step_row (db, stmt, has_row, error))
    return NULL;
  return g_steal_pointer (&stmt);
}

gboolean
_rd_db_query_int (sqlite3     *db,
                  const char  *sql,
                  gint64      *value,
                  GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  *value = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Times are stored as ISO 8601 UTC text with microseconds, which sorts. */
char *
_rd_time_to_string (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

GDateTime *
_rd_time_from_string (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}

char *
_rd_time_now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _rd_time_to_string (now);
}
