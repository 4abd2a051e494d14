/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-canonical-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kap-canonical-json.h"
#include "kap-json-private.h"

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');

  for (const guchar *p = (const guchar *) str; *p; p++)
    {
      int unit;

      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case 0xef:
          /* A code unit the reader held (kap-json.h) goes back out as the
           * escape it came as; a marker that holds nothing is escaped
           * itself, so that it reads back as the same string. */
          if ((unit = kap_json_held_unit ((const char *) p)) >= 0)
            {
              g_string_append_printf (out, "\\u%04x", (guint) unit);
              p += KAP_JSON_MARK_LENGTH + 4 - 1;
            }
          else if (strncmp ((const char *) p, KAP_JSON_CODE_UNIT_MARK, KAP_JSON_MARK_LENGTH) == 0 ||
                   strncmp ((const char *) p, KAP_JSON_NUMBER_MARK, KAP_JSON_MARK_LENGTH) == 0)
            {
              g_string_append_printf (out, "\\u%04x", g_utf8_get_char ((const char *) p));
              p += KAP_JSON_MARK_LENGTH - 1;
            }
          else
            g_string_append_c (out, (char) *p);
          break;
        default:
          /* UTF-8 stays as it is; only control characters are escaped. */
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }

  g_string_append_c (out, '"');
}

void
kap_canonical_json_format_double (char   *buf,
                                  double  value)
{
  g_return_if_fail (isfinite (value));

  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_snprintf (buf, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  /* The shortest form that reads back as the same double, so that the same
   * number always has the same text whatever produced it. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity. The reader never makes one (a number
       * too large for a double is held as text); only code can. */
      g_string_append (out, "null");
      return;
    }

  kap_canonical_json_format_double (buf, value);
  g_string_append (out, buf);
}

static int
compare_member_names (gconstpointer a,
                      gconstpointer b)
{
  /* strcmp orders UTF-8 by byte, which is code point order. */
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_object (GString    *out,
               JsonObject *object,
               gboolean    skip_underscore)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *name;
  gboolean first = TRUE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    {
      if (skip_underscore && name[0] == '_')
        continue;
      g_ptr_array_add (names, (gpointer) name);
    }

  g_ptr_array_sort (names, compare_member_names);

  g_string_append_c (out, '{');
  for (guint i = 0; i < names->len; i++)
    {
      const char *member = g_ptr_array_index (names, i);

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;

      append_string (out, member);
      g_string_append_c (out, ':');
      kap_canonical_json_append (out, json_object_get_member (object, member), FALSE);
    }
  g_string_append_c (out, '}');
}

void
kap_canonical_json_append (GString  *out,
                           JsonNode *node,
                           gboolean  skip_underscore)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node), skip_underscore);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint len = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < len; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            kap_canonical_json_append (out, json_array_get_element (array, i), FALSE);
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          {
            /* A number the reader held as its text goes back as that text. */
            const char *number = kap_json_node_get_number_text (node);

            if (number != NULL)
              g_string_append (out, number);
            else
              append_string (out, json_node_get_string (node));
          }
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
kap_canonical_json_object (JsonObject *object,
                           gboolean    skip_underscore)
{
  GString *out = g_string_sized_new (256);

  append_object (out, object, skip_underscore);
  return g_string_free (out, FALSE);
}

char *
kap_canonical_json_node (JsonNode *node)
{
  GString *out = g_string_sized_new (256);

  kap_canonical_json_append (out, node, FALSE);
  return g_string_free (out, FALSE);
}

GBytes *
kap_canonical_json_bytes (JsonNode *node)
{
  GString *out = g_string_sized_new (1024);

  kap_canonical_json_append (out, node, FALSE);
  return g_string_free_to_bytes (out);
}
