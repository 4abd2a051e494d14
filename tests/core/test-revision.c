/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-revision.h"
#include "kap-store.h"

static JsonObject *
object_of (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_parse (void)
{
  const char *hash = NULL;
  gint64 generation = 0;

  g_assert_true (kap_revision_parse ("12-0123456789abcdef0123456789abcdef", &generation, &hash));
  g_assert_cmpint (generation, ==, 12);
  g_assert_cmpstr (hash, ==, "0123456789abcdef0123456789abcdef");

  g_assert_false (kap_revision_is_valid (NULL));
  g_assert_false (kap_revision_is_valid (""));
  g_assert_false (kap_revision_is_valid ("0-abc"));
  g_assert_false (kap_revision_is_valid ("1-"));
  g_assert_false (kap_revision_is_valid ("-abc"));
  g_assert_false (kap_revision_is_valid ("1x-abc"));
  g_assert_false (kap_revision_is_valid ("1-ab c"));
  /* Beyond int64: refused, never wrapped. */
  g_assert_false (kap_revision_is_valid ("9223372036854775808-abc"));
  g_assert_false (kap_revision_is_valid ("18446744073709551616-abc"));
  g_assert_false (kap_revision_is_valid ("99999999999999999999999-abc"));
}

/* CouchDB's generations are any positive integers: the whole positive
 * int64 range parses, computes and orders. */
static void
test_large_generations (void)
{
  g_autoptr(JsonObject) body = object_of ("{\"type\":\"person\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *after_int32 = NULL;
  g_autofree char *last = NULL;
  g_autofree char *beyond = NULL;
  gint64 generation = 0;

  g_assert_true (kap_revision_parse ("2147483648-abc", &generation, NULL));
  g_assert_cmpint (generation, ==, G_GINT64_CONSTANT (2147483648));
  g_assert_true (kap_revision_parse ("99999999999-abc", &generation, NULL));
  g_assert_cmpint (generation, ==, G_GINT64_CONSTANT (99999999999));
  g_assert_true (kap_revision_parse ("9223372036854775807-abc", &generation, NULL));
  g_assert_cmpint (generation, ==, G_MAXINT64);

  /* An edit at 2147483647 is 2147483648, and parses again. */
  after_int32 = kap_revision_compute ("2147483647-0123456789abcdef0123456789abcdef", FALSE, body, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (after_int32, "2147483648-"));
  g_assert_true (kap_revision_parse (after_int32, &generation, NULL));
  g_assert_cmpint (generation, ==, G_GINT64_CONSTANT (2147483648));

  /* The last generation there is, then none. */
  last = kap_revision_compute ("9223372036854775806-0123456789abcdef0123456789abcdef", FALSE, body, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (last, "9223372036854775807-"));
  g_assert_true (kap_revision_is_valid (last));
  beyond = kap_revision_compute (last, FALSE, body, &error);
  g_assert_null (beyond);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "highest revision number"));

  /* Numerically, past 32 bits too. */
  g_assert_cmpint (kap_revision_compare_winner ("2147483648-0000", FALSE, "2147483647-ffff", FALSE), >, 0);
  g_assert_cmpint (kap_revision_compare_winner ("4294967296-0000", FALSE, "4294967295-ffff", FALSE), >, 0);
  g_assert_cmpint (kap_revision_compare_winner (last, FALSE, "9223372036854775806-ffff", FALSE), >, 0);
}

static void
test_compute_deterministic (void)
{
  g_autoptr(JsonObject) one = object_of ("{\"type\":\"person\",\"name\":\"Arben Krasniqi\",\"_id\":\"x\"}");
  g_autoptr(JsonObject) two = object_of ("{\"name\":\"Arben Krasniqi\",\"type\":\"person\"}");
  g_autoptr(JsonObject) other = object_of ("{\"name\":\"Arben Krasniqi\",\"type\":\"screening\"}");
  g_autofree char *rev1 = kap_revision_compute (NULL, FALSE, one, NULL);
  g_autofree char *rev2 = kap_revision_compute (NULL, FALSE, two, NULL);
  g_autofree char *rev3 = kap_revision_compute (NULL, FALSE, other, NULL);
  g_autofree char *child = kap_revision_compute (rev1, FALSE, one, NULL);
  g_autofree char *child_deleted = kap_revision_compute (rev1, TRUE, one, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  const char *canonical = "{\"name\":\"Arben Krasniqi\",\"type\":\"person\"}";

  /* Underscore members and member order do not matter; content does. */
  g_assert_cmpstr (rev1, ==, rev2);
  g_assert_cmpstr (rev1, !=, rev3);
  g_assert_true (g_str_has_prefix (rev1, "1-"));
  g_assert_cmpuint (strlen (rev1), ==, 2 + 32);
  g_assert_true (g_str_has_prefix (child, "2-"));
  g_assert_cmpstr (child, !=, child_deleted);

  /* The documented recipe: MD5 (parent NUL deleted NUL canonical body). */
  g_checksum_update (md5, (const guchar *) "\0" "0\0", 3);
  g_checksum_update (md5, (const guchar *) canonical, -1);
  expected = g_strconcat ("1-", g_checksum_get_string (md5), NULL);
  g_assert_cmpstr (rev1, ==, expected);
}

static void
test_compare_winner (void)
{
  const char *a = "3-aaaa", *b = "3-bbbb", *c = "4-0000", *d = "10-0000";

  /* Higher generation wins, numerically (10 > 4, not by text). */
  g_assert_cmpint (kap_revision_compare_winner (c, FALSE, b, FALSE), >, 0);
  g_assert_cmpint (kap_revision_compare_winner (d, FALSE, c, FALSE), >, 0);
  /* Equal generation: higher id by byte order. */
  g_assert_cmpint (kap_revision_compare_winner (b, FALSE, a, FALSE), >, 0);
  g_assert_cmpint (kap_revision_compare_winner (a, FALSE, b, FALSE), <, 0);
  /* A live leaf beats a deleted one whatever the generation. */
  g_assert_cmpint (kap_revision_compare_winner (a, FALSE, d, TRUE), >, 0);
  g_assert_cmpint (kap_revision_compare_winner (d, TRUE, a, FALSE), <, 0);
  g_assert_cmpint (kap_revision_compare_winner (a, FALSE, a, FALSE), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/revision/parse", test_parse);
  g_test_add_func ("/revision/compute", test_compute_deterministic);
  g_test_add_func ("/revision/large-generations", test_large_generations);
  g_test_add_func ("/revision/compare-winner", test_compare_winner);

  return g_test_run ();
}
