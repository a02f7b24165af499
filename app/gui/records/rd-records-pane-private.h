/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-document.h"
#include "rd-page-cache.h"
#include "rd-page-view.h"
#include "rd-records-pane.h"

G_BEGIN_DECLS

/* Shared between rd-records-pane.c (records, properties, public API),
 * -pages.c (page list, thumbnails, zoom, scrolling), -search.c, -cite.c and
 * -attach.c (attaching, passwords, indexing). */

typedef enum {
  RD_ZOOM_FIT_WIDTH,
  RD_ZOOM_FIT_PAGE,
  RD_ZOOM_FREE,
} RdZoomMode;

struct _RdRecordsPane
{
  AdwBin           parent_instance;

  /* template */
  GtkToggleButton *thumbnails_button;
  GtkDropDown     *record_dropdown;
  GtkToggleButton *search_button;
  GtkWidget       *view_bar;
  GtkEntry        *page_entry;
  GtkLabel        *n_pages_label;
  GtkMenuButton   *zoom_button;
  GtkToggleButton *area_button;
  GtkMenuButton   *cite_button;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkRevealer     *results_revealer;
  GtkLabel        *hits_label;
  GtkListBox      *results_list;
  GtkRevealer     *progress_revealer;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkWidget       *password_button;
  GtkListView     *thumbnails_view;
  GtkScrolledWindow *pages_scroller;
  GtkListView     *pages_view;
  GtkPopover      *cite_popover;
  GtkLabel        *cite_quote_label;
  GtkListBox      *cite_list;

  GSettings       *settings;
  RdCaseFile      *case_file;
  GListModel      *cite_targets;
  GPtrArray       *records;          /* RdCaseRecord, as listed in the switcher */
  GtkStringList   *record_names;
  GHashTable      *passwords;        /* record id → password, for this session */
  gint64           remember_record;  /* store its password once it opens, as agreed */

  /* the record shown */
  gint64           record_id;
  RdDocument      *document;
  GCancellable    *open_cancellable;
  guint            open_serial;
  guint            target_page;      /* page index to show once open (G_MAXUINT: none) */
  GtkStringList   *page_labels;      /* one item per page: the list model of both views */
  GHashTable      *scanned_pages;    /* page index + 1 of each page without a text layer */
  GHashTable      *bound_pages;      /* RdPageView bound in the page list → itself */
  GHashTable      *bound_thumbnails; /* likewise in the thumbnails */
  guint            render_tick;
  RdPageCache     *cache;
  GPtrArray       *prefetches;       /* GCancellable of neighbour renders under way */
  guint            page;             /* index of the current page */
  double           last_scroll;
  int              scroll_direction; /* +1 down, -1 up */
  guint            align_page;       /* page to bring to the top once laid out */
  guint            align_tick;
  guint            align_attempts;
  guint            align_settled;
  guint            thumbnail_tick;   /* brings the current page's thumbnail into view */
  guint            thumbnail_attempts;

  guint            zoom_tick;
  RdZoomMode       zoom_mode;
  double           zoom;             /* 1.0 = 100 % = 96 pixels per inch */
  double           pixels_per_point; /* what the pages are laid out at */

  /* search */
  GPtrArray       *hits;             /* RdCaseSearchHit */
  char           **hit_words;
  int              hit_index;

  /* citing */
  guint            selection_page;
  RdSelection     *selection;
  GCancellable    *select_cancellable;
  gint64           evidence_record;  /* the evidence shown, on its record's page */
  guint            evidence_page;
  RdRect           evidence_rect;

  /* attaching and indexing */
  GQueue           index_queue;      /* record ids waiting to be indexed */
  gint64           indexing_record;
  GCancellable    *index_cancellable;
  guint            n_busy;
};

/* rd-records-pane.c */
void         _rd_records_pane_reload_records    (RdRecordsPane *self,
                                                 gint64         show_record_id);
void         _rd_records_pane_open_record       (RdRecordsPane *self,
                                                 gint64         record_id,
                                                 guint          page);
void         _rd_records_pane_show_document     (RdRecordsPane *self,
                                                 gint64         record_id,
                                                 RdDocument    *document,
                                                 guint          page);
RdCaseRecord *_rd_records_pane_find_record      (RdRecordsPane *self,
                                                 gint64         record_id);
void         _rd_records_pane_toast             (RdRecordsPane *self,
                                                 const char    *message);
void         _rd_records_pane_busy              (RdRecordsPane *self,
                                                 gboolean       busy);
void         _rd_records_pane_update_actions    (RdRecordsPane *self);
gboolean     _rd_records_pane_can_store_password (RdRecordsPane *self);
void         _rd_records_pane_notify_page       (RdRecordsPane *self);
void         _rd_records_pane_notify_zoom       (RdRecordsPane *self);
void         _rd_records_pane_emit_evidence_added (RdRecordsPane *self,
                                                 gint64         evidence_id);
gboolean     _rd_records_pane_is_scanned        (RdRecordsPane *self,
                                                 guint          page);

/* rd-records-pane-pages.c */
void         _rd_records_pane_pages_init        (RdRecordsPane *self);
void         _rd_records_pane_pages_class_init  (GtkWidgetClass *widget_class);
void         _rd_records_pane_pages_dispose     (RdRecordsPane *self);
void         _rd_records_pane_set_pages         (RdRecordsPane *self,
                                                 guint          first_page);
void         _rd_records_pane_scroll_to_page    (RdRecordsPane *self,
                                                 guint          page);
void         _rd_records_pane_refresh_page      (RdRecordsPane *self,
                                                 RdPageView    *view);
RdPageView  *_rd_records_pane_find_page_view    (RdRecordsPane *self,
                                                 guint          page);
void         _rd_records_pane_cancel_prefetches (RdRecordsPane *self);

/* rd-records-pane-search.c */
void         _rd_records_pane_search_init       (RdRecordsPane *self);
void         _rd_records_pane_search_class_init (GtkWidgetClass *widget_class);
void         _rd_records_pane_search_dispose    (RdRecordsPane *self);
void         _rd_records_pane_highlight_hits    (RdRecordsPane *self,
                                                 RdPageView    *view);
void         _rd_records_pane_search_again      (RdRecordsPane *self);

/* rd-records-pane-cite.c */
void         _rd_records_pane_cite_init         (RdRecordsPane *self);
void         _rd_records_pane_cite_class_init   (GtkWidgetClass *widget_class);
void         _rd_records_pane_cite_dispose      (RdRecordsPane *self);
void         _rd_records_pane_page_selected     (RdRecordsPane *self,
                                                 RdPageView    *view,
                                                 double         x1,
                                                 double         y1,
                                                 double         x2,
                                                 double         y2);
void         _rd_records_pane_highlight_cited   (RdRecordsPane *self,
                                                 RdPageView    *view);
void         _rd_records_pane_clear_selection   (RdRecordsPane *self);

/* rd-records-pane-attach.c */
void         _rd_records_pane_attach_init       (RdRecordsPane *self);
void         _rd_records_pane_attach_class_init (GtkWidgetClass *widget_class);
void         _rd_records_pane_attach_dispose    (RdRecordsPane *self);
void         _rd_records_pane_attach_reset      (RdRecordsPane *self);
void         _rd_records_pane_index_missing     (RdRecordsPane *self);
void         _rd_records_pane_ask_password      (RdRecordsPane *self,
                                                 gint64         record_id,
                                                 GFile         *file,
                                                 const char    *message,
                                                 gboolean       remember);
void         _rd_records_pane_remember_password (RdRecordsPane *self,
                                                 gint64         record_id,
                                                 const char    *password);

G_END_DECLS
