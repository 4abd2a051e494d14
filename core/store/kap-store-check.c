/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-store-private.h"

/* The integrity check of "kapija-cli check": SQLite's own, then the
 * winners, the bodies and the _local documents, each problem a line. */

/* Runs @sql and hands each row to @row; returns the SQLite code. */
static int
for_each_row (KapStore    *self,
              const char  *sql,
              void       (*row) (KapStore *, sqlite3_stmt *, GString *),
              GString     *problems)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        row (self, stmt, problems);
    }
  sqlite3_finalize (stmt);

  return rc;
}

static void
integrity_row (KapStore     *self,
               sqlite3_stmt *stmt,
               GString      *problems)
{
  const char *line = (const char *) sqlite3_column_text (stmt, 0);

  if (g_strcmp0 (line, "ok") != 0)
    g_string_append_printf (problems, "%s\n", line);
}

static void
invalid_winner_row (KapStore     *self,
                    sqlite3_stmt *stmt,
                    GString      *problems)
{
  g_string_append_printf (problems, _("Document “%s” has no valid winning revision\n"),
                          (const char *) sqlite3_column_text (stmt, 0));
}

static void
unreadable_body_row (KapStore     *self,
                     sqlite3_stmt *stmt,
                     GString      *problems)
{
  g_autoptr(JsonObject) body = kap_store_parse_body ((const char *) sqlite3_column_text (stmt, 2));

  if (body == NULL)
    g_string_append_printf (problems,
                            /* Translators: the first %s is a document id, the second a revision. */
                            _("The stored text of “%s” (revision %s) cannot be read\n"),
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
}

static void
unreadable_local_row (KapStore     *self,
                      sqlite3_stmt *stmt,
                      GString      *problems)
{
  g_autoptr(JsonObject) body = kap_store_parse_body ((const char *) sqlite3_column_text (stmt, 1));

  if (body == NULL)
    g_string_append_printf (problems,
                            /* Translators: %s is the id of a local document (a sync checkpoint). */
                            _("The local document “%s” cannot be read\n"),
                            (const char *) sqlite3_column_text (stmt, 0));
}

static void
wrong_winner_row (KapStore     *self,
                  sqlite3_stmt *stmt,
                  GString      *problems)
{
  g_autoptr(GPtrArray) leaves = kap_store_tree_leaves (self, sqlite3_column_int64 (stmt, 1), NULL);
  const char *winner = (const char *) sqlite3_column_text (stmt, 2);

  if (leaves == NULL || g_strcmp0 (((KapLeaf *) leaves->pdata[0])->rev, winner) != 0)
    g_string_append_printf (problems, _("Document “%s” records the wrong winner\n"),
                            (const char *) sqlite3_column_text (stmt, 0));
}

gboolean
kap_store_check (KapStore  *self,
                 GError   **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);

  g_mutex_lock (&self->lock);

  rc = for_each_row (self, "PRAGMA integrity_check", integrity_row, problems);

  /* The store's own invariants: the winner column names a live leaf of
   * the same document with a body, and its deleted flag matches; where a
   * document has several leaves, the recorded winner is CouchDB's. */
  if (rc == SQLITE_DONE)
    rc = for_each_row (self,
                       "SELECT d.id FROM docs d LEFT JOIN revs r ON r.rev_num = d.winner "
                       "WHERE r.rev_num IS NULL OR r.doc_num != d.doc_num OR r.leaf = 0 "
                       "OR r.deleted != d.deleted OR r.body IS NULL",
                       invalid_winner_row, problems);
  if (rc == SQLITE_DONE)
    rc = for_each_row (self,
                       "SELECT d.id, d.doc_num, w.rev FROM docs d JOIN revs w ON w.rev_num = d.winner "
                       "WHERE (SELECT count(*) FROM revs l WHERE l.doc_num = d.doc_num AND l.leaf = 1) > 1",
                       wrong_winner_row, problems);
  /* Every body the store keeps must read back, so that a damaged one is
   * found here rather than by whoever opens that record. */
  if (rc == SQLITE_DONE)
    rc = for_each_row (self,
                       "SELECT d.id, r.rev, r.body FROM revs r JOIN docs d ON d.doc_num = r.doc_num "
                       "WHERE r.body IS NOT NULL",
                       unreadable_body_row, problems);
  if (rc == SQLITE_DONE)
    rc = for_each_row (self, "SELECT id, body FROM local_docs", unreadable_local_row, problems);

  if (rc != SQLITE_DONE)
    kap_store_set_error (self, error, rc);

  g_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return FALSE;

  if (problems->len > 0)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a list of problems, one per line. */
                   _("The store has problems:\n%s"), problems->str);
      return FALSE;
    }

  return TRUE;
}
