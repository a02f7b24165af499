/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-peer-to-peer-box.h"
#include "rd-step-list.h"

G_BEGIN_DECLS

#define RD_TYPE_DETERMINATION_PAGE (rd_determination_page_get_type ())
G_DECLARE_FINAL_TYPE (RdDeterminationPage, rd_determination_page, RD, DETERMINATION_PAGE, AdwBin)

GtkWidget   *rd_determination_page_new             (RdCaseFile          *case_file,
                                                    GPtrArray           *policies);
void         rd_determination_page_refresh         (RdDeterminationPage *self);
void         rd_determination_page_flush           (RdDeterminationPage *self);
gboolean     rd_determination_page_get_available   (RdDeterminationPage *self);
RdStepState  rd_determination_page_get_state       (RdDeterminationPage *self);
GtkWidget   *rd_determination_page_get_rationale_view (RdDeterminationPage *self);
AdwComboRow *rd_determination_page_get_basis_row      (RdDeterminationPage *self);
RdPeerToPeerBox *rd_determination_page_get_peer_to_peer_box (RdDeterminationPage *self);
const char  *rd_determination_page_get_verdict     (RdDeterminationPage *self,
                                                    const char          *policy_id);
void         rd_determination_page_save_letter     (RdDeterminationPage *self,
                                                    GFile               *file);
gboolean     rd_determination_page_is_saving       (RdDeterminationPage *self);

G_END_DECLS
