/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool case examples | new --from | evaluate | grade */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "rd-case-file.h"
#include "rd-example.h"
#include "rd-example-grade.h"
#include "rd-tool.h"
#include "rd-tool-json.h"
#include "rd-verdict.h"

/* ---- case examples ------------------------------------------------------ */

int
rd_tool_case_examples (int    argc,
                       char **argv)
{
  g_auto(GStrv) paths = NULL;
  guint n_listed = 0;

  if (argc > 1)
    return rd_tool_usage_error ("case", "examples", _("Unexpected argument “%s”."), argv[1]);

  paths = rd_example_list_bundled ();
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdExample) example = rd_example_load (paths[i], &error);

      /* Only examples that load: a script may make a case of any line. */
      if (example == NULL)
        {
          rd_tool_print (stderr, "%s\n", error->message);
          continue;
        }
      rd_tool_print (stdout, "%s\n", paths[i]);
      n_listed++;
    }
  if (n_listed == 0)
    {
      g_autofree char *dir = rd_example_get_bundled_dir ();
      rd_tool_print (stderr, _("No example cases in %s.\n"), dir);
      return RD_TOOL_EXIT_FAILURE;
    }
  return RD_TOOL_EXIT_OK;
}

/* ---- case new --from ---------------------------------------------------- */

static int
case_new_from_example (const char *from,
                       const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdExample) example = NULL;

  if (!rd_example_instantiate (from, out, &error) ||
      (example = rd_example_load (from, &error)) == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  rd_tool_print (stdout, ngettext ("Created %s from the example “%s”: the request and %u record.\n",
                                   "Created %s from the example “%s”: the request and %u records.\n",
                                   rd_example_get_n_records (example)),
                         out, rd_example_get_title (example), rd_example_get_n_records (example));
  return RD_TOOL_EXIT_OK;
}

/* `case new --from EXAMPLE.xml OUT` or `case new --request REQUEST.json OUT`. */
int
rd_tool_case_new (int    argc,
                  char **argv)
{
  RdToolOptions options = { NULL, RD_ROLE_NURSE_REVIEWER, NULL };
  const char *from = NULL;
  const char *request = NULL;
  const char *pas = NULL;
  const char *out = NULL;

  for (int i = 1; i < argc; i++)
    {
      int common = rd_tool_common_option ("new", argc, argv, &i, &options);

      if (common < 0)
        return RD_TOOL_EXIT_USAGE;
      if (common > 0)
        continue;
      if (g_str_equal (argv[i], "--from") && i + 1 < argc)
        from = argv[++i];
      else if (g_str_equal (argv[i], "--request") && i + 1 < argc)
        request = argv[++i];
      else if (g_str_equal (argv[i], "--pas") && i + 1 < argc)
        pas = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || out != NULL)
        return rd_tool_usage_error ("case", "new", _("Unexpected argument “%s”."), argv[i]);
      else
        out = argv[i];
    }
  if ((from != NULL) + (request != NULL) + (pas != NULL) != 1 || out == NULL)
    return rd_tool_usage_error ("case", "new", "%s",
                                _("“case new” needs one of --from EXAMPLE.xml, --request REQUEST.json or"
                                  " --pas BUNDLE.json, and the case file to create."));
  if (pas != NULL)
    return rd_tool_case_new_from_pas (pas, out, options.policy_dir,
                                      options.who ? options.who : rd_tool_default_actor (), options.role);
  if (request != NULL)
    return rd_tool_case_new_from_request (request, out, options.policy_dir,
                                          options.who ? options.who : rd_tool_default_actor (), options.role);
  return case_new_from_example (from, out);
}

/* ---- case evaluate ------------------------------------------------------ */

typedef struct {
  gboolean   json;
  gboolean   reference;
  const char *policy_dir;
  const char *path;
} EvaluateOptions;

/* The criterion scores and condition answers a reviewer stored for a policy. */
static GHashTable *
scores_from_case (RdCaseFile  *cf,
                  const char  *policy_id,
                  GError     **error)
{
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) criteria = rd_case_file_list_scores (cf, policy_id, error);
  g_autoptr(GPtrArray) conditions = NULL;

  if (criteria == NULL)
    return NULL;
  conditions = rd_case_file_list_conditions (cf, policy_id, error);
  if (conditions == NULL)
    return NULL;
  for (guint i = 0; i < criteria->len; i++)
    {
      const RdCaseScore *score = criteria->pdata[i];
      g_hash_table_insert (scores, g_strdup (score->target_id), GINT_TO_POINTER (score->score));
    }
  for (guint i = 0; i < conditions->len; i++)
    {
      const RdCaseScore *answer = conditions->pdata[i];
      g_hash_table_insert (scores, g_strdup (answer->target_id), GINT_TO_POINTER (answer->score));
    }
  return g_steal_pointer (&scores);
}

static const char *
result_name (RdTruth truth)
{
  switch (truth)
    {
    case RD_TRUTH_TRUE: return "met";
    case RD_TRUTH_FALSE: return "not-met";
    default: return "pend";
    }
}

/* What the key expects: the outcome id, "pend", or "not-governed". */
static const char *
expected_outcome (const RdExampleKey *key)
{
  if (key == NULL)
    return NULL;
  return key->governs ? key->outcome : "not-governed";
}

static const char *
actual_outcome (const RdVerdict *verdict)
{
  return verdict->governs ? verdict->outcome_id : "not-governed";
}

static void
print_ids (const char *label,
           RdPolicy   *policy,
           GPtrArray  *ids,
           gboolean    documentation)
{
  rd_tool_print (stdout, "  %s\n", label);
  if (ids->len == 0)
    rd_tool_print (stdout, "    %s\n", _("none"));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      const char *text = NULL;

      if (documentation)
        {
          const RdDocItem *item = rd_policy_find_doc_item (policy, id);
          text = item ? item->text : NULL;
        }
      else
        {
          const RdNode *node = rd_policy_find_node (policy, id);
          text = node ? node->text : NULL;
        }
      rd_tool_print (stdout, "    %s — %s\n", id, text ? text : "");
    }
}

static void
print_verdict (const RdVerdict    *verdict,
               const RdExampleKey *key)
{
  RdPolicy *policy = verdict->policy;
  const char *expected = expected_outcome (key);

  rd_tool_print (stdout, "\n%s %s — %s (%s)\n", rd_policy_get_payer (policy), rd_policy_get_number (policy),
                         rd_policy_get_title (policy), rd_policy_get_id (policy));
  if (!verdict->governs)
    {
      rd_tool_print (stdout, "  %s\n", _("Does not govern this request."));
      for (guint i = 0; i < verdict->match->reasons->len; i++)
        rd_tool_print (stdout, "    %s\n", (const char *) verdict->match->reasons->pdata[i]);
    }
  else
    {
      rd_tool_print (stdout, "  %-16s %s [%s]\n", _("Outcome:"), verdict->label, verdict->outcome_id);
      for (guint i = 0; i < verdict->evaluations->len; i++)
        {
          const RdEvaluation *eval = verdict->evaluations->pdata[i];
          rd_tool_print (stdout, "  %-16s %s — %s\n", _("Indication:"), eval->indication->title, result_name (eval->result));
        }
      print_ids (_("Decisive criteria:"), policy, verdict->decisive, FALSE);
      print_ids (_("Missing documentation:"), policy, verdict->missing_documentation, TRUE);
      if (verdict->nurse_may_approve)
        rd_tool_print (stdout, "  %s\n", _("A nurse reviewer may approve."));
      else
        {
          rd_tool_print (stdout, "  %-16s %s\n", _("Route:"), rd_route_to_label (verdict->route));
          for (guint i = 0; i < verdict->md_reasons->len; i++)
            rd_tool_print (stdout, "    %s\n", (const char *) verdict->md_reasons->pdata[i]);
        }
      for (guint i = 0, shown = 0; i < verdict->notes->len; i++)
        {
          const RdNote *note = g_ptr_array_index (verdict->notes, i);
          if (note->kind == RD_NOTE_REVIEWER || note->kind == RD_NOTE_CASE_BY_CASE)
            rd_tool_print (stdout, "  %-16s %s\n", shown++ == 0 ? _("Policy notes:") : "", note->text);
        }
    }
  if (expected != NULL)
    rd_tool_print (stdout, "  %-16s %s — %s\n", _("Reference:"), expected,
                           g_strcmp0 (expected, actual_outcome (verdict)) == 0 ? _("matches") : _("DIFFERS"));
}

static void
json_indications (JsonBuilder     *out,
                  const RdVerdict *verdict)
{
  json_builder_set_member_name (out, "indications");
  json_builder_begin_array (out);
  for (guint i = 0; i < verdict->evaluations->len; i++)
    {
      const RdEvaluation *eval = verdict->evaluations->pdata[i];
      json_builder_begin_object (out);
      rd_tool_json_string (out, "id", eval->indication->id);
      rd_tool_json_string (out, "result", result_name (eval->result));
      json_builder_end_object (out);
    }
  json_builder_end_array (out);
}

/* One policy's verdict in `case evaluate --json`: one line per member, so a
 * member is added with one line. */
static void
json_referrals (JsonBuilder     *out,
                const RdVerdict *verdict)
{
  json_builder_set_member_name (out, "referrals");
  json_builder_begin_array (out);
  for (guint i = 0; i < verdict->referrals->len; i++)
    {
      const RdCondition *c = g_ptr_array_index (verdict->referrals, i);

      json_builder_begin_object (out);
      rd_tool_json_string (out, "id", c->id);
      rd_tool_json_string (out, "question", c->question);
      rd_tool_json_string (out, "policy_words", c->cite.text);
      json_builder_end_object (out);
    }
  json_builder_end_array (out);
}

static void
json_notes (JsonBuilder     *out,
            const RdVerdict *verdict)
{
  json_builder_set_member_name (out, "notes");
  json_builder_begin_array (out);
  for (guint i = 0; i < verdict->notes->len; i++)
    {
      const RdNote *note = g_ptr_array_index (verdict->notes, i);

      json_builder_begin_object (out);
      rd_tool_json_string (out, "id", note->id);
      rd_tool_json_string (out, "kind", rd_note_kind_to_string (note->kind));
      rd_tool_json_string (out, "text", note->text);
      json_builder_end_object (out);
    }
  json_builder_end_array (out);
}

static void
json_verdict (JsonBuilder        *out,
              const RdVerdict    *verdict,
              const RdExampleKey *key)
{
  RdPolicy *policy = verdict->policy;
  const char *expected = expected_outcome (key);

  json_builder_begin_object (out);
  rd_tool_json_string (out, "policy", rd_policy_get_id (policy));
  rd_tool_json_string (out, "payer", rd_policy_get_payer (policy));
  rd_tool_json_string (out, "number", rd_policy_get_number (policy));
  rd_tool_json_string (out, "title", rd_policy_get_title (policy));
  rd_tool_json_boolean (out, "governs", verdict->governs);
  rd_tool_json_string (out, "outcome", verdict->outcome_id);
  rd_tool_json_string (out, "label", verdict->label);
  rd_tool_json_boolean (out, "adverse", verdict->outcome != NULL && verdict->outcome->adverse);
  json_indications (out, verdict);
  rd_tool_json_strings (out, "decisive_criteria", verdict->decisive);
  rd_tool_json_strings (out, "missing_documentation", verdict->missing_documentation);
  rd_tool_json_boolean (out, "nurse_may_approve", verdict->nurse_may_approve);
  rd_tool_json_string (out, "route", rd_route_to_string (verdict->route));
  rd_tool_json_strings (out, "deciding", verdict->deciding_ids);
  json_referrals (out, verdict);
  rd_tool_json_string (out, "request_type_handling",
                       verdict->match->rule ? rd_request_handling_to_string (verdict->match->rule->handling) : NULL);
  rd_tool_json_strings (out, "medical_director_reasons", verdict->md_reasons);
  json_notes (out, verdict);
  rd_tool_json_strings (out, "applicability", verdict->match->reasons);
  if (expected != NULL)
    {
      rd_tool_json_string (out, "reference_outcome", expected);
      rd_tool_json_boolean (out, "matches_reference", g_strcmp0 (expected, actual_outcome (verdict)) == 0);
    }
  json_builder_end_object (out);
}

static int
parse_evaluate (int              argc,
                char           **argv,
                EvaluateOptions *options)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        options->json = TRUE;
      else if (g_str_equal (argv[i], "--reference"))
        options->reference = TRUE;
      else if (g_str_equal (argv[i], "--policy-dir") && i + 1 < argc)
        options->policy_dir = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || options->path != NULL)
        return rd_tool_usage_error ("case", "evaluate", _("Unexpected argument “%s”."), argv[i]);
      else
        options->path = argv[i];
    }
  if (options->path == NULL)
    return rd_tool_usage_error ("case", "evaluate", "%s", _("“case evaluate” needs a case FILE."));
  return RD_TOOL_EXIT_OK;
}

/* With --reference: the example the case was made from, for its key. */
static RdExample *
load_reference (RdCaseFile  *cf,
                GError     **error)
{
  g_autofree char *example_id = rd_example_identify_case (cf, error);
  g_autofree char *example_path = NULL;

  if (example_id == NULL)
    return NULL;
  example_path = rd_example_find_bundled (example_id, error);
  if (example_path == NULL)
    return NULL;
  return rd_example_load (example_path, error);
}

int
rd_tool_case_evaluate (int    argc,
                       char **argv)
{
  EvaluateOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(RdExample) example = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  gboolean all_match = TRUE;
  int status = parse_evaluate (argc, argv, &options);

  if (status != RD_TOOL_EXIT_OK)
    return status;

  if ((cf = rd_case_file_open (options.path, RD_CASE_FILE_OPEN_READ_ONLY, &error)) == NULL ||
      (request = rd_case_file_get_request (cf, &error)) == NULL ||
      (policies = rd_tool_load_policies (options.policy_dir, &error)) == NULL ||
      (options.reference && (example = load_reference (cf, &error)) == NULL))
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }

  if (options.json)
    {
      json_builder_begin_object (json);
      rd_tool_json_string (json, "case", options.path);
      rd_tool_json_string (json, "scores", options.reference ? "reference" : "case");
      rd_tool_json_string (json, "example", example ? rd_example_get_id (example) : NULL);
      json_builder_set_member_name (json, "policies");
      json_builder_begin_array (json);
    }
  else
    {
      rd_tool_print (stdout, _("Case %s\n"), options.path);
      if (example != NULL)
        rd_tool_print (stdout, _("Scored with the reference key of the example “%s”.\n"), rd_example_get_title (example));
    }

  for (guint p = 0; p < policies->len; p++)
    {
      RdPolicy *policy = policies->pdata[p];
      const RdExampleKey *key = example ? rd_example_get_key (example, rd_policy_get_id (policy)) : NULL;
      g_autoptr(GHashTable) scores = key ? rd_example_key_get_scores (key)
                                         : scores_from_case (cf, rd_policy_get_id (policy), &error);
      g_autoptr(RdVerdict) verdict = NULL;

      if (scores == NULL && error != NULL)
        {
          rd_tool_print (stderr, "%s\n", error->message);
          return RD_TOOL_EXIT_FAILURE;
        }
      verdict = rd_verdict_new (policy, request, scores);
      if (key != NULL && g_strcmp0 (expected_outcome (key), actual_outcome (verdict)) != 0)
        all_match = FALSE;
      if (options.json)
        json_verdict (json, verdict, key);
      else
        print_verdict (verdict, key);
    }

  if (options.json)
    {
      json_builder_end_array (json);
      json_builder_end_object (json);
      rd_tool_json_print (json);
    }
  return all_match ? RD_TOOL_EXIT_OK : RD_TOOL_EXIT_FAILURE;
}

/* ---- case grade --------------------------------------------------------- */

static const char *
grade_kind_label (RdGradeItemKind kind)
{
  switch (kind)
    {
    case RD_GRADE_ITEM_INDICATIONS:
    case RD_GRADE_ITEM_CONDITION: return _("Condition");
    case RD_GRADE_ITEM_CRITERION: return _("Criterion");
    case RD_GRADE_ITEM_DOCUMENTATION: return _("Documentation");
    default: g_return_val_if_reached (NULL);
    }
}

static void
print_grade_policy (const RdGradePolicy *gp)
{
  RdPolicy *policy = gp->policy;

  rd_tool_print (stdout, "\n%s %s — %s (%s)\n", rd_policy_get_payer (policy), rd_policy_get_number (policy),
                         rd_policy_get_title (policy), rd_policy_get_id (policy));
  if (!gp->governs)
    rd_tool_print (stdout, "  %s\n", _("Does not govern this request: nothing to score."));
  else
    {
      rd_tool_print (stdout, "  ");
      rd_tool_print (stdout, ngettext ("%u of %u answer agrees with the reference.\n",
                                       "%u of %u answers agree with the reference.\n", gp->n_total),
                             gp->n_agree, gp->n_total);
    }
  for (guint i = 0; i < gp->items->len; i++)
    {
      const RdGradeItem *item = gp->items->pdata[i];

      if (item->agrees)
        continue;
      if (item->kind == RD_GRADE_ITEM_INDICATIONS)
        rd_tool_print (stdout, "\n  %s\n", item->text);
      else
        rd_tool_print (stdout, "\n  %s: %s\n", grade_kind_label (item->kind), item->text);
      /* TRANSLATORS: the reference key's answer, then the trainee's */
      rd_tool_print (stdout, _("    Reference: %s — given: %s\n"), item->expected_label, item->given_label);
      if (item->teaching != NULL)
        rd_tool_print (stdout, _("    Teaching note: %s\n"), item->teaching);
    }
  rd_tool_print (stdout, "\n  %-16s %s\n", _("Reference outcome:"), gp->expected_outcome_label);
  rd_tool_print (stdout, "  %-16s %s — %s\n", _("Your scores reach:"), gp->given_outcome_label,
                         gp->outcome_agrees ? _("agrees") : _("DIFFERS"));
  if (!gp->outcome_agrees && gp->note != NULL)
    rd_tool_print (stdout, _("    Teaching note: %s\n"), gp->note);
}

static void
json_grade_item (JsonBuilder       *out,
                 const RdGradeItem *item)
{
  json_builder_begin_object (out);
  rd_tool_json_string (out, "kind", rd_grade_item_kind_to_string (item->kind));
  rd_tool_json_string (out, "id", item->id);
  rd_tool_json_string (out, "text", item->text);
  rd_tool_json_string (out, "expected", item->expected);
  rd_tool_json_string (out, "given", item->given);
  rd_tool_json_boolean (out, "agrees", item->agrees);
  rd_tool_json_string (out, "teaching", item->teaching);
  json_builder_end_object (out);
}

static void
json_grade_policy (JsonBuilder         *out,
                   const RdGradePolicy *gp)
{
  json_builder_begin_object (out);
  rd_tool_json_string (out, "policy", rd_policy_get_id (gp->policy));
  rd_tool_json_boolean (out, "governs", gp->governs);
  rd_tool_json_uint (out, "agree", gp->n_agree);
  rd_tool_json_uint (out, "total", gp->n_total);
  rd_tool_json_string (out, "expected_outcome", gp->expected_outcome);
  rd_tool_json_string (out, "given_outcome", gp->given_outcome);
  rd_tool_json_boolean (out, "outcome_agrees", gp->outcome_agrees);
  rd_tool_json_string (out, "note", gp->note);
  json_builder_set_member_name (out, "items");
  json_builder_begin_array (out);
  for (guint i = 0; i < gp->items->len; i++)
    json_grade_item (out, gp->items->pdata[i]);
  json_builder_end_array (out);
  json_builder_end_object (out);
}

static void
json_grade (const char           *path,
            const RdExampleGrade *grade)
{
  g_autoptr(JsonBuilder) out = json_builder_new ();

  json_builder_begin_object (out);
  rd_tool_json_string (out, "case", path);
  rd_tool_json_string (out, "example", grade->example_id);
  rd_tool_json_uint (out, "agree", grade->n_agree);
  rd_tool_json_uint (out, "total", grade->n_total);
  rd_tool_json_uint (out, "outcomes_agree", grade->n_outcomes_agree);
  rd_tool_json_uint (out, "outcomes", grade->n_outcomes);
  json_builder_set_member_name (out, "policies");
  json_builder_begin_array (out);
  for (guint p = 0; p < grade->policies->len; p++)
    json_grade_policy (out, grade->policies->pdata[p]);
  json_builder_end_array (out);
  json_builder_end_object (out);
  rd_tool_json_print (out);
}

static void
print_grade (const char           *path,
             const RdExampleGrade *grade)
{
  rd_tool_print (stdout, _("Case %s\n"), path);
  rd_tool_print (stdout, _("Compared with the reference key of the example “%s”.\n"), grade->example_title);
  for (guint p = 0; p < grade->policies->len; p++)
    print_grade_policy (grade->policies->pdata[p]);
  rd_tool_print (stdout, "\n");
  rd_tool_print (stdout, ngettext ("Overall: %u of %u answer agrees with the reference; ",
                                   "Overall: %u of %u answers agree with the reference; ", grade->n_total),
                         grade->n_agree, grade->n_total);
  rd_tool_print (stdout, ngettext ("%u of %u outcome agrees.\n", "%u of %u outcomes agree.\n", grade->n_outcomes),
                         grade->n_outcomes_agree, grade->n_outcomes);
}

/**
 * rd_tool_case_grade:
 *
 * `case grade FILE [--json] [--policy-dir DIR]`: the trainee's answers against
 * the reference key of the example the case was made from. Exit 0 when the
 * case could be graded, whatever the answers; 1 when it cannot (not made from
 * a bundled example, unreadable); 2 for a wrong command line.
 */
int
rd_tool_case_grade (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(RdExampleGrade) grade = NULL;
  const char *policy_dir = NULL;
  const char *path = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--policy-dir") && i + 1 < argc)
        policy_dir = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || path != NULL)
        return rd_tool_usage_error ("case", "grade", _("Unexpected argument “%s”."), argv[i]);
      else
        path = argv[i];
    }
  if (path == NULL)
    return rd_tool_usage_error ("case", "grade", "%s", _("“case grade” needs a case FILE."));

  if ((cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error)) == NULL ||
      (policies = rd_tool_load_policies (policy_dir, &error)) == NULL ||
      (grade = rd_example_grade_case (cf, policies, &error)) == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  if (json)
    json_grade (path, grade);
  else
    print_grade (path, grade);
  return RD_TOOL_EXIT_OK;
}
