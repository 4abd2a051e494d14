/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-style"

#include "config.h"

#include <gtk/gtk.h>

#include "kap-form-style-private.h"

void
kap_form_style_ensure (void)
{
  static GdkDisplay *loaded_for = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == loaded_for)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE_PATH "/ui/kap-form.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded_for = display;
}
