/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-couch-client"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <libsoup/soup.h>

#include "kap-canonical-json.h"
#include "kap-couch-client.h"
#include "kap-couch-transport.h"
#include "kap-json.h"
#include "kap-soup-logger.h"

#define DEFAULT_TRIES            4
#define DEFAULT_FIRST_DELAY_MS   500
#define MAX_REDIRECTS            5
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

G_DEFINE_FINAL_TYPE (KapCouchClient, kap_couch_client, G_TYPE_OBJECT)

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

/* What became of one exchange. */
typedef enum
{
  EXCHANGE_REPLY,             /* a reply, in the Reply */
  EXCHANGE_RETRY,             /* a network error worth another try */
  EXCHANGE_FAIL,              /* a KAP_SYNC_ERROR that trying again would not change */
} Exchange;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->bytes, g_bytes_unref);
  g_clear_pointer (&reply->location, g_free);
  reply->status = 0;
}

static KapCouchRequestKind
request_kind (const char *method,
              const char *path)
{
  g_autofree char *bare = g_strndup (path, strcspn (path, "?"));

  if (g_str_equal (bare, "/_session"))
    return KAP_COUCH_REQUEST_SIGN_IN;
  if (g_str_has_suffix (bare, "/_changes"))
    return KAP_COUCH_REQUEST_CHANGES;
  if (g_str_has_suffix (bare, "/_revs_diff"))
    return KAP_COUCH_REQUEST_REVS_DIFF;
  if (g_str_has_suffix (bare, "/_bulk_docs"))
    return KAP_COUCH_REQUEST_BULK_DOCS;
  if (g_str_has_suffix (bare, "/_bulk_get") || strstr (path, "open_revs=") != NULL)
    return KAP_COUCH_REQUEST_FETCH;
  if (strstr (bare, "/_local/") != NULL)
    return KAP_COUCH_REQUEST_CHECKPOINT;
  if (g_str_equal (method, "GET") && strchr (bare + 1, '/') == NULL)
    return KAP_COUCH_REQUEST_DATABASE;
  return KAP_COUCH_REQUEST_OTHER;
}

static void
flight_begin (KapCouchClient *self,
              Flight         *flight,
              const char     *method,
              const char     *path)
{
  flight->kind = request_kind (method, path);
  flight->since = g_get_monotonic_time ();

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->flights, flight);
  g_mutex_unlock (&self->lock);
}

static void
flight_end (KapCouchClient *self,
            Flight         *flight)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_remove_fast (self->flights, flight);
  g_mutex_unlock (&self->lock);
}

static KapCouchDeadline *
deadline_start (KapCouchClient *self,
                GCancellable   *cancellable)
{
  g_mutex_lock (&self->lock);
  if (self->watchdog == NULL)
    self->watchdog = kap_couch_watchdog_new ();
  g_mutex_unlock (&self->lock);

  return kap_couch_deadline_start (self->watchdog, self->deadline_seconds, cancellable);
}

/* Waits @ms, or less when @cancellable fires; FALSE when cancelled. */
static gboolean
wait_cancellable (guint         ms,
                  GCancellable *cancellable)
{
  GPollFD pollfd;

  if (cancellable == NULL)
    {
      g_usleep ((gulong) ms * 1000);
      return TRUE;
    }

  if (g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_poll (&pollfd, 1, (int) ms);
      g_cancellable_release_fd (cancellable);
    }
  else
    g_usleep ((gulong) ms * 1000);

  return !g_cancellable_is_cancelled (cancellable);
}

static guint
backoff_ms (KapCouchClient *self,
            guint           attempt)
{
  double delay = (double) self->first_delay_ms * (double) (1u << MIN (attempt, 10u));

  /* ±25 % so that many laptops coming back online at once do not retry
   * in step. */
  return (guint) (delay * g_random_double_range (0.75, 1.25));
}

static void
remember_cookie (KapCouchClient *self,
                 SoupMessage    *message)
{
  GSList *cookies = soup_cookies_from_response (message);

  for (GSList *l = cookies; l != NULL; l = l->next)
    {
      SoupCookie *cookie = l->data;

      if (g_strcmp0 (soup_cookie_get_name (cookie), AUTH_COOKIE) == 0)
        {
          g_mutex_lock (&self->lock);
          g_free (self->cookie);
          self->cookie = g_strdup (soup_cookie_get_value (cookie));
          g_mutex_unlock (&self->lock);
        }
    }

  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}

/* Cancellation, the deadline, or a stall, as the error the caller sees;
 * FALSE when @error is none of these. */
static gboolean
timing_error (KapCouchClient    *self,
              SoupMessage       *message,
              const GError      *error,
              KapCouchDeadline  *deadline,
              GCancellable      *cancellable,
              GError           **out)
{
  if (g_cancellable_is_cancelled (cancellable))
    kap_sync_set_error (out, KAP_SYNC_ERROR_CANCELLED);
  else if (kap_couch_deadline_passed (deadline))
    kap_sync_set_error_limit (out, KAP_SYNC_ERROR_DEADLINE, self->deadline_seconds);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      /* Before the connection there was no server to stop answering. */
      if (message != NULL && soup_message_get_remote_address (message) != NULL)
        kap_sync_set_error_limit (out, KAP_SYNC_ERROR_STALLED, self->stall_seconds);
      else
        kap_sync_set_error (out, KAP_SYNC_ERROR_UNREACHABLE);
    }
  else
    return FALSE;

  return TRUE;
}

/* What a libsoup or stream error means for the supervisor, and whether
 * another try may help. */
static Exchange
judge_error (KapCouchClient    *self,
             SoupMessage       *message,
             const GError      *error,
             KapCouchDeadline  *deadline,
             GCancellable      *cancellable,
             GError           **out)
{
  if (timing_error (self, message, error, deadline, cancellable, out))
    return EXCHANGE_FAIL;

  if (kap_couch_headers_overflowed (message, error))
    {
      kap_sync_set_error (out, KAP_SYNC_ERROR_HEADERS_TOO_LARGE);
      return EXCHANGE_FAIL;
    }

  kap_sync_set_error (out, KAP_SYNC_ERROR_UNREACHABLE);

  /* A certificate the system does not trust is not going to change by
   * trying again, nor is a malformed URL. */
  if (error->domain == G_TLS_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return EXCHANGE_FAIL;

  return EXCHANGE_RETRY;
}

/* libsoup sends an idempotent request (GET, PUT) again on a new
 * connection when the kept-alive one it went on turns out closed by the
 * server, but drops the request's body for it and keeps its
 * Content-Length (soup_message_restarted(); its documentation leaves
 * setting the body again to the caller): the server would wait for a
 * body that never comes, until the stall ends the run. */
static void
restarted_cb (SoupMessage *message,
              GBytes      *body)
{
  soup_message_set_request_body_from_bytes (message, NULL, body);
}

static void
body_notify (gpointer  body,
             GClosure *closure)
{
  g_bytes_unref (body);
}

/* One HTTP exchange with @url, a URL on the configured origin: the
 * cookie goes with it, redirects are not followed (send_following()
 * does that), and the body is read within the reply limit. */
static Exchange
send_once (KapCouchClient    *self,
           const char        *method,
           const char        *url,
           GBytes            *body,
           Reply             *reply,
           KapCouchDeadline  *deadline,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *cookie = NULL;
  GCancellable *exchange_cancellable = kap_couch_deadline_get_cancellable (deadline);
  SoupMessageHeaders *headers;
  gboolean too_large = FALSE;
  goffset declared;

  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_debug ("Not a valid request URL: %s %s", method, url);
      kap_sync_set_error (error, KAP_SYNC_ERROR_UNREACHABLE);
      return EXCHANGE_FAIL;
    }
  /* The metrics tell libsoup's header overflow from a lost connection. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);

  headers = soup_message_get_request_headers (message);
  /* PouchDB Server answers text/plain without it. */
  soup_message_headers_replace (headers, "Accept", "application/json");

  g_mutex_lock (&self->lock);
  cookie = g_strdup (self->cookie);
  g_mutex_unlock (&self->lock);
  if (cookie != NULL)
    {
      g_autofree char *value = g_strconcat (AUTH_COOKIE "=", cookie, NULL);

      soup_message_headers_replace (headers, "Cookie", value);
    }

  if (body != NULL)
    {
      soup_message_set_request_body_from_bytes (message, "application/json", body);
      g_signal_connect_data (message, "restarted", G_CALLBACK (restarted_cb),
                             g_bytes_ref (body), body_notify, G_CONNECT_DEFAULT);
    }

  g_atomic_int_inc (&self->request_count);
  stream = soup_session_send (self->session, message, exchange_cancellable, &local_error);
  if (stream != NULL)
    {
      remember_cookie (self, message);

      /* No need to read what is announced too long. */
      declared = kap_couch_declared_length (message);
      if (declared > 0 && (guint64) declared > self->max_reply_size)
        too_large = TRUE;
      else
        reply->bytes = kap_couch_read_bounded (stream, self->max_reply_size, &too_large,
                                               exchange_cancellable, &local_error);
      /* Early, this closes the connection rather than read the rest. */
      g_input_stream_close (stream, NULL, NULL);
    }

  if (too_large)
    {
      g_debug ("%s %s: HTTP %u, a reply over %" G_GSIZE_FORMAT " bytes", method, url,
               soup_message_get_status (message), self->max_reply_size);
      kap_sync_set_error_limit (error, KAP_SYNC_ERROR_REPLY_TOO_LARGE, self->max_reply_size);
      return EXCHANGE_FAIL;
    }

  if (reply->bytes == NULL)
    {
      g_debug ("%s %s: %s", method, url, local_error->message);
      return judge_error (self, message, local_error, deadline, cancellable, error);
    }

  reply->status = soup_message_get_status (message);
  reply->location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                            "Location"));
  return EXCHANGE_REPLY;
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* send_once() and the redirects on the configured origin after it. The
 * method and the body stay (a CouchDB client has no use for a POST
 * turned into a GET), but for 303, which asks for a GET. */
static Exchange
send_following (KapCouchClient    *self,
                const char        *method,
                const char        *path,
                GBytes            *body,
                Reply             *reply,
                KapCouchDeadline  *deadline,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autofree char *url = g_strconcat (self->url, path, NULL);

  for (guint hops = 0;; hops++)
    {
      g_autofree char *next = NULL;
      g_autofree char *elsewhere = NULL;
      Exchange outcome;

      outcome = send_once (self, method, url, body, reply, deadline, cancellable, error);
      if (outcome != EXCHANGE_REPLY || !is_redirect (reply->status))
        return outcome;

      if (reply->location == NULL)
        {
          g_debug ("%s %s: HTTP %u without a Location", method, path, reply->status);
          reply_clear (reply);
          kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
          return EXCHANGE_FAIL;
        }

      next = kap_couch_redirect_target (self->origin, url, reply->location, &elsewhere);
      if (next == NULL)
        {
          g_debug ("%s %s: HTTP %u to another origin, not followed", method, path, reply->status);
          reply_clear (reply);
          kap_sync_set_error_redirect (error, elsewhere);
          return EXCHANGE_FAIL;
        }

      if (hops == MAX_REDIRECTS)
        {
          g_debug ("%s %s: more than %u redirects", method, path, MAX_REDIRECTS);
          reply_clear (reply);
          kap_sync_set_error (error, KAP_SYNC_ERROR_SERVER);
          return EXCHANGE_FAIL;
        }

      g_debug ("%s %s: HTTP %u, following it on the same server", method, path, reply->status);
      if (reply->status == SOUP_STATUS_SEE_OTHER && !g_str_equal (method, "HEAD"))
        {
          method = "GET";
          body = NULL;
        }
      reply_clear (reply);
      g_free (url);
      url = g_steal_pointer (&next);
    }
}

/* send_following() with the retries: network errors and 5xx are tried
 * again after a growing delay, all within the request's deadline. FALSE
 * with a KAP_SYNC_ERROR when no attempt got a usable answer. */
static gboolean
send_with_retries (KapCouchClient  *self,
                   const char      *method,
                   const char      *path,
                   GBytes          *body,
                   Reply           *reply,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(KapCouchDeadline) deadline = NULL;
  Flight flight;
  gboolean ok = FALSE;

  if (g_cancellable_is_cancelled (cancellable))
    {
      kap_sync_set_error (error, KAP_SYNC_ERROR_CANCELLED);
      return FALSE;
    }

  deadline = deadline_start (self, cancellable);
  flight_begin (self, &flight, method, path);

  for (guint attempt = 0; attempt < self->tries; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean last = attempt + 1 == self->tries;
      Exchange outcome;

      reply_clear (reply);

      outcome = send_following (self, method, path, body, reply, deadline, cancellable, &local_error);
      if (outcome == EXCHANGE_FAIL || (outcome == EXCHANGE_RETRY && last))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
      if (outcome == EXCHANGE_REPLY && reply->status < 500)
        {
          ok = TRUE;
          break;
        }

      if (outcome == EXCHANGE_REPLY)
        {
          g_debug ("%s %s: attempt %u: HTTP %u", method, path, attempt + 1, reply->status);
          if (last)
            {
              kap_sync_set_error (error, KAP_SYNC_ERROR_SERVER);
              break;
            }
        }
      else
        g_debug ("%s %s: attempt %u: %s", method, path, attempt + 1, local_error->message);

      if (!wait_cancellable (backoff_ms (self, attempt),
                             kap_couch_deadline_get_cancellable (deadline)))
        {
          timing_error (self, NULL, NULL, deadline, cancellable, error);
          break;
        }
    }

  flight_end (self, &flight);
  if (!ok)
    reply_clear (reply);

  return ok;
}

static GBytes *
node_to_bytes (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  /* Canonical JSON writes back exactly what the reader took in; json-glib's
   * generator would send 1e21 as "1e+21.0", which servers refuse. */
  return kap_canonical_json_bytes (node);
}

static JsonNode *
parse_reply (const char  *method,
             const char  *path,
             Reply       *reply,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = NULL;
  const char *data;
  gsize length = 0;

  /* The one validating reader (kap-json.h): what a server sends is bounded
   * in depth, and is taken exactly or refused. */
  data = g_bytes_get_data (reply->bytes, &length);
  if (data != NULL && length > 0 &&
      (root = kap_json_parse (data, length, NULL, &local_error)) != NULL)
    return root;

  g_debug ("%s %s: HTTP %u, %" G_GSIZE_FORMAT " bytes that are not JSON: %s",
           method, path, reply->status, length,
           local_error != NULL ? local_error->message : "empty");

  /* A 404 from a proxy's HTML page says as much as a JSON one. */
  if (!SOUP_STATUS_IS_SUCCESSFUL (reply->status))
    return json_node_new (JSON_NODE_NULL);

  kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
  return NULL;
}

/* CouchDB's lockout: 403 with a reason that says the account is
 * locked (couch_auth_lockout), for a while, even to the right password. */
static gboolean
is_lockout (Reply *reply)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *lower = NULL;
  const char *reason;

  if (reply->status != SOUP_STATUS_FORBIDDEN)
    return FALSE;

  node = parse_reply ("POST", "/_session", reply, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  reason = json_object_get_string_member_with_default (json_node_get_object (node), "reason", NULL);
  if (reason == NULL)
    return FALSE;
  lower = g_ascii_strdown (reason, -1);
  return strstr (lower, "locked") != NULL;
}

static gboolean
sign_in (KapCouchClient  *self,
         GCancellable    *cancellable,
         GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *name = NULL;
  g_autofree char *password = NULL;
  gboolean locked_out;
  Reply reply = { 0 };
  gboolean ok;

  g_mutex_lock (&self->lock);
  name = g_strdup (self->name);
  password = g_strdup (self->password);
  locked_out = self->locked_out;
  g_clear_pointer (&self->cookie, g_free);
  g_mutex_unlock (&self->lock);

  if (name == NULL)
    return TRUE;

  /* Each try would only extend the lock. */
  if (locked_out)
    {
      kap_sync_set_error (error, KAP_SYNC_ERROR_LOCKED_OUT);
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password != NULL ? password : "");
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  body = node_to_bytes (node);

  if (!send_with_retries (self, "POST", "/_session", body, &reply, cancellable, error))
    return FALSE;

  if (is_lockout (&reply))
    {
      g_debug ("POST /_session: HTTP 403, the account is locked");
      g_mutex_lock (&self->lock);
      self->locked_out = TRUE;
      g_mutex_unlock (&self->lock);
      kap_sync_set_error (error, KAP_SYNC_ERROR_LOCKED_OUT);
      ok = FALSE;
    }
  else if (reply.status == SOUP_STATUS_UNAUTHORIZED || reply.status == SOUP_STATUS_FORBIDDEN)
    {
      /* 401 is CouchDB's answer to a wrong name or password; another 403
       * (a proxy's, say) refuses the sign-in all the same. */
      g_debug ("POST /_session: HTTP %u", reply.status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_AUTH);
      ok = FALSE;
    }
  else if (!SOUP_STATUS_IS_SUCCESSFUL (reply.status))
    {
      g_debug ("POST /_session: HTTP %u", reply.status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_SERVER);
      ok = FALSE;
    }
  else
    {
      g_mutex_lock (&self->lock);
      ok = self->cookie != NULL;
      g_mutex_unlock (&self->lock);
      if (!ok)
        {
          g_debug ("POST /_session: no %s cookie in the reply", AUTH_COOKIE);
          kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
        }
    }

  reply_clear (&reply);
  return ok;
}

static void
kap_couch_client_finalize (GObject *object)
{
  KapCouchClient *self = (KapCouchClient *) object;

  /* No request runs any more: none holds a deadline. */
  g_clear_pointer (&self->watchdog, kap_couch_watchdog_free);
  g_clear_object (&self->session);
  g_clear_pointer (&self->origin, g_uri_unref);
  g_clear_pointer (&self->flights, g_ptr_array_unref);
  g_free (self->url);
  g_free (self->name);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->cookie);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kap_couch_client_parent_class)->finalize (object);
}

static void
kap_couch_client_class_init (KapCouchClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kap_couch_client_finalize;
}

static void
kap_couch_client_init (KapCouchClient *self)
{
  g_mutex_init (&self->lock);
  self->tries = DEFAULT_TRIES;
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->deadline_seconds = KAP_COUCH_CLIENT_DEFAULT_DEADLINE_SECONDS;
  self->max_reply_size = KAP_COUCH_CLIENT_DEFAULT_MAX_REPLY_SIZE;
  self->flights = g_ptr_array_new ();
}

KapCouchClient *
kap_couch_client_new (const char *url,
                      guint       timeout_seconds)
{
  g_autoptr(KapCouchClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *base = NULL;
  const char *scheme;
  const char *path;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, &error);
  if (uri == NULL)
    {
      g_debug ("Not a server URL: %s", error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  self = g_object_new (KAP_TYPE_COUCH_CLIENT, NULL);

  /* CouchDB may sit under a path prefix behind a reverse proxy. */
  path = g_uri_get_path (uri);
  base = g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), path != NULL ? path : "", NULL, NULL);
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  self->url = g_steal_pointer (&base);
  self->origin = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (uri),
                              g_uri_get_port (uri), "", NULL, NULL);

  if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
    {
      g_autofree char *name = g_uri_unescape_string (g_uri_get_user (uri), NULL);
      g_autofree char *password = g_uri_get_password (uri) != NULL
        ? g_uri_unescape_string (g_uri_get_password (uri), NULL) : NULL;

      kap_couch_client_set_credentials (self, name, password);
    }

  user_agent = g_strdup_printf ("Kapija/%s", PACKAGE_VERSION);
  /* libsoup's I/O timeout is the stall rule: it applies to the connect
   * and to every read and write of the socket. */
  self->stall_seconds = timeout_seconds > 0 ? timeout_seconds : KAP_COUCH_CLIENT_DEFAULT_STALL_SECONDS;
  self->session = soup_session_new_with_options ("timeout", self->stall_seconds,
                                                 "idle-timeout", 60,
                                                 "user-agent", user_agent,
                                                 NULL);
  /* The logger costs a little per message; only when someone reads it. */
  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, "kap-soup"))
    {
      g_autoptr(SoupLogger) logger = kap_soup_logger_new ();

      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }

  return g_steal_pointer (&self);
}

const char *
kap_couch_client_get_url (KapCouchClient *self)
{
  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (self), NULL);

  return self->url;
}

void
kap_couch_client_set_credentials (KapCouchClient *self,
                                  const char     *name,
                                  const char     *password)
{
  g_return_if_fail (KAP_IS_COUCH_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_free (self->name);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->name = g_strdup (name);
  self->password = g_strdup (password);
  g_clear_pointer (&self->cookie, g_free);
  self->locked_out = FALSE;
  g_mutex_unlock (&self->lock);
}

const char *
kap_couch_client_get_user_name (KapCouchClient *self)
{
  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (self), NULL);

  return self->name;
}

void
kap_couch_client_set_retry (KapCouchClient *self,
                            guint           tries,
                            guint           first_delay_ms)
{
  g_return_if_fail (KAP_IS_COUCH_CLIENT (self));

  self->tries = MAX (tries, 1);
  self->first_delay_ms = first_delay_ms;
}

void
kap_couch_client_set_deadline (KapCouchClient *self,
                               guint           seconds)
{
  g_return_if_fail (KAP_IS_COUCH_CLIENT (self));

  self->deadline_seconds = seconds > 0 ? seconds : KAP_COUCH_CLIENT_DEFAULT_DEADLINE_SECONDS;
}

void
kap_couch_client_set_max_reply_size (KapCouchClient *self,
                                     gsize           bytes)
{
  g_return_if_fail (KAP_IS_COUCH_CLIENT (self));

  self->max_reply_size = bytes > 0 ? bytes : KAP_COUCH_CLIENT_DEFAULT_MAX_REPLY_SIZE;
}

gboolean
kap_couch_client_get_in_flight (KapCouchClient      *self,
                                KapCouchRequestKind *kind,
                                gint64              *since)
{
  Flight *oldest = NULL;
  gboolean found;

  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->flights->len; i++)
    {
      Flight *flight = g_ptr_array_index (self->flights, i);

      if (oldest == NULL || flight->since < oldest->since)
        oldest = flight;
    }
  found = oldest != NULL;
  if (found && kind != NULL)
    *kind = oldest->kind;
  if (found && since != NULL)
    *since = oldest->since;
  g_mutex_unlock (&self->lock);

  return found;
}

guint
kap_couch_client_get_request_count (KapCouchClient *self)
{
  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (self), 0);

  return (guint) g_atomic_int_get (&self->request_count);
}

gboolean
kap_couch_client_log_in (KapCouchClient  *self,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (self), FALSE);

  return sign_in (self, cancellable, error);
}

JsonNode *
kap_couch_client_request (KapCouchClient  *self,
                          const char      *method,
                          const char      *path,
                          JsonNode        *body,
                          guint           *status,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  Reply reply = { 0 };
  gboolean has_name, has_cookie;
  gboolean logged_in_now = FALSE;
  JsonNode *node;

  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  g_mutex_lock (&self->lock);
  has_name = self->name != NULL;
  has_cookie = self->cookie != NULL;
  g_mutex_unlock (&self->lock);

  if (has_name && !has_cookie)
    {
      if (!sign_in (self, cancellable, error))
        return NULL;
      logged_in_now = TRUE;
    }

  bytes = node_to_bytes (body);

  for (;;)
    {
      if (!send_with_retries (self, method, path, bytes, &reply, cancellable, error))
        return NULL;

      if (reply.status != SOUP_STATUS_UNAUTHORIZED)
        break;

      g_debug ("%s %s: HTTP 401", method, path);
      reply_clear (&reply);

      if (!has_name)
        {
          kap_sync_set_error (error, KAP_SYNC_ERROR_AUTH);
          return NULL;
        }

      /* The session may have expired: log in again, once. A 401 right
       * after a login that worked means this account may not use this
       * database (PouchDB Server answers 401 where CouchDB answers 403). */
      if (logged_in_now)
        {
          kap_sync_set_error (error, KAP_SYNC_ERROR_FORBIDDEN);
          return NULL;
        }
      if (!sign_in (self, cancellable, error))
        return NULL;
      logged_in_now = TRUE;
    }

  switch (reply.status)
    {
    case SOUP_STATUS_FORBIDDEN:
      g_debug ("%s %s: HTTP 403", method, path);
      reply_clear (&reply);
      kap_sync_set_error (error, KAP_SYNC_ERROR_FORBIDDEN);
      return NULL;

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_debug ("%s %s: HTTP 413 for %" G_GSIZE_FORMAT " bytes", method, path,
               bytes != NULL ? g_bytes_get_size (bytes) : 0);
      reply_clear (&reply);
      kap_sync_set_error (error, KAP_SYNC_ERROR_TOO_LARGE);
      return NULL;

    default:
      break;
    }

  node = parse_reply (method, path, &reply, error);
  if (node != NULL && status != NULL)
    *status = reply.status;
  reply_clear (&reply);

  return node;
}

typedef struct
{
  char     *method;
  char     *path;
  JsonNode *body;
  guint     status;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_free (data->method);
  g_free (data->path);
  g_clear_pointer (&data->body, json_node_unref);
  g_free (data);
}

static void
request_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RequestData *data = task_data;
  GError *error = NULL;
  JsonNode *node;

  node = kap_couch_client_request (source_object, data->method, data->path, data->body,
                                   &data->status, cancellable, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

void
kap_couch_client_request_async (KapCouchClient      *self,
                                const char          *method,
                                const char          *path,
                                JsonNode            *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RequestData *data;

  g_return_if_fail (KAP_IS_COUCH_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  data = g_new0 (RequestData, 1);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  /* A copy: the caller may go on changing its tree. */
  data->body = body != NULL ? json_node_copy (body) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kap_couch_client_request_async);
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);
  /* The request's own KAP_SYNC_ERROR_CANCELLED, as the blocking call's. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, request_thread);
}

JsonNode *
kap_couch_client_request_finish (KapCouchClient  *self,
                                 GAsyncResult    *result,
                                 guint           *status,
                                 GError         **error)
{
  RequestData *data;
  JsonNode *node;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  node = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (node != NULL && status != NULL)
    *status = data->status;

  return node;
}

static void
log_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (kap_couch_client_log_in (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kap_couch_client_log_in_async (KapCouchClient      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KAP_IS_COUCH_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kap_couch_client_log_in_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, log_in_thread);
}

gboolean
kap_couch_client_log_in_finish (KapCouchClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
escape_segment (const char *segment)
{
  if (g_str_has_prefix (segment, "_local/"))
    {
      g_autofree char *rest = g_uri_escape_string (segment + strlen ("_local/"), NULL, FALSE);

      return g_strconcat ("_local/", rest, NULL);
    }

  return g_uri_escape_string (segment, NULL, FALSE);
}

char *
kap_couch_client_build_path (const char *database,
                             ...)
{
  GString *path = g_string_new ("/");
  g_autofree char *db = NULL;
  const char *segment;
  va_list args;

  g_return_val_if_fail (database != NULL, NULL);

  db = g_uri_escape_string (database, NULL, FALSE);
  g_string_append (path, db);

  va_start (args, database);
  while ((segment = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *escaped = escape_segment (segment);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (args);

  return g_string_free (path, FALSE);
}
