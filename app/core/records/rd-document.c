/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "rd-document.h"
#include "rd-pdf-text.h"

/* Poppler is not thread-safe within one document, so every PopplerDocument is
 * touched by exactly one thread: the document's own worker, a GThreadPool of one
 * exclusive thread whose queue is sorted by priority. Results go back to the
 * caller's main context; the final reference to a job's GTask, and so to the
 * document, is always dropped there, never on the worker. */

/* Pixels of one rendered page, at most: a page asked for wider is rendered at a
 * smaller scale (and drawn magnified) rather than allocating without bound. */
#define MAX_IMAGE_BYTES (32 * 1024 * 1024)
/* Text extraction yields the worker this often, so pages the reader is waiting
 * for are rendered between two slices of indexing. */
#define EXTRACT_SLICE_USEC (15 * 1000)

G_DEFINE_QUARK (rd-document-error-quark, rd_document_error)

/* poppler-glib 22.12 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef enum {
  JOB_OPEN,
  JOB_RENDER,
  JOB_SELECT,
  JOB_FIND,
  JOB_EXTRACT,
} JobKind;

typedef struct {
  JobKind          kind;
  RdJobPriority    priority;
  guint64          serial;
  GTask           *task;
  RdDocument      *document;     /* the task's source object */

  guint            page;
  int              width;        /* JOB_RENDER */
  RdRect           area;         /* JOB_SELECT */
  RdSelectionMode  mode;
  char           **words;        /* JOB_FIND */
  GBytes          *bytes;        /* JOB_OPEN */
  char            *password;

  GPtrArray       *texts;        /* JOB_EXTRACT */
  RdProgressFunc   progress;
  gpointer         progress_data;

  gpointer         result;
  GDestroyNotify   result_free;
  GError          *error;
} Job;

typedef struct {
  double width;
  double height;
} PageSize;

struct _RdDocument
{
  GObject          parent_instance;

  guint64          id;
  GThreadPool     *worker;
  PopplerDocument *poppler;      /* worker thread only */
  GArray          *page_sizes;   /* PageSize; written by the open job, then immutable */
  guint64          next_serial;  /* main thread only */
  guint            render_count; /* atomic */
  GHashTable      *costly_pages; /* worker thread only: page indexes over the time budget */
};

G_DEFINE_FINAL_TYPE (RdDocument, rd_document, G_TYPE_OBJECT)

static gint n_open_documents;

/**
 * rd_document_get_n_open:
 *
 * Returns: how many documents exist, each with its worker thread; a host that
 *   closed every record waits for this to reach 0 before the process ends, as
 *   a worker still inside Poppler cannot outlive it
 */
guint
rd_document_get_n_open (void)
{
  return (guint) g_atomic_int_get (&n_open_documents);
}

void
rd_selection_free (RdSelection *selection)
{
  if (selection == NULL)
    return;
  g_free (selection->text);
  g_clear_pointer (&selection->rects, g_array_unref);
  g_free (selection);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_strfreev (job->words);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_clear_pointer (&job->texts, g_ptr_array_unref);
  if (job->result != NULL && job->result_free != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_free (job);
}

/* Main context: hands the result to the caller, unless the job was cancelled. */
static gboolean
job_deliver (gpointer data)
{
  Job *job = data;

  if (g_task_return_error_if_cancelled (job->task))
    ;
  else if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    {
      g_task_return_pointer (job->task, job->result, job->result_free);
      job->result = NULL;
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
job_finish_on_worker (Job *job)
{
  g_main_context_invoke (g_task_get_context (job->task), job_deliver, job);
}

static gint
job_compare (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Job *ja = a, *jb = b;

  if (ja->priority != jb->priority)
    return ja->priority < jb->priority ? -1 : 1;
  return ja->serial < jb->serial ? -1 : (ja->serial > jb->serial ? 1 : 0);
}

static void job_run (gpointer data, gpointer user_data);

static Job *
job_new (RdDocument          *self,
         JobKind              kind,
         RdJobPriority        priority,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             source_tag)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->priority = priority;
  job->serial = self->next_serial++;
  job->document = self;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  return job;
}

static gpointer
job_propagate (RdDocument    *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
job_push (Job *job)
{
  g_thread_pool_push (job->document->worker, job, NULL);
}

static void
rd_document_finalize (GObject *object)
{
  RdDocument *self = RD_DOCUMENT (object);

  /* Every job holds a reference, so the queue is empty: this only joins the thread. */
  g_thread_pool_free (self->worker, FALSE, TRUE);
  g_clear_object (&self->poppler);
  g_clear_pointer (&self->page_sizes, g_array_unref);
  g_clear_pointer (&self->costly_pages, g_hash_table_unref);
  g_atomic_int_dec_and_test (&n_open_documents);
  G_OBJECT_CLASS (rd_document_parent_class)->finalize (object);
}

static void
rd_document_class_init (RdDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_document_finalize;
}

static void
rd_document_init (RdDocument *self)
{
  static guint64 last_id;
  g_autoptr(GError) error = NULL;

  self->id = __atomic_add_fetch (&last_id, 1, __ATOMIC_RELAXED);
  g_atomic_int_inc (&n_open_documents);
  self->page_sizes = g_array_new (FALSE, TRUE, sizeof (PageSize));
  self->costly_pages = g_hash_table_new (NULL, NULL);
  self->worker = g_thread_pool_new (job_run, self, 1, TRUE, &error);
  g_assert_no_error (error);
  g_thread_pool_set_sort_function (self->worker, job_compare, NULL);
}

/**
 * rd_document_check_header:
 *
 * Tells a PDF from other files before Poppler is asked to parse it: the PDF
 * header must appear within the first kilobyte, as readers accept.
 *
 * Returns: whether @bytes start like a PDF; otherwise sets
 *   %RD_DOCUMENT_ERROR_NOT_PDF
 */
gboolean
rd_document_check_header (GBytes  *bytes,
                          GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize limit = MIN (size, 1024);

  for (gsize i = 0; i + 5 <= limit; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_NOT_PDF,
               size == 0 ? _("The file is empty, not a PDF document. Attach the PDF export of the records.")
                         : _("The file is not a PDF document. Attach the records as PDF (print or export them to PDF first)."));
  return FALSE;
}

static void
run_open (Job *job)
{
  RdDocument *self = job->document;
  g_autoptr(GError) poppler_error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  int n_pages;

  if (!rd_document_check_header (job->bytes, &job->error))
    return;

  /* Not poppler_document_new_from_bytes(): in poppler 22.12 it crashes on a
   * wrong or empty password for an encrypted file. A memory stream reads the
   * same bytes without a copy. */
  stream = g_memory_input_stream_new_from_bytes (job->bytes);
  self->poppler = poppler_document_new_from_stream (stream, (goffset) g_bytes_get_size (job->bytes),
                                                    job->password, NULL, &poppler_error);
  if (self->poppler == NULL)
    {
      if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        {
          if (job->password == NULL || *job->password == '\0')
            g_set_error (&job->error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED,
                         _("The PDF is protected by a password. Enter the password to open it."));
          else
            g_set_error (&job->error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_BAD_PASSWORD,
                         _("The password does not open this PDF. Check it with whoever sent the records."));
        }
      else
        g_set_error (&job->error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_DAMAGED,
                     _("The PDF is damaged and cannot be read (%s). Ask the sender for a new copy."),
                     poppler_error->message);
      return;
    }

  n_pages = poppler_document_get_n_pages (self->poppler);
  if (n_pages <= 0)
    {
      g_set_error (&job->error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_NO_PAGES,
                   _("The PDF has no pages. Ask the sender for the complete records."));
      return;
    }

  g_array_set_size (self->page_sizes, n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (self->poppler, i);
      PageSize *size = &g_array_index (self->page_sizes, PageSize, i);

      if (page != NULL)
        poppler_page_get_size (page, &size->width, &size->height);
      if (page == NULL || size->width < 1 || size->height < 1)
        {
          /* A page Poppler cannot size is shown blank at US Letter size. */
          size->width = 612;
          size->height = 792;
        }
    }
  job->result = g_object_ref (self);
  job->result_free = g_object_unref;
}

static PopplerPage *
get_page (Job *job)
{
  PopplerPage *page = poppler_document_get_page (job->document->poppler, (int) job->page);

  if (page == NULL)
    g_set_error (&job->error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_PAGE,
                 _("Page %u cannot be read."), job->page + 1);
  return page;
}

static gboolean
page_is_costly (RdDocument *self,
                guint       page)
{
  return g_hash_table_contains (self->costly_pages, GUINT_TO_POINTER (page + 1));
}

static void
mark_costly (RdDocument *self,
             guint       page)
{
  g_hash_table_add (self->costly_pages, GUINT_TO_POINTER (page + 1));
}

/* Instead of a page that went over its budget: the page's outline and a
 * sentence saying why it is not drawn. */
static void
draw_placeholder (cairo_t *cr,
                  guint    page,
                  int      width,
                  int      height)
{
  g_autofree char *message = g_strdup_printf (_("Page %u took too long to draw and is not shown."), page + 1);
  cairo_text_extents_t extents;
  double font_size = MAX (8.0, width / 40.0);

  cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, font_size);
  cairo_text_extents (cr, message, &extents);
  cairo_move_to (cr, MAX (font_size, (width - extents.width) / 2), height / 2.0);
  cairo_show_text (cr, message);
}

static void
run_render (Job *job)
{
  PageSize *size = &g_array_index (job->document->page_sizes, PageSize, job->page);
  g_autoptr(PopplerPage) page = NULL;
  gboolean costly = page_is_costly (job->document, job->page);
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale;
  int width, height;
  GBytes *pixels;
  gint64 start;

  /* A page that went over its budget once is not given to Poppler again. */
  if (!costly && (page = get_page (job)) == NULL)
    return;

  scale = job->width / size->width;
  if (job->width * size->height * scale * 4 > MAX_IMAGE_BYTES)
    scale = sqrt (MAX_IMAGE_BYTES / (4 * size->width * size->height));
  width = MAX (1, (int) floor (size->width * scale + 0.5));
  height = MAX (1, (int) floor (size->height * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (&job->error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_PAGE,
                   _("Page %u is too large to display at this zoom."), job->page + 1);
      return;
    }
  cr = cairo_create (surface);
  if (costly)
    draw_placeholder (cr, job->page, width, height);
  else
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, width / size->width, height / size->height);
      /* Poppler cannot be interrupted: the time is measured, and a page over
       * the budget is drawn this once and shown as a placeholder after. */
      start = g_get_monotonic_time ();
      poppler_page_render (page, cr);
      if (g_get_monotonic_time () - start > rd_pdf_get_page_budget ())
        mark_costly (job->document, job->page);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The bytes own the surface: no copy between the worker and the texture. */
  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize) cairo_image_surface_get_stride (surface) * height,
                                       (GDestroyNotify) cairo_surface_destroy, surface);
  job->result = rd_page_image_new (job->page, width, height,
                                   cairo_image_surface_get_stride (surface), pixels);
  job->result_free = (GDestroyNotify) rd_page_image_unref;
  g_bytes_unref (pixels);
  g_atomic_int_inc (&job->document->render_count);
}

static GArray *
region_to_rects (cairo_region_t *region,
                 double          scale)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (RdRect));
  int n = region != NULL ? cairo_region_num_rectangles (region) : 0;

  for (int i = 0; i < n; i++)
    {
      cairo_rectangle_int_t r;
      RdRect rect;

      cairo_region_get_rectangle (region, i, &r);
      rect = (RdRect) { r.x / scale, r.y / scale, r.width / scale, r.height / scale };
      g_array_append_val (rects, rect);
    }
  return rects;
}

static void
run_select (Job *job)
{
  g_autoptr(PopplerPage) page = get_page (job);
  PopplerRectangle points;
  RdSelection *selection;

  if (page == NULL)
    return;

  points.x1 = job->area.x;
  points.y1 = job->area.y;
  points.x2 = job->area.x + job->area.width;
  points.y2 = job->area.y + job->area.height;

  selection = g_new0 (RdSelection, 1);
  if (job->mode == RD_SELECTION_TEXT)
    {
      /* A finer scale than points, so that line boxes are not rounded to whole points. */
      const double scale = 4.0;
      cairo_region_t *region;

      selection->text = poppler_page_get_selected_text (page, POPPLER_SELECTION_GLYPH, &points);
      region = poppler_page_get_selected_region (page, scale, POPPLER_SELECTION_GLYPH, &points);
      selection->rects = region_to_rects (region, scale);
      g_clear_pointer (&region, cairo_region_destroy);
    }
  else
    {
      selection->text = poppler_page_get_text_for_area (page, &points);
      selection->rects = g_array_new (FALSE, FALSE, sizeof (RdRect));
      g_array_append_val (selection->rects, job->area);
    }
  if (selection->text == NULL)
    selection->text = g_strdup ("");
  g_strstrip (selection->text);
  job->result = selection;
  job->result_free = (GDestroyNotify) rd_selection_free;
}

static void
run_find (Job *job)
{
  g_autoptr(PopplerPage) page = get_page (job);
  PageSize *size = &g_array_index (job->document->page_sizes, PageSize, job->page);
  GArray *rects;

  if (page == NULL)
    return;

  rects = g_array_new (FALSE, FALSE, sizeof (RdRect));
  for (guint i = 0; job->words != NULL && job->words[i] != NULL; i++)
    {
      GList *found = poppler_page_find_text_with_options (page, job->words[i], POPPLER_FIND_DEFAULT);

      for (GList *l = found; l != NULL; l = l->next)
        {
          PopplerRectangle *r = l->data;
          /* Poppler finds in PDF space, whose origin is the bottom-left corner. */
          RdRect rect = { MIN (r->x1, r->x2), size->height - MAX (r->y1, r->y2),
                          fabs (r->x2 - r->x1), fabs (r->y2 - r->y1) };
          g_array_append_val (rects, rect);
        }
      g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
    }
  job->result = rects;
  job->result_free = (GDestroyNotify) g_array_unref;
}

typedef struct {
  GTask          *task;
  RdProgressFunc  progress;
  gpointer        progress_data;
  guint           done;
  guint           total;
} Progress;

static gboolean
progress_deliver (gpointer data)
{
  Progress *progress = data;

  if (!g_task_get_completed (progress->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (progress->task)))
    progress->progress (progress->done, progress->total, progress->progress_data);
  g_object_unref (progress->task);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
report_progress (Job *job)
{
  Progress *progress;

  if (job->progress == NULL)
    return;
  progress = g_new0 (Progress, 1);
  progress->task = g_object_ref (job->task);
  progress->progress = job->progress;
  progress->progress_data = job->progress_data;
  progress->done = job->texts->len;
  progress->total = job->document->page_sizes->len;
  g_main_context_invoke (g_task_get_context (job->task), progress_deliver, progress);
}

/* Returns whether every page is done; otherwise the job goes back in the queue. */
static gboolean
run_extract_slice (Job *job)
{
  RdDocument *self = job->document;
  gint64 start = g_get_monotonic_time ();

  while (job->texts->len < self->page_sizes->len)
    {
      gint64 page_start = g_get_monotonic_time ();
      g_autoptr(PopplerPage) page = poppler_document_get_page (self->poppler, (int) job->texts->len);
      char *text = page != NULL ? poppler_page_get_text (page) : NULL;

      /* Measured, not interrupted: Poppler cannot be stopped mid-page. A page
       * over its budget is marked (NULL) rather than stored and indexed. */
      if (rd_pdf_page_over_budget (g_get_monotonic_time () - page_start, text))
        {
          /* Rendering such a page is as costly: it is shown as a placeholder. */
          mark_costly (self, job->texts->len);
          g_free (text);
          g_ptr_array_add (job->texts, NULL);
        }
      else
        g_ptr_array_add (job->texts, text != NULL ? text : g_strdup (""));
      if (g_get_monotonic_time () - start > EXTRACT_SLICE_USEC)
        break;
    }
  if (job->texts->len < self->page_sizes->len)
    {
      /* One report per slice keeps the main loop from flooding; completion
       * itself is the last report. */
      report_progress (job);
      return FALSE;
    }
  job->result = g_steal_pointer (&job->texts);
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

static void
job_run (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (job->task)))
    {
      job_finish_on_worker (job);
      return;
    }

  switch (job->kind)
    {
    case JOB_OPEN:
      run_open (job);
      break;
    case JOB_RENDER:
      run_render (job);
      break;
    case JOB_SELECT:
      run_select (job);
      break;
    case JOB_FIND:
      run_find (job);
      break;
    case JOB_EXTRACT:
      if (!run_extract_slice (job))
        {
          job_push (job);
          return;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  job_finish_on_worker (job);
}

/**
 * rd_document_open_async:
 * @bytes: the whole PDF file
 * @password: (nullable): the password of an encrypted PDF
 *
 * Opens a PDF on a new worker thread that will own it. Fails with
 * %RD_DOCUMENT_ERROR_NOT_PDF, %RD_DOCUMENT_ERROR_DAMAGED,
 * %RD_DOCUMENT_ERROR_ENCRYPTED (ask for a password and try again),
 * %RD_DOCUMENT_ERROR_BAD_PASSWORD or %RD_DOCUMENT_ERROR_NO_PAGES.
 */
void
rd_document_open_async (GBytes              *bytes,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(RdDocument) self = NULL;
  Job *job;

  g_return_if_fail (bytes != NULL);

  self = g_object_new (RD_TYPE_DOCUMENT, NULL);
  job = job_new (self, JOB_OPEN, RD_JOB_PRIORITY_VISIBLE, cancellable, callback, user_data,
                 rd_document_open_async);
  job->bytes = g_bytes_ref (bytes);
  job->password = g_strdup (password);
  job_push (job);
}

/**
 * rd_document_open_finish:
 *
 * Returns: (transfer full): the open document, or %NULL with @error set
 */
RdDocument *
rd_document_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_document_open_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rd_document_get_id:
 *
 * Returns: a number no other document of this process has, for cache keys
 */
guint64
rd_document_get_id (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), 0);
  return self->id;
}

guint
rd_document_get_n_pages (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), 0);
  return self->page_sizes->len;
}

/**
 * rd_document_get_page_size:
 *
 * Gives the size of a page in points, known since the document opened, so
 * that layout never waits for the worker.
 */
void
rd_document_get_page_size (RdDocument *self,
                           guint       page,
                           double     *width,
                           double     *height)
{
  PageSize *size;

  g_return_if_fail (RD_IS_DOCUMENT (self));
  g_return_if_fail (page < self->page_sizes->len);

  size = &g_array_index (self->page_sizes, PageSize, page);
  if (width != NULL)
    *width = size->width;
  if (height != NULL)
    *height = size->height;
}

/**
 * rd_document_get_render_count:
 *
 * Returns: how many pages the worker has rendered, so that tests and benchmarks
 *   can tell work done from work skipped
 */
guint
rd_document_get_render_count (RdDocument *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT (self), 0);
  return (guint) g_atomic_int_get (&self->render_count);
}

/**
 * rd_document_render_async:
 * @page: the page index, from 0
 * @width: the width to render at, in pixels (the page keeps its aspect ratio)
 *
 * Queues a page for rendering. When @cancellable is cancelled before the result
 * is delivered, the page is not rendered (if it had not started) and the
 * callback gets %G_IO_ERROR_CANCELLED, never pixels.
 *
 * Budgets: the pixels of one page stay within 32 MiB (a wider page is drawn
 * at a smaller scale). A page whose drawing took longer than the per-page
 * time budget (rd_pdf_get_page_budget()), or whose text extraction did, is
 * from then on delivered as a placeholder image that says so, without
 * Poppler. The first drawing of such a page is not cut short: Poppler cannot
 * be interrupted, so that one call takes as long as it takes.
 */
void
rd_document_render_async (RdDocument          *self,
                          guint                page,
                          int                  width,
                          RdJobPriority        priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_DOCUMENT (self));
  g_return_if_fail (page < self->page_sizes->len);
  g_return_if_fail (width > 0);

  job = job_new (self, JOB_RENDER, priority, cancellable, callback, user_data,
                 rd_document_render_async);
  job->page = page;
  job->width = width;
  job_push (job);
}

/**
 * rd_document_render_finish:
 *
 * Returns: (transfer full): the page's pixels, or %NULL with @error set
 */
RdPageImage *
rd_document_render_finish (RdDocument    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return job_propagate (self, result, rd_document_render_async, error);
}

/**
 * rd_document_select_async:
 * @area: in points from the page's top-left corner
 *
 * Finds the text and the region a selection gesture covers, for citing.
 */
void
rd_document_select_async (RdDocument          *self,
                          guint                page,
                          const RdRect        *area,
                          RdSelectionMode      mode,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_DOCUMENT (self));
  g_return_if_fail (page < self->page_sizes->len);
  g_return_if_fail (area != NULL);

  job = job_new (self, JOB_SELECT, RD_JOB_PRIORITY_VISIBLE, cancellable, callback, user_data,
                 rd_document_select_async);
  job->page = page;
  job->area = *area;
  job->mode = mode;
  job_push (job);
}

/**
 * rd_document_select_finish:
 *
 * Returns: (transfer full): the selection, or %NULL with @error set
 */
RdSelection *
rd_document_select_finish (RdDocument    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return job_propagate (self, result, rd_document_select_async, error);
}

/**
 * rd_document_find_async:
 * @words: the words to find, case-insensitively
 *
 * Finds where words appear on one page, to highlight search hits.
 */
void
rd_document_find_async (RdDocument          *self,
                        guint                page,
                        const char * const  *words,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_DOCUMENT (self));
  g_return_if_fail (page < self->page_sizes->len);

  job = job_new (self, JOB_FIND, RD_JOB_PRIORITY_VISIBLE, cancellable, callback, user_data,
                 rd_document_find_async);
  job->page = page;
  job->words = g_strdupv ((char **) words);
  job_push (job);
}

/**
 * rd_document_find_finish:
 *
 * Returns: (transfer full) (element-type RdRect): the rectangles of every
 *   occurrence, in points from the page's top-left corner
 */
GArray *
rd_document_find_finish (RdDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return job_propagate (self, result, rd_document_find_async, error);
}

/**
 * rd_document_extract_text_async:
 * @progress: (nullable): called on the main context as pages are done
 *
 * Extracts the text of every page for the search index, at background priority:
 * the worker renders pages someone is looking at between two slices of it.
 */
void
rd_document_extract_text_async (RdDocument          *self,
                                RdProgressFunc       progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_DOCUMENT (self));

  job = job_new (self, JOB_EXTRACT, RD_JOB_PRIORITY_BACKGROUND, cancellable, callback, user_data,
                 rd_document_extract_text_async);
  job->texts = g_ptr_array_new_full (self->page_sizes->len, g_free);
  job->progress = progress;
  job->progress_data = progress_data;
  job_push (job);
}

/**
 * rd_document_extract_text_finish:
 *
 * Returns: (transfer full) (element-type utf8): the text of each page, in page
 *   order; "" for a page without a text layer, %NULL for a page whose
 *   extraction went over its budget (rd_pdf_page_over_budget())
 */
GPtrArray *
rd_document_extract_text_finish (RdDocument    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return job_propagate (self, result, rd_document_extract_text_async, error);
}

/**
 * rd_page_text_is_scan:
 *
 * Returns: whether a page's text shows it has no text layer (a scanned or
 *   faxed image), so that search cannot find anything on it
 */
gboolean
rd_page_text_is_scan (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
