/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-name-key-private.h"

static void
assert_key (const char *name,
            const char *expected)
{
  g_autofree char *key = kap_name_key (name);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_key_scripts (void)
{
  /* Serbian Cyrillic, Serbian Latin and plain capitals meet. */
  assert_key ("Милица Јовановић", "milica jovanovic");
  assert_key ("Milica Jovanović", "milica jovanovic");
  assert_key ("MILICA JOVANOVIC", "milica jovanovic");
  /* Turkish dotless ı, dotted İ, ş ç ğ. */
  assert_key ("Ayşe Yılmaz", "ayse yilmaz");
  assert_key ("İSMAİL ÇAĞLAR", "ismail caglar");
  /* Albanian ë and ç, Bosnian đ and dž. */
  assert_key ("Arben Krasniqi", "arben krasniqi");
  assert_key ("Dritë Çeliku", "drite celiku");
  assert_key ("Đorđe Džeko", "dorde dzeko");
  /* Serbian and Macedonian Cyrillic letters become their Latin digraphs,
   * so the Cyrillic form meets the Latin one. */
  assert_key ("Љубица Његош", "ljubica njegos");
  assert_key ("Ljubica Njegoš", "ljubica njegos");
  assert_key ("Ђорђе Џајић", "dorde dzajic");
  assert_key ("Ѓорѓи Ќосев", "gjorgji kjosev");
}

static void
test_key_arabic (void)
{
  g_autofree char *first = kap_name_key ("أحمد الحسن");
  g_autofree char *again = kap_name_key ("أحمد الحسن");
  g_autofree char *spaced = kap_name_key ("  أحمد   الحسن ");

  /* A stable Latin key: ASCII only, the same every time and whatever the
   * spacing, and the article ال is gone. */
  g_assert_cmpstr (first, ==, "ahmd hsn");
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, ==, spaced);
  for (const char *p = first; *p != '\0'; p++)
    g_assert_true (g_ascii_isalpha (*p) || *p == ' ');

  /* الله keeps its ل; ʿayn and hamza vanish instead of splitting words. */
  assert_key ("عبد الله", "bd allh");
  assert_key ("سعيد", "syd");
}

static void
test_key_article_and_punctuation (void)
{
  assert_key ("Ahmed Al-Hassan", "ahmed hassan");
  assert_key ("ahmed al hassan", "ahmed hassan");
  assert_key ("Ahmed El-Hassan", "ahmed hassan");
  assert_key ("Abdullah ash-Shami", "abdullah shami");
  assert_key ("Nur ad-Din", "nur din");
  /* Not an article: “as” before a word that does not start with s, and a
   * lone “Al”. */
  assert_key ("Ana as Novak", "ana as novak");
  assert_key ("Al", "al");
  /* Apostrophes join, other punctuation separates. */
  assert_key ("O’Brien", "obrien");
  assert_key ("Sa'id", "said");
  assert_key ("Jovanović-Petrović, Milica.", "jovanovic petrovic milica");
  assert_key ("\tMilica \n  Jovanović  ", "milica jovanovic");
  /* Nothing to compare. */
  assert_key (NULL, "");
  assert_key ("", "");
  assert_key (" - , . ", "");
}

/* Lower-case ASCII letters and digits in words separated by single
 * spaces, nothing before the first word or after the last. */
static gboolean
key_is_ascii (const char *key)
{
  for (const char *p = key; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          if (p == key || p[1] == '\0' || p[1] == ' ')
            return FALSE;
        }
      else if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

/* Every code point of the scripts of the region (and Greek), alone, inside
 * a Latin, a Cyrillic and an Arabic word (transliteration depends on the
 * neighbours) and doubled, gives an ASCII key: ICU leaves many letters
 * alone (Kazakh ү ұ, Kashmiri ۄ, Sindhi ڪ), and those once went into the
 * key as they were. */
static void
test_key_always_ascii (void)
{
  static const gunichar blocks[][2] = {
    { 0x0001, 0x024F },  /* Basic Latin to Latin Extended-B */
    { 0x0370, 0x03FF },  /* Greek and Coptic */
    { 0x0400, 0x052F },  /* Cyrillic, Cyrillic Supplement */
    { 0x0600, 0x06FF },  /* Arabic */
    { 0x0750, 0x077F },  /* Arabic Supplement */
    { 0x08A0, 0x08FF },  /* Arabic Extended-A */
    { 0x1C80, 0x1C8F },  /* Cyrillic Extended-C */
    { 0x1E00, 0x1EFF },  /* Latin Extended Additional */
    { 0x1F00, 0x1FFF },  /* Greek Extended */
    { 0x2DE0, 0x2DFF },  /* Cyrillic Extended-A */
    { 0xA640, 0xA69F },  /* Cyrillic Extended-B */
    { 0xFB50, 0xFDFF },  /* Arabic Presentation Forms-A */
    { 0xFE70, 0xFEFF },  /* Arabic Presentation Forms-B */
  };
  /* Before the code point, between it and its repetition (NULL: once),
   * after. */
  static const char * const contexts[][3] = {
    { "", NULL, "" }, { "a", NULL, "b" }, { "Б", NULL, "б" }, { "ب", NULL, "ب" },
    { "", " ", "" }, { "Ab", "'", "-x" },
  };
  guint n_letters = 0;

  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (gunichar c = blocks[b][0]; c <= blocks[b][1]; c++)
      {
        char utf8[8] = { 0 };

        if (!g_unichar_validate (c))
          continue;
        g_unichar_to_utf8 (c, utf8);
        if (g_unichar_isalpha (c))
          n_letters++;

        for (guint i = 0; i < G_N_ELEMENTS (contexts); i++)
          {
            const char * const *context = contexts[i];
            g_autofree char *name = g_strconcat (context[0], utf8, context[1] != NULL ? context[1] : "",
                                                 context[1] != NULL ? utf8 : "", context[2], NULL);
            g_autofree char *key = kap_name_key (name);

            if (!key_is_ascii (key))
              g_error ("The key of U+%04X in context %u is “%s”, not lower-case ASCII", c, i, key);
          }
      }

  /* The walk did go through the scripts' letters. */
  g_assert_cmpuint (n_letters, >, 2000);
}

/* A letter the transliterator leaves alone is read as its base letter
 * (its Unicode name without the qualifiers), not dropped. */
static void
test_key_base_letters (void)
{
  assert_key ("ۄ", "w");            /* ARABIC LETTER WAW WITH RING */
  assert_key ("بࢠا", "bba");        /* ARABIC LETTER BEH WITH SMALL V BELOW */
  assert_key ("Ԓ", "l");            /* CYRILLIC CAPITAL LETTER EL WITH HOOK */
  assert_key ("ҡ", "k");            /* CYRILLIC SMALL LETTER BASHKIR KA */
  assert_key ("ɔ", "o");            /* LATIN SMALL LETTER OPEN O */
  assert_key ("ᴀ", "a");            /* LATIN LETTER SMALL CAPITAL A */
  /* Digits of other scripts are digits. */
  assert_key ("٣٤ ۴", "34 4");
}

/* The same name in the scripts and spellings of the region gives the same
 * key. Synthetic names. */
static void
test_key_same_across_scripts (void)
{
  static const char * const same[][3] = {
    /* Kazakh and Kyrgyz Cyrillic, their Latin alphabets, Turkish. */
    { "Үмүт Ұлы", "Ümüt Uly", "UMUT ULY" },
    { "Гүлнар Сәрсенова", "Gülnar Särsenova", "Gulnar Sarsenova" },
    { "Өмүрбек Төлөгөнов", "Ömürbek Tölögönov", "Omurbek Tologonov" },
    /* Tatar (Zamanälif), Tajik, Azerbaijani ә and ə. */
    { "Гөлнара Җәлилова", "Gölnara Cälilova", "Golnara Calilova" },
    { "Ҷамшед", "Jamşed", "Jamsed" },
    { "Мәммәдов Әли", "Məmmədov Əli", "Mammadov Ali" },
    /* Serbian, Macedonian, Bosnian Cyrillic and Latin. */
    { "Милица Јовановић", "Milica Jovanović", "Milica Jovanovic" },
    { "Ѓорѓи Ќосев", "Gjorgji Kjosev", "GJORGJI KJOSEV" },
    { "Џемал Хоџић", "Džemal Hodžić", "Dzemal Hodzic" },
    /* Turkish, Albanian. */
    { "Şükrü Öztürk", "ŞÜKRÜ ÖZTÜRK", "Sukru Ozturk" },
    { "Dritë Çeliku", "DRITË ÇELIKU", "Drite Celiku" },
    /* Arabic, Persian (ی ک), Urdu (ہ ھ ٹ), Pashto (ګ ځ ڼ), Sindhi (ڪ),
     * and the presentation forms. */
    { "علي كريمي", "علی کریمی", "علی كريمی" },
    { "شاه هاشم", "شاہ ھاشم", "شاہ هاشم" },
    { "تیپو", "ٹیپو", "ٹيپو" },
    { "گل زدران", "ګل ځدراڼ", "گل ځدران" },
    { "كريم", "ڪريم", "کریم" },
    { "أحمد الحسن", "ﺃﺣﻤﺪ ﺍﻟﺤﺴﻦ", "أحمد ال‌حسن" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *key = kap_name_key (same[i][0]);

      g_assert_true (key_is_ascii (key));
      g_assert_cmpstr (key, !=, "");
      for (guint j = 1; j < G_N_ELEMENTS (same[i]); j++)
        assert_key (same[i][j], key);
    }

  assert_key ("Үмүт Ұлы", "umut uly");
}

static void
test_key_invalid_utf8 (void)
{
  g_autofree char *key = kap_name_key ("Milica\xff Jovanovi\xc4");

  g_assert_true (g_utf8_validate (key, -1, NULL));
  g_assert_true (g_str_has_prefix (key, "milica"));
}

static gpointer
key_thread (gpointer data)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *key = kap_name_key (i % 2 ? "Милица Јовановић" : "أحمد الحسن");

      if (g_strcmp0 (key, i % 2 ? "milica jovanovic" : "ahmd hsn") != 0)
        return GINT_TO_POINTER (1);
    }

  return NULL;
}

static void
test_key_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("key", key_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

static double
similarity (const char *a,
            const char *b)
{
  g_autofree char *key_a = kap_name_key (a);
  g_autofree char *key_b = kap_name_key (b);

  return kap_name_similarity (key_a, key_b);
}

static void
test_jaro_winkler (void)
{
  /* The textbook values. */
  g_assert_cmpfloat_with_epsilon (kap_name_jaro_winkler ("martha", 6, "marhta", 6), 0.961, 0.001);
  g_assert_cmpfloat_with_epsilon (kap_name_jaro_winkler ("dwayne", 6, "duane", 5), 0.840, 0.001);
  g_assert_cmpfloat_with_epsilon (kap_name_jaro_winkler ("dixon", 5, "dicksonx", 8), 0.813, 0.001);
  g_assert_cmpfloat (kap_name_jaro_winkler ("abc", 3, "xyz", 3), ==, 0.0);
  g_assert_cmpfloat (kap_name_jaro_winkler ("", 0, "", 0), ==, 1.0);

  {
    g_autofree char *skeleton = kap_name_skeleton ("mohammed");
    g_autofree char *other = kap_name_skeleton ("muhammad");

    g_assert_cmpstr (skeleton, ==, "mhmd");
    g_assert_cmpstr (other, ==, "mhmd");
  }
}

static void
test_similarity_order (void)
{
  double same_two_scripts = similarity ("Милица Јовановић", "Milica Jovanović");
  double swapped = similarity ("Jovanović Milica", "Milica Jovanović");
  double variant = similarity ("Mohammed Ahmadi", "Muhammad Ahmadi");
  double variant2 = similarity ("Mohamed Ahmadi", "Mohammed Ahmadi");
  double typo = similarity ("Milica Jovanovich", "Milica Jovanović");
  double arabic_latin = similarity ("أحمد الحسن", "Ahmed Al-Hassan");
  double sister = similarity ("Milena Jovanović", "Milica Jovanović");
  double namesake = similarity ("Milica Petrović", "Milica Jovanović");
  double brother = similarity ("Marko Jovanović", "Milica Jovanović");
  double stranger = similarity ("Arben Krasniqi", "Milica Jovanović");
  double hussein = similarity ("Ali Hussein", "Ali Hassan");

  g_assert_cmpfloat (same_two_scripts, ==, 1.0);
  g_assert_cmpfloat (swapped, ==, 1.0);

  /* Spelling variants: similar, but below the same name. */
  g_assert_cmpfloat (variant, <, same_two_scripts);
  g_assert_cmpfloat (variant, >=, KAP_NAME_SIMILAR);
  g_assert_cmpfloat (variant2, >=, KAP_NAME_SIMILAR);
  g_assert_cmpfloat (typo, >=, KAP_NAME_SIMILAR);
  g_assert_cmpfloat (typo, <, 1.0);
  g_assert_cmpfloat (arabic_latin, >=, KAP_NAME_SIMILAR);

  /* Different people: below the threshold, and below every variant. */
  g_assert_cmpfloat (sister, <, KAP_NAME_SIMILAR);
  g_assert_cmpfloat (namesake, <, KAP_NAME_SIMILAR);
  g_assert_cmpfloat (brother, <, KAP_NAME_SIMILAR);
  g_assert_cmpfloat (hussein, <, KAP_NAME_SIMILAR);
  g_assert_cmpfloat (stranger, <, 0.3);
  g_assert_cmpfloat (sister, <, variant);
  g_assert_cmpfloat (stranger, <, namesake);

  /* An extra middle name costs a little, not the match. */
  g_assert_cmpfloat (similarity ("Milica Ana Jovanović", "Milica Jovanović"), >=, KAP_NAME_SIMILAR);

  /* Symmetric, and empty names never match. */
  g_assert_cmpfloat_with_epsilon (similarity ("Ahmed Hassan", "Ahmad Hasan"),
                                  similarity ("Ahmad Hasan", "Ahmed Hassan"), 1e-9);
  g_assert_cmpfloat (kap_name_similarity ("", "milica"), ==, 0.0);
  g_assert_cmpfloat (kap_name_similarity (NULL, NULL), ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/name-key/key/scripts", test_key_scripts);
  g_test_add_func ("/name-key/key/arabic", test_key_arabic);
  g_test_add_func ("/name-key/key/article-punctuation", test_key_article_and_punctuation);
  g_test_add_func ("/name-key/key/always-ascii", test_key_always_ascii);
  g_test_add_func ("/name-key/key/base-letters", test_key_base_letters);
  g_test_add_func ("/name-key/key/same-across-scripts", test_key_same_across_scripts);
  g_test_add_func ("/name-key/key/invalid-utf8", test_key_invalid_utf8);
  g_test_add_func ("/name-key/key/threads", test_key_threads);
  g_test_add_func ("/name-key/similarity/jaro-winkler", test_jaro_winkler);
  g_test_add_func ("/name-key/similarity/order", test_similarity_order);

  return g_test_run ();
}
