/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool case verify: everything an auditor checks in a case, and
 * the case against a letter written from it. */
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>
#include <string.h>

#include "rd-case-file.h"
#include "rd-pas-bundle.h"
#include "rd-pas-response.h"
#include "rd-tool.h"

/* ---- case verify ------------------------------------------------------ */

static void
print_lines (const char *heading,
             const char *lines_text)
{
  g_auto(GStrv) lines = g_strsplit (lines_text, "\n", -1);

  rd_tool_print (stdout, "%s:\n", heading);
  for (guint i = 0; lines[i] != NULL; i++)
    rd_tool_print (stdout, "  %s\n", lines[i]);
}

static void
print_signatures (const RdCaseVerifyResult *result)
{
  if (result->signature_problem != NULL)
    print_lines (_("Signatures"), result->signature_problem);
  else
    rd_tool_print (stdout, ngettext ("Signatures: %u valid\n", "Signatures: %u valid\n", result->signatures),
                   result->signatures);
  if (result->trust_problem != NULL)
    rd_tool_print (stdout, "%s: %s\n", _("Certificates"), result->trust_problem);
  if (result->signers != NULL)
    rd_tool_print (stdout, "%s: %s\n", _("Signed by"), result->signers);
  if (result->unsigned_entries > 0)
    rd_tool_print (stdout, ngettext ("Unsigned: the last %lld audit entry was made without a reviewer key\n",
                                     "Unsigned: the last %lld audit entries were made without a reviewer key\n",
                                     result->unsigned_entries), (long long) result->unsigned_entries);
}

/**
 * rd_tool_print_audit_checks:
 *
 * Prints what verify found of the audit log: the hash chain's line (the
 * first broken link, if any), then the content against the log, one line per
 * difference. `case verify` and `case audit` print the same.
 */
void
rd_tool_print_audit_checks (const RdCaseVerifyResult *result)
{
  if (result->audit_problem != NULL)
    rd_tool_print (stdout, _("Audit log: %lld entries; first broken link at entry %lld: %s\n"),
                   (long long) result->audit_entries, (long long) result->audit_first_broken, result->audit_problem);
  else
    rd_tool_print (stdout, _("Audit log: %lld entries, every link intact\n"), (long long) result->audit_entries);
  if (result->replay_problem != NULL)
    print_lines (_("Content against the audit log"), result->replay_problem);
  else if (result->integrity_problem == NULL)
    rd_tool_print (stdout, "%s: %s\n", _("Content against the audit log"),
                   _("every audited value is what the audit log last set it to"));
}

/* The seal line of a letter: the PDF's keywords, the identifier of a PAS
 * response's ClaimResponse, or a line of a text letter. */
static char *
read_seal_token (const char  *letter_path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (letter_path, &contents, &length, error))
    return NULL;
  if (length > 4 && memcmp (contents, "%PDF", 4) == 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, error);
      char *keywords = document ? poppler_document_get_keywords (document) : NULL;

      g_clear_object (&document);
      if (keywords != NULL && g_str_has_prefix (keywords, "rd-seal-v1 "))
        return keywords;
      g_free (keywords);
    }
  else if (length > 0 && contents[0] == '{')
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_autoptr(JsonNode) root = rd_pas_bundle_load (bytes, NULL);
      char *token = root ? rd_pas_response_get_seal_token (root) : NULL;

      if (token != NULL)
        return token;
    }
  else if (contents != NULL && g_utf8_validate (contents, length, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "rd-seal-v1 "))
          return g_strdup (lines[i]);
    }
  if (error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("“%s” carries no ReviewDesk seal: only a letter or a PAS response written from a sealed case can be checked."),
                 letter_path);
  return NULL;
}

static gboolean
check_against_letter (RdCaseFile  *cf,
                      const char  *letter_path,
                      char       **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = read_seal_token (letter_path, &error);

  if (token == NULL || !rd_case_file_check_seal_token (cf, token, problem, &error))
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return FALSE;
    }
  rd_tool_print (stdout, "%s: %s\n", _("Letter"), *problem ? *problem : _("the case carries the seal the letter was"
                                                                             " written with"));
  return TRUE;
}

int
rd_tool_case_verify (int    argc,
                     char **argv)
{
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(RdTrust) trust = NULL;
  g_autoptr(GError) error = NULL;
  const char *trust_path = NULL;
  const char *letter_path = NULL;
  g_autofree char *against_problem = NULL;
  const char *path = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--trust") && i + 1 < argc)
        trust_path = argv[++i];
      else if (g_str_equal (argv[i], "--against") && i + 1 < argc)
        letter_path = argv[++i];
      else if (path == NULL && argv[i][0] != '-')
        path = argv[i];
      else
        return rd_tool_usage_error ("case", "verify", "%s", _("“case verify” needs exactly one FILE."));
    }
  if (path == NULL)
    return rd_tool_usage_error ("case", "verify", "%s", _("“case verify” needs exactly one FILE."));
  if (!rd_tool_load_trust (trust_path, &trust))
    return RD_TOOL_EXIT_FAILURE;
  cf = rd_tool_open_case (path, RD_CASE_FILE_OPEN_READ_ONLY);
  if (cf == NULL)
    return RD_TOOL_EXIT_FAILURE;
  rd_case_file_set_trust (cf, trust);
  result = rd_case_file_verify (cf, &error);
  if (result == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }

  rd_tool_print (stdout, "%s: %s\n", _("Integrity"), result->integrity_problem ? result->integrity_problem : _("ok"));
  if (result->records_problem != NULL)
    print_lines (_("Records"), result->records_problem);
  else if (result->integrity_problem == NULL)
    rd_tool_print (stdout, "%s: %s\n", _("Records"), _("every page has its text and its search index entries"));
  rd_tool_print_audit_checks (result);
  if (result->sealed)
    rd_tool_print (stdout, "%s: %s\n", _("Seal"), result->seal_problem ? result->seal_problem : _("intact"));
  else
    rd_tool_print (stdout, "%s: %s\n", _("Seal"), result->seal_problem ? result->seal_problem : _("not sealed"));

  print_signatures (result);
  if (letter_path != NULL && !check_against_letter (cf, letter_path, &against_problem))
    return RD_TOOL_EXIT_FAILURE;

  if (rd_case_verify_result_ok (result) && against_problem == NULL)
    return RD_TOOL_EXIT_OK;
  if (result->integrity_problem == NULL && result->audit_problem == NULL && result->seal_problem == NULL &&
      result->replay_problem == NULL && result->signature_problem == NULL && against_problem == NULL)
    rd_tool_print (stderr, _("“%s” failed verification: its records need the repair their lines above name.\n"),
                   path);
  else
    rd_tool_print (stderr, _("“%s” failed verification: restore it from a backup and keep this copy for the"
                             " investigation.\n"), path);
  return RD_TOOL_EXIT_FAILURE;
}

