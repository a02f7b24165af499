/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "rd-engine.h"
#include "rd-measurement.h"

G_DEFINE_QUARK (rd-measurement-error-quark, rd_measurement_error)
G_DEFINE_BOXED_TYPE (RdMeasurement, rd_measurement, rd_measurement_copy, rd_measurement_free)

RdMeasurement *
rd_measurement_new (void)
{
  return g_new0 (RdMeasurement, 1);
}

RdMeasurement *
rd_measurement_copy (const RdMeasurement *measurement)
{
  RdMeasurement *copy;

  g_return_val_if_fail (measurement != NULL, NULL);

  copy = g_memdup2 (measurement, sizeof *measurement);
  copy->from_date = g_strdup (measurement->from_date);
  copy->to_date = g_strdup (measurement->to_date);
  return copy;
}

void
rd_measurement_free (RdMeasurement *measurement)
{
  if (measurement == NULL)
    return;
  g_free (measurement->from_date);
  g_free (measurement->to_date);
  g_free (measurement);
}

typedef enum { UNIT_PERCENT, UNIT_DAYS, UNIT_WEEKS, UNIT_MONTHS, UNIT_YEARS, UNIT_OTHER } Unit;

static Unit
unit_of (const char *unit)
{
  static const struct { const char *name; Unit unit; } units[] = {
    { "percent", UNIT_PERCENT }, { "%", UNIT_PERCENT },
    { "day", UNIT_DAYS }, { "days", UNIT_DAYS },
    { "week", UNIT_WEEKS }, { "weeks", UNIT_WEEKS },
    { "month", UNIT_MONTHS }, { "months", UNIT_MONTHS },
    { "year", UNIT_YEARS }, { "years", UNIT_YEARS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (unit, units[i].name) == 0)
      return units[i].unit;
  return UNIT_OTHER;
}

static GDate *
parse_date (const char *text)
{
  int y, m, d;
  char end;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3
      || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

/* Whole calendar months between two dates, and the rest as a fraction of the
 * month that follows: 15 January to 15 April is exactly 3 months, to 14 April
 * a little under, so "at least 3 months" is decided the way a calendar reads. */
static double
months_between (const GDate *from,
                const GDate *to)
{
  GDate cursor = *from, next;
  guint months = 0;
  int rest, span;

  for (;;)
    {
      next = *from;
      g_date_add_months (&next, months + 1);
      if (g_date_compare (&next, to) > 0)
        break;
      months++;
    }
  cursor = *from;
  g_date_add_months (&cursor, months);
  rest = g_date_days_between (&cursor, to);
  span = g_date_days_between (&cursor, &next);
  return months + (span > 0 ? (double) rest / span : 0.0);
}

static gboolean
duration (const RdMeasurement *m,
          Unit                 unit,
          double              *measured,
          GError             **error)
{
  g_autoptr(GDate) from = parse_date (m->from_date);
  g_autoptr(GDate) to = parse_date (m->to_date);

  if (from == NULL || to == NULL)
    {
      g_set_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_INVALID,
                   _("“%s” to “%s” is not a pair of dates (YYYY-MM-DD)."),
                   m->from_date ? m->from_date : "", m->to_date ? m->to_date : "");
      return FALSE;
    }
  if (g_date_compare (from, to) > 0)
    {
      g_set_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_INVALID,
                   _("The period from %s to %s ends before it starts."), m->from_date, m->to_date);
      return FALSE;
    }
  switch (unit)
    {
    case UNIT_DAYS: *measured = g_date_days_between (from, to); break;
    case UNIT_WEEKS: *measured = g_date_days_between (from, to) / 7.0; break;
    case UNIT_MONTHS: *measured = months_between (from, to); break;
    case UNIT_YEARS: *measured = months_between (from, to) / 12.0; break;
    case UNIT_PERCENT:
    case UNIT_OTHER:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/**
 * rd_measurement_compute:
 * @threshold: the threshold the measurement is for
 * @measured: (out): the measure in @threshold's unit
 *
 * A value is taken as it is; scores before and after give the reduction in
 * percent; two dates give the time between them in days, weeks, months or
 * years.
 *
 * Returns: %FALSE with @error when nothing was measured, a value is impossible
 *   (a negative score or duration, a reduction from a zero score) or the
 *   measurement does not fit the unit
 */
gboolean
rd_measurement_compute (const RdMeasurement *measurement,
                        const RdThreshold   *threshold,
                        double              *measured,
                        GError             **error)
{
  Unit unit;

  g_return_val_if_fail (measurement != NULL, FALSE);
  g_return_val_if_fail (threshold != NULL, FALSE);
  g_return_val_if_fail (measured != NULL, FALSE);

  unit = unit_of (threshold->unit);
  if (measurement->has_value)
    {
      if (!isfinite (measurement->value) || measurement->value < 0)
        {
          g_set_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_INVALID,
                       _("%g is not a possible %s."), measurement->value, threshold->measure);
          return FALSE;
        }
      *measured = measurement->value;
      return TRUE;
    }
  if (measurement->has_before_after)
    {
      if (unit != UNIT_PERCENT)
        {
          g_set_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_UNIT,
                       _("Scores before and after measure a reduction in percent, but “%s” is in %s."),
                       threshold->measure, threshold->unit);
          return FALSE;
        }
      if (!isfinite (measurement->before) || !isfinite (measurement->after)
          || measurement->before <= 0 || measurement->after < 0)
        {
          g_set_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_INVALID,
                       _("A reduction needs a score above zero before and a score of at least zero after (%g and %g)."),
                       measurement->before, measurement->after);
          return FALSE;
        }
      /* Rounded to a hundredth of a percent, so that 8 → 4 is exactly 50%
       * and fails "greater than 50%" rather than passing on a rounding error. */
      *measured = round ((measurement->before - measurement->after) / measurement->before * 10000.0) / 100.0;
      return TRUE;
    }
  if (measurement->from_date != NULL || measurement->to_date != NULL)
    {
      if (unit == UNIT_PERCENT || unit == UNIT_OTHER)
        {
          g_set_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_UNIT,
                       _("Two dates measure a duration, but “%s” is in %s."),
                       threshold->measure, threshold->unit);
          return FALSE;
        }
      return duration (measurement, unit, measured, error);
    }
  g_set_error (error, RD_MEASUREMENT_ERROR, RD_MEASUREMENT_ERROR_EMPTY,
               _("Nothing was measured for “%s”."), threshold->measure);
  return FALSE;
}

/**
 * rd_measurement_passes:
 * @passes: (out): whether the measure passes @threshold
 *
 * Returns: %FALSE with @error when the measure cannot be computed
 */
gboolean
rd_measurement_passes (const RdMeasurement *measurement,
                       const RdThreshold   *threshold,
                       gboolean            *passes,
                       GError             **error)
{
  double measured;

  g_return_val_if_fail (passes != NULL, FALSE);

  if (!rd_measurement_compute (measurement, threshold, &measured, error))
    return FALSE;
  *passes = rd_threshold_passes (threshold, measured);
  return TRUE;
}

/**
 * rd_measurement_describe:
 *
 * Returns: (transfer full): e.g. "62.5 percent: greater than 50 percent is met",
 *   translated; or why it cannot be computed
 */
char *
rd_measurement_describe (const RdMeasurement *measurement,
                         const RdThreshold   *threshold)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  double measured;
  gboolean passes;

  g_return_val_if_fail (measurement != NULL && threshold != NULL, NULL);

  if (!rd_measurement_compute (measurement, threshold, &measured, &error)
      || !rd_measurement_passes (measurement, threshold, &passes, &error))
    return g_strdup (error->message);
  limit = rd_threshold_describe (threshold);
  return passes
    /* Translators: "62.5 percent: greater than 50 percent is met" */
    ? g_strdup_printf (_("%.4g %s: %s is met"), measured, threshold->unit, limit)
    : g_strdup_printf (_("%.4g %s: %s is not met"), measured, threshold->unit, limit);
}
