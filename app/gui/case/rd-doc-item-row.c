/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-choice-group.h"
#include "rd-doc-item-row.h"
#include "rd-evidence-list.h"
#include "rd-reporter.h"

/* One item of a policy's documentation checklist: present, missing or not
 * applicable, and where in the records it was found. Written at once. */

#define WHERE_SAVE_DELAY_MS 600

struct _RdDocItemRow
{
  GtkListBoxRow    parent_instance;

  GtkWidget       *where_entry;
  GtkWidget       *evidence_list;

  RdCaseFile      *case_file;
  RdPolicy        *policy;
  const RdDocItem *item;
  RdDocStatus      status;
  gboolean         refreshing;
  guint            save_id;
};

G_DEFINE_FINAL_TYPE (RdDocItemRow, rd_doc_item_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
write_item (RdDocItemRow *self,
            RdDocStatus   status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->where_entry))));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!rd_case_file_set_documentation (self->case_file, rd_policy_get_id (self->policy), self->item->id,
                                       status, where[0] ? where : NULL, &error))
    {
      rd_report_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

static void
set_status (RdDocItemRow *self,
            RdDocStatus   status)
{
  if (self->status == status)
    return;
  if (!self->refreshing && !write_item (self, status))
    return;
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static gboolean
save_where (gpointer data)
{
  RdDocItemRow *self = data;

  self->save_id = 0;
  write_item (self, self->status);
  return G_SOURCE_REMOVE;
}

void
rd_doc_item_row_flush (RdDocItemRow *self)
{
  g_return_if_fail (RD_IS_DOC_ITEM_ROW (self));

  if (self->save_id)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_where (self);
    }
}

static void
where_changed (RdDocItemRow *self)
{
  if (self->refreshing)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (WHERE_SAVE_DELAY_MS, save_where, self);
}

/**
 * rd_doc_item_row_refresh:
 * @stored: (nullable): what the case file holds for the item
 * @evidence: (element-type RdCaseEvidence) (nullable): passages cited for it
 */
void
rd_doc_item_row_refresh (RdDocItemRow        *self,
                         const RdCaseDocItem *stored,
                         GPtrArray           *evidence)
{
  const char *where = stored && stored->where_found ? stored->where_found : "";

  g_return_if_fail (RD_IS_DOC_ITEM_ROW (self));

  self->refreshing = TRUE;
  set_status (self, stored ? stored->status : RD_DOC_STATUS_UNREVIEWED);
  if (self->save_id == 0 && !gtk_widget_has_focus (self->where_entry) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->where_entry)), where) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->where_entry), where);
  self->refreshing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.status", !rd_case_file_is_read_only (self->case_file));
  gtk_editable_set_editable (GTK_EDITABLE (self->where_entry), !rd_case_file_is_read_only (self->case_file));
  rd_evidence_list_set (RD_EVIDENCE_LIST (self->evidence_list), evidence);
}

RdDocStatus
rd_doc_item_row_get_status (RdDocItemRow *self)
{
  g_return_val_if_fail (RD_IS_DOC_ITEM_ROW (self), RD_DOC_STATUS_UNREVIEWED);
  return self->status;
}

/**
 * rd_doc_item_row_get_item:
 *
 * Returns: (transfer none): the item, owned by the row's policy.
 */
const RdDocItem *
rd_doc_item_row_get_item (RdDocItemRow *self)
{
  g_return_val_if_fail (RD_IS_DOC_ITEM_ROW (self), NULL);
  return self->item;
}

/**
 * rd_doc_item_row_get_policy:
 *
 * Returns: (transfer none): the policy that asks for the item.
 */
RdPolicy *
rd_doc_item_row_get_policy (RdDocItemRow *self)
{
  g_return_val_if_fail (RD_IS_DOC_ITEM_ROW (self), NULL);
  return self->policy;
}

/**
 * rd_doc_item_row_get_where_entry:
 *
 * Returns: (transfer none): the entry that says where the item was found.
 */
GtkWidget *
rd_doc_item_row_get_where_entry (RdDocItemRow *self)
{
  g_return_val_if_fail (RD_IS_DOC_ITEM_ROW (self), NULL);
  return self->where_entry;
}

/**
 * rd_doc_item_row_new:
 * @depth: how deep the item is nested in the policy's list (0 for the top)
 */
GtkWidget *
rd_doc_item_row_new (RdCaseFile      *case_file,
                     RdPolicy        *policy,
                     const RdDocItem *item,
                     guint            depth)
{
  RdDocItemRow *self;
  GtkWidget *box, *text, *choices;
  g_autofree char *group_label = NULL;
  g_autofree char *where_label = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);
  g_return_val_if_fail (RD_IS_POLICY (policy), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (RD_TYPE_DOC_ITEM_ROW, NULL);
  self->case_file = g_object_ref (case_file);
  self->policy = g_object_ref (policy);
  self->item = item;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (box, 12 + 18 * depth);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  text = gtk_label_new (item->text);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  if (item->cite.text)
    gtk_widget_set_tooltip_text (text, item->cite.text);
  gtk_box_append (GTK_BOX (box), text);

  /* TRANSLATORS: the accessible name of a documentation item's status buttons */
  group_label = g_strdup_printf (_("Status: %s"), item->text);
  choices = rd_choice_group_new ("doc.status", group_label);
  rd_choice_group_add (RD_CHOICE_GROUP (choices), rd_doc_status_to_string (RD_DOC_STATUS_PRESENT), _("Present"), "met");
  rd_choice_group_add (RD_CHOICE_GROUP (choices), rd_doc_status_to_string (RD_DOC_STATUS_MISSING), _("Missing"), "not-met");
  rd_choice_group_add (RD_CHOICE_GROUP (choices), rd_doc_status_to_string (RD_DOC_STATUS_NOT_APPLICABLE), _("Not applicable"), "not-applicable");
  gtk_box_append (GTK_BOX (box), choices);

  self->where_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->where_entry), _("Where found, such as “Neurology note 2026-10-02, page 3”"));
  /* TRANSLATORS: the accessible name of the "where found" entry of a documentation item */
  where_label = g_strdup_printf (_("Where found: %s"), item->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->where_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, where_label, -1);
  g_signal_connect_object (self->where_entry, "changed", G_CALLBACK (where_changed), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), self->where_entry);

  self->evidence_list = rd_evidence_list_new (_("No passage cited yet."));
  gtk_box_append (GTK_BOX (box), self->evidence_list);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, item->text, -1);
  return GTK_WIDGET (self);
}

static void
rd_doc_item_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, rd_doc_status_to_string (RD_DOC_ITEM_ROW (object)->status));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_doc_item_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdDocStatus status;

  switch (prop_id)
    {
    case PROP_STATUS:
      if (rd_doc_status_from_string (g_value_get_string (value), &status))
        set_status (RD_DOC_ITEM_ROW (object), status);
      else
        g_warning ("Unknown documentation status “%s”", g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_doc_item_row_dispose (GObject *object)
{
  RdDocItemRow *self = RD_DOC_ITEM_ROW (object);

  if (self->case_file)
    rd_doc_item_row_flush (self);
  g_clear_object (&self->case_file);
  g_clear_object (&self->policy);
  G_OBJECT_CLASS (rd_doc_item_row_parent_class)->dispose (object);
}

static void
rd_doc_item_row_class_init (RdDocItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_doc_item_row_dispose;
  object_class->get_property = rd_doc_item_row_get_property;
  object_class->set_property = rd_doc_item_row_set_property;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "unreviewed",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "doc.status", "status");
}

static void
rd_doc_item_row_init (RdDocItemRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
}
