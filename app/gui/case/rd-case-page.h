/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-policy.h"
#include "rd-step-list.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_PAGE (rd_case_page_get_type ())
G_DECLARE_FINAL_TYPE (RdCasePage, rd_case_page, RD, CASE_PAGE, AdwBin)

GtkWidget  *rd_case_page_new            (void);
RdStepList *rd_case_page_get_step_list  (RdCasePage *self);
GtkWidget  *rd_case_page_get_step_page  (RdCasePage *self,
                                         const char *step_id);
const char *rd_case_page_get_title      (RdCasePage *self);
void        rd_case_page_show_toast     (RdCasePage *self,
                                         const char *message);
void        rd_case_page_set_case       (RdCasePage *self,
                                         RdCaseFile *case_file,
                                         GPtrArray  *policies);
RdCaseFile *rd_case_page_get_case_file  (RdCasePage *self);
GtkWidget  *rd_case_page_get_records_pane (RdCasePage *self);
void        rd_case_page_flush          (RdCasePage *self);
void        rd_case_page_set_signing_help (RdCasePage *self,
                                           const char *text,
                                           const char *button_label,
                                           const char *action_name);
void        rd_case_page_attach_record  (RdCasePage *self,
                                         GFile      *file);

G_END_DECLS
