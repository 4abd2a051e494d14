/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-entry-field.h"

G_BEGIN_DECLS

#define KAP_TYPE_DATE_FIELD (kap_date_field_get_type ())
G_DECLARE_FINAL_TYPE (KapDateField, kap_date_field, KAP, DATE_FIELD, KapEntryField)

/* Dates, typed (as YYYY-MM-DD or the locale's way) or picked from a
 * calendar in a popover at the end of the row. */

G_END_DECLS
