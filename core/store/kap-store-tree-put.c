/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-tree"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-revision.h"
#include "kap-store-tree-private.h"

/* A local edit: its new revision as a child of the one it edits (or of
 * the winner, for a re-created document), under the caller's lock and
 * transaction (kap-store-write.c). */

/* The current winner of @doc_num, for an edit made without a revision
 * (allowed only to re-create a deleted document, as CouchDB does). */
static char *
winner_rev (KapStore  *self,
            gint64     doc_num,
            gboolean  *deleted,
            GError   **error)
{
  g_autoptr(GPtrArray) leaves = kap_store_tree_leaves (self, doc_num, error);
  KapLeaf *winner;

  if (leaves == NULL)
    return NULL;

  winner = g_ptr_array_index (leaves, 0);
  *deleted = winner->deleted;
  return g_strdup (winner->rev);
}

char *
kap_store_tree_put (KapStore     *self,
                    KapDocument  *document,
                    GError      **error)
{
  const char *id = kap_document_get_id (document);
  const char *parent_rev = kap_document_get_rev (document);
  gboolean deleted = kap_document_get_deleted (document);
  g_autofree char *winner = NULL;
  g_autofree char *body = NULL;
  g_autofree char *attachments = NULL;
  g_autofree char *rev = NULL;
  gint64 doc_num, parent = 0, rev_num;
  gboolean parent_leaf = FALSE, parent_deleted = FALSE;

  if (!kap_document_id_is_valid (id))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("The document id is not valid"));
      return NULL;
    }

  if (parent_rev != NULL && *parent_rev == '\0')
    parent_rev = NULL;

  doc_num = kap_store_find_doc (self, id, error);
  if (doc_num < 0)
    return NULL;

  if (doc_num == 0 && parent_rev != NULL)
    {
      kap_store_set_not_found_error (error, id);
      return NULL;
    }

  if (doc_num > 0 && parent_rev == NULL)
    {
      gboolean winner_deleted = FALSE;

      winner = winner_rev (self, doc_num, &winner_deleted, error);
      if (winner == NULL)
        return NULL;
      if (!winner_deleted)
        {
          g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                       /* Translators: %s is a document id. */
                       _("Document “%s” already exists; edit its current revision instead"), id);
          return NULL;
        }
      /* A deleted document is brought back as a child of its tombstone. */
      parent_rev = winner;
    }

  if (parent_rev != NULL)
    {
      parent = kap_store_tree_lookup_rev (self, doc_num, parent_rev, &parent_leaf, &parent_deleted, error);
      if (parent < 0)
        return NULL;

      /* Any leaf may be edited (that is how a losing branch is resolved);
       * an edit of an older revision would silently fork the record. */
      if (parent == 0 || !parent_leaf)
        {
          g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                       /* Translators: the first %s is a revision id, the second a document id. */
                       _("Revision “%s” of “%s” is not the current one: the record was changed "
                         "since it was opened; reload it and apply the change again"),
                       parent_rev, id);
          return NULL;
        }

      /* Deleting a deleted leaf again is a mistake, except for the
       * resolution tombstone kap_store_resolve() writes on a deletion it
       * has answered (kap-store-resolve.c). */
      if (parent_deleted && deleted &&
          (kap_document_get_body (document) == NULL ||
           !json_object_get_boolean_member_with_default (kap_document_get_body (document),
                                                         "resolved_conflict", FALSE)))
        {
          g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                       _("Document “%s” is already deleted"), id);
          return NULL;
        }
    }
  else if (deleted)
    {
      kap_store_set_not_found_error (error, id);
      return NULL;
    }

  rev = kap_revision_compute (parent_rev, deleted, kap_document_get_body (document), error);
  if (rev == NULL)
    return NULL;
  body = kap_canonical_json_object (kap_document_get_body (document), TRUE);
  if (!kap_store_tree_body_size_is_allowed (body, id, error))
    return NULL;

  /* A tombstone drops the attachments, as CouchDB's does. Otherwise the
   * edit keeps those its document names, or else its parent's: Kapija
   * does not show them, and an edit must not lose what another client
   * attached. */
  if (!deleted)
    {
      g_autoptr(GError) local_error = NULL;

      if (kap_document_get_attachments (document) != NULL)
        {
          if (!kap_store_tree_attachments_text (document, &attachments, error))
            return NULL;
        }
      else if (parent > 0)
        {
          attachments = kap_store_tree_read_attachments (self, parent, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
    }

  if (doc_num == 0 && (doc_num = kap_store_tree_create_doc (self, id, error)) < 0)
    return NULL;

  rev_num = kap_store_tree_insert_rev (self, doc_num, rev, parent, deleted, TRUE, body, attachments,
                                       KAP_REVISION_ORIGIN_LOCAL, error);
  if (rev_num < 0)
    return NULL;

  if (parent > 0)
    {
      if (!kap_store_tree_clear_leaf (self, parent, error) || !kap_store_tree_compact_document (self, doc_num, error))
        return NULL;
    }

  if (!kap_store_tree_update_winner (self, doc_num, id, kap_document_get_doc_type (document), rev,
                                     kap_document_get_body (document), error))
    return NULL;

  return g_steal_pointer (&rev);
}
