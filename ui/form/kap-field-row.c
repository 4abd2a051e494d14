/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-codes.h"
#include "kap-field-row-private.h"
#include "kap-json.h"
#include "kap-person-picker.h"

static gboolean
field_is_entry_kind (KapFormField *field)
{
  switch (kap_form_field_get_field_type (field))
    {
    case KAP_FIELD_TEXT:
    case KAP_FIELD_INTEGER:
    case KAP_FIELD_DECIMAL:
    case KAP_FIELD_DATE:
      return TRUE;

    case KAP_FIELD_SELECT_ONE:
    case KAP_FIELD_SELECT_MULTIPLE:
    case KAP_FIELD_BOOLEAN:
    case KAP_FIELD_NOTE:
    case KAP_FIELD_GROUP:
    case KAP_FIELD_REPEAT:
    default:
      return FALSE;
    }
}

static const char *
code_name (const char *list_name,
           const char *code)
{
  KapCodeList *list = NULL;
  const KapCode *entry;

  if (g_strcmp0 (list_name, "@countries") == 0)
    list = kap_code_list_countries (NULL);
  else if (g_strcmp0 (list_name, "@languages") == 0)
    list = kap_code_list_languages (NULL);

  if (list == NULL || (entry = kap_code_list_lookup (list, code)) == NULL)
    return code;

  return entry->localized_name ? entry->localized_name : entry->name;
}

static const char *
choice_label (KapFormField *field,
              const char   *code)
{
  const char *list = kap_form_field_get_choice_list (field);
  const char *label;

  if (list != NULL && list[0] == '@')
    return code_name (list, code);

  label = kap_form_field_get_choice_label (field, code, NULL);
  return label ? label : code;
}

char *
kap_field_row_format_answer (KapForm      *form,
                             KapFormField *field,
                             JsonNode     *node)
{
  g_autoptr(KapValue) value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  value = kap_value_new_from_json (node, kap_form_field_get_value_type (field));
  if (value == NULL || kap_value_is_null (value))
    return NULL;

  switch (kap_form_field_get_field_type (field))
    {
    case KAP_FIELD_BOOLEAN:
      return g_strdup (kap_value_get_boolean (value) ? _("Yes") : _("No"));

    case KAP_FIELD_SELECT_ONE:
      return g_strdup (choice_label (field, kap_value_get_string (value)));

    case KAP_FIELD_SELECT_MULTIPLE:
      {
        const char * const *codes = kap_value_get_list (value);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
          {
            if (i > 0)
              /* Translators: separates the chosen answers of a question
               * with several answers, e.g. “Seeing, Hearing”. */
              g_string_append (text, _(", "));
            g_string_append (text, choice_label (field, codes[i]));
          }

        return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
      }

    /* Dates as YYYY-MM-DD: the one way no officer, whatever their
     * locale, reads wrong (3/4 is March or April). */
    case KAP_FIELD_DATE:
    case KAP_FIELD_TEXT:
    case KAP_FIELD_INTEGER:
    case KAP_FIELD_DECIMAL:
    case KAP_FIELD_NOTE:
    case KAP_FIELD_GROUP:
    case KAP_FIELD_REPEAT:
    default:
      return kap_value_to_string (value);
    }
}

char *
kap_field_row_title (KapFieldRow *row)
{
  const char *label = kap_form_field_get_label (row->field, NULL);

  if (row->required && !row->read_only)
    /* Translators: the label of a question that must be answered; the
     * asterisk is the usual visible mark of a required field. */
    return g_strdup_printf (_("%s *"), label);

  return g_strdup (label);
}

JsonNode *
kap_field_row_get_answer (KapFieldRow *row)
{
  const char *name = kap_form_field_get_name (row->field);

  if (!json_object_has_member (row->target, name))
    return NULL;

  return json_object_get_member (row->target, name);
}

/* Takes @node (NULL removes the answer). */
void
kap_field_row_set_answer (KapFieldRow *row,
                          JsonNode    *node)
{
  const char *name = kap_form_field_get_name (row->field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (&node, json_node_unref);
      json_object_remove_member (row->target, name);
    }
  else
    {
      /* Typed text never holds the reader's markers (kap-json.h), or it
       * would be written out as something else. */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *owned = NULL;
          const char *safe = kap_json_string_sanitize (json_node_get_string (node), &owned);

          if (owned != NULL)
            json_node_set_string (node, safe);
        }
      json_object_set_member (row->target, name, node);
    }
}

void
kap_field_row_emit_changed (KapFieldRow *row)
{
  if (row->loading)
    return;

  if (row->changed != NULL)
    row->changed (row, row->changed_data);
}

static void
update_display (KapFieldRow *row)
{
  g_autofree char *text = NULL;

  if (row->display_row == NULL)
    return;

  text = kap_field_row_format_answer (row->form, row->field, kap_field_row_get_answer (row));
  /* A person by name, not by record id. */
  if (text != NULL && kap_field_is_person (row->field) && row->store != NULL)
    {
      g_autofree char *name = kap_person_picker_describe (row->store, text);

      g_free (text);
      text = name ? g_steal_pointer (&name) : g_strdup (_("A person not found on this laptop"));
    }
  if (text == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->display_row), _("Not answered"));
      gtk_widget_add_css_class (row->display_row, "kap-not-answered");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->display_row), text);
      gtk_widget_remove_css_class (row->display_row, "kap-not-answered");
    }
}

static void
load_widgets (KapFieldRow *row)
{
  if (row->edit_row == NULL)
    return;

  row->loading = TRUE;
  if (kap_field_is_person (row->field))
    kap_field_person_load (row);
  else if (field_is_entry_kind (row->field))
    kap_field_entry_load (row);
  else
    kap_field_choice_load (row);
  row->loading = FALSE;
}

KapFieldRow *
kap_field_row_new (KapForm            *form,
                   KapFormField       *field,
                   JsonObject         *answers,
                   KapFormField       *repeat,
                   JsonObject         *item,
                   guint               index,
                   gboolean            read_only,
                   KapStore           *store,
                   KapFieldRowChanged  changed,
                   gpointer            changed_data)
{
  KapFieldRow *row = g_new0 (KapFieldRow, 1);
  KapFieldType type = kap_form_field_get_field_type (field);
  const char *hint = kap_form_field_get_hint (field, NULL);
  GtkWidget *label;

  row->form = form;
  row->field = field;
  row->answers = json_object_ref (answers);
  row->item = item ? json_object_ref (item) : NULL;
  row->target = item ? item : answers;
  row->repeat = repeat;
  row->index = index;
  row->read_only = read_only;
  row->changed = changed;
  row->changed_data = changed_data;
  row->store = store;
  row->relevant = TRUE;
  row->hint = g_strdup (hint);

  if (type == KAP_FIELD_NOTE)
    {
      /* A note is something to read out or keep in mind: a wrapped label,
       * not a question. (An icon beside it would put the label in a
       * horizontal box, whose height-for-width GTK 4.8 gets wrong by a
       * pixel for wrapped labels.) */
      label = gtk_label_new (kap_form_field_get_label (field, NULL));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_halign (label, GTK_ALIGN_FILL);
      gtk_widget_add_css_class (label, "kap-note");

      row->display_row = adw_preferences_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->display_row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->display_row), FALSE);
      /* GtkListBox moves the keyboard focus past insensitive rows only: a
       * row that just refuses focus would end Tab at the group. */
      gtk_widget_set_sensitive (row->display_row, FALSE);
      return row;
    }

  /* Calculated fields are never typed in; read-only ones only when the
   * expression says so, so they get both rows. */
  if (!read_only && !kap_form_field_has_calculate (field))
    {
      if (kap_field_is_person (field))
        row->edit_row = kap_field_person_build (row);
      else if (field_is_entry_kind (field))
        row->edit_row = kap_field_entry_build (row);
      else
        row->edit_row = kap_field_choice_build (row);
    }

  if (row->edit_row == NULL || !read_only)
    {
      row->display_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->display_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->display_row),
                                     kap_form_field_get_label (field, NULL));
      gtk_widget_add_css_class (row->display_row, "property");
      gtk_widget_add_css_class (row->display_row, "kap-display-row");
      /* A stop for Tab, so that calculated answers can be read out too. */
      gtk_widget_set_focusable (row->display_row, TRUE);
      if (row->edit_row != NULL)
        gtk_widget_set_visible (row->display_row, FALSE);
    }

  /* The line under the row: the hint of an entry (entry rows have no
   * subtitle), or what is wrong with the answer. */
  label = gtk_label_new (NULL);
  row->message_label = GTK_LABEL (label);
  gtk_label_set_wrap (row->message_label, TRUE);
  gtk_label_set_wrap_mode (row->message_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (row->message_label, 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (label, "caption");
  /* A preferences row, or the group would put it outside its list. */
  row->message_row = adw_preferences_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->message_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->message_row), FALSE);
  gtk_widget_set_sensitive (row->message_row, FALSE);
  gtk_widget_add_css_class (row->message_row, "kap-message-row");
  gtk_widget_set_visible (row->message_row, FALSE);

  load_widgets (row);
  update_display (row);

  return row;
}

void
kap_field_row_free (KapFieldRow *row)
{
  if (row == NULL)
    return;

  /* The widgets may outlive the row for a moment (the view drops its rows
   * before its children): they must not call back into freed memory. */
  if (row->entry != NULL)
    g_signal_handlers_disconnect_by_data (row->entry, row);
  if (row->buffer != NULL)
    g_signal_handlers_disconnect_by_data (row->buffer, row);
  if (row->calendar != NULL)
    g_signal_handlers_disconnect_by_data (row->calendar, row);
  if (row->combo != NULL)
    g_signal_handlers_disconnect_by_data (row->combo, row);
  if (row->picker != NULL)
    g_signal_handlers_disconnect_by_data (row->picker, row);
  if (row->person_clear != NULL)
    {
      g_signal_handlers_disconnect_by_data (row->person_clear, row);
      g_signal_handlers_disconnect_by_data (row->edit_row, row);
    }
  for (guint i = 0; row->toggles != NULL && i < row->toggles->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (row->toggles, i), row);
  for (guint i = 0; row->checks != NULL && i < row->checks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (row->checks, i), row);

  g_clear_pointer (&row->answers, json_object_unref);
  g_clear_pointer (&row->item, json_object_unref);
  g_clear_pointer (&row->choice_values, g_ptr_array_unref);
  g_clear_pointer (&row->toggles, g_ptr_array_unref);
  g_clear_pointer (&row->checks, g_ptr_array_unref);
  g_clear_pointer (&row->allowed, g_strfreev);
  g_free (row->hint);
  g_free (row->parse_error);
  g_free (row->message);
  g_free (row);
}

static void
add_one (GtkWidget *container,
         GtkWidget *widget)
{
  if (widget == NULL)
    return;

  if (ADW_IS_PREFERENCES_GROUP (container))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), widget);
  else if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), widget);
  else
    g_return_if_reached ();
}

static void
remove_one (GtkWidget *container,
            GtkWidget *widget)
{
  if (widget == NULL)
    return;

  if (ADW_IS_PREFERENCES_GROUP (container))
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), widget);
  else if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_remove (ADW_EXPANDER_ROW (container), widget);
}

void
kap_field_row_add_to (KapFieldRow *row,
                      GtkWidget   *container)
{
  add_one (container, row->edit_row);
  add_one (container, row->display_row);
  add_one (container, row->message_row);
}

void
kap_field_row_remove_from (KapFieldRow *row,
                           GtkWidget   *container)
{
  remove_one (container, row->edit_row);
  remove_one (container, row->display_row);
  remove_one (container, row->message_row);
}

GtkWidget *
kap_field_row_get_widget (KapFieldRow *row)
{
  if (row->edit_row != NULL && gtk_widget_get_visible (row->edit_row))
    return row->edit_row;

  return row->display_row;
}

static void
set_message (KapFieldRow *row,
             const char  *message)
{
  GtkWidget *accessible = row->focus_widget ? row->focus_widget : row->edit_row;
  const char *shown = message ? message : (row->entry || row->buffer ? row->hint : NULL);

  if (g_strcmp0 (row->message, message) == 0 && row->message_row != NULL &&
      gtk_widget_get_visible (row->message_row) == (shown != NULL && row->relevant))
    return;

  g_free (row->message);
  row->message = g_strdup (message);

  if (row->message_row == NULL)
    return;

  gtk_label_set_text (row->message_label, shown ? shown : "");
  gtk_widget_set_visible (row->message_row, shown != NULL && row->relevant);
  /* No separator between a row and its own message. */
  if (row->edit_row != NULL)
    {
      if (shown != NULL)
        gtk_widget_add_css_class (row->edit_row, "kap-has-message");
      else
        gtk_widget_remove_css_class (row->edit_row, "kap-has-message");
    }
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (row->message_label), "dim-label");
    }

  if (row->edit_row != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (row->edit_row, "error");
      else
        gtk_widget_remove_css_class (row->edit_row, "error");
    }

  if (accessible != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (accessible),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      if (shown != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (accessible),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (accessible),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
set_required (KapFieldRow *row,
              gboolean     required)
{
  g_autofree char *title = NULL;

  if (row->edit_row == NULL)
    return;

  row->required = required;
  title = kap_field_row_title (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->edit_row), title);

  if (required)
    gtk_widget_add_css_class (row->edit_row, "kap-required");
  else
    gtk_widget_remove_css_class (row->edit_row, "kap-required");

  gtk_accessible_update_property (GTK_ACCESSIBLE (row->edit_row),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, required,
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kap_form_field_get_label (row->field, NULL),
                                  -1);
  if (row->focus_widget != NULL && row->focus_widget != row->edit_row)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row->focus_widget),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, required,
                                    -1);
}

void
kap_field_row_update (KapFieldRow *row,
                      const GDate *today,
                      gboolean     show_missing)
{
  gboolean relevant, required, read_only;
  g_autofree char *message = NULL;
  JsonNode *answer;

  relevant = kap_form_field_is_relevant (row->form, row->field, row->answers, row->item, today);
  row->relevant = relevant;

  if (kap_form_field_get_field_type (row->field) == KAP_FIELD_NOTE)
    {
      gtk_widget_set_visible (row->display_row, relevant);
      return;
    }

  if (!relevant)
    {
      if (row->edit_row != NULL)
        gtk_widget_set_visible (row->edit_row, FALSE);
      if (row->display_row != NULL)
        gtk_widget_set_visible (row->display_row, FALSE);
      gtk_widget_set_visible (row->message_row, FALSE);
      return;
    }

  required = kap_form_field_is_required (row->form, row->field, row->answers, row->item, today);
  read_only = row->read_only || row->edit_row == NULL ||
              kap_form_field_is_read_only (row->form, row->field, row->answers, row->item, today);

  if (row->edit_row != NULL)
    {
      gtk_widget_set_visible (row->edit_row, !read_only);
      if (required != row->required)
        set_required (row, required);
    }
  if (row->display_row != NULL)
    {
      gtk_widget_set_visible (row->display_row, read_only);
      if (read_only)
        update_display (row);
    }

  /* A calculation may have changed the answer behind a widget that a
   * dynamic read-only expression hides; keep them in step. */
  if (read_only && row->edit_row != NULL)
    load_widgets (row);

  answer = kap_field_row_get_answer (row);
  if (row->parse_error != NULL && !read_only)
    message = g_strdup (row->parse_error);
  else if (!read_only && (show_missing || (answer != NULL && !JSON_NODE_HOLDS_NULL (answer))))
    message = kap_form_field_check (row->form, row->field, row->answers, row->item, NULL, today);

  set_message (row, message);
}

void
kap_field_row_set_allowed (KapFieldRow        *row,
                           const char * const *codes)
{
  g_clear_pointer (&row->allowed, g_strfreev);
  row->allowed = codes ? g_strdupv ((char **) codes) : NULL;

  if (row->edit_row != NULL && kap_form_field_get_field_type (row->field) == KAP_FIELD_SELECT_ONE)
    {
      row->loading = TRUE;
      kap_field_choice_set_allowed (row);
      row->loading = FALSE;
    }
}

void
kap_field_row_set_store (KapFieldRow *row,
                         KapStore    *store)
{
  row->store = store;

  if (!kap_field_is_person (row->field))
    return;

  load_widgets (row);
  update_display (row);
}

void
kap_field_row_set_can_pick (KapFieldRow *row,
                            gboolean     can_pick)
{
  row->can_pick = can_pick;

  if (!kap_field_is_person (row->field))
    return;

  load_widgets (row);
}

void
kap_field_row_reload (KapFieldRow *row)
{
  g_clear_pointer (&row->parse_error, g_free);
  load_widgets (row);
}

gboolean
kap_field_row_grab_focus (KapFieldRow *row)
{
  if (row->focus_widget != NULL && gtk_widget_get_visible (row->edit_row) &&
      gtk_widget_grab_focus (row->focus_widget))
    return TRUE;

  if (row->edit_row != NULL && gtk_widget_get_visible (row->edit_row))
    return gtk_widget_grab_focus (row->edit_row);

  return FALSE;
}

char *
kap_field_row_get_path (KapFieldRow *row)
{
  if (row->repeat != NULL)
    return g_strdup_printf ("%s[%u].%s", kap_form_field_get_name (row->repeat), row->index + 1,
                            kap_form_field_get_name (row->field));

  return g_strdup (kap_form_field_get_name (row->field));
}
