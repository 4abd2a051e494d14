/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-test-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kap-test-server.h"

/* PouchDB Server answers in 1-2 s on a quiet machine; a loaded CI runner
 * gets ten times that. */
#define START_TIMEOUT_USEC  (20 * G_USEC_PER_SEC)
#define POLL_INTERVAL_USEC  (100 * 1000)
#define STOP_TIMEOUT_USEC   (3 * G_USEC_PER_SEC)
#define MAX_PORT_ATTEMPTS   8

struct _KapTestServer
{
  GPid         pid;
  guint16      port;
  char        *url;
  char        *workdir;
  char        *uuid;
  SoupSession *session;
};

/* Servers still running, so that an atexit() handler can kill them when
 * the test process exits without stopping them (a failed test that
 * returns, g_test_fail() with non-fatal assertions, an early exit()).
 * abort(), which a failed g_assert ends in, skips atexit(): there
 * PR_SET_PDEATHSIG, set in the child, kills the server. */
static GMutex     live_lock;
static GPtrArray *live_servers;
static pid_t      live_owner;

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
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
kill_and_reap (GPid pid)
{
  gint64 deadline;
  siginfo_t info;

  /* The server is the leader of its own process group; anything node
   * started belongs to that group too. */
  kill (-pid, SIGTERM);

  /* Wait without reaping, so that the group id cannot be reused before the
   * final SIGKILL below reaches any straggler. */
  deadline = g_get_monotonic_time () + STOP_TIMEOUT_USEC;
  for (;;)
    {
      memset (&info, 0, sizeof info);
      if (waitid (P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0)
        break;
      if (info.si_pid == pid)
        break;
      if (g_get_monotonic_time () > deadline)
        break;
      g_usleep (20 * 1000);
    }

  kill (-pid, SIGKILL);
  kill (pid, SIGKILL);
  while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
    ;
}

static void
kill_live_servers_at_exit (void)
{
  g_mutex_lock (&live_lock);

  /* A forked child of the test inherits the handler but not the servers. */
  if (live_servers != NULL && getpid () == live_owner)
    {
      for (guint i = 0; i < live_servers->len; i++)
        {
          KapTestServer *server = g_ptr_array_index (live_servers, i);

          kill_and_reap (server->pid);
          remove_tree (server->workdir);
        }
      g_ptr_array_set_size (live_servers, 0);
    }

  g_mutex_unlock (&live_lock);
}

static void
register_live (KapTestServer *server)
{
  g_mutex_lock (&live_lock);
  if (live_servers == NULL)
    {
      live_servers = g_ptr_array_new ();
      live_owner = getpid ();
      atexit (kill_live_servers_at_exit);
    }
  g_ptr_array_add (live_servers, server);
  g_mutex_unlock (&live_lock);
}

static void
unregister_live (KapTestServer *server)
{
  g_mutex_lock (&live_lock);
  if (live_servers != NULL)
    g_ptr_array_remove (live_servers, server);
  g_mutex_unlock (&live_lock);
}

static gboolean
bind_loopback (guint16  port,
               guint16 *bound_port)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int one = 1;
  int fd;
  gboolean ok;

  fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;

  /* Node listens with SO_REUSEADDR as well, so a port in TIME_WAIT is free
   * for it; only a real listener should count as taken. */
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = htons (port);

  ok = bind (fd, (struct sockaddr *) &addr, sizeof addr) == 0;
  if (ok && bound_port != NULL)
    {
      ok = getsockname (fd, (struct sockaddr *) &addr, &len) == 0;
      *bound_port = ntohs (addr.sin_port);
    }

  close (fd);
  return ok;
}

static pid_t spawn_parent_pid;

static void
child_setup (gpointer user_data)
{
  /* Its own process group, so that stopping it reaches everything it
   * started; and death with the test process, even when that aborts. */
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);

  /* The parent may have died before the prctl() took effect. */
  if (getppid () != spawn_parent_pid)
    _exit (127);
}

static char *
read_output_tail (const char *workdir)
{
  g_autofree char *path = g_build_filename (workdir, "server-output.log", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length == 0)
    return g_strdup ("(no output)");

  if (length > 2000)
    return g_strdup (contents + length - 2000);

  return g_steal_pointer (&contents);
}

/* Whether @pid has exited; reaps it if so. */
static gboolean
child_exited (GPid  pid,
              int  *wait_status)
{
  pid_t r;

  do
    r = waitpid (pid, wait_status, WNOHANG);
  while (r < 0 && errno == EINTR);

  return r == pid || (r < 0 && errno == ECHILD);
}

static SoupSession *
new_session (guint timeout)
{
  g_autoptr(GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);

  /* A proxy from the environment must not see loopback test traffic. */
  return soup_session_new_with_options ("timeout", timeout,
                                        "idle-timeout", 5,
                                        "user-agent", "kapija-tests",
                                        "proxy-resolver", no_proxy,
                                        NULL);
}

typedef enum
{
  PROBE_NO_ANSWER,
  PROBE_OURS,
  PROBE_SOMEONE_ELSE,
} ProbeResult;

/* Whether GET / answers, and with our server's uuid: a process that
 * already listened on the port would answer too, for a moment, while our
 * server dies of EADDRINUSE. */
static ProbeResult
probe (SoupSession *session,
       const char  *url,
       const char  *uuid)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  const char *data;
  gsize length;

  message = soup_message_new (SOUP_METHOD_GET, url);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  bytes = soup_session_send_and_read (session, message, NULL, NULL);
  if (bytes == NULL)
    return PROBE_NO_ANSWER;

  data = g_bytes_get_data (bytes, &length);
  parser = json_parser_new ();
  if (soup_message_get_status (message) != SOUP_STATUS_OK ||
      data == NULL ||
      !json_parser_load_from_data (parser, data, length, NULL))
    return PROBE_SOMEONE_ELSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "uuid", NULL),
                 uuid) != 0)
    return PROBE_SOMEONE_ELSE;

  return PROBE_OURS;
}

/* PouchDB Server reads its uuid from config.json in its working directory
 * and shows it on GET /; a fresh one identifies this server. */
static gboolean
write_config (KapTestServer  *self,
              GError        **error)
{
  g_autofree char *path = g_build_filename (self->workdir, "config.json", NULL);
  g_autofree char *contents = NULL;

  g_free (self->uuid);
  self->uuid = g_uuid_string_random ();
  contents = g_strdup_printf ("{\n  \"couchdb\": {\n    \"uuid\": \"%s\"\n  }\n}\n", self->uuid);

  return g_file_set_contents (path, contents, -1, error);
}

typedef enum
{
  ATTEMPT_READY,
  ATTEMPT_PORT_TAKEN,
  ATTEMPT_FAILED,
} AttemptResult;

static AttemptResult
start_on_port (KapTestServer  *self,
               const char     *server_dir,
               const char     *program,
               GError        **error)
{
  g_autoptr(SoupSession) probe_session = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *port_text = g_strdup_printf ("%u", self->port);
  const char *argv[] = {
    program, "--in-memory", "--host", "127.0.0.1", "--port", port_text, "-n", NULL
  };
  gint64 deadline;
  int out_fd;
  int null_fd;
  int wait_status = 0;
  gboolean spawned;

  if (!write_config (self, error))
    return ATTEMPT_FAILED;

  output_path = g_build_filename (self->workdir, "server-output.log", NULL);
  out_fd = open (output_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || null_fd < 0)
    {
      int saved_errno = errno;

      if (out_fd >= 0)
        close (out_fd);
      if (null_fd >= 0)
        close (null_fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot open the test server’s output file %s: %s",
                   output_path, g_strerror (saved_errno));
      return ATTEMPT_FAILED;
    }

  /* Its stdout must not reach ours: that is the TAP stream. */
  spawn_parent_pid = getpid ();
  spawned = g_spawn_async_with_fds (self->workdir, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD,
                                    child_setup, NULL, &self->pid,
                                    null_fd, out_fd, out_fd, error);
  close (out_fd);
  close (null_fd);
  if (!spawned)
    {
      g_prefix_error (error, "Cannot start %s (from %s): ", program, server_dir);
      return ATTEMPT_FAILED;
    }

  probe_session = new_session (2);
  deadline = g_get_monotonic_time () + START_TIMEOUT_USEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (child_exited (self->pid, &wait_status))
        {
          g_autofree char *output = read_output_tail (self->workdir);

          self->pid = 0;

          /* PouchDB Server 4.2.0 with -n dies of a TypeError
           * (stopTailingLog) on EADDRINUSE before it can say so, hence the
           * check of the port itself. */
          if (strstr (output, "EADDRINUSE") != NULL ||
              strstr (output, "already in use") != NULL ||
              !bind_loopback (self->port, NULL))
            return ATTEMPT_PORT_TAKEN;

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The test server exited (status %d) before it answered "
                       "on port %u. Its output:\n%s",
                       wait_status, self->port, output);
          return ATTEMPT_FAILED;
        }

      switch (probe (probe_session, self->url, self->uuid))
        {
        case PROBE_OURS:
          return ATTEMPT_READY;

        case PROBE_SOMEONE_ELSE:
          /* Ours cannot listen there; do not wait for it to notice. */
          kill_and_reap (self->pid);
          self->pid = 0;
          return ATTEMPT_PORT_TAKEN;

        case PROBE_NO_ANSWER:
        default:
          break;
        }

      g_usleep (POLL_INTERVAL_USEC);
    }

  {
    g_autofree char *output = read_output_tail (self->workdir);

    kill_and_reap (self->pid);
    self->pid = 0;
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 "The test server did not answer GET %s within %d s. Its output:\n%s",
                 self->url, (int) (START_TIMEOUT_USEC / G_USEC_PER_SEC), output);
  }
  return ATTEMPT_FAILED;
}

static void
kap_test_server_free (KapTestServer *self)
{
  g_clear_object (&self->session);
  if (self->workdir != NULL)
    remove_tree (self->workdir);
  g_free (self->workdir);
  g_free (self->uuid);
  g_free (self->url);
  g_free (self);
}

KapTestServer *
kap_test_server_start (GError **error)
{
  return kap_test_server_start_full (0, error);
}

KapTestServer *
kap_test_server_start_full (guint16   port,
                            GError  **error)
{
  const char *server_dir = g_getenv ("KAP_TEST_SERVER_DIR");
  g_autofree char *program = NULL;
  KapTestServer *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (server_dir == NULL || *server_dir == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "KAP_TEST_SERVER_DIR is not set: run the integration "
                           "tests through meson test (tests/meson.build sets it)");
      return NULL;
    }

  program = g_build_filename (server_dir, "node_modules", ".bin", "pouchdb-server", NULL);
  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The PouchDB Server test peer is not installed (%s is missing): "
                   "run build-aux/install-deps (or `npm ci --ignore-scripts` in %s) "
                   "before the integration tests",
                   program, server_dir);
      return NULL;
    }

  self = g_new0 (KapTestServer, 1);
  self->workdir = g_dir_make_tmp ("kap-test-server-XXXXXX", error);
  if (self->workdir == NULL)
    {
      kap_test_server_free (self);
      return NULL;
    }

  for (guint attempt = 0; attempt < MAX_PORT_ATTEMPTS; attempt++)
    {
      AttemptResult result;

      /* Another process may take the port between this and the server's
       * own bind; then the attempt reports the port as taken and we try
       * the next one. */
      if (attempt == 0 && port != 0)
        self->port = port;
      else if (!bind_loopback (0, &self->port))
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot find a free port on 127.0.0.1: %s",
                       g_strerror (saved_errno));
          kap_test_server_free (self);
          return NULL;
        }

      g_free (self->url);
      self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);

      result = start_on_port (self, server_dir, program, error);
      if (result == ATTEMPT_READY)
        {
          self->session = new_session (120);
          register_live (self);
          g_debug ("PouchDB Server %d on %s in %s", self->pid, self->url, self->workdir);
          return self;
        }
      if (result == ATTEMPT_FAILED)
        {
          kap_test_server_free (self);
          return NULL;
        }

      g_debug ("Port %u was taken, trying another one", self->port);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
               "The test server found no free port in %d attempts",
               MAX_PORT_ATTEMPTS);
  kap_test_server_free (self);
  return NULL;
}

void
kap_test_server_stop (KapTestServer *self)
{
  if (self == NULL)
    return;

  unregister_live (self);

  /* Close idle connections first, so node does not wait for them. */
  if (self->session != NULL)
    soup_session_abort (self->session);

  if (self->pid > 0)
    kill_and_reap (self->pid);
  self->pid = 0;

  kap_test_server_free (self);
}

const char *
kap_test_server_get_url (KapTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

guint16
kap_test_server_get_port (KapTestServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

GPid
kap_test_server_get_pid (KapTestServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pid;
}

const char *
kap_test_server_get_workdir (KapTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->workdir;
}

SoupSession *
kap_test_server_get_session (KapTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->session;
}

JsonNode *
kap_test_server_request_text (KapTestServer  *self,
                              const char     *method,
                              const char     *path,
                              const char     *body,
                              guint          *status,
                              GError        **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *url = NULL;
  const char *data;
  gsize length = 0;
  guint code;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  url = g_strconcat (self->url, path, NULL);
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Not a valid URL: %s", url);
      return NULL;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  reply = soup_session_send_and_read (self->session, message, NULL, error);
  if (reply == NULL)
    {
      g_prefix_error (error, "%s %s: ", method, path);
      return NULL;
    }

  code = soup_message_get_status (message);
  data = g_bytes_get_data (reply, &length);

  if (status != NULL)
    *status = code;
  else if (!SOUP_STATUS_IS_SUCCESSFUL (code))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s %s: HTTP %u: %.*s", method, path, code,
                   (int) MIN (length, 1000), data != NULL ? data : "");
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", length, error))
    {
      g_prefix_error (error, "%s %s: HTTP %u, not JSON: ", method, path, code);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s %s: HTTP %u with an empty reply", method, path, code);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

JsonNode *
kap_test_server_request (KapTestServer  *self,
                         const char     *method,
                         const char     *path,
                         JsonNode       *body,
                         guint          *status,
                         GError        **error)
{
  g_autofree char *text = NULL;

  if (body != NULL)
    text = json_to_string (body, FALSE);

  return kap_test_server_request_text (self, method, path, text, status, error);
}

gboolean
kap_test_server_create_database (KapTestServer  *self,
                                 const char     *name,
                                 GError        **error)
{
  g_autofree char *escaped = kap_test_server_escape_id (name);
  g_autofree char *path = g_strconcat ("/", escaped, NULL);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_test_server_request_text (self, "PUT", path, NULL, &status, error);
  if (reply == NULL)
    return FALSE;

  if (status != SOUP_STATUS_CREATED)
    {
      g_autofree char *text = json_to_string (reply, FALSE);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "PUT /%s: HTTP %u: %s", name, status, text);
      return FALSE;
    }

  return TRUE;
}

char *
kap_test_server_escape_id (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_uri_escape_string (id, NULL, FALSE);
}
