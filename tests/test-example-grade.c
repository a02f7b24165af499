/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-example-grade.h"
#include "rd-test-example.h"

/* A trainee's case made from each bundled example, answered through the
 * case-file API as the review pages would, and graded against the key. */

static RdCaseFile *
new_case (const char *example_path,
          guint       index,
          const char *tag)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.rdcase", tag, index);
  g_autofree char *case_path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  RdCaseFile *cf;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (rd_example_instantiate (example_path, case_path, &error));
  g_assert_no_error (error);
  cf = rd_case_file_open (case_path, RD_CASE_FILE_OPEN_NONE, &error);
  g_assert_no_error (error);
  rd_case_file_set_actor (cf, "Trainee", "RN", RD_ROLE_NURSE_REVIEWER);
  return cf;
}

static void
assert_skipped_not_applicable (const RdGradePolicy *gp,
                               const RdExampleKey  *key)
{
  GHashTableIter iter;
  gpointer id, status;

  g_hash_table_iter_init (&iter, key->documentation);
  while (g_hash_table_iter_next (&iter, &id, &status))
    if (rd_grade_policy_find_item (gp, RD_GRADE_ITEM_DOCUMENTATION, id) == NULL)
      g_assert_cmpstr (status, ==, "not-applicable");
}

static GPtrArray *
load_policies (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *policies = rd_policy_load_directory (NULL, &error);

  g_assert_no_error (error);
  return policies;
}

static void
test_grade_key_answers (void)
{
  g_auto(GStrv) paths = rd_example_list_bundled ();
  g_autoptr(GPtrArray) policies = load_policies ();
  guint n_answers = 0;

  g_assert_cmpuint (g_strv_length (paths), >=, 3);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdExample) example = rd_example_load (paths[i], &error);
      g_autoptr(RdCaseFile) cf = new_case (paths[i], i, "right");
      g_autoptr(RdExampleGrade) grade = NULL;
      GPtrArray *keys = rd_example_get_keys (example);

      g_assert_no_error (error);
      for (guint k = 0; k < keys->len; k++)
        {
          const RdExampleKey *key = keys->pdata[k];
          rd_test_answer_like_key (cf, rd_policy_find_in (policies, key->policy_id), key, TRUE);
        }

      grade = rd_example_grade_case (cf, policies, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %u of %u answers, %u of %u outcomes", rd_example_get_id (example),
                      grade->n_agree, grade->n_total, grade->n_outcomes_agree, grade->n_outcomes);
      g_assert_cmpstr (grade->example_id, ==, rd_example_get_id (example));
      g_assert_cmpuint (grade->policies->len, ==, keys->len);
      g_assert_cmpuint (grade->n_agree, ==, grade->n_total);
      n_answers += grade->n_total;
      g_assert_cmpuint (grade->n_outcomes_agree, ==, grade->n_outcomes);
      for (guint p = 0; p < grade->policies->len; p++)
        {
          const RdGradePolicy *gp = grade->policies->pdata[p];
          const RdExampleKey *key = rd_example_get_key (example, rd_policy_get_id (gp->policy));
          guint n_documentation = 0;

          /* Every keyed answer is compared, but for documentation the
           * checklist does not ask about: the key marks it not applicable. */
          for (guint n = 0; n < gp->items->len; n++)
            n_documentation += ((const RdGradeItem *) gp->items->pdata[n])->kind == RD_GRADE_ITEM_DOCUMENTATION;
          g_assert_cmpuint (gp->n_total, ==, g_hash_table_size (key->scores) + g_hash_table_size (key->conditions)
                                             + n_documentation + (key->indications->len > 0));
          assert_skipped_not_applicable (gp, key);
          g_assert_cmpuint (gp->n_agree, ==, gp->n_total);
          g_assert_true (gp->outcome_agrees);
          g_assert_cmpstr (gp->given_outcome, ==, key->governs ? key->outcome : "not-governed");
          g_assert_cmpstr (gp->note, ==, key->note);
        }
    }
  /* An example decided by the diagnoses alone has no answer to compare; the others do. */
  g_assert_cmpuint (n_answers, >=, 30);
}

/* The first criterion the key scores for some governing policy. */
static const RdGradeItem *
first_criterion (const RdExampleGrade  *grade,
                 const RdGradePolicy  **policy)
{
  for (guint p = 0; p < grade->policies->len; p++)
    {
      const RdGradePolicy *gp = grade->policies->pdata[p];

      for (guint i = 0; i < gp->items->len; i++)
        if (((const RdGradeItem *) gp->items->pdata[i])->kind == RD_GRADE_ITEM_CRITERION)
          {
            *policy = gp;
            return gp->items->pdata[i];
          }
    }
  return NULL;
}

static RdScore
other_score (RdScore score)
{
  return score == RD_SCORE_MET ? RD_SCORE_NOT_MET : RD_SCORE_MET;
}

static void
test_grade_one_wrong (void)
{
  g_auto(GStrv) paths = rd_example_list_bundled ();
  g_autoptr(GPtrArray) policies = load_policies ();
  guint n_tried = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdExample) example = rd_example_load (paths[i], &error);
      g_autoptr(RdCaseFile) cf = new_case (paths[i], i, "wrong");
      g_autoptr(RdExampleGrade) before = NULL;
      g_autoptr(RdExampleGrade) after = NULL;
      const RdGradePolicy *gp = NULL;
      const RdGradeItem *target;
      const RdExampleKey *key;
      g_autofree char *policy_id = NULL;
      g_autofree char *criterion_id = NULL;
      GPtrArray *keys = rd_example_get_keys (example);
      RdScore wrong;

      g_assert_no_error (error);
      for (guint k = 0; k < keys->len; k++)
        rd_test_answer_like_key (cf, rd_policy_find_in (policies, ((RdExampleKey *) keys->pdata[k])->policy_id),
                                 keys->pdata[k], TRUE);
      before = rd_example_grade_case (cf, policies, &error);
      g_assert_no_error (error);
      target = first_criterion (before, &gp);
      if (target == NULL)
        continue;
      n_tried++;
      policy_id = g_strdup (rd_policy_get_id (gp->policy));
      criterion_id = g_strdup (target->id);
      key = rd_example_get_key (example, policy_id);
      wrong = other_score (GPOINTER_TO_INT (g_hash_table_lookup (key->scores, criterion_id)));
      g_assert_true (rd_case_file_set_score (cf, policy_id, criterion_id, wrong, NULL, &error));
      g_assert_no_error (error);

      after = rd_example_grade_case (cf, policies, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (after->n_agree, ==, after->n_total - 1);
      for (guint p = 0; p < after->policies->len; p++)
        {
          const RdGradePolicy *graded = after->policies->pdata[p];

          for (guint n = 0; n < graded->items->len; n++)
            {
              const RdGradeItem *item = graded->items->pdata[n];
              gboolean is_target = g_str_equal (rd_policy_get_id (graded->policy), policy_id)
                                   && item->kind == RD_GRADE_ITEM_CRITERION
                                   && g_str_equal (item->id, criterion_id);

              g_assert_cmpint (item->agrees, ==, !is_target);
              if (!is_target)
                continue;
              g_assert_cmpstr (item->given, ==, rd_score_to_string (wrong));
              g_assert_cmpstr (item->expected, ==, rd_score_to_string (GPOINTER_TO_INT (g_hash_table_lookup (key->scores, criterion_id))));
              g_assert_cmpstr (item->given_label, ==, rd_score_to_label (wrong));
              g_assert_cmpstr (item->teaching, ==, g_hash_table_lookup (key->teaching, criterion_id));
              g_assert_nonnull (item->teaching);
              g_assert_cmpstr (item->text, ==, rd_policy_find_node (graded->policy, criterion_id)->text);
            }
        }
    }
  g_assert_cmpuint (n_tried, >=, 3);
}

static void
test_grade_unscored (void)
{
  g_auto(GStrv) paths = rd_example_list_bundled ();
  g_autoptr(GPtrArray) policies = load_policies ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdCaseFile) cf = new_case (paths[i], i, "fresh");
      g_autoptr(RdExampleGrade) grade = rd_example_grade_case (cf, policies, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (grade->n_agree, ==, 0);
      for (guint p = 0; p < grade->policies->len; p++)
        {
          const RdGradePolicy *gp = grade->policies->pdata[p];

          g_assert_cmpuint (gp->n_agree, ==, 0);
          for (guint n = 0; n < gp->items->len; n++)
            {
              const RdGradeItem *item = gp->items->pdata[n];

              g_assert_false (item->agrees);
              if (item->kind == RD_GRADE_ITEM_CRITERION || item->kind == RD_GRADE_ITEM_CONDITION)
                {
                  g_assert_cmpstr (item->given, ==, "unscored");
                  g_assert_cmpstr (item->given_label, ==, rd_score_to_label (RD_SCORE_UNSCORED));
                }
            }
          /* Only an outcome that the diagnoses or the policy's scope decide
           * without any score can agree; one that needs criteria is incomplete. */
          if (gp->items->len > 0)
            {
              g_assert_false (gp->outcome_agrees);
              g_assert_cmpstr (gp->given_outcome, ==, "incomplete");
            }
        }
    }
}

static void
test_grade_not_an_example (void)
{
  g_autofree char *case_path = g_build_filename (g_get_user_data_dir (), "plain.rdcase", NULL);
  g_autoptr(GPtrArray) policies = load_policies ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(RdExampleGrade) grade = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  cf = rd_case_file_create (case_path, NULL, &error);
  g_assert_no_error (error);
  grade = rd_example_grade_case (cf, policies, &error);
  g_assert_null (grade);
  g_assert_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/example-grade/key-answers", test_grade_key_answers);
  g_test_add_func ("/example-grade/one-wrong", test_grade_one_wrong);
  g_test_add_func ("/example-grade/unscored", test_grade_unscored);
  g_test_add_func ("/example-grade/not-an-example", test_grade_not_an_example);

  return g_test_run ();
}
