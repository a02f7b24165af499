/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit-page.h"
#include "rd-case-evaluate.h"
#include "rd-case-page.h"
#include "rd-cite-target.h"
#include "rd-criteria-page.h"
#include "rd-determination-page.h"
#include "rd-documentation-page.h"
#include "rd-due-clock.h"
#include "rd-intake-page.h"
#include "rd-records-pane.h"
#include "rd-reporter.h"
#include "rd-summary-page.h"
#include "rd-toast.h"

/* One case on screen: the header (member, request, policy, urgency, due clock,
 * saved state), the review side (step list and the step's page) and the records
 * side. The pages do the work; the page keeps them in step. */
struct _RdCasePage
{
  AdwBin           parent_instance;

  GtkLabel        *member_label;
  GtkLabel        *urgency_label;
  GtkLabel        *request_label;
  GtkLabel        *policy_label;
  RdDueClock      *due_clock;
  GtkWidget       *saved_box;
  GtkImage        *saved_icon;
  GtkLabel        *saved_label;
  GtkPaned        *paned;
  RdStepList      *step_list;
  GtkStack        *step_stack;
  AdwBin          *records_bin;
  RdRecordsPane   *records_pane;

  RdIntakePage    *intake_page;
  GPtrArray       *criteria_pages;   /* RdCriteriaPage, in step order */
  RdDocumentationPage *documentation_page;
  RdSummaryPage   *summary_page;
  RdDeterminationPage *determination_page;  /* a step only for a medical director */
  GtkWidget       *audit_page;       /* aside from the steps */
  gboolean         records_before_audit;
  gboolean         determination_shown;
  RdCaseFile      *case_file;
  GPtrArray       *policies;
  char            *title;
  gboolean         show_records;
};

static void rd_case_page_reporter_init (RdReporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdCasePage, rd_case_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_REPORTER, rd_case_page_reporter_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SHOW_RECORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
rd_case_page_new (void)
{
  return g_object_new (RD_TYPE_CASE_PAGE, NULL);
}

/**
 * rd_case_page_get_step_list:
 *
 * Returns: (transfer none): the list of review steps.
 */
RdStepList *
rd_case_page_get_step_list (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);
  return self->step_list;
}

/**
 * rd_case_page_get_step_page:
 *
 * Returns: (transfer none) (nullable): the page of the step @step_id.
 */
GtkWidget *
rd_case_page_get_step_page (RdCasePage *self,
                            const char *step_id)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);
  return gtk_stack_get_child_by_name (self->step_stack, step_id);
}

/**
 * rd_case_page_get_title:
 *
 * Returns: what the window title shows for the case: the member's name, or
 *   "New Case" before intake names the member.
 */
const char *
rd_case_page_get_title (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);
  return self->title;
}

void
rd_case_page_show_toast (RdCasePage *self,
                         const char *message)
{
  g_return_if_fail (RD_IS_CASE_PAGE (self));
  rd_toast_add (GTK_WIDGET (self), adw_toast_new (message));
}

static void
set_title (RdCasePage *self,
           const char *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
join_codes (GString      *text,
            const char   *system,
            char * const *codes)
{
  if (codes == NULL || codes[0] == NULL)
    return;
  if (text->len)
    g_string_append (text, " · ");
  g_string_append_printf (text, "%s ", system);
  for (guint i = 0; codes[i]; i++)
    g_string_append_printf (text, i ? ", %s" : "%s", codes[i]);
}

/* The rule the due time follows, and its extension if it has one. */
static char *
describe_due_rule (RdCasePage      *self,
                   const RdRequest *request)
{
  g_autofree char *rule = rd_due_rule_describe (rd_request_get_due_rule (request));
  g_autoptr(RdCaseDueExtension) extension = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (self->case_file == NULL || (extension = rd_case_file_get_due_extension (self->case_file, NULL)) == NULL)
    return g_steal_pointer (&rule);
  local = g_date_time_to_local (extension->time);
  /* TRANSLATORS: a date, short, a strftime format */
  when = g_date_time_format (local, _("%-d %b %Y"));
  /* TRANSLATORS: the due-time rule, then the extension: hours, who, when, why */
  return g_strdup_printf (_("%s\nExtended by %u hours by %s on %s: %s"), rule, extension->hours, extension->who,
                          when, extension->reason);
}

static void
show_request (RdCasePage      *self,
              const RdRequest *request)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) due = self->case_file ? rd_case_file_get_due_time (self->case_file, NULL)
                                             : rd_request_get_due_time (request);
  g_autofree char *rule = describe_due_rule (self, request);
  const char *member = request->member_name ? request->member_name : _("New Case");

  gtk_label_set_label (self->member_label, member);
  set_title (self, member);

  join_codes (text, "CPT", request->cpt_codes);
  join_codes (text, "HCPCS", request->hcpcs_codes);
  join_codes (text, "ICD-10-PCS", request->icd10_pcs_codes);
  join_codes (text, "ICD-10-CM", request->icd10_cm_codes);
  if (request->drug || request->route)
    {
      if (text->len)
        g_string_append (text, " · ");
      g_string_append_printf (text, "%s%s%s", request->drug ? request->drug : "",
                              request->drug && request->route ? ", " : "",
                              request->route ? request->route : "");
    }
  if (text->len == 0)
    g_string_append (text, _("Request not entered yet"));
  gtk_label_set_label (self->request_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->request_label), text->str);

  gtk_label_set_label (self->urgency_label,
                       request->urgency == RD_URGENCY_EXPEDITED ? _("Expedited") : _("Standard"));
  if (request->urgency == RD_URGENCY_EXPEDITED)
    gtk_widget_add_css_class (GTK_WIDGET (self->urgency_label), "expedited");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->urgency_label), "expedited");

  rd_due_clock_set_due_time (self->due_clock, due);
  rd_due_clock_set_rule (self->due_clock, rule);
}

/* Stops the due clock at the decision that closed the case, if one has. */
static void
show_decided (RdCasePage *self)
{
  RdCaseStatus status = rd_case_file_get_status (self->case_file);
  g_autoptr(GPtrArray) decisions = NULL;
  RdCaseDecision *latest = NULL;

  if (status == RD_CASE_STATUS_DECIDED || status == RD_CASE_STATUS_SEALED)
    {
      decisions = rd_case_file_list_decisions (self->case_file, NULL);
      if (decisions && decisions->len > 0)
        latest = g_ptr_array_index (decisions, decisions->len - 1);
    }
  rd_due_clock_set_decided_time (self->due_clock, latest ? latest->time : NULL);
}

static void set_show_records (RdCasePage *self,
                              gboolean    show);

/* The step pages and their rows report through RdReporter: an error is a toast
 * that waits for no other, and the case is marked as not saved. */
static void
report_error (RdReporter   *reporter,
              GtkWidget    *source,
              const GError *error)
{
  RdCasePage *self = RD_CASE_PAGE (reporter);
  AdwToast *toast;

  toast = adw_toast_new (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  rd_toast_add (source, toast);
  gtk_label_set_label (self->saved_label, _("Not saved"));
  gtk_widget_add_css_class (self->saved_box, "error");
}

static void
report_message (RdReporter *reporter,
                GtkWidget  *source,
                const char *message)
{
  rd_case_page_show_toast (RD_CASE_PAGE (reporter), message);
}

static void
rd_case_page_reporter_init (RdReporterInterface *iface)
{
  iface->report_error = report_error;
  iface->report_message = report_message;
}

/**
 * rd_case_page_get_case_file:
 *
 * Returns: (transfer none) (nullable): the case shown.
 */
RdCaseFile *
rd_case_page_get_case_file (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);
  return self->case_file;
}

static char *
criteria_step_id (RdPolicy           *policy,
                  const RdIndication *indication)
{
  return g_strdup_printf ("criteria:%s:%s", rd_policy_get_id (policy), indication->id);
}

static void
update_step_states (RdCasePage *self)
{
  rd_step_list_set_state (self->step_list, "intake", rd_intake_page_get_state (self->intake_page));
  for (guint i = 0; i < self->criteria_pages->len; i++)
    {
      RdCriteriaPage *page = g_ptr_array_index (self->criteria_pages, i);
      g_autofree char *id = criteria_step_id (rd_criteria_page_get_policy (page),
                                              rd_criteria_page_get_indication (page));
      rd_step_list_set_state (self->step_list, id, rd_criteria_page_get_state (page));
    }
  if (self->documentation_page)
    {
      rd_step_list_set_state (self->step_list, "documentation",
                              rd_documentation_page_get_state (self->documentation_page));
      rd_step_list_set_state (self->step_list, "summary", rd_summary_page_get_state (self->summary_page));
    }
  if (self->determination_shown)
    rd_step_list_set_state (self->step_list, "determination",
                            rd_determination_page_get_state (self->determination_page));
}

static void
show_policies (RdCasePage *self,
               GPtrArray  *reviews)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(RdRequest) request = rd_case_file_get_request (self->case_file, NULL);

  for (guint i = 0; reviews && i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      RdPolicy *policy = rd_policy_find_in (self->policies, review->policy_id);

      if (!rd_case_review_is_under_way (review, policy, request))
        continue;
      if (text->len)
        g_string_append (text, " · ");
      if (policy)
        /* TRANSLATORS: a policy's payer, number and title */
        g_string_append_printf (text, _("%s %s: %s"), rd_policy_get_payer (policy),
                                rd_policy_get_number (policy), rd_policy_get_title (policy));
      else
        g_string_append (text, review->policy_id);
    }
  if (text->len == 0)
    g_string_append (text, _("No policy confirmed yet: confirm the applicable indications at intake"));
  gtk_label_set_label (self->policy_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->policy_label), text->str);
}

static void
add_criteria_step (RdCasePage         *self,
                   RdPolicy           *policy,
                   const RdIndication *indication,
                   GtkWidget          *before)
{
  g_autofree char *id = criteria_step_id (policy, indication);
  /* TRANSLATORS: a criteria step: the policy's number and the indication */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), rd_policy_get_number (policy), indication->title);
  GtkWidget *page = rd_criteria_page_new (self->case_file, policy, indication);

  gtk_stack_add_named (self->step_stack, page, id);
  rd_step_list_append (self->step_list, id, title);
  g_ptr_array_add (self->criteria_pages, page);
}

/* The steps follow the indications under review: intake, one criteria step per
 * indication, then the documentation checklist and the summary. */
static void
rebuild_steps (RdCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (self->case_file, &error);
  g_autofree char *selected = g_strdup (rd_step_list_get_selected (self->step_list));

  if (reviews == NULL)
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < self->criteria_pages->len; i++)
    {
      RdCriteriaPage *page = g_ptr_array_index (self->criteria_pages, i);
      rd_criteria_page_flush (page);
      gtk_stack_remove (self->step_stack, GTK_WIDGET (page));
    }
  g_ptr_array_set_size (self->criteria_pages, 0);
  rd_step_list_clear (self->step_list);
  rd_step_list_append (self->step_list, "intake", _("Intake"));

  for (guint i = 0; i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      RdPolicy *policy = rd_policy_find_in (self->policies, review->policy_id);

      if (policy == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The case was reviewed against policy “%s”, which is not installed: install it to see those criteria."),
                                                      review->policy_id);
          rd_case_page_show_toast (self, message);
          continue;
        }
      for (guint j = 0; review->indications[j]; j++)
        {
          const RdIndication *indication = rd_policy_find_indication (policy, review->indications[j]);
          if (indication)
            add_criteria_step (self, policy, indication, NULL);
        }
    }
  rd_step_list_append (self->step_list, "documentation", _("Documentation"));
  rd_step_list_append (self->step_list, "summary", _("Summary"));
  rd_documentation_page_rebuild (self->documentation_page);
  rd_summary_page_refresh (self->summary_page);
  rd_determination_page_refresh (self->determination_page);
  self->determination_shown = rd_determination_page_get_available (self->determination_page);
  if (self->determination_shown)
    rd_step_list_append (self->step_list, "determination", _("Determination"));
  rd_step_list_append_aside (self->step_list, "audit", _("Audit Log"), "document-open-recent-symbolic");
  show_policies (self, reviews);
  {
    g_autoptr(GListModel) targets = rd_cite_targets_for_reviews (self->policies, reviews);
    rd_records_pane_set_cite_targets (self->records_pane, targets);
  }

  if (g_strcmp0 (selected, "determination") == 0 && !self->determination_shown)
    {
      g_free (selected);
      selected = g_strdup ("summary");
    }
  if (selected == NULL || gtk_stack_get_child_by_name (self->step_stack, selected) == NULL)
    {
      g_free (selected);
      selected = g_strdup ("intake");
    }
  rd_step_list_select (self->step_list, selected);
  update_step_states (self);
}

static void
show_saved (RdCasePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *tooltip = NULL;
  gboolean read_only = rd_case_file_is_read_only (self->case_file);

  gtk_widget_remove_css_class (self->saved_box, "error");
  if (read_only)
    {
      gtk_label_set_label (self->saved_label, rd_case_file_get_status (self->case_file) == RD_CASE_STATUS_SEALED
                                              ? _("Sealed") : _("Read-only"));
      gtk_widget_set_tooltip_text (self->saved_box, rd_case_file_get_read_only_reason (self->case_file));
    }
  else
    {
      /* TRANSLATORS: the tooltip of the "Saved" state; %s is a time */
      tooltip = g_strdup_printf (_("Every change is saved as you make it; last saved at %s"), time);
      gtk_label_set_label (self->saved_label, _("Saved"));
      gtk_widget_set_tooltip_text (self->saved_box, tooltip);
    }
  gtk_image_set_from_icon_name (self->saved_icon, read_only ? "changes-prevent-symbolic" : "emblem-ok-symbolic");
}

/* The determination step follows the reviewer's role and the case's status. */
static void
refresh_determination (RdCasePage *self)
{
  rd_determination_page_refresh (self->determination_page);
  if (rd_determination_page_get_available (self->determination_page) != self->determination_shown)
    rebuild_steps (self);
  else
    update_step_states (self);
}

static void
case_changed (RdCasePage *self,
              const char *what)
{
  show_saved (self);
  show_decided (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.remove-evidence", !rd_case_file_is_read_only (self->case_file));

  if (g_str_equal (what, "request") || g_str_equal (what, "due"))
    {
      g_autoptr(RdRequest) request = rd_case_file_get_request (self->case_file, NULL);
      if (request)
        show_request (self, request);
    }
  rd_intake_page_refresh (self->intake_page, what);
  if (g_str_equal (what, "review"))
    {
      rebuild_steps (self);
      return;
    }
  for (guint i = 0; i < self->criteria_pages->len; i++)
    rd_criteria_page_refresh (g_ptr_array_index (self->criteria_pages, i));
  rd_documentation_page_refresh (self->documentation_page);
  rd_summary_page_refresh (self->summary_page);
  refresh_determination (self);
}

/**
 * rd_case_page_set_case:
 * @case_file: the case to show
 * @policies: (element-type RdPolicy): the loaded policies
 *
 * Shows @case_file: its request, the steps of its review, its records.
 */
void
rd_case_page_set_case (RdCasePage *self,
                       RdCaseFile *case_file,
                       GPtrArray  *policies)
{
  g_autoptr(RdRequest) request = NULL;

  g_return_if_fail (RD_IS_CASE_PAGE (self));
  g_return_if_fail (RD_IS_CASE_FILE (case_file));
  g_return_if_fail (self->case_file == NULL);

  self->case_file = g_object_ref (case_file);
  self->policies = g_ptr_array_ref (policies);
  g_signal_connect_object (case_file, "changed", G_CALLBACK (case_changed), self, G_CONNECT_SWAPPED);

  request = rd_case_file_get_request (case_file, NULL);
  if (request)
    show_request (self, request);
  show_saved (self);
  show_decided (self);
  rd_intake_page_set_case (self->intake_page, case_file, policies);
  self->documentation_page = RD_DOCUMENTATION_PAGE (rd_documentation_page_new (case_file, policies));
  gtk_stack_add_named (self->step_stack, GTK_WIDGET (self->documentation_page), "documentation");
  self->summary_page = RD_SUMMARY_PAGE (rd_summary_page_new (case_file, policies));
  gtk_stack_add_named (self->step_stack, GTK_WIDGET (self->summary_page), "summary");
  self->determination_page = RD_DETERMINATION_PAGE (rd_determination_page_new (case_file, policies));
  gtk_stack_add_named (self->step_stack, GTK_WIDGET (self->determination_page), "determination");
  self->audit_page = rd_audit_page_new (case_file);
  gtk_stack_add_named (self->step_stack, self->audit_page, "audit");
  g_signal_connect_object (case_file, "actor-changed", G_CALLBACK (refresh_determination), self, G_CONNECT_SWAPPED);
  rebuild_steps (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->member_label), rd_case_file_get_path (case_file));
  rd_records_pane_set_case_file (self->records_pane, case_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.remove-evidence", !rd_case_file_is_read_only (case_file));
}

/**
 * rd_case_page_set_signing_help:
 *
 * What the summary says while the reviewer cannot sign a decision, with a
 * button that activates @action_name (see rd_summary_page_set_signing_help()).
 */
void
rd_case_page_set_signing_help (RdCasePage *self,
                               const char *text,
                               const char *button_label,
                               const char *action_name)
{
  g_return_if_fail (RD_IS_CASE_PAGE (self));

  if (self->summary_page != NULL)
    rd_summary_page_set_signing_help (self->summary_page, text, button_label, action_name);
}

/**
 * rd_case_page_attach_record:
 * @file: a PDF the reviewer gave, e.g. dropped on the window
 *
 * Attaches @file to the case as a record, in the background, and shows the
 * records; a file that cannot be attached is named in a message.
 */
void
rd_case_page_attach_record (RdCasePage *self,
                            GFile      *file)
{
  g_return_if_fail (RD_IS_CASE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  set_show_records (self, TRUE);
  rd_records_pane_attach_file (self->records_pane, file);
}

/**
 * rd_case_page_get_records_pane:
 *
 * Returns: (transfer none) (nullable): the records beside the checklist, once a
 *   case is shown
 */
GtkWidget *
rd_case_page_get_records_pane (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);
  return GTK_WIDGET (self->records_pane);
}

/**
 * rd_case_page_flush:
 *
 * Saves anything still being typed.
 */
void
rd_case_page_flush (RdCasePage *self)
{
  g_return_if_fail (RD_IS_CASE_PAGE (self));

  rd_intake_page_flush (self->intake_page);
  for (guint i = 0; i < self->criteria_pages->len; i++)
    rd_criteria_page_flush (g_ptr_array_index (self->criteria_pages, i));
  if (self->documentation_page)
    {
      rd_documentation_page_flush (self->documentation_page);
      rd_summary_page_flush (self->summary_page);
    }
  if (self->determination_page)
    rd_determination_page_flush (self->determination_page);
}

static void
show_evidence (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RdCasePage *self = RD_CASE_PAGE (widget);

  if (self->records_pane == NULL)
    return;
  set_show_records (self, TRUE);
  /* When the evidence is gone, the records pane says so. */
  rd_records_pane_show_evidence (self->records_pane, g_variant_get_int64 (param));
}

static void
remove_evidence (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RdCasePage *self = RD_CASE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  /* The case file says it changed, and the pages show the evidence left. */
  if (!rd_case_file_remove_evidence (self->case_file, g_variant_get_int64 (param), &error))
    rd_report_error (widget, error);
}

static void
search_records (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RdCasePage *self = RD_CASE_PAGE (widget);

  if (self->records_pane == NULL)
    return;
  set_show_records (self, TRUE);
  rd_records_pane_search (self->records_pane, g_variant_get_string (param, NULL));
}

static void
step_selected (RdCasePage *self,
               const char *id)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->step_stack, id);

  if (child == NULL)
    return;
  /* The audit log is a wide table: it takes the records' side while it is
   * shown, and gives it back as the reviewer left it. */
  if (child == self->audit_page && gtk_stack_get_visible_child (self->step_stack) != child)
    {
      self->records_before_audit = self->show_records;
      set_show_records (self, FALSE);
    }
  else if (child != self->audit_page && gtk_stack_get_visible_child (self->step_stack) == self->audit_page)
    set_show_records (self, self->records_before_audit);
  gtk_stack_set_visible_child (self->step_stack, child);
}

/* After a step is chosen from the keyboard (Ctrl+Page Down, a step action),
 * the focus goes to the step's first control rather than staying on a page
 * that is no longer shown. Choosing in the step list keeps it there. */
static void
focus_step (RdCasePage *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *page = gtk_stack_get_visible_child (self->step_stack);

  if (page == NULL || (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->step_list))))
    return;
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
move_step (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  RdCasePage *self = RD_CASE_PAGE (widget);
  int delta = g_str_equal (action_name, "case.next-step") ? 1 : -1;

  /* Leaving a step saves what was being typed there. */
  rd_case_page_flush (self);
  if (rd_step_list_move (self->step_list, delta))
    focus_step (self);
}

static void
show_step (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  RdCasePage *self = RD_CASE_PAGE (widget);

  rd_case_page_flush (self);
  rd_step_list_select (self->step_list, g_variant_get_string (param, NULL));
  focus_step (self);
}

static void
set_show_records (RdCasePage *self,
                  gboolean    show)
{
  GtkWidget *records = GTK_WIDGET (self->records_bin);

  if (self->show_records == show)
    return;
  self->show_records = show;
  gtk_widget_set_visible (records, show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_RECORDS]);
}

static void
rd_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdCasePage *self = RD_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SHOW_RECORDS:
      g_value_set_boolean (value, self->show_records);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_RECORDS:
      set_show_records (RD_CASE_PAGE (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_page_dispose (GObject *object)
{
  RdCasePage *self = RD_CASE_PAGE (object);

  /* What is being typed is saved first, while every page is whole; then the
   * page stops listening to the case and lets its children go. */
  if (self->case_file)
    {
      rd_case_page_flush (self);
      g_signal_handlers_disconnect_by_data (self->case_file, self);
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CASE_PAGE);
  g_clear_pointer (&self->criteria_pages, g_ptr_array_unref);
  g_clear_object (&self->case_file);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  G_OBJECT_CLASS (rd_case_page_parent_class)->dispose (object);
}

static void
rd_case_page_finalize (GObject *object)
{
  RdCasePage *self = RD_CASE_PAGE (object);

  g_free (self->title);
  G_OBJECT_CLASS (rd_case_page_parent_class)->finalize (object);
}

static void
rd_case_page_class_init (RdCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_page_dispose;
  object_class->finalize = rd_case_page_finalize;
  object_class->get_property = rd_case_page_get_property;
  object_class->set_property = rd_case_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RECORDS] =
    g_param_spec_boolean ("show-records", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_DUE_CLOCK);
  g_type_ensure (RD_TYPE_STEP_LIST);
  g_type_ensure (RD_TYPE_RECORDS_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, member_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, urgency_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, request_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, due_clock);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, saved_box);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, saved_icon);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, paned);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, step_list);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, step_stack);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, records_bin);
  gtk_widget_class_bind_template_child (widget_class, RdCasePage, records_pane);

  gtk_widget_class_install_action (widget_class, "case.next-step", NULL, move_step);
  gtk_widget_class_install_action (widget_class, "case.previous-step", NULL, move_step);
  gtk_widget_class_install_action (widget_class, "case.show-step", "s", show_step);
  gtk_widget_class_install_action (widget_class, "case.show-evidence", "x", show_evidence);
  gtk_widget_class_install_action (widget_class, "case.remove-evidence", "x", remove_evidence);
  gtk_widget_class_install_action (widget_class, "case.search-records", "s", search_records);
  gtk_widget_class_install_property_action (widget_class, "case.show-records", "show-records");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "case.show-records", NULL);
}

static void
add_capture_shortcut (GtkShortcutController *controller,
                      guint                  key,
                      GdkModifierType        modifiers,
                      const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                          gtk_named_action_new (action)));
}

static void
rd_case_page_init (RdCasePage *self)
{
  GtkEventController *shortcuts;
  g_autoptr(RdRequest) empty = rd_request_new ();

  self->show_records = TRUE;
  self->criteria_pages = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Page Up/Down move between steps wherever the focus is; in the capture
   * phase, so that scrolled windows do not take the keys for scrolling. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Page_Down, GDK_CONTROL_MASK, "case.next-step");
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Page_Up, GDK_CONTROL_MASK, "case.previous-step");
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_KP_Page_Down, GDK_CONTROL_MASK, "case.next-step");
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_KP_Page_Up, GDK_CONTROL_MASK, "case.previous-step");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (self->step_list, "step-selected", G_CALLBACK (step_selected), self, G_CONNECT_SWAPPED);

  self->intake_page = RD_INTAKE_PAGE (rd_intake_page_new ());
  gtk_stack_add_named (self->step_stack, GTK_WIDGET (self->intake_page), "intake");
  rd_step_list_append (self->step_list, "intake", _("Intake"));
  rd_step_list_select (self->step_list, "intake");
  show_request (self, empty);
}
