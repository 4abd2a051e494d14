/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-couch-bulk-docs"

#include "config.h"

#include "kap-fuzz-couch.h"

/* The decoder of a _bulk_docs reply (sync/kap-couch-decode.c): one result
 * per document, each stored or with the server's error and reason. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = kap_fuzz_parse_reply (data, size);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (reply == NULL)
    return 0;

  results = kap_couch_decode_bulk_docs (reply, &error);
  kap_fuzz_check_malformed (results, error);
  if (results == NULL)
    return 0;

  for (guint i = 0; i < results->len; i++)
    {
      const KapCouchDocResult *result = g_ptr_array_index (results, i);

      g_assert_nonnull (result->reason);
      if (result->error == NULL)
        {
          g_assert_false (kap_couch_doc_result_is_refusal (result));
          g_assert_false (kap_couch_doc_result_is_too_large (result));
        }
    }

  return 0;
}
