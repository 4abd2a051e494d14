/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

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
 * "officer-code" and "station-code". */
KapWindow    *kap_window_new       (GtkApplication *application,
                                    KapStore       *store,
                                    const GError   *error) G_GNUC_WARN_UNUSED_RESULT;
KapStore     *kap_window_get_store (KapWindow      *self);
const GError *kap_window_get_error (KapWindow      *self);

G_END_DECLS
