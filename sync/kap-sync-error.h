/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KAP_SYNC_ERROR (kap_sync_error_quark ())

/* What a sync run can fail of, in the words a supervisor needs: the
 * messages are translated and say what to do; HTTP and JSON details only
 * go to g_debug. */
typedef enum
{
  KAP_SYNC_ERROR_UNREACHABLE,   /* no answer: network down, DNS, refused, timed out, TLS */
  KAP_SYNC_ERROR_AUTH,          /* the server refused the name or the password */
  KAP_SYNC_ERROR_FORBIDDEN,     /* logged in, but not a member of the station's database */
  KAP_SYNC_ERROR_SERVER,        /* 5xx, still after the retries */
  KAP_SYNC_ERROR_MALFORMED,     /* the reply is not the JSON the protocol promises */
  KAP_SYNC_ERROR_TOO_LARGE,     /* 413: the request is over the server's limit */
  KAP_SYNC_ERROR_CANCELLED,
  KAP_SYNC_ERROR_NO_DATABASE,   /* the station's database does not exist on the server */
} KapSyncError;

GQuark   kap_sync_error_quark   (void);

/* Sets @error to @code with the supervisor's message for it. */
void     kap_sync_set_error     (GError       **error,
                                 KapSyncError   code);

G_END_DECLS
