/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-codes.h"
#include "rd-request.h"

G_DEFINE_QUARK (rd-request-error-quark, rd_request_error)
G_DEFINE_BOXED_TYPE (RdRequest, rd_request, rd_request_copy, rd_request_free)

RdRequest *
rd_request_new (void)
{
  RdRequest *request = g_new0 (RdRequest, 1);

  request->type = RD_REQUEST_TYPE_INITIAL;
  request->urgency = RD_URGENCY_STANDARD;
  return request;
}

RdRequest *
rd_request_copy (const RdRequest *request)
{
  RdRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_new0 (RdRequest, 1);
  copy->member_name = g_strdup (request->member_name);
  copy->member_id = g_strdup (request->member_id);
  copy->member_birth_date = g_strdup (request->member_birth_date);
  copy->provider_name = g_strdup (request->provider_name);
  copy->provider_npi = g_strdup (request->provider_npi);
  copy->cpt_codes = g_strdupv (request->cpt_codes);
  copy->hcpcs_codes = g_strdupv (request->hcpcs_codes);
  copy->icd10_pcs_codes = g_strdupv (request->icd10_pcs_codes);
  copy->icd10_cm_codes = g_strdupv (request->icd10_cm_codes);
  copy->drug = g_strdup (request->drug);
  copy->route = g_strdup (request->route);
  copy->device = g_strdup (request->device);
  copy->type = request->type;
  copy->urgency = request->urgency;
  copy->received = request->received ? g_date_time_ref (request->received) : NULL;
  copy->payer = g_strdup (request->payer);
  copy->plan = g_strdup (request->plan);
  copy->line_of_business = request->line_of_business;
  return copy;
}

void
rd_request_free (RdRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->member_name);
  g_free (request->member_id);
  g_free (request->member_birth_date);
  g_free (request->provider_name);
  g_free (request->provider_npi);
  g_strfreev (request->cpt_codes);
  g_strfreev (request->hcpcs_codes);
  g_strfreev (request->icd10_pcs_codes);
  g_strfreev (request->icd10_cm_codes);
  g_free (request->drug);
  g_free (request->route);
  g_free (request->device);
  g_clear_pointer (&request->received, g_date_time_unref);
  g_free (request->payer);
  g_free (request->plan);
  g_free (request);
}

/**
 * rd_request_get_due_rule:
 *
 * Returns: (transfer none): the rule the decision's due time follows, by the
 *   request's line of business and urgency
 */
const RdDueRule *
rd_request_get_due_rule (const RdRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return rd_due_rule_find (request->line_of_business, request->urgency);
}

/**
 * rd_request_get_due_time:
 *
 * When the decision is due by its rule (rd_request_get_due_rule()), before
 * any extension: a case's extension is rd_case_file_get_due_time()'s.
 *
 * Returns: (transfer full) (nullable): the due time, or %NULL before receipt is known.
 */
GDateTime *
rd_request_get_due_time (const RdRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  if (request->received == NULL)
    return NULL;
  return rd_due_rule_get_due_time (rd_request_get_due_rule (request), request->received);
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (; *value; value++)
    if (!g_ascii_isspace (*value))
      return FALSE;
  return TRUE;
}

static gboolean
validate_date (const char *value)
{
  g_autoptr(GDateTime) parsed = NULL;
  int y, m, d;

  if (strlen (value) != 10 || sscanf (value, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  parsed = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return parsed != NULL;
}

static gboolean
validate_npi (const char *value)
{
  int sum = 0;

  /* Ten digits whose Luhn check over "80840" + the number holds. */
  if (strlen (value) != 10)
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;

  sum = 24; /* the Luhn contribution of the 80840 prefix */
  for (int i = 8, pos = 0; i >= 0; i--, pos++)
    {
      int digit = value[i] - '0';
      if (pos % 2 == 0)
        {
          digit *= 2;
          if (digit > 9)
            digit -= 9;
        }
      sum += digit;
    }
  return (10 - (sum % 10)) % 10 == value[9] - '0';
}

/**
 * rd_request_validate_field:
 * @field: the field's name: "member-name", "member-id", "member-birth-date",
 *   "provider-name", "provider-npi", "cpt", "hcpcs", "icd10-pcs", "icd10-cm",
 *   "drug", "route", "device"
 * @value: (nullable): what the user typed (one code for the code fields)
 *
 * Checks one field as the user types, so that the message can stand next to it.
 *
 * Returns: %TRUE if @value is acceptable for @field.
 */
gboolean
rd_request_validate_field (const char  *field,
                           const char  *value,
                           GError     **error)
{
  static const struct { const char *field; RdCodeSystem system; } code_fields[] = {
    { "cpt", RD_CODE_SYSTEM_CPT },
    { "hcpcs", RD_CODE_SYSTEM_HCPCS },
    { "icd10-pcs", RD_CODE_SYSTEM_ICD10_PCS },
    { "icd10-cm", RD_CODE_SYSTEM_ICD10_CM },
  };
  static const struct { const char *field; const char *label; } required[] = {
    { "member-name", N_("The member’s name") },
    { "member-id", N_("The member ID") },
    { "member-birth-date", N_("The member’s date of birth") },
    { "provider-name", N_("The requesting provider") },
    { "provider-npi", N_("The provider’s NPI") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (code_fields); i++)
    {
      if (g_str_equal (field, code_fields[i].field))
        {
          g_autofree char *code = rd_code_normalize (value);
          g_autoptr(GError) code_error = NULL;

          if (rd_code_validate (code_fields[i].system, code, &code_error))
            return TRUE;
          g_set_error_literal (error, RD_REQUEST_ERROR,
                               code_error->code == RD_CODE_ERROR_EMPTY ? RD_REQUEST_ERROR_MISSING
                                                                       : RD_REQUEST_ERROR_INVALID,
                               code_error->message);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (g_str_equal (field, required[i].field) && is_blank (value))
        {
          g_set_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING,
                       _("%s is required."), _(required[i].label));
          return FALSE;
        }
    }

  if (g_str_equal (field, "member-birth-date") && !validate_date (value))
    {
      g_set_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_INVALID,
                   _("“%s” is not a date: write it as year-month-day, such as 1974-03-21."), value);
      return FALSE;
    }
  if (g_str_equal (field, "provider-npi") && !validate_npi (value))
    {
      g_set_error (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_INVALID,
                   _("“%s” is not a valid NPI: an NPI is ten digits whose last digit is a check digit."), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_codes (const char   *field,
                char * const *codes,
                GError      **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!rd_request_validate_field (field, codes[i], error))
      return FALSE;
  return TRUE;
}

/**
 * rd_request_validate:
 *
 * A request is complete when every required field is filled, every code has the
 * form of its system, there is at least one procedure code and one diagnosis,
 * and the received time is known.
 */
gboolean
rd_request_validate (const RdRequest  *request,
                     GError          **error)
{
  g_return_val_if_fail (request != NULL, FALSE);

  if (!rd_request_validate_field ("member-name", request->member_name, error) ||
      !rd_request_validate_field ("member-id", request->member_id, error) ||
      !rd_request_validate_field ("member-birth-date", request->member_birth_date, error) ||
      !rd_request_validate_field ("provider-name", request->provider_name, error) ||
      !rd_request_validate_field ("provider-npi", request->provider_npi, error) ||
      !validate_codes ("cpt", request->cpt_codes, error) ||
      !validate_codes ("hcpcs", request->hcpcs_codes, error) ||
      !validate_codes ("icd10-pcs", request->icd10_pcs_codes, error) ||
      !validate_codes ("icd10-cm", request->icd10_cm_codes, error))
    return FALSE;

  if (!(request->cpt_codes && request->cpt_codes[0]) &&
      !(request->hcpcs_codes && request->hcpcs_codes[0]) &&
      !(request->icd10_pcs_codes && request->icd10_pcs_codes[0]))
    {
      g_set_error_literal (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING,
                           _("Enter at least one procedure code (CPT, HCPCS or ICD-10-PCS)."));
      return FALSE;
    }
  if (!(request->icd10_cm_codes && request->icd10_cm_codes[0]))
    {
      g_set_error_literal (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING,
                           _("Enter at least one ICD-10-CM diagnosis."));
      return FALSE;
    }
  if (request->received == NULL)
    {
      g_set_error_literal (error, RD_REQUEST_ERROR, RD_REQUEST_ERROR_MISSING,
                           _("Enter when the request was received: the decision deadline counts from it."));
      return FALSE;
    }
  return TRUE;
}
