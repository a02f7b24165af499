/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-application.h"
#include "rd-window.h"
#include "rd-types.h"

G_BEGIN_DECLS

void           rd_test_gui_init         (int     *argc,
                                         char  ***argv);
RdApplication *rd_test_gui_application  (void);
void           rd_test_gui_spin         (void);
gboolean       rd_test_gui_wait_for     (gboolean (*condition) (gpointer data),
                                         gpointer  data,
                                         guint     timeout_ms);
GtkWindow     *rd_test_gui_find_window  (GType     type);
GtkWidget     *rd_test_gui_new_window   (const char *reviewer);
void           rd_test_gui_wait_painted (GtkWidget *widget);
gboolean       rd_test_gui_action_enabled (GtkWidget  *widget,
                                           const char *action);
GtkWidget     *rd_test_gui_find_named   (GtkWidget  *root,
                                         GType       type,
                                         const char *name);
gboolean       rd_test_gui_press        (GtkWindow       *window,
                                         guint            keyval,
                                         GdkModifierType  modifiers);
void           rd_test_gui_screenshot   (GtkWidget  *widget,
                                         const char *name);
void           rd_test_gui_add_example_tests (const char    *prefix,
                                              GTestDataFunc  func);
AdwMessageDialog *rd_test_gui_wait_for_message_dialog (void);
void           rd_test_gui_respond      (AdwMessageDialog *dialog,
                                         const char       *response);

void           rd_test_gui_sign_as      (const char *name,
                                         const char *credentials,
                                         RdRole      role);
void           rd_test_gui_sign_nothing (void);
RdCasePage    *rd_test_gui_open_case    (const char  *path,
                                         RdWindow   **window);
gboolean       rd_test_gui_has_step     (RdCasePage  *page,
                                         const char  *step_id);

gboolean       rd_test_gui_skip_without_real_input (void);
void           rd_test_gui_real_keys    (GtkWidget   *widget,
                                         const char  *key,
                                         ...) G_GNUC_NULL_TERMINATED;
void           rd_test_gui_real_wheel   (GtkWidget   *widget,
                                         gboolean     control,
                                         int          clicks);
void           rd_test_gui_real_click   (GtkWidget   *widget);

G_END_DECLS
