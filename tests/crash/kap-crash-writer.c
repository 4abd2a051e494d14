/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The child of test-store-crash: it opens (creating if needed) the store
 * given on its command line and writes to it until it is killed. After
 * every write call returns, it prints one line per saved revision that
 * says exactly what the store now promises to keep:
 *
 *   ready                              the store is open
 *   put  <id> <parent|-> <rev> <md5>   kap_store_put (create or update)
 *   del  <id> <parent> <rev> deleted   kap_store_delete
 *   imp  <id> - <rev> <md5>            one document of a kap_store_import
 *   leaf <id> <parent|-> <rev> <md5|deleted>
 *                                      one leaf of kap_store_insert_revisions
 *   local <id> - <rev> <md5>           kap_store_put_local
 *   stop                               it reached STOP and waits there
 *
 * <md5> is the MD5 of the canonical JSON of the body (underscore members
 * left out). Each call's lines go out in one write(2) on the unbuffered
 * stdout, so a kill can cut off the last line but never reorders or
 * invents one.
 *
 * Usage: kap-crash-writer STORE SEED STOP [ID…]
 * where the IDs are documents of earlier runs the writer may update or
 * delete. At its STOP-th file write, sync, truncation, deletion or WAL
 * index lock (kap-crash-vfs.h; 0: never) it prints "stop" instead and waits, so the
 * test kills it at a point it chose rather than after a time. It never
 * exits by itself; any failure exits with status 3. */

#define G_LOG_DOMAIN "kap-crash-writer"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "kap-canonical-json.h"
#include "kap-crash-vfs.h"
#include "kap-document.h"
#include "kap-revision.h"
#include "kap-store.h"

/* Synthetic people only, in the scripts of the region. */
static const char * const given_names[] = {
  "Arben", "Drita", "Милица", "Никола", "أحمد", "فاطمة", "Ayşe", "Mehmet",
  "Emina", "Jovan", "Љубица", "Blerina", "يوسف", "Zeynep", "Ђорђе", "Ilir",
};
static const char * const family_names[] = {
  "Krasniqi", "Hoxha", "Јовановић", "Петровић", "الحسن", "العلي", "Yılmaz",
  "Demir", "Hadžić", "Marković", "Стојановска", "Berisha", "الخطيب", "Çelik",
};
static const char * const stations[] = {
  "AL-KAK", "RS-PRE", "MK-TAB", "BA-SAR", "TR-EDI", "XK-PRI", "ME-POD",
};
static const char * const sentences[] = {
  "Intervista u krye me ndihmën e përkthyesit. ",
  "Интервју је обављен уз помоћ преводиоца. ",
  "تمت المقابلة بمساعدة مترجم. ",
  "Görüşme tercüman yardımıyla yapıldı. ",
  "Osoba je umorna, ali razgovor je mirno protekao. ",
  "Лицето бара информации за доброволно враќање. ",
  "The person asked about the next bus to the reception centre. ",
};

#define N_LOCAL_IDS 4

typedef struct
{
  char     *id;
  char     *rev;        /* the leaf */
  char    **ancestry;   /* of the leaf, newest first */
} ForeignLeaf;

typedef struct
{
  KapStore    *store;
  GRand       *rand;
  /* Documents this writer edits locally: id → current rev, or NULL when
   * it came from the command line and the rev is not known yet. */
  GHashTable  *revs;
  GPtrArray   *ids;
  /* Live leaves of foreign documents inserted by this run. */
  GPtrArray   *leaves;
  guint        counter;
} Writer;

static void
foreign_leaf_free (gpointer data)
{
  ForeignLeaf *leaf = data;

  g_free (leaf->id);
  g_free (leaf->rev);
  g_strfreev (leaf->ancestry);
  g_free (leaf);
}

static void die (const char *what, GError *error) G_GNUC_NORETURN;

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("kap-crash-writer: %s: %s\n", what, error ? error->message : "failed");
  _exit (3);
}

static void
write_all (const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (STDOUT_FILENO, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (4);   /* the test went away */
      data += n;
      length -= n;
    }
}

static void ack (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
ack (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  write_all (line, strlen (line));
}

static void
stop_cb (void)
{
  ack ("stop\n");
  for (;;)
    pause ();
}

static char *
body_md5 (JsonObject *body)
{
  g_autofree char *canonical = kap_canonical_json_object (body, TRUE);

  return g_compute_checksum_for_string (G_CHECKSUM_MD5, canonical, -1);
}

/* Most records are small, some span several 4 KiB pages. */
static guint
pick_size (Writer *w)
{
  int roll = g_rand_int_range (w->rand, 0, 100);

  if (roll < 60)
    return g_rand_int_range (w->rand, 100, 1000);
  if (roll < 90)
    return g_rand_int_range (w->rand, 1000, 6000);
  return g_rand_int_range (w->rand, 6000, 20000);
}

#define PICK(w, array) ((array)[g_rand_int_range ((w)->rand, 0, G_N_ELEMENTS (array))])

static JsonObject *
make_body (Writer     *w,
           const char *type)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GString) notes = g_string_new (NULL);
  guint size = pick_size (w);

  json_object_set_string_member (body, "type", type);
  json_object_set_string_member (body, "form", g_str_equal (type, "person") ? "person@1" : "screening@1");
  json_object_set_string_member (body, "station", PICK (w, stations));
  json_object_set_string_member (body, "given_name", PICK (w, given_names));
  json_object_set_string_member (body, "family_name", PICK (w, family_names));
  json_object_set_string_member (body, "status", g_rand_boolean (w->rand) ? "draft" : "final");
  json_object_set_int_member (body, "edit", w->counter++);
  json_object_set_int_member (body, "year_of_birth", g_rand_int_range (w->rand, 1950, 2020));

  /* Roughly @size bytes in all: the other members take about 200. */
  while (notes->len + 200 < size)
    g_string_append (notes, PICK (w, sentences));
  json_object_set_string_member (body, "notes", notes->str);

  return g_steal_pointer (&body);
}

static void
remember (Writer     *w,
          const char *id,
          const char *rev)
{
  if (!g_hash_table_contains (w->revs, id))
    g_ptr_array_add (w->ids, g_strdup (id));
  g_hash_table_insert (w->revs, g_strdup (id), g_strdup (rev));
}

static void
forget (Writer *w,
        guint   index)
{
  g_hash_table_remove (w->revs, g_ptr_array_index (w->ids, index));
  g_ptr_array_remove_index_fast (w->ids, index);
}

static void
op_create (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = make_body (w, g_rand_boolean (w->rand) ? "person" : "screening");
  g_autoptr(KapDocument) document = kap_document_new (NULL, body);
  g_autofree char *rev = NULL;
  g_autofree char *md5 = body_md5 (body);

  rev = kap_store_put (w->store, document, &error);
  if (rev == NULL)
    die ("put (create)", error);

  ack ("put %s - %s %s\n", kap_document_get_id (document), rev, md5);
  remember (w, kap_document_get_id (document), rev);
}

/* The current rev of the index-th known document, or NULL when it is gone
 * (an earlier run deleted it and was killed before it could say so). */
static const char *
current_rev (Writer *w,
             guint   index)
{
  const char *id = g_ptr_array_index (w->ids, index);
  const char *rev = g_hash_table_lookup (w->revs, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = NULL;

  if (rev != NULL)
    return rev;

  document = kap_store_get (w->store, id, NULL, KAP_STORE_GET_NONE, &error);
  if (document == NULL)
    {
      if (!g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
        die ("get", error);
      forget (w, index);
      return NULL;
    }

  g_hash_table_insert (w->revs, g_strdup (id), g_strdup (kap_document_get_rev (document)));
  return g_hash_table_lookup (w->revs, id);
}

static void
op_update (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autofree char *id = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *md5 = NULL;
  guint index;

  if (w->ids->len == 0)
    {
      op_create (w);
      return;
    }

  index = g_rand_int_range (w->rand, 0, w->ids->len);
  if (current_rev (w, index) == NULL)
    return;
  id = g_strdup (g_ptr_array_index (w->ids, index));
  parent = g_strdup (g_hash_table_lookup (w->revs, id));

  body = make_body (w, g_str_has_prefix (id, "person:") ? "person" : "screening");
  md5 = body_md5 (body);
  document = kap_document_new (id, body);
  kap_document_set_rev (document, parent);

  rev = kap_store_put (w->store, document, &error);
  if (rev == NULL)
    die ("put (update)", error);

  ack ("put %s %s %s %s\n", id, parent, rev, md5);
  remember (w, id, rev);
}

static void
op_delete (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *rev = NULL;
  guint index;

  if (w->ids->len == 0)
    return;

  index = g_rand_int_range (w->rand, 0, w->ids->len);
  if (current_rev (w, index) == NULL)
    return;
  id = g_strdup (g_ptr_array_index (w->ids, index));
  parent = g_strdup (g_hash_table_lookup (w->revs, id));

  rev = kap_store_delete (w->store, id, parent, &error);
  if (rev == NULL)
    die ("delete", error);

  ack ("del %s %s %s deleted\n", id, parent, rev);
  forget (w, index);
}

static void
op_import (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) md5s = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) lines = g_string_new (NULL);
  guint n = g_rand_int_range (w->rand, 20, 51);
  guint failed = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) body = make_body (w, i % 3 == 0 ? "person" : "screening");
      /* A fresh id, as an import file from another laptop carries. */
      g_autofree char *id = kap_document_generate_id (json_object_get_string_member (body, "type"));

      g_ptr_array_add (md5s, body_md5 (body));
      g_ptr_array_add (documents, kap_document_new (id, body));
    }

  if (!kap_store_import (w->store, documents, &failed, &error))
    die ("import", error);

  for (guint i = 0; i < n; i++)
    {
      KapDocument *document = g_ptr_array_index (documents, i);
      const char *rev = kap_document_get_rev (document);
      g_autofree char *expected = NULL;

      /* The revision id is deterministic: check the one the import
       * reports rather than trust it. */
      expected = kap_revision_compute (NULL, FALSE, kap_document_get_body (document), NULL);
      if (g_strcmp0 (rev, expected) != 0)
        {
          g_printerr ("kap-crash-writer: import gave %s %s, expected %s\n",
                      kap_document_get_id (document), rev ? rev : "(none)", expected);
          _exit (3);
        }

      g_string_append_printf (lines, "imp %s - %s %s\n",
                              kap_document_get_id (document), rev,
                              (const char *) g_ptr_array_index (md5s, i));
      remember (w, kap_document_get_id (document), rev);
    }

  write_all (lines->str, lines->len);
}

static char **
prepend_rev (const char         *rev,
             const char * const *ancestry)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, rev);
  if (ancestry != NULL)
    g_strv_builder_addv (builder, (const char **) ancestry);
  return g_strv_builder_end (builder);
}

/* A foreign document as replication brings it: a trunk, then one to three
 * branches (conflicts), one of them sometimes a tombstone. Only the leaves
 * carry bodies, as _bulk_get gives them. */
static void
op_insert_revisions (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func (foreign_leaf_free);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *id = kap_document_generate_id ("screening");
  g_autoptr(JsonObject) tip_body = NULL;
  g_auto(GStrv) trunk = NULL;
  guint trunk_length = g_rand_int_range (w->rand, 1, 5);
  guint n_branches = g_rand_int_range (w->rand, 1, 4);

  for (guint i = 0; i < trunk_length; i++)
    {
      g_autofree char *rev = NULL;
      char **longer;

      g_clear_pointer (&tip_body, json_object_unref);
      tip_body = make_body (w, "screening");
      rev = kap_revision_compute (trunk ? trunk[0] : NULL, FALSE, tip_body, NULL);
      longer = prepend_rev (rev, (const char * const *) trunk);
      g_strfreev (trunk);
      trunk = longer;
    }

  for (guint b = 0; b < n_branches; b++)
    {
      g_auto(GStrv) ancestry = g_strdupv (trunk);
      g_autoptr(JsonObject) body = json_object_ref (tip_body);
      g_autoptr(KapDocument) document = NULL;
      g_autofree char *md5 = NULL;
      /* A single branch is the trunk itself; several fork at its tip. */
      guint length = n_branches == 1 ? 0 : g_rand_int_range (w->rand, 1, 3);
      gboolean deleted = FALSE;

      for (guint i = 0; i < length; i++)
        {
          g_autofree char *rev = NULL;
          char **longer;

          deleted = b > 0 && i == length - 1 && g_rand_int_range (w->rand, 0, 4) == 0;
          json_object_unref (body);
          body = deleted ? json_object_new () : make_body (w, "screening");
          rev = kap_revision_compute (ancestry[0], deleted, body, NULL);
          longer = prepend_rev (rev, (const char * const *) ancestry);
          g_strfreev (ancestry);
          ancestry = longer;
        }

      document = kap_document_new (id, body);
      kap_document_set_rev (document, ancestry[0]);
      kap_document_set_deleted (document, deleted);
      kap_document_set_ancestry (document, (const char * const *) ancestry);
      g_ptr_array_add (documents, g_steal_pointer (&document));

      md5 = deleted ? g_strdup ("deleted") : body_md5 (body);
      g_string_append_printf (lines, "leaf %s - %s %s\n", id, ancestry[0], md5);

      if (!deleted)
        {
          ForeignLeaf *leaf = g_new0 (ForeignLeaf, 1);

          leaf->id = g_strdup (id);
          leaf->rev = g_strdup (ancestry[0]);
          leaf->ancestry = g_steal_pointer (&ancestry);
          g_ptr_array_add (leaves, leaf);
        }
    }

  if (!kap_store_insert_revisions (w->store, documents, &error))
    die ("insert revisions", error);

  write_all (lines->str, lines->len);
  g_ptr_array_extend_and_steal (w->leaves, g_steal_pointer (&leaves));
}

/* The next revision of one foreign branch, as a later pull brings it. */
static void
op_extend_branch (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *md5 = NULL;
  g_auto(GStrv) ancestry = NULL;
  ForeignLeaf *leaf;

  if (w->leaves->len == 0)
    {
      op_insert_revisions (w);
      return;
    }

  leaf = g_ptr_array_index (w->leaves, g_rand_int_range (w->rand, 0, w->leaves->len));
  body = make_body (w, "screening");
  md5 = body_md5 (body);
  rev = kap_revision_compute (leaf->rev, FALSE, body, NULL);
  ancestry = prepend_rev (rev, (const char * const *) leaf->ancestry);

  document = kap_document_new (leaf->id, body);
  kap_document_set_rev (document, rev);
  kap_document_set_ancestry (document, (const char * const *) ancestry);
  g_ptr_array_add (documents, g_steal_pointer (&document));

  if (!kap_store_insert_revisions (w->store, documents, &error))
    die ("insert revisions (extend)", error);

  ack ("leaf %s %s %s %s\n", leaf->id, leaf->rev, rev, md5);

  g_free (leaf->rev);
  leaf->rev = g_steal_pointer (&rev);
  g_strfreev (leaf->ancestry);
  leaf->ancestry = g_steal_pointer (&ancestry);
}

static void
op_put_local (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonArray) history = json_array_new ();
  g_autofree char *id = g_strdup_printf ("kapija-crash-checkpoint-%d",
                                         g_rand_int_range (w->rand, 0, N_LOCAL_IDS));
  g_autofree char *rev = NULL;
  g_autofree char *md5 = NULL;
  gint64 last_seq = kap_store_get_last_seq (w->store);
  guint n_history = g_rand_int_range (w->rand, 1, 120);

  /* Shaped like a replication checkpoint, with a history long enough to
   * make some of them span pages. */
  for (guint i = 0; i < n_history; i++)
    {
      g_autoptr(JsonObject) entry = json_object_new ();

      json_object_set_int_member (entry, "recorded_seq", last_seq - i);
      json_object_set_string_member (entry, "session_id", PICK (w, stations));
      json_object_set_int_member (entry, "docs_written", g_rand_int_range (w->rand, 0, 100));
      json_array_add_object_element (history, g_steal_pointer (&entry));
    }
  json_object_set_int_member (body, "source_last_seq", last_seq);
  json_object_set_int_member (body, "edit", w->counter++);
  json_object_set_array_member (body, "history", g_steal_pointer (&history));
  md5 = body_md5 (body);

  rev = kap_store_put_local (w->store, id, body, &error);
  if (rev == NULL)
    die ("put local", error);

  ack ("local %s - %s %s\n", id, rev, md5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Writer w = { 0 };
  guint64 seed;

  if (argc < 4)
    {
      g_printerr ("Usage: kap-crash-writer STORE SEED STOP [ID…]\n");
      return 2;
    }

  /* Stdout carries the acknowledgements and nothing else, even with
   * G_MESSAGES_DEBUG set. */
  g_log_writer_default_set_use_stderr (TRUE);

  seed = g_ascii_strtoull (argv[2], NULL, 10);
  w.rand = g_rand_new_with_seed ((guint32) seed);
  w.revs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.ids = g_ptr_array_new_with_free_func (g_free);
  w.leaves = g_ptr_array_new_with_free_func (foreign_leaf_free);

  kap_crash_vfs_install (g_ascii_strtoull (argv[3], NULL, 10), stop_cb);

  for (int i = 4; i < argc; i++)
    {
      g_ptr_array_add (w.ids, g_strdup (argv[i]));
      g_hash_table_insert (w.revs, g_strdup (argv[i]), NULL);
    }

  w.store = kap_store_open (argv[1], KAP_STORE_OPEN_CREATE, &error);
  if (w.store == NULL)
    die ("open", error);
  ack ("ready\n");

  for (;;)
    {
      int roll = g_rand_int_range (w.rand, 0, 100);

      if (roll < 28)
        op_create (&w);
      else if (roll < 52)
        op_update (&w);
      else if (roll < 60)
        op_delete (&w);
      else if (roll < 67)
        op_import (&w);
      else if (roll < 76)
        op_insert_revisions (&w);
      else if (roll < 82)
        op_extend_branch (&w);
      else
        op_put_local (&w);
    }

  return 0;
}
