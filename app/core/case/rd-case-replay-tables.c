/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a case's tables hold, written the way each writer writes its audit
 * entry, so that the replay of the log can be compared with it value by value. */
#include "config.h"

#include "rd-case-db.h"
#include "rd-case-file-private.h"
#include "rd-case-replay.h"

/* Kinds whose rows a query gives as: id, value[, who[, role]]. The values
 * are the entries' own texts: rd_case_file_set_recommendation() and
 * rd_case_file_record_decision() compose theirs this way. */
static const struct {
  RdReplayKind  kind;
  const char   *sql;
} row_queries[] = {
  { RD_REPLAY_CASE_ID, "SELECT 'case', case_id FROM case_info" },
  { RD_REPLAY_STATUS, "SELECT 'case', status FROM case_info" },
  { RD_REPLAY_REVIEW, "SELECT policy_id, content_hash, added_by FROM review" },
  { RD_REPLAY_SCORE, "SELECT policy_id || '/' || criterion_id, score, reviewer FROM criterion_score" },
  { RD_REPLAY_SCORE_NOTE, "SELECT policy_id || '/' || criterion_id, note FROM criterion_score"
                          " WHERE note IS NOT NULL" },
  { RD_REPLAY_CONDITION, "SELECT policy_id || '/' || condition_id, answer, reviewer FROM condition_answer" },
  { RD_REPLAY_CONDITION_NOTE, "SELECT policy_id || '/' || condition_id, note FROM condition_answer"
                              " WHERE note IS NOT NULL" },
  { RD_REPLAY_DOCUMENTATION, "SELECT policy_id || '/' || item_id, status, reviewer FROM documentation" },
  { RD_REPLAY_DOCUMENTATION_WHERE, "SELECT policy_id || '/' || item_id, where_found FROM documentation"
                                   " WHERE where_found IS NOT NULL" },
  { RD_REPLAY_RECOMMENDATION, "SELECT policy_id, outcome_id || ' adverse=' || adverse || ' criteria-met='"
                              " || criteria_met || ifnull(': ' || summary, ''), computed_by FROM recommendation" },
  { RD_REPLAY_DECISION, "SELECT 'decision/' || id, kind || ifnull(' ' || outcome_id, '')"
                        " || CASE WHEN adverse THEN ' (adverse)' ELSE '' END || ifnull(': ' || rationale, ''),"
                        " who, role FROM decision" },
  { RD_REPLAY_RECORD, "SELECT 'record/' || id, file_name || '; ' || n_pages || ' pages; ' || size"
                      " || ' bytes; sha256 ' || sha256, added_by FROM record" },
  { RD_REPLAY_PAGE_TEXT, "SELECT 'record/' || record_id, count(*) || ' pages; ' || sum(has_text_layer = 1)"
                         " || ' with a text layer' FROM record_page GROUP BY record_id" },
  { RD_REPLAY_PASSWORD, "SELECT 'record/' || record_id, 'stored', stored_by FROM record_password" },
  { RD_REPLAY_SEAL, "SELECT 'case', digest, sealed_by FROM seal" },
  { RD_REPLAY_BASIS, "SELECT 'decision/' || decision_id, ifnull('rests on ' || criterion, '')"
                     " || CASE WHEN criterion IS NOT NULL AND reconsiders IS NOT NULL THEN '; ' ELSE '' END"
                     " || CASE WHEN reconsiders IS NOT NULL THEN 'reconsiders an earlier determination'"
                     " ELSE '' END FROM determination_basis" },
  { RD_REPLAY_PEER_TO_PEER, "SELECT 'peer-to-peer/' || id, event || ifnull(' for ' || scheduled_for, '')"
                            " || ifnull(' with ' || participant, '') || ifnull(': ' || notes, ''), who, role"
                            " FROM peer_to_peer" },
  { RD_REPLAY_DUE_EXTENSION, "SELECT 'request/due', hours || ' hours: ' || reason, who FROM due_extension" },
  { RD_REPLAY_SOURCE, "SELECT 'source/' || id, kind || '; ' || media_type || '; ' || size || ' bytes; sha256 '"
                      " || sha256, added_by FROM source_document" },
  { RD_REPLAY_DECLINED, "SELECT policy_id || '/' || indication_id, reason, who FROM declined_proposal" },
  { RD_REPLAY_RECOGNISED, "SELECT 'record/' || p.record_id || '/page/' || p.page_number,"
                          " CASE p.has_text_layer WHEN 4 THEN 'not recognisable' ELSE"
                          " (SELECT count(*) FROM page_word w WHERE w.record_id = p.record_id"
                          "  AND w.page_number = p.page_number) || ' words' END"
                          " FROM record_page p WHERE p.has_text_layer IN (3, 4)" },
};

#define COL(i) (sqlite3_column_count (stmt) > (int) (i) ? (const char *) sqlite3_column_text (stmt, (i)) : NULL)

static gboolean
read_rows (sqlite3        *db,
           RdReplayState  *state,
           RdReplayKind    kind,
           const char     *sql,
           GError        **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      _rd_replay_state_set (state, kind, COL (0), COL (1), COL (2), COL (3), 0);
    }
}

/* The request's columns under the names of their audit entries' targets. */
static const struct {
  const char *column;
  const char *target;
} request_columns[] = {
  { "member_name", "request/member-name" },
  { "member_id", "request/member-id" },
  { "member_birth_date", "request/member-birth-date" },
  { "provider_name", "request/provider-name" },
  { "provider_npi", "request/provider-npi" },
  { "drug", "request/drug" },
  { "route", "request/route" },
  { "device", "request/device" },
  { "request_type", "request/type" },
  { "urgency", "request/urgency" },
  { "received_at", "request/received" },
  { "payer", "request/payer" },
  { "plan_name", "request/plan-name" },
  { "line_of_business", "request/line-of-business" },
};

/* The writer audits the received time as it reads it back: parsed and
 * written again. */
static char *
normal_time (const char *text)
{
  g_autoptr(GDateTime) time = _rd_time_from_string (text);

  return time != NULL ? _rd_time_to_string (time) : g_strdup (text);
}

static gboolean
read_request (sqlite3        *db,
              RdReplayState  *state,
              GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  for (guint i = 0; i < G_N_ELEMENTS (request_columns); i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", request_columns[i].column);
  g_string_append (sql, " FROM request WHERE id = 1");
  stmt = _rd_db_prepare (db, sql->str, error);
  if (stmt == NULL || !_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  for (guint i = 0; has_row && i < G_N_ELEMENTS (request_columns); i++)
    {
      g_autofree char *value = g_str_equal (request_columns[i].column, "received_at") ? normal_time (COL (i))
                               : g_strdup (COL (i));
      _rd_replay_state_set (state, RD_REPLAY_REQUEST, request_columns[i].target, value, NULL, NULL, 0);
    }
  return TRUE;
}

/* Rows of (id, part) in order, each id's parts joined with @separator: a
 * request's codes per system, a policy's indications. */
static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

static gboolean
read_joined (sqlite3        *db,
             RdReplayState  *state,
             RdReplayKind    kind,
             const char     *sql,
             const char     *separator,
             GError        **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, sql, error);
  g_autoptr(GHashTable) joined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_string);
  GHashTableIter iter;
  gpointer id, text;
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      GString *parts;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      parts = g_hash_table_lookup (joined, COL (0));
      if (parts == NULL)
        g_hash_table_insert (joined, g_strdup (COL (0)), (parts = g_string_new (COL (1))));
      else
        g_string_append_printf (parts, "%s%s", separator, COL (1));
    }
  g_hash_table_iter_init (&iter, joined);
  while (g_hash_table_iter_next (&iter, &id, &text))
    _rd_replay_state_set (state, kind, id, ((GString *) text)->str, NULL, NULL, 0);
  return TRUE;
}

static gboolean
read_evidence (sqlite3        *db,
               RdReplayState  *state,
               GError        **error)
{
  g_autoptr(GPtrArray) evidence = _rd_case_query_evidence (db, 0, NULL, NULL, error);

  if (evidence == NULL)
    return FALSE;
  for (guint i = 0; i < evidence->len; i++)
    {
      RdCaseEvidence *e = g_ptr_array_index (evidence, i);
      g_autofree char *id = g_strdup_printf ("evidence/%" G_GINT64_FORMAT, e->id);
      g_autofree char *description = _rd_case_describe_evidence (e);
      g_autofree char *value = g_strdup_printf ("%s/%s: %s", e->policy_id, e->target_id, description);

      _rd_replay_state_set (state, RD_REPLAY_EVIDENCE, id, value, e->who, NULL, 0);
    }
  return TRUE;
}

static gboolean
read_measurements (sqlite3        *db,
                   RdReplayState  *state,
                   GError        **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT policy_id || '/' || target_id, value, before, after,"
                                               " from_date, to_date, reviewer FROM measurement", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      g_autoptr(RdMeasurement) m = NULL;
      g_autofree char *text = NULL;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      m = _rd_case_measurement_from_row (stmt, 1);
      text = _rd_case_describe_measurement (m);
      _rd_replay_state_set (state, RD_REPLAY_MEASUREMENT, COL (0), text, COL (6), NULL, 0);
    }
}

gboolean
_rd_case_replay_read_tables (sqlite3        *db,
                             RdReplayState  *state,
                             GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_queries); i++)
    if (!read_rows (db, state, row_queries[i].kind, row_queries[i].sql, error))
      return FALSE;
  return read_request (db, state, error) &&
         read_joined (db, state, RD_REPLAY_REQUEST, "SELECT 'request/' || system, code FROM request_code"
                                                    " ORDER BY system, position", ", ", error) &&
         read_joined (db, state, RD_REPLAY_INDICATIONS, "SELECT policy_id, indication_id FROM review_indication"
                                                        " ORDER BY policy_id, indication_id", " ", error) &&
         read_evidence (db, state, error) &&
         read_measurements (db, state, error);
}
