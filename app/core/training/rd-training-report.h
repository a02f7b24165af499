/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-agreement.h"

G_BEGIN_DECLS

/*
 * Inter-rater reliability of a group of trainees: their attempts at the
 * bundled examples (case files made with rd_example_instantiate()), each
 * graded against the example's key with rd_example_grade_new(), and the
 * criteria scores compared in four categories: met, not met, not documented,
 * not applicable. A keyed criterion left unscored is excluded from every
 * statistic and counted. Plain data, computed once; no GTK.
 */

#define RD_TRAINING_REPORT_ERROR (rd_training_report_error_quark ())
GQuark rd_training_report_error_quark (void);

/**
 * RdTrainingReportError:
 * @RD_TRAINING_REPORT_ERROR_READ: a folder of attempts cannot be read
 * @RD_TRAINING_REPORT_ERROR_WRITE: the report cannot be drawn or written
 */
typedef enum {
  RD_TRAINING_REPORT_ERROR_READ,
  RD_TRAINING_REPORT_ERROR_WRITE,
} RdTrainingReportError;

/* The categories, in the order of RdScore from met: index = score − 1. */
#define RD_TRAINING_N_CATEGORIES 4

/**
 * RdAgreementTally:
 * @n_attempts: the attempts counted
 * @table: rater rows × key columns, for rd_kappa_cohen()
 * @n_compared: keyed criteria answered, compared with the key
 * @n_agree: of those, the ones answered as the key answers them
 * @n_unanswered: keyed criteria left unscored: excluded, counted here
 * @kappa: Cohen's κ against the key over @table
 * @n_outcomes: outcomes compared: one per attempt and policy the key says
 *   governs, less the incomplete ones
 * @n_outcomes_agree: of those, the ones that reach the key's outcome
 * @n_outcomes_incomplete: outcomes the scores cannot reach because criteria
 *   that decide them are unscored: excluded, counted here
 */
typedef struct {
  guint   n_attempts;
  guint   table[RD_TRAINING_N_CATEGORIES * RD_TRAINING_N_CATEGORIES];
  guint   n_compared;
  guint   n_agree;
  guint   n_unanswered;
  RdKappa kappa;
  guint   n_outcomes;
  guint   n_outcomes_agree;
  guint   n_outcomes_incomplete;
} RdAgreementTally;

/**
 * RdTraineeAgreement:
 * @name: who scored the attempts (the reviewer of their latest score)
 * @tally: every attempt of the trainee's against the keys
 */
typedef struct {
  char             *name;
  RdAgreementTally  tally;
} RdTraineeAgreement;

/**
 * RdExampleAgreement:
 * @example_id, @title: the example
 * @tally: its attempts against its key
 * @n_criteria: the keyed criteria
 * @n_criteria_excluded: of those, the ones not every trainee answered,
 *   left out of @fleiss
 * @fleiss: Fleiss' κ across the trainees who attempted the example, over the
 *   criteria every one of them answered; one rater per trainee
 * @category_p: the share of those answers in each category
 */
typedef struct {
  char             *example_id;
  char             *title;
  RdAgreementTally  tally;
  guint             n_criteria;
  guint             n_criteria_excluded;
  RdKappa           fleiss;
  double            category_p[RD_TRAINING_N_CATEGORIES];
} RdExampleAgreement;

/**
 * RdMissedCriterion:
 * @policy_id, @criterion_id, @text: the criterion
 * @n_attempts: the attempts whose key scores it
 * @n_missed: of those, the ones that scored it otherwise than the key
 * @n_unanswered: the ones that left it unscored
 */
typedef struct {
  char  *policy_id;
  char  *criterion_id;
  char  *text;
  guint  n_attempts;
  guint  n_missed;
  guint  n_unanswered;
} RdMissedCriterion;

/**
 * RdSkippedFile:
 * @path: a file in a folder of attempts that is not counted
 * @reason: why, in a sentence
 */
typedef struct {
  char *path;
  char *reason;
} RdSkippedFile;

#define RD_TRAINING_MAX_MISSED 10

/**
 * RdTrainingReport:
 * @created: when the report was computed (local time)
 * @group: every attempt counted, pooled
 * @trainees: (element-type RdTraineeAgreement): by name
 * @examples: (element-type RdExampleAgreement): by example id
 * @missed: (element-type RdMissedCriterion): the criteria most often scored
 *   otherwise than the key, most first, at most %RD_TRAINING_MAX_MISSED
 * @skipped: (element-type RdSkippedFile): files not counted, in folder order
 *
 * One attempt per trainee and example counts: the latest changed.
 */
typedef struct {
  GDateTime        *created;
  RdAgreementTally  group;
  GPtrArray        *trainees;
  GPtrArray        *examples;
  GPtrArray        *missed;
  GPtrArray        *skipped;
} RdTrainingReport;

RdTrainingReport *rd_training_report_new       (const char * const  *dirs,
                                                GPtrArray           *policies,
                                                GError             **error);
void              rd_training_report_free      (RdTrainingReport    *report);

const char       *rd_training_category_to_string (guint category);  /* "met", ... */
char             *rd_training_format_kappa     (const RdKappa       *kappa);
char             *rd_training_format_percent   (guint                part,
                                                guint                whole);
char             *rd_training_describe_agreement (const RdAgreementTally   *tally);
char             *rd_training_describe_cohen     (const RdAgreementTally   *tally);
char             *rd_training_describe_outcomes  (const RdAgreementTally   *tally);
char             *rd_training_describe_fleiss    (const RdExampleAgreement *example);
const char       *rd_training_scale_note         (void);
const char       *rd_training_method_note        (void);

GBytes           *rd_training_report_to_pdf    (const RdTrainingReport  *report,
                                                GError                 **error);
gboolean          rd_training_report_write_pdf (const RdTrainingReport  *report,
                                                GFile                   *file,
                                                GCancellable            *cancellable,
                                                GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTrainingReport, rd_training_report_free)

G_END_DECLS
