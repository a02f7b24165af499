/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_START_PAGE (rd_start_page_get_type ())
G_DECLARE_FINAL_TYPE (RdStartPage, rd_start_page, RD, START_PAGE, AdwBin)

guint rd_start_page_get_n_examples (RdStartPage *self);
guint rd_start_page_get_n_recent   (RdStartPage *self);

G_END_DECLS
