/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fault-proxy"

#include "config.h"

#include <string.h>

#include "kap-fault-proxy.h"
#include "kap-loopback-listener.h"
#include "kap-fault-replies.h"

typedef struct
{
  char         *method;
  char         *path_contains;
  KapFaultKind  kind;
  guint         value;
  guint         skip;
  guint         count;
  gsize         min_body;
  char         *body;
  char         *set_cookie;
  char         *location;
  guint64       size;
  char         *body_contains;
  guint         seen;      /* matching requests so far */
} Fault;

struct _KapFaultProxy
{
  char         *upstream;
  char         *url;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GSocketService *listener;  /* accepts for the server */
  SoupSession  *session;   /* to the upstream, used in the proxy's thread */

  GMutex        lock;      /* guards everything below and the start-up */
  GCond         cond;
  gboolean      started;
  GError       *start_error;
  GPtrArray    *faults;    /* Fault* */
  GPtrArray    *requests;  /* KapProxiedRequest* */
  guint         n_faulted;
  gsize         written;   /* atomic: of the hostile bodies */
  GPtrArray    *sockets;   /* GSocket*, accepted and not freed yet; cond tells when one goes */
};

/* What a request's fault needs once the lock is let go. */
typedef struct
{
  char    *body;
  char    *set_cookie;
  char    *location;
  guint64  size;
} Chosen;

static void
chosen_clear (Chosen *chosen)
{
  g_free (chosen->body);
  g_free (chosen->set_cookie);
  g_free (chosen->location);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Chosen, chosen_clear)

static void
fault_free (Fault *fault)
{
  g_free (fault->method);
  g_free (fault->path_contains);
  g_free (fault->body);
  g_free (fault->set_cookie);
  g_free (fault->location);
  g_free (fault->body_contains);
  g_free (fault);
}

static void
proxied_request_free (KapProxiedRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->cookie);
  g_free (request);
}

static gboolean
request_matches (const char *method,
                 const char *path,
                 const char *want_method,
                 const char *want_path)
{
  return (want_method == NULL || g_str_equal (method, want_method)) &&
         (want_path == NULL || strstr (path, want_path) != NULL);
}

/* Whether this request gets a fault (its kind and value then in @kind and
 * @value, the rest in @extra); records the request. */
static gboolean
take_fault (KapFaultProxy      *self,
            const char         *method,
            const char         *path,
            GBytes             *body,
            SoupMessageHeaders *headers,
            int                *kind,
            guint              *value,
            Chosen             *extra)
{
  KapProxiedRequest *request = g_new0 (KapProxiedRequest, 1);
  Fault *chosen = NULL;
  gsize body_length = 0;
  const char *body_data = g_bytes_get_data (body, &body_length);

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body_length = body_length;
  request->cookie = g_strdup (soup_message_headers_get_one (headers, "Cookie"));
  request->authorization = soup_message_headers_get_one (headers, "Authorization") != NULL;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->faults->len && chosen == NULL; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (!request_matches (method, path, fault->method, fault->path_contains) ||
          body_length < fault->min_body ||
          (fault->body_contains != NULL &&
           (body_data == NULL || g_strstr_len (body_data, body_length, fault->body_contains) == NULL)))
        continue;

      fault->seen++;
      if (fault->seen > fault->skip &&
          (fault->count == 0 || fault->seen <= fault->skip + fault->count))
        {
          chosen = fault;
          *kind = (int) fault->kind;
          *value = fault->value;
          extra->body = g_strdup (fault->body);
          extra->set_cookie = g_strdup (fault->set_cookie);
          extra->location = g_strdup (fault->location);
          extra->size = fault->size;
        }
    }
  request->faulted = chosen != NULL;
  if (chosen != NULL)
    self->n_faulted++;
  g_ptr_array_add (self->requests, request);
  g_mutex_unlock (&self->lock);

  return chosen != NULL;
}

static gboolean
is_hop_header (const char *name)
{
  static const char * const hop[] = {
    "Host", "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding",
    "Content-Encoding", "Accept-Encoding", "Upgrade", "TE", "Trailer",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hop); i++)
    if (g_ascii_strcasecmp (name, hop[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
copy_headers (SoupMessageHeaders *from,
              SoupMessageHeaders *to)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, from);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_hop_header (name))
      soup_message_headers_append (to, name, value);
}

/* Writes a reply that promises the whole body, sends half of it and
 * hangs up: a connection lost in the middle of a reply. */
static void
drop_connection (SoupServerMessage *msg,
                 guint              status,
                 GBytes            *body)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *head = NULL;
  gsize length = body != NULL ? g_bytes_get_size (body) : 0;

  if (stream == NULL)
    return;

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          status, soup_status_get_phrase (status), MAX (length, (gsize) 2));
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head),
                             NULL, NULL, NULL);
  if (length > 1)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                               g_bytes_get_data (body, NULL), length / 2, NULL, NULL, NULL);
  g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
unpause_cb (gpointer user_data)
{
  /* The client may have given up and gone: nothing to answer then. */
  if (g_object_get_data (user_data, "kap-disconnected") == NULL)
    soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

static void
disconnected_cb (SoupServerMessage *msg)
{
  g_object_set_data (G_OBJECT (msg), "kap-disconnected", GINT_TO_POINTER (1));
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  KapFaultProxy *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
  g_autofree char *full_path = NULL;
  g_autofree char *upstream_url = NULL;
  g_autoptr(SoupMessage) upstream = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;
  const char *data;
  gsize length = 0;
  guint status;
  int kind = -1;      /* no fault */
  guint value = 0;
  g_auto(Chosen) extra = { NULL, NULL, NULL, 0 };
  KapFaultReply hostile = { 0 };

  if (g_uri_get_query (uri) != NULL)
    full_path = g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL);
  else
    full_path = g_strdup (g_uri_get_path (uri));

  take_fault (self, method, full_path, body,
              soup_server_message_get_request_headers (msg), &kind, &value, &extra);

  if (kind == (int) KAP_FAULT_STATUS)
    {
      static const char error_body[] = "{\"error\":\"injected\",\"reason\":\"fault proxy\"}";
      const char *text = extra.body != NULL ? extra.body : error_body;

      if (extra.set_cookie != NULL)
        soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                     "Set-Cookie", extra.set_cookie);
      soup_server_message_set_status (msg, value, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
      return;
    }

  hostile.kind = (KapFaultKind) kind;
  hostile.value = value;
  hostile.size = extra.size;
  hostile.location = extra.location;
  hostile.body = extra.body;
  hostile.context = self->context;
  hostile.written = &self->written;
  if (kind >= 0 && kap_fault_reply_write (msg, &hostile))
    return;

  if (self->upstream == NULL)
    {
      static const char not_found[] = "{\"error\":\"not_found\",\"reason\":\"missing\"}";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        not_found, strlen (not_found));
      return;
    }

  upstream_url = g_strconcat (self->upstream, full_path, NULL);
  upstream = soup_message_new (method, upstream_url);
  copy_headers (soup_server_message_get_request_headers (msg),
                soup_message_get_request_headers (upstream));
  if (g_bytes_get_size (body) > 0)
    {
      content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
      soup_message_set_request_body_from_bytes (upstream, content_type ? content_type : "application/json", body);
    }

  reply = soup_session_send_and_read (self->session, upstream, NULL, &error);
  if (reply == NULL)
    {
      g_debug ("%s %s: upstream: %s", method, full_path, error->message);
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
      return;
    }

  status = soup_message_get_status (upstream);
  data = g_bytes_get_data (reply, &length);

  if (kind == (int) KAP_FAULT_DROP)
    {
      drop_connection (msg, status, reply);
      return;
    }

  copy_headers (soup_message_get_response_headers (upstream),
                soup_server_message_get_response_headers (msg));
  soup_server_message_set_status (msg, status, NULL);

  if (kind == (int) KAP_FAULT_TRUNCATE)
    length /= 2;

  if (kind == (int) KAP_FAULT_CORRUPT && length > 0)
    {
      char *copy = g_memdup2 (data, length);

      copy[0] = '<';
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, copy, length);
    }
  else
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, length);

  if (kind == (int) KAP_FAULT_DELAY)
    {
      g_autoptr(GSource) source = g_timeout_source_new (value);

      g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), NULL);
      soup_server_message_pause (msg);
      g_source_set_callback (source, unpause_cb, g_object_ref (msg), g_object_unref);
      g_source_attach (source, self->context);
    }
}

static void
socket_freed_cb (gpointer  user_data,
                 GObject  *socket)
{
  KapFaultProxy *self = user_data;

  g_mutex_lock (&self->lock);
  g_ptr_array_remove_fast (self->sockets, socket);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Every connection accepted, until its socket goes: the tests wait for
 * none to be left (kap_fault_proxy_wait_no_sockets()). */
static void
accepted_cb (GSocket  *socket,
             gpointer  user_data)
{
  KapFaultProxy *self = user_data;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->sockets, socket);
  g_mutex_unlock (&self->lock);
  g_object_weak_ref (G_OBJECT (socket), socket_freed_cb, self);
}

static gpointer
proxy_thread (gpointer user_data)
{
  KapFaultProxy *self = user_data;
  g_autoptr(GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  self->session = soup_session_new_with_options ("proxy-resolver", no_proxy,
                                                 "timeout", 60,
                                                 NULL);
  /* Bytes as the server sent them: the client decodes gzip itself. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);

  /* Raw paths: the path as the client escaped it ("_design%2Fx"), to
   * match faults on and to forward. */
  self->server = soup_server_new ("server-header", "kapija-fault-proxy", "raw-paths", TRUE, NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  self->listener = kap_loopback_listener_start (self->server, accepted_cb, self, &self->url, &error);

  g_mutex_lock (&self->lock);
  self->start_error = error;
  self->started = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (error == NULL)
    g_main_loop_run (self->loop);

  g_clear_pointer (&self->listener, kap_loopback_listener_stop);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->session);
  /* Let the disconnections finish. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

KapFaultProxy *
kap_fault_proxy_new (const char  *upstream,
                     GError     **error)
{
  KapFaultProxy *self = g_new0 (KapFaultProxy, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->upstream = g_strdup (upstream);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) proxied_request_free);
  self->sockets = g_ptr_array_new ();
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("fault-proxy", proxy_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      kap_fault_proxy_free (self);
      return NULL;
    }

  return self;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
kap_fault_proxy_free (KapFaultProxy *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  /* Whatever the server still holds must not call back into a freed
   * proxy. */
  for (guint i = 0; i < self->sockets->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->sockets, i), socket_freed_cb, self);
  g_ptr_array_unref (self->sockets);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->upstream);
  g_free (self->url);
  g_free (self);
}

const char *
kap_fault_proxy_get_url (KapFaultProxy *self)
{
  return self->url;
}

void
kap_fault_proxy_add_fault (KapFaultProxy  *self,
                           const KapFault *fault)
{
  Fault *copy = g_new0 (Fault, 1);

  copy->method = g_strdup (fault->method);
  copy->path_contains = g_strdup (fault->path_contains);
  copy->kind = fault->kind;
  copy->value = fault->value;
  copy->skip = fault->skip;
  copy->count = fault->count;
  copy->min_body = fault->min_body;
  copy->body = g_strdup (fault->body);
  copy->set_cookie = g_strdup (fault->set_cookie);
  copy->location = g_strdup (fault->location);
  copy->size = fault->size;
  copy->body_contains = g_strdup (fault->body_contains);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->faults, copy);
  g_mutex_unlock (&self->lock);
}

void
kap_fault_proxy_clear_faults (KapFaultProxy *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  g_mutex_unlock (&self->lock);
}

guint
kap_fault_proxy_count (KapFaultProxy *self,
                       const char    *method,
                       const char    *path_contains)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      KapProxiedRequest *request = g_ptr_array_index (self->requests, i);

      if (request_matches (request->method, request->path, method, path_contains))
        n++;
    }
  g_mutex_unlock (&self->lock);

  return n;
}

gboolean
kap_fault_proxy_wait_no_sockets (KapFaultProxy *self,
                                 guint          timeout_seconds)
{
  gint64 end = g_get_monotonic_time () + timeout_seconds * G_TIME_SPAN_SECOND;
  gboolean none;

  g_mutex_lock (&self->lock);
  while (self->sockets->len > 0 && g_cond_wait_until (&self->cond, &self->lock, end))
    ;
  none = self->sockets->len == 0;
  g_mutex_unlock (&self->lock);

  return none;
}

guint
kap_fault_proxy_count_faulted (KapFaultProxy *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_faulted;
  g_mutex_unlock (&self->lock);

  return n;
}

GPtrArray *
kap_fault_proxy_get_requests (KapFaultProxy *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) proxied_request_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      KapProxiedRequest *request = g_ptr_array_index (self->requests, i);
      KapProxiedRequest *dup = g_memdup2 (request, sizeof *request);

      dup->method = g_strdup (request->method);
      dup->path = g_strdup (request->path);
      dup->cookie = g_strdup (request->cookie);
      g_ptr_array_add (copy, dup);
    }
  g_mutex_unlock (&self->lock);

  return copy;
}

void
kap_fault_proxy_reset_requests (KapFaultProxy *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  self->n_faulted = 0;
  g_mutex_unlock (&self->lock);
}

gsize
kap_fault_proxy_get_bytes_written (KapFaultProxy *self)
{
  return (gsize) g_atomic_pointer_get (&self->written);
}
