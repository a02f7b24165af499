/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool case examples | new --from | evaluate */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-case-file.h"
#include "rd-example.h"
#include "rd-tool.h"
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
          fprintf (stderr, "%s\n", error->message);
          continue;
        }
      printf ("%s\n", paths[i]);
      n_listed++;
    }
  if (n_listed == 0)
    {
      g_autofree char *dir = rd_example_get_bundled_dir ();
      fprintf (stderr, _("No example cases in %s.\n"), dir);
      return RD_TOOL_EXIT_FAILURE;
    }
  return RD_TOOL_EXIT_OK;
}

/* ---- case new --from ---------------------------------------------------- */

int
rd_tool_case_new (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdExample) example = NULL;
  const char *from = NULL;
  const char *out = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--from") && i + 1 < argc)
        from = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || out != NULL)
        return rd_tool_usage_error ("case", "new", _("Unexpected argument “%s”."), argv[i]);
      else
        out = argv[i];
    }
  if (from == NULL || out == NULL)
    return rd_tool_usage_error ("case", "new", "%s",
                                _("“case new” needs --from EXAMPLE.xml and the case file to create."));

  if (!rd_example_instantiate (from, out, &error) ||
      (example = rd_example_load (from, &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  printf (ngettext ("Created %s from the example “%s”: the request and %u record.\n",
                    "Created %s from the example “%s”: the request and %u records.\n",
                    rd_example_get_n_records (example)),
          out, rd_example_get_title (example), rd_example_get_n_records (example));
  return RD_TOOL_EXIT_OK;
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
  printf ("  %s\n", label);
  if (ids->len == 0)
    printf ("    %s\n", _("none"));
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
      printf ("    %s — %s\n", id, text ? text : "");
    }
}

static void
print_verdict (const RdVerdict    *verdict,
               const RdExampleKey *key)
{
  RdPolicy *policy = verdict->policy;
  const char *expected = expected_outcome (key);

  printf ("\n%s %s — %s (%s)\n", rd_policy_get_payer (policy), rd_policy_get_number (policy),
          rd_policy_get_title (policy), rd_policy_get_id (policy));
  if (!verdict->governs)
    {
      printf ("  %s\n", _("Does not govern this request."));
      for (guint i = 0; i < verdict->match->reasons->len; i++)
        printf ("    %s\n", (const char *) verdict->match->reasons->pdata[i]);
    }
  else
    {
      printf ("  %-16s %s [%s]\n", _("Outcome:"), verdict->label, verdict->outcome_id);
      for (guint i = 0; i < verdict->evaluations->len; i++)
        {
          const RdEvaluation *eval = verdict->evaluations->pdata[i];
          printf ("  %-16s %s — %s\n", _("Indication:"), eval->indication->title, result_name (eval->result));
        }
      print_ids (_("Decisive criteria:"), policy, verdict->decisive, FALSE);
      print_ids (_("Missing documentation:"), policy, verdict->missing_documentation, TRUE);
      if (verdict->nurse_may_approve)
        printf ("  %s\n", _("A nurse reviewer may approve."));
      else
        {
          printf ("  %s\n", _("Route to a medical director:"));
          for (guint i = 0; i < verdict->md_reasons->len; i++)
            printf ("    %s\n", (const char *) verdict->md_reasons->pdata[i]);
        }
    }
  if (expected != NULL)
    printf ("  %-16s %s — %s\n", _("Reference:"), expected,
            g_strcmp0 (expected, actual_outcome (verdict)) == 0 ? _("matches") : _("DIFFERS"));
}

static void
json_string (GString    *out,
             const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_member (GString    *out,
             const char *name,
             const char *value)
{
  json_string (out, name);
  g_string_append_c (out, ':');
  json_string (out, value);
}

static void
json_strings (GString    *out,
              const char *name,
              GPtrArray  *values)
{
  json_string (out, name);
  g_string_append (out, ":[");
  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_string (out, values->pdata[i]);
    }
  g_string_append_c (out, ']');
}

static void
json_verdict (GString            *out,
              const RdVerdict    *verdict,
              const RdExampleKey *key)
{
  RdPolicy *policy = verdict->policy;
  const char *expected = expected_outcome (key);

  g_string_append_c (out, '{');
  json_member (out, "policy", rd_policy_get_id (policy));
  g_string_append_c (out, ',');
  json_member (out, "payer", rd_policy_get_payer (policy));
  g_string_append_c (out, ',');
  json_member (out, "number", rd_policy_get_number (policy));
  g_string_append_c (out, ',');
  json_member (out, "title", rd_policy_get_title (policy));
  g_string_append_printf (out, ",\"governs\":%s,", verdict->governs ? "true" : "false");
  json_member (out, "outcome", verdict->outcome_id);
  g_string_append_c (out, ',');
  json_member (out, "label", verdict->label);
  g_string_append_printf (out, ",\"adverse\":%s,\"indications\":[",
                          verdict->outcome != NULL && verdict->outcome->adverse ? "true" : "false");
  for (guint i = 0; i < verdict->evaluations->len; i++)
    {
      const RdEvaluation *eval = verdict->evaluations->pdata[i];
      g_string_append (out, i > 0 ? ",{" : "{");
      json_member (out, "id", eval->indication->id);
      g_string_append_c (out, ',');
      json_member (out, "result", result_name (eval->result));
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],");
  json_strings (out, "decisive_criteria", verdict->decisive);
  g_string_append_c (out, ',');
  json_strings (out, "missing_documentation", verdict->missing_documentation);
  g_string_append_printf (out, ",\"nurse_may_approve\":%s,", verdict->nurse_may_approve ? "true" : "false");
  json_member (out, "route", verdict->nurse_may_approve ? "nurse-may-approve" : "medical-director");
  g_string_append_c (out, ',');
  json_strings (out, "medical_director_reasons", verdict->md_reasons);
  g_string_append_c (out, ',');
  json_strings (out, "applicability", verdict->match->reasons);
  if (expected != NULL)
    {
      g_string_append_c (out, ',');
      json_member (out, "reference_outcome", expected);
      g_string_append_printf (out, ",\"matches_reference\":%s",
                              g_strcmp0 (expected, actual_outcome (verdict)) == 0 ? "true" : "false");
    }
  g_string_append_c (out, '}');
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
  g_autoptr(GString) json = g_string_new (NULL);
  gboolean all_match = TRUE;
  int status = parse_evaluate (argc, argv, &options);

  if (status != RD_TOOL_EXIT_OK)
    return status;

  if ((cf = rd_case_file_open (options.path, RD_CASE_FILE_OPEN_READ_ONLY, &error)) == NULL ||
      (request = rd_case_file_get_request (cf, &error)) == NULL ||
      (policies = rd_policy_load_directory (options.policy_dir, &error)) == NULL ||
      (options.reference && (example = load_reference (cf, &error)) == NULL))
    {
      fprintf (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }

  if (options.json)
    {
      g_string_append (json, "{");
      json_member (json, "case", options.path);
      g_string_append (json, ",");
      json_member (json, "scores", options.reference ? "reference" : "case");
      g_string_append (json, ",");
      json_member (json, "example", example ? rd_example_get_id (example) : NULL);
      g_string_append (json, ",\"policies\":[");
    }
  else
    {
      printf (_("Case %s\n"), options.path);
      if (example != NULL)
        printf (_("Scored with the reference key of the example “%s”.\n"), rd_example_get_title (example));
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
          fprintf (stderr, "%s\n", error->message);
          return RD_TOOL_EXIT_FAILURE;
        }
      verdict = rd_verdict_new (policy, request, scores);
      if (key != NULL && g_strcmp0 (expected_outcome (key), actual_outcome (verdict)) != 0)
        all_match = FALSE;
      if (options.json)
        {
          if (p > 0)
            g_string_append_c (json, ',');
          json_verdict (json, verdict, key);
        }
      else
        print_verdict (verdict, key);
    }

  if (options.json)
    {
      g_string_append (json, "]}");
      printf ("%s\n", json->str);
    }
  return all_match ? RD_TOOL_EXIT_OK : RD_TOOL_EXIT_FAILURE;
}
