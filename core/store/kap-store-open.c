/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kap-store-private.h"

/* Opening a store: what kind of file it is, its schema brought up to
 * date, the device id, and what the open store tells about itself. */

#define DEFAULT_BUSY_TIMEOUT_MSEC 5000

static const char sqlite_magic[16] = "SQLite format 3";

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
