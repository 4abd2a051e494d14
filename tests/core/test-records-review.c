/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-records.h"
#include "kap-records-review.h"
#include "kap-test-store-fixture.h"

/* Reviews that can be undone (core/records/kap-records-review.h), on a
 * real store file: the role rule, what an undo writes, and that it takes
 * back nothing but the review. */

static KapFormRegistry *registry;

static const KapRecordAuthor author = { "OFF-003", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };
static const KapRecordAuthor reviewer = { "OFF-017", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };
static const KapProfile officer = { (char *) "OFF-003", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
static const KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };

static char *
final_record (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) record = kap_records_create_draft (fixture->store, registry, &author,
                                                            "return_interest", NULL, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (record), "status", KAP_RECORD_STATUS_FINAL);
  rev = kap_store_put (fixture->store, record, &error);
  g_assert_no_error (error);

  return g_strdup (kap_document_get_id (record));
}

static KapDocument *
stored (StoreFixture *fixture,
        const char   *id)
{
  g_autoptr(GError) error = NULL;
  KapDocument *document = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);

  g_assert_no_error (error);
  return document;
}

static const char *
status_of (StoreFixture *fixture,
           const char   *id)
{
  g_autoptr(KapDocument) document = stored (fixture, id);
  static char status[16];

  g_strlcpy (status, kap_record_get_status (document), sizeof status);
  return status;
}

static void
test_review_and_undo (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = final_record (fixture);
  const char *ids[] = { id, NULL };
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(KapDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_at = NULL;
  KapReviewMark *mark;

  back = stored (fixture, id);
  before_at = g_strdup (json_object_get_string_member (kap_document_get_body (back), "updated_at"));
  g_clear_object (&back);

  marks = kap_records_review_all (fixture->store, &supervisor, &reviewer, ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marks->len, ==, 1);
  mark = g_ptr_array_index (marks, 0);
  back = stored (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (back), "updated_by"), ==, "OFF-017");
  g_clear_object (&back);
  g_assert_cmpstr (mark->id, ==, id);
  back = stored (fixture, id);
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_REVIEWED);
  g_assert_cmpstr (kap_document_get_rev (back), ==, mark->rev);
  g_clear_object (&back);

  /* An officer, or nobody, may not take it back; nothing changes. */
  g_assert_false (kap_records_unreview (fixture->store, &officer, &author, mark, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (kap_records_unreview (fixture->store, NULL, &author, mark, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_cmpstr (status_of (fixture, id), ==, KAP_RECORD_STATUS_REVIEWED);

  /* The undo is a new revision on top of the review, final again. */
  g_assert_true (kap_records_unreview (fixture->store, &supervisor, &reviewer, mark, &error));
  g_assert_no_error (error);
  back = stored (fixture, id);
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_cmpstr (kap_document_get_rev (back), !=, mark->rev);
  g_assert_true (g_str_has_prefix (kap_document_get_rev (back), "4-"));
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (back), "created_by"), ==, "OFF-003");
  /* As it was before the review: changed last by the officer, then. */
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (back), "updated_by"), ==, "OFF-003");
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (back), "updated_at"), ==, before_at);

  /* Twice is refused: it is not reviewed any more. */
  g_assert_false (kap_records_unreview (fixture->store, &supervisor, &reviewer, mark, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  /* And it can be reviewed again. */
  g_clear_pointer (&marks, g_ptr_array_unref);
  marks = kap_records_review_all (fixture->store, &supervisor, &reviewer, ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marks->len, ==, 1);
  g_assert_cmpstr (status_of (fixture, id), ==, KAP_RECORD_STATUS_REVIEWED);
}

/* A change on top of the review (a sync, another supervisor) is not
 * taken back by the undo. */
static void
test_undo_after_change (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = final_record (fixture);
  const char *ids[] = { id, NULL };
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(KapDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  marks = kap_records_review_all (fixture->store, &supervisor, &reviewer, ids, NULL, &error);
  g_assert_no_error (error);

  back = stored (fixture, id);
  json_object_set_string_member (kap_document_get_body (back), "note", "later");
  rev = kap_store_put (fixture->store, back, &error);
  g_assert_no_error (error);
  g_clear_object (&back);

  g_assert_false (kap_records_unreview (fixture->store, &supervisor, &reviewer,
                                        g_ptr_array_index (marks, 0), &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
  back = stored (fixture, id);
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_REVIEWED);
  g_assert_cmpstr (kap_document_get_rev (back), ==, rev);
}

static void
test_review_all (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autofree char *a = final_record (fixture);
  g_autofree char *b = final_record (fixture);
  g_autofree char *c = final_record (fixture);
  const char *ids[] = { a, b, c, NULL };
  const char *just_b[] = { b, NULL };
  g_autoptr(GPtrArray) marks = NULL, first = NULL;
  g_autoptr(GError) error = NULL;
  guint undone = 99;

  /* Refused before anything is written. */
  marks = kap_records_review_all (fixture->store, &officer, &author, ids, NULL, &error);
  g_assert_null (marks);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_cmpstr (status_of (fixture, ids[i]), ==, KAP_RECORD_STATUS_FINAL);

  /* One was reviewed already: the others are marked, it is passed over. */
  first = kap_records_review_all (fixture->store, &supervisor, &reviewer, just_b, NULL, &error);
  g_assert_no_error (error);
  marks = kap_records_review_all (fixture->store, &supervisor, &reviewer, ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marks->len, ==, 2);
  g_assert_cmpstr (((KapReviewMark *) g_ptr_array_index (marks, 0))->id, ==, a);
  g_assert_cmpstr (((KapReviewMark *) g_ptr_array_index (marks, 1))->id, ==, c);

  g_assert_false (kap_records_unreview_all (fixture->store, &officer, &author, marks, &undone, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_assert_cmpuint (undone, ==, 0);
  g_clear_error (&error);

  /* Undoing all of them takes back those two, not the one before. */
  g_assert_true (kap_records_unreview_all (fixture->store, &supervisor, &reviewer, marks, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undone, ==, 2);
  g_assert_cmpstr (status_of (fixture, a), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_cmpstr (status_of (fixture, b), ==, KAP_RECORD_STATUS_REVIEWED);
  g_assert_cmpstr (status_of (fixture, c), ==, KAP_RECORD_STATUS_FINAL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  registry = kap_form_registry_new ();
  if (!kap_form_registry_load_builtin (registry, &error))
    g_error ("%s", error->message);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/records/review/undo", test_review_and_undo);
  ADD ("/records/review/undo-after-change", test_undo_after_change);
  ADD ("/records/review/all", test_review_all);
#undef ADD

  status = g_test_run ();
  g_clear_object (&registry);
  return status;
}
