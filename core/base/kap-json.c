/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-json-private.h"

G_DEFINE_QUARK (kap-json-error-quark, kap_json_error)

typedef struct
{
  const char *start;
  const char *pos;
  const char *end;
  guint       max_depth;
  GString    *scratch;     /* string contents being decoded */
  GError    **error;
} Reader;

/* Errors name where, never what: the text may hold personal data. */
static void
fail_at (Reader     *reader,
         const char *where,
         int         code,
         const char *reason)
{
  guint line = 1, column = 1;

  if (reader->error == NULL || *reader->error != NULL)
    return;

  for (const char *p = reader->start; p < where && p < reader->end; p++)
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *p & 0xc0) != 0x80)
        column++;
    }

  g_set_error (reader->error, KAP_JSON_ERROR, code,
               /* Translators: “%u” are a line and a column number, the last %s
                * is one of the reasons below, such as “unexpected character”. */
               _("Not valid JSON at line %u, column %u: %s"), line, column, reason);
}

static void
fail (Reader     *reader,
      int         code,
      const char *reason)
{
  fail_at (reader, reader->pos, code, reason);
}

static void
skip_space (Reader *reader)
{
  while (reader->pos < reader->end &&
         (*reader->pos == ' ' || *reader->pos == '\t' ||
          *reader->pos == '\n' || *reader->pos == '\r'))
    reader->pos++;
}

static gboolean
expect_word (Reader     *reader,
             const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (reader->end - reader->pos) < len || memcmp (reader->pos, word, len) != 0)
    {
      fail (reader, KAP_JSON_ERROR_MALFORMED, _("unexpected character"));
      return FALSE;
    }

  reader->pos += len;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u"; -1 when they are not. */
static int
read_code_unit (Reader *reader)
{
  int unit = 0;

  if (reader->end - reader->pos < 4)
    return -1;

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (reader->pos[i]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }

  reader->pos += 4;
  return unit;
}

static void
append_held_unit (GString *out,
                  guint    unit)
{
  g_string_append (out, KAP_JSON_CODE_UNIT_MARK);
  g_string_append_printf (out, "%04x", unit);
}

/* A code point of the text (from an escape or raw): the markers and what
 * UTF-8 cannot carry are held; everything else is itself. */
static void
append_code_point (GString  *out,
                   gunichar  c)
{
  if (c == 0 || (c >= 0xd800 && c <= 0xdfff) || c == 0xfdd0 || c == 0xfdd1)
    append_held_unit (out, c);
  else
    g_string_append_unichar (out, c);
}

static gboolean
read_escape (Reader  *reader,
             GString *out)
{
  const char *escape = reader->pos - 1;
  int unit;

  if (reader->pos >= reader->end)
    goto invalid;

  switch (*reader->pos++)
    {
    case '"':  g_string_append_c (out, '"'); return TRUE;
    case '\\': g_string_append_c (out, '\\'); return TRUE;
    case '/':  g_string_append_c (out, '/'); return TRUE;
    case 'b':  g_string_append_c (out, '\b'); return TRUE;
    case 'f':  g_string_append_c (out, '\f'); return TRUE;
    case 'n':  g_string_append_c (out, '\n'); return TRUE;
    case 'r':  g_string_append_c (out, '\r'); return TRUE;
    case 't':  g_string_append_c (out, '\t'); return TRUE;
    case 'u':  break;
    default:   goto invalid;
    }

  unit = read_code_unit (reader);
  if (unit < 0)
    goto invalid;

  /* A high surrogate followed by a low one is one code point; anything
   * else with a surrogate is held as it came. */
  if (unit >= 0xd800 && unit <= 0xdbff &&
      reader->end - reader->pos >= 6 && reader->pos[0] == '\\' && reader->pos[1] == 'u')
    {
      const char *save = reader->pos;
      int low;

      reader->pos += 2;
      low = read_code_unit (reader);
      if (low >= 0xdc00 && low <= 0xdfff)
        {
          append_code_point (out, 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00));
          return TRUE;
        }
      reader->pos = save;
    }

  append_code_point (out, (gunichar) unit);
  return TRUE;

invalid:
  fail_at (reader, escape, KAP_JSON_ERROR_MALFORMED, _("invalid escape in a string"));
  return FALSE;
}

/* The contents of a string, the opening quote already read, into
 * reader->scratch. */
static gboolean
read_string (Reader *reader)
{
  GString *out = reader->scratch;
  const char *opening = reader->pos - 1;

  g_string_truncate (out, 0);

  while (reader->pos < reader->end)
    {
      const char *run = reader->pos;
      guchar c;

      /* Copy a run of ordinary bytes at once; the text was validated as
       * UTF-8 before parsing began. */
      while (reader->pos < reader->end)
        {
          c = (guchar) *reader->pos;
          if (c == '"' || c == '\\' || c < 0x20 || c == 0xef)
            break;
          reader->pos++;
        }
      g_string_append_len (out, run, reader->pos - run);

      if (reader->pos >= reader->end)
        break;

      c = (guchar) *reader->pos++;
      if (c == '"')
        return TRUE;
      if (c == '\\')
        {
          if (!read_escape (reader, out))
            return FALSE;
        }
      else if (c < 0x20)
        {
          fail_at (reader, reader->pos - 1, KAP_JSON_ERROR_MALFORMED,
                   _("a control character inside a string"));
          return FALSE;
        }
      else
        {
          /* 0xef starts U+E000–U+FFFF: look for the two markers. */
          const char *lead = reader->pos - 1;
          gunichar point = g_utf8_get_char (lead);

          reader->pos = g_utf8_next_char (lead);
          append_code_point (out, point);
        }
    }

  fail_at (reader, opening, KAP_JSON_ERROR_MALFORMED, _("a string that never ends"));
  return FALSE;
}

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

static JsonNode *
read_number (Reader *reader)
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
      fail (reader, KAP_JSON_ERROR_MALFORMED, _("unexpected character"));
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

static JsonNode *read_value (Reader *reader, guint depth);

static JsonNode *
read_object (Reader *reader,
             guint   depth)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  skip_space (reader);
  if (reader->pos < reader->end && *reader->pos == '}')
    {
      reader->pos++;
      goto done;
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      const char *name_start;
      JsonNode *member;

      skip_space (reader);
      name_start = reader->pos;
      if (reader->pos >= reader->end || *reader->pos != '"')
        {
          fail (reader, KAP_JSON_ERROR_MALFORMED, _("a member name was expected"));
          return NULL;
        }
      reader->pos++;
      if (!read_string (reader))
        return NULL;
      name = g_strndup (reader->scratch->str, reader->scratch->len);

      if (json_object_has_member (object, name))
        {
          fail_at (reader, name_start, KAP_JSON_ERROR_DUPLICATE_MEMBER,
                   _("an object names the same member twice"));
          return NULL;
        }

      skip_space (reader);
      if (reader->pos >= reader->end || *reader->pos != ':')
        {
          fail (reader, KAP_JSON_ERROR_MALFORMED, _("“:” was expected"));
          return NULL;
        }
      reader->pos++;

      member = read_value (reader, depth);
      if (member == NULL)
        return NULL;
      json_object_set_member (object, name, member);

      skip_space (reader);
      if (reader->pos < reader->end && *reader->pos == ',')
        {
          reader->pos++;
          continue;
        }
      if (reader->pos < reader->end && *reader->pos == '}')
        {
          reader->pos++;
          break;
        }
      fail (reader, KAP_JSON_ERROR_MALFORMED, _("“,” or “}” was expected"));
      return NULL;
    }

done:
  node = json_node_alloc ();
  json_node_init_object (node, object);
  return node;
}

static JsonNode *
read_array (Reader *reader,
            guint   depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  skip_space (reader);
  if (reader->pos < reader->end && *reader->pos == ']')
    {
      reader->pos++;
      goto done;
    }

  for (;;)
    {
      JsonNode *element = read_value (reader, depth);

      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);

      skip_space (reader);
      if (reader->pos < reader->end && *reader->pos == ',')
        {
          reader->pos++;
          continue;
        }
      if (reader->pos < reader->end && *reader->pos == ']')
        {
          reader->pos++;
          break;
        }
      fail (reader, KAP_JSON_ERROR_MALFORMED, _("“,” or “]” was expected"));
      return NULL;
    }

done:
  node = json_node_alloc ();
  json_node_init_array (node, array);
  return node;
}

static JsonNode *
read_value (Reader *reader,
            guint   depth)
{
  JsonNode *node;

  skip_space (reader);
  if (reader->pos >= reader->end)
    {
      fail (reader, KAP_JSON_ERROR_MALFORMED, _("the text ends too early"));
      return NULL;
    }

  switch (*reader->pos)
    {
    case '{':
    case '[':
      /* Checked before descending, so no nesting can exhaust the stack. */
      if (depth + 1 > reader->max_depth)
        {
          fail (reader, KAP_JSON_ERROR_TOO_DEEP, _("nested too deeply"));
          return NULL;
        }
      if (*reader->pos++ == '{')
        return read_object (reader, depth + 1);
      return read_array (reader, depth + 1);

    case '"':
      reader->pos++;
      if (!read_string (reader))
        return NULL;
      node = json_node_alloc ();
      json_node_init_string (node, reader->scratch->str);
      return node;

    case 't':
      if (!expect_word (reader, "true"))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), TRUE);

    case 'f':
      if (!expect_word (reader, "false"))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), FALSE);

    case 'n':
      if (!expect_word (reader, "null"))
        return NULL;
      return json_node_init_null (json_node_alloc ());

    default:
      return read_number (reader);
    }
}

JsonNode *
kap_json_parse (const char          *data,
                gssize               length,
                const KapJsonLimits *limits,
                GError             **error)
{
  g_autoptr(GString) scratch = NULL;
  const char *invalid = NULL;
  Reader reader = { 0 };
  JsonNode *root;
  gsize size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;

  reader.start = reader.pos = data;
  reader.end = data + size;
  reader.error = error;
  reader.max_depth = KAP_JSON_MAX_DEPTH;
  if (limits != NULL && limits->max_depth > 0)
    reader.max_depth = MIN (limits->max_depth, KAP_JSON_MAX_DEPTH);

  if (limits != NULL && limits->max_bytes > 0 && size > limits->max_bytes)
    {
      g_autofree char *limit = g_format_size_full (limits->max_bytes, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, KAP_JSON_ERROR, KAP_JSON_ERROR_TOO_LARGE,
                   /* Translators: %s is a size such as “8.0 MiB”. */
                   _("The JSON text is larger than %s"), limit);
      return NULL;
    }

  /* RFC 8259 §8.1: JSON text is UTF-8. Checked once, up front, so the
   * string reader can copy bytes without looking at them twice. A NUL
   * byte is no character of JSON either. */
  if (!g_utf8_validate_len (data, size, &invalid))
    {
      fail_at (&reader, invalid, KAP_JSON_ERROR_INVALID_UTF8, _("bytes that are not UTF-8 text"));
      return NULL;
    }

  scratch = g_string_sized_new (64);
  reader.scratch = scratch;

  root = read_value (&reader, 0);
  if (root == NULL)
    return NULL;

  skip_space (&reader);
  if (reader.pos != reader.end)
    {
      fail (&reader, KAP_JSON_ERROR_MALFORMED, _("more text after the end of the value"));
      json_node_unref (root);
      return NULL;
    }

  return root;
}

JsonObject *
kap_json_parse_object (const char          *data,
                       gssize               length,
                       const KapJsonLimits *limits,
                       GError             **error)
{
  g_autoptr(JsonNode) root = kap_json_parse (data, length, limits, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KAP_JSON_ERROR, KAP_JSON_ERROR_MALFORMED,
                           _("The JSON text is not an object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

guint
kap_json_node_depth (JsonNode *node)
{
  guint deepest = 0;

  if (node == NULL)
    return 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        {
          guint depth = kap_json_node_depth (member);

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint depth = kap_json_node_depth (json_array_get_element (array, i));

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }

  return 0;
}

gboolean
kap_json_string_is_plain (const char *str)
{
  g_return_val_if_fail (str != NULL, TRUE);

  return strstr (str, KAP_JSON_CODE_UNIT_MARK) == NULL &&
         strstr (str, KAP_JSON_NUMBER_MARK) == NULL;
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

/* The code unit a marker at @p holds, or -1 when @p is no held unit. */
int
kap_json_held_unit (const char *p)
{
  int unit = 0;

  if (strncmp (p, KAP_JSON_CODE_UNIT_MARK, KAP_JSON_MARK_LENGTH) != 0)
    return -1;

  p += KAP_JSON_MARK_LENGTH;
  for (int i = 0; i < 4; i++)
    {
      /* The reader writes lower case only. */
      if (!g_ascii_isxdigit (p[i]) || g_ascii_isupper (p[i]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (p[i]);
    }

  return unit;
}

char *
kap_json_string_for_display (const char *str)
{
  GString *out;
  const char *number;

  g_return_val_if_fail (str != NULL, NULL);

  if (g_str_has_prefix (str, KAP_JSON_NUMBER_MARK) &&
      kap_json_number_text_is_valid ((number = str + KAP_JSON_MARK_LENGTH)))
    return g_strdup (number);

  out = g_string_sized_new (strlen (str));
  for (const char *p = str; *p; )
    {
      int unit = kap_json_held_unit (p);

      if (unit >= 0)
        {
          g_string_append_unichar (out, 0xfffd);
          p += KAP_JSON_MARK_LENGTH + 4;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

const char *
kap_json_string_sanitize (const char  *str,
                          char       **out_owned)
{
  GString *out;

  g_return_val_if_fail (out_owned != NULL, str);

  *out_owned = NULL;
  if (str == NULL || kap_json_string_is_plain (str))
    return str;

  out = g_string_sized_new (strlen (str));
  for (const char *p = str; *p; )
    {
      if (strncmp (p, KAP_JSON_CODE_UNIT_MARK, KAP_JSON_MARK_LENGTH) == 0 ||
          strncmp (p, KAP_JSON_NUMBER_MARK, KAP_JSON_MARK_LENGTH) == 0)
        {
          g_string_append_unichar (out, 0xfffd);
          p += KAP_JSON_MARK_LENGTH;
        }
      else
        g_string_append_c (out, *p++);
    }

  *out_owned = g_string_free (out, FALSE);
  return *out_owned;
}
