/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"

G_BEGIN_DECLS

/**
 * RdAuditCheck:
 * @RD_AUDIT_CHECK_RUNNING: the log is being read or checked
 * @RD_AUDIT_CHECK_INTACT: every link of the chain holds and the content is
 *   what the log last set it to
 * @RD_AUDIT_CHECK_BROKEN: the chain is broken (or the file is damaged)
 * @RD_AUDIT_CHECK_DIFFERS: the chain holds but the content differs from it
 * @RD_AUDIT_CHECK_FAILED: the case could not be checked
 */
typedef enum {
  RD_AUDIT_CHECK_RUNNING,
  RD_AUDIT_CHECK_INTACT,
  RD_AUDIT_CHECK_BROKEN,
  RD_AUDIT_CHECK_DIFFERS,
  RD_AUDIT_CHECK_FAILED,
} RdAuditCheck;

#define RD_TYPE_AUDIT_PAGE (rd_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (RdAuditPage, rd_audit_page, RD, AUDIT_PAGE, AdwBin)

GtkWidget    *rd_audit_page_new            (RdCaseFile  *case_file);
gboolean      rd_audit_page_get_busy       (RdAuditPage *self);
guint         rd_audit_page_get_n_entries  (RdAuditPage *self);
GListModel   *rd_audit_page_get_shown      (RdAuditPage *self);
RdAuditCheck  rd_audit_page_get_check      (RdAuditPage *self);
const char   *rd_audit_page_get_check_text (RdAuditPage *self);

G_END_DECLS
