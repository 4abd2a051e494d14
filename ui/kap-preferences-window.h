/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-context.h"

G_BEGIN_DECLS

#define KAP_TYPE_PREFERENCES_WINDOW (kap_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KapPreferencesWindow, kap_preferences_window, KAP, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Preferences (app menu, Ctrl+,): the sync server's address and the
 * laptop's station ("server-url", "station-code"; checked and written by
 * core/kap-preferences.c, the station by a supervisor only), the idle
 * lock ("lock-idle-minutes") and the language of the texts shown to the
 * person ("consent-language", "" for the app's own), in the settings of
 * @context. */
GtkWidget  *kap_preferences_window_new                (KapContext           *context);
/* What the window says of the address or the station it refused, or
 * NULL when it refused nothing. */
const char *kap_preferences_window_get_server_error   (KapPreferencesWindow *self);
const char *kap_preferences_window_get_station_error  (KapPreferencesWindow *self);

G_END_DECLS
