/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-agreement.h"

/* The formulas and their sources are in rd-agreement.h. Sums run in double
 * over counts turned into proportions; tables here are small (four categories,
 * a few hundred answers), so no care for cancellation is needed beyond
 * clamping a variance that rounds below zero. */

const char *
rd_kappa_status_to_string (RdKappaStatus status)
{
  switch (status)
    {
    case RD_KAPPA_DEFINED: return "defined";
    case RD_KAPPA_NO_ITEMS: return "no-items";
    case RD_KAPPA_ONE_CATEGORY: return "one-category";
    case RD_KAPPA_ONE_RATER: return "one-rater";
    default: g_return_val_if_reached (NULL);
    }
}

static void
set_interval (RdKappa *k,
              double   variance)
{
  k->se = sqrt (MAX (variance, 0.0));
  k->ci_low = MAX (k->kappa - RD_AGREEMENT_Z_95 * k->se, -1.0);
  k->ci_high = MIN (k->kappa + RD_AGREEMENT_Z_95 * k->se, 1.0);
}

/* Chance agreement of 1 (to rounding) leaves κ as 0/0. */
static gboolean
is_certain (double chance)
{
  return chance > 1.0 - 1e-12;
}

/**
 * rd_kappa_cohen:
 * @table: (array): @n_categories × @n_categories counts, row-major:
 *   table[r * n_categories + c] is how often the rater said r where the
 *   reference says c
 *
 * Cohen's κ of a rater against a reference, with the asymptotic standard
 * error of Fleiss, Cohen & Everitt (1969). The per cent agreement is
 * 100 × @observed.
 *
 * Returns: the estimate; its @status says whether κ is defined
 */
RdKappa
rd_kappa_cohen (const guint *table,
                guint        n_categories)
{
  RdKappa k = { RD_KAPPA_NO_ITEMS, 0, };
  g_autofree double *row = NULL;
  g_autofree double *col = NULL;
  double n = 0, a = 0, b = 0, c;

  g_return_val_if_fail (table != NULL || n_categories == 0, k);

  for (guint i = 0; i < n_categories * n_categories; i++)
    n += table[i];
  k.n_items = (guint) n;
  if (k.n_items == 0)
    return k;

  row = g_new0 (double, n_categories);
  col = g_new0 (double, n_categories);
  for (guint i = 0; i < n_categories; i++)
    for (guint j = 0; j < n_categories; j++)
      {
        row[i] += table[i * n_categories + j] / n;
        col[j] += table[i * n_categories + j] / n;
      }
  for (guint i = 0; i < n_categories; i++)
    {
      k.observed += table[i * n_categories + i] / n;
      k.chance += row[i] * col[i];
    }
  if (is_certain (k.chance))
    {
      k.status = RD_KAPPA_ONE_CATEGORY;
      return k;
    }

  k.status = RD_KAPPA_DEFINED;
  k.kappa = (k.observed - k.chance) / (1.0 - k.chance);
  for (guint i = 0; i < n_categories; i++)
    for (guint j = 0; j < n_categories; j++)
      {
        double p = table[i * n_categories + j] / n;

        if (i == j)
          a += p * pow (1.0 - (row[i] + col[i]) * (1.0 - k.kappa), 2);
        else
          b += p * pow (col[i] + row[j], 2);
      }
  b *= pow (1.0 - k.kappa, 2);
  c = pow (k.kappa - k.chance * (1.0 - k.kappa), 2);
  set_interval (&k, (a + b - c) / (n * pow (1.0 - k.chance, 2)));
  return k;
}

/**
 * rd_kappa_fleiss:
 * @counts: (array): @n_subjects × @n_categories counts, row-major:
 *   counts[s * n_categories + j] is how many raters put subject s in
 *   category j; every row has the same total, the number of raters
 * @category_p: (out caller-allocates) (array) (optional): @n_categories
 *   proportions p_j of all assignments made to each category
 *
 * Fleiss' κ across raters, with the standard error of Fleiss, Nee & Landis
 * (1979) under κ = 0. A subject that not every rater answered does not belong
 * in @counts: the caller leaves it out and says so.
 *
 * Returns: the estimate; its @status says whether κ is defined
 */
RdKappa
rd_kappa_fleiss (const guint *counts,
                 guint        n_subjects,
                 guint        n_categories,
                 double      *category_p)
{
  RdKappa k = { RD_KAPPA_NO_ITEMS, n_subjects, };
  g_autofree double *p = g_new0 (double, MAX (n_categories, 1));
  double raters = 0, sum_pq = 0, sum_pq_qp = 0;

  g_return_val_if_fail (counts != NULL || n_subjects == 0, k);

  for (guint j = 0; j < n_categories; j++)
    raters += n_subjects ? counts[j] : 0;
  for (guint s = 0; s < n_subjects; s++)
    {
      double total = 0, pairs = 0;

      for (guint j = 0; j < n_categories; j++)
        {
          double n_sj = counts[s * n_categories + j];

          total += n_sj;
          pairs += n_sj * (n_sj - 1.0);
          p[j] += n_sj;
        }
      g_return_val_if_fail (total == raters, k);
      if (raters >= 2)
        k.observed += pairs / (raters * (raters - 1.0)) / n_subjects;
    }
  for (guint j = 0; j < n_categories && n_subjects > 0; j++)
    {
      p[j] /= n_subjects * raters;
      k.chance += p[j] * p[j];
      sum_pq += p[j] * (1.0 - p[j]);
      sum_pq_qp += p[j] * (1.0 - p[j]) * ((1.0 - p[j]) - p[j]);
    }
  if (category_p != NULL)
    memcpy (category_p, p, n_categories * sizeof (double));

  if (n_subjects == 0)
    return k;
  if (raters < 2)
    {
      k.status = RD_KAPPA_ONE_RATER;
      return k;
    }
  if (is_certain (k.chance))
    {
      k.status = RD_KAPPA_ONE_CATEGORY;
      return k;
    }
  k.status = RD_KAPPA_DEFINED;
  k.kappa = (k.observed - k.chance) / (1.0 - k.chance);
  set_interval (&k, 2.0 * (sum_pq * sum_pq - sum_pq_qp)
                    / (sum_pq * sum_pq * n_subjects * raters * (raters - 1.0)));
  return k;
}
