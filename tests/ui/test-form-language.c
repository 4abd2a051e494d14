/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-form-language"

#include "config.h"

#include "kap-ui-test.h"

#include "form-test-util.h"
#include "kap-form-language-menu.h"
#include "kap-record-pane.h"
#include "kap-window.h"

/* The record editor's Form Language menu: an officer whose session is in
 * Serbian shows the person the consent in Arabic, then switches back. The
 * rows are relabelled in place: answers, focus and the app's own words
 * stay; Arabic texts are laid out right to left in the left-to-right
 * session; texts the form has only in the officers' languages show in
 * Serbian, marked. */

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

  fixture->dir = g_dir_make_tmp ("kap-test-form-language-XXXXXX", &error);
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
  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The answers, without the time of the last autosave. */
static char *
answers_text (KapFormView *view)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  /* A deep copy: json_node_copy() would share the object. */
  json_node_set_object (node, kap_form_view_get_answers (view));
  text = json_to_string (node, FALSE);
  copy = json_from_string (text, NULL);
  json_object_remove_member (json_node_get_object (copy), "updated_at");
  return json_to_string (copy, FALSE);
}

static GtkMenuButton *
language_button (KapRecordEditor *editor)
{
  GtkWidget *button = kap_ui_test_find_tooltip (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON, "Form Language");

  g_assert_nonnull (button);
  return GTK_MENU_BUTTON (button);
}

/* Opens the menu and activates the item called @name, as a click does. */
static void
choose_language (KapRecordEditor *editor,
                 const char      *name)
{
  GtkMenuButton *button = language_button (editor);
  GtkPopover *popover;
  GtkLabel *label;

  /* Xvfb has no window manager: an autohiding popover's grab can fail
   * there and close it at once, which says nothing about the menu. */
  gtk_popover_set_autohide (gtk_menu_button_get_popover (button), FALSE);
  gtk_menu_button_popup (button);
  form_test_iterate ();
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  label = kap_ui_test_find_label (GTK_WIDGET (popover), name);
  if (label == NULL)
    g_error ("The Form Language menu has no “%s”", name);

  /* The item is the label's activatable ancestor (a model button). */
  for (GtkWidget *item = GTK_WIDGET (label); item != NULL; item = gtk_widget_get_parent (item))
    if (gtk_widget_activate (item))
      break;
  form_test_iterate ();
}

static const char *
row_title (KapFormView *view,
           const char  *path)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (kap_field_row_get_edit_row (form_test_row (view, path))));
}

static GtkLabel *
label_in (GtkWidget  *root,
          const char *text)
{
  GtkLabel *label = kap_ui_test_find_label (root, text);

  if (label == NULL)
    g_error ("No label says “%s”", text);
  return label;
}

/* Every list shown as a combo row shows the answer (or “Not answered”)
 * in the view's language; returns how many were not answered. */
static guint
check_combos (KapFormView *view)
{
  static const char * const paths[] = {
    "interviewer_gender", "consent_giver", "age_source", "sex", "travelling_with", "disability_type", NULL,
  };
  guint unanswered = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      KapFieldRow *row = kap_form_view_lookup (view, paths[i]);
      GtkWidget *combo = row ? kap_field_row_get_edit_row (row) : NULL;
      JsonObject *answers = kap_form_view_get_answers (view);
      GtkStringObject *item;
      const char *expected;

      if (combo == NULL || !ADW_IS_COMBO_ROW (combo) || !gtk_widget_get_visible (combo))
        continue;

      if (json_object_has_member (answers, paths[i]))
        expected = kap_form_field_get_choice_label (kap_field_row_get_field (row),
                                                    json_object_get_string_member (answers, paths[i]),
                                                    kap_form_view_get_language (view));
      else
        {
          expected = "Not answered";
          unanswered++;
        }
      item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (combo));
      g_assert_nonnull (item);
      g_assert_cmpstr (gtk_string_object_get_string (item), ==, expected);
    }

  return unanswered;
}

static void
test_switch (Fixture       *fixture,
             gconstpointer  user_data)
{
  KapForm *form = kap_form_registry_get_latest (fixture->forms, "screening");
  g_autoptr(KapDocument) record = kap_record_new (form, &fixture->author, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *consent_ar = kap_form_field_get_label (kap_form_lookup_field (form, "consent_given"), "ar");
  const char *consent_sr = kap_form_field_get_label (kap_form_lookup_field (form, "consent_given"), "sr");
  const char *note_ar = kap_form_field_get_label (kap_form_lookup_field (form, "consent_note"), "ar");
  const char *self_ar = kap_form_field_get_choice_label (kap_form_lookup_field (form, "consent_giver"), "self", "ar");
  const char *refusal_ar = "دون موافقة، توقّف هنا ولا تسجّل أي شيء آخر. قدّم المعلومات فقط.";
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;
  GtkMenuButton *button;
  GtkWidget *focus, *consent_row;
  GMenuModel *menu;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GtkLabel *label;
  AdwPreferencesGroup *group;
  GtkAdjustment *scroll;
  double scrolled_to;

  g_assert_cmpstr (consent_ar, !=, consent_sr);
  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 700);
  view = kap_record_editor_get_view (editor);

  /* The menu: a button in the header, reached with Tab, listing the
   * form's languages in their own names. */
  button = language_button (editor);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (button)));
  menu = gtk_menu_button_get_menu_model (button);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      char *name = NULL;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &name);
      g_ptr_array_add (names, name);
    }
  g_ptr_array_add (names, NULL);
  {
    g_autofree char *joined = g_strjoinv (" ", (char **) names->pdata);

    g_assert_cmpstr (joined, ==, "English Shqip Македонски Српски Srpski Bosanski Türkçe العربية فارسی پښتو اردو");
  }
  /* The session is Serbian: so is the form. */
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (button), "Српски"));
  g_assert_true (g_str_has_prefix (row_title (view, "consent_given"), consent_sr));

  form_test_fill_screening (view, 6);
  before = answers_text (view);
  g_assert_true (kap_form_view_focus_path (view, "consent_given"));
  form_test_iterate ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  /* Scrolled a little down, the consent question still on screen. */
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                                                            GTK_TYPE_SCROLLED_WINDOW)));
  while (gtk_adjustment_get_upper (scroll) < gtk_adjustment_get_page_size (scroll) + 120)
    g_main_context_iteration (NULL, TRUE);
  gtk_adjustment_set_value (scroll, 120);
  form_test_iterate ();
  scrolled_to = gtk_adjustment_get_value (scroll);
  g_assert_cmpfloat (scrolled_to, >, 0);

  choose_language (editor, "العربية");

  /* The consent in Arabic, right to left, in a left-to-right session. */
  g_assert_cmpstr (kap_form_view_get_language (view), ==, "ar");
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (button), "العربية"));
  g_assert_true (g_str_has_prefix (row_title (view, "consent_given"), consent_ar));
  consent_row = kap_field_row_get_edit_row (form_test_row (view, "consent_given"));
  label = label_in (consent_row, consent_ar);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (label)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (consent_row), ==, GTK_TEXT_DIR_LTR);
  label = label_in (kap_field_row_get_display_row (form_test_row (view, "consent_note")), note_ar);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (label)), ==, GTK_TEXT_DIR_RTL);
  g_assert_true (gtk_label_get_wrap (label));
  label = label_in (kap_field_row_get_edit_row (form_test_row (view, "consent_giver")), self_ar);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (label)), ==, GTK_TEXT_DIR_RTL);

  /* Yes and No are the app's words: still the session's, left to right. */
  {
    g_autoptr(GPtrArray) toggles = form_test_toggles (form_test_row (view, "consent_given"));

    g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (toggles, 0)), ==, "Yes");
    g_assert_cmpint (gtk_widget_get_direction (g_ptr_array_index (toggles, 0)), ==, GTK_TEXT_DIR_LTR);
  }
  g_assert_nonnull (kap_ui_test_find_button (GTK_WIDGET (editor), "_Finalize"));

  /* The group's title has no Arabic: Serbian, marked as fallen back. */
  group = kap_ui_test_find_group (GTK_WIDGET (view), "Сагласност и разговор");
  g_assert_nonnull (group);
  label = label_in (GTK_WIDGET (group), "Сагласност и разговор");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "kap-language-fallback"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (label)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (label_in (consent_row, consent_ar)),
                                            "kap-language-fallback"));

  /* Nothing else moved: the lists still show their answers. */
  g_assert_cmpuint (check_combos (view), >, 0);
  after = answers_text (view);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, scrolled_to);

  /* A refusal: the form's message to the person is in Arabic too. */
  form_test_set_bool (view, "consent_given", FALSE);
  label = form_test_message_label (form_test_row (view, "consent_given"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, refusal_ar);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (label)), ==, GTK_TEXT_DIR_RTL);

  /* Back to Serbian: every text and direction as before. */
  choose_language (editor, "Српски");
  g_assert_null (kap_form_view_get_language (view));
  g_assert_true (g_str_has_prefix (row_title (view, "consent_given"), consent_sr));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (label_in (consent_row, consent_sr))), ==, GTK_TEXT_DIR_LTR);
  label = form_test_message_label (form_test_row (view, "consent_given"));
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "Без сагласности, зауставите се овде и ништа више не бележите. Понудите само информације.");
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (label)), ==, GTK_TEXT_DIR_LTR);
  label = label_in (GTK_WIDGET (group), "Сагласност и разговор");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (label), "kap-language-fallback"));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (label)));

  form_test_set_bool (view, "consent_given", TRUE);
  g_assert_cmpuint (check_combos (view), >, 0);
  g_clear_pointer (&after, g_free);
  after = answers_text (view);
  g_assert_cmpstr (after, ==, before);

  form_test_destroy (window);
}

/* A repeat item added while the form is in another language gets its
 * rows in that language; a view built again for the same form (after
 * Finalize) keeps it. */
static void
test_new_rows (Fixture       *fixture,
               gconstpointer  user_data)
{
  KapForm *form = kap_form_registry_get_latest (fixture->forms, "screening");
  g_autoptr(KapDocument) record = kap_record_new (form, &fixture->author, NULL);
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 700);
  view = kap_record_editor_get_view (editor);

  choose_language (editor, "Türkçe");
  g_assert_cmpstr (kap_form_view_get_language (view), ==, "tr");
  g_assert_true (g_str_has_prefix (row_title (view, "consent_given"), "Kişi taramayı kabul ediyor mu?"));

  form_test_fill_screening (view, G_MAXUINT);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.finalize", NULL);
  form_test_iterate ();
  g_assert_true (kap_record_editor_get_read_only (editor));
  view = kap_record_editor_get_view (editor);
  g_assert_cmpstr (kap_form_view_get_language (view), ==, "tr");
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (view), "Kişi taramayı kabul ediyor mu?"));

  form_test_destroy (window);
}

/* The "consent-language" setting: a new record opens with the person's
 * texts in that language; a record opened again, in the UI's. */
static void
test_consent_language_setting (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KapContext) context = NULL;
  g_autoptr(KapDocument) person = kap_record_new (kap_form_registry_get_latest (fixture->forms, "person"),
                                                  &fixture->author, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *record_id = NULL;
  KapForm *form = kap_form_registry_get_latest (fixture->forms, "screening");
  const char *consent_fa = kap_form_field_get_label (kap_form_lookup_field (form, "consent_given"), "fa");
  KapWindow *window;
  KapRecordEditor *editor;
  KapFormView *view;

  json_object_set_string_member (kap_document_get_body (person), "name_stated", "Fatima Rahimi");
  json_object_set_string_member (kap_document_get_body (person), "name_original", "فاطمه رحیمی");
  rev = kap_store_put (fixture->store, person, &error);
  g_assert_no_error (error);

  g_settings_set_string (settings, "consent-language", "fa");
  context = kap_ui_test_context_new (fixture->store, fixture->forms, settings);
  window = kap_window_new (NULL, context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  /* From the person's page, New ▸ Screening. */
  kap_window_open_record (window, kap_document_get_id (person), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", "s", "screening"));
  form_test_iterate ();
  editor = KAP_RECORD_EDITOR (kap_record_pane_get_editor (KAP_RECORD_PANE (kap_window_get_record_pane (window))));
  g_assert_nonnull (editor);
  view = kap_record_editor_get_view (editor);
  g_assert_cmpstr (kap_form_view_get_language (view), ==, "fa");
  g_assert_true (g_str_has_prefix (row_title (view, "consent_given"), consent_fa));
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (language_button (editor)), "فارسی"));

  /* Opened again later, the draft is in the officer's language. */
  record_id = g_strdup (kap_document_get_id (kap_record_editor_get_record (editor)));
  kap_window_open_record (window, kap_document_get_id (person), FALSE);
  kap_window_open_record (window, record_id, TRUE);
  editor = KAP_RECORD_EDITOR (kap_record_pane_get_editor (KAP_RECORD_PANE (kap_window_get_record_pane (window))));
  g_assert_null (kap_form_view_get_language (kap_record_editor_get_view (editor)));

  /* A language the form does not have is not forced on it. */
  g_settings_set_string (settings, "consent-language", "xx");
  kap_window_open_record (window, kap_document_get_id (person), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", "s", "screening"));
  form_test_iterate ();
  editor = KAP_RECORD_EDITOR (kap_record_pane_get_editor (KAP_RECORD_PANE (kap_window_get_record_pane (window))));
  g_assert_null (kap_form_view_get_language (kap_record_editor_get_view (editor)));

  form_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* An officer's session in Serbian (the form's texts; the app's own
   * words are not translated here and must not change). */
  g_setenv ("LANGUAGE", "sr", TRUE);

  if (!kap_ui_test_init (&argc, &argv, "/form-language/display"))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/form-language/switch", test_switch);
  ADD ("/form-language/new-rows", test_new_rows);
  ADD ("/form-language/consent-language-setting", test_consent_language_setting);
#undef ADD

  return g_test_run ();
}
