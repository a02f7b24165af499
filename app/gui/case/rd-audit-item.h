/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-case-types.h"

G_BEGIN_DECLS

#define RD_TYPE_AUDIT_ITEM (rd_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (RdAuditItem, rd_audit_item, RD, AUDIT_ITEM, GObject)

RdAuditItem        *rd_audit_item_new        (RdAuditEntry *entry);
const RdAuditEntry *rd_audit_item_get_entry  (RdAuditItem  *self);
const char         *rd_audit_item_get_when   (RdAuditItem  *self);
const char         *rd_audit_item_get_moment (RdAuditItem  *self);
const char         *rd_audit_item_get_what   (RdAuditItem  *self);
const char         *rd_audit_item_get_role   (RdAuditItem  *self);
const char         *rd_audit_item_get_change (RdAuditItem  *self);
char               *rd_audit_item_describe   (RdAuditItem  *self);
gboolean            rd_audit_item_matches    (RdAuditItem  *self,
                                              const char   *folded_query);

const char         *rd_audit_action_to_label (const char   *action);

G_END_DECLS
