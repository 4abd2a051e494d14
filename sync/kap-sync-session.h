/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-conflict-resolver.h"
#include "kap-couch-peer.h"
#include "kap-profiles.h"

G_BEGIN_DECLS

/* One supervisor's sync run as the app and kapija-cli start it: log in,
 * replicate the station's database both ways, merge what merges cleanly,
 * push those merges in the same run, pull the reference database (forms,
 * code lists…) into the reference store beside the records store
 * (sync/kap-reference.h), and report. Newer forms are added to the form
 * registry by kap_sync_session_run () and kap_sync_session_run_finish (),
 * in the caller's thread, never in the worker. The credentials live
 * only as long as the session object (never written anywhere). */

typedef struct
{
  KapReplicationSummary replication;
  guint                 merged;       /* conflicts resolved automatically */
  guint                 conflicts;    /* left in the queue for a supervisor */
  guint                 reference;    /* reference documents (forms, code lists…) pulled */
  gboolean              reference_failed;  /* the reference database could not be pulled */
} KapSyncSummary;

#define KAP_TYPE_SYNC_SUMMARY (kap_sync_summary_get_type ())
GType           kap_sync_summary_get_type (void) G_GNUC_CONST;
KapSyncSummary *kap_sync_summary_copy     (const KapSyncSummary *summary);
void            kap_sync_summary_free     (KapSyncSummary       *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapSyncSummary, kap_sync_summary_free)

#define KAP_TYPE_SYNC_SESSION (kap_sync_session_get_type ())
G_DECLARE_FINAL_TYPE (KapSyncSession, kap_sync_session, KAP, SYNC_SESSION, GObject)

/* @url is the server (e.g. https://kapija.example.gov.rs), @station the
 * station code whose database (kapija-st-<code>) is replicated, @profile
 * who runs it (copied): only a supervisor syncs, so every run checks it
 * first (kap_records_check(), SYNC) and fails with its error
 * (KAP_RECORDS_ERROR_NOT_SIGNED_IN, _NOT_PERMITTED) before it reaches
 * the server. Signals: "progress" (guint64 done, guint64 total), as
 * KapReplicator's. */
KapSyncSession *kap_sync_session_new        (KapStore        *store,
                                             KapFormRegistry *forms,
                                             const KapProfile *profile,
                                             const char      *url,
                                             const char      *station,
                                             const char      *user,
                                             const char      *password) G_GNUC_WARN_UNUSED_RESULT;
KapSyncSummary *kap_sync_session_run        (KapSyncSession  *self,
                                             GCancellable    *cancellable,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;
void            kap_sync_session_run_async  (KapSyncSession  *self,
                                             GCancellable    *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer         user_data);
KapSyncSummary *kap_sync_session_run_finish (KapSyncSession  *self,
                                             GAsyncResult    *result,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* Whether the run under way waits on the server, and then for what
 * (@kind) and since when (@since, g_get_monotonic_time ()): its request
 * in flight. Thread-safe, for a page that shows a long wait; FALSE when
 * no request is under way. */
gboolean        kap_sync_session_get_waiting (KapSyncSession      *self,
                                              KapCouchRequestKind *kind,
                                              gint64              *since);

G_END_DECLS
