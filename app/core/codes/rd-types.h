/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RdScore:
 * @RD_SCORE_UNSCORED: the reviewer has not scored the criterion yet
 * @RD_SCORE_MET: the records show the criterion is met
 * @RD_SCORE_NOT_MET: the records show it is not met
 * @RD_SCORE_NOT_DOCUMENTED: the records do not say (unknown to the engine)
 * @RD_SCORE_NOT_APPLICABLE: the criterion does not apply to this case
 *
 * A reviewer's score of one criterion. Conditions are answered with the same
 * values: met = yes, not met = no, not documented = not known yet.
 */
typedef enum {
  RD_SCORE_UNSCORED,
  RD_SCORE_MET,
  RD_SCORE_NOT_MET,
  RD_SCORE_NOT_DOCUMENTED,
  RD_SCORE_NOT_APPLICABLE,
} RdScore;

const char *rd_score_to_string   (RdScore     score);   /* "met", "not-met", ... */
gboolean    rd_score_from_string (const char *name,
                                  RdScore    *score);
const char *rd_score_to_label    (RdScore     score);   /* translated, for people */

/**
 * RdDocStatus:
 * @RD_DOC_STATUS_UNREVIEWED: the reviewer has not looked for it yet
 * @RD_DOC_STATUS_PRESENT: the records contain it
 * @RD_DOC_STATUS_MISSING: the records do not contain it
 * @RD_DOC_STATUS_NOT_APPLICABLE: not needed for this case
 *
 * The state of one item of a policy's documentation checklist.
 */
typedef enum {
  RD_DOC_STATUS_UNREVIEWED,
  RD_DOC_STATUS_PRESENT,
  RD_DOC_STATUS_MISSING,
  RD_DOC_STATUS_NOT_APPLICABLE,
} RdDocStatus;

const char *rd_doc_status_to_string   (RdDocStatus  status);  /* "present", ... */
gboolean    rd_doc_status_from_string (const char  *name,
                                       RdDocStatus *status);

typedef enum {
  RD_REQUEST_TYPE_INITIAL,
  RD_REQUEST_TYPE_REPLACEMENT,
  RD_REQUEST_TYPE_TRIAL,
  RD_REQUEST_TYPE_REVISION,     /* revision or repositioning of the pump or its catheter */
  RD_REQUEST_TYPE_REFILL,       /* refill, analysis or reprogramming of an implanted pump */
} RdRequestType;

#define RD_REQUEST_TYPE_LAST RD_REQUEST_TYPE_REFILL

const char *rd_request_type_to_string   (RdRequestType  type);  /* "initial", ... */
gboolean    rd_request_type_from_string (const char    *name,
                                         RdRequestType *type);

typedef enum {
  RD_URGENCY_STANDARD,   /* the line of business's standard time (rd-due-rule.h) */
  RD_URGENCY_EXPEDITED,  /* its expedited time: 72 hours for every line */
} RdUrgency;

const char *rd_urgency_to_string   (RdUrgency   urgency);  /* "standard", "expedited" */
gboolean    rd_urgency_from_string (const char *name,
                                    RdUrgency  *urgency);

/**
 * RdLineOfBusiness:
 * @RD_LINE_OF_BUSINESS_UNKNOWN: intake has not recorded it (every request
 *   made before ReviewDesk knew lines of business)
 * @RD_LINE_OF_BUSINESS_COMMERCIAL: an employer or individual plan
 * @RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE: a Medicare Advantage plan
 * @RD_LINE_OF_BUSINESS_MEDICAID: a Medicaid managed care plan
 *
 * The kind of coverage, which decides the rule the decision's due time follows.
 */
typedef enum {
  RD_LINE_OF_BUSINESS_UNKNOWN,
  RD_LINE_OF_BUSINESS_COMMERCIAL,
  RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE,
  RD_LINE_OF_BUSINESS_MEDICAID,
} RdLineOfBusiness;

#define RD_LINE_OF_BUSINESS_LAST RD_LINE_OF_BUSINESS_MEDICAID

/* "commercial", "medicare-advantage", "medicaid"; NULL for unknown */
const char *rd_line_of_business_to_string   (RdLineOfBusiness  line);
gboolean    rd_line_of_business_from_string (const char       *name,
                                             RdLineOfBusiness *line);
const char *rd_line_of_business_to_label    (RdLineOfBusiness  line);  /* translated */

typedef enum {
  RD_ROLE_NURSE_REVIEWER,
  RD_ROLE_MEDICAL_DIRECTOR,
  RD_ROLE_TRAINER,
} RdRole;

const char *rd_role_to_string   (RdRole      role);  /* "nurse-reviewer", "medical-director", "trainer" */
gboolean    rd_role_from_string (const char *name,
                                 RdRole     *role);
const char *rd_role_to_label    (RdRole      role);  /* translated: "medical director" */

G_END_DECLS
