/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-expr"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-expr-parser-private.h"

/* The lexer: turns the text at the parser's position into its next
 * token (numbers, strings, names and keywords, operators). */

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

guint
kap_expr_parser_column (Parser     *parser,
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

gboolean
kap_expr_lex (Parser  *parser,
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
          kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                              /* Translators: %u is a column, %s a number as written in the expression. */
                              _("Column %u: the number “%s” is too large"),
                              kap_expr_parser_column (parser, token->start), lexeme);
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
          kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                              /* Translators: %u is a column, %c the quote character that is missing. */
                              _("Column %u: the string that starts here is not closed; expected a closing %c"),
                              kap_expr_parser_column (parser, token->start), quote);
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

            kap_expr_set_error (error, KAP_EXPR_ERROR_SYNTAX,
                                /* Translators: %u is a column, %s a character. */
                                _("Column %u: unexpected character “%s”"),
                                kap_expr_parser_column (parser, p), character);
            return FALSE;
          }
        }
    }

  token->length = p - token->start;
  parser->pos = p;

  return TRUE;
}
