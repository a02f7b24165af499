/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool case export --pas: the determination as a PAS response Bundle */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-letter.h"
#include "rd-pas-response.h"
#include "rd-tool.h"

static int
export_pas (const char *case_path,
            const char *out_path,
            const char *policy_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autoptr(JsonNode) response = NULL;

  if ((cf = rd_tool_open_case (case_path, RD_CASE_FILE_OPEN_READ_ONLY)) == NULL)
    return RD_TOOL_EXIT_FAILURE;
  if ((policies = rd_tool_load_policies (policy_dir, &error)) == NULL ||
      (letter = rd_letter_compose (cf, policies, RD_LETTER_NONE, &error)) == NULL ||
      (response = rd_pas_response_build (cf, letter, &error)) == NULL ||
      !rd_pas_response_write (response, out_path, &error))
    {
      rd_tool_report_error (case_path, error->message, _("Nothing was exported."));
      return RD_TOOL_EXIT_FAILURE;
    }
  rd_tool_print (stdout, _("Wrote the PAS response “%s” to %s.\n"), letter->title, out_path);
  return RD_TOOL_EXIT_OK;
}

/**
 * rd_tool_case_export:
 *
 * `case export --pas CASE OUT.json [--policy-dir DIR]`.
 */
int
rd_tool_case_export (int    argc,
                     char **argv)
{
  const char *positional[2] = { NULL, NULL };
  const char *policy_dir = NULL;
  gboolean pas = FALSE;
  guint n_positional = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--pas"))
        pas = TRUE;
      else if (g_str_equal (argv[i], "--policy-dir") && i + 1 < argc)
        policy_dir = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || n_positional == 2)
        return rd_tool_usage_error ("case", "export", _("Unexpected argument “%s”."), argv[i]);
      else
        positional[n_positional++] = argv[i];
    }
  if (!pas || n_positional != 2)
    return rd_tool_usage_error ("case", "export", "%s", _("“case export” needs --pas, a case FILE and OUT.json."));
  return export_pas (positional[0], positional[1], policy_dir);
}
