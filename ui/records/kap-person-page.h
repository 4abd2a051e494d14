/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-record-list.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_PERSON_PAGE (kap_person_page_get_type ())
G_DECLARE_FINAL_TYPE (KapPersonPage, kap_person_page, KAP, PERSON_PAGE, AdwBin)

/* One person: their details and, gathered from the whole store, their
 * screenings, return interests, referrals (named by their service) and
 * interpreter sessions; the suggested referrals of their latest
 * screening (KapSuggestionsGroup), and Refer… (win.refer, from that
 * screening).
 *
 * Signals (each with a record id, or a form id for "new-record"):
 * "open-record" (a row was activated), "edit-record" (the person's own
 * record, from the Edit button) and "new-record" (New Screening, New
 * Return Interest). Property "title": the person's name. */
GtkWidget   *kap_person_page_new           (KapStore        *store,
                                            KapFormRegistry *forms);
const char  *kap_person_page_get_person_id (KapPersonPage   *self);
void         kap_person_page_set_person_id (KapPersonPage   *self,
                                            const char      *person_id);
const char  *kap_person_page_get_title     (KapPersonPage   *self);
/* The name in the original script as the page shows it, or NULL when it
 * shows none. */
const char  *kap_person_page_get_original_name (KapPersonPage *self);
/* The list of the person's records of @type ("screening",
 * "return_interest", "referral", "interpreter_session"): one AdwActionRow
 * per record, newest first; NULL for another type. */
GtkListBox  *kap_person_page_get_list      (KapPersonPage   *self,
                                            const char      *type);
/* The person's records, found through the person index (NULL before a
 * person is set). */
KapRecordList *kap_person_page_get_records (KapPersonPage   *self);

G_END_DECLS
