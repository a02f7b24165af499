/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Line breaking for documents drawn with cairo's own text API (the example
 * records, the determination letter), so the core needs no Pango. */

GPtrArray *rd_text_wrap       (cairo_t    *cr,
                               const char *text,
                               double      width);
double     rd_text_width      (cairo_t    *cr,
                               const char *text);

G_END_DECLS
