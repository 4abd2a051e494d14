/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-form-registry.h"
#include "kap-record.h"

static KapFormRegistry *registry;

static const KapRecordAuthor author = { "OFF-017", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };

static void
test_new (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(GDate) today = g_date_new_dmy (15, G_DATE_MARCH, 2025);
  g_autoptr(KapDocument) record = kap_record_new (form, &author, today);
  JsonObject *body = kap_document_get_body (record);

  g_assert_true (g_str_has_prefix (kap_document_get_id (record), "screening:"));
  g_assert_cmpstr (kap_document_get_doc_type (record), ==, "screening");
  g_assert_cmpstr (kap_record_get_form_key (record), ==, "screening@1");
  g_assert_cmpstr (kap_record_get_status (record), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_cmpstr (json_object_get_string_member (body, "created_by"), ==, "OFF-017");
  g_assert_cmpstr (json_object_get_string_member (body, "station"), ==, "RS-PRE");
  g_assert_cmpstr (json_object_get_string_member (body, "device"), ==, author.device);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       json_object_get_string_member (body, "created_at"), 0, 0));
  /* Defaults are in; the calculations ran. */
  g_assert_cmpstr (json_object_get_string_member (body, "rescreen_date"), ==, "2025-06-13");
  /* Nothing answered: no priority yet (not the lowest one). */
  g_assert_false (json_object_has_member (body, "priority"));

  kap_record_set_person_id (record, "person:0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
  g_assert_cmpstr (kap_record_get_person_id (record), ==, "person:0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
}

static void
test_finalize (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(GDate) today = g_date_new_dmy (15, G_DATE_MARCH, 2025);
  g_autoptr(KapDocument) record = kap_record_new (form, &author, today);
  JsonObject *body = kap_document_get_body (record);
  g_autoptr(GPtrArray) issues = NULL;
  const KapRecordAuthor reviewer = { "OFF-002", "RS-PRE", author.device };

  /* Not yet answered: issues, still a draft. */
  issues = kap_record_finalize (record, form, &author, "en", today);
  g_assert_cmpuint (issues->len, >, 0);
  g_assert_cmpstr (kap_record_get_status (record), ==, KAP_RECORD_STATUS_DRAFT);

  json_object_set_boolean_member (body, "interpreter_used", FALSE);
  json_object_set_string_member (body, "interview_language", "prs");
  json_object_set_boolean_member (body, "consent_given", TRUE);
  json_object_set_string_member (body, "consent_giver", "self");
  json_object_set_array_member (body, "consent_scope", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (body, "consent_scope"), "screening");
  json_object_set_int_member (body, "age_years", 15);
  json_object_set_string_member (body, "age_source", "stated");
  json_object_set_string_member (body, "sex", "M");
  json_object_set_string_member (body, "travelling_with", "alone");
  json_object_set_boolean_member (body, "asylum_intention", FALSE);
  json_object_set_boolean_member (body, "immediate_medical_need", FALSE);
  /* Answered, then made irrelevant: the officer corrected the sex. */
  json_object_set_boolean_member (body, "pregnant", TRUE);

  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = kap_record_finalize (record, form, &reviewer, "en", today);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_cmpstr (kap_record_get_status (record), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_false (json_object_has_member (body, "pregnant"));
  g_assert_cmpstr (json_object_get_string_member (body, "priority"), ==, "P1");
  g_assert_cmpstr (json_object_get_string_member (body, "updated_by"), ==, "OFF-002");
  g_assert_cmpstr (json_object_get_string_member (body, "created_by"), ==, "OFF-017");
}

/* A counsellor moves a final case on: only the moves kap-avr-stage.h
 * allows, with a real date; the record stays final. */
static void
test_set_stage (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "return_interest");
  g_autoptr(GDate) today = g_date_new_dmy (15, G_DATE_MARCH, 2025);
  g_autoptr(KapDocument) record = kap_record_new (form, &author, today);
  g_autoptr(KapDocument) screening = kap_record_new (kap_form_registry_get_latest (registry, "screening"),
                                                     &author, today);
  g_autoptr(GPtrArray) issues = NULL;
  JsonObject *body = kap_document_get_body (record);

  g_assert_cmpstr (json_object_get_string_member (body, "stage"), ==, "EOI");
  g_assert_cmpstr (json_object_get_string_member (body, "stage_date"), ==, "2025-03-15");
  json_object_set_string_member (body, "status", KAP_RECORD_STATUS_FINAL);

  /* Skipping ahead, a stage that does not exist, or a bad date: refused,
   * nothing changed. */
  g_assert_false (kap_record_set_stage (record, "BOOKED", "2025-03-20", NULL));
  g_assert_false (kap_record_set_stage (record, "INELIGIBLE", "2025-03-20", "No travel document"));
  g_assert_false (kap_record_set_stage (record, "LOST", "2025-03-20", NULL));
  g_assert_false (kap_record_set_stage (record, "COUNSELLING", "2025-02-30", NULL));
  g_assert_false (kap_record_set_stage (record, "COUNSELLING", "20.3.2025", NULL));
  g_assert_false (kap_record_set_stage (record, "COUNSELLING", NULL, NULL));
  g_assert_cmpstr (json_object_get_string_member (body, "stage"), ==, "EOI");
  g_assert_cmpstr (json_object_get_string_member (body, "stage_date"), ==, "2025-03-15");

  /* Only return interests have a stage. */
  g_assert_false (kap_record_set_stage (screening, "EOI", "2025-03-20", NULL));
  g_assert_false (json_object_has_member (kap_document_get_body (screening), "stage"));

  g_assert_true (kap_record_set_stage (record, "COUNSELLING", "2025-03-20", NULL));
  g_assert_cmpstr (json_object_get_string_member (body, "stage"), ==, "COUNSELLING");
  g_assert_cmpstr (json_object_get_string_member (body, "stage_date"), ==, "2025-03-20");
  g_assert_false (json_object_has_member (body, "stage_note"));
  g_assert_cmpstr (kap_record_get_status (record), ==, KAP_RECORD_STATUS_FINAL);

  g_assert_true (kap_record_set_stage (record, "ELIGIBILITY", "2025-03-27", ""));
  g_assert_false (json_object_has_member (body, "stage_note"));
  g_assert_true (kap_record_set_stage (record, "INELIGIBLE", "2025-04-02", "No travel document obtainable"));
  g_assert_cmpstr (json_object_get_string_member (body, "stage_note"), ==, "No travel document obtainable");

  /* An exit is the end: nothing moves on from it but itself. */
  g_assert_false (kap_record_set_stage (record, "COUNSELLING", "2025-04-03", NULL));
  g_assert_cmpstr (json_object_get_string_member (body, "stage"), ==, "INELIGIBLE");
  g_assert_true (kap_record_set_stage (record, "INELIGIBLE", "2025-04-03", "Travel document refused"));
  g_assert_cmpstr (json_object_get_string_member (body, "stage_note"), ==, "Travel document refused");

  /* Stamped as any other change. */
  kap_record_update (record, form, &(KapRecordAuthor) { "OFF-002", "RS-PRE", author.device }, today);
  g_assert_cmpstr (json_object_get_string_member (body, "updated_by"), ==, "OFF-002");
  g_assert_cmpstr (kap_record_get_status (record), ==, KAP_RECORD_STATUS_FINAL);
}

static void
test_reserved_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapForm) form = kap_form_new_from_json (
    "{ \"form_id\": \"bad\", \"version\": 1, \"record_type\": \"person\", \"title\": \"Bad\","
    "  \"fields\": [ { \"name\": \"status\", \"type\": \"text\", \"label\": \"Status\" } ] }", -1, &error);

  g_assert_null (form);
  g_assert_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Form “bad@1”, field “status”: the name is reserved for the record’s own information");
  g_assert_true (kap_record_member_is_reserved ("person_id"));
  g_assert_false (kap_record_member_is_reserved ("age_years"));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  registry = kap_form_registry_new ();
  if (!kap_form_registry_load_builtin (registry, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/record/new", test_new);
  g_test_add_func ("/record/finalize", test_finalize);
  g_test_add_func ("/record/reserved-names", test_reserved_names);
  g_test_add_func ("/record/set-stage", test_set_stage);

  status = g_test_run ();
  g_clear_object (&registry);
  return status;
}
