/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-choice-group.h"
#include "rd-condition-row.h"
#include "rd-measure-entry.h"
#include "rd-reporter.h"

/* A yes/no question about the case on which some criteria depend, such as
 * "Is the spasticity due to a traumatic brain injury?". The answer is stored as
 * a score: met = yes, not met = no, not documented = not known yet. */
struct _RdConditionRow
{
  GtkListBoxRow      parent_instance;

  RdCaseFile        *case_file;
  RdPolicy          *policy;
  const RdCondition *condition;
  RdScore            answer;
  gboolean           refreshing;
};

G_DEFINE_FINAL_TYPE (RdConditionRow, rd_condition_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ANSWER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_answer (RdConditionRow *self,
            RdScore         answer)
{
  g_autoptr(GError) error = NULL;

  if (self->answer == answer)
    return;
  if (!self->refreshing &&
      !rd_case_file_set_condition (self->case_file, rd_policy_get_id (self->policy),
                                   self->condition->id, answer, NULL, &error))
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }
  if (self->answer == answer)
    return;
  self->answer = answer;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER]);
}

/* A referral question with a threshold is answered by what was measured: yes
 * when the measurement passes the trigger's limit. */
static void
measured (RdConditionRow      *self,
          const RdMeasurement *measurement)
{
  g_autoptr(GError) error = NULL;
  gboolean fires;

  if (!rd_measurement_passes (measurement, self->condition->threshold, &fires, &error)
      || !rd_case_file_set_measurement (self->case_file, rd_policy_get_id (self->policy),
                                        self->condition->id, measurement, &error))
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }
  set_answer (self, fires ? RD_SCORE_MET : RD_SCORE_NOT_MET);
}

void
rd_condition_row_refresh (RdConditionRow *self,
                          RdScore         answer)
{
  g_return_if_fail (RD_IS_CONDITION_ROW (self));

  self->refreshing = TRUE;
  set_answer (self, answer);
  self->refreshing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "condition.answer", !rd_case_file_is_read_only (self->case_file));
}

RdScore
rd_condition_row_get_answer (RdConditionRow *self)
{
  g_return_val_if_fail (RD_IS_CONDITION_ROW (self), RD_SCORE_UNSCORED);
  return self->answer;
}

/**
 * rd_condition_row_get_condition:
 *
 * Returns: (transfer none): the condition, owned by the row's policy.
 */
const RdCondition *
rd_condition_row_get_condition (RdConditionRow *self)
{
  g_return_val_if_fail (RD_IS_CONDITION_ROW (self), NULL);
  return self->condition;
}

GtkWidget *
rd_condition_row_new (RdCaseFile        *case_file,
                      RdPolicy          *policy,
                      const RdCondition *condition)
{
  RdConditionRow *self;
  GtkWidget *box, *question, *choices;
  g_autofree char *group_label = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);
  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (condition != NULL, NULL);

  self = g_object_new (RD_TYPE_CONDITION_ROW, NULL);
  self->case_file = g_object_ref (case_file);
  self->policy = g_object_ref (policy);
  self->condition = condition;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  question = gtk_label_new (condition->question);
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_xalign (GTK_LABEL (question), 0);
  gtk_box_append (GTK_BOX (box), question);
  if (condition->referral)
    {
      /* A referral question shows the policy's own words: they are why a yes
       * sends the case to a medical director. */
      g_autofree char *why = g_strdup_printf (_("Referral question: yes sends the case to a medical director. The policy: “%s”"),
                                              condition->cite.text);
      GtkWidget *words = gtk_label_new (why);

      gtk_label_set_wrap (GTK_LABEL (words), TRUE);
      gtk_label_set_xalign (GTK_LABEL (words), 0);
      gtk_widget_add_css_class (words, "dim-label");
      gtk_widget_add_css_class (words, "caption");
      gtk_box_append (GTK_BOX (box), words);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
    }

  /* TRANSLATORS: the accessible name of a condition's answer buttons */
  group_label = g_strdup_printf (_("Answer: %s"), condition->question);
  choices = rd_choice_group_new ("condition.answer", group_label);
  gtk_widget_set_halign (choices, GTK_ALIGN_START);
  gtk_widget_set_size_request (choices, 280, -1);
  rd_choice_group_add (RD_CHOICE_GROUP (choices), rd_score_to_string (RD_SCORE_MET), _("Yes"), NULL);
  rd_choice_group_add (RD_CHOICE_GROUP (choices), rd_score_to_string (RD_SCORE_NOT_MET), _("No"), NULL);
  rd_choice_group_add (RD_CHOICE_GROUP (choices), rd_score_to_string (RD_SCORE_NOT_DOCUMENTED), _("Not known"), NULL);
  gtk_box_append (GTK_BOX (box), choices);
  if (condition->threshold != NULL)
    {
      GtkWidget *entry = rd_measure_entry_new (condition->threshold, condition->question);
      g_signal_connect_object (entry, "measured", G_CALLBACK (measured), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), entry);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, condition->question, -1);
  return GTK_WIDGET (self);
}

static void
rd_condition_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ANSWER:
      g_value_set_string (value, rd_score_to_string (RD_CONDITION_ROW (object)->answer));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_condition_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdScore answer;

  switch (prop_id)
    {
    case PROP_ANSWER:
      if (rd_score_from_string (g_value_get_string (value), &answer))
        set_answer (RD_CONDITION_ROW (object), answer);
      else
        g_warning ("Unknown answer “%s”", g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_condition_row_dispose (GObject *object)
{
  RdConditionRow *self = RD_CONDITION_ROW (object);

  g_clear_object (&self->case_file);
  g_clear_object (&self->policy);
  G_OBJECT_CLASS (rd_condition_row_parent_class)->dispose (object);
}

static void
rd_condition_row_class_init (RdConditionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_condition_row_dispose;
  object_class->get_property = rd_condition_row_get_property;
  object_class->set_property = rd_condition_row_set_property;

  properties[PROP_ANSWER] =
    g_param_spec_string ("answer", NULL, NULL, "unscored",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "condition.answer", "answer");
}

static void
rd_condition_row_init (RdConditionRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "condition");
}
