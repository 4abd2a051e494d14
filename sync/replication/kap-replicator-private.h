/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-replication-peer.h"
#include "kap-replicator.h"

G_BEGIN_DECLS

/* One run's state, shared by the push and pull halves. */
typedef struct
{
  KapReplicator         *replicator;
  KapStore              *store;
  KapReplicationPeer    *peer;
  const char            *database;      /* the peer's, for the debug log */
  GCancellable          *cancellable;
  GMainContext          *context;       /* where "progress" is emitted */
  guint                  batch_size;    /* halved on 413, for the rest of the run */
  guint64                done;
  guint64                total;
  GHashTable            *touched;       /* ids the run wrote on either side */
  GHashTable            *sent;          /* ids the push offered the server in this run */
  GHashTable            *not_taken;     /* "id\nrev" the pull recorded as not taken in this run */
  KapReplicationSummary  summary;
} KapRun;

/* A checkpoint as read from both sides at the start of a direction. */
typedef struct
{
  char      *id;            /* "kapija-<hash>", without "_local/" */
  JsonNode  *seq;           /* the agreed sequence, NULL: from the start */
  JsonObject *local;        /* the local document, or NULL */
  JsonObject *remote;       /* the remote document, or NULL */
  char      *remote_rev;    /* its _rev, for the next PUT */
} KapCheckpoint;

void      kap_run_emit_progress        (KapRun                  *run);
gboolean  kap_run_check_cancelled      (KapRun                  *run,
                                        GError                 **error);

KapCheckpoint *kap_checkpoint_read     (KapRun                  *run,
                                        KapReplicationDirection  direction,
                                        GError                 **error);
gboolean  kap_checkpoint_write         (KapRun                  *run,
                                        KapCheckpoint           *checkpoint,
                                        JsonNode                *seq,
                                        GError                 **error);
void      kap_checkpoint_free          (KapCheckpoint           *checkpoint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCheckpoint, kap_checkpoint_free)

gboolean  kap_replicator_push          (KapRun                  *run,
                                        KapCheckpoint           *checkpoint,
                                        GError                 **error);
gboolean  kap_replicator_pull          (KapRun                  *run,
                                        KapCheckpoint           *checkpoint,
                                        GError                 **error);

/* The records the server refused before, sent again (at the end of every
 * push: its rules or the record may have changed). */
gboolean  kap_replicator_push_retry    (KapRun                  *run,
                                        GError                 **error);
/* The revisions recorded as not taken, asked for again (at the end of
 * every pull). */
gboolean  kap_replicator_pull_retry    (KapRun                  *run,
                                        GError                 **error);

/* The server's estimate of the changes after @since (NULL: all). */
guint64   kap_replicator_pull_estimate (KapRun                  *run,
                                        JsonNode                *since,
                                        JsonObject              *db_info);
/* Pending local changes after the push checkpoint. */
guint64   kap_replicator_push_pending  (KapRun                  *run,
                                        KapCheckpoint           *checkpoint,
                                        GError                 **error);
/* The local sequence a push checkpoint holds (0 when none). */
gint64    kap_checkpoint_get_local_seq (KapCheckpoint           *checkpoint);

G_END_DECLS
