/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-couch-peer"

#include "config.h"

#include <libsoup/soup.h>
#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-couch-peer.h"
#include "kap-json.h"
#include "kap-store.h"

/* The replication protocol's requests, as CouchDB (and PouchDB Server)
 * take them; which statuses mean what is decided here, the typed replies
 * by kap-couch-decode.c. */

struct _KapCouchPeer
{
  GObject         parent_instance;

  KapCouchClient *client;
  char           *database;
};

static void kap_couch_peer_iface_init (KapReplicationPeerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KapCouchPeer, kap_couch_peer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KAP_TYPE_REPLICATION_PEER,
                                                      kap_couch_peer_iface_init))

static const char *
peer_get_address (KapReplicationPeer *peer)
{
  return kap_couch_client_get_url (KAP_COUCH_PEER (peer)->client);
}

static const char *
peer_get_database (KapReplicationPeer *peer)
{
  return KAP_COUCH_PEER (peer)->database;
}

/* A reply to a request on the database as a whole: a 404 says the
 * database is not there, another failure that the reply is not what the
 * protocol promises. */
static gboolean
database_reply_ok (const char  *method,
                   const char  *path,
                   guint        status,
                   GError     **error)
{
  if (status == SOUP_STATUS_NOT_FOUND)
    {
      kap_sync_set_error (error, KAP_SYNC_ERROR_NO_DATABASE);
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("%s %s: HTTP %u", method, path, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return FALSE;
    }

  return TRUE;
}

/* GET /db: whether it exists and this account may read it, and the
 * server's update_seq for the pull estimate. */
static JsonObject *
peer_get_info (KapReplicationPeer  *peer,
               GCancellable        *cancellable,
               GError             **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *path = kap_couch_client_build_path (self->database, NULL);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_couch_client_request (self->client, "GET", path, NULL, &status,
                                    cancellable, error);
  if (reply == NULL || !database_reply_ok ("GET", path, status, error))
    return NULL;

  return kap_couch_decode_database_info (reply, error);
}

static char *
seq_to_query (JsonNode *seq)
{
  g_autofree char *text = NULL;
  const char *number = kap_json_node_get_number_text (seq);

  /* A number no double carries goes back as its text, like any other. */
  if (number != NULL)
    text = g_strdup (number);
  else if (JSON_NODE_HOLDS_VALUE (seq) && json_node_get_value_type (seq) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (seq));
  else
    text = kap_canonical_json_node (seq);

  return g_uri_escape_string (text, NULL, FALSE);
}

/* One page of the feed; the sequence is opaque (an integer from PouchDB,
 * a string from CouchDB) and goes back exactly as it came. */
static KapCouchChanges *
peer_get_changes (KapReplicationPeer  *peer,
                  JsonNode            *since,
                  guint                limit,
                  char               **fingerprint,
                  GCancellable        *cancellable,
                  GError             **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *base = kap_couch_client_build_path (self->database, "_changes", NULL);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  KapCouchChanges *changes;
  guint status = 0;

  if (since != NULL)
    {
      g_autofree char *escaped = seq_to_query (since);

      path = g_strdup_printf ("%s?style=all_docs&limit=%u&since=%s", base, limit, escaped);
    }
  else
    path = g_strdup_printf ("%s?style=all_docs&limit=%u", base, limit);

  reply = kap_couch_client_request (self->client, "GET", path, NULL, &status,
                                    cancellable, error);
  if (reply == NULL || !database_reply_ok ("GET", path, status, error))
    return NULL;

  changes = kap_couch_decode_changes (reply, error);
  if (changes != NULL)
    {
      g_autofree char *text = kap_canonical_json_node (json_object_get_member (json_node_get_object (reply),
                                                                                 "results"));

      *fingerprint = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
    }

  return changes;
}

/* POST _revs_diff with every leaf of @changes. */
static GHashTable *
peer_revs_diff (KapReplicationPeer  *peer,
                GPtrArray           *changes,
                GCancellable        *cancellable,
                GError             **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *path = kap_couch_client_build_path (self->database, "_revs_diff", NULL);
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

  reply = kap_couch_client_request (self->client, "POST", path, node, &status,
                                    cancellable, error);
  if (reply == NULL || !database_reply_ok ("POST", path, status, error))
    return NULL;

  return kap_couch_decode_revs_diff (reply, error);
}

/* Why the server answered 400 (@reply), in its own words when it gave
 * any. */
static char *
refused_reason (JsonNode *reply)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL;
  const char *name = object != NULL ? json_object_get_string_member_with_default (object, "error", NULL) : NULL;
  const char *words = object != NULL ? json_object_get_string_member_with_default (object, "reason", NULL) : NULL;

  if (words == NULL || *words == '\0')
    return g_strdup (_("The server refused it as a bad request, without saying why"));

  /* The same words as a refusal in a per-document result. */
  return g_strdup_printf (_("The server could not store it (%s): %s"),
                          name != NULL && *name != '\0' ? name : "bad_request", words);
}

/* POST _bulk_docs {"new_edits": false}. */
static GPtrArray *
peer_bulk_docs (KapReplicationPeer  *peer,
                JsonNode * const    *docs,
                guint                n_docs,
                char               **refusal,
                GCancellable        *cancellable,
                GError             **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *path = kap_couch_client_build_path (self->database, "_bulk_docs", NULL);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  JsonArray *array = json_array_new ();
  guint status = 0;

  for (guint i = 0; i < n_docs; i++)
    json_array_add_element (array, json_node_ref (docs[i]));
  json_object_set_boolean_member (request, "new_edits", FALSE);
  json_object_set_array_member (request, "docs", array);
  json_node_set_object (node, request);

  reply = kap_couch_client_request (self->client, "POST", path, node, &status,
                                    cancellable, error);
  if (reply == NULL)
    return NULL;
  /* A server that finds one document of the request malformed (CouchDB:
   * an id or a member it does not take) refuses the whole request. */
  if (status == SOUP_STATUS_BAD_REQUEST)
    {
      g_debug ("POST %s: HTTP 400 for %u revisions", path, n_docs);
      *refusal = refused_reason (reply);
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("POST %s: HTTP %u", path, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return NULL;
    }

  /* With new_edits:false CouchDB lists only the failures; PouchDB may
   * list every document. */
  return kap_couch_decode_bulk_docs (reply, error);
}

/* Every one of @revs as gone: open_revs of a document the server no
 * longer has. */
static GPtrArray *
all_missing (KapReplicationRev * const *revs,
             guint                      n_revs)
{
  GPtrArray *revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_couch_revision_free);

  for (guint i = 0; i < n_revs; i++)
    {
      KapCouchRevision *revision = g_new0 (KapCouchRevision, 1);

      revision->status = KAP_COUCH_REVISION_MISSING;
      revision->id = g_strdup (revs[i]->id);
      revision->rev = g_strdup (revs[i]->rev);
      g_ptr_array_add (revisions, revision);
    }

  return revisions;
}

static JsonNode *
bulk_get_body (KapReplicationRev * const *revs,
               guint                      n_revs)
{
  JsonObject *request = json_object_new ();
  JsonArray *docs = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < n_revs; i++)
    {
      JsonObject *doc = json_object_new ();

      json_object_set_string_member (doc, "id", revs[i]->id);
      json_object_set_string_member (doc, "rev", revs[i]->rev);
      json_array_add_object_element (docs, doc);
    }
  json_object_set_array_member (request, "docs", docs);

  /* Taken, not referenced again: json_node_init_object() would keep a
   * reference of its own. */
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, request);
  return node;
}

/* POST _bulk_get?revs=true&attachments=true; a server without it (404,
 * 405, or PouchDB's 400) is asked one document at a time. */
static GPtrArray *
peer_bulk_get (KapReplicationPeer        *peer,
               KapReplicationRev * const *revs,
               guint                      n_revs,
               gboolean                  *unsupported,
               GCancellable              *cancellable,
               GError                   **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *base = kap_couch_client_build_path (self->database, "_bulk_get", NULL);
  g_autofree char *path = g_strconcat (base, "?revs=true&attachments=true", NULL);
  g_autoptr(JsonNode) body = bulk_get_body (revs, n_revs);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_couch_client_request (self->client, "POST", path, body, &status,
                                    cancellable, error);
  if (reply == NULL)
    return NULL;

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
      status == SOUP_STATUS_BAD_REQUEST)
    {
      g_debug ("POST _bulk_get: HTTP %u: no _bulk_get, one document at a time", status);
      *unsupported = TRUE;
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("POST _bulk_get: HTTP %u", status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return NULL;
    }

  return kap_couch_decode_bulk_get (reply, error);
}

static char *
open_revs_path (KapCouchPeer              *self,
                KapReplicationRev * const *revs,
                guint                      n_revs)
{
  g_autofree char *base = kap_couch_client_build_path (self->database, revs[0]->id, NULL);
  g_autoptr(JsonNode) revs_node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *revs_text = NULL;
  g_autofree char *revs_escaped = NULL;

  json_node_take_array (revs_node, json_array_new ());
  for (guint i = 0; i < n_revs; i++)
    json_array_add_string_element (json_node_get_array (revs_node), revs[i]->rev);
  revs_text = kap_canonical_json_node (revs_node);
  revs_escaped = g_uri_escape_string (revs_text, NULL, FALSE);

  return g_strdup_printf ("%s?revs=true&attachments=true&open_revs=%s", base, revs_escaped);
}

/* GET /db/<id>?open_revs=[…]&revs=true&attachments=true. */
static GPtrArray *
peer_open_revs (KapReplicationPeer        *peer,
                KapReplicationRev * const *revs,
                guint                      n_revs,
                GCancellable              *cancellable,
                GError                   **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *path = open_revs_path (self, revs, n_revs);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_couch_client_request (self->client, "GET", path, NULL, &status,
                                    cancellable, error);
  if (reply == NULL)
    return NULL;

  if (status == SOUP_STATUS_NOT_FOUND)
    return all_missing (revs, n_revs);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("GET open_revs: HTTP %u", status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return NULL;
    }

  return kap_couch_decode_open_revs (reply, revs[0]->id, error);
}

static char *
checkpoint_path (KapCouchPeer *self,
                 const char   *id)
{
  g_autofree char *local_id = g_strconcat ("_local/", id, NULL);

  return kap_couch_client_build_path (self->database, local_id, NULL);
}

/* GET /db/_local/<id>. */
static gboolean
peer_get_checkpoint (KapReplicationPeer  *peer,
                     const char          *id,
                     KapCouchCheckpoint **checkpoint,
                     GCancellable        *cancellable,
                     GError             **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *path = checkpoint_path (self, id);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_couch_client_request (self->client, "GET", path, NULL, &status,
                                    cancellable, error);
  if (reply == NULL)
    return FALSE;

  if (status == SOUP_STATUS_NOT_FOUND)
    return TRUE;
  if (status != SOUP_STATUS_OK)
    {
      g_debug ("GET %s: HTTP %u", path, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_MALFORMED);
      return FALSE;
    }

  *checkpoint = kap_couch_decode_checkpoint (reply, error);
  return *checkpoint != NULL;
}

/* PUT /db/_local/<id>. */
static gboolean
peer_put_checkpoint (KapReplicationPeer  *peer,
                     const char          *id,
                     JsonObject          *doc,
                     const char          *rev,
                     char               **new_rev,
                     gboolean            *conflict,
                     GCancellable        *cancellable,
                     GError             **error)
{
  KapCouchPeer *self = KAP_COUCH_PEER (peer);
  g_autofree char *local_id = g_strconcat ("_local/", id, NULL);
  g_autofree char *path = kap_couch_client_build_path (self->database, local_id, NULL);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GList) members = json_object_get_members (doc);
  g_autoptr(GError) local_error = NULL;
  guint status = 0;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (body, l->data, json_node_copy (json_object_get_member (doc, l->data)));
  json_object_set_string_member (body, "_id", local_id);
  if (rev != NULL)
    json_object_set_string_member (body, "_rev", rev);
  json_node_set_object (node, body);

  reply = kap_couch_client_request (self->client, "PUT", path, node, &status,
                                    cancellable, error);
  if (reply == NULL)
    return FALSE;

  if (status == SOUP_STATUS_CONFLICT)
    {
      *conflict = TRUE;
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("PUT %s: HTTP %u", path, status);
      kap_sync_set_error (error, KAP_SYNC_ERROR_SERVER);
      return FALSE;
    }

  /* Without the new _rev the next write meets a 409 and reads it. */
  *new_rev = kap_couch_decode_put (reply, &local_error);
  if (*new_rev == NULL)
    g_debug ("PUT %s: %s", path, local_error->message);

  return TRUE;
}

static void
kap_couch_peer_iface_init (KapReplicationPeerInterface *iface)
{
  iface->get_address = peer_get_address;
  iface->get_database = peer_get_database;
  iface->get_info = peer_get_info;
  iface->get_changes = peer_get_changes;
  iface->revs_diff = peer_revs_diff;
  iface->bulk_docs = peer_bulk_docs;
  iface->bulk_get = peer_bulk_get;
  iface->open_revs = peer_open_revs;
  iface->get_checkpoint = peer_get_checkpoint;
  iface->put_checkpoint = peer_put_checkpoint;
}

static void
kap_couch_peer_finalize (GObject *object)
{
  KapCouchPeer *self = (KapCouchPeer *) object;

  g_clear_object (&self->client);
  g_free (self->database);

  G_OBJECT_CLASS (kap_couch_peer_parent_class)->finalize (object);
}

static void
kap_couch_peer_class_init (KapCouchPeerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kap_couch_peer_finalize;
}

static void
kap_couch_peer_init (KapCouchPeer *self)
{
}

KapCouchPeer *
kap_couch_peer_new (KapCouchClient *client,
                    const char     *database)
{
  KapCouchPeer *self;

  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (client), NULL);
  g_return_val_if_fail (database != NULL && *database != '\0', NULL);

  self = g_object_new (KAP_TYPE_COUCH_PEER, NULL);
  self->client = g_object_ref (client);
  self->database = g_strdup (database);

  return self;
}

KapCouchClient *
kap_couch_peer_get_client (KapCouchPeer *self)
{
  g_return_val_if_fail (KAP_IS_COUCH_PEER (self), NULL);

  return self->client;
}

KapReplicator *
kap_couch_replicator_new (KapStore       *store,
                          KapCouchClient *client,
                          const char     *database)
{
  g_autoptr(KapCouchPeer) peer = NULL;

  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (client), NULL);
  g_return_val_if_fail (database != NULL && *database != '\0', NULL);

  peer = kap_couch_peer_new (client, database);
  return kap_replicator_new (store, KAP_REPLICATION_PEER (peer));
}
