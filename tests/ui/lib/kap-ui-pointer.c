/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-ui-test"

#include "config.h"

#include "kap-ui-pointer.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

void
kap_ui_test_click (GtkWidget *widget)
{
#ifdef HAVE_XTEST
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle;
  graphene_point_t point;
  Display *xdisplay;
  Window child;
  double surface_x, surface_y;
  int event_base, error_base, major, minor;
  int root_x, root_y;
  int scale;

  g_assert_true (gtk_widget_get_mapped (widget));
  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_fail_printf ("A real click needs an X11 display (Xvfb); this one is %s",
                          G_OBJECT_TYPE_NAME (display));
      return;
    }

  xdisplay = gdk_x11_display_get_xdisplay (display);
  if (!XTestQueryExtension (xdisplay, &event_base, &error_base, &major, &minor))
    {
      g_test_fail_printf ("The X server has no XTEST extension: no real click");
      return;
    }

  /* The widget's middle in the coordinates of its surface (the X window),
   * which GTK offsets by the window's shadow and scales. */
  middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f, gtk_widget_get_height (widget) / 2.0f);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  scale = gdk_surface_get_scale_factor (gtk_native_get_surface (native));

  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay),
                         (int) ((point.x + surface_x) * scale), (int) ((point.y + surface_y) * scale),
                         &root_x, &root_y, &child);

  XTestFakeMotionEvent (xdisplay, -1, root_x, root_y, CurrentTime);
  XTestFakeButtonEvent (xdisplay, 1, True, CurrentTime);
  XTestFakeButtonEvent (xdisplay, 1, False, CurrentTime);
  XFlush (xdisplay);
#else
  g_test_fail_printf ("Built without XTEST (install libxtst-dev: build-aux/install-deps.sh --tests): "
                      "no real click on %s", G_OBJECT_TYPE_NAME (widget));
#endif
}
