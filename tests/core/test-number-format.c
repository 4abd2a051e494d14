/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-number-format.h"

static void
assert_count (guint64     count,
              const char *language,
              const char *expected)
{
  g_autofree char *text = kap_format_count (count, language);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_count_languages (void)
{
  /* Each language of the app with its own grouping, from ICU's data: the
   * laptop needs no C library locales for it (this machine has only C). */
  assert_count (1234, "en", "1,234");
  assert_count (1234, "sr", "1.234");
  assert_count (1234, "sr@latin", "1.234");
  assert_count (1234, "bs", "1.234");
  assert_count (1234, "tr_TR.UTF-8", "1.234");
  assert_count (1234, "sq", "1\u00a0234");
  /* Macedonian groups with a full stop, as CLDR has it. */
  assert_count (1234, "mk", "1.234");
  assert_count (1234567, "sr", "1.234.567");

  /* The digits 0-9 even where the language has its own. */
  assert_count (1234, "ar", "1,234");
  assert_count (1234, "fa", "1,234");

  /* Small numbers stay as they are; no language is plain digits. */
  assert_count (7, "sr", "7");
  assert_count (1234, "C", "1,234");
  assert_count (1234, "C.UTF-8", "1,234");
}

static void
test_count_ui_language (void)
{
  g_autofree char *text = NULL;

  /* NULL is the language the user interface is in. */
  g_setenv ("LANGUAGE", "tr", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  text = kap_format_count (1234, NULL);
  g_assert_cmpstr (text, ==, "1.234");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number-format/count/languages", test_count_languages);
  g_test_add_func ("/number-format/count/ui-language", test_count_ui_language);

  return g_test_run ();
}
