/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-context.h"
#include "kap-sync-session.h"

G_BEGIN_DECLS

/* One of the supervisor's pages, shown by KapWindow in place of the
 * records (the sync issue, points 7-9). Each page has its own header bar;
 * "Back" activates the window action win.show-records. */

/* One sync run: server, user name and password (the password lives only
 * in the entry until the run starts, and in the session for the run),
 * progress, summary. Signal "finished" after every run. */
#define KAP_TYPE_SYNC_PAGE (kap_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (KapSyncPage, kap_sync_page, KAP, SYNC_PAGE, AdwBin)

/* The store, forms and settings are @context's; the station is the
 * context's when a run starts. */
GtkWidget  *kap_sync_page_new             (KapContext      *context);
/* Back to the form (keeps the address and the user name). */
void        kap_sync_page_reset           (KapSyncPage     *self);
/* Starts a run with what the entries hold; FALSE if one is running or
 * something is missing (then the page says what). */
gboolean    kap_sync_page_start           (KapSyncPage     *self);
gboolean    kap_sync_page_is_running      (KapSyncPage     *self);
/* What is shown: "form", "progress" or "summary". */
const char *kap_sync_page_get_visible_name (KapSyncPage    *self);
/* How the last run ended: its error (then the form says what to do) or
 * its summary (then the summary is shown); both NULL before a run ends. */
const GError *kap_sync_page_get_error     (KapSyncPage     *self);
const KapSyncSummary *kap_sync_page_get_summary (KapSyncPage *self);
/* What the form says is wrong, or NULL when it says nothing. */
const char *kap_sync_page_get_error_text  (KapSyncPage     *self);

G_END_DECLS
