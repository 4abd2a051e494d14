/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-style"

#include "config.h"

#include <adwaita.h>

#include "kap-style.h"

/* Whether the running application loads style.css itself: libadwaita
 * does so for an AdwApplication from its resource base path. */
static gboolean
application_loads_style (void)
{
  GApplication *application = g_application_get_default ();

  return ADW_IS_APPLICATION (application) &&
         g_strcmp0 (g_application_get_resource_base_path (application), RESOURCE_BASE_PATH) == 0;
}

void
kap_style_ensure (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL ||
      g_object_get_data (G_OBJECT (display), "kap-style") != NULL ||
      application_loads_style ())
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    RESOURCE_BASE_PATH "/icons");

  g_object_set_data_full (G_OBJECT (display), "kap-style",
                          g_steal_pointer (&provider), g_object_unref);
}
