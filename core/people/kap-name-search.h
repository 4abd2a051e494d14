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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapNameSearch, kap_name_search_free)

G_END_DECLS
