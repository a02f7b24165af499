/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rd-measurement.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_TYPE_MEASURE_ENTRY (rd_measure_entry_get_type ())
G_DECLARE_FINAL_TYPE (RdMeasureEntry, rd_measure_entry, RD, MEASURE_ENTRY, GtkBox)

GtkWidget *rd_measure_entry_new             (const RdThreshold   *threshold,
                                             const char          *subject);
void       rd_measure_entry_set_measurement (RdMeasureEntry      *self,
                                             const RdMeasurement *measurement);
RdMeasurement *rd_measure_entry_get_measurement (RdMeasureEntry *self);

G_END_DECLS
