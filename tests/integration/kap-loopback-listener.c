/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kap-loopback-listener.h"

typedef struct
{
  SoupServer              *server;  /* not owned: outlives the service */
  KapLoopbackAcceptedFunc  accepted;
  gpointer                 user_data;
} Listening;

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             Listening         *listening)
{
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (listening->accepted != NULL)
    listening->accepted (g_socket_connection_get_socket (connection), listening->user_data);

  if (!soup_server_accept_iostream (listening->server, G_IO_STREAM (connection), local, remote, &error))
    g_debug ("Could not take a connection: %s", error->message);

  return TRUE;
}

/* A SoupServer keeps a connection open after a reply only when it does
 * the listening itself (libsoup 3.2's request_finished()): here each
 * connection ends after its reply, and the reply says so. Without it a
 * client takes the connection for kept alive and sends its next request
 * into the closing socket. */
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

GSocketService *
kap_loopback_listener_start (SoupServer               *server,
                             KapLoopbackAcceptedFunc   accepted,
                             gpointer                  user_data,
                             char                    **url,
                             GError                  **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocketService) service = g_socket_service_new ();
  Listening *listening;

  g_return_val_if_fail (SOUP_IS_SERVER (server), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), any_port,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &bound, error))
    return NULL;

  listening = g_new0 (Listening, 1);
  listening->server = server;
  listening->accepted = accepted;
  listening->user_data = user_data;
  g_signal_connect_data (service, "incoming", G_CALLBACK (incoming_cb), listening,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), NULL);
  g_socket_service_start (service);

  *url = g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  return g_steal_pointer (&service);
}

void
kap_loopback_listener_stop (GSocketService *service)
{
  g_return_if_fail (G_IS_SOCKET_SERVICE (service));

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_object_unref (service);
}
