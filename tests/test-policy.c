/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy loader: both shipped policies load; hostile and malformed files
 * are refused with an error that names the file, the line and the element. */
#include "config.h"

#include <string.h>

#include "rd-policy.h"

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

static void
test_shipped_policies_load (void)
{
  g_autoptr(RdPolicy) anthem = load_shipped ("anthem-cg-surg-79.xml");
  g_autoptr(RdPolicy) bsc = load_shipped ("bsc-7.01.41.xml");

  g_assert_cmpstr (rd_policy_get_id (anthem), ==, "anthem-cg-surg-79");
  g_assert_cmpstr (rd_policy_get_id (bsc), ==, "bsc-7.01.41");
  g_assert_cmpuint (strlen (rd_policy_get_hash (anthem)), ==, 64);
  g_assert_cmpstr (rd_policy_get_hash (anthem), !=, rd_policy_get_hash (bsc));
  g_assert_nonnull (rd_policy_find_indication (anthem, "spasticity"));
  g_assert_nonnull (rd_policy_find_indication (bsc, "severe-spasticity"));
}

/* Loads @xml as "test.xml" and checks the error's code and that its message
 * starts with "test.xml:LINE:" and names @element. */
static void
assert_refused (const char    *xml,
                RdPolicyError  code,
                int            line,
                const char    *element)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPolicy) policy = rd_policy_new_from_bytes (bytes, "test.xml", &error);
  g_autofree char *prefix = g_strdup_printf ("test.xml:%d:", line);

  g_assert_null (policy);
  g_assert_error (error, RD_POLICY_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  if (element != NULL)
    g_assert_nonnull (strstr (error->message, element));
}

static void
test_doctype_refused (void)
{
  assert_refused ("<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE policy [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
                  "<policy id=\"x\" format=\"1\">&x;</policy>\n",
                  RD_POLICY_ERROR_FORBIDDEN, 2, "<!DOCTYPE>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/policy/shipped-load", test_shipped_policies_load);
  g_test_add_func ("/policy/hostile/xxe-doctype", test_doctype_refused);
  return g_test_run ();
}
