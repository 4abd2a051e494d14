/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-server-setup"

#include "config.h"

#include <sys/random.h>
#include <glib/gi18n.h>

#include "kap-server-setup-private.h"
#include "kap-sync-names.h"

/* The accounts server-setup makes in _users: the role and the station's
 * role, and a password, given in the CSV or generated here (printed once,
 * never stored); an existing account's password is kept unless
 * --reset-passwords. */

static char *
generate_password (void)
{
  /* No 0/O, 1/l/I: the password is read off a screen and typed. */
  static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const guint n_symbols = sizeof alphabet - 1;
  const guint length = 20;
  GString *password = g_string_sized_new (length);

  while (password->len < length)
    {
      guint8 bytes[32];
      ssize_t n = getrandom (bytes, sizeof bytes, 0);

      if (n <= 0)
        g_error ("The system gives no random numbers for a password");

      for (ssize_t i = 0; i < n && password->len < length; i++)
        {
          /* Rejection sampling keeps every symbol equally likely. */
          if (bytes[i] < 256 - (256 % n_symbols))
            g_string_append_c (password, alphabet[bytes[i] % n_symbols]);
        }
    }

  return g_string_free (password, FALSE);
}

static gboolean
same_strings (JsonArray  *array,
              const char *const *strings)
{
  guint n = g_strv_length ((char **) strings);

  if (array == NULL || json_array_get_length (array) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        {
          JsonNode *element = json_array_get_element (array, j);

          found = (JSON_NODE_HOLDS_VALUE (element) &&
                   g_strcmp0 (json_node_get_string (element), strings[i]) == 0);
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

gboolean
kap_server_setup_user (KapServerSetup  *self,
                       User            *user,
                       GError         **error)
{
  g_autofree char *id = g_strdup_printf ("org.couchdb.user:%s", user->name);
  g_autofree char *path = kap_couch_client_build_path (USERS_DB, id, NULL);
  g_autofree char *station_role = kap_sync_station_role (user->station);
  g_autofree char *what = NULL;
  const char *roles[] = { user->role, station_role, NULL };
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *generated = NULL;
  gboolean is_new, roles_differ;
  JsonArray *role_array;
  guint status = 0;

  /* Translators: %s is an account's user name. */
  what = g_strdup_printf (_("the account “%s”"), user->name);

  reply = kap_server_setup_request (self, "GET", path, NULL, &status, error);
  if (reply == NULL)
    return FALSE;

  is_new = (status == 404);
  if (status == 200 && JSON_NODE_HOLDS_OBJECT (reply))
    doc = json_object_ref (json_node_get_object (reply));
  else if (is_new)
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "name", user->name);
      json_object_set_string_member (doc, "type", "user");
    }
  else
    return kap_server_setup_refused (status, reply, what, error);

  role_array = json_object_has_member (doc, "roles") ? json_object_get_array_member (doc, "roles") : NULL;
  roles_differ = !same_strings (role_array, roles);
  if (!is_new && !roles_differ && !self->reset_passwords)
    return TRUE;

  if (roles_differ)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; roles[i] != NULL; i++)
        json_array_add_string_element (array, roles[i]);
      json_object_set_array_member (doc, "roles", array);
    }

  if (is_new || self->reset_passwords)
    {
      const char *password = user->password;

      if (password == NULL || *password == '\0')
        {
          generated = generate_password ();
          password = generated;
        }
      /* The server replaces "password" by its salted hash. */
      json_object_set_string_member (doc, "password", password);
    }

  written = kap_server_setup_request (self, "PUT", path, doc, &status, error);
  if (written == NULL)
    return FALSE;
  if (status != 200 && status != 201 && status != 202)
    return kap_server_setup_refused (status, written, what, error);

  if (generated != NULL)
    {
      KapServerPassword *entry = g_new0 (KapServerPassword, 1);

      entry->name = g_strdup (user->name);
      entry->password = g_steal_pointer (&generated);
      g_ptr_array_add (self->passwords, entry);
    }

  if (is_new)
    /* Translators: the first %s is a user name, the second a role
     * (kapija_officer, kapija_supervisor), the third a station code. */
    kap_server_setup_add_change (self, _("Created the account “%s” (%s, station %s)"), user->name, user->role, user->station);
  else
    {
      if (roles_differ)
        /* Translators: the first %s is a user name, the second a role
         * (kapija_officer, kapija_supervisor), the third a station code. */
        kap_server_setup_add_change (self, _("Changed the roles of “%s” to %s, station %s"), user->name, user->role, user->station);
      if (self->reset_passwords)
        /* Translators: %s is a user name. */
        kap_server_setup_add_change (self, _("Set a new password for “%s”"), user->name);
    }

  return TRUE;
}
