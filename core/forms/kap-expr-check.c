/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-expr"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-expr-private.h"

/* The static type check: the type of every node from the fields' types,
 * the operators and the function table, before a form is accepted. */

static gboolean
is_null_literal (const KapExprNode *node)
{
  return node->kind == KAP_EXPR_NODE_LITERAL && kap_value_is_null (node->value);
}

/* The type of a ⊕ b for concrete types, as the evaluator computes it. */
static gboolean
arithmetic_type (KapExprNodeKind  kind,
                 KapValueType     a,
                 KapValueType     b,
                 KapValueType    *result)
{
  if (a == KAP_VALUE_NUMBER && b == KAP_VALUE_NUMBER)
    *result = KAP_VALUE_NUMBER;
  else if (kind == KAP_EXPR_NODE_ADD &&
           ((a == KAP_VALUE_DATE && b == KAP_VALUE_NUMBER) ||
            (a == KAP_VALUE_NUMBER && b == KAP_VALUE_DATE)))
    *result = KAP_VALUE_DATE;
  else if (kind == KAP_EXPR_NODE_SUB && a == KAP_VALUE_DATE && b == KAP_VALUE_NUMBER)
    *result = KAP_VALUE_DATE;
  else if (kind == KAP_EXPR_NODE_SUB && a == KAP_VALUE_DATE && b == KAP_VALUE_DATE)
    *result = KAP_VALUE_NUMBER;
  else
    return FALSE;

  return TRUE;
}

static gboolean
check_node (const KapExprNode  *node,
            KapExprTypeLookup   lookup,
            gpointer            user_data,
            KapValueType       *type,
            GError            **error)
{
  KapValueType child_types[2] = { KAP_VALUE_NULL, KAP_VALUE_NULL };

  switch (node->kind)
    {
    case KAP_EXPR_NODE_LITERAL:
      *type = kap_value_get_value_type (node->value);
      return TRUE;

    case KAP_EXPR_NODE_FIELD:
      if (lookup == NULL || !lookup (node->name, type, user_data))
        {
          if (strcmp (node->name, ".") == 0)
            kap_expr_set_error (error, KAP_EXPR_ERROR_UNKNOWN_FIELD,
                                /* Translators: %u is a column; keep “.” as it is. */
                                _("Column %u: “.” stands for a field’s own value and can only be used in that field’s rules"),
                                node->column);
          else
            kap_expr_set_error (error, KAP_EXPR_ERROR_UNKNOWN_FIELD,
                                /* Translators: %u is a column, %s a field name. */
                                _("Column %u: there is no field “%s”"),
                                node->column, node->name);
          return FALSE;
        }
      return TRUE;

    case KAP_EXPR_NODE_OR:
    case KAP_EXPR_NODE_AND:
    case KAP_EXPR_NODE_NOT:
      for (guint i = 0; i < node->n_children; i++)
        {
          KapValueType t;

          if (!check_node (node->children[i], lookup, user_data, &t, error))
            return FALSE;
          if (t != KAP_VALUE_NULL && t != KAP_VALUE_BOOLEAN)
            {
              kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                                  /* Translators: %u is a column, the first %s an operator (and, or, not),
                          * the second a kind of value such as “a number”. */
                                  _("Column %u: “%s” needs true or false, not %s"),
                                  node->children[i]->column, kap_expr_operator_text (node->kind), kap_expr_type_name (t));
              return FALSE;
            }
        }
      *type = KAP_VALUE_BOOLEAN;
      return TRUE;

    case KAP_EXPR_NODE_EQ:
    case KAP_EXPR_NODE_NE:
    case KAP_EXPR_NODE_LT:
    case KAP_EXPR_NODE_LE:
    case KAP_EXPR_NODE_GT:
    case KAP_EXPR_NODE_GE:
      for (guint i = 0; i < 2; i++)
        if (!check_node (node->children[i], lookup, user_data, &child_types[i], error))
          return FALSE;

      /* "x = null" is a test for a missing answer, whatever x is. */
      *type = KAP_VALUE_BOOLEAN;
      if ((node->kind == KAP_EXPR_NODE_EQ || node->kind == KAP_EXPR_NODE_NE) &&
          (is_null_literal (node->children[0]) || is_null_literal (node->children[1])))
        return TRUE;

      for (guint i = 0; i < 2; i++)
        if (child_types[i] == KAP_VALUE_LIST)
          {
            kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                                /* Translators: %u is a column; keep selected() and count-selected() as they are. */
                                _("Column %u: a list of choices cannot be compared; use selected() or count-selected()"),
                                node->column);
            return FALSE;
          }

      if (child_types[0] != KAP_VALUE_NULL && child_types[1] != KAP_VALUE_NULL &&
          child_types[0] != child_types[1])
        {
          kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                              /* Translators: %u is a column, each %s a kind of value such as “a number”. */
                              _("Column %u: cannot compare %s with %s"),
                              node->column, kap_expr_type_name (child_types[0]), kap_expr_type_name (child_types[1]));
          return FALSE;
        }

      if (node->kind != KAP_EXPR_NODE_EQ && node->kind != KAP_EXPR_NODE_NE &&
          (child_types[0] == KAP_VALUE_BOOLEAN || child_types[1] == KAP_VALUE_BOOLEAN))
        {
          kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                              /* Translators: %u is a column, %s an operator such as “<”. */
                              _("Column %u: “%s” needs numbers, text or dates, not true or false"),
                              node->column, kap_expr_operator_text (node->kind));
          return FALSE;
        }

      *type = KAP_VALUE_BOOLEAN;
      return TRUE;

    case KAP_EXPR_NODE_ADD:
    case KAP_EXPR_NODE_SUB:
    case KAP_EXPR_NODE_MUL:
    case KAP_EXPR_NODE_DIV:
    case KAP_EXPR_NODE_MOD:
      {
        static const KapValueType candidates[] = { KAP_VALUE_NUMBER, KAP_VALUE_DATE };
        gboolean any = FALSE, mixed = FALSE;
        KapValueType result = KAP_VALUE_NULL;

        for (guint i = 0; i < 2; i++)
          if (!check_node (node->children[i], lookup, user_data, &child_types[i], error))
            return FALSE;

        /* A null operand could stand for a number or a date; the result
         * type is known only if every reading that is valid agrees. */
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          for (guint j = 0; j < G_N_ELEMENTS (candidates); j++)
            {
              KapValueType a = child_types[0] == KAP_VALUE_NULL ? candidates[i] : child_types[0];
              KapValueType b = child_types[1] == KAP_VALUE_NULL ? candidates[j] : child_types[1];
              KapValueType r;

              if (!arithmetic_type (node->kind, a, b, &r))
                continue;
              if (any && r != result)
                mixed = TRUE;
              result = r;
              any = TRUE;
            }

        if (!any)
          {
            kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                                /* Translators: %u is a column, the first %s an operator such as “+”,
                        * the others kinds of value such as “a number”. */
                                _("Column %u: “%s” cannot combine %s and %s"),
                                node->column, kap_expr_operator_text (node->kind),
                                kap_expr_type_name (child_types[0]), kap_expr_type_name (child_types[1]));
            return FALSE;
          }

        *type = mixed ? KAP_VALUE_NULL : result;
        return TRUE;
      }

    case KAP_EXPR_NODE_NEG:
      if (!check_node (node->children[0], lookup, user_data, &child_types[0], error))
        return FALSE;
      if (child_types[0] != KAP_VALUE_NULL && child_types[0] != KAP_VALUE_NUMBER)
        {
          kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                              /* Translators: %u is a column, %s a kind of value such as “text”. */
                              _("Column %u: “-” needs a number, not %s"),
                              node->column, kap_expr_type_name (child_types[0]));
          return FALSE;
        }
      *type = KAP_VALUE_NUMBER;
      return TRUE;

    case KAP_EXPR_NODE_CALL:
      {
        const KapExprFunction *function = node->function;
        KapValueType common = KAP_VALUE_NULL;

        for (guint i = 0; i < node->n_children; i++)
          {
            const KapExprArg *spec = kap_expr_function_get_arg (function, i);
            const KapExprNode *arg = node->children[i];
            KapValueType t;

            if (!check_node (arg, lookup, user_data, &t, error))
              return FALSE;

            if (spec != NULL && t != KAP_VALUE_NULL && (spec->types & KAP_EXPR_TYPE_BIT (t)) == 0)
              {
                kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                                    /* Translators: the first %u is a column, the second an argument's
                            * position (1, 2, …), the first %s a function name, the others
                            * kinds of value such as “a date” and “text”. */
                                    _("Column %u: argument %u of “%s” must be %s, not %s"),
                                    arg->column, i + 1, function->name,
                                    spec->expected != NULL ? _(spec->expected) : "", kap_expr_type_name (t));
                return FALSE;
              }

            if (function->result == KAP_EXPR_RESULT_UNIFY && i >= function->unify_from &&
                t != KAP_VALUE_NULL)
              {
                if (common != KAP_VALUE_NULL && common != t)
                  {
                    kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                                        /* Translators: %u is a column, the first %s a function name,
                                * the others kinds of value such as “a number” and “text”. */
                                        _("Column %u: “%s” cannot give both %s and %s"),
                                        arg->column, function->name, kap_expr_type_name (common), kap_expr_type_name (t));
                    return FALSE;
                  }
                common = t;
              }
          }

        *type = function->result == KAP_EXPR_RESULT_UNIFY ? common : function->result_type;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

gboolean
kap_expr_check (KapExpr            *self,
                KapExprTypeLookup   lookup,
                gpointer            user_data,
                KapValueType       *result_type,
                GError            **error)
{
  KapValueType type = KAP_VALUE_NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_node (self->root, lookup, user_data, &type, error))
    return FALSE;

  if (result_type != NULL)
    *result_type = type;

  return TRUE;
}
