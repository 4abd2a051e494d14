/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-expr"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-expr-private.h"

/* The parser (recursive descent, one token of look-ahead), the static type
 * check and the canonical printer. The evaluator and the function table
 * are in kap-expr-eval.c. */

struct _KapExpr
{
  KapExprNode  *root;
  char        **fields;
  gboolean      uses_self;
};

G_DEFINE_BOXED_TYPE (KapExpr, kap_expr, kap_expr_ref, kap_expr_unref)

G_DEFINE_QUARK (kap-expr-error-quark, kap_expr_error)

typedef enum
{
  TOKEN_EOF,
  TOKEN_NUMBER,
  TOKEN_STRING,
  TOKEN_NAME,
  TOKEN_LPAREN,
  TOKEN_RPAREN,
  TOKEN_COMMA,
  TOKEN_DOT,
  TOKEN_EQ,
  TOKEN_NE,
  TOKEN_LT,
  TOKEN_LE,
  TOKEN_GT,
  TOKEN_GE,
  TOKEN_PLUS,
  TOKEN_MINUS,
  TOKEN_STAR,
  TOKEN_SLASH,
  TOKEN_AND,
  TOKEN_OR,
  TOKEN_NOT,
  TOKEN_DIV,
  TOKEN_MOD,
  TOKEN_TRUE,
  TOKEN_FALSE,
  TOKEN_NULL,
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *start;
  gsize       length;
  double      number;
} Token;

typedef struct
{
  const char  *text;
  const char  *pos;
  Token        token;       /* the look-ahead */
  Token        previous;    /* the token consumed last */
  gboolean     has_previous;
  guint        nesting;
  /* The "(" right after a prefix operator, which shares its level. */
  const char  *prefix_paren;
  GPtrArray   *fields;
  GHashTable  *seen_fields;
  gboolean     uses_self;
} Parser;

static const struct
{
  const char *word;
  TokenKind   kind;
} keywords[] = {
  { "and", TOKEN_AND },
  { "or", TOKEN_OR },
  { "not", TOKEN_NOT },
  { "div", TOKEN_DIV },
  { "mod", TOKEN_MOD },
  { "true", TOKEN_TRUE },
  { "false", TOKEN_FALSE },
  { "null", TOKEN_NULL },
};

static const char * const type_names[] = {
  [KAP_VALUE_NULL] = N_("null"),
  [KAP_VALUE_BOOLEAN] = N_("true or false"),
  [KAP_VALUE_NUMBER] = N_("a number"),
  [KAP_VALUE_STRING] = N_("text"),
  [KAP_VALUE_DATE] = N_("a date"),
  [KAP_VALUE_LIST] = N_("a list of choices"),
};

static const char *
type_name (KapValueType type)
{
  if ((guint) type >= G_N_ELEMENTS (type_names))
    return "?";

  return _(type_names[type]);
}

static void set_error (GError       **error,
                       KapExprError   code,
                       const char    *format,
                       ...) G_GNUC_PRINTF (3, 4);

static void
set_error (GError       **error,
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

static void
node_free (KapExprNode *node)
{
  if (node == NULL)
    return;

  for (guint i = 0; i < node->n_children; i++)
    node_free (node->children[i]);
  g_free (node->children);
  g_clear_pointer (&node->value, kap_value_unref);
  g_clear_pointer (&node->regex, g_regex_unref);
  g_free (node->name);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapExprNode, node_free)

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
      set_error (error, KAP_EXPR_ERROR_TOO_DEEP,
                 /* Translators: the first %u is a column, the second a number of levels. */
                 _("Column %u: the expression is nested too deeply (more than %u levels)"),
                 node->column, (guint) KAP_EXPR_MAX_DEPTH);
      node_free (node);
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

/* Lexer */

static guint
parser_column (Parser     *parser,
               const char *at)
{
  return (guint) g_utf8_pointer_to_offset (parser->text, at) + 1;
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
lex (Parser  *parser,
     GError **error)
{
  const char *p = parser->pos;
  Token *token = &parser->token;

  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;

  token->start = p;
  token->number = 0;

  if (*p == '\0')
    {
      token->kind = TOKEN_EOF;
    }
  else if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    {
      g_autofree char *lexeme = NULL;

      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '.' && g_ascii_isdigit (p[1]))
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }

      lexeme = g_strndup (token->start, p - token->start);
      token->kind = TOKEN_NUMBER;
      token->number = g_ascii_strtod (lexeme, NULL);
      if (!isfinite (token->number))
        {
          set_error (error, KAP_EXPR_ERROR_SYNTAX,
                     /* Translators: %u is a column, %s a number as written in the expression. */
                     _("Column %u: the number “%s” is too large"),
                     parser_column (parser, token->start), lexeme);
          return FALSE;
        }
    }
  else if (*p == '\'' || *p == '"')
    {
      char quote = *p++;

      while (*p != '\0' && *p != quote)
        p++;
      if (*p == '\0')
        {
          set_error (error, KAP_EXPR_ERROR_SYNTAX,
                     /* Translators: %u is a column, %c the quote character that is missing. */
                     _("Column %u: the string that starts here is not closed; expected a closing %c"),
                     parser_column (parser, token->start), quote);
          return FALSE;
        }
      p++;
      token->kind = TOKEN_STRING;
    }
  else if (is_name_start (*p))
    {
      /* A hyphen belongs to the name when a letter follows it, as in
       * count-selected; "x-1" is still x minus 1. */
      for (;;)
        {
          while (is_name_char (*p))
            p++;
          if (*p == '-' && is_name_start (p[1]))
            p++;
          else
            break;
        }

      token->kind = TOKEN_NAME;
      for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
        if (strlen (keywords[i].word) == (gsize) (p - token->start) &&
            strncmp (keywords[i].word, token->start, p - token->start) == 0)
          token->kind = keywords[i].kind;
    }
  else
    {
      switch (*p)
        {
        case '(': token->kind = TOKEN_LPAREN; p++; break;
        case ')': token->kind = TOKEN_RPAREN; p++; break;
        case ',': token->kind = TOKEN_COMMA; p++; break;
        case '.': token->kind = TOKEN_DOT; p++; break;
        case '=': token->kind = TOKEN_EQ; p++; break;
        case '+': token->kind = TOKEN_PLUS; p++; break;
        case '-': token->kind = TOKEN_MINUS; p++; break;
        case '*': token->kind = TOKEN_STAR; p++; break;
        case '/': token->kind = TOKEN_SLASH; p++; break;
        case '<':
          p++;
          token->kind = *p == '=' ? (p++, TOKEN_LE) : TOKEN_LT;
          break;
        case '>':
          p++;
          token->kind = *p == '=' ? (p++, TOKEN_GE) : TOKEN_GT;
          break;
        case '!':
          if (p[1] == '=')
            {
              token->kind = TOKEN_NE;
              p += 2;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          {
            g_autofree char *character = g_strndup (p, g_utf8_next_char (p) - p);

            set_error (error, KAP_EXPR_ERROR_SYNTAX,
                       /* Translators: %u is a column, %s a character. */
                       _("Column %u: unexpected character “%s”"),
                       parser_column (parser, p), character);
            return FALSE;
          }
        }
    }

  token->length = p - token->start;
  parser->pos = p;

  return TRUE;
}

static gboolean
advance (Parser  *parser,
         GError **error)
{
  parser->previous = parser->token;
  parser->has_previous = TRUE;

  return lex (parser, error);
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
  return parser_column (parser, token->start);
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
      set_error (error, KAP_EXPR_ERROR_TOO_DEEP,
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
    set_error (error, KAP_EXPR_ERROR_SYNTAX,
               /* Translators: %u is a column. */
               _("Column %u: the expression is empty"), column);
  else if (token->kind == TOKEN_EOF)
    set_error (error, KAP_EXPR_ERROR_SYNTAX,
               /* Translators: %u is a column, %s an operator or other part of the expression. */
               _("Column %u: expected a value after “%s”"), column, after);
  else if (after == NULL)
    set_error (error, KAP_EXPR_ERROR_SYNTAX,
               /* Translators: %u is a column, %s a part of the expression. */
               _("Column %u: expected a value, not “%s”"), column, found);
  else
    set_error (error, KAP_EXPR_ERROR_SYNTAX,
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
        set_error (error, KAP_EXPR_ERROR_ARITY,
                   /* Translators: the first %u is a column, %s a function name, the second %u
                    * the number of arguments it takes, the third how many it was given. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "Column %u: “%s” takes %u argument, not %u",
                                "Column %u: “%s” takes %u arguments, not %u",
                                function->min_args),
                   call->column, function->name, function->min_args, n);
      else if (function->max_args == G_MAXUINT)
        set_error (error, KAP_EXPR_ERROR_ARITY,
                   /* Translators: the first %u is a column, %s a function name, the second %u
                    * the least number of arguments it takes, the third how many it was given. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "Column %u: “%s” takes at least %u argument, not %u",
                                "Column %u: “%s” takes at least %u arguments, not %u",
                                function->min_args),
                   call->column, function->name, function->min_args, n);
      else
        set_error (error, KAP_EXPR_ERROR_ARITY,
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
          set_error (error, KAP_EXPR_ERROR_TYPE,
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
          set_error (error, KAP_EXPR_ERROR_TYPE,
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
          set_error (error, KAP_EXPR_ERROR_SYNTAX,
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
          set_error (error, KAP_EXPR_ERROR_SYNTAX,
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
      set_error (error, KAP_EXPR_ERROR_UNKNOWN_FUNCTION,
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
              set_error (error, KAP_EXPR_ERROR_SYNTAX,
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
            set_error (error, KAP_EXPR_ERROR_SYNTAX,
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
      set_error (error, KAP_EXPR_ERROR_SYNTAX,
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
          node_free (operand);
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
      set_error (error, KAP_EXPR_ERROR_SYNTAX,
                 /* Translators: %u is a column. */
                 _("Column %u: the expression is not valid UTF-8 text"),
                 (guint) g_utf8_pointer_to_offset (text, end) + 1);
      return NULL;
    }

  parser.text = text;
  parser.pos = text;
  parser.fields = fields;
  parser.seen_fields = seen;

  if (!lex (&parser, error))
    return NULL;

  root = parse_or (&parser, error);
  if (root == NULL)
    return NULL;

  if (parser.token.kind != TOKEN_EOF)
    {
      g_autofree char *found = token_text (&parser.token);

      set_error (error, KAP_EXPR_ERROR_SYNTAX,
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

static void
kap_expr_clear (gpointer data)
{
  KapExpr *self = data;

  node_free (self->root);
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

/* Static check */

static const char *
operator_text (KapExprNodeKind kind)
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
            set_error (error, KAP_EXPR_ERROR_UNKNOWN_FIELD,
                       /* Translators: %u is a column; keep “.” as it is. */
                       _("Column %u: “.” stands for a field’s own value and can only be used in that field’s rules"),
                       node->column);
          else
            set_error (error, KAP_EXPR_ERROR_UNKNOWN_FIELD,
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
              set_error (error, KAP_EXPR_ERROR_TYPE,
                         /* Translators: %u is a column, the first %s an operator (and, or, not),
                          * the second a kind of value such as “a number”. */
                         _("Column %u: “%s” needs true or false, not %s"),
                         node->children[i]->column, operator_text (node->kind), type_name (t));
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
            set_error (error, KAP_EXPR_ERROR_TYPE,
                       /* Translators: %u is a column; keep selected() and count-selected() as they are. */
                       _("Column %u: a list of choices cannot be compared; use selected() or count-selected()"),
                       node->column);
            return FALSE;
          }

      if (child_types[0] != KAP_VALUE_NULL && child_types[1] != KAP_VALUE_NULL &&
          child_types[0] != child_types[1])
        {
          set_error (error, KAP_EXPR_ERROR_TYPE,
                     /* Translators: %u is a column, each %s a kind of value such as “a number”. */
                     _("Column %u: cannot compare %s with %s"),
                     node->column, type_name (child_types[0]), type_name (child_types[1]));
          return FALSE;
        }

      if (node->kind != KAP_EXPR_NODE_EQ && node->kind != KAP_EXPR_NODE_NE &&
          (child_types[0] == KAP_VALUE_BOOLEAN || child_types[1] == KAP_VALUE_BOOLEAN))
        {
          set_error (error, KAP_EXPR_ERROR_TYPE,
                     /* Translators: %u is a column, %s an operator such as “<”. */
                     _("Column %u: “%s” needs numbers, text or dates, not true or false"),
                     node->column, operator_text (node->kind));
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
            set_error (error, KAP_EXPR_ERROR_TYPE,
                       /* Translators: %u is a column, the first %s an operator such as “+”,
                        * the others kinds of value such as “a number”. */
                       _("Column %u: “%s” cannot combine %s and %s"),
                       node->column, operator_text (node->kind),
                       type_name (child_types[0]), type_name (child_types[1]));
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
          set_error (error, KAP_EXPR_ERROR_TYPE,
                     /* Translators: %u is a column, %s a kind of value such as “text”. */
                     _("Column %u: “-” needs a number, not %s"),
                     node->column, type_name (child_types[0]));
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
                set_error (error, KAP_EXPR_ERROR_TYPE,
                           /* Translators: the first %u is a column, the second an argument's
                            * position (1, 2, …), the first %s a function name, the others
                            * kinds of value such as “a date” and “text”. */
                           _("Column %u: argument %u of “%s” must be %s, not %s"),
                           arg->column, i + 1, function->name,
                           spec->expected != NULL ? _(spec->expected) : "", type_name (t));
                return FALSE;
              }

            if (function->result == KAP_EXPR_RESULT_UNIFY && i >= function->unify_from &&
                t != KAP_VALUE_NULL)
              {
                if (common != KAP_VALUE_NULL && common != t)
                  {
                    set_error (error, KAP_EXPR_ERROR_TYPE,
                               /* Translators: %u is a column, the first %s a function name,
                                * the others kinds of value such as “a number” and “text”. */
                               _("Column %u: “%s” cannot give both %s and %s"),
                               arg->column, function->name, type_name (common), type_name (t));
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
            g_string_append_printf (out, " %s ", operator_text (node->kind));
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
      g_string_append_printf (out, " %s ", operator_text (node->kind));
      print_operand (out, node->children[1], node_precedence (node->children[1]) <= prec);
      break;

    case KAP_EXPR_NODE_ADD:
    case KAP_EXPR_NODE_SUB:
    case KAP_EXPR_NODE_MUL:
    case KAP_EXPR_NODE_DIV:
    case KAP_EXPR_NODE_MOD:
      /* Left-associative: "a - (b - c)" keeps its parentheses. */
      print_operand (out, node->children[0], node_precedence (node->children[0]) < prec);
      g_string_append_printf (out, " %s ", operator_text (node->kind));
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
