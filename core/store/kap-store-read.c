/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-document-private.h"
#include "kap-store-private.h"

/* Reads: a document at its winning or a given revision, its leaves, and
 * which of a list of revisions the store lacks. */

static gboolean
find_revision (KapStore    *self,
               gint64       doc_num,
               const char  *rev,
               gint64      *rev_num,
               gboolean    *deleted,
               char       **body,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (rev == NULL)
    stmt = kap_store_statement (self,
                                "SELECT r.rev_num, r.deleted, r.body FROM docs d "
                                "JOIN revs r ON r.rev_num = d.winner WHERE d.doc_num = ?", error);
  else
    stmt = kap_store_statement (self,
                                "SELECT rev_num, deleted, body FROM revs WHERE doc_num = ? AND rev = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  if (rev != NULL)
    sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rev_num = sqlite3_column_int64 (stmt, 0);
      *deleted = sqlite3_column_int (stmt, 1) != 0;
      *body = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE || (rc == SQLITE_ROW && *body == NULL))
    {
      kap_store_set_revision_not_found_error (error, rev ? rev : "");
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

static KapDocument *
get_locked (KapStore          *self,
            const char        *id,
            const char        *rev,
            KapStoreGetFlags   flags,
            GError           **error)
{
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *body_text = NULL;
  gboolean deleted = FALSE;
  gint64 doc_num, rev_num = 0;
  g_autoptr(GPtrArray) leaves = NULL;

  doc_num = kap_store_find_existing_doc (self, id, error);
  if (doc_num < 0)
    return NULL;

  if (!find_revision (self, doc_num, rev, &rev_num, &deleted, &body_text, error))
    return NULL;

  if (rev == NULL && deleted && !(flags & KAP_STORE_GET_DELETED))
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a document id such as person:0193…. */
                   _("Document “%s” was deleted"), id);
      return NULL;
    }

  body = kap_store_parse_body (body_text);
  if (body == NULL)
    {
      kap_store_set_unreadable_error (error, id, rev);
      return NULL;
    }

  leaves = kap_store_tree_leaves (self, doc_num, error);
  if (leaves == NULL)
    return NULL;

  document = kap_document_new (id, body);
  kap_document_set_rev (document, rev ? rev : ((KapLeaf *) g_ptr_array_index (leaves, 0))->rev);
  kap_document_set_deleted (document, deleted);

  if (flags & KAP_STORE_GET_ANCESTRY)
    {
      g_auto(GStrv) ancestry = kap_store_tree_ancestry (self, rev_num, error);

      if (ancestry == NULL)
        return NULL;
      kap_document_set_ancestry (document, (const char * const *) ancestry);
    }

  if (flags & KAP_STORE_GET_CONFLICTS)
    {
      g_autoptr(GStrvBuilder) conflicts = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      /* Conflicts are the live leaves that did not win (CouchDB's
       * _conflicts); deleted leaves are not in conflict with anything. */
      for (guint i = 1; i < leaves->len; i++)
        {
          KapLeaf *leaf = g_ptr_array_index (leaves, i);

          if (!leaf->deleted && g_strcmp0 (leaf->rev, kap_document_get_rev (document)) != 0)
            g_strv_builder_add (conflicts, leaf->rev);
        }

      strv = g_strv_builder_end (conflicts);
      if (strv[0] != NULL)
        kap_document_set_conflicts (document, (const char * const *) strv);
    }

  if (flags & KAP_STORE_GET_ATTACHMENTS)
    {
      g_autoptr(JsonObject) attachments = NULL;

      if (!kap_store_tree_attachments (self, rev_num, id, kap_document_get_rev (document),
                                       &attachments, error))
        return NULL;
      if (attachments != NULL)
        kap_document_set_attachments (document, attachments);
    }

  return g_steal_pointer (&document);
}

KapDocument *
kap_store_get (KapStore          *self,
               const char        *id,
               const char        *rev,
               KapStoreGetFlags   flags,
               GError           **error)
{
  KapDocument *document;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  document = get_locked (self, id, rev, flags, error);
  g_mutex_unlock (&self->lock);

  return document;
}

GPtrArray *
kap_store_get_leaves (KapStore    *self,
                      const char  *id,
                      GError     **error)
{
  GPtrArray *leaves = NULL;
  gint64 doc_num;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  doc_num = kap_store_find_existing_doc (self, id, error);
  if (doc_num > 0)
    leaves = kap_store_tree_leaves (self, doc_num, error);
  g_mutex_unlock (&self->lock);

  return leaves;
}

char **
kap_store_revs_diff (KapStore            *self,
                     const char          *id,
                     const char * const  *revs,
                     GError             **error)
{
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  gint64 doc_num;
  gboolean ok = TRUE;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && revs != NULL, NULL);

  g_mutex_lock (&self->lock);
  doc_num = kap_store_find_doc (self, id, error);
  stmt = doc_num > 0 ? kap_store_statement (self,
                                            "SELECT 1 FROM revs WHERE doc_num = ? AND rev = ?",
                                            error) : NULL;

  for (guint i = 0; ok && revs[i]; i++)
    {
      int rc = SQLITE_DONE;

      if (doc_num < 0 || (doc_num > 0 && stmt == NULL))
        {
          ok = FALSE;
          break;
        }

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, doc_num);
          sqlite3_bind_text (stmt, 2, revs[i], -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }

      if (rc == SQLITE_DONE)
        g_strv_builder_add (missing, revs[i]);
      else if (rc != SQLITE_ROW)
        {
          kap_store_set_error (self, error, rc);
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->lock);

  return ok ? g_strv_builder_end (missing) : NULL;
}
