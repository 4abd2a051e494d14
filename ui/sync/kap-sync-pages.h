/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-profiles.h"
#include "kap-record-list.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* The supervisor's pages of the sync issue (points 7-9), shown by
 * KapWindow in place of the records: choosing a profile, the review list,
 * the sync run and the conflict queue. Each page has its own header bar;
 * "Back" activates the window action win.show-records. */

/* Who is using the laptop: a first-run form when the store has no
 * profile, else the list of profiles. Signal "profile-chosen"
 * (KapProfile *). With @settings (nullable) the first run also stores the
 * station code there, and the chooser puts the last used profile first. */
#define KAP_TYPE_PROFILES_PAGE (kap_profiles_page_get_type ())
G_DECLARE_FINAL_TYPE (KapProfilesPage, kap_profiles_page, KAP, PROFILES_PAGE, AdwBin)

GtkWidget  *kap_profiles_page_new         (KapStore        *store,
                                           GSettings       *settings);
/* Reads the profiles again; @can_cancel shows a Cancel button (there is a
 * profile signed in already). */
void        kap_profiles_page_reload      (KapProfilesPage *self,
                                           gboolean         can_cancel);

/* Finalized records waiting for a supervisor's review. Signals
 * "open-record" (const char *id) and "mark-reviewed" (const char *id). */
#define KAP_TYPE_REVIEW_PAGE (kap_review_page_get_type ())
G_DECLARE_FINAL_TYPE (KapReviewPage, kap_review_page, KAP, REVIEW_PAGE, AdwBin)

GtkWidget  *kap_review_page_new           (KapStore        *store,
                                           KapFormRegistry *forms,
                                           GError         **error);
KapRecordList *kap_review_page_get_list   (KapReviewPage   *self);

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
/* Back to the form (keeps the address and the user name). */
void        kap_sync_page_reset           (KapSyncPage     *self);
/* Starts a run with what the entries hold; FALSE if one is running or
 * something is missing (then the page says what). */
gboolean    kap_sync_page_start           (KapSyncPage     *self);
gboolean    kap_sync_page_is_running      (KapSyncPage     *self);

/* The conflict queue and the records the server rejected. Signal
 * "open-record" (const char *id). */
#define KAP_TYPE_CONFLICTS_PAGE (kap_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (KapConflictsPage, kap_conflicts_page, KAP, CONFLICTS_PAGE, AdwBin)

GtkWidget  *kap_conflicts_page_new        (KapStore        *store,
                                           KapFormRegistry *forms);
/* Reads the queue again; the author signs the resolutions. */
void        kap_conflicts_page_reload     (KapConflictsPage      *self,
                                           const KapRecordAuthor *author);

G_END_DECLS
