/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-drug-vocabulary.h"
#include "rd-request.h"

G_BEGIN_DECLS

/*
 * A Da Vinci Prior Authorization Support (PAS, FHIR R4) request Bundle read
 * into a request and its attached PDFs (the elements read are listed in
 * data/JSON-FORMATS.md). A bundle comes from outside: it is read within fixed
 * limits, and every refusal names the element, e.g.
 * "Bundle.entry[2].resource(Claim).item[0].productOrService: no CPT or HCPCS code".
 */

#define RD_PAS_MAX_BUNDLE_SIZE  (32 * 1024 * 1024)
#define RD_PAS_MAX_DEPTH        24
#define RD_PAS_MAX_STRING       (24 * 1024 * 1024)  /* a base64 attachment */
#define RD_PAS_MAX_ARRAY        512
#define RD_PAS_MAX_TEXT         4096                /* any element but an attachment's data */
#define RD_PAS_MAX_ATTACHMENT   (16 * 1024 * 1024)  /* one PDF, decoded */

#define RD_PAS_ERROR (rd_pas_error_quark ())
GQuark rd_pas_error_quark (void);

typedef enum {
  RD_PAS_ERROR_NOT_A_REQUEST,  /* JSON, but not a PAS request Bundle (a response, another resource) */
  RD_PAS_ERROR_MISSING,        /* an element the review needs is absent */
  RD_PAS_ERROR_VALUE,          /* an element of the wrong type or value */
  RD_PAS_ERROR_ATTACHMENT,     /* an attachment that is not a PDF, too large or not base64 */
} RdPasError;

/* One PDF a supportingInfo element attaches. */
typedef struct {
  char   *file_name;  /* the attachment's title, else "<element id>.pdf" */
  GBytes *pdf;
} RdPasAttachment;

typedef struct {
  RdRequest *request;
  GPtrArray *attachments;  /* of RdPasAttachment */
  char      *claim_id;     /* nullable: Claim.identifier[0].value, else Claim.id */
  guint      n_items;      /* Claim.item's length */
} RdPasRequest;

void          rd_pas_request_free    (RdPasRequest      *pas);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPasRequest, rd_pas_request_free)

JsonNode     *rd_pas_bundle_load     (GBytes            *bytes,
                                      GError           **error);
RdPasRequest *rd_pas_request_read    (JsonNode          *bundle,
                                      RdDrugVocabulary  *vocabulary,
                                      GError           **error);

G_END_DECLS
