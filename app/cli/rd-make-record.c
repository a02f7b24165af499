/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Build tool: lays out the records of a bundled example case as PDF.
 *
 *   rd-make-record EXAMPLE.xml OUTPUT.pdf…
 *
 * Every OUTPUT must be named STEM.FILE, where STEM is the example's file name
 * without .xml and FILE a record's file attribute, and every record must have
 * one, so that meson's list of outputs and the example cannot drift apart. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rd-example.h"

static gboolean
write_records (const char  *example_path,
               char       **outputs,
               GError     **error)
{
  g_autoptr(RdExample) example = rd_example_load (example_path, error);
  g_autofree char *stem = NULL;
  guint n_outputs = g_strv_length (outputs);

  if (example == NULL)
    return FALSE;

  stem = g_path_get_basename (example_path);
  if (g_str_has_suffix (stem, ".xml"))
    stem[strlen (stem) - 4] = '\0';

  if (n_outputs != rd_example_get_n_records (example))
    {
      g_set_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_INCONSISTENT,
                   "%s has %u records but the build lists %u outputs: update data/examples/meson.build",
                   example_path, rd_example_get_n_records (example), n_outputs);
      return FALSE;
    }

  for (guint i = 0; i < rd_example_get_n_records (example); i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s.%s", stem, rd_example_get_record_file (example, i));
      g_autoptr(GBytes) pdf = NULL;
      const char *output = NULL;

      for (guint o = 0; o < n_outputs && output == NULL; o++)
        {
          g_autofree char *base = g_path_get_basename (outputs[o]);
          if (g_str_equal (base, expected))
            output = outputs[o];
        }
      if (output == NULL)
        {
          g_set_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_INCONSISTENT,
                       "%s: no output is named %s: update data/examples/meson.build",
                       example_path, expected);
          return FALSE;
        }

      pdf = rd_example_render_record (example, i, error);
      if (pdf == NULL ||
          !g_file_set_contents (output, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error))
        return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      fprintf (stderr, "Usage: %s EXAMPLE.xml OUTPUT.pdf…\n", argv[0]);
      return 2;
    }
  if (!write_records (argv[1], argv + 2, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
