/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-carry.h"
#include "kap-records.h"
#include "kap-test-store-fixture.h"

/* Asking each fact once (core/records/kap-carry.h): what a new record
 * about a person starts from, where the form says it came from, and that
 * the note goes when the officer changes the answer or the record
 * becomes final. */

static KapFormRegistry *registry;

static const KapRecordAuthor author = { "OFF-003", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };

static char *
put (StoreFixture *fixture,
     const char   *json)
{
  g_autoptr(KapDocument) document = test_document (NULL, json);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = kap_store_put (fixture->store, document, &error);

  g_assert_no_error (error);
  return g_strdup (kap_document_get_id (document));
}

static char *
put_about (StoreFixture *fixture,
           const char   *person,
           const char   *json_tail)
{
  g_autofree char *json = g_strdup_printf ("{\"person_id\":\"%s\",%s", person, json_tail);

  return put (fixture, json);
}

static KapDocument *
create (StoreFixture *fixture,
        const char   *form_id,
        const char   *person)
{
  g_autoptr(GError) error = NULL;
  KapDocument *draft = kap_records_create_draft (fixture->store, registry, &author, form_id, person, &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  return draft;
}

static char *
joined (JsonObject *body,
        const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array = json_object_get_array_member (body, name);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_caption (JsonObject *body,
                const char *field,
                const char *caption)
{
  g_autofree char *text = kap_carry_describe (body, field);

  g_assert_cmpstr (text, ==, caption);
}

static void
test_screening_from_person (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autofree char *person = put (fixture, "{\"type\":\"person\",\"dob_known\":false,\"age_estimated\":16,"
                                          "\"age_years\":16,\"age_source\":\"estimated\",\"sex\":\"F\","
                                          "\"created_at\":\"2026-12-01T09:00:00Z\"}");
  g_autoptr(KapDocument) draft = create (fixture, "screening", person);
  g_autoptr(KapDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  /* The age, how it was found out and the sex, as the registration said;
   * the store has the notes too, so a reopened draft shows them. */
  stored = kap_store_get (fixture->store, kap_document_get_id (draft), NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  body = kap_document_get_body (stored);
  g_assert_cmpint (json_object_get_int_member (body, "age_years"), ==, 16);
  g_assert_cmpstr (json_object_get_string_member (body, "age_source"), ==, "estimated");
  g_assert_cmpstr (json_object_get_string_member (body, "sex"), ==, "F");
  g_assert_cmpstr (kap_carry_get_source (body, "age_years"), ==, "person");
  g_assert_cmpstr (kap_carry_get_source (body, "age_source"), ==, "person");
  assert_caption (body, "sex", "From the registration");
  g_assert_null (kap_carry_get_source (body, "travelling_with"));

  /* Nothing answered yet: no priority (and no rating) until the
   * situation questions are answered. */
  g_assert_false (json_object_has_member (body, "priority"));
  g_assert_false (json_object_has_member (body, "vst_rating"));

  /* A number written back as a decimal is the same answer. */
  json_object_set_double_member (body, "age_years", 16.0);
  g_assert_cmpstr (kap_carry_get_source (body, "age_years"), ==, "person");

  /* Once the officer changes it, it is their answer. */
  json_object_set_int_member (body, "age_years", 17);
  g_assert_null (kap_carry_get_source (body, "age_years"));
  assert_caption (body, "age_years", NULL);
  json_object_remove_member (body, "sex");
  g_assert_null (kap_carry_get_source (body, "sex"));
  g_assert_cmpstr (kap_carry_get_source (body, "age_source"), ==, "person");
}

static void
test_return_interest (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *person = put (fixture, "{\"type\":\"person\",\"dob_known\":true,\"date_of_birth\":\"1990-05-04\","
                                          "\"nationality\":\"AFG\",\"other_citizenships\":[\"IRN\",\"AFG\"]}");
  g_autofree char *older = NULL, *latest = NULL, *other = NULL;
  g_autoptr(KapDocument) draft = NULL;
  g_autofree char *expected = NULL;
  JsonObject *body;

  older = put_about (fixture, person, "\"type\":\"screening\",\"vuln_cat\":[\"UAC\"],"
                                      "\"created_at\":\"2025-11-20T09:00:00Z\"}");
  latest = put_about (fixture, person, "\"type\":\"screening\",\"vuln_cat\":[\"MHC\",\"TOR\"],"
                                       "\"created_at\":\"2025-12-03T10:00:00Z\"}");
  /* Someone else's screening is no one's fact about this person. */
  other = put_about (fixture, "person:someone-else", "\"type\":\"screening\",\"vuln_cat\":[\"GBV\"],"
                                                     "\"created_at\":\"2025-12-05T10:00:00Z\"}");

  draft = create (fixture, "return_interest", person);
  body = kap_document_get_body (draft);

  {
    g_autofree char *citizenships = joined (body, "citizenships");
    g_autofree char *categories = joined (body, "vulnerabilities");

    /* The nationality first, each country once. */
    g_assert_cmpstr (citizenships, ==, "AFG IRN");
    g_assert_cmpstr (categories, ==, "MHC TOR");
  }
  g_assert_cmpstr (json_object_get_string_member (body, "date_of_birth"), ==, "1990-05-04");
  assert_caption (body, "citizenships", "From the registration");
  assert_caption (body, "date_of_birth", "From the registration");
  /* A day of another year says the year. */
  assert_caption (body, "vulnerabilities", "From the screening of 3 Dec 2025");

  {
    g_auto(GStrv) fields = kap_carry_list_fields (body);

    g_assert_cmpuint (g_strv_length (fields), ==, 3);
    g_assert_true (g_strv_contains ((const char * const *) fields, "vulnerabilities"));
  }
}

static void
test_interpreter_session (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *person = put (fixture, "{\"type\":\"person\",\"preferred_language\":\"prs\"}");
  g_autofree char *screening = NULL, *interest = NULL, *later = NULL;
  g_autoptr(KapDocument) first = NULL, second = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%dT08:00:00Z");
  g_autofree char *json = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *day = g_date_time_format (now, "%-d %b");
  JsonObject *body;

  /* No earlier interview with an interpreter: nothing to carry. */
  first = create (fixture, "interpreter_session", person);
  g_assert_null (kap_carry_list_fields (kap_document_get_body (first)));

  json = g_strdup_printf ("\"type\":\"screening\",\"interpreter_used\":true,\"interpreter_id\":\"INT-07\","
                          "\"interpreter_mode\":\"phone\",\"interview_language\":\"pus\","
                          "\"created_at\":\"%s\"}", today);
  screening = put_about (fixture, person, json);
  /* Older, with another interpreter; and a newer one without any. */
  interest = put_about (fixture, person, "\"type\":\"return_interest\",\"interpreter_used\":true,"
                                         "\"interpreter_id\":\"INT-02\",\"preferred_language\":\"prs\","
                                         "\"created_at\":\"2025-01-10T08:00:00Z\"}");
  later = put_about (fixture, person, "\"type\":\"screening\",\"interpreter_used\":false,"
                                      "\"created_at\":\"2099-01-01T08:00:00Z\"}");

  second = create (fixture, "interpreter_session", person);
  body = kap_document_get_body (second);
  g_assert_cmpstr (json_object_get_string_member (body, "interpreter_id"), ==, "INT-07");
  g_assert_cmpstr (json_object_get_string_member (body, "language"), ==, "pus");
  g_assert_cmpstr (json_object_get_string_member (body, "mode"), ==, "phone");
  caption = g_strdup_printf ("From the screening of %s", day);
  assert_caption (body, "mode", caption);
  g_assert_cmpstr (kap_carry_get_source (body, "interpreter_id"), ==, "screening");
}

static void
test_interpreter_from_return_interest (StoreFixture  *fixture,
                                       gconstpointer  data)
{
  g_autofree char *person = put (fixture, "{\"type\":\"person\"}");
  g_autofree char *interest = put_about (fixture, person,
                                         "\"type\":\"return_interest\",\"interpreter_used\":true,"
                                         "\"interpreter_id\":\"INT-02\",\"preferred_language\":\"prs\","
                                         "\"created_at\":\"2025-01-10T08:00:00Z\"}");
  g_autoptr(KapDocument) draft = create (fixture, "interpreter_session", person);
  JsonObject *body = kap_document_get_body (draft);

  /* A return interest names no mode: that one stays to be asked. */
  g_assert_cmpstr (json_object_get_string_member (body, "interpreter_id"), ==, "INT-02");
  g_assert_cmpstr (json_object_get_string_member (body, "language"), ==, "prs");
  g_assert_false (json_object_has_member (body, "mode"));
  assert_caption (body, "language", "From the return interest of 10 Jan 2025");
}

static void
test_registration_note (void)
{
  g_autoptr(JsonObject) body = test_object ("{\"sex\":\"M\",\"age_estimated\":40,\"name_stated\":\"\"}");

  kap_carry_note (body, "sex", KAP_CARRY_FROM_REGISTRATION, NULL, NULL);
  kap_carry_note (body, "age_estimated", KAP_CARRY_FROM_REGISTRATION, NULL, NULL);
  /* No answer, nothing noted. */
  kap_carry_note (body, "name_stated", KAP_CARRY_FROM_REGISTRATION, NULL, NULL);
  kap_carry_note (body, "age_source", KAP_CARRY_FROM_REGISTRATION, NULL, NULL);

  assert_caption (body, "sex", "From the registration");
  assert_caption (body, "age_estimated", "From the registration");
  g_assert_null (kap_carry_get_source (body, "name_stated"));
  g_assert_null (kap_carry_get_source (body, "age_source"));

  kap_carry_forget (body);
  g_assert_null (kap_carry_get_source (body, "sex"));
  g_assert_null (kap_carry_list_fields (body));
}

static void
test_finalize_forgets (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autofree char *person = put (fixture, "{\"type\":\"person\",\"age_years\":30,\"age_source\":\"document\",\"sex\":\"M\"}");
  g_autoptr(KapDocument) draft = create (fixture, "screening", person);
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(GError) error = NULL;
  JsonObject *body = kap_document_get_body (draft);

  json_object_set_boolean_member (body, "interpreter_used", FALSE);
  json_object_set_string_member (body, "interview_language", "prs");
  json_object_set_boolean_member (body, "consent_given", TRUE);
  json_object_set_string_member (body, "consent_giver", "self");
  json_object_set_array_member (body, "consent_scope", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (body, "consent_scope"), "screening");
  json_object_set_string_member (body, "travelling_with", "family");
  json_object_set_boolean_member (body, "asylum_intention", FALSE);
  json_object_set_boolean_member (body, "immediate_medical_need", FALSE);

  /* Failing to finalize keeps the notes for the draft. */
  json_object_remove_member (body, "travelling_with");
  g_assert_false (kap_records_finalize (fixture->store, draft, form, &author, NULL, &error));
  g_clear_error (&error);
  g_assert_nonnull (json_object_get_member (body, "carried"));

  json_object_set_string_member (body, "travelling_with", "family");
  g_assert_true (kap_records_finalize (fixture->store, draft, form, &author, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (body, "carried"));
  g_assert_cmpint (json_object_get_int_member (body, "age_years"), ==, 30);
  /* With the situation answered, the priority is the rule's. */
  g_assert_cmpstr (json_object_get_string_member (body, "priority"), ==, "P3");
}

static void
test_unknown_person (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) draft = NULL;

  draft = kap_records_create_draft (fixture->store, registry, &author, "screening", "person:nobody", &error);
  g_assert_null (draft);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
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

  g_test_add_func ("/carry/registration-note", test_registration_note);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/carry/screening-from-person", test_screening_from_person);
  ADD ("/carry/return-interest", test_return_interest);
  ADD ("/carry/interpreter-session", test_interpreter_session);
  ADD ("/carry/interpreter-from-return-interest", test_interpreter_from_return_interest);
  ADD ("/carry/finalize-forgets", test_finalize_forgets);
  ADD ("/carry/unknown-person", test_unknown_person);
#undef ADD

  status = g_test_run ();
  g_clear_object (&registry);
  return status;
}
