/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replicator-push"

#include "config.h"

#include "kap-replicator-private.h"
#include "kap-sync-rejections.h"

/* Push: the store's changes since the push checkpoint, a batch at a time
 * → POST _revs_diff with every leaf → the revisions the server lacks, each
 * with its ancestry → POST _bulk_docs {"new_edits": false} → per-document
 * results (a refusal marks the record rejected, with the server's reason)
 * → merge bases → checkpoint on both sides. */

typedef struct
{
  char     *id;
  char     *rev;
  JsonNode *doc;
} Outgoing;

static void
outgoing_free (Outgoing *outgoing)
{
  g_free (outgoing->id);
  g_free (outgoing->rev);
  json_node_unref (outgoing->doc);
  g_free (outgoing);
}

static void
add_rejection (JsonObject *rejected,
               const char *id,
               const char *rev,
               const char *reason)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "rev", rev);
  json_object_set_string_member (entry, "reason", reason);
  json_object_set_object_member (rejected, id, entry);
}

guint64
kap_replicator_push_pending (KapRun         *run,
                             KapCheckpoint  *checkpoint,
                             GError        **error)
{
  g_autoptr(GPtrArray) changes = NULL;

  changes = kap_store_changes (run->store, kap_checkpoint_get_local_seq (checkpoint), 0, error);
  return changes != NULL ? changes->len : 0;
}

/* id → missing revisions (a JsonArray of strings), from the server. */
static JsonObject *
revs_diff (KapRun     *run,
           GPtrArray  *changes,
           GError    **error)
{
  g_autofree char *path = kap_couch_client_build_path (run->database, "_revs_diff", NULL);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      JsonArray *revs = json_array_new ();

      for (guint j = 0; change->leaves != NULL && change->leaves[j] != NULL; j++)
        json_array_add_string_element (revs, change->leaves[j]);
      json_object_set_array_member (request, change->id, revs);
    }
  json_node_set_object (node, request);

  reply = kap_couch_client_request (run->client, "POST", path, node, &status,
                                    run->cancellable, error);
  if (reply == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !JSON_NODE_HOLDS_OBJECT (reply))
    {
      g_debug ("POST %s: HTTP %u", path, status);
      kap_sync_set_error (error, status == SOUP_STATUS_NOT_FOUND ? KAP_SYNC_ERROR_NO_DATABASE
                                                                 : KAP_SYNC_ERROR_MALFORMED);
      return NULL;
    }

  return json_object_ref (json_node_get_object (reply));
}

static gboolean
collect_missing (KapRun      *run,
                 GPtrArray   *changes,
                 JsonObject  *missing,
                 GPtrArray   *outgoing,
                 GError     **error)
{
  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      JsonNode *entry = json_object_get_member (missing, change->id);
      JsonNode *revs_node;
      JsonArray *revs;

      if (entry == NULL)
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (entry) ||
          (revs_node = json_object_get_member (json_node_get_object (entry), "missing")) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (revs_node))
        {
          g_debug ("_revs_diff: no list of missing revisions for one document");
          kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
          return FALSE;
        }

      revs = json_node_get_array (revs_node);
      for (guint j = 0; j < json_array_get_length (revs); j++)
        {
          g_autoptr(KapDocument) document = NULL;
          g_autoptr(GError) local_error = NULL;
          const char *rev = json_array_get_string_element (revs, j);
          Outgoing *out;

          if (rev == NULL)
            {
              kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
              return FALSE;
            }

          document = kap_store_get (run->store, change->id, rev, KAP_STORE_GET_ANCESTRY,
                                    &local_error);
          if (document == NULL)
            {
              /* Asked for a revision the feed did not offer, or a body
               * compacted away: nothing to send for it. */
              if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
                {
                  g_debug ("Not sending %s of one document: %s", rev, local_error->message);
                  continue;
                }
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          out = g_new0 (Outgoing, 1);
          out->id = g_strdup (change->id);
          out->rev = g_strdup (rev);
          out->doc = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (out->doc, kap_document_to_object (document));
          g_ptr_array_add (outgoing, out);
        }
    }

  return TRUE;
}

/* POST _bulk_docs for outgoing[start, start + n); per-document failures
 * go into @failed ("id\nrev" → reason, NULL reason for other errors) and
 * @rejected. */
static gboolean
bulk_docs (KapRun      *run,
           GPtrArray   *outgoing,
           guint        start,
           guint        n,
           GHashTable  *failed,
           JsonObject  *rejected,
           GError     **error)
{
  g_autofree char *path = kap_couch_client_build_path (run->database, "_bulk_docs", NULL);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  JsonArray *docs = json_array_new ();
  JsonArray *results;
  guint status = 0;

  for (guint i = start; i < start + n; i++)
    json_array_add_element (docs, json_node_ref (((Outgoing *) g_ptr_array_index (outgoing, i))->doc));
  json_object_set_boolean_member (request, "new_edits", FALSE);
  json_object_set_array_member (request, "docs", docs);
  json_node_set_object (node, request);

  reply = kap_couch_client_request (run->client, "POST", path, node, &status,
                                    run->cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !JSON_NODE_HOLDS_ARRAY (reply))
    {
      g_debug ("POST %s: HTTP %u", path, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return FALSE;
    }

  /* With new_edits:false CouchDB lists only the failures; PouchDB may
   * list every document. */
  results = json_node_get_array (reply);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      JsonObject *result;
      const char *id, *rev, *error_name, *reason;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      result = json_node_get_object (element);
      error_name = json_object_get_string_member_with_default (result, "error", NULL);
      if (error_name == NULL)
        continue;

      id = json_object_get_string_member_with_default (result, "id", NULL);
      rev = json_object_get_string_member_with_default (result, "rev", NULL);
      reason = json_object_get_string_member_with_default (result, "reason", "");
      if (id == NULL)
        continue;

      /* PouchDB leaves "rev" out of an error: then it is the next
       * revision of that document this request sent that has no result
       * yet (results come in the order of the request). */
      for (guint j = start; rev == NULL && j < start + n; j++)
        {
          Outgoing *out = g_ptr_array_index (outgoing, j);
          g_autofree char *key = g_strconcat (out->id, "\n", out->rev, NULL);

          if (g_str_equal (out->id, id) && !g_hash_table_contains (failed, key))
            rev = out->rev;
        }
      if (rev == NULL)
        continue;

      g_debug ("_bulk_docs: %s for %s: %s", error_name, rev, reason);
      if (g_str_equal (error_name, "forbidden") || g_str_equal (error_name, "unauthorized"))
        {
          add_rejection (rejected, id, rev, reason);
          g_hash_table_insert (failed, g_strconcat (id, "\n", rev, NULL), g_strdup (reason));
        }
      else
        g_hash_table_insert (failed, g_strconcat (id, "\n", rev, NULL), NULL);
    }

  return TRUE;
}

static gboolean
send_outgoing (KapRun      *run,
               GPtrArray   *outgoing,
               GHashTable  *failed,
               JsonObject  *rejected,
               GError     **error)
{
  guint i = 0;

  while (i < outgoing->len)
    {
      g_autoptr(GError) local_error = NULL;
      guint n = MIN (run->batch_size, outgoing->len - i);

      if (!bulk_docs (run, outgoing, i, n, failed, rejected, &local_error))
        {
          if (!g_error_matches (local_error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_TOO_LARGE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          if (n > 1)
            {
              /* Smaller requests for the rest of the run. */
              run->batch_size = MAX (n / 2, 1);
              g_debug ("413: batches of %u documents from now on", run->batch_size);
              continue;
            }

          /* One revision alone is over the server's limit: it can never
           * go, so tell the supervisor and carry on with the others. */
          {
            Outgoing *out = g_ptr_array_index (outgoing, i);

            add_rejection (rejected, out->id, out->rev, local_error->message);
            g_hash_table_insert (failed, g_strconcat (out->id, "\n", out->rev, NULL),
                                 g_strdup (local_error->message));
          }
        }

      i += n;
    }

  return TRUE;
}

/* Both sides now have every leaf that did not fail: those are the merge
 * bases of a later three-way merge, and sent (the records list shows it,
 * with the refusals). */
static gboolean
mark_bases (KapRun      *run,
            GPtrArray   *changes,
            GHashTable  *failed,
            JsonObject  *rejected,
            GError     **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) revs = g_strv_builder_new ();
  g_auto(GStrv) id_strv = NULL;
  g_auto(GStrv) rev_strv = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);

      for (guint j = 0; change->leaves != NULL && change->leaves[j] != NULL; j++)
        {
          g_autofree char *key = g_strconcat (change->id, "\n", change->leaves[j], NULL);

          if (g_hash_table_contains (failed, key))
            continue;
          g_strv_builder_add (ids, change->id);
          g_strv_builder_add (revs, change->leaves[j]);
        }
    }

  id_strv = g_strv_builder_end (ids);
  rev_strv = g_strv_builder_end (revs);
  if (!kap_store_mark_pushed (run->store, (const char * const *) id_strv,
                              (const char * const *) rev_strv, rejected, error))
    return FALSE;
  return kap_store_mark_bases (run->store, (const char * const *) id_strv,
                               (const char * const *) rev_strv, error);
}

gboolean
kap_replicator_push (KapRun         *run,
                     KapCheckpoint  *checkpoint,
                     GError        **error)
{
  gint64 since = kap_checkpoint_get_local_seq (checkpoint);

  for (;;)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(JsonObject) missing = NULL;
      g_autoptr(GPtrArray) outgoing = g_ptr_array_new_with_free_func ((GDestroyNotify) outgoing_free);
      g_autoptr(GHashTable) failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(JsonObject) rejected = json_object_new ();
      g_autoptr(GStrvBuilder) accepted_builder = g_strv_builder_new ();
      g_auto(GStrv) accepted = NULL;
      g_autoptr(JsonNode) seq = NULL;
      gint64 last;

      if (!kap_run_check_cancelled (run, error))
        return FALSE;

      changes = kap_store_changes (run->store, since, run->batch_size, error);
      if (changes == NULL)
        return FALSE;
      if (changes->len == 0)
        break;
      last = ((KapChange *) g_ptr_array_index (changes, changes->len - 1))->seq;

      missing = revs_diff (run, changes, error);
      if (missing == NULL)
        return FALSE;
      if (!collect_missing (run, changes, missing, outgoing, error))
        return FALSE;
      if (!kap_run_check_cancelled (run, error))
        return FALSE;
      if (!send_outgoing (run, outgoing, failed, rejected, error))
        return FALSE;

      for (guint i = 0; i < outgoing->len; i++)
        {
          Outgoing *out = g_ptr_array_index (outgoing, i);
          g_autofree char *key = g_strconcat (out->id, "\n", out->rev, NULL);
          char *reason;

          if (!g_hash_table_lookup_extended (failed, key, NULL, (gpointer *) &reason))
            {
              run->summary.pushed++;
              g_hash_table_add (run->touched, g_strdup (out->id));
            }
          else if (json_object_has_member (rejected, out->id))
            run->summary.rejected++;
          else
            run->summary.errors++;
        }

      for (guint i = 0; i < changes->len; i++)
        {
          KapChange *change = g_ptr_array_index (changes, i);

          if (!json_object_has_member (rejected, change->id))
            g_strv_builder_add (accepted_builder, change->id);
        }
      accepted = g_strv_builder_end (accepted_builder);

      if (!kap_sync_rejections_update (run->store, rejected, (const char * const *) accepted, error))
        return FALSE;
      if (!mark_bases (run, changes, failed, rejected, error))
        return FALSE;

      seq = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (seq, last);
      if (!kap_checkpoint_write (run, checkpoint, seq, error))
        return FALSE;

      since = last;
      run->done += changes->len;
      kap_run_emit_progress (run);
    }

  return TRUE;
}
