/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-entry-field"

#include "config.h"

#include "kap-entry-field.h"

G_DEFINE_TYPE (KapEntryField, kap_entry_field, KAP_TYPE_FIELD_ROW)

static void
entry_changed_cb (GtkEditable   *editable,
                  KapEntryField *self)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autofree char *error = NULL;
  JsonNode *node = NULL;

  if (kap_field_row_is_loading (row))
    return;

  if (text[0] != '\0')
    node = KAP_ENTRY_FIELD_GET_CLASS (self)->parse (self, text, &error);

  kap_field_row_set_parse_error (row, error);
  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static JsonNode *
kap_entry_field_real_parse (KapEntryField  *self,
                            const char     *text,
                            char          **error)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);

  return node;
}

static GtkWidget *
kap_entry_field_build (KapFieldRow *row)
{
  KapFormField *field = kap_field_row_get_field (row);
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), kap_form_field_get_label (field, NULL));
  kap_field_row_set_focus_widget (row, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), row, 0);

  return entry;
}

static void
kap_entry_field_load (KapFieldRow *row)
{
  JsonNode *answer = kap_field_row_get_answer (row);
  g_autofree char *text = NULL;

  /* Keep what the officer is typing (say “1.” on the way to “1.5”). */
  if (kap_field_row_get_parse_error (row) != NULL)
    return;

  if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer))
    {
      KapFormField *field = kap_field_row_get_field (row);
      g_autoptr(KapValue) value = kap_value_new_from_json (answer, kap_form_field_get_value_type (field));

      if (value != NULL)
        text = kap_value_to_string (value);
    }

  gtk_editable_set_text (GTK_EDITABLE (kap_field_row_get_edit_row (row)), text ? text : "");
}

static void
kap_entry_field_class_init (KapEntryFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  row_class->build = kap_entry_field_build;
  row_class->load = kap_entry_field_load;
  row_class->hint_below = TRUE;
  klass->parse = kap_entry_field_real_parse;
}

static void
kap_entry_field_init (KapEntryField *self)
{
}
