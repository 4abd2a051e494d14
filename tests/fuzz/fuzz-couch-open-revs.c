/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-couch-open-revs"

#include "config.h"

#include "kap-fuzz-couch.h"

/* The decoder of an open_revs reply (sync/kap-couch-decode.c) for one
 * document the pull asked for: only revisions of that document are taken. */

#define ASKED_ID "screening:0190f5a2-7c41-7d3e-9a51-3c2b1e0f9d87"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = kap_fuzz_parse_reply (data, size);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  if (reply == NULL)
    return 0;

  revisions = kap_couch_decode_open_revs (reply, ASKED_ID, &error);
  kap_fuzz_check_malformed (revisions, error);
  kap_fuzz_check_revisions (revisions, ASKED_ID);

  return 0;
}
