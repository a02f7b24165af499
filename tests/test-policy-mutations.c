/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy loader against damaged copies of the shipped policies: every
 * truncation point class and a fixed series of seeded byte edits must load or
 * be refused with a message naming the file, never crash, hang or leak (the
 * sanitizer build runs this too). tests/fuzz/fuzz-policy.c makes the same
 * check under libFuzzer, for longer unguided runs. */
#include "config.h"

#include <string.h>

#include "rd-policy.h"

#define N_EDITS_PER_POLICY 80
#define N_TRUNCATIONS      32

/* Characters that change XML structure when inserted or substituted. */
static const char structural[] = "<>&\"'=/!?[]; \n\0\xff";

static guint n_loaded;
static guint n_refused;

static void
load_mutant (const guint8 *data,
             gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPolicy) policy = rd_policy_new_from_bytes (bytes, "mutant.xml", &error);

  g_assert_true ((policy == NULL) == (error != NULL));
  if (policy == NULL)
    {
      /* The reader is told which file failed, whatever broke. */
      g_assert_nonnull (strstr (error->message, "mutant.xml"));
      n_refused++;
    }
  else
    {
      g_autoptr(GPtrArray) citations = rd_policy_get_citations (policy);
      g_assert_nonnull (citations);
      n_loaded++;
    }
}

static GByteArray *
read_policy (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "policies", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_byte_array_new_take ((guint8 *) contents, length);
}

static void
edit_once (GByteArray *copy,
           GRand      *rand)
{
  guint at = g_rand_int_range (rand, 0, copy->len);
  guint8 byte = structural[g_rand_int_range (rand, 0, sizeof structural)];

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      copy->data[at] = byte;
      break;
    case 1:
      g_byte_array_remove_range (copy, at, MIN (copy->len - at, (guint) g_rand_int_range (rand, 1, 64)));
      break;
    default:
      g_byte_array_set_size (copy, copy->len + 1);
      memmove (copy->data + at + 1, copy->data + at, copy->len - at - 1);
      copy->data[at] = byte;
      break;
    }
}

static void
test_truncations (gconstpointer data)
{
  g_autoptr(GByteArray) original = read_policy (data);

  n_loaded = n_refused = 0;
  for (guint i = 0; i < N_TRUNCATIONS; i++)
    load_mutant (original->data, (gsize) original->len * i / N_TRUNCATIONS);
  load_mutant (original->data, original->len);

  /* Only the whole file is a policy; every shorter one is refused. */
  g_assert_cmpuint (n_loaded, ==, 1);
  g_assert_cmpuint (n_refused, ==, N_TRUNCATIONS);
}

static void
test_edits (gconstpointer data)
{
  g_autoptr(GByteArray) original = read_policy (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (data));

  n_loaded = n_refused = 0;
  for (guint i = 0; i < N_EDITS_PER_POLICY; i++)
    {
      g_autoptr(GByteArray) copy = g_byte_array_sized_new (original->len + 8);
      guint n_edits = g_rand_int_range (rand, 1, 4);

      g_byte_array_append (copy, original->data, original->len);
      for (guint e = 0; e < n_edits; e++)
        edit_once (copy, rand);
      load_mutant (copy->data, copy->len);
    }

  g_test_message ("%u mutants loaded, %u refused", n_loaded, n_refused);
  g_assert_cmpuint (n_loaded + n_refused, ==, N_EDITS_PER_POLICY);
  /* Structural edits to a validated file are mostly caught by the parser or the schema. */
  g_assert_cmpuint (n_refused, >, N_EDITS_PER_POLICY / 2);
}

int
main (int argc, char **argv)
{
  static const char * const policies[] = { "bsc-7.01.41.xml", "anthem-cg-surg-79.xml" };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      g_autofree char *truncations = g_strdup_printf ("/policy-mutations/truncations/%s", policies[i]);
      g_autofree char *edits = g_strdup_printf ("/policy-mutations/edits/%s", policies[i]);

      g_test_add_data_func (truncations, policies[i], test_truncations);
      g_test_add_data_func (edits, policies[i], test_edits);
    }
  return g_test_run ();
}
