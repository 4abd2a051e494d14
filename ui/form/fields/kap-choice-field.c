/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-choice-field"

#include "config.h"

#include "kap-choice-field.h"

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
