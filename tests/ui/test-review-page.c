/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-review-page"

#include "config.h"

#include "kap-form-view.h"
#include "sync-test-util.h"

/* The supervisor's review page (ui/sync/kap-review-page.c), driven as a
 * person drives it: a row chosen shows the record read-only beside the
 * list, Mark Reviewed marks the record shown, the toast's Undo takes it
 * back, the priority filter narrows the list, and Mark All Shown asks
 * with the count first. */

static const KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };

/* A final screening of @name with @priority, as a finalized one has. */
static char *
put_screening (KapStore   *store,
               const char *name,
               const char *priority,
               const char *updated_at)
{
  g_autofree char *id = sync_put_record (store, "screening", "screening@1", "final", name);
  g_autoptr(KapDocument) document = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (kap_document_get_body (document), "priority", priority);
  json_object_set_string_member (kap_document_get_body (document), "updated_at", updated_at);
  json_object_set_int_member (kap_document_get_body (document), "age_years", 34);
  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&id);
}

static const char *
status_of (KapStore   *store,
           const char *id)
{
  g_autoptr(KapDocument) document = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, NULL);
  static char status[16];

  g_strlcpy (status, kap_record_get_status (document), sizeof status);
  return status;
}

static KapReviewPage *
open_review (KapWindow *window)
{
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL));
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "review");

  return KAP_REVIEW_PAGE (kap_window_get_page (window, "review"));
}

static const char *
item_id (KapReviewPage *page,
         guint          position)
{
  g_autoptr(KapRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (kap_review_page_get_list (page)),
                                                               position);

  g_assert_nonnull (summary);
  return g_intern_string (kap_record_summary_get_id (summary));
}

static guint
n_listed (KapReviewPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kap_review_page_get_list (page)));
}

/* Clicks a row of the list, as the list view's own click does. */
static void
choose_row (KapReviewPage *page,
            guint          position)
{
  GtkWidget *list_view = kap_ui_test_find (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW);

  g_assert_true (gtk_widget_activate_action (list_view, "list.select-item", "(ubb)", position, FALSE, FALSE));
  sync_spin ();
}

/* Clicks @button and returns the Undo button of the toast it shows. The
 * toast is looked for before the main loop runs on: a slow run (the
 * sanitizers) must not let the toast's own timeout take it away first. */
static GtkWidget *
click_for_toast (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  return kap_ui_test_find_action (gtk_widget_get_ancestor (button, KAP_TYPE_REVIEW_PAGE), GTK_TYPE_BUTTON,
                                  "review.undo");
}

static void
test_review_shown (SyncFixture   *fixture,
                   gconstpointer  data)
{
  g_autofree char *older = put_screening (fixture->store, "Fatima Rahimi", "P2", "2026-11-20T09:00:00Z");
  g_autofree char *newer = put_screening (fixture->store, "Ardit Krasniqi", "P1", "2026-11-21T09:00:00Z");
  KapReviewPage *page;
  KapWindow *window;
  GtkWidget *view, *undo;

  window = sync_window_new (fixture);
  page = open_review (window);
  g_assert_cmpuint (n_listed (page), ==, 2);

  /* The first record is shown at once, read-only, beside the list. */
  g_assert_cmpstr (kap_review_page_get_shown_id (page), ==, item_id (page, 0));
  g_assert_cmpstr (item_id (page, 0), ==, newer);
  view = kap_review_page_get_form_view (page);
  g_assert_nonnull (view);
  g_assert_true (kap_form_view_get_read_only (KAP_FORM_VIEW (view)));
  g_assert_true (gtk_widget_is_ancestor (view, GTK_WIDGET (page)));
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (page), "Ardit Krasniqi"));
  /* Read-only: no entry to type into, the answer shown as text. */
  g_assert_null (kap_ui_test_find (view, ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (kap_ui_test_find_label (view, "34"));

  /* Another row: that record is shown; the page stays. */
  choose_row (page, 1);
  g_assert_cmpstr (kap_review_page_get_shown_id (page), ==, older);
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "review");
  g_assert_true (kap_form_view_get_read_only (KAP_FORM_VIEW (kap_review_page_get_form_view (page))));

  /* Mark Reviewed marks the record shown, and only it. */
  undo = click_for_toast (kap_ui_test_find_action (GTK_WIDGET (page), GTK_TYPE_BUTTON, "review.mark"));
  g_assert_nonnull (undo);
  g_assert_cmpstr (status_of (fixture->store, older), ==, "reviewed");
  g_assert_cmpstr (status_of (fixture->store, newer), ==, "final");
  g_assert_cmpuint (n_listed (page), ==, 1);
  /* The next one takes its place. */
  g_assert_cmpstr (kap_review_page_get_shown_id (page), ==, newer);

  /* Undo in the toast: final again, back in the list. */
  sync_click (undo);
  g_assert_cmpstr (status_of (fixture->store, older), ==, "final");
  g_assert_cmpuint (n_listed (page), ==, 2);
  /* Undone once: a second Undo has nothing to take back. */
  gtk_widget_activate_action (GTK_WIDGET (page), "review.undo", NULL);
  sync_spin ();
  g_assert_cmpstr (status_of (fixture->store, older), ==, "final");
  g_assert_null (kap_ui_test_find_label (GTK_WIDGET (page), "could not be undone"));

  /* Open Record goes to the records with it. */
  sync_click (kap_ui_test_find_action (GTK_WIDGET (page), GTK_TYPE_BUTTON, "review.open"));
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "main");
  g_assert_cmpstr (kap_record_pane_get_shown_id (KAP_RECORD_PANE (kap_window_get_record_pane (window))), ==,
                   kap_review_page_get_shown_id (page));

  sync_window_destroy (window);
}

static void
test_review_priority (SyncFixture   *fixture,
                      gconstpointer  data)
{
  g_autofree char *p1 = put_screening (fixture->store, "Ardit Krasniqi", "P1", "2026-11-21T09:00:00Z");
  g_autofree char *p2 = put_screening (fixture->store, "Fatima Rahimi", "P2", "2026-11-20T09:00:00Z");
  g_autofree char *p3 = put_screening (fixture->store, "Амир Хасановић", "P3", "2026-11-19T09:00:00Z");
  GtkMenuButton *priority;
  KapReviewPage *page;
  KapWindow *window;

  window = sync_window_new (fixture);
  page = open_review (window);
  priority = GTK_MENU_BUTTON (kap_ui_test_find_tooltip (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON,
                                                        "Show Only One Priority"));
  g_assert_nonnull (priority);
  g_assert_cmpstr (gtk_menu_button_get_label (priority), ==, "All Priorities");
  g_assert_cmpuint (n_listed (page), ==, 3);

  /* The menu's items are the action with each priority. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.priority", "s", "P2"));
  sync_spin ();
  g_assert_cmpuint (n_listed (page), ==, 1);
  g_assert_cmpstr (item_id (page, 0), ==, p2);
  g_assert_cmpstr (kap_review_page_get_shown_id (page), ==, p2);
  g_assert_cmpstr (gtk_menu_button_get_label (priority), ==, "P2 · Within 72 Hours");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.priority", "s", "P1"));
  sync_spin ();
  g_assert_cmpuint (n_listed (page), ==, 1);
  g_assert_cmpstr (kap_review_page_get_shown_id (page), ==, p1);

  /* Nothing of that priority: said so. */
  sync_click (kap_ui_test_find_action (GTK_WIDGET (page), GTK_TYPE_BUTTON, "review.mark"));
  g_assert_cmpuint (n_listed (page), ==, 0);
  g_assert_cmpstr (kap_review_page_get_visible_name (page), ==, "empty");
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (page), "No record of this priority waits for review."));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.priority", "s", ""));
  sync_spin ();
  g_assert_cmpuint (n_listed (page), ==, 2);
  g_assert_cmpstr (status_of (fixture->store, p3), ==, "final");

  sync_window_destroy (window);
}

static void
test_review_mark_all (SyncFixture   *fixture,
                      gconstpointer  data)
{
  g_autofree char *p1 = put_screening (fixture->store, "Ardit Krasniqi", "P1", "2026-11-21T09:00:00Z");
  g_autofree char *a = put_screening (fixture->store, "Fatima Rahimi", "P2", "2026-11-20T09:00:00Z");
  g_autofree char *b = put_screening (fixture->store, "Амир Хасановић", "P2", "2026-11-19T09:00:00Z");
  AdwMessageDialog *dialog;
  KapReviewPage *page;
  KapWindow *window;
  GtkWidget *button, *undo;

  window = sync_window_new (fixture);
  page = open_review (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.priority", "s", "P2"));
  sync_spin ();
  g_assert_cmpuint (n_listed (page), ==, 2);

  /* The question names the count of what is shown; Cancel changes nothing. */
  button = kap_ui_test_find_button (GTK_WIDGET (page), "Mark _All Shown as Reviewed…");
  g_assert_nonnull (button);
  sync_click (button);
  dialog = kap_review_page_get_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Mark 2 records as reviewed?");
  adw_message_dialog_response (dialog, "cancel");
  sync_spin ();
  g_assert_null (kap_review_page_get_dialog (page));
  g_assert_cmpstr (status_of (fixture->store, a), ==, "final");
  g_assert_cmpuint (n_listed (page), ==, 2);

  /* Mark: both shown are reviewed, the P1 one not. */
  sync_click (button);
  dialog = kap_review_page_get_dialog (page);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Mark 2 records as reviewed?");
  adw_message_dialog_response (dialog, "mark");
  undo = kap_ui_test_find_action (GTK_WIDGET (page), GTK_TYPE_BUTTON, "review.undo");
  g_assert_nonnull (undo);
  g_assert_nonnull (kap_ui_test_find_label (GTK_WIDGET (page), "2 records marked reviewed"));
  sync_spin ();
  g_assert_cmpstr (status_of (fixture->store, a), ==, "reviewed");
  g_assert_cmpstr (status_of (fixture->store, b), ==, "reviewed");
  g_assert_cmpstr (status_of (fixture->store, p1), ==, "final");
  g_assert_cmpuint (n_listed (page), ==, 0);

  /* Undo takes back both. */
  sync_click (undo);
  g_assert_cmpstr (status_of (fixture->store, a), ==, "final");
  g_assert_cmpstr (status_of (fixture->store, b), ==, "final");
  g_assert_cmpuint (n_listed (page), ==, 2);

  /* One record: the question says so in the singular. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.priority", "s", "P1"));
  sync_spin ();
  sync_click (button);
  dialog = kap_review_page_get_dialog (page);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Mark 1 record as reviewed?");
  adw_message_dialog_response (dialog, "cancel");
  sync_spin ();

  sync_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!sync_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/review/shown", SyncFixture, NULL,
              sync_fixture_set_up, test_review_shown, sync_fixture_tear_down);
  g_test_add ("/review/priority", SyncFixture, NULL,
              sync_fixture_set_up, test_review_priority, sync_fixture_tear_down);
  g_test_add ("/review/mark-all", SyncFixture, NULL,
              sync_fixture_set_up, test_review_mark_all, sync_fixture_tear_down);

  return g_test_run ();
}
