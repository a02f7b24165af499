/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "rd-test-fault-vfs.h"

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;  /* the real VFS's file, right after this struct */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static sqlite3_io_methods fault_methods;

static gboolean armed;
static RdTestFault armed_fault;
static guint first_failing;
static guint n_calls;    /* counted calls since arming */
static guint n_failed;
G_LOCK_DEFINE_STATIC (counter);

/* Counts a call of @method and says whether it fails. */
static gboolean
should_fail (RdTestFault method)
{
  gboolean fail = FALSE;

  G_LOCK (counter);
  if (armed && (armed_fault == method || (armed_fault == RD_TEST_FAULT_FULL && method == RD_TEST_FAULT_WRITE)))
    {
      n_calls++;
      fail = n_calls >= first_failing;
      if (fail)
        n_failed++;
    }
  G_UNLOCK (counter);
  return fail;
}

static sqlite3_file *
real (sqlite3_file *file)
{
  return ((FaultFile *) file)->real;
}

static int
fault_close (sqlite3_file *file)
{
  return real (file)->pMethods->xClose (real (file));
}

static int
fault_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return real (file)->pMethods->xRead (real (file), buffer, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  if (should_fail (RD_TEST_FAULT_WRITE))
    return armed_fault == RD_TEST_FAULT_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
  return real (file)->pMethods->xWrite (real (file), buffer, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  if (should_fail (RD_TEST_FAULT_WRITE))
    return armed_fault == RD_TEST_FAULT_FULL ? SQLITE_FULL : SQLITE_IOERR_TRUNCATE;
  return real (file)->pMethods->xTruncate (real (file), size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  if (should_fail (RD_TEST_FAULT_FSYNC))
    return SQLITE_IOERR_FSYNC;
  return real (file)->pMethods->xSync (real (file), flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return real (file)->pMethods->xFileSize (real (file), size);
}

static int
fault_lock (sqlite3_file *file, int level)
{
  return real (file)->pMethods->xLock (real (file), level);
}

static int
fault_unlock (sqlite3_file *file, int level)
{
  return real (file)->pMethods->xUnlock (real (file), level);
}

static int
fault_check_reserved_lock (sqlite3_file *file, int *out)
{
  return real (file)->pMethods->xCheckReservedLock (real (file), out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  return real (file)->pMethods->xFileControl (real (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return real (file)->pMethods->xSectorSize (real (file));
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  return real (file)->pMethods->xDeviceCharacteristics (real (file));
}

static int
fault_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  return real (file)->pMethods->xShmMap (real (file), region, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return real (file)->pMethods->xShmLock (real (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  real (file)->pMethods->xShmBarrier (real (file));
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return real (file)->pMethods->xShmUnmap (real (file), delete_flag);
}

static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return real (file)->pMethods->xFetch (real (file), offset, amount, out);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *pointer)
{
  return real (file)->pMethods->xUnfetch (real (file), offset, pointer);
}

static int
fault_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *f = (FaultFile *) file;
  int rc;

  f->real = (sqlite3_file *) (f + 1);
  f->real->pMethods = NULL;
  rc = real_vfs->xOpen (real_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (f->real->pMethods != NULL)
        f->real->pMethods->xClose (f->real);
      file->pMethods = NULL;
      return rc;
    }
  file->pMethods = &fault_methods;
  return SQLITE_OK;
}

const char *
rd_test_fault_name (RdTestFault fault)
{
  static const char * const names[] = { "write error", "fsync error", "disk full" };

  return names[fault];
}

void
rd_test_fault_vfs_install (void)
{
  if (real_vfs == NULL)
    {
      real_vfs = sqlite3_vfs_find (NULL);
      g_assert_nonnull (real_vfs);
      g_assert_cmpint (real_vfs->iVersion, >=, 3);
      fault_vfs = *real_vfs;
      fault_vfs.zName = "rd-test-fault";
      fault_vfs.szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile;
      fault_vfs.xOpen = fault_open;
      fault_vfs.pNext = NULL;
      fault_methods = (sqlite3_io_methods) {
        3, fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_file_size, fault_lock,
        fault_unlock, fault_check_reserved_lock, fault_file_control, fault_sector_size,
        fault_device_characteristics, fault_shm_map, fault_shm_lock, fault_shm_barrier, fault_shm_unmap,
        fault_fetch, fault_unfetch,
      };
    }
  rd_test_fault_vfs_disarm ();
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

void
rd_test_fault_vfs_remove (void)
{
  rd_test_fault_vfs_disarm ();
  g_assert_cmpint (sqlite3_vfs_unregister (&fault_vfs), ==, SQLITE_OK);
  g_assert_true (sqlite3_vfs_find (NULL) == real_vfs);
}

void
rd_test_fault_vfs_arm (RdTestFault fault,
                       guint       nth)
{
  G_LOCK (counter);
  armed = TRUE;
  armed_fault = fault;
  first_failing = MAX (nth, 1);
  n_calls = 0;
  n_failed = 0;
  G_UNLOCK (counter);
}

void
rd_test_fault_vfs_disarm (void)
{
  G_LOCK (counter);
  armed = FALSE;
  G_UNLOCK (counter);
}

guint
rd_test_fault_vfs_n_failed (void)
{
  guint n;

  G_LOCK (counter);
  n = n_failed;
  G_UNLOCK (counter);
  return n;
}
