/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-import"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kap-canonical-json.h"
#include "kap-store.h"
#include "kap-fuzz.h"

/* Import of JSON lines into a real SQLite store, as `kapija-cli import`
 * does it (kap_document_new_from_json() per line, kap_store_import() per
 * batch; a blank line ends a batch here). Whatever the lines hold, the
 * store is never damaged: kap_store_check() passes, a batch that fails
 * leaves the store as it was, and what the check vouches for can be read:
 * every document of the changes feed with its winner and every leaf, as
 * `kapija-cli export` writes them, in lines that read as documents again.
 *
 * Each input gets a new, empty store (a copy of one made at the start) in
 * a folder made once per process, in memory where the machine has
 * /dev/shm: a crash then reproduces from its input alone. */

static char *store_dir;
static char *store_path;

static void
remove_store (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_path, suffixes[i], NULL);

      g_unlink (path);
    }
}

static void
remove_store_dir (void)
{
  remove_store ();
  g_rmdir (store_dir);
}

/* An empty store, made once: copying its bytes is much cheaper than
 * creating the schema for every input. */
static GBytes *empty_store;

static KapStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  KapStore *store;

  if (store_dir == NULL)
    {
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
      g_autofree char *template = g_build_filename (base, "kap-fuzz-import-XXXXXX", NULL);
      char *contents;
      gsize length;

      store_dir = g_mkdtemp (g_steal_pointer (&template));
      g_assert_nonnull (store_dir);
      store_path = g_build_filename (store_dir, "kapija.db", NULL);
      atexit (remove_store_dir);

      /* Closing the store checkpoints its log: the file is the whole store. */
      store = kap_store_open (store_path, KAP_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_object_unref (store);
      g_file_get_contents (store_path, &contents, &length, &error);
      g_assert_no_error (error);
      empty_store = g_bytes_new_take (contents, length);
    }

  remove_store ();
  g_file_set_contents_full (store_path, g_bytes_get_data (empty_store, NULL),
                            g_bytes_get_size (empty_store), G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  store = kap_store_open (store_path, KAP_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  return store;
}

/* What a reader sees of the whole store: the changes feed with every
 * document's leaves, as canonical text. */
static char *
snapshot (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = kap_store_changes (store, 0, 0, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      const KapChange *change = g_ptr_array_index (changes, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %s %d", change->seq, change->id,
                              change->rev, change->deleted);
      for (guint j = 0; change->leaves[j] != NULL; j++)
        g_string_append_printf (out, " %s", change->leaves[j]);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
check_leaf (KapStore      *store,
            const char    *id,
            const KapLeaf *leaf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(KapDocument) exported = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) missing = NULL;
  const char *revs[] = { leaf->rev, NULL };

  document = kap_store_get (store, id, leaf->rev, KAP_STORE_GET_ANCESTRY | KAP_STORE_GET_DELETED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (document), ==, leaf->rev);
  g_assert_true (kap_document_get_deleted (document) == leaf->deleted);

  line = kap_document_to_json (document);
  exported = kap_document_new_from_json (line, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_id (exported), ==, id);

  missing = kap_store_revs_diff (store, id, revs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);
}

static void
check_store (KapStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  guint n_live = 0;
  guint count;

  if (!kap_store_check (store, &error))
    g_error ("The store is damaged: %s", error->message);

  changes = kap_store_changes (store, 0, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < changes->len; i++)
    {
      const KapChange *change = g_ptr_array_index (changes, i);
      g_autoptr(KapDocument) winner = NULL;
      g_autoptr(GPtrArray) leaves = NULL;

      if (i > 0)
        g_assert_cmpint (change->seq, >, ((const KapChange *) g_ptr_array_index (changes, i - 1))->seq);
      g_assert_cmpint (change->seq, <=, kap_store_get_last_seq (store));

      winner = kap_store_get (store, change->id, NULL,
                              KAP_STORE_GET_DELETED | KAP_STORE_GET_ANCESTRY | KAP_STORE_GET_CONFLICTS,
                              &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kap_document_get_rev (winner), ==, change->rev);
      g_assert_true (kap_document_get_deleted (winner) == change->deleted);

      leaves = kap_store_get_leaves (store, change->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (leaves->len, >=, 1);
      g_assert_cmpuint (leaves->len, ==, g_strv_length (change->leaves));
      g_assert_cmpstr (((const KapLeaf *) g_ptr_array_index (leaves, 0))->rev, ==, change->rev);
      for (guint j = 0; j < leaves->len; j++)
        check_leaf (store, change->id, g_ptr_array_index (leaves, j));

      if (!change->deleted)
        n_live++;
    }

  count = kap_store_count (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, n_live);
}

static void
import_batch (KapStore  *store,
              GPtrArray *documents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  guint failed_index = G_MAXUINT;
  gint64 last_seq = kap_store_get_last_seq (store);

  if (documents->len == 0)
    return;

  before = snapshot (store);
  if (kap_store_import (store, documents, &failed_index, &error))
    {
      g_assert_no_error (error);
    }
  else
    {
      g_autofree char *after = snapshot (store);

      /* Nothing of a failed batch is written. */
      g_assert_nonnull (error);
      g_assert_cmpuint (failed_index, <, documents->len);
      g_assert_cmpint (kap_store_get_last_seq (store), ==, last_seq);
      g_assert_cmpstr (before, ==, after);
    }

  g_ptr_array_set_size (documents, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = kap_fuzz_strndup (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KapStore) store = NULL;

  store = new_store ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(KapDocument) document = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        {
          import_batch (store, documents);
          continue;
        }

      /* The CLI stops at a line that is not a document; here it is left
       * out, so that the other lines still reach the store. */
      if (!g_utf8_validate (lines[i], -1, NULL))
        continue;
      document = kap_document_new_from_json (lines[i], -1, NULL);
      if (document != NULL)
        g_ptr_array_add (documents, g_steal_pointer (&document));
    }
  import_batch (store, documents);

  check_store (store);

  return 0;
}
