/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>

#include "rd-pdf-draw.h"
#include "rd-text-wrap.h"
#include "rd-training-report.h"

/* The report as a US Letter PDF, drawn with cairo's own text API like the
 * letter and the example records: the title and date, the group's figures,
 * a table per trainee and per example, the criteria most often missed and how
 * to read κ. Tables cut a cell that does not fit with an ellipsis; every
 * figure a trainer needs is in a short cell. */

#define PAGE_WIDTH   612.0
#define PAGE_HEIGHT  792.0
#define MARGIN       54.0
#define BODY_WIDTH   (PAGE_WIDTH - 2 * MARGIN)
#define BODY_TOP     54.0
#define BODY_BOTTOM  (PAGE_HEIGHT - 60.0)
#define LINE         13.0
#define COLUMN_GAP   6.0

typedef enum {
  FONT_BODY,
  FONT_BOLD,
  FONT_HEADING,
  FONT_TITLE,
  FONT_SMALL,
} Font;

typedef struct {
  cairo_t *cr;
  int      page;
  double   y;     /* the top of the next line */
} Pdf;

/* A table's column: its share of the body's width and its heading. */
typedef struct {
  double      width;
  const char *heading;
} Column;

static void
set_font (Pdf  *pdf,
          Font  font)
{
  static const struct {
    cairo_font_weight_t weight;
    double              size;
  } fonts[] = {
    [FONT_BODY] = { CAIRO_FONT_WEIGHT_NORMAL, 9.5 },
    [FONT_BOLD] = { CAIRO_FONT_WEIGHT_BOLD, 9.5 },
    [FONT_HEADING] = { CAIRO_FONT_WEIGHT_BOLD, 12.0 },
    [FONT_TITLE] = { CAIRO_FONT_WEIGHT_BOLD, 17.0 },
    [FONT_SMALL] = { CAIRO_FONT_WEIGHT_NORMAL, 8.0 },
  };

  cairo_select_font_face (pdf->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, fonts[font].weight);
  cairo_set_font_size (pdf->cr, fonts[font].size);
}

static void
footer (Pdf *pdf)
{
  /* TRANSLATORS: the footer of each page of the training report */
  g_autofree char *text = g_strdup_printf (_("Inter-rater reliability · page %d"), pdf->page);

  set_font (pdf, FONT_SMALL);
  cairo_set_source_rgb (pdf->cr, 0.35, 0.35, 0.35);
  cairo_move_to (pdf->cr, MARGIN, PAGE_HEIGHT - 36.0);
  cairo_show_text (pdf->cr, text);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
}

static void
make_room (Pdf    *pdf,
           double  height)
{
  if (pdf->y + height <= BODY_BOTTOM)
    return;
  footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = BODY_TOP;
}

static void
lines (Pdf        *pdf,
       Font        font,
       const char *text)
{
  g_autoptr(GPtrArray) wrapped = NULL;

  set_font (pdf, font);
  wrapped = rd_text_wrap (pdf->cr, text, BODY_WIDTH);
  for (guint i = 0; i < wrapped->len; i++)
    {
      make_room (pdf, LINE);
      set_font (pdf, font);
      cairo_move_to (pdf->cr, MARGIN, pdf->y + LINE - 3.0);
      cairo_show_text (pdf->cr, wrapped->pdata[i]);
      pdf->y += LINE;
    }
}

static void
heading (Pdf        *pdf,
         const char *text)
{
  pdf->y += 12.0;
  make_room (pdf, 4 * LINE);
  set_font (pdf, FONT_HEADING);
  cairo_move_to (pdf->cr, MARGIN, pdf->y + LINE - 2.0);
  cairo_show_text (pdf->cr, text);
  pdf->y += LINE + 2.0;
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, MARGIN + BODY_WIDTH, pdf->y);
  cairo_stroke (pdf->cr);
  pdf->y += 4.0;
}

/* @text, or as much of it as fits in @width followed by "…". */
static void
cell (Pdf        *pdf,
      double      x,
      double      width,
      const char *text)
{
  g_autoptr(GString) fitted = g_string_new (text);

  while (fitted->len > 0 && rd_text_width (pdf->cr, fitted->str) > width)
    {
      const char *last;

      if (g_str_has_suffix (fitted->str, "…"))
        g_string_truncate (fitted, fitted->len - strlen ("…"));
      last = g_utf8_find_prev_char (fitted->str, fitted->str + fitted->len);
      g_string_truncate (fitted, last ? (gsize) (last - fitted->str) : 0);
      g_string_append (fitted, "…");
    }
  cairo_move_to (pdf->cr, x, pdf->y + LINE - 3.0);
  cairo_show_text (pdf->cr, fitted->str);
}

/* One row of a table; @cells has one string per column. */
static void
row (Pdf           *pdf,
     Font           font,
     const Column  *columns,
     guint          n_columns,
     const char   **cells)
{
  double x = MARGIN;

  make_room (pdf, LINE);
  set_font (pdf, font);
  for (guint c = 0; c < n_columns; c++)
    {
      double width = columns[c].width * BODY_WIDTH;

      cell (pdf, x, width - COLUMN_GAP, cells[c]);
      x += width;
    }
  pdf->y += LINE;
}

static void
header_row (Pdf          *pdf,
            const Column *columns,
            guint         n_columns)
{
  g_autofree const char **headings = g_new0 (const char *, n_columns);

  for (guint c = 0; c < n_columns; c++)
    headings[c] = columns[c].heading;
  make_room (pdf, 3 * LINE);
  row (pdf, FONT_BOLD, columns, n_columns, headings);
}

/* ---- the sections ------------------------------------------------------- */

static void
draw_group (Pdf                    *pdf,
            const RdTrainingReport *report)
{
  g_autofree char *agreement = rd_training_describe_agreement (&report->group);
  g_autofree char *cohen = rd_training_describe_cohen (&report->group);
  g_autofree char *outcomes = rd_training_describe_outcomes (&report->group);

  heading (pdf, _("Group"));
  lines (pdf, FONT_BODY, agreement);
  lines (pdf, FONT_BODY, cohen);
  lines (pdf, FONT_BODY, outcomes);
}

static void
draw_trainees (Pdf                    *pdf,
               const RdTrainingReport *report)
{
  const Column columns[] = {
    { 0.20, _("Trainee") }, { 0.12, _("Attempts") }, { 0.14, _("Agreement") },
    /* xgettext:no-c-format */
    { 0.25, _("Cohen’s κ (95% CI)") }, { 0.13, _("Outcomes") }, { 0.16, _("Not answered") },
  };

  heading (pdf, _("Trainees against the key"));
  header_row (pdf, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < report->trainees->len; i++)
    {
      const RdTraineeAgreement *trainee = report->trainees->pdata[i];
      const RdAgreementTally *t = &trainee->tally;
      g_autofree char *attempts = g_strdup_printf ("%u", t->n_attempts);
      g_autofree char *percent = rd_training_format_percent (t->n_agree, t->n_compared);
      g_autofree char *kappa = rd_training_format_kappa (&t->kappa);
      g_autofree char *outcomes = g_strdup_printf ("%u/%u", t->n_outcomes_agree, t->n_outcomes);
      g_autofree char *unanswered = g_strdup_printf ("%u", t->n_unanswered);
      const char *cells[] = { trainee->name, attempts, percent, kappa, outcomes, unanswered };

      row (pdf, FONT_BODY, columns, G_N_ELEMENTS (columns), cells);
    }
}

static void
draw_examples (Pdf                    *pdf,
               const RdTrainingReport *report)
{
  const Column columns[] = {
    { 0.33, _("Example") }, { 0.11, _("Trainees") }, { 0.14, _("Agreement") },
    /* xgettext:no-c-format */
    { 0.25, _("Fleiss’ κ (95% CI)") }, { 0.17, _("Criteria used") },
  };

  heading (pdf, _("Examples: trainees against each other"));
  header_row (pdf, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < report->examples->len; i++)
    {
      const RdExampleAgreement *example = report->examples->pdata[i];
      g_autofree char *trainees = g_strdup_printf ("%u", example->tally.n_attempts);
      g_autofree char *percent = rd_training_format_percent (example->tally.n_agree, example->tally.n_compared);
      g_autofree char *kappa = rd_training_format_kappa (&example->fleiss);
      g_autofree char *criteria = g_strdup_printf ("%u/%u", example->n_criteria - example->n_criteria_excluded,
                                                   example->n_criteria);
      const char *cells[] = { example->title, trainees, percent, kappa, criteria };

      row (pdf, FONT_BODY, columns, G_N_ELEMENTS (columns), cells);
    }
  pdf->y += 3.0;
  lines (pdf, FONT_SMALL, _("Agreement: the example’s answers that agree with its key. Fleiss’ κ counts only the"
                            " criteria every trainee answered (criteria used, of all the key scores)."));
}

static void
draw_missed (Pdf                    *pdf,
             const RdTrainingReport *report)
{
  const Column columns[] = {
    { 0.64, _("Criterion") }, { 0.22, _("Policy") }, { 0.14, _("Missed by") },
  };

  heading (pdf, _("Criteria most often missed"));
  if (report->missed->len == 0)
    {
      lines (pdf, FONT_BODY, _("Every answered criterion agrees with the key."));
      return;
    }
  header_row (pdf, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < report->missed->len; i++)
    {
      const RdMissedCriterion *missed = report->missed->pdata[i];
      /* TRANSLATORS: attempts that scored a criterion otherwise than the key, of how many */
      g_autofree char *count = g_strdup_printf (_("%u of %u"), missed->n_missed, missed->n_attempts);
      const char *cells[] = { missed->text, missed->policy_id, count };

      row (pdf, FONT_BODY, columns, G_N_ELEMENTS (columns), cells);
    }
}

static void
draw_how_to_read (Pdf *pdf)
{
  heading (pdf, _("How to read κ"));
  lines (pdf, FONT_BODY, rd_training_scale_note ());
  pdf->y += 3.0;
  lines (pdf, FONT_BODY, rd_training_method_note ());
}

static void
draw_report (Pdf                    *pdf,
             const RdTrainingReport *report)
{
  g_autofree char *date = g_date_time_format (report->created, "%Y-%m-%d %H:%M");
  g_autofree char *trainees = g_strdup_printf (ngettext ("%u trainee", "%u trainees", report->trainees->len),
                                               report->trainees->len);
  g_autofree char *attempts = g_strdup_printf (ngettext ("%u attempt", "%u attempts", report->group.n_attempts),
                                               report->group.n_attempts);
  g_autofree char *examples = g_strdup_printf (ngettext ("%u example", "%u examples", report->examples->len),
                                               report->examples->len);
  /* TRANSLATORS: the date, then how many trainees, attempts and examples */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s, %s, %s"), date, trainees, attempts, examples);

  lines (pdf, FONT_TITLE, _("Inter-rater reliability"));
  pdf->y += 6.0;
  lines (pdf, FONT_BODY, subtitle);
  draw_group (pdf, report);
  draw_trainees (pdf, report);
  draw_examples (pdf, report);
  draw_missed (pdf, report);
  draw_how_to_read (pdf);
}

static void
draw_pages (cairo_t  *cr,
            gpointer  user_data)
{
  Pdf pdf = { cr, 1, BODY_TOP };

  draw_report (&pdf, user_data);
  footer (&pdf);
  cairo_show_page (cr);
}

/**
 * rd_training_report_to_pdf:
 *
 * Draws the report. Any thread: it touches nothing but @report.
 *
 * Returns: (transfer full): the report as a PDF, or %NULL with @error set
 */
GBytes *
rd_training_report_to_pdf (const RdTrainingReport  *report,
                           GError                 **error)
{
  cairo_status_t status;
  GBytes *bytes;

  g_return_val_if_fail (report != NULL, NULL);

  bytes = rd_pdf_draw (PAGE_WIDTH, PAGE_HEIGHT, _("Inter-rater reliability"), NULL, draw_pages, (gpointer) report,
                       &status);
  if (bytes == NULL)
    {
      g_set_error (error, RD_TRAINING_REPORT_ERROR, RD_TRAINING_REPORT_ERROR_WRITE,
                   _("The training report could not be drawn as a PDF (%s). Use --json or --csv instead."),
                   cairo_status_to_string (status));
      return NULL;
    }
  return bytes;
}

/**
 * rd_training_report_write_pdf:
 * @file: where to write; replaced if it exists, created readable by its owner
 *   only (the report names trainees)
 *
 * Draws and writes the report. Any thread.
 */
gboolean
rd_training_report_write_pdf (const RdTrainingReport  *report,
                              GFile                   *file,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((bytes = rd_training_report_to_pdf (report, error)) == NULL)
    return FALSE;
  if (g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                               G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable,
                               &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  name = g_file_get_parse_name (file);
  g_set_error (error, RD_TRAINING_REPORT_ERROR, RD_TRAINING_REPORT_ERROR_WRITE,
               _("The training report could not be written to “%s”: %s. Choose a folder you can write to."), name,
               local_error->message);
  return FALSE;
}
