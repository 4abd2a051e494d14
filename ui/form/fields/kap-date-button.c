/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-date-button"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-date-button.h"

GtkCalendar *
kap_date_button_add (AdwEntryRow *entry)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (entry), NULL);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a Date"),
                                  -1);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_entry_row_add_suffix (entry, button);

  return GTK_CALENDAR (calendar);
}

void
kap_date_button_pick (GtkCalendar *calendar,
                      GtkEditable *target)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *iso = NULL;
  GtkWidget *popover;

  g_return_if_fail (GTK_IS_CALENDAR (calendar));
  g_return_if_fail (GTK_IS_EDITABLE (target));

  when = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (when, "%Y-%m-%d");
  gtk_editable_set_text (target, iso);

  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}
