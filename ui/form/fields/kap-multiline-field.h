/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row.h"

G_BEGIN_DECLS

#define KAP_TYPE_MULTILINE_FIELD (kap_multiline_field_get_type ())
G_DECLARE_FINAL_TYPE (KapMultilineField, kap_multiline_field, KAP, MULTILINE_FIELD, KapFieldRow)

/* Text of several lines (appearance "multiline"): a text view under the
 * label, kept as typed. */

G_END_DECLS
