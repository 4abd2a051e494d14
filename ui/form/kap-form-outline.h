/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-view.h"

G_BEGIN_DECLS

#define KAP_TYPE_FORM_OUTLINE (kap_form_outline_get_type ())
G_DECLARE_FINAL_TYPE (KapFormOutline, kap_form_outline, KAP, FORM_OUTLINE, GtkPopover)

/* The sections of a form view to jump to: each shown section with how
 * many of its questions are answered (“3 of 7 answered”), read again
 * each time the popover opens. Choosing one closes the popover and
 * focuses the section's first open question in the middle of the view. */
GtkWidget   *kap_form_outline_new      (void);
/* The view whose sections are listed (not owned; NULL: none). */
void         kap_form_outline_set_view (KapFormOutline *self,
                                        KapFormView    *view);
/* The list of sections, for tests (a GtkListBox of AdwActionRow). */
GtkListBox  *kap_form_outline_get_list (KapFormOutline *self);

G_END_DECLS
