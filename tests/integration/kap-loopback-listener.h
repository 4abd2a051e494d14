/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Called for each connection accepted, before the server takes it. */
typedef void (*KapLoopbackAcceptedFunc) (GSocket  *socket,
                                         gpointer  user_data);

/* Serves @server on a free port of 127.0.0.1, accepting the connections
 * itself rather than with soup_server_listen_local(): libsoup 3.2 keeps a
 * reference to every socket it accepts, so they outlive their clients,
 * and leaks its own local address (fixed in 3.4); the leak checker then
 * reports the test. The server closes each connection after its reply,
 * and says so (Connection: close), as HTTP/1.1 asks of such a server.
 * Call in the thread whose main context serves @server; stop it with
 * kap_loopback_listener_stop() before soup_server_disconnect(). Returns
 * the service, the address in @url. */
GSocketService *kap_loopback_listener_start (SoupServer               *server,
                                             KapLoopbackAcceptedFunc   accepted,
                                             gpointer                  user_data,
                                             char                    **url,
                                             GError                  **error);
void            kap_loopback_listener_stop  (GSocketService           *service);

G_END_DECLS
