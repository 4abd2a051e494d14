/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-records.h"
#include "kap-test-store-fixture.h"

/* The records service (core/records/kap-records.h): each operation's
 * effect in the store, and each role rule refused with its code. */

static KapFormRegistry *registry;

static const KapRecordAuthor author = { "OFF-003", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };
static const KapRecordAuthor reviewer = { "OFF-017", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };
static const KapProfile officer = { (char *) "OFF-003", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
static const KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };

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
member (KapDocument *document,
        const char  *name)
{
  return json_object_get_string_member_with_default (kap_document_get_body (document), name, NULL);
}

static void
test_check (void)
{
  const KapRecordsAction supervised[] = {
    KAP_RECORDS_ACTION_REVIEW, KAP_RECORDS_ACTION_SYNC,
    KAP_RECORDS_ACTION_RESOLVE, KAP_RECORDS_ACTION_DELETE,
    KAP_RECORDS_ACTION_SET_STATION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (supervised); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kap_records_check (&officer, supervised[i], &error));
      g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
      g_clear_error (&error);
      g_assert_false (kap_records_check (NULL, supervised[i], &error));
      g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
      g_clear_error (&error);
      g_assert_true (kap_records_check (&supervisor, supervised[i], &error));
      g_assert_no_error (error);
    }

  /* Capturing is everybody's. */
  g_assert_true (kap_records_check (&officer, KAP_RECORDS_ACTION_CAPTURE, NULL));
  g_assert_true (kap_records_check (NULL, KAP_RECORDS_ACTION_CAPTURE, NULL));
}

static void
test_create_draft (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(KapDocument) person = test_document (NULL, "{\"type\":\"person\",\"age_years\":16,\"sex\":\"F\"}");
  g_autoptr(KapDocument) draft = NULL, again = NULL, nothing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = kap_store_put (fixture->store, person, &error);

  g_assert_no_error (error);

  nothing = kap_records_create_draft (fixture->store, registry, &author, "no_such_form", NULL, &error);
  g_assert_null (nothing);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_UNKNOWN_FORM);
  g_clear_error (&error);

  /* A screening starts from the person's age and sex, and is stored. */
  draft = kap_records_create_draft (fixture->store, registry, &author, "screening",
                                    kap_document_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_nonnull (kap_document_get_rev (draft));
  again = stored (fixture, kap_document_get_id (draft));
  g_assert_cmpstr (kap_record_get_status (again), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_cmpstr (kap_record_get_person_id (again), ==, kap_document_get_id (person));
  g_assert_cmpint (json_object_get_int_member (kap_document_get_body (again), "age_years"), ==, 16);
  g_assert_cmpstr (member (again, "sex"), ==, "F");
  g_assert_cmpstr (member (again, "created_by"), ==, "OFF-003");
}

static void
test_save_and_finalize (StoreFixture  *fixture,
                        gconstpointer  data)
{
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(KapDocument) draft = NULL, back = NULL, stale = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_rev = NULL;
  JsonObject *body;

  draft = kap_records_create_draft (fixture->store, registry, &author, "screening", NULL, &error);
  g_assert_no_error (error);
  first_rev = g_strdup (kap_document_get_rev (draft));
  body = kap_document_get_body (draft);

  /* Saving writes the next revision, stamped. */
  json_object_set_string_member (body, "sex", "M");
  g_assert_true (kap_records_save (fixture->store, draft, form, &reviewer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (draft), !=, first_rev);
  back = stored (fixture, kap_document_get_id (draft));
  g_assert_cmpstr (member (back, "sex"), ==, "M");
  g_assert_cmpstr (member (back, "updated_by"), ==, "OFF-017");
  g_clear_object (&back);

  /* Incomplete: the issues, still a draft, nothing written. */
  g_assert_false (kap_records_finalize (fixture->store, draft, form, &author, &issues, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_nonnull (issues);
  g_assert_cmpuint (issues->len, >, 0);
  back = stored (fixture, kap_document_get_id (draft));
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_cmpstr (kap_document_get_rev (back), ==, kap_document_get_rev (draft));
  g_clear_object (&back);

  json_object_set_boolean_member (body, "interpreter_used", FALSE);
  json_object_set_string_member (body, "interview_language", "prs");
  json_object_set_boolean_member (body, "consent_given", TRUE);
  json_object_set_string_member (body, "consent_giver", "self");
  json_object_set_array_member (body, "consent_scope", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (body, "consent_scope"), "screening");
  json_object_set_int_member (body, "age_years", 15);
  json_object_set_string_member (body, "age_source", "stated");
  json_object_set_string_member (body, "travelling_with", "alone");
  json_object_set_boolean_member (body, "asylum_intention", FALSE);
  json_object_set_boolean_member (body, "immediate_medical_need", FALSE);

  /* A write that fails (the record changed elsewhere) leaves the record
   * as it was: a draft, with its answers. */
  stale = kap_document_new (kap_document_get_id (draft), body);
  kap_document_set_rev (stale, first_rev);
  g_clear_pointer (&issues, g_ptr_array_unref);
  g_assert_false (kap_records_finalize (fixture->store, stale, form, &author, &issues, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (issues);
  g_assert_cmpstr (kap_record_get_status (stale), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_cmpstr (member (stale, "travelling_with"), ==, "alone");

  /* Complete: final in the store. */
  g_assert_true (kap_records_finalize (fixture->store, draft, form, &author, &issues, &error));
  g_assert_no_error (error);
  g_assert_null (issues);
  back = stored (fixture, kap_document_get_id (draft));
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_FINAL);
}

/* A final return interest, as finalizing would leave it at its first stage. */
static KapDocument *
final_return_interest (StoreFixture *fixture)
{
  KapForm *form = kap_form_registry_get_latest (registry, "return_interest");
  g_autoptr(GError) error = NULL;
  KapDocument *record = kap_records_create_draft (fixture->store, registry, &author, "return_interest",
                                                  NULL, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  g_assert_false (kap_records_can_move_stage (record, form));
  json_object_set_string_member (kap_document_get_body (record), "status", KAP_RECORD_STATUS_FINAL);
  rev = kap_store_put (fixture->store, record, &error);
  g_assert_no_error (error);

  return record;
}

static void
test_move_stage (StoreFixture  *fixture,
                 gconstpointer  data)
{
  KapForm *form = kap_form_registry_get_latest (registry, "return_interest");
  g_autoptr(KapDocument) draft = NULL, record = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  /* A draft does not move: it is at its first stage until final. */
  draft = kap_records_create_draft (fixture->store, registry, &author, "return_interest", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kap_records_move_stage (fixture->store, draft, form, &author,
                                          "COUNSELLING", "2025-03-16", NULL, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  record = final_return_interest (fixture);
  g_assert_true (kap_records_can_move_stage (record, form));

  /* One step on: written, still final. */
  g_assert_true (kap_records_move_stage (fixture->store, record, form, &reviewer,
                                         "COUNSELLING", "2025-03-16", NULL, &error));
  g_assert_no_error (error);
  back = stored (fixture, kap_document_get_id (record));
  g_assert_cmpstr (member (back, "stage"), ==, "COUNSELLING");
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_cmpstr (member (back, "updated_by"), ==, "OFF-017");
  rev = g_strdup (kap_document_get_rev (back));
  g_clear_object (&back);

  /* Not a move the case may make. */
  g_assert_false (kap_records_move_stage (fixture->store, record, form, &author,
                                          "DEPARTED", "2025-03-17", NULL, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_STAGE);
  g_clear_error (&error);
  g_assert_cmpstr (member (record, "stage"), ==, "COUNSELLING");

  /* A withdrawal needs its reason: refused, the record as it was. */
  g_assert_false (kap_records_move_stage (fixture->store, record, form, &author,
                                          "WITHDRAWN", "2025-03-17", NULL, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_cmpstr (member (record, "stage"), ==, "COUNSELLING");
  g_assert_cmpstr (member (record, "stage_date"), ==, "2025-03-16");
  back = stored (fixture, kap_document_get_id (record));
  g_assert_cmpstr (kap_document_get_rev (back), ==, rev);
}

static void
test_review (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(KapDocument) draft = NULL, record = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  record = final_return_interest (fixture);
  id = kap_document_get_id (record);

  /* An officer, or nobody, may not; nothing changes. */
  g_assert_false (kap_records_review (fixture->store, &officer, &author, id, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (kap_records_review (fixture->store, NULL, &author, id, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  back = stored (fixture, id);
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_FINAL);
  g_clear_object (&back);

  /* A draft cannot be reviewed. */
  draft = kap_records_create_draft (fixture->store, registry, &author, "screening", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kap_records_review (fixture->store, &supervisor, &reviewer,
                                      kap_document_get_id (draft), &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  g_assert_true (kap_records_review (fixture->store, &supervisor, &reviewer, id, &error));
  g_assert_no_error (error);
  back = stored (fixture, id);
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_REVIEWED);
  g_assert_cmpstr (member (back, "updated_by"), ==, "OFF-017");
  g_assert_cmpstr (member (back, "created_by"), ==, "OFF-003");
}

static void
test_delete (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(KapDocument) record = NULL, back = NULL, gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL, *tombstone = NULL;
  const char *id;

  record = kap_records_create_draft (fixture->store, registry, &author, "screening", NULL, &error);
  g_assert_no_error (error);
  id = kap_document_get_id (record);

  refused = kap_records_delete (fixture->store, &officer, id, kap_document_get_rev (record), &error);
  g_assert_null (refused);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  refused = kap_records_delete (fixture->store, NULL, id, kap_document_get_rev (record), &error);
  g_assert_null (refused);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  back = stored (fixture, id);
  g_assert_false (kap_document_get_deleted (back));

  tombstone = kap_records_delete (fixture->store, &supervisor, id, kap_document_get_rev (record), &error);
  g_assert_no_error (error);
  g_assert_nonnull (tombstone);
  gone = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_null (gone);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
}

/* A draft is thrown away by its author or a supervisor, never by another
 * officer; a final record is not discarded at all; undo brings the same
 * draft back. */
static void
test_discard (StoreFixture  *fixture,
              gconstpointer  data)
{
  static const KapRecordAuthor other = { "OFF-042", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };
  static const KapProfile other_officer = { (char *) "OFF-042", (char *) "Fatima Rahimi", KAP_ROLE_OFFICER };
  g_autoptr(KapDocument) draft = NULL, second = NULL, final = NULL, back = NULL, gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL, *tombstone = NULL, *by_supervisor = NULL;
  KapForm *form;
  const char *id;

  draft = kap_records_create_draft (fixture->store, registry, &author, "screening", NULL, &error);
  g_assert_no_error (error);
  id = kap_document_get_id (draft);
  json_object_set_boolean_member (kap_document_get_body (draft), "child_married", TRUE);
  form = kap_form_registry_lookup (registry, kap_record_get_form_key (draft));
  g_assert_true (kap_records_save (fixture->store, draft, form, &author, &error));
  g_assert_no_error (error);

  /* Another officer may not throw away somebody's work. */
  refused = kap_records_discard (fixture->store, &other_officer, &other, id, kap_document_get_rev (draft), &error);
  g_assert_null (refused);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  /* Nor, with nobody signed in, a window writing as somebody else. */
  refused = kap_records_discard (fixture->store, NULL, &other, id, kap_document_get_rev (draft), &error);
  g_assert_null (refused);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  back = stored (fixture, id);
  g_assert_false (kap_document_get_deleted (back));
  g_clear_object (&back);

  /* Its author may, and undo brings the same answers back as a draft. */
  tombstone = kap_records_discard (fixture->store, &officer, &author, id, kap_document_get_rev (draft), &error);
  g_assert_no_error (error);
  g_assert_nonnull (tombstone);
  gone = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_null (gone);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (kap_records_restore_draft (fixture->store, draft, tombstone, &error));
  g_assert_no_error (error);
  back = stored (fixture, id);
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_true (json_object_get_boolean_member (kap_document_get_body (back), "child_married"));
  g_assert_cmpstr (kap_document_get_rev (back), ==, kap_document_get_rev (draft));
  g_clear_object (&back);

  /* The author with nobody signed in (a window without profiles writes
   * as its placeholder author) may too. */
  g_clear_pointer (&tombstone, g_free);
  tombstone = kap_records_discard (fixture->store, NULL, &author, id, kap_document_get_rev (draft), &error);
  g_assert_no_error (error);
  g_assert_true (kap_records_restore_draft (fixture->store, draft, tombstone, &error));
  g_assert_no_error (error);

  /* A supervisor may discard anybody's draft. */
  by_supervisor = kap_records_discard (fixture->store, &supervisor, &reviewer, id, kap_document_get_rev (draft),
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_supervisor);

  /* A final record is only deleted, by a supervisor: nobody discards it. */
  second = kap_records_create_draft (fixture->store, registry, &author, "person", NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (second), "name_stated", "Ardit Krasniqi");
  final = stored (fixture, kap_document_get_id (second));
  json_object_set_string_member (kap_document_get_body (final), "status", KAP_RECORD_STATUS_FINAL);
  g_clear_pointer (&refused, g_free);
  refused = kap_store_put (fixture->store, final, &error);
  g_assert_no_error (error);
  g_clear_pointer (&refused, g_free);
  refused = kap_records_discard (fixture->store, &supervisor, &reviewer, kap_document_get_id (final),
                                 kap_document_get_rev (final), &error);
  g_assert_null (refused);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
  g_clear_error (&error);
  g_assert_false (kap_records_restore_draft (fixture->store, final, kap_document_get_rev (final), &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
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

  g_test_add_func ("/records/check", test_check);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/records/create-draft", test_create_draft);
  ADD ("/records/save-and-finalize", test_save_and_finalize);
  ADD ("/records/move-stage", test_move_stage);
  ADD ("/records/review", test_review);
  ADD ("/records/delete", test_delete);
  ADD ("/records/discard", test_discard);
#undef ADD

  status = g_test_run ();
  g_clear_object (&registry);
  return status;
}
