/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KAP_SYNC_ERROR (kap_sync_error_quark ())

/* What a sync run can fail of, in the words a supervisor needs: the
 * messages are translated and say what to do; HTTP and JSON details only
 * go to g_debug. New codes go at the end: the numbers are kept. */
typedef enum
{
  KAP_SYNC_ERROR_UNREACHABLE,   /* no answer: network down, DNS, refused, connect timed out, TLS */
  KAP_SYNC_ERROR_AUTH,          /* the server refused the name or the password */
  KAP_SYNC_ERROR_FORBIDDEN,     /* logged in, but not a member of the station's database */
  KAP_SYNC_ERROR_SERVER,        /* 5xx, still after the retries; a redirect loop */
  KAP_SYNC_ERROR_MALFORMED,     /* the reply is not the JSON the protocol promises */
  KAP_SYNC_ERROR_TOO_LARGE,     /* 413: the request is over the server's limit */
  KAP_SYNC_ERROR_CANCELLED,
  KAP_SYNC_ERROR_NO_DATABASE,   /* the station's database does not exist on the server */
  KAP_SYNC_ERROR_REPLY_TOO_LARGE,   /* a reply over the client's limit, once decoded */
  KAP_SYNC_ERROR_HEADERS_TOO_LARGE, /* a reply's headers over libsoup's 64 KiB (a cookie flood) */
  KAP_SYNC_ERROR_STALLED,       /* connected, then no byte for the stall time */
  KAP_SYNC_ERROR_DEADLINE,      /* a request not finished within its deadline */
  KAP_SYNC_ERROR_REDIRECT,      /* a redirect off the configured server, not followed */
  KAP_SYNC_ERROR_LOCKED_OUT,    /* CouchDB's lockout after repeated failed logins */
} KapSyncError;

GQuark   kap_sync_error_quark        (void);

/* Sets @error to @code with the supervisor's message for it. */
void     kap_sync_set_error          (GError       **error,
                                      KapSyncError   code);
/* The same, for the codes whose message names a limit: the seconds of
 * STALLED and DEADLINE, the bytes of REPLY_TOO_LARGE (other codes ignore
 * @limit). */
void     kap_sync_set_error_limit    (GError       **error,
                                      KapSyncError   code,
                                      guint64        limit);
/* REDIRECT, naming where the server sent the client ("https://host:port"),
 * or without it when @elsewhere is NULL. */
void     kap_sync_set_error_redirect (GError       **error,
                                      const char    *elsewhere);

G_END_DECLS
