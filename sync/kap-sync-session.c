/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-records.h"
#include "kap-reference.h"
#include "kap-sync-names.h"
#include "kap-sync-run.h"
#include "kap-sync-session.h"

/* One sync run (DESIGN.md, Sync): log in → replicate both ways → merge
 * what merges → push the merges → summary. Progress covers the whole run,
 * in documents: the replication's own count, then one step per conflicted
 * document for the merge and one per merge for the second push. What the
 * later phases will cost is only known once the pull is done, so until
 * then the total reserves a step for each document already in conflict,
 * and it is corrected (never the done count) as soon as it is known. */

struct _KapSyncSession
{
  GObject          parent_instance;

  KapStore        *store;
  KapFormRegistry *forms;
  KapProfile      *profile;        /* who runs it: a supervisor, checked at every run */
  KapStore        *reference;      /* opened on the first run */
  char            *url;
  char            *station;
  char            *user;
  char            *password;
  gint             running;

  GMutex           lock;           /* guards client */
  KapCouchClient  *client;         /* of the run under way, for get_waiting() */

  /* The progress of the run under way. */
  GMainContext    *context;        /* where "progress" is emitted; NULL: at once */
  guint64          offset;         /* steps of the phases before this one */
  guint64          reserve;        /* steps the phases after this one will take */
  guint64          phase_done;     /* the replicator's last done count */
};

G_DEFINE_FINAL_TYPE (KapSyncSession, kap_sync_session, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (KapSyncSummary, kap_sync_summary, kap_sync_summary_copy, kap_sync_summary_free)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

KapSyncSummary *
kap_sync_summary_copy (const KapSyncSummary *summary)
{
  KapSyncSummary *copy = g_memdup2 (summary, sizeof *summary);

  kap_replication_summary_copy_into (&copy->replication, &summary->replication);
  return copy;
}

static void
sync_summary_clear (KapSyncSummary *summary)
{
  kap_replication_summary_clear (&summary->replication);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KapSyncSummary, sync_summary_clear)

void
kap_sync_summary_free (KapSyncSummary *summary)
{
  if (summary == NULL)
    return;

  sync_summary_clear (summary);
  g_free (summary);
}

static void
emit_progress (KapSyncSession *self,
               guint64         done,
               guint64         total)
{
  kap_replication_emit_progress (self, signals [PROGRESS], self->context, done, total);
}

/* The replicator's "progress", in the thread that runs it. */
static void
replicator_progress_cb (KapReplicator  *replicator,
                        guint64         done,
                        guint64         total,
                        KapSyncSession *self)
{
  self->phase_done = done;
  emit_progress (self, self->offset + done, self->offset + total + self->reserve);
}

static gboolean
count_conflicted (KapStore  *store,
                  guint     *count,
                  GError   **error)
{
  g_autoptr(GPtrArray) ids = kap_store_get_conflicted (store, error);

  if (ids == NULL)
    return FALSE;
  *count = ids->len;
  return TRUE;
}

/* What a run did adds up; what is outstanding is what the last run
 * found outstanding. */
static void
add_summary (KapReplicationSummary       *to,
             const KapReplicationSummary *from)
{
  to->pushed += from->pushed;
  to->pulled += from->pulled;
  to->errors += from->errors;
  to->rejected = from->rejected;
  to->not_taken = from->not_taken;
  g_clear_pointer (&to->problems, g_ptr_array_unref);
  to->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_sync_problem_free);
  for (guint i = 0; from->problems != NULL && i < from->problems->len; i++)
    g_ptr_array_add (to->problems, kap_sync_problem_copy (g_ptr_array_index (from->problems, i)));
}

/* The reference database after the station's. A failure here leaves the
 * records synchronised; it is reported in the summary, not as the run's
 * error. */
static void
pull_reference (KapSyncSession  *self,
                KapCouchClient  *client,
                KapSyncSummary  *summary,
                GCancellable    *cancellable)
{
  g_autoptr(KapReplicator) replicator = NULL;
  g_autoptr(KapReplicationSummary) pulled = NULL;
  g_autoptr(GError) error = NULL;

  if (self->reference == NULL)
    self->reference = kap_reference_open_store (self->store, TRUE, &error);
  if (self->reference != NULL)
    {
      replicator = kap_couch_replicator_new (self->reference, client, KAP_SYNC_REFERENCE_DATABASE);
      pulled = kap_replicator_run (replicator, KAP_REPLICATION_PULL, cancellable, &error);
    }

  if (pulled == NULL)
    {
      g_debug ("Pulling the reference database failed: %s", error->message);
      summary->reference_failed = TRUE;
      return;
    }

  summary->reference = pulled->pulled;
  summary->replication.errors += pulled->errors;

  /* A reference document the store cannot take is reported like a
   * record. */
  summary->replication.not_taken += pulled->not_taken;
  for (guint i = 0; pulled->problems != NULL && i < pulled->problems->len; i++)
    {
      KapSyncProblem *problem = g_ptr_array_index (pulled->problems, i);

      if (problem->kind == KAP_SYNC_PROBLEM_NOT_TAKEN && summary->replication.problems != NULL)
        g_ptr_array_add (summary->replication.problems, kap_sync_problem_copy (problem));
    }
}

/* Adds the forms of the reference store to the registry, in the caller's
 * thread: the registry is not shared with the worker while it changes. */
static void
load_reference_forms (KapSyncSession *self,
                      KapSyncSummary *summary)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (summary == NULL || self->reference == NULL)
    return;

  if (kap_reference_load_forms (self->reference, self->forms, &problems, &error) < 0)
    {
      g_debug ("Loading the reference forms failed: %s", error->message);
      summary->reference_failed = TRUE;
      return;
    }

  /* A form that does not load is left out, and said so once per run. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_warning ("%s", (const char *) g_ptr_array_index (problems, i));
}

static KapSyncSummary *
run_locked (KapSyncSession  *self,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(KapCouchClient) client = NULL;
  g_autoptr(KapReplicator) replicator = NULL;
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autofree char *database = NULL;
  g_auto(KapSyncSummary) summary = { { 0 } };
  guint conflicted = 0, merged = 0, left = 0;
  gulong handler;

  database = kap_sync_station_database_name (self->station);
  if (database == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a station code such as RS-PRE. */
                   _("“%s” is not a station code"), self->station);
      return NULL;
    }

  client = kap_couch_client_new (self->url, 0);
  if (client == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The server address must start with https:// or http://"));
      return NULL;
    }
  if (self->user != NULL)
    kap_couch_client_set_credentials (client, self->user, self->password);
  g_mutex_lock (&self->lock);
  g_set_object (&self->client, client);
  g_mutex_unlock (&self->lock);

  if (!count_conflicted (self->store, &conflicted, error))
    return NULL;

  self->offset = 0;
  self->reserve = 2 * (guint64) conflicted;
  emit_progress (self, 0, self->reserve);

  if (!kap_couch_client_log_in (client, cancellable, error))
    return NULL;

  replicator = kap_couch_replicator_new (self->store, client, database);
  self->phase_done = 0;
  handler = g_signal_connect (replicator, "progress", G_CALLBACK (replicator_progress_cb), self);

  /* 1. Both ways. */
  first = kap_replicator_run (replicator, KAP_REPLICATION_BOTH, cancellable, error);
  if (first == NULL)
    {
      g_signal_handler_disconnect (replicator, handler);
      return NULL;
    }
  add_summary (&summary.replication, first);
  /* The replicator's last signal had done == total. */
  self->offset += self->phase_done;

  /* 2. Merge: one step per conflicted document, and as many for pushing
   * the merges (at most one each). */
  if (!count_conflicted (self->store, &conflicted, error))
    {
      g_signal_handler_disconnect (replicator, handler);
      return NULL;
    }
  emit_progress (self, self->offset, self->offset + 2 * (guint64) conflicted);

  if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
    {
      g_signal_handler_disconnect (replicator, handler);
      kap_sync_set_error (error, KAP_SYNC_ERROR_CANCELLED);
      return NULL;
    }

  if (!kap_conflict_resolver_resolve_all (self->store, self->forms, &merged, &left, error))
    {
      g_signal_handler_disconnect (replicator, handler);
      return NULL;
    }
  self->offset += conflicted;
  self->reserve = 0;
  emit_progress (self, self->offset, self->offset + merged);

  /* 3. The merges leave in the same run, so that the server (and the
   * other laptops) get them now rather than at the next sync. */
  if (merged > 0)
    {
      g_autoptr(KapReplicationSummary) second = NULL;

      self->phase_done = 0;
      second = kap_replicator_run (replicator, KAP_REPLICATION_PUSH, cancellable, error);
      if (second == NULL)
        {
          g_signal_handler_disconnect (replicator, handler);
          return NULL;
        }
      add_summary (&summary.replication, second);
      self->offset += self->phase_done;
    }

  g_signal_handler_disconnect (replicator, handler);

  pull_reference (self, client, &summary, cancellable);

  summary.merged = merged;
  summary.conflicts = left;
  summary.replication.conflicts = left;
  emit_progress (self, self->offset, self->offset);

  g_debug ("%s: pushed %u, pulled %u, merged %u, conflicts %u, rejected %u, errors %u",
           database, summary.replication.pushed, summary.replication.pulled, summary.merged,
           summary.conflicts, summary.replication.rejected, summary.replication.errors);

  return kap_sync_summary_copy (&summary);
}

static KapSyncSummary *
run_guarded (KapSyncSession  *self,
             GMainContext    *context,
             GCancellable    *cancellable,
             GError         **error)
{
  KapSyncSummary *summary;

  if (!kap_sync_run_claim (&self->running, error))
    return NULL;

  if (!kap_records_check (self->profile, KAP_RECORDS_ACTION_SYNC, error))
    {
      kap_sync_run_release (&self->running);
      return NULL;
    }

  self->context = context ? g_main_context_ref (context) : NULL;
  summary = run_locked (self, cancellable, error);
  g_mutex_lock (&self->lock);
  g_clear_object (&self->client);
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  kap_sync_run_release (&self->running);

  return summary;
}

static void
kap_sync_session_finalize (GObject *object)
{
  KapSyncSession *self = (KapSyncSession *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->forms);
  g_clear_pointer (&self->profile, kap_profile_free);
  g_clear_object (&self->reference);
  g_clear_object (&self->client);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self->station);
  g_free (self->user);
  /* The password lives only as long as the session. */
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_free (self->password);

  G_OBJECT_CLASS (kap_sync_session_parent_class)->finalize (object);
}

static void
kap_sync_session_class_init (KapSyncSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_sync_session_finalize;

  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
kap_sync_session_init (KapSyncSession *self)
{
  g_mutex_init (&self->lock);
}

KapSyncSession *
kap_sync_session_new (KapStore         *store,
                      KapFormRegistry  *forms,
                      const KapProfile *profile,
                      const char       *url,
                      const char       *station,
                      const char       *user,
                      const char       *password)
{
  KapSyncSession *self;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (forms == NULL || KAP_IS_FORM_REGISTRY (forms), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (station != NULL, NULL);

  self = g_object_new (KAP_TYPE_SYNC_SESSION, NULL);
  self->store = g_object_ref (store);
  self->forms = forms ? g_object_ref (forms) : NULL;
  self->profile = profile != NULL ? kap_profile_copy (profile) : NULL;
  self->url = g_strdup (url);
  self->station = g_strdup (station);
  self->user = g_strdup (user);
  self->password = g_strdup (password);

  return self;
}

KapSyncSummary *
kap_sync_session_run (KapSyncSession  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  KapSyncSummary *summary;

  g_return_val_if_fail (KAP_IS_SYNC_SESSION (self), NULL);

  summary = run_guarded (self, NULL, cancellable, error);
  load_reference_forms (self, summary);

  return summary;
}

static gpointer
run_in_thread (gpointer       source_object,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return run_guarded (source_object, data, cancellable, error);
}

void
kap_sync_session_run_async (KapSyncSession      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (KAP_IS_SYNC_SESSION (self));

  kap_sync_run_in_thread (self, kap_sync_session_run_async, run_in_thread,
                          g_main_context_ref_thread_default (),
                          (GDestroyNotify) g_main_context_unref,
                          (GDestroyNotify) kap_sync_summary_free,
                          cancellable, callback, user_data);
}

KapSyncSummary *
kap_sync_session_run_finish (KapSyncSession  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  KapSyncSummary *summary;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  summary = g_task_propagate_pointer (G_TASK (result), error);
  load_reference_forms (self, summary);

  return summary;
}

gboolean
kap_sync_session_get_waiting (KapSyncSession      *self,
                              KapCouchRequestKind *kind,
                              gint64              *since)
{
  g_autoptr(KapCouchClient) client = NULL;

  g_return_val_if_fail (KAP_IS_SYNC_SESSION (self), FALSE);

  g_mutex_lock (&self->lock);
  if (self->client != NULL)
    client = g_object_ref (self->client);
  g_mutex_unlock (&self->lock);

  return client != NULL && kap_couch_client_get_in_flight (client, kind, since);
}
