/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-conflict-resolver"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-conflict-resolver.h"
#include "kap-conflict-resolver-private.h"
#include "kap-records.h"

/* The conflict queue and its resolution (DESIGN.md, Sync, point 5). The
 * merge itself is kap_merge(); this file picks its inputs from the store,
 * folds documents with more than two live leaves one leaf at a time, and
 * writes the result with kap_store_resolve().
 *
 * Determinism matters more than anything here: two laptops that see the
 * same leaves must write the same revisions, or every automatic merge
 * would itself become a conflict on the server. So the automatic merge
 * starts from the winner and folds the other leaves in CouchDB's winner
 * order, both of which depend only on the revision tree. */

G_DEFINE_BOXED_TYPE (KapConflict, kap_conflict, kap_conflict_copy, kap_conflict_free)

KapConflict *
kap_conflict_copy (const KapConflict *conflict)
{
  KapConflict *copy = g_new0 (KapConflict, 1);

  copy->id = g_strdup (conflict->id);
  copy->form_key = g_strdup (conflict->form_key);
  copy->base = conflict->base ? g_object_ref (conflict->base) : NULL;
  copy->ours = conflict->ours ? g_object_ref (conflict->ours) : NULL;
  copy->theirs = conflict->theirs ? g_object_ref (conflict->theirs) : NULL;
  copy->merge = conflict->merge ? kap_merge_result_ref (conflict->merge) : NULL;

  return copy;
}

void
kap_conflict_free (KapConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->id);
  g_free (conflict->form_key);
  g_clear_object (&conflict->base);
  g_clear_object (&conflict->ours);
  g_clear_object (&conflict->theirs);
  g_clear_pointer (&conflict->merge, kap_merge_result_unref);
  g_free (conflict);
}

/* What a merge of one document needs: its base (NULL when no common
 * ancestor's body is kept) and its live leaves, winner first. */
typedef struct
{
  KapDocument *base;
  GPtrArray   *leaves;
  KapForm     *form;        /* borrowed from the registry */
  const char  *form_key;    /* borrowed from the winner's body */
} Inputs;

static void
inputs_clear (Inputs *inputs)
{
  g_clear_object (&inputs->base);
  g_clear_pointer (&inputs->leaves, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Inputs, inputs_clear)

/* The body of the first live leaf: the record's form and type are read
 * there, since a tombstone keeps only the type. */
static JsonObject *
live_body (Inputs *inputs)
{
  for (guint i = 0; i < inputs->leaves->len; i++)
    if (!kap_document_get_deleted (g_ptr_array_index (inputs->leaves, i)))
      return kap_document_get_body (g_ptr_array_index (inputs->leaves, i));

  return kap_document_get_body (g_ptr_array_index (inputs->leaves, 0));
}

static gboolean
read_inputs (KapStore         *store,
             KapFormRegistry  *forms,
             const char       *id,
             Inputs           *inputs,
             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KapDocument) ours = NULL;
  g_autoptr(GPtrArray) others = NULL;
  JsonNode *form_node;

  inputs->leaves = g_ptr_array_new_with_free_func (g_object_unref);

  if (kap_store_get_merge_inputs (store, id, &inputs->base, &ours, &others, &local_error))
    {
      g_ptr_array_add (inputs->leaves, g_steal_pointer (&ours));
      for (guint i = 0; i < others->len; i++)
        g_ptr_array_add (inputs->leaves, g_object_ref (g_ptr_array_index (others, i)));
    }
  else if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
    {
      /* No common ancestor is kept: merge the same sides without one, so
       * that only what both sides hold alike merges and everything else
       * clashes. */
      g_debug ("No merge base for one document: %s", local_error->message);
      g_clear_error (&local_error);

      g_clear_pointer (&inputs->leaves, g_ptr_array_unref);
      inputs->leaves = kap_store_get_conflict_sides (store, id, error);
      if (inputs->leaves == NULL)
        return FALSE;
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (inputs->leaves->len == 0)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a document id. */
                   _("There is no document “%s”"), id);
      return FALSE;
    }

  form_node = json_object_get_member (live_body (inputs), "form");
  if (form_node != NULL && JSON_NODE_HOLDS_VALUE (form_node) &&
      json_node_get_value_type (form_node) == G_TYPE_STRING)
    {
      inputs->form_key = json_node_get_string (form_node);
      if (forms != NULL)
        inputs->form = kap_form_registry_lookup (forms, inputs->form_key);
    }

  return TRUE;
}

/* Whether @document is a tombstone that is not a Kapija user's deletion:
 * another client's, which may be its answer to a conflict seen from
 * elsewhere (kap-store.h) rather than a deletion of the record. */
static gboolean
is_foreign_tombstone (KapDocument *document)
{
  return kap_document_get_deleted (document) &&
         !kap_store_tombstone_is_user_deletion (kap_document_get_body (document));
}

/* @ours_foreign: @ours is deleted by a foreign tombstone. Such a
 * tombstone never deletes a live record by itself: deleted against
 * unchanged then clashes too, and the supervisor decides. Without a base
 * only what both sides hold alike merges (kap_store_get_merge_inputs()
 * says why there is none; a set merged as a union then would bring back
 * what one side removed). */
static KapMergeResult *
merge_pair (Inputs      *inputs,
            JsonObject  *ours,
            gboolean     ours_deleted,
            gboolean     ours_foreign,
            KapDocument *theirs)
{
  KapMergeFlags flags = KAP_MERGE_STRICT_WITHOUT_BASE;

  if ((ours_deleted && ours_foreign) || is_foreign_tombstone (theirs))
    flags |= KAP_MERGE_DELETION_ASKS;

  return kap_merge_full (inputs->base ? kap_document_get_body (inputs->base) : NULL,
                         ours, ours_deleted,
                         kap_document_get_body (theirs), kap_document_get_deleted (theirs),
                         inputs->form, flags);
}

/* Folds the leaves of @inputs in the order of @order (indices into
 * inputs->leaves): the first is "ours", each next one is merged into what
 * merged so far. Stops at the first clash: @clashing receives the index
 * (in @order) of the leaf that clashed, or order->len when all merged.
 * Returns the last merge (NULL with a single leaf). */
static KapMergeResult *
fold (Inputs  *inputs,
      GArray  *order,
      guint   *clashing)
{
  KapDocument *first = g_ptr_array_index (inputs->leaves, g_array_index (order, guint, 0));
  g_autoptr(KapMergeResult) result = NULL;
  g_autoptr(JsonObject) acc = json_object_ref (kap_document_get_body (first));
  gboolean acc_deleted = kap_document_get_deleted (first);
  gboolean acc_foreign = is_foreign_tombstone (first);

  /* A deletion folds like any other side: deleted against unchanged is
   * deleted (a Kapija user's deletion only), deleted against changed is a
   * clash of the whole record. */
  for (guint i = 1; i < order->len; i++)
    {
      KapDocument *next = g_ptr_array_index (inputs->leaves, g_array_index (order, guint, i));

      g_clear_pointer (&result, kap_merge_result_unref);
      result = merge_pair (inputs, acc_deleted ? NULL : acc, acc_deleted, acc_foreign, next);
      if (!kap_merge_result_is_clean (result))
        {
          *clashing = i;
          return g_steal_pointer (&result);
        }
      g_clear_pointer (&acc, json_object_unref);
      /* A clean deletion is a user's, or both sides were deleted. */
      acc_foreign = acc_foreign && is_foreign_tombstone (next);
      acc_deleted = kap_merge_result_get_deleted (result);
      if (!acc_deleted)
        acc = json_object_ref (kap_merge_result_get_body (result));
    }

  *clashing = order->len;
  return g_steal_pointer (&result);
}

static GArray *
winner_order (Inputs *inputs)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < inputs->leaves->len; i++)
    g_array_append_val (order, i);
  return order;
}

/* Merges one document and writes the merge when it is clean. Returns
 * TRUE and sets @merged when it was written, TRUE with @merged FALSE when
 * it stays in the queue. */
static gboolean
resolve_one (KapStore         *store,
             KapFormRegistry  *forms,
             const char       *id,
             gboolean         *merged,
             GError          **error)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(GArray) order = NULL;
  g_autoptr(KapMergeResult) result = NULL;
  g_autoptr(GStrvBuilder) losing_builder = g_strv_builder_new ();
  g_auto(GStrv) losing = NULL;
  g_autoptr(GError) local_error = NULL;
  guint clashing = 0;

  *merged = FALSE;

  if (!read_inputs (store, forms, id, &inputs, error))
    return FALSE;
  if (inputs.leaves->len < 2)
    return TRUE;

  order = winner_order (&inputs);
  result = fold (&inputs, order, &clashing);
  if (clashing < order->len)
    return TRUE;

  for (guint i = 1; i < inputs.leaves->len; i++)
    g_strv_builder_add (losing_builder,
                        kap_document_get_rev (g_ptr_array_index (inputs.leaves, i)));
  losing = g_strv_builder_end (losing_builder);

  /* A clean deletion deletes the winner: the record goes everywhere. */
  if (!kap_store_resolve (store, id,
                          kap_document_get_rev (g_ptr_array_index (inputs.leaves, 0)),
                          kap_merge_result_get_deleted (result) ? NULL : kap_merge_result_get_body (result),
                          (const char * const *) losing, NULL, &local_error))
    {
      /* Changed under us (a save in the editor): the next run merges it. */
      if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT))
        {
          g_debug ("Not merged now: %s", local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *merged = TRUE;
  return TRUE;
}

gboolean
kap_conflict_resolver_resolve_all (KapStore         *store,
                                   KapFormRegistry  *forms,
                                   guint            *merged,
                                   guint            *left,
                                   GError          **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  guint n_merged = 0, n_left = 0;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (forms == NULL || KAP_IS_FORM_REGISTRY (forms), FALSE);

  ids = kap_store_get_conflicted (store, error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gboolean done = FALSE;

      if (!resolve_one (store, forms, g_ptr_array_index (ids, i), &done, error))
        return FALSE;
      if (done)
        n_merged++;
      else
        n_left++;
    }

  g_debug ("Conflicts: %u merged, %u left", n_merged, n_left);

  if (merged != NULL)
    *merged = n_merged;
  if (left != NULL)
    *left = n_left;

  return TRUE;
}

static KapConflict *
conflict_for (KapStore         *store,
              KapFormRegistry  *forms,
              const char       *id,
              Inputs           *inputs,
              GError          **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(KapMergeResult) result = NULL;
  KapConflict *conflict;
  guint ours = 0, clashing = 0;

  if (!read_inputs (store, forms, id, inputs, error))
    return NULL;

  if (inputs->leaves->len < 2)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                   /* Translators: %s is a document id. */
                   _("Record “%s” is no longer in conflict"), id);
      return NULL;
    }

  /* "Ours" is the leaf made on this laptop, when there is one. */
  if (!kap_conflict_resolver_find_ours (store, id, inputs->leaves, &ours, error))
    return NULL;

  g_array_append_val (order, ours);
  for (guint i = 0; i < inputs->leaves->len; i++)
    if (i != ours)
      g_array_append_val (order, i);

  result = fold (inputs, order, &clashing);
  if (clashing == order->len)
    clashing = order->len - 1;

  conflict = g_new0 (KapConflict, 1);
  conflict->id = g_strdup (id);
  conflict->form_key = g_strdup (inputs->form_key);
  conflict->base = inputs->base ? g_object_ref (inputs->base) : NULL;
  conflict->ours = g_object_ref (g_ptr_array_index (inputs->leaves, ours));
  conflict->theirs = g_object_ref (g_ptr_array_index (inputs->leaves,
                                                      g_array_index (order, guint, clashing)));
  conflict->merge = g_steal_pointer (&result);

  return conflict;
}

static int
compare_conflicts (gconstpointer a,
                   gconstpointer b)
{
  const KapConflict *conflict_a = *(const KapConflict * const *) a;
  const KapConflict *conflict_b = *(const KapConflict * const *) b;
  /* A deleted side has no dates: the live one's count. */
  JsonObject *body_a = kap_document_get_body (kap_document_get_deleted (conflict_a->ours) ?
                                              conflict_a->theirs : conflict_a->ours);
  JsonObject *body_b = kap_document_get_body (kap_document_get_deleted (conflict_b->ours) ?
                                              conflict_b->theirs : conflict_b->ours);
  int cmp;

  /* Oldest change first: the longest waiting comes first. */
  cmp = g_strcmp0 (json_object_get_string_member_with_default (body_a, "updated_at", NULL),
                   json_object_get_string_member_with_default (body_b, "updated_at", NULL));
  return cmp != 0 ? cmp : g_strcmp0 (conflict_a->id, conflict_b->id);
}

GPtrArray *
kap_conflict_resolver_list (KapStore         *store,
                            KapFormRegistry  *forms,
                            GError          **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (forms == NULL || KAP_IS_FORM_REGISTRY (forms), NULL);

  ids = kap_store_get_conflicted (store, error);
  if (ids == NULL)
    return NULL;

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_conflict_free);
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(Inputs) inputs = { 0 };
      KapConflict *conflict;

      conflict = conflict_for (store, forms, g_ptr_array_index (ids, i), &inputs, error);
      if (conflict == NULL)
        return NULL;
      g_ptr_array_add (conflicts, conflict);
    }

  g_ptr_array_sort (conflicts, compare_conflicts);
  return g_steal_pointer (&conflicts);
}

gboolean
kap_conflict_resolver_apply (KapStore               *store,
                             const KapProfile       *profile,
                             const KapConflict      *conflict,
                             JsonObject             *choices,
                             const KapRecordAuthor  *author,
                             GError                **error)
{
  return kap_conflict_resolver_apply_undoable (store, profile, conflict, choices, author, NULL, error);
}

gboolean
kap_conflict_resolver_apply_undoable (KapStore               *store,
                                      const KapProfile       *profile,
                                      const KapConflict      *conflict,
                                      JsonObject             *choices,
                                      const KapRecordAuthor  *author,
                                      KapResolutionUndo     **undo,
                                      GError                **error)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(GArray) order = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GStrvBuilder) losing_builder = g_strv_builder_new ();
  g_auto(GStrv) losing = NULL;
  g_autofree char *written = NULL;
  GPtrArray *clashes;
  KapDocument *parent = NULL;
  gboolean deleted;
  guint n_involved = 0;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict != NULL && conflict->id != NULL, FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);

  if (!kap_records_check (profile, KAP_RECORDS_ACTION_RESOLVE, error))
    return FALSE;

  clashes = kap_merge_result_get_clashes (conflict->merge);
  for (guint i = 0; i < clashes->len; i++)
    {
      KapMergeClash *clash = g_ptr_array_index (clashes, i);

      if (!json_object_has_member (choices, clash->path))
        {
          g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                       /* Translators: %s is a field path such as “address.city”. */
                       _("No choice was made for “%s”"), clash->path);
          return FALSE;
        }
    }

  /* Both sides the supervisor looked at must still be leaves: anything
   * else would write a choice over something they never saw. The leaves
   * involved are those the listing folded: ours, then the others in
   * winner order up to theirs (those before theirs merged cleanly into
   * the listed merge). */
  if (!read_inputs (store, NULL, conflict->id, &inputs, error))
    return FALSE;

  order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < inputs.leaves->len && order->len == 0; i++)
    if (g_strcmp0 (kap_document_get_rev (g_ptr_array_index (inputs.leaves, i)),
                   kap_document_get_rev (conflict->ours)) == 0)
      g_array_append_val (order, i);
  for (guint i = 0; order->len > 0 && i < inputs.leaves->len; i++)
    {
      if (i == g_array_index (order, guint, 0))
        continue;
      g_array_append_val (order, i);
      if (g_strcmp0 (kap_document_get_rev (g_ptr_array_index (inputs.leaves, i)),
                     kap_document_get_rev (conflict->theirs)) == 0)
        {
          n_involved = order->len;
          break;
        }
    }
  if (n_involved < 2)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                   /* Translators: %s is a document id. */
                   _("Record “%s” changed since the conflict was looked at; look at it again"),
                   conflict->id);
      return FALSE;
    }

  /* The listed merge: everything that merged, ours' values where not
   * (deleted when ours was; the choice for "" decides then). */
  deleted = kap_merge_result_get_deleted (conflict->merge);
  if (kap_merge_result_get_body (conflict->merge) != NULL)
    body = json_object_ref (kap_merge_result_get_body (conflict->merge));
  else
    body = json_object_new ();
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autoptr(JsonNode) copy = NULL;

    json_node_set_object (node, body);
    copy = json_node_copy (node);
    g_clear_pointer (&body, json_object_unref);
    body = json_object_ref (json_node_get_object (copy));
  }

  for (guint i = 0; i < clashes->len; i++)
    {
      KapMergeClash *clash = g_ptr_array_index (clashes, i);
      JsonNode *choice = json_object_get_member (choices, clash->path);

      if (clash->path[0] == '\0')
        {
          /* The whole document: a body, or null to delete it. */
          if (choice == NULL || JSON_NODE_HOLDS_NULL (choice))
            deleted = TRUE;
          else if (JSON_NODE_HOLDS_OBJECT (choice))
            {
              g_autoptr(JsonNode) copy = json_node_copy (choice);

              g_clear_pointer (&body, json_object_unref);
              body = json_object_ref (json_node_get_object (copy));
              deleted = FALSE;
            }
          else
            {
              g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                                   _("The choice for the whole record must be a record or nothing"));
              return FALSE;
            }
          continue;
        }

      if (!kap_conflict_resolver_set_path (body, clash->path, choice, error))
        return FALSE;
    }

  if (!deleted)
    {
      g_autofree char *now = kap_record_timestamp_now ();

      json_object_set_string_member (body, "updated_at", now);
      if (author != NULL && author->officer != NULL)
        json_object_set_string_member (body, "updated_by", author->officer);
    }

  /* The resolution goes on the best placed of the leaves involved (the
   * first of them in winner order), the others get tombstones. */
  for (guint i = 0; i < inputs.leaves->len && parent == NULL; i++)
    for (guint j = 0; j < n_involved; j++)
      if (g_array_index (order, guint, j) == i)
        {
          parent = g_ptr_array_index (inputs.leaves, i);
          break;
        }

  for (guint j = 0; j < n_involved; j++)
    {
      KapDocument *leaf = g_ptr_array_index (inputs.leaves, g_array_index (order, guint, j));

      if (leaf != parent)
        g_strv_builder_add (losing_builder, kap_document_get_rev (leaf));
    }
  losing = g_strv_builder_end (losing_builder);

  if (!kap_store_resolve (store, conflict->id, kap_document_get_rev (parent),
                          deleted ? NULL : body, (const char * const *) losing,
                          undo != NULL ? &written : NULL, error))
    return FALSE;

  /* What was replaced, with the bodies read above: the store may drop
   * them now that they are no longer leaves. */
  if (undo != NULL)
    {
      g_autoptr(GPtrArray) replaced = g_ptr_array_new_with_free_func (g_object_unref);
      gboolean undoable = !kap_document_get_deleted (parent);

      g_ptr_array_add (replaced, g_object_ref (parent));
      for (guint j = 0; j < n_involved; j++)
        {
          KapDocument *leaf = g_ptr_array_index (inputs.leaves, g_array_index (order, guint, j));

          if (leaf == parent)
            continue;
          undoable = undoable && !kap_document_get_deleted (leaf);
          g_ptr_array_add (replaced, g_object_ref (leaf));
        }

      *undo = NULL;
      if (undoable)
        {
          *undo = g_new0 (KapResolutionUndo, 1);
          (*undo)->id = g_strdup (conflict->id);
          (*undo)->written_rev = g_steal_pointer (&written);
          (*undo)->replaced = g_steal_pointer (&replaced);
        }
    }

  return TRUE;
}
