/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-measure-entry.h"

/* Where a criterion or a referral question has a threshold, the reviewer
 * enters what the records measured (pain scores before and during a trial, or
 * the value in the threshold's unit) and ReviewDesk compares it with the
 * policy's limit: nobody does the arithmetic by hand. Activating "Compute"
 * emits ::measured; the owner stores the measurement and the score it decides. */

struct _RdMeasureEntry
{
  GtkBox             parent_instance;

  const RdThreshold *threshold;
  GtkSpinButton     *before;
  GtkSpinButton     *after;
  GtkSpinButton     *value;
  GtkLabel          *result;
};

G_DEFINE_FINAL_TYPE (RdMeasureEntry, rd_measure_entry, GTK_TYPE_BOX)

enum {
  MEASURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_percent (const RdThreshold *threshold)
{
  return g_ascii_strcasecmp (threshold->unit, "percent") == 0 || g_str_equal (threshold->unit, "%");
}

static GtkSpinButton *
add_spin (RdMeasureEntry *self,
          const char     *label,
          const char     *accessible,
          double          upper)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 0.5);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (GTK_BOX (self), caption);
  gtk_box_append (GTK_BOX (self), spin);
  return GTK_SPIN_BUTTON (spin);
}

static void
show_result (RdMeasureEntry      *self,
             const RdMeasurement *measurement)
{
  g_autofree char *text = measurement ? rd_measurement_describe (measurement, self->threshold) : NULL;

  gtk_label_set_label (self->result, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result), text != NULL);
}

/**
 * rd_measure_entry_get_measurement:
 *
 * Returns: (transfer full): what the entry holds
 */
RdMeasurement *
rd_measure_entry_get_measurement (RdMeasureEntry *self)
{
  RdMeasurement *measurement;

  g_return_val_if_fail (RD_IS_MEASURE_ENTRY (self), NULL);

  measurement = rd_measurement_new ();
  if (self->value != NULL)
    {
      measurement->has_value = TRUE;
      measurement->value = gtk_spin_button_get_value (self->value);
    }
  else
    {
      measurement->has_before_after = TRUE;
      measurement->before = gtk_spin_button_get_value (self->before);
      measurement->after = gtk_spin_button_get_value (self->after);
    }
  return measurement;
}

static void
compute_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdMeasureEntry *self = RD_MEASURE_ENTRY (widget);
  g_autoptr(RdMeasurement) measurement = rd_measure_entry_get_measurement (self);

  show_result (self, measurement);
  g_signal_emit (self, signals[MEASURED], 0, measurement);
}

/**
 * rd_measure_entry_set_measurement:
 * @measurement: (nullable): what the case holds; %NULL clears the result
 *
 * Shows a stored measurement and what it decides.
 */
void
rd_measure_entry_set_measurement (RdMeasureEntry      *self,
                                  const RdMeasurement *measurement)
{
  g_return_if_fail (RD_IS_MEASURE_ENTRY (self));

  if (measurement != NULL && measurement->has_before_after && self->before != NULL)
    {
      gtk_spin_button_set_value (self->before, measurement->before);
      gtk_spin_button_set_value (self->after, measurement->after);
    }
  else if (measurement != NULL && measurement->has_value && self->value != NULL)
    gtk_spin_button_set_value (self->value, measurement->value);
  show_result (self, measurement);
}

/**
 * rd_measure_entry_new:
 * @threshold: the policy's limit
 * @subject: what is scored, for the controls' accessible names
 */
GtkWidget *
rd_measure_entry_new (const RdThreshold *threshold,
                      const char        *subject)
{
  RdMeasureEntry *self;
  GtkWidget *compute;
  g_autofree char *before = NULL, *after = NULL, *value = NULL, *value_label = NULL, *compute_label = NULL;

  g_return_val_if_fail (threshold != NULL, NULL);

  self = g_object_new (RD_TYPE_MEASURE_ENTRY, "orientation", GTK_ORIENTATION_HORIZONTAL, "spacing", 6, NULL);
  self->threshold = threshold;
  gtk_widget_add_css_class (GTK_WIDGET (self), "measure-entry");

  if (is_percent (threshold))
    {
      /* TRANSLATORS: accessible names of the two scores a reduction is computed from */
      before = g_strdup_printf (_("Score before: %s"), subject);
      after = g_strdup_printf (_("Score after: %s"), subject);
      self->before = add_spin (self, _("_Before"), before, 1000);
      self->after = add_spin (self, _("A_fter"), after, 1000);
    }
  else
    {
      /* TRANSLATORS: a measured value and its unit, e.g. "Measured (weeks)" */
      value_label = g_strdup_printf (_("_Measured (%s)"), threshold->unit);
      value = g_strdup_printf (_("Measured %s: %s"), threshold->measure, subject);
      self->value = add_spin (self, value_label, value, 10000);
    }
  compute = gtk_button_new_with_mnemonic (_("_Compute"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (compute), "measure.compute");
  compute_label = g_strdup_printf (_("Compute against the threshold: %s"), subject);
  gtk_accessible_update_property (GTK_ACCESSIBLE (compute), GTK_ACCESSIBLE_PROPERTY_LABEL, compute_label, -1);
  gtk_widget_set_tooltip_text (compute, _("Compare the measurement with the policy’s threshold and score the criterion"));
  gtk_box_append (GTK_BOX (self), compute);

  self->result = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->result, TRUE);
  gtk_label_set_xalign (self->result, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->result), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->result), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->result));
  return GTK_WIDGET (self);
}

static void
rd_measure_entry_class_init (RdMeasureEntryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "measure.compute", NULL, compute_activated);

  /**
   * RdMeasureEntry::measured:
   * @measurement: what was entered
   *
   * The reviewer asked to compare the measurement with the threshold.
   */
  signals[MEASURED] = g_signal_new ("measured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, RD_TYPE_MEASUREMENT);
}

static void
rd_measure_entry_init (RdMeasureEntry *self)
{
}
