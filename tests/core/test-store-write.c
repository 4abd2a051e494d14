/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-test-store-fixture.h"

/* The store's one write path (core/store/kap-store-write.c): where
 * "documents-changed" is delivered, and what a failed write leaves. */

typedef struct
{
  GThread *thread;   /* where the signal came */
  guint    count;
  char    *first_id;
} Seen;

static void
seen_cb (KapStore           *store,
         const char * const *ids,
         Seen               *seen)
{
  seen->thread = g_thread_self ();
  seen->count++;
  if (seen->first_id == NULL)
    seen->first_id = g_strdup (ids[0]);
}

static gpointer
put_in_thread (gpointer data)
{
  KapStore *store = data;
  g_autoptr(KapDocument) document = test_document ("person:from-thread", "{\"type\":\"person\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = kap_store_put (store, document, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
  return NULL;
}

/* Written from a worker thread: delivered later, in the thread that
 * opened the store, by its main context; never in the writer's thread. */
static void
test_from_thread (StoreFixture  *fixture,
                  gconstpointer  data)
{
  Seen seen = { NULL, 0, NULL };
  GThread *writer;

  g_signal_connect (fixture->store, "documents-changed", G_CALLBACK (seen_cb), &seen);

  writer = g_thread_new ("writer", put_in_thread, fixture->store);
  g_thread_join (writer);
  g_assert_cmpuint (seen.count, ==, 0);

  while (seen.count == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_true (seen.thread == g_thread_self ());
  g_assert_cmpstr (seen.first_id, ==, "person:from-thread");
  g_free (seen.first_id);
}

typedef struct
{
  const char   *path;
  GMainContext *context;
} Opened;

static gpointer
open_in_thread (gpointer data)
{
  Opened *opened = data;
  g_autoptr(GError) error = NULL;
  KapStore *store;

  /* The opener has its own thread-default context, as a worker with a
   * loop of its own would. */
  opened->context = g_main_context_new ();
  g_main_context_push_thread_default (opened->context);
  store = kap_store_open (opened->path, KAP_STORE_OPEN_NONE, &error);
  g_main_context_pop_thread_default (opened->context);
  g_assert_no_error (error);

  return store;
}

/* The signal goes to the opener's thread-default context, not to the
 * global default one. */
static void
test_opener_context (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document ("person:ctx", "{\"type\":\"person\"}");
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  Opened opened = { fixture->path, NULL };
  Seen seen = { NULL, 0, NULL };

  store = g_thread_join (g_thread_new ("opener", open_in_thread, &opened));
  g_assert_nonnull (store);
  g_signal_connect (store, "documents-changed", G_CALLBACK (seen_cb), &seen);

  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);

  /* Nothing on the default context… */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen.count, ==, 0);

  /* …but on the opener's. */
  while (seen.count == 0)
    g_main_context_iteration (opened.context, TRUE);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpstr (seen.first_id, ==, "person:ctx");

  g_free (seen.first_id);
  g_clear_object (&store);
  g_main_context_unref (opened.context);
}

/* In the opener's thread the signal comes before the write returns. */
static void
test_same_thread (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(KapDocument) document = test_document ("person:here", "{\"type\":\"person\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  Seen seen = { NULL, 0, NULL };

  g_signal_connect (fixture->store, "documents-changed", G_CALLBACK (seen_cb), &seen);
  rev = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_true (seen.thread == g_thread_self ());
  g_free (seen.first_id);
}

/* A batch that fails half-way leaves nothing, no change in the feed and
 * no signal, in this thread or later. */
static void
test_rollback (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(KapDocument) gone = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen = { NULL, 0, NULL };
  gint64 last_seq = kap_store_get_last_seq (fixture->store);
  guint failed = G_MAXUINT;

  g_signal_connect (fixture->store, "documents-changed", G_CALLBACK (seen_cb), &seen);

  g_ptr_array_add (batch, test_document ("person:first", "{\"type\":\"person\"}"));
  /* No id and a type no document may have: refused inside the write. */
  g_ptr_array_add (batch, test_document (NULL, "{\"type\":\"Not A Type\"}"));
  g_assert_false (kap_store_import (fixture->store, batch, &failed, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_assert_cmpuint (failed, ==, 1);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen.count, ==, 0);
  g_assert_cmpint (kap_store_get_last_seq (fixture->store), ==, last_seq);
  g_clear_error (&error);
  gone = kap_store_get (fixture->store, "person:first", NULL, KAP_STORE_GET_DELETED, &error);
  g_assert_null (gone);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  changes = kap_store_changes (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);

  /* The store still writes afterwards: the failed one left no lock. */
  g_ptr_array_remove_index (batch, 1);
  g_assert_true (kap_store_import (fixture->store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 1);
  g_free (seen.first_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/store/write/from-thread", test_from_thread);
  ADD ("/store/write/opener-context", test_opener_context);
  ADD ("/store/write/same-thread", test_same_thread);
  ADD ("/store/write/rollback", test_rollback);
#undef ADD

  return g_test_run ();
}
