/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * RdDueLevel:
 * @RD_DUE_LEVEL_NONE: no due time is known yet
 * @RD_DUE_LEVEL_NORMAL: more than a day remains
 * @RD_DUE_LEVEL_SOON: a day or less remains (amber)
 * @RD_DUE_LEVEL_URGENT: four hours or less remain, or the deadline has passed (red)
 */
typedef enum {
  RD_DUE_LEVEL_NONE,
  RD_DUE_LEVEL_NORMAL,
  RD_DUE_LEVEL_SOON,
  RD_DUE_LEVEL_URGENT,
} RdDueLevel;

#define RD_TYPE_DUE_CLOCK (rd_due_clock_get_type ())
G_DECLARE_FINAL_TYPE (RdDueClock, rd_due_clock, RD, DUE_CLOCK, GtkWidget)

GtkWidget  *rd_due_clock_new          (void);
void        rd_due_clock_set_due_time (RdDueClock *self,
                                       GDateTime  *due_time);
GDateTime  *rd_due_clock_get_due_time (RdDueClock *self);
void        rd_due_clock_set_decided_time (RdDueClock *self,
                                           GDateTime  *decided_time);
void        rd_due_clock_set_rule     (RdDueClock *self,
                                       const char *rule);
const char *rd_due_clock_get_rule     (RdDueClock *self);
RdDueLevel  rd_due_clock_get_level    (RdDueClock *self);
const char *rd_due_clock_get_text     (RdDueClock *self);
char       *rd_due_clock_describe     (GDateTime  *due_time,
                                       GDateTime  *now,
                                       RdDueLevel *level);
char       *rd_due_clock_describe_decided (GDateTime *due_time,
                                           GDateTime *decided_time);

G_END_DECLS
