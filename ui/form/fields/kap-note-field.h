/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row.h"

G_BEGIN_DECLS

#define KAP_TYPE_NOTE_FIELD (kap_note_field_get_type ())
G_DECLARE_FINAL_TYPE (KapNoteField, kap_note_field, KAP, NOTE_FIELD, KapFieldRow)

/* A note: something to read out or keep in mind, not a question. */

G_END_DECLS
