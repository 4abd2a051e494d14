/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Canonical JSON: object members sorted by UTF-8 byte order, no white space,
 * numbers in their shortest round-trip form. With @skip_underscore, members
 * of the top-level object whose names start with '_' are left out, which is
 * the form revision ids are computed from (DESIGN.md, Documents). */
void   kap_canonical_json_append (GString    *out,
                                  JsonNode   *node,
                                  gboolean    skip_underscore);
char  *kap_canonical_json_object (JsonObject *object,
                                  gboolean    skip_underscore) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
