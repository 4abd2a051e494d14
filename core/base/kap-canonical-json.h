/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Canonical JSON: object members sorted by UTF-8 byte order, no white space,
 * numbers in their shortest round-trip form, and what the reader held
 * (kap-json.h: a lone surrogate, U+0000, a number no double carries)
 * written back exactly as it came. The only writer of JSON that is stored
 * or sent: json-glib's generator writes 1e21 as "1e+21.0". With @skip_underscore, members
 * of the top-level object whose names start with '_' are left out, which is
 * the form revision ids are computed from (DESIGN.md, Documents). */
void   kap_canonical_json_append (GString    *out,
                                  JsonNode   *node,
                                  gboolean    skip_underscore);
char  *kap_canonical_json_object (JsonObject *object,
                                  gboolean    skip_underscore) G_GNUC_WARN_UNUSED_RESULT;
char  *kap_canonical_json_node   (JsonNode   *node) G_GNUC_WARN_UNUSED_RESULT;
/* The same as bytes, for a request body. */
GBytes *kap_canonical_json_bytes (JsonNode   *node) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
