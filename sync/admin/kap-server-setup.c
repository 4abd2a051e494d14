/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-server-setup"

#include "config.h"

#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>

#include "kap-form-registry.h"
#include "kap-json.h"
#include "kap-server-csv.h"
#include "kap-server-setup.h"
#include "kap-sync-design-resources.h"
#include "kap-sync-names.h"

#define DESIGN_PATH   "/io/github/kapija/Kapija/sync/"
#define FORMS_PATH    "/io/github/kapija/Kapija/forms"
#define DESIGN_DOC_ID "_design/kapija"
#define USERS_DB      "_users"

typedef struct
{
  char *code;
  char *name;
} Station;

typedef struct
{
  char *name;
  char *role;
  char *station;
  char *password;
} User;

struct _KapServerSetup
{
  GObject         parent_instance;

  KapCouchClient *client;
  GPtrArray      *stations;   /* Station */
  GPtrArray      *users;      /* User */
  gboolean        reset_passwords;

  /* Of the last run. */
  GPtrArray      *changes;    /* char * */
  GPtrArray      *passwords;  /* KapServerPassword */
  GCancellable   *cancellable;
};

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

/* Helpers */

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

static char *
design_text (const char *name)
{
  g_autofree char *path = g_strconcat (DESIGN_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  /* Asking for the resource by name keeps the linker from dropping it
   * out of the static library (meson issue #2374). */
  bytes = g_resource_lookup_data (kap_sync_design_get_resource (), path, 0, &error);
  if (bytes == NULL)
    g_error ("The design document %s is not in the program: %s", name, error->message);

  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

char *
kap_server_setup_station_validation (const char *code)
{
  g_autofree char *source = NULL;
  g_auto(GStrv) pieces = NULL;

  g_return_val_if_fail (kap_sync_station_code_is_valid (code), NULL);

  /* The code is letters, digits, '-' and '_' only: nothing in it can end
   * the JavaScript string it is written into. */
  source = design_text ("kapija-station-validate.js");
  pieces = g_strsplit (source, "@STATION@", -1);
  g_assert (g_strv_length (pieces) == 2);
  return g_strjoinv (code, pieces);
}

char *
kap_server_setup_reference_validation (void)
{
  return design_text ("kapija-reference-validate.js");
}

static void
add_change (KapServerSetup *self,
            const char     *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
add_change (KapServerSetup *self,
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

static JsonNode *
request (KapServerSetup  *self,
         const char      *method,
         const char      *path,
         JsonObject      *body,
         guint           *status,
         GError         **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (body != NULL)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, body);
    }

  return kap_couch_client_request (self->client, method, path, node, status,
                                   self->cancellable, error);
}

static gboolean
refused (guint        status,
         JsonNode    *reply,
         const char  *what,
         GError     **error)
{
  const char *reason = NULL;

  if (reply != NULL && JSON_NODE_HOLDS_OBJECT (reply))
    reason = json_object_get_string_member_with_default (json_node_get_object (reply), "reason", NULL);

  g_debug ("The server answered %u to %s: %s", status, what, reason ? reason : "");
  /* Translators: the first %s says what was being set up (e.g. the
   * database “kapija-st-rs-pre”), %u is an HTTP status code. */
  g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_SERVER,
               _("The server refused to set up %s (HTTP status %u)"), what, status);
  return FALSE;
}

static gboolean
ensure_database (KapServerSetup  *self,
                 const char      *database,
                 GError         **error)
{
  g_autofree char *path = kap_couch_client_build_path (database, NULL);
  g_autofree char *what = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) created = NULL;
  guint status = 0;

  reply = request (self, "GET", path, NULL, &status, error);
  if (reply == NULL)
    return FALSE;
  if (status == 200)
    return TRUE;

  /* Translators: %s is a database name. */
  what = g_strdup_printf (_("the database “%s”"), database);
  if (status != 404)
    return refused (status, reply, what, error);

  created = request (self, "PUT", path, NULL, &status, error);
  if (created == NULL)
    return FALSE;
  /* 412: someone else created it meanwhile, which is what we wanted. */
  if (status != 201 && status != 202 && status != 412)
    return refused (status, created, what, error);

  /* Translators: %s is a database name. */
  add_change (self, _("Created the database “%s”"), database);
  return TRUE;
}

/* Every member of @wanted is in @have with an equal value. */
static gboolean
object_contains (JsonObject *have,
                 JsonObject *wanted)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, wanted);
  while (json_object_iter_next (&iter, &member, &value))
    {
      JsonNode *other;

      if (g_str_equal (member, "_rev"))
        continue;
      other = json_object_get_member (have, member);
      if (other == NULL || !json_node_equal (other, value))
        return FALSE;
    }

  return TRUE;
}

/* PUTs @wanted at @database/@id unless a document there has the same
 * members already. @keep_existing: leave any existing document as it is. */
static gboolean
ensure_document (KapServerSetup  *self,
                 const char      *database,
                 const char      *id,
                 JsonObject      *wanted,
                 gboolean         keep_existing,
                 const char      *what,
                 gboolean        *changed,
                 GError         **error)
{
  g_autofree char *path = kap_couch_client_build_path (database, id, NULL);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) written = NULL;
  guint status = 0;

  *changed = FALSE;

  reply = request (self, "GET", path, NULL, &status, error);
  if (reply == NULL)
    return FALSE;

  if (status == 200 && JSON_NODE_HOLDS_OBJECT (reply))
    {
      JsonObject *have = json_node_get_object (reply);

      if (keep_existing || object_contains (have, wanted))
        return TRUE;

      if (json_object_has_member (have, "_rev"))
        json_object_set_string_member (wanted, "_rev",
                                       json_object_get_string_member (have, "_rev"));
    }
  else if (status != 404)
    return refused (status, reply, what, error);

  written = request (self, "PUT", path, wanted, &status, error);
  if (written == NULL)
    return FALSE;
  if (status != 200 && status != 201 && status != 202)
    return refused (status, written, what, error);

  *changed = TRUE;
  return TRUE;
}

static JsonObject *
security_object (const char *member_role,
                 ...) G_GNUC_NULL_TERMINATED;

static JsonObject *
security_object (const char *member_role,
                 ...)
{
  JsonObject *security = json_object_new ();
  JsonObject *admins = json_object_new ();
  JsonObject *members = json_object_new ();
  JsonArray *admin_roles = json_array_new ();
  JsonArray *member_roles = json_array_new ();
  va_list args;

  json_array_add_string_element (admin_roles, KAP_SERVER_ROLE_ADMIN);
  json_object_set_array_member (admins, "names", json_array_new ());
  json_object_set_array_member (admins, "roles", admin_roles);

  va_start (args, member_role);
  for (const char *role = member_role; role != NULL; role = va_arg (args, const char *))
    json_array_add_string_element (member_roles, role);
  va_end (args);
  json_object_set_array_member (members, "names", json_array_new ());
  json_object_set_array_member (members, "roles", member_roles);

  json_object_set_object_member (security, "admins", admins);
  json_object_set_object_member (security, "members", members);
  return security;
}

static gboolean
ensure_security (KapServerSetup  *self,
                 const char      *database,
                 JsonObject      *security,
                 GError         **error)
{
  g_autofree char *path = kap_couch_client_build_path (database, "_security", NULL);
  g_autofree char *what = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) written = NULL;
  guint status = 0;

  /* Translators: %s is a database name. */
  what = g_strdup_printf (_("the access rules of “%s”"), database);

  reply = request (self, "GET", path, NULL, &status, error);
  if (reply == NULL)
    return FALSE;
  if (status != 200)
    return refused (status, reply, what, error);
  if (JSON_NODE_HOLDS_OBJECT (reply) && object_contains (json_node_get_object (reply), security))
    return TRUE;

  written = request (self, "PUT", path, security, &status, error);
  if (written == NULL)
    return FALSE;
  if (status != 200 && status != 201)
    return refused (status, written, what, error);

  /* Translators: %s is a database name. */
  add_change (self, _("Set who may use the database “%s”"), database);
  return TRUE;
}

static gboolean
ensure_validation (KapServerSetup  *self,
                   const char      *database,
                   const char      *source,
                   const char      *station,
                   GError         **error)
{
  g_autoptr(JsonObject) design = json_object_new ();
  g_autofree char *what = NULL;
  gboolean changed;

  json_object_set_string_member (design, "_id", DESIGN_DOC_ID);
  json_object_set_string_member (design, "language", "javascript");
  json_object_set_string_member (design, "validate_doc_update", source);
  if (station != NULL)
    json_object_set_string_member (design, "station", station);

  /* Translators: %s is a database name. */
  what = g_strdup_printf (_("the validation rules of “%s”"), database);
  if (!ensure_document (self, database, DESIGN_DOC_ID, design, FALSE, what, &changed, error))
    return FALSE;

  if (changed)
    /* Translators: %s is a database name. */
    add_change (self, _("Installed the validation rules of “%s”"), database);
  return TRUE;
}

static gboolean
set_up_station (KapServerSetup  *self,
                Station         *station,
                GError         **error)
{
  g_autofree char *database = kap_sync_station_database_name (station->code);
  g_autofree char *role = kap_sync_station_role (station->code);
  g_autofree char *validation = kap_server_setup_station_validation (station->code);
  g_autoptr(JsonObject) security = security_object (role, NULL);

  return (ensure_database (self, database, error) &&
          ensure_security (self, database, security, error) &&
          ensure_validation (self, database, validation, station->code, error));
}

static gboolean
upload_forms (KapServerSetup  *self,
              GError         **error)
{
  g_autoptr(KapFormRegistry) registry = kap_form_registry_new ();
  g_auto(GStrv) names = NULL;

  /* Loading them checks the shipped forms, and links their resource in. */
  if (!kap_form_registry_load_builtin (registry, error))
    return FALSE;

  names = g_resources_enumerate_children (FORMS_PATH, 0, error);
  if (names == NULL)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", FORMS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(KapForm) form = NULL;
      g_autofree char *id = NULL;
      g_autofree char *what = NULL;
      gboolean changed;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      bytes = g_resources_lookup_data (path, 0, error);
      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &size);
      body = kap_json_parse_object (data, size, NULL, error);
      if (body == NULL)
        return FALSE;

      form = kap_form_new_from_object (body, error);
      if (form == NULL)
        return FALSE;

      /* A released form version never changes, so one that is there is
       * left alone: the administrator may have corrected its texts. */
      id = g_strdup_printf ("form:%s", kap_form_get_key (form));
      json_object_set_string_member (body, "_id", id);
      json_object_set_string_member (body, "type", "form");
      /* Translators: %s is a form, e.g. “screening@1”. */
      what = g_strdup_printf (_("the form “%s”"), kap_form_get_key (form));
      if (!ensure_document (self, KAP_SYNC_REFERENCE_DATABASE, id, body, TRUE, what, &changed, error))
        return FALSE;
      if (changed)
        /* Translators: %s is a form, e.g. “screening@1”. */
        add_change (self, _("Uploaded the form “%s”"), kap_form_get_key (form));
    }

  return TRUE;
}

static gboolean
set_up_reference (KapServerSetup  *self,
                  GError         **error)
{
  g_autofree char *validation = kap_server_setup_reference_validation ();
  g_autoptr(JsonObject) security = NULL;

  /* Every field role reads it; writes are stopped by its validation. */
  security = security_object (KAP_SERVER_ROLE_OFFICER, KAP_SERVER_ROLE_SUPERVISOR, NULL);
  if (!ensure_database (self, KAP_SYNC_REFERENCE_DATABASE, error) ||
      !ensure_security (self, KAP_SYNC_REFERENCE_DATABASE, security, error) ||
      !ensure_validation (self, KAP_SYNC_REFERENCE_DATABASE, validation, NULL, error))
    return FALSE;

  for (guint i = 0; i < self->stations->len; i++)
    {
      Station *station = g_ptr_array_index (self->stations, i);
      g_autoptr(JsonObject) doc = json_object_new ();
      g_autofree char *id = g_strdup_printf ("station:%s", station->code);
      g_autofree char *what = NULL;
      gboolean changed;

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "station");
      json_object_set_string_member (doc, "code", station->code);
      if (station->name != NULL)
        json_object_set_string_member (doc, "name", station->name);

      /* Translators: %s is a station code. */
      what = g_strdup_printf (_("the station “%s”"), station->code);
      if (!ensure_document (self, KAP_SYNC_REFERENCE_DATABASE, id, doc, FALSE, what, &changed, error))
        return FALSE;
      if (changed)
        /* Translators: %s is a station code. */
        add_change (self, _("Listed the station “%s” in the reference database"), station->code);
    }

  return upload_forms (self, error);
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

static gboolean
set_up_user (KapServerSetup  *self,
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

  reply = request (self, "GET", path, NULL, &status, error);
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
    return refused (status, reply, what, error);

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

  written = request (self, "PUT", path, doc, &status, error);
  if (written == NULL)
    return FALSE;
  if (status != 200 && status != 201 && status != 202)
    return refused (status, written, what, error);

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
    add_change (self, _("Created the account “%s” (%s, station %s)"), user->name, user->role, user->station);
  else
    {
      if (roles_differ)
        /* Translators: the first %s is a user name, the second a role
         * (kapija_officer, kapija_supervisor), the third a station code. */
        add_change (self, _("Changed the roles of “%s” to %s, station %s"), user->name, user->role, user->station);
      if (self->reset_passwords)
        /* Translators: %s is a user name. */
        add_change (self, _("Set a new password for “%s”"), user->name);
    }

  return TRUE;
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
  if (!ensure_database (self, USERS_DB, error))
    goto out;

  if (!set_up_reference (self, error))
    goto out;

  for (guint i = 0; i < self->stations->len; i++)
    {
      if (!set_up_station (self, g_ptr_array_index (self->stations, i), error))
        goto out;
    }

  for (guint i = 0; i < self->users->len; i++)
    {
      if (!set_up_user (self, g_ptr_array_index (self->users, i), error))
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
