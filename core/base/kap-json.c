/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-json-reader-private.h"

/* The reader: errors, whitespace, objects, arrays and the entry points,
 * with the depth bounded. Strings (escapes, held code units) are read in
 * kap-json-string.c, numbers (held exactly as written) in
 * kap-json-number.c. */

G_DEFINE_QUARK (kap-json-error-quark, kap_json_error)

/* Errors name where, never what: the text may hold personal data. */
void
kap_json_fail_at (Reader     *reader,
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

void
kap_json_fail (Reader     *reader,
               int         code,
               const char *reason)
{
  kap_json_fail_at (reader, reader->pos, code, reason);
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
      kap_json_fail (reader, KAP_JSON_ERROR_MALFORMED, _("unexpected character"));
      return FALSE;
    }

  reader->pos += len;
  return TRUE;
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
          kap_json_fail (reader, KAP_JSON_ERROR_MALFORMED, _("a member name was expected"));
          return NULL;
        }
      reader->pos++;
      if (!kap_json_read_string (reader))
        return NULL;
      name = g_strndup (reader->scratch->str, reader->scratch->len);

      if (json_object_has_member (object, name))
        {
          kap_json_fail_at (reader, name_start, KAP_JSON_ERROR_DUPLICATE_MEMBER,
                            _("an object names the same member twice"));
          return NULL;
        }

      skip_space (reader);
      if (reader->pos >= reader->end || *reader->pos != ':')
        {
          kap_json_fail (reader, KAP_JSON_ERROR_MALFORMED, _("“:” was expected"));
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
      kap_json_fail (reader, KAP_JSON_ERROR_MALFORMED, _("“,” or “}” was expected"));
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
      kap_json_fail (reader, KAP_JSON_ERROR_MALFORMED, _("“,” or “]” was expected"));
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
      kap_json_fail (reader, KAP_JSON_ERROR_MALFORMED, _("the text ends too early"));
      return NULL;
    }

  switch (*reader->pos)
    {
    case '{':
    case '[':
      /* Checked before descending, so no nesting can exhaust the stack. */
      if (depth + 1 > reader->max_depth)
        {
          kap_json_fail (reader, KAP_JSON_ERROR_TOO_DEEP, _("nested too deeply"));
          return NULL;
        }
      if (*reader->pos++ == '{')
        return read_object (reader, depth + 1);
      return read_array (reader, depth + 1);

    case '"':
      reader->pos++;
      if (!kap_json_read_string (reader))
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
      return kap_json_read_number (reader);
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
      kap_json_fail_at (&reader, invalid, KAP_JSON_ERROR_INVALID_UTF8, _("bytes that are not UTF-8 text"));
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
      kap_json_fail (&reader, KAP_JSON_ERROR_MALFORMED, _("more text after the end of the value"));
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
