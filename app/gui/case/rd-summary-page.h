/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-step-list.h"

G_BEGIN_DECLS

#define RD_TYPE_SUMMARY_PAGE (rd_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (RdSummaryPage, rd_summary_page, RD, SUMMARY_PAGE, AdwBin)

GtkWidget   *rd_summary_page_new               (RdCaseFile    *case_file,
                                                GPtrArray     *policies);
void         rd_summary_page_refresh           (RdSummaryPage *self);
void         rd_summary_page_flush             (RdSummaryPage *self);
RdStepState  rd_summary_page_get_state         (RdSummaryPage *self);
gboolean     rd_summary_page_get_may_approve   (RdSummaryPage *self);
GPtrArray   *rd_summary_page_get_to_request    (RdSummaryPage *self);
const char  *rd_summary_page_get_verdict       (RdSummaryPage *self,
                                                const char    *policy_id);
GtkWidget   *rd_summary_page_get_rationale_view (RdSummaryPage *self,
                                                 const char    *policy_id);
char        *rd_summary_page_get_rationale     (RdSummaryPage *self);
void         rd_summary_page_set_signing_help  (RdSummaryPage *self,
                                                const char    *text,
                                                const char    *button_label,
                                                const char    *action_name);
const char  *rd_summary_page_get_signing_help  (RdSummaryPage *self);

G_END_DECLS
