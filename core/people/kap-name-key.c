/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-name-key"

#include "config.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "kap-name-key-private.h"

/* One transliterator for every script, built from rules so that the Serbian
 * and Macedonian Cyrillic letters become the digraphs of their own Latin
 * alphabets: ICU's generic Cyrillic-Latin follows ISO 9 and would turn
 * "Љубица Његош" into "L̂ubica N̂egoš", which folds to "lubica negos" and never
 * meets the "Ljubica Njegoš" written on a passport. Lower-casing first keeps
 * the rules to small letters only. Latin-ASCII then folds ć č đ dž š ž ë ç ğ
 * ı ş (and ß æ ø ł…), and the final NFKD plus mark removal catches letters
 * Latin-ASCII leaves with a diacritic (the romanised Arabic ā ḥ ṣ…).
 *
 * ICU leaves some letters of the region's languages alone, so they get
 * rules of their own, with the values of their languages' Latin alphabets:
 * - Kazakh, Kyrgyz, Tatar, Uzbek and Tajik Cyrillic (ә ғ қ ң ө ұ ү һ җ ҳ ҷ),
 *   so that "Үмүт Ұлы" meets "Ümüt Uly";
 * - the Arabic-script letters of Urdu (ٹ ڈ ڑ ں ہ ھ ے), Pashto (ټ ځ څ ډ ړ ږ
 *   ښ ګ ڼ ې ۍ), Kurdish (ڕ ڵ ۆ ێ ە), Uyghur (ۇ ۈ ۉ ۅ) and Sindhi, so that
 *   "شاہ" (Urdu) meets "شاه" (Persian, Arabic);
 * - Latin ə (Azerbaijani, and what ICU makes of Cyrillic ә), ʒ, ʃ and ɣ.
 * Whatever still is not ASCII afterwards is read as its base letter
 * (fold_by_name()) or dropped: a key is always lower-case ASCII.
 * Checked on ICU 72. */
static const char translit_rules[] =
  ":: NFC ;\n"
  ":: Any-Lower ;\n"
  "љ > lj ; њ > nj ; џ > dž ; ђ > đ ; ћ > ć ; ј > j ;\n"
  "ѓ > gj ; ќ > kj ; ѕ > dz ;\n"
  "ә > ä ; ғ > ğ ; қ > q ; ң > ñ ; ө > ö ; ұ > u ; ү > ü ; һ > h ;\n"
  "җ > c ; ҳ > h ; ҷ > j ;\n"
  "ٹ > t ; ڈ > d ; ڑ > r ; ں > n ; ہ > h ; ۂ > h ; ۃ > h ; ھ > h ; ے > e ; ۓ > e ;\n"
  "ټ > t ; ځ > z ; څ > s ; ډ > d ; ړ > r ; ږ > zh ; ښ > sh ; ګ > g ; ڼ > n ;\n"
  "ې > e ; ۍ > ay ;\n"
  "ڕ > r ; ڵ > l ; ۆ > o ; ێ > e ; ە > e ; ۀ > e ;\n"
  "ۇ > u ; ۈ > u ; ۉ > u ; ۅ > o ; ٱ > a ;\n"
  "ٻ > b ; ڀ > bh ; ٺ > th ; ٽ > t ; ٿ > th ; ڄ > j ; ڃ > ny ; ڇ > ch ;\n"
  "ڊ > d ; ڌ > dh ; ڍ > d ; ڏ > d ; ڙ > r ; ڦ > ph ; ڪ > k ; ڳ > g ; ڱ > ng ;\n"
  ":: Any-Latin ;\n"
  ":: Latin-ASCII ;\n"
  "ə > a ; ʒ > z ; ʃ > sh ; ɣ > g ;\n"
  ":: NFKD ;\n"
  ":: [:Nonspacing Mark:] Remove ;\n"
  ":: Any-Lower ;\n"
  ":: NFC ;\n";

/* ICU does not promise that one UTransliterator may be used by several
 * threads at once, and opening one takes about 20 ms, so there is a single
 * instance behind a lock; a key takes a few microseconds to make. */
static GMutex translit_lock;
static UTransliterator *translit;
static gboolean translit_broken;

static UTransliterator *
get_transliterator (void)
{
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  UChar *rules;
  int32_t rules_len = 0;
  static const UChar id[] = { 'k', 'a', 'p', '-', 'n', 'a', 'm', 'e', 0 };

  if (translit != NULL || translit_broken)
    return translit;

  u_strFromUTF8 (NULL, 0, &rules_len, translit_rules, -1, &status);
  status = U_ZERO_ERROR;
  rules = g_new (UChar, rules_len + 1);
  u_strFromUTF8 (rules, rules_len + 1, NULL, translit_rules, -1, &status);
  if (U_SUCCESS (status))
    translit = utrans_openU (id, -1, UTRANS_FORWARD, rules, rules_len,
                             &parse_error, &status);
  g_free (rules);

  if (U_FAILURE (status) || translit == NULL)
    {
      /* Only a broken ICU installation gets here; names still get a
       * usable (Latin-only) key from the fallback below. */
      g_warning ("Cannot open the name transliterator: %s (rule line %d)",
                 u_errorName (status), parse_error.line);
      translit = NULL;
      translit_broken = TRUE;
    }

  return translit;
}

/* Runs the transliterator over @text; NULL if ICU fails. */
static char *
transliterate (const char *text)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t src_len = 0;
  int32_t capacity;
  char *result = NULL;

  u_strFromUTF8 (NULL, 0, &src_len, text, -1, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return NULL;

  /* Romanisation grows text (щ → shch, Arabic gains vowels), so start
   * with room for four times the input and retry larger if needed. */
  for (capacity = src_len * 4 + 16; capacity < (1 << 24); capacity *= 4)
    {
      g_autofree UChar *buf = g_new (UChar, capacity);
      int32_t len = 0;
      int32_t limit;
      int32_t out_len = 0;

      status = U_ZERO_ERROR;
      u_strFromUTF8 (buf, capacity, &len, text, -1, &status);
      if (U_FAILURE (status))
        return NULL;
      limit = len;

      g_mutex_lock (&translit_lock);
      if (get_transliterator () != NULL)
        utrans_transUChars (translit, buf, &len, capacity, 0, &limit, &status);
      else
        status = U_UNSUPPORTED_ERROR;
      g_mutex_unlock (&translit_lock);

      if (status == U_BUFFER_OVERFLOW_ERROR)
        continue;
      if (U_FAILURE (status))
        return NULL;

      u_strToUTF8 (NULL, 0, &out_len, buf, len, &status);
      status = U_ZERO_ERROR;
      result = g_malloc (out_len + 1);
      u_strToUTF8 (result, out_len + 1, NULL, buf, len, &status);
      if (U_FAILURE (status))
        g_clear_pointer (&result, g_free);
      return result;
    }

  return NULL;
}

/* Without ICU: decompose, drop the marks, lower-case. */
static char *
fold_without_icu (const char *text)
{
  g_autofree char *nfkd = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_arabic_letter (gunichar c)
{
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
         c == 0x06EE || c == 0x06EF || (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF ||
         (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF);
}

/* @text romanised to lower-case ASCII letters and digits only, or NULL. */
static char *
romanise_letter (const char *text)
{
  g_autofree char *latin = transliterate (text);

  if (latin == NULL || latin[0] == '\0')
    return NULL;
  for (const char *p = latin; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;

  return g_ascii_strdown (latin, -1);
}

/* A letter the rules leave alone is mostly a rarer language's variant of a
 * base letter, and its Unicode name says which: ۄ is ARABIC LETTER WAW WITH
 * RING, ԓ CYRILLIC SMALL LETTER EL WITH HOOK, ҡ CYRILLIC SMALL LETTER
 * BASHKIR KA, ɔ LATIN SMALL LETTER OPEN O. Such a letter is read as the
 * letter that the longest run of its name's words names (what follows
 * "WITH" left out; the first run of that length wins), if that one
 * romanises to ASCII. NULL when none does (ǀ, a click, or Coptic ϣ): the
 * letter is then dropped. Only rare letters get here. */
static char *
fold_by_name (gunichar c)
{
  UErrorCode status = U_ZERO_ERROR;
  char name[160];
  g_auto(GStrv) words = NULL;
  g_autofree char *script = NULL;
  char *letter;
  char *with;
  guint n_words;
  int32_t len;

  len = u_charName ((UChar32) c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  if (U_FAILURE (status) || len <= 0 || len >= (int32_t) sizeof name)
    return NULL;
  letter = strstr (name, " LETTER ");
  if (letter == NULL)
    return NULL;

  /* "CYRILLIC SMALL", "LATIN" (of LATIN LETTER SMALL CAPITAL A): the base
   * letter is looked for among the small letters of the script, then
   * among its letters without case. */
  script = g_strndup (name, letter - name);
  if (g_str_has_suffix (script, " SMALL") || g_str_has_suffix (script, " CAPITAL"))
    *strrchr (script, ' ') = '\0';
  with = strstr (letter, " WITH ");
  if (with != NULL)
    *with = '\0';
  words = g_strsplit (letter + strlen (" LETTER "), " ", -1);
  n_words = g_strv_length (words);

  for (guint size = with != NULL ? n_words : n_words - 1; size >= 1 && size <= n_words; size--)
    for (guint first = 0; first + size <= n_words; first++)
      {
        g_autoptr(GString) base = g_string_new (NULL);

        for (guint i = first; i < first + size; i++)
          g_string_append_printf (base, "%s%s", i > first ? " " : "", words[i]);

        for (guint small = 0; small < 2; small++)
          {
            g_autofree char *candidate = g_strdup_printf ("%s%s LETTER %s", script,
                                                          small == 0 ? " SMALL" : "", base->str);
            char utf8[8] = { 0 };
            char *ascii;
            UChar32 d;

            status = U_ZERO_ERROR;
            d = u_charFromName (U_UNICODE_CHAR_NAME, candidate, &status);
            if (U_FAILURE (status) || d < 0 || (gunichar) d == c)
              continue;

            g_unichar_to_utf8 ((gunichar) d, utf8);
            ascii = romanise_letter (utf8);
            if (ascii != NULL)
              return ascii;
          }
      }

  return NULL;
}

/* The Arabic article is written joined to the word (الحسن, al-Ḥasan) and
 * is often left out in Latin spellings ("Hassan"), so it carries no
 * identity: drop ال at the start of a word that has at least two letters
 * after it. الله (Allah, as in عبد الله) keeps it: there it is part of the
 * word. */
static char *
strip_arabic_article (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean word_start = TRUE;
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (word_start && (c == 0x0627 || c == 0x0671) &&
          g_utf8_get_char (g_utf8_next_char (p)) == 0x0644)
        {
          const char *rest = g_utf8_next_char (g_utf8_next_char (p));
          guint n_letters = 0;
          gboolean allah = FALSE;

          for (const char *q = rest; *q != '\0'; q = g_utf8_next_char (q))
            {
              gunichar d = g_utf8_get_char (q);

              if (g_unichar_ismark (d))
                continue;
              if (!is_arabic_letter (d))
                break;
              n_letters++;
            }
          if (n_letters == 2 && g_utf8_get_char (rest) == 0x0644 &&
              g_utf8_get_char (g_utf8_next_char (rest)) == 0x0647)
            allah = TRUE;

          if (n_letters >= 2 && !allah)
            {
              p = rest;
              word_start = FALSE;
              continue;
            }
        }

      word_start = !is_arabic_letter (c) && !g_unichar_ismark (c) && !g_unichar_isalnum (c);
      g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_apostrophe (gunichar c)
{
  /* ’ ‘ ʼ ʻ ʽ ʾ ʿ ` ´ ' and the modifier primes: O’Brien, Sa’id, ʿUmar are
   * one word each, not two. */
  return c == '\'' || c == '`' || c == 0x00B4 || c == 0x2018 || c == 0x2019 ||
         c == 0x02B9 || c == 0x02BB || c == 0x02BC || c == 0x02BD ||
         c == 0x02BE || c == 0x02BF || c == 0x02C8;
}

/* The article in Latin spellings: "al Hassan", "El-Sayed", and the
 * assimilated forms before sun letters ("ash-Shami", "ad-Din", "as-Sayed"),
 * which only count as the article when the next word starts with the
 * repeated consonant. Only removed before another word, so a name that is
 * just "Al" stays. */
static gboolean
is_article (const char *word,
            const char *next)
{
  static const char * const sun[] = { "t", "th", "d", "dh", "r", "z", "s", "sh", "n", NULL };

  if (next == NULL)
    return FALSE;
  if (strcmp (word, "al") == 0 || strcmp (word, "el") == 0)
    return TRUE;
  if (word[0] != 'a' && word[0] != 'e')
    return FALSE;
  for (guint i = 0; sun[i] != NULL; i++)
    if (strcmp (word + 1, sun[i]) == 0 && g_str_has_prefix (next, sun[i]))
      return TRUE;

  return FALSE;
}

char *
kap_name_key (const char *name)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfkc = NULL;
  g_autofree char *no_article = NULL;
  g_autofree char *latin = NULL;
  g_autoptr(GPtrArray) words = NULL;
  GString *word = NULL;
  GString *key;
  gboolean ascii = TRUE;
  gboolean arabic = FALSE;
  const char *text;

  if (name == NULL || *name == '\0')
    return g_strdup ("");

  if (!g_utf8_validate (name, -1, NULL))
    name = valid = g_utf8_make_valid (name, -1);

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  text = name;
  if (!ascii)
    {
      /* Compatibility forms become the letters they stand for: the Arabic
       * presentation forms (ﺃﺣﻤﺪ is أحمد), ligatures, full-width Latin. */
      text = nfkc = g_utf8_normalize (name, -1, G_NORMALIZE_ALL_COMPOSE);
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        if (is_arabic_letter (g_utf8_get_char (p)))
          {
            arabic = TRUE;
            break;
          }
      if (arabic)
        text = no_article = strip_arabic_article (text);

      /* ASCII text comes out of the transliterator only lower-cased, so it
       * skips it: most names on Latin-script documents cost no ICU call. */
      latin = transliterate (text);
      if (latin == NULL)
        latin = fold_without_icu (text);
      text = latin;
    }

  /* ASCII letters and digits make words; apostrophes and marks vanish;
   * anything else separates words. What the transliterator left outside
   * ASCII is a letter read as its base letter, or dropped, or a digit of
   * another script: the key is ASCII whatever the name. */
  words = g_ptr_array_new_with_free_func (g_free);
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (is_apostrophe (c) || g_unichar_ismark (c)))
        continue;

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_autofree char *folded = NULL;

          if (word == NULL)
            word = g_string_new (NULL);
          if (c < 0x80)
            g_string_append_c (word, g_ascii_tolower (c));
          else if (g_unichar_isdigit (c))
            g_string_append_c (word, '0' + g_unichar_digit_value (c));
          else if ((folded = fold_by_name (c)) != NULL)
            g_string_append (word, folded);
        }
      else if (word != NULL)
        {
          if (word->len > 0)
            g_ptr_array_add (words, g_string_free (word, FALSE));
          else
            g_string_free (word, TRUE);
          word = NULL;
        }

      if (c == 0)
        break;
    }

  key = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);
      const char *next = i + 1 < words->len ? g_ptr_array_index (words, i + 1) : NULL;

      if (is_article (w, next))
        continue;
      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, w);
    }

  return g_string_free (key, FALSE);
}

double
kap_name_jaro_winkler (const char *a,
                       gsize       len_a,
                       const char *b,
                       gsize       len_b)
{
  /* Names are short; longer words are compared on their first 64 bytes. */
  gboolean matched_a[64] = { 0 };
  gboolean matched_b[64] = { 0 };
  gsize window;
  guint matches = 0;
  guint transpositions = 0;
  guint prefix = 0;
  double jaro;

  if (len_a == 0 && len_b == 0)
    return 1.0;
  if (len_a == 0 || len_b == 0)
    return 0.0;

  len_a = MIN (len_a, 64);
  len_b = MIN (len_b, 64);
  if (len_a == len_b && memcmp (a, b, len_a) == 0)
    return 1.0;

  window = MAX (len_a, len_b) / 2;
  window = window > 0 ? window - 1 : 0;

  for (gsize i = 0; i < len_a; i++)
    {
      gsize lo = i > window ? i - window : 0;
      gsize hi = MIN (i + window + 1, len_b);

      for (gsize j = lo; j < hi; j++)
        if (!matched_b[j] && a[i] == b[j])
          {
            matched_a[i] = matched_b[j] = TRUE;
            matches++;
            break;
          }
    }

  if (matches == 0)
    return 0.0;

  for (gsize i = 0, k = 0; i < len_a; i++)
    if (matched_a[i])
      {
        while (!matched_b[k])
          k++;
        if (a[i] != b[k])
          transpositions++;
        k++;
      }

  jaro = ((double) matches / len_a + (double) matches / len_b +
          (matches - transpositions / 2.0) / matches) / 3.0;

  /* Winkler: a common prefix of up to four letters raises the score, but
   * only for pairs that already look alike. */
  while (prefix < 4 && prefix < len_a && prefix < len_b && a[prefix] == b[prefix])
    prefix++;
  if (jaro > 0.7)
    jaro += prefix * 0.1 * (1.0 - jaro);

  return jaro;
}

char *
kap_name_skeleton (const char *word)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; word[i] != '\0'; i++)
    {
      char c = word[i];

      if (strchr ("aeiou", c) != NULL)
        continue;
      /* ي and و are written where Latin spellings have a vowel
       * (يوسف → ywsf, Yusuf), but start a name as consonants (Yasin). */
      if (i > 0 && (c == 'y' || c == 'w'))
        continue;
      if (out->len > 0 && out->str[out->len - 1] == c)
        continue;
      g_string_append_c (out, c);
    }

  return g_string_free (out, FALSE);
}

/* A romanised Arabic-script word: no vowel letter after the first one
 * (mhmd, ahmd, hsn). */
static gboolean
is_unvocalised (const char *word,
                gsize       len)
{
  for (gsize i = 1; i < len; i++)
    if (strchr ("aeiou", word[i]) != NULL)
      return FALSE;
  return TRUE;
}

double
kap_name_word_similarity_full (const char *a,
                               gsize       len_a,
                               const char *skeleton_a,
                               const char *b,
                               gsize       len_b,
                               const char *skeleton_b)
{
  double jw = kap_name_jaro_winkler (a, len_a, b, len_b);

  /* Arabic script leaves short vowels unwritten and Latin spellings of the
   * same name disagree on them (Mohammed, Muhammad, Mohamad; أحمد → ahmd,
   * Ahmed): Jaro-Winkler alone gives such pairs 0.80-0.88. Equal
   * consonant skeletons of three letters or more lift them above the
   * similarity threshold; shorter skeletons (Ali, Omar, Said) are too
   * common to mean anything. Two spelled-out words must also look alike
   * already (Jaro-Winkler ≥ 0.80): Hassan and Hussein share the skeleton
   * hsn but are different names. */
  if (jw < KAP_NAME_SKELETON_SCORE &&
      strlen (skeleton_a) >= KAP_NAME_SKELETON_MIN &&
      strcmp (skeleton_a, skeleton_b) == 0 &&
      (jw >= 0.80 || is_unvocalised (a, len_a) || is_unvocalised (b, len_b)))
    return KAP_NAME_SKELETON_SCORE;

  return jw;
}

double
kap_name_word_similarity (const char *a,
                          const char *b)
{
  g_autofree char *skeleton_a = kap_name_skeleton (a);
  g_autofree char *skeleton_b = kap_name_skeleton (b);

  return kap_name_word_similarity_full (a, strlen (a), skeleton_a,
                                        b, strlen (b), skeleton_b);
}

/* How much a word pair contributes to the name score. Jaro-Winkler gives
 * unrelated names of the region 0.55-0.85 (Milica / Milena 0.84,
 * Yilmaz / Yildiz 0.81) because they share endings and letters, so a
 * plain average would let one identical word carry a different second
 * word over the threshold. Pairs below 0.90 are therefore pushed down
 * steeply (three times their distance to 0.90): one different word sinks
 * a two-word name, a typo (≥ 0.90) costs almost nothing. */
static double
word_contribution (double similarity)
{
  if (similarity >= 0.90)
    return similarity;
  return MAX (0.0, similarity - 3.0 * (0.90 - similarity));
}

double
kap_name_combine (const double *sims,
                  guint         n_a,
                  const guint  *len_a,
                  guint         n_b,
                  const guint  *len_b)
{
  gboolean used_a[KAP_NAME_MAX_WORDS] = { 0 };
  gboolean used_b[KAP_NAME_MAX_WORDS] = { 0 };
  guint n_pairs;
  double weighted = 0.0;
  double matched_weight = 0.0;
  double total_weight = 0.0;

  g_return_val_if_fail (n_a <= KAP_NAME_MAX_WORDS && n_b <= KAP_NAME_MAX_WORDS, 0.0);

  if (n_a == 0 || n_b == 0)
    return 0.0;

  for (guint i = 0; i < n_a; i++)
    total_weight += len_a[i];
  for (guint j = 0; j < n_b; j++)
    total_weight += len_b[j];

  /* Greedy assignment, best pair first: the words of a name may come in
   * any order (family name first on one document, last on another), and
   * with at most eight words a side greedy is as good as optimal in
   * practice. */
  n_pairs = MIN (n_a, n_b);
  for (guint p = 0; p < n_pairs; p++)
    {
      double best = -1.0;
      guint best_i = 0, best_j = 0;
      double weight;

      for (guint i = 0; i < n_a; i++)
        {
          if (used_a[i])
            continue;
          for (guint j = 0; j < n_b; j++)
            if (!used_b[j] && sims[i * n_b + j] > best)
              {
                best = sims[i * n_b + j];
                best_i = i;
                best_j = j;
              }
        }

      used_a[best_i] = used_b[best_j] = TRUE;
      weight = len_a[best_i] + len_b[best_j];
      weighted += word_contribution (best) * weight;
      matched_weight += weight;
    }

  /* Words without a partner (a second given name, a grandfather's name
   * that one document has and the other lacks) lower the score a little
   * but not much: documents of one person often differ that way. */
  return (weighted / matched_weight) * (0.85 + 0.15 * matched_weight / total_weight);
}

guint
kap_name_split_key (char   *key,
                    char  **words,
                    guint  *lengths)
{
  guint n = 0;
  char *p = key;

  while (*p != '\0' && n < KAP_NAME_MAX_WORDS)
    {
      char *end;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      end = strchr (p, ' ');
      words[n] = p;
      if (end != NULL)
        {
          *end = '\0';
          lengths[n++] = end - p;
          p = end + 1;
        }
      else
        {
          lengths[n++] = strlen (p);
          break;
        }
    }

  return n;
}

double
kap_name_similarity (const char *key_a,
                     const char *key_b)
{
  g_autofree char *copy_a = NULL;
  g_autofree char *copy_b = NULL;
  char *words_a[KAP_NAME_MAX_WORDS], *words_b[KAP_NAME_MAX_WORDS];
  char *skeletons_a[KAP_NAME_MAX_WORDS], *skeletons_b[KAP_NAME_MAX_WORDS];
  guint len_a[KAP_NAME_MAX_WORDS], len_b[KAP_NAME_MAX_WORDS];
  double sims[KAP_NAME_MAX_WORDS * KAP_NAME_MAX_WORDS];
  guint n_a, n_b;
  double result;

  if (key_a == NULL || key_b == NULL || *key_a == '\0' || *key_b == '\0')
    return 0.0;
  if (strcmp (key_a, key_b) == 0)
    return 1.0;

  copy_a = g_strdup (key_a);
  copy_b = g_strdup (key_b);
  n_a = kap_name_split_key (copy_a, words_a, len_a);
  n_b = kap_name_split_key (copy_b, words_b, len_b);
  if (n_a == 0 || n_b == 0)
    return 0.0;

  for (guint i = 0; i < n_a; i++)
    skeletons_a[i] = kap_name_skeleton (words_a[i]);
  for (guint j = 0; j < n_b; j++)
    skeletons_b[j] = kap_name_skeleton (words_b[j]);

  for (guint i = 0; i < n_a; i++)
    for (guint j = 0; j < n_b; j++)
      sims[i * n_b + j] = kap_name_word_similarity_full (words_a[i], len_a[i], skeletons_a[i],
                                                         words_b[j], len_b[j], skeletons_b[j]);

  result = kap_name_combine (sims, n_a, len_a, n_b, len_b);

  for (guint i = 0; i < n_a; i++)
    g_free (skeletons_a[i]);
  for (guint j = 0; j < n_b; j++)
    g_free (skeletons_b[j]);

  return result;
}
