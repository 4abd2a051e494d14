/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kap-sync-error.h"

G_BEGIN_DECLS

#define KAP_TYPE_COUCH_CLIENT (kap_couch_client_get_type ())
G_DECLARE_FINAL_TYPE (KapCouchClient, kap_couch_client, KAP, COUCH_CLIENT, GObject)

/* A client of one CouchDB server (DESIGN.md, Sync): one SoupSession, TLS
 * verification on, "Accept: application/json", gzip, cookie session
 * authentication (POST /_session; a later 401 logs in again once and
 * retries, never more), retries with exponential backoff and jitter on
 * network errors and 5xx.
 *
 * Against a hostile or broken server every request is bounded:
 * - Time: a request fails with KAP_SYNC_ERROR_STALLED when the server,
 *   once connected, sends nothing for the stall time (30 s unless
 *   kap_couch_client_new() says otherwise), and with
 *   KAP_SYNC_ERROR_DEADLINE when it has not finished, retries and
 *   redirects included, within the deadline (5 minutes unless
 *   kap_couch_client_set_deadline() says otherwise). Neither is retried:
 *   a stalled run ends within the stall time of the server's last byte.
 *   PouchDB ignores the longpoll timeout, so the client never relies on
 *   the server's.
 * - Size: a reply is read as it comes and given up as soon as it is over
 *   the limit once decoded (64 MiB unless
 *   kap_couch_client_set_max_reply_size() says otherwise; gzip counts
 *   decoded): KAP_SYNC_ERROR_REPLY_TOO_LARGE. A reply whose headers are
 *   over libsoup's 64 KiB (a flood of Set-Cookie) is
 *   KAP_SYNC_ERROR_HEADERS_TOO_LARGE.
 * - Origin: redirects are followed by the client itself, up to 5, and
 *   only within the scheme, host and port of the configured URL (CouchDB
 *   answers /db/_design%2Fx with a 301 to /db/_design/x); a redirect
 *   anywhere else is KAP_SYNC_ERROR_REDIRECT and nothing, the session
 *   cookie above all, is sent there.
 * - Login: 401 on POST /_session is a wrong name or password
 *   (KAP_SYNC_ERROR_AUTH); CouchDB's 403 "Account is temporarily locked"
 *   is KAP_SYNC_ERROR_LOCKED_OUT, and from then on this client sends no
 *   login again until new credentials are set.
 *
 * The blocking calls may be made from any thread (libsoup >= 3.2 allows
 * sending from several threads); the _async variants run them in a worker
 * thread. Configure the client (credentials, retries, limits) before the
 * first request. */

#define KAP_COUCH_CLIENT_DEFAULT_STALL_SECONDS     30
#define KAP_COUCH_CLIENT_DEFAULT_DEADLINE_SECONDS  300
#define KAP_COUCH_CLIENT_DEFAULT_MAX_REPLY_SIZE    ((gsize) 64 * 1024 * 1024)

/* What a request in flight is for, as the sync page tells it. */
typedef enum
{
  KAP_COUCH_REQUEST_OTHER,
  KAP_COUCH_REQUEST_SIGN_IN,     /* POST /_session */
  KAP_COUCH_REQUEST_DATABASE,    /* GET /db */
  KAP_COUCH_REQUEST_CHANGES,     /* _changes */
  KAP_COUCH_REQUEST_REVS_DIFF,   /* _revs_diff */
  KAP_COUCH_REQUEST_BULK_DOCS,   /* _bulk_docs: records sent */
  KAP_COUCH_REQUEST_FETCH,       /* _bulk_get, open_revs: records received */
  KAP_COUCH_REQUEST_CHECKPOINT,  /* _local/… */
} KapCouchRequestKind;

/* @url: "https://server:6984" (credentials in it are taken out and used
 * to log in unless kap_couch_client_set_credentials() gives others).
 * Returns NULL for a URL that is not http(s). @timeout_seconds: the stall
 * time, how long the server may send nothing once a request is under way
 * (connect included) before the request fails (0: 30 s). */
KapCouchClient *kap_couch_client_new               (const char      *url,
                                                    guint            timeout_seconds) G_GNUC_WARN_UNUSED_RESULT;
/* The server URL without credentials, query or trailing slash: what the
 * replication id is made of. */
const char     *kap_couch_client_get_url           (KapCouchClient  *self);
void            kap_couch_client_set_credentials   (KapCouchClient  *self,
                                                    const char      *name,
                                                    const char      *password);
const char     *kap_couch_client_get_user_name     (KapCouchClient  *self);
/* Tries in all (1: no retry) and the first backoff delay; the defaults
 * are 4 tries and 500 ms, doubled each time, ±25 %. */
void            kap_couch_client_set_retry         (KapCouchClient  *self,
                                                    guint            tries,
                                                    guint            first_delay_ms);
/* The deadline of one request, tries and redirects included (0: 300 s). */
void            kap_couch_client_set_deadline      (KapCouchClient  *self,
                                                    guint            seconds);
/* The largest reply, in bytes once decoded (0: 64 MiB). */
void            kap_couch_client_set_max_reply_size (KapCouchClient *self,
                                                    gsize            bytes);

/* POST /_session with the credentials; without credentials it does
 * nothing and succeeds (a server that needs none). */
gboolean        kap_couch_client_log_in            (KapCouchClient  *self,
                                                    GCancellable    *cancellable,
                                                    GError         **error);
void            kap_couch_client_log_in_async      (KapCouchClient      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        kap_couch_client_log_in_finish     (KapCouchClient  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);

/* One JSON request. @path starts with '/' and is escaped already (see
 * kap_couch_client_build_path()); @body may be NULL. Returns the parsed
 * reply and stores the HTTP status in @status (may be NULL).
 *
 * Errors (KAP_SYNC_ERROR): UNREACHABLE, AUTH, LOCKED_OUT, FORBIDDEN (401
 * after a successful login, or 403), SERVER (5xx after the retries, a
 * redirect loop), MALFORMED (a reply that is not JSON),
 * TOO_LARGE (413), REPLY_TOO_LARGE, HEADERS_TOO_LARGE, STALLED, DEADLINE,
 * REDIRECT, CANCELLED. Other statuses (404, 409, 400…) are not errors: the
 * reply and @status tell the caller. */
JsonNode       *kap_couch_client_request           (KapCouchClient  *self,
                                                    const char      *method,
                                                    const char      *path,
                                                    JsonNode        *body,
                                                    guint           *status,
                                                    GCancellable    *cancellable,
                                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;
void            kap_couch_client_request_async     (KapCouchClient      *self,
                                                    const char          *method,
                                                    const char          *path,
                                                    JsonNode            *body,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JsonNode       *kap_couch_client_request_finish    (KapCouchClient  *self,
                                                    GAsyncResult    *result,
                                                    guint           *status,
                                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* "/<db>/<segment>…": each segment escaped as one path segment (ids with
 * ':' or '/' included), except "_local/…" kept as two. NULL-terminated. */
char           *kap_couch_client_build_path        (const char      *database,
                                                    ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;

/* Whether a request is in flight, and then what for (@kind) and since
 * when (@since, g_get_monotonic_time()); the oldest when several are.
 * Thread-safe: the sync page asks while the run's thread waits. */
gboolean        kap_couch_client_get_in_flight     (KapCouchClient       *self,
                                                    KapCouchRequestKind  *kind,
                                                    gint64               *since);

/* How many requests were sent (tries and redirects included): for tests
 * and figures. */
guint           kap_couch_client_get_request_count (KapCouchClient  *self);

G_END_DECLS
