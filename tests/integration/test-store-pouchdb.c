/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pouchdb"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "kap-canonical-json.h"
#include "kap-document.h"
#include "kap-store.h"

#include "kap-test-server.h"

/* The store's revision trees against PouchDB Server's, the CouchDB-protocol
 * peer the sync code talks to. Both sides get the same revision paths, as a
 * replicator would deliver them (new_edits=false with the ancestry), in
 * different orders and some of them twice; then, for every document, the
 * winner, its deleted flag, the live conflicts and every leaf must agree.
 *
 * The trees are random (GRand with a printed seed: rerun a failure with
 * --seed=N or KAP_TEST_SEED=N) and each document is built around one of the
 * cases CouchDB's rule has to decide: deleted leaves, a deleted winner,
 * leaves of equal generation (the revision id decides), ids that share a
 * long prefix or differ in their first character, digits against letters,
 * generations 9 against 10, branches of very different length, paths whose
 * oldest revisions are missing (stemmed, starting in the middle of the tree
 * or below it) and a deleted revision that was extended again.
 *
 * The store gets the paths in a random order; PouchDB oldest start first,
 * which avoids a bug of PouchDB's and is the order CouchDB rebuilds a tree
 * in (pouch_order_compare()). A disagreement is reported with the
 * document's paths and the leaves CouchDB's merge by revision id gives, so
 * that it says which side is wrong.
 *
 * Where PouchDB Server 4.2.0 gives each fact (checked with curl):
 *  - POST /db/_all_docs {"keys": [...]}: value.rev is the winner and
 *    value.deleted is true when the winner is a tombstone (a plain GET of
 *    such a document is 404).
 *  - GET /db/_changes?style=all_docs: every leaf, deleted ones included,
 *    and "deleted": true for a deleted winner. Unlike CouchDB the winner is
 *    not first: PouchDB lists the leaves by generation, newest first, ties
 *    in the order it walks its tree, so a leaf set is compared as a set.
 *  - GET /db/ID?conflicts=true&deleted_conflicts=true (live winners only):
 *    _rev is the winner and _conflicts the other live leaves. PouchDB
 *    ignores deleted_conflicts (no _deleted_conflicts member), and its
 *    _conflicts are ordered by generation and then by tree walk, not by
 *    revision id as in CouchDB (e.g. ["3-c1","3-e1","3-91","3-d1"]), so
 *    _conflicts are compared as sets. The store's own order is checked
 *    against CouchDB's documented rule instead, computed here.
 *  - GET /db/ID?open_revs=all: every leaf with its body and _deleted, which
 *    gives the deleted flag of each leaf and the bodies to compare. */

#define N_DOCUMENTS  360
#define DB_NAME      "kapija-revtree"
#define MAX_REPORTS  6

typedef enum
{
  SCENARIO_RANDOM,
  SCENARIO_DELETED_LEAVES,
  SCENARIO_DELETED_WINNER,
  SCENARIO_EQUAL_GENERATION,
  SCENARIO_SHARED_PREFIX,
  SCENARIO_DIFFERENT_LENGTHS,
  SCENARIO_STEMMED,
  SCENARIO_HIGH_GENERATION,
  SCENARIO_RESURRECTED,
  N_SCENARIOS
} Scenario;

static const char * const scenario_names[N_SCENARIOS] = {
  "random",
  "deleted leaves",
  "deleted winner",
  "equal generation",
  "shared prefix",
  "different lengths",
  "stemmed",
  "high generation",
  "resurrected",
};

typedef struct _Node Node;
struct _Node
{
  Node       *parent;
  GPtrArray  *children;    /* Node*, not owned */
  guint       gen;
  char       *rev;
  gboolean    deleted;
  char       *body;        /* JSON text */
  /* How the path ending here is inserted, when this is a leaf of the
   * generated tree: keep 0 is the full path, keep > 0 only the newest keep
   * revisions (stemmed), and with also_full both. */
  guint       keep;
  gboolean    also_full;
};

typedef struct
{
  char       *id;
  Scenario    scenario;
  GPtrArray  *nodes;       /* Node*, owned */
  GHashTable *revs;        /* rev → Node* */
  GPtrArray  *paths;       /* Path*, owned */
  gboolean    no_extras;   /* only the paths the case plans */
} Doc;

typedef struct
{
  Doc        *doc;
  GPtrArray  *revs;        /* Node*, newest first */
} Path;

/* One document's facts as PouchDB Server reports them. */
typedef struct
{
  char       *winner;
  gboolean    winner_deleted;
  gboolean    changes_deleted;
  GPtrArray  *changes_leaves;  /* char* */
  char       *get_rev;         /* NULL for a deleted winner */
  GPtrArray  *conflicts;       /* char*, NULL for a deleted winner */
  GHashTable *leaf_deleted;    /* rev → GINT_TO_POINTER (deleted + 1) */
  GHashTable *leaf_bodies;     /* rev → canonical body */
} PouchFacts;

typedef struct
{
  guint32        seed;
  GRand         *rand;
  GPtrArray     *docs;         /* Doc*, owned */
  GHashTable    *docs_by_id;
  KapTestServer *server;
  char          *store_dir;
  KapStore      *store;
  GHashTable    *pouch;        /* id → PouchFacts*, cached until the next insert */
  guint          n_paths;
  guint          n_inserted_pouch;
  guint          n_inserted_store;
} World;

static World *world;
static guint32 opt_seed;

/* Synthetic people only, in the region's scripts. */
static const char * const given_names[] = {
  "Arben", "Милица", "أحمد", "Ayşe", "Dragana", "Фатима", "Besnik", "Јован",
  "مريم", "Emre", "Lejla", "Никола", "Zana", "يوسف", "Elif", "Mirza",
};
static const char * const family_names[] = {
  "Krasniqi", "Јовановић", "الحسن", "Yılmaz", "Hodžić", "Петровски", "Gashi",
  "Николић", "العلي", "Demir", "Begović", "Стојановска", "Berisha", "حداد",
};

static void
node_free (Node *node)
{
  g_ptr_array_unref (node->children);
  g_free (node->rev);
  g_free (node->body);
  g_free (node);
}

static void
path_free (Path *path)
{
  g_ptr_array_unref (path->revs);
  g_free (path);
}

static void
doc_free (Doc *doc)
{
  g_ptr_array_unref (doc->paths);
  g_hash_table_unref (doc->revs);
  g_ptr_array_unref (doc->nodes);
  g_free (doc->id);
  g_free (doc);
}

static void
pouch_facts_free (PouchFacts *facts)
{
  g_free (facts->winner);
  g_clear_pointer (&facts->changes_leaves, g_ptr_array_unref);
  g_free (facts->get_rev);
  g_clear_pointer (&facts->conflicts, g_ptr_array_unref);
  g_hash_table_unref (facts->leaf_deleted);
  g_hash_table_unref (facts->leaf_bodies);
  g_free (facts);
}

/* CouchDB's documented rule, written here independently of the store:
 * a live leaf beats a deleted one, then the higher generation, then the
 * higher revision id by byte order. > 0 when a wins. */
static int
winner_compare (const char *rev_a,
                gboolean    deleted_a,
                const char *rev_b,
                gboolean    deleted_b)
{
  guint64 gen_a, gen_b;
  char *hex_a, *hex_b;
  int cmp;

  if (deleted_a != deleted_b)
    return deleted_a ? -1 : 1;

  gen_a = g_ascii_strtoull (rev_a, &hex_a, 10);
  gen_b = g_ascii_strtoull (rev_b, &hex_b, 10);
  if (gen_a != gen_b)
    return gen_a > gen_b ? 1 : -1;

  /* strcmp() compares as unsigned char: byte order. */
  cmp = strcmp (hex_a, hex_b);
  return cmp > 0 ? 1 : cmp < 0 ? -1 : 0;
}

/* Generation ------------------------------------------------------------ */

static void
random_hex (GRand *rand,
            char   out[33])
{
  static const char digits[] = "0123456789abcdef";

  for (guint i = 0; i < 32; i++)
    out[i] = digits[g_rand_int_range (rand, 0, 16)];
  out[32] = '\0';
}

/* A hex part equal to @other in its first @prefix characters and different
 * in the next one, so that only a late byte decides between them. */
static void
hex_sharing_prefix (GRand      *rand,
                    const char *other,
                    guint       prefix,
                    char        out[33])
{
  static const char digits[] = "0123456789abcdef";

  random_hex (rand, out);
  memcpy (out, other, prefix);
  while (out[prefix] == other[prefix])
    out[prefix] = digits[g_rand_int_range (rand, 0, 16)];
}

static char *
random_body (GRand    *rand,
             gboolean  deleted,
             guint     serial)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);

  /* A tombstone is usually empty, as CouchDB makes it, but may keep a
   * little of the record (replicated deletions can). */
  if (deleted && g_rand_boolean (rand))
    {
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      return json_to_string (root, FALSE);
    }

  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "person");
  json_builder_set_member_name (builder, "given_name");
  json_builder_add_string_value (builder,
                                 given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))]);
  if (deleted)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "duplicate");
    }
  else
    {
      json_builder_set_member_name (builder, "family_name");
      json_builder_add_string_value (builder,
                                     family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))]);
      json_builder_set_member_name (builder, "edit");
      json_builder_add_int_value (builder, serial);
      json_builder_set_member_name (builder, "household_size");
      json_builder_add_int_value (builder, g_rand_int_range (rand, 1, 12));
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, g_rand_int_range (rand, 0, 40) / 4.0);
      json_builder_set_member_name (builder, "needs");
      json_builder_begin_array (builder);
      if (g_rand_boolean (rand))
        json_builder_add_string_value (builder, "medical");
      if (g_rand_boolean (rand))
        json_builder_add_string_value (builder, "legal_aid");
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "contact");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "interpreter");
      json_builder_add_boolean_value (builder, g_rand_boolean (rand));
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, g_rand_boolean (rand) ? "sq" : "ar");
      json_builder_set_member_name (builder, "note");
      if (g_rand_boolean (rand))
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, "“Говори полако” — ‘speak slowly’");
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static Node *
doc_add_node_with_hex (Doc        *doc,
                       Node       *parent,
                       guint       root_gen,
                       const char *hex,
                       gboolean    deleted)
{
  Node *node = g_new0 (Node, 1);

  node->parent = parent;
  node->children = g_ptr_array_new ();
  node->gen = parent != NULL ? parent->gen + 1 : root_gen;
  node->rev = g_strdup_printf ("%u-%s", node->gen, hex);
  node->deleted = deleted;
  node->body = random_body (world->rand, deleted, doc->nodes->len);

  g_assert_false (g_hash_table_contains (doc->revs, node->rev));
  g_hash_table_insert (doc->revs, node->rev, node);
  g_ptr_array_add (doc->nodes, node);
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);

  return node;
}

static gboolean
doc_has_hex (Doc        *doc,
             guint       gen,
             const char *hex)
{
  g_autofree char *rev = g_strdup_printf ("%u-%s", gen, hex);

  return g_hash_table_contains (doc->revs, rev);
}

static Node *
doc_add_node (Doc      *doc,
              Node     *parent,
              guint     root_gen,
              gboolean  deleted)
{
  guint gen = parent != NULL ? parent->gen + 1 : root_gen;
  char hex[33];

  do
    random_hex (world->rand, hex);
  while (doc_has_hex (doc, gen, hex));

  return doc_add_node_with_hex (doc, parent, root_gen, hex, deleted);
}

/* @len new revisions below @from; the last one is deleted if asked. */
static Node *
grow (Doc      *doc,
      Node     *from,
      guint     len,
      gboolean  deleted_leaf)
{
  Node *node = from;

  for (guint i = 0; i < len; i++)
    node = doc_add_node (doc, node, 1, deleted_leaf && i + 1 == len);

  return node;
}

static Node *
random_node (Doc *doc)
{
  return g_ptr_array_index (doc->nodes, g_rand_int_range (world->rand, 0, doc->nodes->len));
}

static gboolean
node_is_leaf (Node *node)
{
  return node->children->len == 0;
}

static Path *
path_new (Doc  *doc,
          Node *newest,
          guint keep)
{
  Path *path = g_new0 (Path, 1);

  path->doc = doc;
  path->revs = g_ptr_array_new ();
  for (Node *node = newest; node != NULL; node = node->parent)
    {
      if (keep > 0 && path->revs->len == keep)
        break;
      g_ptr_array_add (path->revs, node);
    }

  return path;
}

static void
doc_add_path (Doc  *doc,
              Node *newest,
              guint keep)
{
  g_ptr_array_add (doc->paths, path_new (doc, newest, keep));
}

/* The leaf of the generated tree with the most revisions above it. */
static Node *
deepest_leaf (Doc *doc)
{
  Node *best = NULL;

  for (guint i = 0; i < doc->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (doc->nodes, i);

      if (node_is_leaf (node) && (best == NULL || node->gen > best->gen))
        best = node;
    }

  return best;
}

/* The nearest ancestor of @leaf with more than one child: above it the
 * revisions are shared with another branch, below it only @leaf's path
 * has them. */
static Node *
fork_of (Node *leaf)
{
  Node *node = leaf != NULL ? leaf->parent : NULL;

  while (node != NULL && node->children->len < 2)
    node = node->parent;

  return node;
}

static void
build_random (Doc *doc)
{
  Node *root = doc_add_node (doc, NULL, 1, FALSE);
  guint branches = g_rand_int_range (world->rand, 1, 5);

  grow (doc, root, g_rand_int_range (world->rand, 0, 4), FALSE);
  for (guint i = 0; i < branches; i++)
    grow (doc, random_node (doc), g_rand_int_range (world->rand, 1, 6),
          g_rand_int_range (world->rand, 0, 4) == 0);
}

static void
build_deleted_leaves (Doc *doc)
{
  Node *trunk = grow (doc, doc_add_node (doc, NULL, 1, FALSE),
                      g_rand_int_range (world->rand, 0, 3), FALSE);
  guint live_len = g_rand_int_range (world->rand, 1, 4);
  guint n_deleted = g_rand_int_range (world->rand, 1, 4);

  grow (doc, trunk, live_len, FALSE);

  /* Deleted branches as long as the live one or longer: a higher
   * generation must not make a tombstone win. */
  for (guint i = 0; i < n_deleted; i++)
    grow (doc, g_rand_boolean (world->rand) ? trunk : random_node (doc),
          live_len + g_rand_int_range (world->rand, 0, 4), TRUE);
}

static void
build_deleted_winner (Doc *doc)
{
  Node *trunk = grow (doc, doc_add_node (doc, NULL, 1, FALSE),
                      g_rand_int_range (world->rand, 0, 3), FALSE);
  guint n_branches = g_rand_int_range (world->rand, 1, 5);
  gboolean equal = g_rand_boolean (world->rand);
  guint len = g_rand_int_range (world->rand, 1, 4);

  /* Every leaf is a tombstone; among equal generations the id decides. */
  for (guint i = 0; i < n_branches; i++)
    grow (doc, trunk, equal ? len : (guint) g_rand_int_range (world->rand, 1, 5), TRUE);
}

static void
build_equal_generation (Doc *doc)
{
  Node *trunk = grow (doc, doc_add_node (doc, NULL, 1, FALSE),
                      g_rand_int_range (world->rand, 1, 3), FALSE);
  guint target = trunk->gen + g_rand_int_range (world->rand, 1, 4);
  guint n_branches = g_rand_int_range (world->rand, 3, 6);

  /* Several live leaves at the same generation, forking at different
   * depths, so that only the revision id can decide. */
  for (guint i = 0; i < n_branches; i++)
    {
      Node *from = trunk;
      guint steps = g_rand_int_range (world->rand, 0, trunk->gen);

      for (guint s = 0; s < steps && from->parent != NULL; s++)
        from = from->parent;
      grow (doc, from, target - from->gen, FALSE);
    }

  /* A tombstone one generation higher, and a live leaf one lower. */
  if (g_rand_boolean (world->rand))
    grow (doc, trunk, target - trunk->gen + 1, TRUE);
  if (g_rand_boolean (world->rand))
    grow (doc, trunk, MAX (target - trunk->gen, 2) - 1, FALSE);
}

static void
build_shared_prefix (Doc *doc)
{
  Node *trunk = grow (doc, doc_add_node (doc, NULL, 1, FALSE),
                      g_rand_int_range (world->rand, 0, 3), FALSE);
  Node *base;
  guint gen;
  char hex[33];
  char other[33];

  /* A first leaf, then siblings at the same generation whose ids share
   * 1 to 31 leading characters with it. */
  base = doc_add_node (doc, trunk, 1, FALSE);
  gen = base->gen;
  for (guint i = 0; i < 3; i++)
    {
      guint prefix = g_rand_int_range (world->rand, 1, 32);

      do
        hex_sharing_prefix (world->rand, base->rev + strlen (base->rev) - 32, prefix, hex);
      while (doc_has_hex (doc, gen, hex));
      doc_add_node_with_hex (doc, trunk, 1, hex, g_rand_int_range (world->rand, 0, 5) == 0);
    }

  /* First characters that differ: a digit against a letter ('9' < 'a' in
   * byte order, not in a numeric reading) and neighbours 'e' and 'f'. */
  random_hex (world->rand, hex);
  memcpy (other, hex, sizeof other);
  hex[0] = '9';
  other[0] = 'a';
  doc_add_node_with_hex (doc, trunk, 1, hex, FALSE);
  doc_add_node_with_hex (doc, trunk, 1, other, FALSE);
  random_hex (world->rand, hex);
  hex[0] = 'f';
  if (!doc_has_hex (doc, gen, hex))
    doc_add_node_with_hex (doc, trunk, 1, hex, FALSE);
  hex[0] = 'e';
  if (!doc_has_hex (doc, gen, hex))
    doc_add_node_with_hex (doc, trunk, 1, hex, g_rand_boolean (world->rand));
}

static void
build_different_lengths (Doc *doc)
{
  static const guint lengths[] = { 1, 2, 4, 8, 9, 11, 15 };
  Node *root = doc_add_node (doc, NULL, 1, FALSE);
  guint n_branches = g_rand_int_range (world->rand, 2, 5);

  /* Generations cross 9 → 10, where a textual comparison goes wrong. */
  for (guint i = 0; i < n_branches; i++)
    grow (doc, g_rand_boolean (world->rand) ? root : random_node (doc),
          lengths[g_rand_int_range (world->rand, 0, G_N_ELEMENTS (lengths))],
          g_rand_int_range (world->rand, 0, 5) == 0);
}

static void
build_stemmed (Doc  *doc,
               guint variant)
{
  switch (variant)
    {
    case 0:
      {
        /* A path that starts at the fork: its oldest revision is shared
         * with another branch, so it joins the tree there. */
        Node *leaf;
        Node *fork;

        build_random (doc);
        grow (doc, doc_add_node (doc, g_ptr_array_index (doc->nodes, 0), 1, FALSE), 2, FALSE);
        leaf = deepest_leaf (doc);
        fork = fork_of (leaf);
        /* The root has two children now, so every leaf has a fork. */
        if (fork == NULL)
          g_error ("No fork above the deepest leaf of %s", doc->id);
        leaf->keep = leaf->gen - fork->gen + 1;
      }
      break;

    case 1:
    case 2:
      {
        /* A chain 1 … n of which only the newest revisions arrive (a
         * stemmed path starting mid-tree) plus a path to an older
         * revision: without the full path (case 1) the two do not meet,
         * the older one stays a leaf and the stemmed part is a tree of its
         * own; with it (case 2) they merge into one chain. */
        Node *root = doc_add_node (doc, NULL, 1, FALSE);
        Node *middle = grow (doc, root, g_rand_int_range (world->rand, 1, 4), FALSE);
        Node *leaf = grow (doc, middle, g_rand_int_range (world->rand, 2, 5), g_rand_int_range (world->rand, 0, 4) == 0);

        leaf->keep = g_rand_int_range (world->rand, 1, leaf->gen - middle->gen + 1);
        leaf->also_full = variant == 2;
        doc_add_path (doc, middle, 0);
        doc->no_extras = TRUE;

        /* A second, live branch below the root, so that there is more to
         * decide than the chain. */
        grow (doc, root, g_rand_int_range (world->rand, 1, leaf->gen + 1), FALSE);
      }
      break;

    default:
      {
        /* Every path stemmed by a random amount: the document's oldest
         * revisions never arrive, and some branches hang free. */
        build_random (doc);
        for (guint i = 0; i < doc->nodes->len; i++)
          {
            Node *node = g_ptr_array_index (doc->nodes, i);

            if (node_is_leaf (node))
              node->keep = g_rand_int_range (world->rand, 1, node->gen + 1);
          }
      }
      break;
    }
}

static void
build_high_generation (Doc *doc)
{
  static const guint roots[] = { 7, 8, 9, 97, 98, 99, 998, 9998 };
  Node *root = doc_add_node (doc, NULL, roots[g_rand_int_range (world->rand, 0, G_N_ELEMENTS (roots))], FALSE);
  guint n_branches = g_rand_int_range (world->rand, 2, 5);

  /* A tree that starts at generation 7 … 9998: nothing below it exists,
   * as after stemming. Leaves across 9/10, 99/100, 999/1000, 9999/10000. */
  for (guint i = 0; i < n_branches; i++)
    grow (doc, g_rand_boolean (world->rand) ? root : random_node (doc),
          g_rand_int_range (world->rand, 1, 5), g_rand_int_range (world->rand, 0, 5) == 0);
}

static void
build_resurrected (Doc *doc)
{
  Node *trunk = grow (doc, doc_add_node (doc, NULL, 1, FALSE),
                      g_rand_int_range (world->rand, 0, 3), FALSE);
  Node *tombstone = doc_add_node (doc, trunk, 1, TRUE);

  /* The tombstone arrives as a leaf of its own path, and a later revision
   * continues it (CouchDB lets new_edits=false extend a deleted
   * revision): it is no leaf any more, its child decides. */
  doc_add_path (doc, tombstone, 0);
  grow (doc, tombstone, g_rand_int_range (world->rand, 1, 3), g_rand_int_range (world->rand, 0, 3) == 0);
  grow (doc, trunk, g_rand_int_range (world->rand, 1, 4), g_rand_boolean (world->rand));
}

static Doc *
generate_doc (guint index)
{
  Doc *doc = g_new0 (Doc, 1);
  guint n_leaf_paths;

  doc->id = g_strdup_printf ("person:%08x-%04x-7%03x-8%03x-%012" G_GINT64_MODIFIER "x",
                             g_rand_int (world->rand),
                             g_rand_int_range (world->rand, 0, 0x10000),
                             g_rand_int_range (world->rand, 0, 0x1000),
                             g_rand_int_range (world->rand, 0, 0x1000),
                             ((guint64) g_rand_int (world->rand) << 16) ^ g_rand_int (world->rand));
  doc->scenario = index % N_SCENARIOS;
  doc->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  doc->revs = g_hash_table_new (g_str_hash, g_str_equal);
  doc->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) path_free);

  switch (doc->scenario)
    {
    case SCENARIO_RANDOM:            build_random (doc); break;
    case SCENARIO_DELETED_LEAVES:    build_deleted_leaves (doc); break;
    case SCENARIO_DELETED_WINNER:    build_deleted_winner (doc); break;
    case SCENARIO_EQUAL_GENERATION:  build_equal_generation (doc); break;
    case SCENARIO_SHARED_PREFIX:     build_shared_prefix (doc); break;
    case SCENARIO_DIFFERENT_LENGTHS: build_different_lengths (doc); break;
    case SCENARIO_STEMMED:           build_stemmed (doc, (index / N_SCENARIOS) % 4); break;
    case SCENARIO_HIGH_GENERATION:   build_high_generation (doc); break;
    case SCENARIO_RESURRECTED:       build_resurrected (doc); break;
    case N_SCENARIOS:
    default:
      g_assert_not_reached ();
    }

  /* One path per leaf of the generated tree, as planned. */
  for (guint i = 0; i < doc->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (doc->nodes, i);

      if (!node_is_leaf (node))
        continue;
      doc_add_path (doc, node, node->keep);
      if (node->keep > 0 && node->also_full)
        doc_add_path (doc, node, 0);
    }
  n_leaf_paths = doc->paths->len;

  /* Paths that add nothing to the tree but test the merge: a prefix of a
   * path (ending at a revision that has children) and a stemmed copy of a
   * full path, which on its own would hang free until the full path
   * arrives. */
  for (guint i = 0; i < n_leaf_paths && !doc->no_extras; i++)
    {
      Path *path = g_ptr_array_index (doc->paths, i);
      guint len = path->revs->len;

      /* Only full paths, so that the extras bring no revision the
       * planned paths do not have (a prefix of a stemmed path could join
       * it to the tree). */
      if (((Node *) g_ptr_array_index (path->revs, len - 1))->parent != NULL)
        continue;

      if (len > 1 && g_rand_int_range (world->rand, 0, 4) == 0)
        {
          Node *internal = g_ptr_array_index (path->revs, g_rand_int_range (world->rand, 1, len));

          if (!internal->deleted)
            doc_add_path (doc, internal, g_rand_boolean (world->rand) ? 0 : g_rand_int_range (world->rand, 1, len));
        }
      if (len > 1 && g_rand_int_range (world->rand, 0, 4) == 0)
        doc_add_path (doc, g_ptr_array_index (path->revs, 0), g_rand_int_range (world->rand, 1, len));
    }

  return doc;
}

/* The expected tree of a document, from CouchDB's merge by revision id:
 * a revision is a leaf when no inserted path has a child of it. Only used
 * to explain a disagreement. */
static GPtrArray *
model_leaves (Doc *doc)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) inner = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *leaves = g_ptr_array_new ();
  GHashTableIter iter;
  Node *node;

  for (guint i = 0; i < doc->paths->len; i++)
    {
      Path *path = g_ptr_array_index (doc->paths, i);

      for (guint r = 0; r < path->revs->len; r++)
        {
          node = g_ptr_array_index (path->revs, r);
          g_hash_table_insert (known, node->rev, node);
          if (r > 0)
            g_hash_table_add (inner, node->rev);
        }
    }

  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &node))
    if (!g_hash_table_contains (inner, node->rev))
      g_ptr_array_add (leaves, node);

  return leaves;
}

static int
node_winner_order (gconstpointer a,
                   gconstpointer b)
{
  const Node *na = *(const Node * const *) a;
  const Node *nb = *(const Node * const *) b;

  return -winner_compare (na->rev, na->deleted, nb->rev, nb->deleted);
}

static char *
describe_doc (Doc *doc)
{
  g_autoptr(GPtrArray) leaves = model_leaves (doc);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "document %s (case '%s'), %u paths inserted (newest first):\n",
                          doc->id, scenario_names[doc->scenario], doc->paths->len);
  for (guint i = 0; i < doc->paths->len; i++)
    {
      Path *path = g_ptr_array_index (doc->paths, i);
      Node *newest = g_ptr_array_index (path->revs, 0);
      Node *oldest = g_ptr_array_index (path->revs, path->revs->len - 1);

      g_string_append (out, "#     ");
      for (guint r = 0; r < path->revs->len; r++)
        {
          Node *node = g_ptr_array_index (path->revs, r);
          g_string_append_printf (out, "%s%s", r > 0 ? " <- " : "", node->rev);
        }
      g_string_append_printf (out, "%s%s\n",
                              newest->deleted ? " (deleted)" : "",
                              oldest->parent != NULL ? " (stemmed)" : "");
    }

  g_ptr_array_sort (leaves, node_winner_order);
  g_string_append (out, "#   CouchDB's merge by revision id and winner rule give, winner first:");
  for (guint i = 0; i < leaves->len; i++)
    {
      Node *node = g_ptr_array_index (leaves, i);
      g_string_append_printf (out, " %s%s", node->rev, node->deleted ? " (deleted)" : "");
    }

  return g_string_free (out, FALSE);
}

/* Insertion ------------------------------------------------------------- */

static void
shuffle (GPtrArray *array)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = g_rand_int_range (world->rand, 0, i);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

/* Every path of @docs once, a random fraction twice, in a random order. */
static GPtrArray *
insertion_order (GPtrArray *paths,
                 guint      repeat_one_in)
{
  GPtrArray *order = g_ptr_array_new ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_ptr_array_add (order, paths->pdata[i]);
      if (g_rand_int_range (world->rand, 0, repeat_one_in) == 0)
        g_ptr_array_add (order, paths->pdata[i]);
    }
  shuffle (order);

  return order;
}

static guint
path_start (const Path *path)
{
  return ((Node *) g_ptr_array_index (path->revs, path->revs->len - 1))->gen;
}

/* PouchDB 4.2.0 merges a new path into only one of a document's trees:
 * when a stemmed path and another revision of its ancestry arrived before
 * as separate trees, and then a path that covers both arrives, one of the
 * trees stays apart and its revision remains a false leaf. Reproduced with
 * curl: [4-d ← 3-c], then [2-b], then [4-d ← 3-c ← 2-b ← 1-a] gives
 * leaves 4-d and 2-b. CouchDB merges the same way, but then stems every
 * updated tree, finds the duplicate keys and rebuilds the tree from its
 * paths, oldest start first (couch_key_tree:stem/repair_tree), so it ends
 * with the single leaf 4-d. Sending PouchDB the paths oldest start first
 * is that same order: a path then never has to join two trees, and
 * PouchDB's answer is CouchDB's. Paths with an equal start stay in random
 * order; the store still gets a fully random one. */
static int
pouch_order_compare (gconstpointer a,
                     gconstpointer b)
{
  guint start_a = path_start (*(const Path * const *) a);
  guint start_b = path_start (*(const Path * const *) b);

  return start_a < start_b ? -1 : start_a > start_b ? 1 : 0;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
pouch_insert (GPtrArray *order)
{
  guint i = 0;

  while (i < order->len)
    {
      guint batch = g_rand_int_range (world->rand, 1, 61);
      g_autoptr(JsonArray) docs = json_array_new ();
      g_autoptr(JsonObject) request = json_object_new ();
      g_autoptr(JsonNode) request_node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) reply = NULL;
      g_autoptr(GError) error = NULL;

      for (; batch > 0 && i < order->len; batch--, i++)
        {
          Path *path = g_ptr_array_index (order, i);
          Node *newest = g_ptr_array_index (path->revs, 0);
          JsonObject *doc = parse_object (newest->body);
          JsonObject *revisions = json_object_new ();
          JsonArray *ids = json_array_new ();

          for (guint r = 0; r < path->revs->len; r++)
            {
              Node *node = g_ptr_array_index (path->revs, r);
              json_array_add_string_element (ids, strchr (node->rev, '-') + 1);
            }
          json_object_set_int_member (revisions, "start", newest->gen);
          json_object_set_array_member (revisions, "ids", ids);

          json_object_set_string_member (doc, "_id", path->doc->id);
          json_object_set_string_member (doc, "_rev", newest->rev);
          json_object_set_object_member (doc, "_revisions", revisions);
          if (newest->deleted)
            json_object_set_boolean_member (doc, "_deleted", TRUE);
          json_array_add_object_element (docs, doc);
        }

      json_object_set_boolean_member (request, "new_edits", FALSE);
      json_object_set_array_member (request, "docs", json_array_ref (docs));
      json_node_set_object (request_node, request);

      reply = kap_test_server_request (world->server, "POST", "/" DB_NAME "/_bulk_docs",
                                       request_node, NULL, &error);
      g_assert_no_error (error);

      /* With new_edits=false a success is an empty list; anything in it
       * is a per-document error. */
      g_assert_true (JSON_NODE_HOLDS_ARRAY (reply));
      if (json_array_get_length (json_node_get_array (reply)) != 0)
        {
          g_autofree char *text = json_to_string (reply, FALSE);
          g_assert_cmpstr (text, ==, "[]");
        }

      world->n_inserted_pouch += json_array_get_length (docs);
    }

  g_clear_pointer (&world->pouch, g_hash_table_unref);
}

static void
store_insert (GPtrArray *order)
{
  guint i = 0;

  while (i < order->len)
    {
      guint batch = g_rand_int_range (world->rand, 1, 61);
      g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      for (; batch > 0 && i < order->len; batch--, i++)
        {
          Path *path = g_ptr_array_index (order, i);
          Node *newest = g_ptr_array_index (path->revs, 0);
          g_autoptr(JsonObject) body = parse_object (newest->body);
          g_autoptr(GPtrArray) ancestry = g_ptr_array_new ();
          KapDocument *document = kap_document_new (path->doc->id, body);

          for (guint r = 0; r < path->revs->len; r++)
            g_ptr_array_add (ancestry, ((Node *) g_ptr_array_index (path->revs, r))->rev);
          g_ptr_array_add (ancestry, NULL);

          kap_document_set_rev (document, newest->rev);
          kap_document_set_deleted (document, newest->deleted);
          kap_document_set_ancestry (document, (const char * const *) ancestry->pdata);
          g_ptr_array_add (documents, document);
        }

      g_assert_true (kap_store_insert_revisions (world->store, documents, &error));
      g_assert_no_error (error);

      world->n_inserted_store += documents->len;
    }
}

static void
ensure_world (void)
{
  g_autoptr(GPtrArray) all_paths = NULL;
  g_autoptr(GPtrArray) pouch_order = NULL;
  g_autoptr(GPtrArray) store_order = NULL;
  g_autofree char *store_path = NULL;
  g_autoptr(GError) error = NULL;
  guint per_scenario[N_SCENARIOS] = { 0 };

  if (world != NULL)
    return;

  world = g_new0 (World, 1);
  world->seed = opt_seed;
  world->rand = g_rand_new_with_seed (world->seed);
  world->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_free);
  world->docs_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  world->server = kap_test_server_start (&error);
  g_assert_no_error (error);
  g_assert_true (kap_test_server_create_database (world->server, DB_NAME, &error));
  g_assert_no_error (error);

  world->store_dir = g_dir_make_tmp ("kap-test-store-pouchdb-XXXXXX", &error);
  g_assert_no_error (error);
  store_path = g_build_filename (world->store_dir, "kapija.db", NULL);
  world->store = kap_store_open (store_path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  all_paths = g_ptr_array_new ();
  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      Doc *doc = generate_doc (i);

      g_ptr_array_add (world->docs, doc);
      g_hash_table_insert (world->docs_by_id, doc->id, doc);
      g_ptr_array_extend (all_paths, doc->paths, NULL, NULL);
      per_scenario[doc->scenario]++;
    }
  world->n_paths = all_paths->len;

  /* The two sides see the same paths in independent orders, each with its
   * own repeats. PouchDB Server gets them oldest start first (random
   * within one start generation); the store gets them in any order. See
   * pouch_order_compare() for why. */
  pouch_order = insertion_order (all_paths, 5);
  g_ptr_array_sort (pouch_order, pouch_order_compare);
  store_order = insertion_order (all_paths, 5);
  pouch_insert (pouch_order);
  store_insert (store_order);

  g_test_message ("%u documents, %u paths; %u revisions sent to PouchDB Server, %u to the store",
                  world->docs->len, world->n_paths,
                  world->n_inserted_pouch, world->n_inserted_store);
  for (guint s = 0; s < N_SCENARIOS; s++)
    g_test_message ("  %u documents of case '%s'", per_scenario[s], scenario_names[s]);

  g_assert_cmpuint (world->docs->len, >=, 300);
  g_assert_cmpuint (world->n_paths, >=, 300);
}

static void
world_free (void)
{
  if (world == NULL)
    return;

  g_clear_object (&world->store);
  if (world->store_dir != NULL)
    {
      const char *names[] = { "kapija.db", "kapija.db-wal", "kapija.db-shm", "kapija.db-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (world->store_dir, names[i], NULL);
          g_unlink (path);
        }
      g_rmdir (world->store_dir);
    }
  g_clear_pointer (&world->server, kap_test_server_stop);
  g_clear_pointer (&world->pouch, g_hash_table_unref);
  g_hash_table_unref (world->docs_by_id);
  g_ptr_array_unref (world->docs);
  g_rand_free (world->rand);
  g_free (world->store_dir);
  g_clear_pointer (&world, g_free);
}

/* PouchDB's answers ----------------------------------------------------- */

static PouchFacts *
pouch_facts_lookup (GHashTable *facts,
                    const char *id)
{
  PouchFacts *f = g_hash_table_lookup (facts, id);

  if (f == NULL)
    {
      f = g_new0 (PouchFacts, 1);
      f->leaf_deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      f->leaf_bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (facts, g_strdup (id), f);
    }

  return f;
}

static GPtrArray *
string_array_from_json (JsonArray  *array,
                        const char *member)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (member != NULL)
        {
          g_assert_true (JSON_NODE_HOLDS_OBJECT (element));
          g_ptr_array_add (out, g_strdup (json_object_get_string_member (json_node_get_object (element), member)));
        }
      else
        {
          g_ptr_array_add (out, g_strdup (json_node_get_string (element)));
        }
    }

  return out;
}

static GHashTable *
pouch_facts (void)
{
  GHashTable *facts;
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *results;

  if (world->pouch != NULL)
    return world->pouch;

  facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pouch_facts_free);

  /* Winners and their deleted flag. */
  for (guint first = 0; first < world->docs->len; first += 100)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) request = NULL;
      g_autoptr(JsonNode) reply = NULL;
      JsonArray *rows;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "keys");
      json_builder_begin_array (builder);
      for (guint i = first; i < MIN (first + 100, world->docs->len); i++)
        json_builder_add_string_value (builder, ((Doc *) g_ptr_array_index (world->docs, i))->id);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      request = json_builder_get_root (builder);

      reply = kap_test_server_request (world->server, "POST", "/" DB_NAME "/_all_docs",
                                       request, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
      rows = json_object_get_array_member (json_node_get_object (reply), "rows");
      g_assert_nonnull (rows);
      g_assert_cmpuint (json_array_get_length (rows), ==, MIN (first + 100, world->docs->len) - first);

      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          const char *key = json_object_get_string_member (row, "key");
          JsonObject *value;
          PouchFacts *f;

          g_assert_false (json_object_has_member (row, "error"));
          value = json_object_get_object_member (row, "value");
          f = pouch_facts_lookup (facts, key);
          f->winner = g_strdup (json_object_get_string_member (value, "rev"));
          f->winner_deleted = json_object_get_boolean_member_with_default (value, "deleted", FALSE);
        }
    }

  /* Every leaf. */
  changes = kap_test_server_request (world->server, "GET", "/" DB_NAME "/_changes?style=all_docs",
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  results = json_object_get_array_member (json_node_get_object (changes), "results");
  g_assert_nonnull (results);
  g_assert_cmpuint (json_array_get_length (results), ==, world->docs->len);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      PouchFacts *f = pouch_facts_lookup (facts, json_object_get_string_member (result, "id"));

      g_assert_null (f->changes_leaves);
      f->changes_leaves = string_array_from_json (json_object_get_array_member (result, "changes"), "rev");
      f->changes_deleted = json_object_get_boolean_member_with_default (result, "deleted", FALSE);
    }

  /* Conflicts of live winners; deleted flag and body of every leaf. */
  for (guint i = 0; i < world->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (world->docs, i);
      PouchFacts *f = pouch_facts_lookup (facts, doc->id);
      g_autofree char *escaped = kap_test_server_escape_id (doc->id);
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) leaves = NULL;

      if (!f->winner_deleted)
        {
          g_autoptr(JsonNode) reply = NULL;
          JsonObject *object;

          path = g_strdup_printf ("/" DB_NAME "/%s?conflicts=true&deleted_conflicts=true", escaped);
          reply = kap_test_server_request (world->server, "GET", path, NULL, NULL, &error);
          g_assert_no_error (error);
          object = json_node_get_object (reply);
          f->get_rev = g_strdup (json_object_get_string_member (object, "_rev"));
          if (json_object_has_member (object, "_conflicts"))
            f->conflicts = string_array_from_json (json_object_get_array_member (object, "_conflicts"), NULL);
          else
            f->conflicts = g_ptr_array_new_with_free_func (g_free);
          g_clear_pointer (&path, g_free);
        }

      path = g_strdup_printf ("/" DB_NAME "/%s?open_revs=all", escaped);
      leaves = kap_test_server_request (world->server, "GET", path, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (leaves));
      for (guint l = 0; l < json_array_get_length (json_node_get_array (leaves)); l++)
        {
          JsonObject *entry = json_array_get_object_element (json_node_get_array (leaves), l);
          JsonObject *leaf = json_object_get_object_member (entry, "ok");
          const char *rev;

          g_assert_nonnull (leaf);
          rev = json_object_get_string_member (leaf, "_rev");
          g_hash_table_insert (f->leaf_deleted, g_strdup (rev),
                               GINT_TO_POINTER (json_object_get_boolean_member_with_default (leaf, "_deleted", FALSE) + 1));
          g_hash_table_insert (f->leaf_bodies, g_strdup (rev), kap_canonical_json_object (leaf, TRUE));
        }
    }

  world->pouch = facts;
  return facts;
}

/* Comparison helpers ---------------------------------------------------- */

static char *join_sorted (GPtrArray *revs);

/* The model's leaves (with @conflicts_only, its live conflicts) as
 * join_sorted() gives them, to say which side a disagreement is on. */
static char *
model_set (Doc      *doc,
           gboolean  conflicts_only)
{
  g_autoptr(GPtrArray) leaves = model_leaves (doc);
  g_autoptr(GPtrArray) revs = g_ptr_array_new ();

  g_ptr_array_sort (leaves, node_winner_order);
  for (guint i = 0; i < leaves->len; i++)
    {
      Node *node = g_ptr_array_index (leaves, i);

      if (!conflicts_only || (i > 0 && !node->deleted))
        g_ptr_array_add (revs, node->rev);
    }

  return join_sorted (revs);
}

static const char *
verdict (const char *model,
         const char *store,
         const char *pouch)
{
  gboolean s = g_strcmp0 (model, store) == 0;
  gboolean p = g_strcmp0 (model, pouch) == 0;

  return s && p ? "both agree with CouchDB's merge" :
         s ? "the store agrees with CouchDB's merge, PouchDB does not" :
         p ? "PouchDB agrees with CouchDB's merge, the store does not" :
         "neither agrees with CouchDB's merge";
}

static int
strcmp_p (gconstpointer a,
          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *revs)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_sized_new (revs->len);
  GString *out = g_string_new ("[");

  /* Not g_ptr_array_copy(): that keeps @revs' free function. */
  for (guint i = 0; i < revs->len; i++)
    g_ptr_array_add (copy, revs->pdata[i]);

  g_ptr_array_sort (copy, strcmp_p);
  for (guint i = 0; i < copy->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (const char *) copy->pdata[i]);
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

static char *
join_in_order (GPtrArray *revs)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < revs->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (const char *) revs->pdata[i]);
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

static GPtrArray *
store_leaves_by_id (const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *leaves = kap_store_get_leaves (world->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (leaves);
  g_assert_cmpuint (leaves->len, >, 0);

  return leaves;
}

static GPtrArray *
store_leaves (Doc *doc)
{
  return store_leaves_by_id (doc->id);
}

typedef struct
{
  guint    mismatches;
  GString *report;
} Tally;

G_GNUC_PRINTF (3, 4)
static void
tally_mismatch (Tally      *tally,
                Doc        *doc,
                const char *format,
                ...)
{
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  va_list args;

  tally->mismatches++;
  if (tally->mismatches > MAX_REPORTS)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  description = describe_doc (doc);
  g_test_message ("MISMATCH %s\n#   %s", what, description);
}

/* A failure, not an abort: the other comparisons still run and report. */
static void
tally_check (Tally      *tally,
             const char *what)
{
  if (tally->mismatches > 0)
    g_test_fail_printf ("%u documents disagree on %s (seed %u: rerun with --seed=%u)",
                        tally->mismatches, what, world->seed, world->seed);
}

/* Tests ----------------------------------------------------------------- */

static void
check_winners (void)
{
  GHashTable *facts = pouch_facts ();
  Tally tally = { 0 };

  for (guint i = 0; i < world->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (world->docs, i);
      PouchFacts *f = g_hash_table_lookup (facts, doc->id);
      g_autoptr(GPtrArray) leaves = store_leaves (doc);
      KapLeaf *first = g_ptr_array_index (leaves, 0);
      g_autoptr(KapDocument) winner = NULL;
      g_autoptr(KapDocument) live = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (f);
      g_assert_nonnull (f->winner);

      /* PouchDB's two endpoints must agree with each other, or the test
       * data is not what we think. */
      g_assert_cmpint (f->changes_deleted, ==, f->winner_deleted);
      if (!f->winner_deleted)
        g_assert_cmpstr (f->get_rev, ==, f->winner);

      if (g_strcmp0 (first->rev, f->winner) != 0 || first->deleted != f->winner_deleted)
        {
          g_autoptr(GPtrArray) model = model_leaves (doc);
          Node *expected;
          g_autofree char *store_text = g_strdup_printf ("%s%d", first->rev, first->deleted);
          g_autofree char *pouch_text = g_strdup_printf ("%s%d", f->winner, f->winner_deleted);
          g_autofree char *model_text = NULL;

          g_ptr_array_sort (model, node_winner_order);
          expected = g_ptr_array_index (model, 0);
          model_text = g_strdup_printf ("%s%d", expected->rev, expected->deleted);
          tally_mismatch (&tally, doc, "winner: store %s%s, PouchDB %s%s: %s",
                          first->rev, first->deleted ? " (deleted)" : "",
                          f->winner, f->winner_deleted ? " (deleted)" : "",
                          verdict (model_text, store_text, pouch_text));
        }

      winner = kap_store_get (world->store, doc->id, NULL,
                              KAP_STORE_GET_CONFLICTS | KAP_STORE_GET_DELETED, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (kap_document_get_rev (winner), f->winner) != 0 ||
          kap_document_get_deleted (winner) != f->winner_deleted)
        tally_mismatch (&tally, doc, "kap_store_get winner: store %s%s, PouchDB %s%s",
                        kap_document_get_rev (winner),
                        kap_document_get_deleted (winner) ? " (deleted)" : "",
                        f->winner, f->winner_deleted ? " (deleted)" : "");

      /* Without KAP_STORE_GET_DELETED a deleted winner is not found. */
      live = kap_store_get (world->store, doc->id, NULL, KAP_STORE_GET_NONE, &error);
      if (f->winner_deleted)
        {
          if (!g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
            tally_mismatch (&tally, doc, "kap_store_get found %s, but PouchDB's winner %s is deleted",
                            live != NULL ? kap_document_get_rev (live) : error->message, f->winner);
        }
      else
        {
          g_assert_no_error (error);
          if (g_strcmp0 (kap_document_get_rev (live), f->winner) != 0)
            tally_mismatch (&tally, doc, "kap_store_get without flags: store %s, PouchDB %s",
                            kap_document_get_rev (live), f->winner);
        }
    }

  tally_check (&tally, "the winner");
}

static void
test_winner (void)
{
  ensure_world ();
  check_winners ();
}

static void
check_conflicts (void)
{
  GHashTable *facts = pouch_facts ();
  Tally tally = { 0 };

  for (guint i = 0; i < world->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (world->docs, i);
      PouchFacts *f = g_hash_table_lookup (facts, doc->id);
      g_autoptr(GPtrArray) leaves = store_leaves (doc);
      g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
      g_autoptr(GPtrArray) got_conflicts = g_ptr_array_new ();
      g_autoptr(KapDocument) winner = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *store_set = NULL;
      g_autofree char *pouch_set = NULL;
      const char * const *doc_conflicts;

      for (guint l = 1; l < leaves->len; l++)
        {
          KapLeaf *leaf = g_ptr_array_index (leaves, l);

          if (!leaf->deleted)
            g_ptr_array_add (conflicts, leaf->rev);
        }

      /* The live conflicts as a set: PouchDB orders them differently from
       * CouchDB (see the top of the file). */
      store_set = join_sorted (conflicts);
      if (f->winner_deleted)
        pouch_set = g_strdup ("[]");   /* every leaf is deleted */
      else
        pouch_set = join_sorted (f->conflicts);
      if (g_strcmp0 (store_set, pouch_set) != 0)
        {
          g_autofree char *model = model_set (doc, TRUE);

          tally_mismatch (&tally, doc, "_conflicts: store %s, PouchDB %s: %s",
                          store_set, pouch_set, verdict (model, store_set, pouch_set));
        }

      /* CouchDB's order, which the store promises: each conflict beats the
       * next by the winner rule. */
      for (guint c = 1; c < conflicts->len; c++)
        if (winner_compare (conflicts->pdata[c - 1], FALSE, conflicts->pdata[c], FALSE) <= 0)
          {
            g_autofree char *order = join_in_order (conflicts);
            tally_mismatch (&tally, doc, "_conflicts not in CouchDB's winner order: %s", order);
            break;
          }

      /* kap_store_get() with KAP_STORE_GET_CONFLICTS gives the same list
       * in the same order. */
      winner = kap_store_get (world->store, doc->id, NULL,
                              KAP_STORE_GET_CONFLICTS | KAP_STORE_GET_DELETED, &error);
      g_assert_no_error (error);
      doc_conflicts = kap_document_get_conflicts (winner);
      for (guint c = 0; doc_conflicts != NULL && doc_conflicts[c] != NULL; c++)
        g_ptr_array_add (got_conflicts, (gpointer) doc_conflicts[c]);
      {
        g_autofree char *a = join_in_order (conflicts);
        g_autofree char *b = join_in_order (got_conflicts);

        if (g_strcmp0 (a, b) != 0)
          tally_mismatch (&tally, doc, "kap_store_get conflicts %s, kap_store_get_leaves %s", b, a);
      }
    }

  tally_check (&tally, "the live conflicts");
}

static void
test_conflicts (void)
{
  ensure_world ();
  check_conflicts ();
}

static void
check_leaves (void)
{
  GHashTable *facts = pouch_facts ();
  Tally tally = { 0 };

  for (guint i = 0; i < world->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (world->docs, i);
      PouchFacts *f = g_hash_table_lookup (facts, doc->id);
      g_autoptr(GPtrArray) leaves = store_leaves (doc);
      g_autoptr(GPtrArray) revs = g_ptr_array_new ();
      g_autofree char *store_set = NULL;
      g_autofree char *pouch_set = NULL;

      /* PouchDB's two lists of leaves must agree with each other. */
      g_assert_cmpuint (g_hash_table_size (f->leaf_deleted), ==, f->changes_leaves->len);

      for (guint l = 0; l < leaves->len; l++)
        {
          KapLeaf *leaf = g_ptr_array_index (leaves, l);
          gpointer deleted = g_hash_table_lookup (f->leaf_deleted, leaf->rev);

          g_ptr_array_add (revs, leaf->rev);
          if (deleted != NULL && GPOINTER_TO_INT (deleted) - 1 != leaf->deleted)
            tally_mismatch (&tally, doc, "leaf %s: deleted %d in the store, %d in PouchDB",
                            leaf->rev, leaf->deleted, GPOINTER_TO_INT (deleted) - 1);

          /* Winner first, then CouchDB's order. */
          if (l > 0)
            {
              KapLeaf *prev = g_ptr_array_index (leaves, l - 1);

              if (winner_compare (prev->rev, prev->deleted, leaf->rev, leaf->deleted) <= 0)
                tally_mismatch (&tally, doc, "leaves not in CouchDB's winner order: %s%s before %s%s",
                                prev->rev, prev->deleted ? " (deleted)" : "",
                                leaf->rev, leaf->deleted ? " (deleted)" : "");
            }
        }

      store_set = join_sorted (revs);
      pouch_set = join_sorted (f->changes_leaves);
      if (g_strcmp0 (store_set, pouch_set) != 0)
        {
          g_autofree char *model = model_set (doc, FALSE);

          tally_mismatch (&tally, doc, "leaves: store %s, PouchDB %s: %s",
                          store_set, pouch_set, verdict (model, store_set, pouch_set));
        }
    }

  tally_check (&tally, "the leaves");
}

static void
test_leaves (void)
{
  ensure_world ();
  check_leaves ();
}

static void
check_changes (void)
{
  GHashTable *facts = pouch_facts ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  Tally tally = { 0 };

  changes = kap_store_changes (world->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, world->docs->len);

  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      Doc *doc = g_hash_table_lookup (world->docs_by_id, change->id);
      PouchFacts *f = g_hash_table_lookup (facts, change->id);
      g_autoptr(GPtrArray) revs = g_ptr_array_new ();
      g_autofree char *store_set = NULL;
      g_autofree char *pouch_set = NULL;

      g_assert_nonnull (doc);
      g_assert_false (g_hash_table_contains (seen, change->id));
      g_hash_table_add (seen, change->id);
      if (i > 0)
        g_assert_cmpint (change->seq, >, ((KapChange *) g_ptr_array_index (changes, i - 1))->seq);

      if (g_strcmp0 (change->rev, f->winner) != 0 || change->deleted != f->changes_deleted)
        tally_mismatch (&tally, doc, "changes feed winner: store %s%s, PouchDB %s%s",
                        change->rev, change->deleted ? " (deleted)" : "",
                        f->winner, f->changes_deleted ? " (deleted)" : "");

      g_assert_nonnull (change->leaves);
      if (g_strcmp0 (change->leaves[0], change->rev) != 0)
        tally_mismatch (&tally, doc, "changes feed: winner %s is not the first leaf %s",
                        change->rev, change->leaves[0]);
      for (guint l = 0; change->leaves[l] != NULL; l++)
        g_ptr_array_add (revs, change->leaves[l]);

      store_set = join_sorted (revs);
      pouch_set = join_sorted (f->changes_leaves);
      if (g_strcmp0 (store_set, pouch_set) != 0)
        {
          g_autofree char *model = model_set (doc, FALSE);

          tally_mismatch (&tally, doc, "changes feed leaves: store %s, PouchDB %s: %s",
                          store_set, pouch_set, verdict (model, store_set, pouch_set));
        }
    }

  tally_check (&tally, "the changes feed");
}

static void
test_changes (void)
{
  ensure_world ();
  check_changes ();
}

static void
test_leaf_bodies (void)
{
  GHashTable *facts;
  Tally tally = { 0 };
  guint n_bodies = 0;

  ensure_world ();
  facts = pouch_facts ();

  for (guint i = 0; i < world->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (world->docs, i);
      PouchFacts *f = g_hash_table_lookup (facts, doc->id);
      g_autoptr(GPtrArray) leaves = store_leaves (doc);

      for (guint l = 0; l < leaves->len; l++)
        {
          KapLeaf *leaf = g_ptr_array_index (leaves, l);
          Node *node = g_hash_table_lookup (doc->revs, leaf->rev);
          g_autoptr(KapDocument) got = NULL;
          g_autoptr(JsonObject) sent = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *expected = NULL;
          g_autofree char *actual = NULL;
          const char *pouch_body;

          /* A leaf the store made up is caught by the leaves test. */
          if (node == NULL)
            {
              tally_mismatch (&tally, doc, "the store has a leaf %s that was never inserted", leaf->rev);
              continue;
            }

          sent = parse_object (node->body);
          expected = kap_canonical_json_object (sent, TRUE);

          got = kap_store_get (world->store, doc->id, leaf->rev, KAP_STORE_GET_DELETED, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (kap_document_get_rev (got), ==, leaf->rev);
          g_assert_cmpint (kap_document_get_deleted (got), ==, node->deleted);
          if (kap_document_get_body (got) != NULL)
            actual = kap_canonical_json_object (kap_document_get_body (got), TRUE);
          else
            actual = g_strdup ("(no body)");
          if (g_strcmp0 (expected, actual) != 0)
            tally_mismatch (&tally, doc, "body of %s: store %s, inserted %s", leaf->rev, actual, expected);

          /* PouchDB keeps the same body, or the two sides were not given
           * the same data. */
          pouch_body = g_hash_table_lookup (f->leaf_bodies, leaf->rev);
          if (pouch_body != NULL && g_strcmp0 (expected, pouch_body) != 0)
            tally_mismatch (&tally, doc, "body of %s: PouchDB %s, inserted %s", leaf->rev, pouch_body, expected);

          n_bodies++;
        }
    }

  g_test_message ("%u leaf bodies compared", n_bodies);
  tally_check (&tally, "the bodies of leaves");
}

static void
test_reinsert (void)
{
  g_autoptr(GPtrArray) some = g_ptr_array_new ();
  g_autoptr(GPtrArray) pouch_order = NULL;
  g_autoptr(GPtrArray) store_order = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last_seq;

  ensure_world ();

  /* A third of the paths again, as a replication that replays after a
   * lost checkpoint would: nothing may change on either side. */
  for (guint i = 0; i < world->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (world->docs, i);

      for (guint p = 0; p < doc->paths->len; p++)
        if (g_rand_int_range (world->rand, 0, 3) == 0)
          g_ptr_array_add (some, g_ptr_array_index (doc->paths, p));
    }
  g_assert_cmpuint (some->len, >, 0);

  before = kap_store_changes (world->store, 0, 0, &error);
  g_assert_no_error (error);
  last_seq = kap_store_get_last_seq (world->store);

  pouch_order = insertion_order (some, 3);
  store_order = insertion_order (some, 3);
  pouch_insert (pouch_order);
  store_insert (store_order);

  /* Known revisions leave the store as it was: no new sequence, the same
   * changes feed. */
  g_assert_cmpint (kap_store_get_last_seq (world->store), ==, last_seq);
  after = kap_store_changes (world->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      KapChange *a = g_ptr_array_index (before, i);
      KapChange *b = g_ptr_array_index (after, i);

      g_assert_cmpint (a->seq, ==, b->seq);
      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->rev, ==, b->rev);
      g_assert_cmpint (a->deleted, ==, b->deleted);
    }

  g_assert_true (kap_store_check (world->store, &error));
  g_assert_no_error (error);

  check_winners ();
  check_conflicts ();
  check_leaves ();
  check_changes ();
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;

  ensure_world ();

  /* The store's own invariants hold after all that merging. */
  g_assert_true (kap_store_check (world->store, &error));
  g_assert_no_error (error);
}

/* The smallest cases of a stemmed path that an older path later joins to
 * its ancestors, so that a failure of the random test has a readable
 * counterpart. Each case: the paths in the order the store gets them
 * (newest revision first, '|' between paths), PouchDB gets them oldest
 * start first (see pouch_order_compare()). */
static const struct
{
  const char *id;
  const char *paths;
} bridge_cases[] = {
  /* A stemmed branch, then the root part, then the full path. */
  { "person:bridge-1", "4-dd,3-cc|2-bb,1-aa|4-dd,3-cc,2-bb,1-aa" },
  /* The root alone, the middle alone, then the full path. */
  { "person:bridge-2", "1-aa|2-bb|3-cc,2-bb,1-aa" },
  /* The leaf alone, then a prefix of its path, then the full path. */
  { "person:bridge-3", "3-cc|2-bb,1-aa|3-cc,2-bb,1-aa" },
  /* Control: the full path first, then the pieces. */
  { "person:bridge-4", "3-cc,2-bb,1-aa|3-cc|2-bb,1-aa|1-aa" },
};

#define BRIDGE_DB "kapija-bridge"

static void
test_stemmed_bridge (void)
{
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);

  /* Its own database and store, so that the random documents' counts stay
   * as they are. */
  ensure_world ();
  g_assert_true (kap_test_server_create_database (world->server, BRIDGE_DB, &open_error));
  g_assert_no_error (open_error);
  dir = g_dir_make_tmp ("kap-test-bridge-XXXXXX", &open_error);
  g_assert_no_error (open_error);
  store_path = g_build_filename (dir, "kapija.db", NULL);
  store = kap_store_open (store_path, KAP_STORE_OPEN_CREATE, &open_error);
  g_assert_no_error (open_error);

  for (guint c = 0; c < G_N_ELEMENTS (bridge_cases); c++)
    {
      g_auto(GStrv) paths = g_strsplit (bridge_cases[c].paths, "|", -1);
      g_autoptr(GPtrArray) pouch_paths = g_ptr_array_new ();
      g_autoptr(GPtrArray) leaves = NULL;
      g_autoptr(GPtrArray) store_revs = g_ptr_array_new ();
      g_autoptr(JsonNode) changes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *store_set = NULL;
      g_autofree char *pouch_set = NULL;
      JsonArray *results;
      GPtrArray *pouch_revs = NULL;

      for (guint p = 0; paths[p] != NULL; p++)
        {
          g_auto(GStrv) revs = g_strsplit (paths[p], ",", -1);
          g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
          g_autoptr(JsonObject) body = json_object_new ();
          KapDocument *document = kap_document_new (bridge_cases[c].id, body);

          json_object_set_string_member (body, "type", "person");
          json_object_set_string_member (body, "given_name", "Ayşe");
          kap_document_set_body (document, body);
          kap_document_set_rev (document, revs[0]);
          kap_document_set_ancestry (document, (const char * const *) revs);
          g_ptr_array_add (documents, document);
          g_assert_true (kap_store_insert_revisions (store, documents, &error));
          g_assert_no_error (error);

          g_ptr_array_add (pouch_paths, paths[p]);
        }

      /* Oldest start first for PouchDB: the start is the generation of a
       * path's last revision. */
      for (guint i = 1; i < pouch_paths->len; i++)
        for (guint j = i; j > 0; j--)
          {
            const char *a = strrchr (pouch_paths->pdata[j - 1], ',');
            const char *b = strrchr (pouch_paths->pdata[j], ',');
            guint64 start_a = g_ascii_strtoull (a != NULL ? a + 1 : pouch_paths->pdata[j - 1], NULL, 10);
            guint64 start_b = g_ascii_strtoull (b != NULL ? b + 1 : pouch_paths->pdata[j], NULL, 10);
            gpointer tmp;

            if (start_a <= start_b)
              break;
            tmp = pouch_paths->pdata[j];
            pouch_paths->pdata[j] = pouch_paths->pdata[j - 1];
            pouch_paths->pdata[j - 1] = tmp;
          }

      for (guint i = 0; i < pouch_paths->len; i++)
        {
          g_auto(GStrv) revs = g_strsplit (pouch_paths->pdata[i], ",", -1);
          g_autoptr(GString) request = g_string_new (NULL);
          g_autoptr(JsonNode) reply = NULL;

          g_string_append_printf (request,
                                  "{\"new_edits\":false,\"docs\":[{\"_id\":\"%s\",\"_rev\":\"%s\","
                                  "\"type\":\"person\",\"given_name\":\"Ayşe\","
                                  "\"_revisions\":{\"start\":%u,\"ids\":[",
                                  bridge_cases[c].id, revs[0], (guint) g_ascii_strtoull (revs[0], NULL, 10));
          for (guint r = 0; revs[r] != NULL; r++)
            g_string_append_printf (request, "%s\"%s\"", r > 0 ? "," : "", strchr (revs[r], '-') + 1);
          g_string_append (request, "]}}]}");

          reply = kap_test_server_request_text (world->server, "POST", "/" BRIDGE_DB "/_bulk_docs",
                                                request->str, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (JSON_NODE_HOLDS_ARRAY (reply));
          g_assert_cmpuint (json_array_get_length (json_node_get_array (reply)), ==, 0);
        }

      leaves = kap_store_get_leaves (store, bridge_cases[c].id, &error);
      g_assert_no_error (error);
      for (guint l = 0; l < leaves->len; l++)
        g_ptr_array_add (store_revs, ((KapLeaf *) g_ptr_array_index (leaves, l))->rev);

      /* The one document of this case: the feed since the previous one. */
      path = g_strdup_printf ("/" BRIDGE_DB "/_changes?style=all_docs");
      changes = kap_test_server_request (world->server, "GET", path, NULL, NULL, &error);
      g_assert_no_error (error);
      results = json_object_get_array_member (json_node_get_object (changes), "results");
      for (guint r = 0; r < json_array_get_length (results); r++)
        {
          JsonObject *result = json_array_get_object_element (results, r);

          if (g_strcmp0 (json_object_get_string_member (result, "id"), bridge_cases[c].id) == 0)
            pouch_revs = string_array_from_json (json_object_get_array_member (result, "changes"), "rev");
        }
      g_assert_nonnull (pouch_revs);

      store_set = join_sorted (store_revs);
      pouch_set = join_sorted (pouch_revs);
      g_ptr_array_unref (pouch_revs);

      g_test_message ("%s: paths %s: store leaves %s, PouchDB leaves %s",
                      bridge_cases[c].id, bridge_cases[c].paths, store_set, pouch_set);
      if (g_strcmp0 (store_set, pouch_set) != 0)
        g_string_append_printf (failures, "%s%s (paths %s in this order): store leaves %s, PouchDB %s",
                                failures->len > 0 ? "; " : "",
                                bridge_cases[c].id, bridge_cases[c].paths, store_set, pouch_set);
    }

  g_clear_object (&store);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
      g_autofree char *file = g_strconcat (store_path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);

  if (failures->len > 0)
    g_test_fail_printf ("%s", failures->str);
}

/* --seed must be taken out before g_test_init(), which has an option of
 * that name for its own random numbers. */
static guint32
take_seed_option (int    *argc,
                  char ***argv)
{
  const char *env = g_getenv ("KAP_TEST_SEED");
  const char *text = NULL;
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];

      if (g_str_has_prefix (arg, "--seed=") && g_ascii_isdigit (arg[7]))
        text = arg + 7;
      else if (strcmp (arg, "--seed") == 0 && i + 1 < *argc && g_ascii_isdigit ((*argv)[i + 1][0]))
        text = (*argv)[++i];
      else
        (*argv)[out++] = (char *) arg;
    }
  (*argv)[out] = NULL;
  *argc = out;

  if (text == NULL && env != NULL && *env != '\0')
    text = env;

  if (text != NULL)
    {
      guint64 value;
      g_autoptr(GError) error = NULL;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, &error))
        g_error ("Not a seed: %s: %s", text, error->message);
      return (guint32) value;
    }

  return g_random_int ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  opt_seed = take_seed_option (&argc, &argv);

  g_test_init (&argc, &argv, NULL);
  g_test_message ("revision tree seed %u (reproduce with --seed=%u or KAP_TEST_SEED=%u)",
                  opt_seed, opt_seed, opt_seed);

  g_test_add_func ("/integration/revtree/winner", test_winner);
  g_test_add_func ("/integration/revtree/conflicts", test_conflicts);
  g_test_add_func ("/integration/revtree/leaves", test_leaves);
  g_test_add_func ("/integration/revtree/changes", test_changes);
  g_test_add_func ("/integration/revtree/leaf-bodies", test_leaf_bodies);
  g_test_add_func ("/integration/revtree/check", test_check);
  g_test_add_func ("/integration/revtree/reinsert", test_reinsert);
  g_test_add_func ("/integration/revtree/stemmed-bridge", test_stemmed_bridge);

  status = g_test_run ();
  world_free ();

  return status;
}
