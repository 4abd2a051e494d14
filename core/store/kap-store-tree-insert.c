/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-tree"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-revision.h"
#include "kap-store-tree-private.h"

/* A pulled or imported revision with its ancestry, as the replicator
 * hands it over: checked first, then the missing ancestors and the
 * revision added, under the caller's lock and transaction. */

static gboolean
check_ancestry (const char * const  *ancestry,
                GError             **error)
{
  gint64 top = 0;

  for (guint i = 0; ancestry[i]; i++)
    {
      gint64 generation;

      /* Each one a generation below the one before: top - i, which (unlike
       * generation + i) cannot overflow. */
      if (!kap_revision_parse (ancestry[i], &generation, NULL) ||
          (i == 0 && (top = generation) == 0) ||
          generation != top - (gint64) i)
        {
          g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                               _("The revision history of a document is not consistent"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
set_parent (KapStore  *self,
            gint64     rev_num,
            gint64     parent,
            GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = kap_store_statement (self, "UPDATE revs SET parent = ? WHERE rev_num = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, parent);
  sqlite3_bind_int64 (stmt, 2, rev_num);
  return kap_store_step_done (self, stmt, error);
}

/* The parent of a known revision: 0 for a root, -1 on error. */
static gint64
parent_of (KapStore  *self,
           gint64     rev_num,
           GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 parent = 0;
  int rc;

  stmt = kap_store_statement (self, "SELECT coalesce (parent, 0) FROM revs WHERE rev_num = ?", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, rev_num);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    parent = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      kap_store_set_error (self, error, rc);
      return -1;
    }

  return parent;
}

/* What kap_store_tree_insert() checks before writing anything: the
 * revision, its history, and the sizes; the canonical texts of the body
 * and of the attachments come back for the writing. */
static gboolean
check_revision (KapDocument          *document,
                const char * const  **out_ancestry,
                char                **body,
                char                **attachments,
                GError              **error)
{
  const char *id = kap_document_get_id (document);
  const char *rev = kap_document_get_rev (document);
  const char * const *ancestry = kap_document_get_ancestry (document);
  g_autoptr(GError) local_error = NULL;

  if (!kap_document_check_id (id, &local_error))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  if (!kap_revision_is_valid (rev))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("A replicated document needs a valid “_id” and “_rev”"));
      return FALSE;
    }

  /* Without a history the revision is a root of its own (a stemmed
   * path), which is what CouchDB does with new_edits=false too; the
   * caller's array then stands for it. */
  if (ancestry != NULL &&
      (g_strcmp0 (ancestry[0], rev) != 0 || !check_ancestry (ancestry, error)))
    {
      if (error && *error == NULL)
        g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                             _("The revision history of a document is not consistent"));
      return FALSE;
    }
  *out_ancestry = ancestry;

  *body = kap_canonical_json_object (kap_document_get_body (document), TRUE);
  if (!kap_store_tree_body_size_is_allowed (*body, NULL, error) ||
      !kap_store_tree_attachments_text (document, attachments, error))
    {
      g_clear_pointer (body, g_free);
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_store_check_revision (KapDocument  *document,
                          GError      **error)
{
  const char * const *ancestry = NULL;
  g_autofree char *body = NULL;
  g_autofree char *attachments = NULL;

  g_return_val_if_fail (KAP_IS_DOCUMENT (document), FALSE);

  return check_revision (document, &ancestry, &body, &attachments, error);
}

gboolean
kap_store_tree_insert (KapStore     *self,
                       KapDocument  *document,
                       GError      **error)
{
  const char *id = kap_document_get_id (document);
  const char *rev = kap_document_get_rev (document);
  const char * const *ancestry = NULL;
  const char *single[] = { rev, NULL };
  g_autofree char *body = NULL;
  g_autofree char *attachments = NULL;
  gboolean changed = FALSE;
  gint64 doc_num, previous = 0;
  guint length;

  if (!check_revision (document, &ancestry, &body, &attachments, error))
    return FALSE;
  if (ancestry == NULL)
    ancestry = single;

  doc_num = kap_store_find_doc (self, id, error);
  if (doc_num < 0)
    return FALSE;
  if (doc_num == 0 && (doc_num = kap_store_tree_create_doc (self, id, error)) < 0)
    return FALSE;

  length = g_strv_length ((char **) ancestry);

  /* Merge the path into the tree from its oldest revision on, as CouchDB
   * does: a revision already known may have arrived earlier as the root of
   * a stemmed piece, and is then joined to its parent from this path, so
   * that pieces never stay behind as false leaves. */
  for (guint i = length; i-- > 0;)
    {
      gboolean is_leaf = (i == 0);
      gint64 rev_num = kap_store_tree_lookup_rev (self, doc_num, ancestry[i], NULL, NULL, error);

      if (rev_num < 0)
        return FALSE;

      if (rev_num == 0)
        {
          rev_num = kap_store_tree_insert_rev (self, doc_num, ancestry[i], previous,
                                               is_leaf && kap_document_get_deleted (document), is_leaf,
                                               is_leaf ? body : NULL, is_leaf ? attachments : NULL,
                                               KAP_REVISION_ORIGIN_REMOTE, error);
          if (rev_num < 0 || (previous > 0 && !kap_store_tree_clear_leaf (self, previous, error)))
            return FALSE;
          changed = TRUE;
        }
      else if (previous > 0)
        {
          gint64 parent = parent_of (self, rev_num, error);

          if (parent < 0)
            return FALSE;
          if (parent == 0)
            {
              if (!set_parent (self, rev_num, previous, error) ||
                  !kap_store_tree_clear_leaf (self, previous, error))
                return FALSE;
              changed = TRUE;
            }
        }

      previous = rev_num;
    }

  /* Inserting a path that is already there changes nothing, not even the
   * document's place in the changes feed. */
  if (!changed)
    return TRUE;

  return kap_store_tree_compact_document (self, doc_num, error) &&
         kap_store_tree_update_winner (self, doc_num, id, kap_document_get_doc_type (document), rev,
                                       kap_document_get_body (document), error);
}
