/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-couch-changes"

#include "config.h"

#include "kap-fuzz-couch.h"

/* The decoder of a _changes reply (sync/kap-couch-decode.c): a feed, or
 * KAP_SYNC_ERROR_MALFORMED; every change names a document and its leaves. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = kap_fuzz_parse_reply (data, size);
  g_autoptr(KapCouchChanges) changes = NULL;
  g_autoptr(GError) error = NULL;

  if (reply == NULL)
    return 0;

  changes = kap_couch_decode_changes (reply, &error);
  kap_fuzz_check_malformed (changes, error);
  if (changes == NULL)
    return 0;

  g_assert_nonnull (changes->changes);
  g_assert_cmpint (changes->pending, >=, -1);
  if (changes->changes->len > 0)
    g_assert_nonnull (changes->last_seq);
  for (guint i = 0; i < changes->changes->len; i++)
    {
      const KapCouchChange *change = g_ptr_array_index (changes->changes, i);

      g_assert_nonnull (change->id);
      g_assert_nonnull (change->revs);
    }

  return 0;
}
