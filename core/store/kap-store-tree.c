/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-tree"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-revision.h"
#include "kap-store-tree-private.h"

/* Revision trees. Every function here runs with the store's lock held;
 * those that write, inside the transaction of kap_store_write(), which
 * rolls everything back if any step fails.
 *
 * Here: the leaves and ancestry of a document, and the steps that local
 * edits (kap-store-tree-put.c) and pulled revisions
 * (kap-store-tree-insert.c) both take: checking sizes, adding a revision,
 * picking the winner, compacting; and reading attachments. */

static int
compare_leaves (gconstpointer a,
                gconstpointer b)
{
  const KapLeaf *leaf_a = *(const KapLeaf * const *) a;
  const KapLeaf *leaf_b = *(const KapLeaf * const *) b;

  /* Winner first. */
  return kap_revision_compare_winner (leaf_b->rev, leaf_b->deleted,
                                      leaf_a->rev, leaf_a->deleted);
}

GPtrArray *
kap_store_tree_leaves (KapStore  *self,
                       gint64     doc_num,
                       GError   **error)
{
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_leaf_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = kap_store_statement (self,
                              "SELECT rev, deleted FROM revs WHERE doc_num = ? AND leaf = 1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KapLeaf *leaf = g_new0 (KapLeaf, 1);

      leaf->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      leaf->deleted = sqlite3_column_int (stmt, 1) != 0;
      g_ptr_array_add (leaves, leaf);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kap_store_set_error (self, error, rc);
      return NULL;
    }

  if (leaves->len == 0)
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT,
                           _("A document in the store has no revisions"));
      return NULL;
    }

  g_ptr_array_sort (leaves, compare_leaves);
  return g_steal_pointer (&leaves);
}

char **
kap_store_tree_ancestry (KapStore  *self,
                         gint64     rev_num,
                         GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = kap_store_statement (self,
                              "WITH RECURSIVE anc (rev_num, rev, generation, parent) AS ("
                              "  SELECT rev_num, rev, generation, parent FROM revs WHERE rev_num = ?"
                              "  UNION ALL SELECT r.rev_num, r.rev, r.generation, r.parent"
                              "  FROM revs r JOIN anc ON r.rev_num = anc.parent"
                              ") SELECT rev FROM anc ORDER BY generation DESC",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, rev_num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kap_store_set_error (self, error, rc);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* @id (nullable) names the document in the message: a local edit's
 * author needs it, a replicated revision's report names it already. */
gboolean
kap_store_tree_body_size_is_allowed (const char  *body,
                                     const char  *id,
                                     GError     **error)
{
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;
  gsize length = strlen (body);

  if (length <= KAP_DOCUMENT_MAX_BYTES)
    return TRUE;

  size = g_format_size (length);
  limit = g_format_size (KAP_DOCUMENT_MAX_BYTES);
  if (id != NULL)
    g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                 /* Translators: the first %s is a document id, the others sizes such as “8.0 MB”. */
                 _("Document “%s” is %s long; a document may have at most %s"), id, size, limit);
  else
    {
      /* In bytes as well: just over the limit reads as the limit. */
      g_free (size);
      size = g_format_size_full (length, G_FORMAT_SIZE_LONG_FORMAT);
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                   /* Translators: the %s are sizes such as “8.0 MB (8,000,010 bytes)” and “8.0 MB”. */
                   _("The document is %s long; a document may have at most %s"), size, limit);
    }
  return FALSE;
}

/* The canonical text of @document's attachments to keep with its
 * revision (NULL: none), or FALSE when they are not acceptable. */
gboolean
kap_store_tree_attachments_text (KapDocument  *document,
                                 char        **text,
                                 GError      **error)
{
  JsonObject *attachments = kap_document_get_attachments (document);
  g_autoptr(GError) local_error = NULL;

  *text = NULL;
  if (attachments == NULL || json_object_get_size (attachments) == 0)
    return TRUE;

  if (!kap_document_attachments_are_valid (attachments, &local_error))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  *text = kap_canonical_json_object (attachments, FALSE);
  return TRUE;
}

static JsonObject *
read_body (KapStore    *self,
           gint64       doc_num,
           const char  *id,
           const char  *rev,
           GError     **error)
{
  sqlite3_stmt *stmt;
  JsonObject *body = NULL;
  int rc;

  stmt = kap_store_statement (self, "SELECT body FROM revs WHERE doc_num = ? AND rev = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    body = kap_store_parse_body ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (body == NULL && rc == SQLITE_ROW)
    kap_store_set_unreadable_error (error, id, rev);
  else if (body == NULL)
    kap_store_set_error (self, error, rc);

  return body;
}

/* Finds the winner among the leaves and records it with what lists show
 * of it, and gives the document a new sequence number so that it appears
 * (once) at the end of the changes feed. @written is the revision just
 * written and @body its body, which spares reading it back when it won. */
gboolean
kap_store_tree_update_winner (KapStore    *self,
                              gint64       doc_num,
                              const char  *id,
                              const char  *type,
                              const char  *written,
                              JsonObject  *body,
                              GError     **error)
{
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(JsonObject) winner_body = NULL;
  sqlite3_stmt *stmt;
  KapLeaf *winner;
  guint live = 0;
  gboolean conflicted;
  gint64 seq;

  leaves = kap_store_tree_leaves (self, doc_num, error);
  if (leaves == NULL)
    return FALSE;
  winner = g_ptr_array_index (leaves, 0);

  for (guint i = 0; i < leaves->len; i++)
    if (!((KapLeaf *) g_ptr_array_index (leaves, i))->deleted)
      live++;

  /* In conflict: several live leaves, or a live winner with a deletion
   * that raced an edit (the same rule as kap_store_get_conflicted()). */
  conflicted = live > 1;
  if (!conflicted && !winner->deleted && leaves->len > 1 &&
      !kap_store_has_unanswered_deletion (self, doc_num, &conflicted, error))
    return FALSE;

  if (g_strcmp0 (winner->rev, written) == 0)
    winner_body = json_object_ref (body);
  else if ((winner_body = read_body (self, doc_num, id, winner->rev, error)) == NULL)
    return FALSE;

  seq = kap_store_next_seq (self, error);
  if (seq < 0)
    return FALSE;

  stmt = kap_store_statement (self,
                              "UPDATE docs SET seq = ?1, deleted = ?2, type = coalesce (?3, type), "
                              "winner = (SELECT rev_num FROM revs WHERE doc_num = ?4 AND rev = ?5) "
                              "WHERE doc_num = ?4",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_int (stmt, 2, winner->deleted);
  sqlite3_bind_text (stmt, 3, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, doc_num);
  sqlite3_bind_text (stmt, 5, winner->rev, -1, SQLITE_STATIC);
  if (!kap_store_step_done (self, stmt, error))
    return FALSE;

  stmt = kap_store_statement (self, KAP_STORE_SUMMARY_UPDATE_SQL, error);
  if (stmt == NULL)
    return FALSE;

  kap_store_bind_summary (stmt, winner_body, conflicted, doc_num);
  if (!kap_store_step_done (self, stmt, error))
    return FALSE;

  kap_store_note_changed (self, id);
  return TRUE;
}

/* Drops the bodies nobody needs any more: everything but leaves, merge
 * bases and branch points (the common ancestor of two branches, which a
 * three-way merge of them needs). */
gboolean
kap_store_tree_compact_document (KapStore  *self,
                                 gint64     doc_num,
                                 GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = kap_store_statement (self,
                              "UPDATE revs SET body = NULL "
                              "WHERE doc_num = ? AND body IS NOT NULL AND leaf = 0 AND base = 0 "
                              "AND (SELECT count(*) FROM revs c WHERE c.parent = revs.rev_num) < 2",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  if (!kap_store_step_done (self, stmt, error))
    return FALSE;

  /* Attachments only ever go out with a leaf, or onto its child. */
  stmt = kap_store_statement (self,
                              "UPDATE revs SET attachments = NULL "
                              "WHERE doc_num = ? AND leaf = 0 AND attachments IS NOT NULL",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  return kap_store_step_done (self, stmt, error);
}

/* The attachments kept with revision @rev_num, or NULL (none, or on
 * error with @error set). */
char *
kap_store_tree_read_attachments (KapStore  *self,
                                 gint64     rev_num,
                                 GError   **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  stmt = kap_store_statement (self, "SELECT attachments FROM revs WHERE rev_num = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, rev_num);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    kap_store_set_error (self, error, rc);

  return text;
}

gint64
kap_store_tree_create_doc (KapStore    *self,
                           const char  *id,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  /* winner and seq are filled by kap_store_tree_update_winner() once a revision exists;
   * -doc_num keeps seq unique until then. */
  stmt = kap_store_statement (self,
                              "INSERT INTO docs (id, winner, deleted, seq) "
                              "VALUES (?1, 0, 0, -1 - (SELECT coalesce (max (doc_num), 0) FROM docs))",
                              error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!kap_store_step_done (self, stmt, error))
    return -1;

  return sqlite3_last_insert_rowid (self->db);
}

gint64
kap_store_tree_insert_rev (KapStore    *self,
                           gint64       doc_num,
                           const char  *rev,
                           gint64       parent,
                           gboolean     deleted,
                           gboolean     leaf,
                           const char  *body,
                           const char  *attachments,
                           KapRevisionOrigin origin,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 generation = 0;

  kap_revision_parse (rev, &generation, NULL);

  stmt = kap_store_statement (self,
                              "INSERT INTO revs (doc_num, rev, generation, parent, deleted, leaf, body, origin, attachments) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, generation);
  if (parent > 0)
    sqlite3_bind_int64 (stmt, 4, parent);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, deleted);
  sqlite3_bind_int (stmt, 6, leaf);
  if (body != NULL)
    sqlite3_bind_text (stmt, 7, body, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, origin);
  if (attachments != NULL)
    sqlite3_bind_text (stmt, 9, attachments, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);

  if (!kap_store_step_done (self, stmt, error))
    return -1;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
kap_store_tree_clear_leaf (KapStore  *self,
                           gint64     rev_num,
                           GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = kap_store_statement (self, "UPDATE revs SET leaf = 0 WHERE rev_num = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rev_num);
  return kap_store_step_done (self, stmt, error);
}

/* Looks up @rev of @doc_num: returns its rev_num (0 when unknown, -1 on
 * error) and whether it is a leaf and deleted. */
gint64
kap_store_tree_lookup_rev (KapStore    *self,
                           gint64       doc_num,
                           const char  *rev,
                           gboolean    *leaf,
                           gboolean    *deleted,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 rev_num = 0;
  int rc;

  stmt = kap_store_statement (self,
                              "SELECT rev_num, leaf, deleted FROM revs WHERE doc_num = ? AND rev = ?",
                              error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      rev_num = sqlite3_column_int64 (stmt, 0);
      if (leaf)
        *leaf = sqlite3_column_int (stmt, 1) != 0;
      if (deleted)
        *deleted = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kap_store_set_error (self, error, rc);
      return -1;
    }

  return rev_num;
}

gboolean
kap_store_tree_attachments (KapStore    *self,
                            gint64       rev_num,
                            const char  *id,
                            const char  *rev,
                            JsonObject **attachments,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  *attachments = NULL;
  text = kap_store_tree_read_attachments (self, rev_num, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (text == NULL)
    return TRUE;

  *attachments = kap_store_parse_body (text);
  if (*attachments == NULL)
    {
      kap_store_set_unreadable_error (error, id, rev);
      return FALSE;
    }

  return TRUE;
}

JsonObject *
kap_store_get_attachments (KapStore    *self,
                           const char  *id,
                           const char  *rev,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *attachments = NULL;
  gint64 doc_num, rev_num = 0;
  gboolean read = FALSE;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && rev != NULL, NULL);

  g_mutex_lock (&self->lock);
  doc_num = kap_store_find_doc (self, id, &local_error);
  if (doc_num > 0)
    rev_num = kap_store_tree_lookup_rev (self, doc_num, rev, NULL, NULL, &local_error);
  if (rev_num > 0)
    read = kap_store_tree_attachments (self, rev_num, id, rev, &attachments, &local_error);
  g_mutex_unlock (&self->lock);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (doc_num == 0 || rev_num == 0)
    {
      kap_store_set_revision_not_found_error (error, rev);
      return NULL;
    }
  g_assert (read);

  return attachments != NULL ? attachments : json_object_new ();
}
