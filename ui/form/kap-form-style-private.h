/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Loads ui/form's style sheet for the default display, once. The
 * application only loads the style.css at the resource base path, and the
 * form widgets must look right in any window (and in tests). */
void kap_form_style_ensure (void);

G_END_DECLS
