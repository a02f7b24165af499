/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-paths.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RdApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  rd_paths_init_gettext ();
  if (!rd_paths_init_settings (&error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_set_application_name (_("ReviewDesk"));
  app = rd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
