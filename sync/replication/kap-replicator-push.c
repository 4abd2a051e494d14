/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replicator-push"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-replicator-private.h"
#include "kap-sync-rejections.h"

/* Push: the store's changes since the push checkpoint, a batch at a time
 * → POST _revs_diff with every leaf → the revisions the server lacks, each
 * with its ancestry and attachments → POST _bulk_docs {"new_edits": false}
 * (split on 413, and on 400 down to the document refused) → per-document
 * results (a refusal marks the record rejected, with the server's reason)
 * → merge bases → checkpoint on both sides. Then the records the server refused before, once more: a
 * refusal is reported at every run until the server takes the record. */

typedef struct
{
  char     *id;
  char     *rev;
  JsonNode *doc;
} Outgoing;

/* What the server said about one batch. */
typedef struct
{
  GHashTable *failed;     /* "id\nrev" of every revision not stored */
  JsonObject *rejected;   /* id → {"rev", "reason"}: kap-sync-rejections.h */
} Results;

static void
outgoing_free (Outgoing *outgoing)
{
  g_free (outgoing->id);
  g_free (outgoing->rev);
  json_node_unref (outgoing->doc);
  g_free (outgoing);
}

static char *
revision_key (const char *id,
              const char *rev)
{
  return g_strconcat (id, "\n", rev, NULL);
}

static void
add_failure (Results    *results,
             const char *id,
             const char *rev,
             const char *reason)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "rev", rev);
  json_object_set_string_member (entry, "reason", reason);
  json_object_set_object_member (results->rejected, id, entry);
  g_hash_table_add (results->failed, revision_key (id, rev));
}

/* Why the server would not take @out because of its size: its size as
 * sent, and the server's own words when it gave any. */
static char *
too_large_reason (Outgoing   *out,
                  const char *server_reason)
{
  g_autofree char *text = kap_canonical_json_node (out->doc);
  g_autofree char *size = g_format_size (strlen (text));

  if (server_reason != NULL && *server_reason != '\0')
    /* Translators: the first %s is a size such as “9.2 MB”, the second the server's words. */
    return g_strdup_printf (_("Too large for the server: the record is %s as sent (the server says: %s)"),
                            size, server_reason);

  /* Translators: %s is a size such as “9.2 MB”. */
  return g_strdup_printf (_("Too large for the server: the record is %s as sent"), size);
}

guint64
kap_replicator_push_pending (KapRun         *run,
                             KapCheckpoint  *checkpoint,
                             GError        **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) rejections = NULL;

  changes = kap_store_changes (run->store, kap_checkpoint_get_local_seq (checkpoint), 0, error);
  if (changes == NULL)
    return 0;

  /* The refused records go again at the end. */
  rejections = kap_sync_rejections_get_all (run->store, error);
  if (rejections == NULL)
    return 0;

  return changes->len + json_object_get_size (rejections);
}

static gboolean
collect_missing (KapRun      *run,
                 GPtrArray   *changes,
                 GHashTable  *missing,
                 GPtrArray   *outgoing,
                 GError     **error)
{
  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);
      const char * const *revs = g_hash_table_lookup (missing, change->id);

      for (guint j = 0; revs != NULL && revs[j] != NULL; j++)
        {
          g_autoptr(KapDocument) document = NULL;
          g_autoptr(GError) local_error = NULL;
          Outgoing *out;

          /* What another client attached goes back with the data: the
           * server's copy ends up as the one the store has. */
          document = kap_store_get (run->store, change->id, revs[j],
                                    KAP_STORE_GET_ANCESTRY | KAP_STORE_GET_ATTACHMENTS,
                                    &local_error);
          if (document == NULL)
            {
              /* Asked for a revision the feed did not offer, or a body
               * compacted away: nothing to send for it. */
              if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
                {
                  g_debug ("Not sending %s of one document: %s", revs[j], local_error->message);
                  continue;
                }
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          out = g_new0 (Outgoing, 1);
          out->id = g_strdup (change->id);
          out->rev = g_strdup (revs[j]);
          out->doc = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (out->doc, kap_document_to_object (document));
          g_ptr_array_add (outgoing, out);
        }
    }

  return TRUE;
}

/* The revision of @id in outgoing[start, start + n) a result without
 * "rev" stands for (PouchDB leaves it out of errors): the next one of
 * that document with no result yet, as results come in request order. */
static const char *
guess_rev (GPtrArray  *outgoing,
           guint       start,
           guint       n,
           const char *id,
           Results    *results)
{
  for (guint j = start; j < start + n; j++)
    {
      Outgoing *out = g_ptr_array_index (outgoing, j);
      g_autofree char *key = revision_key (out->id, out->rev);

      if (g_str_equal (out->id, id) && !g_hash_table_contains (results->failed, key))
        return out->rev;
    }

  return NULL;
}

static Outgoing *
find_outgoing (GPtrArray  *outgoing,
               guint       start,
               guint       n,
               const char *id,
               const char *rev)
{
  for (guint j = start; j < start + n; j++)
    {
      Outgoing *out = g_ptr_array_index (outgoing, j);

      if (g_str_equal (out->id, id) && g_str_equal (out->rev, rev))
        return out;
    }

  return NULL;
}

/* How a _bulk_docs request went. */
typedef enum
{
  BATCH_SENT,        /* the per-document failures are in the results */
  BATCH_TOO_LARGE,   /* 413: over the server's size limit */
  BATCH_REFUSED,     /* 400: the server would not take the request as a whole */
  BATCH_FAILED,      /* the run cannot go on: the error says why */
} BatchOutcome;

/* outgoing[start, start + n) to the peer; per-document failures go
 * into @results. On BATCH_REFUSED, @refusal is why, for when the
 * request held one revision. */
static BatchOutcome
bulk_docs (KapRun      *run,
           GPtrArray   *outgoing,
           guint        start,
           guint        n,
           Results     *results,
           char       **refusal,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_sized_new (n);
  g_autoptr(GPtrArray) answers = NULL;

  for (guint i = start; i < start + n; i++)
    g_ptr_array_add (docs, ((Outgoing *) g_ptr_array_index (outgoing, i))->doc);

  answers = kap_replication_peer_bulk_docs (run->peer, (JsonNode * const *) docs->pdata, n, refusal,
                                            run->cancellable, &local_error);
  if (g_error_matches (local_error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_TOO_LARGE))
    return BATCH_TOO_LARGE;
  /* The peer would not take the request as a whole: one document of it
   * spoils it. */
  if (answers == NULL && *refusal != NULL)
    return BATCH_REFUSED;
  if (answers == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return BATCH_FAILED;
    }

  for (guint i = 0; i < answers->len; i++)
    {
      KapCouchDocResult *answer = g_ptr_array_index (answers, i);
      g_autofree char *reason = NULL;
      const char *rev = answer->rev;
      Outgoing *out;

      if (answer->error == NULL)
        continue;
      if (rev == NULL)
        rev = guess_rev (outgoing, start, n, answer->id, results);
      out = rev != NULL ? find_outgoing (outgoing, start, n, answer->id, rev) : NULL;
      if (out == NULL)
        {
          g_debug ("_bulk_docs: an error for a revision this request did not send");
          continue;
        }

      g_debug ("_bulk_docs: %s for %s: %s", answer->error, rev, answer->reason);
      if (kap_couch_doc_result_is_refusal (answer))
        reason = g_strdup (answer->reason);
      else if (kap_couch_doc_result_is_too_large (answer))
        reason = too_large_reason (out, answer->reason);
      else
        /* Translators: the first %s is the server's name of an error, the second its words. */
        reason = g_strdup_printf (_("The server could not store it (%s): %s"), answer->error, answer->reason);

      /* Recorded like a refusal: sent again at the next run, and shown
       * until the server takes it. */
      add_failure (results, out->id, out->rev, reason);
    }

  return BATCH_SENT;
}

/* outgoing[start, start + n) in one request, or, when the server answers
 * 413 or 400, in halves until each part goes: 413 is the size of a
 * request, 400 a document in it the server will not take, neither a
 * refusal of the others. A single revision is reported on its own: too
 * large after one more try (a proxy may have hiccupped), refused with the
 * server's words at once. @largest: the largest request the server took;
 * @split: whether a 413 split it. */
static gboolean
send_range (KapRun      *run,
            GPtrArray   *outgoing,
            guint        start,
            guint        n,
            Results     *results,
            guint       *largest,
            gboolean    *split,
            GError     **error)
{
  g_autofree char *refusal = NULL;
  BatchOutcome outcome = BATCH_FAILED;
  guint tries = n > 1 ? 1 : 2;

  for (guint attempt = 0; attempt < tries; attempt++)
    {
      if (!kap_run_check_cancelled (run, error))
        return FALSE;

      g_clear_pointer (&refusal, g_free);
      outcome = bulk_docs (run, outgoing, start, n, results, &refusal, error);
      if (outcome == BATCH_SENT)
        {
          *largest = MAX (*largest, n);
          return TRUE;
        }
      if (outcome == BATCH_FAILED)
        return FALSE;
      if (outcome == BATCH_REFUSED)
        break;
      *split = TRUE;
    }

  if (n > 1)
    {
      guint half = n / 2;

      g_debug ("HTTP %u for %u revisions: %u and %u", outcome == BATCH_TOO_LARGE ? 413 : 400,
               n, half, n - half);
      return send_range (run, outgoing, start, half, results, largest, split, error) &&
             send_range (run, outgoing, start + half, n - half, results, largest, split, error);
    }

  {
    Outgoing *out = g_ptr_array_index (outgoing, start);
    g_autofree char *reason = outcome == BATCH_TOO_LARGE ? too_large_reason (out, NULL)
                                                         : g_steal_pointer (&refusal);

    add_failure (results, out->id, out->rev, reason);
  }

  return TRUE;
}

static gboolean
send_outgoing (KapRun      *run,
               GPtrArray   *outgoing,
               Results     *results,
               GError     **error)
{
  guint i = 0;

  while (i < outgoing->len)
    {
      guint n = MIN (run->batch_size, outgoing->len - i);
      gboolean split = FALSE;
      guint largest = 0;

      if (!send_range (run, outgoing, i, n, results, &largest, &split, error))
        return FALSE;

      /* The size the server took, for the rest of the run (one record
       * too large on its own says nothing about the others). */
      if (split && largest > 0 && largest < run->batch_size)
        {
          run->batch_size = largest;
          g_debug ("413: batches of %u documents from now on", run->batch_size);
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
            Results     *results,
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
          g_autofree char *key = revision_key (change->id, change->leaves[j]);

          if (g_hash_table_contains (results->failed, key))
            continue;
          g_strv_builder_add (ids, change->id);
          g_strv_builder_add (revs, change->leaves[j]);
        }
    }

  id_strv = g_strv_builder_end (ids);
  rev_strv = g_strv_builder_end (revs);
  if (!kap_store_mark_pushed (run->store, (const char * const *) id_strv,
                              (const char * const *) rev_strv, results->rejected, error))
    return FALSE;
  return kap_store_mark_bases (run->store, (const char * const *) id_strv,
                               (const char * const *) rev_strv, error);
}

/* One batch of documents (KapChange) to the server, and what it said
 * recorded in the store. */
static gboolean
push_changes (KapRun     *run,
              GPtrArray  *changes,
              GError    **error)
{
  g_autoptr(GHashTable) missing = NULL;
  g_autoptr(GPtrArray) outgoing = g_ptr_array_new_with_free_func ((GDestroyNotify) outgoing_free);
  g_autoptr(GHashTable) failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) rejected = json_object_new ();
  g_autoptr(GStrvBuilder) accepted_builder = g_strv_builder_new ();
  g_auto(GStrv) accepted = NULL;
  Results results = { failed, rejected };

  missing = kap_replication_peer_revs_diff (run->peer, changes, run->cancellable, error);
  if (missing == NULL)
    return FALSE;
  if (!collect_missing (run, changes, missing, outgoing, error))
    return FALSE;
  if (!kap_run_check_cancelled (run, error))
    return FALSE;
  if (!send_outgoing (run, outgoing, &results, error))
    return FALSE;

  for (guint i = 0; i < outgoing->len; i++)
    {
      Outgoing *out = g_ptr_array_index (outgoing, i);
      g_autofree char *key = revision_key (out->id, out->rev);

      if (!g_hash_table_contains (failed, key))
        {
          run->summary.pushed++;
          g_hash_table_add (run->touched, g_strdup (out->id));
        }
    }

  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);

      g_hash_table_add (run->sent, g_strdup (change->id));
      if (!json_object_has_member (rejected, change->id))
        g_strv_builder_add (accepted_builder, change->id);
    }
  accepted = g_strv_builder_end (accepted_builder);

  if (!kap_sync_rejections_update (run->store, rejected, (const char * const *) accepted, error))
    return FALSE;
  return mark_bases (run, changes, &results, error);
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

      if (!push_changes (run, changes, error))
        return FALSE;

      /* Past the refused ones too: they are recorded, and go again. */
      seq = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (seq, last);
      if (!kap_checkpoint_write (run, checkpoint, seq, error))
        return FALSE;

      since = last;
      run->done += changes->len;
      kap_run_emit_progress (run);
    }

  return kap_replicator_push_retry (run, error);
}

gboolean
kap_replicator_push_retry (KapRun  *run,
                           GError **error)
{
  g_autoptr(JsonObject) rejections = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_change_free);
  g_autoptr(GStrvBuilder) gone_builder = g_strv_builder_new ();
  g_auto(GStrv) gone = NULL;
  g_autoptr(GList) ids = NULL;
  guint skipped = 0;

  rejections = kap_sync_rejections_get_all (run->store, error);
  if (rejections == NULL)
    return FALSE;

  ids = json_object_get_members (rejections);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      g_autoptr(GPtrArray) leaves = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GStrvBuilder) revs = NULL;
      KapChange *change;

      /* Sent in this run already, with the feed. */
      if (g_hash_table_contains (run->sent, l->data))
        {
          skipped++;
          continue;
        }

      leaves = kap_store_get_leaves (run->store, l->data, &local_error);
      if (leaves == NULL)
        {
          if (!g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_strv_builder_add (gone_builder, l->data);
          skipped++;
          continue;
        }

      revs = g_strv_builder_new ();
      for (guint i = 0; i < leaves->len; i++)
        g_strv_builder_add (revs, ((KapLeaf *) g_ptr_array_index (leaves, i))->rev);
      change = g_new0 (KapChange, 1);
      change->id = g_strdup (l->data);
      change->leaves = g_strv_builder_end (revs);
      g_ptr_array_add (changes, change);
    }

  gone = g_strv_builder_end (gone_builder);
  if (!kap_sync_rejections_update (run->store, NULL, (const char * const *) gone, error))
    return FALSE;

  run->done += skipped;
  for (guint i = 0, n; i < changes->len; i += n)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      n = MIN (run->batch_size, changes->len - i);

      if (!kap_run_check_cancelled (run, error))
        return FALSE;

      for (guint j = i; j < i + n; j++)
        g_ptr_array_add (batch, g_ptr_array_index (changes, j));
      g_debug ("Sending %u records the server refused before", n);
      if (!push_changes (run, batch, error))
        return FALSE;

      run->done += n;
      kap_run_emit_progress (run);
    }

  return TRUE;
}
