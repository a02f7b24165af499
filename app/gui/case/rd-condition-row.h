/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_TYPE_CONDITION_ROW (rd_condition_row_get_type ())
G_DECLARE_FINAL_TYPE (RdConditionRow, rd_condition_row, RD, CONDITION_ROW, GtkListBoxRow)

GtkWidget         *rd_condition_row_new          (RdCaseFile        *case_file,
                                                  RdPolicy          *policy,
                                                  const RdCondition *condition);
void               rd_condition_row_refresh      (RdConditionRow    *self,
                                                  RdScore            answer);
RdScore            rd_condition_row_get_answer   (RdConditionRow    *self);
const RdCondition *rd_condition_row_get_condition (RdConditionRow   *self);

G_END_DECLS
