/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-page-view.h"
#include "rd-records-pane.h"
#include "rd-test-case.h"
#include "rd-test-gui.h"
#include "rd-test-pdf.h"

#define N_PAGES 60

typedef struct {
  char          *dir;
  char          *path;
  RdCaseFile    *case_file;
  GtkWindow     *window;
  RdRecordsPane *pane;
  gint64         evidence_id;
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
is_page_list (GtkWidget     *widget,
              gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "records-pages");
}

/* The page of the continuous list (not a thumbnail) showing @page, if bound. */
static RdPageView *
page_view (Fixture *fixture,
           guint    page)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_VIEW, is_page_list, NULL);
  GtkWidget *child;

  g_assert_nonnull (list);
  for (child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *view = gtk_widget_get_first_child (child);
      if (view != NULL && RD_IS_PAGE_VIEW (view) && gtk_widget_get_mapped (view) &&
          rd_page_view_get_page (RD_PAGE_VIEW (view)) == page)
        return RD_PAGE_VIEW (view);
    }
  return NULL;
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
  GtkWidget *entry;
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

  /* Zooming in keeps the page and renders it larger. */
  view = page_view (fixture, 11);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  zoom = rd_records_pane_get_zoom (fixture->pane);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "records.zoom-in", NULL));
  g_assert_cmpfloat (rd_records_pane_get_zoom (fixture->pane), >, zoom);
  assert_page_shown (fixture, 12);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page_view (fixture, 11))), >, width);
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
                                    "Failed oral baclofen");
  return row != NULL && gtk_widget_get_mapped (row);
}

static gboolean
evidence_added (gpointer data)
{
  Fixture *fixture = data;
  return fixture->evidence_id != 0;
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
  GtkWidget *row;

  attach_record (fixture, N_PAGES);
  g_list_store_append (targets, target);
  rd_records_pane_set_cite_targets (fixture->pane, G_LIST_MODEL (targets));
  g_signal_connect (fixture->pane, "evidence-added", G_CALLBACK (remember_evidence), fixture);

  /* Find support: the hit's page is shown with the words highlighted. */
  rd_records_pane_search (fixture->pane, "oral baclofen");
  assert_page_shown (fixture, 7);
  g_assert_true (rd_test_gui_wait_for (page_has_layer, &check, 10000));

  /* Drag along line 10 of page 7, from its first letter to its last, and cite it. */
  g_signal_emit_by_name (page_view (fixture, 6), "selected", 72.0, 245.0, 462.0, 246.0);
  check.layer = RD_PAGE_LAYER_SELECTION;
  g_assert_true (rd_test_gui_wait_for (page_has_layer, &check, 10000));
  g_assert_true (rd_test_gui_wait_for (cite_row_shown, fixture, 5000));
  row = find_descendant (GTK_WIDGET (fixture->pane), ADW_TYPE_ACTION_ROW, is_row_titled, "Failed oral baclofen");
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_true (rd_test_gui_wait_for (evidence_added, fixture, 5000));

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

static gboolean
dialog_shown (gpointer data)
{
  return rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_records_pane_bad_record (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Typed referral, not a PDF.\n", 27);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "referral.pdf", text);
  g_autofree char *before = rd_test_file_digest (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GtkWindow *dialog;

  rd_records_pane_attach_file (fixture->pane, file);
  wait_idle (fixture);
  g_assert_true (rd_test_gui_wait_for (dialog_shown, NULL, 5000));
  dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "referral.pdf"));
  gtk_window_destroy (dialog);

  after = rd_test_file_digest (fixture->path);
  g_assert_cmpstr (before, ==, after);
  records = rd_case_file_list_records (fixture->case_file, NULL);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), ==, 0);
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
  GtkWidget *entry;

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
  g_assert_true (rd_test_gui_wait_for (dialog_shown, NULL, 5000));
  dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  entry = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, NULL, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "sesame");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  gtk_window_close (dialog);
  wait_idle (fixture);
  g_assert_cmpint (rd_records_pane_get_record_id (fixture->pane), >, 0);
  assert_page_shown (fixture, 1);
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add ("/records-pane/open-and-jump", Fixture, NULL, fixture_set_up,
              test_records_pane_open_and_jump, fixture_tear_down);
  g_test_add ("/records-pane/search-cite-follow", Fixture, NULL, fixture_set_up,
              test_records_pane_search_cite_follow, fixture_tear_down);
  g_test_add ("/records-pane/bad-record", Fixture, NULL, fixture_set_up,
              test_records_pane_bad_record, fixture_tear_down);
  g_test_add ("/records-pane/encrypted", Fixture, NULL, fixture_set_up,
              test_records_pane_encrypted, fixture_tear_down);

  return g_test_run ();
}
