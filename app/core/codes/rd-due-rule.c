/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-due-rule.h"

/* Every rule a decision's due time follows, with its source. Medicare
 * Advantage and Medicaid managed care follow the CMS Interoperability and
 * Prior Authorization final rule (CMS-0057-F, in force for decisions from
 * 1 January 2026): 72 hours expedited, 7 calendar days standard, and one
 * extension of up to 14 calendar days. A commercial plan follows its own
 * rule; the default here is ERISA's claims procedure for group health plans:
 * an urgent (expedited) pre-service claim within 72 hours and without an
 * extension, a non-urgent one within 15 days and one extension of up to 15
 * days. A request whose line of business is not recorded follows the
 * strictest rule (72 hours / 7 calendar days, as every ReviewDesk before
 * lines of business did) and may not be extended until it is recorded. */
static const RdDueRule rules[] = {
  { RD_LINE_OF_BUSINESS_UNKNOWN, RD_URGENCY_STANDARD, 7, 0, 0,
    N_("Line of business not recorded, standard: 7 calendar days, the strictest rule"),
    "CMS-0057-F", "42 CFR 422.568(b)(1), 438.210(d)(1)" },
  { RD_LINE_OF_BUSINESS_UNKNOWN, RD_URGENCY_EXPEDITED, 0, 72, 0,
    N_("Line of business not recorded, expedited: 72 hours, the strictest rule"),
    "CMS-0057-F", "42 CFR 422.572(a), 438.210(d)(2)" },
  { RD_LINE_OF_BUSINESS_COMMERCIAL, RD_URGENCY_STANDARD, 15, 0, 15,
    N_("Commercial, standard: 15 calendar days"),
    "ERISA", "29 CFR 2560.503-1(f)(2)(iii)(B)" },
  { RD_LINE_OF_BUSINESS_COMMERCIAL, RD_URGENCY_EXPEDITED, 0, 72, 0,
    N_("Commercial, expedited: 72 hours"),
    "ERISA", "29 CFR 2560.503-1(f)(2)(i)" },
  { RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE, RD_URGENCY_STANDARD, 7, 0, 14,
    N_("Medicare Advantage, standard: 7 calendar days"),
    "CMS-0057-F", "42 CFR 422.568(b)(1)" },
  { RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE, RD_URGENCY_EXPEDITED, 0, 72, 14,
    N_("Medicare Advantage, expedited: 72 hours"),
    "CMS-0057-F", "42 CFR 422.572(a), (b)" },
  { RD_LINE_OF_BUSINESS_MEDICAID, RD_URGENCY_STANDARD, 7, 0, 14,
    N_("Medicaid managed care, standard: 7 calendar days"),
    "CMS-0057-F", "42 CFR 438.210(d)(1)" },
  { RD_LINE_OF_BUSINESS_MEDICAID, RD_URGENCY_EXPEDITED, 0, 72, 14,
    N_("Medicaid managed care, expedited: 72 hours"),
    "CMS-0057-F", "42 CFR 438.210(d)(2)" },
};

/**
 * rd_due_rule_find:
 *
 * Returns: (transfer none): the rule for @line and @urgency; every pair has one
 */
const RdDueRule *
rd_due_rule_find (RdLineOfBusiness line,
                  RdUrgency        urgency)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].line == line && rules[i].urgency == urgency)
      return &rules[i];
  g_return_val_if_reached (&rules[0]);
}

/**
 * rd_due_rule_get_due_time:
 * @received: when the plan received the request
 *
 * Calendar days keep the time of day of @received in its time zone.
 *
 * Returns: (transfer full): when the decision is due, before any extension
 */
GDateTime *
rd_due_rule_get_due_time (const RdDueRule *rule,
                          GDateTime       *received)
{
  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (received != NULL, NULL);

  if (rule->days > 0)
    return g_date_time_add_days (received, rule->days);
  return g_date_time_add_hours (received, rule->hours);
}

/**
 * rd_due_rule_describe:
 *
 * Returns: (transfer full): the rule and its source, translated, such as
 *   "Medicare Advantage, standard: 7 calendar days (CMS-0057-F)"
 */
char *
rd_due_rule_describe (const RdDueRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  /* TRANSLATORS: a due-time rule and its source, "Commercial, standard: 15 calendar days (ERISA)" */
  return g_strdup_printf (_("%s (%s)"), _(rule->summary), rule->source);
}
