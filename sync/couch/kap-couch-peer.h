/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-couch-client.h"
#include "kap-replication-peer.h"
#include "kap-replicator.h"

G_BEGIN_DECLS

/* A CouchDB server's database as a replication peer: each method of
 * KapReplicationPeer is one request of the replication protocol through
 * @client (_changes, _revs_diff, _bulk_docs, _bulk_get, open_revs,
 * _local/…), its HTTP status judged here. The client's own rules (retries,
 * sign-in, time and size limits, redirects) stay in KapCouchClient. */

#define KAP_TYPE_COUCH_PEER (kap_couch_peer_get_type ())
G_DECLARE_FINAL_TYPE (KapCouchPeer, kap_couch_peer, KAP, COUCH_PEER, GObject)

KapCouchPeer   *kap_couch_peer_new        (KapCouchClient *client,
                                           const char     *database) G_GNUC_WARN_UNUSED_RESULT;
KapCouchClient *kap_couch_peer_get_client (KapCouchPeer   *self);

/* A replicator of @store with @database on @client's server. */
KapReplicator  *kap_couch_replicator_new  (KapStore       *store,
                                           KapCouchClient *client,
                                           const char     *database) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
