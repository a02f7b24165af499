/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-worklist-columns.h"
#include "rd-worklist-entry.h"

/* Less than this left: the remaining time is shown as a warning. */
#define SOON (24 * G_TIME_SPAN_HOUR)

typedef void (*BindFunc) (GtkWidget       *cell,
                          RdWorklistEntry *entry);

/* A cell's tooltip is kept as data and given when asked for:
 * gtk_widget_set_tooltip_text() asks the display where the pointer is, a
 * round trip to the X server for every cell bound, and hundreds of cells are
 * bound each time the list changes. */
static gboolean
query_tooltip (GtkWidget  *cell,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (cell), "rd-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_tooltip (GtkWidget  *cell,
             const char *text)
{
  g_object_set_data_full (G_OBJECT (cell), "rd-tooltip", g_strdup (text), g_free);
}

static GtkWidget *
with_tooltip (GtkWidget *cell)
{
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip), NULL);
  return cell;
}

/* Two labels, one above the other: what a column says, and under it, dimmed,
 * what qualifies it. */
static GtkWidget *
two_lines_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_label_new (NULL);
  GtkWidget *second = gtk_label_new (NULL);

  for (GtkWidget *label = first; label; label = label == first ? second : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (second, "dim-label");
  gtk_widget_add_css_class (second, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
set_lines (GtkWidget  *cell,
           const char *first,
           const char *second)
{
  GtkWidget *top = gtk_widget_get_first_child (cell);
  GtkWidget *bottom = gtk_widget_get_next_sibling (top);

  gtk_label_set_text (GTK_LABEL (top), first ? first : "");
  gtk_label_set_text (GTK_LABEL (bottom), second ? second : "");
  gtk_widget_set_visible (bottom, second != NULL && *second);
}

static void
bind_member (GtkWidget       *cell,
             RdWorklistEntry *entry)
{
  g_autofree char *file = g_path_get_basename (rd_worklist_entry_get_path (entry));
  const char *name = rd_worklist_entry_get_member_name (entry);

  if (rd_worklist_entry_get_status (entry) == RD_WORKLIST_STATUS_UNREADABLE)
    set_lines (cell, file, NULL);
  else
    set_lines (cell, name && *name ? name : _("No member yet"), rd_worklist_entry_get_member_id (entry));
  set_tooltip (cell, file);
}

static void
bind_payer (GtkWidget       *cell,
            RdWorklistEntry *entry)
{
  const char *payer = rd_worklist_entry_get_payer (entry);

  /* TRANSLATORS: the payer column of a request that names none */
  set_lines (cell, payer ? payer : C_("payer", "—"), rd_worklist_entry_get_plan (entry));
  set_tooltip (cell, payer ? NULL : _("The request names no payer"));
}

/* Why a file cannot be opened, naming it by its name: the path would take
 * the row's two lines. The tooltip has the whole message. */
static char *
short_problem (RdWorklistEntry *entry)
{
  GString *text = g_string_new (rd_worklist_entry_get_problem (entry));
  g_autofree char *name = g_path_get_basename (rd_worklist_entry_get_path (entry));

  g_string_replace (text, rd_worklist_entry_get_path (entry), name, 0);
  return g_string_free (text, FALSE);
}

static void
bind_request (GtkWidget       *cell,
              RdWorklistEntry *entry)
{
  const char *problem = rd_worklist_entry_get_problem (entry);
  const char *request = rd_worklist_entry_get_request (entry);

  if (problem)
    {
      g_autofree char *text = short_problem (entry);
      gtk_label_set_text (GTK_LABEL (cell), text);
      set_tooltip (cell, problem);
      return;
    }
  if (request == NULL || *request == '\0')
    request = _("Intake not done yet");
  gtk_label_set_text (GTK_LABEL (cell), request);
  set_tooltip (cell, request);
}

static void
bind_status (GtkWidget       *cell,
             RdWorklistEntry *entry)
{
  GtkWidget *label = gtk_widget_get_first_child (cell);
  RdWorklistStatus status = rd_worklist_entry_get_status (entry);
  const char *classes[] = { "worklist-status", rd_worklist_status_to_string (status), NULL };

  gtk_label_set_text (GTK_LABEL (label), rd_worklist_status_to_label (status));
  gtk_widget_set_css_classes (label, classes);
}

static void
bind_reviewer (GtkWidget       *cell,
               RdWorklistEntry *entry)
{
  const char *reviewer = rd_worklist_entry_get_reviewer (entry);

  gtk_label_set_text (GTK_LABEL (cell), reviewer ? reviewer : "");
}

static void
show_due (GtkWidget       *cell,
          RdWorklistEntry *entry)
{
  gint64 due = rd_worklist_entry_get_due (entry);
  gint64 now = g_get_real_time ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *remaining = NULL;
  GtkWidget *bottom = gtk_widget_get_last_child (cell);

  gtk_widget_remove_css_class (bottom, "error");
  gtk_widget_remove_css_class (bottom, "warning");
  if (due == 0)
    {
      set_lines (cell, rd_worklist_entry_get_status (entry) == RD_WORKLIST_STATUS_UNREADABLE ? NULL
                                                                                              : _("Not received yet"), NULL);
      return;
    }
  local = g_date_time_new_from_unix_local (due / G_USEC_PER_SEC);
  /* TRANSLATORS: when a decision is due, see g_date_time_format(): "Tue 3 Nov, 14:30" */
  when = g_date_time_format (local, C_("due", "%a %-d %b, %H:%M"));
  if (rd_worklist_status_is_open (rd_worklist_entry_get_status (entry)))
    {
      remaining = rd_worklist_format_remaining (due, now);
      gtk_widget_add_css_class (bottom, due < now ? "error" : due - now < SOON ? "warning" : "dim-label");
    }
  set_lines (cell, when, remaining);
}

static void
setup_two_lines (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  gtk_list_item_set_child (item, with_tooltip (two_lines_new ()));
}

/* The time left wraps rather than lose its last word ("overdue"). */
static void
setup_due (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *cell = two_lines_new ();
  GtkLabel *remaining = GTK_LABEL (gtk_widget_get_last_child (cell));

  gtk_label_set_ellipsize (remaining, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (remaining, TRUE);
  gtk_list_item_set_child (item, cell);
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_list_item_set_child (item, with_tooltip (label));
}

static void
setup_status (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, box);
}

static void
bind (GtkSignalListItemFactory *factory,
      GtkListItem              *item,
      BindFunc                  func)
{
  func (gtk_list_item_get_child (item), gtk_list_item_get_item (item));
}

static void
bind_due (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          GHashTable               *due_cells)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_object_set_data_full (G_OBJECT (cell), "entry", g_object_ref (gtk_list_item_get_item (item)), g_object_unref);
  show_due (cell, gtk_list_item_get_item (item));
  g_hash_table_add (due_cells, cell);
}

static void
unbind_due (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            GHashTable               *due_cells)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_hash_table_remove (due_cells, cell);
  g_object_set_data (G_OBJECT (cell), "entry", NULL);
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            GCallback      setup,
            GCallback      bind_func,
            gpointer       data,
            int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind_func, data);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  return column;
}

void
rd_worklist_columns_add (GtkColumnView *view,
                         GHashTable    *due_cells)
{
  GtkColumnViewColumn *due;

  add_column (view, _("Member"), G_CALLBACK (setup_two_lines), G_CALLBACK (bind), bind_member, 130);
  add_column (view, _("Payer and plan"), G_CALLBACK (setup_two_lines), G_CALLBACK (bind), bind_payer, 118);
  add_column (view, _("Request"), G_CALLBACK (setup_label), G_CALLBACK (bind), bind_request, 280);
  add_column (view, _("Status"), G_CALLBACK (setup_status), G_CALLBACK (bind), bind_status, 170);
  add_column (view, _("Reviewer"), G_CALLBACK (setup_label), G_CALLBACK (bind), bind_reviewer, 105);
  due = add_column (view, _("Due"), G_CALLBACK (setup_due), G_CALLBACK (bind_due), due_cells, 160);
  g_signal_connect (gtk_column_view_column_get_factory (due), "unbind", G_CALLBACK (unbind_due), due_cells);
}

/* Brings the remaining time of the due cells shown up to date. */
void
rd_worklist_columns_tick (GHashTable *due_cells)
{
  GHashTableIter iter;
  gpointer cell;

  g_hash_table_iter_init (&iter, due_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    show_due (cell, g_object_get_data (cell, "entry"));
}
