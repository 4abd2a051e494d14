/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kap-canonical-json.h"
#include "kap-json.h"

/* Parses @json and writes it canonically. */
static char *
round_trip (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = kap_json_parse (json, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return kap_canonical_json_node (node);
}

static void
assert_refused (const char *json,
                gssize      length,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = kap_json_parse (json, length, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, KAP_JSON_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "line"));
}

static void
test_same_as_canonical (void)
{
  g_autofree char *out = round_trip ("{ \"b\": [1, 2.5, {\"z\": null, \"a\": true}],\n \"a\": \"Милица\", \"c\": false }");

  g_assert_cmpstr (out, ==, "{\"a\":\"Милица\",\"b\":[1,2.5,{\"a\":true,\"z\":null}],\"c\":false}");
}

static void
test_scalars_at_top (void)
{
  g_autofree char *number = round_trip (" 42 ");
  g_autofree char *string = round_trip ("\"x\"");
  g_autofree char *null = round_trip ("null");

  g_assert_cmpstr (number, ==, "42");
  g_assert_cmpstr (string, ==, "\"x\"");
  g_assert_cmpstr (null, ==, "null");
}

/* What json-glib 1.6 accepts and decodes to invalid UTF-8 (PLATFORM.md),
 * and the rest of what RFC 8259 does not allow. */
static void
test_not_json_refused (void)
{
  const char *malformed[] = {
    "{\"type\":\"person\",\"name_stated\":\"Ana\\604\"}",
    "{\"name_stated\":\"\\u01Ù\"}",
    "{\"a\":\"\\x41\"}",
    "{\"a\":\"\\u12\"}",
    "{\"a\":1,}",
    "[1,]",
    "[01]",
    "[1.]",
    "[.5]",
    "[-]",
    "[1e]",
    "[+1]",
    "[NaN]",
    "[Infinity]",
    "{'a':1}",
    "{a:1}",
    "[\"tab\there\"]",
    "[\"new\nline\"]",
    "[true false]",
    "[nul]",
    "{\"a\" 1}",
    "\"never ends",
    "",
    "   ",
    "[1] [2]",
    "/* comment */ 1",
    "\xef\xbb\xbf{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_test_message ("case %u", i);
      assert_refused (malformed[i], -1, KAP_JSON_ERROR_MALFORMED);
    }
}

static void
test_invalid_utf8_refused (void)
{
  assert_refused ("[\"\xc3\"]", -1, KAP_JSON_ERROR_INVALID_UTF8);
  assert_refused ("[\"\xed\xa0\x80\"]", -1, KAP_JSON_ERROR_INVALID_UTF8);  /* a surrogate in UTF-8 */
  assert_refused ("[\"\xc0\xaf\"]", -1, KAP_JSON_ERROR_INVALID_UTF8);       /* overlong */
  assert_refused ("[\"\xf4\x90\x80\x80\"]", -1, KAP_JSON_ERROR_INVALID_UTF8); /* beyond U+10FFFF */
  assert_refused ("[\"a\0b\"]", 7, KAP_JSON_ERROR_INVALID_UTF8);
}

static void
test_duplicate_member_refused (void)
{
  assert_refused ("{\"a\":1,\"b\":2,\"a\":3}", -1, KAP_JSON_ERROR_DUPLICATE_MEMBER);
  /* The same name spelt differently is the same name. */
  assert_refused ("{\"a\":1,\"\\u0061\":2}", -1, KAP_JSON_ERROR_DUPLICATE_MEMBER);
  assert_refused ("[{\"x\":{\"k\":1,\"k\":1}}]", -1, KAP_JSON_ERROR_DUPLICATE_MEMBER);
}

static char *
nested (guint       depth,
        const char *open,
        const char *close)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, open);
  g_string_append (out, "0");
  for (guint i = 0; i < depth; i++)
    g_string_append (out, close);

  return g_string_free (out, FALSE);
}

static void
test_depth_limit (void)
{
  g_autofree char *deep_array = nested (100000, "[", "]");
  g_autofree char *deep_object = nested (100000, "{\"a\":", "}");
  g_autofree char *at_limit = nested (KAP_JSON_MAX_DEPTH, "[", "]");
  g_autofree char *over_limit = nested (KAP_JSON_MAX_DEPTH + 1, "[", "]");
  g_autofree char *ten = nested (10, "[", "]");
  KapJsonLimits limits = { .max_depth = 9 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* A hundred thousand levels crash json-glib's parser; here they are an
   * error, found before any of them is built. */
  assert_refused (deep_array, -1, KAP_JSON_ERROR_TOO_DEEP);
  assert_refused (deep_object, -1, KAP_JSON_ERROR_TOO_DEEP);
  assert_refused (over_limit, -1, KAP_JSON_ERROR_TOO_DEEP);

  node = kap_json_parse (at_limit, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_json_node_depth (node), ==, KAP_JSON_MAX_DEPTH);
  g_clear_pointer (&node, json_node_unref);

  node = kap_json_parse (ten, -1, &limits, &error);
  g_assert_null (node);
  g_assert_error (error, KAP_JSON_ERROR, KAP_JSON_ERROR_TOO_DEEP);
}

static void
test_size_limit (void)
{
  KapJsonLimits limits = { .max_bytes = 16 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) small = kap_json_parse ("[1,2,3]", -1, &limits, &error);
  g_autoptr(JsonNode) large = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (small);

  large = kap_json_parse ("[1,2,3,4,5,6,7,8,9,10]", -1, &limits, &error);
  g_assert_null (large);
  g_assert_error (error, KAP_JSON_ERROR, KAP_JSON_ERROR_TOO_LARGE);
}

/* A JavaScript string cut inside an emoji, and U+0000, pass through
 * exactly (issue: "a lone surrogate makes every later pull fail"). */
static void
test_strings_exact (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "[\"Ana\\ud83d\"]", "[\"Ana\\ud83d\"]" },
    { "[\"\\ude00Ana\"]", "[\"\\ude00Ana\"]" },
    { "[\"\\ude00\\ud83d\"]", "[\"\\ude00\\ud83d\"]" },
    { "[\"\\ud83d\\ude00\"]", "[\"\xf0\x9f\x98\x80\"]" },
    { "[\"\\ud83d\\u0041\"]", "[\"\\ud83dA\"]" },
    { "[\"ab\\u0000cd\"]", "[\"ab\\u0000cd\"]" },
    { "{\"k\\u0000\":\"v\"}", "{\"k\\u0000\":\"v\"}" },
    { "[\"\\ufdd0\\ufdd1\"]", "[\"\\ufdd0\\ufdd1\"]" },
    { "[\"\xef\xb7\x90" "d83d\"]", "[\"\\ufdd0d83d\"]" },
    { "[\"\\u00e9\\u0107\\u0431\\u0628\"]", "[\"éćбب\"]" },
    { "[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]", "[\"/\\b\\f\\n\\r\\t\\\"\\\\\"]" },
    { "[\"\\u001f\\u007f\"]", "[\"\\u001f\x7f\"]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = round_trip (cases[i].in);
      g_autofree char *again = round_trip (out);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
      g_assert_cmpstr (again, ==, out);
    }
}

static void
test_held_strings_in_memory (void)
{
  g_autoptr(JsonNode) node = kap_json_parse ("[\"Ana\\ud83d\", \"ab\\u0000cd\", \"Ана\"]", -1, NULL, NULL);
  JsonArray *array = json_node_get_array (node);
  const char *cut = json_array_get_string_element (array, 0);
  const char *nul = json_array_get_string_element (array, 1);
  g_autofree char *cut_shown = kap_json_string_for_display (cut);
  g_autofree char *nul_shown = kap_json_string_for_display (nul);

  /* Valid UTF-8 in memory, whatever came. */
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_cmpuint (strlen (nul), >, 4);
  g_assert_false (kap_json_string_is_plain (cut));
  g_assert_false (kap_json_string_is_plain (nul));
  g_assert_true (kap_json_string_is_plain (json_array_get_string_element (array, 2)));

  g_assert_cmpstr (cut_shown, ==, "Ana\xef\xbf\xbd");
  g_assert_cmpstr (nul_shown, ==, "ab\xef\xbf\xbd" "cd");
}

static void
test_numbers_exact (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "[0]", "[0]" },
    { "[-0]", "[0]" },
    { "[1.0]", "[1]" },
    { "[1E2]", "[100]" },
    { "[0.1]", "[0.1]" },
    { "[-2.5e-7]", "[-2.5e-07]" },
    { "[1e21]", "[1e+21]" },
    { "[1e300]", "[1e+300]" },
    { "[9223372036854775807]", "[9223372036854775807]" },
    { "[-9223372036854775808]", "[-9223372036854775808]" },
    /* Beyond 64 bits: once wrapped to -6101065172474984616 and INT64_MIN. */
    { "[12345678901234567000]", "[12345678901234567000]" },
    { "[9223372036854775808]", "[9223372036854775808]" },
    { "[-9223372036854775809]", "[-9223372036854775809]" },
    /* Beyond a double: once null. */
    { "[1e999]", "[1e999]" },
    { "[-1e999]", "[-1e999]" },
    { "[1e-400]", "[1e-400]" },
    /* More precision than a double has. */
    { "[0.1000000000000000001]", "[0.1000000000000000001]" },
    { "[3.0000000000000004]", "[3.0000000000000004]" },
    { "[1.50]", "[1.5]" },
    { "[0.00100]", "[0.001]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = round_trip (cases[i].in);
      g_autofree char *again = round_trip (out);

      g_test_message ("case %s", cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpstr (again, ==, out);
    }
}

static void
test_number_types (void)
{
  g_autoptr(JsonNode) node = kap_json_parse ("[7, 7.5, 1e999]", -1, NULL, NULL);
  JsonArray *array = json_node_get_array (node);

  g_assert_cmpint (json_node_get_value_type (json_array_get_element (array, 0)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, 7);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (array, 1)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 1), ==, 7.5);
  g_assert_cmpstr (kap_json_node_get_number_text (json_array_get_element (array, 2)), ==, "1e999");
  g_assert_null (kap_json_node_get_number_text (json_array_get_element (array, 0)));
}

static void
test_errors_name_place_not_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = kap_json_parse ("{\n  \"name_stated\": \"Милица\",\n  \"x\": \"Ана\\q\"\n}", -1, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, KAP_JSON_ERROR, KAP_JSON_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 3, column 12"));
  g_assert_null (strstr (error->message, "Милица"));
  g_assert_null (strstr (error->message, "Ана"));
}

static void
test_sanitize_typed_text (void)
{
  g_autofree char *owned = NULL;
  const char *plain = "Ayşe";
  const char *typed = "x\xef\xb7\x91" "12";
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *written = NULL;
  const char *safe;

  g_assert_true (kap_json_string_sanitize (plain, &owned) == plain);
  g_assert_null (owned);

  safe = kap_json_string_sanitize (typed, &owned);
  g_assert_cmpstr (safe, ==, "x\xef\xbf\xbd" "12");
  g_assert_true (kap_json_string_is_plain (safe));

  /* A marker that holds nothing is written as itself, escaped. */
  json_node_set_string (node, "\xef\xb7\x91" "]}");
  written = kap_canonical_json_node (node);
  g_assert_cmpstr (written, ==, "\"\\ufdd1]}\"");
}

/* Random texts: whatever the reader accepts, the writer writes as valid
 * UTF-8 that reads back to the same canonical text. */
static void
test_random_round_trips (void)
{
  static const char *pieces[] = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d83d", "dc00", "0000", "00e9",
    "1", "0", "-", ".", "e", "E", "+", "9", "true", "false", "null", " ", "\n",
    "a", "б", "ب", "\xef\xb7\x90", "\xef\xb7\x91", "\"a\":", "\"b\":", "12345678901234567890",
  };
  GRand *rand = g_rand_new_with_seed (20261204);
  guint accepted = 0;

  for (guint round = 0; round < 200000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(JsonNode) node = NULL;
      guint n = g_rand_int_range (rand, 1, 12);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      node = kap_json_parse (text->str, text->len, NULL, NULL);
      if (node != NULL)
        {
          g_autofree char *out = kap_canonical_json_node (node);
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) again = kap_json_parse (out, -1, NULL, &error);
          g_autofree char *out_again = NULL;

          g_assert_no_error (error);
          g_assert_true (g_utf8_validate (out, -1, NULL));
          out_again = kap_canonical_json_node (again);
          g_assert_cmpstr (out_again, ==, out);
          accepted++;
        }
    }

  g_test_message ("%u random texts were JSON", accepted);
  g_assert_cmpuint (accepted, >, 1000);
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/same-as-canonical", test_same_as_canonical);
  g_test_add_func ("/json/scalars-at-top", test_scalars_at_top);
  g_test_add_func ("/json/not-json-refused", test_not_json_refused);
  g_test_add_func ("/json/invalid-utf8-refused", test_invalid_utf8_refused);
  g_test_add_func ("/json/duplicate-member-refused", test_duplicate_member_refused);
  g_test_add_func ("/json/depth-limit", test_depth_limit);
  g_test_add_func ("/json/size-limit", test_size_limit);
  g_test_add_func ("/json/strings-exact", test_strings_exact);
  g_test_add_func ("/json/held-strings-in-memory", test_held_strings_in_memory);
  g_test_add_func ("/json/numbers-exact", test_numbers_exact);
  g_test_add_func ("/json/number-types", test_number_types);
  g_test_add_func ("/json/errors-name-place-not-text", test_errors_name_place_not_text);
  g_test_add_func ("/json/sanitize-typed-text", test_sanitize_typed_text);
  g_test_add_func ("/json/random-round-trips", test_random_round_trips);

  return g_test_run ();
}
