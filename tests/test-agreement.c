/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "rd-agreement.h"

/* Cohen's and Fleiss' κ against worked examples whose values are published or
 * derived by hand below, and the properties any κ must have. */

#define assert_near(a, b, tolerance) g_assert_cmpfloat_with_epsilon ((a), (b), (tolerance))

/* ---- Cohen's κ ---------------------------------------------------------- */

/*
 * A 2×2 table worked by hand (rater rows, reference columns), n = 50:
 *
 *             ref yes  ref no | row
 *   rater yes    20       5   |  25   p1. = .5
 *   rater no     10      15   |  25   p2. = .5
 *   column       30      20       p.1 = .6, p.2 = .4
 *
 *   p_o = (20 + 15) / 50 = .70
 *   p_e = .5 × .6 + .5 × .4 = .50
 *   κ   = (.70 − .50) / (1 − .50) = .40
 *
 * Fleiss, Cohen & Everitt (1969), with 1 − κ = .6:
 *   A = .4 [1 − (.5 + .6) .6]² + .3 [1 − (.5 + .4) .6]²
 *     = .4 × .34² + .3 × .46² = .04624 + .06348 = .10972
 *   B = .6² [.1 (.6 + .5)² + .2 (.4 + .5)²] = .36 × (.121 + .162) = .10188
 *   C = [.4 − .5 × .6]² = .01
 *   SE = √(A + B − C) / ((1 − p_e) √n) = √.2016 / (.5 √50) = .126996
 *   95% CI = .40 ± 1.959964 × .126996 = .151092 to .648908
 */
static void
test_cohen_2x2_by_hand (void)
{
  const guint table[] = { 20, 5,
                          10, 15 };
  RdKappa k = rd_kappa_cohen (table, 2);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  g_assert_cmpuint (k.n_items, ==, 50);
  assert_near (k.observed, 0.70, 1e-12);
  assert_near (k.chance, 0.50, 1e-12);
  assert_near (k.kappa, 0.40, 1e-12);
  assert_near (k.se, 0.126996, 1e-6);
  assert_near (k.ci_low, 0.151092, 1e-6);
  assert_near (k.ci_high, 0.648908, 1e-6);
}

/*
 * The 3×3 example of SAS's PROC FREQ documentation (AGREE option), whose
 * printout statsmodels checks against: κ 0.4842, ASE 0.1380, 95% limits
 * 0.2137 and 0.7547. By hand, n = 19:
 *
 *        c1  c2  c3 | row
 *   r1    0   4   1 |   5
 *   r2    0   8   0 |   8
 *   r3    0   1   5 |   6
 *   col   0  13   6
 *
 *   p_o = (0 + 8 + 5) / 19 = 13/19
 *   p_e = (5 × 0 + 8 × 13 + 6 × 6) / 19² = 140/361
 *   κ   = (13/19 − 140/361) / (1 − 140/361) = (247 − 140) / (361 − 140) = 107/221 = .484163
 *
 * Fleiss, Cohen & Everitt (1969), exactly: A = 183205/927979,
 * B = 17568/927979, C = 1423249/17631601, so SE = √(A + B − C) / ((221/361) √19)
 * = .138014 and the interval .213661 to .754665.
 *
 * Cohen (1960) gives its worked example in proportions; its table could not be
 * recovered reliably enough to test against, so this published printout
 * stands in for it.
 */
static void
test_cohen_sas_example (void)
{
  const guint table[] = { 0, 4, 1,
                          0, 8, 0,
                          0, 1, 5 };
  RdKappa k = rd_kappa_cohen (table, 3);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  assert_near (k.observed, 13.0 / 19.0, 1e-12);
  assert_near (k.chance, 140.0 / 361.0, 1e-12);
  assert_near (k.kappa, 107.0 / 221.0, 1e-12);
  /* the published four decimals */
  assert_near (k.kappa, 0.4842, 5e-5);
  assert_near (k.se, 0.1380, 5e-5);
  assert_near (k.ci_low, 0.2137, 5e-5);
  assert_near (k.ci_high, 0.7547, 5e-5);
  /* and the exact fractions above */
  assert_near (k.se, 0.138014, 1e-6);
}

/* A 3×3 table worked by hand, n = 100 (rows .80 .10 .10, columns .80 .05 .15):
 * p_o = .75 + .04 + .10 = .89, p_e = .80 × .80 + .10 × .05 + .10 × .15 = .66,
 * κ = .23 / .34 = .676471; by the formula above SE = .087703. */
static void
test_cohen_diagnosis_table (void)
{
  const guint table[] = { 75, 1, 4,
                          5, 4, 1,
                          0, 0, 10 };
  RdKappa k = rd_kappa_cohen (table, 3);

  assert_near (k.observed, 0.89, 1e-12);
  assert_near (k.chance, 0.66, 1e-12);
  assert_near (k.kappa, 23.0 / 34.0, 1e-12);
  assert_near (k.se, 0.087703, 1e-6);
}

static void
test_cohen_perfect (void)
{
  const guint table[] = { 7, 0, 0, 0,
                          0, 3, 0, 0,
                          0, 0, 2, 0,
                          0, 0, 0, 0 };
  RdKappa k = rd_kappa_cohen (table, 4);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  assert_near (k.kappa, 1.0, 1e-12);
  assert_near (k.se, 0.0, 1e-9);
  assert_near (k.ci_low, 1.0, 1e-9);
  assert_near (k.ci_high, 1.0, 1e-9);
}

/* Answers independent of the reference: the rater's choices are spread over
 * the reference's categories in the same proportions whatever the reference
 * says, so the agreement is all chance. */
static void
test_cohen_chance (void)
{
  const guint table[] = { 6, 3, 3,
                          4, 2, 2,
                          10, 5, 5 };
  RdKappa k = rd_kappa_cohen (table, 3);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  assert_near (k.kappa, 0.0, 1e-12);
  g_assert_cmpfloat (k.ci_low, <, 0.0);
  g_assert_cmpfloat (k.ci_high, >, 0.0);
}

/* Renaming the categories (the same permutation of rows and columns) or
 * swapping rater and reference changes nothing. */
static void
test_cohen_relabelled (void)
{
  const guint table[] = { 0, 4, 1,
                          0, 8, 0,
                          0, 1, 5 };
  const guint perm[] = { 2, 0, 1 };
  guint relabelled[9], transposed[9];
  RdKappa k = rd_kappa_cohen (table, 3), kr, kt;

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      {
        relabelled[perm[i] * 3 + perm[j]] = table[i * 3 + j];
        transposed[j * 3 + i] = table[i * 3 + j];
      }
  kr = rd_kappa_cohen (relabelled, 3);
  kt = rd_kappa_cohen (transposed, 3);
  assert_near (kr.kappa, k.kappa, 1e-12);
  assert_near (kr.se, k.se, 1e-12);
  assert_near (kt.kappa, k.kappa, 1e-12);
  assert_near (kt.se, k.se, 1e-12);
}

/* Everyone says "met" to everything: they agree perfectly, yet chance alone
 * would have agreed as well, and κ is 0/0. It is reported undefined, never
 * as NaN. No answers at all is a different case. */
static void
test_cohen_undefined (void)
{
  const guint one[] = { 0, 0,
                        0, 9 };
  const guint none[] = { 0, 0,
                         0, 0 };
  RdKappa k = rd_kappa_cohen (one, 2);

  g_assert_cmpint (k.status, ==, RD_KAPPA_ONE_CATEGORY);
  assert_near (k.observed, 1.0, 1e-12);
  g_assert_false (isnan (k.kappa));
  g_assert_cmpstr (rd_kappa_status_to_string (k.status), ==, "one-category");

  k = rd_kappa_cohen (none, 2);
  g_assert_cmpint (k.status, ==, RD_KAPPA_NO_ITEMS);
  g_assert_cmpuint (k.n_items, ==, 0);
  g_assert_false (isnan (k.observed));
}

/* ---- Fleiss' κ ---------------------------------------------------------- */

/*
 * The worked example of Wikipedia's "Fleiss' kappa" article (often credited
 * to Fleiss 1971, whose own example is the one below): 10 subjects, 14 raters,
 * 5 categories.
 *
 *   p_j = (20, 28, 39, 21, 32) / 140 = .143, .200, .279, .150, .229
 *   P_i = Σ_j n_ij (n_ij − 1) / (14 × 13): subject 1 = 14 × 13 / 182 = 1,
 *         subject 2 = (2 + 30 + 12 + 2) / 182 = .253, ... (see the table)
 *   P̄  = Σ P_i / 10 = 172/455 = .378
 *   P̄e = Σ p_j² = 417/1960 = .213
 *   κ   = (.378 − .213) / (1 − .213) = 4211/20059 = .210
 */
static const guint wikipedia[] = {
  0, 0, 0, 0, 14,
  0, 2, 6, 4, 2,
  0, 0, 3, 5, 6,
  0, 3, 9, 2, 0,
  2, 2, 8, 1, 1,
  7, 7, 0, 0, 0,
  3, 2, 6, 3, 0,
  2, 5, 3, 2, 2,
  6, 5, 2, 1, 0,
  0, 2, 2, 3, 7,
};

static void
test_fleiss_wikipedia (void)
{
  double p[5];
  RdKappa k = rd_kappa_fleiss (wikipedia, 10, 5, p);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  g_assert_cmpuint (k.n_items, ==, 10);
  assert_near (k.observed, 0.378, 5e-4);
  assert_near (k.chance, 0.213, 5e-4);
  assert_near (k.kappa, 0.210, 5e-4);
  assert_near (k.observed, 172.0 / 455.0, 1e-12);
  assert_near (k.chance, 417.0 / 1960.0, 1e-12);
  assert_near (k.kappa, 4211.0 / 20059.0, 1e-12);
  assert_near (p[0], 0.143, 5e-4);
  assert_near (p[1], 0.200, 5e-4);
  assert_near (p[2], 0.279, 5e-4);
  assert_near (p[3], 0.150, 5e-4);
  assert_near (p[4], 0.229, 5e-4);
}

/*
 * Fleiss (1971): 30 patients, each diagnosed by 6 psychiatrists into
 * depression, personality disorder, schizophrenia, neurosis or other (the
 * ratings as R's irr package ships them, "diagnoses").
 * Published: κ = .430; irr's kappam.fleiss gives .4302445 and z = 17.65183,
 * the z of Fleiss, Nee & Landis (1979).
 *
 *   p_j = (26, 26, 30, 55, 43) / 180
 *   Σ_i Σ_j n_ij (n_ij − 1) = 500, so P̄ = 500 / (30 × 6 × 5) = 5/9
 *   P̄e = (26² + 26² + 30² + 55² + 43²) / 180² = 7126/32400 = .219938
 *   κ   = (5/9 − 7126/32400) / (1 − 7126/32400) = 5437/12637 = .430245
 *   SE₀ = .4302445 / 17.65183 = .024374
 */
static const guint fleiss_1971[] = {
  0, 0, 0, 6, 0,   0, 3, 0, 0, 3,   0, 1, 4, 0, 1,   0, 0, 0, 0, 6,   0, 3, 0, 3, 0,
  2, 0, 4, 0, 0,   0, 0, 4, 0, 2,   2, 0, 3, 1, 0,   2, 0, 0, 4, 0,   0, 0, 0, 0, 6,
  1, 0, 0, 5, 0,   1, 1, 0, 4, 0,   0, 3, 3, 0, 0,   1, 0, 0, 5, 0,   0, 2, 0, 3, 1,
  0, 0, 5, 0, 1,   3, 0, 0, 1, 2,   5, 1, 0, 0, 0,   0, 2, 0, 4, 0,   1, 0, 2, 0, 3,
  0, 0, 0, 0, 6,   0, 1, 0, 5, 0,   0, 2, 0, 1, 3,   2, 0, 0, 4, 0,   1, 0, 0, 4, 1,
  0, 5, 0, 1, 0,   4, 0, 0, 0, 2,   0, 2, 0, 4, 0,   1, 0, 5, 0, 0,   0, 0, 0, 0, 6,
};

static void
test_fleiss_1971 (void)
{
  double p[5];
  RdKappa k = rd_kappa_fleiss (fleiss_1971, 30, 5, p);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  assert_near (k.kappa, 0.430, 5e-4);
  assert_near (k.kappa, 0.4302445, 1e-7);
  assert_near (k.observed, 5.0 / 9.0, 1e-12);
  assert_near (k.chance, 7126.0 / 32400.0, 1e-12);
  assert_near (k.kappa / k.se, 17.65183, 1e-5);
  assert_near (k.ci_low, 0.4302445 - RD_AGREEMENT_Z_95 * 0.4302445 / 17.65183, 1e-6);
  assert_near (p[0], 26.0 / 180.0, 1e-12);
  assert_near (p[3], 55.0 / 180.0, 1e-12);
}

static void
test_fleiss_properties (void)
{
  /* three raters who always agree, over three categories */
  const guint perfect[] = { 3, 0, 0,   0, 3, 0,   0, 0, 3,   3, 0, 0 };
  /* everyone always says the first category */
  const guint one[] = { 4, 0,   4, 0,   4, 0 };
  /* a single rater */
  const guint alone[] = { 1, 0,   0, 1 };
  guint reordered[G_N_ELEMENTS (wikipedia)];
  const guint perm[] = { 4, 2, 0, 3, 1 };
  RdKappa k = rd_kappa_fleiss (perfect, 4, 3, NULL);
  RdKappa base = rd_kappa_fleiss (wikipedia, 10, 5, NULL);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  assert_near (k.kappa, 1.0, 1e-12);
  g_assert_cmpint (rd_kappa_fleiss (one, 3, 2, NULL).status, ==, RD_KAPPA_ONE_CATEGORY);
  g_assert_cmpint (rd_kappa_fleiss (alone, 2, 2, NULL).status, ==, RD_KAPPA_ONE_RATER);
  g_assert_cmpint (rd_kappa_fleiss (NULL, 0, 5, NULL).status, ==, RD_KAPPA_NO_ITEMS);

  /* the categories renamed and the subjects in reverse order */
  for (guint s = 0; s < 10; s++)
    for (guint j = 0; j < 5; j++)
      reordered[(9 - s) * 5 + perm[j]] = wikipedia[s * 5 + j];
  k = rd_kappa_fleiss (reordered, 10, 5, NULL);
  assert_near (k.kappa, base.kappa, 1e-12);
  assert_near (k.se, base.se, 1e-12);
}

/* Ratings spread over the categories exactly as chance would spread them:
 * two raters, two categories, each subject's pair drawn from every
 * combination equally often. P̄ = 1/2 = P̄e, so κ = 0. */
static void
test_fleiss_chance (void)
{
  const guint pairs[] = { 2, 0,   1, 1,   1, 1,   0, 2 };
  RdKappa k = rd_kappa_fleiss (pairs, 4, 2, NULL);

  g_assert_cmpint (k.status, ==, RD_KAPPA_DEFINED);
  assert_near (k.kappa, 0.0, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/cohen/2x2-by-hand", test_cohen_2x2_by_hand);
  g_test_add_func ("/agreement/cohen/sas-example", test_cohen_sas_example);
  g_test_add_func ("/agreement/cohen/diagnosis-table", test_cohen_diagnosis_table);
  g_test_add_func ("/agreement/cohen/perfect", test_cohen_perfect);
  g_test_add_func ("/agreement/cohen/chance", test_cohen_chance);
  g_test_add_func ("/agreement/cohen/relabelled", test_cohen_relabelled);
  g_test_add_func ("/agreement/cohen/undefined", test_cohen_undefined);
  g_test_add_func ("/agreement/fleiss/wikipedia", test_fleiss_wikipedia);
  g_test_add_func ("/agreement/fleiss/1971", test_fleiss_1971);
  g_test_add_func ("/agreement/fleiss/properties", test_fleiss_properties);
  g_test_add_func ("/agreement/fleiss/chance", test_fleiss_chance);

  return g_test_run ();
}
