/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-summary"

#include "config.h"

#include "kap-name-key.h"
#include "kap-store-private.h"

/* What a list shows of a record, taken from its winning revision when it
 * is written, so that listing, filtering and searching 100,000 records
 * never has to parse their bodies. Only codes and names are kept; the
 * answers stay in the body. */

static const char *
string_member (JsonObject *body,
               const char *name)
{
  JsonNode *node = body ? json_object_get_member (body, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
joined_codes (JsonObject *body,
              const char *name)
{
  JsonNode *node = body ? json_object_get_member (body, name) : NULL;
  g_autoptr(GString) out = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  out = g_string_new (NULL);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_string_append_printf (out, "%s%s", out->len ? " " : "", json_node_get_string (element));
    }

  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

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
  g_autofree char *categories = joined_codes (body, "vuln_cat");
  g_autofree char *name_key = NULL;
  const char *title = string_member (body, "name_stated");
  const char *original = string_member (body, "name_original");
  g_autofree char *key_stated = NULL;
  g_autofree char *key_original = NULL;

  /* Both spellings are searchable: "milica jovanovic" finds "Милица
   * Јовановић" whichever of the two the officer typed. */
  if (title != NULL || original != NULL)
    {
      key_stated = kap_name_key (title);
      key_original = kap_name_key (original);
      name_key = g_strjoin ("\n", key_stated, key_original, NULL);
    }

  bind_text (stmt, 1, string_member (body, "status"));
  bind_text (stmt, 2, string_member (body, "priority"));
  bind_text (stmt, 3, string_member (body, "stage"));
  bind_text (stmt, 4, categories);
  bind_text (stmt, 5, string_member (body, "person_id"));
  bind_text (stmt, 6, title);
  bind_text (stmt, 7, original);
  bind_text (stmt, 8, name_key);
  bind_text (stmt, 9, string_member (body, "updated_at"));
  sqlite3_bind_int (stmt, 10, conflicted);
  sqlite3_bind_int64 (stmt, 11, doc_num);
}

/* The columns of kap_store_foreach_summary()'s rows: docs d, its winner w. */
#define KAP_STORE_SUMMARY_COLUMNS \
  "d.id, d.type, d.status, d.priority, d.stage, d.categories, d.person_id, d.title, " \
  "d.title_original, d.name_key, d.updated_at, d.conflicted, w.origin, w.sent, w.rejected"

gboolean
kap_store_foreach_summary_of_person (KapStore             *self,
                                     const char           *person_id,
                                     KapStoreSummaryFunc   func,
                                     gpointer              user_data,
                                     GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->lock);

  /* docs_by_person makes this a look-up, not a scan of every record. */
  stmt = kap_store_statement (self,
                              "SELECT " KAP_STORE_SUMMARY_COLUMNS " FROM docs d JOIN revs w ON w.rev_num = d.winner "
                              "WHERE d.deleted = 0 AND (d.person_id = ?1 OR d.id = ?1)", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, person_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, user_data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    kap_store_set_error (self, error, rc);

  g_mutex_unlock (&self->lock);

  return rc == SQLITE_DONE;
}

gboolean
kap_store_foreach_summary (KapStore             *self,
                           const char           *id,
                           KapStoreSummaryFunc   func,
                           gpointer              user_data,
                           GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->lock);

  if (id != NULL)
    stmt = kap_store_statement (self,
                                "SELECT " KAP_STORE_SUMMARY_COLUMNS " FROM docs d JOIN revs w ON w.rev_num = d.winner "
                                "WHERE d.deleted = 0 AND d.id = ?", error);
  else
    stmt = kap_store_statement (self,
                                "SELECT " KAP_STORE_SUMMARY_COLUMNS " FROM docs d JOIN revs w ON w.rev_num = d.winner "
                                "WHERE d.deleted = 0", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }

  if (id != NULL)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, user_data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    kap_store_set_error (self, error, rc);

  g_mutex_unlock (&self->lock);

  return rc == SQLITE_DONE;
}
