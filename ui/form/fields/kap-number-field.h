/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-entry-field.h"

G_BEGIN_DECLS

#define KAP_TYPE_NUMBER_FIELD (kap_number_field_get_type ())
G_DECLARE_FINAL_TYPE (KapNumberField, kap_number_field, KAP, NUMBER_FIELD, KapEntryField)

/* Whole and decimal numbers, typed with the locale's decimal separator
 * or a point. */

G_END_DECLS
