/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replicator-pull"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kap-canonical-json.h"
#include "kap-replicator-private.h"

/* Pull: GET _changes?style=all_docs since the pull checkpoint (the
 * sequence is opaque: an integer from PouchDB, a string from CouchDB; it
 * goes back exactly as it came) → the revisions the store lacks →
 * POST _bulk_get?revs=true, or GET <doc>?open_revs=[…]&revs=true where the
 * server has no _bulk_get → one store transaction per batch with the
 * ancestry → merge bases → checkpoint on both sides. */

typedef struct
{
  char *id;
  char *rev;
} Wanted;

static void
wanted_free (Wanted *wanted)
{
  g_free (wanted->id);
  g_free (wanted->rev);
  g_free (wanted);
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
  guint64 from, to;

  if (update_seq == NULL || !seq_number (since, &from) || !seq_number (update_seq, &to))
    return 0;

  return to > from ? to - from : 0;
}

static char *
seq_to_query (JsonNode *seq)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_VALUE (seq) && json_node_get_value_type (seq) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (seq));
  else
    text = kap_canonical_json_node (seq);

  return g_uri_escape_string (text, NULL, FALSE);
}

static JsonNode *
get_changes (KapRun     *run,
             JsonNode   *since,
             GError    **error)
{
  g_autofree char *base = kap_couch_client_build_path (run->database, "_changes", NULL);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonNode *results;
  guint status = 0;

  if (since != NULL)
    {
      g_autofree char *escaped = seq_to_query (since);

      path = g_strdup_printf ("%s?style=all_docs&limit=%u&since=%s", base, run->batch_size, escaped);
    }
  else
    path = g_strdup_printf ("%s?style=all_docs&limit=%u", base, run->batch_size);

  reply = kap_couch_client_request (run->client, "GET", path, NULL, &status,
                                    run->cancellable, error);
  if (reply == NULL)
    return NULL;

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      kap_sync_set_error (error, KAP_SYNC_ERROR_NO_DATABASE);
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !JSON_NODE_HOLDS_OBJECT (reply) ||
      (results = json_object_get_member (json_node_get_object (reply), "results")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_debug ("GET %s: HTTP %u, not a changes feed", path, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return NULL;
    }

  return g_steal_pointer (&reply);
}

/* The revisions of @results the store lacks. */
static gboolean
find_wanted (KapRun     *run,
             JsonArray  *results,
             GPtrArray  *wanted,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) revs = NULL;
      g_auto(GStrv) missing = NULL;
      JsonObject *result;
      JsonNode *changes_node;
      JsonArray *changes;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto malformed;
      result = json_node_get_object (element);
      id = json_object_get_string_member_with_default (result, "id", NULL);
      changes_node = json_object_get_member (result, "changes");
      if (id == NULL || changes_node == NULL || !JSON_NODE_HOLDS_ARRAY (changes_node))
        goto malformed;

      /* Design documents are the server's rules (validate_doc_update),
       * not records. */
      if (g_str_has_prefix (id, "_design/"))
        continue;

      changes = json_node_get_array (changes_node);
      for (guint j = 0; j < json_array_get_length (changes); j++)
        {
          JsonNode *change = json_array_get_element (changes, j);
          const char *rev;

          if (!JSON_NODE_HOLDS_OBJECT (change) ||
              (rev = json_object_get_string_member_with_default (json_node_get_object (change),
                                                                 "rev", NULL)) == NULL)
            goto malformed;
          g_strv_builder_add (builder, rev);
        }
      revs = g_strv_builder_end (builder);
      if (revs[0] == NULL)
        continue;

      missing = kap_store_revs_diff (run->store, id, (const char * const *) revs, error);
      if (missing == NULL)
        return FALSE;

      for (guint j = 0; missing[j] != NULL; j++)
        {
          Wanted *w = g_new0 (Wanted, 1);

          w->id = g_strdup (id);
          w->rev = g_strdup (missing[j]);
          g_ptr_array_add (wanted, w);
        }
    }

  return TRUE;

malformed:
  g_debug ("_changes: a result without id or revisions");
  kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
  return FALSE;
}

/* One {"ok": doc} or {"missing": rev} / {"error": …} of _bulk_get or
 * open_revs. */
static gboolean
take_revision (KapRun     *run,
               JsonNode   *element,
               GPtrArray  *documents,
               GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *ok;
  KapDocument *document;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    goto malformed;
  object = json_node_get_object (element);
  ok = json_object_get_member (object, "ok");
  if (ok == NULL)
    {
      /* Gone since the changes feed listed it (compacted, purged): the
       * next change of that document brings what is current. */
      g_debug ("A revision the feed listed is no longer on the server");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (ok))
    goto malformed;

  document = kap_document_new_from_object (json_node_get_object (ok), &local_error);
  if (document == NULL)
    {
      g_debug ("The server sent a document the store cannot take: %s", local_error->message);
      run->summary.errors++;
      return TRUE;
    }
  if (kap_document_get_ancestry (document) == NULL)
    {
      g_object_unref (document);
      g_debug ("The server sent a revision without its ancestry");
      goto malformed;
    }

  g_ptr_array_add (documents, document);
  return TRUE;

malformed:
  kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
  return FALSE;
}

/* FALSE with no error set when the server has no _bulk_get. */
static gboolean
bulk_get (KapRun      *run,
          GPtrArray   *wanted,
          GPtrArray   *documents,
          gboolean    *unsupported,
          GError     **error)
{
  g_autofree char *base = kap_couch_client_build_path (run->database, "_bulk_get", NULL);
  g_autofree char *path = g_strconcat (base, "?revs=true", NULL);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  JsonArray *docs = json_array_new ();
  JsonNode *results_node;
  JsonArray *results;
  guint status = 0;

  for (guint i = 0; i < wanted->len; i++)
    {
      Wanted *w = g_ptr_array_index (wanted, i);
      JsonObject *doc = json_object_new ();

      json_object_set_string_member (doc, "id", w->id);
      json_object_set_string_member (doc, "rev", w->rev);
      json_array_add_object_element (docs, doc);
    }
  json_object_set_array_member (request, "docs", docs);
  json_node_set_object (node, request);

  reply = kap_couch_client_request (run->client, "POST", path, node, &status,
                                    run->cancellable, error);
  if (reply == NULL)
    return FALSE;

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
      status == SOUP_STATUS_BAD_REQUEST)
    {
      g_debug ("POST %s: HTTP %u: no _bulk_get, one document at a time", path, status);
      *unsupported = TRUE;
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !JSON_NODE_HOLDS_OBJECT (reply) ||
      (results_node = json_object_get_member (json_node_get_object (reply), "results")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (results_node))
    goto malformed;

  results = json_node_get_array (results_node);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *result = json_array_get_element (results, i);
      JsonNode *revs;

      if (!JSON_NODE_HOLDS_OBJECT (result) ||
          (revs = json_object_get_member (json_node_get_object (result), "docs")) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (revs))
        goto malformed;

      for (guint j = 0; j < json_array_get_length (json_node_get_array (revs)); j++)
        if (!take_revision (run, json_array_get_element (json_node_get_array (revs), j),
                            documents, error))
          return FALSE;
    }

  return TRUE;

malformed:
  g_debug ("POST %s: HTTP %u, not a _bulk_get reply", path, status);
  kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
  return FALSE;
}

static gboolean
open_revs (KapRun      *run,
           GPtrArray   *wanted,
           GPtrArray   *documents,
           GError     **error)
{
  guint i = 0;

  /* Grouped by document: the wanted list is in feed order, so one
   * document's revisions are next to each other. */
  while (i < wanted->len)
    {
      Wanted *first = g_ptr_array_index (wanted, i);
      g_autoptr(JsonArray) revs = json_array_new ();
      g_autoptr(JsonNode) revs_node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *revs_text = NULL;
      g_autofree char *revs_escaped = NULL;
      g_autofree char *base = kap_couch_client_build_path (run->database, first->id, NULL);
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) reply = NULL;
      guint status = 0;
      guint j = i;

      while (j < wanted->len && g_str_equal (((Wanted *) g_ptr_array_index (wanted, j))->id, first->id))
        json_array_add_string_element (revs, ((Wanted *) g_ptr_array_index (wanted, j++))->rev);

      json_node_set_array (revs_node, revs);
      revs_text = kap_canonical_json_node (revs_node);
      revs_escaped = g_uri_escape_string (revs_text, NULL, FALSE);
      path = g_strdup_printf ("%s?revs=true&open_revs=%s", base, revs_escaped);

      reply = kap_couch_client_request (run->client, "GET", path, NULL, &status,
                                        run->cancellable, error);
      if (reply == NULL)
        return FALSE;
      if (status != SOUP_STATUS_NOT_FOUND)
        {
          if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !JSON_NODE_HOLDS_ARRAY (reply))
            {
              g_debug ("GET %s: HTTP %u, not an open_revs reply", base, status);
              kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
              return FALSE;
            }
          for (guint k = 0; k < json_array_get_length (json_node_get_array (reply)); k++)
            if (!take_revision (run, json_array_get_element (json_node_get_array (reply), k),
                                documents, error))
              return FALSE;
        }

      i = j;
      if (!kap_run_check_cancelled (run, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kap_replicator_pull (KapRun         *run,
                     KapCheckpoint  *checkpoint,
                     GError        **error)
{
  g_autoptr(JsonNode) since = checkpoint->seq != NULL ? json_node_copy (checkpoint->seq) : NULL;
  gboolean no_bulk_get = FALSE;

  for (;;)
    {
      g_autoptr(JsonNode) reply = NULL;
      g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) wanted_free);
      g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(JsonNode) last_seq = NULL;
      g_autoptr(GStrvBuilder) base_ids = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) base_revs = g_strv_builder_new ();
      g_auto(GStrv) id_strv = NULL;
      g_auto(GStrv) rev_strv = NULL;
      JsonObject *object;
      JsonArray *results;
      JsonNode *pending;
      guint n_results;

      if (!kap_run_check_cancelled (run, error))
        return FALSE;

      reply = get_changes (run, since, error);
      if (reply == NULL)
        return FALSE;
      object = json_node_get_object (reply);
      results = json_object_get_array_member (object, "results");
      n_results = json_array_get_length (results);
      if (n_results == 0)
        break;

      if (json_object_has_member (object, "last_seq"))
        last_seq = json_node_copy (json_object_get_member (object, "last_seq"));
      else
        {
          JsonNode *last = json_array_get_element (results, n_results - 1);

          if (JSON_NODE_HOLDS_OBJECT (last) && json_object_has_member (json_node_get_object (last), "seq"))
            last_seq = json_node_copy (json_object_get_member (json_node_get_object (last), "seq"));
        }
      if (last_seq == NULL || JSON_NODE_HOLDS_NULL (last_seq))
        {
          g_debug ("_changes: no sequence to continue from");
          kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
          return FALSE;
        }

      if (!find_wanted (run, results, wanted, error))
        return FALSE;

      if (wanted->len > 0)
        {
          gboolean unsupported = FALSE;

          if (!no_bulk_get && !bulk_get (run, wanted, documents, &unsupported, error))
            {
              if (!unsupported)
                return FALSE;
              no_bulk_get = TRUE;
              g_ptr_array_set_size (documents, 0);
            }
          if (no_bulk_get && !open_revs (run, wanted, documents, error))
            return FALSE;
        }

      if (!kap_run_check_cancelled (run, error))
        return FALSE;

      if (documents->len > 0)
        {
          /* One transaction for the batch: all of it or nothing. */
          if (!kap_store_insert_revisions (run->store, documents, error))
            return FALSE;

          /* Both sides have them now: the merge bases. */
          for (guint i = 0; i < documents->len; i++)
            {
              KapDocument *document = g_ptr_array_index (documents, i);

              g_hash_table_add (run->touched, g_strdup (kap_document_get_id (document)));
              g_strv_builder_add (base_ids, kap_document_get_id (document));
              g_strv_builder_add (base_revs, kap_document_get_rev (document));
            }
          id_strv = g_strv_builder_end (base_ids);
          rev_strv = g_strv_builder_end (base_revs);
          if (!kap_store_mark_bases (run->store, (const char * const *) id_strv,
                                     (const char * const *) rev_strv, error))
            return FALSE;
          run->summary.pulled += documents->len;
        }

      if (!kap_checkpoint_write (run, checkpoint, last_seq, error))
        return FALSE;

      g_clear_pointer (&since, json_node_unref);
      since = g_steal_pointer (&last_seq);

      run->done += n_results;
      pending = json_object_get_member (object, "pending");
      if (pending != NULL && JSON_NODE_HOLDS_VALUE (pending) &&
          json_node_get_value_type (pending) == G_TYPE_INT64)
        run->total = run->done + (guint64) MAX (json_node_get_int (pending), 0);
      kap_run_emit_progress (run);

      if (pending != NULL && JSON_NODE_HOLDS_VALUE (pending) &&
          json_node_get_value_type (pending) == G_TYPE_INT64 && json_node_get_int (pending) == 0)
        break;
    }

  return TRUE;
}
