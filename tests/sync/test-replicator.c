/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-replicator"

#include "config.h"

#include "kap-couch-client.h"
#include "kap-couch-peer.h"
#include "kap-fault-proxy.h"
#include "kap-sync-rejections.h"

#include "kap-sync-test-peer.h"
#include "kap-sync-test-util.h"

/* The replicator against PouchDB Server (one per test binary, a fresh
 * database per test), directly or through the fault proxy. */

static KapTestServer *server;

static char *
new_database (void)
{
  return sync_test_new_database (server, "kapija-st-t");
}

static KapCouchClient *
new_client (const char *url)
{
  KapCouchClient *client = kap_couch_client_new (url, 10);

  g_assert_nonnull (client);
  kap_couch_client_set_retry (client, 3, 20);
  return client;
}

static KapReplicationSummary *
run (KapStore                *store,
     const char              *url,
     const char              *database,
     KapReplicationDirection  directions,
     guint                    batch_size)
{
  g_autoptr(KapCouchClient) client = new_client (url);
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (store, client, database);
  g_autoptr(GError) error = NULL;
  KapReplicationSummary *summary;

  if (batch_size > 0)
    kap_replicator_set_batch_size (replicator, batch_size);
  summary = kap_replicator_run (replicator, directions, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static KapFaultProxy *
new_proxy (void)
{
  return sync_test_new_proxy (server);
}

static void
test_push_fresh (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  guint conflicts, leaves;

  conflicts = sync_test_fill_store (local->store, 300, 0, NULL);
  leaves = sync_test_count_leaves (local->store);

  summary = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (summary->pushed, ==, leaves);
  g_assert_cmpuint (summary->rejected, ==, 0);
  g_assert_cmpuint (summary->errors, ==, 0);
  g_assert_cmpuint (summary->conflicts, ==, conflicts);
  g_assert_cmpuint (sync_test_assert_same (server, db, local->store), ==, 300);
}

static void
test_pull_fresh (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  guint conflicts;

  conflicts = sync_test_fill_server (server, db, 300, 0);

  summary = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PULL, 0);
  /* Every tenth document has two branches. */
  g_assert_cmpuint (summary->pulled, ==, 300 + 30);
  g_assert_cmpuint (summary->pushed, ==, 0);
  g_assert_cmpuint (summary->conflicts, ==, conflicts);
  g_assert_cmpuint (sync_test_assert_same (server, db, local->store), ==, 300);
}

/* An edit of @id's winner on the server, as another laptop's sync would
 * leave it. */
static void
edit_on_server (const char *db,
                const char *id)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *path = g_strdup_printf ("/%s/%s", db, escaped);
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;

  doc = kap_test_server_request (server, "GET", path, NULL, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (doc), "status", "reviewed");
  reply = kap_test_server_request (server, "PUT", path, doc, NULL, &error);
  g_assert_no_error (error);
}

static void
test_both_concurrent (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(KapReplicationSummary) third = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint base_conflicts, edited = 0;

  base_conflicts = sync_test_fill_store (local->store, 100, 1, NULL);
  sync_test_fill_server (server, db, 50, 1000);
  first = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (sync_test_assert_same (server, db, local->store), ==, 150);

  /* The same live, conflict-free records edited on both sides. */
  changes = kap_store_changes (local->store, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len && edited < 20; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      g_autoptr(KapDocument) document = NULL;
      g_autofree char *rev = NULL;

      if (change->deleted || g_strv_length (change->leaves) > 1)
        continue;
      edit_on_server (db, change->id);
      document = kap_store_get (local->store, change->id, NULL, KAP_STORE_GET_NONE, &error);
      g_assert_no_error (error);
      json_object_set_string_member (kap_document_get_body (document), "status", "final");
      rev = kap_store_put (local->store, document, &error);
      g_assert_no_error (error);
      edited++;
    }
  g_assert_cmpuint (edited, ==, 20);

  /* And new records on each side. */
  sync_test_fill_store (local->store, 10, 2000, NULL);
  sync_test_fill_server (server, db, 10, 3000);

  second = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (second->pushed, >=, 20 + 10);
  g_assert_cmpuint (second->pulled, ==, 20 + 10 + 1);  /* the server's new ones: one conflict */
  /* The twenty edited records, each now with two live leaves on both
   * sides; conflicts the run did not touch are not counted. */
  g_assert_cmpuint (second->conflicts, ==, 20 + 1 + (2000 % 10 == 0 ? 1 : 0));
  g_assert_cmpuint (sync_test_assert_same (server, db, local->store), ==, 170);
  (void) base_conflicts;

  /* Nothing left to do. */
  third = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (third->pushed, ==, 0);
  g_assert_cmpuint (third->pulled, ==, 0);
}

static void
test_second_run_idle (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(KapReplicationSummary) third = NULL;

  sync_test_fill_store (local->store, 150, 0, NULL);
  sync_test_fill_server (server, db, 150, 500);

  first = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (first->pushed, >, 150);
  g_assert_cmpuint (first->pulled, >, 150);

  /* The pulled records are local changes after the push checkpoint: the
   * next run asks the server about them (_revs_diff) and sends nothing. */
  kap_fault_proxy_reset_requests (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (second->pushed, ==, 0);
  g_assert_cmpuint (second->pulled, ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, "_bulk_docs"), ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, "_bulk_get"), ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, "_revs_diff"), <=, 2);

  /* And then nothing at all: GET /db, the two checkpoints, one empty
   * _changes. */
  kap_fault_proxy_reset_requests (proxy);
  third = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (third->pushed, ==, 0);
  g_assert_cmpuint (third->pulled, ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, "_revs_diff"), ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "PUT", NULL), ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, NULL), ==, 4);
  sync_test_assert_same (server, db, local->store);
}

/* A checkpoint one side lost (a restored server, a reinstalled laptop):
 * the sides disagree, so the run starts from the beginning, finds that
 * the server has everything and sends nothing. */
static void
test_checkpoint_lost (gconstpointer data)
{
  gboolean lose_remote = GPOINTER_TO_INT (data);
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy));
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, db);
  g_autofree char *id = kap_replicator_get_replication_id (replicator, KAP_REPLICATION_PUSH);
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(GError) error = NULL;

  sync_test_fill_store (local->store, 250, 0, NULL);
  first = kap_replicator_run (replicator, KAP_REPLICATION_PUSH, NULL, &error);
  g_assert_no_error (error);

  if (lose_remote)
    {
      g_autofree char *path = g_strdup_printf ("/%s/_local/%s", db, id);
      g_autoptr(JsonNode) doc = kap_test_server_request (server, "GET", path, NULL, NULL, &error);
      g_autofree char *delete_path = NULL;
      g_autoptr(JsonNode) reply = NULL;

      g_assert_no_error (error);
      delete_path = g_strdup_printf ("%s?rev=%s", path,
                                     json_object_get_string_member (json_node_get_object (doc), "_rev"));
      reply = kap_test_server_request (server, "DELETE", delete_path, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  else
    {
      kap_store_delete_local (local->store, id, &error);
      g_assert_no_error (error);
    }

  kap_fault_proxy_reset_requests (proxy);
  second = kap_replicator_run (replicator, KAP_REPLICATION_PUSH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->pushed, ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_revs_diff"), ==, 3);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_docs"), ==, 0);
  sync_test_assert_same (server, db, local->store);
}

/* The pushed and the pulled revisions are merge bases: their bodies stay
 * when the record is edited again. */
static void
test_merge_bases_kept (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  sync_test_fill_store (local->store, 30, 1, NULL);
  sync_test_fill_server (server, db, 30, 100);
  summary = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_BOTH, 0);

  changes = kap_store_changes (local->store, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(KapDocument) base = NULL;
      g_autofree char *synced = NULL;
      g_autofree char *rev = NULL;

      if (change->deleted || g_strv_length (change->leaves) > 1)
        continue;
      document = kap_store_get (local->store, change->id, NULL, KAP_STORE_GET_NONE, &error);
      g_assert_no_error (error);
      synced = g_strdup (kap_document_get_rev (document));
      json_object_set_string_member (kap_document_get_body (document), "status", "final");
      rev = kap_store_put (local->store, document, &error);
      g_assert_no_error (error);

      base = kap_store_get (local->store, change->id, synced, KAP_STORE_GET_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kap_document_get_rev (base), ==, synced);
      checked++;
    }
  g_assert_cmpuint (checked, >, 40);
}

typedef struct
{
  GMainLoop             *loop;
  GCancellable          *cancellable;
  KapReplicationSummary *summary;
  GError                *error;
  guint64                cancel_at;
  guint                  n_progress;
  guint64                last_total;
} AsyncRun;

static void
progress_cb (KapReplicator *replicator,
             guint64        done,
             guint64        total,
             AsyncRun      *state)
{
  g_assert_cmpuint (done, <=, total);
  state->n_progress++;
  state->last_total = total;
  if (state->cancel_at > 0 && done >= state->cancel_at)
    g_cancellable_cancel (state->cancellable);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *state = user_data;

  state->summary = kap_replicator_run_finish (KAP_REPLICATOR (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_cancel_after_first_batch (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapCouchClient) client = new_client (kap_test_server_get_url (server));
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, db);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KapReplicationSummary) second = NULL;
  AsyncRun state = { loop, cancellable, NULL, NULL, 100, 0, 0 };
  guint leaves;

  sync_test_fill_store (local->store, 300, 0, NULL);
  leaves = sync_test_count_leaves (local->store);

  g_signal_connect (replicator, "progress", G_CALLBACK (progress_cb), &state);
  kap_replicator_run_async (replicator, KAP_REPLICATION_PUSH, cancellable, run_done_cb, &state);
  g_main_loop_run (loop);

  g_assert_error (state.error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_CANCELLED);
  g_assert_null (state.summary);
  g_assert_cmpuint (state.last_total, ==, 300);
  g_clear_error (&state.error);

  /* The next run sends the rest only: together exactly every leaf once. */
  second = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (second->pushed, <, leaves);
  g_assert_cmpuint (second->pushed, >, 0);
  sync_test_assert_same (server, db, local->store);
  {
    g_autoptr(KapReplicationSummary) third =
      run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PUSH, 0);

    g_assert_cmpuint (third->pushed, ==, 0);
  }
}

static void
test_drop_mid_push (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy));
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, db);
  g_autoptr(KapReplicationSummary) failed = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault drop = { "POST", "_bulk_docs", KAP_FAULT_DROP, 0, 1, 0, 0 };
  guint leaves;

  sync_test_fill_store (local->store, 300, 0, NULL);
  leaves = sync_test_count_leaves (local->store);

  /* The first batch goes through, every later one is cut off. */
  kap_fault_proxy_add_fault (proxy, &drop);
  failed = kap_replicator_run (replicator, KAP_REPLICATION_PUSH, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_UNREACHABLE);
  g_assert_null (failed);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), ==, 3);  /* three tries */

  kap_fault_proxy_clear_faults (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  /* The server may have stored the dropped batch; the revs diff then
   * leaves it out. Never more than what the first batch left. */
  g_assert_cmpuint (second->pushed, <, leaves);
  sync_test_assert_same (server, db, local->store);
}

static void
test_drop_mid_pull (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy));
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, db);
  g_autoptr(KapReplicationSummary) failed = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault drop = { "POST", "_bulk_get", KAP_FAULT_DROP, 0, 1, 0, 0 };
  guint conflicts;

  conflicts = sync_test_fill_server (server, db, 300, 0);

  kap_fault_proxy_add_fault (proxy, &drop);
  failed = kap_replicator_run (replicator, KAP_REPLICATION_PULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_UNREACHABLE);
  g_assert_cmpuint (kap_store_count (local->store, NULL, NULL), >, 0);

  kap_fault_proxy_clear_faults (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL, 0);
  g_assert_cmpuint (second->pulled, >, 0);
  g_assert_cmpuint (second->pulled, <, 300 + 30);
  g_assert_cmpuint (second->conflicts, <=, conflicts);
  sync_test_assert_same (server, db, local->store);
}

static void
test_halve_on_413 (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  /* About a quarter of a 100-document request. */
  const KapFault too_large = { "POST", "_bulk_docs", KAP_FAULT_STATUS, 413, 0, 0, 8000 };
  guint ok_posts = 0;

  sync_test_fill_store (local->store, 200, 0, NULL);
  kap_fault_proxy_add_fault (proxy, &too_large);

  summary = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (summary->pushed, ==, sync_test_count_leaves (local->store));
  g_assert_cmpuint (summary->rejected, ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), >=, 2);
  sync_test_assert_same (server, db, local->store);

  requests = kap_fault_proxy_get_requests (proxy);
  for (guint i = 0; i < requests->len; i++)
    {
      KapProxiedRequest *request = g_ptr_array_index (requests, i);

      if (strstr (request->path, "_bulk_docs") != NULL && !request->faulted)
        {
          g_assert_cmpuint (request->body_length, <, 8000);
          ok_posts++;
        }
    }
  g_assert_cmpuint (ok_posts, >=, 8);
}

static void
test_retry_500 (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  const KapFault errors[] = {
    { "POST", "_revs_diff", KAP_FAULT_STATUS, 500, 0, 2, 0 },
    { "GET", "_changes", KAP_FAULT_STATUS, 503, 1, 1, 0 },
  };

  sync_test_fill_store (local->store, 150, 0, NULL);
  sync_test_fill_server (server, db, 150, 500);
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    kap_fault_proxy_add_fault (proxy, &errors[i]);

  summary = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), ==, 3);
  /* Two batches to push, the first tried three times. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_revs_diff"), ==, 2 + 2);
  sync_test_assert_same (server, db, local->store);
}

static void
assert_pull_fails_malformed (const KapFault *fault)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy));
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, db);
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = kap_replicator_get_replication_id (replicator, KAP_REPLICATION_PULL);
  g_autoptr(JsonObject) checkpoint = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  sync_test_fill_server (server, db, 50, 0);
  kap_fault_proxy_add_fault (proxy, fault);

  summary = kap_replicator_run (replicator, KAP_REPLICATION_PULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED);
  g_assert_null (summary);
  /* Not retried: a reply that is not JSON is no network hiccup. */
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), ==, 1);
  g_clear_error (&error);

  /* Nothing written: no record, no checkpoint. */
  changes = kap_store_changes (local->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  checkpoint = kap_store_get_local (local->store, id, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_assert_null (checkpoint);
}

/* A _bulk_get reply that cannot be read at all: never blocks the pull.
 * The batch is asked for in halves down to single revisions; each one
 * whose answer cannot be read is recorded as not taken, the checkpoint
 * moves on, and the next run, with a server that answers, takes them and
 * forgets them. */
static void
assert_bulk_get_recovers (const KapFault *fault)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(GPtrArray) not_taken = NULL;
  g_autoptr(GError) error = NULL;
  guint revisions;

  sync_test_fill_server (server, db, 50, 0);
  revisions = 50 + 5;
  kap_fault_proxy_add_fault (proxy, fault);

  first = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL, 0);
  g_assert_cmpuint (first->pulled, ==, 0);
  g_assert_cmpuint (first->not_taken, ==, revisions);
  g_assert_cmpuint (first->problems->len, ==, revisions);
  g_assert_cmpint (((KapSyncProblem *) g_ptr_array_index (first->problems, 0))->kind, ==,
                   KAP_SYNC_PROBLEM_NOT_TAKEN);
  /* Halves: at most one request per node of the tree of halves. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_get"), <=, 2 * revisions);

  not_taken = kap_store_list_not_taken (local->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (not_taken->len, ==, revisions);

  kap_fault_proxy_clear_faults (proxy);
  kap_fault_proxy_reset_requests (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL, 0);
  g_assert_cmpuint (second->pulled, ==, revisions);
  g_assert_cmpuint (second->not_taken, ==, 0);
  g_assert_cmpuint (second->problems->len, ==, 0);
  /* The feed was done: only the recorded revisions were asked for. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", "_changes"), ==, 1);
  sync_test_assert_same (server, db, local->store);
}

static void
test_malformed_bulk_get (void)
{
  const KapFault corrupt = { "POST", "_bulk_get", KAP_FAULT_CORRUPT, 0, 0, 0, 0 };

  assert_bulk_get_recovers (&corrupt);
}

static void
test_truncated_changes (void)
{
  const KapFault truncate = { "GET", "_changes", KAP_FAULT_TRUNCATE, 0, 0, 0, 0 };

  assert_pull_fails_malformed (&truncate);
}

static void
test_truncated_bulk_get (void)
{
  const KapFault truncate = { "POST", "_bulk_get", KAP_FAULT_TRUNCATE, 0, 0, 0, 0 };

  assert_bulk_get_recovers (&truncate);
}

static void
test_open_revs_fallback (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  const KapFault missing = { "POST", "_bulk_get", KAP_FAULT_STATUS, 404, 0, 0, 0 };
  guint conflicts;

  conflicts = sync_test_fill_server (server, db, 60, 0);
  kap_fault_proxy_add_fault (proxy, &missing);

  summary = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL, 0);
  g_assert_cmpuint (summary->pulled, ==, 60 + 6);
  g_assert_cmpuint (summary->conflicts, ==, conflicts);
  /* Asked once, then one document at a time. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_get"), ==, 1);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", "open_revs="), ==, 60);
  sync_test_assert_same (server, db, local->store);
}

/* open_revs of a document the server no longer has (404): its revisions
 * are gone, not refused. */
static void
test_open_revs_gone (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autofree char *gone_path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault no_bulk_get = { "POST", "_bulk_get", KAP_FAULT_STATUS, 404, 0, 0, 0 };
  KapFault gone = { "GET", "person%3Agone?", KAP_FAULT_STATUS, 404, 0, 0, 0 };

  sync_test_fill_server (server, db, 10, 0);
  gone_path = g_strdup_printf ("/%s/person:gone", db);
  reply = kap_test_server_request_text (server, "PUT", gone_path, "{\"type\":\"person\"}", NULL, &error);
  g_assert_no_error (error);
  kap_fault_proxy_add_fault (proxy, &no_bulk_get);
  kap_fault_proxy_add_fault (proxy, &gone);

  summary = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL, 0);
  /* Ten documents, the first with two branches; none of the gone one. */
  g_assert_cmpuint (summary->pulled, ==, 10 + 1);
  g_assert_null (kap_store_get (local->store, "person:gone", NULL, KAP_STORE_GET_NONE, NULL));
  g_assert_cmpuint (summary->not_taken, ==, 0);
  g_assert_cmpuint (summary->problems->len, ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", "person%3Agone?"), ==, 1);
}

#define REJECT_REASON "Interpreter sessions are recorded in the national system only"

static void
test_rejected_by_validation (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autofree char *ddoc_path = g_strdup_printf ("/%s/_design/kapija", db);
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(KapReplicationSummary) again = NULL;
  g_autoptr(KapReplicationSummary) fixed = NULL;
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) design = NULL;
  g_autoptr(JsonNode) deleted = NULL;
  g_autofree char *delete_path = NULL;
  g_autoptr(JsonObject) rejections = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rejected_docs = 0, rejected_leaves = 0;

  reply = kap_test_server_request_text (server, "PUT", ddoc_path,
                                        "{\"validate_doc_update\": \"function (doc) { "
                                        "if (doc.type === 'interpreter_session') "
                                        "throw ({forbidden: '" REJECT_REASON "'}); }\"}",
                                        NULL, &error);
  g_assert_no_error (error);

  sync_test_fill_store (local->store, 40, 0, NULL);
  sync_test_fill_store (local->store, 6, 100, "interpreter_session");

  summary = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 20);

  changes = kap_store_changes (local->store, 0, 0, &error);
  g_assert_no_error (error);
  rejections = kap_sync_rejections_get_all (local->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      g_autoptr(KapDocument) document = kap_store_get (local->store, change->id, change->rev,
                                                       KAP_STORE_GET_NONE, &error);
      g_autofree char *reason = NULL;

      g_assert_no_error (error);
      reason = kap_sync_rejections_get_reason (local->store, change->id, NULL);
      if (g_strcmp0 (kap_document_get_doc_type (document), "interpreter_session") == 0)
        {
          g_assert_cmpstr (reason, ==, REJECT_REASON);
          n_rejected_docs++;
          rejected_leaves += g_strv_length (change->leaves);
        }
      else
        g_assert_null (reason);
    }
  g_assert_cmpuint (n_rejected_docs, ==, 6);
  g_assert_cmpuint (json_object_get_size (rejections), ==, 6);
  /* Records, with their reasons. */
  g_assert_cmpuint (summary->rejected, ==, 6);
  g_assert_cmpuint (summary->problems->len, ==, 6);
  for (guint i = 0; i < summary->problems->len; i++)
    {
      KapSyncProblem *problem = g_ptr_array_index (summary->problems, i);

      g_assert_cmpint (problem->kind, ==, KAP_SYNC_PROBLEM_REJECTED);
      g_assert_cmpstr (problem->reason, ==, REJECT_REASON);
      g_assert_cmpint (problem->first_seen, >, 0);
    }
  g_assert_cmpuint (summary->pushed + rejected_leaves, ==, sync_test_count_leaves (local->store));

  /* Every later run sends them again (the checkpoint is past them) and
   * reports them again. */
  kap_fault_proxy_reset_requests (proxy);
  again = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 20);
  g_assert_cmpuint (again->pushed, ==, 0);
  g_assert_cmpuint (again->rejected, ==, 6);
  g_assert_cmpuint (again->problems->len, ==, 6);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_docs"), >=, 1);

  /* The server's rules change: the next run gets them through, and
   * nothing is reported any more. */
  design = kap_test_server_request (server, "GET", ddoc_path, NULL, NULL, &error);
  g_assert_no_error (error);
  delete_path = g_strdup_printf ("%s?rev=%s", ddoc_path,
                                 json_object_get_string_member (json_node_get_object (design), "_rev"));
  deleted = kap_test_server_request (server, "DELETE", delete_path, NULL, NULL, &error);
  g_assert_no_error (error);

  fixed = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 20);
  g_assert_cmpuint (fixed->pushed, ==, rejected_leaves);
  g_assert_cmpuint (fixed->rejected, ==, 0);
  g_assert_cmpuint (fixed->problems->len, ==, 0);
  g_clear_pointer (&rejections, json_object_unref);
  rejections = kap_sync_rejections_get_all (local->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (rejections), ==, 0);
  sync_test_assert_same (server, db, local->store);
}

/* One 413 for a one-document _bulk_docs (a proxy's hiccup) is no refusal:
 * the revision is sent again and goes. */
static void
test_413_once (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(JsonObject) rejections = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault once = { "POST", "_bulk_docs", KAP_FAULT_STATUS, 413, 0, 1, 0 };

  sync_test_fill_store (local->store, 1, 1, NULL);
  kap_fault_proxy_add_fault (proxy, &once);

  summary = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), ==, 1);
  g_assert_cmpuint (summary->pushed, ==, 1);
  g_assert_cmpuint (summary->rejected, ==, 0);
  rejections = kap_sync_rejections_get_all (local->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (rejections), ==, 0);
  sync_test_assert_same (server, db, local->store);
}

/* A server whose limit one record is over: the others go (in requests
 * split to fit), that one is reported with its size at every run, and
 * goes once the limit is raised. */
static void
test_413_too_large_alone (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(KapReplicationSummary) raised = NULL;
  g_autoptr(KapDocument) large = kap_document_new_for_type ("person");
  g_autofree char *filler = g_strnfill (40000, 'x');
  g_autofree char *rev = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault limit = { "POST", "_bulk_docs", KAP_FAULT_STATUS, 413, 0, 0, 30000 };
  KapSyncProblem *problem;
  guint leaves;

  sync_test_fill_store (local->store, 40, 1, NULL);
  json_object_set_string_member (kap_document_get_body (large), "notes", filler);
  rev = kap_store_put (local->store, large, &error);
  g_assert_no_error (error);
  sync_test_fill_store (local->store, 40, 100, NULL);
  leaves = sync_test_count_leaves (local->store);
  kap_fault_proxy_add_fault (proxy, &limit);

  first = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (first->pushed, ==, leaves - 1);
  g_assert_cmpuint (first->rejected, ==, 1);
  problem = g_ptr_array_index (first->problems, 0);
  g_assert_cmpstr (problem->id, ==, kap_document_get_id (large));
  g_assert_cmpstr (problem->rev, ==, rev);
  /* Its size, as sent. */
  g_assert_nonnull (strstr (problem->reason, "kB"));

  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (second->pushed, ==, 0);
  g_assert_cmpuint (second->rejected, ==, 1);

  kap_fault_proxy_clear_faults (proxy);
  raised = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (raised->pushed, ==, 1);
  g_assert_cmpuint (raised->rejected, ==, 0);
  sync_test_assert_same (server, db, local->store);
}

/* A server that refuses a whole _bulk_docs as a bad request for one
 * document in it (CouchDB does, for an id or a member it will not take):
 * the others go, in requests split around it, and that one is reported
 * with the server's words at every run, alone in its request the second
 * time; it goes once the server takes it. */
static void
test_400_refused_alone (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(KapReplicationSummary) taken = NULL;
  g_autoptr(KapDocument) odd = kap_document_new_for_type ("person");
  g_autofree char *rev = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(GError) error = NULL;
  KapFault bad_request = { "POST", "_bulk_docs", KAP_FAULT_STATUS, 400, 0, 0, 0,
                           "{\"error\":\"bad_request\",\"reason\":\"Document must be a JSON object\"}" };
  KapSyncProblem *problem;
  guint leaves;

  sync_test_fill_store (local->store, 40, 1, NULL);
  json_object_set_string_member (kap_document_get_body (odd), "name_stated", "Arta Gashi");
  rev = kap_store_put (local->store, odd, &error);
  g_assert_no_error (error);
  sync_test_fill_store (local->store, 40, 100, NULL);
  leaves = sync_test_count_leaves (local->store);
  needle = g_strdup_printf ("\"_id\":\"%s\"", kap_document_get_id (odd));
  bad_request.body_contains = needle;
  kap_fault_proxy_add_fault (proxy, &bad_request);

  first = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (first->pushed, ==, leaves - 1);
  g_assert_cmpuint (first->rejected, ==, 1);
  g_assert_cmpuint (first->errors, ==, 0);
  problem = g_ptr_array_index (first->problems, 0);
  g_assert_cmpstr (problem->id, ==, kap_document_get_id (odd));
  g_assert_cmpstr (problem->rev, ==, rev);
  g_assert_cmpstr (problem->reason, ==, "The server could not store it (bad_request): "
                                        "Document must be a JSON object");
  /* Halves down to the one document: a refused request for the whole
   * and for each halving, no more. */
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), >=, 2);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), <=, g_bit_storage (leaves - 1) + 1);

  kap_fault_proxy_reset_requests (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (second->pushed, ==, 0);
  g_assert_cmpuint (second->rejected, ==, 1);
  problem = g_ptr_array_index (second->problems, 0);
  g_assert_nonnull (strstr (problem->reason, "Document must be a JSON object"));
  /* Alone, it is refused at once: not tried again. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_docs"), ==, 1);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), ==, 1);

  kap_fault_proxy_clear_faults (proxy);
  taken = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PUSH, 0);
  g_assert_cmpuint (taken->pushed, ==, 1);
  g_assert_cmpuint (taken->rejected, ==, 0);
  sync_test_assert_same (server, db, local->store);
}

/* The answer to a checkpoint PUT the server applied is lost, twice in a
 * run: the client's retry meets 409, and the replicator finds the server
 * holding what it meant to write. */
static void
test_checkpoint_reply_lost (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  /* The first PUT and, after a 409 and a read, the next. */
  const KapFault drops[] = {
    { "PUT", "_local/", KAP_FAULT_DROP, 0, 0, 1, 0 },
    { "PUT", "_local/", KAP_FAULT_DROP, 0, 1, 1, 0 },
  };

  sync_test_fill_store (local->store, 120, 0, NULL);
  sync_test_fill_server (server, db, 120, 500);
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    kap_fault_proxy_add_fault (proxy, &drops[i]);

  first = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), ==, 2);
  g_assert_cmpuint (first->rejected + first->errors + first->not_taken, ==, 0);
  sync_test_assert_same (server, db, local->store);

  /* And the checkpoints hold: nothing left to do. */
  kap_fault_proxy_clear_faults (proxy);
  kap_fault_proxy_reset_requests (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_BOTH, 0);
  g_assert_cmpuint (second->pushed + second->pulled, ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, "_bulk_docs"), ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, "_bulk_get"), ==, 0);
}

static void
rewrite_checkpoint_cb (const char    *path,
                       guint64        done,
                       guint64        total,
                       KapReplicator *replicator)
{
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (done > 0)
    return;

  doc = kap_test_server_request (server, "GET", path, NULL, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (doc), "session_id", "another-laptop");
  reply = kap_test_server_request (server, "PUT", path, doc, NULL, &error);
  g_assert_no_error (error);
}

/* Another writer changes the checkpoint between our read and our write
 * (a second laptop restored from this one's image): the write takes the
 * new _rev and goes through. */
static void
test_checkpoint_written_by_another (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapCouchClient) client = new_client (kap_test_server_get_url (server));
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, db);
  g_autofree char *id = kap_replicator_get_replication_id (replicator, KAP_REPLICATION_PUSH);
  g_autofree char *path = g_strdup_printf ("/%s/_local/%s", db, id);
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(GError) error = NULL;
  gulong handler;

  sync_test_fill_store (local->store, 30, 0, NULL);
  first = kap_replicator_run (replicator, KAP_REPLICATION_PUSH, NULL, &error);
  g_assert_no_error (error);

  /* Once the run has read the checkpoint (its first progress), rewrite
   * it behind its back. */
  sync_test_fill_store (local->store, 30, 100, NULL);
  handler = g_signal_connect_swapped (replicator, "progress", G_CALLBACK (rewrite_checkpoint_cb), path);
  second = kap_replicator_run (replicator, KAP_REPLICATION_PUSH, NULL, &error);
  g_signal_handler_disconnect (replicator, handler);
  g_assert_no_error (error);
  g_assert_cmpuint (second->pushed, >, 30);
  sync_test_assert_same (server, db, local->store);
}

static void
test_no_database (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapCouchClient) client = new_client (kap_test_server_get_url (server));
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, "kapija-st-nowhere");
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = kap_replicator_run (replicator, KAP_REPLICATION_BOTH, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_NO_DATABASE);
  g_assert_null (summary);
}

static void
test_server_down (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(GError) error = NULL;
  KapTestServer *doomed = kap_test_server_start (&error);
  g_autofree char *url = NULL;
  g_autoptr(KapCouchClient) client = NULL;
  g_autoptr(KapReplicator) replicator = NULL;
  g_autoptr(KapReplicationSummary) summary = NULL;

  g_assert_no_error (error);
  url = g_strdup (kap_test_server_get_url (doomed));
  kap_test_server_create_database (doomed, "kapija-st-rs-pre", &error);
  g_assert_no_error (error);
  kap_test_server_stop (doomed);

  client = new_client (url);
  replicator = kap_couch_replicator_new (local->store, client, "kapija-st-rs-pre");
  summary = kap_replicator_run (replicator, KAP_REPLICATION_BOTH, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_UNREACHABLE);
  g_assert_null (summary);
  g_assert_cmpuint (kap_couch_client_get_request_count (client), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = kap_test_server_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/replicator/push/fresh", test_push_fresh);
  g_test_add_func ("/replicator/pull/fresh", test_pull_fresh);
  g_test_add_func ("/replicator/both/concurrent-edits", test_both_concurrent);
  g_test_add_func ("/replicator/checkpoint/second-run-idle", test_second_run_idle);
  g_test_add_data_func ("/replicator/checkpoint/remote-lost", GINT_TO_POINTER (TRUE), test_checkpoint_lost);
  g_test_add_data_func ("/replicator/checkpoint/local-lost", GINT_TO_POINTER (FALSE), test_checkpoint_lost);
  g_test_add_func ("/replicator/merge-bases-kept", test_merge_bases_kept);
  g_test_add_func ("/replicator/checkpoint/cancel-after-first-batch", test_cancel_after_first_batch);
  g_test_add_func ("/replicator/checkpoint/drop-mid-push", test_drop_mid_push);
  g_test_add_func ("/replicator/checkpoint/drop-mid-pull", test_drop_mid_pull);
  g_test_add_func ("/replicator/push/halve-on-413", test_halve_on_413);
  g_test_add_func ("/replicator/retry/500", test_retry_500);
  g_test_add_func ("/replicator/pull/malformed-bulk-get", test_malformed_bulk_get);
  g_test_add_func ("/replicator/pull/truncated-changes", test_truncated_changes);
  g_test_add_func ("/replicator/pull/truncated-bulk-get", test_truncated_bulk_get);
  g_test_add_func ("/replicator/pull/open-revs-fallback", test_open_revs_fallback);
  g_test_add_func ("/replicator/pull/open-revs-gone", test_open_revs_gone);
  g_test_add_func ("/replicator/push/rejected-by-validation", test_rejected_by_validation);
  g_test_add_func ("/replicator/push/413-once-is-no-refusal", test_413_once);
  g_test_add_func ("/replicator/push/413-too-large-alone", test_413_too_large_alone);
  g_test_add_func ("/replicator/push/400-refused-alone", test_400_refused_alone);
  g_test_add_func ("/replicator/checkpoint/reply-lost", test_checkpoint_reply_lost);
  g_test_add_func ("/replicator/checkpoint/written-by-another", test_checkpoint_written_by_another);
  g_test_add_func ("/replicator/errors/no-database", test_no_database);
  g_test_add_func ("/replicator/errors/server-down", test_server_down);

  status = g_test_run ();
  kap_test_server_stop (server);
  return status;
}
