/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-audit-item.h"

/* One entry of a case's audit log as the Audit Log page shows it: the entry
 * and its words (local time, the action and role in words, old → new on one
 * line), made once, on the worker that reads the log, so that binding a row
 * and filtering 20,000 of them does no formatting. Immutable. */
struct _RdAuditItem
{
  GObject       parent_instance;

  RdAuditEntry *entry;
  char         *when;      /* local, to the minute */
  char         *moment;    /* local, to the second, with the zone */
  char         *role;
  char         *change;
  char         *folded;    /* everything a search looks in, case-folded */
};

G_DEFINE_FINAL_TYPE (RdAuditItem, rd_audit_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *action;
  const char *label;
} action_labels[] = {
  { "create", N_("Created case") },
  { "request", N_("Changed request") },
  { "review", N_("Put policy under review") },
  { "indications", N_("Chose indications") },
  { "score", N_("Scored criterion") },
  { "score-note", N_("Wrote criterion note") },
  { "condition", N_("Answered question") },
  { "condition-note", N_("Wrote question note") },
  { "documentation", N_("Checked documentation") },
  { "documentation-where", N_("Noted where documentation is") },
  { "measurement", N_("Recorded measurement") },
  { "recommendation", N_("Stored recommendation") },
  { "status", N_("Changed case status") },
  { "decision", N_("Recorded decision") },
  { "evidence-add", N_("Quoted evidence") },
  { "evidence-remove", N_("Removed evidence") },
  { "record-add", N_("Attached record") },
  { "page-text", N_("Stored page text") },
  { "record-password-stored", N_("Stored record password") },
  { "record-password-forgotten", N_("Forgot record password") },
  { "seal", N_("Sealed case") },
  { "format-upgrade", N_("Upgraded case format") },
  { "search-index-rebuilt", N_("Rebuilt search index") },
  { "determination-basis", N_("Named what the determination rests on") },
  { "peer-to-peer", N_("Recorded peer-to-peer conversation") },
  { "due-extension", N_("Extended the due time") },
  { "proposal-declined", N_("Declined a proposed indication") },
  { "page-recognised", N_("Recognised the text of a scanned page") },
};

/**
 * rd_audit_action_to_label:
 * @action: an audit entry's action, e.g. "score"
 *
 * Returns: the action in words, e.g. "Scored criterion"; an action this
 *   version does not know (from a later ReviewDesk) as it is written
 */
const char *
rd_audit_action_to_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_strcmp0 (action, action_labels[i].action) == 0)
      return _(action_labels[i].label);
  return action;
}

static char *
role_label (const char *role)
{
  RdRole known;

  if (rd_role_from_string (role, &known))
    return g_strdup (rd_role_to_label (known));
  if (g_strcmp0 (role, "system") == 0)
    /* TRANSLATORS: the role of ReviewDesk's own audit entries */
    return g_strdup (_("system"));
  return g_strdup (role);
}

/* A value on one line: new lines become spaces (the full text is in the
 * tooltip and the entry's details). */
static char *
one_line (const char *value)
{
  char *line;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  line = g_strdup (value);
  for (char *p = line; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return line;
}

static char *
change_text (const RdAuditEntry *entry)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  if (entry->old_value == NULL && entry->new_value == NULL)
    return g_strdup ("");
  old_value = one_line (entry->old_value);
  new_value = one_line (entry->new_value);
  /* TRANSLATORS: an audited value before and after a change */
  return g_strdup_printf (_("%s → %s"), old_value, new_value);
}

static char *
fold (RdAuditItem *self)
{
  const RdAuditEntry *e = self->entry;
  g_autofree char *all = g_strjoin ("\n", e->who ? e->who : "", self->role, e->action ? e->action : "",
                                    rd_audit_action_to_label (e->action), e->target ? e->target : "",
                                    e->old_value ? e->old_value : "", e->new_value ? e->new_value : "",
                                    self->moment, NULL);
  g_autofree char *valid = g_utf8_make_valid (all, -1);

  return g_utf8_casefold (valid, -1);
}

/**
 * rd_audit_item_new:
 * @entry: (transfer full): an entry of the log
 *
 * Returns: (transfer full): the entry with its words; safe to make on a worker
 */
RdAuditItem *
rd_audit_item_new (RdAuditEntry *entry)
{
  RdAuditItem *self = g_object_new (RD_TYPE_AUDIT_ITEM, NULL);
  g_autoptr(GDateTime) local = entry->time ? g_date_time_to_local (entry->time) : NULL;

  self->entry = entry;
  self->when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("—");
  self->moment = local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z") : g_strdup ("—");
  self->role = role_label (entry->role);
  self->change = change_text (entry);
  self->folded = fold (self);
  return self;
}

const RdAuditEntry *
rd_audit_item_get_entry (RdAuditItem *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), NULL);
  return self->entry;
}

/**
 * rd_audit_item_get_when:
 *
 * Returns: when the change was saved, in the reviewer's time zone, to the minute
 */
const char *
rd_audit_item_get_when (RdAuditItem *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), NULL);
  return self->when;
}

/**
 * rd_audit_item_get_moment:
 *
 * Returns: when the change was saved, to the second, with the time zone
 */
const char *
rd_audit_item_get_moment (RdAuditItem *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), NULL);
  return self->moment;
}

const char *
rd_audit_item_get_what (RdAuditItem *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), NULL);
  return rd_audit_action_to_label (self->entry->action);
}

const char *
rd_audit_item_get_role (RdAuditItem *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), NULL);
  return self->role;
}

/**
 * rd_audit_item_get_change:
 *
 * Returns: "old → new" on one line, or "" for an entry without values
 */
const char *
rd_audit_item_get_change (RdAuditItem *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), NULL);
  return self->change;
}

/**
 * rd_audit_item_describe:
 *
 * Returns: (transfer full): the whole entry in words, its values in full
 */
char *
rd_audit_item_describe (RdAuditItem *self)
{
  const RdAuditEntry *e;

  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), NULL);

  e = self->entry;
  /* TRANSLATORS: an audit entry in full: its number, when, who, their role,
   * the action in words and as written, its target, the old and new values */
  return g_strdup_printf (_("Entry %lld · %s · %s (%s)\n%s (%s) · %s\nOld: %s\nNew: %s"), (long long) e->seq,
                          self->moment, e->who, self->role, rd_audit_item_get_what (self), e->action, e->target,
                          e->old_value ? e->old_value : "—", e->new_value ? e->new_value : "—");
}

/**
 * rd_audit_item_matches:
 * @folded_query: what the reviewer searches for, g_utf8_casefold()ed
 *
 * Returns: whether the entry's person, role, action (in words or as written),
 *   target, values or time hold @folded_query, whatever its case
 */
gboolean
rd_audit_item_matches (RdAuditItem *self,
                       const char  *folded_query)
{
  g_return_val_if_fail (RD_IS_AUDIT_ITEM (self), FALSE);
  return strstr (self->folded, folded_query) != NULL;
}

static void
rd_audit_item_finalize (GObject *object)
{
  RdAuditItem *self = RD_AUDIT_ITEM (object);

  g_clear_pointer (&self->entry, rd_audit_entry_free);
  g_free (self->when);
  g_free (self->moment);
  g_free (self->role);
  g_free (self->change);
  g_free (self->folded);
  G_OBJECT_CLASS (rd_audit_item_parent_class)->finalize (object);
}

static void
rd_audit_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RdAuditItem *self = RD_AUDIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->entry->seq);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_audit_item_class_init (RdAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_audit_item_finalize;
  object_class->get_property = rd_audit_item_get_property;

  /* The entry's sequence number: what the list sorts by, through a numeric
   * sorter's keys (a compare function would be called 300,000 times for
   * 20,000 entries). */
  properties[PROP_SEQ] =
    g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_audit_item_init (RdAuditItem *self)
{
}
