/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-view.h"

G_BEGIN_DECLS

#define KAP_TYPE_FORM_LANGUAGE_MENU (kap_form_language_menu_get_type ())
G_DECLARE_FINAL_TYPE (KapFormLanguageMenu, kap_form_language_menu, KAP, FORM_LANGUAGE_MENU, AdwBin)

/* The record editor's “Form Language” menu, as ODK Collect's “Change
 * language”: the officer reads the form in the UI's language and turns the
 * texts meant for the person (the consent) into the person's own, then
 * back. It lists the languages of the view's form, each in its own name
 * (العربية, Shqip, Српски …), and follows and sets the view's "language"
 * (kap_form_view_set_language()); the app's own words do not change.
 * Hidden when the form speaks one language only. */
GtkWidget  *kap_form_language_menu_new      (void);
/* The view whose language it shows and sets (not owned); NULL: none. */
void        kap_form_language_menu_set_view (KapFormLanguageMenu *self,
                                             KapFormView         *view);
/* The menu button, for tests. */
GtkMenuButton *kap_form_language_menu_get_button (KapFormLanguageMenu *self);

G_END_DECLS
