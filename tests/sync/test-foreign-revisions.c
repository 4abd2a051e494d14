/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-foreign-revisions"

#include "config.h"

#include "kap-couch-client.h"
#include "kap-couch-peer.h"
#include "kap-fault-proxy.h"
#include "kap-json.h"

#include "kap-sync-test-peer.h"
#include "kap-sync-test-util.h"

/* What other clients put on the server, pulled by the replicator: against
 * PouchDB Server (through the fault proxy to count requests), and against
 * a small misbehaving server of our own where PouchDB cannot misbehave
 * that way. Attachments are kept and go back; long ids are taken; what
 * the store cannot take is recorded with its reason, reported at every
 * run until it is resolved, and never holds up the rest. */

static KapTestServer *server;

static char *
new_database (void)
{
  return sync_test_new_database (server, "kapija-st-f");
}

static KapReplicationSummary *
run (KapStore                *store,
     const char              *url,
     const char              *database,
     KapReplicationDirection  directions)
{
  g_autoptr(KapCouchClient) client = kap_couch_client_new (url, 30);
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (store, client, database);
  g_autoptr(GError) error = NULL;
  KapReplicationSummary *summary;

  kap_couch_client_set_retry (client, 2, 20);
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

static char *
put_text (const char *database,
          const char *id,
          const char *json)
{
  return sync_test_put_text (server, database, id, json);
}

static void
put_people (const char *database,
            guint       n,
            guint       first)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = g_strdup_printf ("person:0190a5a0-0000-7000-8000-%012u", i);
      g_autofree char *json = g_strdup_printf ("{\"type\":\"person\",\"name_stated\":\"%s\",\"n\":%u}",
                                               sync_test_names[i % G_N_ELEMENTS (sync_test_names)], i);
      g_autofree char *rev = put_text (database, id, json);
    }
}

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static KapSyncProblem *
only_problem (KapReplicationSummary *summary)
{
  g_assert_cmpuint (summary->problems->len, ==, 1);
  return g_ptr_array_index (summary->problems, 0);
}

#define ATTACHED_ID "person:0190a5a0-0000-7000-8000-0000000000a1"
#define ATTACHMENT "\"scan.pdf\":{\"content_type\":\"application/pdf\",\"data\":\"JVBERi0xLjQKJcfs\"}"

/* A revision with an attachment: taken with its data, kept through a
 * local edit, and sent back with it, so that the server has one line of
 * history with the attachment and no conflict. */
static void
test_attachments_round_trip (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *rev3 = NULL;
  g_autofree char *escaped = kap_test_server_escape_id (ATTACHED_ID);
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) pulled = NULL;
  g_autoptr(KapReplicationSummary) pushed = NULL;
  g_autoptr(KapReplicationSummary) idle = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(JsonObject) attachments = NULL;
  g_autoptr(JsonNode) on_server = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *doc, *scan;

  /* The laptop has the record; another client then attaches a scan. */
  rev1 = put_text (db, ATTACHED_ID, "{\"type\":\"person\",\"name_stated\":\"Besnik Gashi\"}");
  first = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (first->pulled, ==, 1);

  json = g_strdup_printf ("{\"_rev\":\"%s\",\"type\":\"person\",\"name_stated\":\"Besnik Gashi\","
                          "\"_attachments\":{" ATTACHMENT "}}", rev1);
  rev2 = put_text (db, ATTACHED_ID, json);

  pulled = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (pulled->pulled, ==, 1);
  g_assert_cmpuint (pulled->errors, ==, 0);
  g_assert_cmpuint (pulled->not_taken, ==, 0);
  g_assert_cmpuint (pulled->problems->len, ==, 0);

  document = kap_store_get (local->store, ATTACHED_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (document), ==, rev2);
  attachments = kap_store_get_attachments (local->store, ATTACHED_ID, rev2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (attachments, "scan.pdf"), "data"),
                   ==, "JVBERi0xLjQKJcfs");

  /* The officer edits what Kapija shows. */
  json_object_set_string_member (kap_document_get_body (document), "status", "final");
  rev3 = kap_store_put (local->store, document, &error);
  g_assert_no_error (error);

  pushed = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PUSH);
  g_assert_cmpuint (pushed->pushed, ==, 1);
  g_assert_cmpuint (pushed->rejected, ==, 0);

  path = g_strdup_printf ("/%s/%s?attachments=true&conflicts=true", db, escaped);
  on_server = kap_test_server_request (server, "GET", path, NULL, NULL, &error);
  g_assert_no_error (error);
  doc = json_node_get_object (on_server);
  g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, rev3);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "final");
  /* One line of history: the edit did not fork the record. */
  g_assert_false (json_object_has_member (doc, "_conflicts"));
  scan = json_object_get_object_member (json_object_get_object_member (doc, "_attachments"), "scan.pdf");
  g_assert_cmpstr (json_object_get_string_member (scan, "data"), ==, "JVBERi0xLjQKJcfs");
  g_assert_cmpstr (json_object_get_string_member (scan, "content_type"), ==, "application/pdf");
  g_assert_cmpstr (json_object_get_string_member (scan, "digest"), ==,
                   json_object_get_string_member (json_object_get_object_member (attachments, "scan.pdf"), "digest"));
  sync_test_assert_same (server, db, local->store);

  idle = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_BOTH);
  g_assert_cmpuint (idle->pushed + idle->pulled + idle->errors + idle->not_taken, ==, 0);
}

/* Ids far over 512 bytes: CouchDB sets no limit, and they are taken,
 * edited and sent back. */
static void
test_long_ids (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autofree char *tail = g_strnfill (600, 'x');
  g_autofree char *id = g_strconcat ("person:", tail, NULL);
  g_autofree char *rev = put_text (db, id, "{\"type\":\"person\",\"name_stated\":\"Elif Kaya\"}");
  g_autoptr(KapReplicationSummary) pulled = NULL;
  g_autoptr(KapReplicationSummary) pushed = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;

  put_people (db, 3, 1);
  pulled = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (pulled->pulled, ==, 4);
  g_assert_cmpuint (pulled->errors + pulled->not_taken, ==, 0);

  document = kap_store_get (local->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (document), ==, rev);
  json_object_set_string_member (kap_document_get_body (document), "sex", "F");
  edited = kap_store_put (local->store, document, &error);
  g_assert_no_error (error);

  pushed = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PUSH);
  g_assert_cmpuint (pushed->pushed, ==, 1);
  sync_test_assert_same (server, db, local->store);
}

#define NUL_ID "person:a\\u0000b"

/* An id with U+0000 cannot be held by the store: refused explicitly,
 * with the reason, at every run, while everything else is taken. */
static void
test_nul_id_refused (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", db);
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  KapSyncProblem *problem;
  gint64 first_seen;

  put_people (db, 2, 1);
  reply = kap_test_server_request_text (server, "POST", path,
                                        "{\"docs\":[{\"_id\":\"" NUL_ID "\",\"type\":\"person\","
                                        "\"name_stated\":\"Lejla Begović\"}]}", NULL, &error);
  g_assert_no_error (error);
  put_people (db, 2, 3);

  first = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (first->pulled, ==, 4);
  g_assert_cmpuint (first->not_taken, ==, 1);
  problem = only_problem (first);
  g_assert_cmpint (problem->kind, ==, KAP_SYNC_PROBLEM_NOT_TAKEN);
  g_assert_false (kap_json_string_is_plain (problem->id));
  g_assert_nonnull (strstr (problem->reason, "U+0000"));
  g_assert_null (strstr (problem->reason, "Lejla"));
  first_seen = problem->first_seen;

  /* Reported again, asked for again (the server may have fixed it), and
   * still the first time it was seen. */
  kap_fault_proxy_reset_requests (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (second->pulled, ==, 0);
  g_assert_cmpuint (second->not_taken, ==, 1);
  g_assert_cmpint (only_problem (second)->first_seen, ==, first_seen);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_get"), ==, 1);
  g_assert_cmpuint (kap_store_count (local->store, NULL, NULL), ==, 4);
}

/* A document deeper than the store takes is refused; once the other
 * client fixes it, the new revision is taken and the refusal forgotten. */
static void
test_too_deep_until_fixed (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autofree char *deep = nested (KAP_DOCUMENT_MAX_DEPTH + 20);
  g_autofree char *json = g_strdup_printf ("{\"type\":\"person\",\"answers\":%s}", deep);
  g_autofree char *rev1 = put_text (db, "person:0190a5a0-0000-7000-8000-0000000000d1", json);
  g_autofree char *fixed = NULL;
  g_autofree char *rev2 = NULL;
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;
  g_autoptr(GPtrArray) recorded = NULL;
  g_autoptr(GError) error = NULL;

  put_people (db, 5, 1);
  first = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (first->pulled, ==, 5);
  g_assert_cmpuint (first->not_taken, ==, 1);
  g_assert_cmpstr (only_problem (first)->rev, ==, rev1);
  g_assert_nonnull (strstr (only_problem (first)->reason, "deeper"));

  fixed = g_strdup_printf ("{\"_rev\":\"%s\",\"type\":\"person\",\"answers\":{\"a\":1}}", rev1);
  rev2 = put_text (db, "person:0190a5a0-0000-7000-8000-0000000000d1", fixed);

  second = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (second->pulled, ==, 1);
  g_assert_cmpuint (second->not_taken, ==, 0);
  g_assert_cmpuint (second->problems->len, ==, 0);
  recorded = kap_store_list_not_taken (local->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recorded->len, ==, 0);
  sync_test_assert_same (server, db, local->store);
}

/* A document larger than the store takes: refused on its own, with the
 * rest of the batch taken. */
static void
test_too_large (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autofree char *filler = g_strnfill (KAP_DOCUMENT_MAX_BYTES + 1000, 'x');
  g_autofree char *json = g_strdup_printf ("{\"type\":\"person\",\"notes\":\"%s\"}", filler);
  g_autofree char *rev = NULL;
  g_autoptr(KapReplicationSummary) summary = NULL;

  put_people (db, 3, 1);
  rev = put_text (db, "person:0190a5a0-0000-7000-8000-0000000000b1", json);
  put_people (db, 3, 10);

  summary = run (local->store, kap_test_server_get_url (server), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (summary->pulled, ==, 6);
  g_assert_cmpuint (summary->not_taken, ==, 1);
  g_assert_cmpstr (only_problem (summary)->id, ==, "person:0190a5a0-0000-7000-8000-0000000000b1");
  g_assert_cmpstr (only_problem (summary)->rev, ==, rev);
}

/* A revision too deep for the reader spoils the whole _bulk_get reply:
 * the batch is asked for in halves until that one is found, and the
 * others are taken. */
static void
test_unreadable_reply_split (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *db = new_database ();
  g_autofree char *deep = nested (KAP_JSON_MAX_DEPTH + 50);
  g_autofree char *json = g_strdup_printf ("{\"type\":\"person\",\"answers\":%s}", deep);
  g_autofree char *rev = NULL;
  g_autoptr(KapReplicationSummary) first = NULL;
  g_autoptr(KapReplicationSummary) second = NULL;

  put_people (db, 15, 1);
  rev = put_text (db, "person:0190a5a0-0000-7000-8000-0000000000c1", json);
  put_people (db, 15, 20);

  first = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (first->pulled, ==, 30);
  g_assert_cmpuint (first->not_taken, ==, 1);
  g_assert_cmpstr (only_problem (first)->id, ==, "person:0190a5a0-0000-7000-8000-0000000000c1");
  g_assert_cmpstr (only_problem (first)->rev, ==, rev);
  /* Two halves per level of 31 revisions, and the first request. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_get"), <=, 1 + 2 * 5);

  /* The checkpoint moved past it: the next run asks for it alone. */
  kap_fault_proxy_reset_requests (proxy);
  second = run (local->store, kap_fault_proxy_get_url (proxy), db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (second->pulled, ==, 0);
  g_assert_cmpuint (second->not_taken, ==, 1);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_get"), ==, 1);
}

/* A server whose _changes does not move on: it ignores "since" (always
 * the same page and the same last_seq), or sends the same page with a new
 * last_seq every time. A SoupServer in a thread of its own, since PouchDB
 * does neither; after 20 pages it ends the feed, so that a replicator
 * that does not notice still ends (and fails the test). */

#define STUCK_PAGES 20

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *url;
  gboolean      new_last_seq;

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  guint         changes_requests;
} StuckServer;

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static char *
stuck_changes (StuckServer *self)
{
  guint page;

  g_mutex_lock (&self->lock);
  page = ++self->changes_requests;
  g_mutex_unlock (&self->lock);

  if (page > STUCK_PAGES)
    return g_strdup ("{\"results\":[],\"last_seq\":3}");
  return g_strdup_printf ("{\"results\":["
                          "{\"seq\":1,\"id\":\"person:s1\",\"changes\":[{\"rev\":\"1-00000000000000000000000000000001\"}]},"
                          "{\"seq\":2,\"id\":\"person:s2\",\"changes\":[{\"rev\":\"1-00000000000000000000000000000002\"}]},"
                          "{\"seq\":3,\"id\":\"person:s3\",\"changes\":[{\"rev\":\"1-00000000000000000000000000000003\"}]}"
                          "],\"last_seq\":%u}", self->new_last_seq ? 3 + page : 3);
}

static char *
stuck_bulk_get (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new ("{\"results\":[");
  JsonArray *docs;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL))
    return NULL;
  docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "docs");
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      const char *id = json_object_get_string_member (doc, "id");
      const char *rev = json_object_get_string_member (doc, "rev");

      g_string_append_printf (out, "%s{\"id\":\"%s\",\"docs\":[{\"ok\":{\"_id\":\"%s\",\"_rev\":\"%s\","
                              "\"_revisions\":{\"start\":1,\"ids\":[\"%s\"]},\"type\":\"person\"}}]}",
                              i > 0 ? "," : "", id, id, rev, rev + 2);
    }
  g_string_append (out, "]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
stuck_handle_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  StuckServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *json = NULL;

  if (g_str_equal (path, "/db"))
    reply_json (msg, 200, "{\"db_name\":\"db\",\"update_seq\":3}");
  else if (g_str_equal (path, "/db/_changes"))
    {
      json = stuck_changes (self);
      reply_json (msg, 200, json);
    }
  else if (g_str_equal (path, "/db/_bulk_get"))
    {
      json = stuck_bulk_get (msg);
      reply_json (msg, json != NULL ? 200 : 400, json != NULL ? json : "{\"error\":\"bad_request\"}");
    }
  else if (g_str_has_prefix (path, "/db/_local/") && g_str_equal (method, "PUT"))
    {
      g_autofree char *reply = g_strdup_printf ("{\"ok\":true,\"id\":\"%s\",\"rev\":\"0-1\"}", path + 4);

      /* Every checkpoint write wins: this server's fault is elsewhere. */
      reply_json (msg, 201, reply);
    }
  else if (g_str_has_prefix (path, "/db/_local/"))
    reply_json (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
  else
    reply_json (msg, 404, "{\"error\":\"not_found\",\"reason\":\"no such thing\"}");
}

static gpointer
stuck_thread (gpointer user_data)
{
  StuckServer *self = user_data;
  g_autoptr(SoupServer) soup = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  soup_server_add_handler (soup, NULL, stuck_handle_cb, self, NULL);
  soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup);

  g_mutex_lock (&self->lock);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);
  soup_server_disconnect (soup);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static StuckServer *
stuck_server_new (gboolean new_last_seq)
{
  StuckServer *self = g_new0 (StuckServer, 1);

  self->new_last_seq = new_last_seq;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("stuck-server", stuck_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
stuck_server_free (StuckServer *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->url);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StuckServer, stuck_server_free)

static void
test_changes_stuck (gconstpointer data)
{
  g_autoptr(StuckServer) stuck = stuck_server_new (GPOINTER_TO_INT (data));
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapCouchClient) client = kap_couch_client_new (stuck->url, 10);
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (local->store, client, "db");
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = kap_replicator_run (replicator, KAP_REPLICATION_PULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED);
  g_assert_null (summary);
  /* Said in words, and after a couple of requests, not thousands. */
  g_assert_nonnull (strstr (error->message, "does not move on"));
  g_assert_cmpuint (stuck->changes_requests, <=, 2);
  /* What the first page brought is kept. */
  g_assert_cmpuint (kap_store_count (local->store, NULL, NULL), ==, 3);
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

  g_test_add_func ("/foreign/attachments/round-trip", test_attachments_round_trip);
  g_test_add_func ("/foreign/ids/long", test_long_ids);
  g_test_add_func ("/foreign/ids/nul-refused-every-run", test_nul_id_refused);
  g_test_add_func ("/foreign/documents/too-deep-until-fixed", test_too_deep_until_fixed);
  g_test_add_func ("/foreign/documents/too-large", test_too_large);
  g_test_add_func ("/foreign/bulk-get/unreadable-reply-split", test_unreadable_reply_split);
  g_test_add_data_func ("/foreign/changes/ignores-since", GINT_TO_POINTER (FALSE), test_changes_stuck);
  g_test_add_data_func ("/foreign/changes/same-page-new-seq", GINT_TO_POINTER (TRUE), test_changes_stuck);

  status = g_test_run ();
  kap_test_server_stop (server);
  return status;
}
