/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-couch-checkpoint"

#include "config.h"

#include "kap-fuzz-couch.h"

/* The decoders of the replies around a replication checkpoint
 * (sync/kap-couch-decode.c): GET /db/_local/<id> (the checkpoint), the PUT
 * that writes it (the new revision) and GET /db, which a run reads before
 * it (the database information). The same bytes go to all three. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = kap_fuzz_parse_reply (data, size);
  g_autoptr(KapCouchCheckpoint) checkpoint = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(GError) checkpoint_error = NULL;
  g_autoptr(GError) put_error = NULL;
  g_autoptr(GError) info_error = NULL;

  if (reply == NULL)
    return 0;

  checkpoint = kap_couch_decode_checkpoint (reply, &checkpoint_error);
  kap_fuzz_check_malformed (checkpoint, checkpoint_error);
  if (checkpoint != NULL)
    g_assert_nonnull (checkpoint->rev);

  rev = kap_couch_decode_put (reply, &put_error);
  kap_fuzz_check_malformed (rev, put_error);

  info = kap_couch_decode_database_info (reply, &info_error);
  kap_fuzz_check_malformed (info, info_error);

  return 0;
}
