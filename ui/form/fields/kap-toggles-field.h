/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-choice-field.h"

G_BEGIN_DECLS

#define KAP_TYPE_TOGGLES_FIELD (kap_toggles_field_get_type ())
G_DECLARE_FINAL_TYPE (KapTogglesField, kap_toggles_field, KAP, TOGGLES_FIELD, KapChoiceField)

/* Yes/No, and two to four short choices: linked buttons on the row,
 * where the officer sees them all at once and picks with one click or
 * Space. Pressing the chosen one again clears the answer. */

/* Whether @field's choices fit on a row as buttons. */
gboolean kap_toggles_field_fit (KapForm      *form,
                                KapFormField *field);

G_END_DECLS
