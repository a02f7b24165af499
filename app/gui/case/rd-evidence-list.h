/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_EVIDENCE_LIST (rd_evidence_list_get_type ())
G_DECLARE_FINAL_TYPE (RdEvidenceList, rd_evidence_list, RD, EVIDENCE_LIST, GtkWidget)

GtkWidget *rd_evidence_list_new      (const char     *placeholder);
void       rd_evidence_list_set      (RdEvidenceList *self,
                                      GPtrArray      *evidence);
guint      rd_evidence_list_get_size (RdEvidenceList *self);

G_END_DECLS
