/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-canonical-json"

#include "config.h"

#include <math.h>

#include "kap-canonical-json.h"

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');

  for (const guchar *p = (const guchar *) str; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
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

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity; json-glib never parses them either. */
      g_string_append (out, "null");
      return;
    }

  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  /* The shortest form that reads back as the same double, so that the same
   * number always has the same text whatever produced it. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

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
          append_string (out, json_node_get_string (node));
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
