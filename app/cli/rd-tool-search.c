/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `case search CASE WORDS… [--json]`: the pages of a case's records that
 * hold every word, as the workstation's search finds them, with whether each
 * page's text was recognised from its image and how confidently. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rd-tool.h"
#include "rd-tool-json.h"

/* The snippet with its match marks as [brackets] (text) or removed (JSON). */
static char *
plain_snippet (const char *snippet,
               gboolean    brackets)
{
  g_autoptr(GString) text = g_string_new (snippet);

  g_string_replace (text, RD_CASE_MATCH_START, brackets ? "[" : "", 0);
  g_string_replace (text, RD_CASE_MATCH_END, brackets ? "]" : "", 0);
  g_string_replace (text, "\n", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) out = json_builder_new ();

  json_builder_begin_object (out);
  rd_tool_json_uint (out, "total", hits->len);
  json_builder_set_member_name (out, "hits");
  json_builder_begin_array (out);
  for (guint i = 0; i < hits->len; i++)
    {
      const RdCaseSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = plain_snippet (hit->snippet, FALSE);

      json_builder_begin_object (out);
      json_builder_set_member_name (out, "record");
      json_builder_add_int_value (out, hit->record_id);
      rd_tool_json_uint (out, "page", hit->page_number);
      rd_tool_json_string (out, "snippet", snippet);
      rd_tool_json_boolean (out, "recognised", hit->recognised);
      rd_tool_json_number (out, "confidence", hit->confidence, hit->recognised);
      json_builder_end_object (out);
    }
  json_builder_end_array (out);
  json_builder_end_object (out);
  rd_tool_json_print (out);
}

static void
print_text (GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const RdCaseSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = plain_snippet (hit->snippet, TRUE);

      if (hit->recognised)
        /* TRANSLATORS: record, page, the recognised page's mean word confidence, the snippet */
        rd_tool_print (stdout, _("record %lld, page %u (recognised, confidence %.0f%%): %s\n"),
                       (long long) hit->record_id, hit->page_number, hit->confidence, snippet);
      else
        rd_tool_print (stdout, _("record %lld, page %u: %s\n"), (long long) hit->record_id, hit->page_number,
                       snippet);
    }
  rd_tool_print (stdout, ngettext ("%u page found.\n", "%u pages found.\n", hits->len), hits->len);
}

int
rd_tool_case_search (int    argc,
                     char **argv)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_has_prefix (argv[i], "--"))
        return rd_tool_usage_error ("case", "search", _("Unexpected argument “%s”."), argv[i]);
      else if (path == NULL)
        path = argv[i];
      else
        g_string_append_printf (words, "%s%s", words->len > 0 ? " " : "", argv[i]);
    }
  if (path == NULL || words->len == 0)
    return rd_tool_usage_error ("case", "search", "%s", _("“case search” needs a case FILE and the WORDS to find."));
  cf = rd_tool_open_case (path, RD_CASE_FILE_OPEN_READ_ONLY);
  if (cf == NULL)
    return RD_TOOL_EXIT_FAILURE;
  hits = rd_case_file_search (cf, words->str, 0, &error);
  if (hits == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  if (json)
    print_json (hits);
  else
    print_text (hits);
  return RD_TOOL_EXIT_OK;
}
