/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_PERSON_PAGE (kap_person_page_get_type ())
G_DECLARE_FINAL_TYPE (KapPersonPage, kap_person_page, KAP, PERSON_PAGE, AdwBin)

/* One person: their details and, gathered from the whole store, their
 * screenings, return interests, referrals and interpreter sessions.
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

G_END_DECLS
