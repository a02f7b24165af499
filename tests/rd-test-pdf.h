/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * RdTestPdfPage:
 *
 * Returns: (transfer full) (nullable): the text lines of page @page (from 0),
 *   or %NULL to draw the page as a scan: shapes and no text layer.
 */
typedef char ** (*RdTestPdfPage) (guint page, gpointer user_data);

GBytes *rd_test_pdf_new          (guint          n_pages,
                                  RdTestPdfPage  page_func,
                                  gpointer       user_data);
GBytes *rd_test_pdf_new_simple   (guint          n_pages);
cairo_status_t rd_test_pdf_append (void                *closure,
                                   const unsigned char *data,
                                   unsigned int         length);
char  **rd_test_pdf_simple_page  (guint          page,
                                  gpointer       user_data);
char  **rd_test_pdf_scan_tenths  (guint          page,
                                  gpointer       user_data);
GBytes *rd_test_pdf_new_no_pages (void);
GBytes *rd_test_pdf_new_at_least (gsize          size);
GBytes *rd_test_pdf_new_damaged  (void);
GBytes *rd_test_png_new          (void);
GBytes *rd_test_pdf_encrypt      (GBytes        *pdf,
                                  const char    *password);
GFile  *rd_test_write_file       (const char    *dir,
                                  const char    *name,
                                  GBytes        *bytes);

G_END_DECLS
