/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reference"

#include "config.h"

#include <string.h>

#include "kap-record.h"
#include "kap-reference.h"
#include "kap-server-setup.h"

#include "kap-sync-test-util.h"

/* The pull of the reference database against PouchDB Server, set up by
 * KapServerSetup: a newer form version from the server is what new
 * records use, older records keep theirs, a broken form is reported and
 * skipped, and the laptop never writes the reference database. */

#define ADMIN          "admin"
#define ADMIN_PASSWORD "Admin-3"
#define SUPERVISOR     "lejla.begovic"
#define SUPERVISOR_PASSWORD "Lozinka-5"

static KapTestServer *server;

/* @method on @id of kapija-reference as the administrator (basic auth);
 * returns the HTTP status. */
static guint
admin_request (const char *method,
               const char *id,
               JsonObject *body)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *url = g_strdup_printf ("%s/kapija-reference/%s", kap_test_server_get_url (server), escaped);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autofree char *token = g_base64_encode ((const guchar *) ADMIN ":" ADMIN_PASSWORD,
                                            strlen (ADMIN ":" ADMIN_PASSWORD));
  g_autofree char *authorization = g_strconcat ("Basic ", token, NULL);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
      g_autofree char *text = json_to_string (node, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  reply = soup_session_send_and_read (kap_test_server_get_session (server), message, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (message);
}

static void
admin_put (const char *id,
           JsonObject *body)
{
  g_assert_cmpuint (admin_request ("PUT", id, body), ==, 201);
}

static JsonObject *
shipped_form (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KAP_TEST_SRCDIR"), "..", "core", "forms", "shipped", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* screening@2: screening@1 with one more question at the end. */
static void
upload_screening_2 (void)
{
  g_autoptr(JsonObject) form = shipped_form ("screening.json");
  g_autoptr(JsonObject) label = json_object_new ();
  JsonObject *field = json_object_new ();

  json_object_set_int_member (form, "version", 2);
  json_object_set_string_member (field, "name", "arrival_route_note");
  json_object_set_string_member (field, "type", "text");
  json_object_set_string_member (label, "en", "How did the person arrive?");
  json_object_set_string_member (label, "sq", "Si mbërriti personi?");
  json_object_set_object_member (field, "label", json_object_ref (label));
  json_array_add_object_element (json_object_get_array_member (form, "fields"), field);

  admin_put ("form:screening@2", form);
}

static KapCouchClient *
new_client (void)
{
  KapCouchClient *client = kap_couch_client_new (kap_test_server_get_url (server), 10);

  kap_couch_client_set_credentials (client, SUPERVISOR, SUPERVISOR_PASSWORD);
  kap_couch_client_set_retry (client, 2, 20);
  return client;
}

static KapFormRegistry *
builtin_forms (void)
{
  KapFormRegistry *forms = kap_form_registry_new ();
  g_autoptr(GError) error = NULL;

  kap_form_registry_load_builtin (forms, &error);
  g_assert_no_error (error);
  return forms;
}

static void
test_newer_form (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFormRegistry) forms = builtin_forms ();
  g_autoptr(KapFormRegistry) restarted = builtin_forms ();
  g_autoptr(KapCouchClient) client = new_client ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(KapReplicationSummary) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(KapDocument) record = NULL;
  g_autoptr(KapDocument) old_record = NULL;
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author = { "SV-04", "BA_USK1", kap_store_get_device_id (local->store) };
  KapForm *latest;

  g_assert_cmpuint (kap_form_get_version (kap_form_registry_get_latest (forms, "screening")), ==, 1);

  summary = kap_reference_pull (local->store, client, forms, &problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpuint (problems->len, ==, 0);
  /* The five shipped forms, screening@2 and one station (the replicator
   * leaves design documents on the server). */
  g_assert_cmpuint (summary->pulled, ==, 7);
  g_assert_cmpuint (summary->pushed, ==, 0);

  latest = kap_form_registry_get_latest (forms, "screening");
  g_assert_cmpuint (kap_form_get_version (latest), ==, 2);
  g_assert_nonnull (kap_form_lookup_field (latest, "arrival_route_note"));

  /* New records use the newest form… */
  record = kap_record_new (latest, &author, NULL);
  g_assert_cmpstr (kap_record_get_form_key (record), ==, "screening@2");

  /* …a record captured with @1 still finds @1. */
  old_record = kap_record_new (kap_form_registry_lookup (forms, "screening@1"), &author, NULL);
  g_assert_cmpstr (kap_record_get_form_key (old_record), ==, "screening@1");
  g_assert_cmpuint (kap_form_get_version (kap_form_registry_lookup (forms, kap_record_get_form_key (old_record))),
                    ==, 1);
  g_assert_null (kap_form_lookup_field (kap_form_registry_lookup (forms, "screening@1"), "arrival_route_note"));

  /* At the next start, without a network, the pulled form is there. */
  g_assert_cmpint (kap_reference_load_forms (local->store, restarted, NULL, &error), ==, 6);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_form_get_version (kap_form_registry_get_latest (restarted, "screening")), ==, 2);

  /* Pulling again fetches nothing new. */
  again = kap_reference_pull (local->store, client, forms, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->pulled, ==, 0);
}

static void
test_broken_form (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFormRegistry) forms = builtin_forms ();
  g_autoptr(KapCouchClient) client = new_client ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) broken = shipped_form ("referral.json");
  g_autoptr(JsonObject) cyclic = shipped_form ("person.json");
  g_autoptr(GError) error = NULL;
  const char *message;

  /* A field of a type no form knows, and a form that is not even a form. */
  json_object_set_int_member (broken, "version", 7);
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (broken, "fields"), 0),
                                 "type", "hologram");
  admin_put ("form:referral@7", broken);
  json_object_set_int_member (cyclic, "version", 3);
  json_object_remove_member (cyclic, "form_id");
  admin_put ("form:person@3", cyclic);

  summary = kap_reference_pull (local->store, client, forms, &problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  g_assert_cmpuint (problems->len, ==, 2);
  message = g_ptr_array_index (problems, 0);
  g_assert_nonnull (strstr (message, "form:person@3"));
  g_assert_nonnull (strstr (message, "form_id"));
  message = g_ptr_array_index (problems, 1);
  g_assert_nonnull (strstr (message, "form:referral@7"));

  /* The others loaded. */
  g_assert_cmpuint (kap_form_get_version (kap_form_registry_get_latest (forms, "screening")), ==, 2);
  g_assert_cmpuint (kap_form_get_version (kap_form_registry_get_latest (forms, "referral")), ==, 1);
  g_assert_cmpuint (kap_form_get_version (kap_form_registry_get_latest (forms, "person")), ==, 1);
  g_assert_null (kap_form_registry_lookup (forms, "referral@7"));
}

static void
test_pull_only (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFormRegistry) forms = builtin_forms ();
  g_autoptr(KapCouchClient) client = new_client ();
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(KapDocument) local_doc = kap_document_new_for_type ("codelist");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (kap_document_get_body (local_doc), "name", "made on the laptop");
  rev = kap_store_put (local->store, local_doc, &error);
  g_assert_no_error (error);

  summary = kap_reference_pull (local->store, client, forms, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pushed, ==, 0);

  g_assert_cmpuint (admin_request ("GET", kap_document_get_id (local_doc), NULL), ==, 404);
  g_assert_cmpuint (admin_request ("GET", "form:screening@2", NULL), ==, 200);
}

static void
test_unreachable (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(KapFormRegistry) forms = builtin_forms ();
  g_autoptr(KapCouchClient) client = kap_couch_client_new ("http://127.0.0.1:9", 2);
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  kap_couch_client_set_retry (client, 1, 10);
  summary = kap_reference_pull (local->store, client, forms, NULL, NULL, &error);
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_UNREACHABLE);
  g_assert_null (summary);
  /* The shipped forms are still there. */
  g_assert_nonnull (kap_form_registry_get_latest (forms, "screening"));
}

static void
test_store_path (void)
{
  g_autofree char *a = kap_reference_store_path ("/home/o/.local/share/kapija/kapija.db");
  g_autofree char *b = kap_reference_store_path ("/tmp/store");

  g_assert_cmpstr (a, ==, "/home/o/.local/share/kapija/kapija-reference.db");
  g_assert_cmpstr (b, ==, "/tmp/store-reference");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(KapCouchClient) admin = NULL;
  g_autoptr(KapServerSetup) setup = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  server = kap_test_server_start (&error);
  g_assert_no_error (error);
  reply = kap_test_server_request_text (server, "PUT", "/_config/admins/" ADMIN, "\"" ADMIN_PASSWORD "\"",
                                        NULL, &error);
  g_assert_no_error (error);

  admin = kap_couch_client_new (kap_test_server_get_url (server), 10);
  kap_couch_client_set_credentials (admin, ADMIN, ADMIN_PASSWORD);
  setup = kap_server_setup_new (admin);
  kap_server_setup_add_station (setup, "BA_USK1", "Ušivak", &error);
  g_assert_no_error (error);
  kap_server_setup_add_user (setup, SUPERVISOR, "supervisor", "BA_USK1", SUPERVISOR_PASSWORD, &error);
  g_assert_no_error (error);
  kap_server_setup_run (setup, NULL, &error);
  g_assert_no_error (error);
  upload_screening_2 ();

  /* In this order: each test adds to the server's reference database. */
  g_test_add_func ("/reference/store-path", test_store_path);
  g_test_add_func ("/reference/newer-form", test_newer_form);
  g_test_add_func ("/reference/broken-form", test_broken_form);
  g_test_add_func ("/reference/pull-only", test_pull_only);
  g_test_add_func ("/reference/faults/unreachable", test_unreachable);

  result = g_test_run ();

  kap_test_server_stop (server);
  return result;
}
