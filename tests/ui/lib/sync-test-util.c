/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sync-test-util"

#include "config.h"

#include "sync-test-util.h"

void
sync_settings_reset (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

void
sync_fixture_set_up (SyncFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-sync-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->forms = kap_form_registry_new ();
  g_assert_true (kap_form_registry_load_builtin (fixture->forms, &error));
  g_assert_no_error (error);

  /* GSETTINGS_SCHEMA_DIR points at the build's compiled schema and
   * GSETTINGS_BACKEND is "memory" (tests/ui/meson.build). */
  fixture->settings = g_settings_new (APP_ID);
  sync_settings_reset (fixture->settings);
}

void
sync_fixture_tear_down (SyncFixture   *fixture,
                        gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->forms);
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);

  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

gboolean
sync_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

void
sync_spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

void
sync_wait_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, sync_timeout_cb, &timed_out);

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The window was not mapped within 10 seconds");
  g_source_remove (id);
  sync_spin ();
}

KapWindow *
sync_window_new (SyncFixture *fixture)
{
  g_autoptr(KapContext) context = kap_ui_test_context_new (fixture->store, fixture->forms, fixture->settings);
  KapWindow *window;

  window = g_object_new (KAP_TYPE_WINDOW, "context", context, "ask-profile", TRUE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  sync_wait_mapped (GTK_WIDGET (window));

  return window;
}

void
sync_window_destroy (KapWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_window_destroy (GTK_WINDOW (window));
  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);
}

void
sync_save_profile (KapStore   *store,
                   const char *code,
                   const char *name,
                   KapRole     role)
{
  g_autoptr(GError) error = NULL;
  KapProfile profile = { (char *) code, (char *) name, role };

  g_assert_true (kap_profiles_save (store, &profile, &error));
  g_assert_no_error (error);
}

void
sync_type (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

void
sync_click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  sync_spin ();
}

GtkWidget *
sync_row (gpointer    root,
          const char *title)
{
  GtkWidget *row = kap_ui_test_find_row (GTK_WIDGET (root), title);

  if (row == NULL)
    g_error ("No row “%s”", title);
  return row;
}

GtkWidget *
sync_button (gpointer    root,
             const char *label)
{
  GtkWidget *button = kap_ui_test_find_button (GTK_WIDGET (root), label);

  if (button == NULL)
    g_error ("No button “%s”", label);
  return button;
}

GtkListBox *
sync_profile_list (KapProfilesPage *page)
{
  /* The list that ends with "Add Profile…". */
  GtkWidget *add = kap_ui_test_find_row (GTK_WIDGET (page), "_Add Profile…");

  g_assert_nonnull (add);
  return GTK_LIST_BOX (gtk_widget_get_parent (add));
}

char *
sync_put_record (KapStore   *store,
                 const char *type,
                 const char *form,
                 const char *status,
                 const char *name)
{
  g_autoptr(KapDocument) document = kap_document_new_for_type (type);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  JsonObject *body = kap_document_get_body (document);

  json_object_set_string_member (body, "form", form);
  json_object_set_string_member (body, "status", status);
  json_object_set_string_member (body, "station", "RS-PRE");
  json_object_set_string_member (body, "created_by", "OFF-003");
  json_object_set_string_member (body, "updated_by", "OFF-003");
  json_object_set_string_member (body, "created_at", "2026-11-20T09:30:00Z");
  json_object_set_string_member (body, "updated_at", "2026-11-20T09:30:00Z");
  if (name != NULL)
    json_object_set_string_member (body, "name_stated", name);

  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);

  return g_strdup (kap_document_get_id (document));
}

gboolean
sync_test_init (int    *argc,
                char ***argv)
{
  return kap_ui_test_init (argc, argv, "/display");
}

KapSyncBanner *
sync_banner (KapWindow *window)
{
  return KAP_SYNC_BANNER (kap_window_get_sync_banner (window));
}

GtkMenuButton *
sync_profile_button (KapWindow  *window,
                     const char *page)
{
  GtkWidget *avatar = kap_ui_test_find (kap_window_get_page (window, page), ADW_TYPE_AVATAR);

  g_assert_nonnull (avatar);

  return GTK_MENU_BUTTON (gtk_widget_get_ancestor (avatar, GTK_TYPE_MENU_BUTTON));
}

KapRecordAuthor
sync_author (KapWindow *window)
{
  KapRecordAuthor author;

  kap_window_get_author (window, &author);

  return author;
}
