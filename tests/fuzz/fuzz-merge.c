/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-merge"

#include "config.h"

#include <string.h>

#include "kap-canonical-json.h"
#include "kap-json.h"
#include "kap-merge.h"
#include "kap-fuzz.h"

/* The three-way merge (core/kap-merge.c). The first byte holds flags, the
 * rest is three lines: the base, ours and theirs, each a JSON object (an
 * unreadable base is no base). The merge must be deterministic (the same
 * inputs give the same bytes) and symmetric: swapping ours and theirs
 * gives the same clean body, or the same clashes with the sides swapped. */

enum
{
  FLAG_OURS_DELETED   = 1 << 0,
  FLAG_THEIRS_DELETED = 1 << 1,
  FLAG_NO_BASE        = 1 << 2,
  FLAG_DELETION_ASKS  = 1 << 3,
  FLAG_STRICT         = 1 << 4,
  FLAG_WITHOUT_FORM   = 1 << 5,
};

/* Sets, repeats, nested groups and plain lists, as the shipped forms have
 * them (the names the corpus uses). */
static const char merge_form[] =
  "{\"type\":\"form\",\"form_id\":\"fuzz_merge\",\"version\":1,\"record_type\":\"screening\","
  "\"title\":{\"en\":\"Merge\"},"
  "\"choices\":{\"needs\":[{\"value\":\"SHL\",\"label\":{\"en\":\"Shelter\"}},"
  "{\"value\":\"HLT\",\"label\":{\"en\":\"Health\"}},{\"value\":\"LEG\",\"label\":{\"en\":\"Legal\"}}]},"
  "\"fields\":["
  "{\"name\":\"notes\",\"type\":\"text\",\"label\":{\"en\":\"Notes\"}},"
  "{\"name\":\"age\",\"type\":\"integer\",\"label\":{\"en\":\"Age\"}},"
  "{\"name\":\"needs\",\"type\":\"select_multiple\",\"label\":{\"en\":\"Needs\"},\"choices\":\"needs\",\"merge\":\"set\"},"
  "{\"name\":\"languages\",\"type\":\"select_multiple\",\"label\":{\"en\":\"Languages\"},\"choices\":\"@languages\",\"merge\":\"set\"},"
  "{\"name\":\"tags\",\"type\":\"select_multiple\",\"label\":{\"en\":\"Tags\"},\"choices\":\"needs\"},"
  "{\"name\":\"household\",\"type\":\"group\",\"label\":{\"en\":\"Household\"},\"fields\":["
  "{\"name\":\"household_size\",\"type\":\"integer\",\"label\":{\"en\":\"Size\"}}]},"
  "{\"name\":\"family_members\",\"type\":\"repeat\",\"label\":{\"en\":\"Family\"},\"fields\":["
  "{\"name\":\"member_name\",\"type\":\"text\",\"label\":{\"en\":\"Name\"}},"
  "{\"name\":\"member_needs\",\"type\":\"select_multiple\",\"label\":{\"en\":\"Needs\"},\"choices\":\"needs\",\"merge\":\"set\"}]}"
  "]}";

static KapForm *
get_form (void)
{
  static KapForm *form;

  if (form == NULL)
    {
      g_autoptr(GError) error = NULL;

      form = kap_form_new_from_json (merge_form, -1, &error);
      g_assert_no_error (error);
    }

  return form;
}

static char *
node_text (JsonNode *node)
{
  return node != NULL ? kap_canonical_json_node (node) : NULL;
}

static char *
body_text (KapMergeResult *result)
{
  JsonObject *body = kap_merge_result_get_body (result);

  return body != NULL ? kap_canonical_json_object (body, FALSE) : NULL;
}

static void
check_mirrored (KapMergeResult *result,
                KapMergeResult *mirror)
{
  GPtrArray *clashes = kap_merge_result_get_clashes (result);
  GPtrArray *mirror_clashes = kap_merge_result_get_clashes (mirror);

  g_assert_true (kap_merge_result_is_clean (result) == kap_merge_result_is_clean (mirror));
  g_assert_cmpuint (clashes->len, ==, mirror_clashes->len);

  if (kap_merge_result_is_clean (result))
    {
      g_autofree char *body = body_text (result);
      g_autofree char *mirror_body = body_text (mirror);

      g_assert_true (kap_merge_result_get_deleted (result) == kap_merge_result_get_deleted (mirror));
      g_assert_cmpstr (body, ==, mirror_body);
      return;
    }

  for (guint i = 0; i < clashes->len; i++)
    {
      const KapMergeClash *clash = g_ptr_array_index (clashes, i);
      const KapMergeClash *mirrored = g_ptr_array_index (mirror_clashes, i);
      g_autofree char *base = node_text (clash->base);
      g_autofree char *ours = node_text (clash->ours);
      g_autofree char *theirs = node_text (clash->theirs);
      g_autofree char *mirror_base = node_text (mirrored->base);
      g_autofree char *mirror_ours = node_text (mirrored->ours);
      g_autofree char *mirror_theirs = node_text (mirrored->theirs);

      g_assert_cmpstr (clash->path, ==, mirrored->path);
      g_assert_cmpstr (base, ==, mirror_base);
      g_assert_cmpstr (ours, ==, mirror_theirs);
      g_assert_cmpstr (theirs, ==, mirror_ours);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(JsonObject) ours = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(KapMergeResult) result = NULL;
  g_autoptr(KapMergeResult) again = NULL;
  g_autoptr(KapMergeResult) mirror = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  KapMergeFlags merge_flags = KAP_MERGE_FLAGS_NONE;
  gboolean ours_deleted, theirs_deleted;
  KapForm *form;
  guint8 flags;

  if (size < 1)
    return 0;

  flags = data[0];
  text = kap_fuzz_strndup (data + 1, size - 1);
  lines = g_strsplit (text, "\n", 3);
  if (g_strv_length (lines) < 3)
    return 0;

  if (!(flags & FLAG_NO_BASE))
    base = kap_json_parse_object (lines[0], -1, NULL, NULL);
  ours = kap_json_parse_object (lines[1], -1, NULL, NULL);
  theirs = kap_json_parse_object (lines[2], -1, NULL, NULL);
  if (ours == NULL || theirs == NULL)
    return 0;

  /* A deleted side has no body to merge. */
  ours_deleted = (flags & FLAG_OURS_DELETED) != 0;
  theirs_deleted = (flags & FLAG_THEIRS_DELETED) != 0;
  if (flags & FLAG_DELETION_ASKS)
    merge_flags |= KAP_MERGE_DELETION_ASKS;
  if (flags & FLAG_STRICT)
    merge_flags |= KAP_MERGE_STRICT_WITHOUT_BASE;
  form = (flags & FLAG_WITHOUT_FORM) ? NULL : get_form ();

  result = kap_merge_full (base, ours_deleted ? NULL : ours, ours_deleted,
                           theirs_deleted ? NULL : theirs, theirs_deleted, form, merge_flags);
  again = kap_merge_full (base, ours_deleted ? NULL : ours, ours_deleted,
                          theirs_deleted ? NULL : theirs, theirs_deleted, form, merge_flags);
  mirror = kap_merge_full (base, theirs_deleted ? NULL : theirs, theirs_deleted,
                           ours_deleted ? NULL : ours, ours_deleted, form, merge_flags);

  json = kap_merge_result_to_json (result);
  json_again = kap_merge_result_to_json (again);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_cmpstr (json, ==, json_again);

  g_assert_true (kap_merge_result_get_deleted (result) == (kap_merge_result_get_body (result) == NULL));
  check_mirrored (result, mirror);

  return 0;
}
