/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-example.h"
#include "rd-start-page.h"

/* The start page: the cases the reviewer opened lately and the bundled example
 * cases. Activating a row activates a window action with the file's path:
 * `win.open-recent` for a case, `win.open-example` for an example (the window
 * makes a fresh case from it). The examples are read on a worker thread. */

#define MAX_RECENT 10

struct _RdStartPage
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *recent_group;
  GtkListBox          *recent_list;
  GtkListBox          *examples_list;
  GtkLabel            *examples_placeholder;

  GSettings           *settings;
  GCancellable        *cancellable;
  guint                n_examples;
  guint                n_recent;
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

/**
 * rd_start_page_get_n_recent:
 *
 * Returns: how many recent cases the page lists.
 */
guint
rd_start_page_get_n_recent (RdStartPage *self)
{
  g_return_val_if_fail (RD_IS_START_PAGE (self), 0);
  return self->n_recent;
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

static void
update_recent (RdStartPage *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-cases");

  clear_list (self->recent_list);
  self->n_recent = 0;
  for (guint i = 0; paths[i] != NULL && self->n_recent < MAX_RECENT; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;

      /* A case moved or deleted since is not offered. */
      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;
      name = g_path_get_basename (paths[i]);
      dir = g_path_get_dirname (paths[i]);
      gtk_list_box_append (self->recent_list, action_row_new (name, dir, "win.open-recent", paths[i], NULL));
      self->n_recent++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->n_recent > 0);
}

static void
rd_start_page_dispose (GObject *object)
{
  RdStartPage *self = RD_START_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_START_PAGE);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, examples_list);
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, examples_placeholder);
}

static void
rd_start_page_init (RdStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::recent-cases",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);
  load_examples (self);
}
