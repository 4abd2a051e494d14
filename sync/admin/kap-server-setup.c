/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-server-setup"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kap-server-csv.h"
#include "kap-server-setup-private.h"
#include "kap-sync-names.h"

G_DEFINE_FINAL_TYPE (KapServerSetup, kap_server_setup, G_TYPE_OBJECT)

G_DEFINE_QUARK (kap-server-setup-error-quark, kap_server_setup_error)

static void
station_free (Station *station)
{
  g_free (station->code);
  g_free (station->name);
  g_free (station);
}

static void
user_free (User *user)
{
  g_free (user->name);
  g_free (user->role);
  g_free (user->station);
  /* The password was typed by someone: leave no copy in freed memory. */
  if (user->password != NULL)
    memset (user->password, 0, strlen (user->password));
  g_free (user->password);
  g_free (user);
}

void
kap_server_password_free (KapServerPassword *password)
{
  if (password == NULL)
    return;

  g_free (password->name);
  if (password->password != NULL)
    memset (password->password, 0, strlen (password->password));
  g_free (password->password);
  g_free (password);
}

void
kap_server_setup_add_change (KapServerSetup *self,
                             const char     *format,
                             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->changes, g_strdup_vprintf (format, args));
  va_end (args);
}

static Station *
find_station (KapServerSetup *self,
              const char     *code)
{
  for (guint i = 0; i < self->stations->len; i++)
    {
      Station *station = g_ptr_array_index (self->stations, i);

      if (g_str_equal (station->code, code))
        return station;
    }

  return NULL;
}

static gboolean
user_name_is_valid (const char *name)
{
  /* CouchDB refuses names starting with '_'; ':' would make the account
   * id "org.couchdb.user:<name>" ambiguous. */
  if (name == NULL || *name == '\0' || *name == '_' || strlen (name) > 128)
    return FALSE;

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ':' || g_unichar_iscntrl (c) || g_unichar_isspace (c))
        return FALSE;
    }

  return TRUE;
}

static const char *
role_from_text (const char *text)
{
  if (g_strcmp0 (text, "officer") == 0 || g_strcmp0 (text, KAP_SERVER_ROLE_OFFICER) == 0)
    return KAP_SERVER_ROLE_OFFICER;
  if (g_strcmp0 (text, "supervisor") == 0 || g_strcmp0 (text, KAP_SERVER_ROLE_SUPERVISOR) == 0)
    return KAP_SERVER_ROLE_SUPERVISOR;
  return NULL;
}


/* GObject */

static void
kap_server_setup_finalize (GObject *object)
{
  KapServerSetup *self = (KapServerSetup *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->stations, g_ptr_array_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->passwords, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_server_setup_parent_class)->finalize (object);
}

static void
kap_server_setup_class_init (KapServerSetupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kap_server_setup_finalize;
}

static void
kap_server_setup_init (KapServerSetup *self)
{
  self->stations = g_ptr_array_new_with_free_func ((GDestroyNotify) station_free);
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) user_free);
  self->changes = g_ptr_array_new_with_free_func (g_free);
  self->passwords = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_server_password_free);
}

/* Public API */

KapServerSetup *
kap_server_setup_new (KapCouchClient *client)
{
  KapServerSetup *self;

  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (client), NULL);

  self = g_object_new (KAP_TYPE_SERVER_SETUP, NULL);
  self->client = g_object_ref (client);
  return self;
}

gboolean
kap_server_setup_add_station (KapServerSetup  *self,
                              const char      *code,
                              const char      *name,
                              GError         **error)
{
  Station *station;

  g_return_val_if_fail (KAP_IS_SERVER_SETUP (self), FALSE);

  if (!kap_sync_station_code_is_valid (code))
    {
      /* Translators: %s is what was given as a station code. */
      g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                   _("“%s” is not a station code (2 to 16 letters, digits, “-” or “_”, "
                     "starting with a letter)"), code ? code : "");
      return FALSE;
    }
  if (find_station (self, code) != NULL)
    {
      /* Translators: %s is a station code. */
      g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                   _("The station “%s” is listed twice"), code);
      return FALSE;
    }

  station = g_new0 (Station, 1);
  station->code = g_strdup (code);
  station->name = (name != NULL && *name != '\0') ? g_strdup (name) : NULL;
  g_ptr_array_add (self->stations, station);
  return TRUE;
}

gboolean
kap_server_setup_add_user (KapServerSetup  *self,
                           const char      *name,
                           const char      *role,
                           const char      *station,
                           const char      *password,
                           GError         **error)
{
  const char *role_name;
  User *user;

  g_return_val_if_fail (KAP_IS_SERVER_SETUP (self), FALSE);

  if (!user_name_is_valid (name))
    {
      /* Translators: %s is what was given as a user name. */
      g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                   _("“%s” is not a valid user name (no spaces or “:”, not starting with “_”)"),
                   name ? name : "");
      return FALSE;
    }
  for (guint i = 0; i < self->users->len; i++)
    {
      if (g_str_equal (((User *) g_ptr_array_index (self->users, i))->name, name))
        {
          /* Translators: %s is a user name. */
          g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                       _("The user “%s” is listed twice"), name);
          return FALSE;
        }
    }
  role_name = role_from_text (role);
  if (role_name == NULL)
    {
      /* Translators: %s is what was given as a role. */
      g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                   _("Unknown role “%s” (officer or supervisor)"), role ? role : "");
      return FALSE;
    }
  if (station == NULL || find_station (self, station) == NULL)
    {
      /* Translators: the first %s is a station code, the second a user name. */
      g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                   _("The station “%s” of the user “%s” is not in the list of stations"),
                   station ? station : "", name);
      return FALSE;
    }

  user = g_new0 (User, 1);
  user->name = g_strdup (name);
  user->role = g_strdup (role_name);
  user->station = g_strdup (station);
  user->password = g_strdup (password);
  g_ptr_array_add (self->users, user);
  return TRUE;
}

typedef gboolean (*RowFunc) (KapServerSetup  *self,
                             char           **fields,
                             guint            n_fields,
                             GError         **error);

static gboolean
load_csv (KapServerSetup  *self,
          const char      *csv,
          const char      *header,
          guint            min_fields,
          guint            max_fields,
          RowFunc          func,
          GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) lines = NULL;

  rows = kap_server_csv_parse (csv, &lines, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = g_ptr_array_index (rows, i);
      guint n_fields = g_strv_length (fields);
      guint line = g_array_index (lines, guint, i);
      g_autoptr(GError) local_error = NULL;

      if (i == 0 && g_ascii_strcasecmp (fields[0], header) == 0)
        continue;

      if (n_fields < min_fields || n_fields > max_fields)
        {
          /* Translators: %u is a line number, %u…%u how many fields a line may have. */
          g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                       _("Line %u: %u fields, expected %u to %u"), line, n_fields, min_fields, max_fields);
          return FALSE;
        }

      if (!func (self, fields, n_fields, &local_error))
        {
          /* Translators: %u is a line number, %s what is wrong on it. */
          g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                       _("Line %u: %s"), line, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
station_row (KapServerSetup  *self,
             char           **fields,
             guint            n_fields,
             GError         **error)
{
  return kap_server_setup_add_station (self, fields[0], n_fields > 1 ? fields[1] : NULL, error);
}

static gboolean
user_row (KapServerSetup  *self,
          char           **fields,
          guint            n_fields,
          GError         **error)
{
  return kap_server_setup_add_user (self, fields[0], fields[1], fields[2],
                                    n_fields > 3 ? fields[3] : NULL, error);
}

gboolean
kap_server_setup_load_stations (KapServerSetup  *self,
                                const char      *csv,
                                GError         **error)
{
  g_return_val_if_fail (KAP_IS_SERVER_SETUP (self), FALSE);

  return load_csv (self, csv, "code", 1, 2, station_row, error);
}

gboolean
kap_server_setup_load_users (KapServerSetup  *self,
                             const char      *csv,
                             GError         **error)
{
  g_return_val_if_fail (KAP_IS_SERVER_SETUP (self), FALSE);

  return load_csv (self, csv, "name", 3, 4, user_row, error);
}

void
kap_server_setup_set_reset_passwords (KapServerSetup *self,
                                      gboolean        reset)
{
  g_return_if_fail (KAP_IS_SERVER_SETUP (self));

  self->reset_passwords = !!reset;
}

gboolean
kap_server_setup_run (KapServerSetup  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (KAP_IS_SERVER_SETUP (self), FALSE);

  g_ptr_array_set_size (self->changes, 0);
  g_ptr_array_set_size (self->passwords, 0);
  g_set_object (&self->cancellable, cancellable);

  if (!kap_couch_client_log_in (self->client, cancellable, error))
    goto out;

  /* A fresh CouchDB 3 node has no _users until it is set up; PouchDB
   * Server and a configured node have it. */
  if (!kap_server_setup_ensure_database (self, USERS_DB, error))
    goto out;

  if (!kap_server_setup_reference (self, error))
    goto out;

  for (guint i = 0; i < self->stations->len; i++)
    {
      if (!kap_server_setup_station (self, g_ptr_array_index (self->stations, i), error))
        goto out;
    }

  for (guint i = 0; i < self->users->len; i++)
    {
      if (!kap_server_setup_user (self, g_ptr_array_index (self->users, i), error))
        goto out;
    }

  ok = TRUE;

out:
  g_clear_object (&self->cancellable);
  return ok;
}

GPtrArray *
kap_server_setup_get_changes (KapServerSetup *self)
{
  g_return_val_if_fail (KAP_IS_SERVER_SETUP (self), NULL);

  return self->changes;
}

GPtrArray *
kap_server_setup_get_passwords (KapServerSetup *self)
{
  g_return_val_if_fail (KAP_IS_SERVER_SETUP (self), NULL);

  return self->passwords;
}
