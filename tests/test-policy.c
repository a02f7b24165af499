/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy loader: both shipped policies load; hostile and malformed files
 * are refused with an error that names the file, the line and the element. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "policy-fixture.h"
#include "rd-policy.h"

/* Not a speed test (those are benchmarks): a bound far above what any
 * machine takes, even under the sanitizers, so that a refusal that hangs or
 * grows quadratically with its input fails. */
#define HANG_GUARD_USEC (15 * G_USEC_PER_SEC)

static char *
policy_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "policies", name, NULL);
}

static RdPolicy *
load_shipped (const char *name)
{
  g_autofree char *path = policy_path (name);
  g_autoptr(GError) error = NULL;
  RdPolicy *policy = rd_policy_new_from_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

static RdPolicy *
load_string (const char  *xml,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  return rd_policy_new_from_bytes (bytes, "test.xml", error);
}

/* TEST_POLICY_XML with @old (which must occur exactly once) replaced by @new. */
static char *
fixture_with (const char *old,
              const char *new)
{
  const char *at = strstr (TEST_POLICY_XML, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - TEST_POLICY_XML), TEST_POLICY_XML, new, at + strlen (old));
}

/* ---- the shipped policies ------------------------------------------- */

static void
test_shipped_policies_load (void)
{
  g_autoptr(RdPolicy) anthem = load_shipped ("anthem-cg-surg-79.xml");
  g_autoptr(RdPolicy) bsc = load_shipped ("bsc-7.01.41.xml");
  const RdCodeList *pcs;

  g_assert_cmpstr (rd_policy_get_id (anthem), ==, "anthem-cg-surg-79");
  g_assert_cmpstr (rd_policy_get_payer (anthem), ==, "Anthem (Elevance Health)");
  g_assert_cmpstr (rd_policy_get_number (bsc), ==, "7.01.41");
  g_assert_cmpstr (rd_policy_get_effective (bsc), ==, "2019-05-01");
  g_assert_cmpstr (rd_policy_get_source_file (bsc), ==, "000_870b9d3266084dad.txt");
  g_assert_cmpuint (strlen (rd_policy_get_hash (anthem)), ==, 64);
  g_assert_cmpstr (rd_policy_get_hash (anthem), !=, rd_policy_get_hash (bsc));
  g_assert_cmpuint (rd_policy_get_indications (anthem)->len, ==, 8);
  /* the model of scope and request types */
  g_assert_nonnull (rd_policy_get_scope (bsc));
  g_assert_cmpstr (rd_policy_get_scope (bsc)->purposes[0], ==, "pain");
  g_assert_null (rd_policy_get_scope (anthem)->purposes[0]);
  g_assert_cmpint (rd_policy_get_request_rule (anthem, RD_REQUEST_TYPE_TRIAL)->handling, ==, RD_REQUEST_HANDLING_NOT_GOVERNED);
  g_assert_cmpint (rd_policy_get_request_rule (bsc, RD_REQUEST_TYPE_REPLACEMENT)->handling, ==, RD_REQUEST_HANDLING_SILENT);
  g_assert_cmpint (rd_policy_get_request_rule (anthem, RD_REQUEST_TYPE_REPLACEMENT)->handling, ==, RD_REQUEST_HANDLING_OWN_RULES);
  g_assert_true (rd_policy_find_condition (anthem, "life-expectancy-3-months-or-less")->referral);
  g_assert_nonnull (rd_policy_find_condition (anthem, "life-expectancy-3-months-or-less")->threshold);
  g_assert_cmpuint (rd_policy_find_node (bsc, "pain-successful-trial")->request_types, ==, 1u << RD_REQUEST_TYPE_INITIAL);
  g_assert_cmpstr (rd_policy_find_node (bsc, "pain-policy-guidelines")->routes[0], ==, "intrathecal");
  g_assert_cmpint (((const RdCodeEntry *) g_ptr_array_index (rd_policy_find_code_list (anthem, "cpt-criteria")->entries, 1))->qualifier,
                   ==, RD_CODE_QUALIFIER_REPLACEMENT);
  g_assert_nonnull (rd_policy_find_indication (bsc, "severe-spasticity"));
  g_assert_true (rd_policy_find_outcome (bsc, "investigational")->adverse);
  g_assert_false (rd_policy_find_outcome (anthem, "medically-necessary")->adverse);

  /* the O→0 corrections: the corrected code is looked up, the misprint kept */
  pcs = rd_policy_find_code_list (bsc, "icd10pcs-mn-ie");
  g_assert_nonnull (rd_code_list_lookup (pcs, "0RHA03Z"));
  g_assert_cmpstr (rd_code_list_lookup (pcs, "0RHA03Z")->printed, ==, "ORHA03Z");
  g_assert_null (rd_code_list_lookup (pcs, "ORHA03Z"));
}

static void
test_fixture_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPolicy) policy = load_string (TEST_POLICY_XML, &error);
  const RdIndication *ind;
  const RdNode *c1, *c2;
  const RdDocItem *doc1;
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  g_assert_no_error (error);
  ind = rd_policy_find_indication (policy, "ind");
  g_assert_nonnull (ind);
  g_assert_true (ind->met == rd_policy_find_outcome (policy, "mn"));
  g_assert_true (rd_indication_governs (ind, RD_REQUEST_TYPE_INITIAL));
  g_assert_false (rd_indication_governs (ind, RD_REQUEST_TYPE_TRIAL));
  g_assert_cmpstr (ind->drugs[0], ==, "baclofen");
  g_assert_cmpstr (ind->diagnoses[0], ==, "dx");
  g_assert_cmpint (ind->root->kind, ==, RD_NODE_AT_LEAST);
  g_assert_cmpuint (ind->root->n, ==, 2);

  criteria = rd_policy_get_criteria (policy, ind);
  g_assert_cmpuint (criteria->len, ==, 3);
  c1 = rd_policy_find_node (policy, "c1");
  c2 = rd_policy_find_node (policy, "c2");
  g_assert_true (g_ptr_array_index (criteria, 0) == c1);
  g_assert_true (c1->threshold == rd_policy_find_threshold (policy, "trial"));
  g_assert_true (c1->parent == ind->root);
  g_assert_true (c1->indication == ind);
  g_assert_cmpint (c1->line, ==, 19);
  g_assert_cmpint (c1->cite.line, ==, 19);
  g_assert_cmpstr (c1->cite.section, ==, "S");
  g_assert_cmpstr (c2->when, ==, "tbi");
  g_assert_true (rd_policy_find_node (policy, "c3")->judgement);
  g_assert_cmpint (rd_policy_find_threshold (policy, "trial")->comparison, ==, RD_COMPARISON_GT);

  notes = rd_policy_get_notes_for (policy, "c1");
  g_assert_cmpuint (notes->len, ==, 1);
  docs = rd_policy_get_doc_items_for (policy, ind);
  g_assert_cmpuint (docs->len, ==, 2);
  doc1 = rd_policy_find_doc_item (policy, "doc1");
  g_assert_cmpuint (doc1->children->len, ==, 1);
  g_assert_true (((const RdDocItem *) g_ptr_array_index (doc1->children, 0))->parent == doc1);
  g_assert_cmpint (rd_policy_find_doc_item (policy, "doc2")->phase, ==, RD_DOC_POST_SERVICE);
  g_assert_true (rd_policy_find_code_list (policy, "dx")->outcome == rd_policy_find_outcome (policy, "nmn"));
  g_assert_null (rd_policy_find_code_list (policy, "cpt")->outcome);
}

static void
test_hash_pins_content (void)
{
  g_autofree char *changed = fixture_with ("<title>Test</title>", "<title>Test.</title>");
  g_autoptr(RdPolicy) a = load_string (TEST_POLICY_XML, NULL);
  g_autoptr(RdPolicy) b = load_string (TEST_POLICY_XML, NULL);
  g_autoptr(RdPolicy) c = load_string (changed, NULL);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEST_POLICY_XML, -1);

  g_assert_cmpstr (rd_policy_get_hash (a), ==, expected);
  g_assert_cmpstr (rd_policy_get_hash (a), ==, rd_policy_get_hash (b));
  g_assert_cmpstr (rd_policy_get_hash (a), !=, rd_policy_get_hash (c));
}

/* ---- refused files ---------------------------------------------------- */

/* Checks the error's code and that its message starts "test.xml:LINE:" and
 * names @element. */
static void
assert_refused (const char    *xml,
                RdPolicyError  code,
                int            line,
                const char    *element)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPolicy) policy = load_string (xml, &error);
  g_autofree char *prefix = line ? g_strdup_printf ("test.xml:%d:", line) : g_strdup ("test.xml:");

  g_assert_null (policy);
  g_assert_error (error, RD_POLICY_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  if (element != NULL)
    g_assert_nonnull (strstr (error->message, element));
}

static void
assert_mutation_refused (const char    *old,
                         const char    *new,
                         RdPolicyError  code,
                         int            line,
                         const char    *element)
{
  g_autofree char *xml = fixture_with (old, new);
  assert_refused (xml, code, line, element);
}

static void
test_xxe_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPolicy) policy = NULL;
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE policy [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
    "<policy id=\"x\" format=\"1\">&x;</policy>\n";

  assert_refused (xml, RD_POLICY_ERROR_FORBIDDEN, 2, "<!DOCTYPE>");
  policy = load_string (xml, &error);
  g_assert_null (strstr (error->message, "root:"));
}

static void
test_external_dtd_refused (void)
{
  assert_refused ("<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE policy SYSTEM \"http://127.0.0.1:9/policy.dtd\">\n"
                  "<policy id=\"x\" format=\"1\"/>\n",
                  RD_POLICY_ERROR_FORBIDDEN, 2, "DOCTYPE");
}

static void
test_plain_doctype_refused (void)
{
  g_autofree char *xml = fixture_with ("<policy id", "<!DOCTYPE policy>\n<policy id");
  assert_refused (xml, RD_POLICY_ERROR_FORBIDDEN, 2, "remove it");
}

static void
test_billion_laughs_refused (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE policy [\n <!ENTITY l0 \"lol\">\n");
  gint64 start = g_get_monotonic_time ();

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (xml, " <!ENTITY l%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (xml, "&l%d;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<policy id=\"x\" format=\"1\">&l9;</policy>\n");
  assert_refused (xml->str, RD_POLICY_ERROR_FORBIDDEN, 2, "DOCTYPE");
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_GUARD_USEC);
  g_string_free (xml, TRUE);
}

static void
test_quadratic_blowup_refused (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE policy [<!ENTITY a \"");
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < 50000; i++)
    g_string_append_c (xml, 'a');
  g_string_append (xml, "\">]>\n<policy id=\"x\" format=\"1\">");
  for (int i = 0; i < 50000; i++)
    g_string_append (xml, "&a;");
  g_string_append (xml, "</policy>\n");
  assert_refused (xml->str, RD_POLICY_ERROR_FORBIDDEN, 2, "DOCTYPE");
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_GUARD_USEC);
  g_string_free (xml, TRUE);
}

static void
test_undeclared_entity_refused (void)
{
  assert_mutation_refused ("<title>Test</title>", "<title>&x;</title>", RD_POLICY_ERROR_PARSE, 3, "not well-formed");
}

/* Hostile shapes that made libxml2 (duplicate-attribute check) and RELAX NG
 * work quadratically: 100,000 attributes on one element took 17–55 s to
 * refuse. Each is refused by the limits before parsing, well under a second
 * (two under the sanitizers). */
static void
check_refused_fast (GString    *xml,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPolicy) policy = NULL;
  gint64 start = g_get_monotonic_time ();

  policy = load_string (xml->str, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_GUARD_USEC);
  g_assert_null (policy);
  g_assert_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "test.xml"));
  g_assert_nonnull (strstr (error->message, expected));
  g_string_free (xml, TRUE);
}

/* @head, then @unit @n times, then @tail */
static GString *
repeated (const char *head,
          const char *unit,
          guint       n,
          const char *tail)
{
  GString *xml = g_string_new (head);

  for (guint i = 0; i < n; i++)
    g_string_append (xml, unit);
  return g_string_append (xml, tail);
}

static void
test_limits_refused (void)
{
  GString *xml = g_string_new ("<policy ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (xml, "a%u='1' ", i);
  g_string_append (xml, "/>");
  check_refused_fast (xml, "64 attributes");
  check_refused_fast (repeated ("<policy>", "<a/>", 300000, "</policy>"), "20000 elements");
  check_refused_fast (repeated ("<policy>", "<a>", 5000, ""), "64 deep");
  check_refused_fast (repeated ("<policy>", "xxxxxxxxxx", 300000, ""), "262144 bytes");
  check_refused_fast (repeated ("<policy id='", "xxxxxxxxxx", 300000, "'/>"), "262144 bytes");

  /* What looks like attributes inside comments, CDATA and quoted values is
   * not counted: the fixture with such text still loads. */
  {
    GString *many = g_string_new (NULL);
    g_autofree char *text = NULL;
    g_autoptr(RdPolicy) policy = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append_printf (many, "a%u='1' ", i);
    text = g_strdup_printf ("<!-- <x %s> -->%s", many->str, strstr (TEST_POLICY_XML, "<policy "));
    g_string_free (many, TRUE);
    policy = load_string (text, &error);
    g_assert_no_error (error);
  }
}

static void
test_malformed_refused (void)
{
  assert_mutation_refused ("</outcomes>", "</outcome>", RD_POLICY_ERROR_PARSE, 7, "mismatch");
  assert_refused ("", RD_POLICY_ERROR_PARSE, 0, NULL);
}

static void
test_too_large_refused (void)
{
  g_autoptr(GError) error = NULL;
  gsize size = RD_POLICY_MAX_SIZE + 1;
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RdPolicy) policy = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-policy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.xml", NULL);

  memset (data, ' ', size);
  bytes = g_bytes_new_take (data, size);
  policy = rd_policy_new_from_bytes (bytes, "test.xml", &error);
  g_assert_null (policy);
  g_assert_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* from a file, refused by its size before it is read */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), size, NULL));
  g_assert_null (rd_policy_new_from_path (path, &error));
  g_assert_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, path));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_wrong_root_refused (void)
{
  assert_refused ("<?xml version=\"1.0\"?>\n<foo id=\"x\"/>\n", RD_POLICY_ERROR_SCHEMA, 2, "<foo id=\"x\">");
}

static void
test_schema_violations_refused (void)
{
  /* a criterion without its citation */
  assert_mutation_refused ("<text>Two.</text><cite section=\"S\">two</cite>", "<text>Two.</text>",
                           RD_POLICY_ERROR_SCHEMA, 20, "<criterion id=\"c2\">");
  /* an attribute the grammar does not know */
  assert_mutation_refused ("<criterion id=\"c1\"", "<criterion weight=\"2\" id=\"c1\"",
                           RD_POLICY_ERROR_SCHEMA, 19, "<criterion id=\"c1\">");
  /* an id out of pattern */
  assert_mutation_refused ("id=\"c3\"", "id=\"C 3\"", RD_POLICY_ERROR_SCHEMA, 21, "criterion");
  /* a threshold value that is not a number */
  assert_mutation_refused ("value=\"50\"", "value=\"fifty\"", RD_POLICY_ERROR_SCHEMA, 9, "<threshold id=\"trial\">");
  /* another format */
  assert_mutation_refused ("format=\"1\"", "format=\"2\"", RD_POLICY_ERROR_SCHEMA, 2, "<policy id=\"test-policy\">");
  /* an unknown request type */
  assert_mutation_refused ("request=\"initial\"", "request=\"renewal\"", RD_POLICY_ERROR_SCHEMA, 15, "<indication id=\"ind\">");
}

static void
test_duplicate_ids_refused (void)
{
  assert_mutation_refused ("<criterion id=\"c2\"", "<criterion id=\"c1\"",
                           RD_POLICY_ERROR_DUPLICATE_ID, 20, "already used by <criterion> on line 19");
  /* ids are unique across kinds: a note and a documentation item */
  assert_mutation_refused ("<note id=\"n1\"", "<note id=\"doc1\"",
                           RD_POLICY_ERROR_DUPLICATE_ID, 32, "<item id=\"doc1\">");
}

static void
test_dangling_references_refused (void)
{
  static const struct {
    const char *old, *new;
    int line;
    const char *needle;
  } cases[] = {
    { "when=\"tbi\"", "when=\"tbj\"", 20, "when=\"tbj\" names no <condition>" },
    { "threshold=\"trial\"", "threshold=\"trail\"", 19, "threshold=\"trail\" names no <threshold>" },
    { "documents=\"doc1 doc2\"", "documents=\"doc1 doc3\"", 21, "documents=\"doc3\" names no <item>" },
    { "refers=\"c1\"", "refers=\"c9\"", 29, "<note id=\"n1\">: refers=\"c9\"" },
    { "<diagnoses ref=\"dx\"/>", "<diagnoses ref=\"dy\"/>", 17, "ref=\"dy\" names no <code-list>" },
    { "met=\"mn\"", "met=\"mnn\"", 15, "met=\"mnn\" names no <outcome>" },
    { "codes=\"dx\"", "codes=\"dx cpt2\"", 26, "codes=\"cpt2\"" },
    { "system=\"ICD-10-CM\" disposition=\"nmn\"", "system=\"ICD-10-CM\" disposition=\"denied\"", 39, "disposition=\"denied\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_mutation_refused (cases[i].old, cases[i].new, RD_POLICY_ERROR_DANGLING_REFERENCE,
                             cases[i].line, cases[i].needle);
}

static void
test_bad_codes_refused (void)
{
  assert_mutation_refused ("<range from=\"0JH60VZ\" to=\"0JH63VZ\">Insertion</range>",
                           "<code value=\"OJH60VZ\">Insertion</code>",
                           RD_POLICY_ERROR_BAD_CODE, 43, "<code value=\"OJH60VZ\">: “OJH60VZ” contains the letter O");
  assert_mutation_refused ("<code value=\"62362\">", "<code value=\"6236\">",
                           RD_POLICY_ERROR_BAD_CODE, 37, "not a CPT code");
  assert_mutation_refused ("from=\"E08.00\"", "from=\"E08.\"",
                           RD_POLICY_ERROR_BAD_CODE, 40, "not an ICD-10-CM code");
}

static void
test_bad_ranges_refused (void)
{
  assert_mutation_refused ("from=\"0JH60VZ\" to=\"0JH63VZ\"", "from=\"0JH63VZ\" to=\"0JH60VZ\"",
                           RD_POLICY_ERROR_BAD_RANGE, 43, "runs backwards");
  assert_mutation_refused ("from=\"E08.00\" to=\"E08.9\"", "from=\"E08.9\" to=\"E08.00\"",
                           RD_POLICY_ERROR_BAD_RANGE, 40, "<range from=\"E08.9\">");
}

static void
test_semantic_rules_refused (void)
{
  /* at least 4 of 3 can never be met */
  assert_mutation_refused ("n=\"2\"", "n=\"4\"", RD_POLICY_ERROR_INVALID, 18, "<at-least id=\"root\">");
  /* diagnoses must name an ICD-10-CM list */
  assert_mutation_refused ("<diagnoses ref=\"dx\"/>", "<diagnoses ref=\"cpt\"/>",
                           RD_POLICY_ERROR_INVALID, 17, "ICD-10-CM");
}

/* ---- directories ------------------------------------------------------ */

static char *
make_dir_with (const char *first,
               ...)
{
  g_autofree char *dir = g_dir_make_tmp ("rd-policies-XXXXXX", NULL);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      const char *content = va_arg (args, const char *);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_set_contents (path, content, -1, NULL));
    }
  va_end (args);
  return g_steal_pointer (&dir);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_directory_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shipped = g_test_build_filename (G_TEST_DIST, "..", "policies", NULL);
  g_autoptr(GPtrArray) policies = NULL;
  g_autofree char *dir = NULL;

  g_setenv ("REVIEWDESK_POLICY_DIR", shipped, TRUE);
  dir = rd_policy_get_default_dir ();
  g_assert_cmpstr (dir, ==, shipped);

  policies = rd_policy_load_directory (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (policies->len, ==, 2);
  /* file-name order */
  g_assert_cmpstr (rd_policy_get_id (g_ptr_array_index (policies, 0)), ==, "anthem-cg-surg-79");
  g_assert_nonnull (rd_policy_find_in (policies, "bsc-7.01.41"));
  g_assert_null (rd_policy_find_in (policies, "bsc-7.01.42"));
  g_unsetenv ("REVIEWDESK_POLICY_DIR");
}

static void
test_directory_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = make_dir_with (NULL);
  g_autofree char *bad = make_dir_with ("a.xml", TEST_POLICY_XML, "b.xml", "<policy/>", NULL);
  g_autofree char *twice = make_dir_with ("a.xml", TEST_POLICY_XML, "b.xml", TEST_POLICY_XML, NULL);

  g_assert_null (rd_policy_load_directory (empty, &error));
  g_assert_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (rd_policy_load_directory (bad, &error));
  g_assert_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "b.xml"));
  g_clear_error (&error);

  g_assert_null (rd_policy_load_directory (twice, &error));
  g_assert_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "test-policy"));
  g_clear_error (&error);

  /* Skipping: the bad file and the second file with one id are left out and
   * reported; the good policy loads. */
  {
    g_autoptr(GPtrArray) skipped = NULL;
    g_autoptr(GPtrArray) policies = rd_policy_load_directory_skipping (bad, &skipped, &error);
    const GError *refused;

    g_assert_no_error (error);
    g_assert_cmpuint (policies->len, ==, 1);
    g_assert_cmpstr (rd_policy_get_id (g_ptr_array_index (policies, 0)), ==, "test-policy");
    g_assert_cmpuint (skipped->len, ==, 1);
    refused = g_ptr_array_index (skipped, 0);
    g_assert_error ((GError *) refused, RD_POLICY_ERROR, RD_POLICY_ERROR_SCHEMA);
    g_assert_nonnull (strstr (refused->message, "b.xml"));
    g_clear_pointer (&policies, g_ptr_array_unref);
    g_clear_pointer (&skipped, g_ptr_array_unref);

    policies = rd_policy_load_directory_skipping (twice, &skipped, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (policies->len, ==, 1);
    g_assert_cmpuint (skipped->len, ==, 1);
    g_assert_error ((GError *) g_ptr_array_index (skipped, 0), RD_POLICY_ERROR, RD_POLICY_ERROR_DUPLICATE_ID);
    g_clear_pointer (&skipped, g_ptr_array_unref);

    g_assert_null (rd_policy_load_directory_skipping (empty, &skipped, &error));
    g_assert_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_NOT_FOUND);
  }

  remove_dir (empty);
  remove_dir (bad);
  remove_dir (twice);
}

static void
test_citations_checked (void)
{
  g_autoptr(RdPolicy) policy = load_string (TEST_POLICY_XML, NULL);
  g_autoptr(GPtrArray) all = rd_policy_get_citations (policy);
  g_autoptr(GPtrArray) missing = NULL;
  guint n = 0;
  const RdCitation *c;
  g_autofree char *normal = rd_citation_normalize ("  a **b**\n\t c  ");

  g_assert_cmpstr (normal, ==, "a b c");
  g_assert_cmpuint (all->len, ==, 15);

  /* everything is quoted but "three" (criterion c3), which the source has
   * split over two lines and in bold */
  missing = rd_policy_find_missing_citations (policy,
                                              "Covered. Not covered. greater than 50% tbi Indication. one two "
                                              "thr ee excluded note doc nested cpt dx pcs", &n);
  g_assert_cmpuint (n, ==, 15);
  g_assert_cmpuint (missing->len, ==, 1);
  c = g_ptr_array_index (missing, 0);
  g_assert_cmpstr (c->element, ==, "criterion");
  g_assert_cmpstr (c->id, ==, "c3");
  g_assert_cmpint (c->cite->line, ==, 21);
  g_clear_pointer (&missing, g_ptr_array_unref);

  missing = rd_policy_find_missing_citations (policy,
                                              "Covered.\nNot   covered. greater than 50% tbi Indication. one two "
                                              "**three** excluded note doc nested cpt dx pcs", NULL);
  g_assert_cmpuint (missing->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/policy/shipped-load", test_shipped_policies_load);
  g_test_add_func ("/policy/model", test_fixture_model);
  g_test_add_func ("/policy/hash", test_hash_pins_content);
  g_test_add_func ("/policy/hostile/xxe", test_xxe_refused);
  g_test_add_func ("/policy/hostile/external-dtd", test_external_dtd_refused);
  g_test_add_func ("/policy/hostile/doctype", test_plain_doctype_refused);
  g_test_add_func ("/policy/hostile/billion-laughs", test_billion_laughs_refused);
  g_test_add_func ("/policy/hostile/quadratic-blowup", test_quadratic_blowup_refused);
  g_test_add_func ("/policy/hostile/undeclared-entity", test_undeclared_entity_refused);
  g_test_add_func ("/policy/hostile/too-large", test_too_large_refused);
  g_test_add_func ("/policy/hostile/limits", test_limits_refused);
  g_test_add_func ("/policy/malformed/not-well-formed", test_malformed_refused);
  g_test_add_func ("/policy/malformed/wrong-root", test_wrong_root_refused);
  g_test_add_func ("/policy/malformed/schema", test_schema_violations_refused);
  g_test_add_func ("/policy/malformed/duplicate-ids", test_duplicate_ids_refused);
  g_test_add_func ("/policy/malformed/dangling-references", test_dangling_references_refused);
  g_test_add_func ("/policy/malformed/bad-codes", test_bad_codes_refused);
  g_test_add_func ("/policy/malformed/bad-ranges", test_bad_ranges_refused);
  g_test_add_func ("/policy/malformed/semantic-rules", test_semantic_rules_refused);
  g_test_add_func ("/policy/directory/default", test_directory_default);
  g_test_add_func ("/policy/directory/refusals", test_directory_refusals);
  g_test_add_func ("/policy/citations", test_citations_checked);
  return g_test_run ();
}
