/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-evaluate.h"
#include "rd-label.h"
#include "rd-documentation-page.h"

/* The documentation each policy under review asks for, for the indications
 * under review: each item present, missing or not applicable, and where it was
 * found. Items needed only after the service are listed apart and do not count. */
struct _RdDocumentationPage
{
  AdwBin       parent_instance;

  GtkWidget   *summary_label;
  GtkWidget   *content;
  RdCaseFile  *case_file;
  GPtrArray   *policies;
  GPtrArray   *rows;          /* RdDocItemRow */
  RdStepState  state;
};

G_DEFINE_FINAL_TYPE (RdDocumentationPage, rd_documentation_page, ADW_TYPE_BIN)

static guint
item_depth (const RdDocItem *item)
{
  guint depth = 0;

  for (const RdDocItem *parent = item->parent; parent; parent = parent->parent)
    depth++;
  return depth;
}

static GtkWidget *
new_list (const char *accessible)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return list;
}

/* The items of every indication under review, each once, in the policy's order. */
static GPtrArray *
items_for_review (RdPolicy     *policy,
                  RdCaseReview *review)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *items = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = NULL;

  for (guint i = 0; review->indications[i]; i++)
    {
      const RdIndication *indication = rd_policy_find_indication (policy, review->indications[i]);
      g_autoptr(GPtrArray) some = indication ? rd_policy_get_doc_items_for (policy, indication) : NULL;

      for (guint j = 0; some && j < some->len; j++)
        g_hash_table_add (wanted, (gpointer) ((const RdDocItem *) g_ptr_array_index (some, j))->id);
    }
  /* rd_policy_get_doc_items_for() gives document order; keep it across indications. */
  if (review->indications[0])
    {
      const RdIndication *first = rd_policy_find_indication (policy, review->indications[0]);
      all = first ? rd_policy_get_doc_items_for (policy, first) : g_ptr_array_new ();
    }
  for (guint i = 0; all && i < all->len; i++)
    {
      const RdDocItem *item = g_ptr_array_index (all, i);
      if (g_hash_table_remove (wanted, item->id))
        g_ptr_array_add (items, (gpointer) item);
    }
  /* Items of the other indications that the first one does not list. */
  for (guint i = 1; review->indications[i]; i++)
    {
      const RdIndication *indication = rd_policy_find_indication (policy, review->indications[i]);
      g_autoptr(GPtrArray) some = indication ? rd_policy_get_doc_items_for (policy, indication) : NULL;

      for (guint j = 0; some && j < some->len; j++)
        {
          const RdDocItem *item = g_ptr_array_index (some, j);
          if (g_hash_table_remove (wanted, item->id))
            g_ptr_array_add (items, (gpointer) item);
        }
    }
  return items;
}

static void
add_policy (RdDocumentationPage *self,
            RdPolicy            *policy,
            RdCaseReview        *review)
{
  g_autoptr(GPtrArray) items = items_for_review (policy, review);
  /* TRANSLATORS: a policy's payer, number and title */
  g_autofree char *name = g_strdup_printf (_("%s %s: %s"), rd_policy_get_payer (policy),
                                           rd_policy_get_number (policy), rd_policy_get_title (policy));
  const char *intro = rd_policy_get_documentation_intro (policy);
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *before = NULL, *after = NULL;

  gtk_box_append (GTK_BOX (section), rd_label_new_wrapped (name, "heading"));
  if (intro)
    gtk_box_append (GTK_BOX (section), rd_label_new_wrapped (intro, "dim-label"));

  for (guint i = 0; i < items->len; i++)
    {
      const RdDocItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = rd_doc_item_row_new (self->case_file, policy, item, item_depth (item));

      if (item->phase == RD_DOC_PRE_SERVICE)
        {
          if (before == NULL)
            gtk_box_append (GTK_BOX (section), before = new_list (name));
          gtk_list_box_append (GTK_LIST_BOX (before), row);
          g_ptr_array_add (self->rows, row);
        }
      else
        {
          if (after == NULL)
            {
              gtk_box_append (GTK_BOX (section), rd_label_new_wrapped (_("After the Service"), "heading"));
              gtk_box_append (GTK_BOX (section), rd_label_new_wrapped (_("Asked for once the service is done; not needed for this decision."),
                                                            "dim-label"));
              gtk_box_append (GTK_BOX (section), after = new_list (_("After the service")));
            }
          gtk_list_box_append (GTK_LIST_BOX (after), row);
          g_ptr_array_add (self->rows, row);
        }
    }
  gtk_box_append (GTK_BOX (self->content), section);
}

/**
 * rd_documentation_page_rebuild:
 *
 * Lists the items of the policies and indications now under review.
 */
void
rd_documentation_page_rebuild (RdDocumentationPage *self)
{
  g_autoptr(GPtrArray) reviews = NULL;
  GtkWidget *child;

  g_return_if_fail (RD_IS_DOCUMENTATION_PAGE (self));

  rd_documentation_page_flush (self);
  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (self->content)))
    gtk_box_remove (GTK_BOX (self->content), child);

  reviews = rd_case_file_list_reviews (self->case_file, NULL);
  for (guint i = 0; reviews && i < reviews->len; i++)
    {
      RdCaseReview *review = g_ptr_array_index (reviews, i);
      RdPolicy *policy = rd_policy_find_in (self->policies, review->policy_id);

      if (policy && review->indications[0])
        add_policy (self, policy, review);
    }
  if (self->rows->len == 0)
    gtk_box_append (GTK_BOX (self->content),
                    rd_label_new_wrapped (_("Confirm the applicable indications at intake: their documentation is listed here."), "dim-label"));
  rd_documentation_page_refresh (self);
}

static GPtrArray *
evidence_for (GPtrArray  *evidence,
              const char *policy_id,
              const char *item_id)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; evidence && i < evidence->len; i++)
    {
      RdCaseEvidence *e = g_ptr_array_index (evidence, i);
      if (e->target_kind == RD_EVIDENCE_TARGET_DOCUMENTATION &&
          g_strcmp0 (e->policy_id, policy_id) == 0 && g_strcmp0 (e->target_id, item_id) == 0)
        g_ptr_array_add (found, e);
    }
  return found;
}

/* What the case file holds for the items of one policy. */
typedef struct {
  GPtrArray  *docs;       /* RdCaseDocItem */
  GPtrArray  *evidence;   /* RdCaseEvidence */
} Stored;

static void
stored_free (Stored *stored)
{
  g_clear_pointer (&stored->docs, g_ptr_array_unref);
  g_clear_pointer (&stored->evidence, g_ptr_array_unref);
  g_free (stored);
}

static const RdCaseDocItem *
find_doc (Stored     *stored,
          const char *item_id)
{
  for (guint i = 0; stored->docs && i < stored->docs->len; i++)
    {
      const RdCaseDocItem *doc = g_ptr_array_index (stored->docs, i);
      if (g_str_equal (doc->item_id, item_id))
        return doc;
    }
  return NULL;
}

void
rd_documentation_page_refresh (RdDocumentationPage *self)
{
  g_autoptr(GHashTable) by_policy = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) stored_free);
  guint n_checked = 0, n_missing = 0, n_items = 0;
  g_autofree char *summary = NULL;

  g_return_if_fail (RD_IS_DOCUMENTATION_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      RdDocItemRow *row = g_ptr_array_index (self->rows, i);
      const char *policy_id = rd_policy_get_id (rd_doc_item_row_get_policy (row));
      const char *item_id = rd_doc_item_row_get_item (row)->id;
      Stored *stored = g_hash_table_lookup (by_policy, policy_id);
      g_autoptr(GPtrArray) pinned = NULL;

      if (stored == NULL)
        {
          g_autoptr(GError) error = NULL;

          stored = g_new0 (Stored, 1);
          stored->docs = rd_case_file_list_documentation (self->case_file, policy_id, &error);
          if (stored->docs == NULL)
            g_debug ("Cannot read the documentation checklist of the case: %s", error->message);
          /* Evidence is an extra: without it the checklist still shows. */
          stored->evidence = rd_case_file_list_evidence (self->case_file, policy_id, NULL, NULL);
          g_hash_table_insert (by_policy, (gpointer) policy_id, stored);
        }
      pinned = evidence_for (stored->evidence, policy_id, item_id);
      rd_doc_item_row_refresh (row, find_doc (stored, item_id), pinned);

      if (rd_doc_item_row_get_item (row)->phase != RD_DOC_PRE_SERVICE)
        continue;
      n_items++;
      if (rd_doc_item_row_get_status (row) != RD_DOC_STATUS_UNREVIEWED)
        n_checked++;
      if (rd_doc_item_row_get_status (row) == RD_DOC_STATUS_MISSING)
        n_missing++;
    }

  if (n_checked == 0)
    self->state = RD_STEP_NOT_STARTED;
  else if (n_checked < n_items)
    self->state = RD_STEP_IN_PROGRESS;
  else
    self->state = n_missing ? RD_STEP_BLOCKING : RD_STEP_COMPLETE;

  /* TRANSLATORS: progress of the documentation checklist */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item checked; %u missing",
                                          "%u of %u items checked; %u missing", n_items),
                             n_checked, n_items, n_missing);
  gtk_label_set_label (GTK_LABEL (self->summary_label), summary);
}

void
rd_documentation_page_flush (RdDocumentationPage *self)
{
  g_return_if_fail (RD_IS_DOCUMENTATION_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    rd_doc_item_row_flush (g_ptr_array_index (self->rows, i));
}

RdStepState
rd_documentation_page_get_state (RdDocumentationPage *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENTATION_PAGE (self), RD_STEP_NOT_STARTED);
  return self->state;
}

/**
 * rd_documentation_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row of the item.
 */
RdDocItemRow *
rd_documentation_page_get_row (RdDocumentationPage *self,
                               const char          *policy_id,
                               const char          *item_id)
{
  g_return_val_if_fail (RD_IS_DOCUMENTATION_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      RdDocItemRow *row = g_ptr_array_index (self->rows, i);
      if (g_str_equal (rd_policy_get_id (rd_doc_item_row_get_policy (row)), policy_id) &&
          g_str_equal (rd_doc_item_row_get_item (row)->id, item_id))
        return row;
    }
  return NULL;
}

/**
 * rd_documentation_page_get_rows:
 *
 * Returns: (transfer none) (element-type RdDocItemRow): every item's row.
 */
GPtrArray *
rd_documentation_page_get_rows (RdDocumentationPage *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENTATION_PAGE (self), NULL);
  return self->rows;
}

GtkWidget *
rd_documentation_page_new (RdCaseFile *case_file,
                           GPtrArray  *policies)
{
  RdDocumentationPage *self;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);

  self = g_object_new (RD_TYPE_DOCUMENTATION_PAGE, NULL);
  self->case_file = g_object_ref (case_file);
  self->policies = g_ptr_array_ref (policies);
  rd_documentation_page_rebuild (self);
  return GTK_WIDGET (self);
}

static void
rd_documentation_page_dispose (GObject *object)
{
  RdDocumentationPage *self = RD_DOCUMENTATION_PAGE (object);

  if (self->rows)
    rd_documentation_page_flush (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->case_file);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  G_OBJECT_CLASS (rd_documentation_page_parent_class)->dispose (object);
}

static void
rd_documentation_page_class_init (RdDocumentationPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rd_documentation_page_dispose;
}

static void
rd_documentation_page_init (RdDocumentationPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->rows = g_ptr_array_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_box_append (GTK_BOX (header), rd_label_new_wrapped (_("Documentation Checklist"), "title-3"));
  gtk_box_append (GTK_BOX (header), rd_label_new_wrapped (_("Mark each item the policy asks for as present, missing or not applicable, and say where you found it. Missing items are listed for the provider when you pend the case."),
                                               "dim-label"));
  self->summary_label = rd_label_new_wrapped (NULL, "caption");
  gtk_box_append (GTK_BOX (header), self->summary_label);
  gtk_box_append (GTK_BOX (box), header);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (box), self->content);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 820);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}
