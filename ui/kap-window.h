/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_WINDOW (kap_window_get_type ())
G_DECLARE_FINAL_TYPE (KapWindow, kap_window, KAP, WINDOW, AdwApplicationWindow)

/* @store is the opened store, or NULL when opening failed; then @error
 * says why, and the window shows it instead of the records. */
KapWindow    *kap_window_new       (GtkApplication *application,
                                    KapStore       *store,
                                    const GError   *error) G_GNUC_WARN_UNUSED_RESULT;
KapStore     *kap_window_get_store (KapWindow      *self);
const GError *kap_window_get_error (KapWindow      *self);

G_END_DECLS
