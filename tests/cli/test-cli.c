/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kap-canonical-json.h"
#include "kap-profiles.h"

/* Runs the built kapija-cli (its path is in $KAPIJA_CLI, set by meson) as a
 * subprocess against stores in per-test temporary folders: every command,
 * the exit codes of kap-cli.h, and the export → import round trip. All
 * people are synthetic. */

enum
{
  EXIT_OK           = 0,
  EXIT_USAGE        = 1,
  EXIT_BAD_INPUT    = 2,
  EXIT_NOT_FOUND    = 3,
  EXIT_CONFLICT     = 4,
  EXIT_STORE        = 5,
  EXIT_CHECK_FAILED = 6,
  EXIT_NOT_PERMITTED = 11,
};

static const char *cli_path;

static const char * const command_names[] = {
  "init", "profile", "put", "get", "delete", "list", "changes", "export", "import", "check",
};

/* A fixed id, so that foreign revisions can be written by hand. */
#define CONFLICT_ID "person:0190a5a0-0000-7000-8000-000000000001"

/* Three leaves of one document: two live branches from 1-1111… and a deleted
 * one; the winner is 2-bbbb… (live, then generation, then the higher id). */
static const char conflict_lines[] =
  "{\"_id\":\"" CONFLICT_ID "\",\"_rev\":\"2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
  "\"_revisions\":{\"start\":2,\"ids\":[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"11111111111111111111111111111111\"]},"
  "\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\",\"sex\":\"M\"}\n"
  "{\"_id\":\"" CONFLICT_ID "\",\"_rev\":\"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\","
  "\"_revisions\":{\"start\":2,\"ids\":[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"11111111111111111111111111111111\"]},"
  "\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\",\"sex\":\"M\",\"birth_year\":1984}\n"
  "\n"
  "{\"_id\":\"" CONFLICT_ID "\",\"_rev\":\"3-cccccccccccccccccccccccccccccccc\",\"_deleted\":true,"
  "\"_revisions\":{\"start\":3,\"ids\":[\"cccccccccccccccccccccccccccccccc\",\"dddddddddddddddddddddddddddddddd\",\"11111111111111111111111111111111\"]}}\n";

static const char person_milica[] =
  "{\"type\":\"person\",\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\"}";

/* Running the tool */

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

static CliResult *
run_argv (const char         *env_store,
          const char         *input,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* G_TEST_OPTION_ISOLATE_DIRS points these variables at /dev/null and
   * only this process at its temporary folders; hand those to the tool. */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  if (env_store != NULL)
    g_subprocess_launcher_setenv (launcher, "KAPIJA_STORE", env_store, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "KAPIJA_STORE");

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);

  /* A crash is never an acceptable way to fail. */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  return result;
}

static CliResult *
run_va (const char *store,
        const char *env_store,
        const char *input,
        const char *first,
        va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) cli_path);
  if (store != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--store");
      g_ptr_array_add (argv, (gpointer) store);
    }
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  return run_argv (env_store, input, (const char * const *) argv->pdata);
}

/* kapija-cli --store STORE ARGS…, with INPUT on standard input. */
static CliResult *run_store (const char *store, const char *input, const char *first, ...) G_GNUC_NULL_TERMINATED;
static CliResult *
run_store (const char *store,
           const char *input,
           const char *first,
           ...)
{
  CliResult *result;
  va_list args;

  va_start (args, first);
  result = run_va (store, NULL, input, first, args);
  va_end (args);

  return result;
}

/* kapija-cli ARGS… without --store, with KAPIJA_STORE set to ENV_STORE
 * (or unset). */
static CliResult *run_plain (const char *env_store, const char *input, const char *first, ...) G_GNUC_NULL_TERMINATED;
static CliResult *
run_plain (const char *env_store,
           const char *input,
           const char *first,
           ...)
{
  CliResult *result;
  va_list args;

  va_start (args, first);
  result = run_va (NULL, env_store, input, first, args);
  va_end (args);

  return result;
}

#define assert_status(result, expected) \
  G_STMT_START { \
    if ((result)->status != (expected)) \
      g_test_message ("stdout: %s\nstderr: %s", (result)->out, (result)->err); \
    g_assert_cmpint ((result)->status, ==, (expected)); \
  } G_STMT_END

/* Errors are one or more “kapija-cli: …” lines and never quote a document. */
static void
assert_error_output (const CliResult *result)
{
  g_assert_true (g_str_has_prefix (result->err, "kapija-cli: "));
  g_assert_null (strstr (result->err, "Милица"));
  g_assert_null (strstr (result->err, "Јовановић"));
  g_assert_null (strstr (result->err, "Krasniqi"));
  g_assert_null (strstr (result->err, "الحسن"));
}

/* JSON helpers */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* The lines of an output, without the empty string after the last newline. */
static GStrv
output_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_clear_pointer (&lines[n - 1], g_free);

  return g_steal_pointer (&lines);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The leaves of a changes entry as one string, in byte order: the order of
 * the list is the store's business, the set is what must survive. */
static char *
sorted_leaves (JsonObject *change)
{
  JsonArray *leaves = json_object_get_array_member (change, "leaves");
  g_autoptr(GPtrArray) revs = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (leaves); i++)
    g_ptr_array_add (revs, (gpointer) json_array_get_string_element (leaves, i));
  g_ptr_array_sort (revs, compare_strings);
  g_ptr_array_add (revs, NULL);

  return g_strjoinv (" ", (char **) revs->pdata);
}

/* The changes feed as: the entries (JsonObject) in order, and last_seq. */
static GPtrArray *
read_changes (const char *store,
              gint64     *last_seq)
{
  g_autoptr(CliResult) result = run_store (store, NULL, "changes", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonObject) last = NULL;
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint n;

  assert_status (result, EXIT_OK);
  lines = output_lines (result->out);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 1);

  for (guint i = 0; i + 1 < n; i++)
    g_ptr_array_add (changes, parse_object (lines[i]));

  last = parse_object (lines[n - 1]);
  g_assert_true (json_object_has_member (last, "last_seq"));
  if (last_seq != NULL)
    *last_seq = json_object_get_int_member (last, "last_seq");

  return changes;
}

static void
put_document (const char  *store,
              const char  *json,
              char       **id,
              char       **rev)
{
  g_autoptr(CliResult) result = run_store (store, json, "put", NULL);
  g_autoptr(JsonObject) reply = NULL;

  assert_status (result, EXIT_OK);
  g_assert_cmpstr (result->err, ==, "");
  /* One line of JSON. */
  g_assert_true (g_str_has_suffix (result->out, "}\n"));
  g_assert_cmpuint (strchr (result->out, '\n') - result->out + 1, ==, strlen (result->out));

  reply = parse_object (result->out);
  g_assert_cmpuint (json_object_get_size (reply), ==, 2);
  if (id != NULL)
    *id = g_strdup (json_object_get_string_member (reply, "id"));
  if (rev != NULL)
    *rev = g_strdup (json_object_get_string_member (reply, "rev"));
}

static void
init_store (const char *store)
{
  g_autoptr(CliResult) result = run_store (store, NULL, "init", NULL);

  assert_status (result, EXIT_OK);
  g_assert_true (g_file_test (store, G_FILE_TEST_IS_REGULAR));
}

/* Only a supervisor deletes: the laptop's supervisor profile. */
static void
add_supervisor (const char *store)
{
  g_autoptr(CliResult) result = run_store (store, NULL, "profile", "SUP-001", "Јована Петровић",
                                           "--supervisor", NULL);

  assert_status (result, EXIT_OK);
}

static char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Every test gets its own store path in its own (isolated) data folder. */
static char *
new_store_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* A store with local edits, a deletion, a three-leaf conflict and text in
 * three scripts. */
static void
fill_store (const char *store)
{
  g_autoptr(CliResult) imported = NULL;
  g_autoptr(CliResult) deleted = NULL;
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *update = NULL;
  g_autofree char *gone_id = NULL;
  g_autofree char *gone_rev = NULL;

  init_store (store);

  put_document (store, person_milica, &id, &rev);
  update = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"%s\",\"type\":\"person\","
                            "\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\",\"birth_year\":1990}",
                            id, rev);
  put_document (store, update, NULL, &rev2);
  g_assert_true (g_str_has_prefix (rev2, "2-"));

  put_document (store, "{\"type\":\"person\",\"name_stated\":\"Ayşe Yılmaz\",\"sex\":\"F\"}",
                &gone_id, &gone_rev);
  add_supervisor (store);
  deleted = run_store (store, NULL, "delete", gone_id, gone_rev, NULL);
  assert_status (deleted, EXIT_OK);

  imported = run_store (store, conflict_lines, "import", NULL);
  assert_status (imported, EXIT_OK);

  put_document (store, "{\"type\":\"interpreter_session\",\"language\":\"ar\","
                "\"interpreter_name\":\"أحمد الحسن\",\"minutes\":45}", NULL, NULL);
}

/* Tests */

static void
test_help (void)
{
  g_autoptr(CliResult) main_help = run_plain (NULL, NULL, "--help", NULL);
  g_autoptr(CliResult) none = run_plain (NULL, NULL, NULL, NULL);
  g_autoptr(CliResult) unknown = run_plain (NULL, NULL, "frobnicate", NULL);
  g_autoptr(CliResult) bad_option = run_plain (NULL, NULL, "--frobnicate", NULL);
  g_autoptr(CliResult) help_get = run_plain (NULL, NULL, "help", "get", NULL);
  g_autoptr(CliResult) version = run_plain (NULL, NULL, "--version", NULL);

  assert_status (main_help, EXIT_OK);
  for (guint i = 0; i < G_N_ELEMENTS (command_names); i++)
    {
      g_autofree char *listed = g_strdup_printf ("\n  %s ", command_names[i]);

      g_assert_nonnull (strstr (main_help->out, listed));
    }
  /* The exit codes are documented. */
  g_assert_nonnull (strstr (main_help->out, "Exit status"));
  g_assert_nonnull (strstr (main_help->out, "  6  "));
  g_assert_nonnull (strstr (main_help->out, "--store"));

  for (guint i = 0; i < G_N_ELEMENTS (command_names); i++)
    {
      g_autoptr(CliResult) help = run_plain (NULL, NULL, command_names[i], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("kapija-cli %s ", command_names[i]);

      assert_status (help, EXIT_OK);
      g_assert_nonnull (strstr (help->out, usage));
      g_assert_nonnull (strstr (help->out, "--store"));
    }

  assert_status (help_get, EXIT_OK);
  g_assert_nonnull (strstr (help_get->out, "kapija-cli get "));
  g_assert_nonnull (strstr (help_get->out, "--conflicts"));

  assert_status (version, EXIT_OK);
  g_assert_true (g_str_has_prefix (version->out, "kapija-cli " PACKAGE_VERSION));

  assert_status (none, EXIT_USAGE);
  g_assert_nonnull (strstr (none->err, "COMMAND"));
  assert_status (unknown, EXIT_USAGE);
  g_assert_nonnull (strstr (unknown->err, "kapija-cli: "));
  g_assert_nonnull (strstr (unknown->err, "frobnicate"));
  assert_status (bad_option, EXIT_USAGE);
}

static void
test_usage_errors (void)
{
  g_autofree char *store = new_store_path ("usage.db");
  g_autoptr(CliResult) get_no_id = NULL;
  g_autoptr(CliResult) get_two_ids = NULL;
  g_autoptr(CliResult) delete_no_rev = NULL;
  g_autoptr(CliResult) bad_option = NULL;
  g_autoptr(CliResult) bad_batch = NULL;
  g_autoptr(CliResult) bad_limit = NULL;

  init_store (store);

  get_no_id = run_store (store, NULL, "get", NULL);
  assert_status (get_no_id, EXIT_USAGE);
  g_assert_nonnull (strstr (get_no_id->err, "kapija-cli get --help"));

  get_two_ids = run_store (store, NULL, "get", "a", "b", NULL);
  assert_status (get_two_ids, EXIT_USAGE);

  delete_no_rev = run_store (store, NULL, "delete", CONFLICT_ID, NULL);
  assert_status (delete_no_rev, EXIT_USAGE);

  bad_option = run_store (store, NULL, "list", "--no-such-option", NULL);
  assert_status (bad_option, EXIT_USAGE);

  bad_batch = run_store (store, "", "import", "--batch", "0", NULL);
  assert_status (bad_batch, EXIT_USAGE);

  bad_limit = run_store (store, NULL, "changes", "--limit", "-1", NULL);
  assert_status (bad_limit, EXIT_USAGE);
}

static void
test_init (void)
{
  g_autofree char *store = new_store_path ("sub/folder/init.db");
  g_autofree char *env_store = new_store_path ("from-env.db");
  g_autofree char *default_store = g_build_filename (g_get_user_data_dir (), "kapija", "kapija.db", NULL);
  g_autoptr(CliResult) first = run_store (store, NULL, "init", NULL);
  g_autoptr(CliResult) again = run_store (store, NULL, "init", NULL);
  g_autoptr(CliResult) from_env = NULL;
  g_autoptr(CliResult) list_env = NULL;
  g_autoptr(CliResult) from_default = NULL;
  g_autoptr(CliResult) put_default = NULL;
  g_autoptr(CliResult) list_default = NULL;
  g_autoptr(CliResult) store_after_command = NULL;

  assert_status (first, EXIT_OK);
  g_assert_true (g_file_test (store, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (first->out, store));

  assert_status (again, EXIT_OK);
  g_assert_nonnull (strstr (again->out, store));
  g_assert_nonnull (strstr (again->out, "already exists"));
  g_assert_nonnull (strstr (again->out, "valid"));

  /* KAPIJA_STORE names the store when --store is not given. */
  from_env = run_plain (env_store, NULL, "init", NULL);
  assert_status (from_env, EXIT_OK);
  g_assert_true (g_file_test (env_store, G_FILE_TEST_IS_REGULAR));
  list_env = run_plain (env_store, NULL, "list", NULL);
  assert_status (list_env, EXIT_OK);
  g_assert_cmpstr (list_env->out, ==, "");

  /* Else the user's default store, in the (isolated) XDG data folder. */
  g_assert_false (g_file_test (default_store, G_FILE_TEST_EXISTS));
  from_default = run_plain (NULL, NULL, "init", NULL);
  assert_status (from_default, EXIT_OK);
  g_assert_true (g_file_test (default_store, G_FILE_TEST_IS_REGULAR));
  put_default = run_plain (NULL, person_milica, "put", NULL);
  assert_status (put_default, EXIT_OK);
  list_default = run_plain (NULL, NULL, "list", NULL);
  assert_status (list_default, EXIT_OK);
  g_assert_true (g_str_has_prefix (list_default->out, "person:"));

  /* --store is also accepted after the command name. */
  store_after_command = run_plain (NULL, NULL, "list", "--store", store, NULL);
  assert_status (store_after_command, EXIT_OK);
  g_assert_cmpstr (store_after_command->out, ==, "");
}

static void
test_profile (void)
{
  g_autofree char *store = new_store_path ("profile");
  g_autoptr(CliResult) officer = NULL;
  g_autoptr(CliResult) supervisor = NULL;
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) missing = NULL;
  g_autoptr(KapStore) opened = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;

  missing = run_store (store, NULL, "profile", "OFF-003", "Arben Krasniqi", NULL);
  assert_status (missing, EXIT_STORE);

  init_store (store);
  officer = run_store (store, NULL, "profile", "OFF-003", "Arben Krasniqi", NULL);
  supervisor = run_store (store, NULL, "profile", "OFF-017", "Милица Јовановић", "--supervisor", NULL);
  /* The same code again replaces the profile. */
  again = run_store (store, NULL, "profile", "OFF-003", "Arben Krasniqi Berisha", NULL);
  assert_status (officer, EXIT_OK);
  assert_status (supervisor, EXIT_OK);
  assert_status (again, EXIT_OK);

  opened = kap_store_open (store, KAP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  profiles = kap_profiles_list (opened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 2);
  for (guint i = 0; i < profiles->len; i++)
    {
      KapProfile *profile = g_ptr_array_index (profiles, i);

      if (g_str_equal (profile->code, "OFF-003"))
        {
          g_assert_cmpstr (profile->display_name, ==, "Arben Krasniqi Berisha");
          g_assert_cmpint (profile->role, ==, KAP_ROLE_OFFICER);
        }
      else
        {
          g_assert_cmpstr (profile->display_name, ==, "Милица Јовановић");
          g_assert_cmpint (profile->role, ==, KAP_ROLE_SUPERVISOR);
        }
    }
}

static void
test_put_get (void)
{
  g_autofree char *store = new_store_path ("put-get.db");
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *update = NULL;
  g_autofree char *update_file = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *expected_list = NULL;
  g_autoptr(CliResult) get = NULL;
  g_autoptr(CliResult) get_revs = NULL;
  g_autoptr(CliResult) get_rev = NULL;
  g_autoptr(CliResult) from_dash = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) list_type = NULL;
  g_autoptr(CliResult) list_json = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) doc_revs = NULL;
  g_autoptr(JsonObject) doc_rev = NULL;
  g_autoptr(JsonObject) json_line = NULL;
  JsonObject *revisions;

  init_store (store);

  /* From standard input, without an id: one is made from the type. */
  put_document (store, person_milica, &id, &rev);
  g_assert_true (g_str_has_prefix (id, "person:"));
  g_assert_true (g_str_has_prefix (rev, "1-"));

  get = run_store (store, NULL, "get", id, NULL);
  assert_status (get, EXIT_OK);
  g_assert_true (g_str_has_suffix (get->out, "}\n"));
  doc = parse_object (get->out);
  g_assert_cmpstr (json_object_get_string_member (doc, "_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, rev);
  g_assert_cmpstr (json_object_get_string_member (doc, "name_stated"), ==, "Милица Јовановић");
  g_assert_cmpstr (json_object_get_string_member (doc, "sex"), ==, "F");
  g_assert_false (json_object_has_member (doc, "_revisions"));
  /* Canonical JSON: sorted members, no white space, UTF-8 as it is. */
  g_assert_nonnull (strstr (get->out, "\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\",\"type\":\"person\"}"));

  /* From a file, with _rev: an update of that revision. */
  update = g_strdup_printf ("{\n  \"_id\": \"%s\",\n  \"_rev\": \"%s\",\n  \"type\": \"person\",\n"
                            "  \"name_stated\": \"Милица Јовановић\",\n  \"sex\": \"F\",\n  \"birth_year\": 1990\n}\n",
                            id, rev);
  update_file = write_file ("update.json", update);
  {
    g_autoptr(CliResult) put_file = run_store (store, NULL, "put", update_file, NULL);
    g_autoptr(JsonObject) reply = NULL;

    assert_status (put_file, EXIT_OK);
    reply = parse_object (put_file->out);
    g_assert_cmpstr (json_object_get_string_member (reply, "id"), ==, id);
    rev2 = g_strdup (json_object_get_string_member (reply, "rev"));
    g_assert_true (g_str_has_prefix (rev2, "2-"));
  }

  get_revs = run_store (store, NULL, "get", id, "--revs", NULL);
  assert_status (get_revs, EXIT_OK);
  doc_revs = parse_object (get_revs->out);
  g_assert_cmpstr (json_object_get_string_member (doc_revs, "_rev"), ==, rev2);
  g_assert_cmpint (json_object_get_int_member (doc_revs, "birth_year"), ==, 1990);
  revisions = json_object_get_object_member (doc_revs, "_revisions");
  g_assert_nonnull (revisions);
  g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (revisions, "ids"), 1),
                   ==, rev + 2);

  get_rev = run_store (store, NULL, "get", id, "--rev", rev2, NULL);
  assert_status (get_rev, EXIT_OK);
  doc_rev = parse_object (get_rev->out);
  g_assert_cmpstr (json_object_get_string_member (doc_rev, "_rev"), ==, rev2);

  /* “-” reads standard input too. */
  from_dash = run_store (store, "{\"type\":\"screening\",\"status\":\"draft\"}", "put", "-", NULL);
  assert_status (from_dash, EXIT_OK);
  {
    g_autoptr(JsonObject) reply = parse_object (from_dash->out);

    second_id = g_strdup (json_object_get_string_member (reply, "id"));
    g_assert_true (g_str_has_prefix (second_id, "screening:"));
  }

  list = run_store (store, NULL, "list", NULL);
  assert_status (list, EXIT_OK);
  g_assert_nonnull (strstr (list->out, id));
  g_assert_nonnull (strstr (list->out, second_id));
  expected_list = g_strdup_printf ("%s\t%s\tperson\n", id, rev2);
  g_assert_nonnull (strstr (list->out, expected_list));

  list_type = run_store (store, NULL, "list", "--type", "person", NULL);
  assert_status (list_type, EXIT_OK);
  g_assert_cmpstr (list_type->out, ==, expected_list);

  list_json = run_store (store, NULL, "list", "--json", "--type", "screening", NULL);
  assert_status (list_json, EXIT_OK);
  json_line = parse_object (list_json->out);
  g_assert_cmpstr (json_object_get_string_member (json_line, "id"), ==, second_id);
  g_assert_cmpstr (json_object_get_string_member (json_line, "type"), ==, "screening");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_line, "rev"), "1-"));
}

static void
test_put_stale (void)
{
  g_autofree char *store = new_store_path ("stale.db");
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *update = NULL;
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) get = NULL;

  init_store (store);
  put_document (store, person_milica, &id, &rev);
  update = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"%s\",\"type\":\"person\","
                            "\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\",\"birth_year\":1991}",
                            id, rev);
  put_document (store, update, NULL, NULL);

  /* The same edit again is based on a revision that is no longer current. */
  again = run_store (store, update, "put", NULL);
  assert_status (again, EXIT_CONFLICT);
  assert_error_output (again);
  g_assert_cmpstr (again->out, ==, "");

  get = run_store (store, NULL, "get", id, NULL);
  assert_status (get, EXIT_OK);
  g_assert_nonnull (strstr (get->out, "\"_rev\":\"2-"));
}

static void
test_put_bad_input (void)
{
  g_autofree char *store = new_store_path ("bad.db");
  g_autofree char *missing_file = g_build_filename (g_get_user_data_dir (), "no-such.json", NULL);
  g_autoptr(GPtrArray) changes = NULL;
  const char *bad_inputs[] = {
    "{\"type\":\"person\",\"name_stated\":Милица Јовановић}",
    "{\"type\":\"person\",\"name_stated\":\"Милица Јовановић\",}",
    "{\"type\":\"person\"\n\"name_stated\":\"Милица Јовановић\"}",
    "[\"Милица Јовановић\"]",
    "\"Милица Јовановић\"",
    "",
    /* Escapes json-glib accepts and decodes to invalid UTF-8: stored, they
     * once made the whole store unreadable. */
    "{\"type\":\"person\",\"name_stated\":\"Ana\\604\"}",
    "{\"type\":\"person\",\"name_stated\":\"\\u01Ù\"}",
    "{\"type\":\"person\",\"name_stated\":\"Ana\xf4\"}",
    "{\"type\":\"person\",\"sex\":\"F\",\"sex\":\"M\"}",
    /* Types kapija cannot make an id from: once a CRITICAL (fatal here,
     * G_DEBUG=fatal-warnings) before the proper error. */
    "{\"type\":\"\"}",
    "{\"type\":\"Bad\"}",
    "{\"type\":\"person:x\"}",
    "{\"type\":7}",
  };
  g_autofree char *deep = NULL;

  init_store (store);

  /* Nesting that overflows json-glib's recursive parser (SIGSEGV from
   * about 70,000 levels). */
  {
    g_autoptr(GString) text = g_string_new ("{\"type\":\"person\",\"x\":");

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (text, '[');
    for (guint i = 0; i < 100000; i++)
      g_string_append_c (text, ']');
    g_string_append_c (text, '}');
    deep = g_string_free (g_steal_pointer (&text), FALSE);
  }
  {
    g_autoptr(CliResult) result = run_store (store, deep, "put", NULL);

    assert_status (result, EXIT_BAD_INPUT);
    assert_error_output (result);
    g_assert_nonnull (strstr (result->err, "nested too deeply"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(CliResult) result = run_store (store, bad_inputs[i], "put", NULL);

      assert_status (result, EXIT_BAD_INPUT);
      assert_error_output (result);
      g_assert_cmpstr (result->out, ==, "");
    }

  /* Multi-line input: the message gives the position. */
  {
    g_autoptr(CliResult) result = run_store (store, "{\n  \"type\": \"person\",\n  \"sex\": F\n}\n", "put", NULL);

    assert_status (result, EXIT_BAD_INPUT);
    g_assert_nonnull (strstr (result->err, "line 3"));
  }

  {
    g_autoptr(CliResult) result = run_store (store, NULL, "put", missing_file, NULL);

    assert_status (result, EXIT_BAD_INPUT);
    assert_error_output (result);
  }

  /* Nothing was written. */
  changes = read_changes (store, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_get_unknown (void)
{
  g_autofree char *store = new_store_path ("unknown.db");
  g_autofree char *id = NULL;
  g_autoptr(CliResult) unknown_id = NULL;
  g_autoptr(CliResult) unknown_rev = NULL;

  init_store (store);
  put_document (store, person_milica, &id, NULL);

  unknown_id = run_store (store, NULL, "get", "person:0190a5a0-0000-7000-8000-0000000000ff", NULL);
  assert_status (unknown_id, EXIT_NOT_FOUND);
  assert_error_output (unknown_id);
  g_assert_cmpstr (unknown_id->out, ==, "");

  unknown_rev = run_store (store, NULL, "get", id, "--rev", "7-0123456789abcdef0123456789abcdef", NULL);
  assert_status (unknown_rev, EXIT_NOT_FOUND);
  assert_error_output (unknown_rev);
}

static void
test_delete (void)
{
  g_autofree char *store = new_store_path ("delete.db");
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(CliResult) deleted = NULL;
  g_autoptr(CliResult) stale = NULL;
  g_autoptr(CliResult) get = NULL;
  g_autoptr(CliResult) get_deleted = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) unknown = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonObject) tombstone = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  JsonObject *change;

  init_store (store);
  add_supervisor (store);
  put_document (store, person_milica, &id, &rev);

  stale = run_store (store, NULL, "delete", id, "1-0123456789abcdef0123456789abcdef", NULL);
  assert_status (stale, EXIT_CONFLICT);
  assert_error_output (stale);

  unknown = run_store (store, NULL, "delete", "person:0190a5a0-0000-7000-8000-0000000000ff", rev, NULL);
  assert_status (unknown, EXIT_NOT_FOUND);

  deleted = run_store (store, NULL, "delete", id, rev, NULL);
  assert_status (deleted, EXIT_OK);
  reply = parse_object (deleted->out);
  g_assert_cmpstr (json_object_get_string_member (reply, "id"), ==, id);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (reply, "rev"), "2-"));

  get = run_store (store, NULL, "get", id, NULL);
  assert_status (get, EXIT_NOT_FOUND);

  get_deleted = run_store (store, NULL, "get", id, "--deleted", NULL);
  assert_status (get_deleted, EXIT_OK);
  tombstone = parse_object (get_deleted->out);
  g_assert_true (json_object_get_boolean_member (tombstone, "_deleted"));
  g_assert_cmpstr (json_object_get_string_member (tombstone, "_rev"), ==,
                   json_object_get_string_member (reply, "rev"));

  list = run_store (store, NULL, "list", NULL);
  assert_status (list, EXIT_OK);
  g_assert_cmpstr (list->out, ==, "");

  changes = read_changes (store, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_true (json_object_get_boolean_member (change, "deleted"));
}

static void
test_changes (void)
{
  g_autofree char *store = new_store_path ("changes.db");
  g_autofree char *first_id = NULL;
  g_autofree char *first_rev = NULL;
  g_autofree char *update = NULL;
  g_autofree char *since = NULL;
  g_autofree char *rev2 = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(CliResult) since_result = NULL;
  g_autoptr(CliResult) limit_result = NULL;
  g_autoptr(CliResult) end_result = NULL;
  g_auto(GStrv) since_lines = NULL;
  g_auto(GStrv) limit_lines = NULL;
  g_autoptr(JsonObject) limited = NULL;
  g_autoptr(JsonObject) limited_last = NULL;
  g_autofree char *end_expected = NULL;
  JsonObject *change;
  gint64 last_seq = -1;
  gint64 previous = 0;

  init_store (store);
  put_document (store, person_milica, &first_id, &first_rev);
  put_document (store, "{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\",\"sex\":\"M\"}", NULL, NULL);
  put_document (store, "{\"type\":\"screening\",\"status\":\"draft\"}", NULL, NULL);

  changes = read_changes (store, &last_seq);
  g_assert_cmpuint (changes->len, ==, 3);
  for (guint i = 0; i < changes->len; i++)
    {
      change = g_ptr_array_index (changes, i);
      g_assert_cmpint (json_object_get_int_member (change, "seq"), >, previous);
      previous = json_object_get_int_member (change, "seq");
      g_assert_false (json_object_has_member (change, "deleted"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (change, "leaves")), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (change, "leaves"), 0), ==,
                       json_object_get_string_member (change, "rev"));
    }
  g_assert_cmpint (last_seq, ==, previous);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, first_id);

  /* An edit moves the document to the end of the feed. */
  update = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"%s\",\"type\":\"person\","
                            "\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\",\"birth_year\":1990}",
                            first_id, first_rev);
  put_document (store, update, NULL, &rev2);
  after = read_changes (store, &last_seq);
  g_assert_cmpuint (after->len, ==, 3);
  change = g_ptr_array_index (after, 2);
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, first_id);
  g_assert_cmpstr (json_object_get_string_member (change, "rev"), ==, rev2);
  g_assert_cmpint (json_object_get_int_member (change, "seq"), ==, last_seq);

  /* --since skips the first entry. */
  change = g_ptr_array_index (after, 0);
  since = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (change, "seq"));
  since_result = run_store (store, NULL, "changes", "--since", since, NULL);
  assert_status (since_result, EXIT_OK);
  since_lines = output_lines (since_result->out);
  g_assert_cmpuint (g_strv_length (since_lines), ==, 3);

  /* --limit 1 gives one entry and the sequence to continue from. */
  limit_result = run_store (store, NULL, "changes", "--limit", "1", NULL);
  assert_status (limit_result, EXIT_OK);
  limit_lines = output_lines (limit_result->out);
  g_assert_cmpuint (g_strv_length (limit_lines), ==, 2);
  limited = parse_object (limit_lines[0]);
  limited_last = parse_object (limit_lines[1]);
  g_assert_cmpint (json_object_get_int_member (limited_last, "last_seq"), ==,
                   json_object_get_int_member (limited, "seq"));

  /* Nothing after the end. */
  g_free (since);
  since = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq);
  end_result = run_store (store, NULL, "changes", "--since", since, NULL);
  assert_status (end_result, EXIT_OK);
  end_expected = g_strdup_printf ("{\"last_seq\":%" G_GINT64_FORMAT "}\n", last_seq);
  g_assert_cmpstr (end_result->out, ==, end_expected);
}

static void
test_check (void)
{
  g_autofree char *store = new_store_path ("check.db");
  g_autoptr(CliResult) healthy = NULL;

  fill_store (store);

  healthy = run_store (store, NULL, "check", NULL);
  assert_status (healthy, EXIT_OK);
  /* Milica, the conflicted document and the interpreter session are live;
   * the deleted person is not counted. */
  g_assert_cmpstr (healthy->out, ==, "Store is healthy: 3 documents\n");
}

static void
test_check_problems (void)
{
  g_autofree char *store = new_store_path ("damaged.db");
  g_autoptr(CliResult) damaged = NULL;
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  fill_store (store);

  /* Break an invariant behind the store's back: the recorded deleted flag
   * of a document no longer matches its winning leaf. This knows the
   * schema of core/store/kap-store-schema.c (docs.deleted). */
  g_assert_cmpint (sqlite3_open_v2 (store, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE docs SET deleted = 1 - deleted WHERE id = '" CONFLICT_ID "'",
                                 NULL, NULL, &errmsg), ==, SQLITE_OK);
  g_assert_null (errmsg);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  damaged = run_store (store, NULL, "check", NULL);
  assert_status (damaged, EXIT_CHECK_FAILED);
  g_assert_nonnull (strstr (damaged->out, CONFLICT_ID));
  assert_error_output (damaged);
}

static void
assert_missing_store (const char *store,
                      CliResult  *result)
{
  assert_status (result, EXIT_STORE);
  assert_error_output (result);
  g_assert_nonnull (strstr (result->err, store));
  g_assert_nonnull (strstr (result->err, "kapija-cli init"));
  g_assert_cmpstr (result->out, ==, "");
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
}

static void
test_missing_store (void)
{
  g_autofree char *folder = new_store_path ("nowhere");
  g_autofree char *store = g_build_filename (folder, "missing.db", NULL);
  g_autofree char *export_file = g_build_filename (g_get_user_data_dir (), "export.jsonl", NULL);

  {
    g_autoptr(CliResult) result = run_store (store, NULL, "list", NULL);
    assert_missing_store (store, result);
  }
  {
    g_autoptr(CliResult) result = run_store (store, NULL, "get", CONFLICT_ID, NULL);
    assert_missing_store (store, result);
  }
  {
    g_autoptr(CliResult) result = run_store (store, NULL, "changes", NULL);
    assert_missing_store (store, result);
  }
  {
    g_autoptr(CliResult) result = run_store (store, NULL, "check", NULL);
    assert_missing_store (store, result);
  }
  {
    g_autoptr(CliResult) result = run_store (store, NULL, "export", export_file, NULL);
    assert_missing_store (store, result);
    g_assert_false (g_file_test (export_file, G_FILE_TEST_EXISTS));
  }
  /* Input from files: the command may fail before reading standard
   * input, and writing to it would then race with the exit. */
  {
    g_autofree char *input = write_file ("milica.json", person_milica);
    g_autoptr(CliResult) result = run_store (store, NULL, "put", input, NULL);
    assert_missing_store (store, result);
  }
  {
    g_autoptr(CliResult) result = run_store (store, NULL, "delete", CONFLICT_ID, "1-0123456789abcdef0123456789abcdef", NULL);
    assert_missing_store (store, result);
  }
  {
    g_autofree char *input = write_file ("conflict.jsonl", conflict_lines);
    g_autoptr(CliResult) result = run_store (store, NULL, "import", input, NULL);
    assert_missing_store (store, result);
  }

  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
assert_foreign_refused (const char *path)
{
  g_autofree char *before = read_file (path);
  const char *commands[][3] = {
    { "init", NULL },
    { "list", NULL },
    { "changes", NULL },
    { "check", NULL },
    { "export", NULL },
    { "get", CONFLICT_ID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliResult) result = run_store (path, NULL, commands[i][0], commands[i][1], NULL);
      g_autofree char *after = NULL;

      assert_status (result, EXIT_STORE);
      assert_error_output (result);
      g_assert_cmpstr (result->out, ==, "");

      /* Left exactly as it was. */
      after = read_file (path);
      g_assert_cmpstr (after, ==, before);
    }

  {
    g_autoptr(CliResult) result = run_store (path, person_milica, "put", NULL);

    assert_status (result, EXIT_STORE);
    assert_error_output (result);
  }
}

static void
test_foreign_text_file (void)
{
  g_autofree char *path = write_file ("notes.txt", "Shift handover notes\nNothing to report.\n");

  assert_foreign_refused (path);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
test_foreign_sqlite_file (void)
{
  g_autofree char *path = new_store_path ("other.sqlite");
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE stations (code TEXT PRIMARY KEY, name TEXT);"
                                 "INSERT INTO stations VALUES ('RS-PRE', 'Preševo');",
                                 NULL, NULL, &errmsg), ==, SQLITE_OK);
  g_assert_null (errmsg);
  sqlite3_close (db);

  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "SQLite format 3");

  assert_foreign_refused (path);

  /* The other program's database is as it was: no tables added, not
   * claimed as a Kapija store, its row intact. (Its header is not compared
   * byte for byte: the core switches a foreign file to WAL before it
   * refuses it, see the CLI helper's report.) */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM stations WHERE name = 'Preševo'"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, 0);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 0);
  sqlite3_close (db);
}

static void
assert_same_stores (const char *a,
                    const char *b)
{
  g_autoptr(GPtrArray) changes_a = read_changes (a, NULL);
  g_autoptr(GPtrArray) changes_b = read_changes (b, NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (changes_a->len, ==, changes_b->len);

  for (guint i = 0; i < changes_b->len; i++)
    {
      JsonObject *change = g_ptr_array_index (changes_b, i);

      g_hash_table_insert (by_id, (gpointer) json_object_get_string_member (change, "id"), change);
    }

  for (guint i = 0; i < changes_a->len; i++)
    {
      JsonObject *change_a = g_ptr_array_index (changes_a, i);
      const char *id = json_object_get_string_member (change_a, "id");
      JsonObject *change_b = g_hash_table_lookup (by_id, id);
      g_autofree char *leaves_a = NULL;
      g_autofree char *leaves_b = NULL;
      g_autoptr(CliResult) get_a = NULL;
      g_autoptr(CliResult) get_b = NULL;
      JsonArray *leaves;

      g_assert_nonnull (change_b);

      /* Same winner, same deleted flag, same leaves. */
      g_assert_cmpstr (json_object_get_string_member (change_a, "rev"), ==,
                       json_object_get_string_member (change_b, "rev"));
      g_assert_cmpint (json_object_get_boolean_member_with_default (change_a, "deleted", FALSE), ==,
                       json_object_get_boolean_member_with_default (change_b, "deleted", FALSE));
      leaves_a = sorted_leaves (change_a);
      leaves_b = sorted_leaves (change_b);
      g_assert_cmpstr (leaves_a, ==, leaves_b);

      /* The winner with its history and conflicts. */
      get_a = run_store (a, NULL, "get", id, "--revs", "--conflicts", "--deleted", NULL);
      get_b = run_store (b, NULL, "get", id, "--revs", "--conflicts", "--deleted", NULL);
      assert_status (get_a, EXIT_OK);
      assert_status (get_b, EXIT_OK);
      g_assert_cmpstr (get_a->out, ==, get_b->out);

      /* Every leaf's body and history. */
      leaves = json_object_get_array_member (change_a, "leaves");
      for (guint j = 0; j < json_array_get_length (leaves); j++)
        {
          const char *rev = json_array_get_string_element (leaves, j);
          g_autoptr(CliResult) leaf_a = run_store (a, NULL, "get", id, "--rev", rev, "--revs", "--deleted", NULL);
          g_autoptr(CliResult) leaf_b = run_store (b, NULL, "get", id, "--rev", rev, "--revs", "--deleted", NULL);

          assert_status (leaf_a, EXIT_OK);
          assert_status (leaf_b, EXIT_OK);
          g_assert_cmpstr (leaf_a->out, ==, leaf_b->out);
        }
    }
}

static void
test_export_import_roundtrip (void)
{
  g_autofree char *source = new_store_path ("source.db");
  g_autofree char *target = new_store_path ("target.db");
  g_autofree char *export_file = g_build_filename (g_get_user_data_dir (), "export.jsonl", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(CliResult) export_result = NULL;
  g_autoptr(CliResult) export_stdout = NULL;
  g_autoptr(CliResult) import_result = NULL;
  g_autoptr(CliResult) export_target = NULL;
  g_autoptr(CliResult) list_source = NULL;
  g_autoptr(CliResult) list_target = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean saw_deleted = FALSE;
  gboolean saw_arabic = FALSE;
  guint conflict_leaves = 0;

  fill_store (source);

  export_result = run_store (source, NULL, "export", export_file, NULL);
  assert_status (export_result, EXIT_OK);
  exported = read_file (export_file);

  /* The same lines on standard output. */
  export_stdout = run_store (source, NULL, "export", NULL);
  assert_status (export_stdout, EXIT_OK);
  g_assert_cmpstr (export_stdout->out, ==, exported);

  /* One line per leaf: Milica, the deleted person, three leaves of the
   * conflicted document and the interpreter session. */
  lines = output_lines (exported);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonObject) line = parse_object (lines[i]);

      g_assert_true (json_object_has_member (line, "_id"));
      g_assert_true (json_object_has_member (line, "_rev"));
      g_assert_true (json_object_has_member (line, "_revisions"));
      if (json_object_get_boolean_member_with_default (line, "_deleted", FALSE))
        saw_deleted = TRUE;
      if (g_strcmp0 (json_object_get_string_member (line, "_id"), CONFLICT_ID) == 0)
        conflict_leaves++;
      if (g_strcmp0 (json_object_get_string_member_with_default (line, "interpreter_name", NULL), "أحمد الحسن") == 0)
        saw_arabic = TRUE;
    }
  g_assert_true (saw_deleted);
  g_assert_true (saw_arabic);
  g_assert_cmpuint (conflict_leaves, ==, 3);

  init_store (target);
  import_result = run_store (target, NULL, "import", export_file, NULL);
  assert_status (import_result, EXIT_OK);
  g_assert_cmpstr (import_result->out, ==, "Imported 6 documents\n");

  assert_same_stores (source, target);

  list_source = run_store (source, NULL, "list", NULL);
  list_target = run_store (target, NULL, "list", NULL);
  assert_status (list_source, EXIT_OK);
  assert_status (list_target, EXIT_OK);
  g_assert_cmpstr (list_source->out, ==, list_target->out);

  /* Exporting the copy gives the same file back. */
  export_target = run_store (target, NULL, "export", "-", NULL);
  assert_status (export_target, EXIT_OK);
  g_assert_cmpstr (export_target->out, ==, exported);
}

/* The attachments @store keeps with @rev of @id, as canonical text. */
static char *
stored_attachments (const char *store,
                    const char *id,
                    const char *rev)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) opened = kap_store_open (store, KAP_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(JsonObject) attachments = NULL;

  g_assert_no_error (error);
  attachments = kap_store_get_attachments (opened, id, rev, &error);
  g_assert_no_error (error);
  return kap_canonical_json_object (attachments, FALSE);
}

/* A revision another client attached a scan to, as a server sends it
 * (digest, revpos, length and the data inline), put into a store through
 * the core API: export and import give the new store the same
 * attachments, to the byte, and its export is the same file. */
static void
test_export_import_attachments (void)
{
  static const char attached[] =
    "{\"_id\":\"screening:0190a5a0-0000-7000-8000-0000000000a8\","
    "\"_rev\":\"2-6c2a2c0f4c6c4a9a8f0e1d2c3b4a5968\","
    "\"_revisions\":{\"start\":2,\"ids\":[\"6c2a2c0f4c6c4a9a8f0e1d2c3b4a5968\",\"0b1a29384756a5b4c3d2e1f00f1e2d3c\"]},"
    "\"_attachments\":{\"skanim.bin\":{\"content_type\":\"application/octet-stream\","
    "\"revpos\":1,\"digest\":\"md5-7Mp5pXJcRkWzPBl1sK0ZzA==\",\"length\":6,\"data\":\"AP8QgH/+\"},"
    "\"saglasnost.pdf\":{\"content_type\":\"application/pdf\",\"revpos\":2,"
    "\"digest\":\"md5-JVBERi0xLjQKJVBERg==\",\"data\":\"JVBERi0xLjQK\"}},"
    "\"type\":\"screening\",\"station\":\"AL-KAK\",\"status\":\"final\"}";
  const char *id = "screening:0190a5a0-0000-7000-8000-0000000000a8";
  const char *rev = "2-6c2a2c0f4c6c4a9a8f0e1d2c3b4a5968";
  g_autofree char *source = new_store_path ("source.db");
  g_autofree char *target = new_store_path ("target.db");
  g_autofree char *export_file = g_build_filename (g_get_user_data_dir (), "export.jsonl", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *original = NULL;
  g_autofree char *in_source = NULL;
  g_autofree char *in_target = NULL;
  g_autoptr(CliResult) export_result = NULL;
  g_autoptr(CliResult) import_result = NULL;
  g_autoptr(CliResult) export_target = NULL;
  g_autoptr(JsonObject) line = NULL;
  g_autoptr(GError) error = NULL;

  init_store (source);
  {
    g_autoptr(KapStore) opened = kap_store_open (source, KAP_STORE_OPEN_NONE, &error);
    g_autoptr(KapDocument) document = kap_document_new_from_json (attached, -1, &error);
    g_autoptr(GPtrArray) documents = g_ptr_array_new ();

    g_assert_no_error (error);
    original = kap_canonical_json_object (kap_document_get_attachments (document), FALSE);
    g_ptr_array_add (documents, document);
    g_assert_true (kap_store_insert_revisions (opened, documents, &error));
    g_assert_no_error (error);
  }
  in_source = stored_attachments (source, id, rev);
  g_assert_cmpstr (in_source, ==, original);

  export_result = run_store (source, NULL, "export", export_file, NULL);
  assert_status (export_result, EXIT_OK);
  exported = read_file (export_file);
  line = parse_object (exported);
  g_assert_true (json_object_has_member (line, "_attachments"));

  init_store (target);
  import_result = run_store (target, NULL, "import", export_file, NULL);
  assert_status (import_result, EXIT_OK);

  in_target = stored_attachments (target, id, rev);
  g_assert_cmpstr (in_target, ==, original);
  assert_same_stores (source, target);

  export_target = run_store (target, NULL, "export", "-", NULL);
  assert_status (export_target, EXIT_OK);
  g_assert_cmpstr (export_target->out, ==, exported);
}

static void
test_import_idempotent (void)
{
  g_autofree char *source = new_store_path ("source.db");
  g_autofree char *target = new_store_path ("target.db");
  g_autoptr(CliResult) exported = NULL;
  g_autoptr(CliResult) first = NULL;
  g_autoptr(CliResult) second = NULL;
  g_autoptr(GPtrArray) after_first = NULL;
  g_autoptr(GPtrArray) after_second = NULL;
  gint64 last_first = 0, last_second = 0;

  fill_store (source);
  exported = run_store (source, NULL, "export", NULL);
  assert_status (exported, EXIT_OK);

  init_store (target);
  first = run_store (target, exported->out, "import", "-", NULL);
  assert_status (first, EXIT_OK);
  after_first = read_changes (target, &last_first);

  second = run_store (target, exported->out, "import", "--batch", "2", NULL);
  assert_status (second, EXIT_OK);
  after_second = read_changes (target, &last_second);

  g_assert_cmpuint (after_first->len, ==, 4);
  g_assert_cmpuint (after_second->len, ==, after_first->len);
  g_assert_cmpint (last_second, ==, last_first);
  for (guint i = 0; i < after_first->len; i++)
    {
      JsonObject *a = g_ptr_array_index (after_first, i);
      JsonObject *b = g_ptr_array_index (after_second, i);
      g_autofree char *leaves_a = sorted_leaves (a);
      g_autofree char *leaves_b = sorted_leaves (b);

      g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, json_object_get_string_member (b, "id"));
      g_assert_cmpstr (json_object_get_string_member (a, "rev"), ==, json_object_get_string_member (b, "rev"));
      g_assert_cmpstr (leaves_a, ==, leaves_b);
    }

  assert_same_stores (source, target);
}

static void
test_import_bad_line (void)
{
  g_autofree char *store = new_store_path ("partial.db");
  g_autofree char *whole = new_store_path ("whole.db");
  g_autofree char *input = NULL;
  g_autoptr(CliResult) batched = NULL;
  g_autoptr(CliResult) single = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) whole_changes = NULL;

  /* Lines 1-3 fill the first batch of three; line 5 is blank; line 7 is
   * broken, so the second batch (lines 4, 6) must not be written. */
  input = write_file ("bad-line.jsonl",
                      "{\"type\":\"person\",\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\"}\n"
                      "{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\",\"sex\":\"M\"}\n"
                      "{\"type\":\"person\",\"name_stated\":\"أحمد الحسن\",\"sex\":\"M\"}\n"
                      "{\"type\":\"person\",\"name_stated\":\"Ayşe Yılmaz\",\"sex\":\"F\"}\n"
                      "   \n"
                      "{\"type\":\"screening\",\"status\":\"draft\"}\n"
                      "{\"type\":\"person\",\"name_stated\":\"Милица Јовановић\" \"sex\":\"F\"}\n"
                      "{\"type\":\"screening\",\"status\":\"final\"}\n");

  init_store (store);
  batched = run_store (store, NULL, "import", "--batch", "3", input, NULL);
  assert_status (batched, EXIT_BAD_INPUT);
  assert_error_output (batched);
  g_assert_nonnull (strstr (batched->err, "kapija-cli: line 7: "));
  g_assert_nonnull (strstr (batched->err, "3 documents"));
  changes = read_changes (store, NULL);
  g_assert_cmpuint (changes->len, ==, 3);

  /* In one batch, nothing at all is written. */
  init_store (whole);
  single = run_store (whole, NULL, "import", input, NULL);
  assert_status (single, EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (single->err, "kapija-cli: line 7: "));
  g_assert_nonnull (strstr (single->err, "0 documents"));
  whole_changes = read_changes (whole, NULL);
  g_assert_cmpuint (whole_changes->len, ==, 0);
}

/* Input the store must refuse before it is stored, named by its line. */
static void
test_import_hostile_lines (void)
{
  const char *lines[] = {
    "{\"type\":\"person\",\"name_stated\":\"Ana\\604\"}\n",
    "{\"type\":\"\"}\n",
    "{\"type\":\"Bad\"}\n",
    "{\"_id\":\"person:1\",\"_rev\":\"1-a\",\"_revisions\":{\"start\":1,\"ids\":[\"a\"]},\"a\":1,\"a\":2}\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *name = g_strdup_printf ("hostile-%u.db", i);
      g_autofree char *store = new_store_path (name);
      g_autofree char *input = NULL;
      g_autoptr(CliResult) result = NULL;
      g_autoptr(CliResult) check = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autofree char *text = g_strconcat ("{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\"}\n",
                                           lines[i], NULL);

      input = write_file ("hostile.jsonl", text);
      init_store (store);
      result = run_store (store, NULL, "import", input, NULL);
      assert_status (result, EXIT_BAD_INPUT);
      assert_error_output (result);
      g_assert_nonnull (strstr (result->err, "kapija-cli: line 2: "));

      changes = read_changes (store, NULL);
      g_assert_cmpuint (changes->len, ==, 0);
      check = run_store (store, NULL, "check", NULL);
      assert_status (check, EXIT_OK);
    }
}

/* A body that cannot be read back (damaged underneath SQLite, or stored
 * by a Kapija whose JSON reader took invalid escapes) costs that record
 * only: list, get and export go on with the rest, and check names it. */
static void
test_one_unreadable_body (void)
{
  g_autofree char *store = new_store_path ("one-bad.db");
  g_autofree char *export_path = new_store_path ("one-bad.jsonl");
  g_autofree char *good_id = NULL;
  g_autofree char *bad_id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) good = NULL;
  g_autoptr(CliResult) bad = NULL;
  g_autoptr(CliResult) export = NULL;
  g_autoptr(CliResult) check = NULL;
  sqlite3 *db = NULL;

  init_store (store);
  put_document (store, person_milica, &good_id, NULL);
  put_document (store, "{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\"}", &bad_id, NULL);

  /* What json-glib once stored for "Ana\604": invalid UTF-8. */
  g_assert_cmpint (sqlite3_open_v2 (store, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sql = sqlite3_mprintf ("UPDATE revs SET body = '{\"name_stated\":\"Ana' || x'f4' || '\",\"type\":\"person\"}' "
                         "WHERE doc_num = (SELECT doc_num FROM docs WHERE id = %Q)", bad_id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_free (g_steal_pointer (&sql));
  sqlite3_close (db);

  list = run_store (store, NULL, "list", NULL);
  assert_status (list, EXIT_STORE);
  g_assert_nonnull (strstr (list->out, good_id));
  g_assert_null (strstr (list->out, bad_id));
  g_assert_nonnull (strstr (list->err, "kapija-cli check"));

  good = run_store (store, NULL, "get", good_id, NULL);
  assert_status (good, EXIT_OK);
  g_assert_nonnull (strstr (good->out, "Милица"));

  bad = run_store (store, NULL, "get", bad_id, NULL);
  assert_status (bad, EXIT_STORE);
  assert_error_output (bad);
  g_assert_nonnull (strstr (bad->err, bad_id));
  g_assert_nonnull (strstr (bad->err, "rest of the store is not affected"));

  export = run_store (store, NULL, "export", export_path, NULL);
  assert_status (export, EXIT_STORE);
  g_assert_nonnull (strstr (export->err, bad_id));
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, good_id));
  g_assert_null (strstr (exported, bad_id));

  check = run_store (store, NULL, "check", NULL);
  assert_status (check, EXIT_CHECK_FAILED);
  g_assert_nonnull (strstr (check->out, bad_id));
  g_assert_null (strstr (check->out, good_id));
}

static void
test_import_rejected_document (void)
{
  g_autofree char *store = new_store_path ("rejected.db");
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *update = NULL;
  g_autofree char *stale_input = NULL;
  g_autoptr(CliResult) stale = NULL;
  g_autoptr(CliResult) not_object = NULL;
  g_autoptr(CliResult) bad_utf8 = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  init_store (store);
  put_document (store, person_milica, &id, &rev);
  update = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"%s\",\"type\":\"person\","
                            "\"name_stated\":\"Милица Јовановић\",\"sex\":\"F\",\"birth_year\":1990}",
                            id, rev);
  put_document (store, update, NULL, NULL);

  /* Line 2 is a local edit of a revision that is no longer current: the
   * store refuses it when the batch is written, and the whole batch (line 1
   * too) is left out. */
  stale_input = g_strdup_printf ("{\"type\":\"screening\",\"status\":\"draft\"}\n%s\n", update);
  stale = run_store (store, stale_input, "import", NULL);
  assert_status (stale, EXIT_CONFLICT);
  assert_error_output (stale);
  g_assert_nonnull (strstr (stale->err, "kapija-cli: line 2: "));

  not_object = run_store (store, "\n\n[1, 2, 3]\n", "import", NULL);
  assert_status (not_object, EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (not_object->err, "kapija-cli: line 3: "));

  bad_utf8 = run_store (store, "{\"type\":\"person\",\"name_stated\":\"\xff\xfe\"}\n", "import", NULL);
  assert_status (bad_utf8, EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (bad_utf8->err, "kapija-cli: line 1: "));

  changes = read_changes (store, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
}

/* Nothing that steers a terminal: no C0 control but the line and column
 * separators, no DEL, no C1, no bidi control. */
static void
assert_terminal_safe (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        continue;
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
          (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        g_error ("Control character U+%04X printed raw", c);
    }
}

/* Ids (and types) come from servers and files and may hold anything:
 * what kapija-cli prints for people shows their control characters as
 * escapes, while --json prints them exactly (JSON-escaped). */
static void
test_escape_controls (void)
{
  static const struct
  {
    const char *json;      /* the id and type as JSON strings, without quotes */
    const char *type;
    const char *listed;    /* the line `list` prints, before the revision */
  } docs[] = {
    { "person:\\u001b[31mred\\u001b[0m", "person", "person:\\x1b[31mred\\x1b[0m" },
    { "person:bell\\u0007del\\u007fc1\\u009b2J", "person", "person:bell\\x07del\\x7fc1\\u009b2J" },
    { "person:tab\\there\\nnew\\rline", "person", "person:tab\\there\\nnew\\rline" },
    { "person:\\u202eevil\\u2066x\\u2069", "person", "person:\\u202eevil\\u2066x\\u2069" },
    { "person:back\\\\slash-Ђорђе", "person", "person:back\\\\slash-Ђорђе" },
    { "screening:title", "screening\\u001b]0;owned\\u0007", "screening:title" },
  };
  g_autofree char *store = new_store_path ("escape.db");
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(CliResult) imported = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autoptr(CliResult) listed_json = NULL;
  g_autoptr(CliResult) unknown = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) json_lines = NULL;

  init_store (store);
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    g_string_append_printf (input,
                            "{\"_id\":\"%s\",\"_rev\":\"1-%032x\",\"_revisions\":{\"start\":1,\"ids\":[\"%032x\"]},"
                            "\"type\":\"%s\"}\n", docs[i].json, i + 1, i + 1, docs[i].type);
  imported = run_store (store, input->str, "import", "-", NULL);
  assert_status (imported, EXIT_OK);

  listed = run_store (store, NULL, "list", NULL);
  assert_status (listed, EXIT_OK);
  assert_terminal_safe (listed->out);
  lines = output_lines (listed->out);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (docs));
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autofree char *rev = g_strdup_printf ("1-%032x", i + 1);
      gboolean found = FALSE;

      for (guint j = 0; lines[j] != NULL && !found; j++)
        {
          g_auto(GStrv) fields = g_strsplit (lines[j], "\t", -1);

          /* Three columns whatever the id holds. */
          g_assert_cmpuint (g_strv_length (fields), ==, 3);
          if (g_str_equal (fields[1], rev))
            {
              g_assert_cmpstr (fields[0], ==, docs[i].listed);
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
  g_assert_nonnull (strstr (listed->out, "\tscreening\\x1b]0;owned\\x07\n"));

  /* --json keeps the ids exactly. */
  listed_json = run_store (store, NULL, "list", "--json", NULL);
  assert_status (listed_json, EXIT_OK);
  json_lines = output_lines (listed_json->out);
  g_assert_cmpuint (g_strv_length (json_lines), ==, G_N_ELEMENTS (docs));
  for (guint j = 0; json_lines[j] != NULL; j++)
    {
      g_autoptr(JsonObject) line = parse_object (json_lines[j]);

      if (g_str_has_prefix (json_object_get_string_member (line, "id"), "person:\033[31m"))
        g_assert_cmpstr (json_object_get_string_member (line, "id"), ==, "person:\033[31mred\033[0m");
    }

  /* Error messages quote the id escaped too. */
  unknown = run_store (store, NULL, "get", "person:\033[2Jgone\342\200\256", NULL);
  assert_status (unknown, EXIT_NOT_FOUND);
  assert_error_output (unknown);
  assert_terminal_safe (unknown->err);
}

/* The records service's rule, from the command line: an officer's
 * laptop (or one without a profile) cannot delete, and nothing is
 * written; --as picks the supervisor among several profiles. */
static void
test_delete_not_permitted (void)
{
  g_autofree char *store = new_store_path ("delete-officer.db");
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(CliResult) nobody = NULL;
  g_autoptr(CliResult) officer = NULL;
  g_autoptr(CliResult) officer_as = NULL;
  g_autoptr(CliResult) unknown_as = NULL;
  g_autoptr(CliResult) profile = NULL;
  g_autoptr(CliResult) get = NULL;
  g_autoptr(CliResult) supervisor = NULL;
  g_autoptr(JsonObject) current = NULL;

  init_store (store);
  put_document (store, person_milica, &id, &rev);

  nobody = run_store (store, NULL, "delete", id, rev, NULL);
  assert_status (nobody, EXIT_NOT_PERMITTED);
  assert_error_output (nobody);

  profile = run_store (store, NULL, "profile", "OFF-003", "Arben Krasniqi", NULL);
  assert_status (profile, EXIT_OK);
  officer = run_store (store, NULL, "delete", id, rev, NULL);
  assert_status (officer, EXIT_NOT_PERMITTED);
  officer_as = run_store (store, NULL, "delete", id, rev, "--as", "OFF-003", NULL);
  assert_status (officer_as, EXIT_NOT_PERMITTED);

  /* Nothing was written. */
  get = run_store (store, NULL, "get", id, NULL);
  assert_status (get, EXIT_OK);
  current = parse_object (get->out);
  g_assert_cmpstr (json_object_get_string_member (current, "_rev"), ==, rev);

  add_supervisor (store);
  /* --as names one profile: an unknown code is nobody, not the laptop's
   * supervisor. */
  unknown_as = run_store (store, NULL, "delete", id, rev, "--as", "SUP-404", NULL);
  assert_status (unknown_as, EXIT_NOT_PERMITTED);
  supervisor = run_store (store, NULL, "delete", id, rev, "--as", "SUP-001", NULL);
  assert_status (supervisor, EXIT_OK);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* A command that fails before reading its input closes the pipe we are
   * still writing to; that must be an error we see, not a signal that
   * kills the test. */
  signal (SIGPIPE, SIG_IGN);

  cli_path = g_getenv ("KAPIJA_CLI");
  if (cli_path == NULL && argc > 1)
    cli_path = argv[1];
  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("Set KAPIJA_CLI to the built kapija-cli (meson does this)");

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/init", test_init);
  g_test_add_func ("/cli/profile", test_profile);
  g_test_add_func ("/cli/put-get", test_put_get);
  g_test_add_func ("/cli/put/stale", test_put_stale);
  g_test_add_func ("/cli/put/bad-input", test_put_bad_input);
  g_test_add_func ("/cli/get/unknown", test_get_unknown);
  g_test_add_func ("/cli/delete", test_delete);
  g_test_add_func ("/cli/delete/not-permitted", test_delete_not_permitted);
  g_test_add_func ("/cli/changes", test_changes);
  g_test_add_func ("/cli/check/healthy", test_check);
  g_test_add_func ("/cli/check/problems", test_check_problems);
  g_test_add_func ("/cli/store/missing", test_missing_store);
  g_test_add_func ("/cli/store/foreign-text", test_foreign_text_file);
  g_test_add_func ("/cli/store/foreign-sqlite", test_foreign_sqlite_file);
  g_test_add_func ("/cli/transfer/roundtrip", test_export_import_roundtrip);
  g_test_add_func ("/cli/transfer/attachments", test_export_import_attachments);
  g_test_add_func ("/cli/transfer/idempotent", test_import_idempotent);
  g_test_add_func ("/cli/import/bad-line", test_import_bad_line);
  g_test_add_func ("/cli/import/hostile-lines", test_import_hostile_lines);
  g_test_add_func ("/cli/store/one-unreadable-body", test_one_unreadable_body);
  g_test_add_func ("/cli/import/rejected", test_import_rejected_document);
  g_test_add_func ("/cli/escape-controls", test_escape_controls);

  return g_test_run ();
}
