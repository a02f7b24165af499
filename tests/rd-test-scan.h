/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pages of rd_test_scan_pdf_new(): the text pages are 1 and 2. */
#define RD_TEST_SCAN_TEXT_PAGES 2
#define RD_TEST_SCAN_TINY_PAGE  3
#define RD_TEST_SCAN_HUGE_PAGE  4
#define RD_TEST_SCAN_N_PAGES    4

/* Where the text of each text page is drawn, in points from the top left. */
#define RD_TEST_SCAN_TEXT_X      60.0
#define RD_TEST_SCAN_TEXT_TOP    80.0
#define RD_TEST_SCAN_TEXT_RIGHT 560.0
#define RD_TEST_SCAN_TEXT_BOTTOM 400.0

const char * const *rd_test_scan_lines (guint page);
GBytes             *rd_test_scan_pdf_new (void);

G_END_DECLS
