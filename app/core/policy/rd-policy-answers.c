/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-json.h"
#include "rd-policy-answers.h"

static void
answer_free (RdAnswer *answer)
{
  g_free (answer->id);
  g_free (answer->note);
  g_clear_pointer (&answer->measurement, rd_measurement_free);
  g_free (answer);
}

void
rd_policy_answers_free (RdPolicyAnswers *answers)
{
  if (answers == NULL)
    return;
  g_clear_object (&answers->policy);
  g_clear_pointer (&answers->answers, g_ptr_array_unref);
  g_free (answers);
}

static RdAnswer *
find_answer (RdPolicyAnswers *pa,
             RdAnswerKind     kind,
             const char      *id)
{
  for (guint i = 0; i < pa->answers->len; i++)
    {
      RdAnswer *a = pa->answers->pdata[i];
      if (a->kind == kind && g_str_equal (a->id, id))
        return a;
    }
  return NULL;
}

static RdAnswer *
add_answer (RdPolicyAnswers *pa,
            RdAnswerKind     kind,
            const char      *id,
            int              value)
{
  RdAnswer *a = g_new0 (RdAnswer, 1);

  a->kind = kind;
  a->id = g_strdup (id);
  a->value = value;
  g_ptr_array_add (pa->answers, a);
  return a;
}

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, RD_JSON_ERROR, RD_JSON_ERROR_VALUE, message);
  return FALSE;
}

/* Each member of an object of strings, handed to @read. */
typedef gboolean (*ReadFunc) (RdPolicyAnswers *pa, const char *path, const char *id, const char *value,
                              GError **error);

static gboolean
read_strings (RdPolicyAnswers  *pa,
              JsonObject       *answers,
              const char       *path,
              const char       *member,
              ReadFunc          read,
              GError          **error)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, member);
  JsonNode *node = json_object_get_member (answers, member);
  JsonObject *object;
  JsonObjectIter iter;
  const char *id;

  if (node == NULL)
    return TRUE;
  if ((object = rd_json_get_object (node, member_path, error)) == NULL)
    return FALSE;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &id, &node))
    {
      g_autofree char *item_path = g_strdup_printf ("%s.%s", member_path, id);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return refuse (error, _("%s: a string is expected."), item_path);
      if (!read (pa, item_path, id, json_node_get_string (node), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_criterion (RdPolicyAnswers  *pa,
                const char       *path,
                const char       *id,
                const char       *value,
                GError          **error)
{
  const RdNode *node = rd_policy_find_node (pa->policy, id);
  RdScore score;

  if (node == NULL || node->kind != RD_NODE_CRITERION)
    return refuse (error, _("%s: the policy has no criterion “%s”."), path, id);
  if (!rd_score_from_string (value, &score))
    return refuse (error, _("%s: “%s” is not a score: use met, not-met, not-documented or not-applicable."),
                   path, value);
  add_answer (pa, RD_ANSWER_CRITERION, id, score);
  return TRUE;
}

static gboolean
read_condition (RdPolicyAnswers  *pa,
                const char       *path,
                const char       *id,
                const char       *value,
                GError          **error)
{
  RdScore answer;

  if (rd_policy_find_condition (pa->policy, id) == NULL)
    return refuse (error, _("%s: the policy has no question “%s”."), path, id);
  if (g_str_equal (value, "yes"))
    answer = RD_SCORE_MET;
  else if (g_str_equal (value, "no"))
    answer = RD_SCORE_NOT_MET;
  else if (g_str_equal (value, "unknown"))
    answer = RD_SCORE_NOT_DOCUMENTED;
  else
    return refuse (error, _("%s: “%s” is not an answer: use yes, no or unknown."), path, value);
  add_answer (pa, RD_ANSWER_CONDITION, id, answer);
  return TRUE;
}

static gboolean
read_documentation (RdPolicyAnswers  *pa,
                    const char       *path,
                    const char       *id,
                    const char       *value,
                    GError          **error)
{
  RdDocStatus status;

  if (rd_policy_find_doc_item (pa->policy, id) == NULL)
    return refuse (error, _("%s: the policy has no documentation item “%s”."), path, id);
  if (!rd_doc_status_from_string (value, &status))
    return refuse (error, _("%s: “%s” is not a status: use present, missing, not-applicable or unreviewed."),
                   path, value);
  add_answer (pa, RD_ANSWER_DOCUMENTATION, id, status);
  return TRUE;
}

static gboolean
read_note (RdPolicyAnswers  *pa,
           const char       *path,
           const char       *id,
           const char       *value,
           GError          **error)
{
  const RdNode *node = rd_policy_find_node (pa->policy, id);
  RdAnswer *a;

  if (node == NULL || node->kind != RD_NODE_CRITERION)
    return refuse (error, _("%s: the policy has no criterion “%s”."), path, id);
  a = find_answer (pa, RD_ANSWER_CRITERION, id);
  if (a == NULL)
    a = add_answer (pa, RD_ANSWER_NOTE, id, RD_SCORE_UNSCORED);
  g_free (a->note);
  a->note = g_strdup (value);
  return TRUE;
}

/* A measurement: {"value": N}, {"before": N, "after": N} or {"from": D, "to": D}. */
static RdMeasurement *
read_measurement (JsonNode    *node,
                  const char  *path,
                  GError     **error)
{
  static const char * const members[] = { "value", "before", "after", "from", "to", NULL };
  g_autoptr(RdMeasurement) m = rd_measurement_new ();
  JsonObject *object = rd_json_get_object (node, path, error);
  const char *from = NULL, *to = NULL;
  double *numbers[] = { &m->value, &m->before, &m->after };

  if (object == NULL || !rd_json_check_members (object, path, members, error) ||
      !rd_json_get_string (object, path, "from", &from, error) ||
      !rd_json_get_string (object, path, "to", &to, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      JsonNode *number = json_object_get_member (object, members[i]);
      if (number == NULL)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (number) ||
          (json_node_get_value_type (number) != G_TYPE_DOUBLE && json_node_get_value_type (number) != G_TYPE_INT64))
        {
          refuse (error, _("%s.%s: a number is expected."), path, members[i]);
          return NULL;
        }
      *numbers[i] = json_node_get_double (number);
    }
  m->has_value = json_object_has_member (object, "value");
  m->has_before_after = json_object_has_member (object, "before") || json_object_has_member (object, "after");
  if (m->has_before_after && !(json_object_has_member (object, "before") && json_object_has_member (object, "after")))
    {
      refuse (error, _("%s: give both “before” and “after”."), path);
      return NULL;
    }
  m->from_date = g_strdup (from);
  m->to_date = g_strdup (to);
  return g_steal_pointer (&m);
}

/* A value decides the score of a criterion or the answer of a question with
 * a threshold; a score given beside it that disagrees gives way, and the
 * answer remembers it so that the caller can warn. */
static gboolean
read_value (RdPolicyAnswers  *pa,
            const char       *path,
            const char       *id,
            JsonNode         *node,
            GError          **error)
{
  const RdNode *criterion = rd_policy_find_node (pa->policy, id);
  const RdCondition *condition = rd_policy_find_condition (pa->policy, id);
  const RdThreshold *threshold = NULL;
  g_autoptr(RdMeasurement) m = NULL;
  g_autoptr(GError) local = NULL;
  RdAnswerKind kind;
  gboolean passes;
  RdScore decided;
  RdAnswer *a;

  if (criterion != NULL && criterion->kind == RD_NODE_CRITERION)
    {
      threshold = criterion->threshold;
      kind = RD_ANSWER_CRITERION;
    }
  else if (condition != NULL)
    {
      threshold = condition->threshold;
      kind = RD_ANSWER_CONDITION;
    }
  else
    return refuse (error, _("%s: the policy has no criterion or question “%s”."), path, id);
  if (threshold == NULL)
    return refuse (error, _("%s: “%s” has no threshold: score it instead of giving a value."), path, id);
  if ((m = read_measurement (node, path, error)) == NULL)
    return FALSE;
  if (!rd_measurement_passes (m, threshold, &passes, &local))
    return refuse (error, "%s: %s", path, local->message);

  decided = passes ? RD_SCORE_MET : RD_SCORE_NOT_MET;
  a = find_answer (pa, kind, id);
  if (a != NULL && a->value != (int) decided)
    {
      a->overridden = TRUE;
      a->given = a->value;
    }
  if (a == NULL)
    a = add_answer (pa, kind, id, decided);
  a->value = decided;
  a->measurement = g_steal_pointer (&m);
  return TRUE;
}

static gboolean
read_values (RdPolicyAnswers  *pa,
             JsonObject       *answers,
             const char       *path,
             GError          **error)
{
  g_autofree char *values_path = g_strdup_printf ("%s.values", path);
  JsonNode *node = json_object_get_member (answers, "values");
  JsonObject *object;
  JsonObjectIter iter;
  const char *id;

  if (node == NULL)
    return TRUE;
  if ((object = rd_json_get_object (node, values_path, error)) == NULL)
    return FALSE;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &id, &node))
    {
      g_autofree char *item_path = g_strdup_printf ("%s.%s", values_path, id);
      if (!read_value (pa, item_path, id, node, error))
        return FALSE;
      pa->n_values++;
    }
  return TRUE;
}

/**
 * rd_policy_answers_new_from_json:
 * @policy: the policy answered
 * @node: the answers for @policy
 * @path: the JSON path of @node, for messages ("$.bsc-7.01.41")
 * @error: a #RD_JSON_ERROR naming the path of what is wrong
 *
 * Reads and checks one policy's answers; one unknown id or impossible value
 * refuses them all.
 *
 * Returns: (transfer full) (nullable): the answers, or %NULL with @error set
 */
RdPolicyAnswers *
rd_policy_answers_new_from_json (RdPolicy    *policy,
                                 JsonNode    *node,
                                 const char  *path,
                                 GError     **error)
{
  static const char * const members[] = { "criteria", "conditions", "values", "documentation", "notes", NULL };
  g_autoptr(RdPolicyAnswers) pa = NULL;
  JsonObject *answers;

  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pa = g_new0 (RdPolicyAnswers, 1);
  pa->policy = g_object_ref (policy);
  pa->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  answers = rd_json_get_object (node, path, error);
  if (answers == NULL || !rd_json_check_members (answers, path, members, error) ||
      !read_strings (pa, answers, path, "criteria", read_criterion, error) ||
      !read_strings (pa, answers, path, "conditions", read_condition, error) ||
      !read_strings (pa, answers, path, "documentation", read_documentation, error) ||
      !read_values (pa, answers, path, error) ||
      !read_strings (pa, answers, path, "notes", read_note, error))
    return NULL;
  for (guint i = 0; i < pa->answers->len; i++)
    {
      const RdAnswer *a = pa->answers->pdata[i];
      pa->n_criteria += a->kind == RD_ANSWER_CRITERION;
      pa->n_questions += a->kind == RD_ANSWER_CONDITION;
      pa->n_documentation += a->kind == RD_ANSWER_DOCUMENTATION;
    }
  return g_steal_pointer (&pa);
}

/**
 * rd_policy_answers_list_from_json:
 * @root: an object mapping policy ids to their answers
 * @policies: (element-type RdPolicy): the policies the ids are looked up in
 * @error: a #RD_JSON_ERROR naming the path of what is wrong
 *
 * Reads every policy's answers, checked before any is used: an unknown
 * policy or one refused answer refuses the whole object.
 *
 * Returns: (transfer full) (element-type RdPolicyAnswers) (nullable): the
 *   answers in the order of @root, or %NULL with @error set
 */
GPtrArray *
rd_policy_answers_list_from_json (JsonNode   *root,
                                  GPtrArray  *policies,
                                  GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  JsonObject *top;
  JsonObjectIter iter;
  const char *policy_id;
  JsonNode *node;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (policies != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((top = rd_json_get_object (root, "$", error)) == NULL)
    return NULL;
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_policy_answers_free);
  json_object_iter_init (&iter, top);
  while (json_object_iter_next (&iter, &policy_id, &node))
    {
      g_autofree char *path = g_strdup_printf ("$.%s", policy_id);
      RdPolicy *policy = rd_policy_find_in (policies, policy_id);
      RdPolicyAnswers *pa;

      if (policy == NULL)
        {
          refuse (error, _("%s: no policy “%s” is loaded."), path, policy_id);
          return NULL;
        }
      if ((pa = rd_policy_answers_new_from_json (policy, node, path, error)) == NULL)
        return NULL;
      g_ptr_array_add (all, pa);
    }
  return g_steal_pointer (&all);
}

/**
 * rd_policy_answers_to_scores:
 * @answers: one policy's answers
 *
 * The scores the engine takes (rd_verdict_new()): criteria by their score,
 * questions as met (yes), not met (no) or not documented (unknown); a value
 * has already decided the score of what it measures.
 *
 * Returns: (transfer full) (element-type utf8 gpointer): id →
 *   GINT_TO_POINTER (#RdScore)
 */
GHashTable *
rd_policy_answers_to_scores (const RdPolicyAnswers *answers)
{
  GHashTable *scores;

  g_return_val_if_fail (answers != NULL, NULL);

  scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < answers->answers->len; i++)
    {
      const RdAnswer *a = answers->answers->pdata[i];
      if (a->kind == RD_ANSWER_CRITERION || a->kind == RD_ANSWER_CONDITION)
        g_hash_table_insert (scores, g_strdup (a->id), GINT_TO_POINTER (a->value));
    }
  return scores;
}

/**
 * rd_answer_value_to_string:
 * @kind: what is answered
 * @value: the answer
 *
 * An answer as the JSON writes it: a score for a criterion, yes, no or
 * unknown for a question, a status for documentation.
 *
 * Returns: a static string
 */
const char *
rd_answer_value_to_string (RdAnswerKind kind,
                           int          value)
{
  switch (kind)
    {
    case RD_ANSWER_CONDITION:
      return value == RD_SCORE_MET ? "yes" : value == RD_SCORE_NOT_MET ? "no" : "unknown";
    case RD_ANSWER_DOCUMENTATION:
      return rd_doc_status_to_string (value);
    case RD_ANSWER_CRITERION:
    case RD_ANSWER_NOTE:
    default:
      return rd_score_to_string (value);
    }
}
