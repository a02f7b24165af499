/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-choice-group.h"
#include "rd-criterion-row.h"
#include "rd-engine.h"
#include "rd-evidence-list.h"
#include "rd-measure-entry.h"
#include "rd-reporter.h"

/* One criterion of a policy: its text, threshold, hint and source sentence, the
 * reviewer's score (one linked choice of four), a note and the evidence pinned
 * to it. A score or note is written to the case file at once; the row shows
 * what the case file holds when its page refreshes it. */

#define NOTE_SAVE_DELAY_MS 600

struct _RdCriterionRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *text_label;
  GtkWidget     *decisive_label;
  GtkWidget     *judgement_label;
  GtkLabel      *threshold_label;
  GtkLabel      *hint_label;
  GtkBox        *score_box;
  GtkExpander   *source_expander;
  GtkLabel      *cite_label;
  GtkEntry      *note_entry;
  GtkBox        *evidence_box;
  GtkWidget     *evidence_list;
  GtkWidget     *score_group;
  GtkWidget     *measure_entry;

  RdCaseFile    *case_file;
  RdPolicy      *policy;
  const RdNode  *criterion;
  RdScore        score;
  gboolean       refreshing;
  guint          note_save_id;
};

G_DEFINE_FINAL_TYPE (RdCriterionRow, rd_criterion_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SCORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The entry is what the note is: "" removes a stored note. */
static char *
current_note (RdCriterionRow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
}

static gboolean
write_score (RdCriterionRow *self,
             RdScore         score)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = current_note (self);

  g_clear_handle_id (&self->note_save_id, g_source_remove);
  if (!rd_case_file_set_score (self->case_file, rd_policy_get_id (self->policy),
                               self->criterion->id, score, note, &error))
    {
      rd_report_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

static void
set_score (RdCriterionRow *self,
           RdScore         score)
{
  if (self->score == score)
    return;
  if (!self->refreshing && !write_score (self, score))
    return;
  /* Writing refreshes the page, and with it this row, from the case file. */
  if (self->score == score)
    return;
  self->score = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

static gboolean
save_note (gpointer data)
{
  RdCriterionRow *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = current_note (self);

  self->note_save_id = 0;
  if (!rd_case_file_set_score_note (self->case_file, rd_policy_get_id (self->policy),
                                    self->criterion->id, note, &error))
    rd_report_error (GTK_WIDGET (self), error);
  return G_SOURCE_REMOVE;
}

static void
note_changed (RdCriterionRow *self)
{
  if (self->refreshing)
    return;
  g_clear_handle_id (&self->note_save_id, g_source_remove);
  self->note_save_id = g_timeout_add (NOTE_SAVE_DELAY_MS, save_note, self);
}

/**
 * rd_criterion_row_flush:
 *
 * Saves a note still being typed.
 */
void
rd_criterion_row_flush (RdCriterionRow *self)
{
  g_return_if_fail (RD_IS_CRITERION_ROW (self));

  if (self->note_save_id)
    {
      g_clear_handle_id (&self->note_save_id, g_source_remove);
      save_note (self);
    }
}

static void
note_focus_left (RdCriterionRow *self)
{
  rd_criterion_row_flush (self);
}

static void
show_writable (RdCriterionRow *self)
{
  gboolean writable = !rd_case_file_is_read_only (self->case_file);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "criterion.score", writable);
  gtk_editable_set_editable (GTK_EDITABLE (self->note_entry), writable);
}

/**
 * rd_criterion_row_refresh:
 * @score: (nullable): the stored score, %NULL when none is stored
 * @evidence: (element-type RdCaseEvidence) (nullable): the evidence pinned to the criterion
 * @decisive: whether the indication's result rests on this criterion
 *
 * Shows what the case file holds. A note being typed is left alone.
 */
void
rd_criterion_row_refresh (RdCriterionRow    *self,
                          const RdCaseScore *score,
                          GPtrArray         *evidence,
                          gboolean           decisive)
{
  g_return_if_fail (RD_IS_CRITERION_ROW (self));

  self->refreshing = TRUE;
  set_score (self, score ? score->score : RD_SCORE_UNSCORED);
  if (self->note_save_id == 0 && !gtk_widget_has_focus (GTK_WIDGET (self->note_entry)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note_entry)),
                 score && score->note ? score->note : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), score && score->note ? score->note : "");
  self->refreshing = FALSE;
  show_writable (self);

  gtk_widget_set_visible (self->decisive_label, decisive);

  rd_evidence_list_set (RD_EVIDENCE_LIST (self->evidence_list), evidence);
}

const char *
rd_criterion_row_get_criterion_id (RdCriterionRow *self)
{
  g_return_val_if_fail (RD_IS_CRITERION_ROW (self), NULL);
  return self->criterion->id;
}

/**
 * rd_criterion_row_get_criterion:
 *
 * Returns: (transfer none): the criterion, owned by the row's policy.
 */
const RdNode *
rd_criterion_row_get_criterion (RdCriterionRow *self)
{
  g_return_val_if_fail (RD_IS_CRITERION_ROW (self), NULL);
  return self->criterion;
}

RdScore
rd_criterion_row_get_score (RdCriterionRow *self)
{
  g_return_val_if_fail (RD_IS_CRITERION_ROW (self), RD_SCORE_UNSCORED);
  return self->score;
}

/**
 * rd_criterion_row_focus_score:
 *
 * Puts the keyboard focus on the chosen score, or on the first when none is.
 */
void
rd_criterion_row_focus_score (RdCriterionRow *self)
{
  GtkWidget *button;

  g_return_if_fail (RD_IS_CRITERION_ROW (self));

  button = rd_choice_group_get_button (RD_CHOICE_GROUP (self->score_group), rd_score_to_string (self->score));
  if (button == NULL)
    button = gtk_widget_get_first_child (self->score_group);
  gtk_widget_grab_focus (button);
}

guint
rd_criterion_row_get_n_evidence (RdCriterionRow *self)
{
  g_return_val_if_fail (RD_IS_CRITERION_ROW (self), 0);
  return rd_evidence_list_get_size (RD_EVIDENCE_LIST (self->evidence_list));
}

/**
 * rd_criterion_row_get_note_entry:
 *
 * Returns: (transfer none): the entry of the reviewer's note.
 */
GtkWidget *
rd_criterion_row_get_note_entry (RdCriterionRow *self)
{
  g_return_val_if_fail (RD_IS_CRITERION_ROW (self), NULL);
  return GTK_WIDGET (self->note_entry);
}

/* Two key words of the criterion for a first search of the records (the
 * records pane finds the pages holding every word; the reviewer refines). The
 * longest words that are not the policies' common wording serve well enough:
 * "baclofen", "spasticity", "metastases". */
static char *
search_terms (const char *text)
{
  static const char * const common[] = {
    "individual", "individuals", "following", "documented", "documentation", "treatment",
    "therapy", "including", "criteria", "criterion", "provided", "planned", "requested",
    "which", "there", "their", "other", "least", "where", "without", "within", "months",
    "cannot", "through", "service", "medically", "necessary", NULL,
  };
  g_auto(GStrv) words = g_regex_split_simple ("[^[:alnum:]]+", text, 0, 0);
  const char *best[2] = { NULL, NULL };

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *lower = g_utf8_strdown (words[i], -1);
      if (strlen (words[i]) < 5 || g_strv_contains (common, lower))
        continue;
      if (best[0] == NULL || strlen (words[i]) > strlen (best[0]))
        {
          best[1] = best[0];
          best[0] = words[i];
        }
      else if (best[1] == NULL || strlen (words[i]) > strlen (best[1]))
        best[1] = words[i];
    }
  if (best[0] == NULL)
    return g_strdup (text);
  return best[1] ? g_strconcat (best[0], " ", best[1], NULL) : g_strdup (best[0]);
}

static void
find_support (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RdCriterionRow *self = RD_CRITERION_ROW (widget);
  g_autofree char *terms = search_terms (self->criterion->text);

  gtk_widget_activate_action (widget, "case.search-records", "s", terms);
}

/* A measurement is stored with the score it decides: the engine compares, the
 * nurse does not do the arithmetic. */
static void
measured (RdCriterionRow      *self,
          const RdMeasurement *measurement)
{
  g_autoptr(GError) error = NULL;
  gboolean passes;

  if (!rd_measurement_passes (measurement, self->criterion->threshold, &passes, &error)
      || !rd_case_file_set_measurement (self->case_file, rd_policy_get_id (self->policy),
                                        self->criterion->id, measurement, &error))
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }
  set_score (self, passes ? RD_SCORE_MET : RD_SCORE_NOT_MET);
}

/**
 * rd_criterion_row_get_measure_entry:
 *
 * Returns: (transfer none) (nullable): where a measurement is entered, for a
 *   criterion with a threshold
 */
GtkWidget *
rd_criterion_row_get_measure_entry (RdCriterionRow *self)
{
  g_return_val_if_fail (RD_IS_CRITERION_ROW (self), NULL);
  return self->measure_entry;
}

/**
 * rd_criterion_row_set_measurement:
 * @measurement: (nullable): what the case holds for the criterion
 */
void
rd_criterion_row_set_measurement (RdCriterionRow      *self,
                                  const RdMeasurement *measurement)
{
  g_return_if_fail (RD_IS_CRITERION_ROW (self));

  if (self->measure_entry != NULL)
    rd_measure_entry_set_measurement (RD_MEASURE_ENTRY (self->measure_entry), measurement);
}

/* The policy's reviewer and safety notes on the criterion, folded like the
 * source sentence: there when the reviewer wants them, not in the way. */
static void
show_notes (RdCriterionRow *self)
{
  g_autoptr(GPtrArray) notes = rd_policy_get_notes_for (self->policy, self->criterion->id);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->source_expander));
  GtkWidget *expander, *label;
  guint n = 0;

  for (guint i = 0; i < notes->len; i++)
    {
      const RdNote *note = g_ptr_array_index (notes, i);

      if (note->kind != RD_NOTE_REVIEWER && note->kind != RD_NOTE_SAFETY)
        continue;
      g_string_append_printf (text, "%s%s", n++ ? "\n\n" : "", note->text);
    }
  if (n == 0)
    return;
  /* TRANSLATORS: an expander over the policy's notes on a criterion */
  title = g_strdup_printf (ngettext ("Policy note (%u)", "Policy notes (%u)", n), n);
  expander = gtk_expander_new (title);
  label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "policy-note");
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  gtk_box_insert_child_after (GTK_BOX (parent), expander, GTK_WIDGET (self->source_expander));
}

static void
show_criterion (RdCriterionRow *self)
{
  const RdNode *criterion = self->criterion;
  /* TRANSLATORS: the accessible name of a criterion's score buttons */
  g_autofree char *group_label = g_strdup_printf (_("Score: %s"), criterion->text);
  /* TRANSLATORS: the accessible name of a criterion's note */
  g_autofree char *note_label = g_strdup_printf (_("Note: %s"), criterion->text);
  static const RdScore scores[] = {
    RD_SCORE_MET, RD_SCORE_NOT_MET, RD_SCORE_NOT_DOCUMENTED, RD_SCORE_NOT_APPLICABLE,
  };

  gtk_label_set_label (self->text_label, criterion->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, criterion->text, -1);

  if (criterion->threshold)
    {
      g_autofree char *described = rd_threshold_describe (criterion->threshold);
      /* TRANSLATORS: what is measured, then the limit, e.g. "pain reduction during the
       * trial" and "greater than 50 percent" */
      g_autofree char *text = g_strdup_printf (_("Threshold: %s %s"), criterion->threshold->measure, described);
      gtk_label_set_label (self->threshold_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->threshold_label), criterion->threshold->text);
      gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), TRUE);
    }
  else if (criterion->definition)
    {
      /* TRANSLATORS: a defined term and its definition */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), criterion->definition->term, criterion->definition->text);
      gtk_label_set_label (self->threshold_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->threshold_label), TRUE);
    }
  if (criterion->hint)
    {
      gtk_label_set_label (self->hint_label, criterion->hint);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
    }
  gtk_widget_set_visible (self->judgement_label, criterion->judgement);

  if (criterion->cite.text)
    {
      g_autofree char *cite = criterion->cite.section
        /* TRANSLATORS: a quoted source sentence and the section it is from */
        ? g_strdup_printf (_("“%s” (%s)"), criterion->cite.text, criterion->cite.section)
        : g_strdup_printf ("“%s”", criterion->cite.text);
      gtk_label_set_label (self->cite_label, cite);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->source_expander), FALSE);

  self->score_group = rd_choice_group_new ("criterion.score", group_label);
  gtk_widget_set_hexpand (self->score_group, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    rd_choice_group_add (RD_CHOICE_GROUP (self->score_group), rd_score_to_string (scores[i]),
                         rd_score_to_label (scores[i]), rd_score_to_string (scores[i]));
  gtk_box_append (self->score_box, self->score_group);
  if (criterion->threshold)
    {
      self->measure_entry = rd_measure_entry_new (criterion->threshold, criterion->text);
      g_signal_connect_object (self->measure_entry, "measured", G_CALLBACK (measured), self, G_CONNECT_SWAPPED);
      gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->score_box))),
                                  self->measure_entry, GTK_WIDGET (self->score_box));
    }
  show_notes (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, note_label, -1);
}

/**
 * rd_criterion_row_new:
 * @case_file: the case the score is written to
 * @policy: the policy that holds @criterion (a reference is kept)
 * @criterion: a criterion (%RD_NODE_CRITERION) of @policy
 */
GtkWidget *
rd_criterion_row_new (RdCaseFile   *case_file,
                      RdPolicy     *policy,
                      const RdNode *criterion)
{
  RdCriterionRow *self;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);
  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (criterion != NULL && criterion->kind == RD_NODE_CRITERION, NULL);

  self = g_object_new (RD_TYPE_CRITERION_ROW, NULL);
  self->case_file = g_object_ref (case_file);
  self->policy = g_object_ref (policy);
  self->criterion = criterion;
  show_criterion (self);
  return GTK_WIDGET (self);
}

static void
rd_criterion_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdCriterionRow *self = RD_CRITERION_ROW (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      g_value_set_string (value, rd_score_to_string (self->score));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_criterion_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdCriterionRow *self = RD_CRITERION_ROW (object);
  RdScore score;

  switch (prop_id)
    {
    case PROP_SCORE:
      if (rd_score_from_string (g_value_get_string (value), &score))
        set_score (self, score);
      else
        g_warning ("Unknown score “%s”", g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_criterion_row_dispose (GObject *object)
{
  RdCriterionRow *self = RD_CRITERION_ROW (object);

  if (self->case_file)
    rd_criterion_row_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CRITERION_ROW);
  g_clear_object (&self->case_file);
  g_clear_object (&self->policy);
  G_OBJECT_CLASS (rd_criterion_row_parent_class)->dispose (object);
}

static void
rd_criterion_row_class_init (RdCriterionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_criterion_row_dispose;
  object_class->get_property = rd_criterion_row_get_property;
  object_class->set_property = rd_criterion_row_set_property;

  properties[PROP_SCORE] =
    g_param_spec_string ("score", NULL, NULL, "unscored",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-criterion-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, decisive_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, judgement_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, score_box);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, source_expander);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, cite_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCriterionRow, evidence_box);

  /* The score buttons, the tests and any shortcut all go through this action. */
  gtk_widget_class_install_property_action (widget_class, "criterion.score", "score");
  gtk_widget_class_install_action (widget_class, "criterion.find-support", NULL, find_support);
}

static void
rd_criterion_row_init (RdCriterionRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->evidence_list = rd_evidence_list_new (_("No evidence cited yet: select a passage in the records and cite it for this criterion."));
  gtk_widget_set_hexpand (self->evidence_list, TRUE);
  gtk_box_prepend (self->evidence_box, self->evidence_list);

  /* GTK 4.8 traps Tab on a collapsed expander whose child can take the focus
   * (the source sentence is selectable): it may only while it shows. */
  g_object_bind_property (self->source_expander, "expanded", self->cite_label, "can-focus", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->note_entry, "changed", G_CALLBACK (note_changed), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (note_focus_left), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_entry), focus);
}
