/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-profiles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-profiles.h"

/* The profiles live in one _local document, so that they never replicate
 * (another laptop's people are not this laptop's business) and are written
 * in one transaction:
 *
 *   {"profiles": {"OFF-017": {"display_name": "…", "role": "officer"}}}
 *
 * When sign-in arrives (a later issue) each entry gains its password hash
 * here, and choosing a profile goes through a check of it. */
#define PROFILES_LOCAL_ID "kapija-profiles"

G_DEFINE_BOXED_TYPE (KapProfile, kap_profile, kap_profile_copy, kap_profile_free)

KapProfile *
kap_profile_copy (const KapProfile *profile)
{
  KapProfile *copy;

  g_return_val_if_fail (profile != NULL, NULL);

  copy = g_new0 (KapProfile, 1);
  copy->code = g_strdup (profile->code);
  copy->display_name = g_strdup (profile->display_name);
  copy->role = profile->role;

  return copy;
}

void
kap_profile_free (KapProfile *profile)
{
  if (profile == NULL)
    return;

  g_free (profile->code);
  g_free (profile->display_name);
  g_free (profile);
}

static const char *
role_to_string (KapRole role)
{
  return role == KAP_ROLE_SUPERVISOR ? "supervisor" : "officer";
}

static gboolean
role_from_string (const char *text,
                  KapRole    *role)
{
  if (g_strcmp0 (text, "officer") == 0)
    *role = KAP_ROLE_OFFICER;
  else if (g_strcmp0 (text, "supervisor") == 0)
    *role = KAP_ROLE_SUPERVISOR;
  else
    return FALSE;

  return TRUE;
}

/* The "profiles" member of the local document, made when missing; a
 * document of another shape is refused rather than overwritten, so that a
 * newer Kapija's profiles are never lost by an older one. */
static JsonObject *
load_profiles (KapStore  *store,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) document = NULL;
  JsonNode *node;

  document = kap_store_get_local (store, PROFILES_LOCAL_ID, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
        {
          document = json_object_new ();
          json_object_set_object_member (document, "profiles", json_object_new ());
          return g_steal_pointer (&document);
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  node = json_object_get_member (document, "profiles");
  if (node == NULL)
    json_object_set_object_member (document, "profiles", json_object_new ());
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT,
                           _("The profiles on this laptop are damaged"));
      return NULL;
    }

  return g_steal_pointer (&document);
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b)
{
  const KapProfile *pa = *(const KapProfile * const *) a;
  const KapProfile *pb = *(const KapProfile * const *) b;
  g_autofree char *ka = g_utf8_collate_key (pa->display_name, -1);
  g_autofree char *kb = g_utf8_collate_key (pb->display_name, -1);
  int cmp = strcmp (ka, kb);

  /* Two people may share a name; the code keeps the order stable. */
  return cmp != 0 ? cmp : strcmp (pa->code, pb->code);
}

GPtrArray *
kap_profiles_list (KapStore  *store,
                   GError   **error)
{
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  JsonObject *members;
  JsonObjectIter iter;
  const char *code;
  JsonNode *node;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);

  document = load_profiles (store, error);
  if (document == NULL)
    return NULL;

  profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_profile_free);
  members = json_object_get_object_member (document, "profiles");

  json_object_iter_init (&iter, members);
  while (json_object_iter_next (&iter, &code, &node))
    {
      KapProfile *profile;
      JsonObject *entry;
      KapRole role;

      /* An entry this version cannot read is skipped, not fatal: the
       * others can still sign in. */
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      if (!role_from_string (json_object_get_string_member_with_default (entry, "role", NULL), &role))
        {
          g_debug ("Skipping a profile with an unknown role");
          continue;
        }

      profile = g_new0 (KapProfile, 1);
      profile->code = g_strdup (code);
      profile->display_name = g_strdup (json_object_get_string_member_with_default (entry, "display_name", code));
      profile->role = role;
      g_ptr_array_add (profiles, profile);
    }

  g_ptr_array_sort (profiles, compare_profiles);

  return g_steal_pointer (&profiles);
}

/* An officer's code goes into every record and into the server's
 * validation; it must be short, printable and without spaces. */
static gboolean
code_is_valid (const char *code)
{
  if (code == NULL || code[0] == '\0' || strlen (code) > 64 || !g_utf8_validate (code, -1, NULL))
    return FALSE;

  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || !g_unichar_isprint (c))
        return FALSE;
    }

  return TRUE;
}

gboolean
kap_profiles_save (KapStore          *store,
                   const KapProfile  *profile,
                   GError           **error)
{
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *name = NULL;
  JsonObject *entry;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!code_is_valid (profile->code))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("An officer code is needed, without spaces"));
      return FALSE;
    }

  name = profile->display_name != NULL ? g_strstrip (g_strdup (profile->display_name)) : NULL;
  if (name == NULL || name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("A profile needs a name"));
      return FALSE;
    }

  if (profile->role != KAP_ROLE_OFFICER && profile->role != KAP_ROLE_SUPERVISOR)
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("A profile must be an officer or a supervisor"));
      return FALSE;
    }

  document = load_profiles (store, error);
  if (document == NULL)
    return FALSE;

  entry = json_object_new ();
  json_object_set_string_member (entry, "display_name", name);
  json_object_set_string_member (entry, "role", role_to_string (profile->role));
  json_object_set_object_member (json_object_get_object_member (document, "profiles"),
                                 profile->code, entry);

  rev = kap_store_put_local (store, PROFILES_LOCAL_ID, document, error);

  return rev != NULL;
}

gboolean
kap_profiles_remove (KapStore    *store,
                     const char  *code,
                     GError     **error)
{
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *rev = NULL;
  JsonObject *members;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  document = load_profiles (store, error);
  if (document == NULL)
    return FALSE;

  members = json_object_get_object_member (document, "profiles");
  if (!json_object_has_member (members, code))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND,
                           _("There is no such profile on this laptop"));
      return FALSE;
    }

  json_object_remove_member (members, code);
  rev = kap_store_put_local (store, PROFILES_LOCAL_ID, document, error);

  return rev != NULL;
}

gboolean
kap_role_can_supervise (KapRole role)
{
  return role == KAP_ROLE_SUPERVISOR;
}
