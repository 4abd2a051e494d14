/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-resolve"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-revision.h"
#include "kap-store-private.h"

/* Conflict resolution: finding conflicted documents, gathering what a
 * three-way merge needs (kap-merge.c), and writing its outcome as
 * deterministic revisions (DESIGN.md, Sync, point 5).
 *
 * Deleted leaves beside a live one. CouchDB's winner rule prefers a live
 * leaf, so a deleted leaf never shows as a conflict on the server; a
 * deleted leaf beside a live winner is one of two things, told apart by
 * the revision tree alone (so that every replica, laptop or server, sees
 * the same thing):
 *
 *  (a) the answer to a conflict, which leaves nothing to do:
 *      - a resolution tombstone of Kapija's (kap_store_resolve()), whose
 *        body says so: {"type": …, "resolved_conflict": true};
 *      - a plain tombstone that another CouchDB client (PouchDB's
 *        db.remove (id, rev) of a losing revision, Fauxton, a CouchDB
 *        application) wrote on a branch that had diverged from the live
 *        leaf it kept: its parent is an ancestor of no live leaf. This is
 *        how every CouchDB client resolves a conflict, and CouchDB and
 *        PouchDB see no conflict there either.
 *  (b) a deletion that raced an edit, which is a conflict for the
 *      supervisor (commit 64b965b: it must not be lost silently):
 *      - a Kapija user's deletion, whose body is {"type": …} alone, as
 *        kap_store_delete() writes it (a laptop deletes a record, it
 *        never resolves by deleting a branch), wherever it sits;
 *      - any other tombstone whose parent is an ancestor of a live leaf
 *        (equal to the base that leaf grew from, or older): the revision
 *        somebody deleted was edited further elsewhere.
 *
 * A foreign client's deletion of a revision whose branch, unknown to it,
 * had already diverged from another live one cannot be told from (a):
 * CouchDB lets the live branch win then, and so does Kapija. Conversely a
 * foreign resolution that removed a branch another laptop had just merged
 * into counts as (b); the automatic merge never deletes a record because
 * of a foreign tombstone (kap-conflict-resolver.c), so such a conflict
 * waits for the supervisor instead of costing the record.
 *
 * UNANSWERED_DELETION is the rule, as an SQL condition on the revs row
 * "t"; the ancestor test looks for a live leaf among the descendants of
 * the tombstone's parent (revs_by_parent). */
#define UNANSWERED_DELETION KAP_STORE_UNANSWERED_DELETION_SQL

/* One revision as stored. */
typedef struct
{
  gint64      rev_num;    /* 0: not in the store */
  gint64      generation;
  gboolean    leaf;
  gboolean    deleted;
  JsonObject *body;       /* NULL when not kept */
} StoredRev;

static void
stored_rev_clear (StoredRev *stored)
{
  g_clear_pointer (&stored->body, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredRev, stored_rev_clear)

/* Reads @rev (by id) or @rev_num (when @rev is NULL) of @doc_num into
 * @stored; an unknown revision leaves rev_num 0. */
static gboolean
read_rev (KapStore    *self,
          gint64       doc_num,
          const char  *rev,
          gint64       rev_num,
          StoredRev   *stored,
          char       **rev_out,
          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (rev != NULL)
    stmt = kap_store_statement (self,
                                "SELECT rev_num, generation, leaf, deleted, body, rev FROM revs "
                                "WHERE doc_num = ? AND rev = ?",
                                error);
  else
    stmt = kap_store_statement (self,
                                "SELECT rev_num, generation, leaf, deleted, body, rev FROM revs "
                                "WHERE doc_num = ? AND rev_num = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  if (rev != NULL)
    sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 2, rev_num);

  stored_rev_clear (stored);
  memset (stored, 0, sizeof *stored);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *body = (const char *) sqlite3_column_text (stmt, 4);

      stored->rev_num = sqlite3_column_int64 (stmt, 0);
      stored->generation = sqlite3_column_int64 (stmt, 1);
      stored->leaf = sqlite3_column_int (stmt, 2) != 0;
      stored->deleted = sqlite3_column_int (stmt, 3) != 0;
      if (body != NULL && (stored->body = kap_store_parse_body (body)) == NULL)
        rc = SQLITE_CORRUPT;
      if (rev_out != NULL)
        *rev_out = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

/* Conflicted documents */

gboolean
kap_store_tombstone_is_user_deletion (JsonObject *body)
{
  JsonNode *type = body != NULL ? json_object_get_member (body, "type") : NULL;

  /* The C side of UNANSWERED_DELETION's first test. */
  return type != NULL && json_object_get_size (body) == 1 && JSON_NODE_HOLDS_VALUE (type) &&
         json_node_get_value_type (type) == G_TYPE_STRING;
}

/* Runs @sql with its one parameter @num and steps to its one row: the
 * statement on that row (reset it when done), or NULL with @error set. */
static sqlite3_stmt *
query_one_row (KapStore    *self,
               const char  *sql,
               gint64       num,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kap_store_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, num);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      kap_store_set_error (self, error, rc);
      return NULL;
    }

  return stmt;
}

/* Runs @sql, "SELECT EXISTS (…)" with one parameter, @num. */
static gboolean
query_exists (KapStore    *self,
              const char  *sql,
              gint64       num,
              gboolean    *exists,
              GError     **error)
{
  sqlite3_stmt *stmt = query_one_row (self, sql, num, error);

  if (stmt == NULL)
    return FALSE;

  *exists = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Whether the deleted leaf @rev_num is a deletion that raced an edit (b),
 * rather than the answer to a conflict (a); see the top of this file. */
static gboolean
is_unanswered_deletion (KapStore  *self,
                        gint64     rev_num,
                        gboolean  *unanswered,
                        GError   **error)
{
  return query_exists (self,
                       "SELECT EXISTS (SELECT 1 FROM revs t WHERE t.rev_num = ? AND "
                       UNANSWERED_DELETION ")",
                       rev_num, unanswered, error);
}

gboolean
kap_store_has_unanswered_deletion (KapStore  *self,
                                   gint64     doc_num,
                                   gboolean  *found,
                                   GError   **error)
{
  return query_exists (self,
                       "SELECT EXISTS (SELECT 1 FROM revs t WHERE t.doc_num = ? AND "
                       UNANSWERED_DELETION ")",
                       doc_num, found, error);
}

GPtrArray *
kap_store_get_conflicted (KapStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc = SQLITE_OK;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);
  /* From the trees themselves rather than the summary column, which only
   * serves the lists. */
  stmt = kap_store_statement (self,
                              "SELECT d.id FROM docs d WHERE "
                              "(SELECT count(*) FROM revs r "
                              " WHERE r.doc_num = d.doc_num AND r.leaf = 1 AND r.deleted = 0) > 1 "
                              "OR (d.deleted = 0 AND EXISTS (SELECT 1 FROM revs t "
                              " WHERE t.doc_num = d.doc_num AND " UNANSWERED_DELETION ")) "
                              "ORDER BY d.id",
                              error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        kap_store_set_error (self, error, rc);
    }
  g_mutex_unlock (&self->lock);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&ids);
}

/* Merge inputs */

/* rev_num → generation of @rev_num and all its ancestors. */
static GHashTable *
ancestors_of (KapStore  *self,
              gint64     rev_num,
              GError   **error)
{
  g_autoptr(GHashTable) ancestors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = kap_store_statement (self,
                              "WITH RECURSIVE anc (rev_num, parent, generation) AS ("
                              "  SELECT rev_num, parent, generation FROM revs WHERE rev_num = ?"
                              "  UNION ALL SELECT r.rev_num, r.parent, r.generation"
                              "  FROM revs r JOIN anc ON r.rev_num = anc.parent"
                              ") SELECT rev_num, generation FROM anc",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, rev_num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *ancestor = g_new (gint64, 1);
      gint64 *generation = g_new (gint64, 1);

      *ancestor = sqlite3_column_int64 (stmt, 0);
      *generation = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (ancestors, ancestor, generation);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kap_store_set_error (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&ancestors);
}

static KapDocument *
document_for (const char      *id,
              const char      *rev,
              const StoredRev *stored)
{
  KapDocument *document = kap_document_new (id, stored->body);

  kap_document_set_rev (document, rev);
  kap_document_set_deleted (document, stored->deleted);
  return document;
}

/* The sides of a conflict of @doc_num (see kap_store_get_merge_inputs()),
 * winner first, each with its rev_num in @rev_nums. */
static GPtrArray *
conflict_sides_locked (KapStore    *self,
                       gint64       doc_num,
                       const char  *id,
                       GArray      *rev_nums,
                       GError     **error)
{
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(GPtrArray) sides = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(StoredRev) stored = { 0 };
  KapLeaf *winner;

  leaves = kap_store_tree_leaves (self, doc_num, error);
  if (leaves == NULL)
    return NULL;
  winner = g_ptr_array_index (leaves, 0);

  /* The winner and the live leaves that lose to it, and (when the winner
   * is live) the deletions that raced an edit; the leaves come in winner
   * order, live ones first. */
  for (guint i = 0; i < leaves->len; i++)
    {
      KapLeaf *leaf = g_ptr_array_index (leaves, i);

      if (i > 0 && leaf->deleted && winner->deleted)
        continue;

      if (!read_rev (self, doc_num, leaf->rev, 0, &stored, NULL, error))
        return NULL;
      if (i > 0 && leaf->deleted)
        {
          gboolean unanswered = FALSE;

          if (!is_unanswered_deletion (self, stored.rev_num, &unanswered, error))
            return NULL;
          if (!unanswered)
            continue;
        }
      if (stored.body == NULL && leaf->deleted)
        stored.body = json_object_new ();
      if (stored.body == NULL)
        {
          g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT,
                               _("A current revision of a document has no content in the store"));
          return NULL;
        }

      g_ptr_array_add (sides, document_for (id, leaf->rev, &stored));
      g_array_append_val (rev_nums, stored.rev_num);
    }

  return g_steal_pointer (&sides);
}

static gboolean
get_merge_inputs_locked (KapStore     *self,
                         const char   *id,
                         KapDocument **base_out,
                         KapDocument **ours_out,
                         GPtrArray   **others_out,
                         GError      **error)
{
  g_autoptr(GPtrArray) sides = NULL;
  g_autoptr(GArray) rev_nums = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) common = NULL;
  g_auto(StoredRev) stored = { 0 };
  g_autofree char *base_rev = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 doc_num, base_num = 0, base_generation = -1;

  doc_num = kap_store_find_existing_doc (self, id, error);
  if (doc_num < 0)
    return FALSE;

  sides = conflict_sides_locked (self, doc_num, id, rev_nums, error);
  if (sides == NULL)
    return FALSE;

  /* The common ancestor of all the sides is the base. */
  for (guint i = 0; i < rev_nums->len; i++)
    {
      g_autoptr(GHashTable) ancestors = ancestors_of (self, g_array_index (rev_nums, gint64, i), error);

      if (ancestors == NULL)
        return FALSE;

      if (common == NULL)
        common = g_steal_pointer (&ancestors);
      else
        {
          g_hash_table_iter_init (&iter, common);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (ancestors, key))
              g_hash_table_iter_remove (&iter);
        }
    }

  /* The common ancestors form one path from a root; its deepest revision
   * is the last one all the leaves share. */
  g_hash_table_iter_init (&iter, common);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value > base_generation)
      {
        base_generation = *(gint64 *) value;
        base_num = *(gint64 *) key;
      }

  if (base_num == 0)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a document id such as person:0193…. */
                   _("The versions of “%s” share no earlier revision in this store, so they "
                     "cannot be merged automatically; choose one of them"), id);
      return FALSE;
    }

  if (!read_rev (self, doc_num, NULL, base_num, &stored, &base_rev, error))
    return FALSE;
  if (stored.body == NULL)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   /* Translators: the first %s is a revision id, the second a document id. */
                   _("The content of revision “%s”, the last one the versions of “%s” share, is "
                     "no longer kept, so they cannot be merged automatically; choose one of them"),
                   base_rev, id);
      return FALSE;
    }

  if (base_out != NULL)
    *base_out = document_for (id, base_rev, &stored);
  if (ours_out != NULL)
    *ours_out = g_object_ref (g_ptr_array_index (sides, 0));
  if (others_out != NULL)
    {
      g_ptr_array_remove_index (sides, 0);
      *others_out = g_steal_pointer (&sides);
    }

  return TRUE;
}

gboolean
kap_store_get_merge_inputs (KapStore     *self,
                            const char   *id,
                            KapDocument **base,
                            KapDocument **ours,
                            GPtrArray   **others,
                            GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  g_mutex_lock (&self->lock);
  /* One read transaction: the leaves and their ancestry from the same
   * state of the file, even if another program writes meanwhile. */
  ok = kap_store_exec (self, "BEGIN", error);
  if (ok)
    {
      ok = get_merge_inputs_locked (self, id, base, ours, others, error);
      kap_store_exec (self, "COMMIT", NULL);
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

GPtrArray *
kap_store_get_conflict_sides (KapStore    *self,
                              const char  *id,
                              GError     **error)
{
  g_autoptr(GArray) rev_nums = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *sides = NULL;
  gint64 doc_num;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  /* One read transaction, as above. */
  if (kap_store_exec (self, "BEGIN", error))
    {
      doc_num = kap_store_find_existing_doc (self, id, error);
      if (doc_num > 0)
        sides = conflict_sides_locked (self, doc_num, id, rev_nums, error);
      kap_store_exec (self, "COMMIT", NULL);
    }
  g_mutex_unlock (&self->lock);

  return sides;
}

/* Resolution */

/* One revision a resolution writes. */
typedef struct
{
  const char *parent;
  gboolean    deleted;
  JsonObject *body;
  char       *rev;
  gboolean    exists;
} Planned;

static void
planned_clear (gpointer data)
{
  Planned *planned = data;

  g_clear_pointer (&planned->body, json_object_unref);
  g_free (planned->rev);
}

/* The tombstone body kap_store_delete() writes: the type of the revision
 * deleted, nothing else. Once a resolution has been written, the body of
 * a revision it deleted is compacted away; the document's type (which
 * every revision of a record shares) then stands in for it, so that
 * resolving again finds the same tombstone. */
static JsonObject *
tombstone_body (JsonObject *deleted_body,
                const char *doc_type,
                gboolean    resolution)
{
  JsonObject *body = json_object_new ();
  const char *type = doc_type;

  if (deleted_body != NULL)
    type = json_object_get_string_member_with_default (deleted_body, "type", NULL);
  if (type != NULL)
    json_object_set_string_member (body, "type", type);
  /* Tells a losing leaf's tombstone from a deletion that raced an edit
   * (UNANSWERED_DELETION); the same on every laptop. */
  if (resolution)
    json_object_set_boolean_member (body, "resolved_conflict", TRUE);

  return body;
}

/* The "type" recorded for the document (that of its last typed winner). */
static gboolean
read_doc_type (KapStore  *self,
               gint64     doc_num,
               char     **type,
               GError   **error)
{
  sqlite3_stmt *stmt = query_one_row (self, "SELECT type FROM docs WHERE doc_num = ?", doc_num, error);

  if (stmt == NULL)
    return FALSE;

  *type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
not_current (const char  *id,
             const char  *rev,
             GError     **error)
{
  g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
               /* Translators: the first %s is a revision id, the second a document id. */
               _("Revision “%s” of “%s” is not a current one: the record changed since the "
                 "conflict was looked at; look at it again"),
               rev, id);
  return FALSE;
}

/* Works out the revisions of the resolution and which of them exist. */
static gboolean
plan_resolution (KapStore           *self,
                 gint64              doc_num,
                 const char         *id,
                 const char         *winner_rev,
                 JsonObject         *merged_body,
                 const char * const *losing_revs,
                 GArray             *plan,
                 GError            **error)
{
  g_auto(StoredRev) stored = { 0 };
  g_autofree char *doc_type = NULL;
  guint n_losing = losing_revs ? g_strv_length ((char **) losing_revs) : 0;

  if (!read_doc_type (self, doc_num, &doc_type, error))
    return FALSE;

  for (guint i = 0; i <= n_losing; i++)
    {
      const char *parent = i == 0 ? winner_rev : losing_revs[i - 1];
      Planned planned = { parent, i > 0 || merged_body == NULL, NULL, NULL, FALSE };

      if (!read_rev (self, doc_num, parent, 0, &stored, NULL, error))
        return FALSE;
      if (stored.rev_num == 0)
        return not_current (id, parent, error);

      /* A losing leaf that is the answer to a conflict already (a
       * resolution's tombstone, Kapija's or another client's) is left
       * alone; a deletion that raced an edit gets a resolution tombstone
       * as its child, so that it counts as answered. */
      if (i > 0 && stored.leaf && stored.deleted)
        {
          gboolean unanswered = FALSE;

          if (!is_unanswered_deletion (self, stored.rev_num, &unanswered, error))
            return FALSE;
          if (!unanswered)
            continue;
        }

      if (!planned.deleted)
        planned.body = json_object_ref (merged_body);
      else
        planned.body = tombstone_body (stored.body, doc_type, i > 0);
      planned.rev = kap_revision_compute (parent, planned.deleted, planned.body, error);
      g_array_append_val (plan, planned);
      if (planned.rev == NULL)
        return FALSE;

      if (stored.leaf)
        {
          if (i == 0 && stored.deleted && planned.deleted)
            {
              g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                           _("Document “%s” is already deleted"), id);
              return FALSE;
            }
          continue;
        }

      /* Not a leaf: fine only if it is so because this very resolution
       * was written before (here, or on another laptop and replicated). */
      if (!read_rev (self, doc_num, planned.rev, 0, &stored, NULL, error))
        return FALSE;
      if (stored.rev_num == 0)
        return not_current (id, parent, error);
      g_array_index (plan, Planned, plan->len - 1).exists = TRUE;
    }

  return TRUE;
}

static gboolean
resolve_locked (KapStore           *self,
                const char         *id,
                const char         *winner_rev,
                JsonObject         *merged_body,
                const char * const *losing_revs,
                char              **new_rev,
                GError            **error)
{
  g_autoptr(GArray) plan = g_array_new (FALSE, TRUE, sizeof (Planned));
  gint64 doc_num;

  g_array_set_clear_func (plan, planned_clear);

  doc_num = kap_store_find_existing_doc (self, id, error);
  if (doc_num < 0)
    return FALSE;

  if (!plan_resolution (self, doc_num, id, winner_rev, merged_body, losing_revs, plan, error))
    return FALSE;

  for (guint i = 0; i < plan->len; i++)
    {
      Planned *planned = &g_array_index (plan, Planned, i);
      g_autoptr(KapDocument) document = NULL;
      g_autofree char *rev = NULL;

      if (planned->exists)
        continue;

      document = kap_document_new (id, planned->body);
      kap_document_set_rev (document, planned->parent);
      kap_document_set_deleted (document, planned->deleted);
      rev = kap_store_tree_put (self, document, error);
      if (rev == NULL)
        return FALSE;

      /* Both come from kap_revision_compute() on the same input. */
      g_warn_if_fail (g_str_equal (rev, planned->rev));
    }

  if (new_rev != NULL)
    *new_rev = g_strdup (g_array_index (plan, Planned, 0).rev);

  return TRUE;
}

typedef struct
{
  const char         *id;
  const char         *winner_rev;
  JsonObject         *merged_body;
  const char * const *losing_revs;
  char               *rev;
} Resolution;

static gboolean
resolve_write (KapStore  *self,
               gpointer   user_data,
               GError   **error)
{
  Resolution *resolution = user_data;

  return resolve_locked (self, resolution->id, resolution->winner_rev,
                         resolution->merged_body, resolution->losing_revs,
                         &resolution->rev, error);
}

gboolean
kap_store_resolve (KapStore           *self,
                   const char         *id,
                   const char         *winner_rev,
                   JsonObject         *merged_body,
                   const char * const *losing_revs,
                   char              **new_rev,
                   GError            **error)
{
  Resolution resolution = { id, winner_rev, merged_body, losing_revs, NULL };
  gboolean ok;

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (new_rev == NULL || *new_rev == NULL, FALSE);

  if (!kap_revision_is_valid (winner_rev))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("A resolution needs the revision it is written on"));
      return FALSE;
    }

  for (guint i = 0; losing_revs != NULL && losing_revs[i] != NULL; i++)
    {
      gboolean repeated = g_str_equal (losing_revs[i], winner_rev);

      for (guint j = 0; !repeated && j < i; j++)
        repeated = g_str_equal (losing_revs[i], losing_revs[j]);

      if (repeated || !kap_revision_is_valid (losing_revs[i]))
        {
          g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                               _("The revisions a resolution replaces must be distinct, valid "
                                 "and other than the one it is written on"));
          return FALSE;
        }
    }

  ok = kap_store_write (self, resolve_write, &resolution, error);
  if (ok && new_rev != NULL)
    *new_rev = g_steal_pointer (&resolution.rev);
  g_free (resolution.rev);

  return ok;
}
