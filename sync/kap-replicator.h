/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-couch-client.h"
#include "kap-store.h"

G_BEGIN_DECLS

typedef enum
{
  KAP_REPLICATION_PUSH = 1 << 0,
  KAP_REPLICATION_PULL = 1 << 1,
  KAP_REPLICATION_BOTH = KAP_REPLICATION_PUSH | KAP_REPLICATION_PULL,
} KapReplicationDirection;

/* What one run did. */
typedef struct
{
  guint  pushed;      /* revisions the server accepted */
  guint  pulled;      /* revisions written into the store */
  guint  rejected;    /* revisions the server refused (validate_doc_update…) */
  guint  errors;      /* other per-document failures */
  guint  conflicts;   /* documents touched by the run with more than one live leaf */
} KapReplicationSummary;

#define KAP_TYPE_REPLICATION_SUMMARY (kap_replication_summary_get_type ())
GType                  kap_replication_summary_get_type (void) G_GNUC_CONST;
KapReplicationSummary *kap_replication_summary_copy     (const KapReplicationSummary *summary);
void                   kap_replication_summary_free     (KapReplicationSummary       *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapReplicationSummary, kap_replication_summary_free)

#define KAP_TYPE_REPLICATOR (kap_replicator_get_type ())
G_DECLARE_FINAL_TYPE (KapReplicator, kap_replicator, KAP, REPLICATOR, GObject)

/* Replicates @store with one database of @client's server (DESIGN.md,
 * Sync): push (changes since the push checkpoint → _revs_diff →
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
 * server reports "pending". */

KapReplicator         *kap_replicator_new             (KapStore                 *store,
                                                       KapCouchClient           *client,
                                                       const char               *database) G_GNUC_WARN_UNUSED_RESULT;
KapStore              *kap_replicator_get_store       (KapReplicator            *self);
KapCouchClient        *kap_replicator_get_client      (KapReplicator            *self);
const char            *kap_replicator_get_database    (KapReplicator            *self);
/* Documents per batch (default 100); a 413 halves it for the run. */
void                   kap_replicator_set_batch_size  (KapReplicator            *self,
                                                       guint                     batch_size);

/* The checkpoint id (without "_local/"): a hash of the store's device id,
 * the server URL without credentials, the database and the direction. */
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
