/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-name-key.h"

G_BEGIN_DECLS

/* Names are compared on at most this many words; longer names keep their
 * first words (a name with more than eight words is a data-entry slip). */
#define KAP_NAME_MAX_WORDS 8

/* A word pair whose consonant skeletons agree (and have at least
 * KAP_NAME_SKELETON_MIN letters) scores at least KAP_NAME_SKELETON_SCORE. */
#define KAP_NAME_SKELETON_MIN   3
#define KAP_NAME_SKELETON_SCORE 0.92

/* Building blocks, shared with the code lists and the duplicate index. */

/* Jaro-Winkler similarity of two words (bytes; keys are ASCII). */
double  kap_name_jaro_winkler    (const char *a,
                                  gsize       len_a,
                                  const char *b,
                                  gsize       len_b);
/* Similarity of two words of a key: Jaro-Winkler, raised for words with the
 * same consonant skeleton (mohammed / muhammad, ahmd / ahmed), which is how
 * unvocalised Arabic-script names meet their Latin spellings. */
double  kap_name_word_similarity (const char *a,
                                  const char *b);
/* The same with the skeletons (kap_name_skeleton()) already computed. */
double  kap_name_word_similarity_full (const char *a,
                                       gsize       len_a,
                                       const char *skeleton_a,
                                       const char *b,
                                       gsize       len_b,
                                       const char *skeleton_b);
/* The consonant skeleton of a word: vowels (and y/w after the first letter)
 * removed, doubled letters collapsed: "mohammed" → "mhmd". */
char   *kap_name_skeleton        (const char *word) G_GNUC_WARN_UNUSED_RESULT;

/* Combines word similarities into a name similarity: @sims is an @n_a × @n_b
 * matrix (row-major) of word similarities, @len_a and @len_b the word
 * lengths. Used by kap_name_similarity() and by the duplicate index, which
 * precomputes the word similarities. */
double  kap_name_combine         (const double *sims,
                                  guint         n_a,
                                  const guint  *len_a,
                                  guint         n_b,
                                  const guint  *len_b);

/* Splits a key into at most KAP_NAME_MAX_WORDS words (pointers into @key,
 * which is modified: spaces become NULs). Returns the number of words. */
guint   kap_name_split_key       (char        *key,
                                  char       **words,
                                  guint       *lengths);

G_END_DECLS
