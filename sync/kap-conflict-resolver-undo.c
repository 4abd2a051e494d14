/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-conflict-resolver"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-conflict-resolver.h"
#include "kap-conflict-resolver-private.h"
#include "kap-records.h"
#include "kap-revision.h"

/* Undoing an applied resolution (issue 8, point 12). In a revision tree
 * nothing is taken back: the undo writes the conflict again
 * (kap_store_unresolve()), the losing sides live again and the winner's
 * body as it was, on top of the resolution's revisions. Those new
 * revisions are all made here, so "this laptop's side" of the restored
 * conflict is told by where each branch began, not by its newest
 * revision (kap_conflict_resolver_find_ours()). Once a sync pushed the
 * resolution, others may have built on it, and the undo is no longer
 * offered. */

void
kap_resolution_undo_free (KapResolutionUndo *undo)
{
  if (undo == NULL)
    return;

  g_free (undo->id);
  g_free (undo->written_rev);
  g_clear_pointer (&undo->replaced, g_ptr_array_unref);
  g_free (undo);
}

gboolean
kap_conflict_resolver_can_undo (KapStore                *store,
                                const KapResolutionUndo *undo)
{
  g_autoptr(GPtrArray) leaves = NULL;
  gboolean sent = TRUE;
  gboolean leaf = FALSE;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (!kap_store_get_revision_state (store, undo->id, undo->written_rev, NULL, &sent, NULL, NULL) || sent)
    return FALSE;

  leaves = kap_store_get_leaves (store, undo->id, NULL);
  for (guint i = 0; leaves != NULL && i < leaves->len && !leaf; i++)
    leaf = g_str_equal (((KapLeaf *) g_ptr_array_index (leaves, i))->rev, undo->written_rev);

  /* The losing branches are checked by the undo itself. */
  return leaf;
}

gboolean
kap_conflict_resolver_undo (KapStore                 *store,
                            const KapProfile         *profile,
                            const KapResolutionUndo  *undo,
                            GError                  **error)
{
  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (!kap_records_check (profile, KAP_RECORDS_ACTION_RESOLVE, error))
    return FALSE;

  return kap_store_unresolve (store, undo->id, undo->written_rev, undo->replaced, error);
}

/* The oldest revision of @ancestry that no other leaf's ancestry holds:
 * where the branch began. */
static const char *
branch_start (GPtrArray *ancestries,
              guint      index)
{
  const char * const *own = g_ptr_array_index (ancestries, index);
  const char *start = NULL;

  for (guint i = 0; own != NULL && own[i] != NULL; i++)
    {
      gboolean shared = FALSE;

      for (guint j = 0; j < ancestries->len && !shared; j++)
        if (j != index && g_ptr_array_index (ancestries, j) != NULL)
          shared = g_strv_contains (g_ptr_array_index (ancestries, j), own[i]);
      if (shared)
        break;
      start = own[i];
    }

  return start;
}

gboolean
kap_conflict_resolver_find_ours (KapStore    *store,
                                 const char  *id,
                                 GPtrArray   *leaves,
                                 guint       *ours,
                                 GError     **error)
{
  g_autoptr(GArray) local = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ancestries = g_ptr_array_new ();

  *ours = 0;

  for (guint i = 0; i < leaves->len; i++)
    {
      KapRevisionOrigin origin = KAP_REVISION_ORIGIN_UNKNOWN;

      if (!kap_store_get_revision_state (store, id, kap_document_get_rev (g_ptr_array_index (leaves, i)),
                                         &origin, NULL, NULL, error))
        return FALSE;
      if (origin == KAP_REVISION_ORIGIN_LOCAL)
        g_array_append_val (local, i);
    }

  if (local->len == 0)
    return TRUE;

  *ours = g_array_index (local, guint, 0);
  if (local->len == 1)
    return TRUE;

  /* Several leaves made here (an undone resolution, or this laptop
   * resolved a branch by editing it): ours is the one whose branch began
   * here. */
  for (guint i = 0; i < leaves->len; i++)
    {
      KapDocument *document = kap_store_get (store, id, kap_document_get_rev (g_ptr_array_index (leaves, i)),
                                             KAP_STORE_GET_ANCESTRY | KAP_STORE_GET_DELETED, NULL);

      g_ptr_array_add (ancestries, document != NULL ? (gpointer) kap_document_get_ancestry (document) : NULL);
      if (document != NULL)
        g_ptr_array_add (documents, document);
    }

  for (guint k = 0; k < local->len; k++)
    {
      guint i = g_array_index (local, guint, k);
      const char *start = branch_start (ancestries, i);
      KapRevisionOrigin origin = KAP_REVISION_ORIGIN_UNKNOWN;

      if (start != NULL &&
          kap_store_get_revision_state (store, id, start, &origin, NULL, NULL, NULL) &&
          origin == KAP_REVISION_ORIGIN_LOCAL)
        {
          *ours = i;
          return TRUE;
        }
    }

  /* No branch began here (both came from elsewhere, and an undo wrote
   * them again): the branch whose beginning wins, as the winner was
   * "ours" before the undo, whichever of the new revisions wins now. */
  {
    const char *best = NULL;

    for (guint i = 0; i < leaves->len; i++)
      {
        const char *start = branch_start (ancestries, i);

        if (start != NULL && (best == NULL || kap_revision_compare_winner (start, FALSE, best, FALSE) > 0))
          {
            best = start;
            *ours = i;
          }
      }
  }

  return TRUE;
}
