/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "kap-couch-client.h"
#include "kap-couch-transport.h"

G_BEGIN_DECLS

/* Shared by the two halves of KapCouchClient only: kap-couch-client.c (the
 * object, its settings, sign-in and the request rules a caller sees) and
 * kap-couch-exchange.c (one request on the wire: the cookie, redirects,
 * retries, deadlines and the bounded body). */

#define AUTH_COOKIE              "AuthSession"


struct _KapCouchClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;
  GUri        *origin;        /* of url: where requests may go */
  guint        tries;
  guint        first_delay_ms;
  guint        stall_seconds;
  guint        deadline_seconds;
  gsize        max_reply_size;

  GMutex       lock;          /* guards the members below */
  char        *name;
  char        *password;
  char        *cookie;        /* the AuthSession value */
  gboolean     locked_out;    /* the server locked the account: no more logins */
  GPtrArray   *flights;       /* Flight*, the requests under way */
  KapCouchWatchdog *watchdog; /* started with the first request */

  guint        request_count; /* atomic */
};

/* One attempt's outcome, before the auth and retry rules judge it. */
typedef struct
{
  GBytes *bytes;
  guint   status;
  char   *location;           /* of a redirect */
} Reply;

/* A request under way, for kap_couch_client_get_in_flight(). */
typedef struct
{
  KapCouchRequestKind kind;
  gint64              since;
} Flight;

/* send_with_retries() of kap-couch-exchange.c: one request, its
 * redirects on the configured origin and its retries (network errors and
 * 5xx, after a growing delay), all within the request's deadline. FALSE
 * with a KAP_SYNC_ERROR when no attempt got a usable answer. */
gboolean  kap_couch_client_send    (KapCouchClient  *self,
                                    const char      *method,
                                    const char      *path,
                                    GBytes          *body,
                                    Reply           *reply,
                                    GCancellable    *cancellable,
                                    GError         **error);
void      kap_couch_reply_clear    (Reply           *reply);
/* The reply's JSON (a JSON null for an error status whose body is not
 * JSON), or NULL with KAP_SYNC_ERROR_MALFORMED. */
JsonNode *kap_couch_reply_parse    (const char      *method,
                                    const char      *path,
                                    Reply           *reply,
                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
