/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-page"

#include "config.h"

#include "kap-fault-proxy.h"
#include "kap-sync-error.h"
#include "kap-sync-names.h"
#include "kap-test-server.h"
#include "sync-test-util.h"

/* The sync page against PouchDB Server: a station database, a supervisor
 * account, a run with the right password and one with a wrong one; then,
 * through the fault proxy, a server that keeps the run waiting and one
 * that has locked the account. */

#define STATION  "RS-PRE"
#define USER     "milica.jovanovic"
#define PASSWORD "Lozinka-Tačna-7"

static KapTestServer *server;

static void
request (const char *method,
         const char *path,
         const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;

  reply = kap_test_server_request_text (server, method, path, body, NULL, &error);
  g_assert_no_error (error);
}

/* @extra: path, body pairs (NULL-terminated, may be NULL) written while
 * the server still has no administrator. */
static void
set_up_server_with (const char * const *extra)
{
  g_autofree char *database = kap_sync_station_database_name (STATION);
  g_autofree char *role = kap_sync_station_role (STATION);
  g_autofree char *db_path = g_strconcat ("/", database, NULL);
  g_autofree char *security_path = g_strconcat (db_path, "/_security", NULL);
  g_autofree char *user = NULL;
  g_autofree char *security = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (database, ==, "kapija-st-rs-pre");

  server = kap_test_server_start (&error);
  g_assert_no_error (error);

  request ("PUT", db_path, NULL);
  user = g_strdup_printf ("{\"name\": \"" USER "\", \"password\": \"" PASSWORD "\", "
                          "\"roles\": [\"%s\", \"kapija_supervisor\"], \"type\": \"user\"}", role);
  request ("PUT", "/_users/org.couchdb.user:" USER, user);
  security = g_strdup_printf ("{\"admins\": {\"names\": [], \"roles\": []}, "
                              "\"members\": {\"names\": [], \"roles\": [\"%s\"]}}", role);
  request ("PUT", security_path, security);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i += 2)
    request (g_str_has_suffix (extra[i], "_bulk_docs") ? "POST" : "PUT", extra[i], extra[i + 1]);
  /* Last: after it, only the admin may create databases (PLATFORM.md). */
  request ("PUT", "/_config/admins/admin", "\"Admin-Lozinka-9\"");
}

static void
set_up_server (void)
{
  set_up_server_with (NULL);
}

static void
wait_for_run (KapSyncPage *page)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (90, sync_timeout_cb, &timed_out);

  while (kap_sync_page_is_running (page) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The sync did not finish within 90 seconds");
  g_source_remove (id);
  sync_spin ();
}

/* The memory backend holds every key the app wrote: none may hold the
 * password. */
static void
assert_password_not_stored (GSettings  *settings,
                            const char *password)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, password));
    }
}

/* The status page of the summary: the one with its counts. */
static AdwStatusPage *
summary_page (KapSyncPage *page)
{
  return ADW_STATUS_PAGE (gtk_widget_get_ancestor (sync_row (page, "Sent to the server"), ADW_TYPE_STATUS_PAGE));
}

/* The line that says what a long wait is for: a status to screen readers. */
static GtkLabel *
wait_label (KapSyncPage *page)
{
  GtkWidget *label = kap_ui_test_find_role (GTK_WIDGET (page), GTK_TYPE_LABEL, GTK_ACCESSIBLE_ROLE_STATUS);

  g_assert_nonnull (label);
  return GTK_LABEL (label);
}

/* The number on the summary's row @title. */
static const char *
count_text (KapSyncPage *page,
            const char  *title)
{
  g_autoptr(GPtrArray) labels = kap_ui_test_find_all (sync_row (page, title), GTK_TYPE_LABEL);

  /* The number is the row's last label, after its title. */
  return gtk_label_get_text (g_ptr_array_index (labels, labels->len - 1));
}

static void
test_sync_page (SyncFixture   *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  const char *names[] = { "Arben Krasniqi", "Милица Јовановић", "أحمد الحسن", "Ayşe Yılmaz" };
  GtkProgressBar *bar;
  KapSyncPage *page;
  KapWindow *window;
  gint64 seq_before;

  set_up_server ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (sync_put_record (fixture->store, "person", "person@1", "final", names[i]));
  g_settings_set_string (fixture->settings, "station-code", STATION);

  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  sync_spin ();

  /* The network comes back: the banner offers the sync. */
  kap_window_network_changed (window, FALSE);
  kap_window_network_changed (window, TRUE);
  g_assert_true (kap_sync_banner_get_revealed (sync_banner (window)));
  g_assert_cmpstr (kap_sync_banner_get_text (sync_banner (window)), ==, "4 records are waiting to be synced");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  sync_spin ();
  g_assert_false (kap_sync_banner_get_revealed (sync_banner (window)));
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "sync");
  page = KAP_SYNC_PAGE (kap_window_get_page (window, "sync"));
  g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "form");

  /* A wrong password first: the server's refusal, in words; nothing
   * changes in the store. */
  seq_before = kap_store_get_last_seq (fixture->store);
  sync_type (sync_row (page, "Server _Address"), kap_test_server_get_url (server));
  sync_type (sync_row (page, "_User Name"), USER);
  sync_type (sync_row (page, "_Password"), "Pogrešna-Lozinka");
  /* Clicked without running the main loop, so that the run is surely
   * still going when it is looked at. */
  g_signal_emit_by_name (sync_button (page, "_Start Sync"), "clicked");
  g_assert_true (kap_sync_page_is_running (page));
  g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "progress");
  /* The entry lets go of the password as soon as the run has it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sync_row (page, "_Password"))), ==, "");
  wait_for_run (page);

  g_assert_error (kap_sync_page_get_error (page), KAP_SYNC_ERROR, KAP_SYNC_ERROR_AUTH);
  g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "form");
  g_assert_nonnull (kap_sync_page_get_error_text (page));
  g_assert_nonnull (strstr (kap_sync_page_get_error_text (page), kap_sync_page_get_error (page)->message));
  g_assert_nonnull (strstr (kap_sync_page_get_error_text (page), "Check the user name and the password"));
  g_assert_null (kap_sync_page_get_summary (page));
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, seq_before);
  assert_password_not_stored (fixture->settings, "Pogrešna-Lozinka");

  /* The address and the name are remembered, the password is not. */
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, kap_test_server_get_url (server));
  user = g_settings_get_string (fixture->settings, "server-user");
  g_assert_cmpstr (user, ==, USER);

  /* The right one. */
  sync_type (sync_row (page, "_Password"), PASSWORD);
  g_signal_emit_by_name (sync_button (page, "_Start Sync"), "clicked");
  g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "progress");
  wait_for_run (page);

  g_assert_no_error (kap_sync_page_get_error (page));
  g_assert_nonnull (kap_sync_page_get_summary (page));
  g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "summary");
  g_assert_cmpuint (kap_sync_page_get_summary (page)->replication.pushed, ==, 4);
  g_assert_cmpstr (count_text (page, "Sent to the server"), ==, "4");
  g_assert_cmpstr (count_text (page, "Conflicts to resolve"), ==, "0");
  g_assert_cmpstr (count_text (page, "Rejected by the server"), ==, "0");
  g_assert_cmpstr (count_text (page, "Not sent because of errors"), ==, "0");
  g_assert_cmpstr (adw_status_page_get_title (summary_page (page)), ==, "Sync Complete");
  g_assert_false (gtk_widget_get_visible (sync_button (page, "_Open Conflicts")));

  /* The bar went all the way, on the session's own reports: it stays at
   * 0 and says it is counting until a report brings a total. */
  bar = GTK_PROGRESS_BAR (kap_ui_test_find (GTK_WIDGET (page), GTK_TYPE_PROGRESS_BAR));
  g_assert_nonnull (bar);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 1.0);
  g_assert_false (g_str_has_prefix (gtk_progress_bar_get_text (bar), "Counting"));

  assert_password_not_stored (fixture->settings, PASSWORD);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sync_row (page, "_Password"))), ==, "");

  /* Sync Again asks for the password again. */
  sync_click (sync_button (page, "Sync _Again"));
  g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sync_row (page, "_Password"))), ==, "");
  g_assert_false (kap_sync_page_start (page));
  g_assert_false (kap_sync_page_is_running (page));

  sync_window_destroy (window);
  g_clear_pointer (&server, kap_test_server_stop);
}

/* The sync page of a supervisor's window, its form filled in for
 * @url and the right password, not started. */
static KapSyncPage *
open_sync_page (SyncFixture *fixture,
                KapWindow  **window,
                const char  *url)
{
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  KapSyncPage *page;

  g_settings_set_string (fixture->settings, "station-code", STATION);
  *window = sync_window_new (fixture);
  kap_window_set_profile (*window, &supervisor);
  sync_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (*window), "win.sync", NULL));
  sync_spin ();

  page = KAP_SYNC_PAGE (kap_window_get_page (*window, "sync"));
  sync_type (sync_row (page, "Server _Address"), url);
  sync_type (sync_row (page, "_User Name"), USER);
  sync_type (sync_row (page, "_Password"), PASSWORD);
  return page;
}

/* A server that takes the changes' request and never answers: the page
 * says what the run waits for and since when, and Cancel still ends it. */
static void
test_waiting (SyncFixture   *fixture,
              gconstpointer  data)
{
  g_autoptr(KapFaultProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault silent = { "GET", "/_changes", KAP_FAULT_SILENT, 0, 0, 0, 0 };
  const char *waiting = "Waiting for the server to send changes… (";
  gboolean timed_out = FALSE;
  KapSyncPage *page;
  KapWindow *window;
  guint id;

  set_up_server ();
  proxy = kap_fault_proxy_new (kap_test_server_get_url (server), &error);
  g_assert_no_error (error);
  kap_fault_proxy_add_fault (proxy, &silent);
  page = open_sync_page (fixture, &window, kap_fault_proxy_get_url (proxy));

  g_signal_emit_by_name (sync_button (page, "_Start Sync"), "clicked");
  g_assert_true (kap_sync_page_is_running (page));
  /* Nothing to tell before the run waits long. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wait_label (page))));

  id = g_timeout_add_seconds (60, sync_timeout_cb, &timed_out);
  while (!timed_out && !(gtk_widget_get_visible (GTK_WIDGET (wait_label (page))) &&
                         g_str_has_prefix (gtk_label_get_text (wait_label (page)), waiting)))
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The page did not say what it waits for within 60 seconds (it says “%s”)",
             gtk_label_get_text (wait_label (page)));
  g_source_remove (id);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (wait_label (page)), " s)"));
  g_assert_true (kap_sync_page_is_running (page));
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "GET", "/_changes"), ==, 1);

  sync_click (sync_button (page, "_Cancel"));
  wait_for_run (page);
  g_assert_error (kap_sync_page_get_error (page), KAP_SYNC_ERROR, KAP_SYNC_ERROR_CANCELLED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wait_label (page))));

  sync_window_destroy (window);
  g_clear_pointer (&proxy, kap_fault_proxy_free);
  g_clear_pointer (&server, kap_test_server_stop);
}

/* CouchDB's lockout, with the right password: not a wrong password, and
 * not tried again. */
static void
test_locked_out (SyncFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(KapFaultProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault locked = { "POST", "/_session", KAP_FAULT_STATUS, 403, 0, 0, 0,
                            KAP_FAULT_COUCHDB_LOCKOUT };
  KapSyncPage *page;
  KapWindow *window;
  const char *text;

  set_up_server ();
  proxy = kap_fault_proxy_new (kap_test_server_get_url (server), &error);
  g_assert_no_error (error);
  kap_fault_proxy_add_fault (proxy, &locked);
  page = open_sync_page (fixture, &window, kap_fault_proxy_get_url (proxy));

  g_signal_emit_by_name (sync_button (page, "_Start Sync"), "clicked");
  wait_for_run (page);

  g_assert_error (kap_sync_page_get_error (page), KAP_SYNC_ERROR, KAP_SYNC_ERROR_LOCKED_OUT);
  g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "form");
  text = kap_sync_page_get_error_text (page);
  g_assert_nonnull (text);
  g_assert_cmpstr (text, ==, "This account is locked for a while after too many failed sign-ins. "
                             "Wait a few minutes before trying again.");
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "/_session"), ==, 1);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, NULL), ==, 1);

  sync_window_destroy (window);
  g_clear_pointer (&proxy, kap_fault_proxy_free);
  g_clear_pointer (&server, kap_test_server_stop);
}

#define REFUSAL "Interpreter sessions are recorded in the national system only"

/* What the server refuses and what this laptop cannot take are on the
 * summary with their reasons, after every run, until resolved. */
static void
test_outstanding (SyncFixture   *fixture,
                  gconstpointer  data)
{
  const char * const extra[] = {
    "/kapija-st-rs-pre/_design/kapija",
    "{\"validate_doc_update\": \"function (doc) { if (doc.type === 'interpreter_session') "
    "throw ({forbidden: '" REFUSAL "'}); }\"}",
    "/kapija-st-rs-pre/_bulk_docs",
    "{\"docs\": [{\"_id\": \"person:a\\u0000b\", \"type\": \"person\", \"station\": \"RS-PRE\"}]}",
    NULL,
  };
  KapSyncPage *page;
  KapWindow *window;

  set_up_server_with (extra);
  g_free (sync_put_record (fixture->store, "person", "person@1", "final", "Emre Demir"));
  g_free (sync_put_record (fixture->store, "interpreter_session", "interpreter_session@1", "final", NULL));
  page = open_sync_page (fixture, &window, kap_test_server_get_url (server));

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GString) texts = g_string_new (NULL);
      g_autoptr(GPtrArray) problem_rows = NULL;
      AdwPreferencesGroup *problems;
      GtkWidget *row;

      if (run > 0)
        {
          sync_click (sync_button (page, "Sync _Again"));
          sync_type (sync_row (page, "_Password"), PASSWORD);
        }
      g_signal_emit_by_name (sync_button (page, "_Start Sync"), "clicked");
      wait_for_run (page);
      g_assert_no_error (kap_sync_page_get_error (page));
      g_assert_cmpstr (kap_sync_page_get_visible_name (page), ==, "summary");

      g_assert_cmpstr (count_text (page, "Rejected by the server"), ==, "1");
      g_assert_cmpstr (count_text (page, "Not taken from the server"), ==, "1");
      g_assert_cmpstr (adw_status_page_get_title (summary_page (page)), ==, "Sync Finished with Items to Check");
      g_assert_nonnull (strstr (adw_status_page_get_description (summary_page (page)), "could not be stored"));
      problems = kap_ui_test_find_group (GTK_WIDGET (page), "Still to Resolve");
      g_assert_nonnull (problems);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problems)));
      problem_rows = kap_ui_test_find_all (GTK_WIDGET (problems), ADW_TYPE_ACTION_ROW);
      g_assert_cmpuint (problem_rows->len, ==, 2);
      for (guint i = 0; i < problem_rows->len; i++)
        {
          row = g_ptr_array_index (problem_rows, i);
          g_string_append_printf (texts, "%s\n%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                  adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
        }
      g_test_message ("%s", texts->str);
      g_assert_nonnull (strstr (texts->str, REFUSAL));
      g_assert_nonnull (strstr (texts->str, "U+0000"));
      g_assert_nonnull (strstr (texts->str, "interpreter_session:"));
      /* The id as a person can read it. */
      g_assert_nonnull (strstr (texts->str, "person:a\xef\xbf\xbd" "b"));
      g_assert_true (gtk_widget_get_visible (sync_button (page, "_Open Conflicts")));
    }

  sync_window_destroy (window);
  g_clear_pointer (&server, kap_test_server_stop);
}

int
main (int   argc,
      char *argv[])
{
  if (!sync_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/sync-page/run", SyncFixture, NULL,
              sync_fixture_set_up, test_sync_page, sync_fixture_tear_down);
  g_test_add ("/sync-page/outstanding", SyncFixture, NULL,
              sync_fixture_set_up, test_outstanding, sync_fixture_tear_down);
  g_test_add ("/sync-page/waiting", SyncFixture, NULL,
              sync_fixture_set_up, test_waiting, sync_fixture_tear_down);
  g_test_add ("/sync-page/locked-out", SyncFixture, NULL,
              sync_fixture_set_up, test_locked_out, sync_fixture_tear_down);

  return g_test_run ();
}
