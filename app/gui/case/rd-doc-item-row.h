/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rd-case-file.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_TYPE_DOC_ITEM_ROW (rd_doc_item_row_get_type ())
G_DECLARE_FINAL_TYPE (RdDocItemRow, rd_doc_item_row, RD, DOC_ITEM_ROW, GtkListBoxRow)

GtkWidget       *rd_doc_item_row_new        (RdCaseFile          *case_file,
                                             RdPolicy            *policy,
                                             const RdDocItem     *item,
                                             guint                depth);
void             rd_doc_item_row_refresh    (RdDocItemRow        *self,
                                             const RdCaseDocItem *stored,
                                             GPtrArray           *evidence);
void             rd_doc_item_row_flush      (RdDocItemRow        *self);
RdDocStatus      rd_doc_item_row_get_status (RdDocItemRow        *self);
RdPolicy        *rd_doc_item_row_get_policy (RdDocItemRow       *self);
const RdDocItem *rd_doc_item_row_get_item   (RdDocItemRow        *self);
GtkWidget       *rd_doc_item_row_get_where_entry (RdDocItemRow   *self);

G_END_DECLS
