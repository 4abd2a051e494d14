/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Kapija side of the store benchmark (build-aux/bench-store.sh runs it
 * next to tests/bench/pouchdb-baseline.js). Every measurement is its own
 * subcommand so that each one runs in a fresh process, with a cold store
 * object and no state left over from the one before:
 *
 *   bench-store generate SEED COUNT FILE       synthetic documents, JSON lines
 *   bench-store put      FILE STORE COUNT      durable single creates
 *   bench-store import   FILE STORE BATCH      kap_store_import in batches
 *   bench-store changes  STORE PAGE EXPECTED   the whole changes feed
 *   bench-store open     STORE EXPECTED        kap_store_open + kap_store_count
 *
 * Results go to standard output as "key value" lines, which the script
 * reads; anything that goes wrong is an error and a non-zero exit, so a
 * broken store never produces a figure. Only the store calls are timed:
 * reading and parsing the JSON lines happens before the clock starts, on
 * both sides alike. */

#define G_LOG_DOMAIN "kap-bench-store"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "kap-canonical-json.h"
#include "kap-document.h"
#include "kap-store.h"

/* Monotonic time in microseconds with sub-microsecond resolution;
 * g_get_monotonic_time() rounds to whole microseconds, too coarse for the
 * fastest calls. */
static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static G_GNUC_NORETURN void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-store: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (EXIT_FAILURE);
}

static guint64
parse_count (const char *text)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, &error))
    die (text, error);

  return value;
}

/* ------------------------------------------------------------------ */
/* Synthetic documents                                                 */
/* ------------------------------------------------------------------ */

/* Synthetic people only: common given and family names of the region, in
 * the scripts the officers meet (Latin Albanian, Turkish and Bosnian,
 * Cyrillic Serbian and Macedonian, Arabic). Nobody real is meant. */
typedef struct
{
  const char         *script;
  const char         *language;
  const char * const *given;
  const char * const *family;
} NamePool;

static const char * const albanian_given[] = { "Arben", "Blerina", "Dritan", "Elira", "Fatmir", "Gentiana", "Ilir", "Jeta", NULL };
static const char * const albanian_family[] = { "Krasniqi", "Hoxha", "Berisha", "Gashi", "Shala", "Morina", "Kelmendi", NULL };
static const char * const turkish_given[] = { "Ayşe", "Mehmet", "Zeynep", "Emre", "Elif", "Mustafa", "Gülşen", "Oğuz", NULL };
static const char * const turkish_family[] = { "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", NULL };
static const char * const bosnian_given[] = { "Amra", "Emir", "Lejla", "Edin", "Selma", "Haris", "Dženana", "Adnan", NULL };
static const char * const bosnian_family[] = { "Hodžić", "Begović", "Kovačević", "Mehmedović", "Delić", "Šabić", NULL };
static const char * const serbian_given[] = { "Милица", "Никола", "Јована", "Стефан", "Марко", "Ђурђа", "Лазар", NULL };
static const char * const serbian_family[] = { "Јовановић", "Петровић", "Николић", "Ђорђевић", "Илић", "Савић", NULL };
static const char * const macedonian_given[] = { "Ѓорѓи", "Елена", "Кире", "Марија", "Бојан", "Ивана", "Дејан", NULL };
static const char * const macedonian_family[] = { "Стојановски", "Трајковски", "Петрески", "Ристовски", "Костовски", NULL };
static const char * const arabic_given[] = { "أحمد", "فاطمة", "محمد", "مريم", "علي", "زينب", "يوسف", "نور", NULL };
static const char * const arabic_family[] = { "الحسن", "العلي", "حداد", "الخطيب", "النجار", "الأحمد", "السيد", NULL };

static const NamePool name_pools[] = {
  { "Latn", "sqi", albanian_given, albanian_family },
  { "Latn", "tur", turkish_given, turkish_family },
  { "Latn", "bos", bosnian_given, bosnian_family },
  { "Cyrl", "srp", serbian_given, serbian_family },
  { "Cyrl", "mkd", macedonian_given, macedonian_family },
  { "Arab", "ara", arabic_given, arabic_family },
  { "Arab", "prs", arabic_given, arabic_family },
};

static const char * const stations[] = { "AL-KAK", "BA-USI", "ME-BOZ", "MK-GEV", "RS-PRE", "TR-EDI", "XK-VER", NULL };
static const char * const officers[] = { "arben.krasniqi", "milica.jovanovic", "ayse.yilmaz", "emir.hodzic", "elena.trajkovska", "jeta.morina", NULL };
static const char * const nationalities[] = { "AFG", "SYR", "PAK", "IRQ", "MAR", "DZA", "TUN", "IRN", "BGD", "IND", "CUB", "TUR", NULL };
static const char * const languages[] = { "prs", "pus", "ara", "urd", "fas", "ben", "kmr", "tur", "fra", "eng", NULL };
static const char * const vuln_cats[] = { "UAC", "SEP", "CAR", "DIS", "OLD", "PRG", "SPC", "THB", "SMC", "MHC", "TOR", "GBV", "WAR", "FAM", "LEG", NULL };
static const char * const services[] = { "HLT", "MHP", "CPG", "LEG", "SHL", "ATH", "GBV", "FTR", "ASY", NULL };
static const char * const travelling_with[] = { "alone", "family", "unrelated_adult", "group", NULL };
static const char * const statuses[] = { "draft", "final", "reviewed", NULL };
static const char * const notes[] = {
  "Says the group leader keeps the passports; wants to phone family in Kabul.",
  "Travelling with cousin, tired after the walk from the border; asked for a doctor.",
  "Kaže da je dug za put 3.000 eura; traži pravnu pomoć.",
  "Навела да је у другом стању, 20 недеља; упућена у дом здравља.",
  "Kërkon informacion për azil; nuk ka dokumente.",
  "Yolculuk sırasında ailesinden ayrılmış; Kızılay'a yönlendirildi.",
  "يقول إن المهرب يحتفظ بجواز سفره ويطلب المال.",
  "Не сака да се врати; бара преведувач на дари.",
  NULL,
};

static const char *
pick (GRand              *rand,
      const char * const *list)
{
  return list[g_rand_int_range (rand, 0, g_strv_length ((char **) list))];
}

/* A version 7 UUID made from the seed instead of the clock, so that the same
 * seed always gives the same ids and both sides store the same documents. */
static char *
fake_uuid_v7 (GRand  *rand,
              gint64  unix_ms)
{
  guint32 a = g_rand_int (rand);
  guint32 b = g_rand_int (rand);
  guint32 c = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-7%03x-%04x-%04x%08x",
                          (guint32) (unix_ms >> 16),
                          (guint) (unix_ms & 0xffff),
                          a & 0xfff,
                          0x8000 | ((a >> 12) & 0x3fff),
                          b & 0xffff,
                          c);
}

static char *
iso_time (gint64 unix_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_ms / 1000);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonArray *
pick_set (GRand              *rand,
          const char * const *list,
          guint               min,
          guint               max)
{
  JsonArray *array = json_array_new ();
  guint n = g_rand_int_range (rand, min, max + 1);
  guint len = g_strv_length ((char **) list);
  guint start = g_rand_int_range (rand, 0, len);

  /* Consecutive entries from a random start: distinct, in a stable order. */
  for (guint i = 0; i < n && i < len; i++)
    json_array_add_string_element (array, list[(start + i) % len]);

  return array;
}

static void
add_common (JsonObject *body,
            GRand      *rand,
            const char *type,
            const char *form,
            gint64      unix_ms)
{
  g_autofree char *created = iso_time (unix_ms);
  g_autofree char *updated = iso_time (unix_ms + g_rand_int_range (rand, 0, 3600) * 1000);
  g_autofree char *officer = g_strdup_printf ("officer:%s", pick (rand, officers));
  g_autofree char *device = g_strdup_printf ("LAPTOP-%02d", g_rand_int_range (rand, 1, 40));

  json_object_set_string_member (body, "type", type);
  json_object_set_string_member (body, "form", form);
  json_object_set_string_member (body, "station", pick (rand, stations));
  json_object_set_string_member (body, "created_at", created);
  json_object_set_string_member (body, "created_by", officer);
  json_object_set_string_member (body, "updated_at", updated);
  json_object_set_string_member (body, "updated_by", officer);
  json_object_set_string_member (body, "device", device);
  json_object_set_string_member (body, "status", pick (rand, statuses));
}

static JsonObject *
make_person (GRand  *rand,
             gint64  unix_ms)
{
  JsonObject *body = json_object_new ();
  const NamePool *pool = &name_pools[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_pools))];
  g_autofree char *uuid = fake_uuid_v7 (rand, unix_ms);
  g_autofree char *id = g_strdup_printf ("person:%s", uuid);
  g_autofree char *dob = g_strdup_printf ("%04d-%02d-%02d",
                                          g_rand_int_range (rand, 1955, 2012),
                                          g_rand_int_range (rand, 1, 13),
                                          g_rand_int_range (rand, 1, 29));
  g_autofree char *arrival = NULL;
  g_autofree char *phone = g_strdup_printf ("+3816%08u", g_rand_int_range (rand, 0, 100000000));

  json_object_set_string_member (body, "_id", id);
  add_common (body, rand, "person", "person@1", unix_ms);
  json_object_set_string_member (body, "given_name", pick (rand, pool->given));
  json_object_set_string_member (body, "family_name", pick (rand, pool->family));
  json_object_set_string_member (body, "name_script", pool->script);
  json_object_set_string_member (body, "sex", g_rand_boolean (rand) ? "F" : "M");
  json_object_set_string_member (body, "date_of_birth", dob);
  json_object_set_boolean_member (body, "dob_estimated", g_rand_int_range (rand, 0, 4) == 0);
  json_object_set_string_member (body, "nationality", pick (rand, nationalities));
  json_object_set_array_member (body, "languages", pick_set (rand, languages, 1, 3));
  json_object_set_string_member (body, "preferred_language", pool->language);
  arrival = iso_time (unix_ms - g_rand_int_range (rand, 0, 90) * G_GINT64_CONSTANT (86400000));
  arrival[10] = '\0';
  json_object_set_string_member (body, "arrival_date", arrival);
  json_object_set_string_member (body, "travel_document",
                                 g_rand_boolean (rand) ? "none" : "passport_expired");
  json_object_set_string_member (body, "phone", phone);

  return body;
}

static JsonObject *
make_screening (GRand  *rand,
                gint64  unix_ms)
{
  JsonObject *body = json_object_new ();
  g_autofree char *uuid = fake_uuid_v7 (rand, unix_ms);
  g_autofree char *person_uuid = fake_uuid_v7 (rand, unix_ms - g_rand_int_range (rand, 1, 3600000));
  g_autofree char *id = g_strdup_printf ("screening:%s", uuid);
  g_autofree char *person = g_strdup_printf ("person:%s", person_uuid);
  g_autofree char *interp = g_strdup_printf ("interpreter:%04d", g_rand_int_range (rand, 1, 300));

  json_object_set_string_member (body, "_id", id);
  add_common (body, rand, "screening", "screening@1", unix_ms);
  json_object_set_string_member (body, "person", person);
  json_object_set_string_member (body, "consent", g_rand_int_range (rand, 0, 10) ? "full" : "referral_only");
  json_object_set_int_member (body, "age_stated", g_rand_int_range (rand, 8, 70));
  json_object_set_string_member (body, "sex", g_rand_boolean (rand) ? "F" : "M");
  json_object_set_string_member (body, "nationality", pick (rand, nationalities));
  json_object_set_string_member (body, "travelling_with", pick (rand, travelling_with));
  json_object_set_boolean_member (body, "asylum_intention", g_rand_boolean (rand));
  json_object_set_string_member (body, "interp_id", interp);
  json_object_set_string_member (body, "interview_language", pick (rand, languages));
  json_object_set_array_member (body, "vuln_cat", pick_set (rand, vuln_cats, 0, 3));
  json_object_set_string_member (body, "priority", pick (rand, (const char * const[]) { "P1", "P2", "P3", NULL }));
  json_object_set_string_member (body, "vst_rating", pick (rand, (const char * const[]) { "L", "M", "H", NULL }));
  json_object_set_array_member (body, "referrals", pick_set (rand, services, 0, 2));
  /* Minimal notes, and only on some screenings, as the SOPs ask. */
  if (g_rand_boolean (rand))
    json_object_set_string_member (body, "notes", pick (rand, notes));

  return body;
}

static int
cmd_generate (int    argc,
              char **argv)
{
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count;
  guint32 seed;
  /* 2026-03-01T06:00:00Z; then a record every 20 to 60 seconds. */
  gint64 unix_ms = G_GINT64_CONSTANT (1772344800000);
  gsize min_len = G_MAXSIZE, max_len = 0, total_len = 0;

  if (argc != 5)
    {
      fprintf (stderr, "usage: bench-store generate SEED COUNT FILE\n");
      return EXIT_FAILURE;
    }

  seed = parse_count (argv[2]);
  count = parse_count (argv[3]);
  rand = g_rand_new_with_seed (seed);
  out = g_string_sized_new (count * 600);

  for (guint64 i = 0; i < count; i++)
    {
      g_autoptr(JsonObject) body = NULL;
      g_autofree char *line = NULL;
      gsize len;

      unix_ms += g_rand_int_range (rand, 20000, 60000);
      /* About two screenings for each person registered. */
      if (g_rand_int_range (rand, 0, 3) == 0)
        body = make_person (rand, unix_ms);
      else
        body = make_screening (rand, unix_ms);

      line = kap_canonical_json_object (body, FALSE);
      len = strlen (line);
      min_len = MIN (min_len, len);
      max_len = MAX (max_len, len);
      total_len += len;
      g_string_append_len (out, line, len);
      g_string_append_c (out, '\n');
    }

  if (!g_file_set_contents (argv[4], out->str, out->len, &error))
    die (argv[4], error);

  printf ("docs %" G_GUINT64_FORMAT "\n", count);
  printf ("bytes_min %" G_GSIZE_FORMAT "\n", min_len);
  printf ("bytes_avg %.0f\n", count ? (double) total_len / count : 0.0);
  printf ("bytes_max %" G_GSIZE_FORMAT "\n", max_len);

  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Reading the JSON lines                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  char   *contents;
  char  **lines;   /* pointers into contents */
  guint   n_lines;
} Lines;

static void
lines_free (Lines *lines)
{
  g_free (lines->contents);
  g_free (lines->lines);
  g_free (lines);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lines, lines_free)

static Lines *
lines_read (const char *path)
{
  g_autoptr(Lines) lines = g_new0 (Lines, 1);
  g_autoptr(GPtrArray) array = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  char *p;

  if (!g_file_get_contents (path, &lines->contents, &length, &error))
    die (path, error);

  p = lines->contents;
  while (p < lines->contents + length)
    {
      char *nl = memchr (p, '\n', lines->contents + length - p);

      if (nl == NULL)
        nl = lines->contents + length;
      *nl = '\0';
      if (nl > p)
        g_ptr_array_add (array, p);
      p = nl + 1;
    }

  lines->n_lines = array->len;
  lines->lines = (char **) g_ptr_array_free (g_steal_pointer (&array), FALSE);

  return g_steal_pointer (&lines);
}

static KapDocument *
parse_document (const char *line)
{
  g_autoptr(GError) error = NULL;
  KapDocument *document = kap_document_new_from_json (line, -1, &error);

  if (document == NULL)
    die ("parsing a document", error);

  return document;
}

static KapStore *
create_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  KapStore *store;

  /* A measurement starts from an empty store; an earlier run's file would
   * make creates fail or, worse, measure something else. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "bench-store: %s already exists\n", path);
      exit (EXIT_FAILURE);
    }

  store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    die (path, error);

  return store;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values; the same rule as the baseline. */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  guint rank = (guint) (p / 100.0 * n + 0.999999);

  return sorted[CLAMP (rank, 1, n) - 1];
}

/* ------------------------------------------------------------------ */
/* Measurements                                                        */
/* ------------------------------------------------------------------ */

static int
cmd_put (int    argc,
         char **argv)
{
  g_autoptr(Lines) lines = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KapStore) store = NULL;
  g_autofree double *latency = NULL;
  guint64 count;
  double sum = 0;

  if (argc != 5)
    {
      fprintf (stderr, "usage: bench-store put FILE STORE COUNT\n");
      return EXIT_FAILURE;
    }

  lines = lines_read (argv[2]);
  count = parse_count (argv[4]);
  if (count > lines->n_lines)
    {
      fprintf (stderr, "bench-store: %s has only %u documents\n", argv[2], lines->n_lines);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < count; i++)
    g_ptr_array_add (documents, parse_document (lines->lines[i]));

  store = create_store (argv[3]);
  latency = g_new (double, count);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *rev = NULL;
      double t0, t1;

      t0 = now_us ();
      rev = kap_store_put (store, g_ptr_array_index (documents, i), &error);
      t1 = now_us ();
      if (rev == NULL)
        die ("kap_store_put", error);
      latency[i] = t1 - t0;
      sum += latency[i];
    }

  if (kap_store_count (store, NULL, NULL) != count)
    {
      fprintf (stderr, "bench-store: the store holds %u documents, not %" G_GUINT64_FORMAT "\n",
               kap_store_count (store, NULL, NULL), count);
      return EXIT_FAILURE;
    }

  qsort (latency, count, sizeof (double), compare_double);
  printf ("put_n %" G_GUINT64_FORMAT "\n", count);
  printf ("put_p50_us %.1f\n", percentile (latency, count, 50));
  printf ("put_p99_us %.1f\n", percentile (latency, count, 99));
  printf ("put_mean_us %.1f\n", sum / count);
  printf ("put_max_us %.1f\n", latency[count - 1]);
  printf ("sqlite_version %s\n", sqlite3_libversion ());

  return EXIT_SUCCESS;
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(Lines) lines = NULL;
  KapStore *store;
  guint64 batch;
  double store_us = 0, t0, t1;
  guint count;

  if (argc != 5)
    {
      fprintf (stderr, "usage: bench-store import FILE STORE BATCH\n");
      return EXIT_FAILURE;
    }

  lines = lines_read (argv[2]);
  batch = parse_count (argv[4]);
  store = create_store (argv[3]);

  for (guint start = 0; start < lines->n_lines; start += batch)
    {
      g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      guint failed = 0;

      for (guint i = start; i < lines->n_lines && i < start + batch; i++)
        g_ptr_array_add (documents, parse_document (lines->lines[i]));

      t0 = now_us ();
      if (!kap_store_import (store, documents, &failed, &error))
        {
          fprintf (stderr, "bench-store: document %u: ", start + failed);
          die ("kap_store_import", error);
        }
      t1 = now_us ();
      store_us += t1 - t0;
    }

  count = kap_store_count (store, NULL, NULL);
  if (count != lines->n_lines)
    {
      fprintf (stderr, "bench-store: the store holds %u documents, not %u\n", count, lines->n_lines);
      return EXIT_FAILURE;
    }

  /* Closing checkpoints the WAL into the main file; that is part of the
   * work of getting the documents onto disk, so it is timed too. */
  t0 = now_us ();
  g_object_unref (store);
  t1 = now_us ();
  store_us += t1 - t0;

  printf ("import_docs %u\n", lines->n_lines);
  printf ("import_s %.3f\n", store_us / 1e6);
  printf ("import_docs_per_s %.0f\n", lines->n_lines / (store_us / 1e6));
  printf ("import_close_ms %.1f\n", (t1 - t0) / 1e3);

  return EXIT_SUCCESS;
}

static KapStore *
open_existing (const char *path)
{
  g_autoptr(GError) error = NULL;
  KapStore *store = kap_store_open (path, KAP_STORE_OPEN_NONE, &error);

  if (store == NULL)
    die (path, error);

  return store;
}

static int
cmd_changes (int    argc,
             char **argv)
{
  g_autoptr(KapStore) store = NULL;
  guint64 page, expected;
  guint64 entries = 0, pages = 0;
  gint64 since = 0;
  double t0, t1;

  if (argc != 5)
    {
      fprintf (stderr, "usage: bench-store changes STORE PAGE EXPECTED\n");
      return EXIT_FAILURE;
    }

  page = parse_count (argv[3]);
  expected = parse_count (argv[4]);
  store = open_existing (argv[2]);
  /* Opening is measured on its own; make sure it is done before timing. */
  (void) kap_store_get_last_seq (store);

  t0 = now_us ();
  for (;;)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;
      KapChange *last;

      changes = kap_store_changes (store, since, page, &error);
      if (changes == NULL)
        die ("kap_store_changes", error);
      pages++;
      if (changes->len == 0)
        break;

      last = g_ptr_array_index (changes, changes->len - 1);
      if (last->seq <= since)
        {
          fprintf (stderr, "bench-store: the changes feed went backwards (%" G_GINT64_FORMAT
                   " after %" G_GINT64_FORMAT ")\n", last->seq, since);
          return EXIT_FAILURE;
        }
      since = last->seq;
      entries += changes->len;
      /* A short page is the end of the feed; the baseline stops the same way. */
      if (changes->len < page)
        break;
    }
  t1 = now_us ();

  if (entries != expected)
    {
      fprintf (stderr, "bench-store: the changes feed had %" G_GUINT64_FORMAT " entries, not %"
               G_GUINT64_FORMAT "\n", entries, expected);
      return EXIT_FAILURE;
    }

  printf ("changes_entries %" G_GUINT64_FORMAT "\n", entries);
  printf ("changes_pages %" G_GUINT64_FORMAT "\n", pages);
  printf ("changes_s %.3f\n", (t1 - t0) / 1e6);

  return EXIT_SUCCESS;
}

static int
cmd_open (int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  KapStore *store;
  guint64 expected;
  guint count;
  double t0, t1, t2;

  if (argc != 4)
    {
      fprintf (stderr, "usage: bench-store open STORE EXPECTED\n");
      return EXIT_FAILURE;
    }

  expected = parse_count (argv[3]);

  t0 = now_us ();
  store = open_existing (argv[2]);
  count = kap_store_count (store, NULL, &error);
  t1 = now_us ();
  if (error != NULL)
    die ("kap_store_count", error);
  if (count != expected)
    {
      fprintf (stderr, "bench-store: the store holds %u documents, not %" G_GUINT64_FORMAT "\n",
               count, expected);
      return EXIT_FAILURE;
    }

  g_object_unref (store);
  t2 = now_us ();

  printf ("open_count %u\n", count);
  printf ("open_ms %.2f\n", (t1 - t0) / 1e3);
  printf ("open_close_ms %.2f\n", (t2 - t1) / 1e3);

  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } commands[] = {
    { "generate", cmd_generate },
    { "put", cmd_put },
    { "import", cmd_import },
    { "changes", cmd_changes },
    { "open", cmd_open },
  };

  if (argc >= 2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (argv[1], commands[i].name))
          return commands[i].run (argc, argv);
    }

  fprintf (stderr,
           "usage: bench-store generate SEED COUNT FILE\n"
           "       bench-store put FILE STORE COUNT\n"
           "       bench-store import FILE STORE BATCH\n"
           "       bench-store changes STORE PAGE EXPECTED\n"
           "       bench-store open STORE EXPECTED\n"
           "Run build-aux/bench-store.sh for the whole benchmark.\n");

  return EXIT_FAILURE;
}
