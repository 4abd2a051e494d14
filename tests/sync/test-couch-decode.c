/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-couch-decode"

#include "config.h"

#include <string.h>

#include "kap-couch-decode.h"
#include "kap-json.h"

/* The decoders of the replication protocol's replies, with no server:
 * replies as CouchDB 3 and PouchDB Server send them, odd ones a server may
 * send, and hostile ones. A reply is text read by the one JSON reader, as
 * the client reads it. No message may quote what a reply holds. */

#define SECRET_NAME "Ayşe Yılmaz"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = kap_json_parse (text, -1, NULL, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_malformed (GError *error)
{
  g_assert_error (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED);
  g_assert_null (strstr (error->message, SECRET_NAME));
  g_assert_null (strstr (error->message, "person:"));
}

/* A decoder seen through one type, for the tables of hostile replies. */
typedef struct
{
  gpointer       (*decode) (JsonNode *reply, GError **error);
  GDestroyNotify   free;
} Decoder;

static void
assert_all_malformed (const char * const *replies,
                      guint               n_replies,
                      const Decoder      *decoder)
{
  for (guint i = 0; i < n_replies; i++)
    {
      g_autoptr(JsonNode) reply = parse (replies[i]);
      g_autoptr(GError) error = NULL;
      gpointer result;

      g_test_message ("reply %u", i);
      result = decoder->decode (reply, &error);
      if (result != NULL)
        decoder->free (result);
      g_assert_null (result);
      assert_malformed (error);
    }
}

static gpointer
decode_changes (JsonNode  *reply,
                GError   **error)
{
  return kap_couch_decode_changes (reply, error);
}

static gpointer
decode_revs_diff (JsonNode  *reply,
                  GError   **error)
{
  return kap_couch_decode_revs_diff (reply, error);
}

static gpointer
decode_bulk_docs (JsonNode  *reply,
                  GError   **error)
{
  return kap_couch_decode_bulk_docs (reply, error);
}

static gpointer
decode_bulk_get (JsonNode  *reply,
                 GError   **error)
{
  return kap_couch_decode_bulk_get (reply, error);
}

/* GET /db */

static void
test_database_info (void)
{
  g_autoptr(JsonNode) good = parse ("{\"db_name\":\"kapija-st-rs-pre\",\"update_seq\":\"12-g1AAAA\"}");
  g_autoptr(JsonNode) array = parse ("[]");
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(JsonObject) none = NULL;
  g_autoptr(GError) error = NULL;

  info = kap_couch_decode_database_info (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (info, "update_seq"), ==, "12-g1AAAA");

  none = kap_couch_decode_database_info (array, &error);
  g_assert_null (none);
  assert_malformed (error);
}

/* _changes */

static void
test_changes_pouchdb (void)
{
  g_autoptr(JsonNode) reply = parse ("{\"results\":["
                                     "{\"seq\":1,\"id\":\"person:1\",\"changes\":[{\"rev\":\"1-a\"}]},"
                                     "{\"seq\":3,\"id\":\"person:2\",\"changes\":[{\"rev\":\"2-b\"},{\"rev\":\"2-c\"}],\"deleted\":true}"
                                     "],\"last_seq\":3,\"pending\":7}");
  g_autoptr(KapCouchChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  KapCouchChange *second;

  changes = kap_couch_decode_changes (reply, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changes->len, ==, 2);
  second = g_ptr_array_index (changes->changes, 1);
  g_assert_cmpstr (second->id, ==, "person:2");
  g_assert_cmpuint (g_strv_length (second->revs), ==, 2);
  g_assert_cmpstr (second->revs[1], ==, "2-c");
  g_assert_true (second->deleted);
  g_assert_false (((KapCouchChange *) g_ptr_array_index (changes->changes, 0))->deleted);
  g_assert_cmpint (json_node_get_int (changes->last_seq), ==, 3);
  g_assert_cmpint (changes->pending, ==, 7);
}

static void
test_changes_couchdb (void)
{
  /* Opaque string sequences, no "pending", a design document. */
  g_autoptr(JsonNode) reply = parse ("{\"results\":["
                                     "{\"seq\":\"5-g1AAAAB\",\"id\":\"_design/kapija\",\"changes\":[{\"rev\":\"1-d\"}]}"
                                     "],\"last_seq\":\"5-g1AAAAB\"}");
  g_autoptr(KapCouchChanges) changes = NULL;
  g_autoptr(GError) error = NULL;

  changes = kap_couch_decode_changes (reply, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changes->len, ==, 1);
  g_assert_cmpstr (json_node_get_string (changes->last_seq), ==, "5-g1AAAAB");
  g_assert_cmpint (changes->pending, ==, -1);
}

static void
test_changes_odd (void)
{
  g_autoptr(GError) error = NULL;

  /* No last_seq: the last entry's; an entry without revisions; a
   * sequence no double carries, kept as its text. */
  {
    g_autoptr(JsonNode) reply = parse ("{\"results\":["
                                       "{\"seq\":12345678901234567890123,\"id\":\"a\",\"changes\":[]}"
                                       "],\"pending\":-4}");
    g_autoptr(KapCouchChanges) changes = kap_couch_decode_changes (reply, &error);

    g_assert_no_error (error);
    g_assert_nonnull (kap_json_node_get_number_text (changes->last_seq));
    g_assert_cmpstr (kap_json_node_get_number_text (changes->last_seq), ==, "12345678901234567890123");
    g_assert_null (((KapCouchChange *) g_ptr_array_index (changes->changes, 0))->revs[0]);
    g_assert_cmpint (changes->pending, ==, -1);
  }

  /* The end of the feed: nothing, and maybe no sequence either. */
  {
    g_autoptr(JsonNode) reply = parse ("{\"results\":[],\"last_seq\":null}");
    g_autoptr(KapCouchChanges) changes = kap_couch_decode_changes (reply, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (changes->changes->len, ==, 0);
    g_assert_null (changes->last_seq);
  }

  /* An array sequence (BigCouch) is as opaque as any. */
  {
    g_autoptr(JsonNode) reply = parse ("{\"results\":[{\"id\":\"a\",\"changes\":[{\"rev\":\"1-a\"}]}],"
                                       "\"last_seq\":[4,\"abc\"]}");
    g_autoptr(KapCouchChanges) changes = kap_couch_decode_changes (reply, &error);

    g_assert_no_error (error);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (changes->last_seq));
  }
}

static void
test_changes_hostile (void)
{
  static const char * const replies[] = {
    "[]",
    "{}",
    "{\"results\":{}}",
    "{\"results\":[1]}",
    "{\"results\":[{\"id\":7,\"changes\":[]}]}",
    "{\"results\":[{\"changes\":[{\"rev\":\"1-a\"}]}]}",
    "{\"results\":[{\"id\":\"person:1\",\"changes\":\"1-a\"}]}",
    "{\"results\":[{\"id\":\"person:1\",\"changes\":[{\"rev\":1}]}]}",
    "{\"results\":[{\"id\":\"person:1\",\"changes\":[\"1-a\"]}]}",
    /* Changes, and nowhere to go on from. */
    "{\"results\":[{\"id\":\"person:1\",\"changes\":[{\"rev\":\"1-a\"}]}]}",
    "{\"results\":[{\"id\":\"person:1\",\"seq\":null,\"changes\":[{\"rev\":\"1-a\"}]}],\"last_seq\":null}",
  };

  const Decoder decoder = { decode_changes, (GDestroyNotify) kap_couch_changes_free };

  assert_all_malformed (replies, G_N_ELEMENTS (replies), &decoder);
}

/* _revs_diff */

static void
test_revs_diff (void)
{
  g_autoptr(JsonNode) reply = parse ("{\"person:1\":{\"missing\":[\"2-b\",\"3-c\"],\"possible_ancestors\":[\"1-a\"]},"
                                     "\"person:2\":{\"possible_ancestors\":[\"1-a\"]}}");
  g_autoptr(GHashTable) missing = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *revs;

  missing = kap_couch_decode_revs_diff (reply, &error);
  g_assert_no_error (error);
  revs = g_hash_table_lookup (missing, "person:1");
  g_assert_cmpuint (g_strv_length ((char **) revs), ==, 2);
  g_assert_cmpstr (revs[1], ==, "3-c");
  revs = g_hash_table_lookup (missing, "person:2");
  g_assert_nonnull (revs);
  g_assert_null (revs[0]);
  g_assert_null (g_hash_table_lookup (missing, "person:3"));

  {
    g_autoptr(JsonNode) empty = parse ("{}");
    g_autoptr(GHashTable) none = kap_couch_decode_revs_diff (empty, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (none), ==, 0);
  }
}

static void
test_revs_diff_hostile (void)
{
  static const char * const replies[] = {
    "[]",
    "\"ok\"",
    "{\"person:1\":[\"2-b\"]}",
    "{\"person:1\":{\"missing\":\"2-b\"}}",
    "{\"person:1\":{\"missing\":[2]}}",
    "{\"person:1\":{\"missing\":[{\"rev\":\"2-b\"}]}}",
  };

  const Decoder decoder = { decode_revs_diff, (GDestroyNotify) g_hash_table_unref };

  assert_all_malformed (replies, G_N_ELEMENTS (replies), &decoder);
}

/* _bulk_docs */

static void
test_bulk_docs (void)
{
  /* PouchDB lists every document and leaves "rev" out of errors; CouchDB
   * lists the failures only, with "rev". */
  g_autoptr(JsonNode) reply = parse ("[{\"ok\":true,\"id\":\"person:1\",\"rev\":\"1-a\"},"
                                     "{\"id\":\"person:2\",\"error\":\"forbidden\",\"reason\":\"Wrong station\"},"
                                     "{\"id\":\"person:3\",\"rev\":\"4-d\",\"error\":\"too_large\"},"
                                     "{\"id\":\"person:4\",\"error\":\"unauthorized\",\"reason\":7}]");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  KapCouchDocResult *result;

  results = kap_couch_decode_bulk_docs (reply, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);

  result = g_ptr_array_index (results, 0);
  g_assert_null (result->error);
  g_assert_cmpstr (result->rev, ==, "1-a");

  result = g_ptr_array_index (results, 1);
  g_assert_cmpstr (result->error, ==, "forbidden");
  g_assert_cmpstr (result->reason, ==, "Wrong station");
  g_assert_null (result->rev);
  g_assert_true (kap_couch_doc_result_is_refusal (result));
  g_assert_false (kap_couch_doc_result_is_too_large (result));

  result = g_ptr_array_index (results, 2);
  g_assert_cmpstr (result->rev, ==, "4-d");
  g_assert_cmpstr (result->reason, ==, "");
  g_assert_true (kap_couch_doc_result_is_too_large (result));
  g_assert_false (kap_couch_doc_result_is_refusal (result));

  /* A reason that is not text is no reason, not a broken reply. */
  result = g_ptr_array_index (results, 3);
  g_assert_true (kap_couch_doc_result_is_refusal (result));
  g_assert_cmpstr (result->reason, ==, "");

  {
    g_autoptr(JsonNode) empty = parse ("[]");
    g_autoptr(GPtrArray) none = kap_couch_decode_bulk_docs (empty, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_bulk_docs_hostile (void)
{
  static const char * const replies[] = {
    "{}",
    "{\"error\":\"forbidden\"}",
    "[1]",
    "[{\"ok\":true}]",
    "[{\"id\":3,\"ok\":true}]",
    "[{\"id\":\"person:1\",\"error\":{\"name\":\"forbidden\"}}]",
  };

  const Decoder decoder = { decode_bulk_docs, (GDestroyNotify) g_ptr_array_unref };

  assert_all_malformed (replies, G_N_ELEMENTS (replies), &decoder);
}

/* _bulk_get and open_revs */

#define REV2  "2-0123456789abcdef0123456789abcdef"
#define HASH2 "0123456789abcdef0123456789abcdef"
#define HASH1 "fedcba9876543210fedcba9876543210"
#define REVISIONS "\"_revisions\":{\"start\":2,\"ids\":[\"" HASH2 "\",\"" HASH1 "\"]}"

#define DOC(id, extra) \
  "{\"_id\":\"" id "\",\"_rev\":\"" REV2 "\"," REVISIONS ",\"type\":\"person\"," \
  "\"name_stated\":\"" SECRET_NAME "\"" extra "}"

static KapCouchRevision *
only_revision (GPtrArray *revisions)
{
  g_assert_cmpuint (revisions->len, ==, 1);
  return g_ptr_array_index (revisions, 0);
}

static void
assert_refused (GPtrArray  *revisions,
                const char *id)
{
  KapCouchRevision *revision = only_revision (revisions);

  g_assert_cmpint (revision->status, ==, KAP_COUCH_REVISION_REFUSED);
  g_assert_null (revision->document);
  g_assert_nonnull (revision->error);
  g_assert_cmpstr (revision->id, ==, id);
  g_assert_cmpstr (revision->rev, ==, REV2);
  /* Why, in words, and never what the record holds. */
  g_assert_cmpuint (strlen (revision->error->message), >, 10);
  g_assert_null (strstr (revision->error->message, SECRET_NAME));
  g_test_message ("refused: %s", revision->error->message);
}

static GPtrArray *
decode_bulk_get_text (const char *text)
{
  g_autoptr(JsonNode) reply = parse (text);
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions = kap_couch_decode_bulk_get (reply, &error);

  g_assert_no_error (error);
  return revisions;
}

static GPtrArray *
decode_one_doc (const char *id,
                const char *doc)
{
  g_autofree char *text = g_strdup_printf ("{\"results\":[{\"id\":\"%s\",\"docs\":[{\"ok\":%s}]}]}", id, doc);

  return decode_bulk_get_text (text);
}

static void
test_bulk_get (void)
{
  g_autoptr(GPtrArray) revisions = NULL;
  KapCouchRevision *revision;
  JsonObject *attachments;

  /* PouchDB's reply: a revision with an attachment, one gone
   * ({"missing"}), and CouchDB's way of saying gone. */
  revisions = decode_bulk_get_text ("{\"results\":["
                                    "{\"id\":\"person:1\",\"docs\":[{\"ok\":" DOC ("person:1",
                                      ",\"_attachments\":{\"scan.txt\":{\"content_type\":\"text/plain\","
                                      "\"digest\":\"md5-XrY7u+Ae7tCTyyK7j1rNww==\",\"revpos\":1,"
                                      "\"data\":\"aGVsbG8gd29ybGQ=\"}}") "}]},"
                                    "{\"id\":\"person:2\",\"docs\":[{\"missing\":\"1-aa\"}]},"
                                    "{\"id\":\"person:3\",\"docs\":[{\"error\":{\"id\":\"person:3\",\"rev\":\"1-bb\","
                                    "\"error\":\"not_found\",\"reason\":\"missing\"}}]}]}");
  g_assert_cmpuint (revisions->len, ==, 3);

  revision = g_ptr_array_index (revisions, 0);
  g_assert_cmpint (revision->status, ==, KAP_COUCH_REVISION_OK);
  g_assert_cmpstr (revision->id, ==, "person:1");
  g_assert_cmpstr (revision->rev, ==, REV2);
  g_assert_cmpstr (kap_document_get_ancestry (revision->document)[1], ==, "1-" HASH1);
  attachments = kap_document_get_attachments (revision->document);
  g_assert_nonnull (attachments);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (attachments, "scan.txt"), "data"),
                   ==, "aGVsbG8gd29ybGQ=");
  /* Attachments are no part of the body. */
  g_assert_false (json_object_has_member (kap_document_get_body (revision->document), "_attachments"));

  revision = g_ptr_array_index (revisions, 1);
  g_assert_cmpint (revision->status, ==, KAP_COUCH_REVISION_MISSING);
  g_assert_cmpstr (revision->id, ==, "person:2");
  g_assert_cmpstr (revision->rev, ==, "1-aa");

  revision = g_ptr_array_index (revisions, 2);
  g_assert_cmpint (revision->status, ==, KAP_COUCH_REVISION_MISSING);
  g_assert_cmpstr (revision->rev, ==, "1-bb");
}

static void
test_bulk_get_odd (void)
{
  /* An id far longer than 512 bytes: CouchDB has no limit. */
  {
    g_autofree char *id = g_strnfill (3000, 'x');
    g_autofree char *long_id = g_strconcat ("person:", id, NULL);
    g_autofree char *doc = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"" REV2 "\"," REVISIONS
                                            ",\"type\":\"person\"}", long_id);
    g_autoptr(GPtrArray) revisions = decode_one_doc (long_id, doc);

    g_assert_cmpint (only_revision (revisions)->status, ==, KAP_COUCH_REVISION_OK);
    g_assert_cmpstr (kap_document_get_id (only_revision (revisions)->document), ==, long_id);
  }

  /* A tombstone, and an error other than not_found. */
  {
    g_autoptr(GPtrArray) revisions = NULL;

    revisions = decode_bulk_get_text ("{\"results\":[{\"id\":\"person:1\",\"docs\":["
                                      "{\"ok\":{\"_id\":\"person:1\",\"_rev\":\"" REV2 "\",\"_deleted\":true," REVISIONS "}},"
                                      "{\"error\":{\"id\":\"person:1\",\"rev\":\"" REV2 "\",\"error\":\"bad_request\"}}]}]}");
    g_assert_cmpuint (revisions->len, ==, 2);
    g_assert_cmpint (((KapCouchRevision *) g_ptr_array_index (revisions, 0))->status, ==, KAP_COUCH_REVISION_OK);
    g_assert_true (kap_document_get_deleted (((KapCouchRevision *) g_ptr_array_index (revisions, 0))->document));
    g_assert_cmpint (((KapCouchRevision *) g_ptr_array_index (revisions, 1))->status, ==, KAP_COUCH_REVISION_REFUSED);
    g_assert_nonnull (strstr (((KapCouchRevision *) g_ptr_array_index (revisions, 1))->error->message, "bad_request"));
  }

  /* No results at all is an answer too. */
  {
    g_autoptr(GPtrArray) revisions = decode_bulk_get_text ("{\"results\":[]}");

    g_assert_cmpuint (revisions->len, ==, 0);
  }
}

/* A revision the store cannot take is refused on its own, and the reply
 * is still read. */
static void
test_bulk_get_refused (void)
{
  /* U+0000 in the id: the reader holds it escaped; the store cannot. */
  {
    g_autoptr(GPtrArray) revisions = decode_one_doc ("person:a\\u0000b", DOC ("person:a\\u0000b", ""));
    KapCouchRevision *revision = only_revision (revisions);

    g_assert_cmpint (revision->status, ==, KAP_COUCH_REVISION_REFUSED);
    g_assert_false (kap_json_string_is_plain (revision->id));
    g_assert_cmpstr (revision->rev, ==, REV2);
  }

  /* Without its history; the history of another revision. */
  {
    g_autoptr(GPtrArray) revisions =
      decode_one_doc ("person:1", "{\"_id\":\"person:1\",\"_rev\":\"" REV2 "\",\"type\":\"person\","
                                  "\"name_stated\":\"" SECRET_NAME "\"}");

    assert_refused (revisions, "person:1");
  }
  {
    g_autoptr(GPtrArray) revisions =
      decode_one_doc ("person:1", "{\"_id\":\"person:1\",\"_rev\":\"" REV2 "\","
                                  "\"_revisions\":{\"start\":3,\"ids\":[\"" HASH2 "\"]},\"type\":\"person\"}");

    assert_refused (revisions, "person:1");
  }

  /* Another document than the one asked for. */
  {
    g_autoptr(GPtrArray) revisions = decode_one_doc ("person:1", DOC ("person:2", ""));
    KapCouchRevision *revision = only_revision (revisions);

    g_assert_cmpint (revision->status, ==, KAP_COUCH_REVISION_REFUSED);
    g_assert_cmpstr (revision->id, ==, "person:2");
  }

  /* An attachment without its data (a server that ignored
   * attachments=true), and attachments that are not attachments. */
  {
    g_autoptr(GPtrArray) revisions =
      decode_one_doc ("person:1", DOC ("person:1", ",\"_attachments\":{\"scan.txt\":{\"content_type\":"
                                                   "\"text/plain\",\"stub\":true,\"length\":11}}"));

    assert_refused (revisions, "person:1");
  }
  {
    g_autoptr(GPtrArray) revisions =
      decode_one_doc ("person:1", DOC ("person:1", ",\"_attachments\":{\"scan.txt\":{\"content_type\":"
                                                   "\"text/plain\",\"data\":\"not base64!\"}}"));

    assert_refused (revisions, "person:1");
  }
  {
    g_autoptr(GPtrArray) revisions = decode_one_doc ("person:1", DOC ("person:1", ",\"_attachments\":[]"));

    assert_refused (revisions, "person:1");
  }

  /* Deeper than a document may be (though not too deep for the reader). */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GPtrArray) revisions = NULL;
    g_autofree char *doc = NULL;

    for (guint i = 0; i < KAP_DOCUMENT_MAX_DEPTH + 10; i++)
      g_string_append (deep, "{\"a\":");
    g_string_append (deep, "1");
    for (guint i = 0; i < KAP_DOCUMENT_MAX_DEPTH + 10; i++)
      g_string_append_c (deep, '}');
    doc = g_strdup_printf (DOC ("person:1", ",\"deep\":%s"), deep->str);
    revisions = decode_one_doc ("person:1", doc);
    assert_refused (revisions, "person:1");
  }

  /* Larger than a document may be. */
  {
    g_autofree char *filler = g_strnfill (KAP_DOCUMENT_MAX_BYTES + 10, 'x');
    g_autofree char *doc = g_strdup_printf (DOC ("person:1", ",\"note\":\"%s\""), filler);
    g_autoptr(GPtrArray) revisions = decode_one_doc ("person:1", doc);

    assert_refused (revisions, "person:1");
  }

  /* An unknown special member. */
  {
    g_autoptr(GPtrArray) revisions = decode_one_doc ("person:1", DOC ("person:1", ",\"_secret\":1"));

    assert_refused (revisions, "person:1");
  }
}

static void
test_bulk_get_hostile (void)
{
  static const char * const replies[] = {
    "[]",
    "{}",
    "{\"results\":{}}",
    "{\"results\":[7]}",
    "{\"results\":[{\"id\":\"person:1\"}]}",
    "{\"results\":[{\"id\":\"person:1\",\"docs\":{}}]}",
    "{\"results\":[{\"id\":\"person:1\",\"docs\":[3]}]}",
    "{\"results\":[{\"id\":\"person:1\",\"docs\":[{}]}]}",
    "{\"results\":[{\"id\":\"person:1\",\"docs\":[{\"ok\":\"" SECRET_NAME "\"}]}]}",
    "{\"results\":[{\"id\":\"person:1\",\"docs\":[{\"missing\":4}]}]}",
    "{\"results\":[{\"id\":\"person:1\",\"docs\":[{\"error\":\"not_found\"}]}]}",
  };

  const Decoder decoder = { decode_bulk_get, (GDestroyNotify) g_ptr_array_unref };

  assert_all_malformed (replies, G_N_ELEMENTS (replies), &decoder);
}

static void
test_open_revs (void)
{
  g_autoptr(JsonNode) reply = parse ("[{\"ok\":" DOC ("person:1", "") "},{\"missing\":\"3-cc\"}]");
  g_autoptr(JsonNode) not_a_list = parse ("{\"ok\":" DOC ("person:1", "") "}");
  g_autoptr(JsonNode) other = parse ("[{\"ok\":" DOC ("person:9", "") "}]");
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) error = NULL;

  revisions = kap_couch_decode_open_revs (reply, "person:1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (((KapCouchRevision *) g_ptr_array_index (revisions, 0))->status, ==, KAP_COUCH_REVISION_OK);
  g_assert_cmpint (((KapCouchRevision *) g_ptr_array_index (revisions, 1))->status, ==, KAP_COUCH_REVISION_MISSING);
  g_assert_cmpstr (((KapCouchRevision *) g_ptr_array_index (revisions, 1))->id, ==, "person:1");
  g_assert_cmpstr (((KapCouchRevision *) g_ptr_array_index (revisions, 1))->rev, ==, "3-cc");

  refused = kap_couch_decode_open_revs (other, "person:1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (only_revision (refused)->status, ==, KAP_COUCH_REVISION_REFUSED);

  none = kap_couch_decode_open_revs (not_a_list, "person:1", &error);
  g_assert_null (none);
  assert_malformed (error);
}

/* Checkpoints */

static void
test_checkpoint (void)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(JsonNode) reply = parse ("{\"_id\":\"_local/kapija-1\",\"_rev\":\"0-3\",\"session_id\":\"s\","
                                       "\"last_seq\":\"9-g1\",\"history\":[{\"session_id\":\"s\",\"last_seq\":\"9-g1\"}]}");
    g_autoptr(KapCouchCheckpoint) checkpoint = kap_couch_decode_checkpoint (reply, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (checkpoint->rev, ==, "0-3");
    g_assert_nonnull (checkpoint->doc);
  }

  /* Another replicator's, or a damaged one: replaced, from the start. */
  {
    g_autoptr(JsonNode) reply = parse ("{\"_id\":\"_local/kapija-1\",\"_rev\":\"0-4\",\"history\":\"lost\","
                                       "\"session_id\":\"s\",\"last_seq\":1}");
    g_autoptr(KapCouchCheckpoint) checkpoint = kap_couch_decode_checkpoint (reply, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (checkpoint->rev, ==, "0-4");
    g_assert_null (checkpoint->doc);
  }

  for (guint i = 0; i < 3; i++)
    {
      static const char * const replies[] = { "[]", "{\"session_id\":\"s\"}", "{\"_rev\":4}" };
      g_autoptr(JsonNode) reply = parse (replies[i]);
      g_autoptr(KapCouchCheckpoint) checkpoint = kap_couch_decode_checkpoint (reply, &error);

      g_assert_null (checkpoint);
      assert_malformed (error);
      g_clear_error (&error);
    }
}

static void
test_put (void)
{
  g_autoptr(JsonNode) good = parse ("{\"ok\":true,\"id\":\"_local/kapija-1\",\"rev\":\"0-2\"}");
  g_autoptr(JsonNode) bad = parse ("{\"ok\":true}");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *none = NULL;

  rev = kap_couch_decode_put (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rev, ==, "0-2");

  none = kap_couch_decode_put (bad, &error);
  g_assert_null (none);
  assert_malformed (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/couch-decode/database-info", test_database_info);
  g_test_add_func ("/couch-decode/changes/pouchdb", test_changes_pouchdb);
  g_test_add_func ("/couch-decode/changes/couchdb", test_changes_couchdb);
  g_test_add_func ("/couch-decode/changes/odd", test_changes_odd);
  g_test_add_func ("/couch-decode/changes/hostile", test_changes_hostile);
  g_test_add_func ("/couch-decode/revs-diff/good", test_revs_diff);
  g_test_add_func ("/couch-decode/revs-diff/hostile", test_revs_diff_hostile);
  g_test_add_func ("/couch-decode/bulk-docs/good", test_bulk_docs);
  g_test_add_func ("/couch-decode/bulk-docs/hostile", test_bulk_docs_hostile);
  g_test_add_func ("/couch-decode/bulk-get/good", test_bulk_get);
  g_test_add_func ("/couch-decode/bulk-get/odd", test_bulk_get_odd);
  g_test_add_func ("/couch-decode/bulk-get/refused", test_bulk_get_refused);
  g_test_add_func ("/couch-decode/bulk-get/hostile", test_bulk_get_hostile);
  g_test_add_func ("/couch-decode/open-revs", test_open_revs);
  g_test_add_func ("/couch-decode/checkpoint", test_checkpoint);
  g_test_add_func ("/couch-decode/put", test_put);

  return g_test_run ();
}
