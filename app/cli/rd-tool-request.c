/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool case new --request | case score: a review driven from files */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-applicability.h"
#include "rd-case-intake.h"
#include "rd-json.h"
#include "rd-request-json.h"
#include "rd-tool.h"

static int
report (const GError *error)
{
  rd_tool_print (stderr, "%s\n", error->message);
  return RD_TOOL_EXIT_FAILURE;
}

/* ---- case new --request --------------------------------------------------- */

/* Puts under review every policy proposed for @request (it applies, and it
 * is the member's payer's), with the indications that apply, as the nurse's
 * confirmation at intake does. */
static gboolean
review_applicable (RdCaseFile       *cf,
                   GPtrArray        *policies,
                   const RdRequest  *request,
                   GString          *summary,
                   GError          **error)
{
  g_autoptr(GPtrArray) matches = rd_applicability_evaluate (policies, request);

  for (guint i = 0; i < matches->len; i++)
    {
      const RdPolicyMatch *match = g_ptr_array_index (matches, i);
      guint n = 0;

      if (!rd_policy_match_is_proposed (match))
        continue;
      if (!rd_case_accept_match (cf, match, &n, error))
        return FALSE;
      g_string_append_printf (summary, "  %s: ", rd_policy_get_id (match->policy));
      g_string_append_printf (summary, ngettext ("%u applicable indication\n", "%u applicable indications\n", n), n);
    }
  return TRUE;
}

typedef struct {
  const RdRequest *request;
  GPtrArray       *policies;
  const char      *who;
  RdRole           role;
  GString         *summary;
} FillData;

static gboolean
fill_from_request (RdCaseFile  *cf,
                   gpointer     user_data,
                   GError     **error)
{
  FillData *data = user_data;

  rd_case_file_set_actor (cf, data->who, NULL, data->role);
  return rd_case_file_set_request (cf, data->request, error) &&
         review_applicable (cf, data->policies, data->request, data->summary, error);
}

/* The case appears at @out only when complete: a refused request, a failed
 * write or a kill leaves nothing there. */
static gboolean
create_from_request (const char       *out,
                     const RdRequest  *request,
                     GPtrArray        *policies,
                     const char       *who,
                     RdRole            role,
                     GString          *summary,
                     GError          **error)
{
  FillData data = { request, policies, who, role, summary };

  return rd_case_file_create_filled (out, NULL, fill_from_request, &data, error);
}

/**
 * rd_tool_case_new_from_request:
 *
 * `case new --request REQUEST.json OUT.rdcase`: a case with the request and
 * every applicable policy under review. Exit 1 with nothing written when the
 * request is refused.
 */
int
rd_tool_case_new_from_request (const char *request_path,
                               const char *out,
                               const char *policy_dir,
                               const char *who,
                               RdRole      role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *payer_note = NULL;

  if ((root = rd_json_load_file (request_path, &error)) == NULL)
    return report (error);
  if ((request = rd_request_new_from_json (root, &error)) == NULL)
    {
      rd_tool_report_error (request_path, error->message, _("Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if ((policies = rd_tool_load_policies (policy_dir, &error)) == NULL ||
      !create_from_request (out, request, policies, who, role, summary, &error))
    return report (error);

  rd_tool_print (stdout, _("Created %s for %s.\n"), out, request->member_name);
  if ((payer_note = rd_applicability_describe_payer (policies, request)) != NULL)
    rd_tool_print (stdout, "%s\n", payer_note);
  if (summary->len == 0)
    rd_tool_print (stdout, "%s\n", _("No policy applies to this request: nothing is under review."));
  else
    rd_tool_print (stdout, "%s\n%s", _("Under review:"), summary->str);
  return RD_TOOL_EXIT_OK;
}
