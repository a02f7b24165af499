/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-basis-choices.h"
#include "rd-case-evaluate.h"
#include "rd-label.h"
#include "rd-determination-page.h"
#include "rd-letter.h"
#include "rd-peer-to-peer-box.h"
#include "rd-reporter.h"
#include "rd-verdict.h"

/* The medical director's step of a case the nurse sent on: what the nurse
 * recommends and why, the engine's verdict per policy, and the director's
 * three choices — uphold as medically necessary, an adverse determination in
 * the policy's own words, or pend — each with a required rationale, confirmed,
 * then recorded by the case file with who, credentials, role and time. Once
 * signed, the letter can be saved (written in a worker) and the case sealed. The case page adds
 * this step only for a reviewer whose signing key the organisation certified
 * for medical director (a role typed in Preferences counts for nothing); the
 * actions check the same, and the case file refuses an adverse determination
 * or a seal from anyone else.
 *
 * Until it is signed, the rationale and the chosen adverse outcome are kept
 * in the case as the director's draft, saved a moment after typing stops (and
 * when the case page flushes), and put back when the page is built again. */

#define DRAFT_SAVE_DELAY_MS 1000

struct _RdDeterminationPage
{
  AdwBin        parent_instance;

  GtkLabel     *status_label;
  GtkLabel     *nurse_by_label;
  GtkLabel     *nurse_label;
  GtkWidget    *verdicts_box;
  GtkWidget    *choice_box;
  GtkWidget    *choice_note;
  AdwComboRow  *outcome_row;
  AdwComboRow  *basis_row;
  RdPeerToPeerBox *peer_to_peer_box;
  GtkTextView  *rationale_view;
  GtkWidget    *adverse_button;
  GtkWidget    *pend_button;
  GtkWidget    *uphold_button;
  GtkWidget    *save_button;
  GtkWidget    *seal_button;

  RdCaseFile   *case_file;
  GPtrArray    *policies;
  GPtrArray    *verdicts;       /* RdVerdict, one per policy under review */
  GPtrArray    *verdict_cards;  /* GtkWidget, owned by verdicts_box */
  GPtrArray    *adverse_ids;    /* utf8: the outcome of each item of outcome_row */
  GPtrArray    *basis_ids;      /* utf8 or NULL: the criterion of each item of basis_row */
  char         *uphold_id;      /* the outcome an upheld request reaches */
  GCancellable *cancellable;
  gboolean      available;      /* a director looks at a case sent to a director */
  gboolean      open;           /* and it waits for the director's determination */
  gboolean      signed_off;     /* a director has decided since it was sent */
  gboolean      sealable;       /* decided, not yet sealed, and writable */
  gboolean      saving;
  gboolean      refreshing;     /* changes come from the case, not the director */
  guint         draft_save_id;  /* a draft save waiting for typing to stop */
};

G_DEFINE_FINAL_TYPE (RdDeterminationPage, rd_determination_page, ADW_TYPE_BIN)

typedef enum {
  CHOICE_UPHOLD,
  CHOICE_ADVERSE,
  CHOICE_PEND,
  CHOICE_SEAL,
} Choice;

/* ---- what is shown ---------------------------------------------------------- */

static char *
who_text (const char *who,
          const char *credentials)
{
  return credentials ? g_strdup_printf ("%s, %s", who, credentials) : g_strdup (who);
}

static char *
when_text (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const RdOutcome *
find_outcome (RdDeterminationPage *self,
              const char          *outcome_id)
{
  for (guint i = 0; outcome_id && i < self->verdicts->len; i++)
    {
      RdVerdict *verdict = g_ptr_array_index (self->verdicts, i);
      const RdOutcome *outcome = rd_policy_find_outcome (verdict->policy, outcome_id);
      if (outcome)
        return outcome;
    }
  return NULL;
}

/* The rationale exactly as typed: what the draft keeps. */
static char *
typed_rationale (RdDeterminationPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rationale_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
rationale_text (RdDeterminationPage *self)
{
  return g_strstrip (typed_rationale (self));
}

static const char *
selected_adverse_id (RdDeterminationPage *self)
{
  guint selected = adw_combo_row_get_selected (self->outcome_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->adverse_ids->len)
    return NULL;
  return g_ptr_array_index (self->adverse_ids, selected);
}

static void
show_nurse (RdDeterminationPage *self,
            RdCaseDecision      *sent)
{
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  g_autofree char *by = NULL;

  if (sent == NULL)
    {
      gtk_label_set_label (self->nurse_by_label, _("The case has not been sent to a medical director."));
      gtk_label_set_label (self->nurse_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->nurse_label), FALSE);
      return;
    }
  who = who_text (sent->who, sent->credentials);
  when = when_text (sent->time);
  /* TRANSLATORS: who sent the case to the medical director, and when */
  by = g_strdup_printf (_("Sent to a medical director by %s on %s, with this rationale:"), who, when);
  gtk_label_set_label (self->nurse_by_label, by);
  gtk_label_set_label (self->nurse_label, sent->rationale && *sent->rationale ? sent->rationale
                                                                               : _("(no rationale given)"));
  gtk_widget_set_visible (GTK_WIDGET (self->nurse_label), TRUE);
}

static void
show_signed (RdDeterminationPage *self,
             RdCaseDecision      *decision,
             RdCaseSeal          *seal)
{
  const RdOutcome *outcome;
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), self->signed_off);
  if (!self->signed_off)
    return;
  outcome = find_outcome (self, decision->outcome_id);
  if (decision->kind == RD_DECISION_PEND)
    what = g_strdup (_("Pended for documentation"));
  else
    /* TRANSLATORS: %s is the outcome in the policy's words */
    what = g_strdup_printf (decision->adverse ? _("Adverse determination: %s") : _("Upheld: %s"),
                            outcome ? outcome->label : decision->outcome_id ? decision->outcome_id : "—");
  who = who_text (decision->who, decision->credentials);
  when = when_text (decision->time);
  /* TRANSLATORS: the determination, who signed it, and when */
  text = g_strdup_printf (_("%s — signed by %s on %s. Save the letter to send it."), what, who, when);
  if (seal != NULL)
    {
      g_autofree char *sealed_by = who_text (seal->sealed_by, seal->credentials);
      g_autofree char *sealed_when = when_text (seal->sealed_at);
      g_autofree char *signed_text = g_steal_pointer (&text);

      /* TRANSLATORS: follows the signed determination: who sealed the case, and when */
      text = g_strdup_printf (_("%s\nThe case was sealed by %s on %s and can no longer be changed."),
                              signed_text, sealed_by, sealed_when);
    }
  gtk_label_set_label (self->status_label, text);
}

static const char *
truth_words (RdVerdict    *verdict,
             const RdNode *node)
{
  switch (verdict->deciding ? rd_evaluation_get_node_truth (verdict->deciding, node) : RD_TRUTH_UNKNOWN)
    {
    case RD_TRUTH_TRUE: return _("met");
    case RD_TRUTH_FALSE: return _("not met");
    case RD_TRUTH_NOT_APPLICABLE: return _("not applicable");
    case RD_TRUTH_UNKNOWN:
    default: return _("not documented or not scored");
    }
}

/* What the nurse saw when the case was sent, when the scores have moved since. */
static void
add_recommendation (GtkWidget  *card,
                    RdVerdict  *verdict,
                    GPtrArray  *recommendations)
{
  for (guint i = 0; recommendations && i < recommendations->len; i++)
    {
      RdCaseRecommendation *r = g_ptr_array_index (recommendations, i);
      const RdOutcome *outcome;
      g_autofree char *text = NULL;

      if (!g_str_equal (r->policy_id, rd_policy_get_id (verdict->policy)) ||
          g_strcmp0 (r->outcome_id, verdict->outcome_id) == 0)
        continue;
      outcome = rd_policy_find_outcome (verdict->policy, r->outcome_id);
      /* TRANSLATORS: the recommendation stored by the nurse, when it differs from the engine's verdict now */
      text = g_strdup_printf (_("The nurse’s recommendation was “%s”; the scores have changed since."),
                              outcome ? outcome->label : r->outcome_id);
      gtk_box_append (GTK_BOX (card), rd_label_new_wrapped (text, "warning"));
    }
}

static GtkWidget *
verdict_card (RdVerdict *verdict,
              GPtrArray *recommendations)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;
  g_autoptr(GString) decisive = g_string_new (NULL);
  /* TRANSLATORS: a policy's payer, number and title */
  g_autofree char *name = g_strdup_printf (_("%s %s: %s"), rd_policy_get_payer (verdict->policy),
                                           rd_policy_get_number (verdict->policy), rd_policy_get_title (verdict->policy));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "summary-card");
  gtk_box_append (GTK_BOX (card), rd_label_new_wrapped (name, "dim-label"));
  label = rd_label_new_wrapped (verdict->label, "title-4");
  gtk_widget_add_css_class (label, verdict->outcome == NULL ? "warning" : verdict->outcome->adverse ? "error" : "success");
  gtk_box_append (GTK_BOX (card), label);
  add_recommendation (card, verdict, recommendations);
  for (guint i = 0; i < verdict->decisive->len; i++)
    {
      const RdNode *node = rd_policy_find_node (verdict->policy, g_ptr_array_index (verdict->decisive, i));
      g_autofree char *line = NULL;

      if (node == NULL || node->text == NULL)
        continue;
      /* TRANSLATORS: a decisive criterion: its text and what the scores make of it */
      line = g_strdup_printf (_("%s (%s)"), node->text, truth_words (verdict, node));
      g_string_append_printf (decisive, "%s• %s", decisive->len ? "\n" : "", line);
    }
  if (decisive->len)
    {
      gtk_box_append (GTK_BOX (card), rd_label_new_wrapped (_("Decisive Criteria"), "heading"));
      gtk_box_append (GTK_BOX (card), rd_label_new_wrapped (decisive->str, NULL));
    }
  return card;
}

/* The outcomes a director may give as an adverse determination: each adverse
 * outcome of the policies under review, labelled in the policy's words. */
/* The criteria a determination against the engine may rest on; refilled
 * only when they change, so a choice made stays made. */
static void
fill_basis (RdDeterminationPage *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GtkStringList) labels = rd_basis_choices_new (self->verdicts, &ids);

  if (self->basis_ids != NULL && ids->len == self->basis_ids->len)
    {
      gboolean same = TRUE;
      for (guint i = 0; i < ids->len; i++)
        same = same && g_strcmp0 (g_ptr_array_index (ids, i), g_ptr_array_index (self->basis_ids, i)) == 0;
      if (same)
        return;
    }
  g_clear_pointer (&self->basis_ids, g_ptr_array_unref);
  self->basis_ids = g_steal_pointer (&ids);
  adw_combo_row_set_model (self->basis_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->basis_row, 0);
}

static const char *
selected_basis (RdDeterminationPage *self)
{
  guint selected = adw_combo_row_get_selected (self->basis_row);

  if (self->basis_ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= self->basis_ids->len)
    return NULL;
  return g_ptr_array_index (self->basis_ids, selected);
}

static void
fill_outcomes (RdDeterminationPage *self)
{
  fill_basis (self);

  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *engine = NULL;
  guint selected = 0;

  for (guint i = 0; i < self->verdicts->len; i++)
    {
      RdVerdict *verdict = g_ptr_array_index (self->verdicts, i);
      GPtrArray *outcomes = rd_policy_get_outcomes (verdict->policy);

      if (engine == NULL && verdict->outcome && verdict->outcome->adverse)
        engine = verdict->outcome->id;
      for (guint j = 0; j < outcomes->len; j++)
        {
          const RdOutcome *outcome = g_ptr_array_index (outcomes, j);
          g_autofree char *label = NULL;

          if (!outcome->adverse || g_ptr_array_find_with_equal_func (ids, outcome->id, g_str_equal, NULL))
            continue;
          /* TRANSLATORS: an outcome in the policy's words, then the policy's number */
          label = g_strdup_printf (_("%s (%s)"), outcome->label, rd_policy_get_number (verdict->policy));
          gtk_string_list_append (labels, label);
          g_ptr_array_add (ids, g_strdup (outcome->id));
        }
    }
  for (guint i = 0; engine && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), engine))
      selected = i;

  /* Refilled only when the outcomes change, so a choice made stays made. */
  if (ids->len == self->adverse_ids->len)
    {
      gboolean same = TRUE;
      for (guint i = 0; i < ids->len; i++)
        same = same && g_str_equal (g_ptr_array_index (ids, i), g_ptr_array_index (self->adverse_ids, i));
      if (same)
        return;
    }
  g_ptr_array_unref (self->adverse_ids);
  self->adverse_ids = g_steal_pointer (&ids);
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (labels));
  if (self->adverse_ids->len)
    adw_combo_row_set_selected (self->outcome_row, selected);
}

/* ---- the director's draft ------------------------------------------------------ */

/* Only while the case waits for this director's determination. */
static gboolean
may_draft (RdDeterminationPage *self)
{
  return self->case_file != NULL && self->available && self->open;
}

static gboolean
save_draft (gpointer data)
{
  RdDeterminationPage *self = data;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  self->draft_save_id = 0;
  if (!may_draft (self))
    return G_SOURCE_REMOVE;
  text = typed_rationale (self);
  if (!rd_case_file_set_decision_draft (self->case_file, text, selected_adverse_id (self), &error))
    rd_report_error (GTK_WIDGET (self), error);
  return G_SOURCE_REMOVE;
}

static void
draft_changed (RdDeterminationPage *self)
{
  if (self->refreshing || !may_draft (self))
    return;
  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  self->draft_save_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, save_draft, self);
}

/**
 * rd_determination_page_flush:
 *
 * Saves the draft determination now if typing has not stopped long enough
 * for it to be saved already.
 */
void
rd_determination_page_flush (RdDeterminationPage *self)
{
  g_return_if_fail (RD_IS_DETERMINATION_PAGE (self));

  if (self->draft_save_id == 0)
    return;
  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  save_draft (self);
}

/* Puts the stored draft back, unless the director is typing: a save still
 * waiting, or the rationale focused, means the view holds the newer text. */
static void
restore_draft (RdDeterminationPage *self)
{
  g_autoptr(RdCaseDecisionDraft) draft = NULL;
  g_autofree char *current = NULL;
  guint position;

  if (!may_draft (self) || self->draft_save_id != 0 || gtk_widget_has_focus (GTK_WIDGET (self->rationale_view)))
    return;
  draft = rd_case_file_get_decision_draft (self->case_file, NULL);
  if (draft == NULL)
    return;
  current = typed_rationale (self);
  if (!g_str_equal (current, draft->rationale))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rationale_view), draft->rationale, -1);
  if (draft->outcome_id != NULL &&
      g_ptr_array_find_with_equal_func (self->adverse_ids, draft->outcome_id, g_str_equal, &position))
    adw_combo_row_set_selected (self->outcome_row, position);
}

static void
set_uphold_outcome (RdDeterminationPage *self,
                    GPtrArray           *reviews)
{
  g_clear_pointer (&self->uphold_id, g_free);
  for (guint i = 0; self->uphold_id == NULL && i < self->verdicts->len; i++)
    {
      RdVerdict *verdict = g_ptr_array_index (self->verdicts, i);
      RdCaseReview *review = rd_case_find_review (reviews, rd_policy_get_id (verdict->policy));
      const RdIndication *indication = review && review->indications[0]
                                       ? rd_policy_find_indication (verdict->policy, review->indications[0]) : NULL;

      if (verdict->outcome && !verdict->outcome->adverse)
        self->uphold_id = g_strdup (verdict->outcome->id);
      else if (indication && indication->met && !indication->met->adverse)
        self->uphold_id = g_strdup (indication->met->id);
    }
  if (self->uphold_id == NULL)
    self->uphold_id = g_strdup ("medically-necessary");
}

static void
show_verdicts (RdDeterminationPage *self)
{
  g_autoptr(RdRequest) request = rd_case_file_get_request (self->case_file, NULL);
  g_autoptr(GPtrArray) reviews = rd_case_file_list_reviews (self->case_file, NULL);
  g_autoptr(GPtrArray) recommendations = rd_case_file_list_recommendations (self->case_file, NULL);

  for (guint i = 0; i < self->verdict_cards->len; i++)
    gtk_box_remove (GTK_BOX (self->verdicts_box), g_ptr_array_index (self->verdict_cards, i));
  g_ptr_array_set_size (self->verdict_cards, 0);
  g_ptr_array_set_size (self->verdicts, 0);

  for (guint i = 0; request && reviews && i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      RdPolicy *policy = rd_policy_find_in (self->policies, review->policy_id);
      g_autoptr(GHashTable) scores = NULL;
      RdVerdict *verdict;
      GtkWidget *card;

      if (policy == NULL)
        continue;
      scores = rd_case_scores_table (self->case_file, review->policy_id, NULL);
      verdict = rd_verdict_new (policy, request, scores);
      if (review->indications[0] == NULL && verdict->match->direct_outcome == NULL)
        {
          rd_verdict_free (verdict);
          continue;
        }
      g_ptr_array_add (self->verdicts, verdict);
      card = verdict_card (verdict, recommendations);
      g_ptr_array_add (self->verdict_cards, card);
      gtk_box_append (GTK_BOX (self->verdicts_box), card);
    }
  fill_outcomes (self);
  set_uphold_outcome (self, reviews);
}

static void
update_actions (RdDeterminationPage *self)
{
  gboolean director = self->case_file && rd_case_file_can_sign_as (self->case_file, RD_ROLE_MEDICAL_DIRECTOR);
  g_autofree char *rationale = rationale_text (self);
  gboolean ready = director && self->open && rationale[0] != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "determination.uphold", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "determination.adverse", ready && self->adverse_ids->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "determination.pend", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "determination.save-letter",
                                 director && self->signed_off && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "determination.seal", director && self->sealable);
  /* The choices show while the case waits for the director, and only to a
   * director; once signed, what is left is the letter. */
  gtk_widget_set_visible (self->choice_box, director && self->open);
  gtk_widget_set_visible (self->choice_note, director && self->open);
  gtk_widget_set_visible (self->adverse_button, director && self->open);
  gtk_widget_set_visible (self->pend_button, director && self->open);
  gtk_widget_set_visible (self->uphold_button, director && self->open);
  gtk_widget_set_visible (self->save_button, director && self->signed_off);
  gtk_widget_set_visible (self->seal_button, director && self->sealable);
}

/**
 * rd_determination_page_refresh:
 *
 * Reads the case again: whether the step applies (a medical director and a
 * case sent to one), the nurse's recommendation, the engine's verdicts and
 * the determination once signed.
 */
void
rd_determination_page_refresh (RdDeterminationPage *self)
{
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(RdCaseSeal) seal = NULL;
  RdCaseDecision *sent = NULL, *latest = NULL;
  RdCaseStatus status;
  gboolean writable;

  g_return_if_fail (RD_IS_DETERMINATION_PAGE (self));

  decisions = rd_case_file_list_decisions (self->case_file, NULL);
  for (guint i = 0; decisions && i < decisions->len; i++)
    {
      latest = g_ptr_array_index (decisions, i);
      if (latest->kind == RD_DECISION_SEND_TO_DIRECTOR)
        sent = latest;
    }
  self->available = sent != NULL && rd_case_file_can_sign_as (self->case_file, RD_ROLE_MEDICAL_DIRECTOR);
  status = rd_case_file_get_status (self->case_file);
  writable = !rd_case_file_is_read_only (self->case_file);
  self->open = status == RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR && writable;
  /* A decision reopened by a peer-to-peer conversation waits for the
   * director again. */
  self->signed_off = sent != NULL && latest != sent && latest->role == RD_ROLE_MEDICAL_DIRECTOR &&
                     status != RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR;
  self->sealable = self->signed_off && status == RD_CASE_STATUS_DECIDED && writable;
  if (status == RD_CASE_STATUS_SEALED)
    seal = rd_case_file_get_seal (self->case_file, NULL);

  self->refreshing = TRUE;
  show_verdicts (self);
  restore_draft (self);
  self->refreshing = FALSE;
  show_nurse (self, sent);
  show_signed (self, latest, seal);
  update_actions (self);
}

/* ---- the director's choices -------------------------------------------------- */

static void
record (RdDeterminationPage *self,
        Choice               choice,
        const char          *outcome_id)
{
  g_autofree char *rationale = rationale_text (self);
  g_autoptr(GError) error = NULL;
  RdDecisionKind kind = choice == CHOICE_PEND ? RD_DECISION_PEND : RD_DECISION_FINAL;

  /* The draft is saved first, so that it survives a decision the case
   * refuses; the decision deletes it. */
  rd_determination_page_flush (self);
  if ((kind == RD_DECISION_FINAL
       ? rd_case_file_record_determination (self->case_file, outcome_id, choice == CHOICE_ADVERSE, rationale,
                                            selected_basis (self), &error)
       : rd_case_file_record_decision (self->case_file, kind, outcome_id, FALSE, rationale, &error)) == 0)
    rd_report_error (GTK_WIDGET (self), error);
}

static void
dialog_response (AdwMessageDialog    *dialog,
                 const char          *response,
                 RdDeterminationPage *self)
{
  Choice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "choice"));

  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "confirm"))
    return;
  if (choice != CHOICE_SEAL)
    record (self, choice, g_object_get_data (G_OBJECT (dialog), "outcome-id"));
  else if (!rd_case_file_seal (self->case_file, &error))
    rd_report_error (GTK_WIDGET (self), error);
}

static void
confirm (RdDeterminationPage *self,
         Choice               choice,
         const char          *outcome_id,
         const char          *heading,
         const char          *what,
         const char          *confirm_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* TRANSLATORS: who signs a determination: %s is the medical director's name */
  g_autofree char *who = g_strdup_printf (_("It is signed with your reviewer key, as %s, medical director, and recorded in the case’s audit log, now."),
                                          rd_case_file_get_actor_name (self->case_file));
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", what, who);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", confirm_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", choice == CHOICE_ADVERSE ? ADW_RESPONSE_DESTRUCTIVE
                                                                                           : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "choice", GINT_TO_POINTER (choice));
  g_object_set_data_full (G_OBJECT (dialog), "outcome-id", g_strdup (outcome_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
uphold_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RdDeterminationPage *self = RD_DETERMINATION_PAGE (widget);
  const RdOutcome *outcome = find_outcome (self, self->uphold_id);
  /* TRANSLATORS: %s is the outcome in the policy's words, e.g. "Medically necessary" */
  g_autofree char *what = g_strdup_printf (_("The request is approved as “%s”."),
                                           outcome ? outcome->label : self->uphold_id);

  confirm (self, CHOICE_UPHOLD, self->uphold_id, _("Uphold as Medically Necessary?"), what, _("_Uphold"));
}

static void
adverse_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RdDeterminationPage *self = RD_DETERMINATION_PAGE (widget);
  const char *outcome_id = selected_adverse_id (self);
  const RdOutcome *outcome;
  g_autofree char *what = NULL;

  if (outcome_id == NULL)
    return;
  outcome = find_outcome (self, outcome_id);
  /* TRANSLATORS: %s is the adverse outcome in the policy's words, e.g. "Not medically necessary" */
  what = g_strdup_printf (_("The request is not approved: “%s”, in the policy’s words, for the reasons in your rationale. The letter names you as the physician reviewer and gives the member’s appeal rights."),
                          outcome ? outcome->label : outcome_id);
  confirm (self, CHOICE_ADVERSE, outcome_id, _("Issue an Adverse Determination?"), what,
           _("_Issue Adverse Determination"));
}

static void
pend_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  confirm (RD_DETERMINATION_PAGE (widget), CHOICE_PEND, NULL, _("Pend for Documentation?"),
           _("The case waits for the provider to send the documentation the criteria need."), _("_Pend"));
}

static void
seal_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  confirm (RD_DETERMINATION_PAGE (widget), CHOICE_SEAL, NULL, _("Seal the Case?"),
           _("Sealing fixes the case as it stands: a digest of its content and audit log is stored, and no one can change the case afterwards. The letter can still be saved."),
           _("_Seal Case"));
}

/* ---- the letter ------------------------------------------------------------------ */

static void
letter_written (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(RdDeterminationPage) self = data;
  g_autoptr(GError) error = NULL;

  if (!rd_letter_write_finish (result, &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->saving = FALSE;
  update_actions (self);
  if (error)
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }
  rd_report_message (GTK_WIDGET (self), _("Letter saved"));
}

/**
 * rd_determination_page_save_letter:
 * @file: where to write the letter: a PDF when its name ends in ".pdf",
 *   otherwise Markdown text
 *
 * Composes the letter from the case and writes it in a worker; a toast says
 * when it is saved, or what went wrong.
 */
void
rd_determination_page_save_letter (RdDeterminationPage *self,
                                   GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (RD_IS_DETERMINATION_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  letter = rd_letter_compose (self->case_file, self->policies, RD_LETTER_NONE, &error);
  if (letter == NULL)
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }
  name = g_file_get_basename (file);
  self->saving = TRUE;
  update_actions (self);
  rd_letter_write_async (letter, file, rd_letter_format_for_path (name), self->cancellable, letter_written,
                         g_object_ref (self));
}

static void
chooser_response (GtkNativeDialog     *dialog,
                  int                  response,
                  RdDeterminationPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file)
        rd_determination_page_save_letter (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RdDeterminationPage *self = RD_DETERMINATION_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  /* TRANSLATORS: the suggested file name of a letter; %s is the case id */
  g_autofree char *name = g_strdup_printf (_("%s-letter.pdf"), rd_case_file_get_case_id (self->case_file));

  chooser = gtk_file_chooser_native_new (_("Save Letter"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- accessors ----------------------------------------------------------------- */

/**
 * rd_determination_page_get_available:
 *
 * Returns: whether the step applies: the reviewer signs with a key certified
 *   for medical director and the case was sent to one.
 */
gboolean
rd_determination_page_get_available (RdDeterminationPage *self)
{
  g_return_val_if_fail (RD_IS_DETERMINATION_PAGE (self), FALSE);
  return self->available;
}

RdStepState
rd_determination_page_get_state (RdDeterminationPage *self)
{
  g_autofree char *rationale = NULL;

  g_return_val_if_fail (RD_IS_DETERMINATION_PAGE (self), RD_STEP_NOT_STARTED);

  if (self->signed_off)
    return RD_STEP_COMPLETE;
  rationale = rationale_text (self);
  return rationale[0] ? RD_STEP_IN_PROGRESS : RD_STEP_NOT_STARTED;
}

/**
 * rd_determination_page_get_peer_to_peer_box:
 *
 * Returns: (transfer none): the record of the peer-to-peer conversation
 */
RdPeerToPeerBox *
rd_determination_page_get_peer_to_peer_box (RdDeterminationPage *self)
{
  g_return_val_if_fail (RD_IS_DETERMINATION_PAGE (self), NULL);
  return self->peer_to_peer_box;
}

/**
 * rd_determination_page_get_basis_row:
 *
 * Returns: (transfer none): the row that names the criterion a determination
 *   against the engine rests on (its first item: none)
 */
AdwComboRow *
rd_determination_page_get_basis_row (RdDeterminationPage *self)
{
  g_return_val_if_fail (RD_IS_DETERMINATION_PAGE (self), NULL);
  return self->basis_row;
}

/**
 * rd_determination_page_get_rationale_view:
 *
 * Returns: (transfer none): the text view of the director's rationale.
 */
GtkWidget *
rd_determination_page_get_rationale_view (RdDeterminationPage *self)
{
  g_return_val_if_fail (RD_IS_DETERMINATION_PAGE (self), NULL);
  return GTK_WIDGET (self->rationale_view);
}

/**
 * rd_determination_page_get_verdict:
 *
 * Returns: (nullable): the engine's verdict shown for @policy_id, in the policy's words.
 */
const char *
rd_determination_page_get_verdict (RdDeterminationPage *self,
                                   const char          *policy_id)
{
  g_return_val_if_fail (RD_IS_DETERMINATION_PAGE (self), NULL);

  for (guint i = 0; i < self->verdicts->len; i++)
    {
      RdVerdict *verdict = g_ptr_array_index (self->verdicts, i);
      if (g_str_equal (rd_policy_get_id (verdict->policy), policy_id))
        return verdict->label;
    }
  return NULL;
}

gboolean
rd_determination_page_is_saving (RdDeterminationPage *self)
{
  g_return_val_if_fail (RD_IS_DETERMINATION_PAGE (self), FALSE);
  return self->saving;
}

/* ---- the type ------------------------------------------------------------------ */

static void
rationale_changed (RdDeterminationPage *self)
{
  update_actions (self);
  draft_changed (self);
}

GtkWidget *
rd_determination_page_new (RdCaseFile *case_file,
                           GPtrArray  *policies)
{
  RdDeterminationPage *self;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);

  self = g_object_new (RD_TYPE_DETERMINATION_PAGE, NULL);
  self->case_file = g_object_ref (case_file);
  self->policies = g_ptr_array_ref (policies);
  rd_peer_to_peer_box_set_case_file (self->peer_to_peer_box, case_file);
  rd_determination_page_refresh (self);
  return GTK_WIDGET (self);
}

static void
rd_determination_page_dispose (GObject *object)
{
  RdDeterminationPage *self = RD_DETERMINATION_PAGE (object);

  /* What is being typed is saved while the page is whole. */
  if (self->case_file)
    rd_determination_page_flush (self);
  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_DETERMINATION_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->verdict_cards, g_ptr_array_unref);
  g_clear_pointer (&self->verdicts, g_ptr_array_unref);
  g_clear_pointer (&self->adverse_ids, g_ptr_array_unref);
  g_clear_pointer (&self->basis_ids, g_ptr_array_unref);
  g_clear_pointer (&self->uphold_id, g_free);
  g_clear_object (&self->case_file);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  G_OBJECT_CLASS (rd_determination_page_parent_class)->dispose (object);
}

static void
rd_determination_page_class_init (RdDeterminationPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_determination_page_dispose;

  g_type_ensure (RD_TYPE_PEER_TO_PEER_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-determination-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, nurse_by_label);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, nurse_label);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, verdicts_box);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, choice_box);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, choice_note);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, basis_row);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, peer_to_peer_box);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, adverse_button);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, pend_button);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, uphold_button);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdDeterminationPage, seal_button);

  gtk_widget_class_install_action (widget_class, "determination.uphold", NULL, uphold_action);
  gtk_widget_class_install_action (widget_class, "determination.adverse", NULL, adverse_action);
  gtk_widget_class_install_action (widget_class, "determination.pend", NULL, pend_action);
  gtk_widget_class_install_action (widget_class, "determination.save-letter", NULL, save_letter_action);
  gtk_widget_class_install_action (widget_class, "determination.seal", NULL, seal_action);
}

static void
rd_determination_page_init (RdDeterminationPage *self)
{
  self->verdicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_verdict_free);
  self->verdict_cards = g_ptr_array_new ();
  self->adverse_ids = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->rationale_view), "changed",
                           G_CALLBACK (rationale_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outcome_row, "notify::selected", G_CALLBACK (draft_changed), self,
                           G_CONNECT_SWAPPED);
}
