/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-names"

#include "config.h"

#include "kap-sync-names.h"

gboolean
kap_sync_station_code_is_valid (const char *code)
{
  gsize len;

  if (code == NULL || !g_ascii_isalpha (code[0]))
    return FALSE;

  len = strlen (code);
  if (len < 2 || len > 16)
    return FALSE;

  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

char *
kap_sync_station_database_name (const char *code)
{
  g_autofree char *lower = NULL;

  if (!kap_sync_station_code_is_valid (code))
    return NULL;

  /* CouchDB database names must be lower case and start with a letter. */
  lower = g_ascii_strdown (code, -1);
  return g_strconcat ("kapija-st-", lower, NULL);
}

char *
kap_sync_station_role (const char *code)
{
  if (!kap_sync_station_code_is_valid (code))
    return NULL;

  /* Roles keep the code as the country spells it, matching the station
   * field of the records. */
  return g_strconcat ("station:", code, NULL);
}
