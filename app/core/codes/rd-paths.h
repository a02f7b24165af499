/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rd_paths_running_uninstalled (void);
void     rd_paths_init_gettext        (void);
gboolean rd_paths_init_settings       (GError **error);
char    *rd_paths_get_installed_datadir (void);

G_END_DECLS
