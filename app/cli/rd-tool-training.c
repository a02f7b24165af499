/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool training report DIR… [--json|--csv] [--pdf OUT.pdf] */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-tool.h"
#include "rd-tool-json.h"
#include "rd-training-report.h"

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
} Format;

/* A file not counted, naming it once: the reason may name it already. */
static void
print_skipped (FILE                *out,
               const RdSkippedFile *skipped)
{
  if (strstr (skipped->reason, skipped->path) != NULL)
    /* TRANSLATORS: why a file is not counted in the training report; the reason names the file */
    rd_tool_print (out, _("not counted: %s\n"), skipped->reason);
  else
    rd_tool_print (out, _("%s: not counted: %s\n"), skipped->path, skipped->reason);
}

/* ---- text --------------------------------------------------------------- */

static void
print_tally (const char             *indent,
             const RdAgreementTally *tally)
{
  g_autofree char *agreement = rd_training_describe_agreement (tally);
  g_autofree char *cohen = rd_training_describe_cohen (tally);
  g_autofree char *outcomes = rd_training_describe_outcomes (tally);

  rd_tool_print (stdout, "%s%s\n%s%s\n%s%s\n", indent, agreement, indent, cohen, indent, outcomes);
}

static void
print_categories (const RdExampleAgreement *example)
{
  g_autoptr(GString) shares = g_string_new (NULL);

  if (example->fleiss.n_items == 0)
    return;
  for (guint c = 0; c < RD_TRAINING_N_CATEGORIES; c++)
    g_string_append_printf (shares, "%s%s %.0f%%", c ? ", " : "",
                            rd_score_to_label ((RdScore) (c + RD_SCORE_MET)), 100.0 * example->category_p[c]);
  /* TRANSLATORS: the share of the trainees' answers in each category, e.g. "Met 40%, Not met 30%, …" */
  rd_tool_print (stdout, _("    Answers: %s\n"), shares->str);
}

static void
print_text (const RdTrainingReport *report)
{
  g_autofree char *date = g_date_time_format (report->created, "%Y-%m-%d %H:%M");

  rd_tool_print (stdout, _("Inter-rater reliability, %s\n"), date);
  rd_tool_print (stdout, ngettext ("%u attempt counted.\n", "%u attempts counted.\n", report->group.n_attempts),
                 report->group.n_attempts);

  rd_tool_print (stdout, "\n%s\n", _("Group"));
  print_tally ("  ", &report->group);

  rd_tool_print (stdout, "\n%s\n", _("Trainees against the key"));
  for (guint i = 0; i < report->trainees->len; i++)
    {
      const RdTraineeAgreement *trainee = report->trainees->pdata[i];

      rd_tool_print (stdout, ngettext ("  %s — %u attempt\n", "  %s — %u attempts\n", trainee->tally.n_attempts),
                     trainee->name, trainee->tally.n_attempts);
      print_tally ("    ", &trainee->tally);
    }

  rd_tool_print (stdout, "\n%s\n", _("Examples: trainees against each other"));
  for (guint i = 0; i < report->examples->len; i++)
    {
      const RdExampleAgreement *example = report->examples->pdata[i];
      g_autofree char *fleiss = rd_training_describe_fleiss (example);
      g_autofree char *agreement = rd_training_describe_agreement (&example->tally);

      rd_tool_print (stdout, ngettext ("  %s (%s) — %u trainee\n", "  %s (%s) — %u trainees\n",
                                       example->tally.n_attempts),
                     example->title, example->example_id, example->tally.n_attempts);
      rd_tool_print (stdout, "    %s\n    %s\n", fleiss, agreement);
      print_categories (example);
    }

  rd_tool_print (stdout, "\n%s\n", _("Criteria most often missed"));
  if (report->missed->len == 0)
    rd_tool_print (stdout, "  %s\n", _("Every answered criterion agrees with the key."));
  for (guint i = 0; i < report->missed->len; i++)
    {
      const RdMissedCriterion *missed = report->missed->pdata[i];

      /* TRANSLATORS: attempts that scored the criterion otherwise than the key, of how many; policy/criterion; its text */
      rd_tool_print (stdout, _("  missed by %u of %u — %s/%s: %s\n"), missed->n_missed, missed->n_attempts,
                     missed->policy_id, missed->criterion_id, missed->text);
    }

  if (report->skipped->len > 0)
    rd_tool_print (stdout, "\n");
  for (guint i = 0; i < report->skipped->len; i++)
    print_skipped (stdout, report->skipped->pdata[i]);

  rd_tool_print (stdout, "\n%s\n%s\n", rd_training_scale_note (), rd_training_method_note ());
}

/* ---- JSON --------------------------------------------------------------- */

static void
json_kappa (JsonBuilder   *out,
            const char    *name,
            const RdKappa *kappa)
{
  gboolean defined = kappa->status == RD_KAPPA_DEFINED;

  json_builder_set_member_name (out, name);
  json_builder_begin_object (out);
  rd_tool_json_string (out, "status", rd_kappa_status_to_string (kappa->status));
  rd_tool_json_uint (out, "items", kappa->n_items);
  rd_tool_json_number (out, "observed", kappa->observed, kappa->n_items > 0);
  rd_tool_json_number (out, "chance", kappa->chance, kappa->n_items > 0);
  rd_tool_json_number (out, "kappa", kappa->kappa, defined);
  rd_tool_json_number (out, "se", kappa->se, defined);
  rd_tool_json_number (out, "ci_low", kappa->ci_low, defined);
  rd_tool_json_number (out, "ci_high", kappa->ci_high, defined);
  json_builder_end_object (out);
}

static void
json_table (JsonBuilder            *out,
            const RdAgreementTally *tally)
{
  json_builder_set_member_name (out, "table");
  json_builder_begin_array (out);
  for (guint r = 0; r < RD_TRAINING_N_CATEGORIES; r++)
    {
      json_builder_begin_array (out);
      for (guint c = 0; c < RD_TRAINING_N_CATEGORIES; c++)
        json_builder_add_int_value (out, tally->table[r * RD_TRAINING_N_CATEGORIES + c]);
      json_builder_end_array (out);
    }
  json_builder_end_array (out);
}

/* The members of a tally, inside an object already begun. */
static void
json_tally (JsonBuilder            *out,
            const RdAgreementTally *tally)
{
  rd_tool_json_uint (out, "attempts", tally->n_attempts);
  rd_tool_json_uint (out, "compared", tally->n_compared);
  rd_tool_json_uint (out, "agree", tally->n_agree);
  rd_tool_json_uint (out, "not_answered", tally->n_unanswered);
  rd_tool_json_number (out, "percent", 100.0 * tally->n_agree / MAX (tally->n_compared, 1), tally->n_compared > 0);
  json_kappa (out, "cohen", &tally->kappa);
  json_table (out, tally);
  rd_tool_json_uint (out, "outcomes", tally->n_outcomes);
  rd_tool_json_uint (out, "outcomes_agree", tally->n_outcomes_agree);
  rd_tool_json_uint (out, "outcomes_incomplete", tally->n_outcomes_incomplete);
}

static void
json_example (JsonBuilder              *out,
              const RdExampleAgreement *example)
{
  json_builder_begin_object (out);
  rd_tool_json_string (out, "example", example->example_id);
  rd_tool_json_string (out, "title", example->title);
  json_tally (out, &example->tally);
  rd_tool_json_uint (out, "criteria", example->n_criteria);
  rd_tool_json_uint (out, "criteria_excluded", example->n_criteria_excluded);
  json_kappa (out, "fleiss", &example->fleiss);
  json_builder_set_member_name (out, "category_shares");
  json_builder_begin_object (out);
  for (guint c = 0; c < RD_TRAINING_N_CATEGORIES; c++)
    rd_tool_json_number (out, rd_training_category_to_string (c), example->category_p[c], example->fleiss.n_items > 0);
  json_builder_end_object (out);
  json_builder_end_object (out);
}

static void
print_json (const RdTrainingReport *report)
{
  g_autoptr(JsonBuilder) out = json_builder_new ();
  g_autofree char *created = g_date_time_format_iso8601 (report->created);

  json_builder_begin_object (out);
  rd_tool_json_string (out, "created", created);
  json_builder_set_member_name (out, "categories");
  json_builder_begin_array (out);
  for (guint c = 0; c < RD_TRAINING_N_CATEGORIES; c++)
    json_builder_add_string_value (out, rd_training_category_to_string (c));
  json_builder_end_array (out);

  json_builder_set_member_name (out, "group");
  json_builder_begin_object (out);
  rd_tool_json_uint (out, "trainees", report->trainees->len);
  json_tally (out, &report->group);
  json_builder_end_object (out);

  json_builder_set_member_name (out, "trainees");
  json_builder_begin_array (out);
  for (guint i = 0; i < report->trainees->len; i++)
    {
      const RdTraineeAgreement *trainee = report->trainees->pdata[i];

      json_builder_begin_object (out);
      rd_tool_json_string (out, "name", trainee->name);
      json_tally (out, &trainee->tally);
      json_builder_end_object (out);
    }
  json_builder_end_array (out);

  json_builder_set_member_name (out, "examples");
  json_builder_begin_array (out);
  for (guint i = 0; i < report->examples->len; i++)
    json_example (out, report->examples->pdata[i]);
  json_builder_end_array (out);

  json_builder_set_member_name (out, "most_missed");
  json_builder_begin_array (out);
  for (guint i = 0; i < report->missed->len; i++)
    {
      const RdMissedCriterion *missed = report->missed->pdata[i];

      json_builder_begin_object (out);
      rd_tool_json_string (out, "policy", missed->policy_id);
      rd_tool_json_string (out, "criterion", missed->criterion_id);
      rd_tool_json_string (out, "text", missed->text);
      rd_tool_json_uint (out, "attempts", missed->n_attempts);
      rd_tool_json_uint (out, "missed", missed->n_missed);
      rd_tool_json_uint (out, "not_answered", missed->n_unanswered);
      json_builder_end_object (out);
    }
  json_builder_end_array (out);

  json_builder_set_member_name (out, "skipped");
  json_builder_begin_array (out);
  for (guint i = 0; i < report->skipped->len; i++)
    {
      const RdSkippedFile *skipped = report->skipped->pdata[i];

      json_builder_begin_object (out);
      rd_tool_json_string (out, "path", skipped->path);
      rd_tool_json_string (out, "reason", skipped->reason);
      json_builder_end_object (out);
    }
  json_builder_end_array (out);
  json_builder_end_object (out);
  rd_tool_json_print (out);
}

/* ---- CSV ---------------------------------------------------------------- */

#define CSV_COLUMNS "kind,id,name,attempts,compared,agree,not_answered,percent," \
                    "kappa,kappa_se,kappa_low,kappa_high,kappa_status," \
                    "fleiss,fleiss_se,fleiss_low,fleiss_high,fleiss_status,criteria,criteria_excluded," \
                    "outcomes,outcomes_agree,outcomes_incomplete,missed"

/* A field quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
static void
csv_field (GString    *line,
           const char *value)
{
  if (line->len > 0)
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
csv_uint (GString *line,
          guint    value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);
  csv_field (line, text);
}

/* A number in the C locale, 6 decimals; empty when not @defined. */
static void
csv_number (GString  *line,
            double    value,
            gboolean  defined)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  csv_field (line, defined ? g_ascii_formatd (text, sizeof text, "%.6f", value) : NULL);
}

static void
csv_kappa (GString       *line,
           const RdKappa *kappa)
{
  gboolean defined = kappa != NULL && kappa->status == RD_KAPPA_DEFINED;

  csv_number (line, defined ? kappa->kappa : 0, defined);
  csv_number (line, defined ? kappa->se : 0, defined);
  csv_number (line, defined ? kappa->ci_low : 0, defined);
  csv_number (line, defined ? kappa->ci_high : 0, defined);
  csv_field (line, kappa ? rd_kappa_status_to_string (kappa->status) : NULL);
}

/* kind … kappa_status, then the Fleiss columns and the rest. */
static void
csv_tally_row (const char               *kind,
               const char               *id,
               const char               *name,
               const RdAgreementTally   *tally,
               const RdExampleAgreement *example)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *criteria = example ? g_strdup_printf ("%u", example->n_criteria) : NULL;
  g_autofree char *excluded = example ? g_strdup_printf ("%u", example->n_criteria_excluded) : NULL;

  csv_field (line, kind);
  csv_field (line, id);
  csv_field (line, name);
  csv_uint (line, tally->n_attempts);
  csv_uint (line, tally->n_compared);
  csv_uint (line, tally->n_agree);
  csv_uint (line, tally->n_unanswered);
  csv_number (line, 100.0 * tally->n_agree / MAX (tally->n_compared, 1), tally->n_compared > 0);
  csv_kappa (line, &tally->kappa);
  csv_kappa (line, example ? &example->fleiss : NULL);
  csv_field (line, criteria);
  csv_field (line, excluded);
  csv_uint (line, tally->n_outcomes);
  csv_uint (line, tally->n_outcomes_agree);
  csv_uint (line, tally->n_outcomes_incomplete);
  csv_field (line, NULL);
  rd_tool_print (stdout, "%s\n", line->str);
}

static void
csv_missed_row (const RdMissedCriterion *missed)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *id = g_strdup_printf ("%s/%s", missed->policy_id, missed->criterion_id);

  csv_field (line, "missed");
  csv_field (line, id);
  csv_field (line, missed->text);
  csv_uint (line, missed->n_attempts);
  csv_uint (line, missed->n_attempts - missed->n_unanswered);
  csv_uint (line, missed->n_attempts - missed->n_unanswered - missed->n_missed);
  csv_uint (line, missed->n_unanswered);
  for (guint i = 0; i < 16; i++)  /* percent … outcomes_incomplete */
    csv_field (line, NULL);
  csv_uint (line, missed->n_missed);
  rd_tool_print (stdout, "%s\n", line->str);
}

static void
print_csv (const RdTrainingReport *report)
{
  rd_tool_print (stdout, "%s\n", CSV_COLUMNS);
  csv_tally_row ("group", NULL, NULL, &report->group, NULL);
  for (guint i = 0; i < report->trainees->len; i++)
    {
      const RdTraineeAgreement *trainee = report->trainees->pdata[i];
      csv_tally_row ("trainee", NULL, trainee->name, &trainee->tally, NULL);
    }
  for (guint i = 0; i < report->examples->len; i++)
    {
      const RdExampleAgreement *example = report->examples->pdata[i];
      csv_tally_row ("example", example->example_id, example->title, &example->tally, example);
    }
  for (guint i = 0; i < report->missed->len; i++)
    csv_missed_row (report->missed->pdata[i]);
  /* The files not counted go where a person sees them, not into the table. */
  for (guint i = 0; i < report->skipped->len; i++)
    print_skipped (stderr, report->skipped->pdata[i]);
}

/* ---- the command -------------------------------------------------------- */

/**
 * cmd_report:
 *
 * `training report DIR… [--json|--csv] [--pdf OUT.pdf] [--policy-dir DIR]`.
 * Exit 0 with a report of at least one attempt; 1 when a folder cannot be
 * read, no attempt is found or the PDF cannot be written; 2 for a wrong
 * command line.
 */
static int
cmd_report (int    argc,
            char **argv)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(RdTrainingReport) report = NULL;
  const char *policy_dir = NULL;
  const char *pdf = NULL;
  Format format = FORMAT_TEXT;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && format == FORMAT_TEXT)
        format = FORMAT_JSON;
      else if (g_str_equal (argv[i], "--csv") && format == FORMAT_TEXT)
        format = FORMAT_CSV;
      else if (g_str_equal (argv[i], "--pdf") && i + 1 < argc)
        pdf = argv[++i];
      else if (g_str_equal (argv[i], "--policy-dir") && i + 1 < argc)
        policy_dir = argv[++i];
      else if (g_str_has_prefix (argv[i], "--"))
        return rd_tool_usage_error ("training", "report", _("Unexpected argument “%s”."), argv[i]);
      else
        g_ptr_array_add (dirs, argv[i]);
    }
  if (dirs->len == 0)
    return rd_tool_usage_error ("training", "report", "%s",
                                _("“training report” needs at least one folder of attempts."));
  g_ptr_array_add (dirs, NULL);

  if ((policies = rd_tool_load_policies (policy_dir, &error)) == NULL ||
      (report = rd_training_report_new ((const char * const *) dirs->pdata, policies, &error)) == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  if (report->group.n_attempts == 0)
    {
      for (guint i = 0; i < report->skipped->len; i++)
        print_skipped (stderr, report->skipped->pdata[i]);
      rd_tool_print (stderr, "%s\n", _("No attempt at an example was found in these folders: make attempts with"
                                       " “case new --from EXAMPLE.xml” and score them."));
      return RD_TOOL_EXIT_FAILURE;
    }

  if (pdf != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (pdf);

      if (!rd_training_report_write_pdf (report, file, NULL, &error))
        {
          rd_tool_print (stderr, "%s\n", error->message);
          return RD_TOOL_EXIT_FAILURE;
        }
    }
  if (format == FORMAT_JSON)
    print_json (report);
  else if (format == FORMAT_CSV)
    print_csv (report);
  else
    print_text (report);
  return RD_TOOL_EXIT_OK;
}

static const RdToolCommand training_commands[] = {
  { "report", "DIR… [--json|--csv] [--pdf OUT.pdf] [--policy-dir DIR]",
    N_("inter-rater reliability of the attempts at examples in the folders: per trainee and for the group, per cent"
       " agreement and Cohen’s κ against the key, Fleiss’ κ across trainees per example, outcome agreement and the"
       " criteria most often missed"), cmd_report },
};

const RdToolGroup rd_tool_training_group = {
  "training", N_("measure how consistently trainees score the example cases"), training_commands,
  G_N_ELEMENTS (training_commands),
};
