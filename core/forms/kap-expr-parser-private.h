/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-expr-private.h"

G_BEGIN_DECLS

/* The tokens and the parser's state, shared by the lexer
 * (kap-expr-lex.c) and the parser (kap-expr-parse.c). */

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

guint     kap_expr_parser_column (Parser     *parser,
                                  const char *at);
gboolean  kap_expr_lex           (Parser     *parser,
                                  GError    **error);

G_END_DECLS
