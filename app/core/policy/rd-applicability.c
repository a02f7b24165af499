/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-applicability.h"
#include "rd-words.h"

/* ---- text matching ---------------------------------------------------- */

/**
 * rd_applicability_text_matches:
 * @matcher: a drug or route as the policy writes it ("intra-arterial")
 * @text: the request's drug or route ("Intra arterial infusion")
 *
 * Returns: whether @matcher's words occur in @text in order and next to each
 *   other, ignoring case and punctuation; words may also be run together, so
 *   "intra-arterial" matches "intraarterial" (see rd_words_match())
 */
gboolean
rd_applicability_text_matches (const char *matcher,
                               const char *text)
{
  return rd_words_match (matcher, text);
}

/* ---- records ---------------------------------------------------------- */

static void
code_hit_free (RdCodeHit *hit)
{
  g_free (hit->code);
  g_free (hit);
}

static void
indication_match_free (RdIndicationMatch *match)
{
  g_ptr_array_unref (match->reasons);
  g_free (match);
}

static void
exclusion_hit_free (RdExclusionHit *hit)
{
  g_free (hit->reason);
  g_free (hit);
}

void
rd_policy_match_free (RdPolicyMatch *match)
{
  if (match == NULL)
    return;
  g_clear_object (&match->policy);
  g_ptr_array_unref (match->reasons);
  g_ptr_array_unref (match->code_hits);
  g_ptr_array_unref (match->indications);
  g_ptr_array_unref (match->exclusions);
  g_free (match);
}

/* ---- code look-up ----------------------------------------------------- */

static void
find_codes (RdPolicyMatch  *match,
            RdCodeSystem    system,
            char          **codes)
{
  GPtrArray *lists = rd_policy_get_code_lists (match->policy);

  for (guint c = 0; codes && codes[c]; c++)
    {
      g_autofree char *code = rd_code_normalize (codes[c]);

      for (guint i = 0; i < lists->len; i++)
        {
          const RdCodeList *list = g_ptr_array_index (lists, i);
          const RdCodeEntry *entry;
          RdCodeHit *hit;

          if (list->system != system || (entry = rd_code_list_lookup (list, code)) == NULL)
            continue;
          hit = g_new0 (RdCodeHit, 1);
          hit->code = g_strdup (code);
          hit->list = list;
          hit->entry = entry;
          g_ptr_array_add (match->code_hits, hit);
        }
    }
}

static gboolean
is_procedure (const RdCodeHit *hit)
{
  return hit->list->system != RD_CODE_SYSTEM_ICD10_CM;
}

static const RdCodeHit *
hit_in_list (const RdPolicyMatch *match,
             const char          *list_id)
{
  for (guint i = 0; i < match->code_hits->len; i++)
    {
      const RdCodeHit *hit = g_ptr_array_index (match->code_hits, i);
      if (g_str_equal (hit->list->id, list_id))
        return hit;
    }
  return NULL;
}

static void
add (GPtrArray  *reasons,
     char       *text)
{
  g_ptr_array_add (reasons, text);
}

/* ---- indications ------------------------------------------------------ */

static char *
request_types_text (guint mask)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (RdRequestType t = RD_REQUEST_TYPE_INITIAL; t <= RD_REQUEST_TYPE_LAST; t++)
    if (mask & (1u << t))
      g_ptr_array_add (names, (gpointer) rd_request_type_to_string (t));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Checks one kind of text matcher (drugs or routes); returns whether it
 * matches. Each sentence is whole so that translators can order it. */
static gboolean
match_texts (GPtrArray   *reasons,
             char       **matchers,
             const char  *value,
             gboolean     drugs)
{
  g_autofree char *all = NULL;

  if (matchers[0] == NULL)
    return TRUE;
  all = g_strjoinv (", ", matchers);
  if (value == NULL || *value == '\0')
    {
      add (reasons, drugs ? g_strdup_printf (_("The request names no drug; this indication is for: %s."), all)
                          : g_strdup_printf (_("The request names no route; this indication is for: %s."), all));
      return FALSE;
    }
  for (guint i = 0; matchers[i]; i++)
    if (rd_applicability_text_matches (matchers[i], value))
      {
        add (reasons, drugs ? g_strdup_printf (_("The drug “%s” matches “%s”."), value, matchers[i])
                            : g_strdup_printf (_("The route “%s” matches “%s”."), value, matchers[i]));
        return TRUE;
      }
  add (reasons, drugs ? g_strdup_printf (_("The drug “%s” is none of: %s."), value, all)
                      : g_strdup_printf (_("The route “%s” is none of: %s."), value, all));
  return FALSE;
}

static gboolean
match_diagnoses (RdPolicyMatch      *match,
                 RdIndicationMatch  *im)
{
  char **refs = im->indication->diagnoses;

  if (refs[0] == NULL)
    return TRUE;
  for (guint i = 0; refs[i]; i++)
    {
      const RdCodeHit *hit = hit_in_list (match, refs[i]);
      if (hit != NULL)
        {
          add (im->reasons, g_strdup_printf (_("The diagnosis %s is in “%s”."), hit->code, hit->list->title));
          return TRUE;
        }
    }
  add (im->reasons, g_strdup (_("No diagnosis of the request is in the diagnosis lists of this indication.")));
  return FALSE;
}

static RdIndicationMatch *
match_indication (RdPolicyMatch      *match,
                  const RdIndication *indication,
                  const RdRequest    *request)
{
  RdIndicationMatch *im = g_new0 (RdIndicationMatch, 1);
  g_autofree char *types = request_types_text (indication->request_types);
  gboolean governs, drug, route, dx;

  im->indication = indication;
  im->reasons = g_ptr_array_new_with_free_func (g_free);

  governs = rd_indication_governs (indication, request->type);
  if (governs)
    add (im->reasons, g_strdup_printf (_("It governs %s requests."), rd_request_type_to_string (request->type)));
  else
    add (im->reasons, g_strdup_printf (_("It does not govern %s requests (only: %s)."),
                                       rd_request_type_to_string (request->type), types));
  drug = match_texts (im->reasons, indication->drugs, request->drug, TRUE);
  route = match_texts (im->reasons, indication->routes, request->route, FALSE);
  dx = match_diagnoses (match, im);
  im->applies = governs && drug && route && dx;
  return im;
}

/* ---- exclusions ------------------------------------------------------- */

static void
add_exclusion (RdPolicyMatch      *match,
               const RdExclusion  *exclusion,
               RdExclusionHitKind  kind,
               char               *reason)
{
  RdExclusionHit *hit = g_new0 (RdExclusionHit, 1);

  hit->exclusion = exclusion;
  hit->kind = kind;
  hit->reason = reason;
  g_ptr_array_add (match->exclusions, hit);
}

static gboolean
exclusion_concerns_type (const RdExclusion *exclusion,
                         RdRequestType      type)
{
  return exclusion->request_types == 0 || (exclusion->request_types & (1u << type));
}

static void
match_exclusions_by_code (RdPolicyMatch   *match,
                          const RdRequest *request)
{
  GPtrArray *exclusions = rd_policy_get_exclusions (match->policy);

  for (guint i = 0; i < exclusions->len; i++)
    {
      const RdExclusion *e = g_ptr_array_index (exclusions, i);

      if (!exclusion_concerns_type (e, request->type))
        continue;
      for (guint c = 0; e->codes[c]; c++)
        {
          const RdCodeHit *hit = hit_in_list (match, e->codes[c]);
          if (hit != NULL)
            {
              add_exclusion (match, e, RD_EXCLUSION_HIT_CODES,
                             g_strdup_printf (_("The diagnosis %s is in “%s”: %s (%s)"), hit->code,
                                              hit->list->title, e->text, e->outcome->label));
              if (match->direct_outcome == NULL)
                match->direct_outcome = e->outcome;
              break;
            }
        }
      if (e->codes[0] == NULL && e->request_types != 0)
        add_exclusion (match, e, RD_EXCLUSION_HIT_TO_CHECK,
                       g_strdup_printf (_("Check that this does not apply: %s (%s)"), e->text, e->outcome->label));
    }
}

static void
match_other_uses (RdPolicyMatch   *match,
                  const RdRequest *request)
{
  GPtrArray *exclusions = rd_policy_get_exclusions (match->policy);

  for (guint i = 0; i < exclusions->len; i++)
    {
      const RdExclusion *e = g_ptr_array_index (exclusions, i);

      if (e->codes[0] == NULL && e->request_types == 0)
        add_exclusion (match, e, RD_EXCLUSION_HIT_OTHER_USE,
                       g_strdup_printf (_("No indication applies, so this may apply: %s (%s)"),
                                        e->text, e->outcome->label));
    }
}

/* A diagnosis in a list whose disposition is an outcome reaches that outcome
 * even when no exclusion names the list. */
static void
match_direct_lists (RdPolicyMatch *match)
{
  for (guint i = 0; i < match->code_hits->len; i++)
    {
      const RdCodeHit *hit = g_ptr_array_index (match->code_hits, i);

      if (is_procedure (hit) || hit->list->outcome == NULL)
        continue;
      add (match->reasons, g_strdup_printf (_("The diagnosis %s is in “%s”: the policy calls this “%s”."),
                                            hit->code, hit->list->title, hit->list->outcome->label));
      if (match->direct_outcome == NULL)
        match->direct_outcome = hit->list->outcome;
    }
}

/* The routes any indication names; a request by another route is outside the
 * policy even when its procedure code is listed. */
static gboolean
route_in_scope (RdPolicy   *policy,
                const char *route,
                GString    *routes)
{
  GPtrArray *indications = rd_policy_get_indications (policy);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any_route = FALSE, found = FALSE;

  for (guint i = 0; i < indications->len; i++)
    {
      const RdIndication *ind = g_ptr_array_index (indications, i);

      if (ind->routes[0] == NULL)
        continue;  /* an indication for every route: nothing is outside */
      any_route = TRUE;
      for (guint r = 0; ind->routes[r]; r++)
        {
          if (g_hash_table_add (seen, ind->routes[r]))
            g_string_append_printf (routes, "%s%s", routes->len ? ", " : "", ind->routes[r]);
          if (rd_applicability_text_matches (ind->routes[r], route))
            found = TRUE;
        }
    }
  return !any_route || found;
}

/* ---- policy ----------------------------------------------------------- */

static void
decide_scope (RdPolicyMatch   *match,
              const RdRequest *request)
{
  gboolean any_indication = FALSE;
  gboolean listed = FALSE;
  g_autoptr(GString) routes = g_string_new (NULL);

  for (guint i = 0; i < match->code_hits->len; i++)
    {
      const RdCodeHit *hit = g_ptr_array_index (match->code_hits, i);
      if (is_procedure (hit))
        {
          listed = TRUE;
          add (match->reasons, g_strdup_printf (_("%s %s is in “%s”."),
                                                rd_code_system_to_string (hit->list->system),
                                                hit->code, hit->list->title));
        }
    }
  if (!listed)
    {
      add (match->reasons, g_strdup (_("None of the request’s procedure codes (CPT, HCPCS, ICD-10-PCS) is in this policy’s code lists.")));
      match->direct_outcome = NULL;
      return;
    }

  match_direct_lists (match);
  match_exclusions_by_code (match, request);

  for (guint i = 0; i < match->indications->len; i++)
    {
      const RdIndicationMatch *im = g_ptr_array_index (match->indications, i);
      if (im->applies)
        {
          any_indication = TRUE;
          add (match->reasons, g_strdup_printf (_("The indication “%s” applies."), im->indication->title));
        }
    }

  if (any_indication && match->direct_outcome != NULL)
    add (match->reasons, g_strdup_printf (_("A diagnosis leads to “%s” by code, but an indication also applies: a medical director decides which governs."),
                                          match->direct_outcome->label));
  if (any_indication || match->direct_outcome != NULL)
    {
      match->applies = TRUE;
      return;
    }

  if (request->route && *request->route && !route_in_scope (match->policy, request->route, routes))
    {
      add (match->reasons, g_strdup_printf (_("The route “%s” is outside this policy: its indications cover %s."),
                                            request->route, routes->str));
      return;
    }

  match->applies = TRUE;
  add (match->reasons, g_strdup (_("No indication of this policy matches the request; a medical director decides.")));
  match_other_uses (match, request);
}

/**
 * rd_policy_match_new:
 * @policy: a policy
 * @request: a request
 *
 * Returns: (transfer full): whether and why @policy applies to @request
 */
RdPolicyMatch *
rd_policy_match_new (RdPolicy        *policy,
                     const RdRequest *request)
{
  RdPolicyMatch *match;
  GPtrArray *indications;

  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  match = g_new0 (RdPolicyMatch, 1);
  match->policy = g_object_ref (policy);
  match->reasons = g_ptr_array_new_with_free_func (g_free);
  match->code_hits = g_ptr_array_new_with_free_func ((GDestroyNotify) code_hit_free);
  match->indications = g_ptr_array_new_with_free_func ((GDestroyNotify) indication_match_free);
  match->exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify) exclusion_hit_free);

  find_codes (match, RD_CODE_SYSTEM_CPT, request->cpt_codes);
  find_codes (match, RD_CODE_SYSTEM_HCPCS, request->hcpcs_codes);
  find_codes (match, RD_CODE_SYSTEM_ICD10_PCS, request->icd10_pcs_codes);
  find_codes (match, RD_CODE_SYSTEM_ICD10_CM, request->icd10_cm_codes);

  indications = rd_policy_get_indications (policy);
  for (guint i = 0; i < indications->len; i++)
    g_ptr_array_add (match->indications, match_indication (match, g_ptr_array_index (indications, i), request));

  decide_scope (match, request);
  return match;
}

/**
 * rd_policy_match_applies_indication:
 *
 * Returns: whether the indication @indication_id applies to the request
 */
gboolean
rd_policy_match_applies_indication (const RdPolicyMatch *match,
                                    const char          *indication_id)
{
  g_return_val_if_fail (match != NULL, FALSE);

  for (guint i = 0; i < match->indications->len; i++)
    {
      const RdIndicationMatch *im = g_ptr_array_index (match->indications, i);
      if (g_strcmp0 (im->indication->id, indication_id) == 0)
        return match->applies && im->applies;
    }
  return FALSE;
}

/**
 * rd_applicability_evaluate:
 * @policies: (element-type RdPolicy): the loaded policies
 * @request: a request
 *
 * Returns: (transfer container) (element-type RdPolicyMatch): one match per
 *   policy, in the order of @policies, whether it applies or not
 */
GPtrArray *
rd_applicability_evaluate (GPtrArray       *policies,
                           const RdRequest *request)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_policy_match_free);

  g_return_val_if_fail (policies != NULL, matches);
  g_return_val_if_fail (request != NULL, matches);

  for (guint i = 0; i < policies->len; i++)
    g_ptr_array_add (matches, rd_policy_match_new (g_ptr_array_index (policies, i), request));
  return matches;
}
