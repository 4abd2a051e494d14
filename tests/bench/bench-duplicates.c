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

#include "kap-duplicates.h"
#include "kap-name-key.h"

static const char * const given_latin[] = {
  "Arben", "Besnik", "Drita", "Blerim", "Valbona", "Milica", "Marko", "Jovana", "Nikola", "Dragan",
  "Ahmad", "Mohammad", "Mohammed", "Muhammad", "Fatima", "Ayşe", "Mehmet", "Ali", "Hassan", "Omar",
  "Zahra", "Maryam", "Abdul", "Rahim", "Karim", "Yusuf", "Ibrahim", "Emre", "Elif", "Samir",
  "Bilal", "Imran", "Usman", "Shahid", "Ayesha", "Sana", "Khalid", "Mustafa", "Hamid", "Javad",
  "Reza", "Nasrin", "Farid", "Wahid", "Jamal", "Tariq", "Salim", "Amina", "Leyla", "Zeynep",
};
static const char * const family_latin[] = {
  "Krasniqi", "Hoxha", "Gashi", "Berisha", "Shala", "Jovanović", "Petrović", "Nikolić", "Marković",
  "Đorđević", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Ahmadi", "Karimi", "Rahimi", "Hosseini",
  "Mohammadi", "Khan", "Hussain", "Ahmed", "Al-Hassan", "Haddad", "Nasser", "Stanekzai", "Popal",
  "Noori", "Sultani", "Qureshi", "Butt", "Malik", "Chaudhry", "Rana", "El-Sayed", "Mansour",
  "Othman", "Khalil", "Saleh", "Aziz", "Habibi", "Safi", "Wardak", "Azizi", "Sharifi", "Jafari",
  "Ibrahimi", "Rezaei", "Hashemi",
};
static const char * const given_cyrillic[] = {
  "Милица", "Марко", "Јована", "Никола", "Драган", "Ана", "Ђорђе", "Љубица", "Стефан", "Јелена",
  "Милош", "Ивана", "Немања", "Драгана", "Његослав", "Зоран", "Весна", "Бојан", "Тамара", "Душан",
};
static const char * const family_cyrillic[] = {
  "Јовановић", "Петровић", "Николић", "Марковић", "Ђорђевић", "Стојановић", "Илић", "Станковић",
  "Павловић", "Милошевић", "Ковачевић", "Вуковић", "Џаферовић", "Љубичић", "Томић", "Лазић",
  "Поповић", "Живковић", "Јанковић", "Тодоровић",
};
static const char * const given_arabic[] = {
  "أحمد", "محمد", "فاطمة", "علي", "حسن", "عمر", "زهرة", "مريم", "يوسف", "إبراهيم",
  "خالد", "سمير", "حسين", "عائشة", "مصطفى", "سعيد", "نور", "ليلى", "طارق", "جمال",
};
static const char * const family_arabic[] = {
  "الحسن", "الخطيب", "حداد", "ناصر", "العلي", "الأحمد", "الشامي", "المصري", "يوسف", "عثمان",
  "منصور", "خليل", "صالح", "عزيز", "حبيبي", "صافي", "شريفي", "جعفري", "هاشمي", "رضائي",
};
/* Latin spellings for the Arabic-script persons' stated names. */
static const char * const given_arabic_latin[] = {
  "Ahmed", "Mohamed", "Fatima", "Ali", "Hasan", "Omar", "Zahra", "Mariam", "Yousef", "Ibrahim",
  "Khaled", "Samir", "Hussein", "Aisha", "Mustafa", "Said", "Nour", "Layla", "Tarek", "Jamal",
};
static const char * const family_arabic_latin[] = {
  "Al-Hassan", "Al-Khatib", "Haddad", "Nasser", "Al-Ali", "Al-Ahmad", "Al-Shami", "Al-Masri",
  "Youssef", "Othman", "Mansour", "Khalil", "Saleh", "Aziz", "Habibi", "Safi", "Sharifi", "Jafari",
  "Hashemi", "Rezaei",
};
static const char * const nationalities[] = {
  "AFG", "AFG", "AFG", "SYR", "SYR", "PAK", "PAK", "IRQ", "IRN", "BGD", "MAR", "TUR", "PSE", "XKX",
  "SRB", "BIH", "ALB", "XXA",
};

typedef struct
{
  char *id;
  char *name_stated;
  char *name_original;
  char *date_of_birth;
  int   age_estimated;
  char *age_date;
  char *nationality;
} Person;

static void
person_clear (Person *person)
{
  g_free (person->id);
  g_free (person->name_stated);
  g_free (person->name_original);
  g_free (person->date_of_birth);
  g_free (person->age_date);
  g_free (person->nationality);
}

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

/* One typing slip in the ASCII letters of @name: a letter replaced,
 * dropped or doubled. */
static char *
typo (GRand      *rand,
      const char *name)
{
  GString *out = g_string_new (name);
  guint tries = 0;
  gsize pos;

  do
    pos = g_rand_int_range (rand, 1, MAX (out->len, 2));
  while (pos < out->len && !g_ascii_isalpha (out->str[pos]) && ++tries < 10);
  if (pos >= out->len || !g_ascii_isalpha (out->str[pos]))
    return g_string_free (out, FALSE);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      out->str[pos] = "aeioubdhklmnrst"[g_rand_int_range (rand, 0, 15)];
      break;
    case 1:
      g_string_erase (out, pos, 1);
      break;
    default:
      g_string_insert_c (out, pos, out->str[pos]);
      break;
    }

  return g_string_free (out, FALSE);
}

static void
make_person (GRand  *rand,
             guint   n,
             Person *person)
{
  double script = g_rand_double (rand);
  gboolean middle = g_rand_double (rand) < 0.25;

  person->id = g_strdup_printf ("person:%08u", n);
  if (script < 0.45)
    {
      g_autofree char *name = middle
        ? g_strdup_printf ("%s %s %s", PICK (rand, given_latin), PICK (rand, given_latin),
                           PICK (rand, family_latin))
        : g_strdup_printf ("%s %s", PICK (rand, given_latin), PICK (rand, family_latin));

      person->name_stated = g_rand_double (rand) < 0.35 ? typo (rand, name) : g_strdup (name);
    }
  else if (script < 0.70)
    {
      person->name_stated = g_strdup_printf ("%s %s", PICK (rand, given_cyrillic), PICK (rand, family_cyrillic));
    }
  else
    {
      guint g = g_rand_int_range (rand, 0, G_N_ELEMENTS (given_arabic));
      guint f = g_rand_int_range (rand, 0, G_N_ELEMENTS (family_arabic));
      g_autofree char *latin = g_strdup_printf ("%s %s", given_arabic_latin[g], family_arabic_latin[f]);

      person->name_original = g_strdup_printf ("%s %s", given_arabic[g], family_arabic[f]);
      person->name_stated = g_rand_double (rand) < 0.35 ? typo (rand, latin) : g_strdup (latin);
    }

  if (g_rand_double (rand) < 0.7)
    {
      person->date_of_birth = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1950, 2024),
                                               g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      person->age_estimated = -1;
    }
  else
    {
      person->age_estimated = g_rand_int_range (rand, 1, 70);
      person->age_date = g_strdup_printf ("2024-%02d-%02dT10:00:00Z", g_rand_int_range (rand, 1, 13),
                                          g_rand_int_range (rand, 1, 29));
    }
  person->nationality = g_strdup (PICK (rand, nationalities));
}

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
