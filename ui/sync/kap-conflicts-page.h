/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-conflict-resolver.h"
#include "kap-context.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* One of the supervisor's pages, shown by KapWindow in place of the
 * records (the sync issue, points 7-9). Each page has its own header bar;
 * "Back" activates the window action win.show-records. */

/* The conflict queue, the resolutions applied here that a sync has not
 * pushed yet (with Undo), and the records the server rejected. Signals
 * "open-record" (const char *id) and "resolved" (const char *id). */
#define KAP_TYPE_CONFLICTS_PAGE (kap_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (KapConflictsPage, kap_conflicts_page, KAP, CONFLICTS_PAGE, AdwBin)

GtkWidget  *kap_conflicts_page_new        (KapContext      *context);
/* Reads the queue again; the author signs the resolutions. */
void        kap_conflicts_page_reload     (KapConflictsPage      *self,
                                           const KapRecordAuthor *author);
/* What is shown: "list" (conflicts, refusals or an error) or "empty". */
const char *kap_conflicts_page_get_visible_name (KapConflictsPage *self);
/* Who signs the resolutions (the officer and station of the last
 * reload with an author; the device is the store's). */
KapRecordAuthor kap_conflicts_page_get_author (KapConflictsPage *self);
/* Why the last reload or resolution failed, or NULL. */
const char *kap_conflicts_page_get_error_text (KapConflictsPage *self);

/* The conflicts shown, in order: each is a group (the record's title,
 * "Open Record", "Apply", one row per clashing answer). */
guint       kap_conflicts_page_get_n_conflicts (KapConflictsPage *self);
const KapConflict *kap_conflicts_page_get_conflict (KapConflictsPage *self,
                                                    guint             index);
GtkWidget  *kap_conflicts_page_get_group  (KapConflictsPage      *self,
                                           guint                  index);
/* The row of the answer at @path ("" for a whole record deleted on one
 * side) in conflict @index: its toggle buttons are the sides (base, this
 * laptop, server; no base for a deletion; the base cannot be chosen when
 * it is not known), then the other value; an answer the form edits
 * (text, numbers, dates, choices) has an "_Other Value…" menu button
 * whose popover holds the form's own row for the field and "_Use This
 * Value". NULL if that answer does not clash. Above the conflicts, the
 * group "Resolved on This Laptop" lists what was applied here and not
 * yet pushed by a sync, each with "_Undo". */
GtkWidget  *kap_conflicts_page_get_clash_row (KapConflictsPage   *self,
                                              guint               index,
                                              const char         *path);

G_END_DECLS
