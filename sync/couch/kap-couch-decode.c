/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-couch-decode"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-couch-decode.h"
#include "kap-json.h"
#include "kap-store.h"

/* The replies of the replication protocol, read without trusting them: a
 * server may be old, foreign, broken or hostile. Everything here is a pure
 * function of the parsed reply, so that it can be tested and fuzzed with
 * no network (tests/sync/test-couch-decode.c). */

static void
set_malformed (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED, message);
}

/* The string member @name of @object, NULL when absent or not a string. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Whether member @name of @object is true (not merely there). */
static gboolean
get_true (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* The array member @name of @object, NULL when absent or not an array. */
static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The object element @index of @array, NULL when it is not an object. */
static JsonObject *
get_object_element (JsonArray *array,
                    guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A member that is there and not null: what a sequence must be. */
static JsonNode *
get_present (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

JsonObject *
kap_couch_decode_database_info (JsonNode  *reply,
                                GError   **error)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (reply))
    {
      set_malformed (error, _("The server’s description of the database is not a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (reply));
}

/* _changes */

static void
change_free (KapCouchChange *change)
{
  g_free (change->id);
  g_strfreev (change->revs);
  g_free (change);
}

void
kap_couch_changes_free (KapCouchChanges *changes)
{
  if (changes == NULL)
    return;

  g_ptr_array_unref (changes->changes);
  g_clear_pointer (&changes->last_seq, json_node_unref);
  g_free (changes);
}

static KapCouchChange *
decode_change (JsonObject  *result,
               GError     **error)
{
  g_autoptr(GStrvBuilder) revs = g_strv_builder_new ();
  KapCouchChange *change;
  const char *id = get_string (result, "id");
  JsonArray *list = get_array (result, "changes");

  if (id == NULL)
    {
      set_malformed (error, _("An entry of the server’s list of changes names no document."));
      return NULL;
    }
  if (list == NULL)
    {
      set_malformed (error, _("An entry of the server’s list of changes has no list of revisions."));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = get_object_element (list, i);
      const char *rev = entry != NULL ? get_string (entry, "rev") : NULL;

      if (rev == NULL)
        {
          set_malformed (error, _("A revision in the server’s list of changes has no name."));
          return NULL;
        }
      g_strv_builder_add (revs, rev);
    }

  change = g_new0 (KapCouchChange, 1);
  change->id = g_strdup (id);
  change->revs = g_strv_builder_end (revs);
  change->deleted = get_true (result, "deleted");
  return change;
}

KapCouchChanges *
kap_couch_decode_changes (JsonNode  *reply,
                          GError   **error)
{
  g_autoptr(KapCouchChanges) changes = NULL;
  JsonObject *object;
  JsonArray *results;
  JsonNode *last_seq;
  JsonNode *pending;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (reply) ||
      (results = get_array (json_node_get_object (reply), "results")) == NULL)
    {
      set_malformed (error, _("The server’s list of changes has no “results”."));
      return NULL;
    }
  object = json_node_get_object (reply);

  changes = g_new0 (KapCouchChanges, 1);
  changes->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  changes->pending = -1;

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = get_object_element (results, i);
      KapCouchChange *change;

      if (result == NULL)
        {
          set_malformed (error, _("An entry of the server’s list of changes is not a JSON object."));
          return NULL;
        }
      change = decode_change (result, error);
      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes->changes, change);
    }

  /* The sequence is opaque (PouchDB's integer, CouchDB's string): it goes
   * back exactly as it came. Without last_seq, the last entry's. */
  last_seq = get_present (object, "last_seq");
  if (last_seq == NULL && json_array_get_length (results) > 0)
    last_seq = get_present (get_object_element (results, json_array_get_length (results) - 1), "seq");
  if (last_seq == NULL && changes->changes->len > 0)
    {
      set_malformed (error, _("The server’s list of changes does not say where the next one starts."));
      return NULL;
    }
  changes->last_seq = last_seq != NULL ? json_node_copy (last_seq) : NULL;

  pending = json_object_get_member (object, "pending");
  if (pending != NULL && JSON_NODE_HOLDS_VALUE (pending) &&
      json_node_get_value_type (pending) == G_TYPE_INT64 && json_node_get_int (pending) >= 0)
    changes->pending = json_node_get_int (pending);

  return g_steal_pointer (&changes);
}

/* _revs_diff */

GHashTable *
kap_couch_decode_revs_diff (JsonNode  *reply,
                            GError   **error)
{
  g_autoptr(GHashTable) missing = NULL;
  JsonObjectIter iter;
  const char *id;
  JsonNode *member;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (reply))
    {
      set_malformed (error, _("The server’s answer about the revisions it lacks is not a JSON object."));
      return NULL;
    }

  missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  json_object_iter_init (&iter, json_node_get_object (reply));
  while (json_object_iter_next (&iter, &id, &member))
    {
      g_autoptr(GStrvBuilder) revs = g_strv_builder_new ();
      JsonNode *list_node;
      JsonArray *list;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        goto malformed;

      /* "possible_ancestors" alone: nothing missing. */
      list_node = json_object_get_member (json_node_get_object (member), "missing");
      if (list_node != NULL)
        {
          if (!JSON_NODE_HOLDS_ARRAY (list_node))
            goto malformed;
          list = json_node_get_array (list_node);
          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              JsonNode *rev = json_array_get_element (list, i);

              if (!JSON_NODE_HOLDS_VALUE (rev) || json_node_get_value_type (rev) != G_TYPE_STRING)
                goto malformed;
              g_strv_builder_add (revs, json_node_get_string (rev));
            }
        }

      g_hash_table_insert (missing, g_strdup (id), g_strv_builder_end (revs));
    }

  return g_steal_pointer (&missing);

malformed:
  set_malformed (error, _("The server’s answer about the revisions it lacks does not list them."));
  return NULL;
}

/* _bulk_docs */

static void
doc_result_free (KapCouchDocResult *result)
{
  g_free (result->id);
  g_free (result->rev);
  g_free (result->error);
  g_free (result->reason);
  g_free (result);
}

GPtrArray *
kap_couch_decode_bulk_docs (JsonNode  *reply,
                            GError   **error)
{
  g_autoptr(GPtrArray) results = NULL;
  JsonArray *array;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (reply))
    {
      set_malformed (error, _("The server’s answer to the records sent is not a list."));
      return NULL;
    }

  array = json_node_get_array (reply);
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_result_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = get_object_element (array, i);
      KapCouchDocResult *result;
      JsonNode *error_node;
      const char *id;

      if (object == NULL || (id = get_string (object, "id")) == NULL)
        {
          set_malformed (error, _("An answer of the server to the records sent does not name the record."));
          return NULL;
        }
      error_node = json_object_get_member (object, "error");
      if (error_node != NULL && !JSON_NODE_HOLDS_NULL (error_node) &&
          get_string (object, "error") == NULL)
        {
          set_malformed (error, _("An answer of the server to the records sent has an error that is not named."));
          return NULL;
        }

      result = g_new0 (KapCouchDocResult, 1);
      result->id = g_strdup (id);
      result->rev = g_strdup (get_string (object, "rev"));
      result->error = g_strdup (get_string (object, "error"));
      result->reason = g_strdup (get_string (object, "reason") != NULL ? get_string (object, "reason") : "");
      g_ptr_array_add (results, result);
    }

  return g_steal_pointer (&results);
}

gboolean
kap_couch_doc_result_is_refusal (const KapCouchDocResult *result)
{
  return g_strcmp0 (result->error, "forbidden") == 0 ||
         g_strcmp0 (result->error, "unauthorized") == 0;
}

gboolean
kap_couch_doc_result_is_too_large (const KapCouchDocResult *result)
{
  return g_strcmp0 (result->error, "too_large") == 0 ||
         g_strcmp0 (result->error, "document_too_large") == 0;
}

/* _bulk_get and open_revs */

void
kap_couch_revision_free (KapCouchRevision *revision)
{
  if (revision == NULL)
    return;

  g_free (revision->id);
  g_free (revision->rev);
  g_clear_object (&revision->document);
  g_clear_error (&revision->error);
  g_free (revision);
}

static KapCouchRevision *
revision_new (KapCouchRevisionStatus  status,
              const char             *id,
              const char             *rev)
{
  KapCouchRevision *revision = g_new0 (KapCouchRevision, 1);

  revision->status = status;
  revision->id = g_strdup (id);
  revision->rev = g_strdup (rev);
  return revision;
}

static KapCouchRevision *
refused (KapCouchRevision *revision,
         GError           *error)
{
  revision->status = KAP_COUCH_REVISION_REFUSED;
  g_clear_object (&revision->document);
  revision->error = error;
  return revision;
}

/* {"ok": doc}: the revision, or why the store cannot take it. */
static KapCouchRevision *
decode_ok (JsonObject *doc,
           const char *asked_id)
{
  const char *id = get_string (doc, "_id");
  g_autoptr(KapCouchRevision) revision = NULL;
  GError *error = NULL;

  revision = revision_new (KAP_COUCH_REVISION_OK, id != NULL ? id : asked_id, get_string (doc, "_rev"));

  /* The depth, the id, the revision and the attachments. */
  revision->document = kap_document_new_from_object (doc, &error);
  if (revision->document == NULL)
    return refused (g_steal_pointer (&revision), error);

  if (asked_id != NULL && g_strcmp0 (id, asked_id) != 0)
    return refused (g_steal_pointer (&revision),
                    g_error_new_literal (KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED,
                                         _("The server sent another document than the one asked for.")));

  /* Without its history the revision would become a root of its own: a
   * false conflict with the branch it belongs to. */
  if (kap_document_get_ancestry (revision->document) == NULL)
    return refused (g_steal_pointer (&revision),
                    g_error_new_literal (KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED,
                                         _("The server sent the revision without its history.")));

  if (!kap_store_check_revision (revision->document, &error))
    return refused (g_steal_pointer (&revision), error);

  return g_steal_pointer (&revision);
}

/* One element of a _bulk_get "docs" list or of an open_revs reply. */
static KapCouchRevision *
decode_entry (JsonNode    *element,
              const char  *asked_id,
              GError     **error)
{
  JsonObject *object;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    goto malformed;
  object = json_node_get_object (element);

  if ((node = json_object_get_member (object, "ok")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto malformed;
      return decode_ok (json_node_get_object (node), asked_id);
    }

  /* PouchDB: {"missing": rev}. */
  if ((node = json_object_get_member (object, "missing")) != NULL)
    {
      if (get_string (object, "missing") == NULL)
        goto malformed;
      return revision_new (KAP_COUCH_REVISION_MISSING, asked_id, get_string (object, "missing"));
    }

  /* CouchDB: {"error": {"id", "rev", "error", "reason"}}. */
  if ((node = json_object_get_member (object, "error")) != NULL)
    {
      JsonObject *failure;
      const char *name, *id;
      KapCouchRevision *revision;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto malformed;
      failure = json_node_get_object (node);
      name = get_string (failure, "error");
      id = get_string (failure, "id");
      revision = revision_new (KAP_COUCH_REVISION_MISSING, id != NULL ? id : asked_id,
                               get_string (failure, "rev"));
      if (g_strcmp0 (name, "not_found") == 0)
        return revision;

      return refused (revision,
                      g_error_new (KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED,
                                   /* Translators: %s is the server's name of an error, such as “bad_request”. */
                                   _("The server could not send this revision (%s)."),
                                   name != NULL && kap_json_string_is_plain (name) ? name : "?"));
    }

malformed:
  set_malformed (error, _("An entry of the server’s answer with the revisions asked for holds no revision."));
  return NULL;
}

static gboolean
decode_entries (JsonArray   *entries,
                const char  *asked_id,
                GPtrArray   *revisions,
                GError     **error)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      KapCouchRevision *revision = decode_entry (json_array_get_element (entries, i), asked_id, error);

      if (revision == NULL)
        return FALSE;
      g_ptr_array_add (revisions, revision);
    }

  return TRUE;
}

GPtrArray *
kap_couch_decode_bulk_get (JsonNode  *reply,
                           GError   **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  JsonArray *results;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (reply) ||
      (results = get_array (json_node_get_object (reply), "results")) == NULL)
    {
      set_malformed (error, _("The server’s answer with the revisions asked for has no “results”."));
      return NULL;
    }

  revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_couch_revision_free);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = get_object_element (results, i);
      JsonArray *docs = result != NULL ? get_array (result, "docs") : NULL;

      if (docs == NULL)
        {
          set_malformed (error, _("An entry of the server’s answer with the revisions asked for has no “docs”."));
          return NULL;
        }
      if (!decode_entries (docs, get_string (result, "id"), revisions, error))
        return NULL;
    }

  return g_steal_pointer (&revisions);
}

GPtrArray *
kap_couch_decode_open_revs (JsonNode    *reply,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(GPtrArray) revisions = NULL;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (reply))
    {
      set_malformed (error, _("The server’s answer with the revisions of a document is not a list."));
      return NULL;
    }

  revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_couch_revision_free);
  if (!decode_entries (json_node_get_array (reply), id, revisions, error))
    return NULL;

  return g_steal_pointer (&revisions);
}

/* Checkpoints */

void
kap_couch_checkpoint_free (KapCouchCheckpoint *checkpoint)
{
  if (checkpoint == NULL)
    return;

  g_free (checkpoint->rev);
  g_clear_pointer (&checkpoint->doc, json_object_unref);
  g_free (checkpoint);
}

KapCouchCheckpoint *
kap_couch_decode_checkpoint (JsonNode  *reply,
                             GError   **error)
{
  KapCouchCheckpoint *checkpoint;
  JsonObject *doc;
  JsonNode *history;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (reply) || get_string (json_node_get_object (reply), "_rev") == NULL)
    {
      set_malformed (error, _("The server’s replication checkpoint is not a document with a revision."));
      return NULL;
    }
  doc = json_node_get_object (reply);

  checkpoint = g_new0 (KapCouchCheckpoint, 1);
  checkpoint->rev = g_strdup (get_string (doc, "_rev"));

  /* Another shape (a replicator of another kind, a server that lost
   * part of it) is no checkpoint to trust: the run starts over. */
  history = json_object_get_member (doc, "history");
  if (get_string (doc, "session_id") != NULL && get_present (doc, "last_seq") != NULL &&
      history != NULL && JSON_NODE_HOLDS_ARRAY (history))
    checkpoint->doc = json_object_ref (doc);

  return checkpoint;
}

char *
kap_couch_decode_put (JsonNode  *reply,
                      GError   **error)
{
  const char *rev;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (reply) || (rev = get_string (json_node_get_object (reply), "rev")) == NULL)
    {
      set_malformed (error, _("The server’s answer to a write names no revision."));
      return NULL;
    }

  return g_strdup (rev);
}
