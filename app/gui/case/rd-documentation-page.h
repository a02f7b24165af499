/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-doc-item-row.h"
#include "rd-step-list.h"

G_BEGIN_DECLS

#define RD_TYPE_DOCUMENTATION_PAGE (rd_documentation_page_get_type ())
G_DECLARE_FINAL_TYPE (RdDocumentationPage, rd_documentation_page, RD, DOCUMENTATION_PAGE, AdwBin)

GtkWidget    *rd_documentation_page_new         (RdCaseFile          *case_file,
                                                 GPtrArray           *policies);
void          rd_documentation_page_rebuild     (RdDocumentationPage *self);
void          rd_documentation_page_refresh     (RdDocumentationPage *self);
void          rd_documentation_page_flush       (RdDocumentationPage *self);
RdStepState   rd_documentation_page_get_state   (RdDocumentationPage *self);
RdDocItemRow *rd_documentation_page_get_row     (RdDocumentationPage *self,
                                                 const char          *policy_id,
                                                 const char          *item_id);
GPtrArray    *rd_documentation_page_get_rows    (RdDocumentationPage *self);

G_END_DECLS
