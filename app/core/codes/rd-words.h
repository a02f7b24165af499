/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Word matching of the short names people type: a drug, a brand, a route.
 * Case and punctuation do not count, and words may be run together, so
 * "intra-arterial" matches "Intraarterial infusion" and "5-FU" matches "5FU".
 */

char     **rd_words_split (const char          *text);
char      *rd_words_key   (const char          *text);
gboolean   rd_words_find  (const char * const  *words,
                           const char          *key,
                           guint                from,
                           guint               *start,
                           guint               *end);
gboolean   rd_words_match (const char          *matcher,
                           const char          *text);

G_END_DECLS
