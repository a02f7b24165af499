/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-evaluate.h"
#include "rd-choice-group.h"
#include "rd-condition-row.h"
#include "rd-criteria-page.h"
#include "rd-criterion-row.h"

/* The criteria of one indication, laid out as the policy groups them, each
 * group saying its logic in plain words, with the indication's live result in
 * a bar that stays in view. Conditional groups and criteria show or hide as
 * their condition's answer changes. */

typedef struct {
  const RdNode *node;
  GtkWidget    *content;
  GtkWidget    *skipped;
} Section;

struct _RdCriteriaPage
{
  AdwBin              parent_instance;

  GtkWidget          *result_bar;
  GtkImage           *result_icon;
  GtkLabel           *result_label;
  GtkLabel           *result_detail;
  GtkLabel           *progress_label;
  GtkBox             *content_box;
  GtkLabel           *title_label;
  GtkLabel           *policy_label;
  GtkLabel           *summary_label;
  GtkWidget          *conditions_box;
  GtkListBox         *conditions_list;

  RdCaseFile         *case_file;
  RdPolicy           *policy;
  const RdIndication *indication;
  RdEvaluation       *evaluation;
  GHashTable         *rows;        /* criterion id -> RdCriterionRow */
  GPtrArray          *row_order;   /* RdCriterionRow, tree order */
  GPtrArray          *condition_rows;
  GArray             *sections;    /* Section */
  RdStepState         state;
  guint               n_applicable;
  guint               n_scored;
};

G_DEFINE_FINAL_TYPE (RdCriteriaPage, rd_criteria_page, ADW_TYPE_BIN)

static char *
logic_phrase (const RdNode *node)
{
  switch (node->kind)
    {
    case RD_NODE_ALL_OF:
      return g_strdup (_("All of these must be met"));
    case RD_NODE_ANY_OF:
      return g_strdup (_("Any one of these must be met"));
    case RD_NODE_AT_LEAST:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "At least %u of these must be met",
                                           "At least %u of these must be met", node->n), node->n);
    case RD_NODE_CRITERION:
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkWidget *
new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
section_header (RdCriteriaPage *self,
                const RdNode   *node)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *phrase = logic_phrase (node);
  GtkWidget *label;

  if (node->title)
    {
      label = gtk_label_new (node->title);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
    }
  label = gtk_label_new (phrase);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, node->title ? "logic" : "heading");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void add_group (RdCriteriaPage *self,
                       GtkBox         *parent,
                       const RdNode   *node,
                       guint           depth);

static void
add_group_children (RdCriteriaPage *self,
                    GtkBox         *content,
                    const RdNode   *node,
                    guint           depth)
{
  GtkWidget *list = NULL;

  /* Consecutive criteria share one boxed list; a nested group ends it. */
  for (guint i = 0; i < node->children->len; i++)
    {
      const RdNode *child = g_ptr_array_index (node->children, i);

      if (child->kind == RD_NODE_CRITERION)
        {
          GtkWidget *row = rd_criterion_row_new (self->case_file, self->policy, child);

          if (list == NULL)
            {
              list = new_list ();
              gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              node->title ? node->title : _("Criteria"), -1);
              gtk_box_append (content, list);
            }
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          g_hash_table_insert (self->rows, (gpointer) child->id, row);
          g_ptr_array_add (self->row_order, row);
        }
      else
        {
          list = NULL;
          add_group (self, content, child, depth + 1);
        }
    }
}

static void
add_group (RdCriteriaPage *self,
           GtkBox         *parent,
           const RdNode   *node,
           guint           depth)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  Section record = { node, content, NULL };

  gtk_widget_add_css_class (section, "criteria-group");
  if (depth > 0)
    gtk_widget_add_css_class (section, "nested");
  gtk_box_append (GTK_BOX (section), section_header (self, node));

  if (node->when)
    {
      const RdCondition *condition = rd_policy_find_condition (self->policy, node->when);
      /* TRANSLATORS: shown instead of a group of criteria whose condition is answered no */
      g_autofree char *text = g_strdup_printf (_("Does not apply: only when the answer to “%s” is yes."),
                                               condition ? condition->question : node->when);
      record.skipped = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (record.skipped), TRUE);
      gtk_label_set_xalign (GTK_LABEL (record.skipped), 0);
      gtk_widget_add_css_class (record.skipped, "dim-label");
      gtk_widget_set_visible (record.skipped, FALSE);
      gtk_box_append (GTK_BOX (section), record.skipped);
    }

  gtk_box_append (GTK_BOX (section), content);
  gtk_box_append (parent, section);
  g_array_append_val (self->sections, record);
  add_group_children (self, GTK_BOX (content), node, depth);
}

static void
build (RdCriteriaPage *self)
{
  const RdIndication *indication = self->indication;
  g_autoptr(GPtrArray) conditions = rd_policy_get_conditions_for (self->policy, indication);
  /* TRANSLATORS: a policy's payer, number and title */
  g_autofree char *policy = g_strdup_printf (_("%s %s: %s"), rd_policy_get_payer (self->policy),
                                             rd_policy_get_number (self->policy),
                                             rd_policy_get_title (self->policy));

  gtk_label_set_label (self->title_label, indication->title);
  gtk_label_set_label (self->policy_label, policy);
  gtk_label_set_label (self->summary_label, indication->summary ? indication->summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), indication->summary != NULL);

  for (guint i = 0; i < conditions->len; i++)
    {
      GtkWidget *row = rd_condition_row_new (self->case_file, self->policy, g_ptr_array_index (conditions, i));
      gtk_list_box_append (self->conditions_list, row);
      g_ptr_array_add (self->condition_rows, row);
    }
  gtk_widget_set_visible (self->conditions_box, conditions->len > 0);

  if (indication->root->kind == RD_NODE_CRITERION)
    {
      /* A tree of one criterion: a group of one, so it reads like the others. */
      GtkWidget *list = new_list ();
      GtkWidget *row = rd_criterion_row_new (self->case_file, self->policy, indication->root);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      gtk_box_append (self->content_box, list);
      g_hash_table_insert (self->rows, (gpointer) indication->root->id, row);
      g_ptr_array_add (self->row_order, row);
    }
  else
    add_group (self, self->content_box, indication->root, 0);
}

static GPtrArray *
evidence_for (GPtrArray  *evidence,
              const char *criterion_id)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; evidence && i < evidence->len; i++)
    {
      RdCaseEvidence *item = g_ptr_array_index (evidence, i);
      if (item->target_kind == RD_EVIDENCE_TARGET_CRITERION && g_strcmp0 (item->target_id, criterion_id) == 0)
        g_ptr_array_add (found, item);
    }
  return found;
}

static void
set_result_style (RdCriteriaPage *self,
                  const char     *style,
                  const char     *icon)
{
  static const char * const styles[] = { "success", "error", "warning", "neutral" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (self->result_bar, styles[i]);
  gtk_widget_add_css_class (self->result_bar, style);
  gtk_image_set_from_icon_name (self->result_icon, icon);
}

static char *
criteria_texts (RdCriteriaPage *self,
                GPtrArray      *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      const RdNode *node = rd_policy_find_node (self->policy, g_ptr_array_index (ids, i));
      if (node && node->text)
        g_string_append_printf (text, "%s%s", text->len ? " " : "", node->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
documents_texts (RdCriteriaPage *self,
                 GPtrArray      *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      const RdDocItem *item = rd_policy_find_doc_item (self->policy, g_ptr_array_index (ids, i));
      if (item)
        g_string_append_printf (text, "%s%s", text->len ? "; " : "", item->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_result (RdCriteriaPage *self)
{
  RdEvaluation *eval = self->evaluation;
  g_autofree char *detail = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *accessible = NULL;

  if (eval->result == RD_TRUTH_TRUE)
    {
      set_result_style (self, "success", "emblem-ok-symbolic");
      if (eval->nurse_may_approve)
        detail = g_strdup (_("The criteria are met: a nurse may approve."));
      else if (eval->md_reasons->len)
        detail = g_strdup_printf (_("The criteria are met, but a medical director decides: %s"),
                                  ((RdMdReason *) g_ptr_array_index (eval->md_reasons, 0))->text);
    }
  else if (eval->result == RD_TRUTH_FALSE)
    {
      g_autofree char *criteria = criteria_texts (self, eval->decisive);
      set_result_style (self, "error", "dialog-error-symbolic");
      /* TRANSLATORS: %s lists the criteria scored not met */
      detail = g_strdup_printf (_("Not met: %s Only a medical director can make this determination."), criteria);
    }
  else if (eval->unscored->len > 0 && self->n_scored < self->n_applicable)
    {
      set_result_style (self, "neutral", "document-edit-symbolic");
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u criterion still to score.",
                                             "%u criteria still to score.", eval->unscored->len),
                                eval->unscored->len);
    }
  else
    {
      g_autofree char *documents = documents_texts (self, eval->missing_documentation);
      set_result_style (self, "warning", "dialog-warning-symbolic");
      if (documents[0])
        /* TRANSLATORS: %s lists the documentation to request */
        detail = g_strdup_printf (_("Request: %s"), documents);
      else if (eval->md_reasons->len)
        detail = g_strdup (((RdMdReason *) g_ptr_array_index (eval->md_reasons, 0))->text);
    }

  gtk_label_set_label (self->result_label, eval->label);
  gtk_label_set_label (self->result_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_detail), detail != NULL);
  /* TRANSLATORS: how many of the criteria that apply are scored */
  progress = g_strdup_printf (_("%u of %u scored"), self->n_scored, self->n_applicable);
  gtk_label_set_label (self->progress_label, progress);

  /* TRANSLATORS: the accessible text of the live result: result, details */
  accessible = g_strdup_printf (_("Result: %s. %s"), eval->label, detail ? detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static RdStepState
compute_state (RdCriteriaPage *self)
{
  if (self->n_scored == 0)
    return RD_STEP_NOT_STARTED;
  switch (self->evaluation->result)
    {
    case RD_TRUTH_TRUE:
      return RD_STEP_COMPLETE;
    case RD_TRUTH_FALSE:
      return RD_STEP_BLOCKING;
    case RD_TRUTH_UNKNOWN:
    case RD_TRUTH_NOT_APPLICABLE:
    default:
      return self->n_scored < self->n_applicable ? RD_STEP_IN_PROGRESS : RD_STEP_BLOCKING;
    }
}

/**
 * rd_criteria_page_refresh:
 *
 * Shows what the case file holds: scores, answers, evidence, and the result.
 */
void
rd_criteria_page_refresh (RdCriteriaPage *self)
{
  const char *policy_id = rd_policy_get_id (self->policy);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RdRequest) request = NULL;
  g_autoptr(GHashTable) measurements = NULL;

  g_return_if_fail (RD_IS_CRITERIA_PAGE (self));

  table = rd_case_scores_table (self->case_file, policy_id, &error);
  scores = table ? rd_case_file_list_scores (self->case_file, policy_id, &error) : NULL;
  if (scores == NULL)
    {
      g_warning ("Cannot read the scores of the case: %s", error->message);
      return;
    }
  for (guint i = 0; i < scores->len; i++)
    {
      RdCaseScore *score = g_ptr_array_index (scores, i);
      g_hash_table_insert (by_id, score->target_id, score);
    }
  measurements = rd_case_file_get_measurements (self->case_file, policy_id);
  /* Evidence is an extra: a case file that cannot list it still shows its scores. */
  evidence = rd_case_file_list_evidence (self->case_file, policy_id, NULL, NULL);

  g_clear_pointer (&self->evaluation, rd_evaluation_unref);
  /* The request chooses the pathway: the trial's criteria or the permanent pump's. */
  request = rd_case_file_get_request (self->case_file, NULL);
  self->evaluation = rd_engine_evaluate (self->policy, self->indication, request, table);

  self->n_applicable = self->n_scored = 0;
  for (guint i = 0; i < self->row_order->len; i++)
    {
      RdCriterionRow *row = g_ptr_array_index (self->row_order, i);
      const RdNode *node = rd_criterion_row_get_criterion (row);
      const RdCaseScore *score = g_hash_table_lookup (by_id, node->id);
      g_autoptr(GPtrArray) pinned = evidence_for (evidence, node->id);
      gboolean applies = rd_engine_node_applies (node, request, table);

      rd_criterion_row_refresh (row, score, pinned, rd_evaluation_is_decisive (self->evaluation, node->id));
      rd_criterion_row_set_measurement (row, g_hash_table_lookup (measurements, node->id));
      gtk_widget_set_visible (GTK_WIDGET (row), applies);
      if (applies)
        {
          self->n_applicable++;
          if (score && score->score != RD_SCORE_UNSCORED)
            self->n_scored++;
        }
    }

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);
      gboolean applies = rd_engine_node_applies (section->node, request, table);

      gtk_widget_set_visible (section->content, applies);
      if (section->skipped)
        gtk_widget_set_visible (section->skipped, !applies);
    }

  for (guint i = 0; i < self->condition_rows->len; i++)
    {
      RdConditionRow *row = g_ptr_array_index (self->condition_rows, i);
      gpointer answer = g_hash_table_lookup (table, rd_condition_row_get_condition (row)->id);
      rd_condition_row_refresh (row, GPOINTER_TO_INT (answer));
    }

  show_result (self);
  self->state = compute_state (self);
}

/* After a score chosen from the keyboard, the focus moves on to the next
 * criterion that applies, so a reviewer can score a page without the mouse. */
static void
row_scored (RdCriteriaPage *self,
            GParamSpec     *pspec,
            RdCriterionRow *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean after = FALSE;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (row)) ||
      !GTK_IS_TOGGLE_BUTTON (focus) || rd_criterion_row_get_score (row) == RD_SCORE_UNSCORED)
    return;
  for (guint i = 0; i < self->row_order->len; i++)
    {
      GtkWidget *next = g_ptr_array_index (self->row_order, i);

      if (next == GTK_WIDGET (row))
        after = TRUE;
      else if (after && gtk_widget_get_visible (next))
        {
          rd_criterion_row_focus_score (RD_CRITERION_ROW (next));
          return;
        }
    }
}

GtkWidget *
rd_criteria_page_new (RdCaseFile         *case_file,
                      RdPolicy           *policy,
                      const RdIndication *indication)
{
  RdCriteriaPage *self;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);
  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (indication != NULL, NULL);

  self = g_object_new (RD_TYPE_CRITERIA_PAGE, NULL);
  self->case_file = g_object_ref (case_file);
  self->policy = g_object_ref (policy);
  self->indication = indication;
  build (self);
  for (guint i = 0; i < self->row_order->len; i++)
    g_signal_connect_object (g_ptr_array_index (self->row_order, i), "notify::score",
                             G_CALLBACK (row_scored), self, G_CONNECT_SWAPPED);
  rd_criteria_page_refresh (self);
  return GTK_WIDGET (self);
}

RdStepState
rd_criteria_page_get_state (RdCriteriaPage *self)
{
  g_return_val_if_fail (RD_IS_CRITERIA_PAGE (self), RD_STEP_NOT_STARTED);
  return self->state;
}

/**
 * rd_criteria_page_get_evaluation:
 *
 * Returns: (transfer none): the live result, as the result bar shows it.
 */
RdEvaluation *
rd_criteria_page_get_evaluation (RdCriteriaPage *self)
{
  g_return_val_if_fail (RD_IS_CRITERIA_PAGE (self), NULL);
  return self->evaluation;
}

const char *
rd_criteria_page_get_result_text (RdCriteriaPage *self)
{
  g_return_val_if_fail (RD_IS_CRITERIA_PAGE (self), NULL);
  return gtk_label_get_label (self->result_label);
}

/**
 * rd_criteria_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row of @criterion_id.
 */
RdCriterionRow *
rd_criteria_page_get_row (RdCriteriaPage *self,
                          const char     *criterion_id)
{
  g_return_val_if_fail (RD_IS_CRITERIA_PAGE (self), NULL);
  return g_hash_table_lookup (self->rows, criterion_id);
}

/**
 * rd_criteria_page_get_condition_row:
 *
 * Returns: (transfer none) (nullable): the row of @condition_id.
 */
RdConditionRow *
rd_criteria_page_get_condition_row (RdCriteriaPage *self,
                                    const char     *condition_id)
{
  g_return_val_if_fail (RD_IS_CRITERIA_PAGE (self), NULL);

  for (guint i = 0; i < self->condition_rows->len; i++)
    {
      RdConditionRow *row = g_ptr_array_index (self->condition_rows, i);
      if (g_str_equal (rd_condition_row_get_condition (row)->id, condition_id))
        return row;
    }
  return NULL;
}

void
rd_criteria_page_flush (RdCriteriaPage *self)
{
  g_return_if_fail (RD_IS_CRITERIA_PAGE (self));

  for (guint i = 0; i < self->row_order->len; i++)
    rd_criterion_row_flush (g_ptr_array_index (self->row_order, i));
}

const RdIndication *
rd_criteria_page_get_indication (RdCriteriaPage *self)
{
  g_return_val_if_fail (RD_IS_CRITERIA_PAGE (self), NULL);
  return self->indication;
}

/**
 * rd_criteria_page_get_policy:
 *
 * Returns: (transfer none): the page's policy.
 */
RdPolicy *
rd_criteria_page_get_policy (RdCriteriaPage *self)
{
  g_return_val_if_fail (RD_IS_CRITERIA_PAGE (self), NULL);
  return self->policy;
}

static void
rd_criteria_page_dispose (GObject *object)
{
  RdCriteriaPage *self = RD_CRITERIA_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CRITERIA_PAGE);
  g_clear_pointer (&self->evaluation, rd_evaluation_unref);
  g_clear_object (&self->case_file);
  g_clear_object (&self->policy);
  G_OBJECT_CLASS (rd_criteria_page_parent_class)->dispose (object);
}

static void
rd_criteria_page_finalize (GObject *object)
{
  RdCriteriaPage *self = RD_CRITERIA_PAGE (object);

  g_hash_table_unref (self->rows);
  g_ptr_array_unref (self->row_order);
  g_ptr_array_unref (self->condition_rows);
  g_array_unref (self->sections);
  G_OBJECT_CLASS (rd_criteria_page_parent_class)->finalize (object);
}

static void
rd_criteria_page_class_init (RdCriteriaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_criteria_page_dispose;
  object_class->finalize = rd_criteria_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-criteria-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, result_bar);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, result_icon);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, result_detail);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, conditions_box);
  gtk_widget_class_bind_template_child (widget_class, RdCriteriaPage, conditions_list);
}

static void
rd_criteria_page_init (RdCriteriaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->row_order = g_ptr_array_new ();
  self->condition_rows = g_ptr_array_new ();
  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
}
