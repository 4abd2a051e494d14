/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-record-editor"

#include "config.h"

#include "kap-avr-stage.h"
#include "form-test-util.h"

typedef struct
{
  char            *dir;
  KapStore        *store;
  KapFormRegistry *forms;
  KapRecordAuthor  author;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-editor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->forms = kap_form_registry_new ();
  kap_form_registry_load_builtin (fixture->forms, &error);
  g_assert_no_error (error);

  fixture->author.officer = "OFF-07";
  fixture->author.station = "RS-PRE";
  fixture->author.device = kap_store_get_device_id (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->forms);
  g_assert_finalize_object (fixture->store);
  form_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static KapDocument *
new_record (Fixture    *fixture,
            const char *form_id)
{
  KapForm *form = kap_form_registry_get_latest (fixture->forms, form_id);

  g_assert_nonnull (form);
  return kap_record_new (form, &fixture->author, NULL);
}

static char *
put_person (Fixture    *fixture,
            const char *name_stated,
            const char *name_original)
{
  g_autoptr(KapDocument) person = new_record (fixture, "person");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  JsonObject *body = kap_document_get_body (person);

  json_object_set_string_member (body, "name_stated", name_stated);
  json_object_set_string_member (body, "name_original", name_original);
  rev = kap_store_put (fixture->store, person, &error);
  g_assert_no_error (error);

  return g_strdup (kap_document_get_id (person));
}

static KapDocument *
get_saved (Fixture         *fixture,
           KapRecordEditor *editor)
{
  g_autoptr(GError) error = NULL;
  KapDocument *saved;

  saved = kap_store_get (fixture->store, kap_document_get_id (kap_record_editor_get_record (editor)),
                         NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);

  return saved;
}

static gboolean
array_contains (JsonArray  *array,
                const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static void
wait_saved (KapRecordEditor *editor)
{
  guint tries = 0;

  /* The debounce writes within a second, without save_now(). */
  while (!kap_record_editor_get_saved (editor) && tries++ < 2000)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (kap_record_editor_get_saved (editor));
}

static void
test_screening_child_alone (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "screening");
  g_autoptr(KapDocument) saved = NULL;
  g_autofree char *person_id = put_person (fixture, "Ahmad Al-Hassan", "أحمد الحسن");
  g_autofree char *badges = NULL;
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;
  JsonObject *body;
  guint finalized = 0;

  kap_record_set_person_id (record, person_id);
  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  g_signal_connect_swapped (editor, "finalized", G_CALLBACK (g_atomic_int_inc), &finalized);
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  view = kap_record_editor_get_view (editor);

  g_assert_cmpstr (kap_record_editor_get_title (editor), ==, "Vulnerability screening · أحمد الحسن");
  g_assert_false (kap_record_editor_get_read_only (editor));

  form_test_fill_screening (view, G_MAXUINT);

  /* The categories and priority show live while the officer fills it in. */
  badges = kap_record_badges_to_string (editor->badges);
  g_assert_true (g_str_has_prefix (badges, "P1 "));
  g_assert_nonnull (strstr (badges, "UAC"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor->badges)));

  wait_saved (editor);
  saved = get_saved (fixture, editor);
  g_assert_cmpstr (kap_record_get_status (saved), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_cmpint (json_object_get_int_member (kap_document_get_body (saved), "age_years"), ==, 15);
  g_clear_object (&saved);

  /* Ctrl+Enter finalizes, as the button does. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.finalize", NULL);
  form_test_iterate ();
  g_assert_cmpuint (finalized, ==, 1);
  g_assert_true (kap_record_editor_get_read_only (editor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->finalize_button)));

  saved = get_saved (fixture, editor);
  body = kap_document_get_body (saved);
  g_assert_cmpstr (kap_record_get_status (saved), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_cmpstr (kap_record_get_person_id (saved), ==, person_id);
  g_assert_cmpint (json_object_get_int_member (body, "age_years"), ==, 15);
  g_assert_cmpstr (json_object_get_string_member (body, "sex"), ==, "M");
  g_assert_cmpstr (json_object_get_string_member (body, "travelling_with"), ==, "alone");
  g_assert_cmpstr (json_object_get_string_member (body, "interview_language"), ==, "ara");
  g_assert_cmpstr (json_object_get_string_member (body, "consent_giver"), ==, "self");
  g_assert_true (array_contains (json_object_get_array_member (body, "consent_scope"), "referral"));
  g_assert_true (json_object_get_boolean_member (body, "consent_given"));
  g_assert_false (json_object_get_boolean_member (body, "interpreter_used"));
  g_assert_cmpstr (json_object_get_string_member (body, "notes"), ==, "Wants to join his uncle.");
  g_assert_true (array_contains (json_object_get_array_member (body, "vuln_cat"), "UAC"));
  g_assert_true (array_contains (json_object_get_array_member (body, "vuln_cat"), "THB"));
  g_assert_true (array_contains (json_object_get_array_member (body, "vuln_cat"), "LEG"));
  g_assert_cmpstr (json_object_get_string_member (body, "priority"), ==, "P1");
  g_assert_cmpstr (json_object_get_string_member (body, "form"), ==, "screening@1");

  /* The final record shows its badges, P1 first, in red. */
  g_clear_pointer (&badges, g_free);
  badges = kap_record_badges_to_string (editor->badges);
  g_assert_true (g_str_has_prefix (badges, "P1 "));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor->badges)));
  g_assert_true (gtk_widget_has_css_class (kap_record_badges_get_badge (editor->badges, 0),
                                           "kap-priority-p1"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (kap_record_badges_get_badge (editor->badges, 0)),
                   ==, "Priority: P1 · Immediate (same day)");

  form_test_destroy (window);
}

static void
test_avr_interest (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "return_interest");
  g_autoptr(KapDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;
  JsonObject *body, *member;
  KapFieldRow *stage;

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  view = kap_record_editor_get_view (editor);

  /* A new case can only be at its first stage. */
  stage = form_test_row (view, "stage");
  g_assert_cmpuint (stage->choice_values->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (stage->choice_values, 0), ==, "EOI");

  form_test_set_bool (view, "interpreter_used", TRUE);
  form_test_set_text (view, "interpreter_id", "INT-12");
  form_test_pick (view, "preferred_language", "dari", "prs");
  form_test_pick (view, "citizenships", "afg", "AFG");
  form_test_choose (view, "immigration_status", "rejected");
  form_test_set_text (view, "arrival_date", "2024-11-02");
  form_test_pick (view, "return_country", "afghanistan", "AFG");
  form_test_choose (view, "travel_document", "passport_expired");

  form_test_click (kap_form_view_get_add_button (view, "family_members"));
  form_test_set_text (view, "family_members[1].member_name", "Гулалаи Ахмади");
  form_test_choose (view, "family_members[1].member_relationship", "spouse");
  form_test_set_text (view, "family_members[1].member_age", "31");

  form_test_set_bool (view, "medical_need", FALSE);
  form_test_set_bool (view, "is_child_alone", FALSE);
  form_test_check (view, "counselling_topics", "process");
  form_test_set_bool (view, "voluntariness_declared", TRUE);
  form_test_check (view, "data_recipients", "iom");
  form_test_check (view, "data_recipients", "embassy");
  form_test_choose (view, "consent_type", "explicit");

  g_assert_true (kap_record_editor_finalize_record (editor, &error));
  g_assert_no_error (error);

  saved = get_saved (fixture, editor);
  body = kap_document_get_body (saved);
  g_assert_cmpstr (kap_record_get_status (saved), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_cmpstr (json_object_get_string_member (body, "form"), ==, "return_interest@1");
  g_assert_cmpstr (json_object_get_string_member (body, "interpreter_id"), ==, "INT-12");
  g_assert_cmpstr (json_object_get_string_member (body, "preferred_language"), ==, "prs");
  g_assert_true (array_contains (json_object_get_array_member (body, "citizenships"), "AFG"));
  g_assert_cmpstr (json_object_get_string_member (body, "return_country"), ==, "AFG");
  g_assert_cmpstr (json_object_get_string_member (body, "arrival_date"), ==, "2024-11-02");
  g_assert_cmpstr (json_object_get_string_member (body, "stage"), ==, "EOI");
  g_assert_true (json_object_has_member (body, "stage_date"));
  g_assert_true (json_object_has_member (body, "voluntariness_date"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "family_members")), ==, 1);
  member = json_array_get_object_element (json_object_get_array_member (body, "family_members"), 0);
  g_assert_cmpstr (json_object_get_string_member (member, "member_name"), ==, "Гулалаи Ахмади");
  g_assert_cmpstr (json_object_get_string_member (member, "member_relationship"), ==, "spouse");
  g_assert_cmpint (json_object_get_int_member (member, "member_age"), ==, 31);
  g_assert_true (array_contains (json_object_get_array_member (body, "data_recipients"), "embassy"));

  form_test_destroy (window);
}

/* Fills the required answers of a return interest. */
static void
fill_return_interest (KapFormView *view)
{
  form_test_set_bool (view, "interpreter_used", FALSE);
  form_test_pick (view, "preferred_language", "dari", "prs");
  form_test_pick (view, "citizenships", "afg", "AFG");
  form_test_choose (view, "immigration_status", "irregular");
  form_test_pick (view, "return_country", "afg", "AFG");
  form_test_choose (view, "travel_document", "id_card");
  form_test_set_bool (view, "medical_need", FALSE);
  form_test_set_bool (view, "is_child_alone", FALSE);
  form_test_check (view, "data_recipients", "iom");
  form_test_choose (view, "consent_type", "explicit");
}

/* A case reopened as a draft after a final save offers only the moves
 * allowed from the stage saved as final. */
static void
test_avr_stage_moves (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "return_interest");
  g_autoptr(KapDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_auto(GStrv) expected = kap_avr_stage_next ("EOI");
  KapRecordEditor *editor;
  GtkWindow *window;
  KapFieldRow *stage;

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  fill_return_interest (kap_record_editor_get_view (editor));
  g_assert_true (kap_record_editor_finalize_record (editor, &error));
  g_assert_no_error (error);
  reopened = g_object_ref (kap_record_editor_get_record (editor));
  form_test_destroy (window);

  /* Reopen it as a draft, as a counsellor does to record the next step. */
  json_object_set_string_member (kap_document_get_body (reopened), "status", "draft");
  rev = kap_store_put (fixture->store, reopened, &error);
  g_assert_no_error (error);

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, reopened, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  stage = form_test_row (kap_record_editor_get_view (editor), "stage");

  g_assert_cmpuint (g_strv_length (expected), >, 2);
  g_assert_cmpuint (stage->choice_values->len, ==, g_strv_length (expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (stage->choice_values, form_test_code_index (stage, expected[i])),
                     ==, expected[i]);
  g_assert_cmpuint (adw_combo_row_get_selected (stage->combo), ==, form_test_code_index (stage, "EOI") + 1);

  /* Moving on is saved like any other answer. */
  form_test_choose (kap_record_editor_get_view (editor), "stage", "COUNSELLING");
  g_assert_true (kap_record_editor_save_now (editor, &error));
  g_assert_no_error (error);
  g_clear_object (&reopened);
  reopened = get_saved (fixture, editor);
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (reopened), "stage"), ==, "COUNSELLING");

  form_test_destroy (window);
}

static void
test_finalize_missing (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "screening");
  g_autoptr(KapDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;
  gboolean found = FALSE;
  GtkWidget *age_row;

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  view = kap_record_editor_get_view (editor);

  /* Everything but the age. */
  form_test_fill_screening (view, G_MAXUINT);
  form_test_set_text (view, "age_years", "");

  g_assert_false (kap_record_editor_finalize_record (editor, &error));
  g_assert_no_error (error);
  g_assert_false (kap_record_editor_get_read_only (editor));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor->summary_group)));
  g_assert_cmpstr (adw_preferences_group_get_title (editor->summary_group), ==, "1 Answer Needs Attention");

  for (guint i = 0; i < editor->summary_rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (editor->summary_rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), "Age (years)") == 0)
        {
          found = TRUE;
          /* Choosing the item takes the officer to the field. */
          gtk_widget_activate (GTK_WIDGET (row));
          form_test_iterate ();
        }
    }
  g_assert_true (found);
  age_row = form_test_row (view, "age_years")->entry;
  g_assert_true (gtk_widget_is_focus (age_row) || gtk_widget_has_focus (age_row) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), age_row));
  g_assert_true (gtk_widget_is_visible (form_test_row (view, "age_years")->message_row));

  saved = get_saved (fixture, editor);
  g_assert_cmpstr (kap_record_get_status (saved), ==, KAP_RECORD_STATUS_DRAFT);
  g_assert_false (json_object_has_member (kap_document_get_body (saved), "age_years"));

  form_test_destroy (window);
}

/* Another writer changed the record: the editor says so and keeps the
 * answers on screen and in its record. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "screening");
  g_autoptr(KapDocument) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;

  rev = kap_store_put (fixture->store, record, &error);
  g_assert_no_error (error);
  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  view = kap_record_editor_get_view (editor);

  other = kap_store_get (fixture->store, kap_document_get_id (record), NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (other), "notes", "Edited elsewhere");
  g_clear_pointer (&rev, g_free);
  rev = kap_store_put (fixture->store, other, &error);
  g_assert_no_error (error);

  form_test_set_text (view, "age_years", "16");
  g_assert_false (kap_record_editor_save_now (editor, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_assert_false (kap_record_editor_get_saved (editor));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (editor->status_label), "Not saved: "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor->status_label), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_row (view, "age_years")->entry)), ==, "16");
  g_assert_cmpint (json_object_get_int_member (kap_document_get_body (kap_record_editor_get_record (editor)),
                                               "age_years"), ==, 16);

  form_test_destroy (window);
}

/* Right to left (Arabic): the editor lays out without a warning (the
 * tests run with fatal warnings) and mirrors its rows. */
static void
test_rtl (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "screening");
  KapRecordEditor *editor;
  GtkWindow *window;
  KapFieldRow *row;
  graphene_rect_t title_bounds, button_bounds;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);

  form_test_fill_screening (kap_record_editor_get_view (editor), 12);
  form_test_iterate ();
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (editor)), ==, GTK_TEXT_DIR_RTL);

  /* The finalize button sits at the start of the header: on the left. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (editor->title_label), GTK_WIDGET (editor), &title_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (editor->finalize_button), GTK_WIDGET (editor), &button_bounds));
  g_assert_cmpfloat (button_bounds.origin.x, <, title_bounds.origin.x);

  /* And the Yes/No buttons sit at the end of their row: on the left too. */
  row = form_test_row (kap_record_editor_get_view (editor), "asylum_intention");
  {
    graphene_rect_t row_bounds, yes_bounds;

    g_assert_true (gtk_widget_compute_bounds (row->edit_row, GTK_WIDGET (editor), &row_bounds));
    g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (row->toggles, 0), GTK_WIDGET (editor), &yes_bounds));
    g_assert_cmpfloat (yes_bounds.origin.x - row_bounds.origin.x, <, row_bounds.size.width / 2);
  }

  form_test_destroy (window);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* Keyboard: Tab goes from one field to the next, in order. */
static void
test_keyboard_order (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "person");
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;
  const char *order[] = { "name_stated", "name_original" };

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  view = kap_record_editor_get_view (editor);

  g_assert_true (kap_form_view_focus_path (view, order[0]));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));

  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         form_test_row (view, order[1])->entry));

  /* From the name to the sex buttons: “Female” is next. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 g_ptr_array_index (form_test_row (view, "sex")->toggles, 0));

  form_test_destroy (window);
}

/* A record synced from a laptop with a newer form is not opened with
 * another version of it, and never written. */
static void
test_unknown_form (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "screening");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  KapRecordEditor *editor;
  GtkWindow *window;
  GtkWidget *page;

  json_object_set_string_member (kap_document_get_body (record), "form", "screening@99");
  rev = kap_store_put (fixture->store, record, &error);
  g_assert_no_error (error);

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);

  g_assert_null (kap_record_editor_get_view (editor));
  g_assert_true (kap_record_editor_get_read_only (editor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->finalize_button)));
  page = gtk_widget_get_last_child (GTK_WIDGET (editor->content));
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "screening@99"));
  g_assert_true (kap_record_editor_save_now (editor, &error));
  g_assert_false (kap_record_editor_finalize_record (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (kap_record_editor_get_record (editor)), ==, rev);

  form_test_destroy (window);
}

static void
test_no_display (void)
{
  g_test_fail_printf ("GTK could not open a display (DISPLAY=\"%s\", WAYLAND_DISPLAY=\"%s\"). "
                      "The ui suite needs one: run it as `xvfb-run -a meson test --suite ui`.",
                      g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "",
                      g_getenv ("WAYLAND_DISPLAY") ? g_getenv ("WAYLAND_DISPLAY") : "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_test_add_func ("/record-editor/display", test_no_display);
      return g_test_run ();
    }

  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/record-editor/screening/child-alone", test_screening_child_alone);
  ADD ("/record-editor/return-interest/family", test_avr_interest);
  ADD ("/record-editor/return-interest/stage-moves", test_avr_stage_moves);
  ADD ("/record-editor/finalize/missing", test_finalize_missing);
  ADD ("/record-editor/save/conflict", test_conflict);
  ADD ("/record-editor/rtl", test_rtl);
  ADD ("/record-editor/keyboard/tab-order", test_keyboard_order);
  ADD ("/record-editor/unknown-form", test_unknown_form);
#undef ADD

  return g_test_run ();
}
