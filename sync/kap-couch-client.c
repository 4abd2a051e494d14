/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-couch-client"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <libsoup/soup.h>

#include "kap-canonical-json.h"
#include "kap-couch-client.h"
#include "kap-json.h"
#include "kap-soup-logger.h"

#define DEFAULT_TIMEOUT_SECONDS  60
#define DEFAULT_TRIES            4
#define DEFAULT_FIRST_DELAY_MS   500
#define AUTH_COOKIE              "AuthSession"

struct _KapCouchClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;
  guint        tries;
  guint        first_delay_ms;

  GMutex       lock;          /* guards the members below */
  char        *name;
  char        *password;
  char        *cookie;        /* the AuthSession value */

  guint        request_count; /* atomic */
};

G_DEFINE_FINAL_TYPE (KapCouchClient, kap_couch_client, G_TYPE_OBJECT)

/* One attempt's outcome, before the auth and retry rules judge it. */
typedef struct
{
  GBytes *bytes;
  guint   status;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->bytes, g_bytes_unref);
  reply->status = 0;
}

static gboolean
error_is_transient (const GError *error)
{
  /* A certificate the system does not trust is not going to change by
   * trying again, nor is a malformed URL. */
  if (error->domain == G_TLS_ERROR)
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return FALSE;
  return TRUE;
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

/* One HTTP exchange; FALSE with @error for network errors and
 * cancellation only. */
static gboolean
send_once (KapCouchClient  *self,
           const char      *method,
           const char      *path,
           GBytes          *body,
           Reply           *reply,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autofree char *cookie = NULL;
  SoupMessageHeaders *headers;

  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_debug ("Not a valid request URL: %s %s", method, path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid URL");
      return FALSE;
    }

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
    soup_message_set_request_body_from_bytes (message, "application/json", body);

  g_atomic_int_inc (&self->request_count);
  reply->bytes = soup_session_send_and_read (self->session, message, cancellable, error);
  if (reply->bytes == NULL)
    return FALSE;

  reply->status = soup_message_get_status (message);
  remember_cookie (self, message);

  return TRUE;
}

/* send_once() with the retries: network errors and 5xx are tried again
 * after a growing delay. FALSE with a KAP_SYNC_ERROR when no attempt got a
 * usable answer. */
static gboolean
send_with_retries (KapCouchClient  *self,
                   const char      *method,
                   const char      *path,
                   GBytes          *body,
                   Reply           *reply,
                   GCancellable    *cancellable,
                   GError         **error)
{
  for (guint attempt = 0; attempt < self->tries; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean last = attempt + 1 == self->tries;

      reply_clear (reply);

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (!send_once (self, method, path, body, reply, cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;

          g_debug ("%s %s: attempt %u: %s", method, path, attempt + 1, local_error->message);
          if (last || !error_is_transient (local_error))
            {
              kap_sync_set_error (error, KAP_SYNC_ERROR_UNREACHABLE);
              return FALSE;
            }
        }
      else if (reply->status >= 500)
        {
          g_debug ("%s %s: attempt %u: HTTP %u", method, path, attempt + 1, reply->status);
          if (last)
            {
              reply_clear (reply);
              kap_sync_set_error (error, KAP_SYNC_ERROR_SERVER);
              return FALSE;
            }
        }
      else
        return TRUE;

      if (!wait_cancellable (backoff_ms (self, attempt), cancellable))
        break;
    }

  reply_clear (reply);
  kap_sync_set_error (error, KAP_SYNC_ERROR_CANCELLED);
  return FALSE;
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

static gboolean
log_in_locked_out (KapCouchClient  *self,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *name = NULL;
  g_autofree char *password = NULL;
  Reply reply = { 0 };
  gboolean ok;

  g_mutex_lock (&self->lock);
  name = g_strdup (self->name);
  password = g_strdup (self->password);
  g_clear_pointer (&self->cookie, g_free);
  g_mutex_unlock (&self->lock);

  if (name == NULL)
    return TRUE;

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

  if (reply.status == SOUP_STATUS_UNAUTHORIZED || reply.status == SOUP_STATUS_FORBIDDEN)
    {
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

static void
kap_couch_client_finalize (GObject *object)
{
  KapCouchClient *self = (KapCouchClient *) object;

  g_clear_object (&self->session);
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

  if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
    {
      g_autofree char *name = g_uri_unescape_string (g_uri_get_user (uri), NULL);
      g_autofree char *password = g_uri_get_password (uri) != NULL
        ? g_uri_unescape_string (g_uri_get_password (uri), NULL) : NULL;

      kap_couch_client_set_credentials (self, name, password);
    }

  user_agent = g_strdup_printf ("Kapija/%s", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("timeout", timeout_seconds > 0 ? timeout_seconds
                                                                                : DEFAULT_TIMEOUT_SECONDS,
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

  return log_in_locked_out (self, cancellable, error);
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
      if (!log_in_locked_out (self, cancellable, error))
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
      if (!log_in_locked_out (self, cancellable, error))
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
