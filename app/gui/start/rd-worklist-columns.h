/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The worklist's columns: member, payer and plan, request, status, reviewer,
 * due. The due cells that are shown are kept in @due_cells (a set of
 * widgets), so that rd_worklist_columns_tick() can update their remaining
 * time. */
void rd_worklist_columns_add  (GtkColumnView *view,
                               GHashTable    *due_cells);
void rd_worklist_columns_tick (GHashTable    *due_cells);

G_END_DECLS
