/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-types.h"

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *name,
        int                *value)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (names[i] != NULL && g_strcmp0 (names[i], name) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

static const char * const score_names[] = {
  [RD_SCORE_UNSCORED] = "unscored",
  [RD_SCORE_MET] = "met",
  [RD_SCORE_NOT_MET] = "not-met",
  [RD_SCORE_NOT_DOCUMENTED] = "not-documented",
  [RD_SCORE_NOT_APPLICABLE] = "not-applicable",
};

const char *
rd_score_to_string (RdScore score)
{
  g_return_val_if_fail (score <= RD_SCORE_NOT_APPLICABLE, NULL);
  return score_names[score];
}

gboolean
rd_score_from_string (const char *name,
                      RdScore    *score)
{
  int value;

  if (!lookup (score_names, G_N_ELEMENTS (score_names), name, &value))
    return FALSE;
  *score = (RdScore) value;
  return TRUE;
}

const char *
rd_score_to_label (RdScore score)
{
  switch (score)
    {
    case RD_SCORE_UNSCORED: return _("Not scored");
    case RD_SCORE_MET: return _("Met");
    case RD_SCORE_NOT_MET: return _("Not met");
    case RD_SCORE_NOT_DOCUMENTED: return _("Not documented");
    case RD_SCORE_NOT_APPLICABLE: return _("Not applicable");
    default: g_return_val_if_reached (NULL);
    }
}

static const char * const doc_status_names[] = {
  [RD_DOC_STATUS_UNREVIEWED] = "unreviewed",
  [RD_DOC_STATUS_PRESENT] = "present",
  [RD_DOC_STATUS_MISSING] = "missing",
  [RD_DOC_STATUS_NOT_APPLICABLE] = "not-applicable",
};

const char *
rd_doc_status_to_string (RdDocStatus status)
{
  g_return_val_if_fail (status <= RD_DOC_STATUS_NOT_APPLICABLE, NULL);
  return doc_status_names[status];
}

gboolean
rd_doc_status_from_string (const char  *name,
                           RdDocStatus *status)
{
  int value;

  if (!lookup (doc_status_names, G_N_ELEMENTS (doc_status_names), name, &value))
    return FALSE;
  *status = (RdDocStatus) value;
  return TRUE;
}

static const char * const request_type_names[] = {
  [RD_REQUEST_TYPE_INITIAL] = "initial",
  [RD_REQUEST_TYPE_REPLACEMENT] = "replacement",
  [RD_REQUEST_TYPE_TRIAL] = "trial",
  [RD_REQUEST_TYPE_REVISION] = "revision",
  [RD_REQUEST_TYPE_REFILL] = "refill",
};

const char *
rd_request_type_to_string (RdRequestType type)
{
  g_return_val_if_fail (type <= RD_REQUEST_TYPE_LAST, NULL);
  return request_type_names[type];
}

gboolean
rd_request_type_from_string (const char    *name,
                             RdRequestType *type)
{
  int value;

  if (!lookup (request_type_names, G_N_ELEMENTS (request_type_names), name, &value))
    return FALSE;
  *type = (RdRequestType) value;
  return TRUE;
}

static const char * const urgency_names[] = {
  [RD_URGENCY_STANDARD] = "standard",
  [RD_URGENCY_EXPEDITED] = "expedited",
};

const char *
rd_urgency_to_string (RdUrgency urgency)
{
  g_return_val_if_fail (urgency <= RD_URGENCY_EXPEDITED, NULL);
  return urgency_names[urgency];
}

gboolean
rd_urgency_from_string (const char *name,
                        RdUrgency  *urgency)
{
  int value;

  if (!lookup (urgency_names, G_N_ELEMENTS (urgency_names), name, &value))
    return FALSE;
  *urgency = (RdUrgency) value;
  return TRUE;
}

static const char * const line_names[] = {
  [RD_LINE_OF_BUSINESS_UNKNOWN] = NULL,
  [RD_LINE_OF_BUSINESS_COMMERCIAL] = "commercial",
  [RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE] = "medicare-advantage",
  [RD_LINE_OF_BUSINESS_MEDICAID] = "medicaid",
};

const char *
rd_line_of_business_to_string (RdLineOfBusiness line)
{
  g_return_val_if_fail (line <= RD_LINE_OF_BUSINESS_LAST, NULL);
  return line_names[line];
}

gboolean
rd_line_of_business_from_string (const char       *name,
                                 RdLineOfBusiness *line)
{
  int value;

  if (!lookup (line_names, G_N_ELEMENTS (line_names), name, &value))
    return FALSE;
  *line = (RdLineOfBusiness) value;
  return TRUE;
}

const char *
rd_line_of_business_to_label (RdLineOfBusiness line)
{
  static const char * const labels[] = {
    [RD_LINE_OF_BUSINESS_UNKNOWN] = N_("Line of business not recorded"),
    [RD_LINE_OF_BUSINESS_COMMERCIAL] = N_("Commercial"),
    [RD_LINE_OF_BUSINESS_MEDICARE_ADVANTAGE] = N_("Medicare Advantage"),
    [RD_LINE_OF_BUSINESS_MEDICAID] = N_("Medicaid managed care"),
  };

  g_return_val_if_fail (line <= RD_LINE_OF_BUSINESS_LAST, NULL);
  return _(labels[line]);
}

static const char * const role_names[] = {
  [RD_ROLE_NURSE_REVIEWER] = "nurse-reviewer",
  [RD_ROLE_MEDICAL_DIRECTOR] = "medical-director",
  [RD_ROLE_TRAINER] = "trainer",
};

const char *
rd_role_to_string (RdRole role)
{
  g_return_val_if_fail (role <= RD_ROLE_TRAINER, NULL);
  return role_names[role];
}

gboolean
rd_role_from_string (const char *name,
                     RdRole     *role)
{
  int value;

  if (!lookup (role_names, G_N_ELEMENTS (role_names), name, &value))
    return FALSE;
  *role = (RdRole) value;
  return TRUE;
}

/* The role as a sentence names it: "medical director". */
const char *
rd_role_to_label (RdRole role)
{
  switch (role)
    {
    case RD_ROLE_MEDICAL_DIRECTOR: return _("medical director");
    case RD_ROLE_TRAINER: return _("trainer");
    case RD_ROLE_NURSE_REVIEWER:
    default: return _("nurse reviewer");
    }
}
