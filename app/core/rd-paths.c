/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-paths.h"

/**
 * rd_paths_running_uninstalled:
 *
 * Whether this program runs from the meson build tree it was built in, so its
 * data (policies, example cases) are to be taken from the source and build
 * trees rather than from PKGDATADIR.
 */
gboolean
rd_paths_running_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build_root = g_path_get_dirname (BUILD_DATADIR);
  g_autofree char *prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);

  return exe != NULL && g_str_has_prefix (exe, prefix);
}
