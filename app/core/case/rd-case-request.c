/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-db.h"
#include "rd-case-file-private.h"

/* The request's text fields, column by column. */
static const struct {
  const char *column;
  gsize       offset;
} text_fields[] = {
  { "member_name", G_STRUCT_OFFSET (RdRequest, member_name) },
  { "member_id", G_STRUCT_OFFSET (RdRequest, member_id) },
  { "member_birth_date", G_STRUCT_OFFSET (RdRequest, member_birth_date) },
  { "provider_name", G_STRUCT_OFFSET (RdRequest, provider_name) },
  { "provider_npi", G_STRUCT_OFFSET (RdRequest, provider_npi) },
  { "drug", G_STRUCT_OFFSET (RdRequest, drug) },
  { "route", G_STRUCT_OFFSET (RdRequest, route) },
  { "device", G_STRUCT_OFFSET (RdRequest, device) },
  { "payer", G_STRUCT_OFFSET (RdRequest, payer) },
  { "plan_name", G_STRUCT_OFFSET (RdRequest, plan) },
};

static const struct {
  const char *system;
  gsize       offset;
} code_fields[] = {
  { "cpt", G_STRUCT_OFFSET (RdRequest, cpt_codes) },
  { "hcpcs", G_STRUCT_OFFSET (RdRequest, hcpcs_codes) },
  { "icd10-pcs", G_STRUCT_OFFSET (RdRequest, icd10_pcs_codes) },
  { "icd10-cm", G_STRUCT_OFFSET (RdRequest, icd10_cm_codes) },
};

#define TEXT_FIELD(request, i) G_STRUCT_MEMBER (char *, (request), text_fields[i].offset)
#define CODE_FIELD(request, i) G_STRUCT_MEMBER (char **, (request), code_fields[i].offset)

static gboolean
read_codes (sqlite3    *db,
            RdRequest  *request,
            GError    **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT code FROM request_code WHERE system = ? ORDER BY position",
                                           error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (code_fields); i++)
    {
      g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
      gboolean has_row;

      sqlite3_reset (stmt);
      _rd_db_bind (stmt, "s", code_fields[i].system);
      while (TRUE)
        {
          if (!_rd_db_step_row (db, stmt, &has_row, error))
            return FALSE;
          if (!has_row)
            break;
          g_strv_builder_add (codes, (const char *) sqlite3_column_text (stmt, 0));
        }
      CODE_FIELD (request, i) = g_strv_builder_end (codes);
    }
  return TRUE;
}

RdRequest *
_rd_case_read_request (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(RdRequest) request = rd_request_new ();
  g_autoptr(RdStmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT request_type, urgency, received_at, line_of_business");
  gboolean has_row;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_string_append_printf (sql, ", %s", text_fields[i].column);
  g_string_append (sql, " FROM request WHERE id = 1");

  stmt = _rd_db_prepare (db, sql->str, error);
  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
    return NULL;
  if (has_row)
    {
      rd_request_type_from_string ((const char *) sqlite3_column_text (stmt, 0), &request->type);
      rd_urgency_from_string ((const char *) sqlite3_column_text (stmt, 1), &request->urgency);
      request->received = _rd_db_column_time (stmt, 2);
      rd_line_of_business_from_string ((const char *) sqlite3_column_text (stmt, 3), &request->line_of_business);
      for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
        TEXT_FIELD (request, i) = _rd_db_column_text (stmt, 4 + i);
    }
  if (!read_codes (db, request, error))
    return NULL;
  return g_steal_pointer (&request);
}

/**
 * rd_case_file_get_request:
 *
 * Returns: (transfer full) (nullable): the request as stored; fields intake
 *   has not filled are %NULL, code arrays are empty (never %NULL)
 */
RdRequest *
rd_case_file_get_request (RdCaseFile  *self,
                          GError     **error)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  return _rd_case_read_request (self->db, error);
}

static char *
join_codes (char **codes)
{
  return codes != NULL && codes[0] != NULL ? g_strjoinv (", ", codes) : NULL;
}

static char *
time_text (GDateTime *time)
{
  return time != NULL ? _rd_time_to_string (time) : NULL;
}

/* One audit entry per field that changes, named like the request fields of
 * rd_request_validate_field(). */
static gboolean
audit_request_changes (sqlite3           *db,
                       const RdCaseActor *actor,
                       const RdRequest   *old,
                       const RdRequest   *new,
                       guint             *n_changes,
                       GError           **error)
{
  g_autofree char *old_received = time_text (old->received);
  g_autofree char *new_received = time_text (new->received);

#define AUDIT_IF_CHANGED(field, a, b)                                                    \
  G_STMT_START {                                                                          \
    if (g_strcmp0 ((a), (b)) != 0)                                                        \
      {                                                                                   \
        (*n_changes)++;                                                                   \
        if (!_rd_case_audit (db, actor, "request", "request/" field, (a), (b), error))   \
          return FALSE;                                                                   \
      }                                                                                   \
  } G_STMT_END

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *field = g_strdelimit (g_strdup (text_fields[i].column), "_", '-');
      if (g_strcmp0 (TEXT_FIELD (old, i), TEXT_FIELD (new, i)) != 0)
        {
          g_autofree char *target = g_strconcat ("request/", field, NULL);
          (*n_changes)++;
          if (!_rd_case_audit (db, actor, "request", target, TEXT_FIELD (old, i), TEXT_FIELD (new, i), error))
            return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (code_fields); i++)
    {
      g_autofree char *a = join_codes (CODE_FIELD (old, i));
      g_autofree char *b = join_codes (CODE_FIELD (new, i));
      g_autofree char *target = g_strconcat ("request/", code_fields[i].system, NULL);
      if (g_strcmp0 (a, b) != 0)
        {
          (*n_changes)++;
          if (!_rd_case_audit (db, actor, "request", target, a, b, error))
            return FALSE;
        }
    }
  AUDIT_IF_CHANGED ("type", rd_request_type_to_string (old->type), rd_request_type_to_string (new->type));
  AUDIT_IF_CHANGED ("urgency", rd_urgency_to_string (old->urgency), rd_urgency_to_string (new->urgency));
  AUDIT_IF_CHANGED ("received", old_received, new_received);
  AUDIT_IF_CHANGED ("line-of-business", rd_line_of_business_to_string (old->line_of_business),
                    rd_line_of_business_to_string (new->line_of_business));
#undef AUDIT_IF_CHANGED
  return TRUE;
}

static gboolean
check_text (const RdRequest  *request,
            GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (TEXT_FIELD (request, i) != NULL && !g_utf8_validate (TEXT_FIELD (request, i), -1, NULL))
      goto invalid;
  for (guint i = 0; i < G_N_ELEMENTS (code_fields); i++)
    for (char **c = CODE_FIELD (request, i); c != NULL && *c != NULL; c++)
      if (!g_utf8_validate (*c, -1, NULL))
        goto invalid;
  return TRUE;

invalid:
  g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID,
                       _("A field of the request is not valid text; the request was not stored."));
  return FALSE;
}

static gboolean
write_request (sqlite3          *db,
               const RdRequest  *request,
               GError          **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE request SET request_type = ?, urgency = ?, received_at = ?,"
                                         " due_at = ?, line_of_business = ?");
  g_autoptr(RdStmt) stmt = NULL;
  g_autoptr(RdStmt) insert = NULL;
  g_autoptr(GDateTime) due = NULL;
  int column = 6;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_string_append_printf (sql, ", %s = ?", text_fields[i].column);
  g_string_append (sql, " WHERE id = 1");

  stmt = _rd_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  if (!_rd_case_due_time (db, request, &due, error))
    return FALSE;
  _rd_db_bind (stmt, "sstts", rd_request_type_to_string (request->type),
               rd_urgency_to_string (request->urgency), request->received, due,
               rd_line_of_business_to_string (request->line_of_business));
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    sqlite3_bind_text (stmt, column++, TEXT_FIELD (request, i), -1, SQLITE_TRANSIENT);
  if (!_rd_db_step_done (db, stmt, error) || !_rd_db_exec (db, "DELETE FROM request_code", error))
    return FALSE;

  insert = _rd_db_prepare (db, "INSERT INTO request_code (system, position, code) VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (code_fields); i++)
    {
      char **codes = CODE_FIELD (request, i);
      for (guint j = 0; codes != NULL && codes[j] != NULL; j++)
        {
          _rd_db_bind (insert, "sis", code_fields[i].system, (gint64) j, codes[j]);
          if (!_rd_db_step_done (db, insert, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * rd_case_file_set_request:
 * @request: the whole request; it need not be complete (intake may save a
 *   partly filled form), rd_request_validate() is the caller's to show
 *
 * Stores the request and its due time in one transaction, with one audit
 * entry per changed field (old and new value). Storing an unchanged request
 * writes nothing.
 *
 * Returns: %TRUE once the change is durable
 */
gboolean
rd_case_file_set_request (RdCaseFile       *self,
                          const RdRequest  *request,
                          GError          **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autoptr(RdRequest) old = NULL;
  guint n_changes = 0;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (!check_text (request, error) || !_rd_case_begin_write (self, self->db, &actor, error))
    return FALSE;
  old = _rd_case_read_request (self->db, error);
  if (old == NULL ||
      !audit_request_changes (self->db, &actor, old, request, &n_changes, error))
    goto fail;
  if (n_changes == 0)
    {
      _rd_case_rollback (self->db);
      return TRUE;
    }
  if (!write_request (self->db, request, error))
    goto fail;
  return _rd_case_commit_change (self, self->db, "request", error);

fail:
  _rd_case_rollback (self->db);
  return FALSE;
}
