/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-context.h"

G_BEGIN_DECLS

#define KAP_TYPE_APPLICATION (kap_application_get_type ())
G_DECLARE_FINAL_TYPE (KapApplication, kap_application, KAP, APPLICATION, AdwApplication)

KapApplication *kap_application_new               (void) G_GNUC_WARN_UNUSED_RESULT;

/* Internal to app/: kap-application-actions.c uses these. */
KapContext     *kap_application_get_context       (KapApplication *self);
void            kap_application_add_actions       (KapApplication *self);
void            kap_application_save_window_state (KapApplication *self,
                                                   GtkWindow      *window);

G_END_DECLS
