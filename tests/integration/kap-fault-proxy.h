/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A small HTTP proxy in front of the test server that misbehaves on
 * request: a SoupServer on 127.0.0.1 in its own thread (so that a test may
 * block on the code under test), forwarding every request to @upstream and
 * applying the faults that match it. Every request is recorded, so that a
 * test can count what the client sent. Without an upstream it is a
 * hostile server of its own: the faults answer, and the rest gets 404.
 * Every connection ends after its reply ("Connection: close"). */
typedef struct _KapFaultProxy KapFaultProxy;

typedef enum
{
  KAP_FAULT_DROP,      /* send the headers and half the body, then close the connection */
  KAP_FAULT_STATUS,    /* answer with status @value (500, 413…) and a JSON error; not forwarded */
  KAP_FAULT_TRUNCATE,  /* forward, but only the first half of the body, as a complete reply */
  KAP_FAULT_CORRUPT,   /* forward, with the body's first byte replaced: not JSON any more */
  KAP_FAULT_DELAY,     /* forward, and answer after @value milliseconds */
  /* Hostile replies, none forwarded: */
  KAP_FAULT_SILENT,       /* read the request and never answer */
  KAP_FAULT_ENDLESS,      /* 200, chunked, "[1,1,…,1]" of @size bytes (0: 1 GiB, as good as endless) */
  KAP_FAULT_LONG,         /* 200 announcing @size bytes (Content-Length), written as the client reads */
  KAP_FAULT_GZIP_BOMB,    /* 200, Content-Encoding: gzip, chunked: @size zero bytes once decoded */
  KAP_FAULT_TRICKLE,      /* 200 announcing @size bytes, one every @value milliseconds */
  KAP_FAULT_COOKIE_FLOOD, /* 200 {"ok":true} after @value Set-Cookie headers of 4 KB each */
  KAP_FAULT_REDIRECT,     /* status @value (301, 302, 307…) with Location: @location */
  KAP_FAULT_STALE_CONNECTION, /* status @value with @body (NULL: {"ok":true}) on a connection
                               * kept alive, then closed unanswered when the client sends the
                               * next request on it: a server's idle timeout that wins the race
                               * with the client's next request */
} KapFaultKind;

typedef struct
{
  const char   *method;          /* NULL: any */
  const char   *path_contains;   /* NULL: any; matched against path and query */
  KapFaultKind  kind;
  guint         value;           /* status or milliseconds */
  guint         skip;            /* let this many matching requests through first */
  guint         count;           /* then fault this many (0: every one after) */
  gsize         min_body;        /* only requests with a body of at least this many bytes */
  const char   *body;            /* STATUS, STALE_CONNECTION: the reply's body (NULL: a JSON error) */
  const char   *set_cookie;      /* STATUS: a Set-Cookie header for the reply, or NULL */
  const char   *location;        /* REDIRECT */
  guint64       size;            /* ENDLESS, LONG, GZIP_BOMB, TRICKLE */
  const char   *body_contains;   /* NULL: any; else only requests whose body has it */
} KapFault;

/* CouchDB 3's answer to POST /_session, even with the right password,
 * once an account has failed five logins (PouchDB Server has no
 * lockout), with status 403: a body for KAP_FAULT_STATUS. */
#define KAP_FAULT_COUCHDB_LOCKOUT \
  "{\"error\":\"forbidden\",\"reason\":\"Account is temporarily locked due to multiple authentication failures\"}"

/* One recorded request. */
typedef struct
{
  char    *method;
  char    *path;                 /* with the query */
  gsize    body_length;
  gboolean faulted;
  char    *cookie;               /* the Cookie header, or NULL */
  gboolean authorization;        /* whether it had an Authorization header */
} KapProxiedRequest;

/* @upstream: NULL for a hostile server with no server behind it. */
KapFaultProxy *kap_fault_proxy_new            (const char      *upstream,
                                               GError         **error) G_GNUC_WARN_UNUSED_RESULT;
void           kap_fault_proxy_free           (KapFaultProxy   *self);
/* "http://127.0.0.1:PORT" */
const char    *kap_fault_proxy_get_url        (KapFaultProxy   *self);

void           kap_fault_proxy_add_fault      (KapFaultProxy   *self,
                                               const KapFault  *fault);
void           kap_fault_proxy_clear_faults   (KapFaultProxy   *self);

/* Requests seen so far whose method is @method (NULL: any) and whose path
 * with query contains @path_contains (NULL: any). */
guint          kap_fault_proxy_count          (KapFaultProxy   *self,
                                               const char      *method,
                                               const char      *path_contains);
/* Waits until every socket the proxy accepted is freed (its clients are
 * gone); FALSE if one is still there after @timeout_seconds. */
gboolean       kap_fault_proxy_wait_no_sockets (KapFaultProxy   *self,
                                                guint            timeout_seconds);
/* How many requests got a fault. */
guint          kap_fault_proxy_count_faulted  (KapFaultProxy   *self);
/* A copy of the records (KapProxiedRequest, freed with the array). */
GPtrArray     *kap_fault_proxy_get_requests   (KapFaultProxy   *self) G_GNUC_WARN_UNUSED_RESULT;
void           kap_fault_proxy_reset_requests (KapFaultProxy   *self);
/* The bytes of ENDLESS, LONG, GZIP_BOMB and TRICKLE bodies written to
 * clients so far (into the socket: the client has them, or its kernel). */
gsize          kap_fault_proxy_get_bytes_written (KapFaultProxy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapFaultProxy, kap_fault_proxy_free)

G_END_DECLS
