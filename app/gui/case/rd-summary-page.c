/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-evaluate.h"
#include "rd-grade-view.h"
#include "rd-label.h"
#include "rd-reporter.h"
#include "rd-summary-page.h"
#include "rd-verdict.h"

/* The end of a review: the engine's recommendation per policy in the policy's
 * words, the criteria that decide it, what is missing, a rationale the nurse
 * can edit, and the three things a nurse may do: approve (only when the engine
 * says a nurse may), send to a medical director, or pend for documentation.
 * There is no way here to record a denial: only a medical director issues an
 * adverse determination. Each action is confirmed, then recorded (and audited
 * by the case file) with who and when, and signed with the reviewer's key:
 * without a signing key the actions are off, and the page says why and
 * offers what to do about it (rd_summary_page_set_signing_help()). */

#define RATIONALE_SAVE_DELAY_MS 800

typedef struct {
  RdSummaryPage *page;
  RdPolicy      *policy;
  RdVerdict     *verdict;       /* the engine's recommendation for the policy */
  GtkWidget     *verdict_label;
  GtkWidget     *details;
  GtkWidget     *rationale;     /* GtkTextView */
  gboolean       refreshing;
  guint          save_id;
} Card;

struct _RdSummaryPage
{
  AdwBin       parent_instance;

  GtkWidget   *decision_label;
  GtkWidget   *cards_box;
  GtkWidget   *request_box;
  GtkWidget   *request_label;
  GtkWidget   *approve_note;
  GtkWidget   *signing_box;     /* why nothing can be decided: no signing key */
  GtkWidget   *signing_label;   /* AdwActionRow */
  GtkWidget   *signing_button;
  GtkWidget   *grade_view;      /* RdGradeView: training cases only */
  RdCaseFile  *case_file;
  GPtrArray   *policies;
  GPtrArray   *cards;           /* Card */
  char        *signature;       /* the reviews the cards show */
  GPtrArray   *to_request;      /* utf8: documentation to ask the provider for */
  gboolean     may_approve;
  RdStepState  state;
};

G_DEFINE_FINAL_TYPE (RdSummaryPage, rd_summary_page, ADW_TYPE_BIN)

static void
card_free (Card *card)
{
  g_clear_handle_id (&card->save_id, g_source_remove);
  g_clear_pointer (&card->verdict, rd_verdict_free);
  g_clear_object (&card->policy);
  g_free (card);
}

static void
append_criteria (GString    *text,
                 RdPolicy   *policy,
                 GPtrArray  *ids,
                 const char *heading)
{
  if (ids->len == 0)
    return;
  g_string_append_printf (text, "\n%s", heading);
  for (guint i = 0; i < ids->len; i++)
    {
      const RdNode *node = rd_policy_find_node (policy, g_ptr_array_index (ids, i));
      g_string_append_printf (text, "\n  • %s", node && node->text ? node->text : (char *) g_ptr_array_index (ids, i));
    }
}

static void
append_documents (GString    *text,
                  RdPolicy   *policy,
                  GPtrArray  *ids,
                  const char *heading)
{
  if (ids->len == 0)
    return;
  g_string_append_printf (text, "\n%s", heading);
  for (guint i = 0; i < ids->len; i++)
    {
      const RdDocItem *item = rd_policy_find_doc_item (policy, g_ptr_array_index (ids, i));
      g_string_append_printf (text, "\n  • %s", item ? item->text : (char *) g_ptr_array_index (ids, i));
    }
}

/* The draft the nurse starts from: each indication's result and what decides it. */
static char *
draft_rationale (Card *card)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (card->verdict->evaluations->len == 0)
    g_string_append_printf (text, "%s.", card->verdict->label);
  for (guint i = 0; i < card->verdict->evaluations->len; i++)
    {
      RdEvaluation *e = g_ptr_array_index (card->verdict->evaluations, i);

      if (text->len)
        g_string_append (text, "\n\n");
      /* TRANSLATORS: an indication and its result, e.g. "Severe spasticity: Medically necessary." */
      g_string_append_printf (text, _("%s: %s."), e->indication->title, e->label);
      append_criteria (text, card->policy, e->decisive,
                       e->result == RD_TRUTH_TRUE ? _("Met:")
                       : e->result == RD_TRUTH_FALSE ? _("Not met:")
                       : _("Not documented or not yet scored:"));
      append_documents (text, card->policy, e->missing_documentation, _("Documentation to request:"));
      for (guint j = 0; j < e->md_reasons->len; j++)
        {
          RdMdReason *reason = g_ptr_array_index (e->md_reasons, j);
          if (j == 0)
            g_string_append_printf (text, "\n%s", _("A medical director decides because:"));
          g_string_append_printf (text, "\n  • %s", reason->text);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
rationale_text (Card *card)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (card->rationale));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
store_recommendation (Card        *card,
                      const char  *summary,
                      GError     **error)
{
  RdVerdict *verdict = card->verdict;
  RdCaseRecommendation recommendation = { 0 };

  recommendation.policy_id = (char *) rd_policy_get_id (card->policy);
  recommendation.outcome_id = (char *) (verdict->outcome ? verdict->outcome->id : "pend");
  recommendation.adverse = verdict->outcome && verdict->outcome->adverse;
  recommendation.criteria_met = verdict->nurse_may_approve;
  recommendation.summary = (char *) summary;
  return rd_case_file_set_recommendation (card->page->case_file, &recommendation, error);
}

static gboolean
save_rationale (gpointer data)
{
  Card *card = data;
  g_autofree char *text = rationale_text (card);
  g_autoptr(GError) error = NULL;

  card->save_id = 0;
  if (card->verdict && card->verdict->governs && !store_recommendation (card, text, &error))
    rd_report_error (GTK_WIDGET (card->page), error);
  return G_SOURCE_REMOVE;
}

static void
rationale_changed (GtkTextBuffer *buffer,
                   Card          *card)
{
  if (card->refreshing)
    return;
  g_clear_handle_id (&card->save_id, g_source_remove);
  card->save_id = g_timeout_add (RATIONALE_SAVE_DELAY_MS, save_rationale, card);
}

void
rd_summary_page_flush (RdSummaryPage *self)
{
  g_return_if_fail (RD_IS_SUMMARY_PAGE (self));

  for (guint i = 0; self->cards && i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      if (card->save_id)
        {
          g_clear_handle_id (&card->save_id, g_source_remove);
          save_rationale (card);
        }
    }
}

static void
regenerate_clicked (GtkButton *button,
                    Card      *card)
{
  g_autofree char *draft = NULL;

  if (card->verdict == NULL)
    return;
  draft = draft_rationale (card);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (card->rationale)), draft, -1);
}

static Card *
card_new (RdSummaryPage *self,
          RdPolicy      *policy)
{
  Card *card = g_new0 (Card, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *frame, *scrolled, *regenerate;
  /* TRANSLATORS: a policy's payer, number and title */
  g_autofree char *name = g_strdup_printf (_("%s %s: %s"), rd_policy_get_payer (policy),
                                           rd_policy_get_number (policy), rd_policy_get_title (policy));
  /* TRANSLATORS: the accessible name of a policy's rationale */
  g_autofree char *rationale_label = g_strdup_printf (_("Rationale for %s"), name);

  card->page = self;
  card->policy = g_object_ref (policy);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "summary-card");

  gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (name, "dim-label"));
  card->verdict_label = rd_label_new_wrapped (NULL, "title-3");
  gtk_box_append (GTK_BOX (box), card->verdict_label);
  card->details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), card->details);

  gtk_widget_set_hexpand (header, TRUE);
  gtk_box_append (GTK_BOX (header), rd_label_new_wrapped (_("Rationale"), "heading"));
  gtk_widget_set_hexpand (gtk_widget_get_first_child (header), TRUE);
  regenerate = gtk_button_new_with_mnemonic (_("_Redraft From Scores"));
  gtk_widget_add_css_class (regenerate, "flat");
  gtk_widget_set_tooltip_text (regenerate, _("Replace the rationale with a new draft from the current scores"));
  g_signal_connect (regenerate, "clicked", G_CALLBACK (regenerate_clicked), card);
  gtk_box_append (GTK_BOX (header), regenerate);
  gtk_box_append (GTK_BOX (box), header);

  card->rationale = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (card->rationale), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (card->rationale), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (card->rationale), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (card->rationale), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (card->rationale), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->rationale), GTK_ACCESSIBLE_PROPERTY_LABEL, rationale_label, -1);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (card->rationale)), "changed",
                    G_CALLBACK (rationale_changed), card);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), card->rationale);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (box), frame);

  gtk_box_append (GTK_BOX (self->cards_box), box);
  return card;
}

static void
add_detail (Card       *card,
            const char *heading,
            GPtrArray  *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (lines->len == 0)
    return;
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s• %s", i ? "\n" : "", (const char *) g_ptr_array_index (lines, i));
  gtk_box_append (GTK_BOX (card->details), rd_label_new_wrapped (heading, "heading"));
  gtk_box_append (GTK_BOX (card->details), rd_label_new_wrapped (text->str, NULL));
}

/* Where the request goes next, and how the policy treats a request of its
 * type when the policy is silent on it or does not govern it. */
static void
add_route (Card      *card,
           RdVerdict *verdict)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  const RdRequestRule *rule = verdict->match ? verdict->match->rule : NULL;

  g_ptr_array_add (lines, (gpointer) rd_route_to_label (verdict->route));
  if (rule != NULL && (rule->handling == RD_REQUEST_HANDLING_SILENT
                       || rule->handling == RD_REQUEST_HANDLING_NOT_GOVERNED))
    g_ptr_array_add (lines, (gpointer) rule->text);
  if (!verdict->governs && verdict->match)
    for (guint i = 0; i < verdict->match->reasons->len; i++)
      g_ptr_array_add (lines, verdict->match->reasons->pdata[i]);
  add_detail (card, _("Route"), lines);
}

/* The policy's own notes on what decides the result, which the reviewer
 * needs beside it. */
static void
add_policy_words (Card      *card,
                  RdVerdict *verdict)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  for (guint i = 0; i < verdict->notes->len; i++)
    {
      const RdNote *note = g_ptr_array_index (verdict->notes, i);
      if (note->kind == RD_NOTE_REVIEWER || note->kind == RD_NOTE_CASE_BY_CASE || note->kind == RD_NOTE_SAFETY)
        g_ptr_array_add (lines, (gpointer) note->text);
    }
  if (lines->len > 0)
    {
      /* TRANSLATORS: an expander over the policy's notes on the deciding criteria */
      g_autofree char *title = g_strdup_printf (ngettext ("The Policy’s Note on What Decides This (%u)",
                                                          "The Policy’s Notes on What Decides This (%u)", lines->len),
                                                lines->len);
      g_autoptr(GString) text = g_string_new (NULL);
      GtkWidget *expander = gtk_expander_new (title);

      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (text, "%s• %s", i ? "\n" : "", (const char *) g_ptr_array_index (lines, i));
      gtk_expander_set_child (GTK_EXPANDER (expander), rd_label_new_wrapped (text->str, NULL));
      gtk_box_append (GTK_BOX (card->details), expander);
    }
}

static void
show_card (Card      *card,
           GPtrArray *stored)
{
  RdVerdict *verdict = card->verdict;
  g_autoptr(GPtrArray) decisive = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  const char *summary = NULL;
  GtkWidget *child;
  static const char * const styles[] = { "success", "error", "warning" };

  while ((child = gtk_widget_get_first_child (card->details)))
    gtk_box_remove (GTK_BOX (card->details), child);

  gtk_label_set_label (GTK_LABEL (card->verdict_label), verdict->label);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (card->verdict_label, styles[i]);
  gtk_widget_add_css_class (card->verdict_label,
                            verdict->outcome == NULL ? "warning"
                            : verdict->outcome->adverse ? "error" : "success");

  for (guint i = 0; i < verdict->decisive->len; i++)
    {
      const RdNode *node = rd_policy_find_node (card->policy, g_ptr_array_index (verdict->decisive, i));
      RdTruth truth = verdict->deciding && node ? rd_evaluation_get_node_truth (verdict->deciding, node) : RD_TRUTH_UNKNOWN;

      if (node && node->text)
        /* TRANSLATORS: a decisive criterion: its text and what the scores make of it */
        g_ptr_array_add (decisive, g_strdup_printf (_("%s (%s)"), node->text,
                                                    truth == RD_TRUTH_TRUE ? _("met")
                                                    : truth == RD_TRUTH_FALSE ? _("not met")
                                                    : _("not documented or not scored")));
    }
  for (guint i = 0; i < verdict->missing_documentation->len; i++)
    {
      const RdDocItem *item = rd_policy_find_doc_item (card->policy, g_ptr_array_index (verdict->missing_documentation, i));
      if (item)
        g_ptr_array_add (missing, (gpointer) item->text);
    }
  add_route (card, verdict);
  add_detail (card, _("Decisive Criteria"), decisive);
  add_detail (card, _("Missing Documentation"), missing);
  add_detail (card, verdict->route == RD_ROUTE_MEDICAL_DIRECTOR ? _("Why a Medical Director Decides")
                                                                 : _("What Is Still Open"),
              verdict->md_reasons);
  add_policy_words (card, verdict);

  for (guint i = 0; stored && i < stored->len; i++)
    {
      RdCaseRecommendation *r = g_ptr_array_index (stored, i);
      if (g_str_equal (r->policy_id, rd_policy_get_id (card->policy)))
        summary = r->summary;
    }
  if (card->save_id == 0 && !gtk_widget_has_focus (card->rationale))
    {
      g_autofree char *text = summary ? g_strdup (summary) : draft_rationale (card);
      g_autofree char *current = rationale_text (card);

      if (g_strcmp0 (text, current) != 0)
        {
          card->refreshing = TRUE;
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (card->rationale)), text, -1);
          card->refreshing = FALSE;
        }
    }
}

static gboolean
review_has_card (RdSummaryPage   *self,
                 RdCaseReview    *review,
                 const RdRequest *request)
{
  return rd_case_review_is_under_way (review, rd_policy_find_in (self->policies, review->policy_id), request);
}

static char *
reviews_signature (RdSummaryPage   *self,
                   GPtrArray       *reviews,
                   const RdRequest *request)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; reviews && i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);

      if (review_has_card (self, review, request))
        g_string_append_printf (text, "%s;", review->policy_id);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
rebuild_cards (RdSummaryPage   *self,
               GPtrArray       *reviews,
               const RdRequest *request)
{
  GtkWidget *child;

  rd_summary_page_flush (self);
  g_ptr_array_set_size (self->cards, 0);
  while ((child = gtk_widget_get_first_child (self->cards_box)))
    gtk_box_remove (GTK_BOX (self->cards_box), child);
  for (guint i = 0; i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      if (review_has_card (self, review, request))
        g_ptr_array_add (self->cards, card_new (self, rd_policy_find_in (self->policies, review->policy_id)));
    }
  if (self->cards->len == 0)
    gtk_box_append (GTK_BOX (self->cards_box),
                    rd_label_new_wrapped (_("Confirm the applicable indications at intake and score their criteria: the recommendation shows here."),
                               "dim-label"));
}

static void
collect_missing_documentation (RdSummaryPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_set_size (self->to_request, 0);
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      g_autoptr(GPtrArray) docs = rd_case_file_list_documentation (self->case_file, rd_policy_get_id (card->policy), NULL);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      if (card->verdict)
        g_ptr_array_extend (ids, card->verdict->missing_documentation, NULL, NULL);
      for (guint j = 0; docs && j < docs->len; j++)
        {
          RdCaseDocItem *doc = g_ptr_array_index (docs, j);
          if (doc->status == RD_DOC_STATUS_MISSING)
            g_ptr_array_add (ids, doc->item_id);
        }
      for (guint j = 0; j < ids->len; j++)
        {
          const RdDocItem *item = rd_policy_find_doc_item (card->policy, g_ptr_array_index (ids, j));
          if (item && !g_hash_table_contains (seen, item->text))
            {
              g_hash_table_add (seen, (gpointer) item->text);
              g_ptr_array_add (self->to_request, g_strdup (item->text));
            }
        }
    }
}

static RdCaseDecision *
latest_decision (RdSummaryPage *self,
                 GPtrArray     *decisions)
{
  return decisions && decisions->len ? g_ptr_array_index (decisions, decisions->len - 1) : NULL;
}

static void
show_decision (RdSummaryPage  *self,
               RdCaseDecision *decision)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  g_autofree char *text = NULL;
  const char *what;

  gtk_widget_set_visible (self->decision_label, decision != NULL);
  if (decision == NULL)
    return;
  local = g_date_time_to_local (decision->time);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  who = decision->credentials ? g_strdup_printf ("%s, %s", decision->who, decision->credentials)
                              : g_strdup (decision->who);
  switch (decision->kind)
    {
    case RD_DECISION_APPROVE:
      what = _("Approved");
      break;
    case RD_DECISION_SEND_TO_DIRECTOR:
      what = _("Sent to a medical director");
      break;
    case RD_DECISION_PEND:
      what = _("Pended for documentation");
      break;
    case RD_DECISION_FINAL:
    default:
      what = _("Determination issued");
      break;
    }
  /* TRANSLATORS: the latest decision: what, by whom, when */
  text = g_strdup_printf (_("%s by %s on %s"), what, who, when);
  gtk_label_set_label (GTK_LABEL (self->decision_label), text);
}

static void
update_actions (RdSummaryPage *self,
                RdCaseStatus   status)
{
  gboolean open = status != RD_CASE_STATUS_DECIDED && status != RD_CASE_STATUS_SEALED &&
                  !rd_case_file_is_read_only (self->case_file);
  gboolean signs = rd_case_file_get_signer_certificate (self->case_file) != NULL;
  gboolean reviewed = self->cards->len > 0;

  /* Every decision is signed: without a key, none is offered. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.approve", open && signs && self->may_approve);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.send-to-director", open && signs && reviewed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.pend", open && signs && self->to_request->len > 0);
  gtk_widget_set_visible (self->signing_box, open && !signs);
  gtk_widget_set_visible (self->approve_note, signs && reviewed && !self->may_approve);
}

void
rd_summary_page_refresh (RdSummaryPage *self)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(RdRequest) request = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GError) error = NULL;
  RdCaseDecision *decision;
  gboolean recommended;

  g_return_if_fail (RD_IS_SUMMARY_PAGE (self));

  reviews = rd_case_file_list_reviews (self->case_file, &error);
  if (reviews == NULL)
    {
      g_warning ("Cannot read the reviews of the case: %s", error->message);
      return;
    }
  request = rd_case_file_get_request (self->case_file, NULL);
  signature = reviews_signature (self, reviews, request);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      rebuild_cards (self, reviews, request);
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
    }

  stored = rd_case_file_list_recommendations (self->case_file, NULL);
  self->may_approve = self->cards->len > 0 && request != NULL;
  recommended = stored && stored->len > 0;
  for (guint i = 0; request && i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      g_autoptr(GHashTable) scores = rd_case_scores_table (self->case_file, rd_policy_get_id (card->policy), NULL);

      /* The verdict weighs every indication that applies to the request, and a
       * diagnosis that leads straight to an outcome, whatever was confirmed. */
      g_clear_pointer (&card->verdict, rd_verdict_free);
      card->verdict = rd_verdict_new (card->policy, request, scores);
      self->may_approve = self->may_approve && card->verdict->nurse_may_approve;
      /* A recommendation stands on the screen once it rests on the reviewer's
       * answers, or on a diagnosis that decides before any criteria. */
      recommended = recommended ||
                    (card->verdict->governs &&
                     ((scores && g_hash_table_size (scores) > 0) ||
                      (card->verdict->match && card->verdict->match->direct_outcome)));
      show_card (card, stored);
    }

  collect_missing_documentation (self);
  if (self->to_request->len)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      for (guint i = 0; i < self->to_request->len; i++)
        g_string_append_printf (text, "%s• %s", i ? "\n" : "", (const char *) g_ptr_array_index (self->to_request, i));
      gtk_label_set_label (GTK_LABEL (self->request_label), text->str);
    }
  gtk_widget_set_visible (self->request_box, self->to_request->len > 0);

  decisions = rd_case_file_list_decisions (self->case_file, NULL);
  decision = latest_decision (self, decisions);
  show_decision (self, decision);
  /* Complete once a decision is recorded; in progress while a recommendation
   * waits for one. */
  self->state = decision ? RD_STEP_COMPLETE
              : recommended ? RD_STEP_IN_PROGRESS
              : RD_STEP_NOT_STARTED;
  update_actions (self, rd_case_file_get_status (self->case_file));
}

/* ---- the three actions ---------------------------------------------------- */

/**
 * rd_summary_page_get_rationale:
 *
 * Returns: (transfer full): the rationales of every policy, as one text.
 */
char *
rd_summary_page_get_rationale (RdSummaryPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (RD_IS_SUMMARY_PAGE (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      g_autofree char *rationale = rationale_text (card);
      g_string_append_printf (text, "%s%s %s\n%s", text->len ? "\n\n" : "", rd_policy_get_payer (card->policy),
                              rd_policy_get_number (card->policy), rationale);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
store_recommendations (RdSummaryPage *self)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      g_autofree char *text = rationale_text (card);

      g_clear_handle_id (&card->save_id, g_source_remove);
      if (card->verdict && card->verdict->governs && !store_recommendation (card, text, &error))
        {
          rd_report_error (GTK_WIDGET (self), error);
          return FALSE;
        }
    }
  return TRUE;
}

static void
record (RdSummaryPage  *self,
        RdDecisionKind  kind,
        const char     *outcome_id,
        const char     *extra)
{
  g_autofree char *rationale = rd_summary_page_get_rationale (self);
  g_autofree char *full = extra && *extra ? g_strconcat (rationale, "\n\n", extra, NULL) : g_strdup (rationale);
  g_autoptr(GError) error = NULL;

  if (!store_recommendations (self))
    return;
  if (rd_case_file_record_decision (self->case_file, kind, outcome_id, FALSE, full, &error) == 0)
    rd_report_error (GTK_WIDGET (self), error);
}

static char *
request_list (RdSummaryPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->to_request->len; i++)
    g_string_append_printf (text, "%s• %s", i ? "\n" : "", (const char *) g_ptr_array_index (self->to_request, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
dialog_response (AdwMessageDialog *dialog,
                 const char       *response,
                 RdSummaryPage    *self)
{
  RdDecisionKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "decision-kind"));
  GtkWidget *note = g_object_get_data (G_OBJECT (dialog), "note-view");
  g_autofree char *extra = NULL;

  if (!g_str_equal (response, "confirm"))
    return;

  switch (kind)
    {
    case RD_DECISION_APPROVE:
      {
        Card *card = g_ptr_array_index (self->cards, 0);
        record (self, kind, card->verdict->outcome ? card->verdict->outcome->id : NULL, NULL);
        break;
      }
    case RD_DECISION_SEND_TO_DIRECTOR:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (note));
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
        if (text[0])
          /* TRANSLATORS: the nurse's note to the medical director, added to the rationale */
          extra = g_strdup_printf (_("Nurse’s note to the medical director: %s"), text);
        record (self, kind, NULL, extra);
        break;
      }
    case RD_DECISION_PEND:
      {
        g_autofree char *list = request_list (self);
        /* TRANSLATORS: the documentation asked for, added to the rationale */
        extra = g_strdup_printf (_("Documentation requested from the provider:\n%s"), list);
        record (self, kind, NULL, extra);
        break;
      }
    case RD_DECISION_FINAL:
    default:
      g_return_if_reached ();
    }
}

static AdwMessageDialog *
confirm_dialog (RdSummaryPage  *self,
                RdDecisionKind  kind,
                const char     *heading,
                const char     *body,
                const char     *confirm_label,
                GtkWidget      *extra)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  /* The reviewer chose this action a moment ago: Enter confirms it, Escape
   * takes it back. Nothing here is adverse (a nurse cannot deny). */
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", confirm_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (extra)
    adw_message_dialog_set_extra_child (dialog, extra);
  g_object_set_data (G_OBJECT (dialog), "decision-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static char *
reviewer_line (RdSummaryPage *self)
{
  /* TRANSLATORS: who the decision is recorded as */
  return g_strdup_printf (_("It is recorded in the case’s audit log as made by %s, now."),
                          rd_case_file_get_actor_name (self->case_file));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RdSummaryPage *self = RD_SUMMARY_PAGE (widget);
  g_autofree char *who = reviewer_line (self);
  g_autofree char *body = NULL;

  rd_summary_page_flush (self);
  body = g_strdup_printf ("%s %s", _("Every criterion the approval rests on is met, and the request is approved as medically necessary."), who);
  confirm_dialog (self, RD_DECISION_APPROVE, _("Approve the Request?"), body, _("_Approve"), NULL);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RdSummaryPage *self = RD_SUMMARY_PAGE (widget);
  g_autofree char *who = reviewer_line (self);
  g_autofree char *body = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *note = gtk_text_view_new ();
  AdwMessageDialog *dialog;

  rd_summary_page_flush (self);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (note), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (note), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (note), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (note), 6);
  gtk_widget_set_size_request (note, -1, 90);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note to the medical director"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), note);
  gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (_("Note to the medical director (optional)"), "heading"));
  gtk_box_append (GTK_BOX (box), frame);

  body = g_strdup_printf ("%s %s", _("A medical director makes the determination, with your rationale and this note."), who);
  dialog = confirm_dialog (self, RD_DECISION_SEND_TO_DIRECTOR, _("Send to a Medical Director?"), body, _("_Send"), box);
  g_object_set_data (G_OBJECT (dialog), "note-view", note);
  /* The note is what the reviewer has left to do here: type, then Tab to Send. */
  gtk_widget_grab_focus (note);
}

static void
pend_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RdSummaryPage *self = RD_SUMMARY_PAGE (widget);
  g_autofree char *who = reviewer_line (self);
  g_autofree char *list = NULL;
  g_autofree char *body = NULL;

  rd_summary_page_flush (self);
  list = request_list (self);
  /* TRANSLATORS: the body of the pend dialog: the documents to request, then who records it */
  body = g_strdup_printf (_("The case waits for the provider to send:\n%s\n\n%s"), list, who);
  confirm_dialog (self, RD_DECISION_PEND, _("Pend for Documentation?"), body, _("_Pend"), NULL);
}

/* ---- accessors ------------------------------------------------------------ */

/**
 * rd_summary_page_set_signing_help:
 * @text: why the reviewer cannot sign a decision here, and what to do
 * @button_label: (nullable): the label of a button that does it
 * @action_name: (nullable): the action the button activates
 *
 * What the page shows in place of the decisions while the reviewer has no
 * signing key.
 */
void
rd_summary_page_set_signing_help (RdSummaryPage *self,
                                  const char    *text,
                                  const char    *button_label,
                                  const char    *action_name)
{
  g_return_if_fail (RD_IS_SUMMARY_PAGE (self));
  g_return_if_fail (text != NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signing_label), text);
  gtk_widget_set_visible (self->signing_button, button_label != NULL && action_name != NULL);
  if (button_label != NULL)
    gtk_button_set_label (GTK_BUTTON (self->signing_button), button_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->signing_button), action_name);
}

/**
 * rd_summary_page_get_signing_help:
 *
 * Returns: (nullable): the explanation shown while no decision can be
 *   signed, or %NULL when it is not shown
 */
const char *
rd_summary_page_get_signing_help (RdSummaryPage *self)
{
  g_return_val_if_fail (RD_IS_SUMMARY_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->signing_box))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->signing_label));
}

RdStepState
rd_summary_page_get_state (RdSummaryPage *self)
{
  g_return_val_if_fail (RD_IS_SUMMARY_PAGE (self), RD_STEP_NOT_STARTED);
  return self->state;
}

gboolean
rd_summary_page_get_may_approve (RdSummaryPage *self)
{
  g_return_val_if_fail (RD_IS_SUMMARY_PAGE (self), FALSE);
  return self->may_approve;
}

/**
 * rd_summary_page_get_to_request:
 *
 * Returns: (transfer none) (element-type utf8): the documentation a pend asks for.
 */
GPtrArray *
rd_summary_page_get_to_request (RdSummaryPage *self)
{
  g_return_val_if_fail (RD_IS_SUMMARY_PAGE (self), NULL);
  return self->to_request;
}

static Card *
find_card (RdSummaryPage *self,
           const char    *policy_id)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      if (g_str_equal (rd_policy_get_id (card->policy), policy_id))
        return card;
    }
  return NULL;
}

/**
 * rd_summary_page_get_verdict:
 *
 * Returns: (nullable): the recommendation shown for @policy_id, in the policy's words.
 */
const char *
rd_summary_page_get_verdict (RdSummaryPage *self,
                             const char    *policy_id)
{
  Card *card;

  g_return_val_if_fail (RD_IS_SUMMARY_PAGE (self), NULL);

  card = find_card (self, policy_id);
  return card && card->verdict ? card->verdict->label : NULL;
}

/**
 * rd_summary_page_get_rationale_view:
 *
 * Returns: (transfer none) (nullable): the text view of @policy_id's rationale.
 */
GtkWidget *
rd_summary_page_get_rationale_view (RdSummaryPage *self,
                                    const char    *policy_id)
{
  Card *card;

  g_return_val_if_fail (RD_IS_SUMMARY_PAGE (self), NULL);

  card = find_card (self, policy_id);
  return card ? card->rationale : NULL;
}

GtkWidget *
rd_summary_page_new (RdCaseFile *case_file,
                     GPtrArray  *policies)
{
  RdSummaryPage *self;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);

  self = g_object_new (RD_TYPE_SUMMARY_PAGE, NULL);
  self->case_file = g_object_ref (case_file);
  self->policies = g_ptr_array_ref (policies);
  rd_grade_view_set_case (RD_GRADE_VIEW (self->grade_view), case_file, policies);
  g_signal_connect_object (case_file, "actor-changed", G_CALLBACK (rd_summary_page_refresh), self,
                           G_CONNECT_SWAPPED);
  rd_summary_page_refresh (self);
  return GTK_WIDGET (self);
}

static void
rd_summary_page_dispose (GObject *object)
{
  RdSummaryPage *self = RD_SUMMARY_PAGE (object);

  if (self->case_file)
    rd_summary_page_flush (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->to_request, g_ptr_array_unref);
  g_clear_pointer (&self->signature, g_free);
  g_clear_object (&self->case_file);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  G_OBJECT_CLASS (rd_summary_page_parent_class)->dispose (object);
}

static void
rd_summary_page_class_init (RdSummaryPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_summary_page_dispose;

  /* The buttons, the tests and any shortcut share these; there is no action
   * that records a denial. */
  gtk_widget_class_install_action (widget_class, "summary.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "summary.send-to-director", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "summary.pend", NULL, pend_action);
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *css_class)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  /* In a narrow window (1024 pixels with the records open) the words wrap
   * rather than push the window wider than the screen. */
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), button);
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (css_class)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

static void
rd_summary_page_init (RdSummaryPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);
  self->to_request = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_box_append (GTK_BOX (box), rd_label_new_wrapped (_("Summary"), "title-3"));

  self->decision_label = rd_label_new_wrapped (NULL, "decision-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->decision_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Latest decision"), -1);
  gtk_widget_set_visible (self->decision_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->decision_label);

  self->cards_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (box), self->cards_box);

  self->request_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->request_box), rd_label_new_wrapped (_("To Request From the Provider"), "heading"));
  self->request_label = rd_label_new_wrapped (NULL, NULL);
  gtk_box_append (GTK_BOX (self->request_box), self->request_label);
  gtk_box_append (GTK_BOX (box), self->request_box);

  self->grade_view = rd_grade_view_new ();
  gtk_box_append (GTK_BOX (box), self->grade_view);

  self->approve_note = rd_label_new_wrapped (_("Approve is available only when every criterion the approval rests on is met, none needs a physician’s judgement and nothing is undecided. A nurse never records a denial: send the case to a medical director instead."),
                                  "dim-label");
  gtk_widget_add_css_class (self->approve_note, "caption");

  /* Without a signing key: why, in plain words, and the way out. A row in
   * a boxed list, which wraps a long message without the height-for-width
   * errors of a wrapped label in a horizontal box (GTK 4.8). */
  self->signing_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->signing_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->signing_box, "boxed-list");
  self->signing_label = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->signing_label), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->signing_label), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->signing_label),
                             gtk_image_new_from_icon_name ("dialog-password-symbolic"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signing_label),
                                 _("Decisions are signed with your reviewer key, and none is set up on this"
                                   " workstation. Your scores and notes are saved as you work."));
  self->signing_button = gtk_button_new_with_mnemonic (_("Set Up Reviewer _Key…"));
  gtk_widget_set_valign (self->signing_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->signing_button), "win.setup-reviewer-key");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->signing_label), self->signing_button);
  gtk_list_box_append (GTK_LIST_BOX (self->signing_box), self->signing_label);
  gtk_widget_set_visible (self->signing_box, FALSE);

  /* The actions stay in view below the scrolling summary. */
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (actions), action_button (_("_Pend for Documentation…"), "summary.pend", NULL));
  gtk_box_append (GTK_BOX (actions), action_button (_("_Send to Medical Director…"), "summary.send-to-director", NULL));
  gtk_box_append (GTK_BOX (actions), action_button (_("_Approve…"), "summary.approve", "suggested-action"));
  gtk_box_append (GTK_BOX (bar), self->signing_box);
  gtk_box_append (GTK_BOX (bar), self->approve_note);
  gtk_box_append (GTK_BOX (bar), actions);
  gtk_widget_add_css_class (bar, "summary-actions");

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 820);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  gtk_box_append (GTK_BOX (outer), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (outer), bar);
  adw_bin_set_child (ADW_BIN (self), outer);
}
