/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The one JSON reader for everything that enters Kapija: a put or an
 * import line, every reply of a server, a form definition, a stored body.
 *
 * It reads RFC 8259 strictly (json-glib 1.6 accepts escapes JSON does not,
 * decodes them to invalid UTF-8, overflows its stack on deep nesting and
 * wraps large integers; PLATFORM.md), refuses duplicate member names, and
 * enforces a depth and a size limit before any memory is spent on them.
 *
 * What a peer sent must come back out exactly, so nothing is altered on the
 * way in. Two things JSON can carry do not fit a JsonNode:
 *
 * - strings with U+0000 or a lone UTF-16 surrogate (a JavaScript string cut
 *   inside an emoji): such a code unit is held as U+FDD0 followed by its
 *   four lower-case hex digits ("\uFDD0" "d83d"). U+FDD0 and U+FDD1 of the
 *   text are held the same way, so the marker is never ambiguous;
 * - numbers that neither a gint64 nor a double written in its shortest
 *   form carry exactly (12345678901234567000, 1e999, 0.1000000000000000001):
 *   such a number is a string node holding U+FDD1 and the number's text.
 *
 * The canonical writer (kap-canonical-json.h) writes both back as they
 * came. U+FDD0 and U+FDD1 are noncharacters: no text a person typed holds
 * them (kap_json_string_sanitize() makes sure). */

#define KAP_JSON_ERROR (kap_json_error_quark ())

typedef enum
{
  KAP_JSON_ERROR_MALFORMED,         /* not JSON */
  KAP_JSON_ERROR_INVALID_UTF8,      /* bytes that are not UTF-8 */
  KAP_JSON_ERROR_TOO_DEEP,          /* nested deeper than the limit */
  KAP_JSON_ERROR_TOO_LARGE,         /* longer than the limit */
  KAP_JSON_ERROR_DUPLICATE_MEMBER,  /* an object names a member twice */
} KapJsonError;

GQuark kap_json_error_quark (void);

/* Deeper nesting than this is refused whatever the caller asks: every
 * JSON walker in Kapija (json-glib's copy included) recurses. */
#define KAP_JSON_MAX_DEPTH 512

typedef struct
{
  gsize  max_bytes;    /* 0: no limit */
  guint  max_depth;    /* 0: KAP_JSON_MAX_DEPTH; never more than it */
} KapJsonLimits;

/* Parses @data (@length bytes; -1: NUL-terminated). The error message names
 * the line and column and never quotes the text, which may hold personal
 * data. @limits may be NULL (no size limit, the maximum depth). */
JsonNode   *kap_json_parse              (const char          *data,
                                         gssize               length,
                                         const KapJsonLimits *limits,
                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same for a text that must be one JSON object. */
JsonObject *kap_json_parse_object       (const char          *data,
                                         gssize               length,
                                         const KapJsonLimits *limits,
                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* How deep @node nests: 0 for a scalar, 1 for [] or {}. */
guint       kap_json_node_depth         (JsonNode            *node);

/* TRUE when @str holds neither marker: an ordinary UTF-8 string. */
gboolean    kap_json_string_is_plain    (const char          *str);
/* The number's text when @node is a number held as text (see above). */
const char *kap_json_node_get_number_text (JsonNode          *node);
/* @str for people to read: a held code unit becomes U+FFFD. */
char       *kap_json_string_for_display (const char          *str) G_GNUC_WARN_UNUSED_RESULT;
/* Text a person typed, made safe to hold in a JSON string node: U+FDD0 and
 * U+FDD1 (which no text needs) become U+FFFD. Returns @str itself when it
 * needs no change, else a new string in @out_owned. */
const char *kap_json_string_sanitize    (const char          *str,
                                         char               **out_owned);

/* The markers' UTF-8 bytes, for the writer. */
#define KAP_JSON_CODE_UNIT_MARK "\xef\xb7\x90"   /* U+FDD0 */
#define KAP_JSON_NUMBER_MARK    "\xef\xb7\x91"   /* U+FDD1 */
#define KAP_JSON_MARK_LENGTH    3

G_END_DECLS
