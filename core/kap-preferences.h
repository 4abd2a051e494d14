/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-context.h"

G_BEGIN_DECLS

/* What the Preferences window changes, checked here so that the rules
 * hold whoever asks: the server's address must be one (http or https,
 * with a host, no user name or password in it), a station code looks
 * like one (“RS-PRE”), and only a supervisor moves the laptop to another
 * station (kap_records_check(), KAP_RECORDS_ACTION_SET_STATION). Each
 * setter writes the app's GSettings only when the value passes. */

#define KAP_PREFERENCES_ERROR (kap_preferences_error_quark ())
GQuark kap_preferences_error_quark (void);

typedef enum
{
  KAP_PREFERENCES_ERROR_SERVER_URL,   /* not an http(s) address of a server */
  KAP_PREFERENCES_ERROR_STATION,      /* not a station code */
  KAP_PREFERENCES_ERROR_NO_SETTINGS,  /* the context has no settings to write */
} KapPreferencesError;

/* The idle lock's limits, in minutes (the key "lock-idle-minutes"). */
#define KAP_PREFERENCES_LOCK_MIN 1
#define KAP_PREFERENCES_LOCK_MAX 120

gboolean kap_preferences_check_server_url (const char  *url,
                                           GError     **error);
gboolean kap_preferences_check_station    (const char  *station,
                                           GError     **error);
/* Whether the one signed in to @context may change the station. */
gboolean kap_preferences_can_set_station  (KapContext  *context,
                                           GError     **error);

/* "server-url": @url trimmed; "" forgets the address. */
gboolean kap_preferences_set_server_url   (KapContext  *context,
                                           const char  *url,
                                           GError     **error);
/* "station-code": @station trimmed, in capitals. */
gboolean kap_preferences_set_station      (KapContext  *context,
                                           const char  *station,
                                           GError     **error);

G_END_DECLS
