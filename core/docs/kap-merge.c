/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-merge"

#include "config.h"

#include <string.h>

#include "kap-canonical-json.h"
#include "kap-merge-private.h"

/* The three-way merge of a record's bodies: the result and clash types
 * and the entry points. The walk over the members (sets, values,
 * repeats, record metadata) is in kap-merge-object.c, the JSON helpers
 * it uses in kap-merge-json.c. */

G_DEFINE_BOXED_TYPE (KapMergeClash, kap_merge_clash, kap_merge_clash_copy, kap_merge_clash_free)
G_DEFINE_BOXED_TYPE (KapMergeResult, kap_merge_result, kap_merge_result_ref, kap_merge_result_unref)

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
      json_object_set_member (copy, name, kap_merge_deep_copy (member));

  return copy;
}

/* Public API */

KapMergeClash *
kap_merge_clash_copy (const KapMergeClash *clash)
{
  KapMergeClash *copy = g_new0 (KapMergeClash, 1);

  copy->path = g_strdup (clash->path);
  copy->base = kap_merge_deep_copy (clash->base);
  copy->ours = kap_merge_deep_copy (clash->ours);
  copy->theirs = kap_merge_deep_copy (clash->theirs);
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
          g_autoptr(JsonNode) base_node = base ? kap_merge_object_node (plain_copy (base)) : NULL;
          g_autoptr(JsonNode) live_node = kap_merge_object_node (plain_copy (live));

          kap_merge_add_clash (&merge, "", base_node,
                               ours_deleted ? NULL : live_node, theirs_deleted ? NULL : live_node);
          result->deleted = ours_deleted;
          if (!ours_deleted)
            result->body = plain_copy (live);
        }

      return result;
    }

  result->body = kap_merge_object (&merge, NULL, base, ours, theirs, TRUE);
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
