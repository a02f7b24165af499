/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-label.h"
#include "rd-grade-view.h"
#include "rd-reporter.h"

/* On the summary of a case made from a bundled example: the trainee compares
 * their answers with the trainer's reference key (rd-example-grade.h). Hidden
 * for any other case. Which example the case came from is read from its
 * records on a worker; the comparison itself reads a few rows and runs on
 * demand (`grade.compare`), then follows the case while it is shown. */

struct _RdGradeView
{
  AdwBin          parent_instance;

  GtkLabel       *intro_label;
  GtkLabel       *totals_label;
  GtkRevealer    *revealer;
  GtkBox         *policies_box;

  RdCaseFile     *case_file;
  GPtrArray      *policies;
  RdExample      *example;
  RdExampleGrade *grade;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (RdGradeView, rd_grade_view, ADW_TYPE_BIN)

static const char *
kind_label (RdGradeItemKind kind)
{
  switch (kind)
    {
    case RD_GRADE_ITEM_CONDITION: return _("Condition");
    case RD_GRADE_ITEM_CRITERION: return _("Criterion");
    case RD_GRADE_ITEM_DOCUMENTATION: return _("Documentation");
    case RD_GRADE_ITEM_INDICATIONS:
    default: return NULL;
    }
}

static GtkWidget *
disagreement_row (const RdGradeItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *row = gtk_list_box_row_new ();
  const char *kind = kind_label (item->kind);
  /* TRANSLATORS: what was answered: "Criterion: The pain is severe, chronic and intractable." */
  g_autofree char *title = kind ? g_strdup_printf (_("%s: %s"), kind, item->text) : g_strdup (item->text);
  /* TRANSLATORS: the reference key's answer, then the trainee's */
  g_autofree char *answers = g_strdup_printf (_("Reference: %s — given: %s"), item->expected_label, item->given_label);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (title, "heading"));
  gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (answers, "warning"));
  if (item->teaching)
    {
      /* TRANSLATORS: the trainer's note on an answer */
      g_autofree char *note = g_strdup_printf (_("Teaching note: %s"), item->teaching);
      gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (note, "dim-label"));
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static char *
agreement_text (guint n_agree,
                guint n_total)
{
  return g_strdup_printf (ngettext ("%u of %u answer agrees with the reference.",
                                    "%u of %u answers agree with the reference.", n_total),
                          n_agree, n_total);
}

static void
add_outcome (GtkBox              *box,
             const RdGradePolicy *gp)
{
  /* TRANSLATORS: the key's outcome, then the one the trainee's scores reach */
  g_autofree char *text = g_strdup_printf (_("Reference outcome: %s. Your scores reach: %s."),
                                           gp->expected_outcome_label, gp->given_outcome_label);

  gtk_box_append (box, rd_label_new_wrapped (text, gp->outcome_agrees ? "success" : "warning"));
  if (!gp->outcome_agrees && gp->note)
    {
      g_autofree char *note = g_strdup_printf (_("Teaching note: %s"), gp->note);
      gtk_box_append (box, rd_label_new_wrapped (note, "dim-label"));
    }
}

static GtkWidget *
disagreements_list (const RdGradePolicy *gp)
{
  GtkWidget *list = NULL;

  for (guint i = 0; i < gp->items->len; i++)
    {
      const RdGradeItem *item = gp->items->pdata[i];

      if (item->agrees)
        continue;
      if (list == NULL)
        {
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
        }
      gtk_list_box_append (GTK_LIST_BOX (list), disagreement_row (item));
    }
  return list;
}

static GtkWidget *
policy_section (const RdGradePolicy *gp)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = disagreements_list (gp);
  /* TRANSLATORS: a policy's payer, number and title */
  g_autofree char *name = g_strdup_printf (_("%s %s: %s"), rd_policy_get_payer (gp->policy),
                                           rd_policy_get_number (gp->policy), rd_policy_get_title (gp->policy));
  g_autofree char *agreement = agreement_text (gp->n_agree, gp->n_total);

  gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (name, "heading"));
  gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (gp->governs ? agreement : _("Does not govern this request: nothing to score."),
                                            NULL));
  add_outcome (GTK_BOX (box), gp);
  if (list != NULL)
    gtk_box_append (GTK_BOX (box), list);
  return box;
}

static void
show_grade (RdGradeView *self)
{
  const RdExampleGrade *grade = self->grade;
  g_autofree char *answers = agreement_text (grade->n_agree, grade->n_total);
  g_autofree char *outcomes = g_strdup_printf (ngettext ("%u of %u outcome agrees.", "%u of %u outcomes agree.",
                                                         grade->n_outcomes),
                                               grade->n_outcomes_agree, grade->n_outcomes);
  g_autofree char *totals = g_strdup_printf ("%s %s", answers, outcomes);
  GtkWidget *child;

  gtk_label_set_label (self->totals_label, totals);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->policies_box))))
    gtk_box_remove (self->policies_box, child);
  for (guint p = 0; p < grade->policies->len; p++)
    gtk_box_append (self->policies_box, policy_section (grade->policies->pdata[p]));
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
compare (RdGradeView *self)
{
  g_autoptr(GError) error = NULL;
  RdExampleGrade *grade;

  if (self->example == NULL || self->case_file == NULL)
    return;
  grade = rd_example_grade_new (self->example, self->case_file, self->policies, &error);
  if (grade == NULL)
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_pointer (&self->grade, rd_example_grade_free);
  self->grade = grade;
  show_grade (self);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  compare (RD_GRADE_VIEW (widget));
}

/* Once shown, the comparison follows the trainee's answers. */
static void
case_changed (RdCaseFile  *case_file,
              const char  *what,
              RdGradeView *self)
{
  if (self->grade != NULL && gtk_revealer_get_reveal_child (self->revealer))
    compare (self);
}

static void
example_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdGradeView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdExample) example = rd_example_load_for_case_finish (result, &error);
  g_autofree char *intro = NULL;

  /* Not made from a bundled example, or the view moved on (the task was
   * cancelled, so it reports an error): nothing to offer. */
  if (example == NULL)
    return;
  g_set_object (&self->example, example);
  intro = g_strdup_printf (_("This case was made from the example “%s”. Compare your answers with the trainer’s reference key when you have scored it."),
                           rd_example_get_title (example));
  gtk_label_set_label (self->intro_label, intro);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grade.compare", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
forget_case (RdGradeView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->case_file)
    g_signal_handlers_disconnect_by_data (self->case_file, self);
  g_clear_object (&self->case_file);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  g_clear_object (&self->example);
  g_clear_pointer (&self->grade, rd_example_grade_free);
}

/**
 * rd_grade_view_set_case:
 * @policies: (element-type RdPolicy): the loaded policies
 *
 * Shows the view if @case_file was made from a bundled example (found on a
 * worker thread), hidden otherwise.
 */
void
rd_grade_view_set_case (RdGradeView *self,
                        RdCaseFile  *case_file,
                        GPtrArray   *policies)
{
  g_return_if_fail (RD_IS_GRADE_VIEW (self));
  g_return_if_fail (RD_IS_CASE_FILE (case_file));
  g_return_if_fail (policies != NULL);

  forget_case (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grade.compare", FALSE);

  self->case_file = g_object_ref (case_file);
  self->policies = g_ptr_array_ref (policies);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (case_file, "changed", G_CALLBACK (case_changed), self, 0);
  rd_example_load_for_case_async (case_file, self->cancellable, example_loaded, g_object_ref (self));
}

/**
 * rd_grade_view_get_example:
 *
 * Returns: (transfer none) (nullable): the example the case was made from,
 *   once it is known
 */
RdExample *
rd_grade_view_get_example (RdGradeView *self)
{
  g_return_val_if_fail (RD_IS_GRADE_VIEW (self), NULL);
  return self->example;
}

/**
 * rd_grade_view_get_grade:
 *
 * Returns: (transfer none) (nullable): the comparison shown, if any
 */
const RdExampleGrade *
rd_grade_view_get_grade (RdGradeView *self)
{
  g_return_val_if_fail (RD_IS_GRADE_VIEW (self), NULL);
  return self->grade;
}

GtkWidget *
rd_grade_view_new (void)
{
  return g_object_new (RD_TYPE_GRADE_VIEW, NULL);
}

static void
rd_grade_view_dispose (GObject *object)
{
  RdGradeView *self = RD_GRADE_VIEW (object);

  forget_case (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_GRADE_VIEW);
  G_OBJECT_CLASS (rd_grade_view_parent_class)->dispose (object);
}

static void
rd_grade_view_class_init (RdGradeViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_grade_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-grade-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdGradeView, intro_label);
  gtk_widget_class_bind_template_child (widget_class, RdGradeView, totals_label);
  gtk_widget_class_bind_template_child (widget_class, RdGradeView, revealer);
  gtk_widget_class_bind_template_child (widget_class, RdGradeView, policies_box);

  gtk_widget_class_install_action (widget_class, "grade.compare", NULL, compare_action);
}

static void
rd_grade_view_init (RdGradeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grade.compare", FALSE);
}
