/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a search box does with a name typed in it: the same name keys and
 * word similarity as the duplicate check (kap-name-key.h), so that
 * "petrovich" finds Petrović and Петровић, with a score that puts closer
 * matches first. Each word typed must meet a word of the name: the same
 * word, the start of one (the officer is still typing), a word inside it,
 * or a spelling variant (word similarity ≥ KAP_NAME_SEARCH_SIMILAR; only
 * for words of four letters or more, where a variant is not a different
 * short name).
 *
 * Not thread-safe: a search remembers the score of each word it met, so
 * that a list of 100,000 records, whose names repeat, is scored quickly. */
typedef struct _KapNameSearch KapNameSearch;

#define KAP_NAME_SEARCH_SIMILAR 0.90

/* NULL when @text has no letters to look for. */
KapNameSearch *kap_name_search_new   (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
void           kap_name_search_free  (KapNameSearch *self);
/* How well @name_key (kap_name_key() of a name, or several of them joined
 * by "\n": a person's stated and original names) matches, in [0, 1]:
 * 0 no match, 1 the same words in the same order; the same words in
 * another order, fewer words, starts of words and spelling variants score
 * in between, in that order. */
double         kap_name_search_score (KapNameSearch *self,
                                      const char    *name_key);

/* For a caller that scores the same names on every keystroke (the
 * records list): each name split once into the ids of its words in a
 * dictionary, so that a search scores each word of the dictionary once
 * and each name with a few array reads. */
typedef struct _KapNameWords KapNameWords;

#define KAP_NAME_WORDS_LINE G_MAXUINT32          /* between the lines of a name */
#define KAP_NAME_WORDS_END  (G_MAXUINT32 - 1)    /* after the last word */

KapNameWords  *kap_name_words_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void           kap_name_words_free         (KapNameWords  *self);
/* The ids of the words of @name_key (as kap_name_search_score() takes it),
 * the lines separated by KAP_NAME_WORDS_LINE, ended by KAP_NAME_WORDS_END;
 * NULL for a name without words. Free with g_free(). */
guint32       *kap_name_words_intern       (KapNameWords  *self,
                                            const char    *name_key) G_GNUC_WARN_UNUSED_RESULT;
/* kap_name_search_score() of a name interned in @words; one search is
 * used with one dictionary only. */
double         kap_name_search_score_words (KapNameSearch *self,
                                            KapNameWords  *words,
                                            const guint32 *ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapNameSearch, kap_name_search_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapNameWords, kap_name_words_free)

G_END_DECLS
