/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-worklist-private.h"

struct _RdWorklistEntry
{
  GObject          parent_instance;
  RdWorklistFields fields;
};

G_DEFINE_FINAL_TYPE (RdWorklistEntry, rd_worklist_entry, G_TYPE_OBJECT)

static const char * const status_names[] = {
  "new", "in-review", "pended", "with-medical-director", "decided", "sealed", "unreadable",
};

const char *
rd_worklist_status_to_string (RdWorklistStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
rd_worklist_status_from_string (const char       *name,
                                RdWorklistStatus *status)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (name, status_names[i]))
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rd_worklist_status_to_label (RdWorklistStatus status)
{
  switch (status)
    {
    case RD_WORKLIST_STATUS_NEW: return _("New");
    case RD_WORKLIST_STATUS_IN_REVIEW: return _("In review");
    case RD_WORKLIST_STATUS_PENDED: return _("Pended");
    case RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR: return _("With a medical director");
    case RD_WORKLIST_STATUS_DECIDED: return _("Decided");
    case RD_WORKLIST_STATUS_SEALED: return _("Sealed");
    case RD_WORKLIST_STATUS_UNREADABLE: return _("Cannot be opened");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * rd_worklist_status_is_open:
 *
 * Returns: whether a case in @status still waits for a decision (and so has a
 *   deadline that can pass)
 */
gboolean
rd_worklist_status_is_open (RdWorklistStatus status)
{
  return status <= RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR;
}

void
_rd_worklist_fields_clear (RdWorklistFields *fields)
{
  g_free (fields->path);
  g_free (fields->case_id);
  g_free (fields->member_name);
  g_free (fields->member_id);
  g_free (fields->payer);
  g_free (fields->plan);
  g_free (fields->request);
  g_free (fields->codes);
  g_free (fields->reviewer);
  g_free (fields->problem);
  g_free (fields->search_text);
  memset (fields, 0, sizeof *fields);
}

RdWorklistEntry *
_rd_worklist_entry_new_take (RdWorklistFields *fields)
{
  RdWorklistEntry *self = g_object_new (RD_TYPE_WORKLIST_ENTRY, NULL);

  self->fields = *fields;
  memset (fields, 0, sizeof *fields);
  return self;
}

char *
_rd_worklist_fold (const char *text)
{
  g_autofree char *ascii = NULL;

  if (text == NULL)
    return g_strdup ("");
  ascii = g_str_to_ascii (text, "C");
  return g_ascii_strdown (ascii, -1);
}

static void
rd_worklist_entry_finalize (GObject *object)
{
  _rd_worklist_fields_clear (&RD_WORKLIST_ENTRY (object)->fields);
  G_OBJECT_CLASS (rd_worklist_entry_parent_class)->finalize (object);
}

static void
rd_worklist_entry_class_init (RdWorklistEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_worklist_entry_finalize;
}

static void
rd_worklist_entry_init (RdWorklistEntry *self)
{
}

#define GETTER(type, name, field) \
  type \
  rd_worklist_entry_get_##name (RdWorklistEntry *self) \
  { \
    g_return_val_if_fail (RD_IS_WORKLIST_ENTRY (self), 0); \
    return self->fields.field; \
  }

/* The file's path, never %NULL. */
GETTER (const char *, path, path)
/* The case's id, nullable (as every text below, for an unreadable file). */
GETTER (const char *, case_id, case_id)
GETTER (const char *, member_name, member_name)
GETTER (const char *, member_id, member_id)
GETTER (const char *, payer, payer)
GETTER (const char *, plan, plan)
/* The request in words: each code with its description from the policies'
 * code lists, then the drug and route. */
GETTER (const char *, request, request)
GETTER (const char *, codes, codes)
GETTER (RdWorklistStatus, status, status)
/* Who last worked on the case (the last audit entry not by the system). */
GETTER (const char *, reviewer, reviewer)
/* When the decision is due, 0 before the request's receipt is known. */
GETTER (gint64, due, due)
GETTER (gint64, updated, updated)
/* Why an unreadable file cannot be opened, %NULL for a case. */
GETTER (const char *, problem, problem)
/* Everything the search looks in, folded. */
GETTER (const char *, search_text, search_text)

static char *
duration_text (gint64 span)
{
  guint minutes = (guint) MIN (span / G_TIME_SPAN_MINUTE, G_MAXUINT);
  guint days = minutes / (24 * 60);
  guint hours = (minutes / 60) % 24;
  g_autofree char *days_text = NULL;
  g_autofree char *hours_text = NULL;

  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
  hours_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
  if (days == 0)
    return g_steal_pointer (&hours_text);
  days_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
  if (hours == 0)
    return g_steal_pointer (&days_text);
  /* TRANSLATORS: a duration: "2 days" "5 hours" */
  return g_strdup_printf (C_("duration", "%s %s"), days_text, hours_text);
}

/**
 * rd_worklist_format_remaining:
 * @due: when the decision is due
 * @now: the time now
 *
 * Returns: (transfer full): the time left to the hour ("2 days 5 hours left"),
 *   or how long ago the deadline passed ("3 hours overdue")
 */
char *
rd_worklist_format_remaining (gint64 due,
                              gint64 now)
{
  g_autofree char *span = duration_text (due >= now ? due - now : now - due);

  if (due >= now)
    /* TRANSLATORS: %s is a duration, "2 days 5 hours" */
    return g_strdup_printf (_("%s left"), span);
  /* TRANSLATORS: %s is a duration, "3 hours" */
  return g_strdup_printf (_("%s overdue"), span);
}
