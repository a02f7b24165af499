/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "rd-case-file.h"
#include "rd-paths.h"
#include "rd-policy.h"
#include "rd-reviewer-profile.h"
#include "rd-tool.h"

static const RdToolGroup *groups[] = {
  &rd_tool_policy_group,
  &rd_tool_case_group,
  &rd_tool_reviewer_group,
  &rd_tool_training_group,
};

static void
print_command (FILE                *out,
               const RdToolGroup   *group,
               const RdToolCommand *cmd)
{
  rd_tool_print (out, "  %s %s %s\n      %s\n", group->name, cmd->name, cmd->arguments, _(cmd->summary));
}

static void
print_group (FILE              *out,
             const RdToolGroup *group)
{
  rd_tool_print (out, "%s — %s\n", group->name, _(group->summary));
  for (gsize c = 0; c < group->n_commands; c++)
    print_command (out, group, &group->commands[c]);
}

static void
print_help (FILE *out)
{
  rd_tool_print (out, _("Usage: %s GROUP COMMAND [ARGUMENT…]\n"), g_get_prgname ());
  rd_tool_print (out, "\n%s\n\n", _("ReviewDesk from the command line: policies, case files, reviewers’ keys and training."));
  for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      print_group (out, groups[g]);
      fputc ('\n', out);
    }
  rd_tool_print (out, "%s\n", _("Options: --help, --version"));
}

static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h");
}

/* Every group and command answers --help, wherever it stands among the
 * command's arguments: usage on standard output, exit 0. */
static gboolean
asks_for_help (int    argc,
               char **argv)
{
  for (int i = 0; i < argc; i++)
    if (is_help (argv[i]))
      return TRUE;
  return FALSE;
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

  rd_tool_print (stderr, "%s: %s\n", g_get_prgname (), message);
  if (group != NULL && command != NULL)
    rd_tool_print (stderr, _("Try “%s %s %s --help”.\n"), g_get_prgname (), group, command);
  else if (group != NULL)
    rd_tool_print (stderr, _("Try “%s %s --help”.\n"), g_get_prgname (), group);
  else
    rd_tool_print (stderr, _("Try “%s --help”.\n"), g_get_prgname ());
  return RD_TOOL_EXIT_USAGE;
}

/**
 * rd_tool_default_actor:
 *
 * Returns: who writes when --by is not given: the user's real name, or else
 *   the login name
 */
const char *
rd_tool_default_actor (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && *name != '\0' && g_strcmp0 (name, "Unknown") != 0 ? name : g_get_user_name ();
}

/**
 * rd_tool_common_option:
 * @command: the command, for a usage message
 * @i: (inout): the argument to look at; moved past the option's value
 *
 * Reads --by NAME, --role ROLE or --policy-dir DIR at argv[*i].
 *
 * Returns: 1 when argv[*i] was one of them, 0 when not, -1 after a usage
 *   message for an unknown role
 */
int
rd_tool_common_option (const char     *command,
                       int             argc,
                       char          **argv,
                       int            *i,
                       RdToolOptions  *options)
{
  if (*i + 1 >= argc)
    return 0;
  if (g_str_equal (argv[*i], "--by"))
    options->who = argv[++*i];
  else if (g_str_equal (argv[*i], "--policy-dir"))
    options->policy_dir = argv[++*i];
  else if (g_str_equal (argv[*i], "--role"))
    {
      if (!rd_role_from_string (argv[++*i], &options->role))
        {
          rd_tool_usage_error ("case", command,
                               _("Unknown role “%s”: use nurse-reviewer, medical-director or trainer."), argv[*i]);
          return -1;
        }
      /* A medical director is who the organisation certified, and the
       * tool's changes are not signed: it takes no director's role. */
      if (options->role == RD_ROLE_MEDICAL_DIRECTOR)
        {
          rd_tool_usage_error ("case", command, "%s",
                               _("The medical director role belongs to a key certified by your organisation;"
                                 " this command does not sign, so it works as a nurse reviewer or trainer."
                                 " Record a director’s decision in the workstation."));
          return -1;
        }
    }
  else
    return 0;
  return 1;
}

/**
 * rd_tool_printable:
 * @text: (nullable): text from a file: a case, a request, a policy, a PDF
 *
 * Makes text safe to print on a terminal, where a stored "\x1b[2J" would
 * otherwise clear the screen or worse: C0 and C1 control characters, DEL and
 * bytes that are not UTF-8 are shown as \xNN (C1 as \u0080 to \u009f);
 * a tab becomes a space; new lines stay.
 *
 * Returns: (transfer full): the printable text
 */
char *
rd_tool_printable (const char *text)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append_c (out, '\n');
      else if (c == '\t')
        g_string_append_c (out, ' ');
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/**
 * rd_tool_print:
 * @out: stdout or stderr
 *
 * Prints like fprintf(), through rd_tool_printable(): every line the tool
 * prints goes through here, so that nothing read from a file reaches the
 * terminal as a control sequence.
 */
void
rd_tool_print (FILE       *out,
               const char *format,
               ...)
{
  va_list args;
  g_autofree char *text = NULL;
  g_autofree char *printable = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  printable = rd_tool_printable (text);
  fputs (printable, out);
}

/**
 * rd_tool_report_error:
 * @path: (nullable): the file the error is about
 * @message: what went wrong, as a #GError gives it
 * @consequence: (nullable): what that means, e.g. "Nothing was written."
 *
 * Prints an error on standard error, saying each thing once: @path only when
 * @message does not name it already, one full stop between sentences.
 */
void
rd_tool_report_error (const char *path,
                      const char *message,
                      const char *consequence)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (path != NULL && strstr (message, path) == NULL)
    g_string_append_printf (text, "%s: ", path);
  g_string_append (text, message);
  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);
  if (consequence != NULL)
    {
      if (text->len > 0 && strchr (".!?", text->str[text->len - 1]) == NULL)
        g_string_append_c (text, '.');
      g_string_append_printf (text, " %s", consequence);
    }
  rd_tool_print (stderr, "%s\n", text->str);
}

/**
 * rd_tool_load_policies:
 * @policy_dir: (nullable): --policy-dir, or %NULL for the default policies
 *
 * Loads the policies a command works with. A file of the folder that does not
 * load is named on standard error and left out; the others are used.
 *
 * Returns: (transfer container) (element-type RdPolicy): the policies, or
 *   %NULL with @error set when none loads
 */
GPtrArray *
rd_tool_load_policies (const char  *policy_dir,
                       GError     **error)
{
  g_autoptr(GPtrArray) skipped = NULL;
  GPtrArray *policies = rd_policy_load_directory_skipping (policy_dir, &skipped, error);

  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    {
      const GError *refused = g_ptr_array_index (skipped, i);
      g_autofree char *message = rd_tool_printable (refused->message);

      rd_tool_print (stderr, _("%s: warning: %s\nThis policy file is skipped and the others are used; fix or remove it.\n"),
               g_get_prgname (), message);
    }
  return policies;
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

  if (is_help (argv[1]) || g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return RD_TOOL_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      rd_tool_print (stdout, "reviewdesk-tool %s\n", PACKAGE_VERSION);
      return RD_TOOL_EXIT_OK;
    }

  group = find_group (argv[1]);
  if (group == NULL)
    return rd_tool_usage_error (NULL, NULL, _("Unknown command group “%s”: use “policy”, “case”, “reviewer” or “training”."), argv[1]);
  if (argc >= 3 && is_help (argv[2]))
    {
      rd_tool_print (stdout, _("Usage: %s %s COMMAND [ARGUMENT…]\n\n"), g_get_prgname (), group->name);
      print_group (stdout, group);
      return RD_TOOL_EXIT_OK;
    }
  if (argc < 3)
    return rd_tool_usage_error (group->name, NULL, _("“%s” needs a command."), group->name);

  for (gsize c = 0; c < group->n_commands; c++)
    if (g_str_equal (group->commands[c].name, argv[2]))
      {
        const RdToolCommand *cmd = &group->commands[c];

        if (asks_for_help (argc - 3, argv + 3))
          {
            rd_tool_print (stdout, _("Usage: %s %s %s %s\n\n"), g_get_prgname (), group->name, cmd->name, cmd->arguments);
            rd_tool_print (stdout, "%s\n", _(cmd->summary));
            return RD_TOOL_EXIT_OK;
          }
        return cmd->run (argc - 2, argv + 2);
      }

  return rd_tool_usage_error (group->name, NULL, _("Unknown command “%s %s”."), group->name, argv[2]);
}

/**
 * rd_tool_load_trust:
 * @path: (nullable): --trust FILE, or %NULL for the workstation's trust file
 * @trust: (out) (transfer full) (nullable): the organisation's trust file;
 *   %NULL when none is set up
 *
 * Returns: %FALSE after a message when the trust file exists but cannot be
 *   used (a trust file given with --trust must exist)
 */
gboolean
rd_tool_load_trust (const char  *path,
                    RdTrust    **trust)
{
  g_autofree char *default_path = rd_trust_default_path ();
  g_autoptr(GError) error = NULL;

  *trust = NULL;
  if (path == NULL && !g_file_test (default_path, G_FILE_TEST_EXISTS))
    return TRUE;
  *trust = rd_trust_load (path != NULL ? path : default_path, &error);
  if (*trust == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Opens a case, or prints why not. */
RdCaseFile *
rd_tool_open_case (const char          *path,
                   RdCaseFileOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  RdCaseFile *cf = rd_case_file_open (path, flags, &error);

  if (cf == NULL)
    rd_tool_print (stderr, "%s\n", error->message);
  return cf;
}
