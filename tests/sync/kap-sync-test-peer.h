/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-fault-proxy.h"
#include "kap-test-server.h"

/* The test peer as the replicator's tests use it: a fresh database per
 * test, and the fault proxy in front of the server. */

/* "<prefix><n>", created on @server; a new n on every call. */
static inline char *
sync_test_new_database (KapTestServer *server,
                        const char    *prefix)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  char *name = g_strdup_printf ("%s%u", prefix, ++counter);

  kap_test_server_create_database (server, name, &error);
  g_assert_no_error (error);
  return name;
}

static inline KapFaultProxy *
sync_test_new_proxy (KapTestServer *server)
{
  g_autoptr(GError) error = NULL;
  KapFaultProxy *proxy = kap_fault_proxy_new (kap_test_server_get_url (server), &error);

  g_assert_no_error (error);
  return proxy;
}

/* A document as another client writes it, as JSON text (json-glib would
 * change some of what is under test). Returns its new revision. */
static inline char *
sync_test_put_text (KapTestServer *server,
                    const char    *database,
                    const char    *id,
                    const char    *json)
{
  g_autofree char *escaped = kap_test_server_escape_id (id);
  g_autofree char *path = g_strdup_printf ("/%s/%s", database, escaped);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = kap_test_server_request_text (server, "PUT", path, json, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (reply), "rev"));
}
