/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An SQLite VFS that wraps the default one and makes writes, syncs or both
 * fail from a chosen call on, as a failing or full disk would. */

typedef enum {
  RD_TEST_FAULT_WRITE,   /* xWrite fails with SQLITE_IOERR_WRITE, xTruncate with SQLITE_IOERR_TRUNCATE */
  RD_TEST_FAULT_FSYNC,   /* xSync fails with SQLITE_IOERR_FSYNC */
  RD_TEST_FAULT_FULL,    /* xWrite and xTruncate fail with SQLITE_FULL */
  RD_TEST_N_FAULTS
} RdTestFault;

const char *rd_test_fault_name          (RdTestFault fault);
/* Registers the VFS as SQLite's default, disarmed. */
void        rd_test_fault_vfs_install   (void);
/* Makes the default VFS the real one again; files opened meanwhile must be closed. */
void        rd_test_fault_vfs_remove    (void);
/* From the @nth counted call on (1 = the first), every call of the kind
 * @fault names fails. Counting starts now. */
void        rd_test_fault_vfs_arm       (RdTestFault fault,
                                         guint       nth);
void        rd_test_fault_vfs_disarm    (void);
/* How many calls failed since rd_test_fault_vfs_arm(). */
guint       rd_test_fault_vfs_n_failed  (void);

G_END_DECLS
