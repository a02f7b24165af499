/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-evaluate.h"
#include "rd-example-grade.h"
#include "rd-verdict.h"

/* The trainee's answers against the trainer's key. Only what the key gives is
 * compared: a criterion the key does not score (another indication's) is the
 * trainee's business, but a keyed one left unscored disagrees. */

const char *
rd_grade_item_kind_to_string (RdGradeItemKind kind)
{
  switch (kind)
    {
    case RD_GRADE_ITEM_INDICATIONS: return "indications";
    case RD_GRADE_ITEM_CONDITION: return "condition";
    case RD_GRADE_ITEM_CRITERION: return "criterion";
    case RD_GRADE_ITEM_DOCUMENTATION: return "documentation";
    default: g_return_val_if_reached (NULL);
    }
}

static void
grade_item_free (RdGradeItem *item)
{
  g_free (item->id);
  g_free (item->text);
  g_free (item->expected);
  g_free (item->given);
  g_free (item->expected_label);
  g_free (item->given_label);
  g_free (item->teaching);
  g_free (item);
}

static void
grade_policy_free (RdGradePolicy *gp)
{
  g_clear_object (&gp->policy);
  g_free (gp->note);
  g_ptr_array_unref (gp->items);
  g_free (gp->expected_outcome);
  g_free (gp->given_outcome);
  g_free (gp->expected_outcome_label);
  g_free (gp->given_outcome_label);
  g_free (gp);
}

void
rd_example_grade_free (RdExampleGrade *grade)
{
  if (grade == NULL)
    return;
  g_free (grade->example_id);
  g_free (grade->example_title);
  g_ptr_array_unref (grade->policies);
  g_free (grade);
}

/* Takes @expected_label and @given_label. */
static void
add_item (RdGradePolicy   *gp,
          RdGradeItemKind  kind,
          const char      *id,
          const char      *text,
          const char      *expected,
          const char      *given,
          char            *expected_label,
          char            *given_label,
          const char      *teaching)
{
  RdGradeItem *item = g_new0 (RdGradeItem, 1);

  item->kind = kind;
  item->id = g_strdup (id);
  item->text = g_strdup (text ? text : id);
  item->expected = g_strdup (expected);
  item->given = g_strdup (given);
  item->expected_label = expected_label;
  item->given_label = given_label;
  item->agrees = g_strcmp0 (expected, given) == 0;
  item->teaching = g_strdup (teaching);
  g_ptr_array_add (gp->items, item);
  gp->n_total++;
  if (item->agrees)
    gp->n_agree++;
}

/* ---- indications -------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted ids joined with ",", and their titles joined with "; ". */
static void
describe_indications (RdPolicy   *policy,
                      GPtrArray  *ids,
                      char      **joined,
                      char      **titles)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  *joined = g_strjoinv (",", (char **) ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);
  for (guint i = 0; i < ids->len; i++)
    {
      const RdIndication *indication = rd_policy_find_indication (policy, ids->pdata[i]);
      g_string_append_printf (names, "%s%s", i ? "; " : "",
                              indication ? indication->title : (const char *) ids->pdata[i]);
    }
  *titles = names->len ? g_strdup (names->str) : g_strdup (_("None under review"));
}

static void
grade_indications (RdGradePolicy      *gp,
                   const RdExampleKey *key,
                   const RdCaseReview *review)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) given = g_ptr_array_new ();
  g_autofree char *expected_ids = NULL;
  g_autofree char *given_ids = NULL;
  char *expected_label, *given_label;

  /* A policy decided by the diagnoses alone has no indication to review. */
  if (key->indications->len == 0)
    return;
  for (guint i = 0; i < key->indications->len; i++)
    g_ptr_array_add (expected, ((RdExampleIndicationKey *) key->indications->pdata[i])->indication_id);
  for (guint i = 0; review && review->indications[i]; i++)
    g_ptr_array_add (given, review->indications[i]);
  describe_indications (gp->policy, expected, &expected_ids, &expected_label);
  describe_indications (gp->policy, given, &given_ids, &given_label);
  add_item (gp, RD_GRADE_ITEM_INDICATIONS, NULL, _("Indications under review"),
            expected_ids, given_ids, expected_label, given_label, NULL);
}

/* ---- conditions and criteria -------------------------------------------- */

static const char *
answer_label (RdScore answer)
{
  switch (answer)
    {
    case RD_SCORE_MET: return _("Yes");
    case RD_SCORE_NOT_MET: return _("No");
    case RD_SCORE_NOT_DOCUMENTED: return _("Not known");
    case RD_SCORE_UNSCORED:
    case RD_SCORE_NOT_APPLICABLE:
    default: return rd_score_to_label (answer);
    }
}

static RdScore
lookup_score (GHashTable *table,
              const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (table, id));
}

static void
grade_conditions (RdGradePolicy      *gp,
                  const RdExampleKey *key,
                  GHashTable         *given)
{
  GPtrArray *conditions = rd_policy_get_conditions (gp->policy);

  for (guint i = 0; i < conditions->len; i++)
    {
      const RdCondition *condition = conditions->pdata[i];
      RdScore expected, answer;

      if (!g_hash_table_contains (key->conditions, condition->id))
        continue;
      expected = lookup_score (key->conditions, condition->id);
      answer = lookup_score (given, condition->id);
      add_item (gp, RD_GRADE_ITEM_CONDITION, condition->id, condition->question,
                rd_score_to_string (expected), rd_score_to_string (answer),
                g_strdup (answer_label (expected)), g_strdup (answer_label (answer)),
                g_hash_table_lookup (key->condition_teaching, condition->id));
    }
}

static void
grade_criteria (RdGradePolicy      *gp,
                const RdExampleKey *key,
                GHashTable         *given)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < key->indications->len; i++)
    {
      const RdExampleIndicationKey *ikey = key->indications->pdata[i];
      const RdIndication *indication = rd_policy_find_indication (gp->policy, ikey->indication_id);
      g_autoptr(GPtrArray) criteria = NULL;

      if (indication == NULL)
        continue;
      criteria = rd_policy_get_criteria (gp->policy, indication);
      for (guint c = 0; c < criteria->len; c++)
        {
          const RdNode *criterion = criteria->pdata[c];
          RdScore expected = lookup_score (key->scores, criterion->id);
          RdScore score = lookup_score (given, criterion->id);

          /* A criterion shared by two indications is answered once. */
          if (!g_hash_table_add (seen, (gpointer) criterion->id))
            continue;
          add_item (gp, RD_GRADE_ITEM_CRITERION, criterion->id, criterion->text,
                    rd_score_to_string (expected), rd_score_to_string (score),
                    g_strdup (rd_score_to_label (expected)), g_strdup (rd_score_to_label (score)),
                    g_hash_table_lookup (key->teaching, criterion->id));
        }
    }
}

/* ---- documentation ------------------------------------------------------ */

static const char *
doc_status_label (RdDocStatus status)
{
  switch (status)
    {
    case RD_DOC_STATUS_PRESENT: return _("Present");
    case RD_DOC_STATUS_MISSING: return _("Missing");
    case RD_DOC_STATUS_NOT_APPLICABLE: return _("Not applicable");
    case RD_DOC_STATUS_UNREVIEWED:
    default: return _("Not reviewed");
    }
}

/* The items the documentation checklist asks about for the key's indications:
 * an item for another indication is not shown to the trainee, and the key
 * marks it not applicable. */
static GHashTable *
doc_items_asked (RdPolicy           *policy,
                 const RdExampleKey *key)
{
  GHashTable *asked = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < key->indications->len; i++)
    {
      const RdExampleIndicationKey *ikey = key->indications->pdata[i];
      const RdIndication *indication = rd_policy_find_indication (policy, ikey->indication_id);
      g_autoptr(GPtrArray) items = indication ? rd_policy_get_doc_items_for (policy, indication) : NULL;

      for (guint j = 0; items && j < items->len; j++)
        g_hash_table_add (asked, (gpointer) ((const RdDocItem *) items->pdata[j])->id);
    }
  return asked;
}

static void
grade_doc_items (RdGradePolicy      *gp,
                 const RdExampleKey *key,
                 GHashTable         *given,
                 GHashTable         *asked,
                 GPtrArray          *items)
{
  for (guint i = 0; items && i < items->len; i++)
    {
      const RdDocItem *item = items->pdata[i];
      const char *expected = g_hash_table_lookup (key->documentation, item->id);

      if (expected != NULL && g_hash_table_contains (asked, item->id))
        {
          RdDocStatus expected_status = RD_DOC_STATUS_UNREVIEWED;
          RdDocStatus status = GPOINTER_TO_INT (g_hash_table_lookup (given, item->id));

          rd_doc_status_from_string (expected, &expected_status);
          add_item (gp, RD_GRADE_ITEM_DOCUMENTATION, item->id, item->text,
                    expected, rd_doc_status_to_string (status),
                    g_strdup (doc_status_label (expected_status)), g_strdup (doc_status_label (status)),
                    g_hash_table_lookup (key->documentation_teaching, item->id));
        }
      grade_doc_items (gp, key, given, asked, item->children);
    }
}

static gboolean
grade_documentation (RdGradePolicy      *gp,
                     const RdExampleKey *key,
                     RdCaseFile         *case_file,
                     GError            **error)
{
  g_autoptr(GPtrArray) stored = rd_case_file_list_documentation (case_file, rd_policy_get_id (gp->policy), error);
  g_autoptr(GHashTable) given = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) asked = NULL;

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < stored->len; i++)
    {
      const RdCaseDocItem *item = stored->pdata[i];
      g_hash_table_insert (given, item->item_id, GINT_TO_POINTER (item->status));
    }
  asked = doc_items_asked (gp->policy, key);
  grade_doc_items (gp, key, given, asked, rd_policy_get_documentation (gp->policy));
  return TRUE;
}

/* ---- outcome ------------------------------------------------------------ */

/* A pend because criteria that decide it are not scored is not the key's
 * pend for missing documentation: the trainee has not finished. */
static gboolean
verdict_is_incomplete (const RdVerdict *verdict)
{
  if (g_strcmp0 (verdict->outcome_id, "pend") != 0)
    return FALSE;
  for (guint i = 0; i < verdict->evaluations->len; i++)
    {
      const RdEvaluation *eval = verdict->evaluations->pdata[i];

      if (eval->result != RD_TRUTH_UNKNOWN)
        continue;
      for (guint r = 0; r < eval->md_reasons->len; r++)
        if (((const RdMdReason *) eval->md_reasons->pdata[r])->kind == RD_MD_REASON_UNSCORED)
          return TRUE;
    }
  return FALSE;
}

static char *
outcome_label (RdPolicy   *policy,
               const char *outcome_id)
{
  const RdOutcome *outcome = rd_policy_find_outcome (policy, outcome_id);

  if (outcome != NULL)
    return g_strdup (outcome->label);
  if (g_str_equal (outcome_id, "not-governed"))
    return g_strdup (_("Does not govern this request"));
  if (g_str_equal (outcome_id, "incomplete"))
    return g_strdup (_("Incomplete: criteria not scored"));
  return g_strdup (_("Pend: insufficient documentation"));
}

static void
grade_outcome (RdGradePolicy      *gp,
               const RdExampleKey *key,
               const RdRequest    *request,
               GHashTable         *given)
{
  g_autoptr(RdVerdict) verdict = rd_verdict_new (gp->policy, request, given);

  gp->expected_outcome = g_strdup (key->governs ? key->outcome : "not-governed");
  if (!verdict->governs)
    gp->given_outcome = g_strdup ("not-governed");
  else if (verdict_is_incomplete (verdict))
    gp->given_outcome = g_strdup ("incomplete");
  else
    gp->given_outcome = g_strdup (verdict->outcome_id);
  gp->expected_outcome_label = outcome_label (gp->policy, gp->expected_outcome);
  gp->given_outcome_label = g_str_equal (gp->given_outcome, "incomplete")
                            ? outcome_label (gp->policy, gp->given_outcome)
                            : g_strdup (verdict->label);
  gp->outcome_agrees = g_str_equal (gp->expected_outcome, gp->given_outcome);
}

/* ---- one policy, the whole case ----------------------------------------- */

static RdGradePolicy *
grade_policy (RdPolicy            *policy,
              const RdExampleKey  *key,
              RdCaseFile          *case_file,
              const RdRequest     *request,
              GPtrArray           *reviews,
              GError             **error)
{
  g_autoptr(GHashTable) given = rd_case_scores_table (case_file, rd_policy_get_id (policy), error);
  RdGradePolicy *gp;

  if (given == NULL)
    return NULL;
  gp = g_new0 (RdGradePolicy, 1);
  gp->policy = g_object_ref (policy);
  gp->governs = key->governs;
  gp->note = g_strdup (key->note);
  gp->items = g_ptr_array_new_with_free_func ((GDestroyNotify) grade_item_free);
  if (key->governs)
    {
      grade_indications (gp, key, rd_case_find_review (reviews, rd_policy_get_id (policy)));
      grade_conditions (gp, key, given);
      grade_criteria (gp, key, given);
      if (!grade_documentation (gp, key, case_file, error))
        {
          grade_policy_free (gp);
          return NULL;
        }
    }
  grade_outcome (gp, key, request, given);
  return gp;
}

/**
 * rd_example_grade_new:
 * @example: the example @case_file was made from
 * @case_file: the trainee's case
 * @policies: (element-type RdPolicy): the loaded policies; every policy the
 *   key names must be among them
 *
 * Compares the trainee's answers in @case_file with @example's reference key.
 *
 * Returns: (transfer full) (nullable): the grade, or %NULL with @error set
 *   when the case cannot be read or the key does not fit the policies
 */
RdExampleGrade *
rd_example_grade_new (RdExample   *example,
                      RdCaseFile  *case_file,
                      GPtrArray   *policies,
                      GError     **error)
{
  g_autoptr(RdExampleGrade) grade = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GPtrArray) reviews = NULL;

  g_return_val_if_fail (RD_IS_EXAMPLE (example), NULL);
  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);
  g_return_val_if_fail (policies != NULL, NULL);

  if (!rd_example_check_policies (example, policies, error) ||
      (request = rd_case_file_get_request (case_file, error)) == NULL ||
      (reviews = rd_case_file_list_reviews (case_file, error)) == NULL)
    return NULL;

  grade = g_new0 (RdExampleGrade, 1);
  grade->example_id = g_strdup (rd_example_get_id (example));
  grade->example_title = g_strdup (rd_example_get_title (example));
  grade->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) grade_policy_free);
  for (guint p = 0; p < policies->len; p++)
    {
      const RdExampleKey *key = rd_example_get_key (example, rd_policy_get_id (policies->pdata[p]));
      RdGradePolicy *gp;

      if (key == NULL)
        continue;
      gp = grade_policy (policies->pdata[p], key, case_file, request, reviews, error);
      if (gp == NULL)
        return NULL;
      g_ptr_array_add (grade->policies, gp);
      grade->n_agree += gp->n_agree;
      grade->n_total += gp->n_total;
      grade->n_outcomes_agree += gp->outcome_agrees ? 1 : 0;
      grade->n_outcomes++;
    }
  return g_steal_pointer (&grade);
}

/**
 * rd_example_grade_case:
 * @case_file: a case made from a bundled example
 * @policies: (element-type RdPolicy): the loaded policies
 *
 * Finds the bundled example @case_file was made from (rd_example_identify_case())
 * and grades the case against its key.
 *
 * Returns: (transfer full) (nullable): the grade, or %NULL with @error set
 *   (%RD_EXAMPLE_ERROR_NOT_FOUND for a case not made from a bundled example)
 */
RdExampleGrade *
rd_example_grade_case (RdCaseFile  *case_file,
                       GPtrArray   *policies,
                       GError     **error)
{
  g_autofree char *example_id = NULL;
  g_autofree char *example_path = NULL;
  g_autoptr(RdExample) example = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);

  if ((example_id = rd_example_identify_case (case_file, error)) == NULL ||
      (example_path = rd_example_find_bundled (example_id, error)) == NULL ||
      (example = rd_example_load (example_path, error)) == NULL)
    return NULL;
  return rd_example_grade_new (example, case_file, policies, error);
}

/**
 * rd_example_grade_find_policy:
 *
 * Returns: (transfer none) (nullable): the grade of @policy_id
 */
const RdGradePolicy *
rd_example_grade_find_policy (const RdExampleGrade *grade,
                              const char           *policy_id)
{
  g_return_val_if_fail (grade != NULL, NULL);

  for (guint i = 0; i < grade->policies->len; i++)
    {
      const RdGradePolicy *gp = grade->policies->pdata[i];
      if (g_str_equal (rd_policy_get_id (gp->policy), policy_id))
        return gp;
    }
  return NULL;
}

/**
 * rd_grade_policy_find_item:
 * @id: (nullable): the item's id; %NULL for %RD_GRADE_ITEM_INDICATIONS
 *
 * Returns: (transfer none) (nullable): the item of that kind and id
 */
const RdGradeItem *
rd_grade_policy_find_item (const RdGradePolicy *policy,
                           RdGradeItemKind      kind,
                           const char          *id)
{
  g_return_val_if_fail (policy != NULL, NULL);

  for (guint i = 0; i < policy->items->len; i++)
    {
      const RdGradeItem *item = policy->items->pdata[i];
      if (item->kind == kind && g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}
