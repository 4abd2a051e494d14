/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-conflict-resolver"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-conflict-resolver-private.h"
#include "kap-store.h"

/* The supervisor's choices written into a body: each clash path names a
 * member, maybe inside repeat items found by their item_id. */

/* One step of a clash path: "name" or "name[item ID]". */
static gboolean
parse_step (const char  *step,
            char       **name,
            char       **item_id)
{
  const char *bracket = strchr (step, '[');
  size_t length;

  if (bracket == NULL)
    {
      *name = g_strdup (step);
      *item_id = NULL;
      return *step != '\0';
    }

  length = strlen (bracket);
  if (!g_str_has_prefix (bracket, "[item ") || length < 8 || bracket[length - 1] != ']')
    return FALSE;

  *name = g_strndup (step, bracket - step);
  *item_id = g_strndup (bracket + 6, length - 7);
  return **name != '\0' && **item_id != '\0';
}

/* The index of the repeat item @item_id in @array, or -1. */
static int
find_item (JsonArray  *array,
           const char *item_id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (element),
                                                                 "item_id", NULL),
                     item_id) == 0)
        return (int) i;
    }

  return -1;
}

gboolean
kap_conflict_resolver_set_path (JsonObject  *body,
                                const char  *path,
                                JsonNode    *value,
                                GError     **error)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  gboolean absent = value == NULL || JSON_NODE_HOLDS_NULL (value);
  JsonObject *object = body;

  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *item_id = NULL;
      gboolean last = steps[i + 1] == NULL;
      JsonNode *member;
      JsonArray *array;
      int index;

      if (!parse_step (steps[i], &name, &item_id))
        goto bad;

      member = json_object_get_member (object, name);

      if (item_id == NULL)
        {
          if (last)
            {
              if (absent)
                json_object_remove_member (object, name);
              else
                json_object_set_member (object, name, json_node_copy (value));
              return TRUE;
            }
          if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
            goto bad;
          object = json_node_get_object (member);
          continue;
        }

      if (member == NULL && last && !absent)
        {
          json_object_set_array_member (object, name, json_array_new ());
          member = json_object_get_member (object, name);
        }
      if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
        goto bad;
      array = json_node_get_array (member);
      index = find_item (array, item_id);

      if (last)
        {
          if (index >= 0)
            json_array_remove_element (array, (guint) index);
          if (!absent)
            {
              /* Where it was, or after the others when it was not there. */
              if (index < 0 || (guint) index >= json_array_get_length (array))
                json_array_add_element (array, json_node_copy (value));
              else
                {
                  g_autoptr(JsonArray) rebuilt = json_array_new ();

                  for (guint j = 0; j < json_array_get_length (array); j++)
                    {
                      if (j == (guint) index)
                        json_array_add_element (rebuilt, json_node_copy (value));
                      json_array_add_element (rebuilt, json_array_dup_element (array, j));
                    }
                  json_object_set_array_member (object, name, json_array_ref (rebuilt));
                }
            }
          return TRUE;
        }

      if (index < 0 || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, (guint) index)))
        goto bad;
      object = json_node_get_object (json_array_get_element (array, (guint) index));
    }

bad:
  g_set_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
               /* Translators: %s is a field path such as “address.city”. */
               _("The choice for “%s” does not fit the record"), path);
  return FALSE;
}
