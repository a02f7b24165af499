/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-request.h"

G_BEGIN_DECLS

/*
 * A request as JSON, for scripts and other systems (see
 * `reviewdesk-tool case new --request`):
 *
 *   { "member": {"name": …, "id": …, "birth_date": "YYYY-MM-DD"},
 *     "provider": {"name": …, "npi": …},
 *     "coverage": {"payer": …, "plan": …,
 *                  "line_of_business": "commercial|medicare-advantage|medicaid"},
 *     "codes": {"cpt": […], "hcpcs": […], "icd10_pcs": […], "icd10_cm": […]},
 *     "drug": …, "route": …, "device": …,
 *     "type": "initial|trial|replacement|revision|refill",
 *     "urgency": "standard|expedited",
 *     "received": "2026-12-01T09:00:00Z" }
 */

RdRequest *rd_request_new_from_json (JsonNode         *root,
                                     GError          **error);
JsonNode  *rd_request_to_json       (const RdRequest  *request);

G_END_DECLS
