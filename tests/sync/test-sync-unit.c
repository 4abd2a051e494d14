/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-unit"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kap-couch-client.h"
#include "kap-replicator.h"
#include "kap-sync-rejections.h"

/* The parts of sync/ that need no server. */

typedef struct
{
  char     *dir;
  KapStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kapija-sync-unit-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
test_client_url (void)
{
  g_autoptr(KapCouchClient) plain = kap_couch_client_new ("https://kapija.example.rs:6984/", 0);
  g_autoptr(KapCouchClient) prefixed = kap_couch_client_new ("https://example.ba/couch//", 0);
  g_autoptr(KapCouchClient) with_user = kap_couch_client_new ("http://nadzornik:Tajna%2F1@127.0.0.1:5984", 0);
  g_autoptr(KapCouchClient) ftp = kap_couch_client_new ("ftp://example.org", 0);
  g_autoptr(KapCouchClient) garbage = kap_couch_client_new ("not a url", 0);

  g_assert_cmpstr (kap_couch_client_get_url (plain), ==, "https://kapija.example.rs:6984");
  g_assert_null (kap_couch_client_get_user_name (plain));
  g_assert_cmpstr (kap_couch_client_get_url (prefixed), ==, "https://example.ba/couch");
  /* The credentials never reach the URL the replication id is made of. */
  g_assert_cmpstr (kap_couch_client_get_url (with_user), ==, "http://127.0.0.1:5984");
  g_assert_cmpstr (kap_couch_client_get_user_name (with_user), ==, "nadzornik");
  g_assert_null (ftp);
  g_assert_null (garbage);
}

static void
test_build_path (void)
{
  g_autofree char *doc = kap_couch_client_build_path ("kapija-st-rs-pre", "person:0193a1b2-7c3d", NULL);
  g_autofree char *local = kap_couch_client_build_path ("kapija-st-rs-pre", "_local/kapija-ab/c", NULL);
  g_autofree char *db = kap_couch_client_build_path ("kapija-st-ba_usk1", NULL);
  g_autofree char *slash = kap_couch_client_build_path ("db", "a/b", "_revs_diff", NULL);

  g_assert_cmpstr (doc, ==, "/kapija-st-rs-pre/person%3A0193a1b2-7c3d");
  g_assert_cmpstr (local, ==, "/kapija-st-rs-pre/_local/kapija-ab%2Fc");
  g_assert_cmpstr (db, ==, "/kapija-st-ba_usk1");
  g_assert_cmpstr (slash, ==, "/db/a%2Fb/_revs_diff");
}

static void
test_replication_id (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KapCouchClient) client = kap_couch_client_new ("https://kapija.example.rs", 0);
  g_autoptr(KapCouchClient) same_with_user = kap_couch_client_new ("https://officer:x@kapija.example.rs/", 0);
  g_autoptr(KapCouchClient) other = kap_couch_client_new ("https://kapija.example.me", 0);
  g_autoptr(KapReplicator) a = kap_replicator_new (fixture->store, client, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) b = kap_replicator_new (fixture->store, same_with_user, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) c = kap_replicator_new (fixture->store, other, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) d = kap_replicator_new (fixture->store, client, "kapija-st-rs-sid");
  g_autofree char *push_a = kap_replicator_get_replication_id (a, KAP_REPLICATION_PUSH);
  g_autofree char *push_a2 = kap_replicator_get_replication_id (a, KAP_REPLICATION_PUSH);
  g_autofree char *pull_a = kap_replicator_get_replication_id (a, KAP_REPLICATION_PULL);
  g_autofree char *push_b = kap_replicator_get_replication_id (b, KAP_REPLICATION_PUSH);
  g_autofree char *push_c = kap_replicator_get_replication_id (c, KAP_REPLICATION_PUSH);
  g_autofree char *push_d = kap_replicator_get_replication_id (d, KAP_REPLICATION_PUSH);

  g_assert_true (g_str_has_prefix (push_a, "kapija-"));
  g_assert_cmpuint (strlen (push_a), ==, strlen ("kapija-") + 32);
  g_assert_cmpstr (push_a, ==, push_a2);
  g_assert_cmpstr (push_a, ==, push_b);
  g_assert_cmpstr (push_a, !=, pull_a);
  g_assert_cmpstr (push_a, !=, push_c);
  g_assert_cmpstr (push_a, !=, push_d);
}

static void
test_replication_id_per_device (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kapija-sync-unit-XXXXXX", &error);
  g_autofree char *path1 = g_build_filename (dir, "one.db", NULL);
  g_autofree char *path2 = g_build_filename (dir, "two.db", NULL);
  g_autoptr(KapCouchClient) client = kap_couch_client_new ("https://kapija.example.rs", 0);
  KapStore *one = kap_store_open (path1, KAP_STORE_OPEN_CREATE, &error);
  KapStore *two = kap_store_open (path2, KAP_STORE_OPEN_CREATE, &error);
  g_autoptr(KapReplicator) a = kap_replicator_new (one, client, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) b = kap_replicator_new (two, client, "kapija-st-rs-pre");
  g_autofree char *id_a = kap_replicator_get_replication_id (a, KAP_REPLICATION_PULL);
  g_autofree char *id_b = kap_replicator_get_replication_id (b, KAP_REPLICATION_PULL);

  g_assert_no_error (error);
  /* Two laptops never share a checkpoint on the server. */
  g_assert_cmpstr (id_a, !=, id_b);

  g_clear_object (&a);
  g_clear_object (&b);
  g_assert_finalize_object (one);
  g_assert_finalize_object (two);
  for (const char * const *p = (const char * const[]) { "one.db", "one.db-wal", "one.db-shm",
                                                        "two.db", "two.db-wal", "two.db-shm", NULL };
       *p != NULL; p++)
    {
      g_autofree char *file = g_build_filename (dir, *p, NULL);
      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_error_messages (void)
{
  for (int code = KAP_SYNC_ERROR_UNREACHABLE; code <= KAP_SYNC_ERROR_NO_DATABASE; code++)
    {
      g_autoptr(GError) error = NULL;

      kap_sync_set_error (&error, code);
      g_assert_error (error, KAP_SYNC_ERROR, code);
      g_assert_cmpuint (strlen (error->message), >, 20);
      /* For a supervisor: no HTTP in it. */
      g_assert_null (strstr (error->message, "HTTP"));
      g_assert_null (strstr (error->message, "JSON"));
    }
}

static void
test_rejections (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) rejected = json_object_new ();
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *other_rev = NULL;
  g_autofree char *gone = NULL;
  const char *accepted[] = { "person:2", NULL };

  all = kap_sync_rejections_get_all (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (all), ==, 0);
  g_clear_pointer (&all, json_object_unref);

  json_object_set_string_member (entry, "rev", "2-abc");
  json_object_set_string_member (entry, "reason", "Wrong station");
  json_object_set_object_member (rejected, "person:1", g_steal_pointer (&entry));
  entry = json_object_new ();
  json_object_set_string_member (entry, "rev", "1-def");
  json_object_set_string_member (entry, "reason", "Only supervisors may delete");
  json_object_set_object_member (rejected, "person:2", g_steal_pointer (&entry));
  g_assert_true (kap_sync_rejections_update (fixture->store, rejected, NULL, &error));
  g_assert_no_error (error);

  reason = kap_sync_rejections_get_reason (fixture->store, "person:1", "2-abc");
  g_assert_cmpstr (reason, ==, "Wrong station");
  other_rev = kap_sync_rejections_get_reason (fixture->store, "person:1", "3-fff");
  g_assert_null (other_rev);

  /* Accepted later: forgotten. */
  g_assert_true (kap_sync_rejections_update (fixture->store, NULL, accepted, &error));
  g_assert_no_error (error);
  gone = kap_sync_rejections_get_reason (fixture->store, "person:2", NULL);
  g_assert_null (gone);
  all = kap_sync_rejections_get_all (fixture->store, &error);
  g_assert_cmpuint (json_object_get_size (all), ==, 1);
}

/* kap_store_mark_bases(): a marked revision keeps its body when the
 * record is edited again (an unmarked one is compacted away), and unknown
 * documents or revisions are skipped. */
static void
test_mark_bases (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) body_a = json_object_new ();
  g_autoptr(JsonObject) body_b = json_object_new ();
  g_autoptr(KapDocument) a = NULL;
  g_autoptr(KapDocument) b = NULL;
  g_autoptr(KapDocument) old_a = NULL;
  g_autoptr(KapDocument) old_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev_a = NULL;
  g_autofree char *rev_b = NULL;
  g_autofree char *rev_a2 = NULL;
  g_autofree char *rev_b2 = NULL;
  const char *ids[4] = { NULL };
  const char *revs[4] = { NULL };

  json_object_set_string_member (body_a, "type", "person");
  json_object_set_string_member (body_a, "name_stated", "Ayşe Yılmaz");
  json_object_set_string_member (body_b, "type", "person");
  json_object_set_string_member (body_b, "name_stated", "Јован Николић");
  a = kap_document_new (NULL, body_a);
  b = kap_document_new (NULL, body_b);
  rev_a = kap_store_put (fixture->store, a, &error);
  g_assert_no_error (error);
  rev_b = kap_store_put (fixture->store, b, &error);
  g_assert_no_error (error);

  ids[0] = kap_document_get_id (a);
  revs[0] = rev_a;
  ids[1] = "person:nowhere";
  revs[1] = "1-00000000000000000000000000000000";
  ids[2] = kap_document_get_id (b);
  revs[2] = "9-ffffffffffffffffffffffffffffffff";
  g_assert_true (kap_store_mark_bases (fixture->store, ids, revs, &error));
  g_assert_no_error (error);

  json_object_set_string_member (kap_document_get_body (a), "sex", "F");
  rev_a2 = kap_store_put (fixture->store, a, &error);
  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (b), "sex", "M");
  rev_b2 = kap_store_put (fixture->store, b, &error);
  g_assert_no_error (error);

  old_a = kap_store_get (fixture->store, kap_document_get_id (a), rev_a, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (old_a), "name_stated"), ==, "Ayşe Yılmaz");
  g_assert_false (json_object_has_member (kap_document_get_body (old_a), "sex"));

  old_b = kap_store_get (fixture->store, kap_document_get_id (b), rev_b, KAP_STORE_GET_NONE, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_assert_null (old_b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/client/url", test_client_url);
  g_test_add_func ("/sync/client/build-path", test_build_path);
  g_test_add ("/sync/replicator/replication-id", Fixture, NULL,
              fixture_set_up, test_replication_id, fixture_tear_down);
  g_test_add_func ("/sync/replicator/replication-id-per-device", test_replication_id_per_device);
  g_test_add_func ("/sync/error/messages", test_error_messages);
  g_test_add ("/sync/rejections/roundtrip", Fixture, NULL,
              fixture_set_up, test_rejections, fixture_tear_down);
  g_test_add ("/sync/store/mark-bases", Fixture, NULL,
              fixture_set_up, test_mark_bases, fixture_tear_down);

  return g_test_run ();
}
