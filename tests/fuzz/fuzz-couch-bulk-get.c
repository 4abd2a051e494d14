/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-couch-bulk-get"

#include "config.h"

#include "kap-fuzz-couch.h"

/* The decoder of a _bulk_get reply (sync/kap-couch-decode.c): revisions
 * the store takes, or each one's reason; or KAP_SYNC_ERROR_MALFORMED. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = kap_fuzz_parse_reply (data, size);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  if (reply == NULL)
    return 0;

  revisions = kap_couch_decode_bulk_get (reply, &error);
  kap_fuzz_check_malformed (revisions, error);
  kap_fuzz_check_revisions (revisions, NULL);

  return 0;
}
