/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"
#include "rd-cite-target.h"

G_BEGIN_DECLS

#define RD_TYPE_RECORDS_PANE (rd_records_pane_get_type ())
G_DECLARE_FINAL_TYPE (RdRecordsPane, rd_records_pane, RD, RECORDS_PANE, AdwBin)

/*
 * RdRecordsPane: the records side of a case — a self-contained viewer for the
 * PDF records attached to one case file.
 *
 * What it does on its own: a record switcher, continuous pages, thumbnails,
 * a page number entry, zoom, search through the case's full-text index
 * (Ctrl+F anywhere in the window; Enter / Shift+Enter for the next / previous
 * hit), attaching records (button, file chooser, or files dropped on the pane)
 * with their text indexed in the background, and citing: drag over a page to
 * select a passage (or a rectangle on a scanned page, or with area selection
 * on), then "Cite for…" one of the host's targets. Rendering and text work run
 * on each record's own worker thread; rendered pages are kept within the
 * "render-cache-mib" setting.
 *
 * How a host uses it (the API below is the whole contract):
 *   - rd_records_pane_set_case_file(): the case to show; %NULL shows nothing.
 *     The pane only reads the case, except when it attaches a record, stores
 *     its page text or adds evidence, each through the RdCaseFile API.
 *   - rd_records_pane_set_cite_targets(): a GListModel of RdCiteTarget, the
 *     criteria and documentation items the reviewer may cite a passage for.
 *     Without targets, "Cite for…" says there is nothing to cite for yet.
 *   - #RdRecordsPane::evidence-added is emitted after a citation is stored,
 *     with the new evidence id, so the host can refresh its evidence chips.
 *   - rd_records_pane_show_evidence(): what an evidence chip calls: opens the
 *     record at the cited page with the region highlighted, or says in a
 *     toast that the evidence is no longer in the case.
 *   - rd_records_pane_search(): what a criterion's "Find support" calls.
 *   - rd_records_pane_attach_file(): attaches a file the host received, e.g.
 *     dropped on the window outside the pane.
 */

GtkWidget   *rd_records_pane_new               (void);

void         rd_records_pane_set_case_file     (RdRecordsPane *self,
                                                RdCaseFile    *case_file);
RdCaseFile  *rd_records_pane_get_case_file     (RdRecordsPane *self);

void         rd_records_pane_set_cite_targets  (RdRecordsPane *self,
                                                GListModel    *targets);
GListModel  *rd_records_pane_get_cite_targets  (RdRecordsPane *self);

gboolean     rd_records_pane_show_evidence     (RdRecordsPane *self,
                                                gint64         evidence_id);
void         rd_records_pane_search            (RdRecordsPane *self,
                                                const char    *query);
void         rd_records_pane_attach_file       (RdRecordsPane *self,
                                                GFile         *file);
void         rd_records_pane_show_page         (RdRecordsPane *self,
                                                gint64         record_id,
                                                guint          page_number);

gint64       rd_records_pane_get_record_id     (RdRecordsPane *self);
guint        rd_records_pane_get_page_number   (RdRecordsPane *self);
double       rd_records_pane_get_zoom          (RdRecordsPane *self);
gboolean     rd_records_pane_get_busy          (RdRecordsPane *self);

G_END_DECLS
