/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-sync"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kap-fault-proxy.h"
#include "kap-foreign-peer.h"
#include "kap-test-server.h"

/* `kapija-cli server-setup` and `kapija-cli sync` (the built tool, from
 * $KAPIJA_CLI) against PouchDB Server: the exit codes of kap-cli.h for a
 * clean sync, a wrong password, a stopped server, a conflict left for a
 * supervisor, a refused record, a missing database, secrets that must
 * never come from the command line, and a sync killed mid-run; and beside
 * the laptops a foreign client (PouchDB 9, tests/server/kap-foreign-peer.js)
 * that resolves conflicts its own way. All people are synthetic. */

enum
{
  EXIT_OK          = 0,
  EXIT_USAGE       = 1,
  EXIT_BAD_INPUT   = 2,
  EXIT_STORE       = 5,
  EXIT_CONFLICTS   = 7,
  EXIT_AUTH        = 8,
  EXIT_UNREACHABLE = 9,
  EXIT_SYNC_FAILED = 10,
  EXIT_NOT_PERMITTED = 11,
};

#define ADMIN               "admin"
#define ADMIN_PASSWORD      "Admin-3"
#define SUPERVISOR          "lejla.begovic"
#define SUPERVISOR_PASSWORD "Lozinka-5"
#define STATION             "RS-PRE"
#define STATION_DB          "kapija-st-rs-pre"
/* A station whose validation the tests remove: PouchDB Server 4.2.0
 * (pouchdb-validation) replaces the "_revisions" of a replicated revision
 * by those of the server's current one whenever a database has a
 * validate_doc_update, so a pushed edit of a document the server has is
 * dropped without an error. CouchDB stores it. The conflict test needs the
 * server to keep both sides, so it runs there. */
#define OPEN_STATION        "MK-TAB"
#define OPEN_STATION_DB     "kapija-st-mk-tab"
#define OPEN_SUPERVISOR     "emre.demir"
#define OPEN_PASSWORD       "Parola-6"

static const char *cli_path;
static KapTestServer *server;
static char *list_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static void
detach_from_terminal (gpointer user_data)
{
  /* A new session has no controlling terminal: /dev/tty cannot be
   * opened, as for a tool started by cron or CI. */
  setsid ();
}

/* Runs kapija-cli with @argv (NULL-terminated, without the program) and
 * the environment pairs of @env (NULL-terminated "NAME", "VALUE", …), in a
 * session of its own (no terminal to prompt on). @log: whether its output
 * goes to the test log (not for thousands of lines). */
static CliResult *
run_cli_full (const char * const *env,
              const char * const *argv,
              gboolean            log)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, detach_from_terminal, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (const char *name[] = { "KAPIJA_USER", "KAPIJA_PASSWORD", "KAPIJA_ADMIN_USER",
                              "KAPIJA_ADMIN_PASSWORD", "KAPIJA_STORE", NULL }, **p = name; *p; p++)
    g_subprocess_launcher_unsetenv (launcher, *p);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  g_ptr_array_add (args, (gpointer) cli_path);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "", NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);

  /* A crash is never an acceptable way to fail. */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  {
    g_autofree char *line = g_strjoinv (" ", (char **) argv);

    g_test_message ("kapija-cli %s → %d\n%s%s", line, result->status,
                    log ? result->out : "", result->err);
  }
  return result;
}

static CliResult *
run_cli (const char * const *env,
         const char * const *argv)
{
  return run_cli_full (env, argv, TRUE);
}

static void
assert_status (CliResult *result,
               int        status)
{
  if (result->status != status)
    g_error ("kapija-cli exited with %d, expected %d\nstdout: %s\nstderr: %s",
             result->status, status, result->out, result->err);
}

static void
assert_line (CliResult  *result,
             const char *line)
{
  g_autofree char *with_newline = g_strconcat (line, "\n", NULL);

  if (strstr (result->out, with_newline) == NULL)
    g_error ("“%s” is not in the output:\n%s", line, result->out);
}

/* A store of its own per test. */
typedef struct
{
  char *dir;
  char *path;
} TestStore;

static void
test_store_free (TestStore *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (self->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (self->dir);
  g_free (self->dir);
  g_free (self->path);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestStore, test_store_free)

/* A new store with one profile on the laptop (kapija-cli profile). */
static TestStore *
test_store_new_with_profile (const char *code,
                             const char *name,
                             gboolean    supervisor)
{
  g_autoptr(GError) error = NULL;
  TestStore *self = g_new0 (TestStore, 1);

  self->dir = g_dir_make_tmp ("kapija-cli-sync-XXXXXX", &error);
  g_assert_no_error (error);
  self->path = g_build_filename (self->dir, "kapija.db", NULL);

  {
    const char *argv[] = { "--store", self->path, "init", NULL };
    g_autoptr(CliResult) init = run_cli (NULL, argv);

    assert_status (init, EXIT_OK);
  }
  {
    const char *argv[] = { "--store", self->path, "profile", code, name,
                           supervisor ? "--supervisor" : NULL, NULL };
    g_autoptr(CliResult) profile = run_cli (NULL, argv);

    assert_status (profile, EXIT_OK);
  }
  return self;
}

/* The laptop's supervisor, who may sync (kap_records_check()). */
static TestStore *
test_store_new (void)
{
  return test_store_new_with_profile ("SUP-001", "Лејла Беговић", TRUE);
}

/* kapija-cli put of @json into @store: the new document's id. */
static char *
put_record (TestStore  *store,
            const char *json)
{
  g_autofree char *file = g_build_filename (store->dir, "record.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *argv[] = { "--store", store->path, "put", file, NULL };
  g_autoptr(CliResult) put = NULL;

  g_file_set_contents (file, json, -1, &error);
  g_assert_no_error (error);
  put = run_cli (NULL, argv);
  assert_status (put, EXIT_OK);

  json_parser_load_from_data (parser, put->out, -1, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "id"));
}

static JsonObject *
get_local (TestStore  *store,
           const char *id)
{
  const char *argv[] = { "--store", store->path, "get", id, NULL };
  g_autoptr(CliResult) get = run_cli (NULL, argv);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  assert_status (get, EXIT_OK);
  json_parser_load_from_data (parser, get->out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static CliResult *
sync_full (TestStore  *store,
           const char *url,
           const char *station,
           const char *user,
           const char *password)
{
  const char *env[] = { "KAPIJA_PASSWORD", password, NULL };
  const char *argv[] = { "--store", store->path, "sync", url, "--station", station,
                         "--user", user, NULL };

  return run_cli (env, argv);
}

static CliResult *
sync_as (TestStore  *store,
         const char *url,
         const char *station,
         const char *password)
{
  return sync_full (store, url, station, SUPERVISOR, password);
}

static CliResult *
sync_store (TestStore *store)
{
  return sync_as (store, kap_test_server_get_url (server), STATION, SUPERVISOR_PASSWORD);
}

/* The administrator's view of the server (basic auth), with a body as
 * JSON text (may be NULL). */
static JsonNode *
admin_request_text (const char *method,
                    const char *path,
                    const char *text,
                    guint      *status)
{
  g_autofree char *url = g_strconcat (kap_test_server_get_url (server), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autofree char *token = g_base64_encode ((const guchar *) ADMIN ":" ADMIN_PASSWORD,
                                            strlen (ADMIN ":" ADMIN_PASSWORD));
  g_autofree char *authorization = g_strconcat ("Basic ", token, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  if (text != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  reply = soup_session_send_and_read (kap_test_server_get_session (server), message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);
  data = g_bytes_get_data (reply, &length);
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
admin_request (const char *method,
               const char *path,
               JsonObject *body,
               guint      *status)
{
  g_autoptr(JsonNode) node = body != NULL ? json_node_init_object (json_node_alloc (), body) : NULL;
  g_autofree char *text = node != NULL ? json_to_string (node, FALSE) : NULL;

  return admin_request_text (method, path, text, status);
}

/* @id on @database, as GET with @query gives it. */
static JsonObject *
get_on_server_with (const char *database,
                    const char *id,
                    const char *query)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *path = g_strdup_printf ("/%s/%s?%s", database, escaped, query);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = admin_request ("GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (reply));
}

static JsonObject *
get_on_server (const char *database,
               const char *id)
{
  return get_on_server_with (database, id, "conflicts=true");
}

#define SCREENING(station, extra) \
  "{\"type\":\"screening\",\"form\":\"screening@1\",\"station\":\"" station "\"," \
  "\"created_by\":\"SV-04\",\"created_at\":\"2025-03-15T09:30:00Z\",\"status\":\"final\"," \
  "\"device\":\"test\",\"age_years\":34" extra "}"

/* Tests */

static void
test_clean (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autofree char *id = put_record (store, SCREENING (STATION, ",\"sex\":\"F\""));
  g_autoptr(CliResult) first = NULL;
  g_autoptr(CliResult) second = NULL;
  g_autoptr(JsonObject) on_server = NULL;
  g_autofree char *reference = g_build_filename (store->dir, "kapija-reference.db", NULL);

  first = sync_store (store);
  assert_status (first, EXIT_OK);
  assert_line (first, "Pushed: 1");
  assert_line (first, "Merged: 0");
  assert_line (first, "Conflicts left: 0");
  assert_line (first, "Rejected: 0");
  assert_line (first, "Errors: 0");
  /* The five shipped forms and the three stations came down, into a
   * store of their own. */
  assert_line (first, "Reference documents pulled: 8");
  g_assert_true (g_file_test (reference, G_FILE_TEST_EXISTS));
  /* No terminal: no progress lines. */
  g_assert_null (strstr (first->err, "Synchronising"));

  on_server = get_on_server (STATION_DB, id);
  g_assert_cmpint (json_object_get_int_member (on_server, "age_years"), ==, 34);
  g_assert_cmpstr (json_object_get_string_member (on_server, "sex"), ==, "F");

  /* Nothing left to do, and the forms were not offered to the station. */
  second = sync_store (store);
  assert_status (second, EXIT_OK);
  assert_line (second, "Pushed: 0");
  assert_line (second, "Pulled: 0");
  assert_line (second, "Rejected: 0");
}

static void
test_wrong_password (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autoptr(CliResult) result = NULL;

  g_free (put_record (store, SCREENING (STATION, "")));
  result = sync_as (store, kap_test_server_get_url (server), STATION, "Lozinka-6");
  assert_status (result, EXIT_AUTH);
  g_assert_nonnull (strstr (result->err, "password"));
  /* The password is nowhere in what the tool says. */
  g_assert_null (strstr (result->err, "Lozinka-6"));
  g_assert_null (strstr (result->out, "Lozinka-6"));
}

/* CouchDB's lockout, with the right password (PouchDB Server has none:
 * the proxy gives it). */
static void
test_locked_out (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autoptr(KapFaultProxy) proxy = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const KapFault locked = { "POST", "/_session", KAP_FAULT_STATUS, 403, 0, 0, 0,
                            KAP_FAULT_COUCHDB_LOCKOUT };

  proxy = kap_fault_proxy_new (kap_test_server_get_url (server), &error);
  g_assert_no_error (error);
  kap_fault_proxy_add_fault (proxy, &locked);

  g_free (put_record (store, SCREENING (STATION, "")));
  result = sync_as (store, kap_fault_proxy_get_url (proxy), STATION, SUPERVISOR_PASSWORD);
  /* An authentication problem, but not the password's. */
  assert_status (result, EXIT_AUTH);
  g_assert_nonnull (strstr (result->err, "This account is locked for a while after too many failed sign-ins. "
                                         "Wait a few minutes before trying again."));
  g_assert_null (strstr (result->err, "user name or the password"));
  /* One try: a second would only extend the lock. */
  g_assert_cmpuint (kap_fault_proxy_count (proxy, "POST", "/_session"), ==, 1);
  g_assert_cmpuint (kap_fault_proxy_count (proxy, NULL, NULL), ==, 1);
}

static void
test_unreachable (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autoptr(GError) error = NULL;
  KapTestServer *doomed = kap_test_server_start (&error);
  g_autofree char *url = NULL;
  g_autoptr(CliResult) result = NULL;

  g_assert_no_error (error);
  url = g_strdup (kap_test_server_get_url (doomed));
  kap_test_server_stop (doomed);

  g_free (put_record (store, SCREENING (STATION, "")));
  result = sync_as (store, url, STATION, SUPERVISOR_PASSWORD);
  assert_status (result, EXIT_UNREACHABLE);
  g_assert_nonnull (strstr (result->err, "did not answer"));
}

/* Only a supervisor syncs: an officer's laptop is refused in core, before
 * a password is asked for or the server is asked anything. */
static void
test_officer_refused (void)
{
  g_autoptr(TestStore) store = test_store_new_with_profile ("OFF-003", "Arben Krasniqi", FALSE);
  g_autoptr(CliResult) result = NULL;

  g_free (put_record (store, SCREENING (STATION, "")));
  result = sync_full (store, kap_test_server_get_url (server), STATION, "OFF-003", SUPERVISOR_PASSWORD);
  assert_status (result, EXIT_NOT_PERMITTED);
  g_assert_nonnull (strstr (result->err, "Only a supervisor"));
}

/* Takes the validation out of OPEN_STATION's database (see above). */
static void
remove_open_validation (void)
{
  g_autoptr(JsonObject) design = get_on_server (OPEN_STATION_DB, "_design/kapija");
  g_autofree char *path = g_strdup_printf ("/" OPEN_STATION_DB "/_design%%2Fkapija?rev=%s",
                                           json_object_get_string_member (design, "_rev"));
  g_autoptr(JsonNode) deleted = NULL;
  guint status = 0;

  deleted = admin_request ("DELETE", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

static CliResult *
sync_open (TestStore *store)
{
  return sync_full (store, kap_test_server_get_url (server), OPEN_STATION, OPEN_SUPERVISOR, OPEN_PASSWORD);
}

/* kapija-cli put of @document (with its "_id" and "_rev"): an edit. */
static void
put_edit (TestStore  *store,
          JsonObject *document)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), document);
  g_autofree char *file = g_build_filename (store->dir, "edit.json", NULL);
  g_autofree char *json = json_to_string (node, FALSE);
  const char *argv[] = { "--store", store->path, "put", file, NULL };
  g_autoptr(CliResult) put = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (file, json, -1, &error);
  g_assert_no_error (error);
  put = run_cli (NULL, argv);
  assert_status (put, EXIT_OK);
}

static void
test_conflict (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autofree char *id = put_record (store, SCREENING (OPEN_STATION, ""));
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *path = g_strdup_printf ("/" OPEN_STATION_DB "/%s", escaped);
  g_autoptr(CliResult) first = NULL;
  g_autoptr(CliResult) second = NULL;
  g_autoptr(CliResult) third = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  remove_open_validation ();
  first = sync_open (store);
  assert_status (first, EXIT_OK);

  /* The same answer changed differently here and on the server. */
  local = get_local (store, id);
  json_object_set_int_member (local, "age_years", 40);
  put_edit (store, local);
  remote = get_on_server (OPEN_STATION_DB, id);
  json_object_set_int_member (remote, "age_years", 41);
  reply = admin_request ("PUT", path, remote, &status);
  g_assert_cmpuint (status, ==, 201);

  second = sync_open (store);
  assert_status (second, EXIT_CONFLICTS);
  assert_line (second, "Pushed: 1");
  assert_line (second, "Pulled: 1");
  assert_line (second, "Merged: 0");
  assert_line (second, "Conflicts left: 1");

  /* Both sides are kept on the server for the supervisor's choice. */
  after = get_on_server (OPEN_STATION_DB, id);
  g_assert_true (json_object_has_member (after, "_conflicts"));

  /* Still there at the next run: only a supervisor resolves it. */
  third = sync_open (store);
  assert_status (third, EXIT_CONFLICTS);
  assert_line (third, "Conflicts left: 1");
}

static void
test_rejected (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) again = NULL;

  /* A record of another station is refused by the validation. */
  g_free (put_record (store, SCREENING ("BA_USK1", "")));
  g_free (put_record (store, SCREENING (STATION, "")));
  result = sync_store (store);
  assert_status (result, EXIT_SYNC_FAILED);
  assert_line (result, "Pushed: 1");
  assert_line (result, "Rejected: 1");
  g_assert_nonnull (strstr (result->out, "Refused by the server: screening:"));

  /* Until the server takes it, every run sends it again and says so,
   * with the server's reason. */
  again = sync_store (store);
  assert_status (again, EXIT_SYNC_FAILED);
  assert_line (again, "Pushed: 0");
  assert_line (again, "Rejected: 1");
  g_assert_nonnull (strstr (again->out, "Refused by the server: screening:"));
  g_assert_nonnull (strstr (again->out, "belongs to station"));
}

static void
test_no_database (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autoptr(CliResult) result = NULL;

  result = sync_as (store, kap_test_server_get_url (server), "ME-BAR", SUPERVISOR_PASSWORD);
  assert_status (result, EXIT_SYNC_FAILED);
}

static void
test_secrets (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autofree char *with_password = g_strdup_printf ("http://" SUPERVISOR ":" SUPERVISOR_PASSWORD "@%s",
                                                    kap_test_server_get_url (server) + strlen ("http://"));
  const char *env[] = { "KAPIJA_PASSWORD", SUPERVISOR_PASSWORD, NULL };
  const char *in_url[] = { "--store", store->path, "sync", with_password, "--station", STATION, NULL };
  const char *as_option[] = { "--store", store->path, "sync", kap_test_server_get_url (server),
                              "--station", STATION, "--user", SUPERVISOR, "--password", SUPERVISOR_PASSWORD, NULL };
  const char *no_password[] = { "--store", store->path, "sync", kap_test_server_get_url (server),
                                "--station", STATION, "--user", SUPERVISOR, NULL };
  const char *no_station[] = { "--store", store->path, "sync", kap_test_server_get_url (server), NULL };
  const char *not_a_url[] = { "--store", store->path, "sync", "ftp://example.org", "--station", STATION, NULL };
  g_autofree char *missing = g_build_filename (store->dir, "nothing-here.db", NULL);
  const char *no_store[] = { "--store", missing, "sync", kap_test_server_get_url (server),
                             "--station", STATION, "--user", SUPERVISOR, NULL };
  g_autoptr(CliResult) r1 = run_cli (env, in_url);
  g_autoptr(CliResult) r2 = run_cli (NULL, as_option);
  g_autoptr(CliResult) r3 = run_cli (NULL, no_password);
  g_autoptr(CliResult) r4 = run_cli (env, no_station);
  g_autoptr(CliResult) r5 = run_cli (env, not_a_url);
  g_autoptr(CliResult) r6 = run_cli (env, no_store);

  assert_status (r1, EXIT_USAGE);
  g_assert_nonnull (strstr (r1->err, "password"));
  assert_status (r2, EXIT_USAGE);
  /* No terminal to ask on and nothing in the environment. */
  assert_status (r3, EXIT_USAGE);
  g_assert_nonnull (strstr (r3->err, "KAPIJA_PASSWORD"));
  assert_status (r4, EXIT_USAGE);
  assert_status (r5, EXIT_USAGE);
  assert_status (r6, EXIT_STORE);
}

/* On a terminal (script(1) gives the tool a pseudo-terminal): the
 * password is asked for without echo, and progress lines go to it. */
static void
test_terminal (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autofree char *command = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GString) transcript = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GInputStream *out;
  GOutputStream *in;
  gboolean answered = FALSE;

  g_free (put_record (store, SCREENING (STATION, "")));
  command = g_strdup_printf ("'%s' --store '%s' sync %s --station " STATION " --user " SUPERVISOR,
                             cli_path, store->path, kap_test_server_get_url (server));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, detach_from_terminal, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "KAPIJA_PASSWORD");
  process = g_subprocess_launcher_spawn (launcher, &error, "script", "-qec", command, "/dev/null", NULL);
  g_assert_no_error (error);
  out = g_subprocess_get_stdout_pipe (process);
  in = g_subprocess_get_stdin_pipe (process);

  for (;;)
    {
      char buffer[512];
      gssize n = g_input_stream_read (out, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      g_string_append_len (transcript, buffer, n);

      /* Type the password only once the prompt is there, as a person would. */
      if (!answered && strstr (transcript->str, "Password: ") != NULL)
        {
          g_output_stream_write_all (in, SUPERVISOR_PASSWORD "\n", strlen (SUPERVISOR_PASSWORD) + 1,
                                     NULL, NULL, &error);
          g_assert_no_error (error);
          answered = TRUE;
        }
    }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", transcript->str);

  g_assert_true (answered);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, EXIT_OK);
  /* Never echoed. */
  g_assert_null (strstr (transcript->str, SUPERVISOR_PASSWORD));
  g_assert_nonnull (strstr (transcript->str, "Synchronising: "));
  g_assert_nonnull (strstr (transcript->str, "Pushed: 1"));
}

static void
test_help (void)
{
  const char *main_help[] = { "--help", NULL };
  const char *sync_help[] = { "sync", "--help", NULL };
  const char *setup_help[] = { "server-setup", "--help", NULL };
  g_autoptr(CliResult) r1 = run_cli (NULL, main_help);
  g_autoptr(CliResult) r2 = run_cli (NULL, sync_help);
  g_autoptr(CliResult) r3 = run_cli (NULL, setup_help);

  assert_status (r1, EXIT_OK);
  g_assert_nonnull (strstr (r1->out, "\n  sync "));
  g_assert_nonnull (strstr (r1->out, "\n  server-setup "));
  for (guint code = 7; code <= 10; code++)
    {
      g_autofree char *listed = g_strdup_printf ("\n  %u ", code);

      g_assert_nonnull (strstr (r1->out, listed));
    }
  assert_status (r2, EXIT_OK);
  g_assert_nonnull (strstr (r2->out, "--station"));
  assert_status (r3, EXIT_OK);
  g_assert_nonnull (strstr (r3->out, "--reset-passwords"));
}

/* Killed mid-run (issue 4, point 11): `kapija-cli sync` is SIGKILLed at
 * several moments of a large run, early by time and in the middle of the
 * push by the server's document count. After each kill the store must
 * still pass `kapija-cli check` and hold every document once; the next
 * complete run must leave both sides with the same documents, each once,
 * with the revision it was written with, and a run after it has nothing
 * to do. The server side is the station's database as the earlier tests
 * left it, plus documents of its own so that the pull has work too. */

#define KILL_LOCAL  1500
#define KILL_REMOTE 200

static const char * const kill_given[] = {
  "Arben", "Милица", "أحمد", "Ayşe", "Besnik", "Јована", "فاطمة", "Emre",
  "Dragana", "Никола", "يوسف", "Elif", "Dritan", "Марко", "مريم", "Zehra",
};
static const char * const kill_family[] = {
  "Krasniqi", "Јовановић", "الحسن", "Yılmaz", "Hoxha", "Петровић", "العلي", "Demir",
  "Begović", "Стојановић", "الخطيب", "Kaya", "Berisha", "Николић", "حداد", "Šehić",
};

/* A synthetic person of the station: @n picks the name, @side tells the
 * laptop's records ("L") from the server's ("S"). */
static JsonObject *
kill_person (const char *side,
             guint       n)
{
  JsonObject *person = json_object_new ();
  g_autofree char *id = g_strdup_printf ("person:kill-%s-%04u", side, n);
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           kill_given[n % G_N_ELEMENTS (kill_given)],
                                           kill_family[(n / G_N_ELEMENTS (kill_given) + n)
                                                       % G_N_ELEMENTS (kill_family)]);
  g_autofree char *created_at = g_strdup_printf ("2025-03-%02uT%02u:%02u:00Z",
                                                 1 + n % 28, n % 24, n % 60);

  json_object_set_string_member (person, "_id", id);
  json_object_set_string_member (person, "type", "person");
  json_object_set_string_member (person, "form", "person@1");
  json_object_set_string_member (person, "station", STATION);
  json_object_set_string_member (person, "created_by", "SV-04");
  json_object_set_string_member (person, "created_at", created_at);
  json_object_set_string_member (person, "status", "final");
  json_object_set_string_member (person, "device", "test");
  json_object_set_string_member (person, "name_stated", name);
  json_object_set_string_member (person, "sex", n % 2 ? "F" : "M");
  json_object_set_int_member (person, "age_years", 18 + n % 50);
  return person;
}

/* The body without the members CouchDB and the store add. */
static JsonNode *
kill_body (JsonObject *document)
{
  JsonObject *body = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (document);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (((const char *) l->data)[0] != '_')
        json_object_set_member (body, l->data,
                                json_node_copy (json_object_get_member (document, l->data)));
    }
  /* The node takes the only reference: json_node_init_object() would add
   * one, and the body would outlive it. */
  json_node_take_object (node, body);

  return node;
}

typedef struct
{
  char     *rev;
  JsonNode *body;
  guint     n_leaves;
} KillDoc;

static void
kill_doc_free (KillDoc *doc)
{
  g_free (doc->rev);
  g_clear_pointer (&doc->body, json_node_unref);
  g_free (doc);
}

static void
kill_docs_add (GHashTable *docs,
               const char *id,
               const char *rev,
               JsonObject *document)
{
  KillDoc *doc = g_new0 (KillDoc, 1);

  /* Every id once on each side. */
  if (g_hash_table_contains (docs, id))
    g_error ("“%s” appears twice", id);
  doc->rev = g_strdup (rev);
  doc->body = document ? kill_body (document) : NULL;
  g_hash_table_insert (docs, g_strdup (id), doc);
}

static GHashTable *
kill_docs_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) kill_doc_free);
}

/* The store's view: every leaf of every document (`kapija-cli export`),
 * and the winner of each (`kapija-cli changes`). */
static GHashTable *
kill_local_docs (TestStore *store)
{
  const char *export_argv[] = { "--store", store->path, "export", "-", NULL };
  const char *changes_argv[] = { "--store", store->path, "changes", NULL };
  g_autoptr(CliResult) exported = run_cli_full (NULL, export_argv, FALSE);
  g_autoptr(CliResult) changes = run_cli_full (NULL, changes_argv, FALSE);
  g_autoptr(GHashTable) docs = kill_docs_new ();
  g_auto(GStrv) lines = NULL;

  assert_status (exported, EXIT_OK);
  assert_status (changes, EXIT_OK);

  lines = g_strsplit (exported->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *leaf, *revisions;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      leaf = json_node_get_object (json_parser_get_root (parser));
      /* One leaf per document, written once: its history is itself. */
      g_assert_false (json_object_has_member (leaf, "_deleted"));
      revisions = json_object_get_object_member (leaf, "_revisions");
      g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, 1);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 1);
      kill_docs_add (docs, json_object_get_string_member (leaf, "_id"),
                     json_object_get_string_member (leaf, "_rev"), leaf);
    }

  g_strfreev (g_steal_pointer (&lines));
  lines = g_strsplit (changes->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *change;
      KillDoc *doc;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      change = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (change, "last_seq"))
        continue;
      doc = g_hash_table_lookup (docs, json_object_get_string_member (change, "id"));
      g_assert_nonnull (doc);
      /* The feed names each document once, and its winner is the leaf. */
      g_assert_cmpuint (doc->n_leaves, ==, 0);
      doc->n_leaves = json_array_get_length (json_object_get_array_member (change, "leaves"));
      g_assert_cmpstr (json_object_get_string_member (change, "rev"), ==, doc->rev);
    }
  return g_steal_pointer (&docs);
}

/* The server's view: the winners with their bodies, and every leaf from
 * the changes feed. The validation's design document is not a record. */
static GHashTable *
kill_server_docs (void)
{
  g_autoptr(GHashTable) docs = kill_docs_new ();
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) changes = NULL;
  JsonArray *rows, *results;
  guint status = 0;

  all = admin_request ("GET", "/" STATION_DB "/_all_docs?include_docs=true", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (all), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *id = json_object_get_string_member (row, "id");

      if (g_str_has_prefix (id, "_design/"))
        continue;
      kill_docs_add (docs, id,
                     json_object_get_string_member (json_object_get_object_member (row, "value"), "rev"),
                     json_object_get_object_member (row, "doc"));
    }

  changes = admin_request ("GET", "/" STATION_DB "/_changes?style=all_docs", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  results = json_object_get_array_member (json_node_get_object (changes), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *id = json_object_get_string_member (result, "id");
      KillDoc *doc;

      if (g_str_has_prefix (id, "_design/"))
        continue;
      /* Nothing was deleted, so every change is a live document. */
      g_assert_false (json_object_has_member (result, "deleted"));
      doc = g_hash_table_lookup (docs, id);
      g_assert_nonnull (doc);
      g_assert_cmpuint (doc->n_leaves, ==, 0);
      doc->n_leaves = json_array_get_length (json_object_get_array_member (result, "changes"));
    }
  return g_steal_pointer (&docs);
}

/* @actual has exactly the documents of @expected, each with one leaf: the
 * revision and the body that were written. */
static void
kill_assert_docs (GHashTable *actual,
                  GHashTable *expected,
                  const char *side)
{
  GHashTableIter iter;
  const char *id;
  KillDoc *want;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &want))
    {
      KillDoc *have = g_hash_table_lookup (actual, id);

      if (have == NULL)
        g_error ("%s: “%s” is missing", side, id);
      g_assert_cmpstr (have->rev, ==, want->rev);
      g_assert_cmpuint (have->n_leaves, ==, 1);
      if (!json_node_equal (have->body, want->body))
        g_error ("%s: the body of “%s” changed", side, id);
    }
  g_assert_cmpuint (g_hash_table_size (actual), ==, g_hash_table_size (expected));
}

static guint
kill_server_count (void)
{
  g_autoptr(JsonNode) info = NULL;
  guint status = 0;

  info = admin_request ("GET", "/" STATION_DB, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_get_int_member (json_node_get_object (info), "doc_count");
}

/* Starts `kapija-cli sync` and SIGKILLs it: @ms milliseconds after the
 * server has @count documents (0: after @ms from the start). TRUE if it
 * was killed, FALSE if it had finished (successfully) before. */
static gboolean
kill_sync (TestStore *store,
           guint      count,
           guint      ms)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  /* A whole run takes about a second here: never wait for much longer. */
  gint64 give_up = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gint64 start = g_get_monotonic_time ();
  guint reached = 0;
  gboolean killed;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, detach_from_terminal, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "KAPIJA_PASSWORD", SUPERVISOR_PASSWORD, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--store", store->path,
                                         "sync", kap_test_server_get_url (server),
                                         "--station", STATION, "--user", SUPERVISOR, NULL);
  g_assert_no_error (error);

  /* The push's batches land on the server one by one: its count says how
   * far the run has got, where stderr (no terminal) says nothing. */
  while (count > 0 && (reached = kill_server_count ()) < count &&
         g_get_monotonic_time () < give_up)
    g_usleep (2 * G_TIME_SPAN_MILLISECOND);
  g_usleep (ms * G_TIME_SPAN_MILLISECOND);

  /* A no-op when it has already exited. */
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  killed = g_subprocess_get_if_signaled (process);
  if (killed)
    g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  else
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, EXIT_OK);
  g_test_message ("sync %s after %" G_GINT64_FORMAT " ms (server: %u documents at the trigger, %u now)",
                  killed ? "killed" : "finished",
                  (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND,
                  reached, kill_server_count ());
  return killed;
}

static void
test_killed (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  g_autoptr(GHashTable) expected = kill_docs_new ();
  g_autoptr(GHashTable) before = kill_server_docs ();
  g_autoptr(GHashTable) local = NULL;
  g_autoptr(GHashTable) remote = NULL;
  g_autoptr(JsonArray) bulk = json_array_new ();
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *file = g_build_filename (store->dir, "records.jsonl", NULL);
  g_autoptr(CliResult) last = NULL;
  g_autoptr(CliResult) quiet = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  const char *id;
  KillDoc *doc;
  guint base, n_killed = 0;
  guint status = 0;
  /* When to kill: at the start (log-in, totals), after the first
   * batches of the push (counted from where that run starts), as soon as
   * the push is over (in the pull), then by time in what is left. */
  const struct { int pushed; guint ms; } kills[] = {
    { 0, 40 }, { 100, 0 }, { 250, 0 }, { 400, 5 }, { 450, 0 }, { -1, 0 }, { 0, 60 }, { 0, 90 },
  };
  /* What the earlier tests left on the server stays as it is. */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &doc))
    {
      KillDoc *copy = g_new0 (KillDoc, 1);

      copy->rev = g_strdup (doc->rev);
      copy->body = json_node_copy (doc->body);
      g_hash_table_insert (expected, g_strdup (id), copy);
    }

  /* The server's own documents, for the pull. */
  for (guint n = 0; n < KILL_REMOTE; n++)
    json_array_add_object_element (bulk, kill_person ("S", n));
  json_object_set_array_member (request, "docs", json_array_ref (bulk));
  reply = admin_request ("POST", "/" STATION_DB "/_bulk_docs", request, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (reply)), ==, KILL_REMOTE);
  for (guint n = 0; n < KILL_REMOTE; n++)
    {
      JsonObject *written = json_array_get_object_element (json_node_get_array (reply), n);
      JsonObject *sent = json_array_get_object_element (bulk, n);

      g_assert_true (json_object_get_boolean_member_with_default (written, "ok", FALSE));
      kill_docs_add (expected, json_object_get_string_member (sent, "_id"),
                     json_object_get_string_member (written, "rev"), sent);
    }
  base = kill_server_count ();

  /* The laptop's, imported as local edits. */
  for (guint n = 0; n < KILL_LOCAL; n++)
    {
      g_autoptr(JsonObject) person = kill_person ("L", n);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), person);
      g_autofree char *line = json_to_string (node, FALSE);

      g_string_append_printf (lines, "%s\n", line);
      kill_docs_add (expected, json_object_get_string_member (person, "_id"), NULL, person);
    }
  g_file_set_contents (file, lines->str, lines->len, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "--store", store->path, "import", file, NULL };
    g_autoptr(CliResult) imported = run_cli (NULL, argv);

    assert_status (imported, EXIT_OK);
    assert_line (imported, "Imported 1500 documents");
  }

  /* The revisions the import wrote are the ones that must arrive. */
  local = kill_local_docs (store);
  g_assert_cmpuint (g_hash_table_size (local), ==, KILL_LOCAL);
  g_hash_table_iter_init (&iter, local);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &doc))
    {
      KillDoc *want = g_hash_table_lookup (expected, id);

      g_assert_nonnull (want);
      g_assert_null (want->rev);
      g_assert_true (json_node_equal (doc->body, want->body));
      want->rev = g_strdup (doc->rev);
    }
  g_clear_pointer (&local, g_hash_table_unref);

  for (guint i = 0; i < G_N_ELEMENTS (kills); i++)
    {
      const char *argv[] = { "--store", store->path, "check", NULL };
      g_autoptr(CliResult) check = NULL;
      g_autoptr(GHashTable) now = NULL;
      guint count = 0;

      if (kills[i].pushed > 0)
        count = MIN (kill_server_count () + kills[i].pushed, base + KILL_LOCAL);
      else if (kills[i].pushed < 0)
        count = base + KILL_LOCAL;
      if (kill_sync (store, count, kills[i].ms))
        n_killed++;

      check = run_cli (NULL, argv);
      assert_status (check, EXIT_OK);
      /* Nothing twice, nothing of the laptop's lost, every leaf single
       * (kill_local_docs asserts both). */
      now = kill_local_docs (store);
      g_assert_cmpuint (g_hash_table_size (now), >=, KILL_LOCAL);
      g_test_message ("the store has %u documents", g_hash_table_size (now));
    }
  /* The kills must have hit running syncs, or this tested nothing. */
  g_assert_cmpuint (n_killed, >=, 5);

  last = sync_store (store);
  assert_status (last, EXIT_OK);
  assert_line (last, "Conflicts left: 0");
  assert_line (last, "Rejected: 0");
  assert_line (last, "Errors: 0");

  local = kill_local_docs (store);
  remote = kill_server_docs ();
  kill_assert_docs (local, expected, "store");
  kill_assert_docs (remote, expected, "server");

  quiet = sync_store (store);
  assert_status (quiet, EXIT_OK);
  assert_line (quiet, "Pushed: 0");
  assert_line (quiet, "Pulled: 0");
}

/* A foreign client beside the laptops: PouchDB 9 replicating with a
 * station's database as a supervisor and resolving conflicts as PouchDB
 * applications do, by removing the revisions it does not keep
 * (db.remove (id, rev)). Each test has a station database of its own,
 * made by the administrator without a validation (see OPEN_STATION) and
 * without members, so that OPEN_SUPERVISOR may use it. */
typedef struct
{
  const char *code;
  char       *database;
} ForeignStation;

static void
foreign_station_clear (ForeignStation *station)
{
  g_free (station->database);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ForeignStation, foreign_station_clear)

static void
foreign_station_init (ForeignStation *station,
                      const char     *code)
{
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  station->code = code;
  station->database = g_strconcat ("kapija-st-", lower, NULL);
  path = g_strconcat ("/", station->database, NULL);
  reply = admin_request ("PUT", path, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
}

static CliResult *
sync_station (TestStore      *store,
              ForeignStation *station)
{
  return sync_full (store, kap_test_server_get_url (server), station->code, OPEN_SUPERVISOR,
                    OPEN_PASSWORD);
}

static KapForeignPeer *
start_peer (ForeignStation *station)
{
  g_autofree char *url = g_strconcat (kap_test_server_get_url (server), "/", station->database, NULL);
  g_autoptr(GError) error = NULL;
  KapForeignPeer *peer = kap_foreign_peer_start (url, OPEN_SUPERVISOR, OPEN_PASSWORD, &error);

  g_assert_no_error (error);
  return peer;
}

static JsonObject *
peer_call (KapForeignPeer *peer,
           const char     *command,
           JsonObject     *args)
{
  g_autoptr(GError) error = NULL;
  JsonObject *reply = kap_foreign_peer_call (peer, command, args, &error);

  g_assert_no_error (error);
  return reply;
}

static void
peer_sync (KapForeignPeer *peer)
{
  g_autoptr(JsonObject) reply = peer_call (peer, "sync", NULL);
}

/* The peer's winner of @id with its "_conflicts"; NULL when deleted. */
static JsonObject *
peer_get (KapForeignPeer *peer,
          const char     *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = NULL;

  g_assert_true (kap_foreign_peer_get (peer, id, &doc, &error));
  g_assert_no_error (error);
  return doc;
}

/* @command ("put" of @doc, or "remove" of @rev of @id): the new revision. */
static char *
peer_write (KapForeignPeer *peer,
            const char     *command,
            JsonObject     *doc,
            const char     *id,
            const char     *rev)
{
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;

  if (doc != NULL)
    json_object_set_object_member (args, "doc", json_object_ref (doc));
  else
    {
      json_object_set_string_member (args, "id", id);
      json_object_set_string_member (args, "rev", rev);
    }
  reply = peer_call (peer, command, args);
  return g_strdup (json_object_get_string_member (reply, "rev"));
}

/* The laptop's and the server's view of @id after a sync: alive, at
 * @rev, with no conflict left anywhere. */
static void
assert_settled (TestStore      *store,
                ForeignStation *station,
                const char     *id,
                const char     *rev)
{
  g_autoptr(CliResult) result = sync_station (store, station);
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) remote = NULL;

  assert_status (result, EXIT_OK);
  assert_line (result, "Merged: 0");
  assert_line (result, "Conflicts left: 0");
  local = get_local (store, id);
  g_assert_cmpstr (json_object_get_string_member (local, "_rev"), ==, rev);
  remote = get_on_server (station->database, id);
  g_assert_cmpstr (json_object_get_string_member (remote, "_rev"), ==, rev);
  g_assert_false (json_object_has_member (remote, "_conflicts"));
  g_assert_false (json_object_get_boolean_member_with_default (remote, "_deleted", FALSE));
}

/* Laptop A made a record and edited it; the foreign client, still holding
 * the first revision, saved it (unchanged, or with an edit of its own:
 * data TRUE), synced, resolved the conflict by removing A's revision and
 * keeping its own, and synced again. That tombstone is how every CouchDB
 * client resolves a conflict: laptop B must not read it as a deletion
 * (which merged with an unchanged side deleted the record everywhere),
 * nor keep a "deleted against edited" conflict for ever (exit 7 on every
 * run) while the server shows none. */
static void
test_foreign_resolution (gconstpointer data)
{
  gboolean foreign_edit = GPOINTER_TO_INT (data);
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_auto(ForeignStation) station = { 0 };
  g_autoptr(KapForeignPeer) peer = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) seen = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *own = NULL;
  g_autofree char *rev_a = NULL;
  g_autofree char *removal = NULL;
  JsonArray *conflicts;

  foreign_station_init (&station, foreign_edit ? "MK-FOREIGN2" : "MK-FOREIGN1");
  id = put_record (a, SCREENING (OPEN_STATION, ",\"notes\":\"Ayşe Yılmaz, first visit\""));
  {
    g_autoptr(CliResult) first = sync_station (a, &station);

    assert_status (first, EXIT_OK);
  }
  peer = start_peer (&station);
  peer_sync (peer);
  {
    g_autoptr(CliResult) first = sync_station (b, &station);

    assert_status (first, EXIT_OK);
  }

  /* A edits the record and syncs. */
  record = get_local (a, id);
  json_object_set_int_member (record, "age_years", 40);
  put_edit (a, record);
  {
    g_autoptr(CliResult) edit = sync_station (a, &station);

    assert_status (edit, EXIT_OK);
    assert_line (edit, "Pushed: 1");
  }
  g_clear_pointer (&record, json_object_unref);
  record = get_local (a, id);
  rev_a = g_strdup (json_object_get_string_member (record, "_rev"));

  /* The foreign client saves the first revision it holds, syncs, and
   * keeps its own revision by removing A's. */
  held = peer_get (peer, id);
  g_assert_nonnull (held);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (held, "_rev"), "1-"));
  json_object_remove_member (held, "_conflicts");
  if (foreign_edit)
    json_object_set_string_member (held, "notes", "Ayşe Yılmaz, moved to Obrenovac");
  own = peer_write (peer, "put", held, NULL, NULL);
  peer_sync (peer);
  seen = peer_get (peer, id);
  conflicts = json_object_get_array_member (seen, "_conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_true (g_strcmp0 (json_object_get_string_member (seen, "_rev"), rev_a) == 0 ||
                 g_strcmp0 (json_array_get_string_element (conflicts, 0), rev_a) == 0);
  removal = peer_write (peer, "remove", NULL, id, rev_a);
  peer_sync (peer);

  /* Neither laptop finds anything to merge or to resolve, run after run,
   * and the record lives on everywhere with the foreign client's
   * revision. */
  assert_settled (b, &station, id, own);
  assert_settled (b, &station, id, own);
  assert_settled (a, &station, id, own);
  assert_settled (a, &station, id, own);
  g_clear_pointer (&record, json_object_unref);
  record = get_local (b, id);
  g_assert_cmpint (json_object_get_int_member (record, "age_years"), ==, 34);
  g_assert_cmpstr (json_object_get_string_member (record, "notes"), ==,
                   foreign_edit ? "Ayşe Yılmaz, moved to Obrenovac" : "Ayşe Yılmaz, first visit");

  peer_sync (peer);
  after = peer_get (peer, id);
  g_assert_nonnull (after);
  g_assert_cmpstr (json_object_get_string_member (after, "_rev"), ==, own);
  g_assert_false (json_object_has_member (after, "_conflicts"));
}

/* A real deletion by the foreign client (db.remove () of the revision it
 * shows) while laptop A edited the record: that tombstone's parent is the
 * revision A edited, so it is a deletion racing an edit and waits for
 * A's supervisor; CouchDB's winner rule keeps A's edit meanwhile. */
static void
test_foreign_deletion (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_auto(ForeignStation) station = { 0 };
  g_autoptr(KapForeignPeer) peer = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(CliResult) first = NULL;
  g_autoptr(CliResult) second = NULL;
  g_autoptr(CliResult) third = NULL;
  g_autofree char *id = NULL;
  g_autofree char *removal = NULL;

  foreign_station_init (&station, "MK-FOREIGN3");
  id = put_record (a, SCREENING (OPEN_STATION, ",\"notes\":\"Emre Demir\""));
  first = sync_station (a, &station);
  assert_status (first, EXIT_OK);
  peer = start_peer (&station);
  peer_sync (peer);

  record = get_local (a, id);
  json_object_set_int_member (record, "age_years", 41);
  put_edit (a, record);
  held = peer_get (peer, id);
  removal = peer_write (peer, "remove", NULL, id, json_object_get_string_member (held, "_rev"));
  peer_sync (peer);

  second = sync_station (a, &station);
  assert_status (second, EXIT_CONFLICTS);
  assert_line (second, "Merged: 0");
  assert_line (second, "Conflicts left: 1");
  remote = get_on_server (station.database, id);
  g_assert_cmpint (json_object_get_int_member (remote, "age_years"), ==, 41);
  third = sync_station (a, &station);
  assert_status (third, EXIT_CONFLICTS);
}

/* server-setup through the tool: run in main() before the sync tests
 * (they need its accounts), checked here. */
static CliResult *setup_first;

static CliResult *
server_setup (const char *admin_password,
              const char *stations,
              const char *url)
{
  g_autofree char *stations_file = g_build_filename (list_dir, stations, NULL);
  g_autofree char *users_file = g_build_filename (list_dir, "users.csv", NULL);
  const char *env[] = { "KAPIJA_ADMIN_USER", ADMIN, "KAPIJA_ADMIN_PASSWORD", admin_password, NULL };
  const char *argv[] = { "server-setup", url ? url : kap_test_server_get_url (server),
                         "--stations", stations_file, "--users", users_file, NULL };

  return run_cli (admin_password ? env : NULL, argv);
}

static void
test_server_setup (void)
{
  g_autoptr(CliResult) again = server_setup (ADMIN_PASSWORD, "stations.csv", NULL);
  g_autoptr(CliResult) bad_list = server_setup (ADMIN_PASSWORD, "bad-stations.csv", NULL);
  g_autoptr(CliResult) wrong_admin = server_setup ("Admin-4", "stations.csv", NULL);
  g_autoptr(CliResult) no_admin = server_setup (NULL, "stations.csv", NULL);
  g_autofree char *with_password = g_strdup_printf ("http://" ADMIN ":" ADMIN_PASSWORD "@%s",
                                                    kap_test_server_get_url (server) + strlen ("http://"));
  g_autoptr(CliResult) in_url = server_setup (ADMIN_PASSWORD, "stations.csv", with_password);

  assert_status (setup_first, EXIT_OK);
  assert_line (setup_first, "Created the database “kapija-st-rs-pre”");
  assert_line (setup_first, "Created the database “kapija-st-ba_usk1”");
  assert_line (setup_first, "Uploaded the form “screening@1”");
  g_assert_nonnull (strstr (setup_first->out, "Created the account “lejla.begovic”"));
  /* The generated password, shown once. */
  g_assert_nonnull (strstr (setup_first->out, "\nelif.kaya\t"));

  assert_status (again, EXIT_OK);
  g_assert_cmpstr (again->out, ==, "The server is already set up; nothing was changed.\n");

  assert_status (bad_list, EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (bad_list->err, "Line 3"));
  assert_status (wrong_admin, EXIT_AUTH);
  assert_status (no_admin, EXIT_USAGE);
  assert_status (in_url, EXIT_USAGE);
}

/* What another client put on the server of station BA_USK1 (which no
 * other test syncs): a screening with a scanned attachment is taken; a
 * record whose id holds U+0000 cannot be, and every run says so and
 * fails until it is resolved. */
static void
test_foreign_revisions (void)
{
  g_autoptr(TestStore) store = test_store_new ();
  const char *line = strstr (setup_first->out, "\nelif.kaya\t");
  g_autofree char *password = NULL;
  g_autoptr(JsonNode) attached = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(CliResult) first = NULL;
  g_autoptr(CliResult) second = NULL;
  guint status = 0;

  g_assert_nonnull (line);
  line += strlen ("\nelif.kaya\t");
  password = g_strndup (line, strcspn (line, "\n"));

  attached = admin_request_text ("PUT", "/kapija-st-ba_usk1/screening:0190a5a0-0000-7000-8000-0000000000f1",
                                 "{\"type\":\"screening\",\"station\":\"BA_USK1\",\"status\":\"final\","
                                 "\"_attachments\":{\"consent.pdf\":{\"content_type\":\"application/pdf\","
                                 "\"data\":\"JVBERi0xLjQK\"}}}", &status);
  g_assert_cmpuint (status, ==, 201);
  refused = admin_request_text ("POST", "/kapija-st-ba_usk1/_bulk_docs",
                                "{\"docs\":[{\"_id\":\"screening:a\\u0000b\",\"type\":\"screening\","
                                "\"station\":\"BA_USK1\"}]}", &status);
  g_assert_cmpuint (status, ==, 201);

  first = sync_full (store, kap_test_server_get_url (server), "BA_USK1", "elif.kaya", password);
  assert_status (first, EXIT_SYNC_FAILED);
  assert_line (first, "Pulled: 1");
  assert_line (first, "Errors: 0");
  assert_line (first, "Not taken from the server: 1");
  g_assert_nonnull (strstr (first->out, "Record not taken: screening:a"));
  g_assert_nonnull (strstr (first->out, "U+0000"));

  second = sync_full (store, kap_test_server_get_url (server), "BA_USK1", "elif.kaya", password);
  assert_status (second, EXIT_SYNC_FAILED);
  assert_line (second, "Pulled: 0");
  assert_line (second, "Not taken from the server: 1");
  g_assert_nonnull (strstr (second->out, "Record not taken: screening:a"));
}

/* A screening another client attached a scan to, pulled from one
 * station's database, exported, imported into a laptop that never saw
 * a server, and pushed from there to a database that never had it: the
 * attachment arrives as it left, every byte, digest and revpos. */
static void
test_transfer_attachments (void)
{
  g_autoptr(TestStore) source = test_store_new ();
  g_autoptr(TestStore) target = test_store_new ();
  g_auto(ForeignStation) from = { 0 };
  g_auto(ForeignStation) to = { 0 };
  g_autofree char *export_file = g_build_filename (source->dir, "export.jsonl", NULL);
  g_autofree char *scan = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(JsonNode) put = NULL;
  g_autoptr(JsonObject) original = NULL;
  g_autoptr(JsonObject) arrived = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = "screening:0190a5a0-0000-7000-8000-0000000000a7";
  JsonObject *sent, *came;
  guchar bytes[300];
  guint status = 0;

  /* Every byte value, so that nothing on the way may treat it as text. */
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar) (i * 7);
  scan = g_base64_encode (bytes, sizeof bytes);

  foreign_station_init (&from, "AL-KAK");
  foreign_station_init (&to, "AL-KUK");
  doc = g_strdup_printf ("{\"type\":\"screening\",\"station\":\"AL-KAK\",\"status\":\"final\","
                         "\"_attachments\":{\"skanim.bin\":{\"content_type\":\"application/octet-stream\","
                         "\"data\":\"%s\"}}}", scan);
  path = g_strdup_printf ("/%s/%s", from.database, id);
  put = admin_request_text ("PUT", path, doc, &status);
  g_assert_cmpuint (status, ==, 201);
  original = get_on_server_with (from.database, id, "attachments=true");

  {
    g_autoptr(CliResult) pulled = sync_station (source, &from);
    const char *export_argv[] = { "--store", source->path, "export", export_file, NULL };
    const char *import_argv[] = { "--store", target->path, "import", export_file, NULL };
    g_autoptr(CliResult) export = NULL;
    g_autoptr(CliResult) import = NULL;
    g_autoptr(CliResult) pushed = NULL;

    assert_status (pulled, EXIT_OK);
    assert_line (pulled, "Pulled: 1");

    export = run_cli (NULL, export_argv);
    assert_status (export, EXIT_OK);
    g_file_get_contents (export_file, &exported, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (exported, scan));

    import = run_cli (NULL, import_argv);
    assert_status (import, EXIT_OK);

    pushed = sync_station (target, &to);
    assert_status (pushed, EXIT_OK);
    assert_line (pushed, "Pushed: 1");
    assert_line (pushed, "Rejected: 0");
  }

  arrived = get_on_server_with (to.database, id, "attachments=true");
  g_assert_cmpstr (json_object_get_string_member (arrived, "_rev"), ==,
                   json_object_get_string_member (original, "_rev"));
  sent = json_object_get_object_member (json_object_get_object_member (original, "_attachments"), "skanim.bin");
  came = json_object_get_object_member (json_object_get_object_member (arrived, "_attachments"), "skanim.bin");
  g_assert_nonnull (came);
  g_assert_cmpstr (json_object_get_string_member (came, "data"), ==, scan);
  g_assert_cmpstr (json_object_get_string_member (came, "data"), ==,
                   json_object_get_string_member (sent, "data"));
  g_assert_cmpstr (json_object_get_string_member (came, "digest"), ==,
                   json_object_get_string_member (sent, "digest"));
  g_assert_cmpint (json_object_get_int_member (came, "revpos"), ==,
                   json_object_get_int_member (sent, "revpos"));
  g_assert_cmpstr (json_object_get_string_member (came, "content_type"), ==, "application/octet-stream");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *stations = NULL;
  g_autofree char *bad_stations = NULL;
  g_autofree char *users = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("KAPIJA_CLI");
  g_assert_nonnull (cli_path);

  server = kap_test_server_start (&error);
  g_assert_no_error (error);
  reply = kap_test_server_request_text (server, "PUT", "/_config/admins/" ADMIN, "\"" ADMIN_PASSWORD "\"",
                                        NULL, &error);
  g_assert_no_error (error);

  list_dir = g_dir_make_tmp ("kapija-cli-lists-XXXXXX", &error);
  g_assert_no_error (error);
  stations = g_build_filename (list_dir, "stations.csv", NULL);
  g_file_set_contents (stations, "code,name\nRS-PRE,Preševo\nBA_USK1,Ušivak\n" OPEN_STATION ",Tabanovce\n",
                       -1, &error);
  g_assert_no_error (error);
  bad_stations = g_build_filename (list_dir, "bad-stations.csv", NULL);
  g_file_set_contents (bad_stations, "code,name\nRS-PRE,Preševo\nRS PRE,Preševo\n", -1, &error);
  g_assert_no_error (error);
  users = g_build_filename (list_dir, "users.csv", NULL);
  g_file_set_contents (users,
                       "name,role,station,password\n"
                       SUPERVISOR ",supervisor," STATION "," SUPERVISOR_PASSWORD "\n"
                       OPEN_SUPERVISOR ",supervisor," OPEN_STATION "," OPEN_PASSWORD "\n"
                       "elif.kaya,officer,BA_USK1,\n", -1, &error);
  g_assert_no_error (error);

  setup_first = server_setup (ADMIN_PASSWORD, "stations.csv", NULL);
  assert_status (setup_first, EXIT_OK);

  g_test_add_func ("/cli-sync/help", test_help);
  g_test_add_func ("/cli-sync/server-setup", test_server_setup);
  g_test_add_func ("/cli-sync/clean", test_clean);
  g_test_add_func ("/cli-sync/conflict", test_conflict);
  g_test_add_data_func ("/cli-sync/foreign/resolution-unchanged", GINT_TO_POINTER (FALSE),
                        test_foreign_resolution);
  g_test_add_data_func ("/cli-sync/foreign/resolution-edited", GINT_TO_POINTER (TRUE),
                        test_foreign_resolution);
  g_test_add_func ("/cli-sync/foreign/deletion-racing-edit", test_foreign_deletion);
  g_test_add_func ("/cli-sync/rejected", test_rejected);
  g_test_add_func ("/cli-sync/faults/wrong-password", test_wrong_password);
  g_test_add_func ("/cli-sync/faults/locked-out", test_locked_out);
  g_test_add_func ("/cli-sync/faults/unreachable", test_unreachable);
  g_test_add_func ("/cli-sync/officer-refused", test_officer_refused);
  g_test_add_func ("/cli-sync/faults/no-database", test_no_database);
  g_test_add_func ("/cli-sync/secrets", test_secrets);
  g_test_add_func ("/cli-sync/terminal", test_terminal);
  g_test_add_func ("/cli-sync/faults/killed", test_killed);
  g_test_add_func ("/cli-sync/foreign-revisions", test_foreign_revisions);
  g_test_add_func ("/cli-sync/transfer/attachments", test_transfer_attachments);

  result = g_test_run ();

  g_clear_pointer (&setup_first, cli_result_free);
  g_unlink (stations);
  g_unlink (bad_stations);
  g_unlink (users);
  g_rmdir (list_dir);
  g_free (list_dir);
  kap_test_server_stop (server);
  return result;
}
