/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-words.h"

/**
 * rd_words_split:
 * @text: (nullable): any text
 *
 * Every run of letters and digits is one word; anything else (hyphens,
 * spaces, ®, parentheses) separates words.
 *
 * Returns: (transfer full): the case-folded words of @text, an empty
 *   array when it has none
 */
char **
rd_words_split (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  g_strchomp (out->str);
  if (out->str[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (out->str, " ", -1);
}

/**
 * rd_words_key:
 * @text: (nullable): a name to look for, such as "Dilaudid-HP"
 *
 * Two names with one key match the same texts: "Dilaudid-HP", "dilaudid HP"
 * and "DilaudidHP" all have the key "dilaudidhp".
 *
 * Returns: (transfer full): the words of @text run together, "" when it has none
 */
char *
rd_words_key (const char *text)
{
  g_auto(GStrv) words = rd_words_split (text);

  return g_strjoinv ("", words);
}

/**
 * rd_words_find:
 * @words: the words of a text (rd_words_split())
 * @key: the key of a name (rd_words_key())
 * @from: the first word where the name may start
 * @start: (out): the first word of the name
 * @end: (out): the word after its last
 *
 * Returns: whether consecutive words of @words, from @from on, run together
 *   spell @key; an empty key is found nowhere
 */
gboolean
rd_words_find (const char * const *words,
               const char         *key,
               guint               from,
               guint              *start,
               guint              *end)
{
  gsize length;

  g_return_val_if_fail (words != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  length = strlen (key);
  if (length == 0 || from > g_strv_length ((char **) words))
    return FALSE;
  for (guint i = from; words[i]; i++)
    {
      gsize run = 0;

      /* The run must be a prefix of the key all along: compare as it grows. */
      for (guint j = i; words[j] && run < length; j++)
        {
          gsize n = strlen (words[j]);

          if (n > length - run || strncmp (key + run, words[j], n) != 0)
            break;
          run += n;
          if (run == length)
            {
              *start = i;
              *end = j + 1;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/**
 * rd_words_match:
 * @matcher: a name, e.g. "intra-arterial"
 * @text: the text to look in, e.g. "Intra arterial infusion"
 *
 * Returns: whether @matcher's words occur in @text in order and next to each
 *   other, ignoring case and punctuation; words may also be run together
 */
gboolean
rd_words_match (const char *matcher,
                const char *text)
{
  g_autofree char *key = rd_words_key (matcher);
  g_auto(GStrv) words = rd_words_split (text);
  guint start, end;

  return rd_words_find ((const char * const *) words, key, 0, &start, &end);
}
