/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-merge"

#include "config.h"

#include <string.h>

#include "kap-canonical-json.h"
#include "kap-merge-private.h"

/* The JSON helpers of the merge: deep copies, equality and order as
 * canonical JSON sees them, the shapes a form's answers take, member
 * paths and clashes. */

/* json_node_copy() shares the objects and arrays it copies; the result
 * must not change when the caller later edits the bodies it merged, nor
 * the other way round. */
JsonNode *
kap_merge_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *out = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (out, name, kap_merge_deep_copy (member));

      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, out);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *out = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (out, kap_merge_deep_copy (json_array_get_element (array, i)));

      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, out);
      return copy;
    }

  return json_node_copy (node);
}

/* Takes @object. */
JsonNode *
kap_merge_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

char *
kap_merge_canonical (JsonNode *node)
{
  GString *out;

  if (node == NULL)
    return NULL;

  out = g_string_new (NULL);
  kap_canonical_json_append (out, node, FALSE);
  return g_string_free (out, FALSE);
}

/* Equality of JSON values as canonical JSON sees them (so 1 and 1.0 are
 * the same number); NULL is an absent member. */
gboolean
kap_merge_nodes_equal (JsonNode *a,
                       JsonNode *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  text_a = kap_merge_canonical (a);
  text_b = kap_merge_canonical (b);
  return g_str_equal (text_a, text_b);
}

/* A total order of values, NULL first: used only to break ties, so that
 * no choice depends on which side is "ours". */
int
kap_merge_compare_nodes (JsonNode *a,
                         JsonNode *b)
{
  g_autofree char *text_a = kap_merge_canonical (a);
  g_autofree char *text_b = kap_merge_canonical (b);

  return g_strcmp0 (text_a, text_b);
}

gboolean
kap_merge_is_null_or_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

JsonObject *
kap_merge_get_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonNode *
kap_merge_get_member (JsonObject *object,
                      const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

const char *
kap_merge_get_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

gboolean
kap_merge_is_string_list (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (kap_merge_get_string (json_array_get_element (array, i)) == NULL)
      return FALSE;

  return TRUE;
}

/* A repeat: an array of objects that each carry a distinct string
 * "item_id" (the form renderer gives every item one). */
gboolean
kap_merge_is_repeat (JsonNode *node)
{
  g_autoptr(GHashTable) ids = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = kap_merge_get_object (json_array_get_element (array, i));
      const char *id = item ? kap_merge_get_string (json_object_get_member (item, "item_id")) : NULL;

      if (id == NULL || !g_hash_table_add (ids, (gpointer) id))
        return FALSE;
    }

  return TRUE;
}

char *
kap_merge_member_path (const char *prefix,
                       const char *name)
{
  return prefix != NULL && *prefix != '\0' ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
}

char *
kap_merge_item_path (const char *prefix,
                     const char *item_id)
{
  return g_strdup_printf ("%s[item %s]", prefix, item_id);
}

void
kap_merge_add_clash (Merge      *merge,
                     const char *path,
                     JsonNode   *base,
                     JsonNode   *ours,
                     JsonNode   *theirs)
{
  KapMergeClash *clash = g_new0 (KapMergeClash, 1);

  clash->path = g_strdup (path);
  clash->base = kap_merge_deep_copy (base);
  clash->ours = kap_merge_deep_copy (ours);
  clash->theirs = kap_merge_deep_copy (theirs);
  g_ptr_array_add (merge->clashes, clash);
}
