/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-canonical-json.h"
#include "kap-revision.h"
#include "kap-store-private.h"
#include "kap-test-store-fixture.h"

static char *
winner_of (KapStore   *store,
           const char *id,
           gboolean   *deleted)
{
  g_autoptr(GPtrArray) leaves = kap_store_get_leaves (store, id, NULL);
  KapLeaf *winner;

  g_assert_nonnull (leaves);
  winner = g_ptr_array_index (leaves, 0);
  if (deleted)
    *deleted = winner->deleted;
  return g_strdup (winner->rev);
}

/* The one number @sql (whose parameters are @id and, unless NULL, @rev)
 * selects from the store. */
static gint64
select_number (KapStore   *store,
               const char *sql,
               const char *id,
               const char *rev)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (rev != NULL)
    sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Counts the revisions of a document whose body is still stored. */
static guint
bodies_kept (KapStore   *store,
             const char *id)
{
  return (guint) select_number (store,
                                "SELECT count(*) FROM revs r JOIN docs d USING (doc_num) "
                                "WHERE d.id = ? AND r.body IS NOT NULL", id, NULL);
}

static void
test_insert_idempotent (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(KapDocument) doc = test_foreign ("person:p", FALSE, "{\"type\":\"person\",\"v\":3}",
                                             "3-ccc", "2-bbb", "1-aaa", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(KapDocument) read = NULL;
  gint64 seq;

  g_assert_true (test_insert (fixture->store, doc, &error));
  g_assert_no_error (error);
  seq = kap_store_get_last_seq (fixture->store);

  g_assert_true (test_insert (fixture->store, doc, &error));
  g_assert_true (test_insert (fixture->store, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, seq);

  read = kap_store_get (fixture->store, "person:p", NULL, KAP_STORE_GET_ANCESTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (read), ==, "3-ccc");
  g_assert_cmpuint (g_strv_length ((char **) kap_document_get_ancestry (read)), ==, 3);
  g_assert_cmpstr (kap_document_get_ancestry (read)[2], ==, "1-aaa");

  /* Inserting an ancestor later changes nothing either. */
  {
    g_autoptr(KapDocument) older = test_foreign ("person:p", FALSE, "{\"type\":\"person\",\"v\":2}",
                                                 "2-bbb", "1-aaa", NULL);
    g_autofree char *winner = NULL;

    g_assert_true (test_insert (fixture->store, older, &error));
    winner = winner_of (fixture->store, "person:p", NULL);
    g_assert_cmpstr (winner, ==, "3-ccc");
    g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, seq);
  }

  changes = kap_store_changes (fixture->store, 0, 0, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((KapChange *) changes->pdata[0])->leaves[0], ==, "3-ccc");
  g_assert_null (((KapChange *) changes->pdata[0])->leaves[1]);
}

static void
test_conflicts_and_winner (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  KapDocument *paths[] = {
    test_foreign ("s:1", FALSE, "{\"v\":\"b\"}", "3-bbbb", "2-x", "1-root", NULL),
    test_foreign ("s:1", FALSE, "{\"v\":\"a\"}", "3-aaaa", "2-x", "1-root", NULL),
    /* Longer, but deleted: loses to any live leaf. */
    test_foreign ("s:1", TRUE, "{}", "5-dddd", "4-y", "3-z", "2-x", "1-root", NULL),
    /* Shorter live branch from the root. */
    test_foreign ("s:1", FALSE, "{\"v\":\"s\"}", "2-ffff", "1-root", NULL),
  };
  KapChange *change;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_true (test_insert (fixture->store, paths[i], &error));
      g_assert_no_error (error);
      g_object_unref (paths[i]);
    }

  leaves = kap_store_get_leaves (fixture->store, "s:1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leaves->len, ==, 4);
  g_assert_cmpstr (((KapLeaf *) leaves->pdata[0])->rev, ==, "3-bbbb");
  g_assert_cmpstr (((KapLeaf *) leaves->pdata[1])->rev, ==, "3-aaaa");
  g_assert_cmpstr (((KapLeaf *) leaves->pdata[2])->rev, ==, "2-ffff");
  g_assert_cmpstr (((KapLeaf *) leaves->pdata[3])->rev, ==, "5-dddd");
  g_assert_true (((KapLeaf *) leaves->pdata[3])->deleted);

  read = kap_store_get (fixture->store, "s:1", NULL, KAP_STORE_GET_CONFLICTS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (read), ==, "3-bbbb");
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (read), "v"), ==, "b");
  g_assert_cmpstr (kap_document_get_conflicts (read)[0], ==, "3-aaaa");
  g_assert_cmpstr (kap_document_get_conflicts (read)[1], ==, "2-ffff");
  g_assert_null (kap_document_get_conflicts (read)[2]);

  changes = kap_store_changes (fixture->store, 0, 0, &error);
  change = changes->pdata[0];
  g_assert_cmpstr (change->rev, ==, "3-bbbb");
  g_assert_cmpstr (change->leaves[3], ==, "5-dddd");

  /* Resolve by deleting the losers: the winner stays, conflicts go. */
  {
    g_autofree char *t1 = kap_store_delete (fixture->store, "s:1", "3-aaaa", &error);
    g_autofree char *t2 = kap_store_delete (fixture->store, "s:1", "2-ffff", &error);
    g_autoptr(KapDocument) resolved = NULL;

    g_assert_no_error (error);
    resolved = kap_store_get (fixture->store, "s:1", NULL, KAP_STORE_GET_CONFLICTS, &error);
    g_assert_cmpstr (kap_document_get_rev (resolved), ==, "3-bbbb");
    g_assert_null (kap_document_get_conflicts (resolved));
  }
  g_assert_true (kap_store_check (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_all_deleted_winner (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(KapDocument) one = test_foreign ("d:1", TRUE, "{}", "2-aa", "1-r", NULL);
  g_autoptr(KapDocument) two = test_foreign ("d:1", TRUE, "{}", "3-bb", "2-bx", "1-r", NULL);
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *winner = NULL;
  gboolean deleted = FALSE;

  g_assert_true (test_insert (fixture->store, one, &error));
  g_assert_true (test_insert (fixture->store, two, &error));
  g_assert_no_error (error);

  winner = winner_of (fixture->store, "d:1", &deleted);
  g_assert_cmpstr (winner, ==, "3-bb");
  g_assert_true (deleted);
  g_assert_cmpuint (kap_store_count (fixture->store, NULL, NULL), ==, 0);

  read = kap_store_get (fixture->store, "d:1", NULL, KAP_STORE_GET_NONE, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
}

static void
test_stemmed_path (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(KapDocument) local = test_foreign ("m:1", FALSE, "{\"v\":1}", "2-b", "1-a", NULL);
  /* A path stemmed by the sender's revs_limit: its oldest known revision
   * is 3-c, whose parent we never heard of, so it becomes a second root. */
  g_autoptr(KapDocument) stemmed = test_foreign ("m:1", FALSE, "{\"v\":2}", "5-e", "4-d", "3-c", NULL);
  /* And a path that joins the tree in the middle. */
  g_autoptr(KapDocument) joining = test_foreign ("m:1", FALSE, "{\"v\":3}", "6-f", "5-e", NULL);
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (test_insert (fixture->store, local, &error));
  g_assert_true (test_insert (fixture->store, stemmed, &error));
  g_assert_true (test_insert (fixture->store, joining, &error));
  g_assert_no_error (error);

  leaves = kap_store_get_leaves (fixture->store, "m:1", &error);
  g_assert_cmpuint (leaves->len, ==, 2);
  g_assert_cmpstr (((KapLeaf *) leaves->pdata[0])->rev, ==, "6-f");
  g_assert_cmpstr (((KapLeaf *) leaves->pdata[1])->rev, ==, "2-b");

  read = kap_store_get (fixture->store, "m:1", NULL, KAP_STORE_GET_ANCESTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) kap_document_get_ancestry (read)), ==, 4);
  g_assert_cmpstr (kap_document_get_ancestry (read)[3], ==, "3-c");
}

static void
assert_single_leaf (KapStore   *store,
                    const char *id,
                    const char *rev)
{
  g_autoptr(GPtrArray) leaves = kap_store_get_leaves (store, id, NULL);

  g_assert_cmpuint (leaves->len, ==, 1);
  g_assert_cmpstr (((KapLeaf *) leaves->pdata[0])->rev, ==, rev);
}

/* Pieces of one branch that arrived separately are joined when the whole
 * path arrives, as CouchDB's key tree merge does: no false leaves. */
static void
test_stemmed_pieces_joined (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KapDocument *first[] = {
    test_foreign ("j:1", FALSE, "{\"v\":4}", "4-dd", "3-cc", NULL),
    test_foreign ("j:1", FALSE, "{\"v\":2}", "2-bb", "1-aa", NULL),
    test_foreign ("j:1", FALSE, "{\"v\":4}", "4-dd", "3-cc", "2-bb", "1-aa", NULL),
  };
  KapDocument *second[] = {
    test_foreign ("j:2", FALSE, "{}", "1-aa", NULL),
    test_foreign ("j:2", FALSE, "{}", "2-bb", NULL),
    test_foreign ("j:2", FALSE, "{}", "3-cc", "2-bb", "1-aa", NULL),
  };
  gint64 seq;

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      g_assert_true (test_insert (fixture->store, first[i], &error));
      g_assert_true (test_insert (fixture->store, second[i], &error));
      g_assert_no_error (error);
    }
  assert_single_leaf (fixture->store, "j:1", "4-dd");
  assert_single_leaf (fixture->store, "j:2", "3-cc");

  /* And joining is idempotent too. */
  seq = kap_store_get_last_seq (fixture->store);
  g_assert_true (test_insert (fixture->store, first[2], &error));
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, seq);

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      g_object_unref (first[i]);
      g_object_unref (second[i]);
    }
  g_assert_true (kap_store_check (fixture->store, &error));
}

static void
test_bad_history (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(KapDocument) gap = test_foreign ("x:1", FALSE, "{}", "4-d", "2-b", NULL);
  g_autoptr(KapDocument) wrong_head = test_foreign ("x:1", FALSE, "{}", "2-b", "1-a", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (test_insert (fixture->store, gap, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  kap_document_set_rev (wrong_head, "3-c");
  g_assert_false (test_insert (fixture->store, wrong_head, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, 0);
}

static void
test_revs_diff (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(KapDocument) doc = test_foreign ("r:1", FALSE, "{}", "2-b", "1-a", NULL);
  const char *asked[] = { "1-a", "2-b", "2-z", "3-c", NULL };
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) unknown = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (test_insert (fixture->store, doc, &error));
  missing = kap_store_revs_diff (fixture->store, "r:1", asked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (missing), ==, 2);
  g_assert_cmpstr (missing[0], ==, "2-z");
  g_assert_cmpstr (missing[1], ==, "3-c");

  unknown = kap_store_revs_diff (fixture->store, "r:unknown", asked, &error);
  g_assert_cmpuint (g_strv_length (unknown), ==, 4);
}

static void
test_compaction_keeps_bases (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(KapDocument) doc = test_document ("c:1", "{\"type\":\"screening\",\"v\":1}");
  g_autoptr(KapDocument) base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL;

  r1 = kap_store_put (fixture->store, doc, &error);
  g_assert_cmpuint (bodies_kept (fixture->store, "c:1"), ==, 1);

  /* r1 is what the server has (as the sync will say). */
  g_assert_true (kap_store_mark_base (fixture->store, "c:1", r1, &error));
  g_assert_no_error (error);

  json_object_set_int_member (kap_document_get_body (doc), "v", 2);
  r2 = kap_store_put (fixture->store, doc, &error);
  json_object_set_int_member (kap_document_get_body (doc), "v", 3);
  r3 = kap_store_put (fixture->store, doc, &error);
  g_assert_no_error (error);

  /* Leaf r3 and base r1 keep their bodies; r2 is compacted. */
  g_assert_cmpuint (bodies_kept (fixture->store, "c:1"), ==, 2);
  base = kap_store_get (fixture->store, "c:1", r1, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (kap_document_get_body (base), "v"), ==, 1);

  /* A newer base on the same branch replaces the old one. */
  g_assert_true (kap_store_mark_base (fixture->store, "c:1", r3, &error));
  json_object_set_int_member (kap_document_get_body (doc), "v", 4);
  r4 = kap_store_put (fixture->store, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bodies_kept (fixture->store, "c:1"), ==, 2);   /* r3 and r4 */

  /* A compacted revision cannot become a base. */
  g_assert_false (kap_store_mark_base (fixture->store, "c:1", r2, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
}

static void
test_branch_point_body_kept (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(KapDocument) doc = test_document ("b:1", "{\"v\":\"base\"}");
  g_autoptr(KapDocument) theirs = NULL;
  g_autoptr(KapDocument) base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL;

  r1 = kap_store_put (fixture->store, doc, &error);
  /* The sync pushed r1: it is what both sides had. */
  g_assert_true (kap_store_mark_base (fixture->store, "b:1", r1, &error));
  theirs = test_foreign ("b:1", FALSE, "{\"v\":\"server\"}", "2-0000", r1, NULL);
  g_assert_true (test_insert (fixture->store, theirs, &error));
  json_object_set_string_member (kap_document_get_body (doc), "v", "laptop");
  /* r1 is no longer a leaf but it is the common ancestor of two branches:
   * a three-way merge needs it. */
  kap_document_set_rev (doc, r1);
  g_assert_null (kap_store_put (fixture->store, doc, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  {
    g_autoptr(KapDocument) mine = test_foreign ("b:1", FALSE, "{\"v\":\"laptop\"}", "2-ffff", r1, NULL);
    g_assert_true (test_insert (fixture->store, mine, &error));
  }
  g_assert_no_error (error);

  /* The server's branch becomes the newest base, so r1 is no longer one,
   * yet its body stays: it is the branch point of the two leaves. */
  g_assert_true (kap_store_mark_base (fixture->store, "b:1", "2-0000", &error));
  base = kap_store_get (fixture->store, "b:1", r1, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (base), "v"), ==, "base");
  r2 = winner_of (fixture->store, "b:1", NULL);
  g_assert_cmpstr (r2, ==, "2-ffff");
}

static void
test_same_edit_same_revision (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("kapija-twin-XXXXXX", NULL);
  g_autofree char *twin_path = g_build_filename (dir, "twin.db", NULL);
  g_autoptr(KapStore) twin = kap_store_open (twin_path, KAP_STORE_OPEN_CREATE, NULL);
  g_autoptr(KapDocument) a = test_document ("t:1", "{\"type\":\"referral\",\"service\":\"CPG\"}");
  g_autoptr(KapDocument) b = test_document ("t:1", "{\"service\":\"CPG\",\"type\":\"referral\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *ra = NULL, *rb = NULL;

  /* Two laptops making the same edit make the same revision: replicating
   * one into the other then creates no conflict. */
  ra = kap_store_put (fixture->store, a, &error);
  rb = kap_store_put (twin, b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ra, ==, rb);

  {
    g_autoptr(KapDocument) from_twin = kap_store_get (twin, "t:1", NULL, KAP_STORE_GET_ANCESTRY, &error);
    g_autoptr(GPtrArray) leaves = NULL;

    g_assert_true (test_insert (fixture->store, from_twin, &error));
    leaves = kap_store_get_leaves (fixture->store, "t:1", &error);
    g_assert_cmpuint (leaves->len, ==, 1);
  }

  g_clear_object (&twin);
  {
    g_autofree char *wal = g_strconcat (twin_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (twin_path, "-shm", NULL);
    g_unlink (twin_path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

/* The generation stored for @rev of @id. */
static gint64
stored_generation (KapStore   *store,
                   const char *id,
                   const char *rev)
{
  return select_number (store,
                        "SELECT r.generation FROM revs r JOIN docs d USING (doc_num) "
                        "WHERE d.id = ? AND r.rev = ?", id, rev);
}

/* A document replicated at @rev (parent @parent), marked as a merge base,
 * and edited here: the edit's revision, checked in the store, its history
 * and _revisions. */
static char *
edit_replicated (KapStore   *store,
                 const char *id,
                 const char *rev,
                 const char *parent,
                 gint64      expected_generation)
{
  g_autoptr(KapDocument) replicated = test_foreign (id, FALSE, "{\"type\":\"person\",\"v\":1}",
                                                    rev, parent, NULL);
  g_autoptr(KapDocument) edit = NULL;
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *winner = NULL;
  JsonObject *revisions;
  char *new_rev;
  gint64 generation = 0;

  /* As a pull leaves it: the base of later merges. */
  g_assert_true (test_insert (store, replicated, &error));
  g_assert_no_error (error);
  g_assert_true (kap_store_mark_base (store, id, rev, &error));
  g_assert_no_error (error);

  edit = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  json_object_set_int_member (kap_document_get_body (edit), "v", 2);
  new_rev = kap_store_put (store, edit, &error);
  g_assert_no_error (error);

  g_assert_true (kap_revision_parse (new_rev, &generation, NULL));
  g_assert_cmpint (generation, ==, expected_generation);
  g_assert_cmpint (stored_generation (store, id, new_rev), ==, expected_generation);
  winner = winner_of (store, id, NULL);
  g_assert_cmpstr (winner, ==, new_rev);

  /* What replication sends: _revisions from the edit's generation down. */
  read = kap_store_get (store, id, NULL, KAP_STORE_GET_ANCESTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_ancestry (read)[1], ==, rev);
  object = kap_document_to_object (read);
  revisions = json_object_get_object_member (object, "_revisions");
  g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, expected_generation);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 3);

  return new_rev;
}

/* Past 32 bits: a document at generation 2147483647 edited here becomes
 * 2147483648, which the store keeps, orders and sends; and a conflict
 * past 2^31 finds its base by generation, as below. */
static void
test_generation_past_int32 (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autofree char *edited = edit_replicated (fixture->store, "person:int32",
                                             "2147483647-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                             "2147483646-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                                             G_GINT64_CONSTANT (2147483648));
  g_autofree char *ours_rev = edit_replicated (fixture->store, "person:conflict",
                                               "2147483648-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                               "2147483647-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                                               G_GINT64_CONSTANT (2147483649));
  g_autoptr(KapDocument) theirs = test_foreign ("person:conflict", FALSE, "{\"type\":\"person\",\"v\":3}",
                                                "2147483649-ffffffffffffffffffffffffffffffff",
                                                "2147483648-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL);
  g_autoptr(KapDocument) base = NULL, ours = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (test_insert (fixture->store, theirs, &error));
  g_assert_no_error (error);
  g_assert_true (kap_store_get_merge_inputs (fixture->store, "person:conflict", &base, &ours, &others, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (base), ==, "2147483648-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  g_assert_cmpuint (others->len, ==, 1);
}

/* At the top of int64: G_MAXINT64 - 1 edited is G_MAXINT64, and that one
 * can be replicated but not edited: refused, the store unchanged. */
static void
test_generation_last (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *last = edit_replicated (fixture->store, "person:max",
                                           "9223372036854775806-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                           "9223372036854775805-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                                           G_MAXINT64);
  g_autoptr(KapDocument) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *winner = NULL;
  gint64 seq = kap_store_get_last_seq (fixture->store);

  edit = kap_store_get (fixture->store, "person:max", NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  json_object_set_int_member (kap_document_get_body (edit), "v", 3);
  refused = kap_store_put (fixture->store, edit, &error);
  g_assert_null (refused);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  winner = winner_of (fixture->store, "person:max", NULL);
  g_assert_cmpstr (winner, ==, last);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, seq);

  /* A history that skips a generation up there is still refused. */
  {
    g_autoptr(KapDocument) gap = test_foreign ("person:gap", FALSE, "{\"type\":\"person\"}",
                                               "9223372036854775807-cccccccccccccccccccccccccccccccc",
                                               "9223372036854775805-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL);

    g_assert_false (test_insert (fixture->store, gap, &error));
    g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

  ADD ("/store/tree/insert-idempotent", test_insert_idempotent);
  ADD ("/store/tree/conflicts-and-winner", test_conflicts_and_winner);
  ADD ("/store/tree/all-deleted-winner", test_all_deleted_winner);
  ADD ("/store/tree/stemmed-path", test_stemmed_path);
  ADD ("/store/tree/stemmed-pieces-joined", test_stemmed_pieces_joined);
  ADD ("/store/tree/bad-history", test_bad_history);
  ADD ("/store/tree/revs-diff", test_revs_diff);
  ADD ("/store/tree/compaction-keeps-bases", test_compaction_keeps_bases);
  ADD ("/store/tree/branch-point-body-kept", test_branch_point_body_kept);
  ADD ("/store/tree/same-edit-same-revision", test_same_edit_same_revision);
  ADD ("/store/tree/generation-past-int32", test_generation_past_int32);
  ADD ("/store/tree/generation-last", test_generation_last);

  return g_test_run ();
}
