/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-profiles.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* A supervisor's reviews that can be taken back (issue 8, point 11): the
 * review page marks one record or every record it shows, and offers to
 * undo that for a moment. These sit beside kap_records_review()
 * (kap-records.h) with the same role rule, KAP_RECORDS_ACTION_REVIEW. */

/* One record a review marked: its id and the revision the review wrote,
 * which an undo must still find as the record's current one, and who
 * changed it when before the review, which the undo puts back (the
 * record is then as it was; the revisions keep what happened). */
typedef struct
{
  char *id;
  char *rev;
  char *updated_at;
  char *updated_by;
} KapReviewMark;

void          kap_review_mark_free        (KapReviewMark          *mark);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapReviewMark, kap_review_mark_free)

/* Marks each final record of @ids reviewed, one write each, and returns
 * the marks (KapReviewMark, in the order of @ids) of those it marked. A
 * record that is no longer final (reviewed meanwhile, by a sync) is
 * passed over. Refused before anything is written when @profile may not
 * review; a write that fails stops there with its error, and the marks
 * already written are returned in @partial (if not NULL) so that they
 * can still be undone. Returns NULL on error. */
GPtrArray    *kap_records_review_all      (KapStore               *store,
                                           const KapProfile       *profile,
                                           const KapRecordAuthor  *author,
                                           const char * const     *ids,
                                           GPtrArray             **partial,
                                           GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* Takes back the review of @mark: the record becomes final again, with
 * the updated_at and updated_by it had before the review (a new
 * revision). Refused with KAP_RECORDS_ERROR_WRONG_STATUS,
 * changing nothing, when the record is not reviewed or its current
 * revision is no longer the one the review wrote (somebody changed it
 * since, or a sync brought another version): the undo would then take
 * back more than the review. */
gboolean      kap_records_unreview        (KapStore               *store,
                                           const KapProfile       *profile,
                                           const KapRecordAuthor  *author,
                                           const KapReviewMark    *mark,
                                           GError                **error);

/* kap_records_unreview() of each of @marks (KapReviewMark). Every mark
 * is tried; returns FALSE with the first error when any failed, and
 * @n_undone (nullable) counts those taken back. */
gboolean      kap_records_unreview_all    (KapStore               *store,
                                           const KapProfile       *profile,
                                           const KapRecordAuthor  *author,
                                           GPtrArray              *marks,
                                           guint                  *n_undone,
                                           GError                **error);

G_END_DECLS
