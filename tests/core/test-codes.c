/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "kap-codes.h"

/* Every test runs in a known locale: C.UTF-8 (built into glibc on Debian 12,
 * so present on any fresh machine), which honours LANGUAGE, unlike plain C.
 * The localized tests set LANGUAGE in a subprocess because the shared lists
 * keep the language of their first load. The Serbian and Turkish names come
 * from iso-codes' own catalogues (/usr/share/locale/{sr,tr}/LC_MESSAGES), not
 * from a locale package. */
static void
use_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_unsetenv ("KAP_ISO_CODES_DIR");

  if (setlocale (LC_ALL, "C.UTF-8") == NULL && setlocale (LC_ALL, "C.utf8") == NULL)
    g_error ("The C.UTF-8 locale is missing; it is part of glibc (libc-bin)");
}

static const KapCode *
first (GPtrArray *hits)
{
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >, 0);
  return g_ptr_array_index (hits, 0);
}

static gboolean
contains (GPtrArray  *hits,
          const char *code)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (((const KapCode *) g_ptr_array_index (hits, i))->code, code) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_cyrillic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_CYRILLIC)
      return TRUE;
  return FALSE;
}

static void
test_countries_load (void)
{
  g_autoptr(GError) error = NULL;
  KapCodeList *list = kap_code_list_countries (&error);
  const char *route[] = { "AFG", "SYR", "PAK", "IRQ", "IRN", "BGD", "MAR", "TUR", "PSE",
                          "ALB", "BIH", "MNE", "MKD", "SRB", "XKX", "XXA" };
  const KapCode *code;

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_true (kap_code_list_countries (NULL) == list);       /* cached */
  g_assert_cmpint (kap_code_list_get_kind (list), ==, KAP_CODE_KIND_COUNTRY);
  /* iso-codes 4.15 has 249 countries; we add XKX and XXA. */
  g_assert_cmpuint (kap_code_list_get_n (list), >=, 251);

  for (guint i = 0; i < G_N_ELEMENTS (route); i++)
    {
      code = kap_code_list_lookup (list, route[i]);
      g_assert_nonnull (code);
      g_assert_cmpstr (code->code, ==, route[i]);
      g_assert_nonnull (code->name);
      g_assert_nonnull (code->localized_name);
    }

  code = kap_code_list_lookup (list, "syr");
  g_assert_cmpstr (code->code, ==, "SYR");
  g_assert_cmpstr (code->name, ==, "Syria");                    /* the everyday name */
  g_assert_cmpstr (code->alpha_2, ==, "SY");
  g_assert_true (kap_code_list_lookup (list, "SY") == code);
  g_assert_cmpint (code->type, ==, KAP_LANGUAGE_TYPE_NONE);
  /* Untranslated run: the localized name is the English one. */
  g_assert_cmpstr (code->localized_name, ==, "Syria");
  g_assert_null (code->note);

  code = kap_code_list_lookup (list, "XKX");
  g_assert_cmpstr (code->name, ==, "Kosovo*");
  g_assert_cmpstr (code->alpha_2, ==, "XK");
  g_assert_nonnull (code->note);
  g_assert_nonnull (strstr (code->note, "UNSCR 1244"));
  g_assert_cmpstr (kap_code_list_lookup (list, "XXA")->name, ==, "Stateless");

  g_assert_null (kap_code_list_lookup (list, "ZZZ"));
  g_assert_null (kap_code_list_lookup (list, NULL));

  /* In code order, each code once. */
  for (guint i = 1; i < kap_code_list_get_n (list); i++)
    g_assert_cmpstr (kap_code_list_get (list, i - 1)->code, <, kap_code_list_get (list, i)->code);
  g_assert_null (kap_code_list_get (list, kap_code_list_get_n (list)));
}

static void
test_countries_search (void)
{
  KapCodeList *list = kap_code_list_countries (NULL);
  g_autoptr(GPtrArray) avg = kap_code_list_search (list, "avg", 0);
  g_autoptr(GPtrArray) afgh = kap_code_list_search (list, "afgh", 0);
  g_autoptr(GPtrArray) afgan = kap_code_list_search (list, "Afgan", 0);
  g_autoptr(GPtrArray) syr = kap_code_list_search (list, "SYR", 0);
  g_autoptr(GPtrArray) syria = kap_code_list_search (list, "syria", 0);
  g_autoptr(GPtrArray) formal = kap_code_list_search (list, "Syrian Arab", 0);
  g_autoptr(GPtrArray) turkiye = kap_code_list_search (list, "TURKIYE", 0);
  g_autoptr(GPtrArray) kosovo = kap_code_list_search (list, "kosovo", 0);
  g_autoptr(GPtrArray) herzegovina = kap_code_list_search (list, "herzegovina bos", 0);
  g_autoptr(GPtrArray) empty = kap_code_list_search (list, "  ", 0);
  g_autoptr(GPtrArray) limited = kap_code_list_search (list, "s", 3);
  g_autoptr(GPtrArray) all_s = kap_code_list_search (list, "s", 0);

  g_assert_cmpuint (avg->len, ==, 0);
  g_assert_cmpstr (first (afgh)->code, ==, "AFG");
  g_assert_cmpstr (first (afgan)->code, ==, "AFG");              /* near miss */
  g_assert_cmpstr (first (syr)->code, ==, "SYR");                /* the code first */
  g_assert_cmpstr (first (syria)->code, ==, "SYR");
  g_assert_cmpstr (first (formal)->code, ==, "SYR");             /* the formal name too */
  g_assert_cmpstr (first (turkiye)->code, ==, "TUR");            /* accents ignored */
  g_assert_cmpstr (first (kosovo)->code, ==, "XKX");
  g_assert_cmpstr (first (herzegovina)->code, ==, "BIH");        /* words in any order */
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (limited->len, ==, 3);
  g_assert_cmpuint (all_s->len, >, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_ptr_array_index (limited, i) == g_ptr_array_index (all_s, i));
}

static void
test_languages (void)
{
  g_autoptr(GError) error = NULL;
  KapCodeList *list = kap_code_list_languages (&error);
  const KapCode *code;
  g_autoptr(GPtrArray) dari = NULL;
  g_autoptr(GPtrArray) pashto = NULL;
  g_autoptr(GPtrArray) southern = NULL;
  g_autoptr(GPtrArray) pbt = NULL;
  g_autoptr(GPtrArray) arabic = NULL;
  const char *route[] = { "prs", "pes", "fas", "haz", "urd", "pnb", "ben", "ara", "arb", "apc",
                          "acm", "kmr", "ckb", "tur", "tir", "som", "run", "sqi", "srp", "bos",
                          "cnr", "mkd" };
  gboolean seen_other = FALSE;

  g_assert_no_error (error);
  g_assert_true (kap_code_list_languages (NULL) == list);
  g_assert_cmpint (kap_code_list_get_kind (list), ==, KAP_CODE_KIND_LANGUAGE);
  g_assert_cmpuint (kap_code_list_get_n (list), >, 7000);

  for (guint i = 0; i < G_N_ELEMENTS (route); i++)
    g_assert_nonnull (kap_code_list_lookup (list, route[i]));

  code = kap_code_list_lookup (list, "prs");
  g_assert_cmpstr (code->name, ==, "Dari");
  g_assert_cmpint (code->type, ==, KAP_LANGUAGE_TYPE_LIVING);
  g_assert_cmpint (code->scope, ==, KAP_LANGUAGE_SCOPE_INDIVIDUAL);
  code = kap_code_list_lookup (list, "pus");
  g_assert_cmpint (code->scope, ==, KAP_LANGUAGE_SCOPE_MACROLANGUAGE);
  g_assert_true (kap_code_list_lookup (list, "PS") == code);    /* alpha-2 */
  g_assert_cmpint (kap_code_list_lookup (list, "lat")->type, ==, KAP_LANGUAGE_TYPE_ANCIENT);
  /* Special codes (undetermined, multiple…) are not offered. */
  g_assert_null (kap_code_list_lookup (list, "und"));
  g_assert_null (kap_code_list_lookup (list, "mul"));

  dari = kap_code_list_search (list, "dari", 10);
  g_assert_cmpstr (first (dari)->code, ==, "prs");
  pashto = kap_code_list_search (list, "pashto", 0);
  g_assert_true (contains (pashto, "pbt"));
  g_assert_true (contains (pashto, "pbu"));
  southern = kap_code_list_search (list, "southern pashto", 0);
  g_assert_cmpstr (first (southern)->code, ==, "pbt");
  pbt = kap_code_list_search (list, "PBT", 0);
  g_assert_cmpstr (first (pbt)->code, ==, "pbt");

  /* “Arabic”: the macrolanguage by its exact name first, then, among the
   * names that contain the word, living individual languages before
   * extinct or historical ones. */
  arabic = kap_code_list_search (list, "arabic", 0);
  g_assert_cmpstr (first (arabic)->code, ==, "ara");
  g_assert_true (contains (arabic, "apc"));
  g_assert_true (contains (arabic, "acm"));
  for (guint i = 1; i < arabic->len; i++)
    {
      code = g_ptr_array_index (arabic, i);
      /* Near misses (Aramaic) come last whatever their type. */
      if (strstr (code->name, "Arabic") == NULL)
        continue;
      if (code->type != KAP_LANGUAGE_TYPE_LIVING)
        seen_other = TRUE;
      else
        g_assert_false (seen_other);
    }
  g_assert_true (seen_other);   /* there are some: Andalusian, Judeo-… */
}

static void
test_serbian_subprocess (void)
{
  KapCodeList *countries;
  KapCodeList *languages;
  const KapCode *syria;
  g_autoptr(GPtrArray) latin = NULL;
  g_autoptr(GPtrArray) cyrillic = NULL;
  g_autoptr(GPtrArray) afghanistan = NULL;
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GPtrArray) serbian = NULL;

  use_language ("sr");
  countries = kap_code_list_countries (NULL);
  languages = kap_code_list_languages (NULL);
  g_assert_nonnull (countries);
  g_assert_nonnull (languages);

  syria = kap_code_list_lookup (countries, "SYR");
  g_assert_cmpstr (syria->name, ==, "Syria");
  g_assert_cmpstr (syria->localized_name, !=, syria->name);
  g_assert_true (has_cyrillic (syria->localized_name));
  g_assert_true (has_cyrillic (kap_code_list_lookup (countries, "AFG")->localized_name));
  g_assert_true (has_cyrillic (kap_code_list_lookup (languages, "srp")->localized_name));

  /* Both Serbian scripts find Syria, whose Serbian name is Сиријска Арапска
   * Република; and the English name still works. */
  latin = kap_code_list_search (countries, "Sirija", 5);
  cyrillic = kap_code_list_search (countries, "Сирија", 5);
  afghanistan = kap_code_list_search (countries, "Авганистан", 5);
  english = kap_code_list_search (countries, "Syria", 5);
  g_assert_cmpstr (first (latin)->code, ==, "SYR");
  g_assert_cmpstr (first (cyrillic)->code, ==, "SYR");
  g_assert_cmpstr (first (afghanistan)->code, ==, "AFG");
  g_assert_cmpstr (first (english)->code, ==, "SYR");

  serbian = kap_code_list_search (languages, "srpski", 5);
  g_assert_cmpstr (first (serbian)->code, ==, "srp");
}

static void
test_turkish_subprocess (void)
{
  KapCodeList *countries;
  KapCodeList *languages;
  g_autoptr(GPtrArray) suriye = NULL;
  g_autoptr(GPtrArray) pestuca = NULL;

  use_language ("tr");
  countries = kap_code_list_countries (NULL);
  languages = kap_code_list_languages (NULL);

  g_assert_cmpstr (kap_code_list_lookup (countries, "SYR")->localized_name, !=, "Syria");
  g_assert_cmpstr (kap_code_list_lookup (languages, "pbt")->localized_name, !=, "Southern Pashto");

  suriye = kap_code_list_search (countries, "suriye", 5);
  g_assert_cmpstr (first (suriye)->code, ==, "SYR");
  /* Güney Peştuca, typed without Turkish letters. */
  pestuca = kap_code_list_search (languages, "guney pestuca", 5);
  g_assert_cmpstr (first (pestuca)->code, ==, "pbt");
}

static void
test_localized (gconstpointer data)
{
  g_autofree char *child = g_strdup_printf ("/codes/localized/%s/subprocess", (const char *) data);

  g_test_trap_subprocess (child, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_load_fails (KapCodeKind  kind,
                   const char  *path,
                   int          code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapCodeList) list = kap_code_list_load (kind, path, &error);

  g_assert_null (list);
  g_assert_error (error, KAP_CODES_ERROR, code);
  /* The message names the file, so support can act on it. */
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kapija-codes-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "iso_3166-1.json", NULL);
  g_autofree char *truncated = write_file (dir, "truncated.json", "{\"3166-1\": [{\"alpha_3\": \"AFG\",");
  g_autofree char *wrong_root = write_file (dir, "root.json", "[1, 2, 3]");
  g_autofree char *wrong_member = write_file (dir, "member.json", "{\"3166-1\": 5}");
  g_autofree char *no_code = write_file (dir, "nocode.json", "{\"3166-1\": [{\"name\": \"Afghanistan\"}]}");
  g_autofree char *empty = write_file (dir, "empty.json", "{\"639-3\": []}");
  g_autofree char *binary = write_file (dir, "binary.json", "\x89PNG\r\n\x1a\n");
  g_autofree char *good = write_file (dir, "good.json",
                                      "{\"3166-1\": [{\"alpha_3\": \"AFG\", \"alpha_2\": \"AF\", \"name\": \"Afghanistan\"},"
                                      " {\"alpha_3\": \"SYR\", \"name\": \"Syrian Arab Republic\", \"common_name\": \"Syria\"}]}");
  g_autoptr(KapCodeList) list = NULL;

  g_assert_no_error (error);

  assert_load_fails (KAP_CODE_KIND_COUNTRY, missing, KAP_CODES_ERROR_MISSING);
  assert_load_fails (KAP_CODE_KIND_COUNTRY, dir, KAP_CODES_ERROR_MISSING);   /* a folder */
  assert_load_fails (KAP_CODE_KIND_COUNTRY, truncated, KAP_CODES_ERROR_MALFORMED);
  assert_load_fails (KAP_CODE_KIND_COUNTRY, wrong_root, KAP_CODES_ERROR_MALFORMED);
  assert_load_fails (KAP_CODE_KIND_COUNTRY, wrong_member, KAP_CODES_ERROR_MALFORMED);
  assert_load_fails (KAP_CODE_KIND_COUNTRY, no_code, KAP_CODES_ERROR_MALFORMED);
  assert_load_fails (KAP_CODE_KIND_LANGUAGE, empty, KAP_CODES_ERROR_MALFORMED);
  assert_load_fails (KAP_CODE_KIND_LANGUAGE, binary, KAP_CODES_ERROR_MALFORMED);
  /* The right JSON for the other kind. */
  assert_load_fails (KAP_CODE_KIND_LANGUAGE, good, KAP_CODES_ERROR_MALFORMED);

  list = kap_code_list_load (KAP_CODE_KIND_COUNTRY, good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_code_list_get_n (list), ==, 4);   /* + XKX, XXA */
  g_assert_cmpstr (kap_code_list_lookup (list, "SYR")->name, ==, "Syria");

  g_remove (missing);
  g_remove (truncated);
  g_remove (wrong_root);
  g_remove (wrong_member);
  g_remove (no_code);
  g_remove (empty);
  g_remove (binary);
  g_remove (good);
  g_rmdir (dir);
}

static void
test_override_subprocess (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kapija-codes-XXXXXX", &error);
  g_autofree char *path = NULL;
  KapCodeList *list;

  use_language (NULL);
  g_setenv ("KAP_ISO_CODES_DIR", dir, TRUE);

  /* Missing, then damaged: a clear error and no crash, and no list is
   * cached, so the next call tries again. */
  list = kap_code_list_countries (&error);
  g_assert_null (list);
  g_assert_error (error, KAP_CODES_ERROR, KAP_CODES_ERROR_MISSING);
  g_clear_error (&error);

  path = write_file (dir, "iso_3166-1.json", "{\"3166-1\": [");
  list = kap_code_list_countries (&error);
  g_assert_null (list);
  g_assert_error (error, KAP_CODES_ERROR, KAP_CODES_ERROR_MALFORMED);
  g_clear_error (&error);

  g_free (write_file (dir, "iso_3166-1.json",
                      "{\"3166-1\": [{\"alpha_3\": \"PAK\", \"name\": \"Pakistan\"}]}"));
  list = kap_code_list_countries (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_code_list_get_n (list), ==, 3);
  g_assert_nonnull (kap_code_list_lookup (list, "PAK"));
  g_assert_nonnull (kap_code_list_lookup (list, "XXA"));

  g_remove (path);
  g_rmdir (dir);
}

static void
test_override (void)
{
  g_test_trap_subprocess ("/codes/errors/override/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gpointer
load_thread (gpointer data)
{
  return kap_code_list_languages (NULL);
}

static void
test_threads_subprocess (void)
{
  GThread *threads[4];
  gpointer lists[G_N_ELEMENTS (threads)];

  use_language (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("load", load_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    lists[i] = g_thread_join (threads[i]);

  /* One load, one list, for every thread. */
  g_assert_nonnull (lists[0]);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (lists[i] == lists[0]);
}

static void
test_threads (void)
{
  g_test_trap_subprocess ("/codes/threads/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  use_language (NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codes/countries/load", test_countries_load);
  g_test_add_func ("/codes/countries/search", test_countries_search);
  g_test_add_func ("/codes/languages/load-search", test_languages);
  g_test_add_data_func ("/codes/localized/serbian", "serbian", test_localized);
  g_test_add_func ("/codes/localized/serbian/subprocess", test_serbian_subprocess);
  g_test_add_data_func ("/codes/localized/turkish", "turkish", test_localized);
  g_test_add_func ("/codes/localized/turkish/subprocess", test_turkish_subprocess);
  g_test_add_func ("/codes/errors/load", test_errors);
  g_test_add_func ("/codes/errors/override", test_override);
  g_test_add_func ("/codes/errors/override/subprocess", test_override_subprocess);
  g_test_add_func ("/codes/threads", test_threads);
  g_test_add_func ("/codes/threads/subprocess", test_threads_subprocess);

  return g_test_run ();
}
