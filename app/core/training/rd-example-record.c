/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rd-example-private.h"
#include "rd-text-wrap.h"
#include "rd-xml.h"

/* Lays out an example's record as a US Letter PDF that looks like a clinical
 * document: letterhead, patient banner, sections, tables, signatures, and on
 * every page the stamp that says it is synthetic.  Only cairo's own text API is
 * used, so the core needs no Pango; the output is the same bytes every time (the
 * PDF dates come from the record, not the clock). */

#define PAGE_WIDTH    612.0
#define PAGE_HEIGHT   792.0
#define MARGIN        54.0
#define BODY_WIDTH    (PAGE_WIDTH - 2 * MARGIN)
#define BODY_TOP      76.0
#define BODY_BOTTOM   (PAGE_HEIGHT - 66.0)
#define LINE          12.5
#define LABEL_WIDTH   150.0
#define CELL_PADDING  3.0

/* Not translated: it is part of the synthetic document, like its clinical text. */
#define STAMP "SYNTHETIC \xe2\x80\x94 NOT A REAL PATIENT"

typedef enum {
  FONT_BODY,
  FONT_BOLD,
  FONT_ITALIC,
  FONT_SMALL,
  FONT_SECTION,
  FONT_TITLE,
  FONT_ORGANIZATION,
  FONT_STAMP,
} Font;

typedef struct {
  RdExample  *example;
  xmlNode    *record;
  cairo_t    *cr;
  int         page;       /* 1-based */
  int         n_pages;    /* known in the second pass only */
  double      y;          /* top of the next line */
  char       *organization;
  char       *title;
  char       *date;
  char       *keywords;
  xmlNode    *table_head; /* repeated when a table continues on a new page */
  double     *table_x;
  guint       table_columns;
} Layout;

static void
set_font (Layout *layout,
          Font    font)
{
  static const struct {
    const char          *family;
    cairo_font_slant_t   slant;
    cairo_font_weight_t  weight;
    double               size;
  } fonts[] = {
    [FONT_BODY] = { "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 9.5 },
    [FONT_BOLD] = { "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 9.5 },
    [FONT_ITALIC] = { "DejaVu Sans", CAIRO_FONT_SLANT_OBLIQUE, CAIRO_FONT_WEIGHT_NORMAL, 9.5 },
    [FONT_SMALL] = { "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 7.5 },
    [FONT_SECTION] = { "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 10.5 },
    [FONT_TITLE] = { "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 13.0 },
    [FONT_ORGANIZATION] = { "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 15.0 },
    [FONT_STAMP] = { "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD, 8.0 },
  };

  cairo_select_font_face (layout->cr, fonts[font].family, fonts[font].slant, fonts[font].weight);
  cairo_set_font_size (layout->cr, fonts[font].size);
}

static double
text_width (Layout     *layout,
            const char *text)
{
  return rd_text_width (layout->cr, text);
}

static void
show_text_at (Layout     *layout,
              double      x,
              double      baseline,
              const char *text)
{
  cairo_move_to (layout->cr, x, baseline);
  cairo_show_text (layout->cr, text);
}

static void
set_grey (Layout *layout,
          double  level)
{
  cairo_set_source_rgb (layout->cr, level, level, level);
}

static void
rule (Layout *layout,
      double  x,
      double  y,
      double  width,
      double  line_width)
{
  cairo_set_line_width (layout->cr, line_width);
  cairo_move_to (layout->cr, x, y);
  cairo_line_to (layout->cr, x + width, y);
  cairo_stroke (layout->cr);
}

static GPtrArray *
wrap (Layout     *layout,
      const char *text,
      double      width)
{
  return rd_text_wrap (layout->cr, text, width);
}

/* Shortens @text with an ellipsis to fit @width in the current font. */
static char *
ellipsize (Layout     *layout,
           const char *text,
           double      width)
{
  g_autoptr(GString) out = g_string_new (text);

  if (text_width (layout, text) <= width)
    return g_string_free (g_steal_pointer (&out), FALSE);
  while (out->len > 0)
    {
      const char *last = g_utf8_prev_char (out->str + out->len);
      g_autofree char *candidate = NULL;

      g_string_truncate (out, last - out->str);
      candidate = g_strconcat (out->str, "\xe2\x80\xa6", NULL);
      if (text_width (layout, candidate) <= width)
        return g_steal_pointer (&candidate);
    }
  return g_strdup ("\xe2\x80\xa6");
}

static const char *
member_name (Layout *layout)
{
  return rd_example_get_request (layout->example)->member_name;
}

static void
draw_stamp_and_footer (Layout *layout)
{
  g_autofree char *page_label = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *source = NULL;
  double width;

  /* The stamp band at the top of every page. */
  cairo_set_source_rgb (layout->cr, 0.78, 0.10, 0.10);
  cairo_rectangle (layout->cr, 0, 0, PAGE_WIDTH, 20);
  cairo_fill (layout->cr);
  cairo_set_source_rgb (layout->cr, 1, 1, 1);
  set_font (layout, FONT_STAMP);
  width = text_width (layout, STAMP " \xc2\xb7 TRAINING RECORD FOR REVIEWDESK");
  show_text_at (layout, (PAGE_WIDTH - width) / 2, 13.5, STAMP " \xc2\xb7 TRAINING RECORD FOR REVIEWDESK");

  /* Footer: source, page number, and the stamp again. */
  set_grey (layout, 0.35);
  rule (layout, MARGIN, PAGE_HEIGHT - 52, BODY_WIDTH, 0.5);
  set_font (layout, FONT_SMALL);
  page_label = layout->n_pages > 0 ? g_strdup_printf ("Page %d of %d", layout->page, layout->n_pages)
                                   : g_strdup_printf ("Page %d of 99", layout->page);
  source = g_strdup_printf ("%s \xc2\xb7 %s \xc2\xb7 %s", layout->organization, member_name (layout), layout->title);
  footer = ellipsize (layout, source, BODY_WIDTH - text_width (layout, page_label) - 18);
  show_text_at (layout, MARGIN, PAGE_HEIGHT - 42, footer);
  show_text_at (layout, PAGE_WIDTH - MARGIN - text_width (layout, page_label), PAGE_HEIGHT - 42, page_label);
  cairo_set_source_rgb (layout->cr, 0.78, 0.10, 0.10);
  set_font (layout, FONT_STAMP);
  width = text_width (layout, STAMP);
  show_text_at (layout, (PAGE_WIDTH - width) / 2, PAGE_HEIGHT - 28, STAMP);
  set_grey (layout, 0);
}

static void
draw_letterhead (Layout *layout)
{
  const RdRequest *request = rd_example_get_request (layout->example);
  xmlNode *letterhead = rd_xml_first_element (layout->record, "letterhead");
  g_autofree char *patient = NULL;
  g_autofree char *identifiers = NULL;
  g_autoptr(GPtrArray) title_lines = NULL;
  double y = 52;

  set_font (layout, FONT_ORGANIZATION);
  cairo_set_source_rgb (layout->cr, 0.10, 0.22, 0.40);
  show_text_at (layout, MARGIN, y, layout->organization);
  y += 6;
  set_font (layout, FONT_SMALL);
  set_grey (layout, 0.30);
  for (xmlNode *line = rd_xml_first_element (letterhead, "line"); line; line = rd_xml_next_element (line, "line"))
    {
      g_autofree char *text = rd_xml_get_text (line);
      y += 10;
      show_text_at (layout, MARGIN, y, text);
    }
  y += 7;
  cairo_set_source_rgb (layout->cr, 0.10, 0.22, 0.40);
  rule (layout, MARGIN, y, BODY_WIDTH, 1.2);

  y += 6;
  set_grey (layout, 0);
  set_font (layout, FONT_TITLE);
  title_lines = wrap (layout, layout->title, BODY_WIDTH);
  for (guint i = 0; i < title_lines->len; i++)
    {
      y += 16;
      show_text_at (layout, MARGIN, y, title_lines->pdata[i]);
    }

  /* The patient banner, as an EHR prints it. */
  y += 10;
  cairo_set_source_rgb (layout->cr, 0.93, 0.94, 0.96);
  cairo_rectangle (layout->cr, MARGIN, y, BODY_WIDTH, 30);
  cairo_fill (layout->cr);
  set_grey (layout, 0);
  set_font (layout, FONT_BOLD);
  patient = g_strdup_printf ("Patient: %s (synthetic)", request->member_name);
  show_text_at (layout, MARGIN + 6, y + 12, patient);
  set_font (layout, FONT_BODY);
  identifiers = g_strdup_printf ("DOB: %s   Member ID: %s   Document date: %s",
                                 request->member_birth_date, request->member_id, layout->date);
  show_text_at (layout, MARGIN + 6, y + 24, identifiers);
  layout->y = y + 44;
}

static void
draw_continuation_header (Layout *layout)
{
  const RdRequest *request = rd_example_get_request (layout->example);
  g_autofree char *heading = g_strdup_printf ("%s \xe2\x80\x94 %s", layout->organization, layout->title);
  g_autofree char *shortened = NULL;
  g_autofree char *left = NULL;
  g_autofree char *right = g_strdup_printf ("%s \xc2\xb7 DOB %s \xc2\xb7 %s",
                                            request->member_name, request->member_birth_date, request->member_id);

  set_font (layout, FONT_SMALL);
  set_grey (layout, 0.30);
  shortened = ellipsize (layout, heading, BODY_WIDTH - text_width (layout, " (continued)"));
  left = g_strconcat (shortened, " (continued)", NULL);
  show_text_at (layout, MARGIN, 40, left);
  show_text_at (layout, MARGIN, 50, right);
  rule (layout, MARGIN, 56, BODY_WIDTH, 0.5);
  set_grey (layout, 0);
  layout->y = BODY_TOP;
}

static void draw_table_head (Layout *layout);

static void
begin_page (Layout *layout)
{
  draw_stamp_and_footer (layout);
  if (layout->page == 1)
    draw_letterhead (layout);
  else
    draw_continuation_header (layout);
  if (layout->table_head != NULL)
    draw_table_head (layout);
}

static void
new_page (Layout *layout)
{
  cairo_show_page (layout->cr);
  layout->page++;
  begin_page (layout);
}

static void
ensure_space (Layout *layout,
              double  height)
{
  if (layout->y + height > BODY_BOTTOM)
    new_page (layout);
}

static void
draw_lines (Layout    *layout,
            GPtrArray *lines,
            double     x,
            Font       font)
{
  for (guint i = 0; i < lines->len; i++)
    {
      ensure_space (layout, LINE);
      set_font (layout, font);
      show_text_at (layout, x, layout->y + 9.5, lines->pdata[i]);
      layout->y += LINE;
    }
}

static void
draw_paragraph (Layout     *layout,
                const char *text,
                double      x,
                double      width,
                Font        font)
{
  g_autoptr(GPtrArray) lines = NULL;

  set_font (layout, font);
  lines = wrap (layout, text, width);
  draw_lines (layout, lines, x, font);
}

static void
draw_field (Layout  *layout,
            xmlNode *node)
{
  g_autofree char *label = rd_xml_get_prop (node, "label");
  g_autofree char *value = rd_xml_get_text (node);
  g_autoptr(GPtrArray) label_lines = NULL;
  g_autoptr(GPtrArray) value_lines = NULL;
  guint n;

  set_font (layout, FONT_BOLD);
  label_lines = wrap (layout, label, LABEL_WIDTH - 8);
  set_font (layout, FONT_BODY);
  value_lines = wrap (layout, value, BODY_WIDTH - LABEL_WIDTH);
  n = MAX (label_lines->len, value_lines->len);
  if (n <= 4)
    ensure_space (layout, n * LINE);

  for (guint i = 0; i < n; i++)
    {
      ensure_space (layout, LINE);
      if (i < label_lines->len)
        {
          set_font (layout, FONT_BOLD);
          show_text_at (layout, MARGIN, layout->y + 9.5, label_lines->pdata[i]);
        }
      if (i < value_lines->len)
        {
          set_font (layout, FONT_BODY);
          show_text_at (layout, MARGIN + LABEL_WIDTH, layout->y + 9.5, value_lines->pdata[i]);
        }
      layout->y += LINE;
    }
  layout->y += 2;
}

static void
draw_list (Layout  *layout,
           xmlNode *node)
{
  for (xmlNode *item = rd_xml_first_element (node, "item"); item; item = rd_xml_next_element (item, "item"))
    {
      g_autofree char *text = rd_xml_get_text (item);
      g_autoptr(GPtrArray) lines = NULL;

      set_font (layout, FONT_BODY);
      lines = wrap (layout, text, BODY_WIDTH - 14);
      ensure_space (layout, LINE);
      show_text_at (layout, MARGIN + 3, layout->y + 9.5, "\xe2\x80\xa2");
      draw_lines (layout, lines, MARGIN + 14, FONT_BODY);
      layout->y += 1.5;
    }
  layout->y += 3;
}

/* Lays out one row of cells; returns its height.  With @draw FALSE it only
 * measures. */
static double
table_row (Layout   *layout,
           xmlNode  *row,
           Font      font,
           gboolean  draw)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint max_lines = 1;
  guint column = 0;
  double height;

  set_font (layout, font);
  for (xmlNode *cell = rd_xml_first_element (row, "cell"); cell; cell = rd_xml_next_element (cell, "cell"), column++)
    {
      g_autofree char *text = rd_xml_get_text (cell);
      double width = layout->table_x[column + 1] - layout->table_x[column] - 2 * CELL_PADDING;
      GPtrArray *lines = wrap (layout, text, width);

      g_ptr_array_add (cells, lines);
      max_lines = MAX (max_lines, lines->len);
    }
  height = max_lines * (LINE - 1) + 2 * CELL_PADDING;
  if (!draw)
    return height;

  if (font == FONT_BOLD)
    {
      cairo_set_source_rgb (layout->cr, 0.90, 0.91, 0.93);
      cairo_rectangle (layout->cr, MARGIN, layout->y, BODY_WIDTH, height);
      cairo_fill (layout->cr);
      set_grey (layout, 0);
    }
  for (guint c = 0; c < cells->len; c++)
    {
      GPtrArray *lines = cells->pdata[c];
      for (guint l = 0; l < lines->len; l++)
        show_text_at (layout, layout->table_x[c] + CELL_PADDING,
                      layout->y + CELL_PADDING + 8.5 + l * (LINE - 1), lines->pdata[l]);
    }
  set_grey (layout, 0.6);
  rule (layout, MARGIN, layout->y + height, BODY_WIDTH, 0.4);
  set_grey (layout, 0);
  layout->y += height;
  return height;
}

static void
draw_table_head (Layout *layout)
{
  set_grey (layout, 0.6);
  rule (layout, MARGIN, layout->y, BODY_WIDTH, 0.4);
  set_grey (layout, 0);
  table_row (layout, layout->table_head, FONT_BOLD, TRUE);
}

static void
draw_table (Layout  *layout,
            xmlNode *node)
{
  g_autofree char *columns = rd_xml_get_prop (node, "columns");
  g_auto(GStrv) weights = g_strsplit (columns, " ", -1);
  guint n = g_strv_length (weights);
  g_autofree double *x = g_new0 (double, n + 1);
  xmlNode *head = rd_xml_first_element (node, "head");
  double total = 0, sum = 0;

  for (guint i = 0; i < n; i++)
    total += g_ascii_strtod (weights[i], NULL);
  for (guint i = 0; i <= n; i++)
    {
      x[i] = MARGIN + BODY_WIDTH * sum / total;
      if (i < n)
        sum += g_ascii_strtod (weights[i], NULL);
    }
  layout->table_x = x;
  layout->table_columns = n;

  if (head != NULL)
    {
      ensure_space (layout, table_row (layout, head, FONT_BOLD, FALSE) + 2 * LINE);
      layout->table_head = head;
      draw_table_head (layout);
    }
  else
    {
      set_grey (layout, 0.6);
      rule (layout, MARGIN, layout->y, BODY_WIDTH, 0.4);
      set_grey (layout, 0);
    }

  for (xmlNode *row = rd_xml_first_element (node, "row"); row; row = rd_xml_next_element (row, "row"))
    {
      ensure_space (layout, table_row (layout, row, FONT_BODY, FALSE));
      table_row (layout, row, FONT_BODY, TRUE);
    }
  layout->table_head = NULL;
  layout->table_x = NULL;
  layout->y += 8;
}

static void
draw_block (Layout  *layout,
            xmlNode *node)
{
  const char *name = (const char *) node->name;
  g_autofree char *text = NULL;

  if (g_str_equal (name, "field"))
    draw_field (layout, node);
  else if (g_str_equal (name, "list"))
    draw_list (layout, node);
  else if (g_str_equal (name, "table"))
    draw_table (layout, node);
  else if (g_str_equal (name, "heading"))
    {
      text = rd_xml_get_text (node);
      layout->y += 3;
      ensure_space (layout, 3 * LINE);
      draw_paragraph (layout, text, MARGIN, BODY_WIDTH, FONT_BOLD);
      layout->y += 1;
    }
  else if (g_str_equal (name, "signature"))
    {
      text = rd_xml_get_text (node);
      layout->y += 8;
      ensure_space (layout, 2 * LINE);
      draw_paragraph (layout, text, MARGIN, BODY_WIDTH, FONT_ITALIC);
      layout->y += 4;
    }
  else
    {
      text = rd_xml_get_text (node);
      draw_paragraph (layout, text, MARGIN, BODY_WIDTH, FONT_BODY);
      layout->y += 5;
    }
}

static void
draw_section (Layout  *layout,
              xmlNode *section)
{
  g_autofree char *title = rd_xml_get_prop (section, "title");

  if (title != NULL)
    {
      layout->y += 6;
      ensure_space (layout, 4 * LINE);
      set_font (layout, FONT_SECTION);
      cairo_set_source_rgb (layout->cr, 0.10, 0.22, 0.40);
      show_text_at (layout, MARGIN, layout->y + 10.5, title);
      rule (layout, MARGIN, layout->y + 14, BODY_WIDTH, 0.6);
      set_grey (layout, 0);
      layout->y += 20;
    }
  for (xmlNode *block = rd_xml_first_element (section, NULL); block; block = rd_xml_next_element (block, NULL))
    draw_block (layout, block);
}

static void
draw_record (Layout *layout)
{
  gboolean first = TRUE;

  layout->page = 1;
  begin_page (layout);
  for (xmlNode *page = rd_xml_first_element (layout->record, "page"); page; page = rd_xml_next_element (page, "page"))
    {
      if (!first)
        new_page (layout);
      first = FALSE;
      for (xmlNode *section = rd_xml_first_element (page, "section"); section; section = rd_xml_next_element (section, "section"))
        draw_section (layout, section);
    }
  cairo_show_page (layout->cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
render_pass (Layout     *layout,
             GByteArray *out)
{
  cairo_surface_t *surface;
  g_autofree char *created = g_strdup_printf ("%sT08:00:00Z", layout->date);
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, layout->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, layout->organization);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, STAMP);
  /* How a case made from the example knows where it came from. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, layout->keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "ReviewDesk example generator");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, created);

  layout->cr = cairo_create (surface);
  draw_record (layout);
  status = cairo_status (layout->cr);
  cairo_destroy (layout->cr);
  layout->cr = NULL;
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/**
 * rd_example_render_record:
 *
 * Lays the record out as PDF, every page stamped "SYNTHETIC — NOT A REAL
 * PATIENT". The same example always gives the same bytes.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set.
 */
GBytes *
rd_example_render_record (RdExample  *self,
                          guint       index,
                          GError    **error)
{
  Layout layout = { 0, };
  GByteArray *out;
  cairo_status_t status;

  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  g_return_val_if_fail (index < rd_example_get_n_records (self), NULL);

  layout.example = self;
  layout.record = _rd_example_get_record_node (self, index);
  layout.organization = rd_xml_get_text (rd_xml_first_element (rd_xml_first_element (layout.record, "letterhead"), "organization"));
  layout.title = g_strdup (rd_example_get_record_title (self, index));
  layout.date = rd_xml_get_text (rd_xml_first_element (layout.record, "date"));
  layout.keywords = g_strconcat (RD_EXAMPLE_PDF_KEYWORD_PREFIX, rd_example_get_id (self), NULL);

  /* First pass: count the pages for "Page N of M". */
  status = render_pass (&layout, NULL);
  layout.n_pages = layout.page;
  out = g_byte_array_new ();
  if (status == CAIRO_STATUS_SUCCESS)
    status = render_pass (&layout, out);

  g_free (layout.organization);
  g_free (layout.title);
  g_free (layout.date);
  g_free (layout.keywords);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_RENDER,
                   _("The record “%s” of %s cannot be laid out: %s"),
                   rd_example_get_record_id (self, index), rd_example_get_path (self),
                   cairo_status_to_string (status));
      g_byte_array_unref (out);
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}
