/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-example-grade.h"
#include "rd-training-report.h"

/* Attempts are found, graded and reduced to one per trainee and example
 * first; then every statistic is counted from those grades. */

G_DEFINE_QUARK (rd-training-report-error-quark, rd_training_report_error)

typedef struct {
  char           *path;
  char           *trainee;
  gint64          updated;
  RdExampleGrade *grade;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_free (attempt->path);
  g_free (attempt->trainee);
  g_clear_pointer (&attempt->grade, rd_example_grade_free);
  g_free (attempt);
}

static void
trainee_free (RdTraineeAgreement *trainee)
{
  g_free (trainee->name);
  g_free (trainee);
}

static void
example_free (RdExampleAgreement *example)
{
  g_free (example->example_id);
  g_free (example->title);
  g_free (example);
}

static void
missed_free (RdMissedCriterion *missed)
{
  if (missed == NULL)
    return;
  g_free (missed->policy_id);
  g_free (missed->criterion_id);
  g_free (missed->text);
  g_free (missed);
}

static void
skipped_free (RdSkippedFile *skipped)
{
  g_free (skipped->path);
  g_free (skipped->reason);
  g_free (skipped);
}

void
rd_training_report_free (RdTrainingReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->created, g_date_time_unref);
  g_ptr_array_unref (report->trainees);
  g_ptr_array_unref (report->examples);
  g_ptr_array_unref (report->missed);
  g_ptr_array_unref (report->skipped);
  g_free (report);
}

const char *
rd_training_category_to_string (guint category)
{
  g_return_val_if_fail (category < RD_TRAINING_N_CATEGORIES, NULL);
  return rd_score_to_string ((RdScore) (category + RD_SCORE_MET));
}

/* ---- finding the attempts ----------------------------------------------- */

static void
skip (RdTrainingReport *report,
      const char       *path,
      const char       *reason)
{
  RdSkippedFile *skipped = g_new0 (RdSkippedFile, 1);

  skipped->path = g_strdup (path);
  skipped->reason = g_strdup (reason);
  g_ptr_array_add (report->skipped, skipped);
}

/* Who scored the attempt: the reviewer of its latest criterion score. */
static char *
find_trainee (RdCaseFile            *cf,
              const RdExampleGrade  *grade,
              GError               **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) latest = NULL;

  for (guint p = 0; p < grade->policies->len; p++)
    {
      const RdGradePolicy *gp = grade->policies->pdata[p];
      g_autoptr(GPtrArray) scores = rd_case_file_list_scores (cf, rd_policy_get_id (gp->policy), error);

      if (scores == NULL)
        return NULL;
      for (guint i = 0; i < scores->len; i++)
        {
          const RdCaseScore *score = scores->pdata[i];

          if (score->reviewer == NULL || *score->reviewer == '\0' ||
              (latest != NULL && g_date_time_compare (score->time, latest) < 0))
            continue;
          g_clear_pointer (&latest, g_date_time_unref);
          latest = g_date_time_ref (score->time);
          g_free (name);
          name = g_strdup (score->reviewer);
        }
    }
  if (name == NULL)
    g_set_error_literal (error, RD_TRAINING_REPORT_ERROR, RD_TRAINING_REPORT_ERROR_READ,
                         _("Not an attempt yet: nothing in it is scored."));
  return g_steal_pointer (&name);
}

static RdExample *
load_example (GHashTable  *examples,
              const char  *example_id,
              GError     **error)
{
  RdExample *example = g_hash_table_lookup (examples, example_id);
  g_autofree char *path = NULL;

  if (example != NULL)
    return example;
  if ((path = rd_example_find_bundled (example_id, error)) == NULL ||
      (example = rd_example_load (path, error)) == NULL)
    return NULL;
  g_hash_table_insert (examples, g_strdup (example_id), example);
  return example;
}

static Attempt *
read_attempt (const char  *path,
              GPtrArray   *policies,
              GHashTable  *examples,
              GError     **error)
{
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, error);
  g_autofree char *example_id = NULL;
  g_autoptr(RdExampleGrade) grade = NULL;
  RdExample *example;
  Attempt *attempt;
  char *trainee;

  if (cf == NULL ||
      (example_id = rd_example_identify_case (cf, error)) == NULL ||
      (example = load_example (examples, example_id, error)) == NULL ||
      (grade = rd_example_grade_new (example, cf, policies, error)) == NULL ||
      (trainee = find_trainee (cf, grade, error)) == NULL)
    return NULL;
  attempt = g_new0 (Attempt, 1);
  attempt->path = g_strdup (path);
  attempt->trainee = trainee;
  attempt->updated = g_date_time_to_unix (rd_case_file_get_updated (cf));
  attempt->grade = g_steal_pointer (&grade);
  return attempt;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* SQLite's own files beside a case are not the trainer's business. */
static gboolean
is_companion (const char *name)
{
  return name[0] == '.' || g_str_has_suffix (name, "-journal") || g_str_has_suffix (name, "-wal") ||
         g_str_has_suffix (name, "-shm");
}

static gboolean
read_dir (RdTrainingReport  *report,
          const char        *dir_path,
          GPtrArray         *policies,
          GHashTable        *examples,
          GPtrArray         *attempts,
          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &local_error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, RD_TRAINING_REPORT_ERROR, RD_TRAINING_REPORT_ERROR_READ,
                   _("The folder of attempts “%s” cannot be read: %s. Give a folder of case files."), dir_path,
                   local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!is_companion (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);
      g_autoptr(GError) refused = NULL;
      Attempt *attempt;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          skip (report, path, _("A folder: give it on the command line to count the attempts in it."));
          continue;
        }
      attempt = read_attempt (path, policies, examples, &refused);
      if (attempt == NULL)
        skip (report, path, refused->message);
      else
        g_ptr_array_add (attempts, attempt);
    }
  return TRUE;
}

/* The latest attempt of each trainee at each example counts; the others are
 * named as skipped. */
static GPtrArray *
latest_attempts (RdTrainingReport *report,
                 GPtrArray        *attempts)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *counted = g_ptr_array_new ();

  for (guint i = 0; i < attempts->len; i++)
    {
      Attempt *attempt = attempts->pdata[i];
      char *key = g_strdup_printf ("%s\x1f%s", attempt->trainee, attempt->grade->example_id);
      Attempt *other = g_hash_table_lookup (latest, key);

      if (other == NULL || attempt->updated > other->updated)
        g_hash_table_replace (latest, key, attempt);
      else
        g_free (key);
    }
  for (guint i = 0; i < attempts->len; i++)
    {
      Attempt *attempt = attempts->pdata[i];
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", attempt->trainee, attempt->grade->example_id);

      if (g_hash_table_lookup (latest, key) == attempt)
        g_ptr_array_add (counted, attempt);
      else
        skip (report, attempt->path,
              _("An earlier attempt by the same trainee at the same example: only the latest counts."));
    }
  return counted;
}

/* ---- counting ----------------------------------------------------------- */

/* The key's and the trainee's score of a graded criterion; FALSE when the
 * key does not score it. */
static gboolean
item_scores (const RdGradeItem *item,
             RdScore           *expected,
             RdScore           *given)
{
  if (item->kind != RD_GRADE_ITEM_CRITERION ||
      !rd_score_from_string (item->expected, expected) || *expected == RD_SCORE_UNSCORED)
    return FALSE;
  if (!rd_score_from_string (item->given, given))
    *given = RD_SCORE_UNSCORED;
  return TRUE;
}

static void
tally_attempt (RdAgreementTally     *tally,
               const RdExampleGrade *grade)
{
  tally->n_attempts++;
  for (guint p = 0; p < grade->policies->len; p++)
    {
      const RdGradePolicy *gp = grade->policies->pdata[p];

      if (!gp->governs)
        continue;
      for (guint i = 0; i < gp->items->len; i++)
        {
          RdScore expected, given;

          if (!item_scores (gp->items->pdata[i], &expected, &given))
            continue;
          if (given == RD_SCORE_UNSCORED)
            {
              tally->n_unanswered++;
              continue;
            }
          tally->table[(given - RD_SCORE_MET) * RD_TRAINING_N_CATEGORIES + (expected - RD_SCORE_MET)]++;
          tally->n_compared++;
          tally->n_agree += given == expected ? 1 : 0;
        }
      if (g_str_equal (gp->given_outcome, "incomplete"))
        tally->n_outcomes_incomplete++;
      else
        {
          tally->n_outcomes++;
          tally->n_outcomes_agree += gp->outcome_agrees ? 1 : 0;
        }
    }
}

static void
tally_finish (RdAgreementTally *tally)
{
  tally->kappa = rd_kappa_cohen (tally->table, RD_TRAINING_N_CATEGORIES);
}

static RdTraineeAgreement *
find_trainee_agreement (GPtrArray  *trainees,
                        const char *name)
{
  RdTraineeAgreement *trainee;

  for (guint i = 0; i < trainees->len; i++)
    if (g_str_equal (((RdTraineeAgreement *) trainees->pdata[i])->name, name))
      return trainees->pdata[i];
  trainee = g_new0 (RdTraineeAgreement, 1);
  trainee->name = g_strdup (name);
  g_ptr_array_add (trainees, trainee);
  return trainee;
}

/* @index maps "policy/criterion" to the criterion in @all, which owns it. */
static RdMissedCriterion *
find_missed (GHashTable         *index,
             GPtrArray          *all,
             const char         *policy_id,
             const RdGradeItem  *item)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", policy_id, item->id);
  RdMissedCriterion *criterion = g_hash_table_lookup (index, key);

  if (criterion != NULL)
    return criterion;
  criterion = g_new0 (RdMissedCriterion, 1);
  criterion->policy_id = g_strdup (policy_id);
  criterion->criterion_id = g_strdup (item->id);
  criterion->text = g_strdup (item->text);
  g_hash_table_insert (index, g_steal_pointer (&key), criterion);
  g_ptr_array_add (all, criterion);
  return criterion;
}

static void
count_missed (GHashTable           *index,
              GPtrArray            *all,
              const RdExampleGrade *grade)
{
  for (guint p = 0; p < grade->policies->len; p++)
    {
      const RdGradePolicy *gp = grade->policies->pdata[p];

      for (guint i = 0; gp->governs && i < gp->items->len; i++)
        {
          const RdGradeItem *item = gp->items->pdata[i];
          RdMissedCriterion *criterion;
          RdScore expected, given;

          if (!item_scores (item, &expected, &given))
            continue;
          criterion = find_missed (index, all, rd_policy_get_id (gp->policy), item);
          criterion->n_attempts++;
          if (given == RD_SCORE_UNSCORED)
            criterion->n_unanswered++;
          else if (given != expected)
            criterion->n_missed++;
        }
    }
}

static int
compare_missed (gconstpointer a,
                gconstpointer b)
{
  const RdMissedCriterion *x = *(RdMissedCriterion * const *) a;
  const RdMissedCriterion *y = *(RdMissedCriterion * const *) b;
  int order;

  if (x->n_missed != y->n_missed)
    return x->n_missed > y->n_missed ? -1 : 1;
  if ((order = g_strcmp0 (x->policy_id, y->policy_id)) != 0)
    return order;
  return g_strcmp0 (x->criterion_id, y->criterion_id);
}

static void
most_missed (RdTrainingReport *report,
             GPtrArray        *all)
{
  g_ptr_array_sort (all, compare_missed);
  for (guint i = 0; i < all->len && report->missed->len < RD_TRAINING_MAX_MISSED; i++)
    if (((RdMissedCriterion *) all->pdata[i])->n_missed > 0)
      g_ptr_array_add (report->missed, g_steal_pointer (&all->pdata[i]));
}

/* Fleiss' κ of one example: one subject per keyed criterion, one rater per
 * attempt; a criterion some trainee left unscored is left out and counted. */
static void
example_fleiss (RdExampleAgreement *example,
                GPtrArray          *attempts)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GArray) answered = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GArray) complete = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_subjects = 0;

  for (guint a = 0; a < attempts->len; a++)
    {
      const RdExampleGrade *grade = ((Attempt *) attempts->pdata[a])->grade;

      for (guint p = 0; p < grade->policies->len; p++)
        {
          const RdGradePolicy *gp = grade->policies->pdata[p];

          for (guint i = 0; gp->governs && i < gp->items->len; i++)
            {
              const RdGradeItem *item = gp->items->pdata[i];
              g_autofree char *key = g_strdup_printf ("%s/%s", rd_policy_get_id (gp->policy), item->id);
              RdScore expected, given;
              gpointer row;

              if (!item_scores (item, &expected, &given))
                continue;
              if (!g_hash_table_lookup_extended (rows, key, NULL, &row))
                {
                  row = GUINT_TO_POINTER (n_subjects++);
                  g_hash_table_insert (rows, g_steal_pointer (&key), row);
                  g_array_set_size (counts, n_subjects * RD_TRAINING_N_CATEGORIES);
                  g_array_set_size (answered, n_subjects);
                }
              if (given == RD_SCORE_UNSCORED)
                continue;
              g_array_index (counts, guint, GPOINTER_TO_UINT (row) * RD_TRAINING_N_CATEGORIES + given - RD_SCORE_MET)++;
              g_array_index (answered, guint, GPOINTER_TO_UINT (row))++;
            }
        }
    }

  example->n_criteria = n_subjects;
  for (guint s = 0; s < n_subjects; s++)
    {
      if (g_array_index (answered, guint, s) < attempts->len)
        {
          example->n_criteria_excluded++;
          continue;
        }
      g_array_append_vals (complete, &g_array_index (counts, guint, s * RD_TRAINING_N_CATEGORIES),
                           RD_TRAINING_N_CATEGORIES);
    }
  example->fleiss = rd_kappa_fleiss ((const guint *) complete->data, complete->len / RD_TRAINING_N_CATEGORIES,
                                     RD_TRAINING_N_CATEGORIES, example->category_p);
}

static void
add_example (RdTrainingReport *report,
             GPtrArray        *counted,
             const char       *example_id)
{
  RdExampleAgreement *example = g_new0 (RdExampleAgreement, 1);
  g_autoptr(GPtrArray) attempts = g_ptr_array_new ();

  for (guint i = 0; i < counted->len; i++)
    {
      Attempt *attempt = counted->pdata[i];

      if (!g_str_equal (attempt->grade->example_id, example_id))
        continue;
      g_ptr_array_add (attempts, attempt);
      g_free (example->title);
      example->title = g_strdup (attempt->grade->example_title);
      tally_attempt (&example->tally, attempt->grade);
    }
  example->example_id = g_strdup (example_id);
  tally_finish (&example->tally);
  example_fleiss (example, attempts);
  g_ptr_array_add (report->examples, example);
}

static int
compare_trainees (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate ((*(RdTraineeAgreement * const *) a)->name, (*(RdTraineeAgreement * const *) b)->name);
}

static void
count (RdTrainingReport *report,
       GPtrArray        *counted)
{
  g_autoptr(GHashTable) missed_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) missed = g_ptr_array_new_with_free_func ((GDestroyNotify) missed_free);
  g_autoptr(GPtrArray) example_ids = g_ptr_array_new ();

  for (guint i = 0; i < counted->len; i++)
    {
      Attempt *attempt = counted->pdata[i];
      RdTraineeAgreement *trainee = find_trainee_agreement (report->trainees, attempt->trainee);

      tally_attempt (&report->group, attempt->grade);
      tally_attempt (&trainee->tally, attempt->grade);
      count_missed (missed_index, missed, attempt->grade);
      if (!g_ptr_array_find_with_equal_func (example_ids, attempt->grade->example_id, g_str_equal, NULL))
        g_ptr_array_add (example_ids, attempt->grade->example_id);
    }
  tally_finish (&report->group);
  for (guint i = 0; i < report->trainees->len; i++)
    tally_finish (&((RdTraineeAgreement *) report->trainees->pdata[i])->tally);
  g_ptr_array_sort (report->trainees, compare_trainees);

  g_ptr_array_sort (example_ids, compare_strings);
  for (guint i = 0; i < example_ids->len; i++)
    add_example (report, counted, example_ids->pdata[i]);
  most_missed (report, missed);
}

/**
 * rd_training_report_new:
 * @dirs: (array zero-terminated=1): folders of attempts; each regular file in
 *   them is read, and one that is not an attempt at a bundled example is
 *   named in the report's skipped files
 * @policies: (element-type RdPolicy): the loaded policies
 *
 * Grades every attempt in @dirs and computes the group's agreement. Any
 * thread; it only reads the attempts.
 *
 * Returns: (transfer full) (nullable): the report (with no attempts counted
 *   when none was found), or %NULL with @error set when a folder cannot be read
 */
RdTrainingReport *
rd_training_report_new (const char * const  *dirs,
                        GPtrArray           *policies,
                        GError             **error)
{
  g_autoptr(RdTrainingReport) report = g_new0 (RdTrainingReport, 1);
  g_autoptr(GPtrArray) attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) attempt_free);
  g_autoptr(GHashTable) examples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) counted = NULL;

  g_return_val_if_fail (dirs != NULL, NULL);
  g_return_val_if_fail (policies != NULL, NULL);

  report->created = g_date_time_new_now_local ();
  report->trainees = g_ptr_array_new_with_free_func ((GDestroyNotify) trainee_free);
  report->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) example_free);
  report->missed = g_ptr_array_new_with_free_func ((GDestroyNotify) missed_free);
  report->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_free);

  for (guint i = 0; dirs[i] != NULL; i++)
    if (!read_dir (report, dirs[i], policies, examples, attempts, error))
      return NULL;
  counted = latest_attempts (report, attempts);
  count (report, counted);
  return g_steal_pointer (&report);
}
