/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kapija's style sheet (style.css at the resource base path) and icons.
 * The application (an AdwApplication with that resource base path) loads
 * both by itself; a window made without it, as in the widget tests and
 * the demos, calls this first so that it looks the same. Once per
 * display; nothing when the application has loaded them already. */
void kap_style_ensure (void);

G_END_DECLS
