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
  g_ptr_array_unref (match->ingredients);
  g_ptr_array_unref (match->referrals);
  g_free (match->payer_reason);
  g_free (match);
}

static void add (GPtrArray *reasons, char *text);

/* ---- code look-up ----------------------------------------------------- */

/* Whether the request is for an implantable pump, not a reservoir or a port
 * alone: a pump code among its codes, or a device described as a pump. */
static gboolean
request_names_pump (const RdRequest *request)
{
  static const char * const pump_codes[] = {
    "E0782", "E0783", "E0786", "C1772", "C1891", "C2626", "62361", "62362", "36260", "36563", "36583",
  };
  char **lists[] = { request->hcpcs_codes, request->cpt_codes };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint c = 0; lists[l] && lists[l][c]; c++)
      for (guint p = 0; p < G_N_ELEMENTS (pump_codes); p++)
        if (g_ascii_strcasecmp (lists[l][c], pump_codes[p]) == 0)
          return TRUE;
  /* ICD-10-PCS: insertion of an infusion pump has the device value V. */
  for (guint c = 0; request->icd10_pcs_codes && request->icd10_pcs_codes[c]; c++)
    if (strlen (request->icd10_pcs_codes[c]) == 7 && request->icd10_pcs_codes[c][5] == 'V')
      return TRUE;
  return request->device != NULL && rd_words_match ("pump", request->device);
}

/* A bracketed qualifier ("[when specified as replacement]") is data: the code
 * counts only when the request is what it says. */
static gboolean
qualifier_holds (RdPolicyMatch     *match,
                 const RdCodeEntry *entry,
                 const char        *code,
                 const RdRequest   *request)
{
  switch (entry->qualifier)
    {
    case RD_CODE_QUALIFIER_REPLACEMENT:
      if (request->type == RD_REQUEST_TYPE_REPLACEMENT)
        return TRUE;
      add (match->reasons, g_strdup_printf (_("%s counts under this policy only when specified as a replacement."), code));
      return FALSE;
    case RD_CODE_QUALIFIER_IMPLANTABLE_PUMP:
      if (request_names_pump (request))
        return TRUE;
      add (match->reasons, g_strdup_printf (_("%s counts under this policy only with an implantable pump, and the request names none."), code));
      return FALSE;
    case RD_CODE_QUALIFIER_NONE:
    default:
      return TRUE;
    }
}

static void
find_codes (RdPolicyMatch   *match,
            const RdRequest *request,
            RdCodeSystem     system,
            char           **codes)
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

          if (list->system != system || (entry = rd_code_list_lookup (list, code)) == NULL
              || !qualifier_holds (match, entry, code, request))
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

/* Whether the request's route is one the matchers name. Each sentence is
 * whole so that translators can order it. */
static gboolean
match_routes (GPtrArray   *reasons,
              char       **matchers,
              const char  *route)
{
  g_autofree char *all = NULL;

  if (matchers[0] == NULL)
    return TRUE;
  all = g_strjoinv (", ", matchers);
  if (route == NULL || *route == '\0')
    {
      add (reasons, g_strdup_printf (_("The request names no route; this indication is for: %s."), all));
      return FALSE;
    }
  for (guint i = 0; matchers[i]; i++)
    if (rd_applicability_text_matches (matchers[i], route))
      {
        add (reasons, g_strdup_printf (_("The route “%s” matches “%s”."), route, matchers[i]));
        return TRUE;
      }
  add (reasons, g_strdup_printf (_("The route “%s” is none of: %s."), route, all));
  return FALSE;
}

/* Whether a drug matcher (an ingredient or a class id) names what the request's
 * drug is; without a known ingredient, the matcher's words in the drug's text. */
static gboolean
drug_matches (const RdPolicyMatch *match,
              const char          *matcher,
              const char          *drug)
{
  if (match->ingredients->len == 0)
    return rd_words_match (matcher, drug);
  for (guint i = 0; i < match->ingredients->len; i++)
    {
      const RdIngredient *ingredient = g_ptr_array_index (match->ingredients, i);
      if (g_str_equal (ingredient->id, matcher) || rd_ingredient_has_class (ingredient, matcher))
        return TRUE;
    }
  return FALSE;
}

static gboolean
match_drugs (RdPolicyMatch  *match,
             GPtrArray      *reasons,
             char          **matchers,
             const char     *drug)
{
  g_autofree char *all = NULL;

  if (matchers[0] == NULL)
    return TRUE;
  all = g_strjoinv (", ", matchers);
  if (drug == NULL || *drug == '\0')
    {
      add (reasons, g_strdup_printf (_("The request names no drug; this indication is for: %s."), all));
      return FALSE;
    }
  for (guint i = 0; matchers[i]; i++)
    if (drug_matches (match, matchers[i], drug))
      {
        add (reasons, g_strdup_printf (_("The drug “%s” matches “%s”."), drug, matchers[i]));
        return TRUE;
      }
  add (reasons, g_strdup_printf (_("The drug “%s” is none of: %s."), drug, all));
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
  drug = match_drugs (match, im->reasons, indication->drugs, request->drug);
  route = match_routes (im->reasons, indication->routes, request->route);
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

static gboolean
ingredient_matches_any (const RdIngredient  *ingredient,
                        char               **matchers)
{
  for (guint i = 0; matchers[i]; i++)
    if (g_str_equal (ingredient->id, matchers[i]) || rd_ingredient_has_class (ingredient, matchers[i]))
      return TRUE;
  return FALSE;
}

/* The excluded drug is what the pump delivers: every ingredient is one the
 * exclusion names. Heparin in a chemotherapy pump keeps the catheter open (the
 * policies' background says so); it does not make the pump a heparin pump. */
static gboolean
exclusion_drug_matches (const RdPolicyMatch *match,
                        const RdExclusion   *exclusion,
                        const char          *drug)
{
  if (exclusion->drugs[0] == NULL)
    return TRUE;
  if (drug == NULL || *drug == '\0')
    return FALSE;
  if (match->ingredients->len == 0)
    {
      for (guint i = 0; exclusion->drugs[i]; i++)
        if (rd_words_match (exclusion->drugs[i], drug))
          return TRUE;
      return FALSE;
    }
  for (guint i = 0; i < match->ingredients->len; i++)
    if (!ingredient_matches_any (g_ptr_array_index (match->ingredients, i), exclusion->drugs))
      return FALSE;
  return TRUE;
}

/* An exclusion the policy states in words decides by what the request is: its
 * drug (ingredient or class) and route. */
static gboolean
exclusion_matches (RdPolicyMatch     *match,
                   const RdExclusion *exclusion,
                   const RdRequest   *request)
{
  gboolean drug = exclusion_drug_matches (match, exclusion, request->drug);
  gboolean route = exclusion->routes[0] == NULL;
  gboolean diagnosis = exclusion->diagnoses[0] == NULL;

  for (guint i = 0; exclusion->diagnoses[i] && !diagnosis; i++)
    diagnosis = hit_in_list (match, exclusion->diagnoses[i]) != NULL;
  if (!diagnosis)
    return FALSE;

  for (guint i = 0; exclusion->routes[i] && !route; i++)
    route = request->route != NULL && rd_words_match (exclusion->routes[i], request->route);
  return drug && route;
}

static gboolean
exclusion_has_matchers (const RdExclusion *exclusion)
{
  return exclusion->drugs[0] != NULL || exclusion->routes[0] != NULL || exclusion->diagnoses[0] != NULL;
}

static void
match_exclusions (RdPolicyMatch   *match,
                  const RdRequest *request)
{
  GPtrArray *exclusions = rd_policy_get_exclusions (match->policy);

  for (guint i = 0; i < exclusions->len; i++)
    {
      const RdExclusion *e = g_ptr_array_index (exclusions, i);

      if (!exclusion_concerns_type (e, request->type))
        continue;
      if (exclusion_has_matchers (e))
        {
          if (!exclusion_matches (match, e, request))
            continue;
          add_exclusion (match, e, RD_EXCLUSION_HIT_CODES,
                         g_strdup_printf (_("The request is this excluded use: %s (%s)"), e->text, e->outcome->label));
          if (match->direct_outcome == NULL)
            {
              match->direct_outcome = e->outcome;
              match->deciding_exclusion = e;
            }
          continue;
        }
      /* Code lists alone identify an excluded use only where the policy gives
       * nothing else to go by. */
      for (guint c = 0; e->codes[c]; c++)
        {
          const RdCodeHit *hit = hit_in_list (match, e->codes[c]);
          if (hit != NULL)
            {
              add_exclusion (match, e, RD_EXCLUSION_HIT_CODES,
                             g_strdup_printf (_("The diagnosis %s is in “%s”: %s (%s)"), hit->code,
                                              hit->list->title, e->text, e->outcome->label));
              if (match->direct_outcome == NULL)
                {
                  match->direct_outcome = e->outcome;
                  match->deciding_exclusion = e;
                }
              break;
            }
        }
      if (e->codes[0] == NULL && e->request_types != 0)
        add_exclusion (match, e, RD_EXCLUSION_HIT_TO_CHECK,
                       g_strdup_printf (_("The criteria decide whether this applies: %s (%s)"), e->text, e->outcome->label));
    }
}

static gboolean
is_catch_all (const RdExclusion *exclusion)
{
  return exclusion->codes[0] == NULL && exclusion->request_types == 0 && !exclusion_has_matchers (exclusion);
}

static void
match_other_uses (RdPolicyMatch *match)
{
  GPtrArray *exclusions = rd_policy_get_exclusions (match->policy);

  for (guint i = 0; i < exclusions->len; i++)
    {
      const RdExclusion *e = g_ptr_array_index (exclusions, i);

      if (is_catch_all (e))
        add_exclusion (match, e, RD_EXCLUSION_HIT_OTHER_USE,
                       g_strdup_printf (_("No indication applies, so this applies: %s (%s)"),
                                        e->text, e->outcome->label));
    }
}

/* A diagnosis on a list whose disposition is an outcome is information: the
 * lists illustrate the exclusions, which decide by what the request is. Beside
 * an indication that applies, it is a question for a physician. */
static void
match_informational_lists (RdPolicyMatch *match,
                           gboolean       indication_applies)
{
  for (guint i = 0; i < match->code_hits->len; i++)
    {
      const RdCodeHit *hit = g_ptr_array_index (match->code_hits, i);

      if (is_procedure (hit) || hit->list->outcome == NULL)
        continue;
      add (match->reasons, g_strdup_printf (_("The diagnosis %s is in “%s”, which the policy lists as “%s”."),
                                            hit->code, hit->list->title, hit->list->outcome->label));
      if (indication_applies && match->direct_outcome == NULL)
        g_ptr_array_add (match->referrals,
                         g_strdup_printf (_("The diagnosis %s is on the policy’s list “%s” beside an indication that applies: a physician decides whether the listed use is what is requested."),
                                          hit->code, hit->list->title));
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
identify_drug (RdPolicyMatch   *match,
               const RdRequest *request)
{
  g_autoptr(GPtrArray) found = NULL;

  if (request->drug == NULL || *request->drug == '\0')
    return;
  found = rd_drug_vocabulary_identify (rd_drug_vocabulary_get_default (), request->drug);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (match->ingredients, g_ptr_array_index (found, i));
  match->drug_unknown = found->len == 0;
}

/* The purposes of the request's drug against the policy's scope: a drug that
 * serves none of them is not governed by the policy. */
static gboolean
drug_in_scope (RdPolicyMatch *match)
{
  const RdScope *scope = rd_policy_get_scope (match->policy);
  RdDrugVocabulary *vocabulary = rd_drug_vocabulary_get_default ();
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *purposes = NULL;

  if (scope == NULL || scope->purposes[0] == NULL || match->ingredients->len == 0)
    return TRUE;
  for (guint i = 0; i < match->ingredients->len; i++)
    {
      const RdIngredient *ingredient = g_ptr_array_index (match->ingredients, i);

      for (guint p = 0; scope->purposes[p]; p++)
        if (rd_ingredient_has_purpose (vocabulary, ingredient, scope->purposes[p]))
          return TRUE;
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", ingredient->name);
    }
  purposes = g_strjoinv (", ", scope->purposes);
  add (match->reasons, g_strdup_printf (_("The drug (%s) serves none of the uses this policy governs (%s): review the request under the policy that governs its use."),
                                        names->str, purposes));
  return FALSE;
}

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
  match->rule = rd_policy_get_request_rule (match->policy, request->type);
  if (match->rule != NULL && match->rule->handling == RD_REQUEST_HANDLING_NOT_GOVERNED)
    {
      add (match->reasons, g_strdup_printf (_("This policy does not govern %s requests: %s"),
                                            rd_request_type_to_string (request->type), match->rule->text));
      return;
    }
  if (!listed && match->rule != NULL && match->rule->described)
    add (match->reasons, g_strdup_printf (_("None of the request’s procedure codes is in this policy’s code lists, but the policy describes %s requests in words: %s"),
                                          rd_request_type_to_string (request->type), match->rule->text));
  else if (!listed)
    {
      add (match->reasons, g_strdup (_("None of the request’s procedure codes (CPT, HCPCS, ICD-10-PCS) is in this policy’s code lists.")));
      return;
    }

  if (!drug_in_scope (match))
    return;

  match_exclusions (match, request);
  for (guint i = 0; i < match->indications->len; i++)
    {
      const RdIndicationMatch *im = g_ptr_array_index (match->indications, i);
      if (im->applies)
        {
          any_indication = TRUE;
          add (match->reasons, g_strdup_printf (_("The indication “%s” applies."), im->indication->title));
        }
    }
  match_informational_lists (match, any_indication);
  if (match->rule != NULL && match->rule->handling == RD_REQUEST_HANDLING_SILENT)
    add (match->reasons, g_strdup_printf (_("The policy is silent on %s requests: %s"),
                                          rd_request_type_to_string (request->type), match->rule->text));

  if (any_indication || match->direct_outcome != NULL)
    {
      match->applies = TRUE;
      return;
    }
  if (match->drug_unknown)
    {
      match->applies = TRUE;
      add (match->reasons, g_strdup_printf (_("The drug “%s” is not in the drug vocabulary: confirm its ingredient (the generic name) so that the policy can be applied."),
                                            request->drug));
      return;
    }
  if (match->ingredients->len == 0 && request->route && *request->route
      && !route_in_scope (match->policy, request->route, routes))
    {
      add (match->reasons, g_strdup_printf (_("The route “%s” is outside this policy: its indications cover %s."),
                                            request->route, routes->str));
      return;
    }

  match->applies = TRUE;
  match_other_uses (match);
  if (match->exclusions->len == 0)
    add (match->reasons, g_strdup (_("No indication of this policy matches the request; a medical director decides.")));
}

static gboolean
names_payer (const RdRequest *request)
{
  g_autofree char *key = rd_words_key (request->payer);

  return key[0] != '\0';
}

static void
match_payer (RdPolicyMatch   *match,
             const RdRequest *request)
{
  if (!names_payer (request))
    match->payer = RD_PAYER_NOT_NAMED;
  else if (rd_policy_is_payers (match->policy, request->payer))
    match->payer = RD_PAYER_SAME;
  else
    {
      match->payer = RD_PAYER_OTHER;
      /* TRANSLATORS: the policy's payer, then the member's payer as intake recorded it */
      match->payer_reason = g_strdup_printf (_("Not proposed: this is a policy of %s, and the member’s payer is %s."),
                                             rd_policy_get_payer (match->policy), request->payer);
    }
}

/**
 * rd_policy_match_is_proposed:
 *
 * Returns: whether intake proposes the policy: it applies to the request and
 *   is the member's payer's, or the request names no payer
 */
gboolean
rd_policy_match_is_proposed (const RdPolicyMatch *match)
{
  g_return_val_if_fail (match != NULL, FALSE);

  return match->applies && match->payer != RD_PAYER_OTHER;
}

/**
 * rd_applicability_describe_payer:
 * @policies: (element-type RdPolicy): the loaded policies
 *
 * What intake says about the payer above its proposals: that a request
 * naming no payer is proposed every payer's policies, or that none of the
 * loaded policies is the named payer's.
 *
 * Returns: (transfer full) (nullable): the sentence, translated; %NULL when
 *   the payer has policies among @policies
 */
char *
rd_applicability_describe_payer (GPtrArray       *policies,
                                 const RdRequest *request)
{
  g_autoptr(GPtrArray) payers = g_ptr_array_new ();
  g_autofree char *names = NULL;

  g_return_val_if_fail (policies != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!names_payer (request))
    return g_strdup (_("The request names no payer, so the policies of every payer are proposed. Enter the member’s"
                       " payer to be proposed only theirs."));
  for (guint i = 0; i < policies->len; i++)
    {
      RdPolicy *policy = g_ptr_array_index (policies, i);
      const char *payer = rd_policy_get_payer (policy);

      if (rd_policy_is_payers (policy, request->payer))
        return NULL;
      if (!g_ptr_array_find_with_equal_func (payers, payer, g_str_equal, NULL))
        g_ptr_array_add (payers, (gpointer) payer);
    }
  g_ptr_array_add (payers, NULL);
  names = g_strjoinv (", ", (char **) payers->pdata);
  /* TRANSLATORS: the member's payer, then the payers whose policies are loaded */
  return g_strdup_printf (_("No loaded policy is a policy of %s, so none is proposed. Check how the payer is written;"
                            " the loaded policies are those of %s."), request->payer, names);
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
  match->ingredients = g_ptr_array_new ();
  match->referrals = g_ptr_array_new_with_free_func (g_free);

  find_codes (match, request, RD_CODE_SYSTEM_CPT, request->cpt_codes);
  find_codes (match, request, RD_CODE_SYSTEM_HCPCS, request->hcpcs_codes);
  find_codes (match, request, RD_CODE_SYSTEM_ICD10_PCS, request->icd10_pcs_codes);
  find_codes (match, request, RD_CODE_SYSTEM_ICD10_CM, request->icd10_cm_codes);
  identify_drug (match, request);

  indications = rd_policy_get_indications (policy);
  for (guint i = 0; i < indications->len; i++)
    g_ptr_array_add (match->indications, match_indication (match, g_ptr_array_index (indications, i), request));

  decide_scope (match, request);
  match_payer (match, request);
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
