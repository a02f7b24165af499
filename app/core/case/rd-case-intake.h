/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-applicability.h"
#include "rd-case-file.h"
#include "rd-policy.h"

G_BEGIN_DECLS

/*
 * What intake puts under review: the policies that apply to the request,
 * each pinned to the exact version scored against, with the indications
 * that apply. The intake page and `reviewdesk-tool case new --request` both
 * go through here, so a case made either way is reviewed alike.
 */

gboolean rd_case_pin_policy         (RdCaseFile          *case_file,
                                     RdPolicy            *policy,
                                     GError             **error);
gboolean rd_case_include_indication (RdCaseFile          *case_file,
                                     RdPolicy            *policy,
                                     const char          *indication_id,
                                     gboolean             include,
                                     GError             **error);
gboolean rd_case_accept_match       (RdCaseFile          *case_file,
                                     const RdPolicyMatch *match,
                                     guint               *n_indications,
                                     GError             **error);

G_END_DECLS
