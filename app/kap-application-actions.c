/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-application.h"
#include "kap-preferences-window.h"

static void
kap_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  KapApplication *self = user_data;

  /* g_application_quit() skips the windows' close-request, where their
   * size is saved, so save it here first. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    kap_application_save_window_state (self, GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
kap_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  KapApplication *self = user_data;
  static const char *developers[] = { "Kapija contributors", NULL };
  GtkWindow *parent;
  GtkWidget *about;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Kapija",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Record screenings offline and sync them later"),
                        "developer-name", _("Kapija contributors"),
                        "developers", developers,
                        "website", "https://github.com/kapija/kapija",
                        "issue-url", "https://github.com/kapija/kapija/issues",
                        "copyright", "© 2026 Kapija contributors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your name (and email) here, one
                         * translator a line, to be credited in About. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
kap_application_shortcuts_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  KapApplication *self = user_data;
  GtkWindow *window;

  /* GtkApplicationWindow builds the shortcuts window from
   * <resource base path>/gtk/help-overlay.ui and owns the action. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
kap_application_preferences_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  KapApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  if (kap_application_get_context (self) == NULL)
    return;

  /* The app's one context: its settings, and who is signed in (only a
   * supervisor changes the station). */
  preferences = kap_preferences_window_new (kap_application_get_context (self));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", kap_application_quit_action },
  { "preferences", kap_application_preferences_action },
  { "about", kap_application_about_action },
  { "shortcuts", kap_application_shortcuts_action },
};

void
kap_application_add_actions (KapApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  g_return_if_fail (KAP_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}
