/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-store.h"

G_BEGIN_DECLS

/* The sync state of a record (DESIGN.md, Sync, point 6). Until a sync has
 * run every record is pending; conflict is a document with more than one
 * live leaf. The sync work adds sent and rejected. */
typedef enum
{
  KAP_SYNC_STATE_PENDING,
  KAP_SYNC_STATE_SENT,
  KAP_SYNC_STATE_CONFLICT,
  KAP_SYNC_STATE_REJECTED,
} KapSyncState;

#define KAP_TYPE_SYNC_STATE (kap_sync_state_get_type ())
GType        kap_sync_state_get_type (void) G_GNUC_CONST;
/* "pending", "sent", "conflict", "rejected" */
const char  *kap_sync_state_to_string (KapSyncState state);

/* One row of the records list: what a list shows of a record without
 * reading its whole body. */
#define KAP_TYPE_RECORD_SUMMARY (kap_record_summary_get_type ())
G_DECLARE_FINAL_TYPE (KapRecordSummary, kap_record_summary, KAP, RECORD_SUMMARY, GObject)

const char         *kap_record_summary_get_id             (KapRecordSummary *self);
/* "person", "screening", … */
const char         *kap_record_summary_get_doc_type       (KapRecordSummary *self);
/* The person's name as stated; for other records, their person's name
 * (or "" when the record has no person). */
const char         *kap_record_summary_get_title          (KapRecordSummary *self);
/* The name in the original script, or NULL. */
const char         *kap_record_summary_get_title_original (KapRecordSummary *self);
const char         *kap_record_summary_get_status         (KapRecordSummary *self);
/* "P1", "P2", "P3" for screenings, else NULL. */
const char         *kap_record_summary_get_priority       (KapRecordSummary *self);
/* A screening's vulnerability categories (codes), else empty. */
const char * const *kap_record_summary_get_categories     (KapRecordSummary *self);
/* A return interest's stage, else NULL. */
const char         *kap_record_summary_get_stage          (KapRecordSummary *self);
const char         *kap_record_summary_get_person_id      (KapRecordSummary *self);
/* "2025-03-15T09:30:00Z" */
const char         *kap_record_summary_get_updated_at     (KapRecordSummary *self);
KapSyncState        kap_record_summary_get_sync_state     (KapRecordSummary *self);
/* Shown under its person: the list is grouped by person and the person's
 * row is above it (kap_record_list_set_group_by_person()). */
gboolean            kap_record_summary_get_nested         (KapRecordSummary *self);

/* What the list shows; NULL members mean "any". */
typedef struct
{
  const char *type;
  const char *status;
  const char *priority;
  int         sync_state;   /* a KapSyncState, or -1 for any */
  const char *text;         /* names in any script (kap-name-search.h: best matches first), or an id prefix */
  const char *person_id;    /* only the records about this person (and the person) */
} KapRecordFilter;

#define KAP_RECORD_FILTER_INIT { NULL, NULL, NULL, -1, NULL, NULL }

/* Every live record of a store as KapRecordSummary items, newest change
 * first (while searching, best match first), filtered. It keeps the summaries of all records in memory (a few
 * dozen bytes each) and makes the item objects only when asked for, so a
 * list view over 100,000 records stays fast, and it follows the store's
 * changes by itself. Filtering happens here rather than in a
 * GtkFilterListModel, which would make an object per record on each
 * keystroke. */
#define KAP_TYPE_RECORD_LIST (kap_record_list_get_type ())
G_DECLARE_FINAL_TYPE (KapRecordList, kap_record_list, KAP, RECORD_LIST, GObject)

KapRecordList    *kap_record_list_new          (KapStore              *store,
                                                GError               **error) G_GNUC_WARN_UNUSED_RESULT;
/* Only @person_id and the records about them: a person page, without
 * loading every record of the store. The filter still applies. Titles of
 * those records come from the person. */
KapRecordList    *kap_record_list_new_for_person (KapStore            *store,
                                                  const char          *person_id,
                                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void              kap_record_list_set_filter   (KapRecordList         *self,
                                                const KapRecordFilter *filter);
/* A person's records right under the person (the groups in the order of
 * their newest change, or of their best match while searching), rather
 * than every record on its own. Off by default. */
void              kap_record_list_set_group_by_person (KapRecordList  *self,
                                                       gboolean        group_by_person);
gboolean          kap_record_list_get_group_by_person (KapRecordList  *self);
/* The number of records whatever the filter. */
guint             kap_record_list_get_n_total  (KapRecordList         *self);
/* The summary of a record by id (filtered out or not), or NULL. */
KapRecordSummary *kap_record_list_lookup       (KapRecordList         *self,
                                                const char            *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
