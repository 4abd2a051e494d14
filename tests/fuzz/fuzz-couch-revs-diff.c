/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-couch-revs-diff"

#include "config.h"

#include "kap-fuzz-couch.h"

/* The decoder of a _revs_diff reply (sync/kap-couch-decode.c): for each
 * id, the list of revisions the server lacks; or KAP_SYNC_ERROR_MALFORMED. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = kap_fuzz_parse_reply (data, size);
  g_autoptr(GHashTable) missing = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id, revs;

  if (reply == NULL)
    return 0;

  missing = kap_couch_decode_revs_diff (reply, &error);
  kap_fuzz_check_malformed (missing, error);
  if (missing == NULL)
    return 0;

  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &id, &revs))
    {
      g_assert_nonnull (id);
      g_assert_nonnull (revs);
      for (char **rev = revs; *rev != NULL; rev++)
        g_assert_true (g_utf8_validate (*rev, -1, NULL));
    }

  return 0;
}
