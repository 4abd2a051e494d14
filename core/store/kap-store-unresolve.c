/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-resolve"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-store-tree-private.h"

/* Taking back a resolution (kap_store_resolve()) before it left the
 * laptop. A revision tree only grows, so the conflict cannot be rewound:
 * it is written again. Each leaf the resolution replaced gets its body
 * and deleted flag back as a new child of the resolution's revision on
 * its branch (the merged revision on the winner's, a resolution tombstone
 * on each other). The common ancestor of those branches is the one it
 * was, so the next merge sees the same base, the same sides and the same
 * clashes. Everything goes through the one write path
 * (kap-store-write.c), in one transaction. */

typedef struct
{
  const char *id;
  const char *written_rev;
  GPtrArray  *replaced;
} Unresolve;

static gboolean
changed_since (const char  *id,
               GError     **error)
{
  g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
               /* Translators: %s is a document id. */
               _("Record “%s” changed after the conflict was resolved; the resolution cannot be "
                 "undone"), id);
  return FALSE;
}

/* The one child of @parent, which the resolution wrote: its revision,
 * and whether it is still a leaf the server does not have. */
static gboolean
resolution_child (KapStore    *self,
                  gint64       parent,
                  char       **rev,
                  gboolean    *leaf,
                  gboolean    *sent,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = kap_store_statement (self, "SELECT rev, leaf, sent FROM revs WHERE parent = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, parent);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ == 0)
        {
          *rev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *leaf = sqlite3_column_int (stmt, 1) != 0;
          *sent = sqlite3_column_int (stmt, 2) != 0;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  /* A second child is a branch somebody grew since: not the resolution's
   * alone any more. */
  if (n != 1)
    *leaf = FALSE;

  return TRUE;
}

static gboolean
unresolve_write (KapStore  *self,
                 gpointer   user_data,
                 GError   **error)
{
  Unresolve *unresolve = user_data;
  g_autoptr(GPtrArray) restores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) leaves = NULL;
  g_autofree char *winner = NULL;
  gint64 doc_num;

  doc_num = kap_store_find_existing_doc (self, unresolve->id, error);
  if (doc_num < 0)
    return FALSE;

  /* Everything is checked before anything is written: the whole
   * resolution comes back, or nothing. */
  for (guint i = 0; i < unresolve->replaced->len; i++)
    {
      KapDocument *replaced = g_ptr_array_index (unresolve->replaced, i);
      g_autofree char *child = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonNode) copy = NULL;
      gboolean leaf = FALSE, deleted = FALSE, sent = FALSE;
      KapDocument *restore;
      gint64 parent;

      parent = kap_store_tree_lookup_rev (self, doc_num, kap_document_get_rev (replaced), &leaf, &deleted, error);
      if (parent < 0)
        return FALSE;
      if (parent == 0 || leaf)
        return changed_since (unresolve->id, error);

      if (!resolution_child (self, parent, &child, &leaf, &sent, error))
        return FALSE;
      if (!leaf || (i == 0 && g_strcmp0 (child, unresolve->written_rev) != 0))
        return changed_since (unresolve->id, error);
      if (sent)
        {
          g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                       /* Translators: %s is a document id. */
                       _("The resolution of record “%s” is on the server already; it cannot be "
                         "undone"), unresolve->id);
          return FALSE;
        }

      /* A copy: the caller's document stays as it was. */
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, kap_document_get_body (replaced));
      copy = json_node_copy (node);
      restore = kap_document_new (unresolve->id, json_node_get_object (copy));
      kap_document_set_rev (restore, child);
      kap_document_set_deleted (restore, kap_document_get_deleted (replaced));
      g_ptr_array_add (restores, restore);
    }

  for (guint i = 0; i < restores->len; i++)
    {
      g_autofree char *rev = kap_store_tree_put (self, g_ptr_array_index (restores, i), error);

      if (rev == NULL)
        return FALSE;
      if (i == 0)
        winner = g_steal_pointer (&rev);
    }

  /* The winner's branch must win again, or lists would show another
   * side than before. Branches of the same length are ordered by their
   * revision ids, which the restored bodies decide, not us: one more
   * revision of the same body gives the winner's branch the lead. */
  leaves = kap_store_tree_leaves (self, doc_num, error);
  if (leaves == NULL)
    return FALSE;
  if (!g_str_equal (((KapLeaf *) g_ptr_array_index (leaves, 0))->rev, winner))
    {
      KapDocument *restored = g_ptr_array_index (restores, 0);
      g_autofree char *rev = NULL;

      kap_document_set_rev (restored, winner);
      rev = kap_store_tree_put (self, restored, error);
      if (rev == NULL)
        return FALSE;
    }

  return TRUE;
}

gboolean
kap_store_unresolve (KapStore    *self,
                     const char  *id,
                     const char  *written_rev,
                     GPtrArray   *replaced,
                     GError     **error)
{
  Unresolve unresolve = { id, written_rev, replaced };

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (written_rev != NULL, FALSE);
  g_return_val_if_fail (replaced != NULL && replaced->len > 0, FALSE);

  return kap_store_write (self, unresolve_write, &unresolve, error);
}
