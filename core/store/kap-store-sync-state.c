/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-sync-state"

#include "config.h"

#include "kap-store-private.h"

/* What the replicator records in the store besides revisions: the merge
 * bases of a whole batch, in one transaction (one fsync instead of one per
 * revision: a 10,000-record sync is several times faster), and the
 * revisions of the server it could not take (schema version 5). */

/* Parallel, NULL-terminated lists of revisions. */
typedef struct
{
  const char * const *ids;
  const char * const *revs;
} Revisions;

static gboolean
mark_bases (KapStore       *self,
            gpointer        data,
            GError        **error)
{
  const Revisions *list = data;

  for (guint i = 0; list->ids[i] != NULL; i++)
    {
      gint64 doc_num = kap_store_find_doc (self, list->ids[i], error);

      if (doc_num < 0)
        return FALSE;
      if (doc_num == 0)
        continue;

      /* As kap_store_mark_base(), but a revision without a body is
       * skipped rather than refused. */
      if (!kap_store_set_base (self, doc_num, list->revs[i], NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* @write for the revisions of @ids/@revs, in one transaction. */
static gboolean
for_revisions (KapStore            *self,
               KapStoreWriteFunc    write,
               const char * const  *ids,
               const char * const  *revs,
               GError             **error)
{
  Revisions list = { ids, revs };

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL && revs != NULL, FALSE);
  g_return_val_if_fail (g_strv_length ((char **) ids) == g_strv_length ((char **) revs), FALSE);

  if (ids[0] == NULL)
    return TRUE;

  return kap_store_write (self, write, &list, error);
}

gboolean
kap_store_mark_bases (KapStore            *self,
                      const char * const  *ids,
                      const char * const  *revs,
                      GError             **error)
{
  return for_revisions (self, mark_bases, ids, revs, error);
}

KapNotTaken *
kap_not_taken_new (const char *id,
                   const char *rev,
                   const char *reason)
{
  KapNotTaken *entry = g_new0 (KapNotTaken, 1);

  entry->id = g_strdup (id);
  entry->rev = g_strdup (rev);
  entry->reason = g_strdup (reason);
  return entry;
}

KapNotTaken *
kap_not_taken_copy (const KapNotTaken *entry)
{
  KapNotTaken *copy = kap_not_taken_new (entry->id, entry->rev, entry->reason);

  copy->first_seen = entry->first_seen;
  copy->last_seen = entry->last_seen;
  return copy;
}

void
kap_not_taken_free (KapNotTaken *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->rev);
  g_free (entry->reason);
  g_free (entry);
}

static gboolean
record_not_taken (KapStore       *self,
                  gpointer        data,
                  GError        **error)
{
  const GPtrArray *entries = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < entries->len; i++)
    {
      KapNotTaken *entry = g_ptr_array_index (entries, i);
      sqlite3_stmt *stmt;

      stmt = kap_store_statement (self,
                                  "INSERT INTO not_taken (id, rev, reason, first_seen, last_seen) "
                                  "VALUES (?1, ?2, ?3, ?4, ?4) "
                                  "ON CONFLICT (id, rev) DO UPDATE SET reason = ?3, last_seen = ?4",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, entry->rev, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, entry->reason != NULL ? entry->reason : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
      if (!kap_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kap_store_record_not_taken (KapStore   *self,
                            GPtrArray  *entries,
                            GError    **error)
{
  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);

  for (guint i = 0; i < entries->len; i++)
    g_return_val_if_fail (((KapNotTaken *) g_ptr_array_index (entries, i))->id != NULL &&
                          ((KapNotTaken *) g_ptr_array_index (entries, i))->rev != NULL, FALSE);

  if (entries->len == 0)
    return TRUE;

  return kap_store_write (self, record_not_taken, entries, error);
}

static gboolean
forget_not_taken (KapStore       *self,
                  gpointer        data,
                  GError        **error)
{
  const Revisions *list = data;

  for (guint i = 0; list->ids[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = kap_store_statement (self,
                                                "DELETE FROM not_taken WHERE id = ? AND rev = ?",
                                                error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, list->ids[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, list->revs[i], -1, SQLITE_STATIC);
      if (!kap_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kap_store_forget_not_taken (KapStore            *self,
                            const char * const  *ids,
                            const char * const  *revs,
                            GError             **error)
{
  return for_revisions (self, forget_not_taken, ids, revs, error);
}

GPtrArray *
kap_store_list_not_taken (KapStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_not_taken_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);
  stmt = kap_store_statement (self,
                              "SELECT id, rev, reason, first_seen, last_seen FROM not_taken "
                              "ORDER BY first_seen, id, rev",
                              error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KapNotTaken *entry = kap_not_taken_new ((const char *) sqlite3_column_text (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2));

      entry->first_seen = sqlite3_column_int64 (stmt, 3);
      entry->last_seen = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    kap_store_set_error (self, error, rc);
  g_mutex_unlock (&self->lock);

  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}
