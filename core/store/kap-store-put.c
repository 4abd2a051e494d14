/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-document-private.h"
#include "kap-store-private.h"

/* Puts and deletes of local edits, batches of pulled or imported
 * revisions, and the merge bases a sync marks: each one transaction of
 * kap_store_write(). */

static gboolean
prepare_local_edit (KapDocument  *document,
                    GError      **error)
{
  if (kap_document_get_id (document) == NULL)
    {
      const char *type = kap_document_get_doc_type (document);
      g_autofree char *id = NULL;

      /* Input (a put, an import line) may name any type: refuse it here
       * rather than let it reach kap_document_generate_id()'s check. */
      if (!kap_document_type_is_valid (type) || (id = kap_document_generate_id (type)) == NULL)
        {
          g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                               _("A new document needs an “_id” or a “type” of lower-case "
                                 "letters, digits and “_”, starting with a letter"));
          return FALSE;
        }
      kap_document_set_id (document, id);
    }

  return TRUE;
}

typedef struct
{
  KapDocument *document;
  char        *rev;
} Put;

static gboolean
put_write (KapStore  *self,
           gpointer   user_data,
           GError   **error)
{
  Put *put = user_data;

  put->rev = kap_store_tree_put (self, put->document, error);

  return put->rev != NULL;
}

char *
kap_store_put (KapStore     *self,
               KapDocument  *document,
               GError      **error)
{
  Put put = { document, NULL };

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (KAP_IS_DOCUMENT (document), NULL);

  if (!prepare_local_edit (document, error))
    return NULL;

  if (!kap_store_write (self, put_write, &put, error))
    {
      g_free (put.rev);
      return NULL;
    }

  kap_document_set_rev (document, put.rev);

  return put.rev;
}

char *
kap_store_delete (KapStore    *self,
                  const char  *id,
                  const char  *rev,
                  GError     **error)
{
  g_autoptr(KapDocument) current = NULL;
  g_autoptr(KapDocument) tombstone = NULL;
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (rev == NULL || *rev == '\0')
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                           _("Deleting a document needs the revision being deleted"));
      return NULL;
    }

  /* The tombstone keeps the type, so that deleted records still replicate
   * into the right place and are counted per type; nothing personal. */
  current = kap_store_get (self, id, rev, KAP_STORE_GET_DELETED, NULL);
  if (current != NULL && kap_document_get_doc_type (current) != NULL)
    json_object_set_string_member (body, "type", kap_document_get_doc_type (current));

  tombstone = kap_document_new (id, body);
  kap_document_set_rev (tombstone, rev);
  kap_document_set_deleted (tombstone, TRUE);

  return kap_store_put (self, tombstone, error);
}

typedef struct
{
  GPtrArray *documents;
  gboolean   allow_local_edits;
  guint     *failed_index;
  GPtrArray *revs;
} Batch;

static gboolean
batch_write (KapStore  *self,
             gpointer   user_data,
             GError   **error)
{
  Batch *batch = user_data;

  for (guint i = 0; i < batch->documents->len; i++)
    {
      KapDocument *document = g_ptr_array_index (batch->documents, i);
      char *rev = NULL;
      gboolean ok;

      if (kap_document_get_ancestry (document) != NULL || !batch->allow_local_edits)
        ok = kap_store_tree_insert (self, document, error);
      else
        ok = prepare_local_edit (document, error) &&
             (rev = kap_store_tree_put (self, document, error)) != NULL;

      g_ptr_array_add (batch->revs, rev);
      if (!ok)
        {
          if (batch->failed_index)
            *batch->failed_index = i;
          return FALSE;
        }
    }

  return TRUE;
}

/* Writes a batch in one transaction. The new revisions of local edits are
 * given to their documents only once the transaction has committed, so a
 * failed batch leaves the caller's documents as they were. */
static gboolean
write_batch (KapStore   *self,
             GPtrArray  *documents,
             gboolean    allow_local_edits,
             guint      *failed_index,
             GError    **error)
{
  g_autoptr(GPtrArray) revs = g_ptr_array_new_with_free_func (g_free);
  Batch batch = { documents, allow_local_edits, failed_index, revs };

  if (!kap_store_write (self, batch_write, &batch, error))
    return FALSE;

  for (guint i = 0; i < revs->len; i++)
    if (g_ptr_array_index (revs, i) != NULL)
      kap_document_set_rev (g_ptr_array_index (documents, i), g_ptr_array_index (revs, i));

  return TRUE;
}

gboolean
kap_store_insert_revisions (KapStore   *self,
                            GPtrArray  *documents,
                            GError    **error)
{
  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  return write_batch (self, documents, FALSE, NULL, error);
}

gboolean
kap_store_import (KapStore   *self,
                  GPtrArray  *documents,
                  guint      *failed_index,
                  GError    **error)
{
  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  return write_batch (self, documents, TRUE, failed_index, error);
}

typedef struct
{
  const char *id;
  const char *rev;
} MarkBase;

/* Runs @sql, which writes, on revision @rev (?2) of @doc_num (?1). */
static gboolean
run_on_revision (KapStore    *self,
                 const char  *sql,
                 gint64       doc_num,
                 const char  *rev,
                 GError     **error)
{
  sqlite3_stmt *stmt = kap_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc_num);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  return kap_store_step_done (self, stmt, error);
}

gboolean
kap_store_set_base (KapStore    *self,
                    gint64       doc_num,
                    const char  *rev,
                    gboolean    *marked,
                    GError     **error)
{
  /* The ancestors of the new base stop being bases: the newer one is what
   * both sides had last. */
  if (!run_on_revision (self,
                        "WITH RECURSIVE anc (rev_num) AS ("
                        "  SELECT parent FROM revs WHERE doc_num = ?1 AND rev = ?2"
                        "  UNION ALL SELECT r.parent FROM revs r JOIN anc ON r.rev_num = anc.rev_num"
                        ") UPDATE revs SET base = 0 WHERE rev_num IN (SELECT rev_num FROM anc)",
                        doc_num, rev, error))
    return FALSE;

  if (!run_on_revision (self,
                        "UPDATE revs SET base = 1 WHERE doc_num = ? AND rev = ? AND body IS NOT NULL",
                        doc_num, rev, error))
    return FALSE;

  if (marked != NULL)
    *marked = sqlite3_changes (self->db) > 0;
  return TRUE;
}

static gboolean
mark_base_write (KapStore  *self,
                 gpointer   user_data,
                 GError   **error)
{
  MarkBase *mark = user_data;
  gboolean marked;
  gint64 doc_num;

  doc_num = kap_store_find_doc (self, mark->id, error);
  if (doc_num < 0)
    return FALSE;
  if (doc_num == 0)
    goto not_found;

  if (!kap_store_set_base (self, doc_num, mark->rev, &marked, error))
    return FALSE;
  if (marked)
    return TRUE;

not_found:
  kap_store_set_revision_not_found_error (error, mark->rev);
  return FALSE;
}

gboolean
kap_store_mark_base (KapStore    *self,
                     const char  *id,
                     const char  *rev,
                     GError     **error)
{
  MarkBase mark = { id, rev };

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && rev != NULL, FALSE);

  return kap_store_write (self, mark_base_write, &mark, error);
}
