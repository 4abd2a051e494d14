/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kap-canonical-json.h"
#include "kap-json.h"
#include "kap-test-store-fixture.h"

/* What a peer sent is stored and given back exactly (issue: "values that
 * must pass through unchanged"): a string cut inside an emoji, U+0000,
 * numbers beyond 64 bits and beyond a double. */

#define EXACT_ID "person:0190a5a0-0000-7000-8000-0000000000e1"

static const char exact_body[] =
  "{\"_id\":\"" EXACT_ID "\",\"_rev\":\"1-0123456789abcdef0123456789abcdef\","
  "\"_revisions\":{\"start\":1,\"ids\":[\"0123456789abcdef0123456789abcdef\"]},"
  "\"type\":\"person\",\"name_stated\":\"Ана\\ud83d\",\"note\":\"ab\\u0000cd\","
  "\"big\":12345678901234567000,\"min\":9223372036854775808,\"huge\":1e999,"
  "\"tiny\":1e-400,\"precise\":0.1000000000000000001,\"e21\":1e21}";

/* The members above as the canonical writer gives them back. */
static const char * const exact_members[] = {
  "\"name_stated\":\"Ана\\ud83d\"",
  "\"note\":\"ab\\u0000cd\"",
  "\"big\":12345678901234567000",
  "\"min\":9223372036854775808",
  "\"huge\":1e999",
  "\"tiny\":1e-400",
  "\"precise\":0.1000000000000000001",
  "\"e21\":1e+21",
};

static void
assert_exact (const char *json)
{
  for (guint i = 0; i < G_N_ELEMENTS (exact_members); i++)
    {
      g_test_message ("member %s", exact_members[i]);
      g_assert_nonnull (strstr (json, exact_members[i]));
    }
  g_assert_true (g_utf8_validate (json, -1, NULL));
}

static void
test_foreign_values_exact (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) foreign = kap_document_new_from_json (exact_body, -1, &error);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(KapDocument) stored = NULL;
  g_autoptr(KapStore) reopened = NULL;
  g_autoptr(KapDocument) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  g_assert_no_error (error);
  g_ptr_array_add (batch, foreign);
  g_assert_true (kap_store_insert_revisions (fixture->store, batch, &error));
  g_assert_no_error (error);

  stored = kap_store_get (fixture->store, EXACT_ID, NULL, KAP_STORE_GET_ANCESTRY, &error);
  g_assert_no_error (error);
  json = kap_document_to_json (stored);
  assert_exact (json);

  /* And from the file, in another connection. */
  g_clear_object (&fixture->store);
  reopened = kap_store_open (fixture->path, KAP_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  again = kap_store_get (reopened, EXACT_ID, NULL, KAP_STORE_GET_ANCESTRY, &error);
  g_assert_no_error (error);
  json_again = kap_document_to_json (again);
  g_assert_cmpstr (json_again, ==, json);
  g_assert_true (kap_store_check (reopened, &error));
  g_assert_no_error (error);
  fixture->store = g_steal_pointer (&reopened);
}

/* A local edit of another member keeps them too: they go back to the
 * server in the next revision as they came. */
static void
test_local_edit_keeps_values (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) foreign = kap_document_new_from_json (exact_body, -1, &error);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(KapDocument) edited = NULL;
  g_autoptr(KapDocument) stored = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *json = NULL;

  g_ptr_array_add (batch, foreign);
  g_assert_true (kap_store_insert_revisions (fixture->store, batch, &error));

  edited = kap_store_get (fixture->store, EXACT_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (edited), "sex", "F");
  rev = kap_store_put (fixture->store, edited, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev, "2-"));

  stored = kap_store_get (fixture->store, EXACT_ID, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  json = kap_document_to_json (stored);
  assert_exact (json);
  g_assert_nonnull (strstr (json, "\"sex\":\"F\""));
}

static void
test_too_large_refused (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = kap_document_new_for_type ("person");
  g_autofree char *long_text = g_strnfill (KAP_DOCUMENT_MAX_BYTES, 'a');
  g_autofree char *rev = NULL;

  json_object_set_string_member (kap_document_get_body (document), "note", long_text);
  rev = kap_store_put (fixture->store, document, &error);
  g_assert_null (rev);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_assert_cmpuint (kap_store_count (fixture->store, NULL, NULL), ==, 0);
}

static void
test_too_deep_refused (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\":\"person\",\"x\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* Deeper than a document may be, though the reader could take it (a
   * server's reply is read as a whole). */
  for (guint i = 0; i < KAP_DOCUMENT_MAX_DEPTH + 10; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < KAP_DOCUMENT_MAX_DEPTH + 10; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  node = kap_json_parse (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  document = kap_document_new_from_object (json_node_get_object (node), &error);
  g_assert_null (document);
  g_assert_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store-exact/foreign-values", StoreFixture, NULL,
              store_fixture_set_up, test_foreign_values_exact, store_fixture_tear_down);
  g_test_add ("/store-exact/local-edit-keeps-values", StoreFixture, NULL,
              store_fixture_set_up, test_local_edit_keeps_values, store_fixture_tear_down);
  g_test_add ("/store-exact/too-large-refused", StoreFixture, NULL,
              store_fixture_set_up, test_too_large_refused, store_fixture_tear_down);
  g_test_add_func ("/store-exact/too-deep-refused", test_too_deep_refused);

  return g_test_run ();
}
