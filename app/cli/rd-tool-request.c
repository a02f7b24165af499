/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool case new --request | --pas: a case from a request in JSON or
 * a PAS request Bundle */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-applicability.h"
#include "rd-case-intake.h"
#include "rd-json.h"
#include "rd-pas-bundle.h"
#include "rd-pdf-text.h"
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
  const RdRequest    *request;
  GPtrArray          *policies;
  const char         *who;
  RdRole              role;
  GString            *summary;
  const RdPasRequest *pas;     /* nullable: the bundle's PDFs */
  GBytes             *source;  /* nullable: the bundle as received */
} FillData;

/* Each PDF with its page text, in one transaction: never one without the other. */
static gboolean
attach_pdfs (RdCaseFile          *cf,
             const RdPasRequest  *pas,
             GError             **error)
{
  for (guint i = 0; i < pas->attachments->len; i++)
    {
      const RdPasAttachment *a = g_ptr_array_index (pas->attachments, i);
      g_autoptr(RdPdfText) text = rd_pdf_text_extract (a->pdf, a->file_name, NULL, error);
      g_autofree gboolean *kinds = NULL;

      if (text == NULL)
        return FALSE;
      kinds = rd_pdf_text_page_kinds (text);
      if (rd_case_file_attach_record (cf, a->pdf, a->file_name, text->n_pages, (const char * const *) text->texts,
                                      kinds, NULL, NULL, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
fill_from_request (RdCaseFile  *cf,
                   gpointer     user_data,
                   GError     **error)
{
  FillData *data = user_data;

  rd_case_file_set_actor (cf, data->who, NULL, data->role);
  return rd_case_file_set_request (cf, data->request, error) &&
         review_applicable (cf, data->policies, data->request, data->summary, error) &&
         (data->pas == NULL || attach_pdfs (cf, data->pas, error)) &&
         (data->source == NULL ||
          rd_case_file_add_source_document (cf, "pas-request", "application/fhir+json", data->source, error) != 0);
}

static void
print_summary (GPtrArray        *policies,
               const RdRequest  *request,
               GString          *summary)
{
  g_autofree char *payer_note = rd_applicability_describe_payer (policies, request);

  if (payer_note != NULL)
    rd_tool_print (stdout, "%s\n", payer_note);
  if (summary->len == 0)
    rd_tool_print (stdout, "%s\n", _("No policy applies to this request: nothing is under review."));
  else
    rd_tool_print (stdout, "%s\n%s", _("Under review:"), summary->str);
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
  FillData data;

  if ((root = rd_json_load_file (request_path, &error)) == NULL)
    return report (error);
  if ((request = rd_request_new_from_json (root, &error)) == NULL)
    {
      rd_tool_report_error (request_path, error->message, _("Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if ((policies = rd_tool_load_policies (policy_dir, &error)) == NULL)
    return report (error);
  data = (FillData) { request, policies, who, role, summary, NULL, NULL };
  /* The case appears at @out only when complete: a refused request, a failed
   * write or a kill leaves nothing there. */
  if (!rd_case_file_create_filled (out, NULL, fill_from_request, &data, &error))
    return report (error);

  rd_tool_print (stdout, _("Created %s for %s.\n"), out, request->member_name);
  print_summary (policies, request, summary);
  return RD_TOOL_EXIT_OK;
}

/**
 * rd_tool_case_new_from_pas:
 *
 * `case new --pas BUNDLE.json OUT.rdcase`: a case from a PAS request Bundle,
 * with its PDFs as records, the bundle kept in the case, and every applicable
 * policy under review. Exit 1 with nothing written when the bundle is refused.
 */
int
rd_tool_case_new_from_pas (const char *bundle_path,
                           const char *out,
                           const char *policy_dir,
                           const char *who,
                           RdRole      role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (bundle_path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RdPasRequest) pas = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  FillData data;

  /* A bundle over the limit is refused before it is read. */
  if ((info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error)) == NULL)
    return report (error);
  if (g_file_info_get_size (info) > RD_PAS_MAX_BUNDLE_SIZE)
    {
      rd_tool_report_error (bundle_path, _("The bundle is larger than 32 MiB."), _("Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if ((bytes = g_file_load_bytes (file, NULL, NULL, &error)) == NULL)
    return report (error);
  if ((root = rd_pas_bundle_load (bytes, &error)) == NULL ||
      (pas = rd_pas_request_read (root, rd_drug_vocabulary_get_default (), &error)) == NULL)
    {
      rd_tool_report_error (bundle_path, error->message, _("Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if ((policies = rd_tool_load_policies (policy_dir, &error)) == NULL)
    return report (error);
  data = (FillData) { pas->request, policies, who, role, summary, pas, bytes };
  if (!rd_case_file_create_filled (out, NULL, fill_from_request, &data, &error))
    return report (error);

  rd_tool_print (stdout, ngettext ("Created %s for %s from a PAS request, with %u record.\n",
                                   "Created %s for %s from a PAS request, with %u records.\n",
                                   pas->attachments->len),
                 out, pas->request->member_name, pas->attachments->len);
  print_summary (policies, pas->request, summary);
  return RD_TOOL_EXIT_OK;
}
