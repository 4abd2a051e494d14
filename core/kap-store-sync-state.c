/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-sync-state"

#include "config.h"

#include "kap-store-private.h"

/* What the replicator records in the store besides revisions: the merge
 * bases of a whole batch, in one transaction (one fsync instead of one per
 * revision: a 10,000-record sync is several times faster). */

gboolean
kap_store_mark_bases (KapStore            *self,
                      const char * const  *ids,
                      const char * const  *revs,
                      GError             **error)
{
  sqlite3_stmt *clear_stmt, *mark_stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL && revs != NULL, FALSE);
  g_return_val_if_fail (g_strv_length ((char **) ids) == g_strv_length ((char **) revs), FALSE);

  if (ids[0] == NULL)
    return TRUE;

  g_mutex_lock (&self->lock);
  if (!kap_store_begin_write (self, error))
    goto out;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 doc_num = kap_store_find_doc (self, ids[i], error);

      if (doc_num < 0)
        goto out;
      if (doc_num == 0)
        continue;

      /* As kap_store_mark_base(): the ancestors of the new base stop
       * being bases, and a revision without a body is skipped. */
      clear_stmt = kap_store_statement (self,
                                        "WITH RECURSIVE anc (rev_num) AS ("
                                        "  SELECT parent FROM revs WHERE doc_num = ?1 AND rev = ?2"
                                        "  UNION ALL SELECT r.parent FROM revs r JOIN anc ON r.rev_num = anc.rev_num"
                                        ") UPDATE revs SET base = 0 WHERE rev_num IN (SELECT rev_num FROM anc)",
                                        error);
      if (clear_stmt == NULL)
        goto out;
      sqlite3_bind_int64 (clear_stmt, 1, doc_num);
      sqlite3_bind_text (clear_stmt, 2, revs[i], -1, SQLITE_STATIC);
      if (!kap_store_step_done (self, clear_stmt, error))
        goto out;

      mark_stmt = kap_store_statement (self,
                                       "UPDATE revs SET base = 1 WHERE doc_num = ? AND rev = ? AND body IS NOT NULL",
                                       error);
      if (mark_stmt == NULL)
        goto out;
      sqlite3_bind_int64 (mark_stmt, 1, doc_num);
      sqlite3_bind_text (mark_stmt, 2, revs[i], -1, SQLITE_STATIC);
      if (!kap_store_step_done (self, mark_stmt, error))
        goto out;
    }

  ok = kap_store_commit (self, error);

out:
  if (!ok)
    kap_store_rollback (self);
  g_mutex_unlock (&self->lock);

  return ok;
}
