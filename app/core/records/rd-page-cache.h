/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rd-page-image.h"

G_BEGIN_DECLS

#define RD_TYPE_PAGE_CACHE (rd_page_cache_get_type ())
G_DECLARE_FINAL_TYPE (RdPageCache, rd_page_cache, RD, PAGE_CACHE, GObject)

/**
 * RdPageCache:
 *
 * Rendered pages kept for reuse within a byte budget: when an insertion would
 * take the cache over its budget, the least recently used pages are released
 * first, so memory does not grow with the number of pages viewed. An image
 * larger than the whole budget is not kept at all. Keys are a document id (see
 * rd_document_get_id()), a page index and the rendered width in pixels, so the
 * same page at another zoom is another entry.
 *
 * Used from the main thread only.
 */
RdPageCache *rd_page_cache_new             (gsize        budget);
gsize        rd_page_cache_get_budget      (RdPageCache *self);
void         rd_page_cache_set_budget      (RdPageCache *self,
                                            gsize        budget);
gsize        rd_page_cache_get_size        (RdPageCache *self);
guint        rd_page_cache_get_n_pages     (RdPageCache *self);
RdPageImage *rd_page_cache_lookup          (RdPageCache *self,
                                            guint64      document_id,
                                            guint        page,
                                            int          width);
gboolean     rd_page_cache_contains        (RdPageCache *self,
                                            guint64      document_id,
                                            guint        page,
                                            int          width);
void         rd_page_cache_insert          (RdPageCache *self,
                                            guint64      document_id,
                                            int          width,
                                            RdPageImage *image);
void         rd_page_cache_remove_document (RdPageCache *self,
                                            guint64      document_id);
void         rd_page_cache_clear           (RdPageCache *self);

G_END_DECLS
