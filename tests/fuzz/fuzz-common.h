/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the fuzz harnesses share: libFuzzer's entry point, and helpers for
 * those that must go through a file. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *rd_fuzz_dir;

/* The harness removes each file after each input; the directory goes at exit. */
static inline void
rd_fuzz_remove_dir (void)
{
  g_rmdir (rd_fuzz_dir);
}

/* Writes @data to @name in this process's own temporary directory. */
static inline char *
rd_fuzz_write_temp (const char   *name,
                    const guint8 *data,
                    gsize         size)
{
  char *path;

  if (rd_fuzz_dir == NULL)
    {
      rd_fuzz_dir = g_dir_make_tmp ("rd-fuzz-XXXXXX", NULL);
      g_assert (rd_fuzz_dir != NULL);
      atexit (rd_fuzz_remove_dir);
    }
  path = g_build_filename (rd_fuzz_dir, name, NULL);
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));
  return path;
}

/* Removes a case file and whatever SQLite left beside it. */
static inline void
rd_fuzz_remove_case (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}
