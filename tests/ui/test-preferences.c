/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include "kap-ui-test.h"

#include "kap-preferences-window.h"

/* The Preferences window: it edits the app's settings, refuses an address
 * that is not a server's, and lets only a supervisor change the station. */

typedef struct
{
  GSettings            *settings;
  KapContext           *context;
  KapPreferencesWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *keys[] = { "server-url", "station-code", "lock-idle-minutes", "consent-language" };

  /* GSETTINGS_SCHEMA_DIR is the build's compiled schema, the backend is
   * memory (tests/ui/meson.build). */
  fixture->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_settings_set_string (fixture->settings, "server-url", "https://kapija.example.gov.rs");
  g_settings_set_string (fixture->settings, "station-code", "RS-PRE");

  fixture->context = kap_ui_test_context_new (NULL, NULL, fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      GtkWidget *widget = GTK_WIDGET (fixture->window);

      g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      while (widget != NULL)
        g_main_context_iteration (NULL, TRUE);
    }

  g_assert_finalize_object (fixture->context);
  g_clear_object (&fixture->settings);
}

static void
show_window (Fixture *fixture)
{
  fixture->window = KAP_PREFERENCES_WINDOW (kap_preferences_window_new (fixture->context));
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)))
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
row (Fixture    *fixture,
     const char *title)
{
  GtkWidget *found = kap_ui_test_find_row (GTK_WIDGET (fixture->window), title);

  g_assert_nonnull (found);
  return found;
}

/* Types @text into the entry row @title and presses its Apply button. */
static void
type_and_apply (Fixture    *fixture,
                const char *title,
                const char *text)
{
  GtkWidget *entry_row = row (fixture, title);
  GtkWidget *apply;

  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  apply = kap_ui_test_find_tooltip (entry_row, GTK_TYPE_BUTTON, "Apply");
  g_assert_nonnull (apply);
  g_signal_emit_by_name (apply, "clicked");
}

static void
test_preferences_server (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = NULL;
  const char *message;

  show_window (fixture);

  /* It shows what the settings hold. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "_Server Address"))), ==,
                   "https://kapija.example.gov.rs");
  g_assert_null (kap_preferences_window_get_server_error (fixture->window));

  /* Not an address of a server: refused with a message that says what
   * one looks like, and nothing written. */
  type_and_apply (fixture, "_Server Address", "kapija.example.gov.rs");
  message = kap_preferences_window_get_server_error (fixture->window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "https://"));
  g_assert_true (gtk_widget_has_css_class (row (fixture, "_Server Address"), "error"));
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (fixture->window), "must start with https://"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kap_ui_test_find_label (GTK_WIDGET (fixture->window),
                                                                           "must start with https://"))));
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, "https://kapija.example.gov.rs");

  type_and_apply (fixture, "_Server Address", "https://officer:secret@kapija.example.gov.rs");
  g_assert_nonnull (kap_preferences_window_get_server_error (fixture->window));
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, "https://kapija.example.gov.rs");

  /* A good one is written, and the message goes. */
  type_and_apply (fixture, "_Server Address", " https://kapija.example.gov.mk ");
  g_assert_null (kap_preferences_window_get_server_error (fixture->window));
  g_assert_false (gtk_widget_has_css_class (row (fixture, "_Server Address"), "error"));
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, "https://kapija.example.gov.mk");
}

static void
test_preferences_station (Fixture       *fixture,
                          gconstpointer  data)
{
  KapProfile officer = { (char *) "OFF-003", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  g_autofree char *station = NULL;

  kap_context_set_profile (fixture->context, &officer);
  show_window (fixture);

  /* An officer sees the station but cannot change it, and is told why. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "S_tation Code"))), ==, "RS-PRE");
  g_assert_false (gtk_widget_is_sensitive (row (fixture, "S_tation Code")));
  g_assert_cmpstr (adw_preferences_group_get_description (kap_ui_test_find_group (GTK_WIDGET (fixture->window), "Station")),
                   ==, "Only a supervisor can change the station");

  /* The widget only reflects core's rule: applying anyway is refused. */
  type_and_apply (fixture, "S_tation Code", "MK-TAB");
  g_assert_nonnull (kap_preferences_window_get_station_error (fixture->window));
  station = g_settings_get_string (fixture->settings, "station-code");
  g_assert_cmpstr (station, ==, "RS-PRE");

  /* A supervisor signs in: the row opens while the window is up. */
  kap_context_set_profile (fixture->context, &supervisor);
  g_assert_true (gtk_widget_is_sensitive (row (fixture, "S_tation Code")));

  type_and_apply (fixture, "S_tation Code", "MK TAB");
  g_assert_nonnull (strstr (kap_preferences_window_get_station_error (fixture->window), "RS-PRE"));

  type_and_apply (fixture, "S_tation Code", "mk-tab");
  g_assert_null (kap_preferences_window_get_station_error (fixture->window));
  g_clear_pointer (&station, g_free);
  station = g_settings_get_string (fixture->settings, "station-code");
  g_assert_cmpstr (station, ==, "MK-TAB");
  g_assert_cmpstr (kap_context_get_station (fixture->context), ==, "MK-TAB");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "S_tation Code"))), ==, "MK-TAB");
}

static void
test_preferences_lock_and_language (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkSpinButton *spin;
  AdwComboRow *language;
  GListModel *names;
  g_autofree char *code = NULL;
  guint turkish = GTK_INVALID_LIST_POSITION;

  g_assert_cmpint (g_settings_get_int (fixture->settings, "lock-idle-minutes"), ==, 5);
  show_window (fixture);

  /* The idle lock, in minutes, within its limits. */
  spin = GTK_SPIN_BUTTON (kap_ui_test_find (row (fixture, "_Lock After"), GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 5);
  gtk_spin_button_set_value (spin, 15);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "lock-idle-minutes"), ==, 15);
  gtk_spin_button_set_value (spin, 500);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "lock-idle-minutes"), ==, 120);

  /* The language of texts shown to the person: the app's own first, then
   * each language in its own name. */
  language = ADW_COMBO_ROW (row (fixture, "_Language of Texts Shown to the Person"));
  names = adw_combo_row_get_model (language);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 12);
  g_assert_cmpuint (adw_combo_row_get_selected (language), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Same as the App");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Türkçe") == 0)
      turkish = i;
  g_assert_cmpuint (turkish, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 3), ==, "Македонски");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 11), ==, "اردو");

  adw_combo_row_set_selected (language, turkish);
  code = g_settings_get_string (fixture->settings, "consent-language");
  g_assert_cmpstr (code, ==, "tr");
  adw_combo_row_set_selected (language, 5);
  g_clear_pointer (&code, g_free);
  code = g_settings_get_string (fixture->settings, "consent-language");
  g_assert_cmpstr (code, ==, "sr-Latn");
  adw_combo_row_set_selected (language, 0);
  g_clear_pointer (&code, g_free);
  code = g_settings_get_string (fixture->settings, "consent-language");
  g_assert_cmpstr (code, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  if (!kap_ui_test_init (&argc, &argv, "/preferences/display"))
    return g_test_run ();

  g_test_add ("/preferences/server", Fixture, NULL, fixture_set_up, test_preferences_server, fixture_tear_down);
  g_test_add ("/preferences/station", Fixture, NULL, fixture_set_up, test_preferences_station, fixture_tear_down);
  g_test_add ("/preferences/lock-and-language", Fixture, NULL, fixture_set_up,
              test_preferences_lock_and_language, fixture_tear_down);

  return g_test_run ();
}
