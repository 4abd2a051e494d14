/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replication-peer"

#include "config.h"

#include "kap-replication-peer.h"

G_DEFINE_INTERFACE (KapReplicationPeer, kap_replication_peer, G_TYPE_OBJECT)

static void
kap_replication_peer_default_init (KapReplicationPeerInterface *iface)
{
}

#define PEER_IFACE(self) KAP_REPLICATION_PEER_GET_IFACE (self)

const char *
kap_replication_peer_get_address (KapReplicationPeer *self)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);

  return PEER_IFACE (self)->get_address (self);
}

const char *
kap_replication_peer_get_database (KapReplicationPeer *self)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);

  return PEER_IFACE (self)->get_database (self);
}

JsonObject *
kap_replication_peer_get_info (KapReplicationPeer  *self,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);

  return PEER_IFACE (self)->get_info (self, cancellable, error);
}

KapCouchChanges *
kap_replication_peer_get_changes (KapReplicationPeer  *self,
                                  JsonNode            *since,
                                  guint                limit,
                                  char               **fingerprint,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  return PEER_IFACE (self)->get_changes (self, since, limit, fingerprint, cancellable, error);
}

GHashTable *
kap_replication_peer_revs_diff (KapReplicationPeer  *self,
                                GPtrArray           *changes,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);

  return PEER_IFACE (self)->revs_diff (self, changes, cancellable, error);
}

GPtrArray *
kap_replication_peer_bulk_docs (KapReplicationPeer  *self,
                                JsonNode * const    *docs,
                                guint                n_docs,
                                char               **refusal,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);
  g_return_val_if_fail (refusal != NULL, NULL);

  return PEER_IFACE (self)->bulk_docs (self, docs, n_docs, refusal, cancellable, error);
}

GPtrArray *
kap_replication_peer_bulk_get (KapReplicationPeer        *self,
                               KapReplicationRev * const *revs,
                               guint                      n_revs,
                               gboolean                  *unsupported,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);
  g_return_val_if_fail (unsupported != NULL, NULL);

  return PEER_IFACE (self)->bulk_get (self, revs, n_revs, unsupported, cancellable, error);
}

GPtrArray *
kap_replication_peer_open_revs (KapReplicationPeer        *self,
                                KapReplicationRev * const *revs,
                                guint                      n_revs,
                                GCancellable              *cancellable,
                                GError                   **error)
{
  KapReplicationPeerInterface *iface;

  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), NULL);
  g_return_val_if_fail (n_revs > 0, NULL);

  iface = PEER_IFACE (self);
  if (iface->open_revs == NULL)
    {
      g_debug ("A peer without bulk_get and without open_revs");
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return NULL;
    }

  return iface->open_revs (self, revs, n_revs, cancellable, error);
}

gboolean
kap_replication_peer_get_checkpoint (KapReplicationPeer  *self,
                                     const char          *id,
                                     KapCouchCheckpoint **checkpoint,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), FALSE);
  g_return_val_if_fail (checkpoint != NULL, FALSE);

  *checkpoint = NULL;
  return PEER_IFACE (self)->get_checkpoint (self, id, checkpoint, cancellable, error);
}

gboolean
kap_replication_peer_put_checkpoint (KapReplicationPeer  *self,
                                     const char          *id,
                                     JsonObject          *doc,
                                     const char          *rev,
                                     char               **new_rev,
                                     gboolean            *conflict,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  g_return_val_if_fail (KAP_IS_REPLICATION_PEER (self), FALSE);
  g_return_val_if_fail (new_rev != NULL && conflict != NULL, FALSE);

  *new_rev = NULL;
  *conflict = FALSE;
  return PEER_IFACE (self)->put_checkpoint (self, id, doc, rev, new_rev, conflict, cancellable, error);
}
