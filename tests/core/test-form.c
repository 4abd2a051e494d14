/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-form.h"

/* A small form that uses every field type and every kind of rule. */
static const char *family_form =
  "{ \"type\": \"form\", \"form_id\": \"test_family\", \"version\": 3, \"record_type\": \"screening\","
  "  \"title\": { \"en\": \"Family check\", \"sr\": \"Провера породице\", \"sr-Latn\": \"Provera porodice\" },"
  "  \"choices\": {"
  "    \"sex\": [ { \"value\": \"F\", \"label\": { \"en\": \"Female\", \"sq\": \"Femër\" } },"
  "               { \"value\": \"M\", \"label\": { \"en\": \"Male\", \"sq\": \"Mashkull\" } } ],"
  "    \"with\": [ { \"value\": \"alone\", \"label\": \"Alone\" }, { \"value\": \"family\", \"label\": \"Family\" } ],"
  "    \"needs\": [ { \"value\": \"HLT\", \"label\": \"Health\" }, { \"value\": \"SHL\", \"label\": \"Shelter\" } ]"
  "  },"
  "  \"fields\": ["
  "    { \"name\": \"intro\", \"type\": \"note\", \"label\": \"Ask in private.\" },"
  "    { \"name\": \"age_years\", \"type\": \"integer\", \"label\": { \"en\": \"Age\", \"tr\": \"Yaş\" },"
  "      \"required\": true, \"constraint\": \". >= 0 and . <= 120\","
  "      \"constraint_message\": { \"en\": \"Age must be between 0 and 120.\" } },"
  "    { \"name\": \"sex\", \"type\": \"select_one\", \"label\": \"Sex\", \"choices\": \"sex\" },"
  "    { \"name\": \"travelling_with\", \"type\": \"select_one\", \"label\": \"Travelling with\", \"choices\": \"with\","
  "      \"required\": \"age_years < 18\" },"
  "    { \"name\": \"height\", \"type\": \"decimal\", \"label\": \"Height (m)\" },"
  "    { \"name\": \"arrived\", \"type\": \"date\", \"label\": \"Arrival\", \"default\": \"today()\" },"
  "    { \"name\": \"child\", \"type\": \"group\", \"label\": \"Child\", \"relevant\": \"age_years < 18\", \"fields\": ["
  "      { \"name\": \"in_school\", \"type\": \"boolean\", \"label\": \"In school?\", \"required\": true }"
  "    ] },"
  "    { \"name\": \"needs\", \"type\": \"select_multiple\", \"label\": \"Needs\", \"choices\": \"needs\", \"merge\": \"set\" },"
  "    { \"name\": \"country\", \"type\": \"select_one\", \"label\": \"Nationality\", \"choices\": \"@countries\" },"
  "    { \"name\": \"members\", \"type\": \"repeat\", \"label\": \"Family members\", \"fields\": ["
  "      { \"name\": \"member_name\", \"type\": \"text\", \"label\": \"Name\", \"required\": true },"
  "      { \"name\": \"member_age\", \"type\": \"integer\", \"label\": \"Age\" },"
  "      { \"name\": \"member_minor\", \"type\": \"boolean\", \"label\": \"Minor\", \"calculate\": \"member_age < 18\" }"
  "    ] },"
  "    { \"name\": \"child_alone\", \"type\": \"boolean\", \"label\": \"Child alone\","
  "      \"calculate\": \"age_years < 18 and travelling_with = 'alone'\" },"
  "    { \"name\": \"categories\", \"type\": \"select_multiple\", \"label\": \"Categories\", \"choices\": \"needs\","
  "      \"calculate\": \"list(if(child_alone, 'SHL', null), if(count-selected(needs) > 0, 'HLT', null))\" },"
  "    { \"name\": \"priority\", \"type\": \"text\", \"label\": \"Priority\","
  "      \"calculate\": \"if(child_alone, 'P1', if(count-selected(categories) > 0, 'P2', 'P3'))\" },"
  "    { \"name\": \"notes\", \"type\": \"text\", \"label\": \"Notes\", \"appearance\": \"multiline\","
  "      \"read_only\": \"priority = 'P3'\" }"
  "  ] }";

static GDate *
fixed_today (void)
{
  GDate *date = g_date_new_dmy (15, G_DATE_MARCH, 2025);

  return date;
}

static KapForm *
load (const char *json)
{
  g_autoptr(GError) error = NULL;
  KapForm *form = kap_form_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (form);
  return form;
}

static JsonObject *
answers_of (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_load (void)
{
  g_autoptr(KapForm) form = load (family_form);
  KapFormField *child, *in_school, *members;

  g_assert_cmpstr (kap_form_get_key (form), ==, "test_family@3");
  g_assert_cmpstr (kap_form_get_record_type (form), ==, "screening");
  g_assert_cmpstr (kap_form_get_title (form, "sr"), ==, "Провера породице");
  g_assert_cmpstr (kap_form_get_title (form, "sr_RS.UTF-8@latin"), ==, "Provera porodice");
  g_assert_cmpstr (kap_form_get_title (form, "sq"), ==, "Family check");
  g_assert_cmpuint (kap_form_get_n_fields (form), ==, 14);

  child = kap_form_lookup_field (form, "child");
  in_school = kap_form_lookup_field (form, "in_school");
  members = kap_form_lookup_field (form, "members");
  g_assert_cmpint (kap_form_field_get_field_type (child), ==, KAP_FIELD_GROUP);
  g_assert_true (kap_form_field_get_parent (in_school) == child);
  g_assert_cmpuint (kap_form_field_get_n_children (members), ==, 3);
  g_assert_cmpint (kap_form_field_get_value_type (kap_form_lookup_field (form, "needs")), ==, KAP_VALUE_LIST);
  g_assert_true (kap_form_field_get_merge_as_set (kap_form_lookup_field (form, "needs")));
  g_assert_cmpstr (kap_form_field_get_label (kap_form_lookup_field (form, "age_years"), "tr"), ==, "Yaş");
  g_assert_cmpstr (kap_form_field_get_choice_label (kap_form_lookup_field (form, "sex"), "F", "sq"), ==, "Femër");
  g_assert_cmpstr (kap_form_field_get_choice_list (kap_form_lookup_field (form, "country")), ==, "@countries");
  g_assert_cmpstr (kap_form_field_get_appearance (kap_form_lookup_field (form, "notes")), ==, "multiline");
}

static void
test_relevance_and_required (void)
{
  g_autoptr(KapForm) form = load (family_form);
  g_autoptr(JsonObject) adult = answers_of ("{\"age_years\": 34}");
  g_autoptr(JsonObject) child = answers_of ("{\"age_years\": 15}");
  g_autoptr(GDate) today = fixed_today ();
  KapFormField *in_school = kap_form_lookup_field (form, "in_school");
  KapFormField *with = kap_form_lookup_field (form, "travelling_with");

  g_assert_false (kap_form_field_is_relevant (form, in_school, adult, NULL, today));
  g_assert_true (kap_form_field_is_relevant (form, in_school, child, NULL, today));
  g_assert_false (kap_form_field_is_required (form, with, adult, NULL, today));
  g_assert_true (kap_form_field_is_required (form, with, child, NULL, today));
}

static void
test_calculations (void)
{
  g_autoptr(KapForm) form = load (family_form);
  g_autoptr(JsonObject) answers = answers_of (
    "{\"age_years\": 15, \"travelling_with\": \"alone\", \"needs\": [\"SHL\"],"
    " \"members\": [{\"member_name\": \"Милица Јовановић\", \"member_age\": 9},"
    "               {\"member_name\": \"Ayşe Yılmaz\", \"member_age\": 40}]}");
  g_autoptr(GDate) today = fixed_today ();
  JsonArray *members;

  g_assert_true (kap_form_apply_calculations (form, answers, today));
  g_assert_true (json_object_get_boolean_member (answers, "child_alone"));
  g_assert_cmpstr (json_object_get_string_member (answers, "priority"), ==, "P1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answers, "categories")), ==, 2);

  /* Calculations inside a repeat run once per item, in the item. */
  members = json_object_get_array_member (answers, "members");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (members, 0), "member_minor"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (members, 1), "member_minor"));
  g_assert_false (json_object_has_member (answers, "member_minor"));

  /* Nothing changes the second time. */
  g_assert_false (kap_form_apply_calculations (form, answers, today));

  /* An adult with no needs: the chain of calculations follows. */
  json_object_set_int_member (answers, "age_years", 30);
  json_object_set_array_member (answers, "needs", json_array_new ());
  g_assert_true (kap_form_apply_calculations (form, answers, today));
  g_assert_false (json_object_get_boolean_member (answers, "child_alone"));
  g_assert_cmpstr (json_object_get_string_member (answers, "priority"), ==, "P3");
  g_assert_true (kap_form_field_is_read_only (form, kap_form_lookup_field (form, "notes"), answers, NULL, today));
  g_assert_true (kap_form_field_is_read_only (form, kap_form_lookup_field (form, "priority"), answers, NULL, today));
}

static void
test_defaults (void)
{
  g_autoptr(KapForm) form = load (family_form);
  g_autoptr(JsonObject) answers = json_object_new ();
  g_autoptr(GDate) today = fixed_today ();

  kap_form_apply_defaults (form, answers, today);
  g_assert_cmpstr (json_object_get_string_member (answers, "arrived"), ==, "2025-03-15");

  json_object_set_string_member (answers, "arrived", "2025-03-01");
  kap_form_apply_defaults (form, answers, today);
  g_assert_cmpstr (json_object_get_string_member (answers, "arrived"), ==, "2025-03-01");
}

static void
test_validate (void)
{
  g_autoptr(KapForm) form = load (family_form);
  g_autoptr(JsonObject) answers = answers_of (
    "{\"age_years\": 130, \"sex\": \"Q\", \"height\": \"tall\", \"needs\": [\"HLT\", \"XYZ\"],"
    " \"members\": [{\"member_age\": 9.5}]}");
  g_autoptr(GDate) today = fixed_today ();
  g_autoptr(GPtrArray) issues = NULL;
  const char *expected[][2] = {
    { "age_years", "Age must be between 0 and 120." },
    { "sex", "Choose one of the offered answers." },
    { "height", "Enter a number." },
    { "needs", "Choose among the offered answers." },
    { "members[1].member_name", "This answer is required." },
    { "members[1].member_age", "Enter a whole number." },
  };

  issues = kap_form_validate (form, answers, "en", today);
  g_assert_cmpuint (issues->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < issues->len; i++)
    {
      KapFormIssue *issue = g_ptr_array_index (issues, i);

      g_assert_cmpstr (issue->path, ==, expected[i][0]);
      g_assert_cmpstr (issue->message, ==, expected[i][1]);
    }
  g_assert_cmpstr (((KapFormIssue *) issues->pdata[0])->label, ==, "Age");

  /* A child must answer the child group and travelling_with. */
  g_clear_pointer (&issues, g_ptr_array_unref);
  g_clear_pointer (&answers, json_object_unref);
  answers = answers_of ("{\"age_years\": 12}");
  issues = kap_form_validate (form, answers, "en", today);
  g_assert_cmpuint (issues->len, ==, 2);
  g_assert_cmpstr (((KapFormIssue *) issues->pdata[0])->path, ==, "travelling_with");
  g_assert_cmpstr (((KapFormIssue *) issues->pdata[1])->path, ==, "in_school");

  /* A valid adult record has no issues. */
  g_clear_pointer (&issues, g_ptr_array_unref);
  g_clear_pointer (&answers, json_object_unref);
  answers = answers_of ("{\"age_years\": 40, \"sex\": \"M\", \"country\": \"AFG\", \"needs\": [\"SHL\"]}");
  issues = kap_form_validate (form, answers, "en", today);
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_repeat_item (void)
{
  g_autoptr(JsonObject) one = kap_form_repeat_item_new ();
  g_autoptr(JsonObject) two = kap_form_repeat_item_new ();

  /* Distinct, time-ordered identities for the merge to match items by. */
  g_assert_cmpstr (json_object_get_string_member (one, "item_id"), <,
                   json_object_get_string_member (two, "item_id"));
  g_assert_cmpuint (json_object_get_size (one), ==, 1);
}

static void
test_prune (void)
{
  g_autoptr(KapForm) form = load (family_form);
  g_autoptr(JsonObject) answers = answers_of ("{\"age_years\": 15, \"in_school\": true}");
  g_autoptr(GDate) today = fixed_today ();

  kap_form_prune (form, answers, today);
  g_assert_true (json_object_has_member (answers, "in_school"));

  /* The age was corrected: the child answers go. */
  json_object_set_int_member (answers, "age_years", 19);
  kap_form_prune (form, answers, today);
  g_assert_false (json_object_has_member (answers, "in_school"));
  g_assert_true (json_object_has_member (answers, "age_years"));
}

/* Bad definitions are caught at load, naming the form, the field and, for
 * expressions, the column. */
static void
assert_load_error (const char *fields,
                   int         code,
                   const char *message)
{
  g_autofree char *json = g_strdup_printf (
    "{ \"form_id\": \"bad\", \"version\": 1, \"record_type\": \"screening\", \"title\": \"Bad\","
    "  \"choices\": { \"yn\": [ { \"value\": \"Y\", \"label\": \"Yes\" } ] }, \"fields\": [ %s ] }", fields);
  g_autoptr(GError) error = NULL;
  g_autoptr(KapForm) form = kap_form_new_from_json (json, -1, &error);

  g_assert_null (form);
  g_assert_error (error, KAP_FORM_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapForm) form = kap_form_new_from_json ("{\"form_id\": \"x\",", -1, &error);

  g_assert_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_MALFORMED);
  g_clear_error (&error);
  form = kap_form_new_from_json ("{\"form_id\": \"x\", \"version\": \"2\"}", -1, &error);
  g_assert_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_INVALID);

  assert_load_error ("{ \"name\": \"a\", \"type\": \"texts\", \"label\": \"A\" }",
                     KAP_FORM_ERROR_INVALID, "Form “bad@1”, field “a”: unknown type “texts”");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"text\", \"label\": \"A\" },"
                     "{ \"name\": \"a\", \"type\": \"text\", \"label\": \"A\" }",
                     KAP_FORM_ERROR_INVALID, "Form “bad@1”, field “a”: the name is used by another field");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"select_one\", \"label\": \"A\", \"choices\": \"nope\" }",
                     KAP_FORM_ERROR_INVALID, "Form “bad@1”, field “a”: there is no choice list “nope”");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"text\" }",
                     KAP_FORM_ERROR_INVALID, "Form “bad@1”, field “a”: “label” is missing");
  assert_load_error ("{ \"type\": \"text\", \"label\": \"A\" }",
                     KAP_FORM_ERROR_INVALID,
                     "Form “bad@1”: a field has no valid “name” (letters, digits and “_”, not a reserved word)");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"integer\", \"label\": \"A\", \"relevant\": \"b > (1\" },"
                     "{ \"name\": \"b\", \"type\": \"integer\", \"label\": \"B\" }",
                     KAP_FORM_ERROR_EXPRESSION,
                     "Form “bad@1”, field “a”, relevant: Column 7: expected “)” to close the “(” at column 5");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"integer\", \"label\": \"A\", \"relevant\": \"nobody > 1\" }",
                     KAP_FORM_ERROR_EXPRESSION,
                     "Form “bad@1”, field “a”, relevant: Column 1: there is no field “nobody”");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"integer\", \"label\": \"A\", \"relevant\": \"frobnicate(1)\" }",
                     KAP_FORM_ERROR_EXPRESSION,
                     "Form “bad@1”, field “a”, relevant: Column 1: unknown function “frobnicate”");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"text\", \"label\": \"A\" },"
                     "{ \"name\": \"b\", \"type\": \"integer\", \"label\": \"B\", \"calculate\": \"age(a)\" }",
                     KAP_FORM_ERROR_EXPRESSION,
                     "Form “bad@1”, field “b”, calculate: Column 5: argument 1 of “age” must be a date, not text");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"integer\", \"label\": \"A\", \"calculate\": \"'seven'\" }",
                     KAP_FORM_ERROR_EXPRESSION,
                     "Form “bad@1”, field “a”, calculate: gives a string where a number is needed");
  assert_load_error ("{ \"name\": \"a\", \"type\": \"integer\", \"label\": \"A\", \"calculate\": \"b + 1\" },"
                     "{ \"name\": \"b\", \"type\": \"integer\", \"label\": \"B\", \"calculate\": \"c + 1\" },"
                     "{ \"name\": \"c\", \"type\": \"integer\", \"label\": \"C\", \"calculate\": \"a + 1\" }",
                     KAP_FORM_ERROR_CYCLE, "Form “bad@1”: the calculation of “a” depends on itself");
  assert_load_error ("{ \"name\": \"r\", \"type\": \"repeat\", \"label\": \"R\", \"fields\": ["
                     "  { \"name\": \"inner\", \"type\": \"integer\", \"label\": \"I\" } ] },"
                     "{ \"name\": \"outer\", \"type\": \"integer\", \"label\": \"O\", \"calculate\": \"inner + 1\" }",
                     KAP_FORM_ERROR_EXPRESSION,
                     "Form “bad@1”, field “outer”, calculate: Column 1: there is no field “inner”");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/form/load", test_load);
  g_test_add_func ("/form/relevance-and-required", test_relevance_and_required);
  g_test_add_func ("/form/calculations", test_calculations);
  g_test_add_func ("/form/defaults", test_defaults);
  g_test_add_func ("/form/validate", test_validate);
  g_test_add_func ("/form/prune", test_prune);
  g_test_add_func ("/form/repeat-item", test_repeat_item);
  g_test_add_func ("/form/load-errors", test_load_errors);

  return g_test_run ();
}
