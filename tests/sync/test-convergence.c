/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-convergence"

#include "config.h"

#include <stdlib.h>

#include "kap-canonical-json.h"
#include "kap-conflict-resolver.h"
#include "kap-sync-names.h"
#include "kap-sync-session.h"

#include "kap-foreign-peer.h"
#include "kap-sync-test-util.h"

/* Convergence (the sync issue, point 4): three laptops and PouchDB Server.
 * Each round every laptop edits the same ~50 screenings at random (the
 * same fields and different ones, the select_multiple set fields of
 * screening@1, deletions), then the laptops sync (KapSyncSession) in a
 * new random order each pass until a whole pass moves nothing. Then:
 *  - every replica and the server have the same winner and body for every
 *    document;
 *  - every edit of the round is in the result, or its document is still in
 *    the conflict queue with the edit on one of its sides;
 * and a supervisor resolves what is left (KapConflictResolver's apply) so
 * that the next round starts from one agreed state.
 *
 * The second run adds a foreign peer: a PouchDB 9 client
 * (tests/server/kap-foreign-peer.js) that edits, saves without a change
 * and deletes like the laptops, syncs with the same database while a
 * laptop syncs (its step is started before a laptop's sync and collected
 * after it), and resolves the conflicts it sees the way PouchDB
 * applications do: keeping the winner, keeping its own revision, or
 * writing an application's merge, and removing the other revisions. The
 * same rule holds, with the peer among the replicas, and an edit may also
 * be gone because the peer knowingly removed a revision that held it (it
 * reports the bodies it removed); besides, no record is deleted unless
 * someone deleted it.
 * The seed is printed; KAP_TEST_SEED=N repeats a run's choices
 * (KAP_TEST_FOREIGN_OVERLAP=0 also runs the peer's steps between the
 * laptops' syncs rather than during them, so that the run repeats). */

#define N_LAPTOPS  3
#define N_DOCS     50
#define N_ROUNDS   16
#define N_EDITS    20     /* per laptop and round */
#define MAX_PASSES 8
#define STATION    "RS-PRE"
/* With the foreign peer: fewer rounds keep the two runs under half a
 * minute together; the peer's edits per round; its index in Edit.laptop. */
#define N_FOREIGN_ROUNDS 8
#define N_FOREIGN_EDITS  12
#define FOREIGN          N_LAPTOPS
#define MAX_FOREIGN_PASSES 12

static KapTestServer *server;
static KapFormRegistry *forms;
static GRand *rng;

static const char * const scalar_fields[] = { "notes", "age_years", "relationship_to_adult" };
static const char * const set_fields[] = { "vuln_cat", "suggested_services" };
static const char * const vuln_codes[] = { "UAC", "SEP", "DIS", "OLD", "PRG", "THB", "SMC", "MHC", "GBV", "LEG" };
static const char * const service_codes[] = { "CPG", "HLT", "MHP", "ATH", "GBV", "LEG", "SHL", "FTR" };

typedef enum
{
  EDIT_SCALAR,
  EDIT_SET_ADD,
  EDIT_SET_REMOVE,
  EDIT_DELETE,
  EDIT_TOUCH,     /* changed and changed back: no net change, but a new revision */
} EditKind;

/* One edit made in a round, as the laptop last left it. */
typedef struct
{
  EditKind  kind;
  guint     laptop;
  char     *id;
  char     *field;
  char     *deleted_rev;  /* the foreign peer's deletion: the revision it removed */
  JsonNode *value;    /* scalar: the value; set: the code (a string) */
} Edit;

static void
edit_free (Edit *edit)
{
  g_free (edit->id);
  g_free (edit->field);
  g_free (edit->deleted_rev);
  g_clear_pointer (&edit->value, json_node_unref);
  g_free (edit);
}

/* A revision the foreign peer removed (or replaced by its merge) when
 * it resolved a conflict: what was in it was dropped knowingly. */
typedef struct
{
  char       *id;
  JsonObject *body;
} Discarded;

static void
discarded_free (Discarded *discarded)
{
  g_free (discarded->id);
  json_object_unref (discarded->body);
  g_free (discarded);
}

typedef struct
{
  SyncTestStore  *laptops[N_LAPTOPS];
  KapForeignPeer *peer;         /* NULL: the laptops alone */
  gboolean        overlap;      /* the peer syncs while a laptop does */
  const char     *station;      /* a database of its own per run */
  char           *url;
  GPtrArray      *ids;
  GPtrArray      *discarded;    /* Discarded, this round */
  guint           clock;
  guint           deletions_queued;
  guint           clashes_seen;
  guint           merges_seen;
  guint           foreign_resolved;
  guint           foreign_removed;
  guint           foreign_deletions_lost;
} World;

static char *
next_timestamp (World *world)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2025, 3, 15, 8, 0, 0);
  g_autoptr(GDateTime) now = g_date_time_add_seconds (start, ++world->clock);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonObject *
new_screening (World *world,
               guint  n)
{
  JsonObject *body = json_object_new ();
  g_autofree char *now = next_timestamp (world);
  JsonArray *cats = json_array_new ();
  JsonArray *services = json_array_new ();

  json_object_set_string_member (body, "type", "screening");
  json_object_set_string_member (body, "form", "screening@1");
  json_object_set_string_member (body, "station", STATION);
  json_object_set_string_member (body, "status", "final");
  json_object_set_string_member (body, "created_by", "OFF-1");
  json_object_set_string_member (body, "created_at", now);
  json_object_set_string_member (body, "notes", sync_test_names[n % G_N_ELEMENTS (sync_test_names)]);
  json_object_set_int_member (body, "age_years", 20 + n % 50);
  json_array_add_string_element (cats, "DIS");
  json_object_set_array_member (body, "vuln_cat", cats);
  json_array_add_string_element (services, "HLT");
  json_object_set_array_member (body, "suggested_services", services);
  json_object_set_string_member (body, "updated_at", now);
  json_object_set_string_member (body, "updated_by", "OFF-1");
  return body;
}

static KapSyncSummary *
sync_laptop (World *world,
             guint  laptop)
{
  g_autoptr(KapSyncSession) session = NULL;
  g_autoptr(GError) error = NULL;
  KapSyncSummary *summary;

  session = kap_sync_session_new (world->laptops[laptop]->store, forms, &sync_test_supervisor,
                                  world->url, world->station, NULL, NULL);
  summary = kap_sync_session_run (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->replication.rejected, ==, 0);
  g_assert_cmpuint (summary->replication.errors, ==, 0);
  return summary;
}

static JsonObject *
peer_call (World      *world,
           const char *command,
           JsonObject *args)
{
  g_autoptr(GError) error = NULL;
  JsonObject *reply = kap_foreign_peer_call (world->peer, command, args, &error);

  g_assert_no_error (error);
  return reply;
}

/* The peer's step of a pass, as a PouchDB application's sync: pull,
 * resolve the conflicts it sees (its way, chosen at random), push. Sent
 * at once; foreign_step_finish() takes the reply, so that the peer works
 * while a laptop syncs. */
static void
foreign_step_start (World *world)
{
  static const char * const modes[] = { "keep-winner", "keep-own", "merge" };
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (args, "mode", modes[g_rand_int_range (rng, 0, G_N_ELEMENTS (modes))]);
  g_assert_true (kap_foreign_peer_send (world->peer, "step", args, &error));
  g_assert_no_error (error);
}

/* What the peer's step moved. */
static guint
foreign_step_finish (World *world)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = kap_foreign_peer_receive (world->peer, &error);
  JsonArray *resolved;

  g_assert_no_error (error);
  resolved = json_object_get_array_member (reply, "resolved");

  for (guint i = 0; i < json_array_get_length (resolved); i++)
    {
      JsonObject *one = json_array_get_object_element (resolved, i);
      JsonArray *removed = json_object_get_array_member (one, "removed");

      for (guint j = 0; j < json_array_get_length (removed); j++)
        {
          Discarded *discarded = g_new0 (Discarded, 1);

          discarded->id = g_strdup (json_object_get_string_member (one, "id"));
          discarded->body = json_object_ref (json_object_get_object_member (json_array_get_object_element (removed, j),
                                                                            "body"));
          g_ptr_array_add (world->discarded, discarded);
        }
      world->foreign_removed += json_array_get_length (removed);
    }
  world->foreign_resolved += json_array_get_length (resolved);

  return json_object_get_int_member (reply, "pulled") + json_array_get_length (resolved) +
         json_object_get_int_member (reply, "pushed");
}

/* Syncs every laptop (and the foreign peer), in a new random order each
 * pass, until a pass moves nothing. Returns the number of passes. */
static guint
sync_until_quiet (World *world)
{
  guint n = N_LAPTOPS + (world->peer != NULL ? 1 : 0);
  guint max_passes = world->peer != NULL ? MAX_FOREIGN_PASSES : MAX_PASSES;

  for (guint pass = 1; pass <= max_passes; pass++)
    {
      guint order[N_LAPTOPS + 1] = { 0, 1, 2, FOREIGN };
      gboolean foreign_running = FALSE;
      guint moved = 0;

      for (guint i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rng, 0, (gint32) i + 1), tmp = order[i];

          order[i] = order[j];
          order[j] = tmp;
        }

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KapSyncSummary) summary = NULL;

          if (order[i] == FOREIGN)
            {
              foreign_step_start (world);
              foreign_running = TRUE;
              if (world->overlap && i + 1 < n)
                continue;
              moved += foreign_step_finish (world);
              foreign_running = FALSE;
              continue;
            }

          summary = sync_laptop (world, order[i]);
          moved += summary->replication.pushed + summary->replication.pulled + summary->merged;
          world->merges_seen += summary->merged;

          /* The peer's step ran while this laptop synced. */
          if (foreign_running)
            {
              moved += foreign_step_finish (world);
              foreign_running = FALSE;
            }
        }

      if (moved == 0)
        return pass;
    }

  g_assert_not_reached ();
}

static JsonArray *
set_of (JsonObject *body,
        const char *field)
{
  JsonNode *node = json_object_get_member (body, field);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (body, field, json_array_new ());
      node = json_object_get_member (body, field);
    }
  return json_node_get_array (node);
}

static int
set_find (JsonArray  *set,
          const char *code)
{
  for (guint i = 0; i < json_array_get_length (set); i++)
    if (g_strcmp0 (json_array_get_string_element (set, i), code) == 0)
      return (int) i;
  return -1;
}

/* Records @edit, replacing the same laptop's earlier edit of the same
 * thing in this round (it edited its own edit). */
static void
track (GPtrArray *edits,
       Edit      *edit)
{
  for (guint i = 0; i < edits->len; i++)
    {
      Edit *old = g_ptr_array_index (edits, i);
      gboolean same_code;

      if (old->laptop != edit->laptop || g_strcmp0 (old->id, edit->id) != 0 ||
          g_strcmp0 (old->field, edit->field) != 0)
        continue;
      same_code = old->value && edit->value && JSON_NODE_HOLDS_VALUE (old->value) &&
                  json_node_get_value_type (old->value) == G_TYPE_STRING &&
                  JSON_NODE_HOLDS_VALUE (edit->value) &&
                  json_node_get_value_type (edit->value) == G_TYPE_STRING &&
                  g_strcmp0 (json_node_get_string (old->value), json_node_get_string (edit->value)) == 0;
      if (edit->kind == EDIT_SCALAR && old->kind == EDIT_SCALAR)
        {
          g_ptr_array_remove_index (edits, i);
          break;
        }
      if (edit->kind != EDIT_SCALAR && old->kind != EDIT_SCALAR && old->kind != EDIT_TOUCH && same_code)
        {
          /* Adding back a code it removed (or the reverse) is no change
           * at all, as a set merge sees it. */
          gboolean undone = old->kind != edit->kind;

          g_ptr_array_remove_index (edits, i);
          if (undone)
            edit->kind = EDIT_TOUCH;
          break;
        }
    }
  g_ptr_array_add (edits, edit);
}

/* Forgets @who's earlier edits of @id: they go with its deletion. */
static void
forget_edits_of (GPtrArray  *edits,
                 guint       who,
                 const char *id)
{
  for (guint i = edits->len; i-- > 0;)
    {
      Edit *old = g_ptr_array_index (edits, i);

      if (old->laptop == who && g_str_equal (old->id, id))
        g_ptr_array_remove_index (edits, i);
    }
}

/* Changes one answer of @body at random, as @edit records: a scalar
 * (@scalar) or a code of a set, then the updated_* members as @who. */
static void
change_answer (World      *world,
               JsonObject *body,
               gboolean    scalar,
               guint       who,
               guint       round,
               guint       n,
               Edit       *edit)
{
  static const char * const officers[] = { "OFF-1", "OFF-2", "OFF-3", "PDB-1" };
  g_autofree char *now = NULL;

  if (scalar)
    {
      const char *field = scalar_fields[g_rand_int_range (rng, 0, G_N_ELEMENTS (scalar_fields))];

      edit->kind = EDIT_SCALAR;
      edit->field = g_strdup (field);
      edit->value = json_node_new (JSON_NODE_VALUE);
      if (g_str_equal (field, "age_years"))
        json_node_set_int (edit->value, 1000 * (round + 1) + 100 * who + n);
      else
        {
          g_autofree char *text = g_strdup_printf ("%s (%s %u, round %u, edit %u)",
                                                   sync_test_names[g_rand_int_range (rng, 0, G_N_ELEMENTS (sync_test_names))],
                                                   who == FOREIGN ? "foreign peer" : "laptop", who,
                                                   round, n);
          json_node_set_string (edit->value, text);
        }
      json_object_set_member (body, edit->field, json_node_copy (edit->value));
    }
  else
    {
      const char *field = set_fields[g_rand_int_range (rng, 0, G_N_ELEMENTS (set_fields))];
      gboolean vuln = g_str_equal (field, "vuln_cat");
      const char *code = vuln ? vuln_codes[g_rand_int_range (rng, 0, G_N_ELEMENTS (vuln_codes))]
                              : service_codes[g_rand_int_range (rng, 0, G_N_ELEMENTS (service_codes))];
      JsonArray *set = set_of (body, field);
      int at = set_find (set, code);

      edit->field = g_strdup (field);
      edit->value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (edit->value, code);
      if (at >= 0)
        {
          edit->kind = EDIT_SET_REMOVE;
          json_array_remove_element (set, (guint) at);
        }
      else
        {
          edit->kind = EDIT_SET_ADD;
          json_array_add_string_element (set, code);
        }
    }

  now = next_timestamp (world);
  json_object_set_string_member (body, "updated_at", now);
  json_object_set_string_member (body, "updated_by", officers[who]);
}

static void
edit_one (World     *world,
          guint      laptop,
          guint      round,
          guint      n,
          GPtrArray *edits)
{
  KapStore *store = world->laptops[laptop]->store;
  const char *id = g_ptr_array_index (world->ids, g_rand_int_range (rng, 0, (gint32) world->ids->len));
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  Edit *edit;
  guint dice;

  document = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, &error);
  if (g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
    return;     /* deleted: nothing to edit */
  g_assert_no_error (error);

  edit = g_new0 (Edit, 1);
  edit->laptop = laptop;
  edit->id = g_strdup (id);
  dice = g_rand_int_range (rng, 0, 100);

  if (dice < 3)
    {
      edit->kind = EDIT_DELETE;
      rev = kap_store_delete (store, id, kap_document_get_rev (document), &error);
      g_assert_no_error (error);
      forget_edits_of (edits, laptop, id);
      track (edits, edit);
      return;
    }

  change_answer (world, kap_document_get_body (document), dice < 55, laptop, round, n, edit);
  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);
  track (edits, edit);
}

/* The foreign peer's winner of @id (kap_foreign_peer_get()). */
static JsonObject *
peer_get (World      *world,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = NULL;

  g_assert_true (kap_foreign_peer_get (world->peer, id, &doc, &error));
  g_assert_no_error (error);
  return doc;
}

/* One edit by the foreign peer, as a PouchDB application makes it on
 * its own replica: a change of an answer, a save without a change (a new
 * revision all the same, which is how the reported conflict began), or a
 * deletion of what it shows (db.remove () of its winner; not while it
 * shows a conflict, which an application resolves first). */
static void
edit_foreign (World     *world,
              guint      round,
              guint      n,
              GPtrArray *edits)
{
  const char *id = g_ptr_array_index (world->ids, g_rand_int_range (rng, 0, (gint32) world->ids->len));
  g_autoptr(JsonObject) doc = peer_get (world, id);
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  gboolean conflicted;
  Edit *edit;
  guint dice;

  if (doc == NULL)
    return;
  conflicted = json_object_has_member (doc, "_conflicts");
  json_object_remove_member (doc, "_conflicts");

  edit = g_new0 (Edit, 1);
  edit->laptop = FOREIGN;
  edit->id = g_strdup (id);
  dice = g_rand_int_range (rng, 0, 100);

  if (dice < 3 && !conflicted)
    {
      edit->kind = EDIT_DELETE;
      edit->deleted_rev = g_strdup (json_object_get_string_member (doc, "_rev"));
      json_object_set_string_member (args, "id", id);
      json_object_set_string_member (args, "rev", json_object_get_string_member (doc, "_rev"));
      reply = peer_call (world, "remove", args);
      forget_edits_of (edits, FOREIGN, id);
      track (edits, edit);
      return;
    }

  if (dice < 18)
    edit->kind = EDIT_TOUCH;
  else
    change_answer (world, doc, dice < 60, FOREIGN, round, n, edit);
  json_object_set_object_member (args, "doc", json_object_ref (doc));
  reply = peer_call (world, "put", args);
  track (edits, edit);
}

/* id → canonical "winner rev, deleted, body" of one replica. */
static GHashTable *
store_state (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = kap_store_changes (store, 0, 0, &error);
  GHashTable *state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      g_autoptr(KapDocument) document = kap_store_get (store, change->id, NULL,
                                                       KAP_STORE_GET_DELETED, &error);
      g_autofree char *body = NULL;

      g_assert_no_error (error);
      body = kap_canonical_json_object (kap_document_get_body (document), TRUE);
      g_hash_table_insert (state, g_strdup (change->id),
                           g_strdup_printf ("%s %d %s", change->rev, change->deleted,
                                            change->deleted ? "" : body));
    }
  return state;
}

static GHashTable *
server_state (World *world)
{
  g_autofree char *db = kap_sync_station_database_name (world->station);
  g_autofree char *path = g_strdup_printf ("/%s/_changes?style=all_docs&include_docs=true", db);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = kap_test_server_request (server, "GET", path, NULL, NULL, &error);
  GHashTable *state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *results;

  g_assert_no_error (error);
  results = json_object_get_array_member (json_node_get_object (reply), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *doc = json_object_get_object_member (json_array_get_object_element (results, i), "doc");
      gboolean deleted = json_object_get_boolean_member_with_default (doc, "_deleted", FALSE);
      g_autofree char *body = kap_canonical_json_object (doc, TRUE);
      const char *id = json_object_get_string_member (doc, "_id");

      if (g_str_has_prefix (id, "_design/"))
        continue;
      g_hash_table_insert (state, g_strdup (id),
                           g_strdup_printf ("%s %d %s", json_object_get_string_member (doc, "_rev"),
                                            deleted, deleted ? "" : body));
    }
  return state;
}

/* The same of the foreign peer's replica; @conflicted (nullable) counts
 * the documents in which it sees a conflict. */
static GHashTable *
foreign_state (World *world,
               guint *conflicted)
{
  g_autoptr(JsonObject) reply = peer_call (world, "state", NULL);
  JsonArray *docs = json_object_get_array_member (reply, "docs");
  GHashTable *state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (conflicted != NULL)
    *conflicted = 0;
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      gboolean deleted = json_object_get_boolean_member (doc, "deleted");
      g_autofree char *body = kap_canonical_json_object (json_object_get_object_member (doc, "body"), TRUE);

      if (conflicted != NULL && json_object_get_int_member (doc, "conflicts") > 0)
        (*conflicted)++;
      g_hash_table_insert (state, g_strdup (json_object_get_string_member (doc, "id")),
                           g_strdup_printf ("%s %d %s", json_object_get_string_member (doc, "rev"),
                                            deleted, deleted ? "" : body));
    }
  return state;
}

static void
assert_same_state (GHashTable *a,
                   GHashTable *b,
                   const char *what)
{
  GHashTableIter iter;
  gpointer id, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      const char *other = g_hash_table_lookup (b, id);

      if (g_strcmp0 (value, other) != 0)
        g_error ("%s: %s differs:\n  %s\n  %s", what, (char *) id, (char *) value, other);
    }
}

static void
assert_converged (World *world)
{
  g_autoptr(GHashTable) reference = store_state (world->laptops[0]->store);
  g_autoptr(GHashTable) remote = server_state (world);

  for (guint i = 1; i < N_LAPTOPS; i++)
    {
      g_autoptr(GHashTable) other = store_state (world->laptops[i]->store);

      assert_same_state (reference, other, "laptops");
    }
  assert_same_state (reference, remote, "laptop and server");
  if (world->peer != NULL)
    {
      g_autoptr(GHashTable) foreign = foreign_state (world, NULL);

      assert_same_state (reference, foreign, "laptop and foreign peer");
    }
}

/* Whether @body holds what @edit did. */
static gboolean
body_has_edit (JsonObject *body,
               Edit       *edit)
{
  JsonNode *node;

  if (body == NULL)
    return FALSE;
  node = json_object_get_member (body, edit->field);

  switch (edit->kind)
    {
    case EDIT_SCALAR:
      return node != NULL && json_node_equal (node, edit->value);
    case EDIT_SET_ADD:
      return node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
             set_find (json_node_get_array (node), json_node_get_string (edit->value)) >= 0;
    case EDIT_SET_REMOVE:
      return node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
             set_find (json_node_get_array (node), json_node_get_string (edit->value)) < 0;
    case EDIT_DELETE:
    case EDIT_TOUCH:
    default:
      return FALSE;
    }
}

/* The edit is kept in the queue: on one side of a clash of its field, or
 * on a live leaf of its document (a third leaf not folded yet). */
static gboolean
queue_has_edit (KapStore  *store,
                GPtrArray *queue,
                Edit      *edit)
{
  for (guint i = 0; i < queue->len; i++)
    {
      KapConflict *conflict = g_ptr_array_index (queue, i);
      GPtrArray *clashes;
      g_autoptr(GPtrArray) leaves = NULL;
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (conflict->id, edit->id) != 0)
        continue;

      clashes = kap_merge_result_get_clashes (conflict->merge);
      for (guint j = 0; j < clashes->len; j++)
        {
          KapMergeClash *clash = g_ptr_array_index (clashes, j);

          if (g_strcmp0 (clash->path, edit->field) == 0)
            {
              g_autoptr(JsonObject) ours = json_object_new ();
              g_autoptr(JsonObject) theirs = json_object_new ();

              if (clash->ours)
                json_object_set_member (ours, edit->field, json_node_copy (clash->ours));
              if (clash->theirs)
                json_object_set_member (theirs, edit->field, json_node_copy (clash->theirs));
              if (body_has_edit (ours, edit) || body_has_edit (theirs, edit))
                return TRUE;
            }
        }

      if (kap_merge_result_get_body (conflict->merge) != NULL &&
          body_has_edit (kap_merge_result_get_body (conflict->merge), edit))
        return TRUE;

      leaves = kap_store_get_leaves (store, edit->id, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < leaves->len; j++)
        {
          KapLeaf *leaf = g_ptr_array_index (leaves, j);
          g_autoptr(KapDocument) document = NULL;

          if (leaf->deleted)
            continue;
          document = kap_store_get (store, edit->id, leaf->rev, KAP_STORE_GET_NONE, &error);
          g_assert_no_error (error);
          if (body_has_edit (kap_document_get_body (document), edit))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
edited_elsewhere (GPtrArray *edits,
                  Edit      *deletion)
{
  for (guint i = 0; i < edits->len; i++)
    {
      Edit *edit = g_ptr_array_index (edits, i);

      if (edit->laptop != deletion->laptop && edit->kind != EDIT_DELETE &&
          g_strcmp0 (edit->id, deletion->id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The foreign peer removed (or replaced by its merge), knowingly, a
 * revision of the edit's document that held the edit. */
static gboolean
discarded_has_edit (World *world,
                    Edit  *edit)
{
  for (guint i = 0; i < world->discarded->len; i++)
    {
      Discarded *discarded = g_ptr_array_index (world->discarded, i);

      if (g_str_equal (discarded->id, edit->id) && body_has_edit (discarded->body, edit))
        return TRUE;
    }
  return FALSE;
}

/* Whether @rev of @id is an ancestor of a live leaf (or one itself). */
static gboolean
is_live_ancestor (KapStore   *store,
                  const char *id,
                  const char *rev)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leaves = kap_store_get_leaves (store, id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < leaves->len; i++)
    {
      KapLeaf *leaf = g_ptr_array_index (leaves, i);
      g_autoptr(KapDocument) document = NULL;

      if (leaf->deleted)
        continue;
      document = kap_store_get (store, id, leaf->rev, KAP_STORE_GET_ANCESTRY, &error);
      g_assert_no_error (error);
      if (g_strv_contains (kap_document_get_ancestry (document), rev))
        return TRUE;
    }
  return FALSE;
}

/* For a failure's report: the leaves of @id with their history and
 * bodies, and what the foreign peer removed of it this round. */
static void
print_document (World      *world,
                const char *id)
{
  KapStore *store = world->laptops[0]->store;
  g_autoptr(GPtrArray) leaves = kap_store_get_leaves (store, id, NULL);

  for (guint i = 0; leaves != NULL && i < leaves->len; i++)
    {
      KapLeaf *leaf = g_ptr_array_index (leaves, i);
      g_autoptr(KapDocument) document = kap_store_get (store, id, leaf->rev,
                                                       KAP_STORE_GET_ANCESTRY | KAP_STORE_GET_DELETED,
                                                       NULL);
      g_autofree char *history = NULL;
      g_autofree char *body = NULL;

      if (document == NULL)
        continue;
      history = g_strjoinv (" < ", (char **) kap_document_get_ancestry (document));
      body = kap_canonical_json_object (kap_document_get_body (document), TRUE);
      g_printerr ("leaf %s (deleted %d): %s\n  %s\n", leaf->rev, leaf->deleted, history, body);
    }
  for (guint i = 0; i < world->discarded->len; i++)
    {
      Discarded *discarded = g_ptr_array_index (world->discarded, i);
      g_autofree char *body = NULL;

      if (!g_str_equal (discarded->id, id))
        continue;
      body = kap_canonical_json_object (discarded->body, TRUE);
      g_printerr ("removed by the foreign peer: %s\n", body);
    }
}

static const char *
who (Edit *edit)
{
  static const char * const names[] = { "laptop 0", "laptop 1", "laptop 2", "the foreign peer" };

  return names[edit->laptop];
}

/* No record is deleted unless somebody deleted it: an automatic merge
 * never deletes a record on its own (the reported case: a foreign
 * client's resolution tombstone read as a deletion). */
static void
check_deletions (World      *world,
                 GPtrArray  *edits,
                 GHashTable *deleted_before)
{
  KapStore *store = world->laptops[0]->store;

  for (guint i = 0; i < world->ids->len; i++)
    {
      const char *id = g_ptr_array_index (world->ids, i);
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      gboolean deleted_by_someone = FALSE;

      document = kap_store_get (store, id, NULL, KAP_STORE_GET_DELETED, &error);
      g_assert_no_error (error);
      if (!kap_document_get_deleted (document) || g_hash_table_contains (deleted_before, id))
        continue;
      for (guint j = 0; !deleted_by_someone && j < edits->len; j++)
        {
          Edit *edit = g_ptr_array_index (edits, j);

          deleted_by_someone = edit->kind == EDIT_DELETE && g_str_equal (edit->id, id);
        }
      if (!deleted_by_someone)
        g_error ("%s was deleted, but nobody deleted it", id);
    }
}

static void
check_edits (World     *world,
             GPtrArray *edits)
{
  GPtrArray *queues[N_LAPTOPS] = { NULL };
  KapStore *store = world->laptops[0]->store;

  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      g_autoptr(GError) error = NULL;

      queues[i] = kap_conflict_resolver_list (world->laptops[i]->store, forms, &error);
      g_assert_no_error (error);
      /* The same documents are in every replica's queue. */
      g_assert_cmpuint (queues[i]->len, ==, queues[0]->len);
    }
  world->clashes_seen += queues[0]->len;

  for (guint i = 0; i < edits->len; i++)
    {
      Edit *edit = g_ptr_array_index (edits, i);
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      gboolean kept = FALSE;

      document = kap_store_get (store, edit->id, NULL, KAP_STORE_GET_DELETED, &error);
      g_assert_no_error (error);

      if (edit->kind == EDIT_TOUCH)
        continue;
      if (edit->kind == EDIT_DELETE)
        {
          gboolean queued = FALSE;

          /* A deletion is never dropped: the record is gone, or (deleted
           * here while it was changed elsewhere) it waits in the queue for
           * the supervisor, although CouchDB's winner rule made the live
           * leaf win meanwhile. */
          if (kap_document_get_deleted (document))
            continue;
          /* The foreign peer deleted a revision whose branch, unknown to
           * it, had already diverged from a live one (it had edited the
           * record itself first): its tombstone cannot be told from a
           * resolution's, and the live branch wins, as CouchDB has it
           * (core/store/kap-store-resolve.c). */
          if (edit->laptop == FOREIGN && !is_live_ancestor (store, edit->id, edit->deleted_rev))
            {
              world->foreign_deletions_lost++;
              continue;
            }
          for (guint q = 0; !queued && q < N_LAPTOPS; q++)
            for (guint k = 0; !queued && k < queues[q]->len; k++)
              queued = g_str_equal (((KapConflict *) g_ptr_array_index (queues[q], k))->id, edit->id);
          if (!queued)
            {
              print_document (world, edit->id);
              g_error ("The deletion of %s by %s was lost", edit->id, who (edit));
            }
          g_assert_true (edited_elsewhere (edits, edit));
          world->deletions_queued++;
          continue;
        }

      if (!kap_document_get_deleted (document))
        kept = body_has_edit (kap_document_get_body (document), edit);
      for (guint q = 0; !kept && q < N_LAPTOPS; q++)
        kept = queue_has_edit (world->laptops[q]->store, queues[q], edit);
      if (!kept)
        kept = discarded_has_edit (world, edit);

      if (!kept && kap_document_get_deleted (document))
        {
          /* Deleted by one laptop while this one edited it: that is a
           * clash for the supervisor, never a deletion made by the merge,
           * so the edit must still be in the queue. */
          g_error ("The edit of %s.%s by %s went with a deletion", edit->id, edit->field,
                   who (edit));
        }
      if (!kept)
        {
          g_autofree char *value = json_to_string (edit->value, FALSE);
          g_autofree char *body = kap_canonical_json_object (kap_document_get_body (document), TRUE);

          print_document (world, edit->id);
          g_error ("Edit lost: %s set %s.%s (%d) to %s; result: %s", who (edit), edit->id,
                   edit->field, edit->kind, value, body);
        }
    }

  for (guint i = 0; i < N_LAPTOPS; i++)
    g_ptr_array_unref (queues[i]);
}

/* The supervisor of one laptop settles every clash: theirs for even
 * rounds, ours for odd ones; the next sync spreads the choice. */
static void
resolve_queue (World *world,
               guint  round)
{
  KapStore *store = world->laptops[round % N_LAPTOPS]->store;
  const KapRecordAuthor author = { "SUP-1", world->station, kap_store_get_device_id (store) };

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(GPtrArray) queue = NULL;
      g_autoptr(GError) error = NULL;

      queue = kap_conflict_resolver_list (store, forms, &error);
      g_assert_no_error (error);
      if (queue->len == 0)
        return;

      for (guint i = 0; i < queue->len; i++)
        {
          KapConflict *conflict = g_ptr_array_index (queue, i);
          GPtrArray *clashes = kap_merge_result_get_clashes (conflict->merge);
          g_autoptr(JsonObject) choices = json_object_new ();
          gboolean ok;

          for (guint j = 0; j < clashes->len; j++)
            {
              KapMergeClash *clash = g_ptr_array_index (clashes, j);
              JsonNode *pick = round % 2 == 0 ? clash->theirs : clash->ours;

              json_object_set_member (choices, clash->path,
                                      pick ? json_node_copy (pick) : json_node_new (JSON_NODE_NULL));
            }
          ok = kap_conflict_resolver_apply (store, &sync_test_supervisor, conflict, choices, &author, &error);
          g_assert_no_error (error);
          g_assert_true (ok);
        }
    }

  g_assert_not_reached ();
}

/* The ids of the records deleted now (laptop 0's view, the agreed one). */
static GHashTable *
deleted_ids (World *world)
{
  GHashTable *deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < world->ids->len; i++)
    {
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      document = kap_store_get (world->laptops[0]->store, g_ptr_array_index (world->ids, i), NULL,
                                KAP_STORE_GET_DELETED, &error);
      g_assert_no_error (error);
      if (kap_document_get_deleted (document))
        g_hash_table_add (deleted, g_strdup (g_ptr_array_index (world->ids, i)));
    }
  return deleted;
}

/* @data: whether the foreign peer takes part. */
static void
test_convergence (gconstpointer data)
{
  gboolean with_peer = GPOINTER_TO_INT (data);
  World world = { 0 };
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint n_rounds = with_peer ? N_FOREIGN_ROUNDS : N_ROUNDS;

  world.station = with_peer ? "RS-PRE-FOREIGN" : STATION;
  db = kap_sync_station_database_name (world.station);
  /* No validate_doc_update there: PouchDB Server 4.2.0 would drop
   * replicated edits of existing documents (PLATFORM.md). */
  g_assert_true (kap_test_server_create_database (server, db, &error));
  g_assert_no_error (error);
  world.url = g_strdup (kap_test_server_get_url (server));
  world.ids = g_ptr_array_new_with_free_func (g_free);
  world.discarded = g_ptr_array_new_with_free_func ((GDestroyNotify) discarded_free);
  for (guint i = 0; i < N_LAPTOPS; i++)
    world.laptops[i] = sync_test_store_new ();
  if (with_peer)
    {
      g_autofree char *database_url = g_strdup_printf ("%s/%s", world.url, db);

      world.peer = kap_foreign_peer_start (database_url, NULL, NULL, &error);
      g_assert_no_error (error);
      world.overlap = g_strcmp0 (g_getenv ("KAP_TEST_FOREIGN_OVERLAP"), "0") != 0;
    }

  /* Laptop 0 registers the screenings; everyone gets them. */
  for (guint n = 0; n < N_DOCS; n++)
    {
      g_autoptr(JsonObject) body = new_screening (&world, n);
      g_autoptr(KapDocument) document = kap_document_new (NULL, body);
      g_autofree char *rev = kap_store_put (world.laptops[0]->store, document, &error);

      g_assert_no_error (error);
      g_ptr_array_add (world.ids, g_strdup (kap_document_get_id (document)));
    }
  sync_until_quiet (&world);
  assert_converged (&world);

  for (guint round = 0; round < n_rounds; round++)
    {
      g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
      g_autoptr(GHashTable) deleted_before = deleted_ids (&world);
      guint passes;

      g_ptr_array_set_size (world.discarded, 0);
      for (guint laptop = 0; laptop < N_LAPTOPS; laptop++)
        for (guint n = 0; n < N_EDITS; n++)
          edit_one (&world, laptop, round, n, edits);
      for (guint n = 0; world.peer != NULL && n < N_FOREIGN_EDITS; n++)
        edit_foreign (&world, round, n, edits);

      passes = sync_until_quiet (&world);
      assert_converged (&world);
      check_deletions (&world, edits, deleted_before);
      check_edits (&world, edits);
      g_test_message ("round %u: %u edits, quiet after %u passes", round, edits->len, passes);

      resolve_queue (&world, round);
      sync_until_quiet (&world);
      assert_converged (&world);
      for (guint i = 0; i < N_LAPTOPS; i++)
        {
          g_autoptr(GPtrArray) conflicted = kap_store_get_conflicted (world.laptops[i]->store, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (conflicted->len, ==, 0);
        }
      if (world.peer != NULL)
        {
          guint foreign_conflicted = 0;
          g_autoptr(GHashTable) state = foreign_state (&world, &foreign_conflicted);

          g_assert_cmpuint (foreign_conflicted, ==, 0);
        }
    }

  g_test_message ("%u automatic merges, %u clashes settled by the supervisor, "
                  "%u deletions against an edit made at the same time queued; %.1f s",
                  world.merges_seen, world.clashes_seen, world.deletions_queued,
                  g_timer_elapsed (timer, NULL));
  /* The run must have exercised both paths, or it proved little. */
  g_assert_cmpuint (world.merges_seen, >, 0);
  g_assert_cmpuint (world.clashes_seen, >, 0);
  g_assert_cmpuint (world.deletions_queued, >, 0);
  if (world.peer != NULL)
    {
      g_test_message ("the foreign peer resolved %u conflicts, removing %u revisions; %u of its "
                      "deletions were of a branch that had diverged unknown to it",
                      world.foreign_resolved, world.foreign_removed, world.foreign_deletions_lost);
      g_assert_cmpuint (world.foreign_resolved, >, 0);
      g_assert_cmpuint (world.foreign_removed, >, 0);
      kap_foreign_peer_stop (world.peer);
    }

  for (guint i = 0; i < N_LAPTOPS; i++)
    sync_test_store_free (world.laptops[i]);
  g_ptr_array_unref (world.ids);
  g_ptr_array_unref (world.discarded);
  g_free (world.url);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *seed_env = g_getenv ("KAP_TEST_SEED");
  guint32 seed;
  int status;

  g_test_init (&argc, &argv, NULL);

  seed = seed_env ? (guint32) strtoul (seed_env, NULL, 10) : g_random_int ();
  rng = g_rand_new_with_seed (seed);
  g_test_message ("seed %u (KAP_TEST_SEED=%u repeats this run)", seed, seed);
  g_print ("# seed %u\n", seed);

  forms = kap_form_registry_new ();
  g_assert_true (kap_form_registry_load_builtin (forms, &error));
  g_assert_no_error (error);

  server = kap_test_server_start (&error);
  g_assert_no_error (error);

  g_test_add_data_func ("/convergence/three-laptops", GINT_TO_POINTER (FALSE), test_convergence);
  g_test_add_data_func ("/convergence/three-laptops-and-pouchdb", GINT_TO_POINTER (TRUE),
                        test_convergence);

  status = g_test_run ();

  kap_test_server_stop (server);
  g_object_unref (forms);
  g_rand_free (rng);
  return status;
}
