/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-application.h"
#include "rd-case-page.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())
G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

RdWindow *rd_window_new         (RdApplication *application);
void      rd_window_open_case   (RdWindow      *self,
                                 GFile         *file);
void      rd_window_show_toast  (RdWindow      *self,
                                 const char    *message);
const char *rd_window_get_visible_page_name (RdWindow *self);
RdCasePage *rd_window_get_case_page (RdWindow *self);
char       *rd_window_get_cases_dir (void);

G_END_DECLS
