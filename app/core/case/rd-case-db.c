/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>

#include "rd-case-db.h"
#include "rd-case-file.h"

void
_rd_db_set_error (sqlite3  *db,
                  int       rc,
                  GError  **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_DAMAGED,
                   _("The case file is damaged (%s). Restore it from a backup."), detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_BUSY,
                   _("The case file is busy (%s). Try again."), detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_READ_ONLY,
                   _("The case file cannot be written (%s)."), detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
                   _("The disk is full (%s): the change was not saved and the case is unchanged. Free some"
                     " space and try again."), detail);
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_IO,
                   _("The case file could not be read or written (%s): the case is unchanged. Check the disk"
                     " and its free space, then try again."), detail);
      break;
    default:
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                   _("The case file refused the change (%s)."), detail);
      break;
    }
}

gboolean
_rd_db_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _rd_db_set_error (db, rc, error);
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
      _rd_db_set_error (db, rc, error);
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
  _rd_db_set_error (db, rc, error);
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
