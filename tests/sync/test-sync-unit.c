/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-unit"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "kap-couch-client.h"
#include "kap-couch-peer.h"
#include "kap-json.h"
#include "kap-records.h"
#include "kap-sync-rejections.h"
#include "kap-sync-session.h"

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
  g_autoptr(KapReplicator) a = kap_couch_replicator_new (fixture->store, client, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) b = kap_couch_replicator_new (fixture->store, same_with_user, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) c = kap_couch_replicator_new (fixture->store, other, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) d = kap_couch_replicator_new (fixture->store, client, "kapija-st-rs-sid");
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

/* Only a supervisor syncs: a session run by an officer, or by nobody, is
 * refused before it reaches the server (none listens at this address). */
static void
test_session_not_permitted (Fixture       *fixture,
                            gconstpointer  data)
{
  const KapProfile officer = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_OFFICER };
  g_autoptr(KapSyncSession) as_officer = kap_sync_session_new (fixture->store, NULL, &officer,
                                                               "http://127.0.0.1:9", "RS-PRE",
                                                               "OFF-017", "x");
  g_autoptr(KapSyncSession) as_nobody = kap_sync_session_new (fixture->store, NULL, NULL,
                                                              "http://127.0.0.1:9", "RS-PRE",
                                                              "OFF-017", "x");
  g_autoptr(KapSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = kap_sync_session_run (as_officer, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  summary = kap_sync_session_run (as_nobody, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
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
  g_autoptr(KapReplicator) a = kap_couch_replicator_new (one, client, "kapija-st-rs-pre");
  g_autoptr(KapReplicator) b = kap_couch_replicator_new (two, client, "kapija-st-rs-pre");
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

/* An entry refused again keeps the time it was first refused. */
static void
test_rejections_first_seen (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(JsonObject) records = json_object_new ();
  g_autoptr(JsonObject) old = json_object_new ();
  g_autoptr(JsonObject) rejected = json_object_new ();
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  JsonObject *now;

  json_object_set_string_member (old, "rev", "1-abc");
  json_object_set_string_member (old, "reason", "Wrong station");
  json_object_set_int_member (old, "first_seen", 1000);
  json_object_set_int_member (old, "last_seen", 1000);
  json_object_set_object_member (records, "person:1", g_steal_pointer (&old));
  json_object_set_object_member (doc, "records", json_object_ref (records));
  rev = kap_store_put_local (fixture->store, KAP_SYNC_REJECTIONS_LOCAL_ID, doc, &error);
  g_assert_no_error (error);

  json_object_set_string_member (entry, "rev", "1-abc");
  json_object_set_string_member (entry, "reason", "Wrong station, still");
  json_object_set_object_member (rejected, "person:1", g_steal_pointer (&entry));
  g_assert_true (kap_sync_rejections_update (fixture->store, rejected, NULL, &error));
  g_assert_no_error (error);

  all = kap_sync_rejections_get_all (fixture->store, &error);
  g_assert_no_error (error);
  now = json_object_get_object_member (all, "person:1");
  g_assert_cmpstr (json_object_get_string_member (now, "reason"), ==, "Wrong station, still");
  g_assert_cmpint (json_object_get_int_member (now, "first_seen"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (now, "last_seen"), >, 1000);
}

static KapDocument *
foreign_with_attachment (const char *id,
                         const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"2-0123456789abcdef0123456789abcdef\","
                                           "\"_revisions\":{\"start\":2,\"ids\":[\"0123456789abcdef0123456789abcdef\","
                                           "\"fedcba9876543210fedcba9876543210\"]},\"type\":\"person\","
                                           "\"name_stated\":\"Zana Berisha\",\"_attachments\":{\"scan.pdf\":"
                                           "{\"content_type\":\"application/pdf\",\"revpos\":2,"
                                           "\"digest\":\"md5-x\",\"data\":\"%s\"}}}", id, data);
  KapDocument *document = kap_document_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  return document;
}

static const char *
attachment_data (JsonObject *attachments)
{
  return json_object_get_string_member (json_object_get_object_member (attachments, "scan.pdf"), "data");
}

/* What another client attached is kept with the revision, carried onto a
 * local edit, and dropped by a deletion. */
static void
test_attachments_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KapDocument) foreign = foreign_with_attachment ("person:att-1", "JVBERi0xLjQK");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(KapDocument) current = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) edited = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(JsonObject) replaced = NULL;
  g_autoptr(JsonObject) tombstone = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) other = json_object_new ();
  g_autoptr(JsonObject) attachment = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev3 = NULL;
  g_autofree char *rev4 = NULL;
  g_autofree char *rev5 = NULL;

  g_ptr_array_add (batch, foreign);
  g_assert_true (kap_store_insert_revisions (fixture->store, batch, &error));
  g_assert_no_error (error);

  stored = kap_store_get_attachments (fixture->store, "person:att-1", kap_document_get_rev (foreign), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attachment_data (stored), ==, "JVBERi0xLjQK");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stored, "scan.pdf"), "revpos"), ==, 2);

  /* An edit as the record editor makes it: the body only. */
  current = kap_store_get (fixture->store, "person:att-1", NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_null (kap_document_get_attachments (current));
  json_object_set_string_member (kap_document_get_body (current), "status", "final");
  rev3 = kap_store_put (fixture->store, current, &error);
  g_assert_no_error (error);

  edited = kap_store_get_attachments (fixture->store, "person:att-1", rev3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attachment_data (edited), ==, "JVBERi0xLjQK");
  /* Only leaves keep them. */
  old = kap_store_get_attachments (fixture->store, "person:att-1", kap_document_get_rev (foreign), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (old), ==, 0);

  /* An edit that names attachments keeps those. */
  json_object_set_string_member (attachment, "content_type", "text/plain");
  json_object_set_string_member (attachment, "data", "aGk=");
  json_object_set_object_member (other, "note.txt", g_steal_pointer (&attachment));
  kap_document_set_attachments (current, other);
  rev4 = kap_store_put (fixture->store, current, &error);
  g_assert_no_error (error);
  replaced = kap_store_get_attachments (fixture->store, "person:att-1", rev4, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (replaced, "scan.pdf"));
  g_assert_true (json_object_has_member (replaced, "note.txt"));

  /* CouchDB's JSON of a document with them. */
  object = kap_document_to_object (current);
  g_assert_true (json_object_has_member (json_object_get_object_member (object, "_attachments"), "note.txt"));

  rev5 = kap_store_delete (fixture->store, "person:att-1", rev4, &error);
  g_assert_no_error (error);
  tombstone = kap_store_get_attachments (fixture->store, "person:att-1", rev5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (tombstone), ==, 0);

  g_assert_true (kap_store_check (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_attachments_bounded (void)
{
  g_autoptr(JsonObject) attachments = json_object_new ();
  g_autoptr(JsonObject) attachment = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_strnfill (KAP_DOCUMENT_MAX_ATTACHMENT_BYTES + 4, 'A');

  json_object_set_string_member (attachment, "content_type", "application/pdf");
  json_object_set_string_member (attachment, "data", data);
  json_object_set_object_member (attachments, "scan.pdf", g_steal_pointer (&attachment));
  g_assert_false (kap_document_attachments_are_valid (attachments, &error));
  g_assert_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID);
  /* The file name may name a person: never in the message. */
  g_assert_null (strstr (error->message, "scan.pdf"));
}

static void
test_document_ids (void)
{
  g_autofree char *filler = g_strnfill (20000, 'x');
  g_autofree char *long_id = g_strconcat ("person:", filler, NULL);
  g_autofree char *too_long = g_strnfill (KAP_DOCUMENT_MAX_BYTES + 1, 'x');
  g_autofree char *held = g_strconcat ("person:a", KAP_JSON_CODE_UNIT_MARK "0000", "b", NULL);
  g_autoptr(GError) error = NULL;

  /* Beyond the old 512 bytes: CouchDB sets no limit. */
  g_assert_true (kap_document_id_is_valid (long_id));
  g_assert_true (kap_document_id_is_valid ("Ayşe/2025 #1"));

  g_assert_false (kap_document_check_id (too_long, &error));
  g_assert_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* U+0000, as the reader holds it. */
  g_assert_false (kap_document_check_id (held, &error));
  g_assert_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "U+0000"));
  g_clear_error (&error);

  g_assert_false (kap_document_id_is_valid ("_design/kapija"));
  g_assert_false (kap_document_id_is_valid (""));
}

/* Revisions the store could not take: recorded with their reason, the
 * first time kept, forgotten once taken. */
static void
test_not_taken (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_not_taken_free);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *held = g_strconcat ("person:a", KAP_JSON_CODE_UNIT_MARK "0000", "b", NULL);
  const char *forget_ids[] = { "person:deep", "person:never", NULL };
  const char *forget_revs[] = { "3-ccc", "1-aaa", NULL };
  KapNotTaken *entry;
  sqlite3 *db = NULL;

  list = kap_store_list_not_taken (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_ptr_array_add (entries, kap_not_taken_new (held, "1-aaa", "An id the store cannot hold"));
  g_ptr_array_add (entries, kap_not_taken_new ("person:deep", "3-ccc", "Too deep"));
  g_assert_true (kap_store_record_not_taken (fixture->store, entries, &error));
  g_assert_no_error (error);

  /* As if the first had been recorded long ago. */
  g_assert_cmpint (sqlite3_open (kap_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE not_taken SET first_seen = 1000, last_seen = 1000 "
                                     "WHERE rev = '1-aaa'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_ptr_array_set_size (entries, 0);
  g_ptr_array_add (entries, kap_not_taken_new (held, "1-aaa", "Still an id the store cannot hold"));
  g_assert_true (kap_store_record_not_taken (fixture->store, entries, &error));
  g_assert_no_error (error);

  list = kap_store_list_not_taken (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  entry = g_ptr_array_index (list, 0);
  g_assert_cmpstr (entry->id, ==, held);
  g_assert_cmpstr (entry->reason, ==, "Still an id the store cannot hold");
  g_assert_cmpint (entry->first_seen, ==, 1000);
  g_assert_cmpint (entry->last_seen, >, 1000);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (kap_store_forget_not_taken (fixture->store, forget_ids, forget_revs, &error));
  g_assert_no_error (error);
  list = kap_store_list_not_taken (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((KapNotTaken *) g_ptr_array_index (list, 0))->rev, ==, "1-aaa");
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
  g_test_add ("/sync/session/not-permitted", Fixture, NULL,
              fixture_set_up, test_session_not_permitted, fixture_tear_down);
  g_test_add ("/sync/rejections/roundtrip", Fixture, NULL,
              fixture_set_up, test_rejections, fixture_tear_down);
  g_test_add ("/sync/store/mark-bases", Fixture, NULL,
              fixture_set_up, test_mark_bases, fixture_tear_down);
  g_test_add ("/sync/rejections/first-seen", Fixture, NULL,
              fixture_set_up, test_rejections_first_seen, fixture_tear_down);
  g_test_add ("/sync/store/attachments-kept", Fixture, NULL,
              fixture_set_up, test_attachments_kept, fixture_tear_down);
  g_test_add_func ("/sync/store/attachments-bounded", test_attachments_bounded);
  g_test_add_func ("/sync/document/ids", test_document_ids);
  g_test_add ("/sync/store/not-taken", Fixture, NULL,
              fixture_set_up, test_not_taken, fixture_tear_down);

  return g_test_run ();
}
