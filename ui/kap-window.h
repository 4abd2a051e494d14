/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-context.h"
#include "kap-profiles.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_WINDOW (kap_window_get_type ())
G_DECLARE_FINAL_TYPE (KapWindow, kap_window, KAP, WINDOW, AdwApplicationWindow)

/* The window of @context (the one KapContext of the app): its store,
 * forms, person index, settings and signed-in profile. The context's
 * store is NULL when opening failed; then @error says why, and the
 * window shows it instead of the records. The window follows the
 * context's "profile": whoever signs in, it shows them and writes as
 * them.
 *
 * Construct properties besides "context" and "error": "records" (a
 * KapRecordList of the store; made when not given) and "ask-profile"
 * (TRUE: the window asks who is using the laptop before anything else,
 * and the records' author is the chosen profile's code).
 *
 * What it does is in its actions (kap-window-actions.c): win.sync,
 * win.review, win.conflicts, win.mark-reviewed (a supervisor's),
 * win.register-person, win.new-record, win.search, win.back,
 * win.switch-profile, win.show-records. */
KapWindow    *kap_window_new       (GtkApplication *application,
                                    KapContext     *context,
                                    const GError   *error) G_GNUC_WARN_UNUSED_RESULT;
KapContext   *kap_window_get_context (KapWindow    *self);
KapStore     *kap_window_get_store (KapWindow      *self);
const GError *kap_window_get_error (KapWindow      *self);
/* Who is signed in (NULL: nobody yet): the context's profile. Setting it
 * here first writes what the editor holds, as its author. */
const KapProfile *kap_window_get_profile (KapWindow        *self);
void          kap_window_set_profile (KapWindow        *self,
                                      const KapProfile *profile);
/* Whether the signed-in profile may sync, review and resolve. */
gboolean      kap_window_can_supervise (KapWindow      *self);

/* The author of records written in this window (see KapRecordAuthor). The
 * strings belong to the window. */
void          kap_window_get_author   (KapWindow       *self,
                                       KapRecordAuthor *author);
/* Shows the record @id in the end pane: a person's page, or the record
 * editor (for a person too when @edit). */
void          kap_window_open_record  (KapWindow       *self,
                                       const char      *id,
                                       gboolean         edit);
/* A supervisor marks the final record @id reviewed; refused (FALSE, with
 * @error) for an officer, and for a record that is not final. */
gboolean      kap_window_mark_reviewed (KapWindow      *self,
                                        const char     *id,
                                        GError        **error);
/* What the GNetworkMonitor reports: on a change to available, offers a
 * sync to a supervisor when records are waiting (the sync banner). */
void          kap_window_network_changed (KapWindow    *self,
                                          gboolean      available);

/* What is on screen: "main" (the records), "empty" (no records yet),
 * "error" (the store could not be opened), or a supervisor's page:
 * "profiles", "review", "sync", "conflicts". */
const char   *kap_window_get_visible_page_name (KapWindow  *self);
/* The page @name (as above), or NULL when it was not made yet (the
 * supervisor's pages are made when first opened). */
GtkWidget    *kap_window_get_page     (KapWindow       *self,
                                       const char      *name);
/* The parts of the "main" page: the records list (a KapRecordsPage), the
 * record shown (a KapRecordPane), and the offer to sync (a
 * KapSyncBanner). */
GtkWidget    *kap_window_get_records_page (KapWindow   *self);
GtkWidget    *kap_window_get_record_pane  (KapWindow   *self);
GtkWidget    *kap_window_get_sync_banner  (KapWindow   *self);
/* The dialog open over the window, or NULL: "Register Person"
 * (a KapNewPersonDialog) or the chooser of whom a new record is about
 * (a KapPersonChooser). */
GtkWindow    *kap_window_get_new_person_dialog (KapWindow *self);
GtkWindow    *kap_window_get_person_chooser    (KapWindow *self);

G_END_DECLS
