/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
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

/* The prefix this program is installed in, found from the executable's own
 * place: a copy staged with DESTDIR, or moved as a whole, then reads its own
 * data rather than whatever another installation left at the configured prefix.
 * NULL when the executable is not beside an installed data folder. */
static char *
relocated_prefix (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *pkgdatadir = NULL;

  if (exe == NULL)
    return NULL;
  bindir = g_path_get_dirname (exe);
  prefix = g_canonicalize_filename (BINDIR_TO_PREFIX, bindir);
  pkgdatadir = g_build_filename (prefix, PREFIX_DATADIR, "reviewdesk", NULL);
  if (!g_file_test (pkgdatadir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&prefix);
}

/**
 * rd_paths_get_installed_datadir:
 *
 * The installed `share/reviewdesk` folder: the one beside the executable when
 * there is one, else PKGDATADIR.
 *
 * Returns: (transfer full): a directory path
 */
char *
rd_paths_get_installed_datadir (void)
{
  g_autofree char *prefix = relocated_prefix ();

  if (prefix == NULL)
    return g_strdup (PKGDATADIR);
  return g_build_filename (prefix, PREFIX_DATADIR, "reviewdesk", NULL);
}

static char *
installed_localedir (void)
{
  g_autofree char *prefix = relocated_prefix ();

  if (prefix == NULL || g_path_is_absolute (PREFIX_LOCALEDIR))
    return g_strdup (LOCALEDIR);
  return g_build_filename (prefix, PREFIX_LOCALEDIR, NULL);
}

/**
 * rd_paths_init_settings:
 * @error: return location for an error
 *
 * Makes ReviewDesk's settings schema findable and checks that it is: run from
 * the build directory, the schema compiled there is used; installed, the one
 * compiled beside the executable's data. Must run before any thread starts.
 *
 * Returns: %FALSE, with a message saying how to repair the installation, when
 * the schema cannot be found: GSettings would otherwise abort the program.
 */
gboolean
rd_paths_init_settings (GError **error)
{
  const char *env = g_getenv ("GSETTINGS_SCHEMA_DIR");
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (env == NULL || *env == '\0')
    {
      g_autofree char *prefix = relocated_prefix ();
      g_autofree char *dir = NULL;

      if (rd_paths_running_uninstalled ())
        dir = g_strdup (BUILD_DATADIR);
      else if (prefix != NULL && !g_path_is_absolute (PREFIX_DATADIR))
        dir = g_build_filename (prefix, PREFIX_DATADIR, "glib-2.0", "schemas", NULL);
      if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
        g_setenv ("GSETTINGS_SCHEMA_DIR", dir, TRUE);
    }

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("ReviewDesk’s settings schema “%s” is not installed. Install ReviewDesk again "
                     "(installing compiles the schema into share/glib-2.0/schemas), or run the "
                     "build with “meson devenv -C build”."),
                   APP_ID);
      return FALSE;
    }
  return TRUE;
}

/**
 * rd_paths_init_gettext:
 *
 * Sets the locale from the environment and binds ReviewDesk's message
 * catalogues: from $REVIEWDESK_LOCALEDIR when it is set, from the build tree
 * when running uninstalled (so a fresh build shows its translations), else
 * from the installed locale folder beside the executable, or LOCALEDIR.
 */
void
rd_paths_init_gettext (void)
{
  const char *dir = g_getenv ("REVIEWDESK_LOCALEDIR");

  setlocale (LC_ALL, "");
  g_autofree char *installed = NULL;

  if (dir == NULL || *dir == '\0')
    dir = rd_paths_running_uninstalled () ? BUILD_LOCALEDIR : (installed = installed_localedir ());
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
