/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-codes.h"

G_BEGIN_DECLS

#define KAP_TYPE_CODE_PICKER (kap_code_picker_get_type ())
G_DECLARE_FINAL_TYPE (KapCodePicker, kap_code_picker, KAP, CODE_PICKER, AdwActionRow)

/* A row that picks one code (or several) from a long code list, countries
 * or languages, through a popover with a search entry that finds names in
 * the UI language and in English, and codes. Keyboard: Enter or Space
 * opens it, typing searches, arrows move, Enter picks, Escape closes.
 * Emits "changed" when the choice changes. */
GtkWidget   *kap_code_picker_new        (KapCodeList        *list,
                                         gboolean            multiple);
/* The single code, or NULL. */
const char  *kap_code_picker_get_code   (KapCodePicker      *self);
void         kap_code_picker_set_code   (KapCodePicker      *self,
                                         const char         *code);
/* The codes, for a multiple picker. */
char       **kap_code_picker_get_codes  (KapCodePicker      *self) G_GNUC_WARN_UNUSED_RESULT;
void         kap_code_picker_set_codes  (KapCodePicker      *self,
                                         const char * const *codes);
/* Whether it picks several codes. */
gboolean     kap_code_picker_get_multiple (KapCodePicker    *self);
/* The code shown by a row of the picker's list of results. */
const char  *kap_code_picker_result_get_code (GtkListBoxRow *row);

G_END_DECLS
