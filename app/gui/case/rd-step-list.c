/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-step-list.h"

/* The review's steps in order, each with its state, as a sidebar. The rows carry
 * their id and state as object data; the list is small (a handful of steps). */
struct _RdStepList
{
  AdwBin      parent_instance;

  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (RdStepList, rd_step_list, ADW_TYPE_BIN)

enum {
  SIGNAL_STEP_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
rd_step_state_to_label (RdStepState state)
{
  switch (state)
    {
    case RD_STEP_NOT_STARTED:
      return _("Not started");
    case RD_STEP_IN_PROGRESS:
      return _("In progress");
    case RD_STEP_COMPLETE:
      return _("Complete");
    case RD_STEP_BLOCKING:
      return _("Blocking");
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
state_icon (RdStepState state)
{
  switch (state)
    {
    case RD_STEP_IN_PROGRESS:
      return "document-edit-symbolic";
    case RD_STEP_COMPLETE:
      return "emblem-ok-symbolic";
    case RD_STEP_BLOCKING:
      return "dialog-warning-symbolic";
    case RD_STEP_NOT_STARTED:
    default:
      return "media-record-symbolic";
    }
}

static const char *
state_css (RdStepState state)
{
  switch (state)
    {
    case RD_STEP_COMPLETE:
      return "success";
    case RD_STEP_BLOCKING:
      return "warning";
    case RD_STEP_IN_PROGRESS:
      return "accent";
    case RD_STEP_NOT_STARTED:
    default:
      return "dim-label";
    }
}

static GtkListBoxRow *
find_row (RdStepList *self,
          const char *id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "step-id"), id) == 0)
      return row;
  return NULL;
}

static void
show_state (GtkListBoxRow *row,
            RdStepState    state)
{
  GtkWidget *image = g_object_get_data (G_OBJECT (row), "state-image");
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "state-label");
  const char *title = g_object_get_data (G_OBJECT (row), "step-title");
  g_autofree char *accessible = NULL;

  for (RdStepState s = RD_STEP_NOT_STARTED; s <= RD_STEP_BLOCKING; s++)
    {
      gtk_widget_remove_css_class (image, state_css (s));
      gtk_widget_remove_css_class (label, state_css (s));
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (image), state_icon (state));
  gtk_widget_add_css_class (image, state_css (state));
  if (state == RD_STEP_BLOCKING)
    gtk_widget_add_css_class (label, state_css (state));
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_label (GTK_LABEL (label), rd_step_state_to_label (state));

  /* TRANSLATORS: a review step and its state, e.g. "Intake: complete" */
  accessible = g_strdup_printf (_("%s: %s"), title, rd_step_state_to_label (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (row), "step-state", GINT_TO_POINTER (state));
}

GtkWidget *
rd_step_list_new (void)
{
  return g_object_new (RD_TYPE_STEP_LIST, NULL);
}

void
rd_step_list_clear (RdStepList *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (RD_IS_STEP_LIST (self));

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)))
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
}

/**
 * rd_step_list_append:
 * @id: a name the caller uses for the step, unique in the list
 * @title: what the reviewer reads
 *
 * Adds a step, not started.
 */
void
rd_step_list_append (RdStepList *self,
                     const char *id,
                     const char *title)
{
  GtkWidget *row, *box, *texts, *image, *title_label, *state_label;

  g_return_if_fail (RD_IS_STEP_LIST (self));
  g_return_if_fail (find_row (self, id) == NULL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  image = gtk_image_new ();
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_widget_set_margin_top (image, 2);
  gtk_box_append (GTK_BOX (box), image);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  title_label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_lines (GTK_LABEL (title_label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (title_label, title);
  gtk_box_append (GTK_BOX (texts), title_label);
  state_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (state_label), 0);
  gtk_widget_add_css_class (state_label, "caption");
  gtk_box_append (GTK_BOX (texts), state_label);
  gtk_box_append (GTK_BOX (box), texts);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "step-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), "step-title", g_strdup (title), g_free);
  g_object_set_data (G_OBJECT (row), "state-image", image);
  g_object_set_data (G_OBJECT (row), "state-label", state_label);
  show_state (GTK_LIST_BOX_ROW (row), RD_STEP_NOT_STARTED);
  gtk_list_box_append (self->list, row);
}

/**
 * rd_step_list_append_aside:
 * @id: a name the caller uses for the page, unique in the list
 * @title: what the reviewer reads
 * @icon_name: an icon for the page
 *
 * Adds a page of the case that is not a step of the review (the audit log):
 * after the steps, set apart from them, without a state. Ctrl+Page Down
 * walks the review's steps and stops before it.
 */
void
rd_step_list_append_aside (RdStepList *self,
                           const char *id,
                           const char *title,
                           const char *icon_name)
{
  GtkWidget *row, *box, *image, *label;

  g_return_if_fail (RD_IS_STEP_LIST (self));
  g_return_if_fail (find_row (self, id) == NULL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  image = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name, "accessible-role",
                        GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_widget_add_css_class (image, "dim-label");
  gtk_box_append (GTK_BOX (box), image);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, title);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "step-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "aside", GINT_TO_POINTER (TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (self->list, row);
}

static gboolean
is_aside (GtkListBoxRow *row)
{
  return row != NULL && g_object_get_data (G_OBJECT (row), "aside") != NULL;
}

void
rd_step_list_set_state (RdStepList  *self,
                        const char  *id,
                        RdStepState  state)
{
  GtkListBoxRow *row;

  g_return_if_fail (RD_IS_STEP_LIST (self));

  row = find_row (self, id);
  g_return_if_fail (row != NULL && !is_aside (row));
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "step-state")) != (int) state)
    show_state (row, state);
}

RdStepState
rd_step_list_get_state (RdStepList *self,
                        const char *id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (RD_IS_STEP_LIST (self), RD_STEP_NOT_STARTED);

  row = find_row (self, id);
  g_return_val_if_fail (row != NULL, RD_STEP_NOT_STARTED);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "step-state"));
}

guint
rd_step_list_get_n_steps (RdStepList *self)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_STEP_LIST (self), 0);

  while (gtk_list_box_get_row_at_index (self->list, n))
    n++;
  return n;
}

/**
 * rd_step_list_get_id:
 *
 * Returns: (nullable): the id of the step at @index.
 */
const char *
rd_step_list_get_id (RdStepList *self,
                     guint       index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (RD_IS_STEP_LIST (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list, index);
  return row ? g_object_get_data (G_OBJECT (row), "step-id") : NULL;
}

/**
 * rd_step_list_get_selected:
 *
 * Returns: (nullable): the id of the selected step.
 */
const char *
rd_step_list_get_selected (RdStepList *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (RD_IS_STEP_LIST (self), NULL);

  row = gtk_list_box_get_selected_row (self->list);
  return row ? g_object_get_data (G_OBJECT (row), "step-id") : NULL;
}

void
rd_step_list_select (RdStepList *self,
                     const char *id)
{
  GtkListBoxRow *row;

  g_return_if_fail (RD_IS_STEP_LIST (self));

  row = find_row (self, id);
  g_return_if_fail (row != NULL);
  gtk_list_box_select_row (self->list, row);
}

/**
 * rd_step_list_move:
 * @delta: -1 for the previous step, 1 for the next
 *
 * Returns: %TRUE if the selection moved.
 */
gboolean
rd_step_list_move (RdStepList *self,
                   int         delta)
{
  GtkListBoxRow *row;
  int index;

  g_return_val_if_fail (RD_IS_STEP_LIST (self), FALSE);

  row = gtk_list_box_get_selected_row (self->list);
  index = row ? gtk_list_box_row_get_index (row) + delta : 0;
  if (index < 0 || (row = gtk_list_box_get_row_at_index (self->list, index)) == NULL || is_aside (row))
    return FALSE;
  gtk_list_box_select_row (self->list, row);
  return TRUE;
}

static void
row_selected (GtkListBox    *list,
              GtkListBoxRow *row,
              RdStepList    *self)
{
  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_STEP_SELECTED], 0,
                   g_object_get_data (G_OBJECT (row), "step-id"));
}

/* The list is one Tab stop, as a sidebar is: Tab enters it on the selected
 * step and leaves it for the step's page; Up and Down move between steps.
 * (Otherwise Tab would walk every step, and each would open as it passed.) */
static gboolean
rd_step_list_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  RdStepList *self = RD_STEP_LIST (widget);
  GtkListBoxRow *row;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (rd_step_list_parent_class)->focus (widget, direction);
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* The pages aside from the review's steps are set apart by a line. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       data)
{
  if (is_aside (row) && before != NULL && !is_aside (before))
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
rd_step_list_class_init (RdStepListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->focus = rd_step_list_focus;

  /**
   * RdStepList::step-selected:
   * @id: the selected step's id
   */
  signals[SIGNAL_STEP_SELECTED] =
    g_signal_new ("step-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "steplist");
}

static void
rd_step_list_init (RdStepList *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Review steps"), -1);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected), self, 0);
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  adw_bin_set_child (ADW_BIN (self), scrolled);
}
