/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-case-file.h"
#include "rd-engine.h"
#include "rd-policy.h"
#include "rd-request.h"

G_BEGIN_DECLS

/*
 * The bridge between a case file and the engine: the stored scores and
 * condition answers of one policy as the table rd_engine_evaluate() takes, and
 * the evaluation of an indication from them.
 */

GHashTable   *rd_case_scores_table (RdCaseFile         *case_file,
                                    const char         *policy_id,
                                    GError            **error);
RdEvaluation *rd_case_evaluate     (RdCaseFile         *case_file,
                                    RdPolicy           *policy,
                                    const RdIndication *indication,
                                    GError            **error);
RdCaseReview *rd_case_find_review  (GPtrArray          *reviews,
                                    const char         *policy_id);
gboolean      rd_case_review_is_under_way (const RdCaseReview *review,
                                           RdPolicy           *policy,
                                           const RdRequest    *request);

G_END_DECLS
