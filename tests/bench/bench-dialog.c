/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dialog benchmark: how long a confirmation on the summary takes to reach
 * the screen in an open case: the first bundled example, opened from the start
 * page, its indications confirmed. Two situations, medians of N_RUNS:
 *  - at rest: the window has drawn everything, then the nurse asks for the
 *    dialog;
 *  - after a burst: every criterion scored and the summary chosen with no
 *    frame in between (as the review test drives the pages), so the window
 *    lays out all of that before the dialog can show.
 * Times run from the action that presents the dialog to the dialog's map and
 * to its first frame; the window's widgets are counted too. Run it with
 * `meson test -C build --benchmark dialog`. */
#include "config.h"

#include <stdio.h>

#include "rd-bench.h"
#include "rd-case-page.h"
#include "rd-criteria-page.h"
#include "rd-criterion-row.h"
#include "rd-example.h"
#include "rd-step-list.h"
#include "rd-test-gui.h"
#include "rd-window.h"

#define N_RUNS 5

typedef struct
{
  gint64 mapped;
  gint64 drawn;
} Timing;

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

static gboolean
drawn (gpointer data)
{
  return ((Timing *) data)->drawn != 0;
}

static void
dialog_painted (GdkFrameClock *clock,
                Timing        *timing)
{
  if (timing->drawn == 0 && timing->mapped != 0)
    timing->drawn = g_get_monotonic_time ();
}

static void
dialog_mapped (GtkWidget *dialog,
               Timing    *timing)
{
  timing->mapped = g_get_monotonic_time ();
}

static void
dialog_realized (GtkWidget *dialog,
                 Timing    *timing)
{
  g_signal_connect (gtk_widget_get_frame_clock (dialog), "after-paint", G_CALLBACK (dialog_painted), timing);
}

static void
toplevels_changed (GListModel *toplevels,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Timing     *timing)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!ADW_IS_MESSAGE_DIALOG (window))
        continue;
      g_signal_connect (window, "realize", G_CALLBACK (dialog_realized), timing);
      g_signal_connect (window, "map", G_CALLBACK (dialog_mapped), timing);
    }
}

/* Presents the summary's Send to Medical Director dialog, waits for its first
 * frame and takes it back; returns the milliseconds to map and to draw. */
static void
time_dialog (RdCasePage *page,
             double     *to_map,
             double     *to_frame)
{
  GtkWidget *summary = rd_case_page_get_step_page (page, "summary");
  GListModel *toplevels = gtk_window_get_toplevels ();
  Timing timing = { 0 };
  gulong id = g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed), &timing);
  gint64 start = g_get_monotonic_time ();
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (summary, "summary.send-to-director", NULL));
  g_assert_true (rd_test_gui_wait_for (drawn, &timing, 600000));
  g_signal_handler_disconnect (toplevels, id);
  *to_map = (timing.mapped - start) / 1000.0;
  *to_frame = (timing.drawn - start) / 1000.0;

  dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  rd_test_gui_wait_painted (summary);
}

/* Scores every criterion on screen in every criteria step, without letting
 * the window draw in between. */
static void
score_everything (RdCasePage *page,
                  const char *score)
{
  RdStepList *steps = rd_case_page_get_step_list (page);

  for (guint i = 0; i < rd_step_list_get_n_steps (steps); i++)
    {
      const char *id = rd_step_list_get_id (steps, i);
      RdCriteriaPage *criteria;
      g_autoptr(GPtrArray) nodes = NULL;

      if (!g_str_has_prefix (id, "criteria:"))
        continue;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", id));
      criteria = RD_CRITERIA_PAGE (rd_case_page_get_step_page (page, id));
      nodes = rd_policy_get_criteria (rd_criteria_page_get_policy (criteria), rd_criteria_page_get_indication (criteria));
      for (guint j = 0; j < nodes->len; j++)
        {
          RdCriterionRow *row = rd_criteria_page_get_row (criteria, ((const RdNode *) nodes->pdata[j])->id);
          if (row && gtk_widget_get_visible (GTK_WIDGET (row)))
            g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "criterion.score", "s", score));
        }
    }
}

/* Xvfb has no window manager, so a dialog never takes the focus from the
 * window: set the backdrop state as the focus change would, and back. */
static double
time_backdrop (GtkWidget *window)
{
  gint64 start = g_get_monotonic_time ();

  gtk_widget_set_state_flags (window, GTK_STATE_FLAG_BACKDROP, FALSE);
  rd_test_gui_wait_painted (window);
  gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
  rd_test_gui_wait_painted (window);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

static void
bench_dialog (void)
{
  g_auto(GStrv) examples = rd_example_list_bundled ();
  RdWindow *window = rd_window_new (rd_test_gui_application ());
  double rest_map[N_RUNS], rest_frame[N_RUNS], burst_map[N_RUNS], burst_frame[N_RUNS], backdrop[N_RUNS];
  RdCasePage *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", examples[0]));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 600000));
  page = rd_window_get_case_page (window);
  g_assert_true (gtk_widget_activate_action (rd_case_page_get_step_page (page, "intake"), "intake.accept-proposals", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  rd_test_gui_wait_painted (GTK_WIDGET (window));

  for (guint i = 0; i < N_RUNS; i++)
    {
      time_dialog (page, &rest_map[i], &rest_frame[i]);

      score_everything (page, i % 2 ? "met" : "not-documented");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
      time_dialog (page, &burst_map[i], &burst_frame[i]);
      backdrop[i] = time_backdrop (GTK_WIDGET (window));
      g_test_message ("run %u: at rest %.0f / %.0f ms, after a burst %.0f / %.0f ms, backdrop %.0f ms",
                      i, rest_map[i], rest_frame[i], burst_map[i], burst_frame[i], backdrop[i]);
    }

  {
    GtkWidget *stack = gtk_widget_get_parent (rd_case_page_get_step_page (page, "summary"));
    for (GtkWidget *child = gtk_widget_get_first_child (stack); child; child = gtk_widget_get_next_sibling (child))
      printf ("  step page %s: %u widgets\n", G_OBJECT_TYPE_NAME (child), count_widgets (child));
  }
  printf ("widgets in the window: %u (the case page: %u)\n",
          count_widgets (GTK_WIDGET (window)), count_widgets (GTK_WIDGET (page)));
  printf ("dialog at rest: mapped after %.0f ms, first frame after %.0f ms (median of %d)\n",
          rd_bench_median (rest_map, N_RUNS), rd_bench_median (rest_frame, N_RUNS), N_RUNS);
  printf ("dialog after scoring every criterion: mapped after %.0f ms, first frame after %.0f ms (median of %d)\n",
          rd_bench_median (burst_map, N_RUNS), rd_bench_median (burst_frame, N_RUNS), N_RUNS);
  printf ("window to backdrop and back, as a window manager does when a dialog takes the focus: %.0f ms (median of %d)\n",
          rd_bench_median (backdrop, N_RUNS), N_RUNS);
  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);
  g_test_add_func ("/bench/dialog", bench_dialog);
  return g_test_run ();
}
