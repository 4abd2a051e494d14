/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-private.h"

/* What loading checks once the fields are in: the expressions against the
 * fields' types, and the calculations in dependency order. */

/* Static checks of the expressions against the fields' types. */

typedef struct
{
  KapForm      *form;
  KapFormField *self;
} CheckScope;

static gboolean
lookup_type (const char   *name,
             KapValueType *type,
             gpointer      user_data)
{
  CheckScope *scope = user_data;
  KapFormField *field;

  field = g_str_equal (name, ".") ? scope->self : kap_form_lookup_field (scope->form, name);
  if (field == NULL || field->type == KAP_FIELD_GROUP || field->type == KAP_FIELD_REPEAT ||
      field->type == KAP_FIELD_NOTE)
    return FALSE;

  /* A field inside a repeat has one answer per item: only expressions of
   * the same repeat can read it. */
  if (kap_form_field_get_repeat (field) != NULL &&
      kap_form_field_get_repeat (field) != kap_form_field_get_repeat (scope->self))
    return FALSE;

  *type = kap_form_field_get_value_type (field);
  return TRUE;
}

static gboolean
check_expression (KapForm       *self,
                  KapFormField  *field,
                  KapExpr       *expr,
                  const char    *member,
                  KapValueType   wanted,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  CheckScope scope = { self, field };
  KapValueType type = KAP_VALUE_NULL;

  if (expr == NULL)
    return TRUE;

  if (!kap_expr_check (expr, lookup_type, &scope, &type, &local_error))
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_EXPRESSION,
                   _("Form “%s”, field “%s”, %s: %s"),
                   self->key, field->name, member, local_error->message);
      return FALSE;
    }

  /* A calculation of an integer may give a number; a select_one one a
   * string; null is fine anywhere. */
  if (type != KAP_VALUE_NULL && wanted != KAP_VALUE_NULL && type != wanted)
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_EXPRESSION,
                   /* Translators: “… field “age”, calculate: gives a string where a number is needed” */
                   _("Form “%s”, field “%s”, %s: gives a %s where a %s is needed"),
                   self->key, field->name, member,
                   kap_value_type_to_string (type), kap_value_type_to_string (wanted));
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_form_check_field_expressions (KapForm       *self,
                                  GPtrArray     *fields,
                                  GError       **error)
{
  for (guint i = 0; i < fields->len; i++)
    {
      KapFormField *field = g_ptr_array_index (fields, i);
      KapValueType answer = kap_form_field_get_value_type (field);

      if (field->constraint && field->type == KAP_FIELD_NOTE)
        return kap_form_set_error (error, self, field->name, _("a note holds no answer to constrain"));

      if (!check_expression (self, field, field->relevant, "relevant", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->constraint, "constraint", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->required_expr, "required", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->read_only_expr, "read_only", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->calculate, "calculate", answer, error) ||
          !check_expression (self, field, field->default_value, "default", answer, error))
        return FALSE;

      if (field->children && !kap_form_check_field_expressions (self, field->children, error))
        return FALSE;
    }

  return TRUE;
}

/* Calculations in dependency order; a cycle is an error at load. */

enum { UNSEEN = 0, VISITING, DONE };

static gboolean
order_calculation (KapForm       *self,
                   KapFormField  *field,
                   GHashTable    *state,
                   GError       **error)
{
  const char * const *uses;
  int mark = GPOINTER_TO_INT (g_hash_table_lookup (state, field));

  if (mark == DONE)
    return TRUE;
  if (mark == VISITING)
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_CYCLE,
                   /* Translators: “Form “screening@1”: the calculation of “priority” depends on itself” */
                   _("Form “%s”: the calculation of “%s” depends on itself"),
                   self->key, field->name);
      return FALSE;
    }

  g_hash_table_insert (state, field, GINT_TO_POINTER (VISITING));

  uses = kap_expr_get_fields (field->calculate);
  for (guint i = 0; uses && uses[i]; i++)
    {
      KapFormField *used = kap_form_lookup_field (self, uses[i]);

      if (used != NULL && used->calculate != NULL &&
          !order_calculation (self, used, state, error))
        return FALSE;
    }

  g_hash_table_insert (state, field, GINT_TO_POINTER (DONE));
  g_ptr_array_add (self->calculation_order, field);
  return TRUE;
}

gboolean
kap_form_order_calculations (KapForm    *self,
                             GPtrArray  *fields,
                             GHashTable *state,
                             GError    **error)
{
  for (guint i = 0; i < fields->len; i++)
    {
      KapFormField *field = g_ptr_array_index (fields, i);

      if (field->calculate && !order_calculation (self, field, state, error))
        return FALSE;
      if (field->children && !kap_form_order_calculations (self, field->children, state, error))
        return FALSE;
    }

  return TRUE;
}
