/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-worklist-entry.h"

G_BEGIN_DECLS

#define RD_TYPE_WORKLIST_MODEL (rd_worklist_model_get_type ())
G_DECLARE_FINAL_TYPE (RdWorklistModel, rd_worklist_model, RD, WORKLIST_MODEL, GObject)

RdWorklistModel *rd_worklist_model_new          (const char          *index_path);
GListModel      *rd_worklist_model_get_entries  (RdWorklistModel     *self);
void             rd_worklist_model_set_folders  (RdWorklistModel     *self,
                                                 const char * const  *folders);
const char * const *rd_worklist_model_get_folders (RdWorklistModel   *self);
void             rd_worklist_model_refresh      (RdWorklistModel     *self);
gboolean         rd_worklist_model_is_loading   (RdWorklistModel     *self);
const char      *rd_worklist_model_get_problem  (RdWorklistModel     *self);

G_END_DECLS
