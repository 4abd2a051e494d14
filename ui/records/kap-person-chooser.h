/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-person-picker.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_PERSON_CHOOSER (kap_person_chooser_get_type ())
G_DECLARE_FINAL_TYPE (KapPersonChooser, kap_person_chooser, KAP, PERSON_CHOOSER, AdwWindow)

/* Asks which person a new record is about: a search over the persons of
 * the store (any script). Signals: "person-chosen" (the person's id) and
 * "register-person" (the officer wants to register someone new first).
 * Closes itself after either. */
KapPersonChooser *kap_person_chooser_new (GtkWindow       *parent,
                                          KapStore        *store,
                                          KapFormRegistry *forms,
                                          const char      *title);
/* Whether the chooser offers “Register Person…” (it does by default). */
void              kap_person_chooser_set_can_register (KapPersonChooser *self,
                                                       gboolean          can_register);
/* The chooser as a KapPersonPickerFunc (kap-person-picker.h), for the
 * "person" fields of forms: registering someone new is not offered. */
GtkWindow        *kap_person_chooser_pick (GtkWindow           *parent,
                                           KapStore            *store,
                                           KapFormRegistry     *forms,
                                           const char          *title,
                                           KapPersonPickedFunc  callback,
                                           gpointer             user_data,
                                           GDestroyNotify       destroy);

G_END_DECLS
