/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-choice-field.h"

G_BEGIN_DECLS

#define KAP_TYPE_COMBO_FIELD (kap_combo_field_get_type ())
G_DECLARE_FINAL_TYPE (KapComboField, kap_combo_field, KAP, COMBO_FIELD, KapChoiceField)

/* One of a longer list: a combo row whose first item is “Not answered”.
 * Only the codes allowed now are offered (kap_field_row_set_allowed()),
 * and the current answer, so that nothing is lost. */

G_END_DECLS
