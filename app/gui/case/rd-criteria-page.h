/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-condition-row.h"
#include "rd-criterion-row.h"
#include "rd-engine.h"
#include "rd-policy.h"
#include "rd-step-list.h"

G_BEGIN_DECLS

#define RD_TYPE_CRITERIA_PAGE (rd_criteria_page_get_type ())
G_DECLARE_FINAL_TYPE (RdCriteriaPage, rd_criteria_page, RD, CRITERIA_PAGE, AdwBin)

GtkWidget          *rd_criteria_page_new               (RdCaseFile         *case_file,
                                                        RdPolicy           *policy,
                                                        const RdIndication *indication);
void                rd_criteria_page_refresh           (RdCriteriaPage     *self);
void                rd_criteria_page_flush             (RdCriteriaPage     *self);
RdStepState         rd_criteria_page_get_state         (RdCriteriaPage     *self);
RdEvaluation       *rd_criteria_page_get_evaluation    (RdCriteriaPage     *self);
const char         *rd_criteria_page_get_result_text   (RdCriteriaPage     *self);
RdCriterionRow     *rd_criteria_page_get_row           (RdCriteriaPage     *self,
                                                        const char         *criterion_id);
RdConditionRow     *rd_criteria_page_get_condition_row (RdCriteriaPage     *self,
                                                        const char         *condition_id);
const RdIndication *rd_criteria_page_get_indication    (RdCriteriaPage     *self);
RdPolicy           *rd_criteria_page_get_policy        (RdCriteriaPage     *self);

G_END_DECLS
