/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-expr"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-expr-private.h"

/* KapExpr itself: the boxed type and its error domain, what the parts of
 * the language share (errors, type names, operator names, freeing a tree)
 * and the accessors. The lexer is in kap-expr-lex.c, the parser
 * (recursive descent, one token of look-ahead) in kap-expr-parse.c, the
 * static type check in kap-expr-check.c, the canonical printer in
 * kap-expr-print.c; the evaluator and the function table in
 * kap-expr-eval.c. */

G_DEFINE_BOXED_TYPE (KapExpr, kap_expr, kap_expr_ref, kap_expr_unref)

G_DEFINE_QUARK (kap-expr-error-quark, kap_expr_error)

static const char * const type_names[] = {
  [KAP_VALUE_NULL] = N_("null"),
  [KAP_VALUE_BOOLEAN] = N_("true or false"),
  [KAP_VALUE_NUMBER] = N_("a number"),
  [KAP_VALUE_STRING] = N_("text"),
  [KAP_VALUE_DATE] = N_("a date"),
  [KAP_VALUE_LIST] = N_("a list of choices"),
};

const char *
kap_expr_type_name (KapValueType type)
{
  if ((guint) type >= G_N_ELEMENTS (type_names))
    return "?";

  return _(type_names[type]);
}

void
kap_expr_set_error (GError       **error,
                    KapExprError   code,
                    const char    *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (KAP_EXPR_ERROR, code, format, args));
  va_end (args);
}

/* Nodes */

void
kap_expr_node_free (KapExprNode *node)
{
  if (node == NULL)
    return;

  for (guint i = 0; i < node->n_children; i++)
    kap_expr_node_free (node->children[i]);
  g_free (node->children);
  g_clear_pointer (&node->value, kap_value_unref);
  g_clear_pointer (&node->regex, g_regex_unref);
  g_free (node->name);
  g_free (node);
}

static void
kap_expr_clear (gpointer data)
{
  KapExpr *self = data;

  kap_expr_node_free (self->root);
  g_strfreev (self->fields);
}

KapExpr *
kap_expr_ref (KapExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
kap_expr_unref (KapExpr *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, kap_expr_clear);
}

const KapExprNode *
kap_expr_get_root (KapExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->root;
}

const char * const *
kap_expr_get_fields (KapExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->fields;
}

gboolean
kap_expr_uses_self (KapExpr *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->uses_self;
}

KapValue *
kap_expr_evaluate (KapExpr              *self,
                   const KapExprContext *context)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kap_expr_node_evaluate (self->root, context);
}

const char *
kap_expr_operator_text (KapExprNodeKind kind)
{
  switch (kind)
    {
    case KAP_EXPR_NODE_OR: return "or";
    case KAP_EXPR_NODE_AND: return "and";
    case KAP_EXPR_NODE_NOT: return "not";
    case KAP_EXPR_NODE_EQ: return "=";
    case KAP_EXPR_NODE_NE: return "!=";
    case KAP_EXPR_NODE_LT: return "<";
    case KAP_EXPR_NODE_LE: return "<=";
    case KAP_EXPR_NODE_GT: return ">";
    case KAP_EXPR_NODE_GE: return ">=";
    case KAP_EXPR_NODE_ADD: return "+";
    case KAP_EXPR_NODE_SUB: return "-";
    case KAP_EXPR_NODE_MUL: return "*";
    case KAP_EXPR_NODE_DIV: return "div";
    case KAP_EXPR_NODE_MOD: return "mod";
    case KAP_EXPR_NODE_NEG: return "-";
    case KAP_EXPR_NODE_LITERAL:
    case KAP_EXPR_NODE_FIELD:
    case KAP_EXPR_NODE_CALL:
    default:
      return "";
    }
}
