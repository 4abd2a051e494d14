/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-document.h"
#include "kap-uuid.h"

static void
test_new_for_type (void)
{
  g_autoptr(KapDocument) document = kap_document_new_for_type ("screening");
  const char *id = kap_document_get_id (document);

  g_assert_true (g_str_has_prefix (id, "screening:"));
  g_assert_true (kap_uuid_is_valid (id + strlen ("screening:")));
  g_assert_cmpstr (kap_document_get_doc_type (document), ==, "screening");
  g_assert_null (kap_document_get_rev (document));
}

static void
test_from_json_roundtrip (void)
{
  const char *json =
    "{\"_id\":\"person:0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"_rev\":\"3-cc\","
    "\"_revisions\":{\"start\":3,\"ids\":[\"cc\",\"bb\",\"aa\"]},"
    "\"type\":\"person\",\"name_stated\":\"Ayşe Yılmaz\",\"languages\":[\"tur\"]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = kap_document_new_from_json (json, -1, &error);
  g_autofree char *back = NULL;
  const char * const *ancestry;

  g_assert_no_error (error);
  g_assert_cmpstr (kap_document_get_rev (document), ==, "3-cc");
  ancestry = kap_document_get_ancestry (document);
  g_assert_cmpstr (ancestry[0], ==, "3-cc");
  g_assert_cmpstr (ancestry[1], ==, "2-bb");
  g_assert_cmpstr (ancestry[2], ==, "1-aa");
  g_assert_null (ancestry[3]);
  g_assert_false (json_object_has_member (kap_document_get_body (document), "_rev"));

  back = kap_document_to_json (document);
  g_assert_cmpstr (back, ==,
                   "{\"_id\":\"person:0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"_rev\":\"3-cc\","
                   "\"_revisions\":{\"ids\":[\"cc\",\"bb\",\"aa\"],\"start\":3},"
                   "\"languages\":[\"tur\"],\"name_stated\":\"Ayşe Yılmaz\",\"type\":\"person\"}");
}

static void
test_from_json_errors (void)
{
  const struct {
    const char *json;
    int code;
  } cases[] = {
    { "{\"type\": \"person\",", KAP_DOCUMENT_ERROR_MALFORMED },
    { "not json", KAP_DOCUMENT_ERROR_MALFORMED },
    { "[1, 2]", KAP_DOCUMENT_ERROR_INVALID },
    { "\"text\"", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_id\": 12}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_id\": \"_design/x\"}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_rev\": \"abc\"}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_deleted\": \"yes\"}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_secret\": 1}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_rev\":\"2-b\",\"_revisions\":{\"start\":2,\"ids\":[\"c\",\"a\"]}}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_rev\":\"2-b\",\"_revisions\":{\"start\":1,\"ids\":[\"b\",\"a\"]}}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_rev\":\"2-b\",\"_revisions\":{\"start\":2,\"ids\":[]}}", KAP_DOCUMENT_ERROR_INVALID },
    { "{\"_rev\":\"2-b\",\"_revisions\":[\"b\"]}", KAP_DOCUMENT_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KapDocument) document = kap_document_new_from_json (cases[i].json, -1, &error);

      g_assert_null (document);
      g_assert_error (error, KAP_DOCUMENT_ERROR, cases[i].code);
      /* The message must not quote the input: it may be personal data. */
      g_assert_null (strstr (error->message, "person"));
    }
}

static void
test_body_copy (void)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(KapDocument) document = NULL;

  json_object_set_string_member (body, "_id", "ignored");
  json_object_set_string_member (body, "type", "referral");
  document = kap_document_new ("referral:1", body);
  json_object_set_string_member (body, "type", "changed later");

  g_assert_cmpstr (kap_document_get_doc_type (document), ==, "referral");
  g_assert_false (json_object_has_member (kap_document_get_body (document), "_id"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new-for-type", test_new_for_type);
  g_test_add_func ("/document/json-roundtrip", test_from_json_roundtrip);
  g_test_add_func ("/document/json-errors", test_from_json_errors);
  g_test_add_func ("/document/body-copy", test_body_copy);

  return g_test_run ();
}
