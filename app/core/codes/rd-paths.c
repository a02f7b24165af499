/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

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

/**
 * rd_paths_init_gettext:
 *
 * Sets the locale from the environment and binds ReviewDesk's message
 * catalogues: from $REVIEWDESK_LOCALEDIR when it is set, from the build tree
 * when running uninstalled (so a fresh build shows its translations), else
 * from LOCALEDIR.
 */
void
rd_paths_init_gettext (void)
{
  const char *dir = g_getenv ("REVIEWDESK_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (dir == NULL || *dir == '\0')
    dir = rd_paths_running_uninstalled () ? BUILD_LOCALEDIR : LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
