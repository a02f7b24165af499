/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * RdStepState:
 * @RD_STEP_NOT_STARTED: nothing entered yet
 * @RD_STEP_IN_PROGRESS: some of the step is done
 * @RD_STEP_COMPLETE: the step is done and does not stand in the way of approval
 * @RD_STEP_BLOCKING: the step is done or cannot be finished, and it stands in the
 *   way of approval: a criterion not met, documentation missing, an invalid field
 */
typedef enum {
  RD_STEP_NOT_STARTED,
  RD_STEP_IN_PROGRESS,
  RD_STEP_COMPLETE,
  RD_STEP_BLOCKING,
} RdStepState;

const char *rd_step_state_to_label (RdStepState state);

#define RD_TYPE_STEP_LIST (rd_step_list_get_type ())
G_DECLARE_FINAL_TYPE (RdStepList, rd_step_list, RD, STEP_LIST, AdwBin)

GtkWidget   *rd_step_list_new           (void);
void         rd_step_list_clear         (RdStepList  *self);
void         rd_step_list_append        (RdStepList  *self,
                                         const char  *id,
                                         const char  *title);
void         rd_step_list_append_aside  (RdStepList  *self,
                                         const char  *id,
                                         const char  *title,
                                         const char  *icon_name);
void         rd_step_list_set_state     (RdStepList  *self,
                                         const char  *id,
                                         RdStepState  state);
RdStepState  rd_step_list_get_state     (RdStepList  *self,
                                         const char  *id);
guint        rd_step_list_get_n_steps   (RdStepList  *self);
const char  *rd_step_list_get_id        (RdStepList  *self,
                                         guint        index);
const char  *rd_step_list_get_selected  (RdStepList  *self);
void         rd_step_list_select        (RdStepList  *self,
                                         const char  *id);
gboolean     rd_step_list_move          (RdStepList  *self,
                                         int          delta);

G_END_DECLS
