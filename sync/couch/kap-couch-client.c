/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-couch-client"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "kap-canonical-json.h"
#include "kap-couch-client-private.h"
#include "kap-soup-logger.h"

#define DEFAULT_TRIES            4
#define DEFAULT_FIRST_DELAY_MS   500

G_DEFINE_FINAL_TYPE (KapCouchClient, kap_couch_client, G_TYPE_OBJECT)

static GBytes *
node_to_bytes (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  /* Canonical JSON writes back exactly what the reader took in; json-glib's
   * generator would send 1e21 as "1e+21.0", which servers refuse. */
  return kap_canonical_json_bytes (node);
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

  node = kap_couch_reply_parse ("POST", "/_session", reply, NULL);
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

  if (!kap_couch_client_send (self, "POST", "/_session", body, &reply, cancellable, error))
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

  kap_couch_reply_clear (&reply);
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
      if (!kap_couch_client_send (self, method, path, bytes, &reply, cancellable, error))
        return NULL;

      if (reply.status != SOUP_STATUS_UNAUTHORIZED)
        break;

      g_debug ("%s %s: HTTP 401", method, path);
      kap_couch_reply_clear (&reply);

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
      kap_couch_reply_clear (&reply);
      kap_sync_set_error (error, KAP_SYNC_ERROR_FORBIDDEN);
      return NULL;

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_debug ("%s %s: HTTP 413 for %" G_GSIZE_FORMAT " bytes", method, path,
               bytes != NULL ? g_bytes_get_size (bytes) : 0);
      kap_couch_reply_clear (&reply);
      kap_sync_set_error (error, KAP_SYNC_ERROR_TOO_LARGE);
      return NULL;

    default:
      break;
    }

  node = kap_couch_reply_parse (method, path, &reply, error);
  if (node != NULL && status != NULL)
    *status = reply.status;
  kap_couch_reply_clear (&reply);

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
