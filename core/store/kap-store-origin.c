/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-origin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-store-private.h"

/* The sync state of revisions (schema version 4): where each was made
 * (written by kap-store-tree.c as it inserts), whether the server has it
 * and why the server refused it (written here after a push). Records
 * lists read it beside the summary of the winner (kap-store-summary.c). */

/* Marks one revision; returns 1 when its state changed, 0 when not (or
 * the store does not have it), -1 on error. */
static int
mark_one (KapStore    *self,
          const char  *id,
          const char  *rev,
          const char  *rejected,
          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 doc_num;

  doc_num = kap_store_find_doc (self, id, error);
  if (doc_num < 0)
    return -1;
  if (doc_num == 0)
    return 0;

  /* A refusal says nothing about whether the server had the revision
   * before; an acceptance clears an earlier refusal. */
  if (rejected != NULL)
    stmt = kap_store_statement (self,
                                "UPDATE revs SET rejected = ?3 "
                                "WHERE doc_num = ?1 AND rev = ?2 AND rejected IS NOT ?3",
                                error);
  else
    stmt = kap_store_statement (self,
                                "UPDATE revs SET sent = 1, rejected = NULL "
                                "WHERE doc_num = ?1 AND rev = ?2 AND (sent = 0 OR rejected IS NOT NULL)",
                                error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  if (rejected != NULL)
    sqlite3_bind_text (stmt, 3, rejected, -1, SQLITE_STATIC);
  if (!kap_store_step_done (self, stmt, error))
    return -1;

  return sqlite3_changes (self->db) > 0 ? 1 : 0;
}

typedef struct
{
  const char * const *ids;
  const char * const *revs;
  JsonObject         *rejected;
  GList              *rejected_ids;
} Pushed;

static gboolean
mark_pushed_write (KapStore  *self,
                   gpointer   user_data,
                   GError   **error)
{
  Pushed *pushed = user_data;

  for (guint i = 0; pushed->ids[i] != NULL; i++)
    {
      int changed_one = mark_one (self, pushed->ids[i], pushed->revs[i], NULL, error);

      if (changed_one < 0)
        return FALSE;
      if (changed_one > 0)
        kap_store_note_changed (self, pushed->ids[i]);
    }

  for (GList *l = pushed->rejected_ids; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (pushed->rejected, l->data);
      JsonObject *entry;
      const char *rev, *reason;
      int changed_one;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      rev = json_object_get_string_member_with_default (entry, "rev", NULL);
      reason = json_object_get_string_member_with_default (entry, "reason", "");
      if (rev == NULL)
        continue;

      changed_one = mark_one (self, l->data, rev, reason, error);
      if (changed_one < 0)
        return FALSE;
      if (changed_one > 0)
        kap_store_note_changed (self, l->data);
    }

  return TRUE;
}

gboolean
kap_store_mark_pushed (KapStore            *self,
                       const char * const  *ids,
                       const char * const  *revs,
                       JsonObject          *rejected,
                       GError             **error)
{
  g_autoptr(GList) rejected_ids = NULL;
  Pushed pushed = { ids, revs, rejected, NULL };

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL && revs != NULL, FALSE);
  g_return_val_if_fail (g_strv_length ((char **) ids) == g_strv_length ((char **) revs), FALSE);

  if (rejected != NULL)
    rejected_ids = json_object_get_members (rejected);
  if (ids[0] == NULL && rejected_ids == NULL)
    return TRUE;
  pushed.rejected_ids = rejected_ids;

  return kap_store_write (self, mark_pushed_write, &pushed, error);
}

gboolean
kap_store_get_revision_state (KapStore           *self,
                              const char         *id,
                              const char         *rev,
                              KapRevisionOrigin  *origin,
                              gboolean           *sent,
                              char              **rejected,
                              GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  g_mutex_lock (&self->lock);

  if (rev != NULL)
    stmt = kap_store_statement (self,
                                "SELECT r.origin, r.sent, r.rejected FROM docs d "
                                "JOIN revs r ON r.doc_num = d.doc_num AND r.rev = ?2 WHERE d.id = ?1",
                                error);
  else
    stmt = kap_store_statement (self,
                                "SELECT r.origin, r.sent, r.rejected FROM docs d "
                                "JOIN revs r ON r.rev_num = d.winner WHERE d.id = ?1",
                                error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (rev != NULL)
    sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      int value = sqlite3_column_int (stmt, 0);

      found = TRUE;
      if (origin != NULL)
        *origin = value >= KAP_REVISION_ORIGIN_UNKNOWN && value <= KAP_REVISION_ORIGIN_REMOTE
                  ? (KapRevisionOrigin) value : KAP_REVISION_ORIGIN_UNKNOWN;
      if (sent != NULL)
        *sent = sqlite3_column_int (stmt, 1) != 0;
      if (rejected != NULL)
        *rejected = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    kap_store_set_error (self, error, rc);
  else if (!found)
    g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                 /* Translators: %s is a document id. */
                 _("There is no such revision of “%s”"), id);

  g_mutex_unlock (&self->lock);

  return found;
}
