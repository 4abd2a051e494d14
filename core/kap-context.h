/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kap-codes.h"
#include "kap-duplicates.h"
#include "kap-form-registry.h"
#include "kap-profiles.h"
#include "kap-record.h"
#include "kap-records.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* The one context of a running Kapija (as GNOME Calendar's GcalContext):
 * the store, the form registry, the code lists, the person index of the
 * duplicate check, who is signed in and the settings. The app and
 * kapija-cli make one each; windows, pages and commands receive it and
 * never build their own copy of what it holds. */

#define KAP_TYPE_CONTEXT (kap_context_get_type ())
G_DECLARE_FINAL_TYPE (KapContext, kap_context, KAP, CONTEXT, GObject)

/* @store may be NULL (it could not be opened: the app shows why). @forms
 * NULL makes a registry with the shipped forms. @settings (nullable) is
 * the app's GSettings: the station code is read from its "station-code". */
KapContext       *kap_context_new             (KapStore          *store,
                                               KapFormRegistry   *forms,
                                               GSettings         *settings) G_GNUC_WARN_UNUSED_RESULT;

KapStore         *kap_context_get_store        (KapContext        *self);
KapFormRegistry  *kap_context_get_forms        (KapContext        *self);
GSettings        *kap_context_get_settings     (KapContext        *self);
/* The persons of the store, for the duplicate check: made on first call,
 * following the store's changes from then on. Fill it with
 * kap_person_index_fill_async(). NULL without a store. */
KapPersonIndex   *kap_context_get_person_index (KapContext        *self);
/* The shared code lists (kap_code_list_countries/languages). */
KapCodeList      *kap_context_get_countries    (KapContext        *self,
                                               GError           **error);
KapCodeList      *kap_context_get_languages    (KapContext        *self,
                                               GError           **error);

/* Who is signed in (NULL: nobody); notifies "profile". */
const KapProfile *kap_context_get_profile      (KapContext        *self);
void              kap_context_set_profile      (KapContext        *self,
                                               const KapProfile  *profile);
/* The station code: set explicitly, or else the settings' "station-code";
 * NULL when neither has one. */
const char       *kap_context_get_station      (KapContext        *self);
void              kap_context_set_station      (KapContext        *self,
                                               const char        *station);
/* The author of what is written now: the profile's code (the placeholder
 * "officer" when nobody is signed in: created_by is never empty and never
 * a name), the station, the store's device id. Valid until the profile,
 * station or store change. */
void              kap_context_get_author       (KapContext        *self,
                                               KapRecordAuthor   *author);
/* kap_records_check() for the signed-in profile. */
gboolean          kap_context_check            (KapContext        *self,
                                               KapRecordsAction   action,
                                               GError           **error);

G_END_DECLS
