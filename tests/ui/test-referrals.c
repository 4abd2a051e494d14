/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-referrals"

#include "config.h"

#include "kap-ui-test.h"

#include "form-test-util.h"
#include "kap-field-row.h"
#include "kap-person-page.h"
#include "kap-record-pane.h"
#include "kap-records.h"
#include "kap-suggestions-group.h"
#include "kap-window.h"

/* Referrals from a screening, through the window as the officer makes
 * them: Refer… on a suggestion of a finalized screening of a 15-year-old
 * travelling alone opens the referral pre-filled; it cannot be finalized
 * without the person's consent for that service; once final, the
 * screening and the person page show the service as referred and the
 * others as open. The person page's Refer… and the + menu's Referral…
 * start referrals too. */

static const KapRecordAuthor author = { "OFF-003", "RS-PRE", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };

typedef struct
{
  char            *dir;
  KapStore        *store;
  KapFormRegistry *forms;
  KapWindow       *window;
  char            *person;
  char            *screening;
} Fixture;

static char *
put_person (Fixture *fixture)
{
  g_autoptr(KapDocument) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  person = kap_document_new_from_json ("{\"type\": \"person\", \"form\": \"person@1\", \"status\": \"final\", "
                                       "\"name_stated\": \"Ahmad Rahimi\", \"name_original\": \"احمد رحیمی\", "
                                       "\"sex\": \"M\", \"age_years\": 15, \"nationality\": \"AFG\"}", -1, &error);
  g_assert_no_error (error);
  rev = kap_store_put (fixture->store, person, &error);
  g_assert_no_error (error);

  return g_strdup (kap_document_get_id (person));
}

/* A finalized screening of the person: 15, travelling alone, wants
 * asylum. The form's own calculations make it UAC and P1. */
static char *
put_screening (Fixture  *fixture,
               gboolean  final)
{
  KapForm *form = kap_form_registry_get_latest (fixture->forms, "screening");
  g_autoptr(KapDocument) screening = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answers = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  screening = kap_records_create_draft (fixture->store, fixture->forms, &author, "screening",
                                        fixture->person, &error);
  g_assert_no_error (error);

  answers = json_from_string (
    "{\"interpreter_used\": false, \"interview_language\": \"ara\", \"interviewer_gender\": \"F\","
    " \"consent_given\": true, \"consent_giver\": \"self\", \"consent_scope\": [\"screening\", \"referral\"],"
    " \"age_years\": 15, \"age_source\": \"stated\", \"sex\": \"M\", \"travelling_with\": \"alone\","
    " \"asylum_intention\": true, \"no_documents\": true, \"child_in_school\": true, \"child_working\": false,"
    " \"immediate_medical_need\": false, \"sleep_problems\": false}", &error);
  g_assert_no_error (error);
  json_object_iter_init (&iter, json_node_get_object (answers));
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (kap_document_get_body (screening), name, json_node_copy (node));

  if (!final)
    g_assert_true (kap_records_save (fixture->store, screening, form, &author, &error));
  else if (!kap_records_finalize (fixture->store, screening, form, &author, &issues, &error))
    {
      for (guint i = 0; issues != NULL && i < issues->len; i++)
        g_printerr ("%s: %s\n", ((KapFormIssue *) g_ptr_array_index (issues, i))->path,
                    ((KapFormIssue *) g_ptr_array_index (issues, i))->message);
      g_error ("The screening could not be finalized: %s", error->message);
    }

  return g_strdup (kap_document_get_id (screening));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-referrals-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->forms = kap_form_registry_new ();
  g_assert_true (kap_form_registry_load_builtin (fixture->forms, &error));

  fixture->person = put_person (fixture);
  fixture->screening = put_screening (fixture, TRUE);

  fixture->window = kap_ui_test_window_new (fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  form_test_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->forms);
  g_assert_finalize_object (fixture->store);

  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->person);
  g_free (fixture->screening);
}

static KapRecordPane *
record_pane (Fixture *fixture)
{
  return KAP_RECORD_PANE (kap_window_get_record_pane (fixture->window));
}

static KapRecordEditor *
editor (Fixture *fixture)
{
  GtkWidget *widget = kap_record_pane_get_editor (record_pane (fixture));

  return widget != NULL ? KAP_RECORD_EDITOR (widget) : NULL;
}

typedef gboolean (*Condition) (Fixture *fixture, gconstpointer data);

/* Runs the main loop until @condition holds (the test's timeout catches
 * a hang), then lets the frame that shows it be laid out. */
static void
wait_until (Fixture       *fixture,
            Condition      condition,
            gconstpointer  data)
{
  while (!condition (fixture, data))
    g_main_context_iteration (NULL, TRUE);
  form_test_iterate ();
}

/* The record editor shows a record of @data's type, mapped. */
static gboolean
editing_type (Fixture       *fixture,
              gconstpointer  data)
{
  KapRecordEditor *shown = editor (fixture);

  return shown != NULL && gtk_widget_get_mapped (GTK_WIDGET (shown)) &&
         g_strcmp0 (kap_document_get_doc_type (kap_record_editor_get_record (shown)), data) == 0;
}

static gboolean
person_page_shown (Fixture       *fixture,
                   gconstpointer  data)
{
  KapPersonPage *page = kap_record_pane_get_person_page (record_pane (fixture));

  return page != NULL && gtk_widget_get_mapped (GTK_WIDGET (page)) &&
         g_strcmp0 (kap_record_pane_get_visible_name (record_pane (fixture)), "person") == 0;
}

static const char *
answer (Fixture    *fixture,
        const char *name)
{
  JsonObject *body = kap_document_get_body (kap_record_editor_get_record (editor (fixture)));

  return json_object_get_string_member_with_default (body, name, NULL);
}

static KapSuggestionsGroup *
suggestions (GtkWidget *root)
{
  GtkWidget *group = kap_ui_test_find (root, KAP_TYPE_SUGGESTIONS_GROUP);

  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (group));
  return KAP_SUGGESTIONS_GROUP (group);
}

static const char *
subtitle (KapSuggestionsGroup *group,
          const char          *service)
{
  AdwActionRow *row = kap_suggestions_group_get_row (group, service);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (row);
}

/* The suggestions of a 15-year-old travelling alone who wants asylum:
 * child protection is referred (final), the others are open. */
static void
assert_cpg_referred (KapSuggestionsGroup *group,
                     const char          *referral)
{
  const char *open[] = { "LEG", "SHL", "FTR", "ASY" };
  GtkWidget *button;

  g_assert_true (g_str_has_prefix (subtitle (group, "CPG"), "Referred on "));
  button = kap_ui_test_find_button (GTK_WIDGET (kap_suggestions_group_get_row (group, "CPG")), "_Open");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open-record");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL),
                   ==, referral);
  g_assert_null (kap_ui_test_find_button (GTK_WIDGET (kap_suggestions_group_get_row (group, "CPG")), "_Refer…"));

  for (guint i = 0; i < G_N_ELEMENTS (open); i++)
    {
      g_assert_cmpstr (subtitle (group, open[i]), ==, "Not referred yet");
      g_assert_nonnull (kap_ui_test_find_button (GTK_WIDGET (kap_suggestions_group_get_row (group, open[i])),
                                                 "_Refer…"));
    }
}

/* The question is on screen: relevant, its row shown. */
static gboolean
field_shown (KapFormView *view,
             const char  *path)
{
  KapFieldRow *row = form_test_row (view, path);

  return kap_field_row_get_relevant (row) && gtk_widget_get_visible (kap_field_row_get_widget (row));
}

static GtkWidget *
finalize_button (Fixture *fixture)
{
  GtkWidget *button = kap_ui_test_find_action (GTK_WIDGET (editor (fixture)), GTK_TYPE_BUTTON, "editor.finalize");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  return button;
}

static gboolean
has_issue_row (KapRecordEditor *shown,
               const char      *title)
{
  AdwPreferencesGroup *summary = kap_ui_test_find_group (GTK_WIDGET (shown), "1 Answer Needs Attention");

  return summary != NULL && gtk_widget_get_visible (GTK_WIDGET (summary)) &&
         kap_ui_test_find_row (GTK_WIDGET (summary), title) != NULL;
}

static const char *
stored_status (Fixture    *fixture,
               const char *id)
{
  g_autoptr(KapDocument) document = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, NULL);
  static char status[16];

  g_assert_nonnull (document);
  g_strlcpy (status, kap_record_get_status (document), sizeof status);
  return status;
}

static void
test_refer_from_screening (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char *cpg_question = "Does the person agree to be referred to Child protection and guardianship?";
  const char *leg_question = "Does the person agree to be referred to Legal aid?";
  const char *expected[] = { "CPG", "LEG", "SHL", "FTR", "ASY" };
  KapSuggestionsGroup *group;
  KapFormView *view;
  GtkWidget *refer;
  g_autofree char *referral = NULL;

  /* The finalized screening, read-only, with its suggestions under it. */
  kap_window_open_record (fixture->window, fixture->screening, FALSE);
  wait_until (fixture, editing_type, "screening");
  g_assert_true (kap_record_editor_get_read_only (editor (fixture)));
  group = suggestions (GTK_WIDGET (editor (fixture)));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (subtitle (group, expected[i]), ==, "Not referred yet");
  g_assert_null (kap_suggestions_group_get_row (group, "HLT"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (kap_suggestions_group_get_row (group, "CPG"))),
                   ==, "Child protection and guardianship");

  /* Refer… on child protection: the referral, pre-filled. */
  refer = kap_ui_test_find_button (GTK_WIDGET (kap_suggestions_group_get_row (group, "CPG")), "_Refer…");
  g_assert_nonnull (refer);
  form_test_click (refer);
  wait_until (fixture, editing_type, "referral");
  referral = g_strdup (kap_document_get_id (kap_record_editor_get_record (editor (fixture))));
  g_assert_false (kap_record_editor_get_read_only (editor (fixture)));
  g_assert_cmpstr (answer (fixture, "person_id"), ==, fixture->person);
  g_assert_cmpstr (answer (fixture, "screening_id"), ==, fixture->screening);
  g_assert_cmpstr (answer (fixture, "service"), ==, "CPG");
  g_assert_cmpstr (answer (fixture, "urgency"), ==, "immediate");
  g_assert_cmpstr (kap_record_editor_get_title (editor (fixture)), ==, "Referral · احمد رحیمی");

  /* Back on the screening, child protection is under way, and Open
   * goes back to the draft. */
  kap_window_open_record (fixture->window, fixture->screening, FALSE);
  wait_until (fixture, editing_type, "screening");
  group = suggestions (GTK_WIDGET (editor (fixture)));
  g_assert_cmpstr (subtitle (group, "CPG"), ==, "Referral in progress · Draft");
  g_assert_cmpstr (subtitle (group, "LEG"), ==, "Not referred yet");
  form_test_click (kap_ui_test_find_button (GTK_WIDGET (kap_suggestions_group_get_row (group, "CPG")), "_Open"));
  wait_until (fixture, editing_type, "referral");
  g_assert_cmpstr (kap_document_get_id (kap_record_editor_get_record (editor (fixture))), ==, referral);
  view = kap_record_editor_get_view (editor (fixture));

  /* The consent question names the service; it is the only one asked. */
  g_assert_nonnull (kap_ui_test_find_row (GTK_WIDGET (view), cpg_question));
  g_assert_true (field_shown (view, "consent_cpg"));
  g_assert_false (field_shown (view, "consent_leg"));
  g_assert_false (field_shown (view, "fields_shared"));

  /* Finalize without consent: refused, the question listed. */
  form_test_click (finalize_button (fixture));
  g_assert_false (kap_record_editor_get_read_only (editor (fixture)));
  g_assert_true (has_issue_row (editor (fixture), cpg_question));
  g_assert_cmpstr (stored_status (fixture, referral), ==, KAP_RECORD_STATUS_DRAFT);

  /* Consent for child protection, and what may be shared. */
  form_test_set_bool (view, "consent_cpg", TRUE);
  g_assert_true (field_shown (view, "fields_shared"));
  form_test_check (view, "fields_shared", "identity");
  form_test_check (view, "fields_shared", "category");

  /* Another service asks again: consent does not carry over. */
  form_test_choose (view, "service", "LEG");
  g_assert_true (field_shown (view, "consent_leg"));
  g_assert_false (field_shown (view, "consent_cpg"));
  form_test_click (finalize_button (fixture));
  g_assert_false (kap_record_editor_get_read_only (editor (fixture)));
  g_assert_true (has_issue_row (editor (fixture), leg_question));
  g_assert_cmpstr (stored_status (fixture, referral), ==, KAP_RECORD_STATUS_DRAFT);

  /* Back to child protection, whose consent was given: final. */
  form_test_choose (view, "service", "CPG");
  form_test_click (finalize_button (fixture));
  g_assert_true (kap_record_editor_get_read_only (editor (fixture)));
  g_assert_cmpstr (stored_status (fixture, referral), ==, KAP_RECORD_STATUS_FINAL);

  /* The screening shows child protection as referred, the rest open. */
  kap_window_open_record (fixture->window, fixture->screening, FALSE);
  wait_until (fixture, editing_type, "screening");
  assert_cpg_referred (suggestions (GTK_WIDGET (editor (fixture))), referral);

  /* So does the person page, with the referral listed by its service. */
  kap_window_open_record (fixture->window, fixture->person, FALSE);
  wait_until (fixture, person_page_shown, NULL);
  {
    KapPersonPage *page = kap_record_pane_get_person_page (record_pane (fixture));
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (kap_person_page_get_list (page, "referral"), 0);

    assert_cpg_referred (suggestions (GTK_WIDGET (page)), referral);
    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "Child protection and guardianship");

    /* Its Open button opens the referral. */
    form_test_click (kap_ui_test_find_button (GTK_WIDGET (kap_suggestions_group_get_row (suggestions (GTK_WIDGET (page)),
                                                                                        "CPG")), "_Open"));
    wait_until (fixture, editing_type, "referral");
    g_assert_cmpstr (kap_document_get_id (kap_record_editor_get_record (editor (fixture))), ==, referral);
  }
}

/* Refer… of the person page's Referrals: a referral from the latest
 * screening, the service still to choose. */
static void
test_refer_from_person_page (Fixture       *fixture,
                             gconstpointer  user_data)
{
  KapPersonPage *page;
  GtkWidget *button;

  kap_window_open_record (fixture->window, fixture->person, FALSE);
  wait_until (fixture, person_page_shown, NULL);
  page = kap_record_pane_get_person_page (record_pane (fixture));
  button = kap_ui_test_find_tooltip (GTK_WIDGET (page), GTK_TYPE_BUTTON,
                                     "Refer this person to a service, with their consent");
  g_assert_nonnull (button);

  form_test_click (button);
  wait_until (fixture, editing_type, "referral");
  g_assert_cmpstr (answer (fixture, "person_id"), ==, fixture->person);
  g_assert_cmpstr (answer (fixture, "screening_id"), ==, fixture->screening);
  g_assert_cmpstr (answer (fixture, "urgency"), ==, "immediate");
  g_assert_null (answer (fixture, "service"));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
dialog_shown (Fixture       *fixture,
              gconstpointer  data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
menu_has_referral (GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL, *target = NULL, *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_referral (section))
        return TRUE;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_TARGET, "s", &target) &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
          g_str_equal (action, "win.new-record") && g_str_equal (target, "referral"))
        return g_str_equal (label, "Re_ferral…");
    }

  return FALSE;
}

/* The + menu's Referral…: the person chooser, then (the person having
 * two screenings) which screening; the referral follows that one. */
static void
test_refer_from_menu (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *draft_screening = put_screening (fixture, FALSE);
  GtkWidget *records_page = kap_window_get_records_page (fixture->window);
  GPtrArray *buttons = kap_ui_test_find_all (records_page, GTK_TYPE_MENU_BUTTON);
  gboolean in_menu = FALSE;
  GtkWindow *chooser;
  GtkWindow *dialog;
  GtkWidget *entry;

  for (guint i = 0; i < buttons->len; i++)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));

      in_menu = in_menu || (model != NULL && menu_has_referral (model));
    }
  g_ptr_array_unref (buttons);
  g_assert_true (in_menu);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record", "s", "referral");
  chooser = kap_window_get_person_chooser (fixture->window);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "New Referral: Choose Person");
  entry = kap_ui_test_find (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Ahmad");
  while (g_list_model_get_n_items (kap_ui_test_list_items (GTK_WIDGET (chooser))) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (entry, "activate");

  wait_until (fixture, dialog_shown, NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Refer from Which Screening?");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), fixture->screening));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), draft_screening));
  form_test_click_dialog_button (dialog, adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog),
                                                                                fixture->screening));

  wait_until (fixture, editing_type, "referral");
  g_assert_cmpstr (answer (fixture, "person_id"), ==, fixture->person);
  g_assert_cmpstr (answer (fixture, "screening_id"), ==, fixture->screening);
  g_assert_cmpstr (answer (fixture, "urgency"), ==, "immediate");
}

int
main (int   argc,
      char *argv[])
{
  if (!kap_ui_test_init (&argc, &argv, "/referrals/display"))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/referrals/from-screening", test_refer_from_screening);
  ADD ("/referrals/from-person-page", test_refer_from_person_page);
  ADD ("/referrals/from-menu", test_refer_from_menu);
#undef ADD

  return g_test_run ();
}
