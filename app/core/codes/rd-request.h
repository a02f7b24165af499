/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rd-due-rule.h"
#include "rd-types.h"

G_BEGIN_DECLS

#define RD_TYPE_REQUEST (rd_request_get_type ())

/**
 * RdRequest:
 *
 * A request for an implantable infusion pump service, as intake records it.
 * Code arrays are %NULL-terminated and hold normalized codes (rd_code_normalize()).
 */
typedef struct {
  char          *member_name;
  char          *member_id;
  char          *member_birth_date;   /* YYYY-MM-DD */
  char          *provider_name;
  char          *provider_npi;        /* ten digits */
  char         **cpt_codes;
  char         **hcpcs_codes;
  char         **icd10_pcs_codes;
  char         **icd10_cm_codes;      /* diagnoses */
  char          *drug;                /* e.g. "baclofen" */
  char          *route;               /* e.g. "intrathecal", "intra-arterial" */
  char          *device;              /* make and model */
  RdRequestType  type;
  RdUrgency      urgency;
  GDateTime     *received;            /* when the plan received the request */
  char          *payer;               /* e.g. "Blue Shield of California"; NULL: not recorded */
  char          *plan;                /* the member's plan, e.g. "Access+ HMO" */
  RdLineOfBusiness line_of_business;
} RdRequest;

#define RD_REQUEST_ERROR (rd_request_error_quark ())
GQuark rd_request_error_quark (void);

typedef enum {
  RD_REQUEST_ERROR_MISSING,   /* a required field is empty */
  RD_REQUEST_ERROR_INVALID,   /* a field has the wrong form */
} RdRequestError;

GType      rd_request_get_type      (void) G_GNUC_CONST;
RdRequest *rd_request_new           (void);
RdRequest *rd_request_copy          (const RdRequest *request);
void       rd_request_free          (RdRequest       *request);
GDateTime *rd_request_get_due_time  (const RdRequest *request);
const RdDueRule *rd_request_get_due_rule (const RdRequest *request);
gboolean   rd_request_validate      (const RdRequest *request,
                                     GError         **error);
gboolean   rd_request_validate_field (const char     *field,
                                      const char     *value,
                                      GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdRequest, rd_request_free)

G_END_DECLS
