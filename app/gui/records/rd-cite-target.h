/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include <gio/gio.h>

#include "rd-case-types.h"
#include "rd-policy.h"

G_BEGIN_DECLS

#define RD_TYPE_CITE_TARGET (rd_cite_target_get_type ())
G_DECLARE_FINAL_TYPE (RdCiteTarget, rd_cite_target, RD, CITE_TARGET, GObject)

/*
 * RdCiteTarget: something a passage of a record can be cited for — a
 * criterion or a documentation item of a policy under review. The host of the
 * records pane lists them in a GListModel (see rd_records_pane_set_cite_targets());
 * the pane offers them in its "Cite for…" menu and stores the evidence with
 * their ids. Immutable.
 */
RdCiteTarget     *rd_cite_target_new           (RdEvidenceTarget  kind,
                                                const char       *policy_id,
                                                const char       *target_id,
                                                const char       *title,
                                                const char       *subtitle);
RdEvidenceTarget  rd_cite_target_get_kind      (RdCiteTarget     *self);
const char       *rd_cite_target_get_policy_id (RdCiteTarget     *self);
const char       *rd_cite_target_get_target_id (RdCiteTarget     *self);
const char       *rd_cite_target_get_title     (RdCiteTarget     *self);
const char       *rd_cite_target_get_subtitle  (RdCiteTarget     *self);


GListModel       *rd_cite_targets_for_reviews  (GPtrArray        *policies,
                                                GPtrArray        *reviews);

G_END_DECLS
