/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-profiles.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* One of the supervisor's pages, shown by KapWindow in place of the
 * records (the sync issue, points 7-9). Each page has its own header bar;
 * "Back" activates the window action win.show-records. */

/* One sync run: server, user name and password (the password lives only
 * in the entry until the run starts, and in the session for the run),
 * progress, summary. Signal "finished" after every run. */
#define KAP_TYPE_SYNC_PAGE (kap_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (KapSyncPage, kap_sync_page, KAP, SYNC_PAGE, AdwBin)

GtkWidget  *kap_sync_page_new             (KapStore        *store,
                                           KapFormRegistry *forms,
                                           GSettings       *settings);
void        kap_sync_page_set_station     (KapSyncPage     *self,
                                           const char      *station);
/* Who starts the runs (copied): only a supervisor may. */
void        kap_sync_page_set_profile     (KapSyncPage      *self,
                                           const KapProfile *profile);
/* Back to the form (keeps the address and the user name). */
void        kap_sync_page_reset           (KapSyncPage     *self);
/* Starts a run with what the entries hold; FALSE if one is running or
 * something is missing (then the page says what). */
gboolean    kap_sync_page_start           (KapSyncPage     *self);
gboolean    kap_sync_page_is_running      (KapSyncPage     *self);

G_END_DECLS
