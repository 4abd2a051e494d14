/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-profiles.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_WINDOW (kap_window_get_type ())
G_DECLARE_FINAL_TYPE (KapWindow, kap_window, KAP, WINDOW, AdwApplicationWindow)

/* @store is the opened store, or NULL when opening failed; then @error
 * says why, and the window shows it instead of the records.
 *
 * Construct properties the application sets (the window makes its own
 * when they are not given, as in the widget tests): "forms" (a
 * KapFormRegistry), "person-index" (a KapPersonIndex that follows the
 * store), "records" (a KapRecordList of the store), and the author's
 * "officer-code" and "station-code"; "settings" (the app's GSettings:
 * the station code, the last profile, the sync server) and "ask-profile"
 * (TRUE: the window asks who is using the laptop before anything else,
 * and the records' author is the chosen profile's code). */
KapWindow    *kap_window_new       (GtkApplication *application,
                                    KapStore       *store,
                                    const GError   *error) G_GNUC_WARN_UNUSED_RESULT;
KapStore     *kap_window_get_store (KapWindow      *self);
const GError *kap_window_get_error (KapWindow      *self);
/* Who is signed in (NULL: nobody yet). */
const KapProfile *kap_window_get_profile (KapWindow        *self);
void          kap_window_set_profile (KapWindow        *self,
                                      const KapProfile *profile);

G_END_DECLS
