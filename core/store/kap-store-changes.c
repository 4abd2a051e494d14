/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-changes"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-revision.h"
#include "kap-store-private.h"

/* The changes feed, listing and counting: reads only. */

static int
compare_leaf_text (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const char *leaf_a = *(const char * const *) a;
  const char *leaf_b = *(const char * const *) b;
  g_autofree char *rev_a = g_strndup (leaf_a, strcspn (leaf_a, " "));
  g_autofree char *rev_b = g_strndup (leaf_b, strcspn (leaf_b, " "));

  /* "rev deleted-flag" pairs from group_concat: winner first. */
  return kap_revision_compare_winner (rev_b, g_str_has_suffix (leaf_b, " 1"),
                                      rev_a, g_str_has_suffix (leaf_a, " 1"));
}

static char **
parse_leaves (const char *text)
{
  g_auto(GStrv) pairs = g_strsplit (text ? text : "", ",", -1);
  guint n = g_strv_length (pairs);
  char **leaves;

  g_qsort_with_data (pairs, n, sizeof (char *), compare_leaf_text, NULL);

  leaves = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    leaves[i] = g_strndup (pairs[i], strcspn (pairs[i], " "));

  return leaves;
}

GPtrArray *
kap_store_changes (KapStore  *self,
                   gint64     since,
                   guint      limit,
                   GError   **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_change_free);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);

  /* One row per document at its latest sequence, with its leaves gathered
   * in the same query: the feed of 100,000 documents is one index scan. */
  stmt = kap_store_statement (self,
                              "SELECT d.seq, d.id, w.rev, d.deleted, "
                              "  (SELECT group_concat (l.rev || ' ' || l.deleted) FROM revs l "
                              "   WHERE l.doc_num = d.doc_num AND l.leaf = 1) "
                              "FROM docs d JOIN revs w ON w.rev_num = d.winner "
                              "WHERE d.seq > ? ORDER BY d.seq LIMIT ?",
                              error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, since);
      sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KapChange *change = g_new0 (KapChange, 1);

          change->seq = sqlite3_column_int64 (stmt, 0);
          change->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          change->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          change->deleted = sqlite3_column_int (stmt, 3) != 0;
          change->leaves = parse_leaves ((const char *) sqlite3_column_text (stmt, 4));
          g_ptr_array_add (changes, change);
        }
      sqlite3_reset (stmt);

      if (rc != SQLITE_DONE)
        kap_store_set_error (self, error, rc);
    }

  g_mutex_unlock (&self->lock);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&changes);
}

gint64
kap_store_get_last_seq (KapStore *self)
{
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_return_val_if_fail (KAP_IS_STORE (self), 0);

  g_mutex_lock (&self->lock);
  stmt = kap_store_statement (self, "SELECT value FROM meta WHERE key = 'last_seq'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_mutex_unlock (&self->lock);

  return seq;
}

GListModel *
kap_store_list (KapStore    *self,
                const char  *type,
                GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KAP_TYPE_DOCUMENT);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);

  if (type != NULL)
    stmt = kap_store_statement (self,
                                "SELECT d.id, w.rev, w.body, d.seq FROM docs d "
                                "JOIN revs w ON w.rev_num = d.winner "
                                "WHERE d.deleted = 0 AND d.type = ? ORDER BY d.id",
                                error);
  else
    stmt = kap_store_statement (self,
                                "SELECT d.id, w.rev, w.body, d.seq FROM docs d "
                                "JOIN revs w ON w.rev_num = d.winner "
                                "WHERE d.deleted = 0 ORDER BY d.id",
                                error);

  if (stmt != NULL)
    {
      if (type != NULL)
        sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(JsonObject) body = kap_store_parse_body ((const char *) sqlite3_column_text (stmt, 2));
          KapDocument *document;

          /* One damaged record must not hide all the others; check
           * lists it (kap_store_check()). */
          if (body == NULL)
            continue;

          document = kap_document_new ((const char *) sqlite3_column_text (stmt, 0), body);
          kap_document_set_rev (document, (const char *) sqlite3_column_text (stmt, 1));
          kap_document_set_seq (document, sqlite3_column_int64 (stmt, 3));
          g_ptr_array_add (documents, document);
        }
      sqlite3_reset (stmt);

      if (rc != SQLITE_DONE)
        kap_store_set_error (self, error, rc);
    }

  g_mutex_unlock (&self->lock);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;

  g_list_store_splice (list, 0, 0, documents->pdata, documents->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

guint
kap_store_count (KapStore    *self,
                 const char  *type,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (KAP_IS_STORE (self), 0);

  g_mutex_lock (&self->lock);

  if (type != NULL)
    stmt = kap_store_statement (self,
                                "SELECT count(*) FROM docs WHERE deleted = 0 AND type = ?", error);
  else
    stmt = kap_store_statement (self, "SELECT count(*) FROM docs WHERE deleted = 0", error);

  if (stmt != NULL)
    {
      if (type != NULL)
        sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = (guint) sqlite3_column_int64 (stmt, 0);
      else
        kap_store_set_error (self, error, rc);
      sqlite3_reset (stmt);
    }

  g_mutex_unlock (&self->lock);

  return count;
}
