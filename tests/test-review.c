/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "rd-case-evaluate.h"
#include "rd-criteria-page.h"
#include "rd-documentation-page.h"
#include "rd-due-clock.h"
#include "rd-example.h"
#include "rd-intake-page.h"
#include "rd-records-pane.h"
#include "rd-summary-page.h"
#include "rd-paths.h"
#include "rd-measure-entry.h"
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
  int width, height;

  g_settings_set_string (settings, "reviewer-name", "Test Nurse");
  g_settings_set_string (settings, "reviewer-credentials", "RN");
  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_NURSE_REVIEWER);
  /* Decisions are signed: the nurse's key, certified by the test organisation. */
  rd_test_gui_sign_as ("Test Nurse", "RN", RD_ROLE_NURSE_REVIEWER);
  window = rd_window_new (rd_test_gui_application ());
  /* Screenshots are taken at 1280×800; RD_SCREENSHOT_SIZE=1024x768 checks the smallest screen. */
  if (g_getenv ("RD_SCREENSHOT_SIZE") && sscanf (g_getenv ("RD_SCREENSHOT_SIZE"), "%dx%d", &width, &height) == 2)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  else
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
  /* Nothing answered yet: the summary has no recommendation to act on. */
  g_assert_cmpint (rd_step_list_get_state (steps, "summary"), ==, RD_STEP_NOT_STARTED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.next-step", NULL));
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, rd_step_list_get_id (steps, 1));
  score_all (criteria, "met");
  g_assert_cmpint (rd_step_list_get_state (steps, "criteria:anthem-cg-surg-79:spasticity"), ==, RD_STEP_COMPLETE);
  g_assert_cmpstr (rd_criteria_page_get_result_text (criteria), ==, "Medically necessary");
  rd_test_gui_screenshot (GTK_WIDGET (window), "criteria");

  /* The summary open with a recommendation waiting for the nurse's decision
   * is under way, not "Not started". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  g_assert_cmpstr (rd_step_list_get_selected (steps), ==, "summary");
  g_assert_cmpint (rd_step_list_get_state (steps, "summary"), ==, RD_STEP_IN_PROGRESS);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

/* ---- a whole review of each bundled example, through the widgets' actions ---- */

static void
type_codes (RdIntakePage *intake,
            const char   *field,
            char * const *codes)
{
  g_autofree char *joined = codes ? g_strjoinv (", ", (char **) codes) : g_strdup ("");
  type_into (intake, field, joined);
}

static RdCasePage *
open_new_case (RdWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 10000));
  return rd_window_get_case_page (window);
}

static void
enter_request (RdIntakePage    *intake,
               const RdRequest *request)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (request->received);
  g_autofree char *received = g_date_time_format (local, "%Y-%m-%d %H:%M");

  type_into (intake, "member-name", request->member_name);
  type_into (intake, "member-id", request->member_id);
  type_into (intake, "member-birth-date", request->member_birth_date);
  type_into (intake, "provider-name", request->provider_name);
  type_into (intake, "provider-npi", request->provider_npi);
  type_codes (intake, "cpt", request->cpt_codes);
  type_codes (intake, "hcpcs", request->hcpcs_codes);
  type_codes (intake, "icd10-pcs", request->icd10_pcs_codes);
  type_codes (intake, "icd10-cm", request->icd10_cm_codes);
  type_into (intake, "drug", request->drug ? request->drug : "");
  type_into (intake, "route", request->route ? request->route : "");
  type_into (intake, "device", request->device ? request->device : "");
  type_into (intake, "received", received);
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_intake_page_get_field (intake, "type")), request->type);
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_intake_page_get_field (intake, "urgency")), request->urgency);
  rd_intake_page_flush (intake);
  g_assert_null (rd_intake_page_get_status (intake));
}

static RdCriteriaPage *
criteria_page (RdCasePage *page,
               const char *policy_id,
               const char *indication_id)
{
  g_autofree char *id = g_strdup_printf ("criteria:%s:%s", policy_id, indication_id);
  GtkWidget *child = rd_case_page_get_step_page (page, id);

  g_assert_nonnull (child);
  return RD_CRITERIA_PAGE (child);
}

static void
answer_conditions (RdCriteriaPage *page,
                   GHashTable     *conditions)
{
  GHashTableIter iter;
  gpointer id, answer;

  g_hash_table_iter_init (&iter, conditions);
  while (g_hash_table_iter_next (&iter, &id, &answer))
    {
      RdConditionRow *row = rd_criteria_page_get_condition_row (page, id);
      if (row)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "condition.answer", "s",
                                                   rd_score_to_string (GPOINTER_TO_INT (answer))));
    }
}

static void
score_as_key (RdCriteriaPage *page,
              GHashTable     *scores)
{
  g_autoptr(GPtrArray) criteria = rd_policy_get_criteria (rd_criteria_page_get_policy (page),
                                                          rd_criteria_page_get_indication (page));

  for (guint i = 0; i < criteria->len; i++)
    {
      const RdNode *node = g_ptr_array_index (criteria, i);
      RdCriterionRow *row = rd_criteria_page_get_row (page, node->id);
      gpointer score;

      if (!g_hash_table_lookup_extended (scores, node->id, NULL, &score) ||
          !gtk_widget_get_visible (GTK_WIDGET (row)))
        continue;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "criterion.score", "s",
                                                 rd_score_to_string (GPOINTER_TO_INT (score))));
      g_assert_cmpint (rd_criterion_row_get_score (row), ==, GPOINTER_TO_INT (score));
    }
}

static RdTruth
expected_truth (const char *result)
{
  return g_str_equal (result, "met") ? RD_TRUTH_TRUE
       : g_str_equal (result, "not-met") ? RD_TRUTH_FALSE
       : RD_TRUTH_UNKNOWN;
}

static void
assert_indications_proposed (RdCaseFile         *case_file,
                             const RdExampleKey *key)
{
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (case_file, NULL);
  RdCaseReview *review = rd_case_find_review (reviews, key->policy_id);
  guint n = 0;

  if (!key->governs)
    {
      g_assert_true (review == NULL || review->indications[0] == NULL);
      return;
    }
  g_assert_nonnull (review);
  for (guint i = 0; i < key->indications->len; i++)
    {
      RdExampleIndicationKey *ik = g_ptr_array_index (key->indications, i);
      g_test_message ("%s: %s", key->policy_id, ik->indication_id);
      g_assert_true (g_strv_contains ((const char * const *) review->indications, ik->indication_id));
    }
  while (review->indications[n])
    n++;
  g_assert_cmpuint (n, ==, key->indications->len);
}

static void
score_key (RdCasePage         *page,
           const RdExampleKey *key)
{
  RdStepList *steps = rd_case_page_get_step_list (page);

  for (guint i = 0; i < key->indications->len; i++)
    {
      RdExampleIndicationKey *ik = g_ptr_array_index (key->indications, i);
      RdCriteriaPage *criteria = criteria_page (page, key->policy_id, ik->indication_id);
      g_autofree char *step = g_strdup_printf ("criteria:%s:%s", key->policy_id, ik->indication_id);
      RdEvaluation *evaluation;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", step));
      g_assert_cmpint (rd_step_list_get_state (steps, step), ==, RD_STEP_NOT_STARTED);
      answer_conditions (criteria, key->conditions);
      score_as_key (criteria, key->scores);

      evaluation = rd_criteria_page_get_evaluation (criteria);
      g_test_message ("%s %s: %s", key->policy_id, ik->indication_id, rd_criteria_page_get_result_text (criteria));
      g_assert_cmpint (evaluation->result, ==, expected_truth (ik->result));
      g_assert_cmpstr (rd_criteria_page_get_result_text (criteria), ==, evaluation->label);
      g_assert_cmpint (rd_step_list_get_state (steps, step), ==,
                       evaluation->result == RD_TRUTH_TRUE ? RD_STEP_COMPLETE : RD_STEP_BLOCKING);
      rd_test_gui_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_WINDOW), step);
    }
}

static void
check_documentation (RdCasePage         *page,
                     const RdExampleKey *key)
{
  RdDocumentationPage *docs = RD_DOCUMENTATION_PAGE (rd_case_page_get_step_page (page, "documentation"));
  GHashTableIter iter;
  gpointer id, status;

  g_hash_table_iter_init (&iter, key->documentation);
  while (g_hash_table_iter_next (&iter, &id, &status))
    {
      RdDocItemRow *row = rd_documentation_page_get_row (docs, key->policy_id, id);
      RdDocStatus expected;

      /* The checklist lists only the items of the indications under review;
       * the key marks the others not applicable. */
      if (row == NULL)
        {
          g_assert_cmpstr (status, ==, "not-applicable");
          continue;
        }
      g_assert_true (rd_doc_status_from_string (status, &expected));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "doc.status", "s", status));
      g_assert_cmpint (rd_doc_item_row_get_status (row), ==, expected);
    }
}

static void
confirm (RdSummaryPage *summary,
         const char    *action)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (summary), action, NULL));
  /* The dialog's first frame waits for the window to lay out every score
   * given just before, with no frame in between: 0.1–0.8 s here, up to 20 s
   * under the sanitizers on a loaded 2-core machine (bench-dialog measures it). */
  dialog = rd_test_gui_wait_for_message_dialog ();
  rd_test_gui_screenshot (GTK_WIDGET (dialog), action);
  rd_test_gui_respond (dialog, "confirm");
  rd_test_gui_spin ();
}

static RdRequest *
pain_pump_request (void)
{
  RdRequest *request = rd_request_new ();
  char *cpt[] = { (char *) "62362", NULL }, *hcpcs[] = { (char *) "E0783", NULL };
  char *icd10cm[] = { (char *) "M96.1", NULL };

  request->member_name = g_strdup ("Synthetic Patient 900");
  request->member_id = g_strdup ("SYN-0900");
  request->member_birth_date = g_strdup ("1968-05-14");
  request->provider_name = g_strdup ("Synthetic Pain Clinic");
  request->provider_npi = g_strdup ("1234567893");
  request->cpt_codes = g_strdupv (cpt);
  request->hcpcs_codes = g_strdupv (hcpcs);
  request->icd10_cm_codes = g_strdupv (icd10cm);
  request->drug = g_strdup ("Infumorph");
  request->route = g_strdup ("intrathecal");
  request->type = RD_REQUEST_TYPE_INITIAL;
  request->received = g_date_time_new_now_utc ();
  return request;
}

static void
compute (RdCriterionRow *row,
         double          before,
         double          after)
{
  GtkWidget *entry = rd_criterion_row_get_measure_entry (row);
  g_autoptr(RdMeasurement) measurement = rd_measurement_new ();

  g_assert_nonnull (entry);
  measurement->has_before_after = TRUE;
  measurement->before = before;
  measurement->after = after;
  rd_measure_entry_set_measurement (RD_MEASURE_ENTRY (entry), measurement);
  g_assert_true (gtk_widget_activate_action (entry, "measure.compute", NULL));
  rd_test_gui_spin ();
}

/* A nurse enters the pain scores of the trial and ReviewDesk decides the
 * threshold, strictly (8 → 4 is 50%, not more); a referral question answered
 * yes keeps a met request from a nurse's approval, with the policy's words. */
static void
test_review_measure_and_refer (void)
{
  RdWindow *window = new_window ();
  RdCasePage *page = open_new_case (window);
  RdIntakePage *intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  g_autoptr(RdRequest) request = pain_pump_request ();
  g_autoptr(GHashTable) measurements = NULL;
  RdCriteriaPage *criteria, *anthem;
  RdCriterionRow *trial;
  RdConditionRow *dependence;
  RdSummaryPage *summary;

  enter_request (intake, request);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.accept-proposals", NULL));
  criteria = criteria_page (page, "bsc-7.01.41", "chronic-pain");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "criteria:bsc-7.01.41:chronic-pain"));
  score_all (criteria, "met");
  trial = rd_criteria_page_get_row (criteria, "pain-successful-trial");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (trial)));

  compute (trial, 8, 4);
  g_assert_cmpint (rd_criterion_row_get_score (trial), ==, RD_SCORE_NOT_MET);
  g_assert_cmpint (rd_criteria_page_get_evaluation (criteria)->result, ==, RD_TRUTH_FALSE);
  compute (trial, 8, 3);
  g_assert_cmpint (rd_criterion_row_get_score (trial), ==, RD_SCORE_MET);
  /* the entry is reachable from the keyboard, and shows the computed result */
  g_assert_true (gtk_widget_child_focus (rd_criterion_row_get_measure_entry (trial), GTK_DIR_TAB_FORWARD));
  rd_test_gui_spin ();
  rd_test_gui_screenshot (GTK_WIDGET (window), "measure-and-refer-criteria");
  measurements = rd_case_file_get_measurements (rd_case_page_get_case_file (page), "bsc-7.01.41");
  g_assert_cmpfloat (((RdMeasurement *) g_hash_table_lookup (measurements, "pain-successful-trial"))->after, ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_condition_row (criteria, "non-malignant")),
                                             "condition.answer", "s", "met"));
  g_assert_cmpint (rd_criteria_page_get_evaluation (criteria)->result, ==, RD_TRUTH_TRUE);
  /* the same request under Anthem, which has a pain indication of its own */
  anthem = criteria_page (page, "anthem-cg-surg-79", "chronic-pain");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "criteria:anthem-cg-surg-79:chronic-pain"));
  score_all (anthem, "met");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_condition_row (anthem, "life-expectancy-3-months-or-less")),
                                             "condition.answer", "s", "not-met"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  summary = RD_SUMMARY_PAGE (rd_case_page_get_step_page (page, "summary"));
  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.approve"));

  dependence = rd_criteria_page_get_condition_row (criteria, "active-drug-dependence");
  g_assert_nonnull (dependence);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dependence), "condition.answer", "s", "met"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  rd_test_gui_spin ();
  g_assert_cmpstr (rd_summary_page_get_verdict (summary, "bsc-7.01.41"), ==, "Medically necessary");
  g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.approve"));
  rd_test_gui_screenshot (GTK_WIDGET (window), "measure-and-refer-summary");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_review_example (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdExample) example = rd_example_load (path, &error);
  RdWindow *window = new_window ();
  RdCasePage *page;
  RdIntakePage *intake;
  RdSummaryPage *summary;
  RdCaseFile *case_file;
  GPtrArray *keys;
  gboolean any_pend = FALSE, all_approvable = TRUE;
  g_autoptr(GPtrArray) decisions = NULL;
  RdCaseDecision *decision;
  RdDecisionKind expected_kind;
  g_autofree char *shot = NULL;

  g_assert_no_error (error);
  page = open_new_case (window);
  case_file = rd_case_page_get_case_file (page);
  intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  enter_request (intake, rd_example_get_request (example));
  shot = g_strdup_printf ("%s-intake", rd_example_get_id (example));
  rd_test_gui_screenshot (GTK_WIDGET (window), shot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.accept-proposals", NULL));
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "intake"), ==, RD_STEP_COMPLETE);

  keys = rd_example_get_keys (example);
  for (guint i = 0; i < keys->len; i++)
    assert_indications_proposed (case_file, g_ptr_array_index (keys, i));
  for (guint i = 0; i < keys->len; i++)
    {
      const RdExampleKey *key = g_ptr_array_index (keys, i);
      if (!key->governs)
        continue;
      score_key (page, key);
      check_documentation (page, key);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", "summary"));
  summary = RD_SUMMARY_PAGE (rd_case_page_get_step_page (page, "summary"));
  for (guint i = 0; i < keys->len; i++)
    {
      const RdExampleKey *key = g_ptr_array_index (keys, i);

      if (!key->governs)
        continue;
      /* Every governing policy has its recommendation on screen, even one
       * reached straight from the diagnoses with nothing to score. */
      g_assert_nonnull (rd_summary_page_get_verdict (summary, key->policy_id));
      if (g_str_equal (key->outcome, "pend"))
        {
          any_pend = TRUE;
          all_approvable = FALSE;
          g_assert_true (g_str_has_prefix (rd_summary_page_get_verdict (summary, key->policy_id), "Pend"));
        }
      else if (!g_str_equal (key->outcome, "medically-necessary"))
        all_approvable = FALSE;
    }
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "summary"), ==, RD_STEP_IN_PROGRESS);
  shot = (g_free (shot), g_strdup_printf ("%s-summary", rd_example_get_id (example)));
  rd_test_gui_screenshot (GTK_WIDGET (window), shot);

  /* A nurse can never record a denial: there is no such action, and the
   * case file refuses one all the same. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (summary), "summary.deny", NULL));
  g_assert_cmpuint (rd_case_file_record_decision (case_file, RD_DECISION_FINAL, "not-medically-necessary",
                                                  TRUE, "no", &error), ==, 0);
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  g_assert_true (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.send-to-director"));
  g_assert_cmpint (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.pend"), ==,
                   rd_summary_page_get_to_request (summary)->len > 0);
  g_assert_cmpint (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.approve"), ==,
                   rd_summary_page_get_may_approve (summary));
  if (!all_approvable)
    g_assert_false (rd_test_gui_action_enabled (GTK_WIDGET (summary), "summary.approve"));

  if (rd_summary_page_get_may_approve (summary))
    {
      expected_kind = RD_DECISION_APPROVE;
      confirm (summary, "summary.approve");
    }
  else if (any_pend)
    {
      g_assert_cmpuint (rd_summary_page_get_to_request (summary)->len, >, 0);
      expected_kind = RD_DECISION_PEND;
      confirm (summary, "summary.pend");
    }
  else
    {
      expected_kind = RD_DECISION_SEND_TO_DIRECTOR;
      confirm (summary, "summary.send-to-director");
    }

  decisions = rd_case_file_list_decisions (case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 1);
  decision = g_ptr_array_index (decisions, 0);
  g_assert_cmpint (decision->kind, ==, expected_kind);
  g_assert_false (decision->adverse);
  g_assert_cmpstr (decision->who, ==, "Test Nurse");
  g_assert_cmpstr (decision->credentials, ==, "RN");
  g_assert_cmpint (decision->role, ==, RD_ROLE_NURSE_REVIEWER);
  g_assert_nonnull (decision->rationale);
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "summary"), ==, RD_STEP_COMPLETE);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

/* Closing the window in the middle of a review and opening the case again
 * shows every answer: the request, the indications, scores, notes (even one
 * still being typed), condition answers and the documentation checklist. */
static void
test_review_restored (void)
{
  RdWindow *window = new_window ();
  RdCasePage *page = open_new_case (window);
  RdIntakePage *intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  g_autofree char *path = g_strdup (rd_case_file_get_path (rd_case_page_get_case_file (page)));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RdCriteriaPage *criteria;
  RdCriterionRow *row;
  RdDocumentationPage *docs;

  type_into (intake, "member-name", "Ada Synthetic");
  type_into (intake, "member-id", "SYN-0042");
  type_into (intake, "member-birth-date", "1974-03-21");
  type_into (intake, "provider-name", "Synthetic Pain Center");
  type_into (intake, "provider-npi", "1234567893");
  type_into (intake, "cpt", "62362");
  type_into (intake, "icd10-cm", "M96.1");
  type_into (intake, "drug", "morphine");
  type_into (intake, "route", "intrathecal");
  type_into (intake, "received", "2026-11-20 08:15");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_intake_page_get_field (intake, "urgency")), RD_URGENCY_EXPEDITED);
  rd_intake_page_flush (intake);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.accept-proposals", NULL));

  criteria = criteria_page (page, "bsc-7.01.41", "chronic-pain");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_condition_row (criteria, "non-malignant")),
                                             "condition.answer", "s", "not-met"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rd_criteria_page_get_row (criteria, "pain-fbss"))));
  row = rd_criteria_page_get_row (criteria, "pain-severe-intractable");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "criterion.score", "s", "met"));
  row = rd_criteria_page_get_row (criteria, "pain-planned-route");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "criterion.score", "s", "not-documented"));
  /* A note still being typed when the window closes. */
  gtk_editable_set_text (GTK_EDITABLE (rd_criterion_row_get_note_entry (row)), "Route not in the letter");
  docs = RD_DOCUMENTATION_PAGE (rd_case_page_get_step_page (page, "documentation"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_documentation_page_get_row (docs, "bsc-7.01.41", "doc-hp")),
                                             "doc.status", "s", "present"));
  gtk_editable_set_text (GTK_EDITABLE (rd_doc_item_row_get_where_entry (rd_documentation_page_get_row (docs, "bsc-7.01.41", "doc-hp"))),
                         "Pain clinic note, page 2");

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();

  window = new_window ();
  rd_window_open_case (window, file);
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 10000));
  page = rd_window_get_case_page (window);
  intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_intake_page_get_field (intake, "member-name"))), ==, "Ada Synthetic");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_intake_page_get_field (intake, "received"))), ==, "2026-11-20 08:15");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (rd_intake_page_get_field (intake, "urgency"))), ==, RD_URGENCY_EXPEDITED);
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "intake"), ==, RD_STEP_COMPLETE);

  criteria = criteria_page (page, "bsc-7.01.41", "chronic-pain");
  g_assert_cmpint (rd_condition_row_get_answer (rd_criteria_page_get_condition_row (criteria, "non-malignant")), ==, RD_SCORE_NOT_MET);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rd_criteria_page_get_row (criteria, "pain-fbss"))));
  g_assert_cmpint (rd_criterion_row_get_score (rd_criteria_page_get_row (criteria, "pain-severe-intractable")), ==, RD_SCORE_MET);
  row = rd_criteria_page_get_row (criteria, "pain-planned-route");
  g_assert_cmpint (rd_criterion_row_get_score (row), ==, RD_SCORE_NOT_DOCUMENTED);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_criterion_row_get_note_entry (row))), ==, "Route not in the letter");
  g_assert_cmpint (rd_step_list_get_state (rd_case_page_get_step_list (page), "criteria:bsc-7.01.41:chronic-pain"), ==, RD_STEP_IN_PROGRESS);

  docs = RD_DOCUMENTATION_PAGE (rd_case_page_get_step_page (page, "documentation"));
  g_assert_cmpint (rd_doc_item_row_get_status (rd_documentation_page_get_row (docs, "bsc-7.01.41", "doc-hp")), ==, RD_DOC_STATUS_PRESENT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_doc_item_row_get_where_entry (rd_documentation_page_get_row (docs, "bsc-7.01.41", "doc-hp")))),
                   ==, "Pain clinic note, page 2");

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

static void
test_review_due_clock (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  struct { int hours; RdDueLevel level; const char *text; } cases[] = {
    { 72, RD_DUE_LEVEL_NORMAL, "Due in 3 days" },
    { 25, RD_DUE_LEVEL_NORMAL, "Due in 25 hours" },
    { 24, RD_DUE_LEVEL_SOON, "Due in 24 hours" },
    { 5, RD_DUE_LEVEL_SOON, "Due in 5 hours" },
    { 4, RD_DUE_LEVEL_URGENT, "Due in 4 hours" },
    { 0, RD_DUE_LEVEL_URGENT, "Overdue by 0 minutes" },
    { -49, RD_DUE_LEVEL_URGENT, "Overdue by 2 days" },
  };
  RdDueLevel level;
  g_autofree char *none = rd_due_clock_describe (NULL, now, &level);

  g_assert_cmpint (level, ==, RD_DUE_LEVEL_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) due = g_date_time_add_hours (now, cases[i].hours);
      g_autofree char *text = rd_due_clock_describe (due, now, &level);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (level, ==, cases[i].level);
    }
}

static gboolean
records_ready (gpointer data)
{
  RdRecordsPane *pane = data;
  return rd_records_pane_get_record_id (pane) > 0 && !rd_records_pane_get_busy (pane);
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  /* The records' search, not the filter of a drop-down's popover. */
  if (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);
      if (found)
        return found;
    }
  return NULL;
}

/* An example from the start page opens as a copy in the reviewer's case
 * folder, with its records beside the checklist; a criterion's Find support
 * searches them, and an evidence chip's action opens the cited page. The
 * bundled example is untouched. */
static void
test_review_open_example (void)
{
  g_auto(GStrv) examples = rd_example_list_bundled ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cases_dir = rd_window_get_cases_dir ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  RdWindow *window = new_window ();
  RdCaseEvidence evidence = { 0 };
  RdCaseRecord *record;
  RdCaseFile *case_file;
  RdCasePage *page;
  RdRecordsPane *pane;
  RdIntakePage *intake;
  RdCriteriaPage *criteria = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  GtkWidget *entry;
  gboolean shown;

  g_assert_true (g_file_get_contents (examples[0], &before, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", examples[0]));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 60000));
  page = rd_window_get_case_page (window);
  case_file = rd_case_page_get_case_file (page);
  g_assert_true (g_str_has_prefix (rd_case_file_get_path (case_file), cases_dir));
  g_assert_true (g_file_get_contents (examples[0], &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  records = rd_case_file_list_records (case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >, 0);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpuint (record->n_pages, >=, 2);
  pane = RD_RECORDS_PANE (rd_case_page_get_records_pane (page));
  g_assert_nonnull (pane);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (pane), GTK_WIDGET (page)));
  /* Generous: the pane indexes the example's records in the background, which
   * takes minutes under the sanitizers on a busy machine. */
  g_assert_true (rd_test_gui_wait_for (records_ready, pane, 180000));
  rd_test_gui_screenshot (GTK_WIDGET (window), "example-opened");

  /* An evidence chip activates case.show-evidence with its id. */
  evidence.record_id = record->id;
  evidence.page_number = 2;
  evidence.x = 72;
  evidence.y = 100;
  evidence.width = 200;
  evidence.height = 14;
  evidence.quote = (char *) "passage";
  evidence.target_kind = RD_EVIDENCE_TARGET_CRITERION;
  evidence.policy_id = (char *) "bsc-7.01.41";
  evidence.target_id = (char *) "c-test";
  evidence.id = rd_case_file_add_evidence (case_file, &evidence, &error);
  g_assert_no_error (error);
  g_object_set (page, "show-records", FALSE, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-evidence", "x", evidence.id));
  rd_test_gui_spin ();
  g_object_get (page, "show-records", &shown, NULL);
  g_assert_true (shown);
  g_assert_cmpint (rd_records_pane_get_record_id (pane), ==, record->id);
  g_assert_cmpuint (rd_records_pane_get_page_number (pane), ==, 2);

  /* Find support on a criterion searches the records with its key words. */
  intake = RD_INTAKE_PAGE (rd_case_page_get_step_page (page, "intake"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (intake), "intake.accept-proposals", NULL));
  rd_test_gui_spin ();
  criteria = RD_CRITERIA_PAGE (rd_case_page_get_step_page (page, "criteria:bsc-7.01.41:severe-spasticity"));
  g_assert_nonnull (criteria);
  nodes = rd_policy_get_criteria (rd_criteria_page_get_policy (criteria), rd_criteria_page_get_indication (criteria));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_criteria_page_get_row (criteria, ((const RdNode *) nodes->pdata[0])->id)),
                                             "criterion.find-support", NULL));
  rd_test_gui_spin ();
  entry = find_search_entry (GTK_WIDGET (pane));
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), !=, "");

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

/* With the records open beside it, every step fits a 1024×768 screen, at
 * either fit zoom. Run in English, and in Spanish (LANGUAGE=es), whose words
 * are longer, by the review-es test. */
static void
test_review_fits_small_screen (void)
{
  g_auto(GStrv) examples = rd_example_list_bundled ();
  const char *zooms[] = { "records.zoom-fit-width", "records.zoom-fit-page" };
  RdWindow *window = new_window ();
  RdCasePage *page;
  RdStepList *steps;
  GtkWidget *pane;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", examples[0]));
  g_assert_true (rd_test_gui_wait_for (case_shown, window, 60000));
  page = rd_window_get_case_page (window);
  pane = rd_case_page_get_records_pane (page);
  g_assert_true (rd_test_gui_wait_for (records_ready, pane, 180000));
  g_assert_true (gtk_widget_activate_action (rd_case_page_get_step_page (page, "intake"), "intake.accept-proposals", NULL));
  rd_test_gui_spin ();

  steps = rd_case_page_get_step_list (page);
  g_assert_cmpuint (rd_step_list_get_n_steps (steps), >=, 5);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_assert_true (gtk_widget_activate_action (pane, zooms[z], NULL));
      for (guint i = 0; i < rd_step_list_get_n_steps (steps); i++)
        {
          const char *id = rd_step_list_get_id (steps, i);
          int min_width = 0;

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.show-step", "s", id));
          rd_test_gui_spin ();
          gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
          g_test_message ("%s, %s: the case needs %d pixels", zooms[z], id, min_width);
          g_assert_cmpint (min_width, <=, 1024);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_gui_spin ();
}

int
main (int argc, char *argv[])
{
  g_auto(GStrv) examples = NULL;

  rd_test_gui_init (&argc, &argv);
  /* The review-es test runs the same program with LANGUAGE=es. */
  rd_paths_init_gettext ();

  g_test_add_func ("/review/due-clock", test_review_due_clock);
  g_test_add_func ("/review/new-case", test_review_new_case);
  g_test_add_func ("/review/measure-and-refer", test_review_measure_and_refer);
  g_test_add_func ("/review/restored", test_review_restored);
  g_test_add_func ("/review/open-example", test_review_open_example);
  g_test_add_func ("/review/fits-small-screen", test_review_fits_small_screen);
  /* The paths outlive every test, including those a -p filter leaves out. */
  examples = rd_example_list_bundled ();
  g_assert_cmpuint (g_strv_length (examples), >, 0);
  for (guint i = 0; examples[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (examples[i]);
      g_autofree char *test_path = g_strdup_printf ("/review/example/%s", base);
      g_test_add_data_func (test_path, examples[i], test_review_example);
    }

  return g_test_run ();
}
