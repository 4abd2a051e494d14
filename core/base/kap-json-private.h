/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-json.h"

G_BEGIN_DECLS

/* What the reader (kap-json.c) and the canonical writer
 * (kap-canonical-json.c) share about the held forms. */

/* TRUE when @text is exactly one number of RFC 8259's grammar. */
gboolean kap_json_number_text_is_valid     (const char *text);
/* The UTF-16 code unit held at @p (U+FDD0 and four lower-case hex
 * digits), or -1 when @p holds none. */
int      kap_json_held_unit                (const char *p);

/* The shortest text that reads back as @value (which must be finite):
 * an integer where it is one below 1e15, else the fewest significant
 * digits. @buf holds G_ASCII_DTOSTR_BUF_SIZE bytes. */
void     kap_canonical_json_format_double  (char       *buf,
                                            double      value);

G_END_DECLS
