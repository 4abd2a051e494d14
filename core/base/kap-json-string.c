/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-json-reader-private.h"

/* Strings: the contents of a JSON string with its escapes, a lone
 * surrogate held as a marked code unit, and the held units shown,
 * checked or removed again. */

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
  kap_json_fail_at (reader, escape, KAP_JSON_ERROR_MALFORMED, _("invalid escape in a string"));
  return FALSE;
}

/* The contents of a string, the opening quote already read, into
 * reader->scratch. */
gboolean
kap_json_read_string (Reader *reader)
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
          kap_json_fail_at (reader, reader->pos - 1, KAP_JSON_ERROR_MALFORMED,
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

  kap_json_fail_at (reader, opening, KAP_JSON_ERROR_MALFORMED, _("a string that never ends"));
  return FALSE;
}

gboolean
kap_json_string_is_plain (const char *str)
{
  g_return_val_if_fail (str != NULL, TRUE);

  return strstr (str, KAP_JSON_CODE_UNIT_MARK) == NULL &&
         strstr (str, KAP_JSON_NUMBER_MARK) == NULL;
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
