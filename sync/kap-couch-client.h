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
 * network errors and 5xx, and an I/O timeout per request (PouchDB ignores
 * the longpoll timeout, so the client never relies on the server's).
 *
 * The blocking calls may be made from any thread (libsoup >= 3.2 allows
 * sending from several threads); the _async variants run them in a worker
 * thread. Configure the client (credentials, retries) before the first
 * request. */

/* @url: "https://server:6984" (credentials in it are taken out and used
 * to log in unless kap_couch_client_set_credentials() gives others).
 * Returns NULL for a URL that is not http(s). @timeout_seconds: the I/O
 * timeout of a request (0: 60 s). */
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
 * Errors (KAP_SYNC_ERROR): UNREACHABLE, AUTH, FORBIDDEN (401 after a
 * successful login, or 403), SERVER (5xx after the retries), MALFORMED
 * (a reply that is not JSON), TOO_LARGE (413), CANCELLED. Other statuses
 * (404, 409, 400…) are not errors: the reply and @status tell the caller. */
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

/* How many requests were sent (tries included): for tests and figures. */
guint           kap_couch_client_get_request_count (KapCouchClient  *self);

G_END_DECLS
