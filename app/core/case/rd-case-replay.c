/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The replay of a case's audit log. Every write of ReviewDesk appends an
 * entry saying what it changed, from what, to what; replaying them in order
 * gives what each audited table must hold now. A value that differs was
 * written behind ReviewDesk's back (with the sqlite3 shell, say), which the
 * hash chain alone cannot see: it covers the log, not the tables. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rd-case-db.h"
#include "rd-case-replay.h"

/* Beyond this many lines the report says how many more there are. */
#define MAX_PROBLEMS 40

/* ---- the state ------------------------------------------------------------ */

static void
item_free (RdReplayItem *item)
{
  g_free (item->value);
  g_free (item->who);
  g_free (item->role);
  g_free (item);
}

RdReplayState *
_rd_replay_state_new (void)
{
  RdReplayState *state = g_new0 (RdReplayState, 1);

  for (guint k = 0; k < RD_REPLAY_N_KINDS; k++)
    state->items[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) item_free);
  return state;
}

void
_rd_replay_state_free (RdReplayState *state)
{
  if (state == NULL)
    return;
  for (guint k = 0; k < RD_REPLAY_N_KINDS; k++)
    g_hash_table_unref (state->items[k]);
  g_free (state);
}

RdReplayItem *
_rd_replay_state_set (RdReplayState *state,
                      RdReplayKind   kind,
                      const char    *id,
                      const char    *value,
                      const char    *who,
                      const char    *role,
                      gint64         seq)
{
  RdReplayItem *item = g_new0 (RdReplayItem, 1);

  item->value = g_strdup (value);
  item->who = g_strdup (who);
  item->role = g_strdup (role);
  item->seq = seq;
  g_hash_table_replace (state->items[kind], g_strdup (id != NULL ? id : ""), item);
  return item;
}

static RdReplayItem *
lookup (RdReplayState *state,
        RdReplayKind   kind,
        const char    *id)
{
  return g_hash_table_lookup (state->items[kind], id);
}

/* ---- the kinds -------------------------------------------------------------- */

static const struct {
  gboolean     optional;     /* a value that may be absent: absent and NULL are the same */
  gboolean     names_person; /* the row names who wrote it, as the entry does */
  gboolean     show_values;  /* short and not about the member: quoted in messages */
  RdReplayKind parent;       /* a note belongs to its score's row; else itself */
} kinds[RD_REPLAY_N_KINDS] = {
  [RD_REPLAY_CASE_ID] = { FALSE, FALSE, TRUE, RD_REPLAY_CASE_ID },
  [RD_REPLAY_REQUEST] = { TRUE, FALSE, FALSE, RD_REPLAY_REQUEST },
  [RD_REPLAY_REVIEW] = { FALSE, TRUE, TRUE, RD_REPLAY_REVIEW },
  [RD_REPLAY_INDICATIONS] = { TRUE, FALSE, TRUE, RD_REPLAY_INDICATIONS },
  [RD_REPLAY_SCORE] = { FALSE, TRUE, TRUE, RD_REPLAY_SCORE },
  [RD_REPLAY_SCORE_NOTE] = { TRUE, FALSE, FALSE, RD_REPLAY_SCORE },
  [RD_REPLAY_CONDITION] = { FALSE, TRUE, TRUE, RD_REPLAY_CONDITION },
  [RD_REPLAY_CONDITION_NOTE] = { TRUE, FALSE, FALSE, RD_REPLAY_CONDITION },
  [RD_REPLAY_DOCUMENTATION] = { FALSE, TRUE, TRUE, RD_REPLAY_DOCUMENTATION },
  [RD_REPLAY_DOCUMENTATION_WHERE] = { TRUE, FALSE, FALSE, RD_REPLAY_DOCUMENTATION },
  [RD_REPLAY_MEASUREMENT] = { FALSE, TRUE, TRUE, RD_REPLAY_MEASUREMENT },
  [RD_REPLAY_RECOMMENDATION] = { FALSE, TRUE, FALSE, RD_REPLAY_RECOMMENDATION },
  [RD_REPLAY_STATUS] = { FALSE, FALSE, TRUE, RD_REPLAY_STATUS },
  [RD_REPLAY_DECISION] = { FALSE, TRUE, FALSE, RD_REPLAY_DECISION },
  [RD_REPLAY_EVIDENCE] = { FALSE, TRUE, FALSE, RD_REPLAY_EVIDENCE },
  [RD_REPLAY_RECORD] = { FALSE, TRUE, FALSE, RD_REPLAY_RECORD },
  [RD_REPLAY_PAGE_TEXT] = { FALSE, FALSE, TRUE, RD_REPLAY_PAGE_TEXT },
  [RD_REPLAY_PASSWORD] = { FALSE, TRUE, FALSE, RD_REPLAY_PASSWORD },
  [RD_REPLAY_SEAL] = { FALSE, TRUE, FALSE, RD_REPLAY_SEAL },
  [RD_REPLAY_BASIS] = { FALSE, FALSE, TRUE, RD_REPLAY_BASIS },
  [RD_REPLAY_PEER_TO_PEER] = { FALSE, TRUE, FALSE, RD_REPLAY_PEER_TO_PEER },
  [RD_REPLAY_DUE_EXTENSION] = { FALSE, TRUE, FALSE, RD_REPLAY_DUE_EXTENSION },
  [RD_REPLAY_DECLINED] = { FALSE, TRUE, FALSE, RD_REPLAY_DECLINED },
  [RD_REPLAY_RECOGNISED] = { FALSE, FALSE, TRUE, RD_REPLAY_RECOGNISED },
  [RD_REPLAY_SOURCE] = { FALSE, TRUE, TRUE, RD_REPLAY_SOURCE },
};

/* The indications of a policy never set are an empty list. */
static const char *
value_of (RdReplayKind        kind,
          const RdReplayItem *item)
{
  if (item == NULL || (kind == RD_REPLAY_INDICATIONS && g_strcmp0 (item->value, "") == 0))
    return NULL;
  return item->value;
}

/* ---- what a line is about ------------------------------------------------- */

static const struct {
  const char *id;
  const char *label;
} request_labels[] = {
  { "request/member-name", N_("The member’s name") },
  { "request/member-id", N_("The member id") },
  { "request/member-birth-date", N_("The member’s date of birth") },
  { "request/provider-name", N_("The provider’s name") },
  { "request/provider-npi", N_("The provider’s NPI") },
  { "request/drug", N_("The requested drug") },
  { "request/route", N_("The requested route") },
  { "request/device", N_("The requested device") },
  { "request/type", N_("The request type") },
  { "request/urgency", N_("The request’s urgency") },
  { "request/received", N_("The time the request was received") },
  { "request/payer", N_("The member’s payer") },
  { "request/plan-name", N_("The member’s plan") },
  { "request/line-of-business", N_("The member’s line of business") },
  { "request/cpt", N_("The request’s list of CPT codes") },
  { "request/hcpcs", N_("The request’s list of HCPCS codes") },
  { "request/icd10-pcs", N_("The request’s list of ICD-10-PCS codes") },
  { "request/icd10-cm", N_("The request’s list of ICD-10-CM codes") },
};

/* The text up to @separator, e.g. a decision's kind and outcome before its
 * rationale, a record's name before its size. */
static char *
head (const char *text,
      const char *separator)
{
  const char *end = text != NULL ? strstr (text, separator) : NULL;

  if (text == NULL)
    return g_strdup ("");
  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static const char *
number_of (const char *id)
{
  const char *slash = strrchr (id, '/');

  return slash != NULL ? slash + 1 : id;
}

/* What the line is about, as the start of a sentence. */
static char *
describe (RdReplayKind        kind,
          const char         *id,
          const RdReplayItem *item)
{
  g_autofree char *part = NULL;

  switch (kind)
    {
    case RD_REPLAY_CASE_ID:
      return g_strdup (_("The case’s id"));
    case RD_REPLAY_REQUEST:
      for (guint i = 0; i < G_N_ELEMENTS (request_labels); i++)
        if (g_str_equal (id, request_labels[i].id))
          return g_strdup (_(request_labels[i].label));
      return g_strdup_printf (_("The request’s field %s"), id);
    case RD_REPLAY_REVIEW:
      return g_strdup_printf (_("The version of policy %s under review"), id);
    case RD_REPLAY_INDICATIONS:
      return g_strdup_printf (_("The list of indications that apply under policy %s"), id);
    case RD_REPLAY_SCORE:
      return g_strdup_printf (_("The score of criterion %s"), id);
    case RD_REPLAY_SCORE_NOTE:
      return g_strdup_printf (_("The note on criterion %s"), id);
    case RD_REPLAY_CONDITION:
      return g_strdup_printf (_("The answer to question %s"), id);
    case RD_REPLAY_CONDITION_NOTE:
      return g_strdup_printf (_("The note on question %s"), id);
    case RD_REPLAY_DOCUMENTATION:
      return g_strdup_printf (_("Documentation item %s"), id);
    case RD_REPLAY_DOCUMENTATION_WHERE:
      return g_strdup_printf (_("The place where documentation item %s was found"), id);
    case RD_REPLAY_MEASUREMENT:
      return g_strdup_printf (_("The measurement for %s"), id);
    case RD_REPLAY_RECOMMENDATION:
      return g_strdup_printf (_("The recommendation for policy %s"), id);
    case RD_REPLAY_STATUS:
      return g_strdup (_("The case’s status"));
    case RD_REPLAY_DECISION:
      part = head (item ? item->value : NULL, ": ");
      /* TRANSLATORS: "Decision 2 (final not-medically-necessary (adverse), by Dr A)" */
      return g_strdup_printf (_("Decision %s (%s, by %s)"), number_of (id), part,
                              item && item->who ? item->who : "?");
    case RD_REPLAY_EVIDENCE:
      part = head (item ? item->value : NULL, ": ");
      return g_strdup_printf (_("Evidence %s (for %s)"), number_of (id), part);
    case RD_REPLAY_RECORD:
      part = head (item ? item->value : NULL, "; ");
      return g_strdup_printf (_("Record %s (“%s”)"), number_of (id), part);
    case RD_REPLAY_PAGE_TEXT:
      return g_strdup_printf (_("The page text of record %s"), number_of (id));
    case RD_REPLAY_PASSWORD:
      return g_strdup_printf (_("The stored password of record %s"), number_of (id));
    case RD_REPLAY_BASIS:
      return g_strdup_printf (_("What decision %s rests on"), number_of (id));
    case RD_REPLAY_PEER_TO_PEER:
      part = head (item ? item->value : NULL, " ");
      return g_strdup_printf (_("Peer-to-peer step %s (%s)"), number_of (id), part);
    case RD_REPLAY_DUE_EXTENSION:
      return g_strdup (_("The extension of the due time"));
    case RD_REPLAY_DECLINED:
      return g_strdup_printf (_("The reason proposed indication %s is not reviewed"), id);
    case RD_REPLAY_RECOGNISED:
      /* TRANSLATORS: %s is "record/3/page/2" */
      return g_strdup_printf (_("The text recognised on %s"), id);
    case RD_REPLAY_SOURCE:
      part = head (item ? item->value : NULL, "; ");
      return g_strdup_printf (_("Source document %s (“%s”)"), number_of (id), part);
    case RD_REPLAY_SEAL:
    case RD_REPLAY_N_KINDS:
    default:
      return g_strdup (_("The seal"));
    }
}

static void
report_history (GPtrArray          *lines,
                RdReplayKind        kind,
                const char         *id,
                const RdReplayItem *item,
                gint64              seq)
{
  g_autofree char *what = describe (kind, id, item);

  g_ptr_array_add (lines, g_strdup_printf (_("%s was changed outside ReviewDesk before audit entry %lld: the value"
                                             " that entry replaced is not the one the entries before it left."),
                                           what, (long long) seq));
}

/* ---- the log ---------------------------------------------------------------- */

typedef enum {
  OP_SET,            /* new_value replaces old_value (NULL removes) */
  OP_ADD,            /* a new row; old_value is NULL */
  OP_ADD_EVIDENCE,   /* the target is "<policy>/<target>/evidence/<id>" */
  OP_REMOVE_EVIDENCE,
  OP_STORE,          /* a stored password: the entry never holds it */
  OP_FORGET,
} Op;

/* Every action a writer audits (grep "_rd_case_audit ("), with the kind of
 * value it changes. Others ("format-upgrade", "search-index-rebuilt" and
 * those of later versions) change nothing replayed here. */
static const struct {
  const char   *action;
  RdReplayKind  kind;
  Op            op;
} actions[] = {
  { "create", RD_REPLAY_CASE_ID, OP_ADD },
  { "request", RD_REPLAY_REQUEST, OP_SET },
  { "review", RD_REPLAY_REVIEW, OP_SET },
  { "indications", RD_REPLAY_INDICATIONS, OP_SET },
  { "score", RD_REPLAY_SCORE, OP_SET },
  { "score-note", RD_REPLAY_SCORE_NOTE, OP_SET },
  { "condition", RD_REPLAY_CONDITION, OP_SET },
  { "condition-note", RD_REPLAY_CONDITION_NOTE, OP_SET },
  { "documentation", RD_REPLAY_DOCUMENTATION, OP_SET },
  { "documentation-where", RD_REPLAY_DOCUMENTATION_WHERE, OP_SET },
  { "measurement", RD_REPLAY_MEASUREMENT, OP_SET },
  { "recommendation", RD_REPLAY_RECOMMENDATION, OP_SET },
  { "status", RD_REPLAY_STATUS, OP_SET },
  { "decision", RD_REPLAY_DECISION, OP_ADD },
  { "evidence-add", RD_REPLAY_EVIDENCE, OP_ADD_EVIDENCE },
  { "evidence-remove", RD_REPLAY_EVIDENCE, OP_REMOVE_EVIDENCE },
  { "record-add", RD_REPLAY_RECORD, OP_ADD },
  { "page-text", RD_REPLAY_PAGE_TEXT, OP_ADD },
  { "record-password-stored", RD_REPLAY_PASSWORD, OP_STORE },
  { "record-password-forgotten", RD_REPLAY_PASSWORD, OP_FORGET },
  { "seal", RD_REPLAY_SEAL, OP_ADD },
  { "determination-basis", RD_REPLAY_BASIS, OP_ADD },
  { "peer-to-peer", RD_REPLAY_PEER_TO_PEER, OP_ADD },
  { "due-extension", RD_REPLAY_DUE_EXTENSION, OP_ADD },
  { "proposal-declined", RD_REPLAY_DECLINED, OP_SET },
  { "page-recognised", RD_REPLAY_RECOGNISED, OP_ADD },
  { "source-add", RD_REPLAY_SOURCE, OP_ADD },
};

typedef struct {
  gint64      seq;
  const char *who;
  const char *role;
  const char *action;
  const char *target;
  const char *old_value;
  const char *new_value;
} Entry;

/* What every case holds before its first entry: the empty request row and
 * the status a new case starts in. */
static void
seed (RdReplayState *state)
{
  _rd_replay_state_set (state, RD_REPLAY_REQUEST, "request/type", "initial", NULL, NULL, 0);
  _rd_replay_state_set (state, RD_REPLAY_REQUEST, "request/urgency", "standard", NULL, NULL, 0);
  _rd_replay_state_set (state, RD_REPLAY_STATUS, "case", "in-review", NULL, NULL, 0);
}

/* "a/b/evidence/12" → "evidence/12" and "a/b". */
static gboolean
split_evidence_target (const char  *target,
                       char       **id,
                       char       **owner)
{
  const char *mark = target != NULL ? g_strrstr (target, "/evidence/") : NULL;

  if (mark == NULL)
    return FALSE;
  *id = g_strdup (mark + 1);
  *owner = g_strndup (target, mark - target);
  return TRUE;
}

static void
apply (RdReplayState *state,
       RdReplayKind   kind,
       Op             op,
       const Entry   *e,
       GPtrArray     *lines)
{
  const char *who = kinds[kind].names_person ? e->who : NULL;
  const char *role = kind == RD_REPLAY_DECISION || kind == RD_REPLAY_PEER_TO_PEER ? e->role : NULL;
  g_autofree char *id = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *value = NULL;
  RdReplayItem *before, replaced;

  if (op == OP_ADD_EVIDENCE || op == OP_REMOVE_EVIDENCE)
    {
      if (!split_evidence_target (e->target, &id, &owner))
        return;
      value = g_strdup_printf ("%s: %s", owner, op == OP_ADD_EVIDENCE ? e->new_value : e->old_value);
    }
  else
    {
      id = g_strdup (e->target);
      value = g_strdup (op == OP_STORE ? "stored" : e->new_value);
    }
  before = lookup (state, kind, id);

  /* The value an entry replaced is the one the entries before it left;
   * anything else was written in between, outside ReviewDesk. */
  replaced = (RdReplayItem) { op == OP_SET ? (char *) e->old_value : value, (char *) who, (char *) role, e->seq };
  if ((op == OP_SET || op == OP_REMOVE_EVIDENCE) &&
      g_strcmp0 (value_of (kind, before), value_of (kind, &replaced)) != 0)
    report_history (lines, kind, id, before != NULL ? before : &replaced, e->seq);

  if ((op == OP_SET && e->new_value == NULL) || op == OP_REMOVE_EVIDENCE || op == OP_FORGET)
    g_hash_table_remove (state->items[kind], id);
  else
    _rd_replay_state_set (state, kind, id, value, who, role, e->seq);

  /* A note written alone still names its writer as the row's reviewer. */
  if (kinds[kind].parent != kind && (before = lookup (state, kinds[kind].parent, id)) != NULL)
    {
      g_free (before->who);
      before->who = g_strdup (e->who);
    }
}

static void
replay_entry (RdReplayState *state,
              const Entry   *e,
              GPtrArray     *lines)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (e->action, actions[i].action) == 0)
      {
        apply (state, actions[i].kind, actions[i].op, e, lines);
        return;
      }
}

#define COL(i) ((const char *) sqlite3_column_text (stmt, (i)))

static gboolean
replay_log (sqlite3        *db,
            RdReplayState  *state,
            GPtrArray      *lines,
            GError        **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT seq, who, role, action, target, old_value, new_value"
                                               " FROM audit ORDER BY seq", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  seed (state);
  while (TRUE)
    {
      Entry e;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      e = (Entry) { sqlite3_column_int64 (stmt, 0), COL (1), COL (2), COL (3), COL (4), COL (5), COL (6) };
      replay_entry (state, &e, lines);
    }
}

/* ---- the comparison ------------------------------------------------------- */

static char *
differs (RdReplayKind        kind,
         const char         *what,
         const RdReplayItem *in_case,
         const RdReplayItem *audited)
{
  const char *now = value_of (kind, in_case), *then = value_of (kind, audited);

  if (kind == RD_REPLAY_RECORD)
    return g_strdup_printf (_("%s is not the PDF the audit log attached: its name, size, page count or SHA-256"
                              " was changed outside ReviewDesk."), what);
  if (kind == RD_REPLAY_DECISION)
    return g_strdup_printf (_("%s differs from its audit entry: its kind, outcome, adverse flag or rationale was"
                              " changed outside ReviewDesk."), what);
  if (kinds[kind].show_values && now != NULL && then != NULL)
    return g_strdup_printf (_("%s is “%s” in the case but its last audited change set it to “%s”: it was changed"
                              " outside ReviewDesk."), what, now, then);
  return g_strdup_printf (_("%s differs from its last audited value: it was changed outside ReviewDesk."), what);
}

/* Who the row names against who the entry names. */
static char *
signer_differs (const char         *what,
                const RdReplayItem *in_case,
                const RdReplayItem *audited)
{
  if (in_case->who != NULL && g_strcmp0 (in_case->who, audited->who) != 0)
    return g_strdup_printf (_("%s is attributed to %s in the case but to %s in the audit log: it was changed"
                              " outside ReviewDesk."), what, in_case->who, audited->who ? audited->who : "?");
  if (in_case->role != NULL && g_strcmp0 (in_case->role, audited->role) != 0)
    return g_strdup_printf (_("%s is signed as %s in the case but as %s in the audit log: the signer’s role was"
                              " changed outside ReviewDesk."), what, in_case->role,
                            audited->role ? audited->role : "?");
  return NULL;
}

/* A note is compared only when its row is on both sides: a row added or
 * deleted is said once, for the row. */
static gboolean
row_on_both_sides (RdReplayState *audited,
                   RdReplayState *in_case,
                   RdReplayKind   kind,
                   const char    *id)
{
  RdReplayKind parent = kinds[kind].parent;

  return parent == kind || (lookup (audited, parent, id) != NULL) == (lookup (in_case, parent, id) != NULL);
}

static char *
compare_item (RdReplayState *audited_state,
              RdReplayState *case_state,
              RdReplayKind   kind,
              const char    *id)
{
  RdReplayItem *audited = lookup (audited_state, kind, id);
  RdReplayItem *in_case = lookup (case_state, kind, id);
  g_autofree char *what = describe (kind, id, in_case != NULL ? in_case : audited);

  if (!row_on_both_sides (audited_state, case_state, kind, id))
    return NULL;
  if (kinds[kind].optional || (audited != NULL && in_case != NULL))
    {
      if (g_strcmp0 (value_of (kind, in_case), value_of (kind, audited)) != 0)
        return differs (kind, what, in_case, audited);
      return in_case != NULL && audited != NULL ? signer_differs (what, in_case, audited) : NULL;
    }
  if (in_case != NULL)
    return g_strdup_printf (_("%s is in the case but not in the audit log: it was added outside ReviewDesk."), what);
  return g_strdup_printf (_("%s is in the audit log but missing from the case: it was deleted outside ReviewDesk."),
                          what);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  gsize lx = strlen (x), ly = strlen (y);

  /* "decision/9" before "decision/10" */
  return lx != ly ? (lx < ly ? -1 : 1) : strcmp (x, y);
}

static void
compare_kind (RdReplayState *audited,
              RdReplayState *in_case,
              RdReplayKind   kind,
              GPtrArray     *lines)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gpointer *sorted = NULL;
  GHashTableIter iter;
  gpointer id;
  guint n;

  g_hash_table_iter_init (&iter, audited->items[kind]);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (ids, id);
  g_hash_table_iter_init (&iter, in_case->items[kind]);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (ids, id);
  sorted = g_hash_table_get_keys_as_array (ids, &n);
  qsort (sorted, n, sizeof (gpointer), compare_ids);
  for (guint i = 0; i < n; i++)
    {
      char *line = compare_item (audited, in_case, kind, sorted[i]);
      if (line != NULL)
        g_ptr_array_add (lines, line);
    }
}

gboolean
_rd_case_replay_check (sqlite3  *db,
                       GString  *problems,
                       GError  **error)
{
  g_autoptr(RdReplayState) audited = _rd_replay_state_new ();
  g_autoptr(RdReplayState) in_case = _rd_replay_state_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (!replay_log (db, audited, lines, error) || !_rd_case_replay_read_tables (db, in_case, error))
    return FALSE;
  for (guint k = 0; k < RD_REPLAY_N_KINDS; k++)
    compare_kind (audited, in_case, k, lines);
  for (guint i = 0; i < lines->len && i < MAX_PROBLEMS; i++)
    g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "", (char *) g_ptr_array_index (lines, i));
  if (lines->len > MAX_PROBLEMS)
    {
      guint more = lines->len - MAX_PROBLEMS;

      g_string_append_c (problems, '\n');
      g_string_append_printf (problems, ngettext ("…and %u more difference.", "…and %u more differences.", more),
                              more);
    }
  return TRUE;
}
