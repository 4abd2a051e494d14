/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-choice-field"

#include "config.h"

#include "kap-choice-field.h"
#include "kap-value.h"

typedef struct
{
  GPtrArray *codes;  /* char*, the codes offered */
} KapChoiceFieldPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KapChoiceField, kap_choice_field, KAP_TYPE_FIELD_ROW)

GPtrArray *
kap_choice_field_list_codes (KapForm      *form,
                             KapFormField *field)
{
  const char *list = kap_form_field_get_choice_list (field);
  GPtrArray *choices = list ? kap_form_get_choices (form, list) : NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      KapChoice *choice = g_ptr_array_index (choices, i);

      g_ptr_array_add (codes, g_strdup (choice->value));
    }

  return codes;
}

static void
kap_choice_field_finalize (GObject *object)
{
  KapChoiceField *self = (KapChoiceField *)object;
  KapChoiceFieldPrivate *priv = kap_choice_field_get_instance_private (self);

  g_clear_pointer (&priv->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_choice_field_parent_class)->finalize (object);
}

static void
kap_choice_field_class_init (KapChoiceFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_choice_field_finalize;
}

static void
kap_choice_field_init (KapChoiceField *self)
{
  KapChoiceFieldPrivate *priv = kap_choice_field_get_instance_private (self);

  priv->codes = g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
kap_choice_field_get_codes (KapChoiceField *self)
{
  KapChoiceFieldPrivate *priv = kap_choice_field_get_instance_private (self);

  g_return_val_if_fail (KAP_IS_CHOICE_FIELD (self), NULL);

  return priv->codes;
}

void
kap_choice_field_set_codes (KapChoiceField *self,
                            GPtrArray      *codes)
{
  KapChoiceFieldPrivate *priv = kap_choice_field_get_instance_private (self);

  g_return_if_fail (KAP_IS_CHOICE_FIELD (self));

  g_clear_pointer (&priv->codes, g_ptr_array_unref);
  priv->codes = codes;
}

const char *
kap_choice_field_label (KapChoiceField *self,
                        const char     *code)
{
  KapFormField *field = kap_field_row_get_field (KAP_FIELD_ROW (self));
  const char *label = kap_form_field_get_choice_label (field, code,
                                                       kap_field_row_get_language (KAP_FIELD_ROW (self)));

  return label ? label : code;
}

static gboolean
is_boolean (KapChoiceField *self)
{
  return kap_form_field_get_field_type (kap_field_row_get_field (KAP_FIELD_ROW (self))) == KAP_FIELD_BOOLEAN;
}

gboolean
kap_choice_field_is_single (KapChoiceField *self)
{
  g_return_val_if_fail (KAP_IS_CHOICE_FIELD (self), FALSE);

  return kap_form_field_get_field_type (kap_field_row_get_field (KAP_FIELD_ROW (self))) != KAP_FIELD_SELECT_MULTIPLE;
}

guint
kap_choice_field_get_n_answers (KapChoiceField *self)
{
  KapChoiceFieldPrivate *priv = kap_choice_field_get_instance_private (self);

  g_return_val_if_fail (KAP_IS_CHOICE_FIELD (self), 0);

  return is_boolean (self) ? 2 : priv->codes->len;
}

/* The answer of a multiple choice with @code added, or removed when it
 * was chosen; NULL when nothing is left chosen. */
static JsonNode *
toggle_code (JsonNode   *answer,
             const char *code)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;
  g_autoptr(KapValue) value = NULL;
  JsonArray *array = answer && JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
  gboolean found = FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *other = json_array_get_string_element (array, i);

      if (g_strcmp0 (other, code) == 0)
        found = TRUE;
      else if (other != NULL)
        g_strv_builder_add (builder, other);
    }
  if (!found)
    g_strv_builder_add (builder, code);

  chosen = g_strv_builder_end (builder);
  if (chosen[0] == NULL)
    return NULL;

  value = kap_value_new_list ((const char * const *) chosen);
  return kap_value_to_json (value);
}

gboolean
kap_choice_field_pick (KapChoiceField *self,
                       guint           index)
{
  KapChoiceFieldPrivate *priv = kap_choice_field_get_instance_private (self);
  KapFieldRow *row = KAP_FIELD_ROW (self);
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);
  JsonNode *node;

  g_return_val_if_fail (KAP_IS_CHOICE_FIELD (self), FALSE);

  if (edit_row == NULL || !gtk_widget_get_visible (edit_row) || !gtk_widget_is_sensitive (edit_row) ||
      index >= kap_choice_field_get_n_answers (self))
    return FALSE;

  if (is_boolean (self))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, index == 0);
    }
  else if (kap_choice_field_is_single (self))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, g_ptr_array_index (priv->codes, index));
    }
  else
    node = toggle_code (kap_field_row_get_answer (row), g_ptr_array_index (priv->codes, index));

  /* The widgets show the answer as if it had been clicked. */
  kap_field_row_set_answer (row, node);
  kap_field_row_reload (row);
  kap_field_row_emit_changed (row);

  return TRUE;
}
