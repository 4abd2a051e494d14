/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-entry"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "kap-field-row-private.h"

/* Fields typed in: text (one line or several), whole and decimal numbers,
 * and dates (typed, or picked from a calendar). */

static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/* Numbers are typed with the locale's decimal separator or a point. */
static gboolean
parse_number (const char *text,
              gboolean    integer,
              double     *number)
{
  g_autofree char *copy = strip_copy (text);
  struct lconv *conv = localeconv ();
  char *end = NULL;

  if (conv->decimal_point != NULL && conv->decimal_point[0] != '\0' &&
      !g_str_equal (conv->decimal_point, "."))
    g_strdelimit (copy, conv->decimal_point, '.');
  /* Arabic-Indic digits would need mapping; g_ascii_strtod takes ASCII. */
  *number = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0')
    return FALSE;
  if (integer && *number != (double) (gint64) *number)
    return FALSE;

  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  g_autofree char *copy = strip_copy (text);
  g_autoptr(KapValue) value = kap_value_new_date_from_iso (copy);

  if (value != NULL)
    return kap_value_get_date (value, date);

  /* The locale's own way of writing dates (“15/03/2025”, “15.3.2025.”). */
  g_date_clear (date, 1);
  g_date_set_parse (date, copy);

  return g_date_valid (date) && g_date_get_year (date) >= 1000;
}

static void
entry_changed_cb (GtkEditable *editable,
                  KapFieldRow *row)
{
  KapFieldType type = kap_form_field_get_field_type (row->field);
  g_autofree char *text = strip_copy (gtk_editable_get_text (editable));
  JsonNode *node = NULL;

  if (row->loading)
    return;

  g_clear_pointer (&row->parse_error, g_free);

  if (text[0] != '\0')
    {
      switch (type)
        {
        case KAP_FIELD_INTEGER:
        case KAP_FIELD_DECIMAL:
          {
            double number;

            if (parse_number (text, type == KAP_FIELD_INTEGER, &number))
              {
                g_autoptr(KapValue) value = kap_value_new_number (number);

                node = kap_value_to_json (value);
              }
            else if (type == KAP_FIELD_INTEGER)
              row->parse_error = g_strdup (_("Enter a whole number, for example 15."));
            else
              row->parse_error = g_strdup (_("Enter a number, for example 2.5."));
          }
          break;

        case KAP_FIELD_DATE:
          {
            GDate date;

            if (parse_date (text, &date))
              {
                g_autoptr(KapValue) value = kap_value_new_date (&date);

                node = kap_value_to_json (value);
                if (row->calendar != NULL)
                  {
                    g_autoptr(GDateTime) when =
                      g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                             g_date_get_day (&date), 12, 0, 0);

                    row->loading = TRUE;
                    gtk_calendar_select_day (row->calendar, when);
                    row->loading = FALSE;
                  }
              }
            else
              row->parse_error = g_strdup (_("Enter a date as YYYY-MM-DD, for example 2025-03-15, or pick one from the calendar."));
          }
          break;

        case KAP_FIELD_TEXT:
        case KAP_FIELD_SELECT_ONE:
        case KAP_FIELD_SELECT_MULTIPLE:
        case KAP_FIELD_BOOLEAN:
        case KAP_FIELD_NOTE:
        case KAP_FIELD_GROUP:
        case KAP_FIELD_REPEAT:
        default:
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (node, text);
          break;
        }
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   KapFieldRow   *row)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  JsonNode *node = NULL;

  if (row->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  stripped = strip_copy (text);
  /* Blank text is no answer; otherwise keep the text as typed. */
  if (stripped[0] != '\0')
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static void
day_selected_cb (GtkCalendar *calendar,
                 KapFieldRow *row)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *iso = NULL;
  GtkWidget *popover;

  if (row->loading)
    return;

  when = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (when, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (row->entry), iso);

  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
build_multiline (KapFieldRow *row)
{
  GtkWidget *prefs_row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (kap_form_field_get_label (row->field, NULL));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (prefs_row), FALSE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "kap-row-title");
  g_object_bind_property (prefs_row, "title", title, "label", G_BINDING_DEFAULT);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "kap-multiline");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (prefs_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (prefs_row), FALSE);
  gtk_widget_set_focusable (prefs_row, FALSE);

  row->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  row->focus_widget = view;
  g_signal_connect (row->buffer, "changed", G_CALLBACK (buffer_changed_cb), row);

  return prefs_row;
}

GtkWidget *
kap_field_entry_build (KapFieldRow *row)
{
  KapFieldType type = kap_form_field_get_field_type (row->field);
  GtkWidget *entry;

  if (type == KAP_FIELD_TEXT && g_strcmp0 (kap_form_field_get_appearance (row->field), "multiline") == 0)
    return build_multiline (row);

  entry = adw_entry_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), kap_form_field_get_label (row->field, NULL));
  row->entry = entry;
  row->focus_widget = entry;

  if (type == KAP_FIELD_INTEGER)
    g_object_set (entry, "input-purpose", GTK_INPUT_PURPOSE_DIGITS, NULL);
  else if (type == KAP_FIELD_DECIMAL)
    g_object_set (entry, "input-purpose", GTK_INPUT_PURPOSE_NUMBER, NULL);
  else if (type == KAP_FIELD_DATE)
    {
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *calendar = gtk_calendar_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Pick a Date"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a Date"),
                                      -1);
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), button);

      row->calendar = GTK_CALENDAR (calendar);
      row->date_button = button;
      g_signal_connect (calendar, "day-selected", G_CALLBACK (day_selected_cb), row);
    }

  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), row);

  return entry;
}

void
kap_field_entry_load (KapFieldRow *row)
{
  JsonNode *answer = kap_field_row_get_answer (row);
  g_autofree char *text = NULL;

  if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer))
    {
      g_autoptr(KapValue) value = kap_value_new_from_json (answer, kap_form_field_get_value_type (row->field));

      if (value != NULL)
        text = kap_value_to_string (value);
    }

  if (row->buffer != NULL)
    {
      gtk_text_buffer_set_text (row->buffer, text ? text : "", -1);
      return;
    }

  /* Keep what the officer is typing (say “1.” on the way to “1.5”). */
  if (row->parse_error == NULL)
    gtk_editable_set_text (GTK_EDITABLE (row->entry), text ? text : "");
}
