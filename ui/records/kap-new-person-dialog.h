/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-duplicates.h"
#include "kap-form-registry.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_NEW_PERSON_DIALOG (kap_new_person_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KapNewPersonDialog, kap_new_person_dialog, KAP, NEW_PERSON_DIALOG, AdwWindow)

/* Registers a person after a duplicate check. It asks for the name as
 * stated, the name in the original script, the date of birth (typed or
 * picked) or an estimated age, how the age was found out, the sex and the
 * nationality; Ctrl+Enter goes on. Then it looks for persons already on
 * this laptop that may be the same (KapPersonIndex) and, if there are,
 * shows them ranked with the reasons. The officer opens one of them, or
 * registers a new person anyway.
 *
 * Signals: "open-person" (the id of a match the officer opened) and
 * "person-registered" (the id of the new person's draft, already saved,
 * its age and sex noted as carried from the registration, kap-carry.h).
 * The dialog closes itself after either. */
KapNewPersonDialog *kap_new_person_dialog_new      (GtkWindow             *parent,
                                                    KapStore              *store,
                                                    KapFormRegistry       *forms,
                                                    KapPersonIndex        *index,
                                                    const KapRecordAuthor *author);
/* What is shown: "details" (the form) or "matches" (who may be the same
 * person, after "_Register"). */
const char         *kap_new_person_dialog_get_visible_name (KapNewPersonDialog *self);
/* The persons who may be the same, best first: one AdwActionRow each,
 * titled with the name as registered, the reasons as its subtitle. */
GtkListBox         *kap_new_person_dialog_get_matches (KapNewPersonDialog *self);

G_END_DECLS
