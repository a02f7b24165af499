/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-worklist-index.h"
#include "rd-worklist-model.h"

/* The worklist's cases as a list model, kept up to date off the main thread.
 *
 * A refresh runs in a worker: it opens the index, sends every row it holds
 * (the list shows at once), then syncs the index with the case folders and
 * sends the rows that changed in batches as they are read. Batches reach the
 * main loop with the refresh's generation; one from a refresh that was
 * superseded or cancelled is dropped. The folders are watched
 * (GFileMonitor): a case changed, added or removed by another program,
 * including a change still in its write-ahead log, starts a refresh after a
 * short pause. */

/* Rows sent per batch, and the longest a read row waits to be sent. */
#define BATCH_ROWS      100
#define BATCH_WAIT_US   (150 * 1000)
/* Events come in bursts (a write touches the case and its -wal): one
 * refresh once they settle. */
#define MONITOR_PAUSE_MS 400

struct _RdWorklistModel
{
  GObject       parent_instance;

  char         *index_path;
  char        **folders;
  GListStore   *store;       /* RdWorklistEntry */
  GHashTable   *by_path;     /* path -> RdWorklistEntry in the store */
  GPtrArray    *monitors;    /* GFileMonitor, one per folder */
  GCancellable *cancellable; /* the running refresh */
  guint         generation;
  gboolean      loading;
  gboolean      again;       /* a change came while refreshing */
  guint         pause_id;
  char         *problem;
};

G_DEFINE_FINAL_TYPE (RdWorklistModel, rd_worklist_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- batches, from the worker to the main loop --------------------------- */

/* The model as batches reach it: a weak reference shared by the job and its
 * batches (GRcBox), taken only on the main thread. */
typedef GWeakRef Target;

static Target *
target_new (RdWorklistModel *model)
{
  Target *target = g_rc_box_new0 (Target);

  g_weak_ref_init (target, model);
  return target;
}

static void
target_release (Target *target)
{
  g_rc_box_release_full (target, (GDestroyNotify) g_weak_ref_clear);
}

typedef struct {
  Target     *target;
  guint       generation;
  gboolean    replace_all;  /* the rows of the index: the whole list */
  GPtrArray  *entries;      /* RdWorklistEntry: new or changed rows */
  GPtrArray  *removed;      /* paths whose rows are gone */
} Batch;

static Batch *
batch_new (Target *target,
           guint   generation)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->target = g_rc_box_acquire (target);
  batch->generation = generation;
  batch->entries = g_ptr_array_new_with_free_func (g_object_unref);
  batch->removed = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

static void
batch_free (Batch *batch)
{
  target_release (batch->target);
  g_ptr_array_unref (batch->entries);
  g_ptr_array_unref (batch->removed);
  g_free (batch);
}

static guint
position_of (RdWorklistModel *self,
             RdWorklistEntry *entry)
{
  guint position = G_MAXUINT;

  g_list_store_find (self->store, entry, &position);
  return position;
}

static void
replace_all (RdWorklistModel *self,
             GPtrArray       *entries)
{
  g_hash_table_remove_all (self->by_path);
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_insert (self->by_path, g_strdup (rd_worklist_entry_get_path (entries->pdata[i])),
                         g_object_ref (entries->pdata[i]));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       entries->pdata, entries->len);
}

static void
apply_changes (RdWorklistModel *self,
               Batch           *batch)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  for (guint i = 0; i < batch->entries->len; i++)
    {
      RdWorklistEntry *entry = batch->entries->pdata[i];
      RdWorklistEntry *old = g_hash_table_lookup (self->by_path, rd_worklist_entry_get_path (entry));
      guint position = old ? position_of (self, old) : G_MAXUINT;

      if (position != G_MAXUINT)
        g_list_store_splice (self->store, position, 1, (gpointer *) &entry, 1);
      else
        g_ptr_array_add (added, entry);
      g_hash_table_insert (self->by_path, g_strdup (rd_worklist_entry_get_path (entry)), g_object_ref (entry));
    }
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       added->pdata, added->len);
  for (guint i = 0; i < batch->removed->len; i++)
    {
      RdWorklistEntry *old = g_hash_table_lookup (self->by_path, batch->removed->pdata[i]);
      guint position = old ? position_of (self, old) : G_MAXUINT;

      if (position != G_MAXUINT)
        g_list_store_remove (self->store, position);
      g_hash_table_remove (self->by_path, batch->removed->pdata[i]);
    }
}

static gboolean
deliver_batch (gpointer data)
{
  Batch *batch = data;
  g_autoptr(RdWorklistModel) self = g_weak_ref_get (batch->target);

  /* A superseded or cancelled refresh delivers nothing. */
  if (self == NULL || batch->generation != self->generation)
    return G_SOURCE_REMOVE;
  if (batch->replace_all)
    replace_all (self, batch->entries);
  else
    apply_changes (self, batch);
  return G_SOURCE_REMOVE;
}

/* ---- the worker ------------------------------------------------------- */

typedef struct {
  Target          *target;
  guint            generation;
  char            *index_path;
  char           **folders;
  GMainContext    *context;
  Batch           *pending;
  gint64           pending_since;
} Job;

static void
job_free (Job *job)
{
  target_release (job->target);
  g_free (job->index_path);
  g_strfreev (job->folders);
  g_main_context_unref (job->context);
  g_clear_pointer (&job->pending, batch_free);
  g_free (job);
}

/* Always through an idle source: g_main_context_invoke() would run the
 * batch on this thread whenever no thread holds the main context. */
static void
send (Job   *job,
      Batch *batch)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_batch, batch, (GDestroyNotify) batch_free);
  g_source_set_static_name (source, "[reviewdesk] worklist rows");
  g_source_attach (source, job->context);
}

static void
flush (Job *job)
{
  if (job->pending != NULL)
    send (job, g_steal_pointer (&job->pending));
}

static void
row_changed (const char      *path,
             RdWorklistEntry *entry,
             gpointer         data)
{
  Job *job = data;

  if (job->pending == NULL)
    {
      job->pending = batch_new (job->target, job->generation);
      job->pending_since = g_get_monotonic_time ();
    }
  if (entry)
    g_ptr_array_add (job->pending->entries, g_object_ref (entry));
  else
    g_ptr_array_add (job->pending->removed, g_strdup (path));
  if (job->pending->entries->len + job->pending->removed->len >= BATCH_ROWS ||
      g_get_monotonic_time () - job->pending_since >= BATCH_WAIT_US)
    flush (job);
}

static RdWorklistIndex *
open_index (Job     *job,
            GError **error)
{
  RdWorklistIndex *index = rd_worklist_index_open (job->index_path, error);
  Batch *batch;

  if (index == NULL)
    return NULL;
  batch = batch_new (job->target, job->generation);
  batch->replace_all = TRUE;
  g_ptr_array_unref (batch->entries);
  batch->entries = rd_worklist_index_load (index, (const char * const *) job->folders, error);
  if (batch->entries == NULL)
    {
      batch->entries = g_ptr_array_new ();
      batch_free (batch);
      g_clear_pointer (&index, rd_worklist_index_free);
      return NULL;
    }
  send (job, batch);
  return index;
}

static void
refresh_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorklistIndex) index = open_index (job, &error);

  if (index == NULL || !rd_worklist_index_sync (index, (const char * const *) job->folders,
                                                row_changed, job, cancellable, &error))
    {
      flush (job);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  flush (job);
  g_task_return_boolean (task, TRUE);
}

/* ---- refreshing -------------------------------------------------------- */

static void
set_loading (RdWorklistModel *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
refreshed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  RdWorklistModel *self = RD_WORKLIST_MODEL (source);
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->generation != self->generation)
    return;
  g_clear_pointer (&self->problem, g_free);
  if (error)
    self->problem = g_strdup (error->message);
  set_loading (self, FALSE);
  if (self->again)
    {
      self->again = FALSE;
      rd_worklist_model_refresh (self);
    }
}

/**
 * rd_worklist_model_refresh:
 *
 * Shows the index's rows, then brings them up to date with the case files;
 * a refresh already running is superseded.
 */
void
rd_worklist_model_refresh (RdWorklistModel *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (RD_IS_WORKLIST_MODEL (self));

  if (self->folders == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  job = g_new0 (Job, 1);
  job->target = target_new (self);
  job->generation = self->generation;
  job->index_path = g_strdup (self->index_path);
  job->folders = g_strdupv (self->folders);
  job->context = g_main_context_ref_thread_default ();
  task = g_task_new (self, self->cancellable, refreshed, NULL);
  g_task_set_source_tag (task, rd_worklist_model_refresh);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, refresh_thread);
}

static gboolean
pause_over (gpointer data)
{
  RdWorklistModel *self = data;

  self->pause_id = 0;
  if (self->loading)
    self->again = TRUE;
  else
    rd_worklist_model_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
folder_changed (RdWorklistModel   *self,
                GFile             *file,
                GFile             *other,
                GFileMonitorEvent  event)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || self->pause_id != 0)
    return;
  self->pause_id = g_timeout_add (MONITOR_PAUSE_MS, pause_over, self);
}

static void
watch_folders (RdWorklistModel *self)
{
  g_ptr_array_set_size (self->monitors, 0);
  for (guint i = 0; self->folders[i]; i++)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (self->folders[i]);
      GFileMonitor *monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);

      /* A folder that does not exist yet is not watched: New Case makes the
       * case folder and the window refreshes when it returns here. */
      if (monitor == NULL)
        continue;
      g_signal_connect_object (monitor, "changed", G_CALLBACK (folder_changed), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->monitors, monitor);
    }
}

/**
 * rd_worklist_model_set_folders:
 * @folders: the folders to list (rd_worklist_folders())
 *
 * Lists the cases of @folders, watches them and refreshes.
 */
void
rd_worklist_model_set_folders (RdWorklistModel    *self,
                               const char * const *folders)
{
  g_return_if_fail (RD_IS_WORKLIST_MODEL (self));
  g_return_if_fail (folders != NULL);

  if (self->folders && g_strv_equal (folders, (const char * const *) self->folders))
    return;
  g_strfreev (self->folders);
  self->folders = g_strdupv ((char **) folders);
  watch_folders (self);
  rd_worklist_model_refresh (self);
}

const char * const *
rd_worklist_model_get_folders (RdWorklistModel *self)
{
  g_return_val_if_fail (RD_IS_WORKLIST_MODEL (self), NULL);
  return (const char * const *) self->folders;
}

/**
 * rd_worklist_model_get_entries:
 *
 * Returns: (transfer none): the cases, as RdWorklistEntry, in no order
 */
GListModel *
rd_worklist_model_get_entries (RdWorklistModel *self)
{
  g_return_val_if_fail (RD_IS_WORKLIST_MODEL (self), NULL);
  return G_LIST_MODEL (self->store);
}

gboolean
rd_worklist_model_is_loading (RdWorklistModel *self)
{
  g_return_val_if_fail (RD_IS_WORKLIST_MODEL (self), FALSE);
  return self->loading;
}

/**
 * rd_worklist_model_get_problem:
 *
 * Returns: (nullable): why the last refresh could not finish (the index could
 *   not be written, say), or %NULL
 */
const char *
rd_worklist_model_get_problem (RdWorklistModel *self)
{
  g_return_val_if_fail (RD_IS_WORKLIST_MODEL (self), NULL);
  return self->problem;
}

/**
 * rd_worklist_model_new:
 * @index_path: (nullable): where the index is kept; %NULL for
 *   rd_worklist_index_default_path()
 */
RdWorklistModel *
rd_worklist_model_new (const char *index_path)
{
  RdWorklistModel *self = g_object_new (RD_TYPE_WORKLIST_MODEL, NULL);

  self->index_path = index_path ? g_strdup (index_path) : rd_worklist_index_default_path ();
  return self;
}

static void
rd_worklist_model_dispose (GObject *object)
{
  RdWorklistModel *self = RD_WORKLIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pause_id, g_source_remove);
  g_ptr_array_set_size (self->monitors, 0);
  G_OBJECT_CLASS (rd_worklist_model_parent_class)->dispose (object);
}

static void
rd_worklist_model_finalize (GObject *object)
{
  RdWorklistModel *self = RD_WORKLIST_MODEL (object);

  g_free (self->index_path);
  g_strfreev (self->folders);
  g_free (self->problem);
  g_clear_object (&self->store);
  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  G_OBJECT_CLASS (rd_worklist_model_parent_class)->finalize (object);
}

static void
rd_worklist_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, RD_WORKLIST_MODEL (object)->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_worklist_model_class_init (RdWorklistModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_worklist_model_dispose;
  object_class->finalize = rd_worklist_model_finalize;
  object_class->get_property = rd_worklist_model_get_property;

  /**
   * RdWorklistModel:loading:
   *
   * Whether a refresh is reading the index or the case files.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_worklist_model_init (RdWorklistModel *self)
{
  self->store = g_list_store_new (RD_TYPE_WORKLIST_ENTRY);
  self->by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
}
