/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_SYNC_BANNER (kap_sync_banner_get_type ())
G_DECLARE_FINAL_TYPE (KapSyncBanner, kap_sync_banner, KAP, SYNC_BANNER, AdwBin)

/* The offer to sync when the laptop finds a network: "4 records are
 * waiting to be synced", Sync Now… (win.sync) and a close button (action
 * banner.dismiss), in the manner of libadwaita 1.3's AdwBanner, which
 * libadwaita 1.2 does not have. It follows the default GNetworkMonitor
 * once it has a store, and offers only while syncing is allowed. */
GtkWidget  *kap_sync_banner_new             (void);
/* The store whose records waiting to be synced are counted. */
void        kap_sync_banner_set_store       (KapSyncBanner *self,
                                             KapStore      *store);
/* Whether the signed-in profile may sync; FALSE hides the offer. */
void        kap_sync_banner_set_can_sync    (KapSyncBanner *self,
                                             gboolean       can_sync);
/* What the GNetworkMonitor reports: on a change to available, offers a
 * sync when records are waiting. */
void        kap_sync_banner_network_changed (KapSyncBanner *self,
                                             gboolean       available);
/* Hides the offer (a sync began, or the supervisor closed it). */
void        kap_sync_banner_dismiss         (KapSyncBanner *self);
/* After a run: hides the offer when nothing is waiting any more. */
void        kap_sync_banner_sync_finished   (KapSyncBanner *self);
gboolean    kap_sync_banner_get_revealed    (KapSyncBanner *self);
const char *kap_sync_banner_get_text        (KapSyncBanner *self);

G_END_DECLS
