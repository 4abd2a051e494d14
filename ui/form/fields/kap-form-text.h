/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The form's texts on screen when the form language is not the UI's
 * (kap-form-language-menu.h): an Arabic consent question in a Serbian
 * session is laid out right to left and right-aligned, wrapping as Arabic
 * does, while the widgets around it (the Yes/No buttons, the entry) stay
 * as the session lays them out. */

/* Gives every label in @widget (itself included) the direction of its
 * text's first strong character, where that differs from the session's;
 * labels without one (numbers, “*”) follow their parents. */
void kap_form_text_set_directions (GtkWidget  *widget);

/* Marks the labels in @widget that show @text as fallen back to the UI's
 * language because the form has no @language text for them (slanted, with
 * a tooltip that says so), or removes the mark when @fell_back is FALSE. */
void kap_form_text_mark_fallback  (GtkWidget  *widget,
                                   const char *text,
                                   const char *language,
                                   gboolean    fell_back);

G_END_DECLS
