/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A foreign replication client: PouchDB 9 on Node (in memory), from
 * tests/server/kap-foreign-peer.js, that replicates with a database of
 * the test server and resolves conflicts as PouchDB applications do. The
 * test drives it with one JSON command per line (the script lists them);
 * a command may be sent and its reply taken later, so that the peer works
 * while the test does something else (a laptop's sync). */
typedef struct _KapForeignPeer KapForeignPeer;

/* Starts node with the script from $KAP_TEST_SERVER_DIR and opens the
 * replication with @database_url (basic auth with @user and @password
 * when @user is not NULL). Fails (never skips) when Node or the PouchDB 9
 * modules are not installed. The peer dies with the test process. Call
 * it from the main thread (PR_SET_PDEATHSIG follows the starting thread). */
KapForeignPeer *kap_foreign_peer_start   (const char      *database_url,
                                          const char      *user,
                                          const char      *password,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* Ends the peer and frees @self. */
void            kap_foreign_peer_stop    (KapForeignPeer  *self);

/* Sends {"cmd": @command} with the members of @args (nullable) without
 * waiting for the reply. */
gboolean        kap_foreign_peer_send    (KapForeignPeer  *self,
                                          const char      *command,
                                          JsonObject      *args,
                                          GError         **error);
/* The reply to the oldest command not answered yet; a reply
 * {"error": …} is returned as an error. */
JsonObject     *kap_foreign_peer_receive (KapForeignPeer  *self,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* Both at once. */
JsonObject     *kap_foreign_peer_call    (KapForeignPeer  *self,
                                          const char      *command,
                                          JsonObject      *args,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* The peer's winner of @id, with "_id", "_rev" and (when it sees any)
 * "_conflicts", in @doc; NULL there when the document is deleted. */
gboolean        kap_foreign_peer_get     (KapForeignPeer  *self,
                                          const char      *id,
                                          JsonObject     **doc,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapForeignPeer, kap_foreign_peer_stop)

G_END_DECLS
