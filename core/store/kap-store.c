/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kap-document-private.h"
#include "kap-revision.h"
#include "kap-json.h"
#include "kap-store-private.h"

G_DEFINE_FINAL_TYPE (KapStore, kap_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (kap-store-error-quark, kap_store_error)

G_DEFINE_BOXED_TYPE (KapLeaf, kap_leaf, kap_leaf_copy, kap_leaf_free)
G_DEFINE_BOXED_TYPE (KapChange, kap_change, kap_change_copy, kap_change_free)

#define DEFAULT_BUSY_TIMEOUT_MSEC 5000

enum {
  DOCUMENTS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char sqlite_magic[16] = "SQLite format 3";

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

/* Opening */

char *
kap_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kapija", "kapija.db", NULL);
}

static gboolean
check_file_kind (const char         *path,
                 KapStoreOpenFlags   flags,
                 GError            **error)
{
  char header[16] = { 0 };
  GStatBuf st;
  FILE *file;
  size_t n;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT && (flags & KAP_STORE_OPEN_CREATE))
        return TRUE;

      if (errno == ENOENT)
        g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_MISSING,
                     /* Translators: %s is a file name. */
                     _("There is no store at “%s”"), path);
      else
        g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_ENGINE,
                     /* Translators: the first %s is a file name, the second the system's reason. */
                     _("Cannot open the store “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Kapija store"), path);
      return FALSE;
    }

  /* An empty file is what an interrupted first start leaves behind. */
  if (st.st_size == 0)
    return TRUE;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_ENGINE,
                   _("Cannot open the store “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n != sizeof header || memcmp (header, sqlite_magic, sizeof header) != 0)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Kapija store"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (KapStore    *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

static gboolean
identify_store (KapStore  *self,
                gboolean   may_create,
                GError   **error)
{
  gint64 application_id = 0, version = 0, objects = 0;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &objects, error))
    return FALSE;

  /* An empty database is a store still to be created. */
  if (application_id == 0 && version == 0 && objects == 0 && may_create)
    return TRUE;

  if (application_id != KAP_STORE_APPLICATION_ID)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Kapija store"), self->path);
      return FALSE;
    }

  if (version > KAP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NEWER_SCHEMA,
                   /* Translators: %s is a file name. */
                   _("The store “%s” was written by a newer version of Kapija; "
                     "update Kapija on this laptop to open it"), self->path);
      return FALSE;
    }

  if (version < KAP_STORE_SCHEMA_VERSION && self->read_only)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_READ_ONLY,
                   _("The store “%s” must be upgraded, which needs write access"), self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate_write (KapStore  *self,
               gpointer   user_data,
               GError   **error)
{
  gint64 version = 0;

  /* Read the version under the write lock: another process may have
   * migrated the store since identify_store() looked. */
  return query_int (self, "PRAGMA user_version", &version, error) &&
         (version >= KAP_STORE_SCHEMA_VERSION ||
          kap_store_schema_migrate (self->db, version, KAP_STORE_SCHEMA_VERSION, error));
}

static gboolean
migrate_schema (KapStore  *self,
                GError   **error)
{
  if (self->read_only)
    return TRUE;

  return kap_store_write (self, migrate_write, NULL, error);
}

static gboolean
read_device_id (KapStore  *self,
                GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = 'device_id'", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    self->device_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (self->device_id == NULL)
    {
      kap_store_set_error (self, error, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
      return FALSE;
    }

  return TRUE;
}

KapStore *
kap_store_open (const char         *path,
                KapStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(KapStore) self = NULL;
  gboolean read_only = (flags & KAP_STORE_OPEN_READ_ONLY) != 0;
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!(read_only && (flags & KAP_STORE_OPEN_CREATE)), NULL);

  if (!check_file_kind (path, flags, error))
    return NULL;

  if (flags & KAP_STORE_OPEN_CREATE)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_ENGINE,
                       /* Translators: the first %s is a folder, the second the system's reason. */
                       _("Cannot create the folder “%s”: %s"), folder, g_strerror (errno));
          return NULL;
        }
    }

  self = g_object_new (KAP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (read_only)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | ((flags & KAP_STORE_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0);

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      kap_store_set_error (self, error, rc);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MSEC);

  if (!kap_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  /* Identify the file before changing anything in it: switching a
   * foreign database to WAL would rewrite its header. */
  if (!identify_store (self, (flags & KAP_STORE_OPEN_CREATE) != 0, error))
    return NULL;

  /* WAL lets the UI read while a save commits; synchronous=FULL makes
   * every acknowledged save survive a power cut (DESIGN.md). */
  if (!read_only &&
      (!kap_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
       !kap_store_exec (self, "PRAGMA synchronous = FULL", error)))
    return NULL;

  if (!migrate_schema (self, error) || !read_device_id (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
kap_store_get_path (KapStore *self)
{
  g_return_val_if_fail (KAP_IS_STORE (self), NULL);

  return self->path;
}

gboolean
kap_store_is_read_only (KapStore *self)
{
  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);

  return self->read_only;
}

const char *
kap_store_get_device_id (KapStore *self)
{
  g_return_val_if_fail (KAP_IS_STORE (self), NULL);

  return self->device_id;
}

void
kap_store_set_busy_timeout (KapStore *self,
                            guint     msec)
{
  g_return_if_fail (KAP_IS_STORE (self));

  g_mutex_lock (&self->lock);
  sqlite3_busy_timeout (self->db, (int) MIN (msec, G_MAXINT));
  g_mutex_unlock (&self->lock);
}

/* Writes */

static gboolean
prepare_local_edit (KapDocument  *document,
                    GError      **error)
{
  if (kap_document_get_id (document) == NULL)
    {
      const char *type = kap_document_get_doc_type (document);
      g_autofree char *id = NULL;

      /* Input (a put, an import line) may name any type: refuse it here
       * rather than let it reach kap_document_generate_id()'s check. */
      if (!kap_document_type_is_valid (type) || (id = kap_document_generate_id (type)) == NULL)
        {
          g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                               _("A new document needs an “_id” or a “type” of lower-case "
                                 "letters, digits and “_”, starting with a letter"));
          return FALSE;
        }
      kap_document_set_id (document, id);
    }

  return TRUE;
}

typedef struct
{
  KapDocument *document;
  char        *rev;
} Put;

static gboolean
put_write (KapStore  *self,
           gpointer   user_data,
           GError   **error)
{
  Put *put = user_data;

  put->rev = kap_store_tree_put (self, put->document, error);

  return put->rev != NULL;
}

char *
kap_store_put (KapStore     *self,
               KapDocument  *document,
               GError      **error)
{
  Put put = { document, NULL };

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (KAP_IS_DOCUMENT (document), NULL);

  if (!prepare_local_edit (document, error))
    return NULL;

  if (!kap_store_write (self, put_write, &put, error))
    {
      g_free (put.rev);
      return NULL;
    }

  kap_document_set_rev (document, put.rev);

  return put.rev;
}

char *
kap_store_delete (KapStore    *self,
                  const char  *id,
                  const char  *rev,
                  GError     **error)
{
  g_autoptr(KapDocument) current = NULL;
  g_autoptr(KapDocument) tombstone = NULL;
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (rev == NULL || *rev == '\0')
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT,
                           _("Deleting a document needs the revision being deleted"));
      return NULL;
    }

  /* The tombstone keeps the type, so that deleted records still replicate
   * into the right place and are counted per type; nothing personal. */
  current = kap_store_get (self, id, rev, KAP_STORE_GET_DELETED, NULL);
  if (current != NULL && kap_document_get_doc_type (current) != NULL)
    json_object_set_string_member (body, "type", kap_document_get_doc_type (current));

  tombstone = kap_document_new (id, body);
  kap_document_set_rev (tombstone, rev);
  kap_document_set_deleted (tombstone, TRUE);

  return kap_store_put (self, tombstone, error);
}

typedef struct
{
  GPtrArray *documents;
  gboolean   allow_local_edits;
  guint     *failed_index;
  GPtrArray *revs;
} Batch;

static gboolean
batch_write (KapStore  *self,
             gpointer   user_data,
             GError   **error)
{
  Batch *batch = user_data;

  for (guint i = 0; i < batch->documents->len; i++)
    {
      KapDocument *document = g_ptr_array_index (batch->documents, i);
      char *rev = NULL;
      gboolean ok;

      if (kap_document_get_ancestry (document) != NULL || !batch->allow_local_edits)
        ok = kap_store_tree_insert (self, document, error);
      else
        ok = prepare_local_edit (document, error) &&
             (rev = kap_store_tree_put (self, document, error)) != NULL;

      g_ptr_array_add (batch->revs, rev);
      if (!ok)
        {
          if (batch->failed_index)
            *batch->failed_index = i;
          return FALSE;
        }
    }

  return TRUE;
}

/* Writes a batch in one transaction. The new revisions of local edits are
 * given to their documents only once the transaction has committed, so a
 * failed batch leaves the caller's documents as they were. */
static gboolean
write_batch (KapStore   *self,
             GPtrArray  *documents,
             gboolean    allow_local_edits,
             guint      *failed_index,
             GError    **error)
{
  g_autoptr(GPtrArray) revs = g_ptr_array_new_with_free_func (g_free);
  Batch batch = { documents, allow_local_edits, failed_index, revs };

  if (!kap_store_write (self, batch_write, &batch, error))
    return FALSE;

  for (guint i = 0; i < revs->len; i++)
    if (g_ptr_array_index (revs, i) != NULL)
      kap_document_set_rev (g_ptr_array_index (documents, i), g_ptr_array_index (revs, i));

  return TRUE;
}

gboolean
kap_store_insert_revisions (KapStore   *self,
                            GPtrArray  *documents,
                            GError    **error)
{
  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  return write_batch (self, documents, FALSE, NULL, error);
}

gboolean
kap_store_import (KapStore   *self,
                  GPtrArray  *documents,
                  guint      *failed_index,
                  GError    **error)
{
  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  return write_batch (self, documents, TRUE, failed_index, error);
}

typedef struct
{
  const char *id;
  const char *rev;
} MarkBase;

static gboolean
mark_base_write (KapStore  *self,
                 gpointer   user_data,
                 GError   **error)
{
  MarkBase *mark = user_data;
  sqlite3_stmt *stmt;
  gint64 doc_num;

  doc_num = kap_store_find_doc (self, mark->id, error);
  if (doc_num < 0)
    return FALSE;
  if (doc_num == 0)
    goto not_found;

  /* The ancestors of the new base stop being bases: the newer one is what
   * both sides had last. */
  stmt = kap_store_statement (self,
                              "WITH RECURSIVE anc (rev_num) AS ("
                              "  SELECT parent FROM revs WHERE doc_num = ?1 AND rev = ?2"
                              "  UNION ALL SELECT r.parent FROM revs r JOIN anc ON r.rev_num = anc.rev_num"
                              ") UPDATE revs SET base = 0 WHERE rev_num IN (SELECT rev_num FROM anc)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc_num);
  sqlite3_bind_text (stmt, 2, mark->rev, -1, SQLITE_STATIC);
  if (!kap_store_step_done (self, stmt, error))
    return FALSE;

  stmt = kap_store_statement (self,
                              "UPDATE revs SET base = 1 WHERE doc_num = ? AND rev = ? AND body IS NOT NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc_num);
  sqlite3_bind_text (stmt, 2, mark->rev, -1, SQLITE_STATIC);
  if (!kap_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

not_found:
  g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is a revision id such as 3-5f2c…. */
               _("Revision “%s” is not in the store, or its content is no longer kept"), mark->rev);
  return FALSE;
}

gboolean
kap_store_mark_base (KapStore    *self,
                     const char  *id,
                     const char  *rev,
                     GError     **error)
{
  MarkBase mark = { id, rev };

  g_return_val_if_fail (KAP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && rev != NULL, FALSE);

  return kap_store_write (self, mark_base_write, &mark, error);
}

/* Reads */

static gboolean
find_revision (KapStore    *self,
               gint64       doc_num,
               const char  *rev,
               gint64      *rev_num,
               gboolean    *deleted,
               char       **body,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (rev == NULL)
    stmt = kap_store_statement (self,
                                "SELECT r.rev_num, r.deleted, r.body FROM docs d "
                                "JOIN revs r ON r.rev_num = d.winner WHERE d.doc_num = ?", error);
  else
    stmt = kap_store_statement (self,
                                "SELECT rev_num, deleted, body FROM revs WHERE doc_num = ? AND rev = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_num);
  if (rev != NULL)
    sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rev_num = sqlite3_column_int64 (stmt, 0);
      *deleted = sqlite3_column_int (stmt, 1) != 0;
      *body = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE || (rc == SQLITE_ROW && *body == NULL))
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   _("Revision “%s” is not in the store, or its content is no longer kept"),
                   rev ? rev : "");
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      kap_store_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

static KapDocument *
get_locked (KapStore          *self,
            const char        *id,
            const char        *rev,
            KapStoreGetFlags   flags,
            GError           **error)
{
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *body_text = NULL;
  gboolean deleted = FALSE;
  gint64 doc_num, rev_num = 0;
  g_autoptr(GPtrArray) leaves = NULL;

  doc_num = kap_store_find_doc (self, id, error);
  if (doc_num < 0)
    return NULL;
  if (doc_num == 0)
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a document id such as person:0193…. */
                   _("There is no document “%s”"), id);
      return NULL;
    }

  if (!find_revision (self, doc_num, rev, &rev_num, &deleted, &body_text, error))
    return NULL;

  if (rev == NULL && deleted && !(flags & KAP_STORE_GET_DELETED))
    {
      g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a document id such as person:0193…. */
                   _("Document “%s” was deleted"), id);
      return NULL;
    }

  body = kap_store_parse_body (body_text);
  if (body == NULL)
    {
      kap_store_set_unreadable_error (error, id, rev);
      return NULL;
    }

  leaves = kap_store_tree_leaves (self, doc_num, error);
  if (leaves == NULL)
    return NULL;

  document = kap_document_new (id, body);
  kap_document_set_rev (document, rev ? rev : ((KapLeaf *) g_ptr_array_index (leaves, 0))->rev);
  kap_document_set_deleted (document, deleted);

  if (flags & KAP_STORE_GET_ANCESTRY)
    {
      g_auto(GStrv) ancestry = kap_store_tree_ancestry (self, rev_num, error);

      if (ancestry == NULL)
        return NULL;
      kap_document_set_ancestry (document, (const char * const *) ancestry);
    }

  if (flags & KAP_STORE_GET_CONFLICTS)
    {
      g_autoptr(GStrvBuilder) conflicts = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      /* Conflicts are the live leaves that did not win (CouchDB's
       * _conflicts); deleted leaves are not in conflict with anything. */
      for (guint i = 1; i < leaves->len; i++)
        {
          KapLeaf *leaf = g_ptr_array_index (leaves, i);

          if (!leaf->deleted && g_strcmp0 (leaf->rev, kap_document_get_rev (document)) != 0)
            g_strv_builder_add (conflicts, leaf->rev);
        }

      strv = g_strv_builder_end (conflicts);
      if (strv[0] != NULL)
        kap_document_set_conflicts (document, (const char * const *) strv);
    }

  if (flags & KAP_STORE_GET_ATTACHMENTS)
    {
      g_autoptr(JsonObject) attachments = NULL;

      if (!kap_store_tree_attachments (self, rev_num, id, kap_document_get_rev (document),
                                       &attachments, error))
        return NULL;
      if (attachments != NULL)
        kap_document_set_attachments (document, attachments);
    }

  return g_steal_pointer (&document);
}

KapDocument *
kap_store_get (KapStore          *self,
               const char        *id,
               const char        *rev,
               KapStoreGetFlags   flags,
               GError           **error)
{
  KapDocument *document;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  document = get_locked (self, id, rev, flags, error);
  g_mutex_unlock (&self->lock);

  return document;
}

GPtrArray *
kap_store_get_leaves (KapStore    *self,
                      const char  *id,
                      GError     **error)
{
  GPtrArray *leaves = NULL;
  gint64 doc_num;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  doc_num = kap_store_find_doc (self, id, error);
  if (doc_num == 0)
    g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                 _("There is no document “%s”"), id);
  else if (doc_num > 0)
    leaves = kap_store_tree_leaves (self, doc_num, error);
  g_mutex_unlock (&self->lock);

  return leaves;
}

char **
kap_store_revs_diff (KapStore            *self,
                     const char          *id,
                     const char * const  *revs,
                     GError             **error)
{
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  gint64 doc_num;
  gboolean ok = TRUE;

  g_return_val_if_fail (KAP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && revs != NULL, NULL);

  g_mutex_lock (&self->lock);
  doc_num = kap_store_find_doc (self, id, error);
  stmt = doc_num > 0 ? kap_store_statement (self,
                                            "SELECT 1 FROM revs WHERE doc_num = ? AND rev = ?",
                                            error) : NULL;

  for (guint i = 0; ok && revs[i]; i++)
    {
      int rc = SQLITE_DONE;

      if (doc_num < 0 || (doc_num > 0 && stmt == NULL))
        {
          ok = FALSE;
          break;
        }

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, doc_num);
          sqlite3_bind_text (stmt, 2, revs[i], -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }

      if (rc == SQLITE_DONE)
        g_strv_builder_add (missing, revs[i]);
      else if (rc != SQLITE_ROW)
        {
          kap_store_set_error (self, error, rc);
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->lock);

  return ok ? g_strv_builder_end (missing) : NULL;
}

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
