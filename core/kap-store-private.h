/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "kap-store.h"

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
};

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
gboolean      kap_store_begin_write    (KapStore      *self,
                                        GError       **error);
gboolean      kap_store_commit         (KapStore      *self,
                                        GError       **error);
void          kap_store_rollback       (KapStore      *self);
gint64        kap_store_next_seq       (KapStore      *self,
                                        GError       **error);
gint64        kap_store_find_doc       (KapStore      *self,
                                        const char    *id,
                                        GError       **error);
JsonObject   *kap_store_parse_body     (const char    *text);

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

G_END_DECLS
