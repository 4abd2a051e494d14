/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-preferences.h"
#include "kap-records.h"

G_DEFINE_QUARK (kap-preferences-error-quark, kap_preferences_error)

/* Longer than any station code in use, short enough for a record. */
#define STATION_MAX_LEN 16

gboolean
kap_preferences_check_server_url (const char  *url,
                                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || url[0] == '\0')
    return TRUE;

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error_literal (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_SERVER_URL,
                           _("The server address must start with https:// or http:// "
                             "followed by the server's name, for example https://kapija.example.gov.rs"));
      return FALSE;
    }

  /* A password kept in the settings is readable by anyone at the laptop;
   * the sync page asks for it each time instead. */
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      g_set_error_literal (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_SERVER_URL,
                           _("Leave the user name and password out of the server address: "
                             "the sync page asks for them"));
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_preferences_check_station (const char  *station,
                               GError     **error)
{
  gsize len = station != NULL ? strlen (station) : 0;
  gboolean valid = len > 0 && len <= STATION_MAX_LEN;

  for (gsize i = 0; valid && i < len; i++)
    valid = g_ascii_isalnum (station[i]) || station[i] == '-';

  if (!valid)
    {
      g_set_error (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_STATION,
                   /* Translators: %d is the longest a code may be. */
                   _("A station code is up to %d letters, digits and hyphens, for example RS-PRE"),
                   STATION_MAX_LEN);
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_preferences_can_set_station (KapContext  *context,
                                 GError     **error)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (context), FALSE);

  return kap_context_check (context, KAP_RECORDS_ACTION_SET_STATION, error);
}

static GSettings *
settings_of (KapContext  *context,
             GError     **error)
{
  GSettings *settings = kap_context_get_settings (context);

  if (settings == NULL)
    g_set_error_literal (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_NO_SETTINGS,
                         _("This window has no settings to change"));

  return settings;
}

gboolean
kap_preferences_set_server_url (KapContext  *context,
                                const char  *url,
                                GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));
  GSettings *settings;

  g_return_val_if_fail (KAP_IS_CONTEXT (context), FALSE);

  if (!kap_preferences_check_server_url (trimmed, error))
    return FALSE;
  if ((settings = settings_of (context, error)) == NULL)
    return FALSE;

  g_settings_set_string (settings, "server-url", trimmed);
  return TRUE;
}

gboolean
kap_preferences_set_station (KapContext  *context,
                             const char  *station,
                             GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (station != NULL ? station : ""));
  g_autofree char *code = NULL;
  GSettings *settings;

  g_return_val_if_fail (KAP_IS_CONTEXT (context), FALSE);

  /* The role first: an officer learns they cannot, not that the code is
   * badly typed. */
  if (!kap_preferences_can_set_station (context, error))
    return FALSE;
  if (!kap_preferences_check_station (trimmed, error))
    return FALSE;
  if ((settings = settings_of (context, error)) == NULL)
    return FALSE;

  code = g_ascii_strup (trimmed, -1);
  g_settings_set_string (settings, "station-code", code);
  return TRUE;
}
