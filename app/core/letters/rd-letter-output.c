/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-letter.h"

/* Renders a composed letter as Markdown (readable as plain text too) or as a
 * PDF, and writes it to a file created owner-only, since a letter holds
 * health information. Rendering reads only the immutable letter, so it runs
 * on any thread. */

static gboolean
is_list_block (RdLetterBlockKind kind)
{
  return kind == RD_LETTER_BLOCK_FIELD || kind == RD_LETTER_BLOCK_ITEM || kind == RD_LETTER_BLOCK_QUOTE;
}

/**
 * rd_letter_to_markdown:
 *
 * Returns: (transfer full): the letter as Markdown: a title, headings, labelled
 *   fields and lists, the policy's words as quotations
 */
char *
rd_letter_to_markdown (const RdLetter *letter)
{
  g_autoptr(GString) out = g_string_new (NULL);
  RdLetterBlockKind previous = RD_LETTER_BLOCK_HEADING;

  g_return_val_if_fail (letter != NULL, NULL);

  g_string_append_printf (out, "# %s\n\n", letter->title);
  for (guint i = 0; i < letter->blocks->len; i++)
    {
      RdLetterBlock *block = g_ptr_array_index (letter->blocks, i);

      /* A list ends with a blank line before whatever is not part of it. */
      if (i > 0 && is_list_block (previous) && !is_list_block (block->kind))
        g_string_append_c (out, '\n');
      switch (block->kind)
        {
        case RD_LETTER_BLOCK_HEADING:
          g_string_append_printf (out, "## %s\n\n", block->text);
          break;
        case RD_LETTER_BLOCK_FIELD:
          g_string_append_printf (out, "- **%s:** %s\n", block->label, block->text);
          break;
        case RD_LETTER_BLOCK_PARAGRAPH:
          if (block->label)
            g_string_append_printf (out, "**%s** ", block->label);
          g_string_append_printf (out, "%s\n\n", block->text);
          break;
        case RD_LETTER_BLOCK_ITEM:
          g_string_append_printf (out, "- %s\n", block->text);
          break;
        case RD_LETTER_BLOCK_QUOTE:
          /* Under an item it belongs to the item; elsewhere it stands alone. */
          g_string_append_printf (out, previous == RD_LETTER_BLOCK_ITEM ? "  > %s\n" : "> %s\n",
                                  block->text);
          g_string_append_printf (out, previous == RD_LETTER_BLOCK_ITEM ? "  > — %s\n" : "> — %s\n",
                                  block->label);
          break;
        default:
          g_assert_not_reached ();
        }
      previous = block->kind;
    }
  /* One trailing newline. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rd_letter_format_for_path:
 *
 * Returns: %RD_LETTER_FORMAT_PDF for a name ending in ".pdf" (any case),
 *   otherwise %RD_LETTER_FORMAT_MARKDOWN
 */
RdLetterFormat
rd_letter_format_for_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, RD_LETTER_FORMAT_MARKDOWN);

  lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".pdf") ? RD_LETTER_FORMAT_PDF : RD_LETTER_FORMAT_MARKDOWN;
}

static GBytes *
render (const RdLetter  *letter,
        RdLetterFormat   format,
        GError         **error)
{
  char *text;

  if (format == RD_LETTER_FORMAT_PDF)
    return rd_letter_to_pdf (letter, error);
  text = rd_letter_to_markdown (letter);
  return g_bytes_new_take (text, strlen (text));
}

/**
 * rd_letter_write:
 * @file: where to write; replaced if it exists, created readable by its owner only
 * @format: Markdown or PDF
 *
 * Renders and writes the letter. Any thread.
 */
gboolean
rd_letter_write (const RdLetter  *letter,
                 GFile           *file,
                 RdLetterFormat   format,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (letter != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = render (letter, format, error);
  if (bytes == NULL)
    return FALSE;
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local_error);
  if (stream != NULL &&
      g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 NULL, cancellable, &local_error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  name = g_file_get_parse_name (file);
  g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE,
               _("The letter could not be written to “%s”: %s. Choose a folder you can write to."), name,
               local_error->message);
  return FALSE;
}

typedef struct {
  RdLetter       *letter;
  GFile          *file;
  RdLetterFormat  format;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  rd_letter_unref (job->letter);
  g_object_unref (job->file);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  WriteJob *job = data;
  GError *error = NULL;

  if (rd_letter_write (job->letter, job->file, job->format, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * rd_letter_write_async:
 *
 * rd_letter_write() in a worker thread; the letter is kept alive until it is
 * done.
 */
void
rd_letter_write_async (RdLetter            *letter,
                       GFile               *file,
                       RdLetterFormat       format,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (letter != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (WriteJob, 1);
  job->letter = rd_letter_ref (letter);
  job->file = g_object_ref (file);
  job->format = format;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_letter_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

gboolean
rd_letter_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_letter_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
