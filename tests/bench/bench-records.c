/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The capture screens at laptop scale (issue: capture, point 14): a store
 * of 100,000 synthetic persons plus screenings, then the three things an
 * officer waits for, each timed many times:
 *
 *   - list filter: KapRecordList narrowed by type, priority and status;
 *   - name search: KapRecordList searched by a name typed in Latin,
 *     Cyrillic or Arabic script (a query per keystroke as typed);
 *   - duplicate check: KapPersonIndex loaded from the same store, then
 *     kap_person_index_find_matches () for a new person.
 *
 * The named baseline is the target of the issue: 50 ms for each. The
 * output gives p50 and p99 in milliseconds and the ratio to the target.
 *
 *   bench-records [--persons N] [--seed N] [--dir DIR]
 *
 * Synthetic data only. */

#define G_LOG_DOMAIN "kap-bench-records"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "kap-bench-people.h"
#include "kap-duplicates.h"
#include "kap-record-list.h"
#include "kap-store.h"

#define TARGET_MS 50.0

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *times,
            double  p)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, MIN (times->len - 1, (guint) (p * times->len)));
}

static void
report (const char *what,
        GArray     *times)
{
  double p50 = percentile (times, 0.50);
  double p99 = percentile (times, 0.99);

  printf ("%-34s %9.2f %9.2f %9.0f   %5.1f× under the target\n",
          what, p50, p99, TARGET_MS, TARGET_MS / MAX (p99, 0.001));
}

static KapDocument *
person_document (const Person *person)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *updated = g_strdup_printf ("2025-%02d-%02dT%02d:00:00Z",
                                              1 + g_str_hash (person->id) % 12,
                                              1 + g_str_hash (person->id) % 28,
                                              g_str_hash (person->id) % 24);

  json_object_set_string_member (body, "type", "person");
  json_object_set_string_member (body, "form", "person@1");
  json_object_set_string_member (body, "status", "final");
  json_object_set_string_member (body, "name_stated", person->name_stated);
  if (person->name_original)
    json_object_set_string_member (body, "name_original", person->name_original);
  if (person->date_of_birth)
    {
      json_object_set_boolean_member (body, "dob_known", TRUE);
      json_object_set_string_member (body, "date_of_birth", person->date_of_birth);
    }
  else
    {
      json_object_set_boolean_member (body, "dob_known", FALSE);
      json_object_set_int_member (body, "age_estimated", person->age_estimated);
      json_object_set_string_member (body, "created_at", person->age_date);
    }
  json_object_set_string_member (body, "nationality", person->nationality);
  json_object_set_string_member (body, "updated_at", updated);

  return kap_document_new (person->id, body);
}

static KapDocument *
screening_document (GRand        *rand,
                    const Person *person,
                    guint         n)
{
  static const char * const priorities[] = { "P1", "P2", "P2", "P3", "P3", "P3" };
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *id = g_strdup_printf ("screening:%08u", n);

  json_object_set_string_member (body, "type", "screening");
  json_object_set_string_member (body, "form", "screening@1");
  json_object_set_string_member (body, "status", g_rand_boolean (rand) ? "final" : "draft");
  json_object_set_string_member (body, "person_id", person->id);
  json_object_set_string_member (body, "priority", priorities[g_rand_int_range (rand, 0, 6)]);
  json_object_set_string_member (body, "updated_at", "2025-03-15T09:00:00Z");

  return kap_document_new (id, body);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapRecordList) list = NULL;
  g_autoptr(KapPersonIndex) index = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int persons = 100000;
  int seed = 20251128;
  char *base = NULL;
  gint64 start;
  const GOptionEntry entries[] = {
    { "persons", 0, 0, G_OPTION_ARG_INT, &persons, "Number of persons (100000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &base, "Folder for the store (a new temporary one)", "DIR" },
    { NULL }
  };
  const KapRecordFilter filters[] = {
    { "person", NULL, NULL, -1, NULL, NULL },
    { "screening", NULL, "P1", -1, NULL, NULL },
    { "screening", "draft", NULL, -1, NULL, NULL },
    { NULL, "final", NULL, -1, NULL, NULL },
    { NULL, NULL, NULL, -1, NULL, NULL },
  };
  /* Typed one keystroke at a time, as an officer does. */
  const char *queries[] = { "Mil", "Milica", "Milica Jov", "Милица", "Милица Јовановић",
                            "أحمد", "أحمد الحسن", "Ahmed Al", "krasniq", "Ayşe Yıl" };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— time the records list and the duplicate check");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  dir = base ? g_strdup (base) : g_dir_make_tmp ("kapija-bench-records-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "records.db", NULL);
  g_unlink (path);

  store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  rand = g_rand_new_with_seed (seed);

  /* The store: persons and, for a third of them, a screening. */
  start = g_get_monotonic_time ();
  for (int n = 0; n < persons;)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (int i = 0; i < 1000 && n < persons; i++, n++)
        {
          Person person = { 0 };

          make_person (rand, n, &person);
          g_ptr_array_add (batch, person_document (&person));
          if (n % 3 == 0)
            g_ptr_array_add (batch, screening_document (rand, &person, n));
          if (n % 997 == 0)
            g_ptr_array_add (people, g_memdup2 (&person, sizeof person));
          else
            person_clear (&person);
        }

      if (!kap_store_import (store, batch, NULL, &error))
        g_error ("import: %s", error->message);
    }
  printf ("store: %d persons and %d screenings imported in %.2f s\n\n", persons, (persons + 2) / 3,
          (g_get_monotonic_time () - start) / 1e6);

  printf ("%-34s %9s %9s %9s\n", "measurement (ms)", "p50", "p99", "target");

  start = g_get_monotonic_time ();
  list = kap_record_list_new (store, &error);
  g_assert_no_error (error);
  printf ("%-34s %9.2f %9s %9s   (once, at start-up)\n", "records list: load",
          (g_get_monotonic_time () - start) / 1e3, "", "");

  for (guint round = 0; round < 20; round++)
    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        double ms;

        start = g_get_monotonic_time ();
        kap_record_list_set_filter (list, &filters[i]);
        ms = (g_get_monotonic_time () - start) / 1e3;
        g_array_append_val (times, ms);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
      }
  report ("records list: filter", times);

  g_array_set_size (times, 0);
  for (guint round = 0; round < 20; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
        double ms;

        filter.text = queries[i];
        start = g_get_monotonic_time ();
        kap_record_list_set_filter (list, &filter);
        ms = (g_get_monotonic_time () - start) / 1e3;
        g_array_append_val (times, ms);
      }
  report ("records list: name search", times);

  start = g_get_monotonic_time ();
  index = kap_person_index_load (store, &error);
  g_assert_no_error (error);
  printf ("%-34s %9.2f %9s %9s   (once, at start-up)\n", "duplicate index: load",
          (g_get_monotonic_time () - start) / 1e3, "", "");

  g_array_set_size (times, 0);
  for (guint round = 0; round < 4; round++)
    for (guint i = 0; i < people->len; i++)
      {
        Person *person = g_ptr_array_index (people, i);
        KapPersonQuery query = KAP_PERSON_QUERY_INIT;
        g_autoptr(GPtrArray) matches = NULL;
        g_autofree char *variant = typo (rand, person->name_stated);
        double ms;

        query.name_stated = round % 2 ? variant : person->name_stated;
        query.name_original = person->name_original;
        query.date_of_birth = person->date_of_birth;
        query.age_estimated = person->age_estimated;
        query.nationality = person->nationality;

        start = g_get_monotonic_time ();
        matches = kap_person_index_find_matches (index, &query, 10);
        ms = (g_get_monotonic_time () - start) / 1e3;
        g_array_append_val (times, ms);
      }
  report ("duplicate check", times);

  for (guint i = 0; i < people->len; i++)
    {
      person_clear (g_ptr_array_index (people, i));
      g_free (g_ptr_array_index (people, i));
    }

  g_clear_object (&list);
  g_clear_object (&index);
  g_clear_object (&store);
  if (base == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  g_free (base);

  return 0;
}
