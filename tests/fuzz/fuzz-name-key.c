/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-name-key"

#include "config.h"

#include <string.h>

#include "kap-name-key.h"
#include "kap-fuzz.h"

/* Name keys (core/kap-name-key.c). Any bytes give a key of lower-case
 * ASCII letters and digits in single-space separated words, and similarity
 * stays within [0, 1]. The input also spells a name in the Serbian
 * alphabet, each byte one letter (or a space, a hyphen, an apostrophe),
 * written once in Cyrillic and once in Latin script, in the byte's case:
 * both spellings must give the same key, as "Милица Јовановић" and
 * "Milica Jovanović" do. */

static const struct
{
  const char *cyrillic_lower, *cyrillic_upper;
  const char *latin_lower, *latin_upper;
} serbian[] = {
  { "а", "А", "a", "A" }, { "б", "Б", "b", "B" }, { "в", "В", "v", "V" },
  { "г", "Г", "g", "G" }, { "д", "Д", "d", "D" }, { "ђ", "Ђ", "đ", "Đ" },
  { "е", "Е", "e", "E" }, { "ж", "Ж", "ž", "Ž" }, { "з", "З", "z", "Z" },
  { "и", "И", "i", "I" }, { "ј", "Ј", "j", "J" }, { "к", "К", "k", "K" },
  { "л", "Л", "l", "L" }, { "љ", "Љ", "lj", "Lj" }, { "м", "М", "m", "M" },
  { "н", "Н", "n", "N" }, { "њ", "Њ", "nj", "Nj" }, { "о", "О", "o", "O" },
  { "п", "П", "p", "P" }, { "р", "Р", "r", "R" }, { "с", "С", "s", "S" },
  { "т", "Т", "t", "T" }, { "ћ", "Ћ", "ć", "Ć" }, { "у", "У", "u", "U" },
  { "ф", "Ф", "f", "F" }, { "х", "Х", "h", "H" }, { "ц", "Ц", "c", "C" },
  { "ч", "Ч", "č", "Č" }, { "џ", "Џ", "dž", "Dž" }, { "ш", "Ш", "š", "Š" },
  /* Separators, the same in both scripts. */
  { " ", " ", " ", " " }, { "-", "-", "-", "-" }, { "'", "'", "'", "'" },
};

static void
check_key (const char *key)
{
  gboolean after_space = TRUE;

  g_assert_nonnull (key);
  for (const char *p = key; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          /* No leading or doubled space. */
          g_assert_false (after_space);
          after_space = TRUE;
          continue;
        }
      g_assert_true ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'));
      after_space = FALSE;
    }
  /* No trailing space either. */
  g_assert_true (*key == '\0' || !after_space);
}

static void
check_similarity (const char *a,
                  const char *b)
{
  double similarity = kap_name_similarity (a, b);

  g_assert_cmpfloat (similarity, >=, 0.0);
  g_assert_cmpfloat (similarity, <=, 1.0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = kap_fuzz_strndup (data, size);
  g_autofree char *key = kap_name_key (text);
  g_autoptr(GString) cyrillic = g_string_new (NULL);
  g_autoptr(GString) latin = g_string_new (NULL);
  g_autofree char *cyrillic_key = NULL;
  g_autofree char *latin_key = NULL;

  check_key (key);
  check_similarity (key, key);

  /* The low bits pick the letter, the top bit its case. */
  for (size_t i = 0; i < size; i++)
    {
      guint letter = (data[i] & 0x7f) % G_N_ELEMENTS (serbian);
      gboolean upper = (data[i] & 0x80) != 0;

      g_string_append (cyrillic, upper ? serbian[letter].cyrillic_upper : serbian[letter].cyrillic_lower);
      g_string_append (latin, upper ? serbian[letter].latin_upper : serbian[letter].latin_lower);
    }

  cyrillic_key = kap_name_key (cyrillic->str);
  latin_key = kap_name_key (latin->str);
  check_key (cyrillic_key);
  check_key (latin_key);
  g_assert_cmpstr (cyrillic_key, ==, latin_key);

  check_similarity (key, latin_key);
  check_similarity (cyrillic_key, latin_key);

  return 0;
}
