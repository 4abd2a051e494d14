/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form.h"
#include "kap-preferences.h"
#include "kap-preferences-window.h"
#include "kap-style.h"

struct _KapPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *server_row;
  GtkLabel             *server_error;
  AdwPreferencesGroup  *station_group;
  AdwEntryRow          *station_row;
  GtkLabel             *station_error;
  GtkAdjustment        *lock_adjustment;
  AdwComboRow          *consent_row;

  /* Owned references */
  KapContext           *context;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (KapPreferencesWindow, kap_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The languages a person may read the consent and information texts in,
 * after the app's own language: those the forms' texts carry. Each is
 * shown in its own name (kap_language_get_native_name()), so the person
 * can point at theirs. */
static const char * const consent_languages[] = {
  "en", "sq", "mk", "sr", "sr-Latn", "bs", "tr", "ar", "fa", "ps", "ur",
};

static GSettings *
settings (KapPreferencesWindow *self)
{
  return self->context != NULL ? kap_context_get_settings (self->context) : NULL;
}

/* Shows @error under @row (NULL clears it), and marks the row. */
static void
show_error (GtkWidget    *row,
            GtkLabel     *label,
            const GError *error)
{
  if (error != NULL)
    {
      gtk_label_set_text (label, error->message);
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gtk_label_set_text (label, "");
      gtk_widget_remove_css_class (row, "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static void
saved (KapPreferencesWindow *self,
       const char           *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
server_apply_cb (KapPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->server_row));

  if (!kap_preferences_set_server_url (self->context, url, &error))
    {
      show_error (GTK_WIDGET (self->server_row), self->server_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }

  show_error (GTK_WIDGET (self->server_row), self->server_error, NULL);
  saved (self, _("Server address saved"));
}

static void
server_changed_cb (KapPreferencesWindow *self)
{
  /* The message is about what was applied; typing starts afresh. */
  if (!self->loading)
    show_error (GTK_WIDGET (self->server_row), self->server_error, NULL);
}

static void
station_apply_cb (KapPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  if (!kap_preferences_set_station (self->context,
                                    gtk_editable_get_text (GTK_EDITABLE (self->station_row)),
                                    &error))
    {
      show_error (GTK_WIDGET (self->station_row), self->station_error, error);
      return;
    }

  /* As stored: in capitals. */
  code = g_settings_get_string (settings (self), "station-code");
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->station_row), code);
  self->loading = FALSE;
  show_error (GTK_WIDGET (self->station_row), self->station_error, NULL);
  saved (self, _("Station saved"));
}

static void
station_changed_cb (KapPreferencesWindow *self)
{
  if (!self->loading)
    show_error (GTK_WIDGET (self->station_row), self->station_error, NULL);
}

/* Only a supervisor changes the station (core decides); the row says so
 * rather than refusing after the typing. */
static void
update_station (KapPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean allowed = kap_preferences_can_set_station (self->context, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->station_row), allowed);
  adw_preferences_group_set_description (self->station_group,
                                         allowed ? _("Written into every record made on this laptop.")
                                                 : error->message);
}

static void
consent_selected_cb (KapPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->consent_row);
  const char *code = "";

  if (self->loading || settings (self) == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected > 0 && selected <= G_N_ELEMENTS (consent_languages))
    code = consent_languages[selected - 1];
  g_settings_set_string (settings (self), "consent-language", code);
}

static void
load (KapPreferencesWindow *self)
{
  GSettings *app_settings = settings (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *url = NULL;
  g_autofree char *station = NULL;
  g_autofree char *language = NULL;
  guint selected = 0;

  /* Translators: the first choice of the language of texts shown to the
   * person: the one the app is in. */
  gtk_string_list_append (names, _("Same as the App"));
  for (guint i = 0; i < G_N_ELEMENTS (consent_languages); i++)
    gtk_string_list_append (names, kap_language_get_native_name (consent_languages[i]));

  gtk_adjustment_set_lower (self->lock_adjustment, KAP_PREFERENCES_LOCK_MIN);
  gtk_adjustment_set_upper (self->lock_adjustment, KAP_PREFERENCES_LOCK_MAX);

  self->loading = TRUE;
  adw_combo_row_set_model (self->consent_row, G_LIST_MODEL (names));

  if (app_settings != NULL)
    {
      url = g_settings_get_string (app_settings, "server-url");
      station = g_settings_get_string (app_settings, "station-code");
      language = g_settings_get_string (app_settings, "consent-language");
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
      gtk_editable_set_text (GTK_EDITABLE (self->station_row), station);

      for (guint i = 0; i < G_N_ELEMENTS (consent_languages); i++)
        if (g_strcmp0 (language, consent_languages[i]) == 0)
          selected = i + 1;

      /* The spin button writes the key as it turns; the key's range keeps
       * it within the limits. */
      g_settings_bind (app_settings, "lock-idle-minutes", self->lock_adjustment, "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      /* Nothing to write into: look, do not touch. */
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
    }
  adw_combo_row_set_selected (self->consent_row, selected);
  self->loading = FALSE;

  update_station (self);
}

static void
kap_preferences_window_constructed (GObject *object)
{
  KapPreferencesWindow *self = (KapPreferencesWindow *)object;

  G_OBJECT_CLASS (kap_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (KAP_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "notify::profile",
                           G_CALLBACK (update_station), self, G_CONNECT_SWAPPED);
  load (self);
}

static void
kap_preferences_window_dispose (GObject *object)
{
  KapPreferencesWindow *self = (KapPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kap_preferences_window_parent_class)->dispose (object);
}

static void
kap_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KapPreferencesWindow *self = KAP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KapPreferencesWindow *self = KAP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_preferences_window_class_init (KapPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kap_preferences_window_constructed;
  object_class->dispose = kap_preferences_window_dispose;
  object_class->get_property = kap_preferences_window_get_property;
  object_class->set_property = kap_preferences_window_set_property;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KAP_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/kap-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KapPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, KapPreferencesWindow, server_error);
  gtk_widget_class_bind_template_child (widget_class, KapPreferencesWindow, station_group);
  gtk_widget_class_bind_template_child (widget_class, KapPreferencesWindow, station_row);
  gtk_widget_class_bind_template_child (widget_class, KapPreferencesWindow, station_error);
  gtk_widget_class_bind_template_child (widget_class, KapPreferencesWindow, lock_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KapPreferencesWindow, consent_row);
  gtk_widget_class_bind_template_callback (widget_class, server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, station_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, station_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, consent_selected_cb);
}

static void
kap_preferences_window_init (KapPreferencesWindow *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_preferences_window_new (KapContext *context)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (context), NULL);

  return g_object_new (KAP_TYPE_PREFERENCES_WINDOW, "context", context, NULL);
}

const char *
kap_preferences_window_get_server_error (KapPreferencesWindow *self)
{
  g_return_val_if_fail (KAP_IS_PREFERENCES_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->server_error)) ? gtk_label_get_text (self->server_error) : NULL;
}

const char *
kap_preferences_window_get_station_error (KapPreferencesWindow *self)
{
  g_return_val_if_fail (KAP_IS_PREFERENCES_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->station_error)) ? gtk_label_get_text (self->station_error) : NULL;
}
