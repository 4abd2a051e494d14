/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Crash safety of the store: kap-crash-writer writes to a store and says
 * after every successful call what it saved; we SIGKILL it at a random
 * moment, then open the store and check that everything it acknowledged is
 * there, whole, in the changes feed, and that SQLite finds the file sound.
 * Nothing unacknowledged is required; nothing acknowledged may be missing.
 *
 * The writer is killed where it stopped, at a file write or lock the test
 * chose at random (kap-crash-vfs.h), never after a time: a slow machine
 * or a sanitizer build covers the same ground as a fast one. Reproduce a
 * run with --seed=N or KAP_TEST_SEED=N; KAP_CRASH_ITERATIONS changes the
 * number of kills. */

#define G_LOG_DOMAIN "test-store-crash"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kap-canonical-json.h"
#include "kap-revision.h"
#include "kap-store.h"

#define DEFAULT_ITERATIONS 240
/* Every FRESH_EVERY-th kill hits a brand-new store, while it is created. */
#define FRESH_EVERY 12
/* Where the writer stops (kap-crash-vfs.h), counted in file writes and
 * WAL index locks from its start: creating a store takes about 70,
 * opening one about 28, a save about 10 to 40. */
#define FRESH_STOP_MAX 100
#define OPEN_STOP_MAX 30
#define WRITE_STOP_MAX 500
#define MAX_UPDATE_IDS 6
/* Checking every document after every kill would cost O(n²) over the run:
 * a kill's check covers the documents it may have touched plus a sample
 * of the others, and every FULL_CHECK_EVERY-th check (and the last) all. */
#define FULL_CHECK_EVERY 20
#define SAMPLE_SIZE 150

/* One acknowledged revision. */
typedef struct
{
  char     *rev;
  char     *md5;         /* NULL for a tombstone */
  gboolean  superseded;  /* a later acknowledged edit is its child */
} AckedRev;

typedef struct
{
  char       *id;
  gboolean    foreign;    /* inserted as foreign revisions, may have conflicts */
  gboolean    editable;   /* a local edit whose last acknowledged edit is no delete */
  GHashTable *acked;      /* rev → AckedRev, every acknowledged revision */
} ModelDoc;

typedef struct
{
  guint64  generation;    /* of the acknowledged "0-N" */
  char    *md5;
} ModelLocal;

typedef struct
{
  char       *path;
  gboolean    ready;      /* some writer said the store was open */
  GHashTable *docs;       /* id → ModelDoc */
  GHashTable *locals;     /* id → ModelLocal */
  GHashTable *dirty;      /* ids the writers touched since the last check */
  guint       unverified; /* acknowledgements since the last check */
} CrashStore;

enum { ACK_PUT, ACK_DEL, ACK_IMP, ACK_LEAF, ACK_LOCAL, ACK_READY, ACK_STOP, N_ACK_KINDS };
static const char * const ack_kinds[] = { "put", "del", "imp", "leaf", "local", "ready", "stop" };

typedef struct
{
  guint    iterations;
  guint    kills_before_ready;
  guint    hot_wal_starts;
  guint    deferred_checks;
  guint    full_checks;
  guint    fresh_stores;
  guint    half_created;
  guint64  acks;
  guint64  acks_verified;
  guint64  revisions_checked;
  guint64  superseded;
  guint64  unacknowledged_children;
  guint    kinds[N_ACK_KINDS];
  gint64   writer_usec;
  gint64   check_usec;
} Stats;

static guint32 test_seed;
static guint current_iteration;
static const char *current_store;

static void crash_fail (const char *format, ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;

/* Every failure names the seed, so that it can be run again. */
static void
crash_fail (const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_error ("seed %u, iteration %u, store %s: %s",
           test_seed, current_iteration, current_store, message);
}

static void
acked_rev_free (gpointer data)
{
  AckedRev *ack = data;

  g_free (ack->rev);
  g_free (ack->md5);
  g_free (ack);
}

static void
model_doc_free (gpointer data)
{
  ModelDoc *doc = data;

  g_free (doc->id);
  g_hash_table_unref (doc->acked);
  g_free (doc);
}

static void
model_local_free (gpointer data)
{
  ModelLocal *local = data;

  g_free (local->md5);
  g_free (local);
}

static CrashStore *
crash_store_new (const char *path)
{
  CrashStore *cs = g_new0 (CrashStore, 1);

  cs->path = g_strdup (path);
  cs->docs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, model_doc_free);
  cs->locals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, model_local_free);
  cs->dirty = g_hash_table_new (g_str_hash, g_str_equal);

  return cs;
}

static void
crash_store_free (CrashStore *cs)
{
  g_hash_table_unref (cs->dirty);
  g_hash_table_unref (cs->docs);
  g_hash_table_unref (cs->locals);
  g_free (cs->path);
  g_free (cs);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrashStore, crash_store_free)

static void
remove_store_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_error ("Cannot remove %s: %s", file, g_strerror (errno));
    }
}

static gboolean
has_hot_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

static char *
body_md5 (JsonObject *body)
{
  g_autofree char *canonical = kap_canonical_json_object (body, TRUE);

  return g_compute_checksum_for_string (G_CHECKSUM_MD5, canonical, -1);
}

/* The model: the latest acknowledged revisions of each document. */

static ModelDoc *
model_doc_ensure (CrashStore *cs,
                  const char *id)
{
  ModelDoc *doc = g_hash_table_lookup (cs->docs, id);

  if (doc == NULL)
    {
      doc = g_new0 (ModelDoc, 1);
      doc->id = g_strdup (id);
      doc->acked = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, acked_rev_free);
      g_hash_table_insert (cs->docs, doc->id, doc);
    }

  return doc;
}

static void
model_add_tip (ModelDoc   *doc,
               const char *parent,
               const char *rev,
               const char *md5)
{
  AckedRev *ack = g_new0 (AckedRev, 1);
  AckedRev *parent_acked = g_hash_table_lookup (doc->acked, parent);

  /* When the parent is not in the model, the writer edited a revision
   * that an earlier, killed run saved without saying so. */
  if (parent_acked != NULL)
    parent_acked->superseded = TRUE;

  ack->rev = g_strdup (rev);
  ack->md5 = g_str_equal (md5, "deleted") ? NULL : g_strdup (md5);
  g_hash_table_replace (doc->acked, ack->rev, ack);
}

static void
parse_ack (CrashStore *cs,
           Stats      *stats,
           const char *line)
{
  g_auto(GStrv) f = g_strsplit (line, " ", -1);
  guint n = g_strv_length (f);
  guint kind;
  ModelDoc *doc;

  for (kind = 0; kind < N_ACK_KINDS; kind++)
    if (g_strcmp0 (f[0], ack_kinds[kind]) == 0)
      break;

  if (kind == ACK_READY && n == 1)
    {
      cs->ready = TRUE;
      return;
    }
  if (kind == ACK_STOP && n == 1)
    return;

  if (kind >= ACK_READY || n != 5 ||
      !(kind == ACK_LOCAL ? g_str_has_prefix (f[3], "0-") : kap_revision_is_valid (f[3])) ||
      (!g_str_equal (f[2], "-") && !kap_revision_is_valid (f[2])))
    crash_fail ("the writer said something unexpected: “%s”", line);

  stats->kinds[kind]++;
  stats->acks++;
  cs->unverified++;

  if (kind == ACK_LOCAL)
    {
      ModelLocal *local = g_new0 (ModelLocal, 1);

      local->generation = g_ascii_strtoull (f[3] + 2, NULL, 10);
      local->md5 = g_strdup (f[4]);
      g_hash_table_replace (cs->locals, g_strdup (f[1]), local);
      return;
    }

  doc = model_doc_ensure (cs, f[1]);
  model_add_tip (doc, f[2], f[3], f[4]);
  g_hash_table_add (cs->dirty, doc->id);

  switch (kind)
    {
    case ACK_PUT:
    case ACK_IMP:
      doc->editable = TRUE;
      break;
    case ACK_DEL:
      doc->editable = FALSE;
      break;
    case ACK_LEAF:
      doc->foreign = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Reads every complete line; a kill may cut the last one short. */
static void
parse_acks (CrashStore *cs,
            Stats      *stats,
            const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n = g_strv_length (lines);

  for (guint i = 0; i + 1 < n; i++)
    parse_ack (cs, stats, lines[i]);
}

/* Running and killing the writer */

static const char *
writer_path (void)
{
  const char *path = g_getenv ("KAP_CRASH_WRITER");

  return path != NULL ? path : KAP_CRASH_WRITER;
}

/* Appends what @fd has (one read), or everything up to EOF. Returns FALSE
 * at EOF. */
static gboolean
read_fd (int      fd,
         GString *out,
         gboolean until_eof)
{
  char buffer[16384];

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        crash_fail ("reading from the writer: %s", g_strerror (errno));
      if (n == 0)
        return FALSE;
      g_string_append_len (out, buffer, n);
      if (!until_eof)
        return TRUE;
    }
}

/* Whether @out ends in the writer's "stop" line. */
static gboolean
writer_stopped (GString *out)
{
  return g_str_equal (out->str, "stop\n") || g_str_has_suffix (out->str, "\nstop\n");
}

/* Runs the writer on @cs until it stops at its @stop_at-th file write (0:
 * kills it at once, while it starts), kills it and returns what it wrote
 * on stdout. */
static char *
run_writer (CrashStore *cs,
            guint32     writer_seed,
            guint64     stop_at,
            GPtrArray  *update_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  GPid pid;
  int out_fd, err_fd;
  int status;

  g_ptr_array_add (argv, g_strdup (writer_path ()));
  g_ptr_array_add (argv, g_strdup (cs->path));
  g_ptr_array_add (argv, g_strdup_printf ("%u", writer_seed));
  g_ptr_array_add (argv, g_strdup_printf ("%" G_GUINT64_FORMAT, stop_at));
  for (guint i = 0; i < update_ids->len; i++)
    g_ptr_array_add (argv, g_strdup (g_ptr_array_index (update_ids, i)));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                 NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error))
    crash_fail ("cannot start %s: %s", writer_path (), error->message);

  /* Read until it says it stopped; a writer that ends first failed. The
   * "stop" line is always the last it writes. */
  while (stop_at != 0 && !writer_stopped (out))
    if (!read_fd (out_fd, out, FALSE))
      {
        read_fd (err_fd, err, TRUE);
        crash_fail ("the writer ended before its stop: %s", err->str);
      }

  if (kill (pid, SIGKILL) != 0)
    crash_fail ("kill: %s", g_strerror (errno));

  read_fd (out_fd, out, TRUE);
  read_fd (err_fd, err, TRUE);
  close (out_fd);
  close (err_fd);

  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      crash_fail ("waitpid: %s", g_strerror (errno));
  g_spawn_close_pid (pid);

  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    crash_fail ("the writer stopped by itself (%s %d): %s",
                WIFSIGNALED (status) ? "signal" : "exit status",
                WIFSIGNALED (status) ? WTERMSIG (status) : WEXITSTATUS (status),
                err->str);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Checking the store against the model */

static KapDocument *
get_revision (KapStore         *store,
              const char       *id,
              const char       *rev,
              KapStoreGetFlags  flags)
{
  g_autoptr(GError) error = NULL;
  KapDocument *document;

  document = kap_store_get (store, id, rev, flags | KAP_STORE_GET_DELETED, &error);
  if (document == NULL && !g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
    crash_fail ("reading %s %s: %s", id, rev ? rev : "(winner)", error->message);

  return document;
}

/* Whether @rev is a proper ancestor of one of @leaves; their ancestries
 * are read once into @ancestries. */
static gboolean
rev_is_ancestor (KapStore    *store,
                 const char  *id,
                 GPtrArray   *leaves,
                 GPtrArray  **ancestries,
                 const char  *rev)
{
  if (*ancestries == NULL)
    {
      *ancestries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint i = 0; i < leaves->len; i++)
        {
          KapLeaf *leaf = g_ptr_array_index (leaves, i);
          g_autoptr(KapDocument) document = get_revision (store, id, leaf->rev, KAP_STORE_GET_ANCESTRY);
          const char * const *ancestry;

          if (document == NULL)
            crash_fail ("leaf %s of %s cannot be read", leaf->rev, id);

          ancestry = kap_document_get_ancestry (document);
          if (ancestry == NULL || g_strcmp0 (ancestry[0], leaf->rev) != 0)
            crash_fail ("the ancestry of %s %s does not start with it", id, leaf->rev);
          g_ptr_array_add (*ancestries, g_strdupv ((char **) ancestry));
        }
    }

  for (guint i = 0; i < (*ancestries)->len; i++)
    {
      const char * const *ancestry = g_ptr_array_index (*ancestries, i);

      if (g_strv_contains (ancestry + 1, rev))
        return TRUE;
    }

  return FALSE;
}

static void
check_document (KapStore   *store,
                ModelDoc   *doc,
                GHashTable *feed,
                Stats      *stats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(GPtrArray) ancestries = NULL;
  g_autoptr(KapDocument) winner = NULL;
  g_autoptr(KapDocument) live = NULL;
  GHashTableIter iter;
  KapLeaf *first;
  KapChange *change;
  AckedRev *ack;

  leaves = kap_store_get_leaves (store, doc->id, &error);
  if (leaves == NULL)
    crash_fail ("acknowledged document %s is missing: %s", doc->id, error->message);
  if (leaves->len == 0)
    crash_fail ("acknowledged document %s has no leaves", doc->id);
  if (!doc->foreign && leaves->len != 1)
    crash_fail ("document %s was only edited locally but has %u leaves", doc->id, leaves->len);

  g_hash_table_iter_init (&iter, doc->acked);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &ack))
    {
      g_autoptr(KapDocument) document = NULL;
      KapLeaf *leaf = NULL;

      stats->revisions_checked++;

      for (guint i = 0; i < leaves->len && leaf == NULL; i++)
        if (g_str_equal (((KapLeaf *) g_ptr_array_index (leaves, i))->rev, ack->rev))
          leaf = g_ptr_array_index (leaves, i);

      if (leaf != NULL && leaf->deleted != (ack->md5 == NULL))
        crash_fail ("leaf %s of %s is %s, acknowledged as %s", ack->rev, doc->id,
                    leaf->deleted ? "deleted" : "live", ack->md5 ? "live" : "deleted");

      /* An acknowledged revision with an acknowledged child must have
       * stayed in the tree, as an ancestor. */
      if (ack->superseded && leaf != NULL)
        crash_fail ("revision %s of %s was edited, yet it is still a leaf", ack->rev, doc->id);

      if (leaf == NULL)
        {
          if (!rev_is_ancestor (store, doc->id, leaves, &ancestries, ack->rev))
            crash_fail ("acknowledged revision %s of %s is neither a leaf nor an ancestor of one",
                        ack->rev, doc->id);
          /* Without an acknowledged child, only a later save that the
           * kill kept from being acknowledged may have built on it. */
          if (ack->superseded)
            stats->superseded++;
          else
            stats->unacknowledged_children++;
        }

      document = get_revision (store, doc->id, ack->rev, KAP_STORE_GET_NONE);
      if (document == NULL)
        {
          /* Leaves keep their bodies; ancestors may be compacted. */
          if (leaf != NULL)
            crash_fail ("acknowledged leaf %s of %s cannot be read", ack->rev, doc->id);
          continue;
        }

      if (g_strcmp0 (kap_document_get_rev (document), ack->rev) != 0)
        crash_fail ("asked for %s of %s, got %s", ack->rev, doc->id, kap_document_get_rev (document));
      if (ack->md5 == NULL)
        {
          if (!kap_document_get_deleted (document))
            crash_fail ("acknowledged tombstone %s of %s is not deleted", ack->rev, doc->id);
        }
      else
        {
          g_autofree char *md5 = body_md5 (kap_document_get_body (document));

          if (kap_document_get_deleted (document))
            crash_fail ("acknowledged revision %s of %s reads as deleted", ack->rev, doc->id);
          if (!g_str_equal (md5, ack->md5))
            crash_fail ("the body of %s %s changed: md5 %s, acknowledged %s",
                        doc->id, ack->rev, md5, ack->md5);
        }
    }

  /* Reads report the first leaf as the winner, and a deleted winner reads
   * as deleted. */
  first = g_ptr_array_index (leaves, 0);
  winner = get_revision (store, doc->id, NULL, KAP_STORE_GET_NONE);
  if (winner == NULL || g_strcmp0 (kap_document_get_rev (winner), first->rev) != 0 ||
      kap_document_get_deleted (winner) != first->deleted)
    crash_fail ("the winner of %s is not its first leaf %s", doc->id, first->rev);

  live = kap_store_get (store, doc->id, NULL, KAP_STORE_GET_NONE, &error);
  if (first->deleted != (live == NULL))
    crash_fail ("%s reads as %s but its winner is %s", doc->id,
                live ? "live" : "missing", first->deleted ? "deleted" : "live");
  g_clear_error (&error);

  change = g_hash_table_lookup (feed, doc->id);
  if (change == NULL)
    crash_fail ("acknowledged document %s is not in the changes feed", doc->id);
  if (g_strcmp0 (change->rev, first->rev) != 0 || change->deleted != first->deleted)
    crash_fail ("the changes feed has %s at %s, the store's winner is %s",
                doc->id, change->rev, first->rev);
  for (guint i = 0; i < leaves->len; i++)
    {
      KapLeaf *leaf = g_ptr_array_index (leaves, i);

      if (change->leaves == NULL || !g_strv_contains ((const char * const *) change->leaves, leaf->rev))
        crash_fail ("the changes feed entry of %s lacks leaf %s", doc->id, leaf->rev);
    }
}

static void
check_local (KapStore   *store,
             const char *id,
             ModelLocal *local)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *md5 = NULL;
  const char *rev;
  guint64 generation;

  body = kap_store_get_local (store, id, &error);
  if (body == NULL)
    crash_fail ("acknowledged local document %s is missing: %s", id, error->message);

  rev = json_object_get_string_member_with_default (body, "_rev", NULL);
  if (rev == NULL || !g_str_has_prefix (rev, "0-"))
    crash_fail ("local document %s has no revision “0-N”", id);
  generation = g_ascii_strtoull (rev + 2, NULL, 10);

  /* A later, unacknowledged save may have replaced it, nothing older. */
  if (generation < local->generation)
    crash_fail ("local document %s went back from 0-%" G_GUINT64_FORMAT " to %s",
                id, local->generation, rev);
  md5 = body_md5 (body);
  if (generation == local->generation && !g_str_equal (md5, local->md5))
    crash_fail ("the body of local document %s %s changed", id, rev);
}

/* The feed: each document once, at increasing sequences, no _local one. */
static GHashTable *
read_feed (KapStore   *store,
           GPtrArray **out_changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = kap_store_changes (store, 0, 0, &error);
  GHashTable *feed = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 last = 0;

  if (changes == NULL)
    crash_fail ("reading the changes feed: %s", error->message);

  for (guint i = 0; i < changes->len; i++)
    {
      KapChange *change = g_ptr_array_index (changes, i);

      if (change->seq <= last)
        crash_fail ("the changes feed goes from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                    last, change->seq);
      last = change->seq;
      if (g_str_has_prefix (change->id, "_local") ||
          g_str_has_prefix (change->id, "kapija-crash-checkpoint-"))
        crash_fail ("the local document %s is in the changes feed", change->id);
      if (!g_hash_table_insert (feed, change->id, change))
        crash_fail ("%s is twice in the changes feed", change->id);
    }

  if (last > kap_store_get_last_seq (store))
    crash_fail ("the feed reaches %" G_GINT64_FORMAT ", the last sequence is %" G_GINT64_FORMAT,
                last, kap_store_get_last_seq (store));

  *out_changes = g_steal_pointer (&changes);
  return feed;
}

/* Our own look at the file, past the store's API. */
static void
check_sqlite_directly (const char *path)
{
  g_autoptr(GString) result = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    crash_fail ("sqlite3_open_v2: %s", sqlite3_errstr (rc));

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (result, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_c (result, '\n');
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    crash_fail ("PRAGMA integrity_check: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (!g_str_equal (result->str, "ok\n"))
    crash_fail ("PRAGMA integrity_check says: %s", result->str);

  g_string_truncate (result, 0);
  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append (result, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (!g_str_equal (result->str, "wal"))
    crash_fail ("the store is in journal mode “%s”, not WAL", result->str);

  sqlite3_close (db);
}

static void
check_store (CrashStore *cs,
             Stats      *stats,
             gboolean    full,
             GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GHashTable) feed = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 start = g_get_monotonic_time ();

  /* Once a writer said the store was open, it must open as it is; before
   * that, the next start creates it from whatever the kill left. */
  store = kap_store_open (cs->path, cs->ready ? KAP_STORE_OPEN_NONE : KAP_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    crash_fail ("the store does not open after the kill: %s", error->message);

  feed = read_feed (store, &changes);

  if (full)
    {
      g_hash_table_iter_init (&iter, cs->docs);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        check_document (store, value, feed, stats);
      stats->full_checks++;
    }
  else
    {
      g_autofree gpointer *ids = NULL;
      guint n_ids;

      g_hash_table_iter_init (&iter, cs->dirty);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        check_document (store, g_hash_table_lookup (cs->docs, key), feed, stats);

      ids = g_hash_table_get_keys_as_array (cs->docs, &n_ids);
      for (guint i = 0; i < SAMPLE_SIZE && n_ids > 0; i++)
        check_document (store, g_hash_table_lookup (cs->docs, ids[g_rand_int_range (rand, 0, n_ids)]),
                        feed, stats);
    }
  g_hash_table_remove_all (cs->dirty);

  g_hash_table_iter_init (&iter, cs->locals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    check_local (store, key, value);

  if (!kap_store_check (store, &error))
    crash_fail ("kap_store_check: %s", error->message);

  g_clear_object (&store);
  check_sqlite_directly (cs->path);

  stats->acks_verified += cs->unverified;
  cs->unverified = 0;
  stats->check_usec += g_get_monotonic_time () - start;
}

/* Up to MAX_UPDATE_IDS live documents of earlier runs for the writer to
 * edit or delete. */
static GPtrArray *
pick_update_ids (CrashStore *cs,
                 GRand      *rand)
{
  g_autofree gpointer *keys = NULL;
  GPtrArray *ids = g_ptr_array_new ();
  guint n_keys;

  keys = g_hash_table_get_keys_as_array (cs->docs, &n_keys);
  for (guint tries = 0; n_keys > 0 && tries < 4 * MAX_UPDATE_IDS && ids->len < MAX_UPDATE_IDS; tries++)
    {
      ModelDoc *doc = g_hash_table_lookup (cs->docs, keys[g_rand_int_range (rand, 0, n_keys)]);

      if (doc->editable && !g_ptr_array_find_with_equal_func (ids, doc->id, g_str_equal, NULL))
        {
          /* The writer may save it without saying so: check it next. */
          g_ptr_array_add (ids, doc->id);
          g_hash_table_add (cs->dirty, doc->id);
        }
    }

  return ids;
}

static guint
get_iterations (void)
{
  const char *text = g_getenv ("KAP_CRASH_ITERATIONS");
  guint64 n;

  if (text == NULL || *text == '\0')
    return DEFAULT_ITERATIONS;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &n, NULL))
    g_error ("KAP_CRASH_ITERATIONS must be a positive number, not “%s”", text);

  return n;
}

static void
test_store_crash_sigkill (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (test_seed);
  g_autoptr(CrashStore) main_store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *main_path = NULL;
  guint n_iterations = get_iterations ();
  Stats stats = { 0 };
  guint n_checks = 0;
  gint64 start = g_get_monotonic_time ();

  dir = g_dir_make_tmp ("kap-crash-XXXXXX", &error);
  g_assert_no_error (error);
  main_path = g_build_filename (dir, "kapija.db", NULL);
  main_store = crash_store_new (main_path);
  g_test_message ("seed %u, %u iterations, store %s", test_seed, n_iterations, main_path);

  for (guint i = 0; i < n_iterations; i++)
    {
      g_autoptr(CrashStore) fresh = NULL;
      g_autoptr(GPtrArray) update_ids = NULL;
      g_autofree char *output = NULL;
      CrashStore *cs;
      gboolean was_ready;
      guint64 stop_at;
      gint64 writer_start;
      int roll = g_rand_int_range (rand, 0, 100);

      current_iteration = i;

      if (i % FRESH_EVERY == FRESH_EVERY - 1)
        {
          /* A brand-new store, killed while it is created and migrated. */
          g_autofree char *name = g_strdup_printf ("fresh-%u.db", i);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          fresh = crash_store_new (path);
          cs = fresh;
          stop_at = roll < 25 ? 0 : g_rand_int_range (rand, 1, FRESH_STOP_MAX + 1);
          stats.fresh_stores++;
        }
      else
        {
          /* Some kills before the writer gets far (during exec, open or
           * WAL recovery), most while it writes. */
          cs = main_store;
          if (roll < 8)
            stop_at = 0;
          else if (roll < 25)
            stop_at = g_rand_int_range (rand, 1, OPEN_STOP_MAX + 1);
          else
            stop_at = g_rand_int_range (rand, 1, WRITE_STOP_MAX + 1);
        }
      current_store = cs->path;

      if (has_hot_wal (cs->path))
        stats.hot_wal_starts++;

      update_ids = pick_update_ids (cs, rand);
      writer_start = g_get_monotonic_time ();
      output = run_writer (cs, g_rand_int (rand), stop_at, update_ids);
      stats.writer_usec += g_get_monotonic_time () - writer_start;

      was_ready = cs->ready;
      cs->ready = FALSE;
      parse_acks (cs, &stats, output);
      if (!cs->ready)
        {
          stats.kills_before_ready++;
          /* Killed inside kap_store_open() while it created the file. */
          if (fresh != NULL && g_file_test (cs->path, G_FILE_TEST_EXISTS))
            stats.half_created++;
        }
      cs->ready |= was_ready;

      /* Now and then leave the next writer the hot WAL this kill left;
       * these acknowledgements are checked after the next kill. */
      if (fresh == NULL && g_rand_int_range (rand, 0, 4) == 0)
        {
          stats.deferred_checks++;
          continue;
        }

      check_store (cs, &stats, fresh != NULL || ++n_checks % FULL_CHECK_EVERY == 0, rand);

      if (fresh != NULL)
        remove_store_files (fresh->path);
    }

  /* Last, everything once more, deferred acknowledgements included. */
  current_store = main_store->path;
  check_store (main_store, &stats, TRUE, rand);

  stats.iterations = n_iterations;
  g_assert_cmpuint (stats.acks_verified, ==, stats.acks);

  g_test_message ("seed %u: %u iterations (%u on fresh stores, %u of them killed while created), %" G_GUINT64_FORMAT
                  " acknowledgements verified, %u kills before the store was open, "
                  "%u starts on a hot WAL, %u checks deferred, %u full checks",
                  test_seed, stats.iterations, stats.fresh_stores, stats.half_created, stats.acks_verified,
                  stats.kills_before_ready, stats.hot_wal_starts, stats.deferred_checks,
                  stats.full_checks);
  g_test_message ("acknowledged: %u put, %u del, %u imp, %u leaf, %u local; "
                  "%" G_GUINT64_FORMAT " revision checks (%" G_GUINT64_FORMAT " of revisions "
                  "a later acknowledged edit replaced, %" G_GUINT64_FORMAT " of revisions an "
                  "unacknowledged save replaced); %u documents in the main store",
                  stats.kinds[ACK_PUT], stats.kinds[ACK_DEL], stats.kinds[ACK_IMP],
                  stats.kinds[ACK_LEAF], stats.kinds[ACK_LOCAL], stats.revisions_checked,
                  stats.superseded, stats.unacknowledged_children,
                  g_hash_table_size (main_store->docs));
  g_test_message ("time: %.1f s writing, %.1f s checking, %.1f s in all",
                  stats.writer_usec / 1e6, stats.check_usec / 1e6,
                  (g_get_monotonic_time () - start) / 1e6);

  /* Every kind of write must have been acknowledged and checked, else
   * the run proved less than it claims. */
  for (guint k = ACK_PUT; k <= ACK_LOCAL; k++)
    if (stats.kinds[k] == 0)
      crash_fail ("no “%s” was acknowledged in the whole run", ack_kinds[k]);

  remove_store_files (main_path);
  g_rmdir (dir);
}

/* --seed=N / --seed N (ours, a number) is taken out of argv before GTest,
 * whose own --seed wants another format, sees it. */
static guint32
take_seed (int   *argc,
           char **argv)
{
  const char *text = g_getenv ("KAP_TEST_SEED");
  int j = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--seed="))
        text = argv[i] + strlen ("--seed=");
      else if (g_str_equal (argv[i], "--seed") && i + 1 < *argc)
        text = argv[++i];
      else
        argv[j++] = argv[i];
    }
  *argc = j;
  argv[j] = NULL;

  if (text != NULL && *text != '\0')
    {
      guint64 seed;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &seed, NULL))
        g_error ("The seed must be a number, not “%s”", text);
      return seed;
    }

  return g_random_int ();
}

int
main (int   argc,
      char *argv[])
{
  test_seed = take_seed (&argc, argv);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/crash/sigkill", test_store_crash_sigkill);

  return g_test_run ();
}
