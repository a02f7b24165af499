/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-case-evaluate.h"
#include "rd-criteria-page.h"
#include "rd-intake-page.h"
#include "rd-test-gui.h"
#include "rd-window.h"

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

static RdWindow *
new_window (void)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());
  RdWindow *window;

  g_settings_set_string (settings, "reviewer-name", "Test Nurse");
  g_settings_set_string (settings, "reviewer-credentials", "RN");
  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_NURSE_REVIEWER);
  window = rd_window_new (rd_test_gui_application ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_gui_spin ();
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
score_all (RdCriteriaPage *page,
           const char     *score)
{
  g_autoptr(GPtrArray) criteria = rd_policy_get_criteria (rd_criteria_page_get_policy (page),
                                                          rd_criteria_page_get_indication (page));

  for (guint i = 0; i < criteria->len; i++)
    {
      const RdNode *node = g_ptr_array_index (criteria, i);
      RdCriterionRow *row = rd_criteria_page_get_row (page, node->id);

      g_assert_nonnull (row);
      if (gtk_widget_get_visible (GTK_WIDGET (row)))
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "criterion.score", "s", score));
    }
}

static void
test_review_new_case (void)
{
  RdWindow *window = new_window ();
  RdCasePage *page;
  RdIntakePage *intake;
  RdStepList *steps;
  RdCriteriaPage *criteria;
  g_autoptr(RdRequest) stored = NULL;
  g_autoptr(GPtrArray) reviews = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 10000));
  page = rd_window_get_case_page (window);
  steps = rd_case_page_get_step_list (page);
  intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  g_assert_cmpint (rd_step_list_get_state (steps, "intake"), ==, RD_STEP_NOT_STARTED);

  type_into (intake, "member-name", "Ada Synthetic");
  g_assert_cmpint (rd_step_list_get_state (steps, "intake"), ==, RD_STEP_NOT_STARTED);
  rd_intake_page_flush (intake);
  g_assert_cmpint (rd_step_list_get_state (steps, "intake"), ==, RD_STEP_IN_PROGRESS);
  type_into (intake, "member-id", "SYN-0042");
  type_into (intake, "member-birth-date", "1974-03-21");
  type_into (intake, "provider-name", "Synthetic Neurology Group");
  type_into (intake, "provider-npi", "1234567893");
  type_into (intake, "cpt", "62362");
  type_into (intake, "hcpcs", "E0783");
  type_into (intake, "icd10-cm", "G80.1");
  type_into (intake, "drug", "baclofen");
  type_into (intake, "route", "intrathecal");
  type_into (intake, "received", "2026-11-02 09:30");
  rd_intake_page_flush (intake);
  g_assert_cmpstr (rd_case_page_get_title (page), ==, "Ada Synthetic");

  stored = rd_case_file_get_request (rd_case_page_get_case_file (page), NULL);
  g_assert_cmpstr (stored->member_name, ==, "Ada Synthetic");
  g_assert_cmpstr (stored->drug, ==, "baclofen");
  rd_test_gui_screenshot (GTK_WIDGET (window), "intake");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.accept-proposals", NULL));
  g_assert_cmpint (rd_step_list_get_state (steps, "intake"), ==, RD_STEP_COMPLETE);
  reviews = rd_case_file_list_reviews (rd_case_page_get_case_file (page), NULL);
  g_assert_nonnull (rd_case_find_review (reviews, "anthem-cg-surg-79"));

  criteria = RD_CRITERIA_PAGE (rd_case_page_get_step_page (page, "criteria:anthem-cg-surg-79:spasticity"));
  g_assert_nonnull (criteria);
  g_assert_cmpint (rd_step_list_get_state (steps, "criteria:anthem-cg-surg-79:spasticity"), ==, RD_STEP_NOT_STARTED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.next-step", NULL));
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, rd_step_list_get_id (steps, 1));
  score_all (criteria, "met");
  g_assert_cmpint (rd_step_list_get_state (steps, "criteria:anthem-cg-surg-79:spasticity"), ==, RD_STEP_COMPLETE);
  g_assert_cmpstr (rd_criteria_page_get_result_text (criteria), ==, "Medically necessary");
  rd_test_gui_screenshot (GTK_WIDGET (window), "criteria");

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

  g_test_add_func ("/review/new-case", test_review_new_case);

  return g_test_run ();
}
