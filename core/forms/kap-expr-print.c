/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-expr"

#include "config.h"

#include <string.h>

#include "kap-expr-private.h"

/* The canonical printer: the text of a tree with the fewest parentheses,
 * which parses again into the same tree. */

/* Canonical printing */

enum
{
  PREC_OR = 1,
  PREC_AND,
  PREC_NOT,
  PREC_COMPARISON,
  PREC_ADDITIVE,
  PREC_MULTIPLICATIVE,
  PREC_UNARY,
  PREC_PRIMARY,
};

static guint
node_precedence (const KapExprNode *node)
{
  switch (node->kind)
    {
    case KAP_EXPR_NODE_OR:
      return PREC_OR;
    case KAP_EXPR_NODE_AND:
      return PREC_AND;
    case KAP_EXPR_NODE_NOT:
      return PREC_NOT;
    case KAP_EXPR_NODE_EQ:
    case KAP_EXPR_NODE_NE:
    case KAP_EXPR_NODE_LT:
    case KAP_EXPR_NODE_LE:
    case KAP_EXPR_NODE_GT:
    case KAP_EXPR_NODE_GE:
      return PREC_COMPARISON;
    case KAP_EXPR_NODE_ADD:
    case KAP_EXPR_NODE_SUB:
      return PREC_ADDITIVE;
    case KAP_EXPR_NODE_MUL:
    case KAP_EXPR_NODE_DIV:
    case KAP_EXPR_NODE_MOD:
      return PREC_MULTIPLICATIVE;
    case KAP_EXPR_NODE_NEG:
      return PREC_UNARY;
    case KAP_EXPR_NODE_LITERAL:
    case KAP_EXPR_NODE_FIELD:
    case KAP_EXPR_NODE_CALL:
    default:
      return PREC_PRIMARY;
    }
}

static void print_node (GString           *out,
                        const KapExprNode *node);

static void
print_operand (GString           *out,
               const KapExprNode *child,
               gboolean           parenthesize)
{
  if (parenthesize)
    g_string_append_c (out, '(');
  print_node (out, child);
  if (parenthesize)
    g_string_append_c (out, ')');
}

static void
print_node (GString           *out,
            const KapExprNode *node)
{
  guint prec = node_precedence (node);

  switch (node->kind)
    {
    case KAP_EXPR_NODE_LITERAL:
      switch (kap_value_get_value_type (node->value))
        {
        case KAP_VALUE_STRING:
          {
            const char *s = kap_value_get_string (node->value);
            char quote = strchr (s, '\'') != NULL ? '"' : '\'';

            g_string_append_c (out, quote);
            g_string_append (out, s);
            g_string_append_c (out, quote);
          }
          break;
        case KAP_VALUE_NULL:
          g_string_append (out, "null");
          break;
        case KAP_VALUE_BOOLEAN:
        case KAP_VALUE_NUMBER:
        case KAP_VALUE_DATE:
        case KAP_VALUE_LIST:
        default:
          {
            g_autofree char *text = kap_value_to_string (node->value);

            g_string_append (out, text);
          }
          break;
        }
      break;

    case KAP_EXPR_NODE_FIELD:
      g_string_append (out, node->name);
      break;

    case KAP_EXPR_NODE_OR:
    case KAP_EXPR_NODE_AND:
      for (guint i = 0; i < node->n_children; i++)
        {
          if (i > 0)
            g_string_append_printf (out, " %s ", kap_expr_operator_text (node->kind));
          print_operand (out, node->children[i], node_precedence (node->children[i]) <= prec);
        }
      break;

    case KAP_EXPR_NODE_NOT:
      g_string_append (out, "not ");
      print_operand (out, node->children[0], node_precedence (node->children[0]) < prec);
      break;

    case KAP_EXPR_NODE_NEG:
      g_string_append_c (out, '-');
      /* "-(-x)" rather than "--x", which reads like a typo. */
      print_operand (out, node->children[0], node_precedence (node->children[0]) <= prec);
      break;

    case KAP_EXPR_NODE_EQ:
    case KAP_EXPR_NODE_NE:
    case KAP_EXPR_NODE_LT:
    case KAP_EXPR_NODE_LE:
    case KAP_EXPR_NODE_GT:
    case KAP_EXPR_NODE_GE:
      /* Comparisons do not chain, so an operand that is one needs
       * parentheses on either side. */
      print_operand (out, node->children[0], node_precedence (node->children[0]) <= prec);
      g_string_append_printf (out, " %s ", kap_expr_operator_text (node->kind));
      print_operand (out, node->children[1], node_precedence (node->children[1]) <= prec);
      break;

    case KAP_EXPR_NODE_ADD:
    case KAP_EXPR_NODE_SUB:
    case KAP_EXPR_NODE_MUL:
    case KAP_EXPR_NODE_DIV:
    case KAP_EXPR_NODE_MOD:
      /* Left-associative: "a - (b - c)" keeps its parentheses. */
      print_operand (out, node->children[0], node_precedence (node->children[0]) < prec);
      g_string_append_printf (out, " %s ", kap_expr_operator_text (node->kind));
      print_operand (out, node->children[1], node_precedence (node->children[1]) <= prec);
      break;

    case KAP_EXPR_NODE_CALL:
      g_string_append (out, node->function->name);
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->n_children; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          print_node (out, node->children[i]);
        }
      g_string_append_c (out, ')');
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
kap_expr_to_string (KapExpr *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  print_node (out, self->root);

  return g_string_free (out, FALSE);
}
