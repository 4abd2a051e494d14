/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-resolution-undo"

#include "config.h"

#include "kap-conflict-resolver.h"
#include "kap-records.h"
#include "kap-sync-names.h"
#include "kap-sync-session.h"

#include "kap-sync-test-util.h"

/* Undoing a supervisor's resolution (sync/kap-conflict-resolver.h), with
 * two laptops and the PouchDB Server between them: a real clash pulled
 * by a sync, resolved, undone (the same conflict again, this laptop's
 * side still this laptop's), resolved again and pushed, after which the
 * undo is refused. */

#define STATION "RS-UNDO"
#define DOC_ID "screening:0193a5e0-7b2c-7000-8000-0000000000c7"

static KapTestServer *server;
static KapFormRegistry *forms;

static const char *base_json =
  "{\"type\":\"screening\",\"form\":\"screening@1\",\"station\":\"" STATION "\",\"status\":\"final\","
  "\"created_by\":\"OFF-1\",\"notes\":\"Fatima Rahimi, first visit\",\"age_years\":30,"
  "\"updated_at\":\"2026-11-20T09:00:00Z\",\"updated_by\":\"OFF-1\"}";

static void
sync_store (KapStore *store)
{
  g_autoptr(KapSyncSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KapSyncSummary) summary = NULL;

  session = kap_sync_session_new (store, forms, &sync_test_supervisor,
                                  kap_test_server_get_url (server), STATION, NULL, NULL);
  summary = kap_sync_session_run (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->replication.errors, ==, 0);
}

static void
edit (KapStore   *store,
      const char *notes,
      gint64      age)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = kap_store_get (store, DOC_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (document), "notes", notes);
  json_object_set_int_member (kap_document_get_body (document), "age_years", age);
  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);
}

static KapConflict *
the_conflict (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = kap_conflict_resolver_list (store, forms, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  return kap_conflict_copy (g_ptr_array_index (queue, 0));
}

static void
assert_queue_empty (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = kap_conflict_resolver_list (store, forms, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 0);
}

static const char *
notes_of (KapDocument *document)
{
  return json_object_get_string_member (kap_document_get_body (document), "notes");
}

/* The supervisor keeps this laptop's notes and types an age. */
static JsonObject *
choices_for (KapConflict *conflict)
{
  JsonObject *choices = json_object_new ();
  GPtrArray *clashes = kap_merge_result_get_clashes (conflict->merge);

  g_assert_cmpuint (clashes->len, ==, 2);
  for (guint i = 0; i < clashes->len; i++)
    {
      KapMergeClash *clash = g_ptr_array_index (clashes, i);

      if (g_str_equal (clash->path, "age_years"))
        json_object_set_int_member (choices, clash->path, 34);
      else
        json_object_set_member (choices, clash->path, json_node_copy (clash->ours));
    }

  return choices;
}

static void
test_undo (void)
{
  g_autoptr(SyncTestStore) here = sync_test_store_new ();
  g_autoptr(SyncTestStore) there = sync_test_store_new ();
  g_autoptr(KapConflict) conflict = NULL, again = NULL;
  g_autoptr(KapResolutionUndo) undo = NULL, second = NULL, late = NULL;
  g_autoptr(JsonObject) choices = NULL;
  g_autoptr(KapDocument) document = NULL, winner_before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) base_node = json_from_string (base_json, NULL);
  g_autofree char *db = kap_sync_station_database_name (STATION);
  g_autofree char *rev = NULL;
  g_autofree char *ours_rev = NULL, *theirs_rev = NULL;
  const KapRecordAuthor author = { "SUP-001", STATION, kap_store_get_device_id (here->store) };

  g_assert_true (kap_test_server_create_database (server, db, &error));
  g_assert_no_error (error);

  /* Both laptops have the record, then each changes the same answers. */
  document = kap_document_new (DOC_ID, json_node_get_object (base_node));
  rev = kap_store_put (here->store, document, &error);
  g_assert_no_error (error);
  sync_store (here->store);
  sync_store (there->store);
  edit (there->store, "Fatima Rahimi, moved to Obrenovac", 32);
  sync_store (there->store);
  edit (here->store, "Fatima Rahimi, second visit", 31);
  sync_store (here->store);

  conflict = the_conflict (here->store);
  ours_rev = g_strdup (kap_document_get_rev (conflict->ours));
  theirs_rev = g_strdup (kap_document_get_rev (conflict->theirs));
  g_assert_cmpstr (notes_of (conflict->ours), ==, "Fatima Rahimi, second visit");
  g_assert_cmpstr (notes_of (conflict->theirs), ==, "Fatima Rahimi, moved to Obrenovac");
  winner_before = kap_store_get (here->store, DOC_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);

  /* Resolved: one live leaf, undoable until a sync. */
  choices = choices_for (conflict);
  g_assert_true (kap_conflict_resolver_apply_undoable (here->store, &sync_test_supervisor, conflict, choices,
                                                       &author, &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpuint (sync_test_count_leaves (here->store), >=, 1);
  assert_queue_empty (here->store);
  g_assert_true (kap_conflict_resolver_can_undo (here->store, undo));

  /* Only a supervisor undoes. */
  g_assert_false (kap_conflict_resolver_undo (here->store, &sync_test_officer, undo, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (kap_conflict_resolver_undo (here->store, NULL, undo, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  assert_queue_empty (here->store);

  /* Undone: the same conflict, the same sides and values, this laptop's
   * side still this laptop's, the winner's body as before. */
  g_assert_true (kap_conflict_resolver_undo (here->store, &sync_test_supervisor, undo, &error));
  g_assert_no_error (error);
  again = the_conflict (here->store);
  g_assert_cmpstr (notes_of (again->ours), ==, "Fatima Rahimi, second visit");
  g_assert_cmpstr (notes_of (again->theirs), ==, "Fatima Rahimi, moved to Obrenovac");
  g_assert_cmpstr (kap_document_get_rev (again->ours), !=, ours_rev);
  g_assert_cmpstr (kap_document_get_rev (again->theirs), !=, theirs_rev);
  g_assert_nonnull (again->base);
  g_assert_cmpuint (kap_merge_result_get_clashes (again->merge)->len, ==, 2);
  g_clear_object (&document);
  document = kap_store_get (here->store, DOC_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (notes_of (document), ==, notes_of (winner_before));
  g_assert_cmpint (json_object_get_int_member (kap_document_get_body (document), "age_years"), ==,
                   json_object_get_int_member (kap_document_get_body (winner_before), "age_years"));

  /* Undone once: the same undo again finds nothing to take back. */
  g_assert_false (kap_conflict_resolver_can_undo (here->store, undo));
  g_assert_false (kap_conflict_resolver_undo (here->store, &sync_test_supervisor, undo, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Resolved again and synced: the undo is no longer possible. */
  g_clear_pointer (&choices, json_object_unref);
  choices = choices_for (again);
  g_assert_true (kap_conflict_resolver_apply_undoable (here->store, &sync_test_supervisor, again, choices,
                                                       &author, &second, &error));
  g_assert_no_error (error);
  g_assert_true (kap_conflict_resolver_can_undo (here->store, second));
  sync_store (here->store);
  assert_queue_empty (here->store);
  g_assert_false (kap_conflict_resolver_can_undo (here->store, second));
  g_assert_false (kap_conflict_resolver_undo (here->store, &sync_test_supervisor, second, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The other laptop gets the resolution, with the typed age. */
  sync_store (there->store);
  assert_queue_empty (there->store);
  g_clear_object (&document);
  document = kap_store_get (there->store, DOC_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (notes_of (document), ==, "Fatima Rahimi, second visit");
  g_assert_cmpint (json_object_get_int_member (kap_document_get_body (document), "age_years"), ==, 34);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  forms = kap_form_registry_new ();
  g_assert_true (kap_form_registry_load_builtin (forms, &error));
  g_assert_no_error (error);

  server = kap_test_server_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/resolution/undo", test_undo);

  status = g_test_run ();

  kap_test_server_stop (server);
  g_object_unref (forms);
  return status;
}
