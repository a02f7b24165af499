/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-letter.h"

G_BEGIN_DECLS

/*
 * The determination on a case as a Da Vinci PAS response Bundle (FHIR R4):
 * a ClaimResponse with the review action per item (X12 306: A1 approved,
 * A3 denied, A4 pended), a Provenance naming the reviewer and the policy
 * versions, a CommunicationRequest for the documents a pend asks for, and
 * the audit log as AuditEvents. The elements are listed in
 * data/JSON-FORMATS.md.
 */

/* The identifier system of the seal line, which `case verify --against`
 * reads back. */
#define RD_PAS_SEAL_SYSTEM "urn:reviewdesk:seal"

JsonNode *rd_pas_response_build (RdCaseFile      *case_file,
                                 const RdLetter  *letter,
                                 GError         **error);
char     *rd_pas_response_get_seal_token (JsonNode *response);
gboolean  rd_pas_response_write (JsonNode        *response,
                                 const char      *path,
                                 GError         **error);

G_END_DECLS
