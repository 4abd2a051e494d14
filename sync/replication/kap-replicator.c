/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replicator"

#include "config.h"

#include <string.h>

#include "kap-json.h"
#include "kap-replicator-private.h"
#include "kap-sync-rejections.h"
#include "kap-sync-run.h"

#define DEFAULT_BATCH_SIZE 100

struct _KapReplicator
{
  GObject         parent_instance;

  KapStore           *store;
  KapReplicationPeer *peer;
  guint               batch_size;
  gint                running;     /* atomic */
};

G_DEFINE_FINAL_TYPE (KapReplicator, kap_replicator, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (KapReplicationSummary, kap_replication_summary,
                     kap_replication_summary_copy, kap_replication_summary_free)
G_DEFINE_BOXED_TYPE (KapSyncProblem, kap_sync_problem, kap_sync_problem_copy, kap_sync_problem_free)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

KapSyncProblem *
kap_sync_problem_copy (const KapSyncProblem *problem)
{
  KapSyncProblem *copy = g_memdup2 (problem, sizeof *problem);

  copy->id = g_strdup (problem->id);
  copy->rev = g_strdup (problem->rev);
  copy->reason = g_strdup (problem->reason);
  return copy;
}

void
kap_sync_problem_free (KapSyncProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->id);
  g_free (problem->rev);
  g_free (problem->reason);
  g_free (problem);
}

void
kap_replication_summary_copy_into (KapReplicationSummary       *to,
                                   const KapReplicationSummary *from)
{
  *to = *from;
  to->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_sync_problem_free);
  for (guint i = 0; from->problems != NULL && i < from->problems->len; i++)
    g_ptr_array_add (to->problems, kap_sync_problem_copy (g_ptr_array_index (from->problems, i)));
}

void
kap_replication_summary_clear (KapReplicationSummary *summary)
{
  g_clear_pointer (&summary->problems, g_ptr_array_unref);
}

KapReplicationSummary *
kap_replication_summary_copy (const KapReplicationSummary *summary)
{
  KapReplicationSummary *copy = g_new0 (KapReplicationSummary, 1);

  kap_replication_summary_copy_into (copy, summary);
  return copy;
}

void
kap_replication_summary_free (KapReplicationSummary *summary)
{
  if (summary == NULL)
    return;

  kap_replication_summary_clear (summary);
  g_free (summary);
}

typedef struct
{
  GObject *instance;
  guint    signal_id;
  guint64  done;
  guint64  total;
} Progress;

static gboolean
emit_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  g_signal_emit (progress->instance, progress->signal_id, 0, progress->done, progress->total);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->instance);
  g_free (progress);
}

void
kap_replication_emit_progress (gpointer      instance,
                               guint         signal_id,
                               GMainContext *context,
                               guint64       done,
                               guint64       total)
{
  Progress *progress;

  /* Never more done than total: the total is partly the server's
   * estimate, and an honest bar does not run past its end. */
  if (total < done)
    total = done;

  if (context == NULL)
    {
      g_signal_emit (instance, signal_id, 0, done, total);
      return;
    }

  progress = g_new0 (Progress, 1);
  progress->instance = g_object_ref (instance);
  progress->signal_id = signal_id;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, emit_progress_cb,
                              progress, (GDestroyNotify) progress_free);
}

void
kap_run_emit_progress (KapRun *run)
{
  if (run->done > run->total)
    run->total = run->done;

  kap_replication_emit_progress (run->replicator, signals [PROGRESS], run->context,
                                 run->done, run->total);
}

gboolean
kap_run_check_cancelled (KapRun  *run,
                         GError **error)
{
  if (!g_cancellable_is_cancelled (run->cancellable))
    return TRUE;

  kap_sync_set_error (error, KAP_SYNC_ERROR_CANCELLED);
  return FALSE;
}

/* What is outstanding after the run, from the store: every record the
 * server refuses and every revision not taken, with the reasons. */
static gboolean
collect_problems (KapRun  *run,
                  GError **error)
{
  g_autoptr(JsonObject) rejections = NULL;
  g_autoptr(GPtrArray) not_taken = NULL;
  g_autoptr(GList) ids = NULL;
  GPtrArray *problems;

  rejections = kap_sync_rejections_get_all (run->store, error);
  if (rejections == NULL)
    return FALSE;
  not_taken = kap_store_list_not_taken (run->store, error);
  if (not_taken == NULL)
    return FALSE;

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_sync_problem_free);
  ids = json_object_get_members (rejections);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (rejections, l->data);
      KapSyncProblem *problem;
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      problem = g_new0 (KapSyncProblem, 1);
      problem->kind = KAP_SYNC_PROBLEM_REJECTED;
      problem->id = g_strdup (l->data);
      problem->rev = g_strdup (json_object_get_string_member_with_default (entry, "rev", ""));
      problem->reason = g_strdup (json_object_get_string_member_with_default (entry, "reason", ""));
      problem->first_seen = json_object_get_int_member_with_default (entry, "first_seen", 0);
      problem->last_seen = json_object_get_int_member_with_default (entry, "last_seen", 0);
      g_ptr_array_add (problems, problem);
    }
  run->summary.rejected = problems->len;

  for (guint i = 0; i < not_taken->len; i++)
    {
      KapNotTaken *entry = g_ptr_array_index (not_taken, i);
      KapSyncProblem *problem = g_new0 (KapSyncProblem, 1);

      problem->kind = KAP_SYNC_PROBLEM_NOT_TAKEN;
      problem->id = g_strdup (entry->id);
      problem->rev = g_strdup (entry->rev);
      problem->reason = g_strdup (entry->reason);
      problem->first_seen = entry->first_seen;
      problem->last_seen = entry->last_seen;
      g_ptr_array_add (problems, problem);
    }
  run->summary.not_taken = not_taken->len;

  g_clear_pointer (&run->summary.problems, g_ptr_array_unref);
  run->summary.problems = problems;
  return TRUE;
}

static guint
count_conflicts (KapRun  *run,
                 GError **error)
{
  GHashTableIter iter;
  gpointer id;
  guint conflicts = 0;

  g_hash_table_iter_init (&iter, run->touched);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_autoptr(GPtrArray) leaves = NULL;
      g_autoptr(GError) local_error = NULL;
      guint live = 0;

      leaves = kap_store_get_leaves (run->store, id, &local_error);
      if (leaves == NULL)
        {
          if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return G_MAXUINT;
        }

      for (guint i = 0; i < leaves->len; i++)
        if (!((KapLeaf *) g_ptr_array_index (leaves, i))->deleted)
          live++;
      if (live > 1)
        conflicts++;
    }

  return conflicts;
}

static KapReplicationSummary *
run_locked (KapReplicator            *self,
            KapReplicationDirection   directions,
            GMainContext             *context,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autoptr(KapCheckpoint) push_checkpoint = NULL;
  g_autoptr(KapCheckpoint) pull_checkpoint = NULL;
  g_autoptr(JsonObject) db_info = NULL;
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) not_taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  KapRun run = {
    .replicator = self,
    .store = self->store,
    .peer = self->peer,
    .database = kap_replication_peer_get_database (self->peer),
    .cancellable = cancellable,
    .context = context,
    .batch_size = self->batch_size,
    .touched = touched,
    .sent = sent,
    .not_taken = not_taken,
  };
  guint conflicts;

  /* Whether the database is there and this account may read it, and
   * its update_seq for the pull estimate. */
  db_info = kap_replication_peer_get_info (self->peer, cancellable, error);
  if (db_info == NULL)
    return NULL;

  /* Both totals before any work, so that the bar is honest from the
   * start. */
  if (directions & KAP_REPLICATION_PUSH)
    {
      push_checkpoint = kap_checkpoint_read (&run, KAP_REPLICATION_PUSH, error);
      if (push_checkpoint == NULL)
        return NULL;
      run.total += kap_replicator_push_pending (&run, push_checkpoint, error);
      if (!kap_run_check_cancelled (&run, error))
        return NULL;
    }
  if (directions & KAP_REPLICATION_PULL)
    {
      pull_checkpoint = kap_checkpoint_read (&run, KAP_REPLICATION_PULL, error);
      if (pull_checkpoint == NULL)
        return NULL;
      run.total += kap_replicator_pull_estimate (&run, pull_checkpoint->seq, db_info);
    }
  kap_run_emit_progress (&run);

  if (push_checkpoint != NULL && !kap_replicator_push (&run, push_checkpoint, error))
    return NULL;
  if (pull_checkpoint != NULL && !kap_replicator_pull (&run, pull_checkpoint, error))
    return NULL;

  conflicts = count_conflicts (&run, error);
  if (conflicts == G_MAXUINT)
    return NULL;
  run.summary.conflicts = conflicts;
  if (!collect_problems (&run, error))
    return NULL;

  run.total = run.done;
  kap_run_emit_progress (&run);

  g_debug ("%s: pushed %u, pulled %u, rejected %u, errors %u, conflicts %u, not taken %u",
           run.database, run.summary.pushed, run.summary.pulled, run.summary.rejected,
           run.summary.errors, run.summary.conflicts, run.summary.not_taken);

  {
    KapReplicationSummary *summary = kap_replication_summary_copy (&run.summary);

    kap_replication_summary_clear (&run.summary);
    return summary;
  }
}

static KapReplicationSummary *
run_guarded (KapReplicator            *self,
             KapReplicationDirection   directions,
             GMainContext             *context,
             GCancellable             *cancellable,
             GError                  **error)
{
  KapReplicationSummary *summary;

  if (!kap_sync_run_claim (&self->running, error))
    return NULL;

  summary = run_locked (self, directions, context, cancellable, error);
  kap_sync_run_release (&self->running);

  return summary;
}

static void
kap_replicator_finalize (GObject *object)
{
  KapReplicator *self = (KapReplicator *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->peer);

  G_OBJECT_CLASS (kap_replicator_parent_class)->finalize (object);
}

static void
kap_replicator_class_init (KapReplicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_replicator_finalize;

  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
kap_replicator_init (KapReplicator *self)
{
  self->batch_size = DEFAULT_BATCH_SIZE;
}

KapReplicator *
kap_replicator_new (KapStore           *store,
                    KapReplicationPeer *peer)
{
  KapReplicator *self;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (peer), NULL);

  self = g_object_new (KAP_TYPE_REPLICATOR, NULL);
  self->store = g_object_ref (store);
  self->peer = g_object_ref (peer);

  return self;
}

KapStore *
kap_replicator_get_store (KapReplicator *self)
{
  g_return_val_if_fail (KAP_IS_REPLICATOR (self), NULL);

  return self->store;
}

KapReplicationPeer *
kap_replicator_get_peer (KapReplicator *self)
{
  g_return_val_if_fail (KAP_IS_REPLICATOR (self), NULL);

  return self->peer;
}

const char *
kap_replicator_get_database (KapReplicator *self)
{
  g_return_val_if_fail (KAP_IS_REPLICATOR (self), NULL);

  return kap_replication_peer_get_database (self->peer);
}

void
kap_replicator_set_batch_size (KapReplicator *self,
                               guint          batch_size)
{
  g_return_if_fail (KAP_IS_REPLICATOR (self));
  g_return_if_fail (batch_size > 0);

  self->batch_size = batch_size;
}

char *
kap_replicator_get_replication_id (KapReplicator           *self,
                                   KapReplicationDirection  direction)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[4];
  g_autofree char *hex = NULL;

  g_return_val_if_fail (KAP_IS_REPLICATOR (self), NULL);
  g_return_val_if_fail (direction == KAP_REPLICATION_PUSH || direction == KAP_REPLICATION_PULL, NULL);

  parts[0] = kap_store_get_device_id (self->store);
  parts[1] = kap_replication_peer_get_address (self->peer);
  parts[2] = kap_replication_peer_get_database (self->peer);
  parts[3] = direction == KAP_REPLICATION_PUSH ? "push" : "pull";

  /* NUL-separated, so that no two different tuples hash the same text. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_checksum_update (checksum, (const guchar *) parts[i], (gssize) strlen (parts[i]) + 1);

  hex = g_strdup (g_checksum_get_string (checksum));
  hex[32] = '\0';

  return g_strconcat ("kapija-", hex, NULL);
}

KapReplicationSummary *
kap_replicator_run (KapReplicator            *self,
                    KapReplicationDirection   directions,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATOR (self), NULL);
  g_return_val_if_fail ((directions & ~KAP_REPLICATION_BOTH) == 0 && directions != 0, NULL);

  return run_guarded (self, directions, NULL, cancellable, error);
}

typedef struct
{
  KapReplicationDirection  directions;
  GMainContext            *context;
} RunData;

static void
run_data_free (RunData *data)
{
  g_main_context_unref (data->context);
  g_free (data);
}

static gpointer
run_in_thread (gpointer       source_object,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  RunData *run = data;

  return run_guarded (source_object, run->directions, run->context, cancellable, error);
}

void
kap_replicator_run_async (KapReplicator            *self,
                          KapReplicationDirection   directions,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  RunData *data;

  g_return_if_fail (KAP_IS_REPLICATOR (self));
  g_return_if_fail ((directions & ~KAP_REPLICATION_BOTH) == 0 && directions != 0);

  data = g_new0 (RunData, 1);
  data->directions = directions;
  data->context = g_main_context_ref_thread_default ();

  kap_sync_run_in_thread (self, kap_replicator_run_async, run_in_thread,
                          data, (GDestroyNotify) run_data_free,
                          (GDestroyNotify) kap_replication_summary_free,
                          cancellable, callback, user_data);
}

KapReplicationSummary *
kap_replicator_run_finish (KapReplicator  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
