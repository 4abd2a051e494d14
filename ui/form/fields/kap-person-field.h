/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row.h"

G_BEGIN_DECLS

#define KAP_TYPE_PERSON_FIELD (kap_person_field_get_type ())
G_DECLARE_FINAL_TYPE (KapPersonField, kap_person_field, KAP, PERSON_FIELD, KapFieldRow)

/* Text fields with appearance "person": the answer is a person record's
 * id, shown by the person's name; choosing opens the person picker the
 * view was given (kap-person-picker.h) through its "form.pick-person"
 * action, with the field's path. */

/* Sets (or with NULL removes) the person, as choosing them does. */
void kap_person_field_set (KapPersonField *self,
                           const char     *person_id);

G_END_DECLS
