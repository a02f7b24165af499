/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rd-case-file.h"
#include "rd-codes.h"
#include "rd-worklist-private.h"

/* Reading one case file into a worklist entry, read-only: the case file's
 * read-only open changes neither the file nor its folder. */

static void
stat_into (const char *path,
           gint64     *size,
           gint64     *mtime_ns,
           gint64     *inode)
{
  struct stat st;

  if (g_stat (path, &st) != 0)
    {
      *size = *mtime_ns = -1;
      if (inode)
        *inode = -1;
      return;
    }
  *size = st.st_size;
  *mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  if (inode)
    *inode = (gint64) st.st_ino;
}

/* Returns FALSE when @path is not there (any more). */
gboolean
_rd_worklist_stamp_read (const char      *path,
                         RdWorklistStamp *stamp)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  stat_into (path, &stamp->size, &stamp->mtime_ns, &stamp->inode);
  stat_into (wal, &stamp->wal_size, &stamp->wal_mtime_ns, NULL);
  return stamp->size >= 0;
}

gboolean
_rd_worklist_stamp_equal (const RdWorklistStamp *a,
                          const RdWorklistStamp *b)
{
  return a->size == b->size && a->mtime_ns == b->mtime_ns && a->inode == b->inode &&
         a->wal_size == b->wal_size && a->wal_mtime_ns == b->wal_mtime_ns;
}

static void
request_payer (const RdRequest  *request,
               char            **payer,
               char            **plan)
{
  *payer = g_strdup (request->payer);
  *plan = g_strdup (request->plan);
}

/* The description of @code in the first policy code list that lists it. */
static const char *
describe_code (GPtrArray    *policies,
               RdCodeSystem  system,
               const char   *code)
{
  for (guint p = 0; policies != NULL && p < policies->len; p++)
    {
      GPtrArray *lists = rd_policy_get_code_lists (g_ptr_array_index (policies, p));

      for (guint l = 0; l < lists->len; l++)
        {
          const RdCodeList *list = g_ptr_array_index (lists, l);
          const RdCodeEntry *entry;

          if (list->system == system && (entry = rd_code_list_lookup (list, code)) && entry->description)
            return entry->description;
        }
    }
  return NULL;
}

static void
add_codes (GString      *words,
           GString      *codes,
           GPtrArray    *policies,
           RdCodeSystem  system,
           char * const *list)
{
  for (guint i = 0; list && list[i]; i++)
    {
      const char *description = describe_code (policies, system, list[i]);

      if (codes->len > 0)
        g_string_append (codes, ", ");
      g_string_append (codes, list[i]);
      if (words->len > 0)
        g_string_append (words, " · ");
      if (description)
        /* TRANSLATORS: a code and its description: "62362 Implantation of a programmable pump" */
        g_string_append_printf (words, C_("code", "%s %s"), list[i], description);
      else
        g_string_append (words, list[i]);
    }
}

/* The request in words: procedure codes first, then diagnoses, then the drug
 * and route, as a nurse reads a request. */
static void
describe_request (RdWorklistFields *fields,
                  const RdRequest  *request,
                  GPtrArray        *policies)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) codes = g_string_new (NULL);

  add_codes (words, codes, policies, RD_CODE_SYSTEM_CPT, request->cpt_codes);
  add_codes (words, codes, policies, RD_CODE_SYSTEM_HCPCS, request->hcpcs_codes);
  add_codes (words, codes, policies, RD_CODE_SYSTEM_ICD10_PCS, request->icd10_pcs_codes);
  add_codes (words, codes, policies, RD_CODE_SYSTEM_ICD10_CM, request->icd10_cm_codes);
  if (request->drug && *request->drug)
    {
      if (words->len > 0)
        g_string_append (words, " · ");
      if (request->route && *request->route)
        /* TRANSLATORS: a drug and its route: "baclofen, intrathecal" */
        g_string_append_printf (words, _("%s, %s"), request->drug, request->route);
      else
        g_string_append (words, request->drug);
    }
  fields->request = g_string_free (g_steal_pointer (&words), FALSE);
  fields->codes = g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
add_text (GString    *text,
          const char *value)
{
  if (value && *value)
    {
      g_string_append (text, value);
      g_string_append_c (text, '\n');
    }
}

/* Whether anyone has scored, answered or checked anything: a case nobody has
 * worked on is new. Notes and where documents were found go into @notes. */
static gboolean
read_review (RdCaseFile *cf,
             GString    *notes)
{
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (cf, NULL);
  gboolean worked = FALSE;

  for (guint i = 0; reviews && i < reviews->len; i++)
    {
      const char *policy_id = ((RdCaseReview *) g_ptr_array_index (reviews, i))->policy_id;
      g_autoptr(GPtrArray) scores = rd_case_file_list_scores (cf, policy_id, NULL);
      g_autoptr(GPtrArray) conditions = rd_case_file_list_conditions (cf, policy_id, NULL);
      g_autoptr(GPtrArray) documentation = rd_case_file_list_documentation (cf, policy_id, NULL);

      for (guint s = 0; scores && s < scores->len; s++)
        {
          RdCaseScore *score = g_ptr_array_index (scores, s);
          worked |= score->score != RD_SCORE_UNSCORED;
          add_text (notes, score->note);
        }
      for (guint s = 0; conditions && s < conditions->len; s++)
        {
          RdCaseScore *answer = g_ptr_array_index (conditions, s);
          worked |= answer->score != RD_SCORE_UNSCORED;
          add_text (notes, answer->note);
        }
      for (guint s = 0; documentation && s < documentation->len; s++)
        {
          RdCaseDocItem *item = g_ptr_array_index (documentation, s);
          worked |= item->status != RD_DOC_STATUS_UNREVIEWED;
          add_text (notes, item->where_found);
        }
    }
  return worked;
}

static char *
last_reviewer (RdCaseFile *cf)
{
  g_autoptr(GPtrArray) audit = rd_case_file_list_audit (cf, NULL);

  for (guint i = audit ? audit->len : 0; i > 0; i--)
    {
      RdAuditEntry *entry = g_ptr_array_index (audit, i - 1);
      if (g_strcmp0 (entry->role, "system") != 0)
        return g_strdup (entry->who);
    }
  return NULL;
}

static RdWorklistStatus
worklist_status (RdCaseStatus status,
                 gboolean     worked,
                 gboolean     decided)
{
  switch (status)
    {
    case RD_CASE_STATUS_PENDED: return RD_WORKLIST_STATUS_PENDED;
    case RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR: return RD_WORKLIST_STATUS_WITH_MEDICAL_DIRECTOR;
    case RD_CASE_STATUS_DECIDED: return RD_WORKLIST_STATUS_DECIDED;
    case RD_CASE_STATUS_SEALED: return RD_WORKLIST_STATUS_SEALED;
    case RD_CASE_STATUS_IN_REVIEW:
    default:
      return worked || decided ? RD_WORKLIST_STATUS_IN_REVIEW : RD_WORKLIST_STATUS_NEW;
    }
}

static gint64
to_us (GDateTime *time)
{
  return time ? g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time) : 0;
}

static void
read_fields (RdWorklistFields *fields,
             RdCaseFile       *cf,
             GPtrArray        *policies)
{
  g_autoptr(RdRequest) request = rd_case_file_get_request (cf, NULL);
  g_autoptr(GPtrArray) decisions = rd_case_file_list_decisions (cf, NULL);
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) updated = rd_case_file_get_updated (cf);
  g_autoptr(GString) search = g_string_new (NULL);
  g_autofree char *name = g_path_get_basename (fields->path);
  gboolean worked = read_review (cf, search);

  fields->case_id = g_strdup (rd_case_file_get_case_id (cf));
  if (request)
    {
      fields->member_name = g_strdup (request->member_name);
      fields->member_id = g_strdup (request->member_id);
      request_payer (request, &fields->payer, &fields->plan);
      describe_request (fields, request, policies);
      /* The case's due time: its line of business's rule, and an extension. */
      due = rd_case_file_get_due_time (cf, NULL);
      add_text (search, request->provider_name);
      add_text (search, request->provider_npi);
      add_text (search, request->device);
    }
  for (guint i = 0; decisions && i < decisions->len; i++)
    {
      RdCaseDecision *decision = g_ptr_array_index (decisions, i);
      add_text (search, rd_decision_kind_to_string (decision->kind));
      add_text (search, decision->outcome_id);
      add_text (search, decision->rationale);
    }
  fields->status = worklist_status (rd_case_file_get_status (cf), worked, decisions && decisions->len > 0);
  fields->reviewer = last_reviewer (cf);
  fields->due = to_us (due);
  fields->updated = to_us (updated);
  add_text (search, fields->member_name);
  add_text (search, fields->member_id);
  add_text (search, fields->case_id);
  add_text (search, name);
  add_text (search, fields->payer);
  add_text (search, fields->plan);
  add_text (search, fields->request);
  add_text (search, fields->codes);
  add_text (search, fields->reviewer);
  fields->search_text = _rd_worklist_fold (search->str);
}

RdWorklistEntry *
_rd_worklist_read_case (const char *path,
                        GPtrArray  *policies)
{
  RdWorklistFields fields = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (path, RD_CASE_FILE_OPEN_READ_ONLY, &error);

  fields.path = g_strdup (path);
  if (cf == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      fields.status = RD_WORKLIST_STATUS_UNREADABLE;
      fields.problem = g_strdup (error->message);
      fields.search_text = _rd_worklist_fold (name);
      return _rd_worklist_entry_new_take (&fields);
    }
  read_fields (&fields, cf, policies);
  rd_case_file_close (cf);
  return _rd_worklist_entry_new_take (&fields);
}
