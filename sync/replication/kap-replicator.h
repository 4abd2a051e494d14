/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-replication-peer.h"
#include "kap-store.h"

G_BEGIN_DECLS

typedef enum
{
  KAP_REPLICATION_PUSH = 1 << 0,
  KAP_REPLICATION_PULL = 1 << 1,
  KAP_REPLICATION_BOTH = KAP_REPLICATION_PUSH | KAP_REPLICATION_PULL,
} KapReplicationDirection;

/* A record the sync could not finish, still outstanding after the run:
 * reported at every run, with its reason, until it is resolved. */
typedef enum
{
  KAP_SYNC_PROBLEM_REJECTED,    /* the server refused this laptop's revision (its rules, its size) */
  KAP_SYNC_PROBLEM_NOT_TAKEN,   /* the store could not take the server's revision */
} KapSyncProblemKind;

typedef struct
{
  KapSyncProblemKind  kind;
  char               *id;          /* kap_json_string_for_display() to show it */
  char               *rev;
  char               *reason;      /* the server's words (rejected) or Kapija's (not taken) */
  gint64              first_seen;  /* seconds since 1970, UTC; 0: not known */
  gint64              last_seen;
} KapSyncProblem;

#define KAP_TYPE_SYNC_PROBLEM (kap_sync_problem_get_type ())
GType           kap_sync_problem_get_type (void) G_GNUC_CONST;
KapSyncProblem *kap_sync_problem_copy     (const KapSyncProblem *problem);
void            kap_sync_problem_free     (KapSyncProblem       *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapSyncProblem, kap_sync_problem_free)

/* What one run did. */
typedef struct
{
  guint  pushed;      /* revisions the server accepted */
  guint  pulled;      /* revisions written into the store */
  guint  rejected;    /* records the server refuses, outstanding after the run
                       * (retried at every push: validate_doc_update, too large) */
  guint  errors;      /* other per-document failures */
  guint  conflicts;   /* documents touched by the run with more than one live leaf */
  guint  not_taken;   /* revisions of the server the store cannot take,
                       * outstanding after the run (retried at every pull) */
  GPtrArray *problems; /* KapSyncProblem: every outstanding rejection and
                        * revision not taken, with its reason; never NULL
                        * in a summary a run returned */
} KapReplicationSummary;

#define KAP_TYPE_REPLICATION_SUMMARY (kap_replication_summary_get_type ())
GType                  kap_replication_summary_get_type (void) G_GNUC_CONST;
KapReplicationSummary *kap_replication_summary_copy     (const KapReplicationSummary *summary);
void                   kap_replication_summary_free     (KapReplicationSummary       *summary);
/* For a summary held by value (KapSyncSummary): deep copies and frees
 * what it points to. */
void                   kap_replication_summary_copy_into (KapReplicationSummary       *to,
                                                          const KapReplicationSummary *from);
void                   kap_replication_summary_clear    (KapReplicationSummary       *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapReplicationSummary, kap_replication_summary_free)

/* Emits @signal_id (guint64 done, guint64 total; done never over total)
 * on @instance at once when @context is NULL, else in @context: how a run
 * in a worker thread reports progress to its caller's thread. */
void                   kap_replication_emit_progress    (gpointer                     instance,
                                                         guint                        signal_id,
                                                         GMainContext                *context,
                                                         guint64                      done,
                                                         guint64                      total);

#define KAP_TYPE_REPLICATOR (kap_replicator_get_type ())
G_DECLARE_FINAL_TYPE (KapReplicator, kap_replicator, KAP, REPLICATOR, GObject)

/* Replicates @store with @peer, one database of a server (DESIGN.md,
 * Sync; couch/kap-couch-peer.h makes one for a CouchDB server): push (changes since the push checkpoint → _revs_diff →
 * _bulk_docs new_edits:false), then pull (_changes style=all_docs → local
 * revs diff → _bulk_get?revs=true, or GET open_revs where _bulk_get is
 * missing → insert with ancestry). Both directions checkpoint after every
 * batch in _local/<replication id> on both sides, so a run that dies
 * resumes where it stopped; applying twice changes nothing.
 *
 * Signals: "progress" (guint64 done, guint64 total), in documents, after
 * every batch; emitted in the thread-default main context of the caller
 * of kap_replicator_run_async() (in the calling thread for
 * kap_replicator_run()). The total is known before the first batch
 * (pending local changes plus the server's estimate) and refined when the
 * server reports "pending".
 *
 * Nothing is skipped silently. A record the server refuses is recorded
 * with the server's reason (kap-sync-rejections.h) and sent again at
 * every push until the server takes it; a revision of the server the
 * store cannot take is recorded with the reason (kap_store_record_not_taken())
 * and asked for again at every pull until it can be taken or is gone; a
 * checkpoint moves past either only once it is recorded. Every summary
 * lists what is outstanding. */

KapReplicator         *kap_replicator_new             (KapStore                 *store,
                                                       KapReplicationPeer       *peer) G_GNUC_WARN_UNUSED_RESULT;
KapStore              *kap_replicator_get_store       (KapReplicator            *self);
KapReplicationPeer    *kap_replicator_get_peer        (KapReplicator            *self);
const char            *kap_replicator_get_database    (KapReplicator            *self);
/* Documents per batch (default 100); a 413 halves it for the run. */
void                   kap_replicator_set_batch_size  (KapReplicator            *self,
                                                       guint                     batch_size);

/* The checkpoint id (without "_local/"): a hash of the store's device id,
 * the peer's address (a server URL without credentials), its database and
 * the direction. */
char                  *kap_replicator_get_replication_id (KapReplicator           *self,
                                                          KapReplicationDirection  direction) G_GNUC_WARN_UNUSED_RESULT;

/* Blocking: for kapija-cli and tests. Only one run at a time. */
KapReplicationSummary *kap_replicator_run             (KapReplicator            *self,
                                                       KapReplicationDirection   directions,
                                                       GCancellable             *cancellable,
                                                       GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same in a worker thread. */
void                   kap_replicator_run_async       (KapReplicator            *self,
                                                       KapReplicationDirection   directions,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
KapReplicationSummary *kap_replicator_run_finish      (KapReplicator            *self,
                                                       GAsyncResult             *result,
                                                       GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
