/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-demo"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "form-test-util.h"
#include "kap-form-language-menu.h"
#include "kap-person-chooser.h"
#include "kap-records-common.h"
#include "kap-style.h"

/* Shows a record editor in a window in a given state, for the form
 * screenshots (build-aux/screenshots-form.sh). Synthetic people only.
 *
 * Usage: kap-form-demo STORE screening|screening-top|consent-ar|final|avr|avr-draft|avr-stage|validation
 * The text direction follows the locale (LANGUAGE=ar gives right to left);
 * KAPIJA_LOCALEDIR names the build's catalogues, as for the app. */

static KapRecordAuthor author = { "OFF-07", "RS-PRE", NULL };

static char *
put_person (KapStore        *store,
            KapFormRegistry *forms,
            const char      *stated,
            const char      *original)
{
  g_autoptr(KapDocument) person = kap_record_new (kap_form_registry_get_latest (forms, "person"), &author, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (kap_document_get_body (person), "name_stated", stated);
  json_object_set_string_member (kap_document_get_body (person), "name_original", original);
  rev = kap_store_put (store, person, &error);
  g_assert_no_error (error);

  return g_strdup (kap_document_get_id (person));
}

/* Scrolls the editor so that @widget is near the top of the page. */
static void
scroll_to (KapRecordEditor *editor,
           GtkWidget       *widget)
{
  GtkWidget *scrolled = kap_ui_test_find (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* What scrolls: the viewport's child, where the page starts. */
  GtkWidget *page = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))));
  graphene_point_t point;

  /* Let the page lay out what the answers showed or hid first. */
  form_test_sleep_ms (300);
  /* 24 above the widget, and the page's own top margin of 24. */
  if (gtk_widget_compute_point (widget, page, &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, point.y - 48);
}

static void
set_person (KapFormView *view,
            const char  *path,
            const char  *person_id,
            const char  *name)
{
  g_autofree char *name_path = g_strdup_printf ("%s.member_name", path);
  g_autofree char *person_path = g_strdup_printf ("%s.member_person_id", path);

  /* As choosing in the person chooser does (the tests drive that). */
  form_test_set_text (view, name_path, name);
  kap_person_field_set (KAP_PERSON_FIELD (form_test_row (view, person_path)), person_id);
}

static void
fill_return_interest (KapFormView *view,
                      const char  *spouse_id,
                      const char  *child_id)
{
  form_test_set_bool (view, "interpreter_used", TRUE);
  form_test_set_text (view, "interpreter_id", "INT-12");
  form_test_pick (view, "preferred_language", "dari", "prs");
  form_test_set_text (view, "place_of_birth", "Herat");
  form_test_pick (view, "citizenships", "afg", "AFG");
  form_test_choose (view, "immigration_status", "rejected");
  form_test_set_text (view, "arrival_date", "2024-11-02");
  form_test_set_text (view, "current_centre", "Obrenovac");
  form_test_pick (view, "return_country", "afg", "AFG");
  form_test_set_text (view, "return_place", "Herat");
  form_test_choose (view, "travel_document", "passport_expired");
  form_test_click (kap_form_view_get_add_button (view, "family_members"));
  set_person (view, "family_members[1]", spouse_id, "Gulalai Ahmadi");
  form_test_choose (view, "family_members[1].member_relationship", "spouse");
  form_test_set_text (view, "family_members[1].member_age", "31");
  form_test_click (kap_form_view_get_add_button (view, "family_members"));
  set_person (view, "family_members[2]", child_id, "Omid Ahmadi");
  form_test_choose (view, "family_members[2].member_relationship", "child");
  form_test_set_text (view, "family_members[2].member_age", "9");
  form_test_set_bool (view, "medical_need", FALSE);
  form_test_set_bool (view, "is_child_alone", FALSE);
  form_test_check (view, "counselling_topics", "process");
  form_test_set_bool (view, "voluntariness_declared", TRUE);
  form_test_check (view, "data_recipients", "iom");
  form_test_check (view, "data_recipients", "embassy");
  form_test_choose (view, "consent_type", "explicit");
}

/* A final return interest moved on to counselling, as the Update Stage
 * dialog does. */
static void
finalize_return_interest (KapRecordEditor *editor)
{
  KapStageDialog *dialog;

  if (!kap_record_editor_finalize_record (editor, NULL))
    g_error ("The return interest did not finalize");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.update-stage", NULL);
  dialog = kap_record_editor_get_stage_dialog (editor);
  form_test_click_dialog_button (GTK_WINDOW (dialog), "_Update");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapFormRegistry) forms = NULL;
  g_autoptr(KapDocument) record = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *person_id = NULL;
  g_autofree char *spouse_id = NULL;
  g_autofree char *child_id = NULL;
  KapRecordEditor *editor;
  KapFormView *view;
  GtkWidget *window, *box, *header;
  const char *state;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s STORE screening|screening-top|consent-ar|final|avr|avr-draft|avr-stage|validation\n", argv[0]);
      return 2;
    }
  state = argv[2];

  setlocale (LC_ALL, "");
  /* With the build's catalogues, as the app: its domain is the default
   * one, where the templates' strings are looked up. Not without them:
   * GLib then turns GTK's own translations off for a language Kapija has
   * no catalogue for (Arabic), and the right-to-left layout with them. */
  if (g_getenv ("KAPIJA_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KAPIJA_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  gtk_init ();
  adw_init ();
  kap_style_ensure ();

  store = kap_store_open (argv[1], KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  forms = kap_form_registry_new ();
  kap_form_registry_load_builtin (forms, &error);
  g_assert_no_error (error);
  author.device = kap_store_get_device_id (store);

  if (g_str_has_prefix (state, "avr"))
    {
      person_id = put_person (store, forms, "Farid Ahmadi", "فرید احمدی");
      spouse_id = put_person (store, forms, "Gulalai Ahmadi", "گلالی احمدی");
      child_id = put_person (store, forms, "Omid Ahmadi", "امید احمدی");
      record = kap_record_new (kap_form_registry_get_latest (forms, "return_interest"), &author, NULL);
    }
  else
    {
      person_id = put_person (store, forms, "Ahmad Al-Hassan", "أحمد الحسن");
      record = kap_record_new (kap_form_registry_get_latest (forms, "screening"), &author, NULL);
    }
  kap_record_set_person_id (record, person_id);

  editor = KAP_RECORD_EDITOR (kap_record_editor_new (store, forms, record, &author));
  /* As the main window does: "person" fields choose with the chooser. */
  kap_record_editor_set_person_picker (editor, kap_person_chooser_pick);
  view = kap_record_editor_get_view (editor);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Kapija");
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 1000);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Kapija", NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (editor));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  form_test_iterate ();

  if (g_str_equal (state, "screening"))
    {
      form_test_fill_screening (view, 12);
      scroll_to (editor, kap_form_view_get_group (view, "situation_group"));
    }
  else if (g_str_equal (state, "screening-top"))
    form_test_fill_screening (view, 12);
  else if (g_str_equal (state, "consent-ar"))
    {
      /* The consent shown to the person in Arabic, with the menu just
       * used: it names the language. */
      GtkMenuButton *button = kap_form_language_menu_get_button (
        KAP_FORM_LANGUAGE_MENU (kap_ui_test_find (GTK_WIDGET (editor), KAP_TYPE_FORM_LANGUAGE_MENU)));

      form_test_fill_screening (view, 5);
      gtk_widget_activate_action (GTK_WIDGET (button), "form-language.choose", "s", "ar");
      form_test_iterate ();
    }
  else if (g_str_equal (state, "final"))
    {
      form_test_fill_screening (view, G_MAXUINT);
      if (!kap_record_editor_finalize_record (editor, &error))
        g_error ("The screening did not finalize");
      view = kap_record_editor_get_view (editor);
      form_test_iterate ();
      scroll_to (editor, kap_form_view_get_group (view, "result_group"));
    }
  else if (g_str_equal (state, "avr"))
    {
      fill_return_interest (view, spouse_id, child_id);
      finalize_return_interest (editor);
      view = kap_record_editor_get_view (editor);
      scroll_to (editor, kap_field_row_get_display_row (form_test_row (view, "return_country")));
    }
  else if (g_str_equal (state, "avr-draft"))
    {
      fill_return_interest (view, spouse_id, child_id);
      scroll_to (editor, kap_form_view_get_group (view, "family_members"));
    }
  else if (g_str_equal (state, "avr-stage"))
    {
      g_autoptr(GPtrArray) rows = NULL;
      const char * const *stages;
      KapStageDialog *dialog;
      guint i;

      fill_return_interest (view, spouse_id, child_id);
      finalize_return_interest (editor);
      view = kap_record_editor_get_view (editor);
      scroll_to (editor, kap_field_row_get_display_row (form_test_row (view, "return_country")));
      kap_record_editor_save_now (editor, NULL);
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.update-stage", NULL);
      dialog = kap_record_editor_get_stage_dialog (editor);
      /* An exit, which asks for a reason. */
      stages = kap_stage_dialog_get_stages (dialog);
      for (i = 0; stages[i] && !g_str_equal (stages[i], "WITHDRAWN"); i++)
        ;
      /* The rows: the stage, since when, the reason. */
      rows = kap_ui_test_find_all (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW);
      adw_combo_row_set_selected (ADW_COMBO_ROW (g_ptr_array_index (rows, 0)), i);
      gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 2)), "Wants to stay with relatives");
      form_test_iterate ();
      gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
    }
  else if (g_str_equal (state, "validation"))
    {
      form_test_fill_screening (view, 6);
      form_test_set_text (view, "age_years", "15");
      kap_record_editor_finalize_record (editor, NULL);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (kap_ui_test_find (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW))), 0);
    }
  else
    g_error ("Unknown state %s", state);

  /* Let the autosave write, so the status line says so. */
  kap_record_editor_save_now (editor, NULL);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  form_test_iterate ();

  printf ("ready\n");
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);

  return 0;
}
