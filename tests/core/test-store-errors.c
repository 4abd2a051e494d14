/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-record-list.h"
#include "kap-store-private.h"
#include "kap-uuid.h"
#include "kap-test-store-fixture.h"

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
test_missing (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nothing-here.db", NULL);
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = kap_store_open (path, KAP_STORE_OPEN_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_MISSING);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_not_a_store (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *db;

  g_file_set_contents (text, "Shift notes: three arrivals at the crossing.\n", -1, NULL);
  store = kap_store_open (text, KAP_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_A_STORE);
  g_clear_error (&error);
  /* And it was left untouched. */
  g_file_get_contents (text, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "Shift notes: three arrivals at the crossing.\n");

  db = raw_open (other);
  raw_exec (db, "CREATE TABLE places (name TEXT)");
  sqlite3_close (db);
  store = kap_store_open (other, KAP_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_A_STORE);
  g_clear_error (&error);

  store = kap_store_open (fixture->dir, KAP_STORE_OPEN_NONE, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_A_STORE);
}

static void
test_newer_schema (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", KAP_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db;

  g_clear_object (&fixture->store);
  db = raw_open (fixture->path);
  raw_exec (db, sql);
  sqlite3_close (db);

  store = kap_store_open (fixture->path, KAP_STORE_OPEN_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

/* Version 6 makes the summaries again: name keys of stores written before
 * keys were ASCII for every script, and conflict marks left by foreign
 * resolution tombstones, are brought up to date. */
static void
test_migrate_refreshes_summaries (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KapDocument) person = kap_document_new_for_type ("person");
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) reopened = NULL;
  g_autofree char *rev = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  json_object_set_string_member (kap_document_get_body (person), "name_stated", "Үмүт Ұлы");
  rev = kap_store_put (fixture->store, person, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  db = raw_open (fixture->path);
  raw_exec (db, "UPDATE docs SET name_key = 'үmүt ұly', conflicted = 1; PRAGMA user_version = 5;");
  sqlite3_close (db);

  reopened = kap_store_open (fixture->path, KAP_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  db = raw_open (fixture->path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name_key, conflicted FROM docs", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* The stated name's key, then the original's (none here). */
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "umut uly\n");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  fixture->store = g_steal_pointer (&reopened);
}

static void
test_migrate_from_v1 (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(JsonObject) checkpoint = json_object_new ();
  g_autofree char *local = NULL;
  sqlite3 *db;

  /* A store as the first release wrote it, with one document. */
  db = raw_open (path);
  g_assert_true (kap_store_schema_migrate (db, 0, 1, &error));
  g_assert_no_error (error);
  raw_exec (db,
            "UPDATE meta SET value = 1 WHERE key = 'last_seq';"
            "INSERT INTO docs (doc_num, id, type, winner, deleted, seq) VALUES (1, 'person:old', 'person', 1, 0, 1);"
            "INSERT INTO revs (rev_num, doc_num, rev, generation, parent, deleted, leaf, body) "
            "  VALUES (1, 1, '1-0123456789abcdef0123456789abcdef', 1, NULL, 0, 1, '{\"type\":\"person\",\"name_stated\":\"Ana Petrović\"}');");
  sqlite3_close (db);

  store = kap_store_open (path, KAP_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  read = kap_store_get (store, "person:old", NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (read), "name_stated"), ==, "Ana Petrović");
  g_assert_cmpuint (kap_store_count (store, "person", NULL), ==, 1);

  /* Version 3 filled in what lists show from the existing bodies, and
   * gave the laptop its device id. */
  {
    g_autoptr(KapRecordList) list = kap_record_list_new (store, &error);
    g_autoptr(KapRecordSummary) summary = kap_record_list_lookup (list, "person:old");

    g_assert_no_error (error);
    g_assert_cmpstr (kap_record_summary_get_title (summary), ==, "Ana Petrović");
    g_assert_true (kap_uuid_is_valid (kap_store_get_device_id (store)));
  }

  /* What version 2 added works. */
  json_object_set_int_member (checkpoint, "seq", 1);
  local = kap_store_put_local (store, "checkpoint", checkpoint, &error);
  g_assert_no_error (error);

  db = raw_open (path);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, KAP_STORE_SCHEMA_VERSION);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static void
test_locked (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document (NULL, "{\"type\":\"person\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *after = NULL;
  sqlite3 *other;

  /* Another process (here: another connection) holds the write lock. */
  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE");

  kap_store_set_busy_timeout (fixture->store, 50);
  rev = kap_store_put (fixture->store, document, &error);
  g_assert_null (rev);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  raw_exec (other, "ROLLBACK");
  sqlite3_close (other);

  /* Once released, the same save goes through. */
  after = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
}

static void
test_disk_full (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  guint saved = 0;
  char *rev;

  /* Cap the file at its current size plus a little, as a full disk would. */
  g_assert_true (kap_store_exec (fixture->store, "PRAGMA max_page_count = 40", &error));

  for (guint i = 0; i < 4000; i++)
    g_string_append (big, "Shelter note ");

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(KapDocument) document = kap_document_new_for_type ("person");

      json_object_set_string_member (kap_document_get_body (document), "notes", big->str);
      rev = kap_store_put (fixture->store, document, &error);
      if (rev == NULL)
        break;
      g_free (rev);
      saved++;
    }

  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_DISK_FULL);
  g_assert_cmpuint (saved, >, 0);

  /* Nothing half-written: every acknowledged save is there, and the store
   * is healthy. */
  g_clear_error (&error);
  g_assert_cmpuint (kap_store_count (fixture->store, "person", NULL), ==, saved);
  g_assert_true (kap_store_check (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_corrupt (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean failed = FALSE;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(KapDocument) document = kap_document_new_for_type ("screening");
      g_autofree char *rev = NULL;

      json_object_set_int_member (kap_document_get_body (document), "n", i);
      json_object_set_string_member (kap_document_get_body (document), "notes",
                                     "Travelling with an unrelated adult; asked for a same-gender interviewer.");
      rev = kap_store_put (fixture->store, document, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&fixture->store);

  /* Damage the pages after the header, keeping SQLite's magic. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  for (gsize i = 4096 + 100; i < length; i += 7)
    contents[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  store = kap_store_open (fixture->path, KAP_STORE_OPEN_NONE, &error);
  if (store == NULL)
    {
      g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT);
      failed = TRUE;
    }
  else
    {
      failed = !kap_store_check (store, &error);
      g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT);
    }
  g_assert_true (failed);
  g_assert_nonnull (strstr (error->message, "damaged") != NULL ? error->message : strstr (error->message, "problems"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

  ADD ("/store/errors/missing", test_missing);
  ADD ("/store/errors/not-a-store", test_not_a_store);
  ADD ("/store/errors/newer-schema", test_newer_schema);
  ADD ("/store/errors/migrate-from-v1", test_migrate_from_v1);
  ADD ("/store/errors/migrate-refreshes-summaries", test_migrate_refreshes_summaries);
  ADD ("/store/errors/locked", test_locked);
  ADD ("/store/errors/disk-full", test_disk_full);
  ADD ("/store/errors/corrupt", test_corrupt);

  return g_test_run ();
}
