/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A counting VFS shim for kap-crash-writer (see kap-crash-vfs.h). Every
 * call goes to the "unix" VFS; the calls that change a file on disk are
 * counted, and the locks of the WAL index, which mark the steps of opening
 * and recovering a store that write nothing. Reads are not: a SIGKILL
 * between two reads leaves the same files as one before the first. */

#define G_LOG_DOMAIN "kap-crash-writer"

#include "config.h"

#include <sqlite3.h>

#include "kap-crash-vfs.h"

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;   /* follows this struct, szOsFile of "unix" */
} StopFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs stop_vfs;
static guint64 io_count;
static guint64 io_stop_at;
static KapCrashStopFunc io_stop;

static void
count_io (void)
{
  if (io_stop_at != 0 && ++io_count == io_stop_at)
    io_stop ();
}

static sqlite3_file *
real_file (sqlite3_file *file)
{
  return ((StopFile *) file)->real;
}

static int
stop_close (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xClose (real);
}

static int
stop_read (sqlite3_file  *file,
           void          *buffer,
           int            amount,
           sqlite3_int64  offset)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xRead (real, buffer, amount, offset);
}

static int
stop_write (sqlite3_file  *file,
            const void    *buffer,
            int            amount,
            sqlite3_int64  offset)
{
  sqlite3_file *real = real_file (file);

  count_io ();
  return real->pMethods->xWrite (real, buffer, amount, offset);
}

static int
stop_truncate (sqlite3_file  *file,
               sqlite3_int64  size)
{
  sqlite3_file *real = real_file (file);

  count_io ();
  return real->pMethods->xTruncate (real, size);
}

static int
stop_sync (sqlite3_file *file,
           int           flags)
{
  sqlite3_file *real = real_file (file);

  count_io ();
  return real->pMethods->xSync (real, flags);
}

static int
stop_file_size (sqlite3_file  *file,
                sqlite3_int64 *size)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFileSize (real, size);
}

static int
stop_lock (sqlite3_file *file,
           int           level)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xLock (real, level);
}

static int
stop_unlock (sqlite3_file *file,
             int           level)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xUnlock (real, level);
}

static int
stop_check_reserved_lock (sqlite3_file *file,
                          int          *out)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xCheckReservedLock (real, out);
}

static int
stop_file_control (sqlite3_file *file,
                   int           op,
                   void         *arg)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFileControl (real, op, arg);
}

static int
stop_sector_size (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xSectorSize (real);
}

static int
stop_device_characteristics (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xDeviceCharacteristics (real);
}

static int
stop_shm_map (sqlite3_file       *file,
              int                 page,
              int                 page_size,
              int                 extend,
              void volatile     **out)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xShmMap (real, page, page_size, extend, out);
}

static int
stop_shm_lock (sqlite3_file *file,
               int           offset,
               int           n,
               int           flags)
{
  sqlite3_file *real = real_file (file);

  count_io ();
  return real->pMethods->xShmLock (real, offset, n, flags);
}

static void
stop_shm_barrier (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  real->pMethods->xShmBarrier (real);
}

static int
stop_shm_unmap (sqlite3_file *file,
                int           delete_flag)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xShmUnmap (real, delete_flag);
}

static int
stop_fetch (sqlite3_file   *file,
            sqlite3_int64   offset,
            int             amount,
            void          **out)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFetch (real, offset, amount, out);
}

static int
stop_unfetch (sqlite3_file  *file,
              sqlite3_int64  offset,
              void          *pointer)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xUnfetch (real, offset, pointer);
}

static const sqlite3_io_methods stop_methods = {
  .iVersion = 3,
  .xClose = stop_close,
  .xRead = stop_read,
  .xWrite = stop_write,
  .xTruncate = stop_truncate,
  .xSync = stop_sync,
  .xFileSize = stop_file_size,
  .xLock = stop_lock,
  .xUnlock = stop_unlock,
  .xCheckReservedLock = stop_check_reserved_lock,
  .xFileControl = stop_file_control,
  .xSectorSize = stop_sector_size,
  .xDeviceCharacteristics = stop_device_characteristics,
  .xShmMap = stop_shm_map,
  .xShmLock = stop_shm_lock,
  .xShmBarrier = stop_shm_barrier,
  .xShmUnmap = stop_shm_unmap,
  .xFetch = stop_fetch,
  .xUnfetch = stop_unfetch,
};

static int
stop_open (sqlite3_vfs  *vfs,
           const char   *name,
           sqlite3_file *file,
           int           flags,
           int          *out_flags)
{
  StopFile *stop_file = (StopFile *) file;
  int rc;

  stop_file->real = (sqlite3_file *) &stop_file[1];
  rc = real_vfs->xOpen (real_vfs, name, stop_file->real, flags, out_flags);
  /* SQLite calls xClose only on a file whose pMethods is set. */
  file->pMethods = stop_file->real->pMethods != NULL ? &stop_methods : NULL;

  return rc;
}

static int
stop_delete (sqlite3_vfs *vfs,
             const char  *name,
             int          sync_dir)
{
  count_io ();
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
stop_access (sqlite3_vfs *vfs,
             const char  *name,
             int          flags,
             int         *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
stop_full_pathname (sqlite3_vfs *vfs,
                    const char  *name,
                    int          size,
                    char        *out)
{
  return real_vfs->xFullPathname (real_vfs, name, size, out);
}

static void *
stop_dl_open (sqlite3_vfs *vfs,
              const char  *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
stop_dl_error (sqlite3_vfs *vfs,
               int          size,
               char        *out)
{
  real_vfs->xDlError (real_vfs, size, out);
}

static void (*stop_dl_sym (sqlite3_vfs *vfs,
                           void        *handle,
                           const char  *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
stop_dl_close (sqlite3_vfs *vfs,
               void        *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
stop_randomness (sqlite3_vfs *vfs,
                 int          size,
                 char        *out)
{
  return real_vfs->xRandomness (real_vfs, size, out);
}

static int
stop_sleep (sqlite3_vfs *vfs,
            int          microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
stop_current_time (sqlite3_vfs *vfs,
                   double      *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
stop_get_last_error (sqlite3_vfs *vfs,
                     int          size,
                     char        *out)
{
  return real_vfs->xGetLastError (real_vfs, size, out);
}

static int
stop_current_time_int64 (sqlite3_vfs   *vfs,
                         sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

void
kap_crash_vfs_install (guint64          stop_at,
                       KapCrashStopFunc stop)
{
  int rc;

  g_return_if_fail (real_vfs == NULL);

  real_vfs = sqlite3_vfs_find ("unix");
  g_assert (real_vfs != NULL && real_vfs->iVersion >= 2);

  io_stop_at = stop_at;
  io_stop = stop;

  stop_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = sizeof (StopFile) + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "kap-crash-stop",
    .xOpen = stop_open,
    .xDelete = stop_delete,
    .xAccess = stop_access,
    .xFullPathname = stop_full_pathname,
    .xDlOpen = stop_dl_open,
    .xDlError = stop_dl_error,
    .xDlSym = stop_dl_sym,
    .xDlClose = stop_dl_close,
    .xRandomness = stop_randomness,
    .xSleep = stop_sleep,
    .xCurrentTime = stop_current_time,
    .xGetLastError = stop_get_last_error,
    .xCurrentTimeInt64 = stop_current_time_int64,
  };

  rc = sqlite3_vfs_register (&stop_vfs, 1);
  g_assert (rc == SQLITE_OK);
}
