/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "kap-ui-test.h"

#include <glib/gstdio.h>

#include "kap-records-page.h"
#include "kap-window.h"

typedef struct
{
  char     *dir;
  KapStore *store;
} Fixture;


static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* The window must have let go of the store by now. */
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);

  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
put_person (KapStore   *store,
            const char *name)
{
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  JsonObject *body;

  document = kap_document_new_for_type ("person");
  body = kap_document_get_body (document);
  json_object_set_string_member (body, "name", name);
  json_object_set_string_member (body, "status", "draft");

  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Puts the window on the (X)display and waits until it is mapped, so that
 * the assertions below are about what is really shown. */
static void
show_window (KapWindow *window)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  gtk_window_present (GTK_WINDOW (window));

  timeout_id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("The window was not mapped within 10 seconds");

  g_source_remove (timeout_id);

  /* Let the first frame lay out the pages. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
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

/* The status page on the window's page @name ("empty", "error"). */
static GtkWidget *
status_page (KapWindow  *window,
             const char *name)
{
  return kap_ui_test_find (kap_window_get_page (window, name), ADW_TYPE_STATUS_PAGE);
}

/* The main menu button on the window's page @name. */
static GtkMenuButton *
menu_button (KapWindow  *window,
             const char *name)
{
  return GTK_MENU_BUTTON (kap_ui_test_find_tooltip (kap_window_get_page (window, name),
                                                    GTK_TYPE_MENU_BUTTON, "Main Menu"));
}

static KapRecordsPage *
records_page (KapWindow *window)
{
  return KAP_RECORDS_PAGE (kap_window_get_records_page (window));
}

/* Asserts that the window's page @name is the one on screen, that @page
 * (on it) is drawn, and that @text is readable on it: in a label that is
 * mapped, i.e. really drawn in the window. */
static void
assert_page_shows (KapWindow  *window,
                   const char *name,
                   GtkWidget  *page,
                   const char *text)
{
  GtkWidget *pages[] = { kap_window_get_page (window, "main"), status_page (window, "empty"),
                         status_page (window, "error") };
  GtkLabel *label;

  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, name);
  g_assert_true (gtk_widget_get_mapped (page));

  label = kap_ui_test_find_label (page, text);
  if (label == NULL)
    g_error ("No label on the page shows '%s'", text);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));

  /* The other pages are not drawn at the same time. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (pages[i] != page && !gtk_widget_is_ancestor (page, pages[i]))
        g_assert_false (gtk_widget_get_mapped (pages[i]));
    }
}

static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  KapWindow *window;
  GtkWidget *register_button;

  window = kap_ui_test_window_new (fixture->store, NULL);
  show_window (window);

  g_assert_true (kap_window_get_store (window) == fixture->store);
  g_assert_null (kap_window_get_error (window));
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "empty");
  assert_page_shows (window, "empty", status_page (window, "empty"), "No Records Yet");
  assert_page_shows (window, "empty", status_page (window, "empty"), "until a supervisor syncs them");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status_page (window, "empty"))), ==,
                   APP_ID "-symbolic");

  /* The way on from an empty laptop: register the first person. */
  register_button = kap_ui_test_find_action (status_page (window, "empty"), GTK_TYPE_BUTTON,
                                             "win.register-person");
  g_assert_nonnull (register_button);
  g_assert_true (gtk_widget_get_mapped (register_button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (register_button)),
                   ==, "win.register-person");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu_button (window, "empty"))));

  destroy_window (window);
}

static void
test_window_records (Fixture       *fixture,
                     gconstpointer  user_data)
{
  KapWindow *window;

  put_person (fixture->store, "Arben Krasniqi");
  put_person (fixture->store, "Милица Јовановић");
  put_person (fixture->store, "أحمد الحسن");

  window = kap_ui_test_window_new (fixture->store, NULL);
  show_window (window);

  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "main");
  g_assert_true (gtk_widget_get_mapped (kap_ui_test_find (kap_window_get_records_page (window),
                                                          GTK_TYPE_LIST_VIEW)));
  g_assert_cmpstr (kap_records_page_get_subtitle (records_page (window)), ==, "3 records on this laptop");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kap_records_page_get_records (records_page (window)))),
                    ==, 3);
  assert_page_shows (window, "main", kap_window_get_page (window, "main"), "No Record Selected");

  destroy_window (window);
}

static void
test_window_one_record (Fixture       *fixture,
                        gconstpointer  user_data)
{
  KapWindow *window;

  put_person (fixture->store, "Ayşe Yılmaz");

  window = kap_ui_test_window_new (fixture->store, NULL);
  show_window (window);

  g_assert_cmpstr (kap_records_page_get_subtitle (records_page (window)), ==, "1 record on this laptop");

  destroy_window (window);
}

static void
test_window_error (void)
{
  g_autoptr(GError) error = NULL;
  KapWindow *window;
  GtkLabel *label;

  /* Markup characters on purpose: the message must be shown as it is. */
  error = g_error_new_literal (KAP_STORE_ERROR, KAP_STORE_ERROR_NEWER_SCHEMA,
                               "The store “/srv/a&b/<kapija>.db” was written by a newer "
                               "version of Kapija; update Kapija on this laptop to open it");

  window = kap_ui_test_window_new (NULL, error);
  show_window (window);

  g_assert_null (kap_window_get_store (window));
  g_assert_error (kap_window_get_error (window), KAP_STORE_ERROR, KAP_STORE_ERROR_NEWER_SCHEMA);
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "error");
  assert_page_shows (window, "error", status_page (window, "error"), "Records Could Not Be Opened");
  assert_page_shows (window, "error", status_page (window, "error"), error->message);
  assert_page_shows (window, "error", status_page (window, "error"), "latest version of Kapija");

  /* The message is a sentence of its own, followed by the advice. */
  label = kap_ui_test_find_label (status_page (window, "error"), error->message);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "open it.\n\nYour records are safe"));

  destroy_window (window);
}

/* Each kind of failure gets its own advice next to core's message. */
static void
test_window_error_locked (void)
{
  g_autoptr(GError) error = NULL;
  KapWindow *window;

  error = g_error_new_literal (KAP_STORE_ERROR, KAP_STORE_ERROR_LOCKED,
                               "The store is in use by another Kapija program; "
                               "close it and try again");

  window = kap_ui_test_window_new (NULL, error);
  show_window (window);

  assert_page_shows (window, "error", status_page (window, "error"), error->message);
  assert_page_shows (window, "error", status_page (window, "error"), "restart the laptop");

  destroy_window (window);
}

static void
test_window_primary_menu (void)
{
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "app.preferences", "app.shortcuts", "app.about" };
  GMenuModel *menu;
  GMenuModel *section;
  KapWindow *window;

  error = g_error_new_literal (KAP_STORE_ERROR, KAP_STORE_ERROR_ENGINE, "No store for this test");
  window = kap_ui_test_window_new (NULL, error);
  show_window (window);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu_button (window, "error"))));
  g_assert_cmpstr (gtk_menu_button_get_icon_name (menu_button (window, "error")), ==, "open-menu-symbolic");

  /* Every page's header bar offers the same primary menu. */
  menu = gtk_menu_button_get_menu_model (menu_button (window, "error"));
  g_assert_true (gtk_menu_button_get_menu_model (menu_button (window, "main")) == menu);
  g_assert_true (gtk_menu_button_get_menu_model (menu_button (window, "empty")) == menu);
  g_assert_nonnull (menu);
  /* The supervisor's section first (hidden while its actions are
   * disabled), then the application's. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 3);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *hidden = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, "hidden-when", "s", &hidden));
      g_assert_cmpstr (hidden, ==, "action-disabled");
    }
  g_object_unref (section);
  section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_cmpstr (action, ==, expected[i]);
    }

  g_object_unref (section);
  destroy_window (window);
}

/* The resources are linked into every program that uses kap_ui_dep (see
 * ui/meson.build): the shortcuts window that GtkApplication loads by itself,
 * and the icons the window and the About window show. */
static void
test_window_resources (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkIconTheme *theme;
  GObject *overlay;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  gtk_icon_theme_add_resource_path (theme, RESOURCE_BASE_PATH "/icons");
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));
}


int
main (int   argc,
      char *argv[])
{
  if (!kap_ui_test_init (&argc, &argv, "/window/display"))
    return g_test_run ();


  g_test_add ("/window/empty", Fixture, NULL, fixture_set_up, test_window_empty, fixture_tear_down);
  g_test_add ("/window/records/many", Fixture, NULL, fixture_set_up, test_window_records, fixture_tear_down);
  g_test_add ("/window/records/one", Fixture, NULL, fixture_set_up, test_window_one_record, fixture_tear_down);
  g_test_add_func ("/window/error/newer-schema", test_window_error);
  g_test_add_func ("/window/error/locked", test_window_error_locked);
  g_test_add_func ("/window/primary-menu", test_window_primary_menu);
  g_test_add_func ("/window/resources", test_window_resources);

  return g_test_run ();
}
