/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The calendar button at the end of a date's entry row, shared by the date
 * field and the stage dialog so that both offer the same picker. */

/* Adds a "Pick a Date" button with a calendar in its popover as a suffix
 * of @entry; returns the calendar (owned by the button). The caller
 * connects "day-selected" and calls kap_date_button_pick() from it. */
GtkCalendar *kap_date_button_add  (AdwEntryRow *entry);

/* Writes the day selected in @calendar into @target as YYYY-MM-DD and
 * closes the calendar's popover. */
void         kap_date_button_pick (GtkCalendar *calendar,
                                   GtkEditable *target);

G_END_DECLS
