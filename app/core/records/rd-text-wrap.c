/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-text-wrap.h"

double
rd_text_width (cairo_t    *cr,
               const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

/**
 * rd_text_wrap:
 *
 * Breaks @text into lines no wider than @width in @cr's current font; a word
 * longer than a line is broken between characters.
 *
 * Returns: (transfer full) (element-type utf8): at least one line
 */
GPtrArray *
rd_text_wrap (cairo_t    *cr,
              const char *text,
              double      width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      g_autofree char *candidate = NULL;

      if (*word == '\0')
        continue;
      candidate = line->len ? g_strconcat (line->str, " ", word, NULL) : g_strdup (word);
      if (rd_text_width (cr, candidate) <= width)
        {
          g_string_assign (line, candidate);
          continue;
        }
      if (line->len)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
        }
      for (const char *p = word; *p; p = g_utf8_next_char (p))
        {
          g_string_append_len (line, p, g_utf8_next_char (p) - p);
          if (rd_text_width (cr, line->str) > width && g_utf8_strlen (line->str, -1) > 1)
            {
              const char *last = g_utf8_prev_char (line->str + line->len);
              gsize keep = last - line->str;
              g_autofree char *rest = g_strdup (last);

              g_ptr_array_add (lines, g_strndup (line->str, keep));
              g_string_assign (line, rest);
            }
        }
    }
  if (line->len || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  g_string_free (line, TRUE);
  return lines;
}
