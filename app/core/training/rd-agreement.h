/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Chance-corrected agreement between raters over nominal categories.
 *
 * Cohen's κ (Cohen 1960, Educ. Psychol. Meas. 20:37–46) of one rater against
 * a reference, with the asymptotic standard error of Fleiss, Cohen & Everitt
 * (1969, Psychol. Bull. 72:323–327), which holds whatever κ is (not only under
 * κ = 0), so it is the one a confidence interval is built on:
 *
 *   Var(κ) = [ Σ_i p_ii (1 − (p_i. + p_.i)(1 − κ))²
 *            + (1 − κ)² Σ_{i≠j} p_ij (p_.i + p_j.)²
 *            − (κ − p_e (1 − κ))² ] / [ n (1 − p_e)² ]
 *
 * Fleiss' κ (Fleiss 1971, Psychol. Bull. 76:378–382) of several raters who
 * each put every subject in one category, with the standard error of Fleiss,
 * Nee & Landis (1979, Psychol. Bull. 86:974–977) under the null hypothesis
 * κ = 0 — the one Fleiss' κ is usually reported with; it is exact for the
 * test of κ = 0 and an approximation for the interval away from 0:
 *
 *   SE₀(κ) = √2 / (Σ_j p_j q_j √(N n (n − 1)))
 *            × √((Σ_j p_j q_j)² − Σ_j p_j q_j (q_j − p_j))
 *
 * Both intervals are κ ± 1.96 SE, clipped to [−1, 1].
 */

#define RD_AGREEMENT_Z_95 1.959963984540054

/**
 * RdKappaStatus:
 * @RD_KAPPA_DEFINED: κ, its standard error and interval are set
 * @RD_KAPPA_NO_ITEMS: nothing was compared
 * @RD_KAPPA_ONE_CATEGORY: every answer is in the same one category, so the
 *   agreement expected by chance is 1 and κ is 0/0: undefined, however well
 *   the raters agree (the per cent agreement still says how well)
 * @RD_KAPPA_ONE_RATER: Fleiss' κ with fewer than two raters per subject
 */
typedef enum {
  RD_KAPPA_DEFINED,
  RD_KAPPA_NO_ITEMS,
  RD_KAPPA_ONE_CATEGORY,
  RD_KAPPA_ONE_RATER,
} RdKappaStatus;

const char *rd_kappa_status_to_string (RdKappaStatus status);  /* "defined", "no-items", ... */

/**
 * RdKappa:
 * @status: whether @kappa, @se, @ci_low and @ci_high mean anything
 * @n_items: the pairs compared (Cohen) or the subjects (Fleiss)
 * @observed: the agreement observed: p_o (Cohen), P̄ (Fleiss); 0 without items
 * @chance: the agreement expected by chance: p_e (Cohen), P̄e (Fleiss)
 * @kappa: (κ observed − chance) / (1 − chance)
 * @se: its standard error (see above for which)
 * @ci_low, @ci_high: the 95% confidence interval
 */
typedef struct {
  RdKappaStatus status;
  guint         n_items;
  double        observed;
  double        chance;
  double        kappa;
  double        se;
  double        ci_low;
  double        ci_high;
} RdKappa;

RdKappa rd_kappa_cohen  (const guint *table,
                         guint        n_categories);
RdKappa rd_kappa_fleiss (const guint *counts,
                         guint        n_subjects,
                         guint        n_categories,
                         double      *category_p);

G_END_DECLS
