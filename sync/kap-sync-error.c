/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-sync-error.h"

G_DEFINE_QUARK (kap-sync-error-quark, kap_sync_error)

static char *
message_for (KapSyncError  code,
             guint64       limit,
             const char   *elsewhere)
{
  switch (code)
    {
    case KAP_SYNC_ERROR_UNREACHABLE:
      return g_strdup (_("The server did not answer. Check the connection and try again."));
    case KAP_SYNC_ERROR_AUTH:
      return g_strdup (_("The server did not accept the user name or the password."));
    case KAP_SYNC_ERROR_FORBIDDEN:
      return g_strdup (_("This account is not a member of this station’s database on the server. "
                         "Ask the server administrator to add it."));
    case KAP_SYNC_ERROR_SERVER:
      return g_strdup (_("The server has a problem and could not finish the sync. Try again later."));
    case KAP_SYNC_ERROR_MALFORMED:
      return g_strdup (_("The server sent a reply Kapija cannot read. Nothing of that reply was saved. "
                         "Try again later."));
    case KAP_SYNC_ERROR_TOO_LARGE:
      return g_strdup (_("The server refused a record as too large."));
    case KAP_SYNC_ERROR_CANCELLED:
      return g_strdup (_("The sync was stopped. The next sync continues where it stopped."));
    case KAP_SYNC_ERROR_NO_DATABASE:
      return g_strdup (_("This station has no database on the server. "
                         "Ask the server administrator to set it up."));
    case KAP_SYNC_ERROR_REPLY_TOO_LARGE:
      {
        g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

        /* Translators: %s is a size such as “64.0 MiB”. */
        return g_strdup_printf (_("The server sent a reply larger than %s, the most Kapija reads at once. "
                                  "Nothing of that reply was saved. Tell the server administrator."), size);
      }
    case KAP_SYNC_ERROR_HEADERS_TOO_LARGE:
      return g_strdup (_("The server sent a reply with more header lines than Kapija reads "
                         "(over 64 KiB, often a flood of cookies). Nothing of that reply was saved. "
                         "Tell the server administrator."));
    case KAP_SYNC_ERROR_STALLED:
      /* Translators: %u is a number of seconds. */
      return g_strdup_printf (_("The server stopped answering (no data for %u s). "
                                "Check the connection and try again."), (guint) limit);
    case KAP_SYNC_ERROR_DEADLINE:
      /* Translators: %u is a number of seconds. */
      return g_strdup_printf (_("The server did not finish answering within %u s. "
                                "The connection may be too slow; try again later."), (guint) limit);
    case KAP_SYNC_ERROR_REDIRECT:
      if (elsewhere == NULL)
        return g_strdup (_("The server redirects Kapija to another address. Kapija does not follow it, "
                           "so that nothing of the sign-in goes elsewhere. Check the server address."));
      /* Translators: %s is a server address such as https://kapija.example.gov. */
      return g_strdup_printf (_("The server redirects Kapija to another address (%s). Kapija does not follow it, "
                                "so that nothing of the sign-in goes elsewhere. If that is the right server, "
                                "enter it as the server address."), elsewhere);
    case KAP_SYNC_ERROR_LOCKED_OUT:
      return g_strdup (_("This account is locked for a while after too many failed sign-ins. "
                         "Wait a few minutes before trying again."));
    default:
      g_assert_not_reached ();
    }
}

void
kap_sync_set_error (GError       **error,
                    KapSyncError   code)
{
  kap_sync_set_error_limit (error, code, 0);
}

void
kap_sync_set_error_limit (GError       **error,
                          KapSyncError   code,
                          guint64        limit)
{
  g_autofree char *message = NULL;

  if (error == NULL)
    return;

  message = message_for (code, limit, NULL);
  g_set_error_literal (error, KAP_SYNC_ERROR, code, message);
}

void
kap_sync_set_error_redirect (GError     **error,
                             const char  *elsewhere)
{
  g_autofree char *message = NULL;

  if (error == NULL)
    return;

  message = message_for (KAP_SYNC_ERROR_REDIRECT, 0, elsewhere);
  g_set_error_literal (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_REDIRECT, message);
}
