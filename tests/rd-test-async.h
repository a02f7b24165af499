/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs an _async call to completion in a test:
 *   g_autoptr(GAsyncResult) result = NULL;
 *   thing_async (..., rd_test_store_result, &result);
 *   value = thing_finish (rd_test_wait_result (&result), &error); */
void          rd_test_store_result (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       slot);
GAsyncResult *rd_test_wait_result  (GAsyncResult **slot);

G_END_DECLS
