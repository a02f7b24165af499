/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file.h"
#include "rd-case-schema.h"

/* Version 1: the case, the request, the policies under review, criterion
 * scores and the audit log. */
static const char schema_v1[] =
  "CREATE TABLE case_info ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  case_id TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'in-review'"
  "    CHECK (status IN ('in-review','pended','with-medical-director','decided','sealed')),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL);"
  "CREATE TABLE request ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  member_name TEXT, member_id TEXT, member_birth_date TEXT,"
  "  provider_name TEXT, provider_npi TEXT,"
  "  drug TEXT, route TEXT, device TEXT,"
  "  request_type TEXT NOT NULL DEFAULT 'initial'"
  "    CHECK (request_type IN ('initial','replacement','trial')),"
  "  urgency TEXT NOT NULL DEFAULT 'standard' CHECK (urgency IN ('standard','expedited')),"
  "  received_at TEXT, due_at TEXT);"
  "CREATE TABLE request_code ("
  "  system TEXT NOT NULL CHECK (system IN ('cpt','hcpcs','icd10-pcs','icd10-cm')),"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (system, position));"
  "CREATE TABLE review ("
  "  policy_id TEXT PRIMARY KEY,"
  "  content_hash TEXT NOT NULL,"
  "  added_by TEXT NOT NULL,"
  "  added_at TEXT NOT NULL);"
  "CREATE TABLE review_indication ("
  "  policy_id TEXT NOT NULL REFERENCES review(policy_id),"
  "  indication_id TEXT NOT NULL,"
  "  PRIMARY KEY (policy_id, indication_id));"
  "CREATE TABLE criterion_score ("
  "  policy_id TEXT NOT NULL,"
  "  criterion_id TEXT NOT NULL,"
  "  score TEXT NOT NULL"
  "    CHECK (score IN ('unscored','met','not-met','not-documented','not-applicable')),"
  "  note TEXT,"
  "  reviewer TEXT NOT NULL,"
  "  scored_at TEXT NOT NULL,"
  "  PRIMARY KEY (policy_id, criterion_id));"
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";

/* Version 2: condition answers, the documentation checklist, records with
 * their page text and its full-text index, evidence, the recommendation,
 * decisions and the seal. */
static const char schema_v2[] =
  "CREATE TABLE condition_answer ("
  "  policy_id TEXT NOT NULL,"
  "  condition_id TEXT NOT NULL,"
  "  answer TEXT NOT NULL"
  "    CHECK (answer IN ('unscored','met','not-met','not-documented','not-applicable')),"
  "  note TEXT,"
  "  reviewer TEXT NOT NULL,"
  "  answered_at TEXT NOT NULL,"
  "  PRIMARY KEY (policy_id, condition_id));"
  "CREATE TABLE documentation ("
  "  policy_id TEXT NOT NULL,"
  "  item_id TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('unreviewed','present','missing','not-applicable')),"
  "  where_found TEXT,"
  "  reviewer TEXT NOT NULL,"
  "  checked_at TEXT NOT NULL,"
  "  PRIMARY KEY (policy_id, item_id));"
  "CREATE TABLE record ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  file_name TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  n_pages INTEGER NOT NULL CHECK (n_pages >= 1),"
  "  added_by TEXT NOT NULL,"
  "  added_at TEXT NOT NULL,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE record_page ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES record(id),"
  "  page_number INTEGER NOT NULL CHECK (page_number >= 1),"
  "  text TEXT NOT NULL,"
  "  has_text_layer INTEGER NOT NULL,"
  "  UNIQUE (record_id, page_number));"
  "CREATE VIRTUAL TABLE page_fts USING fts5("
  "  text, content='record_page', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER record_page_ai AFTER INSERT ON record_page BEGIN"
  "  INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text); END;"
  "CREATE TRIGGER record_page_ad AFTER DELETE ON record_page BEGIN"
  "  INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text); END;"
  "CREATE TRIGGER record_page_au AFTER UPDATE ON record_page BEGIN"
  "  INSERT INTO page_fts(page_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "  INSERT INTO page_fts(rowid, text) VALUES (new.id, new.text); END;"
  "CREATE TABLE evidence ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES record(id),"
  "  page_number INTEGER NOT NULL CHECK (page_number >= 1),"
  "  x REAL NOT NULL, y REAL NOT NULL, width REAL NOT NULL, height REAL NOT NULL,"
  "  quote TEXT NOT NULL,"
  "  target_kind TEXT NOT NULL CHECK (target_kind IN ('criterion','documentation')),"
  "  policy_id TEXT NOT NULL,"
  "  target_id TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  added_at TEXT NOT NULL);"
  "CREATE TABLE recommendation ("
  "  policy_id TEXT PRIMARY KEY,"
  "  outcome_id TEXT NOT NULL,"
  "  adverse INTEGER NOT NULL,"
  "  criteria_met INTEGER NOT NULL,"
  "  summary TEXT,"
  "  computed_by TEXT NOT NULL,"
  "  computed_at TEXT NOT NULL);"
  "CREATE TABLE decision ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('approve','send-to-director','pend','final')),"
  "  outcome_id TEXT,"
  "  adverse INTEGER NOT NULL,"
  "  rationale TEXT,"
  "  who TEXT NOT NULL,"
  "  credentials TEXT,"
  "  role TEXT NOT NULL,"
  "  decided_at TEXT NOT NULL);"
  /* The core enforces the roles; the file refuses a violation as well. */
  "CREATE TRIGGER decision_roles BEFORE INSERT ON decision"
  "  WHEN (new.adverse OR new.kind = 'final') AND new.role != 'medical-director'"
  "  BEGIN SELECT RAISE(ABORT, 'only a medical director may record this determination'); END;"
  "CREATE TABLE seal ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  digest TEXT NOT NULL,"
  "  audit_seq INTEGER NOT NULL,"
  "  sealed_by TEXT NOT NULL,"
  "  credentials TEXT,"
  "  sealed_at TEXT NOT NULL);";

/* Version 3: the password of an encrypted record, stored only when the
 * reviewer agreed to it (anyone who can open the case can then open the
 * record). One per record; forgetting it deletes the row. */
static const char schema_v3[] =
  "CREATE TABLE record_password ("
  "  record_id INTEGER PRIMARY KEY REFERENCES record(id),"
  "  password TEXT NOT NULL,"
  "  stored_by TEXT NOT NULL,"
  "  stored_at TEXT NOT NULL);";

/* Version 4: the medical director's determination while it is being
 * written, kept as it is typed so that nothing is lost before it is signed.
 * One row at most; recording a final or pend decision deletes it. Not
 * audited and not sealed: it is not a decision. */
static const char schema_v4[] =
  "CREATE TABLE decision_draft ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  rationale TEXT NOT NULL,"
  "  outcome_id TEXT,"
  "  who TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role = 'medical-director'),"
  "  drafted_at TEXT NOT NULL);";

/* Version 5: what a reviewer measured for a criterion or a referral question
 * with a threshold (a value, scores before and after, or two dates), one row
 * per target; and revision and refill requests. */
static const char schema_v5[] =
  "CREATE TABLE measurement ("
  "  policy_id TEXT NOT NULL,"
  "  target_id TEXT NOT NULL,"
  "  value REAL,"
  "  before REAL,"
  "  after REAL,"
  "  from_date TEXT,"
  "  to_date TEXT,"
  "  reviewer TEXT NOT NULL,"
  "  measured_at TEXT NOT NULL,"
  "  PRIMARY KEY (policy_id, target_id));";

/* SQLite cannot change a CHECK in place: the request table is rebuilt with
 * the new request types, its rows copied as they are. */
static const char schema_v5_changes[] =
  "CREATE TABLE request_v5 ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  member_name TEXT, member_id TEXT, member_birth_date TEXT,"
  "  provider_name TEXT, provider_npi TEXT,"
  "  drug TEXT, route TEXT, device TEXT,"
  "  request_type TEXT NOT NULL DEFAULT 'initial'"
  "    CHECK (request_type IN ('initial','replacement','trial','revision','refill')),"
  "  urgency TEXT NOT NULL DEFAULT 'standard' CHECK (urgency IN ('standard','expedited')),"
  "  received_at TEXT, due_at TEXT);"
  "INSERT INTO request_v5 SELECT id, member_name, member_id, member_birth_date, provider_name,"
  "  provider_npi, drug, route, device, request_type, urgency, received_at, due_at FROM request;"
  "DROP TABLE request;"
  "ALTER TABLE request_v5 RENAME TO request;";

/* Version 6: signatures. Each reviewer who signed is stored once with the
 * certificate their organisation gave their key; each signature covers a
 * decision, the seal or the audit log's head (a checkpoint ending each signed
 * change). Append-only, like the audit log. */
static const char schema_v6[] =
  "CREATE TABLE signer ("
  "  public_key TEXT PRIMARY KEY,"
  "  certificate TEXT NOT NULL);"
  "CREATE TABLE signature ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('checkpoint','decision','seal')),"
  "  target TEXT NOT NULL,"
  "  content TEXT NOT NULL,"
  "  audit_seq INTEGER NOT NULL,"
  "  audit_hash TEXT NOT NULL,"
  "  public_key TEXT NOT NULL REFERENCES signer(public_key),"
  "  signed_at TEXT NOT NULL,"
  "  signature TEXT NOT NULL);"
  "CREATE TRIGGER signature_no_update BEFORE UPDATE ON signature"
  "  BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;"
  "CREATE TRIGGER signature_no_delete BEFORE DELETE ON signature"
  "  BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;"
  "CREATE TRIGGER signer_no_update BEFORE UPDATE ON signer"
  "  BEGIN SELECT RAISE(ABORT, 'signers are append-only'); END;"
  /* The medical director's desk: what a determination against the engine
   * rests on, the determination it reconsiders, and peer-to-peer
   * conversations. */
  "CREATE TABLE determination_basis ("
  "  decision_id INTEGER PRIMARY KEY REFERENCES decision(id),"
  "  criterion TEXT,"
  "  reconsiders INTEGER REFERENCES decision(id));"
  "CREATE TABLE peer_to_peer ("
  "  id INTEGER PRIMARY KEY,"
  "  event TEXT NOT NULL CHECK (event IN ('offered','scheduled','held-upheld','held-reopened','declined')),"
  "  scheduled_for TEXT,"
  "  participant TEXT,"
  "  notes TEXT,"
  "  who TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  recorded_at TEXT NOT NULL);";

/* Version 7, the payer step: the request's payer, plan and line of business (which
 * decides the due time's rule), the one extension of the due time a rule
 * may allow, and why a nurse declined an indication intake proposed. */
static const char schema_payer[] =
  "CREATE TABLE due_extension ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  hours INTEGER NOT NULL CHECK (hours > 0),"
  "  reason TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  extended_at TEXT NOT NULL);"
  "CREATE TABLE declined_proposal ("
  "  policy_id TEXT NOT NULL,"
  "  indication_id TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  declined_at TEXT NOT NULL,"
  "  PRIMARY KEY (policy_id, indication_id));";

#define LINE_OF_BUSINESS_CHECK \
  " CHECK (line_of_business IN ('commercial','medicare-advantage','medicaid'))"

static const char schema_payer_changes[] =
  "ALTER TABLE request ADD COLUMN payer TEXT;"
  "ALTER TABLE request ADD COLUMN plan_name TEXT;"
  "ALTER TABLE request ADD COLUMN line_of_business TEXT" LINE_OF_BUSINESS_CHECK ";";

/* A read-only connection to an older case reads its request through a view
 * with the columns it lacks, empty. */
static const char schema_payer_stand_ins[] =
  "CREATE TEMP VIEW request AS SELECT *, NULL AS payer, NULL AS plan_name, NULL AS line_of_business"
  "  FROM main.request;";

/* The recognition step: the words Tesseract read on a scanned page, with
 * their boxes (PDF points, top-left origin, as evidence) and confidences
 * (0 to 100). The page's text itself goes into record_page.text, marked by
 * has_text_layer = 3, so the search index needs no change. */
static const char schema_recognition[] =
  "CREATE TABLE page_word ("
  "  record_id INTEGER NOT NULL REFERENCES record(id),"
  "  page_number INTEGER NOT NULL CHECK (page_number >= 1),"
  "  n INTEGER NOT NULL CHECK (n >= 0),"
  "  word TEXT NOT NULL,"
  "  x REAL NOT NULL, y REAL NOT NULL, width REAL NOT NULL, height REAL NOT NULL,"
  "  confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 100),"
  "  PRIMARY KEY (record_id, page_number, n));";

/* Version 9, the source step: a document a case was made from, kept as it
 * came (a PAS request bundle), with its SHA-256. Append-only, like the
 * records. */
static const char schema_source[] =
  "CREATE TABLE source_document ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('pas-request')),"
  "  media_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  added_by TEXT NOT NULL,"
  "  added_at TEXT NOT NULL,"
  "  data BLOB NOT NULL);"
  "CREATE TRIGGER source_document_no_update BEFORE UPDATE ON source_document"
  "  BEGIN SELECT RAISE(ABORT, 'source documents are append-only'); END;"
  "CREATE TRIGGER source_document_no_delete BEFORE DELETE ON source_document"
  "  BEGIN SELECT RAISE(ABORT, 'source documents are append-only'); END;";

/* Each version's new tables (which a read-only connection to an older case
 * shadows with empty temporary ones), its changes to existing tables (which
 * only a migration makes) and what stands in for those changes on a
 * read-only connection. */
static const struct {
  const char *tables;
  const char *changes;
  const char *stand_ins;
} schema_steps[] = {
  { schema_v1, NULL, NULL },
  { schema_v2, NULL, NULL },
  { schema_v3, NULL, NULL },
  { schema_v4, NULL, NULL },
  { schema_v5, schema_v5_changes, NULL },
  { schema_v6, NULL, NULL },
  { schema_payer, schema_payer_changes, schema_payer_stand_ins },
  { schema_recognition, NULL, NULL },
  { schema_source, NULL, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_steps) == RD_CASE_FILE_VERSION);

static gboolean
upgrade_one (sqlite3  *db,
             guint     to,
             gboolean  audited,
             GError  **error)
{
  g_autofree char *pragmas = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  if (!_rd_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                             RD_CASE_FILE_APPLICATION_ID, to);
  if (!_rd_db_exec (db, schema_steps[to - 1].tables, error) ||
      (schema_steps[to - 1].changes != NULL && !_rd_db_exec (db, schema_steps[to - 1].changes, error)) ||
      !_rd_db_exec (db, pragmas, error))
    goto fail;

  if (audited)
    {
      /* A migration of an existing case is part of its history. */
      old_value = g_strdup_printf ("%u", to - 1);
      new_value = g_strdup_printf ("%u", to);
      if (!_rd_audit_append (db, "ReviewDesk", "system", "format-upgrade", "user_version",
                             old_value, new_value, error))
        goto fail;
    }

  if (!_rd_db_exec (db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
_rd_case_schema_upgrade (sqlite3  *db,
                         guint     from,
                         guint     to,
                         GError  **error)
{
  g_return_val_if_fail (to <= RD_CASE_FILE_VERSION, FALSE);

  for (guint v = from + 1; v <= to; v++)
    if (!upgrade_one (db, v, from >= 1, error))
      return FALSE;
  return TRUE;
}

gboolean
_rd_case_schema_shadow (sqlite3  *db,
                        guint     version,
                        GError  **error)
{
  for (guint v = version + 1; v <= RD_CASE_FILE_VERSION; v++)
    {
      g_autoptr(GString) sql = g_string_new (schema_steps[v - 1].tables);

      g_string_replace (sql, "CREATE TABLE ", "CREATE TEMP TABLE ", 0);
      g_string_replace (sql, "CREATE TRIGGER ", "CREATE TEMP TRIGGER ", 0);
      g_string_replace (sql, "CREATE VIRTUAL TABLE ", "CREATE VIRTUAL TABLE temp.", 0);
      if (!_rd_db_exec (db, sql->str, error) ||
          (schema_steps[v - 1].stand_ins != NULL && !_rd_db_exec (db, schema_steps[v - 1].stand_ins, error)))
        return FALSE;
    }
  return TRUE;
}
