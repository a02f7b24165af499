/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-applicability.h"
#include "rd-engine.h"
#include "rd-policy.h"
#include "rd-tool.h"

/* ---- helpers ---------------------------------------------------------- */

static RdPolicy *
load_or_report (const char *path)
{
  g_autoptr(GError) error = NULL;
  RdPolicy *policy = rd_policy_new_from_path (path, &error);

  if (policy == NULL)
    rd_tool_print (stderr, "%s\n", error->message);
  return policy;
}

static void
indent (int depth)
{
  for (int i = 0; i < depth; i++)
    fputs ("  ", stdout);
}

static void
print_cite (const RdCite *cite,
            int           depth)
{
  if (cite->text == NULL)
    return;
  indent (depth);
  rd_tool_print (stdout, "§ %s: “%s”\n", cite->section, cite->text);
}

static void
print_list (int         depth,
            const char *label,
            char      **items)
{
  g_autofree char *joined = NULL;

  if (items == NULL || items[0] == NULL)
    return;
  joined = g_strjoinv (", ", items);
  indent (depth);
  rd_tool_print (stdout, "%s: %s\n", label, joined);
}

static void
heading (const char *title)
{
  rd_tool_print (stdout, "\n%s\n", title);
  for (const char *p = title; *p; p = g_utf8_next_char (p))
    putchar ('=');
  putchar ('\n');
}

/* ---- policy validate -------------------------------------------------- */

static int
cmd_validate (int    argc,
              char **argv)
{
  int status = RD_TOOL_EXIT_OK;

  if (argc < 2)
    return rd_tool_usage_error ("policy", "validate", "%s", _("“policy validate” needs at least one FILE."));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(RdPolicy) policy = load_or_report (argv[i]);

      if (policy == NULL)
        {
          status = RD_TOOL_EXIT_FAILURE;
          continue;
        }
      rd_tool_print (stdout, _("%s: valid: %s, %u indications, %u code lists, SHA-256 %s\n"), argv[i],
                             rd_policy_get_id (policy), rd_policy_get_indications (policy)->len,
                             rd_policy_get_code_lists (policy)->len, rd_policy_get_hash (policy));
    }
  return status;
}

/* ---- policy show ------------------------------------------------------ */

/* The documentation items a criterion names, in the policy's words. */
static void
print_documents (RdPolicy  *policy,
                 char     **ids,
                 int        depth)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; ids[i]; i++)
    {
      const RdDocItem *item = rd_policy_find_doc_item (policy, ids[i]);
      g_ptr_array_add (texts, (gpointer) (item ? item->text : ids[i]));
    }
  if (texts->len == 0)
    return;
  g_ptr_array_add (texts, NULL);
  {
    g_autofree char *joined = g_strjoinv ("; ", (char **) texts->pdata);
    indent (depth);
    rd_tool_print (stdout, _("Documentation: %s\n"), joined);
  }
}

/* The names of the request types in @mask (1 << RdRequestType). */
static char **
request_type_names (guint mask)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (RdRequestType t = RD_REQUEST_TYPE_INITIAL; t <= RD_REQUEST_TYPE_LAST; t++)
    if (mask & (1u << t))
      g_strv_builder_add (names, rd_request_type_to_string (t));
  return g_strv_builder_end (names);
}

static void
print_node (RdPolicy     *policy,
            const RdNode *node,
            int           depth)
{
  const RdCondition *condition = rd_policy_find_condition (policy, node->when);

  indent (depth);
  switch (node->kind)
    {
    case RD_NODE_ALL_OF:
      rd_tool_print (stdout, _("ALL of the following"));
      break;
    case RD_NODE_ANY_OF:
      rd_tool_print (stdout, _("ANY of the following"));
      break;
    case RD_NODE_AT_LEAST:
      rd_tool_print (stdout, _("AT LEAST %u of the following"), node->n);
      break;
    case RD_NODE_CRITERION:
      rd_tool_print (stdout, "[ ] %s%s", node->text, node->judgement ? _(" (physician judgement)") : "");
      break;
    default:
      break;
    }
  if (node->kind != RD_NODE_CRITERION && node->title)
    rd_tool_print (stdout, " — %s", node->title);
  if (node->id)
    rd_tool_print (stdout, "  {%s}", node->id);
  putchar ('\n');
  if (condition != NULL)
    {
      indent (depth + 2);
      rd_tool_print (stdout, _("Only when: %s\n"), condition->question);
    }
  if (node->request_types != 0)
    {
      g_auto(GStrv) names = request_type_names (node->request_types);
      g_autofree char *types = g_strjoinv (", ", names);
      indent (depth + 2);
      rd_tool_print (stdout, _("Only for requests of type: %s\n"), types);
    }
  if (node->routes[0] != NULL)
    {
      g_autofree char *routes = g_strjoinv (", ", node->routes);
      indent (depth + 2);
      rd_tool_print (stdout, _("Only by the routes: %s\n"), routes);
    }
  if (node->hint)
    {
      indent (depth + 2);
      rd_tool_print (stdout, _("Hint: %s\n"), node->hint);
    }
  if (node->threshold)
    {
      g_autofree char *text = rd_threshold_describe (node->threshold);
      indent (depth + 2);
      rd_tool_print (stdout, _("Threshold: %s %s\n"), node->threshold->measure, text);
    }
  if (node->definition)
    {
      indent (depth + 2);
      rd_tool_print (stdout, _("Definition: %s — %s\n"), node->definition->term, node->definition->text);
    }
  print_documents (policy, node->documents, depth + 2);
  print_cite (&node->cite, depth + 2);
  for (guint i = 0; i < node->children->len; i++)
    print_node (policy, g_ptr_array_index (node->children, i), depth + 1);
}

static void
print_doc_item (const RdDocItem *item,
                int              depth)
{
  indent (depth);
  rd_tool_print (stdout, "• %s  {%s}%s\n", item->text, item->id,
                         item->phase == RD_DOC_POST_SERVICE ? _(" (post-service)") : "");
  print_list (depth + 2, _("For"), item->indications);
  print_cite (&item->cite, depth + 2);
  for (guint i = 0; i < item->children->len; i++)
    print_doc_item (g_ptr_array_index (item->children, i), depth + 1);
}

static void
show_identity (RdPolicy *policy)
{
  rd_tool_print (stdout, "%s %s — %s\n", rd_policy_get_payer (policy), rd_policy_get_number (policy),
                         rd_policy_get_title (policy));
  if (rd_policy_get_original (policy))
    rd_tool_print (stdout, _("Original policy date: %s\n"), rd_policy_get_original (policy));
  if (rd_policy_get_effective (policy))
    rd_tool_print (stdout, _("Effective: %s\n"), rd_policy_get_effective (policy));
  if (rd_policy_get_revised (policy))
    rd_tool_print (stdout, _("Revised: %s\n"), rd_policy_get_revised (policy));
  if (rd_policy_get_published (policy))
    rd_tool_print (stdout, _("Published: %s\n"), rd_policy_get_published (policy));
  rd_tool_print (stdout, _("Source: %s (%s)\n"), rd_policy_get_source_title (policy), rd_policy_get_source_file (policy));
  rd_tool_print (stdout, _("Policy id: %s  SHA-256: %s\n"), rd_policy_get_id (policy), rd_policy_get_hash (policy));
}

static void
show_outcomes_and_definitions (RdPolicy *policy)
{
  GPtrArray *a;

  heading (_("Outcomes"));
  a = rd_policy_get_outcomes (policy);
  for (guint i = 0; i < a->len; i++)
    {
      const RdOutcome *o = g_ptr_array_index (a, i);
      rd_tool_print (stdout, "• %s%s  {%s}\n", o->label, o->adverse ? _(" (adverse: medical director only)") : "", o->id);
      if (o->explanation)
        rd_tool_print (stdout, "    %s\n", o->explanation);
      print_cite (&o->cite, 2);
    }

  a = rd_policy_get_thresholds (policy);
  if (a->len)
    heading (_("Thresholds"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdThreshold *t = g_ptr_array_index (a, i);
      g_autofree char *text = rd_threshold_describe (t);
      rd_tool_print (stdout, "• %s: %s  {%s}\n    %s\n", t->measure, text, t->id, t->text);
      print_cite (&t->cite, 2);
    }

  a = rd_policy_get_definitions (policy);
  if (a->len)
    heading (_("Definitions"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdDefinition *d = g_ptr_array_index (a, i);
      rd_tool_print (stdout, "• %s: %s  {%s}\n", d->term, d->text, d->id);
      print_cite (&d->cite, 2);
    }

  a = rd_policy_get_conditions (policy);
  if (a->len)
    heading (_("Questions about the case"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdCondition *c = g_ptr_array_index (a, i);
      rd_tool_print (stdout, "• %s%s  {%s}\n", c->question, c->referral ? _(" (referral: yes sends the case to a medical director)") : "", c->id);
      if (c->threshold != NULL)
        {
          g_autofree char *limit = rd_threshold_describe (c->threshold);
          rd_tool_print (stdout, _("    Answered by a measurement: %s %s\n"), c->threshold->measure, limit);
        }
      print_cite (&c->cite, 2);
    }
}

static void
show_scope (RdPolicy *policy)
{
  const RdScope *scope = rd_policy_get_scope (policy);

  if (scope != NULL)
    {
      heading (_("Scope"));
      rd_tool_print (stdout, "%s\n", scope->text);
      print_cite (&scope->cite, 2);
    }
  for (RdRequestType t = RD_REQUEST_TYPE_INITIAL; t <= RD_REQUEST_TYPE_LAST; t++)
    {
      const RdRequestRule *rule = rd_policy_get_request_rule (policy, t);

      if (rule == NULL)
        continue;
      if (t == RD_REQUEST_TYPE_INITIAL)
        heading (_("Request types"));
      rd_tool_print (stdout, "• %s: %s — %s\n", rd_request_type_to_string (t),
                             rd_request_handling_to_string (rule->handling), rule->text);
      print_cite (&rule->cite, 2);
    }
}

static void
show_indications (RdPolicy *policy)
{
  GPtrArray *a = rd_policy_get_indications (policy);

  heading (_("Indications"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdIndication *ind = g_ptr_array_index (a, i);
      g_auto(GStrv) types = request_type_names (ind->request_types);

      rd_tool_print (stdout, "\n%u. %s  {%s}\n", i + 1, ind->title, ind->id);
      if (ind->summary)
        rd_tool_print (stdout, "   %s\n", ind->summary);
      print_cite (&ind->cite, 2);
      print_list (2, _("Requests"), types);
      rd_tool_print (stdout, _("    Met: %s · Not met: %s%s\n"), ind->met->label, ind->not_met->label,
                             ind->case_by_case ? _(" · case by case") : "");
      print_list (2, _("Applies to drugs"), ind->drugs);
      print_list (2, _("Applies to routes"), ind->routes);
      print_list (2, _("Applies to diagnoses in"), ind->diagnoses);
      print_node (policy, ind->root, 2);
    }
}

static void
show_exclusions_and_notes (RdPolicy *policy)
{
  GPtrArray *a = rd_policy_get_exclusions (policy);

  if (a->len)
    heading (_("Exclusions"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdExclusion *e = g_ptr_array_index (a, i);
      rd_tool_print (stdout, "• %s → %s  {%s}\n", e->text, e->outcome->label, e->id);
      print_list (2, _("Codes"), e->codes);
      print_cite (&e->cite, 2);
    }

  a = rd_policy_get_notes (policy);
  if (a->len)
    heading (_("Notes"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdNote *n = g_ptr_array_index (a, i);
      rd_tool_print (stdout, "• [%s] %s  {%s}\n", rd_note_kind_to_label (n->kind), n->text, n->id);
      print_list (2, _("Concerns"), n->refers);
      print_cite (&n->cite, 2);
    }
}

static void
show_rest (RdPolicy *policy)
{
  GPtrArray *a = rd_policy_get_documentation (policy);

  if (a->len)
    heading (_("Documentation for clinical review"));
  if (rd_policy_get_documentation_intro (policy))
    rd_tool_print (stdout, "%s\n", rd_policy_get_documentation_intro (policy));
  for (guint i = 0; i < a->len; i++)
    print_doc_item (g_ptr_array_index (a, i), 0);

  a = rd_policy_get_code_lists (policy);
  heading (_("Codes"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdCodeList *l = g_ptr_array_index (a, i);
      rd_tool_print (stdout, ngettext ("• %s: %u entry → %s  {%s}\n", "• %s: %u entries → %s  {%s}\n", l->entries->len),
                             l->title, l->entries->len, l->outcome ? l->outcome->label : _("decided by the criteria"), l->id);
      print_cite (&l->cite, 2);
    }
  rd_tool_print (stdout, _("(List every code with “policy codes FILE”.)\n"));

  a = rd_policy_get_summaries (policy);
  if (a->len)
    heading (_("Rationale"));
  for (guint i = 0; i < a->len; i++)
    {
      const RdSummary *s = g_ptr_array_index (a, i);
      rd_tool_print (stdout, "• %s  {%s}\n    %s\n", s->title, s->id, s->text);
      print_cite (&s->cite, 2);
    }

  a = rd_policy_get_corrections (policy);
  if (a->len)
    heading (_("Corrections to the source text"));
  for (guint i = 0; i < a->len; i++)
    rd_tool_print (stdout, "• %s\n", ((const RdCorrection *) g_ptr_array_index (a, i))->text);
}

static int
cmd_show (int    argc,
          char **argv)
{
  g_autoptr(RdPolicy) policy = NULL;

  if (argc != 2)
    return rd_tool_usage_error ("policy", "show", "%s", _("“policy show” needs exactly one FILE."));
  policy = load_or_report (argv[1]);
  if (policy == NULL)
    return RD_TOOL_EXIT_FAILURE;

  show_identity (policy);
  show_outcomes_and_definitions (policy);
  show_scope (policy);
  show_indications (policy);
  show_exclusions_and_notes (policy);
  show_rest (policy);
  return RD_TOOL_EXIT_OK;
}

/* ---- policy codes ----------------------------------------------------- */

static int
cmd_codes (int    argc,
           char **argv)
{
  g_autoptr(RdPolicy) policy = NULL;
  GPtrArray *lists;

  if (argc != 2)
    return rd_tool_usage_error ("policy", "codes", "%s", _("“policy codes” needs exactly one FILE."));
  policy = load_or_report (argv[1]);
  if (policy == NULL)
    return RD_TOOL_EXIT_FAILURE;

  lists = rd_policy_get_code_lists (policy);
  for (guint i = 0; i < lists->len; i++)
    {
      const RdCodeList *l = g_ptr_array_index (lists, i);

      rd_tool_print (stdout, "# %s [%s] %s → %s\n", l->id, rd_code_system_to_string (l->system), l->title,
                             l->outcome ? l->outcome->label : _("decided by the criteria"));
      for (guint e = 0; e < l->entries->len; e++)
        {
          const RdCodeEntry *entry = g_ptr_array_index (l->entries, e);
          g_autofree char *code = entry->is_range ? g_strdup_printf ("%s-%s", entry->from, entry->to)
                                                  : g_strdup (entry->from);

          g_autofree char *description = rd_tool_printable (entry->description);
          g_autofree char *printed = rd_tool_printable (entry->printed);

          /* Tab-separated: the fields are escaped one by one, the tabs kept. */
          printf ("%s\t%s\t%s", rd_code_system_to_string (l->system), code, description);
          if (entry->printed)
            printf (_("\t(printed %s)"), printed);
          putchar ('\n');
        }
    }
  return RD_TOOL_EXIT_OK;
}

/* ---- policy check-citations ------------------------------------------- */

static int
cmd_check_citations (int    argc,
                     char **argv)
{
  g_autoptr(RdPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  guint n_checked = 0;

  if (argc != 3)
    return rd_tool_usage_error ("policy", "check-citations", "%s",
                                _("“policy check-citations” needs a policy FILE and its SOURCE.txt."));
  policy = load_or_report (argv[1]);
  if (policy == NULL)
    return RD_TOOL_EXIT_FAILURE;
  if (!g_file_get_contents (argv[2], &source, NULL, &error))
    {
      rd_tool_report_error (argv[2], error->message, _("The source text was not read; check its path."));
      return RD_TOOL_EXIT_FAILURE;
    }

  missing = rd_policy_find_missing_citations (policy, source, &n_checked);
  for (guint i = 0; i < missing->len; i++)
    {
      const RdCitation *c = g_ptr_array_index (missing, i);
      rd_tool_print (stdout, _("%s:%d: <cite> of <%s id=\"%s\">: not in %s: “%s”\n"), argv[1], c->cite->line,
                             c->element, c->id ? c->id : "", argv[2], c->cite->text);
    }

  rd_tool_print (stdout, ngettext ("%s: %u citation checked, %u not found in the source.\n",
                                   "%s: %u citations checked, %u not found in the source.\n", n_checked),
                         argv[1], n_checked, missing->len);
  return missing->len ? RD_TOOL_EXIT_FAILURE : RD_TOOL_EXIT_OK;
}

/* ---- policy applies --------------------------------------------------- */

/* "62362,62350" and repeated options both give a list of codes. */
static char **
split_codes (char **values)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values && values[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (values[i], ", ", -1);
      for (guint p = 0; parts[p]; p++)
        if (*parts[p])
          g_ptr_array_add (out, rd_code_normalize (parts[p]));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static gboolean
check_codes (RdCodeSystem   system,
             char         **codes,
             GError       **error)
{
  for (guint i = 0; codes[i]; i++)
    if (!rd_code_validate (system, codes[i], error))
      return FALSE;
  return TRUE;
}

static void
print_match (const RdPolicyMatch *match)
{
  RdPolicy *policy = match->policy;

  rd_tool_print (stdout, "%s %s (%s): %s\n", rd_policy_get_payer (policy), rd_policy_get_number (policy),
                         rd_policy_get_id (policy), match->applies ? _("applies") : _("does not apply"));
  for (guint i = 0; i < match->reasons->len; i++)
    rd_tool_print (stdout, "  - %s\n", (const char *) g_ptr_array_index (match->reasons, i));
  if (match->direct_outcome)
    rd_tool_print (stdout, _("  Outcome by code: %s\n"), match->direct_outcome->label);
  if (!match->applies)
    return;
  for (guint i = 0; i < match->indications->len; i++)
    {
      const RdIndicationMatch *im = g_ptr_array_index (match->indications, i);

      rd_tool_print (stdout, "  %s %s  {%s}\n", im->applies ? "[x]" : "[ ]", im->indication->title, im->indication->id);
      for (guint r = 0; r < im->reasons->len; r++)
        rd_tool_print (stdout, "      %s\n", (const char *) g_ptr_array_index (im->reasons, r));
    }
  for (guint i = 0; i < match->exclusions->len; i++)
    {
      const RdExclusionHit *hit = g_ptr_array_index (match->exclusions, i);
      rd_tool_print (stdout, _("  Exclusion {%s}: %s\n"), hit->exclusion->id, hit->reason);
    }
}

static int
cmd_applies (int    argc,
             char **argv)
{
  g_autofree char *policy_dir = NULL;
  g_auto(GStrv) cpt = NULL, hcpcs = NULL, pcs = NULL, icd = NULL;
  g_autofree char *drug = NULL, *route = NULL, *type = NULL;
  GOptionEntry entries[] = {
    { "policy-dir", 0, 0, G_OPTION_ARG_FILENAME, &policy_dir, N_("Load the policies of DIR"), "DIR" },
    { "cpt", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cpt, N_("CPT procedure code (repeat or separate with commas)"), "CODE" },
    { "hcpcs", 0, 0, G_OPTION_ARG_STRING_ARRAY, &hcpcs, N_("HCPCS code"), "CODE" },
    { "pcs", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pcs, N_("ICD-10-PCS procedure code"), "CODE" },
    { "icd10cm", 0, 0, G_OPTION_ARG_STRING_ARRAY, &icd, N_("ICD-10-CM diagnosis code"), "CODE" },
    { "drug", 0, 0, G_OPTION_ARG_STRING, &drug, N_("Drug the pump delivers"), "NAME" },
    { "route", 0, 0, G_OPTION_ARG_STRING, &route, N_("Route of delivery, e.g. intrathecal"), "ROUTE" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Request type: initial, replacement or trial"), "TYPE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdRequest) request = rd_request_new ();
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  struct { RdCodeSystem system; char ***codes; } systems[] = {
    { RD_CODE_SYSTEM_CPT, &request->cpt_codes },
    { RD_CODE_SYSTEM_HCPCS, &request->hcpcs_codes },
    { RD_CODE_SYSTEM_ICD10_PCS, &request->icd10_pcs_codes },
    { RD_CODE_SYSTEM_ICD10_CM, &request->icd10_cm_codes },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return rd_tool_usage_error ("policy", "applies", "%s", error->message);
  if (argc > 1)
    return rd_tool_usage_error ("policy", "applies", _("Unexpected argument “%s”."), argv[1]);
  if (type != NULL && !rd_request_type_from_string (type, &request->type))
    return rd_tool_usage_error ("policy", "applies", _("Unknown request type “%s”: use initial, replacement or trial."), type);

  request->cpt_codes = split_codes (cpt);
  request->hcpcs_codes = split_codes (hcpcs);
  request->icd10_pcs_codes = split_codes (pcs);
  request->icd10_cm_codes = split_codes (icd);
  for (guint i = 0; i < G_N_ELEMENTS (systems); i++)
    if (!check_codes (systems[i].system, *systems[i].codes, &error))
      return rd_tool_usage_error ("policy", "applies", "%s", error->message);
  if (!request->cpt_codes[0] && !request->hcpcs_codes[0] && !request->icd10_pcs_codes[0])
    return rd_tool_usage_error ("policy", "applies", "%s",
                                _("Give at least one procedure code with --cpt, --hcpcs or --pcs."));
  request->drug = g_steal_pointer (&drug);
  request->route = g_steal_pointer (&route);

  policies = rd_tool_load_policies (policy_dir, &error);
  if (policies == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  matches = rd_applicability_evaluate (policies, request);
  for (guint i = 0; i < matches->len; i++)
    {
      const RdPolicyMatch *match = g_ptr_array_index (matches, i);
      if (i > 0)
        putchar ('\n');
      print_match (match);
    }
  return RD_TOOL_EXIT_OK;
}

static const RdToolCommand policy_commands[] = {
  { "validate", "FILE…", N_("check policy files against policy.rng and the rules of policies/README.md"), cmd_validate },
  { "show", "FILE", N_("print a policy as a readable tree with its citations"), cmd_show },
  { "codes", "FILE", N_("list every code and range of a policy"), cmd_codes },
  { "check-citations", "FILE SOURCE.txt", N_("check that every quoted sentence occurs in the source text"), cmd_check_citations },
  { "applies", "[--policy-dir DIR] --cpt CODE… [--hcpcs … --pcs … --icd10cm … --drug … --route … --type …]",
    N_("say which policies and indications apply to a request, and why"), cmd_applies },
};

const RdToolGroup rd_tool_policy_group = {
  "policy", N_("validate and inspect policy files"), policy_commands, G_N_ELEMENTS (policy_commands),
};
