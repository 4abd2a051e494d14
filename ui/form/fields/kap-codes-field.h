/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row.h"

G_BEGIN_DECLS

#define KAP_TYPE_CODES_FIELD (kap_codes_field_get_type ())
G_DECLARE_FINAL_TYPE (KapCodesField, kap_codes_field, KAP, CODES_FIELD, KapFieldRow)

/* Countries or languages (choice lists "@countries", "@languages"), one
 * or several: a code picker (kap-code-picker.h), the edit row. Without
 * the code lists of iso-codes the answer is only shown. */

G_END_DECLS
