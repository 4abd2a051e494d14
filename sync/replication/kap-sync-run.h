/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a replicator's run and a sync session's run share: one run at a
 * time per object, and the _async variant that runs it in a worker thread. */

/* Claims @running (an atomic flag, 0 when idle) for one run: FALSE with
 * G_IO_ERROR_PENDING when a run already holds it. */
gboolean kap_sync_run_claim   (gint    *running,
                               GError **error);
void     kap_sync_run_release (gint    *running);

/* One run, called in the worker thread with the @data given to
 * kap_sync_run_in_thread(); returns the result or NULL with @error set. */
typedef gpointer (*KapSyncRunFunc) (gpointer       source_object,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Runs @func in a worker thread as a GTask of @source_object tagged
 * @source_tag, whose result (freed with @result_free if nobody takes it)
 * is propagated as a pointer. The task does not check @cancellable
 * itself: the run's own cancellation checks give the right error. */
void     kap_sync_run_in_thread (gpointer             source_object,
                                 gpointer             source_tag,
                                 KapSyncRunFunc       func,
                                 gpointer             data,
                                 GDestroyNotify       data_free,
                                 GDestroyNotify       result_free,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

G_END_DECLS
