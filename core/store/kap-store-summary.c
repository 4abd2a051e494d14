/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-summary"

#include "config.h"

#include "kap-store-private.h"
#include "kap-summary-columns.h"

/* The summary columns of the docs table: the store keeps them, the rules
 * of what goes in them are core/records/kap-summary-columns.c's. */

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

void
kap_store_bind_summary (sqlite3_stmt *stmt,
                        JsonObject   *body,
                        gboolean      conflicted,
                        gint64        doc_num)
{
  KapSummaryValues values;

  kap_summary_values_extract (body, &values);
  /* KAP_STORE_SUMMARY_UPDATE_SQL's parameters, in KapSummaryColumn order. */
  for (guint i = 0; i < KAP_SUMMARY_N_COLUMNS; i++)
    bind_text (stmt, i + 1, values.values[i]);
  sqlite3_bind_int (stmt, KAP_SUMMARY_N_COLUMNS + 1, conflicted);
  sqlite3_bind_int64 (stmt, KAP_SUMMARY_N_COLUMNS + 2, doc_num);
  kap_summary_values_clear (&values);
}

/* The columns of kap_store_foreach_summary()'s rows: docs d, its winner w;
 * read only by read_row(). */
#define KAP_STORE_SUMMARY_COLUMNS \
  "d.id, d.type, d.status, d.priority, d.stage, d.categories, d.person_id, d.title, " \
  "d.title_original, d.name_key, d.updated_at, d.conflicted, w.origin, w.sent, w.rejected"

static void
read_row (sqlite3_stmt   *stmt,
          KapSummaryRow  *row)
{
  row->id = (const char *) sqlite3_column_text (stmt, 0);
  row->type = (const char *) sqlite3_column_text (stmt, 1);
  for (guint i = 0; i < KAP_SUMMARY_N_COLUMNS; i++)
    row->values[i] = (const char *) sqlite3_column_text (stmt, 2 + i);
  row->conflicted = sqlite3_column_int (stmt, 11) != 0;
  row->origin = sqlite3_column_int (stmt, 12);
  row->sent = sqlite3_column_int (stmt, 13) != 0;
  row->rejected = sqlite3_column_type (stmt, 14) != SQLITE_NULL;
}

/* Runs @sql (over KAP_STORE_SUMMARY_COLUMNS) under the lock, with @param
 * (nullable: none) as ?1, and hands each row to @func. */
static gboolean
foreach_summary_row (KapStore             *self,
                     const char           *sql,
                     const char           *param,
                     KapStoreSummaryFunc   func,
                     gpointer              user_data,
                     GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->lock);

  stmt = kap_store_statement (self, sql, error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }

  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KapSummaryRow row;

      read_row (stmt, &row);
      func (&row, user_data);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    kap_store_set_error (self, error, rc);

  g_mutex_unlock (&self->lock);

  return rc == SQLITE_DONE;
}

gboolean
kap_store_foreach_summary_of_person (KapStore             *self,
                                     const char           *person_id,
                                     KapStoreSummaryFunc   func,
                                     gpointer              user_data,
                                     GError              **error)
{
  /* docs_by_person makes this a look-up, not a scan of every record. */
  return foreach_summary_row (self,
                              "SELECT " KAP_STORE_SUMMARY_COLUMNS " FROM docs d JOIN revs w ON w.rev_num = d.winner "
                              "WHERE d.deleted = 0 AND (d.person_id = ?1 OR d.id = ?1)",
                              person_id, func, user_data, error);
}

gboolean
kap_store_foreach_summary (KapStore             *self,
                           const char           *id,
                           KapStoreSummaryFunc   func,
                           gpointer              user_data,
                           GError              **error)
{
  if (id != NULL)
    return foreach_summary_row (self,
                                "SELECT " KAP_STORE_SUMMARY_COLUMNS " FROM docs d JOIN revs w ON w.rev_num = d.winner "
                                "WHERE d.deleted = 0 AND d.id = ?",
                                id, func, user_data, error);

  return foreach_summary_row (self,
                              "SELECT " KAP_STORE_SUMMARY_COLUMNS " FROM docs d JOIN revs w ON w.rev_num = d.winner "
                              "WHERE d.deleted = 0",
                              NULL, func, user_data, error);
}
