/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "rd-case-file.h"
#include "rd-tool-json.h"
#include "rd-tool.h"

/* `case audit CASE [--json] [--action ACTION] [--who NAME]`: every entry of a
 * case's audit log, then what verify finds of the chain and of the content
 * against it. */

typedef struct {
  const char *path;
  const char *action;  /* NULL: every action */
  const char *who;     /* NULL: everyone */
  gboolean    json;
} AuditOptions;

static gboolean
wanted (const AuditOptions *options,
        const RdAuditEntry *entry)
{
  return (options->action == NULL || g_strcmp0 (entry->action, options->action) == 0) &&
         (options->who == NULL || g_strcmp0 (entry->who, options->who) == 0);
}

/* A value may hold anything: in text, a new line would break the entry's
 * layout, so it is shown as \n (other control characters are escaped by
 * rd_tool_print). No value and an empty one read as a dash. */
static char *
one_line (const char *value)
{
  g_auto(GStrv) lines = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  lines = g_strsplit (value, "\n", -1);
  return g_strjoinv ("\\n", lines);
}

static void
print_entry (const RdAuditEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->time);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");

  rd_tool_print (stdout, "\n#%lld  %s  %s (%s)\n", (long long) entry->seq, when, entry->who, entry->role);
  rd_tool_print (stdout, "    %s  %s\n", entry->action, entry->target);
  if (entry->old_value != NULL || entry->new_value != NULL)
    {
      g_autofree char *old_value = one_line (entry->old_value);
      g_autofree char *new_value = one_line (entry->new_value);

      /* TRANSLATORS: an audited value before and after a change */
      rd_tool_print (stdout, _("    %s → %s\n"), old_value, new_value);
    }
}

static void
print_text (const AuditOptions *options,
            const char         *case_id,
            GPtrArray          *entries,
            guint               n_shown)
{
  rd_tool_print (stdout, ngettext ("Audit log of case %s: %u entry\n", "Audit log of case %s: %u entries\n",
                                   entries->len), case_id, entries->len);
  if (options->action != NULL && options->who != NULL)
    rd_tool_print (stdout, ngettext ("%u entry of action “%s” by %s is shown.\n",
                                     "%u entries of action “%s” by %s are shown.\n", n_shown),
                   n_shown, options->action, options->who);
  else if (options->action != NULL)
    rd_tool_print (stdout, ngettext ("%u entry of action “%s” is shown.\n",
                                     "%u entries of action “%s” are shown.\n", n_shown), n_shown, options->action);
  else if (options->who != NULL)
    rd_tool_print (stdout, ngettext ("%u entry by %s is shown.\n", "%u entries by %s are shown.\n", n_shown),
                   n_shown, options->who);
  for (guint i = 0; i < entries->len; i++)
    if (wanted (options, g_ptr_array_index (entries, i)))
      print_entry (g_ptr_array_index (entries, i));
  rd_tool_print (stdout, "\n");
}

/* JSON strings must be UTF-8; a case file's text need not be. */
static void
json_text (JsonBuilder *out,
           const char  *name,
           const char  *value)
{
  g_autofree char *valid = value != NULL ? g_utf8_make_valid (value, -1) : NULL;

  json_builder_set_member_name (out, name);
  if (valid == NULL)
    json_builder_add_null_value (out);
  else
    json_builder_add_string_value (out, valid);
}

static void
json_entry (JsonBuilder        *out,
            const RdAuditEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->time);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

  json_builder_begin_object (out);
  json_builder_set_member_name (out, "seq");
  json_builder_add_int_value (out, entry->seq);
  json_text (out, "when", when);
  json_text (out, "who", entry->who);
  json_text (out, "role", entry->role);
  json_text (out, "action", entry->action);
  json_text (out, "target", entry->target);
  json_text (out, "old", entry->old_value);
  json_text (out, "new", entry->new_value);
  json_builder_end_object (out);
}

static void
json_verification (JsonBuilder              *out,
                   const RdCaseVerifyResult *result,
                   const GError             *error)
{
  json_builder_set_member_name (out, "verification");
  json_builder_begin_object (out);
  json_text (out, "error", error ? error->message : NULL);
  if (result != NULL)
    {
      json_builder_set_member_name (out, "chain_intact");
      json_builder_add_boolean_value (out, result->audit_problem == NULL);
      json_builder_set_member_name (out, "first_broken");
      if (result->audit_first_broken > 0)
        json_builder_add_int_value (out, result->audit_first_broken);
      else
        json_builder_add_null_value (out);
      json_text (out, "audit_problem", result->audit_problem);
      json_builder_set_member_name (out, "content_matches_log");
      json_builder_add_boolean_value (out, result->replay_problem == NULL && result->integrity_problem == NULL);
      json_text (out, "replay_problem", result->replay_problem);
      json_text (out, "integrity_problem", result->integrity_problem);
    }
  json_builder_end_object (out);
}

static void
print_json (const AuditOptions       *options,
            const char               *case_id,
            GPtrArray                *entries,
            const RdCaseVerifyResult *result,
            const GError             *error)
{
  g_autoptr(JsonBuilder) out = json_builder_new ();

  json_builder_begin_object (out);
  json_text (out, "case", options->path);
  json_text (out, "case_id", case_id);
  json_builder_set_member_name (out, "total");
  json_builder_add_int_value (out, entries->len);
  json_builder_set_member_name (out, "entries");
  json_builder_begin_array (out);
  for (guint i = 0; i < entries->len; i++)
    if (wanted (options, g_ptr_array_index (entries, i)))
      json_entry (out, g_ptr_array_index (entries, i));
  json_builder_end_array (out);
  json_verification (out, result, error);
  json_builder_end_object (out);
  rd_tool_json_print (out);
}

static gboolean
chain_and_content_ok (const RdCaseVerifyResult *result)
{
  return result != NULL && result->audit_problem == NULL && result->replay_problem == NULL &&
         result->integrity_problem == NULL;
}

static int
show_audit (const AuditOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) verify_error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (options->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  guint n_shown = 0;

  if (cf == NULL || (entries = rd_case_file_list_audit (cf, &error)) == NULL)
    {
      rd_tool_report_error (options->path, error->message, NULL);
      return RD_TOOL_EXIT_FAILURE;
    }
  for (guint i = 0; i < entries->len; i++)
    n_shown += wanted (options, g_ptr_array_index (entries, i));
  result = rd_case_file_verify (cf, &verify_error);

  if (options->json)
    print_json (options, rd_case_file_get_case_id (cf), entries, result, verify_error);
  else
    {
      print_text (options, rd_case_file_get_case_id (cf), entries, n_shown);
      if (result != NULL)
        rd_tool_print_audit_checks (result);
    }
  if (verify_error != NULL)
    rd_tool_report_error (options->path, verify_error->message, NULL);
  return chain_and_content_ok (result) ? RD_TOOL_EXIT_OK : RD_TOOL_EXIT_FAILURE;
}

int
rd_tool_case_audit (int    argc,
                    char **argv)
{
  AuditOptions options = { NULL, NULL, NULL, FALSE };

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        options.json = TRUE;
      else if (g_str_equal (argv[i], "--action") && i + 1 < argc)
        options.action = argv[++i];
      else if (g_str_equal (argv[i], "--who") && i + 1 < argc)
        options.who = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || options.path != NULL)
        return rd_tool_usage_error ("case", "audit", _("Unexpected argument “%s”."), argv[i]);
      else
        options.path = argv[i];
    }
  if (options.path == NULL)
    return rd_tool_usage_error ("case", "audit", "%s", _("“case audit” needs a case FILE."));
  return show_audit (&options);
}
