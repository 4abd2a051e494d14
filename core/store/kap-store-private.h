/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "kap-store.h"
#include "kap-summary-columns.h"

G_BEGIN_DECLS

/* "KAPJ": PRAGMA application_id of every Kapija store, so that another
 * program's SQLite file is told apart from ours. */
#define KAP_STORE_APPLICATION_ID 0x4b41504a

struct _KapStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static string) → sqlite3_stmt */
  GMutex      lock;
  gboolean    read_only;
  char       *device_id;
  GPtrArray  *changed_ids;  /* documents changed by the open transaction */
  GThread    *thread;       /* the one that opened the store */
  GMainContext *context;    /* its thread-default context then */
};

/* Whether the leaf "t" of the revs table is a deletion no resolution
 * has answered: the conflict rule of kap-store-resolve.c, as an SQL
 * condition, for the queries that need it. */
#define KAP_STORE_UNANSWERED_DELETION_SQL \
  "(t.leaf = 1 AND t.deleted = 1 " \
  " AND coalesce (json_type (t.body, '$.resolved_conflict'), '') != 'true' " \
  " AND ((json_type (t.body, '$.type') = 'text' " \
  "       AND (SELECT count(*) FROM json_each (t.body)) = 1) " \
  "      OR EXISTS (WITH RECURSIVE later (rev_num, leaf, deleted) AS (" \
  "                   SELECT c.rev_num, c.leaf, c.deleted FROM revs c WHERE c.parent = t.parent" \
  "                   UNION ALL SELECT r.rev_num, r.leaf, r.deleted" \
  "                   FROM revs r JOIN later ON r.parent = later.rev_num)" \
  "                 SELECT 1 FROM later WHERE later.leaf = 1 AND later.deleted = 0)))"

/* Sets the summary columns of one document; the parameters are bound by
 * kap_store_bind_summary(). */
#define KAP_STORE_SUMMARY_UPDATE_SQL \
  "UPDATE docs SET status = ?1, priority = ?2, stage = ?3, categories = ?4, " \
  "person_id = ?5, title = ?6, title_original = ?7, name_key = ?8, updated_at = ?9, " \
  "conflicted = ?10 WHERE doc_num = ?11"

/* kap-store-summary.c: binds what lists show of @body (the winner; NULL
 * for one that cannot be read) to a KAP_STORE_SUMMARY_UPDATE_SQL. */
void          kap_store_bind_summary   (sqlite3_stmt  *stmt,
                                        JsonObject    *body,
                                        gboolean       conflicted,
                                        gint64         doc_num);

/* kap-store.c */
sqlite3_stmt *kap_store_statement      (KapStore      *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      kap_store_exec           (KapStore      *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      kap_store_step_done      (KapStore      *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
void          kap_store_set_error      (KapStore      *self,
                                        GError       **error,
                                        int            rc);
void          kap_store_emit_documents_changed (KapStore *self,
                                                GStrv     ids);

/* kap-store-write.c: the one write path. @func runs under the lock in a
 * BEGIN IMMEDIATE transaction; it returns FALSE with @error set to have
 * all of it rolled back. What it changed (kap_store_note_changed(), or
 * kap-store-tree.c for revisions) is emitted as "documents-changed" once
 * committed, on the opener's main context. */
typedef gboolean (*KapStoreWriteFunc) (KapStore  *self,
                                       gpointer   user_data,
                                       GError   **error);
gboolean      kap_store_write          (KapStore           *self,
                                        KapStoreWriteFunc   func,
                                        gpointer            user_data,
                                        GError            **error);
/* kap-store-put.c, with a transaction of kap_store_write() open: makes
 * revision @rev of @doc_num the merge base (its ancestors stop being
 * bases); @marked (nullable): FALSE when @rev is unknown or has no body. */
gboolean      kap_store_set_base       (KapStore      *self,
                                        gint64         doc_num,
                                        const char    *rev,
                                        gboolean      *marked,
                                        GError       **error);
/* With a transaction of kap_store_write() open: @id changed. */
void          kap_store_note_changed   (KapStore      *self,
                                        const char    *id);
gint64        kap_store_next_seq       (KapStore      *self,
                                        GError       **error);
gint64        kap_store_find_doc       (KapStore      *self,
                                        const char    *id,
                                        GError       **error);
/* The doc_num of @id, or -1 with @error set: KAP_STORE_ERROR_NOT_FOUND
 * when there is no such document. */
gint64        kap_store_find_existing_doc (KapStore      *self,
                                           const char    *id,
                                           GError       **error);
/* A stored body, or NULL when it cannot be read (damaged underneath
 * SQLite, or written by a Kapija whose reader was less strict). */
JsonObject   *kap_store_parse_body     (const char    *text);
/* KAP_STORE_ERROR_UNREADABLE for revision @rev (nullable) of @id. */
void          kap_store_set_unreadable_error (GError     **error,
                                              const char  *id,
                                              const char  *rev);
/* KAP_STORE_ERROR_NOT_FOUND for document @id. */
void          kap_store_set_not_found_error (GError     **error,
                                             const char  *id);
/* KAP_STORE_ERROR_NOT_FOUND for revision @rev, or for its body when
 * compaction dropped it. */
void          kap_store_set_revision_not_found_error (GError     **error,
                                                      const char  *rev);

/* kap-store-schema.c: brings @db from its version up to @target. */
gboolean      kap_store_schema_migrate (sqlite3       *db,
                                        int            from,
                                        int            target,
                                        GError       **error);

/* kap-store-tree.c: revision trees, with the write lock held and a
 * transaction open. */
char         *kap_store_tree_put       (KapStore      *self,
                                        KapDocument   *document,
                                        GError       **error);
gboolean      kap_store_tree_insert    (KapStore      *self,
                                        KapDocument   *document,
                                        GError       **error);
GPtrArray    *kap_store_tree_leaves    (KapStore      *self,
                                        gint64         doc_num,
                                        GError       **error);
char        **kap_store_tree_ancestry  (KapStore      *self,
                                        gint64         rev_num,
                                        GError       **error);
/* The attachments kept with @rev_num (of @id's @rev, for the error) in
 * @attachments, NULL when it has none. */
gboolean      kap_store_tree_attachments (KapStore      *self,
                                          gint64         rev_num,
                                          const char    *id,
                                          const char    *rev,
                                          JsonObject   **attachments,
                                          GError       **error);

/* kap-store-resolve.c: whether @doc_num has a deletion that raced an
 * edit (kap_store_get_conflicted()'s rule), with the lock held. */
gboolean      kap_store_has_unanswered_deletion (KapStore *self,
                                                 gint64    doc_num,
                                                 gboolean *found,
                                                 GError  **error);

/* kap-store-summary.c: the summary of every live document (or of the one
 * with @id), in no particular order, as typed rows valid during the call:
 * the columns of core/records/kap-summary-columns.h and the winner's sync
 * state (kap-store-origin.c). */
typedef struct
{
  const char        *id;
  const char        *type;
  const char        *values[KAP_SUMMARY_N_COLUMNS];
  gboolean           conflicted;
  KapRevisionOrigin  origin;
  gboolean           sent;
  gboolean           rejected;
} KapSummaryRow;

typedef void (*KapStoreSummaryFunc) (const KapSummaryRow *row,
                                     gpointer             user_data);
gboolean      kap_store_foreach_summary (KapStore            *self,
                                         const char          *id,
                                         KapStoreSummaryFunc  func,
                                         gpointer             user_data,
                                         GError             **error);
/* The same for one person and the records about them. */
gboolean      kap_store_foreach_summary_of_person (KapStore            *self,
                                                   const char          *person_id,
                                                   KapStoreSummaryFunc  func,
                                                   gpointer             user_data,
                                                   GError             **error);

G_END_DECLS
