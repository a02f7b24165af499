/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-training-report.h"

/* The report's figures in words, the same for the command line's text and
 * the PDF, so that both say the same thing and are translated once. */

/**
 * rd_training_format_kappa:
 *
 * Returns: (transfer full): "0.62 (0.41 to 0.83)", or why κ is undefined, in words
 */
char *
rd_training_format_kappa (const RdKappa *kappa)
{
  switch (kappa->status)
    {
    case RD_KAPPA_DEFINED:
      /* TRANSLATORS: κ, then its 95% confidence interval */
      return g_strdup_printf (_("%.2f (%.2f to %.2f)"), kappa->kappa, kappa->ci_low, kappa->ci_high);
    case RD_KAPPA_NO_ITEMS:
      return g_strdup (_("undefined: nothing to compare"));
    case RD_KAPPA_ONE_CATEGORY:
      return g_strdup (_("undefined: every answer in one category"));
    case RD_KAPPA_ONE_RATER:
      return g_strdup (_("undefined: one trainee"));
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rd_training_format_percent:
 *
 * Returns: (transfer full): "83.3%", or "—" when @whole is 0
 */
char *
rd_training_format_percent (guint part,
                            guint whole)
{
  if (whole == 0)
    return g_strdup ("—");
  /* TRANSLATORS: a per cent agreement, e.g. 83.3% */
  return g_strdup_printf (_("%.1f%%"), 100.0 * part / whole);
}

/**
 * rd_training_describe_agreement:
 *
 * Returns: (transfer full): "Agreement with the key: 83.3% (25 of 30 criteria; …)"
 */
char *
rd_training_describe_agreement (const RdAgreementTally *tally)
{
  g_autofree char *percent = rd_training_format_percent (tally->n_agree, tally->n_compared);

  /* TRANSLATORS: the per cent, the criteria that agree, of how many answered, and how many were not answered */
  return g_strdup_printf (_("Agreement with the key: %s (%u of %u criteria; %u not answered, left out)"),
                          percent, tally->n_agree, tally->n_compared, tally->n_unanswered);
}

/**
 * rd_training_describe_cohen:
 *
 * Returns: (transfer full): "Cohen’s κ against the key (95% confidence interval): 0.71 (0.52 to 0.90)"
 */
char *
rd_training_describe_cohen (const RdAgreementTally *tally)
{
  g_autofree char *kappa = rd_training_format_kappa (&tally->kappa);

  return g_strdup_printf (_("Cohen’s κ against the key (95%% confidence interval): %s"), kappa);
}

/**
 * rd_training_describe_outcomes:
 *
 * Returns: (transfer full): "Outcomes that agree with the key: 2 of 3 (66.7%); 1 incomplete, left out"
 */
char *
rd_training_describe_outcomes (const RdAgreementTally *tally)
{
  g_autofree char *percent = rd_training_format_percent (tally->n_outcomes_agree, tally->n_outcomes);

  /* TRANSLATORS: outcomes that agree, of how many, the per cent, and how many were incomplete */
  return g_strdup_printf (_("Outcomes that agree with the key: %u of %u (%s); %u incomplete, left out"),
                          tally->n_outcomes_agree, tally->n_outcomes, percent, tally->n_outcomes_incomplete);
}

/**
 * rd_training_describe_fleiss:
 *
 * Returns: (transfer full): "Fleiss’ κ across trainees (95% confidence interval): 0.62 (…), over 10 of 12 criteria"
 */
char *
rd_training_describe_fleiss (const RdExampleAgreement *example)
{
  g_autofree char *kappa = rd_training_format_kappa (&example->fleiss);

  /* TRANSLATORS: κ with its interval, then the criteria every trainee answered, of how many the key scores */
  return g_strdup_printf (_("Fleiss’ κ across trainees (95%% confidence interval): %s, over %u of %u criteria"),
                          kappa, example->n_criteria - example->n_criteria_excluded, example->n_criteria);
}

/**
 * rd_training_scale_note:
 *
 * Returns: how to read κ, after Landis & Koch (1977)
 */
const char *
rd_training_scale_note (void)
{
  return _("κ is the agreement beyond what chance alone would give: 1 is perfect agreement, 0 is no better than"
           " chance. Landis & Koch (1977): 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81 and above almost"
           " perfect.");
}

/**
 * rd_training_method_note:
 *
 * Returns: what was compared and which standard errors the intervals use
 */
const char *
rd_training_method_note (void)
{
  return _("Cohen’s κ compares each trainee’s criterion scores (met, not met, not documented, not applicable)"
           " with the key; its interval uses the standard error of Fleiss, Cohen & Everitt (1969). Fleiss’ κ"
           " compares the trainees who attempted an example with each other, over the criteria every one of them"
           " answered; its interval uses the standard error of Fleiss, Nee & Landis (1979) under κ = 0."
           " Unanswered criteria and incomplete outcomes are left out and counted. κ is undefined when every"
           " answer is in one category.");
}
