/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The duplicate check at laptop scale: 100,000 synthetic persons (seeded;
 * given and family names in Latin, Cyrillic and Arabic script, a third of
 * the Latin spellings with a typo so the index sees a realistic number of
 * distinct words) go straight into a KapPersonIndex, then 200 queries
 * (half are variants of indexed persons, half new people) are timed one by
 * one. With --store PATH the same persons are also imported into a fresh
 * store and the index is loaded from it with kap_person_index_load().
 *
 *   bench-duplicates [--count N] [--queries N] [--seed N] [--store PATH]
 *
 * Prints "key value" lines: build time, p50/p99/max query time in
 * milliseconds, and how many queries found their person. Synthetic data
 * only; no person here exists. */

#define G_LOG_DOMAIN "kap-bench-duplicates"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "kap-bench-people.h"
#include "kap-duplicates.h"
#include "kap-name-key.h"

static void
fill_query (const Person   *person,
            KapPersonQuery *query)
{
  *query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query->name_stated = person->name_stated;
  query->name_original = person->name_original;
  query->date_of_birth = person->date_of_birth;
  query->age_estimated = person->age_estimated;
  query->age_date = person->age_date;
  query->nationality = person->nationality;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

static KapPersonIndex *
load_through_store (const char *path,
                    Person     *persons,
                    guint       count,
                    double     *import_s,
                    double     *load_s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  KapPersonIndex *index;
  gint64 start;

  if (store == NULL)
    g_error ("Cannot open %s: %s", path, error->message);

  start = g_get_monotonic_time ();
  for (guint first = 0; first < count; first += 1000)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = first; i < MIN (first + 1000, count); i++)
        {
          g_autoptr(JsonObject) body = json_object_new ();

          json_object_set_string_member (body, "type", "person");
          json_object_set_string_member (body, "name_stated", persons[i].name_stated);
          if (persons[i].name_original != NULL)
            json_object_set_string_member (body, "name_original", persons[i].name_original);
          if (persons[i].date_of_birth != NULL)
            json_object_set_string_member (body, "date_of_birth", persons[i].date_of_birth);
          else
            {
              json_object_set_int_member (body, "age_estimated", persons[i].age_estimated);
              json_object_set_string_member (body, "created_at", persons[i].age_date);
            }
          json_object_set_string_member (body, "nationality", persons[i].nationality);
          g_ptr_array_add (batch, kap_document_new (persons[i].id, body));
        }
      if (!kap_store_import (store, batch, NULL, &error))
        g_error ("Import failed: %s", error->message);
    }
  *import_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  index = kap_person_index_load (store, &error);
  if (index == NULL)
    g_error ("Load failed: %s", error->message);
  *load_s = (g_get_monotonic_time () - start) / 1e6;

  return index;
}

int
main (int   argc,
      char *argv[])
{
  int count = 100000;
  int n_queries = 200;
  int seed = 20250301;
  g_autofree char *store_path = NULL;
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Persons in the index", "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "Timed queries", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "N" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, "Also import into a new store at PATH and load from it", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the duplicate check");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(KapPersonIndex) index = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Person *persons;
  gint64 start;
  double build_s;
  guint found_known = 0, n_known = 0, total_matches = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (count < 1 || n_queries < 1)
    {
      g_printerr ("--count and --queries must be positive\n");
      return 2;
    }

  rand = g_rand_new_with_seed (seed);
  persons = g_new0 (Person, count);
  for (int i = 0; i < count; i++)
    make_person (rand, i, &persons[i]);

  /* Warm the transliterator so the build time is the index's. */
  g_free (kap_name_key ("Милица"));

  start = g_get_monotonic_time ();
  index = kap_person_index_new ();
  for (int i = 0; i < count; i++)
    {
      KapPersonQuery fields;

      fill_query (&persons[i], &fields);
      kap_person_index_add (index, persons[i].id, &fields);
    }
  build_s = (g_get_monotonic_time () - start) / 1e6;

  printf ("persons %u\n", kap_person_index_get_n_persons (index));
  printf ("index_build_s %.3f\n", build_s);

  for (int q = 0; q < n_queries; q++)
    {
      KapPersonQuery query;
      Person fresh = { 0 };
      g_autofree char *variant = NULL;
      g_autoptr(GPtrArray) matches = NULL;
      const Person *target = NULL;
      double ms;

      if (q % 2 == 0)
        {
          /* A person already registered, typed again with a slip. */
          target = &persons[g_rand_int_range (rand, 0, count)];
          fill_query (target, &query);
          variant = typo (rand, target->name_stated);
          query.name_stated = variant;
          query.name_original = NULL;
        }
      else
        {
          make_person (rand, count + q, &fresh);
          fill_query (&fresh, &query);
        }

      start = g_get_monotonic_time ();
      matches = kap_person_index_find_matches (index, &query, 20);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      total_matches += matches->len;

      if (target != NULL)
        {
          n_known++;
          for (guint m = 0; m < matches->len; m++)
            if (g_strcmp0 (((KapPersonMatch *) g_ptr_array_index (matches, m))->id, target->id) == 0)
              {
                found_known++;
                break;
              }
        }
      person_clear (&fresh);
    }

  g_array_sort (times, compare_doubles);
  printf ("queries %d\n", n_queries);
  printf ("query_p50_ms %.2f\n", percentile (times, 0.50));
  printf ("query_p99_ms %.2f\n", percentile (times, 0.99));
  printf ("query_max_ms %.2f\n", g_array_index (times, double, times->len - 1));
  printf ("matches_per_query %.1f\n", (double) total_matches / n_queries);
  printf ("known_person_found %u/%u\n", found_known, n_known);

  if (store_path != NULL)
    {
      g_autoptr(KapPersonIndex) loaded = NULL;
      double import_s, load_s;

      loaded = load_through_store (store_path, persons, count, &import_s, &load_s);
      printf ("store_import_s %.3f\n", import_s);
      printf ("store_index_load_s %.3f\n", load_s);
      printf ("store_persons %u\n", kap_person_index_get_n_persons (loaded));
    }

  for (int i = 0; i < count; i++)
    person_clear (&persons[i]);
  g_free (persons);

  return 0;
}
