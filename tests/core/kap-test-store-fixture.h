/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>

#include "kap-store.h"

/* A fresh store in a temporary folder for each test. */
typedef struct
{
  char     *dir;
  char     *path;
  KapStore *store;
} StoreFixture;

static inline void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kapija-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (fixture->path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static inline void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static inline JsonObject *
test_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static inline KapDocument *
test_document (const char *id,
               const char *json)
{
  g_autoptr(JsonObject) body = test_object (json);

  return kap_document_new (id, body);
}

/* A foreign revision with its ancestry, newest first, NULL-terminated. */
static inline KapDocument *
test_foreign (const char *id,
              gboolean    deleted,
              const char *json,
              const char *first_rev,
              ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ancestry = NULL;
  KapDocument *document = test_document (id, json);
  const char *rev;
  va_list args;

  va_start (args, first_rev);
  for (rev = first_rev; rev != NULL; rev = va_arg (args, const char *))
    g_strv_builder_add (builder, rev);
  va_end (args);

  ancestry = g_strv_builder_end (builder);
  kap_document_set_rev (document, ancestry[0]);
  kap_document_set_deleted (document, deleted);
  kap_document_set_ancestry (document, (const char * const *) ancestry);
  return document;
}

static inline gboolean
test_insert (KapStore    *store,
             KapDocument *document,
             GError     **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();

  g_ptr_array_add (batch, document);
  return kap_store_insert_revisions (store, batch, error);
}
