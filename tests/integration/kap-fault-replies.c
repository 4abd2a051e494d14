/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fault-proxy"

#include "config.h"

#include <string.h>

#include "kap-fault-replies.h"

/* Bodies are written a chunk at a time, each when libsoup has written the
 * one before ("wrote-chunk"), so that what the server manages to write
 * is what the client reads (plus the sockets' buffers), and nothing of a
 * large body is held in memory. */
#define CHUNK_SIZE         (64 * 1024)
#define ENDLESS_SIZE       ((guint64) 1 << 30)
#define ZEROS_PER_STEP     (1024 * 1024)
#define FLOOD_COOKIE_SIZE  4000

typedef struct
{
  KapFaultKind   kind;
  guint64        size;          /* of the body; decoded for the bomb */
  guint64        produced;      /* body bytes handed to libsoup; decoded for the bomb */
  guint          interval_ms;   /* TRICKLE */
  gboolean       done;
  gboolean       gone;          /* the client went away */
  GConverter    *compressor;    /* GZIP_BOMB */
  GMainContext  *context;
  gsize         *written;
} Stream;

static void
stream_free (Stream *stream)
{
  g_clear_object (&stream->compressor);
  g_free (stream);
}

/* "[1,1,1,…,1]": a JSON array (of an odd @size) for as long as the client
 * reads. */
static GBytes *
next_array_chunk (Stream *stream)
{
  gsize left = (gsize) MIN (stream->size - stream->produced, (guint64) CHUNK_SIZE);
  char *data = g_malloc (left);

  for (gsize i = 0; i < left; i++)
    {
      guint64 at = stream->produced + i;

      if (at == 0)
        data[i] = '[';
      else if (at == stream->size - 1)
        data[i] = ']';
      else
        data[i] = at % 2 == 1 ? '1' : ',';
    }

  stream->produced += left;
  return g_bytes_new_take (data, left);
}

/* The gzip of zeros, a step of them at a time: a thousand to one. */
static GBytes *
next_bomb_chunk (Stream *stream)
{
  static const guint8 zeros[ZEROS_PER_STEP];
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[CHUNK_SIZE];

  while (out->len == 0 && !stream->done)
    {
      gsize in = (gsize) MIN (stream->size - stream->produced, (guint64) ZEROS_PER_STEP);
      GConverterFlags flags = in < ZEROS_PER_STEP ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
      gsize read = 0, wrote = 0;
      GConverterResult result;

      result = g_converter_convert (stream->compressor, zeros, in, buffer, sizeof buffer, flags,
                                    &read, &wrote, NULL);
      g_assert_cmpint (result, !=, G_CONVERTER_ERROR);
      g_byte_array_append (out, buffer, (guint) wrote);
      stream->produced += read;
      if (result == G_CONVERTER_FINISHED)
        stream->done = TRUE;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
append_next (SoupServerMessage *msg,
             Stream            *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) chunk = NULL;

  if (stream->kind == KAP_FAULT_GZIP_BOMB)
    chunk = next_bomb_chunk (stream);
  else if (stream->produced < stream->size)
    chunk = next_array_chunk (stream);
  if (stream->kind != KAP_FAULT_GZIP_BOMB && stream->produced == stream->size)
    stream->done = TRUE;

  if (chunk != NULL && g_bytes_get_size (chunk) > 0)
    soup_message_body_append_bytes (body, chunk);
  if (stream->done)
    soup_message_body_complete (body);
}

static gboolean
trickle_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  Stream *stream = g_object_get_data (G_OBJECT (msg), "kap-stream");
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (stream->gone)
    return G_SOURCE_REMOVE;

  soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
  if (++stream->produced == stream->size)
    {
      stream->done = TRUE;
      soup_message_body_complete (body);
    }
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                Stream            *stream)
{
  g_autoptr(GSource) source = NULL;

  if (stream->done || stream->gone)
    return;

  if (stream->kind != KAP_FAULT_TRICKLE)
    {
      append_next (msg, stream);
      return;
    }

  /* libsoup pauses for want of a chunk; the timer gives it one. */
  source = g_timeout_source_new (stream->interval_ms);
  g_source_set_callback (source, trickle_cb, g_object_ref (msg), g_object_unref);
  g_source_attach (source, stream->context);
}

static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              size,
                    Stream            *stream)
{
  g_atomic_pointer_add (stream->written, (gssize) size);
}

static void
gone_cb (SoupServerMessage *msg,
         Stream            *stream)
{
  stream->gone = TRUE;
}

static void
write_stream (SoupServerMessage   *msg,
              const KapFaultReply *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Stream *stream = g_new0 (Stream, 1);

  stream->kind = reply->kind;
  stream->size = reply->size > 0 ? reply->size : ENDLESS_SIZE;
  stream->interval_ms = reply->value;
  stream->context = reply->context;
  stream->written = reply->written;
  g_object_set_data_full (G_OBJECT (msg), "kap-stream", stream, (GDestroyNotify) stream_free);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  /* What was written is forgotten: a body of gigabytes costs nothing. */
  soup_message_body_set_accumulate (body, FALSE);

  switch (reply->kind)
    {
    case KAP_FAULT_ENDLESS:
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      break;
    case KAP_FAULT_GZIP_BOMB:
      stream->compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      break;
    case KAP_FAULT_LONG:
    case KAP_FAULT_TRICKLE:
    default:
      soup_message_headers_set_content_length (headers, (goffset) stream->size);
      break;
    }

  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), stream);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), stream);
  g_signal_connect (msg, "disconnected", G_CALLBACK (gone_cb), stream);
  g_signal_connect (msg, "finished", G_CALLBACK (gone_cb), stream);

  if (reply->kind == KAP_FAULT_TRICKLE)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
      stream->produced = 1;
    }
  else
    append_next (msg, stream);
}

static void
write_cookie_flood (SoupServerMessage *msg,
                    guint              count)
{
  static const char ok[] = "{\"ok\":true}";
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *value = g_strnfill (FLOOD_COOKIE_SIZE, 'x');

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *cookie = g_strdup_printf ("kapija-flood-%u=%s; Path=/", i, value);

      soup_message_headers_append (headers, "Set-Cookie", cookie);
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, ok, strlen (ok));
}

static void
write_redirect (SoupServerMessage *msg,
                guint              status,
                const char        *location)
{
  static const char moved[] = "{\"error\":\"moved\"}";

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, moved, strlen (moved));
}

typedef struct
{
  GIOStream *stream;
  char       buffer[4096];
} Stale;

static void
stale_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Stale *stale = user_data;

  /* The next request (or the client's own end): hang up on it unread. */
  g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  g_io_stream_close (stale->stream, NULL, NULL);
  g_object_unref (stale->stream);
  g_free (stale);
}

/* A complete reply that leaves the connection open, as a server that
 * keeps connections alive writes it; the connection is closed when the
 * client next writes to it. */
static void
write_stale (SoupServerMessage *msg,
             guint              status,
             const char        *body)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *reply = NULL;
  Stale *stale;

  if (stream == NULL)
    return;

  if (body == NULL)
    body = "{\"ok\":true}";
  reply = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                           "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                           status, soup_status_get_phrase (status), strlen (body), body);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (stream), reply, strlen (reply),
                                  NULL, NULL, NULL))
    return;

  stale = g_new0 (Stale, 1);
  stale->stream = g_steal_pointer (&stream);
  g_input_stream_read_async (g_io_stream_get_input_stream (stale->stream),
                             stale->buffer, sizeof stale->buffer, G_PRIORITY_DEFAULT, NULL,
                             stale_read_cb, stale);
}

gboolean
kap_fault_reply_write (SoupServerMessage   *msg,
                       const KapFaultReply *reply)
{
  switch (reply->kind)
    {
    case KAP_FAULT_SILENT:
      /* Never unpaused: the client has to give up by itself. */
      soup_server_message_pause (msg);
      return TRUE;

    case KAP_FAULT_ENDLESS:
    case KAP_FAULT_LONG:
    case KAP_FAULT_GZIP_BOMB:
    case KAP_FAULT_TRICKLE:
      write_stream (msg, reply);
      return TRUE;

    case KAP_FAULT_COOKIE_FLOOD:
      write_cookie_flood (msg, reply->value);
      return TRUE;

    case KAP_FAULT_REDIRECT:
      write_redirect (msg, reply->value, reply->location);
      return TRUE;

    case KAP_FAULT_STALE_CONNECTION:
      write_stale (msg, reply->value, reply->body);
      return TRUE;

    case KAP_FAULT_DROP:
    case KAP_FAULT_STATUS:
    case KAP_FAULT_TRUNCATE:
    case KAP_FAULT_CORRUPT:
    case KAP_FAULT_DELAY:
    default:
      return FALSE;
    }
}
