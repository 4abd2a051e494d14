/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-name-key.h"
#include "kap-name-search.h"

/* The records list's search: what it finds and in which order. */

static double
score (const char *typed,
       const char *name)
{
  g_autoptr(KapNameSearch) search = kap_name_search_new (typed);
  g_autofree char *key = kap_name_key (name);

  g_assert_nonnull (search);
  return kap_name_search_score (search, key);
}

static void
test_search_transliteration (void)
{
  /* What the duplicate check calls the same name, the search finds:
   * a Latin spelling with “ch” meets both Serbian alphabets. */
  g_assert_cmpfloat (score ("petrovich", "Petrović"), >, 0.0);
  g_assert_cmpfloat (score ("petrovich", "Петровић"), >, 0.0);
  g_assert_cmpfloat (score ("petrovich", "Драган Петровић"), >, 0.0);
  g_assert_cmpfloat (score ("Петровић", "Dragan Petrovic"), >, 0.0);
  g_assert_cmpfloat (score ("mohammed", "Muhammad Ahmadi"), >, 0.0);
  g_assert_cmpfloat (score ("krasnici", "Arben Krasniqi"), >, 0.0);
  g_assert_cmpfloat (score ("ahmed", "أحمد الحسن"), >, 0.0);

  /* Different names are not variants of each other. */
  g_assert_cmpfloat (score ("milena", "Milica Jovanović"), ==, 0.0);
  g_assert_cmpfloat (score ("jovanovic", "Dragan Petrović"), ==, 0.0);
  g_assert_cmpfloat (score ("omar", "Umar Khan"), ==, 0.0);
  /* Every word typed must be found. */
  g_assert_cmpfloat (score ("dragan jovanovic", "Dragan Petrović"), ==, 0.0);
}

static void
test_search_typing (void)
{
  /* The start of a word while the officer types, in any script. */
  g_assert_cmpfloat (score ("mil", "Milica Jovanović"), >, 0.0);
  g_assert_cmpfloat (score ("мил", "Milica Jovanović"), >, 0.0);
  g_assert_cmpfloat (score ("milica jov", "Milica Jovanović"), >, 0.0);
  /* A piece inside a word from three letters; shorter ones only start
   * a word, or every name would match. */
  g_assert_cmpfloat (score ("ovic", "Milica Jovanović"), >, 0.0);
  g_assert_cmpfloat (score ("ov", "Milica Jovanović"), ==, 0.0);
  g_assert_cmpfloat (score ("jo", "Milica Jovanović"), >, 0.0);

  /* Nothing to look for. */
  g_assert_null (kap_name_search_new (""));
  g_assert_null (kap_name_search_new (" - '"));
}

static void
test_search_ranking (void)
{
  const char *typed = "petrovic";

  /* The whole name as typed, then the same words in another order, then
   * a name with more words, a longer word begun, a spelling variant, a
   * piece inside a word. */
  g_assert_cmpfloat (score ("dragan petrovic", "Dragan Petrović"), ==, 1.0);
  g_assert_cmpfloat (score ("petrovic dragan", "Dragan Petrović"), <, 1.0);
  g_assert_cmpfloat (score ("petrovic dragan", "Dragan Petrović"), >, score (typed, "Dragan Petrović"));
  g_assert_cmpfloat (score (typed, "Petrović"), >, score (typed, "Dragan Petrović"));
  g_assert_cmpfloat (score (typed, "Dragan Petrović"), >, score (typed, "Ana Petrovića"));
  g_assert_cmpfloat (score (typed, "Ana Petrovića"), >, score (typed, "Ana Petrowic"));
  g_assert_cmpfloat (score (typed, "Ana Petrowic"), >, score ("rovi", "Ana Petrović"));
  g_assert_cmpfloat (score ("rovi", "Ana Petrović"), >, 0.0);

  /* More of a word typed is a closer match. */
  g_assert_cmpfloat (score ("petrovi", "Petrović"), >, score ("petr", "Petrović"));

  /* A person's stated name and original-script name: the better counts. */
  {
    g_autoptr(KapNameSearch) search = kap_name_search_new ("petrovich");

    g_assert_cmpfloat (kap_name_search_score (search, "dragan petrovic\npetrovich"), ==, 1.0);
    g_assert_cmpfloat (kap_name_search_score (search, "\n"), ==, 0.0);
    g_assert_cmpfloat (kap_name_search_score (search, NULL), ==, 0.0);
  }
}

static void
test_search_words (void)
{
  const char *names[] = { "Dragan Petrović", "Petrovich", "Ana Petrowic", "Milica Jovanović",
                          "أحمد الحسن", "Ana Petrovića" };
  const char *typed[] = { "petrovich", "petrovic", "mil", "ahmed al", "rovi", "ana petrovic" };
  g_autoptr(KapNameWords) words = kap_name_words_new ();
  guint32 *ids[G_N_ELEMENTS (names)];
  char *keys[G_N_ELEMENTS (names)];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *stated = kap_name_key (names[i]);

      /* Two lines, as a person's stated and original names. */
      keys[i] = g_strconcat (stated, "\n", i % 2 ? "" : "x y", NULL);
      ids[i] = kap_name_words_intern (words, keys[i]);
      g_assert_nonnull (ids[i]);
    }
  g_assert_null (kap_name_words_intern (words, "\n"));
  g_assert_null (kap_name_words_intern (words, NULL));

  /* The dictionary's way scores exactly as the text's. */
  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    {
      g_autoptr(KapNameSearch) by_text = kap_name_search_new (typed[t]);
      g_autoptr(KapNameSearch) by_ids = kap_name_search_new (typed[t]);

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        g_assert_cmpfloat (kap_name_search_score_words (by_ids, words, ids[i]), ==,
                           kap_name_search_score (by_text, keys[i]));
      g_assert_cmpfloat (kap_name_search_score_words (by_ids, words, NULL), ==, 0.0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_free (ids[i]);
      g_free (keys[i]);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/name-search/transliteration", test_search_transliteration);
  g_test_add_func ("/name-search/typing", test_search_typing);
  g_test_add_func ("/name-search/ranking", test_search_ranking);
  g_test_add_func ("/name-search/words", test_search_words);

  return g_test_run ();
}
