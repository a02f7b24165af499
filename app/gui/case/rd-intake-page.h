/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-request.h"
#include "rd-step-list.h"

G_BEGIN_DECLS

#define RD_TYPE_INTAKE_PAGE (rd_intake_page_get_type ())
G_DECLARE_FINAL_TYPE (RdIntakePage, rd_intake_page, RD, INTAKE_PAGE, AdwBin)

GtkWidget  *rd_intake_page_new               (void);
void        rd_intake_page_set_case          (RdIntakePage    *self,
                                              RdCaseFile      *case_file,
                                              GPtrArray       *policies);
void        rd_intake_page_refresh           (RdIntakePage    *self,
                                              const char      *what);
RdStepState rd_intake_page_get_state         (RdIntakePage    *self);
void        rd_intake_page_set_request       (RdIntakePage    *self,
                                              const RdRequest *request);
RdRequest  *rd_intake_page_get_request       (RdIntakePage    *self);
void        rd_intake_page_flush             (RdIntakePage    *self);
GtkWidget  *rd_intake_page_get_field         (RdIntakePage    *self,
                                              const char      *field);
const char *rd_intake_page_get_field_message (RdIntakePage    *self,
                                              const char      *field);
gboolean    rd_intake_page_has_invalid_field (RdIntakePage    *self);
gboolean    rd_intake_page_is_empty          (RdIntakePage    *self);
const char *rd_intake_page_get_status        (RdIntakePage    *self);

G_END_DECLS
