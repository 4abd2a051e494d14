/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "kap-canonical-json.h"
#include "kap-profiles.h"
#include "kap-store.h"
#include "kap-test-server.h"

/* Helpers shared by the sync tests: stores in temporary folders, records
 * of synthetic people, and the comparison of a store with a server
 * database (every document, its leaves, its winner and the winner's body). */

static const char * const sync_test_names[] = {
  "Arben Krasniqi", "Милица Јовановић", "أحمد الحسن", "Ayşe Yılmaz", "Dragana Hodžić",
  "Фатима Петровска", "Besnik Gashi", "Јован Николић", "مريم العلي", "Emre Demir",
  "Lejla Begović", "Никола Стојановски", "Zana Berisha", "يوسف حداد", "Elif Kaya",
};

/* Who may sync and resolve (kap_records_check()), and who may not. */
static const KapProfile sync_test_supervisor = { (char *) "SUP-001", (char *) "Lejla Begović", KAP_ROLE_SUPERVISOR };
static const KapProfile sync_test_officer = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_OFFICER };

typedef struct
{
  char     *dir;
  KapStore *store;
} SyncTestStore;

static inline SyncTestStore *
sync_test_store_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SyncTestStore *self = g_new0 (SyncTestStore, 1);

  self->dir = g_dir_make_tmp ("kapija-sync-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (self->dir, "kapija.db", NULL);
  self->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  return self;
}

static inline void
sync_test_store_free (SyncTestStore *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (self->store);
  dir = g_dir_open (self->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (self->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (self->dir);
  g_free (self->dir);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncTestStore, sync_test_store_free)

static inline char *
sync_test_random_rev (guint gen)
{
  GString *rev = g_string_new (NULL);

  g_string_printf (rev, "%u-", gen);
  for (guint i = 0; i < 32; i++)
    g_string_append_c (rev, "0123456789abcdef"[g_random_int_range (0, 16)]);
  return g_string_free (rev, FALSE);
}

static inline JsonObject *
sync_test_person_body (guint n,
                       const char *type)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "type", type != NULL ? type : "person");
  json_object_set_string_member (body, "name_stated",
                                 sync_test_names[n % G_N_ELEMENTS (sync_test_names)]);
  json_object_set_string_member (body, "sex", n % 2 ? "F" : "M");
  json_object_set_string_member (body, "station", "RS-PRE");
  json_object_set_int_member (body, "n", n);
  return body;
}

/* @n records in @store: every seventh with a second edit, every tenth
 * with a conflicting foreign branch, every eleventh deleted. Returns the
 * number of documents with a conflict made (every tenth). */
static inline guint
sync_test_fill_store (KapStore   *store,
                      guint       n,
                      guint       first,
                      const char *type)
{
  guint conflicts = 0;

  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(JsonObject) body = sync_test_person_body (i, type);
      g_autoptr(KapDocument) document = kap_document_new (NULL, body);
      g_autoptr(GError) error = NULL;
      g_autofree char *rev1 = NULL;
      g_autofree char *rev2 = NULL;

      rev1 = kap_store_put (store, document, &error);
      g_assert_no_error (error);

      /* A conflict needs a local edit beside the foreign branch, else
       * the branch merely extends the first revision. */
      if (i % 7 == 0 || i % 10 == 0)
        {
          json_object_set_string_member (kap_document_get_body (document), "nationality", "SRB");
          rev2 = kap_store_put (store, document, &error);
          g_assert_no_error (error);
        }

      if (i % 10 == 0)
        {
          g_autoptr(JsonObject) other = sync_test_person_body (i, type);
          g_autoptr(KapDocument) foreign = NULL;
          g_autoptr(GPtrArray) batch = g_ptr_array_new ();
          g_autofree char *branch = sync_test_random_rev (2);
          const char *ancestry[] = { branch, rev1, NULL };

          json_object_set_string_member (other, "sex", "X");
          foreign = kap_document_new (kap_document_get_id (document), other);
          kap_document_set_rev (foreign, branch);
          kap_document_set_ancestry (foreign, ancestry);
          g_ptr_array_add (batch, foreign);
          kap_store_insert_revisions (store, batch, &error);
          g_assert_no_error (error);
          conflicts++;
        }
      else if (i % 11 == 0)
        {
          g_autofree char *deleted = kap_store_delete (store, kap_document_get_id (document),
                                                       kap_document_get_rev (document), &error);
          g_assert_no_error (error);
        }
    }

  return conflicts;
}

/* Documents with their revision paths, straight into a server database
 * (new_edits:false): @n records, every tenth with two branches, every
 * eleventh with a deleted first branch. Returns the number of documents
 * with two live leaves. */
static inline guint
sync_test_fill_server (KapTestServer *server,
                       const char    *database,
                       guint          n,
                       guint          first)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", database);
  guint conflicts = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "new_edits");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "docs");
  json_builder_begin_array (builder);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = kap_document_generate_id ("person");
      g_autofree char *rev1 = sync_test_random_rev (1);
      guint branches = i % 10 == 0 ? 2 : 1;

      for (guint b = 0; b < branches; b++)
        {
          g_autoptr(JsonObject) body = sync_test_person_body (i, NULL);
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
          g_autofree char *rev2 = sync_test_random_rev (2);
          gboolean deleted = i % 11 == 0 && b == 0;
          JsonObject *revisions = json_object_new ();
          JsonArray *ids = json_array_new ();

          if (b == 1)
            json_object_set_string_member (body, "sex", "X");
          json_object_set_string_member (body, "_id", id);
          json_object_set_string_member (body, "_rev", rev2);
          if (deleted)
            json_object_set_boolean_member (body, "_deleted", TRUE);
          json_object_set_int_member (revisions, "start", 2);
          json_array_add_string_element (ids, rev2 + 2);
          json_array_add_string_element (ids, rev1 + 2);
          json_object_set_array_member (revisions, "ids", ids);
          json_object_set_object_member (body, "_revisions", revisions);
          json_node_set_object (node, body);
          json_builder_add_value (builder, g_steal_pointer (&node));
        }
      /* A deleted branch is no conflict. */
      if (branches == 2 && i % 11 != 0)
        conflicts++;
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);

  reply = kap_test_server_request (server, "POST", path, request, NULL, &error);
  g_assert_no_error (error);
  return conflicts;
}

static inline int
sync_test_compare_strings (gconstpointer a,
                           gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static inline GPtrArray *
sync_test_strv_sorted (JsonArray *changes)
{
  GPtrArray *revs = g_ptr_array_new_with_free_func (g_free);

  for (guint j = 0; j < json_array_get_length (changes); j++)
    g_ptr_array_add (revs, g_strdup (json_object_get_string_member (json_array_get_object_element (changes, j), "rev")));
  g_ptr_array_sort (revs, sync_test_compare_strings);
  return revs;
}

/* Every document of @database (but design documents) is in @store with
 * the same leaves, the same winner and deleted flag, and the same winner
 * body, and the store has no other documents. Returns how many documents
 * the two share. */
static inline guint
sync_test_assert_same (KapTestServer *server,
                       const char    *database,
                       KapStore      *store)
{
  g_autofree char *changes_path = g_strdup_printf ("/%s/_changes?style=all_docs", database);
  g_autofree char *docs_path = g_strdup_printf ("/%s/_all_docs?include_docs=true", database);
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(JsonNode) all_docs = NULL;
  g_autoptr(GHashTable) winners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) store_changes = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *results, *rows;
  guint n = 0;

  changes = kap_test_server_request (server, "GET", changes_path, NULL, NULL, &error);
  g_assert_no_error (error);
  all_docs = kap_test_server_request (server, "GET", docs_path, NULL, NULL, &error);
  g_assert_no_error (error);

  rows = json_object_get_array_member (json_node_get_object (all_docs), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_hash_table_insert (winners, g_strdup (json_object_get_string_member (row, "id")),
                           json_object_ref (json_object_get_object_member (row, "doc")));
    }

  results = json_object_get_array_member (json_node_get_object (changes), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *id = json_object_get_string_member (result, "id");
      g_autoptr(GPtrArray) server_leaves = NULL;
      g_autoptr(GPtrArray) store_leaves = NULL;
      g_autoptr(GPtrArray) store_revs = g_ptr_array_new ();
      gboolean server_deleted = json_object_get_boolean_member_with_default (result, "deleted", FALSE);
      KapLeaf *winner;
      JsonObject *server_doc;

      if (g_str_has_prefix (id, "_design/"))
        continue;

      server_leaves = sync_test_strv_sorted (json_object_get_array_member (result, "changes"));
      store_leaves = kap_store_get_leaves (store, id, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < store_leaves->len; j++)
        g_ptr_array_add (store_revs, ((KapLeaf *) g_ptr_array_index (store_leaves, j))->rev);
      g_ptr_array_sort (store_revs, sync_test_compare_strings);

      /* As one string with the id, so that a failure says which document. */
      {
        g_autoptr(GString) store_text = g_string_new (id);
        g_autoptr(GString) server_text = g_string_new (id);

        for (guint j = 0; j < store_revs->len; j++)
          g_string_append_printf (store_text, " %s", (const char *) g_ptr_array_index (store_revs, j));
        for (guint j = 0; j < server_leaves->len; j++)
          g_string_append_printf (server_text, " %s", (const char *) g_ptr_array_index (server_leaves, j));
        g_assert_cmpstr (store_text->str, ==, server_text->str);
      }

      winner = g_ptr_array_index (store_leaves, 0);
      g_assert_cmpint (winner->deleted, ==, server_deleted);

      server_doc = g_hash_table_lookup (winners, id);
      if (server_deleted)
        g_assert_null (server_doc);
      else
        {
          g_autoptr(KapDocument) document = NULL;
          g_autoptr(JsonObject) server_body = json_object_new ();
          g_autoptr(GList) members = NULL;
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;

          g_assert_nonnull (server_doc);
          g_assert_cmpstr (json_object_get_string_member (server_doc, "_rev"), ==, winner->rev);
          document = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, &error);
          g_assert_no_error (error);
          members = json_object_get_members (server_doc);
          for (GList *l = members; l != NULL; l = l->next)
            if (((const char *) l->data)[0] != '_')
              json_object_set_member (server_body, l->data,
                                      json_node_copy (json_object_get_member (server_doc, l->data)));
          a = kap_canonical_json_object (kap_document_get_body (document), TRUE);
          b = kap_canonical_json_object (server_body, TRUE);
          g_assert_cmpstr (a, ==, b);
        }
      n++;
    }

  /* Nothing in the store the server lacks. */
  store_changes = kap_store_changes (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (store_changes->len, ==, n);

  return n;
}

/* The number of leaf revisions in @store: what a full push sends. */
static inline guint
sync_test_count_leaves (KapStore *store)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  changes = kap_store_changes (store, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    n += g_strv_length (((KapChange *) g_ptr_array_index (changes, i))->leaves);
  return n;
}
