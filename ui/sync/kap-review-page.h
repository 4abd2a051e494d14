/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-context.h"
#include "kap-record-list.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* One of the supervisor's pages, shown by KapWindow in place of the
 * records (the sync issue, points 7-9). Each page has its own header bar;
 * "Back" activates the window action win.show-records. */

/* Finalized records waiting for a supervisor's review. Signals
 * "open-record" (const char *id) and "mark-reviewed" (const char *id). */
#define KAP_TYPE_REVIEW_PAGE (kap_review_page_get_type ())
G_DECLARE_FINAL_TYPE (KapReviewPage, kap_review_page, KAP, REVIEW_PAGE, AdwBin)

GtkWidget  *kap_review_page_new           (KapContext      *context,
                                           GError         **error);
KapRecordList *kap_review_page_get_list   (KapReviewPage   *self);
/* What is shown: "list" or "empty" (nothing to review). */
const char *kap_review_page_get_visible_name (KapReviewPage *self);

G_END_DECLS
