/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-foreign-peer"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <gio/gio.h>

#include "kap-foreign-peer.h"

struct _KapForeignPeer
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
};

static pid_t start_parent_pid;

static void
child_setup (gpointer user_data)
{
  /* Its own process group, and death with the test process even when
   * that aborts, as the test server (kap-test-server.c). */
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != start_parent_pid)
    _exit (127);
}

static void
kap_foreign_peer_free (KapForeignPeer *self)
{
  g_clear_object (&self->in);
  g_clear_object (&self->out);
  g_clear_object (&self->process);
  g_free (self);
}

KapForeignPeer *
kap_foreign_peer_start (const char  *database_url,
                        const char  *user,
                        const char  *password,
                        GError     **error)
{
  const char *server_dir = g_getenv ("KAP_TEST_SERVER_DIR");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(JsonObject) opened = NULL;
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *script = NULL;
  g_autofree char *module = NULL;
  KapForeignPeer *self;

  g_return_val_if_fail (database_url != NULL, NULL);

  if (server_dir == NULL || *server_dir == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "KAP_TEST_SERVER_DIR is not set: run the tests through meson test");
      return NULL;
    }
  script = g_build_filename (server_dir, "kap-foreign-peer.js", NULL);
  module = g_build_filename (server_dir, "node_modules", "pouchdb-core", "package.json", NULL);
  if (node == NULL || !g_file_test (module, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The PouchDB 9 foreign peer cannot run (%s): run build-aux/install-deps.sh "
                   "--tests (or `npm ci --ignore-scripts` in %s)",
                   node == NULL ? "no node in PATH" : "pouchdb-core is not installed", server_dir);
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, server_dir);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  start_parent_pid = getpid ();

  self = g_new0 (KapForeignPeer, 1);
  self->process = g_subprocess_launcher_spawn (launcher, error, node, script, NULL);
  if (self->process == NULL)
    {
      kap_foreign_peer_free (self);
      return NULL;
    }
  self->in = g_object_ref (g_subprocess_get_stdin_pipe (self->process));
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));

  json_object_set_string_member (args, "url", database_url);
  if (user != NULL)
    {
      json_object_set_string_member (args, "user", user);
      json_object_set_string_member (args, "password", password);
    }
  opened = kap_foreign_peer_call (self, "open", args, error);
  if (opened == NULL)
    {
      kap_foreign_peer_stop (self);
      return NULL;
    }

  return self;
}

void
kap_foreign_peer_stop (KapForeignPeer *self)
{
  if (self == NULL)
    return;

  /* Its replica is in memory: nothing is lost by ending it at once, and
   * a command stuck on the network cannot hold the test up. */
  g_output_stream_close (self->in, NULL, NULL);
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  kap_foreign_peer_free (self);
}

gboolean
kap_foreign_peer_send (KapForeignPeer  *self,
                       const char      *command,
                       JsonObject      *args,
                       GError         **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  json_object_set_string_member (object, "cmd", command);
  if (args != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (args);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data, json_object_dup_member (args, l->data));
    }

  node = json_node_init_object (json_node_alloc (), object);
  text = json_to_string (node, FALSE);
  line = g_strconcat (text, "\n", NULL);

  if (!g_output_stream_write_all (self->in, line, strlen (line), NULL, NULL, error) ||
      !g_output_stream_flush (self->in, NULL, error))
    {
      g_prefix_error (error, "The foreign peer did not take “%s”: ", command);
      return FALSE;
    }

  return TRUE;
}

JsonObject *
kap_foreign_peer_receive (KapForeignPeer  *self,
                          GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  JsonNode *root;
  JsonObject *reply;

  g_return_val_if_fail (self != NULL, NULL);

  line = g_data_input_stream_read_line_utf8 (self->out, NULL, NULL, error);
  if (line == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
                             "The foreign peer ended without a reply (its error output "
                             "is in the test log)");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, line, -1, error))
    {
      g_prefix_error (error, "The foreign peer replied with something other than JSON: ");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The foreign peer's reply is not a JSON object");
      return NULL;
    }

  reply = json_node_get_object (root);
  if (json_object_has_member (reply, "error"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The foreign peer failed: %s",
                   json_object_get_string_member_with_default (reply, "error", "?"));
      return NULL;
    }

  return json_object_ref (reply);
}

JsonObject *
kap_foreign_peer_call (KapForeignPeer  *self,
                       const char      *command,
                       JsonObject      *args,
                       GError         **error)
{
  if (!kap_foreign_peer_send (self, command, args, error))
    return NULL;

  return kap_foreign_peer_receive (self, error);
}

gboolean
kap_foreign_peer_get (KapForeignPeer  *self,
                      const char      *id,
                      JsonObject     **doc,
                      GError         **error)
{
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  JsonNode *node;

  g_return_val_if_fail (doc != NULL && *doc == NULL, FALSE);

  json_object_set_string_member (args, "id", id);
  reply = kap_foreign_peer_call (self, "get", args, error);
  if (reply == NULL)
    return FALSE;

  node = json_object_get_member (reply, "doc");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    *doc = json_object_ref (json_node_get_object (node));
  return TRUE;
}
