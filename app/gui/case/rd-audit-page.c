/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit-item.h"
#include "rd-audit-page.h"

/* The case's audit log: every entry (who, role, when, what, target, old →
 * new) in a column view, filtered by action, person and a search; above it,
 * whether the chain holds and the content matches it.
 *
 * The log only grows, so the page reads it once and then only the entries
 * after the last it has, on a worker, when it is shown and after the case
 * changes; the check (which reads every byte of the case) runs on a worker
 * too, on a read-only connection of its own. Hidden, the page reads nothing. */
struct _RdAuditPage
{
  AdwBin              parent_instance;

  GtkWidget          *check_box;
  GtkWidget          *check_spinner;
  GtkImage           *check_icon;
  GtkLabel           *check_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *action_filter;
  GtkDropDown        *person_filter;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkLabel           *empty_label;
  GtkLabel           *details_label;

  RdCaseFile         *case_file;
  GListStore         *store;          /* RdAuditItem, newest first */
  GPtrArray          *pending;        /* older entries still to add, newest first */
  guint               pending_at;
  guint               pending_id;
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  GtkSingleSelection *selection;
  gint64              last_seq;
  GCancellable       *load_cancellable;
  GCancellable       *check_cancellable;
  gboolean            stale;          /* the case changed since the last read */
  guint               reload_id;

  /* The filters: NULL for all. */
  char               *action;
  char               *person;
  char               *query;         /* case-folded */
  GPtrArray          *action_choices; /* raw action per drop-down position, [0] = NULL */
  GPtrArray          *person_choices;
  gboolean            filling_choices;

  RdAuditCheck        check;
  char               *check_text;
};

G_DEFINE_FINAL_TYPE (RdAuditPage, rd_audit_page, ADW_TYPE_BIN)

static void load (RdAuditPage *self);

/* ---- the columns ------------------------------------------------------------ */

typedef enum {
  COLUMN_SEQ,
  COLUMN_WHEN,
  COLUMN_WHO,
  COLUMN_ROLE,
  COLUMN_WHAT,
  COLUMN_TARGET,
  COLUMN_CHANGE,
} Column;

static const struct {
  const char *title;
  int         width;    /* fixed width, or -1 */
  gboolean    expand;
} columns[] = {
  [COLUMN_SEQ] = { N_("No."), 56, FALSE },
  [COLUMN_WHEN] = { N_("When"), 140, FALSE },
  [COLUMN_WHO] = { N_("Who"), 120, FALSE },
  [COLUMN_ROLE] = { N_("Role"), 120, FALSE },
  [COLUMN_WHAT] = { N_("What"), 185, FALSE },
  [COLUMN_TARGET] = { N_("Target"), -1, TRUE },
  [COLUMN_CHANGE] = { N_("Old → New"), -1, TRUE },
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (column) == COLUMN_SEQ ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (GPOINTER_TO_INT (column) == COLUMN_SEQ)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  column)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  RdAuditItem *item = gtk_list_item_get_item (list_item);
  const RdAuditEntry *entry = rd_audit_item_get_entry (item);
  g_autofree char *seq = NULL;
  const char *text = NULL, *tooltip = NULL;

  switch ((Column) GPOINTER_TO_INT (column))
    {
    case COLUMN_SEQ:
      text = seq = g_strdup_printf ("%lld", (long long) entry->seq);
      break;
    case COLUMN_WHEN:
      text = rd_audit_item_get_when (item);
      tooltip = rd_audit_item_get_moment (item);
      break;
    case COLUMN_WHO:
      text = tooltip = entry->who;
      break;
    case COLUMN_ROLE:
      text = rd_audit_item_get_role (item);
      break;
    case COLUMN_WHAT:
      text = rd_audit_item_get_what (item);
      tooltip = entry->action;
      break;
    case COLUMN_TARGET:
      text = tooltip = entry->target;
      break;
    case COLUMN_CHANGE:
      text = tooltip = rd_audit_item_get_change (item);
      break;
    }
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip && *tooltip ? tooltip : NULL);
}

static void
add_columns (RdAuditPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* ---- filtering -------------------------------------------------------------- */

static gboolean
filter_item (gpointer item,
             gpointer data)
{
  RdAuditPage *self = data;
  const RdAuditEntry *entry = rd_audit_item_get_entry (item);

  return (self->action == NULL || g_strcmp0 (entry->action, self->action) == 0) &&
         (self->person == NULL || g_strcmp0 (entry->who, self->person) == 0) &&
         (self->query == NULL || rd_audit_item_matches (item, self->query));
}

static void
show_count (RdAuditPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u entry, newest first", "%u entries, newest first", total), total);
  else
    /* TRANSLATORS: how many audit entries the filters show, of how many */
    text = g_strdup_printf (ngettext ("%u of %u entry shown", "%u of %u entries shown", total), shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_label_set_text (self->empty_label, total == 0 && self->load_cancellable != NULL
                                         ? _("Reading the audit log…")
                                         : _("No entry matches the search and the filters."));
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
}

static void
refilter (RdAuditPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  show_count (self);
}

static void
set_string (char      **slot,
            const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
search_changed (RdAuditPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (*stripped != '\0')
    self->query = g_utf8_casefold (stripped, -1);
  refilter (self);
}

static void
choice_changed (RdAuditPage *self)
{
  guint action = gtk_drop_down_get_selected (self->action_filter);
  guint person = gtk_drop_down_get_selected (self->person_filter);

  if (self->filling_choices)
    return;
  set_string (&self->action, action < self->action_choices->len ? self->action_choices->pdata[action] : NULL);
  set_string (&self->person, person < self->person_choices->len ? self->person_choices->pdata[person] : NULL);
  refilter (self);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b,
                gpointer      labels)
{
  return g_utf8_collate (g_hash_table_lookup (labels, *(char **) a), g_hash_table_lookup (labels, *(char **) b));
}

/* Fills a drop-down with "all" and each value the log holds (its words and
 * how many entries have it), keeping the value chosen. */
static void
fill_choices (RdAuditPage *self,
              GtkDropDown *drop_down,
              GPtrArray   *choices,
              const char  *all,
              GHashTable  *counts,
              gboolean     actions,
              const char  *chosen)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  guint selected = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (values, key);

  for (guint i = 0; i < values->len; i++)
    g_hash_table_insert (labels, values->pdata[i],
                         g_strdup (actions ? rd_audit_action_to_label (values->pdata[i]) : values->pdata[i]));
  g_ptr_array_sort_with_data (values, compare_labels, labels);

  g_ptr_array_set_size (choices, 0);
  g_ptr_array_add (choices, NULL);
  gtk_string_list_append (strings, all);
  for (guint i = 0; i < values->len; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, values->pdata[i]));
      /* TRANSLATORS: a filter's choice: an action or a person, and how many entries have it */
      g_autofree char *text = g_strdup_printf (_("%s (%u)"), (const char *) g_hash_table_lookup (labels, values->pdata[i]), n);

      if (g_strcmp0 (values->pdata[i], chosen) == 0)
        selected = choices->len;
      g_ptr_array_add (choices, g_strdup (values->pdata[i]));
      gtk_string_list_append (strings, text);
    }
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (drop_down, selected);
}

static void
count (GHashTable *counts,
       const char *value)
{
  if (value != NULL)
    g_hash_table_insert (counts, (gpointer) value, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)) + 1));
}

static void
update_choices (RdAuditPage *self)
{
  g_autoptr(GHashTable) actions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const RdAuditEntry *entry = rd_audit_item_get_entry (item);

      count (actions, entry->action);
      count (people, entry->who);
    }
  self->filling_choices = TRUE;
  fill_choices (self, self->action_filter, self->action_choices, _("All actions"), actions, TRUE, self->action);
  fill_choices (self, self->person_filter, self->person_choices, _("Everyone"), people, FALSE, self->person);
  self->filling_choices = FALSE;
  choice_changed (self);
}

/* ---- the entry in full -------------------------------------------------------- */

static void
show_details (RdAuditPage *self)
{
  RdAuditItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *text = item ? rd_audit_item_describe (item) : NULL;

  gtk_label_set_text (self->details_label, text ? text : _("Select an entry to read it in full."));
}

/* ---- the check ------------------------------------------------------------------ */

static void
show_check (RdAuditPage  *self,
            RdAuditCheck  check,
            const char   *text)
{
  static const char *const icons[] = {
    [RD_AUDIT_CHECK_INTACT] = "emblem-ok-symbolic",
    [RD_AUDIT_CHECK_BROKEN] = "dialog-error-symbolic",
    [RD_AUDIT_CHECK_DIFFERS] = "dialog-warning-symbolic",
    [RD_AUDIT_CHECK_FAILED] = "dialog-warning-symbolic",
  };

  self->check = check;
  set_string (&self->check_text, text);
  gtk_label_set_text (self->check_label, text);
  gtk_widget_set_visible (self->check_spinner, check == RD_AUDIT_CHECK_RUNNING);
  gtk_widget_set_visible (GTK_WIDGET (self->check_icon), check != RD_AUDIT_CHECK_RUNNING);
  if (check != RD_AUDIT_CHECK_RUNNING)
    gtk_image_set_from_icon_name (self->check_icon, icons[check]);
  gtk_widget_remove_css_class (self->check_box, "intact");
  gtk_widget_remove_css_class (self->check_box, "broken");
  gtk_widget_remove_css_class (self->check_box, "differs");
  if (check != RD_AUDIT_CHECK_RUNNING)
    gtk_widget_add_css_class (self->check_box, check == RD_AUDIT_CHECK_INTACT ? "intact"
                                               : check == RD_AUDIT_CHECK_BROKEN ? "broken" : "differs");
}

static void
show_result (RdAuditPage              *self,
             const RdCaseVerifyResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  RdAuditCheck check = RD_AUDIT_CHECK_INTACT;

  if (result->integrity_problem != NULL)
    {
      g_string_append_printf (text, _("The case file is damaged: %s"), result->integrity_problem);
      check = RD_AUDIT_CHECK_BROKEN;
    }
  if (result->audit_problem != NULL)
    {
      if (text->len)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The chain is broken at entry %lld: %s"),
                              (long long) result->audit_first_broken, result->audit_problem);
      check = RD_AUDIT_CHECK_BROKEN;
    }
  if (result->replay_problem != NULL)
    {
      if (text->len)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The case differs from its log:\n%s"), result->replay_problem);
      if (check == RD_AUDIT_CHECK_INTACT)
        check = RD_AUDIT_CHECK_DIFFERS;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *problem = i == 0 ? result->seal_problem : result->signature_problem;

      if (problem == NULL)
        continue;
      if (text->len)
        g_string_append_c (text, '\n');
      g_string_append (text, problem);
      check = RD_AUDIT_CHECK_BROKEN;
    }
  if (check == RD_AUDIT_CHECK_INTACT)
    {
      g_string_printf (text, ngettext ("Intact: the chain of %lld entry holds, and the case is what its log says.",
                                       "Intact: the chain of %lld entries holds, and the case is what its log says.",
                                       result->audit_entries), (long long) result->audit_entries);
      if (result->signatures > 0)
        g_string_append_printf (text, " %s", result->trust_problem != NULL
                                             ? result->trust_problem
                                             : _("Every signature checks against the organisation’s trust file."));
    }
  else
    g_string_append_printf (text, "\n%s", _("Keep this copy for the investigation and restore the case from a"
                                            " backup."));
  show_check (self, check, text->str);
}

/* What the check reads: the case's file, and the organisation's trust file
 * that the signers' certificates are checked against. */
typedef struct {
  char    *path;
  RdTrust *trust;
} CheckData;

static void
check_data_free (CheckData *d)
{
  g_free (d->path);
  g_clear_object (&d->trust);
  g_free (d);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  CheckData *d = data;
  GError *error = NULL;
  g_autoptr(RdCaseFile) reader = rd_case_file_open (d->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  RdCaseVerifyResult *result = NULL;

  if (reader != NULL)
    {
      rd_case_file_set_trust (reader, d->trust);
      result = rd_case_file_verify (reader, &error);
    }

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) rd_case_verify_result_free);
}

static void
checked (GObject      *source,
         GAsyncResult *res,
         gpointer      data)
{
  RdAuditPage *self = RD_AUDIT_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseVerifyResult) result = g_task_propagate_pointer (G_TASK (res), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->check_cancellable);
  if (result != NULL)
    show_result (self, result);
  else
    {
      g_autofree char *text = g_strdup_printf (_("The log could not be checked: %s"), error->message);
      show_check (self, RD_AUDIT_CHECK_FAILED, text);
    }
}

static void
start_check (RdAuditPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  show_check (self, RD_AUDIT_CHECK_RUNNING, _("Checking the audit log’s chain and the case against it…"));
  task = g_task_new (self, self->check_cancellable, checked, NULL);
  g_task_set_source_tag (task, start_check);
  {
    CheckData *d = g_new0 (CheckData, 1);
    RdTrust *trust = rd_case_file_get_trust (self->case_file);

    d->path = g_strdup (rd_case_file_get_path (self->case_file));
    d->trust = trust ? g_object_ref (trust) : NULL;
    g_task_set_task_data (task, d, (GDestroyNotify) check_data_free);
  }
  g_task_run_in_thread (task, check_in_thread);
}

/* ---- reading the log ------------------------------------------------------------ */

typedef struct {
  RdCaseFile *case_file;
  gint64      after_seq;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_object_unref (d->case_file);
  g_free (d);
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *d = task_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) entries = rd_case_file_list_audit_after (d->case_file, d->after_seq, &error);
  GPtrArray *items;

  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  items = g_ptr_array_new_full (entries->len, g_object_unref);
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = entries->len; i > 0; i--)
    g_ptr_array_add (items, rd_audit_item_new (entries->pdata[i - 1]));
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

/* A GtkColumnView of GTK 4.8 takes about 20 µs per row added: 20,000 rows
 * at once would stop the window for half a second. They are added a few
 * hundred at a time, newest first, between frames. */
#define CHUNK 400

static gboolean
add_chunk (gpointer data)
{
  RdAuditPage *self = data;
  guint n = MIN (CHUNK, self->pending->len - self->pending_at);

  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       self->pending->pdata + self->pending_at, n);
  self->pending_at += n;
  show_count (self);
  if (self->pending_at < self->pending->len)
    return G_SOURCE_CONTINUE;
  self->pending_id = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  update_choices (self);
  return G_SOURCE_REMOVE;
}

static void
add_in_chunks (RdAuditPage *self,
               GPtrArray   *items)
{
  self->pending = g_ptr_array_ref (items);
  self->pending_at = 0;
  if (add_chunk (self))
    self->pending_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_chunk, self, NULL);
}

static void
loaded (GObject      *source,
        GAsyncResult *res,
        gpointer      data)
{
  RdAuditPage *self = RD_AUDIT_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (res), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  if (items == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The audit log could not be read: %s"), error->message);
      show_check (self, RD_AUDIT_CHECK_FAILED, text);
      show_count (self);
      return;
    }
  if (items->len > 0)
    {
      self->last_seq = rd_audit_item_get_entry (g_ptr_array_index (items, 0))->seq;
      if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0 && self->pending == NULL)
        add_in_chunks (self, items);
      else
        {
          /* Newer than every entry shown: they go on top. */
          g_list_store_splice (self->store, 0, 0, items->pdata, items->len);
          update_choices (self);
        }
    }
  show_count (self);
  if (self->stale)
    load (self);
  else
    start_check (self);
}

/* Reads the entries the page does not have yet, then checks the log again. */
static void
load (RdAuditPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *d;

  if (self->case_file == NULL || self->load_cancellable != NULL)
    return;
  self->stale = FALSE;
  self->load_cancellable = g_cancellable_new ();
  d = g_new0 (LoadData, 1);
  d->case_file = g_object_ref (self->case_file);
  d->after_seq = self->last_seq;
  task = g_task_new (self, self->load_cancellable, loaded, NULL);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_in_thread);
  show_check (self, RD_AUDIT_CHECK_RUNNING, _("Reading the audit log…"));
}

static gboolean
reload_now (gpointer data)
{
  RdAuditPage *self = data;

  self->reload_id = 0;
  if (self->load_cancellable != NULL)
    self->stale = TRUE;
  else
    load (self);
  return G_SOURCE_REMOVE;
}

/* A burst of changes (a file of answers, typing) is read once it settles;
 * a hidden page reads when it is shown. */
static void
case_changed (RdAuditPage *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->reload_id == 0)
    self->reload_id = g_timeout_add (250, reload_now, self);
}

static void
rd_audit_page_map (GtkWidget *widget)
{
  RdAuditPage *self = RD_AUDIT_PAGE (widget);

  GTK_WIDGET_CLASS (rd_audit_page_parent_class)->map (widget);
  if (self->stale && self->reload_id == 0)
    reload_now (self);
}

/* ---- public --------------------------------------------------------------------- */

/**
 * rd_audit_page_new:
 * @case_file: the case whose log to show
 *
 * Returns: the page; it reads the log when first shown
 */
GtkWidget *
rd_audit_page_new (RdCaseFile *case_file)
{
  RdAuditPage *self;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);

  self = g_object_new (RD_TYPE_AUDIT_PAGE, NULL);
  self->case_file = g_object_ref (case_file);
  self->stale = TRUE;
  g_signal_connect_object (case_file, "changed", G_CALLBACK (case_changed), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * rd_audit_page_get_busy:
 *
 * Returns: whether the page is reading or checking the log, or has changes
 *   of the case still to read
 */
gboolean
rd_audit_page_get_busy (RdAuditPage *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_PAGE (self), FALSE);
  return self->stale || self->load_cancellable != NULL || self->check_cancellable != NULL || self->pending != NULL ||
         gtk_filter_list_model_get_pending (self->shown) > 0;
}

/**
 * rd_audit_page_get_n_entries:
 *
 * Returns: how many entries of the log the page has read
 */
guint
rd_audit_page_get_n_entries (RdAuditPage *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

/**
 * rd_audit_page_get_shown:
 *
 * Returns: (transfer none): the entries the filters let through, in the
 *   list's order (#RdAuditItem)
 */
GListModel *
rd_audit_page_get_shown (RdAuditPage *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_PAGE (self), NULL);
  return G_LIST_MODEL (self->shown);
}

RdAuditCheck
rd_audit_page_get_check (RdAuditPage *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_PAGE (self), RD_AUDIT_CHECK_RUNNING);
  return self->check;
}

/**
 * rd_audit_page_get_check_text:
 *
 * Returns: the check's result as the page says it
 */
const char *
rd_audit_page_get_check_text (RdAuditPage *self)
{
  g_return_val_if_fail (RD_IS_AUDIT_PAGE (self), NULL);
  return self->check_text;
}

static void
rd_audit_page_dispose (GObject *object)
{
  RdAuditPage *self = RD_AUDIT_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_AUDIT_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->case_file);
  G_OBJECT_CLASS (rd_audit_page_parent_class)->dispose (object);
}

static void
rd_audit_page_finalize (GObject *object)
{
  RdAuditPage *self = RD_AUDIT_PAGE (object);

  g_free (self->action);
  g_free (self->person);
  g_free (self->query);
  g_free (self->check_text);
  g_ptr_array_unref (self->action_choices);
  g_ptr_array_unref (self->person_choices);
  G_OBJECT_CLASS (rd_audit_page_parent_class)->finalize (object);
}

static void
rd_audit_page_class_init (RdAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_audit_page_dispose;
  object_class->finalize = rd_audit_page_finalize;
  widget_class->map = rd_audit_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, check_box);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, check_icon);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, check_label);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, action_filter);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, person_filter);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, RdAuditPage, details_label);
}

static void
rd_audit_page_init (RdAuditPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->action_choices = g_ptr_array_new_with_free_func (g_free);
  self->person_choices = g_ptr_array_new_with_free_func (g_free);
  self->check = RD_AUDIT_CHECK_RUNNING;

  add_columns (self);
  /* The models own what they wrap. */
  self->store = g_list_store_new (RD_TYPE_AUDIT_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  /* Filtered between frames too: a filter that lets 20,000 rows back in
   * would otherwise add them in one go. */
  gtk_filter_list_model_set_incremental (self->shown, TRUE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->shown));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (show_details), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (show_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->action_filter, "notify::selected", G_CALLBACK (choice_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_filter, "notify::selected", G_CALLBACK (choice_changed), self,
                           G_CONNECT_SWAPPED);
  update_choices (self);
  show_details (self);
  show_count (self);
  show_check (self, RD_AUDIT_CHECK_RUNNING, _("The log is read when this page is shown."));
}
