/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-couch-client"

#include "config.h"

#include <string.h>

#include "kap-couch-client-private.h"
#include "kap-json.h"

/* One request of KapCouchClient on the wire: the session cookie goes
 * with it, redirects are followed only on the configured origin, the body
 * is read within the reply limit, network errors and 5xx are tried again
 * with backoff, all within the request's deadline; what each failure means
 * for the supervisor is decided here (kap-sync-error.h). */

#define MAX_REDIRECTS            5

/* What became of one exchange. */
typedef enum
{
  EXCHANGE_REPLY,             /* a reply, in the Reply */
  EXCHANGE_RETRY,             /* a network error worth another try */
  EXCHANGE_FAIL,              /* a KAP_SYNC_ERROR that trying again would not change */
} Exchange;

void
kap_couch_reply_clear (Reply *reply)
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
          kap_couch_reply_clear (reply);
          kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
          return EXCHANGE_FAIL;
        }

      next = kap_couch_redirect_target (self->origin, url, reply->location, &elsewhere);
      if (next == NULL)
        {
          g_debug ("%s %s: HTTP %u to another origin, not followed", method, path, reply->status);
          kap_couch_reply_clear (reply);
          kap_sync_set_error_redirect (error, elsewhere);
          return EXCHANGE_FAIL;
        }

      if (hops == MAX_REDIRECTS)
        {
          g_debug ("%s %s: more than %u redirects", method, path, MAX_REDIRECTS);
          kap_couch_reply_clear (reply);
          kap_sync_set_error (error, KAP_SYNC_ERROR_SERVER);
          return EXCHANGE_FAIL;
        }

      g_debug ("%s %s: HTTP %u, following it on the same server", method, path, reply->status);
      if (reply->status == SOUP_STATUS_SEE_OTHER && !g_str_equal (method, "HEAD"))
        {
          method = "GET";
          body = NULL;
        }
      kap_couch_reply_clear (reply);
      g_free (url);
      url = g_steal_pointer (&next);
    }
}

/* send_following() with the retries: network errors and 5xx are tried
 * again after a growing delay, all within the request's deadline. FALSE
 * with a KAP_SYNC_ERROR when no attempt got a usable answer. */
gboolean
kap_couch_client_send (KapCouchClient  *self,
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

      kap_couch_reply_clear (reply);

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
    kap_couch_reply_clear (reply);

  return ok;
}

JsonNode *
kap_couch_reply_parse (const char  *method,
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
