/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rd-policy.h"
#include "rd-types.h"

G_BEGIN_DECLS

/**
 * RdMeasurement:
 * @has_value: @value holds the measure itself, in the threshold's unit
 * @has_before_after: @before and @after hold a score before and after a
 *   treatment (e.g. pain 8/10 before the trial, 3/10 during it); a threshold in
 *   percent then measures the reduction, (before − after) / before × 100
 * @from_date: (nullable): the start of a duration, YYYY-MM-DD
 * @to_date: (nullable): its end, YYYY-MM-DD; a threshold in days, weeks,
 *   months or years then measures the time between the two
 *
 * What a reviewer measured for a criterion or a referral question that has a
 * threshold. The engine compares, so nobody does the arithmetic by hand, and
 * strictly where the policy is strict: "greater than 50%" fails at 50.
 */
typedef struct {
  gboolean  has_value;
  double    value;
  gboolean  has_before_after;
  double    before;
  double    after;
  char     *from_date;
  char     *to_date;
} RdMeasurement;

#define RD_MEASUREMENT_ERROR (rd_measurement_error_quark ())
GQuark rd_measurement_error_quark (void);

typedef enum {
  RD_MEASUREMENT_ERROR_EMPTY,       /* nothing was measured */
  RD_MEASUREMENT_ERROR_INVALID,     /* a value, score or date is impossible */
  RD_MEASUREMENT_ERROR_UNIT,        /* the measurement does not fit the threshold's unit */
} RdMeasurementError;

#define RD_TYPE_MEASUREMENT (rd_measurement_get_type ())
GType          rd_measurement_get_type (void) G_GNUC_CONST;
RdMeasurement *rd_measurement_new      (void);
RdMeasurement *rd_measurement_copy     (const RdMeasurement *measurement);
void           rd_measurement_free     (RdMeasurement       *measurement);

gboolean       rd_measurement_compute  (const RdMeasurement *measurement,
                                        const RdThreshold   *threshold,
                                        double              *measured,
                                        GError             **error);
gboolean       rd_measurement_passes   (const RdMeasurement *measurement,
                                        const RdThreshold   *threshold,
                                        gboolean            *passes,
                                        GError             **error);
char          *rd_measurement_describe (const RdMeasurement *measurement,
                                        const RdThreshold   *threshold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdMeasurement, rd_measurement_free)

G_END_DECLS
