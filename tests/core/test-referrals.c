/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-records.h"
#include "kap-referrals.h"
#include "kap-test-store-fixture.h"

/* Referrals from a screening (core/records/kap-referrals.h): what a new
 * referral starts from, consent asked per service, and which of a
 * screening's suggestions already has a referral. */

static KapFormRegistry *registry;

static const KapRecordAuthor author = { "OFF-003", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };

static const char *
member (KapDocument *document,
        const char  *name)
{
  return json_object_get_string_member_with_default (kap_document_get_body (document), name, NULL);
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

/* A 15-year-old travelling alone: the screening's own calculations make
 * it UAC, P1, with its suggested services. Returns the person's id. */
static KapDocument *
screen_child (StoreFixture *fixture,
              char        **person_id)
{
  g_autoptr(KapDocument) person = test_document (NULL, "{\"type\":\"person\",\"name_stated\":\"Ahmad Rahimi\","
                                                       "\"age_years\":15,\"sex\":\"M\"}");
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = kap_store_put (fixture->store, person, &error);
  KapDocument *screening;

  g_assert_no_error (error);
  screening = kap_records_create_draft (fixture->store, registry, &author, "screening",
                                        kap_document_get_id (person), &error);
  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (screening), "travelling_with", "alone");
  g_assert_true (kap_records_save (fixture->store, screening, form, &author, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (member (screening, "priority"), ==, "P1");

  *person_id = g_strdup (kap_document_get_id (person));
  return screening;
}

static void
test_urgency (void)
{
  g_assert_cmpstr (kap_referrals_urgency_for_priority ("P1"), ==, "immediate");
  g_assert_cmpstr (kap_referrals_urgency_for_priority ("P2"), ==, "priority");
  g_assert_cmpstr (kap_referrals_urgency_for_priority ("P3"), ==, "standard");
  g_assert_null (kap_referrals_urgency_for_priority (NULL));
  g_assert_null (kap_referrals_urgency_for_priority ("p1"));

  /* Every urgency is one the referral form offers. */
  for (const char * const *p = (const char * const[]) { "P1", "P2", "P3", NULL }; *p; p++)
    {
      KapFormField *field = kap_form_lookup_field (kap_form_registry_get_latest (registry, "referral"), "urgency");

      g_assert_nonnull (kap_form_field_get_choice_label (field, kap_referrals_urgency_for_priority (*p), NULL));
    }
}

static void
test_consent_field (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "referral");
  KapFormField *service = kap_form_lookup_field (form, "service");
  g_autofree char *cpg = kap_referrals_consent_field ("CPG");

  g_assert_cmpstr (cpg, ==, "consent_cpg");

  /* The form asks consent for each service it offers, naming it. */
  for (const char * const *code = (const char * const[]) { "HLT", "MHP", "CPG", "LEG", "SHL", "ATH", "GBV",
                                                           "FTR", "ASY", "AVR", NULL }; *code; code++)
    {
      g_autofree char *name = kap_referrals_consent_field (*code);
      KapFormField *field = kap_form_lookup_field (form, name);
      const char *label = kap_form_field_get_choice_label (service, *code, "en");

      g_assert_nonnull (field);
      g_assert_nonnull (label);
      g_assert_nonnull (strstr (kap_form_field_get_label (field, "en"), label));
    }
}

static void
test_create_from_screening (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autofree char *person_id = NULL;
  g_autoptr(KapDocument) screening = screen_child (fixture, &person_id);
  g_autoptr(KapDocument) referral = NULL, back = NULL, bare = NULL, nothing = NULL;
  g_autoptr(GError) error = NULL;

  referral = kap_referrals_create_draft (fixture->store, registry, &author, NULL,
                                         kap_document_get_id (screening), "CPG", &error);
  g_assert_no_error (error);

  /* Stored, pre-filled, and waiting for the person's consent. */
  back = stored (fixture, kap_document_get_id (referral));
  g_assert_cmpstr (kap_document_get_doc_type (back), ==, "referral");
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_cmpstr (kap_record_get_person_id (back), ==, person_id);
  g_assert_cmpstr (member (back, "screening_id"), ==, kap_document_get_id (screening));
  g_assert_cmpstr (member (back, "service"), ==, "CPG");
  g_assert_cmpstr (member (back, "urgency"), ==, "immediate");
  g_assert_false (json_object_has_member (kap_document_get_body (back), "consent_cpg"));
  g_assert_false (kap_referrals_has_consent (kap_document_get_body (back)));

  /* From the person alone: no screening, no service, no urgency. */
  bare = kap_referrals_create_draft (fixture->store, registry, &author, person_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_record_get_person_id (bare), ==, person_id);
  g_assert_null (member (bare, "screening_id"));
  g_assert_null (member (bare, "urgency"));

  /* A person is not a screening. */
  nothing = kap_referrals_create_draft (fixture->store, registry, &author, NULL, person_id, "CPG", &error);
  g_assert_null (nothing);
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
}

static gboolean
has_issue (GPtrArray  *issues,
           const char *path)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    if (g_str_equal (((KapFormIssue *) g_ptr_array_index (issues, i))->path, path))
      return TRUE;

  return FALSE;
}

static void
test_consent_per_service (StoreFixture  *fixture,
                          gconstpointer  data)
{
  KapForm *form = kap_form_registry_get_latest (registry, "referral");
  g_autofree char *person_id = NULL;
  g_autoptr(KapDocument) screening = screen_child (fixture, &person_id);
  g_autoptr(KapDocument) referral = NULL, back = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) shared = json_array_new ();
  JsonObject *body;

  referral = kap_referrals_create_draft (fixture->store, registry, &author, NULL,
                                         kap_document_get_id (screening), "CPG", &error);
  g_assert_no_error (error);
  body = kap_document_get_body (referral);

  /* No consent: refused, with the consent question as the issue. */
  g_assert_false (kap_records_finalize (fixture->store, referral, form, &author, &issues, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_INCOMPLETE);
  g_assert_true (has_issue (issues, "consent_cpg"));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* The person says no: refused with the form's message. */
  json_object_set_boolean_member (body, "consent_cpg", FALSE);
  g_assert_false (kap_records_finalize (fixture->store, referral, form, &author, &issues, &error));
  g_assert_true (has_issue (issues, "consent_cpg"));
  for (guint i = 0; i < issues->len; i++)
    {
      KapFormIssue *issue = g_ptr_array_index (issues, i);

      if (g_str_equal (issue->path, "consent_cpg"))
        g_assert_nonnull (strstr (issue->message, "Without consent"));
    }
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Consent for child protection does not stand for legal aid. */
  json_object_set_boolean_member (body, "consent_cpg", TRUE);
  json_array_add_string_element (shared, "identity");
  json_object_set_array_member (body, "fields_shared", json_array_ref (shared));
  json_object_set_string_member (body, "service", "LEG");
  g_assert_false (kap_referrals_has_consent (body));
  g_assert_false (kap_records_finalize (fixture->store, referral, form, &author, &issues, &error));
  g_assert_true (has_issue (issues, "consent_leg"));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Back to the service the consent was given for: final, and only that
   * consent is kept. */
  json_object_set_string_member (body, "service", "CPG");
  g_assert_true (kap_referrals_has_consent (body));
  g_assert_true (kap_records_finalize (fixture->store, referral, form, &author, &issues, &error));
  g_assert_no_error (error);
  back = stored (fixture, kap_document_get_id (referral));
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_true (kap_referrals_has_consent (kap_document_get_body (back)));
  g_assert_false (json_object_has_member (kap_document_get_body (back), "consent_leg"));
}

/* The records service refuses a referral without consent for its
 * service even when its form asks nothing: a form version without the
 * consent question cannot let one through. */
static void
test_consent_refused_by_service (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KapForm) form = NULL;
  g_autoptr(KapDocument) referral = NULL, back = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  form = kap_form_new_from_json ("{ \"type\": \"form\", \"form_id\": \"referral\", \"version\": 99,"
                                 "  \"record_type\": \"referral\", \"title\": \"Referral\", \"fields\": ["
                                 "    { \"name\": \"service\", \"type\": \"text\", \"label\": \"Service\" },"
                                 "    { \"name\": \"consent_leg\", \"type\": \"boolean\", \"label\": \"Consent\" }"
                                 "  ] }", -1, &error);
  g_assert_no_error (error);
  referral = kap_record_new (form, &author, NULL);
  body = kap_document_get_body (referral);
  json_object_set_string_member (body, "service", "CPG");
  json_object_set_boolean_member (body, "consent_leg", TRUE);
  g_assert_true (kap_records_save (fixture->store, referral, form, &author, &error));
  g_assert_no_error (error);

  /* Consent for legal aid is not consent for child protection. */
  g_assert_false (kap_records_finalize (fixture->store, referral, form, &author, &issues, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "has not agreed"));
  g_assert_null (issues);
  g_assert_cmpstr (kap_record_get_status (referral), ==, KAP_RECORD_STATUS_DRAFT);
  back = stored (fixture, kap_document_get_id (referral));
  g_assert_cmpstr (kap_record_get_status (back), ==, KAP_RECORD_STATUS_DRAFT);
  g_clear_error (&error);

  /* Only that service's consent counts. */
  json_object_set_string_member (body, "service", "LEG");
  g_assert_true (kap_records_finalize (fixture->store, referral, form, &author, &issues, &error));
  g_assert_no_error (error);
}

static const KapReferralSuggestion *
suggestion_for (GPtrArray  *suggestions,
                const char *service)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      const KapReferralSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (g_str_equal (suggestion->service, service))
        return suggestion;
    }

  g_assert_not_reached ();
}

static void
test_suggestions (StoreFixture  *fixture,
                  gconstpointer  data)
{
  KapForm *form = kap_form_registry_get_latest (registry, "referral");
  const char *expected[] = { "CPG", "LEG", "SHL", "FTR" };
  g_autofree char *person_id = NULL;
  g_autofree char *other_person = NULL;
  g_autoptr(KapDocument) screening = screen_child (fixture, &person_id);
  g_autoptr(KapDocument) other = screen_child (fixture, &other_person);
  g_autoptr(KapDocument) cpg = NULL, cpg_draft = NULL, leg = NULL, elsewhere = NULL;
  g_autoptr(GPtrArray) suggestions = NULL, referrals = NULL, screenings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) shared = json_array_new ();

  /* Nothing referred yet: every suggestion is open, in the screening's order. */
  suggestions = kap_referrals_list_suggestions (fixture->store, screening, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < suggestions->len; i++)
    {
      const KapReferralSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      g_assert_cmpstr (suggestion->service, ==, expected[i]);
      g_assert_null (suggestion->referral);
    }
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  /* A final referral to child protection, a later draft to it, a draft
   * to legal aid, and one from another screening. */
  cpg = kap_referrals_create_draft (fixture->store, registry, &author, NULL,
                                    kap_document_get_id (screening), "CPG", &error);
  g_assert_no_error (error);
  json_object_set_boolean_member (kap_document_get_body (cpg), "consent_cpg", TRUE);
  json_array_add_string_element (shared, "identity");
  json_object_set_array_member (kap_document_get_body (cpg), "fields_shared", json_array_ref (shared));
  g_assert_true (kap_records_finalize (fixture->store, cpg, form, &author, NULL, &error));
  g_assert_no_error (error);
  cpg_draft = kap_referrals_create_draft (fixture->store, registry, &author, NULL,
                                          kap_document_get_id (screening), "CPG", &error);
  leg = kap_referrals_create_draft (fixture->store, registry, &author, NULL,
                                    kap_document_get_id (screening), "LEG", &error);
  elsewhere = kap_referrals_create_draft (fixture->store, registry, &author, NULL,
                                          kap_document_get_id (other), "SHL", &error);
  g_assert_no_error (error);

  suggestions = kap_referrals_list_suggestions (fixture->store, screening, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpstr (suggestion_for (suggestions, "CPG")->referral->id, ==, kap_document_get_id (cpg));
  g_assert_cmpstr (suggestion_for (suggestions, "CPG")->referral->status, ==, KAP_RECORD_STATUS_FINAL);
  g_assert_nonnull (suggestion_for (suggestions, "CPG")->referral->sent_date);
  g_assert_cmpstr (suggestion_for (suggestions, "LEG")->referral->id, ==, kap_document_get_id (leg));
  g_assert_cmpstr (suggestion_for (suggestions, "LEG")->referral->status, ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_null (suggestion_for (suggestions, "SHL")->referral);
  g_assert_null (suggestion_for (suggestions, "FTR")->referral);

  /* The person's referrals, newest first, with their services. */
  referrals = kap_referrals_list_for_person (fixture->store, person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (referrals->len, ==, 3);
  g_assert_cmpstr (((KapReferral *) g_ptr_array_index (referrals, 0))->id, ==, kap_document_get_id (leg));
  g_assert_cmpstr (((KapReferral *) g_ptr_array_index (referrals, 0))->service, ==, "LEG");

  screenings = kap_referrals_list_screenings (fixture->store, person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (screenings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (screenings, 0), ==, kap_document_get_id (screening));
}

static void
test_suggestions_not_screening (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(KapDocument) person = test_document (NULL, "{\"type\":\"person\",\"suggested_services\":[\"CPG\"]}");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  suggestions = kap_referrals_list_suggestions (fixture->store, person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 0);
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

  g_test_add_func ("/referrals/urgency", test_urgency);
  g_test_add_func ("/referrals/consent-field", test_consent_field);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/referrals/create-from-screening", test_create_from_screening);
  ADD ("/referrals/consent-per-service", test_consent_per_service);
  ADD ("/referrals/consent-refused-by-service", test_consent_refused_by_service);
  ADD ("/referrals/suggestions", test_suggestions);
  ADD ("/referrals/suggestions-not-screening", test_suggestions_not_screening);
#undef ADD

  status = g_test_run ();
  g_clear_object (&registry);
  return status;
}
