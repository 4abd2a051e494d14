/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-record-list.h"
#include "kap-revision.h"
#include "kap-test-store-fixture.h"

/* The sync state of records (kap-store-origin.c, KapRecordList): where
 * each revision was made, what the push marked sent or rejected, and
 * what the records list shows of it. */

#define DOC_ID "screening:0193a5e0-7b2c-7000-8000-0000000000c1"

static const char *body_json =
  "{\"type\":\"screening\",\"status\":\"final\",\"notes\":\"Милица Јовановић\","
  "\"updated_at\":\"2025-03-15T09:00:00Z\"}";

static KapSyncState
state_of (KapRecordList *list,
          const char    *id)
{
  g_autoptr(KapRecordSummary) summary = kap_record_list_lookup (list, id);

  g_assert_nonnull (summary);
  return kap_record_summary_get_sync_state (summary);
}

static void
mark_pushed (KapStore   *store,
             const char *id,
             const char *rev,
             const char *rejected_reason)
{
  const char *ids[] = { id, NULL };
  const char *revs[] = { rev, NULL };
  const char *none[] = { NULL };
  g_autoptr(JsonObject) rejected = json_object_new ();
  g_autoptr(GError) error = NULL;

  if (rejected_reason != NULL)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "rev", rev);
      json_object_set_string_member (entry, "reason", rejected_reason);
      json_object_set_object_member (rejected, id, entry);
    }

  g_assert_true (kap_store_mark_pushed (store, rejected_reason ? none : ids,
                                        rejected_reason ? none : revs, rejected, &error));
  g_assert_no_error (error);
}

static void
count_cb (KapStore            *store,
          const char * const  *ids,
          guint               *count)
{
  (*count)++;
}

static void
test_states (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document (DOC_ID, body_json);
  g_autoptr(KapRecordList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = NULL, *rev2 = NULL, *reason = NULL;
  KapRevisionOrigin origin = KAP_REVISION_ORIGIN_UNKNOWN;
  gboolean sent = TRUE;
  guint signals = 0;

  list = kap_record_list_new (fixture->store, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "documents-changed", G_CALLBACK (count_cb), &signals);

  /* Made here, not sent yet. */
  rev1 = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_PENDING);
  g_assert_true (kap_store_get_revision_state (fixture->store, DOC_ID, NULL, &origin, &sent,
                                               &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (origin, ==, KAP_REVISION_ORIGIN_LOCAL);
  g_assert_false (sent);
  g_assert_null (reason);

  /* The server refused it: rejected, with the server's reason, and the
   * list follows without being asked. */
  signals = 0;
  mark_pushed (fixture->store, DOC_ID, rev1, "Only a supervisor may delete records");
  g_assert_cmpuint (signals, ==, 1);
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_REJECTED);
  g_assert_true (kap_store_get_revision_state (fixture->store, DOC_ID, rev1, NULL, &sent,
                                               &reason, &error));
  g_assert_cmpstr (reason, ==, "Only a supervisor may delete records");
  g_assert_false (sent);
  g_clear_pointer (&reason, g_free);

  /* The same refusal again changes nothing, so no signal. */
  signals = 0;
  mark_pushed (fixture->store, DOC_ID, rev1, "Only a supervisor may delete records");
  g_assert_cmpuint (signals, ==, 0);

  /* A later push got it through: sent, the refusal forgotten. */
  mark_pushed (fixture->store, DOC_ID, rev1, NULL);
  g_assert_cmpuint (signals, ==, 1);
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_SENT);
  g_assert_true (kap_store_get_revision_state (fixture->store, DOC_ID, NULL, NULL, &sent,
                                               &reason, &error));
  g_assert_true (sent);
  g_assert_null (reason);

  /* Edited again: pending until the next push. */
  json_object_set_string_member (kap_document_get_body (document), "notes", "Ayşe Yılmaz");
  rev2 = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_PENDING);

  /* Unknown revisions are skipped. */
  mark_pushed (fixture->store, "screening:0193a5e0-7b2c-7000-8000-0000000000ff", rev2, NULL);
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_PENDING);
  g_assert_false (kap_store_get_revision_state (fixture->store, DOC_ID, "9-00000000000000000000000000000000",
                                                NULL, NULL, NULL, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
}

static void
test_foreign_and_conflict (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(KapRecordList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = test_object (body_json);
  g_autoptr(JsonObject) other = test_object ("{\"type\":\"screening\",\"status\":\"final\","
                                             "\"notes\":\"Arben Krasniqi\",\"updated_at\":\"2025-03-15T10:00:00Z\"}");
  g_autofree char *rev1 = kap_revision_compute (NULL, FALSE, body, NULL);
  g_autofree char *rev2 = kap_revision_compute (rev1, FALSE, other, NULL);
  g_autoptr(KapDocument) foreign = test_foreign (DOC_ID, FALSE, body_json, rev1, NULL);
  g_autoptr(KapDocument) edit = NULL;
  g_autofree char *local_rev = NULL;
  KapRevisionOrigin origin = KAP_REVISION_ORIGIN_UNKNOWN;
  gboolean sent = TRUE;

  list = kap_record_list_new (fixture->store, &error);
  g_assert_no_error (error);

  /* Came from the server: it is there already. */
  g_assert_true (test_insert (fixture->store, foreign, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_SENT);
  g_assert_true (kap_store_get_revision_state (fixture->store, DOC_ID, rev1, &origin, &sent,
                                               NULL, &error));
  g_assert_cmpint (origin, ==, KAP_REVISION_ORIGIN_REMOTE);
  g_assert_false (sent);

  /* Edited here and elsewhere: a conflict, whatever else is true. */
  edit = test_document (DOC_ID, "{\"type\":\"screening\",\"status\":\"final\",\"notes\":\"Emre Demir\","
                                "\"updated_at\":\"2025-03-15T11:00:00Z\"}");
  kap_document_set_rev (edit, rev1);
  local_rev = kap_store_put (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_PENDING);
  {
    g_autoptr(KapDocument) theirs = test_foreign (DOC_ID, FALSE,
      "{\"type\":\"screening\",\"status\":\"final\",\"notes\":\"Arben Krasniqi\","
      "\"updated_at\":\"2025-03-15T10:00:00Z\"}", rev2, rev1, NULL);

    g_assert_true (test_insert (fixture->store, theirs, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (state_of (list, DOC_ID), ==, KAP_SYNC_STATE_CONFLICT);
  g_assert_true (kap_store_get_revision_state (fixture->store, DOC_ID, local_rev, &origin, NULL,
                                               NULL, &error));
  g_assert_cmpint (origin, ==, KAP_REVISION_ORIGIN_LOCAL);

  /* The filter by state sees it. */
  {
    KapRecordFilter filter = KAP_RECORD_FILTER_INIT;

    filter.sync_state = KAP_SYNC_STATE_CONFLICT;
    kap_record_list_set_filter (list, &filter);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    filter.sync_state = KAP_SYNC_STATE_SENT;
    kap_record_list_set_filter (list, &filter);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-state/local-sent-rejected", StoreFixture, NULL,
              store_fixture_set_up, test_states, store_fixture_tear_down);
  g_test_add ("/sync-state/foreign-and-conflict", StoreFixture, NULL,
              store_fixture_set_up, test_foreign_and_conflict, store_fixture_tear_down);

  return g_test_run ();
}
