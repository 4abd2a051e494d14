/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-canonical-json.h"
#include "kap-test-store-fixture.h"

static void
test_put_get_roundtrip (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document (NULL, "{\"type\":\"person\",\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\",\"nationality\":\"SRB\"}");
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *written = NULL;
  g_autofree char *back = NULL;

  rev = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev, "1-"));
  g_assert_cmpstr (kap_document_get_rev (document), ==, rev);
  g_assert_true (g_str_has_prefix (kap_document_get_id (document), "person:"));

  read = kap_store_get (fixture->store, kap_document_get_id (document), NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (read), ==, rev);
  written = kap_canonical_json_object (kap_document_get_body (document), TRUE);
  back = kap_canonical_json_object (kap_document_get_body (read), TRUE);
  g_assert_cmpstr (written, ==, back);
}

static void
test_update_and_stale (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document ("person:1", "{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\"}");
  g_autoptr(KapDocument) stale = NULL;
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *rev3 = NULL;

  rev1 = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);

  json_object_set_string_member (kap_document_get_body (document), "sex", "M");
  rev2 = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev2, "2-"));

  /* An edit made on the first revision, opened before the second save. */
  stale = test_document ("person:1", "{\"type\":\"person\",\"name_stated\":\"Arben K.\"}");
  kap_document_set_rev (stale, rev1);
  rev3 = kap_store_put (fixture->store, stale, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_assert_null (rev3);
  g_assert_nonnull (strstr (error->message, rev1));
  g_clear_error (&error);

  /* Creating again without a revision is a conflict too. */
  kap_document_set_rev (stale, NULL);
  rev3 = kap_store_put (fixture->store, stale, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  read = kap_store_get (fixture->store, "person:1", NULL, KAP_STORE_GET_ANCESTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (read), ==, rev2);
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (read), "sex"), ==, "M");
  g_assert_cmpstr (kap_document_get_ancestry (read)[0], ==, rev2);
  g_assert_cmpstr (kap_document_get_ancestry (read)[1], ==, rev1);
  g_assert_null (kap_document_get_ancestry (read)[2]);

  /* The first revision's body was compacted away. */
  g_clear_object (&read);
  read = kap_store_get (fixture->store, "person:1", rev1, KAP_STORE_GET_NONE, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_assert_null (read);
}

static void
test_update_unknown (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document ("person:nobody", "{\"type\":\"person\"}");
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  kap_document_set_rev (document, "1-abc");
  rev = kap_store_put (fixture->store, document, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  read = kap_store_get (fixture->store, "person:nobody", NULL, KAP_STORE_GET_NONE, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_and_recreate (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document ("screening:1", "{\"type\":\"screening\",\"priority\":\"P1\"}");
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(KapDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = NULL;
  g_autofree char *tomb = NULL;
  g_autofree char *tomb2 = NULL;
  g_autofree char *rev3 = NULL;

  rev1 = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_store_count (fixture->store, "screening", NULL), ==, 1);

  tomb = kap_store_delete (fixture->store, "screening:1", rev1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (tomb, "2-"));
  g_assert_cmpuint (kap_store_count (fixture->store, "screening", NULL), ==, 0);

  read = kap_store_get (fixture->store, "screening:1", NULL, KAP_STORE_GET_NONE, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  read = kap_store_get (fixture->store, "screening:1", NULL, KAP_STORE_GET_DELETED, &error);
  g_assert_no_error (error);
  g_assert_true (kap_document_get_deleted (read));
  g_assert_cmpstr (kap_document_get_rev (read), ==, tomb);
  /* The tombstone keeps the type only. */
  g_assert_cmpstr (kap_document_get_doc_type (read), ==, "screening");
  g_assert_false (json_object_has_member (kap_document_get_body (read), "priority"));

  tomb2 = kap_store_delete (fixture->store, "screening:1", tomb, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A deleted document may be created again; the new revision continues
   * the tree, as in CouchDB. */
  again = test_document ("screening:1", "{\"type\":\"screening\",\"priority\":\"P3\"}");
  rev3 = kap_store_put (fixture->store, again, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev3, "3-"));
  g_assert_cmpuint (kap_store_count (fixture->store, "screening", NULL), ==, 1);
}

static void
test_changes_feed (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(KapDocument) a = test_document ("person:a", "{\"type\":\"person\"}");
  g_autoptr(KapDocument) b = test_document ("person:b", "{\"type\":\"person\"}");
  g_autoptr(KapDocument) c = test_document ("referral:c", "{\"type\":\"referral\"}");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) since = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ra = NULL, *rb = NULL, *rc = NULL, *ra2 = NULL, *del = NULL;
  KapChange *change;

  ra = kap_store_put (fixture->store, a, &error);
  rb = kap_store_put (fixture->store, b, &error);
  rc = kap_store_put (fixture->store, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, 3);

  /* a moves to the end; b disappears from its place as a deletion. */
  json_object_set_int_member (kap_document_get_body (a), "n", 2);
  ra2 = kap_store_put (fixture->store, a, &error);
  del = kap_store_delete (fixture->store, "person:b", rb, &error);
  g_assert_no_error (error);

  changes = kap_store_changes (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);

  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->id, ==, "referral:c");
  g_assert_cmpint (change->seq, ==, 3);
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (change->id, ==, "person:a");
  g_assert_cmpstr (change->rev, ==, ra2);
  g_assert_cmpint (change->seq, ==, 4);
  change = g_ptr_array_index (changes, 2);
  g_assert_cmpstr (change->id, ==, "person:b");
  g_assert_true (change->deleted);
  g_assert_cmpstr (change->leaves[0], ==, del);
  g_assert_null (change->leaves[1]);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, 5);

  since = kap_store_changes (fixture->store, 3, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (since->len, ==, 1);
  g_assert_cmpstr (((KapChange *) since->pdata[0])->id, ==, "person:a");
}

static void
test_list_by_type (StoreFixture  *fixture,
                   gconstpointer  data)
{
  const char *names[] = { "Arben Krasniqi", "Милица Јовановић", "أحمد الحسن", "Ayşe Yılmaz" };
  g_autoptr(GListModel) persons = NULL;
  g_autoptr(GListModel) everything = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(KapDocument) person = kap_document_new_for_type ("person");
      g_autoptr(KapDocument) screening = kap_document_new_for_type ("screening");
      g_autofree char *r1 = NULL, *r2 = NULL;

      json_object_set_string_member (kap_document_get_body (person), "name_stated", names[i]);
      r1 = kap_store_put (fixture->store, person, &error);
      g_assert_no_error (error);
      json_object_set_string_member (kap_document_get_body (screening), "person", kap_document_get_id (person));
      r2 = kap_store_put (fixture->store, screening, &error);
      g_assert_no_error (error);
    }

  persons = kap_store_list (fixture->store, "person", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (persons), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(KapDocument) item = g_list_model_get_item (persons, i);

      g_assert_cmpstr (kap_document_get_doc_type (item), ==, "person");
      /* uuid v7 ids list in creation order */
      g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (item), "name_stated"), ==, names[i]);
      g_assert_nonnull (kap_document_get_rev (item));
    }

  everything = kap_store_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (everything), ==, 8);
  g_assert_cmpuint (kap_store_count (fixture->store, NULL, NULL), ==, 8);
  g_assert_cmpuint (kap_store_count (fixture->store, "interpreter_session", NULL), ==, 0);
}

static void
test_local_documents (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) checkpoint = test_object ("{\"last_seq\":42,\"session\":\"abc\"}");
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = NULL, *rev2 = NULL;

  rev1 = kap_store_put_local (fixture->store, "repl-1", checkpoint, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rev1, ==, "0-1");
  json_object_set_int_member (checkpoint, "last_seq", 99);
  rev2 = kap_store_put_local (fixture->store, "repl-1", checkpoint, &error);
  g_assert_cmpstr (rev2, ==, "0-2");

  read = kap_store_get_local (fixture->store, "repl-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (read, "last_seq"), ==, 99);
  g_assert_cmpstr (json_object_get_string_member (read, "_rev"), ==, "0-2");

  /* Not replicated: nothing in the changes feed. */
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, 0);

  g_assert_true (kap_store_delete_local (fixture->store, "repl-1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&read, json_object_unref);
  read = kap_store_get_local (fixture->store, "repl-1", &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (kap_store_delete_local (fixture->store, "repl-1", &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
}

static void
test_import_batch_atomic (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint failed = G_MAXUINT;

  for (guint i = 0; i < 10; i++)
    {
      KapDocument *document = kap_document_new_for_type ("interpreter_session");

      json_object_set_string_member (kap_document_get_body (document), "language", "prs");
      json_object_set_int_member (kap_document_get_body (document), "minutes", 10 + i);
      g_ptr_array_add (batch, document);
    }
  /* A foreign revision with a broken history in the middle of the batch. */
  g_ptr_array_insert (batch, 5, test_foreign ("person:x", FALSE, "{\"type\":\"person\"}", "3-c", "1-a", NULL));

  g_assert_false (kap_store_import (fixture->store, batch, &failed, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_assert_cmpuint (failed, ==, 5);
  g_assert_cmpuint (kap_store_count (fixture->store, NULL, NULL), ==, 0);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, 0);
  g_clear_error (&error);

  /* The failed batch left the documents without revisions. */
  g_assert_null (kap_document_get_rev (g_ptr_array_index (batch, 0)));
  g_ptr_array_remove_index (batch, 5);
  g_assert_true (kap_store_import (fixture->store, batch, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kap_store_count (fixture->store, "interpreter_session", NULL), ==, 10);
}

static void
test_reopen_keeps_everything (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document (NULL, "{\"type\":\"return_interest\",\"stage\":\"COUNSELLING\"}");
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *id = NULL;

  rev = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  id = g_strdup (kap_document_get_id (document));

  g_assert_finalize_object (fixture->store);
  fixture->store = kap_store_open (fixture->path, KAP_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  read = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (read), ==, rev);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, 1);
  g_assert_true (kap_store_check (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_read_only (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document (NULL, "{\"type\":\"person\"}");
  g_autoptr(KapStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *local = NULL;
  g_autoptr(JsonObject) body = json_object_new ();

  rev = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);

  reader = kap_store_open (fixture->path, KAP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (kap_store_is_read_only (reader));
  g_assert_cmpuint (kap_store_count (reader, NULL, NULL), ==, 1);

  json_object_set_int_member (kap_document_get_body (document), "n", 1);
  refused = kap_store_put (reader, document, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  local = kap_store_put_local (reader, "x", body, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_READ_ONLY);
  g_assert_null (local);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

  ADD ("/store/put/roundtrip", test_put_get_roundtrip);
  ADD ("/store/put/update-and-stale", test_update_and_stale);
  ADD ("/store/put/update-unknown", test_update_unknown);
  ADD ("/store/delete/and-recreate", test_delete_and_recreate);
  ADD ("/store/changes/feed", test_changes_feed);
  ADD ("/store/list/by-type", test_list_by_type);
  ADD ("/store/local/documents", test_local_documents);
  ADD ("/store/import/batch-atomic", test_import_batch_atomic);
  ADD ("/store/open/reopen", test_reopen_keeps_everything);
  ADD ("/store/open/read-only", test_read_only);

  return g_test_run ();
}
