/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-store-private.h"
#include "kap-uuid.h"

/* Forward migrations: step N brings a store from version N-1 to N. A step
 * is only ever added, never changed, once it has been released: laptops in
 * the field may sit on any older version. */
typedef struct
{
  const char *sql;
  /* Work SQL cannot do (backfilling derived columns), after the SQL. */
  gboolean  (*run) (sqlite3 *db, GError **error);
} Migration;

/* A migration that failed: the disk is full, or SQLite failed (its own
 * message goes to the debug log only, at the caller). Returns FALSE. */
static gboolean
set_migration_error (GError **error,
                     int      rc,
                     int      version)
{
  g_set_error (error, KAP_STORE_ERROR,
               rc == SQLITE_FULL ? KAP_STORE_ERROR_DISK_FULL : KAP_STORE_ERROR_ENGINE,
               /* Translators: %d is a schema version number. */
               _("Could not upgrade the store to version %d"), version);
  return FALSE;
}

static gboolean add_summaries (sqlite3 *db, GError **error);
static gboolean refresh_summaries (sqlite3 *db, GError **error);

static const Migration migrations[] = {
  { NULL, NULL },

  /* 1: documents and their revision trees. */
  { "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value ANY"
  ") STRICT;"
  "INSERT INTO meta (key, value) VALUES ('last_seq', 0);"
  /* One row per document: its winner and its place in the changes feed. */
  "CREATE TABLE docs ("
  "  doc_num INTEGER PRIMARY KEY,"
  "  id      TEXT NOT NULL UNIQUE,"
  "  type    TEXT,"
  "  winner  INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL,"
  "  seq     INTEGER NOT NULL UNIQUE"
  ") STRICT;"
  /* Every revision known for a document. parent is NULL for a root (which
   * may be a stemmed path, so its generation can be above 1). body is the
   * canonical JSON; it is kept for leaves, branch points and merge bases
   * and NULL for the rest (compacted, or never received). */
  "CREATE TABLE revs ("
  "  rev_num    INTEGER PRIMARY KEY,"
  "  doc_num    INTEGER NOT NULL REFERENCES docs (doc_num) ON DELETE CASCADE,"
  "  rev        TEXT NOT NULL,"
  "  generation INTEGER NOT NULL,"
  "  parent     INTEGER REFERENCES revs (rev_num),"
  "  deleted    INTEGER NOT NULL DEFAULT 0,"
  "  leaf       INTEGER NOT NULL,"
  "  base       INTEGER NOT NULL DEFAULT 0,"
  "  body       TEXT,"
  "  UNIQUE (doc_num, rev)"
  ") STRICT;"
  "CREATE INDEX revs_by_parent ON revs (parent);"
  "CREATE INDEX revs_leaves ON revs (doc_num) WHERE leaf = 1;", NULL },

  /* 2: _local documents (replication checkpoints) and listing by type. */
  { "CREATE TABLE local_docs ("
  "  id   TEXT PRIMARY KEY,"
  "  rev  INTEGER NOT NULL,"
  "  body TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX docs_by_type ON docs (type, id) WHERE deleted = 0;", NULL },

  /* 3: what lists show of a record, kept beside its winner so that a
   * list of 100,000 records never parses their bodies, and the laptop's
   * device id. */
  { "ALTER TABLE docs ADD COLUMN status TEXT;"
    "ALTER TABLE docs ADD COLUMN priority TEXT;"
    "ALTER TABLE docs ADD COLUMN stage TEXT;"
    "ALTER TABLE docs ADD COLUMN categories TEXT;"
    "ALTER TABLE docs ADD COLUMN person_id TEXT;"
    "ALTER TABLE docs ADD COLUMN title TEXT;"
    "ALTER TABLE docs ADD COLUMN title_original TEXT;"
    "ALTER TABLE docs ADD COLUMN name_key TEXT;"
    "ALTER TABLE docs ADD COLUMN updated_at TEXT;"
    "ALTER TABLE docs ADD COLUMN conflicted INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX docs_by_person ON docs (person_id) WHERE person_id IS NOT NULL;",
    add_summaries },

  /* 4: the sync state of each revision (kap-store-origin.c): where it was
   * made (0: unknown, written before this version; 1: on this laptop; 2:
   * elsewhere), whether the server has it, and the server's reason when
   * it refused it. */
  { "ALTER TABLE revs ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE revs ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE revs ADD COLUMN rejected TEXT;", NULL },

  /* 5: what other clients attached to a revision (the canonical JSON of
   * its "_attachments", data inline), kept for leaves so that it goes back
   * to the server with the record and onto a local edit; and the
   * revisions of the server the store could not take
   * (kap-store-sync-state.c), reported at every sync until they are
   * taken or gone. Times are seconds since 1970, UTC. */
  { "ALTER TABLE revs ADD COLUMN attachments TEXT;"
    "CREATE TABLE not_taken ("
    "  id         TEXT NOT NULL,"
    "  rev        TEXT NOT NULL,"
    "  reason     TEXT NOT NULL,"
    "  first_seen INTEGER NOT NULL,"
    "  last_seen  INTEGER NOT NULL,"
    "  PRIMARY KEY (id, rev)"
    ") STRICT;", NULL },

  /* 6: what lists show, made again from the bodies: name keys became
   * ASCII for every script, and a foreign client's resolution tombstone
   * no longer marks a record as in conflict. */
  { "", refresh_summaries },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KAP_STORE_SCHEMA_VERSION + 1);

gboolean
kap_store_schema_migrate (sqlite3  *db,
                          int       from,
                          int       target,
                          GError  **error)
{
  g_return_val_if_fail (from >= 0 && target <= KAP_STORE_SCHEMA_VERSION, FALSE);

  for (int version = from + 1; version <= target; version++)
    {
      g_autofree char *pragmas = NULL;
      char *message = NULL;
      int rc;

      g_debug ("Migrating store to schema version %d", version);

      pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 KAP_STORE_APPLICATION_ID, version);

      rc = sqlite3_exec (db, migrations[version].sql, NULL, NULL, &message);
      if (rc == SQLITE_OK && migrations[version].run != NULL &&
          !migrations[version].run (db, error))
        return FALSE;
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, pragmas, NULL, NULL, &message);

      if (rc != SQLITE_OK)
        {
          g_debug ("Migration to %d failed: %s", version, message);
          sqlite3_free (message);
          return set_migration_error (error, rc, version);
        }
    }

  return TRUE;
}

/* Fills the summary columns of every document from its winner, with the
 * conflict rule of today (KAP_STORE_UNANSWERED_DELETION_SQL). */
static gboolean
backfill_summaries (sqlite3  *db,
                    int       version,
                    GError  **error)
{
  sqlite3_stmt *read = NULL, *write = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT d.doc_num, w.body, "
                           "  (SELECT count(*) FROM revs l WHERE l.doc_num = d.doc_num AND l.leaf = 1 AND l.deleted = 0) > 1 "
                           "  OR (d.deleted = 0 AND EXISTS (SELECT 1 FROM revs t WHERE t.doc_num = d.doc_num AND "
                           KAP_STORE_UNANSWERED_DELETION_SQL ")) "
                           "FROM docs d JOIN revs w ON w.rev_num = d.winner",
                           -1, &read, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, KAP_STORE_SUMMARY_UPDATE_SQL, -1, &write, NULL);

  while (rc == SQLITE_OK && sqlite3_step (read) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) body = kap_store_parse_body ((const char *) sqlite3_column_text (read, 1));

      kap_store_bind_summary (write, body, sqlite3_column_int (read, 2) != 0,
                              sqlite3_column_int64 (read, 0));
      if (sqlite3_step (write) != SQLITE_DONE)
        rc = sqlite3_errcode (db);
      sqlite3_reset (write);
    }

  sqlite3_finalize (read);
  sqlite3_finalize (write);

  if (rc != SQLITE_OK)
    {
      g_debug ("Backfilling summaries failed: %s", sqlite3_errmsg (db));
      return set_migration_error (error, rc, version);
    }

  return TRUE;
}

static gboolean
add_summaries (sqlite3  *db,
               GError  **error)
{
  g_autofree char *device = kap_uuid_v7_new ();
  sqlite3_stmt *write = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES ('device_id', ?)", -1, &write, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (write, 1, device, -1, SQLITE_STATIC);
      rc = sqlite3_step (write) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (write);

  if (rc != SQLITE_OK)
    {
      g_debug ("Adding the device id failed: %s", sqlite3_errmsg (db));
      return set_migration_error (error, rc, 3);
    }

  return backfill_summaries (db, 3, error);
}

static gboolean
refresh_summaries (sqlite3  *db,
                   GError  **error)
{
  return backfill_summaries (db, 6, error);
}
