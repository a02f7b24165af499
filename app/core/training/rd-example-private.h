/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "rd-example.h"

G_BEGIN_DECLS

/* Shared between rd-example.c (loading) and rd-example-record.c (layout). */
xmlNode *_rd_example_get_record_node (RdExample *self,
                                      guint      index);

G_END_DECLS
