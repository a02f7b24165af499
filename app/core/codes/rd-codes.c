/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-codes.h"

G_DEFINE_QUARK (rd-code-error-quark, rd_code_error)

static const char * const system_names[] = {
  [RD_CODE_SYSTEM_CPT] = "CPT",
  [RD_CODE_SYSTEM_HCPCS] = "HCPCS",
  [RD_CODE_SYSTEM_ICD10_PCS] = "ICD-10-PCS",
  [RD_CODE_SYSTEM_ICD10_CM] = "ICD-10-CM",
};

gboolean
rd_code_system_from_string (const char   *name,
                            RdCodeSystem *system)
{
  g_return_val_if_fail (system != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (system_names); i++)
    {
      if (g_strcmp0 (name, system_names[i]) == 0)
        {
          *system = (RdCodeSystem) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
rd_code_system_to_string (RdCodeSystem system)
{
  g_return_val_if_fail (system <= RD_CODE_SYSTEM_ICD10_CM, NULL);
  return system_names[system];
}

/**
 * rd_code_normalize:
 * @code: a code as a person typed it
 *
 * Returns: (transfer full): @code without surrounding white space, in upper case.
 */
char *
rd_code_normalize (const char *code)
{
  g_autofree char *stripped = g_strstrip (g_strdup (code ? code : ""));
  return g_ascii_strup (stripped, -1);
}

static gboolean
is_cpt (const char *c)
{
  /* Category I codes are five digits; Category II and III end in F or T. */
  if (strlen (c) != 5)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (c[i]))
      return FALSE;
  return g_ascii_isdigit (c[4]) || c[4] == 'F' || c[4] == 'T';
}

static gboolean
is_hcpcs (const char *c)
{
  if (strlen (c) != 5 || !g_ascii_isupper (c[0]))
    return FALSE;
  for (int i = 1; i < 5; i++)
    if (!g_ascii_isdigit (c[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_icd10_pcs (const char *c)
{
  if (strlen (c) != 7)
    return FALSE;
  for (int i = 0; i < 7; i++)
    {
      if (!(g_ascii_isdigit (c[i]) || g_ascii_isupper (c[i])))
        return FALSE;
      if (c[i] == 'O' || c[i] == 'I')
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_icd10_cm (const char *c)
{
  gsize len = strlen (c);

  /* A letter, a digit, a digit or letter; then optionally a dot and one to four
   * characters of digits or letters (placeholder X included). */
  if (len < 3 || !g_ascii_isupper (c[0]) || !g_ascii_isdigit (c[1]) || !g_ascii_isalnum (c[2]))
    return FALSE;
  if (len == 3)
    return TRUE;
  if (c[3] != '.' || len < 5 || len > 8)
    return FALSE;
  for (gsize i = 4; i < len; i++)
    if (!(g_ascii_isdigit (c[i]) || g_ascii_isupper (c[i])))
      return FALSE;
  return TRUE;
}

/**
 * rd_code_validate:
 * @system: the code system
 * @code: a normalized code (see rd_code_normalize())
 * @error: where to say what is wrong, in words a reviewer can act on
 *
 * Returns: %TRUE if @code has the form of a code of @system.
 */
gboolean
rd_code_validate (RdCodeSystem   system,
                  const char    *code,
                  GError       **error)
{
  if (code == NULL || *code == '\0')
    {
      g_set_error (error, RD_CODE_ERROR, RD_CODE_ERROR_EMPTY,
                   _("Enter a %s code."), rd_code_system_to_string (system));
      return FALSE;
    }

  switch (system)
    {
    case RD_CODE_SYSTEM_CPT:
      if (is_cpt (code))
        return TRUE;
      g_set_error (error, RD_CODE_ERROR, RD_CODE_ERROR_FORMAT,
                   _("“%s” is not a CPT code: CPT codes are five digits, such as 62362."), code);
      return FALSE;
    case RD_CODE_SYSTEM_HCPCS:
      if (is_hcpcs (code))
        return TRUE;
      g_set_error (error, RD_CODE_ERROR, RD_CODE_ERROR_FORMAT,
                   _("“%s” is not a HCPCS code: HCPCS codes are a letter and four digits, such as E0783."), code);
      return FALSE;
    case RD_CODE_SYSTEM_ICD10_PCS:
      if (is_icd10_pcs (code))
        return TRUE;
      if (strlen (code) == 7 && (strchr (code, 'O') || strchr (code, 'I')))
        g_set_error (error, RD_CODE_ERROR, RD_CODE_ERROR_FORMAT,
                     _("“%s” contains the letter O or I, which ICD-10-PCS never uses: type the digit 0 or 1 instead."), code);
      else
        g_set_error (error, RD_CODE_ERROR, RD_CODE_ERROR_FORMAT,
                     _("“%s” is not an ICD-10-PCS code: ICD-10-PCS codes are seven letters or digits, such as 0JH60VZ."), code);
      return FALSE;
    case RD_CODE_SYSTEM_ICD10_CM:
      if (is_icd10_cm (code))
        return TRUE;
      g_set_error (error, RD_CODE_ERROR, RD_CODE_ERROR_FORMAT,
                   _("“%s” is not an ICD-10-CM code: a letter, two characters, then a dot and up to four more, such as G80.1."), code);
      return FALSE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * rd_code_range_validate:
 *
 * A range is well formed when both ends are valid codes of @system and @from
 * does not sort after @to.
 */
gboolean
rd_code_range_validate (RdCodeSystem   system,
                        const char    *from,
                        const char    *to,
                        GError       **error)
{
  if (!rd_code_validate (system, from, error) || !rd_code_validate (system, to, error))
    return FALSE;
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, RD_CODE_ERROR, RD_CODE_ERROR_RANGE,
                   _("The range %s–%s runs backwards: its first code sorts after its last."),
                   from, to);
      return FALSE;
    }
  return TRUE;
}

/* ICD-10-PCS codes are built of seven axes (section, body system, operation,
 * body part, approach, device, qualifier). A payer's range such as
 * 0JH60VZ–0JH63VZ ("by approach") is the set of codes that agree with both
 * ends on every other axis and whose value on the varying axis lies between
 * the ends' values and is a value that axis has: it is not an interval of
 * strings, which would take in ports (0JH60WZ) and pacemakers (0JH606Z). */
static gboolean
pcs_axis_value_exists (guint axis,
                       char  value)
{
  /* The approach axis has these values in every section ReviewDesk meets. */
  if (axis == 4)
    return strchr ("0345678FX", value) != NULL;
  return TRUE;
}

/**
 * rd_code_in_pcs_range:
 * @code: a normalized ICD-10-PCS code
 * @from: the range's first code
 * @to: the range's last code
 *
 * Returns: whether @code is in the range along the one axis its ends differ in
 */
gboolean
rd_code_in_pcs_range (const char *code,
                      const char *from,
                      const char *to)
{
  g_return_val_if_fail (code && from && to, FALSE);

  if (strlen (code) != 7 || strlen (from) != 7 || strlen (to) != 7)
    return FALSE;
  for (guint i = 0; i < 7; i++)
    {
      if (from[i] == to[i])
        {
          if (code[i] != from[i])
            return FALSE;
          continue;
        }
      /* Digits sort before letters in ASCII, as in the PCS tables. */
      if (code[i] < from[i] || code[i] > to[i] || !pcs_axis_value_exists (i, code[i]))
        return FALSE;
    }
  return TRUE;
}

/* Compares a code with a range end as a prefix: "E08.9" covers E08.9 and all its
 * children (E08.91, E08.9X1), so a code is within [from, to] when it sorts at or
 * after @from and its prefix of @to's length sorts at or before @to. */
gboolean
rd_code_in_range (const char *code,
                  const char *from,
                  const char *to)
{
  gsize to_len;

  g_return_val_if_fail (code && from && to, FALSE);

  to_len = strlen (to);
  if (strcmp (code, from) < 0)
    return FALSE;
  return strncmp (code, to, to_len) <= 0;
}
