/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-context.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* One of the supervisor's pages, shown by KapWindow in place of the
 * records (the sync issue, points 7-9). Each page has its own header bar;
 * "Back" activates the window action win.show-records. */

/* The conflict queue and the records the server rejected. Signal
 * "open-record" (const char *id). */
#define KAP_TYPE_CONFLICTS_PAGE (kap_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (KapConflictsPage, kap_conflicts_page, KAP, CONFLICTS_PAGE, AdwBin)

GtkWidget  *kap_conflicts_page_new        (KapContext      *context);
/* Reads the queue again; the author signs the resolutions. */
void        kap_conflicts_page_reload     (KapConflictsPage      *self,
                                           const KapRecordAuthor *author);

G_END_DECLS
