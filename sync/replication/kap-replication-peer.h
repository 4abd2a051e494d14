/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kap-couch-decode.h"
#include "kap-sync-error.h"

G_BEGIN_DECLS

/* What the replicator needs from the other side of a replication: one
 * database that speaks the CouchDB replication protocol. The replicator
 * (kap-replicator.h) knows only this interface; KapCouchPeer
 * (couch/kap-couch-peer.h) is a CouchDB server over HTTP, and another kind
 * of peer (a bundle carried on a USB stick) implements the same methods.
 *
 * Every method blocks and may be called from any thread (the replicator
 * runs in a worker thread, kap_replicator_run_async()). The replies are
 * the protocol's, typed as kap-couch-decode.h types them, so that a peer
 * that stores the protocol's JSON decodes it with the same decoders.
 * Errors are KAP_SYNC_ERROR, with the supervisor's messages; how the peer
 * got them (HTTP statuses, files) goes to the debug log only. What the
 * replicator does about a reply (split a batch, record a refusal, ask
 * again) stays in the replicator. */

#define KAP_TYPE_REPLICATION_PEER (kap_replication_peer_get_type ())
G_DECLARE_INTERFACE (KapReplicationPeer, kap_replication_peer, KAP, REPLICATION_PEER, GObject)

/* One revision of one document, as asked for. */
typedef struct
{
  char *id;
  char *rev;
} KapReplicationRev;

struct _KapReplicationPeerInterface
{
  GTypeInterface parent_iface;

  /* Where the peer is, without credentials (a server's URL), and the
   * database: what the replication id is made of, so they must not
   * change between runs. */
  const char      *(*get_address)    (KapReplicationPeer        *self);
  const char      *(*get_database)   (KapReplicationPeer        *self);

  /* The database's information (its update_seq for the estimate);
   * KAP_SYNC_ERROR_NO_DATABASE when there is none. */
  JsonObject      *(*get_info)       (KapReplicationPeer        *self,
                                      GCancellable              *cancellable,
                                      GError                   **error);
  /* At most @limit changes after @since (NULL: from the start), all
   * leaves of each (style=all_docs); @fingerprint receives a digest of
   * the page, to tell a feed that sends the same page again. */
  KapCouchChanges *(*get_changes)    (KapReplicationPeer        *self,
                                      JsonNode                  *since,
                                      guint                      limit,
                                      char                     **fingerprint,
                                      GCancellable              *cancellable,
                                      GError                   **error);
  /* Which leaves of @changes (KapChange) the peer lacks: id → GStrv. */
  GHashTable      *(*revs_diff)      (KapReplicationPeer        *self,
                                      GPtrArray                 *changes,
                                      GCancellable              *cancellable,
                                      GError                   **error);
  /* Stores @docs (with their _revisions) as they are (new_edits:false):
   * the per-document results (KapCouchDocResult). KAP_SYNC_ERROR_TOO_LARGE
   * when the request is over the peer's size; NULL with *@refusal (the
   * peer's words) and no error when the peer will not take the request as
   * a whole, one document of it spoiling it. */
  GPtrArray       *(*bulk_docs)      (KapReplicationPeer        *self,
                                      JsonNode * const          *docs,
                                      guint                      n_docs,
                                      char                     **refusal,
                                      GCancellable              *cancellable,
                                      GError                   **error);
  /* The revisions @revs with their history and attachments
   * (KapCouchRevision, in the order of the reply); NULL with
   * *@unsupported and no error when the peer cannot send several
   * documents at once (then open_revs is asked, one document at a time).
   * A reply that cannot be read is KAP_SYNC_ERROR_MALFORMED or
   * _REPLY_TOO_LARGE: the replicator asks again for fewer. */
  GPtrArray       *(*bulk_get)       (KapReplicationPeer        *self,
                                      KapReplicationRev * const *revs,
                                      guint                      n_revs,
                                      gboolean                  *unsupported,
                                      GCancellable              *cancellable,
                                      GError                   **error);
  /* The same for revisions of one document (all @revs have its id). May
   * be NULL for a peer whose bulk_get never says *@unsupported. */
  GPtrArray       *(*open_revs)      (KapReplicationPeer        *self,
                                      KapReplicationRev * const *revs,
                                      guint                      n_revs,
                                      GCancellable              *cancellable,
                                      GError                   **error);
  /* The checkpoint _local/@id: TRUE with *@checkpoint NULL when there is
   * none. */
  gboolean         (*get_checkpoint) (KapReplicationPeer        *self,
                                      const char                *id,
                                      KapCouchCheckpoint       **checkpoint,
                                      GCancellable              *cancellable,
                                      GError                   **error);
  /* Writes @doc as _local/@id over @rev (NULL: a new one); *@new_rev the
   * new _rev (NULL when the peer did not say). FALSE with *@conflict and
   * no error when @rev is not the current one. */
  gboolean         (*put_checkpoint) (KapReplicationPeer        *self,
                                      const char                *id,
                                      JsonObject                *doc,
                                      const char                *rev,
                                      char                     **new_rev,
                                      gboolean                  *conflict,
                                      GCancellable              *cancellable,
                                      GError                   **error);
};

const char      *kap_replication_peer_get_address    (KapReplicationPeer        *self);
const char      *kap_replication_peer_get_database   (KapReplicationPeer        *self);
JsonObject      *kap_replication_peer_get_info       (KapReplicationPeer        *self,
                                                      GCancellable              *cancellable,
                                                      GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
KapCouchChanges *kap_replication_peer_get_changes    (KapReplicationPeer        *self,
                                                      JsonNode                  *since,
                                                      guint                      limit,
                                                      char                     **fingerprint,
                                                      GCancellable              *cancellable,
                                                      GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
GHashTable      *kap_replication_peer_revs_diff      (KapReplicationPeer        *self,
                                                      GPtrArray                 *changes,
                                                      GCancellable              *cancellable,
                                                      GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray       *kap_replication_peer_bulk_docs      (KapReplicationPeer        *self,
                                                      JsonNode * const          *docs,
                                                      guint                      n_docs,
                                                      char                     **refusal,
                                                      GCancellable              *cancellable,
                                                      GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray       *kap_replication_peer_bulk_get       (KapReplicationPeer        *self,
                                                      KapReplicationRev * const *revs,
                                                      guint                      n_revs,
                                                      gboolean                  *unsupported,
                                                      GCancellable              *cancellable,
                                                      GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray       *kap_replication_peer_open_revs      (KapReplicationPeer        *self,
                                                      KapReplicationRev * const *revs,
                                                      guint                      n_revs,
                                                      GCancellable              *cancellable,
                                                      GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean         kap_replication_peer_get_checkpoint (KapReplicationPeer        *self,
                                                      const char                *id,
                                                      KapCouchCheckpoint       **checkpoint,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);
gboolean         kap_replication_peer_put_checkpoint (KapReplicationPeer        *self,
                                                      const char                *id,
                                                      JsonObject                *doc,
                                                      const char                *rev,
                                                      char                     **new_rev,
                                                      gboolean                  *conflict,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);

G_END_DECLS
