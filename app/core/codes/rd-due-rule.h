/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rd-types.h"

G_BEGIN_DECLS

/**
 * RdDueRule:
 * @line: the line of business the rule is for
 * @urgency: standard or expedited
 * @days: calendar days after receipt the decision is due, or 0 when @hours counts
 * @hours: hours after receipt the decision is due, when @days is 0
 * @extension_days: the longest extension the rule allows (one at most), 0 when
 *   it allows none
 * @summary: the rule in words, untranslated (N_()): "Medicare Advantage,
 *   standard: 7 calendar days"
 * @source: where the rule comes from, e.g. "CMS-0057-F"
 * @citation: the provisions, e.g. "42 CFR 422.568(b)(1)"
 *
 * The time a utilization-management decision is due, per line of business
 * and urgency. The rules are data, in one table in rd-due-rule.c; see
 * "Due times" in data/CASE-FORMAT.md for how they were chosen.
 */
typedef struct {
  RdLineOfBusiness  line;
  RdUrgency         urgency;
  guint             days;
  guint             hours;
  guint             extension_days;
  const char       *summary;
  const char       *source;
  const char       *citation;
} RdDueRule;

const RdDueRule *rd_due_rule_find         (RdLineOfBusiness  line,
                                           RdUrgency         urgency);
GDateTime       *rd_due_rule_get_due_time (const RdDueRule  *rule,
                                           GDateTime        *received);
char            *rd_due_rule_describe     (const RdDueRule  *rule);

G_END_DECLS
