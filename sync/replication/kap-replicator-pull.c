/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replicator-pull"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-replicator-private.h"

/* Pull: GET _changes?style=all_docs since the pull checkpoint (the
 * sequence is opaque: an integer from PouchDB, a string from CouchDB; it
 * goes back exactly as it came) → the revisions the store lacks →
 * POST _bulk_get?revs=true&attachments=true, or GET
 * <doc>?open_revs=[…]&revs=true&attachments=true where the server has no
 * _bulk_get → one store transaction per batch with the ancestry → merge
 * bases → checkpoint on both sides. Then the revisions recorded as not
 * taken before, asked for again.
 *
 * A revision the store cannot take (an id it cannot hold, a document too
 * deep or too large, a reply that cannot be read) is recorded with the
 * reason before the checkpoint moves past it; a reply that cannot be read
 * as a whole is split until the one revision that spoils it is found, so
 * that one bad revision never holds up the others. */

/* A revision the store lacks, as the peer is asked for it. */
typedef KapReplicationRev Wanted;

/* What the requests of one batch brought. */
typedef struct
{
  GPtrArray    *documents;   /* KapDocument, to insert */
  GPtrArray    *not_taken;   /* KapNotTaken, to record */
  GPtrArray    *resolved;    /* Wanted no longer to record: taken, or gone from the server */
} Fetched;

static void
wanted_free (Wanted *wanted)
{
  g_free (wanted->id);
  g_free (wanted->rev);
  g_free (wanted);
}

static Wanted *
wanted_new (const char *id,
            const char *rev)
{
  Wanted *wanted = g_new0 (Wanted, 1);

  wanted->id = g_strdup (id);
  wanted->rev = g_strdup (rev);
  return wanted;
}

static char *
revision_key (const char *id,
              const char *rev)
{
  return g_strconcat (id, "\n", rev, NULL);
}

static void
fetched_init (Fetched *fetched)
{
  fetched->documents = g_ptr_array_new_with_free_func (g_object_unref);
  fetched->not_taken = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_not_taken_free);
  fetched->resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) wanted_free);
}

static void
fetched_clear (Fetched *fetched)
{
  g_clear_pointer (&fetched->documents, g_ptr_array_unref);
  g_clear_pointer (&fetched->not_taken, g_ptr_array_unref);
  g_clear_pointer (&fetched->resolved, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetched, fetched_clear)

static void
add_not_taken (Fetched    *fetched,
               Wanted     *wanted,
               const char *reason)
{
  g_debug ("Not taking %s of one document: %s", wanted->rev, reason);
  g_ptr_array_add (fetched->not_taken, kap_not_taken_new (wanted->id, wanted->rev, reason));
}

/* The leading number of a sequence: PouchDB's integer, or the "N-…"
 * prefix of CouchDB's opaque string (an estimate, as CouchDB's own
 * "pending" is). */
static gboolean
seq_number (JsonNode *seq,
            guint64  *number)
{
  if (seq == NULL)
    {
      *number = 0;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (seq))
    return FALSE;
  if (json_node_get_value_type (seq) == G_TYPE_INT64)
    {
      *number = (guint64) MAX (json_node_get_int (seq), 0);
      return TRUE;
    }
  if (json_node_get_value_type (seq) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (seq);
      char *end = NULL;

      if (!g_ascii_isdigit (text[0]))
        return FALSE;
      *number = g_ascii_strtoull (text, &end, 10);
      return TRUE;
    }
  return FALSE;
}

guint64
kap_replicator_pull_estimate (KapRun     *run,
                              JsonNode   *since,
                              JsonObject *db_info)
{
  JsonNode *update_seq = json_object_get_member (db_info, "update_seq");
  g_autoptr(GPtrArray) not_taken = NULL;
  g_autoptr(GError) error = NULL;
  guint64 from, to, estimate = 0;

  if (update_seq != NULL && seq_number (since, &from) && seq_number (update_seq, &to))
    estimate = to > from ? to - from : 0;

  /* The revisions not taken before are asked for again at the end. */
  not_taken = kap_store_list_not_taken (run->store, &error);
  if (not_taken == NULL)
    g_debug ("The revisions not taken cannot be read: %s", error->message);
  else
    estimate += not_taken->len;

  return estimate;
}

static gboolean
seq_equal (JsonNode *a,
           JsonNode *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  text_a = kap_canonical_json_node (a);
  text_b = kap_canonical_json_node (b);
  return g_str_equal (text_a, text_b);
}

/* The revisions of @changes the store lacks. */
static gboolean
find_wanted (KapRun           *run,
             KapCouchChanges  *changes,
             GPtrArray        *wanted,
             GError          **error)
{
  for (guint i = 0; i < changes->changes->len; i++)
    {
      KapCouchChange *change = g_ptr_array_index (changes->changes, i);
      g_auto(GStrv) missing = NULL;

      /* Design documents are the server's rules (validate_doc_update),
       * not records. */
      if (g_str_has_prefix (change->id, "_design/") || change->revs[0] == NULL)
        continue;

      missing = kap_store_revs_diff (run->store, change->id, (const char * const *) change->revs, error);
      if (missing == NULL)
        return FALSE;

      for (guint j = 0; missing[j] != NULL; j++)
        g_ptr_array_add (wanted, wanted_new (change->id, missing[j]));
    }

  return TRUE;
}

/* Where each revision of a reply goes: taken, gone, or not taken with its
 * reason; a revision asked for that the reply leaves out is not taken
 * either. */
static void
sort_revisions (GPtrArray  *wanted,
                guint       start,
                guint       n,
                GPtrArray  *revisions,
                Fetched    *fetched)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *answered = g_new0 (gboolean, n);

  for (guint i = 0; i < n; i++)
    {
      Wanted *w = g_ptr_array_index (wanted, start + i);

      g_hash_table_insert (index, revision_key (w->id, w->rev), GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < revisions->len; i++)
    {
      KapCouchRevision *revision = g_ptr_array_index (revisions, i);
      guint slot = 0;
      Wanted *w;

      if (revision->id != NULL && revision->rev != NULL)
        {
          g_autofree char *key = revision_key (revision->id, revision->rev);

          slot = GPOINTER_TO_UINT (g_hash_table_lookup (index, key));
        }
      else
        {
          /* A revision the reply does not name stands for the next one
           * of that document still unanswered. */
          for (guint j = 0; slot == 0 && j < n; j++)
            if (!answered[j] && g_strcmp0 (((Wanted *) g_ptr_array_index (wanted, start + j))->id,
                                           revision->id) == 0)
              slot = j + 1;
        }

      if (slot == 0 || answered[slot - 1])
        {
          g_debug ("A revision the request did not ask for, or twice");
          continue;
        }
      answered[slot - 1] = TRUE;
      w = g_ptr_array_index (wanted, start + slot - 1);

      switch (revision->status)
        {
        case KAP_COUCH_REVISION_OK:
          g_ptr_array_add (fetched->documents, g_object_ref (revision->document));
          g_ptr_array_add (fetched->resolved, wanted_new (w->id, w->rev));
          break;

        case KAP_COUCH_REVISION_MISSING:
          /* Gone since the changes feed listed it (compacted, purged):
           * the next change of that document brings what is current. */
          g_debug ("A revision the feed listed is no longer on the server");
          g_ptr_array_add (fetched->resolved, wanted_new (w->id, w->rev));
          break;

        case KAP_COUCH_REVISION_REFUSED:
        default:
          add_not_taken (fetched, w, revision->error->message);
          break;
        }
    }

  for (guint i = 0; i < n; i++)
    if (!answered[i])
      add_not_taken (fetched, g_ptr_array_index (wanted, start + i),
                     _("The server did not send this revision when asked for it"));
}

/* Fetches wanted[start, start + n) into @fetched. A reply that cannot be
 * read as a whole (too deep for the reader, not JSON, not the protocol,
 * over the client's size limit) is asked for again in halves, down to the one revision that spoils it,
 * which is then recorded as not taken. */
static gboolean
fetch_range (KapRun     *run,
             GPtrArray  *wanted,
             guint       start,
             guint       n,
             gboolean    open_revs,
             Fetched    *fetched,
             gboolean   *unsupported,
             GError    **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean too_large;
  guint half;

  if (n == 0)
    return TRUE;
  if (!kap_run_check_cancelled (run, error))
    return FALSE;

  /* open_revs names one document per request. */
  if (open_revs)
    {
      const char *id = ((Wanted *) g_ptr_array_index (wanted, start))->id;
      guint same = 1;

      while (same < n && g_str_equal (((Wanted *) g_ptr_array_index (wanted, start + same))->id, id))
        same++;
      if (same < n)
        return fetch_range (run, wanted, start, same, TRUE, fetched, unsupported, error) &&
               fetch_range (run, wanted, start + same, n - same, TRUE, fetched, unsupported, error);
    }

  if (open_revs)
    revisions = kap_replication_peer_open_revs (run->peer, (Wanted * const *) wanted->pdata + start, n,
                                                run->cancellable, &local_error);
  else
    revisions = kap_replication_peer_bulk_get (run->peer, (Wanted * const *) wanted->pdata + start, n,
                                               unsupported, run->cancellable, &local_error);
  if (revisions != NULL)
    {
      sort_revisions (wanted, start, n, revisions, fetched);
      return TRUE;
    }
  if (*unsupported)
    return TRUE;
  too_large = g_error_matches (local_error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_REPLY_TOO_LARGE) ||
              g_error_matches (local_error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_TOO_LARGE);
  if (!too_large && !g_error_matches (local_error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n == 1)
    {
      add_not_taken (fetched, g_ptr_array_index (wanted, start),
                     too_large ? _("The server’s answer with this revision is larger than Kapija takes")
                               : _("The server’s answer with this revision cannot be read"));
      return TRUE;
    }

  half = n / 2;
  g_debug ("An answer for %u revisions cannot be read: asking for %u and %u", n, half, n - half);
  return fetch_range (run, wanted, start, half, open_revs, fetched, unsupported, error) &&
         fetch_range (run, wanted, start + half, n - half, open_revs, fetched, unsupported, error);
}

/* Writes what @fetched brought: the documents in one transaction, then
 * what was not taken, then what no longer needs recording. */
static gboolean
apply_fetched (KapRun      *run,
               Fetched     *fetched,
               GHashTable  *recorded,
               GError     **error)
{
  g_autoptr(GStrvBuilder) base_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) base_revs = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) forget_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) forget_revs = g_strv_builder_new ();
  g_auto(GStrv) id_strv = NULL;
  g_auto(GStrv) rev_strv = NULL;
  g_auto(GStrv) forget_id_strv = NULL;
  g_auto(GStrv) forget_rev_strv = NULL;

  if (fetched->documents->len > 0)
    {
      /* One transaction for the batch: all of it or nothing. Each was
       * checked (kap_store_check_revision()), so only the store itself
       * can fail it. */
      if (!kap_store_insert_revisions (run->store, fetched->documents, error))
        return FALSE;

      /* Both sides have them now: the merge bases. */
      for (guint i = 0; i < fetched->documents->len; i++)
        {
          KapDocument *document = g_ptr_array_index (fetched->documents, i);

          g_hash_table_add (run->touched, g_strdup (kap_document_get_id (document)));
          g_strv_builder_add (base_ids, kap_document_get_id (document));
          g_strv_builder_add (base_revs, kap_document_get_rev (document));
        }
      id_strv = g_strv_builder_end (base_ids);
      rev_strv = g_strv_builder_end (base_revs);
      if (!kap_store_mark_bases (run->store, (const char * const *) id_strv,
                                 (const char * const *) rev_strv, error))
        return FALSE;
      run->summary.pulled += fetched->documents->len;
    }

  if (!kap_store_record_not_taken (run->store, fetched->not_taken, error))
    return FALSE;
  for (guint i = 0; i < fetched->not_taken->len; i++)
    {
      KapNotTaken *entry = g_ptr_array_index (fetched->not_taken, i);

      g_hash_table_add (run->not_taken, revision_key (entry->id, entry->rev));
    }

  /* Only those recorded before the run: no write at all for a pull that
   * never met a revision it could not take. */
  for (guint i = 0; i < fetched->resolved->len; i++)
    {
      Wanted *w = g_ptr_array_index (fetched->resolved, i);
      g_autofree char *key = revision_key (w->id, w->rev);

      if (g_hash_table_contains (recorded, key))
        {
          g_strv_builder_add (forget_ids, w->id);
          g_strv_builder_add (forget_revs, w->rev);
        }
    }
  forget_id_strv = g_strv_builder_end (forget_ids);
  forget_rev_strv = g_strv_builder_end (forget_revs);

  return kap_store_forget_not_taken (run->store, (const char * const *) forget_id_strv,
                                     (const char * const *) forget_rev_strv, error);
}

/* Fetches and writes @wanted; *@no_bulk_get is set for the rest of the
 * run once the server shows it has no _bulk_get. */
static gboolean
take_wanted (KapRun      *run,
             GPtrArray   *wanted,
             GHashTable  *recorded,
             gboolean    *no_bulk_get,
             GError     **error)
{
  g_auto(Fetched) fetched = { NULL };

  fetched_init (&fetched);
  if (!*no_bulk_get)
    {
      gboolean unsupported = FALSE;

      if (!fetch_range (run, wanted, 0, wanted->len, FALSE, &fetched, &unsupported, error))
        return FALSE;
      if (unsupported)
        {
          *no_bulk_get = TRUE;
          fetched_clear (&fetched);
          fetched_init (&fetched);
        }
    }
  if (*no_bulk_get)
    {
      gboolean unused = FALSE;

      if (!fetch_range (run, wanted, 0, wanted->len, TRUE, &fetched, &unused, error))
        return FALSE;
    }

  if (!kap_run_check_cancelled (run, error))
    return FALSE;

  return apply_fetched (run, &fetched, recorded, error);
}

/* "id\nrev" of every revision recorded as not taken. */
static GHashTable *
load_recorded (KapRun     *run,
               GPtrArray **entries,
               GError    **error)
{
  g_autoptr(GPtrArray) list = kap_store_list_not_taken (run->store, error);
  GHashTable *recorded;

  if (list == NULL)
    return NULL;

  recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      KapNotTaken *entry = g_ptr_array_index (list, i);

      g_hash_table_add (recorded, revision_key (entry->id, entry->rev));
    }

  if (entries != NULL)
    *entries = g_steal_pointer (&list);
  return recorded;
}

static void
set_feed_stuck_error (GError **error)
{
  g_set_error_literal (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED,
                       _("The server’s list of changes does not move on: it sent the same changes "
                         "again. Kapija stopped asking; tell the server administrator."));
}

gboolean
kap_replicator_pull (KapRun         *run,
                     KapCheckpoint  *checkpoint,
                     GError        **error)
{
  g_autoptr(JsonNode) since = checkpoint->seq != NULL ? json_node_copy (checkpoint->seq) : NULL;
  g_autoptr(GHashTable) recorded = NULL;
  g_autofree char *previous = NULL;
  gboolean no_bulk_get = FALSE;

  recorded = load_recorded (run, NULL, error);
  if (recorded == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(KapCouchChanges) changes = NULL;
      g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) wanted_free);
      g_autofree char *fingerprint = NULL;
      guint n_results;

      if (!kap_run_check_cancelled (run, error))
        return FALSE;

      changes = kap_replication_peer_get_changes (run->peer, since, run->batch_size, &fingerprint,
                                                  run->cancellable, error);
      if (changes == NULL)
        return FALSE;
      n_results = changes->changes->len;
      if (n_results == 0)
        break;

      /* A feed that ignores "since" would be asked for ever: the same
       * page again, or a page that ends where it began, is an error. */
      if ((since != NULL && seq_equal (changes->last_seq, since)) ||
          g_strcmp0 (fingerprint, previous) == 0)
        {
          g_debug ("_changes: the same page again, or no progress past the sequence asked for");
          set_feed_stuck_error (error);
          return FALSE;
        }

      if (!find_wanted (run, changes, wanted, error))
        return FALSE;
      if (wanted->len > 0 && !take_wanted (run, wanted, recorded, &no_bulk_get, error))
        return FALSE;

      /* Past what was not taken too: it is recorded, and asked for again. */
      if (!kap_checkpoint_write (run, checkpoint, changes->last_seq, error))
        return FALSE;

      g_clear_pointer (&since, json_node_unref);
      since = json_node_copy (changes->last_seq);
      g_free (previous);
      previous = g_steal_pointer (&fingerprint);

      run->done += n_results;
      if (changes->pending >= 0)
        run->total = run->done + (guint64) changes->pending;
      kap_run_emit_progress (run);

      if (changes->pending == 0)
        break;
    }

  return kap_replicator_pull_retry (run, error);
}

gboolean
kap_replicator_pull_retry (KapRun  *run,
                           GError **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) recorded = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) wanted_free);
  g_autoptr(GStrvBuilder) known_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) known_revs = g_strv_builder_new ();
  g_auto(GStrv) known_id_strv = NULL;
  g_auto(GStrv) known_rev_strv = NULL;
  gboolean no_bulk_get = FALSE;
  guint skipped = 0;

  recorded = load_recorded (run, &entries, error);
  if (recorded == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      KapNotTaken *entry = g_ptr_array_index (entries, i);
      g_autofree char *key = revision_key (entry->id, entry->rev);
      const char *revs[] = { entry->rev, NULL };
      g_auto(GStrv) missing = NULL;

      /* Asked for in this run already. */
      if (g_hash_table_contains (run->not_taken, key))
        {
          skipped++;
          continue;
        }

      /* The store has it by now (a later revision brought it as history,
       * an import): nothing to ask. */
      missing = kap_store_revs_diff (run->store, entry->id, revs, error);
      if (missing == NULL)
        return FALSE;
      if (missing[0] == NULL)
        {
          g_strv_builder_add (known_ids, entry->id);
          g_strv_builder_add (known_revs, entry->rev);
          skipped++;
          continue;
        }

      g_ptr_array_add (wanted, wanted_new (entry->id, entry->rev));
    }

  known_id_strv = g_strv_builder_end (known_ids);
  known_rev_strv = g_strv_builder_end (known_revs);
  if (!kap_store_forget_not_taken (run->store, (const char * const *) known_id_strv,
                                   (const char * const *) known_rev_strv, error))
    return FALSE;

  run->done += skipped;
  for (guint i = 0, n; i < wanted->len; i += n)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      n = MIN (run->batch_size, wanted->len - i);
      for (guint j = i; j < i + n; j++)
        g_ptr_array_add (batch, g_ptr_array_index (wanted, j));

      g_debug ("Asking again for %u revisions not taken before", n);
      if (!take_wanted (run, batch, recorded, &no_bulk_get, error))
        return FALSE;

      run->done += n;
      kap_run_emit_progress (run);
    }

  return TRUE;
}
