/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called once, instead of the stop-th file write, sync or truncation. It
 * does not return: the process waits there to be killed. */
typedef void (*KapCrashStopFunc) (void);

/* Makes the default SQLite VFS a shim over "unix" that counts every
 * write, sync, truncation and deletion of a file and every lock or unlock
 * of the WAL index and, at the stop-th
 * (counted from 1), calls @stop before doing it. So test-store-crash
 * kills its writer between two given I/O calls, whatever the machine's
 * speed: every position is reachable, and the same one again. A @stop_at
 * of 0 never stops. Call it before the first sqlite3_open. */
void kap_crash_vfs_install (guint64          stop_at,
                            KapCrashStopFunc stop);

G_END_DECLS
