/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A comparison key for a personal name written in Latin, Cyrillic or Arabic
 * script (or anything else ICU can romanise): transliterated to Latin, folded
 * to lower-case ASCII (ć č đ dž š ž ë ç ğ ı ş lose their marks, Serbian and
 * Macedonian љ њ џ ѓ ќ become lj nj dz gj kj as in the Latin alphabets),
 * apostrophes dropped, other punctuation turned into spaces, whitespace
 * collapsed, and the Arabic article (ال, “al-”, “el-”, “ash-”…) removed
 * when it stands before another word. "Милица Јовановић", "Milica
 * Jovanović" and "MILICA JOVANOVIC" all give "milica jovanovic".
 *
 * Never returns NULL: NULL or a name without letters gives "".
 * Thread-safe. */
char   *kap_name_key             (const char *name) G_GNUC_WARN_UNUSED_RESULT;

/* Similarity of two keys from kap_name_key() in [0, 1], independent of the
 * order of the words: 1 for the same words, high for spelling variants
 * (Mohammed / Muhammad, Jovanovic / Jovanovich), low for different people.
 * KAP_NAME_SIMILAR is the score from which two names count as similar:
 * typos and transliteration variants of a whole name score 0.92-0.99
 * (Mohammed / Muhammad Ahmadi 0.95, أحمد الحسن / Ahmed Al-Hassan 0.94,
 * Krasniqi / Krasnici 0.97), while names that differ in one real word stay
 * below it (Milica / Milena Jovanović 0.87, Ayşe Yılmaz / Yıldız 0.81,
 * Mohammad Karimi / Rahimi 0.82). Omar / Umar Khan (0.82) is the price. */
double  kap_name_similarity      (const char *key_a,
                                  const char *key_b);

#define KAP_NAME_SIMILAR 0.88

G_END_DECLS
