/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The member's payer at intake, through the real widgets: the fields, the
 * rule the urgency leads to, only the payer's policies proposed, unticking a
 * proposed indication asks why, and the due clock says when, by which rule. */
#include "config.h"

#include <string.h>

#include "rd-case-evaluate.h"
#include "rd-due-clock.h"
#include "rd-intake-page.h"
#include "rd-test-gui.h"
#include "rd-window.h"

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

/* A new case open on its intake. */
static RdWindow *
new_window (void)
{
  RdWindow *window = RD_WINDOW (rd_test_gui_new_window ("Test Nurse"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 10000));
  return window;
}

static void
type_into (RdIntakePage *intake,
           const char   *field,
           const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (rd_intake_page_get_field (intake, field)), text);
}

static void
assert_contains (const char *text,
                 const char *words)
{
  if (text == NULL || strstr (text, words) == NULL)
    g_error ("“%s” does not say “%s”", text ? text : "(null)", words);
}

/* Received 59 minutes ago (to the minute): a standard Medicare Advantage
 * request is then due in 6 days 23 hours and a few seconds. */
static GDateTime *
fill_request (RdIntakePage *intake)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) minute = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                       g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                                                       g_date_time_get_minute (now), 0);
  GDateTime *received = g_date_time_add_minutes (minute, -59);
  g_autofree char *received_text = g_date_time_format (received, "%Y-%m-%d %H:%M");

  type_into (intake, "member-name", "Ada Synthetic");
  type_into (intake, "member-id", "SYN-0042");
  type_into (intake, "member-birth-date", "1974-03-21");
  type_into (intake, "payer", "Blue Shield of California");
  type_into (intake, "plan", "Trio HMO");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_intake_page_get_field (intake, "line-of-business")),
                              RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE);
  type_into (intake, "provider-name", "Synthetic Neurology Group");
  type_into (intake, "provider-npi", "1234567893");
  type_into (intake, "cpt", "62362");
  type_into (intake, "icd10-cm", "G80.0");
  type_into (intake, "drug", "baclofen");
  type_into (intake, "route", "intrathecal");
  type_into (intake, "received", received_text);
  rd_intake_page_flush (intake);
  return received;
}

/* Scrolls the page so that @widget is at the top of its view. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t top;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (adjustment, top.y - 120);
  rd_test_gui_spin ();
}

static gboolean
under_review (RdCaseFile *case_file,
              const char *policy_id,
              const char *indication_id)
{
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (case_file, NULL);
  RdCaseReview *review = rd_case_find_review (reviews, policy_id);

  return review != NULL && (indication_id == NULL ||
                            g_strv_contains ((const char * const *) review->indications, indication_id));
}

static void
untick (RdIntakePage *intake,
        const char   *policy_id,
        const char   *indication_id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.include", "(ssb)",
                                             policy_id, indication_id, FALSE));
}

static void
test_intake_payer (void)
{
  RdWindow *window = new_window ();
  RdCasePage *page = rd_window_get_case_page (window);
  RdIntakePage *intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  RdCaseFile *case_file = rd_case_page_get_case_file (page);
  g_autoptr(GDateTime) received = NULL;
  g_autoptr(RdRequest) stored = NULL;
  g_autoptr(GPtrArray) declined = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *reason;
  RdAuditEntry *last;

  /* Before a line of business: the strictest rule, said under the urgency. */
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (rd_intake_page_get_field (intake, "urgency"))),
                   "Line of business not recorded, standard: 7 calendar days");

  received = fill_request (intake);
  stored = rd_case_file_get_request (case_file, NULL);
  g_assert_cmpstr (stored->payer, ==, "Blue Shield of California");
  g_assert_cmpstr (stored->plan, ==, "Trio HMO");
  g_assert_cmpint (stored->line_of_business, ==, RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE);
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (rd_intake_page_get_field (intake, "urgency"))),
                   "Medicare Advantage, standard: 7 calendar days (CMS-0057-F)");
  rd_test_gui_screenshot (GTK_WIDGET (window), "intake-payer");
  scroll_to (rd_intake_page_get_field (intake, "urgency"));
  rd_test_gui_screenshot (GTK_WIDGET (window), "intake-urgency");

  /* Only the member's payer's policies are proposed and confirmed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.accept-proposals", NULL));
  g_assert_true (under_review (case_file, "bsc-7.01.41", "severe-spasticity"));
  g_assert_false (under_review (case_file, "anthem-cg-surg-79", NULL));
  scroll_to (rd_intake_page_get_field (intake, "urgency"));
  rd_test_gui_screenshot (GTK_WIDGET (window), "intake-proposals");

  /* Unticking a proposed indication asks why; cancelled, it stays. */
  untick (intake, "bsc-7.01.41", "severe-spasticity");
  dialog = rd_test_gui_wait_for_message_dialog ();
  g_assert_true (under_review (case_file, "bsc-7.01.41", "severe-spasticity"));
  rd_test_gui_respond (dialog, "cancel");
  g_assert_true (under_review (case_file, "bsc-7.01.41", "severe-spasticity"));

  /* With a reason, it is taken out and the reason kept and audited. */
  untick (intake, "bsc-7.01.41", "severe-spasticity");
  dialog = rd_test_gui_wait_for_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "decline"));
  reason = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (reason), "The records show the pump is for pain, not spasticity.");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "decline"));
  rd_test_gui_screenshot (GTK_WIDGET (dialog), "decline-proposal");
  rd_test_gui_respond (dialog, "decline");
  g_assert_false (under_review (case_file, "bsc-7.01.41", "severe-spasticity"));
  declined = rd_case_file_list_declined (case_file, NULL);
  g_assert_cmpuint (declined->len, ==, 1);
  g_assert_cmpstr (((RdCaseDeclinedProposal *) g_ptr_array_index (declined, 0))->reason, ==,
                   "The records show the pump is for pain, not spasticity.");
  audit = rd_case_file_list_audit (case_file, NULL);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "proposal-declined");
  g_assert_cmpstr (last->who, ==, "Test Nurse");

  /* Ticked again, no question: the reason is forgotten. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.include", "(ssb)",
                                             "bsc-7.01.41", "severe-spasticity", TRUE));
  g_assert_true (under_review (case_file, "bsc-7.01.41", "severe-spasticity"));
  g_clear_pointer (&declined, g_ptr_array_unref);
  declined = rd_case_file_list_declined (case_file, NULL);
  g_assert_cmpuint (declined->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

static void
test_due_clock_says_when (void)
{
  RdWindow *window = new_window ();
  RdCasePage *page = rd_window_get_case_page (window);
  RdIntakePage *intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  RdCaseFile *case_file = rd_case_page_get_case_file (page);
  RdDueClock *clock = RD_DUE_CLOCK (rd_test_gui_find_named (GTK_WIDGET (window), RD_TYPE_DUE_CLOCK, NULL));
  g_autoptr(GDateTime) received = fill_request (intake);
  g_autoptr(GDateTime) due = g_date_time_add_days (received, 7);
  g_autoptr(GDateTime) extended = g_date_time_add_days (due, 14);
  g_autofree char *when = g_date_time_format (due, "%a %-d %b, %H:%M");
  g_autofree char *expected = g_strdup_printf ("Due %s — in 6 days 23 hours", when);
  g_autofree char *extended_when = g_date_time_format (extended, "%a %-d %b, %H:%M");
  g_autofree char *expected_extended = g_strdup_printf ("Due %s — in 20 days 23 hours", extended_when);
  g_autoptr(GError) error = NULL;

  /* The date and time in the reviewer's zone, the time left to the hour, and
   * the rule in the tooltip (and the accessible description). */
  g_assert_cmpstr (rd_due_clock_get_text (clock), ==, expected);
  assert_contains (gtk_widget_get_tooltip_text (GTK_WIDGET (clock)),
                   "Medicare Advantage, standard: 7 calendar days (CMS-0057-F)");
  g_assert_cmpint (rd_due_clock_get_level (clock), ==, RD_DUE_LEVEL_NORMAL);
  rd_test_gui_screenshot (GTK_WIDGET (window), "due-clock");

  /* An extension moves the clock, and the tooltip says why. */
  g_assert_true (rd_case_file_extend_due (case_file, 14 * 24, "The member asked for more time.", &error));
  g_assert_no_error (error);
  rd_test_gui_spin ();
  g_assert_cmpstr (rd_due_clock_get_text (clock), ==, expected_extended);
  assert_contains (gtk_widget_get_tooltip_text (GTK_WIDGET (clock)),
                   "Extended by 336 hours by Test Nurse");
  assert_contains (gtk_widget_get_tooltip_text (GTK_WIDGET (clock)), "The member asked for more time.");

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);
  g_test_add_func ("/payer-gui/intake", test_intake_payer);
  g_test_add_func ("/payer-gui/due-clock", test_due_clock_says_when);
  return g_test_run ();
}
