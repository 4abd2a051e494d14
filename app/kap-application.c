/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-application.h"
#include "kap-context.h"
#include "kap-duplicates.h"
#include "kap-form-registry.h"
#include "kap-record-list.h"
#include "kap-reference.h"
#include "kap-store.h"
#include "kap-window.h"

struct _KapApplication
{
  AdwApplication  parent_instance;

  /* NULL when the schema is not installed: the app still runs, it only
   * forgets its window size. */
  GSettings       *settings;

  /* Every form this laptop knows, loaded once for all windows. */
  KapFormRegistry *forms;

  /* The one context (core/kap-context.h): the store, the forms, the
   * person index, the settings. Made with the window; the window is given
   * what it needs from it. */
  KapContext      *context;
};

G_DEFINE_FINAL_TYPE (KapApplication, kap_application, ADW_TYPE_APPLICATION)

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      /* g_settings_new() would abort here; running from a build folder
       * without GSETTINGS_SCHEMA_DIR should not. */
      g_warning ("The GSettings schema %s is not installed; the window size "
                 "will not be remembered, records get no station code and the sync "
                 "server is not remembered", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* KAPIJA_STORE lets a supervisor, a test or the screenshot script point the
 * app at another store without touching the officer's own records. */
static KapStore *
open_store (GError **error)
{
  const char *env_path = g_getenv ("KAPIJA_STORE");
  g_autofree char *path = NULL;

  if (env_path != NULL && env_path[0] != '\0')
    path = g_strdup (env_path);
  else
    path = kap_store_default_path ();

  g_debug ("Opening the store at %s", path);

  return kap_store_open (path, KAP_STORE_OPEN_CREATE, error);
}

static void
restore_window_state (KapApplication *self,
                      GtkWindow      *window)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (window,
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (window);
}

static gboolean
window_close_request_cb (KapApplication *self,
                         GtkWindow      *window)
{
  kap_application_save_window_state (self, window);

  return GDK_EVENT_PROPAGATE;
}

static void
load_reference_forms (KapApplication *self,
                      KapStore       *store)
{
  g_autoptr(KapStore) reference = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  reference = kap_reference_open_store (store, TRUE, &error);
  if (reference == NULL || kap_reference_load_forms (reference, self->forms, &problems, &error) < 0)
    {
      /* The shipped forms still work; only the server's newer ones are
       * missing until the next sync. */
      g_warning ("The forms from the server could not be loaded: %s", error->message);
      return;
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_warning ("%s", (const char *) g_ptr_array_index (problems, i));
}

static void
person_index_filled_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Without the stored persons the duplicate check finds only those
   * registered since start-up; the store's own error says why. */
  if (!kap_person_index_fill_finish (KAP_PERSON_INDEX (source), result, &error))
    g_warning ("The duplicate check could not read the persons: %s", error->message);
}

static KapWindow *
create_window (KapApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapRecordList) records = NULL;
  KapPersonIndex *person_index = NULL;
  KapWindow *window;

  store = open_store (&error);

  /* Forms that earlier syncs pulled from the national server (a newer
   * version is used for new records; older records keep theirs). */
  if (store != NULL)
    load_reference_forms (self, store);

  /* The records list reads the whole store once here; from then on it
   * follows the store's "documents-changed" signal. */
  if (store != NULL)
    records = kap_record_list_new (store, &error);
  if (error != NULL)
    {
      g_debug ("Could not open the store: %s", error->message);
      g_clear_object (&store);
      g_clear_object (&records);
    }

  g_clear_object (&self->context);
  self->context = kap_context_new (store, self->forms, self->settings);

  if (records != NULL)
    {
      /* The duplicate index reads every person's body (1.8 s for 100,000):
       * it follows the store's changes from now on and loads the rest in a
       * worker, so the window shows at once. */
      person_index = kap_context_get_person_index (self->context);
      kap_person_index_fill_async (person_index, store, NULL, person_index_filled_cb, NULL);
    }

  /* The window takes the one context: the store, the forms, the person
   * index, the settings and who is signed in. It asks who is using the
   * laptop: the author of new records is that profile's code, the
   * station code comes from the settings and the device id from the
   * store. */
  window = g_object_new (KAP_TYPE_WINDOW,
                         "application", self,
                         "context", self->context,
                         "error", error,
                         "records", records,
                         "ask-profile", TRUE,
                         NULL);

  return window;
}

static void
kap_application_activate (GApplication *application)
{
  KapApplication *self = KAP_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (create_window (self));
      restore_window_state (self, window);
      g_signal_connect_object (window, "close-request",
                               G_CALLBACK (window_close_request_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_window_present (window);
}

static void
kap_application_startup (GApplication *application)
{
  KapApplication *self = KAP_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (kap_application_parent_class)->startup (application);

  g_set_application_name ("Kapija");
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = settings_new_if_installed ();

  self->forms = kap_form_registry_new ();
  if (!kap_form_registry_load_builtin (self->forms, &error))
    g_warning ("The shipped forms did not load: %s", error->message);

  kap_application_add_actions (self);
}

static void
kap_application_shutdown (GApplication *application)
{
  KapApplication *self = KAP_APPLICATION (application);

  /* The settings backend writes asynchronously; make sure the window size
   * saved on close reaches the disk before the process exits. */
  if (self->settings != NULL)
    g_settings_sync ();

  G_APPLICATION_CLASS (kap_application_parent_class)->shutdown (application);
}

static void
kap_application_dispose (GObject *object)
{
  KapApplication *self = (KapApplication *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_object (&self->forms);

  G_OBJECT_CLASS (kap_application_parent_class)->dispose (object);
}

static void
kap_application_class_init (KapApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kap_application_dispose;

  app_class->activate = kap_application_activate;
  app_class->startup = kap_application_startup;
  app_class->shutdown = kap_application_shutdown;
}

static void
kap_application_init (KapApplication *self)
{
}

KapApplication *
kap_application_new (void)
{
  /* The resource base path is given explicitly so that a future .Devel
   * application id still finds the window templates, the shortcuts window
   * and the icons. */
  return g_object_new (KAP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

KapContext *
kap_application_get_context (KapApplication *self)
{
  g_return_val_if_fail (KAP_IS_APPLICATION (self), NULL);

  return self->context;
}

void
kap_application_save_window_state (KapApplication *self,
                                   GtkWindow      *window)
{
  int width = 0;
  int height = 0;

  g_return_if_fail (KAP_IS_APPLICATION (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (self->settings == NULL || !KAP_IS_WINDOW (window))
    return;

  /* The default size follows the window while it is not maximized, so it
   * is the size to come back to after unmaximizing. */
  gtk_window_get_default_size (window, &width, &height);

  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));
}
