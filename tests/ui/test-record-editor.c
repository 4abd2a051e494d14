/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-record-editor"

#include "config.h"

#include "kap-ui-test.h"

#include "kap-avr-stage.h"
#include "form-test-util.h"
#include "kap-person-chooser.h"
#include "kap-record-badges.h"
#include "kap-records-common.h"

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

/* The editor's header, as the officer reads it: the badges, the status
 * line (found by what it says), the buttons. */
static KapRecordBadges *
badges_of (KapRecordEditor *editor)
{
  GtkWidget *badges = kap_ui_test_find (GTK_WIDGET (editor), KAP_TYPE_RECORD_BADGES);

  g_assert_nonnull (badges);
  return KAP_RECORD_BADGES (badges);
}

static GtkLabel *
status_label (KapRecordEditor *editor,
              const char      *text)
{
  GtkLabel *label = kap_ui_test_find_label (GTK_WIDGET (editor), text);

  if (label == NULL)
    g_error ("The editor says nothing with “%s”", text);
  return label;
}

static GtkWidget *
editor_button (KapRecordEditor *editor,
               const char      *label)
{
  GtkWidget *button = kap_ui_test_find_button (GTK_WIDGET (editor), label);

  g_assert_nonnull (button);
  return button;
}

/* The stage dialog's rows, in order: the stage, since when, the reason. */
static GtkWidget *
stage_dialog_row (KapStageDialog *dialog,
                  guint           index)
{
  g_autoptr(GPtrArray) rows = kap_ui_test_find_all (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW);

  g_assert_cmpuint (rows->len, ==, 3);
  return g_ptr_array_index (rows, index);
}

static AdwComboRow *
stage_row (KapStageDialog *dialog)
{
  return ADW_COMBO_ROW (stage_dialog_row (dialog, 0));
}

static AdwEntryRow *
date_row (KapStageDialog *dialog)
{
  return ADW_ENTRY_ROW (stage_dialog_row (dialog, 1));
}

static AdwEntryRow *
note_row (KapStageDialog *dialog)
{
  return ADW_ENTRY_ROW (stage_dialog_row (dialog, 2));
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
  /* The debounce timer writes, without save_now(); it wakes the loop. */
  while (!kap_record_editor_get_saved (editor))
    g_main_context_iteration (NULL, TRUE);
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
  /* On screen the name is a bidi isolate, so the Arabic name does not
   * reorder the separator and the form's title around it. */
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (editor), "Vulnerability screening · \u2068أحمد الحسن\u2069"));
  g_assert_false (kap_record_editor_get_read_only (editor));

  form_test_fill_screening (view, G_MAXUINT);

  /* The categories and priority show live while the officer fills it in. */
  badges = kap_record_badges_to_string (badges_of (editor));
  g_assert_true (g_str_has_prefix (badges, "P1 "));
  g_assert_nonnull (strstr (badges, "UAC"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (badges_of (editor))));

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
  g_assert_false (gtk_widget_get_visible (editor_button (editor, "_Finalize")));

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
  badges = kap_record_badges_to_string (badges_of (editor));
  g_assert_true (g_str_has_prefix (badges, "P1 "));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (badges_of (editor))));
  g_assert_true (gtk_widget_has_css_class (kap_record_badges_get_badge (badges_of (editor), 0),
                                           "kap-priority-p1"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (kap_record_badges_get_badge (badges_of (editor), 0)),
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
  g_assert_cmpuint (form_test_codes (stage)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (form_test_codes (stage), 0), ==, "EOI");

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

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static KapStageDialog *
open_stage_dialog (KapRecordEditor *editor)
{
  g_assert_true (gtk_widget_get_mapped (editor_button (editor, "_Update Stage…")));
  g_assert_null (kap_record_editor_get_stage_dialog (editor));
  /* What the “Update Stage…” button does. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.update-stage", NULL);
  form_test_iterate ();
  g_assert_true (KAP_IS_STAGE_DIALOG (kap_record_editor_get_stage_dialog (editor)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kap_record_editor_get_stage_dialog (editor))));

  return kap_record_editor_get_stage_dialog (editor);
}

static guint
stage_position (KapStageDialog *dialog,
                const char     *code)
{
  for (guint i = 0; kap_stage_dialog_get_stages (dialog)[i] != NULL; i++)
    if (g_str_equal (kap_stage_dialog_get_stages (dialog)[i], code))
      return i;

  g_error ("%s is not offered", code);
  return 0;
}

static void
click_response (KapStageDialog *dialog,
                const char     *label)
{
  form_test_click_dialog_button (GTK_WINDOW (dialog), label);
}

static gboolean
update_enabled (KapStageDialog *dialog)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "update");
}

/* The case moves on from a final record: the dialog offers exactly the
 * allowed moves, by their labels, asks a reason for an exit, and writes a
 * new revision that stays final. */
static void
test_avr_update_stage (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "return_interest");
  g_autoptr(KapDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = today_iso ();
  g_autofree char *final_rev = NULL;
  g_autofree char *badges = NULL;
  g_auto(GStrv) expected = kap_avr_stage_next ("EOI");
  KapFormField *stage_field = kap_form_lookup_field (kap_form_registry_get_latest (fixture->forms, "return_interest"),
                                                     "stage");
  KapRecordEditor *editor;
  KapStageDialog *dialog;
  GtkLabel *message;
  GListModel *labels;
  GtkWindow *window;
  JsonObject *body;

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);

  /* A draft moves nowhere but its first stage, and has no button. */
  g_assert_cmpuint (form_test_codes (form_test_row (kap_record_editor_get_view (editor), "stage"))->len, ==, 1);
  g_assert_false (gtk_widget_get_visible (editor_button (editor, "_Update Stage…")));

  fill_return_interest (kap_record_editor_get_view (editor));
  g_assert_true (kap_record_editor_finalize_record (editor, &error));
  g_assert_no_error (error);
  g_assert_true (kap_record_editor_get_read_only (editor));
  final_rev = g_strdup (kap_document_get_rev (kap_record_editor_get_record (editor)));

  /* The stage is a badge of the header, by its label. */
  badges = kap_record_badges_to_string (badges_of (editor));
  g_assert_cmpstr (badges, ==, "Expression of interest");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (badges_of (editor))));
  g_assert_true (gtk_widget_has_css_class (kap_record_badges_get_badge (badges_of (editor), 0), "kap-stage"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (kap_record_badges_get_badge (badges_of (editor), 0)),
                   ==, "Stage: Expression of interest");

  dialog = open_stage_dialog (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);

  /* Exactly the allowed moves, the current stage first, by their labels. */
  labels = adw_combo_row_get_model (stage_row (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, g_strv_length (expected));
  g_assert_cmpuint (g_strv_length (expected), >, 2);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      const char *label = gtk_string_list_get_string (GTK_STRING_LIST (labels), i);

      g_assert_cmpstr (kap_stage_dialog_get_stages (dialog)[i], ==, expected[i]);
      if (i == 0)
        g_assert_cmpstr (label, ==, "Expression of interest (no change)");
      else
        g_assert_cmpstr (label, ==, kap_form_field_get_choice_label (stage_field, expected[i], NULL));
    }
  /* The next step is proposed, since today. */
  g_assert_cmpstr (kap_stage_dialog_get_stage (dialog), ==, "COUNSELLING");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row (dialog))), ==, today);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (note_row (dialog))));
  g_assert_true (update_enabled (dialog));

  /* An exit needs a reason. */
  adw_combo_row_set_selected (stage_row (dialog), stage_position (dialog, "WITHDRAWN"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (note_row (dialog))));
  g_assert_false (update_enabled (dialog));
  gtk_editable_set_text (GTK_EDITABLE (note_row (dialog)), "Wants to stay with relatives");
  g_assert_true (update_enabled (dialog));
  g_assert_cmpstr (kap_stage_dialog_get_note (dialog), ==, "Wants to stay with relatives");

  /* A date that is not one, or in the future, is refused with a message. */
  gtk_editable_set_text (GTK_EDITABLE (date_row (dialog)), "2025-02-30");
  g_assert_false (update_enabled (dialog));
  message = kap_ui_test_find_label (GTK_WIDGET (dialog), "Enter a date as YYYY-MM-DD");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
  gtk_editable_set_text (GTK_EDITABLE (date_row (dialog)), "2999-01-01");
  g_assert_false (update_enabled (dialog));
  g_assert_cmpstr (gtk_label_get_text (message), ==, "The date cannot be in the future.");
  gtk_editable_set_text (GTK_EDITABLE (date_row (dialog)), today);

  /* Back to the next step: no reason asked, none kept. */
  adw_combo_row_set_selected (stage_row (dialog), stage_position (dialog, "COUNSELLING"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (note_row (dialog))));
  g_assert_null (kap_stage_dialog_get_note (dialog));
  g_assert_true (update_enabled (dialog));
  click_response (dialog, "_Update");
  g_assert_null (kap_record_editor_get_stage_dialog (editor));

  /* A new revision, still final, stamped. */
  saved = get_saved (fixture, editor);
  body = kap_document_get_body (saved);
  g_assert_cmpstr (kap_document_get_rev (saved), !=, final_rev);
  g_assert_cmpuint (g_ascii_strtoull (kap_document_get_rev (saved), NULL, 10), ==,
                    g_ascii_strtoull (final_rev, NULL, 10) + 1);
  g_assert_cmpstr (kap_record_get_status (saved), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_cmpstr (json_object_get_string_member (body, "stage"), ==, "COUNSELLING");
  g_assert_cmpstr (json_object_get_string_member (body, "stage_date"), ==, today);
  g_assert_false (json_object_has_member (body, "stage_note"));
  g_assert_cmpstr (json_object_get_string_member (body, "updated_by"), ==, "OFF-07");
  g_assert_cmpstr (json_object_get_string_member (body, "return_country"), ==, "AFG");
  g_assert_true (kap_record_editor_get_read_only (editor));
  g_assert_cmpstr (gtk_label_get_text (status_label (editor, "Final · ")), ==, "Final · Stage updated");
  g_clear_pointer (&badges, g_free);
  badges = kap_record_badges_to_string (badges_of (editor));
  g_assert_cmpstr (badges, ==, "Counselling");
  g_clear_object (&saved);

  /* Now the moves from counselling; the person withdraws. */
  dialog = open_stage_dialog (editor);
  g_assert_cmpstr (kap_stage_dialog_get_stages (dialog)[0], ==, "COUNSELLING");
  g_assert_cmpstr (kap_stage_dialog_get_stage (dialog), ==, "ELIGIBILITY");
  for (guint i = 0; kap_stage_dialog_get_stages (dialog)[i] != NULL; i++)
    g_assert_true (kap_avr_stage_can_move ("COUNSELLING", kap_stage_dialog_get_stages (dialog)[i]));
  adw_combo_row_set_selected (stage_row (dialog), stage_position (dialog, "WITHDRAWN"));
  gtk_editable_set_text (GTK_EDITABLE (note_row (dialog)), "  Wants to stay with relatives  ");
  g_assert_true (update_enabled (dialog));
  click_response (dialog, "_Update");

  saved = get_saved (fixture, editor);
  body = kap_document_get_body (saved);
  g_assert_cmpstr (kap_record_get_status (saved), ==, KAP_RECORD_STATUS_FINAL);
  g_assert_cmpstr (json_object_get_string_member (body, "stage"), ==, "WITHDRAWN");
  g_assert_cmpstr (json_object_get_string_member (body, "stage_note"), ==, "Wants to stay with relatives");
  g_assert_true (gtk_widget_has_css_class (kap_record_badges_get_badge (badges_of (editor), 0), "kap-stage-ended"));

  /* A withdrawn case goes nowhere: no button, and the action does nothing. */
  g_assert_false (gtk_widget_get_visible (editor_button (editor, "_Update Stage…")));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.update-stage", NULL);
  g_assert_null (kap_record_editor_get_stage_dialog (editor));

  form_test_destroy (window);
}

/* A move that another writer overtook is refused, and the record on
 * screen stays as saved. */
static void
test_avr_update_stage_conflict (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "return_interest");
  g_autoptr(KapDocument) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  KapRecordEditor *editor;
  KapStageDialog *dialog;
  GtkWindow *window;

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  fill_return_interest (kap_record_editor_get_view (editor));
  g_assert_true (kap_record_editor_finalize_record (editor, &error));

  /* Cancel: nothing written. */
  dialog = open_stage_dialog (editor);
  click_response (dialog, "_Cancel");
  g_assert_null (kap_record_editor_get_stage_dialog (editor));
  other = get_saved (fixture, editor);
  g_assert_cmpstr (kap_document_get_rev (other), ==, kap_document_get_rev (kap_record_editor_get_record (editor)));

  /* Someone else moved it on meanwhile. */
  json_object_set_string_member (kap_document_get_body (other), "stage", "COUNSELLING");
  rev = kap_store_put (fixture->store, other, &error);
  g_assert_no_error (error);

  dialog = open_stage_dialog (editor);
  click_response (dialog, "_Update");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status_label (editor, "Not saved: ")), "Not saved: "));
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (kap_record_editor_get_record (editor)),
                                                  "stage"), ==, "EOI");
  g_clear_object (&other);
  other = get_saved (fixture, editor);
  g_assert_cmpstr (kap_document_get_rev (other), ==, rev);

  form_test_destroy (window);
}

static void
wait_picker_closed (KapFormView *view)
{
  while (kap_form_view_get_person_picker (view) != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Opens the person chooser from a "person" row, searches @query and
 * takes the best match with Enter. */
static void
pick_person (KapFormView *view,
             const char  *path,
             const char  *query,
             const char  *expected_id)
{
  KapFieldRow *row = form_test_row (view, path);
  KapPersonChooser *chooser;
  g_autoptr(KapRecordSummary) first = NULL;

  g_assert_true (ADW_IS_ACTION_ROW (kap_field_row_get_edit_row (row)));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (kap_field_row_get_edit_row (row))));
  /* Enter on the row. */
  gtk_widget_activate (kap_field_row_get_edit_row (row));
  form_test_iterate ();
  chooser = KAP_PERSON_CHOOSER (kap_form_view_get_person_picker (view));
  g_assert_nonnull (chooser);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chooser)));
  /* Family members are registered already: no registering from here. */
  g_assert_false (gtk_widget_get_visible (kap_ui_test_find_button (GTK_WIDGET (chooser), "_Register Person…")));

  gtk_editable_set_text (GTK_EDITABLE (kap_ui_test_find (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY)), query);
  /* GtkSearchEntry waits a moment before "search-changed" (a timer,
   * which wakes the loop). */
  while (g_list_model_get_n_items (kap_ui_test_list_items (GTK_WIDGET (chooser))) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (kap_ui_test_list_items (GTK_WIDGET (chooser))), ==, 1);
  first = g_list_model_get_item (kap_ui_test_list_items (GTK_WIDGET (chooser)), 0);
  g_assert_cmpstr (kap_record_summary_get_id (first), ==, expected_id);

  g_signal_emit_by_name (kap_ui_test_find (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY), "activate");
  wait_picker_closed (view);
}

/* A family member linked to their person record: the row opens the
 * person chooser, shows the person by name in both scripts, stores the
 * id, and fills in the member's name when it is empty. */
static void
test_avr_family_person (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "return_interest");
  g_autoptr(KapDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *farid = put_person (fixture, "Farid Ahmadi", "فرید احمدی");
  g_autofree char *gulalai = put_person (fixture, "Gulalai Ahmadi", "گلالی احمدی");
  g_autofree char *arben = put_person (fixture, "Arben Krasniqi", "Arben Krasniqi");
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;
  KapFieldRow *row;
  JsonObject *body, *member;
  JsonArray *members;

  kap_record_set_person_id (record, farid);
  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  /* What the window does: lends the chooser to the form. */
  kap_record_editor_set_person_picker (editor, kap_person_chooser_pick);
  window = form_test_show (GTK_WIDGET (editor), 800, 900);
  view = kap_record_editor_get_view (editor);

  form_test_click (kap_form_view_get_add_button (view, "family_members"));
  row = form_test_row (view, "family_members[1].member_person_id");
  g_assert_null (form_test_entry (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (kap_field_row_get_edit_row (row))), ==, "Person record");
  g_assert_true (gtk_widget_has_css_class (kap_field_row_get_edit_row (row), "kap-not-answered"));
  g_assert_false (gtk_widget_get_visible (form_test_person_clear (row)));

  pick_person (view, "family_members[1].member_person_id", "گلالی", gulalai);
  row = form_test_row (view, "family_members[1].member_person_id");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kap_field_row_get_edit_row (row))), ==, "Gulalai Ahmadi · گلالی احمدی");
  g_assert_true (gtk_widget_get_visible (form_test_person_clear (row)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (form_test_row (view, "family_members[1].member_name")))),
                   ==, "Gulalai Ahmadi");

  /* A name typed first stays as typed. */
  form_test_click (kap_form_view_get_add_button (view, "family_members"));
  form_test_set_text (view, "family_members[2].member_name", "Arbeni");
  pick_person (view, "family_members[2].member_person_id", "krasniqi", arben);
  row = form_test_row (view, "family_members[2].member_person_id");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kap_field_row_get_edit_row (row))), ==, "Arben Krasniqi");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (form_test_row (view, "family_members[2].member_name")))),
                   ==, "Arbeni");

  /* And a person is removed with the row's clear button. */
  form_test_click (form_test_person_clear (row));
  row = form_test_row (view, "family_members[2].member_person_id");
  g_assert_false (gtk_widget_get_visible (form_test_person_clear (row)));
  g_assert_true (gtk_widget_has_css_class (kap_field_row_get_edit_row (row), "kap-not-answered"));

  form_test_choose (view, "family_members[1].member_relationship", "spouse");
  form_test_choose (view, "family_members[2].member_relationship", "other");
  wait_saved (editor);
  saved = get_saved (fixture, editor);
  members = json_object_get_array_member (kap_document_get_body (saved), "family_members");
  g_assert_cmpuint (json_array_get_length (members), ==, 2);
  member = json_array_get_object_element (members, 0);
  g_assert_cmpstr (json_object_get_string_member (member, "member_person_id"), ==, gulalai);
  g_assert_cmpstr (json_object_get_string_member (member, "member_name"), ==, "Gulalai Ahmadi");
  member = json_array_get_object_element (members, 1);
  g_assert_false (json_object_has_member (member, "member_person_id"));
  g_assert_cmpstr (json_object_get_string_member (member, "member_name"), ==, "Arbeni");
  g_clear_object (&saved);

  /* Final: the member's person reads by name. */
  fill_return_interest (view);
  g_assert_true (kap_record_editor_finalize_record (editor, &error));
  g_assert_no_error (error);
  view = kap_record_editor_get_view (editor);
  row = form_test_row (view, "family_members[1].member_person_id");
  g_assert_null (kap_field_row_get_edit_row (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kap_field_row_get_display_row (row))), ==,
                   "Gulalai Ahmadi · گلالی احمدی");
  saved = get_saved (fixture, editor);
  body = kap_document_get_body (saved);
  member = json_array_get_object_element (json_object_get_array_member (body, "family_members"), 0);
  g_assert_cmpstr (json_object_get_string_member (member, "member_person_id"), ==, gulalai);

  form_test_destroy (window);
}

/* Finalize right after an answer that changed which rows are shown: the
 * list of what needs attention is at the top of the view, in sight. The
 * answer's own anchor (rows appearing above it do not move it) must not
 * scroll past the list that appeared above the form. */
static void
test_finalize_missing_in_view (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "screening");
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWindow *window;

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, fixture->forms, record, &fixture->author));
  window = form_test_show (GTK_WIDGET (editor), 860, 1000);
  view = kap_record_editor_get_view (editor);

  form_test_fill_screening (view, 6);
  form_test_set_text (view, "age_years", "15");
  g_assert_false (kap_record_editor_finalize_record (editor, NULL));
  form_test_wait_frames (GTK_WIDGET (window));

  {
    g_autoptr(GPtrArray) groups = kap_ui_test_find_all (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_GROUP);
    gboolean shown = FALSE;

    for (guint i = 0; i < groups->len; i++)
      {
        const char *title = adw_preferences_group_get_title (g_ptr_array_index (groups, i));

        if (title != NULL && g_str_has_suffix (title, "Need Attention"))
          shown = gtk_widget_get_mapped (g_ptr_array_index (groups, i));
      }
    g_assert_true (shown);
  }
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (
                       GTK_SCROLLED_WINDOW (kap_ui_test_find (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW)))), ==, 0);

  form_test_destroy (window);
}

static void
test_finalize_missing (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(KapDocument) record = new_record (fixture, "screening");
  g_autoptr(KapDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summary_rows = NULL;
  AdwPreferencesGroup *summary;
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
  summary = kap_ui_test_find_group (GTK_WIDGET (editor), "1 Answer Needs Attention");
  g_assert_nonnull (summary);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (summary)));

  summary_rows = kap_ui_test_find_all (GTK_WIDGET (summary), ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < summary_rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (summary_rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), "Age (years)") == 0)
        {
          found = TRUE;
          /* Choosing the item takes the officer to the field. */
          gtk_widget_activate (GTK_WIDGET (row));
          form_test_iterate ();
        }
    }
  g_assert_true (found);
  age_row = form_test_entry (form_test_row (view, "age_years"));
  g_assert_true (gtk_widget_is_focus (age_row) || gtk_widget_has_focus (age_row) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), age_row));
  g_assert_true (gtk_widget_is_visible (kap_field_row_get_message_row (form_test_row (view, "age_years"))));

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
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status_label (editor, "Not saved: ")), "Not saved: "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status_label (editor, "Not saved: ")), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (form_test_row (view, "age_years")))), ==, "16");
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
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (kap_ui_test_find_label (GTK_WIDGET (editor), kap_record_editor_get_title (editor))), GTK_WIDGET (editor), &title_bounds));
  g_assert_true (gtk_widget_compute_bounds (editor_button (editor, "_Finalize"), GTK_WIDGET (editor), &button_bounds));
  g_assert_cmpfloat (button_bounds.origin.x, <, title_bounds.origin.x);

  /* And the Yes/No buttons sit at the end of their row: on the left too. */
  row = form_test_row (kap_record_editor_get_view (editor), "asylum_intention");
  {
    graphene_rect_t row_bounds, yes_bounds;

    g_assert_true (gtk_widget_compute_bounds (kap_field_row_get_edit_row (row), GTK_WIDGET (editor), &row_bounds));
    g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (form_test_toggles (row), 0), GTK_WIDGET (editor), &yes_bounds));
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
                                         form_test_entry (form_test_row (view, order[1]))));

  /* From the name to the sex buttons: “Female” is next. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 g_ptr_array_index (form_test_toggles (form_test_row (view, "sex")), 0));

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
  g_assert_false (gtk_widget_get_visible (editor_button (editor, "_Finalize")));
  /* What the editor shows instead of the form. */
  page = kap_ui_test_find (GTK_WIDGET (editor), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "screening@99"));
  g_assert_true (kap_record_editor_save_now (editor, &error));
  g_assert_false (kap_record_editor_finalize_record (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (kap_record_editor_get_record (editor)), ==, rev);

  form_test_destroy (window);
}


int
main (int   argc,
      char *argv[])
{
  if (!kap_ui_test_init (&argc, &argv, "/record-editor/display"))
    return g_test_run ();


#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/record-editor/screening/child-alone", test_screening_child_alone);
  ADD ("/record-editor/return-interest/family", test_avr_interest);
  ADD ("/record-editor/return-interest/update-stage", test_avr_update_stage);
  ADD ("/record-editor/return-interest/update-stage-conflict", test_avr_update_stage_conflict);
  ADD ("/record-editor/return-interest/family-person", test_avr_family_person);
  ADD ("/record-editor/finalize/missing", test_finalize_missing);
  ADD ("/record-editor/finalize/missing-in-view", test_finalize_missing_in_view);
  ADD ("/record-editor/save/conflict", test_conflict);
  ADD ("/record-editor/rtl", test_rtl);
  ADD ("/record-editor/keyboard/tab-order", test_keyboard_order);
  ADD ("/record-editor/unknown-form", test_unknown_form);
#undef ADD

  return g_test_run ();
}
