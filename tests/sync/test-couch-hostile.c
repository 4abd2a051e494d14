/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-couch-hostile"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "kap-couch-client.h"
#include "kap-fault-proxy.h"

/* KapCouchClient against a hostile server (the fault proxy with nothing
 * behind it): replies without end, too large, or compressed a thousand
 * to one; silence and a trickle; a flood of cookies; redirects within the
 * server and away from it; CouchDB's lockout. Each must fail at once,
 * with the error that names the cause, within bounded memory and time. */

#define DB_PATH     "/kapija-st-rs-pre"
#define SMALL_LIMIT ((gsize) 1024 * 1024)
/* What the sockets between the two ends may hold beyond what the client
 * read: the kernel's send and receive buffers on loopback, which Linux
 * may grow to the maxima of tcp_wmem and tcp_rmem (4 and 32 MiB on
 * Debian 12). Far below the bodies the server has to send. */
#define SOCKET_SLACK ((gsize) 48 * 1024 * 1024)
#define BOMB_SIZE   ((guint64) 256 * 1024 * 1024)
#define COOKIE      "AuthSession=b2ZmaWNlcjo2NjAwMDAwMA"

static KapFaultProxy *
new_hostile (void)
{
  g_autoptr(GError) error = NULL;
  KapFaultProxy *server = kap_fault_proxy_new (NULL, &error);

  g_assert_no_error (error);
  return server;
}

static KapCouchClient *
new_client (KapFaultProxy *server,
            guint          stall_seconds)
{
  KapCouchClient *client = kap_couch_client_new (kap_fault_proxy_get_url (server), stall_seconds);

  g_assert_nonnull (client);
  kap_couch_client_set_retry (client, 4, 10);
  return client;
}

/* A login that works: what CouchDB answers, with its cookie. */
static void
add_login (KapFaultProxy *server)
{
  const KapFault login = { "POST", "/_session", KAP_FAULT_STATUS, 200, 0, 0, 0,
                           "{\"ok\":true,\"name\":\"officer\",\"roles\":[]}", COOKIE "; Version=1; Path=/; HttpOnly" };

  kap_fault_proxy_add_fault (server, &login);
}

static void
assert_request_fails (KapCouchClient *client,
                      const char     *method,
                      const char     *path,
                      int             code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;

  reply = kap_couch_client_request (client, method, path, NULL, NULL, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, KAP_SYNC_ERROR, code);
  g_test_message ("%s", error->message);
}

/* Size */

static void
test_endless_chunked (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  const KapFault endless = { "GET", "/_changes", KAP_FAULT_ENDLESS, 0, 0, 0, 0,
                             .size = BOMB_SIZE + 1 };

  kap_couch_client_set_max_reply_size (client, SMALL_LIMIT);
  kap_fault_proxy_add_fault (server, &endless);

  reply = kap_couch_client_request (client, "GET", DB_PATH "/_changes?style=all_docs", NULL, NULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_REPLY_TOO_LARGE);
  /* The message names the limit. */
  g_assert_nonnull (strstr (error->message, "1.0\u00a0MiB"));
  /* Not tried again: the same reply would come. */
  g_assert_cmpuint (kap_fault_proxy_count (server, "GET", "/_changes"), ==, 1);
  /* The client stopped reading at the limit and hung up (the count may
   * lag the socket by a chunk). */
  g_test_message ("%" G_GSIZE_FORMAT " bytes written", kap_fault_proxy_get_bytes_written (server));
  g_assert_cmpuint (kap_fault_proxy_get_bytes_written (server), >, SMALL_LIMIT / 2);
  g_assert_cmpuint (kap_fault_proxy_get_bytes_written (server), <, SMALL_LIMIT + SOCKET_SLACK);
}

static void
test_huge_content_length (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  const KapFault huge = { "POST", "/_bulk_get", KAP_FAULT_LONG, 0, 0, 0, 0,
                          .size = 200 * 1000 * 1000 + 1 };

  kap_couch_client_set_max_reply_size (client, SMALL_LIMIT);
  kap_fault_proxy_add_fault (server, &huge);

  assert_request_fails (client, "POST", DB_PATH "/_bulk_get?revs=true", KAP_SYNC_ERROR_REPLY_TOO_LARGE);
  g_assert_cmpuint (kap_fault_proxy_count (server, "POST", "/_bulk_get"), ==, 1);
  /* Refused on its Content-Length: no more than the sockets hold. */
  g_assert_cmpuint (kap_fault_proxy_get_bytes_written (server), <, SOCKET_SLACK);
}

static guint64
peak_rss_bytes (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  /* Linux counts kibibytes. */
  return (guint64) usage.ru_maxrss * 1024;
}

static void
test_gzip_bomb (void)
{
  /* In a process of its own, where the peak memory is this test's. */
  if (g_test_subprocess ())
    {
      g_autoptr(KapFaultProxy) server = new_hostile ();
      g_autoptr(KapCouchClient) client = new_client (server, 10);
      const KapFault bomb = { "GET", "/_changes", KAP_FAULT_GZIP_BOMB, 0, 0, 0, 0, .size = BOMB_SIZE };
      guint64 before;

      kap_couch_client_set_max_reply_size (client, SMALL_LIMIT);
      kap_fault_proxy_add_fault (server, &bomb);

      before = peak_rss_bytes ();
      assert_request_fails (client, "GET", DB_PATH "/_changes", KAP_SYNC_ERROR_REPLY_TOO_LARGE);
      g_test_message ("peak memory grew by %" G_GUINT64_FORMAT " bytes for a %" G_GUINT64_FORMAT
                      "-byte bomb of %" G_GSIZE_FORMAT " bytes on the wire",
                      peak_rss_bytes () - before, BOMB_SIZE, kap_fault_proxy_get_bytes_written (server));
      /* What the bomb decodes to never was in memory. */
      g_assert_cmpuint (peak_rss_bytes () - before, <, BOMB_SIZE / 8);
      g_assert_cmpuint (kap_fault_proxy_count (server, "GET", "/_changes"), ==, 1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_within_limit (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  /* Many times the first buffer, a little under the limit. */
  const KapFault large = { "GET", "/_changes", KAP_FAULT_LONG, 0, 0, 0, 0, .size = 300001 };
  const KapFault exact = { "GET", "/exact", KAP_FAULT_ENDLESS, 0, 0, 0, 0, .size = 300001 };
  const KapFault over = { "GET", "/over", KAP_FAULT_ENDLESS, 0, 0, 0, 0, .size = 300003 };
  guint status = 0;

  kap_couch_client_set_max_reply_size (client, 300001);
  kap_fault_proxy_add_fault (server, &large);
  kap_fault_proxy_add_fault (server, &exact);
  kap_fault_proxy_add_fault (server, &over);

  reply = kap_couch_client_request (client, "GET", DB_PATH "/_changes", NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (reply)), ==, 150000);
  g_clear_pointer (&reply, json_node_unref);

  /* The limit itself is allowed, a byte more is not (chunked: no length
   * to judge by before reading). */
  reply = kap_couch_client_request (client, "GET", "/exact", NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply));
  assert_request_fails (client, "GET", "/over", KAP_SYNC_ERROR_REPLY_TOO_LARGE);
}

/* Time */

static void
test_silent_server (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  const KapFault silent = { "GET", "/_changes", KAP_FAULT_SILENT, 0, 0, 0, 0 };

  kap_fault_proxy_add_fault (server, &silent);
  reply = kap_couch_client_request (client, "GET", DB_PATH "/_changes", NULL, NULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_STALLED);
  g_assert_cmpstr (error->message, ==, "The server stopped answering (no data for 1 s). "
                                       "Check the connection and try again.");
  /* Never tried again. */
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 1);
  g_assert_false (kap_couch_client_get_in_flight (client, NULL, NULL));
}

static void
test_trickle (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  /* A byte every 20 ms never stalls (10 s), but never ends either. */
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  const KapFault trickle = { "POST", "/_revs_diff", KAP_FAULT_TRICKLE, 20, 0, 0, 0, .size = 1000000 };
  g_autoptr(JsonNode) body = json_from_string ("{}", NULL);

  kap_couch_client_set_deadline (client, 1);
  kap_fault_proxy_add_fault (server, &trickle);
  reply = kap_couch_client_request (client, "POST", DB_PATH "/_revs_diff", body, NULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_DEADLINE);
  g_assert_nonnull (strstr (error->message, "within 1 s"));
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 1);
  /* It did trickle. */
  g_assert_cmpuint (kap_fault_proxy_get_bytes_written (server), >, 0);
}

static void
test_deadline_covers_retries (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  const KapFault unavailable = { "GET", "/", KAP_FAULT_STATUS, 503, 0, 0, 0 };

  /* 503 again and again, with backoffs of 2, 4, 8 s: the deadline ends
   * it in the first wait. */
  kap_couch_client_set_retry (client, 4, 2000);
  kap_couch_client_set_deadline (client, 1);
  kap_fault_proxy_add_fault (server, &unavailable);
  assert_request_fails (client, "GET", "/", KAP_SYNC_ERROR_DEADLINE);
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 1);
}

typedef struct
{
  GMainLoop      *loop;
  KapCouchClient *client;
  GError         *error;
  gboolean        done;
} Waiting;

static gboolean
in_flight_cb (gpointer user_data)
{
  Waiting *waiting = user_data;

  if (!kap_couch_client_get_in_flight (waiting->client, NULL, NULL))
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (waiting->loop);
  return G_SOURCE_REMOVE;
}

static void
waiting_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiting *waiting = user_data;
  g_autoptr(JsonNode) reply = NULL;

  reply = kap_couch_client_request_finish (KAP_COUCH_CLIENT (object), result, NULL, &waiting->error);
  waiting->done = TRUE;
  g_main_loop_quit (waiting->loop);
}

static void
test_in_flight (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 30);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const KapFault silent = { "GET", "/_changes", KAP_FAULT_SILENT, 0, 0, 0, 0 };
  Waiting waiting = { loop, client, NULL, FALSE };
  KapCouchRequestKind kind = KAP_COUCH_REQUEST_OTHER;
  gint64 before = g_get_monotonic_time ();
  gint64 since = 0;

  kap_fault_proxy_add_fault (server, &silent);
  g_assert_false (kap_couch_client_get_in_flight (client, &kind, &since));

  kap_couch_client_request_async (client, "GET", DB_PATH "/_changes?since=0&limit=100", NULL,
                                  cancellable, waiting_done_cb, &waiting);
  g_timeout_add (10, in_flight_cb, &waiting);
  g_main_loop_run (loop);

  /* What it waits for, and since when, while it waits. */
  g_assert_true (kap_couch_client_get_in_flight (client, &kind, &since));
  g_assert_cmpint (kind, ==, KAP_COUCH_REQUEST_CHANGES);
  g_assert_cmpint (since, >=, before);
  g_assert_cmpint (since, <=, g_get_monotonic_time ());

  /* Cancelling a request that waits on a silent server ends it. */
  g_cancellable_cancel (cancellable);
  while (!waiting.done)
    g_main_loop_run (loop);
  g_assert_error (waiting.error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_CANCELLED);
  g_clear_error (&waiting.error);
  g_assert_false (kap_couch_client_get_in_flight (client, NULL, NULL));
}

static void
test_request_kinds (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 30);
  static const struct { const char *method; const char *path; KapCouchRequestKind kind; } cases[] = {
    { "POST", "/_session", KAP_COUCH_REQUEST_SIGN_IN },
    { "GET", DB_PATH, KAP_COUCH_REQUEST_DATABASE },
    { "GET", DB_PATH "/_changes?style=all_docs&since=0", KAP_COUCH_REQUEST_CHANGES },
    { "POST", DB_PATH "/_revs_diff", KAP_COUCH_REQUEST_REVS_DIFF },
    { "POST", DB_PATH "/_bulk_docs", KAP_COUCH_REQUEST_BULK_DOCS },
    { "POST", DB_PATH "/_bulk_get?revs=true", KAP_COUCH_REQUEST_FETCH },
    { "GET", DB_PATH "/person%3A1?open_revs=%5B%5D&revs=true", KAP_COUCH_REQUEST_FETCH },
    { "PUT", DB_PATH "/_local/kapija-1", KAP_COUCH_REQUEST_CHECKPOINT },
    { "GET", DB_PATH "/person%3A1", KAP_COUCH_REQUEST_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      KapFault silent = { cases[i].method, NULL, KAP_FAULT_SILENT, 0, 0, 0, 0 };
      Waiting waiting = { loop, client, NULL, FALSE };
      KapCouchRequestKind kind = KAP_COUCH_REQUEST_OTHER;

      kap_fault_proxy_clear_faults (server);
      kap_fault_proxy_add_fault (server, &silent);
      kap_couch_client_request_async (client, cases[i].method, cases[i].path, NULL,
                                      cancellable, waiting_done_cb, &waiting);
      g_timeout_add (10, in_flight_cb, &waiting);
      g_main_loop_run (loop);
      g_assert_true (kap_couch_client_get_in_flight (client, &kind, NULL));
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_cancellable_cancel (cancellable);
      while (!waiting.done)
        g_main_loop_run (loop);
      g_clear_error (&waiting.error);
    }
}

/* Origin */

static void
test_same_origin_redirect (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  KapProxiedRequest *followed;
  /* What CouchDB does with an escaped design document id. */
  const KapFault moved = { "GET", "/_design%2Fkapija", KAP_FAULT_REDIRECT, 301, 0, 0, 0,
                           .location = DB_PATH "/_design/kapija" };
  const KapFault design = { "GET", "/_design/kapija", KAP_FAULT_STATUS, 200, 0, 0, 0,
                            "{\"_id\":\"_design/kapija\",\"_rev\":\"1-967a00dff5e02add41819138abb3284d\"}" };
  guint status = 0;

  kap_couch_client_set_credentials (client, "officer", "Lozinka-1");
  add_login (server);
  kap_fault_proxy_add_fault (server, &moved);
  kap_fault_proxy_add_fault (server, &design);

  reply = kap_couch_client_request (client, "GET", DB_PATH "/_design%2Fkapija", NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "_id"), ==, "_design/kapija");

  /* The redirect was followed with the session cookie: on the same
   * server, it is where the cookie belongs. */
  requests = kap_fault_proxy_get_requests (server);
  g_assert_cmpuint (requests->len, ==, 3);
  followed = g_ptr_array_index (requests, 2);
  g_assert_cmpstr (followed->path, ==, DB_PATH "/_design/kapija");
  g_assert_cmpstr (followed->cookie, ==, COOKIE);
  g_assert_false (followed->authorization);
}

/* @status from @path on the first server to the second: the error, and
 * nothing of it, cookie or password, on the second. */
static void
assert_not_followed (const char *method,
                     const char *path,
                     guint       status)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapFaultProxy) elsewhere = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autofree char *location = g_strconcat (kap_fault_proxy_get_url (elsewhere), path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"keys\":[]}", NULL);
  const KapFault away = { method, path, KAP_FAULT_REDIRECT, status, 0, 0, 0, .location = location };
  const KapFault welcome = { NULL, NULL, KAP_FAULT_STATUS, 200, 0, 0, 0, "{\"ok\":true}" };

  kap_couch_client_set_credentials (client, "officer", "Lozinka-1");
  kap_fault_proxy_add_fault (server, &away);
  add_login (server);
  kap_fault_proxy_add_fault (elsewhere, &welcome);

  reply = kap_couch_client_request (client, method, path, body, NULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_REDIRECT);
  /* It says where the server sent it. */
  g_assert_nonnull (strstr (error->message, kap_fault_proxy_get_url (elsewhere)));
  g_assert_cmpuint (kap_fault_proxy_count (elsewhere, NULL, NULL), ==, 0);
  g_assert_cmpuint (kap_fault_proxy_count (server, method, path), ==, 1);
}

static void
test_cross_origin_redirect (void)
{
  /* With the session cookie. */
  assert_not_followed ("GET", DB_PATH "/_changes", 302);
  assert_not_followed ("POST", DB_PATH "/_bulk_get", 308);
  /* With the password in the body. */
  assert_not_followed ("POST", "/_session", 307);
}

static void
test_redirect_loop (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  const KapFault loop = { "GET", "/loop", KAP_FAULT_REDIRECT, 302, 0, 0, 0, .location = "/loop" };

  kap_fault_proxy_add_fault (server, &loop);
  assert_request_fails (client, "GET", "/loop", KAP_SYNC_ERROR_SERVER);
  /* The request and five redirects, once: a loop is not retried. */
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 6);
}

/* Connections */

static void
test_stale_connection (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) checkpoint = json_from_string ("{\"last_seq\":\"12-g1AAAA\"}", NULL);
  g_autoptr(GPtrArray) requests = NULL;
  KapProxiedRequest *put;
  /* The database's reply keeps the connection; the server closes it
   * under the checkpoint's PUT, which libsoup then sends again on a new
   * connection. */
  const KapFault stale = { "GET", NULL, KAP_FAULT_STALE_CONNECTION, 200, 0, 1, 0,
                           "{\"db_name\":\"kapija-st-rs-pre\"}" };
  const KapFault saved = { "PUT", "/_local/", KAP_FAULT_STATUS, 201, 0, 0, 0,
                           "{\"ok\":true,\"id\":\"_local/kapija-1\",\"rev\":\"0-1\"}" };
  guint status = 0;

  kap_fault_proxy_add_fault (server, &stale);
  kap_fault_proxy_add_fault (server, &saved);

  reply = kap_couch_client_request (client, "GET", DB_PATH, NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&reply, json_node_unref);

  /* Sent again with its body: without, the server would wait for the
   * body its Content-Length announces, and the client stall. */
  reply = kap_couch_client_request (client, "PUT", DB_PATH "/_local/kapija-1", checkpoint, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 201);

  /* The first PUT was hung up on unread; the second came whole. */
  g_assert_cmpuint (kap_fault_proxy_count (server, "PUT", NULL), ==, 1);
  requests = kap_fault_proxy_get_requests (server);
  put = g_ptr_array_index (requests, requests->len - 1);
  g_assert_cmpstr (put->method, ==, "PUT");
  g_assert_cmpuint (put->body_length, ==, strlen ("{\"last_seq\":\"12-g1AAAA\"}"));

  /* The client gone, the proxy holds none of the sockets, the one it hung
   * up on included. */
  g_clear_object (&client);
  g_assert_true (kap_fault_proxy_wait_no_sockets (server, 10));
}

/* The causes named */

static void
test_cookie_flood (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  const KapFault flood = { "POST", "/_session", KAP_FAULT_COOKIE_FLOOD, 400, 0, 0, 0 };

  kap_couch_client_set_credentials (client, "officer", "Lozinka-1");
  kap_fault_proxy_add_fault (server, &flood);
  g_assert_false (kap_couch_client_log_in (client, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_HEADERS_TOO_LARGE);
  g_assert_null (strstr (error->message, "did not answer"));
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 1);
}

static void
test_lockout (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  const KapFault locked = { "POST", "/_session", KAP_FAULT_STATUS, 403, 0, 0, 0,
                            KAP_FAULT_COUCHDB_LOCKOUT };

  kap_couch_client_set_credentials (client, "officer", "Lozinka-1");
  kap_fault_proxy_add_fault (server, &locked);
  g_assert_false (kap_couch_client_log_in (client, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_LOCKED_OUT);
  g_assert_cmpstr (error->message, ==, "This account is locked for a while after too many failed sign-ins. "
                                       "Wait a few minutes before trying again.");
  g_clear_error (&error);

  /* Never tried again by itself: every try would extend the lock. */
  assert_request_fails (client, "GET", DB_PATH, KAP_SYNC_ERROR_LOCKED_OUT);
  g_assert_false (kap_couch_client_log_in (client, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 1);

  /* Credentials given again are a person's decision to try. */
  kap_couch_client_set_credentials (client, "officer", "Lozinka-1");
  g_assert_false (kap_couch_client_log_in (client, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_LOCKED_OUT);
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 2);
}

static void
test_login_statuses (void)
{
  g_autoptr(KapFaultProxy) server = new_hostile ();
  g_autoptr(KapCouchClient) client = new_client (server, 10);
  g_autoptr(GError) error = NULL;
  const KapFault wrong = { "POST", "/_session", KAP_FAULT_STATUS, 401, 0, 1, 0,
                           "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}" };
  const KapFault refused = { "POST", "/_session", KAP_FAULT_STATUS, 403, 0, 0, 0,
                             "<html>Forbidden</html>" };

  kap_couch_client_set_credentials (client, "officer", "Pogrešna");
  kap_fault_proxy_add_fault (server, &wrong);
  kap_fault_proxy_add_fault (server, &refused);

  /* 401: the name or the password. */
  g_assert_false (kap_couch_client_log_in (client, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  /* A 403 that is not CouchDB's lockout refuses the sign-in all the
   * same, and locks nothing in the client. */
  g_assert_false (kap_couch_client_log_in (client, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (kap_couch_client_log_in (client, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_AUTH);
  g_assert_cmpuint (kap_fault_proxy_count (server, NULL, NULL), ==, 3);
}

static void
test_messages (void)
{
  g_autoptr(GError) large = NULL;
  g_autoptr(GError) stalled = NULL;
  g_autoptr(GError) deadline = NULL;
  g_autoptr(GError) redirect = NULL;

  kap_sync_set_error_limit (&large, KAP_SYNC_ERROR_REPLY_TOO_LARGE, KAP_COUCH_CLIENT_DEFAULT_MAX_REPLY_SIZE);
  g_assert_nonnull (strstr (large->message, "64.0\u00a0MiB"));
  kap_sync_set_error_limit (&stalled, KAP_SYNC_ERROR_STALLED, KAP_COUCH_CLIENT_DEFAULT_STALL_SECONDS);
  g_assert_nonnull (strstr (stalled->message, "The server stopped answering (no data for 30 s)"));
  kap_sync_set_error_limit (&deadline, KAP_SYNC_ERROR_DEADLINE, KAP_COUCH_CLIENT_DEFAULT_DEADLINE_SECONDS);
  g_assert_nonnull (strstr (deadline->message, "300 s"));
  kap_sync_set_error_redirect (&redirect, NULL);
  g_assert_error (redirect, KAP_SYNC_ERROR, KAP_SYNC_ERROR_REDIRECT);

  for (int code = KAP_SYNC_ERROR_REPLY_TOO_LARGE; code <= KAP_SYNC_ERROR_LOCKED_OUT; code++)
    {
      g_autoptr(GError) error = NULL;

      kap_sync_set_error (&error, code);
      g_assert_error (error, KAP_SYNC_ERROR, code);
      /* For a supervisor: no HTTP in it. */
      g_assert_null (strstr (error->message, "HTTP"));
      g_assert_null (strstr (error->message, "JSON"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/couch-hostile/size/endless-chunked", test_endless_chunked);
  g_test_add_func ("/couch-hostile/size/huge-content-length", test_huge_content_length);
  g_test_add_func ("/couch-hostile/size/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/couch-hostile/size/within-limit", test_within_limit);
  g_test_add_func ("/couch-hostile/time/silent", test_silent_server);
  g_test_add_func ("/couch-hostile/time/trickle", test_trickle);
  g_test_add_func ("/couch-hostile/time/deadline-covers-retries", test_deadline_covers_retries);
  g_test_add_func ("/couch-hostile/time/in-flight", test_in_flight);
  g_test_add_func ("/couch-hostile/time/request-kinds", test_request_kinds);
  g_test_add_func ("/couch-hostile/origin/same-origin-redirect", test_same_origin_redirect);
  g_test_add_func ("/couch-hostile/origin/cross-origin-redirect", test_cross_origin_redirect);
  g_test_add_func ("/couch-hostile/origin/redirect-loop", test_redirect_loop);
  g_test_add_func ("/couch-hostile/connection/stale", test_stale_connection);
  g_test_add_func ("/couch-hostile/cause/cookie-flood", test_cookie_flood);
  g_test_add_func ("/couch-hostile/cause/lockout", test_lockout);
  g_test_add_func ("/couch-hostile/cause/login-statuses", test_login_statuses);
  g_test_add_func ("/couch-hostile/cause/messages", test_messages);

  return g_test_run ();
}
