/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-json.h"
#include "kap-store-private.h"

/* KapStore itself: the object, its boxed types and signal, and the SQL
 * helpers every part uses (statements, errors, sequence numbers, finding
 * a document, reading a body). Opening is in kap-store-open.c, puts and
 * deletes in kap-store-put.c, reads in kap-store-read.c, the integrity
 * check in kap-store-check.c. */

G_DEFINE_FINAL_TYPE (KapStore, kap_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (kap-store-error-quark, kap_store_error)

G_DEFINE_BOXED_TYPE (KapLeaf, kap_leaf, kap_leaf_copy, kap_leaf_free)
G_DEFINE_BOXED_TYPE (KapChange, kap_change, kap_change_copy, kap_change_free)

enum {
  DOCUMENTS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

KapLeaf *
kap_leaf_copy (const KapLeaf *leaf)
{
  KapLeaf *copy = g_new0 (KapLeaf, 1);

  copy->rev = g_strdup (leaf->rev);
  copy->deleted = leaf->deleted;
  return copy;
}

void
kap_leaf_free (KapLeaf *leaf)
{
  if (leaf == NULL)
    return;

  g_free (leaf->rev);
  g_free (leaf);
}

KapChange *
kap_change_copy (const KapChange *change)
{
  KapChange *copy = g_new0 (KapChange, 1);

  copy->seq = change->seq;
  copy->id = g_strdup (change->id);
  copy->rev = g_strdup (change->rev);
  copy->deleted = change->deleted;
  copy->leaves = g_strdupv (change->leaves);
  return copy;
}

void
kap_change_free (KapChange *change)
{
  if (change == NULL)
    return;

  g_free (change->id);
  g_free (change->rev);
  g_strfreev (change->leaves);
  g_free (change);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
kap_store_finalize (GObject *object)
{
  KapStore *self = (KapStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Closing the last connection checkpoints the WAL into the main file. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->changed_ids, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kap_store_parent_class)->finalize (object);
}

static void
kap_store_class_init (KapStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_store_finalize;

  signals [DOCUMENTS_CHANGED] =
    g_signal_new ("documents-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
kap_store_init (KapStore *self)
{
  g_mutex_init (&self->lock);
  /* The store is made by kap_store_open(): this is the opener, whose
   * thread and context receive "documents-changed" (kap-store-write.c). */
  self->thread = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
  self->changed_ids = g_ptr_array_new_with_free_func (g_free);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            finalize_statement);
}

/* Errors. SQLite's own text goes to the debug log only: it can quote SQL,
 * never what a user needs, and must never carry record contents. */

static void
set_error_for_code (GError     **error,
                    int          rc,
                    const char  *path)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_LOCKED,
                           _("The store is in use by another Kapija program; close it and try again"));
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_DISK_FULL,
                           _("The disk is full, so nothing was saved; free some space and try again"));
      break;
    case SQLITE_READONLY:
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_READ_ONLY,
                           _("The store is read-only, so nothing was saved"));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a file name. */
                   _("The store “%s” is damaged; restore it from a backup or ask for support"),
                   path);
      break;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled"));
      break;
    case SQLITE_IOERR:
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_ENGINE,
                           _("The disk could not be read or written; nothing was saved"));
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_ENGINE,
                   /* Translators: %s is a file name. */
                   _("The store “%s” cannot be opened"), path);
      break;
    default:
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_ENGINE,
                           _("The store reported an unexpected error"));
      break;
    }
}

void
kap_store_set_error (KapStore  *self,
                     GError   **error,
                     int        rc)
{
  g_debug ("SQLite error %d: %s", rc, sqlite3_errmsg (self->db));
  set_error_for_code (error, rc, self->path);
}

sqlite3_stmt *
kap_store_statement (KapStore    *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Statements are keyed by the address of their (static) SQL text and
   * prepared once: most calls run the same few statements many times. */
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kap_store_set_error (self, error, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
kap_store_exec (KapStore    *self,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_store_step_done (KapStore      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

void
kap_store_emit_documents_changed (KapStore   *self,
                                  GStrv       ids)
{
  g_signal_emit (self, signals [DOCUMENTS_CHANGED], 0, ids);
}

gint64
kap_store_next_seq (KapStore  *self,
                    GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 seq;
  int rc;

  stmt = kap_store_statement (self,
                              "UPDATE meta SET value = value + 1 WHERE key = 'last_seq' "
                              "RETURNING value", error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      kap_store_set_error (self, error, rc);
      return -1;
    }

  seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

/* Returns the doc_num, 0 when there is no such document, -1 on error. */
gint64
kap_store_find_doc (KapStore    *self,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 doc_num = 0;
  int rc;

  stmt = kap_store_statement (self, "SELECT doc_num FROM docs WHERE id = ?", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    doc_num = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kap_store_set_error (self, error, rc);
      return -1;
    }

  return doc_num;
}

gint64
kap_store_find_existing_doc (KapStore    *self,
                             const char  *id,
                             GError     **error)
{
  gint64 doc_num = kap_store_find_doc (self, id, error);

  if (doc_num == 0)
    kap_store_set_not_found_error (error, id);

  return doc_num > 0 ? doc_num : -1;
}

JsonObject *
kap_store_parse_body (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  if (text == NULL)
    return NULL;

  /* Bodies were written by us as canonical JSON and read with the same
   * reader as any input, so that a store never holds what it cannot give
   * back. */
  body = kap_json_parse_object (text, -1, NULL, &error);
  if (body == NULL)
    g_debug ("A stored body cannot be read: %s", error->message);

  return body;
}

void
kap_store_set_unreadable_error (GError     **error,
                                const char  *id,
                                const char  *rev)
{
  if (rev != NULL)
    g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_UNREADABLE,
                 /* Translators: the first %s is a document id, the second a revision. */
                 _("The stored text of “%s” (revision %s) is damaged and cannot be read; the "
                   "rest of the store is not affected. Run “kapija-cli check” for the whole list"),
                 id, rev);
  else
    g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_UNREADABLE,
                 /* Translators: %s is a document id. */
                 _("The stored text of “%s” is damaged and cannot be read; the rest of the store "
                   "is not affected. Run “kapija-cli check” for the whole list"),
                 id);
}

void
kap_store_set_not_found_error (GError     **error,
                               const char  *id)
{
  g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is a document id such as person:0193…. */
               _("There is no document “%s”"), id);
}

void
kap_store_set_revision_not_found_error (GError     **error,
                                        const char  *rev)
{
  g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is a revision id such as 3-5f2c…. */
               _("Revision “%s” is not in the store, or its content is no longer kept"), rev);
}
