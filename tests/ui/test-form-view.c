/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-form-view"

#include "config.h"

#include "kap-ui-test.h"

#include "form-test-util.h"

/* A form with one field of every kind, to check which widget each gets. */
static const char every_kind_form[] =
  "{ \"type\": \"form\", \"form_id\": \"every_kind\", \"version\": 1, \"record_type\": \"screening\","
  "  \"title\": { \"en\": \"Every kind\" },"
  "  \"fields\": ["
  "    { \"name\": \"intro\", \"type\": \"note\", \"label\": { \"en\": \"Read this first.\" } },"
  "    { \"name\": \"about\", \"type\": \"group\", \"label\": { \"en\": \"About\" }, \"fields\": ["
  "      { \"name\": \"a_text\", \"type\": \"text\", \"label\": { \"en\": \"Text\" }, \"required\": true },"
  "      { \"name\": \"a_long\", \"type\": \"text\", \"appearance\": \"multiline\", \"label\": { \"en\": \"Long text\" } },"
  "      { \"name\": \"a_int\", \"type\": \"integer\", \"label\": { \"en\": \"Whole\" } },"
  "      { \"name\": \"a_dec\", \"type\": \"decimal\", \"label\": { \"en\": \"Decimal\" } },"
  "      { \"name\": \"a_date\", \"type\": \"date\", \"label\": { \"en\": \"Date\" } },"
  "      { \"name\": \"a_bool\", \"type\": \"boolean\", \"label\": { \"en\": \"Yes or no\" } },"
  "      { \"name\": \"a_short\", \"type\": \"select_one\", \"choices\": \"short\", \"label\": { \"en\": \"Short\" } },"
  "      { \"name\": \"a_long_list\", \"type\": \"select_one\", \"choices\": \"long\", \"label\": { \"en\": \"Long\" } },"
  "      { \"name\": \"a_country\", \"type\": \"select_one\", \"choices\": \"@countries\", \"label\": { \"en\": \"Country\" } },"
  "      { \"name\": \"a_multi\", \"type\": \"select_multiple\", \"choices\": \"long\", \"label\": { \"en\": \"Several\" } },"
  "      { \"name\": \"a_langs\", \"type\": \"select_multiple\", \"choices\": \"@languages\", \"label\": { \"en\": \"Languages\" } },"
  "      { \"name\": \"a_calc\", \"type\": \"integer\", \"calculate\": \"a_int * 2\", \"label\": { \"en\": \"Twice\" } }"
  "    ] },"
  "    { \"name\": \"items\", \"type\": \"repeat\", \"label\": { \"en\": \"Items\" }, \"fields\": ["
  "      { \"name\": \"item_name\", \"type\": \"text\", \"label\": { \"en\": \"Name\" } }"
  "    ] }"
  "  ],"
  "  \"choices\": {"
  "    \"short\": [ { \"value\": \"a\", \"label\": { \"en\": \"One\" } }, { \"value\": \"b\", \"label\": { \"en\": \"Two\" } } ],"
  "    \"long\": [ { \"value\": \"x1\", \"label\": { \"en\": \"A rather long first answer\" } },"
  "                { \"value\": \"x2\", \"label\": { \"en\": \"Second\" } },"
  "                { \"value\": \"x3\", \"label\": { \"en\": \"Third\" } },"
  "                { \"value\": \"x4\", \"label\": { \"en\": \"Fourth\" } },"
  "                { \"value\": \"x5\", \"label\": { \"en\": \"Fifth\" } } ]"
  "  } }";

static KapFormRegistry *registry;

static KapForm *
lookup (const char *key)
{
  KapForm *form = kap_form_registry_lookup (registry, key);

  g_assert_nonnull (form);
  return form;
}

static void
test_every_kind (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapForm) form = kap_form_new_from_json (every_kind_form, -1, &error);
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view;
  GtkWindow *window;
  KapFieldRow *row;

  g_assert_no_error (error);
  view = KAP_FORM_VIEW (kap_form_view_new (form, answers, FALSE));
  window = form_test_show (GTK_WIDGET (view), 600, 800);

  g_assert_true (GTK_IS_LIST_BOX_ROW (kap_field_row_get_display_row (form_test_row (view, "intro"))));
  g_assert_true (ADW_IS_PREFERENCES_GROUP (kap_form_view_get_group (view, "about")));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (kap_form_view_get_group (view, "about"))),
                   ==, "About");
  g_assert_true (ADW_IS_ENTRY_ROW (kap_field_row_get_edit_row (form_test_row (view, "a_text"))));
  g_assert_true (GTK_IS_TEXT_BUFFER (form_test_buffer (form_test_row (view, "a_long"))));
  g_assert_true (ADW_IS_ENTRY_ROW (kap_field_row_get_edit_row (form_test_row (view, "a_int"))));
  g_assert_true (ADW_IS_ENTRY_ROW (kap_field_row_get_edit_row (form_test_row (view, "a_dec"))));
  row = form_test_row (view, "a_date");
  g_assert_true (ADW_IS_ENTRY_ROW (kap_field_row_get_edit_row (row)));
  g_assert_true (GTK_IS_CALENDAR (form_test_calendar (row)));
  row = form_test_row (view, "a_bool");
  g_assert_cmpuint (form_test_toggles (row)->len, ==, 2);
  g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (form_test_toggles (row), 0)), ==, "Yes");
  g_assert_cmpuint (form_test_toggles (form_test_row (view, "a_short"))->len, ==, 2);
  g_assert_true (ADW_IS_COMBO_ROW (kap_field_row_get_edit_row (form_test_row (view, "a_long_list"))));
  g_assert_true (KAP_IS_CODE_PICKER (kap_field_row_get_edit_row (form_test_row (view, "a_country"))));
  g_assert_false (kap_code_picker_get_multiple (KAP_CODE_PICKER (kap_field_row_get_edit_row (form_test_row (view, "a_country")))));
  row = form_test_row (view, "a_multi");
  g_assert_true (ADW_IS_EXPANDER_ROW (kap_field_row_get_edit_row (row)));
  g_assert_cmpuint (form_test_checks (row)->len, ==, 5);
  g_assert_true (kap_code_picker_get_multiple (KAP_CODE_PICKER (kap_field_row_get_edit_row (form_test_row (view, "a_langs")))));
  row = form_test_row (view, "a_calc");
  g_assert_null (kap_field_row_get_edit_row (row));
  g_assert_true (ADW_IS_ACTION_ROW (kap_field_row_get_display_row (row)));
  g_assert_nonnull (kap_form_view_get_add_button (view, "items"));

  /* Answers go into the record as their types; the calculation follows. */
  form_test_set_text (view, "a_int", "21");
  form_test_set_text (view, "a_dec", "2.5");
  form_test_set_text (view, "a_date", "2025-03-15");
  form_test_set_bool (view, "a_bool", FALSE);
  form_test_choose (view, "a_short", "b");
  form_test_choose (view, "a_long_list", "x3");
  form_test_check (view, "a_multi", "x2");
  form_test_check (view, "a_multi", "x5");
  g_assert_cmpint (json_object_get_int_member (answers, "a_int"), ==, 21);
  g_assert_cmpfloat (json_object_get_double_member (answers, "a_dec"), ==, 2.5);
  g_assert_cmpstr (json_object_get_string_member (answers, "a_date"), ==, "2025-03-15");
  g_assert_false (json_object_get_boolean_member (answers, "a_bool"));
  g_assert_cmpstr (json_object_get_string_member (answers, "a_short"), ==, "b");
  g_assert_cmpstr (json_object_get_string_member (answers, "a_long_list"), ==, "x3");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answers, "a_multi")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (answers, "a_calc"), ==, 42);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kap_field_row_get_display_row (form_test_row (view, "a_calc")))), ==, "42");

  /* Pressing the chosen button again clears the answer: “not answered”. */
  form_test_set_bool (view, "a_bool", FALSE);
  g_assert_false (json_object_has_member (answers, "a_bool"));

  /* The calendar writes the date into the entry. */
  {
    g_autoptr(GDateTime) when = g_date_time_new_local (2024, 2, 29, 12, 0, 0);

    row = form_test_row (view, "a_date");
    gtk_calendar_select_day (form_test_calendar (row), when);
    g_signal_emit_by_name (form_test_calendar (row), "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (row))), ==, "2024-02-29");
    g_assert_cmpstr (json_object_get_string_member (answers, "a_date"), ==, "2024-02-29");
  }

  form_test_destroy (window);
}

static void
test_relevance (void)
{
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view;
  GtkWindow *window;
  GtkWidget *child_group;

  view = KAP_FORM_VIEW (kap_form_view_new (lookup ("screening@1"), answers, FALSE));
  window = form_test_show (GTK_WIDGET (view), 600, 800);
  child_group = kap_form_view_get_group (view, "child_group");
  g_assert_nonnull (child_group);

  /* No age yet: the child questions are not asked. */
  g_assert_false (gtk_widget_get_visible (child_group));
  g_assert_false (gtk_widget_get_visible (kap_field_row_get_edit_row (form_test_row (view, "interpreter_id"))));

  form_test_set_text (view, "age_years", "15");
  g_assert_true (gtk_widget_get_visible (child_group));
  g_assert_true (gtk_widget_get_visible (kap_field_row_get_edit_row (form_test_row (view, "child_married"))));
  g_assert_false (gtk_widget_get_visible (kap_field_row_get_edit_row (form_test_row (view, "has_minors_in_care"))));

  form_test_set_text (view, "age_years", "34");
  g_assert_false (gtk_widget_get_visible (child_group));
  g_assert_true (gtk_widget_get_visible (kap_field_row_get_edit_row (form_test_row (view, "has_minors_in_care"))));

  form_test_set_bool (view, "interpreter_used", TRUE);
  g_assert_true (gtk_widget_get_visible (kap_field_row_get_edit_row (form_test_row (view, "interpreter_id"))));
  form_test_set_bool (view, "interpreter_used", FALSE);
  g_assert_false (gtk_widget_get_visible (kap_field_row_get_edit_row (form_test_row (view, "interpreter_id"))));

  form_test_destroy (window);
}

static void
test_constraint_message (void)
{
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view;
  GtkWindow *window;
  KapFieldRow *row;

  view = KAP_FORM_VIEW (kap_form_view_new (lookup ("screening@1"), answers, FALSE));
  window = form_test_show (GTK_WIDGET (view), 600, 800);
  row = form_test_row (view, "age_years");

  /* The hint shows under the entry until something is wrong. */
  g_assert_true (gtk_widget_get_visible (kap_field_row_get_message_row (row)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form_test_message_label (row)), "dim-label"));

  form_test_set_text (view, "age_years", "150");
  g_assert_true (gtk_widget_get_mapped (kap_field_row_get_message_row (row)));
  g_assert_cmpstr (gtk_label_get_text (form_test_message_label (row)), ==, "Enter an age between 0 and 120.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form_test_message_label (row)), "error"));
  g_assert_true (gtk_widget_has_css_class (kap_field_row_get_edit_row (row), "error"));

  form_test_set_text (view, "age_years", "fifteen");
  g_assert_cmpstr (gtk_label_get_text (form_test_message_label (row)), ==, "Enter a whole number, for example 15.");
  g_assert_false (json_object_has_member (answers, "age_years"));

  form_test_set_text (view, "age_years", "15");
  g_assert_false (gtk_widget_has_css_class (kap_field_row_get_edit_row (row), "error"));
  g_assert_cmpint (json_object_get_int_member (answers, "age_years"), ==, 15);

  /* Missing required answers are only pointed out once asked for. */
  row = form_test_row (view, "age_source");
  g_assert_null (kap_field_row_get_message (row));
  kap_form_view_set_show_missing (view, TRUE);
  g_assert_nonnull (kap_field_row_get_message (row));
  g_assert_true (gtk_widget_get_visible (kap_field_row_get_message_row (row)));

  form_test_destroy (window);
}

static void
test_required_mark (void)
{
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view;
  GtkWindow *window;

  view = KAP_FORM_VIEW (kap_form_view_new (lookup ("screening@1"), answers, FALSE));
  window = form_test_show (GTK_WIDGET (view), 600, 800);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (kap_field_row_get_edit_row (form_test_row (view, "age_years")))),
                   ==, "Age (years) *");
  g_assert_true (gtk_widget_has_css_class (kap_field_row_get_edit_row (form_test_row (view, "age_years")), "kap-required"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (kap_field_row_get_edit_row (form_test_row (view, "fear_of_return")))),
                   ==, "Does the person fear return to their country?");
  g_assert_false (gtk_widget_has_css_class (kap_field_row_get_edit_row (form_test_row (view, "fear_of_return")), "kap-required"));

  form_test_destroy (window);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_repeat (void)
{
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view;
  GtkWindow *window;
  JsonArray *items;
  guint changed = 0;

  view = KAP_FORM_VIEW (kap_form_view_new (lookup ("return_interest@1"), answers, FALSE));
  g_signal_connect_swapped (view, "changed", G_CALLBACK (count_cb), &changed);
  window = form_test_show (GTK_WIDGET (view), 600, 800);
  g_assert_null (kap_form_view_lookup (view, "family_members[1].member_name"));

  form_test_click (kap_form_view_get_add_button (view, "family_members"));
  form_test_click (kap_form_view_get_add_button (view, "family_members"));
  items = json_object_get_array_member (answers, "family_members");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  form_test_set_text (view, "family_members[1].member_name", "Arben Krasniqi");
  form_test_set_text (view, "family_members[2].member_name", "Ayşe Yılmaz");
  form_test_choose (view, "family_members[2].member_relationship", "sibling");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "member_name"),
                   ==, "Ayşe Yılmaz");

  /* Removing the first item keeps the second one's answers. */
  form_test_click (kap_form_view_get_remove_button (view, "family_members", 0));
  items = json_object_get_array_member (answers, "family_members");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (form_test_row (view, "family_members[1].member_name")))),
                   ==, "Ayşe Yılmaz");
  g_assert_null (kap_form_view_lookup (view, "family_members[2].member_name"));

  form_test_click (kap_form_view_get_remove_button (view, "family_members", 0));
  g_assert_false (json_object_has_member (answers, "family_members"));
  /* Two adds, three answers, two removals: each one a change to save. */
  g_assert_cmpuint (changed, ==, 7);

  form_test_destroy (window);
}

/* The name shown by a result row: its box holds the check mark, the name
 * and the code. */
static const char *
result_name (GtkListBoxRow *row)
{
  GtkWidget *box = gtk_list_box_row_get_child (row);
  GtkWidget *name = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

  return gtk_label_get_text (GTK_LABEL (name));
}

static void
test_code_picker (void)
{
  g_autoptr(GError) error = NULL;
  KapCodeList *countries = kap_code_list_countries (&error);
  KapCodePicker *picker;
  GtkWidget *list;
  GtkWindow *window;
  guint changed = 0;

  g_assert_no_error (error);
  picker = KAP_CODE_PICKER (kap_code_picker_new (countries, FALSE));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (picker), "Nationality");
  g_signal_connect_swapped (picker, "changed", G_CALLBACK (count_cb), &changed);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (picker));
  window = form_test_show (list, 500, 500);

  g_assert_null (kap_code_picker_get_code (picker));
  g_assert_cmpstr (form_test_pick_in (picker, "afg"), ==, "AFG");
  g_assert_cmpstr (result_name (gtk_list_box_get_row_at_index (form_test_picker_results (picker), 0)), ==, "Afghanistan");
  g_assert_cmpstr (kap_code_picker_get_code (picker), ==, "AFG");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (picker)), ==, "Afghanistan");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (form_test_picker_popover (picker))));

  form_test_destroy (window);
}

static void
test_code_picker_multiple (void)
{
  g_autoptr(GError) error = NULL;
  KapCodeList *languages = kap_code_list_languages (&error);
  KapCodePicker *picker;
  GtkWidget *list;
  GtkWindow *window;
  g_auto(GStrv) codes = NULL;

  g_assert_no_error (error);
  picker = KAP_CODE_PICKER (kap_code_picker_new (languages, TRUE));
  list = gtk_list_box_new ();
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (picker));
  window = form_test_show (list, 500, 500);

  g_assert_cmpstr (form_test_pick_in (picker, "arabic"), ==, "ara");
  g_assert_cmpstr (form_test_pick_in (picker, "dari"), ==, "prs");
  codes = kap_code_picker_get_codes (picker);
  g_assert_cmpstrv (codes, ((const char *[]) { "ara", "prs", NULL }));

  /* Picking a chosen language again unticks it. */
  g_assert_cmpstr (form_test_pick_in (picker, "ara"), ==, "ara");
  g_clear_pointer (&codes, g_strfreev);
  codes = kap_code_picker_get_codes (picker);
  g_assert_cmpstrv (codes, ((const char *[]) { "prs", NULL }));

  form_test_destroy (window);
}

/* The whole screening (about 70 fields) builds from scratch, with the
 * code lists loaded once as the app does, and a change goes into the
 * answers at once. How fast is for tests/bench/bench-form, not for a
 * test. */
static void
test_build_whole_form (void)
{
  g_autoptr(JsonObject) answers = json_object_new ();
  GtkWidget *view;
  JsonObject *current;

  g_assert_nonnull (kap_code_list_languages (NULL));
  g_assert_nonnull (kap_code_list_countries (NULL));

  view = kap_form_view_new (lookup ("screening@1"), answers, FALSE);
  g_object_ref_sink (view);
  g_assert_nonnull (form_test_row (KAP_FORM_VIEW (view), "notes"));

  form_test_set_text (KAP_FORM_VIEW (view), "age_years", "15");
  current = kap_form_view_get_answers (KAP_FORM_VIEW (view));
  g_assert_cmpint (json_object_get_int_member (current, "age_years"), ==, 15);

  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  if (!kap_ui_test_init (&argc, &argv, "/form-view/display"))
    return g_test_run ();


  registry = kap_form_registry_new ();
  kap_form_registry_load_builtin (registry, &error);
  g_assert_no_error (error);

  g_test_add_func ("/form-view/every-kind", test_every_kind);
  g_test_add_func ("/form-view/relevance", test_relevance);
  g_test_add_func ("/form-view/constraint-message", test_constraint_message);
  g_test_add_func ("/form-view/required-mark", test_required_mark);
  g_test_add_func ("/form-view/repeat", test_repeat);
  g_test_add_func ("/form-view/code-picker/single", test_code_picker);
  g_test_add_func ("/form-view/code-picker/multiple", test_code_picker_multiple);
  g_test_add_func ("/form-view/build-whole-form", test_build_whole_form);

  ret = g_test_run ();
  g_object_unref (registry);

  return ret;
}
