/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exact-values"

#include "config.h"

#include "kap-couch-client.h"
#include "kap-couch-peer.h"
#include "kap-json.h"

#include "kap-sync-test-util.h"

/* Values that must pass through unchanged, against PouchDB Server: what
 * another client wrote (a name cut inside an emoji by a JavaScript client,
 * U+0000, large numbers) is pulled, kept, and pushed back exactly; a pull
 * that meets it goes on with everything after it. */

static KapTestServer *server;
static guint db_counter;

#define EXACT_ID "person:0190a5a0-0000-7000-8000-0000000000e2"

/* As a JavaScript client sends them. PouchDB Server keeps these exactly
 * (numbers as doubles: 12345678901234567000 is one, printed the same). */
static const char exact_doc[] =
  "{\"type\":\"person\",\"name_stated\":\"Ана\\ud83d\",\"note\":\"ab\\u0000cd\","
  "\"big\":12345678901234567000,\"e21\":1e21,\"nested\":{\"cut\":\"\\ude00x\"}}";

static const char * const exact_members[] = {
  "\"name_stated\":\"Ана\\ud83d\"",
  "\"note\":\"ab\\u0000cd\"",
  "\"big\":12345678901234567000",
  "\"e21\":1e+21",
  "\"cut\":\"\\ude00x\"",
};

static char *
new_database (void)
{
  g_autoptr(GError) error = NULL;
  char *name = g_strdup_printf ("kapija-st-x%u", ++db_counter);

  kap_test_server_create_database (server, name, &error);
  g_assert_no_error (error);
  return name;
}

static KapReplicationSummary *
run (KapStore                *store,
     const char              *database,
     KapReplicationDirection  directions)
{
  g_autoptr(KapCouchClient) client = kap_couch_client_new (kap_test_server_get_url (server), 10);
  g_autoptr(KapReplicator) replicator = kap_couch_replicator_new (store, client, database);
  g_autoptr(GError) error = NULL;
  KapReplicationSummary *summary;

  summary = kap_replicator_run (replicator, directions, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

/* The server's own text of a document, canonical: json-glib (which the
 * harness parses with) would change the very values under test. */
static char *
server_text (const char *database,
             const char *id)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *url = g_strdup_printf ("%s/%s/%s", kap_test_server_get_url (server), database, escaped);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *data;
  gsize size;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  bytes = soup_session_send_and_read (kap_test_server_get_session (server), message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  data = g_bytes_get_data (bytes, &size);
  node = kap_json_parse (data, size, NULL, &error);
  g_assert_no_error (error);
  return kap_canonical_json_node (node);
}

static void
put_text (const char *database,
          const char *id,
          const char *json)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *path = g_strdup_printf ("/%s/%s", database, escaped);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_test_server_request_text (server, "PUT", path, json, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 201);
}

static void
assert_exact (const char *json)
{
  for (guint i = 0; i < G_N_ELEMENTS (exact_members); i++)
    {
      g_test_message ("member %s", exact_members[i]);
      g_assert_nonnull (strstr (json, exact_members[i]));
    }
}

static void
test_round_trip (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapReplicationSummary) pulled = NULL;
  g_autoptr(KapReplicationSummary) pushed = NULL;
  g_autoptr(KapReplicationSummary) again = NULL;
  g_autoptr(KapDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *stored_json = NULL;
  g_autofree char *after = NULL;
  g_autofree char *rev = NULL;

  /* Something before it and after it in the feed: nothing after a value
   * once failed every later pull. */
  put_text (db, "person:0190a5a0-0000-7000-8000-0000000000e1", "{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\"}");
  put_text (db, EXACT_ID, exact_doc);
  put_text (db, "person:0190a5a0-0000-7000-8000-0000000000e3", "{\"type\":\"person\",\"name_stated\":\"Ayşe Yılmaz\"}");
  before = server_text (db, EXACT_ID);
  assert_exact (before);

  pulled = run (local->store, db, KAP_REPLICATION_PULL);
  g_assert_cmpuint (pulled->pulled, ==, 3);
  g_assert_cmpuint (pulled->errors, ==, 0);

  stored = kap_store_get (local->store, EXACT_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  stored_json = kap_document_to_json (stored);
  assert_exact (stored_json);

  /* A local edit of another member, pushed: the server's new revision has
   * every value as it was. */
  json_object_set_string_member (kap_document_get_body (stored), "sex", "F");
  rev = kap_store_put (local->store, stored, &error);
  g_assert_no_error (error);
  pushed = run (local->store, db, KAP_REPLICATION_PUSH);
  g_assert_cmpuint (pushed->pushed, ==, 1);
  g_assert_cmpuint (pushed->rejected, ==, 0);
  g_assert_cmpuint (pushed->errors, ==, 0);

  after = server_text (db, EXACT_ID);
  assert_exact (after);
  g_assert_nonnull (strstr (after, rev));
  g_assert_nonnull (strstr (after, "\"sex\":\"F\""));

  /* And nothing is left to do either way. */
  again = run (local->store, db, KAP_REPLICATION_BOTH);
  g_assert_cmpuint (again->pushed + again->pulled + again->errors, ==, 0);
}

/* 1e21 once went out as "1e+21.0": the server answered 400 and every later
 * push failed. */
static void
test_local_number_pushed (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autofree char *db = new_database ();
  g_autoptr(KapDocument) document = kap_document_new_for_type ("person");
  g_autoptr(KapReplicationSummary) pushed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *text = NULL;

  json_object_set_double_member (kap_document_get_body (document), "weight", 1e21);
  json_object_set_double_member (kap_document_get_body (document), "ratio", 0.1);
  rev = kap_store_put (local->store, document, &error);
  g_assert_no_error (error);

  pushed = run (local->store, db, KAP_REPLICATION_PUSH);
  g_assert_cmpuint (pushed->pushed, ==, 1);
  g_assert_cmpuint (pushed->errors, ==, 0);

  text = server_text (db, kap_document_get_id (document));
  g_assert_nonnull (strstr (text, "\"weight\":1e+21"));
  g_assert_nonnull (strstr (text, "\"ratio\":0.1"));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = kap_test_server_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/exact-values/round-trip", test_round_trip);
  g_test_add_func ("/exact-values/local-number-pushed", test_local_number_pushed);

  status = g_test_run ();
  kap_test_server_stop (server);
  return status;
}
