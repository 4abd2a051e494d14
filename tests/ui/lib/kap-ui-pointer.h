/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A real click: moves the X server's pointer to the middle of @widget and
 * presses and releases the primary button there with the XTEST extension,
 * so the events come back through the X server and GDK to every gesture
 * on the way, as a mouse's or a tap's would. The widget must be mapped in
 * a window on an X11 display (Xvfb). The events arrive later: the caller
 * waits, in the main loop, for what the click does. Without an X11
 * display or XTEST (a build without libxtst-dev) the test fails, it does
 * not skip. */
void kap_ui_test_click (GtkWidget *widget);

G_END_DECLS
