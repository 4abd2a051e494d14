/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-sync-error.h"

G_DEFINE_QUARK (kap-sync-error-quark, kap_sync_error)

void
kap_sync_set_error (GError       **error,
                    KapSyncError   code)
{
  const char *message;

  switch (code)
    {
    case KAP_SYNC_ERROR_UNREACHABLE:
      message = _("The server did not answer. Check the connection and try again.");
      break;
    case KAP_SYNC_ERROR_AUTH:
      message = _("The server did not accept the user name or the password.");
      break;
    case KAP_SYNC_ERROR_FORBIDDEN:
      message = _("This account is not a member of this station’s database on the server. "
                  "Ask the server administrator to add it.");
      break;
    case KAP_SYNC_ERROR_SERVER:
      message = _("The server has a problem and could not finish the sync. Try again later.");
      break;
    case KAP_SYNC_ERROR_MALFORMED:
      message = _("The server sent a reply Kapija cannot read. Nothing of that reply was saved. "
                  "Try again later.");
      break;
    case KAP_SYNC_ERROR_TOO_LARGE:
      message = _("The server refused a record as too large.");
      break;
    case KAP_SYNC_ERROR_CANCELLED:
      message = _("The sync was stopped. The next sync continues where it stopped.");
      break;
    case KAP_SYNC_ERROR_NO_DATABASE:
      message = _("This station has no database on the server. "
                  "Ask the server administrator to set it up.");
      break;
    default:
      g_assert_not_reached ();
    }

  g_set_error_literal (error, KAP_SYNC_ERROR, code, message);
}
