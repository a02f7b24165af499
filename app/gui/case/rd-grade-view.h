/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-example-grade.h"

G_BEGIN_DECLS

#define RD_TYPE_GRADE_VIEW (rd_grade_view_get_type ())
G_DECLARE_FINAL_TYPE (RdGradeView, rd_grade_view, RD, GRADE_VIEW, AdwBin)

GtkWidget            *rd_grade_view_new             (void);
void                  rd_grade_view_set_case        (RdGradeView *self,
                                                     RdCaseFile  *case_file,
                                                     GPtrArray   *policies);
RdExample            *rd_grade_view_get_example     (RdGradeView *self);
const RdExampleGrade *rd_grade_view_get_grade       (RdGradeView *self);

G_END_DECLS
