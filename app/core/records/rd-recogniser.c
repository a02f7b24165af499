/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>
#include <string.h>

#include "rd-ocr.h"
#include "rd-recogniser.h"

/* ---- one page ----------------------------------------------------------- */

/* What a thread keeps between pages: its Tesseract engine and the record it
 * read last, so the pages of one record are read from one parse. */
typedef struct {
  RdOcr           *ocr;
  gint64           record_id;
  char            *record_name;
  PopplerDocument *document;
} Reader;

static void
reader_free (Reader *reader)
{
  if (reader == NULL)
    return;
  rd_ocr_free (reader->ocr);
  g_free (reader->record_name);
  g_clear_object (&reader->document);
  g_free (reader);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reader, reader_free)

static Reader *
reader_new (GError **error)
{
  g_autoptr(Reader) reader = g_new0 (Reader, 1);

  reader->ocr = rd_ocr_new (error);
  return reader->ocr != NULL ? g_steal_pointer (&reader) : NULL;
}

static gboolean
reader_open (Reader         *reader,
             RdCaseFile     *case_file,
             gint64          record_id,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(RdCaseRecord) record = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *password = NULL;

  if (reader->record_id == record_id && reader->document != NULL)
    return TRUE;
  g_clear_object (&reader->document);
  g_clear_pointer (&reader->record_name, g_free);
  reader->record_id = 0;
  bytes = rd_case_file_read_record (case_file, record_id, cancellable, error);
  if (bytes == NULL || !rd_case_file_lookup_record_password (case_file, record_id, &password, error))
    return FALSE;
  reader->document = poppler_document_new_from_bytes (bytes, password, error);
  if (reader->document == NULL)
    return FALSE;
  reader->record_id = record_id;
  return TRUE;
}

typedef enum {
  PAGE_RECOGNISED,
  PAGE_REFUSED,
  PAGE_FAILED,
} PageOutcome;

/* Reads one page and stores what was read; a refused page is marked so and
 * its message (naming the record and the page) given in @refusal. */
static PageOutcome
recognise_one (Reader               *reader,
               RdCaseFile           *case_file,
               const RdCasePageRef  *ref,
               GCancellable         *cancellable,
               char                **refusal,
               GError              **error)
{
  g_autoptr(GObject) page_object = NULL;
  PopplerPage *page;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GError) local = NULL;

  if (!reader_open (reader, case_file, ref->record_id, cancellable, error))
    return PAGE_FAILED;
  page = poppler_document_get_page (reader->document, (int) ref->page_number - 1);
  page_object = (GObject *) page;
  if (page == NULL)
    g_set_error (&local, RD_OCR_ERROR, RD_OCR_ERROR_PAGE_REFUSED,
                 _("page %u cannot be read by Poppler; it was not recognised"), ref->page_number);
  else
    words = rd_ocr_recognise_page (reader->ocr, page, cancellable, &local);
  if (words != NULL)
    return rd_case_file_store_recognised_page (case_file, ref->record_id, ref->page_number,
                                               (const RdCaseWord *) words->data, words->len, error)
           ? PAGE_RECOGNISED : PAGE_FAILED;
  if (!g_error_matches (local, RD_OCR_ERROR, RD_OCR_ERROR_PAGE_REFUSED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return PAGE_FAILED;
    }
  /* TRANSLATORS: "Record 2: page 3 is too large to recognise (…)" */
  *refusal = g_strdup_printf (_("Record %lld: %s. The rest of the record can still be searched; cite this page"
                                " by a region."), (long long) ref->record_id, local->message);
  return rd_case_file_mark_page_unrecognisable (case_file, ref->record_id, ref->page_number, error)
         ? PAGE_REFUSED : PAGE_FAILED;
}

/* ---- synchronously, for the command line -------------------------------- */

void
rd_recognise_counts_clear (RdRecogniseCounts *counts)
{
  g_clear_pointer (&counts->refusals, g_ptr_array_unref);
  counts->n_recognised = counts->n_refused = 0;
}

/**
 * rd_recognise_pending:
 * @record_id: only this record's pages, or 0 for every record's
 * @counts: (out caller-allocates): what was done, cleared first
 *
 * Recognises the scanned pages waiting for it, in the calling thread (for
 * the command line and tests: the application uses an #RdRecogniser).
 *
 * Returns: %FALSE with @error set when recognition is not available or the
 *   case could not be read or written; @counts then say how far it got
 */
gboolean
rd_recognise_pending (RdCaseFile         *case_file,
                      gint64              record_id,
                      GCancellable       *cancellable,
                      RdRecogniseCounts  *counts,
                      GError            **error)
{
  g_autoptr(GArray) pages = NULL;
  g_autoptr(Reader) reader = NULL;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), FALSE);

  memset (counts, 0, sizeof *counts);
  counts->refusals = g_ptr_array_new_with_free_func (g_free);
  pages = rd_case_file_list_pages_to_recognise (case_file, error);
  if (pages == NULL)
    return FALSE;
  for (guint i = 0; i < pages->len; i++)
    {
      const RdCasePageRef *ref = &g_array_index (pages, RdCasePageRef, i);
      char *refusal = NULL;

      if (record_id != 0 && ref->record_id != record_id)
        continue;
      if (reader == NULL && (reader = reader_new (error)) == NULL)
        return FALSE;
      switch (recognise_one (reader, case_file, ref, cancellable, &refusal, error))
        {
        case PAGE_RECOGNISED:
          counts->n_recognised++;
          break;
        case PAGE_REFUSED:
          counts->n_refused++;
          g_ptr_array_add (counts->refusals, refusal);
          break;
        case PAGE_FAILED:
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- in the background -------------------------------------------------- */

struct _RdRecogniser
{
  GObject       parent_instance;
  RdCaseFile   *case_file;
  GCancellable *cancellable;
  GThreadPool  *pool;
  GMainContext *context;   /* where "progress" is emitted */
  guint         done;      /* both read and written on the main context */
  guint         total;
  GHashTable   *queued;    /* "record/page" of the pages queued, so none is queued twice */
  GAsyncQueue  *readers;   /* the readers not in use: at most one per worker thread */
};

enum {
  SIGNAL_PROGRESS,
  SIGNAL_PAGE_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdRecogniser, rd_recogniser, G_TYPE_OBJECT)

/* A page to read. The job does not keep the recogniser alive: disposing it
 * (the case closing) must stop the work, not wait for the queue to drain. */
typedef struct {
  GWeakRef       self;
  RdCasePageRef  ref;
  char          *refusal;
} Job;

static void
job_free (Job *job)
{
  g_weak_ref_clear (&job->self);
  g_free (job->refusal);
  g_free (job);
}

static gboolean
job_done (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr(RdRecogniser) self = g_weak_ref_get (&job->self);

  if (self != NULL)
    {
      self->done++;
      if (job->refusal != NULL)
        g_signal_emit (self, signals[SIGNAL_PAGE_REFUSED], 0, job->ref.record_id, job->ref.page_number,
                       job->refusal);
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, self->done, self->total);
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  RdRecogniser *self = user_data;   /* alive: its dispose waits for the running jobs */
  Reader *reader = NULL;
  g_autoptr(GError) error = NULL;

  /* A reader taken by one worker at a time; freed with the recogniser, once
   * its threads are done (Tesseract's data must be released before exit). */
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      reader = g_async_queue_try_pop (self->readers);
      if (reader == NULL)
        reader = reader_new (&error);
      /* A page that failed (the case closed, Tesseract missing) stays
       * waiting and is queued again when the case is next opened. */
      if (reader != NULL)
        recognise_one (reader, self->case_file, &job->ref, self->cancellable, &job->refusal, &error);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("A scanned page was not recognised: %s", g_quark_to_string (error->domain));
      if (reader != NULL)
        g_async_queue_push (self->readers, reader);
    }
  g_main_context_invoke (self->context, job_done, job);
}

static void
rd_recogniser_dispose (GObject *object)
{
  RdRecogniser *self = RD_RECOGNISER (object);

  g_cancellable_cancel (self->cancellable);
  /* Every queued job still runs, at once since the work is cancelled, so
   * that each is handed back and freed the one way jobs are. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  g_clear_object (&self->case_file);
  g_clear_pointer (&self->readers, g_async_queue_unref);
  G_OBJECT_CLASS (rd_recogniser_parent_class)->dispose (object);
}

static void
rd_recogniser_finalize (GObject *object)
{
  RdRecogniser *self = RD_RECOGNISER (object);

  g_clear_object (&self->cancellable);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->queued);
  G_OBJECT_CLASS (rd_recogniser_parent_class)->finalize (object);
}

static void
rd_recogniser_class_init (RdRecogniserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_recogniser_dispose;
  object_class->finalize = rd_recogniser_finalize;

  /**
   * RdRecogniser::progress:
   * @done: pages finished (recognised, refused or given up) since the
   *   recogniser was made
   * @total: pages queued since then
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * RdRecogniser::page-refused:
   * @record_id, @page_number: the page
   * @message: why, naming the record and the page
   */
  signals[SIGNAL_PAGE_REFUSED] = g_signal_new ("page-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                               NULL, NULL, NULL, G_TYPE_NONE, 3,
                                               G_TYPE_INT64, G_TYPE_UINT, G_TYPE_STRING);
}

static void
rd_recogniser_init (RdRecogniser *self)
{
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->readers = g_async_queue_new_full ((GDestroyNotify) reader_free);
}

/**
 * rd_recogniser_new:
 * @case_file: a case opened for writing
 *
 * Returns: (transfer full): a recogniser for @case_file's scanned pages, with
 *   one worker thread per processor (each with its own Tesseract engine).
 *   Its signals are emitted on the thread-default main context of the caller.
 *   Disposing it (when the case closes) cancels what is queued and waits for
 *   the pages being read to stop.
 */
RdRecogniser *
rd_recogniser_new (RdCaseFile *case_file)
{
  RdRecogniser *self;

  g_return_val_if_fail (RD_IS_CASE_FILE (case_file), NULL);

  self = g_object_new (RD_TYPE_RECOGNISER, NULL);
  self->case_file = g_object_ref (case_file);
  self->pool = g_thread_pool_new_full (run_job, self, (GDestroyNotify) job_free,
                                       (int) MAX (1u, g_get_num_processors ()), TRUE, NULL);
  return self;
}

/**
 * rd_recogniser_queue_pending:
 *
 * Queues the case's scanned pages waiting for recognition that are not
 * queued yet: call it when a writable case opens and after each attach.
 * Main context of the recogniser.
 */
void
rd_recogniser_queue_pending (RdRecogniser *self)
{
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RD_IS_RECOGNISER (self));

  if (self->pool == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  pages = rd_case_file_list_pages_to_recognise (self->case_file, &error);
  if (pages == NULL)
    return;
  for (guint i = 0; i < pages->len; i++)
    {
      const RdCasePageRef *ref = &g_array_index (pages, RdCasePageRef, i);
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%u", ref->record_id, ref->page_number);
      Job *job;

      if (!g_hash_table_add (self->queued, key))
        continue;
      job = g_new0 (Job, 1);
      g_weak_ref_init (&job->self, self);
      job->ref = *ref;
      self->total++;
      g_thread_pool_push (self->pool, job, NULL);
    }
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, self->done, self->total);
}

/**
 * rd_recogniser_cancel:
 *
 * Stops recognition: queued pages are dropped and the pages being read stop
 * between words. What was stored stays; the rest waits for the next open.
 */
void
rd_recogniser_cancel (RdRecogniser *self)
{
  g_return_if_fail (RD_IS_RECOGNISER (self));
  g_cancellable_cancel (self->cancellable);
}

guint
rd_recogniser_get_done (RdRecogniser *self)
{
  g_return_val_if_fail (RD_IS_RECOGNISER (self), 0);
  return self->done;
}

guint
rd_recogniser_get_total (RdRecogniser *self)
{
  g_return_val_if_fail (RD_IS_RECOGNISER (self), 0);
  return self->total;
}
