/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-date-field"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-date-button.h"
#include "kap-date-field.h"

struct _KapDateField
{
  KapEntryField  parent_instance;

  GtkCalendar   *calendar;
};

G_DEFINE_FINAL_TYPE (KapDateField, kap_date_field, KAP_TYPE_ENTRY_FIELD)

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  g_autoptr(KapValue) value = kap_value_new_date_from_iso (text);

  if (value != NULL)
    return kap_value_get_date (value, date);

  /* The locale's own way of writing dates (“15/03/2025”, “15.3.2025.”). */
  g_date_clear (date, 1);
  g_date_set_parse (date, text);

  return g_date_valid (date) && g_date_get_year (date) >= 1000;
}

static JsonNode *
kap_date_field_parse (KapEntryField  *entry,
                      const char     *text,
                      char          **error)
{
  KapDateField *self = KAP_DATE_FIELD (entry);
  KapFieldRow *row = KAP_FIELD_ROW (entry);
  g_autoptr(KapValue) value = NULL;
  g_autoptr(GDateTime) when = NULL;
  GDate date;

  if (!parse_date (text, &date))
    {
      *error = g_strdup (_("Enter a date as YYYY-MM-DD, for example 2025-03-15, or pick one from the calendar."));
      return NULL;
    }

  when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  kap_field_row_set_loading (row, TRUE);
  gtk_calendar_select_day (self->calendar, when);
  kap_field_row_set_loading (row, FALSE);

  value = kap_value_new_date (&date);
  return kap_value_to_json (value);
}

static void
day_selected_cb (GtkCalendar  *calendar,
                 KapDateField *self)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);

  if (kap_field_row_is_loading (row))
    return;

  kap_date_button_pick (calendar, GTK_EDITABLE (kap_field_row_get_edit_row (row)));
}

static GtkWidget *
kap_date_field_build (KapFieldRow *row)
{
  KapDateField *self = KAP_DATE_FIELD (row);
  GtkWidget *entry = KAP_FIELD_ROW_CLASS (kap_date_field_parent_class)->build (row);

  self->calendar = kap_date_button_add (ADW_ENTRY_ROW (entry));
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self, 0);

  return entry;
}

static void
kap_date_field_class_init (KapDateFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);
  KapEntryFieldClass *entry_class = KAP_ENTRY_FIELD_CLASS (klass);

  row_class->build = kap_date_field_build;
  entry_class->parse = kap_date_field_parse;
}

static void
kap_date_field_init (KapDateField *self)
{
}
