/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-test-server"

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kap-test-server.h"

/* The harness the integration tests stand on: if it left servers behind,
 * talked to a stranger's server or skipped quietly, every test above it
 * would be worth less. */

/* Whether @pid is gone (or a zombie waiting for init to reap it). */
static gboolean
process_gone (GPid pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return TRUE;

  /* "pid (comm) S ...": the state follows the last ')'. */
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;
  state = strrchr (stat, ')');
  return state != NULL && (state[2] == 'Z' || state[2] == 'X');
}

static gboolean
wait_gone (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (process_gone (pid))
        return TRUE;
      g_usleep (50 * 1000);
    }

  return FALSE;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
test_start_stop (void)
{
  g_autoptr(KapTestServer) first = NULL;
  g_autoptr(KapTestServer) second = NULL;
  g_autoptr(JsonNode) welcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *config = NULL;
  GPid pid;

  first = kap_test_server_start (&error);
  g_assert_no_error (error);
  second = kap_test_server_start (&error);
  g_assert_no_error (error);

  /* Two servers side by side, each on its own port and folder. */
  g_assert_cmpuint (kap_test_server_get_port (first), !=, kap_test_server_get_port (second));
  g_assert_cmpstr (kap_test_server_get_workdir (first), !=, kap_test_server_get_workdir (second));
  g_assert_true (g_str_has_prefix (kap_test_server_get_url (first), "http://127.0.0.1:"));

  welcome = kap_test_server_request (first, "GET", "/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (welcome));
  g_assert_cmpstr (json_object_get_string_member_with_default (json_node_get_object (welcome), "version", NULL),
                   ==, "4.2.0");

  /* PouchDB Server writes into its working directory, not ours. */
  config = g_build_filename (kap_test_server_get_workdir (first), "config.json", NULL);
  g_assert_true (g_file_test (config, G_FILE_TEST_IS_REGULAR));

  pid = kap_test_server_get_pid (first);
  workdir = g_strdup (kap_test_server_get_workdir (first));
  g_assert_cmpint (pid, >, 0);
  g_assert_false (process_gone (pid));

  g_clear_pointer (&first, kap_test_server_stop);
  g_assert_true (process_gone (pid));
  g_assert_false (g_file_test (workdir, G_FILE_TEST_EXISTS));

  /* The other one is untouched. */
  g_clear_pointer (&welcome, json_node_unref);
  welcome = kap_test_server_request (second, "GET", "/", NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_requests (void)
{
  g_autoptr(KapTestServer) server = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  server = kap_test_server_start (&error);
  g_assert_no_error (error);

  g_assert_true (kap_test_server_create_database (server, "kapija-st-tst", &error));
  g_assert_no_error (error);

  /* Creating it again is an error, not a quiet success. */
  g_assert_false (kap_test_server_create_database (server, "kapija-st-tst", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  /* JSON both ways, thanks to Accept: application/json. */
  reply = kap_test_server_request_text (server, "PUT", "/kapija-st-tst/person:1",
                                        "{\"type\":\"person\",\"given_name\":\"Милица\",\"family_name\":\"Јовановић\"}",
                                        &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_CREATED);
  g_assert_true (json_object_get_boolean_member_with_default (json_node_get_object (reply), "ok", FALSE));
  g_clear_pointer (&reply, json_node_unref);

  reply = kap_test_server_request (server, "GET", "/kapija-st-tst/person%3A1", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "family_name"), ==, "Јовановић");
  g_clear_pointer (&reply, json_node_unref);

  /* Without a status pointer an HTTP error is an error... */
  reply = kap_test_server_request (server, "GET", "/kapija-st-tst/missing", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_null (reply);
  g_clear_error (&error);

  /* ...with one, the caller judges the reply. */
  reply = kap_test_server_request (server, "GET", "/kapija-st-tst/missing", NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "error"), ==, "not_found");
}

static void
test_port_taken (void)
{
  g_autoptr(KapTestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd;

  /* Hold a port with a listener that never answers, then ask for it. */
  fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (fd, 1), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);

  server = kap_test_server_start_full (ntohs (addr.sin_port), &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_assert_cmpuint (kap_test_server_get_port (server), !=, ntohs (addr.sin_port));

  close (fd);
}

static void
test_port_taken_by_other_server (void)
{
  g_autoptr(KapTestServer) first = NULL;
  g_autoptr(KapTestServer) second = NULL;
  g_autoptr(GError) error = NULL;

  /* A port where another PouchDB Server already answers: the new one must
   * not take that server for itself. */
  first = kap_test_server_start (&error);
  g_assert_no_error (error);
  second = kap_test_server_start_full (kap_test_server_get_port (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_test_server_get_port (second), !=, kap_test_server_get_port (first));
  g_assert_cmpint (kap_test_server_get_pid (second), !=, kap_test_server_get_pid (first));
}

static void
test_not_installed (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("KAP_TEST_SERVER_DIR"));
  g_autofree char *empty = NULL;
  g_autoptr(KapTestServer) server = NULL;
  g_autoptr(GError) error = NULL;

  empty = g_dir_make_tmp ("kap-test-no-server-XXXXXX", &error);
  g_assert_no_error (error);

  /* A machine without the peer fails the suite, with the fix in the
   * message, rather than skipping it. */
  g_setenv ("KAP_TEST_SERVER_DIR", empty, TRUE);
  server = kap_test_server_start (&error);
  g_assert_null (server);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "install-deps"));
  g_clear_error (&error);

  g_unsetenv ("KAP_TEST_SERVER_DIR");
  server = kap_test_server_start (&error);
  g_assert_null (server);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  if (saved != NULL)
    g_setenv ("KAP_TEST_SERVER_DIR", saved, TRUE);
  g_rmdir (empty);
}

static void
test_dies_with_test (void)
{
  g_autofree char *pid_file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pid;

  if (g_test_subprocess ())
    {
      KapTestServer *server = kap_test_server_start (&error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = g_strdup_printf ("%d\n%s", kap_test_server_get_pid (server),
                              kap_test_server_get_workdir (server));
      g_assert_true (g_file_set_contents (g_getenv ("KAP_TEST_PID_FILE"), text, -1, NULL));

      /* As a failed g_assert() would: no atexit(), no cleanup. */
      abort ();
    }

  {
    g_autofree char *dir = g_dir_make_tmp ("kap-test-pid-XXXXXX", &error);

    g_assert_no_error (error);
    pid_file = g_build_filename (dir, "pid", NULL);
    g_setenv ("KAP_TEST_PID_FILE", pid_file, TRUE);

    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed ();

    g_assert_true (g_file_get_contents (pid_file, &contents, NULL, &error));
    g_assert_no_error (error);
    pid = g_ascii_strtoll (contents, NULL, 10);
    g_assert_cmpint (pid, >, 0);

    /* PR_SET_PDEATHSIG took the server down with the test process. */
    g_assert_true (wait_gone ((GPid) pid));

    /* Its folder is left behind by the abort; tidy it up here. */
    remove_tree (strchr (contents, '\n') + 1);

    g_unlink (pid_file);
    g_rmdir (dir);
    g_unsetenv ("KAP_TEST_PID_FILE");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/integration/test-server/start-stop", test_start_stop);
  g_test_add_func ("/integration/test-server/requests", test_requests);
  g_test_add_func ("/integration/test-server/port-taken", test_port_taken);
  g_test_add_func ("/integration/test-server/port-taken-by-other-server", test_port_taken_by_other_server);
  g_test_add_func ("/integration/test-server/not-installed", test_not_installed);
  g_test_add_func ("/integration/test-server/dies-with-test", test_dies_with_test);

  return g_test_run ();
}
