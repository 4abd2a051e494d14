/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replication-checkpoint"

#include "config.h"

#include "kap-canonical-json.h"
#include "kap-replicator-private.h"

/* Checkpoints as CouchDB's replicator keeps them: the same document,
 * _local/<replication id>, on both sides, written after every batch with
 * a fresh session id and a short history. At the start a sequence is
 * trusted only when both sides agree on it: the same newest session, or
 * else the newest session the two histories share. Otherwise the run
 * starts from the beginning, which is safe because applying a revision
 * twice changes nothing. */

#define HISTORY_LENGTH 10

void
kap_checkpoint_free (KapCheckpoint *checkpoint)
{
  g_free (checkpoint->id);
  g_clear_pointer (&checkpoint->seq, json_node_unref);
  g_clear_pointer (&checkpoint->local, json_object_unref);
  g_clear_pointer (&checkpoint->remote, json_object_unref);
  g_free (checkpoint->remote_rev);
  g_free (checkpoint);
}

static JsonArray *
get_history (JsonObject *doc)
{
  JsonNode *node;

  if (doc == NULL)
    return NULL;
  node = json_object_get_member (doc, "history");
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
entry_session (JsonNode *entry)
{
  if (entry == NULL || !JSON_NODE_HOLDS_OBJECT (entry))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (entry),
                                                     "session_id", NULL);
}

/* The sequence both documents agree on, or NULL. */
static JsonNode *
agreed_seq (JsonObject *local,
            JsonObject *remote)
{
  JsonArray *local_history = get_history (local);
  JsonArray *remote_history = get_history (remote);
  const char *local_session;
  const char *remote_session;

  if (local == NULL || remote == NULL || local_history == NULL || remote_history == NULL)
    return NULL;

  local_session = json_object_get_string_member_with_default (local, "session_id", NULL);
  remote_session = json_object_get_string_member_with_default (remote, "session_id", NULL);
  if (local_session != NULL && g_strcmp0 (local_session, remote_session) == 0 &&
      json_object_has_member (local, "last_seq"))
    return json_node_copy (json_object_get_member (local, "last_seq"));

  /* One side wrote a checkpoint the other did not get (the run died in
   * between): the newest entry both have. */
  for (guint i = 0; i < json_array_get_length (local_history); i++)
    {
      JsonNode *entry = json_array_get_element (local_history, i);
      const char *session = entry_session (entry);

      if (session == NULL)
        continue;

      for (guint j = 0; j < json_array_get_length (remote_history); j++)
        {
          if (g_strcmp0 (session, entry_session (json_array_get_element (remote_history, j))) == 0)
            {
              JsonObject *object = json_node_get_object (entry);

              if (json_object_has_member (object, "last_seq"))
                return json_node_copy (json_object_get_member (object, "last_seq"));
            }
        }
    }

  return NULL;
}

KapCheckpoint *
kap_checkpoint_read (KapRun                  *run,
                     KapReplicationDirection  direction,
                     GError                 **error)
{
  g_autoptr(KapCheckpoint) checkpoint = g_new0 (KapCheckpoint, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *local_id = NULL;
  g_autofree char *path = NULL;
  guint status = 0;

  checkpoint->id = kap_replicator_get_replication_id (run->replicator, direction);

  checkpoint->local = kap_store_get_local (run->store, checkpoint->id, &local_error);
  if (checkpoint->local == NULL)
    {
      if (!g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
    }

  local_id = g_strconcat ("_local/", checkpoint->id, NULL);
  path = kap_couch_client_build_path (run->database, local_id, NULL);
  reply = kap_couch_client_request (run->client, "GET", path, NULL, &status,
                                    run->cancellable, error);
  if (reply == NULL)
    return NULL;

  if (status == SOUP_STATUS_OK)
    {
      if (!JSON_NODE_HOLDS_OBJECT (reply))
        {
          g_debug ("GET %s: not an object", path);
          kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
          return NULL;
        }
      checkpoint->remote = json_object_ref (json_node_get_object (reply));
      checkpoint->remote_rev =
        g_strdup (json_object_get_string_member_with_default (checkpoint->remote, "_rev", NULL));
    }
  else if (status != SOUP_STATUS_NOT_FOUND)
    {
      g_debug ("GET %s: HTTP %u", path, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return NULL;
    }

  checkpoint->seq = agreed_seq (checkpoint->local, checkpoint->remote);
  {
    g_autofree char *text = checkpoint->seq != NULL ? kap_canonical_json_node (checkpoint->seq) : NULL;

    g_debug ("%s %s: %s", direction == KAP_REPLICATION_PUSH ? "push" : "pull",
             checkpoint->id, text != NULL ? text : "from the start");
  }

  return g_steal_pointer (&checkpoint);
}

gint64
kap_checkpoint_get_local_seq (KapCheckpoint *checkpoint)
{
  if (checkpoint->seq == NULL || !JSON_NODE_HOLDS_VALUE (checkpoint->seq))
    return 0;
  if (json_node_get_value_type (checkpoint->seq) == G_TYPE_INT64)
    return MAX (json_node_get_int (checkpoint->seq), 0);
  return 0;
}

static JsonObject *
build_document (KapCheckpoint *checkpoint,
                const char    *session,
                JsonNode      *seq)
{
  JsonObject *doc = json_object_new ();
  JsonArray *history = json_array_new ();
  JsonArray *old = get_history (checkpoint->local);
  JsonObject *entry = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  json_object_set_string_member (entry, "session_id", session);
  json_object_set_member (entry, "last_seq", json_node_copy (seq));
  json_object_set_string_member (entry, "end_time", now_text);
  json_array_add_object_element (history, entry);

  for (guint i = 0; old != NULL && i < json_array_get_length (old) && i + 1 < HISTORY_LENGTH; i++)
    json_array_add_element (history, json_node_copy (json_array_get_element (old, i)));

  json_object_set_string_member (doc, "replicator", "kapija");
  json_object_set_int_member (doc, "version", 1);
  json_object_set_string_member (doc, "session_id", session);
  json_object_set_member (doc, "last_seq", json_node_copy (seq));
  json_object_set_array_member (doc, "history", history);

  return doc;
}

static gboolean
put_remote (KapRun         *run,
            KapCheckpoint  *checkpoint,
            JsonObject     *doc,
            guint          *status,
            GError        **error)
{
  g_autofree char *local_id = g_strconcat ("_local/", checkpoint->id, NULL);
  g_autofree char *path = kap_couch_client_build_path (run->database, local_id, NULL);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GList) members = json_object_get_members (doc);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (body, l->data, json_node_copy (json_object_get_member (doc, l->data)));
  json_object_set_string_member (body, "_id", local_id);
  if (checkpoint->remote_rev != NULL)
    json_object_set_string_member (body, "_rev", checkpoint->remote_rev);
  json_node_set_object (node, body);

  reply = kap_couch_client_request (run->client, "PUT", path, node, status,
                                    run->cancellable, error);
  if (reply == NULL)
    return FALSE;

  if (SOUP_STATUS_IS_SUCCESSFUL (*status) && JSON_NODE_HOLDS_OBJECT (reply))
    {
      g_free (checkpoint->remote_rev);
      checkpoint->remote_rev =
        g_strdup (json_object_get_string_member_with_default (json_node_get_object (reply),
                                                              "rev", NULL));
    }

  return TRUE;
}

/* Asks the server for the checkpoint's current _rev, after a 409. */
static gboolean
refresh_remote_rev (KapRun         *run,
                    KapCheckpoint  *checkpoint,
                    GError        **error)
{
  g_autofree char *local_id = g_strconcat ("_local/", checkpoint->id, NULL);
  g_autofree char *path = kap_couch_client_build_path (run->database, local_id, NULL);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_couch_client_request (run->client, "GET", path, NULL, &status,
                                    run->cancellable, error);
  if (reply == NULL)
    return FALSE;

  g_clear_pointer (&checkpoint->remote_rev, g_free);
  if (status == SOUP_STATUS_OK && JSON_NODE_HOLDS_OBJECT (reply))
    checkpoint->remote_rev =
      g_strdup (json_object_get_string_member_with_default (json_node_get_object (reply),
                                                            "_rev", NULL));
  return TRUE;
}

gboolean
kap_checkpoint_write (KapRun         *run,
                      KapCheckpoint  *checkpoint,
                      JsonNode       *seq,
                      GError        **error)
{
  g_autofree char *session = g_uuid_string_random ();
  g_autoptr(JsonObject) doc = build_document (checkpoint, session, seq);
  g_autofree char *local_rev = NULL;
  guint status = 0;

  /* The server first: a local checkpoint the server lacks would make the
   * next run trust a sequence whose revisions the server never got. */
  if (!put_remote (run, checkpoint, doc, &status, error))
    return FALSE;
  if (status == SOUP_STATUS_CONFLICT)
    {
      if (!refresh_remote_rev (run, checkpoint, error) ||
          !put_remote (run, checkpoint, doc, &status, error))
        return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("PUT _local/%s: HTTP %u", checkpoint->id, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_SERVER);
      return FALSE;
    }

  local_rev = kap_store_put_local (run->store, checkpoint->id, doc, error);
  if (local_rev == NULL)
    return FALSE;

  g_clear_pointer (&checkpoint->local, json_object_unref);
  checkpoint->local = json_object_ref (doc);
  g_clear_pointer (&checkpoint->seq, json_node_unref);
  checkpoint->seq = json_node_copy (seq);

  return TRUE;
}
