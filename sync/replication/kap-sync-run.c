/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-run"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-sync-run.h"

gboolean
kap_sync_run_claim (gint    *running,
                    GError **error)
{
  g_return_val_if_fail (running != NULL, FALSE);

  if (!g_atomic_int_compare_and_exchange (running, 0, 1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("A sync is already running."));
      return FALSE;
    }

  return TRUE;
}

void
kap_sync_run_release (gint *running)
{
  g_return_if_fail (running != NULL);

  g_atomic_int_set (running, 0);
}

typedef struct
{
  KapSyncRunFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} ThreadRun;

static void
thread_run_free (ThreadRun *run)
{
  if (run->data_free != NULL)
    run->data_free (run->data);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ThreadRun *run = task_data;
  GError *error = NULL;
  gpointer result;

  result = run->func (source_object, run->data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, run->result_free);
}

void
kap_sync_run_in_thread (gpointer             source_object,
                        gpointer             source_tag,
                        KapSyncRunFunc       func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ThreadRun *run;

  g_return_if_fail (G_IS_OBJECT (source_object));
  g_return_if_fail (func != NULL);

  run = g_new0 (ThreadRun, 1);
  run->func = func;
  run->data = data;
  run->data_free = data_free;
  run->result_free = result_free;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, run, (GDestroyNotify) thread_run_free);
  /* Do not let GTask replace the run's own error with G_IO_ERROR_CANCELLED. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}
