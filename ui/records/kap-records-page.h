/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-record-list.h"

G_BEGIN_DECLS

#define KAP_TYPE_RECORDS_PAGE (kap_records_page_get_type ())
G_DECLARE_FINAL_TYPE (KapRecordsPage, kap_records_page, KAP, RECORDS_PAGE, AdwBin)

/* The start pane of the window: the records list with its search (names
 * in any script) and filters (type, status, priority, sync state), under
 * a header bar with the New menu, the main menu, the profile button and
 * Sync Now.
 *
 * Properties: "folded" (the window's leaflet is folded: the header bar
 * shows the window buttons, the count its short form, and one click on a
 * row opens it), "primary-menu" (the main menu's model),
 * "group-by-person" (TRUE by default: a person's records under the
 * person; action view.group-by-person in the filter menu), and the
 * filters "filter-type", "filter-status", "filter-priority",
 * "filter-sync" ("" is any; also the actions filter.type, … the filter
 * menu uses). Action records.clear-filters clears the search and the
 * filters. A button beside the filters shows the legend of the sync
 * icons. Signals, with a record id: "record-selected" (the officer moved
 * the selection) and "record-activated" (Enter or a double click on a
 * row, a single click when folded, or Enter in the search: open it and
 * go to it). */
GtkWidget     *kap_records_page_new              (void);
/* The list shown; @forms reads the rows. Once, before it is shown. */
void           kap_records_page_set_records      (KapRecordsPage  *self,
                                                  KapRecordList   *records,
                                                  KapFormRegistry *forms);
KapRecordList *kap_records_page_get_records      (KapRecordsPage  *self);
/* Shows @banner (the offer to sync) under the header bar. */
void           kap_records_page_set_banner       (KapRecordsPage  *self,
                                                  GtkWidget       *banner);
/* The subtitle ("12 of 340 records") and the list or "No Results". */
void           kap_records_page_update           (KapRecordsPage  *self);
/* Selects the row of @id (NULL: none) if it is among the first rows,
 * without "record-selected". */
void           kap_records_page_select           (KapRecordsPage  *self,
                                                  const char      *id);
/* Selects the row at @position as the officer would ("record-selected"). */
void           kap_records_page_select_position  (KapRecordsPage  *self,
                                                  guint            position);
/* What Enter on the row at @position does ("record-activated"). */
void           kap_records_page_activate_position (KapRecordsPage *self,
                                                  guint            position);
/* The id of the selected row, or NULL. */
const char    *kap_records_page_get_selected_id  (KapRecordsPage  *self);
guint          kap_records_page_get_selected     (KapRecordsPage  *self);
/* The search text, as the officer types it. */
void           kap_records_page_set_search_text  (KapRecordsPage  *self,
                                                  const char      *text);
void           kap_records_page_focus_search     (KapRecordsPage  *self);
void           kap_records_page_focus_list       (KapRecordsPage  *self);
/* "list" or "no-results". */
const char    *kap_records_page_get_visible_list (KapRecordsPage  *self);
const char    *kap_records_page_get_subtitle     (KapRecordsPage  *self);
gboolean       kap_records_page_get_filter_active (KapRecordsPage *self);
/* The profile button (an avatar with the profile menu) and the Sync Now
 * button of the header bar; the window sets them up for who is signed in. */
GtkMenuButton *kap_records_page_get_profile_button (KapRecordsPage *self);
GtkWidget     *kap_records_page_get_sync_button  (KapRecordsPage  *self);

G_END_DECLS
