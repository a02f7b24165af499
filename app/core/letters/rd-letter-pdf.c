/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>

#include "rd-letter.h"
#include "rd-pdf-draw.h"
#include "rd-text-wrap.h"

/* The letter as a US Letter PDF, drawn with cairo's own text API like the
 * example records (no Pango in the core): the title, then each block, a
 * footer with the case and the page number on every page. */

#define PAGE_WIDTH   612.0
#define PAGE_HEIGHT  792.0
#define MARGIN       64.0
#define BODY_WIDTH   (PAGE_WIDTH - 2 * MARGIN)
#define BODY_TOP     64.0
#define BODY_BOTTOM  (PAGE_HEIGHT - 64.0)
#define LINE         13.0
#define INDENT       14.0

typedef enum {
  FONT_BODY,
  FONT_BOLD,
  FONT_QUOTE,
  FONT_HEADING,
  FONT_TITLE,
  FONT_SMALL,
} Font;

typedef struct {
  const RdLetter *letter;
  cairo_t        *cr;
  int             page;
  double          y;     /* the top of the next line */
} Pdf;

static void
set_font (Pdf  *pdf,
          Font  font)
{
  static const struct {
    cairo_font_slant_t  slant;
    cairo_font_weight_t weight;
    double              size;
  } fonts[] = {
    [FONT_BODY] = { CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 10.0 },
    [FONT_BOLD] = { CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 10.0 },
    [FONT_QUOTE] = { CAIRO_FONT_SLANT_OBLIQUE, CAIRO_FONT_WEIGHT_NORMAL, 9.0 },
    [FONT_HEADING] = { CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 11.5 },
    [FONT_TITLE] = { CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 16.0 },
    [FONT_SMALL] = { CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 8.0 },
  };

  cairo_select_font_face (pdf->cr, "DejaVu Sans", fonts[font].slant, fonts[font].weight);
  cairo_set_font_size (pdf->cr, fonts[font].size);
}

static void
footer (Pdf *pdf)
{
  /* TRANSLATORS: the footer of each page of a letter: the case id and the page number */
  g_autofree char *text = g_strdup_printf (_("Case %s · page %d"), pdf->letter->case_id, pdf->page);

  set_font (pdf, FONT_SMALL);
  cairo_set_source_rgb (pdf->cr, 0.35, 0.35, 0.35);
  cairo_move_to (pdf->cr, MARGIN, PAGE_HEIGHT - 36.0);
  cairo_show_text (pdf->cr, text);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
}

static void
new_page (Pdf *pdf)
{
  footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = BODY_TOP;
}

static void
make_room (Pdf    *pdf,
           double  height)
{
  if (pdf->y + height > BODY_BOTTOM)
    new_page (pdf);
}

/* Lines of @text at @x, no wider than @width; paragraphs of @text (separated
 * by newlines) each begin on a new line. */
static void
lines (Pdf        *pdf,
       Font        font,
       double      x,
       double      width,
       const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  set_font (pdf, font);
  for (guint i = 0; paragraphs[i]; i++)
    {
      g_autoptr(GPtrArray) wrapped = rd_text_wrap (pdf->cr, paragraphs[i], width);

      for (guint j = 0; j < wrapped->len; j++)
        {
          make_room (pdf, LINE);
          set_font (pdf, font);
          cairo_move_to (pdf->cr, x, pdf->y + LINE - 3.0);
          cairo_show_text (pdf->cr, g_ptr_array_index (wrapped, j));
          pdf->y += LINE;
        }
    }
}

static void
draw_block (Pdf                 *pdf,
            const RdLetterBlock *block,
            RdLetterBlockKind    previous)
{
  g_autofree char *text = NULL;

  switch (block->kind)
    {
    case RD_LETTER_BLOCK_HEADING:
      pdf->y += 10.0;
      make_room (pdf, 3 * LINE);
      lines (pdf, FONT_HEADING, MARGIN, BODY_WIDTH, block->text);
      cairo_set_line_width (pdf->cr, 0.5);
      cairo_move_to (pdf->cr, MARGIN, pdf->y + 1.0);
      cairo_line_to (pdf->cr, MARGIN + BODY_WIDTH, pdf->y + 1.0);
      cairo_stroke (pdf->cr);
      pdf->y += 5.0;
      break;
    case RD_LETTER_BLOCK_FIELD:
      text = g_strdup_printf ("%s: %s", block->label, block->text);
      lines (pdf, FONT_BODY, MARGIN, BODY_WIDTH, text);
      break;
    case RD_LETTER_BLOCK_PARAGRAPH:
      text = block->label ? g_strdup_printf ("%s %s", block->label, block->text) : g_strdup (block->text);
      lines (pdf, FONT_BODY, MARGIN, BODY_WIDTH, text);
      pdf->y += 5.0;
      break;
    case RD_LETTER_BLOCK_ITEM:
      make_room (pdf, LINE);
      set_font (pdf, FONT_BODY);
      cairo_move_to (pdf->cr, MARGIN + 2.0, pdf->y + LINE - 3.0);
      cairo_show_text (pdf->cr, "•");
      lines (pdf, FONT_BODY, MARGIN + INDENT, BODY_WIDTH - INDENT, block->text);
      break;
    case RD_LETTER_BLOCK_QUOTE:
      {
        double x = previous == RD_LETTER_BLOCK_ITEM ? MARGIN + 2 * INDENT : MARGIN + INDENT;

        text = g_strdup_printf ("“%s” (%s)", block->text, block->label);
        lines (pdf, FONT_QUOTE, x, MARGIN + BODY_WIDTH - x, text);
        pdf->y += 4.0;
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
draw_letter (cairo_t  *cr,
             gpointer  user_data)
{
  Pdf pdf = { user_data, cr, 1, BODY_TOP };
  RdLetterBlockKind previous = RD_LETTER_BLOCK_HEADING;

  lines (&pdf, FONT_TITLE, MARGIN, BODY_WIDTH, pdf.letter->title);
  pdf.y += 10.0;
  for (guint i = 0; i < pdf.letter->blocks->len; i++)
    {
      const RdLetterBlock *block = g_ptr_array_index (pdf.letter->blocks, i);
      draw_block (&pdf, block, previous);
      previous = block->kind;
    }
  footer (&pdf);
  cairo_show_page (pdf.cr);
}

/**
 * rd_letter_to_pdf:
 *
 * Returns: (transfer full): the letter as a PDF, or %NULL with @error set
 */
GBytes *
rd_letter_to_pdf (const RdLetter  *letter,
                  GError         **error)
{
  cairo_status_t status;
  GBytes *bytes;

  g_return_val_if_fail (letter != NULL, NULL);

  bytes = rd_pdf_draw (PAGE_WIDTH, PAGE_HEIGHT, letter->title, letter->seal_token, draw_letter, (gpointer) letter,
                       &status);
  if (bytes == NULL)
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_RENDER,
                   _("The letter could not be drawn as a PDF (%s). Save it as text instead."),
                   cairo_status_to_string (status));
      return NULL;
    }
  return bytes;
}
