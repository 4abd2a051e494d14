/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-new-person"

#include "config.h"

#include "kap-ui-test.h"

#include <glib/gstdio.h>

#include "form-test-util.h"
#include "kap-code-picker.h"
#include "kap-record-editor.h"
#include "kap-record-pane.h"
#include "kap-new-person-dialog.h"
#include "kap-window.h"

/* The duplicate check before a new person is registered, driven through
 * the dialog's widgets: a person already registered in another script
 * with the same birth year is offered with the reasons; “Open” shows that
 * person, “Register New Person” writes a new person with the answers. */

typedef struct
{
  char      *dir;
  KapStore  *store;
  KapWindow *window;
  char      *milica;     /* registered in Cyrillic, born 1987 */
  char      *arben;
} Fixture;

static KapRecordPane *
record_pane (Fixture *fixture)
{
  return KAP_RECORD_PANE (kap_window_get_record_pane (fixture->window));
}


static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-new-person-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->milica = kap_ui_test_put_json (fixture->store,
                                          "{\"type\": \"person\", \"form\": \"person@1\", \"status\": \"final\", "
                                          "\"name_stated\": \"Милица Јовановић\", \"sex\": \"F\", "
                                          "\"dob_known\": true, \"date_of_birth\": \"1987-04-12\", "
                                          "\"nationality\": \"SRB\", \"updated_at\": \"2025-03-15T08:00:00Z\"}");
  fixture->arben = kap_ui_test_put_json (fixture->store,
                                         "{\"type\": \"person\", \"form\": \"person@1\", \"status\": \"final\", "
                                         "\"name_stated\": \"Arben Krasniqi\", \"sex\": \"M\", "
                                         "\"dob_known\": false, \"age_estimated\": 34, "
                                         "\"nationality\": \"XKX\", \"updated_at\": \"2025-03-15T08:01:00Z\"}");
}

static void
destroy_window (KapWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *)&widget);
  gtk_window_destroy (GTK_WINDOW (window));

  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    destroy_window (fixture->window);

  g_assert_finalize_object (fixture->store);

  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->milica);
  g_free (fixture->arben);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("A %s was not mapped within 10 seconds", G_OBJECT_TYPE_NAME (widget));
  g_source_remove (timeout_id);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A row by its title, or a button by its label, as the officer finds them. */
static GtkWidget *
dialog_widget (KapNewPersonDialog *dialog,
               const char         *text)
{
  GtkWidget *widget = kap_ui_test_find_row (GTK_WIDGET (dialog), text);

  if (widget == NULL)
    widget = kap_ui_test_find_button (GTK_WIDGET (dialog), text);
  if (widget == NULL)
    g_error ("The dialog has nothing called “%s”", text);
  return widget;
}

static KapNewPersonDialog *
open_dialog (Fixture *fixture)
{
  KapNewPersonDialog *dialog;

  fixture->window = kap_ui_test_window_new (fixture->store, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_mapped (GTK_WIDGET (fixture->window));

  /* Ctrl+N and the New menu's “Register Person…” run this action. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.register-person", NULL);
  dialog = (KapNewPersonDialog *) kap_window_get_new_person_dialog (fixture->window);
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (kap_new_person_dialog_get_visible_name (dialog), ==, "details");

  /* Nothing to check without a name. */
  g_assert_false (gtk_widget_get_sensitive (dialog_widget (dialog, "_Register")));

  return dialog;
}

/* Types the answers the officer would: Latin letters without marks, a
 * date of birth in the same year as the Cyrillic-script person, and the
 * nationality in the picker. */
static void
fill_milica (KapNewPersonDialog *dialog)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "_Name as Stated")), "Milica Jovanovic");
  gtk_switch_set_active (GTK_SWITCH (kap_ui_test_find (dialog_widget (dialog, "_Date of Birth Known"), GTK_TYPE_SWITCH)), TRUE);
  settle ();
  g_assert_true (gtk_widget_get_mapped (dialog_widget (dialog, "Date of _Birth (YYYY-MM-DD)")));
  g_assert_false (gtk_widget_get_mapped (dialog_widget (dialog, "Estimated _Age (Years)")));

  /* Not a date yet: marked, and nothing to check. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "Date of _Birth (YYYY-MM-DD)")), "1987-13-40");
  g_assert_true (gtk_widget_has_css_class (dialog_widget (dialog, "Date of _Birth (YYYY-MM-DD)"), "error"));
  g_assert_false (gtk_widget_get_sensitive (dialog_widget (dialog, "_Register")));

  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "Date of _Birth (YYYY-MM-DD)")), "1987-09-30");
  g_assert_false (gtk_widget_has_css_class (dialog_widget (dialog, "Date of _Birth (YYYY-MM-DD)"), "error"));
  g_assert_true (gtk_widget_get_sensitive (dialog_widget (dialog, "_Register")));

  g_assert_nonnull (kap_ui_test_find (GTK_WIDGET (dialog), KAP_TYPE_CODE_PICKER));
  kap_code_picker_set_code (KAP_CODE_PICKER (kap_ui_test_find (GTK_WIDGET (dialog), KAP_TYPE_CODE_PICKER)), "SRB");
}

static GtkButton *
find_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found;

      if (GTK_IS_BUTTON (child))
        return GTK_BUTTON (child);

      if ((found = find_button (child)))
        return found;
    }

  return NULL;
}

/* Checks, and expects the matches page with Milica as the only match. */
static AdwActionRow *
check_and_expect_milica (Fixture            *fixture,
                         KapNewPersonDialog *dialog)
{
  GtkListBoxRow *row;
  const char *reasons;

  g_signal_emit_by_name (dialog_widget (dialog, "_Register"), "clicked");
  settle ();

  g_assert_cmpstr (kap_new_person_dialog_get_visible_name (dialog), ==, "matches");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kap_new_person_dialog_get_matches (dialog))));
  g_assert_false (gtk_widget_get_visible (dialog_widget (dialog, "_Register")));

  row = gtk_list_box_get_row_at_index (kap_new_person_dialog_get_matches (dialog), 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (kap_new_person_dialog_get_matches (dialog), 1));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));

  /* The match as registered, in its own script, and why it matched. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Милица Јовановић");
  reasons = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (reasons);
  g_assert_true (strstr (reasons, "ame name") != NULL || strstr (reasons, "imilar name") != NULL);
  g_assert_nonnull (strstr (reasons, "born within a year"));
  g_assert_nonnull (strstr (reasons, "same nationality"));

  /* Arben is not offered. */
  return ADW_ACTION_ROW (row);
}

static guint
count_persons (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = kap_store_count (fixture->store, "person", &error);

  g_assert_no_error (error);
  return n;
}

static void
test_new_person_open_match (Fixture       *fixture,
                            gconstpointer  user_data)
{
  KapNewPersonDialog *dialog;
  AdwActionRow *row;
  GtkButton *open;

  dialog = open_dialog (fixture);
  fill_milica (dialog);
  row = check_and_expect_milica (fixture, dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  open = find_button (GTK_WIDGET (row));
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The existing person is shown; nobody new was written. */
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "person");
  g_assert_cmpstr (kap_person_page_get_person_id (kap_record_pane_get_person_page (record_pane (fixture))), ==, fixture->milica);
  g_assert_cmpstr (gtk_label_get_text (kap_ui_test_find_label (GTK_WIDGET (kap_record_pane_get_person_page (record_pane (fixture))), "Милица Јовановић")), ==, "Милица Јовановић");
  g_assert_cmpuint (count_persons (fixture), ==, 2);
}

static void
test_new_person_register_anyway (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GListModel) persons = NULL;
  g_autoptr(GError) error = NULL;
  KapNewPersonDialog *dialog;
  KapDocument *created = NULL;
  KapDocument *shown;
  JsonObject *body;

  dialog = open_dialog (fixture);
  fill_milica (dialog);
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "Name in _Original Script (Optional)")), "Милица Јовановић");
  check_and_expect_milica (fixture, dialog);

  /* Back keeps the answers; checking again finds the same. */
  g_signal_emit_by_name (kap_ui_test_find_tooltip (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Back to the Details"), "clicked");
  g_assert_cmpstr (kap_new_person_dialog_get_visible_name (dialog), ==, "details");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_widget (dialog, "_Name as Stated"))), ==, "Milica Jovanovic");
  check_and_expect_milica (fixture, dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (dialog_widget (dialog, "Register _New Person"), "clicked");
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* A third person, with exactly the typed answers, as a draft. */
  g_assert_cmpuint (count_persons (fixture), ==, 3);
  persons = kap_store_list (fixture->store, "person", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (persons); i++)
    {
      g_autoptr(KapDocument) person = g_list_model_get_item (persons, i);

      if (g_strcmp0 (kap_document_get_id (person), fixture->milica) != 0 &&
          g_strcmp0 (kap_document_get_id (person), fixture->arben) != 0)
        created = g_steal_pointer (&person);
    }
  g_assert_nonnull (created);

  body = kap_document_get_body (created);
  g_assert_cmpstr (json_object_get_string_member (body, "name_stated"), ==, "Milica Jovanovic");
  g_assert_cmpstr (json_object_get_string_member (body, "name_original"), ==, "Милица Јовановић");
  g_assert_true (json_object_get_boolean_member (body, "dob_known"));
  g_assert_cmpstr (json_object_get_string_member (body, "date_of_birth"), ==, "1987-09-30");
  g_assert_false (json_object_has_member (body, "age_estimated"));
  g_assert_cmpstr (json_object_get_string_member (body, "nationality"), ==, "SRB");
  g_assert_cmpstr (kap_record_get_status (created), ==, "draft");
  g_assert_cmpstr (kap_record_get_form_key (created), ==, "person@1");
  g_assert_cmpstr (json_object_get_string_member (body, "created_by"), ==, "officer");
  /* Calculated by the person form: the age from the date of birth. */
  g_assert_true (json_object_has_member (body, "age_years"));

  /* It opens in the editor, for the rest of the details. */
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  shown = kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_cmpstr (kap_document_get_id (shown), ==, kap_document_get_id (created));

  /* And the index knows the new person at once: registering her again
   * now offers both. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.register-person", NULL);
  dialog = (KapNewPersonDialog *) kap_window_get_new_person_dialog (fixture->window);
  wait_mapped (GTK_WIDGET (dialog));
  fill_milica (dialog);
  g_signal_emit_by_name (dialog_widget (dialog, "_Register"), "clicked");
  settle ();
  g_assert_cmpstr (kap_new_person_dialog_get_visible_name (dialog), ==, "matches");
  g_assert_nonnull (gtk_list_box_get_row_at_index (kap_new_person_dialog_get_matches (dialog), 1));
  gtk_window_close (GTK_WINDOW (dialog));

  g_object_unref (created);
}

/* With nobody alike on the laptop, the person is written at once. */
static void
test_new_person_no_match (Fixture       *fixture,
                          gconstpointer  user_data)
{
  KapNewPersonDialog *dialog;
  KapDocument *shown;
  JsonObject *body;

  dialog = open_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "_Name as Stated")), "Ayşe Yılmaz");
  /* No age is offered before the officer gives one; a wrong one is marked. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_widget (dialog, "Estimated _Age (Years)"))), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "Estimated _Age (Years)")), "460");
  g_assert_true (gtk_widget_has_css_class (dialog_widget (dialog, "Estimated _Age (Years)"), "error"));
  g_assert_false (gtk_widget_get_sensitive (dialog_widget (dialog, "_Register")));
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "Estimated _Age (Years)")), "46");
  g_assert_false (gtk_widget_has_css_class (dialog_widget (dialog, "Estimated _Age (Years)"), "error"));
  kap_code_picker_set_code (KAP_CODE_PICKER (kap_ui_test_find (GTK_WIDGET (dialog), KAP_TYPE_CODE_PICKER)), "TUR");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (dialog_widget (dialog, "_Register"), "clicked");
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (count_persons (fixture), ==, 3);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  shown = kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  body = kap_document_get_body (shown);
  g_assert_cmpstr (json_object_get_string_member (body, "name_stated"), ==, "Ayşe Yılmaz");
  g_assert_false (json_object_get_boolean_member (body, "dob_known"));
  g_assert_cmpint (json_object_get_int_member (body, "age_estimated"), ==, 46);
  g_assert_cmpstr (json_object_get_string_member (body, "nationality"), ==, "TUR");
}

/* The class shortcut of @widget for @accelerator, or NULL. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint n = 0; n < g_list_model_get_n_items (G_LIST_MODEL (controller)); n++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), n);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;
        }
    }

  return NULL;
}

/* Presses @accelerator on @widget: the action its shortcut names runs,
 * as GTK runs it for the key. */
static void
press (GtkWidget  *widget,
       const char *accelerator)
{
  GtkShortcut *shortcut = find_shortcut (widget, accelerator);

  if (shortcut == NULL)
    g_error ("Nothing answers %s", accelerator);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL));
}

static KapFieldRow *
editor_row (Fixture    *fixture,
            const char *name)
{
  GtkWidget *editor = kap_record_pane_get_editor (record_pane (fixture));
  KapFieldRow *row = kap_form_view_lookup (kap_record_editor_get_view (KAP_RECORD_EDITOR (editor)), name);

  g_assert_nonnull (row);
  return row;
}

static JsonObject *
editor_answers (Fixture *fixture)
{
  GtkWidget *editor = kap_record_pane_get_editor (record_pane (fixture));

  return kap_form_view_get_answers (kap_record_editor_get_view (KAP_RECORD_EDITOR (editor)));
}

/* Asked once: the estimated age, how it was found out and the sex given
 * when registering fill the person form and then the new screening, each
 * with a caption that says so until the officer changes it. */
static void
test_new_person_carried (Fixture       *fixture,
                         gconstpointer  user_data)
{
  KapNewPersonDialog *dialog;
  GtkWidget *source_row;
  GtkWidget *editor;
  KapFormView *view;
  g_autofree char *person_id = NULL;
  JsonObject *answers;

  dialog = open_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "_Name as Stated")), "Fatima Rahimi");
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "Estimated _Age (Years)")), "34");

  /* The person form's own questions, with its labels and choices. */
  source_row = dialog_widget (dialog, "How was the age found out?");
  g_assert_true (ADW_IS_COMBO_ROW (source_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (source_row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (source_row), 2);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (source_row))),
                   ==, "Estimated by the officer");
  form_test_click_toggle (GTK_TOGGLE_BUTTON (kap_ui_test_find_button (dialog_widget (dialog, "Sex"), "Female")));

  /* Ctrl+Enter from the details: checked, nobody alike, registered. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  press (GTK_WIDGET (dialog), "<Control>Return");
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_persons (fixture), ==, 3);

  /* The person form has the answers, each saying where it came from. */
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  answers = editor_answers (fixture);
  person_id = g_strdup (kap_record_pane_get_shown_id (record_pane (fixture)));
  g_assert_cmpint (json_object_get_int_member (answers, "age_estimated"), ==, 34);
  g_assert_cmpstr (json_object_get_string_member (answers, "age_source"), ==, "estimated");
  g_assert_cmpstr (json_object_get_string_member (answers, "sex"), ==, "F");
  g_assert_cmpstr (kap_field_row_get_origin (editor_row (fixture, "age_estimated")), ==, "From the registration");
  g_assert_cmpstr (kap_field_row_get_origin (editor_row (fixture, "age_source")), ==, "From the registration");
  g_assert_cmpstr (kap_field_row_get_origin (editor_row (fixture, "sex")), ==, "From the registration");
  g_assert_null (kap_field_row_get_origin (editor_row (fixture, "name_stated")));
  g_assert_true (gtk_widget_get_mapped (kap_field_row_get_edit_row (editor_row (fixture, "sex"))));

  /* A new screening from the person's page. */
  kap_window_open_record (fixture->window, person_id, FALSE);
  settle ();
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "person");
  form_test_click (kap_ui_test_find_button (GTK_WIDGET (kap_record_pane_get_person_page (record_pane (fixture))),
                                            "New _Screening"));
  settle ();
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  editor = kap_record_pane_get_editor (record_pane (fixture));
  view = kap_record_editor_get_view (KAP_RECORD_EDITOR (editor));
  g_assert_cmpstr (kap_form_get_record_type (kap_form_view_get_form (view)), ==, "screening");

  answers = kap_form_view_get_answers (view);
  g_assert_cmpint (json_object_get_int_member (answers, "age_years"), ==, 34);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (editor_row (fixture, "age_years")))), ==, "34");
  g_assert_cmpstr (json_object_get_string_member (answers, "age_source"), ==, "estimated");
  g_assert_cmpstr (json_object_get_string_member (answers, "sex"), ==, "F");
  g_assert_true (gtk_toggle_button_get_active (g_ptr_array_index (form_test_toggles (editor_row (fixture, "sex")), 0)));
  for (guint i = 0; i < 3; i++)
    {
      const char *name = (const char *[]) { "age_years", "age_source", "sex" }[i];
      KapFieldRow *row = editor_row (fixture, name);
      GtkLabel *caption = kap_ui_test_find_label (kap_field_row_get_edit_row (row), "From the registration");

      g_assert_cmpstr (kap_field_row_get_origin (row), ==, "From the registration");
      /* On screen, in the row the officer edits. */
      g_assert_nonnull (caption);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
    }
  /* An empty screening has no priority yet. */
  g_assert_false (json_object_has_member (answers, "priority"));

  /* Editable; once changed, the answer is the officer's. */
  form_test_set_text (view, "age_years", "35");
  g_assert_null (kap_field_row_get_origin (editor_row (fixture, "age_years")));
  form_test_choose (view, "sex", "M");
  g_assert_null (kap_field_row_get_origin (editor_row (fixture, "sex")));
  g_assert_cmpstr (kap_field_row_get_origin (editor_row (fixture, "age_source")), ==, "From the registration");

  /* Written, and the caption stays gone when the draft is reopened. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = g_strdup (kap_record_pane_get_shown_id (record_pane (fixture)));

    g_assert_true (kap_record_editor_save_now (KAP_RECORD_EDITOR (editor), &error));
    g_assert_no_error (error);
    kap_window_open_record (fixture->window, person_id, FALSE);
    settle ();
    kap_window_open_record (fixture->window, id, TRUE);
    settle ();
    g_assert_cmpint (json_object_get_int_member (editor_answers (fixture), "age_years"), ==, 35);
    g_assert_null (kap_field_row_get_origin (editor_row (fixture, "age_years")));
    g_assert_cmpstr (kap_field_row_get_origin (editor_row (fixture, "age_source")), ==, "From the registration");
  }
}

/* The date of birth can be picked from the same calendar as the form's. */
static void
test_new_person_pick_date (Fixture       *fixture,
                           gconstpointer  user_data)
{
  KapNewPersonDialog *dialog = open_dialog (fixture);
  GtkWidget *dob;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) day = g_date_time_new_local (1990, 5, 4, 12, 0, 0);

  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (dialog, "_Name as Stated")), "Ardit Krasniqi");
  gtk_switch_set_active (GTK_SWITCH (kap_ui_test_find (dialog_widget (dialog, "_Date of Birth Known"), GTK_TYPE_SWITCH)), TRUE);
  settle ();
  dob = dialog_widget (dialog, "Date of _Birth (YYYY-MM-DD)");
  g_assert_nonnull (kap_ui_test_find_tooltip (dob, GTK_TYPE_MENU_BUTTON, "Pick a Date"));
  calendar = GTK_CALENDAR (kap_ui_test_find (dob, GTK_TYPE_CALENDAR));
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (calendar, day);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dob)), ==, "1990-05-04");
  g_assert_true (gtk_widget_get_sensitive (dialog_widget (dialog, "_Register")));
  gtk_window_close (GTK_WINDOW (dialog));
}


int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: see tests/ui/test-window.c. English,
   * so that the reasons asserted below are the source strings. */
  g_setenv ("LANGUAGE", "en", TRUE);
  if (!kap_ui_test_init (&argc, &argv, "/new-person/display"))
    return g_test_run ();


  g_test_add ("/new-person/match/open", Fixture, NULL, fixture_set_up, test_new_person_open_match, fixture_tear_down);
  g_test_add ("/new-person/match/register-anyway", Fixture, NULL, fixture_set_up, test_new_person_register_anyway, fixture_tear_down);
  g_test_add ("/new-person/no-match", Fixture, NULL, fixture_set_up, test_new_person_no_match, fixture_tear_down);
  g_test_add ("/new-person/carried", Fixture, NULL, fixture_set_up, test_new_person_carried, fixture_tear_down);
  g_test_add ("/new-person/pick-date", Fixture, NULL, fixture_set_up, test_new_person_pick_date, fixture_tear_down);

  return g_test_run ();
}
