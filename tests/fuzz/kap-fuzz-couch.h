/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-couch-decode.h"
#include "kap-fuzz.h"

G_BEGIN_DECLS

/* What the server-reply targets share: the reply read as the client reads
 * it (kap_json_parse(), no NUL after the bytes), and the promises of a
 * decoded _bulk_get or open_revs reply. */

/* NULL when the bytes are no JSON: then there is nothing to decode. */
JsonNode *kap_fuzz_parse_reply     (const uint8_t *data,
                                    size_t         size) G_GNUC_WARN_UNUSED_RESULT;

/* Checks that a decoder failed with KAP_SYNC_ERROR_MALFORMED and a
 * message, when @result is NULL. */
void      kap_fuzz_check_malformed (gconstpointer  result,
                                    const GError  *error);

/* Each revision is what its status says: an OK one holds a document the
 * store takes (with its history, under the id the entry names); a refused
 * one says why; a missing one holds no document. */
void      kap_fuzz_check_revisions (GPtrArray     *revisions,
                                    const char    *asked_id);

G_END_DECLS
