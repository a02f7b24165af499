/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-types.h"
#include "rd-evidence-list.h"

/* The passages of the records pinned to a criterion or a documentation item,
 * as chips; a chip activates "case.show-evidence" to show its passage in the
 * records, the button beside it "case.remove-evidence". */
struct _RdEvidenceList
{
  GtkWidget  parent_instance;

  GtkWidget *icon;
  GtkWidget *flow;
  GtkWidget *placeholder;
  guint      size;
};

G_DEFINE_FINAL_TYPE (RdEvidenceList, rd_evidence_list, GTK_TYPE_WIDGET)

#define QUOTE_CHARS 48

static GtkWidget *
evidence_chip (const RdCaseEvidence *evidence)
{
  glong length = g_utf8_strlen (evidence->quote, -1);
  g_autofree char *quote = g_utf8_substring (evidence->quote, 0, MIN (length, QUOTE_CHARS));
  /* TRANSLATORS: an evidence chip: the page number and the start of the quote */
  g_autofree char *label = g_strdup_printf (_("p. %u: “%s%s”"), evidence->page_number, quote,
                                            length > QUOTE_CHARS ? "…" : "");
  /* TRANSLATORS: the tooltip of an evidence chip; %s is the whole quote */
  g_autofree char *tooltip = g_strdup_printf (_("Show in the records: “%s”"), evidence->quote);
  GtkWidget *chip = gtk_button_new_with_label (label);
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (chip));

  gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (child), 40);
  gtk_widget_add_css_class (chip, "evidence-chip");
  gtk_widget_set_tooltip_text (chip, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "case.show-evidence");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "x", evidence->id);
  return chip;
}

/* A chip and the button that unpins its passage, linked. */
static GtkWidget *
evidence_item (const RdCaseEvidence *evidence)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* TRANSLATORS: the tooltip of the button beside an evidence chip; %s is the whole quote */
  g_autofree char *tooltip = g_strdup_printf (_("Remove this evidence: “%s”"), evidence->quote);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_add_css_class (box, "evidence-item");
  gtk_widget_add_css_class (remove, "evidence-remove");
  gtk_widget_set_tooltip_text (remove, _("Remove this evidence"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "case.remove-evidence");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", evidence->id);
  gtk_box_append (GTK_BOX (box), evidence_chip (evidence));
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

/**
 * rd_evidence_list_new:
 * @placeholder: what shows while nothing is pinned
 */
GtkWidget *
rd_evidence_list_new (const char *placeholder)
{
  RdEvidenceList *self = g_object_new (RD_TYPE_EVIDENCE_LIST, NULL);

  gtk_label_set_label (GTK_LABEL (self->placeholder), placeholder);
  return GTK_WIDGET (self);
}

/**
 * rd_evidence_list_set:
 * @evidence: (element-type RdCaseEvidence) (nullable): the pinned passages
 */
void
rd_evidence_list_set (RdEvidenceList *self,
                      GPtrArray      *evidence)
{
  GtkWidget *child;

  g_return_if_fail (RD_IS_EVIDENCE_LIST (self));

  while ((child = gtk_widget_get_first_child (self->flow)))
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);
  self->size = evidence ? evidence->len : 0;
  for (guint i = 0; i < self->size; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (self->flow), evidence_item (g_ptr_array_index (evidence, i)));
  gtk_widget_set_visible (self->flow, self->size > 0);
  gtk_widget_set_visible (self->placeholder, self->size == 0);
}

guint
rd_evidence_list_get_size (RdEvidenceList *self)
{
  g_return_val_if_fail (RD_IS_EVIDENCE_LIST (self), 0);
  return self->size;
}

static void
rd_evidence_list_dispose (GObject *object)
{
  RdEvidenceList *self = RD_EVIDENCE_LIST (object);

  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->flow, gtk_widget_unparent);
  g_clear_pointer (&self->placeholder, gtk_widget_unparent);
  G_OBJECT_CLASS (rd_evidence_list_parent_class)->dispose (object);
}

static void
rd_evidence_list_class_init (RdEvidenceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_evidence_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evidencelist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_evidence_list_init (RdEvidenceList *self)
{
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Evidence"), -1);

  self->icon = gtk_image_new_from_icon_name ("mail-attachment-symbolic");
  gtk_widget_add_css_class (self->icon, "dim-label");
  gtk_widget_set_valign (self->icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->icon, 4);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 6);
  gtk_widget_set_hexpand (self->flow, TRUE);
  gtk_widget_set_visible (self->flow, FALSE);
  gtk_widget_set_parent (self->flow, GTK_WIDGET (self));

  self->placeholder = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->placeholder), 0);
  gtk_widget_set_hexpand (self->placeholder, TRUE);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_add_css_class (self->placeholder, "caption");
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));
}
