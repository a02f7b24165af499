/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-intake-page.h"
#include "rd-test-gui.h"

typedef struct {
  GtkWindow    *window;
  RdIntakePage *page;
  guint         n_changed;
} Fixture;

static void
count_changed (RdIntakePage *page,
               Fixture      *fixture)
{
  fixture->n_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = RD_INTAKE_PAGE (rd_intake_page_new ());
  g_signal_connect (fixture->page, "changed", G_CALLBACK (count_changed), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 800, 700);
  gtk_window_present (fixture->window);
  rd_test_gui_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  rd_test_gui_spin ();
}

static void
type_into (Fixture    *fixture,
           const char *field,
           const char *text)
{
  GtkWidget *row = rd_intake_page_get_field (fixture->page, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
assert_message (Fixture    *fixture,
                const char *field,
                const char *text,
                const char *expected_part)
{
  const char *message;
  GtkWidget *row = rd_intake_page_get_field (fixture->page, field);

  type_into (fixture, field, text);
  message = rd_intake_page_get_field_message (fixture->page, field);
  g_test_message ("%s = “%s”: %s", field, text, message ? message : "(fine)");
  if (expected_part == NULL)
    {
      g_assert_null (message);
      g_assert_false (gtk_widget_has_css_class (row, "error"));
    }
  else
    {
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, expected_part));
      g_assert_true (gtk_widget_has_css_class (row, "error"));
    }
}

static void
test_intake_member_fields (Fixture       *fixture,
                           gconstpointer  data)
{
  assert_message (fixture, "member-name", "Ada Synthetic", NULL);
  assert_message (fixture, "member-name", "   ", "required");
  assert_message (fixture, "member-id", "SYN-0042", NULL);
  assert_message (fixture, "member-id", "", "required");
  assert_message (fixture, "member-birth-date", "1974-03-21", NULL);
  assert_message (fixture, "member-birth-date", "21/03/1974", "year-month-day");
  assert_message (fixture, "member-birth-date", "1974-02-30", "not a date");
  assert_message (fixture, "member-birth-date", "", "required");
}

static void
test_intake_provider_fields (Fixture       *fixture,
                             gconstpointer  data)
{
  assert_message (fixture, "provider-name", "Synthetic Neurology Group", NULL);
  assert_message (fixture, "provider-name", "", "required");
  assert_message (fixture, "provider-npi", "1234567893", NULL);
  assert_message (fixture, "provider-npi", "1234567890", "check digit");
  assert_message (fixture, "provider-npi", "12345", "ten digits");
  assert_message (fixture, "provider-npi", "", "required");
}

static void
test_intake_code_fields (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RdRequest) request = NULL;

  assert_message (fixture, "cpt", "62362", NULL);
  assert_message (fixture, "cpt", "62362, 6236", "6236");
  assert_message (fixture, "cpt", "", NULL);
  assert_message (fixture, "hcpcs", "e0783", NULL);
  assert_message (fixture, "hcpcs", "E078", "E078");
  assert_message (fixture, "hcpcs", "", NULL);
  assert_message (fixture, "icd10-pcs", "0JH80VZ", NULL);
  assert_message (fixture, "icd10-pcs", "0JH8OVZ", "O");
  assert_message (fixture, "icd10-pcs", "", NULL);
  assert_message (fixture, "icd10-cm", "G80.1 G35", NULL);
  assert_message (fixture, "icd10-cm", "G80.1, 801", "801");
  assert_message (fixture, "icd10-cm", "", "diagnosis");

  /* Only well-formed codes reach the request; the field keeps what was typed. */
  type_into (fixture, "cpt", "62362 6236 62350");
  type_into (fixture, "hcpcs", "e0783");
  request = rd_intake_page_get_request (fixture->page);
  g_assert_cmpuint (g_strv_length (request->cpt_codes), ==, 2);
  g_assert_cmpstr (request->cpt_codes[0], ==, "62362");
  g_assert_cmpstr (request->cpt_codes[1], ==, "62350");
  g_assert_cmpstr (request->hcpcs_codes[0], ==, "E0783");
}

static void
test_intake_received (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RdRequest) request = NULL;

  assert_message (fixture, "received", "2026-11-02 09:30", NULL);
  request = rd_intake_page_get_request (fixture->page);
  g_assert_nonnull (request->received);
  g_assert_cmpint (g_date_time_get_hour (request->received), ==, 9);
  assert_message (fixture, "received", "2026-11-02", "hour:minute");
  assert_message (fixture, "received", "2026-13-02 09:30", "not a date");
  assert_message (fixture, "received", "", "deadline");
}

static void
test_intake_complete_and_saved (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RdRequest) request = NULL;
  GtkWidget *urgency;

  g_assert_true (rd_intake_page_is_empty (fixture->page));
  g_assert_nonnull (rd_intake_page_get_status (fixture->page));
  /* Nothing typed yet: no field shouts that it is required. */
  g_assert_null (rd_intake_page_get_field_message (fixture->page, "member-name"));

  type_into (fixture, "member-name", "Ada Synthetic");
  type_into (fixture, "member-id", "SYN-0042");
  type_into (fixture, "member-birth-date", "1974-03-21");
  type_into (fixture, "provider-name", "Synthetic Neurology Group");
  type_into (fixture, "provider-npi", "1234567893");
  type_into (fixture, "cpt", "62362");
  g_assert_nonnull (strstr (rd_intake_page_get_status (fixture->page), "diagnosis"));
  type_into (fixture, "icd10-cm", "G80.1");
  type_into (fixture, "drug", "baclofen");
  type_into (fixture, "route", "intrathecal");
  g_assert_nonnull (strstr (rd_intake_page_get_status (fixture->page), "received"));
  type_into (fixture, "received", "2026-11-02 09:30");
  g_assert_null (rd_intake_page_get_status (fixture->page));
  g_assert_false (rd_intake_page_has_invalid_field (fixture->page));

  /* Typing is saved after a pause, or at once when flushed. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  rd_intake_page_flush (fixture->page);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  urgency = rd_intake_page_get_field (fixture->page, "urgency");
  adw_combo_row_set_selected (ADW_COMBO_ROW (urgency), RD_URGENCY_EXPEDITED);
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  request = rd_intake_page_get_request (fixture->page);
  g_assert_true (rd_request_validate (request, NULL));
  g_assert_cmpint (request->urgency, ==, RD_URGENCY_EXPEDITED);
  g_assert_cmpstr (request->drug, ==, "baclofen");
  rd_test_gui_screenshot (GTK_WIDGET (fixture->window), "intake-complete");

  /* Shown again, the request is the same and nothing is "changed". */
  rd_intake_page_set_request (fixture->page, request);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  {
    g_autoptr(RdRequest) again = rd_intake_page_get_request (fixture->page);
    g_assert_cmpstr (again->member_name, ==, "Ada Synthetic");
    g_assert_true (g_date_time_equal (again->received, request->received));
    g_assert_cmpint (again->urgency, ==, RD_URGENCY_EXPEDITED);
  }
}

int
main (int argc, char *argv[])
{
  rd_test_gui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/intake/member-fields", test_intake_member_fields);
  ADD ("/intake/provider-fields", test_intake_provider_fields);
  ADD ("/intake/code-fields", test_intake_code_fields);
  ADD ("/intake/received", test_intake_received);
  ADD ("/intake/complete-and-saved", test_intake_complete_and_saved);
#undef ADD

  return g_test_run ();
}
