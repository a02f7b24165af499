/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-case-file.h"
#include "rd-letter.h"
#include "rd-pdf-text.h"
#include "rd-recogniser.h"
#include "rd-record-store.h"
#include "rd-tool.h"

/* ---- helpers ---------------------------------------------------------- */

static void
section (const char *title)
{
  rd_tool_print (stdout, "\n%s\n", title);
}

static void
field (const char *label,
       const char *value)
{
  if (value != NULL && *value != '\0')
    rd_tool_print (stdout, "  %-14s %s\n", label, value);
}

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M UTC") : g_strdup ("—");
}

static void
field_codes (const char *label,
             char      **codes)
{
  g_autofree char *joined = NULL;

  if (codes == NULL || codes[0] == NULL)
    return;
  joined = g_strjoinv (", ", codes);
  field (label, joined);
}

/* ---- case show -------------------------------------------------------- */

static void
show_request (RdCaseFile *cf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdRequest) request = rd_case_file_get_request (cf, &error);
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(RdCaseDueExtension) extension = NULL;
  g_autofree char *received = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *rule = NULL;

  section (_("Request"));
  if (request == NULL)
    {
      rd_tool_print (stdout, "  %s\n", error->message);
      return;
    }
  due = rd_case_file_get_due_time (cf, NULL);
  extension = rd_case_file_get_due_extension (cf, NULL);
  received = format_time (request->received);
  due_text = format_time (due);
  rule = rd_due_rule_describe (rd_request_get_due_rule (request));
  field (_("Member"), request->member_name);
  field (_("Member ID"), request->member_id);
  field (_("Born"), request->member_birth_date);
  field (_("Provider"), request->provider_name);
  field (_("NPI"), request->provider_npi);
  field (_("Payer"), request->payer);
  field (_("Plan"), request->plan);
  field (_("Coverage"), rd_line_of_business_to_string (request->line_of_business));
  field_codes ("CPT", request->cpt_codes);
  field_codes ("HCPCS", request->hcpcs_codes);
  field_codes ("ICD-10-PCS", request->icd10_pcs_codes);
  field_codes ("ICD-10-CM", request->icd10_cm_codes);
  field (_("Drug"), request->drug);
  field (_("Route"), request->route);
  field (_("Device"), request->device);
  field (_("Type"), rd_request_type_to_string (request->type));
  field (_("Urgency"), rd_urgency_to_string (request->urgency));
  field (_("Received"), received);
  field (_("Decision due"), due_text);
  field (_("Due rule"), rule);
  if (extension != NULL)
    {
      g_autofree char *when = format_time (extension->time);
      /* TRANSLATORS: hours, who, when and why a due time was extended */
      g_autofree char *text = g_strdup_printf (_("%u hours, by %s on %s: %s"), extension->hours, extension->who,
                                               when, extension->reason);
      field (_("Extended"), text);
    }
}

static void
show_scores (GPtrArray  *scores,
             const char *title)
{
  if (scores == NULL || scores->len == 0)
    return;
  section (title);
  for (guint i = 0; i < scores->len; i++)
    {
      RdCaseScore *s = g_ptr_array_index (scores, i);
      g_autofree char *when = format_time (s->time);

      rd_tool_print (stdout, "  %s/%s: %s (%s, %s)\n", s->policy_id, s->target_id, rd_score_to_label (s->score),
                             s->reviewer, when);
      if (s->note != NULL)
        rd_tool_print (stdout, "      %s\n", s->note);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
show_measurements (RdCaseFile *cf,
                   GPtrArray  *reviews)
{
  gboolean shown = FALSE;

  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      RdCaseReview *r = g_ptr_array_index (reviews, i);
      g_autoptr(GHashTable) measurements = rd_case_file_get_measurements (cf, r->policy_id);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, measurements);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_ptr_array_add (ids, id);
      g_ptr_array_sort (ids, compare_ids);
      for (guint j = 0; j < ids->len; j++)
        {
          const RdMeasurement *m = g_hash_table_lookup (measurements, ids->pdata[j]);

          if (!shown)
            section (_("Measurements"));
          shown = TRUE;
          rd_tool_print (stdout, "  %s/%s:", r->policy_id, (const char *) ids->pdata[j]);
          if (m->has_value)
            /* TRANSLATORS: a measured value, e.g. "value 12" */
            rd_tool_print (stdout, _(" value %g"), m->value);
          if (m->has_before_after)
            /* TRANSLATORS: scores before and after a trial, e.g. "before 8, after 3" */
            rd_tool_print (stdout, _(" before %g, after %g"), m->before, m->after);
          if (m->from_date != NULL || m->to_date != NULL)
            /* TRANSLATORS: a measured duration between two dates */
            rd_tool_print (stdout, _(" from %s to %s"), m->from_date ? m->from_date : "—", m->to_date ? m->to_date : "—");
          rd_tool_print (stdout, "\n");
        }
    }
}

static void
show_review (RdCaseFile *cf)
{
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (cf, NULL);
  g_autoptr(GPtrArray) scores = rd_case_file_list_scores (cf, NULL, NULL);
  g_autoptr(GPtrArray) conditions = rd_case_file_list_conditions (cf, NULL, NULL);
  g_autoptr(GPtrArray) documentation = rd_case_file_list_documentation (cf, NULL, NULL);

  if (reviews != NULL && reviews->len > 0)
    {
      section (_("Policies under review"));
      for (guint i = 0; i < reviews->len; i++)
        {
          RdCaseReview *r = g_ptr_array_index (reviews, i);
          g_autofree char *indications = g_strjoinv (", ", r->indications);

          rd_tool_print (stdout, "  %s (sha256 %s)\n", r->policy_id, r->content_hash);
          if (*indications)
            rd_tool_print (stdout, "      %s %s\n", _("applicable indications:"), indications);
        }
    }
  show_scores (conditions, _("Conditions"));
  show_scores (scores, _("Criterion scores"));
  show_measurements (cf, reviews);
  if (documentation != NULL && documentation->len > 0)
    {
      section (_("Documentation"));
      for (guint i = 0; i < documentation->len; i++)
        {
          RdCaseDocItem *d = g_ptr_array_index (documentation, i);
          rd_tool_print (stdout, "  %s/%s: %s%s%s\n", d->policy_id, d->item_id, rd_doc_status_to_string (d->status),
                                 d->where_found ? " — " : "", d->where_found ? d->where_found : "");
        }
    }
}

static void
show_records (RdCaseFile *cf)
{
  g_autoptr(GPtrArray) records = rd_case_file_list_records (cf, NULL);
  g_autoptr(GPtrArray) evidence = rd_case_file_list_evidence (cf, NULL, NULL, NULL);

  if (records != NULL && records->len > 0)
    {
      section (_("Records"));
      for (guint i = 0; i < records->len; i++)
        {
          RdCaseRecord *r = g_ptr_array_index (records, i);
          g_autofree char *when = format_time (r->added_at);

          rd_tool_print (stdout, "  %" G_GINT64_FORMAT "  %s\n", r->id, r->file_name);
          rd_tool_print (stdout, _("      %u pages (%u with stored text), %lld bytes, added by %s, %s\n"),
                  r->n_pages, r->n_pages_indexed, (long long) r->size, r->added_by, when);
          rd_tool_print (stdout, "      sha256 %s\n", r->sha256);
          if (r->n_pages_too_costly > 0)
            rd_tool_print (stdout, ngettext ("      %u page took too long to read and is stored without text\n",
                              "      %u pages took too long to read and are stored without text\n",
                              r->n_pages_too_costly), r->n_pages_too_costly);
          if (r->password_stored)
            rd_tool_print (stdout, "      %s\n", _("its password is stored in this case file"));
        }
    }
  if (evidence != NULL && evidence->len > 0)
    {
      section (_("Evidence"));
      for (guint i = 0; i < evidence->len; i++)
        {
          RdCaseEvidence *e = g_ptr_array_index (evidence, i);
          rd_tool_print (stdout, _("  %s/%s: record %lld, page %u: “%s” (%s)\n"), e->policy_id, e->target_id,
                                 (long long) e->record_id, e->page_number, e->quote, e->who);
        }
    }
}

static void
show_decisions (RdCaseFile *cf)
{
  g_autoptr(GPtrArray) recommendations = rd_case_file_list_recommendations (cf, NULL);
  g_autoptr(GPtrArray) decisions = rd_case_file_list_decisions (cf, NULL);
  g_autoptr(RdCaseSeal) seal = rd_case_file_get_seal (cf, NULL);
  g_autoptr(RdCaseDecisionDraft) draft = rd_case_file_get_decision_draft (cf, NULL);

  if (recommendations != NULL && recommendations->len > 0)
    {
      section (_("Recommendation"));
      for (guint i = 0; i < recommendations->len; i++)
        {
          RdCaseRecommendation *r = g_ptr_array_index (recommendations, i);
          rd_tool_print (stdout, "  %s: %s%s\n", r->policy_id, r->outcome_id, r->adverse ? _(" (adverse)") : "");
          if (r->summary != NULL)
            rd_tool_print (stdout, "      %s\n", r->summary);
        }
    }
  if (decisions != NULL && decisions->len > 0)
    {
      section (_("Decisions"));
      for (guint i = 0; i < decisions->len; i++)
        {
          RdCaseDecision *d = g_ptr_array_index (decisions, i);
          g_autofree char *when = format_time (d->time);

          rd_tool_print (stdout, "  %s %s%s — %s%s%s (%s), %s\n", rd_decision_kind_to_string (d->kind),
                                 d->outcome_id ? d->outcome_id : "", d->adverse ? _(" (adverse)") : "", d->who,
                                 d->credentials ? ", " : "", d->credentials ? d->credentials : "",
                                 rd_role_to_string (d->role), when);
          if (d->rationale != NULL)
            rd_tool_print (stdout, "      %s\n", d->rationale);
        }
    }
  if (draft != NULL)
    {
      g_autofree char *when = format_time (draft->time);
      section (_("Draft Determination"));
      /* TRANSLATORS: the medical director's unsigned draft: the adverse outcome selected so far, who, when */
      rd_tool_print (stdout, _("  not signed yet; adverse outcome selected: %s — %s, %s\n"),
                             draft->outcome_id ? draft->outcome_id : _("none"), draft->who, when);
      if (*draft->rationale)
        rd_tool_print (stdout, "      %s\n", draft->rationale);
    }
  if (seal != NULL)
    {
      g_autofree char *when = format_time (seal->sealed_at);
      section (_("Seal"));
      rd_tool_print (stdout, _("  Sealed by %s, %s\n  digest %s\n"), seal->sealed_by, when, seal->digest);
    }
}

static int
cmd_show (int    argc,
          char **argv)
{
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *updated_text = NULL;

  if (argc != 2)
    return rd_tool_usage_error ("case", "show", "%s", _("“case show” needs exactly one FILE."));
  cf = rd_tool_open_case (argv[1], RD_CASE_FILE_OPEN_READ_ONLY);
  if (cf == NULL)
    return RD_TOOL_EXIT_FAILURE;

  created = rd_case_file_get_created (cf);
  updated = rd_case_file_get_updated (cf);
  created_text = format_time (created);
  updated_text = format_time (updated);
  rd_tool_print (stdout, _("Case %s (case format %u)\n"), rd_case_file_get_case_id (cf), rd_case_file_get_format_version (cf));
  field (_("Status"), rd_case_status_to_label (rd_case_file_get_status (cf)));
  field (_("Created"), created_text);
  field (_("Updated"), updated_text);

  show_request (cf);
  show_review (cf);
  show_records (cf);
  show_decisions (cf);

  audit = rd_case_file_list_audit (cf, NULL);
  if (audit != NULL)
    rd_tool_print (stdout, "\n%s %u\n", _("Audit log entries:"), audit->len);
  return RD_TOOL_EXIT_OK;
}

/* ---- case repair-index ------------------------------------------------ */

static int
cmd_repair_index (int    argc,
                  char **argv)
{
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (argc != 2)
    return rd_tool_usage_error ("case", "repair-index", "%s", _("“case repair-index” needs exactly one FILE."));
  cf = rd_tool_open_case (argv[1], RD_CASE_FILE_OPEN_NONE);
  if (cf == NULL)
    return RD_TOOL_EXIT_FAILURE;
  if (!rd_case_file_rebuild_search_index (cf, &n_pages, &error))
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  rd_tool_print (stdout, ngettext ("Rebuilt the search index of “%s” from the text of %u page.\n",
                                   "Rebuilt the search index of “%s” from the text of %u pages.\n", n_pages),
                 argv[1], n_pages);
  return RD_TOOL_EXIT_OK;
}

/* ---- case extend ------------------------------------------------------ */

static gboolean
parse_hours (const char *text,
             guint      *hours)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT / 2, &value, NULL))
    return FALSE;
  *hours = (guint) value;
  return TRUE;
}

static int
cmd_extend (int    argc,
            char **argv)
{
  RdToolOptions options = { NULL, RD_ROLE_NURSE_REVIEWER, NULL };
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due_text = NULL;
  const char *path = NULL, *reason = NULL;
  guint hours = 0;

  for (int i = 1; i < argc; i++)
    {
      int common = g_str_equal (argv[i], "--policy-dir") ? 0 : rd_tool_common_option ("extend", argc, argv, &i, &options);

      if (common < 0)
        return RD_TOOL_EXIT_USAGE;
      if (common > 0)
        continue;
      if (g_str_equal (argv[i], "--hours") && i + 1 < argc)
        {
          if (!parse_hours (argv[++i], &hours))
            return rd_tool_usage_error ("case", "extend", _("--hours “%s” is not a number of hours, such as 336"
                                                            " for 14 days."), argv[i]);
        }
      else if (g_str_equal (argv[i], "--reason") && i + 1 < argc)
        reason = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || path != NULL)
        return rd_tool_usage_error ("case", "extend", _("Unexpected argument “%s”."), argv[i]);
      else
        path = argv[i];
    }
  if (path == NULL || hours == 0 || reason == NULL)
    return rd_tool_usage_error ("case", "extend", "%s", _("“case extend” needs a case FILE, --hours and --reason."));
  if ((cf = rd_tool_open_case (path, RD_CASE_FILE_OPEN_NONE)) == NULL)
    return RD_TOOL_EXIT_FAILURE;
  rd_case_file_set_actor (cf, options.who ? options.who : rd_tool_default_actor (), NULL, options.role);
  if (!rd_case_file_extend_due (cf, hours, reason, &error))
    {
      rd_tool_report_error (path, error->message, NULL);
      return RD_TOOL_EXIT_FAILURE;
    }
  due = rd_case_file_get_due_time (cf, NULL);
  due_text = format_time (due);
  rd_tool_print (stdout, _("The decision on %s is now due %s.\n"), path, due_text);
  return RD_TOOL_EXIT_OK;
}

/* ---- case attach ------------------------------------------------------ */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

/* Stores the record's password in the case (the core checks first that it
 * opens the record), waiting here for the workers that do it. */
static gboolean
remember_password (RdCaseFile  *cf,
                   gint64       record_id,
                   const char  *password,
                   GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gboolean ok;

  rd_record_store_password_async (cf, record_id, password, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = rd_record_store_password_finish (result, error);
  /* A worker may hold the case a moment longer than the program runs: close
   * it now, so that its write-ahead log is folded into the file. */
  rd_case_file_close (cf);
  return ok;
}

/* The password on the first line of @path (the rest of the file is ignored). */
static char *
read_password_file (const char  *path,
                    GError     **error)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  contents[strcspn (contents, "\r\n")] = '\0';
  if (*contents == '\0')
    {
      g_free (contents);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” holds no password on its first line."), path);
      return NULL;
    }
  return contents;
}

/* Recognises the record's scanned pages here and now, saying how many; a
 * failure leaves the record attached, its scans waiting for the application. */
static void
recognise_scans (RdCaseFile *cf,
                 gint64      record_id)
{
  g_auto(RdRecogniseCounts) counts = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok = rd_recognise_pending (cf, record_id, NULL, &counts, &error);

  if (counts.n_recognised > 0 || ok)
    rd_tool_print (stdout, ngettext ("%u scanned page was recognised.\n", "%u scanned pages were recognised.\n",
                                     counts.n_recognised), counts.n_recognised);
  for (guint i = 0; i < counts.refusals->len; i++)
    rd_tool_print (stdout, "%s\n", (const char *) g_ptr_array_index (counts.refusals, i));
  if (!ok)
    rd_tool_print (stderr, _("The record is attached, but its other scanned pages were not recognised: %s"
                             " ReviewDesk recognises them when the case is next opened.\n"), error->message);
}

static int
attach (const char *case_path,
        const char *pdf_path,
        const char *who,
        RdRole      role,
        const char *password,
        gboolean    remember)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(RdPdfText) text = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (pdf_path);
  g_autofree gboolean *kinds = NULL;
  RdCaseAttachOutcome outcome = RD_CASE_ATTACH_ADDED;
  gsize length;
  gint64 id;

  /* Everything about the PDF is checked before the case is opened, so a
   * refused record leaves the case untouched. */
  if (!g_file_get_contents (pdf_path, &contents, &length, &error))
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  pdf = g_bytes_new_take (g_steal_pointer (&contents), length);
  text = rd_pdf_text_extract_with_password (pdf, name, password, NULL, &error);
  if (text == NULL)
    {
      rd_tool_print (stderr, _("%s The case was not changed.\n"), error->message);
      return RD_TOOL_EXIT_FAILURE;
    }

  cf = rd_tool_open_case (case_path, RD_CASE_FILE_OPEN_NONE);
  if (cf == NULL)
    return RD_TOOL_EXIT_FAILURE;
  if (rd_case_file_is_read_only (cf))
    {
      rd_tool_print (stderr, "%s\n", rd_case_file_get_read_only_reason (cf));
      return RD_TOOL_EXIT_FAILURE;
    }
  rd_case_file_set_actor (cf, who, NULL, role);
  kinds = rd_pdf_text_page_kinds (text);
  id = rd_case_file_attach_record (cf, pdf, name, text->n_pages, (const char * const *) text->texts, kinds,
                                   NULL, &outcome, &error);
  if (id == 0)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  if (outcome == RD_CASE_ATTACH_ALREADY_PRESENT)
    rd_tool_print (stdout, _("“%s” is already attached as record %lld; nothing changed.\n"), name, (long long) id);
  else if (outcome == RD_CASE_ATTACH_COMPLETED)
    rd_tool_print (stdout, _("“%s” was attached as record %lld without all its page text; its text is now stored:"
              " %u pages, %u with text.\n"), name, (long long) id, text->n_pages, text->n_with_text);
  else
    rd_tool_print (stdout, _("Attached “%s” as record %lld: %u pages, %u with text.\n"), name, (long long) id,
            text->n_pages, text->n_with_text);
  if (outcome != RD_CASE_ATTACH_ALREADY_PRESENT && text->n_too_costly > 0)
    rd_tool_print (stdout, ngettext ("%u page took too long to read or held too much text; it is stored without text.\n",
                      "%u pages took too long to read or held too much text; they are stored without text.\n",
                      text->n_too_costly), text->n_too_costly);
  if (outcome != RD_CASE_ATTACH_ALREADY_PRESENT && text->n_with_text < text->n_pages)
    recognise_scans (cf, id);
  if (remember)
    {
      if (!remember_password (cf, id, password, &error))
        {
          rd_tool_print (stderr, "%s\n", error->message);
          return RD_TOOL_EXIT_FAILURE;
        }
      rd_tool_print (stdout, _("Its password is stored in the case file: anyone who can open the case can open the record.\n"));
    }
  return RD_TOOL_EXIT_OK;
}

static int
cmd_attach (int    argc,
            char **argv)
{
  const char *positional[2] = { NULL, NULL };
  RdToolOptions options = { NULL, RD_ROLE_NURSE_REVIEWER, NULL };
  const char *password_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  gboolean remember = FALSE;
  guint n_positional = 0;
  int status;

  for (int i = 1; i < argc; i++)
    {
      int common = g_str_equal (argv[i], "--policy-dir") ? 0 : rd_tool_common_option ("attach", argc, argv, &i, &options);

      if (common < 0)
        return RD_TOOL_EXIT_USAGE;
      if (common > 0)
        continue;
      if (g_str_equal (argv[i], "--password-file") && i + 1 < argc)
        password_file = argv[++i];
      else if (g_str_equal (argv[i], "--remember-password"))
        remember = TRUE;
      else if (g_str_has_prefix (argv[i], "--") || n_positional == 2)
        return rd_tool_usage_error ("case", "attach", _("Unexpected argument “%s”."), argv[i]);
      else
        positional[n_positional++] = argv[i];
    }
  if (n_positional != 2)
    return rd_tool_usage_error ("case", "attach", "%s", _("“case attach” needs a case FILE and a RECORD.pdf."));
  if (remember && password_file == NULL)
    return rd_tool_usage_error ("case", "attach", "%s", _("--remember-password needs --password-file."));
  if (password_file != NULL && (password = read_password_file (password_file, &error)) == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  status = attach (positional[0], positional[1], options.who ? options.who : rd_tool_default_actor (), options.role,
                   password, remember);
  if (password != NULL)
    memset (password, 0, strlen (password));
  return status;
}

/* ---- case letter ------------------------------------------------------ */

static int
write_letter (const char *case_path,
              const char *out_path,
              const char *policy_dir,
              gboolean    draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *text = NULL;

  if ((cf = rd_tool_open_case (case_path, RD_CASE_FILE_OPEN_READ_ONLY)) == NULL)
    return RD_TOOL_EXIT_FAILURE;
  if ((policies = rd_tool_load_policies (policy_dir, &error)) == NULL ||
      (letter = rd_letter_compose (cf, policies, draft ? RD_LETTER_ALLOW_DRAFT : RD_LETTER_NONE, &error)) == NULL)
    {
      rd_tool_print (stderr, "%s\n", error->message);
      if (g_error_matches (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_DECISION))
        rd_tool_print (stderr, "%s\n", _("Use --draft to see the letter the engine’s recommendation would give."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if (out_path == NULL)
    {
      text = rd_letter_to_markdown (letter);
      rd_tool_print (stdout, "%s\n", text);
      return RD_TOOL_EXIT_OK;
    }
  out = g_file_new_for_commandline_arg (out_path);
  if (!rd_letter_write (letter, out, rd_letter_format_for_path (out_path), NULL, &error))
    {
      rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  rd_tool_print (stdout, _("Wrote “%s” to %s.\n"), letter->title, out_path);
  return RD_TOOL_EXIT_OK;
}

static int
cmd_letter (int    argc,
            char **argv)
{
  const char *positional[2] = { NULL, NULL };
  const char *policy_dir = NULL;
  gboolean draft = FALSE;
  guint n_positional = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--draft"))
        draft = TRUE;
      else if (g_str_equal (argv[i], "--policy-dir") && i + 1 < argc)
        policy_dir = argv[++i];
      else if (g_str_has_prefix (argv[i], "--") || n_positional == 2)
        return rd_tool_usage_error ("case", "letter", _("Unexpected argument “%s”."), argv[i]);
      else
        positional[n_positional++] = argv[i];
    }
  if (n_positional == 0)
    return rd_tool_usage_error ("case", "letter", "%s", _("“case letter” needs a case FILE."));
  return write_letter (positional[0], positional[1], policy_dir, draft);
}

static const RdToolCommand case_commands[] = {
  { "show", "FILE", N_("print a case: request, scores, records, evidence, decisions, the director’s draft"), cmd_show },
  { "verify", "FILE [--trust TRUST.json] [--against LETTER]",
    N_("check a case’s integrity, records, audit chain, content against its audit log, seal and signatures"
       " (against the organisation’s trust file); with --against, the case against the seal of a letter written"
       " from it; exit 1 on any problem"), rd_tool_case_verify },
  { "repair-index", "FILE", N_("rebuild a case’s search index from its stored page text (not on a sealed case)"),
    cmd_repair_index },
  { "extend", "FILE --hours N --reason TEXT [--by NAME] [--role ROLE]",
    N_("extend the decision’s due time once, by up to the request’s rule’s limit, saying why"),
    cmd_extend },
  { "attach", "FILE RECORD.pdf [--by NAME] [--role ROLE] [--password-file PASSWORD.txt [--remember-password]]",
    N_("attach a PDF record to a case and index its text; an encrypted one with the password on the first"
       " line of PASSWORD.txt, stored in the case with --remember-password (anyone who can open the case"
       " can then open the record)"), cmd_attach },
  { "letter", "FILE [OUT.md|OUT.pdf] [--draft] [--policy-dir DIR]",
    N_("print the determination letter, or write it to OUT (PDF when OUT ends in .pdf);"
       " --draft: before a determination, the letter the recommendation would give"), cmd_letter },
  /* rd-tool-pas.c */
  { "export", "--pas FILE OUT.json [--policy-dir DIR]",
    N_("write the determination as a Da Vinci PAS response Bundle (FHIR R4): the review action per item, the"
       " reasons with the policy and criteria cited, the reviewer, the audit trail and the seal line; 0600"),
    rd_tool_case_export },
  /* rd-tool-audit.c */
  { "search", "FILE WORDS… [--json]",
    N_("print the record pages that hold every word (recognised scans with their mean confidence)"),
    rd_tool_case_search },
  { "audit", "FILE [--json] [--action ACTION] [--who NAME]",
    N_("print a case’s audit log: every change with who, role, when (in your time zone), action, target and"
       " old → new value, then whether the chain is intact and the content matches it; exit 1 when not"),
    rd_tool_case_audit },
  /* rd-tool-example.c */
  { "examples", "", N_("print the path of each bundled example case, one per line"), rd_tool_case_examples },
  { "new", "--from EXAMPLE.xml OUT.rdcase | --request REQUEST.json OUT.rdcase | --pas BUNDLE.json OUT.rdcase"
    " [--by NAME] [--role ROLE] [--policy-dir DIR]",
    N_("create a case from an example (its request and records, without the reference key), from a request"
       " in JSON, or from a Da Vinci PAS request Bundle (its PDFs become records, the bundle is kept in the"
       " case), with every policy that applies to it under review; nothing is written when the request is"
       " refused"), rd_tool_case_new },
  /* rd-tool-score.c */
  { "score", "FILE ANSWERS.json [--by NAME] [--role ROLE] [--policy-dir DIR]",
    N_("store a reviewer’s answers from JSON (criteria, questions, measured values, documentation, notes),"
       " each audited; an unknown id refuses the whole file and changes nothing"), rd_tool_case_score },
  { "evaluate", "FILE [--json] [--reference] [--policy-dir DIR]",
    N_("per policy: outcome, decisive criteria, missing documentation, and whether a nurse may approve"
       " (--reference: score with the key of the example the case came from)"), rd_tool_case_evaluate },
  { "grade", "FILE [--json] [--policy-dir DIR]",
    N_("compare a trainee’s answers in a case made from an example with the example’s reference key"),
    rd_tool_case_grade },
};

const RdToolGroup rd_tool_case_group = {
  "case", N_("create, inspect and verify case files"), case_commands, G_N_ELEMENTS (case_commands),
};
