/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-couch-client"

#include "config.h"

#include <string.h>

#include "kap-couch-client.h"
#include "kap-fault-proxy.h"
#include "kap-test-server.h"

/* KapCouchClient against PouchDB Server with users, a station database
 * readable by its station's role only and an admin (so no admin party),
 * through the fault proxy where a test needs the server to misbehave or
 * needs to count requests. */

#define DB          "kapija-st-rs-pre"
#define DB_PATH     "/" DB

static KapTestServer *server;

static void
set_up_server (void)
{
  static const char * const setup[][3] = {
    { "PUT", DB_PATH, NULL },
    { "PUT", "/_users/org.couchdb.user:officer",
      "{\"name\":\"officer\",\"password\":\"Lozinka-1\",\"roles\":[\"station:RS-PRE\",\"kapija_officer\"],\"type\":\"user\"}" },
    { "PUT", "/_users/org.couchdb.user:outsider",
      "{\"name\":\"outsider\",\"password\":\"Fjalëkalim-2\",\"roles\":[\"station:BA-USK\",\"kapija_officer\"],\"type\":\"user\"}" },
    { "PUT", DB_PATH "/_security",
      "{\"admins\":{\"names\":[],\"roles\":[]},\"members\":{\"names\":[],\"roles\":[\"station:RS-PRE\"]}}" },
    /* Last: after it, only the admin may create databases. */
    { "PUT", "/_config/admins/admin", "\"Admin-3\"" },
  };
  g_autoptr(GError) error = NULL;

  server = kap_test_server_start (&error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (setup); i++)
    {
      g_autoptr(JsonNode) reply = kap_test_server_request_text (server, setup[i][0], setup[i][1],
                                                                setup[i][2], NULL, &error);
      g_assert_no_error (error);
    }
}

static KapFaultProxy *
new_proxy (void)
{
  g_autoptr(GError) error = NULL;
  KapFaultProxy *proxy = kap_fault_proxy_new (kap_test_server_get_url (server), &error);

  g_assert_no_error (error);
  return proxy;
}

static KapCouchClient *
new_client (const char *url,
            const char *name,
            const char *password)
{
  KapCouchClient *client = kap_couch_client_new (url, 5);

  g_assert_nonnull (client);
  if (name != NULL)
    kap_couch_client_set_credentials (client, name, password);
  kap_couch_client_set_retry (client, 4, 20);
  return client;
}

/* GET /db: the status, or 0 with @error. */
static guint
get_db (KapCouchClient  *client,
        GError         **error)
{
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_couch_client_request (client, "GET", DB_PATH, NULL, &status, NULL, error);
  if (reply == NULL)
    return 0;
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply) || JSON_NODE_HOLDS_NULL (reply));
  return status;
}

static void
test_log_in (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (get_db (client, &error), ==, 200);
  g_assert_no_error (error);
  g_assert_cmpuint (get_db (client, &error), ==, 200);
  g_assert_no_error (error);
  /* One login, the cookie for the rest. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "/_session"), ==, 1);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", DB_PATH), ==, 2);
}

static void
test_credentials_in_url (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autofree char *url = g_strdup_printf ("http://officer:Lozinka-1@%s/",
                                          kap_fault_proxy_get_url (proxy) + strlen ("http://"));
  g_autoptr(KapCouchClient) client = new_client (url, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (kap_couch_client_get_url (client), ==, kap_fault_proxy_get_url (proxy));
  g_assert_cmpstr (kap_couch_client_get_user_name (client), ==, "officer");
  g_assert_cmpuint (get_db (client, &error), ==, 200);
  g_assert_no_error (error);
}

static void
test_wrong_password (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "wrong");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_AUTH);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "/_session"), <=, 2);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", DB_PATH), ==, 0);
}

static void
test_no_credentials (void)
{
  g_autoptr(KapCouchClient) client = new_client (kap_test_server_get_url (server), NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_AUTH);
}

static void
test_not_a_member (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "outsider", "Fjalëkalim-2");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_FORBIDDEN);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "/_session"), ==, 1);
}

static void
test_forbidden_403 (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");
  g_autoptr(GError) error = NULL;
  /* What CouchDB answers a non-member. */
  const KapFault forbidden = { "GET", DB_PATH, KAP_FAULT_STATUS, 403, 0, 0, 0 };

  kap_fault_proxy_add_fault (proxy, &forbidden);
  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_FORBIDDEN);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", DB_PATH), ==, 1);
}

static void
test_session_expired (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");
  g_autoptr(GError) error = NULL;
  const KapFault expired = { "GET", DB_PATH, KAP_FAULT_STATUS, 401, 0, 1, 0 };
  const KapFault always = { "GET", DB_PATH, KAP_FAULT_STATUS, 401, 0, 0, 0 };

  g_assert_cmpuint (get_db (client, &error), ==, 200);
  g_assert_no_error (error);

  /* The second GET finds the session gone: one login again, then on. */
  kap_fault_proxy_add_fault (proxy, &expired);
  g_assert_cmpuint (get_db (client, &error), ==, 200);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "/_session"), ==, 2);

  /* A 401 that stays: one more login, then an error, never a loop. */
  kap_fault_proxy_clear_faults (proxy);
  kap_fault_proxy_add_fault (proxy, &always);
  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_FORBIDDEN);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "/_session"), ==, 3);
}

static void
test_retry_500 (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");
  g_autoptr(GError) error = NULL;
  const KapFault twice = { "GET", DB_PATH, KAP_FAULT_STATUS, 500, 0, 2, 0 };
  const KapFault always = { "GET", DB_PATH, KAP_FAULT_STATUS, 502, 0, 0, 0 };

  kap_fault_proxy_add_fault (proxy, &twice);
  g_assert_cmpuint (get_db (client, &error), ==, 200);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", DB_PATH), ==, 3);

  kap_fault_proxy_clear_faults (proxy);
  kap_fault_proxy_reset_requests (proxy);
  kap_fault_proxy_add_fault (proxy, &always);
  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_SERVER);
  /* Four tries in all, then the error. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", DB_PATH), ==, 4);
}

static void
test_backoff_grows (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = kap_couch_client_new (kap_fault_proxy_get_url (proxy), 5);
  g_autoptr(GError) error = NULL;
  const KapFault always = { "GET", "/", KAP_FAULT_STATUS, 503, 0, 0, 0 };
  g_autoptr(JsonNode) reply = NULL;
  gint64 start, elapsed;

  /* 100, 200, 400 ms ± 25 %: between 525 and 875 ms of waiting. */
  kap_couch_client_set_retry (client, 4, 100);
  kap_fault_proxy_add_fault (proxy, &always);
  start = g_get_monotonic_time ();
  reply = kap_couch_client_request (client, "GET", "/", NULL, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_SERVER);
  /* The waits are a floor whatever the machine; how much longer the
   * requests took depends on its speed, so no ceiling: the four tries
   * show that nothing was retried beyond them. */
  g_assert_cmpint (elapsed, >=, 525 * 1000);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", "/"), ==, 4);
}

static void
test_dropped_connection (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");
  g_autoptr(GError) error = NULL;
  const KapFault once = { "GET", DB_PATH, KAP_FAULT_DROP, 0, 0, 1, 0 };
  const KapFault always = { "GET", DB_PATH, KAP_FAULT_DROP, 0, 0, 0, 0 };

  kap_fault_proxy_add_fault (proxy, &once);
  g_assert_cmpuint (get_db (client, &error), ==, 200);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_fault_proxy_count_faulted (proxy), ==, 1);

  kap_fault_proxy_clear_faults (proxy);
  kap_fault_proxy_add_fault (proxy, &always);
  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_UNREACHABLE);
}

static void
test_timeout (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = kap_couch_client_new (kap_fault_proxy_get_url (proxy), 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  const KapFault slow = { "GET", "/", KAP_FAULT_DELAY, 4000, 0, 0, 0 };

  kap_couch_client_set_retry (client, 2, 10);
  kap_fault_proxy_add_fault (proxy, &slow);
  reply = kap_couch_client_request (client, "GET", "/", NULL, NULL, NULL, &error);
  /* A server that stops answering has stalled: said so, and not tried
   * again (a stall already cost the stall time). */
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_STALLED);
  g_assert_null (reply);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", "/"), ==, 1);
}

static void
test_malformed (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");
  g_autoptr(GError) error = NULL;
  const KapFault corrupt = { "GET", DB_PATH, KAP_FAULT_CORRUPT, 0, 0, 1, 0 };
  const KapFault truncate = { "GET", DB_PATH, KAP_FAULT_TRUNCATE, 0, 0, 1, 0 };

  kap_fault_proxy_add_fault (proxy, &corrupt);
  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED);
  g_clear_error (&error);
  /* Not retried. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", DB_PATH), ==, 1);

  kap_fault_proxy_clear_faults (proxy);
  kap_fault_proxy_add_fault (proxy, &truncate);
  g_assert_cmpuint (get_db (client, &error), ==, 0);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED);
}

static void
test_too_large (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"docs\":[]}", NULL);
  const KapFault too_large = { "POST", "_bulk_docs", KAP_FAULT_STATUS, 413, 0, 0, 0 };

  kap_fault_proxy_add_fault (proxy, &too_large);
  reply = kap_couch_client_request (client, "POST", DB_PATH "/_bulk_docs", body, NULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_TOO_LARGE);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "_bulk_docs"), ==, 1);
}

static void
test_server_down (void)
{
  g_autoptr(GError) error = NULL;
  KapTestServer *doomed = kap_test_server_start (&error);
  g_autofree char *url = NULL;
  g_autoptr(KapCouchClient) client = NULL;
  g_autoptr(JsonNode) reply = NULL;

  g_assert_no_error (error);
  url = g_strdup (kap_test_server_get_url (doomed));
  kap_test_server_stop (doomed);

  client = new_client (url, "officer", "Lozinka-1");
  reply = kap_couch_client_request (client, "GET", "/", NULL, NULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_UNREACHABLE);
  g_assert_cmpstr (error->message, ==, "The server did not answer. Check the connection and try again.");
  g_assert_cmpuint (kap_couch_client_get_request_count (client), ==, 4);
}

static void
test_cancelled (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;

  g_cancellable_cancel (cancellable);
  reply = kap_couch_client_request (client, "GET", "/", NULL, NULL, cancellable, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_CANCELLED);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, NULL), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  JsonNode  *reply;
  guint      status;
  GError    *error;
} AsyncState;

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncState *state = user_data;

  state->reply = kap_couch_client_request_finish (KAP_COUCH_CLIENT (object), result,
                                                  &state->status, &state->error);
  g_main_loop_quit (state->loop);
}

/* The proxy lets go of every socket once its client is done with it:
 * through libsoup 3.2's own listener, which keeps a reference to every
 * socket it accepts, it once held each of them to the end. */
static void
test_proxy_releases_connections (void)
{
  g_autoptr(KapFaultProxy) proxy = new_proxy ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(KapCouchClient) client = new_client (kap_fault_proxy_get_url (proxy), "officer", "Lozinka-1");

    for (guint i = 0; i < 3; i++)
      {
        g_assert_cmpuint (get_db (client, &error), ==, 200);
        g_assert_no_error (error);
      }
  }

  g_assert_true (kap_fault_proxy_wait_no_sockets (proxy, 10));
}

static void
test_async (void)
{
  g_autoptr(KapCouchClient) client = new_client (kap_test_server_get_url (server), "officer", "Lozinka-1");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, NULL, 0, NULL };

  kap_couch_client_request_async (client, "GET", DB_PATH, NULL, NULL, request_done_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (state.reply));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (state.reply), "db_name"), ==, DB);
  json_node_unref (state.reply);
}

static void
test_not_found_is_no_error (void)
{
  g_autoptr(KapCouchClient) client = new_client (kap_test_server_get_url (server), "officer", "Lozinka-1");
  g_autofree char *path = kap_couch_client_build_path (DB, "_local/kapija-none", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_couch_client_request (client, "GET", path, NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 404);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  set_up_server ();

  g_test_add_func ("/couch-client/auth/log-in", test_log_in);
  g_test_add_func ("/couch-client/auth/credentials-in-url", test_credentials_in_url);
  g_test_add_func ("/couch-client/auth/wrong-password", test_wrong_password);
  g_test_add_func ("/couch-client/auth/no-credentials", test_no_credentials);
  g_test_add_func ("/couch-client/auth/not-a-member", test_not_a_member);
  g_test_add_func ("/couch-client/auth/forbidden-403", test_forbidden_403);
  g_test_add_func ("/couch-client/auth/session-expired", test_session_expired);
  g_test_add_func ("/couch-client/retry/500", test_retry_500);
  g_test_add_func ("/couch-client/retry/backoff", test_backoff_grows);
  g_test_add_func ("/couch-client/retry/dropped-connection", test_dropped_connection);
  g_test_add_func ("/couch-client/errors/timeout", test_timeout);
  g_test_add_func ("/couch-client/errors/malformed", test_malformed);
  g_test_add_func ("/couch-client/errors/too-large", test_too_large);
  g_test_add_func ("/couch-client/errors/server-down", test_server_down);
  g_test_add_func ("/couch-client/errors/cancelled", test_cancelled);
  g_test_add_func ("/couch-client/errors/not-found-is-a-status", test_not_found_is_no_error);
  g_test_add_func ("/couch-client/async", test_async);
  g_test_add_func ("/couch-client/proxy/releases-connections", test_proxy_releases_connections);

  status = g_test_run ();
  kap_test_server_stop (server);
  return status;
}
