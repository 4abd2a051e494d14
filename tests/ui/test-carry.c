/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-carry"

#include "config.h"

#include "form-test-util.h"
#include "kap-record-badges.h"
#include "kap-record-editor.h"
#include "kap-record-pane.h"
#include "kap-record-row.h"
#include "kap-records-page.h"
#include "kap-window.h"

/* Asking each fact once, in the window: a new return interest and a new
 * interpreter session of a person start from what the person and their
 * screening say, each carried answer with a caption saying where from;
 * and a new, empty screening shows no priority, neither in the list nor
 * in its header. (Registration → screening: test-new-person.c.) */

typedef struct
{
  char      *dir;
  KapStore  *store;
  KapWindow *window;
  char      *fatima;
  char      *screening;
  char      *caption;    /* “From the screening of …” */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT08:00:00Z");
  g_autofree char *day = g_date_time_format (now, "%-d %b");
  g_autofree char *json = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-carry-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->fatima = kap_ui_test_put_json (fixture->store,
                                          "{\"type\": \"person\", \"form\": \"person@1\", \"status\": \"final\", "
                                          "\"name_stated\": \"Fatima Rahimi\", \"name_original\": \"فاطمه رحیمی\", \"sex\": \"F\", "
                                          "\"dob_known\": true, \"date_of_birth\": \"1990-05-04\", \"age_source\": \"document\", "
                                          "\"nationality\": \"AFG\", \"other_citizenships\": [\"IRN\"], "
                                          "\"created_at\": \"2025-03-15T08:00:00Z\", \"updated_at\": \"2025-03-15T08:00:00Z\"}");
  json = g_strdup_printf ("{\"type\": \"screening\", \"form\": \"screening@1\", \"status\": \"final\", "
                          "\"person_id\": \"%s\", \"interpreter_used\": true, \"interpreter_id\": \"INT-07\", "
                          "\"interpreter_mode\": \"phone\", \"interview_language\": \"prs\", "
                          "\"vuln_cat\": [\"MHC\", \"TOR\"], \"priority\": \"P2\", "
                          "\"created_at\": \"%s\", \"updated_at\": \"%s\"}",
                          fixture->fatima, created, created);
  fixture->screening = kap_ui_test_put_json (fixture->store, json);
  fixture->caption = g_strdup_printf ("From the screening of %s", day);

  fixture->window = kap_ui_test_window_new (fixture->store, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)))
    g_main_context_iteration (NULL, TRUE);
  form_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_finalize_object (fixture->store);
  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->fatima);
  g_free (fixture->screening);
  g_free (fixture->caption);
}

static KapRecordPane *
pane (Fixture *fixture)
{
  return KAP_RECORD_PANE (kap_window_get_record_pane (fixture->window));
}

static KapFormView *
open_view (Fixture *fixture)
{
  GtkWidget *editor;

  form_test_iterate ();
  g_assert_cmpstr (kap_record_pane_get_visible_name (pane (fixture)), ==, "editor");
  editor = kap_record_pane_get_editor (pane (fixture));
  g_assert_true (gtk_widget_get_mapped (editor));
  return kap_record_editor_get_view (KAP_RECORD_EDITOR (editor));
}

/* The person's page, and a button on it as the officer clicks it. */
static void
on_person_page_click (Fixture    *fixture,
                      const char *label)
{
  kap_window_open_record (fixture->window, fixture->fatima, FALSE);
  form_test_iterate ();
  g_assert_cmpstr (kap_record_pane_get_visible_name (pane (fixture)), ==, "person");
  if (label != NULL)
    form_test_click (kap_ui_test_find_button (GTK_WIDGET (kap_record_pane_get_person_page (pane (fixture))), label));
}

static void
assert_origin (KapFormView *view,
               const char  *name,
               const char  *caption)
{
  KapFieldRow *row = form_test_row (view, name);
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);
  GtkLabel *label;

  g_assert_cmpstr (kap_field_row_get_origin (row), ==, caption);
  /* Where the officer sees it: on the row they edit. */
  label = kap_ui_test_find_label (edit_row, caption);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (label)));
}

static char *
joined (JsonObject *answers,
        const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array = json_object_get_array_member (answers, name);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_return_interest (Fixture       *fixture,
                      gconstpointer  user_data)
{
  KapFormView *view;
  JsonObject *answers;
  g_autofree char *citizenships = NULL;
  g_autofree char *categories = NULL;

  on_person_page_click (fixture, "New _Return Interest");
  view = open_view (fixture);
  answers = kap_form_view_get_answers (view);
  g_assert_cmpstr (kap_form_get_record_type (kap_form_view_get_form (view)), ==, "return_interest");

  citizenships = joined (answers, "citizenships");
  categories = joined (answers, "vulnerabilities");
  g_assert_cmpstr (citizenships, ==, "AFG IRN");
  g_assert_cmpstr (categories, ==, "MHC TOR");
  g_assert_cmpstr (json_object_get_string_member (answers, "date_of_birth"), ==, "1990-05-04");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (form_test_row (view, "date_of_birth")))),
                   ==, "1990-05-04");

  assert_origin (view, "citizenships", "From the registration");
  assert_origin (view, "date_of_birth", "From the registration");
  assert_origin (view, "vulnerabilities", fixture->caption);
  g_assert_null (kap_field_row_get_origin (form_test_row (view, "return_country")));

  /* Editable; changed, it is the officer's answer. */
  form_test_check (view, "vulnerabilities", "GBV");
  g_assert_null (kap_field_row_get_origin (form_test_row (view, "vulnerabilities")));
  g_assert_cmpstr (kap_field_row_get_origin (form_test_row (view, "date_of_birth")), ==, "From the registration");
  g_assert_true (kap_record_editor_save_now (KAP_RECORD_EDITOR (kap_record_pane_get_editor (pane (fixture))), NULL));
}

static void
test_interpreter_session (Fixture       *fixture,
                          gconstpointer  user_data)
{
  KapFormView *view;
  JsonObject *answers;

  /* The New menu's “Interpreter Session”, with the person on screen. */
  on_person_page_click (fixture, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record", "s", "interpreter_session");
  view = open_view (fixture);
  answers = kap_form_view_get_answers (view);
  g_assert_cmpstr (kap_form_get_record_type (kap_form_view_get_form (view)), ==, "interpreter_session");

  g_assert_cmpstr (json_object_get_string_member (answers, "interpreter_id"), ==, "INT-07");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_test_entry (form_test_row (view, "interpreter_id")))),
                   ==, "INT-07");
  g_assert_cmpstr (json_object_get_string_member (answers, "language"), ==, "prs");
  g_assert_cmpstr (json_object_get_string_member (answers, "mode"), ==, "phone");
  assert_origin (view, "interpreter_id", fixture->caption);
  assert_origin (view, "language", fixture->caption);
  assert_origin (view, "mode", fixture->caption);
  g_assert_null (kap_field_row_get_origin (form_test_row (view, "minutes")));

  form_test_set_text (view, "interpreter_id", "INT-09");
  g_assert_null (kap_field_row_get_origin (form_test_row (view, "interpreter_id")));
  g_assert_true (kap_record_editor_save_now (KAP_RECORD_EDITOR (kap_record_pane_get_editor (pane (fixture))), NULL));
}

static KapRecordRow *
list_row (Fixture    *fixture,
          const char *id)
{
  g_autoptr(GPtrArray) rows = kap_ui_test_find_all (kap_window_get_records_page (fixture->window), KAP_TYPE_RECORD_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      KapRecordRow *row = g_ptr_array_index (rows, i);
      KapRecordSummary *summary = kap_record_row_get_summary (row);

      if (summary != NULL && g_strcmp0 (kap_record_summary_get_id (summary), id) == 0)
        return row;
    }

  return NULL;
}

static void
test_empty_screening (Fixture       *fixture,
                      gconstpointer  user_data)
{
  KapRecordBadges *badges;
  KapRecordRow *row;
  g_autofree char *shown = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  on_person_page_click (fixture, "New _Screening");
  open_view (fixture);
  id = g_strdup (kap_record_pane_get_shown_id (pane (fixture)));

  /* The header: no priority badge, no badges at all. */
  badges = KAP_RECORD_BADGES (kap_ui_test_find (kap_record_pane_get_editor (pane (fixture)), KAP_TYPE_RECORD_BADGES));
  g_assert_nonnull (badges);
  shown = kap_record_badges_to_string (badges);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (badges)));

  /* The list: the new screening's row has no priority; the earlier one
   * keeps its P2. */
  row = list_row (fixture, id);
  g_assert_nonnull (row);
  g_assert_null (kap_record_summary_get_priority (kap_record_row_get_summary (row)));
  labels = kap_ui_test_find_all (GTK_WIDGET (row), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_is_visible (GTK_WIDGET (label)))
        g_assert_false (g_str_has_prefix (gtk_label_get_text (label), "P"));
    }
  row = list_row (fixture, fixture->screening);
  g_assert_nonnull (row);
  g_assert_cmpstr (kap_record_summary_get_priority (kap_record_row_get_summary (row)), ==, "P2");
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (row), "P2"));
}

int
main (int   argc,
      char *argv[])
{
  /* English and the C locale's month names, as asserted. */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LC_TIME", "C", TRUE);
  if (!kap_ui_test_init (&argc, &argv, "/carry/display"))
    return g_test_run ();

  g_test_add ("/carry/return-interest", Fixture, NULL, fixture_set_up, test_return_interest, fixture_tear_down);
  g_test_add ("/carry/interpreter-session", Fixture, NULL, fixture_set_up, test_interpreter_session, fixture_tear_down);
  g_test_add ("/carry/empty-screening", Fixture, NULL, fixture_set_up, test_empty_screening, fixture_tear_down);

  return g_test_run ();
}
