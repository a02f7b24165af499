/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-example.h"
#include "rd-start-page.h"
#include "rd-toast.h"
#include "rd-worklist-columns.h"
#include "rd-worklist-index.h"
#include "rd-worklist-model.h"
#include "rd-worklist-query.h"
#include "rd-xml.h"

/* The start page is the reviewer's worklist: every case in the case folders,
 * one row each, by deadline with the overdue first, with filters and a
 * search (RdWorklistModel keeps the cases, rd-worklist-query.h chooses and
 * orders them); and beside it the bundled example cases. Activating a case
 * activates `win.open-recent` with its path; an example, `win.open-example`
 * (the window makes a fresh case from it). The examples are read on a
 * worker thread. */

/* The remaining times are brought up to date this often. */
#define TICK_SECONDS 60

struct _RdStartPage
{
  AdwBin               parent_instance;

  GtkLabel            *view_label;
  GtkSearchEntry      *search_entry;
  GtkBox              *filter_box;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkListBox          *examples_list;
  GtkLabel            *examples_placeholder;

  GSettings           *settings;
  GCancellable        *cancellable;
  guint                n_examples;

  RdWorklistModel     *model;
  RdWorklistQuery     *query;
  GListStore          *shown;      /* the cases that match, in the worklist's order */
  GtkToggleButton     *filter_buttons[RD_WORKLIST_FILTER_DECIDED + 1];
  GHashTable          *due_cells;
  guint                tick_id;
};

G_DEFINE_FINAL_TYPE (RdStartPage, rd_start_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_N_EXAMPLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char *path;
  char *title;
  char *summary;
} ExampleInfo;

static void
example_info_free (ExampleInfo *info)
{
  g_free (info->path);
  g_free (info->title);
  g_free (info->summary);
  g_free (info);
}

/**
 * rd_start_page_get_n_examples:
 *
 * Returns: how many bundled example cases the page offers (0 until they are read).
 */
guint
rd_start_page_get_n_examples (RdStartPage *self)
{
  g_return_val_if_fail (RD_IS_START_PAGE (self), 0);
  return self->n_examples;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A row that activates @action with @path when clicked or when Enter or Space
 * is pressed on it; @tag, if any, stands before the arrow. */
static GtkWidget *
action_row_new (const char *title,
                const char *subtitle,
                const char *action,
                const char *path,
                GtkWidget  *tag)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (path));
  if (tag != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static GtkWidget *
example_row_new (const ExampleInfo *info)
{
  GtkWidget *tag = gtk_label_new (_("Synthetic"));
  GtkWidget *row;
  g_autofree char *description = g_strdup_printf (_("Synthetic training case, no real patient. %s"), info->summary);

  gtk_widget_add_css_class (tag, "synthetic-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (tag, _("Every person and record in this case is invented"));
  row = action_row_new (info->title, info->summary, "win.open-example", info->path, tag);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, info->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return row;
}

static void
show_examples (RdStartPage *self,
               GPtrArray   *infos)
{
  clear_list (self->examples_list);
  for (guint i = 0; i < infos->len; i++)
    gtk_list_box_append (self->examples_list, example_row_new (infos->pdata[i]));
  self->n_examples = infos->len;
  gtk_label_set_label (self->examples_placeholder, _("No example cases are installed."));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EXAMPLES]);
}

static void
load_examples_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_auto(GStrv) paths = rd_example_list_bundled ();
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) example_info_free);

  for (guint i = 0; paths[i] != NULL && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdExample) example = rd_example_load (paths[i], &error);
      ExampleInfo *info;

      /* A broken example is not offered; `reviewdesk-tool case examples` and the
       * tests say why. */
      if (example == NULL)
        continue;
      info = g_new0 (ExampleInfo, 1);
      info->path = g_strdup (paths[i]);
      info->title = g_strdup (rd_example_get_title (example));
      info->summary = g_strdup (rd_example_get_summary (example));
      g_ptr_array_add (infos, info);
    }
  g_task_return_pointer (task, g_steal_pointer (&infos), (GDestroyNotify) g_ptr_array_unref);
}

static void
examples_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GPtrArray) infos = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled when the page went away: there is nothing to fill. */
  if (infos == NULL || g_task_had_error (G_TASK (result)))
    return;
  show_examples (RD_START_PAGE (object), infos);
}

static void
load_examples (RdStartPage *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, examples_loaded, NULL);

  g_task_set_source_tag (task, load_examples);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_examples_thread);
}

/* ---- the worklist ------------------------------------------------------- */

static const struct {
  RdWorklistFilter  filter;
  const char       *label;
  const char       *description;
} filters[] = {
  { RD_WORKLIST_FILTER_ALL, N_("All"), N_("Every case") },
  { RD_WORKLIST_FILTER_MINE, N_("Mine"), N_("The cases you last worked on") },
  { RD_WORKLIST_FILTER_DUE_TODAY, N_("Due Today"), N_("Undecided cases due before midnight") },
  { RD_WORKLIST_FILTER_OVERDUE, N_("Overdue"), N_("Undecided cases past their deadline") },
  { RD_WORKLIST_FILTER_PENDED, N_("Pended"), N_("Cases waiting for documentation") },
  { RD_WORKLIST_FILTER_WITH_DIRECTOR, N_("With a Director"), N_("Cases sent to a medical director") },
  { RD_WORKLIST_FILTER_DECIDED, N_("Decided"), N_("Decided and sealed cases") },
};

/**
 * rd_start_page_get_worklist:
 *
 * Returns: (transfer none): the cases the worklist shows (RdWorklistEntry),
 *   in its order
 */
GListModel *
rd_start_page_get_worklist (RdStartPage *self)
{
  g_return_val_if_fail (RD_IS_START_PAGE (self), NULL);
  return G_LIST_MODEL (self->shown);
}

/**
 * rd_start_page_get_worklist_model:
 *
 * Returns: (transfer none): every case of the case folders
 */
RdWorklistModel *
rd_start_page_get_worklist_model (RdStartPage *self)
{
  g_return_val_if_fail (RD_IS_START_PAGE (self), NULL);
  return self->model;
}

static void
update_count (RdStartPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  guint all = g_list_model_get_n_items (rd_worklist_model_get_entries (self->model));
  g_autofree char *count = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *description = NULL;

  /* TRANSLATORS: how many cases the worklist shows of all it has */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", all), shown, all);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
  if (shown > 0)
    return;
  if (all > 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Case Matches"));
      adw_status_page_set_description (self->empty_page, _("Show all cases or change the search."));
      return;
    }
  folder = g_markup_escape_text (rd_worklist_model_get_folders (self->model)[0], -1);
  /* TRANSLATORS: %s is a folder */
  description = g_strdup_printf (_("Cases in %s show here. Start with New Case, or open an example case."), folder);
  adw_status_page_set_title (self->empty_page, rd_worklist_model_is_loading (self->model) ? _("Looking for Cases…")
                                                                                        : _("No Cases Yet"));
  adw_status_page_set_description (self->empty_page, description);
}

/* The cases shown are chosen and ordered by the core (rd_worklist_query_run():
 * well under a millisecond for thousands of cases) and put in the list in
 * one splice. A GtkFilterListModel over the cases, and splicing only the
 * rows that come and go, were both slower: GTK 4.8's column view does its
 * work per change it is told of, and binds some two hundred rows. */
static void
show_entries (RdStartPage *self,
              GPtrArray   *found)
{
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       found->pdata, found->len);
}

static void
refilter (RdStartPage *self)
{
  GListModel *all = rd_worklist_model_get_entries (self->model);
  guint n = g_list_model_get_n_items (all);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GPtrArray) found = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entries, g_list_model_get_item (all, i));
  /* Choosing and ordering thousands of cases takes the core well under a
   * millisecond. */
  found = rd_worklist_query_run (self->query, entries);
  show_entries (self, found);
}

/* The filter, the search, the reviewer, the time or the cases changed. */
static void
query_changed (RdStartPage *self)
{
  refilter (self);
}

static void
search_changed (RdStartPage *self)
{
  if (rd_worklist_query_set_search (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))))
    query_changed (self);
}

static void
filter_toggled (GtkToggleButton *button,
                RdStartPage     *self)
{
  RdWorklistFilter filter = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "filter"));

  if (gtk_toggle_button_get_active (button) && rd_worklist_query_set_filter (self->query, filter))
    query_changed (self);
}

/**
 * rd_start_page_set_filter:
 *
 * Shows the cases @filter chooses, as its button does.
 */
void
rd_start_page_set_filter (RdStartPage      *self,
                          RdWorklistFilter  filter)
{
  g_return_if_fail (RD_IS_START_PAGE (self));
  g_return_if_fail (filter < G_N_ELEMENTS (self->filter_buttons));
  gtk_toggle_button_set_active (self->filter_buttons[filter], TRUE);
}

static void
add_filter_buttons (RdStartPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(filters[i].label));

      g_object_set_data (G_OBJECT (button), "filter", GUINT_TO_POINTER (filters[i].filter));
      gtk_widget_set_tooltip_text (button, _(filters[i].description));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(filters[i].description), -1);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->filter_buttons[0]);
      g_signal_connect_object (button, "toggled", G_CALLBACK (filter_toggled), self, 0);
      gtk_box_append (self->filter_box, button);
      self->filter_buttons[filters[i].filter] = GTK_TOGGLE_BUTTON (button);
    }
  gtk_toggle_button_set_active (self->filter_buttons[RD_WORKLIST_FILTER_ALL], TRUE);
}

/* The reviewer's name for *Mine*; a medical director sees the cases sent to
 * one first. */
static void
apply_reviewer (RdStartPage *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "reviewer-name");
  gboolean director = g_settings_get_enum (self->settings, "reviewer-role") == RD_ROLE_MEDICAL_DIRECTOR;

  rd_worklist_query_set_reviewer (self->query, name, director);
  gtk_label_set_text (self->view_label, director ? _("Director’s view: cases sent to a medical director first")
                                                 : _("By deadline, overdue first"));
  query_changed (self);
}

static void
apply_folders (RdStartPage *self)
{
  g_autofree char *case_folder = g_settings_get_string (self->settings, "case-folder");
  g_auto(GStrv) more = g_settings_get_strv (self->settings, "worklist-folders");
  g_auto(GStrv) folders = rd_worklist_folders (case_folder, (const char * const *) more);

  /* The case folder is where New Case puts cases: made now, it is watched
   * from the start. One that cannot be made lists no cases. */
  g_mkdir_with_parents (folders[0], 0700);
  rd_worklist_model_set_folders (self->model, (const char * const *) folders);
}

static void
activated (RdStartPage *self,
           guint        position)
{
  g_autoptr(RdWorklistEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  const char *problem;

  if (entry == NULL)
    return;
  problem = rd_worklist_entry_get_problem (entry);
  if (problem != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (problem, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      rd_toast_add (GTK_WIDGET (self), toast);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-recent", "s", rd_worklist_entry_get_path (entry));
}

/* Enter in the search opens the first case found. */
static void
search_activated (RdStartPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    activated (self, 0);
}

/* Escape leaves the search for the list. */
static void
search_stopped (RdStartPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Down in the search goes to the list. */
static gboolean
focus_list (GtkWidget *entry,
            GVariant  *args,
            gpointer   data)
{
  return gtk_widget_grab_focus (GTK_WIDGET (RD_START_PAGE (data)->column_view));
}

/* Ctrl+F, wherever the focus is in the window, while the worklist shows
 * (the records pane has its own when a case shows). */
static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  RdStartPage *self = data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
tick (gpointer data)
{
  RdStartPage *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Cases fall due and overdue as time passes: the filters and the order follow. */
  rd_worklist_query_set_now (self->query, now);
  query_changed (self);
  rd_worklist_columns_tick (self->due_cells);
  return G_SOURCE_CONTINUE;
}

static void
setup_worklist (RdStartPage *self)
{
  GtkSingleSelection *selection;
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkEventController *find = gtk_shortcut_controller_new ();

  self->query = rd_worklist_query_new ();
  self->model = rd_worklist_model_new (NULL);
  self->due_cells = g_hash_table_new (NULL, NULL);
  self->shown = g_list_store_new (RD_TYPE_WORKLIST_ENTRY);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  rd_worklist_columns_add (self->column_view, self->due_cells);

  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rd_worklist_model_get_entries (self->model), "items-changed",
                           G_CALLBACK (query_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (search_stopped), self, G_CONNECT_SWAPPED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, 0),
                                                          gtk_callback_action_new (focus_list, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (find), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (find),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (focus_search, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), find);
  add_filter_buttons (self);

  g_signal_connect_object (self->settings, "changed::reviewer-name", G_CALLBACK (apply_reviewer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reviewer-role", G_CALLBACK (apply_reviewer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::case-folder", G_CALLBACK (apply_folders), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::worklist-folders", G_CALLBACK (apply_folders), self, G_CONNECT_SWAPPED);
  apply_folders (self);
  apply_reviewer (self);
  update_count (self);
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick, self);
}

/**
 * rd_start_page_refresh:
 *
 * Reads the case files changed since the list was shown; the window calls it
 * when the reviewer comes back to the list.
 */
void
rd_start_page_refresh (RdStartPage *self)
{
  g_return_if_fail (RD_IS_START_PAGE (self));

  apply_folders (self);
  rd_worklist_model_refresh (self->model);
}
static void
rd_start_page_dispose (GObject *object)
{
  RdStartPage *self = RD_START_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->column_view)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_START_PAGE);

  g_clear_object (&self->shown);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->query, rd_worklist_query_free);
  g_clear_pointer (&self->due_cells, g_hash_table_unref);

  G_OBJECT_CLASS (rd_start_page_parent_class)->dispose (object);
}

static void
rd_start_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RdStartPage *self = RD_START_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_EXAMPLES:
      g_value_set_uint (value, self->n_examples);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_start_page_class_init (RdStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_start_page_dispose;
  object_class->get_property = rd_start_page_get_property;

  /**
   * RdStartPage:n-examples:
   *
   * How many bundled examples the page lists; changes once they are read.
   */
  properties[PROP_N_EXAMPLES] =
    g_param_spec_uint ("n-examples", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The page's workers read the examples and the policies at once. */
  rd_xml_init ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, view_label);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, examples_list);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, examples_placeholder);
}

static void
rd_start_page_init (RdStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  setup_worklist (self);
  load_examples (self);
}
