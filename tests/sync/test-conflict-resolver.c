/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-conflict-resolver"

#include "config.h"

#include "kap-canonical-json.h"
#include "kap-conflict-resolver.h"
#include "kap-records.h"
#include "kap-revision.h"

#include "kap-sync-test-util.h"

/* The conflict resolver on real stores, without a server: a pull is
 * simulated by inserting the other laptop's revisions with their history,
 * as the replicator does. The records use the shipped screening@1 form,
 * whose vuln_cat and suggested_services merge as sets. */

#define DOC_ID "screening:0193a5e0-7b2c-7000-8000-0000000000a1"

static KapFormRegistry *forms;

static const char *base_json =
  "{\"type\":\"screening\",\"form\":\"screening@1\",\"station\":\"RS-PRE\",\"status\":\"final\","
  "\"created_by\":\"OFF-1\",\"notes\":\"Arben Krasniqi, first visit\",\"age_years\":30,"
  "\"vuln_cat\":[\"DIS\"],\"suggested_services\":[\"HLT\"],"
  "\"updated_at\":\"2025-03-15T09:00:00Z\",\"updated_by\":\"OFF-1\"}";

static JsonObject *
object_of (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

/* @json with the members of @changes (a JSON object) set. */
static JsonObject *
edited (const char *json,
        const char *changes)
{
  JsonObject *body = object_of (json);
  g_autoptr(JsonObject) change = object_of (changes);
  g_autoptr(GList) members = json_object_get_members (change);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (body, l->data, json_object_dup_member (change, l->data));
  return body;
}

static char *
put_local (KapStore    *store,
           const char  *parent,
           JsonObject  *body)
{
  g_autoptr(KapDocument) document = kap_document_new (DOC_ID, body);
  g_autoptr(GError) error = NULL;
  char *rev;

  kap_document_set_rev (document, parent);
  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);
  return rev;
}

/* A revision @rev made elsewhere, child of @parent (NULL: a root), as a
 * pull inserts it. */
static void
insert_foreign_rev (KapStore   *store,
                    const char *parent,
                    const char *rev,
                    gboolean    deleted,
                    JsonObject *body)
{
  g_autoptr(KapDocument) document = kap_document_new (DOC_ID, body);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *ancestry[] = { rev, parent, NULL };

  kap_document_set_rev (document, rev);
  kap_document_set_deleted (document, deleted);
  kap_document_set_ancestry (document, ancestry);
  g_ptr_array_add (batch, document);
  g_assert_true (kap_store_insert_revisions (store, batch, &error));
  g_assert_no_error (error);
}

/* The same with the revision Kapija computes. */
static char *
insert_foreign (KapStore    *store,
                const char  *parent,
                gboolean     deleted,
                JsonObject  *body)
{
  char *rev = kap_revision_compute (parent, deleted, body, NULL);

  insert_foreign_rev (store, parent, rev, deleted, body);
  return rev;
}

static guint
live_leaves (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leaves = kap_store_get_leaves (store, DOC_ID, &error);
  guint live = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < leaves->len; i++)
    live += !((KapLeaf *) g_ptr_array_index (leaves, i))->deleted;
  return live;
}

static KapDocument *
winner (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  KapDocument *document = kap_store_get (store, DOC_ID, NULL, KAP_STORE_GET_NONE, &error);

  g_assert_no_error (error);
  return document;
}

static char *
member_json (KapDocument *document,
             const char  *name)
{
  JsonNode *node = json_object_get_member (kap_document_get_body (document), name);

  return node ? json_to_string (node, FALSE) : g_strdup ("(absent)");
}

/* The conflict queue, which must hold @expected documents. */
static GPtrArray *
queue_of (KapStore *store,
          guint     expected)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *queue = kap_conflict_resolver_list (store, forms, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, expected);
  return queue;
}

static void
resolve (KapStore *store,
         guint     expect_merged,
         guint     expect_left)
{
  g_autoptr(GError) error = NULL;
  guint merged = 99, left = 99;

  g_assert_true (kap_conflict_resolver_resolve_all (store, forms, &merged, &left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merged, ==, expect_merged);
  g_assert_cmpuint (left, ==, expect_left);
}

/* The base, put here and shared with the server (marked, as a push
 * marks it), then this laptop's edit and the server's edit of it. */
typedef struct
{
  char *base;
  char *ours;
  char *theirs;
} Tree;

static void
tree_clear (Tree *tree)
{
  g_free (tree->base);
  g_free (tree->ours);
  g_free (tree->theirs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tree, tree_clear)

static void
make_tree (KapStore   *store,
           const char *ours_changes,
           const char *theirs_changes,
           Tree       *tree)
{
  g_autoptr(JsonObject) base = object_of (base_json);
  g_autoptr(JsonObject) ours = edited (base_json, ours_changes);
  g_autoptr(JsonObject) theirs = edited (base_json, theirs_changes);
  g_autoptr(GError) error = NULL;

  tree->base = put_local (store, NULL, base);
  g_assert_true (kap_store_mark_base (store, DOC_ID, tree->base, &error));
  g_assert_no_error (error);
  tree->ours = put_local (store, tree->base, ours);
  tree->theirs = insert_foreign (store, tree->base, FALSE, theirs);
  g_assert_cmpuint (live_leaves (store), ==, 2);
}

static const char *ours_clean =
  "{\"notes\":\"Arben Krasniqi, second visit\",\"vuln_cat\":[\"DIS\",\"OLD\"],"
  "\"updated_at\":\"2025-03-15T10:00:00Z\"}";
static const char *theirs_clean =
  "{\"age_years\":31,\"vuln_cat\":[\"PRG\",\"DIS\"],\"suggested_services\":[\"HLT\",\"SHL\"],"
  "\"status\":\"reviewed\",\"updated_at\":\"2025-03-15T11:00:00Z\",\"updated_by\":\"SUP-1\"}";

static void
test_clean_merge (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(KapDocument) merged = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL, *age = NULL, *cats = NULL, *services = NULL, *status = NULL;
  g_autofree char *by = NULL;
  g_autofree char *rev = NULL;

  make_tree (local->store, ours_clean, theirs_clean, &tree);
  resolve (local->store, 1, 0);

  g_assert_cmpuint (live_leaves (local->store), ==, 1);
  merged = winner (local->store);
  notes = member_json (merged, "notes");
  age = member_json (merged, "age_years");
  cats = member_json (merged, "vuln_cat");
  services = member_json (merged, "suggested_services");
  status = member_json (merged, "status");
  by = member_json (merged, "updated_by");
  g_assert_cmpstr (notes, ==, "\"Arben Krasniqi, second visit\"");
  g_assert_cmpint (atoi (age), ==, 31);
  /* Sets: codes added on either side, in the order of the choice list. */
  g_assert_cmpstr (cats, ==, "[\"DIS\",\"OLD\",\"PRG\"]");
  g_assert_cmpstr (services, ==, "[\"HLT\",\"SHL\"]");
  g_assert_cmpstr (status, ==, "\"reviewed\"");
  g_assert_cmpstr (by, ==, "\"SUP-1\"");

  /* Deterministic: the merged revision is a function of its parent and
   * body, and it sits on the winner's branch. */
  rev = kap_revision_compute (kap_revision_compare_winner (tree.ours, FALSE, tree.theirs, FALSE) > 0
                              ? tree.ours : tree.theirs,
                              FALSE, kap_document_get_body (merged), NULL);
  g_assert_cmpstr (kap_document_get_rev (merged), ==, rev);

  /* Nothing left, and a second pass changes nothing. */
  queue = kap_conflict_resolver_list (local->store, forms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 0);
  resolve (local->store, 0, 0);
  {
    g_autoptr(KapDocument) again = winner (local->store);

    g_assert_cmpstr (kap_document_get_rev (again), ==, kap_document_get_rev (merged));
  }
}

static const char *ours_clash =
  "{\"notes\":\"Arben Krasniqi, second visit\",\"age_years\":31,\"updated_at\":\"2025-03-15T10:00:00Z\"}";
static const char *theirs_clash =
  "{\"notes\":\"Arben Krasniqi, moved to Obrenovac\",\"age_years\":32,"
  "\"suggested_services\":[\"HLT\",\"SHL\"],\"updated_at\":\"2025-03-15T11:00:00Z\"}";

static void
test_clash_listed (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  GPtrArray *clashes;
  KapConflict *conflict;
  KapMergeClash *clash;

  make_tree (local->store, ours_clash, theirs_clash, &tree);
  resolve (local->store, 0, 1);
  g_assert_cmpuint (live_leaves (local->store), ==, 2);

  queue = kap_conflict_resolver_list (local->store, forms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  conflict = g_ptr_array_index (queue, 0);
  g_assert_cmpstr (conflict->id, ==, DOC_ID);
  g_assert_cmpstr (conflict->form_key, ==, "screening@1");
  /* Ours is the leaf made on this laptop, whichever of the two wins. */
  g_assert_cmpstr (kap_document_get_rev (conflict->ours), ==, tree.ours);
  g_assert_cmpstr (kap_document_get_rev (conflict->theirs), ==, tree.theirs);
  g_assert_cmpstr (kap_document_get_rev (conflict->base), ==, tree.base);

  /* The clashes name the form's fields, in path order. */
  clashes = kap_merge_result_get_clashes (conflict->merge);
  g_assert_cmpuint (clashes->len, ==, 2);
  clash = g_ptr_array_index (clashes, 0);
  g_assert_cmpstr (clash->path, ==, "age_years");
  g_assert_cmpint (json_node_get_int (clash->base), ==, 30);
  g_assert_cmpint (json_node_get_int (clash->ours), ==, 31);
  g_assert_cmpint (json_node_get_int (clash->theirs), ==, 32);
  clash = g_ptr_array_index (clashes, 1);
  g_assert_cmpstr (clash->path, ==, "notes");
  g_assert_nonnull (kap_form_lookup_field (kap_form_registry_lookup (forms, conflict->form_key),
                                           clash->path));
  g_assert_cmpstr (json_node_get_string (clash->theirs), ==, "Arben Krasniqi, moved to Obrenovac");

  /* Copies are deep enough to outlive the queue. */
  {
    g_autoptr(KapConflict) copy = kap_conflict_copy (conflict);

    g_assert_cmpstr (copy->id, ==, DOC_ID);
    g_assert_true (copy->merge == conflict->merge);
  }

  /* The store keeps both sides untouched until someone chooses. */
  leaves = kap_store_get_leaves (local->store, DOC_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaves->len, ==, 2);
}

static void
test_apply (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(KapDocument) result = NULL;
  g_autofree char *notes = NULL, *age = NULL, *services = NULL, *by = NULL;
  const KapRecordAuthor author = { "SUP-7", "RS-PRE", kap_store_get_device_id (local->store) };
  KapConflict *conflict;
  GPtrArray *clashes;

  make_tree (local->store, ours_clash, theirs_clash, &tree);
  queue = kap_conflict_resolver_list (local->store, forms, &error);
  g_assert_no_error (error);
  conflict = g_ptr_array_index (queue, 0);
  clashes = kap_merge_result_get_clashes (conflict->merge);

  /* Every clash needs a choice. */
  json_object_set_member (choices, "notes",
                          json_node_copy (((KapMergeClash *) g_ptr_array_index (clashes, 1))->theirs));
  g_assert_false (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (live_leaves (local->store), ==, 2);

  /* Theirs for the notes, an edited value for the age. */
  json_object_set_int_member (choices, "age_years", 33);
  g_assert_true (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (live_leaves (local->store), ==, 1);
  result = winner (local->store);
  notes = member_json (result, "notes");
  age = member_json (result, "age_years");
  services = member_json (result, "suggested_services");
  by = member_json (result, "updated_by");
  g_assert_cmpstr (notes, ==, "\"Arben Krasniqi, moved to Obrenovac\"");
  g_assert_cmpstr (age, ==, "33");
  /* What merged cleanly is kept too. */
  g_assert_cmpstr (services, ==, "[\"HLT\",\"SHL\"]");
  g_assert_cmpstr (by, ==, "\"SUP-7\"");

  /* The same conflict again is stale: it no longer exists. */
  g_assert_false (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
}

/* Only a supervisor resolves: an officer's choice, or nobody's, is
 * refused before anything is written. */
static void
test_apply_not_permitted (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) choices = json_object_new ();
  const KapRecordAuthor author = { "OFF-017", "RS-PRE", kap_store_get_device_id (local->store) };
  KapConflict *conflict;
  GPtrArray *clashes;

  make_tree (local->store, ours_clash, theirs_clash, &tree);
  queue = kap_conflict_resolver_list (local->store, forms, &error);
  g_assert_no_error (error);
  conflict = g_ptr_array_index (queue, 0);
  clashes = kap_merge_result_get_clashes (conflict->merge);
  for (guint i = 0; i < clashes->len; i++)
    {
      KapMergeClash *clash = g_ptr_array_index (clashes, i);

      json_object_set_member (choices, clash->path, json_node_copy (clash->theirs));
    }

  g_assert_false (kap_conflict_resolver_apply (local->store, &sync_test_officer, conflict, choices, &author, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (kap_conflict_resolver_apply (local->store, NULL, conflict, choices, &author, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_cmpuint (live_leaves (local->store), ==, 2);

  /* The same choices from a supervisor go through. */
  g_assert_true (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (live_leaves (local->store), ==, 1);
}

/* A conflict that changed between listing and choosing is refused. */
static void
test_apply_stale (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(JsonObject) newer = edited (base_json, "{\"notes\":\"Ayşe Yılmaz was the interpreter\"}");
  g_autofree char *edit = NULL;
  KapConflict *conflict;

  make_tree (local->store, ours_clash, theirs_clash, &tree);
  queue = kap_conflict_resolver_list (local->store, forms, &error);
  g_assert_no_error (error);
  conflict = g_ptr_array_index (queue, 0);
  json_object_set_string_member (choices, "notes", "x");
  json_object_set_int_member (choices, "age_years", 1);

  /* The server's side changed again since. */
  edit = insert_foreign (local->store, tree.theirs, FALSE, newer);
  g_assert_false (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, NULL, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_assert_cmpuint (live_leaves (local->store), ==, 2);
}

/* Copies every revision of @from's document (leaves with their history)
 * into @to, as a sync through the server would. */
static void
replicate (KapStore *from,
           KapStore *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leaves = kap_store_get_leaves (from, DOC_ID, &error);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < leaves->len; i++)
    {
      KapLeaf *leaf = g_ptr_array_index (leaves, i);
      KapDocument *document = kap_store_get (from, DOC_ID, leaf->rev, KAP_STORE_GET_ANCESTRY, &error);

      g_assert_no_error (error);
      g_ptr_array_add (batch, document);
    }
  g_assert_true (kap_store_insert_revisions (to, batch, &error));
  g_assert_no_error (error);
}

static void
test_same_merge_two_laptops (void)
{
  g_autoptr(SyncTestStore) a = sync_test_store_new ();
  g_autoptr(SyncTestStore) b = sync_test_store_new ();
  g_autoptr(JsonObject) base = object_of (base_json);
  g_autoptr(JsonObject) edit_a = edited (base_json, ours_clean);
  g_autoptr(JsonObject) edit_b = edited (base_json, theirs_clean);
  g_autoptr(KapDocument) winner_a = NULL;
  g_autoptr(KapDocument) winner_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_rev = NULL, *rev_a = NULL, *rev_b = NULL;
  g_autofree char *rev_a2 = NULL, *rev_b2 = NULL;

  /* Laptop A made the record and one edit, laptop B the other edit; each
   * then pulled the other's. */
  base_rev = put_local (a->store, NULL, base);
  g_assert_true (kap_store_mark_base (a->store, DOC_ID, base_rev, &error));
  g_assert_no_error (error);
  rev_b2 = insert_foreign (b->store, NULL, FALSE, base);
  g_assert_cmpstr (rev_b2, ==, base_rev);
  g_assert_true (kap_store_mark_base (b->store, DOC_ID, base_rev, &error));
  g_assert_no_error (error);

  rev_a = put_local (a->store, base_rev, edit_a);
  rev_b = put_local (b->store, base_rev, edit_b);
  rev_a2 = insert_foreign (b->store, base_rev, FALSE, edit_a);
  g_free (rev_b2);
  rev_b2 = insert_foreign (a->store, base_rev, FALSE, edit_b);
  g_assert_cmpstr (rev_a2, ==, rev_a);
  g_assert_cmpstr (rev_b2, ==, rev_b);

  /* Each merges on its own, from its own point of view ("ours" differs). */
  resolve (a->store, 1, 0);
  resolve (b->store, 1, 0);
  winner_a = winner (a->store);
  winner_b = winner (b->store);
  g_assert_cmpstr (kap_document_get_rev (winner_a), ==, kap_document_get_rev (winner_b));

  /* Exchanging the merges creates no new conflict. */
  replicate (a->store, b->store);
  replicate (b->store, a->store);
  g_assert_cmpuint (live_leaves (a->store), ==, 1);
  g_assert_cmpuint (live_leaves (b->store), ==, 1);
  {
    g_autoptr(GPtrArray) leaves_a = kap_store_get_leaves (a->store, DOC_ID, &error);
    g_autoptr(GPtrArray) leaves_b = kap_store_get_leaves (b->store, DOC_ID, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (leaves_a->len, ==, leaves_b->len);
  }
  resolve (a->store, 0, 0);
}

/* Three laptops edited different fields: three live leaves fold into one. */
static void
test_three_leaves (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(JsonObject) third = edited (base_json,
                                        "{\"vuln_cat\":[\"DIS\",\"GBV\"],\"suggested_services\":[\"HLT\",\"MHP\"]}");
  g_autoptr(KapDocument) merged = NULL;
  g_autofree char *third_rev = NULL, *cats = NULL, *services = NULL, *notes = NULL;

  make_tree (local->store, ours_clean, theirs_clean, &tree);
  third_rev = insert_foreign (local->store, tree.base, FALSE, third);
  g_assert_cmpuint (live_leaves (local->store), ==, 3);

  resolve (local->store, 1, 0);
  g_assert_cmpuint (live_leaves (local->store), ==, 1);
  merged = winner (local->store);
  cats = member_json (merged, "vuln_cat");
  services = member_json (merged, "suggested_services");
  notes = member_json (merged, "notes");
  g_assert_cmpstr (cats, ==, "[\"DIS\",\"OLD\",\"PRG\",\"GBV\"]");
  g_assert_cmpstr (services, ==, "[\"HLT\",\"MHP\",\"SHL\"]");
  g_assert_cmpstr (notes, ==, "\"Arben Krasniqi, second visit\"");
}

/* A deletion made elsewhere, against this laptop's edit (@ours_changes
 * NULL: this laptop changed nothing): the base, the local edit (or none)
 * and the server's tombstone, child of the base. */
static void
make_deletion (KapStore   *store,
               const char *ours_changes,
               Tree       *tree)
{
  g_autoptr(JsonObject) base = object_of (base_json);
  g_autoptr(JsonObject) tombstone = object_of ("{\"type\":\"screening\"}");
  g_autoptr(GError) error = NULL;

  tree->base = put_local (store, NULL, base);
  g_assert_true (kap_store_mark_base (store, DOC_ID, tree->base, &error));
  g_assert_no_error (error);
  if (ours_changes != NULL)
    {
      g_autoptr(JsonObject) ours = edited (base_json, ours_changes);

      tree->ours = put_local (store, tree->base, ours);
    }
  else
    {
      /* A touch without change is no change: a sibling of the base's
       * content under a different revision, as another device's save of
       * the same answers would be. */
      g_autoptr(JsonObject) same = object_of (base_json);

      json_object_set_string_member (same, "_local_note", "saved again");
      tree->ours = put_local (store, tree->base, same);
    }
  tree->theirs = insert_foreign (store, tree->base, TRUE, tombstone);
  g_assert_cmpuint (live_leaves (store), ==, 1);
}

static gboolean
is_deleted (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = kap_store_get (store, DOC_ID, NULL, KAP_STORE_GET_DELETED, &error);

  g_assert_no_error (error);
  return kap_document_get_deleted (document);
}

/* Deleted on the server, left alone here: deleted automatically. */
static void
test_deletion_unchanged (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  make_deletion (local->store, NULL, &tree);
  /* The live leaf wins under CouchDB's rule, but the deletion is not
   * forgotten. */
  g_assert_false (is_deleted (local->store));
  ids = kap_store_get_conflicted (local->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_ptr_array_unref);

  resolve (local->store, 1, 0);
  g_assert_cmpuint (live_leaves (local->store), ==, 0);
  g_assert_true (is_deleted (local->store));
  ids = kap_store_get_conflicted (local->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  resolve (local->store, 0, 0);
}

static const char *ours_after_deletion =
  "{\"notes\":\"Arben Krasniqi, came back\",\"age_years\":31,\"updated_at\":\"2025-03-15T10:00:00Z\"}";

/* Deleted on the server, changed here: the whole record clashes, and
 * the supervisor keeps the deletion (data TRUE) or the changes. */
static void
test_deletion_changed (gconstpointer data)
{
  gboolean keep_deletion = GPOINTER_TO_INT (data);
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) choices = json_object_new ();
  const KapRecordAuthor author = { "SUP-7", "RS-PRE", kap_store_get_device_id (local->store) };
  KapConflict *conflict;
  KapMergeClash *clash;
  GPtrArray *clashes;

  make_deletion (local->store, ours_after_deletion, &tree);
  resolve (local->store, 0, 1);
  g_assert_cmpuint (live_leaves (local->store), ==, 1);
  g_assert_false (is_deleted (local->store));

  queue = kap_conflict_resolver_list (local->store, forms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  conflict = g_ptr_array_index (queue, 0);
  g_assert_cmpstr (conflict->form_key, ==, "screening@1");
  g_assert_cmpstr (kap_document_get_rev (conflict->ours), ==, tree.ours);
  g_assert_false (kap_document_get_deleted (conflict->ours));
  g_assert_cmpstr (kap_document_get_rev (conflict->theirs), ==, tree.theirs);
  g_assert_true (kap_document_get_deleted (conflict->theirs));
  clashes = kap_merge_result_get_clashes (conflict->merge);
  g_assert_cmpuint (clashes->len, ==, 1);
  clash = g_ptr_array_index (clashes, 0);
  g_assert_cmpstr (clash->path, ==, "");
  g_assert_nonnull (clash->ours);
  g_assert_null (clash->theirs);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (clash->ours), "notes"), ==,
                   "Arben Krasniqi, came back");

  /* A number is no choice for the whole record. */
  json_object_set_int_member (choices, "", 3);
  g_assert_false (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  if (keep_deletion)
    json_object_set_null_member (choices, "");
  else
    json_object_set_member (choices, "", json_node_copy (clash->ours));
  g_assert_true (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_no_error (error);

  g_assert_cmpint (is_deleted (local->store), ==, keep_deletion);
  g_assert_cmpuint (live_leaves (local->store), ==, keep_deletion ? 0 : 1);
  if (!keep_deletion)
    {
      g_autoptr(KapDocument) kept = winner (local->store);
      g_autofree char *notes = member_json (kept, "notes");
      g_autofree char *by = member_json (kept, "updated_by");

      g_assert_cmpstr (notes, ==, "\"Arben Krasniqi, came back\"");
      g_assert_cmpstr (by, ==, "\"SUP-7\"");
    }

  ids = kap_store_get_conflicted (local->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = kap_conflict_resolver_list (local->store, forms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 0);
  resolve (local->store, 0, 0);
}

/* Another CouchDB client's tombstone: PouchDB's db.remove () keeps
 * nothing of the body. */
#define FOREIGN_TOMBSTONE_JSON "{}"

/* The reported case: this laptop edited the record; a foreign client that
 * held the base saved it (unchanged, or edited: data TRUE) and resolved
 * the conflict by removing this laptop's revision, keeping its own. That
 * is a resolved conflict: nothing to merge (the merge with the unchanged
 * side used to delete the record) and nothing left for the supervisor
 * (the edited side used to wait for ever as "deleted against edited"). */
static void
test_foreign_resolution (gconstpointer data)
{
  gboolean foreign_edit = GPOINTER_TO_INT (data);
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(JsonObject) base = object_of (base_json);
  g_autoptr(JsonObject) ours = edited (base_json, ours_clash);
  g_autoptr(JsonObject) theirs = foreign_edit ? edited (base_json, theirs_clash) : object_of (base_json);
  g_autoptr(JsonObject) tombstone = object_of (FOREIGN_TOMBSTONE_JSON);
  g_autoptr(KapDocument) kept = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_rev = NULL, *ours_rev = NULL;
  g_autofree char *notes = NULL;

  base_rev = put_local (local->store, NULL, base);
  g_assert_true (kap_store_mark_base (local->store, DOC_ID, base_rev, &error));
  g_assert_no_error (error);
  ours_rev = put_local (local->store, base_rev, ours);
  insert_foreign_rev (local->store, base_rev, "2-0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f", FALSE, theirs);
  insert_foreign_rev (local->store, ours_rev, "3-1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e", TRUE, tombstone);

  resolve (local->store, 0, 0);
  g_assert_false (is_deleted (local->store));
  g_assert_cmpuint (live_leaves (local->store), ==, 1);
  kept = winner (local->store);
  g_assert_cmpstr (kap_document_get_rev (kept), ==, "2-0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f");
  notes = member_json (kept, "notes");
  g_assert_cmpstr (notes, ==, foreign_edit ? "\"Arben Krasniqi, moved to Obrenovac\""
                                           : "\"Arben Krasniqi, first visit\"");
  queue = queue_of (local->store, 0);
}

/* A foreign client's deletion against a side this laptop left unchanged
 * (a save without a change): a Kapija user's deletion would delete the
 * record at once (test_deletion_unchanged), but a foreign tombstone may
 * be a resolution that crossed a merge, so the supervisor decides. */
static void
test_foreign_deletion_unchanged (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(JsonObject) base = object_of (base_json);
  g_autoptr(JsonObject) same = object_of (base_json);
  g_autoptr(JsonObject) tombstone = object_of (FOREIGN_TOMBSTONE_JSON);
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  const KapRecordAuthor author = { "SUP-7", "RS-PRE", kap_store_get_device_id (local->store) };
  g_autofree char *base_rev = NULL, *ours_rev = NULL;
  KapConflict *conflict;
  KapMergeClash *clash;

  base_rev = put_local (local->store, NULL, base);
  g_assert_true (kap_store_mark_base (local->store, DOC_ID, base_rev, &error));
  g_assert_no_error (error);
  json_object_set_string_member (same, "_local_note", "saved again");
  ours_rev = put_local (local->store, base_rev, same);
  insert_foreign_rev (local->store, base_rev, "2-2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d", TRUE, tombstone);

  resolve (local->store, 0, 1);
  g_assert_false (is_deleted (local->store));
  queue = queue_of (local->store, 1);
  conflict = g_ptr_array_index (queue, 0);
  g_assert_cmpstr (kap_document_get_rev (conflict->ours), ==, ours_rev);
  g_assert_true (kap_document_get_deleted (conflict->theirs));
  g_assert_cmpuint (kap_merge_result_get_clashes (conflict->merge)->len, ==, 1);
  clash = g_ptr_array_index (kap_merge_result_get_clashes (conflict->merge), 0);
  g_assert_cmpstr (clash->path, ==, "");
  g_assert_nonnull (clash->base);
  g_assert_nonnull (clash->ours);
  g_assert_null (clash->theirs);

  /* The supervisor keeps the deletion. */
  json_object_set_null_member (choices, "");
  g_assert_true (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_no_error (error);
  g_assert_true (is_deleted (local->store));
  resolve (local->store, 0, 0);
}

/* This laptop merged a conflict (its edit against a foreign client's save
 * without changes) onto its own revision, which won; meanwhile the foreign
 * client resolved the same conflict by removing that revision. By the
 * tree alone the tombstone races the merge, and the merge equals the
 * revision it removed: the automatic merge must not delete the record
 * (as a "deletion against unchanged"), it waits for the supervisor. */
static void
test_foreign_resolution_crossing_merge (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(JsonObject) base = object_of (base_json);
  g_autoptr(JsonObject) ours = edited (base_json, ours_clash);
  g_autoptr(JsonObject) theirs = object_of (base_json);
  g_autoptr(JsonObject) tombstone = object_of (FOREIGN_TOMBSTONE_JSON);
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(KapDocument) merged = NULL;
  g_autoptr(KapDocument) kept = NULL;
  g_autoptr(GError) error = NULL;
  const KapRecordAuthor author = { "SUP-7", "RS-PRE", kap_store_get_device_id (local->store) };
  g_autofree char *base_rev = NULL, *ours_rev = NULL, *notes = NULL, *merge_rev = NULL;
  KapConflict *conflict;

  base_rev = put_local (local->store, NULL, base);
  g_assert_true (kap_store_mark_base (local->store, DOC_ID, base_rev, &error));
  g_assert_no_error (error);
  ours_rev = put_local (local->store, base_rev, ours);
  /* Pushed: the server has it, so its body stays as a merge base. */
  g_assert_true (kap_store_mark_base (local->store, DOC_ID, ours_rev, &error));
  g_assert_no_error (error);
  /* The lowest revision id of its generation: this laptop's wins. */
  insert_foreign_rev (local->store, base_rev, "2-00000000000000000000000000000000", FALSE, theirs);
  resolve (local->store, 1, 0);
  merged = winner (local->store);
  merge_rev = kap_revision_compute (ours_rev, FALSE, kap_document_get_body (merged), NULL);
  g_assert_cmpstr (kap_document_get_rev (merged), ==, merge_rev);

  insert_foreign_rev (local->store, ours_rev, "3-1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e", TRUE, tombstone);
  resolve (local->store, 0, 1);
  g_assert_false (is_deleted (local->store));

  /* The supervisor keeps the record. */
  queue = queue_of (local->store, 1);
  conflict = g_ptr_array_index (queue, 0);
  json_object_set_member (choices, "",
                          json_node_copy (((KapMergeClash *) g_ptr_array_index (kap_merge_result_get_clashes (conflict->merge), 0))->ours));
  g_assert_true (kap_conflict_resolver_apply (local->store, &sync_test_supervisor, conflict, choices, &author, &error));
  g_assert_no_error (error);
  kept = winner (local->store);
  notes = member_json (kept, "notes");
  g_assert_cmpstr (notes, ==, "\"Arben Krasniqi, second visit\"");
  resolve (local->store, 0, 0);
}

/* A merge whose base is no longer kept: this laptop removed a service and
 * merged its edit with a foreign save without changes (on its own
 * revision, whose body the merge then made redundant); the foreign client,
 * resolving the same conflict at the same time, wrote an application's
 * merge (the union of the lists) on that same revision. Without the base
 * nothing tells the service removed here from one added there: the two
 * merges clash instead of bringing the service back silently. */
static void
test_no_base_set_removal (void)
{
  g_autoptr(SyncTestStore) local = sync_test_store_new ();
  g_autoptr(JsonObject) base = object_of (base_json);
  g_autoptr(JsonObject) ours = edited (base_json, "{\"suggested_services\":[],"
                                                  "\"updated_at\":\"2025-03-15T10:00:00Z\"}");
  g_autoptr(JsonObject) theirs = object_of (base_json);
  g_autoptr(JsonObject) union_merge = edited (base_json, "{\"updated_at\":\"2025-03-15T10:00:00Z\","
                                                         "\"updated_by\":\"PDB-1\"}");
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(KapDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_rev = NULL, *ours_rev = NULL, *services = NULL;
  KapConflict *conflict;
  KapMergeClash *clash;

  base_rev = put_local (local->store, NULL, base);
  g_assert_true (kap_store_mark_base (local->store, DOC_ID, base_rev, &error));
  g_assert_no_error (error);
  ours_rev = put_local (local->store, base_rev, ours);
  insert_foreign_rev (local->store, base_rev, "2-00000000000000000000000000000000", FALSE, theirs);
  resolve (local->store, 1, 0);
  merged = winner (local->store);
  /* Pushed: the merge is the base now, and its parent's body is gone. */
  g_assert_true (kap_store_mark_base (local->store, DOC_ID, kap_document_get_rev (merged), &error));
  g_assert_no_error (error);

  insert_foreign_rev (local->store, ours_rev, "3-2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f", FALSE, union_merge);
  g_assert_cmpuint (live_leaves (local->store), ==, 2);
  resolve (local->store, 0, 1);

  queue = queue_of (local->store, 1);
  conflict = g_ptr_array_index (queue, 0);
  g_assert_null (conflict->base);
  g_assert_cmpuint (kap_merge_result_get_clashes (conflict->merge)->len, ==, 1);
  clash = g_ptr_array_index (kap_merge_result_get_clashes (conflict->merge), 0);
  g_assert_cmpstr (clash->path, ==, "suggested_services");
  services = member_json (merged, "suggested_services");
  g_assert_cmpstr (services, ==, "[]");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  forms = kap_form_registry_new ();
  g_assert_true (kap_form_registry_load_builtin (forms, &error));
  g_assert_no_error (error);

  g_test_add_func ("/resolver/clean-merge", test_clean_merge);
  g_test_add_func ("/resolver/clash-listed", test_clash_listed);
  g_test_add_func ("/resolver/apply", test_apply);
  g_test_add_func ("/resolver/apply-stale", test_apply_stale);
  g_test_add_func ("/resolver/apply-not-permitted", test_apply_not_permitted);
  g_test_add_func ("/resolver/same-merge-two-laptops", test_same_merge_two_laptops);
  g_test_add_func ("/resolver/three-leaves", test_three_leaves);
  g_test_add_func ("/resolver/deletion/unchanged", test_deletion_unchanged);
  g_test_add_data_func ("/resolver/deletion/changed/keep-deletion", GINT_TO_POINTER (TRUE),
                        test_deletion_changed);
  g_test_add_data_func ("/resolver/deletion/changed/keep-changes", GINT_TO_POINTER (FALSE),
                        test_deletion_changed);

  g_test_add_data_func ("/resolver/foreign/resolution-unchanged", GINT_TO_POINTER (FALSE),
                        test_foreign_resolution);
  g_test_add_data_func ("/resolver/foreign/resolution-edited", GINT_TO_POINTER (TRUE),
                        test_foreign_resolution);
  g_test_add_func ("/resolver/foreign/deletion-unchanged", test_foreign_deletion_unchanged);
  g_test_add_func ("/resolver/foreign/crossing-merge", test_foreign_resolution_crossing_merge);
  g_test_add_func ("/resolver/no-base/set-removal", test_no_base_set_removal);

  status = g_test_run ();
  g_object_unref (forms);
  return status;
}
