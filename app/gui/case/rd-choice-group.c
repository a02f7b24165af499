/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-choice-group.h"

/* A row of linked toggle buttons that together choose one value, such as a
 * criterion's score. Each button activates @action_name with its value as the
 * target; the action is a stateful string action (a property action of the row
 * that owns the group), so the button whose value is the state shows pressed.
 * The group is one Tab stop; Left and Right move between the buttons; Space
 * or Enter chooses. */
struct _RdChoiceGroup
{
  GtkWidget  parent_instance;

  char      *action_name;
};

G_DEFINE_FINAL_TYPE (RdChoiceGroup, rd_choice_group, GTK_TYPE_WIDGET)

/**
 * rd_choice_group_new:
 * @action_name: a stateful string action, e.g. "criterion.score"
 * @accessible_label: what a screen reader says for the whole group
 */
GtkWidget *
rd_choice_group_new (const char *action_name,
                     const char *accessible_label)
{
  RdChoiceGroup *self = g_object_new (RD_TYPE_CHOICE_GROUP, NULL);

  self->action_name = g_strdup (action_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return GTK_WIDGET (self);
}

/**
 * rd_choice_group_add:
 * @value: the action target this button sets
 * @label: the button's text
 * @css_class: (nullable): a class the button gets, to colour the chosen value
 */
void
rd_choice_group_add (RdChoiceGroup *self,
                     const char    *value,
                     const char    *label,
                     const char    *css_class)
{
  GtkWidget *button, *text;

  g_return_if_fail (RD_IS_CHOICE_GROUP (self));

  text = gtk_label_new (label);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  button = gtk_toggle_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), self->action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", value);
  if (css_class)
    gtk_widget_add_css_class (button, css_class);
  g_object_set_data_full (G_OBJECT (button), "choice-value", g_strdup (value), g_free);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
}

/**
 * rd_choice_group_get_button:
 *
 * Returns: (transfer none) (nullable): the button that chooses @value.
 */
GtkWidget *
rd_choice_group_get_button (RdChoiceGroup *self,
                            const char    *value)
{
  g_return_val_if_fail (RD_IS_CHOICE_GROUP (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "choice-value"), value) == 0)
      return child;
  return NULL;
}

static gboolean
move_focus (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  int delta;
  GtkWidget *target;

  g_variant_get (args, "i", &delta);
  while (focus && gtk_widget_get_parent (focus) != widget)
    focus = gtk_widget_get_parent (focus);
  if (focus == NULL)
    return FALSE;
  target = delta > 0 ? gtk_widget_get_next_sibling (focus) : gtk_widget_get_prev_sibling (focus);
  if (target == NULL)
    return TRUE;  /* stay in the group at its ends */
  gtk_widget_grab_focus (target);
  return TRUE;
}

/* One Tab stop per group, as for radio buttons: Tab enters on the chosen
 * value (or the first) and leaves the group; Left and Right move inside it.
 * A page of twenty criteria is then twenty stops, not eighty. */
static gboolean
rd_choice_group_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  GtkWidget *target = NULL;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (rd_choice_group_parent_class)->focus (widget, direction);
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child && !target;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
      target = child;
  if (target == NULL)
    target = gtk_widget_get_first_child (widget);
  return target != NULL && gtk_widget_is_sensitive (target) && gtk_widget_grab_focus (target);
}

static void
rd_choice_group_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_choice_group_parent_class)->dispose (object);
}

static void
rd_choice_group_finalize (GObject *object)
{
  g_free (RD_CHOICE_GROUP (object)->action_name);
  G_OBJECT_CLASS (rd_choice_group_parent_class)->finalize (object);
}

static void
rd_choice_group_class_init (RdChoiceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_choice_group_dispose;
  object_class->finalize = rd_choice_group_finalize;
  widget_class->focus = rd_choice_group_focus;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, move_focus, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, move_focus, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, move_focus, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, move_focus, "i", 1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "choicegroup");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
}

static void
rd_choice_group_init (RdChoiceGroup *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_homogeneous (layout, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
}
