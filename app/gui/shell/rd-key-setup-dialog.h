/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-reviewer-session.h"

G_BEGIN_DECLS

#define RD_TYPE_KEY_SETUP_DIALOG (rd_key_setup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdKeySetupDialog, rd_key_setup_dialog, RD, KEY_SETUP_DIALOG, AdwWindow)

GtkWidget  *rd_key_setup_dialog_new             (GtkWindow         *parent,
                                                 RdReviewerSession *session,
                                                 GSettings         *settings);
void        rd_key_setup_dialog_set_admin_key_file (RdKeySetupDialog *self,
                                                    const char       *path);
const char *rd_key_setup_dialog_get_page        (RdKeySetupDialog  *self);
const char *rd_key_setup_dialog_get_problem     (RdKeySetupDialog  *self);

G_END_DECLS
