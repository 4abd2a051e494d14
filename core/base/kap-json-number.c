/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-json-reader-private.h"

/* Numbers: RFC 8259's grammar, and a number held as its text when a
 * double would not give it back exactly. */

/* A number's digits and decimal exponent with the leading and trailing
 * zeros gone: two texts denote the same number exactly when these agree. */
typedef struct
{
  gboolean negative;
  char     digits[40];
  gsize    n_digits;
  gint64   exponent;     /* value = 0.digits × 10^exponent */
  gboolean overflow;     /* more significant digits than fit */
} Decimal;

static void
decimal_from_text (Decimal    *decimal,
                   const char *text,
                   gsize       length)
{
  const char *p = text, *end = text + length;
  gint64 point = 0, exponent = 0;
  gboolean seen_point = FALSE, leading = TRUE;

  memset (decimal, 0, sizeof *decimal);

  if (p < end && *p == '-')
    {
      decimal->negative = TRUE;
      p++;
    }

  for (; p < end && (g_ascii_isdigit (*p) || *p == '.'); p++)
    {
      if (*p == '.')
        {
          seen_point = TRUE;
          continue;
        }
      if (leading && *p == '0')
        {
          if (seen_point)
            point--;
          continue;
        }
      leading = FALSE;
      if (!seen_point)
        point++;
      /* Past the buffer only zeros may follow (they are trailing then);
       * any other digit means more precision than a double has. */
      if (decimal->n_digits < sizeof decimal->digits)
        decimal->digits[decimal->n_digits++] = *p;
      else if (*p != '0')
        decimal->overflow = TRUE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean negative = FALSE;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          /* Beyond this no double or decimal of ours can follow anyway. */
          if (exponent < G_GINT64_CONSTANT (100000000000))
            exponent = exponent * 10 + (*p - '0');
        }
      if (negative)
        exponent = -exponent;
    }

  /* Trailing zeros of the significand say nothing. */
  while (decimal->n_digits > 0 && decimal->digits[decimal->n_digits - 1] == '0')
    decimal->n_digits--;

  decimal->exponent = decimal->n_digits > 0 ? point + exponent : 0;
  if (decimal->n_digits == 0)
    decimal->negative = FALSE;
}

static gboolean
decimal_equal (const Decimal *a,
               const Decimal *b)
{
  return !a->overflow && !b->overflow &&
         a->negative == b->negative && a->exponent == b->exponent &&
         a->n_digits == b->n_digits && memcmp (a->digits, b->digits, a->n_digits) == 0;
}

static JsonNode *
number_held_as_text (const char *text,
                     gsize       length)
{
  JsonNode *node = json_node_alloc ();
  g_autofree char *held = g_malloc (KAP_JSON_MARK_LENGTH + length + 1);

  memcpy (held, KAP_JSON_NUMBER_MARK, KAP_JSON_MARK_LENGTH);
  memcpy (held + KAP_JSON_MARK_LENGTH, text, length);
  held[KAP_JSON_MARK_LENGTH + length] = '\0';

  json_node_init_string (node, held);
  return node;
}

/* Scans the number grammar of RFC 8259 §6 from @p; returns its end, or
 * NULL when @p is not a number. */
static const char *
scan_number (const char *p,
             const char *end,
             gboolean   *is_integer)
{
  *is_integer = TRUE;

  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return NULL;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;

  if (p < end && *p == '.')
    {
      *is_integer = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      *is_integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  return p;
}

gboolean
kap_json_number_text_is_valid (const char *text)
{
  gboolean is_integer;
  const char *end = text + strlen (text);

  return *text != '\0' && scan_number (text, end, &is_integer) == end;
}

JsonNode *
kap_json_read_number (Reader *reader)
{
  const char *start = reader->pos;
  gboolean is_integer;
  const char *end = scan_number (start, reader->end, &is_integer);
  gsize length;
  char local[64];
  g_autofree char *owned = NULL;
  char *text;
  JsonNode *node;

  if (end == NULL)
    {
      kap_json_fail (reader, KAP_JSON_ERROR_MALFORMED, _("unexpected character"));
      return NULL;
    }
  reader->pos = end;
  length = end - start;

  /* strtoll and strtod want a terminated string. */
  if (length < sizeof local)
    text = local;
  else
    text = owned = g_malloc (length + 1);
  memcpy (text, start, length);
  text[length] = '\0';

  if (is_integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (text, NULL, 10);
      if (errno == ERANGE)
        return number_held_as_text (start, length);

      node = json_node_alloc ();
      json_node_init_int (node, value);
      return node;
    }
  else
    {
      double value = g_ascii_strtod (text, NULL);
      char shortest[G_ASCII_DTOSTR_BUF_SIZE];
      Decimal written, read;

      if (!isfinite (value))
        return number_held_as_text (start, length);

      /* The double is kept only when writing it gives the same number
       * back: 0.1000000000000000001 or 1e-400 would change. */
      kap_canonical_json_format_double (shortest, value);
      decimal_from_text (&written, shortest, strlen (shortest));
      decimal_from_text (&read, start, length);
      if (!decimal_equal (&written, &read))
        return number_held_as_text (start, length);

      node = json_node_alloc ();
      json_node_init_double (node, value);
      return node;
    }
}

const char *
kap_json_node_get_number_text (JsonNode *node)
{
  const char *str;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  str = json_node_get_string (node);
  if (!g_str_has_prefix (str, KAP_JSON_NUMBER_MARK) ||
      !kap_json_number_text_is_valid (str + KAP_JSON_MARK_LENGTH))
    return NULL;

  return str + KAP_JSON_MARK_LENGTH;
}
