/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rd-case-page.h"
#include "rd-criteria-page.h"
#include "rd-document.h"
#include "rd-page-view.h"
#include "rd-preferences-window.h"
#include "rd-records-pane.h"
#include "rd-test-case.h"
#include "rd-test-gui.h"
#include "rd-test-pdf.h"
#include "rd-window.h"

#define N_PAGES 60

typedef struct {
  char          *dir;
  char          *path;
  RdCaseFile    *case_file;
  GtkWindow     *window;
  RdRecordsPane *pane;
  gint64         evidence_id;
  const char    *cite_title;     /* the target a passage is being cited for */
} Fixture;

static gboolean
pane_idle (gpointer data)
{
  Fixture *fixture = data;
  return !rd_records_pane_get_busy (fixture->pane);
}

static void
wait_idle (Fixture *fixture)
{
  g_assert_true (rd_test_gui_wait_for (pane_idle, fixture, 30000));
}

static gboolean
documents_closed (gpointer data)
{
  return rd_document_get_n_open () == 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rd_test_case_dir ();
  fixture->path = g_build_filename (fixture->dir, "case.rdcase", NULL);
  fixture->case_file = rd_test_case_new (fixture->path);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 700, 900);
  fixture->pane = g_object_ref_sink (RD_RECORDS_PANE (rd_records_pane_new ()));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->pane));
  gtk_window_present (fixture->window);
  rd_records_pane_set_case_file (fixture->pane, fixture->case_file);
  rd_test_gui_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (fixture->window);
  /* Closing stops attaching and indexing at once. */
  wait_idle (fixture);
  rd_test_gui_spin ();
  g_clear_object (&fixture->pane);
  g_clear_object (&fixture->case_file);
  /* Closing lets go of every record, once the pages being drawn are done. */
  g_assert_true (rd_test_gui_wait_for (documents_closed, NULL, 60000));
  rd_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
attach_record (Fixture *fixture,
               guint    n_pages)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (n_pages);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "progress-notes.pdf", pdf);

  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), >, 0);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 gboolean (*match) (GtkWidget *widget, gconstpointer data),
                 gconstpointer data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && (match == NULL || match (child, data)))
        return child;
      if ((found = find_descendant (child, type, match, data)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

static gboolean
is_page_list (GtkWidget     *widget,
              gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "records-pages");
}

static gboolean
is_thumbnail_list (GtkWidget     *widget,
                   gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "records-thumbnails");
}

/* The view of @page in a list of the pane, if bound and on screen. */
static RdPageView *
find_page_view (Fixture *fixture,
                gboolean (*is_list) (GtkWidget *widget, gconstpointer data),
                guint    page)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_VIEW, is_list, NULL);
  GtkWidget *view;

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      /* A page is the row's child; a thumbnail is the first child of the row's box. */
      view = gtk_widget_get_first_child (row);
      if (view != NULL && !RD_IS_PAGE_VIEW (view))
        view = gtk_widget_get_first_child (view);
      if (view != NULL && RD_IS_PAGE_VIEW (view) && gtk_widget_get_mapped (view) &&
          rd_page_view_get_page (RD_PAGE_VIEW (view)) == page)
        return RD_PAGE_VIEW (view);
    }
  return NULL;
}

/* The page of the continuous list (not a thumbnail) showing @page, if bound. */
static RdPageView *
page_view (Fixture *fixture,
           guint    page)
{
  return find_page_view (fixture, is_page_list, page);
}

typedef struct {
  Fixture    *fixture;
  guint       page;
  RdPageLayer layer;
} PageCheck;

static gboolean
page_shown_at_top (gpointer data)
{
  PageCheck *check = data;
  RdPageView *view = page_view (check->fixture, check->page);
  GtkWidget *list;
  graphene_rect_t bounds;
  GdkTexture *texture;

  if (view == NULL || (texture = rd_page_view_get_texture (view)) == NULL)
    return FALSE;
  list = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  if (!gtk_widget_compute_bounds (GTK_WIDGET (view), list, &bounds))
    return FALSE;
  /* Sharp: rendered at the size drawn, in device pixels. */
  return gdk_texture_get_width (texture) == rd_page_view_get_render_width (view) &&
         bounds.origin.y >= 0 && bounds.origin.y < 30;
}

static gboolean
page_has_layer (gpointer data)
{
  PageCheck *check = data;
  RdPageView *view = page_view (check->fixture, check->page);

  return view != NULL && rd_page_view_get_n_rects (view, check->layer) > 0;
}

static gboolean
thumbnail_shown (gpointer data)
{
  PageCheck *check = data;
  RdPageView *view = find_page_view (check->fixture, is_thumbnail_list, check->page);

  return view != NULL && rd_page_view_get_texture (view) != NULL;
}

static void
assert_page_shown (Fixture *fixture,
                   guint    page_number)
{
  PageCheck check = { fixture, page_number - 1, 0 };

  g_assert_cmpuint (rd_records_pane_get_page_number (fixture->pane), ==, page_number);
  g_assert_true (rd_test_gui_wait_for (page_shown_at_top, &check, 10000));
  g_assert_cmpuint (rd_records_pane_get_page_number (fixture->pane), ==, page_number);
}

static void
test_records_pane_open_and_jump (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  PageCheck thumbnail = { fixture, 11, 0 };
  GtkWidget *entry, *thumbnails;
  double zoom;
  RdPageView *view;
  int width;

  attach_record (fixture, N_PAGES);
  records = rd_case_file_list_records (fixture->case_file, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  /* Indexed in the background while the first page was shown. */
  g_assert_cmpuint (((RdCaseRecord *) g_ptr_array_index (records, 0))->n_pages_indexed, ==, N_PAGES);
  assert_page_shown (fixture, 1);

  /* Typing a page number and Enter jumps there. */
  entry = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_ENTRY, NULL, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "45");
  g_signal_emit_by_name (entry, "activate");
  assert_page_shown (fixture, 45);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.go-to-page", "u", 12));
  assert_page_shown (fixture, 12);

  /* Thumbnails, once shown, show the pages around the current one. */
  thumbnails = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_TOGGLE_BUTTON, has_tooltip, "Show Thumbnails");
  g_assert_nonnull (thumbnails);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (thumbnails), TRUE);
  g_assert_true (rd_test_gui_wait_for (thumbnail_shown, &thumbnail, 10000));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (thumbnails), FALSE);
  rd_test_gui_spin ();

  /* Zooming in keeps the page and renders it larger. */
  view = page_view (fixture, 11);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  zoom = rd_records_pane_get_zoom (fixture->pane);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.zoom-in", NULL));
  g_assert_cmpfloat (rd_records_pane_get_zoom (fixture->pane), >, zoom);
  assert_page_shown (fixture, 12);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page_view (fixture, 11))), >, width);
}

/* ---- zoom, as the reader zooms: keys and the wheel ---- */

#define PAGE_MARGIN 12  /* around each page in the list, as the pane lays it out */

static GtkWidget *
pages_scroller (Fixture *fixture)
{
  GtkWidget *scroller = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_SCROLLED_WINDOW, has_class,
                                         "records-pages-scroller");

  g_assert_nonnull (scroller);
  return scroller;
}

static const char *
zoom_label (Fixture *fixture)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_MENU_BUTTON, has_tooltip, "Zoom");

  g_assert_nonnull (button);
  return gtk_menu_button_get_label (GTK_MENU_BUTTON (button));
}

typedef struct {
  Fixture    *fixture;
  const char *label;   /* what the zoom button says */
  int         width;   /* how wide the current page is, in pixels; 0: any */
} ZoomCheck;

static gboolean
zoom_shown (gpointer data)
{
  ZoomCheck *check = data;
  RdPageView *view = page_view (check->fixture, rd_records_pane_get_page_number (check->fixture->pane) - 1);

  return g_strcmp0 (zoom_label (check->fixture), check->label) == 0 && view != NULL &&
         (check->width == 0 || gtk_widget_get_width (GTK_WIDGET (view)) == check->width);
}

/* The zoom button says @label and the current page is @percent of its size
 * at 100 % (a US Letter page, 612 points: 816 pixels wide). */
static void
assert_zoom (Fixture    *fixture,
             const char *label,
             int         percent)
{
  ZoomCheck check = { fixture, label, percent ? (int) ceil (612 * percent / 100.0 * 96 / 72) : 0 };

  if (!rd_test_gui_wait_for (zoom_shown, &check, 10000))
    g_error ("The zoom says “%s” and the page is %d pixels wide; expected “%s” and %d",
             zoom_label (fixture),
             gtk_widget_get_width (GTK_WIDGET (page_view (fixture, rd_records_pane_get_page_number (fixture->pane) - 1))),
             label, check.width);
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

typedef struct {
  Fixture *fixture;
  gboolean width;   /* fit the width, else the whole page */
} FitCheck;

/* The current page fits the view as asked: its width fills the view (less
 * the margins), or the whole page is in view with its height filling it. */
static gboolean
page_fits (gpointer data)
{
  FitCheck *check = data;
  GtkWidget *scroller = pages_scroller (check->fixture);
  RdPageView *view = page_view (check->fixture, rd_records_pane_get_page_number (check->fixture->pane) - 1);
  int view_width = gtk_widget_get_width (scroller);
  int view_height = gtk_widget_get_height (scroller);
  graphene_rect_t bounds;

  if (view == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (view), scroller, &bounds))
    return FALSE;
  if (check->width)
    return fabs (bounds.size.width - (view_width - 2 * PAGE_MARGIN)) <= 1 &&
           bounds.origin.x >= 0 && bounds.origin.x + bounds.size.width <= view_width;
  return fabs (bounds.size.height - (view_height - 2 * PAGE_MARGIN)) <= 1 && bounds.size.width < view_width &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= view_height;
}

static void
assert_page_fits (Fixture  *fixture,
                  gboolean  width)
{
  FitCheck check = { fixture, width };

  g_assert_true (rd_test_gui_wait_for (page_fits, &check, 10000));
}

static double
scroll_position (Fixture *fixture)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (pages_scroller (fixture))));
}

typedef struct {
  Fixture *fixture;
  double   beyond;     /* the position to pass */
  int      direction;  /* +1: further down than @beyond, -1: further up */
} ScrollCheck;

static gboolean
scrolled_beyond (gpointer data)
{
  ScrollCheck *check = data;
  double position = scroll_position (check->fixture);

  return check->direction > 0 ? position > check->beyond + 1 : position < check->beyond - 1;
}

static gboolean
timed_out (gpointer data)
{
  return FALSE;
}

/* Waits until a scroll (GTK animates those by a screen) has come to rest. */
static void
wait_scroll_settled (Fixture *fixture)
{
  double last = scroll_position (fixture);

  for (guint still = 0, i = 0; still < 3 && i < 100; i++)
    {
      rd_test_gui_wait_for (timed_out, NULL, 50);
      still = fabs (scroll_position (fixture) - last) < 0.5 ? still + 1 : 0;
      last = scroll_position (fixture);
    }
}

/* Presses @key (or turns the wheel when @key is NULL) and checks that the page
 * list scrolled, by about a screen when @screen. */
static void
assert_key_scrolls (Fixture    *fixture,
                    const char *key,
                    int         direction,
                    gboolean    screen)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (pages_scroller (fixture)));
  ScrollCheck check = { fixture, scroll_position (fixture), direction };
  double moved;

  if (key != NULL)
    rd_test_gui_real_keys (pages_scroller (fixture), key, NULL);
  else
    rd_test_gui_real_wheel (pages_scroller (fixture), FALSE, 3 * direction);
  if (!rd_test_gui_wait_for (scrolled_beyond, &check, 5000))
    g_error ("%s did not scroll the pages %s", key ? key : "The wheel", direction > 0 ? "down" : "up");
  wait_scroll_settled (fixture);
  moved = fabs (scroll_position (fixture) - check.beyond);
  if (screen)
    g_assert_cmpfloat (moved, >, gtk_adjustment_get_page_size (adjustment) / 2);
  else
    g_assert_cmpfloat (moved, <, gtk_adjustment_get_page_size (adjustment) / 2);
}

/* Zoom as a reader zooms: a click in the pages, then Ctrl+Plus, Ctrl+Minus
 * and Ctrl+0 on the keyboard and Ctrl with the mouse wheel, sent as real input
 * through the X server; the wheel alone scrolls. Fit Width and Fit Page (the
 * zoom menu's items) fit the page to the view. */
static void
test_records_pane_zoom (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *scroller;
  int fit_width;

  if (rd_test_gui_skip_without_real_input ())
    return;
  attach_record (fixture, 12);
  assert_page_shown (fixture, 1);
  scroller = pages_scroller (fixture);

  /* A record opens fitting the width. */
  assert_zoom (fixture, "Fit Width", 0);
  assert_page_fits (fixture, TRUE);
  fit_width = gtk_widget_get_width (GTK_WIDGET (page_view (fixture, 0)));

  /* Clicked, the pages take the keyboard. */
  rd_test_gui_real_click (scroller);
  g_assert_true (rd_test_gui_wait_for (has_focus, scroller, 5000));

  /* Ctrl+Plus: the next step above the fitted width (about 83 % here). */
  rd_test_gui_real_keys (scroller, "ctrl+plus", NULL);
  assert_zoom (fixture, "100 %", 100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page_view (fixture, 0))), >, fit_width);
  rd_test_gui_real_keys (scroller, "ctrl+plus", NULL);
  assert_zoom (fixture, "125 %", 125);
  rd_test_gui_real_keys (scroller, "ctrl+minus", NULL);
  assert_zoom (fixture, "100 %", 100);
  rd_test_gui_real_keys (scroller, "ctrl+minus", NULL);
  assert_zoom (fixture, "75 %", 75);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page_view (fixture, 0))), <, fit_width);
  /* Ctrl+= is Ctrl+Plus without Shift, as on most keyboards. */
  rd_test_gui_real_keys (scroller, "ctrl+equal", NULL);
  assert_zoom (fixture, "100 %", 100);
  rd_test_gui_real_keys (scroller, "ctrl+0", NULL);
  assert_zoom (fixture, "Fit Width", 0);
  assert_page_fits (fixture, TRUE);

  /* Ctrl and the wheel: away from the reader zooms in, towards zooms out. */
  rd_test_gui_real_wheel (scroller, TRUE, -1);
  assert_zoom (fixture, "100 %", 100);
  rd_test_gui_real_wheel (scroller, TRUE, 2);
  assert_zoom (fixture, "50 %", 50);
  g_assert_cmpuint (rd_records_pane_get_page_number (fixture->pane), ==, 1);

  /* The wheel alone scrolls and leaves the zoom alone. */
  assert_key_scrolls (fixture, NULL, 1, FALSE);
  assert_zoom (fixture, "50 %", 50);
  assert_key_scrolls (fixture, NULL, -1, FALSE);
  assert_zoom (fixture, "50 %", 50);

  /* Fit Page: the whole page in view, as tall as the view allows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.zoom-fit-page", NULL));
  assert_zoom (fixture, "Fit Page", 0);
  assert_page_fits (fixture, FALSE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page_view (fixture, 0))), <, fit_width);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.zoom-fit-width", NULL));
  assert_zoom (fixture, "Fit Width", 0);
  assert_page_fits (fixture, TRUE);
}

static void
remember_evidence (RdRecordsPane *pane,
                   gint64         evidence_id,
                   Fixture       *fixture)
{
  fixture->evidence_id = evidence_id;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
cite_row_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *row = find_descendant (GTK_WIDGET (fixture->pane), ADW_TYPE_ACTION_ROW, is_row_titled,
                                    fixture->cite_title);
  return row != NULL && gtk_widget_get_mapped (row);
}

static gboolean
evidence_added (gpointer data)
{
  Fixture *fixture = data;
  return fixture->evidence_id != 0;
}

/* Drags along line 10 of a page (index @page), from its first letter to its
 * last, and cites the selection for the target titled @title. */
static void
cite_line_10 (Fixture    *fixture,
              guint       page,
              const char *title)
{
  PageCheck check = { fixture, page, RD_PAGE_LAYER_SELECTION };
  GtkWidget *row;

  fixture->evidence_id = 0;
  fixture->cite_title = title;
  g_signal_emit_by_name (page_view (fixture, page), "selected", 72.0, 245.0, 462.0, 246.0);
  g_assert_true (rd_test_gui_wait_for (page_has_layer, &check, 10000));
  g_assert_true (rd_test_gui_wait_for (cite_row_shown, fixture, 5000));
  row = find_descendant (GTK_WIDGET (fixture->pane), ADW_TYPE_ACTION_ROW, is_row_titled, title);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_true (rd_test_gui_wait_for (evidence_added, fixture, 5000));
}

static void
test_records_pane_search_cite_follow (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GListStore) targets = g_list_store_new (RD_TYPE_CITE_TARGET);
  g_autoptr(RdCiteTarget) target = rd_cite_target_new (RD_EVIDENCE_TARGET_CRITERION, "bsc-7.01.41",
                                                       "c-oral-failure", "Failed oral baclofen", NULL);
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(RdCaseFile) reopened = NULL;
  g_autoptr(GError) error = NULL;
  PageCheck check = { fixture, 6, RD_PAGE_LAYER_SEARCH };
  RdCaseEvidence *cited;

  attach_record (fixture, N_PAGES);
  g_list_store_append (targets, target);
  rd_records_pane_set_cite_targets (fixture->pane, G_LIST_MODEL (targets));
  g_signal_connect (fixture->pane, "evidence-added", G_CALLBACK (remember_evidence), fixture);

  /* Find support: the hit's page is shown with the words highlighted. */
  rd_records_pane_search (fixture->pane, "oral baclofen");
  assert_page_shown (fixture, 7);
  g_assert_true (rd_test_gui_wait_for (page_has_layer, &check, 10000));

  /* Select line 10 of page 7, the one about oral baclofen, and cite it. */
  cite_line_10 (fixture, 6, "Failed oral baclofen");

  /* Stored, and still there when the case is opened again. */
  reopened = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  evidence = rd_case_file_list_evidence (reopened, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);
  cited = g_ptr_array_index (evidence, 0);
  g_assert_cmpint (cited->id, ==, fixture->evidence_id);
  g_assert_cmpint (cited->record_id, ==, rd_records_pane_get_record_id (fixture->pane));
  g_assert_cmpuint (cited->page_number, ==, 7);
  g_assert_nonnull (strstr (cited->quote, "Oral baclofen at the highest tolerated dose failed"));
  g_assert_null (strstr (cited->quote, "Line"));
  g_test_message ("quote “%s” at %g,%g %gx%g", cited->quote, cited->x, cited->y, cited->width, cited->height);
  g_assert_cmpfloat (cited->y, >, 230);
  g_assert_cmpfloat (cited->y + cited->height, <, 262);
  g_assert_cmpstr (cited->policy_id, ==, "bsc-7.01.41");
  g_assert_cmpstr (cited->target_id, ==, "c-oral-failure");
  g_assert_cmpint (cited->target_kind, ==, RD_EVIDENCE_TARGET_CRITERION);

  /* Elsewhere in the record, the evidence chip brings the cited region back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.go-to-page", "u", 40));
  assert_page_shown (fixture, 40);
  g_assert_true (rd_records_pane_show_evidence (fixture->pane, fixture->evidence_id));
  assert_page_shown (fixture, 7);
  check.layer = RD_PAGE_LAYER_EVIDENCE;
  g_assert_true (rd_test_gui_wait_for (page_has_layer, &check, 5000));
}

/* Pages without a text layer say that they are scans. */
static void
test_records_pane_scans (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new (30, rd_test_pdf_scan_tenths, NULL);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "faxed-notes.pdf", pdf);

  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.go-to-page", "u", 20));
  assert_page_shown (fixture, 20);
  g_assert_true (rd_page_view_get_scanned (page_view (fixture, 19)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.go-to-page", "u", 21));
  assert_page_shown (fixture, 21);
  g_assert_false (rd_page_view_get_scanned (page_view (fixture, 20)));

  /* Opened again, the flags come from the case file. */
  rd_records_pane_set_case_file (fixture->pane, NULL);
  rd_records_pane_set_case_file (fixture->pane, fixture->case_file);
  wait_idle (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.go-to-page", "u", 10));
  assert_page_shown (fixture, 10);
  g_assert_true (rd_page_view_get_scanned (page_view (fixture, 9)));
}

typedef struct {
  Fixture *fixture;
  gint64   record_id;
} RecordCheck;

static gboolean
record_shown (gpointer data)
{
  RecordCheck *check = data;
  return rd_records_pane_get_record_id (check->fixture->pane) == check->record_id &&
         page_view (check->fixture, 0) != NULL;
}

/* With several records, the switcher shows each; the same file twice is one record. */
static void
test_records_pane_switcher (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) scans = rd_test_pdf_new (20, rd_test_pdf_scan_tenths, NULL);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "faxed-notes.pdf", scans);
  g_autoptr(GPtrArray) records = NULL;
  GtkWidget *dropdown = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_DROP_DOWN, NULL, NULL);
  RecordCheck check = { fixture, 0 };

  g_assert_nonnull (dropdown);
  attach_record (fixture, 12);
  check.record_id = rd_records_pane_get_record_id (fixture->pane);
  g_assert_false (gtk_widget_get_sensitive (dropdown));
  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), !=, check.record_id);
  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  records = rd_case_file_list_records (fixture->case_file, NULL);
  g_assert_cmpuint (records->len, ==, 2);

  g_assert_true (gtk_widget_get_sensitive (dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))), ==, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  g_assert_true (rd_test_gui_wait_for (record_shown, &check, 10000));
  g_assert_cmpuint (rd_records_pane_get_page_number (fixture->pane), ==, 1);
}

static gboolean
dialog_shown (gpointer data)
{
  return rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The case file as it is on disk: the database and, while it is open, its
 * write-ahead log, where any change would go first. */
static char *
case_digest (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  const char *files[] = { path, wal };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (files[i], &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, length);
      else
        g_assert_true (i > 0);
      g_checksum_update (checksum, (const guchar *) "|", 1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* Closes the case, as after quitting, and opens it again in the pane;
 * returns the digest of the file while it was closed. */
static char *
closed_case_digest (Fixture *fixture)
{
  char *digest;

  rd_records_pane_set_case_file (fixture->pane, NULL);
  wait_idle (fixture);
  rd_case_file_close (fixture->case_file);
  digest = case_digest (fixture->path);
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  rd_records_pane_set_case_file (fixture->pane, fixture->case_file);
  wait_idle (fixture);
  return digest;
}

static const char *
pane_state (Fixture *fixture)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_STACK, NULL, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Attaches @name holding @bytes through the pane, as the file chooser and a
 * drop do, and checks that it is refused: a dialog names the file, says what
 * is wrong (@problem) and what to do (@advice); nothing is attached and the
 * case on disk is as it was. */
static void
assert_not_attached (Fixture    *fixture,
                     const char *name,
                     GBytes     *bytes,
                     const char *problem,
                     const char *advice)
{
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, name, bytes);
  g_autofree char *before = case_digest (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) records = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  rd_records_pane_attach_file (fixture->pane, file);
  dialog = rd_test_gui_wait_for_message_dialog ();
  wait_idle (fixture);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s: %s", name, body);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Record Not Attached");
  if (strstr (body, name) == NULL || strstr (body, problem) == NULL || strstr (body, advice) == NULL)
    g_error ("The message “%s” should name %s, say “%s” and “%s”", body, name, problem, advice);
  rd_test_gui_respond (dialog, "close");

  records = rd_case_file_list_records (fixture->case_file, NULL);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), ==, 0);
  g_assert_cmpstr (pane_state (fixture), ==, "empty");
  after = case_digest (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* Files that are not records a nurse can read are refused with a message
 * that says why and what to do, and the case is left as it was: a text file
 * and a photo, a damaged PDF, a PDF without pages, and one above the size
 * limit (a setting, lowered here to 1 MiB). */
static void
test_records_pane_bad_record (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Typed referral, not a PDF.\n", 27);
  g_autoptr(GBytes) png = rd_test_png_new ();
  g_autoptr(GBytes) damaged = rd_test_pdf_new_damaged ();
  g_autoptr(GBytes) no_pages = rd_test_pdf_new_no_pages ();
  g_autoptr(GBytes) large = rd_test_pdf_new_at_least (3 << 19);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RdReviewerSession) session = NULL;
  g_autofree char *closed_before = NULL;
  g_autofree char *closed_after = NULL;
  g_autofree char *large_path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *preferences, *row, *spin;

  closed_before = closed_case_digest (fixture);
  g_assert_cmpstr (pane_state (fixture), ==, "empty");

  assert_not_attached (fixture, "referral.pdf", text, "is not a PDF document", "Attach the records as PDF");
  assert_not_attached (fixture, "wound-photo.png", png, "is not a PDF document", "Attach the records as PDF");
  assert_not_attached (fixture, "discharge-summary.pdf", damaged, "is damaged", "Ask the sender for a new copy");
  assert_not_attached (fixture, "empty-export.pdf", no_pages, "has no pages", "Ask the sender for the complete records");
  g_settings_set_uint (settings, "record-size-limit-mib", 1);
  /* (Sizes are written with a no-break space before the unit.) */
  assert_not_attached (fixture, "faxed-chart.pdf", large, "MiB, above the limit of 1.0",
                       "MiB for a record. Split the PDF, or raise “Largest record” in Preferences");

  /* Closed again, the case is byte for byte what it was. */
  closed_after = closed_case_digest (fixture);
  g_assert_cmpstr (closed_before, ==, closed_after);

  /* As the message says: “Largest record” raised in Preferences, the same
   * PDF is attached (only its size was refused). */
  session = rd_reviewer_session_new ();
  preferences = rd_preferences_window_new (fixture->window, settings, session);
  row = find_descendant (preferences, ADW_TYPE_ACTION_ROW, is_row_titled, "Largest record");
  g_assert_nonnull (row);
  spin = find_descendant (row, GTK_TYPE_SPIN_BUTTON, NULL, NULL);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "record-size-limit-mib"), ==, 2);
  gtk_window_destroy (GTK_WINDOW (preferences));
  large_path = g_build_filename (fixture->dir, "faxed-chart.pdf", NULL);
  file = g_file_new_for_path (large_path);
  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), >, 0);
  g_assert_null (rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_settings_reset (settings, "record-size-limit-mib");
}

/* Types @password into the password dialog on screen, which offers to
 * remember it (unticked), ticks that if @remember, and confirms. */
static void
answer_password (Fixture    *fixture,
                 const char *password,
                 gboolean    remember)
{
  AdwMessageDialog *dialog = rd_test_gui_wait_for_message_dialog ();
  GtkWidget *entry = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, NULL, NULL);
  GtkWidget *check = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, NULL, NULL);

  g_assert_nonnull (entry);
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_visible (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), remember);
  rd_test_gui_screenshot (GTK_WIDGET (dialog), "records-password");
  rd_test_gui_respond (dialog, "open");
  wait_idle (fixture);
}

/* Closes the case and opens it again in the pane, as after quitting. */
static void
reopen_case (Fixture *fixture)
{
  rd_records_pane_set_case_file (fixture->pane, NULL);
  wait_idle (fixture);
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  rd_records_pane_set_case_file (fixture->pane, fixture->case_file);
  wait_idle (fixture);
}

static gboolean
is_enter_password (GtkWidget     *widget,
                   gconstpointer  data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "records.enter-password") == 0;
}

static gboolean
password_asked (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *button = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_BUTTON, is_enter_password, NULL);

  return button != NULL && gtk_widget_get_mapped (button);
}

/* The record is not shown: the pane asks for its password, then the dialog does. */
static void
assert_password_asked (Fixture *fixture)
{
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), >, 0);
  g_assert_cmpuint (rd_records_pane_get_page_number (fixture->pane), ==, 0);
  g_assert_true (rd_test_gui_wait_for (password_asked, fixture, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.enter-password", NULL));
}

static gboolean
forget_enabled (gpointer data)
{
  Fixture *fixture = data;
  return rd_test_gui_action_enabled (GTK_WIDGET (fixture->pane), "records.forget-password");
}

static void
test_records_pane_encrypted (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (4);
  g_autoptr(GBytes) encrypted = rd_test_pdf_encrypt (pdf, "sesame");
  g_autoptr(GFile) file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWindow *dialog;
  GtkWidget *check;

  if (encrypted == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return;
    }
  file = rd_test_write_file (fixture->dir, "locked.pdf", encrypted);
  before = rd_test_file_digest (fixture->path);

  /* Asked for the password; cancelling leaves the case as it was. */
  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  g_assert_true (rd_test_gui_wait_for (dialog_shown, NULL, 5000));
  dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "locked.pdf"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (dialog);
  wait_idle (fixture);
  after = rd_test_file_digest (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), ==, 0);

  /* With the password it is attached and shown. */
  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  answer_password (fixture, "sesame", FALSE);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), >, 0);
  assert_page_shown (fixture, 1);
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (fixture->pane), "records.forget-password"));

  /* Not remembered: the password is asked for again after reopening, and is
   * nowhere in the case file. */
  reopen_case (fixture);
  g_assert_false (rd_test_file_contains (fixture->path, "sesame"));
  assert_password_asked (fixture);
  answer_password (fixture, "sesame", FALSE);
  assert_page_shown (fixture, 1);

  /* A case opened for reading only cannot keep it: the dialog does not offer to. */
  rd_records_pane_set_case_file (fixture->pane, NULL);
  wait_idle (fixture);
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);
  fixture->case_file = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, NULL);
  g_assert_nonnull (fixture->case_file);
  rd_records_pane_set_case_file (fixture->pane, fixture->case_file);
  wait_idle (fixture);
  assert_password_asked (fixture);
  dialog = GTK_WINDOW (rd_test_gui_wait_for_message_dialog ());
  check = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  g_assert_nonnull (check);
  g_assert_false (gtk_widget_get_visible (check));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (dialog);
}

#define REMEMBERED "Tulip-7734-sesame"

/* The record just opened with its password ticked to be remembered: once
 * stored, it opens without asking after the case is reopened. */
static void
assert_remembered (Fixture *fixture)
{
  assert_page_shown (fixture, 1);
  g_assert_true (rd_test_gui_wait_for (forget_enabled, fixture, 10000));
  reopen_case (fixture);
  g_assert_null (rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG));
  assert_page_shown (fixture, 1);
  g_assert_true (forget_enabled (fixture));
}

/* Ticking "Remember the password in this case file" stores it: the record
 * opens without asking after the case is reopened, until it is forgotten. */
static void
test_records_pane_remember_password (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (4);
  g_autoptr(GBytes) encrypted = rd_test_pdf_encrypt (pdf, REMEMBERED);
  g_autoptr(GFile) file = NULL;

  if (encrypted == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return;
    }
  file = rd_test_write_file (fixture->dir, "locked.pdf", encrypted);

  /* Remembered while attaching. */
  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  answer_password (fixture, REMEMBERED, TRUE);
  assert_remembered (fixture);

  /* Forgotten from the record menu: asked for again after reopening. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.forget-password", NULL));
  g_assert_false (forget_enabled (fixture));
  reopen_case (fixture);
  g_assert_false (rd_test_file_contains (fixture->path, REMEMBERED));
  assert_password_asked (fixture);

  /* Remembered when opening an attached record. */
  answer_password (fixture, REMEMBERED, TRUE);
  assert_remembered (fixture);
}

/* ---- the records beside the review: the case page hosts the pane ---- */

#define POLICY_ID "anthem-cg-surg-79"
#define CRITERION_ID "spas-oral-baclofen-failed"

/* The simple progress notes, with the support for the oral baclofen criterion
 * in the nurse's words on page 14, line 10. */
static char **
support_page (guint    page,
              gpointer user_data)
{
  char **lines = rd_test_pdf_simple_page (page, NULL);

  if (page == 13)
    {
      g_free (lines[10]);
      lines[10] = g_strdup ("Unresponsive to oral baclofen; cannot tolerate the dose that would relieve it.");
    }
  return lines;
}

static gboolean
case_page_shown (gpointer data)
{
  Fixture *fixture = data;
  return g_strcmp0 (rd_window_get_visible_page_name (RD_WINDOW (fixture->window)), "case") == 0;
}

/* A case under review for spasticity (policy anthem-cg-surg-79), opened in a
 * window as the reviewer opens one; the fixture's pane is the case page's. */
static void
case_fixture_set_up (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) policies = rd_policy_load_directory (NULL, &error);
  const char *indications[] = { "spasticity", NULL };
  g_autoptr(GFile) file = NULL;
  RdCaseFile *case_file;
  RdPolicy *policy;
  RdCasePage *page;

  g_assert_no_error (error);
  policy = rd_policy_find_in (policies, POLICY_ID);
  g_assert_nonnull (policy);
  fixture->dir = rd_test_case_dir ();
  fixture->path = g_build_filename (fixture->dir, "case.rdcase", NULL);
  case_file = rd_test_case_new (fixture->path);
  g_assert_true (rd_case_file_add_review (case_file, POLICY_ID, rd_policy_get_hash (policy), &error));
  g_assert_true (rd_case_file_set_indications (case_file, POLICY_ID, indications, &error));
  g_assert_no_error (error);
  g_object_unref (case_file);

  fixture->window = GTK_WINDOW (rd_window_new (rd_test_gui_application ()));
  gtk_window_set_default_size (fixture->window, 1280, 800);
  gtk_window_present (fixture->window);
  file = g_file_new_for_path (fixture->path);
  rd_window_open_case (RD_WINDOW (fixture->window), file);
  g_assert_true (rd_test_gui_wait_for (case_page_shown, fixture, 20000));
  page = rd_window_get_case_page (RD_WINDOW (fixture->window));
  fixture->pane = g_object_ref (RD_RECORDS_PANE (rd_case_page_get_records_pane (page)));
  fixture->case_file = g_object_ref (rd_case_page_get_case_file (page));
  g_assert_true (rd_case_page_get_records_pane (page) == GTK_WIDGET (fixture->pane));
  rd_test_gui_spin ();
}

static RdCiteTarget *
find_target (GListModel *targets,
             const char *target_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(RdCiteTarget) target = g_list_model_get_item (targets, i);
      if (g_str_equal (rd_cite_target_get_target_id (target), target_id))
        return target;
    }
  return NULL;
}

/* Drops @file on the window, outside the records pane, as a file manager does. */
static gboolean
drop_on_window (GtkWindow *window,
                GFile     *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);
  gboolean dropped = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 600.0, 400.0, &dropped);
          return dropped;
        }
    }
  g_assert_not_reached ();
}

typedef struct {
  RdCriterionRow *row;
  guint           n;
} EvidenceCount;

static gboolean
row_has_evidence (gpointer data)
{
  EvidenceCount *count = data;
  return rd_criterion_row_get_n_evidence (count->row) == count->n;
}

/* Clicks a button of the checklist as the reviewer does: its action, with its target. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate_action_variant (button, gtk_actionable_get_action_name (GTK_ACTIONABLE (button)),
                                                     gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button))));
}

#define CLOSED_TOAST "rd-test-closed"

/* A toast on screen that the test has not closed (one it closed may still be
 * on its way out). */
static gboolean
is_open_toast (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0 && gtk_widget_get_mapped (widget) &&
         g_object_get_data (G_OBJECT (widget), CLOSED_TOAST) == NULL;
}

static gboolean
is_closed_toast (GtkWidget     *widget,
                 gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0 && gtk_widget_get_mapped (widget) &&
         g_object_get_data (G_OBJECT (widget), CLOSED_TOAST) != NULL;
}

/* How many open toasts below @widget say that evidence is gone. */
static guint
count_gone_toasts_below (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label;

      if (is_open_toast (child, NULL) && (label = find_descendant (child, GTK_TYPE_LABEL, NULL, NULL)) != NULL &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "This evidence is no longer in the case"))
        n++;
      n += count_gone_toasts_below (child);
    }
  return n;
}

static guint
count_gone_toasts (Fixture *fixture)
{
  return count_gone_toasts_below (GTK_WIDGET (fixture->window));
}

static gboolean
gone_toast_shown (gpointer data)
{
  return count_gone_toasts (data) > 0;
}

static gboolean
open_toast_shown (gpointer data)
{
  Fixture *fixture = data;
  return find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_WIDGET, is_open_toast, NULL) != NULL;
}

/* A toast's close button (not its action button, e.g. "Preferences"). */
static gboolean
is_close_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

static gboolean
closed_toasts_gone (gpointer data)
{
  return find_descendant (data, GTK_TYPE_WIDGET, is_closed_toast, NULL) == NULL;
}

/* Closes the toasts on screen with their close buttons, as the reviewer
 * does, one at a time, each once it has finished sliding in (libadwaita 1.2
 * can crash when a toast is closed while it is still animating), and waits
 * until they have gone. A toast waiting in the queue may show meanwhile:
 * it is closed too, up to @max toasts. Returns how many were closed. */
static guint
close_toasts (Fixture *fixture,
              guint    max)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *toast, *button;
  guint n = 0;

  while (n < max && find_descendant (window, GTK_TYPE_WIDGET, is_open_toast, NULL) != NULL)
    {
      rd_test_gui_wait_for (timed_out, NULL, 600);
      if ((toast = find_descendant (window, GTK_TYPE_WIDGET, is_open_toast, NULL)) == NULL)
        break;
      g_object_set_data (G_OBJECT (toast), CLOSED_TOAST, GINT_TO_POINTER (TRUE));
      button = find_descendant (toast, GTK_TYPE_BUTTON, is_close_button, NULL);
      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
      n++;
      g_assert_true (rd_test_gui_wait_for (closed_toasts_gone, window, 10000));
    }
  return n;
}

static void
test_case_page_records (Fixture       *fixture,
                        gconstpointer  data)
{
  RdCasePage *page = rd_window_get_case_page (RD_WINDOW (fixture->window));
  RdCriteriaPage *criteria = RD_CRITERIA_PAGE (rd_case_page_get_step_page (page, "criteria:" POLICY_ID ":spasticity"));
  RdCriterionRow *row = rd_criteria_page_get_row (criteria, CRITERION_ID);
  GListModel *targets = rd_records_pane_get_cite_targets (fixture->pane);
  g_autoptr(GBytes) pdf = rd_test_pdf_new (N_PAGES, support_page, NULL);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "clinic-notes.pdf", pdf);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  PageCheck check = { fixture, 13, RD_PAGE_LAYER_SEARCH };
  EvidenceCount count = { row, 1 };
  RdCiteTarget *target;
  RdCaseEvidence *cited;
  gboolean shown = FALSE;

  g_signal_connect (fixture->pane, "evidence-added", G_CALLBACK (remember_evidence), fixture);

  /* What a passage can be cited for: the criteria and the documentation under review. */
  g_assert_nonnull (row);
  target = find_target (targets, CRITERION_ID);
  g_assert_nonnull (target);
  g_assert_cmpint (rd_cite_target_get_kind (target), ==, RD_EVIDENCE_TARGET_CRITERION);
  g_assert_cmpstr (rd_cite_target_get_policy_id (target), ==, POLICY_ID);
  target = find_target (targets, "doc-oral-baclofen-trial");
  g_assert_nonnull (target);
  g_assert_cmpint (rd_cite_target_get_kind (target), ==, RD_EVIDENCE_TARGET_DOCUMENTATION);

  /* A PDF dropped on the window, over the checklist, is attached and indexed. */
  g_assert_true (drop_on_window (fixture->window, file));
  wait_idle (fixture);
  records = rd_case_file_list_records (fixture->case_file, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (((RdCaseRecord *) g_ptr_array_index (records, 0))->n_pages_indexed, ==, N_PAGES);
  assert_page_shown (fixture, 1);

  /* Find support: the criterion's key words find page 14, highlighted. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "criterion.find-support", NULL));
  assert_page_shown (fixture, 14);
  g_assert_true (rd_test_gui_wait_for (page_has_layer, &check, 10000));

  /* Cited for the criterion: its row shows an evidence chip. */
  cite_line_10 (fixture, 13, rd_criterion_row_get_criterion (row)->text);
  g_assert_true (rd_test_gui_wait_for (row_has_evidence, &count, 5000));
  evidence = rd_case_file_list_evidence (fixture->case_file, POLICY_ID, CRITERION_ID, NULL);
  g_assert_cmpuint (evidence->len, ==, 1);
  cited = g_ptr_array_index (evidence, 0);
  g_assert_cmpuint (cited->page_number, ==, 14);
  g_assert_nonnull (strstr (cited->quote, "Unresponsive to oral baclofen"));

  /* With the records hidden and elsewhere, the chip brings back the passage. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.go-to-page", "u", 40));
  assert_page_shown (fixture, 40);
  g_object_set (page, "show-records", FALSE, NULL);
  click (find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON, has_class, "evidence-chip"));
  g_object_get (page, "show-records", &shown, NULL);
  g_assert_true (shown);
  assert_page_shown (fixture, 14);
  check.layer = RD_PAGE_LAYER_EVIDENCE;
  g_assert_true (rd_test_gui_wait_for (page_has_layer, &check, 5000));

  /* The button beside the chip removes the evidence from the case. */
  click (find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON, has_class, "evidence-remove"));
  count.n = 0;
  g_assert_true (rd_test_gui_wait_for (row_has_evidence, &count, 5000));
  g_clear_pointer (&evidence, g_ptr_array_unref);
  evidence = rd_case_file_list_evidence (fixture->case_file, NULL, NULL, NULL);
  g_assert_cmpuint (evidence->len, ==, 0);

  /* Following a chip of evidence removed meanwhile says so, once: closed,
   * that toast has no twin waiting behind it (the window shows one toast at
   * a time, and queues the others). The toasts shown so far are closed first. */
  close_toasts (fixture, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "case.show-evidence", "x", fixture->evidence_id));
  g_assert_true (rd_test_gui_wait_for (gone_toast_shown, fixture, 15000));
  g_assert_cmpuint (count_gone_toasts (fixture), ==, 1);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpuint (close_toasts (fixture, 1), ==, 1);
      if (!rd_test_gui_wait_for (open_toast_shown, fixture, 1000))
        break;
      g_assert_cmpuint (count_gone_toasts (fixture), ==, 0);
    }
  g_assert_false (open_toast_shown (fixture));
}

/* From the records' toolbar, Tab passes the page list in one stop, not one a
 * page, on its way to the checklist; at that stop the arrow keys and Page Up /
 * Down scroll the pages. Real key presses, as in the zoom test. */
static void
test_case_page_tab (Fixture       *fixture,
                    gconstpointer  data)
{
  RdCasePage *page = rd_window_get_case_page (RD_WINDOW (fixture->window));
  GtkWidget *checklist = gtk_widget_get_parent (GTK_WIDGET (rd_case_page_get_step_list (page)));
  GtkWidget *cite, *scroller, *focus = NULL;
  guint n_tabs, stops_in_pages = 0;

  if (rd_test_gui_skip_without_real_input ())
    return;
  attach_record (fixture, N_PAGES);
  assert_page_shown (fixture, 1);
  scroller = pages_scroller (fixture);
  cite = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_MENU_BUTTON, has_tooltip, "Cite Selection For…");
  g_assert_nonnull (cite);
  g_assert_true (gtk_widget_grab_focus (cite));

  for (n_tabs = 1; n_tabs <= 40; n_tabs++)
    {
      rd_test_gui_real_keys (GTK_WIDGET (fixture->window), "Tab", NULL);
      focus = gtk_window_get_focus (fixture->window);
      g_assert_nonnull (focus);
      if (gtk_widget_is_ancestor (focus, checklist))
        break;
      if (focus != scroller && !gtk_widget_is_ancestor (focus, scroller))
        continue;
      if (++stops_in_pages > 1)
        continue;

      /* The page list has the focus as a whole, and shows it. */
      g_assert_true (focus == scroller);
      g_assert_true (gtk_window_get_focus_visible (fixture->window));
      assert_key_scrolls (fixture, "Page_Down", 1, TRUE);
      assert_key_scrolls (fixture, "Page_Down", 1, TRUE);
      g_assert_cmpuint (rd_records_pane_get_page_number (fixture->pane), >, 1);
      assert_key_scrolls (fixture, "Down", 1, FALSE);
      assert_key_scrolls (fixture, "Up", -1, FALSE);
      assert_key_scrolls (fixture, "Page_Up", -1, TRUE);
      g_assert_true (gtk_widget_has_focus (scroller));
    }
  g_test_message ("%u Tab presses from the records' toolbar to the checklist", n_tabs);
  g_assert_true (gtk_widget_is_ancestor (focus, checklist));
  g_assert_cmpuint (stops_in_pages, ==, 1);
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add ("/records-pane/open-and-jump", Fixture, NULL, fixture_set_up,
              test_records_pane_open_and_jump, fixture_tear_down);
  g_test_add ("/records-pane/real-input/zoom", Fixture, NULL, fixture_set_up,
              test_records_pane_zoom, fixture_tear_down);
  g_test_add ("/records-pane/search-cite-follow", Fixture, NULL, fixture_set_up,
              test_records_pane_search_cite_follow, fixture_tear_down);
  g_test_add ("/records-pane/switcher", Fixture, NULL, fixture_set_up,
              test_records_pane_switcher, fixture_tear_down);
  g_test_add ("/records-pane/scans", Fixture, NULL, fixture_set_up,
              test_records_pane_scans, fixture_tear_down);
  g_test_add ("/records-pane/bad-record", Fixture, NULL, fixture_set_up,
              test_records_pane_bad_record, fixture_tear_down);
  g_test_add ("/records-pane/encrypted", Fixture, NULL, fixture_set_up,
              test_records_pane_encrypted, fixture_tear_down);
  g_test_add ("/records-pane/remember-password", Fixture, NULL, fixture_set_up,
              test_records_pane_remember_password, fixture_tear_down);
  g_test_add ("/records-pane/case-page", Fixture, NULL, case_fixture_set_up,
              test_case_page_records, fixture_tear_down);
  g_test_add ("/records-pane/real-input/case-page-tab", Fixture, NULL, case_fixture_set_up,
              test_case_page_tab, fixture_tear_down);

  return g_test_run ();
}
