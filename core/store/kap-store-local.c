/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-local"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-store-private.h"

/* _local documents (replication checkpoints): one row each, a counter for
 * a revision ("0-N", as CouchDB), never in the changes feed. */

static gboolean
local_id_is_valid (const char *id)
{
  return id != NULL && *id != '\0' && g_utf8_validate (id, -1, NULL);
}

typedef struct
{
  const char *id;
  const char *text;
  gint64      rev;
} LocalPut;

static gboolean
put_local_write (KapStore  *self,
                 gpointer   user_data,
                 GError   **error)
{
  LocalPut *put = user_data;
  sqlite3_stmt *stmt;
  int rc;

  stmt = kap_store_statement (self,
                              "INSERT INTO local_docs (id, rev, body) VALUES (?1, 1, ?2) "
                              "ON CONFLICT (id) DO UPDATE SET rev = rev + 1, body = ?2 "
                              "RETURNING rev",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, put->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, put->text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    put->rev = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

char *
kap_store_put_local (KapStore    *self,
                     const char  *id,
                     JsonObject  *body,
                     GError     **error)
{
  g_autofree char *text = NULL;
  LocalPut put = { id, NULL, 0 };

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  if (!local_id_is_valid (id))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("The local document id is not valid"));
      return NULL;
    }

  text = kap_canonical_json_object (body, TRUE);
  put.text = text;

  if (!kap_store_write (self, put_local_write, &put, error))
    return NULL;

  return g_strdup_printf ("0-%" G_GINT64_FORMAT, put.rev);
}

JsonObject *
kap_store_get_local (KapStore    *self,
                     const char  *id,
                     GError     **error)
{
  g_autofree char *text = NULL;
  JsonObject *body = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  stmt = kap_store_statement (self, "SELECT rev, body FROM local_docs WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          body = kap_store_parse_body (text);
          if (body != NULL)
            {
              g_autofree char *rev = g_strdup_printf ("0-%" G_GINT64_FORMAT,
                                                      (gint64) sqlite3_column_int64 (stmt, 0));

              json_object_set_string_member (body, "_rev", rev);
            }
        }
      else if (rc != SQLITE_DONE)
        kap_store_set_error (self, error, rc);
      sqlite3_reset (stmt);
    }
  g_mutex_unlock (&self->lock);

  if (rc == SQLITE_DONE)
    g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                 /* Translators: %s is the id of a local document. */
                 _("There is no local document “%s”"), id);
  else if (rc == SQLITE_ROW && body == NULL)
    g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_UNREADABLE,
                 _("The local document “%s” is damaged"), id);

  return body;
}

static gboolean
delete_local_write (KapStore  *self,
                    gpointer   user_data,
                    GError   **error)
{
  const char *id = user_data;
  sqlite3_stmt *stmt;

  stmt = kap_store_statement (self, "DELETE FROM local_docs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!kap_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   _("There is no local document “%s”"), id);
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_store_delete_local (KapStore    *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return kap_store_write (self, delete_local_write, (gpointer) id, error);
}
