/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The CouchDB-protocol test peer: PouchDB Server from tests/server
 * (PLATFORM.md), started in memory on 127.0.0.1 on a free port, in its own
 * temporary working directory, and killed when the test stops it or when
 * the test process dies (even by abort()). */
typedef struct _KapTestServer KapTestServer;

/* Fails (never skips) when $KAP_TEST_SERVER_DIR is unset or the server is
 * not installed there: the integration suite must not pass silently on a
 * machine that cannot run it. Call it from the thread that outlives the
 * server (the main thread): PR_SET_PDEATHSIG follows the thread that
 * started the child, not the process. */
KapTestServer *kap_test_server_start        (GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same, trying @port first (0: none); a port in use is no error, the
 * server then starts on a free one. For testing the retry. */
KapTestServer *kap_test_server_start_full   (guint16         port,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Kills the server (its whole process group), reaps it and frees @self. */
void           kap_test_server_stop         (KapTestServer  *self);

/* "http://127.0.0.1:PORT", without a trailing slash. */
const char    *kap_test_server_get_url      (KapTestServer  *self);
guint16        kap_test_server_get_port     (KapTestServer  *self);
GPid           kap_test_server_get_pid      (KapTestServer  *self);
/* The server's working directory (config.json, log.txt), removed on stop. */
const char    *kap_test_server_get_workdir  (KapTestServer  *self);
SoupSession   *kap_test_server_get_session  (KapTestServer  *self);

/* One JSON request to @path (starting with '/', already escaped) with
 * "Accept: application/json", which PouchDB Server needs to reply with
 * JSON rather than text/plain. @body may be NULL. The reply is parsed as
 * JSON. With @status NULL, a reply outside 2xx is an error; otherwise the
 * HTTP status is stored there and left to the caller to judge. */
JsonNode      *kap_test_server_request      (KapTestServer  *self,
                                             const char     *method,
                                             const char     *path,
                                             JsonNode       *body,
                                             guint          *status,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same with a JSON text as the body. */
JsonNode      *kap_test_server_request_text (KapTestServer  *self,
                                             const char     *method,
                                             const char     *path,
                                             const char     *body,
                                             guint          *status,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* PUT /@name; a database that exists already is an error. */
gboolean       kap_test_server_create_database (KapTestServer *self,
                                                const char    *name,
                                                GError       **error);

/* @id escaped for use as one path segment. */
char          *kap_test_server_escape_id    (const char     *id) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapTestServer, kap_test_server_stop)

G_END_DECLS
