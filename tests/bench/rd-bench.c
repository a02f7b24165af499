/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "rd-bench.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/**
 * rd_bench_median:
 * @values: (array length=n): the timings of one measure; sorted in place
 *
 * Returns: their median: machines are noisy, and a median is not moved by
 *   one run that another build slowed down.
 */
double
rd_bench_median (double *values,
                 guint   n)
{
  g_return_val_if_fail (n > 0, 0);

  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
