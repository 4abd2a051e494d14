/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-replication-checkpoint"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-replicator-private.h"

/* Checkpoints as CouchDB's replicator keeps them: the same document,
 * _local/<replication id>, on both sides, written after every batch with
 * a fresh session id and a short history. At the start a sequence is
 * trusted only when both sides agree on it: the same newest session, or
 * else the newest session the two histories share. Otherwise the run
 * starts from the beginning, which is safe because applying a revision
 * twice changes nothing.
 *
 * A write converges: a 409 (someone wrote the document since we read its
 * _rev, or a retry of a write whose answer was lost on the way and that
 * the server had applied) reads the remote document again; if it holds
 * exactly what we meant to write, the write is done, else it is tried
 * again with the new _rev, a bounded number of times. */

#define HISTORY_LENGTH      10
#define CHECKPOINT_TRIES    5

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
  g_autoptr(KapCouchCheckpoint) remote = NULL;

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

  if (!kap_replication_peer_get_checkpoint (run->peer, checkpoint->id, &remote,
                                            run->cancellable, error))
    return NULL;
  if (remote != NULL)
    {
      /* One this replicator did not write is replaced, from the start. */
      checkpoint->remote = remote->doc != NULL ? json_object_ref (remote->doc) : NULL;
      checkpoint->remote_rev = g_steal_pointer (&remote->rev);
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

/* Whether @remote is @doc as it was meant to be written (its _id and _rev
 * aside). */
static gboolean
holds_exactly (JsonObject *remote,
               JsonObject *doc)
{
  g_autoptr(JsonObject) bare = json_object_new ();
  g_autofree char *remote_text = NULL;
  g_autofree char *doc_text = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, remote);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_str_equal (name, "_id") && !g_str_equal (name, "_rev"))
      json_object_set_member (bare, name, json_node_copy (member));

  remote_text = kap_canonical_json_object (bare, FALSE);
  doc_text = kap_canonical_json_object (doc, FALSE);
  return g_str_equal (remote_text, doc_text);
}

/* After a 409: the checkpoint's current _rev from the server, and whether
 * it already holds @doc (then *@done). */
static gboolean
refresh_remote (KapRun         *run,
                KapCheckpoint  *checkpoint,
                JsonObject     *doc,
                gboolean       *done,
                GError        **error)
{
  g_autoptr(KapCouchCheckpoint) remote = NULL;

  if (!kap_replication_peer_get_checkpoint (run->peer, checkpoint->id, &remote,
                                            run->cancellable, error))
    return FALSE;

  g_clear_pointer (&checkpoint->remote_rev, g_free);
  *done = FALSE;
  if (remote == NULL)
    return TRUE;
  checkpoint->remote_rev = g_steal_pointer (&remote->rev);

  /* The write whose answer was lost went through. */
  *done = remote->doc != NULL && holds_exactly (remote->doc, doc);
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
  gboolean done = FALSE;

  /* The server first: a local checkpoint the server lacks would make the
   * next run trust a sequence whose revisions the server never got. */
  for (guint attempt = 0; !done && attempt < CHECKPOINT_TRIES; attempt++)
    {
      g_autofree char *new_rev = NULL;
      gboolean conflict = FALSE;

      if (kap_replication_peer_put_checkpoint (run->peer, checkpoint->id, doc, checkpoint->remote_rev,
                                               &new_rev, &conflict, run->cancellable, error))
        {
          /* Without the new _rev the next write meets a 409 and reads it. */
          g_free (checkpoint->remote_rev);
          checkpoint->remote_rev = g_steal_pointer (&new_rev);
          done = TRUE;
        }
      else if (!conflict)
        return FALSE;
      else
        {
          g_debug ("PUT _local/%s: 409, reading it again", checkpoint->id);
          if (!refresh_remote (run, checkpoint, doc, &done, error))
            return FALSE;
        }
    }
  if (!done)
    {
      g_set_error_literal (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_SERVER,
                           _("The server kept refusing to record how far the sync got, as if "
                             "something else wrote the same record at the same time. Try again "
                             "later."));
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
