/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-rejections"

#include "config.h"

#include "kap-sync-rejections.h"

static JsonObject *
load (KapStore    *store,
      JsonObject **records,
      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  JsonNode *node;

  doc = kap_store_get_local (store, KAP_SYNC_REJECTIONS_LOCAL_ID, &local_error);
  if (doc == NULL)
    {
      if (!g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      doc = json_object_new ();
    }

  node = json_object_get_member (doc, "records");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_object_member (doc, "records", json_object_new ());

  *records = json_object_get_object_member (doc, "records");
  return g_steal_pointer (&doc);
}

JsonObject *
kap_sync_rejections_get_all (KapStore  *store,
                             GError   **error)
{
  g_autoptr(JsonObject) doc = NULL;
  JsonObject *records = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);

  doc = load (store, &records, error);
  if (doc == NULL)
    return NULL;

  return json_object_ref (records);
}

char *
kap_sync_rejections_get_reason (KapStore   *store,
                                const char *id,
                                const char *rev)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *records = NULL;
  JsonNode *node;
  JsonObject *entry;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  doc = load (store, &records, &error);
  if (doc == NULL)
    {
      g_debug ("Cannot read the rejections: %s", error->message);
      return NULL;
    }

  node = json_object_get_member (records, id);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  entry = json_node_get_object (node);
  if (rev != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (entry, "rev", NULL), rev) != 0)
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (entry, "reason", ""));
}

gboolean
kap_sync_rejections_update (KapStore            *store,
                            JsonObject          *rejected,
                            const char * const  *accepted,
                            GError             **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev = NULL;
  JsonObject *records = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);

  if ((rejected == NULL || json_object_get_size (rejected) == 0) &&
      (accepted == NULL || accepted[0] == NULL))
    return TRUE;

  doc = load (store, &records, error);
  if (doc == NULL)
    return FALSE;

  for (guint i = 0; accepted != NULL && accepted[i] != NULL; i++)
    {
      if (json_object_has_member (records, accepted[i]))
        {
          json_object_remove_member (records, accepted[i]);
          changed = TRUE;
        }
    }

  if (rejected != NULL)
    {
      g_autoptr(GList) ids = json_object_get_members (rejected);
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      for (GList *l = ids; l != NULL; l = l->next)
        {
          JsonNode *entry = json_node_copy (json_object_get_member (rejected, l->data));
          JsonNode *old = json_object_get_member (records, l->data);
          gint64 first_seen = now;

          /* Refused again: still refused since the first time. */
          if (old != NULL && JSON_NODE_HOLDS_OBJECT (old))
            first_seen = json_object_get_int_member_with_default (json_node_get_object (old),
                                                                  "first_seen", now);
          if (JSON_NODE_HOLDS_OBJECT (entry))
            {
              json_object_set_int_member (json_node_get_object (entry), "first_seen", first_seen);
              json_object_set_int_member (json_node_get_object (entry), "last_seen", now);
            }
          json_object_set_member (records, l->data, entry);
          changed = TRUE;
        }
    }

  if (!changed)
    return TRUE;

  rev = kap_store_put_local (store, KAP_SYNC_REJECTIONS_LOCAL_ID, doc, error);
  return rev != NULL;
}
