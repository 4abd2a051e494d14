/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_SUGGESTIONS_GROUP (kap_suggestions_group_get_type ())
G_DECLARE_FINAL_TYPE (KapSuggestionsGroup, kap_suggestions_group, KAP, SUGGESTIONS_GROUP, AdwPreferencesGroup)

/* "Suggested Referrals": one row per service a screening suggests
 * (kap_referrals_list_suggestions()), saying whether it was referred
 * ("Referred on 4 Dec", "Referral in progress") with an Open button
 * (win.open-record), or is still open, with a Refer… button (win.refer:
 * person, screening, service). It follows the store, so a referral made
 * or finalized shows at once; it hides itself when there is nothing to
 * suggest. */
GtkWidget   *kap_suggestions_group_new           (KapStore            *store,
                                                  KapFormRegistry     *forms);
/* Once, when made from a template. */
void         kap_suggestions_group_set_store     (KapSuggestionsGroup *self,
                                                  KapStore            *store,
                                                  KapFormRegistry     *forms);
/* The screening shown (NULL: none), as saved or as an editor holds it. */
void         kap_suggestions_group_set_screening (KapSuggestionsGroup *self,
                                                  KapDocument         *screening);
/* The row of @service ("CPG"), or NULL. */
AdwActionRow *kap_suggestions_group_get_row      (KapSuggestionsGroup *self,
                                                  const char          *service);

G_END_DECLS
