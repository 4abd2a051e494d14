/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-record-list.h"

G_BEGIN_DECLS

#define KAP_TYPE_RECORD_ROW (kap_record_row_get_type ())
G_DECLARE_FINAL_TYPE (KapRecordRow, kap_record_row, KAP, RECORD_ROW, GtkWidget)

/* One row of a records list: the name (and the original-script name when
 * it differs), the type, the status or stage, when it last changed, a
 * priority badge for screenings and the sync state. @forms gives the
 * labels of stages and may be NULL. */
GtkWidget        *kap_record_row_new         (KapFormRegistry  *forms);
KapRecordSummary *kap_record_row_get_summary (KapRecordRow     *self);
void              kap_record_row_set_summary (KapRecordRow     *self,
                                              KapRecordSummary *summary);

G_END_DECLS
