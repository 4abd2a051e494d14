/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-person-page.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_RECORD_PANE (kap_record_pane_get_type ())
G_DECLARE_FINAL_TYPE (KapRecordPane, kap_record_pane, KAP, RECORD_PANE, AdwBin)

/* The end pane of the window: the record shown, as a person's page or in
 * the record editor, or "No Record Selected"; its header bar says the
 * record type (the page and the editor show the name themselves). A
 * screening's editor has its suggested referrals under the form
 * (KapSuggestionsGroup).
 *
 * Property "folded" (the window's leaflet is folded: a Back button,
 * win.back). Signals: "open-record" (id, gboolean edit: a row or the
 * Edit button of the person page) and "new-record" (form id, person id:
 * New Screening, New Return Interest on the person page). */
GtkWidget     *kap_record_pane_new              (void);
/* Once, before anything is shown. */
void           kap_record_pane_set_store        (KapRecordPane         *self,
                                                 KapStore              *store,
                                                 KapFormRegistry       *forms);
/* Shows @id: a person's page, or the editor (for a person too when
 * @edit), writing as @author. A change pending in the editor is written
 * first. FALSE (with @error) when the record cannot be read. */
gboolean       kap_record_pane_show             (KapRecordPane         *self,
                                                 const char            *id,
                                                 gboolean               edit,
                                                 const KapRecordAuthor *author,
                                                 GError               **error);
/* Shows no record (after the one shown was discarded). */
void           kap_record_pane_clear            (KapRecordPane         *self);
/* Writes a pending change of the editor now (the editor shows its own
 * error). */
void           kap_record_pane_save             (KapRecordPane         *self);
/* The record shown, or NULL. */
const char    *kap_record_pane_get_shown_id     (KapRecordPane         *self);
/* "none", "person" or "editor". */
const char    *kap_record_pane_get_visible_name (KapRecordPane         *self);
/* The editor shown (a KapRecordEditor), or NULL. */
GtkWidget     *kap_record_pane_get_editor       (KapRecordPane         *self);
/* The person page (made when a person is first shown), or NULL. */
KapPersonPage *kap_record_pane_get_person_page  (KapRecordPane         *self);
/* The person on screen (the person page is shown), or NULL. */
const char    *kap_record_pane_get_person_id    (KapRecordPane         *self);
/* The header bar's title: the record type, or NULL. */
const char    *kap_record_pane_get_title        (KapRecordPane         *self);
/* Moves the keyboard focus into the record. */
void           kap_record_pane_focus            (KapRecordPane         *self);

G_END_DECLS
