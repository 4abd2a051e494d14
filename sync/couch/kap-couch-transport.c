/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-couch-client"

#include "config.h"

#include <string.h>

#include "kap-couch-transport.h"

/* The first buffer of a body; it doubles from there, up to the limit. */
#define FIRST_BUFFER_SIZE (16 * 1024)
#define MIN_READ          (8 * 1024)

struct _KapCouchWatchdog
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
};

struct _KapCouchDeadline
{
  GCancellable *cancellable;
  GCancellable *parent;
  gulong        parent_handler;
  GSource      *timer;
};

static gpointer
watchdog_thread (gpointer user_data)
{
  KapCouchWatchdog *self = user_data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

KapCouchWatchdog *
kap_couch_watchdog_new (void)
{
  KapCouchWatchdog *self = g_new0 (KapCouchWatchdog, 1);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("kap-couch-watchdog", watchdog_thread, self);

  return self;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
kap_couch_watchdog_free (KapCouchWatchdog *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self);
}

/* In the watchdog's thread. */
static gboolean
deadline_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
parent_cancelled_cb (GCancellable *parent,
                     GCancellable *child)
{
  g_cancellable_cancel (child);
}

KapCouchDeadline *
kap_couch_deadline_start (KapCouchWatchdog *watchdog,
                          guint             seconds,
                          GCancellable     *parent)
{
  KapCouchDeadline *self = g_new0 (KapCouchDeadline, 1);

  self->cancellable = g_cancellable_new ();
  if (parent != NULL)
    {
      self->parent = g_object_ref (parent);
      /* Runs at once when @parent is cancelled already. */
      self->parent_handler = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb),
                                                    self->cancellable, NULL);
    }

  self->timer = g_timeout_source_new ((guint) MIN ((guint64) seconds * 1000, G_MAXUINT));
  g_source_set_name (self->timer, "kap-couch-deadline");
  g_source_set_callback (self->timer, deadline_cb, g_object_ref (self->cancellable), g_object_unref);
  g_source_attach (self->timer, watchdog->context);

  return self;
}

GCancellable *
kap_couch_deadline_get_cancellable (KapCouchDeadline *self)
{
  return self->cancellable;
}

gboolean
kap_couch_deadline_passed (KapCouchDeadline *self)
{
  return g_cancellable_is_cancelled (self->cancellable) &&
         !g_cancellable_is_cancelled (self->parent);
}

void
kap_couch_deadline_free (KapCouchDeadline *self)
{
  if (self == NULL)
    return;

  g_source_destroy (self->timer);
  g_source_unref (self->timer);
  if (self->parent != NULL)
    {
      g_cancellable_disconnect (self->parent, self->parent_handler);
      g_object_unref (self->parent);
    }
  g_object_unref (self->cancellable);
  g_free (self);
}

GBytes *
kap_couch_read_bounded (GInputStream  *stream,
                        gsize          limit,
                        gboolean      *too_large,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint8 *data = NULL;
  gsize length = 0;
  gsize allocated = 0;

  *too_large = FALSE;

  for (;;)
    {
      gssize n;

      /* Every read has room for MIN_READ bytes: libsoup's chunked
       * decoder fails on reads of a byte or two. A body too long shows
       * as more than @limit bytes read. */
      if (allocated - length < MIN_READ)
        {
          gsize want = allocated == 0 ? FIRST_BUFFER_SIZE
                                      : (allocated > G_MAXSIZE / 2 ? G_MAXSIZE : allocated * 2);

          allocated = MIN (want, limit + MIN_READ);
          data = g_realloc (data, allocated);
        }

      n = g_input_stream_read (stream, data + length, allocated - length, cancellable, error);
      if (n < 0)
        {
          g_free (data);
          return NULL;
        }
      if (n == 0)
        break;

      length += (gsize) n;
      if (length > limit)
        {
          g_free (data);
          *too_large = TRUE;
          return NULL;
        }
    }

  return g_bytes_new_take (data, length);
}

goffset
kap_couch_declared_length (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0)
    return -1;
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return -1;

  return soup_message_headers_get_content_length (headers);
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         effective_port (a) == effective_port (b);
}

char *
kap_couch_redirect_target (GUri        *origin,
                           const char  *from,
                           const char  *location,
                           char       **elsewhere)
{
  /* As libsoup parses request URLs: escapes in the path stay as sent. */
  const GUriFlags flags = G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_ENCODED_QUERY |
                          G_URI_FLAGS_ENCODED_FRAGMENT | G_URI_FLAGS_SCHEME_NORMALIZE;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) target = NULL;
  const char *scheme;

  if (elsewhere != NULL)
    *elsewhere = NULL;

  base = g_uri_parse (from, flags, NULL);
  if (base == NULL || location == NULL)
    return NULL;
  target = g_uri_parse_relative (base, location, flags, NULL);
  if (target == NULL)
    return NULL;

  scheme = g_uri_get_scheme (target);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;

  if (!same_origin (origin, target))
    {
      if (elsewhere != NULL && g_uri_get_host (target) != NULL)
        *elsewhere = g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (target),
                                 g_uri_get_port (target), "", NULL, NULL);
      return NULL;
    }

  return g_uri_to_string_partial (target, G_URI_HIDE_USERINFO | G_URI_HIDE_FRAGMENT);
}

gboolean
kap_couch_headers_overflowed (SoupMessage  *message,
                              const GError *error)
{
  SoupMessageMetrics *metrics = soup_message_get_metrics (message);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) || metrics == NULL)
    return FALSE;

  return soup_message_metrics_get_response_header_bytes_received (metrics) > KAP_COUCH_SOUP_HEADER_LIMIT;
}
