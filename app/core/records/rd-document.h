/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-page-image.h"

G_BEGIN_DECLS

#define RD_TYPE_DOCUMENT (rd_document_get_type ())
G_DECLARE_FINAL_TYPE (RdDocument, rd_document, RD, DOCUMENT, GObject)

#define RD_DOCUMENT_ERROR (rd_document_error_quark ())
GQuark rd_document_error_quark (void);

/**
 * RdDocumentError:
 * @RD_DOCUMENT_ERROR_NOT_PDF: the bytes are not a PDF document at all
 * @RD_DOCUMENT_ERROR_DAMAGED: a PDF that Poppler cannot read
 * @RD_DOCUMENT_ERROR_ENCRYPTED: the PDF is encrypted and no password was given
 * @RD_DOCUMENT_ERROR_BAD_PASSWORD: the password given does not open the PDF
 * @RD_DOCUMENT_ERROR_NO_PAGES: the PDF opens but has no pages
 * @RD_DOCUMENT_ERROR_TOO_LARGE: the file is above the record size limit
 * @RD_DOCUMENT_ERROR_PAGE: a page index outside the document, or a page that
 *   does not render
 */
typedef enum {
  RD_DOCUMENT_ERROR_NOT_PDF,
  RD_DOCUMENT_ERROR_DAMAGED,
  RD_DOCUMENT_ERROR_ENCRYPTED,
  RD_DOCUMENT_ERROR_BAD_PASSWORD,
  RD_DOCUMENT_ERROR_NO_PAGES,
  RD_DOCUMENT_ERROR_TOO_LARGE,
  RD_DOCUMENT_ERROR_PAGE,
} RdDocumentError;

/**
 * RdJobPriority:
 * @RD_JOB_PRIORITY_VISIBLE: a page on screen
 * @RD_JOB_PRIORITY_NEIGHBOUR: a page next to the visible ones, in the scroll direction
 * @RD_JOB_PRIORITY_THUMBNAIL: a thumbnail
 * @RD_JOB_PRIORITY_BACKGROUND: text extraction for the search index
 *
 * The worker always runs the most urgent queued job next; jobs of equal
 * priority run in the order they were asked for.
 */
typedef enum {
  RD_JOB_PRIORITY_VISIBLE,
  RD_JOB_PRIORITY_NEIGHBOUR,
  RD_JOB_PRIORITY_THUMBNAIL,
  RD_JOB_PRIORITY_BACKGROUND,
} RdJobPriority;

/**
 * RdRect:
 *
 * A rectangle on a page, in PDF points (1/72 inch) from the page's top-left
 * corner, as displayed (after the page's rotation).
 */
typedef struct {
  double x;
  double y;
  double width;
  double height;
} RdRect;

/**
 * RdSelectionMode:
 * @RD_SELECTION_TEXT: the text flowing from the area's top-left corner (where
 *   the pointer went down) to its bottom-right corner, as a text selection
 * @RD_SELECTION_AREA: the rectangle itself, e.g. on a scanned page, with the
 *   text inside it (often none)
 */
typedef enum {
  RD_SELECTION_TEXT,
  RD_SELECTION_AREA,
} RdSelectionMode;

/**
 * RdSelection:
 * @text: the quoted text (UTF-8, may be empty)
 * @rects: (element-type RdRect): the region covered, one rectangle per line
 *   for a text selection
 */
typedef struct {
  char   *text;
  GArray *rects;
} RdSelection;

void rd_selection_free (RdSelection *selection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSelection, rd_selection_free)

/**
 * RdProgressFunc:
 *
 * Reports @done of @total steps; called on the main context of the operation.
 */
typedef void (*RdProgressFunc) (guint    done,
                                guint    total,
                                gpointer user_data);

guint        rd_document_get_n_open        (void);
gboolean     rd_document_check_header      (GBytes               *bytes,
                                            GError              **error);

void         rd_document_open_async        (GBytes               *bytes,
                                            const char           *password,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
RdDocument  *rd_document_open_finish       (GAsyncResult         *result,
                                            GError              **error);

guint64      rd_document_get_id            (RdDocument           *self);
guint        rd_document_get_n_pages       (RdDocument           *self);
void         rd_document_get_page_size     (RdDocument           *self,
                                            guint                 page,
                                            double               *width,
                                            double               *height);
guint        rd_document_get_render_count  (RdDocument           *self);

void         rd_document_render_async      (RdDocument           *self,
                                            guint                 page,
                                            int                   width,
                                            RdJobPriority         priority,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
RdPageImage *rd_document_render_finish     (RdDocument           *self,
                                            GAsyncResult         *result,
                                            GError              **error);

void         rd_document_select_async      (RdDocument           *self,
                                            guint                 page,
                                            const RdRect         *area,
                                            RdSelectionMode       mode,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
RdSelection *rd_document_select_finish     (RdDocument           *self,
                                            GAsyncResult         *result,
                                            GError              **error);

void         rd_document_find_async        (RdDocument           *self,
                                            guint                 page,
                                            const char * const   *words,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GArray      *rd_document_find_finish       (RdDocument           *self,
                                            GAsyncResult         *result,
                                            GError              **error);

void         rd_document_extract_text_async  (RdDocument         *self,
                                              RdProgressFunc      progress,
                                              gpointer            progress_data,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
GPtrArray   *rd_document_extract_text_finish (RdDocument         *self,
                                              GAsyncResult       *result,
                                              GError            **error);

gboolean     rd_page_text_is_scan          (const char           *text);

G_END_DECLS
