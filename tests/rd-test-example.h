/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-case-file.h"
#include "rd-example.h"

G_BEGIN_DECLS

/* Helpers for the tests of cases made from examples. */

/* Writes @key's answers into @case_file through the case-file API, as a
 * trainee who gets everything right would: with @with_review, puts the policy
 * and the key's indications under review first. */
void rd_test_answer_like_key (RdCaseFile         *case_file,
                              RdPolicy           *policy,
                              const RdExampleKey *key,
                              gboolean            with_review);

G_END_DECLS
