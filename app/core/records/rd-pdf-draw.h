/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A document drawn with cairo into a PDF in memory (the determination letter,
 * the training report): @draw draws every page, the last one shown too. */

typedef void (*RdPdfDrawFunc) (cairo_t  *cr,
                               gpointer  user_data);

GBytes *rd_pdf_draw (double          width,
                     double          height,
                     const char     *title,
                     RdPdfDrawFunc   draw,
                     gpointer        user_data,
                     cairo_status_t *status);

G_END_DECLS
