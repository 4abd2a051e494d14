/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-duplicates.h"
#include "kap-form-registry.h"
#include "kap-record.h"
#include "kap-record-list.h"
#include "kap-records.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* Small helpers shared by the records list, the person page and the
 * dialogs of ui/records/: how a record type, status, stage or sync state
 * reads on screen, and the two ways a record comes into being here. */

const char  *kap_records_type_label      (const char        *type);
const char  *kap_records_type_icon       (const char        *type);
const char  *kap_records_status_label    (const char        *status);
const char  *kap_records_sync_label      (KapSyncState       state);
const char  *kap_records_sync_icon       (KapSyncState       state);
/* What a sync state means for the officer, in a sentence (the legend). */
const char  *kap_records_sync_description (KapSyncState      state);
/* @image shows @state's icon as the list does: pending and synced dim,
 * a conflict or a refusal in colour, and the longer text as tooltip. */
void         kap_records_style_sync_icon (GtkImage          *image,
                                          KapSyncState       state);
/* Appends @part to @text after the separator " · " (unless @text is
 * empty), isolated with U+2068 FIRST STRONG ISOLATE … U+2069 POP
 * DIRECTIONAL ISOLATE, so that an Arabic name beside Latin words keeps
 * the parts in their order; the space before the separator does not
 * break, so a wrapped line never starts with “·”. With @together the
 * part's own spaces do not break either (“Today at 09:30” stays on one
 * line); a name, which may be long, wraps between its words. */
void         kap_records_append_part     (GString           *text,
                                          const char        *part,
                                          gboolean           together);
/* The label of a return interest's stage, from the form's choices. */
char        *kap_records_stage_label     (KapFormRegistry   *forms,
                                          const char        *stage) G_GNUC_WARN_UNUSED_RESULT;
/* A screening's categories as their labels, joined with commas. */
char        *kap_records_category_labels (KapFormRegistry   *forms,
                                          const char * const *categories) G_GNUC_WARN_UNUSED_RESULT;
/* "Just now", "12 minutes ago", "Today at 09:30", "Yesterday at 17:05",
 * "3 March 2025" for an ISO timestamp; @now NULL is the real time. */
char        *kap_records_format_time     (const char        *timestamp,
                                          GDateTime         *now) G_GNUC_WARN_UNUSED_RESULT;
/* Shows @priority ("P1", "P2", "P3") on @label as a coloured badge, or
 * hides the label when @priority is NULL. */
void         kap_records_set_priority_badge (GtkLabel      *label,
                                             const char    *priority);

/* Keeps @index up to date with the persons of @store: every
 * "documents-changed" re-indexes the persons among the ids. Stops when
 * @index is finalized. */
void         kap_records_follow_persons  (KapPersonIndex    *index,
                                          KapStore          *store);

/* kap_records_create_draft() is in core/records/kap-records.h. */

G_END_DECLS
