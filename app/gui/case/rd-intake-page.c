/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-applicability.h"
#include "rd-case-intake.h"
#include "rd-case-evaluate.h"
#include "rd-codes.h"
#include "rd-intake-page.h"
#include "rd-reporter.h"

/* The intake form: one entry row per request field, each checked as the user
 * types, with the message on its own line under the field. The page does not
 * store anything itself: it emits "changed" (after a short pause in typing, or
 * at once on rd_intake_page_flush()) and its owner saves the request. */

#define SAVE_DELAY_MS 400

typedef enum {
  FIELD_TEXT,
  FIELD_CODES,
  FIELD_RECEIVED,
} FieldKind;

typedef enum {
  GROUP_MEMBER,
  GROUP_PROVIDER,
  GROUP_SERVICE,
  GROUP_REQUEST,
} FieldGroup;

typedef struct {
  const char *name;
  const char *title;
  FieldGroup  group;
  FieldKind   kind;
  gboolean    required;
} FieldSpec;

static const FieldSpec field_specs[] = {
  { "member-name", N_("Member name"), GROUP_MEMBER, FIELD_TEXT, TRUE },
  { "member-id", N_("Member ID"), GROUP_MEMBER, FIELD_TEXT, TRUE },
  { "member-birth-date", N_("Date of birth (year-month-day)"), GROUP_MEMBER, FIELD_TEXT, TRUE },
  { "payer", N_("Payer (such as Anthem)"), GROUP_MEMBER, FIELD_TEXT, FALSE },
  { "plan", N_("Plan name"), GROUP_MEMBER, FIELD_TEXT, FALSE },
  { "provider-name", N_("Provider name"), GROUP_PROVIDER, FIELD_TEXT, TRUE },
  { "provider-npi", N_("Provider NPI"), GROUP_PROVIDER, FIELD_TEXT, TRUE },
  { "cpt", N_("CPT codes"), GROUP_SERVICE, FIELD_CODES, FALSE },
  { "hcpcs", N_("HCPCS codes"), GROUP_SERVICE, FIELD_CODES, FALSE },
  { "icd10-pcs", N_("ICD-10-PCS codes"), GROUP_SERVICE, FIELD_CODES, FALSE },
  { "icd10-cm", N_("Diagnoses (ICD-10-CM)"), GROUP_SERVICE, FIELD_CODES, TRUE },
  { "drug", N_("Drug"), GROUP_SERVICE, FIELD_TEXT, FALSE },
  { "route", N_("Route (such as intrathecal)"), GROUP_SERVICE, FIELD_TEXT, FALSE },
  { "device", N_("Device make and model"), GROUP_SERVICE, FIELD_TEXT, FALSE },
  { "received", N_("Received (year-month-day hour:minute)"), GROUP_REQUEST, FIELD_RECEIVED, TRUE },
};

typedef struct {
  const FieldSpec *spec;
  GtkWidget       *row;          /* AdwEntryRow */
  GtkWidget       *message_row;
  GtkWidget       *message_label;
  char            *message;      /* nullable: what is wrong, shown under the row */
  gboolean         touched;      /* the user has edited it: "required" may show */
} Field;

struct _RdIntakePage
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *status_group;
  AdwActionRow         *status_row;
  GtkImage             *status_icon;
  AdwPreferencesGroup  *member_group;
  AdwPreferencesGroup  *provider_group;
  AdwPreferencesGroup  *service_group;
  AdwPreferencesGroup  *request_group;
  AdwPreferencesGroup  *policies_group;

  AdwComboRow          *line_row;
  AdwComboRow          *type_row;
  AdwComboRow          *urgency_row;
  AdwMessageDialog     *decline_dialog;  /* while it asks why a proposal is unticked */
  Field                 fields[G_N_ELEMENTS (field_specs)];
  GPtrArray            *proposal_rows;   /* widgets added to policies_group */
  GHashTable           *checks;          /* "policy/indication" -> GtkCheckButton */
  GHashTable           *proposed;        /* "policy/indication" proposed at intake */
  RdCaseFile           *case_file;
  GPtrArray            *policies;
  GPtrArray            *matches;         /* RdPolicyMatch */
  char                 *status;
  gboolean              loading;
  guint                 save_id;
};

G_DEFINE_FINAL_TYPE (RdIntakePage, rd_intake_page, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Field *
find_field (RdIntakePage *self,
            const char   *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (g_str_equal (self->fields[i].spec->name, name))
      return &self->fields[i];
  return NULL;
}

static const char *
field_text (Field *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (field->row));
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  return copy[0] == '\0';
}

static char **
split_codes (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,;]+", text ? text : "", 0, 0);
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; parts[i]; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (codes, rd_code_normalize (parts[i]));
  g_ptr_array_add (codes, NULL);
  return (char **) g_ptr_array_free (codes, FALSE);
}

static GDateTime *
parse_received (const char *text,
                GError    **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  int y, mo, d, h, mi;
  char extra;
  GDateTime *parsed = NULL;

  if (sscanf (stripped, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &extra) == 5)
    parsed = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (parsed == NULL)
    g_set_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_INVALID,
                 _("“%s” is not a date and time: write it as year-month-day hour:minute, such as 2026-11-02 09:30."),
                 stripped);
  return parsed;
}

static char *
format_received (GDateTime *received)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (received);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Returns the message for @field's current text, or NULL when it is acceptable. */
static char *
check_field (Field *field)
{
  const char *text = field_text (field);
  g_autoptr(GError) error = NULL;

  if (is_blank (text))
    {
      if (!field->spec->required || !field->touched)
        return NULL;
      if (field->spec->kind == FIELD_CODES)
        return g_strdup (_("Enter at least one ICD-10-CM diagnosis."));
      if (field->spec->kind == FIELD_RECEIVED)
        return g_strdup (_("Enter when the request was received: the decision deadline counts from it."));
      rd_request_validate_field (field->spec->name, text, &error);
      return error ? g_strdup (error->message) : NULL;
    }

  switch (field->spec->kind)
    {
    case FIELD_CODES:
      {
        g_auto(GStrv) codes = split_codes (text);
        for (guint i = 0; codes[i]; i++)
          if (!rd_request_validate_field (field->spec->name, codes[i], &error))
            return g_strdup (error->message);
        return NULL;
      }
    case FIELD_RECEIVED:
      {
        g_autoptr(GDateTime) received = parse_received (text, &error);
        return received ? NULL : g_strdup (error->message);
      }
    case FIELD_TEXT:
    default:
      return rd_request_validate_field (field->spec->name, text, &error) ? NULL
                                                                         : g_strdup (error->message);
    }
}

static void
show_field_message (Field *field)
{
  g_autofree char *message = check_field (field);

  if (g_strcmp0 (message, field->message) == 0)
    return;
  g_free (field->message);
  field->message = g_steal_pointer (&message);

  gtk_label_set_label (GTK_LABEL (field->message_label), field->message ? field->message : "");
  gtk_widget_set_visible (field->message_row, field->message != NULL);
  if (field->message)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (field->row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               field->message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  field->message ? field->message : "",
                                  -1);
}

/* The urgency's subtitle says the rule it leads to, with the line of
 * business; the options themselves stay short enough to read whole. */
static void
show_due_rule (RdIntakePage    *self,
               const RdRequest *request)
{
  g_autofree char *rule = rd_due_rule_describe (rd_request_get_due_rule (request));
  /* TRANSLATORS: the rule the due time follows, "Medicare Advantage, standard: 7 calendar days (CMS-0057-F)" */
  g_autofree char *text = g_strdup_printf (_("Decision due by the rule: %s"), rule);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->urgency_row), text);
}

static void
update_status (RdIntakePage *self)
{
  g_autoptr(RdRequest) request = rd_intake_page_get_request (self);
  g_autoptr(GError) error = NULL;
  const char *title, *icon;

  g_clear_pointer (&self->status, g_free);
  if (rd_intake_page_has_invalid_field (self))
    {
      title = _("Correct the fields marked in red");
      icon = "dialog-warning-symbolic";
      self->status = g_strdup (_("A field has a value that is not valid; its message says how to write it."));
    }
  else if (!rd_request_validate (request, &error))
    {
      title = _("Still needed");
      icon = "dialog-information-symbolic";
      self->status = g_strdup (error->message);
    }
  else
    {
      title = _("The request is complete");
      icon = "emblem-ok-symbolic";
    }
  show_due_rule (self, request);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, self->status ? self->status : "");
  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  if (self->status == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
  else if (rd_intake_page_has_invalid_field (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
}

static gboolean
emit_changed (gpointer data)
{
  RdIntakePage *self = data;

  self->save_id = 0;
  if (self->case_file)
    {
      g_autoptr(RdRequest) request = rd_intake_page_get_request (self);
      g_autoptr(GError) error = NULL;

      if (!rd_case_file_set_request (self->case_file, request, &error))
        rd_report_error (GTK_WIDGET (self), error);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (RdIntakePage *self,
               gboolean      at_once)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (at_once)
    emit_changed (self);
  else
    self->save_id = g_timeout_add (SAVE_DELAY_MS, emit_changed, self);
}

static void
field_changed (GtkEditable  *editable,
               RdIntakePage *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "rd-field");

  if (self->loading)
    return;
  field->touched = TRUE;
  show_field_message (field);
  update_status (self);
  schedule_save (self, FALSE);
}

static void
combo_changed (RdIntakePage *self)
{
  if (self->loading)
    return;
  update_status (self);
  schedule_save (self, TRUE);
}

static void
focus_left (GtkEventControllerFocus *controller,
            RdIntakePage            *self)
{
  /* A field left empty now shows that it is required, and nothing typed waits. */
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Field *field = g_object_get_data (G_OBJECT (row), "rd-field");

  field->touched = TRUE;
  show_field_message (field);
  update_status (self);
  if (self->save_id)
    schedule_save (self, TRUE);
}

static void
set_received_now (GtkButton    *button,
                  RdIntakePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = format_received (now);

  gtk_editable_set_text (GTK_EDITABLE (find_field (self, "received")->row), text);
  rd_intake_page_flush (self);
}

static AdwPreferencesGroup *
group_for (RdIntakePage *self,
           FieldGroup    group)
{
  switch (group)
    {
    case GROUP_MEMBER:
      return self->member_group;
    case GROUP_PROVIDER:
      return self->provider_group;
    case GROUP_SERVICE:
      return self->service_group;
    case GROUP_REQUEST:
    default:
      return self->request_group;
    }
}

static void
build_field (RdIntakePage    *self,
             Field           *field,
             const FieldSpec *spec)
{
  AdwPreferencesGroup *group = group_for (self, spec->group);
  GtkEventController *focus;

  field->spec = spec;
  field->row = adw_entry_row_new ();
  gtk_widget_set_name (field->row, spec->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _(spec->title));
  g_object_set_data (G_OBJECT (field->row), "rd-field", field);
  g_signal_connect_object (field->row, "changed", G_CALLBACK (field_changed), self, 0);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_left), self, 0);
  gtk_widget_add_controller (field->row, focus);
  adw_preferences_group_add (group, field->row);

  if (spec->kind == FIELD_RECEIVED)
    {
      GtkWidget *now = gtk_button_new_with_mnemonic (_("_Now"));
      gtk_widget_set_valign (now, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (now, "flat");
      gtk_widget_set_tooltip_text (now, _("Fill in the current date and time"));
      g_signal_connect_object (now, "clicked", G_CALLBACK (set_received_now), self, 0);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), now);
    }

  /* The message stands on its own line under the field, so that a long
   * sentence (or its translation) is read whole rather than cut off. */
  field->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (field->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (field->message_label), 0);
  gtk_widget_add_css_class (field->message_label, "error");
  gtk_widget_add_css_class (field->message_label, "caption");
  gtk_widget_set_margin_start (field->message_label, 12);
  gtk_widget_set_margin_end (field->message_label, 12);
  gtk_widget_set_margin_top (field->message_label, 6);
  gtk_widget_set_margin_bottom (field->message_label, 6);
  field->message_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->message_row), FALSE);
  gtk_widget_set_focusable (field->message_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->message_row), field->message_label);
  gtk_widget_add_css_class (field->message_row, "field-message");
  gtk_widget_set_visible (field->message_row, FALSE);
  adw_preferences_group_add (group, field->message_row);
}

static AdwComboRow *
build_combo (AdwPreferencesGroup *group,
             const char          *name,
             const char          *title,
             const char * const  *items)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

/* ---- applicable policies and indications -------------------------------- */

static char *
join_reasons (GPtrArray *reasons)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; reasons && i < reasons->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", (const char *) g_ptr_array_index (reasons, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
policy_name (RdPolicy *policy)
{
  /* TRANSLATORS: a policy's payer, number and title */
  return g_strdup_printf (_("%s %s: %s"), rd_policy_get_payer (policy),
                          rd_policy_get_number (policy), rd_policy_get_title (policy));
}

static void
add_proposal_row (RdIntakePage *self,
                  GtkWidget    *row)
{
  adw_preferences_group_add (self->policies_group, row);
  g_ptr_array_add (self->proposal_rows, row);
}

static gboolean
include_indication (RdIntakePage *self,
                    const char   *policy_id,
                    const char   *indication_id,
                    gboolean      include,
                    GError      **error)
{
  RdPolicy *policy = rd_policy_find_in (self->policies, policy_id);

  g_return_val_if_fail (policy != NULL, FALSE);
  return rd_case_include_indication (self->case_file, policy, indication_id, include, error);
}

static char *
check_key (const char *policy_id,
           const char *indication_id)
{
  return g_strconcat (policy_id, "/", indication_id, NULL);
}

static const char *
indication_title (RdIntakePage *self,
                  const char   *policy_id,
                  const char   *indication_id)
{
  RdPolicy *policy = rd_policy_find_in (self->policies, policy_id);
  const RdIndication *indication = policy ? rd_policy_find_indication (policy, indication_id) : NULL;

  return indication ? indication->title : indication_id;
}

static void
decline_reason_changed (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "decline", reason[0] != '\0');
}

static void
decline_response (AdwMessageDialog *dialog,
                  const char       *response,
                  RdIntakePage     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  self->decline_dialog = NULL;
  if (!g_str_equal (response, "decline") || self->case_file == NULL)
    return;
  if (!rd_case_file_decline_indication (self->case_file, g_object_get_data (G_OBJECT (dialog), "policy-id"),
                                        g_object_get_data (G_OBJECT (dialog), "indication-id"),
                                        gtk_editable_get_text (entry), &error))
    rd_report_error (GTK_WIDGET (self), error);
}

/* Unticking an indication intake proposed asks why; the reason is stored
 * and audited with the change (rd_case_file_decline_indication()). */
static void
ask_decline_reason (RdIntakePage *self,
                    const char   *policy_id,
                    const char   *indication_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* TRANSLATORS: %s is an indication's title; the dialog asks why it is unticked */
  g_autofree char *body = g_strdup_printf (_("Intake proposed “%s” because the request matches it. Say why it is not"
                                             " reviewed: the reason is kept in the case with your name."),
                                           indication_title (self, policy_id, indication_id));
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  if (self->decline_dialog != NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Leave Out a Proposed Indication?"), body));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Why the indication is not reviewed"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "decline", _("_Do Not Review"), NULL);
  adw_message_dialog_set_default_response (dialog, "decline");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "decline", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "policy-id", g_strdup (policy_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "indication-id", g_strdup (indication_id), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (decline_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (decline_response), self, 0);
  self->decline_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Includes or excludes an indication; excluding one intake proposed asks why. */
static void
set_included (RdIntakePage *self,
              const char   *policy_id,
              const char   *indication_id,
              gboolean      include)
{
  g_autofree char *key = check_key (policy_id, indication_id);
  g_autoptr(GError) error = NULL;

  if (!include && g_hash_table_contains (self->proposed, key))
    {
      GtkCheckButton *check = g_hash_table_lookup (self->checks, key);

      /* Still under review until the nurse says why not. */
      self->loading = TRUE;
      if (check != NULL)
        gtk_check_button_set_active (check, TRUE);
      self->loading = FALSE;
      ask_decline_reason (self, policy_id, indication_id);
      return;
    }
  if (!include_indication (self, policy_id, indication_id, include, &error))
    rd_report_error (GTK_WIDGET (self), error);
}

static void
check_toggled (GtkCheckButton *check,
               RdIntakePage   *self)
{
  if (self->loading)
    return;
  set_included (self, g_object_get_data (G_OBJECT (check), "policy-id"),
                g_object_get_data (G_OBJECT (check), "indication-id"), gtk_check_button_get_active (check));
}

static GtkWidget *
indication_row (RdIntakePage            *self,
                RdPolicy                *policy,
                const RdIndicationMatch *match,
                gboolean                 proposed)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *reasons = join_reasons (match->reasons);
  g_autofree char *key = g_strconcat (rd_policy_get_id (policy), "/", match->indication->id, NULL);
  /* TRANSLATORS: the accessible name of the check box that puts an indication under review */
  g_autofree char *label = g_strdup_printf (_("Review “%s”"), match->indication->title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), match->indication->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reasons);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (check), "policy-id", g_strdup (rd_policy_get_id (policy)), g_free);
  g_object_set_data_full (G_OBJECT (check), "indication-id", g_strdup (match->indication->id), g_free);
  g_object_set_data_full (G_OBJECT (check), "reasons", g_strdup (reasons), g_free);
  g_object_set_data (G_OBJECT (check), "row", row);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (proposed)
    {
      GtkWidget *tag = gtk_label_new (_("Proposed"));
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "tag");
      gtk_widget_add_css_class (tag, "proposed");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      g_hash_table_add (self->proposed, g_strdup (key));
    }
  g_hash_table_insert (self->checks, g_steal_pointer (&key), check);
  return row;
}

static GtkWidget *
warning_row (const char *title,
             const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
show_policy_match (RdIntakePage        *self,
                   const RdPolicyMatch *match)
{
  g_autofree char *name = policy_name (match->policy);
  g_autofree char *reasons = join_reasons (match->reasons);
  GtkWidget *header = adw_action_row_new ();
  GtkWidget *others = NULL;
  guint n_others = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (header), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (header), reasons);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (header), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (header), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (header), gtk_image_new_from_icon_name ("emblem-documents-symbolic"));
  gtk_widget_add_css_class (header, "policy-header");
  add_proposal_row (self, header);

  if (match->direct_outcome)
    {
      /* TRANSLATORS: %s is a policy outcome, e.g. "Not medically necessary" */
      g_autofree char *title = g_strdup_printf (_("The codes lead to “%s” without the criteria"),
                                                match->direct_outcome->label);
      add_proposal_row (self, warning_row (title, _("Only a medical director can make this determination: send the case to one.")));
    }
  for (guint i = 0; i < match->exclusions->len; i++)
    {
      const RdExclusionHit *hit = g_ptr_array_index (match->exclusions, i);
      add_proposal_row (self, warning_row (hit->exclusion->text, hit->reason));
    }

  for (guint i = 0; i < match->indications->len; i++)
    {
      const RdIndicationMatch *im = g_ptr_array_index (match->indications, i);

      if (im->applies)
        add_proposal_row (self, indication_row (self, match->policy, im, rd_policy_match_is_proposed (match)));
      else
        {
          if (others == NULL)
            {
              others = adw_expander_row_new ();
              add_proposal_row (self, others);
            }
          adw_expander_row_add_row (ADW_EXPANDER_ROW (others), indication_row (self, match->policy, im, FALSE));
          n_others++;
        }
    }
  if (others)
    {
      /* TRANSLATORS: an expander over the indications of a policy that do not match the request */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other indication of this policy",
                                                             "%u other indications of this policy", n_others),
                                                n_others);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (others), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (others), _("They do not match the request; include one only if the records show it applies."));
    }
}

static const RdCaseDeclinedProposal *
find_declined (GPtrArray  *declined,
               const char *policy_id,
               const char *indication_id)
{
  for (guint i = 0; declined != NULL && i < declined->len; i++)
    {
      const RdCaseDeclinedProposal *d = g_ptr_array_index (declined, i);
      if (g_str_equal (d->policy_id, policy_id) && g_str_equal (d->indication_id, indication_id))
        return d;
    }
  return NULL;
}

/* An indication the nurse declined says why under its reasons. */
static void
show_declined (GtkWidget                    *check,
               const RdCaseDeclinedProposal *declined)
{
  const char *reasons = g_object_get_data (G_OBJECT (check), "reasons");
  g_autofree char *subtitle = NULL;

  if (declined != NULL)
    /* TRANSLATORS: why the nurse does not review a proposed indication, and who said so */
    subtitle = g_strdup_printf (_("%s\nNot reviewed: %s (%s)"), reasons, declined->reason, declined->who);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (g_object_get_data (G_OBJECT (check), "row")),
                               subtitle ? subtitle : reasons);
}

static void
refresh_checks (RdIntakePage *self)
{
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (self->case_file, NULL);
  g_autoptr(GPtrArray) declined = rd_case_file_list_declined (self->case_file, NULL);
  GHashTableIter iter;
  gpointer key, value;

  self->loading = TRUE;
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *policy_id = g_object_get_data (value, "policy-id");
      const char *indication_id = g_object_get_data (value, "indication-id");
      RdCaseReview *review = rd_case_find_review (reviews, policy_id);
      gboolean active = review && g_strv_contains ((const char * const *) review->indications, indication_id);

      gtk_check_button_set_active (value, active);
      show_declined (value, find_declined (declined, policy_id, indication_id));
    }
  self->loading = FALSE;
}

/* Another payer's policy: named, with why it is not proposed, and nothing
 * to tick (a nurse who must review it anyway finds it by its codes once the
 * payer is corrected). */
static void
show_other_payer (RdIntakePage        *self,
                  const RdPolicyMatch *match)
{
  g_autofree char *name = policy_name (match->policy);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), match->payer_reason);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("action-unavailable-symbolic"));
  gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_add_css_class (row, "other-payer");
  add_proposal_row (self, row);
}


static void
show_proposals (RdIntakePage *self)
{
  g_autoptr(RdRequest) request = rd_intake_page_get_request (self);
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (self->case_file, NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *payer_note = NULL;
  gboolean noted = FALSE;
  guint n_shown = 0;

  for (guint i = 0; i < self->proposal_rows->len; i++)
    adw_preferences_group_remove (self->policies_group, g_ptr_array_index (self->proposal_rows, i));
  g_ptr_array_set_size (self->proposal_rows, 0);
  g_hash_table_remove_all (self->checks);
  g_hash_table_remove_all (self->proposed);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  self->matches = rd_applicability_evaluate (self->policies, request);
  for (guint i = 0; i < self->matches->len; i++)
    {
      const RdPolicyMatch *match = g_ptr_array_index (self->matches, i);

      if (!match->applies && match->code_hits->len == 0 &&
          rd_case_find_review (reviews, rd_policy_get_id (match->policy)) == NULL)
        continue;
      g_ptr_array_add (shown, (gpointer) match);
    }

  /* Whose policies are proposed, above them: all when no payer is named. */
  payer_note = rd_applicability_describe_payer (self->policies, request);
  if (payer_note != NULL && (shown->len > 0 || request->payer != NULL))
    {
      add_proposal_row (self, warning_row (request->payer ? _("No policy of this payer") : _("No payer entered"),
                                           payer_note));
      noted = TRUE;
    }
  for (guint i = 0; i < shown->len; i++)
    {
      const RdPolicyMatch *match = g_ptr_array_index (shown, i);

      if (match->payer == RD_PAYER_OTHER &&
          rd_case_find_review (reviews, rd_policy_get_id (match->policy)) == NULL)
        show_other_payer (self, match);
      else
        {
          show_policy_match (self, match);
          n_shown++;
        }
    }
  if (n_shown == 0 && !noted)
    add_proposal_row (self, warning_row (_("No policy applies yet"),
                                         _("Enter the procedure codes, drug and route: the policies whose codes and indications match are proposed here.")));
  refresh_checks (self);
  gtk_widget_set_visible (GTK_WIDGET (self->policies_group), TRUE);
}

static void
accept_proposals (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->case_file != NULL);

  rd_intake_page_flush (self);
  for (guint i = 0; self->matches && i < self->matches->len && error == NULL; i++)
    rd_case_accept_match (self->case_file, g_ptr_array_index (self->matches, i), NULL, &error);
  if (error)
    rd_report_error (GTK_WIDGET (self), error);
}

static void
include_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RdIntakePage *self = RD_INTAKE_PAGE (widget);
  const char *policy_id, *indication_id;
  gboolean include;

  g_return_if_fail (self->case_file != NULL);

  g_variant_get (param, "(&s&sb)", &policy_id, &indication_id, &include);
  if (rd_policy_find_in (self->policies, policy_id) == NULL)
    {
      g_warning ("No policy “%s” is loaded", policy_id);
      return;
    }
  set_included (self, policy_id, indication_id, include);
}

/* A case that cannot change (sealed, or open for writing elsewhere) is shown
 * as it is, with nothing that looks editable. */
static void
show_writable (RdIntakePage *self)
{
  gboolean writable = self->case_file != NULL && !rd_case_file_is_read_only (self->case_file);
  GHashTableIter iter;
  gpointer check;

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    gtk_editable_set_editable (GTK_EDITABLE (self->fields[i].row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->line_row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->urgency_row), writable);
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    gtk_widget_set_sensitive (check, writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.accept-proposals", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.include", writable);
}

/**
 * rd_intake_page_set_case:
 * @case_file: the case the request is saved in
 * @policies: (element-type RdPolicy): the loaded policies, to propose from
 *
 * Shows the stored request and the policies that apply to it; from now on
 * every change is written to @case_file.
 */
void
rd_intake_page_set_case (RdIntakePage *self,
                         RdCaseFile   *case_file,
                         GPtrArray    *policies)
{
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RD_IS_INTAKE_PAGE (self));
  g_return_if_fail (RD_IS_CASE_FILE (case_file));
  g_return_if_fail (policies != NULL);

  g_set_object (&self->case_file, case_file);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  self->policies = g_ptr_array_ref (policies);

  request = rd_case_file_get_request (case_file, &error);
  if (request == NULL)
    rd_report_error (GTK_WIDGET (self), error);
  rd_intake_page_set_request (self, request);
  show_proposals (self);
  show_writable (self);
}

/**
 * rd_intake_page_refresh:
 * @what: what changed in the case file (the "changed" signal's detail)
 */
void
rd_intake_page_refresh (RdIntakePage *self,
                        const char   *what)
{
  g_return_if_fail (RD_IS_INTAKE_PAGE (self));

  if (self->case_file == NULL)
    return;
  if (g_strcmp0 (what, "request") == 0)
    show_proposals (self);
  else if (g_strcmp0 (what, "review") == 0)
    refresh_checks (self);
  show_writable (self);
}

/**
 * rd_intake_page_get_state:
 *
 * Returns: not started while the form is empty, blocking while a field is
 *   invalid, complete once the request is complete and an indication is under
 *   review (or a policy whose codes lead straight to an outcome), else in progress
 */
RdStepState
rd_intake_page_get_state (RdIntakePage *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean confirmed = FALSE;

  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), RD_STEP_NOT_STARTED);

  if (rd_intake_page_is_empty (self))
    return RD_STEP_NOT_STARTED;
  if (rd_intake_page_has_invalid_field (self))
    return RD_STEP_BLOCKING;
  g_hash_table_iter_init (&iter, self->checks);
  while (!confirmed && g_hash_table_iter_next (&iter, NULL, &value))
    confirmed = gtk_check_button_get_active (value);
  for (guint i = 0; !confirmed && self->matches && i < self->matches->len; i++)
    {
      const RdPolicyMatch *match = g_ptr_array_index (self->matches, i);
      g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (self->case_file, NULL);

      confirmed = match->direct_outcome && reviews &&
                  rd_case_find_review (reviews, rd_policy_get_id (match->policy)) != NULL;
    }
  return self->status == NULL && confirmed ? RD_STEP_COMPLETE : RD_STEP_IN_PROGRESS;
}

GtkWidget *
rd_intake_page_new (void)
{
  return g_object_new (RD_TYPE_INTAKE_PAGE, NULL);
}

static void
set_field_text (Field      *field,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field->row), text ? text : "");
}

static void
set_field_codes (Field        *field,
                 char * const *codes)
{
  g_autofree char *joined = codes ? g_strjoinv (", ", (char **) codes) : NULL;
  set_field_text (field, joined);
}

/**
 * rd_intake_page_set_request:
 * @request: (nullable): the stored request, or %NULL for an empty form
 *
 * Shows @request without emitting "changed".
 */
void
rd_intake_page_set_request (RdIntakePage    *self,
                            const RdRequest *request)
{
  g_autoptr(RdRequest) empty = NULL;
  g_autofree char *received = NULL;

  g_return_if_fail (RD_IS_INTAKE_PAGE (self));

  if (request == NULL)
    request = empty = rd_request_new ();

  self->loading = TRUE;
  set_field_text (find_field (self, "member-name"), request->member_name);
  set_field_text (find_field (self, "member-id"), request->member_id);
  set_field_text (find_field (self, "member-birth-date"), request->member_birth_date);
  set_field_text (find_field (self, "provider-name"), request->provider_name);
  set_field_text (find_field (self, "provider-npi"), request->provider_npi);
  set_field_codes (find_field (self, "cpt"), request->cpt_codes);
  set_field_codes (find_field (self, "hcpcs"), request->hcpcs_codes);
  set_field_codes (find_field (self, "icd10-pcs"), request->icd10_pcs_codes);
  set_field_codes (find_field (self, "icd10-cm"), request->icd10_cm_codes);
  set_field_text (find_field (self, "drug"), request->drug);
  set_field_text (find_field (self, "route"), request->route);
  set_field_text (find_field (self, "device"), request->device);
  if (request->received)
    received = format_received (request->received);
  set_field_text (find_field (self, "received"), received);
  set_field_text (find_field (self, "payer"), request->payer);
  set_field_text (find_field (self, "plan"), request->plan);
  adw_combo_row_set_selected (self->line_row, request->line_of_business);
  adw_combo_row_set_selected (self->type_row, request->type);
  adw_combo_row_set_selected (self->urgency_row, request->urgency);

  /* A stored request was entered before: say at once what it still lacks. */
  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    {
      self->fields[i].touched = !rd_intake_page_is_empty (self);
      show_field_message (&self->fields[i]);
    }
  self->loading = FALSE;
  update_status (self);
}

static char *
text_or_null (Field *field)
{
  g_autofree char *text = g_strstrip (g_strdup (field_text (field)));
  return text[0] ? g_steal_pointer (&text) : NULL;
}

/* Only the codes that have their system's form are kept: the field still shows
 * what was typed, with its message. */
static char **
valid_codes (Field *field)
{
  g_auto(GStrv) codes = split_codes (field_text (field));
  GPtrArray *valid = g_ptr_array_new ();

  for (guint i = 0; codes[i]; i++)
    if (rd_request_validate_field (field->spec->name, codes[i], NULL))
      g_ptr_array_add (valid, g_strdup (codes[i]));
  g_ptr_array_add (valid, NULL);
  return (char **) g_ptr_array_free (valid, FALSE);
}

/**
 * rd_intake_page_get_request:
 *
 * Returns: (transfer full): the request as the form shows it.
 */
RdRequest *
rd_intake_page_get_request (RdIntakePage *self)
{
  RdRequest *request;

  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), NULL);

  request = rd_request_new ();
  request->member_name = text_or_null (find_field (self, "member-name"));
  request->member_id = text_or_null (find_field (self, "member-id"));
  request->member_birth_date = text_or_null (find_field (self, "member-birth-date"));
  request->provider_name = text_or_null (find_field (self, "provider-name"));
  request->provider_npi = text_or_null (find_field (self, "provider-npi"));
  request->cpt_codes = valid_codes (find_field (self, "cpt"));
  request->hcpcs_codes = valid_codes (find_field (self, "hcpcs"));
  request->icd10_pcs_codes = valid_codes (find_field (self, "icd10-pcs"));
  request->icd10_cm_codes = valid_codes (find_field (self, "icd10-cm"));
  request->drug = text_or_null (find_field (self, "drug"));
  request->route = text_or_null (find_field (self, "route"));
  request->device = text_or_null (find_field (self, "device"));
  request->received = parse_received (field_text (find_field (self, "received")), NULL);
  request->payer = text_or_null (find_field (self, "payer"));
  request->plan = text_or_null (find_field (self, "plan"));
  request->line_of_business = adw_combo_row_get_selected (self->line_row);
  request->type = adw_combo_row_get_selected (self->type_row);
  request->urgency = adw_combo_row_get_selected (self->urgency_row);
  return request;
}

/**
 * rd_intake_page_flush:
 *
 * Emits "changed" now if typing is waiting to be saved.
 */
void
rd_intake_page_flush (RdIntakePage *self)
{
  g_return_if_fail (RD_IS_INTAKE_PAGE (self));

  if (self->save_id)
    schedule_save (self, TRUE);
}

/**
 * rd_intake_page_get_field:
 * @field: a field name of rd_request_validate_field(), "payer", "plan", "received",
 *   "line-of-business", "type" or "urgency"
 *
 * Returns: (transfer none) (nullable): the row that edits @field.
 */
GtkWidget *
rd_intake_page_get_field (RdIntakePage *self,
                          const char   *field)
{
  Field *f;

  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), NULL);

  if (g_str_equal (field, "type"))
    return GTK_WIDGET (self->type_row);
  if (g_str_equal (field, "urgency"))
    return GTK_WIDGET (self->urgency_row);
  if (g_str_equal (field, "line-of-business"))
    return GTK_WIDGET (self->line_row);
  f = find_field (self, field);
  return f ? f->row : NULL;
}

/**
 * rd_intake_page_get_field_message:
 *
 * Returns: (nullable): the message shown under @field, %NULL when it is fine.
 */
const char *
rd_intake_page_get_field_message (RdIntakePage *self,
                                  const char   *field)
{
  Field *f;

  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), NULL);

  f = find_field (self, field);
  g_return_val_if_fail (f != NULL, NULL);
  return f->message;
}

/**
 * rd_intake_page_has_invalid_field:
 *
 * Returns: whether a field holds text of the wrong form (an empty field does not count).
 */
gboolean
rd_intake_page_has_invalid_field (RdIntakePage *self)
{
  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (self->fields[i].message && !is_blank (field_text (&self->fields[i])))
      return TRUE;
  return FALSE;
}

gboolean
rd_intake_page_is_empty (RdIntakePage *self)
{
  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (!is_blank (field_text (&self->fields[i])))
      return FALSE;
  return TRUE;
}

/**
 * rd_intake_page_get_status:
 *
 * Returns: (nullable): what the request still needs, %NULL when it is complete.
 */
const char *
rd_intake_page_get_status (RdIntakePage *self)
{
  g_return_val_if_fail (RD_IS_INTAKE_PAGE (self), NULL);
  return self->status;
}

static void
rd_intake_page_dispose (GObject *object)
{
  RdIntakePage *self = RD_INTAKE_PAGE (object);

  /* Typing that has not been saved yet is saved now: closing loses nothing. */
  rd_intake_page_flush (self);
  if (self->decline_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->decline_dialog)));
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_INTAKE_PAGE);
  g_clear_object (&self->case_file);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  G_OBJECT_CLASS (rd_intake_page_parent_class)->dispose (object);
}

static void
rd_intake_page_finalize (GObject *object)
{
  RdIntakePage *self = RD_INTAKE_PAGE (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    g_free (self->fields[i].message);
  g_free (self->status);
  g_ptr_array_unref (self->proposal_rows);
  g_hash_table_unref (self->checks);
  g_hash_table_unref (self->proposed);
  G_OBJECT_CLASS (rd_intake_page_parent_class)->finalize (object);
}

static void
rd_intake_page_class_init (RdIntakePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_intake_page_dispose;
  object_class->finalize = rd_intake_page_finalize;

  /**
   * RdIntakePage::changed:
   *
   * The user changed the request; rd_intake_page_get_request() has it.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-intake-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, status_group);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, member_group);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, provider_group);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, service_group);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, request_group);
  gtk_widget_class_bind_template_child (widget_class, RdIntakePage, policies_group);

  gtk_widget_class_install_action (widget_class, "intake.accept-proposals", NULL, accept_proposals);
  gtk_widget_class_install_action (widget_class, "intake.include", "(ssb)", include_action);
}

static void
rd_intake_page_init (RdIntakePage *self)
{
  const char *types[] = { N_("Initial implant"), N_("Replacement"), N_("Trial"), N_("Revision"), N_("Refill"), NULL };
  const char *urgencies[] = { N_("Standard"), N_("Expedited"), NULL };
  const char *lines[] = { N_("Not recorded"), N_("Commercial"), N_("Medicare Advantage"),
                          N_("Medicaid managed care"), NULL };
  const char *translated_types[G_N_ELEMENTS (types)] = { NULL };
  const char *translated_urgencies[G_N_ELEMENTS (urgencies)] = { NULL };
  const char *translated_lines[G_N_ELEMENTS (lines)] = { NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->proposal_rows = g_ptr_array_new ();
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->proposed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.accept-proposals", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.include", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      build_field (self, &self->fields[i], &field_specs[i]);
      /* The line of business sits with the payer and plan. */
      if (g_str_equal (field_specs[i].name, "plan"))
        {
          for (guint j = 0; lines[j]; j++)
            translated_lines[j] = _(lines[j]);
          self->line_row = build_combo (self->member_group, "line-of-business", _("Line of business"),
                                        translated_lines);
          g_signal_connect_object (self->line_row, "notify::selected", G_CALLBACK (combo_changed), self,
                                   G_CONNECT_SWAPPED);
        }
      /* The request type and urgency sit with the received time. */
      if (g_str_equal (field_specs[i].name, "device"))
        {
          for (guint j = 0; types[j]; j++)
            translated_types[j] = _(types[j]);
          for (guint j = 0; urgencies[j]; j++)
            translated_urgencies[j] = _(urgencies[j]);
          self->type_row = build_combo (self->request_group, "type", _("Request type"), translated_types);
          self->urgency_row = build_combo (self->request_group, "urgency", _("Urgency"), translated_urgencies);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->urgency_row), 0);
          g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (combo_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->urgency_row, "notify::selected", G_CALLBACK (combo_changed), self, G_CONNECT_SWAPPED);
        }
    }
  update_status (self);
}
