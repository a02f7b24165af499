/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-reviewer-session.h"

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_WINDOW (rd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, RD, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *rd_preferences_window_new (GtkWindow         *parent,
                                      GSettings         *settings,
                                      RdReviewerSession *session);

G_END_DECLS
