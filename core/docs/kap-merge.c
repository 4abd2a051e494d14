/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-merge"

#include "config.h"

#include <string.h>

#include "kap-canonical-json.h"
#include "kap-merge.h"

struct _KapMergeResult
{
  grefcount   ref_count;
  JsonObject *body;       /* NULL when deleted */
  gboolean    deleted;
  GPtrArray  *clashes;    /* KapMergeClash */
};

G_DEFINE_BOXED_TYPE (KapMergeClash, kap_merge_clash, kap_merge_clash_copy, kap_merge_clash_free)
G_DEFINE_BOXED_TYPE (KapMergeResult, kap_merge_result, kap_merge_result_ref, kap_merge_result_unref)

typedef struct
{
  KapForm   *form;
  GPtrArray *clashes;
  gboolean   strict;      /* no base: every difference clashes */
} Merge;

static JsonObject *merge_object (Merge      *merge,
                                 const char *path,
                                 JsonObject *base,
                                 JsonObject *ours,
                                 JsonObject *theirs,
                                 gboolean    top_level);

/* Helpers */

/* json_node_copy() shares the objects and arrays it copies; the result
 * must not change when the caller later edits the bodies it merged, nor
 * the other way round. */
static JsonNode *
deep_copy (JsonNode *node)
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
        json_object_set_member (out, name, deep_copy (member));

      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, out);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *out = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (out, deep_copy (json_array_get_element (array, i)));

      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, out);
      return copy;
    }

  return json_node_copy (node);
}

/* Takes @object. */
static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static char *
canonical (JsonNode *node)
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
static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  text_a = canonical (a);
  text_b = canonical (b);
  return g_str_equal (text_a, text_b);
}

/* A total order of values, NULL first: used only to break ties, so that
 * no choice depends on which side is "ours". */
static int
compare_nodes (JsonNode *a,
               JsonNode *b)
{
  g_autofree char *text_a = canonical (a);
  g_autofree char *text_b = canonical (b);

  return g_strcmp0 (text_a, text_b);
}

static gboolean
is_null_or_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static JsonObject *
get_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static const char *
get_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

static gboolean
is_string_list (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (get_string (json_array_get_element (array, i)) == NULL)
      return FALSE;

  return TRUE;
}

/* A repeat: an array of objects that each carry a distinct string
 * "item_id" (the form renderer gives every item one). */
static gboolean
is_repeat (JsonNode *node)
{
  g_autoptr(GHashTable) ids = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = get_object (json_array_get_element (array, i));
      const char *id = item ? get_string (json_object_get_member (item, "item_id")) : NULL;

      if (id == NULL || !g_hash_table_add (ids, (gpointer) id))
        return FALSE;
    }

  return TRUE;
}

static char *
member_path (const char *prefix,
             const char *name)
{
  return prefix != NULL && *prefix != '\0' ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
}

static char *
item_path (const char *prefix,
           const char *item_id)
{
  return g_strdup_printf ("%s[item %s]", prefix, item_id);
}

static void
add_clash (Merge      *merge,
           const char *path,
           JsonNode   *base,
           JsonNode   *ours,
           JsonNode   *theirs)
{
  KapMergeClash *clash = g_new0 (KapMergeClash, 1);

  clash->path = g_strdup (path);
  clash->base = deep_copy (base);
  clash->ours = deep_copy (ours);
  clash->theirs = deep_copy (theirs);
  g_ptr_array_add (merge->clashes, clash);
}

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
    g_hash_table_insert (set, (gpointer) get_string (json_array_get_element (array, i)),
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

  if (nodes_equal (ours, theirs))
    return deep_copy (ours);

  /* Without a base nothing tells an addition from a removal, on a set,
   * an item or a member that one side lacks. */
  if (merge->strict)
    {
      add_clash (merge, path, NULL, ours, theirs);
      return deep_copy (ours);
    }

  if (nodes_equal (base, ours))
    return deep_copy (theirs);
  if (nodes_equal (base, theirs))
    return deep_copy (ours);

  /* Changed on both sides, differently. */
  field = set_field (merge, name);
  if (field != NULL && is_string_list (ours) && is_string_list (theirs) &&
      (is_null_or_absent (base) || is_string_list (base)))
    return merge_set (merge, field, base, ours, theirs);

  if (get_object (ours) != NULL && get_object (theirs) != NULL &&
      (is_null_or_absent (base) || get_object (base) != NULL))
    return object_node (merge_object (merge, path, get_object (base),
                                      get_object (ours), get_object (theirs), FALSE));

  if (is_repeat (ours) && is_repeat (theirs) && (is_null_or_absent (base) || is_repeat (base)))
    return merge_repeat (merge, path, base, ours, theirs);

  add_clash (merge, path, base, ours, theirs);
  return deep_copy (ours);
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
          g_autofree char *ipath = item_path (path, id);

          if (ours_item != NULL && theirs_item != NULL)
            json_array_add_object_element (out,
                                           merge_object (merge, ipath,
                                                         json_node_get_object (base_item),
                                                         json_node_get_object (ours_item),
                                                         json_node_get_object (theirs_item),
                                                         FALSE));
          else if (ours_item == NULL && theirs_item == NULL)
            continue;
          else if (!nodes_equal (base_item, ours_item != NULL ? ours_item : theirs_item))
            {
              /* Removed on one side, changed on the other. */
              add_clash (merge, ipath, base_item, ours_item, theirs_item);
              if (ours_item != NULL)
                json_array_add_element (out, deep_copy (ours_item));
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
          g_autofree char *ipath = item_path (path, id);

          json_array_add_object_element (out,
                                         merge_object (merge, ipath, NULL,
                                                       json_node_get_object (ours_item),
                                                       json_node_get_object (theirs_item),
                                                       FALSE));
        }
      else
        json_array_add_element (out, deep_copy (ours_item != NULL ? ours_item : theirs_item));
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

  status = get_string (node);
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
      int cmp = g_strcmp0 (get_string (a), get_string (b));

      if (cmp == 0)
        cmp = compare_nodes (a, b);
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

static JsonObject *
merge_object (Merge      *merge,
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
      JsonNode *base_node = get_member (base, name);
      JsonNode *ours_node = get_member (ours, name);
      JsonNode *theirs_node = get_member (theirs, name);
      g_autofree char *mpath = member_path (path, name);
      JsonNode *merged;

      if (top_level && (g_str_equal (name, "updated_at") || g_str_equal (name, "updated_by")))
        merged = deep_copy (json_object_get_member (later, name));
      else if (top_level && g_str_equal (name, "status") &&
               status_rank (ours_node) != -2 && status_rank (theirs_node) != -2)
        merged = deep_copy (status_rank (ours_node) >= status_rank (theirs_node) ? ours_node : theirs_node);
      else if (top_level && is_fixed_metadata (name))
        {
          if (!nodes_equal (ours_node, theirs_node))
            add_clash (merge, mpath, base_node, ours_node, theirs_node);
          merged = deep_copy (ours_node);
        }
      else
        merged = merge_value (merge, mpath, name, base_node, ours_node, theirs_node);

      if (merged != NULL)
        json_object_set_member (out, name, merged);
    }

  return out;
}

static gboolean
unchanged_since (JsonObject *base,
                 JsonObject *body)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autofree char *base_text = kap_canonical_json_object (base ? base : empty, TRUE);
  g_autofree char *body_text = kap_canonical_json_object (body ? body : empty, TRUE);

  return g_str_equal (base_text, body_text);
}

/* A copy of @body without its underscore members. */
static JsonObject *
plain_copy (JsonObject *body)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &member))
    if (name[0] != '_')
      json_object_set_member (copy, name, deep_copy (member));

  return copy;
}

/* Public API */

KapMergeClash *
kap_merge_clash_copy (const KapMergeClash *clash)
{
  KapMergeClash *copy = g_new0 (KapMergeClash, 1);

  copy->path = g_strdup (clash->path);
  copy->base = deep_copy (clash->base);
  copy->ours = deep_copy (clash->ours);
  copy->theirs = deep_copy (clash->theirs);
  return copy;
}

void
kap_merge_clash_free (KapMergeClash *clash)
{
  if (clash == NULL)
    return;

  g_free (clash->path);
  g_clear_pointer (&clash->base, json_node_unref);
  g_clear_pointer (&clash->ours, json_node_unref);
  g_clear_pointer (&clash->theirs, json_node_unref);
  g_free (clash);
}

KapMergeResult *
kap_merge_result_ref (KapMergeResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
kap_merge_result_unref (KapMergeResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->body, json_object_unref);
  g_ptr_array_unref (self->clashes);
  g_free (self);
}

KapMergeResult *
kap_merge (JsonObject *base,
           JsonObject *ours,
           gboolean    ours_deleted,
           JsonObject *theirs,
           gboolean    theirs_deleted,
           KapForm    *form)
{
  return kap_merge_full (base, ours, ours_deleted, theirs, theirs_deleted, form,
                         KAP_MERGE_FLAGS_NONE);
}

KapMergeResult *
kap_merge_full (JsonObject    *base,
                JsonObject    *ours,
                gboolean       ours_deleted,
                JsonObject    *theirs,
                gboolean       theirs_deleted,
                KapForm       *form,
                KapMergeFlags  flags)
{
  KapMergeResult *result;
  Merge merge = { form, NULL, base == NULL && (flags & KAP_MERGE_STRICT_WITHOUT_BASE) != 0 };

  g_return_val_if_fail (ours != NULL || ours_deleted, NULL);
  g_return_val_if_fail (theirs != NULL || theirs_deleted, NULL);
  g_return_val_if_fail (form == NULL || KAP_IS_FORM (form), NULL);

  result = g_new0 (KapMergeResult, 1);
  g_ref_count_init (&result->ref_count);
  result->clashes = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_merge_clash_free);
  merge.clashes = result->clashes;

  if (ours_deleted || theirs_deleted)
    {
      JsonObject *live = ours_deleted ? theirs : ours;

      /* Deleted on both sides, or deleted on one and left alone on the
       * other: deleted. A deletion against an edit is for a person to
       * decide, so the whole document clashes, and so does any deletion
       * the caller cannot vouch for. */
      if ((ours_deleted && theirs_deleted) ||
          (!(flags & KAP_MERGE_DELETION_ASKS) && unchanged_since (base, live)))
        result->deleted = TRUE;
      else
        {
          g_autoptr(JsonNode) base_node = base ? object_node (plain_copy (base)) : NULL;
          g_autoptr(JsonNode) live_node = object_node (plain_copy (live));

          add_clash (&merge, "", base_node,
                     ours_deleted ? NULL : live_node, theirs_deleted ? NULL : live_node);
          result->deleted = ours_deleted;
          if (!ours_deleted)
            result->body = plain_copy (live);
        }

      return result;
    }

  result->body = merge_object (&merge, NULL, base, ours, theirs, TRUE);
  return result;
}

gboolean
kap_merge_result_is_clean (KapMergeResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->clashes->len == 0;
}

gboolean
kap_merge_result_get_deleted (KapMergeResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->deleted;
}

JsonObject *
kap_merge_result_get_body (KapMergeResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->body;
}

GPtrArray *
kap_merge_result_get_clashes (KapMergeResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->clashes;
}

char *
kap_merge_result_to_json (KapMergeResult *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *clashes = json_array_new ();

  g_return_val_if_fail (self != NULL, NULL);

  if (self->body != NULL)
    json_object_set_object_member (object, "body", json_object_ref (self->body));
  json_object_set_boolean_member (object, "deleted", self->deleted);

  for (guint i = 0; i < self->clashes->len; i++)
    {
      KapMergeClash *clash = g_ptr_array_index (self->clashes, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "path", clash->path);
      if (clash->base != NULL)
        json_object_set_member (entry, "base", json_node_copy (clash->base));
      if (clash->ours != NULL)
        json_object_set_member (entry, "ours", json_node_copy (clash->ours));
      if (clash->theirs != NULL)
        json_object_set_member (entry, "theirs", json_node_copy (clash->theirs));
      json_array_add_object_element (clashes, entry);
    }
  json_object_set_array_member (object, "clashes", clashes);

  return kap_canonical_json_object (object, FALSE);
}
