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

/* Finalized records waiting for a supervisor's review: the list on the
 * start side, the record chosen shown read-only on the end side, with
 * Mark Reviewed (the record shown; action review.mark), Mark All Shown
 * (review.mark-all, after a question with the count), the priority
 * filter (review.priority, "P1", "P2", "P3" or "" for all) and Undo in
 * the toast after marking (review.undo). Signal "open-record" (const
 * char *id): Open Record, to see the record among the records. */
#define KAP_TYPE_REVIEW_PAGE (kap_review_page_get_type ())
G_DECLARE_FINAL_TYPE (KapReviewPage, kap_review_page, KAP, REVIEW_PAGE, AdwBin)

GtkWidget  *kap_review_page_new           (KapContext      *context,
                                           GError         **error);
KapRecordList *kap_review_page_get_list   (KapReviewPage   *self);
/* What is shown: "list" or "empty" (nothing to review). */
const char *kap_review_page_get_visible_name (KapReviewPage *self);
/* The record shown beside the list (NULL: none) and its read-only
 * KapFormView. */
const char *kap_review_page_get_shown_id  (KapReviewPage   *self);
GtkWidget  *kap_review_page_get_form_view (KapReviewPage   *self);
/* The question of Mark All Shown, while it is open. */
AdwMessageDialog *kap_review_page_get_dialog (KapReviewPage *self);

G_END_DECLS
