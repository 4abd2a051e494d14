/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-number-format"

#include "config.h"

#include <string.h>

#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "kap-number-format.h"

/* "sr@latin" → "sr_Latn", "sq_AL.UTF-8" → "sq_AL", "C" → "en". */
static char *
icu_locale (const char *language)
{
  g_autofree char *name = NULL;
  gboolean latin;
  char *cut;

  if (language == NULL)
    language = g_get_language_names ()[0];
  if (language == NULL || g_str_equal (language, "C") || g_str_equal (language, "POSIX") ||
      g_str_has_prefix (language, "C."))
    return g_strdup ("en");

  name = g_strdup (language);
  latin = strstr (name, "@latin") != NULL;
  if ((cut = strpbrk (name, ".@")) != NULL)
    *cut = '\0';

  if (latin)
    {
      /* The script goes between the language and the country. */
      char *country = strchr (name, '_');

      if (country != NULL)
        {
          *country = '\0';
          return g_strdup_printf ("%s_Latn_%s", name, country + 1);
        }
      return g_strdup_printf ("%s_Latn", name);
    }

  return g_steal_pointer (&name);
}

char *
kap_format_count (guint64     count,
                  const char *language)
{
  g_autofree char *locale = icu_locale (language);
  g_autofree char *icu = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;
  UChar digits[64];
  char text[256];
  int32_t len;

  /* Western digits in every language: the rest of the app (ages, dates,
   * priorities) writes them, and a count in Arabic-Indic digits inside a
   * sentence the app shows untranslated would mix two systems. */
  icu = g_strconcat (locale, "@numbers=latn", NULL);
  format = unum_open (UNUM_DECIMAL, NULL, 0, icu, NULL, &status);
  if (U_FAILURE (status))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, count);

  /* ICU groups from four digits where a language does that; some (es, pl)
   * leave 1234 ungrouped, which is their rule, not a failure. */
  len = unum_formatInt64 (format, (int64_t) count, digits, G_N_ELEMENTS (digits), NULL, &status);
  unum_close (format);
  if (U_FAILURE (status) || len < 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, count);

  u_strToUTF8 (text, sizeof text, NULL, digits, len, &status);
  if (U_FAILURE (status))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, count);

  return g_strdup (text);
}
