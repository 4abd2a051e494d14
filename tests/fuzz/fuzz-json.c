/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-json"

#include "config.h"

#include <string.h>

#include "kap-canonical-json.h"
#include "kap-document.h"
#include "kap-json.h"
#include "kap-fuzz.h"

/* The strict JSON reader (core/kap-json.c), documents
 * (kap_document_new_from_json()) and canonical JSON
 * (core/kap-canonical-json.c). Whatever the reader takes, its canonical
 * text is valid UTF-8 and reads back to the same canonical bytes; whatever
 * makes a document writes CouchDB's JSON form that makes the same document
 * again. Every string shows as valid UTF-8. */

static void
check_strings (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *shown = kap_json_string_for_display (name);

            g_assert_true (g_utf8_validate (shown, -1, NULL));
            check_strings (member);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          check_strings (json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *string = json_node_get_string (node);
          g_autofree char *shown = kap_json_string_for_display (string);
          g_autofree char *owned = NULL;
          const char *sanitized = kap_json_string_sanitize (shown, &owned);

          g_assert_true (g_utf8_validate (shown, -1, NULL));
          g_assert_true (kap_json_string_is_plain (sanitized));
        }
      break;

    case JSON_NODE_NULL:
      break;
    }
}

static void
check_canonical (JsonNode *node)
{
  g_autofree char *canonical = kap_canonical_json_node (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *recanonical = NULL;

  g_assert_true (g_utf8_validate (canonical, -1, NULL));

  again = kap_json_parse (canonical, -1, NULL, &error);
  g_assert_no_error (error);
  recanonical = kap_canonical_json_node (again);
  g_assert_cmpstr (canonical, ==, recanonical);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *without = kap_canonical_json_object (json_node_get_object (node), TRUE);
      g_autoptr(JsonNode) parsed = NULL;

      g_assert_true (g_utf8_validate (without, -1, NULL));
      parsed = kap_json_parse (without, -1, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
check_document (const uint8_t *data,
                size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(KapDocument) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *rejson = NULL;

  document = kap_document_new_from_json ((const char *) data, size, &error);
  if (document == NULL)
    {
      g_assert_true (error != NULL && error->domain == KAP_DOCUMENT_ERROR);
      return;
    }

  json = kap_document_to_json (document);
  g_assert_true (g_utf8_validate (json, -1, NULL));

  again = kap_document_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  rejson = kap_document_to_json (again);
  g_assert_cmpstr (json, ==, rejson);
  g_assert_cmpstr (kap_document_get_id (document), ==, kap_document_get_id (again));
  g_assert_cmpstr (kap_document_get_rev (document), ==, kap_document_get_rev (again));
  g_assert_true (kap_document_get_deleted (document) == kap_document_get_deleted (again));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* The bytes as they are, without a NUL after them: ASan sees any read
   * past the end. */
  node = kap_json_parse ((const char *) data, size, NULL, &error);
  if (node == NULL)
    {
      g_assert_true (error != NULL && error->domain == KAP_JSON_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (kap_json_node_depth (node), <=, KAP_JSON_MAX_DEPTH);

  check_strings (node);
  check_canonical (node);
  check_document (data, size);

  return 0;
}
