/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The rules one HTTP exchange of KapCouchClient keeps against a hostile
 * or broken server: a deadline for the whole exchange, a bounded body,
 * redirects only within the configured origin, and telling libsoup's
 * header overflow from a lost connection. Private to kap-couch-client.c. */

/* A thread with its own main context, where the deadlines of one
 * client's exchanges run: the exchanges themselves block in their
 * callers' threads. */
typedef struct _KapCouchWatchdog KapCouchWatchdog;

KapCouchWatchdog *kap_couch_watchdog_new      (void) G_GNUC_WARN_UNUSED_RESULT;
void              kap_couch_watchdog_free     (KapCouchWatchdog *self);

/* A cancellable that is cancelled when @parent is (may be NULL) or when
 * @seconds have passed, whichever comes first. */
typedef struct _KapCouchDeadline KapCouchDeadline;

KapCouchDeadline *kap_couch_deadline_start    (KapCouchWatchdog *watchdog,
                                               guint             seconds,
                                               GCancellable     *parent) G_GNUC_WARN_UNUSED_RESULT;
GCancellable     *kap_couch_deadline_get_cancellable (KapCouchDeadline *self);
/* Whether the time ran out (and not @parent that was cancelled). */
gboolean          kap_couch_deadline_passed   (KapCouchDeadline *self);
void              kap_couch_deadline_free     (KapCouchDeadline *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCouchDeadline, kap_couch_deadline_free)

/* Reads @stream to its end, keeping at most @limit bytes in memory: the
 * buffer grows as the bytes come, never past @limit + 8 KiB. NULL with
 * *@too_large when there is more, NULL with @error on a read error. */
GBytes           *kap_couch_read_bounded      (GInputStream     *stream,
                                               gsize             limit,
                                               gboolean         *too_large,
                                               GCancellable     *cancellable,
                                               GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* The body length a reply announces when nothing decodes it on the way
 * (no Content-Encoding), else -1. */
goffset           kap_couch_declared_length   (SoupMessage      *message);

/* Where the redirect of @message (a request to @from) leads, when it
 * stays within @origin's scheme, host and port: the absolute URL,
 * without user info. NULL otherwise, with *@elsewhere (may be NULL) set
 * to the origin it leads to, or NULL when the Location is not a URL. */
char             *kap_couch_redirect_target   (GUri             *origin,
                                               const char       *from,
                                               const char       *location,
                                               char            **elsewhere) G_GNUC_WARN_UNUSED_RESULT;

/* Whether @error (of a message sent with SOUP_MESSAGE_COLLECT_METRICS)
 * is libsoup giving up on headers over its limit, which it reports with
 * the same code as a lost connection. */
gboolean          kap_couch_headers_overflowed (SoupMessage     *message,
                                                const GError    *error);

/* The header limit of libsoup 3 (HEADER_SIZE_LIMIT in its HTTP/1 code). */
#define KAP_COUCH_SOUP_HEADER_LIMIT (64 * 1024)

G_END_DECLS
