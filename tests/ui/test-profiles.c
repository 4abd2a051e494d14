/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-profiles"

#include "config.h"

#include "sync-test-util.h"
#include "kap-records.h"

static void
test_first_run (SyncFixture   *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *station = NULL;
  KapProfilesPage *page;
  KapWindow *window;

  window = sync_window_new (fixture);

  /* No profile yet: the first-run form, and nothing else. */
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "profiles");
  page = KAP_PROFILES_PAGE (kap_window_get_page (window, "profiles"));
  g_assert_nonnull (page);
  g_assert_cmpstr (kap_profiles_page_get_visible_name (page), ==, "first-run");
  g_assert_true (gtk_widget_get_visible (sync_row (page, "_Station Code")));
  g_assert_false (gtk_widget_get_visible (sync_button (page, "_Cancel")));
  g_assert_null (kap_window_get_profile (window));

  /* Something missing is said, not saved. */
  sync_type (sync_row (page, "Your _Name"), "Arben Krasniqi");
  sync_click (sync_button (page, "C_reate Profile"));
  g_assert_nonnull (kap_profiles_page_get_error_text (page));
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "profiles");

  sync_type (sync_row (page, "_Officer Code"), "OFF-003");
  sync_type (sync_row (page, "_Station Code"), "RS-PRE");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sync_row (page, "_Role")), 0);
  sync_click (sync_button (page, "C_reate Profile"));

  g_assert_nonnull (kap_window_get_profile (window));
  g_assert_cmpstr (kap_window_get_profile (window)->code, ==, "OFF-003");
  g_assert_cmpint (kap_window_get_profile (window)->role, ==, KAP_ROLE_OFFICER);
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "empty");

  profiles = kap_profiles_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 1);
  g_assert_cmpstr (((KapProfile *) g_ptr_array_index (profiles, 0))->display_name, ==, "Arben Krasniqi");

  last = g_settings_get_string (fixture->settings, "last-profile");
  g_assert_cmpstr (last, ==, "OFF-003");
  station = g_settings_get_string (fixture->settings, "station-code");
  g_assert_cmpstr (station, ==, "RS-PRE");
  g_assert_cmpstr (sync_author (window).station, ==, "RS-PRE");

  /* The header says who is signed in. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sync_profile_button (window, "empty"))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (sync_profile_button (window, "empty"))), ==,
                   "Signed in as Arben Krasniqi");

  sync_window_destroy (window);
}

static void
test_chooser_switch (SyncFixture   *fixture,
                     gconstpointer  data)
{
  g_autofree char *last = NULL;
  KapProfilesPage *page;
  GtkListBoxRow *row;
  KapWindow *window;

  sync_save_profile (fixture->store, "OFF-003", "Arben Krasniqi", KAP_ROLE_OFFICER);
  sync_save_profile (fixture->store, "OFF-017", "Милица Јовановић", KAP_ROLE_SUPERVISOR);
  sync_save_profile (fixture->store, "OFF-021", "أحمد الحسن", KAP_ROLE_OFFICER);
  g_settings_set_string (fixture->settings, "last-profile", "OFF-017");

  window = sync_window_new (fixture);
  page = KAP_PROFILES_PAGE (kap_window_get_page (window, "profiles"));
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "profiles");
  g_assert_cmpstr (kap_profiles_page_get_visible_name (page), ==, "chooser");

  /* The last used profile comes first, then the others by name, then
   * “Add Profile…”. */
  g_assert_cmpuint (kap_profiles_page_get_profiles (page)->len, ==, 3);
  g_assert_cmpstr (((KapProfile *) g_ptr_array_index (kap_profiles_page_get_profiles (page), 0))->code, ==, "OFF-017");
  row = gtk_list_box_get_row_at_index (sync_profile_list (page), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Милица Јовановић");
  g_assert_nonnull (gtk_list_box_get_row_at_index (sync_profile_list (page), 3));
  g_assert_null (gtk_list_box_get_row_at_index (sync_profile_list (page), 4));

  /* Arben picks his own profile. */
  row = gtk_list_box_get_row_at_index (sync_profile_list (page), 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Arben Krasniqi");
  g_signal_emit_by_name (sync_profile_list (page), "row-activated", row);
  sync_spin ();
  g_assert_cmpstr (kap_window_get_profile (window)->code, ==, "OFF-003");
  g_assert_cmpstr (sync_author (window).officer, ==, "OFF-003");
  last = g_settings_get_string (fixture->settings, "last-profile");
  g_assert_cmpstr (last, ==, "OFF-003");
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "empty");

  /* Switch Profile… from the header: the chooser again, now cancellable. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-profile", NULL));
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "profiles");
  g_assert_true (gtk_widget_get_visible (sync_button (page, "_Cancel")));
  g_assert_cmpstr (((KapProfile *) g_ptr_array_index (kap_profiles_page_get_profiles (page), 0))->code, ==, "OFF-003");

  sync_click (sync_button (page, "_Cancel"));
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "empty");
  g_assert_cmpstr (kap_window_get_profile (window)->code, ==, "OFF-003");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-profile", NULL);
  sync_spin ();
  for (int i = 0; (row = gtk_list_box_get_row_at_index (sync_profile_list (page), i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Милица Јовановић") == 0)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (sync_profile_list (page), "row-activated", row);
  sync_spin ();
  g_assert_cmpstr (kap_window_get_profile (window)->code, ==, "OFF-017");
  g_assert_cmpint (kap_window_get_profile (window)->role, ==, KAP_ROLE_SUPERVISOR);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (sync_profile_button (window, "empty"))), ==,
                   "Signed in as Милица Јовановић");

  sync_window_destroy (window);
}

static void
assert_supervisor_actions (KapWindow *window,
                           gboolean   enabled)
{
  /* An actionable widget follows its action's enabled state. */
  const char *pages[] = { "main", "empty" };

  /* The Sync Now buttons of the header bars of the records and of the
   * empty page. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *button = kap_ui_test_find_tooltip (kap_window_get_page (window, pages[i]),
                                                    GTK_TYPE_BUTTON, "Sync Now");

      g_assert_nonnull (button);
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.sync");
      g_assert_cmpint (gtk_widget_get_sensitive (button), ==, enabled);
      g_assert_cmpint (gtk_widget_get_visible (button), ==, enabled);
    }
}

static void
test_officer_cannot_supervise (SyncFixture   *fixture,
                               gconstpointer  data)
{
  g_autoptr(KapDocument) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  KapProfile officer = { (char *) "OFF-003", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  const char *actions[] = { "win.sync", "win.review", "win.conflicts" };
  const char *pages[] = { "sync", "review", "conflicts" };
  KapWindow *window;

  id = sync_put_record (fixture->store, "screening", "screening@1", "final", NULL);
  sync_save_profile (fixture->store, officer.code, officer.display_name, officer.role);
  window = sync_window_new (fixture);
  kap_window_set_profile (window, &officer);
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "main");

  assert_supervisor_actions (window, FALSE);
  g_assert_false (kap_window_can_supervise (window));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL);
      sync_spin ();
      g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "main");
    }
  g_assert_null (KAP_SYNC_PAGE (kap_window_get_page (window, "sync")));
  g_assert_null (KAP_REVIEW_PAGE (kap_window_get_page (window, "review")));
  g_assert_null (KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts")));

  /* Mark Reviewed: the action does nothing, and the code path refuses. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-reviewed", "s", id);
  sync_spin ();
  g_assert_false (kap_window_mark_reviewed (window, id, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  after = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_cmpstr (kap_record_get_status (after), ==, "final");

  /* Network back: no banner for an officer. */
  kap_window_network_changed (window, FALSE);
  kap_window_network_changed (window, TRUE);
  g_assert_false (kap_sync_banner_get_revealed (sync_banner (window)));

  /* A supervisor can. */
  kap_window_set_profile (window, &supervisor);
  sync_spin ();
  assert_supervisor_actions (window, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL));
      sync_spin ();
      g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, pages[i]);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-records", NULL);
      sync_spin ();
      g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "main");
    }

  /* The banner: one record waits to be synced. */
  kap_window_network_changed (window, FALSE);
  kap_window_network_changed (window, TRUE);
  g_assert_true (kap_sync_banner_get_revealed (sync_banner (window)));
  g_assert_cmpstr (kap_sync_banner_get_text (sync_banner (window)), ==, "1 record is waiting to be synced");
  gtk_widget_activate_action (GTK_WIDGET (sync_banner (window)), "banner.dismiss", NULL);
  g_assert_false (kap_sync_banner_get_revealed (sync_banner (window)));

  /* Switching back to an officer leaves the supervisor's page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL);
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "review");
  kap_window_set_profile (window, &officer);
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "main");
  assert_supervisor_actions (window, FALSE);

  sync_window_destroy (window);
}

static void
test_author_is_profile (SyncFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GListModel) screenings = NULL;
  g_autoptr(KapDocument) screening = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person = NULL;
  KapProfile officer = { (char *) "OFF-044", (char *) "Ayşe Yılmaz", KAP_ROLE_OFFICER };
  JsonObject *body;
  KapWindow *window;

  sync_save_profile (fixture->store, officer.code, officer.display_name, officer.role);
  g_settings_set_string (fixture->settings, "station-code", "RS-PRE");
  person = sync_put_record (fixture->store, "person", "person@1", "draft", "Ayşe Yılmaz");

  window = sync_window_new (fixture);
  g_signal_emit_by_name (sync_profile_list (KAP_PROFILES_PAGE (kap_window_get_page (window, "profiles"))), "row-activated",
                         gtk_list_box_get_row_at_index (sync_profile_list (KAP_PROFILES_PAGE (kap_window_get_page (window, "profiles"))), 0));
  sync_spin ();
  g_assert_cmpstr (kap_window_get_profile (window)->code, ==, "OFF-044");

  /* A new screening from the person's page, as an officer makes one. */
  kap_window_open_record (window, person, FALSE);
  sync_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", "s", "screening"));
  sync_spin ();

  screenings = kap_store_list (fixture->store, "screening", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (screenings), ==, 1);
  screening = g_list_model_get_item (screenings, 0);
  body = kap_document_get_body (screening);
  g_assert_cmpstr (json_object_get_string_member (body, "created_by"), ==, "OFF-044");
  g_assert_cmpstr (json_object_get_string_member (body, "updated_by"), ==, "OFF-044");
  g_assert_cmpstr (json_object_get_string_member (body, "station"), ==, "RS-PRE");
  g_assert_cmpstr (json_object_get_string_member (body, "person_id"), ==, person);

  sync_window_destroy (window);
}

static void
test_review (SyncFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(KapDocument) reviewed = NULL;
  g_autoptr(KapDocument) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *draft_id = NULL;
  g_autofree char *marked = NULL;
  const char *other;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  KapRecordList *list;
  KapWindow *window;

  first = sync_put_record (fixture->store, "screening", "screening@1", "final", NULL);
  second = sync_put_record (fixture->store, "referral", "referral@1", "final", NULL);
  draft_id = sync_put_record (fixture->store, "screening", "screening@1", "draft", NULL);

  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL);
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "review");

  /* Final records only. */
  list = kap_review_page_get_list (KAP_REVIEW_PAGE (kap_window_get_page (window, "review")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (kap_review_page_get_visible_name (KAP_REVIEW_PAGE (kap_window_get_page (window, "review"))), ==, "list");

  /* “Mark Reviewed” marks the record shown beside the list. */
  marked = g_strdup (kap_review_page_get_shown_id (KAP_REVIEW_PAGE (kap_window_get_page (window, "review"))));
  g_assert_true (g_strcmp0 (marked, first) == 0 || g_strcmp0 (marked, second) == 0);
  other = g_str_equal (marked, first) ? second : first;
  gtk_widget_activate_action (kap_window_get_page (window, "review"), "review.mark", NULL);
  sync_spin ();
  reviewed = kap_store_get (fixture->store, marked, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_record_get_status (reviewed), ==, "reviewed");
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (reviewed), "updated_by"), ==, "OFF-017");
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (reviewed), "created_by"), ==, "OFF-003");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* The action does the same; a draft is refused. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-reviewed", "s", other);
  sync_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpstr (kap_review_page_get_visible_name (KAP_REVIEW_PAGE (kap_window_get_page (window, "review"))), ==, "empty");
  g_assert_false (kap_window_mark_reviewed (window, draft_id, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS);
  draft = kap_store_get (fixture->store, draft_id, NULL, KAP_STORE_GET_NONE, NULL);
  g_assert_cmpstr (kap_record_get_status (draft), ==, "draft");

  /* Opening a record from the list goes back to the records. */
  g_signal_emit_by_name (KAP_REVIEW_PAGE (kap_window_get_page (window, "review")), "open-record", first);
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "main");
  g_assert_cmpstr (kap_record_pane_get_shown_id (KAP_RECORD_PANE (kap_window_get_record_pane (window))), ==, first);

  sync_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!sync_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/profiles/first-run", SyncFixture, NULL,
              sync_fixture_set_up, test_first_run, sync_fixture_tear_down);
  g_test_add ("/profiles/chooser-switch", SyncFixture, NULL,
              sync_fixture_set_up, test_chooser_switch, sync_fixture_tear_down);
  g_test_add ("/profiles/officer-cannot-supervise", SyncFixture, NULL,
              sync_fixture_set_up, test_officer_cannot_supervise, sync_fixture_tear_down);
  g_test_add ("/profiles/author", SyncFixture, NULL,
              sync_fixture_set_up, test_author_is_profile, sync_fixture_tear_down);
  g_test_add ("/review/mark-reviewed", SyncFixture, NULL,
              sync_fixture_set_up, test_review, sync_fixture_tear_down);

  return g_test_run ();
}
