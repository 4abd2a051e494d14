/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-sync"

/* The sync benchmark, Kapija's side (the sync issue, point 12). Run by
 * build-aux/bench-sync.sh, one subcommand per fresh process:
 *
 *   bench-sync push FILE STORE URL DB      import FILE (JSON lines, as
 *                                          bench-store generate writes
 *                                          them) into a new store, then time
 *                                          pushing it into an empty DB
 *   bench-sync pull STORE URL DB EXPECTED  time pulling DB into a new store
 *   bench-sync gzip FILE                   the gzip size of each document's
 *                                          canonical JSON, on average
 *
 * Results are "key value" lines; a count that does not match exits
 * non-zero, so that no figure comes from a broken run. Only the
 * replication is timed. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kap-canonical-json.h"
#include "kap-couch-peer.h"

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-sync: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (EXIT_FAILURE);
}

static guint
parse_count (const char *text)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, &error))
    die (text, error);
  return (guint) value;
}

static char **
read_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    die (path, error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

static KapStore *
create_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  KapStore *store;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "bench-sync: %s exists already\n", path);
      exit (EXIT_FAILURE);
    }
  store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    die (path, error);
  return store;
}

static KapReplicationSummary *
replicate (KapStore                *store,
           const char              *url,
           const char              *database,
           KapReplicationDirection  direction,
           double                  *seconds)
{
  g_autoptr(KapCouchClient) client = kap_couch_client_new (url, 120);
  g_autoptr(KapReplicator) replicator = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  KapReplicationSummary *summary;

  if (client == NULL)
    die (url, NULL);
  replicator = kap_couch_replicator_new (store, client, database);

  timer = g_timer_new ();
  summary = kap_replicator_run (replicator, direction, NULL, &error);
  *seconds = g_timer_elapsed (timer, NULL);
  if (summary == NULL)
    die ("replication", error);
  return summary;
}

static int
cmd_push (int    argc,
          char **argv)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  double seconds;

  if (argc != 6)
    {
      fprintf (stderr, "usage: bench-sync push FILE STORE URL DB\n");
      return EXIT_FAILURE;
    }

  lines = read_lines (argv[2]);
  n = g_strv_length (lines);
  store = create_store (argv[3]);

  /* Untimed: the records as officers would have saved them. */
  for (guint i = 0; i < n; i++)
    {
      KapDocument *document = kap_document_new_from_json (lines[i], -1, &error);

      if (document == NULL)
        die (argv[2], error);
      g_ptr_array_add (batch, document);
      if (batch->len == 1000 || i == n - 1)
        {
          if (!kap_store_import (store, batch, NULL, &error))
            die ("import", error);
          g_ptr_array_set_size (batch, 0);
        }
    }

  summary = replicate (store, argv[4], argv[5], KAP_REPLICATION_PUSH, &seconds);
  if (summary->pushed != n || summary->errors != 0 || summary->rejected != 0)
    {
      fprintf (stderr, "bench-sync: pushed %u of %u (%u errors, %u rejected)\n",
               summary->pushed, n, summary->errors, summary->rejected);
      return EXIT_FAILURE;
    }

  printf ("push_docs %u\n", n);
  printf ("push_s %.3f\n", seconds);
  printf ("push_docs_per_s %.0f\n", n / seconds);
  return EXIT_SUCCESS;
}

static int
cmd_pull (int    argc,
          char **argv)
{
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapReplicationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint expected, count;
  double seconds;

  if (argc != 6)
    {
      fprintf (stderr, "usage: bench-sync pull STORE URL DB EXPECTED\n");
      return EXIT_FAILURE;
    }

  expected = parse_count (argv[5]);
  store = create_store (argv[2]);
  summary = replicate (store, argv[3], argv[4], KAP_REPLICATION_PULL, &seconds);

  count = kap_store_count (store, NULL, &error);
  if (error != NULL)
    die ("count", error);
  if (count != expected || summary->pulled != expected)
    {
      fprintf (stderr, "bench-sync: pulled %u, the store has %u, expected %u\n",
               summary->pulled, count, expected);
      return EXIT_FAILURE;
    }

  printf ("pull_docs %u\n", count);
  printf ("pull_s %.3f\n", seconds);
  printf ("pull_docs_per_s %.0f\n", count / seconds);
  return EXIT_SUCCESS;
}

static gsize
gzip_size (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GError) error = NULL;
  gsize size = strlen (text), read = 0, written = 0, total = 0;
  char out[65536];
  GConverterResult result;

  do
    {
      result = g_converter_convert (G_CONVERTER (compressor), text + read, size - read,
                                    out, sizeof out, G_CONVERTER_INPUT_AT_END,
                                    &read, &written, &error);
      if (result == G_CONVERTER_ERROR)
        die ("gzip", error);
      total += written;
      text += read;
      size -= read;
      read = 0;
    }
  while (result != G_CONVERTER_FINISHED);

  return total;
}

static int
cmd_gzip (int    argc,
          char **argv)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint64 raw = 0, zipped = 0;
  guint n;

  if (argc != 3)
    {
      fprintf (stderr, "usage: bench-sync gzip FILE\n");
      return EXIT_FAILURE;
    }

  lines = read_lines (argv[2]);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KapDocument) document = kap_document_new_from_json (lines[i], -1, &error);
      g_autofree char *canonical = NULL;

      if (document == NULL)
        die (argv[2], error);
      canonical = kap_canonical_json_object (kap_document_get_body (document), FALSE);
      raw += strlen (canonical);
      zipped += gzip_size (canonical);
    }

  printf ("json_bytes_per_doc %.0f\n", (double) raw / n);
  printf ("gzip_bytes_per_doc %.0f\n", (double) zipped / n);
  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "push"))
    return cmd_push (argc, argv);
  if (argc >= 2 && g_str_equal (argv[1], "pull"))
    return cmd_pull (argc, argv);
  if (argc >= 2 && g_str_equal (argv[1], "gzip"))
    return cmd_gzip (argc, argv);

  fprintf (stderr, "usage: bench-sync push|pull|gzip …\n");
  return EXIT_FAILURE;
}
