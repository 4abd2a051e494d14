/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-view"

#include "config.h"

#include "kap-form-view-private.h"

/* Where the view scrolls, inside the viewport that holds it (the record
 * editor's). A question the officer is sent to (from Finalize's list, the
 * outline) comes to the middle, where the eye is, rather than to the
 * bottom edge where the viewport's scroll-to-focus leaves it. And when an
 * answer shows or hides rows above the row answered, the scroll moves by
 * the height that appeared, so that what is under the pointer stays
 * under it. */

static GtkViewport *
get_viewport (KapFormView *self)
{
  return GTK_VIEWPORT (gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT));
}

/* The top of @widget in the scrolled content, or FALSE when it has no
 * place there yet. */
static gboolean
content_y (GtkViewport *viewport,
           GtkWidget   *widget,
           double      *y,
           double      *height)
{
  GtkWidget *child = gtk_viewport_get_child (viewport);
  graphene_rect_t bounds;

  if (child == NULL || !gtk_widget_compute_bounds (widget, child, &bounds))
    return FALSE;

  *y = bounds.origin.y;
  if (height != NULL)
    *height = bounds.size.height;
  return TRUE;
}

void
kap_form_view_drop_anchor (KapFormView *self)
{
  if (self->anchor_clock != NULL)
    {
      /* A window that goes away takes its clock's handlers with it. */
      if (g_signal_handler_is_connected (self->anchor_clock, self->anchor_handler))
        g_signal_handler_disconnect (self->anchor_clock, self->anchor_handler);
      self->anchor_handler = 0;
      g_clear_object (&self->anchor_clock);
    }
  g_clear_weak_pointer (&self->anchor);
}

/* After the frame's layout (connected after GtkWindow's own handler):
 * the rows have their new places, and a change of the scroll made here
 * is laid out again before anything is painted. */
static void
layout_cb (GdkFrameClock *clock,
           KapFormView   *self)
{
  GtkViewport *viewport = get_viewport (self);
  GtkWidget *anchor = self->anchor;
  double before = self->anchor_y, after;

  g_object_ref (self);
  kap_form_view_drop_anchor (self);

  if (viewport != NULL && anchor != NULL && gtk_widget_get_visible (anchor) &&
      content_y (viewport, anchor, &after, NULL) && G_APPROX_VALUE (before, after, 0.5) == FALSE)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));

      /* From the value the change began with: the viewport may have
       * clamped it already when the content got shorter. */
      gtk_adjustment_set_value (adjustment, self->anchor_value + after - before);
    }

  g_object_unref (self);
}

void
kap_form_view_keep_anchor (KapFormView *self,
                           GtkWidget   *widget)
{
  GtkViewport *viewport = get_viewport (self);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  double y;

  /* A later change within the same frame keeps the first anchor: the
   * place it had when the frame began is what is on screen. */
  if (self->anchor_clock != NULL)
    return;

  if (viewport == NULL || clock == NULL || widget == NULL || !content_y (viewport, widget, &y, NULL))
    return;

  g_set_weak_pointer (&self->anchor, widget);
  self->anchor_y = y;
  self->anchor_value = gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport)));
  self->anchor_clock = g_object_ref (clock);
  self->anchor_handler = g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

gboolean
kap_form_view_focus_middle (KapFormView *self,
                            KapFieldRow *row)
{
  GtkViewport *viewport = get_viewport (self);
  GtkWidget *widget = kap_field_row_get_widget (row);
  GtkAdjustment *adjustment;
  gboolean scroll_to_focus, focused;
  double y, height, value;

  if (viewport == NULL || widget == NULL || !content_y (viewport, widget, &y, &height))
    return kap_field_row_grab_focus (row);

  /* Without the viewport's own scrolling, which would animate towards
   * the nearest edge and fight the value set here. */
  scroll_to_focus = gtk_viewport_get_scroll_to_focus (viewport);
  gtk_viewport_set_scroll_to_focus (viewport, FALSE);
  focused = kap_field_row_grab_focus (row);
  gtk_viewport_set_scroll_to_focus (viewport, scroll_to_focus);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  value = y + height / 2 - gtk_adjustment_get_page_size (adjustment) / 2;
  value = CLAMP (value, gtk_adjustment_get_lower (adjustment),
                 MAX (gtk_adjustment_get_lower (adjustment),
                      gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)));
  gtk_adjustment_set_value (adjustment, value);

  return focused;
}
