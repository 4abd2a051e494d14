/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-setup"

#include "config.h"

#include <string.h>

#include "kap-server-csv.h"
#include "kap-server-setup.h"
#include "kap-sync-names.h"
#include "kap-test-server.h"

/* KapServerSetup against PouchDB Server (one server for the whole
 * binary, set up once, as a national administrator would): the layout,
 * idempotence, and then every rule of the validation design document
 * tried through the HTTP API as an officer, a supervisor, a member of
 * another station and an anonymous client. */

#define ADMIN          "admin"
#define ADMIN_PASSWORD "Admin-3"
#define STATION_DB     "kapija-st-rs-pre"

static const char stations_csv[] =
  "code,name\n"
  "RS-PRE,Preševo\n"
  "\"BA_USK1\",\"Ušivak, reception centre\"\n";

static const char users_csv[] =
  "name,role,station,password\n"
  "arben.krasniqi,officer,RS-PRE,Lozinka-1\n"
  "milica.jovanovic,supervisor,RS-PRE,\"Šifra,2\"\n"
  "# Ayşe gets a generated password.\n"
  "ayse.yilmaz,officer,BA_USK1,\n";

static KapTestServer *server;

/* HTTP as one user: a cookie session from POST /_session, as a laptop
 * logs in. */

typedef struct
{
  SoupSession *session;
  char        *url;
} UserSession;

static void
user_session_free (UserSession *self)
{
  g_object_unref (self->session);
  g_free (self->url);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UserSession, user_session_free)

static JsonNode *
user_request (UserSession *self,
              const char  *method,
              const char  *path,
              const char  *body,
              guint       *status)
{
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  g_assert_nonnull (message);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  reply = soup_session_send_and_read (self->session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);

  data = g_bytes_get_data (reply, &length);
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Logs in when @name is given; anonymous otherwise. */
static UserSession *
user_session_new (const char *name,
                  const char *password,
                  guint      *login_status)
{
  UserSession *self = g_new0 (UserSession, 1);

  self->session = soup_session_new_with_options ("timeout", 30, NULL);
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
  self->url = g_strdup (kap_test_server_get_url (server));

  if (name != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) credentials = NULL;
      g_autoptr(JsonNode) reply = NULL;
      g_autofree char *text = NULL;
      guint status = 0;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, password);
      json_builder_end_object (builder);
      credentials = json_builder_get_root (builder);
      text = json_to_string (credentials, FALSE);

      reply = user_request (self, "POST", "/_session", text, &status);
      if (login_status != NULL)
        *login_status = status;
      else
        g_assert_cmpuint (status, ==, 200);
    }

  return self;
}

static JsonObject *
get_object (UserSession *user,
            const char  *path)
{
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = user_request (user, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
  return json_object_ref (json_node_get_object (reply));
}

static KapServerSetup *
new_setup (const char *admin_password,
           const char *url)
{
  g_autoptr(KapCouchClient) client = kap_couch_client_new (url ? url : kap_test_server_get_url (server), 10);
  g_autoptr(KapServerSetup) setup = kap_server_setup_new (client);
  g_autoptr(GError) error = NULL;

  kap_couch_client_set_credentials (client, ADMIN, admin_password);
  kap_couch_client_set_retry (client, 2, 20);
  kap_server_setup_load_stations (setup, stations_csv, &error);
  g_assert_no_error (error);
  kap_server_setup_load_users (setup, users_csv, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&setup);
}

static gboolean
changes_contain (KapServerSetup *setup,
                 const char     *text)
{
  GPtrArray *changes = kap_server_setup_get_changes (setup);

  for (guint i = 0; i < changes->len; i++)
    {
      if (strstr (g_ptr_array_index (changes, i), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The first run, made once in main(), before any test. */
static KapServerSetup *first_run;

static void
test_first_run (void)
{
  g_autoptr(UserSession) admin = user_session_new (ADMIN, ADMIN_PASSWORD, NULL);
  g_autoptr(JsonObject) security = NULL;
  g_autoptr(JsonObject) reference_security = NULL;
  g_autoptr(JsonObject) design = NULL;
  g_autoptr(JsonObject) reference_design = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(JsonObject) form = NULL;
  g_autoptr(JsonObject) station = NULL;
  g_autofree char *members = NULL;
  GPtrArray *passwords = kap_server_setup_get_passwords (first_run);
  KapServerPassword *generated;
  JsonArray *roles;

  g_assert_true (changes_contain (first_run, "kapija-st-rs-pre"));
  g_assert_true (changes_contain (first_run, "kapija-st-ba_usk1"));
  g_assert_true (changes_contain (first_run, "kapija-reference"));
  g_assert_true (changes_contain (first_run, "screening@1"));

  /* Only the account without a password got one, and it logs in. */
  g_assert_cmpuint (passwords->len, ==, 1);
  generated = g_ptr_array_index (passwords, 0);
  g_assert_cmpstr (generated->name, ==, "ayse.yilmaz");
  g_assert_cmpuint (strlen (generated->password), >=, 16);
  {
    guint status = 0;
    g_autoptr(UserSession) ayse = user_session_new ("ayse.yilmaz", generated->password, &status);

    g_assert_cmpuint (status, ==, 200);
  }

  security = get_object (admin, "/" STATION_DB "/_security");
  members = json_to_string (json_object_get_member (security, "members"), FALSE);
  g_assert_cmpstr (members, ==, "{\"names\":[],\"roles\":[\"station:RS-PRE\"]}");
  roles = json_object_get_array_member (json_object_get_object_member (security, "admins"), "roles");
  g_assert_cmpstr (json_array_get_string_element (roles, 0), ==, "kapija_admin");

  reference_security = get_object (admin, "/kapija-reference/_security");
  roles = json_object_get_array_member (json_object_get_object_member (reference_security, "members"), "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, 2);

  /* Each station's validation knows its own station. */
  design = get_object (admin, "/" STATION_DB "/_design%2Fkapija");
  g_assert_nonnull (strstr (json_object_get_string_member (design, "validate_doc_update"), "\"RS-PRE\""));
  g_assert_null (strstr (json_object_get_string_member (design, "validate_doc_update"), "@STATION@"));
  reference_design = get_object (admin, "/kapija-reference/_design%2Fkapija");
  g_assert_nonnull (strstr (json_object_get_string_member (reference_design, "validate_doc_update"),
                            "read-only"));

  account = get_object (admin, "/_users/org.couchdb.user%3Amilica.jovanovic");
  roles = json_object_get_array_member (account, "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (roles, 0), ==, "kapija_supervisor");
  g_assert_cmpstr (json_array_get_string_element (roles, 1), ==, "station:RS-PRE");
  g_assert_false (json_object_has_member (account, "password"));

  form = get_object (admin, "/kapija-reference/form%3Ascreening%401");
  g_assert_cmpstr (json_object_get_string_member (form, "type"), ==, "form");
  g_assert_cmpstr (json_object_get_string_member (form, "form_id"), ==, "screening");
  g_assert_cmpint (json_object_get_int_member (form, "version"), ==, 1);

  station = get_object (admin, "/kapija-reference/station%3ABA_USK1");
  g_assert_cmpstr (json_object_get_string_member (station, "name"), ==, "Ušivak, reception centre");
}

static void
test_idempotent (void)
{
  g_autoptr(KapServerSetup) again = new_setup (ADMIN_PASSWORD, NULL);
  g_autoptr(UserSession) admin = user_session_new (ADMIN, ADMIN_PASSWORD, NULL);
  g_autoptr(JsonObject) before = get_object (admin, "/" STATION_DB "/_design%2Fkapija");
  g_autoptr(JsonObject) account_before = get_object (admin, "/_users/org.couchdb.user%3Aarben.krasniqi");
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) account_after = NULL;
  g_autoptr(GError) error = NULL;

  kap_server_setup_run (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_server_setup_get_changes (again)->len, ==, 0);
  g_assert_cmpuint (kap_server_setup_get_passwords (again)->len, ==, 0);

  after = get_object (admin, "/" STATION_DB "/_design%2Fkapija");
  g_assert_cmpstr (json_object_get_string_member (before, "_rev"), ==,
                   json_object_get_string_member (after, "_rev"));
  account_after = get_object (admin, "/_users/org.couchdb.user%3Aarben.krasniqi");
  g_assert_cmpstr (json_object_get_string_member (account_before, "_rev"), ==,
                   json_object_get_string_member (account_after, "_rev"));

  /* The password from the list was set once, not again. */
  {
    guint status = 0;
    g_autoptr(UserSession) arben = user_session_new ("arben.krasniqi", "Lozinka-1", &status);

    g_assert_cmpuint (status, ==, 200);
  }
}

/* Writes @body as @id with @user: returns the status, and the reason in
 * @reason when refused. */
static guint
put_doc (UserSession  *user,
         const char   *database,
         const char   *id,
         const char   *body,
         char        **reason)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *path = g_strdup_printf ("/%s/%s", database, escaped);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = user_request (user, "PUT", path, body, &status);
  if (reason != NULL)
    *reason = g_strdup (json_object_get_string_member_with_default (json_node_get_object (reply),
                                                                    "reason", ""));
  if (status == 403)
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "error"), ==, "forbidden");
  return status;
}

static char *
current_rev (UserSession *user,
             const char  *id)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *path = g_strdup_printf ("/" STATION_DB "/%s", escaped);
  g_autoptr(JsonObject) doc = get_object (user, path);

  return g_strdup (json_object_get_string_member (doc, "_rev"));
}

#define RECORD(station, by, at, status, extra) \
  "{\"type\":\"screening\",\"form\":\"screening@1\",\"station\":\"" station "\"," \
  "\"created_by\":\"" by "\",\"created_at\":\"" at "\",\"status\":\"" status "\"" extra "}"

static void
assert_refused (UserSession *user,
                const char  *id,
                const char  *body,
                const char  *reason_part)
{
  g_autofree char *reason = NULL;
  guint status = put_doc (user, STATION_DB, id, body, &reason);

  g_assert_cmpuint (status, ==, 403);
  g_assert_nonnull (strstr (reason, reason_part));
}

static void
test_officer (void)
{
  g_autoptr(UserSession) officer = user_session_new ("arben.krasniqi", "Lozinka-1", NULL);
  const char *id = "screening:0193a6c2-7f00-7000-8000-00000000a001";
  g_autofree char *rev = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  /* What an officer may do: create and edit the station's records. */
  g_assert_cmpuint (put_doc (officer, STATION_DB, id,
                             RECORD ("RS-PRE", "OF-17", "2025-03-15T09:30:00Z", "draft",
                                     ",\"age_years\":34"), NULL), ==, 201);
  rev = current_rev (officer, id);
  body = g_strdup_printf ("{\"_rev\":\"%s\",%s", rev,
                          RECORD ("RS-PRE", "OF-17", "2025-03-15T09:30:00Z", "final",
                                  ",\"age_years\":35") + 1);
  g_assert_cmpuint (put_doc (officer, STATION_DB, id, body, NULL), ==, 201);
  g_clear_pointer (&rev, g_free);
  rev = current_rev (officer, id);

  /* What an officer may not. */
  assert_refused (officer, "referral:0193a6c2-7f00-7000-8000-00000000a002",
                  "{\"type\":\"memo\",\"station\":\"RS-PRE\"}", "Unknown record type \"memo\"");
  assert_refused (officer, "form:screening@9",
                  "{\"type\":\"form\",\"station\":\"RS-PRE\"}", "Unknown record type \"form\"");
  assert_refused (officer, "screening:0193a6c2-7f00-7000-8000-00000000a003",
                  RECORD ("BA_USK1", "OF-17", "2025-03-15T09:30:00Z", "draft", ""),
                  "belongs to station \"BA_USK1\"");
  assert_refused (officer, "screening:0193a6c2-7f00-7000-8000-00000000a004",
                  "{\"type\":\"screening\",\"status\":\"draft\"}", "belongs to station");

  g_free (body);
  body = g_strdup_printf ("{\"_rev\":\"%s\",%s", rev,
                          RECORD ("RS-PRE", "OF-99", "2025-03-15T09:30:00Z", "final", "") + 1);
  assert_refused (officer, id, body, "Who created a record");
  g_free (body);
  body = g_strdup_printf ("{\"_rev\":\"%s\",%s", rev,
                          RECORD ("RS-PRE", "OF-17", "2024-01-01T00:00:00Z", "final", "") + 1);
  assert_refused (officer, id, body, "Who created a record");
  g_free (body);
  body = g_strdup_printf ("{\"_rev\":\"%s\",%s", rev,
                          RECORD ("RS-PRE", "OF-17", "2025-03-15T09:30:00Z", "reviewed", "") + 1);
  assert_refused (officer, id, body, "Only a supervisor can mark a record as reviewed");
  assert_refused (officer, "screening:0193a6c2-7f00-7000-8000-00000000a005",
                  RECORD ("RS-PRE", "OF-17", "2025-03-15T09:30:00Z", "reviewed", ""),
                  "Only a supervisor can mark a record as reviewed");

  /* A deletion, as DELETE and as a tombstone written with PUT. */
  path = g_strdup_printf ("/" STATION_DB "/%s?rev=%s", escaped, rev);
  reply = user_request (officer, "DELETE", path, NULL, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "reason"), ==,
                   "Only a supervisor can delete a record.");
  g_free (body);
  body = g_strdup_printf ("{\"_rev\":\"%s\",\"_deleted\":true}", rev);
  assert_refused (officer, id, body, "Only a supervisor can delete a record");

  /* Nothing refused was written. */
  {
    g_autofree char *now = current_rev (officer, id);

    g_assert_cmpstr (now, ==, rev);
  }

  /* The reference database: read, never written. */
  {
    g_autoptr(JsonObject) form = get_object (officer, "/kapija-reference/form%3Aperson%401");
    g_autofree char *reason = NULL;

    g_assert_cmpstr (json_object_get_string_member (form, "form_id"), ==, "person");
    g_assert_cmpuint (put_doc (officer, "kapija-reference", "form:person@2",
                               "{\"type\":\"form\",\"form_id\":\"person\",\"version\":2}", &reason), ==, 403);
    g_assert_nonnull (strstr (reason, "read-only"));
  }
}

static void
test_supervisor (void)
{
  g_autoptr(UserSession) officer = user_session_new ("arben.krasniqi", "Lozinka-1", NULL);
  g_autoptr(UserSession) supervisor = user_session_new ("milica.jovanovic", "Šifra,2", NULL);
  const char *id = "screening:0193a6c2-7f00-7000-8000-00000000b001";
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *rev = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  g_assert_cmpuint (put_doc (officer, STATION_DB, id,
                             RECORD ("RS-PRE", "OF-17", "2025-03-15T09:30:00Z", "final", ""), NULL), ==, 201);
  rev = current_rev (supervisor, id);

  /* Review… */
  body = g_strdup_printf ("{\"_rev\":\"%s\",%s", rev,
                          RECORD ("RS-PRE", "OF-17", "2025-03-15T09:30:00Z", "reviewed", "") + 1);
  g_assert_cmpuint (put_doc (supervisor, STATION_DB, id, body, NULL), ==, 201);
  g_clear_pointer (&rev, g_free);
  rev = current_rev (supervisor, id);

  /* …but authorship stays, even for a supervisor… */
  g_free (body);
  body = g_strdup_printf ("{\"_rev\":\"%s\",%s", rev,
                          RECORD ("RS-PRE", "SV-02", "2025-03-15T09:30:00Z", "reviewed", "") + 1);
  assert_refused (supervisor, id, body, "Who created a record");

  /* …and delete. */
  path = g_strdup_printf ("/" STATION_DB "/%s?rev=%s", escaped, rev);
  reply = user_request (supervisor, "DELETE", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&reply, json_node_unref);
  path = g_strdup_printf ("/" STATION_DB "/%s", escaped);
  reply = user_request (supervisor, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
}

static void
test_admin_bypasses (void)
{
  g_autoptr(UserSession) admin = user_session_new (ADMIN, ADMIN_PASSWORD, NULL);

  /* Administrators repair data: the rules do not apply to them. */
  g_assert_cmpuint (put_doc (admin, STATION_DB, "codelist:repair", "{\"type\":\"codelist\"}", NULL), ==, 201);
  g_assert_cmpuint (put_doc (admin, "kapija-reference", "codelist:services",
                             "{\"type\":\"codelist\",\"values\":[]}", NULL), ==, 201);
}

static void
test_outsiders (void)
{
  g_autoptr(UserSession) other = NULL;
  g_autoptr(UserSession) anonymous = user_session_new (NULL, NULL, NULL);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;
  GPtrArray *passwords = kap_server_setup_get_passwords (first_run);
  KapServerPassword *ayse = g_ptr_array_index (passwords, 0);

  /* An officer of another station (PouchDB Server answers 401 where
   * CouchDB answers 403). */
  other = user_session_new (ayse->name, ayse->password, NULL);
  reply = user_request (other, "GET", "/" STATION_DB "/_all_docs", NULL, &status);
  g_assert_true (status == 401 || status == 403);
  g_clear_pointer (&reply, json_node_unref);
  g_assert_cmpuint (put_doc (other, STATION_DB, "screening:0193a6c2-7f00-7000-8000-00000000c001",
                             RECORD ("RS-PRE", "OF-17", "2025-03-15T09:30:00Z", "final", ""), NULL), !=, 201);
  /* Its own station's database is open to it. */
  reply = user_request (other, "GET", "/kapija-st-ba_usk1/_all_docs", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&reply, json_node_unref);

  /* No account at all: neither the station's records nor the forms. */
  reply = user_request (anonymous, "GET", "/" STATION_DB "/_all_docs", NULL, &status);
  g_assert_true (status == 401 || status == 403);
  g_clear_pointer (&reply, json_node_unref);
  reply = user_request (anonymous, "GET", "/kapija-reference/_all_docs", NULL, &status);
  g_assert_true (status == 401 || status == 403);
}

static void
test_roles_and_reset (void)
{
  g_autoptr(KapCouchClient) client = kap_couch_client_new (kap_test_server_get_url (server), 10);
  g_autoptr(KapServerSetup) setup = kap_server_setup_new (client);
  g_autoptr(UserSession) admin = user_session_new (ADMIN, ADMIN_PASSWORD, NULL);
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  kap_couch_client_set_credentials (client, ADMIN, ADMIN_PASSWORD);
  kap_server_setup_load_stations (setup, "RS-PRE\n", &error);
  g_assert_no_error (error);
  /* A promoted officer: new role, same password. */
  kap_server_setup_load_users (setup, "zana.berisha,officer,RS-PRE,Fjalëkalim-3\n", &error);
  g_assert_no_error (error);
  kap_server_setup_run (setup, NULL, &error);
  g_assert_no_error (error);

  {
    g_autoptr(KapServerSetup) promote = kap_server_setup_new (client);

    kap_server_setup_load_stations (promote, "RS-PRE\n", &error);
    g_assert_no_error (error);
    kap_server_setup_load_users (promote, "zana.berisha,supervisor,RS-PRE,Ignored-4\n", &error);
    g_assert_no_error (error);
    kap_server_setup_run (promote, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (changes_contain (promote, "zana.berisha"));
    account = get_object (admin, "/_users/org.couchdb.user%3Azana.berisha");
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (account, "roles"), 0), ==,
                     "kapija_supervisor");
    {
      g_autoptr(UserSession) kept = user_session_new ("zana.berisha", "Fjalëkalim-3", &status);
      g_assert_cmpuint (status, ==, 200);
    }

    /* With reset, the list's password replaces the old one. */
    kap_server_setup_set_reset_passwords (promote, TRUE);
    kap_server_setup_run (promote, NULL, &error);
    g_assert_no_error (error);
    {
      g_autoptr(UserSession) old = user_session_new ("zana.berisha", "Fjalëkalim-3", &status);
      g_assert_cmpuint (status, ==, 401);
    }
    {
      g_autoptr(UserSession) now = user_session_new ("zana.berisha", "Ignored-4", &status);
      g_assert_cmpuint (status, ==, 200);
    }
  }
}

static void
test_wrong_admin (void)
{
  g_autoptr(KapServerSetup) setup = new_setup ("not-the-password", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (kap_server_setup_run (setup, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_AUTH);
  g_assert_cmpuint (kap_server_setup_get_changes (setup)->len, ==, 0);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  KapTestServer *doomed = kap_test_server_start (&error);
  g_autofree char *url = NULL;
  g_autoptr(KapServerSetup) setup = NULL;

  g_assert_no_error (error);
  url = g_strdup (kap_test_server_get_url (doomed));
  kap_test_server_stop (doomed);

  setup = new_setup (ADMIN_PASSWORD, url);
  g_assert_false (kap_server_setup_run (setup, NULL, &error));
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_UNREACHABLE);
}

/* Lists and their mistakes: no server needed. */
static void
test_lists (void)
{
  static const struct
  {
    const char *stations;
    const char *users;
    const char *message_part;
  } bad[] = {
    { "code,name\nrs pre,Preševo\n", NULL, "Line 2" },
    { "RS-PRE\nRS-PRE\n", NULL, "twice" },
    { "RS-PRE,\"Preševo\n", NULL, "does not end" },
    { "RS-PRE,Preševo,extra\n", NULL, "Line 1" },
    { "RS-PRE\n", "name,role,station,password\nmilica,boss,RS-PRE,x\n", "Unknown role" },
    { "RS-PRE\n", "milica,officer,BA_USK1,x\n", "not in the list of stations" },
    { "RS-PRE\n", "_milica,officer,RS-PRE,x\n", "not a valid user name" },
    { "RS-PRE\n", "mil:ica,officer,RS-PRE,x\n", "not a valid user name" },
    { "RS-PRE\n", "milica,officer\n", "Line 1" },
    { "RS-PRE\n", "milica,officer,RS-PRE\nmilica,supervisor,RS-PRE\n", "twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(KapCouchClient) client = kap_couch_client_new ("http://127.0.0.1:1", 1);
      g_autoptr(KapServerSetup) setup = kap_server_setup_new (client);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = kap_server_setup_load_stations (setup, bad[i].stations, &error);
      if (ok && bad[i].users != NULL)
        ok = kap_server_setup_load_users (setup, bad[i].users, &error);
      g_assert_false (ok);
      g_assert_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT);
      if (strstr (error->message, bad[i].message_part) == NULL)
        g_error ("Case %u: “%s” lacks “%s”", i, error->message, bad[i].message_part);
    }

  /* Quotes, doubled quotes, CRLF, a byte order mark, comments. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) lines = NULL;
    g_autoptr(GPtrArray) rows = kap_server_csv_parse ("\xef\xbb\xbf" "a, \"b \"\"c\"\", d\" ,e\r\n"
                                                      "# note\n\n\"x\ny\",z\n", &lines, &error);
    char **row;

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 2);
    row = g_ptr_array_index (rows, 0);
    g_assert_cmpuint (g_strv_length (row), ==, 3);
    g_assert_cmpstr (row[1], ==, "b \"c\", d");
    g_assert_cmpstr (row[2], ==, "e");
    row = g_ptr_array_index (rows, 1);
    g_assert_cmpstr (row[0], ==, "x\ny");
    g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 4);
  }

  /* The station's code is written into its own copy of the validation. */
  {
    g_autofree char *source = kap_server_setup_station_validation ("BA_USK1");

    g_assert_true (g_str_has_prefix (source, "function (newDoc, oldDoc, userCtx, secObj)"));
    g_assert_nonnull (strstr (source, "var station = \"BA_USK1\";"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  server = kap_test_server_start (&error);
  g_assert_no_error (error);
  /* After this, only the administrator may create databases. */
  reply = kap_test_server_request_text (server, "PUT", "/_config/admins/" ADMIN, "\"" ADMIN_PASSWORD "\"",
                                        NULL, &error);
  g_assert_no_error (error);

  first_run = new_setup (ADMIN_PASSWORD, NULL);
  kap_server_setup_run (first_run, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/server-setup/lists", test_lists);
  g_test_add_func ("/server-setup/first-run", test_first_run);
  g_test_add_func ("/server-setup/idempotent", test_idempotent);
  g_test_add_func ("/server-setup/validation/officer", test_officer);
  g_test_add_func ("/server-setup/validation/supervisor", test_supervisor);
  g_test_add_func ("/server-setup/validation/admin", test_admin_bypasses);
  g_test_add_func ("/server-setup/validation/outsiders", test_outsiders);
  g_test_add_func ("/server-setup/accounts/roles-and-reset", test_roles_and_reset);
  g_test_add_func ("/server-setup/faults/wrong-admin", test_wrong_admin);
  g_test_add_func ("/server-setup/faults/unreachable", test_unreachable);

  result = g_test_run ();

  g_clear_object (&first_run);
  kap_test_server_stop (server);
  return result;
}
