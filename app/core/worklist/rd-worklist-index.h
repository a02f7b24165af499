/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-worklist-entry.h"

G_BEGIN_DECLS

/*
 * RdWorklistIndex: what the worklist knows of every case file in the case
 * folders, kept in a small SQLite file in the user's cache directory so that
 * the list shows at once. It is never the source of truth: a row is read
 * again from its case file when the file's size, modification time or inode
 * (or those of its write-ahead log) differ from when it was read, a row whose
 * file is gone is dropped, and an index that is missing, damaged, foreign or
 * of another version is deleted and built again.
 *
 * Threads: an index belongs to the thread that opened it; the application
 * opens, loads and syncs it on a worker.
 */

#define RD_WORKLIST_INDEX_ERROR (rd_worklist_index_error_quark ())
GQuark rd_worklist_index_error_quark (void);

typedef enum {
  RD_WORKLIST_INDEX_ERROR_IO,        /* the index cannot be created, read or written */
} RdWorklistIndexError;

typedef struct _RdWorklistIndex RdWorklistIndex;

/**
 * RdWorklistSyncFunc:
 * @path: a case file whose row changed
 * @entry: (nullable): its new row, or %NULL when the file is gone
 * @user_data: as given
 *
 * Called by rd_worklist_index_sync() on its thread for each row it changes.
 */
typedef void (*RdWorklistSyncFunc) (const char      *path,
                                    RdWorklistEntry *entry,
                                    gpointer         user_data);

char            *rd_worklist_index_default_path (void);
char            *rd_worklist_default_folder     (void);
char           **rd_worklist_folders            (const char          *case_folder,
                                                 const char * const  *more);

RdWorklistIndex *rd_worklist_index_open         (const char          *path,
                                                 GError             **error);
void             rd_worklist_index_free         (RdWorklistIndex     *self);
GPtrArray       *rd_worklist_index_load         (RdWorklistIndex     *self,
                                                 const char * const  *folders,
                                                 GError             **error);
gboolean         rd_worklist_index_sync         (RdWorklistIndex     *self,
                                                 const char * const  *folders,
                                                 RdWorklistSyncFunc   func,
                                                 gpointer             user_data,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
guint            rd_worklist_index_get_n_read   (RdWorklistIndex     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdWorklistIndex, rd_worklist_index_free)

G_END_DECLS
