/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool case score CASE ANSWERS.json: a nurse's answers from a file */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-applicability.h"
#include "rd-case-evaluate.h"
#include "rd-case-intake.h"
#include "rd-json.h"
#include "rd-policy-answers.h"
#include "rd-tool.h"

/* A policy not under review yet is added as intake adds it. */
static gboolean
ensure_review (RdCaseFile       *cf,
               RdPolicy         *policy,
               const RdRequest  *request,
               GError          **error)
{
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (cf, error);
  g_autoptr(RdPolicyMatch) match = NULL;

  if (reviews == NULL)
    return FALSE;
  if (rd_case_find_review (reviews, rd_policy_get_id (policy)) != NULL)
    return TRUE;
  match = rd_policy_match_new (policy, request);
  if (match->applies && !rd_case_accept_match (cf, match, NULL, error))
    return FALSE;
  return rd_case_pin_policy (cf, policy, error);
}

static gboolean
store_answer (RdCaseFile      *cf,
              const char      *policy_id,
              const RdAnswer  *a,
              GError         **error)
{
  if (a->measurement != NULL && !rd_case_file_set_measurement (cf, policy_id, a->id, a->measurement, error))
    return FALSE;
  switch (a->kind)
    {
    case RD_ANSWER_CRITERION:
      return rd_case_file_set_score (cf, policy_id, a->id, a->value, a->note, error);
    case RD_ANSWER_CONDITION:
      return rd_case_file_set_condition (cf, policy_id, a->id, a->value, NULL, error);
    case RD_ANSWER_DOCUMENTATION:
      return rd_case_file_set_documentation (cf, policy_id, a->id, a->value, NULL, error);
    case RD_ANSWER_NOTE:
      return rd_case_file_set_score_note (cf, policy_id, a->id, a->note, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
store_policy_answers (RdCaseFile             *cf,
                      const RdPolicyAnswers  *pa,
                      const RdRequest        *request,
                      GError                **error)
{
  if (!ensure_review (cf, pa->policy, request, error))
    return FALSE;
  for (guint i = 0; i < pa->answers->len; i++)
    if (!store_answer (cf, rd_policy_get_id (pa->policy), pa->answers->pdata[i], error))
      return FALSE;
  return TRUE;
}

static void
print_summary (const RdPolicyAnswers *pa)
{
  g_autofree char *criteria = g_strdup_printf (ngettext ("%u criterion", "%u criteria", pa->n_criteria),
                                               pa->n_criteria);
  g_autofree char *questions = g_strdup_printf (ngettext ("%u question", "%u questions", pa->n_questions),
                                                pa->n_questions);
  g_autofree char *values = g_strdup_printf (ngettext ("%u value", "%u values", pa->n_values), pa->n_values);
  g_autofree char *documentation = g_strdup_printf (ngettext ("%u documentation item", "%u documentation items",
                                                              pa->n_documentation), pa->n_documentation);

  rd_tool_print (stdout, "%s: %s, %s, %s, %s\n", rd_policy_get_id (pa->policy), criteria, questions, values, documentation);
}

/* A value that decides a score other than the one given beside it. */
static void
warn_overridden (const RdPolicyAnswers *pa)
{
  for (guint i = 0; i < pa->answers->len; i++)
    {
      const RdAnswer *a = pa->answers->pdata[i];
      if (a->overridden)
        /* TRANSLATORS: the id, the score the file gave, the score its value decides */
        rd_tool_print (stderr, _("warning: %s: “%s” was given, but its value decides “%s”.\n"), a->id,
                       rd_answer_value_to_string (a->kind, a->given), rd_answer_value_to_string (a->kind, a->value));
    }
}

/**
 * rd_tool_case_score_file:
 *
 * `case score CASE ANSWERS.json`: every answer in the file is checked against
 * the policies first; one unknown id refuses the whole file and the case is
 * not changed. Then each answer is stored and audited as the GUI stores it.
 */
int
rd_tool_case_score_file (const char *case_path,
                         const char *answers_path,
                         const char *policy_dir,
                         const char *who,
                         RdRole      role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdRequest) request = NULL;

  if ((root = rd_json_load_file (answers_path, &error)) == NULL ||
      (policies = rd_tool_load_policies (policy_dir, &error)) == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  if ((all = rd_policy_answers_list_from_json (root, policies, &error)) == NULL)
    {
      rd_tool_report_error (answers_path, error->message, _("The case was not changed."));
      return RD_TOOL_EXIT_FAILURE;
    }
  for (guint i = 0; i < all->len; i++)
    warn_overridden (all->pdata[i]);

  if ((cf = rd_case_file_open (case_path, RD_CASE_FILE_OPEN_NONE, &error)) == NULL ||
      (request = rd_case_file_get_request (cf, &error)) == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  if (rd_case_file_is_read_only (cf))
    {
      rd_tool_print (stderr, "%s\n", rd_case_file_get_read_only_reason (cf));
      return RD_TOOL_EXIT_FAILURE;
    }
  rd_case_file_set_actor (cf, who, NULL, role);
  /* All the answers are one change: saved whole, or not at all. */
  if (!rd_case_file_begin_batch (cf, &error))
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  for (guint i = 0; i < all->len; i++)
    if (!store_policy_answers (cf, all->pdata[i], request, &error))
      {
        rd_case_file_end_batch (cf, FALSE, NULL);
        rd_tool_print (stderr, "%s\n", error->message);
        return RD_TOOL_EXIT_FAILURE;
      }
  if (!rd_case_file_end_batch (cf, TRUE, &error))
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  for (guint i = 0; i < all->len; i++)
    print_summary (all->pdata[i]);
  return RD_TOOL_EXIT_OK;
}

int
rd_tool_case_score (int    argc,
                    char **argv)
{
  RdToolOptions options = { NULL, RD_ROLE_NURSE_REVIEWER, NULL };
  const char *positional[2] = { NULL, NULL };
  guint n_positional = 0;

  for (int i = 1; i < argc; i++)
    {
      int common = rd_tool_common_option ("score", argc, argv, &i, &options);

      if (common < 0)
        return RD_TOOL_EXIT_USAGE;
      if (common > 0)
        continue;
      if (g_str_has_prefix (argv[i], "--") || n_positional == 2)
        return rd_tool_usage_error ("case", "score", _("Unexpected argument “%s”."), argv[i]);
      positional[n_positional++] = argv[i];
    }
  if (n_positional != 2)
    return rd_tool_usage_error ("case", "score", "%s", _("“case score” needs a case FILE and ANSWERS.json."));
  return rd_tool_case_score_file (positional[0], positional[1], options.policy_dir,
                                  options.who ? options.who : rd_tool_default_actor (), options.role);
}
