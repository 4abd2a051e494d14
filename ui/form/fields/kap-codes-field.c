/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-codes-field"

#include "config.h"

#include "kap-code-picker.h"
#include "kap-codes-field.h"

struct _KapCodesField
{
  KapFieldRow parent_instance;
};

G_DEFINE_FINAL_TYPE (KapCodesField, kap_codes_field, KAP_TYPE_FIELD_ROW)

static gboolean
is_multiple (KapFieldRow *row)
{
  return kap_form_field_get_field_type (kap_field_row_get_field (row)) == KAP_FIELD_SELECT_MULTIPLE;
}

static void
picker_changed_cb (KapCodePicker *picker,
                   KapCodesField *self)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);
  JsonNode *node = NULL;

  if (kap_field_row_is_loading (row))
    return;

  if (is_multiple (row))
    {
      g_auto(GStrv) codes = kap_code_picker_get_codes (picker);

      if (codes != NULL && codes[0] != NULL)
        {
          g_autoptr(KapValue) value = kap_value_new_list ((const char * const *) codes);

          node = kap_value_to_json (value);
        }
    }
  else if (kap_code_picker_get_code (picker) != NULL)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, kap_code_picker_get_code (picker));
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static GtkWidget *
kap_codes_field_build (KapFieldRow *row)
{
  KapFormField *field = kap_field_row_get_field (row);
  const char *list_name = kap_form_field_get_choice_list (field);
  g_autoptr(GError) error = NULL;
  KapCodeList *list;
  GtkWidget *picker;

  if (g_strcmp0 (list_name, "@countries") == 0)
    list = kap_code_list_countries (&error);
  else
    list = kap_code_list_languages (&error);

  if (list == NULL)
    {
      g_warning ("Code list %s is not available: %s", list_name, error->message);
      return NULL;
    }

  picker = kap_code_picker_new (list, is_multiple (row));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (picker), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (picker), kap_form_field_get_label (field, NULL));
  kap_field_row_set_focus_widget (row, picker);
  g_signal_connect_object (picker, "changed", G_CALLBACK (picker_changed_cb), row, 0);

  return picker;
}

static void
kap_codes_field_load (KapFieldRow *row)
{
  KapCodePicker *picker = KAP_CODE_PICKER (kap_field_row_get_edit_row (row));
  JsonNode *answer = kap_field_row_get_answer (row);

  if (is_multiple (row))
    {
      g_autoptr(KapValue) value = answer ? kap_value_new_from_json (answer, KAP_VALUE_LIST) : NULL;

      kap_code_picker_set_codes (picker, value ? kap_value_get_list (value) : NULL);
    }
  else
    kap_code_picker_set_code (picker,
                              answer && JSON_NODE_HOLDS_VALUE (answer) &&
                              json_node_get_value_type (answer) == G_TYPE_STRING
                              ? json_node_get_string (answer) : NULL);
}

static void
kap_codes_field_class_init (KapCodesFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  row_class->build = kap_codes_field_build;
  row_class->load = kap_codes_field_load;
}

static void
kap_codes_field_init (KapCodesField *self)
{
}
