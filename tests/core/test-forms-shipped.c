/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-form-registry.h"
#include "kap-summary-columns.h"

/* The forms Kapija ships, and every vulnerability rule of the screening
 * form (DOMAIN.md §1.1 and §1.3): each case starts from an adult with no
 * indicator and sets only what the rule looks at. */

static KapFormRegistry *registry;

static GDate *
fixed_today (void)
{
  return g_date_new_dmy (15, G_DATE_MARCH, 2025);
}

static void
test_all_load (void)
{
  const char *ids[] = { "person", "screening", "return_interest", "referral", "interpreter_session" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      KapForm *form = kap_form_registry_get_latest (registry, ids[i]);
      g_autofree char *key = g_strconcat (ids[i], "@1", NULL);

      g_assert_nonnull (form);
      g_assert_true (kap_form_registry_lookup (registry, key) == form);
      g_assert_cmpstr (kap_form_get_record_type (form), ==, ids[i]);
      g_assert_nonnull (kap_form_get_title (form, "en"));
    }
}

typedef struct
{
  const char *name;
  const char *answers;      /* JSON members added to the base answers */
  const char *categories;   /* space-separated, in the form's order */
  const char *priority;
  const char *services;     /* services that must be among the suggestions */
} Rule;

static const Rule rules[] = {
  { "nothing",          "", "", "P3", "" },
  { "child-alone",      "\"age_years\": 15, \"travelling_with\": \"alone\"", "UAC", "P1", "CPG LEG SHL FTR" },
  { "separated-child",  "\"age_years\": 15, \"travelling_with\": \"unrelated_adult\", \"relationship_to_adult\": \"cousin\"", "SEP", "P2", "CPG FTR" },
  { "child-working",    "\"age_years\": 16, \"child_working\": true", "CAR", "P2", "CPG" },
  { "child-not-school", "\"age_years\": 13, \"child_in_school\": false", "CAR", "P2", "CPG" },
  { "child-in-school",  "\"age_years\": 13, \"child_in_school\": true", "", "P3", "" },
  { "disability",       "\"disability_domains\": [\"walking\"]", "DIS", "P2", "HLT" },
  { "older",            "\"age_years\": 67", "OLD", "P2", "HLT" },
  { "older-alone",      "\"age_years\": 71, \"older_alone\": true", "OLD", "P2", "HLT SHL" },
  { "pregnant",         "\"sex\": \"F\", \"pregnant\": true", "PRG", "P2", "HLT" },
  { "pregnant-complic", "\"sex\": \"F\", \"pregnant\": true, \"pregnancy_complications\": true", "PRG", "P1", "HLT" },
  { "single-parent",    "\"has_minors_in_care\": true, \"other_adult_present\": false", "SPC", "P2", "SHL" },
  { "two-parents",      "\"has_minors_in_care\": true, \"other_adult_present\": true", "", "P3", "" },
  { "thb-one",          "\"thb_debt\": true", "THB", "P2", "ATH LEG SHL" },
  { "thb-three",        "\"thb_debt\": true, \"thb_controlled\": true, \"thb_documents_held\": true", "THB", "P1", "ATH" },
  { "thb-fear",         "\"thb_fear_of_harm\": true", "THB", "P1", "ATH" },
  { "medical",          "\"immediate_medical_need\": true, \"life_threatening\": false", "SMC", "P2", "HLT" },
  { "life-threatening", "\"immediate_medical_need\": true, \"life_threatening\": true", "SMC", "P1", "HLT" },
  { "chronic",          "\"chronic_condition\": true", "SMC", "P2", "HLT" },
  { "sleep",            "\"sleep_problems\": true", "MHC", "P2", "MHP" },
  { "suicidal",         "\"self_harm_thoughts\": true", "MHC", "P1", "MHP" },
  { "torture",          "\"harmed_by_others\": true", "TOR", "P2", "MHP LEG" },
  { "gbv-at-risk",      "\"gbv_at_risk\": true", "GBV", "P2", "GBV MHP SHL" },
  { "gbv-recent",       "\"gbv_disclosed\": true, \"gbv_recent_sexual_violence\": true", "GBV", "P1", "GBV HLT MHP" },
  { "woman-at-risk",    "\"sex\": \"F\", \"woman_feels_unsafe\": true", "WAR", "P2", "GBV SHL" },
  { "lgbtiq",           "\"lgbtiq_at_risk\": true", "LGB", "P2", "LEG SHL" },
  { "family-lost",      "\"family_lost\": true", "FAM", "P2", "FTR" },
  { "asylum",           "\"asylum_intention\": true", "LEG", "P2", "ASY" },
  { "removal",          "\"removal_imminent\": true", "LEG", "P1", "LEG" },
  { "child-alone-thb",  "\"age_years\": 16, \"travelling_with\": \"alone\", \"thb_promised_job\": true", "UAC THB", "P1", "CPG ATH" },
};

static JsonObject *
base_answers (const char *extra)
{
  g_autofree char *json = g_strdup_printf (
    "{ \"interpreter_used\": false, \"interview_language\": \"prs\", \"consent_given\": true,"
    "  \"consent_giver\": \"self\", \"consent_scope\": [\"screening\", \"referral\"],"
    "  \"age_years\": 30, \"age_source\": \"stated\", \"sex\": \"M\", \"travelling_with\": \"family\","
    "  \"asylum_intention\": false, \"immediate_medical_need\": false %s%s }",
    *extra ? ", " : "", extra);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *answers = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  answers = json_node_get_object (json_parser_get_root (parser));
  return json_object_ref (answers);
}

static char *
joined (JsonObject *answers,
        const char *member)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (!json_object_has_member (answers, member))
    return g_strdup ("");

  array = json_object_get_array_member (answers, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", json_array_get_string_element (array, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_rule (gconstpointer data)
{
  const Rule *rule = data;
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(JsonObject) answers = base_answers (rule->answers);
  g_autoptr(GDate) today = fixed_today ();
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *services = NULL;
  g_auto(GStrv) wanted = g_strsplit (rule->services, " ", -1);

  kap_form_apply_defaults (form, answers, today);
  kap_form_apply_calculations (form, answers, today);

  categories = joined (answers, "vuln_cat");
  services = joined (answers, "suggested_services");
  g_assert_cmpstr (categories, ==, rule->categories);
  g_assert_cmpstr (json_object_get_string_member (answers, "priority"), ==, rule->priority);

  for (guint i = 0; wanted[i]; i++)
    if (*wanted[i])
      {
        g_autofree char *padded = g_strdup_printf (" %s ", services);
        g_autofree char *needle = g_strdup_printf (" %s ", wanted[i]);

        if (strstr (padded, needle) == NULL)
          g_error ("%s: %s not among the suggestions “%s”", rule->name, wanted[i], services);
      }
  if (*rule->services == '\0' && g_str_equal (rule->priority, "P3"))
    g_assert_cmpstr (services, ==, "");

  /* The rating follows the priority. */
  g_assert_cmpstr (json_object_get_string_member (answers, "vst_rating"), ==,
                   g_str_equal (rule->priority, "P1") ? "H" : g_str_equal (rule->priority, "P2") ? "M" : "L");

  /* And the answers of every case are a valid, complete screening. */
  issues = kap_form_validate (form, answers, "en", today);
  for (guint i = 0; i < issues->len; i++)
    {
      KapFormIssue *issue = g_ptr_array_index (issues, i);
      g_error ("%s: %s: %s", rule->name, issue->path, issue->message);
    }
}

static void
test_empty_screening_has_no_priority (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(JsonObject) answers = json_object_new ();
  g_autoptr(GDate) today = fixed_today ();
  KapSummaryValues values;

  /* A new screening, with only what the registration carried: no
   * priority (an empty screening is not a standard case), no rating. */
  json_object_set_string_member (answers, "type", "screening");
  json_object_set_int_member (answers, "age_years", 30);
  json_object_set_string_member (answers, "sex", "M");
  kap_form_apply_defaults (form, answers, today);
  kap_form_apply_calculations (form, answers, today);
  g_assert_false (json_object_has_member (answers, "priority"));
  g_assert_false (json_object_has_member (answers, "vst_rating"));
  /* So the records list has none either. */
  kap_summary_values_extract (answers, &values);
  g_assert_null (values.values[KAP_SUMMARY_PRIORITY]);
  kap_summary_values_clear (&values);

  /* Half the situation answered: still none. */
  json_object_set_string_member (answers, "travelling_with", "family");
  kap_form_apply_calculations (form, answers, today);
  g_assert_false (json_object_has_member (answers, "priority"));

  /* A reason for P1 or P2 shows at once, whatever is still unanswered. */
  json_object_set_boolean_member (answers, "self_harm_thoughts", TRUE);
  kap_form_apply_calculations (form, answers, today);
  g_assert_cmpstr (json_object_get_string_member (answers, "priority"), ==, "P1");
  json_object_set_boolean_member (answers, "self_harm_thoughts", FALSE);
  json_object_set_boolean_member (answers, "family_lost", TRUE);
  kap_form_apply_calculations (form, answers, today);
  g_assert_cmpstr (json_object_get_string_member (answers, "priority"), ==, "P2");

  /* With the situation answered and nothing found, the standard P3. */
  json_object_set_boolean_member (answers, "family_lost", FALSE);
  json_object_set_boolean_member (answers, "asylum_intention", FALSE);
  kap_form_apply_calculations (form, answers, today);
  g_assert_cmpstr (json_object_get_string_member (answers, "priority"), ==, "P3");
  g_assert_cmpstr (json_object_get_string_member (answers, "vst_rating"), ==, "L");
}

static void
test_rescreen_default (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(JsonObject) answers = base_answers ("");
  g_autoptr(GDate) today = fixed_today ();

  kap_form_apply_defaults (form, answers, today);
  g_assert_cmpstr (json_object_get_string_member (answers, "rescreen_date"), ==, "2025-06-13");
}

static void
test_no_consent_stops (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  g_autoptr(JsonObject) answers = base_answers ("");
  g_autoptr(GDate) today = fixed_today ();
  g_autoptr(GPtrArray) issues = NULL;

  json_object_set_boolean_member (answers, "consent_given", FALSE);
  issues = kap_form_validate (form, answers, "en", today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (((KapFormIssue *) issues->pdata[0])->path, ==, "consent_given");
}

static void
test_person_age (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "person");
  g_autoptr(GDate) today = fixed_today ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *answers;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"name_stated\": \"Milica Jovanović\", \"name_original\": \"Милица Јовановић\", \"sex\": \"F\","
    " \"dob_known\": true, \"date_of_birth\": \"2009-03-16\", \"age_source\": \"document\","
    " \"nationality\": \"SRB\", \"languages\": [\"srp\"]}", -1, NULL));
  answers = json_node_get_object (json_parser_get_root (parser));

  kap_form_apply_calculations (form, answers, today);
  g_assert_cmpint (json_object_get_int_member (answers, "age_years"), ==, 15);

  json_object_set_boolean_member (answers, "dob_known", FALSE);
  json_object_set_int_member (answers, "age_estimated", 40);
  kap_form_apply_calculations (form, answers, today);
  g_assert_cmpint (json_object_get_int_member (answers, "age_years"), ==, 40);
}

static void
test_return_interest (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "return_interest");
  g_autoptr(GDate) today = fixed_today ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) issues = NULL;
  JsonObject *answers;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"interpreter_used\": true, \"interpreter_id\": \"INT-RS-014\", \"preferred_language\": \"urd\","
    " \"citizenships\": [\"PAK\"], \"immigration_status\": \"irregular\", \"return_country\": \"PAK\","
    " \"travel_document\": \"none\", \"medical_need\": false, \"is_child_alone\": false,"
    " \"data_recipients\": [\"iom\", \"embassy\"], \"consent_type\": \"explicit\","
    " \"family_members\": [{\"member_name\": \"Ayesha Khan\", \"member_relationship\": \"spouse\", \"member_age\": 29}]}",
    -1, NULL));
  answers = json_node_get_object (json_parser_get_root (parser));

  kap_form_apply_defaults (form, answers, today);
  kap_form_apply_calculations (form, answers, today);
  g_assert_cmpstr (json_object_get_string_member (answers, "stage"), ==, "EOI");
  g_assert_true (json_object_get_boolean_member (answers, "substitute_document_needed"));

  issues = kap_form_validate (form, answers, "en", today);
  g_assert_cmpuint (issues->len, ==, 0);

  /* Withdrawal needs a reason. */
  json_object_set_string_member (answers, "stage", "WITHDRAWN");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = kap_form_validate (form, answers, "en", today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (((KapFormIssue *) issues->pdata[0])->path, ==, "stage_note");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  registry = kap_form_registry_new ();
  if (!kap_form_registry_load_builtin (registry, &error))
    g_error ("The shipped forms do not load: %s", error->message);

  g_test_add_func ("/forms/shipped/all-load", test_all_load);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/forms/screening/rule/%s", rules[i].name);
      g_test_add_data_func (path, &rules[i], test_rule);
    }
  g_test_add_func ("/forms/screening/rescreen-default", test_rescreen_default);
  g_test_add_func ("/forms/screening/empty-no-priority", test_empty_screening_has_no_priority);
  g_test_add_func ("/forms/screening/no-consent", test_no_consent_stops);
  g_test_add_func ("/forms/person/age", test_person_age);
  g_test_add_func ("/forms/return-interest/valid", test_return_interest);

  status = g_test_run ();
  g_clear_object (&registry);
  return status;
}
