/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-canonical-json.h"

static char *
canonical_of (const char *json,
              gboolean    skip_underscore)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  kap_canonical_json_append (out, json_parser_get_root (parser), skip_underscore);
  return g_string_free (out, FALSE);
}

static void
test_sorted_compact (void)
{
  g_autofree char *out = canonical_of ("{ \"b\": [1, 2, {\"z\": null, \"a\": true}],\n \"a\": \"x\" }", FALSE);

  g_assert_cmpstr (out, ==, "{\"a\":\"x\",\"b\":[1,2,{\"a\":true,\"z\":null}]}");
}

static void
test_same_content_same_text (void)
{
  g_autofree char *one = canonical_of ("{\"name\":\"Милица\",\"age\":34,\"tags\":[\"a\",\"b\"]}", FALSE);
  g_autofree char *two = canonical_of ("{\"tags\":[\"a\",\"b\"],   \"age\" : 34, \"name\":\"\\u041c\\u0438\\u043b\\u0438\\u0446\\u0430\"}", FALSE);

  g_assert_cmpstr (one, ==, two);
}

static void
test_skip_underscore_top_level_only (void)
{
  g_autofree char *out = canonical_of ("{\"_id\":\"x\",\"_rev\":\"1-a\",\"n\":{\"_keep\":1}}", TRUE);

  g_assert_cmpstr (out, ==, "{\"n\":{\"_keep\":1}}");
}

static void
test_strings_escaped (void)
{
  g_autofree char *out = canonical_of ("[\"q\\\"b\\\\n\\n\\t\\u0001 أحمد\"]", FALSE);

  g_assert_cmpstr (out, ==, "[\"q\\\"b\\\\n\\n\\t\\u0001 أحمد\"]");
}

static void
test_numbers_shortest (void)
{
  g_autofree char *out = canonical_of ("[0.1, 1.0, -2.5e-7, 12345678901234567, 1e300, 3.0000000000000004]", FALSE);

  g_assert_cmpstr (out, ==, "[0.1,1,-2.5e-07,12345678901234567,1e+300,3.0000000000000004]");
}

static void
test_member_order_by_bytes (void)
{
  /* Byte order, not locale order: upper case before lower, ASCII before
   * Cyrillic before Arabic. */
  g_autofree char *out = canonical_of ("{\"ب\":1,\"б\":2,\"b\":3,\"B\":4}", FALSE);

  g_assert_cmpstr (out, ==, "{\"B\":4,\"b\":3,\"б\":2,\"ب\":1}");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/canonical-json/sorted-compact", test_sorted_compact);
  g_test_add_func ("/canonical-json/same-content-same-text", test_same_content_same_text);
  g_test_add_func ("/canonical-json/skip-underscore", test_skip_underscore_top_level_only);
  g_test_add_func ("/canonical-json/strings", test_strings_escaped);
  g_test_add_func ("/canonical-json/numbers", test_numbers_shortest);
  g_test_add_func ("/canonical-json/member-order", test_member_order_by_bytes);

  return g_test_run ();
}
