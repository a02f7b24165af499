/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rd-case-file.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_TYPE_CRITERION_ROW (rd_criterion_row_get_type ())
G_DECLARE_FINAL_TYPE (RdCriterionRow, rd_criterion_row, RD, CRITERION_ROW, GtkListBoxRow)

GtkWidget    *rd_criterion_row_new              (RdCaseFile        *case_file,
                                                 RdPolicy          *policy,
                                                 const RdNode      *criterion);
void          rd_criterion_row_refresh          (RdCriterionRow    *self,
                                                 const RdCaseScore *score,
                                                 GPtrArray         *evidence,
                                                 gboolean           decisive);
void          rd_criterion_row_focus_score      (RdCriterionRow    *self);
void          rd_criterion_row_flush            (RdCriterionRow    *self);
const char   *rd_criterion_row_get_criterion_id (RdCriterionRow    *self);
const RdNode *rd_criterion_row_get_criterion    (RdCriterionRow    *self);
RdScore       rd_criterion_row_get_score        (RdCriterionRow    *self);
guint         rd_criterion_row_get_n_evidence   (RdCriterionRow    *self);
GtkWidget    *rd_criterion_row_get_note_entry   (RdCriterionRow    *self);

GtkWidget    *rd_criterion_row_get_measure_entry (RdCriterionRow *self);
void          rd_criterion_row_set_measurement (RdCriterionRow      *self,
                                                const RdMeasurement *measurement);

G_END_DECLS
