/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-choice-field.h"

G_BEGIN_DECLS

#define KAP_TYPE_CHECKS_FIELD (kap_checks_field_get_type ())
G_DECLARE_FINAL_TYPE (KapChecksField, kap_checks_field, KAP, CHECKS_FIELD, KapChoiceField)

/* Several of a list: an open expander row with a check box per choice;
 * its subtitle says what is chosen. */

G_END_DECLS
