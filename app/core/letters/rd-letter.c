/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-evaluate.h"
#include "rd-letter.h"
#include "rd-verdict.h"

/* Composes the determination letter from what the case file holds: the
 * request, the latest determination (who, credentials, role, rationale), and
 * for each policy the case was reviewed against, the engine's verdict from the
 * stored scores, so the letter names the criteria the determination rests on
 * with the policy's own citation. Policy text is quoted as the policy gives it;
 * everything the letter says around it is translated. */

G_DEFINE_QUARK (rd-letter-error-quark, rd_letter_error)

typedef struct {
  RdCaseReview *review;   /* borrowed from the reviews array */
  RdPolicy     *policy;   /* nullable: the policy is not installed */
  RdVerdict    *verdict;  /* nullable: likewise */
} Cited;

typedef struct {
  RdLetter        *letter;
  RdCaseFile      *case_file;
  const RdRequest *request;
  RdCaseDecision  *decision;  /* nullable: a draft */
  GArray          *cited;     /* Cited */
} Composer;

static void
cited_clear (Cited *cited)
{
  g_clear_object (&cited->policy);
  g_clear_pointer (&cited->verdict, rd_verdict_free);
}

static void
block_free (RdLetterBlock *block)
{
  g_free (block->label);
  g_free (block->text);
  g_free (block);
}

static RdLetter *
letter_new (void)
{
  RdLetter *letter = g_new0 (RdLetter, 1);

  g_atomic_ref_count_init (&letter->ref_count);
  letter->policies = g_ptr_array_new_with_free_func (g_free);
  letter->criteria = g_ptr_array_new_with_free_func (g_free);
  letter->documentation = g_ptr_array_new_with_free_func (g_free);
  letter->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  return letter;
}

RdLetter *
rd_letter_ref (RdLetter *letter)
{
  g_return_val_if_fail (letter != NULL, NULL);
  g_atomic_ref_count_inc (&letter->ref_count);
  return letter;
}

void
rd_letter_unref (RdLetter *letter)
{
  g_return_if_fail (letter != NULL);

  if (!g_atomic_ref_count_dec (&letter->ref_count))
    return;
  g_free (letter->case_id);
  g_free (letter->seal_token);
  g_free (letter->title);
  g_free (letter->determination);
  g_free (letter->outcome_id);
  g_free (letter->decided_by);
  g_ptr_array_unref (letter->policies);
  g_ptr_array_unref (letter->criteria);
  g_ptr_array_unref (letter->documentation);
  g_ptr_array_unref (letter->blocks);
  g_free (letter);
}

/* ---- blocks ----------------------------------------------------------------- */

static void
add (Composer          *c,
     RdLetterBlockKind  kind,
     const char        *label,
     const char        *text)
{
  RdLetterBlock *block;

  if (text == NULL || *text == '\0')
    return;
  block = g_new0 (RdLetterBlock, 1);
  block->kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (text);
  g_ptr_array_add (c->letter->blocks, block);
}

static void
add_unique (GPtrArray  *ids,
            const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return;
  g_ptr_array_add (ids, g_strdup (id));
}

static void
set_str (char       **field,
         const char  *value)
{
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static char *
format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d");
}

static char *
join_codes (char **codes)
{
  return codes != NULL && codes[0] != NULL ? g_strjoinv (", ", codes) : NULL;
}

static const char *
request_type_label (RdRequestType type)
{
  switch (type)
    {
    case RD_REQUEST_TYPE_REPLACEMENT: return _("Replacement");
    case RD_REQUEST_TYPE_TRIAL: return _("Trial");
    case RD_REQUEST_TYPE_REVISION: return _("Revision");
    case RD_REQUEST_TYPE_REFILL: return _("Refill");
    case RD_REQUEST_TYPE_INITIAL:
    default: return _("Initial");
    }
}

/* "Blue Shield of California 7.01.41" */
static char *
policy_name (RdPolicy *policy)
{
  /* TRANSLATORS: a policy's payer and number */
  return g_strdup_printf (_("%s %s"), rd_policy_get_payer (policy), rd_policy_get_number (policy));
}

/* The policy's own words for a record, with where they come from. */
static void
add_cite (Composer     *c,
          RdPolicy     *policy,
          const RdCite *cite)
{
  g_autofree char *name = NULL;
  g_autofree char *where = NULL;

  if (cite == NULL || cite->text == NULL)
    return;
  name = policy_name (policy);
  /* TRANSLATORS: where a quotation comes from: the policy, then its section */
  where = cite->section ? g_strdup_printf (_("%s, %s"), name, cite->section) : g_steal_pointer (&name);
  add (c, RD_LETTER_BLOCK_QUOTE, where, cite->text);
}

/* ---- the parts of the letter ------------------------------------------------ */

static void
add_parties (Composer *c)
{
  const RdRequest *r = c->request;

  add (c, RD_LETTER_BLOCK_HEADING, NULL, _("Member and Provider"));
  add (c, RD_LETTER_BLOCK_FIELD, _("Member"), r->member_name);
  add (c, RD_LETTER_BLOCK_FIELD, _("Member ID"), r->member_id);
  add (c, RD_LETTER_BLOCK_FIELD, _("Date of birth"), r->member_birth_date);
  add (c, RD_LETTER_BLOCK_FIELD, _("Requesting provider"), r->provider_name);
  add (c, RD_LETTER_BLOCK_FIELD, _("Provider NPI"), r->provider_npi);
}

static void
add_request (Composer *c)
{
  const RdRequest *r = c->request;
  g_autoptr(GString) procedure = g_string_new (NULL);
  const struct { const char *system; char **codes; } systems[] = {
    { "CPT", r->cpt_codes }, { "HCPCS", r->hcpcs_codes }, { "ICD-10-PCS", r->icd10_pcs_codes },
  };
  g_autofree char *diagnoses = join_codes (r->icd10_cm_codes);
  g_autofree char *received = format_date (r->received);

  for (guint i = 0; i < G_N_ELEMENTS (systems); i++)
    {
      g_autofree char *codes = join_codes (systems[i].codes);
      if (codes)
        g_string_append_printf (procedure, "%s%s %s", procedure->len ? "; " : "", systems[i].system, codes);
    }
  add (c, RD_LETTER_BLOCK_HEADING, NULL, _("The Request"));
  add (c, RD_LETTER_BLOCK_FIELD, _("Procedure"), procedure->str);
  add (c, RD_LETTER_BLOCK_FIELD, _("Diagnosis (ICD-10-CM)"), diagnoses);
  add (c, RD_LETTER_BLOCK_FIELD, _("Drug"), r->drug);
  add (c, RD_LETTER_BLOCK_FIELD, _("Route"), r->route);
  add (c, RD_LETTER_BLOCK_FIELD, _("Device"), r->device);
  add (c, RD_LETTER_BLOCK_FIELD, _("Request type"), request_type_label (r->type));
  add (c, RD_LETTER_BLOCK_FIELD, _("Urgency"), r->urgency == RD_URGENCY_EXPEDITED ? _("Expedited") : _("Standard"));
  add (c, RD_LETTER_BLOCK_FIELD, _("Received"), received);
}

/* The outcome decided, looked up in the cited policies (the first that has it). */
static const RdOutcome *
find_outcome (Composer   *c,
              const char *outcome_id,
              RdPolicy  **policy)
{
  for (guint i = 0; outcome_id && i < c->cited->len; i++)
    {
      Cited *cited = &g_array_index (c->cited, Cited, i);
      const RdOutcome *outcome = cited->policy ? rd_policy_find_outcome (cited->policy, outcome_id) : NULL;

      if (outcome)
        {
          *policy = cited->policy;
          return outcome;
        }
    }
  return NULL;
}

static void
add_determination (Composer *c)
{
  RdLetter *l = c->letter;
  RdPolicy *policy = NULL;
  const RdOutcome *outcome = find_outcome (c, l->outcome_id, &policy);
  g_autofree char *sentence = NULL;

  if (outcome)
    set_str (&l->determination, outcome->label);
  else if (l->kind == RD_LETTER_PEND)
    set_str (&l->determination, _("Pended for documentation"));
  else if (l->outcome_id)
    set_str (&l->determination, l->outcome_id);
  else
    set_str (&l->determination, l->kind == RD_LETTER_ADVERSE ? _("Not approved") : _("Approved"));

  add (c, RD_LETTER_BLOCK_HEADING, NULL, _("Determination"));
  switch (l->kind)
    {
    case RD_LETTER_ADVERSE:
      /* TRANSLATORS: %s is the outcome in the policy's own words, e.g. "Investigational" */
      sentence = g_strdup_printf (_("%s. The request is not approved: it does not meet the policy’s criteria for"
                                    " coverage, for the reasons below."), l->determination);
      break;
    case RD_LETTER_APPROVAL:
      /* TRANSLATORS: %s is the outcome in the policy's own words, e.g. "Medically necessary" */
      sentence = g_strdup_printf (_("%s. The request is approved: it meets the policy’s criteria."),
                                  l->determination);
      break;
    case RD_LETTER_PEND:
    default:
      sentence = g_strdup (_("No determination can be made yet: the records do not show whether the policy’s"
                             " criteria are met. The request is pended until the documentation below is"
                             " received."));
      break;
    }
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, sentence);
  if (outcome)
    add_cite (c, policy, &outcome->cite);
}

/* "effective 2019-05-01, revised 2023-08-10" from the dates the policy gives. */
static char *
policy_dates (RdPolicy *p)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (rd_policy_get_effective (p))
    g_ptr_array_add (parts, g_strdup_printf (_("effective %s"), rd_policy_get_effective (p)));
  if (rd_policy_get_revised (p))
    g_ptr_array_add (parts, g_strdup_printf (_("revised %s"), rd_policy_get_revised (p)));
  if (rd_policy_get_published (p))
    g_ptr_array_add (parts, g_strdup_printf (_("published %s"), rd_policy_get_published (p)));
  if (parts->len == 0)
    return g_strdup (_("undated"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
add_policies (Composer *c)
{
  add (c, RD_LETTER_BLOCK_HEADING, NULL, c->cited->len > 1 ? _("Policies Applied") : _("Policy Applied"));
  if (c->cited->len == 0)
    add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, _("No policy was confirmed for this case at intake."));
  for (guint i = 0; i < c->cited->len; i++)
    {
      Cited *cited = &g_array_index (c->cited, Cited, i);
      RdPolicy *p = cited->policy;
      g_autofree char *name = NULL;
      g_autofree char *version = NULL;
      g_autofree char *dates = NULL;

      add_unique (c->letter->policies, cited->review->policy_id);
      if (p == NULL)
        {
          /* TRANSLATORS: a policy that is not installed: its id and the hash of the version reviewed */
          version = g_strdup_printf (_("%s (version SHA-256 %s; the policy is not installed here, so its criteria"
                                       " are not quoted)"), cited->review->policy_id, cited->review->content_hash);
          add (c, RD_LETTER_BLOCK_ITEM, NULL, version);
          continue;
        }
      /* TRANSLATORS: a policy's payer, number and title */
      name = g_strdup_printf (_("%s %s: %s"), rd_policy_get_payer (p), rd_policy_get_number (p), rd_policy_get_title (p));
      add (c, RD_LETTER_BLOCK_ITEM, NULL, name);
      dates = policy_dates (p);
      /* TRANSLATORS: a policy's version: its dates (e.g. "effective 2019-05-01"), then the content hash the review pinned */
      version = g_strdup_printf (_("Version: %s; the version reviewed has SHA-256 %s."), dates,
                                 cited->review->content_hash);
      add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, version);
      if (g_strcmp0 (rd_policy_get_hash (p), cited->review->content_hash) != 0)
        add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL,
             _("The installed version of this policy differs from the one the case was reviewed against; the"
               " criteria below are quoted from the installed version."));
    }
}

static void
add_criterion (Composer     *c,
               Cited        *cited,
               const RdNode *node)
{
  g_autofree char *id = NULL;

  if (node == NULL || node->text == NULL)
    return;
  id = g_strdup_printf ("%s/%s", cited->review->policy_id, node->id);
  add_unique (c->letter->criteria, id);
  add (c, RD_LETTER_BLOCK_ITEM, NULL, node->text);
  add_cite (c, cited->policy, &node->cite);
}

/* The criteria of @cited's evaluations whose truth is @truth: the decisive ones
 * first; when none is decisive (a director who departs from the engine), every
 * criterion with that truth. */
static guint
add_criteria_with (Composer *c,
                   Cited    *cited,
                   RdTruth   truth)
{
  GPtrArray *evaluations = cited->verdict->evaluations;
  guint before = c->letter->criteria->len;

  for (guint i = 0; i < evaluations->len; i++)
    {
      RdEvaluation *e = g_ptr_array_index (evaluations, i);

      if (truth == RD_TRUTH_TRUE && e != cited->verdict->deciding)
        continue;
      for (guint j = 0; j < e->decisive->len; j++)
        {
          const RdNode *node = rd_policy_find_node (cited->policy, g_ptr_array_index (e->decisive, j));
          if (node && rd_evaluation_get_node_truth (e, node) == truth)
            add_criterion (c, cited, node);
        }
    }
  for (guint i = 0; c->letter->criteria->len == before && i < evaluations->len; i++)
    {
      RdEvaluation *e = g_ptr_array_index (evaluations, i);
      g_autoptr(GPtrArray) criteria = rd_policy_get_criteria (cited->policy, e->indication);

      for (guint j = 0; j < criteria->len; j++)
        {
          const RdNode *node = g_ptr_array_index (criteria, j);
          if (rd_evaluation_get_node_truth (e, node) == truth)
            add_criterion (c, cited, node);
        }
    }
  return c->letter->criteria->len - before;
}

/* A use the policy excludes outright decides without criteria. */
static guint
add_exclusions (Composer *c,
                Cited    *cited)
{
  GPtrArray *hits = cited->verdict->match->exclusions;
  guint n = 0;

  if (cited->verdict->match->direct_outcome == NULL)
    return 0;
  for (guint i = 0; i < hits->len; i++)
    {
      RdExclusionHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == RD_EXCLUSION_HIT_TO_CHECK)
        continue;
      add (c, RD_LETTER_BLOCK_ITEM, NULL, hit->exclusion->text);
      add_cite (c, cited->policy, &hit->exclusion->cite);
      n++;
    }
  return n;
}

static void
add_documentation_item (Composer   *c,
                        Cited      *cited,
                        const char *item_id)
{
  const RdDocItem *item = rd_policy_find_doc_item (cited->policy, item_id);
  g_autofree char *id = g_strdup_printf ("%s/%s", cited->review->policy_id, item_id);

  if (item == NULL)
    return;
  for (guint i = 0; i < c->letter->documentation->len; i++)
    if (g_str_equal (g_ptr_array_index (c->letter->documentation, i), id))
      return;
  g_ptr_array_add (c->letter->documentation, g_steal_pointer (&id));
  add (c, RD_LETTER_BLOCK_ITEM, NULL, item->text);
  add_cite (c, cited->policy, &item->cite);
}

/* What a pend asks for: the documentation that would decide the criteria left
 * open, and whatever the nurse found missing on the checklist. */
static void
add_documentation (Composer *c)
{
  add (c, RD_LETTER_BLOCK_HEADING, NULL, _("Documentation Requested"));
  for (guint i = 0; i < c->cited->len; i++)
    {
      Cited *cited = &g_array_index (c->cited, Cited, i);
      g_autoptr(GPtrArray) checklist = NULL;

      if (cited->verdict == NULL)
        continue;
      for (guint j = 0; j < cited->verdict->missing_documentation->len; j++)
        add_documentation_item (c, cited, g_ptr_array_index (cited->verdict->missing_documentation, j));
      checklist = rd_case_file_list_documentation (c->case_file, cited->review->policy_id, NULL);
      for (guint j = 0; checklist && j < checklist->len; j++)
        {
          RdCaseDocItem *doc = g_ptr_array_index (checklist, j);
          if (doc->status == RD_DOC_STATUS_MISSING)
            add_documentation_item (c, cited, doc->item_id);
        }
    }
  if (c->letter->documentation->len == 0)
    add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, _("The documentation requested is listed in the rationale below."));
}

static void
add_reasons (Composer *c)
{
  RdLetterKind kind = c->letter->kind;
  guint n = 0;

  if (kind == RD_LETTER_PEND)
    {
      add_documentation (c);
      add (c, RD_LETTER_BLOCK_HEADING, NULL, _("Criteria Not Yet Shown"));
    }
  else
    add (c, RD_LETTER_BLOCK_HEADING, NULL,
         kind == RD_LETTER_ADVERSE ? _("Why the Request Is Not Approved") : _("Criteria Met"));
  for (guint i = 0; i < c->cited->len; i++)
    {
      Cited *cited = &g_array_index (c->cited, Cited, i);
      guint excluded = 0;

      if (cited->verdict == NULL || !cited->verdict->governs)
        continue;
      /* A use the policy excludes is the reason; otherwise its criteria are. */
      if (kind == RD_LETTER_ADVERSE)
        excluded = add_exclusions (c, cited);
      n += excluded;
      if (excluded == 0)
        n += add_criteria_with (c, cited, kind == RD_LETTER_ADVERSE ? RD_TRUTH_FALSE
                                          : kind == RD_LETTER_APPROVAL ? RD_TRUTH_TRUE
                                          : RD_TRUTH_UNKNOWN);
    }
  if (n == 0)
    add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, _("The reviewer’s rationale below gives the reasons."));
}

static void
add_rationale (Composer *c)
{
  if (c->decision == NULL || c->decision->rationale == NULL || *g_strstrip (c->decision->rationale) == '\0')
    return;
  add (c, RD_LETTER_BLOCK_HEADING, NULL, _("Rationale"));
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, c->decision->rationale);
}

static void
add_reviewer (Composer *c)
{
  RdLetter *l = c->letter;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  add (c, RD_LETTER_BLOCK_HEADING, NULL,
       l->kind == RD_LETTER_ADVERSE ? _("Physician Reviewer") : _("Reviewer"));
  if (c->decision == NULL)
    {
      add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL,
           l->kind == RD_LETTER_ADVERSE
           ? _("To be signed by the medical director (physician reviewer) who makes the determination.")
           : _("To be signed by the reviewer who makes the determination."));
      return;
    }
  date = format_date (c->decision->time);
  l->decided_by = c->decision->credentials ? g_strdup_printf ("%s, %s", c->decision->who, c->decision->credentials)
                                           : g_strdup (c->decision->who);
  l->decided_role = c->decision->role;
  if (l->kind == RD_LETTER_ADVERSE)
    /* TRANSLATORS: the physician who signed an adverse determination (name and credentials), and the date */
    text = g_strdup_printf (_("This determination was made by %s, medical director (physician reviewer), on %s."),
                            l->decided_by, date);
  else
    /* TRANSLATORS: who recorded the determination (name and credentials), their role, and the date */
    text = g_strdup_printf (_("This determination was recorded by %s, %s, on %s."), l->decided_by,
                            rd_role_to_label (l->decided_role), date);
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, text);
}

/* The director's signed seal, in words and as the line that
 * "case verify --against" reads back. */
static void
add_seal (Composer *c)
{
  RdLetter *l = c->letter;

  if (l->seal_token == NULL)
    return;
  add (c, RD_LETTER_BLOCK_HEADING, NULL, _("Seal"));
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL,
       _("The case this letter was written from is sealed and signed by the medical director. To check that"
         " the case still holds exactly what this letter was written from, run"
         " “reviewdesk-tool case verify CASE --against LETTER”, which reads the line below."));
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL, l->seal_token);
}

static void
add_appeal_rights (Composer *c)
{
  add (c, RD_LETTER_BLOCK_HEADING, NULL, _("Your Right to Appeal"));
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL,
       _("[TEMPLATE: replace this section with the plan’s own appeal rights text, and its deadlines, before the"
         " letter is sent.]"));
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL,
       _("You, or your provider on your behalf, may ask for this decision to be reviewed again (an appeal)."
         " Send your request in writing, with any records that support it, within the time your plan allows"
         " after the date of this letter. Your provider may also ask to discuss the decision with the physician"
         " reviewer (a peer-to-peer discussion)."));
  add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL,
       _("If waiting for a standard appeal could seriously harm your life or health, you may ask for an"
         " expedited appeal. You may have the right to an external review by an independent organization"
         " once the plan’s appeals are complete."));
}

/* ---- composing ---------------------------------------------------------------- */

static RdCaseDecision *
letter_decision (GPtrArray *decisions)
{
  RdCaseDecision *last;

  if (decisions == NULL || decisions->len == 0)
    return NULL;
  last = g_ptr_array_index (decisions, decisions->len - 1);
  return last->kind == RD_DECISION_SEND_TO_DIRECTOR ? NULL : last;
}

static gboolean
collect_cited (Composer   *c,
               GPtrArray  *reviews,
               GPtrArray  *policies,
               GError    **error)
{
  for (guint i = 0; i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      RdPolicy *policy = policies ? rd_policy_find_in (policies, review->policy_id) : NULL;
      Cited cited = { review, NULL, NULL };

      if (policy)
        {
          g_autoptr(GHashTable) scores = rd_case_scores_table (c->case_file, review->policy_id, error);

          if (scores == NULL)
            return FALSE;
          cited.policy = g_object_ref (policy);
          cited.verdict = rd_verdict_new (policy, c->request, scores);
          /* A policy counts when an indication is under review or a
           * diagnosis leads straight to one of its outcomes. */
          if (review->indications[0] == NULL && cited.verdict->match->direct_outcome == NULL)
            {
              cited_clear (&cited);
              continue;
            }
        }
      else if (review->indications[0] == NULL)
        continue;
      g_array_append_val (c->cited, cited);
    }
  return TRUE;
}

/* Without a determination, the draft says what the engine recommends. */
static void
draft_kind (Composer *c)
{
  gboolean all_met = c->cited->len > 0;

  c->letter->kind = RD_LETTER_PEND;
  for (guint i = 0; i < c->cited->len; i++)
    {
      Cited *cited = &g_array_index (c->cited, Cited, i);
      const RdOutcome *outcome = cited->verdict ? cited->verdict->outcome : NULL;

      if (outcome && outcome->adverse)
        {
          c->letter->kind = RD_LETTER_ADVERSE;
          set_str (&c->letter->outcome_id, outcome->id);
          return;
        }
      if (outcome == NULL)
        all_met = FALSE;
      else if (c->letter->outcome_id == NULL)
        set_str (&c->letter->outcome_id, outcome->id);
    }
  if (all_met)
    c->letter->kind = RD_LETTER_APPROVAL;
  else
    g_clear_pointer (&c->letter->outcome_id, g_free);
}

static void
decided_kind (Composer *c)
{
  RdCaseDecision *d = c->decision;

  set_str (&c->letter->outcome_id, d->outcome_id);
  if (d->kind == RD_DECISION_PEND)
    c->letter->kind = RD_LETTER_PEND;
  else if (d->adverse)
    c->letter->kind = RD_LETTER_ADVERSE;
  else
    c->letter->kind = RD_LETTER_APPROVAL;
  /* An approval recorded without an outcome approves what the engine found met. */
  for (guint i = 0; c->letter->kind == RD_LETTER_APPROVAL && c->letter->outcome_id == NULL && i < c->cited->len; i++)
    {
      Cited *cited = &g_array_index (c->cited, Cited, i);
      if (cited->verdict && cited->verdict->outcome && !cited->verdict->outcome->adverse)
        set_str (&c->letter->outcome_id, cited->verdict->outcome->id);
    }
}

static void
set_title (RdLetter *l)
{
  const char *title;

  switch (l->kind)
    {
    case RD_LETTER_ADVERSE: title = _("Notice of Adverse Determination"); break;
    case RD_LETTER_APPROVAL: title = _("Notice of Approval"); break;
    case RD_LETTER_PEND:
    default: title = _("Request for Additional Documentation"); break;
    }
  l->title = l->draft ? g_strdup_printf (_("Draft: %s"), title) : g_strdup (title);
}

static void
add_header (Composer *c)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = format_date (c->decision ? c->decision->time : now);

  if (c->letter->draft)
    add (c, RD_LETTER_BLOCK_PARAGRAPH, NULL,
         _("DRAFT: no determination has been recorded on this case. This draft follows the engine’s"
           " recommendation from the scores; it is not a notice and must not be sent."));
  add (c, RD_LETTER_BLOCK_FIELD, _("Case"), c->letter->case_id);
  add (c, RD_LETTER_BLOCK_FIELD, _("Date"), date);
}

static gboolean
check_request (const RdRequest  *request,
               const char       *path,
               GError          **error)
{
  if (request != NULL && request->member_name != NULL)
    return TRUE;
  g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_REQUEST,
               _("“%s” has no request yet: enter the member and the request at intake before writing a letter."),
               path);
  return FALSE;
}

/**
 * rd_letter_compose:
 * @case_file: the case
 * @policies: (element-type RdPolicy) (nullable): the installed policies
 * @flags: whether a draft may be composed before a determination
 *
 * Composes the determination letter. The determination is the case's latest
 * decision when it is an approval, a pend or a medical director's final
 * determination; a case that is only sent to a medical director, or not
 * decided, has none (%RD_LETTER_ERROR_NO_DECISION unless
 * %RD_LETTER_ALLOW_DRAFT).
 *
 * Returns: (transfer full): the letter, or %NULL with @error set
 */
RdLetter *
rd_letter_compose (RdCaseFile     *case_file,
                   GPtrArray      *policies,
                   RdLetterFlags   flags,
                   GError        **error)
{
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GArray) cited = g_array_new (FALSE, TRUE, sizeof (Cited));
  g_autoptr(RdLetter) letter = letter_new ();
  GError *local_error = NULL;
  Composer c = { 0 };

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);

  g_array_set_clear_func (cited, (GDestroyNotify) cited_clear);
  request = rd_case_file_get_request (case_file, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!check_request (request, rd_case_file_get_path (case_file), error))
    return NULL;
  decisions = rd_case_file_list_decisions (case_file, error);
  reviews = decisions ? rd_case_file_list_reviews (case_file, error) : NULL;
  if (reviews == NULL)
    return NULL;

  c.letter = letter;
  c.case_file = case_file;
  c.request = request;
  c.decision = letter_decision (decisions);
  c.cited = cited;
  if (c.decision == NULL && !(flags & RD_LETTER_ALLOW_DRAFT))
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_DECISION,
                   _("“%s” has no determination yet (status: %s). A letter is written once a determination,"
                     " an approval or a pend is recorded."),
                   rd_case_file_get_path (case_file), rd_case_status_to_label (rd_case_file_get_status (case_file)));
      return NULL;
    }
  if (!collect_cited (&c, reviews, policies, error))
    return NULL;

  letter->case_id = g_strdup (rd_case_file_get_case_id (case_file));
  letter->draft = c.decision == NULL;
  if (letter->draft)
    draft_kind (&c);
  else
    decided_kind (&c);
  set_title (letter);

  add_header (&c);
  add_parties (&c);
  add_request (&c);
  add_determination (&c);
  add_policies (&c);
  add_reasons (&c);
  add_rationale (&c);
  add_reviewer (&c);
  if (letter->kind == RD_LETTER_ADVERSE)
    add_appeal_rights (&c);
  letter->seal_token = rd_case_file_get_seal_token (case_file, NULL);
  add_seal (&c);
  return g_steal_pointer (&letter);
}
