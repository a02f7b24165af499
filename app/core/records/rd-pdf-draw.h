/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A document drawn with cairo into a PDF in memory (the determination letter,
 * the training report): @draw draws every page, the last one shown too. */

typedef void (*RdPdfDrawFunc) (cairo_t  *cr,
                               gpointer  user_data);

/* @keywords (nullable) go in the PDF's Keywords, e.g. a letter's seal line. */
GBytes *rd_pdf_draw (double          width,
                     double          height,
                     const char     *title,
                     const char     *keywords,
                     RdPdfDrawFunc   draw,
                     gpointer        user_data,
                     cairo_status_t *status);

G_END_DECLS
