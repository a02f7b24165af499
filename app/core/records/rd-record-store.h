/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-case-file.h"
#include "rd-document.h"

G_BEGIN_DECLS

/*
 * Records between files, the case file and Poppler, without blocking the
 * caller's main loop: reading and storing bytes run on GTask workers (with the
 * case file's any-thread functions), parsing and text extraction on the
 * document's own worker. Every error message names the file and says what to do.
 */

void        rd_record_attach_async  (RdCaseFile          *case_file,
                                     GFile               *file,
                                     const char          *password,
                                     guint64              size_limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gint64      rd_record_attach_finish (GAsyncResult        *result,
                                     RdDocument         **document,
                                     gboolean            *already_present,
                                     GError             **error);

void        rd_record_open_async    (RdCaseFile          *case_file,
                                     gint64               record_id,
                                     const char          *password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
RdDocument *rd_record_open_finish   (GAsyncResult        *result,
                                     GError             **error);

void        rd_record_store_password_async  (RdCaseFile          *case_file,
                                             gint64               record_id,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    rd_record_store_password_finish (GAsyncResult        *result,
                                             GError             **error);

void        rd_record_index_async   (RdCaseFile          *case_file,
                                     gint64               record_id,
                                     RdDocument          *document,
                                     RdProgressFunc       progress,
                                     gpointer             progress_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean    rd_record_index_finish  (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
