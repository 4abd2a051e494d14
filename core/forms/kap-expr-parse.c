/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-expr"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-expr-parser-private.h"

/* The parser: recursive descent with one token of look-ahead from
 * kap-expr-lex.c, building the tree (with its depth bounded) and the list
 * of the fields it reads. */

static KapExprNode *
node_new (KapExprNodeKind kind,
          guint           column)
{
  KapExprNode *node = g_new0 (KapExprNode, 1);

  node->kind = kind;
  node->column = column;

  return node;
}

static void
node_add_child (KapExprNode *node,
                KapExprNode *child)
{
  node->children = g_renew (KapExprNode *, node->children, node->n_children + 1);
  node->children[node->n_children++] = child;
}

/* Computes the node's depth once its children are in place, and refuses
 * a tree deeper than KAP_EXPR_MAX_DEPTH, so that every later walk over it
 * (check, evaluate, print, free) has bounded recursion. Takes the node;
 * returns it, or NULL after freeing it. */
static KapExprNode *
node_finish (KapExprNode  *node,
             GError      **error)
{
  guint depth = 0;

  for (guint i = 0; i < node->n_children; i++)
    depth = MAX (depth, node->children[i]->depth + 1);
  node->depth = depth;

  if (depth > KAP_EXPR_MAX_DEPTH)
    {
      kap_expr_set_error (error, KAP_EXPR_ERROR_TOO_DEEP,
                          /* Translators: the first %u is a column, the second a number of levels. */
                          _("Column %u: the expression is nested too deeply (more than %u levels)"),
                          node->column, (guint) KAP_EXPR_MAX_DEPTH);
      kap_expr_node_free (node);
      return NULL;
    }

  return node;
}

static KapExprNode *
node_new_binary (KapExprNodeKind   kind,
                 guint             column,
                 KapExprNode      *left,
                 KapExprNode      *right,
                 GError          **error)
{
  KapExprNode *node = node_new (kind, column);

  node_add_child (node, left);
  node_add_child (node, right);

  return node_finish (node, error);
}

static gboolean
advance (Parser  *parser,
         GError **error)
{
  parser->previous = parser->token;
  parser->has_previous = TRUE;

  return kap_expr_lex (parser, error);
}

static char *
token_text (const Token *token)
{
  return g_strndup (token->start, token->length);
}

static guint
token_column (Parser      *parser,
              const Token *token)
{
  return kap_expr_parser_column (parser, token->start);
}

/* Parser */

static KapExprNode *parse_or (Parser  *parser,
                              GError **error);
static KapExprNode *parse_unary (Parser  *parser,
                                 GError **error);
static KapExprNode *parse_not (Parser  *parser,
                               GError **error);

/* Every construct that recurses (parentheses, arguments, not, unary
 * minus) goes through here, so that a hostile form cannot exhaust the
 * stack before node_finish() sees the tree. A prefix operator and a
 * parenthesis right after it ("-(", "not (") are one level, so that no
 * step from a node to its child costs more than one level: then the
 * canonical text of a tree (which writes "-(-x)" and "not (a or b)") never
 * nests deeper than the tree, and always parses again. */
static gboolean
enter (Parser      *parser,
       const Token *at,
       GError     **error)
{
  if (++parser->nesting > KAP_EXPR_MAX_DEPTH)
    {
      kap_expr_set_error (error, KAP_EXPR_ERROR_TOO_DEEP,
                          _("Column %u: the expression is nested too deeply (more than %u levels)"),
                          token_column (parser, at), (guint) KAP_EXPR_MAX_DEPTH);
      return FALSE;
    }

  return TRUE;
}

static void
leave (Parser *parser)
{
  parser->nesting--;
}

static KapExprNode *
parse_nested (Parser      *parser,
              const Token *at,
              GError     **error)
{
  KapExprNode *node;

  if (!enter (parser, at, error))
    return NULL;
  node = parse_or (parser, error);
  leave (parser);

  return node;
}

static void
set_expected_value_error (Parser  *parser,
                          GError **error)
{
  const Token *token = &parser->token;
  guint column = token_column (parser, token);
  g_autofree char *found = token_text (token);
  g_autofree char *after = parser->has_previous ? token_text (&parser->previous) : NULL;

  if (token->kind == TOKEN_EOF && after == NULL)
    kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                        /* Translators: %u is a column. */
                        _("Column %u: the expression is empty"), column);
  else if (token->kind == TOKEN_EOF)
    kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                        /* Translators: %u is a column, %s an operator or other part of the expression. */
                        _("Column %u: expected a value after “%s”"), column, after);
  else if (after == NULL)
    kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                        /* Translators: %u is a column, %s a part of the expression. */
                        _("Column %u: expected a value, not “%s”"), column, found);
  else
    kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                        /* Translators: %u is a column, both %s are parts of the expression. */
                        _("Column %u: expected a value after “%s”, not “%s”"), column, after, found);
}

static void
add_field (Parser     *parser,
           const char *name)
{
  if (strcmp (name, ".") == 0)
    {
      parser->uses_self = TRUE;
      return;
    }

  if (!g_hash_table_contains (parser->seen_fields, name))
    {
      char *copy = g_strdup (name);

      g_hash_table_add (parser->seen_fields, copy);
      g_ptr_array_add (parser->fields, copy);
    }
}

static gboolean
check_call_arguments (Parser       *parser,
                      KapExprNode  *call,
                      GError      **error)
{
  const KapExprFunction *function = call->function;
  guint n = call->n_children;

  if (n < function->min_args || n > function->max_args)
    {
      if (function->min_args == function->max_args)
        kap_expr_set_error (error, KAP_EXPR_ERROR_ARITY,
                            /* Translators: the first %u is a column, %s a function name, the second %u
                    * the number of arguments it takes, the third how many it was given. */
                            g_dngettext (GETTEXT_PACKAGE,
                                "Column %u: “%s” takes %u argument, not %u",
                                "Column %u: “%s” takes %u arguments, not %u",
                                function->min_args),
                            call->column, function->name, function->min_args, n);
      else if (function->max_args == G_MAXUINT)
        kap_expr_set_error (error, KAP_EXPR_ERROR_ARITY,
                            /* Translators: the first %u is a column, %s a function name, the second %u
                    * the least number of arguments it takes, the third how many it was given. */
                            g_dngettext (GETTEXT_PACKAGE,
                                "Column %u: “%s” takes at least %u argument, not %u",
                                "Column %u: “%s” takes at least %u arguments, not %u",
                                function->min_args),
                            call->column, function->name, function->min_args, n);
      else
        kap_expr_set_error (error, KAP_EXPR_ERROR_ARITY,
                            /* Translators: the first %u is a column, %s a function name, then the least
                    * and most numbers of arguments it takes, and how many it was given. */
                            _("Column %u: “%s” takes %u to %u arguments, not %u"),
                            call->column, function->name, function->min_args, function->max_args, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const KapExprArg *spec = kap_expr_function_get_arg (function, i);
      const KapExprNode *arg = call->children[i];

      if (spec == NULL)
        continue;

      if ((spec->flags & KAP_EXPR_ARG_FIELD) != 0 && arg->kind != KAP_EXPR_NODE_FIELD)
        {
          kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                              /* Translators: the first %u is a column, the second an argument's
                      * position (1, 2, …), %s a function name. */
                              _("Column %u: argument %u of “%s” must be a field name"),
                              arg->column, i + 1, function->name);
          return FALSE;
        }

      if ((spec->flags & KAP_EXPR_ARG_LITERAL) != 0 &&
          (arg->kind != KAP_EXPR_NODE_LITERAL ||
           kap_value_get_value_type (arg->value) != KAP_VALUE_STRING))
        {
          kap_expr_set_error (error, KAP_EXPR_ERROR_TYPE,
                              /* Translators: the first %u is a column, the second an argument's
                      * position (1, 2, …), %s a function name. */
                              _("Column %u: argument %u of “%s” must be text in quotes"),
                              arg->column, i + 1, function->name);
          return FALSE;
        }
    }

  /* Literal arguments that can be validated now are, so that a typo in a
   * form shows up when it loads, not as a silent null later. */
  if (strcmp (function->name, "date") == 0 &&
      call->children[0]->kind == KAP_EXPR_NODE_LITERAL &&
      kap_value_get_value_type (call->children[0]->value) == KAP_VALUE_STRING)
    {
      g_autoptr(KapValue) date = kap_value_new_date_from_iso (kap_value_get_string (call->children[0]->value));

      if (date == NULL)
        {
          kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                              /* Translators: %u is a column; keep YYYY-MM-DD as it is. */
                              _("Column %u: expected a date written as YYYY-MM-DD"),
                              call->children[0]->column);
          return FALSE;
        }
    }

  if (strcmp (function->name, "regex") == 0)
    {
      g_autoptr(GError) local_error = NULL;

      call->regex = g_regex_new (kap_value_get_string (call->children[1]->value),
                                 G_REGEX_OPTIMIZE, 0, &local_error);
      if (call->regex == NULL)
        {
          kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                              /* Translators: %u is a column, %s GLib's description of the problem. */
                              _("Column %u: the pattern is not a valid regular expression: %s"),
                              call->children[1]->column, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static KapExprNode *
parse_call (Parser  *parser,
            GError **error)
{
  Token name_token = parser->token;
  g_autofree char *name = token_text (&name_token);
  const KapExprFunction *function = kap_expr_function_lookup (name);
  g_autoptr(KapExprNode) call = NULL;

  if (function == NULL)
    {
      kap_expr_set_error (error, KAP_EXPR_ERROR_UNKNOWN_FUNCTION,
                          /* Translators: %u is a column, %s a function name. */
                          _("Column %u: unknown function “%s”"),
                          token_column (parser, &name_token), name);
      return NULL;
    }

  call = node_new (KAP_EXPR_NODE_CALL, token_column (parser, &name_token));
  call->function = function;

  if (!advance (parser, error) || !advance (parser, error))   /* the name and "(" */
    return NULL;

  if (parser->token.kind != TOKEN_RPAREN)
    {
      for (;;)
        {
          Token at = parser->token;
          KapExprNode *arg = parse_nested (parser, &at, error);

          if (arg == NULL)
            return NULL;
          node_add_child (call, arg);

          if (parser->token.kind == TOKEN_COMMA)
            {
              if (!advance (parser, error))
                return NULL;
            }
          else if (parser->token.kind == TOKEN_RPAREN)
            break;
          else
            {
              kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                                  /* Translators: %u is a column, %s a function name. */
                                  _("Column %u: expected “)” after the arguments of “%s”"),
                                  token_column (parser, &parser->token), name);
              return NULL;
            }
        }
    }

  if (!advance (parser, error))   /* ")" */
    return NULL;

  if (!check_call_arguments (parser, call, error))
    return NULL;

  return node_finish (g_steal_pointer (&call), error);
}

static KapExprNode *
parse_primary (Parser  *parser,
               GError **error)
{
  Token token = parser->token;
  g_autoptr(KapExprNode) node = NULL;

  switch (token.kind)
    {
    case TOKEN_NUMBER:
      node = node_new (KAP_EXPR_NODE_LITERAL, token_column (parser, &token));
      node->value = kap_value_new_number (token.number);
      break;

    case TOKEN_STRING:
      {
        g_autofree char *text = g_strndup (token.start + 1, token.length - 2);

        node = node_new (KAP_EXPR_NODE_LITERAL, token_column (parser, &token));
        node->value = kap_value_new_string (text);
      }
      break;

    case TOKEN_TRUE:
    case TOKEN_FALSE:
      node = node_new (KAP_EXPR_NODE_LITERAL, token_column (parser, &token));
      node->value = kap_value_new_boolean (token.kind == TOKEN_TRUE);
      break;

    case TOKEN_NULL:
      node = node_new (KAP_EXPR_NODE_LITERAL, token_column (parser, &token));
      node->value = kap_value_new_null ();
      break;

    case TOKEN_DOT:
      node = node_new (KAP_EXPR_NODE_FIELD, token_column (parser, &token));
      node->name = g_strdup (".");
      add_field (parser, node->name);
      break;

    case TOKEN_NAME:
      {
        /* One token of look-ahead is not enough to tell a call from a
         * field, so peek at the next non-blank character. */
        const char *after = parser->pos;

        while (*after == ' ' || *after == '\t' || *after == '\n' || *after == '\r')
          after++;
        if (*after == '(')
          return parse_call (parser, error);

        node = node_new (KAP_EXPR_NODE_FIELD, token_column (parser, &token));
        node->name = token_text (&token);
        add_field (parser, node->name);
      }
      break;

    case TOKEN_LPAREN:
      {
        gboolean after_prefix = token.start == parser->prefix_paren;
        KapExprNode *inner;

        if (!advance (parser, error))
          return NULL;
        inner = after_prefix ? parse_or (parser, error) : parse_nested (parser, &token, error);
        if (inner == NULL)
          return NULL;
        node = inner;

        if (parser->token.kind != TOKEN_RPAREN)
          {
            kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                                /* Translators: both %u are columns. */
                                _("Column %u: expected “)” to close the “(” at column %u"),
                                token_column (parser, &parser->token), token_column (parser, &token));
            return NULL;
          }
      }
      break;

    case TOKEN_EOF:
    case TOKEN_RPAREN:
    case TOKEN_COMMA:
    case TOKEN_EQ:
    case TOKEN_NE:
    case TOKEN_LT:
    case TOKEN_LE:
    case TOKEN_GT:
    case TOKEN_GE:
    case TOKEN_PLUS:
    case TOKEN_MINUS:
    case TOKEN_STAR:
    case TOKEN_SLASH:
    case TOKEN_AND:
    case TOKEN_OR:
    case TOKEN_NOT:
    case TOKEN_DIV:
    case TOKEN_MOD:
    default:
      set_expected_value_error (parser, error);
      return NULL;
    }

  if (!advance (parser, error))
    return NULL;

  return g_steal_pointer (&node);
}

typedef KapExprNode *(*ParseFunc) (Parser  *parser,
                                   GError **error);

/* A prefix operator ("-", "not") before an operand of the same level, or
 * the next level down when there is none. */
static KapExprNode *
parse_prefix (Parser           *parser,
              TokenKind         prefix,
              KapExprNodeKind   kind,
              ParseFunc         same_level,
              ParseFunc         next_level,
              GError          **error)
{
  Token token = parser->token;
  KapExprNode *node;
  KapExprNode *operand;

  if (token.kind != prefix)
    return next_level (parser, error);

  if (!advance (parser, error) || !enter (parser, &token, error))
    return NULL;
  if (parser->token.kind == TOKEN_LPAREN)
    parser->prefix_paren = parser->token.start;
  operand = same_level (parser, error);
  leave (parser);
  if (operand == NULL)
    return NULL;

  node = node_new (kind, token_column (parser, &token));
  node_add_child (node, operand);

  return node_finish (node, error);
}

static KapExprNode *
parse_unary (Parser  *parser,
             GError **error)
{
  return parse_prefix (parser, TOKEN_MINUS, KAP_EXPR_NODE_NEG, parse_unary, parse_primary, error);
}

static gboolean
multiplicative_kind (TokenKind        token,
                     KapExprNodeKind *kind)
{
  switch (token)
    {
    case TOKEN_STAR:  *kind = KAP_EXPR_NODE_MUL; return TRUE;
    case TOKEN_DIV:
    case TOKEN_SLASH: *kind = KAP_EXPR_NODE_DIV; return TRUE;
    case TOKEN_MOD:   *kind = KAP_EXPR_NODE_MOD; return TRUE;
    default:          return FALSE;
    }
}

static gboolean
additive_kind (TokenKind        token,
               KapExprNodeKind *kind)
{
  switch (token)
    {
    case TOKEN_PLUS:  *kind = KAP_EXPR_NODE_ADD; return TRUE;
    case TOKEN_MINUS: *kind = KAP_EXPR_NODE_SUB; return TRUE;
    default:          return FALSE;
    }
}

/* One level of left-associative binary operators: operands from
 * @next_level, joined while the token is one of the level's operators. */
static KapExprNode *
parse_left_assoc (Parser      *parser,
                  ParseFunc    next_level,
                  gboolean   (*operator_kind) (TokenKind, KapExprNodeKind *),
                  GError     **error)
{
  g_autoptr(KapExprNode) left = next_level (parser, error);

  if (left == NULL)
    return NULL;

  for (;;)
    {
      Token op = parser->token;
      KapExprNodeKind kind;
      KapExprNode *right;

      if (!operator_kind (op.kind, &kind))
        break;

      if (!advance (parser, error))
        return NULL;
      right = next_level (parser, error);
      if (right == NULL)
        return NULL;
      left = node_new_binary (kind, token_column (parser, &op), g_steal_pointer (&left), right, error);
      if (left == NULL)
        return NULL;
    }

  return g_steal_pointer (&left);
}

static KapExprNode *
parse_multiplicative (Parser  *parser,
                      GError **error)
{
  return parse_left_assoc (parser, parse_unary, multiplicative_kind, error);
}

static KapExprNode *
parse_additive (Parser  *parser,
                GError **error)
{
  return parse_left_assoc (parser, parse_multiplicative, additive_kind, error);
}

static gboolean
comparison_kind (TokenKind        token,
                 KapExprNodeKind *kind)
{
  switch (token)
    {
    case TOKEN_EQ: *kind = KAP_EXPR_NODE_EQ; return TRUE;
    case TOKEN_NE: *kind = KAP_EXPR_NODE_NE; return TRUE;
    case TOKEN_LT: *kind = KAP_EXPR_NODE_LT; return TRUE;
    case TOKEN_LE: *kind = KAP_EXPR_NODE_LE; return TRUE;
    case TOKEN_GT: *kind = KAP_EXPR_NODE_GT; return TRUE;
    case TOKEN_GE: *kind = KAP_EXPR_NODE_GE; return TRUE;
    default: return FALSE;
    }
}

static KapExprNode *
parse_comparison (Parser  *parser,
                  GError **error)
{
  g_autoptr(KapExprNode) left = parse_additive (parser, error);
  Token op = parser->token;
  KapExprNodeKind kind;
  g_autoptr(KapExprNode) node = NULL;
  KapExprNode *right;

  if (left == NULL)
    return NULL;

  if (!comparison_kind (op.kind, &kind))
    return g_steal_pointer (&left);

  if (!advance (parser, error))
    return NULL;
  right = parse_additive (parser, error);
  if (right == NULL)
    return NULL;
  node = node_new_binary (kind, token_column (parser, &op), g_steal_pointer (&left), right, error);
  if (node == NULL)
    return NULL;

  /* "1 < x < 5" means something else in every language that accepts it;
   * ask for the "and" that was meant. */
  if (comparison_kind (parser->token.kind, &kind))
    {
      kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                          /* Translators: %u is a column; keep “and” as it is, it is part of the language. */
                          _("Column %u: comparisons cannot be chained; join them with “and”"),
                          token_column (parser, &parser->token));
      return NULL;
    }

  return g_steal_pointer (&node);
}

static KapExprNode *
parse_not (Parser  *parser,
           GError **error)
{
  return parse_prefix (parser, TOKEN_NOT, KAP_EXPR_NODE_NOT, parse_not, parse_comparison, error);
}

/* "a or b or c" (and a parenthesised "(a or b) or c") becomes one node
 * with three children: a long list of screening conditions stays shallow. */
static KapExprNode *
parse_chain (Parser           *parser,
             TokenKind         token_kind,
             KapExprNodeKind   kind,
             KapExprNode    *(*parse_operand) (Parser *, GError **),
             GError          **error)
{
  g_autoptr(KapExprNode) first = parse_operand (parser, error);
  g_autoptr(KapExprNode) node = NULL;

  if (first == NULL)
    return NULL;

  if (parser->token.kind != token_kind)
    return g_steal_pointer (&first);

  node = node_new (kind, token_column (parser, &parser->token));

  for (KapExprNode *operand = g_steal_pointer (&first); ; )
    {
      if (operand->kind == kind)
        {
          for (guint i = 0; i < operand->n_children; i++)
            node_add_child (node, operand->children[i]);
          operand->n_children = 0;
          kap_expr_node_free (operand);
        }
      else
        node_add_child (node, operand);

      if (parser->token.kind != token_kind)
        break;

      if (!advance (parser, error))
        return NULL;
      operand = parse_operand (parser, error);
      if (operand == NULL)
        return NULL;
    }

  return node_finish (g_steal_pointer (&node), error);
}

static KapExprNode *
parse_and (Parser  *parser,
           GError **error)
{
  return parse_chain (parser, TOKEN_AND, KAP_EXPR_NODE_AND, parse_not, error);
}

static KapExprNode *
parse_or (Parser  *parser,
          GError **error)
{
  return parse_chain (parser, TOKEN_OR, KAP_EXPR_NODE_OR, parse_and, error);
}

KapExpr *
kap_expr_parse (const char  *text,
                GError     **error)
{
  Parser parser = { 0 };
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(KapExprNode) root = NULL;
  const char *end;
  KapExpr *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, &end))
    {
      kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                          /* Translators: %u is a column. */
                          _("Column %u: the expression is not valid UTF-8 text"),
                          (guint) g_utf8_pointer_to_offset (text, end) + 1);
      return NULL;
    }

  parser.text = text;
  parser.pos = text;
  parser.fields = fields;
  parser.seen_fields = seen;

  if (!kap_expr_lex (&parser, error))
    return NULL;

  root = parse_or (&parser, error);
  if (root == NULL)
    return NULL;

  if (parser.token.kind != TOKEN_EOF)
    {
      g_autofree char *found = token_text (&parser.token);

      kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                          /* Translators: %u is a column, %s a part of the expression. */
                          _("Column %u: expected an operator or the end of the expression, not “%s”"),
                          token_column (&parser, &parser.token), found);
      return NULL;
    }

  self = g_atomic_rc_box_new0 (KapExpr);
  self->root = g_steal_pointer (&root);
  self->uses_self = parser.uses_self;
  g_ptr_array_add (fields, NULL);
  self->fields = (char **) g_ptr_array_steal (fields, NULL);

  return self;
}
