/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-worklist-model.h"
#include "rd-worklist-query.h"

G_BEGIN_DECLS

#define RD_TYPE_START_PAGE (rd_start_page_get_type ())
G_DECLARE_FINAL_TYPE (RdStartPage, rd_start_page, RD, START_PAGE, AdwBin)

guint            rd_start_page_get_n_examples     (RdStartPage      *self);
GListModel      *rd_start_page_get_worklist       (RdStartPage      *self);
RdWorklistModel *rd_start_page_get_worklist_model (RdStartPage      *self);
void             rd_start_page_set_filter         (RdStartPage      *self,
                                                   RdWorklistFilter  filter);
void             rd_start_page_refresh            (RdStartPage      *self);

G_END_DECLS
