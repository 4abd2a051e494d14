/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A count as the language writes it, with its own digit grouping:
 * "1,234" in English, "1.234" in Serbian, Bosnian, Macedonian and Turkish,
 * "1 234" (a no-break space) in Albanian, always with the digits 0-9 as
 * the rest of the app writes numbers. ICU's data does it, not
 * the C library's, so it works whatever locales the laptop has installed.
 *
 * @language is a gettext language name ("sr", "sr@latin", "sq_AL.UTF-8");
 * NULL is the language of the user interface (g_get_language_names()).
 * Never returns NULL: plain digits when ICU cannot format. Thread-safe. */
char *kap_format_count (guint64     count,
                        const char *language) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
