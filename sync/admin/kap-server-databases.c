/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-server-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-form-registry.h"
#include "kap-json.h"
#include "kap-server-setup-private.h"
#include "kap-sync-design-resources.h"
#include "kap-sync-names.h"

/* The databases server-setup makes: kapija-st-<code> per station and
 * kapija-reference, each with its _security and its _design/kapija (the
 * validate_doc_update compiled in from design/), and the shipped forms
 * and the stations in the reference database. Each write is made only
 * when the server's copy differs: a second run changes nothing. */

#define DESIGN_PATH   "/io/github/kapija/Kapija/sync/"
#define FORMS_PATH    "/io/github/kapija/Kapija/forms"
#define DESIGN_DOC_ID "_design/kapija"

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

JsonNode *
kap_server_setup_request (KapServerSetup  *self,
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

gboolean
kap_server_setup_refused (guint        status,
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

gboolean
kap_server_setup_ensure_database (KapServerSetup  *self,
                                  const char      *database,
                                  GError         **error)
{
  g_autofree char *path = kap_couch_client_build_path (database, NULL);
  g_autofree char *what = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) created = NULL;
  guint status = 0;

  reply = kap_server_setup_request (self, "GET", path, NULL, &status, error);
  if (reply == NULL)
    return FALSE;
  if (status == 200)
    return TRUE;

  /* Translators: %s is a database name. */
  what = g_strdup_printf (_("the database “%s”"), database);
  if (status != 404)
    return kap_server_setup_refused (status, reply, what, error);

  created = kap_server_setup_request (self, "PUT", path, NULL, &status, error);
  if (created == NULL)
    return FALSE;
  /* 412: someone else created it meanwhile, which is what we wanted. */
  if (status != 201 && status != 202 && status != 412)
    return kap_server_setup_refused (status, created, what, error);

  /* Translators: %s is a database name. */
  kap_server_setup_add_change (self, _("Created the database “%s”"), database);
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

  reply = kap_server_setup_request (self, "GET", path, NULL, &status, error);
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
    return kap_server_setup_refused (status, reply, what, error);

  written = kap_server_setup_request (self, "PUT", path, wanted, &status, error);
  if (written == NULL)
    return FALSE;
  if (status != 200 && status != 201 && status != 202)
    return kap_server_setup_refused (status, written, what, error);

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

  reply = kap_server_setup_request (self, "GET", path, NULL, &status, error);
  if (reply == NULL)
    return FALSE;
  if (status != 200)
    return kap_server_setup_refused (status, reply, what, error);
  if (JSON_NODE_HOLDS_OBJECT (reply) && object_contains (json_node_get_object (reply), security))
    return TRUE;

  written = kap_server_setup_request (self, "PUT", path, security, &status, error);
  if (written == NULL)
    return FALSE;
  if (status != 200 && status != 201)
    return kap_server_setup_refused (status, written, what, error);

  /* Translators: %s is a database name. */
  kap_server_setup_add_change (self, _("Set who may use the database “%s”"), database);
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
    kap_server_setup_add_change (self, _("Installed the validation rules of “%s”"), database);
  return TRUE;
}

gboolean
kap_server_setup_station (KapServerSetup  *self,
                          Station         *station,
                          GError         **error)
{
  g_autofree char *database = kap_sync_station_database_name (station->code);
  g_autofree char *role = kap_sync_station_role (station->code);
  g_autofree char *validation = kap_server_setup_station_validation (station->code);
  g_autoptr(JsonObject) security = security_object (role, NULL);

  return (kap_server_setup_ensure_database (self, database, error) &&
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
        kap_server_setup_add_change (self, _("Uploaded the form “%s”"), kap_form_get_key (form));
    }

  return TRUE;
}

gboolean
kap_server_setup_reference (KapServerSetup  *self,
                            GError         **error)
{
  g_autofree char *validation = kap_server_setup_reference_validation ();
  g_autoptr(JsonObject) security = NULL;

  /* Every field role reads it; writes are stopped by its validation. */
  security = security_object (KAP_SERVER_ROLE_OFFICER, KAP_SERVER_ROLE_SUPERVISOR, NULL);
  if (!kap_server_setup_ensure_database (self, KAP_SYNC_REFERENCE_DATABASE, error) ||
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
        kap_server_setup_add_change (self, _("Listed the station “%s” in the reference database"), station->code);
    }

  return upload_forms (self, error);
}
