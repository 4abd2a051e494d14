/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-json-private.h"

G_BEGIN_DECLS

/* The reader's state, shared by its parts: kap-json.c (values),
 * kap-json-string.c and kap-json-number.c. */

typedef struct
{
  const char *start;
  const char *pos;
  const char *end;
  guint       max_depth;
  GString    *scratch;     /* string contents being decoded */
  GError    **error;
} Reader;

/* kap-json.c: sets reader->error (once) to @reason at @where, or at the
 * reader's position. */
void      kap_json_fail_at     (Reader     *reader,
                                const char *where,
                                int         code,
                                const char *reason);
void      kap_json_fail        (Reader     *reader,
                                int         code,
                                const char *reason);

/* kap-json-string.c: the contents of a string, the opening quote already
 * read, into reader->scratch. */
gboolean  kap_json_read_string (Reader     *reader);

/* kap-json-number.c: a number at the reader's position. */
JsonNode *kap_json_read_number (Reader     *reader);

G_END_DECLS
