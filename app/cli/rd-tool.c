/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-paths.h"
#include "rd-tool.h"

static const RdToolGroup *groups[] = {
  &rd_tool_policy_group,
  &rd_tool_case_group,
};

static void
print_help (FILE *out)
{
  fprintf (out, _("Usage: %s GROUP COMMAND [ARGUMENT…]\n"), g_get_prgname ());
  fprintf (out, "\n%s\n\n", _("ReviewDesk from the command line: policies and case files."));
  for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      fprintf (out, "%s — %s\n", groups[g]->name, _(groups[g]->summary));
      for (gsize c = 0; c < groups[g]->n_commands; c++)
        {
          const RdToolCommand *cmd = &groups[g]->commands[c];
          fprintf (out, "  %s %s %s\n      %s\n", groups[g]->name, cmd->name,
                   cmd->arguments, _(cmd->summary));
        }
      fputc ('\n', out);
    }
  fprintf (out, "%s\n", _("Options: --help, --version"));
}

/**
 * rd_tool_usage_error:
 *
 * Prints what is wrong with the command line and how to ask for help.
 *
 * Returns: %RD_TOOL_EXIT_USAGE
 */
int
rd_tool_usage_error (const char *group,
                     const char *command,
                     const char *format,
                     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "%s: %s\n", g_get_prgname (), message);
  fprintf (stderr, _("Try “%s --help”.\n"), g_get_prgname ());
  return RD_TOOL_EXIT_USAGE;
}

static const RdToolGroup *
find_group (const char *name)
{
  for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
    if (g_strcmp0 (groups[g]->name, name) == 0)
      return groups[g];
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const RdToolGroup *group;

  rd_paths_init_gettext ();
  g_set_prgname ("reviewdesk-tool");

  if (argc < 2)
    return rd_tool_usage_error (NULL, NULL, "%s", _("No command given."));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return RD_TOOL_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("reviewdesk-tool %s\n", PACKAGE_VERSION);
      return RD_TOOL_EXIT_OK;
    }

  group = find_group (argv[1]);
  if (group == NULL)
    return rd_tool_usage_error (NULL, NULL, _("Unknown command group “%s”: use “policy” or “case”."), argv[1]);
  if (argc < 3)
    return rd_tool_usage_error (group->name, NULL, _("“%s” needs a command."), group->name);

  for (gsize c = 0; c < group->n_commands; c++)
    if (g_str_equal (group->commands[c].name, argv[2]))
      return group->commands[c].run (argc - 2, argv + 2);

  return rd_tool_usage_error (group->name, NULL, _("Unknown command “%s %s”."), group->name, argv[2]);
}
