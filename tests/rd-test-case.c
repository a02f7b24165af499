/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rd-test-case.h"

char *
rd_test_case_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rd-case-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
rd_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The SHA-256 of a file's bytes, to show it was not changed. */
char *
rd_test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
rd_test_assert_owner_only (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if ((st.st_mode & 077) != 0)
        g_error ("%s has mode %o: a case file and its -wal/-shm must be 0600", name, st.st_mode & 0777);
    }
}

RdCaseFile *
rd_test_case_new (const char *path)
{
  g_autoptr(GError) error = NULL;
  RdCaseFile *cf = rd_case_file_create (path, NULL, &error);

  g_assert_no_error (error);
  rd_case_file_set_actor (cf, "Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  return cf;
}
