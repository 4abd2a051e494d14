/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-name-search"

#include "config.h"

#include <string.h>

#include "kap-name-key-private.h"
#include "kap-name-search.h"

/* How one word typed meets one word of a name, from the best: the same
 * word; the start of it (more of it typed scores higher); a spelling
 * variant, scored by its similarity; a piece inside it. A variant ranks
 * above a piece because "petrovich" is the same person as "petrovic",
 * while "ovic" is half the region. */
#define SCORE_SAME           1.0
#define SCORE_PREFIX_BASE    0.80
#define SCORE_PREFIX_SPAN    0.15
#define SCORE_VARIANT_BASE   0.30
#define SCORE_VARIANT_SPAN   0.45
#define SCORE_INSIDE         0.50
/* Shorter words are only looked for as words or starts of words: "ana"
 * inside or near every other name would find half the list. */
#define INSIDE_MIN_LETTERS   3
#define VARIANT_MIN_LETTERS  4

struct _KapNameSearch
{
  char       *key;
  char       *buf;       /* a copy of the key, cut into the words */
  char       *words[KAP_NAME_MAX_WORDS];
  guint       lengths[KAP_NAME_MAX_WORDS];
  char       *skeletons[KAP_NAME_MAX_WORDS];
  guint       n_words;
  GHashTable *memo;      /* name word → double[n_words] */
  GString    *scratch;
};

KapNameSearch *
kap_name_search_new (const char *text)
{
  KapNameSearch *self;
  g_autofree char *key = kap_name_key (text);

  if (key[0] == '\0')
    return NULL;

  self = g_new0 (KapNameSearch, 1);
  self->buf = g_strdup (key);
  self->key = g_steal_pointer (&key);
  self->n_words = kap_name_split_key (self->buf, self->words, self->lengths);
  for (guint i = 0; i < self->n_words; i++)
    self->skeletons[i] = kap_name_skeleton (self->words[i]);
  self->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->scratch = g_string_new (NULL);

  return self;
}

void
kap_name_search_free (KapNameSearch *self)
{
  if (self == NULL)
    return;

  g_free (self->buf);
  for (guint i = 0; i < self->n_words; i++)
    g_free (self->skeletons[i]);
  g_hash_table_unref (self->memo);
  g_string_free (self->scratch, TRUE);
  g_free (self->key);
  g_free (self);
}

static double
word_score (KapNameSearch *self,
            guint          i,
            const char    *word,
            guint          len,
            const char    *skeleton)
{
  const char *typed = self->words[i];
  guint typed_len = self->lengths[i];

  if (typed_len == len && memcmp (typed, word, len) == 0)
    return SCORE_SAME;

  if (typed_len < len && memcmp (typed, word, typed_len) == 0)
    return SCORE_PREFIX_BASE + SCORE_PREFIX_SPAN * typed_len / len;

  if (typed_len >= VARIANT_MIN_LETTERS && len >= VARIANT_MIN_LETTERS)
    {
      double similarity = kap_name_word_similarity_full (typed, typed_len, self->skeletons[i],
                                                         word, len, skeleton);

      if (similarity >= KAP_NAME_SEARCH_SIMILAR)
        return SCORE_VARIANT_BASE + SCORE_VARIANT_SPAN * similarity;
    }

  if (typed_len >= INSIDE_MIN_LETTERS && strstr (word, typed) != NULL)
    return SCORE_INSIDE;

  return 0.0;
}

/* The scores of every word typed against @word, computed once per word
 * of the names met (names repeat: families, common first names). */
static const double *
word_scores (KapNameSearch *self,
             const char    *word,
             guint          len)
{
  double *scores = g_hash_table_lookup (self->memo, word);
  g_autofree char *skeleton = NULL;

  if (scores != NULL)
    return scores;

  skeleton = kap_name_skeleton (word);
  scores = g_new (double, self->n_words);
  for (guint i = 0; i < self->n_words; i++)
    scores[i] = word_score (self, i, word, len, skeleton);
  g_hash_table_insert (self->memo, g_strndup (word, len), scores);

  return scores;
}

static double
line_score (KapNameSearch *self,
            const char    *line,
            gsize          line_len)
{
  char *words[KAP_NAME_MAX_WORDS];
  guint lengths[KAP_NAME_MAX_WORDS];
  double best[KAP_NAME_MAX_WORDS] = { 0 };
  gboolean in_order = TRUE;
  double total = 0.0;
  guint n;

  g_string_truncate (self->scratch, 0);
  g_string_append_len (self->scratch, line, line_len);
  n = kap_name_split_key (self->scratch->str, words, lengths);
  if (n == 0)
    return 0.0;

  for (guint w = 0; w < n; w++)
    {
      const double *scores = word_scores (self, words[w], lengths[w]);

      for (guint i = 0; i < self->n_words; i++)
        best[i] = MAX (best[i], scores[i]);
    }

  for (guint i = 0; i < self->n_words; i++)
    {
      if (best[i] <= 0.0)
        return 0.0;
      total += best[i];
      if (i >= n || best[i] < SCORE_SAME || strcmp (words[i], self->words[i]) != 0)
        in_order = FALSE;
    }

  /* The whole name as typed comes first of all. */
  if (in_order && n == self->n_words)
    return 1.0;

  /* A name with more words than were typed is a less certain match
   * ("Milica" alone finds every Milica); never quite the whole name. */
  return MIN (0.99, total / self->n_words * (0.9 + 0.1 * MIN (self->n_words, n) / n));
}

double
kap_name_search_score (KapNameSearch *self,
                       const char    *name_key)
{
  double score = 0.0;
  const char *line;

  g_return_val_if_fail (self != NULL, 0.0);

  if (name_key == NULL)
    return 0.0;

  /* The stated name and the name in the original script are one line
   * each; the better one counts. */
  line = name_key;
  while (*line != '\0')
    {
      const char *end = strchr (line, '\n');
      gsize len = end != NULL ? (gsize) (end - line) : strlen (line);

      score = MAX (score, line_score (self, line, len));
      if (end == NULL)
        break;
      line = end + 1;
    }

  return score;
}
