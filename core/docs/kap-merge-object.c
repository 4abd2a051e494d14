/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-merge"

#include "config.h"

#include <string.h>

#include "kap-merge-private.h"

/* The walk of the three-way merge: an object member by member, a value,
 * a set of choices, a repeat item by item (objects again), and the
 * record's own metadata (status, updated_at). */

/* Sets */

typedef struct
{
  const char *value;
  int         rank;       /* 0: in the choice list, 1: in the base, 2: new */
  guint       position;   /* in the choice list or the base */
} SetEntry;

static int
compare_set_entries (gconstpointer a,
                     gconstpointer b)
{
  const SetEntry *entry_a = a;
  const SetEntry *entry_b = b;

  if (entry_a->rank != entry_b->rank)
    return entry_a->rank - entry_b->rank;
  if (entry_a->rank < 2 && entry_a->position != entry_b->position)
    return entry_a->position < entry_b->position ? -1 : 1;
  return strcmp (entry_a->value, entry_b->value);
}

/* value → its first position in @node (a list of strings or absent). */
static GHashTable *
set_of (JsonNode *node)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return set;

  array = json_node_get_array (node);
  for (guint i = json_array_get_length (array); i-- > 0;)
    g_hash_table_insert (set, (gpointer) kap_merge_get_string (json_array_get_element (array, i)),
                         GUINT_TO_POINTER (i + 1));

  return set;
}

static JsonNode *
merge_set (Merge        *merge,
           KapFormField *field,
           JsonNode     *base,
           JsonNode     *ours,
           JsonNode     *theirs)
{
  g_autoptr(GHashTable) base_set = set_of (base);
  g_autoptr(GHashTable) ours_set = set_of (ours);
  g_autoptr(GHashTable) theirs_set = set_of (theirs);
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (SetEntry));
  GHashTable *sides[] = { ours_set, theirs_set };
  const char *list = kap_form_field_get_choice_list (field);
  GPtrArray *choice_list = list != NULL ? kap_form_get_choices (merge->form, list) : NULL;
  JsonArray *out;
  JsonNode *node;

  for (guint i = 0; choice_list != NULL && i < choice_list->len; i++)
    {
      KapChoice *choice = g_ptr_array_index (choice_list, i);

      if (!g_hash_table_contains (choices, choice->value))
        g_hash_table_insert (choices, choice->value, GUINT_TO_POINTER (i + 1));
    }

  /* A code of the base stays only if neither side removed it; a new code
   * is added if either side added it. */
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, sides[s]);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        {
          SetEntry entry = { value, 2, 0 };
          gpointer position;

          if (g_hash_table_contains (base_set, value) &&
              !(g_hash_table_contains (ours_set, value) && g_hash_table_contains (theirs_set, value)))
            continue;
          if (!g_hash_table_add (seen, value))
            continue;

          if ((position = g_hash_table_lookup (choices, value)) != NULL)
            entry.rank = 0;
          else if ((position = g_hash_table_lookup (base_set, value)) != NULL)
            entry.rank = 1;
          entry.position = GPOINTER_TO_UINT (position);
          g_array_append_val (entries, entry);
        }
    }

  g_array_sort (entries, compare_set_entries);

  out = json_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_string_element (out, g_array_index (entries, SetEntry, i).value);

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, out);
  return node;
}

/* Values */

static KapFormField *
set_field (Merge      *merge,
           const char *name)
{
  KapFormField *field;

  if (merge->form == NULL || name == NULL)
    return NULL;

  field = kap_form_lookup_field (merge->form, name);
  if (field == NULL ||
      kap_form_field_get_field_type (field) != KAP_FIELD_SELECT_MULTIPLE ||
      !kap_form_field_get_merge_as_set (field))
    return NULL;

  return field;
}

static JsonNode *merge_repeat (Merge      *merge,
                               const char *path,
                               JsonNode   *base,
                               JsonNode   *ours,
                               JsonNode   *theirs);

/* The merged value of member @name at @path; NULL: the member is absent. */
static JsonNode *
merge_value (Merge      *merge,
             const char *path,
             const char *name,
             JsonNode   *base,
             JsonNode   *ours,
             JsonNode   *theirs)
{
  KapFormField *field;

  if (kap_merge_nodes_equal (ours, theirs))
    return kap_merge_deep_copy (ours);

  /* Without a base nothing tells an addition from a removal, on a set,
   * an item or a member that one side lacks. */
  if (merge->strict)
    {
      kap_merge_add_clash (merge, path, NULL, ours, theirs);
      return kap_merge_deep_copy (ours);
    }

  if (kap_merge_nodes_equal (base, ours))
    return kap_merge_deep_copy (theirs);
  if (kap_merge_nodes_equal (base, theirs))
    return kap_merge_deep_copy (ours);

  /* Changed on both sides, differently. */
  field = set_field (merge, name);
  if (field != NULL && kap_merge_is_string_list (ours) && kap_merge_is_string_list (theirs) &&
      (kap_merge_is_null_or_absent (base) || kap_merge_is_string_list (base)))
    return merge_set (merge, field, base, ours, theirs);

  if (kap_merge_get_object (ours) != NULL && kap_merge_get_object (theirs) != NULL &&
      (kap_merge_is_null_or_absent (base) || kap_merge_get_object (base) != NULL))
    return kap_merge_object_node (kap_merge_object (merge, path, kap_merge_get_object (base),
                                      kap_merge_get_object (ours), kap_merge_get_object (theirs), FALSE));

  if (kap_merge_is_repeat (ours) && kap_merge_is_repeat (theirs) && (kap_merge_is_null_or_absent (base) || kap_merge_is_repeat (base)))
    return merge_repeat (merge, path, base, ours, theirs);

  kap_merge_add_clash (merge, path, base, ours, theirs);
  return kap_merge_deep_copy (ours);
}

/* Repeats */

static GHashTable *
items_of (JsonNode *node)
{
  GHashTable *items = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return items;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      g_hash_table_insert (items,
                           (gpointer) json_object_get_string_member (json_node_get_object (item), "item_id"),
                           item);
    }

  return items;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static JsonNode *
merge_repeat (Merge      *merge,
              const char *path,
              JsonNode   *base,
              JsonNode   *ours,
              JsonNode   *theirs)
{
  g_autoptr(GHashTable) base_items = items_of (base);
  g_autoptr(GHashTable) ours_items = items_of (ours);
  g_autoptr(GHashTable) theirs_items = items_of (theirs);
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new ();
  GHashTable *sides[] = { ours_items, theirs_items };
  JsonArray *out = json_array_new ();
  JsonNode *node;

  /* Items of the base, in its order. */
  if (base != NULL && JSON_NODE_HOLDS_ARRAY (base))
    {
      JsonArray *array = json_node_get_array (base);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *base_item = json_array_get_element (array, i);
          const char *id = json_object_get_string_member (json_node_get_object (base_item), "item_id");
          JsonNode *ours_item = g_hash_table_lookup (ours_items, id);
          JsonNode *theirs_item = g_hash_table_lookup (theirs_items, id);
          g_autofree char *ipath = kap_merge_item_path (path, id);

          if (ours_item != NULL && theirs_item != NULL)
            json_array_add_object_element (out,
                                           kap_merge_object (merge, ipath,
                                                             json_node_get_object (base_item),
                                                             json_node_get_object (ours_item),
                                                             json_node_get_object (theirs_item),
                                                             FALSE));
          else if (ours_item == NULL && theirs_item == NULL)
            continue;
          else if (!kap_merge_nodes_equal (base_item, ours_item != NULL ? ours_item : theirs_item))
            {
              /* Removed on one side, changed on the other. */
              kap_merge_add_clash (merge, ipath, base_item, ours_item, theirs_item);
              if (ours_item != NULL)
                json_array_add_element (out, kap_merge_deep_copy (ours_item));
            }
          /* else removed on one side, unchanged on the other: removed. */
        }
    }

  /* New items of either side, in item_id order: the same whichever side
   * is ours. */
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, sides[s]);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (base_items, id) &&
            (s == 0 || !g_hash_table_contains (ours_items, id)))
          g_ptr_array_add (new_ids, id);
    }
  g_ptr_array_sort (new_ids, compare_strings);

  for (guint i = 0; i < new_ids->len; i++)
    {
      const char *id = g_ptr_array_index (new_ids, i);
      JsonNode *ours_item = g_hash_table_lookup (ours_items, id);
      JsonNode *theirs_item = g_hash_table_lookup (theirs_items, id);

      if (ours_item != NULL && theirs_item != NULL)
        {
          g_autofree char *ipath = kap_merge_item_path (path, id);

          json_array_add_object_element (out,
                                         kap_merge_object (merge, ipath, NULL,
                                                           json_node_get_object (ours_item),
                                                           json_node_get_object (theirs_item),
                                                           FALSE));
        }
      else
        json_array_add_element (out, kap_merge_deep_copy (ours_item != NULL ? ours_item : theirs_item));
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, out);
  return node;
}

/* Record metadata */

static gboolean
is_fixed_metadata (const char *name)
{
  return g_str_has_prefix (name, "created_") ||
         g_str_equal (name, "type") ||
         g_str_equal (name, "form") ||
         g_str_equal (name, "station") ||
         g_str_equal (name, "device");
}

/* -1 for absent, -2 for a status we do not know. */
static int
status_rank (JsonNode *node)
{
  static const char * const order[] = { "draft", "final", "reviewed" };
  const char *status;

  if (node == NULL)
    return -1;

  status = kap_merge_get_string (node);
  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (status, order[i]))
      return (int) i;

  return -2;
}

/* The side whose edit is the later one: greater updated_at, then greater
 * updated_by, then (for equal or malformed stamps) any consistent order. */
static JsonObject *
later_side (JsonObject *ours,
            JsonObject *theirs)
{
  const char * const members[] = { "updated_at", "updated_by" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *a = json_object_get_member (ours, members[i]);
      JsonNode *b = json_object_get_member (theirs, members[i]);
      int cmp = g_strcmp0 (kap_merge_get_string (a), kap_merge_get_string (b));

      if (cmp == 0)
        cmp = kap_merge_compare_nodes (a, b);
      if (cmp != 0)
        return cmp > 0 ? ours : theirs;
    }

  return ours;
}

/* Objects */

static void
add_names (GHashTable *names,
           JsonObject *object,
           gboolean    top_level)
{
  JsonObjectIter iter;
  const char *name;

  if (object == NULL)
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!top_level || name[0] != '_')
      g_hash_table_add (names, (gpointer) name);
}

JsonObject *
kap_merge_object (Merge      *merge,
                  const char *path,
                  JsonObject *base,
                  JsonObject *ours,
                  JsonObject *theirs,
                  gboolean    top_level)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **sorted = NULL;
  JsonObject *out = json_object_new ();
  JsonObject *later = top_level ? later_side (ours, theirs) : NULL;
  guint n_names;

  add_names (names, base, top_level);
  add_names (names, ours, top_level);
  add_names (names, theirs, top_level);

  /* Clashes come out in the order of the canonical form. */
  sorted = (const char **) g_hash_table_get_keys_as_array (names, &n_names);
  qsort (sorted, n_names, sizeof (char *), compare_strings);

  for (guint i = 0; i < n_names; i++)
    {
      const char *name = sorted[i];
      JsonNode *base_node = kap_merge_get_member (base, name);
      JsonNode *ours_node = kap_merge_get_member (ours, name);
      JsonNode *theirs_node = kap_merge_get_member (theirs, name);
      g_autofree char *mpath = kap_merge_member_path (path, name);
      JsonNode *merged;

      if (top_level && (g_str_equal (name, "updated_at") || g_str_equal (name, "updated_by")))
        merged = kap_merge_deep_copy (json_object_get_member (later, name));
      else if (top_level && g_str_equal (name, "status") &&
               status_rank (ours_node) != -2 && status_rank (theirs_node) != -2)
        merged = kap_merge_deep_copy (status_rank (ours_node) >= status_rank (theirs_node) ? ours_node : theirs_node);
      else if (top_level && is_fixed_metadata (name))
        {
          if (!kap_merge_nodes_equal (ours_node, theirs_node))
            kap_merge_add_clash (merge, mpath, base_node, ours_node, theirs_node);
          merged = kap_merge_deep_copy (ours_node);
        }
      else
        merged = merge_value (merge, mpath, name, base_node, ours_node, theirs_node);

      if (merged != NULL)
        json_object_set_member (out, name, merged);
    }

  return out;
}
