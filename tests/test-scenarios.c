/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clinical scenarios of tests/scenarios/ (see its README.md): each
 * request with a reviewer's answers, decided by the engine under each
 * shipped policy and compared with the outcome, route and deciding ids the
 * policy text calls for. */
#include "config.h"

#include <string.h>

#include "rd-json.h"
#include "rd-policy-answers.h"
#include "rd-request-json.h"
#include "rd-verdict.h"

/* The shipped policies, loaded once for the whole run (they are immutable). */
static GPtrArray *shipped;

/* The measures the product is judged by, over every scenario and policy. */
static struct {
  guint verdicts;
  guint outcomes_right;
  guint unsafe_approvals;     /* a nurse could approve what a physician must decide */
  guint needless_referrals;   /* a physician is asked where a nurse may approve */
} tally;

static GPtrArray *
shipped_policies (void)
{
  if (shipped == NULL)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "policies", NULL);
      g_autoptr(GError) error = NULL;

      shipped = rd_policy_load_directory (dir, &error);
      g_assert_no_error (error);
      g_assert_nonnull (shipped);
    }
  return shipped;
}

static JsonObject *
load_scenario (const char  *path,
               JsonNode   **root)
{
  g_autoptr(GError) error = NULL;

  *root = rd_json_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

static char *
join_strings (GPtrArray *strings)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "; " : "", (const char *) strings->pdata[i]);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static gboolean
has_string (GPtrArray  *strings,
            const char *wanted)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (strings->pdata[i], wanted))
      return TRUE;
  return FALSE;
}

/* The answers for @policy_id, or an empty table when the scenario gives none. */
static GHashTable *
scenario_scores (JsonObject *scenario,
                 RdPolicy   *policy)
{
  const char *policy_id = rd_policy_get_id (policy);
  g_autofree char *path = g_strdup_printf ("$.answers.%s", policy_id);
  g_autoptr(RdPolicyAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *all;

  if (!json_object_has_member (scenario, "answers") ||
      !json_object_has_member ((all = json_object_get_object_member (scenario, "answers")), policy_id))
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  answers = rd_policy_answers_new_from_json (policy, json_object_get_member (all, policy_id), path, &error);
  g_assert_no_error (error);
  return rd_policy_answers_to_scores (answers);
}

/* What a reader needs to see why the engine decided as it did. */
static void
explain (const char      *scenario_id,
         const char      *policy_id,
         const RdVerdict *verdict)
{
  g_autofree char *md_reasons = join_strings (verdict->md_reasons);
  g_autofree char *match_reasons = join_strings (verdict->match ? verdict->match->reasons : NULL);
  g_autofree char *deciding = join_strings (verdict->deciding_ids);

  g_test_message ("%s under %s: %s (%s / %s); deciding: [%s]", scenario_id, policy_id,
                  verdict->label, verdict->outcome_id ? verdict->outcome_id : "(none)",
                  rd_route_to_string (verdict->route), deciding);
  g_test_message ("  medical director because: %s", md_reasons);
  g_test_message ("  applies because: %s", match_reasons);
}

static gboolean
check_expectation (const char      *scenario_id,
                   const char      *policy_id,
                   JsonObject      *expect,
                   const RdVerdict *verdict)
{
  const char *outcome = json_object_get_string_member (expect, "outcome");
  const char *route = json_object_get_string_member (expect, "route");
  const char *got_outcome = verdict->outcome_id ? verdict->outcome_id : "not-governed";
  const char *got_route = rd_route_to_string (verdict->route);
  JsonArray *deciding = json_object_get_array_member (expect, "deciding");
  gboolean ok = TRUE;

  tally.verdicts++;
  tally.outcomes_right += g_strcmp0 (outcome, got_outcome) == 0;
  tally.unsafe_approvals += g_str_equal (got_route, "nurse-may-approve") && g_strcmp0 (route, "nurse-may-approve") != 0;
  tally.needless_referrals += g_str_equal (got_route, "medical-director") && g_strcmp0 (route, "nurse-may-approve") == 0;

  if (g_strcmp0 (outcome, got_outcome) != 0 || g_strcmp0 (route, got_route) != 0)
    {
      g_test_message ("%s under %s: expected %s / %s, got %s / %s", scenario_id, policy_id,
                      outcome, route, got_outcome, got_route);
      ok = FALSE;
    }
  for (guint i = 0; i < json_array_get_length (deciding); i++)
    {
      const char *id = json_array_get_string_element (deciding, i);
      if (!has_string (verdict->deciding_ids, id))
        {
          g_test_message ("%s under %s: expected “%s” among the deciding ids", scenario_id, policy_id, id);
          ok = FALSE;
        }
    }
  return ok;
}

static void
test_scenario (gconstpointer data)
{
  const char *path = data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *scenario = load_scenario (path, &root);
  const char *scenario_id = json_object_get_string_member (scenario, "id");
  JsonObject *expect = json_object_get_object_member (scenario, "expect");
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  JsonObjectIter iter;
  const char *policy_id;
  JsonNode *node;

  request = rd_request_new_from_json (json_object_get_member (scenario, "request"), &error);
  g_assert_no_error (error);
  json_object_iter_init (&iter, expect);
  while (json_object_iter_next (&iter, &policy_id, &node))
    {
      RdPolicy *policy = rd_policy_find_in (shipped_policies (), policy_id);
      g_autoptr(GHashTable) scores = NULL;
      g_autoptr(RdVerdict) verdict = NULL;

      g_assert_nonnull (policy);
      scores = scenario_scores (scenario, policy);
      verdict = rd_verdict_new (policy, request, scores);
      if (!check_expectation (scenario_id, policy_id, json_node_get_object (node), verdict))
        {
          explain (scenario_id, policy_id, verdict);
          g_string_append_printf (failures, "%s%s", failures->len ? ", " : "", policy_id);
        }
    }
  if (failures->len > 0)
    g_test_fail_printf ("%s: the engine disagrees under %s", scenario_id, failures->str);
}

/* A sentence as the source prints it, without the PDF's bold markers and
 * with every run of white space one space. */
static char *
normalize (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '*' && p[1] == '*')
        {
          p++;
          continue;
        }
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
policy_sources_dir (void)
{
  const char *env = g_getenv ("REVIEWDESK_POLICY_SOURCES");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "policy-sources", NULL);
}

/* Each policy's source text, normalized, by policy id. */
static GHashTable *
load_sources (const char *dir)
{
  GHashTable *sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *policies = shipped_policies ();

  for (guint i = 0; i < policies->len; i++)
    {
      RdPolicy *policy = policies->pdata[i];
      g_autofree char *path = g_build_filename (dir, rd_policy_get_source_file (policy), NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      g_hash_table_insert (sources, g_strdup (rd_policy_get_id (policy)), normalize (text));
    }
  return sources;
}

static void
test_synthetic_and_sourced (gconstpointer data)
{
  GPtrArray *paths = (GPtrArray *) data;
  g_autofree char *dir = policy_sources_dir ();
  g_autoptr(GHashTable) sources = NULL;
  guint checked = 0;

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *scenario = load_scenario (paths->pdata[i], &root);

      if (!json_object_has_member (scenario, "synthetic") ||
          !json_object_get_boolean_member (scenario, "synthetic"))
        g_test_fail_printf ("%s: not marked \"synthetic\": true", (const char *) paths->pdata[i]);
    }

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip_printf ("the policy sources are not at %s: set REVIEWDESK_POLICY_SOURCES", dir);
      return;
    }
  sources = load_sources (dir);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *scenario = load_scenario (paths->pdata[i], &root);
      JsonObject *expect = json_object_get_object_member (scenario, "expect");
      JsonObjectIter iter;
      const char *policy_id;
      JsonNode *node;

      json_object_iter_init (&iter, expect);
      while (json_object_iter_next (&iter, &policy_id, &node))
        {
          const char *text = g_hash_table_lookup (sources, policy_id);
          const char *source = json_object_get_string_member (json_node_get_object (node), "source");
          g_autofree char *sentence = normalize (source);

          g_assert_nonnull (text);
          if (strstr (text, sentence) == NULL)
            g_test_fail_printf ("%s: the %s source sentence is not in the policy text: %s",
                                (const char *) paths->pdata[i], policy_id, source);
          checked++;
        }
    }
  g_test_message ("%u source sentences checked", checked);
}

static GPtrArray *
list_scenarios (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "scenarios", NULL);
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  folder = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  return paths;
}

/* g_ptr_array_sort hands pointers to the elements. */
static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_tally (void)
{
  g_test_message ("%u of %u outcomes right; %u nurse approvals a physician must decide; %u needless referrals",
                  tally.outcomes_right, tally.verdicts, tally.unsafe_approvals, tally.needless_referrals);
  g_assert_cmpuint (tally.unsafe_approvals, ==, 0);
  g_assert_cmpuint (tally.needless_referrals, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  paths = list_scenarios ();
  g_ptr_array_sort (paths, compare_paths);
  g_assert_cmpuint (paths->len, >, 0);

  g_test_add_data_func ("/scenarios/synthetic-and-sourced", paths, test_synthetic_and_sourced);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);
      g_autofree char *test_path = NULL;

      *strrchr (base, '.') = '\0';
      test_path = g_strdup_printf ("/scenarios/%s", base);
      g_test_add_data_func (test_path, paths->pdata[i], test_scenario);
    }
  /* last, after every scenario has been counted */
  g_test_add_func ("/scenarios/~tally", test_tally);
  status = g_test_run ();
  g_clear_pointer (&shipped, g_ptr_array_unref);
  return status;
}
